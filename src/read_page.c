/* read_page.c — the stages every reader shares: features, zones, roles, assembly (read_page.h).
 *
 * The rules look at the whole page before deciding about a line: where the metadata block is, where
 * the first long sentence is, what repeats.  Each stage is one pass (or a few) over the blocks, and
 * everything a pass does per block is bounded or linear in the block's length, so the reader stays
 * linear in the size of the page.
 */
#include "read_page.h"

#include <stdlib.h>
#include <string.h>

#include "read_chars.h"
#include "read_gongwen.h"
#include "text.h"
#include "vocab.h"

/* ---- the page ---- */

fo_page *fo_page_new(const fo_reader_limits *lim)
{
    fo_page *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->lim = lim ? lim : &fo_reader_default_limits;
    p->title_first = p->title_last = -1;
    p->language = "zh-CN";
    return p;
}

void fo_page_add(fo_page *p, const fo_block *b)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->blocks = fo_xrealloc(p->blocks, p->cap * sizeof *p->blocks);
    }
    p->blocks[p->n++] = *b;
}

void fo_page_free(fo_page *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        free(p->blocks[i].cp);
    free(p->blocks);
    free(p->info);
    free(p);
}

static const char *const zone_names[] = {"chrome", "header", "body", "footer"};
static const char *const role_names[FO_AS_COUNT] = {
    [FO_AS_NONE] = "-",          [FO_AS_JUNK] = "junk",         [FO_AS_CHROME] = "chrome",
    [FO_AS_BREADCRUMB] = "breadcrumb", [FO_AS_TITLE] = "title",  [FO_AS_SUBTITLE] = "subtitle",
    [FO_AS_META] = "meta",       [FO_AS_DUPLICATE] = "duplicate", [FO_AS_ORIGINAL_TITLE] = "original-title",
    [FO_AS_BYLINE] = "byline",   [FO_AS_DOCNUMBER] = "doc-number", [FO_AS_CAPTION] = "caption",
    [FO_AS_HEADING] = "heading", [FO_AS_HEADING_CONT] = "heading", [FO_AS_PARA] = "para",
    [FO_AS_PARA_CONT] = "continued",
    [FO_AS_RIGHTS] = "rights",   [FO_AS_NOTE] = "editor-note",  [FO_AS_PART] = "part",
};

const char *fo_zone_name(int zone) { return zone >= 0 && zone < 4 ? zone_names[zone] : "?"; }
const char *fo_role_name(int role) { return role >= 0 && role < FO_AS_COUNT ? role_names[role] : "?"; }

static bool has(const fo_page *p, size_t i, uint32_t features) { return (p->info[i].features & features) != 0; }

static void set_role(fo_page *p, size_t i, fo_block_role role, const char *why)
{
    p->info[i].role = (unsigned char)role;
    p->info[i].why = why;
}

/* ---- splitting glued blocks ---- */

static fo_block sub_block(const fo_block *b, size_t from, size_t to)
{
    fo_block out = *b;
    out.n = to - from;
    out.cp = fo_xmalloc((out.n ? out.n : 1) * sizeof *out.cp);
    memcpy(out.cp, b->cp + from, out.n * sizeof *out.cp);
    out.col = b->col + (int)from;
    out.gap = from ? 0 : b->gap;
    return out;
}

/* Where a metadata tail glued to the text starts ("…还属首次。来源:中新网", "…参加会议。【编辑 刘妞】",
 * "某某典型案例 发布时间:2022-06-06 作者:"): after a full stop, a space or a bar, a known key or a
 * bracket that opens fields, with the rest of the line nothing but metadata.  0 when none.  Only the
 * first such place is tried, so this stays linear. */
static size_t meta_tail(const fo_page *p, const uint32_t *s, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        bool boundary = s[i - 1] == 0x3002 || fo_cp_space(s[i - 1]) || fo_cp_field_bar(s[i - 1]);
        size_t len;
        if (!boundary)
            continue;
        size_t k = i + (s[i] == 0x3010 || fo_cp_open_paren(s[i]));
        const fo_word *w = fo_vocab_at(s, n, k, FO_WORDS_KEYS, false, &len);
        if (!w || w->cls == FO_WORD_COUNTER || w->cls == FO_WORD_IGNORED || w->cls == FO_WORD_PHOTO)
            continue; /* a photo's credit stays with its caption */
        fo_meta_match m;
        fo_caption_match cm;
        if (fo_rule_caption(s, n, p->lim, &cm) && cm.credit_end == n && cm.credit_start <= i)
            return 0; /* "…清理垃圾。记者 某某 摄": the photographer's credit ends a caption */
        return fo_rule_meta_line(s + i, n - i, p->date_flags, &m) && m.n_unknown == 0 ? i : 0;
    }
    return 0;
}

/* Where the text starts after a keyed date glued in front of it ("date 2025-11-05 某某在立法院备询。"). */
static size_t meta_head(const fo_page *p, const uint32_t *s, size_t n)
{
    size_t len, v;
    const fo_word *w = fo_vocab_at(s, n, 0, FO_WORDS(FO_WORD_PUBDATE), false, &len);
    if (!w)
        return 0;
    fo_text_date d;
    v = fo_cp_skip_spaces(s, n, len + (len < n && fo_cp_colon(s[len])));
    size_t e = fo_parse_date(s, n, v, p->date_flags, &d);
    if (e == v || e >= n || !fo_cp_space(s[e]))
        return 0;
    e = fo_cp_skip_spaces(s, n, e);
    fo_meta_match m;
    return fo_rule_meta_line(s + e, n - e, p->date_flags, &m) ? 0 : e; /* all metadata: no split */
}

/* "【章名】 第一章 总则", "【题注】 （…通过）": a law database prints its field names; the field is the
 * text.  Returns the length of the name, 0 when there is none. */
static size_t field_tag(const fo_block *b, bool *note)
{
    size_t len;
    if (b->n < 4 || b->cp[0] != 0x3010)
        return 0;
    const fo_word *w = fo_vocab_at(b->cp, b->n, 1, FO_WORDS(FO_WORD_FIELDTAG), false, &len);
    if (!w || 1 + len >= b->n || b->cp[1 + len] != 0x3011)
        return 0;
    *note = w->text[0] == U'题' || w->text[0] == U'題';
    return fo_cp_skip_spaces(b->cp, b->n, len + 2);
}

static void split_glued_meta(fo_page *p)
{
    fo_block *old = p->blocks;
    size_t n = p->n;
    p->blocks = NULL, p->n = p->cap = 0;
    for (size_t i = 0; i < n; i++) {
        fo_block *b = &old[i];
        bool note = false;
        size_t tag = field_tag(b, &note);
        if (tag) {
            memmove(b->cp, b->cp + tag, (b->n - tag) * sizeof *b->cp);
            b->n -= tag, b->col += (int)tag;
            b->tag = note ? -1 : b->tag; /* remembered until the features are read */
        }
        size_t head = meta_head(p, b->cp, b->n), tail = head ? 0 : meta_tail(p, b->cp, b->n);
        size_t cut = head ? head : tail;
        fo_meta_match whole;
        if (cut && fo_rule_meta_line(b->cp, b->n, p->date_flags, &whole))
            cut = 0; /* a line of metadata only stays one block */
        if (!cut) {
            fo_page_add(p, b);
            continue;
        }
        size_t end = cut;
        while (end > 0 && fo_cp_space(b->cp[end - 1]))
            end--;
        fo_block first = sub_block(b, 0, end), second = sub_block(b, cut, b->n);
        fo_page_add(p, &first);
        fo_page_add(p, &second);
        free(b->cp);
    }
    free(old);
}

/* ---- splitting vignettes ---- */

static bool is_prose(const fo_reader_limits *lim, const uint32_t *s, size_t n, bool latin);

/* "…有时间。本报记者夏命群 单霁翔打开电脑回答问题 单霁翔局长…": a page of short pieces, each closed by
 * its reporter's byline, with the next piece's title glued after it.  Where a full stop is followed
 * by a byline (a reporter's role word and a name) and white space, returns the end of the byline. */
static size_t closing_byline(const fo_page *p, const uint32_t *s, size_t n, size_t k)
{
    enum { NAME_MAX = 4 };
    if (k == 0 || !(s[k - 1] == 0x3002 || s[k - 1] == 0xFF01 || s[k - 1] == 0xFF1F || s[k - 1] == 0x201D))
        return 0;
    size_t len;
    const fo_word *w = fo_vocab_at(s, n, k, FO_WORDS(FO_WORD_ROLE), false, &len);
    if (!w || w->credit != FO_CREDIT_AUTHOR || w->len < 2)
        return 0;
    size_t name = fo_cp_skip_spaces(s, n, k + len), e = name;
    while (e < n && fo_cp_han(s[e]) && e - name <= NAME_MAX)
        e++;
    fo_byline_match bm;
    if (e - name < 2 || e - name > NAME_MAX || e >= n || !fo_cp_space(s[e]) ||
        !fo_rule_byline(s + k, e - k, p->lim, &bm))
        return 0;
    return e;
}

/* A short title glued before its text by one space ("单霁翔打开电脑回答问题 单霁翔局长接受…"):
 * where the text starts, or 0. */
static size_t glued_title(const uint32_t *s, size_t n)
{
    enum { TITLE_MIN = 4, TITLE_MAX = 20, TEXT_MIN = 10 };
    size_t e = 0;
    while (e < n && fo_cp_han(s[e]) && e <= TITLE_MAX)
        e++;
    if (e < TITLE_MIN || e > TITLE_MAX || e + 1 >= n || s[e] != ' ' || fo_cp_space(s[e + 1]) || n - e < TEXT_MIN)
        return 0;
    return e + 1;
}

static void add_piece(fo_page *p, const fo_block *b, size_t from, size_t to)
{
    while (to > from && fo_cp_space(b->cp[to - 1]))
        to--;
    from = fo_cp_skip_spaces(b->cp, to, from);
    if (to > from) {
        fo_block piece = sub_block(b, from, to);
        fo_page_add(p, &piece);
    }
}

/* Cut a block at every closing byline, and a glued title off the text after it. */
static bool split_vignette_block(fo_page *p, const fo_block *b)
{
    size_t start = 0, credit = 0; /* where a caption's credit ending the block starts (0: not known yet) */
    bool cut = false;
    for (size_t k = 1; k < b->n; k++) {
        uint32_t c = b->cp[k - 1];
        if (!(c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x201D)) /* only after a full stop */
            continue;
        size_t e = closing_byline(p, b->cp, b->n, k);
        if (!e)
            continue;
        if (!credit) { /* once per block, so a long block stays linear */
            fo_caption_match cm;
            credit = fo_rule_caption(b->cp, b->n, p->lim, &cm) && cm.credit_end == b->n ? cm.credit_start : b->n;
            credit = credit ? credit : b->n;
        }
        if (credit <= k)
            break; /* "…清理垃圾。记者 某某 摄": a photographer's credit ends a caption */
        add_piece(p, b, start, k);
        add_piece(p, b, k, e);
        start = fo_cp_skip_spaces(b->cp, b->n, e);
        size_t text = glued_title(b->cp + start, b->n - start);
        if (text) {
            add_piece(p, b, start, start + text);
            start += text;
        }
        k = start;
        cut = true;
    }
    if (cut)
        add_piece(p, b, start, b->n);
    return cut;
}

/* Only a page that shows the pattern (a byline closing a piece) gets its first piece's title cut off
 * too: elsewhere a phrase and a space open ordinary paragraphs ("湖北日报消息 一股清泉…"). */
static void split_vignettes(fo_page *p)
{
    fo_block *old = p->blocks;
    size_t n = p->n, first_long = n;
    bool any = false;
    p->blocks = NULL, p->n = p->cap = 0;
    for (size_t i = 0; i < n; i++) {
        if (first_long == n && is_prose(p->lim, old[i].cp, old[i].n, false))
            first_long = p->n;
        if (split_vignette_block(p, &old[i])) {
            any = true;
            free(old[i].cp);
        } else {
            fo_page_add(p, &old[i]);
        }
    }
    free(old);
    if (!any || first_long >= p->n)
        return;
    fo_block *b = &p->blocks[first_long];
    size_t text = glued_title(b->cp, b->n);
    if (!text)
        return;
    fo_block title = sub_block(b, 0, text - 1), rest = sub_block(b, text, b->n);
    free(b->cp);
    *b = rest;
    fo_page_add(p, &title); /* at the end for now: moved in front of its text below */
    memmove(&p->blocks[first_long + 1], &p->blocks[first_long], (p->n - 1 - first_long) * sizeof *p->blocks);
    p->blocks[first_long] = title;
}

/* ---- features ---- */

/* Characters written one way in simplified and another in traditional script (the commonest),
 * sorted by code point for a binary search. */
static const char32_t simplified_only[] = U"与业东个为么义书于产从们价会体关军动区华发变后吗员园国场处学实对导将应开张当总报无时权条来样点爱现电经网联见让议记话语说边还这进里长门问间页";
static const char32_t traditional_only[] = U"來個們價動區員問嗎國園報場學實將對導張後從愛應於時書會東條業樣權為無現產當發經網總義聯與華處裡見記話語說議變讓軍這進還邊長門開間關電頁體麼點";

static bool in_set(uint32_t c, const char32_t *set, size_t n)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((uint32_t)set[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && (uint32_t)set[lo] == c;
}

static size_t count_word(const fo_page *p, const char32_t *w, size_t limit, size_t sample)
{
    size_t count = 0, seen = 0;
    for (size_t i = 0; i < p->n && count < limit && seen < sample; i++)
        for (size_t k = 0; k < p->blocks[i].n; k++, seen++)
            count += fo_cp_match(p->blocks[i].cp, p->blocks[i].n, k, w) > 0;
    return count;
}

/* Traditional-script pages read Republic-of-China years (民國113年, 109-11-12) and are zh-Hant, or
 * zh-TW / zh-HK when the page names where it is from.  The first 20,000 Han characters decide. */
static void detect_script(fo_page *p)
{
    enum { SAMPLE = 20000 };
    size_t han = 0, simp = 0, trad = 0;
    for (size_t i = 0; i < p->n && han < SAMPLE; i++)
        for (size_t k = 0; k < p->blocks[i].n && han < SAMPLE; k++) {
            uint32_t c = p->blocks[i].cp[k];
            if (!fo_cp_han(c))
                continue;
            han++;
            simp += in_set(c, simplified_only, sizeof simplified_only / sizeof *simplified_only - 1);
            trad += in_set(c, traditional_only, sizeof traditional_only / sizeof *traditional_only - 1);
        }
    if (trad < 3 || trad <= 2 * simp)
        return;
    p->date_flags |= FO_DATE_ROC;
    size_t hk = count_word(p, U"香港", 3, SAMPLE) + count_word(p, U"港府", 3, SAMPLE);
    size_t tw = count_word(p, U"民國", 3, SAMPLE) + count_word(p, U"臺灣", 3, SAMPLE) + count_word(p, U"台灣", 3, SAMPLE) +
                count_word(p, U"臺北", 3, SAMPLE) + count_word(p, U"台北", 3, SAMPLE);
    p->language = hk > tw ? "zh-HK" : tw > hk ? "zh-TW" : "zh-Hant";
}

static uint32_t text_hash(const fo_block *b)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < b->n; i++)
        if (!fo_cp_space(b->cp[i]))
            h = (h ^ b->cp[i]) * 16777619u;
    return h;
}

