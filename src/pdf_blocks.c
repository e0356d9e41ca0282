/* pdf_blocks.c — the document model as blocks of text, lines and pages (see pdf_blocks.h). */
#include "pdf_blocks.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Left and right inset of block quotes, in em of the body size. */
#define QUOTE_INSET_EM 2.0
/* Bisection steps when balancing the lines of a centred block (the measure to within 0.03 pt). */
#define BALANCE_STEPS 14

static bool bit_test(const unsigned char *bits, uint32_t cp) { return bits[cp >> 3] & (1u << (cp & 7)); }
static void bit_set(unsigned char *bits, uint32_t cp) { bits[cp >> 3] |= (unsigned char)(1u << (cp & 7)); }

/* ---- building blocks ---- */

static fo_pdf_block *new_block(fo_pdf_blocks *pb, fo_pdf_block_kind kind, fo_text_kind style)
{
    if (pb->n_blocks == pb->cap_blocks) {
        pb->cap_blocks = pb->cap_blocks ? 2 * pb->cap_blocks : 64;
        pb->blocks = fo_xrealloc(pb->blocks, pb->cap_blocks * sizeof *pb->blocks);
    }
    fo_pdf_block *b = &pb->blocks[pb->n_blocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->style = style;
    return b;
}

fo_pdf_block *fo_pdf_blocks_new(fo_pdf_blocks *pb, fo_pdf_block_kind kind, fo_text_kind style)
{
    return new_block(pb, kind, style);
}

void fo_pdf_block_free(fo_pdf_block *b)
{
    for (size_t r = 0; r < b->n_runs; r++)
        fo_buf_free(&b->runs[r].text);
    free(b->runs);
    free(b->lay_runs);
    fo_lay_para_free(&b->para);
    memset(b, 0, sizeof *b);
}

static void free_blocks(fo_pdf_blocks *pb)
{
    for (size_t i = 0; i < pb->n_blocks; i++)
        fo_pdf_block_free(&pb->blocks[i]);
    free(pb->blocks);
    pb->blocks = NULL;
    pb->n_blocks = pb->cap_blocks = 0;
}

static fo_pdf_run *run_for_slot(fo_pdf_block *b, int slot)
{
    if (b->n_runs && b->runs[b->n_runs - 1].slot == slot)
        return &b->runs[b->n_runs - 1];
    if (b->n_runs == b->cap_runs) {
        b->cap_runs = b->cap_runs ? 2 * b->cap_runs : 1; /* most blocks are one run */
        b->runs = fo_xrealloc(b->runs, b->cap_runs * sizeof *b->runs);
    }
    fo_pdf_run *r = &b->runs[b->n_runs++];
    memset(r, 0, sizeof *r);
    r->slot = slot;
    return r;
}

/* Warn once per character about one the PDF cannot show. */
static void warn_dropped(fo_pdf_blocks *pb, uint32_t cp, const char *bytes, size_t n, fo_pos pos, const char *why)
{
    if (bit_test(pb->warned, cp))
        return;
    bit_set(pb->warned, cp);
    fo_warn(pb->d, pos.line, pos.col, "character U+%04X '%.*s' %s; the PDF leaves it out (DocBook and EPUB keep it)",
            (unsigned)cp, (int)n, bytes, why);
}

/* The slot that draws `cp` for text meant for `slot`: the slot itself when its face has the glyph,
 * else the same weight in another role's face that has it; -1 when none has. */
static int drawing_slot(const fo_pdf_blocks *pb, int slot, uint32_t cp)
{
    fo_font_role role = FO_SLOT_ROLE(slot);
    if (cp == '\n' || fo_fonts_covers(pb->fonts, role, cp))
        return slot;
    for (int r = 0; r < FO_ROLE_COUNT; r++)
        if (r != (int)role && fo_fonts_covers(pb->fonts, (fo_font_role)r, cp))
            return FO_SLOT_BOLD(slot) ? FO_BOLD_SLOT(r) : r;
    return -1;
}

/* Append text to block `b` in font slot `slot`.  The first pass only notes the characters; the
 * second keeps those the fonts can draw and warns about the others at their position. */
static void append_text(fo_pdf_blocks *pb, fo_pdf_block *b, int slot, const char *s, size_t len, fo_pos pos)
{
    bool one_line = memchr(s, '\n', len) == NULL;
    int col = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = fo_utf8_decode(s + i, len - i, &cp);
        if (n == 0) { /* the model holds valid UTF-8; skip a stray byte all the same */
            i++;
            continue;
        }
        fo_pos at = {pos.line, pos.line && pos.col && one_line ? pos.col + col : pos.col};
        col++;
        bool control = cp < 0x20 && cp != '\n';
        int draw = control || pb->collecting || cp > 0xFFFF ? -1 : drawing_slot(pb, slot, cp);
        if (pb->collecting) {
            if (!control)
                bit_set(pb->seen, cp);
        } else if (control) {
            /* nothing to draw */
        } else if (cp > 0xFFFF) {
            warn_dropped(pb, cp, s + i, n, at, "is outside the Basic Multilingual Plane, which libharu cannot draw");
        } else if (draw < 0) {
            warn_dropped(pb, cp, s + i, n, at, "has no glyph in any of the chosen fonts");
        } else {
            if (cp != '\n')
                fo_fonts_use(pb->fonts, FO_SLOT_ROLE(draw), cp);
            fo_buf_append(&run_for_slot(b, draw)->text, s + i, n);
        }
        i += n;
    }
}

