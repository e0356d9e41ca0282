/* text.c — UTF-8 helpers, character classes, input decoding (UTF-8 / GB18030 through iconv). */
#include "text.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

size_t fo_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t n;
    uint32_t c, min;
    if ((s[0] & 0xE0) == 0xC0)
        n = 2, c = s[0] & 0x1F, min = 0x80;
    else if ((s[0] & 0xF0) == 0xE0)
        n = 3, c = s[0] & 0x0F, min = 0x800;
    else if ((s[0] & 0xF8) == 0xF0)
        n = 4, c = s[0] & 0x07, min = 0x10000;
    else
        return 0;
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

size_t fo_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t fo_utf8_count(const char *s, size_t len)
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        count += ((unsigned char)s[i] & 0xC0) != 0x80;
    return count;
}

size_t fo_utf8_validate(const char *s, size_t len)
{
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = fo_utf8_decode(s + i, len - i, &cp);
        if (!n)
            return i;
        i += n;
    }
    return len;
}

bool fo_is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x323AF) || cp == 0x3007;
}

bool fo_is_cjk_punct(uint32_t cp)
{
    switch (cp) {
    case 0x3001: case 0x3002: case 0x3008: case 0x3009: case 0x300A: case 0x300B: case 0x300C:
    case 0x300D: case 0x300E: case 0x300F: case 0x3010: case 0x3011: case 0x3014: case 0x3015:
    case 0x3016: case 0x3017: case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x2014:
    case 0x2026: case 0x00B7: case 0x30FB: case 0xFF5E:
        return true;
    default:
        return fo_is_fullwidth_form(cp) && !fo_is_latin_or_digit(cp - 0xFEE0);
    }
}

bool fo_is_fullwidth_form(uint32_t cp) { return cp >= 0xFF01 && cp <= 0xFF5E; }

bool fo_is_latin_or_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

bool fo_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) ||
           cp == 0x202F || cp == 0x205F || cp == 0xFEFF;
}

bool fo_is_invisible(uint32_t cp)
{
    if (fo_is_space(cp))
        return true;
    static const uint32_t ranges[][2] = {
        {0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x061C, 0x061C}, {0x115F, 0x1160}, {0x17B4, 0x17B5},
        {0x180B, 0x180F}, {0x200C, 0x200F}, {0x2028, 0x202E}, {0x2060, 0x206F}, {0x2800, 0x2800},
        {0x3164, 0x3164}, {0xFE00, 0xFE0F}, {0xFFA0, 0xFFA0}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},
        {0xE0000, 0xE0FFF},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (cp >= ranges[i][0] && cp <= ranges[i][1])
            return true;
    return false;
}

bool fo_utf8_invisible(const char *s, size_t len)
{
    uint32_t cp;
    for (size_t i = 0; i < len;) {
        size_t n = fo_utf8_decode(s + i, len - i, &cp);
        if (!n || !fo_is_invisible(cp))
            return false;
        i += n;
    }
    return true;
}

bool fo_looks_binary(const char *bytes, size_t len)
{
    /* A NUL anywhere: no text file holds one, and one deep inside is a damaged or binary file that
     * must not be converted with the NUL silently dropped. */
    if (memchr(bytes, '\0', len))
        return true;
    size_t probe = len < 8192 ? len : 8192, controls = 0;
    for (size_t i = 0; i < probe; i++) {
        unsigned char c = (unsigned char)bytes[i];
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            controls++;
    }
    return probe && controls * 10 > probe; /* more than 10% control bytes */
}

/* Line and column (in characters) of byte `off` in `s`, for messages. */
static void line_col(const char *s, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n')
            l++, c = 1;
        else if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    }
    *line = l;
    *col = c;
}

/* GB18030 → UTF-8.  NULL when the bytes are not GB18030 either; *bad receives the offset of the
 * first byte iconv could not convert. */
static char *from_gb18030(const char *in, size_t len, size_t *out_len, size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) {
        *bad = 0;
        return NULL;
    }
    size_t cap = len * 2 + 16;
    char *out = fo_xmalloc(cap);
    char *src = (char *)in, *dst = out;
    size_t src_left = len, dst_left = cap - 1;
    while (src_left > 0) {
        if (iconv(cd, &src, &src_left, &dst, &dst_left) != (size_t)-1)
            break;
        if (errno == E2BIG) {
            size_t used = (size_t)(dst - out);
            cap *= 2;
            out = fo_xrealloc(out, cap);
            dst = out + used;
            dst_left = cap - used - 1;
            continue;
        }
        *bad = (size_t)(src - in);
        iconv_close(cd);
        free(out);
        return NULL;
    }
    iconv_close(cd);
    *out_len = (size_t)(dst - out);
    out[*out_len] = '\0';
    return out;
}

