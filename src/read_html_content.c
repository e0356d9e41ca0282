/* read_html_content.c — evidence per element, and the article's main content.
 *
 * After readability (Arc90/Mozilla) and the "text and symbol density" of GeneralNewsExtractor: an
 * article is many paragraphs of running text, with Chinese sentence punctuation, side by side under
 * one parent; navigation, related-article lists and share bars are short texts inside links, and
 * comments are short texts each in a box of its own.  Every paragraph gives its parent its score
 * (its punctuation and its length) and its grandparent half of it; the element with the most score,
 * less its share of link text, plus what its class and id words say, holds the article.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cleanup.h"
#include "read_html.h"
#include "text.h"

/* ---- tags and attributes ---- */

static bool name_in(xmlNodePtr n, const char *const *names)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return false;
    for (const char *const *t = names; *t; t++)
        if (strcasecmp((const char *)n->name, *t) == 0)
            return true;
    return false;
}

bool fo_html_is_tag(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

bool fo_html_is_block_tag(xmlNodePtr n)
{
    static const char *const blocks[] = {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p",
        "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", NULL,
    };
    return name_in(n, blocks);
}

/* Elements that never hold article text. */
bool fo_html_is_skipped_tag(xmlNodePtr n)
{
    static const char *const skipped[] = {
        "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet",
        "svg", "canvas", "math", "select", "option", "textarea", "input", "button", "audio", "video", "source",
        "track", "map", "link", "meta", "head", "title", "base", NULL,
    };
    return n->type != XML_ELEMENT_NODE || name_in(n, skipped);
}

const char *fo_html_find_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return hay;
    return NULL;
}

const char *fo_html_attr(xmlNodePtr n, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (a->name && strcasecmp((const char *)a->name, name) == 0) {
            xmlNodePtr v = a->children;
            return v && v->type == XML_TEXT_NODE && v->content ? (const char *)v->content : "";
        }
    return NULL;
}

/* style="…display:none…" (spaces allowed around the colon) or the hidden attribute. */
bool fo_html_is_hidden(xmlNodePtr n)
{
    if (fo_html_attr(n, "hidden"))
        return true;
    const char *style = fo_html_attr(n, "style");
    if (!style)
        return false;
    for (const char *s = style; (s = fo_html_find_ci(s, "display")) != NULL; s += 7) {
        const char *v = s + 7;
        while (*v == ' ' || *v == '\t')
            v++;
        if (*v != ':')
            continue;
        v++;
        while (*v == ' ' || *v == '\t')
            v++;
        if (strncasecmp(v, "none", 4) == 0)
            return true;
    }
    return false;
}

/* ---- class and id words ---- */

/* Words of page furniture and of article content, as class and id values name them.  Long words match
 * inside a token ("post_btmshare", "endText"); short ones only as a whole token ("ad", "nav"). */
static const char *const negative_long[] = {
    "share", "comment", "related", "relate", "recommend", "footer", "sidebar", "banner", "qrcode", "erweima",
    "copyright", "toolbar", "breadcrumb", "crumb", "advert", "sponsor", "login", "subscribe", "widget",
    "popup", "pagination", "hotnews", "ranking", "navbar", "navigation", "weixin", "wechat", NULL,
};
static const char *const negative_short[] = {
    "nav", "navi", "menu", "foot", "bottom", "ad", "ads", "adv", "tag", "tags", "hot", "rank", "side", "aside",
    "qr", "ewm", "tool", "tools", "print", "search", "link", "links", "friend", "more", "hidden", "hide",
    "pager", "page", "paging", "tie", "reply", "cmt", "keyword", "keywords", "location", "position", "path",
    "author", "follow", "fllow", "source", "time", "date", "info", "meta", "font", "size", "header", "top",
    "logo", "user", "rec", NULL,
};
static const char *const positive_long[] = {"article", "content", "detail", "artibody", "text", NULL};
static const char *const positive_short[] = {"txt", "body", "entry", "post", "story", "zw", "zoom", "editor",
                                             "cont", "con", "main", NULL};
static const char *const heading_words[] = {"h1", "h2", "h3", "h4", "h5", "h6", "title", "subtitle", "heading",
                                            "subhead", "subheading", NULL};

static bool word_in(const char *w, const char *const *list)
{
    for (const char *const *t = list; *t; t++)
        if (strcmp(w, *t) == 0)
            return true;
    return false;
}

static bool part_in(const char *w, const char *const *list)
{
    for (const char *const *t = list; *t; t++)
        if (strstr(w, *t))
            return true;
    return false;
}

/* Split a class or id value into lower-case tokens at anything not a letter or digit and at
 * camelCase humps ("endText" → "end", "text"); whole lower-cased tokens are tried too. */
