/* doc.h — folio's document model: metadata plus a tree of block and inline nodes.
 *
 * After pandoc's AST and cmark's node tree.  One closed set of node kinds that every writer
 * handles.  The document owns every node and every string (one arena, one free): writers
 * borrow the tree read-only, and a `const char *` inside the model lives as long as the
 * document.
 *
 * Tree shape
 *   FO_DOCUMENT        children: blocks
 *   FO_SECTION         u.section.title (FO_INLINES); children: blocks, then subsections
 *   FO_PARA            u.para.head (FO_INLINES or NULL: the run-in head); children: inlines
 *   FO_FIGURE          u.figure.caption (FO_INLINES or NULL); no children
 *   FO_BLOCKQUOTE      children: blocks
 *   FO_LIST            children: FO_ITEM
 *   FO_ITEM            children: blocks
 *   FO_RULE            no children
 *   FO_TABLE           u.table.caption (FO_INLINES or NULL); children: FO_ROW, header rows first,
 *                      at least one body row
 *   FO_ROW             children: FO_CELL (at least one)
 *   FO_CELL            children: blocks (no section, list item, table, row or cell)
 *   FO_PART            a part of an official document (公文), u.part.kind says which (below)
 *   FO_INLINES         an inline container for titles, run-in heads and captions; children: inlines
 *   FO_TEXT            u.text.str
 *   FO_STRONG, FO_EMPH, FO_CITETITLE, FO_LINK (u.link.url)   children: inlines
 *   FO_LINEBREAK       no children
 *
 * Titles, heads and captions hang off their owner through a field, not as children, so a walk of
 * `first/next` over a block's children sees only what belongs in its body.  Their parent pointer is
 * the owner.
 *
 * Official documents (公文, GB/T 9704-2012 §7).  What has a fixed place on the page is metadata: the
 * 版头 (份号 copy_number, 密级 secrecy, 紧急程度 urgency, 发文机关标志 organ_mark, 发文字号 doc_number,
 * 签发人 signers), the issuing organ and the document's own date (issuer, doc_date) and the 版记 (抄送
 * cc, 印发机关 printer, 印发日期 print_date).  What has a place in the text's flow is a node, FO_PART,
 * whose kind is one of a closed set, so that every writer handles each one:
 *   FO_PART_ADDRESSEE  主送机关, before the body: inlines ("各市（州）司法局：")
 *   FO_PART_ENCLOSURES 附件说明, after the body: one FO_PARA per attachment named, in order (writers
 *                      put "附件：" before the first and number them when there are two or more)
 *   FO_PART_SIGNATURE  发文机关署名: inlines, one organ (a joint document has one part per organ)
 *   FO_PART_DATE       成文日期 as the document prints it: inlines ("2025年2月18日"; meta.doc_date
 *                      holds it as ISO 8601)
 *   FO_PART_ANNOTATION 附注, under the date: inlines, one note ("（此件公开发布）")
 *   FO_PART_ATTACHMENT 附件: u.part.label ("附件1", "附件" or NULL), u.part.title (FO_INLINES or
 *                      NULL); children: blocks, then sections
 * The parts other than attachments stand where the text puts them: in the document or, after its
 * last heading, in the last section (the model's rule: no block after a section at its level), and
 * in an attachment's body.  Attachments are children of the document only, after everything else,
 * sections included: a document is [blocks] [sections] [attachments].
 *
 * Collections (folio --collect: a meeting packet, a digest, a volume) are documents of documents:
 * the collection's `meta` is its own (title, subtitle, date, publisher from -M), its root stays
 * empty, and `parts` holds the articles in order, each a whole fo_doc as its reader made it, with
 * its own metadata, tree and arena.  A writer walks the parts and renders each one with the code
 * it uses for a lone article (fo_doc_article_count / fo_doc_article give every document as a list
 * of articles: a lone article is a list of one).
 */
#ifndef FOLIO_DOC_H
#define FOLIO_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum fo_kind {
    FO_DOCUMENT,
    /* blocks */
    FO_SECTION,
    FO_PARA,
    FO_FIGURE,
    FO_BLOCKQUOTE,
    FO_LIST,
    FO_ITEM,
    FO_RULE,
    FO_TABLE,
    FO_ROW,
    FO_CELL,
    FO_PART,
    /* inlines */
    FO_INLINES,
    FO_TEXT,
    FO_STRONG,
    FO_EMPH,
    FO_CITETITLE,
    FO_LINK,
    FO_LINEBREAK,
    FO_KIND_COUNT
} fo_kind;

