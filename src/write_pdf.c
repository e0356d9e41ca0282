/* write_pdf.c — the printable PDF: an A4 meeting handout set with libharu.
 *
 * The document is first turned into a list of blocks (title block, lead, headings, paragraphs,
 * captions), each a list of runs in one font slot.  That is done twice: a first pass only collects
 * the characters so that fonts.c can pick faces that cover them; the second pass keeps what those
 * faces can draw and warns (with the source position) about the rest.  Then fonts are subset and
 * embedded, every block is broken into lines by layout.c, the lines become boxes that layout.c
 * paginates, and the pages are drawn with a running header, page numbers and bookmarks.
 *
 * All state is in one pdf_writer; libharu's error handler records into it through user_data.
 */
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fonts.h"
#include "layout.h"
#include "style.h"
#include "text.h"
#include "writers.h"

/* Font slots handed to layout.c: a role, plus FO_ROLE_COUNT when it is set in faux bold. */
#define BOLD_SLOT(role) ((int)(role) + FO_ROLE_COUNT)
#define SLOT_ROLE(slot) ((fo_font_role)((slot) % FO_ROLE_COUNT))
#define SLOT_BOLD(slot) ((slot) >= FO_ROLE_COUNT)
/* Faux bold: the outline is stroked with this share of the type size (LIBRARIES.md). */
#define FAUX_BOLD_STROKE 0.03
/* Where the baseline sits in a line box: the em box is centred in the pitch, and a CJK em box
 * reaches this share of the size below the baseline. */
#define EM_BOX_DESCENT 0.12
/* Left and right inset of block quotes, in em of the body size. */
#define QUOTE_INSET_EM 2.0
/* Space kept around a horizontal rule block, pt. */
#define RULE_SPACE 12.0
/* Bisection steps when balancing the lines of a centred block (the measure to within 0.03 pt). */
#define BALANCE_STEPS 14
/* Two pen positions closer than this are the same, pt. */
#define OVERLAP_EPSILON 0.01
/* Bookmarks nest this deep; deeper sections hang under the last level. */
#define OUTLINE_DEPTH 4
/* How far a glyph may reach back into the previous one's advance before poppler takes it for a new
 * word on a new line (its minDupBreakOverlap is 0.2 em): part of a punctuation pair's squeeze. */
#define TOLERATED_OVERLAP_EM 0.15

typedef struct pdf_run {
    fo_buf text;
    int slot;
} pdf_run;

typedef enum block_kind { BLOCK_TEXT, BLOCK_HEADING, BLOCK_RULE } block_kind;

typedef struct pdf_block {
    block_kind kind;
    fo_text_kind style;         /* which text settings apply */
    pdf_run *runs;
    size_t n_runs, cap_runs;
    double inset;               /* left and right inset, pt (block quotes) */
    double measure;             /* the width its lines were broken to, pt */
    double offset;              /* where that measure starts, from the inset's left edge, pt */
    int level;                  /* headings: the section's level, for its bookmark */
    fo_lay_run *lay_runs;       /* built before breaking */
    fo_lay_para para;
} pdf_block;

/* A box on the page: a line of a block, or vertical space. */
typedef struct box_ref {
    size_t block;
    size_t line;                /* SIZE_MAX: space */
} box_ref;

typedef struct pdf_writer {
    const fo_doc *doc;
    fo_diag *d;
    fo_style style;
    fo_fonts *fonts;
    HPDF_Doc pdf;
    HPDF_STATUS hpdf_error, hpdf_detail;    /* the first libharu error, 0 when none */
    bool collecting;            /* first pass: only note the characters */
    unsigned char *seen;        /* bitmap over 0..0x10FFFF: characters met (collecting) */
    unsigned char *warned;      /* bitmap: characters already warned about */
    pdf_block *blocks;
    size_t n_blocks, cap_blocks;
    pdf_block header;           /* the short title for the running header */
    /* drawing state of the current page */
    HPDF_Page page;
    int cur_slot;
    double cur_size, cur_tc;
    HPDF_Outline outline[OUTLINE_DEPTH]; /* the last bookmark at each level, for nesting */
} pdf_writer;

static void on_hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *user_data)
{
    pdf_writer *w = user_data;
    if (!w->hpdf_error) {
        w->hpdf_error = error;
        w->hpdf_detail = detail;
    }
}

static bool bit_test(const unsigned char *bits, uint32_t cp) { return bits[cp >> 3] & (1u << (cp & 7)); }
static void bit_set(unsigned char *bits, uint32_t cp) { bits[cp >> 3] |= (unsigned char)(1u << (cp & 7)); }

/* ---- building blocks ---- */

