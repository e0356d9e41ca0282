/* write_pdf.c — the printable PDF: an A4 meeting handout set with libharu (`-t pdf`), and its
 * pages as text (`-t layout`).
 *
 * pdf_blocks.c turns the document into blocks, lines and pages; this file loads the style, has
 * fonts.c choose, subset and embed the faces, and gives pdf_blocks.c the glyph advances of the
 * embedded fonts.  Then it draws every page — its lines of text through pdf_text.c, its pictures
 * through pdf_picture.c, rules, table bands and bookmarks here — sets the document info and saves
 * the PDF into the output buffer.
 *
 * All state is in one pdf_writer (pdf_writer.h); libharu's error handler records into it through
 * user_data.
 */
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fonts.h"
#include "pdf_blocks.h"
#include "style.h"
#include "style_find.h"
#include "text.h"
#include "pdf_writer.h"
#include "writers.h"

/* Table rules, pt, and the grey behind header cells. */
#define TABLE_RULE_WIDTH 0.5
#define TABLE_HEAD_GREY 0.92

static void on_hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *user_data)
{
    pdf_writer *w = user_data;
    if (!w->hpdf_error) {
        w->hpdf_error = error;
        w->hpdf_detail = detail;
    }
}

/* ---- rules and tables ---- */

/* A short centred rule: a rule line of the text (FO_RULE), and the one over the 版权声明. */
static void draw_rule(pdf_writer *w, double top)
{
    const fo_style *st = &w->style;
    double mid = st->page_width / 2, half = (st->page_width - st->margin_left - st->margin_right) / 6;
    double y = top - FO_PDF_RULE_SPACE / 2;
    HPDF_Page_EndText(w->page);
    HPDF_Page_SetLineWidth(w->page, 0.5);
    HPDF_Page_MoveTo(w->page, (HPDF_REAL)(mid - half), (HPDF_REAL)y);
    HPDF_Page_LineTo(w->page, (HPDF_REAL)(mid + half), (HPDF_REAL)y);
    HPDF_Page_Stroke(w->page);
    HPDF_Page_BeginText(w->page);
    w->cur_slot = -1;
}

/* A separator: a rule across the block's measure, `rule_at` below the top of its box. */
static void draw_separator(pdf_writer *w, const fo_pdf_block *b, double top)
{
    const fo_style *st = &w->style;
    double x0 = st->margin_left + b->inset + b->left, x1 = st->page_width - st->margin_right - b->inset - b->reserve;
    double y = top - b->rule_at;
    HPDF_Page_EndText(w->page);
    HPDF_Page_SetLineWidth(w->page, (HPDF_REAL)b->thickness);
    fo_pdf_set_color(w, b->color);
    HPDF_Page_MoveTo(w->page, (HPDF_REAL)x0, (HPDF_REAL)y);
    HPDF_Page_LineTo(w->page, (HPDF_REAL)x1, (HPDF_REAL)y);
    HPDF_Page_Stroke(w->page);
    fo_pdf_set_color(w, 0);
    HPDF_Page_BeginText(w->page);
    w->cur_slot = -1;
}

/* ---- tables ---- */

/* The cells of a band as one path: all of them (their rules) or the header cells (their grey). */
typedef struct cell_path {
    pdf_writer *w;
    bool header_only;
    size_t n;                   /* rectangles in the path: filling or stroking none is an error */
} cell_path;

static void add_cell(void *ctx, const fo_pdf_cell *c, double x, double y, double cw, double ch)
{
    cell_path *path = ctx;
    if (path->header_only && !c->header)
        return;
    HPDF_Page_Rectangle(path->w->page, (HPDF_REAL)x, (HPDF_REAL)(path->w->style.page_height - y - ch), (HPDF_REAL)cw,
                        (HPDF_REAL)ch);
    path->n++;
}

static void draw_cell_line(void *ctx, const fo_pdf_block *b, size_t line, double y)
{
    pdf_writer *w = ctx;
    fo_pdf_draw_line(w, b, line, w->style.page_height - y);
}

/* A band of a table with its top `top` pt below the page's top edge: the header cells' grey, every
 * cell's rules, then the text. */
