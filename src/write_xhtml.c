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
 *
 * Every element but the void ones (meta, link, br, hr, img) is closed with an end tag, so the
 * page reads the same as XML and as HTML.  A newline follows block elements; inline content gets
 * no whitespace of its own.
 */
#include "style_find.h"
#include "writers.h"
#include "xhtml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* <name class="cls">, the class left out when NULL. */
static void start_class(const fo_xhtml *x, const char *name, const char *cls)
{
    fo_xml_start(x->xml, name);
    fo_xml_attr(x->xml, "class", cls);
}

/* <name class="cls">s</name> */
static void span(const fo_xhtml *x, const char *name, const char *cls, const char *s)
{
    start_class(x, name, cls);
    fo_xml_text(x->xml, s);
    fo_xml_end_full(x->xml);
}

/* The end tag of a block element, and the newline after it. */
static void end_block(const fo_xhtml *x)
{
    fo_xml_end_full(x->xml);
    fo_xml_raw(x->xml, "\n");
}

/* ---- dates ---- */

/* "2025-01-16T16:16+08:00" → "2025年1月16日 16:16"; other forms are shown as they are. */
static void put_date(const fo_xhtml *x, const char *date)
{
    int y, mo, d, h, mi;
    int fields = sscanf(date, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi);
    if (!fo_date_is_w3c(date) || fields < 3)
        fo_xml_text(x->xml, date);
    else if (fields == 5)
        fo_xml_printf(x->xml, "%d年%d月%d日 %02d:%02d", y, mo, d, h, mi);
    else
        fo_xml_printf(x->xml, "%d年%d月%d日", y, mo, d);
}

/* ---- document frame ---- */

void fo_xhtml_begin(const fo_xhtml *x, const char *title)
{
    const char *lang = x->doc->meta.language ? x->doc->meta.language : "zh-CN";
    fo_xml_doctype(x->xml, "html");
    fo_xml_raw(x->xml, "\n");
    fo_xml_start(x->xml, "html");
    fo_xml_attr(x->xml, "xmlns", "http://www.w3.org/1999/xhtml");
    if (x->epub)
        fo_xml_attr(x->xml, "xmlns:epub", "http://www.idpf.org/2007/ops");
    fo_xml_attr(x->xml, "lang", lang);
    fo_xml_attr(x->xml, "xml:lang", lang);
    fo_xml_raw(x->xml, "\n");
    fo_xml_start(x->xml, "head");
    fo_xml_raw(x->xml, "\n");
    fo_xml_start(x->xml, "meta");
    fo_xml_attr(x->xml, "charset", "utf-8");
    fo_xml_end(x->xml);
    fo_xml_raw(x->xml, "\n");
    span(x, "title", NULL, title);
    fo_xml_raw(x->xml, "\n");
}

void fo_xhtml_body_open(const fo_xhtml *x)
{
    end_block(x); /* </head> */
    fo_xml_start(x->xml, "body");
    fo_xml_raw(x->xml, "\n");
}

void fo_xhtml_end(const fo_xhtml *x)
{
    end_block(x); /* </body> */
    fo_xml_end_full(x->xml); /* </html>, and fo_xml_finish the newline after it */
}

/* ---- title block ---- */

/* "记者 龚利芳", after the affiliation unless the byline already names it as the source: the
 * seed's "新甘肃·甘肃法治报" beside "甘肃法治报" only repeats it. */
static void put_author(const fo_xhtml *x, const fo_author *a, const char *source)
{
    bool affiliation = a->affiliation && !(source && strstr(a->affiliation, source));
    start_class(x, "span", "author");
    if (affiliation)
        fo_xml_text(x->xml, a->affiliation);
    if (a->role)
        fo_xml_text(x->xml, a->role);
    if (affiliation || a->role)
        fo_xml_text(x->xml, " ");
    fo_xml_text(x->xml, a->name);
    fo_xml_end_full(x->xml);
}

