/* write_docbook.c — the document as DocBook 5.0 XML (`-t docbook`, `.xml`), the archive format:
 * an <article>, or for a collection a <book> whose <info> is the collection's and which holds one
 * <article> per part, each with its own <info>.
 *
 * One walk of the tree through libxml2's xmlTextWriter (xml.c), straight into `out`.
 * The output is valid against /usr/share/xml/docbook/schema/rng/5.0/docbook.rng; README.md
 * ("DocBook") lists how each node kind and each metadata field maps to an element.
 *
 * Whitespace: the writer's own indentation is off.  Between block elements (whose content models
 * hold no text) we write a newline and two spaces per level ourselves; inside any element that
 * holds inline content (para, title, caption/para …) we write nothing but the model's own text,
 * because a stray space between hanzi is visible to readers.
 *
 * Errors: every libxml2 call goes through xml.c, which remembers the first failure and turns the
 * rest of the walk into no-ops, so the walk itself stays free of error plumbing.
 */
#include "docbook.h"
#include "writers.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


typedef struct db_writer {
    fo_xml xml;
    fo_diag *diag;
} db_writer;

/* <name>s</name> on a line of its own (<name/> when s is empty). */
static void text_element(db_writer *w, const char *name, const char *s)
{
    fo_xml_newline(&w->xml);
    fo_xml_start(&w->xml, name);
    fo_xml_text(&w->xml, s);
    fo_xml_end(&w->xml);
}

static bool has_text(const char *s) { return s && *s; }

/* ---- inlines ---- */

static void write_inline(db_writer *w, const fo_node *n);

static void write_inlines(db_writer *w, const fo_node *parent)
{
    for (const fo_node *c = parent ? parent->first : NULL; c; c = c->next)
        write_inline(w, c);
}

static void write_inline(db_writer *w, const fo_node *n)
{
    switch (n->kind) {
    case FO_TEXT:
        fo_xml_text(&w->xml, n->u.text.str);
        break;
    case FO_STRONG:
        fo_xml_start(&w->xml, "emphasis");
        fo_xml_attr(&w->xml, "role", "strong");
        write_inlines(w, n);
        fo_xml_end(&w->xml);
        break;
    case FO_EMPH:
        fo_xml_start(&w->xml, "emphasis");
        write_inlines(w, n);
        fo_xml_end(&w->xml);
        break;
    case FO_CITETITLE:
        /* The reader keeps 《》 as text around this node, so nothing is added here. */
        fo_xml_start(&w->xml, "citetitle");
        write_inlines(w, n);
        fo_xml_end(&w->xml);
        break;
    case FO_LINK:
        if (!has_text(n->u.link.url)) {
            write_inlines(w, n);
            break;
        }
        fo_xml_start(&w->xml, "link");
        fo_xml_attr(&w->xml, "xlink:href", n->u.link.url);
        write_inlines(w, n);
        fo_xml_end(&w->xml);
        break;
    case FO_LINEBREAK:
        /* DocBook 5.0 has no line-break element, and a newline in character data is just
         * whitespace to a renderer.  <?linebreak?> is the processing instruction the DocBook
         * XSL stylesheets turn into a forced break; schemas ignore processing instructions. */
        fo_xml_pi(&w->xml, "linebreak", NULL);
        break;
    case FO_INLINES:
        write_inlines(w, n);
        break;
    default: /* blocks never sit inside inlines (fo_doc_check) */
        break;
    }
}

/* ---- info: every piece of metadata the model has ---- */

/* People credited for editing, checking or producing the article are DocBook's editor and
 * othercredit.  DocBook 5.0's othercredit classes have no proofreader or reviewer, so those are
 * class="other" with otherclass naming them. */
