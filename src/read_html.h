/* read_html.h — the stages of the HTML reader, shared by its files (not an interface for others).
 *
 *   read_html.c          bytes → UTF-8 (charset), libxml2's HTML parser, the pipeline, --explain
 *   read_html_content.c  per-element evidence and the article's main content (text and punctuation
 *                        density against link density, <article>, class and id words)
 *   read_html_blocks.c   the content subtree → a flat list of blocks (paragraphs, headings, images,
 *                        list items, tables) with their inline runs (bold, italic, links, breaks)
 *   read_html_meta.c     title, date, source, people, keywords, description from <meta>, the headline
 *                        element and the text around it
 *   read_html_build.c    blocks → the model: roles (heading, caption, metadata line, furniture),
 *                        sections, figures with their images, tables
 */
#ifndef FOLIO_READ_HTML_H
#define FOLIO_READ_HTML_H

#include <libxml/HTMLparser.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "picture.h"
#include "readers.h"

/* ---- evidence per element (read_html_content.c) ---- */

enum {
    HF_SKIP = 1,        /* never read: script, style, form controls … */
    HF_BLOCK = 2,       /* starts a new block (p, div, li, h1 …) */
    HF_POSITIVE = 4,    /* class/id words of article content (content, article, text, zoom …) */
    HF_NEGATIVE = 8,    /* class/id words of furniture (nav, share, comment, related …) */
    HF_FURNITURE = 16,  /* a whole subtree of page furniture inside the content: left out */
    HF_FOOTER = 32,     /* its own text names the site's footer: 版权所有, Copyright, ICP备 … */
    HF_HIDDEN = 64,     /* display:none or hidden: never text, but read for metadata (a hidden 原标题) */
};

typedef struct hstat {
    unsigned flags;
    double score;       /* content evidence gathered from the paragraphs below (readability's way) */
    size_t text;        /* characters of text in the subtree (white space not counted) */
    size_t link_text;   /* … of them inside links */
    size_t punct;       /* sentence punctuation outside links: ，。！？；：、“” … */
    size_t own_text;    /* characters whose nearest block element is this one */
    size_t own_punct;
    size_t own_link;
    size_t breaks;      /* <br> whose nearest block element is this one */
    size_t images;      /* <img> in the subtree */
    int order;          /* document order, for "before" and "after" */
    int last;           /* the order of the last element in the subtree */
} hstat;

/* ---- blocks (read_html_blocks.c) ---- */

enum {
    RS_BOLD = 1,
    RS_ITALIC = 2,
};

/* A stretch of a block's text with one style: [start, end) code points into the block's text. */
typedef struct hrun {
    size_t start, end;
    unsigned style;
    const char *href;   /* the link's target (in the page's arena), or NULL */
} hrun;

typedef enum hblock_kind {
    HB_TEXT,            /* a paragraph's worth of inline content */
    HB_IMAGE,
    HB_TABLE,
    HB_RULE,
} hblock_kind;

typedef enum hrole {
    HR_BODY,            /* an ordinary paragraph */
    HR_HEADING,
    HR_CAPTION,         /* the caption of the image before it (or a photo's caption without a photo) */
    HR_META,            /* a date / 来源 / 作者 / 编辑 line: metadata, not text */
    HR_TITLE,           /* the headline repeated inside the content */
    HR_ORIGINAL_TITLE,  /* 原标题：… */
    HR_BYLINE,          /* 记者 X, 文/X … */
    HR_FURNITURE,       /* page furniture inside the content: share bars, QR prompts, footers */
    HR_END,             /* a "related articles" marker or the credits under the text, and all after */
    HR_LABEL,           /* "点评：" alone in bold: the run-in head of the paragraph after it */
    HR_NUMBER,          /* "01" alone: the number of the heading after it */
} hrole;

typedef struct hblock {
    hblock_kind kind;
    hrole role;
    const char *why;            /* the rule that gave the role, for --explain */
    xmlNodePtr elem;            /* the block element it came from */
    int line;                   /* its line in the page */
    uint32_t *cp;               /* text (code points), white space collapsed, punctuation normalised */
    size_t n;
    hrun *runs;
    size_t n_runs;
    /* evidence */
    int hlevel;                 /* 1–6 for <h1>…<h6>, else 0 */
    bool all_bold;              /* every character bold (<strong>, <b>, font-weight) */
    bool centered;              /* align=center, text-align:center, <center> */
    bool heading_class;         /* class words of a heading: h1–h6, title, subtitle, heading */
    bool small;                 /* a small font or a grey colour: how pages set captions */
    bool after_image;           /* follows an image in the same block element (a caption's tail) */
    bool figcaption;            /* inside <figcaption>: the page says it is a caption */
    bool in_quote;              /* inside <blockquote> */
    bool pre;                   /* <pre>: line breaks kept */
    bool furniture;             /* inside a furniture subtree: not text, but read for metadata */
    size_t runin;               /* length of a run-in head the text reader's rule found (one of a series) */
    xmlNodePtr list;            /* the <ul>/<ol> of a list item, else NULL */
    bool ordered;
    /* HB_IMAGE */
    const char *src;            /* the image reference as the page gives it */
    const char *alt;            /* its alt text (the caption, on pages that repeat it there), or NULL */
    /* HB_TABLE */
    xmlNodePtr table;
} hblock;

