/* read_text_rules.c — the plain-text reader's line rules (see read_text_rules.h).
 *
 * Every rule is deliberately narrow: it names what it recognises and says no to everything else,
 * because a wrong "yes" loses text or structure silently while a wrong "no" only leaves a line as
 * an ordinary paragraph, which --explain shows.
 */
#include "read_text_rules.h"

#include <string.h>

#include "read_chars.h"
#include "text.h"

const fo_reader_limits fo_reader_default_limits = {
    .heading_max = 40,
    .title_max = 80,
    .runin_head_min = 3,
    .runin_head_max = 20,
    .runin_rest_min = 10,
    .runin_series_min = 2,
    .caption_max = 200,
    .credit_max = 24,
    .byline_max = 40,
    .doubled_max = 12,
    .header_zone = 12,
    .wrap_min_lines = 5,
    .wrap_min_share = 0.3,
    .prose_min = 30,
    .prose_stop_min = 20,
    .prose_running_min = 60,
    .prose_latin_min = 60,
    .title_lines_max = 4,
    .subhead_max = 60,
    .subhead_latin_max = 40,
    .bare_caption_max = 30,
    .fragment_max = 20,
    .contents_min = 3,
    .speaker_max = 12,
};

/* ---- small helpers over code-point arrays ---- */

static bool is_han_numeral(uint32_t c)
{
    return (c == 0x4E00 /*一*/ || c == 0x4E8C /*二*/ || c == 0x4E09 /*三*/ ||
                                  c == 0x56DB /*四*/ || c == 0x4E94 /*五*/ || c == 0x516D /*六*/ ||
                                  c == 0x4E03 /*七*/ || c == 0x516B /*八*/ || c == 0x4E5D /*九*/ ||
                                  c == 0x5341 /*十*/ || c == 0x767E /*百*/ || c == 0x96F6 /*零*/ ||
                                  c == 0x3007 /*〇*/);
}

static bool is_digit(uint32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }

static int digit_value(uint32_t c) { return (int)(c >= 0xFF10 ? c - 0xFF10 : c - '0'); }

static bool is_space_cp(uint32_t c) { return fo_cp_space(c); }

static bool is_colon(uint32_t c) { return c == ':' || c == 0xFF1A; }

static bool is_open_paren(uint32_t c) { return c == '(' || c == 0xFF08; }

static bool is_close_paren(uint32_t c) { return c == ')' || c == 0xFF09; }

static bool is_sentence_end(uint32_t c)
{
    return c == 0x3002 /*。*/ || c == 0xFF01 /*！*/ || c == 0xFF1F /*？*/ || c == 0xFF1B /*；*/ ||
           c == '!' || c == '?' || c == ';';
}

/* Chinese context for punctuation normalisation: Han characters and full-width punctuation,
 * including the curly quotes and book-title marks Chinese text uses. */
static bool is_chinese_context(uint32_t c) { return fo_cp_han(c) || fo_is_cjk_punct(c); }

/* Does s[at…] start with the UTF-8 string `word`?  Returns its length in code points, or 0. */
static size_t match_word(const uint32_t *s, size_t n, size_t at, const char *word)
{
    /* called at every position of a line for a dozen words: no strlen, and out at the first
     * character that differs */
    size_t i = at;
    for (const char *w = word; *w; i++) {
        uint32_t cp;
        size_t k = fo_utf8_decode(w, strnlen(w, 4), &cp);
        if (!k || i >= n || s[i] != cp)
            return 0;
        w += k;
    }
    return i - at;
}

static size_t skip_spaces(const uint32_t *s, size_t n, size_t i)
{
    while (i < n && is_space_cp(s[i]))
        i++;
    return i;
}

static bool contains_sentence_end(const uint32_t *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (is_sentence_end(s[i]))
            return true;
    return false;
}

/* ---- headings ---- */

/* The title after a marker: short, not a sentence (a numbered line that is a full sentence is a
 * paragraph), not unfinished ("(一)坚持宪法的基本原则，以经济建设为中心，" runs on), and not a bare
 * citation ("1.《安全生产法》(主席令第13号)" is an item of a list of sources). */
static bool heading_title_ok(const uint32_t *s, size_t n, size_t title_start, const fo_reader_limits *lim)
{
    size_t len = n - title_start;
    if (len < 1 || len > lim->heading_max || contains_sentence_end(s, title_start, n))
        return false;
    uint32_t last = s[n - 1];
    if (last == 0xFF0C || last == ',' || last == 0x3001 || is_colon(last))
        return false;
    if (s[title_start] == 0x300A /*《*/) {
        size_t close = title_start;
        while (close < n && s[close] != 0x300B)
            close++;
        size_t rest = close + 1;
        if (rest < n && is_open_paren(s[rest]))
            while (rest < n && !is_close_paren(s[rest - 1]))
                rest++;
        if (rest >= n)
            return false;
    }
    return true;
}

static int ordinal_rank(uint32_t c)
{
    switch (c) {
    case 0x7F16: case 0x7DE8: return FO_RANK_VOLUME; /* 编 編 */
    case 0x7AE0: return FO_RANK_CHAPTER;             /* 章 */
    case 0x8282: case 0x7BC0: return FO_RANK_PART;   /* 节 節 */
    case 0x6761: case 0x689D: return FO_RANK_ARTICLE; /* 条 條 */
    default: return -1;
    }
}

/* 第 + numeral + 编/章/节/条, then white space, or a short title glued on ("第一章总则"); for 第N条 the
 * rest of the line is the article's text, glued or not ("第一条为进一步…"). */
static bool match_ordinal_heading(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_heading_match *m)
{
    if (n < 3 || s[0] != 0x7B2C /*第*/)
        return false;
    size_t i = 1;
    while (i < n && (is_han_numeral(s[i]) || is_digit(s[i])))
        i++;
    if (i == 1 || i >= n)
        return false;
    int rank = ordinal_rank(s[i]);
    if (rank < 0)
        return false;
    size_t label_end = i + 1, title_start = skip_spaces(s, n, label_end);
    bool glued = title_start == label_end && label_end < n;
    if (glued && rank != FO_RANK_ARTICLE && (rank == FO_RANK_PART || n - label_end > 10))
        return false; /* "第三节课上…" is a sentence; "第一章总则" a chapter */
    if (rank != FO_RANK_ARTICLE && title_start < n && !heading_title_ok(s, n, title_start, lim))
        return false;
    if (rank == FO_RANK_ARTICLE && glued && !fo_cp_han(s[label_end]))
        return false;
    *m = (fo_heading_match){rank, 0, label_end, label_end, title_start};
    return true;
}

