/* pdf_blocks.h — the PDF's first half: the document model as blocks of text, broken into lines and
 * stacked into pages, ready to be drawn (write_pdf.c) or printed as text (`-t layout`).  A
 * collection becomes a packet (pdf_packet.c): a cover, a contents page, then every article on new
 * pages, built from the same blocks.
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

typedef enum fo_pdf_block_kind {
    FO_PDF_TEXT,
    FO_PDF_HEADING,
    FO_PDF_RULE,
    FO_PDF_TOC,                 /* a contents entry: text whose last line ends in dot leaders and,
                                   flush right, the page number (its last run, fo_pdf_blocks_set_page_ref) */
    FO_PDF_SPACE,               /* fixed space that stays at the top of a page (a cover's layout) */
    FO_PDF_IMAGE,               /* a figure with its picture: the picture, then its caption (the runs) */
    FO_PDF_TABLE,               /* a table (pdf_table.c): its title's lines, then its rows */
    FO_PDF_SEPARATOR,           /* a rule across the measure, `thickness` pt, `rule_at` pt below the
                                   top of its box, whose height is `height` (0: it lies on a line) */
} fo_pdf_block_kind;

/* Where a block's lines go across the measure once they are broken (pdf_gongwen.c). */
typedef enum fo_pdf_place {
    FO_PLACE_FLOW,              /* where the line breaker put them */
    FO_PLACE_START,             /* flush left, whatever the style's alignment */
    FO_PLACE_END,               /* flush right */
    FO_PLACE_DATE,              /* 成文日期: its right edge four characters in from the measure's */
    FO_PLACE_SIGNATURE,         /* 发文机关署名: centred over the date that follows it */
} fo_pdf_place;

struct fo_pdf_table;

typedef struct fo_pdf_block {
    fo_pdf_block_kind kind;
    fo_text_kind style;         /* which text settings apply */
    fo_pdf_run *runs;
    size_t n_runs, cap_runs;
    double inset;               /* left and right inset, pt (block quotes) */
    double left;                /* more inset on the left only, pt (contents entries of sections) */
    double reserve;             /* room kept free on the right for a contents entry's page number, pt */
    double measure;             /* the width its lines were broken to, pt */
    double offset;              /* where that measure starts, from the left inset, pt */
    double height;              /* FO_PDF_SPACE: its height, pt */
    int level;                  /* the depth of its bookmark (headings: the section's level); 0: none */
    bool keep_with_next;        /* its last line stays on the page of the next block's first line */
    bool has_page_ref;          /* FO_PDF_TOC: the last run is the page number */
    size_t target;              /* FO_PDF_TOC: the block whose page it gives */
    fo_lay_run *lay_runs;       /* built before breaking */
    fo_lay_words words;         /* a title's word boundaries, found once for all its measures */
    fo_lay_para para;
    double cell_width;          /* > 0: a table cell's text, broken to this width, pt (its x is `left`) */
    const fo_image *image;      /* FO_PDF_IMAGE: the picture; NULL when the PDF cannot embed it (then
                                   the block is its caption alone) */
    const char *image_ref;      /* FO_PDF_IMAGE: the picture as the article names it */
    double image_w, image_h;    /* FO_PDF_IMAGE: its size on the page, pt */
    struct fo_pdf_table *table; /* FO_PDF_TABLE: owned */
    /* official documents (pdf_gongwen.c) */
    unsigned color;             /* 0xRRGGBB of its text or rule; 0: black */
    double thickness, rule_at;  /* FO_PDF_SEPARATOR */
    size_t hang_runs;           /* its first runs are a prefix hanging before the first line, and every
                                   line starts after it ("附件：1." before a name, "抄送：") */
    double pad_em;              /* room left before the hanging prefix, em (the later names of a list) */
    fo_pdf_place place;
    bool overlay;               /* its line shares the place of the next line (its box has no height) */
    bool tight;                 /* no space before it: it goes on from the block before (a second organ) */
    bool new_page;              /* it starts a new page (an attachment) */
} fo_pdf_block;

/* A block's boxes: its lines, or a figure's picture then its caption's lines, or a table's title
 * lines then its bands.  Box `i` of block b is (b, i) in a fo_pdf_box_ref. */
