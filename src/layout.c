/* layout.c — Chinese paragraph line breaking and pagination (see layout.h).
 *
 * A paragraph is first flattened into one array of characters (code point, run, byte offset,
 * advance, and the space or compression at the boundary before it).  Break opportunities come from
 * libunibreak ("zh"), corrected for the clreq basic prohibitions.  Lines are then filled greedily:
 * each line is measured with a full-width mark at its end set half width (push-in, "先挤进"), and only
 * when the last opportunity that fits is chosen does the rest go down (push-out, "后推出").  Every
 * line is scanned at most once plus the part that did not fit, so the work is linear in the
 * paragraph's length.
 *
 * Justification is by inter-character spacing (Tc): the extra space is spread over the boundaries
 * between characters, except those inside a Latin word or a number and between the halves of
 * `——` and `……`.  When that spacing would pass 0.08 em, Han–Latin boundaries take up to a
 * quarter em more first; when a line would still be spaced that widely and the next unit fits by
 * squeezing the blank halves of the marks inside the line, it is squeezed instead (push-in again).
 * Segments are cut wherever a position does not follow from the previous glyph's advance plus the
 * segment's Tc, so the writer only ever sets Tc and moves to x; a Latin word is one segment.
 *
 * Last, a last line holding a single Han character gets one more unit from the line above.
 */
#include "layout.h"

#include <linebreak.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"
#include "words.h"

/* A quarter em between a Han character and an adjacent Latin letter or digit (clreq §3.2.2). */
#define HAN_LATIN_GAP_EM 0.25
/* When character spacing alone would pass MAX_CHAR_SPACE_EM, a Han–Latin boundary may take up to
 * this much more (an extractor sees a word space there anyway). */
#define HAN_LATIN_EXTRA_MAX_EM 0.25
/* A mark is "full width" (and so compressible) when its advance is at least this share of the em. */
#define FULL_WIDTH_MIN_EM 0.9
/* Character spacing above this share of the em makes extractors insert spaces (LIBRARIES.md). */
#define MAX_CHAR_SPACE_EM 0.08
/* A line would rather not be spaced wider than this (a quarter em between characters, which reads
 * as letter-spacing): a long token after it (a URL, an address, a long Latin word) is cut inside
 * instead, and a last line's lone character is not pulled down at that price. */
#define MAX_TOKEN_SPACE_EM 0.25
/* A token is long enough to be cut inside from this many characters on; each piece keeps at
 * least TOKEN_PIECE_CHARS (a Latin word of ordinary length is never cut). */
#define LONG_TOKEN_CHARS 12
#define TOKEN_PIECE_CHARS 3
/* Inside a URL or an e-mail address, which reads the same broken anywhere, a cut is preferred to
 * spacing the line before it wider than this. */
#define MAX_URL_SPACE_EM 0.12
/* A line that would need more spacing than this to be justified (a couple of marks before a word
 * too long for the line) is set ragged instead.  3 em at the largest type a style allows (96 pt)
 * stays under libharu's limit of 300 pt, past which it refused the spacing and the whole PDF with
 * it (0x1056). */
#define RAGGED_CHAR_SPACE_EM 3.0
/* Widths are compared with this tolerance, pt. */
#define WIDTH_EPSILON 0.001
/* Two positions closer than this are the same, pt (segments are cut when they differ). */
#define POSITION_EPSILON 1e-9

typedef struct lay_char {
    uint32_t cp;
    size_t run, off;        /* run index, byte offset of the character in runs[run].text */
    size_t nbytes;
    double adv;             /* natural advance with the paragraph's tracking, pt */
    double track;           /* the paragraph's tracking, pt */
    double size;            /* font size of its run, pt */
    double adj_before;      /* gap (+) or compression (−) between the previous character and this
                               one, applied only when both are on the same line */
    bool brk_after;         /* a line may end after this character */
    bool must_after;        /* a line must end after it (a newline, or the paragraph's end) */
    bool end_half;          /* full-width mark with its blank on the right: half width at line end */
    bool hold_after;        /* no justification space after it (inside a word, or `——` `……`) */
    bool squeezable;        /* full-width mark whose blank half is still there to squeeze mid-line */
    bool han_latin;         /* a Han character and a Latin letter or digit meet before it */
    bool hangs;             /* space or newline: not drawn, not measured at the end of a line */
    bool own_seg;           /* half of `——` or `……`, set at a full em whatever the font says: a
                               segment of its own, so the writer places it where layout does */
    bool no_cut;            /* inside a URL's `https://` or `www.`: a long token is never cut here */
    bool in_url;            /* part of a URL or an e-mail address */
} lay_char;

/* One paragraph being broken: the flattened characters and the growing output. */
/* How a justified line spreads its extra space: Tc after every glyph that may take it, plus an
 * extra at each Han–Latin boundary when Tc alone would be too wide. */
typedef struct spacing {
    double tc, han_latin_extra;
} spacing;

typedef struct lay_ctx {
    const fo_lay_run *runs;
    const fo_lay_para_opts *opts;
    lay_char *ch;
    size_t n;
    fo_lay_para *out;
    size_t seg_cap, line_cap;
} lay_ctx;

/* What a line [start, end) measures. */
typedef struct line_metrics {
    size_t draw_end;        /* end of the drawn characters (trailing spaces hang) */
    double natural;         /* content width with its end mark at half width, pt */
    size_t gaps;            /* boundaries that take justification space */
    double squeeze;         /* how much the marks inside the line could give up, pt */
    size_t han_latin;       /* Han–Latin boundaries inside the line */
    double size;            /* largest font size */
} line_metrics;

/* ---- character classes ---- */

