/* read_text_meta.c — dates and metadata lines (see read_text_rules.h).
 *
 * A page's metadata line is written by a content system, and every system writes it its own way:
 * keys with full- or half-width colons and spaces around them, letter-spaced keys in index tables,
 * dates before or after their key, counters and widgets beside the fields, keys with no value.  The
 * tokenizer reads whatever it recognises and drops page furniture; one piece of running text makes
 * the line a paragraph.  Every step looks at a bounded stretch of the line, so a line of any length
 * is read in linear time.
 */
#include <stdio.h>
#include <string.h>

#include "read_chars.h"
#include "read_text_rules.h"
#include "vocab.h"

/* ---- dates ---- */

static const char32_t *const roc_prefixes[] = {U"中華民國", U"中华民国", U"民國", U"民国", NULL};
static const char32_t *const weekday_words[] = {U"星期", U"礼拜", U"禮拜", U"週", U"周", NULL};
static const char32_t *const zone_words[] = {U"北京时间", U"北京時間", U"香港時間", U"香港时间", U"台北時間", U"澳門時間", NULL};

static size_t match_any(const uint32_t *s, size_t n, size_t i, const char32_t *const *words)
{
    for (const char32_t *const *w = words; *w; w++) {
        size_t len = fo_cp_match(s, n, i, *w);
        if (len)
            return len;
    }
    return 0;
}

