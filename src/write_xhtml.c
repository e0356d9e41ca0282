/* write_xhtml.c — the document as XHTML5: the rendering shared with the EPUB (xhtml.h) and the
 * `-t html` writer, one self-contained page with its stylesheets inline.
 *
 * Markup, kind by kind:
 *   section   <section id="sec-1"> with <hN> (N = level + 1; the title block has the <h1>) showing
 *             marker + title: <span class="label">亮点一</span><span class="sep">：</span>title,
 *             or <span class="marker">（一）</span>title for an enumerator
 *   para      <p> (class = its role, "lead" …); a run-in head is <strong class="runin"> leading it
 *   figure    <figure> [<img>] <figcaption>caption <span class="credit">credit</span></figcaption>
 *   citetitle <cite> — the 《》 marks are text in the model, so the stylesheet keeps cite upright
 */
#include "writers.h"
#include "xhtml.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- escaping ---- */

/* Length of the UTF-8 sequence at `s` if it is well formed and a character XML allows, else 0. */
static size_t xml_char_len(const unsigned char *s)
{
    unsigned c = s[0];
    size_t n;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, cp = c & 0x07;
    else
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    if (overlong || surrogate || cp > 0x10FFFF || cp == 0xFFFE || cp == 0xFFFF)
        return 0;
    return n;
}

void fo_xhtml_escape(fo_buf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        switch (*p) {
        case '&': fo_buf_puts(out, "&amp;"); p++; continue;
        case '<': fo_buf_puts(out, "&lt;"); p++; continue;
        case '>': fo_buf_puts(out, "&gt;"); p++; continue;
        case '"': fo_buf_puts(out, "&quot;"); p++; continue;
        default: break;
        }
        if (*p < 0x20 && *p != '\t' && *p != '\n') {
            p++;                                    /* C0 controls are not XML characters */
            continue;
        }
        size_t n = xml_char_len(p);
        if (n == 0) {
            fo_buf_puts(out, "\xEF\xBF\xBD");      /* U+FFFD for a byte that is not UTF-8 */
            p++;
            continue;
        }
        fo_buf_append(out, p, n);
        p += n;
    }
}

/* ---- dates ---- */

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

bool fo_xhtml_is_w3c_date(const char *s)
{
    if (!s || strlen(s) < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
        !digits(s + 8, 2))
        return false;
    int month = atoi(s + 5), day = atoi(s + 8);
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return false;
    s += 10;
    if (!*s)
        return true;
    if (s[0] != 'T' || !digits(s + 1, 2) || s[3] != ':' || !digits(s + 4, 2))
        return false;
    s += 6;
    if (s[0] == ':' && digits(s + 1, 2))
        s += 3;
    if (strcmp(s, "Z") == 0)
        return true;
    return (s[0] == '+' || s[0] == '-') && digits(s + 1, 2) && s[3] == ':' && digits(s + 4, 2) && !s[6];
}

/* "2025-01-16T16:16+08:00" → "2025年1月16日 16:16"; other forms are shown as they are. */
static void put_date(fo_buf *out, const char *date)
{
    int y, mo, d, h, mi;
    int fields = sscanf(date, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi);
    if (!fo_xhtml_is_w3c_date(date) || fields < 3) {
        fo_xhtml_escape(out, date);
        return;
    }
    fo_buf_printf(out, "%d年%d月%d日", y, mo, d);
    if (fields == 5)
        fo_buf_printf(out, " %02d:%02d", h, mi);
}

/* ---- document frame ---- */

const char *fo_xhtml_doc_title(const fo_doc *doc)
{
    return doc->meta.title && *doc->meta.title ? doc->meta.title : "无标题";
}

void fo_xhtml_begin(const fo_xhtml *x, const char *title)
{
    const char *lang = x->doc->meta.language ? x->doc->meta.language : "zh-CN";
    fo_buf_puts(x->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
                        "<html xmlns=\"http://www.w3.org/1999/xhtml\"");
    if (x->epub)
        fo_buf_puts(x->out, " xmlns:epub=\"http://www.idpf.org/2007/ops\"");
    fo_buf_puts(x->out, " lang=\"");
    fo_xhtml_escape(x->out, lang);
    fo_buf_puts(x->out, "\" xml:lang=\"");
    fo_xhtml_escape(x->out, lang);
    fo_buf_puts(x->out, "\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>");
    fo_xhtml_escape(x->out, title);
    fo_buf_puts(x->out, "</title>\n");
}