static bool same_text(const fo_block *a, const fo_block *b)
{
    size_t i = 0, k = 0;
    for (;;) {
        while (i < a->n && fo_cp_space(a->cp[i]))
            i++;
        while (k < b->n && fo_cp_space(b->cp[k]))
            k++;
        if (i == a->n || k == b->n)
            return i == a->n && k == b->n;
        if (a->cp[i++] != b->cp[k++])
            return false;
    }
}

/* repeat_of: the first earlier block with the same text (an open-addressing table of hashes). */
static void mark_repeats(fo_page *p)
{
    size_t cap = 16;
    while (cap < 2 * p->n)
        cap *= 2;
    long *slot = fo_xmalloc(cap * sizeof *slot);
    for (size_t k = 0; k < cap; k++)
        slot[k] = -1;
    for (size_t i = 0; i < p->n; i++) {
        fo_block_info *f = &p->info[i];
        f->hash = text_hash(&p->blocks[i]);
        f->repeat_of = -1;
        size_t k = f->hash & (cap - 1);
        while (slot[k] >= 0 && !(p->info[slot[k]].hash == f->hash && same_text(&p->blocks[slot[k]], &p->blocks[i])))
            k = (k + 1) & (cap - 1);
        if (slot[k] >= 0)
            f->repeat_of = (int)slot[k];
        else
            slot[k] = (long)i;
    }
    free(slot);
}

static size_t count_latin(const uint32_t *s, size_t n, size_t *han)
{
    size_t latin = 0;
    *han = 0;
    for (size_t i = 0; i < n; i++) {
        latin += fo_cp_ascii_letter(s[i]);
        *han += fo_cp_han(s[i]);
    }
    return latin;
}

/* The last character that is not a closing quote or bracket. */
static uint32_t last_mark(const uint32_t *s, size_t n)
{
    while (n > 0 && (s[n - 1] == 0x201D || s[n - 1] == 0x2019 || s[n - 1] == '"' || s[n - 1] == 0x300D ||
                     s[n - 1] == 0x300F || fo_cp_close_paren(s[n - 1]) || s[n - 1] == 0x300B))
        n--;
    return n ? s[n - 1] : 0;
}

static bool ends_sentence(const uint32_t *s, size_t n)
{
    uint32_t c = last_mark(s, n);
    return fo_cp_sentence_end(c) || c == 0x2026 /*…*/ || c == '.' || c == 0xFF0E;
}

static bool ends_open(const uint32_t *s, size_t n)
{
    uint32_t c = n ? s[n - 1] : 0;
    return c == 0xFF0C || c == ',' || c == 0x3001 || fo_cp_colon(c);
}

/* A long sentence, where an article's body starts: Chinese text of some length that ends like a
 * sentence, or runs on long with its commas; English of some length with its full stops. */
static bool is_prose(const fo_reader_limits *lim, const uint32_t *s, size_t n, bool latin)
{
    if (latin) { /* a sentence, or a long run of words cut short by the excerpt */
        size_t words = 0;
        for (size_t i = 1; i < n; i++)
            words += fo_cp_space(s[i]) && !fo_cp_space(s[i - 1]);
        return n >= lim->prose_latin_min && (last_mark(s, n) == '.' || last_mark(s, n) == '?' || words >= 12);
    }
    /* a sentence closed by one full stop (not "。。。") may be shorter than the rest */
    bool full_stop = n >= 2 && s[n - 1] == 0x3002 && s[n - 2] != 0x3002;
    if (n < (full_stop ? lim->prose_stop_min : lim->prose_min))
        return false;
    bool ended = ends_sentence(s, n) || fo_cp_colon(s[n - 1]);
    size_t marks = 0, stops = 0; /* stops: sentences ended with more text after them */
    for (size_t i = 0; i < n && marks < 2u + ended && stops < 2; i++) {
        marks += s[i] == 0xFF0C || s[i] == 0x3002 || s[i] == 0xFF1B || fo_cp_colon(s[i]) || s[i] == 0x3001;
        stops += (s[i] == 0x3002 || s[i] == 0xFF01 || s[i] == 0xFF1F) && i + 1 < n && fo_cp_han(s[i + 1]);
    }
    return (ended && marks >= 1) || (n >= lim->prose_running_min && marks >= 2) || (n >= lim->prose_min && stops >= 2);
}

/* A row of short links: "今日新聞 社論 評論 專題報導 回首頁", "红网首页 | 新闻热线 | 在线投稿", or a line
 * holding a skip link ("… 按 Enter 到主內容區"). */
static bool is_nav(const uint32_t *s, size_t n)
{
    enum { TOKEN_MAX = 8, TOKENS_MIN = 4, NAV_LINE_MAX = 200 };
    size_t tokens = 0, long_tokens = 0, chrome_words = 0;
    if (n > NAV_LINE_MAX)
        return false;
    for (size_t i = 0; i < n;) {
        size_t len;
        const fo_word *w = fo_vocab_at(s, n, i, FO_WORDS(FO_WORD_SKIP), true, &len);
        if (w && w->len >= 4)
            return true;
        chrome_words += w != NULL;
        size_t t = i;
        while (i < n && !fo_cp_space(s[i]) && !fo_cp_field_bar(s[i]))
            i++;
        if (i > t) {
            tokens++;
            long_tokens += i - t > TOKEN_MAX || fo_cp_has_sentence_end(s, t, i);
        }
        while (i < n && (fo_cp_space(s[i]) || fo_cp_field_bar(s[i])))
            i++;
    }
    if (long_tokens)
        return false;
    size_t han, latin = count_latin(s, n, &han);
    if (latin > 2 * han) /* a phrase of English words is no row of links */
        return chrome_words > 0 && tokens >= 3;
    return tokens >= TOKENS_MIN || (tokens >= 3 && chrome_words > 0);
}

/* "路 孚 特", "首 页": one character at a time. */
static bool is_spaced(const uint32_t *s, size_t n)
{
    if (n < 3)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((i % 2 == 1) != fo_cp_space(s[i]))
            return false;
    return true;
}

static bool is_footer_line(const uint32_t *s, size_t n)
{
    enum { FOOTER_LINE_MAX = 200 };
    size_t i = 0, len;
    if (n > FOOTER_LINE_MAX)
        return false;
    while (i < n && (fo_cp_space(s[i]) || fo_cp_field_bar(s[i]) || s[i] == '-' || s[i] == 0x2014 || s[i] == 0x3010))
        i++;
    if (fo_vocab_at(s, n, i, FO_WORDS(FO_WORD_FOOTER), false, &len))
        return true;
    for (size_t k = 0; k + 3 <= n; k++) /* an ICP licence anywhere: 京ICP备…号 */
        if (s[k] == 'I' && (fo_cp_match(s, n, k, U"ICP备") || fo_cp_match(s, n, k, U"ICP證") || fo_cp_match(s, n, k, U"ICP证")))
            return true;
    return false;
}

/* The metadata features of a block: a metadata line, and whether it anchors the header (a
 * publication date, a source, people), or is a key waiting for its value on the next line. */
static uint32_t meta_features(const fo_page *p, const fo_block *b)
{
    fo_meta_match m;
    if (!fo_rule_meta_line(b->cp, b->n, p->date_flags, &m))
        return 0;
    uint32_t f = FO_F_META;
    for (size_t i = 0; i < m.n_fields; i++) {
        const fo_meta_field *x = &m.fields[i];
        bool empty = x->value.start == x->value.end;
        bool anchor = x->cls == FO_WORD_PUBDATE || x->cls == FO_FIELD_DATE || x->cls == FO_WORD_ISSUEDATE ||
                      x->cls == FO_WORD_SOURCE || x->cls == FO_FIELD_OUTLET || x->cls == FO_WORD_ROLE;
        if (anchor && (!empty || m.n_fields == 1))
            f |= FO_F_ANCHOR;
        if (empty && m.n_fields == 1 && x->cls < FO_WORD_COUNT)
            f |= FO_F_KEYONLY;
    }
    return m.n_unknown ? f | FO_F_UNKNOWN : f;
}

static uint32_t shape_features(const fo_page *p, const fo_block *b)
{
    size_t han, latin = count_latin(b->cp, b->n, &han);
    uint32_t f = 0;
    bool is_latin = latin > 2 * han && latin >= 3;
    if (is_latin)
        f |= FO_F_LATIN;
    if (is_prose(p->lim, b->cp, b->n, is_latin))
        f |= FO_F_PROSE;
    if (ends_sentence(b->cp, b->n))
        f |= FO_F_ENDS_SENTENCE;
    if (ends_open(b->cp, b->n))
        f |= FO_F_ENDS_OPEN;
    if (is_spaced(b->cp, b->n))
        f |= FO_F_SPACED;
    if (b->n && (b->cp[0] == 0x25B3 || b->cp[0] == 0x25B2))
        f |= FO_F_MARKED;
    bool markdown_image = b->n >= 5 && b->cp[0] == '!' && b->cp[1] == '[' && b->cp[b->n - 1] == ')';
    if ((b->n == 1 && b->cp[0] == '\\') || markdown_image) /* where an image was: "\", "![](…)" */
        f |= FO_F_IMAGE | FO_F_JUNK;
    return f;
}

/* The rules for short lines: bylines, captions, headings, breadcrumbs, furniture, an official
 * document's number, a row of links.  None of them holds on a long paragraph, so a page of long
 * paragraphs does not pay for them. */
static uint32_t short_line_features(const fo_page *p, size_t i)
{
    const fo_block *b = &p->blocks[i];
    fo_block_info *f = &p->info[i];
    const fo_reader_limits *lim = p->lim;
    uint32_t x = 0;
    fo_byline_match bm;
    fo_caption_match cm;
    fo_meta_span items[8];
    if (fo_rule_page_label(b->cp, b->n))
        x |= FO_F_PAGELABEL | FO_F_JUNK;
    if (fo_rule_byline(b->cp, b->n, lim, &bm))
        x |= FO_F_BYLINE;
    else if (fo_rule_signature(b->cp, b->n, lim, &bm))
        x |= FO_F_SIGNED;
    if (fo_rule_caption(b->cp, b->n, lim, &cm)) {
        x |= FO_F_CAPTION;
        f->caption_start = cm.caption_start, f->caption_end = cm.caption_end, f->credit_start = cm.credit_start;
    }
    if (fo_rule_subtitle(b->cp, b->n) && b->n <= lim->title_max)
        x |= FO_F_SUBTITLE;
    if (fo_rule_breadcrumb(b->cp, b->n, items, 8) || fo_rule_breadcrumb_opener(b->cp, b->n))
        x |= FO_F_BREADCRUMB;
    if (is_footer_line(b->cp, b->n))
        x |= FO_F_FOOTER;
    size_t number_end = fo_rule_docnumber_at(b->cp, b->n, 0); /* 0: no number (a lone 。 is none) */
    if (number_end > 0 && number_end >= b->n - (b->cp[b->n - 1] == 0x3002))
        x |= FO_F_DOCNUMBER;
    if (is_nav(b->cp, b->n))
        x |= FO_F_NAV;
    return x;
}

static uint32_t line_rule_features(const fo_page *p, size_t i)
{
    enum { SHORT_LINE_MAX = 200 };
    const fo_block *b = &p->blocks[i];
    fo_block_info *f = &p->info[i];
    uint32_t x = b->n <= SHORT_LINE_MAX ? short_line_features(p, i) : 0;
    fo_dateline_match dm;
    if (fo_rule_junk(b->cp, b->n, p->lim))
        x |= FO_F_JUNK;
    if (fo_rule_dateline(b->cp, b->n, p->lim, &dm))
        x |= FO_F_DATELINE;
    if (fo_rule_heading(b->cp, b->n, p->lim, &f->heading))
        x |= FO_F_HEADING;
    if (fo_rule_prefix(b->cp, b->n, FO_WORD_ORIGINAL) || fo_rule_prefix(b->cp, b->n, FO_WORD_RIGHTS) ||
        fo_rule_prefix(b->cp, b->n, FO_WORD_NOTE))
        x |= FO_F_PREFIX;
    return x;
}

/* A speech's speaker above its date: "赵立平" / "副校长李召虎", then "（2022年9月28日）". */
static void mark_speakers(fo_page *p)
{
    for (size_t i = 0; i + 1 < p->n; i++) {
        const fo_block *b = &p->blocks[i], *next = &p->blocks[i + 1];
        if (b->n < 2 || b->n > p->lim->speaker_max || !fo_cp_open_paren(next->cp[0]) || !has(p, i + 1, FO_F_META) ||
            has(p, i, FO_F_META | FO_F_JUNK))
            continue;
        bool han = true;
        for (size_t k = 0; k < b->n; k++)
            han &= fo_cp_han(b->cp[k]) != 0;
        fo_text_date d;
        size_t open = 1, e = fo_parse_date(next->cp, next->n, open, p->date_flags, &d);
        if (han && e > open && e + 1 == next->n)
            p->info[i].features |= FO_F_SPEAKER | FO_F_ANCHOR;
    }
}

/* The class of a block's first metadata field (a key of the vocabulary, or FO_FIELD_*), -1 for none. */
static int first_field(const fo_page *p, size_t i)
{
    fo_meta_match m;
    if (!has(p, i, FO_F_META) || !fo_rule_meta_line(p->blocks[i].cp, p->blocks[i].n, p->date_flags, &m) ||
        m.n_fields == 0)
        return -1;
    return m.fields[0].cls;
}

static bool is_date_class(int cls)
{
    return cls == FO_WORD_PUBDATE || cls == FO_WORD_DOCDATE || cls == FO_WORD_ISSUEDATE || cls == FO_WORD_OTHERDATE;
}

/* A table's key stands alone on its line ("索引号" / its value).  A key word with no colon over
 * another field ("标题" over "发布时间：…"), over a date when it names no date ("标题" over
 * "2025-01-16 来源：…"), over a sentence, or last on the page, is a word, not a field. */
static void lone_keys(fo_page *p)
{
    for (size_t i = 0; i < p->n; i++) {
        const fo_block *b = &p->blocks[i];
        if (!has(p, i, FO_F_KEYONLY) || (b->n && fo_cp_colon(b->cp[b->n - 1])))
            continue;
        fo_meta_match m;
        int key = fo_rule_meta_line(b->cp, b->n, p->date_flags, &m) && m.n_fields ? m.fields[0].cls : -1;
        int next = i + 1 < p->n ? first_field(p, i + 1) : -1;
        const fo_block *v = i + 1 < p->n ? &p->blocks[i + 1] : NULL;
        bool sentence = v && next < 0 && (has(p, i + 1, FO_F_PROSE) || fo_cp_has_sentence_end(v->cp, 0, v->n));
        bool word = i + 1 == p->n || (next >= 0 && next < FO_WORD_COUNT) ||
                    (next == FO_FIELD_DATE && !is_date_class(key)) || sentence;
        if (word)
            p->info[i].features &= ~(FO_F_META | FO_F_KEYONLY | FO_F_ANCHOR | FO_F_UNKNOWN);
    }
}

/* The size letter of a block that is one ("大", "中", "小"), else 0. */
static uint32_t size_letter(const fo_block *b)
{
    return b->n == 1 && (b->cp[0] == 0x5927 || b->cp[0] == 0x4E2D || b->cp[0] == 0x5C0F) ? b->cp[0] : 0;
}

/* A font-size switch set one letter a line ("大" / "中" / "小"): a letter beside another letter is
 * furniture; a line "中" among lines of text, or a run of one letter, stays text. */
