/* pdf_gongwen.c — an official document's parts in the PDF (公文, GB/T 9704-2012; see pdf_blocks.h).
 *
 * In every style the parts are blocks of their own text kinds: the 版头 above the title (份号, 密级,
 * 紧急程度, the organ's red mark, the document number with the 签发人, a red separator), the
 * addressee, the attachment list with its numbers hanging, the signature centred over the date four
 * characters in from the right, the notes, every attachment from a new page, and the 版记 between
 * rules.  A style with a grid (styles/gongwen.ini: 22 lines of 28 characters) also gets the pages
 * the standard draws: the organ's mark 35 mm below the type area's top, the document number two
 * lines under it, the red line 4 mm under that, the title on the grid two lines below; every other
 * line on the grid; the 版记 at the foot of the last even page, on a page of its own when it must,
 * and unnumbered after a blank page (§7.5).
 */
#include "pdf_blocks.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define MM (72.0 / 25.4)
/* GB/T 9704-2012's numbers (../shared/TYPOGRAPHY.md) */
#define ORGAN_TOP (35 * MM)          /* §7.2.4: the organ's mark 35 mm below the type area's top */
#define ORGAN_GAP_LINES 2            /* §7.2.5: the document number two lines under the mark */
#define SEPARATOR_GAP (4 * MM)       /* §7.2.7: the red separator 4 mm under the document number */
#define TITLE_GAP_LINES 2            /* §7.3.1: the title two lines under the separator */
#define RED_RULE 1.0                 /* the separator's thickness, pt (the standard gives none) */
#define HANDOUT_RULE_SPACE 24.0      /* without a grid: the room of the separator under the number, pt, */
#define HANDOUT_RULE_AT 6.0          /* and where in it the rule lies */
#define IMPRINT_THICK (0.35 * MM)    /* §7.4.1: the 版记's first and last rules */
#define IMPRINT_THIN (0.25 * MM)     /* and those between its items */
#define DATE_RIGHT_EM 4              /* §7.3.5.1: the date four characters in from the right */
#define UNDATED_RIGHT_EM 2           /* §7.3.5.2: a signature without a date two characters in */
#define SIDE_EM 1                    /* §7.2.6, §7.4: 签发人, 抄送, 印发 one character in from the sides */
#define ENCLOSURE_LABEL "附件："
#define ENCLOSURE_LABEL_EM 3         /* its width: the later numbers stand under the first */

static const fo_pos NOWHERE = {0, 0};

/* ---- blocks ---- */

static fo_pdf_block *text_block(fo_pdf_blocks *pb, fo_text_kind style, double inset)
{
    fo_pdf_block *b = fo_pdf_blocks_new(pb, FO_PDF_TEXT, style);
    b->inset = inset;
    return b;
}

/* A block holding one string in its kind's font, dropped when nothing of it can be drawn. */
static void line_block(fo_pdf_blocks *pb, fo_text_kind style, const char *s)
{
    if (!s || !*s)
        return;
    fo_pdf_block *b = text_block(pb, style, 0);
    fo_pdf_blocks_add_str(pb, b, fo_pdf_blocks_slot(pb, style), s, NOWHERE);
    fo_pdf_blocks_drop_empty(pb);
}

/* The runs so far are a prefix that hangs before the block's lines; what follows is a run of its own. */
static void end_prefix(fo_pdf_block *b, int slot)
{
    b->hang_runs = b->n_runs;
    if (b->n_runs == b->cap_runs) {
        b->cap_runs = b->cap_runs ? 2 * b->cap_runs : 4;
        b->runs = fo_xrealloc(b->runs, b->cap_runs * sizeof *b->runs);
    }
    b->runs[b->n_runs++] = (fo_pdf_run){.slot = slot};
}

static fo_pdf_block *separator(fo_pdf_blocks *pb, fo_text_kind style, double thickness, double height, double at)
{
    fo_pdf_block *b = fo_pdf_blocks_new(pb, FO_PDF_SEPARATOR, style);
    b->thickness = thickness;
    b->height = height;
    b->rule_at = at;
    return b;
}