/* 1 总则, 1总则, 1.1 编制目的, 1.4.1 突发事件分类: the depth of the number gives the rank.  A number
 * glued to its title needs a title that cannot be a measure ("1月", "3人"). */
static bool match_decimal_heading(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_heading_match *m)
{
    static const char32_t units[] = U"年月日时时分秒号个名人家项条次元万亿米岁倍周天期批级届度";
    size_t i = 0, depth = 0, last_start = 0;
    for (;;) {
        size_t start = i;
        while (i < n && is_digit(s[i]) && i - start < 2)
            i++;
        if (i == start || (i < n && is_digit(s[i])))
            return false;
        last_start = start;
        if (i + 1 < n && (s[i] == '.' || s[i] == 0xFF0E) && is_digit(s[i + 1]) && depth < 4) {
            i++, depth++;
            continue;
        }
        break;
    }
    size_t label_end = i, title_start = skip_spaces(s, n, i);
    if (title_start >= n || !fo_cp_han(s[title_start]))
        return false;
    if (title_start == label_end) {
        for (const char32_t *u = units; *u; u++)
            if (s[title_start] == (uint32_t)*u)
                return false;
        if (depth == 0 && n - title_start > 10)
            return false;
    }
    if (!heading_title_ok(s, n, title_start, lim))
        return false;
    int rank = depth == 0 ? FO_RANK_DECIMAL1 : depth == 1 ? FO_RANK_DECIMAL2 : FO_RANK_DECIMAL3;
    *m = (fo_heading_match){rank, last_start, label_end, label_end, title_start};
    m->label_start = 0; /* the label is the whole number: "1.4.1" */
    return true;
}