/* "2025年1月16日 16:16 · 甘肃法治报 · 记者 龚利芳", each part only when known. */
static void put_byline(const fo_xhtml *x)
{
    const fo_meta *m = &x->doc->meta;
    if (!m->date && !m->source && !fo_meta_has_creator(m))
        return;
    const char *sep = "";
    start_class(x, "p", "byline");
    if (m->date) {
        if (fo_date_is_w3c(m->date)) {
            fo_xml_start(x->xml, "time");
            fo_xml_attr(x->xml, "datetime", m->date);
            put_date(x, m->date);
            fo_xml_end_full(x->xml);
        } else {
            span(x, "span", "date", m->date);
        }
        sep = " · ";
    }
    if (m->source) {
        fo_xml_text(x->xml, sep);
        span(x, "span", "source", m->source);
        sep = " · ";
    }
    bool first = true;
    for (const fo_author *a = m->authors; a; a = a->next) {
        if (!fo_author_is_creator(a))
            continue; /* editors and checkers are credited in the metadata, not the byline */
        fo_xml_text(x->xml, first ? sep : "　");
        put_author(x, a, m->source);
        first = false;
    }
    end_block(x);
}

void fo_xhtml_title_block(const fo_xhtml *x)
{
    const fo_meta *m = &x->doc->meta;
    start_class(x, "header", "titlepage");
    if (x->epub)
        fo_xml_attr(x->xml, "epub:type", "titlepage");
    fo_xml_raw(x->xml, "\n");
    span(x, "h1", "title", fo_doc_title(x->doc));
    fo_xml_raw(x->xml, "\n");
    if (m->subtitle) {
        /* The model keeps the subtitle without its dashes; Chinese print sets them before it. */
        start_class(x, "p", "subtitle");
        fo_xml_text(x->xml, "——");
        fo_xml_text(x->xml, m->subtitle);
        end_block(x);
    }
    if (m->original_title && m->title && strcmp(m->original_title, m->title) != 0) {
        start_class(x, "p", "original-title");
        fo_xml_text(x->xml, "原标题：");
        fo_xml_text(x->xml, m->original_title);
        end_block(x);
    }
    put_byline(x);
    end_block(x);
}

void fo_xhtml_collection_title(const fo_xhtml *x)
{
    const fo_meta *m = &x->doc->meta;
    start_class(x, "header", "titlepage collection");
    if (x->epub)
        fo_xml_attr(x->xml, "epub:type", "titlepage");
    fo_xml_raw(x->xml, "\n");
    span(x, "h1", "title", fo_doc_title(x->doc));
    fo_xml_raw(x->xml, "\n");
    if (m->subtitle) {
        span(x, "p", "subtitle", m->subtitle);
        fo_xml_raw(x->xml, "\n");
    }
    if (m->publisher) {
        span(x, "p", "publisher", m->publisher);
        fo_xml_raw(x->xml, "\n");
    }
    if (m->date) {
        start_class(x, "p", "date");
        if (fo_date_is_w3c(m->date)) {
            fo_xml_start(x->xml, "time");
            fo_xml_attr(x->xml, "datetime", m->date);
            put_date(x, m->date);
            fo_xml_end_full(x->xml);
        } else {
            fo_xml_text(x->xml, m->date);
        }
        end_block(x);
    }
    end_block(x);
}

void fo_xhtml_rights(const fo_xhtml *x)
{
    if (!x->doc->meta.rights)
        return;
    start_class(x, "footer", "rights");
    fo_xml_raw(x->xml, "\n");
    span(x, "p", NULL, x->doc->meta.rights);
    fo_xml_raw(x->xml, "\n");
    end_block(x);
}

/* ---- inlines ---- */

static bool is_ascii_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Text for vertical writing: a number of one or two digits standing alone ("12月", "第3条") is set
 * upright in one cell (縦中横, tate-chu-yoko); longer numbers and Latin words stay sideways. */
static void put_text_upright_digits(const fo_xhtml *x, const char *s)
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
            fo_xml_text_n(x->xml, s + plain, i - plain);
            start_class(x, "span", "tcy");
            fo_xml_text_n(x->xml, s + i, end - i);
            fo_xml_end_full(x->xml);
            plain = end;
        }
        i = end;
    }
    fo_xml_text(x->xml, s + plain);
}