static bool in_list(uint32_t cp, const uint32_t *list, size_t n)
{
    /* no list holds a Han character, kana or hangul, a letter or a digit: most text is out at once */
    if ((cp >= 0x3100 && cp < 0xFF00) || (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))
        return false;
    for (size_t i = 0; i < n; i++)
        if (list[i] == cp)
            return true;
    return false;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* clreq basic level: may not start a line (pause and stop marks, closing quotes, brackets and
 * book-title marks, interpuncts, connectors, % and ‰).  A single `—` is handled apart. */
static bool no_line_start(uint32_t cp)
{
    static const uint32_t list[] = {
        0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01,   /* 、。，．：；？！ */
        0xFF09, 0xFF3D, 0xFF5D, 0x3015, 0x3009, 0x300B, 0x300D, 0x300F,   /* ）］｝〕〉》」』 */
        0x3011, 0x3017, 0x3019, 0x201D, 0x2019,                           /* 】〗〙”’ */
        ',', '.', ':', ';', '?', '!', ')', ']', '}', '%', 0x2030,          /* ASCII, ‰ */
        0x00B7, 0x2027, 0x30FB, 0xFF5E, '~', 0x301C,                      /* ·‧・～~〜 */
    };
    return in_list(cp, list, COUNT(list));
}

/* clreq basic level: may not end a line (opening quotes, brackets, book-title marks). */
static bool no_line_end(uint32_t cp)
{
    static const uint32_t list[] = {
        0xFF08, 0xFF3B, 0xFF5B, 0x3014, 0x3008, 0x300A, 0x300C, 0x300E,   /* （［｛〔〈《「『 */
        0x3010, 0x3016, 0x3018, 0x201C, 0x2018, '(', '[', '{',            /* 【〖〘“‘ ( [ { */
    };
    return in_list(cp, list, COUNT(list));
}

/* Full-width marks whose glyph sits left in the em box, blank half on the right (mainland style). */
static bool blank_on_right(uint32_t cp)
{
    static const uint32_t list[] = {
        0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01,   /* 、。，．：；？！ */
        0xFF09, 0xFF3D, 0xFF5D, 0x3015, 0x3009, 0x300B, 0x300D, 0x300F,   /* ）］｝〕〉》」』 */
        0x3011, 0x3017, 0x3019, 0x201D, 0x2019,                           /* 】〗〙”’ */
    };
    return in_list(cp, list, COUNT(list));
}

/* Full-width opening marks: glyph right in the em box, blank half on the left. */
static bool blank_on_left(uint32_t cp) { return no_line_end(cp) && cp >= 0x80; }

static bool is_dash_or_ellipsis(uint32_t cp) { return cp == 0x2014 || cp == 0x2026; }

/* Characters set on the CJK grid (Han, kana, hangul, full-width forms and punctuation): the
 * boundaries around them take justification space. */
static bool is_cjk_wide(uint32_t cp)
{
    return fo_is_han(cp) || fo_is_cjk_punct(cp) || fo_is_fullwidth_form(cp) ||
           (cp >= 0x2E80 && cp <= 0x31FF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

static bool is_line_separator(uint32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

/* Not drawn at the end of a line, nor measured there (an ideographic space is drawn: it is text). */
static bool is_hanging(uint32_t cp) { return is_line_separator(cp) || (fo_is_space(cp) && cp != 0x3000); }

/* Part of a Latin word or a number: no justification space inside. */
static bool is_word_char(uint32_t cp) { return !is_cjk_wide(cp) && !is_hanging(cp); }

/* ---- flattening ---- */

static size_t count_chars(const fo_lay_run *runs, size_t n)
{
    size_t total = 0;
    for (size_t r = 0; r < n; r++)
        for (size_t i = 0; i < runs[r].len;) {
            uint32_t cp;
            size_t k = fo_utf8_decode(runs[r].text + i, runs[r].len - i, &cp);
            i += k ? k : 1;
            total++;
        }
    return total;
}

/* Decode every run into c->ch and build a clean UTF-8 copy for libunibreak (invalid bytes become
 * U+FFFD); `first_byte[k]` receives where character k starts in that copy. */
static char *flatten(lay_ctx *c, const fo_lay_run *runs, size_t nruns, size_t *clean_len, size_t *first_byte)
{
    fo_buf clean = {0};
    size_t k = 0;
    for (size_t r = 0; r < nruns; r++) {
        for (size_t i = 0; i < runs[r].len;) {
            uint32_t cp;
            size_t nb = fo_utf8_decode(runs[r].text + i, runs[r].len - i, &cp);
            if (!nb) {
                cp = 0xFFFD;
                nb = 1;
            }
            lay_char *ch = &c->ch[k];
            memset(ch, 0, sizeof *ch);
            ch->cp = cp;
            ch->run = r;
            ch->off = i;
            ch->nbytes = nb;
            ch->size = runs[r].size;
            ch->hangs = is_hanging(cp);
            ch->adv = is_line_separator(cp) ? 0 : c->opts->advance(c->opts->ctx, runs[r].font, runs[r].size, cp);
            if (!(ch->adv >= 0))
                ch->adv = 0;
            double tracking = c->opts->tracking;
            if (!is_line_separator(cp) && isfinite(tracking) && ch->adv + tracking > 0) {
                ch->track = tracking;
                ch->adv += ch->track;
            }
            char enc[4];
            first_byte[k] = clean.len;
            fo_buf_append(&clean, enc, fo_utf8_encode(cp, enc));
            i += nb;
            k++;
        }
    }
    *clean_len = clean.len;
    if (!clean.data)
        fo_buf_putc(&clean, '\0');
    return fo_buf_steal(&clean);
}

static bool is_full_width(const lay_char *ch) { return ch->adv >= FULL_WIDTH_MIN_EM * ch->size; }

/* `——` and `……` are two ems (TYPOGRAPHY.md) whatever the font's advance (Noto's — is 0.89 em). */
static void set_two_em_marks(lay_ctx *c)
{
    for (size_t k = 0; k + 1 < c->n; k++) {
        lay_char *a = &c->ch[k], *b = &c->ch[k + 1];
        if (is_dash_or_ellipsis(a->cp) && a->cp == b->cp) {
            a->adv = a->size;
            b->adv = b->size;
            a->own_seg = b->own_seg = true;
        }
    }
}

/* A full-width mark with a blank half that may be compressed away. */
static bool is_compressible_mark(const lay_char *ch)
{
    return (blank_on_right(ch->cp) || blank_on_left(ch->cp)) && is_full_width(ch);
}

/* Break opportunities: libunibreak, then the clreq fixes it misses (LIBRARIES.md). */
static void find_opportunities(lay_ctx *c, const char *clean, size_t clean_len, const size_t *first_byte)
{
    char *brks = fo_xmalloc(clean_len ? clean_len : 1);
    set_linebreaks_utf8((const utf8_t *)clean, clean_len, "zh", brks);
    for (size_t k = 0; k < c->n; k++) {
        size_t last_byte = (k + 1 < c->n ? first_byte[k + 1] : clean_len) - 1;
        c->ch[k].must_after = brks[last_byte] == LINEBREAK_MUSTBREAK || k + 1 == c->n;
        c->ch[k].brk_after = brks[last_byte] == LINEBREAK_ALLOWBREAK;
    }
    free(brks);

    for (size_t k = 0; k + 1 < c->n; k++) {
        lay_char *a = &c->ch[k];
        uint32_t next = c->ch[k + 1].cp, after = k + 2 < c->n ? c->ch[k + 2].cp : 0;
        bool forbid = no_line_start(next) || no_line_end(a->cp);
        /* `——` and `……` are one unit; a single `—` may not start a line. */
        if (is_dash_or_ellipsis(a->cp) && next == a->cp)
            forbid = true;
        if (next == 0x2014 && after != 0x2014)
            forbid = true;
        if (forbid && !a->must_after)
            a->brk_after = a->must_after = false;
    }
}

static bool is_url_break(uint32_t cp) { return cp < 0x80 && fo_words_url_break_after((char)cp); }

/* URLs and e-mail addresses may also break after `/` `.` `-` `_` `?` `&` `=` `@` (no hyphen is
 * added), but not inside a run of those (`//`) nor before a mark that may not start a line. */
static void url_opportunities(lay_ctx *c, const char *clean, size_t clean_len, const size_t *first_byte)
{
    size_t k = 0, start, end;
    for (size_t from = 0; fo_words_find_url(clean, clean_len, from, &start, &end); from = end) {
        while (k < c->n && first_byte[k] < start)
            k++;
        const char *scheme_end = memchr(clean + start, '/', end - start);
        size_t opener = memcmp(clean + start, "www.", 4) == 0 ? start + 4 : scheme_end ? (size_t)(scheme_end - clean) + 2 : start;
        for (size_t j = k; j < c->n && first_byte[j] < end; j++) {
            c->ch[j].no_cut = first_byte[j] < opener;
            c->ch[j].in_url = true;
        }
        for (; k + 1 < c->n && first_byte[k + 1] < end; k++) {
            uint32_t next = c->ch[k + 1].cp;
            if (is_url_break(c->ch[k].cp) && !is_url_break(next) && !no_line_start(next))
                c->ch[k].brk_after = true;
        }
    }
}

/* Titles and headings: Han text breaks only between words (ICU's dictionary), so that a line never
 * ends inside a word (`…现代化甘 / 肃篇章…`). */
static void keep_words(lay_ctx *c, const char *clean, size_t clean_len, const size_t *first_byte)
{
    fo_lay_words *kept = c->opts->words;
    bool *at = kept && kept->at && kept->len == clean_len ? kept->at : NULL;
    if (!at) {
        at = fo_xmalloc((clean_len + 1) * sizeof *at);
        fo_words_boundaries(clean, clean_len, at);
        if (kept) {
            free(kept->at);
            *kept = (fo_lay_words){at, clean_len};
        }
    }
    for (size_t k = 0; k + 1 < c->n; k++)
        if (fo_is_han(c->ch[k].cp) && fo_is_han(c->ch[k + 1].cp) && !at[first_byte[k + 1]])
            c->ch[k].brk_after = false;
    if (!kept)
        free(at);
}

/* Boundary spaces and compressions, end-of-line half widths, and where justification may go. */
static void find_spacing(lay_ctx *c)
{
    for (size_t k = 0; k < c->n; k++) {
        lay_char *b = &c->ch[k];
        b->end_half = blank_on_right(b->cp) && is_full_width(b);
        b->squeezable = is_compressible_mark(b);
        if (k == 0)
            continue;
        lay_char *a = &c->ch[k - 1];
        b->adj_before = 0;
        /* clreq: a quarter em between Han and Latin letters or digits, none next to punctuation. */
        b->han_latin = (fo_is_han(a->cp) && fo_is_latin_or_digit(b->cp)) ||
                       (fo_is_latin_or_digit(a->cp) && fo_is_han(b->cp));
        if (b->han_latin)
            b->adj_before = HAN_LATIN_GAP_EM * (a->size > b->size ? a->size : b->size);
        /* Mainland style: two adjacent full-width marks shrink to 1.5 em, losing the blank half that
         * lies between them (the first's right blank, or the second opening mark's left blank). */
        if (is_compressible_mark(a) && is_compressible_mark(b)) {
            if (blank_on_right(a->cp)) {
                b->adj_before = -a->adv / 2;
                a->squeezable = false;
            } else if (blank_on_left(a->cp) && blank_on_left(b->cp)) {
                b->adj_before = -b->adv / 2;
                b->squeezable = false;
            }
        }
        a->hold_after = (is_word_char(a->cp) && is_word_char(b->cp)) ||
                        (is_dash_or_ellipsis(a->cp) && a->cp == b->cp);
    }
}

/* ---- measuring and choosing breaks ---- */

static line_metrics measure_line(const lay_ctx *c, size_t start, size_t end)
{
    line_metrics m = {.draw_end = end};
    while (m.draw_end > start && c->ch[m.draw_end - 1].hangs)
        m.draw_end--;
    for (size_t k = start; k < end; k++)
        if (c->ch[k].size > m.size)
            m.size = c->ch[k].size;
    for (size_t k = start; k < m.draw_end; k++) {
        m.natural += c->ch[k].adv;
        if (c->ch[k].squeezable && k + 1 < m.draw_end)
            m.squeeze += c->ch[k].adv / 2;
        if (k > start) {
            m.natural += c->ch[k].adj_before;
            if (!c->ch[k - 1].hold_after)
                m.gaps++;
            if (c->ch[k].han_latin)
                m.han_latin++;
        }
    }
    if (m.draw_end > start && c->ch[m.draw_end - 1].end_half)
        m.natural -= c->ch[m.draw_end - 1].adv / 2;
    return m;
}

static double line_avail(const lay_ctx *c, size_t line_index)
{
    return c->opts->width - (line_index == 0 ? c->opts->indent : 0);
}

/* The line's justification space per boundary, or 0 when it is set flush. */
static spacing spacing_needed(const lay_ctx *c, const line_metrics *m, double avail, bool stretch)
{
    spacing sp = {0, 0};
    if (!stretch || c->opts->align != FO_ALIGN_JUSTIFY || m->gaps == 0 || m->natural >= avail)
        return sp;
    double extra = avail - m->natural, tc_limit = MAX_CHAR_SPACE_EM * m->size;
    if (m->han_latin > 0 && extra / (double)m->gaps > tc_limit) {
        double over = extra - tc_limit * (double)m->gaps;
        sp.han_latin_extra = fmin(over / (double)m->han_latin, HAN_LATIN_EXTRA_MAX_EM * m->size);
        extra -= sp.han_latin_extra * (double)m->han_latin;
    }
    sp.tc = extra / (double)m->gaps;
    return sp;
}

/* The spacing a line is set with: what it needs, or none (ragged) past RAGGED_CHAR_SPACE_EM.
 * Choosing breaks looks at what a line needs (spacing_needed), so as to avoid such lines. */
static spacing justify(const lay_ctx *c, const line_metrics *m, double avail, bool stretch)
{
    spacing sp = spacing_needed(c, m, avail, stretch);
    if (sp.tc > RAGGED_CHAR_SPACE_EM * m->size)
        sp = (spacing){0, 0};
    return sp;
}

static bool is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

/* The last place in (from, to] where a line may be cut inside the long token around `from` (a run
 * of at least LONG_TOKEN_CHARS Latin letters, digits and ASCII marks: a URL, an address, a code):
 * between two letters, or a letter and a digit, leaving at least TOKEN_PIECE_CHARS on each side;
 * never between two digits (a number stays whole), next to punctuation or inside a URL's
 * `https://`.  0 when there is none. */
static size_t cut_inside_token(const lay_ctx *c, size_t from, size_t to)
{
    /* the token is looked at no further than the cut needs (a 10 MB word stays linear) */
    size_t first = from, end = from, reach = to + TOKEN_PIECE_CHARS + LONG_TOKEN_CHARS;
    while (first > 0 && from - first < LONG_TOKEN_CHARS && is_word_char(c->ch[first - 1].cp))
        first--;
    while (end < c->n && end < reach && is_word_char(c->ch[end].cp))
        end++;
    if (end - first < LONG_TOKEN_CHARS || end < TOKEN_PIECE_CHARS)
        return 0;
    size_t last = end - TOKEN_PIECE_CHARS, next_break = end;
    for (size_t e = to < last ? to : last; e >= from + TOKEN_PIECE_CHARS; e--) {
        if (c->ch[e].brk_after)
            next_break = e + 1; /* the piece after a cut at e runs to here */
        uint32_t a = c->ch[e - 1].cp, b = c->ch[e].cp;
        if (fo_is_latin_or_digit(a) && fo_is_latin_or_digit(b) && !(is_digit(a) && is_digit(b)) &&
            !c->ch[e].no_cut && next_break - e >= TOKEN_PIECE_CHARS)
            return e;
    }
    return 0;
}

/* The end (exclusive) of the line that starts at `start` with `avail` points: the last
 * opportunity whose content fits, with its end mark at half width (push-in at the line end).
 * When that line would need more than the allowed character spacing, or nothing fits, the next
 * opportunity is taken instead if squeezing the blank halves of the marks inside the line makes
 * room for it (clreq "先挤进，后推出").  When the line would still be letter-spaced wider than
 * MAX_TOKEN_SPACE_EM because a long token does not fit after it, the token is cut inside; when
 * nothing fits at all, the line is cut after the last character that does (at least one), so
 * that no line overflows. */
static size_t find_line_end(const lay_ctx *c, size_t start, double avail, bool *hard)
{
    double w = 0, content = 0, squeeze = 0, squeeze_inside = 0;
    size_t best = 0, fits = start + 1, squeezed = 0;
    bool squeezed_hard = false;
    *hard = false;
    for (size_t j = start; j < c->n; j++) {
        const lay_char *ch = &c->ch[j];
        w += ch->adv + (j > start ? ch->adj_before : 0);
        if (!ch->hangs) {
            content = ch->end_half ? w - ch->adv / 2 : w;
            squeeze_inside = squeeze; /* the marks before the last drawn character */
            if (ch->squeezable)
                squeeze += ch->adv / 2;
        }
        if (content > avail + WIDTH_EPSILON) {
            if (content - squeeze_inside > avail + WIDTH_EPSILON)
                break;
            if (ch->brk_after || ch->must_after) {
                squeezed = j + 1;
                squeezed_hard = ch->must_after;
                break;
            }
            continue;
        }
        fits = j + 1;
        if (ch->must_after) {
            *hard = true;
            return j + 1;
        }
        if (ch->brk_after)
            best = j + 1;
    }
    if (best && squeezed) {
        line_metrics m = measure_line(c, start, best);
        if (spacing_needed(c, &m, avail, true).tc <= MAX_CHAR_SPACE_EM * m.size)
            return best;
    }
    if (squeezed) {
        *hard = squeezed_hard;
        return squeezed;
    }
    if (best) {
        line_metrics m = measure_line(c, start, best);
        double limit = best < c->n && c->ch[best].in_url ? MAX_URL_SPACE_EM : MAX_TOKEN_SPACE_EM;
        size_t cut = spacing_needed(c, &m, avail, true).tc > limit * m.size ? cut_inside_token(c, best, fits) : 0;
        return cut ? cut : best;
    }
    return fits;
}

/* A last line that holds a single Han character and nothing else but punctuation, full width or
 * ASCII (`局:` left so by the article is as lonely as `局：`). */
static bool is_lonely_last_line(const lay_ctx *c, size_t start, size_t end)
{
    size_t han = 0;
    for (size_t k = start; k < end; k++) {
        if (fo_is_han(c->ch[k].cp))
            han++;
        else if (fo_is_latin_or_digit(c->ch[k].cp))
            return false;
    }
    return han == 1;
}

typedef struct size_vec {
    size_t *v;
    size_t n, cap;
    bool *hard;             /* line ended by a mandatory break */
} size_vec;

static void vec_push(size_vec *s, size_t end, bool hard)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->v = fo_xrealloc(s->v, s->cap * sizeof *s->v);
        s->hard = fo_xrealloc(s->hard, s->cap * sizeof *s->hard);
    }
    s->v[s->n] = end;
    s->hard[s->n++] = hard;
}

/* Greedy filling from character `start` (which begins line number `line_index`) to the end. */
static void fill_lines(const lay_ctx *c, size_t start, size_t line_index, size_vec *ends)
{
    while (start < c->n) {
        bool hard;
        size_t end = find_line_end(c, start, line_avail(c, line_index), &hard);
        vec_push(ends, end, hard);
        start = end;
        line_index++;
    }
}

/* clreq: the last line holds at least two characters.  First push in: the line above takes the
 * last one whole by squeezing the blank halves of its marks.  Else pull one unit down from the
 * line above (its last opportunity before the current end), unless that line would then be
 * letter-spaced wider than MAX_TOKEN_SPACE_EM or the pull does not help. */
static void avoid_lonely_last_line(const lay_ctx *c, size_vec *ends)
{
    if (ends->n < 2 || ends->hard[ends->n - 2])
        return;
    size_t last_start = ends->v[ends->n - 2];
    if (!is_lonely_last_line(c, last_start, c->n))
        return;
    size_t prev_index = ends->n - 2;
    size_t prev_start = prev_index ? ends->v[prev_index - 1] : 0;
    line_metrics both = measure_line(c, prev_start, c->n);
    if (both.natural - both.squeeze <= line_avail(c, prev_index) + WIDTH_EPSILON) {
        ends->v[prev_index] = c->n;
        ends->hard[prev_index] = ends->hard[ends->n - 1];
        ends->n = prev_index + 1;
        return;
    }
    size_t cut = 0;
    for (size_t k = last_start - 1; k > prev_start; k--)
        if (c->ch[k - 1].brk_after) {
            cut = k;
            break;
        }
    if (!cut)
        return;
    line_metrics m = measure_line(c, prev_start, cut);
    double avail = line_avail(c, prev_index);
    if (spacing_needed(c, &m, avail, true).tc > MAX_TOKEN_SPACE_EM * m.size)
        return;
    size_vec tail = {0};
    fill_lines(c, cut, prev_index + 1, &tail);
    size_t tail_last_start = tail.n >= 2 ? tail.v[tail.n - 2] : cut;
    if (!is_lonely_last_line(c, tail_last_start, c->n)) {
        ends->v[prev_index] = cut;
        ends->n = prev_index + 1;
        for (size_t i = 0; i < tail.n; i++)
            vec_push(ends, tail.v[i], tail.hard[i]);
    }
    free(tail.v);
    free(tail.hard);
}

/* ---- output ---- */

static fo_lay_seg *new_seg(lay_ctx *c)
{
    fo_lay_para *p = c->out;
    if (p->n_segs == c->seg_cap) {
        c->seg_cap = c->seg_cap ? 2 * c->seg_cap : 32;
        p->segs = fo_xrealloc(p->segs, c->seg_cap * sizeof *p->segs);
    }
    return &p->segs[p->n_segs++];
}

static fo_lay_line *new_line(lay_ctx *c)
{
    fo_lay_para *p = c->out;
    if (p->n_lines == c->line_cap) {
        c->line_cap = c->line_cap ? 2 * c->line_cap : 16;
        p->lines = fo_xrealloc(p->lines, c->line_cap * sizeof *p->lines);
    }
    return &p->lines[p->n_lines++];
}

/* Place the characters of one line and cut them into segments. */
static void emit_line(lay_ctx *c, size_t line_index, size_t start, size_t end, bool last, bool hard)
{
    line_metrics m = measure_line(c, start, end);
    double avail = line_avail(c, line_index);
    spacing sp = justify(c, &m, avail, !last && !hard);
    double tc = sp.tc;
    double x = line_index == 0 ? c->opts->indent : 0;
    double slack = avail - m.natural > 0 ? avail - m.natural : 0;
    if (c->opts->align == FO_ALIGN_CENTER)
        x += slack / 2;
    else if (c->opts->align == FO_ALIGN_RIGHT)
        x += slack;

    fo_lay_line *line = new_line(c);
    line->first_seg = c->out->n_segs;
    line->width = m.natural;
    line->ascent = m.size;
    line->last = last;
    line->forced = end > start && !c->ch[end - 1].brk_after && !c->ch[end - 1].must_after;

    /* A line taken by squeezing: each mark inside gives up the same share of its blank half. */
    double squeeze_share = 0;
    if (m.natural > avail && m.squeeze > 0)
        squeeze_share = fmin(1, (m.natural - avail) / m.squeeze);

    fo_lay_seg *seg = NULL;
    double expected = 0; /* where the next glyph lands if it continues the current segment */
    for (size_t k = start; k < m.draw_end; k++) {
        const lay_char *ch = &c->ch[k];
        bool inside = k + 1 < m.draw_end;
        if (k > start) {
            const lay_char *prev = &c->ch[k - 1];
            x += prev->adv + ch->adj_before + (prev->hold_after ? 0 : tc);
            if (ch->han_latin)
                x += sp.han_latin_extra;
            if (prev->squeezable && blank_on_right(prev->cp))
                x -= squeeze_share * prev->adv / 2;
        }
        if (inside && ch->squeezable && blank_on_left(ch->cp))
            x -= squeeze_share * ch->adv / 2;
        /* A glyph that takes no space after it (inside a word) cannot join a spaced segment; a
         * glyph that does may end an unspaced one, as the next segment's x adds its space. */
        bool needs_unspaced = ch->hold_after && seg && seg->char_space != ch->track;
        bool alone = ch->own_seg || (k > start && c->ch[k - 1].own_seg);
        if (!seg || ch->run != seg->run || fabs(x - expected) > POSITION_EPSILON || needs_unspaced || alone) {
            seg = new_seg(c);
            seg->run = ch->run;
            seg->start = ch->off;
            seg->x = x;
            seg->char_space = (ch->hold_after ? 0 : tc) + ch->track;
        }
        seg->end = ch->off + ch->nbytes;
        expected = x + ch->adv + seg->char_space - ch->track;
    }
    line->n_segs = c->out->n_segs - line->first_seg;
}

/* Whether the whole text fits the first line (then no break is chosen and ICU need not be asked). */
static bool fits_one_line(const lay_ctx *c)
{
    double w = 0;
    for (size_t k = 0; k < c->n; k++) {
        if (c->ch[k].must_after && k + 1 < c->n)
            return false;
        w += c->ch[k].adv + HAN_LATIN_GAP_EM * c->ch[k].size; /* room for every gap there might be */
    }
    return w <= line_avail(c, 0);
}

void fo_lay_init(void) { init_linebreak(); }

int fo_lay_break(const fo_lay_run *runs, size_t n, const fo_lay_para_opts *opts, fo_lay_para *out)
{
    if (!out)
        return -1;
    memset(out, 0, sizeof *out);
    if ((n && !runs) || !opts || !opts->advance || !(opts->width > 0) || !(opts->indent >= 0) ||
        opts->indent >= opts->width)
        return -1;
    for (size_t r = 0; r < n; r++)
        if (runs[r].len && (!runs[r].text || !(runs[r].size > 0)))
            return -1;

    lay_ctx c = {.runs = runs, .opts = opts, .out = out};
    c.n = count_chars(runs, n);
    if (c.n == 0)
        return 0;
    c.ch = fo_xmalloc(c.n * sizeof *c.ch);
    size_t *first_byte = fo_xmalloc(c.n * sizeof *first_byte);
    size_t clean_len;
    char *clean = flatten(&c, runs, n, &clean_len, first_byte);
    set_two_em_marks(&c);
    find_opportunities(&c, clean, clean_len, first_byte);
    url_opportunities(&c, clean, clean_len, first_byte);
    if (opts->keep_words && !fits_one_line(&c))
        keep_words(&c, clean, clean_len, first_byte);
    free(clean);
    free(first_byte);
    find_spacing(&c);

    size_vec ends = {0};
    fill_lines(&c, 0, 0, &ends);
    avoid_lonely_last_line(&c, &ends);
    for (size_t i = 0, start = 0; i < ends.n; start = ends.v[i], i++)
        emit_line(&c, i, start, ends.v[i], i + 1 == ends.n, ends.hard[i]);

    free(ends.v);
    free(ends.hard);
    free(c.ch);
    /* a document keeps every paragraph's lines until its pages are drawn: no spare capacity */
    out->segs = fo_xrealloc(out->segs, out->n_segs * sizeof *out->segs);
    out->lines = fo_xrealloc(out->lines, out->n_lines * sizeof *out->lines);
    return 0;
}

void fo_lay_para_free(fo_lay_para *p)
{
    if (!p)
        return;
    free(p->segs);
    free(p->lines);
    memset(p, 0, sizeof *p);
}

char *fo_lay_para_dump(const fo_lay_run *runs, const fo_lay_para *p)
{
    fo_buf b = {0};
    for (size_t i = 0; i < p->n_lines; i++) {
        const fo_lay_line *line = &p->lines[i];
        fo_buf_printf(&b, "%zu:", i + 1);
        for (size_t s = line->first_seg; s < line->first_seg + line->n_segs; s++) {
            const fo_lay_seg *seg = &p->segs[s];
            fo_buf_printf(&b, " [%.2f %+.3f]", seg->x, seg->char_space);
            fo_buf_append(&b, runs[seg->run].text + seg->start, seg->end - seg->start);
        }
        fo_buf_printf(&b, " (w %.2f%s)\n", line->width, line->last ? ", last" : "");
    }
    if (!b.data)
        fo_buf_puts(&b, "");
    return fo_buf_steal(&b);
}

/* ---- pagination ---- */

/* Would a page break between boxes e-1 and e leave a paragraph's first line alone at the bottom
 * (orphan) or its last line alone at the top (widow)?  Paragraphs of one line have para_id 0 or
 * are alone with their id, so they never count. */
static bool breaks_orphan_or_widow(const fo_lay_box *boxes, size_t n, size_t e)
{
    if (e >= n || !boxes[e].para_id || boxes[e - 1].para_id != boxes[e].para_id)
        return false;
    int para = boxes[e].para_id;
    bool orphan = e < 2 || boxes[e - 2].para_id != para;
    bool widow = e + 1 >= n || boxes[e + 1].para_id != para;
    return orphan || widow;
}

/* The last allowed break in (first, fit], or 0.  reach[e] is the furthest box that a box before
 * e must stay with (keep_with_next = k keeps a box with the next k boxes). */
static size_t last_allowed_break(const fo_lay_box *boxes, size_t n, size_t first, size_t fit,
                                 const size_t *reach, bool strict)
{
    for (size_t e = fit; e > first; e--) {
        if (reach[e] >= e)
            continue;
        if (strict && breaks_orphan_or_widow(boxes, n, e))
            continue;
        return e;
    }
    return 0;
}

size_t fo_lay_paginate(const fo_lay_box *boxes, size_t n, double page_height, size_t *page_start)
{
    if (!boxes || !page_start || n == 0)
        return 0;
    /* reach[e]: see last_allowed_break; filled for each page's boxes as they are measured. */
    size_t *reach = fo_xmalloc((n + 1) * sizeof *reach);
    size_t pages = 0, s = 0;
    while (s < n) {
        /* Discardable space at the top of a page disappears: the page starts after it. */
        size_t first = s;
        while (first < n && boxes[first].discardable)
            first++;
        if (first == n) {
            if (pages == 0)
                page_start[pages++] = 0;
            break;
        }
        page_start[pages++] = first;
        double h = boxes[first].repeat_height > 0 ? boxes[first].repeat_height : 0;
        size_t fit = first, furthest = 0;
        while (fit < n && (fit == first || h + boxes[fit].height <= page_height + WIDTH_EPSILON)) {
            h += boxes[fit].height;
            size_t keep = boxes[fit].keep_with_next > 0 ? (size_t)boxes[fit].keep_with_next : 0;
            if (keep && fit + keep > furthest)
                furthest = fit + keep;
            fit++;
            reach[fit] = furthest;
        }
        if (fit == n)
            break;
        /* Keep every rule if possible, then only the keeps, then fill the page regardless. */
        size_t e = last_allowed_break(boxes, n, first, fit, reach, true);
        if (!e)
            e = last_allowed_break(boxes, n, first, fit, reach, false);
        s = e ? e : fit;
    }
    free(reach);
    return pages;
}

/* ---- images and tables ---- */

void fo_lay_image_size(int px_w, int px_h, double max_w, double max_h, double *w, double *h)
{
    *w = *h = 0;
    if (px_w < 1 || px_h < 1 || !(max_w > 0) || !(max_h > 0))
        return;
    double natural = px_w / FO_LAY_IMAGE_DPI * 72.0;
    *w = natural < max_w ? natural : max_w;
    *h = *w * px_h / px_w;
    if (*h > max_h) {
        *w *= max_h / *h;
        *h = max_h;
    }
}

void fo_lay_content_widths(const fo_lay_run *runs, size_t n, fo_lay_advance_fn advance, void *ctx, double *min,
                           double *max)
{
    *min = *max = 0;
    fo_lay_para_opts opts = {.width = 1, .advance = advance, .ctx = ctx};
    lay_ctx c = {.runs = runs, .opts = &opts};
    if (!runs || !advance || (c.n = count_chars(runs, n)) == 0)
        return;
    c.ch = fo_xmalloc(c.n * sizeof *c.ch);
    size_t *first_byte = fo_xmalloc(c.n * sizeof *first_byte), clean_len;
    char *clean = flatten(&c, runs, n, &clean_len, first_byte);
    find_opportunities(&c, clean, clean_len, first_byte);
    free(clean);
    free(first_byte);
    find_spacing(&c);
    /* a unit runs to the next break opportunity, a line to the next forced break; both are measured
     * as a line would be (an end mark at half width, trailing spaces hanging) */
    for (size_t k = 0, unit = 0, line = 0; k < c.n; k++) {
        if (!c.ch[k].brk_after && !c.ch[k].must_after)
            continue;
        double w = measure_line(&c, unit, k + 1).natural;
        *min = w > *min ? w : *min;
        unit = k + 1;
        if (c.ch[k].must_after) {
            w = measure_line(&c, line, k + 1).natural;
            *max = w > *max ? w : *max;
            line = k + 1;
        }
    }
    *max = *max > *min ? *max : *min;
    free(c.ch);
}

/* Spread `need` more over columns [col, col + span) in proportion to `weight` (equally when all
 * weights are 0). */
static void widen_columns(double *widths, const double *weight, int col, int span, double need)
{
    double total = 0;
    for (int k = col; k < col + span; k++)
        total += weight[k];
    for (int k = col; k < col + span; k++)
        widths[k] += need * (total > 0 ? weight[k] / total : 1.0 / span);
}

/* Narrower spans first, in the order given (stable: ties by address). */
static int by_span(const void *a, const void *b)
{
    const fo_lay_col_need *x = *(const fo_lay_col_need *const *)a, *y = *(const fo_lay_col_need *const *)b;
    return x->span != y->span ? (x->span > y->span) - (x->span < y->span) : (x > y) - (x < y);
}

/* What the columns need (min) and want (max): one-column cells first, then spanning cells, the
 * narrower spans first, each adding what its columns lack. */
static void column_needs(const fo_lay_col_need *cells, size_t n, int cols, double *min, double *max)
{
    for (size_t i = 0; i < n; i++)
        if (cells[i].span == 1) {
            min[cells[i].col] = fmax(min[cells[i].col], cells[i].min);
            max[cells[i].col] = fmax(max[cells[i].col], cells[i].max);
        }
    size_t n_spanning = 0;
    const fo_lay_col_need **spanning = fo_xmalloc((n ? n : 1) * sizeof *spanning);
    for (size_t i = 0; i < n; i++)
        if (cells[i].span > 1)
            spanning[n_spanning++] = &cells[i];
    qsort(spanning, n_spanning, sizeof *spanning, by_span);
    for (size_t i = 0; i < n_spanning; i++) {
        const fo_lay_col_need *cell = spanning[i];
        double have_min = 0, have_max = 0;
        for (int k = cell->col; k < cell->col + cell->span; k++) {
            have_min += min[k];
            have_max += max[k];
        }
        if (cell->max > have_max)
            widen_columns(max, max, cell->col, cell->span, cell->max - have_max);
        if (cell->min > have_min)
            widen_columns(min, max, cell->col, cell->span, cell->min - have_min);
    }
    free(spanning);
    for (int k = 0; k < cols; k++)
        max[k] = fmax(max[k], min[k]);
}

/* Columns that want no more than an equal share of what is left get what they want, until none
 * does (narrow columns of numbers or names keep their text on one line, and the wide columns of
 * prose take the squeeze); fixed[k] marks them.  Returns the width left to the others. */
static double fix_narrow_columns(const double *max, int cols, double width, bool *fixed)
{
    for (bool changed = true; changed;) {
        changed = false;
        double left = width;
        int flexible = 0;
        for (int k = 0; k < cols; k++) {
            left -= fixed[k] ? max[k] : 0;
            flexible += !fixed[k];
        }
        for (int k = 0; k < cols && flexible; k++)
            if (!fixed[k] && max[k] <= left / flexible)
                fixed[k] = changed = true;
    }
    double left = width;
    for (int k = 0; k < cols; k++)
        left -= fixed[k] ? max[k] : 0;
    return left;
}

/* Share `width` among the columns not fixed: each its minimum and a part of the rest in proportion
 * to what it still wants; false when even their minimums do not fit. */
static bool share_rest(const double *min, const double *max, const bool *fixed, int cols, double width,
                       double *widths)
{
    double sum_min = 0, sum_max = 0;
    for (int k = 0; k < cols; k++)
        if (!fixed[k]) {
            sum_min += min[k];
            sum_max += max[k];
        }
    if (sum_min > width + WIDTH_EPSILON)
        return false;
    for (int k = 0; k < cols; k++)
        if (fixed[k])
            widths[k] = max[k];
        else
            widths[k] = sum_max > sum_min ? min[k] + (max[k] - min[k]) * (width - sum_min) / (sum_max - sum_min)
                                          : min[k] + (width - sum_min) / cols;
    return true;
}

bool fo_lay_table_columns(const fo_lay_col_need *cells, size_t n, int cols, double width, double *widths)
{
    if (cols < 1 || !(width > 0))
        return false;
    for (size_t i = 0; i < n; i++)
        if (cells[i].col < 0 || cells[i].span < 1 || cells[i].span > cols - cells[i].col)
            return false;
    double *min = fo_xmalloc((size_t)cols * sizeof *min), *max = fo_xmalloc((size_t)cols * sizeof *max);
    bool *fixed = fo_xmalloc((size_t)cols * sizeof *fixed);
    for (int k = 0; k < cols; k++) {
        min[k] = max[k] = 0;
        fixed[k] = false;
    }
    column_needs(cells, n, cols, min, max);
    double sum_min = 0, sum_max = 0;
    for (int k = 0; k < cols; k++) {
        sum_min += min[k];
        sum_max += max[k];
    }
    if (sum_max <= width) { /* all they want, and the rest shared as they want */
        for (int k = 0; k < cols; k++)
            widths[k] = sum_max > 0 ? max[k] * width / sum_max : width / cols;
    } else if (sum_min > width) { /* not even the minimums: scaled down */
        for (int k = 0; k < cols; k++)
            widths[k] = min[k] * width / sum_min;
    } else {
        double left = fix_narrow_columns(max, cols, width, fixed);
        if (!share_rest(min, max, fixed, cols, left, widths)) { /* the narrow columns took too much */
            for (int k = 0; k < cols; k++)
                fixed[k] = false;
            share_rest(min, max, fixed, cols, width, widths);
        }
    }
    free(min);
    free(max);
    free(fixed);
    return true;
}

double fo_lay_row_cut(const double *tops, const double *bottoms, size_t n, double start, double limit)
{
    double cut = limit;
    for (bool moved = true; moved;) {
        moved = false;
        for (size_t i = 0; i < n; i++)
            if (tops[i] < cut - WIDTH_EPSILON && bottoms[i] > cut + WIDTH_EPSILON) {
                cut = tops[i]; /* the line goes below the cut, whole */
                moved = true;
            }
    }
    return cut > start + WIDTH_EPSILON ? cut : limit;
}