static void append_str(fo_pdf_blocks *pb, fo_pdf_block *b, int slot, const char *s, fo_pos pos)
{
    if (s)
        append_text(pb, b, slot, s, strlen(s), pos);
}

static int text_slot(const fo_pdf_blocks *pb, fo_text_kind kind)
{
    const fo_text_style *ts = &pb->style->text[kind];
    return ts->bold ? FO_BOLD_SLOT(ts->font) : (int)ts->font;
}

/* Inline content: strong text in faux bold, emphasis in kai; the model already holds the 《》 of a
 * cited title as text, so a citetitle needs nothing of its own. */
static void append_inlines(fo_pdf_blocks *pb, fo_pdf_block *b, const fo_node *n, int slot)
{
    for (const fo_node *c = n->first; c; c = c->next) {
        switch (c->kind) {
        case FO_TEXT:
            append_str(pb, b, slot, c->u.text.str, c->pos);
            break;
        case FO_LINEBREAK:
            append_text(pb, b, slot, "\n", 1, c->pos);
            break;
        case FO_STRONG:
            append_inlines(pb, b, c, FO_BOLD_SLOT(FO_SLOT_ROLE(slot)));
            break;
        case FO_EMPH:
            append_inlines(pb, b, c, FO_SLOT_BOLD(slot) ? FO_BOLD_SLOT(FO_ROLE_KAI) : FO_ROLE_KAI);
            break;
        default:
            append_inlines(pb, b, c, slot);
            break;
        }
    }
}

static bool block_is_empty(const fo_pdf_block *b)
{
    for (size_t r = 0; r < b->n_runs; r++)
        if (b->runs[r].text.len)
            return false;
    return true;
}

/* Drop the block just built when nothing drawable ended up in it. */
static void drop_if_empty(fo_pdf_blocks *pb)
{
    if (pb->collecting || !pb->n_blocks)
        return;
    fo_pdf_block *b = &pb->blocks[pb->n_blocks - 1];
    if (b->kind != FO_PDF_RULE && block_is_empty(b)) {
        for (size_t r = 0; r < b->n_runs; r++)
            fo_buf_free(&b->runs[r].text);
        free(b->runs);
        pb->n_blocks--;
    }
}

/* `date · source · author` under the title. */
static void build_byline(fo_pdf_blocks *pb)
{
    const fo_meta *m = &pb->article->meta;
    int slot = text_slot(pb, FO_TEXT_BYLINE);
    fo_pdf_block *b = new_block(pb, FO_PDF_TEXT, FO_TEXT_BYLINE);
    char day[16];
    bool any = false;
    fo_pos none = {0, 0};
    if (fo_meta_day(m, day, sizeof day)) {
        append_str(pb, b, slot, day, none);
        any = true;
    }
    if (m->source) {
        append_str(pb, b, slot, any ? " · " : "", none);
        append_str(pb, b, slot, m->source, none);
        any = true;
    }
    bool first = true;
    for (const fo_author *a = m->authors; a; a = a->next) {
        if (!fo_author_is_creator(a))
            continue; /* editors and checkers are not part of a byline */
        append_str(pb, b, slot, first ? (any ? " · " : "") : "　", none);
        first = false;
        if (a->role) {
            append_str(pb, b, slot, a->role, none);
            append_str(pb, b, slot, " ", none);
        }
        append_str(pb, b, slot, a->name, none);
    }
    drop_if_empty(pb);
}

