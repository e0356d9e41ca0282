/* test_pdf_tables.c — figures and tables in the PDF, seen through `-t layout` (and drawn once as
 * a PDF): pictures at 150 dpi or the measure, scaled to the type area with their caption, moved to
 * the next page whole; a picture the PDF cannot embed left out with a warning; tables with their
 * title, header rows repeated on every page they run onto, row groups never split, a row taller
 * than a page cut between lines, columns from their content, and a table too wide for the page set
 * as paragraphs; all of it inside a meeting packet too.  Run from the project root (styles/); the
 * fonts are whatever the machine has, so the checks are about geometry, not glyph widths.  A4 with
 * the default style: the type area runs from y 85.04 to 762.52 (677.48 pt), 447.87 pt wide. */
#include <math.h>
#include <stdio.h> /* before jpeglib.h, which uses FILE and size_t */
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <png.h>

#include "builders.h"
#include "harness.h"
#include "writers.h"

#define AREA_TOP 85.04
#define AREA_BOTTOM 762.52
#define MEASURE 447.87

/* ---- pictures made here ---- */

static fo_image *jpeg_coded(fo_doc *doc, int w, int h, bool arith)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    unsigned char *out = NULL;
    unsigned long len = 0;
    jpeg_mem_dest(&c, &out, &len);
    c.image_width = (JDIMENSION)w;
    c.image_height = (JDIMENSION)h;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    c.arith_code = arith;
    jpeg_start_compress(&c, TRUE);
    unsigned char *row = calloc((size_t)w * 3, 1);
    for (int y = 0; y < h; y++) {
        JSAMPROW r = row;
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    free(row);
    fo_image *img = fo_doc_alloc(doc, sizeof *img);
    unsigned char *data = fo_doc_alloc(doc, len);
    memcpy(data, out, len);
    free(out);
    *img = (fo_image){"image/jpeg", data, len, w, h, "made.jpg"};
    return img;
}

static fo_image *jpeg_image(fo_doc *doc, int w, int h) { return jpeg_coded(doc, w, h, false); }

static void png_write_buf(png_structp png, png_bytep data, size_t n) { fo_buf_append(png_get_io_ptr(png), data, n); }
static void png_flush_buf(png_structp png) { (void)png; }