static const char *person_element(const fo_author *a, const char **class, const char **otherclass)
{
    *class = *otherclass = NULL;
    switch (fo_author_credit(a)) {
    case FO_CREDIT_EDITOR: return "editor";
    case FO_CREDIT_REVIEWER: *class = "other", *otherclass = "reviewer"; return "othercredit";
    case FO_CREDIT_PROOFREADER: *class = "other", *otherclass = "proofreader"; return "othercredit";
    case FO_CREDIT_PRODUCER: *class = "productioneditor"; return "othercredit";
    case FO_CREDIT_OTHER: *class = "other", *otherclass = a->role; return "othercredit";
    default: return "author";
    }
}

static void write_person(db_writer *w, const fo_author *a)
{
    fo_xml_newline(&w->xml);
    const char *class, *otherclass;
    fo_xml_start(&w->xml, person_element(a, &class, &otherclass));
    if (class)
        fo_xml_attr(&w->xml, "class", class);
    if (otherclass)
        fo_xml_attr(&w->xml, "otherclass", otherclass);
    w->xml.depth++;
    text_element(w, "personname", a->name);
    if (has_text(a->role))
        text_element(w, "contrib", a->role);
    if (has_text(a->affiliation)) {
        fo_xml_newline(&w->xml);
        fo_xml_start(&w->xml, "affiliation");
        fo_xml_start(&w->xml, "orgname");
        fo_xml_text(&w->xml, a->affiliation);
        fo_xml_end(&w->xml);
        fo_xml_end(&w->xml);
    }
    w->xml.depth--;
    fo_xml_newline(&w->xml);
    fo_xml_end(&w->xml);
}

/* A string from the metadata as block content: one <para> per non-empty line. */
static void write_text_paras(db_writer *w, const char *s)
{
    while (*s) {
        const char *eol = strchr(s, '\n');
        size_t len = eol ? (size_t)(eol - s) : strlen(s);
        if (len > 0) {
            char *line = fo_xmalloc(len + 1);
            memcpy(line, s, len);
            line[len] = '\0';
            text_element(w, "para", line);
            free(line);
        }
        s += len + (eol != NULL);
    }
}

/* A block container holding the paragraphs of one metadata string. */
static void text_paras_element(db_writer *w, const char *name, const char *s)
{
    fo_xml_newline(&w->xml);
    fo_xml_start(&w->xml, name);
    w->xml.depth++;
    write_text_paras(w, s);
    w->xml.depth--;
    fo_xml_newline(&w->xml);
    fo_xml_end(&w->xml);
}

/* An official document's own identity: its date apart from the publication date, its number, its
 * catalogue (index) number and the organ that issued it. */
static void write_document_identity(db_writer *w, const fo_meta *m)
{
    fo_xml *x = &w->xml;
    if (has_text(m->doc_date)) {
        fo_xml_newline(x);
        fo_xml_start(x, "date");
        fo_xml_attr(x, "role", "document");
        fo_xml_text(x, m->doc_date);
        fo_xml_end(x);
    }
    if (has_text(m->issuer)) {
        fo_xml_newline(x);
        fo_xml_start(x, "org");
        fo_xml_attr(x, "role", "issuer");
        fo_xml_start(x, "orgname");
        fo_xml_text(x, m->issuer);
        fo_xml_end(x);
        fo_xml_end(x);
    }
    const char *ids[][2] = {{m->doc_number, "docnumber"}, {m->index_number, "indexnumber"}};
    for (size_t i = 0; i < 2; i++) {
        if (!has_text(ids[i][0]))
            continue;
        fo_xml_newline(x);
        fo_xml_start(x, "biblioid");
        fo_xml_attr(x, "class", "other");
        fo_xml_attr(x, "otherclass", ids[i][1]);
        fo_xml_text(x, ids[i][0]);
        fo_xml_end(x);
    }
}

/* <name role="role">s</name> on a line of its own. */
static void role_element(db_writer *w, const char *name, const char *role, const char *s)
{
    fo_xml_newline(&w->xml);
    fo_xml_start(&w->xml, name);
    fo_xml_attr(&w->xml, "role", role);
    fo_xml_text(&w->xml, s);
    fo_xml_end(&w->xml);
}