static void build_title_block(fo_pdf_blocks *pb)
{
    const fo_meta *m = &pb->article->meta;
    fo_pos none = {0, 0};
    fo_pdf_block *title = new_block(pb, FO_PDF_TEXT, FO_TEXT_TITLE);
    title->level = pb->bookmark_base;
    append_str(pb, title, text_slot(pb, FO_TEXT_TITLE), fo_doc_title(pb->article), none);
    drop_if_empty(pb);
    if (m->subtitle) {
        /* a subtitle is printed after a two-em dash, as Chinese papers do */
        fo_pdf_block *b = new_block(pb, FO_PDF_TEXT, FO_TEXT_SUBTITLE);
        append_str(pb, b, text_slot(pb, FO_TEXT_SUBTITLE), "——", none);
        append_str(pb, b, text_slot(pb, FO_TEXT_SUBTITLE), m->subtitle, none);
        drop_if_empty(pb);
    }
    build_byline(pb);
}

static void build_blocks(fo_pdf_blocks *pb, const fo_node *parent, double inset);

static void build_heading(fo_pdf_blocks *pb, const fo_node *sec)
{
    int level = sec->u.section.level;
    fo_text_kind style = level <= 1 ? FO_TEXT_HEADING1 : level == 2 ? FO_TEXT_HEADING2 : FO_TEXT_HEADING3;
    fo_pdf_block *b = new_block(pb, FO_PDF_HEADING, style);
    b->level = pb->bookmark_base + level;
    int slot = text_slot(pb, style);
    if (sec->u.section.label) {
        append_str(pb, b, slot, sec->u.section.label, sec->pos);
        append_str(pb, b, slot, "　", sec->pos);
    }
    if (sec->u.section.title)
        append_inlines(pb, b, sec->u.section.title, slot);
    drop_if_empty(pb);
}

static void build_para(fo_pdf_blocks *pb, const fo_node *p, double inset, const char *prefix)
{
    const char *role = p->u.para.role;
    fo_text_kind style = role && (strcmp(role, "lead") == 0 || strcmp(role, "note") == 0) ? FO_TEXT_LEAD : FO_TEXT_BODY;
    fo_pdf_block *b = new_block(pb, FO_PDF_TEXT, style);
    b->inset = inset;
    int slot = text_slot(pb, style);
    if (prefix)
        append_str(pb, b, slot, prefix, p->pos);
    if (p->u.para.head)
        append_inlines(pb, b, p->u.para.head, text_slot(pb, FO_TEXT_RUNIN));
    append_inlines(pb, b, p, slot);
    drop_if_empty(pb);
}

static void build_figure(fo_pdf_blocks *pb, const fo_node *fig, double inset)
{
    if (fig->u.figure.picture && !pb->collecting)
        fo_warn(pb->d, fig->pos.line, fig->pos.col, "the image %s is not placed in the PDF, only its caption",
                fig->u.figure.image);
    fo_pdf_block *b = new_block(pb, FO_PDF_TEXT, FO_TEXT_CAPTION);
    b->inset = inset;
    int slot = text_slot(pb, FO_TEXT_CAPTION);
    if (fig->u.figure.caption)
        append_inlines(pb, b, fig->u.figure.caption, slot);
    if (fig->u.figure.credit) {
        if (fig->u.figure.caption) /* a narrow gap: the caption usually ends in a full-width 。 */
            append_str(pb, b, slot, " ", fig->pos);
        append_str(pb, b, slot, fig->u.figure.credit, fig->pos);
    }
    drop_if_empty(pb);
}

static void build_list(fo_pdf_blocks *pb, const fo_node *list, double inset)
{
    int number = list->u.list.start ? list->u.list.start : 1;
    for (const fo_node *item = list->first; item; item = item->next, number++) {
        char prefix[24];
        if (list->u.list.ordered)
            snprintf(prefix, sizeof prefix, "%d. ", number);
        else
            snprintf(prefix, sizeof prefix, "• ");
        bool first = true;
        for (const fo_node *c = item->first; c; c = c->next) {
            if (c->kind == FO_PARA) {
                build_para(pb, c, inset, first ? prefix : NULL);
                first = false;
            } else {
                build_blocks(pb, c, inset);
            }
        }
    }
}

