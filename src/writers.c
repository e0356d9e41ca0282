/* writers.c — the table of output formats and the style-file search shared by the writers. */
#include "writers.h"

#include <limits.h>
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
    {NULL, NULL, NULL, NULL},
};

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

static char *join_path(const char *dir, const char *name, const char *ext)
{
    fo_buf b = {0};
    fo_buf_printf(&b, "%s/%s%s", dir, name, ext);
    return fo_buf_steal(&b);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

char *fo_style_path(const fo_write_opts *opts, const char *name, const char *ext, fo_diag *d)
{
    if (!name)
        name = "default";
    if (strchr(name, '/') || ends_with(name, ext)) {
        if (access(name, R_OK) == 0)
            return fo_xstrdup(name);
        fo_error(d, 0, 0, "style file %s cannot be read", name);
        return NULL;
    }
    const char *dirs[4] = {opts ? opts->style_dir : NULL, getenv("FOLIO_STYLES"), NULL, NULL};
    char exe[PATH_MAX], bin_styles[PATH_MAX + 32], share_styles[PATH_MAX + 32];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        snprintf(bin_styles, sizeof bin_styles, "%s/../styles", exe);
        snprintf(share_styles, sizeof share_styles, "%s/../share/folio/styles", exe);
        dirs[2] = bin_styles;
        dirs[3] = share_styles;
    }
    for (size_t i = 0; i < 4; i++) {
        if (!dirs[i] || !*dirs[i])
            continue;
        char *path = join_path(dirs[i], name, ext);
        if (access(path, R_OK) == 0)
            return path;
        free(path);
    }
    fo_error(d, 0, 0, "no style named '%s' (looked for %s%s in --style-dir, $FOLIO_STYLES, "
             "styles/ beside the binary and share/folio/styles)", name, name, ext);
    return NULL;
}
