/* test_layout_tables.c — the geometry of figures and tables (layout.c): how large a picture is
 * drawn, what a cell's text needs across, column widths, where a row taller than a page is cut, and
 * pages that repeat a table's header rows.  The fake font of test_layout.c: at size 10 every CJK
 * character and full-width mark is 10 pt, every ASCII or Latin character 5 pt. */
#include <math.h>
#include <string.h>

#include "harness.h"
#include "layout.h"
#include "text.h"

#define TOLERANCE 0.01
#define NEAR(got, want, what)                                                                      \
    do {                                                                                           \
        char d_[96];                                                                               \
        snprintf(d_, sizeof d_, "got %.3f, want %.3f", (double)(got), (double)(want));             \
        harness_report(fabs((got) - (want)) < TOLERANCE, __FILE__, __LINE__, (what), d_);          \
    } while (0)

static double fake_advance(void *ctx, int font, double size, uint32_t cp)
{
    (void)ctx, (void)font;
    return cp < 0x80 || fo_is_latin_or_digit(cp) ? size / 2 : size;
}

static void test_image_size(void)
{
    double w, h;
    /* 64 × 48 pixels at 150 dpi: 64 / 150 inch = 30.72 pt */
    fo_lay_image_size(64, 48, 453.5, 700, &w, &h);
    NEAR(w, 30.72, "image: a small picture is drawn at 150 dpi, not stretched to the measure");
    NEAR(h, 23.04, "image: its proportions kept");
    fo_lay_image_size(945, 600, 453.5, 700, &w, &h);
    NEAR(w, 453.5, "image: 945 pixels (453.6 pt at 150 dpi) fill a 453.5 pt measure");
    NEAR(h, 453.5 * 600 / 945, "image: and the height follows");
    fo_lay_image_size(944, 600, 453.5, 700, &w, &h);
    NEAR(w, 944 * 72 / 150.0, "near miss: 944 pixels (453.12 pt) stay just short of it");
    fo_lay_image_size(3000, 2000, 400, 700, &w, &h);
    NEAR(w, 400, "image: a large photo is scaled down to the measure");
    NEAR(h, 266.667, "image: ... keeping its proportions");
    fo_lay_image_size(1000, 6000, 400, 600, &w, &h);
    NEAR(h, 600, "image: a picture taller than the type area is scaled down to fit it");
    NEAR(w, 100, "image: ... narrower in proportion");
    fo_lay_image_size(0, 10, 400, 600, &w, &h);
    OK(w == 0 && h == 0, "image: an empty picture has no size");
    fo_lay_image_size(10, 10, 0, 600, &w, &h);
    OK(w == 0 && h == 0, "image: no room, no size");
}

static void widths_of(const char *s, double *min, double *max)
{
    fo_lay_run run = {s, strlen(s), 0, 10};
    fo_lay_content_widths(&run, 1, fake_advance, NULL, min, max);
}

static void test_content_widths(void)
{
    double min, max;
    widths_of("甲乙丙", &min, &max);
    NEAR(min, 10, "content: Han text breaks between any two characters");
    NEAR(max, 30, "content: unbroken, it is as wide as its characters");
    widths_of("甲，乙", &min, &max);
    NEAR(min, 15, "content: a comma stays with the character before it, half width at a line end");
    NEAR(max, 30, "content: ... and full width inside the line");
    widths_of("《甲》", &min, &max);
    NEAR(min, 25, "content: book-title marks stay with their title (the closing mark half width at the end)");
    widths_of("abc defgh", &min, &max);
    NEAR(min, 25, "content: a Latin word is not broken (the longest, 5 letters)");
    NEAR(max, 45, "content: the whole line, with its space");
    widths_of("2025-01-16", &min, &max);
    NEAR(min, 50, "content: a date is one unit");
    widths_of("甲乙\n丙丁戊", &min, &max);
    NEAR(max, 30, "content: a forced break ends a line: the widest line counts");
    NEAR(min, 10, "near miss: the newline adds nothing to a unit");
    widths_of("", &min, &max);
    OK(min == 0 && max == 0, "content: nothing needs nothing");
    fo_lay_run runs[2] = {{"甲乙", 6, 0, 10}, {"丙", 3, 0, 20}};
    fo_lay_content_widths(runs, 2, fake_advance, NULL, &min, &max);
    NEAR(min, 20, "content: runs of two sizes: the larger character is the widest unit");
    NEAR(max, 40, "content: ... and the line holds both runs");
}

