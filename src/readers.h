/* readers.h — every input format folio reads, behind one signature, and the one way to read.
 *
 * A reader gets the decoded input (UTF-8, "\n" line ends: see fo_decode_input) and builds a
 * document; a reader marked `raw` gets the input's bytes as they are and finds their encoding itself
 * (HTML declares it in <meta charset>).  It never knows which writer will run.  On failure it
 * records an error with a position in `d` and returns NULL.  Nobody calls a reader directly:
 * fo_read_bytes decodes the input (or hands a raw reader its bytes), runs the reader, applies the
 * -M overrides, finishes the model and checks it, for folio itself, the fuzzers and the tests
 * alike.  A new reader is one function and one line in fo_input_formats.
 */
#ifndef FOLIO_READERS_H
#define FOLIO_READERS_H

#include <stdio.h>

#include "doc.h"
#include "util.h"

typedef struct fo_read_opts {
    bool keep_punctuation;      /* --keep-punctuation: leave ASCII , : ; ( ) ! ? between Han alone */
    FILE *explain;              /* --explain: one line per input line, its class and the rule */
    const char *input_path;     /* the file being read (images are looked up beside it); NULL: none;
                                   fo_read_bytes sets it to the input's name */
    const char *const *resource_paths; /* --resource-path: more folders to look for images in */
    size_t n_resource_paths;
    bool skip_bad_images;       /* --skip-bad-images: a damaged image is a warning, not an error */
    const char *const *meta;    /* -M "key=value" overrides, n_meta of them, applied after the reader
                                   (keys from fo_meta_key_known) */
    size_t n_meta;
} fo_read_opts;

typedef fo_doc *(*fo_reader_fn)(const char *text, size_t len, const fo_read_opts *opts, fo_diag *d);

fo_doc *fo_read_text(const char *text, size_t len, const fo_read_opts *opts, fo_diag *d);
/* DocBook 5 (read_docbook.c): everything write_docbook.c writes, and the common DocBook of other
 * tools; what the model cannot hold is reported once per element name.  Pictures (imagedata
 * fileref) are loaded beside the input as for HTML (picture.h). */
fo_doc *fo_read_docbook(const char *text, size_t len, const fo_read_opts *opts, fo_diag *d);
/* A saved web page: the article's main content, its metadata, photos and tables (read_html.c). */
fo_doc *fo_read_html(const char *bytes, size_t len, const fo_read_opts *opts, fo_diag *d);

typedef struct fo_input_format {
    const char *name;
    const char *extensions;     /* space-separated, with dots */
    fo_reader_fn read;
    const char *description;
    bool raw;                   /* takes the undecoded bytes and detects their encoding itself */
} fo_input_format;

extern const fo_input_format fo_input_formats[];  /* terminated by name == NULL */
const fo_input_format *fo_input_format_by_name(const char *name);
/* From the extension; the plain-text reader when unknown (articles come as .txt or no extension). */
const fo_input_format *fo_input_format_by_path(const char *path);

/* Read an article from the bytes of its file: refuse a binary file and decode it (fo_decode_input)
 * unless the reader is raw, run `format`'s reader (NULL: the plain-text reader), apply opts->meta,
 * finish the model (fo_doc_finish) and check its invariants (fo_doc_check).  `name` names the
 * input in messages and, unless opts->input_path says otherwise, is where images the article names
 * are looked for (borrowed: it must outlive the document).
 * Returns the document (caller frees), or NULL with an error in `d`.  A DocBook book of articles
 * comes back as a collection (doc.h), its parts finished too. */
fo_doc *fo_read_bytes(const fo_input_format *format, const char *bytes, size_t len, const char *name,
                      const fo_read_opts *opts, fo_diag *d);
/* The same with the bytes handed over (malloc'ed; always freed): they are freed as soon as they are
 * decoded, so a large input is not held twice while the reader builds the document. */
fo_doc *fo_read_owned(const fo_input_format *format, char *bytes, size_t len, const char *name,
                      const fo_read_opts *opts, fo_diag *d);

#endif
