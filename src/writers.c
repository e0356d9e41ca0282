/* writers.c — the table of output formats. */
#include "writers.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

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

/* ---- stylesheets and fonts named on the command line ---- */

/* Where CSS comments and strings end, so braces and "</style" are looked for in the rules only …
 * though "</style" is refused anywhere: inside a comment it still ends the HTML page's <style>. */
static size_t skip_css_token(const char *s, size_t i, size_t len)
{
    if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
        const char *end = strstr(s + i + 2, "*/");
        return end ? (size_t)(end - s) + 2 : len;
    }
    if (s[i] == '"' || s[i] == '\'') {
        size_t k = i + 1;
        while (k < len && s[k] != s[i] && s[k] != '\n')
            k += s[k] == '\\' ? 2 : 1;
        return k < len ? k + 1 : len;
    }
    return i + 1;
}

static int css_line(const char *s, size_t at)
{
    int line = 1;
    for (size_t i = 0; i < at; i++)
        line += s[i] == '\n';
    return line;
}

int fo_css_check(const char *css, size_t len, const char *path, fo_diag *d)
{
    for (size_t i = 0; i + 7 <= len; i++) {
        if (strncasecmp(css + i, "</style", 7) == 0) {
            fo_error(d, 0, 0, "%s:%d: '</style' cannot be in a stylesheet (an HTML page embeds it in <style>)", path,
                     css_line(css, i));
            return -1;
        }
    }
    long depth = 0;
    size_t rules = 0, content = 0;
    for (size_t i = 0; i < len;) {
        size_t next = skip_css_token(css, i, len);
        bool token = next == i + 1;
        if (token && css[i] == '{')
            depth++, rules++;
        if (token && css[i] == '}' && --depth < 0)
            break;
        if (!(token && (css[i] == ' ' || css[i] == '\t' || css[i] == '\n' || css[i] == '\r')) &&
            !(css[i] == '/' && next > i + 1 && css[i + 1] == '*'))
            content++;
        i = next;
    }
    if (depth != 0 || (content && !rules)) {
        fo_error(d, 0, 0, "%s does not look like a stylesheet (%s)", path,
                 depth ? "its braces { } do not pair up" : "no rule of the form: selector { property: value }");
        return -1;
    }
    return 0;
}

char *fo_read_css(const char *path, size_t *len, fo_diag *d)
{
    char *css = fo_read_text_file(path, len, d);
    if (css && fo_css_check(css, *len, path, d) != 0) {
        free(css);
        return NULL;
    }
    return css;
}

char *fo_font_spec_parse(const char *spec, int *index, fo_diag *d)
{
    *index = 0;
    const char *colon = strrchr(spec, ':');
    if (!colon || access(spec, F_OK) == 0) /* a file whose name holds ':' is that file */
        return fo_xstrdup(spec);
    const char *n = colon + 1;
    size_t digits = strspn(n, "0123456789");
    if (colon == spec || !*n || n[digits] || digits > 5 || atol(n) > FO_MAX_FONT_FACE) {
        fo_error(d, 0, 0, "--font %s: expected FILE or FILE:INDEX, INDEX a face number from 0 to %d", spec,
                 FO_MAX_FONT_FACE);
        return NULL;
    }
    *index = (int)atol(n);
    char *file = fo_xstrdup(spec);
    file[colon - spec] = '\0';
    return file;
}
