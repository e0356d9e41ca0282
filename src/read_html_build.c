/* read_html_build.c — the content's blocks → the model.
 *
 * Roles first, each from the block's text (by the text reader's rules) and its markup: the headline
 * repeated, metadata lines and bylines (read into the metadata), 原标题, page furniture, a "related
 * articles" marker that ends the article, captions (a short line under a photo, set apart: centred,
 * small, grey, or in the photo's own paragraph), headings (<h2>…, a short line all in bold, a class
 * that says heading, a numbered line the text reader takes for a heading).  Then the model: sections
 * nested by heading rank, paragraphs with their inline styles, lists, quotations, figures with their
 * pictures, tables.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "picture.h"
#include "read_html.h"
#include "read_text_rules.h"
#include "text.h"

/* Thresholds, in characters. */
enum {
    HEADING_MAX = 50,       /* a heading is a short line */
    CAPTION_MAX = 100,      /* a caption under a photo */
    END_MARKER_MAX = 12,    /* "延伸阅读", "相关新闻："… */
    RUNIN_MAX = 20,         /* a bold lead ("加强宣传解读。") before the rest of its paragraph */
    RUNIN_REST_MIN = 10,
};

static bool starts_with_word(const uint32_t *s, size_t n, const char *word, size_t *len)
{
    size_t i = 0;
    for (const char *w = word; *w; i++) {
        uint32_t c;
        size_t k = fo_utf8_decode(w, strlen(w), &c);
        if (!k || i >= n || s[i] != c)
            return false;
        w += k;
    }
    if (len)
        *len = i;
    return true;
}

static bool contains_word(const uint32_t *s, size_t n, const char *word)
{
    size_t w;
    uint32_t *cp = fo_html_cps(word, &w);
    bool found = false;
    for (size_t i = 0; i + w <= n && !found; i++)
        found = memcmp(s + i, cp, w * sizeof *cp) == 0;
    free(cp);
    return found;
}

static bool is_sentence_end(uint32_t c)
{
    return c == 0x3002 || c == 0xFF1B || c == 0xFF0C || c == 0x3001 || c == ';' || c == ',';
}

/* ---- roles ---- */

/* A short line that says what follows is not the article: related articles, recommendations. */
static bool is_end_marker(const hblock *b)
{
    static const char *const markers[] = {"延伸阅读", "相关阅读", "相关新闻", "相关推荐", "推荐阅读", "相关文章", "相关链接",
                                          "热门推荐", "猜你喜欢", "为您推荐", "往期回顾", "往期推荐", "精彩推荐", "更多精彩",
                                          "相关搜索", "延伸·推荐", "延伸 · 推荐", "热点推荐", "热门文章", "相关专题",
                                          "你可能会喜欢", "您可能感兴趣", "关联阅读", "推荐文章", "最新报导", "最新报道", NULL};
    if (b->n > END_MARKER_MAX)
        return false;
    size_t from = 0;
    while (from < b->n && (b->cp[from] == 0x3010 || b->cp[from] == '[' || fo_is_space(b->cp[from])))
        from++;
    for (const char *const *m = markers; *m; m++) {
        size_t len;
        if (!starts_with_word(b->cp + from, b->n - from, *m, &len))
            continue;
        size_t i = from + len;
        while (i < b->n && (b->cp[i] == 0x3011 || b->cp[i] == ']' || b->cp[i] == 0xFF1A || b->cp[i] == ':' ||
                            fo_is_space(b->cp[i]) || b->cp[i] == '>'))
            i++;
        if (i == b->n)
            return true;
    }
    return false;
}

/* Page furniture that can sit inside the article's own box: QR-code prompts, "read the original",
 * the site's promotion after the text, a line of broken characters. */
static bool is_furniture_text(const hblock *b)
{
    static const char *const words[] = {"扫描二维码", "扫码", "二维码", "长按识别", "长按二维码", "阅读原文", "点击阅读", "本文来自",
                                        "未经授权", "转载请注明", "禁止转载", "点击进入", "点击查看", "查看更多", "展开全文",
                                        "返回搜狐", "责任编辑", "【纠错】", "本文为", "上一篇", "下一篇", "关注我们", NULL};
    size_t junk = 0;
    for (size_t i = 0; i < b->n; i++)
        junk += b->cp[i] == 0xFFFD || fo_is_space(b->cp[i]) || fo_html_is_punct(b->cp[i]);
    if (junk == b->n)
        return true;
    if (fo_rule_junk(b->cp, b->n, &fo_reader_default_limits))
        return true;
    if (b->n > 60)
        return false;
    for (const char *const *w = words; *w; w++)
        if (contains_word(b->cp, b->n, *w))
            return true;
    return false;
}

static bool is_title_again(hpage *p, const hblock *b, const char *title)
{
    if (!title)
        return false;
    char *norm = fo_html_norm(b->cp, b->n);
    size_t len = strlen(norm);
    bool same = len > 0 && (strcmp(norm, title) == 0 || (len >= 12 && strncmp(title, norm, len) == 0));
    free(norm);
    (void)p;
    return same;
}