/* An official document's 版头 and 版记 (doc.h): bibliomisc by role, a line of the organ mark each;
 * the signers as othercredit; the printer (印发机关) as a publisher, its date as a date. */
static void write_official_info(db_writer *w, const fo_meta *m)
{
    const char *const misc[][2] = {{"copy-number", m->copy_number}, {"secrecy", m->secrecy}, {"urgency", m->urgency}};
    for (size_t i = 0; i < sizeof misc / sizeof misc[0]; i++)
        if (has_text(misc[i][1]))
            role_element(w, "bibliomisc", misc[i][0], misc[i][1]);
    for (const char *s = m->organ_mark; has_text(s);) {
        size_t len = strcspn(s, "\n");
        char *line = fo_xmalloc(len + 1);
        memcpy(line, s, len);
        line[len] = '\0';
        if (len)
            role_element(w, "bibliomisc", "organ-mark", line);
        free(line);
        s += len + (s[len] == '\n');
    }
    for (const fo_strlist *s = m->signers; s; s = s->next) {
        fo_xml_newline(&w->xml);
        fo_xml_start(&w->xml, "othercredit");
        fo_xml_attr(&w->xml, "class", "other");
        fo_xml_attr(&w->xml, "otherclass", "signer");
        fo_xml_start(&w->xml, "personname");
        fo_xml_text(&w->xml, s->str);
        fo_xml_end(&w->xml);
        fo_xml_end(&w->xml);
    }
    if (has_text(m->cc))
        role_element(w, "bibliomisc", "cc", m->cc);
    if (has_text(m->printer)) {
        fo_xml_newline(&w->xml);
        fo_xml_start(&w->xml, "publisher");
        fo_xml_attr(&w->xml, "role", "printer");
        fo_xml_start(&w->xml, "publishername");
        fo_xml_text(&w->xml, m->printer);
        fo_xml_end(&w->xml);
        fo_xml_end(&w->xml);
    }
    if (has_text(m->print_date))
        role_element(w, "date", "printed", m->print_date);
}