/* I. 概述, II、…, Ⅲ. (Roman numerals, ASCII or the U+2160 forms) */
static bool match_roman_heading(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_heading_match *m)
{
    size_t i = 0;
    if (n > 0 && s[0] >= 0x2160 && s[0] <= 0x216B)
        i = 1;
    else
        while (i < n && i < 5 && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X'))
            i++;
    if (i == 0 || i >= n || !(s[i] == '.' || s[i] == 0x3001 || s[i] == 0xFF0E))
        return false;
    size_t title_start = skip_spaces(s, n, i + 1);
    if (title_start >= n || !fo_cp_han(s[title_start]) || !heading_title_ok(s, n, title_start, lim))
        return false;
    *m = (fo_heading_match){FO_RANK_ROMAN, 0, i + 1, i + 1, title_start}; /* the label keeps its dot: "I." */
    return true;
}

/* 【基本案情】 alone on its line: a labelled part of a case report. */
static bool match_bracket_heading(const uint32_t *s, size_t n, fo_heading_match *m)
{
    if (n < 3 || n > 12 || s[0] != 0x3010 || s[n - 1] != 0x3011)
        return false;
    for (size_t i = 1; i + 1 < n; i++)
        if (!fo_cp_han(s[i]))
            return false;
    *m = (fo_heading_match){FO_RANK_BRACKET, 0, 0, 0, 0};
    return true;
}

/* ① … ⑳ and a short title. */
static bool match_circled_heading(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_heading_match *m)
{
    if (n < 2 || s[0] < 0x2460 || s[0] > 0x2473)
        return false;
    size_t title_start = skip_spaces(s, n, 1);
    if (!heading_title_ok(s, n, title_start, lim))
        return false;
    *m = (fo_heading_match){FO_RANK_CIRCLED, 0, 1, 1, title_start};
    return true;
}

bool fo_rule_heading(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_heading_match *m)
{
    memset(m, 0, sizeof *m);
    if (n == 0)
        return false;
    if (match_ordinal_heading(s, n, lim, m) || match_decimal_heading(s, n, lim, m) ||
        match_roman_heading(s, n, lim, m) || match_bracket_heading(s, n, m) || match_circled_heading(s, n, lim, m))
        return true;

    /* 一、  (一)  （一） */
    size_t i = 0;
    bool paren = is_open_paren(s[0]);
    if (paren)
        i++;
    size_t num_start = i;
    while (i < n && is_han_numeral(s[i]))
        i++;
    if (i > num_start && i - num_start <= 3 && i < n) {
        size_t num_end = i;
        if (paren ? is_close_paren(s[i]) : s[i] == 0x3001 /*、*/) {
            size_t title_start = skip_spaces(s, n, i + 1);
            if (heading_title_ok(s, n, title_start, lim)) {
                *m = (fo_heading_match){paren ? FO_RANK_HAN_PAREN : FO_RANK_HAN, num_start, num_end, i + 1,
                                        title_start};
                return true;
            }
            return false;
        }
    }

    /* 1.  1．  1、  (1)  （1） — the number must not be the start of a decimal ("1.5亿元"). */
    i = paren ? 1 : 0;
    num_start = i;
    while (i < n && is_digit(s[i]))
        i++;
    if (i > num_start && i - num_start <= 3 && i + 1 < n) {
        size_t num_end = i;
        bool ok = paren ? is_close_paren(s[i]) : (s[i] == '.' || s[i] == 0xFF0E || s[i] == 0x3001);
        if (ok && !is_digit(s[i + 1])) {
            size_t title_start = skip_spaces(s, n, i + 1);
            if (heading_title_ok(s, n, title_start, lim)) {
                *m = (fo_heading_match){paren ? FO_RANK_DIGIT_PAREN : FO_RANK_DIGIT, num_start, num_end, i + 1,
                                        title_start};
                return true;
            }
        }
        return false;
    }

    /* 亮点一：… — a short Han word, a numeral, a colon. */
    i = 0;
    while (i < n && i < 4 && fo_cp_han(s[i]) && !is_han_numeral(s[i]))
        i++;
    if (i == 0 || s[i - 1] == 0x7B2C /*第*/ || s[i - 1] == 0x5176 /*其*/)
        return false;
    num_start = i;
    while (i < n && is_han_numeral(s[i]))
        i++;
    if (i == num_start || i - num_start > 3)
        return false;
    if (i == n || (is_space_cp(s[i]) && skip_spaces(s, n, i) < n)) {
        /* "镜头一", "镜头二 某某": a label with no colon, a heading only in a series (read_page.c) */
        size_t title_start = skip_spaces(s, n, i);
        if (title_start < n && !heading_title_ok(s, n, title_start, lim))
            return false;
        *m = (fo_heading_match){FO_RANK_NAMED, 0, i, i, title_start};
        return true;
    }
    if (!is_colon(s[i]))
        return false;
    size_t title_start = skip_spaces(s, n, i + 1);
    if (!heading_title_ok(s, n, title_start, lim))
        return false;
    *m = (fo_heading_match){FO_RANK_NAMED, 0, i, i + 1, title_start};
    return true;
}

int fo_heading_number(const uint32_t *s, size_t from, size_t to)
{
    static const uint32_t digits[] = {0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    int value = 0, pending = 0, any = 0;
    for (size_t i = from; i < to; i++) {
        uint32_t c = s[i];
        if (is_digit(c)) {
            value = value * 10 + digit_value(c), any = 1;
            continue;
        }
        if (c == '.' || c == 0xFF0E) { /* "1.4.1": the last number counts */
            value = pending = 0;
            continue;
        }
        if (c >= 0x2160 && c <= 0x216B) /* Ⅰ … Ⅻ */
            return (int)(c - 0x2160 + 1);
        if (c >= 0x2460 && c <= 0x2473) /* ① … ⑳ */
            return (int)(c - 0x2460 + 1);
        if (c == 'I' || c == 'V' || c == 'X') { /* I II III IV V …: enough for headings */
            int v = c == 'I' ? 1 : c == 'V' ? 5 : 10;
            value = (value && value < v) ? v - value : value + v, any = 1;
            continue;
        }
        int d = -1;
        for (int k = 0; k < 10; k++)
            if (c == digits[k] || (k == 0 && c == 0x3007))
                d = k;
        if (d >= 0) {
            pending = d, any = 1;
        } else if (c == 0x5341 /*十*/) {
            value += (pending ? pending : 1) * 10, pending = 0, any = 1;
        } else if (c == 0x767E /*百*/) {
            value += (pending ? pending : 1) * 100, pending = 0, any = 1;
        }
        if (value > 9999)
            return 0;
    }
    return any ? value + pending : 0;
}

/* ---- captions ---- */

static bool is_name(const uint32_t *s, size_t from, size_t to);
static size_t creator_role_at(const uint32_t *s, size_t n, size_t i);
static bool is_press_name(const uint32_t *s, size_t from, size_t to);

static bool is_credit_stop(uint32_t c)
{
    return is_space_cp(c) || c == 0x3002 /*。*/ || c == 0xFF0C /*，*/ || c == ',' || is_close_paren(c) || is_open_paren(c);
}

static bool is_photo_char(uint32_t c) { return c == 0x6444 /*摄*/ || c == 0x651D /*攝*/; }

/* Back from `end` to the start of the credit: after a full stop, bracket or space. */
static size_t credit_back(const uint32_t *s, size_t end)
{
    while (end > 0 && !is_credit_stop(s[end - 1]))
        end--;
    return end;
}

/* "…调研。 省司法厅供图" */
static bool credit_supplied(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_caption_match *m)
{
    if (!match_word(s, n, n - 2, "供图"))
        return false;
    size_t start = credit_back(s, n - 2);
    if (n - start > lim->credit_max || n - start < 3)
        return false;
    m->credit_start = start, m->credit_end = n;
    return true;
}

/* "新华社记者 某某 摄", "本报记者张三摄", "張三 攝" — but not "他们正在拍摄". */
static bool credit_photographed(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_caption_match *m)
{
    if (!is_photo_char(s[n - 1]))
        return false;
    size_t window = n > lim->credit_max ? n - lim->credit_max : 0, role = n, start;
    for (size_t i = n - 1; i-- > window && role == n;)
        if (creator_role_at(s, n - 1, i))
            role = i;
    if (role < n) {
        start = credit_back(s, role); /* the credit opens with the paper before the role: "新华社记者" */
    } else if (n >= 3 && is_space_cp(s[n - 2])) {
        size_t name_end = n - 2; /* "张三 摄": the name before the space */
        while (name_end > 0 && is_space_cp(s[name_end - 1]))
            name_end--;
        start = credit_back(s, name_end);
        if (!is_name(s, start, name_end))
            return false;
    } else {
        start = credit_back(s, n - 1); /* "（中评社 沈而忱摄）": a name glued to 摄 after a space or bracket */
        if (start == 0 || !is_name(s, start, n - 1))
            return false;
    }
    if (n - start > lim->credit_max)
        return false;
    m->credit_start = start, m->credit_end = n;
    return true;
}

/* A credit in brackets at the end: "（中评社 沈而忱摄）", "（资料图）", "(资料图片)", "（资料照片）". */
static bool credit_bracketed(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_caption_match *m)
{
    size_t e = n;
    if (s[e - 1] == 0x3002)
        e--;
    if (e < 5 || !is_close_paren(s[e - 1]))
        return false;
    size_t open = e - 1;
    while (open > 0 && !is_open_paren(s[open - 1]) && e - open <= lim->credit_max)
        open--;
    if (open == 0 || !is_open_paren(s[open - 1]))
        return false;
    size_t close = e - 1;
    bool archive = (match_word(s, n, open, "资料图") && close - open == 3) ||
                   (close - open == 4 && (match_word(s, n, open, "资料图片") || match_word(s, n, open, "资料照片")));
    fo_caption_match inner = {0};
    if (!archive && !credit_photographed(s, close, lim, &inner))
        return false;
    if (!archive && inner.credit_start != open && !is_space_cp(s[inner.credit_start - 1]))
        return false; /* "（2015年12月15日攝）" dates the photo, it credits no one */
    m->credit_start = open, m->credit_end = close;
    m->caption_end = open - 1;
    return true;
}

/* After the caption's full stop, an agency alone ("…沒有立場評論。路透"), a press name and 发
 * ("…（资料照片）。新华社发") or a picture credit ("图/某保护区", "图片来源:example.com"). */
static bool credit_after_stop(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_caption_match *m)
{
    size_t start = n;
    while (start > 0 && s[start - 1] != 0x3002 && !is_space_cp(s[start - 1]) && n - start <= lim->credit_max)
        start--;
    if (start == 0 || n - start > lim->credit_max)
        return false;
    size_t len;
    const fo_word *agency = fo_vocab_at(s, n, start, FO_WORDS(FO_WORD_AGENCY), false, &len);
    bool sent = s[n - 1] == 0x53D1 /*发*/ && n - 1 - start >= 2 && is_press_name(s, start, n - 1);
    bool ok = (agency && start + len == n) || sent || ((match_word(s, n, start, "图/") || match_word(s, n, start, "圖/")) && n - start > 2);
    if (!ok && fo_vocab_at(s, n, start, FO_WORDS(FO_WORD_PHOTO), false, &len) && start + len < n && is_colon(s[start + len]))
        ok = true;
    if (!ok)
        return false;
    m->credit_start = start, m->credit_end = n;
    return true;
}

bool fo_rule_caption(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_caption_match *m)
{
    memset(m, 0, sizeof *m);
    if (n < 2 || n > lim->caption_max)
        return false;
    bool marked = s[0] == 0x25B3 /*△*/ || s[0] == 0x25B2 /*▲*/;
    if (marked)
        m->caption_start = skip_spaces(s, n, 1);
    m->caption_end = n;
    bool credited = credit_bracketed(s, n, lim, m) || credit_supplied(s, n, lim, m) ||
                    credit_photographed(s, n, lim, m) || credit_after_stop(s, n, lim, m);
    if (!credited && !marked)
        return false;
    if (credited && m->caption_end == n)
        m->caption_end = m->credit_start;
    while (m->caption_end > m->caption_start && is_space_cp(s[m->caption_end - 1]))
        m->caption_end--;
    if (!credited)
        m->credit_start = m->credit_end = n;
    return m->caption_end > m->caption_start || marked;
}

/* ---- bylines ---- */

/* A personal name: 2–4 Han characters, or a transliterated one with a middle dot (up to 10). */
static bool is_name(const uint32_t *s, size_t from, size_t to)
{
    size_t len = to - from, dots = 0;
    if (len < 2 || len > 10)
        return false;
    for (size_t i = from; i < to; i++) {
        if (s[i] == 0x00B7 || s[i] == 0x30FB)
            dots++;
        else if (!fo_cp_han(s[i]))
            return false;
    }
    return dots ? len <= 10 : len <= 4;
}

/* What stands before 记者 in a byline is a paper, agency or station: 甘肃法治报, 新华社, 央视网 … */
static bool is_press_name(const uint32_t *s, size_t from, size_t to)
{
    return to > from && fo_vocab_ending(s, from, to, FO_WORDS(FO_WORD_PRESS)) != NULL;
}

static bool is_slash(uint32_t c) { return c == '/' || c == 0xFF0F; }

/* The role word of someone who wrote or photographed the article (记者 通讯员 作者 撰文 摄影 …) at
 * s[i]; 文 and 图 count only before a slash ("文/张三").  Its length, or 0. */
static size_t creator_role_at(const uint32_t *s, size_t n, size_t i)
{
    static const char32_t *const both[] = {U"文/图", U"文／图", U"图/文", U"文/圖", U"圖/文", NULL};
    if (s[i] == 0x6587 || s[i] == 0x56FE || s[i] == 0x5716) /* 文 图 圖 */
        for (const char32_t *const *b = both; *b; b++) /* "文/图 张三": words and pictures */
            if (fo_cp_match(s, n, i, *b) && i + 3 < n)
                return 3;
    size_t len;
    const fo_word *w = fo_vocab_at(s, n, i, FO_WORDS(FO_WORD_ROLE), false, &len);
    if (!w || w->credit > FO_CREDIT_PHOTOGRAPHER)
        return 0;
    if (w->len == 1 && !(i + 1 < n && is_slash(s[i + 1])))
        return 0;
    return len;
}

/* A tag after the names that says what they did, not who they are: 文/图, 摄, 报道, 即時報導. */
static size_t trailing_tag_at(const uint32_t *s, size_t n, size_t i)
{
    static const char32_t *const tags[] = {U"文/图", U"文／图", U"文/圖", U"图/文", U"摄", U"攝", U"报道", U"報導",
                                           U"报导", U"即時報導", U"即时报道", U"综合报道", U"綜合報導", NULL};
    for (const char32_t *const *t = tags; *t; t++) {
        size_t len = fo_cp_match(s, n, i, *t);
        if (len && skip_spaces(s, n, i + len) == n)
            return len;
    }
    return 0;
}

static bool is_name_separator(uint32_t c)
{
    return is_space_cp(c) || c == 0x3001 /*、*/ || c == 0xFF0C || c == ',' || fo_cp_field_bar(c) || c == 0xFF0F;
}

/* A byline's marker: ☉张三, □记者 李四, ●王五 */
static bool is_byline_marker(uint32_t c)
{
    return c == 0x2609 || c == 0x25A1 || c == 0x25CF || c == 0x25CE || c == 0x25A0 || c == 0x2605 || c == 0x25C6;
}

/* The first creator role in s[from, to); to when none. */
static size_t first_role(const uint32_t *s, size_t from, size_t to, size_t *len)
{
    for (size_t k = from; k < to; k++)
        if ((*len = creator_role_at(s, to, k)))
            return k;
    return to;
}

/* The paper before the first role: "新甘肃·甘肃法治报记者…", "聯合報／記者…"; false when what stands there
 * is no paper ("新闻记者协会"). */
static bool read_affiliation(const uint32_t *s, size_t i, size_t role, bool paren, fo_byline_match *m)
{
    size_t end = role;
    while (end > i && (is_space_cp(s[end - 1]) || is_slash(s[end - 1]) || fo_cp_field_bar(s[end - 1])))
        end--;
    for (size_t k = i; k < end; k++)
        if (is_space_cp(s[k]))
            return false; /* a paper's name has no spaces */
    if (end == i)
        return true;
    if (paren || !is_press_name(s, i, end))
        return false; /* "（新华社记者 X）" names no paper inside the brackets of a line of its own */
    m->affiliation_end = end;
    return true;
}

/* The names after the first role, each with the role word before it ("记者 张三 通讯员 李四"); a
 * name may carry its unit in brackets ("顾凡及(复旦大学…)"), and a tag may close the line ("文/图"). */
static bool read_names(const uint32_t *s, size_t i, size_t end, size_t role_start, size_t role_end,
                       fo_byline_match *m)
{
    while (i < end) {
        while (i < end && is_name_separator(s[i]))
            i++;
        if (i >= end || trailing_tag_at(s, end, i))
            break;
        size_t len = creator_role_at(s, end, i);
        if (len) {
            role_start = i, role_end = i + len;
            i += len + (i + len < end && is_slash(s[i + len]));
            continue;
        }
        size_t start = i;
        while (i < end && !is_name_separator(s[i]) && !is_open_paren(s[i]) && !trailing_tag_at(s, end, i))
            i++;
        const fo_word *w = fo_vocab_ending(s, start, i, FO_WORDS(FO_WORD_FOOTER));
        if (!is_name(s, start, i) || (w && w->len == i - start) || m->n_names == sizeof m->names / sizeof m->names[0])
            return false; /* "作者最新文章": the heading of the author's other articles */
        m->names[m->n_names++] = (fo_byline_name){start, i, role_start, role_end};
        if (i < end && is_open_paren(s[i])) { /* the name's unit */
            size_t close = i;
            while (close < end && !is_close_paren(s[close]))
                close++;
            if (close == end)
                return false;
            m->unit_start = i + 1, m->unit_end = close;
            i = close + 1;
        }
    }
    return m->n_names > 0;
}

bool fo_rule_byline(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_byline_match *m)
{
    memset(m, 0, sizeof *m);
    if (n < 3 || n > lim->byline_max || contains_sentence_end(s, 0, n))
        return false;
    size_t i = 0, end = n;
    bool paren = is_open_paren(s[0]);
    if (paren) {
        if (!is_close_paren(s[n - 1]))
            return false;
        i = 1, end = n - 1;
    }
    if (is_byline_marker(s[i])) { /* ☉张三: a marked name needs no role */
        size_t start = skip_spaces(s, end, i + 1);
        if (is_name(s, start, end)) {
            m->names[m->n_names++] = (fo_byline_name){start, end, 0, 0};
            return true;
        }
        i = start;
    }
    size_t len, role = first_role(s, i, end, &len);
    if (role == end || !read_affiliation(s, i, role, paren, m))
        return false;
    size_t after = role + len;
    after += after < end && is_slash(s[after]);
    return read_names(s, after, end, role, role + len, m);
}

/* "（甘肃省司法厅 张三）", "(某某大学法学院 李四、王五)": an article signed at its end with the
 * writers' unit and names, in brackets. */
bool fo_rule_signature(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_byline_match *m)
{
    enum { UNIT_MIN = 3 };
    memset(m, 0, sizeof *m);
    if (n < 7 || n > lim->byline_max || !is_open_paren(s[0]) || !is_close_paren(s[n - 1]))
        return false;
    size_t unit_end = 1;
    while (unit_end < n - 1 && !is_space_cp(s[unit_end]))
        unit_end++;
    if (unit_end - 1 < UNIT_MIN || unit_end >= n - 1 ||
        !fo_vocab_ending(s, 1, unit_end, FO_WORDS(FO_WORD_ORGANWORD) | FO_WORDS(FO_WORD_PRESS)))
        return false;
    m->unit_start = 1, m->unit_end = unit_end;
    for (size_t i = unit_end; i < n - 1;) {
        while (i < n - 1 && is_name_separator(s[i]))
            i++;
        size_t start = i;
        while (i < n - 1 && !is_name_separator(s[i]))
            i++;
        if (i == start)
            break;
        if (!is_name(s, start, i) || m->n_names == sizeof m->names / sizeof m->names[0])
            return false;
        m->names[m->n_names++] = (fo_byline_name){start, i, 0, 0};
    }
    return m->n_names > 0;
}

/* ---- datelines ---- */

/* 电 / 電 after a date, or 讯 / 訊 after a date or a paper ("本报讯", "某融媒体中心讯"). */
static bool dateline_word(const uint32_t *s, size_t n, size_t k)
{
    static const char32_t before_report[] = U"日报報台网網社心";
    static const char32_t compounds[] = U"视視台话話脑腦影力网網子器动動站厂廠商池费費价價梯信竞競线線缆纜量源压壓流气氣";
    bool wire = (s[k] == 0x7535 || s[k] == 0x96FB) && s[k - 1] == 0x65E5 /*日*/;
    if (wire && k + 1 < n)
        for (const char32_t *c = compounds; *c; c++)
            if (s[k + 1] == (uint32_t)*c)
                return false; /* 电视台, 电费: a word, not the wire's 电 */
    if (wire || !(s[k] == 0x8BAF || s[k] == 0x8A0A))
        return wire;
    for (const char32_t *c = before_report; *c; c++)
        if (s[k - 1] == (uint32_t)*c)
            return true;
    return false;
}

/* The agency at the start: up to the first 社/网/报/台 near the start, unless it is the paper itself. */
static size_t dateline_agency(const uint32_t *s, size_t k)
{
    for (size_t a = 1; a < k && a < 6; a++)
        if (s[a] == 0x793E || s[a] == 0x7F51 || s[a] == 0x62A5 || s[a] == 0x53F0 || s[a] == 0x7DB2 || s[a] == 0x5831)
            return s[0] == 0x672C /*本*/ ? 0 : a + 1;
    return 0;
}

/* What follows the dateline word: a bracketed byline "（记者 张三）", a byline run into the text
 * "记者张三报道：", or a title "题：…". */
static void dateline_byline(const uint32_t *s, size_t n, const fo_reader_limits *lim, size_t k, fo_dateline_match *m)
{
    size_t o = skip_spaces(s, n, k + 1);
    if (o < n && is_open_paren(s[o])) {
        size_t c = o + 1;
        while (c < n && !is_close_paren(s[c]) && c - o <= lim->byline_max)
            c++;
        if (c < n && is_close_paren(s[c]))
            m->by_start = o + 1, m->by_end = c, m->end = c + 1;
        return;
    }
    size_t len = creator_role_at(s, n, o);
    if (len) { /* 电记者张金江报道： */
        size_t e = o + len;
        while (e < n && e - o < 12 && !is_colon(s[e]) && !fo_cp_match(s, n, e, U"报道") && !fo_cp_match(s, n, e, U"報導"))
            e++;
        if (e < n && e - o < 12)
            m->by_start = o, m->by_end = e;
        return;
    }
    if ((fo_cp_match(s, n, o, U"题") || fo_cp_match(s, n, o, U"題")) && o + 1 < n && is_colon(s[o + 1]))
        m->title_start = skip_spaces(s, n, o + 2);
}

bool fo_rule_dateline(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_dateline_match *m)
{
    enum { DATELINE_MAX = 30 }; /* "中国新闻网乌鲁木齐12月31日电" and the like */
    memset(m, 0, sizeof *m);
    for (size_t k = 1; k < n && k < DATELINE_MAX; k++) {
        if (contains_sentence_end(s, k, k + 1) || s[k] == 0xFF0C || s[k] == ',' || is_space_cp(s[k]) ||
            is_open_paren(s[k]))
            return false; /* the first sentence has begun: no dateline */
        if (!dateline_word(s, n, k))
            continue;
        m->end = k + 1;
        m->agency_end = dateline_agency(s, k);
        dateline_byline(s, n, lim, k, m);
        return true;
    }
    return false;
}

/* ---- breadcrumbs ---- */

size_t fo_rule_breadcrumb_opener(const uint32_t *s, size_t n)
{
    size_t len;
    return fo_vocab_at(s, n, 0, FO_WORDS(FO_WORD_BREADCRUMB), false, &len) ? len : 0;
}

/* ">" ">>" "›" "»" always separate steps; "→" and "》" only after an opener such as 您当前的位置,
 * because in running text they are an arrow and a closing book-title mark. */
static size_t breadcrumb_separator(const uint32_t *s, size_t n, size_t i, bool opener)
{
    if (s[i] == '>' || s[i] == 0xFF1E)
        return (i + 1 < n && (s[i + 1] == '>' || s[i + 1] == 0xFF1E)) ? 2 : 1;
    if (s[i] == 0x203A /*›*/ || s[i] == 0x00BB /*»*/)
        return 1;
    if (opener && (s[i] == 0x2192 /*→*/ || s[i] == 0x300B /*》*/))
        return 1;
    return 0;
}

size_t fo_rule_breadcrumb(const uint32_t *s, size_t n, fo_meta_span *items, size_t max_items)
{
    enum { STEP_MAX = 20, LAST_STEP_MAX = 80 };
    size_t i = 0, opener_len = fo_rule_breadcrumb_opener(s, n);
    bool opener = opener_len > 0, doubled_mark = false, marks = opener;
    for (size_t k = 0; k < n && !marks; k++)
        marks = s[k] == '>' || s[k] == 0xFF1E || s[k] == 0x203A || s[k] == 0x00BB;
    if (!marks)
        return 0;
    if (opener) {
        i = skip_spaces(s, n, opener_len);
        if (i < n && is_colon(s[i]))
            i++;
    }
    size_t count = 0, separators = 0;
    while (i < n) {
        i = skip_spaces(s, n, i);
        size_t start = i;
        while (i < n && !breadcrumb_separator(s, n, i, opener))
            i++;
        size_t end = i;
        while (end > start && is_space_cp(s[end - 1]))
            end--;
        if (end > start) {
            /* the last step may be the article's title */
            if (end - start > (i < n ? STEP_MAX : LAST_STEP_MAX) || contains_sentence_end(s, start, end))
                return 0;
            if (count < max_items)
                items[count] = (fo_meta_span){start, end};
            count++;
        }
        if (i < n) {
            size_t len = breadcrumb_separator(s, n, i, opener);
            doubled_mark |= len == 2;
            i += len;
            separators++;
        }
    }
    /* Without the opener words: two steps or more, or one ">>" step, or a path from 首页 or to 正文
     * ("某某网 > 正文": the page of the article itself). */
    bool from_home = count > 0 && max_items > 0 && (match_word(s, n, items[0].start, "首页") || match_word(s, n, items[0].start, "首頁"));
    size_t last = count && count <= max_items ? count - 1 : 0;
    bool to_text = count >= 2 && count <= max_items && items[last].end - items[last].start == 2 &&
                   match_word(s, n, items[last].start, "正文");
    if (!opener && separators < 2 && !(separators == 1 && (doubled_mark || from_home || to_text)))
        return 0;
    return count < max_items ? count : max_items;
}

/* ---- official documents ---- */

/* 冀人社发〔2022〕11号, 西政办〔2020〕20号, 梁政发【2023】7号, and the garbled 广安区府办发〔202026 that
 * lost its closing bracket: an issuer's abbreviation, the year in brackets, the number.  Returns the
 * end of the number at s[i…], or i when there is none. */
size_t fo_rule_docnumber_at(const uint32_t *s, size_t n, size_t i)
{
    enum { ABBREV_MAX = 10 };
    size_t k = i;
    while (k < n && k - i < ABBREV_MAX && fo_cp_han(s[k]))
        k++;
    if (k - i < 2 || k >= n || !(s[k] == 0x3014 || s[k] == 0x3010 || s[k] == '[' || s[k] == 0xFF3B || is_open_paren(s[k])))
        return i;
    size_t y = k + 1, d = y;
    while (d < n && is_digit(s[d]))
        d++;
    if (d - y < 4)
        return i;
    if (d - y > 4) /* the garbled form: the closing bracket and 号 lost, an issuing verb before it */
        return fo_cp_match(s, n, k - 1, U"发") || fo_cp_match(s, n, k - 1, U"發") || fo_cp_match(s, n, k - 1, U"字") ? d : i;
    if (d >= n || !(s[d] == 0x3015 || s[d] == 0x3011 || s[d] == ']' || s[d] == 0xFF3D || is_close_paren(s[d])))
        return i;
    size_t e = d + 1;
    while (e < n && is_digit(s[e]))
        e++;
    if (e == d + 1)
        return i;
    size_t h = skip_spaces(s, n, e);
    return h < n && (s[h] == 0x53F7 /*号*/ || s[h] == 0x865F /*號*/) ? h + 1 : i;
}

/* An e-paper's page label: "第5版(国内专页)", "01版:要闻", "第002版:封2 资讯交换站", "当前版: 03版". */
bool fo_rule_page_label(const uint32_t *s, size_t n)
{
    size_t i = match_word(s, n, 0, "当前版") ? skip_spaces(s, n, 3) : 0;
    if (i < n && is_colon(s[i]))
        i = skip_spaces(s, n, i + 1);
    i += i < n && s[i] == 0x7B2C; /*第*/
    size_t d = i;
    while (d < n && is_digit(s[d]) && d - i < 3)
        d++;
    return d > i && d < n && s[d] == 0x7248 /*版*/ && (d + 1 == n || !fo_cp_han(s[d + 1]) || s[d + 1] == 0x9762) &&
           n <= 30;
}

/* ---- junk ---- */

/* One short string twice: "西北角西北角", "学习强国学习强国" (a share widget's icon and label), "廣告 廣告". */
static bool doubled(const uint32_t *s, size_t n, const fo_reader_limits *lim)
{
    size_t half = n / 2;
    if (n % 2 == 1 && is_space_cp(s[half]))
        return half >= 2 && half <= lim->doubled_max && memcmp(s, s + half + 1, half * sizeof *s) == 0;
    return n % 2 == 0 && half >= 2 && half <= lim->doubled_max && memcmp(s, s + half, half * sizeof *s) == 0;
}

/* A rule or table residue: only * _ - = ~ | : . and white space ("*****", ":::", "---|---|", "| ||||"),
 * or a lone backslash where an image was. */
static bool rule_line(const uint32_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(is_space_cp(s[i]) || s[i] == '*' || s[i] == '_' || s[i] == '-' || s[i] == '=' || s[i] == '~' ||
              s[i] == '|' || s[i] == ':' || s[i] == '.' || s[i] == '\\' || s[i] == 0xFF5C || s[i] == 0x2014 ||
              s[i] == 0x2500 || s[i] == 0xFF0A))
            return false;
    return true;
}

/* "32px", "- 12px", "0:00 / 0:00", "1": sizes of a font picker, a media player's clock, a counter. */
static bool numbers_only(const uint32_t *s, size_t n)
{
    size_t i = 0, digits = 0;
    if (n >= 2 && (s[0] == '-' || s[0] == 0x2022) && is_space_cp(s[1]))
        i = 2;
    if (n - i >= 3 && n - i <= 5 && match_word(s, n, n - 2, "px")) {
        for (size_t k = i; k < n - 2; k++)
            if (!is_digit(s[k]))
                return false;
        return true;
    }
    bool slash = false; /* a player's clock "0:00 / 0:00"; a time alone ("23:16") or a number ("01") is text */
    for (; i < n; i++) {
        if (is_digit(s[i]))
            digits++;
        else if (s[i] == '/')
            slash = true;
        else if (!(is_colon(s[i]) || is_space_cp(s[i])))
            return false;
    }
    return digits > 0 && slash;
}

/* "未标题-1.jpg", "WhatsApp Image 2018-11-12 at 14.25.23.jpg": an image's file name left as text;
 * "某部LOGO": a logo's alternative text. */
static bool file_or_logo(const uint32_t *s, size_t n)
{
    static const char *const ends[] = {".jpg", ".jpeg", ".png", ".gif", ".JPG", ".PNG", ".webp", "LOGO", "logo", NULL};
    if (n > 80 || contains_sentence_end(s, 0, n))
        return false;
    for (const char *const *e = ends; *e; e++) {
        size_t len = strlen(*e);
        if (n > len && match_word(s, n, n - len, *e))
            return true;
    }
    return false;
}

/* The "大 |" "中 |" of a font-size switch set one per line, with its bar (a letter alone is junk only
 * beside another one: read_page.c). */
static bool size_switch(const uint32_t *s, size_t n)
{
    size_t letters = 0, bars = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == 0x5927 || s[i] == 0x4E2D || s[i] == 0x5C0F)
            letters++;
        else if (fo_cp_field_bar(s[i]))
            bars++;
        else if (!is_space_cp(s[i]))
            return false;
    }
    return letters == 1 && bars > 0;
}

