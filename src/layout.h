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
 *    when that cannot be kept either, the page is simply filled. */

#endif
