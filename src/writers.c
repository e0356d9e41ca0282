/* writers.c — the table of output formats. */
#include "writers.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const fo_format fo_formats[] = {
    {"docbook", ".xml .dbk", fo_write_docbook, "DocBook 5.0 XML (archive)"},
    {"epub", ".epub", fo_write_epub, "EPUB 3 with an EPUB 2 NCX (e-readers)"},
    {"pdf", ".pdf", fo_write_pdf, "A4 PDF with embedded CJK fonts (print)"},
    {"html", ".html .xhtml .htm", fo_write_xhtml, "one XHTML5 page"},
    {"native", ".native", fo_write_native, "the document tree, for tests and debugging"},
    {"layout", ".layout", fo_write_layout, "the PDF's pages as text, for tests and debugging"},
    {NULL, NULL, NULL, NULL},
};

/* ---- the per-process context: a few keyed values ---- */

enum { CTX_SLOTS = 8 };

struct fo_write_ctx {
    struct {
        const char *key;
        void *value;
        void (*free_fn)(void *);
    } slot[CTX_SLOTS];
};

fo_write_ctx *fo_write_ctx_new(void) { return calloc(1, sizeof(fo_write_ctx)); }

void fo_write_ctx_free(fo_write_ctx *ctx)
{
    if (!ctx)
        return;
    for (int i = 0; i < CTX_SLOTS; i++)
        if (ctx->slot[i].key && ctx->slot[i].free_fn)
            ctx->slot[i].free_fn(ctx->slot[i].value);
    free(ctx);
}

void *fo_write_ctx_get(const fo_write_ctx *ctx, const char *key)
{
    for (int i = 0; ctx && i < CTX_SLOTS; i++)
        if (ctx->slot[i].key && strcmp(ctx->slot[i].key, key) == 0)
            return ctx->slot[i].value;
    return NULL;
}

bool fo_write_ctx_put(fo_write_ctx *ctx, const char *key, void *value, void (*free_fn)(void *))
{
    for (int i = 0; i < CTX_SLOTS; i++) {
        if (!ctx->slot[i].key || strcmp(ctx->slot[i].key, key) == 0) {
            if (ctx->slot[i].key && ctx->slot[i].free_fn)
                ctx->slot[i].free_fn(ctx->slot[i].value);
            ctx->slot[i].key = key;
            ctx->slot[i].value = value;
            ctx->slot[i].free_fn = free_fn;
            return true;
        }
    }
    return false;
}

/* ---- formats ---- */

const fo_format *fo_format_by_name(const char *name)
{
    for (const fo_format *f = fo_formats; f->name; f++)
        if (strcasecmp(f->name, name) == 0)
            return f;
    return NULL;
}

const fo_format *fo_format_by_path(const char *path)
{
    for (const fo_format *f = fo_formats; f->name; f++)
        if (fo_path_has_extension(path, f->extensions))
            return f;
    return NULL;
}