static void write_info(db_writer *w, const fo_doc *doc)
{
    const fo_meta *m = &doc->meta;
    fo_xml_newline(&w->xml);
    fo_xml_start(&w->xml, "info");
    w->xml.depth++;

    /* An article's info must have a title: the stand-in when the article names none, marked as
     * such (docbook.h). */
    fo_xml_newline(&w->xml);
    fo_xml_start(&w->xml, "title");
    if (!has_text(m->title))
        fo_xml_attr(&w->xml, "role", FO_DOCBOOK_UNTITLED);
    fo_xml_text(&w->xml, fo_doc_title(doc));
    fo_xml_end(&w->xml);
    if (has_text(m->subtitle))
        text_element(w, "subtitle", m->subtitle);
    if (has_text(m->original_title)) {
        fo_xml_newline(&w->xml);
        fo_xml_start(&w->xml, "bibliomisc");
        fo_xml_attr(&w->xml, "role", "original-title");
        fo_xml_text(&w->xml, m->original_title);
        fo_xml_end(&w->xml);
    }
    for (const fo_author *a = m->authors; a; a = a->next)
        if (has_text(a->name))
            write_person(w, a);
    if (has_text(m->date))
        text_element(w, "pubdate", m->date);
    write_document_identity(w, m);
    if (has_text(m->publisher)) {
        fo_xml_newline(&w->xml);
        fo_xml_start(&w->xml, "publisher");
        fo_xml_start(&w->xml, "publishername");
        fo_xml_text(&w->xml, m->publisher);
        fo_xml_end(&w->xml);
        fo_xml_end(&w->xml);
    }
    if (has_text(m->source))
        text_element(w, "bibliosource", m->source);
    if (has_text(m->identifier)) {
        fo_xml_newline(&w->xml);
        fo_xml_start(&w->xml, "biblioid");
        fo_xml_attr(&w->xml, "class", "uri");
        fo_xml_text(&w->xml, m->identifier);
        fo_xml_end(&w->xml);
    }
    if (m->category) {
        /* The breadcrumb is one subject, named by its path from the broadest term down. */
        fo_xml_newline(&w->xml);
        fo_xml_start(&w->xml, "subjectset");
        fo_xml_attr(&w->xml, "role", "category");
        w->xml.depth++;
        fo_xml_newline(&w->xml);
        fo_xml_start(&w->xml, "subject");
        w->xml.depth++;
        for (const fo_strlist *s = m->category; s; s = s->next)
            text_element(w, "subjectterm", s->str);
        w->xml.depth--;
        fo_xml_newline(&w->xml);
        fo_xml_end(&w->xml);
        w->xml.depth--;
        fo_xml_newline(&w->xml);
        fo_xml_end(&w->xml);
    }
    if (m->keywords) {
        fo_xml_newline(&w->xml);
        fo_xml_start(&w->xml, "keywordset");
        w->xml.depth++;
        for (const fo_strlist *s = m->keywords; s; s = s->next)
            text_element(w, "keyword", s->str);
        w->xml.depth--;
        fo_xml_newline(&w->xml);
        fo_xml_end(&w->xml);
    }
    if (has_text(m->rights))
        text_paras_element(w, "legalnotice", m->rights);
    if (has_text(m->abstract))
        text_paras_element(w, "abstract", m->abstract);
    write_official_info(w, m);

    w->xml.depth--;
    fo_xml_newline(&w->xml);
    fo_xml_end(&w->xml);
}

/* ---- blocks ---- */

static bool write_block(db_writer *w, const fo_node *n, bool sections_allowed);

/* The children of a block container.  DocBook wants at least one block in every container the
 * model may leave empty (section, listitem, blockquote, article): an empty <para/> keeps the
 * output valid without inventing text. */
static void write_blocks(db_writer *w, const fo_node *parent, bool sections_allowed)
{
    bool wrote = false;
    for (const fo_node *c = parent->first; c; c = c->next)
        wrote |= write_block(w, c, sections_allowed);
    if (!wrote) {
        fo_xml_newline(&w->xml);
        fo_xml_start(&w->xml, "para");
        fo_xml_end(&w->xml);
    }
}

/* Opens a block container on its own line; close_container ends it on its own line. */
static void open_container(db_writer *w, const char *name)
{
    fo_xml_newline(&w->xml);
    fo_xml_start(&w->xml, name);
    w->xml.depth++;
}

static void close_container(db_writer *w)
{
    w->xml.depth--;
    fo_xml_newline(&w->xml);
    fo_xml_end(&w->xml);
}

/* <?folio key="value"?> (docbook.h): a pseudo-attribute in the quotes the value does not hold.  A
 * value with both quotes or "?>" cannot be written in a processing instruction; it is left out. */
static void folio_pi(db_writer *w, const fo_node *n, const char *key, const char *value)
{
    char quote = strchr(value, '"') ? '\'' : '"';
    if ((quote == '\'' && strchr(value, '\'')) || strstr(value, "?>")) {
        fo_warn(w->diag, n->pos.line, n->pos.col, "docbook: the section %s %s cannot be recorded", key, value);
        return;
    }
    fo_buf pi = {0};
    fo_buf_printf(&pi, "%s=%c%s%c", key, quote, value, quote);
    fo_xml_pi(&w->xml, FO_DOCBOOK_PI, pi.data);
    fo_buf_free(&pi);
}

