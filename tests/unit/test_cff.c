/* test_cff.c — re-keying a CFF (cff.c) and the CFF font object (font_cff.c).
 *
 * The re-keyed program is checked the way a PDF viewer uses it: HarfBuzz draws every glyph of it
 * (wrapped in a minimal OpenType file) and the outline must equal the source glyph's, the charset
 * must give each glyph its code point as CID, and bad input must be refused.
 * Needs fonts-noto-cjk (CID-keyed CFF) and tests/fonts/folio-test-box.otf (name-keyed CFF). */
#include <harfbuzz/hb-subset.h>
#include <hb.h>
#include <hpdf.h>
#include <hpdf_objects.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cff.h"
#include "font_cff.h"
#include "harness.h"
#include "util.h"

#define NOTO_SERIF "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
#define NOTO_SERIF_SC 2
#define BOX_FONT "tests/fonts/folio-test-box.otf"

/* ---- drawing outlines into a string ---- */

static void draw_point(fo_buf *b, char op, float x, float y) { fo_buf_printf(b, "%c%.1f,%.1f ", op, x, y); }

static void move_to(hb_draw_funcs_t *f, void *b, hb_draw_state_t *s, float x, float y, void *u)
{
    (void)f, (void)s, (void)u;
    draw_point(b, 'M', x, y);
}

static void line_to(hb_draw_funcs_t *f, void *b, hb_draw_state_t *s, float x, float y, void *u)
{
    (void)f, (void)s, (void)u;
    draw_point(b, 'L', x, y);
}

static void cubic_to(hb_draw_funcs_t *f, void *b, hb_draw_state_t *s, float x1, float y1, float x2, float y2,
                     float x, float y, void *u)
{
    (void)f, (void)s, (void)u;
    draw_point(b, 'C', x1, y1);
    draw_point(b, ' ', x2, y2);
    draw_point(b, ' ', x, y);
}

static void close_path(hb_draw_funcs_t *f, void *b, hb_draw_state_t *s, void *u)
{
    (void)f, (void)s, (void)u;
    fo_buf_puts(b, "Z ");
}

static hb_draw_funcs_t *draw_funcs(void)
{
    hb_draw_funcs_t *f = hb_draw_funcs_create();
    hb_draw_funcs_set_move_to_func(f, move_to, NULL, NULL);
    hb_draw_funcs_set_line_to_func(f, line_to, NULL, NULL);
    hb_draw_funcs_set_cubic_to_func(f, cubic_to, NULL, NULL);
    hb_draw_funcs_set_close_path_func(f, close_path, NULL, NULL);
    return f;
}

static void outline(hb_font_t *font, unsigned gid, fo_buf *out)
{
    static hb_draw_funcs_t *funcs;
    if (!funcs)
        funcs = draw_funcs();
    out->len = 0;
    fo_buf_puts(out, "");
    hb_font_get_glyph_shape(font, gid, funcs, out);
}

/* ---- an OpenType file around a bare CFF, so that HarfBuzz can draw it ---- */

static void put16(fo_buf *b, unsigned v)
{
    fo_buf_putc(b, (char)(v >> 8));
    fo_buf_putc(b, (char)v);
}

static void put32(fo_buf *b, unsigned long v)
{
    put16(b, (unsigned)(v >> 16));
    put16(b, (unsigned)(v & 0xFFFF));
}

static hb_face_t *wrap_cff(const fo_buf *cff, unsigned n_glyphs, fo_buf *file)
{
    /* 'CFF ' and 'maxp' (version 0.5: the glyph count) */
    file->len = 0;
    put32(file, 0x4F54544FUL); /* OTTO */
    put16(file, 2), put16(file, 32), put16(file, 1), put16(file, 0);
    size_t cff_at = 12 + 2 * 16, maxp_at = cff_at + ((cff->len + 3) & ~(size_t)3);
    put32(file, 0x43464620UL), put32(file, 0), put32(file, cff_at), put32(file, cff->len);
    put32(file, 0x6D617870UL), put32(file, 0), put32(file, maxp_at), put32(file, 6);
    fo_buf_append(file, cff->data, cff->len);
    while (file->len % 4)
        fo_buf_putc(file, 0);
    put32(file, 0x00005000UL), put16(file, n_glyphs);
    hb_blob_t *blob = hb_blob_create(file->data, (unsigned)file->len, HB_MEMORY_MODE_READONLY, NULL, NULL);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    return face;
}

/* ---- subsets ---- */

static hb_face_t *open_face(const char *path, unsigned index)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob)
        return NULL;
    hb_face_t *face = hb_face_create(blob, index);
    hb_blob_destroy(blob);
    return face;
}

