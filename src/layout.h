/* layout.h — Chinese paragraph line breaking and pagination for the PDF writer.
 *
 * Independent of libharu: glyph advances come through a callback, so the rules (clreq basic
 * prohibitions, punctuation compression, justification, the Han–Latin quarter em, last-line and
 * widow/orphan rules) are unit-tested alone (tests/unit/test_layout.c).
 *
 * Units are PDF points throughout.  Text is UTF-8.
 */
#ifndef FOLIO_LAYOUT_H
#define FOLIO_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Advance width of one code point in a font at a size, in points.  `font` is the caller's own
 * font slot number (body, bold, kai …); layout only passes it back. */
typedef double (*fo_lay_advance_fn)(void *ctx, int font, double size, uint32_t cp);

/* A stretch of a paragraph set in one font and size (a run-in head, then the body text …). */
typedef struct fo_lay_run {
    const char *text;       /* UTF-8, borrowed */
    size_t len;             /* bytes */
    int font;               /* caller's font slot, passed back to `advance` and in segments */
    double size;            /* font size, pt */
} fo_lay_run;

typedef enum fo_lay_align {
    FO_ALIGN_JUSTIFY,       /* body text: both edges flush, last line flush left */
    FO_ALIGN_LEFT,
    FO_ALIGN_CENTER,        /* titles, captions */
    FO_ALIGN_RIGHT,
} fo_lay_align;

/* The word boundaries of a paragraph's text, kept by the caller between calls that break the same
 * runs to different measures (a title being balanced), so that ICU is asked once.  Zeroed before
 * the first call; the caller frees `at`. */
typedef struct fo_lay_words {
    bool *at;               /* at[i]: a word boundary before byte i of the text as layout reads it */
    size_t len;             /* the length of that text, bytes */
} fo_lay_words;

typedef struct fo_lay_para_opts {
    double width;           /* the measure, pt */
    double indent;          /* first-line indent, pt (body: 2 em) */
    fo_lay_align align;
    fo_lay_advance_fn advance;
    void *ctx;              /* passed to advance */
    double tracking;        /* pt added to every character's advance (a character grid); it is part
                               of the segments' char_space */
    bool keep_words;        /* titles and headings: Han text breaks only between words (ICU) */
    fo_lay_words *words;    /* with keep_words: where the boundaries are kept between calls, or NULL */
} fo_lay_para_opts;

/* A piece of a line drawn with one font, size and character spacing, starting at x (relative to
 * the left edge of the measure).  The PDF writer draws it as: set font, set Tc = char_space, move
 * to x, show text[start, end) of runs[run].  Layout guarantees that x of the next segment on the
 * line already accounts for the Tc added after every glyph of this one. */
typedef struct fo_lay_seg {
    size_t run;             /* index into the runs passed in */
    size_t start, end;      /* byte offsets into runs[run].text */
    double x;               /* pt from the left edge of the measure */
    double char_space;      /* Tc, pt, added after every glyph (justification, and the run's tracking) */
} fo_lay_seg;

typedef struct fo_lay_line {
    size_t first_seg, n_segs;   /* segments[first_seg .. first_seg + n_segs) */
    double width;               /* the natural width of the content, pt (before justification) */
    double ascent;              /* the largest font size on the line, pt (for the line pitch) */
    bool last;                  /* last line of the paragraph (set flush left, not stretched) */
    bool forced;                /* cut where no break is allowed (a token wider than the room) */
} fo_lay_line;

typedef struct fo_lay_para {
    fo_lay_seg *segs;
    size_t n_segs;
    fo_lay_line *lines;
    size_t n_lines;
} fo_lay_para;

/* Call once per process before any fo_lay_break (wraps libunibreak's init). Safe to call again. */
void fo_lay_init(void);

/* Break a paragraph made of `n` runs into lines.  Returns 0, or -1 when the arguments are invalid
 * (out of memory aborts).  The caller frees `out` with fo_lay_para_free. */
int fo_lay_break(const fo_lay_run *runs, size_t n, const fo_lay_para_opts *opts, fo_lay_para *out);
void fo_lay_para_free(fo_lay_para *p);

/* Append a plain-text picture of the broken paragraph to `out` (one line per output line, with x
 * positions and Tc), for golden tests and `folio -t layout`.  Caller frees *out (malloc). */
char *fo_lay_para_dump(const fo_lay_run *runs, const fo_lay_para *p);

