/* read_text_rules.c — the plain-text reader's line rules (see read_text_rules.h).
 *
 * Every rule is deliberately narrow: it names what it recognises and says no to everything else,
 * because a wrong "yes" loses text or structure silently while a wrong "no" only leaves a line as
 * an ordinary paragraph, which --explain shows.
 */
#include "read_text_rules.h"

#include <string.h>

#include "text.h"

const fo_reader_limits fo_reader_default_limits = {
    .heading_max = 40,
    .title_max = 60,
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

static bool is_space_cp(uint32_t c) { return fo_is_space(c); }

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
static bool is_chinese_context(uint32_t c) { return fo_is_han(c) || fo_is_cjk_punct(c); }

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

/* The title after a marker: short, and not a sentence (a numbered line that is a full sentence
 * is a paragraph). */
static bool heading_title_ok(const uint32_t *s, size_t n, size_t title_start, const fo_reader_limits *lim)
{
    size_t len = n - title_start;
    return len >= 1 && len <= lim->heading_max && !contains_sentence_end(s, title_start, n);
}

/* 第 + numeral + 章/节/条, then white space or the end of the line. */
static bool match_ordinal_heading(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_heading_match *m)
{
    if (n < 3 || s[0] != 0x7B2C /*第*/)
        return false;
    size_t i = 1;
    while (i < n && (is_han_numeral(s[i]) || is_digit(s[i])))
        i++;
    if (i == 1 || i >= n)
        return false;
    int rank;
    switch (s[i]) {
    case 0x7AE0: rank = FO_RANK_CHAPTER; break; /* 章 */
    case 0x8282: rank = FO_RANK_PART; break;    /* 节 */
    case 0x6761: rank = FO_RANK_ARTICLE; break; /* 条 */
    default: return false;
    }
    size_t label_end = i + 1;
    if (label_end < n && !is_space_cp(s[label_end]))
        return false; /* "第一条高速公路通车了" is a sentence */
    size_t title_start = skip_spaces(s, n, label_end);
    if (rank != FO_RANK_ARTICLE && title_start < n && !heading_title_ok(s, n, title_start, lim))
        return false;
    m->rank = rank;
    m->label_start = 0;
    m->label_end = label_end;
    m->marker_end = label_end;
    m->title_start = title_start;
    return true;
}

bool fo_rule_heading(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_heading_match *m)
{
    memset(m, 0, sizeof *m);
    if (n == 0)
        return false;
    if (match_ordinal_heading(s, n, lim, m))
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
    while (i < n && i < 4 && fo_is_han(s[i]) && !is_han_numeral(s[i]))
        i++;
    if (i == 0 || s[i - 1] == 0x7B2C /*第*/ || s[i - 1] == 0x5176 /*其*/)
        return false;
    num_start = i;
    while (i < n && is_han_numeral(s[i]))
        i++;
    if (i == num_start || i - num_start > 3 || i >= n || !is_colon(s[i]))
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
static bool is_press_name(const uint32_t *s, size_t from, size_t to);

static bool is_credit_stop(uint32_t c)
{
    return is_space_cp(c) || c == 0x3002 /*。*/ || c == 0xFF0C /*，*/ || c == ',' || c == 0xFF09 || c == ')';
}

bool fo_rule_caption(const uint32_t *s, size_t n, const fo_reader_limits *lim, size_t *caption_end,
                     size_t *credit_start)
{
    if (n < 2 || n > lim->caption_max)
        return false;
    size_t end = n;
    /* The credit is the last stretch of the line after a full stop, bracket or space. */
    if (match_word(s, n, n - 2, "供图")) {
        size_t start = n - 2;
        while (start > 0 && !is_credit_stop(s[start - 1]))
            start--;
        if (end - start > lim->credit_max || end - start < 3)
            return false;
        *credit_start = start;
    } else if (s[n - 1] == 0x6444 /*摄*/) {
        /* "新华社记者 某某 摄", "本报记者张三摄", "张三 摄" — but not "他们正在拍摄". */
        size_t window = n > lim->credit_max ? n - lim->credit_max : 0, role = n;
        for (size_t i = n - 1; i-- > window && role == n;)
            if (match_word(s, n, i, "记者") || match_word(s, n, i, "通讯员") || match_word(s, n, i, "摄影"))
                role = i;
        size_t start;
        if (role < n) {
            start = role; /* the credit opens with the paper before the role word: "新华社记者" */
            while (start > 0 && !is_credit_stop(s[start - 1]))
                start--;
        } else if (n >= 3 && is_space_cp(s[n - 2])) {
            start = n - 2; /* "张三 摄": the name before the space */
            while (start > 0 && is_space_cp(s[start - 1]))
                start--;
            size_t name_end = start;
            while (start > 0 && !is_credit_stop(s[start - 1]))
                start--;
            if (!is_name(s, start, name_end))
                return false;
        } else {
            return false;
        }
        if (n - start > lim->credit_max)
            return false;
        *credit_start = start;
    } else if (s[n - 1] == 0x53D1 /*发*/) {
        /* "…（资料照片）。新华社发": a press name and 发 after the caption's last stop */
        size_t start = n - 1;
        while (start > 0 && !is_credit_stop(s[start - 1]))
            start--;
        if (start == 0 || n - start > lim->credit_max || n - start < 3 || !is_press_name(s, start, n - 1))
            return false;
        *credit_start = start;
    } else {
        /* "（资料图）" "(资料图片)" "（资料照片）" at the end, possibly followed by 。 */
        size_t e = n;
        if (s[e - 1] == 0x3002)
            e--;
        if (e < 5 || !is_close_paren(s[e - 1]))
            return false;
        size_t open = e - 1;
        while (open > 0 && !is_open_paren(s[open - 1]) && e - open < 8)
            open--;
        if (open == 0 || !is_open_paren(s[open - 1]))
            return false;
        bool four = e - 1 - open == 4 && (match_word(s, n, open, "资料图片") || match_word(s, n, open, "资料照片"));
        if (!((match_word(s, n, open, "资料图") && e - 1 - open == 3) || four))
            return false;
        *credit_start = open;
        *caption_end = open - 1;
        while (*caption_end > 0 && is_space_cp(s[*caption_end - 1]))
            (*caption_end)--;
        return *caption_end > 0;
    }
    size_t ce = *credit_start;
    while (ce > 0 && is_space_cp(s[ce - 1]))
        ce--;
    *caption_end = ce;
    return true;
}

/* ---- bylines ---- */

static const char *const byline_roles[] = {"特约记者", "见习记者", "本报记者", "记者", "通讯员", "实习生", NULL};

/* A personal name: 2–4 Han characters, or a transliterated one with a middle dot (up to 10). */
static bool is_name(const uint32_t *s, size_t from, size_t to)
{
    size_t len = to - from, dots = 0;
    if (len < 2 || len > 10)
        return false;
    for (size_t i = from; i < to; i++) {
        if (s[i] == 0x00B7 || s[i] == 0x30FB)
            dots++;
        else if (!fo_is_han(s[i]))
            return false;
    }
    return dots ? len <= 10 : len <= 4;
}

/* What stands before 记者 in a byline is a paper, agency or station: 甘肃法治报, 新华社, 央视网 … */
static bool is_press_name(const uint32_t *s, size_t from, size_t to)
{
    static const uint32_t endings[] = {0x62A5 /*报*/, 0x793E /*社*/, 0x53F0 /*台*/, 0x7F51 /*网*/, 0x520A /*刊*/,
                                       0x53F7 /*号*/, 0x7AD9 /*站*/, 0x89C6 /*视*/};
    if (to <= from)
        return false;
    for (size_t k = 0; k < sizeof endings / sizeof endings[0]; k++)
        if (s[to - 1] == endings[k])
            return true;
    return false;
}

static bool is_name_separator(uint32_t c) { return is_space_cp(c) || c == 0x3001 /*、*/ || c == 0xFF0C || c == ','; }

bool fo_rule_byline(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_byline_match *m)
{
    memset(m, 0, sizeof *m);
    if (n < 3 || n > lim->byline_max || contains_sentence_end(s, 0, n))
        return false;
    size_t i = 0, role_start = 0, role_end = 0;
    bool paren = is_open_paren(s[0]);
    size_t end = n;
    if (paren) {
        if (!is_close_paren(s[n - 1]))
            return false;
        i = 1;
        end = n - 1;
    }
    /* 文/X, 图/X */
    if (i + 2 < end && (s[i] == 0x6587 /*文*/ || s[i] == 0x56FE /*图*/) && (s[i + 1] == '/' || s[i + 1] == 0xFF0F)) {
        role_start = i;
        role_end = i + 1;
        i += 2;
    } else {
        /* find the first role word; what stands before it is the affiliation */
        size_t found = end;
        size_t found_len = 0;
        for (size_t k = i; k < end && found == end; k++)
            for (const char *const *r = byline_roles; *r; r++) {
                size_t len = match_word(s, end, k, *r);
                if (len) {
                    found = k;
                    found_len = len;
                    break;
                }
            }
        if (found == end)
            return false;
        role_start = found;
        role_end = found + found_len;
        /* the affiliation must be a name of a paper: no spaces inside, short */
        for (size_t k = i; k < found; k++)
            if (is_space_cp(s[k]) && k + 1 < found)
                return false;
        m->affiliation_end = found;
        while (m->affiliation_end > i && is_space_cp(s[m->affiliation_end - 1]))
            m->affiliation_end--;
        if (paren && m->affiliation_end > i)
            return false; /* "（记者 X）" names no paper inside the brackets */
        if (m->affiliation_end == i)
            m->affiliation_end = 0; /* none */
        if (m->affiliation_end > i && !is_press_name(s, i, m->affiliation_end))
            return false; /* "新闻记者协会" is an organisation, not a reporter's byline */
        i = role_end;
    }
    /* names, possibly each after its own role word ("记者 张三 通讯员 李四") */
    while (i < end) {
        i = skip_spaces(s, end, i);
        if (i >= end)
            break;
        bool role_here = false;
        for (const char *const *r = byline_roles; *r; r++) {
            size_t len = match_word(s, end, i, *r);
            if (len) {
                role_start = i;
                role_end = i + len;
                i += len;
                role_here = true;
                break;
            }
        }
        if (role_here)
            continue;
        size_t start = i;
        while (i < end && !is_name_separator(s[i]))
            i++;
        if (!is_name(s, start, i) || m->n_names == sizeof m->names / sizeof m->names[0])
            return false;
        m->names[m->n_names++] = (fo_byline_name){start, i, role_start, role_end};
        if (i < end)
            i++;
    }
    return m->n_names > 0;
}

/* ---- datelines ---- */

bool fo_rule_dateline(const uint32_t *s, size_t n, const fo_reader_limits *lim, size_t *agency_end, size_t *open,
                      size_t *close)
{
    enum { DATELINE_MAX = 30 }; /* "中国新闻网乌鲁木齐12月31日电" and the like */
    *agency_end = 0;
    for (size_t k = 1; k < n && k < DATELINE_MAX; k++) {
        if (contains_sentence_end(s, k, k + 1) || s[k] == 0xFF0C || s[k] == ',')
            return false; /* the first sentence has begun: no dateline */
        bool wire = s[k] == 0x7535 /*电*/ && s[k - 1] == 0x65E5 /*日*/;
        bool report = s[k] == 0x8BAF /*讯*/ && (s[k - 1] == 0x65E5 || s[k - 1] == 0x62A5 /*报*/ ||
                                               s[k - 1] == 0x53F0 /*台*/ || s[k - 1] == 0x7F51 /*网*/);
        if (!wire && !report)
            continue;
        size_t o = skip_spaces(s, n, k + 1);
        if (o >= n || !is_open_paren(s[o]))
            return false;
        size_t c = o + 1;
        while (c < n && !is_close_paren(s[c]) && c - o <= lim->byline_max)
            c++;
        if (c >= n || !is_close_paren(s[c]))
            return false;
        *open = o;
        *close = c;
        /* the agency: up to the first 社/网/报/台 near the start, unless it is the paper itself */
        for (size_t a = 1; a < k && a < 6; a++)
            if (s[a] == 0x793E || s[a] == 0x7F51 || s[a] == 0x62A5 || s[a] == 0x53F0) {
                bool own = s[0] == 0x672C /*本*/;
                *agency_end = own ? 0 : a + 1;
                break;
            }
        return true;
    }
    return false;
}

/* ---- metadata lines ---- */

/* Parse a date at s[i…]: 2025-01-16, 2025/01/16, 2025.01.16, 2025年1月16日, optional time 16:16[:ss].
 * Returns the end offset, or i when there is none. */
static size_t parse_date(const uint32_t *s, size_t n, size_t i, fo_meta_match *m)
{
    int v[3] = {0, 0, 0};
    size_t k = i;
    for (int part = 0; part < 3; part++) {
        size_t start = k;
        int value = 0;
        while (k < n && is_digit(s[k]) && k - start < 4)
            value = value * 10 + digit_value(s[k]), k++;
        if (k == start || (part == 0 && k - start != 4) || (part > 0 && k - start > 2))
            return i;
        v[part] = value;
        if (part == 2)
            break;
        if (k >= n)
            return i;
        uint32_t sep = s[k];
        bool han = (part == 0 && sep == 0x5E74 /*年*/) || (part == 1 && sep == 0x6708 /*月*/);
        if (!(han || sep == '-' || sep == '/' || sep == '.'))
            return i;
        k++;
    }
    if (k < n && s[k] == 0x65E5 /*日*/)
        k++;
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31)
        return i;
    m->has_date = true;
    m->year = v[0];
    m->month = v[1];
    m->day = v[2];
    m->hour = -1;
    /* an optional time: 16:16 or 16:16:05 */
    size_t h = skip_spaces(s, n, k), t = h;
    int hour = 0;
    while (h < n && is_digit(s[h]) && h - t < 2)
        hour = hour * 10 + digit_value(s[h]), h++;
    if (h > t && h + 2 < n && is_colon(s[h]) && is_digit(s[h + 1]) && is_digit(s[h + 2])) {
        int minute = digit_value(s[h + 1]) * 10 + digit_value(s[h + 2]);
        h += 3;
        if (h + 2 < n && is_colon(s[h]) && is_digit(s[h + 1]) && is_digit(s[h + 2]))
            h += 3;
        if (hour <= 23 && minute <= 59) {
            m->hour = hour;
            m->minute = minute;
            k = h;
        }
    }
    return k;
}

typedef struct meta_key {
    const char *word;
    int field; /* 0 ignore, 1 source, 2 author, 3 editor, 4 chief editor, 5 date, 6 another role */
} meta_key;

static size_t widget_run(const uint32_t *s, size_t n, size_t i);

/* Longer keys first: the first match wins ("值班编辑" before "编辑"). */
static const meta_key meta_keys[] = {
    {"发布时间", 5}, {"发布日期", 5}, {"时间", 5},     {"日期", 5},     {"来源", 1},     {"稿源", 1},
    {"作者", 2},     {"责任编辑", 4}, {"值班编辑", 6}, {"编辑", 3},     {"审核", 6},     {"审校", 6},
    {"校对", 6},     {"终审", 6},     {"监制", 6},     {"主编", 6},     {"统筹", 6},     {"浏览次数", 0},
    {"点击数", 0},   {"阅读", 0},     {"字号", 0},     {NULL, 0},
};

/* "（责任编辑：张三）", "【编辑：李四】": a field line may stand in brackets. */
static bool bracket_pair(uint32_t open, uint32_t close)
{
    return (is_open_paren(open) && is_close_paren(close)) || (open == 0x3010 && close == 0x3011) ||
           (open == '[' && close == ']');
}

/* A field separator: '|', '｜', or two or more spaces (a single space can sit inside a value). */
static bool at_separator(const uint32_t *s, size_t n, size_t i)
{
    return s[i] == '|' || s[i] == 0xFF5C || (is_space_cp(s[i]) && i + 1 < n && is_space_cp(s[i + 1]));
}

bool fo_rule_meta_line(const uint32_t *s, size_t line_len, fo_meta_match *m)
{
    memset(m, 0, sizeof *m);
    m->hour = -1;
    size_t i = 0, n = line_len;
    if (n >= 2 && bracket_pair(s[0], s[n - 1]))
        i = 1, n--;
    int fields = 0;
    while (i < n) {
        if (is_space_cp(s[i]) || s[i] == '|' || s[i] == 0xFF5C) {
            i++;
            continue;
        }
        size_t after_date = m->has_date ? i : parse_date(s, n, i, m);
        if (after_date > i) {
            i = after_date;
            fields++;
            continue;
        }
        const meta_key *key = NULL;
        size_t klen = 0;
        for (const meta_key *k = meta_keys; k->word; k++) {
            klen = match_word(s, n, i, k->word);
            if (klen && i + klen < n && is_colon(s[i + klen])) {
                key = k;
                break;
            }
        }
        if (!key) {
            /* "【字体：大 中 小】 打印本页" beside the fields is page furniture, not text */
            size_t widget = widget_run(s, n, i);
            if (widget) {
                i += widget;
                continue;
            }
            return false; /* text that is no field: a sentence (and no need to read it all) */
        }
        size_t v = skip_spaces(s, n, i + klen + 1), e = v;
        if (key->field == 5) {
            size_t d = parse_date(s, n, v, m);
            if (d == v)
                return false;
            i = d;
            fields++;
            continue;
        }
        while (e < n && !at_separator(s, n, e)) {
            /* the next "KEY:" ends the value even without a separator */
            bool next_key = false;
            if (e > v && is_space_cp(s[e]))
                for (const meta_key *k = meta_keys; k->word && !next_key; k++) {
                    size_t l = match_word(s, n, e + 1, k->word);
                    next_key = l && e + 1 + l < n && is_colon(s[e + 1 + l]);
                }
            if (next_key)
                break;
            e++;
        }
        size_t ve = e;
        while (ve > v && is_space_cp(s[ve - 1]))
            ve--;
        if (ve == v || ve - v > 30 || contains_sentence_end(s, v, ve))
            return false;
        fo_meta_span span = {v, ve};
        switch (key->field) {
        case 1: m->source = span; break;
        case 2: m->author = span; break;
        case 3: m->editor = span; break;
        case 4: m->chief_editor = span; break;
        case 6:
            if (m->n_others < sizeof m->others / sizeof m->others[0]) {
                m->other_roles[m->n_others] = (fo_meta_span){i, i + klen};
                m->others[m->n_others++] = span;
            }
            break;
        default: break;
        }
        fields++;
        i = e;
    }
    /* Only fields: a sentence that merely mentions a date is a paragraph. */
    return fields > 0;
}

/* ---- breadcrumbs ---- */

static const char *const breadcrumb_openers[] = {"您当前的位置", "您现在的位置", "当前位置", "您的位置", "你的位置",
                                                 "所在位置", NULL};

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
    size_t i = 0, opener_len = 0;
    for (const char *const *o = breadcrumb_openers; *o && !opener_len; o++)
        opener_len = match_word(s, n, 0, *o);
    bool opener = opener_len > 0;
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
            if (end - start > 20 || contains_sentence_end(s, start, end))
                return 0;
            if (count < max_items)
                items[count] = (fo_meta_span){start, end};
            count++;
        }
        if (i < n) {
            i += breadcrumb_separator(s, n, i, opener);
            separators++;
        }
    }
    /* Without the opener words, only a line made of at least two ">>" steps is a breadcrumb. */
    if (!opener && separators < 2)
        return 0;
    return count < max_items ? count : max_items;
}