static hb_face_t *subset(hb_face_t *face, const uint32_t *cps, size_t n, unsigned flags)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    for (size_t i = 0; i < n; i++)
        hb_set_add(hb_subset_input_unicode_set(in), cps[i]);
    hb_subset_input_set_flags(in, flags);
    hb_face_t *sub = hb_subset_or_fail(face, in);
    hb_subset_input_destroy(in);
    return sub;
}

/* Re-key `source` (a face with a CFF) to the code points `cps` (ascending) and compare every
 * glyph with the source's. */
static void check_rekey(hb_face_t *source, const uint32_t *cps, size_t n, const char *what)
{
    char name[160];
    hb_font_t *src_font = hb_font_create(source);
    fo_cff_glyph *glyphs = calloc(n, sizeof *glyphs);
    for (size_t i = 0; i < n; i++) {
        hb_codepoint_t gid = 0;
        hb_font_get_nominal_glyph(src_font, cps[i], &gid);
        glyphs[i] = (fo_cff_glyph){cps[i], gid};
    }
    hb_blob_t *table = hb_face_reference_table(source, HB_TAG('C', 'F', 'F', ' '));
    unsigned len;
    const uint8_t *data = (const uint8_t *)hb_blob_get_data(table, &len);
    fo_buf out = {0}, file = {0}, a = {0}, b = {0};
    snprintf(name, sizeof name, "%s: re-keyed", what);
    if (!OK(data && fo_cff_rekey(data, len, glyphs, n, &out) == 0, name))
        goto done;
    unsigned count = 0;
    int cid_keyed = 0, cids_ok = 1;
    for (size_t i = 0; i < n; i++)
        cids_ok &= fo_cff_glyph_cid((const uint8_t *)out.data, out.len, (unsigned)(i + 1), &count, &cid_keyed) == (int)cps[i];
    snprintf(name, sizeof name, "%s: CID-keyed, one glyph per code point plus .notdef, CID = code point", what);
    OK(cid_keyed && count == n + 1 && cids_ok, name);
    hb_face_t *rekeyed = wrap_cff(&out, (unsigned)(n + 1), &file);
    hb_font_t *new_font = hb_font_create(rekeyed);
    int same = 1, drawn = 0;
    for (size_t i = 0; i <= n; i++) {
        outline(src_font, i ? glyphs[i - 1].gid : 0, &a);
        outline(new_font, (unsigned)i, &b);
        same &= strcmp(a.data, b.data) == 0;
        drawn += b.len > 0;
    }
    snprintf(name, sizeof name, "%s: every outline equals the source glyph's (%d drawn)", what, drawn);
    OK(same && drawn >= (int)n - 1, name);
    hb_font_destroy(new_font);
    hb_face_destroy(rekeyed);
done:
    fo_buf_free(&out);
    fo_buf_free(&file);
    fo_buf_free(&a);
    fo_buf_free(&b);
    hb_blob_destroy(table);
    hb_font_destroy(src_font);
    free(glyphs);
}

/* space, A, 。, 一 (U+4E00), 中, ～ (U+FF5E) and their glyph-sharing twins ⼀ (U+2F00), 〜 (U+301C) */
static const uint32_t sample[] = {0x20, 0x41, 0x2F00, 0x3002, 0x301C, 0x4E00, 0x4E2D, 0xFF5E};
#define N_SAMPLE (sizeof sample / sizeof sample[0])