size_t fo_pdf_block_box_count(const fo_pdf_block *b);
/* For a figure: the caption's line for box `i`, or SIZE_MAX for the picture's box. */
size_t fo_pdf_image_line(const fo_pdf_block *b, size_t i);

/* What a box on a page is: line `line` of block `block`, or (line SIZE_MAX) space before or after
 * it, or the rule or space it is. */
typedef struct fo_pdf_box_ref {
    size_t block;
    size_t line;
} fo_pdf_box_ref;

/* A page: the boxes drawn on it and its furniture. */
typedef struct fo_pdf_page {
    size_t first, end;          /* boxes [first, end); first == end: a blank page */
    const fo_pdf_block *header; /* the running header; NULL for none */
    int number;                 /* the page number in the footer; 0 for none */
} fo_pdf_page;

typedef struct fo_pdf_blocks {
    const fo_doc *doc;          /* the article, or the collection */
    const fo_doc *article;      /* the article whose blocks are being built */
    const fo_style *style;
    fo_fonts *fonts;
    fo_diag *d;
    int toc_depth;              /* a packet's contents list articles (1), their sections (2) … */
    bool odd_article_break;     /* a packet's articles start on odd pages */
    int bookmark_base;          /* the bookmark depth of the article being built (0: none) */
    bool collecting;            /* first pass: only note the characters */
    bool in_cell;               /* building a table cell: every text block is in `cell_style` */
    fo_text_kind cell_style;
    unsigned char *seen;        /* bitmap over 0..0x10FFFF: characters met (collecting) */
    unsigned char *warned;      /* bitmap: characters already warned about */
    fo_pdf_block *blocks;
    size_t n_blocks, cap_blocks;
    fo_pdf_block header;        /* the short title for the running header */
    fo_pdf_block *headers;      /* a collection's: one running header per article */
    size_t n_headers;
    size_t *marks;              /* a collection's parts in `blocks`, each [marks[k], marks[k + 1]):
                                   the cover (k = 0), the articles (k = 1 … n), the contents (n + 1) */
    size_t n_marks;
    /* after fo_pdf_blocks_paginate: the boxes, and the pages in order */
    fo_lay_box *boxes;
    fo_pdf_box_ref *refs;
    size_t n_boxes, cap_boxes;
    fo_pdf_page *pages;
    size_t n_pages, cap_pages;  /* at least 1 page */
    size_t front_pages;         /* pages before the one numbered 1 (a packet's cover and contents) */
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

/* One line of a block of text as `-t layout` prints it: its kind, place and segments. */
void fo_pdf_blocks_dump_line(const fo_pdf_blocks *pb, const fo_pdf_block *b, size_t line, double top, double h,
                             bool keep, fo_buf *out);

/* ---- the parts a packet is made of (pdf_packet.c) ---- */

fo_pdf_block *fo_pdf_blocks_new(fo_pdf_blocks *pb, fo_pdf_block_kind kind, fo_text_kind style);
/* Append `s` to block `b` in the font of text kind `style` (characters noted or dropped as for the
 * model's text); drop the block just made when nothing drawable is in it. */
void fo_pdf_blocks_add_text(fo_pdf_blocks *pb, fo_pdf_block *b, fo_text_kind style, const char *s);
void fo_pdf_blocks_drop_empty(fo_pdf_blocks *pb);
/* An article's blocks: its title block, then its text.  The title block's bookmark is at depth
 * `level` (0: none) and its sections' below it. */
void fo_pdf_blocks_add_article(fo_pdf_blocks *pb, const fo_doc *article, int level);
/* A figure whose picture the PDF cannot embed: its caption alone, marked 〔图〕 as one without a
 * picture is (before breaking). */
void fo_pdf_blocks_caption_only(fo_pdf_blocks *pb, fo_pdf_block *b);
/* The running header's short title for `title`: cut to the style's length, ending in "…". */
void fo_pdf_blocks_short_title(fo_pdf_blocks *pb, const char *title, fo_pdf_block *out);
/* A contents entry's page number, as its last run (after fonts are loaded, before breaking). */
void fo_pdf_blocks_set_page_ref(fo_pdf_blocks *pb, fo_pdf_block *b, int page);
/* Break blocks [first, end) into lines; 0 or -1 (a page too narrow). */
int fo_pdf_blocks_break(fo_pdf_blocks *pb, size_t first, size_t end);
/* Break one block of text to its measure (a table cell's: its cell_width); 0 or -1. */
int fo_pdf_block_break(fo_pdf_blocks *pb, fo_pdf_block *b);
/* Boxes for blocks [first, end), appended; returns the index of the first. */
size_t fo_pdf_blocks_make_boxes(fo_pdf_blocks *pb, size_t first, size_t end);
/* Paginate boxes [first, end) onto new pages: `header` on every page but the first, numbered from
 * `number` on (0: no numbers).  Returns how many pages were added. */
size_t fo_pdf_blocks_add_pages(fo_pdf_blocks *pb, size_t first, size_t end, const fo_pdf_block *header,
                               int number);
void fo_pdf_blocks_add_blank_page(fo_pdf_blocks *pb);

/* ---- tables (pdf_table.c) ----
 * A table is one block whose cells hold blocks of their own, built by the usual functions in the
 * table's text styles and broken to their columns' widths.  Its rows are grouped into bands, each
 * one box: the header rows (kept with the first body band and repeated at the top of every later
 * page the table runs onto), then groups of body rows that row spans tie together; a band taller
 * than a page is cut into slices between lines (fo_lay_row_cut). */
typedef struct fo_pdf_cell {
    int row, col, rowspan, colspan;
    bool header;
    fo_pdf_block *blocks;       /* its text, each block broken to the cell's width */
    size_t n_blocks;
    double min, max;            /* content widths with padding, pt */
    double height;              /* its text's height, pt (without padding) */
    double top;                 /* its text's first line, from its row's top, pt */
} fo_pdf_cell;

typedef struct fo_pdf_band {
    int row, end_row;           /* rows [row, end_row) */
    double top, bottom;         /* the part of them it shows, pt from the table's top */
    bool header;
} fo_pdf_band;

typedef struct fo_pdf_table {
    fo_pdf_block title;         /* the caption above it (style table-title), maybe empty */
    fo_pdf_cell *cells;
    size_t n_cells;
    int rows, cols, head_rows;
    double *col_x;              /* cols + 1 edges from the table's left, pt */
    double *row_y;              /* rows + 1 edges from the table's top, pt */
    size_t *row_cells;          /* rows + 1: the cells of row r are [row_cells[r], row_cells[r + 1]) */
    fo_pdf_band *bands;
    size_t n_bands;
    size_t head_band;           /* the band repeated on later pages; SIZE_MAX: none */
    fo_pos pos;                 /* for messages */
} fo_pdf_table;

/* Build the blocks of `table` (an FO_TABLE) at `inset`: one FO_PDF_TABLE block, or, when its columns
 * cannot fit the page, a warning and its cells' blocks in order. */
void fo_pdf_table_build(fo_pdf_blocks *pb, const fo_node *table, double inset);
/* Title, column widths, cells broken to them, rows and bands; 0, or -1 with an error. */
int fo_pdf_table_layout(fo_pdf_blocks *pb, fo_pdf_block *b);
void fo_pdf_table_free(fo_pdf_table *t);
/* Box `i` of a table block (its title lines, then its bands). */
fo_lay_box fo_pdf_table_box(const fo_pdf_blocks *pb, const fo_pdf_block *b, size_t i);
/* For a table box: the title's line, or SIZE_MAX for a band (*band receives its index). */
size_t fo_pdf_table_line(const fo_pdf_block *b, size_t i, size_t *band);

/* What a band shows, cell by cell, for drawing and for `-t layout`: `cell` gets every cell it
 * shows with its rectangle (y down from the page's top edge, pt, clipped to the band), `line` every
 * line of text inside it at the top of its line box. */
typedef struct fo_pdf_band_visitor {
    void (*cell)(void *ctx, const fo_pdf_cell *cell, double x, double y, double w, double h);
    void (*line)(void *ctx, const fo_pdf_block *block, size_t line, double top);
    void *ctx;
} fo_pdf_band_visitor;
/* Band `band` of table block `b` drawn with its top at `top` (pt below the page's top edge). */
void fo_pdf_table_visit_band(const fo_pdf_blocks *pb, const fo_pdf_block *b, size_t band, double top,
                             const fo_pdf_band_visitor *v);
/* Band `band` as `-t layout` prints it: the band, then each cell and its lines. */
void fo_pdf_table_dump(const fo_pdf_blocks *pb, const fo_pdf_block *b, size_t band, double top, bool repeated,
                       fo_buf *out);
/* The header band to draw at the top of a page that starts with box `box`, or SIZE_MAX. */
size_t fo_pdf_blocks_repeated_head(const fo_pdf_blocks *pb, size_t box, const fo_pdf_block **table);

/* The slot of text kind `style` (its font role, and bold); inline content and strings appended to
 * a block in a slot, noted or dropped as for the model's text; the blocks of a container's children. */
int fo_pdf_blocks_slot(const fo_pdf_blocks *pb, fo_text_kind style);
void fo_pdf_blocks_add_inlines(fo_pdf_blocks *pb, fo_pdf_block *b, const fo_node *n, int slot);
void fo_pdf_blocks_add_str(fo_pdf_blocks *pb, fo_pdf_block *b, int slot, const char *s, fo_pos pos);
void fo_pdf_blocks_add_blocks(fo_pdf_blocks *pb, const fo_node *parent, double inset);
/* What a character of text kind `style` advances on the grid beyond its natural width (negative:
 * GB/T 9704's 28 characters of 三号 on 156 mm), pt; 0 without a grid or off it.  And its em: the
 * unit of its indents (its size, plus that tracking). */
double fo_pdf_blocks_tracking(const fo_pdf_blocks *pb, fo_text_kind style);
double fo_pdf_blocks_em(const fo_pdf_blocks *pb, fo_text_kind style);
/* A box for line `line` of block `block` (SIZE_MAX: space before or after it), appended. */
size_t fo_pdf_blocks_push_box(fo_pdf_blocks *pb, fo_lay_box box, size_t block, size_t line);
/* The left edge of a margin line (header, page number) of `width` pt on page `page_no`, pt. */
double fo_pdf_blocks_margin_x(const fo_pdf_blocks *pb, fo_text_kind kind, double width, int page_no);
/* The width of block `b`'s runs on one line, set as text kind `kind`, pt (after fonts are loaded). */
double fo_pdf_blocks_runs_width(const fo_pdf_blocks *pb, const fo_pdf_block *b, fo_text_kind kind);

/* pdf_gongwen.c: an official document's parts (公文, GB/T 9704-2012) in any style, and in a style
 * with a grid (gongwen.ini) its pages after the standard: the 版头 at its places on page 1, every
 * line on the grid, every attachment from a new page, the 版记 at the foot of the last even page. */
void fo_pdf_gongwen_head(fo_pdf_blocks *pb);
void fo_pdf_gongwen_part(fo_pdf_blocks *pb, const fo_node *part, double inset);
void fo_pdf_gongwen_imprint(fo_pdf_blocks *pb);
/* A grid style's heading: its font from its numbering (一、 黑体, （一） 楷体, 1. （1） 仿宋); false
 * when the style has no grid (the caller builds its own). */
bool fo_pdf_gongwen_heading(fo_pdf_blocks *pb, const fo_node *section);
/* The slot of a run-in head: on a grid, by its numbering as a heading's; else [runin]'s. */
int fo_pdf_gongwen_runin_slot(const fo_pdf_blocks *pb, const fo_node *para);
/* After breaking blocks [first, end): hanging prefixes, and the signature and date at their places. */
void fo_pdf_gongwen_place(fo_pdf_blocks *pb, size_t first, size_t end);
/* An official document's boxes and pages (a lone article). */
int fo_pdf_gongwen_paginate(fo_pdf_blocks *pb);
/* The pages of an official document's blocks [first, end), already broken into lines, numbered from
 * `number` under `header` (a packet paginates each official article so, as it is alone); returns
 * the pages added. */
size_t fo_pdf_gongwen_pages(fo_pdf_blocks *pb, size_t first, size_t end, const fo_pdf_block *header, int number);

/* pdf_packet.c: a collection's blocks (cover, contents, articles) and its pages. */
void fo_pdf_packet_build(fo_pdf_blocks *pb);
int fo_pdf_packet_paginate(fo_pdf_blocks *pb);

#endif