/* Where a node came from in the input: 1-based line and column (in characters); 0 = unknown. */
typedef struct fo_pos {
    int line;
    int col;
} fo_pos;

/* A picture the reader found and checked (image.h): its bytes live in the document's arena. */
typedef struct fo_image {
    const char *media_type;     /* "image/jpeg", "image/png", "image/gif", "image/webp" */
    const unsigned char *data;
    size_t size;
    int width, height;          /* pixels, from the image's own header */
    const char *path;           /* the file it was read from, for messages */
} fo_image;

/* The parts of an official document that have a place in its flow (see the top of the file). */
typedef enum fo_part_kind {
    FO_PART_ADDRESSEE,
    FO_PART_ENCLOSURES,
    FO_PART_SIGNATURE,
    FO_PART_DATE,
    FO_PART_ANNOTATION,
    FO_PART_ATTACHMENT,
    FO_PART_KIND_COUNT
} fo_part_kind;

/* The most columns a table may have (HTML caps colspan at 1000 too): a hostile page cannot make a
 * writer lay out millions of columns. */
#define FO_TABLE_MAX_COLS 1000

typedef struct fo_node fo_node;
struct fo_node {
    fo_kind kind;
    fo_node *parent, *first, *last, *prev, *next;
    fo_pos pos;
    union {
        struct {
            int level;          /* 1 = top level */
            int number;         /* 1-based position among its siblings, set by fo_doc_finish */
            const char *label;  /* "亮点一", "一", "第一章" …; NULL when unlabelled */
            const char *marker; /* the label as the article prints it before the title, with its
                                   punctuation: "亮点一：", "一、", "（一）", "1.", "第一章 "; NULL
                                   when unlabelled.  Writers show marker + title. */
            const char *id;     /* stable id ("sec-3", "sec-3-1"), set by fo_doc_finish */
            fo_node *title;     /* FO_INLINES */
        } section;
        struct {
            fo_node *head;      /* run-in head ("加强宣传解读。"), FO_INLINES or NULL */
            const char *role;   /* NULL for body text; "lead" for the lead, "note" for 编者按 … */
        } para;
        struct {
            const char *image;  /* the image as the article names it: a file (relative to the input)
                                   or a URL; NULL when the article has only the caption */
            fo_node *caption;   /* FO_INLINES or NULL */
            const char *credit; /* "省司法厅供图", "新华社记者 某某 摄"; NULL when none */
            const fo_image *picture; /* the image itself when the reader loaded and checked it;
                                        NULL for a remote or missing one (the figure keeps `image`) */
        } figure;
        struct {
            fo_node *caption;   /* FO_INLINES or NULL */
            int cols;           /* columns, set by fo_doc_finish from the cells and their spans */
        } table;
        struct {
            bool header;        /* a header row (<thead>, or a top row of <th>) */
        } row;
        struct {
            int rowspan, colspan; /* at least 1; fo_doc_finish keeps a rowspan inside its row group */
            int col;            /* 0-based first column, set by fo_doc_finish (row spans shift cells) */
            bool header;        /* <th> */
        } cell;
        struct {
            bool ordered;
            int start;
        } list;
        struct {
            fo_part_kind kind;
            const char *label;  /* an attachment's as printed: "附件1", "附件"; NULL otherwise */
            fo_node *title;     /* an attachment's title, FO_INLINES or NULL */
            const char *id;     /* an attachment's stable id ("att-1"), set by fo_doc_finish */
            int number;         /* an attachment's 1-based number, set by fo_doc_finish */
        } part;
        struct {
            const char *url;
        } link;
        struct {
            const char *str;    /* UTF-8, never NULL */
        } text;
    } u;
};

/* One person named by the article: reporter, author, editor. */
typedef struct fo_author fo_author;
struct fo_author {
    const char *name;
    const char *role;        /* "记者", "通讯员", "编辑", "责任编辑", "作者" …; NULL if unknown */
    const char *affiliation; /* "新甘肃·甘肃法治报"; NULL if unknown */
    fo_author *next;
};

