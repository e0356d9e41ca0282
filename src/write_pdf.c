/* write_pdf.c — the printable PDF: an A4 meeting handout set with libharu (`-t pdf`), and its
 * pages as text (`-t layout`).
 *
 * pdf_blocks.c turns the document into blocks, lines and pages; this file loads the style, has
 * fonts.c choose, subset and embed the faces, and gives pdf_blocks.c the glyph advances of the
 * embedded fonts.  Then it draws every page (text, running header, page number, rules, bookmarks),
 * sets the document info and saves the PDF into the output buffer.
 *
 * All state is in one pdf_writer; libharu's error handler records into it through user_data.
 */
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fonts.h"
#include "layout.h"
#include "pdf_blocks.h"
#include "style.h"
#include "style_find.h"
#include "text.h"
#include "writers.h"

/* Faux bold: the outline is stroked with this share of the type size (LIBRARIES.md). */
#define FAUX_BOLD_STROKE 0.03
/* Where the baseline sits in a line box: the em box is centred in the pitch, and a CJK em box
 * reaches this share of the size below the baseline. */
#define EM_BOX_DESCENT 0.12
/* Two pen positions closer than this are the same, pt. */
#define OVERLAP_EPSILON 0.01
/* Bookmarks nest this deep (a packet: collection, article, four levels of sections); deeper
 * sections hang under the last level. */
#define OUTLINE_DEPTH 6
/* Dot leaders of a contents entry: a dot this wide every this many em, kept this far from the
 * text and the number (em of the entry's size). */
#define LEADER_DOT_EM 0.08
#define LEADER_PITCH_EM 0.5
#define LEADER_GAP_EM 0.4
/* Character spacing beyond this share of the size makes extractors read a space between every
 * two characters (LIBRARIES.md): such a line is given its text as ActualText. */
#define EXTRACT_SPACE_EM 0.08
/* The two-em dash is drawn as a rule: its thickness is the font's em dash's, within these bounds,
 * and it stops this far (at most) short of both ends of its two ems. */
#define DASH_MIN_EM 0.03
#define DASH_MAX_EM 0.1
#define DASH_INSET_MAX_EM 0.1

typedef struct pdf_writer {
    const fo_doc *doc;
    fo_diag *d;
    fo_style style;
    fo_fonts *fonts;
    HPDF_Doc pdf;
    HPDF_STATUS hpdf_error, hpdf_detail;    /* the first libharu error, 0 when none */
    fo_pdf_blocks pb;           /* the document as blocks, lines and pages */
    /* drawing state of the current page */
    HPDF_Page page;
    int cur_slot, cur_mode;     /* cur_mode: the text rendering mode, -1 when not known */
    double cur_size, cur_tc;
    HPDF_Outline outline[OUTLINE_DEPTH]; /* the last bookmark at each level, for nesting */
    double dash[FO_ROLE_COUNT][2];  /* per role: the em dash's thickness and inset, in em (0: not yet) */
} pdf_writer;

static void on_hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *user_data)
{
    pdf_writer *w = user_data;
    if (!w->hpdf_error) {
        w->hpdf_error = error;
        w->hpdf_detail = detail;
    }
}

static double advance(void *ctx, int slot, double size, uint32_t cp)
{
    pdf_writer *w = ctx;
    if (cp == '\n')
        return 0;
    return fo_fonts_width(w->fonts, FO_SLOT_ROLE(slot), cp) * size / 1000.0;
}

/* ---- drawing ---- */

/* Font, size, faux bold, visibility and Tc for what is shown next; only changes are written.
 * cur_slot < 0 means nothing is known (a new page, or line width changed by a rule). */