static void draw_band(pdf_writer *w, const fo_pdf_block *b, size_t band, double top)
{
    cell_path heads = {w, true, 0}, all = {w, false, 0};
    fo_pdf_band_visitor fill = {add_cell, NULL, &heads}, rules = {add_cell, NULL, &all}, text = {NULL, draw_cell_line, w};
    HPDF_Page_EndText(w->page);
    HPDF_Page_SetGrayFill(w->page, TABLE_HEAD_GREY);
    fo_pdf_table_visit_band(&w->pb, b, band, top, &fill);
    if (heads.n)
        HPDF_Page_Fill(w->page);
    HPDF_Page_SetGrayFill(w->page, 0);
    HPDF_Page_SetLineWidth(w->page, TABLE_RULE_WIDTH);
    fo_pdf_table_visit_band(&w->pb, b, band, top, &rules);
    if (all.n)
        HPDF_Page_Stroke(w->page);
    HPDF_Page_BeginText(w->page);
    w->cur_slot = -1; /* the line width changed: faux bold must set it again */
    fo_pdf_table_visit_band(&w->pb, b, band, top, &text);
}

/* One box of a table or a figure: a title or caption line, a band, or the picture. */
static void draw_box(pdf_writer *w, const fo_pdf_block *b, size_t i, double top)
{
    size_t band;
    if (b->kind == FO_PDF_TABLE && fo_pdf_table_line(b, i, &band) == SIZE_MAX)
        draw_band(w, b, band, w->style.page_height - top);
    else if (b->kind == FO_PDF_TABLE)
        fo_pdf_draw_line(w, &b->table->title, fo_pdf_table_line(b, i, &band), top);
    else if (fo_pdf_image_line(b, i) == SIZE_MAX)
        fo_pdf_draw_image(w, b, top);
    else
        fo_pdf_draw_line(w, b, fo_pdf_image_line(b, i), top);
}

/* The bookmark of a block (a heading; a packet's cover, contents and article titles), nested under
 * the last bookmark one level up. */
static void add_bookmark(pdf_writer *w, const fo_pdf_block *b, double top)
{
    HPDF_Encoder utf8 = HPDF_GetEncoder(w->pdf, "UTF-8");
    int level = b->level < 1 ? 1 : b->level > OUTLINE_DEPTH ? OUTLINE_DEPTH : b->level;
    HPDF_Outline parent = level > 1 ? w->outline[level - 2] : NULL;
    fo_buf title = {0};
    for (size_t r = 0; r < b->n_runs; r++)
        fo_buf_append(&title, b->runs[r].text.data, b->runs[r].text.len);
    fo_buf_puts(&title, "");
    HPDF_Outline o = HPDF_CreateOutline(w->pdf, parent, title.data, utf8);
    fo_buf_free(&title);
    if (!o)
        return;
    HPDF_Destination dst = HPDF_Page_CreateDestination(w->page);
    if (dst) {
        /* zoom 0 ("unchanged") is rejected by libharu 2.3: keep the reader at 100 % */
        HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)top, 1);
        HPDF_Outline_SetDestination(o, dst);
    }
    HPDF_Outline_SetOpened(o, HPDF_TRUE);
    w->outline[level - 1] = o;
    for (int k = level; k < OUTLINE_DEPTH; k++)
        w->outline[k] = NULL;
}