/* A list of strings (category path, keywords), in order. */
typedef struct fo_strlist fo_strlist;
struct fo_strlist {
    const char *str;
    fo_strlist *next;
};

typedef struct fo_meta {
    const char *title;
    const char *subtitle;
    const char *original_title;
    fo_author *authors;          /* in the order the article names them */
    const char *date;            /* ISO 8601: "2025-01-16T16:16+08:00" or "2025-01-16": the publication date */
    const char *source;          /* 来源: the paper the article came from */
    /* An official document's own identity (公文): NULL when the page shows none. */
    const char *doc_number;      /* 发文字号 / 文号: "冀人社发〔2022〕11号" */
    const char *index_number;    /* 索引号: the government disclosure catalogue's number */
    const char *issuer;          /* 发布机构 / 发文机关: the issuing organ */
    const char *doc_date;        /* 成文日期: the document's own date (ISO 8601), apart from publication */
    const char *publisher;       /* the site that published it (from the breadcrumb) */
    fo_strlist *category;        /* breadcrumb path below the site: 法治甘肃 › 本网关注 */
    fo_strlist *keywords;
    const char *rights;          /* 版权声明 */
    const char *language;        /* BCP 47; "zh-CN" by default */
    const char *identifier;      /* "urn:uuid:…", stable: derived from title, date and source */
    const char *abstract;        /* 编者按 or a summary; NULL when none */
    /* An official document's 版头 and 版记 (GB/T 9704-2012 §7.2, §7.4): NULL when it has none. */
    const char *copy_number;     /* 份号: "000123" */
    const char *secrecy;         /* 密级和保密期限: "机密★1年" */
    const char *urgency;         /* 紧急程度: "特急" */
    const char *organ_mark;      /* 发文机关标志: "河西省司法厅文件"; a line per organ of a joint document */
    fo_strlist *signers;         /* 签发人, in order */
    const char *cc;              /* 抄送: the organs after "抄送：" as printed ("…，省委依法治省办。") */
    const char *printer;         /* 印发机关: "河西省司法厅办公室" */
    const char *print_date;      /* 印发日期 (ISO 8601) */
} fo_meta;

typedef struct fo_arena fo_arena;

typedef struct fo_doc fo_doc;
struct fo_doc {
    fo_meta meta;
    fo_node *root;               /* FO_DOCUMENT; empty in a collection */
    const char *input_name;      /* for messages; borrowed from the caller (may be NULL) */
    int64_t source_date_epoch;   /* SOURCE_DATE_EPOCH, read and checked by the command line; -1: none */
    fo_arena *arena;
    /* A collection's articles, in order, owned (fo_doc_free frees them); NULL for an article. */
    fo_doc **parts;
    size_t n_parts;
    /* A part's id in its collection ("art-2"), which also prefixes its section ids ("art-2-sec-1")
     * so that they are unique in the whole book; NULL for a lone article. */
    const char *id;
};

/* Build */
fo_doc *fo_doc_new(void);                 /* NULL when out of memory */
void fo_doc_free(fo_doc *doc);            /* frees every node and string of the document */
/* Zeroed, aligned for any node or struct of the model.  Out of memory, or past the document's
 * limit (fo_doc_set_limit), is fatal: fo_out_of_memory (util.h). */