size_t fo_rule_jammer_run(const uint32_t *s, size_t n, size_t i)
{
    enum { TOKEN_MAX = 3, TOKENS_MIN = 3, ODD_MIN = 2 };
    size_t start = i, end = i, tokens = 0, odd = 0;
    while (i < n) {
        size_t t = i;
        bool letter = false, digit = false, symbol = false;
        while (i < n && s[i] > ' ' && s[i] < 0x7F && i - t <= TOKEN_MAX) {
            letter |= fo_cp_ascii_letter(s[i]), digit |= is_digit(s[i]);
            symbol |= !fo_cp_ascii_letter(s[i]) && !is_digit(s[i]);
            i++;
        }
        if (i == t || i - t > TOKEN_MAX || (i < n && !is_space_cp(s[i])))
            break;
        tokens++;
        odd += symbol || (letter && digit);
        end = i;
        while (i < n && is_space_cp(s[i]))
            i++;
    }
    return tokens >= TOKENS_MIN && odd >= ODD_MIN ? end - start : 0;
}

bool fo_rule_junk(const uint32_t *s, size_t n, const fo_reader_limits *lim)
{
    if (n == 0)
        return false;
    enum { COUNTER_LINE_MAX = 40 };
    if (doubled(s, n, lim) || rule_line(s, n) || numbers_only(s, n) || file_or_logo(s, n) || size_switch(s, n))
        return true;
    if (fo_rule_jammer_run(s, n, 0) == n)
        return true;
    size_t tag_len; /* "原创", "视频": a tag alone on its line */
    if (fo_vocab_at(s, n, 0, FO_WORDS(FO_WORD_TAG), false, &tag_len) && tag_len == n)
        return true;
    /* only widget and chrome words, brackets, separators and the 大 中 小 of a font-size switch */
    if (fo_rule_furniture_run(s, n, 0) == n)
        return true;
    /* only counters and empty widget labels: "浏览次数:", "点阅次数:2624", "专栏:", "有效性 有效" (short) */
    if (n > COUNTER_LINE_MAX)
        return false;
    fo_meta_match m;
    fo_rule_meta_line(s, n, 0, &m);
    return m.parsed && m.n_known == 0 && m.n_unknown == 0 && m.furniture > 0;
}

