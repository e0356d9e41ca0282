/* pdf_table.c — tables in the PDF: cells built as blocks of text, column widths from their
 * content, rows, and the bands that pagination moves as wholes (see pdf_blocks.h).
 *
 * Geometry: a table fills its measure (the type area less any block-quote inset); columns share it
 * by what their cells need (fo_lay_table_columns over each cell's min/max content width plus its
 * padding); a row is as tall as its tallest cell, a cell spanning rows makes its last row taller
 * when the rows together are too short; a cell's text is centred in its height.  Rows tied by a
 * row span form one band, never split across pages; a band taller than a page (less the repeated
 * header) is cut between lines into slices, its cells' text then set from their top.
 */
#include "pdf_blocks.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Cell padding, left and right, and above and below, in em of the table's text size. */
#define CELL_PAD_X_EM 0.4
#define CELL_PAD_Y_EM 0.3
/* A column narrower than one character of the table's text (with its padding) cannot show it:
 * a table with more columns than fit so is set as paragraphs instead. */
#define MIN_COLUMN_EM 1.0
/* Header rows taller than this share of the type area are not repeated on later pages. */
#define HEAD_REPEAT_MAX_SHARE 0.3
#define EPSILON 0.001

static double text_size(const fo_pdf_blocks *pb) { return pb->style->text[FO_TEXT_TABLE].size; }
static double pad_x(const fo_pdf_blocks *pb) { return CELL_PAD_X_EM * text_size(pb); }
static double pad_y(const fo_pdf_blocks *pb) { return CELL_PAD_Y_EM * text_size(pb); }

static double type_width(const fo_pdf_blocks *pb, double inset)
{
    const fo_style *st = pb->style;
    return st->page_width - st->margin_left - st->margin_right - 2 * inset;
}

static double type_height(const fo_pdf_blocks *pb)
{
    const fo_style *st = pb->style;
    return st->page_height - st->margin_top - st->margin_bottom;
}

void fo_pdf_table_free(fo_pdf_table *t)
{
    if (!t)
        return;
    fo_pdf_block_free(&t->title);
    for (size_t i = 0; i < t->n_cells; i++) {
        for (size_t k = 0; k < t->cells[i].n_blocks; k++)
            fo_pdf_block_free(&t->cells[i].blocks[k]);
        free(t->cells[i].blocks);
    }
    free(t->cells);
    free(t->col_x);
    free(t->row_y);
    free(t->row_cells);
    free(t->bands);
    memset(t, 0, sizeof *t);
}

/* ---- building ---- */

/* A table too wide for the page: its caption and its cells' blocks, in order, as paragraphs. */
static void build_as_paragraphs(fo_pdf_blocks *pb, const fo_node *node, double inset)
{
    if (!pb->collecting)
        fo_warn(pb->d, node->pos.line, node->pos.col, "a table of %d columns does not fit the page's width: the PDF "
                "sets its cells as paragraphs, row by row", node->u.table.cols);
    if (node->u.table.caption) {
        fo_pdf_block *title = fo_pdf_blocks_new(pb, FO_PDF_TEXT, FO_TEXT_TABLE_TITLE);
        title->inset = inset;
        fo_pdf_blocks_add_inlines(pb, title, node->u.table.caption, fo_pdf_blocks_slot(pb, FO_TEXT_TABLE_TITLE));
        fo_pdf_blocks_drop_empty(pb);
    }
    for (const fo_node *row = node->first; row; row = row->next)
        for (const fo_node *cell = row->first; cell; cell = cell->next)
            fo_pdf_blocks_add_blocks(pb, cell, inset);
}

/* A cell's blocks, built as any text is but in the cell's style, then taken out of the page's
 * list into the cell. */