/* The number and the 签发人 on one line: the number one character in from the left, "签发人：" and the
 * names one character in from the right (§7.2.6); without signers the number alone, centred. */
static void number_line(fo_pdf_blocks *pb, const fo_meta *m)
{
    double em = fo_pdf_blocks_em(pb, FO_TEXT_DOC_NUMBER);
    bool number = m->doc_number && *m->doc_number;
    if (m->signers) {
        fo_pdf_block *b = text_block(pb, FO_TEXT_SIGNER, 0);
        b->overlay = number;
        b->place = FO_PLACE_END;
        b->reserve = SIDE_EM * em;
        int names = fo_pdf_blocks_slot(pb, FO_TEXT_SIGNER); /* "签发人" in 仿宋, the names in 楷体 */
        fo_pdf_blocks_add_str(pb, b, fo_pdf_blocks_slot(pb, FO_TEXT_DOC_NUMBER), "签发人：", NOWHERE);
        for (const fo_strlist *s = m->signers; s; s = s->next) {
            if (s != m->signers)
                fo_pdf_blocks_add_str(pb, b, names, "　", NOWHERE);
            fo_pdf_blocks_add_str(pb, b, names, s->str, NOWHERE);
        }
        fo_pdf_blocks_drop_empty(pb);
    }
    if (!number)
        return;
    fo_pdf_block *b = text_block(pb, FO_TEXT_DOC_NUMBER, 0);
    fo_pdf_blocks_add_str(pb, b, fo_pdf_blocks_slot(pb, FO_TEXT_DOC_NUMBER), m->doc_number, NOWHERE);
    if (m->signers) {
        b->place = FO_PLACE_START;
        b->left = SIDE_EM * em;
    }
    fo_pdf_blocks_drop_empty(pb);
}

void fo_pdf_gongwen_head(fo_pdf_blocks *pb)
{
    const fo_meta *m = &pb->article->meta;
    line_block(pb, FO_TEXT_MARKING, m->copy_number);
    line_block(pb, FO_TEXT_MARKING, m->secrecy);
    line_block(pb, FO_TEXT_MARKING, m->urgency);
    line_block(pb, FO_TEXT_ORGAN, m->organ_mark); /* a joint document's organs, a line each */
    number_line(pb, m);
    if (m->organ_mark && *m->organ_mark && !pb->collecting) {
        bool grid = pb->style->grid_lines > 0; /* on a grid its place is worked out with the page's */
        separator(pb, FO_TEXT_ORGAN, RED_RULE, grid ? 0 : HANDOUT_RULE_SPACE, grid ? 0 : HANDOUT_RULE_AT);
    }
}

/* 附件说明: "附件：" and the attachments named, numbered when there are two or more; every number
 * stands under the first, and a name's later lines under its first character (§7.3.4). */
static void enclosures(fo_pdf_blocks *pb, const fo_node *n, double inset)
{
    bool several = n->first && n->first->next;
    int slot = fo_pdf_blocks_slot(pb, FO_TEXT_ENCLOSURES), k = 0;
    for (const fo_node *c = n->first; c; c = c->next) {
        fo_pdf_block *b = text_block(pb, FO_TEXT_ENCLOSURES, inset);
        char number[24] = "";
        if (several)
            snprintf(number, sizeof number, "%d.", ++k);
        if (c == n->first)
            fo_pdf_blocks_add_str(pb, b, slot, ENCLOSURE_LABEL, c->pos);
        else
            b->pad_em = ENCLOSURE_LABEL_EM;
        fo_pdf_blocks_add_str(pb, b, slot, number, c->pos);
        end_prefix(b, slot);
        fo_pdf_blocks_add_inlines(pb, b, c->u.para.head, fo_pdf_gongwen_runin_slot(pb, c));
        fo_pdf_blocks_add_inlines(pb, b, c, slot);
        b->tight = c != n->first;
        b->keep_with_next = c->next != NULL;
        fo_pdf_blocks_drop_empty(pb);
    }
}

