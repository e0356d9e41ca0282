/* pdf_text.c — a laid-out line of text drawn with libharu: the text state (font, size, faux bold,
 * character spacing) written only when it changes, characters placed one by one where the layout
 * moved them, ActualText where extractors would misread the spacing, the two-em dash as a rule,
 * contents leaders; and the page's running header and page number.
 */
#include <hpdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "pdf_writer.h"
#include "text.h"

/* Faux bold: the outline is stroked with this share of the type size (LIBRARIES.md). */
#define FAUX_BOLD_STROKE 0.03
/* Where the baseline sits in a line box: the em box is centred in the pitch, and a CJK em box
 * reaches this share of the size below the baseline. */
#define EM_BOX_DESCENT 0.12
/* Two pen positions closer than this are the same, pt. */
#define OVERLAP_EPSILON 0.01
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

/* The layout's measure of a character: its advance in the embedded face, pt. */
double fo_pdf_advance(void *ctx, int slot, double size, uint32_t cp)
{
    pdf_writer *w = ctx;
    if (cp == '\n')
        return 0;
    return fo_fonts_width(w->fonts, FO_SLOT_ROLE(slot), cp) * size / 1000.0;
}

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
void fo_pdf_set_color(pdf_writer *w, unsigned rgb)
{
    HPDF_REAL r = (HPDF_REAL)((rgb >> 16) & 0xFF) / 255, g = (HPDF_REAL)((rgb >> 8) & 0xFF) / 255,
              b = (HPDF_REAL)(rgb & 0xFF) / 255;
    HPDF_Page_SetRGBFill(w->page, r, g, b);
    HPDF_Page_SetRGBStroke(w->page, r, g, b);
}

void fo_pdf_draw_line(pdf_writer *w, const fo_pdf_block *b, size_t line_index, double top)
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
            double adv = fo_pdf_advance(w, run->font, run->size, cp);
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
            fo_pdf_set_color(w, b->color);
        draw_chars(w, b, chars, n, y, wide);
        draw_dashes(w, b, chars, n, y);
        if (b->color)
            fo_pdf_set_color(w, 0);
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
        width += fo_pdf_advance(w, slot, size, cp);
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

void fo_pdf_draw_page_furniture(pdf_writer *w, const fo_pdf_page *page)
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