void *fo_doc_alloc(fo_doc *doc, size_t size);
const char *fo_doc_strdup(fo_doc *doc, const char *s);     /* NULL stays NULL */
const char *fo_doc_strndup(fo_doc *doc, const char *s, size_t n);
/* The code points s[from, to) as a UTF-8 string in the document's arena. */
const char *fo_doc_strdup_cps(fo_doc *doc, const uint32_t *s, size_t from, size_t to);
fo_node *fo_node_new(fo_doc *doc, fo_kind kind, fo_pos pos);
fo_node *fo_node_append(fo_node *parent, fo_node *child);  /* returns child */
fo_node *fo_text_new(fo_doc *doc, const char *s, size_t n, fo_pos pos);
/* An FO_INLINES container owned by `owner` (not linked as a child). */
fo_node *fo_inlines_new(fo_doc *doc, fo_node *owner, fo_pos pos);
/* An FO_PART of `kind` (not linked). */
fo_node *fo_part_new(fo_doc *doc, fo_part_kind kind, fo_pos pos);
void fo_meta_add_author(fo_doc *doc, const char *name, const char *role, const char *affiliation);
void fo_strlist_append(fo_doc *doc, fo_strlist **list, const char *s);
/* Set one metadata field by the name -M gives it: title, subtitle, original-title, date, source,
 * publisher (or site), rights, language (or lang), identifier, abstract; author (replaces the
 * authors), category (replaces the path), keywords (or keyword: adds one); an official document's
 * copy-number, secrecy, urgency, organ-mark, cc, printer, print-date, signer (adds one).  Returns
 * false, changing nothing, for any other key. */
bool fo_meta_set(fo_doc *doc, const char *key, const char *value);
bool fo_meta_key_known(const char *key);

/* A new document may take at most this much memory (fo_doc_set_limit): an article's tree takes two
 * or three times its text (the seed repeated 3,000 times, 61 MB: 150 MB), the most lines folio reads
 * (FO_MAX_LINES) as one-character paragraphs 220 MB, as 50-byte ones 280 MB; only input built to
 * explode (millions of 《a》 titles) needs more. */
#define FO_MAX_DOC_BYTES ((size_t)320 << 20)

/* The most memory the document may take (0: no limit; FO_MAX_DOC_BYTES when new).  A reader given an article that would need
 * more (millions of paragraphs or inline elements) stops with "out of memory" instead of taking
 * the machine's memory: see fo_doc_alloc. */
void fo_doc_set_limit(fo_doc *doc, size_t bytes);
/* Bytes the document's nodes and strings take (what the limit counts). */
size_t fo_doc_memory(const fo_doc *doc);

/* Call once the reader is done: numbers sections, gives them ids, lays out table cells in columns,
 * sets the identifier and the default language.  Every writer relies on it. */
void fo_doc_finish(fo_doc *doc);

/* Collections.  fo_doc_add_part appends a finished article to `collection`, which takes it over:
 * the part gets the id "art-N" and its sections ids under it.  Finish the collection
 * (fo_doc_finish) once every part is in: its identifier covers the parts'. */
void fo_doc_add_part(fo_doc *collection, fo_doc *part);
bool fo_doc_is_collection(const fo_doc *doc);
/* Every document as a list of articles: a collection's parts, or the article itself (one). */
size_t fo_doc_article_count(const fo_doc *doc);
const fo_doc *fo_doc_article(const fo_doc *doc, size_t i);

/* Query */
bool fo_kind_is_block(fo_kind k);
bool fo_kind_is_inline(fo_kind k);
const char *fo_kind_name(fo_kind k);        /* "section", "para" … */
const char *fo_part_kind_name(fo_part_kind k); /* "addressee", "attachment" … */
fo_part_kind fo_part_kind_of(const char *name); /* the kind of that name; FO_PART_KIND_COUNT for none */
/* Whether a part of this kind holds inlines (addressee, signature, date, annotation) rather than
 * blocks (enclosures, attachment). */
bool fo_part_holds_inlines(fo_part_kind k);
/* Whether `n` is an FO_PART of `kind`. */
bool fo_is_part(const fo_node *n, fo_part_kind kind);
/* Whether the document is an official document: it has a 公文 part or any 版头 or 版记 item other
 * than the document number (which a web page's index table gives a notice it reposts: metadata). */
bool fo_doc_is_official(const fo_doc *doc);
/* The concatenated text of an inline tree (or of a block's inlines), newly allocated: caller frees. */
char *fo_node_text(const fo_node *n);
/* What a person did for the article, from the role the article gives (one table for every writer:
 * DocBook's author/editor/othercredit, the OPF's MARC relators, bylines). */