typedef struct hblocks {
    hblock *v;
    size_t n, cap;
} hblocks;

/* ---- the page ---- */

typedef struct hpage {
    const fo_read_opts *opts;
    fo_diag *diag;
    fo_doc *doc;                /* the document being built; its arena holds the pages' strings */
    htmlDocPtr dom;
    xmlNodePtr head, body;
    hstat *stats;               /* one per element, reached through node->_private */
    size_t n_stats;
    xmlNodePtr content;         /* the article's main content */
    xmlNodePtr headline;        /* the element holding the headline, or NULL */
    hblocks blocks;             /* the content, in order */
    const char *site;           /* the site's name (<title> suffix, og:site_name …), for telling it from people */
    fo_picture_loader pictures; /* the figures' pictures (picture.h); .failed: a bad image was an error */
} hpage;

static inline hstat *hstat_of(xmlNodePtr n) { return n ? (hstat *)n->_private : NULL; }

/* read_html_content.c */
void fo_html_gather(hpage *p);              /* every element's flags and counts */
void fo_html_find_content(hpage *p);        /* p->content */
const char *fo_html_attr(xmlNodePtr n, const char *name);
const char *fo_html_find_ci(const char *hay, const char *needle);  /* strcasestr, which C11 lacks */  /* attribute value or NULL (in the arena) */
bool fo_html_is_tag(xmlNodePtr n, const char *name);
bool fo_html_is_block_tag(xmlNodePtr n);
bool fo_html_is_skipped_tag(xmlNodePtr n);
bool fo_html_is_hidden(xmlNodePtr n);
int fo_html_class_words(xmlNodePtr n, bool *heading);  /* +1 content, -1 furniture, 0 neither */
bool fo_html_is_punct(uint32_t c);

/* read_html_blocks.c */
/* The blocks of the subtree at `root` (the content, or a table cell), appended to `out`. */
void fo_html_blocks(hpage *p, xmlNodePtr root, hblocks *out);
void fo_html_blocks_free(hblocks *b);
/* The text of an element as UTF-8 (white space collapsed, trimmed), in the document's arena. */
const char *fo_html_text(hpage *p, xmlNodePtr n);
/* Decode a UTF-8 string into code points (caller frees). */
uint32_t *fo_html_cps(const char *s, size_t *n);
char *fo_html_utf8(const uint32_t *s, size_t n);    /* caller frees; characters XML forbids left out */
int fo_html_line(xmlNodePtr n);                     /* its line in the page; 0 when unknown */
/* A string from an attribute of the page, in the document's arena, without what XML forbids. */
const char *fo_html_clean(hpage *p, const char *s, size_t len);

/* read_html_meta.c */
/* Title, date, source, people, keywords from <meta>, the headline element and the text between the
 * headline and the content, into p->doc->meta; sets p->headline and p->site. */
void fo_html_meta(hpage *p);
/* A metadata line (date, 来源, 作者, 编辑 … and nothing else, possibly "本文来源：…"): applied to
 * fields not yet known when `apply`; false when the text is no such line.  `dates` says whether a
 * date-only line counts (in the body, a bare date is the signature date of a notice). */
bool fo_html_meta_line(hpage *p, const uint32_t *s, size_t n, bool dates, bool apply);
/* A byline: "记者 X", "文/X", "X/新京报" (a name and the paper): its people added when `apply`. */
bool fo_html_byline(hpage *p, const uint32_t *s, size_t n, bool apply);
/* A dateline with the reporters in brackets ("新华社北京12月9日电（记者 X）…"): they become authors. */
void fo_html_dateline(hpage *p, const uint32_t *s, size_t n);
/* "（张巨峰）", "(文/图 刘玺东 易赛楠)" closing the last paragraph: its people added when `apply`;
 * returns where the bracket opens, or n when the paragraph ends in no such byline. */
size_t fo_html_closing_byline(hpage *p, const uint32_t *s, size_t n, bool apply);
/* Text compared as a reader sees it: no white space, full-width ASCII forms as ASCII. */
char *fo_html_norm(const uint32_t *s, size_t n);

/* read_html_build.c */
void fo_html_roles(hpage *p);               /* every block's role */
void fo_html_build(hpage *p);               /* the model from the blocks */

#endif
