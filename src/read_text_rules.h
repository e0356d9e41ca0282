/* read_text_rules.h — the plain-text reader's line rules, one small named function each, exposed
 * so tests/unit/test_reader.c can show the lines each rule must catch and the near-misses it must
 * leave alone.  Every rule works on one logical line as an array of code points, already stripped
 * of leading and trailing white space.
 */
#ifndef FOLIO_READ_TEXT_RULES_H
#define FOLIO_READ_TEXT_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vocab.h"

/* The reader's thresholds, in characters.  Named here, tested in test_reader.c. */
typedef struct fo_reader_limits {
    size_t heading_max;        /* a numbered heading's title longer than this is a paragraph */
    size_t title_max;          /* the article title is a short line */
    size_t runin_head_min;     /* a run-in head ("加强宣传解读。") is a short first sentence … */
    size_t runin_head_max;
    size_t runin_rest_min;     /* … followed by at least this much text in the same paragraph */
    size_t runin_series_min;   /* run-in heads come in series: fewer in one section are plain text */
    size_t caption_max;        /* a photo caption with its credit */
    size_t credit_max;         /* "新华社记者 某某 摄", "省司法厅供图" */
    size_t byline_max;         /* "新甘肃·甘肃法治报记者龚利芳" */
    size_t doubled_max;        /* share-widget junk: one short string twice, each half at most this */
    size_t header_zone;        /* logical lines from the top where title, date line and subtitle sit */
    size_t wrap_min_lines;     /* hard-wrapped input: at least this many lines of the same length … */
    double wrap_min_share;     /* … making at least this share of the long lines */
    /* the page (read_page.c) */
    size_t prose_min;          /* a long sentence, where a body starts: at least this long, ending like one … */
    size_t prose_stop_min;     /* … or this long when it ends with one 。 and holds a comma */
    size_t prose_running_min;  /* … or this long with its commas (a paragraph cut short by the excerpt) */
    size_t prose_latin_min;    /* an English one */
    size_t title_lines_max;    /* a headline printed on more lines than this is a list of headlines */
    size_t subhead_max;        /* an unnumbered subhead between paragraphs */
    size_t subhead_latin_max;
    size_t bare_caption_max;   /* a photo story's caption whose picture is gone, in a run of them */
    size_t fragment_max;       /* a piece of a sentence the scraping broke over lines */
    size_t contents_min;       /* a table of contents has at least this many entries */
    size_t speaker_max;        /* a speech's speaker line: "副校长李召虎" */
} fo_reader_limits;

extern const fo_reader_limits fo_reader_default_limits;

/* Heading ranks, outermost first; levels are assigned from the ranks a document actually uses. */
enum fo_heading_rank {
    FO_RANK_DOCUMENT,     /* the title of the document a notice issues (印发《X》的通知 … X) */
    FO_RANK_VOLUME,       /* 第一编 */
    FO_RANK_CHAPTER,      /* 第一章 */
    FO_RANK_PART,         /* 第一节 */
    FO_RANK_PLAIN,        /* an unnumbered subhead between paragraphs */
    FO_RANK_NAMED,        /* 亮点一： 案例一： (a short Han word + numeral + colon) */
    FO_RANK_ROMAN,        /* I. 概述, Ⅱ、 */
    FO_RANK_HAN,          /* 一、 */
    FO_RANK_HAN_PAREN,    /* (一) （一） */
    FO_RANK_DECIMAL1,     /* 1 总则, 1总则 (a number and a short title, no dot) */
    FO_RANK_DECIMAL2,     /* 1.1 编制目的 */
    FO_RANK_DECIMAL3,     /* 1.4.1 突发事件分类 (and deeper) */
    FO_RANK_DIGIT,        /* 1. 1． 1、 */
    FO_RANK_DIGIT_PAREN,  /* (1) （1） */
    FO_RANK_CIRCLED,      /* ① */
    FO_RANK_BRACKET,      /* 【基本案情】 alone on its line */
    FO_RANK_ARTICLE,      /* 第一条 (law articles: numbered paragraphs, never sections) */
    FO_RANK_COUNT
};

typedef struct fo_heading_match {
    int rank;
    size_t label_start, label_end;   /* the label without punctuation: "亮点一", "一", "1", "第一条" */
    size_t marker_end;               /* end of the marker with its punctuation: "亮点一：" */
    size_t title_start;              /* where the title (or, for 第N条, the article text) starts */
} fo_heading_match;

bool fo_rule_heading(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_heading_match *m);

/* The number a heading label stands for: "亮点三" 3, "十二" 12, "二十一" 21, "3" 3, "第十条" 10;
 * 0 when it has none. */