static void draw_pages(pdf_writer *w)
{
    const fo_style *st = &w->style;
    const fo_pdf_blocks *pb = &w->pb;
    if (pb->n_pages > HPDF_LIMIT_MAX_ARRAY) /* a page tree: one /Pages node holds at most 32,767 kids */
        HPDF_SetPagesConfiguration(w->pdf, 4096);
    for (size_t p = 0; p < pb->n_pages && !w->hpdf_error; p++) {
        w->page = HPDF_AddPage(w->pdf);
        if (!w->page)
            return;
        HPDF_Page_SetWidth(w->page, (HPDF_REAL)st->page_width);
        HPDF_Page_SetHeight(w->page, (HPDF_REAL)st->page_height);
        HPDF_Page_SetRGBFill(w->page, 0, 0, 0);
        HPDF_Page_SetRGBStroke(w->page, 0, 0, 0);
        HPDF_Page_BeginText(w->page);
        w->cur_slot = -1;
        w->cur_size = 0;
        w->cur_tc = 0;
        w->cur_mode = -1;
        fo_pdf_draw_page_furniture(w, &pb->pages[p]);
        size_t first, end;
        fo_pdf_blocks_page(pb, p, &first, &end);
        double top = st->page_height - st->margin_top;
        const fo_pdf_block *table;
        size_t head = first < end ? fo_pdf_blocks_repeated_head(pb, first, &table) : SIZE_MAX;
        if (head != SIZE_MAX) { /* a table's header rows, repeated above its rows on this page */
            draw_band(w, table, head, st->margin_top);
            top -= table->table->bands[head].bottom - table->table->bands[head].top;
        }
        for (size_t i = first; i < end; i++) {
            const fo_pdf_box_ref *ref = &pb->refs[i];
            const fo_pdf_block *b = &pb->blocks[ref->block];
            if (ref->line != SIZE_MAX) {
                if (b->level > 0 && ref->line == 0)
                    add_bookmark(w, b, top);
                draw_box(w, b, ref->line, top);
            } else if (b->kind == FO_PDF_RULE) {
                draw_rule(w, top);
            } else if (b->kind == FO_PDF_SEPARATOR) {
                draw_separator(w, b, top);
            }
            top -= pb->boxes[i].height;
        }
        HPDF_Page_EndText(w->page);
    }
    /* A packet's cover and contents come before page 1: viewers show i, ii … for them and the
     * printed numbers for the rest. */
    if (pb->front_pages) {
        HPDF_AddPageLabel(w->pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, NULL);
        HPDF_AddPageLabel(w->pdf, (HPDF_UINT)pb->front_pages, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
    }
}

/* ---- document info ---- */

/* Put a text entry into the document info as UTF-16BE with a byte-order mark.  libharu's own
 * SetInfoAttr turns characters outside the BMP into spaces; metadata has no such limit, so the
 * string is written as hex bytes through the low-level API. */
static void set_info_text(pdf_writer *w, const char *key, const char *utf8)
{
    HPDF_Dict info = w->pdf->info;
    if (!info || !utf8 || !*utf8)
        return;
    fo_buf u16 = {0};
    fo_buf_append(&u16, "\xFE\xFF", 2);
    size_t len = strlen(utf8);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = fo_utf8_decode(utf8 + i, len - i, &cp);
        if (!n) {
            i++;
            continue;
        }
        if (u16.len + 4 > HPDF_LIMIT_MAX_STRING_LEN) { /* libharu's limit for a string (0x1025 past it) */
            fo_warn(w->d, 0, 0, "pdf: the document info's %s is cut after %zu characters (a PDF string holds "
                    "at most 64 KB)", key, fo_utf8_count(utf8, i));
            break;
        }
        i += n;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            uint32_t hi = 0xD800 + (cp >> 10), lo = 0xDC00 + (cp & 0x3FF);
            unsigned char pair[4] = {(unsigned char)(hi >> 8), (unsigned char)hi, (unsigned char)(lo >> 8),
                                     (unsigned char)lo};
            fo_buf_append(&u16, pair, 4);
        } else {
            unsigned char unit[2] = {(unsigned char)(cp >> 8), (unsigned char)cp};
            fo_buf_append(&u16, unit, 2);
        }
    }
    HPDF_Binary value = HPDF_Binary_New(w->pdf->mmgr, (HPDF_BYTE *)u16.data, (HPDF_UINT)u16.len);
    if (value)
        HPDF_Dict_Add(info, key, value);
    fo_buf_free(&u16);
}

/* Subject: the subtitle, or for an official document its issuing organ and number; and the
 * document's language (/Lang in the catalog), which reading tools use to pick voices and fonts. */
static void set_info_document(pdf_writer *w, const fo_meta *m)
{
    fo_buf subject = {0};
    if (m->subtitle && *m->subtitle)
        fo_buf_puts(&subject, m->subtitle);
    else
        fo_buf_printf(&subject, "%s%s%s", m->issuer ? m->issuer : "", m->issuer && m->doc_number ? " " : "",
                      m->doc_number ? m->doc_number : "");
    set_info_text(w, "Subject", subject.data);
    fo_buf_free(&subject);
    const char *lang = m->language && *m->language ? m->language : "zh-CN";
    HPDF_String value = HPDF_String_New(w->pdf->mmgr, lang, NULL);
    if (value && w->pdf->catalog)
        HPDF_Dict_Add(w->pdf->catalog, "Lang", value);
}

