/* pdf_blocks.c — the document model as blocks of text, lines and pages (see pdf_blocks.h). */
#include "pdf_blocks.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "words.h"

/* Left and right inset of block quotes, in em of the body size. */
#define QUOTE_INSET_EM 2.0
/* Balancing the lines of a centred block finds its measure to within this, pt (a tenth of a
 * small character: no line breaks differently for less). */
#define BALANCE_PRECISION 1.0
/* The gap between a figure's picture and its caption, in em of the caption's size. */
#define FIGURE_GAP_EM 0.5
/* What a caption whose photograph the PDF does not show starts with (default.css's too). */
#define CAPTION_ONLY_MARK "〔图〕"
/* A picture may shrink to leave room for its caption on the page down to this share of the type
 * area's height; a caption longer than that goes on without it. */
#define FIGURE_MIN_SHARE 0.5

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
    b->style = pb->in_cell && kind == FO_PDF_TEXT ? pb->cell_style : style;
    b->color = pb->style->text[b->style].color;
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
    free(b->words.at);
    fo_lay_para_free(&b->para);
    fo_pdf_table_free(b->table);
    free(b->table);
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
    if (pb->in_cell) { /* a table cell's text is all in its style; a run-in head in its bold */
        const fo_text_style *cs = &pb->style->text[pb->cell_style];
        if (kind == FO_TEXT_RUNIN)
            return FO_BOLD_SLOT(cs->font);
        kind = pb->cell_style;
    }
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
    if (b->kind != FO_PDF_RULE && b->kind != FO_PDF_TABLE && !b->image && block_is_empty(b)) {
        for (size_t r = 0; r < b->n_runs; r++)
            fo_buf_free(&b->runs[r].text);
        free(b->runs);
        pb->n_blocks--;
    }
}

/* A person as the EPUB's byline names them: "记者 龚利芳", after the affiliation unless the source
 * already names it. */
static void append_author(fo_buf *line, const fo_author *a, const char *source)
{
    bool affiliation = a->affiliation && !(source && strstr(a->affiliation, source));
    if (affiliation)
        fo_buf_puts(line, a->affiliation);
    if (a->role)
        fo_buf_puts(line, a->role);
    if (affiliation || a->role)
        fo_buf_puts(line, "\u00a0"); /* a no-break space: a role stays on the line of its name */
    fo_buf_puts(line, a->name);
}

/* Under the title, as the EPUB prints them: `原标题：…` on a line of its own when it differs from
 * the title, then `date · source · author`, the date written 2025年1月16日 16:16 and each person
 * named once. */