static void size_letters(fo_page *p)
{
    for (size_t i = 0; i + 1 < p->n; i++) {
        uint32_t a = size_letter(&p->blocks[i]), b = size_letter(&p->blocks[i + 1]);
        if (a && b && a != b) {
            p->info[i].features = (p->info[i].features & ~FO_F_PROSE) | FO_F_JUNK;
            p->info[i + 1].features = (p->info[i + 1].features & ~FO_F_PROSE) | FO_F_JUNK;
        }
    }
}

void fo_page_features(fo_page *p)
{
    detect_script(p);
    split_glued_meta(p);
    split_vignettes(p);
    free(p->info);
    p->info = fo_xmalloc((p->n ? p->n : 1) * sizeof *p->info);
    memset(p->info, 0, (p->n ? p->n : 1) * sizeof *p->info);
    for (size_t i = 0; i < p->n; i++) {
        fo_block_info *f = &p->info[i];
        f->features = shape_features(p, &p->blocks[i]) | line_rule_features(p, i) | meta_features(p, &p->blocks[i]);
        if (p->blocks[i].tag == -1) {
            f->features = FO_F_TITLENOTE;
            p->blocks[i].tag = FO_TAG_NONE;
        }
        if (f->features & FO_F_META)
            f->features &= ~(FO_F_PROSE | FO_F_HEADING | FO_F_CAPTION);
        if (f->features & (FO_F_JUNK | FO_F_BREADCRUMB))
            f->features &= ~FO_F_PROSE;
    }
    lone_keys(p);
    size_letters(p);
    mark_speakers(p);
    mark_repeats(p);
    fo_gongwen_head(p);
}

/* ---- zones ---- */

/* A block with the value of the key-only line before it ("发布时间:" / "2025-05-22 10:03"). */
static bool is_meta_value(const fo_page *p, size_t i)
{
    enum { VALUE_MAX = 20 };
    if (i == 0 || !has(p, i - 1, FO_F_KEYONLY) || has(p, i, FO_F_PROSE | FO_F_HEADING | FO_F_BYLINE))
        return false;
    const fo_block *b = &p->blocks[i];
    return b->n <= VALUE_MAX && !fo_cp_has_sentence_end(b->cp, 0, b->n);
}

/* Blocks that stand around the metadata in a header: the metadata, bylines, captions, a subtitle, an
 * official document's number, furniture. */
static bool header_type(const fo_page *p, size_t i)
{
    return has(p, i, FO_F_META | FO_F_BYLINE | FO_F_CAPTION | FO_F_MARKED | FO_F_SUBTITLE | FO_F_DOCNUMBER |
                         FO_F_JUNK | FO_F_SPEAKER | FO_F_IMAGE | FO_F_DATELINE | FO_F_PREFIX) ||
           is_meta_value(p, i);
}

static bool anchor_type(const fo_page *p, size_t i)
{
    return has(p, i, FO_F_ANCHOR | FO_F_BYLINE | FO_F_SUBTITLE | FO_F_DATELINE | FO_F_SPEAKER);
}

/* The body's first long sentence (or a dateline, which opens a body whatever its length). */
static long first_prose(const fo_page *p)
{
    for (size_t i = 0; i < p->n; i++) {
        bool dateline = has(p, i, FO_F_DATELINE) && has(p, i, FO_F_PROSE | FO_F_ENDS_SENTENCE);
        if ((has(p, i, FO_F_PROSE) || dateline) &&
            !has(p, i, FO_F_JUNK | FO_F_NAV | FO_F_META | FO_F_BREADCRUMB | FO_F_CAPTION | FO_F_MARKED))
            return (long)i;
    }
    return -1;
}

/* The header's metadata group: the last run of header blocks holding an anchor before the body's
 * first long sentence.  A dateline opening the body anchors the header by itself (the group is then
 * empty, right before it).  Returns false when the page shows no header. */
static bool header_group(const fo_page *p, long prose, long *first, long *last)
{
    long run = -1;
    bool anchored = false, found = false;
    for (long i = 0; prose >= 0 && i <= prose; i++) {
        if (i == prose) {
            if (has(p, (size_t)i, FO_F_DATELINE) && !(run >= 0 && anchored && *last == i - 1))
                *first = run >= 0 ? run : i, *last = i - 1, found = true;
            break;
        }
        if (header_type(p, (size_t)i) && !(run >= 0 && p->blocks[i].gap >= 3)) {
            if (run < 0)
                run = i, anchored = false;
            anchored |= anchor_type(p, (size_t)i);
            if (anchored)
                *first = run, *last = i, found = true;
        } else {
            run = -1;
        }
    }
    return found;
}

/* The whole block is one pair of brackets: "（…）", "(…)" — not "（一）…（二）". */
static bool bracketed(const fo_block *b)
{
    if (b->n < 3 || !fo_cp_open_paren(b->cp[0]) || !fo_cp_close_paren(b->cp[b->n - 1]))
        return false;
    for (size_t k = 1; k + 1 < b->n; k++)
        if (fo_cp_close_paren(b->cp[k]))
            return false;
    return true;
}

static bool title_candidate(const fo_page *p, size_t i)
{
    const fo_block *b = &p->blocks[i];
    static const char32_t *const home[] = {U"首页", U"首頁", U"主页", U"主頁", NULL};
    for (const char32_t *const *h = home; *h; h++)
        if (b->n >= 2 && fo_cp_match(b->cp, b->n, b->n - 2, *h))
            return false; /* "某某网首页": a link to the site, not a headline */
    if (bracketed(b))
        return false; /* "（司法上诉卷宗）", "（草案）": a note in brackets, not a headline */
    return b->n > 0 && b->n <= p->lim->title_max &&
           !has(p, i, FO_F_JUNK | FO_F_META | FO_F_NAV | FO_F_BREADCRUMB | FO_F_BYLINE | FO_F_DATELINE | FO_F_CAPTION |
                          FO_F_MARKED | FO_F_PROSE | FO_F_DOCNUMBER | FO_F_FOOTER | FO_F_PREFIX | FO_F_SPACED |
                          FO_F_IMAGE | FO_F_SPEAKER | FO_F_HEADING | FO_F_SUBTITLE | FO_F_ENDS_OPEN);
}

/* "各有关单位：": a notice's addressee, under its title and number. */
static bool is_addressee(const fo_page *p, size_t i)
{
    const fo_block *b = &p->blocks[i];
    return b->n >= 2 && b->n <= p->lim->title_max && fo_cp_colon(b->cp[b->n - 1]) &&
           !fo_cp_has_sentence_end(b->cp, 0, b->n);
}

/* The title block above `from`: the nearest run of title-like lines, past furniture (and, when
 * `past_header`, past an official document's number and numbered headings that already belong to
 * the body).  Lines of one title may have a blank line between them, not two. */
static bool title_block(const fo_page *p, long from, bool past_header, long *first, long *last)
{
    long j = from - 1;
    while (j >= 0 && (has(p, (size_t)j, FO_F_JUNK | FO_F_IMAGE) ||
                      (past_header && (has(p, (size_t)j, FO_F_DOCNUMBER | FO_F_HEADING | FO_F_META) ||
                                       is_addressee(p, (size_t)j)))))
        j--;
    if (j < 0 || !title_candidate(p, (size_t)j))
        return false;
    *first = *last = j;
    while (*first > 0 && p->blocks[*first].gap < 2 && title_candidate(p, (size_t)*first - 1))
        (*first)--;
    return true;
}

/* The last long sentence of the page: footer words after it end the article. */
static long last_prose(const fo_page *p)
{
    for (size_t i = p->n; i-- > 0;)
        if (has(p, i, FO_F_PROSE) && !has(p, i, FO_F_META | FO_F_JUNK))
            return (long)i;
    return -1;
}

/* Where the footer starts: the first footer word after the last long sentence, or the trailing run
 * of metadata, bylines and furniture (a release stamp, 责任编辑, 来源 …).  p->n when none. */
static size_t footer_start(const fo_page *p, size_t body)
{
    long last = last_prose(p);
    for (size_t i = last < (long)body ? body : (size_t)last + 1; i < p->n; i++)
        if (has(p, i, FO_F_FOOTER) && !has(p, i, FO_F_META))
            return i;
    size_t start = p->n;
    bool any = false;
    while (start > body && (has(p, start - 1, FO_F_JUNK | FO_F_BYLINE | FO_F_FOOTER | FO_F_KEYONLY | FO_F_SIGNED) ||
                            (has(p, start - 1, FO_F_META) && !has(p, start - 1, FO_F_UNKNOWN)))) {
        any |= !has(p, start - 1, FO_F_JUNK);
        start--;
    }
    return any ? start : p->n;
}

/* A subtitle set on two lines: a short line after it, no punctuation, before the text. */
static bool subtitle_goes_on(const fo_page *p, size_t i)
{
    enum { CONTINUATION_MAX = 20 };
    const fo_block *b = &p->blocks[i], *sub = &p->blocks[i - 1];
    return b->n <= CONTINUATION_MAX && !fo_cp_has_sentence_end(b->cp, 0, b->n) && !ends_sentence(sub->cp, sub->n) &&
           !has(p, i, FO_F_META | FO_F_HEADING | FO_F_BYLINE | FO_F_JUNK | FO_F_CAPTION) && i + 1 < p->n &&
           has(p, i + 1, FO_F_PROSE);
}

static bool ends_a_sentence(const fo_page *p, long first, long last)
{
    for (long i = first; i <= last; i++)
        if (has(p, (size_t)i, FO_F_ENDS_SENTENCE))
            return true;
    return false;
}

/* A page with no long sentence and no metadata over its text ("某某活动举行" / "现场气氛热烈。"):
 * its first line, when it reads like a title and a sentence follows. */
static bool first_line_title(const fo_page *p, long *first, long *last)
{
    long i = 0;
    while (i < (long)p->n && has(p, (size_t)i, FO_F_JUNK))
        i++;
    if (i + 1 >= (long)p->n || !title_candidate(p, (size_t)i) || has(p, (size_t)i, FO_F_ENDS_SENTENCE) ||
        (title_candidate(p, (size_t)i + 1) && !has(p, (size_t)i + 1, FO_F_ENDS_SENTENCE)))
        return false; /* a run of short lines is verse or a list, not a title over its text */
    *first = *last = i;
    return true;
}

/* A page with no long sentence (a short notice, a photo story): the first metadata run with a
 * title right above it and text after it — or nothing after it when the page is only the title and
 * its metadata (a trailing run under other text is the footer's). */
static bool short_page_group(const fo_page *p, long *first, long *last)
{
    for (long i = 0; i < (long)p->n; i++) {
        if (!header_type(p, (size_t)i) || !anchor_type(p, (size_t)i))
            continue;
        long e = i, tf, tl;
        while (e + 1 < (long)p->n && header_type(p, (size_t)e + 1))
            e++;
        if (title_block(p, i, false, &tf, &tl) && (e + 1 < (long)p->n || (tf == 0 && !ends_a_sentence(p, tf, tl)))) {
            *first = i, *last = e;
            return true;
        }
        i = e;
    }
    return false;
}

/* The title under its metadata ("2025-01-16 来源：某报" / "标题" / text): a title-like line, no
 * sentence, right before the body's first long sentence (or before a notice's addressee and that
 * sentence: an index table over the notice), and no dateline above that names one. */
static bool title_below(const fo_page *p, long gfirst, long glast, long prose)
{
    const fo_block *b = &p->blocks[glast + 1 < (long)p->n ? glast + 1 : glast];
    enum { BELOW_MIN = 4 }; /* "摘要", "前言" under the metadata: a part's heading */
    bool addressed = prose == glast + 3 && is_addressee(p, (size_t)glast + 2);
    if (glast + 2 >= (long)p->n || (prose != glast + 2 && !addressed) || !title_candidate(p, (size_t)glast + 1) ||
        b->n < BELOW_MIN ||
        (b->n && b->cp[b->n - 1] == 0x3002))
        return false;
    for (long i = gfirst; i <= glast; i++)
        if (has(p, (size_t)i, FO_F_DATELINE))
            return false;
    return true;
}

void fo_page_zones(fo_page *p)
{
    long prose = p->prose = first_prose(p), gfirst = -1, glast = -1, tfirst = -1, tlast = -1;
    bool group = prose >= 0 ? header_group(p, prose, &gfirst, &glast) : short_page_group(p, &gfirst, &glast);
    if (group && !title_block(p, gfirst, false, &tfirst, &tlast) && title_below(p, gfirst, glast, prose)) {
        /* the date above the title ("2025-01-16 来源：某报" / "标题" / text): the title under the metadata */
        tfirst = tlast = glast + 1;
        glast++;
    } else if (!group && prose >= 0) {
        title_block(p, prose, true, &tfirst, &tlast);
    } else if (!group) {
        first_line_title(p, &tfirst, &tlast);
    }
    p->title_first = tfirst, p->title_last = tlast;
    long top = tfirst >= 0 ? tfirst : group ? gfirst : 0;
    p->header_end = group ? glast + 1 : tlast >= 0 ? tlast + 1 : 0;
    if (group && p->header_end > 0 && p->header_end < (long)p->n && has(p, (size_t)p->header_end - 1, FO_F_SUBTITLE) &&
        subtitle_goes_on(p, (size_t)p->header_end))
        p->header_end++;
    p->body_start = p->header_end;
    p->footer_start = (long)footer_start(p, (size_t)p->body_start);
    for (size_t i = 0; i < p->n; i++) {
        long k = (long)i;
        p->info[i].zone = k < top ? FO_ZONE_CHROME : k < p->header_end ? FO_ZONE_HEADER
                          : k < p->footer_start ? FO_ZONE_BODY : FO_ZONE_FOOTER;
    }
}

/* ---- text of blocks, without white space ---- */

typedef struct cpbuf {
    uint32_t *cp;
    size_t n, cap;
} cpbuf;

static void cp_put(cpbuf *b, uint32_t c)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->cp = fo_xrealloc(b->cp, b->cap * sizeof *b->cp);
    }
    b->cp[b->n++] = c;
}

/* Append s[from, to) without its white space. */
static void cp_dense(cpbuf *b, const uint32_t *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!fo_cp_space(s[i]))
            cp_put(b, s[i]);
}

static bool dense_equal_at(const cpbuf *hay, size_t at, const cpbuf *needle)
{
    return at + needle->n <= hay->n && memcmp(hay->cp + at, needle->cp, needle->n * sizeof *needle->cp) == 0;
}

/* ---- roles: the title ---- */

static bool starts_continuation(const fo_block *b)
{
    static const char32_t words[] = U"与并和及暨同为向在对将把";
    for (const char32_t *w = words; *w; w++)
        if (b->n && b->cp[0] == (uint32_t)*w)
            return true;
    return fo_cp_match(b->cp, b->n, 0, U"关于") || fo_cp_match(b->cp, b->n, 0, U"關於");
}

/* An official document's title ends with its kind: 通知 意见 办法 规划 报告 …, perhaps with (试行). */
static bool ends_like_document(const fo_block *b)
{
    size_t n = b->n;
    if (n && fo_cp_close_paren(b->cp[n - 1]))
        while (n > 0 && !fo_cp_open_paren(b->cp[n - 1]))
            n--;
    n -= n > 0 && fo_cp_open_paren(b->cp[n - 1]);
    return n > 0 && fo_vocab_ending(b->cp, 0, n, FO_WORDS(FO_WORD_DOCTYPE)) != NULL;
}

/* "某某厅关于开展…": an organ's title names its matter with 关于 … 的 (通知), and a line that opens
 * the 关于 but does not reach its 的 goes on below ("关于春天的回忆" is whole by itself). */