static void set_info(pdf_writer *w)
{
    const fo_meta *m = &w->doc->meta;
    HPDF_Doc pdf = w->pdf;
    /* this also makes libharu create the info dictionary */
    HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "folio " FOLIO_VERSION);
    set_info_text(w, "Title", fo_doc_title(w->doc));
    fo_buf authors = {0};
    for (const fo_author *a = m->authors; a; a = a->next) {
        if (!fo_author_is_creator(a))
            continue;
        if (authors.len)
            fo_buf_puts(&authors, "、");
        fo_buf_puts(&authors, a->name);
    }
    set_info_text(w, "Author", authors.data);
    fo_buf_free(&authors);
    set_info_document(w, m);
    fo_buf keywords = {0};
    for (const fo_strlist *s = m->category; s; s = s->next) {
        if (keywords.len)
            fo_buf_puts(&keywords, " › ");
        fo_buf_puts(&keywords, s->str);
    }
    for (const fo_strlist *s = m->keywords; s; s = s->next) {
        if (keywords.len)
            fo_buf_puts(&keywords, "; ");
        fo_buf_puts(&keywords, s->str);
    }
    const char *ids[] = {m->doc_number, m->index_number};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        if (!ids[i] || !*ids[i])
            continue;
        if (keywords.len)
            fo_buf_puts(&keywords, "; ");
        fo_buf_puts(&keywords, ids[i]);
    }
    set_info_text(w, "Keywords", keywords.data);
    fo_buf_free(&keywords);
    /* the article's own time (Beijing time), never the clock: the bytes stay the same */
    time_t t = (time_t)fo_doc_timestamp(w->doc) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    HPDF_Date date = {.year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday, .hour = tm.tm_hour,
                      .minutes = tm.tm_min, .seconds = tm.tm_sec, .ind = '+', .off_hour = 8, .off_minutes = 0};
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
}

/* ---- the whole ---- */

static int save_pdf(pdf_writer *w, fo_buf *out)
{
    if (HPDF_SaveToStream(w->pdf) != HPDF_OK)
        return -1;
    HPDF_ResetStream(w->pdf);
    for (;;) {
        HPDF_BYTE chunk[65536];
        HPDF_UINT32 n = sizeof chunk;
        HPDF_STATUS st = HPDF_ReadFromStream(w->pdf, chunk, &n);
        if (n)
            fo_buf_append(out, chunk, n);
        if (st == HPDF_STREAM_EOF)
            break;
        if (st != HPDF_OK)
            return -1;
    }
    return 0;
}

static int load_style(pdf_writer *w, const fo_write_opts *opts)
{
    fo_style_defaults(&w->style);
    char *path = fo_style_find(opts ? opts->style_dir : NULL, opts ? opts->style : NULL, ".ini", w->d);
    if (!path)
        return -1;
    int rc = fo_style_load(&w->style, path, w->d);
    free(path);
    return rc;
}

static int start_pdf(pdf_writer *w)
{
    w->pdf = HPDF_New(on_hpdf_error, w);
    if (!w->pdf)
        return -1;
    HPDF_UseUTFEncodings(w->pdf);
    HPDF_SetCurrentEncoder(w->pdf, "UTF-8");
    HPDF_SetCompressionMode(w->pdf, HPDF_COMP_ALL);
    HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    return w->hpdf_error ? -1 : 0;
}

/* The font context: the process's own when there is a writer context (a batch finds and opens
 * fonts once for all its articles), else a new one that *owned says to free. */
#define FONTS_KEY "pdf.fonts"

static void free_fonts(void *fonts) { fo_fonts_free(fonts); }

static fo_fonts *process_fonts(const fo_write_opts *opts, bool *owned)
{
    fo_write_ctx *ctx = opts ? opts->ctx : NULL;
    fo_fonts *fonts = fo_write_ctx_get(ctx, FONTS_KEY);
    *owned = false;
    if (fonts)
        return fonts;
    fonts = fo_fonts_new();
    *owned = !fonts || !ctx || !fo_write_ctx_put(ctx, FONTS_KEY, fonts, free_fonts);
    return fonts;
}

/* A traditional-script article (zh-Hant, zh-TW, zh-HK) prints with the style's Taiwan or Hong Kong
 * faces first ("AR PL UMing TW"), whose glyphs have the traditional forms; fontconfig's lang follows. */
