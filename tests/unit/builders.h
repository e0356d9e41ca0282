/* builders.h — building documents by hand in unit tests: one node, one call.
 *
 *   fo_doc *doc = fo_doc_new();
 *   fo_node *s = tb_section(doc, doc->root, 1, "亮点一", "亮点一：", "标题");
 *   tb_para(doc, s, "加强宣传解读。", "正文");
 *   fo_doc_finish(doc);
 *
 * Nodes come from nowhere (line 0) unless tb_at says where; strings are copied into the document.
 */
#ifndef FOLIO_TEST_BUILDERS_H
#define FOLIO_TEST_BUILDERS_H

#include <string.h>

#include "doc.h"

static const fo_pos TB_NOWHERE = {0, 0};

static inline fo_node *tb_add(fo_doc *doc, fo_node *parent, fo_kind kind)
{
    return fo_node_append(parent, fo_node_new(doc, kind, TB_NOWHERE));
}

static inline fo_node *tb_text(fo_doc *doc, fo_node *parent, const char *s)
{
    return fo_node_append(parent, fo_text_new(doc, s, strlen(s), TB_NOWHERE));
}

/* An inline of `kind` (strong, emph, citetitle, link) holding one text. */
static inline fo_node *tb_wrapped(fo_doc *doc, fo_node *parent, fo_kind kind, const char *s)
{
    fo_node *n = tb_add(doc, parent, kind);
    tb_text(doc, n, s);
    return n;
}

/* An inline container owned by `owner` (a title, a run-in head, a caption) holding one text. */
static inline fo_node *tb_inlines(fo_doc *doc, fo_node *owner, const char *s)
{
    fo_node *c = fo_inlines_new(doc, owner, TB_NOWHERE);
    tb_text(doc, c, s);
    return c;
}

/* A section; `label` and `marker` may be NULL. */
static inline fo_node *tb_section(fo_doc *doc, fo_node *parent, int level, const char *label, const char *marker,
                                  const char *title)
{
    fo_node *s = tb_add(doc, parent, FO_SECTION);
    s->u.section.level = level;
    s->u.section.label = fo_doc_strdup(doc, label);
    s->u.section.marker = fo_doc_strdup(doc, marker);
    s->u.section.title = tb_inlines(doc, s, title);
    return s;
}

/* A paragraph; `head` (a run-in head) and `body` may be NULL. */
static inline fo_node *tb_para(fo_doc *doc, fo_node *parent, const char *head, const char *body)
{
    fo_node *p = tb_add(doc, parent, FO_PARA);
    if (head)
        p->u.para.head = tb_inlines(doc, p, head);
    if (body)
        tb_text(doc, p, body);
    return p;
}

/* A figure; each of `image`, `caption` and `credit` may be NULL. */
static inline fo_node *tb_figure(fo_doc *doc, fo_node *parent, const char *image, const char *caption,
                                 const char *credit)
{
    fo_node *f = tb_add(doc, parent, FO_FIGURE);
    f->u.figure.image = fo_doc_strdup(doc, image);
    f->u.figure.credit = fo_doc_strdup(doc, credit);
    if (caption)
        f->u.figure.caption = tb_inlines(doc, f, caption);
    return f;
}

/* A list item holding one paragraph. */
static inline fo_node *tb_item(fo_doc *doc, fo_node *list, const char *body)
{
    fo_node *item = tb_add(doc, list, FO_ITEM);
    tb_para(doc, item, NULL, body);
    return item;
}

/* A table row; header rows come first. */
static inline fo_node *tb_row(fo_doc *doc, fo_node *table, bool header)
{
    fo_node *r = tb_add(doc, table, FO_ROW);
    r->u.row.header = header;
    return r;
}