/* "（原标题：…）" or "原标题：…": the original title, noted and not text. */
static bool original_title(hpage *p, const hblock *b, bool apply)
{
    size_t from = 0, to = b->n;
    if (to >= 2 && (b->cp[0] == 0xFF08 || b->cp[0] == '(') && (b->cp[to - 1] == 0xFF09 || b->cp[to - 1] == ')'))
        from = 1, to--;
    while (from < to && fo_is_space(b->cp[from]))
        from++;
    size_t prefix = 0;
    static const char *const leads[] = {"本文原标题", "原标题", "原题", NULL};
    for (const char *const *l = leads; *l && !prefix; l++) {
        size_t len;
        if (starts_with_word(b->cp + from, to - from, *l, &len) && from + len < to &&
            (b->cp[from + len] == 0xFF1A || b->cp[from + len] == ':'))
            prefix = len + 1;
    }
    if (!prefix)
        return false;
    if (apply && !p->doc->meta.original_title) {
        size_t a = from + prefix, e = to;
        while (a < e && fo_is_space(b->cp[a]))
            a++;
        if (a < e && b->cp[a] == 0x300A && b->cp[e - 1] == 0x300B) /* 《…》 */
            a++, e--;
        char *s = fo_html_utf8(b->cp + a, e - a);
        p->doc->meta.original_title = fo_doc_strdup(p->doc, s);
        free(s);
    }
    return true;
}

/* The ending of a heading: no full stop, comma or semicolon (a question, an exclamation, a colon
 * introducing what follows are fine), no dash opening it (an attribution: "——（宋）陆游"), no row of
 * exclamation marks or an ellipsis (emphasis in a passage, not a title). */
static bool heading_shaped(const hblock *b)
{
    if (b->n < 2 || b->n > HEADING_MAX || b->list || b->in_quote || b->pre)
        return false;
    uint32_t last = b->cp[b->n - 1], before = b->cp[b->n - 2], first = b->cp[0];
    bool exclaims = (last == 0xFF01 || last == '!') && (before == 0xFF01 || before == '!');
    return !is_sentence_end(last) && !exclaims && last != 0x2026 && first != 0x2014 && first != '-' && first != 0x2015;
}

static bool caption_marked(const hblock *b)
{
    static const char *const leads[] = {"▲", "△", "图为", "图片来源", "图片来自", "图：", "图:", "（图", "(图", "摄影：", NULL};
    static const char *const whole[] = {"资料图", "资料图片", "网络图片", "视频截图", "图片来自网络", NULL};
    for (const char *const *l = leads; *l; l++)
        if (starts_with_word(b->cp, b->n, *l, NULL))
            return true;
    for (const char *const *w = whole; *w; w++) {
        size_t len;
        if (starts_with_word(b->cp, b->n, *w, &len) && len == b->n)
            return true;
    }
    fo_caption_match cm;
    return fo_rule_caption(b->cp, b->n, &fo_reader_default_limits, &cm) && cm.credit_end > cm.credit_start;
}

/* Text that the photo's alt attribute already says: the page printed its caption twice. */
static bool repeats_alt(const hblock *b, const hblock *img)
{
    enum { ALT_MIN = 4 };
    if (!img || !img->alt || b->n < ALT_MIN)
        return false;
    size_t n;
    uint32_t *alt = fo_html_cps(img->alt, &n);
    char *a = fo_html_norm(alt, n), *t = fo_html_norm(b->cp, b->n);
    bool same = strstr(a, t) != NULL || (strlen(a) >= ALT_MIN * 3 && strstr(t, a) != NULL);
    free(alt), free(a), free(t);
    return same;
}

/* A text block after a photo that is its caption: in the photo's own paragraph or its <figcaption>,
 * or short and set apart (centred, small or grey and not bold all through; a ▲ or 图为 lead; a photo
 * credit at the end). */
static bool is_caption_of_image(const hblock *b, const hblock *img)
{
    if (b->kind != HB_TEXT || b->n > CAPTION_MAX || b->furniture || b->hlevel)
        return false;
    return b->after_image || b->figcaption || caption_marked(b) || ((b->centered || b->small) && !b->all_bold) ||
           repeats_alt(b, img);
}

static void set_role(hblock *b, hrole role, const char *why)
{
    b->role = role;
    b->why = why;
}

