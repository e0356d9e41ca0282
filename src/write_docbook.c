/* write_docbook.c — the document as DocBook 5.0 XML (`-t docbook`, `.xml`), the archive format.
 *
 * One walk of the tree through libxml2's xmlTextWriter into a memory buffer, then appended to `out`.
 * The output is valid against /usr/share/xml/docbook/schema/rng/5.0/docbook.rng; README.md
 * ("DocBook") lists how each node kind and each metadata field maps to an element.
 *
 * Whitespace: the writer's own indentation is off.  Between block elements (whose content models
 * hold no text) we write a newline and two spaces per level ourselves; inside any element that
 * holds inline content (para, title, caption/para …) we write nothing but the model's own text,
 * because a stray space between hanzi is visible to readers.
 *
 * Errors: every libxml2 call goes through a wrapper that remembers the first failure and turns
 * the rest of the walk into no-ops, so the walk itself stays free of error plumbing.
 */
#include "docbook.h"
#include "writers.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>


typedef struct db_writer {
    xmlTextWriterPtr xw;
    fo_diag *diag;
    int depth;          /* block nesting, for indentation only */
    const char *failed; /* the element being written when libxml2 first failed; NULL while all is well */
} db_writer;

/* ---- thin wrappers over xmlTextWriter: record the first failure, then do nothing ---- */

static void note_result(db_writer *w, int rc, const char *what)
{
    if (rc < 0 && !w->failed)
        w->failed = what;
}

static void start(db_writer *w, const char *name)
{
    if (!w->failed)
        note_result(w, xmlTextWriterStartElement(w->xw, BAD_CAST name), name);
}

static void end(db_writer *w)
{
    if (!w->failed)
        note_result(w, xmlTextWriterEndElement(w->xw), "an end tag");
}

static void attribute(db_writer *w, const char *name, const char *value)
{
    if (!w->failed && value)
        note_result(w, xmlTextWriterWriteAttribute(w->xw, BAD_CAST name, BAD_CAST value), name);
}

/* Character data, escaped (& < > and, in attributes, quotes) by libxml2. */
static void text(db_writer *w, const char *s)
{
    if (!w->failed && s && *s)
        note_result(w, xmlTextWriterWriteString(w->xw, BAD_CAST s), "text");
}

/* A newline and the indentation of the current depth: only ever between block elements. */
static void newline(db_writer *w)
{
    if (w->failed)
        return;
    char pad[2 * 64 + 2] = "\n";
    int spaces = 2 * (w->depth < 64 ? w->depth : 64);
    memset(pad + 1, ' ', (size_t)spaces);
    pad[1 + spaces] = '\0';
    note_result(w, xmlTextWriterWriteRaw(w->xw, BAD_CAST pad), "indentation");
}

/* <name>s</name> on a line of its own. */
static void text_element(db_writer *w, const char *name, const char *s)
{
    newline(w);
    start(w, name);
    text(w, s);
    end(w);
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
        text(w, n->u.text.str);
        break;
    case FO_STRONG:
        start(w, "emphasis");
        attribute(w, "role", "strong");
        write_inlines(w, n);
        end(w);
        break;
    case FO_EMPH:
        start(w, "emphasis");
        write_inlines(w, n);
        end(w);
        break;
    case FO_CITETITLE:
        /* The reader keeps 《》 as text around this node, so nothing is added here. */
        start(w, "citetitle");
        write_inlines(w, n);
        end(w);
        break;
    case FO_LINK:
        if (!has_text(n->u.link.url)) {
            write_inlines(w, n);
            break;
        }
        start(w, "link");
        attribute(w, "xlink:href", n->u.link.url);
        write_inlines(w, n);
        end(w);
        break;
    case FO_LINEBREAK:
        /* DocBook 5.0 has no line-break element, and a newline in character data is just
         * whitespace to a renderer.  <?linebreak?> is the processing instruction the DocBook
         * XSL stylesheets turn into a forced break; schemas ignore processing instructions. */
        if (!w->failed)
            note_result(w, xmlTextWriterWritePI(w->xw, BAD_CAST "linebreak", NULL), "<?linebreak?>");
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
    newline(w);
    const char *class, *otherclass;
    start(w, person_element(a, &class, &otherclass));
    if (class)
        attribute(w, "class", class);
    if (otherclass)
        attribute(w, "otherclass", otherclass);
    w->depth++;
    text_element(w, "personname", a->name);
    if (has_text(a->role))
        text_element(w, "contrib", a->role);
    if (has_text(a->affiliation)) {
        newline(w);
        start(w, "affiliation");
        start(w, "orgname");
        text(w, a->affiliation);
        end(w);
        end(w);
    }
    w->depth--;
    newline(w);
    end(w);
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
    newline(w);
    start(w, name);
    w->depth++;
    write_text_paras(w, s);
    w->depth--;
    newline(w);
    end(w);
}