static void build_block(fo_pdf_blocks *pb, const fo_node *n, double inset)
{
    double quote_inset = QUOTE_INSET_EM * pb->style->text[FO_TEXT_BODY].size;
    switch (n->kind) {
    case FO_SECTION:
        build_heading(pb, n);
        build_blocks(pb, n, inset);
        break;
    case FO_PARA:
        build_para(pb, n, inset, NULL);
        break;
    case FO_FIGURE:
        build_figure(pb, n, inset);
        break;
    case FO_BLOCKQUOTE:
        build_blocks(pb, n, inset + quote_inset);
        break;
    case FO_LIST:
        build_list(pb, n, inset);
        break;
    case FO_ITEM:
    case FO_TABLE: /* for now a table reads as its cells' blocks, in order */
    case FO_ROW:
    case FO_CELL:
        build_blocks(pb, n, inset);
        break;
    case FO_RULE:
        if (!pb->collecting)
            new_block(pb, FO_PDF_RULE, FO_TEXT_BODY);
        break;
    default:
        break;
    }
}

static void build_blocks(fo_pdf_blocks *pb, const fo_node *parent, double inset)
{
    for (const fo_node *c = parent->first; c; c = c->next)
        build_block(pb, c, inset);
}

/* The running header's short title: the title, cut to header_max_chars with a closing "…". */
void fo_pdf_blocks_short_title(fo_pdf_blocks *pb, const char *title, fo_pdf_block *out)
{
    fo_pdf_block_free(out);
    if (!pb->style->header_enabled)
        return;
    int slot = text_slot(pb, FO_TEXT_HEADER);
    size_t len = strlen(title), count = fo_utf8_count(title, len), max = (size_t)pb->style->header_max_chars;
    size_t cut = len;
    if (count > max) {
        cut = 0;
        for (size_t k = 0; k + 1 < max && cut < len; k++) {
            uint32_t cp;
            size_t n = fo_utf8_decode(title + cut, len - cut, &cp);
            cut += n ? n : 1;
        }
    }
    append_text(pb, out, slot, title, cut, (fo_pos){0, 0});
    if (cut < len)
        append_str(pb, out, slot, "…", (fo_pos){0, 0});
}

/* Page number `page_no` as runs of the footer's font (falling back like any text). */
void fo_pdf_blocks_page_number(fo_pdf_blocks *pb, int page_no, fo_pdf_block *out)
{
    char text[FO_STYLE_FORMAT_MAX + 16];
    fo_style_page_number(pb->style, page_no, text, sizeof text);
    append_str(pb, out, text_slot(pb, FO_TEXT_FOOTER), text, (fo_pos){0, 0});
}

/* The page numbers' characters go into the subset before the pages are known: every digit and the
 * format around them. */
static void note_page_number_chars(fo_pdf_blocks *pb)
{
    fo_pdf_block scratch = {0};
    int slot = text_slot(pb, FO_TEXT_FOOTER);
    append_str(pb, &scratch, slot, "0123456789", (fo_pos){0, 0});
    append_str(pb, &scratch, slot, pb->style->page_number_format, (fo_pos){0, 0});
    fo_pdf_block_free(&scratch);
}

void fo_pdf_blocks_add_text(fo_pdf_blocks *pb, fo_pdf_block *b, fo_text_kind style, const char *s)
{
    append_str(pb, b, text_slot(pb, style), s, (fo_pos){0, 0});
}

void fo_pdf_blocks_drop_empty(fo_pdf_blocks *pb) { drop_if_empty(pb); }

void fo_pdf_blocks_add_article(fo_pdf_blocks *pb, const fo_doc *article, int level)
{
    const char *file = pb->d->file; /* a collection's messages name the article's own input */
    if (article->input_name)
        pb->d->file = article->input_name;
    pb->article = article;
    pb->bookmark_base = level;
    build_title_block(pb);
    build_blocks(pb, article->root, 0);
    pb->d->file = file;
}

static void build_document(fo_pdf_blocks *pb)
{
    free_blocks(pb);
    if (fo_doc_is_collection(pb->doc)) {
        fo_pdf_packet_build(pb);
    } else {
        fo_pdf_blocks_add_article(pb, pb->doc, 0);
        fo_pdf_blocks_short_title(pb, fo_doc_title(pb->doc), &pb->header);
    }
    note_page_number_chars(pb);
}


/* ---- line breaking and pagination ---- */