/* Up to `max` digits at s[*i]: their value, or -1 when there is none. */
static int read_number(const uint32_t *s, size_t n, size_t *i, size_t max, size_t *count)
{
    int v = 0;
    size_t k = *i;
    while (k < n && k - *i < max && fo_cp_digit(s[k]))
        v = v * 10 + fo_cp_digit_value(s[k++]);
    *count = k - *i;
    if (!*count)
        return -1;
    *i = k;
    return v;
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* The year at s[*i]: four digits, or a Republic-of-China year (1-3 digits) after 民國 or with
 * FO_DATE_ROC. */
static int read_year(const uint32_t *s, size_t n, size_t *i, unsigned flags)
{
    size_t k = *i, digits, roc = match_any(s, n, k, roc_prefixes);
    k += roc;
    int y = read_number(s, n, &k, 4, &digits);
    if (y < 0 || (k < n && fo_cp_digit(s[k])))
        return -1;
    if (digits == 4 && !roc)
        y = y >= 1900 && y <= 2100 ? y : -1;
    else if ((roc || ((flags & FO_DATE_ROC) && digits >= 2)) && digits <= 3 && y >= 1 && y <= 200)
        y += 1911;
    else
        return -1;
    *i = k;
    return y;
}

/* The separator after the year or the month: its kind ('H' for 年/月, else the character). */
static uint32_t date_separator(const uint32_t *s, size_t n, size_t *i, bool after_year)
{
    size_t k = fo_cp_skip_spaces(s, n, *i);
    if (k < n && s[k] == (after_year ? 0x5E74u /*年*/ : 0x6708u /*月*/)) {
        *i = fo_cp_skip_spaces(s, n, k + 1);
        return 'H';
    }
    if (*i < n && (s[*i] == '-' || s[*i] == '/' || s[*i] == '.' || s[*i] == 0xFF0D || s[*i] == 0xFF0F)) {
        uint32_t c = s[*i] == 0xFF0D ? '-' : s[*i] == 0xFF0F ? '/' : s[*i];
        (*i)++;
        return c;
    }
    if (after_year && *i < n && s[*i] == ' ' && *i + 1 < n && fo_cp_digit(s[*i + 1])) { /* "2024 09/21" */
        (*i)++;
        return ' ';
    }
    return 0;
}

/* An optional weekday after a date: 星期三, （星期三）, 週三, or 星期 alone at the end of a line. */
static size_t skip_weekday(const uint32_t *s, size_t n, size_t i)
{
    size_t k = fo_cp_skip_spaces(s, n, i);
    bool paren = k < n && fo_cp_open_paren(s[k]);
    size_t w = match_any(s, n, k + paren, weekday_words);
    if (!w)
        return i;
    k += paren + w;
    if (k < n && (fo_cp_match(s, n, k, U"一") || fo_cp_match(s, n, k, U"二") || fo_cp_match(s, n, k, U"三") ||
                  fo_cp_match(s, n, k, U"四") || fo_cp_match(s, n, k, U"五") || fo_cp_match(s, n, k, U"六") ||
                  fo_cp_match(s, n, k, U"日") || fo_cp_match(s, n, k, U"天")))
        k++;
    else if (w == 1) /* 週 or 周 alone is a word of the sentence */
        return i;
    if (paren && k < n && fo_cp_close_paren(s[k]))
        k++;
    return k;
}

/* A time at s[i…] (no spaces skipped): 16:16, 16:16:43, 9:54:15, 16时16分, 18時00分. */
static size_t read_time(const uint32_t *s, size_t n, size_t i, fo_text_date *d)
{
    size_t k = i, digits;
    int h = read_number(s, n, &k, 2, &digits), m = -1, sec = -1;
    if (h < 0 || k >= n)
        return i;
    bool han = s[k] == 0x65F6 /*时*/ || s[k] == 0x6642 /*時*/ || s[k] == 0x70B9 /*点*/ || s[k] == 0x9EDE /*點*/;
    if (!han && !fo_cp_colon(s[k]))
        return i;
    k++;
    m = read_number(s, n, &k, 2, &digits);
    if (m < 0 || (!han && digits != 2))
        return i;
    if (han) {
        if (k < n && s[k] == 0x5206 /*分*/)
            k++;
        size_t t = k;
        int v = read_number(s, n, &t, 2, &digits);
        if (v >= 0 && t < n && s[t] == 0x79D2 /*秒*/)
            sec = v, k = t + 1;
    } else if (k + 2 < n && fo_cp_colon(s[k]) && fo_cp_digit(s[k + 1]) && fo_cp_digit(s[k + 2])) {
        sec = fo_cp_digit_value(s[k + 1]) * 10 + fo_cp_digit_value(s[k + 2]);
        k += 3; /* exactly two digits: "16:56:432024年以来" has its seconds, then the next sentence */
    }
    if (h > 23 || m > 59 || sec > 59)
        return i;
    d->hour = h, d->minute = m, d->second = sec;
    return k;
}

size_t fo_parse_date(const uint32_t *s, size_t n, size_t i, unsigned flags, fo_text_date *d)
{
    size_t k = i, digits;
    fo_text_date t = {.hour = -1, .second = -1};
    if ((t.year = read_year(s, n, &k, flags)) < 0)
        return i;
    uint32_t sep = date_separator(s, n, &k, true);
    if (!sep || (t.month = read_number(s, n, &k, 2, &digits)) < 0)
        return i;
    uint32_t sep2 = date_separator(s, n, &k, false);
    if (!(sep2 == sep || (sep == ' ' && sep2 == '/')) || (t.day = read_number(s, n, &k, 2, &digits)) < 0)
        return i;
    if (k < n && fo_cp_digit(s[k]))
        return i;
    if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > days_in_month(t.year, t.month))
        return i;
    if (k < n && (s[k] == 0x65E5 /*日*/ || s[k] == 0x865F /*號*/ || s[k] == 0x53F7 /*号*/))
        k++;
    k = skip_weekday(s, n, k);
    size_t t0 = fo_cp_skip_spaces(s, n, k), te = read_time(s, n, t0, &t);
    if (te > t0)
        k = te;
    *d = t;
    return k;
}

size_t fo_parse_time(const uint32_t *s, size_t n, size_t i, fo_text_date *d)
{
    size_t k = i + match_any(s, n, i, zone_words);
    k = fo_cp_skip_spaces(s, n, k);
    fo_text_date t = {.hour = -1, .second = -1};
    size_t e = read_time(s, n, k, &t);
    if (e == k)
        return i;
    d->hour = t.hour, d->minute = t.minute, d->second = t.second;
    return e;
}

bool fo_find_date(const uint32_t *s, size_t n, unsigned flags, fo_text_date *d, size_t *start, size_t *end)
{
    for (size_t i = 0; i < n; i++) {
        bool at_number = fo_cp_digit(s[i]) && (i == 0 || !fo_cp_digit(s[i - 1]));
        if (!at_number && !match_any(s, n, i, roc_prefixes))
            continue;
        size_t e = fo_parse_date(s, n, i, flags, d);
        if (e > i) {
            *start = i, *end = e;
            return true;
        }
    }
    return false;
}