size_t fo_text_clean(char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r') {
            s[o++] = '\n';
            if (i + 1 < len && s[i + 1] == '\n')
                i++;
        } else if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
            s[o++] = ' ';
            i++;
        } else if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBF &&
                   ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)) {
            i += 2;
        } else if (c < 0x20 && c != '\n' && c != '\t') {
            continue;
        } else if (c == 0x7F) {
            continue;
        } else {
            s[o++] = (char)c;
        }
    }
    s[o] = '\0';
    return o;
}

/* Which encoding a file that is not valid UTF-8 is in, decided on evidence from the whole file.
 *   UTF-8:   multi-byte sequences that are valid UTF-8, against bytes that are not.  GB18030 text
 *            passes for UTF-8 only by accident (the seed in GB18030: 2,070 sequences pass, 8,606
 *            bytes fail), damaged UTF-8 fails at a few places among many that pass.
 *   GB18030: characters among the most used ones (GB2312's symbol rows and its 3,755 level-1
 *            hanzi), against rarer ones.  Real Chinese text is nearly all level 1, while UTF-8
 *            read as GB18030 falls on level-2 hanzi and GBK's extension rows (E4 B8 AD, "中", is
 *            two rare characters' worth of bytes).
 * The file is UTF-8 when the first evidence outweighs the second; GB18030 text holds at least one
 * common character.  When the two nearly balance (a few characters either way) the choice is
 * unsure, and folio says so. */
typedef struct enc_evidence {
    size_t utf8_valid, utf8_bad, first_utf8_bad;
    size_t gb_common, gb_rare, gb_bad, first_gb_bad;
} enc_evidence;

enum { ENC_UNSURE_MARGIN = 2 };

static void utf8_evidence(const unsigned char *s, size_t len, enc_evidence *ev)
{
    uint32_t cp;
    ev->first_utf8_bad = len;
    for (size_t i = 0; i < len;) {
        size_t n = s[i] < 0x80 ? 1 : fo_utf8_decode((const char *)s + i, len - i, &cp);
        if (n > 1)
            ev->utf8_valid++;
        if (n == 0 && ev->utf8_bad++ == 0)
            ev->first_utf8_bad = i;
        i += n ? n : 1;
    }
}

/* Length of the GB18030 character at s[0..len): 1, 2 or 4, or 0 when it is not one. */
static size_t gb18030_length(const unsigned char *s, size_t len)
{
    if (s[0] < 0x80)
        return 1;
    if (s[0] == 0x80 || s[0] == 0xFF || len < 2)
        return 0;
    if ((s[1] >= 0x40 && s[1] <= 0x7E) || (s[1] >= 0x80 && s[1] <= 0xFE))
        return 2;
    if (s[1] >= 0x30 && s[1] <= 0x39 && len >= 4 && s[2] >= 0x81 && s[2] <= 0xFE && s[3] >= 0x30 && s[3] <= 0x39)
        return 4;
    return 0;
}

static void gb18030_evidence(const unsigned char *s, size_t len, enc_evidence *ev)
{
    ev->first_gb_bad = len;
    for (size_t i = 0; i < len;) {
        size_t n = gb18030_length(s + i, len - i);
        if (n == 0 && ev->gb_bad++ == 0)
            ev->first_gb_bad = i;
        bool common = n == 2 && ((s[i] >= 0xA1 && s[i] <= 0xA9) || (s[i] >= 0xB0 && s[i] <= 0xD7)) && s[i + 1] >= 0xA1;
        if (n > 1)
            *(common ? &ev->gb_common : &ev->gb_rare) += 1;
        i += n ? n : 1;
    }
}

/* Positive: UTF-8; zero or negative: GB18030. */
static long long utf8_over_gb18030(const enc_evidence *ev)
{
    return ((long long)ev->utf8_valid - (long long)ev->utf8_bad) + ((long long)ev->gb_rare - (long long)ev->gb_common);
}

