/* read_page.h — from a sequence of blocks to a document: the stages every reader shares.
 *
 * A block is one paragraph candidate: a logical line of a text file (read_text.c), or, for an HTML
 * reader, one <p>, <h1>…<h6>, <li>, <td> or <figcaption> of a page with its tag as extra evidence.
 * The stages each do one thing and can be called one after the other on any block sequence:
 *
 *   fo_page_features  per block: its shape (length, sentences, how it ends), metadata fields, a
 *                     date, page furniture, a numbering prefix, a byline, a caption credit, a
 *                     dateline, whether its text repeats elsewhere on the page; glued metadata is
 *                     split off into blocks of its own ("…。来源:中新网");
 *   fo_page_zones     chrome / header / body / footer, decided over the whole page: the metadata
 *                     block next to the title anchors the header, the first long sentence starts
 *                     the body, footer words and a trailing metadata block end it;
 *   fo_page_roles     within the zones: title (chosen among candidates, split lines joined, site
 *                     names and tags stripped), subtitle, metadata, bylines, captions, official-
 *                     document parts; in the body the numbering grammar (headings and their levels,
 *                     contents lists, law articles, unnumbered subheads) and run-in heads;
 *   fo_page_assemble  the model (metadata, nested sections, figures, paragraphs, inlines).
 *
 * fo_read_blocks runs all four.  The page owns its blocks' text.
 */
#ifndef FOLIO_READ_PAGE_H
#define FOLIO_READ_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "doc.h"
#include "read_text_rules.h"
#include "util.h"

/* What the markup said about a block (HTML); FO_TAG_NONE for plain text. */
typedef enum fo_block_tag {
    FO_TAG_NONE,
    FO_TAG_P,
    FO_TAG_H1, FO_TAG_H2, FO_TAG_H3, FO_TAG_H4, FO_TAG_H5, FO_TAG_H6,
    FO_TAG_LI,
    FO_TAG_TD,
    FO_TAG_CAPTION,
} fo_block_tag;

typedef enum fo_zone { FO_ZONE_CHROME, FO_ZONE_HEADER, FO_ZONE_BODY, FO_ZONE_FOOTER } fo_zone;

typedef enum fo_block_role { /* what a block serves as: role = FO_AS_TITLE */
    FO_AS_NONE,
    FO_AS_JUNK,           /* page furniture: dropped */
    FO_AS_CHROME,         /* site chrome above the title: dropped */
    FO_AS_BREADCRUMB,     /* site and category */
    FO_AS_TITLE,          /* the title (its later lines too, when it is split) */
    FO_AS_SUBTITLE,
    FO_AS_META,           /* metadata fields */
    FO_AS_DUPLICATE,      /* the title (or a heading) printed again: dropped */
    FO_AS_ORIGINAL_TITLE,
    FO_AS_BYLINE,         /* authors */
    FO_AS_DOCNUMBER,      /* 发文字号 on a line of its own */
    FO_AS_CAPTION,
    FO_AS_HEADING,
    FO_AS_HEADING_CONT,   /* the second line of a heading set on two lines */
    FO_AS_PARA,
    FO_AS_PARA_CONT,      /* a piece of the paragraph above, split off by the scraping */
    FO_AS_RIGHTS,
    FO_AS_NOTE,           /* 编者按 */
    FO_AS_PART,           /* a part of an official document (read_gongwen.h): info.part says which */
    FO_AS_COUNT
} fo_block_role;

/* A block as a reader hands it over. */
typedef struct fo_block {
    uint32_t *cp;           /* the text as code points, trimmed; owned by the page once added */
    size_t n;
    int line, col;          /* where it starts in the input, 1-based */
    int last_line;          /* the last input line it covers */
    int gap;                /* blank lines (or empty blocks) before it, at most 3 */
    int tag;                /* fo_block_tag */
} fo_block;

/* What the stages found out about a block, and what they decided. */
typedef struct fo_block_info {
    uint32_t features;      /* FO_F_* */
    uint32_t hash;          /* of the text without white space, for repeats */
    int repeat_of;          /* an earlier block with the same text, or -1 */
    unsigned char zone;     /* fo_zone */
    unsigned char role;     /* fo_block_role */
    unsigned char rank;     /* for headings: fo_heading_rank */
    unsigned char level;    /* for headings: 1 = the page's outermost */
    fo_heading_match heading;
    size_t caption_start, caption_end, credit_start; /* for captions */
    size_t text_start;      /* where the block's own text starts (after a stripped marker or tag) */
    size_t runin;           /* run-in head length, 0 for none */
    unsigned char part;     /* what the block is in an official document: fo_gw_part (read_gongwen.h) */
    const char *why;        /* the evidence that decided, for --explain */
} fo_block_info;