static double measure_width(const fo_pdf_blocks *pb, const fo_pdf_block *b)
{
    const fo_style *st = pb->style;
    return st->page_width - st->margin_left - st->margin_right - 2 * b->inset - b->left - b->reserve;
}

static fo_lay_align lay_align(fo_style_align a)
{
    switch (a) {
    case FO_STYLE_LEFT: return FO_ALIGN_LEFT;
    case FO_STYLE_CENTER: return FO_ALIGN_CENTER;
    case FO_STYLE_RIGHT: return FO_ALIGN_RIGHT;
    default: return FO_ALIGN_JUSTIFY;
    }
}

/* Break a block's runs to `width`; 0 or -1.  A contents entry's page number is not broken with
 * its text: it is placed after it (place_page_ref). */
static int break_to(fo_pdf_blocks *pb, fo_pdf_block *b, double width)
{
    const fo_text_style *ts = &pb->style->text[b->style];
    /* a packet's contents take their indent as a whole block's (pdf_packet.c sets `left`) */
    bool contents = b->style == FO_TEXT_CONTENTS_ENTRY || b->style == FO_TEXT_CONTENTS_NOTE ||
                    b->style == FO_TEXT_CONTENTS_SECTION;
    fo_lay_para_free(&b->para);
    fo_lay_para_opts po = {.width = width, .indent = contents ? 0 : ts->indent * ts->size, .align = lay_align(ts->align),
                           .advance = pb->advance, .ctx = pb->advance_ctx};
    return fo_lay_break(b->lay_runs, b->n_runs - b->has_page_ref, &po, &b->para);
}

/* A contents entry's page number: one more segment on its last line, flush right in the room
 * kept for it. */
static void place_page_ref(fo_pdf_blocks *pb, fo_pdf_block *b)
{
    size_t run = b->n_runs - 1;
    const fo_lay_run *r = &b->lay_runs[run];
    double width = 0;
    for (size_t i = 0; i < r->len;) {
        uint32_t cp;
        size_t n = fo_utf8_decode(r->text + i, r->len - i, &cp);
        width += pb->advance(pb->advance_ctx, r->font, r->size, cp);
        i += n ? n : 1;
    }
    if (!b->para.n_lines)
        return;
    b->para.segs = fo_xrealloc(b->para.segs, (b->para.n_segs + 1) * sizeof *b->para.segs);
    b->para.segs[b->para.n_segs++] = (fo_lay_seg){.run = run, .start = 0, .end = r->len,
                                                  .x = b->measure + b->reserve - width};
    b->para.lines[b->para.n_lines - 1].n_segs++; /* the last line's segments are the last ones */
}

static int break_block(fo_pdf_blocks *pb, fo_pdf_block *b)
{
    if (b->kind == FO_PDF_RULE || b->kind == FO_PDF_SPACE)
        return 0;
    const fo_text_style *ts = &pb->style->text[b->style];
    b->lay_runs = fo_xmalloc((b->n_runs ? b->n_runs : 1) * sizeof *b->lay_runs);
    for (size_t r = 0; r < b->n_runs; r++) {
        b->lay_runs[r] = (fo_lay_run){.text = b->runs[r].text.data ? b->runs[r].text.data : "",
                                      .len = b->runs[r].text.len, .font = b->runs[r].slot, .size = ts->size};
    }
    double full = measure_width(pb, b);
    b->measure = full;
    b->offset = 0;
    if (full <= 0 || break_to(pb, b, full) != 0) {
        fo_error(pb->d, 0, 0, "the page is too narrow for a %s block", fo_text_kind_name(b->style));
        return -1;
    }
    if (b->has_page_ref) {
        place_page_ref(pb, b);
        return 0;
    }
    /* A centred block of several lines (a long title, a caption) is balanced: broken to the
     * narrowest measure that needs no more lines, so it does not end in a stub of three characters. */
    size_t lines = b->para.n_lines;
    if (ts->align != FO_STYLE_CENTER || lines < 2)
        return 0;
    double lo = full / (double)lines, hi = full;
    for (int step = 0; step < BALANCE_STEPS; step++) {
        double mid = (lo + hi) / 2;
        if (mid > ts->indent * ts->size && break_to(pb, b, mid) == 0 && b->para.n_lines <= lines)
            hi = mid;
        else
            lo = mid;
    }
    b->measure = hi;
    b->offset = (full - hi) / 2;
    return break_to(pb, b, hi);
}