static void set_text_state(pdf_writer *w, int slot, double size, double tc, bool invisible)
{
    HPDF_Page page = w->page;
    bool bold = FO_SLOT_BOLD(slot);
    HPDF_TextRenderingMode mode = invisible ? HPDF_INVISIBLE : bold ? HPDF_FILL_THEN_STROKE : HPDF_FILL;
    if (slot != w->cur_slot || size != w->cur_size) {
        HPDF_Page_SetFontAndSize(page, fo_fonts_get(w->fonts, FO_SLOT_ROLE(slot)), (HPDF_REAL)size);
        if (bold) /* the stroke grows with the size */
            HPDF_Page_SetLineWidth(page, (HPDF_REAL)(FAUX_BOLD_STROKE * size));
        if (w->cur_slot < 0)
            w->cur_mode = -1;
        w->cur_slot = slot;
        w->cur_size = size;
    }
    if ((int)mode != w->cur_mode) {
        HPDF_Page_SetTextRenderingMode(page, mode);
        w->cur_mode = (int)mode;
    }
    if (tc != w->cur_tc) { /* layout keeps Tc far inside libharu's range; never fail the PDF over it */
        HPDF_Page_SetCharSpace(page, (HPDF_REAL)fmax(HPDF_MIN_CHARSPACE, fmin(tc, HPDF_MAX_CHARSPACE)));
        w->cur_tc = tc;
    }
}

static void show_text(pdf_writer *w, double x, double y, const char *s, size_t n)
{
    char stack[512];
    char *copy = n < sizeof stack ? stack : fo_xmalloc(n + 1);
    memcpy(copy, s, n);
    copy[n] = '\0';
    HPDF_Page_TextOut(w->page, (HPDF_REAL)x, (HPDF_REAL)y, copy);
    if (copy != stack)
        free(copy);
}

/* Baseline of a line whose box starts at `top`. */
static double baseline(double top, double pitch, double size)
{
    return top - (pitch - size) / 2 - size * (1 - EM_BOX_DESCENT);
}

/* One character of a line, placed. */
typedef struct placed_char {
    size_t run, start, len;     /* where its bytes are */
    uint32_t cp;
    double x, adv;              /* pen position and advance, pt */
    bool invisible;             /* half of a `——` drawn as a rule: the text is there, unseen */
} placed_char;

/* Draw placed characters, as few text-showing operators as possible: a run of characters of one
 * font whose gaps are all equal is one string with that gap as Tc. */
static void draw_placed(pdf_writer *w, const fo_pdf_block *b, const placed_char *c, size_t n, double y)
{
    fo_buf text = {0};
    for (size_t first = 0; first < n;) {
        size_t end = first + 1;
        double tc = 0;
        if (end < n && c[end].run == c[first].run)
            tc = c[end].x - c[first].x - c[first].adv;
        /* a gap libharu cannot set as Tc (a squeezed pair in very large type) is a move instead */
        bool settable = tc >= HPDF_MIN_CHARSPACE && tc <= HPDF_MAX_CHARSPACE;
        while (settable && end < n && c[end].run == c[first].run && c[end].invisible == c[first].invisible &&
               fabs(c[end].x - c[end - 1].x - c[end - 1].adv - tc) <= 1e-6)
            end++;
        const fo_lay_run *run = &b->lay_runs[c[first].run];
        text.len = 0;
        for (size_t k = first; k < end; k++)
            fo_buf_append(&text, run->text + c[k].start, c[k].len);
        set_text_state(w, run->font, run->size, end - first > 1 ? tc : w->cur_tc, c[first].invisible);
        show_text(w, c[first].x, y, text.data, text.len);
        first = end;
    }
    fo_buf_free(&text);
}

/* Raw operators into the page's content stream (marked content, which libharu 2.3 cannot write). */
static void write_operators(pdf_writer *w, const char *ops)
{
    HPDF_Stream_WriteStr(((HPDF_PageAttr)w->page->attr)->stream, ops);
}

/* Characters drawn where extractors would misread them (a mark pulled back into the blank half of
 * the one before, letters spaced wide) are wrapped in a marked-content span whose ActualText is
 * their text: poppler and Acrobat then read exactly the characters, with no line break or space
 * between them, while the glyphs stay where layout set them. */