typedef enum fo_credit {
    FO_CREDIT_AUTHOR,        /* 记者, 通讯员, 作者 … or no role given */
    FO_CREDIT_PHOTOGRAPHER,  /* 摄影, 图 */
    FO_CREDIT_EDITOR,        /* 编辑, 责任编辑, 值班编辑, 主编 */
    FO_CREDIT_REVIEWER,      /* 审核, 审校, 终审 */
    FO_CREDIT_PROOFREADER,   /* 校对 */
    FO_CREDIT_PRODUCER,      /* 监制, 统筹 */
    FO_CREDIT_OTHER,         /* 播音, 翻译: credited, but none of the above */
} fo_credit;
/* From the role word through the vocabulary (vocab.h); a compound role takes its last known word
 * ("新媒体监制" is a producer), and no role or an unknown one is an author. */
fo_credit fo_author_credit(const fo_author *a);
/* Whether a person wrote, reported or photographed the article, as opposed to editing, checking or
 * producing it.  Bylines and the Author of a document name the former; metadata credits everyone. */
bool fo_author_is_creator(const fo_author *a);
/* Whether a byline names `a`: a creator, named once even when the article gives them two roles
 * (作者 in the date line, 记者 in the dateline): the most specific role is kept, else the first. */
bool fo_author_in_byline(const fo_meta *m, const fo_author *a);
/* Whether the article names anyone who wrote, reported or photographed it (a byline to print). */
bool fo_meta_has_creator(const fo_meta *m);
/* The title every writer shows: the article's own, or "无标题" (untitled) when it has none.  One
 * policy for every format: DocBook and EPUB require a title, and the reader sees the same one in
 * the PDF and on the page. */
const char *fo_doc_title(const fo_doc *doc);
/* True when `s` is a W3C date-time (W3CDTF, also valid as an HTML datetime and a dc:date):
 * YYYY-MM-DD with a real month and day, optionally followed by Thh:mm[:ss] and a zone (Z or
 * +hh:mm).  What the model's date must be to be given as a machine-readable date. */
bool fo_date_is_w3c(const char *s);
/* Count of top-level sections, and the first one (handy for TOCs). */
size_t fo_doc_section_count(const fo_doc *doc);
/* The date as bylines print it, the same in every format: "2025年1月16日", with " 16:16" when
 * `with_time` and the date has a time; a date that is not W3C is printed as it is.  NULL when
 * there is no date; the caller frees the string. */
char *fo_meta_date_text(const fo_meta *m, bool with_time);
/* "2025-01-16" from meta.date into buf (size >= 11); returns false when there is no date. */
bool fo_meta_day(const fo_meta *m, char *buf, size_t size);
/* Seconds since the epoch for timestamps written into outputs: doc->source_date_epoch when set, else
 * the article's date (at its own offset; a day alone is its midnight in China, +08:00), else
 * 2000-01-01; a collection without a date of its own takes its latest article's.  Never the clock,
 * so output bytes are stable. */
int64_t fo_doc_timestamp(const fo_doc *doc);

/* A date as the model holds them (ISO 8601): "2025-01-16", "2025-01-16T16:16+08:00",
 * "2025-01-16T08:16:30Z".  Parsed once, here, for every writer. */
typedef struct fo_date {
    int year, month, day;
    bool has_time;
    int hour, minute, second;
    int offset;              /* minutes east of UTC; +480 when the date gives none (China time) */
    bool has_offset;
} fo_date;
/* Whether `s` is such a date on the calendar (no 2025-02-30, month 13, hour 25, minute 61 or year
 * 0; years 1 to 9999, offsets within ±14:00); fills *out when it is. */
bool fo_date_parse(const char *s, fo_date *out);
int64_t fo_date_epoch(const fo_date *d);
/* The latest instant SOURCE_DATE_EPOCH may name: 9999-12-31T23:59:59 in China (+08:00), so that
 * every format, the PDF's dates in Beijing time too, still writes a four-digit year. */
#define FO_MAX_EPOCH ((int64_t)253402271999)

/* Whether `tag` is a well-formed BCP 47 language tag (RFC 5646: "zh-CN", "zh-Hant-TW", "en",
 * "x-private"); the EPUB's dc:language and every xml:lang need one. */
bool fo_language_tag_valid(const char *tag);

/* Check the tree's invariants (parents, siblings, what may contain what; a collection's root empty
 * and every part a sound article).  Returns NULL when the tree is sound, else a static message
 * naming the first problem.  Used by tests and fuzzers. */
const char *fo_doc_check(const fo_doc *doc);

#endif