/* Roles by the block's own text, in order; `seen_body` once an ordinary paragraph has been seen. */
static void text_role(hpage *p, hblock *b, const char *title, bool seen_body)
{
    if (is_end_marker(b))
        set_role(b, HR_END, "a 'related articles' marker: the article has ended");
    else if (!seen_body && is_title_again(p, b, title))
        set_role(b, HR_TITLE, "the headline again");
    else if (original_title(p, b, true))
        set_role(b, HR_ORIGINAL_TITLE, "原标题：");
    else if (fo_html_meta_line(p, b->cp, b->n, !seen_body, true))
        set_role(b, HR_META, "date / 来源 / 作者 / 编辑 fields and nothing else");
    else if (b->n <= 40 && fo_html_byline(p, b->cp, b->n, true))
        set_role(b, HR_BYLINE, "byline: 记者 X, 文/X, X/paper");
    else if (is_furniture_text(b))
        set_role(b, HR_FURNITURE, "page furniture (QR prompts, share words, site promotion)");
    else
        set_role(b, HR_BODY, "paragraph");
}

/* "…，返回搜狐，查看更多" glued to a credit line: a link of page furniture closing a block is cut off. */
static void cut_furniture_link(hblock *b)
{
    if (!b->n_runs || !b->runs[b->n_runs - 1].href)
        return;
    hrun *last = &b->runs[b->n_runs - 1];
    hblock tail = *b;
    tail.cp = b->cp + last->start;
    tail.n = last->end - last->start;
    if (last->start == 0 || !is_furniture_text(&tail))
        return;
    b->n = last->start;
    b->n_runs--;
    while (b->n > 0 && b->cp[b->n - 1] == ' ')
        b->n--;
    if (b->n_runs)
        b->runs[b->n_runs - 1].end = b->n;
}

/* A paragraph of the article's text rather than a label or a stray word: long enough, or ending in
 * punctuation (a sentence, or a line of one: "下周一，"). */
static bool is_substantial(const hblock *b)
{
    enum { SUBSTANTIAL_MIN = 10 };
    if (b->kind != HB_TEXT || b->role != HR_BODY)
        return false;
    uint32_t last = b->cp[b->n - 1];
    return b->n >= SUBSTANTIAL_MIN || fo_html_is_punct(last) || last == 0x2026 || last == 0xFF09;
}

/* Bold is evidence of a heading only where most text is not bold. */
static bool bold_is_evidence(const hpage *p)
{
    size_t bold = 0, text = 0;
    for (size_t i = 0; i < p->blocks.n; i++)
        if (p->blocks.v[i].kind == HB_TEXT && p->blocks.v[i].role == HR_BODY) {
            text++;
            bold += p->blocks.v[i].all_bold;
        }
    return bold * 2 < text;
}

/* A bold line beside a bold line that is no heading (one ending in a comma) is part of a passage set
 * in bold for emphasis: "5月20日至31日，" "京沪高速北京方向，" "将进行封闭施工！！！". */
static bool in_bold_passage(const hpage *p, size_t i)
{
    for (int d = -1; d <= 1; d += 2) {
        if ((d < 0 && i == 0) || i + (size_t)(d > 0) >= p->blocks.n)
            continue;
        const hblock *o = &p->blocks.v[(size_t)((long)i + d)];
        uint32_t last = o->n ? o->cp[o->n - 1] : 0;
        if (o->kind == HB_TEXT && o->role == HR_BODY && o->all_bold &&
            (is_sentence_end(last) || (o->n >= 2 && (last == 0xFF01 || last == '!') &&
                                       (o->cp[o->n - 2] == 0xFF01 || o->cp[o->n - 2] == '!'))))
            return true;
    }
    return false;
}

static bool heading_evidence(const hpage *p, size_t i, bool bold_counts, const char **why)
{
    const hblock *b = &p->blocks.v[i];
    fo_heading_match h;
    if (!heading_shaped(b))
        return false;
    if (b->hlevel && b->elem != p->headline)
        *why = "heading element <h1>…<h6>";
    else if (b->all_bold && bold_counts && !in_bold_passage(p, i))
        *why = "a short line all in bold";
    else if (b->heading_class)
        *why = "class words of a heading";
    else if (fo_rule_heading(b->cp, b->n, &fo_reader_default_limits, &h) && h.rank != FO_RANK_ARTICLE)
        *why = "numbered like a heading (一、 （一） 1. …)";
    else if (i > 0 && p->blocks.v[i - 1].role == HR_NUMBER)
        *why = "the line after a section number (01, 02 …)";
    else
        return false;
    return true;
}

/* "01", "02": a section number on a line of its own, before the line that is the heading. */
static bool is_number_line(const hblock *b)
{
    return b->kind == HB_TEXT && b->role == HR_BODY && b->n >= 1 && b->n <= 2 && b->cp[0] >= '0' && b->cp[0] <= '9' &&
           (b->n == 1 || (b->cp[1] >= '0' && b->cp[1] <= '9'));
}

/* "点评：" alone in bold before a paragraph: a label that heads that paragraph. */
static bool is_label(const hblock *b, const hblock *next)
{
    enum { LABEL_MAX = 8 };
    uint32_t last = b->n ? b->cp[b->n - 1] : 0;
    return b->all_bold && b->n >= 2 && b->n <= LABEL_MAX + 1 && (last == 0xFF1A || last == ':') && next &&
           next->kind == HB_TEXT && next->role == HR_BODY && !next->all_bold;
}

