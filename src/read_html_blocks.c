/* read_html_blocks.c — a subtree of the page as a flat list of blocks.
 *
 * Every block element (p, div, li, h2 …) and every <br> ends a block, so a page that sets its
 * paragraphs as <p>s and one that sets them as <br>-separated lines of one <div> both come out as one
 * block per paragraph.  Inside a block, the text keeps its inline styles as runs (bold, italic, link
 * targets); white space is collapsed as a browser shows it, and a line end between two Chinese
 * characters disappears (CSS Text 3: no space where the source merely wrapped a line).  Images,
 * tables and rules are blocks of their own.  Subtrees of page furniture (share bars, related lists:
 * class words, link density) are kept as blocks marked `furniture`, so that metadata lines inside
 * them can still be read, but never become text.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "image.h"
#include "read_html.h"
#include "read_text_rules.h"
#include "text.h"

typedef struct walk_ctx {
    unsigned style;
    const char *href;
    xmlNodePtr block_elem;      /* the nearest block element */
    xmlNodePtr list;            /* the nearest <ul>/<ol> */
    bool ordered, centered, small, in_quote, pre, furniture, heading_class, figcaption;
    int hlevel;
} walk_ctx;

typedef struct walker {
    hpage *p;
    hblocks *out;
    size_t root_punct;          /* the root's punctuation: a subtree holding most of it is the article */
    uint32_t *cp;               /* the block being built */
    size_t n, cap;
    hrun *runs;
    size_t n_runs, cap_runs;
    bool open, pending_space, pending_newline;
    walk_ctx first;             /* the context of the block's first character */
    xmlNodePtr image_elem;      /* the block element of the last image: text after it is its caption */
} walker;

/* ---- strings ---- */

uint32_t *fo_html_cps(const char *s, size_t *n)
{
    size_t len = strlen(s);
    uint32_t *cp = fo_xmalloc((len + 1) * sizeof *cp);
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        size_t step = fo_utf8_decode(s + i, len - i, &cp[k]);
        if (!step) {
            cp[k] = 0xFFFD;
            step = 1;
        }
        i += step;
        k++;
    }
    *n = k;
    return cp;
}

/* Characters XML 1.0 does not allow (C0 controls other than tab and line ends, U+FFFE, U+FFFF, lone
 * surrogates): libxml2's writer would copy them into the output raw. */
static bool is_xml_invalid(uint32_t c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF ||
           (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF;
}

char *fo_html_utf8(const uint32_t *s, size_t n)
{
    fo_buf b = {0};
    char tmp[4];
    for (size_t i = 0; i < n; i++)
        if (!is_xml_invalid(s[i]))
            fo_buf_append(&b, tmp, fo_utf8_encode(s[i], tmp));
    if (!b.data)
        fo_buf_puts(&b, "");
    return fo_buf_steal(&b);
}

int fo_html_line(xmlNodePtr n)
{
    long line = n ? xmlGetLineNo(n) : 0;
    return line > 0 && line < INT32_MAX ? (int)line : 0;
}

const char *fo_html_clean(hpage *p, const char *s, size_t len)
{
    char *copy = fo_xmalloc(len + 1);
    memcpy(copy, s, len);
    copy[len] = '\0';
    size_t n;
    uint32_t *cp = fo_html_cps(copy, &n);
    char *clean = fo_html_utf8(cp, n);
    const char *out = fo_doc_strdup(p->doc, clean);
    free(copy);
    free(cp);
    free(clean);
    return out;
}

/* ---- characters ---- */

static bool is_collapsible(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0 || c == 0x3000 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F;
}

/* Characters that are not allowed in XML or that only steer layout (zero-width spaces, the BOM). */
static bool is_dropped(uint32_t c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE ||
           c == 0xFFFF || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF ||
           (c >= 0xD800 && c <= 0xDFFF);
}

static bool is_wide(uint32_t c) { return fo_is_han(c) || fo_is_cjk_punct(c) || fo_is_fullwidth_form(c); }

/* ---- building a block ---- */

static void push_char(walker *w, uint32_t c, const walk_ctx *ctx)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 256;
        w->cp = fo_xrealloc(w->cp, w->cap * sizeof *w->cp);
    }
    hrun *last = w->n_runs ? &w->runs[w->n_runs - 1] : NULL;
    if (!last || last->end != w->n || last->style != ctx->style || last->href != ctx->href) {
        if (w->n_runs == w->cap_runs) {
            w->cap_runs = w->cap_runs ? w->cap_runs * 2 : 16;
            w->runs = fo_xrealloc(w->runs, w->cap_runs * sizeof *w->runs);
        }
        w->runs[w->n_runs++] = (hrun){w->n, w->n, ctx->style, ctx->href};
        last = &w->runs[w->n_runs - 1];
    }
    w->cp[w->n++] = c;
    last->end = w->n;
}