/* 附件: from a new page, "附件1" top left, the title centred (§7.3.7), then its text. */
static void attachment(fo_pdf_blocks *pb, const fo_node *n)
{
    size_t first = pb->n_blocks;
    line_block(pb, FO_TEXT_ATTACHMENT_LABEL, n->u.part.label);
    if (n->u.part.title) {
        fo_pdf_block *b = text_block(pb, FO_TEXT_ATTACHMENT_TITLE, 0);
        b->level = pb->bookmark_base + 1;
        fo_pdf_blocks_add_inlines(pb, b, n->u.part.title, fo_pdf_blocks_slot(pb, FO_TEXT_ATTACHMENT_TITLE));
        fo_pdf_blocks_drop_empty(pb);
    }
    fo_pdf_blocks_add_blocks(pb, n, 0);
    if (pb->n_blocks > first)
        pb->blocks[first].new_page = true;
}

/* The closing parts stay together, and with the text's last line before them: the signature is
 * never alone on a page, nor is a note under the date (the standard's "此页无正文" never happens). */
static void keep_with_what_came(fo_pdf_blocks *pb, fo_part_kind kind)
{
    if (pb->n_blocks && kind != FO_PART_ADDRESSEE && kind != FO_PART_ATTACHMENT)
        pb->blocks[pb->n_blocks - 1].keep_with_next = true;
}

void fo_pdf_gongwen_part(fo_pdf_blocks *pb, const fo_node *n, double inset)
{
    static const fo_text_kind kinds[FO_PART_KIND_COUNT] = {
        [FO_PART_ADDRESSEE] = FO_TEXT_ADDRESSEE, [FO_PART_SIGNATURE] = FO_TEXT_SIGNATURE,
        [FO_PART_DATE] = FO_TEXT_DATE,           [FO_PART_ANNOTATION] = FO_TEXT_ANNOTATION,
    };
    fo_part_kind kind = n->u.part.kind;
    keep_with_what_came(pb, kind);
    if (kind == FO_PART_ENCLOSURES) {
        enclosures(pb, n, inset);
    } else if (kind == FO_PART_ATTACHMENT) {
        attachment(pb, n);
    } else if ((unsigned)kind < FO_PART_KIND_COUNT) {
        fo_pdf_block *b = text_block(pb, kinds[kind], inset);
        b->place = kind == FO_PART_SIGNATURE ? FO_PLACE_SIGNATURE : kind == FO_PART_DATE ? FO_PLACE_DATE : FO_PLACE_FLOW;
        b->tight = kind == FO_PART_SIGNATURE && fo_is_part(n->prev, FO_PART_SIGNATURE);
        fo_pdf_blocks_add_inlines(pb, b, n, fo_pdf_blocks_slot(pb, kinds[kind]));
        fo_pdf_blocks_drop_empty(pb);
    }
}

/* "2025-02-18" → "2025年2月18日" (§7.4.3: the year in full, no leading zeros); other text as it is. */
static void print_day(const char *iso, char *out, size_t size)
{
    int y, mo, d;
    if (sscanf(iso, "%4d-%2d-%2d", &y, &mo, &d) == 3)
        snprintf(out, size, "%d年%d月%d日", y, mo, d);
    else
        snprintf(out, size, "%s", iso);
}

/* 版记 (§7.4): between a thick rule above and one below, 抄送 (its later lines under the first organ),
 * a thin rule, the printer one character in from the left and the date of printing one character in
 * from the right, on one line. */
