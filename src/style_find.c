/* style_find.c — finding style files (see style_find.h). */
#include "style_find.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The Makefile defines it: the source tree's styles/ for build/folio, DATADIR/styles for the
 * installed binary.  Without it (a compiler run by hand), styles/ of the current directory. */
#ifndef FOLIO_STYLE_DIR
#define FOLIO_STYLE_DIR "styles"
#endif

const char *fo_style_builtin_dir(void) { return FOLIO_STYLE_DIR; }

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A style is a regular file: a directory or a device (/dev/zero never ends) is not one. */
static char *readable_copy(const char *path, fo_diag *d)
{
    struct stat st;
    if (access(path, R_OK) == 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode))
        return fo_xstrdup(path);
    fo_error(d, 0, 0, "style file %s cannot be read%s", path,
             stat(path, &st) == 0 && !S_ISREG(st.st_mode) ? ": it is not a regular file" : "");
    return NULL;
}

static char *search(const char *style_dir, const char *name, const char *ext, fo_diag *d)
{
    const char *dirs[] = {style_dir, getenv("FOLIO_STYLES"), FOLIO_STYLE_DIR};
    fo_buf path = {0};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        if (!dirs[i] || !*dirs[i])
            continue;
        path.len = 0;
        fo_buf_printf(&path, "%s/%s%s", dirs[i], name, ext);
        if (access(path.data, R_OK) == 0)
            return fo_buf_steal(&path);
    }
    fo_buf_free(&path);
    fo_error(d, 0, 0, "no style named '%s' (looked for %s%s in --style-dir, $FOLIO_STYLES and %s)", name, name,
             ext, FOLIO_STYLE_DIR);
    return NULL;
}

char *fo_style_find(const char *style_dir, const char *style, const char *ext, fo_diag *d)
{
    const char *name = style ? style : "default";
    if (strcmp(ext, ".css") == 0 && ends_with(name, ".ini")) {
        /* the stylesheet that goes with a style's .ini file: the .css beside it */
        fo_buf css = {0};
        fo_buf_printf(&css, "%.*s.css", (int)(strlen(name) - 4), name);
        char *path = fo_style_find(style_dir, css.data, ext, d);
        fo_buf_free(&css);
        return path;
    }
    if (strchr(name, '/') || ends_with(name, ext))
        return readable_copy(name, d);
    return search(style_dir, name, ext, d);
}