static bool says_about(const fo_block *b)
{
    bool open = false;
    for (size_t k = 0; k < b->n; k++) {
        if (fo_cp_match(b->cp, b->n, k, U"关于") || fo_cp_match(b->cp, b->n, k, U"關於"))
            open = true;
        else if (b->cp[k] == 0x7684 /*的*/)
            open = false;
    }
    return open;
}

/* An organisation's name, or a list of them: the issuer or signature of a document ("某某区人民政府
 * 办公室"), its addressees ("各街道办事处，区级各部门"). */
static bool is_organisation_line(const fo_block *b)
{
    for (size_t k = 0; k < b->n; k++)
        if (b->cp[k] == 0xFF0C || b->cp[k] == ',' || b->cp[k] == 0x3001)
            return true;
    const fo_word *w = fo_vocab_ending(b->cp, 0, b->n, FO_WORDS(FO_WORD_ORGANWORD));
    return (w && (w->len >= 2 || b->n >= 5)) || (b->n && b->cp[0] == 0x5404 /*各*/);
}

/* s[from, to) ends like the name of a site ("新华网", "某某门户网站", "人民網") or of a government,
 * whose site it is ("某某市人民政府", "某某县政府"; not "服务型政府"). */
static bool ends_like_site(const uint32_t *s, size_t from, size_t to)
{
    if (to - from < 2)
        return false;
    bool place = false; /* the level of government before 政府: 某某市政府 */
    for (const char32_t *c = U"省市县縣区區州盟旗"; *c && to - from >= 4; c++)
        place |= s[to - 3] == (uint32_t)*c;
    bool government = to - from >= 4 && (fo_cp_match(s, to, to - 4, U"人民政府") ||
                                         (place && fo_cp_match(s, to, to - 2, U"政府")));
    uint32_t last = s[to - 1];
    return government || last == 0x7F51 /*网*/ || last == 0x7DB2 /*網*/ || fo_cp_match(s, to, to - 2, U"网站") ||
           fo_cp_match(s, to, to - 2, U"門戶") || fo_cp_match(s, to, to - 2, U"门户") || fo_cp_match(s, to, to - 2, U"頻道");
}

/* A channel's name on one line: "图片新闻", "工作动态", "新聞稿", or a year's and an organisation's
 * channel ("110年某某部新聞", "2021年某某局动态"). */
static bool is_channel_label(const fo_page *p, long first, long last)
{
    enum { LABEL_MAX = 6, ORGAN_LABEL_MAX = 16 };
    const fo_block *b = &p->blocks[first];
    size_t k = 0;
    while (k < b->n && fo_cp_digit(b->cp[k]))
        k++;
    k = k > 0 && k < b->n && b->cp[k] == 0x5E74 /*年*/ ? k + 1 : 0;
    const fo_word *w = first == last ? fo_vocab_ending(b->cp, k, b->n, FO_WORDS(FO_WORD_CHANNEL)) : NULL;
    if (!w)
        return false;
    size_t rest = b->n - w->len;
    bool organ = rest > k && b->n - k <= ORGAN_LABEL_MAX && !fo_cp_has_sentence_end(b->cp, k, rest) &&
                 fo_vocab_ending(b->cp, k, rest, FO_WORDS(FO_WORD_ORGANWORD));
    return b->n <= LABEL_MAX || rest == k || organ;
}

/* A deck above the title proper (引题) or a channel's label: "一个人,一个字,一座城", "出席…会晤",
 * "新聞發布", "IT". */
static bool is_kicker(const fo_page *p, long first, long last)
{
    static const char32_t *const occasions[] = {U"出席", U"参加", U"參加", U"庆祝", U"慶祝", U"纪念", U"紀念", U"喜迎",
                                                U"迎接", U"聚焦", U"致敬", NULL};
    enum { LABEL_MAX = 6 };
    size_t len = 0;
    bool comma = false;
    for (long k = first; k <= last; k++) {
        const fo_block *b = &p->blocks[k];
        len += b->n;
        for (size_t i = 0; i < b->n; i++)
            comma |= b->cp[i] == 0xFF0C || b->cp[i] == ',';
    }
    const fo_block *b = &p->blocks[first];
    for (const char32_t *const *o = occasions; *o; o++)
        if (fo_cp_match(b->cp, b->n, 0, *o))
            return true;
    /* a channel's label: "新聞發布", "IT", "110年衛生福利部新聞" — a short title above a subtitle is not one */
    bool label = first == last && len <= LABEL_MAX && (has(p, (size_t)first, FO_F_LATIN) || is_channel_label(p, first, last));
    /* the site's or the paper's name over the headline: "某某市人民政府门户网站", "某某县人民政府" */
    enum { SITE_MAX = 15 };
    const fo_word *press = fo_vocab_ending(b->cp, 0, b->n, FO_WORDS(FO_WORD_PRESS));
    bool outlet = press && (press->len >= 2 || b->cp[b->n - 1] == 0x62A5 /*报*/ || b->cp[b->n - 1] == 0x5831 /*報*/);
    bool site = first == last && b->n <= SITE_MAX && !fo_cp_has_sentence_end(b->cp, 0, b->n) &&
                (ends_like_site(b->cp, 0, b->n) || outlet); /* "某某大学学报", "某某日报" over the headline */
    return label || comma || site;
}

/* Whether block k's text is printed again elsewhere on the page (a list of the page's headlines). */
static bool repeated(const fo_page *p, size_t k)
{
    if (p->info[k].repeat_of >= 0)
        return true;
    for (size_t i = k + 1; i < p->n; i++)
        if (p->info[i].repeat_of == (int)k)
            return true;
    return false;
}

/* In a title block, a line that ends with the title's last line is a breadcrumb or the headline
 * printed joined on one line (chrome); a line that the one above begins with is the title printed
 * again, cut short (a duplicate). */
static void drop_contained_lines(fo_page *p)
{
    cpbuf last = {0};
    if (p->title_first < 0)
        return;
    cp_dense(&last, p->blocks[p->title_last].cp, 0, p->blocks[p->title_last].n);
    for (long a = p->title_first; a < p->title_last; a++) {
        cpbuf x = {0}, y = {0};
        cp_dense(&x, p->blocks[a].cp, 0, p->blocks[a].n);
        cp_dense(&y, p->blocks[a + 1].cp, 0, p->blocks[a + 1].n);
        if (last.n < x.n && dense_equal_at(&x, x.n - last.n, &last))
            set_role(p, (size_t)a, FO_AS_CHROME, "a line that ends with the title: a breadcrumb or the headline joined");
        else if (y.n < x.n && dense_equal_at(&x, 0, &y))
            set_role(p, (size_t)a + 1, FO_AS_DUPLICATE, "the title printed again, cut short");
        free(x.cp);
        free(y.cp);
    }
    free(last.cp);
}

/* The line under an organ's name goes on with what the organ does: "印发…的通知", "转发…" (关于
 * is a continuation already).  A title of its own under a government's name ("某某县人民政府" /
 * "某某县造林技术方案") is no part of it: that name is the site's. */
static bool issues(const fo_block *b)
{
    static const char32_t *const verbs[] = {U"印发", U"印發", U"转发", U"轉發", U"批转", U"批轉", U"颁布", U"頒布", NULL};
    for (const char32_t *const *v = verbs; *v; v++)
        if (fo_cp_match(b->cp, b->n, 0, *v))
            return true;
    return false;
}

/* Decks of a headline: lines that continue a phrase ("并…", "与…", "关于…") join the line above; an
 * official document's title is one deck however it is split.  Kickers and labels above the title
 * are dropped, the first deck left is the title and the next one its subtitle. */
static void title_decks(fo_page *p)
{
    enum { DECKS_MAX = 4, LINES_SEEN = 16 };
    long lines[LINES_SEEN], n = 0;
    if (p->title_first < 0)
        return;
    for (long k = p->title_first; k <= p->title_last; k++)
        if (p->info[k].role == FO_AS_NONE && n < LINES_SEEN)
            lines[n++] = k;
    if (n > (long)p->lim->title_lines_max) { /* a list of headlines, not one title: the one printed twice, or the nearest */
        long pick = lines[n - 1];
        for (long k = 0; k < n; k++)
            if (repeated(p, (size_t)lines[k]))
                pick = lines[k];
        for (long k = 0; k < n; k++)
            set_role(p, (size_t)lines[k], lines[k] == pick ? FO_AS_TITLE : FO_AS_CHROME,
                     lines[k] == pick ? "the headline printed twice or nearest the text" : "a list of headlines");
        return;
    }
    bool official = n > 1 && ends_like_document(&p->blocks[lines[n - 1]]) &&
                    ((is_organisation_line(&p->blocks[lines[0]]) && issues(&p->blocks[lines[1]])) ||
                     starts_continuation(&p->blocks[lines[1]]) || says_about(&p->blocks[lines[0]]));
    long deck_first[DECKS_MAX], deck_last[DECKS_MAX], decks = 0;
    for (long k = 0; k < n; k++) {
        if (k == 0 || (!official && !starts_continuation(&p->blocks[lines[k]])) || decks == 0) {
            if (decks == DECKS_MAX)
                break;
            deck_first[decks] = deck_last[decks] = lines[k], decks++;
        } else {
            deck_last[decks - 1] = lines[k];
        }
    }
    long first = 0;
    while (first + 1 < decks && is_kicker(p, deck_first[first], deck_last[first]) &&
           !repeated(p, (size_t)deck_first[first]))
        first++;
    if (first + 1 == decks && is_channel_label(p, deck_first[first], deck_last[first]))
        first = decks; /* "图片新闻" over captions alone: a channel's name, and the page has no title */
    for (long d = 0; d < decks; d++)
        for (long k = deck_first[d]; k <= deck_last[d]; k++) {
            if (p->info[k].role != FO_AS_NONE)
                continue;
            if (d == first)
                set_role(p, (size_t)k, FO_AS_TITLE, official ? "an official document's title, its lines joined"
                                                           : "title: the headline above the metadata or text");
            else if (d == first + 1)
                set_role(p, (size_t)k, FO_AS_SUBTITLE, "the headline's second deck (副题)");
            else
                set_role(p, (size_t)k, FO_AS_CHROME, "a kicker or label above the headline");
        }
}

/* The title's text, without white space, for finding it printed again. */
static void title_text(const fo_page *p, cpbuf *t)
{
    for (long k = p->title_first; k >= 0 && k <= p->title_last; k++)
        if (p->info[k].role == FO_AS_TITLE)
            cp_dense(t, p->blocks[k].cp, 0, p->blocks[k].n);
}

static bool is_title_separator(uint32_t c)
{
    return fo_cp_field_bar(c) || c == '_' || c == '-' || c == 0x2014 || c == 0xFF3F;
}

/* Blocks after the header, before the body's first long sentence, that print the title again —
 * whole, or split over up to four lines under the document's number (a red-header notice), or
 * without a column tag the title carries ("政务服务丨…").  Returns how much of the title's start is
 * such a tag (0 when none). */
static size_t drop_title_repeats(fo_page *p, long until)
{
    enum { PIECES_MAX = 4, OFFSETS_MAX = 4 };
    cpbuf t = {0};
    title_text(p, &t);
    size_t offsets[OFFSETS_MAX] = {0}, n_offsets = 1, cut = 0;
    for (size_t x = 1; x < t.n && n_offsets < OFFSETS_MAX; x++)
        if (is_title_separator(t.cp[x - 1]) && !is_title_separator(t.cp[x]))
            offsets[n_offsets++] = x;
    for (long i = p->body_start; t.n && i < until && i < (long)p->n; i++) {
        long matched = -1;
        if (p->info[i].role != FO_AS_NONE)
            continue; /* the title itself, found under an index table */
        for (size_t o = 0; o < n_offsets && matched < 0; o++) {
            cpbuf acc = {0};
            cpbuf rest = {t.cp + offsets[o], t.n - offsets[o], 0};
            for (long k = i; k < i + PIECES_MAX && k < until && p->info[k].role == FO_AS_NONE; k++) {
                cp_dense(&acc, p->blocks[k].cp, 0, p->blocks[k].n);
                if (acc.n > rest.n || !dense_equal_at(&rest, 0, &acc))
                    break;
                if (acc.n == rest.n) {
                    matched = k, cut = offsets[o];
                    break;
                }
            }
            free(acc.cp);
        }
        for (long j = i; j <= matched; j++)
            set_role(p, (size_t)j, FO_AS_DUPLICATE, "the title printed again");
        if (matched >= 0)
            i = matched;
    }
    free(t.cp);
    return cut;
}

/* ---- roles: header, body, footer ---- */

/* Metadata that may stand in the body: credits, a source, an official document's identity — but not
 * a date, which in the body is a date of the text ("日期：2018年12月6日" in a judgment). */
static bool body_meta(const fo_page *p, size_t i)
{
    if (!has(p, i, FO_F_META) || has(p, i, FO_F_UNKNOWN))
        return false;
    fo_meta_match m;
    fo_rule_meta_line(p->blocks[i].cp, p->blocks[i].n, p->date_flags, &m);
    for (size_t k = 0; k < m.n_fields; k++) {
        int c = m.fields[k].cls;
        if (c == FO_WORD_PUBDATE || c == FO_FIELD_DATE || c == FO_FIELD_TIME || c == FO_FIELD_UNKNOWN)
            return false;
    }
    return true;
}

/* The role a block's own features give it, wherever it stands. */
static bool feature_role(fo_page *p, size_t i, bool meta_ok)
{
    if (has(p, i, FO_F_JUNK | FO_F_IMAGE))
        set_role(p, i, FO_AS_JUNK, has(p, i, FO_F_PAGELABEL) ? "an e-paper's page label"
                                                                : "page furniture (widgets, rules, counters, file names)");
    else if (has(p, i, FO_F_META) && meta_ok)
        set_role(p, i, FO_AS_META, "metadata fields (dates, 来源, people, document identity)");
    else if (has(p, i, FO_F_BYLINE))
        set_role(p, i, FO_AS_BYLINE, "byline: a role word and names");
    else if (has(p, i, FO_F_SPEAKER))
        set_role(p, i, FO_AS_BYLINE, "a speech's speaker, above the date it was given");
    else if (has(p, i, FO_F_SIGNED) && p->info[i].zone == FO_ZONE_FOOTER)
        set_role(p, i, FO_AS_BYLINE, "signed at the end: the writers' unit and names, in brackets");
    else if (has(p, i, FO_F_DOCNUMBER))
        set_role(p, i, FO_AS_DOCNUMBER, "an official document's number (发文字号)");
    else if (has(p, i, FO_F_CAPTION | FO_F_MARKED))
        set_role(p, i, FO_AS_CAPTION, has(p, i, FO_F_MARKED) ? "a photo caption marked △/▲" : "ends with a photo credit");
    else if (is_meta_value(p, i))
        set_role(p, i, FO_AS_META, "the value of the key on the line above");
    else
        return false;
    return true;
}

static void prefix_role(fo_page *p, size_t i)
{
    const fo_block *b = &p->blocks[i];
    if (fo_rule_prefix(b->cp, b->n, FO_WORD_ORIGINAL))
        set_role(p, i, FO_AS_ORIGINAL_TITLE, "starts with 原标题:");
    else if (fo_rule_prefix(b->cp, b->n, FO_WORD_RIGHTS))
        set_role(p, i, FO_AS_RIGHTS, "starts with 版权声明:");
    else
        set_role(p, i, FO_AS_NOTE, "starts with 编者按:");
}

