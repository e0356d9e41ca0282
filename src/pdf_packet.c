/* pdf_packet.c — a collection as a printed packet (会议材料): a cover, the contents, then every
 * article from a new page (a right-hand one with --article-break odd), page numbers running on
 * from the first article, each article's title as its running header, and bookmarks nested
 * collection → article → sections.
 *
 * Made of pdf_blocks.c's parts: every article is built, broken and paginated as a lone one is, so
 * it reads the same in a packet.  Page 1 is the first article's first page (the cover and the
 * contents before it are labelled i, ii … in the PDF), so the articles' page numbers are known
 * before the contents are set, and the contents' length changes none of them.
 */
#include "pdf_blocks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The cover's title starts this share of the type area down. */
#define COVER_TITLE_DROP 0.22
/* Room kept on the right of a contents entry for its page number and the leaders before it, in em
 * of the entry's size: three digits take 1.5 em. */
#define PAGE_REF_ROOM_EM 4.0
/* Bookmark depths: the collection (its cover), then the contents and every article under it, then
 * each article's sections. */
#define LEVEL_COLLECTION 1
#define LEVEL_ARTICLE 2

/* "2025年3月20日" for a date the model holds as 2025-03-20…; other dates as they are. */
static void chinese_date(const char *date, char *buf, size_t size)
{
    int y, m, d;
    if (fo_date_is_w3c(date) && sscanf(date, "%4d-%2d-%2d", &y, &m, &d) == 3)
        snprintf(buf, size, "%d年%d月%d日", y, m, d);
    else
        snprintf(buf, size, "%s", date);
}

/* One line of text in its own block; nothing when `s` is NULL. */
static fo_pdf_block *text_block(fo_pdf_blocks *pb, fo_text_kind style, int level, const char *s)
{
    if (!s || !*s)
        return NULL;
    fo_pdf_block *b = fo_pdf_blocks_new(pb, FO_PDF_TEXT, style);
    b->level = level;
    fo_pdf_blocks_add_text(pb, b, style, s);
    size_t n = pb->n_blocks;
    fo_pdf_blocks_drop_empty(pb);
    return pb->n_blocks == n ? b : NULL;
}

static void space_block(fo_pdf_blocks *pb, double height)
{
    fo_pdf_blocks_new(pb, FO_PDF_SPACE, FO_TEXT_BODY)->height = height;
}

static double type_area_height(const fo_style *st) { return st->page_height - st->margin_top - st->margin_bottom; }

/* The cover: title and subtitle a little above the middle, organiser and date at the foot (a
 * space between them that pagination sizes, see fill_cover). */
static void build_cover(fo_pdf_blocks *pb)
{
    const fo_meta *m = &pb->doc->meta;
    space_block(pb, COVER_TITLE_DROP * type_area_height(pb->style));
    text_block(pb, FO_TEXT_COVER_TITLE, LEVEL_COLLECTION, fo_doc_title(pb->doc));
    text_block(pb, FO_TEXT_COVER_SUBTITLE, 0, m->subtitle);
    if (!m->publisher && !m->date)
        return;
    space_block(pb, 0);
    text_block(pb, FO_TEXT_COVER_LINE, 0, m->publisher);
    if (m->date) {
        char date[64];
        chinese_date(m->date, date, sizeof date);
        text_block(pb, FO_TEXT_COVER_LINE, 0, date);
    }
}

/* A contents entry pointing at block `target`: `text` in `style`, inset by the style's indent
 * `depth` times. */
static fo_pdf_block *entry_block(fo_pdf_blocks *pb, fo_text_kind style, const char *text, int depth, size_t target)
{
    const fo_text_style *ts = &pb->style->text[style];
    fo_pdf_block *b = fo_pdf_blocks_new(pb, FO_PDF_TOC, style);
    b->target = target;
    b->left = ts->indent * ts->size * depth;
    b->reserve = PAGE_REF_ROOM_EM * pb->style->text[style].size;
    fo_pdf_blocks_add_text(pb, b, style, text);
    size_t n = pb->n_blocks;
    fo_pdf_blocks_drop_empty(pb);
    return pb->n_blocks == n ? b : NULL;
}