static void build_cell(fo_pdf_blocks *pb, fo_pdf_cell *cell, const fo_node *node)
{
    size_t start = pb->n_blocks;
    bool in_cell = pb->in_cell;
    fo_text_kind cell_style = pb->cell_style;
    pb->in_cell = true;
    pb->cell_style = cell->header ? FO_TEXT_TABLE_HEAD : FO_TEXT_TABLE;
    fo_pdf_blocks_add_blocks(pb, node, 0);
    pb->in_cell = in_cell;
    pb->cell_style = cell_style;
    cell->n_blocks = pb->n_blocks - start;
    cell->blocks = fo_xmalloc((cell->n_blocks ? cell->n_blocks : 1) * sizeof *cell->blocks);
    memcpy(cell->blocks, pb->blocks + start, cell->n_blocks * sizeof *cell->blocks);
    for (size_t k = 0; k < cell->n_blocks; k++)
        cell->blocks[k].inset = 0; /* a quotation in a cell is not indented */
    pb->n_blocks = start;
}

static size_t count_cells(const fo_node *node, int *rows, int *head_rows)
{
    size_t n = 0;
    *rows = *head_rows = 0;
    for (const fo_node *row = node->first; row; row = row->next, (*rows)++) {
        if (row->u.row.header && *head_rows == *rows)
            (*head_rows)++;
        for (const fo_node *cell = row->first; cell; cell = cell->next)
            n++;
    }
    return n;
}

void fo_pdf_table_build(fo_pdf_blocks *pb, const fo_node *node, double inset)
{
    int cols = node->u.table.cols;
    double min_column = (MIN_COLUMN_EM + 2 * CELL_PAD_X_EM) * text_size(pb);
    if (cols < 1 || pb->in_cell || cols * min_column > type_width(pb, inset)) {
        build_as_paragraphs(pb, node, inset);
        return;
    }
    fo_pdf_table *t = fo_xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    t->cols = cols;
    t->pos = node->pos;
    t->head_band = SIZE_MAX;
    t->title = (fo_pdf_block){.kind = FO_PDF_TEXT, .style = FO_TEXT_TABLE_TITLE, .inset = inset};
    fo_pdf_blocks_add_inlines(pb, &t->title, node->u.table.caption, fo_pdf_blocks_slot(pb, FO_TEXT_TABLE_TITLE));
    t->cells = fo_xmalloc((count_cells(node, &t->rows, &t->head_rows) + 1) * sizeof *t->cells);
    t->row_cells = fo_xmalloc(((size_t)t->rows + 1) * sizeof *t->row_cells);
    int r = 0;
    for (const fo_node *row = node->first; row; row = row->next, r++) {
        t->row_cells[r] = t->n_cells;
        for (const fo_node *cell = row->first; cell; cell = cell->next) {
            fo_pdf_cell *c = &t->cells[t->n_cells++];
            int rowspan = cell->u.cell.rowspan < 1 ? 1 : cell->u.cell.rowspan;
            int colspan = cell->u.cell.colspan < 1 ? 1 : cell->u.cell.colspan;
            *c = (fo_pdf_cell){.row = r, .col = cell->u.cell.col, .rowspan = rowspan > t->rows - r ? t->rows - r : rowspan,
                               .colspan = colspan > cols - cell->u.cell.col ? cols - cell->u.cell.col : colspan,
                               .header = cell->u.cell.header || row->u.row.header};
            build_cell(pb, c, cell);
        }
    }
    t->row_cells[t->rows] = t->n_cells;
    /* the block is made last: building the cells may move the page's block list */
    fo_pdf_block *b = fo_pdf_blocks_new(pb, FO_PDF_TABLE, FO_TEXT_TABLE);
    b->inset = inset;
    b->table = t;
}

/* ---- columns ---- */

/* Lines of a block as layout.c wants them (the same as fo_pdf_block_break makes). */
static fo_lay_run *lay_runs(const fo_pdf_blocks *pb, const fo_pdf_block *b)
{
    fo_lay_run *runs = fo_xmalloc((b->n_runs ? b->n_runs : 1) * sizeof *runs);
    double size = pb->style->text[b->style].size;
    for (size_t r = 0; r < b->n_runs; r++)
        runs[r] = (fo_lay_run){.text = b->runs[r].text.data ? b->runs[r].text.data : "",
                               .len = b->runs[r].text.len, .font = b->runs[r].slot, .size = size};
    return runs;
}