static void test_table_columns(void)
{
    double w[4];
    fo_lay_col_need two[] = {{0, 1, 10, 30}, {1, 1, 10, 60}, {0, 1, 20, 20}};
    OK(fo_lay_table_columns(two, 3, 2, 180, w), "columns: two columns");
    NEAR(w[0], 60, "columns: room for all: shared in proportion to what each wants (30 of 90)");
    NEAR(w[1], 120, "columns: ... (60 of 90)");
    OK(fo_lay_table_columns(two, 3, 2, 50, w), "columns: a narrow table");
    NEAR(w[0], 20 + 10 * 20.0 / 60, "columns: each its minimum (the widest one-column cell's, 20), and a share of the "
                                     "20 pt left in proportion to what it still wants (10 of 60)");
    NEAR(w[1], 10 + 50 * 20.0 / 60, "columns: ... (50 of 60)");
    NEAR(w[0] + w[1], 50, "columns: together the width");
    OK(fo_lay_table_columns(two, 3, 2, 15, w), "columns: minimums that do not fit");
    NEAR(w[0], 10, "columns: scaled down, 20 : 10");
    NEAR(w[1], 5, "columns: ... 20 : 10");

    /* a header cell spanning both columns and wider than both: its extra goes to them as they want */
    fo_lay_col_need span[] = {{0, 2, 100, 100}, {0, 1, 5, 10}, {1, 1, 15, 30}};
    OK(fo_lay_table_columns(span, 3, 2, 400, w), "columns: a spanning cell");
    NEAR(w[0], 100, "columns: the span's 100 shared 1 : 3 (25 and 75), filled to 400 in proportion");
    NEAR(w[1], 300, "columns: ... (75 of 100)");
    fo_lay_col_need narrow_span[] = {{0, 2, 20, 20}, {0, 1, 5, 10}, {1, 1, 15, 30}};
    OK(fo_lay_table_columns(narrow_span, 3, 2, 400, w), "near miss: a spanning cell that fits in its columns");
    NEAR(w[0], 100, "near miss: changes nothing (10 : 30)");

    /* a narrow column of numbers beside a column of prose: the numbers keep their one line */
    fo_lay_col_need prose[] = {{0, 1, 20, 30}, {1, 1, 20, 500}, {2, 1, 20, 60}};
    OK(fo_lay_table_columns(prose, 3, 3, 300, w), "columns: numbers, prose, names");
    NEAR(w[0], 30, "columns: a column that wants less than an equal share (100) gets what it wants");
    NEAR(w[2], 60, "columns: ... and then one that wants less than half of what is left (270 / 2)");
    NEAR(w[1], 210, "columns: the prose takes the rest");
    fo_lay_col_need two_prose[] = {{0, 1, 20, 400}, {1, 1, 20, 200}};
    OK(fo_lay_table_columns(two_prose, 2, 2, 300, w), "near miss: two columns that both want more than half");
    NEAR(w[0], 20 + 380 * 260.0 / 560, "near miss: minimum and a share in proportion to what each still wants");
    NEAR(w[1], 20 + 180 * 260.0 / 560, "near miss: ... (180 of 560)");
    fo_lay_col_need greedy[] = {{0, 1, 10, 60}, {1, 1, 10, 60}, {2, 1, 150, 400}};
    OK(fo_lay_table_columns(greedy, 3, 3, 200, w), "columns: narrow columns that would leave too little");
    NEAR(w[2], 150 + 250 * 30.0 / 350, "columns: the wide column keeps its minimum: no column is fixed then");

    fo_lay_col_need empty[] = {{0, 1, 0, 0}};
    OK(fo_lay_table_columns(empty, 1, 3, 90, w), "columns: empty columns");
    OK(fabs(w[0] - 30) < TOLERANCE && fabs(w[2] - 30) < TOLERANCE, "columns: empty columns share the width equally");
    fo_lay_col_need outside[] = {{1, 2, 10, 10}};
    OK(!fo_lay_table_columns(outside, 1, 2, 90, w), "columns: a cell past the last column is refused");
    OK(!fo_lay_table_columns(two, 3, 0, 90, w), "columns: no columns is refused");
}