/* ---- junk ---- */

static const char *const widget_words[] = {"分享到", "打印本页", "打印此页", "关闭窗口", "返回顶部", "收藏本页",
                                           "扫一扫在手机打开当前页", "扫一扫在手机上查看当前页面", "字体", "【打印】",
                                           "【关闭】", "打印", "关闭", "字号", NULL};

/* The length of a run of page furniture at s[i…]: widget words with the brackets, separators and
 * the 大 中 小 of a font-size switch around them; 0 unless the run holds a widget word. */
static size_t widget_run(const uint32_t *s, size_t n, size_t i)
{
    size_t start = i, end = i;
    bool widget = false;
    while (i < n) {
        uint32_t c = s[i];
        size_t len = 0;
        for (const char *const *w = widget_words; *w && !len; w++)
            len = match_word(s, n, i, *w);
        if (len) {
            widget = true;
            i += len;
            end = i;
            continue;
        }
        bool filler = is_space_cp(c) || c == 0x3010 || c == 0x3011 || c == '[' || c == ']' || is_colon(c) ||
                      c == '|' || c == 0xFF5C || c == '/' ||
                      ((c == 0x5927 /*大*/ || c == 0x4E2D /*中*/ || c == 0x5C0F /*小*/) && widget);
        if (!filler)
            break;
        i++;
        if (widget)
            end = i;
    }
    return widget ? end - start : 0;
}