/* An official document's own identity: its date apart from the publication date, its number, its
 * catalogue (index) number and the organ that issued it. */
static void write_document_identity(db_writer *w, const fo_meta *m)
{
    if (has_text(m->doc_date)) {
        newline(w);
        start(w, "date");
        attribute(w, "role", "document");
        text(w, m->doc_date);
        end(w);
    }
    if (has_text(m->issuer)) {
        newline(w);
        start(w, "org");
        attribute(w, "role", "issuer");
        start(w, "orgname");
        text(w, m->issuer);
        end(w);
        end(w);
    }
    const char *ids[][2] = {{m->doc_number, "docnumber"}, {m->index_number, "indexnumber"}};
    for (size_t i = 0; i < 2; i++) {
        if (!has_text(ids[i][0]))
            continue;
        newline(w);
        start(w, "biblioid");
        attribute(w, "class", "other");
        attribute(w, "otherclass", ids[i][1]);
        text(w, ids[i][0]);
        end(w);
    }
}

static void write_info(db_writer *w, const fo_doc *doc)
{
    const fo_meta *m = &doc->meta;
    newline(w);
    start(w, "info");
    w->depth++;

    /* An article's info must have a title: an empty one when the article names none. */
    if (!has_text(m->title))
        fo_warn(w->diag, 0, 0, "docbook: the article has no title; writing an empty <title>");
    text_element(w, "title", m->title ? m->title : "");
    if (has_text(m->subtitle))
        text_element(w, "subtitle", m->subtitle);
    if (has_text(m->original_title)) {
        newline(w);
        start(w, "bibliomisc");
        attribute(w, "role", "original-title");
        text(w, m->original_title);
        end(w);
    }
    for (const fo_author *a = m->authors; a; a = a->next)
        if (has_text(a->name))
            write_person(w, a);
    if (has_text(m->date))
        text_element(w, "pubdate", m->date);
    write_document_identity(w, m);
    if (has_text(m->publisher)) {
        newline(w);
        start(w, "publisher");
        start(w, "publishername");
        text(w, m->publisher);
        end(w);
        end(w);
    }
    if (has_text(m->source))
        text_element(w, "bibliosource", m->source);
    if (has_text(m->identifier)) {
        newline(w);
        start(w, "biblioid");
        attribute(w, "class", "uri");
        text(w, m->identifier);
        end(w);
    }
    if (m->category) {
        /* The breadcrumb is one subject, named by its path from the broadest term down. */
        newline(w);
        start(w, "subjectset");
        attribute(w, "role", "category");
        w->depth++;
        newline(w);
        start(w, "subject");
        w->depth++;
        for (const fo_strlist *s = m->category; s; s = s->next)
            text_element(w, "subjectterm", s->str);
        w->depth--;
        newline(w);
        end(w);
        w->depth--;
        newline(w);
        end(w);
    }
    if (m->keywords) {
        newline(w);
        start(w, "keywordset");
        w->depth++;
        for (const fo_strlist *s = m->keywords; s; s = s->next)
            text_element(w, "keyword", s->str);
        w->depth--;
        newline(w);
        end(w);
    }
    if (has_text(m->rights))
        text_paras_element(w, "legalnotice", m->rights);
    if (has_text(m->abstract))
        text_paras_element(w, "abstract", m->abstract);

    w->depth--;
    newline(w);
    end(w);
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
        newline(w);
        start(w, "para");
        end(w);
    }
}

/* Opens a block container on its own line; close_container ends it on its own line. */
static void open_container(db_writer *w, const char *name)
{
    newline(w);
    start(w, name);
    w->depth++;
}

static void close_container(db_writer *w)
{
    w->depth--;
    newline(w);
    end(w);
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
    if (!w->failed)
        note_result(w, xmlTextWriterWritePI(w->xw, BAD_CAST FO_DOCBOOK_PI, BAD_CAST pi.data), "<?folio?>");
    fo_buf_free(&pi);
}