static void draw_actual_text(pdf_writer *w, const fo_pdf_block *b, const placed_char *c, size_t n, double y)
{
    fo_buf ops = {0};
    fo_buf_puts(&ops, "/Span <</ActualText <FEFF");
    for (size_t k = 0; k < n; k++)
        fo_buf_printf(&ops, "%04X", (unsigned)c[k].cp); /* the PDF holds BMP characters only */
    fo_buf_puts(&ops, ">>> BDC\n");
    write_operators(w, ops.data);
    draw_placed(w, b, c, n, y);
    write_operators(w, "EMC\n");
    fo_buf_free(&ops);
}

/* Whether character `k` is drawn back inside the advance of the one before it: a compressed pair
 * of marks such as `）。` (1.5 em) or a mark squeezed inside a line. */
static bool overlaps_previous(const placed_char *c, size_t k)
{
    return c[k].x < c[k - 1].x + c[k - 1].adv - OVERLAP_EPSILON;
}

/* Draw a line's characters; the stretches that extractors would misread go in ActualText spans. */
static void draw_chars(pdf_writer *w, const fo_pdf_block *b, const placed_char *c, size_t n, double y, bool wide)
{
    if (wide) {
        draw_actual_text(w, b, c, n, y);
        return;
    }
    size_t plain = 0;
    for (size_t k = 0; k < n;) {
        size_t end = k + 1;
        while (end < n && overlaps_previous(c, end))
            end++;
        if (end - k > 1) {
            draw_placed(w, b, c + plain, k - plain, y);
            draw_actual_text(w, b, c + k, end - k, y);
            plain = end;
        }
        k = end;
    }
    draw_placed(w, b, c + plain, n - plain, y);
}

/* The em dash of a role's face, as a rule: thickness and inset in em. */
static const double *dash_of(pdf_writer *w, fo_font_role role)
{
    double *d = w->dash[role];
    if (d[0] > 0)
        return d;
    int box[4];
    d[0] = 0.05;
    d[1] = 0.05;
    if (fo_fonts_glyph_box(w->fonts, role, 0x2014, box)) {
        int adv = fo_fonts_width(w->fonts, role, 0x2014);
        double left = box[0], right = adv - box[2], bearing = left < right ? left : right;
        d[0] = fmin(DASH_MAX_EM, fmax(DASH_MIN_EM, (box[3] - box[1]) / 1000.0));
        d[1] = fmin(DASH_INSET_MAX_EM, fmax(0, bearing / 1000.0));
    }
    return d;
}

/* `——` drawn as one continuous dash: fonts draw each half with side bearings ("一一"), so the
 * characters are shown invisibly (they stay text) and a rule of the face's dash weight is
 * stroked across the two ems at the middle of the em box, after the line's text. */
static void draw_dashes(pdf_writer *w, const fo_pdf_block *b, const placed_char *c, size_t n, double y)
{
    bool any = false;
    for (size_t k = 0; k + 1 < n; k++) {
        if (!c[k].invisible)
            continue;
        size_t end = k + 1;
        while (end < n && c[end].invisible)
            end++;
        const fo_lay_run *run = &b->lay_runs[c[k].run];
        const double *d = dash_of(w, FO_SLOT_ROLE(run->font));
        double size = run->size, mid = y + (0.5 - EM_BOX_DESCENT) * size;
        if (!any)
            HPDF_Page_EndText(w->page);
        any = true;
        HPDF_Page_SetLineWidth(w->page, (HPDF_REAL)(d[0] * size));
        HPDF_Page_MoveTo(w->page, (HPDF_REAL)(c[k].x + d[1] * size), (HPDF_REAL)mid);
        HPDF_Page_LineTo(w->page, (HPDF_REAL)(c[end - 1].x + size - d[1] * size), (HPDF_REAL)mid);
        HPDF_Page_Stroke(w->page);
        k = end - 1;
    }
    if (any) {
        HPDF_Page_BeginText(w->page);
        w->cur_slot = -1; /* the line width changed: faux bold must set it again */
    }
}

/* Whether character k is half of a `——` (two or more em dashes in a row). */
static bool in_two_em_dash(const placed_char *c, size_t n, size_t k)
{
    return c[k].cp == 0x2014 && ((k > 0 && c[k - 1].cp == 0x2014) || (k + 1 < n && c[k + 1].cp == 0x2014));
}