/* "2025-03-12 · 河西日报" under an article's entry, as its byline has them. */
static void build_note(fo_pdf_blocks *pb, const fo_doc *article, fo_pdf_block *entry)
{
    const fo_meta *m = &article->meta;
    fo_buf note = {0};
    char day[16];
    if (fo_meta_day(m, day, sizeof day))
        fo_buf_puts(&note, day);
    if (m->source)
        fo_buf_printf(&note, "%s%s", note.len ? " · " : "", m->source);
    const fo_text_style *ts = &pb->style->text[FO_TEXT_CONTENTS_NOTE];
    size_t index = entry ? (size_t)(entry - pb->blocks) : SIZE_MAX;
    fo_pdf_block *b = text_block(pb, FO_TEXT_CONTENTS_NOTE, 0, note.data);
    if (b) {
        b->left = ts->indent * ts->size;
        if (index != SIZE_MAX)
            pb->blocks[index].keep_with_next = true;
    }
    fo_buf_free(&note);
}

/* The entries of an article's headings down to the contents' depth, from its blocks (the heading
 * text as the article shows it, marker and all).  The blocks hold text in the second pass only;
 * the first has seen these characters in the article itself. */
static void build_section_entries(fo_pdf_blocks *pb, size_t first, size_t end)
{
    for (size_t i = first; i < end; i++) {
        int level = pb->blocks[i].level - LEVEL_ARTICLE;
        if (pb->blocks[i].kind != FO_PDF_HEADING || level < 1 || level > pb->toc_depth - 1)
            continue;
        fo_buf text = {0};
        for (size_t r = 0; r < pb->blocks[i].n_runs; r++)
            fo_buf_append(&text, pb->blocks[i].runs[r].text.data, pb->blocks[i].runs[r].text.len);
        entry_block(pb, FO_TEXT_CONTENTS_SECTION, text.data ? text.data : "", level, i);
        fo_buf_free(&text);
    }
}

static void build_contents(fo_pdf_blocks *pb)
{
    text_block(pb, FO_TEXT_CONTENTS_TITLE, LEVEL_ARTICLE, "目录");
    for (size_t i = 0; i < pb->doc->n_parts; i++) {
        const fo_doc *article = pb->doc->parts[i];
        size_t first = pb->marks[1 + i], end = pb->marks[2 + i];
        fo_pdf_block *entry = entry_block(pb, FO_TEXT_CONTENTS_ENTRY, fo_doc_title(article), 1, first);
        build_note(pb, article, entry);
        build_section_entries(pb, first, end);
    }
    /* page numbers are set later: their digits go into the subsets now */
    fo_pdf_block scratch = {0};
    fo_pdf_blocks_add_text(pb, &scratch, FO_TEXT_CONTENTS_ENTRY, "0123456789");
    fo_pdf_blocks_add_text(pb, &scratch, FO_TEXT_CONTENTS_SECTION, "0123456789");
    fo_pdf_block_free(&scratch);
}

void fo_pdf_packet_build(fo_pdf_blocks *pb)
{
    size_t n = pb->doc->n_parts;
    for (size_t i = 0; i < pb->n_headers; i++)
        fo_pdf_block_free(&pb->headers[i]);
    free(pb->headers);
    pb->headers = fo_xmalloc(n * sizeof *pb->headers);
    memset(pb->headers, 0, n * sizeof *pb->headers);
    pb->n_headers = n;
    free(pb->marks);
    pb->n_marks = n + 3;
    pb->marks = fo_xmalloc(pb->n_marks * sizeof *pb->marks);
    pb->marks[0] = pb->n_blocks;
    build_cover(pb);
    for (size_t i = 0; i < n; i++) {
        pb->marks[1 + i] = pb->n_blocks;
        fo_pdf_blocks_add_article(pb, pb->doc->parts[i], LEVEL_ARTICLE);
        fo_pdf_blocks_short_title(pb, fo_doc_title(pb->doc->parts[i]), &pb->headers[i]);
    }
    pb->marks[1 + n] = pb->n_blocks;
    build_contents(pb);
    pb->marks[2 + n] = pb->n_blocks;
}

/* ---- pages ---- */