static void test_row_cut(void)
{
    /* one cell of 20 pt lines */
    double tops[] = {0, 20, 40}, bottoms[] = {20, 40, 60};
    NEAR(fo_lay_row_cut(tops, bottoms, 3, 0, 50), 40, "row cut: above the line that the page end would cut");
    NEAR(fo_lay_row_cut(tops, bottoms, 3, 0, 40), 40, "near miss: at a line boundary the cut stays");
    NEAR(fo_lay_row_cut(tops, bottoms, 3, 20, 50), 40, "row cut: from a later start");
    /* two cells of 20 pt and 15 pt lines: the cut must clear both */
    double t2[] = {0, 20, 40, 0, 15, 30, 45}, b2[] = {20, 40, 60, 15, 30, 45, 60};
    NEAR(fo_lay_row_cut(t2, b2, 7, 0, 60), 60, "row cut: where both cells' lines end, the page end");
    NEAR(fo_lay_row_cut(t2, b2, 7, 0, 35), 35, "row cut: when no y clears both (35, 20, 15, 0 …), the row is cut at "
                                               "the page end");
    double t3[] = {0, 10, 20, 30, 40, 50, 0, 30}, b3[] = {10, 20, 30, 40, 50, 60, 30, 60};
    NEAR(fo_lay_row_cut(t3, b3, 8, 0, 55), 30, "row cut: 55 → 50 (the first cell's line) → 30 (the second's), where "
                                               "both cells' lines end");
    double tall_t[] = {0}, tall_b[] = {100};
    NEAR(fo_lay_row_cut(tall_t, tall_b, 1, 0, 50), 50, "row cut: a line taller than the page is cut at the page end");
}

/* A table's boxes as pdf_table.c makes them: the header band kept with the first row, each row a
 * box that repeats the header's height on a page it starts. */
static void test_paginate_repeat(void)
{
    fo_lay_box boxes[16];
    size_t starts[16];
    boxes[0] = (fo_lay_box){.height = 20, .keep_with_next = 1};
    for (int i = 1; i <= 12; i++)
        boxes[i] = (fo_lay_box){.height = 10, .repeat_height = 20};
    INT_EQ(fo_lay_paginate(boxes, 13, 100, starts), 2, "repeat: a header and twelve rows on two pages");
    INT_EQ(starts[1], 9, "repeat: page 1 holds the header and eight rows");
    for (int i = 1; i <= 12; i++)
        boxes[i].repeat_height = 0;
    INT_EQ(fo_lay_paginate(boxes, 13, 100, starts), 2, "near miss: without repeating");
    INT_EQ(starts[1], 9, "near miss: page 1 is the same");
    for (int i = 1; i <= 12; i++)
        boxes[i].repeat_height = 20;
    for (int i = 13; i <= 15; i++)
        boxes[i] = (fo_lay_box){.height = 10, .repeat_height = 20};
    INT_EQ(fo_lay_paginate(boxes, 16, 100, starts), 2, "repeat: fifteen rows: 8 + 7 fit two pages with the header");
    INT_EQ(fo_lay_paginate(boxes, 16, 90, starts), 3, "repeat: at 90 pt: 7 + 7 + 1, the header repeated takes a row's room");
    for (int i = 1; i <= 15; i++)
        boxes[i].repeat_height = 0;
    INT_EQ(fo_lay_paginate(boxes, 16, 90, starts), 2, "near miss: without the repeated header, 7 + 8 rows");
}

int main(void)
{
    fo_lay_init();
    test_image_size();
    test_content_widths();
    test_table_columns();
    test_row_cut();
    test_paginate_repeat();
    return harness_done();
}