double fo_pdf_blocks_pitch(const fo_pdf_blocks *pb, const fo_pdf_block *b)
{
    const fo_text_style *ts = &pb->style->text[b->style];
    return ts->size * ts->line_height;
}

static size_t push_box(fo_pdf_blocks *pb, fo_lay_box box, fo_pdf_box_ref ref)
{
    if (pb->n_boxes == pb->cap_boxes) {
        pb->cap_boxes = pb->cap_boxes ? 2 * pb->cap_boxes : 256;
        pb->boxes = fo_xrealloc(pb->boxes, pb->cap_boxes * sizeof *pb->boxes);
        pb->refs = fo_xrealloc(pb->refs, pb->cap_boxes * sizeof *pb->refs);
    }
    pb->boxes[pb->n_boxes] = box;
    pb->refs[pb->n_boxes] = ref;
    return pb->n_boxes++;
}

/* Keep a heading's last line with the next two lines of text that follow it. */
static void keep_heading_with_text(fo_pdf_blocks *pb, size_t heading_last)
{
    size_t lines = 0;
    for (size_t i = heading_last + 1; i < pb->n_boxes; i++) {
        if (pb->refs[i].line != SIZE_MAX && ++lines == 2) {
            pb->boxes[heading_last].keep_with_next = (int)(i - heading_last);
            return;
        }
    }
    pb->boxes[heading_last].keep_with_next = (int)(pb->n_boxes - 1 - heading_last);
}

size_t fo_pdf_blocks_make_boxes(fo_pdf_blocks *pb, size_t first_block, size_t end_block)
{
    size_t first_box = pb->n_boxes, pending_heading = SIZE_MAX, pending_keep = SIZE_MAX;
    for (size_t i = first_block; i < end_block; i++) {
        const fo_pdf_block *b = &pb->blocks[i];
        const fo_text_style *ts = &pb->style->text[b->style];
        if (b->kind == FO_PDF_RULE || b->kind == FO_PDF_SPACE) {
            bool rule = b->kind == FO_PDF_RULE;
            push_box(pb, (fo_lay_box){.height = rule ? FO_PDF_RULE_SPACE : b->height, .discardable = rule},
                     (fo_pdf_box_ref){i, SIZE_MAX});
            continue;
        }
        bool title_block = b->style == FO_TEXT_TITLE || b->style == FO_TEXT_SUBTITLE;
        if (ts->space_before > 0)
            push_box(pb, (fo_lay_box){.height = ts->space_before, .discardable = true}, (fo_pdf_box_ref){i, SIZE_MAX});
        int para_id = b->kind == FO_PDF_TEXT && b->para.n_lines > 1 ? (int)i + 1 : 0;
        size_t last = SIZE_MAX;
        for (size_t l = 0; l < b->para.n_lines; l++) {
            fo_lay_box box = {.height = fo_pdf_blocks_pitch(pb, b), .para_id = para_id};
            /* a heading's lines, the title block and a contents entry stay together */
            if ((b->kind == FO_PDF_HEADING || b->kind == FO_PDF_TOC || title_block) && l + 1 < b->para.n_lines)
                box.keep_with_next = 1;
            last = push_box(pb, box, (fo_pdf_box_ref){i, l});
            if (l == 0 && pending_keep != SIZE_MAX) {
                pb->boxes[pending_keep].keep_with_next = (int)(last - pending_keep);
                pending_keep = SIZE_MAX;
            }
        }
        if (b->keep_with_next && last != SIZE_MAX)
            pending_keep = last;
        if (pending_heading != SIZE_MAX && b->kind != FO_PDF_HEADING) {
            keep_heading_with_text(pb, pending_heading);
            pending_heading = SIZE_MAX;
        }
        if (b->kind == FO_PDF_HEADING && last != SIZE_MAX)
            pending_heading = last;
        if (title_block && last != SIZE_MAX)
            pb->boxes[last].keep_with_next = 1;
        if (ts->space_after > 0)
            push_box(pb, (fo_lay_box){.height = ts->space_after, .discardable = true}, (fo_pdf_box_ref){i, SIZE_MAX});
    }
    if (pending_heading != SIZE_MAX)
        keep_heading_with_text(pb, pending_heading);
    return first_box;
}


/* ---- the passes ---- */

