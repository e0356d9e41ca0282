/* readers.c — the table of input formats, and reading an article from its bytes. */
#include "readers.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

const fo_input_format fo_input_formats[] = {
    {"text", ".txt .text", fo_read_text, "plain-text article as copied off a web page", false},
    {"docbook", ".xml .dbk", fo_read_docbook, "DocBook 5 (<article> or <book>), e.g. folio's own archive", false},
    {"html", ".html .htm .xhtml .shtml", fo_read_html, "a saved web page (HTML)", true},
    {NULL, NULL, NULL, NULL, false},
};

const fo_input_format *fo_input_format_by_name(const char *name)
{
    for (const fo_input_format *f = fo_input_formats; f->name; f++)
        if (strcasecmp(f->name, name) == 0)
            return f;
    return NULL;
}

const fo_input_format *fo_input_format_by_path(const char *path)
{
    for (const fo_input_format *f = fo_input_formats; f->name; f++)
        if (fo_path_has_extension(path, f->extensions))
            return f;
    return &fo_input_formats[0];
}

/* -M overrides, on top of what the reader found. */
static int apply_metadata(fo_doc *doc, const fo_read_opts *opts, fo_diag *d)
{
    for (size_t i = 0; opts && i < opts->n_meta; i++) {
        const char *kv = opts->meta[i], *eq = strchr(kv, '=');
        char *key = eq ? strndup(kv, (size_t)(eq - kv)) : NULL;
        bool set = key && fo_meta_set(doc, key, eq + 1);
        free(key);
        if (!set) {
            fo_error(d, 0, 0, "-M %s: not a KEY=VALUE with a known key", kv);
            return -1;
        }
    }
    return 0;
}

/* The document is finished and sound, or the error says why not; a title it lacks is noted once
 * here rather than by each writer. */
static int finish(fo_doc *doc, const fo_input_format *format, fo_diag *d)
{
    fo_doc_finish(doc);
    const char *problem = fo_doc_check(doc);
    if (problem) {
        fo_error(d, 0, 0, "the %s reader built a malformed document (a bug in folio): %s", format->name, problem);
        return -1;
    }
    if (!doc->meta.title || !*doc->meta.title)
        fo_warn(d, 0, 0, "the %s has no title; every output calls it %s",
                fo_doc_is_collection(doc) ? "collection" : "article", fo_doc_title(doc));
    return 0;
}

/* fo_read_bytes and fo_read_owned: `owned`, when not NULL, is `bytes` and is freed as soon as the
 * reader no longer needs it (a text reader: once decoded). */
static fo_doc *read_bytes(const fo_input_format *format, const char *bytes, size_t len, const char *name,
                          const fo_read_opts *opts, fo_diag *d, char *owned)
{
    static const fo_read_opts defaults = {0};
    if (!format)
        format = &fo_input_formats[0];
    if (!format->raw && fo_looks_binary(bytes, len)) {
        const char *nul = memchr(bytes, '\0', len);
        if (nul)
            fo_error(d, 0, 0, "this is a binary file, not an article (NUL byte at byte offset %zu)",
                     (size_t)(nul - bytes));
        else
            fo_error(d, 0, 0, "this is a binary file, not an article (control bytes in the first 8 KB)");
        free(owned);
        return NULL;
    }
    fo_read_opts with_path = *(opts ? opts : &defaults);
    if (!with_path.input_path)
        with_path.input_path = name;
    fo_doc *doc;
    if (format->raw) {
        doc = format->read(bytes, len, &with_path, d);
        free(owned);
    } else {
        size_t text_len;
        char *text = fo_decode_input(bytes, len, &text_len, NULL, d);
        free(owned); /* the reader needs only the text: the input is not held twice */
        if (!text)
            return NULL;
        doc = format->read(text, text_len, &with_path, d);
        free(text);
    }
    if (doc) {
        doc->input_name = name;
        for (size_t i = 0; i < doc->n_parts; i++) /* a DocBook book of articles */
            doc->parts[i]->input_name = name;
        if (apply_metadata(doc, opts, d) != 0 || finish(doc, format, d) != 0) {
            fo_doc_free(doc);
            doc = NULL;
        }
    }
    return doc;
}

fo_doc *fo_read_bytes(const fo_input_format *format, const char *bytes, size_t len, const char *name,
                      const fo_read_opts *opts, fo_diag *d)
{
    return read_bytes(format, bytes, len, name, opts, d, NULL);
}

fo_doc *fo_read_owned(const fo_input_format *format, char *bytes, size_t len, const char *name,
                      const fo_read_opts *opts, fo_diag *d)
{
    return read_bytes(format, bytes, len, name, opts, d, bytes);
}