int fo_heading_number(const uint32_t *s, size_t from, size_t to);

/* A photo caption with its credit: "…调研。 省司法厅供图", "…莫迪。新华社记者鞠鹏摄", "…（中评社 沈而忱摄）",
 * "…評論。路透", or marked "△…" (with or without a credit).  The caption is [caption_start,
 * caption_end), the credit [credit_start, credit_end) (empty when none). */
typedef struct fo_caption_match {
    size_t caption_start, caption_end, credit_start, credit_end;
} fo_caption_match;
bool fo_rule_caption(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_caption_match *m);

/* A reporter's byline: "记者X", "新甘肃·甘肃法治报记者龚利芳", "文/X", "通讯员X"; `names` receives
 * up to max_names (start, end, role_start, role_end) spans and the affiliation span. */
typedef struct fo_byline_name {
    size_t start, end;               /* the name */
    size_t role_start, role_end;     /* "记者", "通讯员", "文" */
} fo_byline_name;
typedef struct fo_byline_match {
    size_t affiliation_end;          /* [0, affiliation_end) is the paper; 0 when none */
    size_t unit_start, unit_end;     /* "撰文 | 顾凡及（复旦大学…）": the unit in brackets after a name */
    size_t n_names;
    fo_byline_name names[8];
} fo_byline_match;
bool fo_rule_byline(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_byline_match *m);
/* "（甘肃省司法厅 张三）": an article signed at its end, in brackets, with the unit (in
 * unit_start/unit_end) and the names (no role words). */
bool fo_rule_signature(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_byline_match *m);

typedef struct fo_meta_span {
    size_t start, end;
} fo_meta_span;

/* A date as a page prints it, read from text (doc.h's fo_date is the model's ISO string parsed): a
 * calendar date with an optional time; hour -1 when there is no time, second -1 when the time
 * has no seconds. */
typedef struct fo_text_date {
    int year, month, day, hour, minute, second;
} fo_text_date;

enum {
    FO_DATE_ROC = 1,   /* accept Republic-of-China years without 民國 ("109-11-12", "114年1月13日"): traditional pages */
};

/* A date at s[i…]: 2025-01-16, 2025/1/16, 2025.01.16, 2025年1月16日, 2024 09/21, 民國113年5月20日
 * (ROC years need 民國 or FO_DATE_ROC), then an optional weekday (星期三, (星期三)) and an optional
 * time (16:16, 16:16:43, 16时16分, glued or after spaces; a time glued to the next sentence,
 * "16:56:432024年", ends after its two-digit seconds).  Returns the end, or i when there is none. */
size_t fo_parse_date(const uint32_t *s, size_t n, size_t i, unsigned flags, fo_text_date *d);
/* A time alone at s[i…], possibly after a zone word: "香港時間18時00分", "北京时间 9:30". */
size_t fo_parse_time(const uint32_t *s, size_t n, size_t i, fo_text_date *d);
/* The first date anywhere in s (linear); false when none. */
bool fo_find_date(const uint32_t *s, size_t n, unsigned flags, fo_text_date *d, size_t *start, size_t *end);
/* "2025-01-16T16:16:43+08:00", "2025-01-16T16:16+08:00" or "2025-01-16" into buf (size >= 32). */
void fo_date_iso(const fo_text_date *d, char *buf, size_t size);

/* A metadata line, tokenised tolerantly into fields: KEY:VALUE (colon full or half width, spaces
 * around it; letter-spaced keys "索   引   号"; a known key before a value without a colon, as in
 * index tables), dates with or without a key, separators | 丨 • and runs of spaces, fields glued
 * without a separator, the whole line possibly in brackets or after a bullet.  Page furniture beside
 * the fields (【字体：大 中 小】, 分享到, a URL, a counter such as 浏览次数:N) is dropped.  A key with an
 * empty value gets no value, never the next field.  Unknown short fields ("视力保护色:") are kept
 * as such, and the caller decides whether the page zone tolerates them. */