void fo_date_iso(const fo_text_date *d, char *buf, size_t size)
{
    if (d->hour < 0)
        snprintf(buf, size, "%04d-%02d-%02d", d->year, d->month, d->day);
    else if (d->second < 0)
        snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d+08:00", d->year, d->month, d->day, d->hour, d->minute);
    else
        snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", d->year, d->month, d->day, d->hour, d->minute,
                 d->second);
}

/* ---- furniture ---- */

size_t fo_rule_furniture_run(const uint32_t *s, size_t n, size_t i)
{
    const unsigned furniture = FO_WORDS(FO_WORD_WIDGET) | FO_WORDS(FO_WORD_SKIP);
    size_t start = i, end = i;
    bool widget = false;
    while (i < n) {
        uint32_t c = s[i];
        size_t len = 0;
        if (fo_vocab_at(s, n, i, furniture, false, &len)) {
            size_t after = i + len, more;
            if (after < n && fo_cp_han(s[after]) && !fo_vocab_at(s, n, after, furniture, false, &more))
                return 0; /* "打印机": a word that begins with a widget's name */
            widget = true;
            i = end = after;
            continue;
        }
        if (!widget && i - start > 3)
            break; /* brackets or a bar before a widget word, not a long run of them */
        bool filler = fo_cp_space(c) || c == 0x3010 || c == 0x3011 || c == '[' || c == ']' || fo_cp_colon(c) ||
                      fo_cp_field_bar(c) || c == '/' || c == '+' || c == '-' || c == 0x2014 /*—*/ ||
                      ((c == 0x5927 /*大*/ || c == 0x4E2D /*中*/ || c == 0x5C0F /*小*/) && widget);
        if (!filler)
            break;
        i++;
        if (widget)
            end = i;
    }
    return widget ? end - start : 0;
}

/* ---- the tokenizer ---- */

static bool is_bullet(uint32_t c)
{
    return c == 0x2022 || c == 0x00B7 || c == 0x25CF || c == 0x25C6 || c == 0x25AA || c == 0x25A0 || c == 0x25CB ||
           c == '-' || c == '*' || c == 0x27A4 || c == 0x25B6;
}

static bool bracket_pair(uint32_t open, uint32_t close)
{
    return (fo_cp_open_paren(open) && fo_cp_close_paren(close)) || (open == 0x3010 && close == 0x3011) ||
           (open == '[' && close == ']');
}

/* Skip a bullet ("• 发布日期:…", "- 浏览次数:") and brackets around the whole line ("（责任编辑：张三）"). */
static void strip_wrapping(const uint32_t *s, size_t *i, size_t *end)
{
    if (*i < *end && is_bullet(s[*i]) && (*i + 1 == *end || fo_cp_space(s[*i + 1]) || s[*i] == 0x2022))
        *i = fo_cp_skip_spaces(s, *end, *i + 1);
    while (*end > *i && (fo_cp_field_bar(s[*end - 1]) || fo_cp_space(s[*end - 1])))
        (*end)--; /* "(新闻来源:… 转载:…) |": a stray table bar */
    if (*end - *i >= 2 && bracket_pair(s[*i], s[*end - 1]))
        (*i)++, (*end)--;
}

static bool is_token_separator(uint32_t c)
{
    return fo_cp_space(c) || fo_cp_field_bar(c) || c == 0x3010 || c == 0x3011 || c == '[' || c == ']' ||
           fo_cp_open_paren(c) || fo_cp_close_paren(c) || c == 0x00B7;
}

/* "http://www.sina.com.cn", "www.example.com": a URL printed beside the fields. */
static size_t url_at(const uint32_t *s, size_t n, size_t i)
{
    if (!fo_cp_match(s, n, i, U"http://") && !fo_cp_match(s, n, i, U"https://") && !fo_cp_match(s, n, i, U"www."))
        return i;
    while (i < n && !fo_cp_space(s[i]) && s[i] < 0x80)
        i++;
    return i;
}

/* A date in a metadata line, possibly after 于 ("于2020-07-13 9:54:15"). */
static size_t date_at(const uint32_t *s, size_t n, size_t i, unsigned flags, fo_text_date *d)
{
    size_t k = i + (i < n && (s[i] == 0x4E8E /*于*/ || s[i] == 0x65BC /*於*/));
    size_t e = fo_parse_date(s, n, k, flags, d);
    return e > k ? e : i;
}