static pdf_block *new_block(pdf_writer *w, block_kind kind, fo_text_kind style)
{
    if (w->n_blocks == w->cap_blocks) {
        w->cap_blocks = w->cap_blocks ? 2 * w->cap_blocks : 64;
        w->blocks = fo_xrealloc(w->blocks, w->cap_blocks * sizeof *w->blocks);
    }
    pdf_block *b = &w->blocks[w->n_blocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->style = style;
    return b;
}

static void free_block(pdf_block *b)
{
    for (size_t r = 0; r < b->n_runs; r++)
        fo_buf_free(&b->runs[r].text);
    free(b->runs);
    free(b->lay_runs);
    fo_lay_para_free(&b->para);
    memset(b, 0, sizeof *b);
}

static void free_blocks(pdf_writer *w)
{
    for (size_t i = 0; i < w->n_blocks; i++)
        free_block(&w->blocks[i]);
    free(w->blocks);
    w->blocks = NULL;
    w->n_blocks = w->cap_blocks = 0;
}

static pdf_run *run_for_slot(pdf_block *b, int slot)
{
    if (b->n_runs && b->runs[b->n_runs - 1].slot == slot)
        return &b->runs[b->n_runs - 1];
    if (b->n_runs == b->cap_runs) {
        b->cap_runs = b->cap_runs ? 2 * b->cap_runs : 4;
        b->runs = fo_xrealloc(b->runs, b->cap_runs * sizeof *b->runs);
    }
    pdf_run *r = &b->runs[b->n_runs++];
    memset(r, 0, sizeof *r);
    r->slot = slot;
    return r;
}

/* Warn once per character about one the PDF cannot show. */
static void warn_dropped(pdf_writer *w, uint32_t cp, const char *bytes, size_t n, fo_pos pos, const char *why)
{
    if (bit_test(w->warned, cp))
        return;
    bit_set(w->warned, cp);
    fo_warn(w->d, pos.line, pos.col, "character U+%04X '%.*s' %s; the PDF leaves it out (DocBook and EPUB keep it)",
            (unsigned)cp, (int)n, bytes, why);
}

/* The slot that draws `cp` for text meant for `slot`: the slot itself when its face has the glyph,
 * else the same weight in another role's face that has it; -1 when none has. */
static int drawing_slot(const pdf_writer *w, int slot, uint32_t cp)
{
    fo_font_role role = SLOT_ROLE(slot);
    if (cp == '\n' || fo_fonts_covers(w->fonts, role, cp))
        return slot;
    for (int r = 0; r < FO_ROLE_COUNT; r++)
        if (r != (int)role && fo_fonts_covers(w->fonts, (fo_font_role)r, cp))
            return SLOT_BOLD(slot) ? BOLD_SLOT(r) : r;
    return -1;
}

/* Append text to block `b` in font slot `slot`.  The first pass only notes the characters; the
 * second keeps those the fonts can draw and warns about the others at their position. */
static void append_text(pdf_writer *w, pdf_block *b, int slot, const char *s, size_t len, fo_pos pos)
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
        int draw = control || w->collecting || cp > 0xFFFF ? -1 : drawing_slot(w, slot, cp);
        if (w->collecting) {
            if (!control)
                bit_set(w->seen, cp);
        } else if (control) {
            /* nothing to draw */
        } else if (cp > 0xFFFF) {
            warn_dropped(w, cp, s + i, n, at, "is outside the Basic Multilingual Plane, which libharu cannot draw");
        } else if (draw < 0) {
            warn_dropped(w, cp, s + i, n, at, "has no glyph in any of the chosen fonts");
        } else {
            if (cp != '\n')
                fo_fonts_use(w->fonts, SLOT_ROLE(draw), cp);
            fo_buf_append(&run_for_slot(b, draw)->text, s + i, n);
        }
        i += n;
    }
}

static void append_str(pdf_writer *w, pdf_block *b, int slot, const char *s, fo_pos pos)
{
    if (s)
        append_text(w, b, slot, s, strlen(s), pos);
}

static int text_slot(const pdf_writer *w, fo_text_kind kind)
{
    const fo_text_style *ts = &w->style.text[kind];
    return ts->bold ? BOLD_SLOT(ts->font) : (int)ts->font;
}

/* Inline content: strong text in faux bold, emphasis in kai; the model already holds the 《》 of a
 * cited title as text, so a citetitle needs nothing of its own. */