/* ---- pagination ----
 * The writer turns the document into a list of boxes (one per line of text, plus headings and
 * vertical spaces) and asks where pages should break. */
typedef struct fo_lay_box {
    double height;          /* its advance down the page, pt (line pitch, or the space) */
    int keep_with_next;     /* do not break a page after this box (headings: their title lines, and
                               the heading's last line is kept with the next 2 lines of text) */
    int para_id;            /* boxes of the same paragraph share an id; 0 = not a paragraph line */
    bool discardable;       /* vertical space that disappears at the top of a page */
    double repeat_height;   /* a table's rows: the height of its header rows, repeated above this
                               box when a page starts with it (the room is kept free); 0: none */
} fo_lay_box;

/* Decide page breaks: `page_start[k]` receives the index of the first box of page k.  Rules: no
 * page holds only the first line of a paragraph at its bottom (orphan) or only the last line at its
 * top (widow) when the paragraph has more than one line; keep_with_next boxes stay with what
 * follows; a box taller than a page gets a page of its own.  Returns the number of pages (>= 1 when
 * n > 0); page_start must have room for n entries. */
size_t fo_lay_paginate(const fo_lay_box *boxes, size_t n, double page_height, size_t *page_start);
/* Details of fo_lay_paginate (layout.c):
 *  - keep_with_next = k > 0 keeps a box on the page of each of the next k boxes (1: the next box);
 *  - a page starts at its first box that is not discardable: discardable boxes at a break stay at
 *    the end of the previous page's range [page_start[k], page_start[k+1]) and may not fit there;
 *    a writer draws nothing for discardable boxes after a page's last other box (discardable
 *    boxes before the first other box are on no page: page_start[0] is that box);
 *  - when the widow and orphan rules cannot both be kept on a page, only keep_with_next is kept;
 *    when that cannot be kept either, the page is simply filled;
 *  - a page that starts with a box whose repeat_height is set holds that much less (a table's
 *    header rows are drawn above it). */

/* ---- images and tables ----
 * The geometry of figures and tables, apart from fonts and drawing (pdf_table.c applies it). */

/* A picture is never drawn larger than its pixels at this resolution: N pixels are at most N/150
 * inch, so a small web image is not blown up into a blur. */
#define FO_LAY_IMAGE_DPI 150.0

/* The size, pt, of a picture of px_w × px_h pixels: the full `max_w` when its pixels allow it (at
 * most px_w / FO_LAY_IMAGE_DPI inch), and then, when it is taller than `max_h`, scaled down to that
 * height; the proportions are kept.  0 × 0 for an empty picture or no room. */
void fo_lay_image_size(int px_w, int px_h, double max_w, double max_h, double *w, double *h);

/* What a paragraph needs across, pt: `min` the widest stretch that no line may be broken inside (a
 * Han character with the marks that must stay with it, a Latin word, a number, `——`), `max` its
 * widest line when only forced breaks (newlines) break it. */
void fo_lay_content_widths(const fo_lay_run *runs, size_t n, fo_lay_advance_fn advance, void *ctx, double *min,
                           double *max);

/* What one table cell needs of the columns it spans, pt (its content widths plus its padding). */
typedef struct fo_lay_col_need {
    int col, span;          /* its first column (0-based) and how many it spans */
    double min, max;
} fo_lay_col_need;

/* The widths of `cols` columns that together fill `width` (after the automatic table layout of CSS
 * 2.1): every column needs at least the `min` of its one-column cells and wants their `max`; a cell
 * spanning columns adds what its spanned columns lack, in proportion to what they want.  When every
 * column can have what it wants, the room left is shared in proportion to it.  When not, a column
 * that wants no more than an equal share of the room gets what it wants (so a column of numbers is
 * not broken for a column of prose), and the others get their minimum and a share of the rest in
 * proportion to what they still want.  When even the minimums do not fit, they are scaled down
 * (cells are then broken inside words).  `widths` receives `cols` values; false (and nothing
 * written) when a cell lies outside the columns. */
bool fo_lay_table_columns(const fo_lay_col_need *cells, size_t n, int cols, double width, double *widths);

/* Where a table row taller than a page is cut: the lowest y in (start, limit] at which no line of
 * its cells is cut in two.  `tops` and `bottoms` are the lines that reach into (start, limit], in
 * the row's own coordinates (y down).  When every y would cut a line (a line taller than a page),
 * the row is cut at `limit`. */
double fo_lay_row_cut(const double *tops, const double *bottoms, size_t n, double start, double limit);

#endif