/* First pass: each block by its own text, in order; captions right under their photos. */
static void first_roles(hpage *p, const char *title)
{
    bool seen_body = false, ended = false;
    size_t captions = 0;
    const hblock *image = NULL; /* the photo right before, while its captions are being looked for */
    for (size_t i = 0; i < p->blocks.n; i++) {
        hblock *b = &p->blocks.v[i];
        if (b->kind == HB_TEXT)
            cut_furniture_link(b);
        if (ended) {
            set_role(b, HR_END, "after the end of the article (a related list, the credits)");
            if (b->kind == HB_TEXT)
                fo_html_meta_line(p, b->cp, b->n, false, true);
        } else if (b->kind != HB_TEXT) {
            set_role(b, HR_BODY, b->kind == HB_IMAGE ? "image" : b->kind == HB_TABLE ? "table" : "rule");
        } else if (b->furniture) {
            if (original_title(p, b, true))
                set_role(b, HR_ORIGINAL_TITLE, "原标题： in page furniture (hidden)");
            else if (fo_html_meta_line(p, b->cp, b->n, !seen_body, true) || fo_html_byline(p, b->cp, b->n, true))
                set_role(b, HR_META, "metadata line in page furniture");
            else
                set_role(b, HR_FURNITURE, "inside page furniture (class words, links)");
        } else if (image && captions < 2 && is_caption_of_image(b, image)) {
            set_role(b, HR_CAPTION, b->after_image ? "text in the photo's own paragraph"
                                                   : "a short line set apart under a photo");
            captions++;
            continue;
        } else {
            text_role(p, b, title, seen_body);
            ended = b->role == HR_END || (seen_body && b->role == HR_META);
            seen_body |= b->role == HR_BODY;
        }
        image = b->kind == HB_IMAGE && b->role == HR_BODY ? b : NULL;
        captions = 0;
    }
}

/* Short text before the first paragraph of the article or after its last (tab labels, "+1", credits
 * the rules do not know) is furniture; the first paragraph may name the reporters (a dateline), the
 * last may close with them in brackets. */
static void trim_edges(hpage *p)
{
    size_t first = p->blocks.n, last = p->blocks.n;
    for (size_t i = 0; i < p->blocks.n; i++)
        if (is_substantial(&p->blocks.v[i])) {
            if (first == p->blocks.n)
                first = i;
            last = i;
        }
    for (size_t i = 0; i < p->blocks.n; i++) {
        hblock *b = &p->blocks.v[i];
        if (b->kind == HB_TEXT && b->role == HR_BODY && (i < first || (last < p->blocks.n && i > last)) &&
            !is_number_line(b))
            set_role(b, HR_FURNITURE, "short text outside the article's paragraphs");
    }
    if (first == p->blocks.n)
        return;
    hblock *lead = &p->blocks.v[first], *close = &p->blocks.v[last];
    fo_html_dateline(p, lead->cp, lead->n);
    if (fo_html_closing_byline(p, close->cp, close->n, true) == 0)
        set_role(close, HR_BYLINE, "the reporters' names in brackets closing the article");
}

/* Run-in heads by the text reader's rule ("加强宣传解读。" opening a paragraph), only where a section
 * has a series of them: one paragraph that happens to open with a short sentence is no run-in head. */
static void find_runins(hpage *p)
{
    size_t start = 0;
    for (size_t i = 0; i <= p->blocks.n; i++) {
        if (i < p->blocks.n && p->blocks.v[i].role != HR_HEADING)
            continue;
        size_t count = 0;
        for (int pass = 0; pass < 2; pass++)
            for (size_t k = start; k < i; k++) {
                hblock *b = &p->blocks.v[k];
                if (b->kind != HB_TEXT || b->role != HR_BODY || b->list || b->in_quote || b->pre)
                    continue;
                if (pass == 0)
                    count += (b->runin = fo_rule_runin_head(b->cp, b->n, &fo_reader_default_limits)) > 0;
                else if (count < fo_reader_default_limits.runin_series_min)
                    b->runin = 0;
            }
        start = i + 1;
    }
}