static void append_inlines(pdf_writer *w, pdf_block *b, const fo_node *n, int slot)
{
    for (const fo_node *c = n->first; c; c = c->next) {
        switch (c->kind) {
        case FO_TEXT:
            append_str(w, b, slot, c->u.text.str, c->pos);
            break;
        case FO_LINEBREAK:
            append_text(w, b, slot, "\n", 1, c->pos);
            break;
        case FO_STRONG:
            append_inlines(w, b, c, BOLD_SLOT(SLOT_ROLE(slot)));
            break;
        case FO_EMPH:
            append_inlines(w, b, c, SLOT_BOLD(slot) ? BOLD_SLOT(FO_ROLE_KAI) : FO_ROLE_KAI);
            break;
        default:
            append_inlines(w, b, c, slot);
            break;
        }
    }
}

static bool block_is_empty(const pdf_block *b)
{
    for (size_t r = 0; r < b->n_runs; r++)
        if (b->runs[r].text.len)
            return false;
    return true;
}

/* Drop the block just built when nothing drawable ended up in it. */
static void drop_if_empty(pdf_writer *w)
{
    if (w->collecting || !w->n_blocks)
        return;
    pdf_block *b = &w->blocks[w->n_blocks - 1];
    if (b->kind != BLOCK_RULE && block_is_empty(b)) {
        for (size_t r = 0; r < b->n_runs; r++)
            fo_buf_free(&b->runs[r].text);
        free(b->runs);
        w->n_blocks--;
    }
}

/* `date · source · author` under the title. */
static void build_byline(pdf_writer *w)
{
    const fo_meta *m = &w->doc->meta;
    int slot = text_slot(w, FO_TEXT_BYLINE);
    pdf_block *b = new_block(w, BLOCK_TEXT, FO_TEXT_BYLINE);
    char day[16];
    bool any = false;
    fo_pos none = {0, 0};
    if (fo_meta_day(m, day, sizeof day)) {
        append_str(w, b, slot, day, none);
        any = true;
    }
    if (m->source) {
        append_str(w, b, slot, any ? " · " : "", none);
        append_str(w, b, slot, m->source, none);
        any = true;
    }
    bool first = true;
    for (const fo_author *a = m->authors; a; a = a->next) {
        if (!fo_author_is_creator(a))
            continue; /* editors and checkers are not part of a byline */
        append_str(w, b, slot, first ? (any ? " · " : "") : "　", none);
        first = false;
        if (a->role) {
            append_str(w, b, slot, a->role, none);
            append_str(w, b, slot, " ", none);
        }
        append_str(w, b, slot, a->name, none);
    }
    drop_if_empty(w);
}

static void build_title_block(pdf_writer *w)
{
    const fo_meta *m = &w->doc->meta;
    fo_pos none = {0, 0};
    if (m->title) {
        append_str(w, new_block(w, BLOCK_TEXT, FO_TEXT_TITLE), text_slot(w, FO_TEXT_TITLE), m->title, none);
        drop_if_empty(w);
    }
    if (m->subtitle) {
        /* a subtitle is printed after a two-em dash, as Chinese papers do */
        pdf_block *b = new_block(w, BLOCK_TEXT, FO_TEXT_SUBTITLE);
        append_str(w, b, text_slot(w, FO_TEXT_SUBTITLE), "——", none);
        append_str(w, b, text_slot(w, FO_TEXT_SUBTITLE), m->subtitle, none);
        drop_if_empty(w);
    }
    build_byline(w);
}

static void build_blocks(pdf_writer *w, const fo_node *parent, double inset);

static void build_heading(pdf_writer *w, const fo_node *sec)
{
    int level = sec->u.section.level;
    fo_text_kind style = level <= 1 ? FO_TEXT_HEADING1 : level == 2 ? FO_TEXT_HEADING2 : FO_TEXT_HEADING3;
    pdf_block *b = new_block(w, BLOCK_HEADING, style);
    b->level = level;
    int slot = text_slot(w, style);
    if (sec->u.section.label) {
        append_str(w, b, slot, sec->u.section.label, sec->pos);
        append_str(w, b, slot, "　", sec->pos);
    }
    if (sec->u.section.title)
        append_inlines(w, b, sec->u.section.title, slot);
    drop_if_empty(w);
}

static void build_para(pdf_writer *w, const fo_node *p, double inset, const char *prefix)
{
    const char *role = p->u.para.role;
    fo_text_kind style = role && (strcmp(role, "lead") == 0 || strcmp(role, "note") == 0) ? FO_TEXT_LEAD : FO_TEXT_BODY;
    pdf_block *b = new_block(w, BLOCK_TEXT, style);
    b->inset = inset;
    int slot = text_slot(w, style);
    if (prefix)
        append_str(w, b, slot, prefix, p->pos);
    if (p->u.para.head)
        append_inlines(w, b, p->u.para.head, text_slot(w, FO_TEXT_RUNIN));
    append_inlines(w, b, p, slot);
    drop_if_empty(w);
}