void fo_pdf_gongwen_imprint(fo_pdf_blocks *pb)
{
    const fo_meta *m = &pb->article->meta;
    if (!m->cc && !m->printer && !m->print_date)
        return;
    const fo_text_style *ts = &pb->style->text[FO_TEXT_IMPRINT];
    double em = fo_pdf_blocks_em(pb, FO_TEXT_IMPRINT);
    int slot = fo_pdf_blocks_slot(pb, FO_TEXT_IMPRINT);
    if (!pb->style->grid_lines && ts->space_before > 0) /* on a grid it stands at the foot of a page */
        fo_pdf_blocks_new(pb, FO_PDF_SPACE, FO_TEXT_IMPRINT)->height = ts->space_before;
    separator(pb, FO_TEXT_IMPRINT, IMPRINT_THICK, 0, 0);
    if (m->cc) {
        fo_pdf_block *b = text_block(pb, FO_TEXT_IMPRINT, 0);
        b->pad_em = SIDE_EM;
        b->reserve = SIDE_EM * em;
        fo_pdf_blocks_add_str(pb, b, slot, "抄送：", NOWHERE);
        end_prefix(b, slot);
        fo_pdf_blocks_add_str(pb, b, slot, m->cc, NOWHERE);
        if (m->printer || m->print_date)
            separator(pb, FO_TEXT_IMPRINT, IMPRINT_THIN, 0, 0);
    }
    if (m->printer) {
        fo_pdf_block *b = text_block(pb, FO_TEXT_IMPRINT, 0);
        b->left = SIDE_EM * em;
        b->place = FO_PLACE_START;
        b->overlay = m->print_date != NULL;
        fo_pdf_blocks_add_str(pb, b, slot, m->printer, NOWHERE);
    }
    if (m->print_date) {
        char day[64];
        print_day(m->print_date, day, sizeof day);
        fo_pdf_block *b = text_block(pb, FO_TEXT_IMPRINT, 0);
        b->reserve = SIDE_EM * em;
        b->place = FO_PLACE_END;
        fo_pdf_blocks_add_str(pb, b, slot, day, NOWHERE);
        fo_pdf_blocks_add_str(pb, b, slot, "印发", NOWHERE);
    }
    separator(pb, FO_TEXT_IMPRINT, IMPRINT_THICK, 0, 0);
}

/* ---- headings by their numbering (§7.3.3) ---- */

static bool is_cjk_numeral(uint32_t cp)
{
    static const char numerals[] = "一二三四五六七八九十百零〇";
    char enc[5];
    enc[fo_utf8_encode(cp, enc)] = '\0';
    return cp >= 0x80 && strstr(numerals, enc) != NULL;
}

/* The level a heading's numbering has in an official document: 一、 1, （一） 2, 1. 3, （1） 4; 0 for
 * none of them. */
static int numbering_level(const char *s)
{
    uint32_t cp[16];
    size_t n = 0, len = s ? strlen(s) : 0;
    for (size_t i = 0; i < len && n < 16;) {
        size_t k = fo_utf8_decode(s + i, len - i, &cp[n]);
        if (!k)
            break;
        i += k, n++;
    }
    bool paren = n && (cp[0] == 0xFF08 || cp[0] == '(');
    size_t i = paren, digits = 0, numerals = 0;
    for (; i < n && (cp[i] >= '0' && cp[i] <= '9'); i++)
        digits++;
    for (; !digits && i < n && is_cjk_numeral(cp[i]); i++)
        numerals++;
    if ((!digits && !numerals) || i >= n)
        return 0;
    if (paren)
        return cp[i] == 0xFF09 || cp[i] == ')' ? (numerals ? 2 : 4) : 0;
    if (numerals)
        return cp[i] == 0x3001 ? 1 : 0;                        /* 、 */
    return cp[i] == '.' || cp[i] == 0xFF0E || cp[i] == 0x3001 ? 3 : 0; /* . ． 、 */
}

static fo_text_kind heading_kind(int level)
{
    return level <= 1 ? FO_TEXT_HEADING1 : level == 2 ? FO_TEXT_HEADING2 : FO_TEXT_HEADING3;
}

