/* writers.h — every output format folio writes, behind one signature.
 *
 * A writer walks a finished document (fo_doc_finish) read-only and appends the bytes of the whole
 * output to `out`.  It never touches the file system for its output: main.c writes the buffer
 * atomically (temporary file + rename) or to stdout, and the fuzzers keep it in memory.
 * On failure a writer records an error in `d` and returns -1; `out` is then left to the caller to free.
 */
#ifndef FOLIO_WRITERS_H
#define FOLIO_WRITERS_H

#include "doc.h"
#include "util.h"

/* What a writer may keep from one document to the next in the same process: the PDF writer's fonts
 * (fontconfig's configuration, the font files opened and parsed), so a batch does that once per
 * worker, not once per article.  Each writer stores its own things under a key of its own; the
 * context frees them.  Whoever converts many documents makes one (batch.c); NULL otherwise. */
typedef struct fo_write_ctx fo_write_ctx;

fo_write_ctx *fo_write_ctx_new(void);
void fo_write_ctx_free(fo_write_ctx *ctx);                /* frees every value kept; NULL is fine */
/* The value kept under `key`, NULL when there is none (or `ctx` is NULL). */
void *fo_write_ctx_get(const fo_write_ctx *ctx, const char *key);
/* Keep `value` under `key` (replacing and freeing what was there) until the context is freed, then
 * `free_fn(value)`.  `key` must outlive the context (a string literal).  Returns false, keeping
 * nothing, when the context is full: the caller still owns `value`. */
bool fo_write_ctx_put(fo_write_ctx *ctx, const char *key, void *value, void (*free_fn)(void *));

typedef struct fo_write_opts {
    const char *style;          /* --style NAME or path; NULL means "default" */
    const char *style_dir;      /* directory that holds default.ini, default.css …; NULL: search */
    const char *const *css;     /* extra stylesheets (--css FILE), n_css of them */
    size_t n_css;
    const char *font;           /* --font FILE[:INDEX]; NULL: fontconfig decides */
    bool vertical;              /* --vertical: vertical-rl EPUB edition */
    int toc_depth;              /* --toc-depth: a collection's PDF contents list articles (1), their
                                   sections (2) …; 0 means 1 */
    bool odd_article_break;     /* --article-break odd: every article of a PDF collection starts on a
                                   right-hand (odd) page */
    fo_write_ctx *ctx;          /* per-process state kept across documents; NULL: none */
} fo_write_opts;

typedef int (*fo_writer_fn)(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d);

int fo_write_native(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d);
int fo_write_docbook(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d);
int fo_write_xhtml(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d);
int fo_write_epub(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d);
int fo_write_pdf(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d);
/* The PDF's pages as text: every line and space with its place (write_pdf.c, pdf_blocks.h). */
int fo_write_layout(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d);

/* The formats, by name ("docbook", "epub" …) and by output file extension (".xml", ".epub" …). */
typedef struct fo_format {
    const char *name;
    const char *extensions;     /* space-separated, with dots: ".xml .dbk" */
    fo_writer_fn write;
    const char *description;
} fo_format;

extern const fo_format fo_formats[];       /* terminated by an entry with name == NULL */
const fo_format *fo_format_by_name(const char *name);
const fo_format *fo_format_by_path(const char *path);   /* from the extension; NULL if unknown */

/* Whether `css` (from `path`, for messages) is fit to be a stylesheet: rules with braces that pair
 * up (a file of plain text or a password file is not), and no "</style" anywhere, which would end
 * the <style> element of an HTML page early.  0, or -1 with an error in `d`. */
int fo_css_check(const char *css, size_t len, const char *path, fo_diag *d);
/* Read a stylesheet: UTF-8 text (fo_read_text_file) that passes fo_css_check.  Caller frees. */
char *fo_read_css(const char *path, size_t *len, fo_diag *d);

/* The largest font file folio opens: the biggest CJK collections (Noto's Super OTC, every weight in
 * one file) are some 120 MB; a font is mapped, not read, but a device or a huge file is no font. */
#define FO_MAX_FONT_BYTES ((size_t)256 << 20)
/* The most faces a --font collection is taken to hold (a .ttc has a few; OpenType allows 65,535). */
#define FO_MAX_FONT_FACE 65535
/* Split a --font value FILE[:INDEX]: a name that exists as it is is the file (face 0); otherwise what
 * follows the last ':' must be a face number from 0 to FO_MAX_FONT_FACE ("f.ttc:abc", "f.ttc:-1"
 * are errors).  Returns the file (caller frees) and *index, or NULL with an error in `d`. */
char *fo_font_spec_parse(const char *spec, int *index, fo_diag *d);

#endif