static void classify_value(const char *v, int *pos, int *neg, bool *heading)
{
    char token[64], whole[64];
    size_t t = 0, w = 0;
    for (const char *s = v;; s++) {
        unsigned char c = (unsigned char)*s;
        bool alnum = c && isalnum(c);
        bool hump = alnum && isupper(c) && t > 0 && islower((unsigned char)token[t - 1]);
        if ((!alnum || hump) && t > 0) {
            token[t] = '\0';
            *neg += word_in(token, negative_short);
            *pos += word_in(token, positive_short);
            *heading |= word_in(token, heading_words);
            t = 0;
        }
        if (!alnum && w > 0) {
            whole[w] = '\0';
            *neg += part_in(whole, negative_long);
            *pos += part_in(whole, positive_long);
            w = 0;
        }
        if (!c)
            break;
        if (alnum) {
            if (t < sizeof token - 1)
                token[t++] = (char)tolower(c);
            if (w < sizeof whole - 1)
                whole[w++] = (char)tolower(c);
        }
    }
}

int fo_html_class_words(xmlNodePtr n, bool *heading)
{
    int pos = 0, neg = 0;
    bool h = false;
    const char *cls = fo_html_attr(n, "class"), *id = fo_html_attr(n, "id");
    if (cls)
        classify_value(cls, &pos, &neg, &h);
    if (id)
        classify_value(id, &pos, &neg, &h);
    const char *itemprop = fo_html_attr(n, "itemprop");
    if (itemprop && fo_html_find_ci(itemprop, "articlebody"))
        pos += 2;
    if (heading)
        *heading = h;
    return (pos > neg) - (neg > pos);
}

/* ---- gathering ---- */

bool fo_html_is_punct(uint32_t c)
{
    switch (c) {
    case 0xFF0C: case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF1B: case 0xFF1A: case 0x3001:
    case 0x201C: case 0x201D: case 0x2018: case 0x2019: case 0x300A: case 0x300B:
    case ',': case '.': case '!': case '?': case ';': case ':':
        return true;
    default:
        return false;
    }
}

/* Words of a site's footer (copyright, licence numbers, disclaimers): a paragraph holding them is
 * no evidence of the article, however much punctuation it has. */
static bool has_footer_words(const char *s)
{
    static const char *const words[] = {"版权所有", "Copyright", "copyright", "ICP备", "ICP证", "公网安备", "举报电话",
                                        "免责声明", "郑重声明", "版权声明", "不良信息举报", NULL};
    for (const char *const *w = words; *w; w++)
        if (strstr(s, *w))
            return true;
    return false;
}

typedef struct counts {
    size_t text, link, punct, images;
} counts;

static size_t count_text(const char *s, size_t *punct)
{
    size_t chars = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t k = fo_utf8_decode(s + i, len - i, &c);
        if (!k) {
            i++;
            continue;
        }
        i += k;
        if (c <= ' ' || fo_is_space(c))
            continue;
        chars++;
        *punct += fo_html_is_punct(c);
    }
    return chars;
}

typedef struct gatherer {
    hpage *p;
} gatherer;

/* One walk: flags, document order and the counts of every element; own_* go to the nearest block
 * element, the subtree counts to every ancestor (through the return value). */
/* A text node's counts, also credited to its nearest block element as that block's own text. */
static counts gather_text(xmlNodePtr n, xmlNodePtr block, bool in_link)
{
    counts c = {0};
    size_t punct = 0;
    size_t chars = count_text((const char *)n->content, &punct);
    c.text = chars;
    c.link = in_link ? chars : 0;
    c.punct = in_link ? 0 : punct;
    if (block) {
        hstat *b = hstat_of(block);
        b->own_text += chars;
        b->own_link += c.link;
        b->own_punct += c.punct;
        if (chars && has_footer_words((const char *)n->content))
            b->flags |= HF_FOOTER;
    }
    return c;
}