/* What DocBook cannot say about a section: its marker, and a level other than the expected one. */
static void write_section_pis(db_writer *w, const fo_node *n)
{
    if (has_text(n->u.section.marker)) {
        fo_xml_newline(&w->xml);
        folio_pi(w, n, "marker", n->u.section.marker);
    }
    if (n->u.section.level != fo_docbook_expected_level(n)) {
        char level[16];
        snprintf(level, sizeof level, "%d", n->u.section.level);
        fo_xml_newline(&w->xml);
        folio_pi(w, n, "level", level);
    }
}

static void write_section(db_writer *w, const fo_node *n)
{
    open_container(w, "section");
    fo_xml_attr(&w->xml, "xml:id", n->u.section.id);
    fo_xml_attr(&w->xml, "label", n->u.section.label);
    write_section_pis(w, n);
    fo_xml_newline(&w->xml);
    fo_xml_start(&w->xml, "title");
    write_inlines(w, n->u.section.title);
    fo_xml_end(&w->xml);
    write_blocks(w, n, true);
    close_container(w);
}

/* DocBook allows no section inside a blockquote or a list item, which the model does: keep the
 * heading as a bridgehead (label, then title) and its content as the blocks that follow it. */
static void write_flattened_section(db_writer *w, const fo_node *n)
{
    fo_warn(w->diag, n->pos.line, n->pos.col,
            "docbook: a section inside a quotation or list is written as a bridgehead");
    fo_xml_newline(&w->xml);
    fo_xml_start(&w->xml, "bridgehead");
    fo_xml_attr(&w->xml, "xml:id", n->u.section.id);
    if (n->u.section.level >= 1 && n->u.section.level <= 5) {
        char renderas[8];
        snprintf(renderas, sizeof renderas, "sect%d", n->u.section.level);
        fo_xml_attr(&w->xml, "renderas", renderas);
    }
    if (has_text(n->u.section.marker))
        folio_pi(w, n, "marker", n->u.section.marker);
    if (n->u.section.level < 1 || n->u.section.level > 5) {
        char level[16];
        snprintf(level, sizeof level, "%d", n->u.section.level);
        folio_pi(w, n, "level", level);
    }
    if (has_text(n->u.section.label)) {
        fo_xml_start(&w->xml, "phrase");
        fo_xml_attr(&w->xml, "role", "label");
        fo_xml_text(&w->xml, n->u.section.label);
        fo_xml_end(&w->xml);
    }
    write_inlines(w, n->u.section.title);
    fo_xml_end(&w->xml);
    for (const fo_node *c = n->first; c; c = c->next)
        write_block(w, c, false);
}

/* para, or formalpara when the paragraph has a run-in head.  One line either way: every
 * element here holds inlines or is formalpara's fixed title + para pair. */
static void write_para(db_writer *w, const fo_node *n)
{
    fo_xml_newline(&w->xml);
    if (n->u.para.head) {
        fo_xml_start(&w->xml, "formalpara");
        fo_xml_attr(&w->xml, "role", n->u.para.role);
        fo_xml_start(&w->xml, "title");
        write_inlines(w, n->u.para.head);
        fo_xml_end(&w->xml);
        fo_xml_start(&w->xml, "para");
    } else {
        fo_xml_start(&w->xml, "para");
        fo_xml_attr(&w->xml, "role", n->u.para.role);
    }
    write_inlines(w, n);
    fo_xml_end(&w->xml);
    if (n->u.para.head)
        fo_xml_end(&w->xml);
}