/* What a cell needs across: its widest block's content widths, plus padding. */
static void cell_widths(const fo_pdf_blocks *pb, fo_pdf_cell *c)
{
    c->min = c->max = 0;
    for (size_t k = 0; k < c->n_blocks; k++) {
        const fo_pdf_block *b = &c->blocks[k];
        fo_lay_run *runs = lay_runs(pb, b);
        double min, max;
        fo_lay_content_widths(runs, b->n_runs, pb->advance, pb->advance_ctx, &min, &max);
        free(runs);
        c->min = fmax(c->min, min);
        c->max = fmax(c->max, max);
    }
    c->min += 2 * pad_x(pb);
    c->max += 2 * pad_x(pb);
}

static void place_columns(fo_pdf_table *t, double width)
{
    fo_lay_col_need *needs = fo_xmalloc((t->n_cells ? t->n_cells : 1) * sizeof *needs);
    double *widths = fo_xmalloc((size_t)t->cols * sizeof *widths);
    for (size_t i = 0; i < t->n_cells; i++)
        needs[i] = (fo_lay_col_need){t->cells[i].col, t->cells[i].colspan, t->cells[i].min, t->cells[i].max};
    if (!fo_lay_table_columns(needs, t->n_cells, t->cols, width, widths))
        for (int k = 0; k < t->cols; k++) /* cannot happen: build keeps cells inside the columns */
            widths[k] = width / t->cols;
    t->col_x = fo_xmalloc(((size_t)t->cols + 1) * sizeof *t->col_x);
    t->col_x[0] = 0;
    for (int k = 0; k < t->cols; k++)
        t->col_x[k + 1] = t->col_x[k] + widths[k];
    free(widths);
    free(needs);
}

/* Break a cell's blocks to its width, placed at its column; its text's height. */
static int break_cell(fo_pdf_blocks *pb, const fo_pdf_block *table, fo_pdf_table *t, fo_pdf_cell *c)
{
    double x = t->col_x[c->col] + pad_x(pb), width = t->col_x[c->col + c->colspan] - x - pad_x(pb);
    c->height = 0;
    for (size_t k = 0; k < c->n_blocks; k++) {
        fo_pdf_block *b = &c->blocks[k];
        b->cell_width = width > 1 ? width : 1;
        b->left = table->inset + x;
        if (fo_pdf_block_break(pb, b) != 0)
            return -1;
        c->height += (double)b->para.n_lines * fo_pdf_blocks_pitch(pb, b);
    }
    return 0;
}

/* ---- rows and bands ---- */

static int by_rowspan(const void *a, const void *b)
{
    const fo_pdf_cell *x = *(const fo_pdf_cell *const *)a, *y = *(const fo_pdf_cell *const *)b;
    return x->rowspan != y->rowspan ? (x->rowspan > y->rowspan) - (x->rowspan < y->rowspan)
                                    : (x > y) - (x < y);
}

/* Row heights: the tallest one-row cell (at least one line), then what cells spanning rows lack,
 * given to their last row. */