static void report_bad_byte(fo_diag *d, const char *bytes, size_t at, size_t skipped, const char *what)
{
    int line, col;
    line_col(bytes, at, &line, &col);
    fo_error(d, line, col, "invalid byte 0x%02X at byte offset %zu: %s", (unsigned char)bytes[at], at + skipped, what);
}

/* GB18030 → UTF-8 after the evidence chose it; NULL with an error (or a warning and the text). */
static char *decode_gb18030(const char *bytes, size_t len, size_t bom, const enc_evidence *ev, size_t *text_len,
                            fo_diag *d)
{
    size_t bad = 0;
    char *text = ev->gb_bad ? NULL : from_gb18030(bytes, len, text_len, &bad);
    if (!text) {
        bad = ev->gb_bad ? ev->first_gb_bad : bad;
        report_bad_byte(d, bytes, bad, bom, "damaged GB18030 (the rest of the file is GB18030)");
        return NULL;
    }
    if (llabs(utf8_over_gb18030(ev)) <= ENC_UNSURE_MARGIN && ev->utf8_valid) {
        int line, col;
        line_col(bytes, ev->first_utf8_bad, &line, &col);
        fo_warn(d, line, col, "read as GB18030, but the evidence is thin: the file may be UTF-8 damaged here "
                "(byte 0x%02X at byte offset %zu); check the output", (unsigned char)bytes[ev->first_utf8_bad],
                ev->first_utf8_bad + bom);
    }
    return text;
}

/* Line ends as the decoder will see them: LF, CRLF or a lone CR (never a byte of a multi-byte
 * character, in UTF-8 or GB18030).  Stops counting just past the limit. */
static size_t count_lines(const char *s, size_t len)
{
    size_t n = 1;
    for (const char *p = s, *end = s + len; n <= FO_MAX_LINES && (p = memchr(p, '\n', (size_t)(end - p))); p++)
        n++;
    if (n == 1 && memchr(s, '\r', len)) /* old Mac line ends: count CRs */
        for (const char *p = s, *end = s + len; n <= FO_MAX_LINES && (p = memchr(p, '\r', (size_t)(end - p))); p++)
            n++;
    return n;
}

char *fo_decode_input(const char *bytes, size_t len, size_t *out_len, const char **encoding_out, fo_diag *d)
{
    if (len > FO_MAX_INPUT_BYTES) {
        fo_error(d, 0, 0, "the input is %zu bytes; folio reads at most %zu MB (%zu bytes)", len,
                 FO_MAX_INPUT_BYTES >> 20, FO_MAX_INPUT_BYTES);
        return NULL;
    }
    size_t lines = count_lines(bytes, len);
    if (lines > FO_MAX_LINES) {
        fo_error(d, 0, 0, "the input has more than %zu lines, the most folio reads (an article has some thousands)",
                 FO_MAX_LINES);
        return NULL;
    }
    size_t bom = 0; /* offsets in messages count from the start of the file */
    bool gb_bom = len >= 4 && memcmp(bytes, "\x84\x31\x95\x33", 4) == 0;
    if (gb_bom || (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)) {
        bom = gb_bom ? 4 : 3;
        bytes += bom;
        len -= bom;
    }
    const char *encoding = "UTF-8";
    char *text = NULL;
    size_t text_len = len;
    enc_evidence ev = {0};
    utf8_evidence((const unsigned char *)bytes, len, &ev);
    if (ev.utf8_bad == 0 && !gb_bom) {
        text = fo_xmalloc(len + 1);
        memcpy(text, bytes, len);
        text[len] = '\0';
    } else {
        gb18030_evidence((const unsigned char *)bytes, len, &ev);
        bool utf8 = !gb_bom && (utf8_over_gb18030(&ev) > 0 || ev.gb_common == 0);
        if (utf8)
            report_bad_byte(d, bytes, ev.first_utf8_bad, bom,
                            ev.utf8_valid ? "damaged UTF-8 (the rest of the file is UTF-8)"
                                          : "the file is neither UTF-8 nor GB18030 (no Chinese text in either)");
        else
            text = decode_gb18030(bytes, len, bom, &ev, &text_len, d);
        if (!text)
            return NULL;
        encoding = "GB18030";
    }
    text_len = fo_text_clean(text, text_len);
    *out_len = text_len;
    if (encoding_out)
        *encoding_out = encoding;
    return text;
}
