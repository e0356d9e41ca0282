/* test_writers.c — what every writer shares (writers.c): the formats by name and by extension, and
 * the per-process context a writer keeps its caches in. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "writers.h"

static void test_formats(void)
{
    const char *names[] = {"docbook", "epub", "pdf", "html", "native", "layout"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const fo_format *f = fo_format_by_name(names[i]);
        OK(f && f->write && !strcmp(f->name, names[i]), names[i]);
    }
    OK(fo_format_by_name("PDF") == fo_format_by_name("pdf"), "format names ignore case");
    OK(!fo_format_by_name("docx") && !fo_format_by_name(""), "unknown format names");
    struct { const char *path, *format; } paths[] = {
        {"a.xml", "docbook"}, {"dir.x/a.DBK", "docbook"}, {"a.epub", "epub"},    {"a.pdf", "pdf"},
        {"a.xhtml", "html"},  {"a.htm", "html"},          {"a.native", "native"}, {"a.layout", "layout"},
    };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        const fo_format *f = fo_format_by_path(paths[i].path);
        OK(f && !strcmp(f->name, paths[i].format), paths[i].path);
    }
    OK(!fo_format_by_path("a.txt") && !fo_format_by_path("pdf") && !fo_format_by_path("dir.pdf/a") &&
           !fo_format_by_path("a."),
       "no format for .txt, for no extension, for a dot in a directory name");
}

static int freed;
static void count_free(void *p)
{
    freed++;
    free(p);
}

static void test_context(void)
{
    OK(fo_write_ctx_get(NULL, "x") == NULL, "context: nothing in no context");
    fo_write_ctx *ctx = fo_write_ctx_new();
    OK(fo_write_ctx_get(ctx, "pdf.fonts") == NULL, "context: empty at first");
    int *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    OK(fo_write_ctx_put(ctx, "pdf.fonts", a, count_free), "context: a value kept");
    OK(fo_write_ctx_get(ctx, "pdf.fonts") == a, "context: and found under its key");
    OK(fo_write_ctx_get(ctx, "pdf.font") == NULL, "context: not under another");
    OK(fo_write_ctx_put(ctx, "pdf.fonts", b, count_free) && freed == 1 && fo_write_ctx_get(ctx, "pdf.fonts") == b,
       "context: a new value under the same key frees the old one");
    static const char *keys[] = {"k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8"};
    size_t kept = 0;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        int *v = malloc(sizeof *v);
        if (fo_write_ctx_put(ctx, keys[i], v, count_free))
            kept++;
        else
            free(v);
    }
    INT_EQ(kept, 7, "context: eight slots; when full, put says so and keeps nothing");
    fo_write_ctx_free(ctx);
    INT_EQ(freed, 1 + 1 + 7, "context: freeing it frees every value kept");
    fo_write_ctx_free(NULL);
}

int main(void)
{
    test_formats();
    test_context();
    return harness_done();
}