static void chrome_roles(fo_page *p)
{
    long top = p->title_first >= 0 ? p->title_first : p->header_end;
    bool adjacent = true; /* an index table right above the title belongs to the header */
    for (long i = top - 1; i >= 0; i--) {
        fo_block_info *f = &p->info[i];
        if (f->zone != FO_ZONE_CHROME)
            continue;
        adjacent &= has(p, (size_t)i, FO_F_META | FO_F_JUNK) && !has(p, (size_t)i, FO_F_NAV);
        if (adjacent && has(p, (size_t)i, FO_F_META))
            set_role(p, (size_t)i, FO_AS_META, "an index table right above the title");
        else if (has(p, (size_t)i, FO_F_BREADCRUMB))
            set_role(p, (size_t)i, FO_AS_BREADCRUMB, "breadcrumb: 当前位置 … > … (site and category)");
        else if (has(p, (size_t)i, FO_F_DOCNUMBER))
            set_role(p, (size_t)i, FO_AS_DOCNUMBER, "an official document's number above its title");
        else if (has(p, (size_t)i, FO_F_JUNK))
            set_role(p, (size_t)i, FO_AS_JUNK, "page furniture");
        else
            set_role(p, (size_t)i, FO_AS_CHROME, "site chrome above the title");
    }
}

static void header_roles(fo_page *p)
{
    for (long i = p->title_last + 1; i < p->header_end; i++) {
        if (i < 0 || p->info[i].role != FO_AS_NONE)
            continue;
        if (has(p, (size_t)i, FO_F_SUBTITLE))
            set_role(p, (size_t)i, FO_AS_SUBTITLE, "—— line in the header");
        else if (i > 0 && p->info[i - 1].role == FO_AS_SUBTITLE && subtitle_goes_on(p, (size_t)i))
            set_role(p, (size_t)i, FO_AS_SUBTITLE, "the subtitle's second line");
        else if (has(p, (size_t)i, FO_F_DATELINE))
            set_role(p, (size_t)i, FO_AS_TITLE, "a dateline that carries the title (题：…)");
        else if (has(p, (size_t)i, FO_F_PREFIX))
            prefix_role(p, (size_t)i);
        else if (!feature_role(p, (size_t)i, true))
            set_role(p, (size_t)i, FO_AS_CHROME, "in the header, none of its parts");
    }
}


/* The lines between the header and the body's first long sentence that are neither metadata nor
 * anything else: short lines without punctuation in a row are the captions of a photo story whose
 * pictures were not saved ("志愿者为老人服务"); a short line under an image's place is its caption. */
static void bare_captions(fo_page *p)
{
    enum { RUN_MIN = 2 };
    const size_t bare_max = p->lim->bare_caption_max;
    long run = 0;
    for (long i = p->body_start; i < p->prose && i < (long)p->n; i++) {
        const fo_block *b = &p->blocks[i];
        size_t han = 0;
        for (size_t k = 0; k < b->n; k++)
            han += fo_cp_han(b->cp[k]);
        bool bare = p->info[i].role == FO_AS_NONE && b->n <= bare_max && han >= 2 && !is_organisation_line(b) &&
                    !has(p, (size_t)i, FO_F_HEADING | FO_F_JUNK | FO_F_META | FO_F_BYLINE | FO_F_DOCNUMBER |
                                           FO_F_CAPTION | FO_F_MARKED | FO_F_PREFIX | FO_F_SUBTITLE | FO_F_NAV) &&
                    !fo_cp_has_sentence_end(b->cp, 0, b->n) && !ends_open(b->cp, b->n);
        run = bare ? run + 1 : 0;
        if (run >= RUN_MIN)
            for (long k = i - run + 1; k <= i; k++)
                set_role(p, (size_t)k, FO_AS_CAPTION, "photo story: short lines before the text, their pictures gone");
    }
    for (size_t i = 1; i < p->n; i++)
        if (p->info[i].role == FO_AS_NONE && has(p, i - 1, FO_F_IMAGE) && p->blocks[i].n <= bare_max &&
            p->info[i].zone == FO_ZONE_BODY)
            set_role(p, i, FO_AS_CAPTION, "a short line under an image's place");
}

static void body_roles(fo_page *p)
{
    long previous = -1;
    for (long i = p->body_start; i < p->footer_start; i++) {
        fo_block_info *f = &p->info[i];
        if (f->role != FO_AS_NONE)
            continue;
        if (previous >= 0 && p->info[previous].hash == f->hash && !has(p, (size_t)i, FO_F_JUNK) &&
            f->repeat_of == previous)
            set_role(p, (size_t)i, FO_AS_DUPLICATE, "the block above printed twice");
        else if (feature_role(p, (size_t)i, body_meta(p, (size_t)i) || (p->prose >= 0 && i < p->prose && has(p, (size_t)i, FO_F_META) && !has(p, (size_t)i, FO_F_UNKNOWN))))
            ;
        else if (has(p, (size_t)i, FO_F_PREFIX))
            prefix_role(p, (size_t)i);
        else if (has(p, (size_t)i, FO_F_TITLENOTE))
            set_role(p, (size_t)i, FO_AS_SUBTITLE, "【题注】: the law's note on its adoption, under its title");
        else if (has(p, (size_t)i, FO_F_HEADING))
            set_role(p, (size_t)i, FO_AS_HEADING, "numbered like a heading");
        else
            set_role(p, (size_t)i, FO_AS_PARA, "paragraph");
        if (f->role != FO_AS_JUNK)
            previous = i;
    }
}

static void footer_roles(fo_page *p)
{
    for (long i = p->footer_start; i < (long)p->n; i++)
        if (p->info[i].role == FO_AS_NONE && has(p, (size_t)i, FO_F_PREFIX))
            prefix_role(p, (size_t)i);
        else if (p->info[i].role == FO_AS_NONE && !feature_role(p, (size_t)i, has(p, (size_t)i, FO_F_META)))
            set_role(p, (size_t)i, FO_AS_JUNK, has(p, (size_t)i, FO_F_FOOTER) ? "footer: after the article (上一篇, 相关阅读 …)"
                                                                             : "footer: after the article");
}

/* ---- roles: the numbering grammar ---- */

static bool is_entry_line(const fo_page *p, size_t i)
{
    const fo_block *b = &p->blocks[i];
    int role = p->info[i].role;
    return ((role == FO_AS_HEADING && p->info[i].rank != FO_RANK_DOCUMENT) || role == FO_AS_PARA) &&
           b->n <= p->lim->title_max && !fo_cp_has_sentence_end(b->cp, 0, b->n);
}

/* An entry's words without its number: "1.1 编制目的" and "编制目的", "1 总则" and "总则" match. */
static void entry_words(const fo_page *p, size_t i, cpbuf *out)
{
    const fo_block_info *f = &p->info[i];
    size_t from = f->role == FO_AS_HEADING && f->heading.title_start < p->blocks[i].n ? f->heading.title_start : 0;
    out->n = 0;
    cp_dense(out, p->blocks[i].cp, from, p->blocks[i].n);
}

/* Does entry e open the sections the contents list announced?  Its words are those of an earlier
 * entry of the list, whole or cut before a "——" part ("一、某某案" after "一、某某案——副题"). */
static bool entry_repeats(const fo_page *p, long start, long e)
{
    enum { LOOK_MAX = 64 }; /* a contents list's entries are compared only with its first ones */
    cpbuf a = {0}, b = {0};
    bool same = false;
    entry_words(p, (size_t)e, &a);
    for (long k = start; k < e && k < start + LOOK_MAX && !same && a.n >= 2; k++) {
        if (p->info[k].role == FO_AS_JUNK)
            continue;
        entry_words(p, (size_t)k, &b);
        same = a.n <= b.n && dense_equal_at(&b, 0, &a) && (a.n == b.n || b.cp[a.n] == 0x2014);
    }
    free(a.cp);
    free(b.cp);
    return same;
}

/* A table of contents: three or more short lines in a row with no text between them, whose entries
 * the sections below open with again.  Its entries are a list, not headings. */
static void contents_lists(fo_page *p, const bool *repeated_later)
{
    const long entries_min = (long)p->lim->contents_min;
    for (long i = p->body_start; i < p->footer_start; i++) {
        long end = i, entries = 0;
        bool again = false;
        while (end < p->footer_start && (is_entry_line(p, (size_t)end) || p->info[end].role == FO_AS_JUNK)) {
            if (p->info[end].role != FO_AS_JUNK) {
                if (entries >= entries_min && entry_repeats(p, i, end)) {
                    again = true;
                    break;
                }
                entries++;
                again |= repeated_later[end];
            }
            end++;
        }
        for (long k = i; k < end && again && entries >= entries_min; k++)
            if (p->info[k].role != FO_AS_JUNK)
                set_role(p, (size_t)k, FO_AS_PARA, "an entry of a table of contents the headings below repeat");
        i = end > i ? end - 1 : i;
    }
}

/* Numbered headings come in sequence: the first of its style since the last heading of an outer
 * style is number 1, each next one the number after.  A line numbered like a heading out of that
 * sequence ("2.联系人名单" in a list of attachments) is a paragraph.  Law articles (第N条) are
 * numbered paragraphs. */
/* "镜头一" without a colon is a heading when "镜头二" follows: the same word, the next number. */
static bool label_in_series(const fo_page *p, long i, long next)
{
    const fo_heading_match *a = &p->info[i].heading, *b = &p->info[next].heading;
    size_t wa = a->label_end, wb = b->label_end;
    while (wa > 0 && fo_heading_number(p->blocks[i].cp, wa - 1, wa) > 0)
        wa--;
    while (wb > 0 && fo_heading_number(p->blocks[next].cp, wb - 1, wb) > 0)
        wb--;
    return wa == wb && wa > 0 && memcmp(p->blocks[i].cp, p->blocks[next].cp, wa * sizeof(uint32_t)) == 0 &&
           fo_heading_number(p->blocks[next].cp, 0, b->label_end) ==
               fo_heading_number(p->blocks[i].cp, 0, a->label_end) + 1;
}

/* A label without a colon ("镜头一") is a heading only in a series: the label after it continues it,
 * or it continues the one before.  Each label looks only at its neighbours among the labels. */
static void unlabelled_series(fo_page *p)
{
    bool *in_series = calloc(p->n ? p->n : 1, sizeof *in_series);
    if (!in_series)
        abort();
    long prev = -1;
    for (long i = p->body_start; i < p->footer_start; i++) {
        if (p->info[i].role != FO_AS_HEADING || p->info[i].heading.rank != FO_RANK_NAMED)
            continue;
        if (prev >= 0 && label_in_series(p, prev, i))
            in_series[prev] = in_series[i] = true;
        prev = i;
    }
    for (long i = p->body_start; i < p->footer_start; i++) {
        const fo_heading_match *h = &p->info[i].heading;
        if (p->info[i].role == FO_AS_HEADING && h->rank == FO_RANK_NAMED && h->marker_end == h->label_end &&
            !in_series[i])
            set_role(p, (size_t)i, FO_AS_PARA, "a label without a colon, and no series of it");
    }
    free(in_series);
}

static void heading_sequence(fo_page *p)
{
    int last[FO_RANK_COUNT] = {0};
    for (long i = p->body_start; i < p->footer_start; i++) {
        fo_block_info *f = &p->info[i];
        if (f->role != FO_AS_HEADING || f->rank == FO_RANK_DOCUMENT || f->rank == FO_RANK_PLAIN)
            continue;
        int rank = f->heading.rank;
        if (rank == FO_RANK_ARTICLE) {
            set_role(p, (size_t)i, FO_AS_PARA, "law article 第N条: a numbered paragraph");
            continue;
        }
        int number = fo_heading_number(p->blocks[i].cp, f->heading.label_start, f->heading.label_end);
        if (number && number != 1 && number != last[rank] + 1 && f->part != FO_GW_SUBHEAD) {
            set_role(p, (size_t)i, FO_AS_PARA, "numbered like a heading, but out of sequence");
            continue;
        }
        f->rank = (unsigned char)rank;
        last[rank] = number;
        for (int k = rank + 1; k < FO_RANK_COUNT; k++)
            last[k] = 0; /* an outer heading restarts the inner numbering */
    }
}

/* The previous and next blocks that carry text (furniture, repeats and metadata skipped). */
static long text_neighbour(const fo_page *p, long i, int step)
{
    for (long k = i + step; k >= p->body_start && k < p->footer_start; k += step) {
        int r = p->info[k].role;
        if (r != FO_AS_JUNK && r != FO_AS_DUPLICATE && r != FO_AS_META && r != FO_AS_DOCNUMBER &&
            r != FO_AS_BYLINE)
            return k;
    }
    return -1;
}

static bool reads_on(const fo_page *p, long k)
{
    const fo_block *b = &p->blocks[k];
    int r = p->info[k].role;
    if (r == FO_AS_NOTE || r == FO_AS_CAPTION)
        return true;
    if (r != FO_AS_PARA)
        return false;
    bool bullet = b->n && (b->cp[0] == 0x2022 || b->cp[0] == 0x27A4);
    return bullet || has(p, (size_t)k, FO_F_PROSE) || (has(p, (size_t)k, FO_F_ENDS_SENTENCE) && b->n >= 8) ||
           (b->n >= 8 && fo_cp_colon(b->cp[b->n - 1]));
}

/* A subhead without a number: a short line that does not end like a sentence, between a paragraph
 * and a paragraph of running text (or opening the body before one).  Two such lines in a row are
 * one subhead set on two lines. */
static bool plain_subhead(const fo_page *p, long i)
{
    const fo_block *b = &p->blocks[i];
    size_t lists = 0;
    if (p->info[i].role != FO_AS_PARA || b->n > p->lim->subhead_max)
        return false;
    for (size_t k = 0; k < b->n; k++)
        lists += b->cp[k] == 0xFF0C || b->cp[k] == ',' || b->cp[k] == 0x3001;
    bool addressee = b->cp[0] == 0x5404 /*各*/ && lists >= 1; /* 各乡镇，各部门 */
    if (p->info[i].role != FO_AS_PARA || b->n < 2 || b->n > (has(p, (size_t)i, FO_F_LATIN) ? p->lim->subhead_latin_max : p->lim->subhead_max) ||
        has(p, (size_t)i, FO_F_ENDS_SENTENCE | FO_F_ENDS_OPEN | FO_F_SPACED | FO_F_NAV | FO_F_PROSE | FO_F_HEADING) ||
        addressee || lists >= 4)
        return false;
    for (size_t k = 0; k < b->n; k++)
        if (b->cp[k] == 0x3002 || b->cp[k] == 0xFF01 || b->cp[k] == 0xFF1F || b->cp[k] == '!' || b->cp[k] == '?')
            return false;
    return b->cp[0] != 0x2022 && b->cp[0] != 0x27A4;
}

/* Text after a subhead: a paragraph that reads like prose, a sentence of some length, a dateline. */
static bool text_follows(const fo_page *p, long k)
{
    enum { SENTENCE_MIN = 10 };
    int r = p->info[k].role;
    return (r == FO_AS_PARA || r == FO_AS_NOTE) &&
           (has(p, (size_t)k, FO_F_PROSE | FO_F_DATELINE) ||
            (has(p, (size_t)k, FO_F_ENDS_SENTENCE) && p->blocks[k].n >= SENTENCE_MIN));
}

/* A sentence the scraping broke over short lines ("新京报记者从" / "鄱阳湖东西两岸" / "带回抗洪救灾现场
 * 报道。"): two or more short pieces without punctuation, and a short piece that ends it. */