void fo_html_roles(hpage *p)
{
    char *title = NULL;
    if (p->doc->meta.title) {
        size_t n;
        uint32_t *s = fo_html_cps(p->doc->meta.title, &n);
        title = fo_html_norm(s, n);
        free(s);
    }
    first_roles(p, title);
    free(title);
    trim_edges(p);
    for (size_t i = 0; i + 1 < p->blocks.n; i++) {
        hblock *b = &p->blocks.v[i], *next = &p->blocks.v[i + 1];
        if (is_number_line(b) && next->kind == HB_TEXT && next->role == HR_BODY && heading_shaped(next))
            set_role(b, HR_NUMBER, "a section number on its own line");
        else if (b->kind == HB_TEXT && b->role == HR_BODY && is_label(b, next))
            set_role(b, HR_LABEL, "a bold label ending in a colon, before its paragraph");
    }
    bool bold_counts = bold_is_evidence(p);
    for (size_t i = 0; i < p->blocks.n; i++) {
        hblock *b = &p->blocks.v[i];
        const char *why = NULL;
        if (b->kind == HB_TEXT && b->role == HR_BODY && heading_evidence(p, i, bold_counts, &why))
            set_role(b, HR_HEADING, why);
    }
    find_runins(p);
    /* a truncated headline ("…免...") or one with an advertiser's tag in front: the 原标题 is the title */
    const char *orig = p->doc->meta.original_title, *t = p->doc->meta.title;
    if (orig && t) {
        size_t tn = strlen(t);
        while (tn > 0 && (t[tn - 1] == '.' || (tn >= 3 && strncmp(t + tn - 3, "…", 3) == 0)))
            tn -= t[tn - 1] == '.' ? 1 : 3;
        bool truncated = tn < strlen(t) && tn > 0 && strncmp(orig, t, tn) == 0;
        bool tagged = strlen(t) > strlen(orig) && strcmp(t + strlen(t) - strlen(orig), orig) == 0 &&
                      (t[0] == '[' || strncmp(t, "【", 3) == 0);
        if (truncated || tagged)
            p->doc->meta.title = orig;
    }
}

/* ---- inlines ---- */

static fo_pos pos_of(const hblock *b) { return (fo_pos){b->line, 0}; }

/* Text with 《…》 titles as citetitle (the marks stay text around it), line ends as line breaks. */
static void append_text(hpage *p, fo_node *parent, const hblock *b, size_t from, size_t to)
{
    size_t start = from;
    for (size_t i = from; i <= to; i++) {
        bool at_end = i == to;
        if (!at_end && b->cp[i] != '\n' && b->cp[i] != 0x300A)
            continue;
        size_t close = i;
        if (!at_end && b->cp[i] == 0x300A) {
            close = i + 1;
            while (close < to && b->cp[close] != 0x300B && b->cp[close] != 0x300A)
                close++;
            if (close >= to || b->cp[close] != 0x300B || close == i + 1)
                continue;
        }
        size_t text_end = at_end || b->cp[i] == '\n' ? i : i + 1;
        if (text_end > start) {
            char *s = fo_html_utf8(b->cp + start, text_end - start);
            fo_node_append(parent, fo_text_new(p->doc, s, strlen(s), pos_of(b)));
            free(s);
        }
        if (at_end)
            break;
        if (b->cp[i] == '\n') {
            fo_node_append(parent, fo_node_new(p->doc, FO_LINEBREAK, pos_of(b)));
            start = i + 1;
            continue;
        }
        fo_node *cite = fo_node_append(parent, fo_node_new(p->doc, FO_CITETITLE, pos_of(b)));
        char *s = fo_html_utf8(b->cp + i + 1, close - i - 1);
        fo_node_append(cite, fo_text_new(p->doc, s, strlen(s), pos_of(b)));
        free(s);
        start = close;
        i = close - 1;
    }
}

/* The inlines of b's text in [from, to): links hold styled text, bold holds italic.  `plain` leaves
 * bold out (a heading or caption that is bold all through is not emphasis). */
static void append_inlines(hpage *p, fo_node *parent, const hblock *b, size_t from, size_t to, unsigned plain)
{
    for (size_t r = 0; r < b->n_runs; r++) {
        const hrun *run = &b->runs[r];
        size_t a = run->start > from ? run->start : from, e = run->end < to ? run->end : to;
        if (a >= e)
            continue;
        fo_node *at = parent;
        if (run->href) {
            if (!(at->kind == FO_LINK && at->u.link.url && strcmp(at->u.link.url, run->href) == 0)) {
                fo_node *last = parent->last;
                if (last && last->kind == FO_LINK && strcmp(last->u.link.url, run->href) == 0 && r > 0 &&
                    b->runs[r - 1].href == run->href)
                    at = last;
                else {
                    at = fo_node_append(parent, fo_node_new(p->doc, FO_LINK, pos_of(b)));
                    at->u.link.url = fo_html_clean(p, run->href, strlen(run->href));
                }
            }
        }
        unsigned style = run->style & ~plain;
        if (style & RS_BOLD)
            at = fo_node_append(at, fo_node_new(p->doc, FO_STRONG, pos_of(b)));
        if (style & RS_ITALIC)
            at = fo_node_append(at, fo_node_new(p->doc, FO_EMPH, pos_of(b)));
        append_text(p, at, b, a, e);
    }
}

static fo_node *inlines_of(hpage *p, fo_node *owner, const hblock *b, size_t from, size_t to, unsigned plain)
{
    fo_node *c = fo_inlines_new(p->doc, owner, pos_of(b));
    append_inlines(p, c, b, from, to, plain);
    return c;
}

/* ---- tables ---- */

static int span_attr(xmlNodePtr n, const char *name, int max)
{
    const char *v = fo_html_attr(n, name);
    long value = v ? strtol(v, NULL, 10) : 1;
    return value < 1 ? 1 : value > max ? max : (int)value;
}

