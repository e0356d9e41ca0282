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
 *   table     <table> <caption> <thead> (header rows) <tbody>, <th>/<td> with rowspan/colspan
 *
 * Every element but the void ones (meta, link, br, hr, img) is closed with an end tag, so the
 * page reads the same as XML and as HTML.  A newline follows block elements; inline content gets
 * no whitespace of its own.
 */
#include "style_find.h"
#include "text.h"
#include "words.h"
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

/* <span class="cls">s[0, n)</span> */
static void span_n(const fo_xhtml *x, const char *cls, const char *s, size_t n)
{
    start_class(x, "span", cls);
    fo_xml_text_n(x->xml, s, n);
    fo_xml_end_full(x->xml);
}

static void put_title_text(const fo_xhtml *x, const char *s);
static void put_text(const fo_xhtml *x, const char *s);

/* The end tag of a block element, and the newline after it. */
static void end_block(const fo_xhtml *x)
{
    fo_xml_end_full(x->xml);
    fo_xml_raw(x->xml, "\n");
}

/* ---- dates ---- */

/* "2025-02-18" (or a date-time) → "2025年2月18日", as GB/T 9704 writes a date: no leading zeros. */
static void put_day(const fo_xhtml *x, const char *date)
{
    int y, mo, d;
    if (sscanf(date, "%4d-%2d-%2d", &y, &mo, &d) == 3)
        fo_xml_printf(x->xml, "%d年%d月%d日", y, mo, d);
    else
        fo_xml_text(x->xml, date);
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
    char *date = fo_meta_date_text(m, true);
    if (date) {
        /* "2025年1月16日 16:16", the same text as the PDF's byline */
        if (fo_date_is_w3c(m->date)) {
            fo_xml_start(x->xml, "time");
            fo_xml_attr(x->xml, "datetime", m->date);
            put_text(x, date);
            fo_xml_end_full(x->xml);
        } else {
            span(x, "span", "date", date);
        }
        sep = " · ";
        free(date);
    }
    if (m->source) {
        fo_xml_text(x->xml, sep);
        span(x, "span", "source", m->source);
        sep = " · ";
    }
    bool first = true;
    for (const fo_author *a = m->authors; a; a = a->next) {
        if (!fo_author_in_byline(m, a))
            continue; /* editors and checkers are credited in the metadata; a person is named once */
        fo_xml_text(x->xml, first ? sep : "　");
        put_author(x, a, m->source);
        first = false;
    }
    end_block(x);
}

/* A line of text as a block of its own: <p class="cls">s</p>, when s has text. */
static void line(const fo_xhtml *x, const char *cls, const char *s)
{
    if (!s || !*s)
        return;
    span(x, "p", cls, s);
    fo_xml_raw(x->xml, "\n");
}

/* An official document's 版头 above its title: 份号, 密级, 紧急程度 top left; the organ's mark (a line
 * per organ); the document number, with the signers (签发人) on its line; a separator under a mark. */
static void put_official_head(const fo_xhtml *x)
{
    const fo_meta *m = &x->doc->meta;
    line(x, "copy-number", m->copy_number);
    line(x, "secrecy", m->secrecy);
    line(x, "urgency", m->urgency);
    if (m->organ_mark && *m->organ_mark) {
        start_class(x, "p", "organ-mark");
        for (const char *s = m->organ_mark; *s;) {
            size_t len = strcspn(s, "\n");
            if (s != m->organ_mark) {
                fo_xml_start(x->xml, "br");
                fo_xml_end(x->xml);
            }
            fo_xml_text_n(x->xml, s, len);
            s += len + (s[len] == '\n');
        }
        end_block(x);
    }
    if (m->doc_number || m->signers) {
        start_class(x, "p", m->signers ? "doc-number signed" : "doc-number");
        if (m->doc_number)
            span(x, "span", "number", m->doc_number);
        if (m->signers) {
            start_class(x, "span", "signer");
            fo_xml_text(x->xml, "签发人：");
            for (const fo_strlist *s = m->signers; s; s = s->next) {
                if (s != m->signers)
                    fo_xml_text(x->xml, "　");
                span(x, "span", "name", s->str);
            }
            fo_xml_end_full(x->xml);
        }
        end_block(x);
    }
    if (m->organ_mark && *m->organ_mark) {
        fo_xml_start(x->xml, "hr");
        fo_xml_attr(x->xml, "class", "separator");
        fo_xml_end(x->xml);
        fo_xml_raw(x->xml, "\n");
    }
}