/* What DocBook cannot say about a section: its marker, and a level other than the expected one. */
static void write_section_pis(db_writer *w, const fo_node *n)
{
    if (has_text(n->u.section.marker)) {
        newline(w);
        folio_pi(w, n, "marker", n->u.section.marker);
    }
    if (n->u.section.level != fo_docbook_expected_level(n)) {
        char level[16];
        snprintf(level, sizeof level, "%d", n->u.section.level);
        newline(w);
        folio_pi(w, n, "level", level);
    }
}

static void write_section(db_writer *w, const fo_node *n)
{
    open_container(w, "section");
    attribute(w, "xml:id", n->u.section.id);
    attribute(w, "label", n->u.section.label);
    write_section_pis(w, n);
    newline(w);
    start(w, "title");
    write_inlines(w, n->u.section.title);
    end(w);
    write_blocks(w, n, true);
    close_container(w);
}

/* DocBook allows no section inside a blockquote or a list item, which the model does: keep the
 * heading as a bridgehead (label, then title) and its content as the blocks that follow it. */
static void write_flattened_section(db_writer *w, const fo_node *n)
{
    fo_warn(w->diag, n->pos.line, n->pos.col,
            "docbook: a section inside a quotation or list is written as a bridgehead");
    newline(w);
    start(w, "bridgehead");
    attribute(w, "xml:id", n->u.section.id);
    if (n->u.section.level >= 1 && n->u.section.level <= 5) {
        char renderas[8];
        snprintf(renderas, sizeof renderas, "sect%d", n->u.section.level);
        attribute(w, "renderas", renderas);
    }
    if (has_text(n->u.section.marker))
        folio_pi(w, n, "marker", n->u.section.marker);
    if (n->u.section.level < 1 || n->u.section.level > 5) {
        char level[16];
        snprintf(level, sizeof level, "%d", n->u.section.level);
        folio_pi(w, n, "level", level);
    }
    if (has_text(n->u.section.label)) {
        start(w, "phrase");
        attribute(w, "role", "label");
        text(w, n->u.section.label);
        end(w);
    }
    write_inlines(w, n->u.section.title);
    end(w);
    for (const fo_node *c = n->first; c; c = c->next)
        write_block(w, c, false);
}

/* para, or formalpara when the paragraph has a run-in head.  One line either way: every
 * element here holds inlines or is formalpara's fixed title + para pair. */
static void write_para(db_writer *w, const fo_node *n)
{
    newline(w);
    if (n->u.para.head) {
        start(w, "formalpara");
        attribute(w, "role", n->u.para.role);
        start(w, "title");
        write_inlines(w, n->u.para.head);
        end(w);
        start(w, "para");
    } else {
        start(w, "para");
        attribute(w, "role", n->u.para.role);
    }
    write_inlines(w, n);
    end(w);
    if (n->u.para.head)
        end(w);
}

