/* pdf_blocks.h — the PDF's first half: the document model as blocks of text, broken into lines and
 * stacked into pages, ready to be drawn (write_pdf.c) or printed as text (`-t layout`).
 *
 * A block is the title, the subtitle, the byline, a paragraph, a heading, a caption or a rule; its
 * text is a list of runs, each in one font slot.  The model is walked twice: a first pass only
 * collects the characters, so that fonts.c can pick faces that cover them; the second keeps what
 * those faces can draw and warns (with the source position) about the rest.  Then every block is
 * broken into lines (layout.c), the lines and the spaces between blocks become boxes, and layout.c
 * decides where pages break.  Glyph advances come from the caller (write_pdf.c asks libharu), so
 * nothing here draws or knows libharu.
 *
 *   fo_pdf_blocks_init(&pb, doc, style, fonts, d);
 *   fo_pdf_blocks_chars(&pb, &cps, &n);        the first pass: the code points to cover
 *   fo_fonts_choose(fonts, …, cps, n, d);
 *   fo_pdf_blocks_build(&pb);                  the second pass: blocks, fonts.c told what is used
 *   … fo_fonts_load …
 *   fo_pdf_blocks_paginate(&pb, advance, ctx); lines, boxes, pages
 *   fo_pdf_blocks_free(&pb);
 */
#ifndef FOLIO_PDF_BLOCKS_H
#define FOLIO_PDF_BLOCKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "fonts.h"
#include "layout.h"
#include "style.h"
#include "util.h"

/* Font slots handed to layout.c: a role, plus FO_ROLE_COUNT when it is set in faux bold. */
#define FO_BOLD_SLOT(role) ((int)(role) + FO_ROLE_COUNT)
#define FO_SLOT_ROLE(slot) ((fo_font_role)((slot) % FO_ROLE_COUNT))
#define FO_SLOT_BOLD(slot) ((slot) >= FO_ROLE_COUNT)

/* The height of a horizontal rule's box, pt; the rule is drawn across its middle. */
#define FO_PDF_RULE_SPACE 12.0

typedef struct fo_pdf_run {
    fo_buf text;
    int slot;
} fo_pdf_run;

typedef enum fo_pdf_block_kind { FO_PDF_TEXT, FO_PDF_HEADING, FO_PDF_RULE } fo_pdf_block_kind;

typedef struct fo_pdf_block {
    fo_pdf_block_kind kind;
    fo_text_kind style;         /* which text settings apply */
    fo_pdf_run *runs;
    size_t n_runs, cap_runs;
    double inset;               /* left and right inset, pt (block quotes) */
    double measure;             /* the width its lines were broken to, pt */
    double offset;              /* where that measure starts, from the inset's left edge, pt */
    int level;                  /* headings: the section's level, for its bookmark */
    fo_lay_run *lay_runs;       /* built before breaking */
    fo_lay_para para;
} fo_pdf_block;

/* What a box on a page is: line `line` of block `block`, or (line SIZE_MAX) space before or after
 * it, or the rule it is. */
typedef struct fo_pdf_box_ref {
    size_t block;
    size_t line;
} fo_pdf_box_ref;

typedef struct fo_pdf_blocks {
    const fo_doc *doc;
    const fo_style *style;
    fo_fonts *fonts;
    fo_diag *d;
    bool collecting;            /* first pass: only note the characters */
    unsigned char *seen;        /* bitmap over 0..0x10FFFF: characters met (collecting) */
    unsigned char *warned;      /* bitmap: characters already warned about */
    fo_pdf_block *blocks;
    size_t n_blocks, cap_blocks;
    fo_pdf_block header;        /* the short title for the running header */
    /* after fo_pdf_blocks_paginate: the boxes in reading order, and the first box of each page */
    fo_lay_box *boxes;
    fo_pdf_box_ref *refs;
    size_t n_boxes, cap_boxes;
    size_t *page_start;
    size_t n_pages;             /* at least 1 */
    fo_lay_advance_fn advance;  /* glyph advances, given to fo_pdf_blocks_paginate */
    void *advance_ctx;
} fo_pdf_blocks;

/* 0, or -1 with an error in `d` (out of memory).  `style` and `fonts` are borrowed. */
int fo_pdf_blocks_init(fo_pdf_blocks *pb, const fo_doc *doc, const fo_style *style, fo_fonts *fonts,
                       fo_diag *d);
void fo_pdf_blocks_free(fo_pdf_blocks *pb);

/* The first pass: every BMP code point the PDF would draw, but spaces (caller frees *cps). */
void fo_pdf_blocks_chars(fo_pdf_blocks *pb, uint32_t **cps, size_t *n);
/* The second pass, once fonts are chosen: the blocks, with what no chosen face has left out (and
 * warned about), and every code point drawn noted in its face (fo_fonts_use). */
void fo_pdf_blocks_build(fo_pdf_blocks *pb);

/* Break every block into lines, make the boxes and decide the pages.  Returns 0, or -1 with an
 * error in `d` (a page too narrow for a block). */
int fo_pdf_blocks_paginate(fo_pdf_blocks *pb, fo_lay_advance_fn advance, void *ctx);

/* The boxes of page `page` (0-based) that are drawn: [*first, *end).  Space left over after a
 * page's last line is not. */
void fo_pdf_blocks_page(const fo_pdf_blocks *pb, size_t page, size_t *first, size_t *end);
/* The line pitch of a block, pt. */
double fo_pdf_blocks_pitch(const fo_pdf_blocks *pb, const fo_pdf_block *b);
/* Page number `page_no` as a block in the footer's font (the caller frees it with
 * fo_pdf_block_free). */
void fo_pdf_blocks_page_number(fo_pdf_blocks *pb, int page_no, fo_pdf_block *out);
void fo_pdf_block_free(fo_pdf_block *b);

/* The pages as text (`-t layout`): per page its running header and page number, then every box
 * from the top: a line with its block's kind, its place (y from the top edge, height, x of its
 * measure from the left edge, all in pt) and its segments as layout.c set them ([x Tc]text), or a
 * space.  Folio's own boxes, independent of any PDF reader. */
void fo_pdf_blocks_dump(fo_pdf_blocks *pb, fo_buf *out);

#endif