static void place_rows(const fo_pdf_blocks *pb, fo_pdf_table *t)
{
    double *h = fo_xmalloc(((size_t)t->rows + 1) * sizeof *h), min = pb->style->text[FO_TEXT_TABLE].size *
                                                                       pb->style->text[FO_TEXT_TABLE].line_height;
    for (int r = 0; r < t->rows; r++)
        h[r] = min + 2 * pad_y(pb);
    for (size_t i = 0; i < t->n_cells; i++)
        if (t->cells[i].rowspan == 1)
            h[t->cells[i].row] = fmax(h[t->cells[i].row], t->cells[i].height + 2 * pad_y(pb));
    size_t n = 0;
    const fo_pdf_cell **spanning = fo_xmalloc((t->n_cells ? t->n_cells : 1) * sizeof *spanning);
    for (size_t i = 0; i < t->n_cells; i++)
        if (t->cells[i].rowspan > 1)
            spanning[n++] = &t->cells[i];
    qsort(spanning, n, sizeof *spanning, by_rowspan); /* the shorter spans first */
    for (size_t i = 0; i < n; i++) {
        const fo_pdf_cell *c = spanning[i];
        double have = 0;
        for (int r = c->row; r < c->row + c->rowspan; r++)
            have += h[r];
        if (c->height + 2 * pad_y(pb) > have)
            h[c->row + c->rowspan - 1] += c->height + 2 * pad_y(pb) - have;
    }
    free(spanning);
    t->row_y = fo_xmalloc(((size_t)t->rows + 1) * sizeof *t->row_y);
    t->row_y[0] = 0;
    for (int r = 0; r < t->rows; r++)
        t->row_y[r + 1] = t->row_y[r] + h[r];
    free(h);
    for (size_t i = 0; i < t->n_cells; i++) { /* text centred in the cell's height */
        fo_pdf_cell *c = &t->cells[i];
        double room = t->row_y[c->row + c->rowspan] - t->row_y[c->row];
        c->top = (room - c->height) / 2;
    }
}

static void push_band(fo_pdf_table *t, fo_pdf_band band)
{
    t->bands = fo_xrealloc(t->bands, (t->n_bands + 1) * sizeof *t->bands);
    t->bands[t->n_bands++] = band;
}

/* The lines of the cells in rows [row, end), as intervals from the table's top, sorted by top. */
typedef struct interval {
    double top, bottom;
} interval;

static int by_top(const void *a, const void *b)
{
    double d = ((const interval *)a)->top - ((const interval *)b)->top;
    return d < 0 ? -1 : d > 0;
}

static interval *group_lines(const fo_pdf_blocks *pb, const fo_pdf_table *t, int row, int end, size_t *n)
{
    interval *lines = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t i = t->row_cells[row]; i < t->row_cells[end]; i++) {
        const fo_pdf_cell *c = &t->cells[i];
        double y = t->row_y[c->row] + c->top;
        for (size_t k = 0; k < c->n_blocks; k++) {
            double pitch = fo_pdf_blocks_pitch(pb, &c->blocks[k]);
            for (size_t l = 0; l < c->blocks[k].para.n_lines; l++, y += pitch) {
                if (*n == cap) {
                    cap = cap ? 2 * cap : 64;
                    lines = fo_xrealloc(lines, cap * sizeof *lines);
                }
                lines[(*n)++] = (interval){y, y + pitch};
            }
        }
    }
    qsort(lines, *n, sizeof *lines, by_top);
    return lines;
}

/* Rows [row, end) taller than `room`: slices cut between lines.  Their cells' text starts at the
 * top (centring a page-long cell would cut it anywhere). */
static void slice_group(const fo_pdf_blocks *pb, fo_pdf_table *t, int row, int end, double room, bool header)
{
    for (size_t i = t->row_cells[row]; i < t->row_cells[end]; i++)
        t->cells[i].top = pad_y(pb);
    size_t n, first = 0;
    interval *lines = group_lines(pb, t, row, end, &n);
    double *tops = fo_xmalloc((n ? n : 1) * sizeof *tops), *bottoms = fo_xmalloc((n ? n : 1) * sizeof *bottoms);
    double tallest = 0;
    for (size_t i = 0; i < n; i++)
        tallest = fmax(tallest, lines[i].bottom - lines[i].top);
    for (double start = t->row_y[row], bottom = t->row_y[end]; start < bottom - EPSILON;) {
        double limit = fmin(start + room, bottom);
        while (first < n && lines[first].top < start - tallest) /* lines above the window are done */
            first++;
        size_t k = 0;
        for (size_t i = first; i < n && lines[i].top < limit; i++, k++) {
            tops[k] = lines[i].top;
            bottoms[k] = lines[i].bottom;
        }
        double cut = limit < bottom ? fo_lay_row_cut(tops, bottoms, k, start, limit) : bottom;
        push_band(t, (fo_pdf_band){row, end, start, cut, header});
        start = cut;
    }
    free(tops);
    free(bottoms);
    free(lines);
}