int fo_pdf_blocks_init(fo_pdf_blocks *pb, const fo_doc *doc, const fo_style *style, fo_fonts *fonts, fo_diag *d)
{
    *pb = (fo_pdf_blocks){.doc = doc, .style = style, .fonts = fonts, .d = d};
    pb->seen = calloc(0x110000 / 8, 1);
    pb->warned = calloc(0x110000 / 8, 1);
    if (!pb->seen || !pb->warned) {
        fo_error(d, 0, 0, "out of memory");
        return -1;
    }
    return 0;
}

void fo_pdf_blocks_free(fo_pdf_blocks *pb)
{
    free_blocks(pb);
    fo_pdf_block_free(&pb->header);
    for (size_t i = 0; i < pb->n_headers; i++)
        fo_pdf_block_free(&pb->headers[i]);
    free(pb->headers);
    free(pb->marks);
    free(pb->boxes);
    free(pb->refs);
    free(pb->pages);
    free(pb->seen);
    free(pb->warned);
    memset(pb, 0, sizeof *pb);
}

void fo_pdf_blocks_chars(fo_pdf_blocks *pb, uint32_t **cps, size_t *n)
{
    pb->collecting = true;
    build_document(pb);
    pb->collecting = false;
    size_t count = 0;
    for (uint32_t cp = 0; cp < 0x10000; cp++)
        count += bit_test(pb->seen, cp);
    *cps = fo_xmalloc((count ? count : 1) * sizeof **cps);
    *n = 0;
    for (uint32_t cp = 0; cp < 0x10000; cp++)
        if (bit_test(pb->seen, cp) && !fo_is_space(cp))
            (*cps)[(*n)++] = cp;
}

void fo_pdf_blocks_build(fo_pdf_blocks *pb) { build_document(pb); }

int fo_pdf_blocks_break(fo_pdf_blocks *pb, size_t first, size_t end)
{
    for (size_t i = first; i < end; i++)
        if (break_block(pb, &pb->blocks[i]) != 0)
            return -1;
    return 0;
}

static void push_page(fo_pdf_blocks *pb, fo_pdf_page page)
{
    if (pb->n_pages == pb->cap_pages) {
        pb->cap_pages = pb->cap_pages ? 2 * pb->cap_pages : 16;
        pb->pages = fo_xrealloc(pb->pages, pb->cap_pages * sizeof *pb->pages);
    }
    pb->pages[pb->n_pages++] = page;
}

void fo_pdf_blocks_add_blank_page(fo_pdf_blocks *pb) { push_page(pb, (fo_pdf_page){0}); }

size_t fo_pdf_blocks_add_pages(fo_pdf_blocks *pb, size_t first, size_t end, const fo_pdf_block *header,
                               int number)
{
    const fo_style *st = pb->style;
    double area = st->page_height - st->margin_top - st->margin_bottom;
    size_t n = end - first, *start = fo_xmalloc((n ? n : 1) * sizeof *start);
    size_t pages = n ? fo_lay_paginate(pb->boxes + first, n, area, start) : 0;
    if (pages == 0)
        start[pages++] = 0;
    for (size_t k = 0; k < pages; k++) {
        fo_pdf_page page = {.first = first + start[k], .end = k + 1 < pages ? first + start[k + 1] : end,
                            .header = k > 0 && header && header->n_runs ? header : NULL,
                            .number = number ? number + (int)k : 0};
        /* space (and rules) left over after a page's last line stays undrawn */
        while (page.end > page.first && pb->boxes[page.end - 1].discardable)
            page.end--;
        push_page(pb, page);
    }
    free(start);
    return pages;
}

int fo_pdf_blocks_paginate(fo_pdf_blocks *pb, fo_lay_advance_fn advance, void *ctx)
{
    pb->advance = advance;
    pb->advance_ctx = ctx;
    fo_lay_init();
    if (fo_doc_is_collection(pb->doc))
        return fo_pdf_packet_paginate(pb);
    if (fo_pdf_blocks_break(pb, 0, pb->n_blocks) != 0)
        return -1;
    fo_pdf_blocks_make_boxes(pb, 0, pb->n_blocks);
    fo_pdf_blocks_add_pages(pb, 0, pb->n_boxes, &pb->header, 1);
    return 0;
}

void fo_pdf_blocks_page(const fo_pdf_blocks *pb, size_t page, size_t *first, size_t *end)
{
    *first = pb->pages[page].first;
    *end = pb->pages[page].end;
}

