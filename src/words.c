/* words.c — word boundaries (ICU) and URLs in running text (see words.h). */
#include "words.h"

#include <stdint.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "text.h"

/* Whether s[a, b) is one Han character. */
static bool single_han(const char *s, size_t a, size_t b)
{
    uint32_t cp;
    return b > a && fo_utf8_decode(s + a, b - a, &cp) == b - a && fo_is_han(cp);
}

/* ICU gives a function word (的, 为) as a word of its own, and splits a word its dictionary lacks
 * into single characters (全|省|冬|春季): a boundary next to a one-character Han word, between two
 * Han words, is dropped, so that 全省冬春季 and 现代化 stay whole. */
static void glue_single_characters(const char *s, size_t len, bool *at)
{
    size_t prev = 0, cur = 0; /* the word before the boundary at `cur` starts at `prev` */
    for (size_t next = 1; next <= len; next++) {
        if (!at[next])
            continue;
        if (cur > 0 && (single_han(s, prev, cur) || single_han(s, cur, next))) {
            uint32_t a, b;
            size_t k = cur - 1;
            while (k > prev && (s[k] & 0xC0) == 0x80)
                k--;
            if (fo_utf8_decode(s + k, cur - k, &a) && fo_utf8_decode(s + cur, next - cur, &b) && fo_is_han(a) && fo_is_han(b))
                at[cur] = false;
        }
        prev = cur;
        cur = next;
    }
}

bool fo_words_boundaries(const char *s, size_t len, bool *at)
{
    memset(at, 0, (len + 1) * sizeof *at);
    at[0] = at[len] = true;
    if (len == 0 || len > INT32_MAX)
        return len == 0;
    UErrorCode status = U_ZERO_ERROR;
    UText *text = utext_openUTF8(NULL, s, (int64_t)len, &status);
    /* one iterator per call: opening is cheap once ICU has loaded its dictionary (the first call) */
    UBreakIterator *words = ubrk_open(UBRK_WORD, "zh", NULL, 0, &status);
    if (U_SUCCESS(status))
        ubrk_setUText(words, text, &status);
    bool ok = U_SUCCESS(status);
    for (int32_t p = ok ? ubrk_first(words) : UBRK_DONE; p != UBRK_DONE; p = ubrk_next(words))
        if (p >= 0 && (size_t)p <= len)
            at[p] = true; /* offsets into UTF-8 text are byte offsets */
    ubrk_close(words);
    utext_close(text);
    if (ok)
        glue_single_characters(s, len, at);
    return ok;
}

/* ---- URLs and e-mail addresses ---- */

/* A character of a token that may be (part of) a URL: printable ASCII but the quotes, angle
 * brackets and the like that a URL in running text never holds unescaped. */
static bool is_url_char(char c) { return c > 0x20 && c < 0x7F && !strchr("\"<>\\^`{|}", c); }

static bool is_alnum(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

static bool is_email_local(char c) { return is_alnum(c) || (c && strchr("._%+-", c)); }
static bool is_host_char(char c) { return is_alnum(c) || c == '.' || c == '-'; }

/* Sentence punctuation after a URL belongs to the sentence. */
static size_t trim_trailing(const char *s, size_t start, size_t end)
{
    while (end > start && strchr(".,;:!?)]'*-", s[end - 1]))
        end--;
    return end;
}

static bool starts_with_ci(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if ((s[i] | 0x20) != prefix[i])
            return false;
    return true;
}

/* A scheme or "www." inside token [t, e), not glued to a letter before it, with a letter or digit
 * after it. */
static bool find_web_address(const char *s, size_t t, size_t e, size_t *start, size_t *end)
{
    static const char *const openers[] = {"https://", "http://", "ftp://", "www."};
    for (size_t i = t; i < e; i++) {
        if (i > t && is_alnum(s[i - 1]))
            continue;
        for (size_t k = 0; k < sizeof openers / sizeof *openers; k++) {
            size_t n = strlen(openers[k]);
            if (starts_with_ci(s + i, e - i, openers[k]) && i + n < e && is_alnum(s[i + n])) {
                *start = i;
                *end = trim_trailing(s, i, e);
                return true;
            }
        }
    }
    return false;
}

/* local@host.domain inside token [t, e): the first '@' with a local part before it and a host
 * name with a dot after it. */
static bool find_email(const char *s, size_t t, size_t e, size_t *start, size_t *end)
{
    for (size_t at = t; at < e; at++) {
        if (s[at] != '@')
            continue;
        size_t l = at;
        while (l > t && is_email_local(s[l - 1]))
            l--;
        size_t h = at + 1;
        while (h < e && is_host_char(s[h]))
            h++;
        h = trim_trailing(s, at + 1, h);
        const char *dot = memchr(s + at + 1, '.', h - at - 1);
        if (l < at && dot && dot > s + at + 1) {
            *start = l;
            *end = h;
            return true;
        }
    }
    return false;
}

bool fo_words_find_url(const char *s, size_t len, size_t from, size_t *start, size_t *end)
{
    for (size_t i = from; i < len;) {
        while (i < len && !is_url_char(s[i]))
            i++;
        size_t t = i;
        while (i < len && is_url_char(s[i]))
            i++;
        if (i > t && (find_web_address(s, t, i, start, end) || find_email(s, t, i, start, end)))
            return true;
    }
    return false;
}

bool fo_words_url_break_after(char c) { return c && strchr("/.-_?&=@", c); }