static fo_image *made_png(fo_doc *doc, int w, int h)
{
    fo_buf b = {0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    png_set_write_fn(png, &b, png_write_buf, png_flush_buf);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    png_bytep row = calloc((size_t)w, 1);
    for (int y = 0; y < h; y++)
        png_write_row(png, row);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    fo_image *img = fo_doc_alloc(doc, sizeof *img);
    unsigned char *data = fo_doc_alloc(doc, b.len);
    memcpy(data, b.data, b.len);
    *img = (fo_image){"image/png", data, b.len, w, h, "made.png"};
    fo_buf_free(&b);
    return img;
}

static fo_node *photo(fo_doc *doc, fo_node *parent, const fo_image *img, const char *name, const char *caption)
{
    fo_node *f = tb_figure(doc, parent, name, caption, NULL);
    f->u.figure.picture = img;
    return f;
}

/* ---- reading the layout ---- */

static char *layout_of(const fo_doc *doc, fo_diag *d)
{
    fo_write_opts opts = {.style_dir = "styles"};
    fo_buf out = {0};
    if (fo_write_layout(doc, &opts, &out, d) != 0) {
        fo_buf_free(&out);
        return NULL;
    }
    return fo_buf_steal(&out);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; p && (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* The same in a PDF's bytes, which hold NULs. */
static size_t count_bytes(const fo_buf *b, const char *needle)
{
    size_t n = 0, len = strlen(needle);
    for (size_t i = 0; i + len <= b->len; i++)
        n += memcmp(b->data + i, needle, len) == 0;
    return n;
}

/* The line of the layout that starts with `prefix` (after its two spaces), the `nth` (0-based). */
static const char *find_line(const char *lay, const char *prefix, size_t nth)
{
    char key[64];
    snprintf(key, sizeof key, "\n  %s", prefix);
    const char *p = lay;
    for (size_t i = 0; p && (p = strstr(p, key)); i++, p += strlen(key))
        if (i == nth)
            return p + 3;
    return NULL;
}

/* y, h, x and w of a layout line. */
static bool place(const char *line, double *y, double *h, double *x, double *w)
{
    return line && sscanf(line, "%*s y %lf h %lf x %lf w %lf", y, h, x, w) == 4;
}

/* The page a layout line is on. */
static int page_of(const char *lay, const char *line)
{
    int page = 0;
    for (const char *p = lay; p && p < line; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, "page ", 5) == 0)
            page = atoi(p + 5);
    return page;
}

static fo_doc *new_article(void)
{
    fo_doc *doc = fo_doc_new();
    doc->meta.title = "图表测试";
    return doc;
}

/* `n` paragraphs of body text, each a few lines long. */
static void filler(fo_doc *doc, fo_node *parent, int n)
{
    for (int i = 0; i < n; i++)
        tb_para(doc, parent, NULL, "今年以来，各地围绕节水灌溉安排了一批项目，覆盖多个乡镇，大部分已经完工，少数项目正在调试设备，"
                                   "进度总体符合预期，农户反映良好。");
}

/* ---- figures ---- */

static void test_picture_sizes(void)
{
    fo_doc *doc = new_article();
    photo(doc, doc->root, jpeg_image(doc, 64, 48), "small.jpg", "一张小图。");
    photo(doc, doc->root, made_png(doc, 3000, 1500), "wide.png", "一张宽图。");
    photo(doc, doc->root, jpeg_image(doc, 300, 6000), "tall.jpg", "一张很高的图。");
    photo(doc, doc->root, made_png(doc, 200, 100), "bare.png", NULL);
    photo(doc, doc->root, jpeg_coded(doc, 30, 30, true), "arith.jpg", "算术编码。");
    fo_doc_finish(doc);
    fo_diag d;
    fo_diag_init(&d, "built.html", NULL);
    char *lay = layout_of(doc, &d);
    OK(lay != NULL, "pictures: laid out");
    INT_EQ(d.warnings, 0, "pictures: no warning: every picture is placed");
    double y, h, x, w;
    const char *small = find_line(lay, "image ", 0);
    OK(place(small, &y, &h, &x, &w) && fabs(w - 30.72) < 0.01 && strstr(small, "30.72×23.04 pt: small.jpg"),
       "pictures: 64 px wide is 30.72 pt (150 dpi), never stretched");
    OK(fabs(x - (73.70 + (MEASURE - 30.72) / 2)) < 0.02, "pictures: centred in the measure");
    OK(small && strncmp(strchr(small, '\n') + 3, "caption", 7) == 0, "pictures: the caption follows its picture");
    OK(small && strstr(strchr(small, '\n'), "一张小图") != NULL, "pictures: ... with its text");
    const char *wide = find_line(lay, "image ", 1);
    OK(place(wide, &y, &h, &x, &w) && fabs(w - MEASURE) < 0.01 && strstr(wide, "447.87×223.94 pt"),
       "pictures: 3000 px is scaled down to the measure");
    const char *tall = find_line(lay, "image ", 2);
    double cy, ch, cx, cw;
    const char *caption = tall ? strchr(tall, '\n') + 3 : NULL;
    OK(place(tall, &y, &h, &x, &w) && place(caption, &cy, &ch, &cx, &cw), "pictures: the tall one is placed");
    OK(fabs(y - AREA_TOP) < 0.01, "pictures: a picture taller than the page starts a page");
    OK(cy + ch <= AREA_BOTTOM + 0.01 && cy + ch > AREA_BOTTOM - 1, "pictures: scaled so that it and its caption fill the page");
    OK(page_of(lay, tall) == page_of(lay, caption), "pictures: ... on the same page");
    OK(fabs(w - (cy + ch - AREA_TOP - 5.25 - ch) * 300 / 6000) < 0.05, "pictures: its width shrinks in proportion");
    const char *bare = find_line(lay, "image ", 3);
    OK(bare && strstr(bare, "96.00×48.00 pt: bare.png") && !strstr(bare, " keep"), "pictures: no caption, nothing to keep with");
    free(lay);

    fo_write_opts opts = {.style_dir = "styles"};
    fo_buf pdf = {0};
    INT_EQ(fo_write_pdf(doc, &opts, &pdf, &d), 0, "pictures: the PDF is drawn");
    INT_EQ(count_bytes(&pdf, "/Subtype /Image"), 5, "pictures: five images embedded");
    INT_EQ(count_bytes(&pdf, "/DCTDecode"), 2, "pictures: the JPEGs as DCT, but the arithmetic-coded one (from its pixels)");
    fo_buf_free(&pdf);
    fo_doc_free(doc);
}

/* A picture that does not fit under the text on a page goes to the next page with its caption. */
static void test_picture_moves(void)
{
    fo_doc *doc = new_article();
    filler(doc, doc->root, 11);
    photo(doc, doc->root, jpeg_image(doc, 900, 600), "photo.jpg", "图片说明。");
    filler(doc, doc->root, 1);
    fo_doc_finish(doc);
    fo_diag d;
    fo_diag_init(&d, "built.html", NULL);
    char *lay = layout_of(doc, &d);
    const char *img = find_line(lay, "image ", 0);
    double y, h, x, w;
    OK(place(img, &y, &h, &x, &w) && fabs(y - AREA_TOP) < 0.01 && page_of(lay, img) == 2,
       "moves: the picture opens page 2");
    const char *last_text = find_line(lay, "body ", 0);
    for (size_t i = 1; find_line(lay, "body ", i) && page_of(lay, find_line(lay, "body ", i)) == 1; i++)
        last_text = find_line(lay, "body ", i);
    double ty, th, tx, tw;
    OK(place(last_text, &ty, &th, &tx, &tw) && ty + th + h > AREA_BOTTOM, "moves: because it did not fit under the text");
    OK(img && strncmp(strchr(img, '\n') + 3, "caption", 7) == 0, "moves: its caption with it");
    free(lay);

    /* near miss: with room left, it stays */
    fo_doc *short_doc = new_article();
    filler(short_doc, short_doc->root, 3);
    photo(short_doc, short_doc->root, jpeg_image(short_doc, 900, 600), "photo.jpg", "图片说明。");
    fo_doc_finish(short_doc);
    lay = layout_of(short_doc, &d);
    OK(page_of(lay, find_line(lay, "image ", 0)) == 1, "near miss: a picture that fits stays on the page");
    free(lay);
    fo_doc_free(short_doc);
    fo_doc_free(doc);
}

/* A picture the PDF cannot take (bytes libharu or the decoder refuse) is left out with a warning
 * naming it; its caption stays; the PDF is still written. */
static void test_picture_refused(void)
{
    fo_doc *doc = new_article();
    fo_image *bad_jpeg = fo_doc_alloc(doc, sizeof *bad_jpeg);
    *bad_jpeg = (fo_image){"image/jpeg", (const unsigned char *)"\xFF\xD8\xFF\xE0 not really", 15, 10, 10, "bad.jpg"};
    fo_image *cut_png = made_png(doc, 40, 40);
    cut_png->size -= 20;
    photo(doc, doc->root, bad_jpeg, "bad.jpg", "坏图的说明。");
    photo(doc, doc->root, cut_png, "cut.png", "截断图的说明。");
    photo(doc, doc->root, jpeg_image(doc, 20, 20), "good.jpg", "好图。");
    fo_doc_finish(doc);
    fo_diag d;
    fo_diag_init(&d, "built.html", NULL);
    char *lay = layout_of(doc, &d);
    INT_EQ(d.warnings, 2, "refused: a warning each");
    OK(strstr(d.last, "cut.png") && strstr(d.last, "left out of the PDF"), "refused: naming the picture");
    INT_EQ(count(lay, "\n  image "), 1, "refused: only the good picture is placed");
    OK(strstr(lay, "坏图的说明") && strstr(lay, "截断图的说明"), "refused: their captions are kept");
    OK(strstr(lay, "〔图〕坏图的说明") && strstr(lay, "〔图〕截断图的说明") && count(lay, "〔图〕") == 2,
       "refused: marked 〔图〕 as a caption without its photograph; near miss: the placed one's is not");
    free(lay);
    fo_write_opts opts = {.style_dir = "styles"};
    fo_buf pdf = {0};
    fo_diag_init(&d, "built.html", NULL);
    INT_EQ(fo_write_pdf(doc, &opts, &pdf, &d), 0, "refused: the PDF is written all the same");
    INT_EQ(count_bytes(&pdf, "/Subtype /Image"), 1, "refused: with the one good picture");
    fo_buf_free(&pdf);
    fo_doc_free(doc);
}

/* Flat pictures of many pixels in small files, each within the 40 megapixels one picture may have
 * (FO_IMAGE_MAX_PIXELS): the PDF decodes at most 100 megapixels of them together. */
static void test_picture_budget(void)
{
    fo_doc *doc = new_article();
    photo(doc, doc->root, made_png(doc, 8000, 5000), "big-1.png", "第一张。");
    photo(doc, doc->root, made_png(doc, 8000, 5000), "big-2.png", "第二张。");
    photo(doc, doc->root, made_png(doc, 6000, 4000), "big-3.png", "第三张。");
    photo(doc, doc->root, jpeg_image(doc, 64, 48), "small.jpg", "第四张。");
    fo_doc_finish(doc);
    fo_diag d;
    fo_diag_init(&d, "built.html", NULL);
    char *lay = layout_of(doc, &d);
    INT_EQ(d.warnings, 1, "budget: one warning");
    OK(strstr(d.last, "big-3.png") && strstr(d.last, "100 megapixels"), "budget: the picture past 100 megapixels");
    OK(lay && strstr(lay, ": big-1.png") && strstr(lay, ": big-2.png") && !strstr(lay, ": big-3.png") &&
           strstr(lay, ": small.jpg"),
       "budget: the first two (80 megapixels) and the JPEG (embedded as it is) are placed");
    free(lay);
    fo_doc_free(doc);
}

/* ---- tables ---- */

static fo_node *simple_table(fo_doc *doc, fo_node *parent, int rows, const char *caption)
{
    fo_node *t = tb_add(doc, parent, FO_TABLE);
    if (caption)
        t->u.table.caption = tb_inlines(doc, t, caption);
    fo_node *r = tb_row(doc, t, true);
    tb_cell(doc, r, "序号", 1, 1);
    tb_cell(doc, r, "乡镇", 1, 1);
    tb_cell(doc, r, "进展说明", 1, 1);
    for (int i = 0; i < rows; i++) {
        char n[16];
        snprintf(n, sizeof n, "%d", i + 1);
        r = tb_row(doc, t, false);
        tb_cell(doc, r, n, 1, 1);
        tb_cell(doc, r, "城关镇", 1, 1);
        tb_cell(doc, r, i % 3 ? "已完工。" : "主管网完工，剩余一百五十亩支管七月初铺完，设备运行正常，农户反映出苗整齐，"
                                             "下一步组织技术人员开展培训。", 1, 1);
    }
    return t;
}

/* Every band lies inside the type area, and every line of a cell inside its band. */
static bool bands_inside(const char *lay)
{
    double by = 0, bh = 0, y, h, x, w;
    for (const char *p = strstr(lay, "\n  "); p; p = strstr(p + 1, "\n  ")) {
        if (strncmp(p + 3, "rows ", 5) == 0) {
            if (!place(p + 3, &by, &bh, &x, &w) || by < AREA_TOP - 0.01 || by + bh > AREA_BOTTOM + 0.01)
                return false;
        } else if (strncmp(p + 3, "table ", 6) == 0 || strncmp(p + 3, "table-head ", 11) == 0) {
            if (!place(p + 3, &y, &h, &x, &w) || y < by - 0.01 || y + h > by + bh + 0.01)
                return false;
        }
    }
    return true;
}

static void test_table_pages(void)
{
    fo_doc *doc = new_article();
    filler(doc, doc->root, 2);
    simple_table(doc, doc->root, 60, "各乡镇项目进展");
    filler(doc, doc->root, 1);
    fo_doc_finish(doc);
    fo_diag d;
    fo_diag_init(&d, "built.html", NULL);
    char *lay = layout_of(doc, &d);
    OK(lay != NULL, "table: laid out");
    INT_EQ(d.warnings, 0, "table: no warning");
    const char *title = find_line(lay, "table-title ", 0), *head = find_line(lay, "rows ", 0);
    OK(title && strstr(title, " keep:") && strstr(title, "各乡镇项目进展"), "table: its title, kept with it");
    OK(head && strstr(head, "rows 1-1 head\n") && page_of(lay, head) == page_of(lay, title),
       "table: the header rows first, on the title's page");
    int first = page_of(lay, head), last = page_of(lay, strstr(lay, "rows 61-61"));
    OK(last > first, "table: 60 rows run over more than one page");
    INT_EQ(count(lay, " head repeated\n"), last - first, "table: the header repeated on every page it runs onto");
    bool each = true;
    for (int p = first + 1; p <= last; p++) {
        char key[64];
        snprintf(key, sizeof key, "page %d\n  header    图表测试\n  rows ", p);
        each = each && strstr(lay, key) && strstr(strstr(lay, key), "rows 1-1 head repeated");
    }
    OK(each, "table: ... at the top of each of those pages");
    INT_EQ(count(lay, "\n  rows "), 61 + (last - first), "table: one band a row, none split");
    OK(bands_inside(lay), "table: every row inside the type area, every line inside its row");
    const char *number = find_line(lay, "cell ", 3), *n_line = number ? strstr(number, "\n  table ") : NULL;
    OK(n_line && strstr(n_line, " 1/1:"), "table: the number column keeps its text on one line");
    size_t wrapped = 0;
    for (const char *p = lay; (p = strstr(p, " 2/2:")) != NULL; p++)
        wrapped++;
    OK(wrapped >= 10, "table: the long cells wrap");
    free(lay);
    fo_doc_free(doc);
}

/* Rows tied by a row span move together; a row taller than a page is cut between lines. */
static void test_table_rows(void)
{
    fo_doc *doc = new_article();
    fo_node *t = tb_add(doc, doc->root, FO_TABLE);
    fo_node *r = tb_row(doc, t, false);
    tb_cell(doc, r, "甲", 3, 1);
    tb_cell(doc, r, "一", 1, 1);
    for (int i = 0; i < 2; i++)
        tb_cell(doc, tb_row(doc, t, false), "二", 1, 1);
    r = tb_row(doc, t, false);
    tb_cell(doc, r, "长", 1, 1);
    fo_buf long_text = {0};
    for (int i = 0; i < 300; i++)
        fo_buf_puts(&long_text, "这一格的文字很长，要跨过好几页。");
    tb_cell(doc, r, long_text.data, 1, 1);
    fo_buf_free(&long_text);
    fo_doc_finish(doc);
    fo_diag d;
    fo_diag_init(&d, "built.html", NULL);
    char *lay = layout_of(doc, &d);
    OK(lay && strstr(lay, "rows 1-3\n"), "rows: three rows tied by a span are one band");
    OK(count(lay, "rows 4-4 part ") >= 2, "rows: a row taller than a page is cut into parts");
    OK(bands_inside(lay), "rows: each part inside its page, each line inside its part");
    /* every line of the long cell is shown once: lines n/N from 1 to N */
    size_t total = 0, seen = 0, n;
    for (const char *p = lay; (p = strstr(p, " 1/")) != NULL; p++)
        if (sscanf(p, " 1/%zu:", &n) == 1 && n > total)
            total = n;
    for (size_t i = 1; total > 1 && i <= total; i++) {
        char key[32];
        snprintf(key, sizeof key, " %zu/%zu:", i, total);
        seen += count(lay, key) == 1;
    }
    OK(total > 50 && seen == total, "rows: every line of the long cell shown, once");
    free(lay);
    fo_doc_free(doc);
}

/* A table whose columns cannot fit the page: its cells as paragraphs, with a warning. */
static void test_table_too_wide(void)
{
    fo_doc *doc = new_article();
    fo_node *t = tb_add(doc, doc->root, FO_TABLE);
    for (int i = 0; i < 2; i++) {
        fo_node *r = tb_row(doc, t, false);
        for (int c = 0; c < 60; c++)
            tb_cell(doc, r, c ? "数" : "第一格", 1, 1);
    }
    simple_table(doc, doc->root, 2, NULL);
    fo_doc_finish(doc);
    fo_diag d;
    fo_diag_init(&d, "built.html", NULL);
    char *lay = layout_of(doc, &d);
    INT_EQ(d.warnings, 1, "too wide: one warning");
    OK(strstr(d.last, "60 columns"), "too wide: saying how many columns");
    OK(lay && strstr(lay, "第一格"), "too wide: the cells' text is kept");
    INT_EQ(count(lay, "\n  rows "), 3, "near miss: the table of three columns after it is a table");
    free(lay);
    fo_doc_free(doc);
}

/* ---- a meeting packet ---- */

static void test_packet(void)
{
    fo_doc *c = fo_doc_new();
    fo_meta_set(c, "title", "会议材料");
    for (int i = 0; i < 2; i++) {
        fo_doc *a = new_article();
        a->meta.title = i ? "第二篇" : "第一篇";
        filler(a, a->root, 1);
        if (i) {
            photo(a, a->root, jpeg_image(a, 64, 48), "p.jpg", "图片说明。");
            simple_table(a, a->root, 40, "表");
        }
        fo_doc_finish(a);
        fo_doc_add_part(c, a);
    }
    fo_doc_finish(c);
    fo_diag d;
    fo_diag_init(&d, "packet", NULL);
    char *lay = layout_of(c, &d);
    OK(lay && count(lay, "\n  image ") == 1 && strstr(lay, "30.72×23.04 pt: p.jpg"), "packet: the article's picture placed");
    OK(lay && count(lay, " head repeated\n") >= 1, "packet: its table's header repeated on the next page");
    OK(lay && bands_inside(lay), "packet: the table's rows inside the pages");
    free(lay);
    fo_write_opts opts = {.style_dir = "styles"};
    fo_buf out = {0};
    INT_EQ(fo_write_pdf(c, &opts, &out, &d), 0, "packet: the PDF is drawn");
    INT_EQ(count_bytes(&out, "/Subtype /Image"), 1, "packet: with the picture");
    fo_buf_free(&out);
    fo_doc_free(c);
}

int main(void)
{
    test_picture_sizes();
    test_picture_moves();
    test_picture_refused();
    test_picture_budget();
    test_table_pages();
    test_table_rows();
    test_table_too_wide();
    test_packet();
    return harness_done();
}