/* ---- run-in heads ---- */

/* The numbering that opens a lead in a series: (一) 一、 1. (1) 第一， 一是 第二条 ——; its length with
 * the white space after it, or 0. */
static size_t lead_marker(const uint32_t *s, size_t n)
{
    size_t i = 0, k;
    bool paren = n > 0 && is_open_paren(s[0]);
    if (n >= 2 && s[0] == 0x2014 && s[1] == 0x2014)
        return 2;
    if (n > 0 && s[0] == 0x7B2C /*第*/) {
        for (k = 1; k < n && (is_han_numeral(s[k]) || is_digit(s[k])); k++)
            ;
        if (k > 1 && k < n && (s[k] == 0x6761 || s[k] == 0x689D)) /* 第二条 */
            return skip_spaces(s, n, k + 1);
        if (k > 1 && k < n && (s[k] == 0xFF0C || s[k] == ',' || s[k] == 0x3001)) /* 第一， */
            return k + 1;
        return 0;
    }
    i = paren;
    for (k = i; k < n && k - i < 3 && (is_han_numeral(s[k]) || is_digit(s[k])); k++)
        ;
    if (k == i || k >= n)
        return 0;
    bool han = is_han_numeral(s[i]);
    if (paren)
        return is_close_paren(s[k]) ? skip_spaces(s, n, k + 1) : 0;
    if (s[k] == 0x3001 || (!han && (s[k] == '.' || s[k] == 0xFF0E) && k + 1 < n && !is_digit(s[k + 1])))
        return skip_spaces(s, n, k + 1);
    return han && s[k] == 0x662F /*是*/ ? k + 1 : 0;
}