static void build_byline(fo_pdf_blocks *pb)
{
    const fo_meta *m = &pb->article->meta;
    int slot = text_slot(pb, FO_TEXT_BYLINE);
    fo_pdf_block *b = new_block(pb, FO_PDF_TEXT, FO_TEXT_BYLINE);
    fo_pos none = {0, 0};
    fo_buf line = {0};
    char *date = fo_meta_date_text(m, true);
    if (date)
        fo_buf_puts(&line, date);
    free(date);
    if (m->source)
        fo_buf_printf(&line, "%s%s", line.len ? " · " : "", m->source);
    bool first = true;
    for (const fo_author *a = m->authors; a; a = a->next) {
        if (!fo_author_in_byline(m, a))
            continue; /* editors and checkers are not part of a byline; a person is named once */
        fo_buf_puts(&line, first ? (line.len ? " · " : "") : "　");
        first = false;
        append_author(&line, a, m->source);
    }
    if (m->original_title && m->title && strcmp(m->original_title, m->title) != 0) {
        append_str(pb, b, slot, "原标题：", none);
        append_str(pb, b, slot, m->original_title, none);
        if (line.len)
            append_str(pb, b, slot, "\n", none);
    }
    if (line.len)
        append_text(pb, b, slot, line.data, line.len, none);
    fo_buf_free(&line);
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
    if (!pb->style->grid_lines || !fo_doc_is_official(pb->article)) /* GB/T 9704 prints no byline */
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
    /* the marker as the article prints it (一、 （一） 1. 亮点一：), so that levels stay apart */
    const char *marker = sec->u.section.marker, *label = sec->u.section.label;
    if (marker && *marker) {
        append_str(pb, b, slot, marker, sec->pos);
    } else if (label && *label) {
        append_str(pb, b, slot, label, sec->pos);
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
        append_inlines(pb, b, p->u.para.head, fo_pdf_gongwen_runin_slot(pb, p));
    append_inlines(pb, b, p, slot);
    drop_if_empty(pb);
}

/* A figure: its picture (when the reader loaded one) above its caption, one block; a picture in a
 * table cell is left out, its caption kept. */
static void build_figure(fo_pdf_blocks *pb, const fo_node *fig, double inset)
{
    bool placed = fig->u.figure.picture && !pb->in_cell;
    if (fig->u.figure.picture && !placed && !pb->collecting)
        fo_warn(pb->d, fig->pos.line, fig->pos.col, "the image %s in a table cell is not placed in the PDF, only "
                "its caption", fig->u.figure.image);
    fo_pdf_block *b = new_block(pb, placed ? FO_PDF_IMAGE : FO_PDF_TEXT, FO_TEXT_CAPTION);
    b->inset = inset;
    if (placed) {
        b->image = fig->u.figure.picture;
        b->image_ref = fig->u.figure.image;
    }
    int slot = text_slot(pb, FO_TEXT_CAPTION);
    /* without its photograph a caption is marked as the EPUB marks one; its characters are always
     * collected, for a picture the PDF then cannot embed (fo_pdf_blocks_caption_only) */
    if (!placed || pb->collecting)
        append_str(pb, b, slot, CAPTION_ONLY_MARK, fig->pos);
    if (fig->u.figure.caption)
        append_inlines(pb, b, fig->u.figure.caption, slot);
    if (fig->u.figure.credit) {
        if (fig->u.figure.caption) /* a narrow gap: the caption usually ends in a full-width 。 */
            append_str(pb, b, slot, " ", fig->pos);
        append_str(pb, b, slot, fig->u.figure.credit, fig->pos);
    }
    drop_if_empty(pb);
}

void fo_pdf_blocks_caption_only(fo_pdf_blocks *pb, fo_pdf_block *b)
{
    b->image = NULL;
    fo_buf marked = {0};
    fo_buf_puts(&marked, CAPTION_ONLY_MARK);
    if (b->n_runs) { /* the mark goes in front of the caption's first run, in its font */
        fo_buf_append(&marked, b->runs[0].text.data, b->runs[0].text.len);
        fo_buf_free(&b->runs[0].text);
        b->runs[0].text = marked;
        return;
    }
    b->runs = fo_xrealloc(b->runs, sizeof *b->runs);
    b->cap_runs = b->n_runs = 1;
    b->runs[0] = (fo_pdf_run){marked, text_slot(pb, FO_TEXT_CAPTION)};
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
        if (!fo_pdf_gongwen_heading(pb, n))
            build_heading(pb, n);
        build_blocks(pb, n, inset);
        break;
    case FO_PART:
        fo_pdf_gongwen_part(pb, n, inset);
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
    case FO_TABLE:
        fo_pdf_table_build(pb, n, inset);
        break;
    case FO_ITEM:
    case FO_ROW:
    case FO_CELL:
        build_blocks(pb, n, inset);
        break;
    case FO_RULE:
        if (!pb->collecting && !pb->in_cell)
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

/* Back over spaces, pause marks and opening marks before a cut: "…，…" and "…“…" read badly. */
static size_t trim_pause(const char *s, size_t cut)
{
    while (cut > 0) {
        size_t start = cut - 1;
        while (start > 0 && (s[start] & 0xC0) == 0x80)
            start--;
        uint32_t cp;
        bool pause = fo_utf8_decode(s + start, cut - start, &cp) &&
                     (fo_is_space(cp) || cp == ',' || cp == ';' || cp == ':' || cp == 0xFF0C /*，*/ ||
                      cp == 0x3001 /*、*/ || cp == 0xFF1A /*：*/ || cp == 0xFF1B /*；*/ || cp == 0x201C /*“*/ ||
                      cp == 0x2018 /*‘*/ || cp == 0x300A /*《*/ || cp == 0xFF08 /*（*/ || cp == '(');
        if (!pause)
            break;
        cut = start;
    }
    return cut;
}

/* Where a title too long for the running header is cut: after the last whole word (ICU) that
 * leaves room for the closing "…" within `max` characters, so a number or a word is never cut
 * (`…规模突破50…`); inside a word only when the first word alone is too long. */
static size_t header_cut(const char *title, size_t len, size_t max)
{
    size_t room = 0, k = 0;
    for (; k + 1 < max && room < len; k++) { /* the bytes of the first max - 1 characters */
        uint32_t cp;
        size_t n = fo_utf8_decode(title + room, len - room, &cp);
        room += n ? n : 1;
    }
    bool *at = fo_xmalloc((len + 1) * sizeof *at);
    fo_words_boundaries(title, len, at);
    size_t cut = room;
    while (cut > 0 && !at[cut])
        cut--;
    free(at);
    return cut ? trim_pause(title, cut) : room;
}

/* The running header's short title: the title, cut at a word to header_max_chars with a closing
 * "…". */
void fo_pdf_blocks_short_title(fo_pdf_blocks *pb, const char *title, fo_pdf_block *out)
{
    fo_pdf_block_free(out);
    if (!pb->style->header_enabled)
        return;
    int slot = text_slot(pb, FO_TEXT_HEADER);
    size_t len = strlen(title), count = fo_utf8_count(title, len), max = (size_t)pb->style->header_max_chars;
    size_t cut = count > max ? header_cut(title, len, max) : len;
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

/* The copyright statement at the end, under a short rule, as the EPUB prints it. */
static void build_rights(fo_pdf_blocks *pb)
{
    const char *rights = pb->article->meta.rights;
    if (!rights || !*rights)
        return;
    if (!pb->collecting)
        new_block(pb, FO_PDF_RULE, FO_TEXT_RIGHTS);
    append_str(pb, new_block(pb, FO_PDF_TEXT, FO_TEXT_RIGHTS), text_slot(pb, FO_TEXT_RIGHTS), rights, (fo_pos){0, 0});
    drop_if_empty(pb);
}

void fo_pdf_blocks_add_text(fo_pdf_blocks *pb, fo_pdf_block *b, fo_text_kind style, const char *s)
{
    append_str(pb, b, text_slot(pb, style), s, (fo_pos){0, 0});
}

void fo_pdf_blocks_drop_empty(fo_pdf_blocks *pb) { drop_if_empty(pb); }

int fo_pdf_blocks_slot(const fo_pdf_blocks *pb, fo_text_kind style) { return text_slot(pb, style); }

void fo_pdf_blocks_add_inlines(fo_pdf_blocks *pb, fo_pdf_block *b, const fo_node *n, int slot)
{
    if (n)
        append_inlines(pb, b, n, slot);
}

void fo_pdf_blocks_add_str(fo_pdf_blocks *pb, fo_pdf_block *b, int slot, const char *s, fo_pos pos)
{
    append_str(pb, b, slot, s, pos);
}

void fo_pdf_blocks_add_blocks(fo_pdf_blocks *pb, const fo_node *parent, double inset)
{
    build_blocks(pb, parent, inset);
}

void fo_pdf_blocks_add_article(fo_pdf_blocks *pb, const fo_doc *article, int level)
{
    const char *file = pb->d->file; /* a collection's messages name the article's own input */
    if (article->input_name)
        pb->d->file = article->input_name;
    pb->article = article;
    pb->bookmark_base = level;
    bool official = fo_doc_is_official(article);
    if (official)
        fo_pdf_gongwen_head(pb);
    build_title_block(pb);
    build_blocks(pb, article->root, 0);
    build_rights(pb);
    if (official)
        fo_pdf_gongwen_imprint(pb);
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

/* Whether a kind of text sits on a grid style's lines: all of an article's text but the organ's
 * mark, the margins and a packet's cover and contents. */
static bool on_grid(const fo_pdf_blocks *pb, fo_text_kind k)
{
    return pb->style->grid_lines > 0 && k != FO_TEXT_ORGAN && k != FO_TEXT_HEADER && k != FO_TEXT_FOOTER &&
           (k < FO_TEXT_COVER_TITLE || k > FO_TEXT_CONTENTS_SECTION);
}

double fo_pdf_blocks_tracking(const fo_pdf_blocks *pb, fo_text_kind style)
{
    const fo_style *st = pb->style;
    if (!st->grid_chars || !on_grid(pb, style) || st->text[style].size != st->text[FO_TEXT_BODY].size)
        return 0;
    return fo_style_grid_advance(st) - st->text[style].size;
}

double fo_pdf_blocks_em(const fo_pdf_blocks *pb, fo_text_kind style)
{
    return pb->style->text[style].size + fo_pdf_blocks_tracking(pb, style);
}

/* A space between blocks: on a grid, whole lines. */
static double space(const fo_pdf_blocks *pb, const fo_pdf_block *b, double pt)
{
    double pitch = fo_style_grid_pitch(pb->style);
    return on_grid(pb, b->style) && pitch > 0 ? round(pt / pitch) * pitch : pt;
}

/* The width of run `r` with the tracking of text kind `kind`, pt. */
static double run_width(const fo_pdf_blocks *pb, fo_text_kind kind, const fo_lay_run *r)
{
    double width = 0, tracking = fo_pdf_blocks_tracking(pb, kind);
    for (size_t i = 0; i < r->len;) {
        uint32_t cp;
        size_t n = fo_utf8_decode(r->text + i, r->len - i, &cp);
        width += pb->advance(pb->advance_ctx, r->font, r->size, cp) + tracking;
        i += n ? n : 1;
    }
    return width;
}

double fo_pdf_blocks_runs_width(const fo_pdf_blocks *pb, const fo_pdf_block *b, fo_text_kind kind)
{
    double width = 0;
    for (size_t r = 0; r < b->n_runs; r++) {
        fo_lay_run run = {.text = b->runs[r].text.data ? b->runs[r].text.data : "", .len = b->runs[r].text.len,
                          .font = b->runs[r].slot, .size = pb->style->text[kind].size};
        width += run_width(pb, kind, &run);
    }
    return width;
}

static double measure_width(const fo_pdf_blocks *pb, const fo_pdf_block *b)
{
    const fo_style *st = pb->style;
    if (b->cell_width > 0)
        return b->cell_width;
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

/* Titles, headings and centred blocks (captions, the byline): broken only between words, and
 * balanced (a balanced caption split `…进校 / 园”…` in the official style's narrow lines). */
static bool is_display_block(const fo_pdf_blocks *pb, const fo_pdf_block *b)
{
    return b->kind == FO_PDF_HEADING || pb->style->text[b->style].align == FO_STYLE_CENTER ||
           b->style == FO_TEXT_TITLE || b->style == FO_TEXT_SUBTITLE || b->style == FO_TEXT_COVER_TITLE || b->style == FO_TEXT_COVER_SUBTITLE || b->style == FO_TEXT_CONTENTS_ENTRY;
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
    fo_lay_para_opts po = {.width = width, .indent = contents || b->hang_runs ? 0 : ts->indent * fo_pdf_blocks_em(pb, b->style),
                           .align = lay_align(ts->align), .advance = pb->advance, .ctx = pb->advance_ctx,
                           .tracking = fo_pdf_blocks_tracking(pb, b->style),
                           .keep_words = is_display_block(pb, b), .words = &b->words};
    size_t skip = b->hang_runs < b->n_runs ? b->hang_runs : 0; /* the hanging prefix is placed apart */
    int rc = fo_lay_break(b->lay_runs + skip, b->n_runs - b->has_page_ref - skip, &po, &b->para);
    for (size_t i = 0; skip && i < b->para.n_segs; i++)
        b->para.segs[i].run += skip;
    return rc;
}

/* The width of a block's hanging prefix (its first hang_runs runs), pt. */
static double hang_width(const fo_pdf_blocks *pb, const fo_pdf_block *b)
{
    double width = 0;
    for (size_t r = 0; r < b->hang_runs && r < b->n_runs; r++)
        width += run_width(pb, b->style, &b->lay_runs[r]);
    return width;
}

/* The hanging prefix as the first segments of the first line, before the measure's left edge. */
static void hang_prefix(fo_pdf_blocks *pb, fo_pdf_block *b, double width)
{
    size_t n = b->hang_runs;
    if (!n || n >= b->n_runs || !b->para.n_lines)
        return;
    b->para.segs = fo_xrealloc(b->para.segs, (b->para.n_segs + n) * sizeof *b->para.segs);
    memmove(b->para.segs + n, b->para.segs, b->para.n_segs * sizeof *b->para.segs);
    double x = -width, tracking = fo_pdf_blocks_tracking(pb, b->style);
    for (size_t r = 0; r < n; r++) {
        b->para.segs[r] = (fo_lay_seg){.run = r, .start = 0, .end = b->lay_runs[r].len, .x = x, .char_space = tracking};
        x += run_width(pb, b->style, &b->lay_runs[r]);
    }
    b->para.n_segs += n;
    b->para.lines[0].n_segs += n;
    for (size_t l = 1; l < b->para.n_lines; l++)
        b->para.lines[l].first_seg += n;
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

static size_t forced_lines(const fo_lay_para *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_lines; i++)
        n += p->lines[i].forced;
    return n;
}

/* Break a block of text (also a table cell's, or a figure's caption) to its measure. */
static int break_text_block(fo_pdf_blocks *pb, fo_pdf_block *b)
{
    const fo_text_style *ts = &pb->style->text[b->style];
    b->lay_runs = fo_xmalloc((b->n_runs ? b->n_runs : 1) * sizeof *b->lay_runs);
    for (size_t r = 0; r < b->n_runs; r++) {
        b->lay_runs[r] = (fo_lay_run){.text = b->runs[r].text.data ? b->runs[r].text.data : "",
                                      .len = b->runs[r].text.len, .font = b->runs[r].slot, .size = ts->size};
    }
    double hang = b->hang_runs ? hang_width(pb, b) : 0, em = fo_pdf_blocks_em(pb, b->style);
    if (b->hang_runs) /* every line starts after the prefix, which hangs at the indent */
        b->left = (ts->indent + b->pad_em) * em + hang;
    double full = measure_width(pb, b);
    b->measure = full;
    b->offset = 0;
    if (full <= 0 || break_to(pb, b, full) != 0) {
        fo_error(pb->d, 0, 0, "the page is too narrow for a %s block", fo_text_kind_name(b->style));
        return -1;
    }
    hang_prefix(pb, b, hang);
    if (b->has_page_ref) {
        place_page_ref(pb, b);
        return 0;
    }
    /* A centred block of several lines (a long title, a caption) and a heading of several lines are
     * balanced: broken to the narrowest measure that needs no more lines (nor cuts a word the full
     * measure did not), so they do not end in a stub of three characters. */
    size_t lines = b->para.n_lines, forced = forced_lines(&b->para);
    bool centred = ts->align == FO_STYLE_CENTER;
    if ((!centred && b->kind != FO_PDF_HEADING) || lines < 2)
        return 0;
    double lo = full / (double)lines, hi = full;
    while (hi - lo > BALANCE_PRECISION) {
        double mid = (lo + hi) / 2;
        if (mid > ts->indent * ts->size && break_to(pb, b, mid) == 0 && b->para.n_lines <= lines &&
            forced_lines(&b->para) <= forced)
            hi = mid;
        else
            lo = mid;
    }
    b->measure = hi;
    b->offset = centred ? (full - hi) / 2 : 0;
    return break_to(pb, b, hi);
}

/* The room a figure's caption takes under its picture, pt. */
static double caption_height(const fo_pdf_blocks *pb, const fo_pdf_block *b)
{
    if (!b->para.n_lines)
        return 0;
    return FIGURE_GAP_EM * pb->style->text[b->style].size + (double)b->para.n_lines * fo_pdf_blocks_pitch(pb, b);
}

/* A figure's picture: the measure wide or its pixels at 150 dpi, whichever is less, and no taller
 * than the type area leaves beside its caption (fo_lay_image_size). */
static void size_image(fo_pdf_blocks *pb, fo_pdf_block *b)
{
    const fo_style *st = pb->style;
    double area = st->page_height - st->margin_top - st->margin_bottom;
    double room = area - caption_height(pb, b);
    if (room < FIGURE_MIN_SHARE * area)
        room = area;
    fo_lay_image_size(b->image->width, b->image->height, measure_width(pb, b), room, &b->image_w, &b->image_h);
}

static int break_block(fo_pdf_blocks *pb, fo_pdf_block *b)
{
    if (b->kind == FO_PDF_RULE || b->kind == FO_PDF_SPACE || b->kind == FO_PDF_SEPARATOR)
        return 0;
    if (b->kind == FO_PDF_TABLE)
        return fo_pdf_table_layout(pb, b);
    if (b->image) {
        if (b->n_runs && break_text_block(pb, b) != 0)
            return -1;
        size_image(pb, b);
        return 0;
    }
    return break_text_block(pb, b);
}

int fo_pdf_block_break(fo_pdf_blocks *pb, fo_pdf_block *b) { return break_text_block(pb, b); }

double fo_pdf_blocks_pitch(const fo_pdf_blocks *pb, const fo_pdf_block *b)
{
    const fo_text_style *ts = &pb->style->text[b->style];
    return on_grid(pb, b->style) ? fo_style_grid_pitch(pb->style) : ts->size * ts->line_height;
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

size_t fo_pdf_block_box_count(const fo_pdf_block *b)
{
    if (b->kind == FO_PDF_TABLE)
        return b->table ? b->table->title.para.n_lines + b->table->n_bands : 0;
    return b->para.n_lines + (b->image ? 1 : 0);
}

size_t fo_pdf_image_line(const fo_pdf_block *b, size_t i)
{
    if (!b->image)
        return i;
    return i == 0 ? SIZE_MAX : i - 1;
}

/* Box `l` of a block: a line of text, a figure's picture (kept with its caption's first line; the
 * gap to the caption is part of it), or a table's title line or band. */
static fo_lay_box content_box(const fo_pdf_blocks *pb, const fo_pdf_block *b, size_t l, int para_id)
{
    if (b->kind == FO_PDF_TABLE)
        return fo_pdf_table_box(pb, b, l);
    if (fo_pdf_image_line(b, l) == SIZE_MAX) {
        bool caption = b->para.n_lines > 0;
        double gap = caption ? FIGURE_GAP_EM * pb->style->text[b->style].size : 0;
        return (fo_lay_box){.height = b->image_h + gap, .keep_with_next = caption};
    }
    bool title_block = b->style == FO_TEXT_TITLE || b->style == FO_TEXT_SUBTITLE;
    fo_lay_box box = {.height = b->overlay ? 0 : fo_pdf_blocks_pitch(pb, b), .para_id = para_id};
    /* a heading's lines, the title block and a contents entry stay together */
    if ((b->kind == FO_PDF_HEADING || b->kind == FO_PDF_TOC || title_block || b->overlay) &&
        (l + 1 < b->para.n_lines || b->overlay))
        box.keep_with_next = 1;
    return box;
}

/* Keep a heading's last line, and the headings that follow it directly (一、 then （一）), with the
 * next two lines of text after them. */
static void keep_heading_with_text(fo_pdf_blocks *pb, size_t heading_last)
{
    size_t lines = 0;
    for (size_t i = heading_last + 1; i < pb->n_boxes; i++) {
        const fo_pdf_box_ref *ref = &pb->refs[i];
        bool text = ref->line != SIZE_MAX && pb->blocks[ref->block].kind != FO_PDF_HEADING;
        if (text && ++lines == 2) {
            pb->boxes[heading_last].keep_with_next = (int)(i - heading_last);
            return;
        }
    }
    pb->boxes[heading_last].keep_with_next = (int)(pb->n_boxes - 1 - heading_last);
}

size_t fo_pdf_blocks_push_box(fo_pdf_blocks *pb, fo_lay_box box, size_t block, size_t line)
{
    return push_box(pb, box, (fo_pdf_box_ref){block, line});
}

size_t fo_pdf_blocks_make_boxes(fo_pdf_blocks *pb, size_t first_block, size_t end_block)
{
    size_t first_box = pb->n_boxes, pending_heading = SIZE_MAX, pending_keep = SIZE_MAX;
    for (size_t i = first_block; i < end_block; i++) {
        const fo_pdf_block *b = &pb->blocks[i];
        const fo_text_style *ts = &pb->style->text[b->style];
        if (b->kind == FO_PDF_RULE || b->kind == FO_PDF_SPACE || b->kind == FO_PDF_SEPARATOR) {
            bool rule = b->kind == FO_PDF_RULE, separator = b->kind == FO_PDF_SEPARATOR;
            push_box(pb, (fo_lay_box){.height = rule ? FO_PDF_RULE_SPACE : b->height, .discardable = rule,
                                      .keep_with_next = separator},
                     (fo_pdf_box_ref){i, SIZE_MAX});
            continue;
        }
        bool title_block = b->style == FO_TEXT_TITLE || b->style == FO_TEXT_SUBTITLE;
        if (ts->space_before > 0 && !b->overlay && !b->tight)
            push_box(pb, (fo_lay_box){.height = space(pb, b, ts->space_before), .discardable = true},
                     (fo_pdf_box_ref){i, SIZE_MAX});
        int para_id = b->kind == FO_PDF_TEXT && b->para.n_lines > 1 ? (int)i + 1 : 0;
        size_t last = SIZE_MAX, n = fo_pdf_block_box_count(b);
        for (size_t l = 0; l < n; l++) {
            last = push_box(pb, content_box(pb, b, l, para_id), (fo_pdf_box_ref){i, l});
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
        /* a chain of headings is kept from its first one: a later one does not replace the keep */
        if (b->kind == FO_PDF_HEADING && last != SIZE_MAX && pending_heading == SIZE_MAX)
            pending_heading = last;
        if (title_block && last != SIZE_MAX)
            pb->boxes[last].keep_with_next = 1;
        if (ts->space_after > 0 && !b->overlay)
            push_box(pb, (fo_lay_box){.height = space(pb, b, ts->space_after), .discardable = true},
                     (fo_pdf_box_ref){i, SIZE_MAX});
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
    for (uint32_t byte = 0; byte < 0x10000 / 8; byte++)
        count += (size_t)__builtin_popcount(pb->seen[byte]);
    *cps = fo_xmalloc((count ? count : 1) * sizeof **cps);
    *n = 0;
    for (uint32_t byte = 0; byte < 0x10000 / 8; byte++) {
        if (!pb->seen[byte])
            continue; /* most of the map is empty */
        for (uint32_t cp = byte * 8; cp < byte * 8 + 8; cp++)
            if (bit_test(pb->seen, cp) && !fo_is_space(cp))
                (*cps)[(*n)++] = cp;
    }
}

void fo_pdf_blocks_build(fo_pdf_blocks *pb) { build_document(pb); }

int fo_pdf_blocks_break(fo_pdf_blocks *pb, size_t first, size_t end)
{
    for (size_t i = first; i < end; i++)
        if (break_block(pb, &pb->blocks[i]) != 0)
            return -1;
    fo_pdf_gongwen_place(pb, first, end);
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
    if (fo_doc_is_official(pb->doc))
        return fo_pdf_gongwen_paginate(pb);
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

double fo_pdf_blocks_margin_x(const fo_pdf_blocks *pb, fo_text_kind kind, double width, int page_no)
{
    const fo_style *st = pb->style;
    const fo_text_style *ts = &st->text[kind];
    double area = st->page_width - st->margin_left - st->margin_right, x = st->margin_left;
    if (ts->align == FO_STYLE_CENTER)
        x += (area - width) / 2;
    else if (ts->align == FO_STYLE_RIGHT)
        x += area - width;
    else if (ts->align == FO_STYLE_OUTSIDE) /* GB/T 9704: one character in from the outer edge */
        x += page_no % 2 ? area - width - ts->size : ts->size;
    return x;
}

/* A separator's box: where its rule lies, how wide and thick, and its colour. */
static void dump_separator(const fo_pdf_blocks *pb, const fo_pdf_block *b, double top, double h, fo_buf *out)
{
    const fo_style *st = pb->style;
    double x = st->margin_left + b->inset + b->left;
    double w = st->page_width - st->margin_left - st->margin_right - 2 * b->inset - b->left - b->reserve;
    fo_buf_printf(out, "  separator y %6.2f h %5.2f x %6.2f w %6.2f rule at y %6.2f thick %.2f color #%06X\n", top, h,
                  x, w, top + b->rule_at, b->thickness, b->color);
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

void fo_pdf_blocks_dump_line(const fo_pdf_blocks *pb, const fo_pdf_block *b, size_t line, double top, double h,
                             bool keep, fo_buf *out)
{
    double x = pb->style->margin_left + b->inset + b->left + b->offset;
    fo_buf_printf(out, "  %-9s y %6.2f h %5.2f x %6.2f w %6.2f %zu/%zu%s", block_name(b), top, h, x, b->measure,
                  line + 1, b->para.n_lines, keep ? " keep" : "");
    if (b->color)
        fo_buf_printf(out, " color #%06X", b->color);
    fo_buf_putc(out, ':');
    dump_line(b, line, out);
}

/* A figure's picture: where it is drawn, and what it is. */
static void dump_image(const fo_pdf_blocks *pb, const fo_pdf_block *b, double top, double h, fo_buf *out)
{
    double x = pb->style->margin_left + b->inset + (measure_width(pb, b) - b->image_w) / 2;
    fo_buf_printf(out, "  %-9s y %6.2f h %5.2f x %6.2f w %6.2f %.2f×%.2f pt: %s (%s, %d×%d px)\n", "image", top, h, x,
                  b->image_w, b->image_w, b->image_h, b->image_ref ? b->image_ref : "", b->image->media_type,
                  b->image->width, b->image->height);
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
    const fo_pdf_block *table;
    size_t head = first < end ? fo_pdf_blocks_repeated_head(pb, first, &table) : SIZE_MAX;
    if (head != SIZE_MAX) { /* a table's header rows, repeated above its rows on this page */
        fo_pdf_table_dump(pb, table, head, top, true, out);
        top += table->table->bands[head].bottom - table->table->bands[head].top;
    }
    for (size_t i = first; i < end; i++) {
        const fo_pdf_box_ref *ref = &pb->refs[i];
        const fo_pdf_block *b = &pb->blocks[ref->block];
        double h = pb->boxes[i].height;
        bool keep = pb->boxes[i].keep_with_next;
        size_t band;
        if (b->kind == FO_PDF_SEPARATOR)
            dump_separator(pb, b, top, h, out);
        else if (ref->line == SIZE_MAX)
            fo_buf_printf(out, "  %-9s y %6.2f h %5.2f\n", b->kind == FO_PDF_RULE ? "rule" : "space", top, h);
        else if (b->kind == FO_PDF_TABLE && fo_pdf_table_line(b, ref->line, &band) == SIZE_MAX)
            fo_pdf_table_dump(pb, b, band, top, false, out);
        else if (b->kind == FO_PDF_TABLE)
            fo_pdf_blocks_dump_line(pb, &b->table->title, fo_pdf_table_line(b, ref->line, &band), top, h, keep, out);
        else if (fo_pdf_image_line(b, ref->line) == SIZE_MAX)
            dump_image(pb, b, top, h, out);
        else
            fo_pdf_blocks_dump_line(pb, b, fo_pdf_image_line(b, ref->line), top, h, keep, out);
        top += h;
    }
    if (!pg->number)
        return;
    fo_pdf_block number = {0};
    fo_pdf_blocks_page_number(pb, pg->number, &number);
    fo_buf_puts(out, "  footer    ");
    if (st->grid_lines) { /* a grid style's page numbers have their places (GB/T 9704 §7.5) */
        double width = fo_pdf_blocks_runs_width(pb, &number, FO_TEXT_FOOTER);
        fo_buf_printf(out, "x %6.2f w %6.2f baseline %6.2f ", fo_pdf_blocks_margin_x(pb, FO_TEXT_FOOTER, width, pg->number),
                      width, st->page_height - st->margin_bottom + st->footer_offset);
    }
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