static hblock *new_block(hblocks *out, hblock_kind kind, const walk_ctx *ctx, xmlNodePtr elem)
{
    if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 64;
        out->v = fo_xrealloc(out->v, out->cap * sizeof *out->v);
    }
    hblock *b = &out->v[out->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->elem = elem;
    b->line = fo_html_line(elem);
    b->hlevel = ctx->hlevel;
    b->centered = ctx->centered;
    b->small = ctx->small;
    b->figcaption = ctx->figcaption;
    b->heading_class = ctx->heading_class;
    b->in_quote = ctx->in_quote;
    b->pre = ctx->pre;
    b->furniture = ctx->furniture;
    b->list = ctx->list;
    b->ordered = ctx->ordered;
    return b;
}

static void end_block(walker *w)
{
    if (!w->open)
        return;
    w->open = false;
    w->pending_space = w->pending_newline = false;
    while (w->n > 0 && (w->cp[w->n - 1] == ' ' || w->cp[w->n - 1] == '\n'))
        w->n--;
    while (w->n_runs > 0 && w->runs[w->n_runs - 1].start >= w->n)
        w->n_runs--;
    if (w->n_runs)
        w->runs[w->n_runs - 1].end = w->n;
    if (w->n == 0) {
        w->n_runs = 0;
        return;
    }
    if (!w->p->opts->keep_punctuation)
        fo_normalize_punctuation(w->cp, w->n);
    hblock *b = new_block(w->out, HB_TEXT, &w->first, w->first.block_elem);
    b->cp = fo_xmalloc(w->n * sizeof *b->cp);
    memcpy(b->cp, w->cp, w->n * sizeof *b->cp);
    b->n = w->n;
    b->runs = fo_xmalloc(w->n_runs * sizeof *b->runs);
    memcpy(b->runs, w->runs, w->n_runs * sizeof *b->runs);
    b->n_runs = w->n_runs;
    /* text after a photo in the photo's own small box (not in the article's whole container) */
    enum { PHOTO_BOX_TEXT_MAX = 150 };
    b->after_image = w->image_elem && w->image_elem == w->first.block_elem &&
                     hstat_of(w->image_elem)->text <= PHOTO_BOX_TEXT_MAX;
    bool bold = true;
    for (size_t i = 0; i < b->n_runs && bold; i++)
        for (size_t k = b->runs[i].start; k < b->runs[i].end && bold; k++)
            bold = (b->runs[i].style & RS_BOLD) || b->cp[k] == ' ';
    b->all_bold = bold;
    w->n = 0;
    w->n_runs = 0;
}

/* Text as a browser shows it: runs of white space collapse to one space (none at the start of a
 * block), a line end between two wide characters to nothing; <pre> keeps every space and line. */
static void add_text(walker *w, const char *s, const walk_ctx *ctx)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t k = fo_utf8_decode(s + i, len - i, &c);
        if (!k) {
            c = 0xFFFD;
            k = 1;
        }
        i += k;
        if (c == '\r')
            c = '\n';
        if (is_dropped(c))
            continue;
        if (ctx->pre && (c == '\n' || c == ' ' || c == '\t')) {
            if (w->open)
                push_char(w, c == '\t' ? ' ' : c, ctx);
            continue;
        }
        if (is_collapsible(c)) {
            w->pending_space = true;
            w->pending_newline |= c == '\n';
            continue;
        }
        if (!w->open) {
            w->open = true;
            w->first = *ctx;
            w->pending_space = false;
        }
        if (w->pending_space && w->n > 0 && w->cp[w->n - 1] != ' ' &&
            !(w->pending_newline && is_wide(w->cp[w->n - 1]) && is_wide(c)))
            push_char(w, ' ', ctx);
        w->pending_space = w->pending_newline = false;
        push_char(w, c, ctx);
    }
}