/* The end of the group of rows starting at `row`: rows that row spans tie together. */
static int group_end(const fo_pdf_table *t, int row, int limit)
{
    int end = row + 1;
    for (size_t i = t->row_cells[row]; i < t->row_cells[end]; i++) { /* `end` grows as spans reach on */
        const fo_pdf_cell *c = &t->cells[i];
        if (c->row + c->rowspan > end)
            end = c->row + c->rowspan > limit ? limit : c->row + c->rowspan;
    }
    return end;
}

/* One band for the header rows, one per group of body rows; groups taller than a page sliced. */
static void make_bands(const fo_pdf_blocks *pb, fo_pdf_table *t)
{
    double area = type_height(pb), head = t->row_y[t->head_rows];
    if (t->head_rows > 0 && head <= HEAD_REPEAT_MAX_SHARE * area)
        t->head_band = 0;
    double room = area - (t->head_band != SIZE_MAX ? head : 0);
    for (int row = 0; row < t->rows;) {
        bool header = row < t->head_rows;
        int end = header ? t->head_rows : group_end(t, row, t->rows);
        if (t->row_y[end] - t->row_y[row] > (header ? area : room) + EPSILON)
            slice_group(pb, t, row, end, header ? area : room, header);
        else
            push_band(t, (fo_pdf_band){row, end, t->row_y[row], t->row_y[end], header});
        row = end;
    }
}

int fo_pdf_table_layout(fo_pdf_blocks *pb, fo_pdf_block *b)
{
    fo_pdf_table *t = b->table;
    b->measure = type_width(pb, b->inset);
    if (b->measure <= 0 || (t->title.n_runs && fo_pdf_block_break(pb, &t->title) != 0)) {
        fo_error(pb->d, t->pos.line, t->pos.col, "the page is too narrow for a table");
        return -1;
    }
    for (size_t i = 0; i < t->n_cells; i++)
        cell_widths(pb, &t->cells[i]);
    place_columns(t, b->measure);
    for (size_t i = 0; i < t->n_cells; i++)
        if (break_cell(pb, b, t, &t->cells[i]) != 0)
            return -1;
    place_rows(pb, t);
    make_bands(pb, t);
    return 0;
}

/* ---- boxes ---- */

size_t fo_pdf_table_line(const fo_pdf_block *b, size_t i, size_t *band)
{
    size_t title = b->table->title.para.n_lines;
    *band = i < title ? SIZE_MAX : i - title;
    return i < title ? i : SIZE_MAX;
}

fo_lay_box fo_pdf_table_box(const fo_pdf_blocks *pb, const fo_pdf_block *b, size_t i)
{
    const fo_pdf_table *t = b->table;
    size_t k;
    if (fo_pdf_table_line(b, i, &k) != SIZE_MAX) /* the title stays with the table */
        return (fo_lay_box){.height = fo_pdf_blocks_pitch(pb, &t->title), .keep_with_next = 1};
    const fo_pdf_band *band = &t->bands[k];
    fo_lay_box box = {.height = band->bottom - band->top};
    if (band->header) /* the header rows stay with the first body rows */
        box.keep_with_next = k + 1 < t->n_bands;
    else if (t->head_band != SIZE_MAX)
        box.repeat_height = t->row_y[t->head_rows];
    return box;
}

size_t fo_pdf_blocks_repeated_head(const fo_pdf_blocks *pb, size_t box, const fo_pdf_block **table)
{
    const fo_pdf_box_ref *ref = &pb->refs[box];
    const fo_pdf_block *b = &pb->blocks[ref->block];
    size_t band;
    *table = NULL;
    if (b->kind != FO_PDF_TABLE || ref->line == SIZE_MAX || fo_pdf_table_line(b, ref->line, &band) != SIZE_MAX ||
        !(pb->boxes[box].repeat_height > 0))
        return SIZE_MAX;
    *table = b;
    return b->table->head_band;
}

/* ---- what a band shows ---- */

