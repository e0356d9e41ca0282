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
                                            : NULL;
    if (owned)
        tb_at(owned, line, col);
    return n;
}

#endif