static void test_noto(void)
{
    hb_face_t *noto = open_face(NOTO_SERIF, NOTO_SERIF_SC);
    if (!OK(noto && hb_face_get_glyph_count(noto) > 60000, "Noto Serif CJK SC is installed (fonts-noto-cjk)")) {
        hb_face_destroy(noto);
        return;
    }
    hb_face_t *plain = subset(noto, sample, N_SAMPLE, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_DESUBROUTINIZE);
    check_rekey(plain, sample, N_SAMPLE, "Noto subset, desubroutinized");
    /* with subroutines: local ones per Font DICT move behind each rebuilt Private DICT */
    hb_face_t *subrs = subset(noto, sample, N_SAMPLE, 0);
    check_rekey(subrs, sample, N_SAMPLE, "Noto subset with subroutines and hints");
    hb_font_t *font = hb_font_create(plain);
    hb_codepoint_t g1 = 0, g2 = 1;
    hb_font_get_nominal_glyph(font, 0x4E00, &g1);
    hb_font_get_nominal_glyph(font, 0x2F00, &g2);
    OK(g1 == g2, "一 and ⼀ share one glyph in the source (so CIDs must not be glyph ids)");
    hb_font_destroy(font);

    /* refused: what a PDF could not address or a font that is not one */
    hb_blob_t *table = hb_face_reference_table(plain, HB_TAG('C', 'F', 'F', ' '));
    unsigned len;
    const uint8_t *data = (const uint8_t *)hb_blob_get_data(table, &len);
    fo_cff_glyph ok[] = {{0x41, 1}, {0x4E2D, 2}}, unordered[] = {{0x4E2D, 1}, {0x41, 2}}, zero[] = {{0, 1}},
                 big_cid[] = {{0x10000, 1}}, big_gid[] = {{0x41, 9999}};
    fo_buf out = {0};
    INT_EQ(fo_cff_rekey(data, len, ok, 2, &out), 0, "two glyphs re-key");
    size_t good_len = out.len;
    INT_EQ(fo_cff_rekey(data, len, unordered, 2, &out), -1, "CIDs out of order are refused");
    INT_EQ(fo_cff_rekey(data, len, zero, 1, &out), -1, "CID 0 (.notdef's) is refused");
    INT_EQ(fo_cff_rekey(data, len, big_cid, 1, &out), -1, "a CID above the BMP is refused");
    INT_EQ(fo_cff_rekey(data, len, big_gid, 1, &out), -1, "a glyph id the font lacks is refused");
    int truncated_ok = 1;
    for (unsigned cut = 0; cut < len; cut += len / 97 + 1)
        truncated_ok &= fo_cff_rekey(data, cut, ok, 2, &out) == -1;
    OK(truncated_ok, "every truncation of the font is refused");
    const uint8_t junk[] = "not a CFF font at all, just some text";
    INT_EQ(fo_cff_rekey(junk, sizeof junk, ok, 2, &out), -1, "text is refused");
    INT_EQ(out.len, good_len, "a refused font appends nothing");
    fo_buf_free(&out);
    hb_blob_destroy(table);
    hb_face_destroy(plain);
    hb_face_destroy(subrs);
    hb_face_destroy(noto);
}

static void test_name_keyed(void)
{
    hb_face_t *box = open_face(BOX_FONT, 0);
    if (!OK(box && hb_face_get_glyph_count(box) == 3, "the name-keyed test font " BOX_FONT " opens")) {
        hb_face_destroy(box);
        return;
    }
    const uint32_t cps[] = {0x41, 0x4E2D};
    check_rekey(box, cps, 2, "name-keyed font");
    hb_face_destroy(box);
}

/* The font object: libharu's calls work on it, widths are the face's. */
static void test_font_object(void)
{
    hb_face_t *box = open_face(BOX_FONT, 0);
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    hb_set_t *used = hb_set_create();
    hb_set_add(used, 0x41);
    hb_set_add(used, 0x4E2D);
    hb_set_add(used, 0x4E00); /* not in the face: left out */
    fo_diag d;
    fo_diag_init(&d, "t.txt", NULL);
    HPDF_Font font = box ? fo_font_cff_new(pdf, box, used, "FOLIAA", BOX_FONT, &d) : NULL;
    if (OK(font != NULL, "a name-keyed CFF face becomes a libharu font")) {
        INT_EQ(fo_font_cff_width(font, 0x41), 600, "A is 600/1000 em wide");
        INT_EQ(fo_font_cff_width(font, 0x4E2D), 1000, "中 is 1000/1000 em wide");
        INT_EQ(fo_font_cff_width(font, 0x4E00), 0, "a code point the face lacks has no width");
        INT_EQ(HPDF_Font_GetUnicodeWidth(font, 0x41), 600, "libharu's HPDF_Font_GetUnicodeWidth agrees");
        STR_EQ(HPDF_Font_GetFontName(font), "FOLIAA+FolioTestBox-Regular", "libharu's font name is TAG+PostScript name");
        HPDF_Font descendant = ((HPDF_FontAttr)font->attr)->descendant_font;
        HPDF_Name subtype = descendant ? HPDF_Dict_GetItem(descendant, "Subtype", HPDF_OCLASS_NAME) : NULL;
        STR_EQ(subtype ? subtype->value : NULL, "CIDFontType0", "the descendant is a CIDFontType0");
        HPDF_Page page = HPDF_AddPage(pdf);
        HPDF_Page_BeginText(page);
        HPDF_Page_SetFontAndSize(page, font, 12);
        HPDF_Page_TextOut(page, 10, 10, "A中");
        HPDF_Page_EndText(page);
        OK(HPDF_GetError(pdf) == HPDF_OK, "libharu draws text with it");
        HPDF_REAL w = HPDF_Page_TextWidth(page, "A中A");
        OK(w > 26.3f && w < 26.5f, "HPDF_Page_TextWidth: (600 + 1000 + 600) / 1000 × 12 pt");
        OK(HPDF_SaveToStream(pdf) == HPDF_OK && HPDF_GetStreamSize(pdf) > 500, "the document saves");
    }
    HPDF_Free(pdf);
    hb_set_destroy(used);
    hb_face_destroy(box);
}

int main(void)
{
    test_noto();
    test_name_keyed();
    test_font_object();
    return harness_done();
}