void fo_xhtml_body_open(const fo_xhtml *x)
{
    fo_buf_puts(x->out, "</head>\n<body>\n");
}

void fo_xhtml_end(const fo_xhtml *x)
{
    fo_buf_puts(x->out, "</body>\n</html>\n");
}

/* ---- title block ---- */

/* "记者 龚利芳", after the affiliation unless the byline already names it as the source: the
 * seed's "新甘肃·甘肃法治报" beside "甘肃法治报" only repeats it. */
static void put_author(fo_buf *out, const fo_author *a, const char *source)
{
    bool affiliation = a->affiliation && !(source && strstr(a->affiliation, source));
    fo_buf_puts(out, "<span class=\"author\">");
    if (affiliation)
        fo_xhtml_escape(out, a->affiliation);
    if (a->role)
        fo_xhtml_escape(out, a->role);
    if (affiliation || a->role)
        fo_buf_putc(out, ' ');
    fo_xhtml_escape(out, a->name);
    fo_buf_puts(out, "</span>");
}

/* "2025年1月16日 16:16 · 甘肃法治报 · 记者 龚利芳", each part only when known. */
static void put_byline(const fo_xhtml *x)
{
    const fo_meta *m = &x->doc->meta;
    bool creators = false;
    for (const fo_author *a = m->authors; a && !creators; a = a->next)
        creators = fo_author_is_creator(a);
    if (!m->date && !m->source && !creators)
        return;
    fo_buf *out = x->out;
    const char *sep = "";
    fo_buf_puts(out, "<p class=\"byline\">");
    if (m->date) {
        if (fo_xhtml_is_w3c_date(m->date)) {
            fo_buf_puts(out, "<time datetime=\"");
            fo_xhtml_escape(out, m->date);
            fo_buf_puts(out, "\">");
            put_date(out, m->date);
            fo_buf_puts(out, "</time>");
        } else {
            fo_buf_puts(out, "<span class=\"date\">");
            fo_xhtml_escape(out, m->date);
            fo_buf_puts(out, "</span>");
        }
        sep = " · ";
    }
    if (m->source) {
        fo_buf_printf(out, "%s<span class=\"source\">", sep);
        fo_xhtml_escape(out, m->source);
        fo_buf_puts(out, "</span>");
        sep = " · ";
    }
    bool first = true;
    for (const fo_author *a = m->authors; a; a = a->next) {
        if (!fo_author_is_creator(a))
            continue; /* editors and checkers are credited in the metadata, not the byline */
        fo_buf_puts(out, first ? sep : "　");
        put_author(out, a, m->source);
        first = false;
    }
    fo_buf_puts(out, "</p>\n");
}

void fo_xhtml_title_block(const fo_xhtml *x)
{
    const fo_meta *m = &x->doc->meta;
    fo_buf *out = x->out;
    fo_buf_puts(out, x->epub ? "<header class=\"titlepage\" epub:type=\"titlepage\">\n"
                             : "<header class=\"titlepage\">\n");
    fo_buf_puts(out, "<h1 class=\"title\">");
    fo_xhtml_escape(out, fo_xhtml_doc_title(x->doc));
    fo_buf_puts(out, "</h1>\n");
    if (m->subtitle) {
        /* The model keeps the subtitle without its dashes; Chinese print sets them before it. */
        fo_buf_puts(out, "<p class=\"subtitle\">——");
        fo_xhtml_escape(out, m->subtitle);
        fo_buf_puts(out, "</p>\n");
    }
    if (m->original_title && m->title && strcmp(m->original_title, m->title) != 0) {
        fo_buf_puts(out, "<p class=\"original-title\">原标题：");
        fo_xhtml_escape(out, m->original_title);
        fo_buf_puts(out, "</p>\n");
    }
    put_byline(x);
    fo_buf_puts(out, "</header>\n");
}

void fo_xhtml_rights(const fo_xhtml *x)
{
    if (!x->doc->meta.rights)
        return;
    fo_buf_puts(x->out, "<footer class=\"rights\">\n<p>");
    fo_xhtml_escape(x->out, x->doc->meta.rights);
    fo_buf_puts(x->out, "</p>\n</footer>\n");
}

/* ---- inlines ---- */