/* A known key at s[i…] followed by a colon, or (with `bare`) by white space or the end of the line
 * as in index tables ("索引号 1137…", "废止日期"). */
static const fo_word *key_at(const uint32_t *s, size_t n, size_t i, bool bare, size_t *after)
{
    size_t len;
    const fo_word *w = fo_vocab_at(s, n, i, FO_WORDS_KEYS, true, &len);
    if (!w)
        return NULL;
    size_t k = fo_cp_skip_spaces(s, n, i + len);
    if (k < n && fo_cp_colon(s[k])) {
        *after = k + 1;
        return w;
    }
    if (bare && w->len >= 2 && (k == n || k > i + len)) {
        *after = k;
        return w;
    }
    return NULL;
}

/* A key the vocabulary does not know: a short word and a colon ("视力保护色:", "受理单位:"). */
static size_t unknown_key_at(const uint32_t *s, size_t n, size_t i)
{
    enum { UNKNOWN_KEY_MAX = 8 };
    size_t k = i;
    while (k < n && k - i < UNKNOWN_KEY_MAX && (fo_cp_han(s[k]) || fo_cp_ascii_letter(s[k])))
        k++;
    if (k == i)
        return i;
    size_t c = fo_cp_skip_spaces(s, n, k);
    return c < n && fo_cp_colon(s[c]) ? c + 1 : i;
}

/* Where the next field begins after white space at s[i] (a date, a key, a URL, furniture). */
static bool field_starts(const uint32_t *s, size_t n, size_t i, unsigned flags)
{
    fo_text_date d;
    size_t after;
    return date_at(s, n, i, flags, &d) > i || key_at(s, n, i, true, &after) || url_at(s, n, i) > i ||
           fo_rule_furniture_run(s, n, i) > 0;
}

/* The end of a value starting at s[v]: a field separator, two spaces, a bracket it did not open,
 * the next field after a space, or a known key glued to it ("作者:张三编辑:李四"). */
static size_t value_end(const uint32_t *s, size_t n, size_t v, unsigned flags)
{
    size_t e = v, depth = 0, after;
    while (e < n) {
        uint32_t c = s[e];
        if (fo_cp_field_bar(c) || c == '\t' || c == 0x3000 || (fo_cp_space(c) && e + 1 < n && fo_cp_space(s[e + 1])))
            break;
        if (fo_cp_open_paren(c) || c == 0x3010)
            depth++;
        else if ((fo_cp_close_paren(c) || c == 0x3011) && depth-- == 0)
            break;
        if (fo_cp_space(c) && field_starts(s, n, e + 1, flags))
            break;
        if (e > v && !fo_cp_space(c) && key_at(s, n, e, false, &after))
            break;
        e++;
    }
    return e;
}

static void add_field(fo_meta_match *m, int cls, const fo_word *w, fo_meta_span key, fo_meta_span value,
                      const fo_text_date *d)
{
    if (m->n_fields == FO_META_MAX_FIELDS)
        return;
    fo_meta_field *f = &m->fields[m->n_fields++];
    *f = (fo_meta_field){.cls = cls, .word = w, .key = key, .value = value};
    if (d) {
        f->date = *d;
        f->has_date = true;
    }
}

static bool is_furniture_key(const fo_word *w)
{
    return w->cls == FO_WORD_COUNTER || w->cls == FO_WORD_IGNORED;
}

/* KEY:VALUE at s[i]; returns the end, i when there is no key, or 0 when the key's value is not one
 * (a date key with no date, a value that is a sentence): then the line is no metadata line. */