/* The articles, each from a new page (an odd one with odd_article_break), numbered from 1. */
static void paginate_articles(fo_pdf_blocks *pb)
{
    int number = 1;
    for (size_t i = 0; i < pb->doc->n_parts; i++) {
        if (pb->odd_article_break && number % 2 == 0) {
            fo_pdf_blocks_add_blank_page(pb);
            number++;
        }
        if (fo_doc_is_official(pb->doc->parts[i])) { /* its attachments and 版记 placed as alone */
            number += (int)fo_pdf_gongwen_pages(pb, pb->marks[1 + i], pb->marks[2 + i], &pb->headers[i], number);
            continue;
        }
        size_t first = fo_pdf_blocks_make_boxes(pb, pb->marks[1 + i], pb->marks[2 + i]);
        number += (int)fo_pdf_blocks_add_pages(pb, first, pb->n_boxes, &pb->headers[i], number);
    }
}

/* Every contents entry gets the number of the page its target's first line is on. */
static void set_page_refs(fo_pdf_blocks *pb)
{
    int *page_of = fo_xmalloc((pb->n_blocks ? pb->n_blocks : 1) * sizeof *page_of);
    memset(page_of, 0, pb->n_blocks * sizeof *page_of);
    for (size_t p = pb->n_pages; p-- > 0;)
        for (size_t i = pb->pages[p].first; i < pb->pages[p].end; i++)
            if (pb->refs[i].line == 0)
                page_of[pb->refs[i].block] = pb->pages[p].number;
    for (size_t i = pb->marks[pb->n_marks - 2]; i < pb->marks[pb->n_marks - 1]; i++) {
        fo_pdf_block *b = &pb->blocks[i];
        if (b->kind != FO_PDF_TOC)
            continue;
        /* an article whose first block drew nothing: the page of its next block that did */
        size_t t = b->target;
        while (t + 1 < pb->n_blocks && !page_of[t])
            t++;
        fo_pdf_blocks_set_page_ref(pb, b, page_of[t] ? page_of[t] : 1);
    }
    free(page_of);
}

/* The cover's space before the organiser and the date takes what the page has left. */
static void fill_cover(fo_pdf_blocks *pb, size_t first_box)
{
    double used = 0;
    size_t fill = SIZE_MAX, end = pb->n_boxes;
    while (end > first_box && pb->boxes[end - 1].discardable)
        end--;
    for (size_t i = first_box; i < end; i++) {
        used += pb->boxes[i].height;
        if (pb->blocks[pb->refs[i].block].kind == FO_PDF_SPACE && pb->boxes[i].height == 0)
            fill = i;
    }
    double left = type_area_height(pb->style) - used;
    if (fill != SIZE_MAX && left > 0)
        pb->boxes[fill].height = left;
}

/* Move the front matter, paginated last, before the articles. */
static void front_matter_first(fo_pdf_blocks *pb, size_t article_pages)
{
    size_t front = pb->n_pages - article_pages;
    fo_pdf_page *moved = fo_xmalloc((pb->n_pages ? pb->n_pages : 1) * sizeof *moved);
    memcpy(moved, pb->pages + article_pages, front * sizeof *moved);
    memcpy(moved + front, pb->pages, article_pages * sizeof *moved);
    memcpy(pb->pages, moved, pb->n_pages * sizeof *moved);
    free(moved);
    pb->front_pages = front;
}

int fo_pdf_packet_paginate(fo_pdf_blocks *pb)
{
    size_t n = pb->doc->n_parts, contents = pb->marks[n + 1];
    if (fo_pdf_blocks_break(pb, pb->marks[1], contents) != 0)
        return -1;
    paginate_articles(pb);
    size_t article_pages = pb->n_pages;
    set_page_refs(pb);
    if (fo_pdf_blocks_break(pb, pb->marks[0], pb->marks[1]) != 0 ||
        fo_pdf_blocks_break(pb, contents, pb->marks[n + 2]) != 0)
        return -1;
    size_t cover = fo_pdf_blocks_make_boxes(pb, pb->marks[0], pb->marks[1]);
    fill_cover(pb, cover);
    fo_pdf_blocks_add_pages(pb, cover, pb->n_boxes, NULL, 0);
    if (pb->odd_article_break) /* the contents on a right-hand page too */
        fo_pdf_blocks_add_blank_page(pb);
    size_t first = fo_pdf_blocks_make_boxes(pb, contents, pb->marks[n + 2]);
    fo_pdf_blocks_add_pages(pb, first, pb->n_boxes, NULL, 0);
    if (pb->odd_article_break && (pb->n_pages - article_pages) % 2)
        fo_pdf_blocks_add_blank_page(pb); /* page 1 is a right-hand page */
    front_matter_first(pb, article_pages);
    return 0;
}