bool fo_rule_junk(const uint32_t *s, size_t n, const fo_reader_limits *lim)
{
    if (n == 0)
        return false;
    /* one short string twice: "西北角西北角", "学习强国学习强国" (a share widget's icon and label) */
    if (n % 2 == 0 && n / 2 >= 2 && n / 2 <= lim->doubled_max && memcmp(s, s + n / 2, n / 2 * sizeof *s) == 0)
        return true;
    /* only widget words, brackets, separators and the 大 中 小 of a font-size switch */
    return widget_run(s, n, 0) == n;
}

/* ---- run-in heads ---- */

size_t fo_rule_runin_head(const uint32_t *s, size_t n, const fo_reader_limits *lim)
{
    size_t quotes = 0;
    for (size_t i = 0; i < n && i < lim->runin_head_max; i++) {
        if (s[i] == 0x201C || s[i] == 0x300A)
            quotes++;
        else if ((s[i] == 0x201D || s[i] == 0x300B) && quotes)
            quotes--;
        if (s[i] == 0x3002 /*。*/ || s[i] == 0xFF01 /*！*/) {
            size_t head = i + 1;
            if (quotes || head < lim->runin_head_min || n - head < lim->runin_rest_min)
                return 0;
            /* a head names an action or topic; a date or a number opens a report sentence */
            if (is_digit(s[0]))
                return 0;
            return head;
        }
        if (s[i] == 0xFF1B || s[i] == ';' || s[i] == 0xFF1A || s[i] == ':' || s[i] == 0xFF1F)
            return 0;
    }
    return 0;
}

/* ---- prefixes ---- */

const char *const fo_original_title_prefixes[] = {"原标题", "原題", NULL};
const char *const fo_rights_prefixes[] = {"版权声明", "版权所有", "免责声明", NULL};
const char *const fo_editor_note_prefixes[] = {"编者按", "编者的话", NULL};

size_t fo_rule_prefix(const uint32_t *s, size_t n, const char *const *prefixes)
{
    for (const char *const *p = prefixes; *p; p++) {
        size_t len = match_word(s, n, 0, *p);
        if (!len)
            continue;
        size_t i = skip_spaces(s, n, len);
        if (i < n && is_colon(s[i]))
            return skip_spaces(s, n, i + 1);
    }
    return 0;
}

size_t fo_rule_subtitle(const uint32_t *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == 0x2014 || s[i] == 0x2015 || s[i] == 0x2500 || s[i] == '-'))
        i++;
    if (i < 2 || i > 4)
        return 0;
    i = skip_spaces(s, n, i);
    return i < n ? i : 0;
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
                han_inside = fo_is_han(s[k]);
            bool han_outside = (open > 0 && fo_is_han(s[open - 1])) || (i + 1 < n && fo_is_han(s[i + 1]));
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