/* ---- images ---- */

/* An attribute's address without surrounding white space; NULL when empty or a data: or javascript:
 * URI (placeholders or icons, never article photos). */
static const char *image_address(hpage *p, xmlNodePtr img, const char *attr)
{
    const char *v = fo_html_attr(img, attr);
    if (!v)
        return NULL;
    while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
        v++;
    size_t len = strlen(v);
    while (len && (v[len - 1] == ' ' || v[len - 1] == '\t' || v[len - 1] == '\n' || v[len - 1] == '\r'))
        len--;
    if (!len || strncasecmp(v, "data:", 5) == 0 || strncasecmp(v, "javascript:", 11) == 0)
        return NULL;
    return fo_html_clean(p, v, len);
}

/* The image an <img> shows: lazy-loading pages keep the real address in data-src (or a sibling
 * attribute) and a placeholder in src.  But a page saved "complete" after the pictures loaded has
 * the picture's local copy in src and the remote address still in data-src: a local src wins over a
 * remote lazy address. */
static const char *image_source(hpage *p, xmlNodePtr img)
{
    static const char *const attrs[] = {"data-src", "data-original", "data-actualsrc", "data-lazy-src",
                                        "data-lazyload", "data-original-src", "data-url", "_src", NULL};
    const char *src = image_address(p, img, "src");
    for (const char *const *a = attrs; *a; a++) {
        const char *v = image_address(p, img, *a);
        if (v)
            return fo_image_is_remote(v) && src && !fo_image_is_remote(src) ? src : v;
    }
    return src;
}

/* ---- tables ---- */

static bool has_descendant(xmlNodePtr n, const char *tag)
{
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && (fo_html_is_tag(c, tag) || has_descendant(c, tag)))
            return true;
    return false;
}

/* A table of data, as opposed to a table that lays out the page: no table inside it, no picture,
 * at least two rows of at least two cells, and cells of short text. */
static bool is_data_table(xmlNodePtr table)
{
    enum { CELL_TEXT_LONGEST = 200 };
    hstat *s = hstat_of(table);
    if (s->images || has_descendant(table, "table"))
        return false;
    const char *role = fo_html_attr(table, "role");
    if (role && strcasecmp(role, "presentation") == 0)
        return false;
    size_t rows = 0, cells = 0, widest = 0;
    for (xmlNodePtr r = table->children; r; r = r->next) {
        xmlNodePtr group = r;
        bool is_group = fo_html_is_tag(r, "thead") || fo_html_is_tag(r, "tbody") || fo_html_is_tag(r, "tfoot");
        for (xmlNodePtr row = is_group ? group->children : r; row; row = is_group ? row->next : NULL) {
            if (!fo_html_is_tag(row, "tr"))
                continue;
            size_t n = 0;
            for (xmlNodePtr c = row->children; c; c = c->next)
                if (fo_html_is_tag(c, "td") || fo_html_is_tag(c, "th")) {
                    if (hstat_of(c)->text > CELL_TEXT_LONGEST)
                        return false; /* a cell holding prose: the table lays out the page */
                    n++;
                }
            rows++;
            cells += n;
            if (n > widest)
                widest = n;
        }
    }
    enum { CELL_TEXT_MAX = 60 }; /* average characters a cell: more is prose laid out in a grid */
    return rows >= 2 && widest >= 2 && s->text <= cells * CELL_TEXT_MAX;
}

/* ---- furniture ---- */