/* A cell spanning `rowspan` rows and `colspan` columns, holding one paragraph unless `text` is NULL. */
static inline fo_node *tb_cell(fo_doc *doc, fo_node *row, const char *text, int rowspan, int colspan)
{
    fo_node *c = tb_add(doc, row, FO_CELL);
    c->u.cell.rowspan = rowspan;
    c->u.cell.colspan = colspan;
    c->u.cell.header = row->u.row.header;
    if (text)
        tb_para(doc, c, NULL, text);
    return c;
}

/* A part of an official document (doc.h); a part that holds inlines gets `text` (may be NULL). */
static inline fo_node *tb_part(fo_doc *doc, fo_node *parent, fo_part_kind kind, const char *text)
{
    fo_node *p = fo_node_append(parent, fo_part_new(doc, kind, TB_NOWHERE));
    if (text)
        tb_text(doc, p, text);
    return p;
}

/* An attachment of the document; `label` and `title` may be NULL. */
static inline fo_node *tb_attachment(fo_doc *doc, const char *label, const char *title)
{
    fo_node *a = tb_part(doc, doc->root, FO_PART_ATTACHMENT, NULL);
    a->u.part.label = fo_doc_strdup(doc, label);
    if (title)
        a->u.part.title = tb_inlines(doc, a, title);
    return a;
}

/* A small official document with every part: the 版头 and 版记 metadata, an addressee, a section
 * whose end holds the attachment list (two names), the signature, the date and two notes, and two
 * attachments, the second with a section of its own.  Not finished. */
static inline fo_doc *tb_official(void)
{
    fo_doc *doc = fo_doc_new();
    fo_meta *m = &doc->meta;
    m->title = "关于开展测试的通知";
    m->copy_number = "000001";
    m->secrecy = "秘密★1年";
    m->urgency = "特急";
    m->organ_mark = "甲省乙厅\n甲省丙厅";
    m->doc_number = "甲乙发〔2025〕1号";
    fo_strlist_append(doc, &m->signers, "张三");
    fo_strlist_append(doc, &m->signers, "李四");
    m->cc = "丁厅，戊厅。";
    m->printer = "甲省乙厅办公室";
    m->print_date = "2025-02-18";
    tb_part(doc, doc->root, FO_PART_ADDRESSEE, "各市司法局：");
    tb_para(doc, doc->root, NULL, "现将有关事项通知如下。");
    fo_node *s = tb_section(doc, doc->root, 1, "一", "一、", "工作要求");
    tb_para(doc, s, NULL, "请按时报送。");
    fo_node *list = tb_part(doc, s, FO_PART_ENCLOSURES, NULL);
    tb_para(doc, list, NULL, "安排表");
    tb_para(doc, list, NULL, "统计表");
    tb_part(doc, s, FO_PART_SIGNATURE, "甲省乙厅");
    tb_part(doc, s, FO_PART_DATE, "2025年2月18日");
    tb_part(doc, s, FO_PART_ANNOTATION, "（此件公开发布）");
    tb_part(doc, s, FO_PART_ANNOTATION, "（联系人：王五）");
    tb_para(doc, tb_attachment(doc, "附件1", "安排表"), NULL, "三月启动。");
    fo_node *a2 = tb_attachment(doc, "附件2", "统计表");
    tb_para(doc, tb_section(doc, a2, 1, "一", "一、", "填报"), NULL, "逐月填报。");
    return doc;
}

/* Say that `n` and everything it holds (its title, head or caption too) come from line `line`,
 * column `col` of the input. */
static inline fo_node *tb_at(fo_node *n, int line, int col)
{
    n->pos = (fo_pos){line, col};
    for (fo_node *c = n->first; c; c = c->next)
        tb_at(c, line, col);
    fo_node *owned = n->kind == FO_SECTION ? n->u.section.title
                     : n->kind == FO_PARA  ? n->u.para.head
                     : n->kind == FO_FIGURE ? n->u.figure.caption
                     : n->kind == FO_PART  ? n->u.part.title
                                            : NULL;
    if (owned)
        tb_at(owned, line, col);
    return n;
}

#endif