static void build_figure(pdf_writer *w, const fo_node *fig, double inset)
{
    if (fig->u.figure.picture && !w->collecting)
        fo_warn(w->d, fig->pos.line, fig->pos.col, "the image %s is not placed in the PDF, only its caption",
                fig->u.figure.image);
    pdf_block *b = new_block(w, BLOCK_TEXT, FO_TEXT_CAPTION);
    b->inset = inset;
    int slot = text_slot(w, FO_TEXT_CAPTION);
    if (fig->u.figure.caption)
        append_inlines(w, b, fig->u.figure.caption, slot);
    if (fig->u.figure.credit) {
        if (fig->u.figure.caption) /* a narrow gap: the caption usually ends in a full-width 。 */
            append_str(w, b, slot, " ", fig->pos);
        append_str(w, b, slot, fig->u.figure.credit, fig->pos);
    }
    drop_if_empty(w);
}

static void build_list(pdf_writer *w, const fo_node *list, double inset)
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
                build_para(w, c, inset, first ? prefix : NULL);
                first = false;
            } else {
                build_blocks(w, c, inset);
            }
        }
    }
}

static void build_block(pdf_writer *w, const fo_node *n, double inset)
{
    double quote_inset = QUOTE_INSET_EM * w->style.text[FO_TEXT_BODY].size;
    switch (n->kind) {
    case FO_SECTION:
        build_heading(w, n);
        build_blocks(w, n, inset);
        break;
    case FO_PARA:
        build_para(w, n, inset, NULL);
        break;
    case FO_FIGURE:
        build_figure(w, n, inset);
        break;
    case FO_BLOCKQUOTE:
        build_blocks(w, n, inset + quote_inset);
        break;
    case FO_LIST:
        build_list(w, n, inset);
        break;
    case FO_ITEM:
    case FO_TABLE: /* for now a table reads as its cells' blocks, in order */
    case FO_ROW:
    case FO_CELL:
        build_blocks(w, n, inset);
        break;
    case FO_RULE:
        if (!w->collecting)
            new_block(w, BLOCK_RULE, FO_TEXT_BODY);
        break;
    default:
        break;
    }
}

static void build_blocks(pdf_writer *w, const fo_node *parent, double inset)
{
    for (const fo_node *c = parent->first; c; c = c->next)
        build_block(w, c, inset);
}

/* The running header's short title: the title, cut to header_max_chars with a closing "…". */
static void build_header(pdf_writer *w)
{
    const char *title = w->doc->meta.title;
    free_block(&w->header);
    if (!title || !w->style.header_enabled)
        return;
    int slot = text_slot(w, FO_TEXT_HEADER);
    size_t len = strlen(title), count = fo_utf8_count(title, len), max = (size_t)w->style.header_max_chars;
    size_t cut = len;
    if (count > max) {
        cut = 0;
        for (size_t k = 0; k + 1 < max && cut < len; k++) {
            uint32_t cp;
            size_t n = fo_utf8_decode(title + cut, len - cut, &cp);
            cut += n ? n : 1;
        }
    }
    append_text(w, &w->header, slot, title, cut, (fo_pos){0, 0});
    if (cut < len)
        append_str(w, &w->header, slot, "…", (fo_pos){0, 0});
}

/* Page number `page_no` as runs of the footer's font (falling back like any text). */
static void build_page_number(pdf_writer *w, int page_no, pdf_block *out)
{
    char text[FO_STYLE_FORMAT_MAX + 16];
    fo_style_page_number(&w->style, page_no, text, sizeof text);
    append_str(w, out, text_slot(w, FO_TEXT_FOOTER), text, (fo_pos){0, 0});
}

/* The page numbers' characters go into the subset before the pages are known: every digit and the
 * format around them. */
static void note_page_number_chars(pdf_writer *w)
{
    pdf_block scratch = {0};
    int slot = text_slot(w, FO_TEXT_FOOTER);
    append_str(w, &scratch, slot, "0123456789", (fo_pos){0, 0});
    append_str(w, &scratch, slot, w->style.page_number_format, (fo_pos){0, 0});
    free_block(&scratch);
}