static bool is_ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Text for vertical writing: a number of one or two digits standing alone ("12月", "第3条") is set
 * upright in one cell (縦中横, tate-chu-yoko); longer numbers and Latin words stay sideways. */
static void put_text_upright_digits(fo_buf *out, const char *s)
{
    size_t len = strlen(s), plain = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] < '0' || s[i] > '9') {
            i++;
            continue;
        }
        size_t end = i;
        while (end < len && s[end] >= '0' && s[end] <= '9')
            end++;
        bool alone = (i == 0 || (!is_ascii_alnum(s[i - 1]) && s[i - 1] != '.')) &&
                     (end == len || (!is_ascii_alnum(s[end]) && s[end] != '.' && s[end] != '%'));
        if (end - i <= 2 && alone) {
            char *chunk = fo_xmalloc(i - plain + 1);
            memcpy(chunk, s + plain, i - plain);
            chunk[i - plain] = '\0';
            fo_xhtml_escape(out, chunk);
            free(chunk);
            fo_buf_puts(out, "<span class=\"tcy\">");
            fo_buf_append(out, s + i, end - i);
            fo_buf_puts(out, "</span>");
            plain = end;
        }
        i = end;
    }
    fo_xhtml_escape(out, s + plain);
}

static void put_inline(const fo_xhtml *x, const fo_node *n)
{
    fo_buf *out = x->out;
    switch (n->kind) {
    case FO_TEXT:
        if (x->upright_digits)
            put_text_upright_digits(out, n->u.text.str);
        else
            fo_xhtml_escape(out, n->u.text.str);
        break;
    case FO_STRONG:
        fo_buf_puts(out, "<strong>");
        fo_xhtml_inlines(x, n);
        fo_buf_puts(out, "</strong>");
        break;
    case FO_EMPH:
        fo_buf_puts(out, "<em>");
        fo_xhtml_inlines(x, n);
        fo_buf_puts(out, "</em>");
        break;
    case FO_CITETITLE:
        fo_buf_puts(out, "<cite>");
        fo_xhtml_inlines(x, n);
        fo_buf_puts(out, "</cite>");
        break;
    case FO_LINK:
        fo_buf_puts(out, "<a href=\"");
        fo_xhtml_escape(out, n->u.link.url);
        fo_buf_puts(out, "\">");
        fo_xhtml_inlines(x, n);
        fo_buf_puts(out, "</a>");
        break;
    case FO_LINEBREAK:
        fo_buf_puts(out, "<br/>");
        break;
    default:
        /* blocks never sit among inlines (fo_doc_check); an inline container is transparent */
        fo_xhtml_inlines(x, n);
        break;
    }
}

void fo_xhtml_inlines(const fo_xhtml *x, const fo_node *parent)
{
    for (const fo_node *c = parent ? parent->first : NULL; c; c = c->next)
        put_inline(x, c);
}

/* What stands between a label and its title in a marker that reads as a name ("亮点一：",
 * "第一章 "), as opposed to an enumerator ("一、", "（一）", "1."): a colon or a space. */
static bool is_name_separator(const char *sep)
{
    return strcmp(sep, "：") == 0 || strcmp(sep, ":") == 0 || strcmp(sep, " ") == 0 ||
           strcmp(sep, "　") == 0 || !*sep;
}

/* The marker as markup: a named label ("亮点一" + "：") gets a label and a separator span, so the
 * stylesheet can set the label on a line of its own; an enumerator ("一、", "（一）") stays one
 * inline span.  A section with a label but no marker shows the label and an ideographic space. */
static void put_marker(const fo_xhtml *x, const char *label, const char *marker)
{
    fo_buf *out = x->out;
    size_t n = label ? strlen(label) : 0;
    if (!marker || !*marker) {
        fo_buf_puts(out, "<span class=\"label\">");
        fo_xhtml_escape(out, label);
        fo_buf_puts(out, "</span><span class=\"sep\">　</span>");
    } else if (n && strncmp(marker, label, n) == 0 && is_name_separator(marker + n)) {
        fo_buf_puts(out, "<span class=\"label\">");
        fo_xhtml_escape(out, label);
        fo_buf_puts(out, "</span>");
        if (marker[n]) {
            fo_buf_puts(out, "<span class=\"sep\">");
            fo_xhtml_escape(out, marker + n);
            fo_buf_puts(out, "</span>");
        }
    } else {
        fo_buf_puts(out, "<span class=\"marker\">");
        fo_xhtml_escape(out, marker);
        fo_buf_puts(out, "</span>");
    }
}