/* Whether the gap before character k would make extractors read a space: wider than
 * EXTRACT_SPACE_EM between two characters that are not a Han–Latin pair (where a quarter em is
 * set on purpose, and read as a word space). */
static bool spaced_wide(const placed_char *c, size_t k, double size)
{
    double gap = c[k].x - c[k - 1].x - c[k - 1].adv;
    return gap > EXTRACT_SPACE_EM * size + OVERLAP_EPSILON && !fo_is_latin_or_digit(c[k - 1].cp) &&
           !fo_is_latin_or_digit(c[k].cp);
}

/* Dots from `from` to `to` on baseline y, on a grid counted from `to` (so the dots of every entry
 * line up under one another). */
static void draw_leaders(pdf_writer *w, double from, double to, double y, double size)
{
    double pitch = LEADER_PITCH_EM * size, r = LEADER_DOT_EM * size / 2;
    from += LEADER_GAP_EM * size;
    to -= LEADER_GAP_EM * size;
    if (to - from < pitch)
        return;
    HPDF_Page_EndText(w->page);
    for (double x = to - r; x - r >= from; x -= pitch)
        HPDF_Page_Circle(w->page, (HPDF_REAL)x, (HPDF_REAL)(y + r), (HPDF_REAL)r);
    HPDF_Page_Fill(w->page);
    HPDF_Page_BeginText(w->page);
    w->cur_slot = -1;
}

/* A contents entry's last line: leaders between its text and its page number (the last run). */
static void draw_entry_leaders(pdf_writer *w, const fo_pdf_block *b, const placed_char *c, size_t n, double y)
{
    size_t number = 0;
    while (number < n && c[number].run != b->n_runs - 1)
        number++;
    if (number > 0 && number < n)
        draw_leaders(w, c[number - 1].x + c[number - 1].adv, c[number].x, y, w->style.text[b->style].size);
}

/* Fill and stroke (faux bold) in 0xRRGGBB. */
static void set_color(pdf_writer *w, unsigned rgb)
{
    HPDF_REAL r = (HPDF_REAL)((rgb >> 16) & 0xFF) / 255, g = (HPDF_REAL)((rgb >> 8) & 0xFF) / 255,
              b = (HPDF_REAL)(rgb & 0xFF) / 255;
    HPDF_Page_SetRGBFill(w->page, r, g, b);
    HPDF_Page_SetRGBStroke(w->page, r, g, b);
}

static void draw_line(pdf_writer *w, const fo_pdf_block *b, size_t line_index, double top)
{
    const fo_lay_line *line = &b->para.lines[line_index];
    double size = w->style.text[b->style].size;
    double y = baseline(top, fo_pdf_blocks_pitch(&w->pb, b), size);
    double left = w->style.margin_left + b->inset + b->left + b->offset;
    placed_char *chars = NULL;
    size_t n = 0, cap = 0;
    for (size_t s = line->first_seg; s < line->first_seg + line->n_segs; s++) {
        const fo_lay_seg *seg = &b->para.segs[s];
        const fo_lay_run *run = &b->lay_runs[seg->run];
        double pen = left + seg->x;
        for (size_t i = seg->start; i < seg->end;) {
            uint32_t cp;
            size_t len = fo_utf8_decode(run->text + i, seg->end - i, &cp);
            if (!len)
                break;
            double adv = advance(w, run->font, run->size, cp);
            if (cp != '\n') { /* a newline ends a line but is never drawn */
                if (n == cap) {
                    cap = cap ? 2 * cap : 64;
                    chars = fo_xrealloc(chars, cap * sizeof *chars);
                }
                chars[n++] = (placed_char){.run = seg->run, .start = i, .len = len, .cp = cp, .x = pen, .adv = adv};
            }
            pen += adv + seg->char_space;
            i += len;
        }
    }
    bool wide = false;
    for (size_t k = 0; k < n; k++) {
        chars[k].invisible = in_two_em_dash(chars, n, k);
        wide |= k > 0 && spaced_wide(chars, k, size);
    }
    if (n) {
        if (b->color) /* an organ's red mark */
            set_color(w, b->color);
        draw_chars(w, b, chars, n, y, wide);
        draw_dashes(w, b, chars, n, y);
        if (b->color)
            set_color(w, 0);
        if (b->has_page_ref && line->last)
            draw_entry_leaders(w, b, chars, n, y);
    }
    free(chars);
}