bool fo_pdf_gongwen_heading(fo_pdf_blocks *pb, const fo_node *sec)
{
    if (!pb->style->grid_lines)
        return false;
    const char *marker = sec->u.section.marker, *label = sec->u.section.label;
    int numbered = numbering_level(marker);
    fo_text_kind style = heading_kind(numbered ? numbered : sec->u.section.level);
    fo_pdf_block *b = fo_pdf_blocks_new(pb, FO_PDF_HEADING, style);
    b->level = pb->bookmark_base + sec->u.section.level;
    int slot = fo_pdf_blocks_slot(pb, style);
    if (marker && *marker) {
        fo_pdf_blocks_add_str(pb, b, slot, marker, sec->pos);
    } else if (label && *label) {
        fo_pdf_blocks_add_str(pb, b, slot, label, sec->pos);
        fo_pdf_blocks_add_str(pb, b, slot, "　", sec->pos);
    }
    fo_pdf_blocks_add_inlines(pb, b, sec->u.section.title, slot);
    fo_pdf_blocks_drop_empty(pb);
    return true;
}

int fo_pdf_gongwen_runin_slot(const fo_pdf_blocks *pb, const fo_node *para)
{
    if (!pb->style->grid_lines || !para->u.para.head)
        return fo_pdf_blocks_slot(pb, FO_TEXT_RUNIN);
    char *head = fo_node_text(para->u.para.head);
    int level = numbering_level(head);
    free(head);
    return fo_pdf_blocks_slot(pb, level ? heading_kind(level) : FO_TEXT_RUNIN);
}

/* ---- across the measure, once broken ---- */

/* Every line moved flush left within its block, and the block's measure made its widest line's. */
static double pack_left(fo_pdf_block *b)
{
    double widest = 0;
    for (size_t l = 0; l < b->para.n_lines; l++) {
        fo_lay_line *line = &b->para.lines[l];
        if (!line->n_segs)
            continue;
        double x0 = b->para.segs[line->first_seg].x;
        for (size_t s = line->first_seg; s < line->first_seg + line->n_segs; s++)
            b->para.segs[s].x -= x0;
        widest = line->width > widest ? line->width : widest;
    }
    return widest;
}

/* The right edge of a date block within its measure, and its content's width. */
static double date_right(const fo_pdf_blocks *pb, const fo_pdf_block *date)
{
    return date->measure - DATE_RIGHT_EM * fo_pdf_blocks_em(pb, date->style);
}

static double widest_line(const fo_pdf_block *b)
{
    double widest = 0;
    for (size_t l = 0; l < b->para.n_lines; l++)
        widest = b->para.lines[l].width > widest ? b->para.lines[l].width : widest;
    return widest;
}

/* The date of a signature: the first date after it among the signatures and dates that follow. */
static const fo_pdf_block *date_of(const fo_pdf_blocks *pb, size_t i, size_t end)
{
    for (size_t j = i + 1; j < end && pb->blocks[j].kind == FO_PDF_TEXT; j++) {
        if (pb->blocks[j].place == FO_PLACE_DATE)
            return &pb->blocks[j];
        if (pb->blocks[j].place != FO_PLACE_SIGNATURE)
            break;
    }
    return NULL;
}

static void place(fo_pdf_blocks *pb, size_t i, size_t end)
{
    fo_pdf_block *b = &pb->blocks[i];
    double full = b->measure, em = fo_pdf_blocks_em(pb, b->style);
    if (b->place == FO_PLACE_SIGNATURE) {
        const fo_pdf_block *date = date_of(pb, i, end);
        double width = pack_left(b), x;
        if (date) /* centred over the date, which is placed after it (so read its breaking) */
            x = date_right(pb, date) - widest_line(date) / 2 - width / 2;
        else
            x = full - UNDATED_RIGHT_EM * em - width;
        b->offset = fmax(0, fmin(x, full - width));
        b->measure = width;
        return;
    }
    double width = pack_left(b);
    if (b->place == FO_PLACE_DATE)
        b->offset = fmax(0, date_right(pb, b) - width);
    else if (b->place == FO_PLACE_END)
        b->offset = fmax(0, full - width);
    b->measure = width;
}