static size_t keyed_field(const uint32_t *s, size_t n, size_t i, unsigned flags, fo_meta_match *m)
{
    enum { VALUE_MAX = 30, TITLE_VALUE_MAX = 100, LONG_VALUE_MAX = 40 };
    size_t v, after;
    const fo_word *w = key_at(s, n, i, true, &v);
    if (!w)
        return i;
    v = fo_cp_skip_spaces(s, n, v);
    fo_meta_span key = {i, v};
    fo_text_date d;
    if (FO_WORDS(w->cls) & FO_WORDS_DATES) {
        size_t e = date_at(s, n, v, flags, &d);
        bool empty = v == n || is_token_separator(s[v]) || key_at(s, n, v, true, &after) ||
                     fo_rule_furniture_run(s, n, v) > 0;
        if (e == v && !empty)
            return 0;
        add_field(m, w->cls, w, key, (fo_meta_span){v, e}, e > v ? &d : NULL);
        m->n_known++;
        return e;
    }
    size_t e = key_at(s, n, v, true, &after) ? v : value_end(s, n, v, flags), ve = e;
    while (ve > v && fo_cp_space(s[ve - 1]))
        ve--;
    bool long_value = is_furniture_key(w) || w->cls == FO_WORD_INDEX || w->cls == FO_WORD_DOCNUMBER ||
                      w->cls == FO_WORD_ORGAN || w->cls == FO_WORD_KEYWORDS;
    size_t max = w->cls == FO_WORD_TITLE ? TITLE_VALUE_MAX : long_value ? LONG_VALUE_MAX : VALUE_MAX;
    if (ve - v > max || (!is_furniture_key(w) && fo_cp_has_sentence_end(s, v, ve)))
        return 0;
    if (is_furniture_key(w)) {
        m->furniture++;
    } else {
        add_field(m, w->cls, w, key, (fo_meta_span){v, ve}, NULL);
        m->n_known++;
    }
    return e;
}

static size_t unknown_field(const uint32_t *s, size_t n, size_t i, unsigned flags, fo_meta_match *m)
{
    enum { UNKNOWN_VALUE_MAX = 20 };
    size_t v = unknown_key_at(s, n, i);
    if (v == i)
        return i;
    v = fo_cp_skip_spaces(s, n, v);
    size_t e = value_end(s, n, v, flags);
    if (e - v > UNKNOWN_VALUE_MAX || fo_cp_has_sentence_end(s, v, e))
        return 0;
    add_field(m, FO_FIELD_UNKNOWN, NULL, (fo_meta_span){i, v}, (fo_meta_span){v, e}, NULL);
    m->n_unknown++;
    return e;
}

/* After a date: a name with no key ("2007年03月16日18:54 中国网", "2017-11-12 某某双语新闻").  An
 * outlet (its name ends like a paper, site or station) is the source; another name is dropped. */
static size_t plain_name(const uint32_t *s, size_t n, size_t i, fo_meta_match *m)
{
    enum { NAME_MAX = 12 };
    size_t e = i;
    while (e < n && e - i <= NAME_MAX && (fo_cp_han(s[e]) || fo_cp_ascii_letter(s[e]) || fo_cp_digit(s[e])))
        e++;
    if (e == i || e - i > NAME_MAX || (e < n && !is_token_separator(s[e])))
        return i;
    for (size_t k = i; k < e; k++) /* a particle makes it a sentence, not a name */
        if (fo_cp_match(s, e, k, U"了") || fo_cp_match(s, e, k, U"着") || fo_cp_match(s, e, k, U"是") ||
            fo_cp_match(s, e, k, U"把") || fo_cp_match(s, e, k, U"被") || fo_cp_match(s, e, k, U"吗") ||
            fo_cp_match(s, e, k, U"呢") || fo_cp_match(s, e, k, U"过"))
            return i;
    if (fo_vocab_ending(s, i, e, FO_WORDS(FO_WORD_PRESS)) && e - i >= 2) {
        add_field(m, FO_FIELD_OUTLET, NULL, (fo_meta_span){i, i}, (fo_meta_span){i, e}, NULL);
        m->n_known++;
    } else {
        m->furniture++;
    }
    return e;
}

/* "原创 张三 某某公众号 2025-01-16 08:00": names before a date; is a date ahead, a few names on? */
static bool date_ahead(const uint32_t *s, size_t n, size_t i, unsigned flags)
{
    enum { AHEAD_MAX = 40 };
    fo_text_date d;
    for (size_t k = i; k < n && k - i < AHEAD_MAX; k++)
        if (fo_cp_digit(s[k]) && (k == 0 || fo_cp_space(s[k - 1])) && fo_parse_date(s, n, k, flags, &d) > k)
            return true;
    return false;
}

/* "作者：张三　李四": a further name after a people key's value, set off by white space, joins the
 * value (the byline's names are split again on the spaces).  Returns its end, or i. */