static counts gather(gatherer *g, xmlNodePtr n, xmlNodePtr block, bool in_link)
{
    counts c = {0};
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        return gather_text(n, block, in_link);
    if (n->type != XML_ELEMENT_NODE)
        return c;
    hstat *s = hstat_of(n);
    if (fo_html_is_skipped_tag(n)) {
        s->flags |= HF_SKIP;
        return c;
    }
    if (fo_html_is_hidden(n)) { /* its elements get their flags; its text counts for nothing */
        s->flags |= HF_HIDDEN;
        for (xmlNodePtr ch = n->children; ch; ch = ch->next)
            gather(g, ch, NULL, in_link);
        return c;
    }
    if (fo_html_is_tag(n, "img")) {
        c.images = 1;
        s->images = 1;
        return c;
    }
    if (fo_html_is_tag(n, "br")) {
        if (block)
            hstat_of(block)->breaks++;
        return c;
    }
    if (fo_html_is_block_tag(n)) {
        s->flags |= HF_BLOCK;
        block = n;
    }
    int words = fo_html_class_words(n, NULL);
    s->flags |= words > 0 ? HF_POSITIVE : words < 0 ? HF_NEGATIVE : 0;
    bool link = in_link || (fo_html_is_tag(n, "a") && fo_html_attr(n, "href"));
    for (xmlNodePtr ch = n->children; ch; ch = ch->next) {
        counts k = gather(g, ch, block, link);
        c.text += k.text, c.link += k.link, c.punct += k.punct, c.images += k.images;
    }
    s->text = c.text, s->link_text = c.link, s->punct = c.punct, s->images = c.images;
    return c;
}

/* Number the elements in document order; each gets its stats slot, its order and the order of the
 * last element below it. */
static size_t number_elements(xmlNodePtr n, hstat *stats, size_t at)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        size_t self = at++;
        at = number_elements(n->children, stats, at);
        if (stats) {
            n->_private = &stats[self];
            stats[self].order = (int)self;
            stats[self].last = (int)at - 1;
        }
    }
    return at;
}

void fo_html_gather(hpage *p)
{
    xmlNodePtr root = xmlDocGetRootElement(p->dom);
    p->n_stats = number_elements(root, NULL, 0);
    p->stats = calloc(p->n_stats ? p->n_stats : 1, sizeof *p->stats);
    if (!p->stats)
        fo_out_of_memory("could not allocate %zu bytes", p->n_stats * sizeof *p->stats);
    number_elements(root, p->stats, 0);
    gatherer g = {.p = p};
    if (root)
        gather(&g, root, NULL, false);
}

/* ---- scoring ---- */

/* A paragraph shorter than this (characters outside links) gives no evidence. */
enum { MIN_PARAGRAPH = 10 };
/* What class and id words are worth, against a paragraph's score (about 1 per punctuation mark). */
static const double CLASS_WEIGHT = 25.0;

static bool is_container_of_lines(xmlNodePtr n)
{
    if (fo_html_is_tag(n, "p"))
        return false;
    if (hstat_of(n)->breaks > 0)
        return true; /* text cut into lines by <br>: the lines are its paragraphs */
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && (hstat_of(c)->flags & HF_BLOCK) && hstat_of(c)->text > 0)
            return true;
    return false;
}

/* Give a paragraph's score to the element that holds it (itself, when its lines are <br>-separated)
 * and to the ancestors above, less and less. */
static void spread(xmlNodePtr para)
{
    hstat *s = hstat_of(para);
    if (s->own_text < s->own_link + MIN_PARAGRAPH || (s->flags & HF_FOOTER))
        return;
    double score = 1.0 + (double)s->own_punct + fmin((double)(s->own_text - s->own_link) / 100.0, 3.0);
    xmlNodePtr at = is_container_of_lines(para) ? para : para->parent;
    for (int level = 0; at && at->type == XML_ELEMENT_NODE && level < 5; level++, at = at->parent) {
        double share = level == 0 ? 1.0 : level == 1 ? 0.5 : 1.0 / (3.0 * level);
        hstat_of(at)->score += score * share;
    }
}

static void spread_all(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || (hstat_of(n)->flags & (HF_SKIP | HF_HIDDEN)))
            continue;
        if (hstat_of(n)->flags & HF_BLOCK)
            spread(n);
        spread_all(n->children);
    }
}

static double final_score(xmlNodePtr n)
{
    hstat *s = hstat_of(n);
    if (s->score <= 0)
        return 0;
    double density = s->text ? (double)s->link_text / (double)s->text : 0;
    double words = (s->flags & HF_POSITIVE) ? CLASS_WEIGHT : (s->flags & HF_NEGATIVE) ? -CLASS_WEIGHT : 0;
    if (fo_html_is_tag(n, "article"))
        words += CLASS_WEIGHT;
    return s->score * (1.0 - density) + words;
}

static void best_of(xmlNodePtr n, xmlNodePtr *best, double *best_score)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || (hstat_of(n)->flags & (HF_SKIP | HF_HIDDEN)))
            continue;
        double score = final_score(n);
        if (score > *best_score) {
            *best = n;
            *best_score = score;
        }
        best_of(n->children, best, best_score);
    }
}

void fo_html_find_content(hpage *p)
{
    spread_all(p->body);
    xmlNodePtr best = NULL;
    double best_score = 0;
    best_of(p->body ? p->body->children : NULL, &best, &best_score);
    p->content = best ? best : p->body;
}