/* DocBook's notation name for an image type. */
static const char *image_notation(const char *media_type)
{
    static const char *const names[][2] = {
        {"image/jpeg", "JPEG"}, {"image/png", "PNG"}, {"image/gif", "GIF"}, {"image/svg+xml", "SVG"},
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
    newline(w);
    if (has_text(n->u.figure.image)) {
        start(w, "imageobject");
        start(w, "imagedata");
        attribute(w, "fileref", n->u.figure.image);
        if (n->u.figure.picture)
            attribute(w, "format", image_notation(n->u.figure.picture->media_type));
        end(w);
        end(w);
    } else {
        start(w, "textobject");
        start(w, "phrase");
        text(w, FO_DOCBOOK_NO_IMAGE);
        end(w);
        end(w);
    }
    if (n->u.figure.caption || has_text(n->u.figure.credit)) {
        newline(w);
        start(w, "caption");
        start(w, "para");
        write_inlines(w, n->u.figure.caption);
        if (has_text(n->u.figure.credit)) {
            start(w, "phrase");
            attribute(w, "role", "credit");
            text(w, n->u.figure.credit);
            end(w);
        }
        end(w);
        end(w);
    }
    close_container(w);
    close_container(w);
}

/* A CALS entry: a span of columns is namest/nameend, a span of rows morerows.  A cell holding one
 * plain paragraph gets its inlines right in the entry (entries take inline or block content). */
static void write_cell(db_writer *w, const fo_node *cell)
{
    newline(w);
    start(w, "entry");
    char name[24];
    if (cell->u.cell.colspan > 1) {
        snprintf(name, sizeof name, "c%d", cell->u.cell.col + 1);
        attribute(w, "namest", name);
        snprintf(name, sizeof name, "c%d", cell->u.cell.col + cell->u.cell.colspan);
        attribute(w, "nameend", name);
    }
    if (cell->u.cell.rowspan > 1) {
        snprintf(name, sizeof name, "%d", cell->u.cell.rowspan - 1);
        attribute(w, "morerows", name);
    }
    const fo_node *only = cell->first;
    if (only && !only->next && only->kind == FO_PARA && !only->u.para.head) {
        write_inlines(w, only);
    } else if (only) {
        w->depth++;
        for (const fo_node *c = cell->first; c; c = c->next)
            write_block(w, c, false);
        w->depth--;
        newline(w);
    }
    end(w);
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
        newline(w);
        start(w, "title");
        write_inlines(w, n->u.table.caption);
        end(w);
    }
    open_container(w, "tgroup");
    char number[24];
    snprintf(number, sizeof number, "%d", n->u.table.cols > 0 ? n->u.table.cols : 1);
    attribute(w, "cols", number);
    for (int c = 1; c <= n->u.table.cols; c++) {
        newline(w);
        start(w, "colspec");
        snprintf(number, sizeof number, "c%d", c);
        attribute(w, "colname", number);
        end(w);
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
        attribute(w, "startingnumber", number);
    }
    for (const fo_node *item = n->first; item; item = item->next) {
        open_container(w, "listitem");
        write_blocks(w, item, false);
        close_container(w);
    }
    close_container(w);
    return true;
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
    case FO_RULE:
        /* DocBook has no thematic break; an empty para with role="rule" is valid wherever a
         * block is, and stylesheets (and a DocBook reader) can recognise it. */
        newline(w);
        start(w, "para");
        attribute(w, "role", "rule");
        end(w);
        return true;
    default: /* items are written by their list; inlines never sit among blocks */
        return false;
    }
}

static void write_article(db_writer *w, const fo_doc *doc)
{
    if (!w->failed)
        note_result(w, xmlTextWriterStartDocument(w->xw, NULL, "UTF-8", NULL), "the XML declaration");
    start(w, "article");
    /* Namespace declarations as plain attributes, so that they come first, in this order. */
    attribute(w, "xmlns", FO_DOCBOOK_NS);
    attribute(w, "xmlns:xlink", FO_XLINK_NS);
    attribute(w, "version", "5.0");
    attribute(w, "xml:lang", has_text(doc->meta.language) ? doc->meta.language : "zh-CN");
    w->depth = 1;
    write_info(w, doc);
    write_blocks(w, doc->root, true);
    w->depth = 0;
    newline(w);
    end(w);
    if (!w->failed)
        note_result(w, xmlTextWriterEndDocument(w->xw), "the end of the document");
}

int fo_write_docbook(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d)
{
    (void)opts;
    int result = -1;
    xmlBufferPtr buffer = NULL;
    db_writer w = {.diag = d};

    /* A tree that breaks the model's rules (a paragraph after a subsection …) would become
     * invalid DocBook: refuse it rather than write it. */
    const char *problem = fo_doc_check(doc);
    if (problem) {
        fo_error(d, 0, 0, "docbook: the document tree is malformed: %s", problem);
        goto cleanup;
    }
    buffer = xmlBufferCreate();
    if (buffer)
        w.xw = xmlNewTextWriterMemory(buffer, 0);
    if (!w.xw) {
        fo_error(d, 0, 0, "docbook: libxml2 could not create an XML writer");
        goto cleanup;
    }
    write_article(&w, doc);
    /* Freeing the writer flushes what it still holds into the buffer. */
    xmlFreeTextWriter(w.xw);
    w.xw = NULL;
    if (w.failed) {
        fo_error(d, 0, 0, "docbook: libxml2 failed while writing %s", w.failed);
        goto cleanup;
    }
    fo_buf_append(out, xmlBufferContent(buffer), (size_t)xmlBufferLength(buffer));
    result = 0;
cleanup:
    if (w.xw)
        xmlFreeTextWriter(w.xw);
    if (buffer)
        xmlBufferFree(buffer);
    return result;
}