static bool is_furniture(walker *w, xmlNodePtr n)
{
    static const char *const tags[] = {"nav", "aside", "footer", "form", NULL};
    hstat *s = hstat_of(n);
    if (w->root_punct > 0 && s->punct * 2 > w->root_punct)
        return false; /* it holds most of the article */
    for (const char *const *t = tags; *t; t++)
        if (fo_html_is_tag(n, *t))
            return true;
    if (s->flags & HF_NEGATIVE)
        return true;
    /* lists of links: related articles, tags, pagers */
    bool paragraph = fo_html_is_tag(n, "p") || !(s->flags & HF_BLOCK);
    if (s->text >= 2 && (paragraph ? s->link_text * 10 >= s->text * 8 && s->text < 40 : s->link_text * 2 >= s->text))
        return s->images == 0 || s->text > 0;
    return false;
}

/* ---- the walk ---- */

static bool style_has(xmlNodePtr n, const char *property, const char *const *values)
{
    const char *style = fo_html_attr(n, "style");
    const char *at = style ? fo_html_find_ci(style, property) : NULL;
    if (!at)
        return false;
    at += strlen(property);
    while (*at == ' ')
        at++;
    if (*at != ':')
        return false;
    at++;
    while (*at == ' ')
        at++;
    for (const char *const *v = values; *v; v++)
        if (strncasecmp(at, *v, strlen(*v)) == 0)
            return true;
    return false;
}

/* A small font or a grey colour: how pages set photo captions apart. */
static bool looks_small(xmlNodePtr n)
{
    static const char *const sizes[] = {"9pt", "10pt", "9px", "10px", "11px", "12px", "13px", "x-small", "small",
                                        "smaller", NULL};
    static const char *const greys[] = {"#999", "#888", "#808080", "#666", "#777", "gray", "grey",
                                        "rgb(128, 128, 128)", "rgb(128,128,128)", "rgb(153, 153, 153)",
                                        "rgb(153,153,153)", NULL};
    const char *size = fo_html_is_tag(n, "font") ? fo_html_attr(n, "size") : NULL;
    const char *color = fo_html_is_tag(n, "font") ? fo_html_attr(n, "color") : NULL;
    if ((size && (strcmp(size, "1") == 0 || strcmp(size, "2") == 0)) || fo_html_is_tag(n, "small"))
        return true;
    for (const char *const *g = greys; color && *g; g++)
        if (strncasecmp(color, *g, strlen(*g)) == 0)
            return true;
    return style_has(n, "font-size", sizes) || style_has(n, "color", greys);
}

static walk_ctx enter(walker *w, xmlNodePtr n, walk_ctx ctx)
{
    static const char *const bold[] = {"bold", "700", "800", "900", NULL};
    static const char *const italic[] = {"italic", "oblique", NULL};
    static const char *const center[] = {"center", NULL};
    if (fo_html_is_tag(n, "b") || fo_html_is_tag(n, "strong") || style_has(n, "font-weight", bold))
        ctx.style |= RS_BOLD;
    if (fo_html_is_tag(n, "i") || fo_html_is_tag(n, "em") || style_has(n, "font-style", italic))
        ctx.style |= RS_ITALIC;
    if (fo_html_is_tag(n, "a")) {
        const char *href = fo_html_attr(n, "href");
        if (href && *href && *href != '#' && strncasecmp(href, "javascript:", 11) != 0)
            ctx.href = href;
    }
    const char *align = fo_html_attr(n, "align");
    if (fo_html_is_tag(n, "center") || (align && strcasecmp(align, "center") == 0) || style_has(n, "text-align", center))
        ctx.centered = true;
    if (looks_small(n))
        ctx.small = true;
    if (fo_html_is_tag(n, "blockquote"))
        ctx.in_quote = true;
    if (fo_html_is_tag(n, "figcaption"))
        ctx.figcaption = true;
    if (fo_html_is_tag(n, "pre"))
        ctx.pre = true;
    if (fo_html_is_tag(n, "ul") || fo_html_is_tag(n, "ol")) {
        ctx.list = n;
        ctx.ordered = fo_html_is_tag(n, "ol");
    }
    if (n->name[0] == 'h' && n->name[1] >= '1' && n->name[1] <= '6' && !n->name[2])
        ctx.hlevel = n->name[1] - '0';
    bool heading = false;
    fo_html_class_words(n, &heading);
    ctx.heading_class |= heading;
    if (hstat_of(n)->flags & HF_HIDDEN)
        ctx.furniture = true;
    if (hstat_of(n)->flags & HF_BLOCK) {
        ctx.block_elem = n;
        if (!ctx.furniture && is_furniture(w, n))
            ctx.furniture = true;
    } else if (!ctx.furniture && (hstat_of(n)->flags & HF_NEGATIVE) && is_furniture(w, n)) {
        ctx.furniture = true;
    }
    return ctx;
}