void fo_pdf_gongwen_place(fo_pdf_blocks *pb, size_t first, size_t end)
{
    for (size_t i = first; i < end; i++)
        if (pb->blocks[i].kind == FO_PDF_TEXT && pb->blocks[i].place != FO_PLACE_FLOW && pb->blocks[i].para.n_lines)
            place(pb, i, end);
}

/* ---- pages ---- */

/* A box of `height` that belongs to no line of block `block` (drawn as nothing). */
static void space_box(fo_pdf_blocks *pb, size_t block, double height)
{
    fo_pdf_blocks_push_box(pb, (fo_lay_box){.height = height > 0 ? height : 0, .keep_with_next = 1}, block, SIZE_MAX);
}

/* A block's lines as boxes kept with what follows; returns their height. */
static double line_boxes(fo_pdf_blocks *pb, size_t i)
{
    const fo_pdf_block *b = &pb->blocks[i];
    double pitch = b->overlay ? 0 : fo_pdf_blocks_pitch(pb, b), height = 0;
    for (size_t l = 0; l < b->para.n_lines; l++, height += pitch)
        fo_pdf_blocks_push_box(pb, (fo_lay_box){.height = pitch, .keep_with_next = 1}, i, l);
    return height;
}

/* Where the em box of a block's text ends below the top of its last line's box. */
static double em_bottom(const fo_pdf_blocks *pb, const fo_pdf_block *b)
{
    double size = pb->style->text[b->style].size, pitch = fo_pdf_blocks_pitch(pb, b);
    return (pitch - size) / 2 + size;
}

static bool in_head(const fo_pdf_block *b)
{
    return b->style == FO_TEXT_MARKING || b->style == FO_TEXT_ORGAN || b->style == FO_TEXT_DOC_NUMBER ||
           b->style == FO_TEXT_SIGNER;
}

/* Page 1's 版头 on a grid with an organ's mark (§7.2): 份号, 密级, 紧急程度 on the first lines; the
 * mark's top 35 mm below the type area's; the number two lines under the mark; the red separator
 * 4 mm under the number; the title on the first line two lines under the separator.  Returns the
 * first block after the head (a head without a mark is left to the grid's flow). */
static size_t head_boxes(fo_pdf_blocks *pb, size_t i, size_t end)
{
    double pitch = fo_style_grid_pitch(pb->style), y = 0, bottom = 0;
    size_t organ = i;
    while (organ < end && pb->blocks[organ].style == FO_TEXT_MARKING)
        organ++;
    if (organ == end || pb->blocks[organ].style != FO_TEXT_ORGAN || pb->blocks[organ].kind != FO_PDF_TEXT)
        return i;
    for (; i < organ; i++)
        y += line_boxes(pb, i);
    space_box(pb, organ, ORGAN_TOP - y);
    y = fmax(y, ORGAN_TOP) + line_boxes(pb, organ);
    bottom = y - fo_pdf_blocks_pitch(pb, &pb->blocks[organ]) + em_bottom(pb, &pb->blocks[organ]);
    i = organ + 1;
    if (i < end && pb->blocks[i].kind == FO_PDF_TEXT && in_head(&pb->blocks[i])) {
        size_t number = i;
        while (number + 1 < end && pb->blocks[number].overlay)
            number++;
        const fo_pdf_block *b = &pb->blocks[number];
        double size = pb->style->text[b->style].size, top = bottom + ORGAN_GAP_LINES * pitch - (pitch - size) / 2;
        space_box(pb, i, top - y);
        y = top;
        for (; i <= number; i++)
            y += line_boxes(pb, i);
        bottom = y - pitch + em_bottom(pb, b);
    }
    double rule = bottom;
    if (i < end && pb->blocks[i].kind == FO_PDF_SEPARATOR) {
        rule = bottom + SEPARATOR_GAP;
        pb->blocks[i].rule_at = rule - y;
        space_box(pb, i, 0);
        i++;
    }
    /* the title's first line: the first grid line whose text starts two lines under the separator */
    double title = pb->style->text[FO_TEXT_TITLE].size;
    double want = rule + TITLE_GAP_LINES * pitch - (pitch - title) / 2;
    space_box(pb, i < end ? i : organ, ceil(want / pitch - 1e-6) * pitch - y);
    return i;
}