/* An inline element around the node's children. */
static void wrap_inlines(const fo_xhtml *x, const char *name, const fo_node *n)
{
    fo_xml_start(x->xml, name);
    fo_xhtml_inlines(x, n);
    fo_xml_end_full(x->xml);
}

static void put_inline(const fo_xhtml *x, const fo_node *n)
{
    switch (n->kind) {
    case FO_TEXT:
        if (x->upright_digits)
            put_text_upright_digits(x, n->u.text.str);
        else
            fo_xml_text(x->xml, n->u.text.str);
        break;
    case FO_STRONG:
        wrap_inlines(x, "strong", n);
        break;
    case FO_EMPH:
        wrap_inlines(x, "em", n);
        break;
    case FO_CITETITLE:
        wrap_inlines(x, "cite", n);
        break;
    case FO_LINK:
        fo_xml_start(x->xml, "a");
        fo_xml_attr(x->xml, "href", n->u.link.url ? n->u.link.url : "");
        fo_xhtml_inlines(x, n);
        fo_xml_end_full(x->xml);
        break;
    case FO_LINEBREAK:
        fo_xml_start(x->xml, "br");
        fo_xml_end(x->xml);
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
    size_t n = label ? strlen(label) : 0;
    if (!marker || !*marker) {
        span(x, "span", "label", label);
        span(x, "span", "sep", "　");
    } else if (n && strncmp(marker, label, n) == 0 && is_name_separator(marker + n)) {
        span(x, "span", "label", label);
        if (marker[n])
            span(x, "span", "sep", marker + n);
    } else {
        span(x, "span", "marker", marker);
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
        fo_xml_text(x->xml, plain);
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
    int level = n->u.section.level < 1 ? 1 : n->u.section.level;
    char h[4];
    snprintf(h, sizeof h, "h%d", level + 1 > 6 ? 6 : level + 1);
    fo_xml_start(x->xml, "section");
    fo_xml_attr(x->xml, "id", n->u.section.id);
    if (x->epub)
        fo_xml_attr(x->xml, "epub:type", level == 1 ? "chapter" : "subchapter");
    fo_xml_raw(x->xml, "\n");
    fo_xml_start(x->xml, h);
    fo_xhtml_heading_text(x, n, true);
    end_block(x);
    put_children(x, n);
    end_block(x);
}

static void put_para(const fo_xhtml *x, const fo_node *n)
{
    start_class(x, "p", n->u.para.role);
    if (n->u.para.head) {
        start_class(x, "strong", "runin");
        fo_xhtml_inlines(x, n->u.para.head);
        fo_xml_end_full(x->xml);
    }
    fo_xhtml_inlines(x, n);
    end_block(x);
}

static void put_figure(const fo_xhtml *x, const fo_node *n)
{
    const char *src = x->image ? x->image(x->image_user, n) : n->u.figure.image;
    start_class(x, "figure", src ? "photo" : "caption-only");
    fo_xml_raw(x->xml, "\n");
    if (src) {
        char *alt = fo_node_text(n->u.figure.caption);
        fo_xml_start(x->xml, "img");
        fo_xml_attr(x->xml, "src", src);
        fo_xml_attr(x->xml, "alt", alt);
        fo_xml_end(x->xml);
        fo_xml_raw(x->xml, "\n");
        free(alt);
    }
    if (n->u.figure.caption || n->u.figure.credit) {
        fo_xml_start(x->xml, "figcaption");
        fo_xhtml_inlines(x, n->u.figure.caption);
        if (n->u.figure.credit) {
            if (n->u.figure.caption)
                fo_xml_text(x->xml, " ");
            span(x, "span", "credit", n->u.figure.credit);
        }
        end_block(x);
    }
    end_block(x);
}

/* A block element around the node's block children. */
static void wrap_blocks(const fo_xhtml *x, const char *name, const fo_node *n)
{
    fo_xml_start(x->xml, name);
    fo_xml_raw(x->xml, "\n");
    put_children(x, n);
    end_block(x);
}

static void put_list(const fo_xhtml *x, const fo_node *n)
{
    fo_xml_start(x->xml, n->u.list.ordered ? "ol" : "ul");
    if (n->u.list.ordered && n->u.list.start > 1)
        fo_xml_attr_int(x->xml, "start", n->u.list.start);
    fo_xml_raw(x->xml, "\n");
    put_children(x, n);
    end_block(x);
}

void fo_xhtml_block(const fo_xhtml *x, const fo_node *n)
{
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
        wrap_blocks(x, "blockquote", n);
        break;
    case FO_LIST:
        put_list(x, n);
        break;
    case FO_ITEM:
        wrap_blocks(x, "li", n);
        break;
    case FO_RULE:
        fo_xml_start(x->xml, "hr");
        fo_xml_end(x->xml);
        fo_xml_raw(x->xml, "\n");
        break;
    case FO_TABLE: /* for now a table reads as its cells' blocks, in order */
    case FO_ROW:
    case FO_CELL:
    case FO_DOCUMENT:
        put_children(x, n);
        break;
    default:
        /* a stray inline at block level still reaches the reader, in a paragraph */
        fo_xml_start(x->xml, "p");
        put_inline(x, n);
        end_block(x);
        break;
    }
}

/* ---- -t html: one page ---- */

/* The stylesheet inline, in a CDATA section commented out for CSS, so that it reads the same
 * parsed as XML or as HTML; a "]]>" inside it is split across two sections. */
static void put_style(const fo_xhtml *x, const char *css, size_t len)
{
    fo_xml_start(x->xml, "style");
    fo_xml_raw(x->xml, "/*<![CDATA[*/\n");
    for (const char *p = css, *end = css + len; p < end;) {
        const char *close = strstr(p, "]]>");
        size_t n = close ? (size_t)(close - p) : (size_t)(end - p);
        fo_xml_raw_text(x->xml, p, n);
        if (!close)
            break;
        fo_xml_raw(x->xml, "]]]]><![CDATA[>");
        p = close + 3;
    }
    fo_xml_raw(x->xml, "\n/*]]>*/");
    end_block(x);
}

static int put_style_file(const fo_xhtml *x, const char *path, fo_diag *d)
{
    size_t len;
    char *css = fo_read_css(path, &len, d);
    if (!css)
        return -1;
    put_style(x, css, len);
    free(css);
    return 0;
}

static int write_page(const fo_xhtml *x, const fo_write_opts *opts, fo_diag *d)
{
    int status = -1;
    char *style = NULL, *vertical = NULL;
    style = fo_style_find(opts->style_dir, opts->style, ".css", d);
    if (!style)
        goto done;
    if (opts->vertical && !(vertical = fo_style_find(opts->style_dir, "vertical", ".css", d)))
        goto done;
    fo_xhtml_begin(x, fo_doc_title(x->doc));
    if (put_style_file(x, style, d) != 0 || (vertical && put_style_file(x, vertical, d) != 0))
        goto done;
    for (size_t i = 0; i < opts->n_css; i++)
        if (put_style_file(x, opts->css[i], d) != 0)
            goto done;
    fo_xhtml_body_open(x);
    if (fo_doc_is_collection(x->doc))
        fo_xhtml_collection_title(x);
    for (size_t i = 0; i < fo_doc_article_count(x->doc); i++) {
        fo_xhtml article = *x;
        article.doc = fo_doc_article(x->doc, i);
        fo_xml_start(x->xml, "article");
        fo_xml_attr(x->xml, "id", article.doc->id);
        fo_xml_raw(x->xml, "\n");
        fo_xhtml_title_block(&article);
        fo_xhtml_block(&article, article.doc->root);
        fo_xhtml_rights(&article);
        end_block(x);
    }
    fo_xhtml_end(x);
    status = 0;
done:
    free(vertical);
    free(style);
    return status;
}

int fo_write_xhtml(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d)
{
    static const fo_write_opts defaults = {0};
    fo_xml xml;
    fo_xhtml x = {.xml = &xml, .doc = doc};
    if (fo_xml_begin(&xml, out, "html", d) != 0)
        return -1;
    int status = write_page(&x, opts ? opts : &defaults, d);
    return fo_xml_finish(&xml, "html", d) == 0 ? status : -1;
}