static bool has_text(const char *s)
{
    return s && *s;
}

char *fo_xhtml_heading_plain(const fo_node *section)
{
    fo_buf b = {0};
    const char *label = section->u.section.label, *marker = section->u.section.marker;
    if (has_text(marker))
        fo_buf_puts(&b, marker);
    else if (has_text(label))
        fo_buf_printf(&b, "%s　", label);
    char *title = fo_node_text(section->u.section.title);
    fo_buf_puts(&b, title);
    free(title);
    return fo_buf_steal(&b);
}

void fo_xhtml_heading_text(const fo_xhtml *x, const fo_node *section, bool markup)
{
    const char *label = section->u.section.label, *marker = section->u.section.marker;
    if (!markup) {
        char *plain = fo_xhtml_heading_plain(section);
        fo_xhtml_escape(x->out, plain);
        free(plain);
        return;
    }
    if (has_text(label) || has_text(marker))
        put_marker(x, label, marker);
    fo_xhtml_inlines(x, section->u.section.title);
}

/* ---- blocks ---- */

static void put_children(const fo_xhtml *x, const fo_node *n)
{
    for (const fo_node *c = n->first; c; c = c->next)
        fo_xhtml_block(x, c);
}

static void put_section(const fo_xhtml *x, const fo_node *n)
{
    fo_buf *out = x->out;
    int level = n->u.section.level < 1 ? 1 : n->u.section.level;
    int h = level + 1 > 6 ? 6 : level + 1;
    fo_buf_puts(out, "<section");
    if (n->u.section.id) {
        fo_buf_puts(out, " id=\"");
        fo_xhtml_escape(out, n->u.section.id);
        fo_buf_putc(out, '"');
    }
    if (x->epub)
        fo_buf_puts(out, level == 1 ? " epub:type=\"chapter\"" : " epub:type=\"subchapter\"");
    fo_buf_printf(out, ">\n<h%d>", h);
    fo_xhtml_heading_text(x, n, true);
    fo_buf_printf(out, "</h%d>\n", h);
    put_children(x, n);
    fo_buf_puts(out, "</section>\n");
}

static void put_para(const fo_xhtml *x, const fo_node *n)
{
    fo_buf *out = x->out;
    fo_buf_puts(out, "<p");
    if (n->u.para.role) {
        fo_buf_puts(out, " class=\"");
        fo_xhtml_escape(out, n->u.para.role);
        fo_buf_putc(out, '"');
    }
    fo_buf_putc(out, '>');
    if (n->u.para.head) {
        fo_buf_puts(out, "<strong class=\"runin\">");
        fo_xhtml_inlines(x, n->u.para.head);
        fo_buf_puts(out, "</strong>");
    }
    fo_xhtml_inlines(x, n);
    fo_buf_puts(out, "</p>\n");
}

static void put_figure(const fo_xhtml *x, const fo_node *n)
{
    fo_buf *out = x->out;
    const char *src = x->image ? x->image(x->image_user, n) : n->u.figure.image;
    fo_buf_puts(out, src ? "<figure class=\"photo\">\n" : "<figure class=\"caption-only\">\n");
    if (src) {
        char *alt = fo_node_text(n->u.figure.caption);
        fo_buf_puts(out, "<img src=\"");
        fo_xhtml_escape(out, src);
        fo_buf_puts(out, "\" alt=\"");
        fo_xhtml_escape(out, alt);
        fo_buf_puts(out, "\"/>\n");
        free(alt);
    }
    if (n->u.figure.caption || n->u.figure.credit) {
        fo_buf_puts(out, "<figcaption>");
        fo_xhtml_inlines(x, n->u.figure.caption);
        if (n->u.figure.credit) {
            if (n->u.figure.caption)
                fo_buf_putc(out, ' ');
            fo_buf_puts(out, "<span class=\"credit\">");
            fo_xhtml_escape(out, n->u.figure.credit);
            fo_buf_puts(out, "</span>");
        }
        fo_buf_puts(out, "</figcaption>\n");
    }
    fo_buf_puts(out, "</figure>\n");
}