/* The height of boxes [first, end). */
static double boxes_height(const fo_pdf_blocks *pb, size_t first, size_t end)
{
    double h = 0;
    for (size_t k = first; k < end; k++)
        h += pb->boxes[k].height;
    return h;
}

/* The first block of blocks [first, end) that has lines, for boxes that hold no line of it. */
static size_t text_of(const fo_pdf_blocks *pb, size_t first, size_t end)
{
    for (size_t k = first; k < end; k++)
        if (pb->blocks[k].kind == FO_PDF_TEXT)
            return k;
    return first;
}

/* The 版记 on a grid (§7.4, §7.5): at the foot of the last page when that page is even and has room;
 * else on the next page when that is even; else after a blank page, both pages unnumbered. */
static void place_imprint(fo_pdf_blocks *pb, size_t first, size_t end)
{
    const fo_style *st = pb->style;
    double area = st->page_height - st->margin_top - st->margin_bottom;
    fo_pdf_page *last = &pb->pages[pb->n_pages - 1];
    bool empty = last->first == last->end;
    pb->n_boxes = empty ? pb->n_boxes : last->end; /* space left after the last line goes */
    double used = empty ? 0 : boxes_height(pb, last->first, last->end);
    size_t filler = pb->n_boxes;
    fo_pdf_blocks_push_box(pb, (fo_lay_box){.height = 0}, text_of(pb, first, end), SIZE_MAX);
    fo_pdf_blocks_make_boxes(pb, first, end);
    double height = boxes_height(pb, filler + 1, pb->n_boxes);
    if (pb->n_pages % 2 == 0 && used + height <= area + 1e-6) {
        pb->boxes[filler].height = area - used - height;
        last->end = pb->n_boxes;
        return;
    }
    pb->boxes[filler].height = fmax(0, area - height);
    int number = 0;
    if (pb->n_pages % 2 == 1)
        number = (int)pb->n_pages + 1;
    else
        fo_pdf_blocks_add_blank_page(pb);
    fo_pdf_blocks_add_pages(pb, filler, pb->n_boxes, NULL, number);
}

/* An official document's pages: the text, then every attachment from a new page, page numbers
 * running on; on a grid the head at its places and the 版记 at the foot of the last even page,
 * without one the 版记 after the text. */
int fo_pdf_gongwen_paginate(fo_pdf_blocks *pb)
{
    if (fo_pdf_blocks_break(pb, 0, pb->n_blocks) != 0)
        return -1;
    fo_pdf_gongwen_pages(pb, 0, pb->n_blocks, &pb->header, 1);
    return 0;
}

size_t fo_pdf_gongwen_pages(fo_pdf_blocks *pb, size_t first, size_t n, const fo_pdf_block *header, int number)
{
    bool grid = pb->style->grid_lines > 0;
    size_t imprint = n, pages = pb->n_pages;
    while (imprint > first && pb->blocks[imprint - 1].style == FO_TEXT_IMPRINT)
        imprint--;
    size_t start = first;
    do { /* the text, then each attachment */
        size_t end = start + 1;
        while (end < imprint && !pb->blocks[end].new_page)
            end++;
        end = end < imprint ? end : imprint;
        size_t first_box = pb->n_boxes, from = grid && start == first ? head_boxes(pb, first, end) : start;
        fo_pdf_blocks_make_boxes(pb, from, grid || end < imprint ? end : n);
        number += (int)fo_pdf_blocks_add_pages(pb, first_box, pb->n_boxes, header, number);
        start = end;
    } while (start < imprint);
    if (grid && imprint < n)
        place_imprint(pb, imprint, n);
    return pb->n_pages - pages;
}