static void build_document(pdf_writer *w)
{
    free_blocks(w);
    build_title_block(w);
    build_blocks(w, w->doc->root, 0);
    build_header(w);
    note_page_number_chars(w);
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

/* ---- fonts ---- */

static int choose_fonts(pdf_writer *w, const fo_write_opts *opts)
{
    w->collecting = true;
    build_document(w);
    w->collecting = false;
    size_t n = 0;
    for (uint32_t cp = 0; cp < 0x10000; cp++)
        n += bit_test(w->seen, cp);
    uint32_t *cps = fo_xmalloc((n ? n : 1) * sizeof *cps);
    n = 0;
    for (uint32_t cp = 0; cp < 0x10000; cp++)
        if (bit_test(w->seen, cp) && !fo_is_space(cp))
            cps[n++] = cp;
    const char *patterns[FO_ROLE_COUNT];
    char regional[FO_ROLE_COUNT][FO_STYLE_PATTERN_MAX];
    for (int r = 0; r < FO_ROLE_COUNT; r++)
        patterns[r] = regional_pattern(w->style.font_pattern[r], w->doc->meta.language, regional[r]);
    int rc = fo_fonts_choose(w->fonts, patterns, opts ? opts->font : NULL, cps, n, w->d);
    free(cps);
    return rc;
}

static double advance(void *ctx, int slot, double size, uint32_t cp)
{
    pdf_writer *w = ctx;
    if (cp == '\n')
        return 0;
    return fo_fonts_width(w->fonts, SLOT_ROLE(slot), cp) * size / 1000.0;
}

/* ---- line breaking and pagination ---- */

static double measure_width(const pdf_writer *w, const pdf_block *b)
{
    const fo_style *st = &w->style;
    return st->page_width - st->margin_left - st->margin_right - 2 * b->inset;
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

/* Break a block's runs to `width`; 0 or -1. */
static int break_to(pdf_writer *w, pdf_block *b, double width)
{
    const fo_text_style *ts = &w->style.text[b->style];
    fo_lay_para_free(&b->para);
    fo_lay_para_opts po = {.width = width, .indent = ts->indent * ts->size, .align = lay_align(ts->align),
                           .advance = advance, .ctx = w};
    return fo_lay_break(b->lay_runs, b->n_runs, &po, &b->para);
}

static int break_block(pdf_writer *w, pdf_block *b)
{
    if (b->kind == BLOCK_RULE)
        return 0;
    const fo_text_style *ts = &w->style.text[b->style];
    b->lay_runs = fo_xmalloc((b->n_runs ? b->n_runs : 1) * sizeof *b->lay_runs);
    for (size_t r = 0; r < b->n_runs; r++) {
        b->lay_runs[r] = (fo_lay_run){.text = b->runs[r].text.data ? b->runs[r].text.data : "",
                                      .len = b->runs[r].text.len, .font = b->runs[r].slot, .size = ts->size};
    }
    double full = measure_width(w, b);
    b->measure = full;
    b->offset = 0;
    if (break_to(w, b, full) != 0) {
        fo_error(w->d, 0, 0, "the page is too narrow for a %s block", fo_text_kind_name(b->style));
        return -1;
    }
    /* A centred block of several lines (a long title, a caption) is balanced: broken to the
     * narrowest measure that needs no more lines, so it does not end in a stub of three characters. */
    size_t lines = b->para.n_lines;
    if (ts->align != FO_STYLE_CENTER || lines < 2)
        return 0;
    double lo = full / (double)lines, hi = full;
    for (int step = 0; step < BALANCE_STEPS; step++) {
        double mid = (lo + hi) / 2;
        if (mid > ts->indent * ts->size && break_to(w, b, mid) == 0 && b->para.n_lines <= lines)
            hi = mid;
        else
            lo = mid;
    }
    b->measure = hi;
    b->offset = (full - hi) / 2;
    return break_to(w, b, hi);
}

static double line_pitch(const pdf_writer *w, const pdf_block *b)
{
    const fo_text_style *ts = &w->style.text[b->style];
    return ts->size * ts->line_height;
}

typedef struct box_list {
    fo_lay_box *boxes;
    box_ref *refs;
    size_t n, cap;
} box_list;

static size_t push_box(box_list *bl, fo_lay_box box, box_ref ref)
{
    if (bl->n == bl->cap) {
        bl->cap = bl->cap ? 2 * bl->cap : 256;
        bl->boxes = fo_xrealloc(bl->boxes, bl->cap * sizeof *bl->boxes);
        bl->refs = fo_xrealloc(bl->refs, bl->cap * sizeof *bl->refs);
    }
    bl->boxes[bl->n] = box;
    bl->refs[bl->n] = ref;
    return bl->n++;
}

/* Keep a heading's last line with the next two lines of text that follow it. */
static void keep_heading_with_text(box_list *bl, size_t heading_last)
{
    size_t lines = 0;
    for (size_t i = heading_last + 1; i < bl->n; i++) {
        if (bl->refs[i].line != SIZE_MAX && ++lines == 2) {
            bl->boxes[heading_last].keep_with_next = (int)(i - heading_last);
            return;
        }
    }
    bl->boxes[heading_last].keep_with_next = (int)(bl->n - 1 - heading_last);
}

static void make_boxes(const pdf_writer *w, box_list *bl)
{
    size_t pending_heading = SIZE_MAX;
    for (size_t i = 0; i < w->n_blocks; i++) {
        const pdf_block *b = &w->blocks[i];
        const fo_text_style *ts = &w->style.text[b->style];
        if (b->kind == BLOCK_RULE) {
            push_box(bl, (fo_lay_box){.height = RULE_SPACE, .discardable = true}, (box_ref){i, SIZE_MAX});
            continue;
        }
        bool title_block = b->style == FO_TEXT_TITLE || b->style == FO_TEXT_SUBTITLE;
        if (ts->space_before > 0)
            push_box(bl, (fo_lay_box){.height = ts->space_before, .discardable = true}, (box_ref){i, SIZE_MAX});
        int para_id = b->kind == BLOCK_TEXT && b->para.n_lines > 1 ? (int)i + 1 : 0;
        size_t last = SIZE_MAX;
        for (size_t l = 0; l < b->para.n_lines; l++) {
            fo_lay_box box = {.height = line_pitch(w, b), .para_id = para_id};
            /* a heading's lines and the title block stay together */
            if ((b->kind == BLOCK_HEADING || title_block) && l + 1 < b->para.n_lines)
                box.keep_with_next = 1;
            last = push_box(bl, box, (box_ref){i, l});
        }
        if (pending_heading != SIZE_MAX && b->kind != BLOCK_HEADING) {
            keep_heading_with_text(bl, pending_heading);
            pending_heading = SIZE_MAX;
        }
        if (b->kind == BLOCK_HEADING && last != SIZE_MAX)
            pending_heading = last;
        if (title_block && last != SIZE_MAX)
            bl->boxes[last].keep_with_next = 1;
        if (ts->space_after > 0)
            push_box(bl, (fo_lay_box){.height = ts->space_after, .discardable = true}, (box_ref){i, SIZE_MAX});
    }
    if (pending_heading != SIZE_MAX)
        keep_heading_with_text(bl, pending_heading);
}

/* ---- drawing ---- */

/* Font, size, faux bold and Tc for what is shown next; only changes are written.  cur_slot < 0
 * means nothing is known (a new page, or line width changed by a rule). */
static void set_text_state(pdf_writer *w, int slot, double size, double tc)
{
    HPDF_Page page = w->page;
    bool bold = SLOT_BOLD(slot);
    if (slot != w->cur_slot || size != w->cur_size) {
        HPDF_Page_SetFontAndSize(page, fo_fonts_get(w->fonts, SLOT_ROLE(slot)), (HPDF_REAL)size);
        if (w->cur_slot < 0 || bold != SLOT_BOLD(w->cur_slot))
            HPDF_Page_SetTextRenderingMode(page, bold ? HPDF_FILL_THEN_STROKE : HPDF_FILL);
        if (bold) /* the stroke grows with the size */
            HPDF_Page_SetLineWidth(page, (HPDF_REAL)(FAUX_BOLD_STROKE * size));
        w->cur_slot = slot;
        w->cur_size = size;
    }
    if (tc != w->cur_tc) {
        HPDF_Page_SetCharSpace(page, (HPDF_REAL)tc);
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
    double x, adv;              /* pen position and advance, pt */
} placed_char;

/* Undo glyph overlaps on a line.  layout.c sets a pair of full-width marks such as `）。` in 1.5 em
 * by moving the second into the first's blank half; text extractors (poppler) see a glyph going
 * that far backwards and start a new line with `。`.  So the pair is squeezed only as far as
 * extractors tolerate (1.85 em), and the line's other character gaps give back the difference,
 * keeping both edges where layout put them. */
static void remove_overlaps(placed_char *c, size_t n, double right_edge, bool last_line)
{
    double shift = 0;
    double *orig = fo_xmalloc(n * sizeof *orig);
    for (size_t k = 0; k < n; k++)
        orig[k] = c[k].x;
    for (size_t k = 1; k < n; k++) {
        double gap = orig[k] - (orig[k - 1] + c[k - 1].adv);
        double tolerated = TOLERATED_OVERLAP_EM * c[k - 1].adv; /* a full-width mark's advance is its em */
        if (gap < -tolerated - OVERLAP_EPSILON)
            shift -= gap + tolerated;
        c[k].x = orig[k] + shift;
    }
    double old_end = orig[n - 1] + c[n - 1].adv, new_end = c[n - 1].x + c[n - 1].adv;
    double limit = old_end > right_edge ? old_end : right_edge;
    if (shift > 0 && n > 1 && (!last_line || new_end > limit + OVERLAP_EPSILON))
        for (size_t k = 1; k < n; k++)
            c[k].x -= shift * (double)k / (double)(n - 1);
    free(orig);
}

/* Draw placed characters, as few text-showing operators as possible: a run of characters of one
 * font whose gaps are all equal is one string with that gap as Tc. */
static void draw_placed(pdf_writer *w, const pdf_block *b, const placed_char *c, size_t n, double y)
{
    fo_buf text = {0};
    for (size_t first = 0; first < n;) {
        size_t end = first + 1;
        double tc = 0;
        if (end < n && c[end].run == c[first].run)
            tc = c[end].x - c[first].x - c[first].adv;
        while (end < n && c[end].run == c[first].run &&
               fabs(c[end].x - c[end - 1].x - c[end - 1].adv - tc) <= 1e-6)
            end++;
        const fo_lay_run *run = &b->lay_runs[c[first].run];
        text.len = 0;
        for (size_t k = first; k < end; k++)
            fo_buf_append(&text, run->text + c[k].start, c[k].len);
        set_text_state(w, run->font, run->size, end - first > 1 ? tc : w->cur_tc);
        show_text(w, c[first].x, y, text.data, text.len);
        first = end;
    }
    fo_buf_free(&text);
}

static void draw_line(pdf_writer *w, const pdf_block *b, size_t line_index, double top)
{
    const fo_lay_line *line = &b->para.lines[line_index];
    double size = w->style.text[b->style].size;
    double y = baseline(top, line_pitch(w, b), size);
    double left = w->style.margin_left + b->inset + b->offset;
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
                chars[n++] = (placed_char){.run = seg->run, .start = i, .len = len, .x = pen, .adv = adv};
            }
            pen += adv + seg->char_space;
            i += len;
        }
    }
    if (n) {
        remove_overlaps(chars, n, left + b->measure, line->last);
        draw_placed(w, b, chars, n, y);
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
static void draw_margin_line(pdf_writer *w, fo_text_kind kind, const pdf_block *b, double y, int page_no)
{
    const fo_style *st = &w->style;
    const fo_text_style *ts = &st->text[kind];
    double area = st->page_width - st->margin_left - st->margin_right;
    double width = 0;
    for (size_t r = 0; r < b->n_runs; r++)
        width += text_width(w, b->runs[r].slot, ts->size, b->runs[r].text.data);
    double x = st->margin_left;
    if (ts->align == FO_STYLE_CENTER)
        x += (area - width) / 2;
    else if (ts->align == FO_STYLE_RIGHT)
        x += area - width;
    else if (ts->align == FO_STYLE_OUTSIDE) /* GB/T 9704: one character in from the outer edge */
        x += page_no % 2 ? area - width - ts->size : ts->size;
    for (size_t r = 0; r < b->n_runs; r++) {
        const pdf_run *run = &b->runs[r];
        set_text_state(w, run->slot, ts->size, 0);
        show_text(w, x, y, run->text.data, run->text.len);
        x += text_width(w, run->slot, ts->size, run->text.data);
    }
}

static void draw_page_furniture(pdf_writer *w, int page_no)
{
    const fo_style *st = &w->style;
    if (page_no > 1 && st->header_enabled && w->header.n_runs) {
        double y = st->page_height - st->margin_top + st->header_offset;
        draw_margin_line(w, FO_TEXT_HEADER, &w->header, y, page_no);
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
    pdf_block number = {0};
    build_page_number(w, page_no, &number);
    draw_margin_line(w, FO_TEXT_FOOTER, &number, st->margin_bottom - st->footer_offset, page_no);
    free_block(&number);
}

static void draw_rule(pdf_writer *w, double top)
{
    const fo_style *st = &w->style;
    double mid = st->page_width / 2, half = (st->page_width - st->margin_left - st->margin_right) / 6;
    double y = top - RULE_SPACE / 2;
    HPDF_Page_EndText(w->page);
    HPDF_Page_SetLineWidth(w->page, 0.5);
    HPDF_Page_MoveTo(w->page, (HPDF_REAL)(mid - half), (HPDF_REAL)y);
    HPDF_Page_LineTo(w->page, (HPDF_REAL)(mid + half), (HPDF_REAL)y);
    HPDF_Page_Stroke(w->page);
    HPDF_Page_BeginText(w->page);
    w->cur_slot = -1;
}

/* The bookmark of a heading, nested under the last bookmark one level up. */
static void add_bookmark(pdf_writer *w, const pdf_block *b, double top)
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

static void draw_pages(pdf_writer *w, const box_list *bl, const size_t *page_start, size_t pages)
{
    const fo_style *st = &w->style;
    for (size_t p = 0; p < pages && !w->hpdf_error; p++) {
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
        draw_page_furniture(w, (int)p + 1);
        size_t end = p + 1 < pages ? page_start[p + 1] : bl->n;
        /* space (and rules) left over after a page's last line stays undrawn */
        while (end > page_start[p] && bl->boxes[end - 1].discardable)
            end--;
        double top = st->page_height - st->margin_top;
        for (size_t i = page_start[p]; i < end; i++) {
            const box_ref *ref = &bl->refs[i];
            const pdf_block *b = &w->blocks[ref->block];
            if (ref->line != SIZE_MAX) {
                if (b->kind == BLOCK_HEADING && ref->line == 0)
                    add_bookmark(w, b, top);
                draw_line(w, b, ref->line, top);
            } else if (b->kind == BLOCK_RULE) {
                draw_rule(w, top);
            }
            top -= bl->boxes[i].height;
        }
        HPDF_Page_EndText(w->page);
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
    set_info_text(w, "Title", m->title);
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
    for (const char *id = m->doc_number; id; id = id == m->doc_number ? m->index_number : NULL) {
        if (!id || !*id)
            continue;
        if (keywords.len)
            fo_buf_puts(&keywords, "; ");
        fo_buf_puts(&keywords, id);
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
    char *path = fo_style_path(opts, opts ? opts->style : NULL, ".ini", w->d);
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

int fo_write_pdf(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d)
{
    if (opts && opts->fonts) /* a batch keeps one font context for all its articles */
        return fo_write_pdf_with_fonts(doc, opts, opts->fonts, out, d);
    fo_fonts *fonts = fo_fonts_new();
    if (!fonts) {
        fo_error(d, 0, 0, "out of memory");
        return -1;
    }
    int rc = fo_write_pdf_with_fonts(doc, opts, fonts, out, d);
    fo_fonts_free(fonts);
    return rc;
}

int fo_write_pdf_with_fonts(const fo_doc *doc, const fo_write_opts *opts, fo_fonts *fonts, fo_buf *out, fo_diag *d)
{
    int rc = -1;
    pdf_writer w = {.doc = doc, .d = d, .cur_slot = -1, .fonts = fonts};
    box_list bl = {0};
    size_t *page_start = NULL;
    w.seen = calloc(0x110000 / 8, 1);
    w.warned = calloc(0x110000 / 8, 1);
    if (!w.seen || !w.warned) {
        fo_error(d, 0, 0, "out of memory");
        goto done;
    }
    if (load_style(&w, opts) != 0)
        goto done;
    fo_lay_init();
    fo_fonts_begin(w.fonts);
    if (choose_fonts(&w, opts) != 0)
        goto done;
    build_document(&w);
    if (start_pdf(&w) != 0 || fo_fonts_load(w.fonts, w.pdf, d) != 0)
        goto done;
    for (size_t i = 0; i < w.n_blocks; i++)
        if (break_block(&w, &w.blocks[i]) != 0)
            goto done;
    make_boxes(&w, &bl);
    page_start = fo_xmalloc((bl.n ? bl.n : 1) * sizeof *page_start);
    double area = w.style.page_height - w.style.margin_top - w.style.margin_bottom;
    size_t pages = bl.n ? fo_lay_paginate(bl.boxes, bl.n, area, page_start) : 0;
    if (pages == 0) {
        page_start[0] = 0;
        pages = 1;
    }
    draw_pages(&w, &bl, page_start, pages);
    set_info(&w);
    if (w.hpdf_error || save_pdf(&w, out) != 0 || w.hpdf_error)
        goto done;
    rc = 0;
done:
    if (rc != 0 && w.hpdf_error && d->errors == 0)
        fo_error(d, 0, 0, "libharu failed with error 0x%04X (detail %u)", (unsigned)w.hpdf_error,
                 (unsigned)w.hpdf_detail);
    else if (rc != 0 && d->errors == 0)
        fo_error(d, 0, 0, "cannot write the PDF");
    if (w.pdf)
        HPDF_Free(w.pdf);
    free(page_start);
    free(bl.boxes);
    free(bl.refs);
    free_blocks(&w);
    free_block(&w.header);
    fo_fonts_begin(w.fonts); /* its libharu fonts died with the document */
    free(w.seen);
    free(w.warned);
    return rc;
}