size_t fo_rule_runin_head(const uint32_t *s, size_t n, const fo_reader_limits *lim)
{
    /* a numbered lead may run longer, and the text after it may be cut short (a page's excerpt) */
    size_t marker = lead_marker(s, n), quotes = 0;
    size_t head_max = marker ? marker + lim->heading_max : lim->runin_head_max;
    size_t rest_min = marker ? 1 : lim->runin_rest_min;
    for (size_t i = marker; i < n && i < head_max; i++) {
        if (s[i] == 0x201C || s[i] == 0x300A)
            quotes++;
        else if ((s[i] == 0x201D || s[i] == 0x300B) && quotes)
            quotes--;
        if (s[i] == 0x3002 /*。*/ || s[i] == 0xFF01 /*！*/) {
            size_t head = i + 1;
            if (quotes || head - marker < lim->runin_head_min || n - head < rest_min)
                return 0;
            /* a head names an action or topic; a date or a number opens a report sentence */
            if (is_digit(s[0]) && !marker)
                return 0;
            return head;
        }
        if (s[i] == 0xFF1B || s[i] == ';' || s[i] == 0xFF1A || s[i] == ':' || s[i] == 0xFF1F)
            return 0;
    }
    return 0;
}

/* ---- prefixes ---- */

size_t fo_rule_prefix(const uint32_t *s, size_t n, int word_class)
{
    size_t len;
    if (!fo_vocab_at(s, n, 0, FO_WORDS(word_class), false, &len))
        return 0;
    size_t i = skip_spaces(s, n, len);
    if (i < n && is_colon(s[i]))
        return skip_spaces(s, n, i + 1);
    return i > len && i < n ? i : 0; /* "编者按 “…”": a space for the colon */
}