void fo_xhtml_block(const fo_xhtml *x, const fo_node *n)
{
    fo_buf *out = x->out;
    switch (n->kind) {
    case FO_SECTION:
        put_section(x, n);
        break;
    case FO_PARA:
        put_para(x, n);
        break;
    case FO_FIGURE:
        put_figure(x, n);
        break;
    case FO_BLOCKQUOTE:
        fo_buf_puts(out, "<blockquote>\n");
        put_children(x, n);
        fo_buf_puts(out, "</blockquote>\n");
        break;
    case FO_LIST:
        if (!n->u.list.ordered)
            fo_buf_puts(out, "<ul>\n");
        else if (n->u.list.start > 1)
            fo_buf_printf(out, "<ol start=\"%d\">\n", n->u.list.start);
        else
            fo_buf_puts(out, "<ol>\n");
        put_children(x, n);
        fo_buf_puts(out, n->u.list.ordered ? "</ol>\n" : "</ul>\n");
        break;
    case FO_ITEM:
        fo_buf_puts(out, "<li>\n");
        put_children(x, n);
        fo_buf_puts(out, "</li>\n");
        break;
    case FO_RULE:
        fo_buf_puts(out, "<hr/>\n");
        break;
    case FO_TABLE: /* for now a table reads as its cells' blocks, in order */
    case FO_ROW:
    case FO_CELL:
    case FO_DOCUMENT:
        put_children(x, n);
        break;
    default:
        /* a stray inline at block level still reaches the reader, in a paragraph */
        fo_buf_puts(out, "<p>");
        put_inline(x, n);
        fo_buf_puts(out, "</p>\n");
        break;
    }
}

/* ---- -t html: one page ---- */

/* The stylesheet inline, in a CDATA section commented out for CSS, so that it reads the same
 * parsed as XML or as HTML. */
static void put_style(fo_buf *out, const char *css)
{
    fo_buf_puts(out, "<style>/*<![CDATA[*/\n");
    for (const char *p = css; *p; p++) {
        if (strncmp(p, "]]>", 3) == 0) {
            fo_buf_puts(out, "]]]]><![CDATA[>");
            p += 2;
        } else if ((unsigned char)*p >= 0x20 || *p == '\n' || *p == '\t') {
            fo_buf_putc(out, *p);
        }
    }
    fo_buf_puts(out, "\n/*]]>*/</style>\n");
}

static int put_style_file(fo_buf *out, const char *path, fo_diag *d)
{
    size_t len;
    char *css = fo_read_file(path, &len, d);
    if (!css)
        return -1;
    put_style(out, css);
    free(css);
    return 0;
}

char *fo_xhtml_css_path(const fo_write_opts *opts, fo_diag *d)
{
    const char *style = opts ? opts->style : NULL;
    if (!style)
        return fo_style_path(opts, "default", ".css", d);
    size_t n = strlen(style);
    if (n > 4 && strcmp(style + n - 4, ".ini") == 0) {
        fo_buf b = {0};
        fo_buf_printf(&b, "%.*s.css", (int)(n - 4), style);
        char *path = fo_style_path(opts, b.data, ".css", d);
        fo_buf_free(&b);
        return path;
    }
    return fo_style_path(opts, style, ".css", d);
}

int fo_write_xhtml(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d)
{
    static const fo_write_opts defaults = {0};
    if (!opts)
        opts = &defaults;
    int status = -1;
    char *style = NULL, *vertical = NULL;
    fo_xhtml x = {.out = out, .doc = doc};

    style = fo_xhtml_css_path(opts, d);
    if (!style)
        goto done;
    if (opts->vertical && !(vertical = fo_style_path(opts, "vertical", ".css", d)))
        goto done;
    fo_xhtml_begin(&x, fo_xhtml_doc_title(doc));
    if (put_style_file(out, style, d) != 0 || (vertical && put_style_file(out, vertical, d) != 0))
        goto done;
    for (size_t i = 0; i < opts->n_css; i++)
        if (put_style_file(out, opts->css[i], d) != 0)
            goto done;
    fo_xhtml_body_open(&x);
    fo_buf_puts(out, "<article>\n");
    fo_xhtml_title_block(&x);
    fo_xhtml_block(&x, doc->root);
    fo_xhtml_rights(&x);
    fo_buf_puts(out, "</article>\n");
    fo_xhtml_end(&x);
    status = 0;
done:
    free(vertical);
    free(style);
    return status;
}
