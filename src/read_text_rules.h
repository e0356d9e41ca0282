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
} fo_reader_limits;

extern const fo_reader_limits fo_reader_default_limits;

/* Heading ranks, outermost first; levels are assigned from the ranks a document actually uses. */
enum fo_heading_rank {
    FO_RANK_CHAPTER,      /* 第一章 */
    FO_RANK_PART,         /* 第一节 */
    FO_RANK_NAMED,        /* 亮点一： 重点二： (a short Han word + numeral + colon) */
    FO_RANK_HAN,          /* 一、 */
    FO_RANK_HAN_PAREN,    /* (一) （一） */
    FO_RANK_DIGIT,        /* 1. 1． 1、 */
    FO_RANK_DIGIT_PAREN,  /* (1) （1） */
    FO_RANK_ARTICLE,      /* 第一条 (law articles: the rest of the line is the article's text) */
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

/* "…调研。 省司法厅供图": caption [0, caption_end), credit [credit_start, n). */
bool fo_rule_caption(const uint32_t *s, size_t n, const fo_reader_limits *lim, size_t *caption_end,
                     size_t *credit_start);

/* A reporter's byline: "记者X", "新甘肃·甘肃法治报记者龚利芳", "文/X", "通讯员X"; `names` receives
 * up to max_names (start, end, role_start, role_end) spans and the affiliation span. */
typedef struct fo_byline_name {
    size_t start, end;               /* the name */
    size_t role_start, role_end;     /* "记者", "通讯员", "文" */
} fo_byline_name;
typedef struct fo_byline_match {
    size_t affiliation_end;          /* [0, affiliation_end) is the paper; 0 when none */
    size_t n_names;
    fo_byline_name names[8];
} fo_byline_match;
bool fo_rule_byline(const uint32_t *s, size_t n, const fo_reader_limits *lim, fo_byline_match *m);

/* A metadata line: a date and/or KEY:VALUE fields (发布时间 来源 作者 编辑 责任编辑 审核 …) and
 * nothing else, possibly in brackets ("（责任编辑：张三）").  Spans are [start, end) code-point offsets; a missing field has start == end. */
typedef struct fo_meta_span {
    size_t start, end;
} fo_meta_span;
typedef struct fo_meta_match {
    int year, month, day, hour, minute;  /* hour = -1 when no time */
    bool has_date;
    fo_meta_span source, author, editor, chief_editor;
    fo_meta_span others[4], other_roles[4];  /* 审核：X, 校对：Y …: the name and its role word */
    size_t n_others;
} fo_meta_match;
bool fo_rule_meta_line(const uint32_t *s, size_t n, fo_meta_match *m);

/* "您当前的位置 : 中国甘肃网 >> 法治甘肃 >> 本网关注": item spans into items[], count returned
 * (0 when the line is not a breadcrumb). */
size_t fo_rule_breadcrumb(const uint32_t *s, size_t n, fo_meta_span *items, size_t max_items);

/* Web-page junk: share widgets, 【字体：大 中 小】, 打印本页, 关闭窗口, one short string twice. */
bool fo_rule_junk(const uint32_t *s, size_t n, const fo_reader_limits *lim);

/* A paragraph that opens with a run-in head: returns the head's length (its closing 。 included),
 * or 0. */
size_t fo_rule_runin_head(const uint32_t *s, size_t n, const fo_reader_limits *lim);

/* Lines with a known prefix: returns the offset after "原标题:", "版权声明:", "编者按:" …, or 0. */
size_t fo_rule_prefix(const uint32_t *s, size_t n, const char *const *prefixes);
extern const char *const fo_original_title_prefixes[];
extern const char *const fo_rights_prefixes[];
extern const char *const fo_editor_note_prefixes[];

/* A paragraph opening with a dateline and a parenthesised byline: "新华社北京1月16日电（记者 张三）…",
 * "本报讯（记者 李四 通讯员 王五）…".  Sets the agency ([0, agency_end), 0 for 本报/本台/本网 or none)
 * and the parenthesis [open, close] (close included); false when the paragraph has none.  The
 * dateline stays in the text: it is part of the article as published. */
bool fo_rule_dateline(const uint32_t *s, size_t n, const fo_reader_limits *lim, size_t *agency_end, size_t *open,
                      size_t *close);

/* "——2024年全省…": the subtitle's start after the dashes, or 0. */
size_t fo_rule_subtitle(const uint32_t *s, size_t n);

/* ASCII , : ; ( ) ! ? between Chinese characters become full width, in place; returns the new
 * length.  "2024年,省" → "2024年，省"; "16:16" and "Hello, world" stay. */
size_t fo_normalize_punctuation(uint32_t *s, size_t n);

#endif