void fo_xhtml_title_block(const fo_xhtml *x)
{
    const fo_meta *m = &x->doc->meta;
    start_class(x, "header", "titlepage");
    if (x->epub)
        fo_xml_attr(x->xml, "epub:type", "titlepage");
    fo_xml_raw(x->xml, "\n");
    put_official_head(x);
    start_class(x, "h1", "title");
    put_title_text(x, fo_doc_title(x->doc));
    fo_xml_end_full(x->xml);
    fo_xml_raw(x->xml, "\n");
    if (m->subtitle) {
        /* The model keeps the subtitle without its dashes; Chinese print sets them before it. */
        start_class(x, "p", "subtitle");
        fo_xml_text(x->xml, "——");
        put_title_text(x, m->subtitle);
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
    start_class(x, "h1", "title");
    put_title_text(x, fo_doc_title(x->doc));
    fo_xml_end_full(x->xml);
    fo_xml_raw(x->xml, "\n");
    if (m->subtitle) {
        span(x, "p", "subtitle", m->subtitle);
        fo_xml_raw(x->xml, "\n");
    }
    if (m->publisher) {
        span(x, "p", "publisher", m->publisher);
        fo_xml_raw(x->xml, "\n");
    }
    char *date = fo_meta_date_text(m, true);
    if (date) {
        start_class(x, "p", "date");
        if (fo_date_is_w3c(m->date)) {
            fo_xml_start(x->xml, "time");
            fo_xml_attr(x->xml, "datetime", m->date);
            fo_xml_text(x->xml, date);
            fo_xml_end_full(x->xml);
        } else {
            fo_xml_text(x->xml, date);
        }
        end_block(x);
        free(date);
    }
    end_block(x);
}

void fo_xhtml_imprint(const fo_xhtml *x)
{
    const fo_meta *m = &x->doc->meta;
    if (!m->cc && !m->printer && !m->print_date)
        return;
    start_class(x, "footer", "imprint");
    fo_xml_raw(x->xml, "\n");
    if (m->cc) {
        start_class(x, "p", "cc");
        span(x, "span", "label", "抄送：");
        fo_xml_text(x->xml, m->cc);
        end_block(x);
    }
    if (m->printer || m->print_date) {
        start_class(x, "p", "printed");
        if (m->printer)
            span(x, "span", "printer", m->printer);
        if (m->print_date) {
            start_class(x, "span", "date");
            if (fo_date_is_w3c(m->print_date)) {
                fo_xml_start(x->xml, "time");
                fo_xml_attr(x->xml, "datetime", m->print_date);
                put_day(x, m->print_date);
                fo_xml_end_full(x->xml);
            } else {
                fo_xml_text(x->xml, m->print_date);
            }
            fo_xml_text(x->xml, "印发");
            fo_xml_end_full(x->xml);
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

/* A character of a "Latin run": a Latin word, a number, a URL, a code (GB/T, 2.0, 111.32%). */
static bool is_latin_run_char(uint32_t cp) { return (cp > 0x20 && cp < 0x7F) || fo_is_latin_or_digit(cp); }

static uint32_t cp_at(const char *s, size_t len, size_t i)
{
    uint32_t cp = 0;
    return i < len && fo_utf8_decode(s + i, len - i, &cp) ? cp : 0;
}

/* The code point that ends just before byte i (0 at the start). */
static uint32_t cp_before(const char *s, size_t i)
{
    size_t k = i;
    while (k > 0 && (s[k - 1] & 0xC0) == 0x80)
        k--;
    return k > 0 ? cp_at(s, i, k - 1) : 0;
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return n > 0;
}

/* The text of a Latin run, its URLs and e-mail addresses in <span class="url"> (the stylesheet
 * lets them break anywhere, so the line before one is not spaced out at phone width). */
static void put_run_text(const fo_xhtml *x, const char *s, size_t len)
{
    size_t at = 0, start, end;
    while (fo_words_find_url(s, len, at, &start, &end)) {
        fo_xml_text_n(x->xml, s + at, start - at);
        start_class(x, "span", "url");
        fo_xml_text_n(x->xml, s + start, end - start);
        fo_xml_end_full(x->xml);
        at = end;
    }
    fo_xml_text_n(x->xml, s + at, len - at);
}

/* One Latin run s[a, b) of the text s[0, len), followed in the range being written by s[b, to).
 * Beside a Han character it is a <span> whose class says on which side a quarter em goes (gap-s
 * before it, gap-e after it) for reading systems without `text-autospace`; in the vertical
 * edition a number of one or two digits standing alone (not in 15,000, 7.8, a URL or a Latin word)
 * is set upright in one cell instead (縦中横).  A run that opens the text (`2024年…` at the start of
 * a paragraph) gives its gap to the Han character after it, as that character's gap-s: a paragraph
 * that opens with a <span> reads as one led by a run-in head.  Returns where the text goes on. */
static size_t put_latin_run(const fo_xhtml *x, const char *s, size_t len, size_t a, size_t b, size_t to)
{
    if (x->upright_digits && b - a <= 2 && all_digits(s + a, b - a)) {
        span_n(x, "tcy", s + a, b - a);
        return b;
    }
    bool gap_s = fo_is_han(cp_before(s, a)) && fo_is_latin_or_digit(cp_at(s, len, a));
    bool gap_e = fo_is_han(cp_at(s, len, b)) && fo_is_latin_or_digit(cp_before(s, b));
    uint32_t next;
    size_t next_len = b < to ? fo_utf8_decode(s + b, to - b, &next) : 0;
    if (a == 0 && gap_e && next_len) {
        put_run_text(x, s, b);
        span_n(x, "gap-s", s + b, next_len);
        return b + next_len;
    }
    if (gap_s || gap_e)
        start_class(x, "span", gap_s && gap_e ? "gap-s gap-e" : gap_s ? "gap-s" : "gap-e");
    put_run_text(x, s + a, b - a);
    if (gap_s || gap_e)
        fo_xml_end_full(x->xml);
    return b;
}

/* Text s[from, to) of s[0, len): Chinese as it is, each Latin run through put_latin_run (its
 * neighbours looked up in the whole of s). */
static void put_text_range(const fo_xhtml *x, const char *s, size_t len, size_t from, size_t to)
{
    size_t plain = from;
    for (size_t i = from; i < to;) {
        uint32_t cp;
        size_t n = fo_utf8_decode(s + i, to - i, &cp);
        if (!n || !is_latin_run_char(cp)) {
            i += n ? n : 1;
            continue;
        }
        size_t end = i;
        while (end < to && (n = fo_utf8_decode(s + end, to - end, &cp)) && is_latin_run_char(cp))
            end += n;
        fo_xml_text_n(x->xml, s + plain, i - plain);
        plain = i = put_latin_run(x, s, len, i, end, to);
    }
    fo_xml_text_n(x->xml, s + plain, to - plain);
}

static void put_text(const fo_xhtml *x, const char *s)
{
    size_t len = strlen(s);
    put_text_range(x, s, len, 0, len);
}

/* Characters that count in a line's length: not punctuation (a closing quote is no character). */
static size_t visible_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = fo_utf8_decode(s + i, len - i, &cp);
        n += k && !fo_is_cjk_punct(cp) && !fo_is_space(cp);
        i += k ? k : 1;
    }
    return n;
}

/* Where a title's last words start: the shortest tail of whole words (ICU) holding at least
 * TAIL_MIN_CHARS characters that are not punctuation, kept on one line so that a title never ends
 * in a stub of one or two characters.  len when there is no such tail before the start. */
#define TAIL_MIN_CHARS 3
static size_t title_tail(const char *s, size_t len, const bool *at)
{
    if (visible_chars(s, len) < 2 * TAIL_MIN_CHARS)
        return len; /* short enough for one line */
    size_t visible = 0;
    for (size_t k = len; k > 0;) {
        size_t start = k - 1;
        while (start > 0 && (s[start] & 0xC0) == 0x80)
            start--;
        uint32_t cp;
        if (fo_utf8_decode(s + start, k - start, &cp) && !fo_is_cjk_punct(cp) && !fo_is_space(cp))
            visible++;
        k = start;
        if (at[k] && visible >= TAIL_MIN_CHARS)
            return k > 0 ? k : len; /* a title that is one short word needs no span */
    }
    return len;
}

/* Title text s[from, to) with a <wbr/> at every word boundary between two Han characters: the
 * stylesheet sets titles `word-break: keep-all`, so they break (and balance) only between words,
 * as the PDF's titles do. */
static void put_words(const fo_xhtml *x, const char *s, size_t len, size_t from, size_t to, const bool *at)
{
    size_t piece = from;
    for (size_t i = from; i < to; i++) {
        if (i > from && at[i] && (s[i] & 0xC0) != 0x80 && fo_is_han(cp_before(s, i)) && fo_is_han(cp_at(s, len, i))) {
            put_text_range(x, s, len, piece, i);
            fo_xml_start(x->xml, "wbr");
            fo_xml_end(x->xml);
            piece = i;
        }
    }
    put_text_range(x, s, len, piece, to);
}

/* A title's text: broken only between words, its last words in <span class="nobr">. */
static void put_title_text(const fo_xhtml *x, const char *s)
{
    size_t len = strlen(s);
    bool *at = fo_xmalloc((len + 1) * sizeof *at);
    fo_words_boundaries(s, len, at);
    size_t tail = title_tail(s, len, at);
    put_words(x, s, len, 0, tail, at);
    if (tail < len) {
        start_class(x, "span", "nobr");
        put_text_range(x, s, len, tail, len);
        fo_xml_end_full(x->xml);
    }
    free(at);
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
        put_text(x, n->u.text.str);
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

/* The heading: `display` for the <hN> itself (broken between words, its last words together),
 * not for the contents page. */
static void heading_text(const fo_xhtml *x, const fo_node *section, bool markup, bool display)
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
    const fo_node *title = section->u.section.title;
    for (const fo_node *c = title ? title->first : NULL; c; c = c->next) {
        if (display && !c->next && c->kind == FO_TEXT)
            put_title_text(x, c->u.text.str); /* the last words kept together */
        else
            put_inline(x, c);
    }
}

void fo_xhtml_heading_text(const fo_xhtml *x, const fo_node *section, bool markup)
{
    heading_text(x, section, markup, false);
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
    heading_text(x, n, true, true);
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

/* A cell: <th> for a header cell, <td> else, with its spans.  A cell holding one plain paragraph
 * gets its inlines right in the cell (as the DocBook writer does), so no paragraph indent or margin
 * shows inside it; any other cell holds its blocks. */
static void put_cell(const fo_xhtml *x, const fo_node *cell)
{
    fo_xml_start(x->xml, cell->u.cell.header ? "th" : "td");
    if (cell->u.cell.rowspan > 1)
        fo_xml_attr_int(x->xml, "rowspan", cell->u.cell.rowspan);
    if (cell->u.cell.colspan > 1)
        fo_xml_attr_int(x->xml, "colspan", cell->u.cell.colspan);
    const fo_node *only = cell->first;
    if (only && !only->next && only->kind == FO_PARA && !only->u.para.head) {
        fo_xhtml_inlines(x, only);
    } else if (only) {
        fo_xml_raw(x->xml, "\n");
        put_children(x, cell);
    }
    end_block(x);
}

/* The header rows (<thead>) or the body rows (<tbody>). */
static void put_row_group(const fo_xhtml *x, const fo_node *table, bool header)
{
    fo_xml_start(x->xml, header ? "thead" : "tbody");
    fo_xml_raw(x->xml, "\n");
    for (const fo_node *row = table->first; row; row = row->next) {
        if (row->u.row.header != header)
            continue;
        fo_xml_start(x->xml, "tr");
        for (const fo_node *cell = row->first; cell; cell = cell->next)
            put_cell(x, cell);
        end_block(x);
    }
    end_block(x);
}

/* 附件说明: "附件：" and the attachments named, numbered when there are two or more. */
static void put_enclosures(const fo_xhtml *x, const fo_node *n)
{
    bool several = n->first && n->first->next;
    start_class(x, "div", several ? "enclosures" : "enclosures single");
    span(x, "span", "label", "附件：");
    if (several) {
        fo_xml_raw(x->xml, "\n");
        fo_xml_start(x->xml, "ol");
        fo_xml_raw(x->xml, "\n");
    }
    for (const fo_node *c = n->first; c; c = c->next) {
        fo_xml_start(x->xml, several ? "li" : "span");
        if (c->u.para.head) {
            start_class(x, "strong", "runin");
            fo_xhtml_inlines(x, c->u.para.head);
            fo_xml_end_full(x->xml);
        }
        fo_xhtml_inlines(x, c);
        fo_xml_end_full(x->xml);
        if (several)
            fo_xml_raw(x->xml, "\n");
    }
    if (several)
        end_block(x);
    end_block(x);
}

static bool is_signing(const fo_node *n) { return fo_is_part(n, FO_PART_SIGNATURE) || fo_is_part(n, FO_PART_DATE); }

/* The signature and the date: one block, written by its first part, so that a stylesheet can set
 * it right with the signature centred over the date. */
static void put_signing(const fo_xhtml *x, const fo_node *n)
{
    if (is_signing(n->prev))
        return;
    start_class(x, "div", "signing");
    fo_xml_raw(x->xml, "\n");
    for (const fo_node *c = n; is_signing(c); c = c->next) {
        start_class(x, "p", fo_part_kind_name(c->u.part.kind));
        fo_xhtml_inlines(x, c);
        end_block(x);
    }
    end_block(x);
}

/* <table> with its caption, the header rows in <thead> (reading systems repeat them across pages,
 * as print does), the rest in <tbody>. */
static void put_table(const fo_xhtml *x, const fo_node *n)
{
    fo_xml_start(x->xml, "table");
    fo_xml_raw(x->xml, "\n");
    if (n->u.table.caption) {
        fo_xml_start(x->xml, "caption");
        fo_xhtml_inlines(x, n->u.table.caption);
        end_block(x);
    }
    if (n->first && n->first->u.row.header)
        put_row_group(x, n, true);
    put_row_group(x, n, false);
    end_block(x);
}

/* 附件: its own section, the label ("附件1") above the title. */
static void put_attachment(const fo_xhtml *x, const fo_node *n)
{
    start_class(x, "section", "attachment");
    fo_xml_attr(x->xml, "id", n->u.part.id);
    if (x->epub)
        fo_xml_attr(x->xml, "epub:type", "appendix");
    fo_xml_raw(x->xml, "\n");
    line(x, "attachment-label", n->u.part.label);
    start_class(x, "h2", "attachment-title");
    fo_xhtml_inlines(x, n->u.part.title);
    end_block(x);
    put_children(x, n);
    end_block(x);
}

static void put_part(const fo_xhtml *x, const fo_node *n)
{
    switch (n->u.part.kind) {
    case FO_PART_ADDRESSEE:
    case FO_PART_ANNOTATION:
        start_class(x, "p", fo_part_kind_name(n->u.part.kind));
        fo_xhtml_inlines(x, n);
        end_block(x);
        break;
    case FO_PART_ENCLOSURES: put_enclosures(x, n); break;
    case FO_PART_SIGNATURE:
    case FO_PART_DATE: put_signing(x, n); break;
    case FO_PART_ATTACHMENT: put_attachment(x, n); break;
    default: break;
    }
}

void fo_xhtml_block(const fo_xhtml *x, const fo_node *n)
{
    switch (n->kind) {
    case FO_PART:
        put_part(x, n);
        break;
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
    case FO_TABLE:
        put_table(x, n);
        break;
    case FO_ROW:  /* only inside a table (fo_doc_check) */
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

bool fo_xhtml_any_official(const fo_doc *doc)
{
    for (size_t i = 0; i < fo_doc_article_count(doc); i++)
        if (fo_doc_is_official(fo_doc_article(doc, i)))
            return true;
    return false;
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
    char *style = NULL, *vertical = NULL, *official = NULL;
    style = fo_style_find(opts->style_dir, opts->style, ".css", d);
    if (!style)
        goto done;
    if (opts->vertical && !(vertical = fo_style_find(opts->style_dir, "vertical", ".css", d)))
        goto done;
    fo_xhtml_begin(x, fo_doc_title(x->doc));
    if (fo_xhtml_any_official(x->doc) && !(official = fo_style_find(opts->style_dir, FO_XHTML_OFFICIAL_CSS, ".css", d)))
        goto done;
    if (put_style_file(x, style, d) != 0 || (official && put_style_file(x, official, d) != 0) ||
        (vertical && put_style_file(x, vertical, d) != 0))
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
        fo_xhtml_imprint(&article);
        fo_xhtml_rights(&article);
        end_block(x);
    }
    fo_xhtml_end(x);
    status = 0;
done:
    free(official);
    free(vertical);
    free(style);
    return status;
}

int fo_write_xhtml(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d)
{
    static const fo_write_opts defaults = {0};
    fo_xml xml;
    fo_xhtml x = {.xml = &xml, .doc = doc, .upright_digits = opts && opts->vertical};
    if (fo_xml_begin(&xml, out, "html", d) != 0)
        return -1;
    int status = write_page(&x, opts ? opts : &defaults, d);
    return fo_xml_finish(&xml, "html", d) == 0 ? status : -1;
}