static void join_fragments(fo_page *p)
{
    enum { PIECES_MIN = 3 };
    const size_t piece_max = p->lim->fragment_max;
    for (long i = p->body_start; i < p->footer_start; i++) {
        long k = i;
        while (k < p->footer_start && p->info[k].role == FO_AS_PARA && p->blocks[k].n <= piece_max &&
               !has(p, (size_t)k, FO_F_ENDS_SENTENCE | FO_F_ENDS_OPEN) &&
               !fo_cp_has_sentence_end(p->blocks[k].cp, 0, p->blocks[k].n))
            k++;
        if (k - i + 1 >= PIECES_MIN && k < p->footer_start && p->info[k].role == FO_AS_PARA &&
            p->blocks[k].n <= piece_max && has(p, (size_t)k, FO_F_ENDS_SENTENCE))
            for (long j = i + 1; j <= k; j++)
                set_role(p, (size_t)j, FO_AS_PARA_CONT, "a piece of the sentence above, split over lines");
        i = k > i ? k : i;
    }
}

static void plain_subheads(fo_page *p)
{
    for (long i = p->body_start; i < p->footer_start; i++) {
        if (!plain_subhead(p, i))
            continue;
        long prev = text_neighbour(p, i, -1), next = text_neighbour(p, i, 1), second = -1;
        if (next >= 0 && plain_subhead(p, next) && next == i + 1)
            second = next, next = text_neighbour(p, next, 1);
        if ((prev >= 0 && !reads_on(p, prev)) || next < 0 || !text_follows(p, next))
            continue;
        set_role(p, (size_t)i, FO_AS_HEADING, "a short line without a full stop between paragraphs: a subhead");
        p->info[i].rank = FO_RANK_PLAIN;
        p->info[i].heading = (fo_heading_match){FO_RANK_PLAIN, 0, 0, 0, 0};
        if (second >= 0)
            set_role(p, (size_t)second, FO_AS_HEADING_CONT, "the subhead's second line");
        i = second >= 0 ? second : i;
    }
}

/* The document a notice issues ("关于印发《X》的通知"): the body line that names it is that
 * document's own title, a level above its numbered headings. */
static void attached_document(fo_page *p)
{
    static const char32_t *const verbs[] = {U"印发", U"印發", U"转发", U"轉發", U"发布", U"發布", NULL};
    cpbuf t = {0};
    title_text(p, &t);
    size_t from = 0, to = t.n;
    for (size_t i = 0; i + 2 <= t.n && !from; i++)
        for (const char32_t *const *v = verbs; *v && !from; v++)
            if (fo_cp_match(t.cp, t.n, i, *v))
                from = i + 2;
    while (to > from + 1 && !(t.cp[to - 1] == 0x7684 /*的*/))
        to--;
    if (from && to > from + 1) {
        to--;
        for (size_t i = from; i < to; i++) /* 《X》等三个文件: X */
            if (t.cp[i] == 0x300A) {
                size_t c = i + 1;
                while (c < to && t.cp[c] != 0x300B)
                    c++;
                from = i + 1, to = c;
                break;
            }
        cpbuf x = {t.cp + from, to - from, 0};
        for (long i = p->body_start; i < p->footer_start && x.n >= 4; i++) {
            if (p->info[i].role != FO_AS_PARA || p->blocks[i].n > x.n + 10)
                continue;
            cpbuf b = {0};
            cp_dense(&b, p->blocks[i].cp, 0, p->blocks[i].n);
            bool names = b.n >= x.n && dense_equal_at(&b, b.n - x.n, &x);
            free(b.cp);
            if (names) {
                set_role(p, (size_t)i, FO_AS_HEADING, "the title of the document the notice issues");
                p->info[i].rank = FO_RANK_DOCUMENT;
                p->info[i].heading = (fo_heading_match){FO_RANK_DOCUMENT, 0, 0, 0, 0};
                break;
            }
        }
    }
    free(t.cp);
}

/* Levels come from the heading styles the page uses, outermost first. */
static void heading_levels(fo_page *p)
{
    static const char *const why[FO_RANK_COUNT] = {
        [FO_RANK_DOCUMENT] = "heading: the title of the document the notice issues",
        [FO_RANK_VOLUME] = "heading 第N编", [FO_RANK_CHAPTER] = "heading 第N章", [FO_RANK_PART] = "heading 第N节",
        [FO_RANK_PLAIN] = "heading: a short line without a full stop between paragraphs",
        [FO_RANK_NAMED] = "heading WORD+numeral (亮点一：, 镜头一 in a series)", [FO_RANK_ROMAN] = "heading I.",
        [FO_RANK_HAN] = "heading 一、", [FO_RANK_HAN_PAREN] = "heading (一)", [FO_RANK_DECIMAL1] = "heading 1 (no dot)",
        [FO_RANK_DECIMAL2] = "heading 1.1", [FO_RANK_DECIMAL3] = "heading 1.1.1", [FO_RANK_DIGIT] = "heading 1.",
        [FO_RANK_DIGIT_PAREN] = "heading (1)", [FO_RANK_CIRCLED] = "heading ①", [FO_RANK_BRACKET] = "heading 【…】 alone",
        [FO_RANK_ARTICLE] = "law article",
    };
    bool used[FO_RANK_COUNT] = {false}, numbered_first = false;
    int level_of[FO_RANK_COUNT];
    for (size_t i = 0; i < p->n; i++)
        if (p->info[i].role == FO_AS_HEADING) {
            int r = p->info[i].rank;
            numbered_first |= !used[FO_RANK_PLAIN] && r > FO_RANK_PLAIN && r != FO_RANK_ARTICLE;
            used[r] = true;
        }
    /* unnumbered subheads that first come after numbered ones ("附件2" after "一、" … "三、") are
     * their siblings, not their parents */
    bool plain_sibling = used[FO_RANK_PLAIN] && numbered_first;
    int level = 0;
    for (int k = 0; k < FO_RANK_COUNT; k++)
        level_of[k] = used[k] && !(k == FO_RANK_PLAIN && plain_sibling) ? ++level : 0;
    for (int k = FO_RANK_PLAIN + 1; plain_sibling && k < FO_RANK_COUNT; k++)
        if (used[k]) {
            level_of[FO_RANK_PLAIN] = level_of[k];
            break;
        }
    for (size_t i = 0; i < p->n; i++)
        if (p->info[i].role == FO_AS_HEADING) {
            p->info[i].level = (unsigned char)level_of[p->info[i].rank];
            p->info[i].why = why[p->info[i].rank];
        }
}

static void numbering(fo_page *p)
{
    bool *later = calloc(p->n ? p->n : 1, sizeof *later);
    if (!later)
        abort();
    for (size_t i = 0; i < p->n; i++) {
        if (p->info[i].repeat_of >= 0)
            later[p->info[i].repeat_of] = true;
        if (p->info[i].role == FO_AS_HEADING)
            p->info[i].rank = (unsigned char)p->info[i].heading.rank;
    }
    attached_document(p);
    contents_lists(p, later);
    unlabelled_series(p);
    heading_sequence(p);
    join_fragments(p);
    plain_subheads(p);
    heading_levels(p);
    free(later);
}

/* ---- roles: run-in heads ---- */

/* Run-in heads come in series: a section whose paragraphs open with short sentences in a row
 * ("加强宣传解读。" "深入研究阐释。" …).  One such paragraph alone is an ordinary paragraph that
 * happens to start with a short sentence. */
static void runins(fo_page *p)
{
    size_t *count = calloc(p->n + 1, sizeof *count), container = 0;
    size_t *of = calloc(p->n + 1, sizeof *of);
    if (!count || !of)
        abort();
    for (size_t i = 0; i < p->n; i++) {
        fo_block_info *f = &p->info[i];
        if (f->role == FO_AS_HEADING)
            container = i + 1;
        of[i] = container;
        if (f->role == FO_AS_PARA && f->zone == FO_ZONE_BODY)
            f->runin = fo_rule_runin_head(p->blocks[i].cp, p->blocks[i].n, p->lim);
        count[container] += f->runin > 0;
    }
    for (size_t i = 0; i < p->n; i++) {
        fo_block_info *f = &p->info[i];
        if (f->runin && count[of[i]] < p->lim->runin_series_min && f->part != FO_GW_RUNIN) {
            f->runin = 0;
            f->why = "paragraph (a short first sentence, but no series of run-in heads here)";
        } else if (f->runin) {
            f->why = "paragraph with a run-in head (a short first sentence, one of a series)";
        }
    }
    free(count);
    free(of);
}

/* An index table above the text names the title (标题：… / 名称：…) and the page prints it under the
 * table: that line is the title. */
static void title_from_table(fo_page *p)
{
    cpbuf named = {0};
    for (long i = 0; i < p->header_end && !named.n; i++) {
        fo_meta_match m;
        if (!has(p, (size_t)i, FO_F_META) || !fo_rule_meta_line(p->blocks[i].cp, p->blocks[i].n, p->date_flags, &m))
            continue;
        const fo_meta_field *f = fo_meta_field_of(&m, FO_WORD_TITLE);
        if (f && f->value.end > f->value.start)
            cp_dense(&named, p->blocks[i].cp, f->value.start, f->value.end);
    }
    long until = p->prose >= 0 ? p->prose : p->footer_start;
    for (long i = p->header_end; i < until && named.n; i++) {
        cpbuf b = {0};
        cp_dense(&b, p->blocks[i].cp, 0, p->blocks[i].n);
        bool same = b.n == named.n && dense_equal_at(&b, 0, &named);
        free(b.cp);
        if (same) {
            set_role(p, (size_t)i, FO_AS_TITLE, "title: the line the index table above names (标题, 名称)");
            p->title_first = p->title_last = i;
            break;
        }
    }
    free(named.cp);
}

void fo_page_roles(fo_page *p)
{
    for (size_t i = 0; i < p->n; i++)
        p->info[i].role = FO_AS_NONE;
    drop_contained_lines(p);
    title_decks(p);
    chrome_roles(p);
    header_roles(p);
    if (p->title_first < 0)
        title_from_table(p);
    p->title_cut = drop_title_repeats(p, p->prose >= 0 ? p->prose : p->footer_start);
    bare_captions(p);
    body_roles(p);
    footer_roles(p);
    fo_gongwen_parts(p);
    numbering(p);
    runins(p);
}

/* ---- assembly ---- */

typedef struct builder {
    const fo_page *p;
    fo_doc *doc;
    fo_node *root;              /* where blocks outside every section go: the document, or an attachment */
    int date_rank;              /* how good the publication date found so far is (0: none) */
    bool lead_done;
    fo_node *joined;            /* the title or paragraph that lines were last joined to */
} builder;

static fo_pos pos_at(const fo_block *b, size_t offset)
{
    /* offsets inside joined lines are approximate: the column within the first physical line */
    return (fo_pos){b->line, b->col + (int)offset};
}

static void trim_span(const uint32_t *s, size_t *from, size_t *to)
{
    while (*from < *to && fo_cp_space(s[*from]))
        (*from)++;
    while (*to > *from && fo_cp_space(s[*to - 1]))
        (*to)--;
}

/* For every 《 in s[from, to), the offset of the 》 that closes it (nested pairs counted), or `to`
 * when none does: one pass with a stack, so a line of many unclosed 《 stays linear.  The caller
 * frees the returned array, indexed by offset - from. */
static size_t *match_book_marks(const uint32_t *s, size_t from, size_t to)
{
    size_t n = to - from;
    size_t *close = fo_xmalloc((n ? n : 1) * sizeof *close), *open = fo_xmalloc((n ? n : 1) * sizeof *open);
    size_t depth = 0;
    for (size_t i = 0; i < n; i++) {
        close[i] = to;
        if (s[from + i] == 0x300A /*《*/)
            open[depth++] = i;
        else if (s[from + i] == 0x300B /*》*/ && depth > 0)
            close[open[--depth]] = from + i;
    }
    free(open);
    return close;
}

/* Inlines of s[from, to): text, and 《…》 titles as citetitle with the marks kept as text around
 * it (the marks are Chinese punctuation, part of the sentence; the element marks what they hold). */
static void append_inlines(fo_doc *doc, fo_node *parent, const fo_block *b, size_t from, size_t to)
{
    const uint32_t *s = b->cp;
    size_t text_start = from;
    size_t *close_of = NULL;
    for (size_t i = from; i < to; i++) {
        if (s[i] != 0x300A /*《*/)
            continue;
        if (!close_of)
            close_of = match_book_marks(s, from, to);
        size_t close = close_of[i - from];
        if (close == to || close == i + 1)
            continue; /* unbalanced or empty: plain text */
        size_t text_end = i + 1; /* the opening mark stays in the text before the title */
        fo_node_append(parent, fo_text_new(doc, "", 0, pos_at(b, text_start)));
        parent->last->u.text.str = fo_doc_strdup_cps(doc, s, text_start, text_end);
        fo_node *cite = fo_node_append(parent, fo_node_new(doc, FO_CITETITLE, pos_at(b, i + 1)));
        fo_node *t = fo_node_append(cite, fo_text_new(doc, "", 0, pos_at(b, i + 1)));
        t->u.text.str = fo_doc_strdup_cps(doc, s, i + 1, close);
        text_start = close;
        i = close;
    }
    if (text_start < to) {
        fo_node *t = fo_node_append(parent, fo_text_new(doc, "", 0, pos_at(b, text_start)));
        t->u.text.str = fo_doc_strdup_cps(doc, s, text_start, to);
    }
    free(close_of);
}

static fo_node *new_inlines(fo_doc *doc, fo_node *owner, const fo_block *b, size_t from, size_t to)
{
    fo_node *c = fo_inlines_new(doc, owner, pos_at(b, from));
    append_inlines(doc, c, b, from, to);
    return c;
}

/* ---- assembly: metadata ---- */

static const char *role_word(builder *bd, const uint32_t *s, size_t from, size_t to);

static bool span_is(const uint32_t *s, size_t from, size_t to, const char32_t *w)
{
    return fo_cp_match(s, to, from, w) == to - from && to > from;
}

static void apply_breadcrumb(builder *bd, const fo_block *b)
{
    fo_meta_span items[8];
    size_t count = fo_rule_breadcrumb(b->cp, b->n, items, 8), first = 0;
    if (count && (span_is(b->cp, items[0].start, items[0].end, U"首页") ||
                  span_is(b->cp, items[0].start, items[0].end, U"主页") ||
                  span_is(b->cp, items[0].start, items[0].end, U"网站首页") ||
                  span_is(b->cp, items[0].start, items[0].end, U"首頁")))
        first = 1;
    /* "中国甘肃网 >> 法治甘肃 >> 本网关注": the site, then the category path; "首页 > 新闻 > 国内"
     * names no site, only the path.  A last step as long as a title is the title; one that says
     * 正文 is the page itself. */
    fo_meta *m = &bd->doc->meta;
    if (count > 1 && span_is(b->cp, items[count - 1].start, items[count - 1].end, U"正文"))
        count--;
    if (first == 0 && count > 0 && !m->publisher)
        m->publisher = fo_doc_strdup_cps(bd->doc, b->cp, items[0].start, items[0].end);
    if (m->category)
        return;
    for (size_t i = first ? first : 1; i < count; i++)
        if (items[i].end - items[i].start <= 20)
            fo_strlist_append(bd->doc, &m->category, fo_doc_strdup_cps(bd->doc, b->cp, items[i].start, items[i].end));
}

/* Not a person: an organisation (办公室), a site or paper (法律资料网), a byline word alone
 * (新京报记者).  A person's name is two to four Han characters (a transliterated one has a middle
 * dot), or a Latin handle ("kers"). */