void fo_pdf_blocks_set_page_ref(fo_pdf_blocks *pb, fo_pdf_block *b, int page)
{
    char digits[16];
    snprintf(digits, sizeof digits, "%d", page);
    int slot = text_slot(pb, b->style);
    if (b->n_runs == b->cap_runs) {
        b->cap_runs = b->cap_runs ? 2 * b->cap_runs : 1; /* most blocks are one run */
        b->runs = fo_xrealloc(b->runs, b->cap_runs * sizeof *b->runs);
    }
    b->runs[b->n_runs++] = (fo_pdf_run){.slot = slot}; /* a run of its own, even in the text's font */
    append_str(pb, b, slot, digits, (fo_pos){0, 0});
    b->has_page_ref = true;
}

/* ---- -t layout ---- */

static void dump_runs(const fo_pdf_block *b, fo_buf *out)
{
    for (size_t r = 0; r < b->n_runs; r++)
        fo_buf_append(out, b->runs[r].text.data, b->runs[r].text.len);
}

static const char *block_name(const fo_pdf_block *b)
{
    return b->kind == FO_PDF_RULE ? "rule" : b->kind == FO_PDF_SPACE ? "space" : fo_text_kind_name(b->style);
}

static void dump_line(const fo_pdf_block *b, size_t line, fo_buf *out)
{
    const fo_lay_line *l = &b->para.lines[line];
    for (size_t s = l->first_seg; s < l->first_seg + l->n_segs; s++) {
        const fo_lay_seg *seg = &b->para.segs[s];
        fo_buf_printf(out, " [%.2f %+.3f]", seg->x, seg->char_space);
        /* a forced line break ends its segment: shown as the escape it is */
        const char *text = b->lay_runs[seg->run].text;
        for (size_t i = seg->start; i < seg->end; i++) {
            if (text[i] == '\n')
                fo_buf_puts(out, "\\n");
            else
                fo_buf_putc(out, text[i]);
        }
    }
    fo_buf_putc(out, '\n');
}

static void dump_page(fo_pdf_blocks *pb, size_t page, fo_buf *out)
{
    const fo_style *st = pb->style;
    const fo_pdf_page *pg = &pb->pages[page];
    fo_buf_printf(out, "page %zu%s\n", page + 1, pg->first == pg->end ? " (blank)" : "");
    if (pg->header && st->header_enabled) {
        fo_buf_puts(out, "  header    ");
        dump_runs(pg->header, out);
        fo_buf_putc(out, '\n');
    }
    size_t first, end;
    fo_pdf_blocks_page(pb, page, &first, &end);
    double top = st->margin_top;
    for (size_t i = first; i < end; i++) {
        const fo_pdf_box_ref *ref = &pb->refs[i];
        const fo_pdf_block *b = &pb->blocks[ref->block];
        double h = pb->boxes[i].height;
        if (ref->line == SIZE_MAX) {
            fo_buf_printf(out, "  %-9s y %6.2f h %5.2f\n", b->kind == FO_PDF_RULE ? "rule" : "space", top, h);
        } else {
            double x = st->margin_left + b->inset + b->left + b->offset;
            fo_buf_printf(out, "  %-9s y %6.2f h %5.2f x %6.2f w %6.2f %zu/%zu%s:", block_name(b), top, h, x,
                          b->measure, ref->line + 1, b->para.n_lines, pb->boxes[i].keep_with_next ? " keep" : "");
            dump_line(b, ref->line, out);
        }
        top += h;
    }
    if (!pg->number)
        return;
    fo_pdf_block number = {0};
    fo_pdf_blocks_page_number(pb, pg->number, &number);
    fo_buf_puts(out, "  footer    ");
    dump_runs(&number, out);
    fo_buf_putc(out, '\n');
    fo_pdf_block_free(&number);
}

void fo_pdf_blocks_dump(fo_pdf_blocks *pb, fo_buf *out)
{
    const fo_style *st = pb->style;
    fo_buf_printf(out, "pages %zu, %.2f x %.2f pt, margins %.2f %.2f %.2f %.2f (top right bottom left)",
                  pb->n_pages, st->page_width, st->page_height, st->margin_top, st->margin_right,
                  st->margin_bottom, st->margin_left);
    if (pb->front_pages)
        fo_buf_printf(out, ", %zu before page 1", pb->front_pages);
    fo_buf_putc(out, '\n');
    for (size_t p = 0; p < pb->n_pages; p++)
        dump_page(pb, p, out);
}