size_t fo_rule_subtitle(const uint32_t *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == 0x2014 || s[i] == 0x2015 || s[i] == 0x2500 || s[i] == '-'))
        i++;
    if (i < 2 || i > 4)
        return 0;
    i = skip_spaces(s, n, i);
    /* the subtitle is words: "---|---|" is what is left of a table */
    return i < n && (fo_cp_han(s[i]) || fo_cp_ascii_letter(s[i]) || is_digit(s[i]) || s[i] == 0x201C ||
                     s[i] == 0x300A || is_open_paren(s[i]))
               ? i
               : 0;
}

/* ---- punctuation ---- */

static uint32_t full_width_of(uint32_t c)
{
    switch (c) {
    case ',': return 0xFF0C;
    case ':': return 0xFF1A;
    case ';': return 0xFF1B;
    case '!': return 0xFF01;
    case '?': return 0xFF1F;
    case '(': return 0xFF08;
    case ')': return 0xFF09;
    default: return 0;
    }
}

/* What may stand on the other side of a pause mark beside a Han character: a digit, %, or a
 * closing mark (`111.32%,纠错`, `机制,14个`, `(2024),我们`). */
static bool is_clause_edge(uint32_t c)
{
    return (c >= '0' && c <= '9') || c == '%' || c == ')' || c == ']' || c == 0xFF09 /*）*/ ||
           c == 0x201D /*”*/ || c == 0x2019 /*’*/ || c == 0x300B /*》*/ || c == 0x3011 /*】*/;
}