static bool is_person(const uint32_t *s, size_t from, size_t to)
{
    enum { HAN_NAME_MAX = 4, DOTTED_MAX = 12, HANDLE_MAX = 20 };
    size_t len = to - from, latin = 0, dots = 0;
    for (size_t i = from; i < to; i++) {
        latin += s[i] < 0x80 && s[i] > ' ';
        dots += s[i] == 0x00B7 || s[i] == 0x30FB;
    }
    if (latin == len)
        return len >= 2 && len <= HANDLE_MAX;
    if (len < 2 || len > (dots ? DOTTED_MAX : HAN_NAME_MAX) || latin)
        return false;
    for (size_t i = from; i < to; i++)
        if (!fo_cp_han(s[i]) && s[i] != 0x00B7 && s[i] != 0x30FB)
            return false; /* "文/图" is a tag, not a name */
    const fo_word *w = fo_vocab_ending(s, from, to, FO_WORDS(FO_WORD_ORGANWORD) | FO_WORDS(FO_WORD_PRESS) |
                                                        FO_WORDS(FO_WORD_ROLE));
    return !(w && w->len >= 2);
}

/* "作者：张三 李四", "作者：张三、李四" → one person each; "蔡 卓" (a name padded to two cells) is one. */
static void add_people(builder *bd, const fo_block *b, size_t from, size_t to, const char *role)
{
    const uint32_t *s = b->cp;
    if (to - from == 3 && fo_cp_han(s[from]) && fo_cp_space(s[from + 1]) && fo_cp_han(s[from + 2])) {
        fo_meta_add_author(bd->doc, fo_doc_strdup_cps(bd->doc, s, from, to), role, NULL);
        return;
    }
    size_t i = from;
    while (i < to) {
        while (i < to && (fo_cp_space(s[i]) || s[i] == 0x3001 || s[i] == 0xFF0C || s[i] == ','))
            i++;
        size_t start = i;
        while (i < to && !(fo_cp_space(s[i]) || s[i] == 0x3001 || s[i] == 0xFF0C || s[i] == ','))
            i++;
        const fo_meta *m = &bd->doc->meta;
        const char *name = i > start ? fo_doc_strdup_cps(bd->doc, s, start, i) : NULL;
        if (name && is_person(s, start, i) && !(m->source && strcmp(m->source, name) == 0))
            fo_meta_add_author(bd->doc, name, role, NULL);
    }
}

/* The publication date, by how sure the page is of it: the header's date (3), a dated stamp or
 * 发布日期 at the foot (2), a date printed above the title (1, an e-paper's issue date). */
static void offer_date(builder *bd, const fo_text_date *d, int rank)
{
    if (rank <= bd->date_rank)
        return;
    char iso[40];
    fo_text_date x = *d;
    if (x.hour == 0 && x.minute == 0 && x.second <= 0)
        x.hour = -1; /* 00:00 is a placeholder for "no time" */
    fo_date_iso(&x, iso, sizeof iso);
    bd->doc->meta.date = fo_doc_strdup(bd->doc, iso);
    bd->date_rank = rank;
}

static void set_once(builder *bd, const char **field, const fo_block *b, fo_meta_span v)
{
    if (!*field && v.end > v.start)
        *field = fo_doc_strdup_cps(bd->doc, b->cp, v.start, v.end);
}

/* The first word of a source's value: "新华每日电讯 要 闻" names 新华每日电讯. */
static fo_meta_span first_token(const uint32_t *s, fo_meta_span v)
{
    size_t e = v.start;
    while (e < v.end && !fo_cp_space(s[e]))
        e++;
    return (fo_meta_span){v.start, e};
}

static void apply_keywords(builder *bd, const fo_block *b, fo_meta_span v)
{
    size_t i = v.start;
    while (i < v.end) {
        while (i < v.end && (fo_cp_space(b->cp[i]) || b->cp[i] == 0xFF1B || b->cp[i] == ';' || b->cp[i] == 0x3001 ||
                             b->cp[i] == 0xFF0C || b->cp[i] == ','))
            i++;
        size_t start = i;
        while (i < v.end && !(fo_cp_space(b->cp[i]) || b->cp[i] == 0xFF1B || b->cp[i] == ';' || b->cp[i] == 0x3001 ||
                              b->cp[i] == 0xFF0C || b->cp[i] == ','))
            i++;
        if (i > start)
            fo_strlist_append(bd->doc, &bd->doc->meta.keywords, fo_doc_strdup_cps(bd->doc, b->cp, start, i));
    }
}

static void apply_field(builder *bd, const fo_block *b, const fo_meta_field *f, int zone, fo_text_date *pending)
{
    fo_meta *m = &bd->doc->meta;
    int date_rank = zone == FO_ZONE_HEADER || zone == FO_ZONE_CHROME ? 4 : zone == FO_ZONE_FOOTER ? 3 : 0;
    switch (f->cls) {
    case FO_WORD_PUBDATE: if (f->has_date) offer_date(bd, &f->date, date_rank); break;
    case FO_FIELD_DATE:
        if (zone == FO_ZONE_FOOTER && f->date.hour < 0)
            *pending = f->date; /* a date alone at the foot: a signature's, unless a time follows */
        else
            offer_date(bd, &f->date, date_rank);
        break;
    case FO_FIELD_TIME:
        if (pending->year) {
            pending->hour = f->date.hour, pending->minute = f->date.minute, pending->second = f->date.second;
            offer_date(bd, pending, date_rank); /* a release stamp: date, then time */
            pending->year = 0;
        }
        break;
    case FO_WORD_ISSUEDATE:
        if (f->has_date)
            offer_date(bd, &f->date, date_rank ? 2 : 0);
        /* fall through - it is the document's date too */
    case FO_WORD_DOCDATE:
        if (f->has_date && !m->doc_date) {
            char iso[40];
            fo_text_date d = f->date;
            d.hour = -1;
            fo_date_iso(&d, iso, sizeof iso);
            m->doc_date = fo_doc_strdup(bd->doc, iso);
        }
        break;
    case FO_WORD_SOURCE: case FO_FIELD_OUTLET: set_once(bd, &m->source, b, first_token(b->cp, f->value)); break;
    case FO_WORD_ORGAN: set_once(bd, &m->issuer, b, f->value); break;
    case FO_WORD_DOCNUMBER: set_once(bd, &m->doc_number, b, f->value); break;
    case FO_WORD_INDEX: set_once(bd, &m->index_number, b, f->value); break;
    case FO_WORD_KEYWORDS: apply_keywords(bd, b, f->value); break;
    case FO_WORD_AFFILIATION: /* "（作者单位：某某大学）": the unit of the authors who have none */
        for (fo_author *a = m->authors; a && f->value.end > f->value.start; a = a->next)
            if (!a->affiliation && fo_author_is_creator(a))
                a->affiliation = fo_doc_strdup_cps(bd->doc, b->cp, f->value.start, f->value.end);
        break;
    case FO_WORD_ROLE:
        if (f->value.end > f->value.start)
            /* the role as the vocabulary spells it: the key may be letter-spaced, or on the line
             * above `b` ("编辑：" / "张三") */
            add_people(bd, b, f->value.start, f->value.end,
                       role_word(bd, (const uint32_t *)f->word->text, 0, f->word->len));
        break;
    default: break;
    }
}

static void apply_meta(builder *bd, size_t i, fo_text_date *pending)
{
    const fo_page *p = bd->p;
    const fo_block *b = &p->blocks[i];
    fo_meta_match m;
    fo_rule_meta_line(b->cp, b->n, p->date_flags, &m);
    if (m.n_fields == 1 && has(p, i, FO_F_KEYONLY) && i + 1 < p->n && is_meta_value(p, i + 1)) {
        /* "信息来源：" / "今日开鲁": the value stands on the next line */
        const fo_block *v = &p->blocks[i + 1];
        fo_meta_match vm;
        fo_meta_field f = m.fields[0];
        if (fo_rule_meta_line(v->cp, v->n, p->date_flags, &vm) && vm.n_fields && vm.fields[0].has_date)
            f.date = vm.fields[0].date, f.has_date = true;
        f.value = (fo_meta_span){0, v->n};
        if (f.cls == FO_WORD_ROLE || f.cls == FO_WORD_SOURCE || f.has_date)
            apply_field(bd, v, &f, p->info[i].zone, pending);
        return;
    }
    for (size_t k = 0; k < m.n_fields; k++)
        apply_field(bd, b, &m.fields[k], p->info[i].zone, pending);
}

/* ---- assembly: the title ---- */

static void cp_trim(cpbuf *t, size_t *from)
{
    while (*from < t->n && fo_cp_space(t->cp[*from]))
        (*from)++;
    while (t->n > *from && (fo_cp_space(t->cp[t->n - 1]) || fo_cp_field_bar(t->cp[t->n - 1])))
        t->n--; /* "标题 | ||||||||||": the rest of a table row */
}

/* Whether t[from, to) names a site or the article's source: "新华网", "中国政府网", "人民網", or
 * a government whose site it is ("某某市人民政府", "某某县政府"; not "服务型政府"). */
static bool names_site(const builder *bd, const cpbuf *t, size_t from, size_t to)
{
    enum { SITE_MAX = 15 };
    const fo_meta *m = &bd->doc->meta;
    if (to <= from || to - from > SITE_MAX)
        return false;
    const char *name = fo_doc_strdup_cps(bd->doc, t->cp, from, to);
    if ((m->source && strcmp(m->source, name) == 0) || (m->publisher && strcmp(m->publisher, name) == 0))
        return true;
    return ends_like_site(t->cp, from, to);
}

/* Strip what a page adds to its title: a site's name after a separator ("…-新华网", "…_中国政府网",
 * "…|某某网"), the source before one ("广东省高级人民法院|…"). */
static void strip_site(const builder *bd, cpbuf *t, size_t *from)
{
    size_t first_sep = t->n, last_sep = t->n;
    for (size_t i = *from; i < t->n; i++)
        if (is_title_separator(t->cp[i]) && i > *from && i + 1 < t->n) {
            if (first_sep == t->n)
                first_sep = i;
            last_sep = i;
        }
    if (last_sep < t->n) {
        size_t a = last_sep + 1, e = t->n;
        while (a < e && fo_cp_space(t->cp[a]))
            a++;
        if (names_site(bd, t, a, e))
            t->n = last_sep;
    }
    if (first_sep < t->n) {
        size_t e = first_sep;
        while (e > *from && fo_cp_space(t->cp[e - 1]))
            e--;
        if (names_site(bd, t, *from, e))
            *from = first_sep + 1;
    }
    cp_trim(t, from);
}

/* A document number printed with the title: "梁政发【2023】7号关于印发…", "…的通知（岳办发〔2017〕2号）". */
static void strip_docnumber(builder *bd, cpbuf *t, size_t *from)
{
    fo_meta *m = &bd->doc->meta;
    size_t e = fo_rule_docnumber_at(t->cp, t->n, *from);
    if (e > *from && e < t->n) {
        if (!m->doc_number)
            m->doc_number = fo_doc_strdup_cps(bd->doc, t->cp, *from, e);
        *from = e;
    }
    if (t->n > *from + 2 && fo_cp_close_paren(t->cp[t->n - 1])) {
        size_t open = t->n - 1;
        while (open > *from && !fo_cp_open_paren(t->cp[open]))
            open--;
        if (open > *from && fo_rule_docnumber_at(t->cp, t->n - 1, open + 1) == t->n - 1) {
            if (!m->doc_number)
                m->doc_number = fo_doc_strdup_cps(bd->doc, t->cp, open + 1, t->n - 1);
            t->n = open;
        }
    }
    cp_trim(t, from);
}

/* A tag in brackets before the title ("【转发】…") goes to the category. */
static void strip_tag(builder *bd, cpbuf *t, size_t *from)
{
    enum { TAG_MAX = 6 };
    if (*from >= t->n || t->cp[*from] != 0x3010)
        return;
    size_t close = *from + 1;
    while (close < t->n && t->cp[close] != 0x3011 && close - *from <= TAG_MAX)
        close++;
    if (close >= t->n || t->cp[close] != 0x3011 || close + 1 >= t->n)
        return;
    fo_strlist_append(bd->doc, &bd->doc->meta.category, fo_doc_strdup_cps(bd->doc, t->cp, *from + 1, close));
    *from = close + 1;
    cp_trim(t, from);
}

/* Skip `count` characters of t (white space aside). */
static void skip_dense(const cpbuf *t, size_t *from, size_t count)
{
    while (*from < t->n && count > 0)
        count -= !fo_cp_space(t->cp[(*from)++]);
    while (*from < t->n && (fo_cp_space(t->cp[*from]) || is_title_separator(t->cp[*from])))
        (*from)++;
}

/* "题：山乡巨变——来自贵州扶贫一线的报告": title and subtitle from a dateline. */
static void dateline_title(builder *bd, const fo_block *b)
{
    fo_dateline_match dm;
    if (!fo_rule_dateline(b->cp, b->n, bd->p->lim, &dm) || !dm.title_start)
        return;
    size_t dash = dm.title_start;
    while (dash + 1 < b->n && !(b->cp[dash] == 0x2014 && b->cp[dash + 1] == 0x2014))
        dash++;
    fo_meta *m = &bd->doc->meta;
    if (dash + 1 < b->n) {
        m->title = fo_doc_strdup_cps(bd->doc, b->cp, dm.title_start, dash);
        if (!m->subtitle)
            m->subtitle = fo_doc_strdup_cps(bd->doc, b->cp, dash + 2, b->n);
    } else {
        m->title = fo_doc_strdup_cps(bd->doc, b->cp, dm.title_start, b->n);
    }
}

static void build_title(builder *bd)
{
    const fo_page *p = bd->p;
    cpbuf t = {0};
    for (size_t i = 0; i < p->n; i++) {
        if (p->info[i].role != FO_AS_TITLE)
            continue;
        const fo_block *b = &p->blocks[i];
        if (has(p, i, FO_F_DATELINE)) {
            dateline_title(bd, b);
            continue;
        }
        if (t.n && fo_cp_ascii_letter(t.cp[t.n - 1]) && b->n && fo_cp_ascii_letter(b->cp[0]))
            cp_put(&t, ' ');
        for (size_t k = 0; k < b->n; k++)
            cp_put(&t, b->cp[k]);
    }
    if (t.n) {
        size_t from = 0;
        cp_trim(&t, &from);
        skip_dense(&t, &from, p->title_cut);
        strip_tag(bd, &t, &from);
        strip_docnumber(bd, &t, &from);
        strip_site(bd, &t, &from);
        if (t.n > from)
            bd->doc->meta.title = fo_doc_strdup_cps(bd->doc, t.cp, from, t.n);
    }
    free(t.cp);
}

static void build_subtitle(builder *bd)
{
    const fo_page *p = bd->p;
    fo_buf s = {0};
    for (size_t i = 0; i < p->n; i++) {
        if (p->info[i].role != FO_AS_SUBTITLE)
            continue;
        const fo_block *b = &p->blocks[i];
        size_t from = fo_rule_subtitle(b->cp, b->n);
        const char *part = fo_doc_strdup_cps(bd->doc, b->cp, from, b->n);
        fo_buf_puts(&s, part);
    }
    if (s.len && !bd->doc->meta.subtitle)
        bd->doc->meta.subtitle = fo_doc_strndup(bd->doc, s.data, s.len);
    fo_buf_free(&s);
}

/* ---- assembly: people ---- */