static void add_cell(hpage *p, fo_node *row, xmlNodePtr td, int colspan)
{
    fo_node *cell = fo_node_append(row, fo_node_new(p->doc, FO_CELL, (fo_pos){fo_html_line(td), 0}));
    cell->u.cell.header = fo_html_is_tag(td, "th");
    cell->u.cell.colspan = colspan;
    cell->u.cell.rowspan = span_attr(td, "rowspan", 65534);
    hblocks inner = {0};
    fo_html_blocks(p, td, &inner);
    for (size_t i = 0; i < inner.n; i++) {
        const hblock *b = &inner.v[i];
        if (b->kind != HB_TEXT)
            continue;
        fo_node *para = fo_node_append(cell, fo_node_new(p->doc, FO_PARA, pos_of(b)));
        append_inlines(p, para, b, 0, b->n, 0);
    }
    fo_html_blocks_free(&inner);
}

static void add_row(hpage *p, fo_node *table, xmlNodePtr tr, bool header, int max_width)
{
    fo_node *row = fo_node_new(p->doc, FO_ROW, (fo_pos){fo_html_line(tr), 0});
    int width = 0;
    bool all_th = true;
    for (xmlNodePtr c = tr->children; c; c = c->next) {
        if (!(fo_html_is_tag(c, "td") || fo_html_is_tag(c, "th")) || width >= max_width)
            continue;
        int colspan = span_attr(c, "colspan", max_width - width);
        add_cell(p, row, c, colspan);
        width += colspan;
        all_th &= fo_html_is_tag(c, "th");
    }
    if (!row->first)
        return;
    row->u.row.header = header || (all_th && (!table->last || table->last->u.row.header));
    fo_node_append(table, row);
}

/* The rows of a table, through its row groups. */
static xmlNodePtr next_row(xmlNodePtr table, xmlNodePtr row)
{
    xmlNodePtr n = row ? row : table->children;
    for (bool first = row == NULL;; first = false) {
        if (!first) {
            if (n->next)
                n = n->next;
            else if (n->parent != table)
                n = n->parent->next ? n->parent->next : NULL;
            else
                n = NULL;
            if (!n)
                return NULL;
        }
        if (fo_html_is_tag(n, "tr"))
            return n;
        if ((fo_html_is_tag(n, "thead") || fo_html_is_tag(n, "tbody") || fo_html_is_tag(n, "tfoot")) && n->children) {
            for (xmlNodePtr r = n->children; r; r = r->next)
                if (fo_html_is_tag(r, "tr"))
                    return r;
        }
    }
}

/* How wide a table is: the widest row whose spans are all plausible (no wider than the most cells a
 * row has): a colspan="100" means "the rest of the row", not a hundred columns, and is cut to fit. */
static int table_width(xmlNodePtr table)
{
    int cells = 0, width = 0, clamped = 0;
    for (int pass = 0; pass < 2; pass++)
        for (xmlNodePtr r = next_row(table, NULL); r; r = next_row(table, r)) {
            int n = 0, w = 0;
            bool oversized = false;
            for (xmlNodePtr c = r->children; c; c = c->next)
                if (fo_html_is_tag(c, "td") || fo_html_is_tag(c, "th")) {
                    int span = span_attr(c, "colspan", FO_TABLE_MAX_COLS);
                    n++;
                    oversized |= pass == 1 && span > cells;
                    w += pass == 1 && span > cells ? cells : span;
                }
            if (pass == 0 && n > cells)
                cells = n;
            if (pass == 1 && !oversized && w > width)
                width = w;
            if (pass == 1 && w > clamped)
                clamped = w;
        }
    width = width ? width : clamped;
    return width < FO_TABLE_MAX_COLS ? width : FO_TABLE_MAX_COLS;
}

static fo_node *build_table(hpage *p, const hblock *b)
{
    fo_node *t = fo_node_new(p->doc, FO_TABLE, pos_of(b));
    int width = table_width(b->table);
    for (xmlNodePtr c = b->table->children; c; c = c->next) {
        if (fo_html_is_tag(c, "caption") && !t->u.table.caption) {
            hblocks inner = {0};
            fo_html_blocks(p, c, &inner);
            if (inner.n && inner.v[0].kind == HB_TEXT)
                t->u.table.caption = inlines_of(p, t, &inner.v[0], 0, inner.v[0].n, 0);
            fo_html_blocks_free(&inner);
        } else if (fo_html_is_tag(c, "tr")) {
            add_row(p, t, c, false, width);
        } else if (fo_html_is_tag(c, "thead") || fo_html_is_tag(c, "tbody") || fo_html_is_tag(c, "tfoot")) {
            for (xmlNodePtr r = c->children; r; r = r->next)
                if (fo_html_is_tag(r, "tr"))
                    add_row(p, t, r, fo_html_is_tag(c, "thead") && (!t->last || t->last->u.row.header), width);
        }
    }
    /* header rows only at the top, and at least one body row (CALS needs a tbody row) */
    bool body = false;
    for (fo_node *r = t->first; r; r = r->next) {
        r->u.row.header &= !body;
        body |= !r->u.row.header;
    }
    if (!body)
        for (fo_node *r = t->first; r; r = r->next)
            r->u.row.header = false;
    return t->first ? t : NULL;
}