/* Features (bits of fo_block_info.features). */
enum {
    FO_F_JUNK = 1u << 0,        /* furniture by itself: widgets, rules, counters, file names, sizes */
    FO_F_META = 1u << 1,        /* a metadata line (known fields) */
    FO_F_ANCHOR = 1u << 2,      /* metadata that marks the header: a publication date, source or people */
    FO_F_BYLINE = 1u << 3,
    FO_F_DATELINE = 1u << 4,    /* opens with 新华社北京1月16日电 / 本报讯 */
    FO_F_CAPTION = 1u << 5,
    FO_F_HEADING = 1u << 6,     /* a numbering prefix and a short title */
    FO_F_SUBTITLE = 1u << 7,    /* —— … */
    FO_F_PROSE = 1u << 8,       /* a long sentence: where a body starts */
    FO_F_ENDS_SENTENCE = 1u << 9,
    FO_F_ENDS_OPEN = 1u << 10,  /* ends with ，、：: unfinished */
    FO_F_NAV = 1u << 11,        /* a row of short links */
    FO_F_BREADCRUMB = 1u << 12,
    FO_F_FOOTER = 1u << 13,     /* 上一篇, 相关阅读, 版权所有 … */
    FO_F_DOCNUMBER = 1u << 14,  /* 冀人社发〔2022〕11号 */
    FO_F_PAGELABEL = 1u << 15,  /* an e-paper page label: 第5版, 01版:要闻 */
    FO_F_IMAGE = 1u << 16,      /* an image's place: "\", a file name */
    FO_F_SPEAKER = 1u << 17,    /* a speech's speaker line above its (date) */
    FO_F_MARKED = 1u << 18,     /* opens with a caption mark △ ▲ */
    FO_F_SPACED = 1u << 19,     /* letter-spaced: 路 孚 特 */
    FO_F_PREFIX = 1u << 20,     /* 原标题: 版权声明: 编者按: */
    FO_F_KEYONLY = 1u << 21,    /* a known key with no value ("发布时间:"): the value is on the next line */
    FO_F_LATIN = 1u << 22,      /* mostly Latin letters */
    FO_F_UNKNOWN = 1u << 23,    /* a metadata line with fields the vocabulary does not know */
    FO_F_TITLENOTE = 1u << 24,  /* 【题注】: a law's note on its adoption, under its title */
    FO_F_SIGNED = 1u << 25,     /* "（某某大学 张三）": a signature of unit and names, in brackets */
};

typedef struct fo_page {
    fo_block *blocks;
    fo_block_info *info;
    size_t n, cap;
    const fo_reader_limits *lim;
    unsigned date_flags;        /* FO_DATE_ROC on traditional-script pages */
    const char *language;       /* BCP 47 from the script: "zh-CN", "zh-Hant", "zh-TW", "zh-HK" */
    long title_first, title_last; /* the title block, -1 when none */
    long header_end;            /* the first block after the header */
    long body_start, footer_start;
    long prose;                 /* the body's first long sentence, -1 when none */
    size_t title_cut;           /* characters (white space aside) of a column tag before the title */
} fo_page;

fo_page *fo_page_new(const fo_reader_limits *lim);
/* Add a block; the page takes ownership of b->cp (malloc'ed). */
void fo_page_add(fo_page *p, const fo_block *b);
void fo_page_features(fo_page *p);
void fo_page_zones(fo_page *p);
void fo_page_roles(fo_page *p);
void fo_page_assemble(const fo_page *p, fo_doc *doc);
void fo_page_free(fo_page *p);

/* All stages; NULL (with an error in `d`) when the page holds no article text.  The caller still
 * frees the page (its blocks and decisions stay readable for --explain). */
fo_doc *fo_read_blocks(fo_page *p, fo_diag *d);

/* For --explain: the zone, role and evidence of a block, as words. */
const char *fo_zone_name(int zone);
const char *fo_role_name(int role);

#endif
