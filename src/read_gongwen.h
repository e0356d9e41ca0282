/* read_gongwen.h — an official document's parts (公文, GB/T 9704-2012 §7) among a page's blocks.
 *
 * Two stages of the page reader (read_page.h) and the assembly of what they find:
 *
 *   fo_gongwen_head   after the features, before the zones: the 版头 at the top of the page — 份号,
 *                     密级和保密期限, 紧急程度, 发文机关标志 — on the lines right above a 发文字号 line
 *                     (with 签发人 beside it).  The number is the evidence: without it no line is a
 *                     版头's.  The lines are marked so that no title or body rule takes them.
 *   fo_gongwen_parts  among the roles, before the numbering grammar: 主送机关 (the body's first line,
 *                     a list of organs ending in ：), the signature block at the end of the main text
 *                     (organ lines over a date, then only notes, attachments, a 版记 or nothing), the
 *                     附件说明 right above it, the 附注 right under it, the attachments after it (附件1
 *                     / 附件 alone on a line, then their title) and the 版记 (抄送：…, "XX办公室
 *                     2025年1月16日印发").  A page is an official document when it shows a 版头 number,
 *                     an addressee, a signature block or an imprint; only then are 附件说明, notes,
 *                     attachments and 抄送 read as parts.
 *
 * What a block is goes into fo_block_info.part; the flow's parts get the role FO_AS_PART.
 */
#ifndef FOLIO_READ_GONGWEN_H
#define FOLIO_READ_GONGWEN_H

#include "doc.h"
#include "read_page.h"

/* What a block is in an official document (fo_block_info.part). */
typedef enum fo_gw_part {
    FO_GW_NONE,
    FO_GW_HEAD,             /* 版头: 份号, 密级, 紧急程度 or 发文机关标志 (each token says which) */
    FO_GW_NUMBER,           /* 发文字号, 签发人 beside it */
    FO_GW_ADDRESSEE,        /* 主送机关 */
    FO_GW_ENCLOSURES,       /* 附件说明: "附件：1.…" */
    FO_GW_ENCLOSURE,        /* its next item ("2.…"), or the rest of a long one */
    FO_GW_SIGNATURE,        /* 发文机关署名: one organ a line */
    FO_GW_DATE,             /* 成文日期 */
    FO_GW_ANNOTATION,       /* 附注: "（此件公开发布）" */
    FO_GW_ATTACHMENT,       /* an attachment's label: "附件1", "附件" (its title may follow on the line) */
    FO_GW_ATTACHMENT_TITLE, /* an attachment's title, on the line under its label */
    FO_GW_CC,               /* 版记: 抄送 */
    FO_GW_IMPRINT,          /* 版记: 印发机关和印发日期 */
    FO_GW_SUBHEAD,          /* "（二）突出重点。" alone over its "1." items: a heading (role FO_AS_HEADING) */
    FO_GW_RUNIN,            /* "（一）…。…" before such a heading: a run-in head even alone in its section */
} fo_gw_part;

void fo_gongwen_head(fo_page *p);
void fo_gongwen_parts(fo_page *p);

/* The 版头 and 版记 into the metadata, and the issuing organ and the document's date from the
 * signature block (when the page named none). */
void fo_gongwen_meta(const fo_page *p, fo_doc *doc);
/* The part block i (role FO_AS_PART) makes, appended to `parent`; the 版记's lines make none. */
void fo_gongwen_append(const fo_page *p, size_t i, fo_doc *doc, fo_node *parent);
/* The attachment block i (part FO_GW_ATTACHMENT) opens, with its label and title, appended to the
 * document: the blocks that follow, up to the next attachment, go into it. */
fo_node *fo_gongwen_attachment(const fo_page *p, size_t i, fo_doc *doc);

/* The rules, for tests: each on a whole block's text (code points, trimmed). */
bool fo_gongwen_is_addressee(const uint32_t *s, size_t n);
bool fo_gongwen_is_organ(const uint32_t *s, size_t n);
bool fo_gongwen_is_date(const uint32_t *s, size_t n);
bool fo_gongwen_is_imprint(const uint32_t *s, size_t n);
/* "附件1", "附件", "附件2 标题": the label's length, 0 when the block is no attachment's label. */
size_t fo_gongwen_attachment_label(const uint32_t *s, size_t n);

#endif