/* ---- assembly ---- */

typedef struct builder {
    hpage *p;
    fo_node *stack[16];     /* open sections */
    int depth;
    fo_node *list;          /* the list being filled, and the <ul>/<ol> it comes from */
    xmlNodePtr list_elem;
    fo_node *quote;
    int level_of[32];       /* heading rank → level */
} builder;

/* Heading ranks, outermost first: <h1>…<h6>, then the text reader's numbering styles, then a line
 * marked only by bold or a class. */
static int heading_rank(const hblock *b)
{
    fo_heading_match h;
    if (b->hlevel)
        return b->hlevel - 1;
    if (fo_rule_heading(b->cp, b->n, &fo_reader_default_limits, &h))
        return 6 + h.rank;
    return 6 + FO_RANK_COUNT;
}

static fo_node *container(builder *bd)
{
    if (bd->quote)
        return bd->quote;
    return bd->depth ? bd->stack[bd->depth - 1] : bd->p->doc->root;
}

static void close_groups(builder *bd)
{
    bd->list = NULL;
    bd->list_elem = NULL;
    bd->quote = NULL;
}

static void open_section(builder *bd, const hblock *b, const hblock *number, int level)
{
    fo_doc *doc = bd->p->doc;
    close_groups(bd);
    while (bd->depth > 0 && bd->stack[bd->depth - 1]->u.section.level >= level)
        bd->depth--;
    if (bd->depth == (int)(sizeof bd->stack / sizeof bd->stack[0]))
        bd->depth--;
    fo_node *parent = bd->depth ? bd->stack[bd->depth - 1] : doc->root;
    fo_node *sec = fo_node_append(parent, fo_node_new(doc, FO_SECTION, pos_of(b)));
    sec->u.section.level = level;
    fo_heading_match h;
    size_t from = 0;
    if (!b->hlevel && fo_rule_heading(b->cp, b->n, &fo_reader_default_limits, &h) && h.title_start < b->n) {
        char *label = fo_html_utf8(b->cp + h.label_start, h.label_end - h.label_start);
        char *marker = fo_html_utf8(b->cp, h.marker_end);
        sec->u.section.label = fo_doc_strdup(doc, label);
        sec->u.section.marker = fo_doc_strdup(doc, marker);
        free(label);
        free(marker);
        from = h.title_start;
    }
    if (number) {
        char *label = fo_html_utf8(number->cp, number->n);
        sec->u.section.label = fo_doc_strdup(doc, label);
        free(label);
    }
    sec->u.section.title = inlines_of(bd->p, sec, b, from, b->n, b->all_bold ? RS_BOLD : 0);
    bd->stack[bd->depth++] = sec;
}

/* A bold lead that ends in 。 or ： and is followed by the rest of the paragraph: a run-in head. */
static size_t bold_lead(const hblock *b)
{
    if (b->n_runs < 2 || !(b->runs[0].style & RS_BOLD) || b->runs[0].start != 0)
        return 0;
    size_t end = b->runs[0].end;
    uint32_t last = b->cp[end - 1];
    if (end < 2 || end > RUNIN_MAX || b->n - end < RUNIN_REST_MIN || !(last == 0x3002 || last == 0xFF1A || last == ':'))
        return 0;
    return end;
}

static void add_para(builder *bd, const hblock *b, const hblock *label)
{
    fo_doc *doc = bd->p->doc;
    if (b->in_quote != (bd->quote != NULL)) { /* into or out of a quotation: a list starts afresh */
        close_groups(bd);
        if (b->in_quote)
            bd->quote = fo_node_append(container(bd), fo_node_new(doc, FO_BLOCKQUOTE, pos_of(b)));
    }
    fo_node *parent = container(bd);
    if (b->list) {
        if (!bd->list || bd->list_elem != b->list) {
            bd->list = fo_node_append(parent, fo_node_new(doc, FO_LIST, pos_of(b)));
            bd->list->u.list.ordered = b->ordered;
            const char *start = fo_html_attr(b->list, "start");
            long number = start ? strtol(start, NULL, 10) : 1;
            bd->list->u.list.start = number < 1 ? 1 : number > 1000000 ? 1000000 : (int)number;
            bd->list_elem = b->list;
        }
        parent = fo_node_append(bd->list, fo_node_new(doc, FO_ITEM, pos_of(b)));
    } else {
        bd->list = NULL;
        bd->list_elem = NULL;
    }
    fo_node *para = fo_node_append(parent, fo_node_new(doc, FO_PARA, pos_of(b)));
    if (b->pre)
        para->u.para.role = "preformatted";
    size_t head = label ? 0 : b->runin ? b->runin : bold_lead(b);
    if (label)
        para->u.para.head = inlines_of(bd->p, para, label, 0, label->n, RS_BOLD);
    else if (head)
        para->u.para.head = inlines_of(bd->p, para, b, 0, head, b->runin ? 0 : RS_BOLD);
    append_inlines(bd->p, para, b, head, b->n, 0);
}