enum {
    FO_FIELD_DATE = FO_WORD_COUNT, /* a date (with its time) with no key */
    FO_FIELD_TIME,                 /* a time alone: "香港時間18時00分" */
    FO_FIELD_UNKNOWN,              /* "KEY:VALUE" whose key the vocabulary does not know */
    FO_FIELD_OUTLET,               /* an outlet named after the date with no key: "2007年03月16日18:54 中国网" */
};
typedef struct fo_meta_field {
    int cls;                       /* the fo_word_class of its key, or FO_FIELD_* */
    const struct fo_word *word;    /* the key in the vocabulary (its credit, for roles), NULL for none */
    fo_meta_span key, value;       /* value.start == value.end: the key has no value */
    fo_text_date date;                  /* for date keys and keyless dates */
    bool has_date;
} fo_meta_field;
#define FO_META_MAX_FIELDS 16
typedef struct fo_meta_match {
    fo_meta_field fields[FO_META_MAX_FIELDS];
    size_t n_fields;               /* the first FO_META_MAX_FIELDS fields; the rest are read and dropped */
    size_t n_known;                /* fields with a known key, dates and times */
    size_t n_unknown;              /* FO_FIELD_UNKNOWN fields */
    size_t furniture;              /* widgets, counters and URLs dropped */
    bool parsed;                   /* the whole line is fields and furniture (true even with no known field) */
} fo_meta_match;
bool fo_rule_meta_line(const uint32_t *s, size_t n, unsigned date_flags, fo_meta_match *m);
/* The line's publication date: its first field with a publication-date key, or a keyless date. */
const fo_meta_field *fo_meta_pubdate(const fo_meta_match *m);
/* The first field of a class (fo_word_class or FO_FIELD_*), or NULL. */
const fo_meta_field *fo_meta_field_of(const fo_meta_match *m, int cls);

/* The length of a run of page furniture at s[i…] (widget and chrome words with the brackets,
 * separators and the 大 中 小 of a font-size switch around them); 0 unless it holds such a word. */
size_t fo_rule_furniture_run(const uint32_t *s, size_t n, size_t i);

/* "您当前的位置 : 中国甘肃网 >> 法治甘肃 >> 本网关注": item spans into items[], count returned
 * (0 when the line is not a breadcrumb). */
size_t fo_rule_breadcrumb(const uint32_t *s, size_t n, fo_meta_span *items, size_t max_items);
/* The length of a breadcrumb's opener words at the start ("当前位置", "您当前所在位置"), or 0. */
size_t fo_rule_breadcrumb_opener(const uint32_t *s, size_t n);

/* An official document's number at s[i…] (冀人社发〔2022〕11号): its end, or i. */
size_t fo_rule_docnumber_at(const uint32_t *s, size_t n, size_t i);
/* An e-paper's page label: "第5版(国内专页)", "01版:要闻", "当前版: 03版". */
bool fo_rule_page_label(const uint32_t *s, size_t n);

/* Anti-scraping "jammer" strings a forum sprinkles into posts ("8 X7 ~6 a1 p$ F+"): the length of
 * a run of at least three short ASCII tokens at s[i…], two of them odd (a symbol, or letters with
 * digits), or 0. */
size_t fo_rule_jammer_run(const uint32_t *s, size_t n, size_t i);

/* Web-page junk: share widgets, 【字体：大 中 小】, 打印本页, 关闭窗口, one short string twice. */
bool fo_rule_junk(const uint32_t *s, size_t n, const fo_reader_limits *lim);

/* A paragraph that opens with a run-in head: returns the head's length (its closing 。 included),
 * or 0. */
size_t fo_rule_runin_head(const uint32_t *s, size_t n, const fo_reader_limits *lim);

/* A line that opens with a label of a class of the vocabulary (FO_WORD_ORIGINAL 原标题, FO_WORD_RIGHTS
 * 版权声明, FO_WORD_NOTE 编者按) and a colon, or white space: returns where the text after it starts,
 * or 0. */
size_t fo_rule_prefix(const uint32_t *s, size_t n, int word_class);

/* A paragraph opening with a dateline: "新华社北京1月16日电（记者 张三）…", "本报讯（记者 李四 通讯员 王五）…",
 * "本报墨西哥城1月28日电记者张三报道：…", "中新网3月14日电 …", "新华社贵阳2月12日电 题：…".  The dateline
 * stays in the text: it is part of the article as published. */
typedef struct fo_dateline_match {
    size_t agency_end;               /* [0, agency_end): the agency; 0 for 本报/本台/本网 or none */
    size_t by_start, by_end;         /* the byline, without brackets; empty when the dateline names nobody */
    size_t end;                      /* after the dateline word (and its bracket) */
    size_t title_start;              /* after "题：" when the dateline carries the title, else 0 */
} fo_dateline_match;
bool fo_rule_dateline(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_dateline_match *m);

/* "——2024年全省…": the subtitle's start after the dashes, or 0. */
size_t fo_rule_subtitle(const uint32_t *s, size_t n);

/* ASCII , : ; ( ) ! ? between Chinese characters become full width, in place; returns the new
 * length.  "2024年,省" → "2024年，省"; "16:16" and "Hello, world" stay. */
size_t fo_normalize_punctuation(uint32_t *s, size_t n);

#endif