static const char *role_word(builder *bd, const uint32_t *s, size_t from, size_t to)
{
    if (to <= from)
        return "作者";
    bool words_and_pictures = to - from == 3 && (s[from + 1] == '/' || s[from + 1] == 0xFF0F); /* 文/图 */
    if (span_is(s, from, to, U"文") || span_is(s, from, to, U"撰文") || words_and_pictures)
        return "作者";
    if (span_is(s, from, to, U"图") || span_is(s, from, to, U"圖"))
        return "摄影";
    if (span_is(s, from, to, U"本报记者") || span_is(s, from, to, U"本報記者"))
        return "记者";
    return fo_doc_strdup_cps(bd->doc, s, from, to);
}

/* The names of a byline at b->cp[from, to), each with its role, and the paper when the byline names
 * none (`affiliation`). */
static bool add_byline_authors(builder *bd, const fo_block *b, size_t from, size_t to, const char *affiliation)
{
    fo_byline_match m;
    const uint32_t *s = b->cp + from;
    if (!fo_rule_byline(s, to - from, bd->p->lim, &m))
        return false;
    if (m.affiliation_end)
        affiliation = fo_doc_strdup_cps(bd->doc, s, 0, m.affiliation_end);
    if (m.unit_end > m.unit_start)
        affiliation = fo_doc_strdup_cps(bd->doc, s, m.unit_start, m.unit_end);
    for (size_t i = 0; i < m.n_names; i++) {
        const fo_byline_name *nm = &m.names[i];
        fo_meta_add_author(bd->doc, fo_doc_strdup_cps(bd->doc, s, nm->start, nm->end),
                           role_word(bd, s, nm->role_start, nm->role_end), affiliation);
    }
    return true;
}

static void add_signature(builder *bd, const fo_block *b)
{
    fo_byline_match m;
    if (!fo_rule_signature(b->cp, b->n, bd->p->lim, &m))
        return;
    const char *unit = fo_doc_strdup_cps(bd->doc, b->cp, m.unit_start, m.unit_end);
    for (size_t i = 0; i < m.n_names; i++)
        fo_meta_add_author(bd->doc, fo_doc_strdup_cps(bd->doc, b->cp, m.names[i].start, m.names[i].end), "作者", unit);
}

/* "副校长李召虎" above "（2014年4月3日）": the speaker, after an office that ends 长 书记 主任 …. */
static void add_speaker(builder *bd, const fo_block *b)
{
    static const char32_t office_ends[] = U"长長记記任席理员員授师師官书書委";
    size_t start = 0;
    for (size_t k = b->n >= 3 ? b->n - 3 : 0; k + 2 <= b->n && k > 0; k--)
        for (const char32_t *o = office_ends; *o; o++)
            if (b->cp[k - 1] == (uint32_t)*o && !start && b->n - k <= 3)
                start = k;
    if (b->n <= 4)
        start = 0;
    fo_meta_add_author(bd->doc, fo_doc_strdup_cps(bd->doc, b->cp, start, b->n), "作者", NULL);
}

/* The reporters of a dateline become authors ("新华社北京1月16日电（记者 张三）…"), the agency their
 * affiliation; a name alone in the brackets is a reporter's.  A full date in it is the article's
 * date when the page shows no other.  The text stays. */
static void apply_dateline(builder *bd, const fo_block *b)
{
    fo_dateline_match dm;
    if (!fo_rule_dateline(b->cp, b->n, bd->p->lim, &dm))
        return;
    fo_text_date d;
    size_t ds, de;
    if (fo_find_date(b->cp, dm.end, bd->p->date_flags, &d, &ds, &de))
        offer_date(bd, &d, 1);
    if (dm.by_end <= dm.by_start)
        return;
    const char *agency = dm.agency_end ? fo_doc_strdup_cps(bd->doc, b->cp, 0, dm.agency_end) : NULL;
    if (add_byline_authors(bd, b, dm.by_start, dm.by_end, agency))
        return;
    size_t i = dm.by_start;
    while (i < dm.by_end) { /* "（虞启忠）": names alone */
        size_t start = i;
        while (i < dm.by_end && b->cp[i] != 0x3001 && !fo_cp_space(b->cp[i]))
            i++;
        if (!is_person(b->cp, start, i) || i - start > 4)
            return;
        fo_meta_add_author(bd->doc, fo_doc_strdup_cps(bd->doc, b->cp, start, i), "记者", agency);
        i++;
    }
}

/* ---- assembly: the body ---- */

static fo_node *open_section(builder *bd, fo_node **stack, int *depth, size_t i)
{
    const fo_block *b = &bd->p->blocks[i];
    const fo_block_info *f = &bd->p->info[i];
    fo_doc *doc = bd->doc;
    int level = f->level ? f->level : 1;
    while (*depth > 0 && stack[*depth - 1]->u.section.level >= level)
        (*depth)--;
    fo_node *parent = *depth ? stack[*depth - 1] : bd->root;
    fo_node *sec = fo_node_append(parent, fo_node_new(doc, FO_SECTION, pos_at(b, 0)));
    const fo_heading_match *h = &f->heading;
    sec->u.section.level = level;
    bool labelled = h->label_end > h->label_start && f->rank != FO_RANK_DOCUMENT && f->rank != FO_RANK_PLAIN &&
                    f->rank != FO_RANK_BRACKET;
    if (labelled) {
        sec->u.section.label = fo_doc_strdup_cps(doc, b->cp, h->label_start, h->label_end);
        sec->u.section.marker = fo_doc_strdup_cps(doc, b->cp, 0, h->marker_end);
    }
    if (!labelled)
        sec->u.section.title = new_inlines(doc, sec, b, 0, b->n);
    else if (h->title_start >= b->n) {
        sec->u.section.title = new_inlines(doc, sec, b, h->label_start, h->label_end);
        sec->u.section.marker = NULL; /* the title is the label itself */
    } else {
        sec->u.section.title = new_inlines(doc, sec, b, h->title_start, b->n);
    }
    if (*depth < FO_RANK_COUNT)
        stack[(*depth)++] = sec;
    return sec;
}

/* Adjacent texts of a node made one, as a reader of the written document sees them: one pass and
 * one copy per run, however many lines were joined. */
static void merge_texts(fo_doc *doc, fo_node *parent)
{
    for (fo_node *n = parent ? parent->first : NULL; n; n = n->next) {
        if (n->kind != FO_TEXT || !n->next || n->next->kind != FO_TEXT)
            continue;
        size_t len = 0;
        for (fo_node *m = n; m && m->kind == FO_TEXT; m = m->next)
            len += strlen(m->u.text.str);
        char *joined = fo_doc_alloc(doc, len + 1), *at = joined;
        for (fo_node *m = n; m && m->kind == FO_TEXT; m = m->next)
            at = stpcpy(at, m->u.text.str);
        n->u.text.str = joined;
        while (n->next && n->next->kind == FO_TEXT) {
            fo_node *gone = n->next;
            n->next = gone->next;
            if (gone->next)
                gone->next->prev = n;
            else
                parent->last = n;
        }
    }
}

/* Lines joined to `node` (a title, a paragraph): the node joined before gets its texts merged. */
static void joining(builder *bd, fo_node *node)
{
    if (bd->joined != node)
        merge_texts(bd->doc, bd->joined);
    bd->joined = node;
}

/* A subhead's second line joins its title. */
static void continue_heading(builder *bd, fo_node **stack, int depth, size_t i)
{
    if (!depth)
        return;
    fo_node *title = stack[depth - 1]->u.section.title;
    joining(bd, title);
    fo_node_append(title, fo_text_new(bd->doc, " ", 1, pos_at(&bd->p->blocks[i], 0)));
    append_inlines(bd->doc, title, &bd->p->blocks[i], 0, bd->p->blocks[i].n);
}

static fo_node *append_para(builder *bd, fo_node *parent, const fo_block *b, size_t from, size_t head_len)
{
    fo_node *p = fo_node_append(parent, fo_node_new(bd->doc, FO_PARA, pos_at(b, from)));
    if (head_len) {
        p->u.para.head = new_inlines(bd->doc, p, b, from, from + head_len);
        from += head_len;
    }
    append_inlines(bd->doc, p, b, from, b->n);
    return p;
}

static void append_figure(builder *bd, fo_node *parent, size_t i)
{
    const fo_block *b = &bd->p->blocks[i];
    fo_node *fig = fo_node_append(parent, fo_node_new(bd->doc, FO_FIGURE, pos_at(b, 0)));
    fo_caption_match cm;
    if (!fo_rule_caption(b->cp, b->n, bd->p->lim, &cm))
        cm = (fo_caption_match){0, b->n, b->n, b->n};
    size_t from = cm.caption_start, to = cm.caption_end;
    trim_span(b->cp, &from, &to);
    if (to > from)
        fig->u.figure.caption = new_inlines(bd->doc, fig, b, from, to);
    if (cm.credit_end > cm.credit_start)
        fig->u.figure.credit = fo_doc_strdup_cps(bd->doc, b->cp, cm.credit_start, cm.credit_end);
}

/* "某某市人民政府办公室" / "2020年7月8日": the date under a signature is the document's own (成文日期);
 * it stays in the text, where the document prints it. */
static void signature_date(builder *bd, const fo_block *b)
{
    fo_meta_match m;
    fo_rule_meta_line(b->cp, b->n, bd->p->date_flags, &m);
    if (m.n_fields != 1 || m.fields[0].cls != FO_FIELD_DATE || bd->doc->meta.doc_date)
        return;
    char iso[40];
    fo_text_date d = m.fields[0].date;
    d.hour = -1;
    fo_date_iso(&d, iso, sizeof iso);
    bd->doc->meta.doc_date = fo_doc_strdup(bd->doc, iso);
}

static void append_block(builder *bd, fo_node **stack, int *depth, size_t i)
{
    const fo_page *p = bd->p;
    const fo_block *b = &p->blocks[i];
    const fo_block_info *f = &p->info[i];
    fo_node *parent = *depth ? stack[*depth - 1] : bd->root;
    switch (f->role) {
    case FO_AS_HEADING:
        open_section(bd, stack, depth, i);
        bd->lead_done = true;
        break;
    case FO_AS_HEADING_CONT: continue_heading(bd, stack, *depth, i); break;
    case FO_AS_PARA_CONT:
        if (parent->last && parent->last->kind == FO_PARA) {
            joining(bd, parent->last);
            append_inlines(bd->doc, parent->last, b, 0, b->n);
        }
        else
            append_para(bd, parent, b, 0, 0);
        break;
    case FO_AS_CAPTION: append_figure(bd, parent, i); break;
    case FO_AS_PART:
        fo_gongwen_append(p, i, bd->doc, parent);
        bd->lead_done = true;
        break;
    case FO_AS_NOTE: {
        size_t at = fo_rule_prefix(b->cp, b->n, FO_WORD_NOTE);
        if (!bd->doc->meta.abstract)
            bd->doc->meta.abstract = fo_doc_strdup_cps(bd->doc, b->cp, at, b->n);
        append_para(bd, parent, b, 0, at)->u.para.role = "note";
        break;
    }
    case FO_AS_PARA: {
        if (!bd->lead_done && has(p, i, FO_F_DATELINE))
            apply_dateline(bd, b);
        if (has(p, i, FO_F_META) && i > 0 && is_organisation_line(&p->blocks[i - 1]))
            signature_date(bd, b);
        fo_node *para = append_para(bd, parent, b, 0, f->runin);
        if (!bd->lead_done && !f->runin && parent == bd->doc->root)
            para->u.para.role = "lead";
        bd->lead_done = true;
        break;
    }
    default: break;
    }
}

/* The metadata roles, wherever they stand. */
static void apply_roles(builder *bd)
{
    const fo_page *p = bd->p;
    fo_meta *m = &bd->doc->meta;
    fo_text_date pending = {0};
    for (size_t i = 0; i < p->n; i++) {
        const fo_block *b = &p->blocks[i];
        switch (p->info[i].role) {
        case FO_AS_META: apply_meta(bd, i, &pending); break;
        case FO_AS_BREADCRUMB: apply_breadcrumb(bd, b); break;
        case FO_AS_BYLINE:
            if (has(p, i, FO_F_SPEAKER))
                add_speaker(bd, b);
            else if (has(p, i, FO_F_SIGNED))
                add_signature(bd, b);
            else
                add_byline_authors(bd, b, 0, b->n, NULL);
            break;
        case FO_AS_DOCNUMBER:
            if (!m->doc_number)
                m->doc_number = fo_doc_strdup_cps(bd->doc, b->cp, 0, fo_rule_docnumber_at(b->cp, b->n, 0));
            break;
        case FO_AS_ORIGINAL_TITLE:
            m->original_title = fo_doc_strdup_cps(bd->doc, b->cp, fo_rule_prefix(b->cp, b->n, FO_WORD_ORIGINAL), b->n);
            break;
        case FO_AS_RIGHTS:
            m->rights = fo_doc_strdup_cps(bd->doc, b->cp, fo_rule_prefix(b->cp, b->n, FO_WORD_RIGHTS), b->n);
            break;
        default: break;
        }
    }
    if (pending.year && !m->doc_date) { /* a date alone under a signature: the document's date */
        char iso[40];
        fo_date_iso(&pending, iso, sizeof iso);
        m->doc_date = fo_doc_strdup(bd->doc, iso);
    }
}

/* A date printed above the title (an e-paper's issue date), when the page shows no other — but not a
 * date above a breadcrumb, which the site prints on every page (a crawl date, an archive date). */
static void chrome_date(builder *bd)
{
    const fo_page *p = bd->p;
    long top = p->title_first >= 0 ? p->title_first : p->header_end, from = 0;
    for (long i = 0; i < top; i++)
        if (has(p, (size_t)i, FO_F_BREADCRUMB))
            from = i + 1;
    for (long i = from; i < top && bd->date_rank < 1; i++) {
        fo_text_date d;
        size_t s, e;
        if (fo_find_date(p->blocks[i].cp, p->blocks[i].n, p->date_flags, &d, &s, &e))
            offer_date(bd, &d, 1);
    }
}

void fo_page_assemble(const fo_page *p, fo_doc *doc)
{
    builder bd = {.p = p, .doc = doc, .root = doc->root};
    apply_roles(&bd);
    fo_gongwen_meta(p, doc);
    build_title(&bd);
    build_subtitle(&bd);
    fo_node *stack[FO_RANK_COUNT + 1];
    int depth = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (p->info[i].part == FO_GW_ATTACHMENT) /* what follows goes into the attachment */
            bd.root = fo_gongwen_attachment(p, i, doc), depth = 0;
        else
            append_block(&bd, stack, &depth, i);
    }
    joining(&bd, NULL);
    chrome_date(&bd);
    doc->meta.language = p->language;
}

fo_doc *fo_read_blocks(fo_page *p, fo_diag *d)
{
    fo_doc *doc;
    if (p->n == 0) {
        fo_error(d, 0, 0, "no article text: the file is empty or holds only white space and web-page junk");
        return NULL;
    }
    doc = fo_doc_new();
    if (!doc) {
        fo_error(d, 0, 0, "out of memory");
        return NULL;
    }
    fo_page_features(p);
    fo_page_zones(p);
    fo_page_roles(p);
    bool text = false;
    for (size_t i = 0; i < p->n && !text; i++)
        text = p->info[i].role != FO_AS_JUNK && p->info[i].role != FO_AS_CHROME &&
               p->info[i].role != FO_AS_DUPLICATE;
    if (!text) {
        fo_doc_free(doc);
        fo_error(d, 0, 0, "no article text: the file is empty or holds only white space and web-page junk");
        return NULL;
    }
    fo_page_assemble(p, doc);
    return doc;
}
