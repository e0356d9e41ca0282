/* writers.c — the table of output formats and the style-file search shared by the writers. */
#include "writers.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
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
        struct stat st;
        if (access(name, R_OK) == 0 && stat(name, &st) == 0 && S_ISREG(st.st_mode))
            return fo_xstrdup(name);
        fo_error(d, 0, 0, "style file %s cannot be read%s", name,
                 stat(name, &st) == 0 && !S_ISREG(st.st_mode) ? ": it is not a regular file" : "");
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