/* The lines of a cell's blocks that begin inside the band. */
static void visit_lines(const fo_pdf_blocks *pb, const fo_pdf_table *t, const fo_pdf_cell *c, const fo_pdf_band *band,
                        double top, const fo_pdf_band_visitor *v)
{
    double y = t->row_y[c->row] + c->top;
    for (size_t k = 0; k < c->n_blocks; k++) {
        const fo_pdf_block *b = &c->blocks[k];
        double pitch = fo_pdf_blocks_pitch(pb, b);
        size_t first = y < band->top ? (size_t)ceil((band->top - y) / pitch - EPSILON) : 0;
        for (size_t l = first; l < b->para.n_lines; l++) {
            double line_top = y + (double)l * pitch;
            if (line_top >= band->bottom - EPSILON)
                break;
            v->line(v->ctx, b, l, top + line_top - band->top);
        }
        y += (double)b->para.n_lines * pitch;
    }
}

void fo_pdf_table_visit_band(const fo_pdf_blocks *pb, const fo_pdf_block *b, size_t band_index, double top,
                             const fo_pdf_band_visitor *v)
{
    const fo_pdf_table *t = b->table;
    const fo_pdf_band *band = &t->bands[band_index];
    double left = pb->style->margin_left + b->inset;
    for (size_t i = t->row_cells[band->row]; i < t->row_cells[band->end_row]; i++) {
        const fo_pdf_cell *c = &t->cells[i];
        double y0 = fmax(t->row_y[c->row], band->top), y1 = fmin(t->row_y[c->row + c->rowspan], band->bottom);
        if (y1 - y0 < EPSILON)
            continue;
        if (v->cell)
            v->cell(v->ctx, c, left + t->col_x[c->col], top + y0 - band->top, t->col_x[c->col + c->colspan] - t->col_x[c->col],
                    y1 - y0);
        if (v->line)
            visit_lines(pb, t, c, band, top, v);
    }
}

/* ---- -t layout ---- */

typedef struct dump_ctx {
    const fo_pdf_blocks *pb;
    fo_buf *out;
} dump_ctx;

static void dump_cell(void *ctx, const fo_pdf_cell *c, double x, double y, double w, double h)
{
    dump_ctx *dc = ctx;
    fo_buf_printf(dc->out, "  %-9s y %6.2f h %5.2f x %6.2f w %6.2f r%d c%d", "cell", y, h, x, w, c->row + 1, c->col + 1);
    if (c->rowspan > 1 || c->colspan > 1)
        fo_buf_printf(dc->out, " span %d×%d", c->rowspan, c->colspan);
    fo_buf_puts(dc->out, c->header ? " head\n" : "\n");
}

static void dump_cell_line(void *ctx, const fo_pdf_block *b, size_t line, double top)
{
    dump_ctx *dc = ctx;
    fo_pdf_blocks_dump_line(dc->pb, b, line, top, fo_pdf_blocks_pitch(dc->pb, b), false, dc->out);
}

void fo_pdf_table_dump(const fo_pdf_blocks *pb, const fo_pdf_block *b, size_t band_index, double top, bool repeated,
                       fo_buf *out)
{
    const fo_pdf_table *t = b->table;
    const fo_pdf_band *band = &t->bands[band_index];
    fo_buf_printf(out, "  %-9s y %6.2f h %5.2f x %6.2f w %6.2f rows %d-%d%s", "rows", top, band->bottom - band->top,
                  pb->style->margin_left + b->inset, b->measure, band->row + 1, band->end_row,
                  band->header ? " head" : "");
    if (band->top > t->row_y[band->row] + EPSILON || band->bottom < t->row_y[band->end_row] - EPSILON)
        fo_buf_printf(out, " part %.2f-%.2f", band->top - t->row_y[band->row], band->bottom - t->row_y[band->row]);
    fo_buf_puts(out, repeated ? " repeated\n" : "\n");
    dump_ctx dc = {pb, out};
    fo_pdf_band_visitor v = {dump_cell, dump_cell_line, &dc};
    fo_pdf_table_visit_band(pb, b, band_index, top, &v);
}