static size_t more_names(const uint32_t *s, size_t n, size_t i, fo_meta_match *m)
{
    enum { NAME_MIN = 2, NAME_MAX = 4 };
    fo_meta_field *last = m->n_fields ? &m->fields[m->n_fields - 1] : NULL;
    if (!last || last->cls != FO_WORD_ROLE || last->value.end == last->value.start || i == 0 || !fo_cp_space(s[i - 1]))
        return i;
    for (size_t k = last->value.end; k < i; k++)
        if (!fo_cp_space(s[k]))
            return i; /* only white space between the names */
    size_t e = i;
    while (e < n && e - i <= NAME_MAX && fo_cp_han(s[e]))
        e++;
    if (e - i < NAME_MIN || e - i > NAME_MAX || (e < n && !fo_cp_space(s[e])))
        return i;
    last->value.end = e;
    return e;
}

/* One token at s[i]: returns its end, or i when nothing there is metadata. */
static size_t meta_token(const uint32_t *s, size_t n, size_t i, unsigned flags, fo_meta_match *m, size_t *names)
{
    size_t e;
    fo_text_date d;
    if ((e = url_at(s, n, i)) > i) {
        m->furniture++;
        return e;
    }
    if ((e = date_at(s, n, i, flags, &d)) > i) {
        add_field(m, FO_FIELD_DATE, NULL, (fo_meta_span){i, i}, (fo_meta_span){i, e}, &d);
        m->n_known++;
        return e;
    }
    if ((e = fo_parse_time(s, n, i, &d)) > i) {
        d.year = d.month = d.day = 0;
        add_field(m, FO_FIELD_TIME, NULL, (fo_meta_span){i, i}, (fo_meta_span){i, e}, &d);
        m->n_known++;
        return e;
    }
    if ((e = keyed_field(s, n, i, flags, m)) != i)
        return e;
    if ((e = fo_rule_furniture_run(s, n, i)) > 0) {
        m->furniture++;
        return i + e;
    }
    if ((e = more_names(s, n, i, m)) > i)
        return e;
    size_t tag;
    if (m->n_fields == 0 && fo_vocab_at(s, n, i, FO_WORDS(FO_WORD_TAG), false, &tag) &&
        (i + tag == n || fo_cp_space(s[i + tag]))) { /* "原创 …": the post's tag */
        m->furniture++;
        return i + tag;
    }
    if ((e = unknown_field(s, n, i, flags, m)) != i)
        return e;
    bool after_date = m->n_fields > 0 && (m->fields[m->n_fields - 1].has_date || *names > 0);
    /* names before the date only after a post's tag ("原创 张三 某某号 2025-…"): a site's name before
     * a date ("某某区人民政府 2019年12月3日") is chrome */
    bool after_tag = m->n_fields == 0 && m->furniture > 0;
    if ((after_date || (after_tag && date_ahead(s, n, i, flags))) && *names < 3 &&
        (e = plain_name(s, n, i, m)) > i) {
        (*names)++;
        return e;
    }
    return i;
}

bool fo_rule_meta_line(const uint32_t *s, size_t line_len, unsigned flags, fo_meta_match *m)
{
    memset(m, 0, sizeof *m);
    size_t i = 0, n = line_len, names = 0;
    strip_wrapping(s, &i, &n);
    while (i < n) {
        if (is_token_separator(s[i])) {
            i++;
            continue;
        }
        size_t e = meta_token(s, n, i, flags, m, &names);
        if (e <= i)
            return false; /* running text (or a value that is a sentence): no metadata line */
        i = e;
    }
    m->parsed = true;
    return m->n_known > 0;
}

const fo_meta_field *fo_meta_field_of(const fo_meta_match *m, int cls)
{
    for (size_t i = 0; i < m->n_fields; i++)
        if (m->fields[i].cls == cls)
            return &m->fields[i];
    return NULL;
}

const fo_meta_field *fo_meta_pubdate(const fo_meta_match *m)
{
    for (size_t i = 0; i < m->n_fields; i++) {
        const fo_meta_field *f = &m->fields[i];
        if (f->has_date && (f->cls == FO_WORD_PUBDATE || f->cls == FO_FIELD_DATE))
            return f;
    }
    return NULL;
}
