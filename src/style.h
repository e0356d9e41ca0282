/* style.h — the print style: page, fonts and text settings read from styles/NAME.ini (libinih).
 *
 * fo_style_defaults() fills in the built-in meeting-handout look; fo_style_load() then applies a
 * style file on top of it.  Every key the file may hold is listed in styles/default.ini.  A bad
 * value or an unknown key is an error naming the file, the line and the key.
 * Units: every length in the struct is in PDF points (1/72 in).
 */
#ifndef FOLIO_STYLE_H
#define FOLIO_STYLE_H

#include <stdbool.h>

#include "util.h"

/* The typeface roles: the three of a Chinese handout, 宋/明 body, 黑 headings, 楷 captions; and the
 * two more that official documents (GB/T 9704) name, 仿宋 for their text and 小标宋 for the organ's
 * mark and the title.  A style that gives these two no pattern has them set in the serif and the
 * sans face (fo_font_role_base). */
typedef enum fo_font_role {
    FO_ROLE_SERIF,
    FO_ROLE_SANS,
    FO_ROLE_KAI,
    FO_ROLE_FANGSONG,
    FO_ROLE_BIAOSONG,
    FO_ROLE_COUNT
} fo_font_role;

/* The role whose face a role without a pattern of its own takes: serif for fangsong, sans for
 * biaosong, the role itself for the others. */
fo_font_role fo_font_role_base(fo_font_role role);

typedef enum fo_style_align {
    FO_STYLE_JUSTIFY,
    FO_STYLE_LEFT,
    FO_STYLE_CENTER,
    FO_STYLE_RIGHT,
    FO_STYLE_OUTSIDE        /* header and footer only: odd pages right, even pages left, 1 em in */
} fo_style_align;

/* How one kind of text is set. */
typedef struct fo_text_style {
    fo_font_role font;
    bool bold;              /* faux bold (fill then stroke) */
    double size;            /* pt */
    double line_height;     /* line pitch as a multiple of size */
    double space_before;    /* pt */
    double space_after;     /* pt */
    double indent;          /* first-line indent, in em of this text's size */
    fo_style_align align;
    unsigned color;         /* 0xRRGGBB; 0 is black */
} fo_text_style;

/* The kinds of text the PDF writer sets, in the order of their [sections] in the style file. */
typedef enum fo_text_kind {
    FO_TEXT_BODY,
    FO_TEXT_LEAD,
    FO_TEXT_TITLE,
    FO_TEXT_SUBTITLE,
    FO_TEXT_BYLINE,
    FO_TEXT_HEADING1,
    FO_TEXT_HEADING2,
    FO_TEXT_HEADING3,
    FO_TEXT_RUNIN,          /* run-in heads: only font and bold matter, size is the body's */
    FO_TEXT_CAPTION,
    FO_TEXT_HEADER,
    FO_TEXT_FOOTER,
    /* a collection's cover and contents (folio --collect) */
    FO_TEXT_COVER_TITLE,
    FO_TEXT_COVER_SUBTITLE,
    FO_TEXT_COVER_LINE,     /* the organiser and the date at the foot of the cover */
    FO_TEXT_CONTENTS_TITLE, /* 目录 */
    FO_TEXT_CONTENTS_ENTRY, /* an article: its title, dot leaders, its page number */
    FO_TEXT_CONTENTS_NOTE,  /* under it in small type: date · source */
    FO_TEXT_CONTENTS_SECTION, /* --toc-depth 2 and more: its sections, indented */
    /* tables */
    FO_TEXT_TABLE,          /* body cells; its space before and after is the table's */
    FO_TEXT_TABLE_HEAD,     /* header cells */
    FO_TEXT_TABLE_TITLE,    /* the caption above the table; its space after separates them */
    /* an official document's parts (公文, GB/T 9704-2012) */
    FO_TEXT_MARKING,        /* 份号, 密级和保密期限, 紧急程度: top left */
    FO_TEXT_ORGAN,          /* 发文机关标志: red, centred */
    FO_TEXT_DOC_NUMBER,     /* 发文字号, and the 签发人 label */
    FO_TEXT_SIGNER,         /* the 签发人's names */
    FO_TEXT_ADDRESSEE,      /* 主送机关: flush left */
    FO_TEXT_ENCLOSURES,     /* 附件说明: numbers aligned, names hanging */
    FO_TEXT_SIGNATURE,      /* 发文机关署名: centred over the date */
    FO_TEXT_DATE,           /* 成文日期: four characters in from the right */
    FO_TEXT_ANNOTATION,     /* 附注 */
    FO_TEXT_ATTACHMENT_LABEL, /* "附件1", top left of the attachment's first page */
    FO_TEXT_ATTACHMENT_TITLE,
    FO_TEXT_IMPRINT,        /* 版记: 抄送, 印发机关和印发日期, between rules */
    FO_TEXT_RIGHTS,         /* the copyright statement (版权声明) at the end */
    FO_TEXT_KIND_COUNT
} fo_text_kind;

#define FO_STYLE_PATTERN_MAX 256
#define FO_STYLE_FORMAT_MAX 64

typedef struct fo_style {
    double page_width, page_height;
    double margin_top, margin_bottom, margin_left, margin_right;
    /* fontconfig patterns, one per role ("AR PL UMing CN,AR PL UMing TW:lang=zh") */
    char font_pattern[FO_ROLE_COUNT][FO_STYLE_PATTERN_MAX];
    fo_text_style text[FO_TEXT_KIND_COUNT];
    /* running header (from page 2 on) */
    bool header_enabled;
    bool header_rule;           /* a hairline under the header */
    int header_max_chars;       /* the short title: longer titles are cut and end in "…" */
    double header_offset;       /* baseline of the header above the top margin, pt */
    /* footer: the page number */
    char page_number_format[FO_STYLE_FORMAT_MAX];   /* "— {page} —" */
    double footer_offset;       /* baseline of the page number below the bottom margin, pt */
    /* A character grid ([page] lines, chars; 0: none): every line of the text is a line of the
     * grid, lines_per_page of them filling the type area, and the body's characters advance the
     * type area's width / chars_per_line (GB/T 9704: 22 lines of 28 characters). */
    int grid_lines, grid_chars;
} fo_style;

/* The built-in look (what styles/default.ini also spells out). */
void fo_style_defaults(fo_style *st);

/* Apply the style file at `path` on top of what `st` holds.  Returns 0, or -1 with one error in
 * `d` per bad line ("PATH:LINE: unknown key 'x' in [body]"). */
int fo_style_load(fo_style *st, const char *path, fo_diag *d);

const char *fo_font_role_name(fo_font_role role);   /* "serif", "sans", "kai", "fangsong", "biaosong" */
const char *fo_text_kind_name(fo_text_kind kind);   /* the [section] name: "body", "heading1" … */

/* The grid's line pitch and the advance of a body character, pt (0 without a grid). */
double fo_style_grid_pitch(const fo_style *st);
double fo_style_grid_advance(const fo_style *st);

/* Expand the page-number format for page `page` into buf. */
void fo_style_page_number(const fo_style *st, int page, char *buf, size_t size);

#endif
