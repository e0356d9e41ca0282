/* write_native.c — the document tree as indented text (`-t native`), for golden tests and debugging.
 * One line per node: kind, its attributes, its source position; text in double quotes. */
#include "writers.h"

#include <string.h>

static void put_quoted(fo_buf *b, const char *s)
{
    fo_buf_putc(b, '"');
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\')
            fo_buf_putc(b, '\\');
        if (*s == '\n')
            fo_buf_puts(b, "\\n");
        else
            fo_buf_putc(b, *s);
    }
    fo_buf_putc(b, '"');
}

static void indent(fo_buf *b, int depth)
{
    for (int i = 0; i < depth; i++)
        fo_buf_puts(b, "  ");
}

static void dump_node(fo_buf *b, const fo_node *n, int depth, const char *slot);

static void dump_children(fo_buf *b, const fo_node *n, int depth)
{
    for (const fo_node *c = n->first; c; c = c->next)
        dump_node(b, c, depth, NULL);
}

static void dump_node(fo_buf *b, const fo_node *n, int depth, const char *slot)
{
    indent(b, depth);
    if (slot)
        fo_buf_printf(b, "%s: ", slot);
    fo_buf_puts(b, fo_kind_name(n->kind));
    switch (n->kind) {
    case FO_SECTION:
        fo_buf_printf(b, " level=%d id=%s", n->u.section.level, n->u.section.id ? n->u.section.id : "-");
        if (n->u.section.label) {
            fo_buf_puts(b, " label=");
            put_quoted(b, n->u.section.label);
        }
        if (n->u.section.marker) {
            fo_buf_puts(b, " marker=");
            put_quoted(b, n->u.section.marker);
        }
        break;
    case FO_PARA:
        if (n->u.para.role)
            fo_buf_printf(b, " role=%s", n->u.para.role);
        break;
    case FO_FIGURE:
        if (n->u.figure.image) {
            fo_buf_puts(b, " image=");
            put_quoted(b, n->u.figure.image);
        }
        if (n->u.figure.credit) {
            fo_buf_puts(b, " credit=");
            put_quoted(b, n->u.figure.credit);
        }
        if (n->u.figure.picture)
            fo_buf_printf(b, " picture=%s:%dx%d:%zu", n->u.figure.picture->media_type,
                          n->u.figure.picture->width, n->u.figure.picture->height, n->u.figure.picture->size);
        break;
    case FO_TABLE:
        fo_buf_printf(b, " cols=%d", n->u.table.cols);
        break;
    case FO_ROW:
        if (n->u.row.header)
            fo_buf_puts(b, " header");
        break;
    case FO_CELL:
        fo_buf_printf(b, " col=%d", n->u.cell.col);
        if (n->u.cell.rowspan != 1)
            fo_buf_printf(b, " rowspan=%d", n->u.cell.rowspan);
        if (n->u.cell.colspan != 1)
            fo_buf_printf(b, " colspan=%d", n->u.cell.colspan);
        if (n->u.cell.header)
            fo_buf_puts(b, " header");
        break;
    case FO_LIST:
        fo_buf_printf(b, " %s start=%d", n->u.list.ordered ? "ordered" : "bullet", n->u.list.start);
        break;
    case FO_PART:
        fo_buf_printf(b, " %s", fo_part_kind_name(n->u.part.kind));
        if (n->u.part.id)
            fo_buf_printf(b, " id=%s", n->u.part.id);
        if (n->u.part.label) {
            fo_buf_puts(b, " label=");
            put_quoted(b, n->u.part.label);
        }
        break;
    case FO_LINK:
        fo_buf_puts(b, " url=");
        put_quoted(b, n->u.link.url);
        break;
    case FO_TEXT:
        fo_buf_putc(b, ' ');
        put_quoted(b, n->u.text.str);
        break;
    default:
        break;
    }
    if (n->pos.line)
        fo_buf_printf(b, " @%d:%d", n->pos.line, n->pos.col);
    fo_buf_putc(b, '\n');
    if (n->kind == FO_SECTION && n->u.section.title)
        dump_node(b, n->u.section.title, depth + 1, "title");
    if (n->kind == FO_PARA && n->u.para.head)
        dump_node(b, n->u.para.head, depth + 1, "head");
    if (n->kind == FO_FIGURE && n->u.figure.caption)
        dump_node(b, n->u.figure.caption, depth + 1, "caption");
    if (n->kind == FO_TABLE && n->u.table.caption)
        dump_node(b, n->u.table.caption, depth + 1, "caption");
    if (n->kind == FO_PART && n->u.part.title)
        dump_node(b, n->u.part.title, depth + 1, "title");
    dump_children(b, n, depth + 1);
}

static void meta_line(fo_buf *b, const char *key, const char *value)
{
    if (!value)
        return;
    fo_buf_printf(b, "  %s: ", key);
    put_quoted(b, value);
    fo_buf_putc(b, '\n');
}

static void dump_meta(fo_buf *out, const fo_meta *m)
{
    fo_buf_puts(out, "meta\n");
    meta_line(out, "title", m->title);
    meta_line(out, "subtitle", m->subtitle);
    meta_line(out, "original-title", m->original_title);
    for (const fo_author *a = m->authors; a; a = a->next) {
        fo_buf_puts(out, "  author: ");
        put_quoted(out, a->name);
        if (a->role) {
            fo_buf_puts(out, " role=");
            put_quoted(out, a->role);
        }
        if (a->affiliation) {
            fo_buf_puts(out, " affiliation=");
            put_quoted(out, a->affiliation);
        }
        fo_buf_putc(out, '\n');
    }
    meta_line(out, "date", m->date);
    meta_line(out, "source", m->source);
    meta_line(out, "publisher", m->publisher);
    meta_line(out, "doc-number", m->doc_number);
    meta_line(out, "index-number", m->index_number);
    meta_line(out, "issuer", m->issuer);
    meta_line(out, "document-date", m->doc_date);
    for (const fo_strlist *s = m->category; s; s = s->next)
        meta_line(out, "category", s->str);
    for (const fo_strlist *s = m->keywords; s; s = s->next)
        meta_line(out, "keyword", s->str);
    meta_line(out, "rights", m->rights);
    meta_line(out, "language", m->language);
    meta_line(out, "identifier", m->identifier);
    meta_line(out, "abstract", m->abstract);
    meta_line(out, "copy-number", m->copy_number);
    meta_line(out, "secrecy", m->secrecy);
    meta_line(out, "urgency", m->urgency);
    meta_line(out, "organ-mark", m->organ_mark);
    for (const fo_strlist *s = m->signers; s; s = s->next)
        meta_line(out, "signer", s->str);
    meta_line(out, "cc", m->cc);
    meta_line(out, "printer", m->printer);
    meta_line(out, "print-date", m->print_date);
}

/* An article: its metadata and its tree.  A collection: its own metadata, then every part as an
 * article under a "part" line. */
int fo_write_native(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d)
{
    (void)opts, (void)d;
    if (fo_doc_is_collection(doc))
        fo_buf_puts(out, "collection\n");
    dump_meta(out, &doc->meta);
    if (!fo_doc_is_collection(doc))
        dump_node(out, doc->root, 0, NULL);
    for (size_t i = 0; i < doc->n_parts; i++) {
        const fo_doc *part = doc->parts[i];
        fo_buf_printf(out, "part %s", part->id);
        if (part->input_name) {
            fo_buf_puts(out, " from ");
            put_quoted(out, part->input_name);
        }
        fo_buf_putc(out, '\n');
        dump_meta(out, &part->meta);
        dump_node(out, part->root, 0, NULL);
    }
    return 0;
}