static const char *regional_pattern(const char *pattern, const char *lang, char out[FO_STYLE_PATTERN_MAX])
{
    const char *region = !lang ? NULL : strstr(lang, "HK") || strstr(lang, "MO") ? "HK"
                                      : strstr(lang, "TW") || strstr(lang, "Hant") ? "TW" : NULL;
    const char *colon = strchr(pattern, ':');
    size_t families = colon ? (size_t)(colon - pattern) : strlen(pattern);
    if (!region || families >= FO_STYLE_PATTERN_MAX)
        return pattern;
    fo_buf first = {0}, rest = {0};
    for (size_t i = 0; i < families;) {
        size_t e = i;
        while (e < families && pattern[e] != ',')
            e++;
        bool local = e - i > 3 && memcmp(pattern + e - 2, region, 2) == 0 && pattern[e - 3] == ' ';
        fo_buf *b = local ? &first : &rest;
        if (b->len)
            fo_buf_putc(b, ',');
        fo_buf_append(b, pattern + i, e - i);
        i = e + 1;
    }
    snprintf(out, FO_STYLE_PATTERN_MAX, "%s%s%s%s", first.data ? first.data : "", first.len && rest.len ? "," : "",
             rest.data ? rest.data : "", colon && strcmp(colon, ":lang=zh") == 0 ? (region[0] == 'H' ? ":lang=zh-hk" : ":lang=zh-tw")
                                                                                : colon ? colon : "");
    fo_buf_free(&first);
    fo_buf_free(&rest);
    return out;
}

/* Choose the faces for what the document holds (the first pass), build the blocks with them,
 * embed them in a new PDF and lay the pages out with their advances. */
static int lay_out(pdf_writer *w, const fo_write_opts *opts)
{
    if (load_style(w, opts) != 0 || fo_pdf_blocks_init(&w->pb, w->doc, &w->style, w->fonts, w->d) != 0)
        return -1;
    w->pb.toc_depth = opts && opts->toc_depth > 0 ? opts->toc_depth : 1;
    w->pb.odd_article_break = opts && opts->odd_article_break;
    fo_fonts_begin(w->fonts);
    const char *patterns[FO_ROLE_COUNT];
    char regional[FO_ROLE_COUNT][FO_STYLE_PATTERN_MAX];
    for (int r = 0; r < FO_ROLE_COUNT; r++)
        patterns[r] = regional_pattern(w->style.font_pattern[r], w->doc->meta.language, regional[r]);
    uint32_t *cps;
    size_t n;
    fo_pdf_blocks_chars(&w->pb, &cps, &n);
    int rc = fo_fonts_choose(w->fonts, patterns, opts ? opts->font : NULL, cps, n, w->d);
    free(cps);
    if (rc != 0)
        return -1;
    fo_pdf_blocks_build(&w->pb);
    if (start_pdf(w) != 0 || fo_fonts_load(w->fonts, w->pdf, w->d) != 0)
        return -1;
    fo_pdf_embed_pictures(w);
    return fo_pdf_blocks_paginate(&w->pb, fo_pdf_advance, w);
}

/* The PDF (`dump` false) or the text of its pages (`-t layout`). */
static int write_pdf_or_layout(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d, bool dump)
{
    bool owned;
    fo_fonts *fonts = process_fonts(opts, &owned);
    if (!fonts) {
        fo_error(d, 0, 0, "out of memory");
        return -1;
    }
    int rc = -1;
    pdf_writer w = {.doc = doc, .d = d, .cur_slot = -1, .cur_mode = -1, .fonts = fonts};
    if (lay_out(&w, opts) != 0)
        goto done;
    if (dump) {
        fo_pdf_blocks_dump(&w.pb, out);
    } else {
        draw_pages(&w);
        set_info(&w);
        if (w.hpdf_error || save_pdf(&w, out) != 0 || w.hpdf_error)
            goto done;
    }
    rc = 0;
done:
    if (rc != 0 && w.hpdf_error == HPDF_FAILD_TO_ALLOC_MEM && d->errors == 0)
        fo_error(d, 0, 0, "out of memory (libharu could not allocate)");
    else if (rc != 0 && w.hpdf_error && d->errors == 0)
        fo_error(d, 0, 0, "libharu failed with error 0x%04X (detail %u)", (unsigned)w.hpdf_error,
                 (unsigned)w.hpdf_detail);
    else if (rc != 0 && d->errors == 0)
        fo_error(d, 0, 0, "cannot write the PDF");
    if (w.pdf)
        HPDF_Free(w.pdf);
    free(w.images);
    fo_pdf_blocks_free(&w.pb);
    fo_fonts_begin(w.fonts); /* its libharu fonts died with the document */
    if (owned)
        fo_fonts_free(fonts);
    return rc;
}

int fo_write_pdf(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d)
{
    return write_pdf_or_layout(doc, opts, out, d, false);
}

int fo_write_layout(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d)
{
    return write_pdf_or_layout(doc, opts, out, d, true);
}