/* The caption lines of a figure (at most two: "摄影：X" and what the photo shows), the last one's photo
 * credit ("…供图", "新华社记者 X 摄") apart; a leading ▲ points at the photo and is not text. */
static void add_caption(builder *bd, fo_node *fig, const hblock *caps, size_t n_caps)
{
    for (size_t k = 0; k < n_caps; k++) {
        const hblock *c = &caps[k];
        size_t from = c->cp[0] == 0x25B2 || c->cp[0] == 0x25B3 ? 1 : 0, to = c->n;
        fo_caption_match cm;
        if (k + 1 == n_caps && fo_rule_caption(c->cp + from, to - from, &fo_reader_default_limits, &cm) &&
            cm.credit_end > cm.credit_start && cm.caption_end > 0) {
            char *credit = fo_html_utf8(c->cp + from + cm.credit_start, cm.credit_end - cm.credit_start);
            fig->u.figure.credit = fo_doc_strdup(bd->p->doc, credit);
            free(credit);
            to = from + cm.caption_end;
        }
        if (!fig->u.figure.caption)
            fig->u.figure.caption = fo_inlines_new(bd->p->doc, fig, pos_of(c));
        else
            fo_node_append(fig->u.figure.caption, fo_text_new(bd->p->doc, " ", 1, pos_of(c)));
        append_inlines(bd->p, fig->u.figure.caption, c, from, to, c->all_bold ? RS_BOLD : 0);
    }
}

/* A figure: the image (its picture when it is available locally) and the caption lines after it. */
static void add_figure(builder *bd, const hblock *img, const hblock *caps, size_t n_caps)
{
    close_groups(bd);
    const hblock *at = img ? img : caps;
    fo_node *fig = fo_node_append(container(bd), fo_node_new(bd->p->doc, FO_FIGURE, pos_of(at)));
    if (img) {
        fig->u.figure.image = img->src;
        fig->u.figure.picture = fo_picture_load(&bd->p->pictures, img->src, img->line);
    }
    add_caption(bd, fig, caps, n_caps);
}

static void heading_levels(builder *bd)
{
    bool used[32] = {false};
    hblocks *bl = &bd->p->blocks;
    for (size_t i = 0; i < bl->n; i++)
        if (bl->v[i].role == HR_HEADING)
            used[heading_rank(&bl->v[i])] = true;
    int level = 0;
    for (int k = 0; k < 32; k++)
        bd->level_of[k] = used[k] ? ++level : 0;
}

void fo_html_build(hpage *p)
{
    builder bd = {.p = p};
    heading_levels(&bd);
    hblocks *bl = &p->blocks;
    for (size_t i = 0; i < bl->n; i++) {
        hblock *b = &bl->v[i];
        switch (b->role) {
        case HR_HEADING: {
            int level = bd.level_of[heading_rank(b)];
            /* "英国《泰晤士报》：" then the headline it printed: the second is a subheading */
            const hblock *prev = i > 0 ? &bl->v[i - 1] : NULL;
            if (prev && prev->role == HR_HEADING && heading_rank(prev) == heading_rank(b) &&
                (prev->cp[prev->n - 1] == 0xFF1A || prev->cp[prev->n - 1] == ':'))
                level++;
            open_section(&bd, b, prev && prev->role == HR_NUMBER ? prev : NULL, level);
            break;
        }
        case HR_BODY:
            if (b->kind == HB_TEXT) {
                add_para(&bd, b, i > 0 && bl->v[i - 1].role == HR_LABEL ? &bl->v[i - 1] : NULL);
            } else if (b->kind == HB_IMAGE) {
                size_t caps = 0;
                while (i + 1 + caps < bl->n && bl->v[i + 1 + caps].role == HR_CAPTION)
                    caps++;
                add_figure(&bd, b, caps ? &bl->v[i + 1] : NULL, caps);
            } else if (b->kind == HB_TABLE) {
                close_groups(&bd);
                fo_node *t = build_table(p, b);
                if (t)
                    fo_node_append(container(&bd), t);
            } else if (b->kind == HB_RULE) {
                close_groups(&bd);
                fo_node_append(container(&bd), fo_node_new(p->doc, FO_RULE, pos_of(b)));
            }
            break;
        case HR_CAPTION:
            if (i == 0 || (bl->v[i - 1].kind != HB_IMAGE && bl->v[i - 1].role != HR_CAPTION))
                add_figure(&bd, NULL, b, 1);
            break;
        default:
            break;
        }
    }
}