size_t fo_normalize_punctuation(uint32_t *s, size_t n)
{
    /* brackets first, as pairs: "(2024年5月拍摄)" is Chinese although a digit follows "(" */
    size_t stack[64], depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '(') {
            if (depth < 64)
                stack[depth] = i;
            depth++;
        } else if (s[i] == ')' && depth > 0) {
            depth--;
            if (depth >= 64)
                continue;
            size_t open = stack[depth];
            bool han_inside = false;
            for (size_t k = open + 1; k < i && !han_inside; k++)
                han_inside = fo_cp_han(s[k]);
            bool han_outside = (open > 0 && fo_cp_han(s[open - 1])) || (i + 1 < n && fo_cp_han(s[i + 1]));
            if (han_inside && (han_outside || open == 0)) {
                s[open] = 0xFF08;
                s[i] = 0xFF09;
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t full = full_width_of(s[i]);
        if (!full || s[i] == '(' || s[i] == ')')
            continue;
        bool before = i > 0 && is_chinese_context(s[i - 1]);
        bool after = i + 1 < n && is_chinese_context(s[i + 1]);
        bool sentence_end = (s[i] == '!' || s[i] == '?') && (i + 1 == n);
        bool pause = s[i] == ',' || s[i] == ';' || s[i] == ':';
        bool beside_han = pause && i > 0 && i + 1 < n &&
                          ((fo_is_han(s[i - 1]) && is_clause_edge(s[i + 1])) ||
                           (fo_is_han(s[i + 1]) && is_clause_edge(s[i - 1])));
        /* `…公共服务局:` `…下列事项;` ending a line: a Chinese clause's mark */
        bool line_end = pause && i > 0 && i + 1 == n && fo_is_han(s[i - 1]);
        if ((before && (after || sentence_end)) || beside_han || line_end)
            s[i] = full;
    }
    return n;
}