/* DocBook's notation name for an image type. */
static const char *image_notation(const char *media_type)
{
    static const char *const names[][2] = {
        {"image/jpeg", "JPEG"}, {"image/png", "PNG"},   {"image/gif", "GIF"},
        {"image/svg+xml", "SVG"}, {"image/webp", "WEBP"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(media_type, names[i][0]) == 0)
            return names[i][1];
    return NULL;
}

/* informalfigure/mediaobject: the image when there is one, else a textobject saying it is not
 * included (a mediaobject needs some object; a caption alone is invalid); then the caption with
 * the photo credit as a phrase. */
static void write_figure(db_writer *w, const fo_node *n)
{
    open_container(w, "informalfigure");
    open_container(w, "mediaobject");
    fo_xml_newline(&w->xml);
    if (has_text(n->u.figure.image)) {
        fo_xml_start(&w->xml, "imageobject");
        fo_xml_start(&w->xml, "imagedata");
        fo_xml_attr(&w->xml, "fileref", n->u.figure.image);
        if (n->u.figure.picture)
            fo_xml_attr(&w->xml, "format", image_notation(n->u.figure.picture->media_type));
        fo_xml_end(&w->xml);
        fo_xml_end(&w->xml);
    } else {
        fo_xml_start(&w->xml, "textobject");
        fo_xml_start(&w->xml, "phrase");
        fo_xml_text(&w->xml, FO_DOCBOOK_NO_IMAGE);
        fo_xml_end(&w->xml);
        fo_xml_end(&w->xml);
    }
    if (n->u.figure.caption || has_text(n->u.figure.credit)) {
        fo_xml_newline(&w->xml);
        fo_xml_start(&w->xml, "caption");
        fo_xml_start(&w->xml, "para");
        write_inlines(w, n->u.figure.caption);
        if (has_text(n->u.figure.credit)) {
            fo_xml_start(&w->xml, "phrase");
            fo_xml_attr(&w->xml, "role", "credit");
            fo_xml_text(&w->xml, n->u.figure.credit);
            fo_xml_end(&w->xml);
        }
        fo_xml_end(&w->xml);
        fo_xml_end(&w->xml);
    }
    close_container(w);
    close_container(w);
}

/* A CALS entry: a span of columns is namest/nameend, a span of rows morerows.  A cell holding one
 * plain paragraph gets its inlines right in the entry (entries take inline or block content). */
static void write_cell(db_writer *w, const fo_node *cell)
{
    fo_xml_newline(&w->xml);
    fo_xml_start(&w->xml, "entry");
    char name[24];
    if (cell->u.cell.colspan > 1) {
        snprintf(name, sizeof name, "c%d", cell->u.cell.col + 1);
        fo_xml_attr(&w->xml, "namest", name);
        snprintf(name, sizeof name, "c%d", cell->u.cell.col + cell->u.cell.colspan);
        fo_xml_attr(&w->xml, "nameend", name);
    }
    if (cell->u.cell.rowspan > 1) {
        snprintf(name, sizeof name, "%d", cell->u.cell.rowspan - 1);
        fo_xml_attr(&w->xml, "morerows", name);
    }
    /* CALS has no header cells of its own: an entry is one when its row is; the exceptions (a row's
     * heading cell in the body, a plain cell in the head) say so, for the reader (read_docbook.c). */
    if (cell->u.cell.header != cell->parent->u.row.header)
        fo_xml_attr(&w->xml, "role", cell->u.cell.header ? "th" : "td");
    const fo_node *only = cell->first;
    if (only && !only->next && only->kind == FO_PARA && !only->u.para.head) {
        write_inlines(w, only);
    } else if (only) {
        w->xml.depth++;
        for (const fo_node *c = cell->first; c; c = c->next)
            write_block(w, c, false);
        w->xml.depth--;
        fo_xml_newline(&w->xml);
    }
    fo_xml_end(&w->xml);
}

/* The rows of one group (thead or tbody): the header rows, or the body rows. */
static void write_row_group(db_writer *w, const fo_node *table, bool header)
{
    open_container(w, header ? "thead" : "tbody");
    for (const fo_node *row = table->first; row; row = row->next) {
        if (row->u.row.header != header)
            continue;
        open_container(w, "row");
        for (const fo_node *cell = row->first; cell; cell = cell->next)
            write_cell(w, cell);
        close_container(w);
    }
    close_container(w);
}

/* A CALS table: `table` with its caption as title, else `informaltable`; one tgroup, a colspec per
 * column (spans name them), the header rows as thead. */
static void write_table(db_writer *w, const fo_node *n)
{
    open_container(w, n->u.table.caption ? "table" : "informaltable");
    if (n->u.table.caption) {
        fo_xml_newline(&w->xml);
        fo_xml_start(&w->xml, "title");
        write_inlines(w, n->u.table.caption);
        fo_xml_end(&w->xml);
    }
    open_container(w, "tgroup");
    char number[24];
    snprintf(number, sizeof number, "%d", n->u.table.cols > 0 ? n->u.table.cols : 1);
    fo_xml_attr(&w->xml, "cols", number);
    for (int c = 1; c <= n->u.table.cols; c++) {
        fo_xml_newline(&w->xml);
        fo_xml_start(&w->xml, "colspec");
        snprintf(number, sizeof number, "c%d", c);
        fo_xml_attr(&w->xml, "colname", number);
        fo_xml_end(&w->xml);
    }
    if (n->first && n->first->u.row.header)
        write_row_group(w, n, true);
    write_row_group(w, n, false);
    close_container(w);
    close_container(w);
}

/* Returns false when the list has no items: DocBook lists need one, and there is nothing to keep. */
static bool write_list(db_writer *w, const fo_node *n)
{
    if (!n->first)
        return false;
    open_container(w, n->u.list.ordered ? "orderedlist" : "itemizedlist");
    /* 0 is "not set" in the model, 1 the default: only a later start is worth saying. */
    if (n->u.list.ordered && n->u.list.start > 1) {
        char number[16];
        snprintf(number, sizeof number, "%d", n->u.list.start);
        fo_xml_attr(&w->xml, "startingnumber", number);
    }
    for (const fo_node *item = n->first; item; item = item->next) {
        open_container(w, "listitem");
        write_blocks(w, item, false);
        close_container(w);
    }
    close_container(w);
    return true;
}

/* An element holding a part's inlines, with the part's kind as its role: <para role="addressee">,
 * <simpara role="signature">, <simpara role="date">. */
static void write_part_line(db_writer *w, const char *name, const fo_node *n)
{
    fo_xml_newline(&w->xml);
    fo_xml_start(&w->xml, name);
    fo_xml_attr(&w->xml, "role", fo_part_kind_name(n->u.part.kind));
    write_inlines(w, n);
    fo_xml_end(&w->xml);
}

/* 附件说明: an orderedlist role="enclosures", a listitem per attachment named. */
static void write_enclosures(db_writer *w, const fo_node *n)
{
    open_container(w, "orderedlist");
    fo_xml_attr(&w->xml, "role", "enclosures");
    for (const fo_node *c = n->first; c; c = c->next) {
        open_container(w, "listitem");
        write_para(w, c);
        close_container(w);
    }
    close_container(w);
}

/* 附件: an appendix role="attachment" (DocBook allows appendixes after an article's sections) with
 * its label; the title is required, so an attachment without one gets an empty title. */
static void write_attachment(db_writer *w, const fo_node *n)
{
    open_container(w, "appendix");
    fo_xml_attr(&w->xml, "xml:id", n->u.part.id);
    fo_xml_attr(&w->xml, "role", "attachment");
    fo_xml_attr(&w->xml, "label", n->u.part.label);
    fo_xml_newline(&w->xml);
    fo_xml_start(&w->xml, "title");
    write_inlines(w, n->u.part.title);
    fo_xml_end(&w->xml);
    write_blocks(w, n, true);
    close_container(w);
}

/* The parts of an official document (doc.h; README.md, "Official documents"). */
static void write_part(db_writer *w, const fo_node *n)
{
    switch (n->u.part.kind) {
    case FO_PART_ADDRESSEE: write_part_line(w, "para", n); break;
    case FO_PART_SIGNATURE:
    case FO_PART_DATE: write_part_line(w, "simpara", n); break;
    case FO_PART_ENCLOSURES: write_enclosures(w, n); break;
    case FO_PART_ANNOTATION: /* 附注: a note, as DocBook calls a remark set apart from the text */
        open_container(w, "note");
        fo_xml_attr(&w->xml, "role", "annotation");
        fo_xml_newline(&w->xml);
        fo_xml_start(&w->xml, "para");
        write_inlines(w, n);
        fo_xml_end(&w->xml);
        close_container(w);
        break;
    case FO_PART_ATTACHMENT: write_attachment(w, n); break;
    default: break;
    }
}

/* Writes one block; returns whether it wrote anything. */
static bool write_block(db_writer *w, const fo_node *n, bool sections_allowed)
{
    switch (n->kind) {
    case FO_SECTION:
        if (sections_allowed)
            write_section(w, n);
        else
            write_flattened_section(w, n);
        return true;
    case FO_PARA:
        write_para(w, n);
        return true;
    case FO_FIGURE:
        write_figure(w, n);
        return true;
    case FO_BLOCKQUOTE:
        open_container(w, "blockquote");
        write_blocks(w, n, false);
        close_container(w);
        return true;
    case FO_LIST:
        return write_list(w, n);
    case FO_TABLE:
        write_table(w, n);
        return true;
    case FO_PART:
        write_part(w, n);
        return true;
    case FO_RULE:
        /* DocBook has no thematic break; an empty para with role="rule" is valid wherever a
         * block is, and stylesheets (and a DocBook reader) can recognise it. */
        fo_xml_newline(&w->xml);
        fo_xml_start(&w->xml, "para");
        fo_xml_attr(&w->xml, "role", "rule");
        fo_xml_end(&w->xml);
        return true;
    default: /* items are written by their list; inlines never sit among blocks */
        return false;
    }
}

static const char *language(const fo_doc *doc)
{
    return has_text(doc->meta.language) ? doc->meta.language : "zh-CN";
}

/* The root: <article> for an article, <book> for a collection. */
static void write_root(db_writer *w, const fo_doc *doc)
{
    fo_xml_start(&w->xml, fo_doc_is_collection(doc) ? "book" : "article");
    /* Namespace declarations as plain attributes, so that they come first, in this order. */
    fo_xml_attr(&w->xml, "xmlns", FO_DOCBOOK_NS);
    fo_xml_attr(&w->xml, "xmlns:xlink", FO_XLINK_NS);
    fo_xml_attr(&w->xml, "version", "5.0");
    fo_xml_attr(&w->xml, "xml:lang", language(doc));
    w->xml.depth = 1;
    write_info(w, doc);
    if (!fo_doc_is_collection(doc))
        write_blocks(w, doc->root, true);
    /* A collection's articles, each with its own full info; section ids are unique in the book. */
    for (size_t i = 0; i < doc->n_parts; i++) {
        const fo_doc *part = doc->parts[i];
        open_container(w, "article");
        fo_xml_attr(&w->xml, "xml:id", part->id);
        if (strcmp(language(part), language(doc)) != 0)
            fo_xml_attr(&w->xml, "xml:lang", language(part));
        const char *file = w->diag->file; /* messages name the article's own input */
        if (part->input_name)
            w->diag->file = part->input_name;
        write_info(w, part);
        write_blocks(w, part->root, true);
        w->diag->file = file;
        close_container(w);
    }
    w->xml.depth = 0;
    fo_xml_newline(&w->xml);
    fo_xml_end(&w->xml);
}

int fo_write_docbook(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d)
{
    (void)opts;
    db_writer w = {.diag = d};
    /* The tree keeps the model's rules (fo_read_bytes checked it): no paragraph after a subsection
     * and the like, which would make the DocBook invalid. */
    if (fo_xml_begin(&w.xml, out, "docbook", d) != 0)
        return -1;
    write_root(&w, doc);
    return fo_xml_finish(&w.xml, "docbook", d);
}