static void walk(walker *w, xmlNodePtr n, walk_ctx ctx);

static void walk_children(walker *w, xmlNodePtr n, walk_ctx ctx)
{
    for (xmlNodePtr c = n->children; c; c = c->next)
        walk(w, c, ctx);
}

static void walk_element(walker *w, xmlNodePtr n, walk_ctx ctx)
{
    hstat *s = hstat_of(n);
    if (s->flags & HF_SKIP)
        return;
    if (fo_html_is_tag(n, "br")) {
        if (ctx.pre && w->open)
            push_char(w, '\n', &ctx);
        else
            end_block(w);
        return;
    }
    if (fo_html_is_tag(n, "img")) {
        end_block(w);
        const char *src = image_source(w->p, n);
        if (src && !ctx.furniture) {
            hblock *b = new_block(w->out, HB_IMAGE, &ctx, ctx.block_elem);
            const char *alt = fo_html_attr(n, "alt");
            b->src = src;
            b->alt = alt && *alt ? fo_html_clean(w->p, alt, strlen(alt)) : NULL;
            w->image_elem = ctx.block_elem;
        }
        return;
    }
    if (fo_html_is_tag(n, "hr")) {
        end_block(w);
        if (!ctx.furniture)
            new_block(w->out, HB_RULE, &ctx, n);
        return;
    }
    ctx = enter(w, n, ctx);
    if (fo_html_is_tag(n, "table") && is_data_table(n)) {
        end_block(w);
        new_block(w->out, HB_TABLE, &ctx, n)->table = n;
        return;
    }
    bool block = s->flags & HF_BLOCK;
    if (block)
        end_block(w);
    walk_children(w, n, ctx);
    if (block)
        end_block(w);
}

static void walk(walker *w, xmlNodePtr n, walk_ctx ctx)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        add_text(w, (const char *)n->content, &ctx);
    else if (n->type == XML_ELEMENT_NODE)
        walk_element(w, n, ctx);
}

void fo_html_blocks(hpage *p, xmlNodePtr root, hblocks *out)
{
    walker w = {.p = p, .out = out, .root_punct = hstat_of(root)->punct};
    walk_ctx ctx = {.block_elem = root};
    bool heading = false;
    fo_html_class_words(root, &heading);
    ctx.heading_class = false;
    walk_children(&w, root, ctx);
    end_block(&w);
    free(w.cp);
    free(w.runs);
}

void fo_html_blocks_free(hblocks *b)
{
    for (size_t i = 0; i < b->n; i++) {
        free(b->v[i].cp);
        free(b->v[i].runs);
    }
    free(b->v);
    *b = (hblocks){0};
}

const char *fo_html_text(hpage *p, xmlNodePtr n)
{
    hblocks tmp = {0};
    fo_html_blocks(p, n, &tmp);
    fo_buf b = {0};
    for (size_t i = 0; i < tmp.n; i++) {
        if (tmp.v[i].kind != HB_TEXT)
            continue;
        if (b.len)
            fo_buf_putc(&b, ' ');
        char *s = fo_html_utf8(tmp.v[i].cp, tmp.v[i].n);
        fo_buf_puts(&b, s);
        free(s);
    }
    fo_html_blocks_free(&tmp);
    const char *out = fo_doc_strdup(p->doc, b.data ? b.data : "");
    fo_buf_free(&b);
    return out;
}
