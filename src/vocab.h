/* vocab.h — the words of the genre, in one table: metadata keys, people's roles, page furniture and
 * the endings that name documents, organisations and outlets, in simplified and traditional script.
 *
 * Every stage of the readers asks this table (the metadata tokenizer, bylines, chrome and footer
 * detection, titles), and so do the writers through fo_author_credit: one word, one meaning.  A word
 * may sit in the table under several classes (分享 is a widget and a footer word); a lookup names the
 * classes it wants.
 */
#ifndef FOLIO_VOCAB_H
#define FOLIO_VOCAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uchar.h>

#include "doc.h"

typedef enum fo_word_class {
    FO_WORD_PUBDATE,    /* 发布时间 日期 上载日期: the key of the publication date */
    FO_WORD_DOCDATE,    /* 成文日期 颁布日期: the document's own date (DocBook date role="document") */
    FO_WORD_ISSUEDATE,  /* 发文日期: the document's date, and the publication date when the page has no other */
    FO_WORD_OTHERDATE,  /* 归档时间 实施日期 更新时间: a date that is neither */
    FO_WORD_SOURCE,     /* 来源 稿源 信息来源 出处 */
    FO_WORD_ORGAN,      /* 发布机构 发文机关: the issuing organ */
    FO_WORD_DOCNUMBER,  /* 发文字号 文号 */
    FO_WORD_INDEX,      /* 索引号 */
    FO_WORD_KEYWORDS,   /* 关键词 主题词 */
    FO_WORD_TITLE,      /* 名称 标题 (the title in an index table) */
    FO_WORD_IGNORED,    /* 分类 有效性 转载 提示: fields that say nothing the model keeps */
    FO_WORD_COUNTER,    /* 浏览次数 阅读 点击数: counters */
    FO_WORD_PHOTO,      /* 图片来源: the credit of a photo */
    FO_WORD_ROLE,       /* 作者 记者 编辑 审核 …: a person's part, with its credit */
    FO_WORD_WIDGET,     /* 分享到 打印本页 字号 放大: widgets beside the text */
    FO_WORD_SKIP,       /* 跳至主要內容 无障碍 English 登录 版面导航: site chrome */
    FO_WORD_FOOTER,     /* 上一篇 相关阅读 版权所有: what follows the article */
    FO_WORD_TAG,        /* 转发 原创 组图: a tag in brackets before or after a title */
    FO_WORD_FIELDTAG,   /* 题注 章名: a law database's field names, printed in brackets before the field */
    FO_WORD_AGENCY,     /* 路透 法新社: a photo credited to an agency by its name alone */
    FO_WORD_DOCTYPE,    /* 通知 意见 办法: the last word of an official document's title */
    FO_WORD_ORGANWORD,  /* 办公室 委员会 局: an organisation's name ends so (it is not a person) */
    FO_WORD_PRESS,      /* 日报 网 社 台: an outlet's name ends so */
    FO_WORD_BREADCRUMB, /* 当前位置 您的位置: a breadcrumb opens so */
    FO_WORD_ORIGINAL,   /* 原标题: the original title follows */
    FO_WORD_RIGHTS,     /* 版权声明 免责声明: the rights statement follows */
    FO_WORD_NOTE,       /* 编者按: the editor's note follows */
    FO_WORD_AFFILIATION,/* 作者单位: the authors' unit follows */
    FO_WORD_CHANNEL,    /* 新闻 动态 要闻 时政: a site's channel; a short label ending so is no title */
    FO_WORD_COUNT
} fo_word_class;

#define FO_WORDS(c) (1u << (c))
/* Every metadata key (a word that may stand before a colon in a field). */
#define FO_WORDS_KEYS                                                                                         \
    (FO_WORDS(FO_WORD_PUBDATE) | FO_WORDS(FO_WORD_DOCDATE) | FO_WORDS(FO_WORD_ISSUEDATE) |                    \
     FO_WORDS(FO_WORD_OTHERDATE) | FO_WORDS(FO_WORD_SOURCE) | FO_WORDS(FO_WORD_ORGAN) |                       \
     FO_WORDS(FO_WORD_DOCNUMBER) | FO_WORDS(FO_WORD_INDEX) | FO_WORDS(FO_WORD_KEYWORDS) |                     \
     FO_WORDS(FO_WORD_TITLE) | FO_WORDS(FO_WORD_IGNORED) | FO_WORDS(FO_WORD_COUNTER) |                        \
     FO_WORDS(FO_WORD_PHOTO) | FO_WORDS(FO_WORD_ROLE) | FO_WORDS(FO_WORD_AFFILIATION))
/* Keys that hold a date. */
#define FO_WORDS_DATES                                                                                        \
    (FO_WORDS(FO_WORD_PUBDATE) | FO_WORDS(FO_WORD_DOCDATE) | FO_WORDS(FO_WORD_ISSUEDATE) |                    \
     FO_WORDS(FO_WORD_OTHERDATE))

typedef struct fo_word {
    const char32_t *text;
    unsigned char len;      /* in code points */
    unsigned char cls;      /* fo_word_class */
    unsigned char credit;   /* fo_credit, for FO_WORD_ROLE */
} fo_word;

/* The longest word of a class in `mask` at s[at…], or NULL; its length in *len.  With `spaced`,
 * white space may stand between its characters ("索   引   号", "发 布 机 构") and *len counts it. */
const fo_word *fo_vocab_at(const uint32_t *s, size_t n, size_t at, unsigned mask, bool spaced, size_t *len);
/* The longest word of a class in `mask` that ends exactly at s[to) and starts at or after `from`. */
const fo_word *fo_vocab_ending(const uint32_t *s, size_t from, size_t to, unsigned mask);
/* The word of a class in `mask` spelled exactly `utf8`, or NULL. */
const fo_word *fo_vocab_find(const char *utf8, unsigned mask);
/* The whole table, for tests: it must stay sorted by its first character. */
const fo_word *fo_vocab_table(size_t *count);

#endif