static double text_width(pdf_writer *w, int slot, double size, const char *s)
{
    double width = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = fo_utf8_decode(s + i, len - i, &cp);
        if (!n)
            break;
        width += advance(w, slot, size, cp);
        i += n;
    }
    return width;
}

/* One line of running text (header, page number) aligned within the type area at baseline y. */
static void draw_margin_line(pdf_writer *w, fo_text_kind kind, const fo_pdf_block *b, double y, int page_no)
{
    const fo_text_style *ts = &w->style.text[kind];
    double width = 0;
    for (size_t r = 0; r < b->n_runs; r++)
        width += text_width(w, b->runs[r].slot, ts->size, b->runs[r].text.data);
    double x = fo_pdf_blocks_margin_x(&w->pb, kind, width, page_no);
    for (size_t r = 0; r < b->n_runs; r++) {
        const fo_pdf_run *run = &b->runs[r];
        set_text_state(w, run->slot, ts->size, 0, false);
        show_text(w, x, y, run->text.data, run->text.len);
        x += text_width(w, run->slot, ts->size, run->text.data);
    }
}

static void draw_page_furniture(pdf_writer *w, const fo_pdf_page *page)
{
    const fo_style *st = &w->style;
    int page_no = page->number;
    if (page->header && st->header_enabled) {
        double y = st->page_height - st->margin_top + st->header_offset;
        draw_margin_line(w, FO_TEXT_HEADER, page->header, y, page_no);
        if (st->header_rule) {
            double rule_y = y - st->text[FO_TEXT_HEADER].size * 0.45;
            HPDF_Page_EndText(w->page);
            HPDF_Page_SetLineWidth(w->page, 0.5);
            HPDF_Page_MoveTo(w->page, (HPDF_REAL)st->margin_left, (HPDF_REAL)rule_y);
            HPDF_Page_LineTo(w->page, (HPDF_REAL)(st->page_width - st->margin_right), (HPDF_REAL)rule_y);
            HPDF_Page_Stroke(w->page);
            HPDF_Page_BeginText(w->page);
            w->cur_slot = -1; /* the line width changed: faux bold must set it again */
        }
    }
    if (!page_no)
        return;
    fo_pdf_block number = {0};
    fo_pdf_blocks_page_number(&w->pb, page_no, &number);
    draw_margin_line(w, FO_TEXT_FOOTER, &number, st->margin_bottom - st->footer_offset, page_no);
    fo_pdf_block_free(&number);
}

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
    set_color(w, b->color);
    HPDF_Page_MoveTo(w->page, (HPDF_REAL)x0, (HPDF_REAL)y);
    HPDF_Page_LineTo(w->page, (HPDF_REAL)x1, (HPDF_REAL)y);
    HPDF_Page_Stroke(w->page);
    set_color(w, 0);
    HPDF_Page_BeginText(w->page);
    w->cur_slot = -1;
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
        draw_page_furniture(w, &pb->pages[p]);
        size_t first, end;
        fo_pdf_blocks_page(pb, p, &first, &end);
        double top = st->page_height - st->margin_top;
        for (size_t i = first; i < end; i++) {
            const fo_pdf_box_ref *ref = &pb->refs[i];
            const fo_pdf_block *b = &pb->blocks[ref->block];
            if (ref->line != SIZE_MAX) {
                if (b->level > 0 && ref->line == 0)
                    add_bookmark(w, b, top);
                draw_line(w, b, ref->line, top);
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
    return fo_pdf_blocks_paginate(&w->pb, advance, w);
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
