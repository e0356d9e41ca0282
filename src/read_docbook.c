/* read_docbook.c — DocBook 5 in (`-f docbook`, `.xml`, `.dbk`): the archive can be rendered again.
 *
 * libxml2 parses the whole file into a tree, safely: no network (XML_PARSE_NONET), no DTD loaded,
 * no external entity read, libxml2's own limits kept (256 levels of nesting, 10 MB in one text
 * node, its entity-amplification checks: no XML_PARSE_HUGE).  Internal entities are expanded here,
 * against a budget the size of the input, so a quadratic blow-up ends in an error too.
 *
 * Then one walk turns the tree into the model.  Everything write_docbook.c writes comes back as it
 * was, tables and collections too (a book of articles is a collection again: read_book); the
 * DocBook of a DocBook is byte-identical, and so are the PDF and EPUB.  The common DocBook
 * of other tools (pandoc, DocBook XSL users) is mapped onto the nearest node.  What the model
 * cannot hold is reported once per element name, at its first line (`a.xml:42: warning: <equation>
 * dropped`); README.md ("Reading DocBook") has the whole table.
 *
 * Whitespace: folio writes no whitespace inside elements that hold text, so character data is kept
 * as it is, except where a run of white space holds a line break: that is indentation from a
 * pretty-printer, and it goes (between Chinese characters, and at the ends) or becomes one space
 * (between words).  Verbatim elements (programlisting, literallayout …) keep every line.
 */
#include "docbook.h"
#include "picture.h"
#include "readers.h"
#include "text.h"

#include <libxml/HTMLparser.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Deeper than libxml2's own limit (256) plus entity nesting: a guard, never reached in practice. */
enum { MAX_DEPTH = 1024 };
/* Entities may add at most this much text beyond the size of the input itself. */
enum { ENTITY_ALLOWANCE = 1 << 20 };

/* How an element in the DocBook namespace is read. */
typedef enum el_kind {
    EL_UNKNOWN,       /* not in the table: its content is kept, the element reported */
    /* blocks */
    EL_SECTION,       /* section, sect1 … chapter, appendix: a section */
    EL_PARA,
    EL_FORMALPARA,    /* a paragraph with a run-in head */
    EL_LIST,          /* itemizedlist, orderedlist, procedure */
    EL_VARIABLELIST,  /* terms and definitions: a list whose items open with the term in bold */
    EL_SIMPLELIST,
    EL_BLOCKQUOTE,
    EL_ASIDE,         /* note, tip, sidebar, example …: a quotation, reported */
    EL_FIGURE,
    EL_MEDIAOBJECT,
    EL_TABLE,
    EL_VERBATIM,      /* programlisting, screen: lines kept, monospace lost (reported) */
    EL_LINES,         /* literallayout, address: lines kept */
    EL_BRIDGEHEAD,    /* a free-standing heading: a section holding what follows */
    EL_TITLE,         /* title, subtitle, titleabbrev: read by the element they name */
    EL_INFO,
    EL_BLOCK_DROP,    /* equation, index, toc …: dropped, reported */
    /* inlines */
    EL_EMPHASIS,
    EL_CITETITLE,
    EL_LINK,          /* link, ulink */
    EL_URI,           /* uri, email: a link to itself */
    EL_XREF,
    EL_FOOTNOTE,
    EL_FOOTNOTEREF,
    EL_QUOTE,
    EL_TERM,          /* firstterm, foreignphrase, glossterm: emphasis */
    EL_PLAIN,         /* phrase, personname, abbrev …: their text, nothing lost */
    EL_INLINEMEDIA,
    EL_INLINE_DROP,   /* indexterm, remark: dropped, reported */
    EL_INVISIBLE,     /* anchor, beginpage: nothing to keep */
} el_kind;

typedef struct el_info {
    const char *name;
    el_kind kind;
} el_info;

static const el_info element_table[] = {
    {"section", EL_SECTION}, {"sect1", EL_SECTION}, {"sect2", EL_SECTION}, {"sect3", EL_SECTION},
    {"sect4", EL_SECTION}, {"sect5", EL_SECTION}, {"simplesect", EL_SECTION}, {"chapter", EL_SECTION},
    {"appendix", EL_SECTION}, {"preface", EL_SECTION}, {"part", EL_SECTION}, {"article", EL_SECTION},
    {"dedication", EL_SECTION}, {"acknowledgements", EL_SECTION}, {"colophon", EL_SECTION},
    {"glossary", EL_SECTION}, {"bibliography", EL_SECTION}, {"refsection", EL_SECTION},
    {"refsect1", EL_SECTION}, {"refsect2", EL_SECTION}, {"refsect3", EL_SECTION},
    {"para", EL_PARA}, {"simpara", EL_PARA}, {"formalpara", EL_FORMALPARA},
    {"itemizedlist", EL_LIST}, {"orderedlist", EL_LIST}, {"procedure", EL_LIST}, {"substeps", EL_LIST},
    {"variablelist", EL_VARIABLELIST}, {"simplelist", EL_SIMPLELIST},
    {"blockquote", EL_BLOCKQUOTE}, {"epigraph", EL_BLOCKQUOTE},
    {"note", EL_ASIDE}, {"tip", EL_ASIDE}, {"important", EL_ASIDE}, {"caution", EL_ASIDE},
    {"warning", EL_ASIDE}, {"danger", EL_ASIDE}, {"sidebar", EL_ASIDE}, {"example", EL_ASIDE},
    {"informalexample", EL_ASIDE},
    {"figure", EL_FIGURE}, {"informalfigure", EL_FIGURE}, {"screenshot", EL_FIGURE},
    {"mediaobject", EL_MEDIAOBJECT},
    {"table", EL_TABLE}, {"informaltable", EL_TABLE},
    {"programlisting", EL_VERBATIM}, {"screen", EL_VERBATIM}, {"synopsis", EL_VERBATIM},
    {"literallayout", EL_LINES}, {"address", EL_LINES},
    {"bridgehead", EL_BRIDGEHEAD},
    {"title", EL_TITLE}, {"subtitle", EL_TITLE}, {"titleabbrev", EL_TITLE}, {"info", EL_INFO},
    {"equation", EL_BLOCK_DROP}, {"informalequation", EL_BLOCK_DROP}, {"toc", EL_BLOCK_DROP},
    {"index", EL_BLOCK_DROP}, {"setindex", EL_BLOCK_DROP}, {"lot", EL_BLOCK_DROP},
    {"emphasis", EL_EMPHASIS}, {"citetitle", EL_CITETITLE}, {"link", EL_LINK}, {"ulink", EL_LINK},
    {"uri", EL_URI}, {"email", EL_URI}, {"xref", EL_XREF}, {"footnote", EL_FOOTNOTE},
    {"footnoteref", EL_FOOTNOTEREF}, {"quote", EL_QUOTE},
    {"firstterm", EL_TERM}, {"foreignphrase", EL_TERM}, {"glossterm", EL_TERM},
    {"phrase", EL_PLAIN}, {"abbrev", EL_PLAIN}, {"acronym", EL_PLAIN}, {"personname", EL_PLAIN},
    {"firstname", EL_PLAIN}, {"surname", EL_PLAIN}, {"othername", EL_PLAIN}, {"honorific", EL_PLAIN},
    {"lineage", EL_PLAIN}, {"orgname", EL_PLAIN}, {"date", EL_PLAIN}, {"wordasword", EL_PLAIN},
    {"citation", EL_PLAIN}, {"trademark", EL_PLAIN}, {"productname", EL_PLAIN},
    {"inlinemediaobject", EL_INLINEMEDIA},
    {"indexterm", EL_INLINE_DROP}, {"remark", EL_INLINE_DROP}, {"inlineequation", EL_INLINE_DROP},
    {"anchor", EL_INVISIBLE}, {"beginpage", EL_INVISIBLE},
};

static bool kind_is_block(el_kind k) { return k >= EL_SECTION && k <= EL_BLOCK_DROP; }

/* A footnote waiting for the end of its paragraph. */
typedef struct pending_note {
    xmlNodePtr note;
    int number;
} pending_note;

typedef struct db_reader {
    fo_doc *doc;
    fo_diag *diag;
    xmlDocPtr xml;
    xmlHashTablePtr elements;   /* name → el_info */
    xmlHashTablePtr reported;   /* what has been warned about already */
    xmlHashTablePtr note_ids;   /* footnote xml:id → its number, for footnoteref */
    size_t entity_budget;       /* bytes of entity text still allowed */
    int depth;
    int entity_line;            /* inside an entity: the line of the reference; else 0 */
    int verbatim;               /* inside a verbatim element: line ends are line breaks */
    int in_meta;                /* reading a metadata string: no footnotes */
    int in_xref;                /* resolving a cross-reference: no further ones */
    int in_cell;                /* reading a table cell: no sections, no tables in it */
    fo_node *figure;            /* the figure whose caption is being read: it takes the credit */
    fo_picture_loader pictures; /* imagedata files beside the document (picture.h) */
    pending_note *notes;
    size_t n_notes, cap_notes;
    int last_note;
    bool flushing;              /* flush_notes is placing notes */
    bool failed;                /* an error is reported: stop walking */
    /* the XML parser's first error */
    bool xml_error, xml_error_in_file;
    int xml_line, xml_col;
    char xml_message[300];
} db_reader;

/* The block container being filled, and the paragraph open for inline content (NULL: none). */
typedef struct flow {
    fo_node *parent;
    fo_node *para;
} flow;

/* ---- diagnostics ---- */

static int line_of(const db_reader *r, xmlNodePtr x)
{
    if (r->entity_line)
        return r->entity_line;
    long line = x ? xmlGetLineNo(x) : 0;
    return line > 0 && line < INT_MAX ? (int)line : 0;
}

static fo_pos pos_of(const db_reader *r, xmlNodePtr x) { return (fo_pos){line_of(r, x), 0}; }

/* A warning, once per key (an element name, an entity): at the first place it happens. */
static void report(db_reader *r, xmlNodePtr at, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void report(db_reader *r, xmlNodePtr at, const char *key, const char *fmt, ...)
{
    if (xmlHashLookup(r->reported, BAD_CAST key))
        return;
    xmlHashAddEntry(r->reported, BAD_CAST key, r);
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fo_warn(r->diag, line_of(r, at), 0, "%s", msg);
}

static void fail(db_reader *r, xmlNodePtr at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(db_reader *r, xmlNodePtr at, const char *fmt, ...)
{
    if (r->failed)
        return;
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fo_error(r->diag, line_of(r, at), 0, "%s", msg);
    r->failed = true;
}

/* The element's name as written ("mml:math"), for messages; into buf. */
static const char *qname(xmlNodePtr x, char *buf, size_t size)
{
    if (x->ns && x->ns->prefix)
        snprintf(buf, size, "%s:%s", (const char *)x->ns->prefix, (const char *)x->name);
    else
        snprintf(buf, size, "%s", (const char *)x->name);
    return buf;
}

/* "<name> WHAT", once per element name. */
static void report_element(db_reader *r, xmlNodePtr x, const char *what)
{
    char name[128], key[160];
    qname(x, name, sizeof name);
    snprintf(key, sizeof key, "<%s> %s", name, what);
    report(r, x, key, "<%s> %s", name, what);
}

/* "<name> in <parent> dropped", once per pair. */
static void report_in(db_reader *r, xmlNodePtr x)
{
    char where[128], what[160];
    snprintf(what, sizeof what, "in <%s> dropped", qname(x->parent, where, sizeof where));
    report_element(r, x, what);
}

/* ---- the tree ---- */

/* Whether x is inside the text of an entity declaration. */
static bool in_entity(xmlNodePtr x)
{
    for (; x; x = x->parent)
        if (x->type == XML_ENTITY_DECL)
            return true;
    return false;
}

/* An element in the DocBook namespace.  libxml2 leaves elements in an entity's text without the
 * namespace of the place they are referred from: there, no namespace counts as DocBook's. */
static bool in_docbook(xmlNodePtr x)
{
    if (x->type != XML_ELEMENT_NODE)
        return false;
    return x->ns ? strcmp((const char *)x->ns->href, FO_DOCBOOK_NS) == 0 : in_entity(x);
}

static bool is_element(xmlNodePtr x, const char *name)
{
    return in_docbook(x) && strcmp((const char *)x->name, name) == 0;
}

/* How a DocBook element is read; EL_UNKNOWN for one not in the table. */
static el_kind kind_of(const db_reader *r, xmlNodePtr x)
{
    const el_info *e = xmlHashLookup(r->elements, x->name);
    return e ? e->kind : EL_UNKNOWN;
}

static bool is_block(const db_reader *r, xmlNodePtr x)
{
    return in_docbook(x) && kind_is_block(kind_of(r, x));
}

/* The first child element of x named `name`, or NULL. */
static xmlNodePtr child_element(xmlNodePtr x, const char *name)
{
    for (xmlNodePtr c = x->children; c; c = c->next)
        if (is_element(c, name))
            return c;
    return NULL;
}

/* An element's title: its own title child, or the title in its info. */
static xmlNodePtr title_of(xmlNodePtr x)
{
    xmlNodePtr t = child_element(x, "title");
    xmlNodePtr info = t ? NULL : child_element(x, "info");
    return t ? t : info ? child_element(info, "title") : NULL;
}

/* An internal entity's parsed content, charged to the budget; NULL (and a report or an error) for
 * anything else.  External entities are never loaded; an undeclared one may be an HTML character
 * name (&nbsp; &mdash; in DocBook 4 habits), whose character is returned in `ch`. */
static xmlNodePtr entity_content(db_reader *r, xmlNodePtr ref, char ch[8])
{
    ch[0] = '\0';
    xmlEntityPtr ent = xmlGetDocEntity(r->xml, ref->name);
    char key[160];
    snprintf(key, sizeof key, "&%s;", (const char *)ref->name);
    if (!ent) {
        const htmlEntityDesc *h = htmlEntityLookup(ref->name);
        if (h)
            ch[fo_utf8_encode(h->value, ch)] = '\0';
        else
            report(r, ref, key, "undefined entity &%s; dropped", (const char *)ref->name);
        return NULL;
    }
    if (ent->etype != XML_INTERNAL_GENERAL_ENTITY) {
        report(r, ref, key, "external entity &%s; not read (folio never loads external entities)",
               (const char *)ref->name);
        return NULL;
    }
    size_t cost = (ent->length > 0 ? (size_t)ent->length : 0) + 1;
    if (cost > r->entity_budget) {
        fail(r, ref, "entity &%s; expands to more text than the file may (an entity expansion attack?)",
             (const char *)ref->name);
        return NULL;
    }
    r->entity_budget -= cost;
    return ent->children;
}

/* Text of an attribute's value nodes, entities expanded against the budget. */
static void attribute_text(db_reader *r, xmlNodePtr first, fo_buf *b)
{
    for (xmlNodePtr c = first; c && !r->failed; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            fo_buf_puts(b, (const char *)c->content);
        } else if (c->type == XML_ENTITY_REF_NODE && r->depth < MAX_DEPTH) {
            char ch[8];
            xmlNodePtr content = entity_content(r, c, ch);
            fo_buf_puts(b, ch);
            r->depth++;
            attribute_text(r, content, b);
            r->depth--;
        }
    }
}

/* An attribute (in namespace `ns`, or none), as a string of the document; NULL when absent. */
static const char *attr(db_reader *r, xmlNodePtr x, const char *name, const char *ns)
{
    for (xmlAttrPtr a = x->properties; a; a = a->next) {
        bool ns_ok = ns ? a->ns && strcmp((const char *)a->ns->href, ns) == 0 : !a->ns;
        if (!ns_ok || strcmp((const char *)a->name, name) != 0)
            continue;
        fo_buf b = {0};
        attribute_text(r, a->children, &b);
        const char *value = fo_doc_strndup(r->doc, b.data ? b.data : "", b.len);
        fo_buf_free(&b);
        return value;
    }
    return NULL;
}

static bool attr_is(db_reader *r, xmlNodePtr x, const char *name, const char *value)
{
    const char *v = attr(r, x, name, NULL);
    return v && strcmp(v, value) == 0;
}

/* ---- model helpers ---- */

static void unlink_node(fo_node *n)
{
    fo_node *p = n->parent;
    if (n->prev)
        n->prev->next = n->next;
    else
        p->first = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else
        p->last = n->prev;
    n->parent = n->prev = n->next = NULL;
}

static fo_node *add_node(db_reader *r, fo_node *parent, fo_kind kind, xmlNodePtr at)
{
    return fo_node_append(parent, fo_node_new(r->doc, kind, pos_of(r, at)));
}

/* Text into an inline container; inside a verbatim element every line end is a line break. */
static void add_text(db_reader *r, fo_node *parent, const char *s, xmlNodePtr at)
{
    while (r->verbatim && !r->in_meta && strchr(s, '\n')) {
        const char *eol = strchr(s, '\n');
        if (eol > s)
            fo_node_append(parent, fo_text_new(r->doc, s, (size_t)(eol - s), pos_of(r, at)));
        add_node(r, parent, FO_LINEBREAK, at);
        s = eol + 1;
    }
    if (*s)
        fo_node_append(parent, fo_text_new(r->doc, s, strlen(s), pos_of(r, at)));
}

/* A block into a container.  The model wants every block of a container before its sections; a
 * block that comes after one (a bridgehead's content, or untidy input) goes into that section. */
static fo_node *append_block(fo_node *parent, fo_node *block)
{
    while (block->kind != FO_SECTION && parent->last &&
           (parent->last->kind == FO_SECTION || fo_is_part(parent->last, FO_PART_ATTACHMENT)))
        parent = parent->last;
    return fo_node_append(parent, block);
}

/* ---- white space ---- */

static bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static bool is_space_char(uint32_t cp) { return cp < 0x80 && is_xml_space((char)cp); }

/* Characters written without spaces between them: a line end between two of them is no space. */
static bool is_wide(uint32_t cp)
{
    return fo_is_han(cp) || fo_is_cjk_punct(cp) || fo_is_fullwidth_form(cp) || (cp >= 0x3040 && cp <= 0x30FF);
}

static uint32_t char_at(const char *s, size_t len)
{
    uint32_t cp = 0;
    if (len && !fo_utf8_decode(s, len, &cp))
        cp = (unsigned char)*s;
    return cp;
}

static uint32_t last_char(const char *s, size_t len)
{
    size_t i = len;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    return i > 0 ? char_at(s + i - 1, len - i + 1) : 0;
}

/* The leaves of an inline tree in order: its text nodes, and NULL for each line break. */
typedef struct leaves {
    fo_node **v;
    size_t n, cap;
} leaves;

static void collect_leaves(fo_node *n, leaves *l)
{
    for (fo_node *c = n->first; c; c = c->next) {
        if (c->kind != FO_TEXT && c->kind != FO_LINEBREAK) {
            collect_leaves(c, l);
            continue;
        }
        if (l->n == l->cap) {
            l->cap = l->cap ? 2 * l->cap : 16;
            l->v = fo_xrealloc(l->v, l->cap * sizeof *l->v);
        }
        l->v[l->n++] = c->kind == FO_TEXT ? c : NULL;
    }
}

/* The character at s[at] of leaf i or, past its end, the first of the leaves after it; 0 at a line
 * break or the end. */
static uint32_t next_char(const leaves *l, size_t i, const char *s, size_t at, size_t len)
{
    if (at < len)
        return char_at(s + at, len - at);
    for (i++; i < l->n && l->v[i]; i++) {
        const char *t = l->v[i]->u.text.str;
        if (*t)
            return char_at(t, strnlen(t, 4));
    }
    return 0;
}

/* One leaf with its line-holding white space runs removed or made one space. */
static void tidy_leaf(db_reader *r, const leaves *l, size_t i, uint32_t *prev, fo_buf *b)
{
    const char *s = l->v[i]->u.text.str;
    size_t len = strlen(s);
    b->len = 0;
    for (size_t j = 0; j < len;) {
        size_t k = j;
        bool line_end = false;
        while (k < len && is_xml_space(s[k]))
            line_end |= s[k++] == '\n';
        if (k > j && !line_end) {
            fo_buf_append(b, s + j, k - j);
            *prev = ' ';
        } else if (k > j) {
            /* one space between words; none at an end, beside other white space, or between hanzi */
            uint32_t next = next_char(l, i, s, k, len);
            if (*prev && next && !is_space_char(*prev) && !is_space_char(next) && !(is_wide(*prev) && is_wide(next))) {
                fo_buf_putc(b, ' ');
                *prev = ' ';
            }
        } else {
            uint32_t cp;
            size_t n = fo_utf8_decode(s + j, len - j, &cp);
            k = j + (n ? n : 1);
            fo_buf_append(b, s + j, k - j);
            *prev = n ? cp : (unsigned char)s[j];
        }
        j = k;
    }
    l->v[i]->u.text.str = fo_doc_strndup(r->doc, b->data ? b->data : "", b->len);
}

/* Adjacent text nodes become one (entity references and comments split them), empty ones go. */
static void merge_texts(db_reader *r, fo_node *n)
{
    for (fo_node *c = n->first, *next; c; c = next) {
        next = c->next;
        if (c->kind != FO_TEXT) {
            merge_texts(r, c);
            continue;
        }
        if (!next || next->kind != FO_TEXT) {
            if (!*c->u.text.str)
                unlink_node(c);
            continue;
        }
        fo_buf b = {0};
        for (; next && next->kind == FO_TEXT; next = c->next) {
            if (!b.len)
                fo_buf_puts(&b, c->u.text.str);
            fo_buf_puts(&b, next->u.text.str);
            unlink_node(next);
        }
        c->u.text.str = fo_doc_strndup(r->doc, b.data ? b.data : "", b.len);
        fo_buf_free(&b);
        next = c; /* look at it again: it may be empty */
    }
}

/* Pretty-printer white space out of an inline container (see the top of the file). */
static void tidy(db_reader *r, fo_node *container)
{
    merge_texts(r, container);
    leaves l = {0};
    collect_leaves(container, &l);
    fo_buf b = {0};
    uint32_t prev = 0; /* the last character kept; 0 at the start and after a line break */
    for (size_t i = 0; i < l.n; i++) {
        const char *s = l.v[i] ? l.v[i]->u.text.str : NULL;
        if (!s)
            prev = 0;
        else if (strpbrk(s, "\n"))
            tidy_leaf(r, &l, i, &prev, &b);
        else if (*s)
            prev = last_char(s, strlen(s));
    }
    fo_buf_free(&b);
    free(l.v);
    merge_texts(r, container);
}

/* ---- inlines ---- */

static void read_inline(db_reader *r, fo_node *parent, xmlNodePtr x);
static void flow_node(db_reader *r, flow *f, xmlNodePtr x);
static void flow_close(db_reader *r, flow *f);
static fo_node *open_para(db_reader *r, flow *f, xmlNodePtr at);

static void read_inlines(db_reader *r, fo_node *parent, xmlNodePtr first)
{
    if (++r->depth > MAX_DEPTH)
        fail(r, first, "elements nested deeper than %d levels", MAX_DEPTH);
    for (xmlNodePtr c = first; c && !r->failed; c = c->next)
        read_inline(r, parent, c);
    r->depth--;
}

/* Inline content as one string of the document (NULL when empty): metadata, credits, labels. */
static const char *string_of(db_reader *r, fo_node *inlines)
{
    tidy(r, inlines);
    char *s = fo_node_text(inlines);
    const char *out = *s ? fo_doc_strdup(r->doc, s) : NULL;
    free(s);
    return out;
}

static const char *text_of(db_reader *r, xmlNodePtr x)
{
    fo_node *tmp = fo_inlines_new(r->doc, NULL, pos_of(r, x));
    r->in_meta++;
    read_inlines(r, tmp, x->children);
    r->in_meta--;
    return string_of(r, tmp);
}

/* The content of an entity reference, read the way `read` reads children. */
static void expand_entity(db_reader *r, xmlNodePtr ref, fo_node *inlines, flow *f)
{
    char ch[8];
    xmlNodePtr content = entity_content(r, ref, ch);
    if (*ch)
        add_text(r, inlines ? inlines : open_para(r, f, ref), ch, ref);
    if (!content || r->depth >= MAX_DEPTH)
        return;
    int saved = r->entity_line;
    r->entity_line = line_of(r, ref);
    r->depth++;
    for (xmlNodePtr c = content; c && !r->failed; c = c->next) {
        if (inlines)
            read_inline(r, inlines, c);
        else
            flow_node(r, f, c);
    }
    r->depth--;
    r->entity_line = saved;
}

static void read_emphasis(db_reader *r, fo_node *parent, xmlNodePtr x)
{
    const char *role = attr(r, x, "role", NULL);
    bool strong = role && (strcmp(role, "strong") == 0 || strcmp(role, "bold") == 0);
    read_inlines(r, add_node(r, parent, strong ? FO_STRONG : FO_EMPH, x), x->children);
}

static void read_xref(db_reader *r, fo_node *parent, xmlNodePtr x);

static void read_link(db_reader *r, fo_node *parent, xmlNodePtr x)
{
    const char *url = attr(r, x, "href", FO_XLINK_NS);
    if (!url)
        url = attr(r, x, "url", NULL); /* DocBook 4's ulink */
    if (url && *url) {
        fo_node *link = add_node(r, parent, FO_LINK, x);
        link->u.link.url = url;
        read_inlines(r, link, x->children);
        if (!link->first) /* an empty link shows its address */
            add_text(r, link, url, x);
    } else if (attr(r, x, "linkend", NULL) && !x->children) {
        read_xref(r, parent, x);
    } else {
        if (attr(r, x, "linkend", NULL))
            report_element(r, x, "to a place in the document kept as its text (internal links are not kept)");
        read_inlines(r, parent, x->children);
    }
}

/* uri and email: a link whose text is its address. */
static void read_uri(db_reader *r, fo_node *parent, xmlNodePtr x)
{
    fo_node *link = add_node(r, parent, FO_LINK, x);
    read_inlines(r, link, x->children);
    char *text = fo_node_text(link);
    fo_buf url = {0};
    fo_buf_printf(&url, "%s%s", is_element(x, "email") ? "mailto:" : "", text);
    link->u.link.url = fo_doc_strdup(r->doc, url.data);
    fo_buf_free(&url);
    free(text);
}

/* An xref becomes the text DocBook would generate for it: the target's xreflabel, the endterm's
 * text or the target's title.  The model keeps no ids, so it is text, not a link. */
static void read_xref(db_reader *r, fo_node *parent, xmlNodePtr x)
{
    const char *end = attr(r, x, "endterm", NULL), *id = attr(r, x, "linkend", NULL);
    xmlAttrPtr a = end ? xmlGetID(r->xml, BAD_CAST end) : id ? xmlGetID(r->xml, BAD_CAST id) : NULL;
    xmlNodePtr target = a ? a->parent : NULL;
    const char *label = target && !end ? attr(r, target, "xreflabel", NULL) : NULL;
    xmlNodePtr title = !target || label ? NULL : end ? target : title_of(target);
    if (r->in_xref || (!label && !title)) {
        report_element(r, x, "to something without a title dropped");
        return;
    }
    report_element(r, x, "replaced by the title of what it points to (internal links are not kept)");
    if (label) {
        add_text(r, parent, label, x);
        return;
    }
    r->in_xref++;
    read_inlines(r, parent, title->children);
    r->in_xref--;
}

/* A footnote leaves its number in the text; its content follows the paragraph (flush_notes). */
static void read_footnote(db_reader *r, fo_node *parent, xmlNodePtr x)
{
    if (r->in_xref)
        return;
    if (r->in_meta) {
        report_element(r, x, "in metadata dropped");
        return;
    }
    report_element(r, x, "moved after its paragraph as a numbered note");
    char mark[24];
    snprintf(mark, sizeof mark, "[%d]", ++r->last_note);
    add_text(r, parent, mark, x);
    if (r->n_notes == r->cap_notes) {
        r->cap_notes = r->cap_notes ? 2 * r->cap_notes : 8;
        r->notes = fo_xrealloc(r->notes, r->cap_notes * sizeof *r->notes);
    }
    r->notes[r->n_notes++] = (pending_note){x, r->last_note};
    const char *id = attr(r, x, "id", (const char *)XML_XML_NAMESPACE);
    if (id)
        xmlHashAddEntry(r->note_ids, BAD_CAST id, (void *)(intptr_t)r->last_note);
}

static void read_footnoteref(db_reader *r, fo_node *parent, xmlNodePtr x)
{
    const char *id = attr(r, x, "linkend", NULL);
    intptr_t number = id ? (intptr_t)xmlHashLookup(r->note_ids, BAD_CAST id) : 0;
    if (!number) {
        report_element(r, x, "to an unknown footnote dropped");
        return;
    }
    char mark[24];
    snprintf(mark, sizeof mark, "[%d]", (int)number);
    add_text(r, parent, mark, x);
}

/* phrase and its kin are their text; in a figure's caption, phrase role="credit" is the credit. */
static void read_plain(db_reader *r, fo_node *parent, xmlNodePtr x)
{
    if (r->figure && is_element(x, "phrase") && attr_is(r, x, "role", "credit")) {
        fo_node *figure = r->figure;
        r->figure = NULL;
        figure->u.figure.credit = text_of(r, x);
        r->figure = figure;
        return;
    }
    read_inlines(r, parent, x->children);
}

/* An inline image: its text alternative, if it has one. */
static void read_inline_media(db_reader *r, fo_node *parent, xmlNodePtr x)
{
    xmlNodePtr alt = child_element(x, "textobject");
    alt = alt ? alt : child_element(x, "alt");
    if (!alt) {
        report_element(r, x, "dropped");
        return;
    }
    report_element(r, x, "read as its text alternative");
    read_inlines(r, parent, alt->children);
}

/* A block where only inlines can go (a title, a caption, a table cell): its text, after a line end
 * that tidy() turns into a space between words or nothing between hanzi. */
static void read_flattened(db_reader *r, fo_node *parent, xmlNodePtr x, el_kind kind)
{
    if (kind == EL_BLOCK_DROP) {
        report_element(r, x, "dropped");
        return;
    }
    if (kind != EL_PARA && kind != EL_FORMALPARA && kind != EL_LINES && kind != EL_VERBATIM && kind != EL_TITLE)
        report_element(r, x, "inside a title, caption or table cell kept as its text");
    if (parent->first)
        add_text(r, parent, "\n", x);
    read_inlines(r, parent, x->children);
}

static void read_inline_element(db_reader *r, fo_node *parent, xmlNodePtr x)
{
    el_kind kind = kind_of(r, x);
    switch (kind) {
    case EL_EMPHASIS: read_emphasis(r, parent, x); break;
    case EL_CITETITLE: read_inlines(r, add_node(r, parent, FO_CITETITLE, x), x->children); break;
    case EL_TERM: read_inlines(r, add_node(r, parent, FO_EMPH, x), x->children); break;
    case EL_LINK: read_link(r, parent, x); break;
    case EL_URI: read_uri(r, parent, x); break;
    case EL_XREF: read_xref(r, parent, x); break;
    case EL_FOOTNOTE: read_footnote(r, parent, x); break;
    case EL_FOOTNOTEREF: read_footnoteref(r, parent, x); break;
    case EL_QUOTE:
        add_text(r, parent, "“", x);
        read_inlines(r, parent, x->children);
        add_text(r, parent, "”", x);
        break;
    case EL_PLAIN: read_plain(r, parent, x); break;
    case EL_INLINEMEDIA: read_inline_media(r, parent, x); break;
    case EL_INLINE_DROP: report_element(r, x, "dropped"); break;
    case EL_INVISIBLE: break;
    case EL_UNKNOWN:
        report_element(r, x, "read as plain text");
        read_inlines(r, parent, x->children);
        break;
    default: read_flattened(r, parent, x, kind); break;
    }
}

static void read_inline(db_reader *r, fo_node *parent, xmlNodePtr x)
{
    switch (x->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        if (x->content)
            add_text(r, parent, (const char *)x->content, x);
        break;
    case XML_ENTITY_REF_NODE: expand_entity(r, x, parent, NULL); break;
    case XML_PI_NODE: /* in a metadata string, a line end that tidy() makes a space or nothing */
        if (strcmp((const char *)x->name, "linebreak") == 0 && r->in_meta)
            add_text(r, parent, "\n", x);
        else if (strcmp((const char *)x->name, "linebreak") == 0)
            add_node(r, parent, FO_LINEBREAK, x);
        break;
    case XML_ELEMENT_NODE:
        if (in_docbook(x))
            read_inline_element(r, parent, x);
        else
            report_element(r, x, "dropped");
        break;
    default: break;
    }
}

/* ---- footnotes ---- */

/* The footnotes referred to so far, after the block that referred to them: "[1] …", role
 * "footnote".  Notes inside notes join the queue and follow. */
static void flush_notes(db_reader *r, fo_node *parent)
{
    static const char role[] = "footnote";
    if (r->in_meta || r->in_xref || r->flushing)
        return;
    r->flushing = true; /* notes inside notes join this loop rather than start one of their own */
    for (size_t i = 0; i < r->n_notes && !r->failed; i++) {
        pending_note note = r->notes[i]; /* by value: reading it may grow the queue */
        r->notes[i].note = NULL;
        flow f = {parent, NULL};
        f.para = append_block(parent, fo_node_new(r->doc, FO_PARA, pos_of(r, note.note)));
        f.para->u.para.role = role;
        char mark[24];
        snprintf(mark, sizeof mark, "[%d] ", note.number);
        add_text(r, f.para, mark, note.note);
        xmlNodePtr first = note.note->children;
        while (first && first->type != XML_ELEMENT_NODE)
            first = first->next;
        for (xmlNodePtr c = note.note->children; c && !r->failed; c = c->next) {
            if (c == first && is_element(c, "para"))
                for (xmlNodePtr g = c->children; g; g = g->next)
                    flow_node(r, &f, g);
            else
                flow_node(r, &f, c);
        }
        fo_node *p = f.para;
        f.para = NULL;
        if (p)
            tidy(r, p);
    }
    r->n_notes = 0;
    r->flushing = false;
}

/* ---- blocks ---- */

static fo_node *open_para(db_reader *r, flow *f, xmlNodePtr at)
{
    if (!f->para)
        f->para = append_block(f->parent, fo_node_new(r->doc, FO_PARA, pos_of(r, at)));
    return f->para;
}

/* Ends the open paragraph (an empty one without a role goes: folio writes <para/> only where
 * DocBook wants a block) and places the footnotes it referred to after it. */
static void flow_close(db_reader *r, flow *f)
{
    fo_node *p = f->para;
    f->para = NULL;
    if (p) {
        tidy(r, p);
        if (p->u.para.head)
            tidy(r, p->u.para.head);
        if (!p->first && !p->u.para.role && !p->u.para.head)
            unlink_node(p);
    }
    flush_notes(r, f->parent);
}

static void read_block(db_reader *r, flow *f, xmlNodePtr x);

static bool is_heading_part(const db_reader *r, xmlNodePtr x)
{
    el_kind k = in_docbook(x) ? kind_of(r, x) : EL_UNKNOWN;
    return k == EL_TITLE || k == EL_INFO;
}

/* An element's title (its own, or the one in its info); the other heading parts, which the model
 * has no place for (subtitle, titleabbrev, the rest of a section's info), are reported. */
static xmlNodePtr heading_parts(db_reader *r, xmlNodePtr x)
{
    xmlNodePtr title = NULL;
    for (xmlNodePtr c = x->children; c; c = c->next) {
        if (!is_heading_part(r, c))
            continue;
        bool info = kind_of(r, c) == EL_INFO;
        for (xmlNodePtr t = info ? c->children : c; t; t = info ? t->next : NULL) {
            if (t->type != XML_ELEMENT_NODE)
                continue;
            if (!title && is_element(t, "title"))
                title = t;
            else
                report_element(r, t, info ? "in <info> dropped" : "dropped");
        }
    }
    return title;
}

/* The children of x into the flow, its heading parts left to the caller. */
static void flow_body(db_reader *r, flow *f, xmlNodePtr x)
{
    for (xmlNodePtr c = x->children; c && !r->failed; c = c->next)
        if (!is_heading_part(r, c))
            flow_node(r, f, c);
}

/* A title the model has no heading for (a list's, a quotation's, a table's): a bold paragraph. */
static void title_para(db_reader *r, flow *f, xmlNodePtr title)
{
    flow_close(r, f);
    fo_node *p = open_para(r, f, title);
    read_inlines(r, add_node(r, p, FO_STRONG, title), title->children);
    flow_close(r, f);
}

/* <?folio marker="…" level="N"?> among x's children (docbook.h). */
static void read_folio_pis(db_reader *r, xmlNodePtr x, fo_node *sec, int *level)
{
    for (xmlNodePtr c = x->children; c; c = c->next) {
        if (c->type != XML_PI_NODE || strcmp((const char *)c->name, FO_DOCBOOK_PI) != 0 || !c->content)
            continue;
        const char *s = (const char *)c->content;
        while (*s) {
            const char *eq = strchr(s, '=');
            if (!eq || (eq[1] != '"' && eq[1] != '\''))
                break;
            const char *end = strchr(eq + 2, eq[1]);
            if (!end)
                break;
            const char *value = fo_doc_strndup(r->doc, eq + 2, (size_t)(end - eq - 2));
            while (*s == ' ')
                s++;
            if (strncmp(s, "marker=", 7) == 0)
                sec->u.section.marker = value;
            else if (strncmp(s, "level=", 6) == 0)
                *level = atoi(value);
            s = end + 1;
        }
    }
}

/* The level from the PI (or the renderas of a bridgehead), else the expected one; always below the
 * section it sits in. */
static void set_level(fo_node *sec, int level)
{
    int expected = fo_docbook_expected_level(sec);
    if (level < 1 || level > 1000 || (sec->parent->kind == FO_SECTION && level < expected))
        level = expected;
    sec->u.section.level = level;
}

/* A bridgehead of a higher level after a section of a lower one heads a subsection of it.  Where
 * DocBook has no sections (a quotation, a list item), folio writes each as a bridgehead with its
 * level, so a section there is placed the same way. */
static void place_section(fo_node *parent, fo_node *sec, int level, bool bridgehead)
{
    if (fo_is_part(parent->last, FO_PART_ATTACHMENT)) /* what follows an attachment is in it (doc.h) */
        parent = parent->last;
    bool flow = parent->kind == FO_DOCUMENT || parent->kind == FO_SECTION || fo_is_part(parent, FO_PART_ATTACHMENT);
    if (bridgehead || !flow)
        while (level > 0 && parent->last && parent->last->kind == FO_SECTION && parent->last->u.section.level < level)
            parent = parent->last;
    fo_node_append(parent, sec);
    set_level(sec, level);
}

/* A section or bridgehead inside a table cell, where the model has no headings: its title in bold,
 * its content after it. */
static void cell_heading(db_reader *r, flow *f, xmlNodePtr x, xmlNodePtr title)
{
    report_element(r, x, "inside a table cell read as its title in bold and its content");
    if (title)
        title_para(r, f, title);
    if (x != title)
        flow_body(r, f, x);
}

static void read_section(db_reader *r, flow *f, xmlNodePtr x)
{
    flow_close(r, f);
    if (r->in_cell) {
        cell_heading(r, f, x, heading_parts(r, x));
        return;
    }
    fo_node *sec = fo_node_new(r->doc, FO_SECTION, pos_of(r, x));
    int level = 0;
    sec->u.section.label = attr(r, x, "label", NULL);
    read_folio_pis(r, x, sec, &level);
    place_section(f->parent, sec, level, false);
    sec->u.section.title = fo_inlines_new(r->doc, sec, pos_of(r, x));
    xmlNodePtr title = heading_parts(r, x);
    if (title) {
        read_inlines(r, sec->u.section.title, title->children);
        tidy(r, sec->u.section.title);
    }
    flow body = {sec, NULL};
    flow_body(r, &body, x);
    flow_close(r, &body);
}

/* A bridgehead heads the blocks after it: a section, nested under an earlier one of a higher
 * level.  folio writes one for a section inside a quotation or list (write_docbook.c). */
static void read_bridgehead(db_reader *r, flow *f, xmlNodePtr x)
{
    flow_close(r, f);
    if (r->in_cell) {
        cell_heading(r, f, x, x);
        return;
    }
    fo_node *sec = fo_node_new(r->doc, FO_SECTION, pos_of(r, x));
    int level = 0;
    const char *renderas = attr(r, x, "renderas", NULL);
    if (renderas && strncmp(renderas, "sect", 4) == 0)
        level = atoi(renderas + 4);
    read_folio_pis(r, x, sec, &level);
    place_section(f->parent, sec, level, true);
    sec->u.section.title = fo_inlines_new(r->doc, sec, pos_of(r, x));
    for (xmlNodePtr c = x->children; c && !r->failed; c = c->next) {
        if (is_element(c, "phrase") && attr_is(r, c, "role", "label") && !sec->u.section.label)
            sec->u.section.label = text_of(r, c);
        else
            read_inline(r, sec->u.section.title, c);
    }
    tidy(r, sec->u.section.title);
}

static bool has_content(xmlNodePtr x)
{
    for (xmlNodePtr c = x->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE || c->type == XML_ENTITY_REF_NODE ||
            ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
             strspn((const char *)c->content, " \t\r\n") < strlen((const char *)c->content)))
            return true;
    return false;
}

/* A para is a flow of its own: blocks inside it (lists, listings) split it into paragraphs. */
static void read_para(db_reader *r, flow *f, xmlNodePtr x)
{
    flow_close(r, f);
    const char *role = attr(r, x, "role", NULL);
    if (role && strcmp(role, "rule") == 0 && !has_content(x)) {
        append_block(f->parent, fo_node_new(r->doc, FO_RULE, pos_of(r, x)));
        return;
    }
    open_para(r, f, x)->u.para.role = role;
    for (xmlNodePtr c = x->children; c && !r->failed; c = c->next)
        flow_node(r, f, c);
    flow_close(r, f);
}

/* formalpara: the title is the run-in head, its para the body. */
static void read_formalpara(db_reader *r, flow *f, xmlNodePtr x)
{
    flow_close(r, f);
    fo_node *p = open_para(r, f, x);
    p->u.para.role = attr(r, x, "role", NULL);
    p->u.para.head = fo_inlines_new(r->doc, p, pos_of(r, x));
    xmlNodePtr title = heading_parts(r, x), body = child_element(x, "para");
    if (title)
        read_inlines(r, p->u.para.head, title->children);
    for (xmlNodePtr c = x->children; c && !r->failed; c = c->next) {
        if (is_heading_part(r, c))
            continue;
        if (c == body)
            for (xmlNodePtr g = c->children; g; g = g->next)
                flow_node(r, f, g);
        else
            flow_node(r, f, c);
    }
    flow_close(r, f);
}

static fo_node *read_item(db_reader *r, fo_node *list, xmlNodePtr x)
{
    fo_node *item = add_node(r, list, FO_ITEM, x);
    flow fi = {item, NULL};
    xmlNodePtr title = heading_parts(r, x); /* a procedure's step may have one */
    if (title)
        title_para(r, &fi, title);
    flow_body(r, &fi, x);
    flow_close(r, &fi);
    return item;
}

/* The list of x, made when its first item comes: DocBook lists need items, and so do folio's. */
static fo_node *list_of(db_reader *r, flow *f, xmlNodePtr x, fo_node **list, bool ordered)
{
    if (!*list) {
        flow_close(r, f);
        *list = append_block(f->parent, fo_node_new(r->doc, FO_LIST, pos_of(r, x)));
        (*list)->u.list.ordered = ordered;
        const char *start = ordered ? attr(r, x, "startingnumber", NULL) : NULL;
        long n = start ? strtol(start, NULL, 10) : 0;
        (*list)->u.list.start = n > 1 && n < INT_MAX ? (int)n : 0; /* 1 is what no number says */
    }
    return *list;
}

/* itemizedlist, orderedlist, procedure: blocks before the items stay before the list. */
static void read_list(db_reader *r, flow *f, xmlNodePtr x)
{
    flow_close(r, f);
    bool ordered = !is_element(x, "itemizedlist");
    xmlNodePtr title = heading_parts(r, x);
    if (title)
        title_para(r, f, title);
    fo_node *list = NULL;
    for (xmlNodePtr c = x->children; c && !r->failed; c = c->next) {
        if (is_heading_part(r, c))
            continue;
        if (is_element(c, "listitem") || is_element(c, "step"))
            read_item(r, list_of(r, f, x, &list, ordered), c);
        else
            flow_node(r, f, c);
    }
    flow_close(r, f);
}

/* variablelist: one item a term, opening with the term(s) in bold, then the definition. */
static void read_variablelist(db_reader *r, flow *f, xmlNodePtr x)
{
    flow_close(r, f);
    xmlNodePtr title = heading_parts(r, x);
    if (title)
        title_para(r, f, title);
    fo_node *list = NULL;
    for (xmlNodePtr c = x->children; c && !r->failed; c = c->next) {
        if (is_heading_part(r, c))
            continue;
        if (!is_element(c, "varlistentry")) {
            flow_node(r, f, c);
            continue;
        }
        fo_node *item = add_node(r, list_of(r, f, x, &list, false), FO_ITEM, c);
        flow fi = {item, NULL};
        fo_node *term = add_node(r, open_para(r, &fi, c), FO_STRONG, c);
        for (xmlNodePtr t = c->children; t; t = t->next) {
            if (!is_element(t, "term"))
                continue;
            if (term->first)
                add_text(r, term, "\n", t);
            read_inlines(r, term, t->children);
        }
        flow_close(r, &fi);
        for (xmlNodePtr d = c->children; d && !r->failed; d = d->next)
            if (is_element(d, "listitem"))
                flow_body(r, &fi, d);
        flow_close(r, &fi);
    }
    flow_close(r, f);
}

static void read_simplelist(db_reader *r, flow *f, xmlNodePtr x)
{
    fo_node *list = NULL;
    for (xmlNodePtr c = x->children; c && !r->failed; c = c->next) {
        if (!is_element(c, "member"))
            continue;
        flow fi = {add_node(r, list_of(r, f, x, &list, false), FO_ITEM, c), NULL};
        read_inlines(r, open_para(r, &fi, c), c->children);
        flow_close(r, &fi);
    }
}

/* blockquote, epigraph and the asides (note, sidebar, example …): a quotation; the attribution
 * closes it after a dash. */
static void read_blockquote(db_reader *r, flow *f, xmlNodePtr x)
{
    flow_close(r, f);
    fo_node *quote = append_block(f->parent, fo_node_new(r->doc, FO_BLOCKQUOTE, pos_of(r, x)));
    flow fq = {quote, NULL};
    xmlNodePtr title = heading_parts(r, x), attribution = child_element(x, "attribution");
    if (title)
        title_para(r, &fq, title);
    for (xmlNodePtr c = x->children; c && !r->failed; c = c->next)
        if (!is_heading_part(r, c) && c != attribution)
            flow_node(r, &fq, c);
    if (attribution) {
        flow_close(r, &fq);
        fo_node *p = open_para(r, &fq, attribution);
        add_text(r, p, "——", attribution);
        read_inlines(r, p, attribution->children);
    }
    flow_close(r, &fq);
}

/* Whether a textobject is the one folio writes for a photo it only has the caption of. */
static bool is_no_image_text(db_reader *r, xmlNodePtr textobject)
{
    const char *s = text_of(r, textobject);
    return s && strcmp(s, FO_DOCBOOK_NO_IMAGE) == 0;
}

/* The caption of a mediaobject: its paragraphs (line breaks between them), the credit apart. */
static void read_caption(db_reader *r, fo_node *figure, fo_node *caption, xmlNodePtr x)
{
    bool first = true;
    r->figure = figure;
    for (xmlNodePtr c = x->children; c && !r->failed; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) {
            read_inline(r, caption, c);
        } else if (is_element(c, "para") || is_element(c, "simpara")) {
            if (caption->first)
                first ? add_text(r, caption, "\n", c) : (void)add_node(r, caption, FO_LINEBREAK, c);
            read_inlines(r, caption, c->children);
            first = false;
        } else {
            read_inline(r, caption, c);
        }
    }
    r->figure = NULL;
}

/* A mediaobject is one figure: the first image (the others are alternatives of it), the caption
 * (after the figure's title, when there is one) and its credit. */
static void read_mediaobject(db_reader *r, flow *f, xmlNodePtr x, xmlNodePtr title)
{
    flow_close(r, f);
    fo_node *fig = append_block(f->parent, fo_node_new(r->doc, FO_FIGURE, pos_of(r, x)));
    fo_node *caption = fo_inlines_new(r->doc, fig, pos_of(r, x));
    xmlNodePtr alt = NULL;
    if (title)
        read_inlines(r, caption, title->children);
    for (xmlNodePtr c = x->children; c && !r->failed; c = c->next) {
        xmlNodePtr data = is_element(c, "imageobject") ? child_element(c, "imagedata") : NULL;
        if (data && !fig->u.figure.image) {
            fig->u.figure.image = attr(r, data, "fileref", NULL);
            if (fig->u.figure.image)
                fig->u.figure.picture = fo_picture_load(&r->pictures, fig->u.figure.image, pos_of(r, data).line);
        }
        else if (is_element(c, "textobject") && !alt && !is_no_image_text(r, c))
            alt = c;
        else if (is_element(c, "caption"))
            read_caption(r, fig, caption, c);
        else if (is_element(c, "videoobject") || is_element(c, "audioobject"))
            report_element(r, c, "dropped");
    }
    if (!caption->first && !fig->u.figure.credit && alt) /* no caption: the text alternative */
        read_inlines(r, caption, alt->children);
    tidy(r, caption);
    fig->u.figure.caption = caption->first ? caption : NULL;
    flush_notes(r, f->parent);
}

static void read_figure(db_reader *r, flow *f, xmlNodePtr x)
{
    flow_close(r, f);
    xmlNodePtr title = heading_parts(r, x);
    bool any = false;
    for (xmlNodePtr c = x->children; c && !r->failed; c = c->next) {
        if (is_heading_part(r, c))
            continue;
        if (is_element(c, "mediaobject")) {
            read_mediaobject(r, f, c, any ? NULL : title);
            any = true;
        } else {
            flow_node(r, f, c);
        }
    }
    if (!any && title) { /* a figure with nothing but its title */
        fo_node *fig = append_block(f->parent, fo_node_new(r->doc, FO_FIGURE, pos_of(r, x)));
        fig->u.figure.caption = fo_inlines_new(r->doc, fig, pos_of(r, title));
        read_inlines(r, fig->u.figure.caption, title->children);
        tidy(r, fig->u.figure.caption);
    }
    flow_close(r, f);
}

/* ---- tables ----
 * Both of DocBook's table models become the model's table: CALS (table or informaltable holding
 * tgroups: colspec, spanspec, thead/tbody/tfoot, row, entry with colname, namest/nameend,
 * spanname, morerows) and HTML (caption, thead/tbody/tfoot, tr, th/td with rowspan and colspan).
 * The model puts a cell at its row's first free column (fo_doc_finish), so a CALS entry that
 * names a later column gets an empty cell over the gap before it; a row span ends with its row
 * group, as in both models; a footer (tfoot) is the last body rows.  What a cell cannot hold in
 * the model is flattened while r->in_cell is set: a table in a cell (or an entrytbl) is one
 * paragraph a row (flat_table), a section its title in bold. */

typedef struct table_rows {
    xmlNodePtr *v;
    bool *header;
    size_t n, cap;
} table_rows;

static void push_row(table_rows *t, xmlNodePtr row, bool header)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->v = fo_xrealloc(t->v, t->cap * sizeof *t->v);
        t->header = fo_xrealloc(t->header, t->cap * sizeof *t->header);
    }
    t->v[t->n] = row;
    t->header[t->n++] = header;
}

static bool is_cell(xmlNodePtr c)
{
    return is_element(c, "entry") || is_element(c, "td") || is_element(c, "th") || is_element(c, "entrytbl");
}

static bool is_row(xmlNodePtr c) { return is_element(c, "row") || is_element(c, "tr"); }

static bool is_row_group(xmlNodePtr c)
{
    return is_element(c, "thead") || is_element(c, "tbody") || is_element(c, "tfoot");
}

/* ---- a table in a table cell: one paragraph a row ---- */

static void collect_rows(xmlNodePtr x, table_rows *body, table_rows *foot, bool header, bool in_foot, int depth)
{
    for (xmlNodePtr c = x->children; c && depth < 8; c = c->next) {
        if (is_row(c))
            push_row(in_foot ? foot : body, c, header);
        else if (is_element(c, "tgroup") || is_element(c, "tbody"))
            collect_rows(c, body, foot, header, in_foot, depth + 1);
        else if (is_element(c, "thead"))
            collect_rows(c, body, foot, true, in_foot, depth + 1);
        else if (is_element(c, "tfoot"))
            collect_rows(c, body, foot, header, true, depth + 1);
    }
}

/* The title, then one paragraph a row, cells separated by " | ", header rows in bold. */
static void flat_rows(db_reader *r, flow *f, xmlNodePtr title, const table_rows *rows)
{
    if (title)
        title_para(r, f, title);
    for (size_t i = 0; i < rows->n && !r->failed; i++) {
        flow_close(r, f);
        fo_node *p = open_para(r, f, rows->v[i]), *into = rows->header[i] ? add_node(r, p, FO_STRONG, rows->v[i]) : p;
        bool first = true;
        for (xmlNodePtr c = rows->v[i]->children; c; c = c->next) {
            if (!is_cell(c))
                continue;
            if (!first)
                add_text(r, into, " | ", c);
            first = false;
            fo_node *cell = fo_inlines_new(r->doc, NULL, pos_of(r, c));
            read_inlines(r, cell, c->children);
            tidy(r, cell);
            for (fo_node *n = cell->first, *next; n; n = next) {
                next = n->next;
                unlink_node(n);
                fo_node_append(into, n);
            }
        }
    }
    flow_close(r, f);
}

static void flat_table(db_reader *r, flow *f, xmlNodePtr x, xmlNodePtr title)
{
    report_element(r, x, "inside a table cell read as one paragraph a row, cells separated by \" | \"");
    table_rows body = {0}, foot = {0};
    collect_rows(x, &body, &foot, false, false, 0);
    for (size_t i = 0; i < foot.n; i++)
        push_row(&body, foot.v[i], foot.header[i]);
    flat_rows(r, f, title, &body);
    free(body.v);
    free(body.header);
    free(foot.v);
    free(foot.header);
}

/* ---- tables of the model ---- */

/* One table being read. */
typedef struct table_build {
    fo_node *table;
    bool cals;                  /* a tgroup's rows (CALS), else an HTML-model table's */
    bool body;                  /* a body row is read: every later row is one */
    xmlHashTablePtr columns;    /* CALS: colspec colname → its column, 1-based */
    xmlHashTablePtr spans;      /* CALS: spanspec spanname → the spanspec */
    int row;                    /* the rows read so far */
    int until[FO_TABLE_MAX_COLS]; /* per column: the first row (counting as `row`) that no cell above
                                     or before it in its row covers */
} table_build;

static bool is_covered(const table_build *t, int col) { return t->until[col] > t->row; }

/* A whole number attribute; `none` when it is absent or no number. */
static long number_attr(db_reader *r, xmlNodePtr x, const char *name, long none)
{
    const char *v = attr(r, x, name, NULL);
    char *end;
    long n = v ? strtol(v, &end, 10) : none;
    return v && end == v ? none : n;
}

/* rowspan, colspan: at least 1, at most max. */
static int span_attr(db_reader *r, xmlNodePtr x, const char *name, int max)
{
    long n = number_attr(r, x, name, 1);
    return n < 1 ? 1 : n > max ? max : (int)n;
}

/* A tgroup's colspecs by name (colnum, else the one after the previous), and its spanspecs. */
static void read_colspecs(db_reader *r, table_build *t, xmlNodePtr tgroup)
{
    long num = 0;
    for (xmlNodePtr c = tgroup->children; c; c = c->next) {
        const char *name = NULL;
        if (is_element(c, "colspec")) {
            long n = number_attr(r, c, "colnum", num + 1);
            num = n >= 1 && n <= FO_TABLE_MAX_COLS ? n : FO_TABLE_MAX_COLS + 1;
            if ((name = attr(r, c, "colname", NULL)) != NULL && num <= FO_TABLE_MAX_COLS)
                xmlHashAddEntry(t->columns, BAD_CAST name, (void *)(intptr_t)num);
        } else if (is_element(c, "spanspec") && (name = attr(r, c, "spanname", NULL)) != NULL) {
            xmlHashAddEntry(t->spans, BAD_CAST name, c);
        }
    }
}

static int column_named(const table_build *t, const char *name)
{
    return name && t->columns ? (int)(intptr_t)xmlHashLookup(t->columns, BAD_CAST name) : 0;
}

/* Where a CALS entry starts (0-based; -1 when it names no column) and how many columns it spans:
 * its namest/nameend, else its spanspec's, else its colname. */
static int entry_columns(db_reader *r, const table_build *t, xmlNodePtr e, int *colspan)
{
    const char *start = attr(r, e, "namest", NULL), *end = attr(r, e, "nameend", NULL);
    const char *span = start ? NULL : attr(r, e, "spanname", NULL);
    xmlNodePtr spec = span ? xmlHashLookup(t->spans, BAD_CAST span) : NULL;
    if (spec) {
        start = attr(r, spec, "namest", NULL);
        end = attr(r, spec, "nameend", NULL);
    }
    if (!start)
        start = attr(r, e, "colname", NULL);
    int first = column_named(t, start), last = column_named(t, end);
    if ((start && !first) || (span && !spec))
        report_element(r, e, "naming a column or span its tgroup does not define: placed in the next free column");
    *colspan = first && last > first ? last - first + 1 : 1;
    return first - 1;
}

static fo_node *new_cell(db_reader *r, fo_node *row, xmlNodePtr at, int colspan, int rowspan)
{
    fo_node *cell = add_node(r, row, FO_CELL, at);
    cell->u.cell.colspan = colspan;
    cell->u.cell.rowspan = rowspan;
    cell->u.cell.header = row->u.row.header;
    return cell;
}

/* A cell at the row's first free column from *col on, over at most `colspan` free columns; before
 * it, when `want` names a later column, an empty cell over each run of free columns in between.
 * NULL when the row is full. */
static fo_node *place_cell(db_reader *r, table_build *t, fo_node *row, int *col, int want, int colspan,
                           int rowspan, xmlNodePtr at)
{
    for (;;) {
        while (*col < FO_TABLE_MAX_COLS && is_covered(t, *col))
            (*col)++;
        if (*col >= FO_TABLE_MAX_COLS)
            return NULL;
        if (*col >= want)
            break;
        int gap = *col;
        while (*col < want && !is_covered(t, *col))
            t->until[(*col)++] = t->row + 1;
        new_cell(r, row, at, *col - gap, 1);
    }
    int start = *col;
    while (*col < FO_TABLE_MAX_COLS && *col - start < colspan && !is_covered(t, *col))
        t->until[(*col)++] = t->row + rowspan;
    return new_cell(r, row, at, *col - start, rowspan);
}

/* th, and a CALS entry in a header row, is a header cell; folio's writer marks the exceptions
 * (a row's heading cell in the body, a plain cell in the head) role="th" or role="td". */
static bool cell_is_header(db_reader *r, xmlNodePtr c, bool row_header)
{
    const char *role = is_element(c, "th") || is_element(c, "td") ? NULL : attr(r, c, "role", NULL);
    if (is_element(c, "th") || (role && strcmp(role, "th") == 0))
        return true;
    return role && strcmp(role, "td") == 0 ? false : row_header && !is_element(c, "td");
}

/* A cell's content, as blocks (an entry holds either inlines or blocks). */
static void read_cell(db_reader *r, fo_node *cell, xmlNodePtr x)
{
    flow fc = {cell, NULL};
    r->in_cell++;
    if (is_element(x, "entrytbl"))
        flat_table(r, &fc, x, NULL);
    else
        for (xmlNodePtr c = x->children; c && !r->failed; c = c->next)
            flow_node(r, &fc, c);
    flow_close(r, &fc);
    r->in_cell--;
}

/* One row: its cells in their columns.  `rows_left`: the rows from this one to its group's end. */
static void read_row(db_reader *r, table_build *t, xmlNodePtr x, bool header, int rows_left)
{
    fo_node *row = fo_node_new(r->doc, FO_ROW, pos_of(r, x));
    row->u.row.header = header;
    int col = 0;
    for (xmlNodePtr c = x->children; c && !r->failed; c = c->next) {
        if (!is_cell(c)) {
            if (c->type == XML_ELEMENT_NODE)
                report_in(r, c);
            continue;
        }
        int colspan = 1, rowspan = 1, want = -1;
        if (t->cals) {
            want = entry_columns(r, t, c, &colspan);
            long more = number_attr(r, c, "morerows", 0);
            rowspan = more < 1 ? 1 : more >= rows_left ? rows_left : (int)more + 1;
        } else {
            colspan = span_attr(r, c, "colspan", FO_TABLE_MAX_COLS);
            rowspan = span_attr(r, c, "rowspan", rows_left);
        }
        fo_node *cell = place_cell(r, t, row, &col, want, colspan, rowspan, c);
        if (!cell) {
            report_element(r, c, "beyond the table's last possible column dropped");
            break;
        }
        cell->u.cell.header = cell_is_header(r, c, header);
        read_cell(r, cell, c);
    }
    t->row++;
    if (row->first)
        fo_node_append(t->table, row);
}

/* Whether a row has a cell (a row without one has no place in the model), or only th cells. */
static bool row_has_cells(xmlNodePtr row, bool only_th)
{
    bool any = false;
    for (xmlNodePtr c = row->children; c; c = c->next) {
        if (!is_cell(c))
            continue;
        if (only_th && !is_element(c, "th"))
            return false;
        any = true;
    }
    return any;
}

/* The rows among the siblings [first, stop): a thead's, tbody's or tfoot's, or a run of rows
 * straight in the table.  Header rows: a thead's, or (HTML) a row of th, before any body row. */
static void read_row_group(db_reader *r, table_build *t, xmlNodePtr first, xmlNodePtr stop, bool thead)
{
    table_rows rows = {0};
    for (xmlNodePtr c = first; c && c != stop; c = c->next) {
        if (!is_row(c) || !row_has_cells(c, false))
            continue;
        bool header = !t->body && (thead || (!t->cals && row_has_cells(c, true)));
        t->body |= !header;
        push_row(&rows, c, header);
    }
    size_t run_end = 0; /* row spans end with their group: nothing covers its first row */
    for (size_t i = 0; i < rows.n && !r->failed; i++) {
        if (i == run_end) /* a row span stays among the header rows, or among the body rows */
            while (run_end < rows.n && rows.header[run_end] == rows.header[i])
                run_end++;
        read_row(r, t, rows.v[i], rows.header[i], (int)(run_end - i));
    }
    free(rows.v);
    free(rows.header);
}

/* The next row group after a run of rows straight in the table. */
static xmlNodePtr next_row_group(xmlNodePtr x)
{
    while (x && !is_row_group(x))
        x = x->next;
    return x;
}

/* What may stand in a tgroup or an HTML-model table beside the rows, and carries nothing to keep
 * (column widths and alignment). */
static bool is_table_furniture(db_reader *r, xmlNodePtr c)
{
    return is_element(c, "colspec") || is_element(c, "spanspec") || is_element(c, "col") ||
           is_element(c, "colgroup") || is_element(c, "caption") || is_heading_part(r, c);
}

/* The rows of `holder` (a tgroup, or an HTML-model table) in order, the footers last. */
static void read_rows(db_reader *r, table_build *t, xmlNodePtr holder)
{
    for (int pass = 0; pass < 2 && !r->failed; pass++) {
        bool run = false;
        for (xmlNodePtr c = holder->children; c && !r->failed; c = c->next) {
            bool foot = is_element(c, "tfoot");
            if (is_row_group(c)) {
                run = false;
                if (foot && pass == 1)
                    report_element(r, c, "read as the table's last rows");
                if (foot == (pass == 1))
                    read_row_group(r, t, c->children, NULL, is_element(c, "thead"));
            } else if (is_row(c)) {
                if (!run && pass == 0)
                    read_row_group(r, t, c, next_row_group(c), false);
                run = true;
            } else if (pass == 0 && c->type == XML_ELEMENT_NODE && !is_table_furniture(r, c)) {
                report_in(r, c);
            }
        }
    }
}

/* The rows of a tgroup or an HTML-model table as one table of the model, with the caption; false
 * when there is no row. */
static bool read_table_rows(db_reader *r, flow *f, table_build *t, xmlNodePtr table, xmlNodePtr holder,
                            xmlNodePtr title)
{
    memset(t, 0, sizeof *t);
    t->table = fo_node_new(r->doc, FO_TABLE, pos_of(r, table));
    t->cals = is_element(holder, "tgroup");
    if (t->cals) {
        t->columns = xmlHashCreate(16);
        t->spans = xmlHashCreate(4);
        if (!t->columns || !t->spans)
            fail(r, holder, "out of memory");
        else
            read_colspecs(r, t, holder);
    }
    if (!r->failed)
        read_rows(r, t, holder);
    xmlHashFree(t->columns, NULL);
    xmlHashFree(t->spans, NULL);
    fo_node *tab = t->table;
    if (!tab->first || r->failed)
        return false;
    for (fo_node *row = tab->first; row && !t->body; row = row->next)
        row->u.row.header = false; /* header rows only: the model (and CALS) wants a body row */
    if (title) {
        fo_node *caption = fo_inlines_new(r->doc, tab, pos_of(r, title));
        read_inlines(r, caption, title->children);
        tidy(r, caption);
        tab->u.table.caption = caption->first ? caption : NULL;
    }
    append_block(f->parent, tab);
    return true;
}

/* table, informaltable: a table of the model for each tgroup (CALS), or for the rows (HTML); the
 * title (or the HTML caption) is the first one's caption.  Notes in cells stay in their cell; notes
 * in the caption follow the table. */
static void read_table(db_reader *r, flow *f, xmlNodePtr x)
{
    flow_close(r, f);
    xmlNodePtr title = heading_parts(r, x);
    title = title ? title : child_element(x, "caption");
    if (r->in_cell) {
        flat_table(r, f, x, title);
        return;
    }
    table_build *t = fo_xmalloc(sizeof *t);
    bool any = false;
    if (child_element(x, "tgroup")) {
        for (xmlNodePtr c = x->children; c && !r->failed; c = c->next) {
            if (!is_element(c, "tgroup")) {
                if (c->type == XML_ELEMENT_NODE && !is_table_furniture(r, c))
                    report_in(r, c);
                continue;
            }
            if (any)
                report_element(r, c, "after the first read as a table of its own");
            any |= read_table_rows(r, f, t, x, c, any ? NULL : title);
        }
    } else {
        any = read_table_rows(r, f, t, x, x, title);
    }
    free(t);
    if (!any && title && !r->failed) { /* no rows: the title is all there is */
        report_element(r, x, "without rows: its title kept as a paragraph");
        title_para(r, f, title);
    }
    flush_notes(r, f->parent);
}

/* programlisting, literallayout …: one paragraph, its line ends as line breaks; the line end after
 * the start tag and the white space before the end tag are layout, not content. */
static void read_lines(db_reader *r, flow *f, xmlNodePtr x)
{
    flow_close(r, f);
    fo_node *p = append_block(f->parent, fo_node_new(r->doc, FO_PARA, pos_of(r, x)));
    r->verbatim++;
    read_inlines(r, p, x->children);
    r->verbatim--;
    merge_texts(r, p);
    if (p->first && p->first->kind == FO_LINEBREAK)
        unlink_node(p->first);
    while (p->last && (p->last->kind == FO_LINEBREAK ||
                       (p->last->kind == FO_TEXT && !p->last->u.text.str[strspn(p->last->u.text.str, " \t")])))
        unlink_node(p->last);
    if (!p->first)
        unlink_node(p);
    flush_notes(r, f->parent);
}

/* ---- official documents: the parts write_docbook.c writes (doc.h) ---- */

/* Whether a part may stand where the flow is (doc.h); elsewhere (a quotation, a list item) the
 * element is read as what it is. */
static bool part_fits(const flow *f, fo_part_kind kind)
{
    const fo_node *p = f->parent;
    if (kind == FO_PART_ATTACHMENT)
        return p->kind == FO_DOCUMENT;
    return p->kind == FO_DOCUMENT || p->kind == FO_SECTION || fo_is_part(p, FO_PART_ATTACHMENT);
}

/* Whether an element holds nothing but inline content (no list or listing inside a para). */
static bool holds_inlines_only(const db_reader *r, xmlNodePtr x)
{
    for (xmlNodePtr c = x->children; c; c = c->next)
        if (is_block(r, c) && !is_element(c, "title"))
            return false;
    return true;
}

/* How many paragraphs x holds when it holds nothing but paragraphs (para, simpara and, with
 * `formalpara`, formalpara) of inline content, and white space; -1 when it holds anything else. */
static int inline_paras(const db_reader *r, xmlNodePtr x, bool formalpara)
{
    int n = 0;
    for (xmlNodePtr c = x->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content && strspn((const char *)c->content, " \t\r\n") < strlen((const char *)c->content))
                return -1;
        } else if (c->type == XML_ENTITY_REF_NODE) {
            return -1;
        } else if (c->type == XML_ELEMENT_NODE) {
            bool formal = formalpara && is_element(c, "formalpara");
            xmlNodePtr body = formal ? child_element(c, "para") : c;
            if (!(is_element(c, "para") || is_element(c, "simpara") || formal) || !body || !holds_inlines_only(r, body))
                return -1;
            n++;
        }
    }
    return n;
}

/* An FO_PART of `kind` holding the inlines of x, into the flow. */
static void read_part_line(db_reader *r, flow *f, xmlNodePtr x, fo_part_kind kind)
{
    flow_close(r, f);
    fo_node *part = append_block(f->parent, fo_part_new(r->doc, kind, pos_of(r, x)));
    read_inlines(r, part, x->children);
    tidy(r, part);
    flush_notes(r, f->parent);
}

/* A para (or formalpara) of inline content as one FO_PARA of `parent`; an empty one is left out. */
static void read_item_para(db_reader *r, fo_node *parent, xmlNodePtr x)
{
    fo_node *p = fo_node_append(parent, fo_node_new(r->doc, FO_PARA, pos_of(r, x)));
    p->u.para.role = attr(r, x, "role", NULL);
    xmlNodePtr body = x;
    if (is_element(x, "formalpara")) {
        xmlNodePtr title = child_element(x, "title");
        p->u.para.head = fo_inlines_new(r->doc, p, pos_of(r, x));
        if (title)
            read_inlines(r, p->u.para.head, title->children);
        tidy(r, p->u.para.head);
        body = child_element(x, "para");
    }
    read_inlines(r, p, body->children);
    tidy(r, p);
    if (!p->first && !p->u.para.head && !p->u.para.role)
        unlink_node(p);
}

/* 附件说明: orderedlist role="enclosures", every item one paragraph. */
static void read_enclosures(db_reader *r, flow *f, xmlNodePtr x)
{
    flow_close(r, f);
    fo_node *part = append_block(f->parent, fo_part_new(r->doc, FO_PART_ENCLOSURES, pos_of(r, x)));
    for (xmlNodePtr item = x->children; item && !r->failed; item = item->next)
        for (xmlNodePtr c = is_element(item, "listitem") ? item->children : NULL; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                read_item_para(r, part, c);
    if (!part->first)
        unlink_node(part);
    flush_notes(r, f->parent);
}

static bool is_enclosures(const db_reader *r, xmlNodePtr x)
{
    bool any = false;
    for (xmlNodePtr c = x->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!is_element(c, "listitem") || inline_paras(r, c, true) != 1)
            return false;
        any = true;
    }
    return any;
}

/* 附注: a note role="annotation", a part for each of its paragraphs. */
static void read_annotations(db_reader *r, flow *f, xmlNodePtr x)
{
    for (xmlNodePtr c = x->children; c && !r->failed; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            read_part_line(r, f, c, FO_PART_ANNOTATION);
}

/* 附件: an appendix role="attachment" of the article, with its label and title. */
static void read_attachment(db_reader *r, flow *f, xmlNodePtr x)
{
    flow_close(r, f);
    fo_node *part = fo_node_append(f->parent, fo_part_new(r->doc, FO_PART_ATTACHMENT, pos_of(r, x)));
    part->u.part.label = attr(r, x, "label", NULL);
    xmlNodePtr title = heading_parts(r, x);
    if (title) {
        fo_node *t = fo_inlines_new(r->doc, part, pos_of(r, title));
        read_inlines(r, t, title->children);
        tidy(r, t);
        part->u.part.title = t->first ? t : NULL;
    }
    flow body = {part, NULL};
    flow_body(r, &body, x);
    flow_close(r, &body);
}

/* The element as a part of an official document when it is one that folio writes and the flow
 * may hold it; false leaves it to be read as what it is. */
static bool read_official_part(db_reader *r, flow *f, xmlNodePtr x)
{
    const char *role = attr(r, x, "role", NULL);
    fo_part_kind kind = fo_part_kind_of(role);
    if (!role || kind == FO_PART_KIND_COUNT || !part_fits(f, kind))
        return false;
    bool line = kind == FO_PART_ADDRESSEE || kind == FO_PART_SIGNATURE || kind == FO_PART_DATE;
    if (line && (is_element(x, "para") || is_element(x, "simpara")) && holds_inlines_only(r, x))
        read_part_line(r, f, x, kind);
    else if (kind == FO_PART_ENCLOSURES && is_element(x, "orderedlist") && is_enclosures(r, x))
        read_enclosures(r, f, x);
    else if (kind == FO_PART_ANNOTATION && is_element(x, "note") && inline_paras(r, x, false) > 0)
        read_annotations(r, f, x);
    else if (kind == FO_PART_ATTACHMENT && is_element(x, "appendix"))
        read_attachment(r, f, x);
    else
        return false;
    return true;
}

/* An element folio does not know, at block level: its content, where it stands. */
static void read_wrapper(db_reader *r, flow *f, xmlNodePtr x)
{
    report_element(r, x, "read as its content");
    xmlNodePtr title = heading_parts(r, x);
    if (title)
        title_para(r, f, title);
    flow_body(r, f, x);
}

/* Whether an unknown element holds blocks (then it is a wrapper, else inline markup); a few
 * levels down, through other unknown elements (qandaset/qandaentry/question/para). */
static bool holds_blocks(const db_reader *r, xmlNodePtr x, int depth)
{
    for (xmlNodePtr c = x->children; c && depth < 6; c = c->next)
        if (is_block(r, c) || (in_docbook(c) && kind_of(r, c) == EL_UNKNOWN && holds_blocks(r, c, depth + 1)))
            return true;
    return false;
}

static void read_block(db_reader *r, flow *f, xmlNodePtr x)
{
    if (++r->depth > MAX_DEPTH)
        fail(r, x, "elements nested deeper than %d levels", MAX_DEPTH);
    if (!r->failed && read_official_part(r, f, x)) {
        r->depth--;
        return;
    }
    switch (r->failed ? EL_INVISIBLE : kind_of(r, x)) {
    case EL_SECTION: read_section(r, f, x); break;
    case EL_PARA: read_para(r, f, x); break;
    case EL_FORMALPARA: read_formalpara(r, f, x); break;
    case EL_LIST: read_list(r, f, x); break;
    case EL_VARIABLELIST: read_variablelist(r, f, x); break;
    case EL_SIMPLELIST: read_simplelist(r, f, x); break;
    case EL_ASIDE: report_element(r, x, "read as a quotation"); /* fall through */
    case EL_BLOCKQUOTE: read_blockquote(r, f, x); break;
    case EL_FIGURE: read_figure(r, f, x); break;
    case EL_MEDIAOBJECT: read_mediaobject(r, f, x, NULL); break;
    case EL_TABLE: read_table(r, f, x); break;
    case EL_VERBATIM: report_element(r, x, "read as a paragraph with line breaks (the model has no code blocks)");
                      /* fall through */
    case EL_LINES: read_lines(r, f, x); break;
    case EL_BRIDGEHEAD: read_bridgehead(r, f, x); break;
    case EL_TITLE: title_para(r, f, x); break;
    case EL_INFO: /* the info of an element that has no place for it: its title */
        for (xmlNodePtr c = x->children; c; c = c->next)
            if (is_element(c, "title"))
                title_para(r, f, c);
            else if (c->type == XML_ELEMENT_NODE)
                report_element(r, c, "in <info> dropped");
        break;
    case EL_BLOCK_DROP: report_element(r, x, "dropped"); break;
    default: read_wrapper(r, f, x); break;
    }
    r->depth--;
}

static void flow_node(db_reader *r, flow *f, xmlNodePtr x)
{
    if (r->failed || !x)
        return;
    switch (x->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        if (x->content && (f->para || strspn((const char *)x->content, " \t\r\n") < strlen((const char *)x->content)))
            add_text(r, open_para(r, f, x), (const char *)x->content, x);
        return;
    case XML_ENTITY_REF_NODE: expand_entity(r, x, NULL, f); return;
    case XML_PI_NODE:
        if (f->para && strcmp((const char *)x->name, "linebreak") == 0)
            add_node(r, f->para, FO_LINEBREAK, x);
        return;
    case XML_ELEMENT_NODE: break;
    default: return;
    }
    if (is_block(r, x) || (in_docbook(x) && kind_of(r, x) == EL_UNKNOWN && holds_blocks(r, x, 0)))
        read_block(r, f, x);
    else
        read_inline(r, open_para(r, f, x), x);
}

/* ---- metadata: the article's info ---- */

/* A name made of parts (firstname, surname …): a space between the parts, none between hanzi. */
static const char *name_of(db_reader *r, xmlNodePtr x)
{
    fo_node *tmp = fo_inlines_new(r->doc, NULL, pos_of(r, x));
    r->in_meta++;
    for (xmlNodePtr c = x->children; c && !r->failed; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && tmp->first)
            add_text(r, tmp, "\n", c);
        read_inline(r, tmp, c);
    }
    r->in_meta--;
    return string_of(r, tmp);
}

/* Paragraphs (legalnotice, abstract) as one string, a line each. */
static const char *paras_of(db_reader *r, xmlNodePtr x)
{
    fo_buf b = {0};
    for (xmlNodePtr c = x->children; c; c = c->next) {
        const char *s = c->type == XML_ELEMENT_NODE && !is_heading_part(r, c) ? text_of(r, c) : NULL;
        if (s)
            fo_buf_printf(&b, "%s%s", b.len ? "\n" : "", s);
    }
    const char *out = b.len ? fo_doc_strdup(r->doc, b.data) : NULL;
    fo_buf_free(&b);
    return out;
}

/* Another line for a metadata string that may come more than once (two legalnotices …). */
static void add_line(db_reader *r, const char **field, const char *s)
{
    if (!s)
        return;
    if (!*field) {
        *field = s;
        return;
    }
    fo_buf b = {0};
    fo_buf_printf(&b, "%s\n%s", *field, s);
    *field = fo_doc_strdup(r->doc, b.data);
    fo_buf_free(&b);
}

/* The role of a person credited without a <contrib>, from the element that names them, in the
 * words fo_author_credit knows. */
static const char *default_role(db_reader *r, xmlNodePtr x)
{
    const char *class = attr(r, x, "class", NULL), *other = attr(r, x, "otherclass", NULL);
    if (is_element(x, "editor"))
        return "编辑";
    if (!is_element(x, "othercredit"))
        return NULL;
    if (class && strcmp(class, "productioneditor") == 0)
        return "监制";
    if (other && strcmp(other, "reviewer") == 0)
        return "审核";
    if (other && strcmp(other, "proofreader") == 0)
        return "校对";
    return other ? other : class;
}

static const char *affiliation_of(db_reader *r, xmlNodePtr x)
{
    xmlNodePtr org = child_element(x, "orgname");
    xmlNodePtr inner = child_element(x, "org");
    if (!org && inner)
        org = child_element(inner, "orgname");
    return text_of(r, org ? org : x);
}

/* author, editor, othercredit, collab, corpauthor: a person (or an organisation) with a role. */
static void info_person(db_reader *r, xmlNodePtr x)
{
    xmlNodePtr signer = child_element(x, "personname");
    if (is_element(x, "othercredit") && attr_is(r, x, "otherclass", "signer") && signer) {
        const char *name = name_of(r, signer); /* an official document's 签发人 */
        if (name)
            fo_strlist_append(r->doc, &r->doc->meta.signers, name);
        return;
    }
    const char *name = NULL, *role = NULL, *affiliation = NULL;
    bool parts = false;
    for (xmlNodePtr c = x->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        parts = true;
        if ((is_element(c, "personname") || is_element(c, "orgname")) && !name)
            name = name_of(r, c);
        else if (is_element(c, "contrib") && !role)
            role = text_of(r, c);
        else if (is_element(c, "affiliation") && !affiliation)
            affiliation = affiliation_of(r, c);
        else
            report_in(r, c);
    }
    if (!parts)
        name = text_of(r, x);
    if (name)
        fo_meta_add_author(r->doc, name, role ? role : default_role(r, x), affiliation);
}

static void info_title(db_reader *r, xmlNodePtr x)
{
    const char *role = attr(r, x, "role", NULL);
    if (!role || strcmp(role, FO_DOCBOOK_UNTITLED) != 0) /* a stand-in is no title (docbook.h) */
        r->doc->meta.title = text_of(r, x);
}
static void info_abstract(db_reader *r, xmlNodePtr x) { add_line(r, &r->doc->meta.abstract, paras_of(r, x)); }
static void info_legalnotice(db_reader *r, xmlNodePtr x) { add_line(r, &r->doc->meta.rights, paras_of(r, x)); }

/* info/date is the publication date when there is no pubdate (pandoc writes only this one); a
 * date with a role is some other date, which the model has no field for. */
static void info_date(db_reader *r, xmlNodePtr x)
{
    fo_meta *m = &r->doc->meta;
    if (attr_is(r, x, "role", "document")) /* an official document's own date (成文日期) */
        m->doc_date = text_of(r, x);
    else if (attr_is(r, x, "role", "printed")) /* its 印发日期 */
        m->print_date = text_of(r, x);
    else if (!m->date && !attr(r, x, "role", NULL))
        m->date = text_of(r, x);
    else
        report_in(r, x);
}

/* bibliomisc role="organ-mark": a line per organ of an official document's 版头. */
static void info_organ_mark(db_reader *r, xmlNodePtr x) { add_line(r, &r->doc->meta.organ_mark, text_of(r, x)); }

/* The publisher, or with role="printer" an official document's 印发机关. */
static void info_publisher(db_reader *r, xmlNodePtr x)
{
    xmlNodePtr name = child_element(x, "publishername");
    if (name && attr_is(r, x, "role", "printer"))
        r->doc->meta.printer = text_of(r, name);
    else if (name)
        r->doc->meta.publisher = text_of(r, name);
    else
        report_in(r, x);
}

/* biblioid class="other": an official document's number (发文字号) or index number (索引号). */
static void info_biblioid_other(db_reader *r, xmlNodePtr x)
{
    fo_meta *m = &r->doc->meta;
    if (attr_is(r, x, "otherclass", "docnumber"))
        m->doc_number = text_of(r, x);
    else if (attr_is(r, x, "otherclass", "indexnumber"))
        m->index_number = text_of(r, x);
    else
        report_in(r, x);
}

/* org role="issuer": the organ that issued an official document (发文机关). */
static void info_org(db_reader *r, xmlNodePtr x)
{
    xmlNodePtr name = child_element(x, "orgname");
    if (name)
        r->doc->meta.issuer = text_of(r, name);
    else
        report_in(r, x);
}

/* The subjectset role="category" is the breadcrumb path (its first subject, broad to narrow);
 * the terms of any other subject set are keywords. */
static void info_subjectset(db_reader *r, xmlNodePtr x)
{
    bool category = attr_is(r, x, "role", "category") && !r->doc->meta.category;
    for (xmlNodePtr subject = x->children; subject; subject = subject->next) {
        if (!is_element(subject, "subject"))
            continue;
        for (xmlNodePtr t = subject->children; t; t = t->next) {
            const char *term = is_element(t, "subjectterm") ? text_of(r, t) : NULL;
            if (term)
                fo_strlist_append(r->doc, category ? &r->doc->meta.category : &r->doc->meta.keywords, term);
        }
        category = false;
    }
}

static void info_keywordset(db_reader *r, xmlNodePtr x)
{
    for (xmlNodePtr k = x->children; k; k = k->next) {
        const char *word = is_element(k, "keyword") ? text_of(r, k) : NULL;
        if (word)
            fo_strlist_append(r->doc, &r->doc->meta.keywords, word);
    }
}

/* copyright (year, holder) when the article has no legal notice: "© 2024 Holder". */
static void info_copyright(db_reader *r, xmlNodePtr x)
{
    if (r->doc->meta.rights)
        return;
    fo_buf b = {0};
    fo_buf_puts(&b, "©");
    for (xmlNodePtr c = x->children; c; c = c->next) {
        const char *s = c->type == XML_ELEMENT_NODE ? text_of(r, c) : NULL;
        if (s)
            fo_buf_printf(&b, " %s", s);
    }
    r->doc->meta.rights = fo_doc_strdup(r->doc, b.data);
    fo_buf_free(&b);
}

static void read_info(db_reader *r, xmlNodePtr info);

/* What each item of an info is read into: a string of the metadata (`field`), or by `read`.  An
 * item may ask for an attribute value (`attr`="`value`"); one that matches no entry is reported.
 * A new metadata item is one more line here. */
#define FIELD(name) offsetof(fo_meta, name)
typedef struct info_item {
    const char *name;
    const char *attr, *value;
    size_t field;
    void (*read)(db_reader *r, xmlNodePtr x);
} info_item;

static const info_item info_table[] = {
    {"title", NULL, NULL, 0, info_title},
    {"subtitle", NULL, NULL, FIELD(subtitle), NULL},
    {"bibliomisc", "role", "original-title", FIELD(original_title), NULL},
    {"bibliomisc", "role", "copy-number", FIELD(copy_number), NULL},
    {"bibliomisc", "role", "secrecy", FIELD(secrecy), NULL},
    {"bibliomisc", "role", "urgency", FIELD(urgency), NULL},
    {"bibliomisc", "role", "cc", FIELD(cc), NULL},
    {"bibliomisc", "role", "organ-mark", 0, info_organ_mark},
    {"author", NULL, NULL, 0, info_person},
    {"editor", NULL, NULL, 0, info_person},
    {"othercredit", NULL, NULL, 0, info_person},
    {"collab", NULL, NULL, 0, info_person},
    {"corpauthor", NULL, NULL, 0, info_person},
    {"authorgroup", NULL, NULL, 0, read_info},
    {"pubdate", NULL, NULL, FIELD(date), NULL},
    {"date", NULL, NULL, 0, info_date},
    {"publisher", NULL, NULL, 0, info_publisher},
    {"bibliosource", NULL, NULL, FIELD(source), NULL},
    {"biblioid", "class", "uri", FIELD(identifier), NULL},
    {"biblioid", "class", "other", 0, info_biblioid_other},
    {"org", "role", "issuer", 0, info_org},
    {"subjectset", NULL, NULL, 0, info_subjectset},
    {"keywordset", NULL, NULL, 0, info_keywordset},
    {"legalnotice", NULL, NULL, 0, info_legalnotice},
    {"copyright", NULL, NULL, 0, info_copyright},
    {"abstract", NULL, NULL, 0, info_abstract},
};

static void read_info_item(db_reader *r, xmlNodePtr x)
{
    for (size_t i = 0; in_docbook(x) && i < sizeof info_table / sizeof info_table[0]; i++) {
        const info_item *item = &info_table[i];
        if (strcmp((const char *)x->name, item->name) != 0 || (item->attr && !attr_is(r, x, item->attr, item->value)))
            continue;
        if (item->read)
            item->read(r, x);
        else
            *(const char **)((char *)&r->doc->meta + item->field) = text_of(r, x);
        return;
    }
    report_in(r, x);
}

static void read_info(db_reader *r, xmlNodePtr info)
{
    for (xmlNodePtr c = info->children; c && !r->failed; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            read_info_item(r, c);
}

/* ---- the document ---- */

/* The language of x (xml:lang), NULL when it names none. */
static const char *language_of(db_reader *r, xmlNodePtr x)
{
    const char *lang = attr(r, x, "lang", (const char *)XML_XML_NAMESPACE);
    return lang && *lang ? lang : NULL;
}

/* The info of an article or a book, or a title of its own outside an info. */
static void read_heading_part(db_reader *r, xmlNodePtr x)
{
    if (kind_of(r, x) == EL_INFO)
        read_info(r, x);
    else
        read_info_item(r, x);
}

/* An article's nodes [first, stop) into r->doc: its info and title are the metadata, the rest the
 * body. */
static void read_article(db_reader *r, xmlNodePtr first, xmlNodePtr stop)
{
    flow body = {r->doc->root, NULL};
    for (xmlNodePtr c = first; c && c != stop && !r->failed; c = c->next) {
        if (is_heading_part(r, c))
            read_heading_part(r, c);
        else
            flow_node(r, &body, c);
    }
    flow_close(r, &body);
}

/* One part of a book of articles: `element`'s content (an article, or a chapter standing among
 * them), or the loose nodes [first, stop) between them.  The part is a document of its own, as
 * fo_collect makes it: own metadata, own arena, its pictures and footnote numbers counted anew. */
static void read_part(db_reader *r, xmlNodePtr element, xmlNodePtr first, xmlNodePtr stop)
{
    fo_doc *book = r->doc, *part = fo_doc_new();
    if (!part) {
        fail(r, first, "out of memory");
        return;
    }
    r->doc = r->pictures.doc = part;
    r->pictures.bytes = 0;
    r->last_note = 0;
    const char *lang = element ? language_of(r, element) : NULL;
    part->meta.language = lang ? lang : fo_doc_strdup(part, book->meta.language);
    read_article(r, element ? element->children : first, element ? NULL : stop);
    r->doc = r->pictures.doc = book;
    if (r->failed || (!element && !part->root->first)) { /* dropped elements only */
        fo_doc_free(part);
        return;
    }
    if (!element)
        report(r, first, "loose", "content between the articles of a book read as an article of its own");
    fo_doc_finish(part);
    fo_doc_add_part(book, part);
}

static bool is_book_of_articles(xmlNodePtr root)
{
    return is_element(root, "book") && child_element(root, "article");
}

/* Whether a node of a book holds something to read (not white space, a comment or the book's own
 * info). */
static bool is_content(const db_reader *r, xmlNodePtr x)
{
    if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE)
        return x->content && strspn((const char *)x->content, " \t\r\n") < strlen((const char *)x->content);
    return (x->type == XML_ELEMENT_NODE || x->type == XML_ENTITY_REF_NODE) && !is_heading_part(r, x);
}

/* A book of articles (folio --collect writes one) is a collection: the book's info is its own, every
 * article a part.  Another component among the articles (a chapter, a preface) is a part of its own,
 * and so is a run of loose blocks between them; both are reported. */
static void read_book(db_reader *r, xmlNodePtr book)
{
    xmlNodePtr loose = NULL;
    for (xmlNodePtr c = book->children; !r->failed; c = c->next) {
        bool component = c && in_docbook(c) && kind_of(r, c) == EL_SECTION;
        if (loose && (!c || component)) {
            read_part(r, NULL, loose, c);
            loose = NULL;
        }
        if (!c)
            break;
        if (is_heading_part(r, c)) {
            read_heading_part(r, c);
        } else if (component) {
            if (!is_element(c, "article"))
                report_element(r, c, "in a book of articles read as an article of its own");
            read_part(r, c, NULL, NULL);
        } else if (!loose && is_content(r, c)) {
            loose = c;
        }
    }
}

static void read_root(db_reader *r, xmlNodePtr root)
{
    r->doc->meta.language = language_of(r, root);
    if (is_book_of_articles(root))
        read_book(r, root);
    else
        read_article(r, root->children, NULL);
}

/* The first error libxml2 reports in the file itself (errors inside an entity's text carry no
 * file name and a line of their own), else the first one. */
static void on_xml_error(void *ctx, xmlErrorPtr e)
{
    db_reader *r = ((xmlParserCtxtPtr)ctx)->_private;
    bool in_file = e->file != NULL;
    if (e->level < XML_ERR_ERROR || (r->xml_error && (r->xml_error_in_file || !in_file)))
        return;
    r->xml_error = true;
    r->xml_error_in_file = in_file;
    r->xml_line = e->line;
    r->xml_col = e->int2;
    const char *msg = e->message ? e->message : "not well-formed";
    if (strstr(msg, "Excessive depth"))
        msg = "elements nested more than 256 deep (folio reads no deeper)";
    snprintf(r->xml_message, sizeof r->xml_message, "%s", msg);
    size_t n = strlen(r->xml_message);
    while (n > 0 && (r->xml_message[n - 1] == '\n' || r->xml_message[n - 1] == ' '))
        r->xml_message[--n] = '\0';
}

enum {
    PARSE_OPTIONS = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
                    XML_PARSE_COMPACT | XML_PARSE_BIG_LINES
};

/* Parse the decoded input (UTF-8 whatever the declaration says: fo_decode_input made it so). */
static bool parse(db_reader *r, const char *text, size_t len)
{
    if (len > INT_MAX) {
        fo_error(r->diag, 0, 0, "the file is too large for the XML parser");
        return false;
    }
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        fo_error(r->diag, 0, 0, "out of memory");
        return false;
    }
    ctxt->_private = r;
    ctxt->sax->serror = on_xml_error;
    r->xml = xmlCtxtReadMemory(ctxt, text, (int)len, r->diag->file ? r->diag->file : "input.xml", "UTF-8",
                               PARSE_OPTIONS);
    bool ok = r->xml && ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);
    if (!ok)
        fo_error(r->diag, r->xml_line, r->xml_col, "%s", r->xml_error ? r->xml_message : "not well-formed XML");
    return ok;
}

/* Only DocBook 5 is read: <article> or <book> in the DocBook namespace. */
static bool check_root(db_reader *r, xmlNodePtr root)
{
    if (root && in_docbook(root) && (is_element(root, "article") || is_element(root, "book")))
        return true;
    char name[128];
    if (!root)
        fo_error(r->diag, 0, 0, "not DocBook: the file has no root element");
    else if (!root->ns &&
             (strcmp((const char *)root->name, "article") == 0 || strcmp((const char *)root->name, "book") == 0))
        fo_error(r->diag, line_of(r, root), 0,
                 "not DocBook 5: the root element <%s> is in no namespace (DocBook 4?); folio reads <article> "
                 "or <book> in " FO_DOCBOOK_NS, (const char *)root->name);
    else
        fo_error(r->diag, line_of(r, root), 0,
                 "not DocBook 5: the root element is <%s>%s%s%s; folio reads <article> or <book> in " FO_DOCBOOK_NS,
                 qname(root, name, sizeof name), root->ns ? " (in " : "", root->ns ? (const char *)root->ns->href : "",
                 root->ns ? ")" : "");
    return false;
}

static xmlHashTablePtr element_hash(void)
{
    xmlHashTablePtr h = xmlHashCreate(256);
    for (size_t i = 0; h && i < sizeof element_table / sizeof element_table[0]; i++)
        xmlHashAddEntry(h, BAD_CAST element_table[i].name, (void *)&element_table[i]);
    return h;
}

fo_doc *fo_read_docbook(const char *text, size_t len, const fo_read_opts *opts, fo_diag *d)
{
    if (opts && opts->explain) /* --explain shows the text reader's guesses; DocBook needs none */
        fprintf(opts->explain, "%s: DocBook: every element is read by its name (README.md, \"Reading DocBook\"); "
                "nothing is guessed\n", d->file ? d->file : "-");
    db_reader r = {.diag = d, .entity_budget = len + ENTITY_ALLOWANCE};
    fo_doc *doc = NULL;
    if (!parse(&r, text, len) || !check_root(&r, xmlDocGetRootElement(r.xml)))
        goto done;
    r.elements = element_hash();
    r.reported = xmlHashCreate(64);
    r.note_ids = xmlHashCreate(16);
    r.doc = doc = fo_doc_new();
    if (!r.elements || !r.reported || !r.note_ids || !doc) {
        fo_error(d, 0, 0, "out of memory");
        goto done;
    }
    static const fo_read_opts no_opts = {0};
    r.pictures = (fo_picture_loader){.doc = doc, .opts = opts ? opts : &no_opts, .diag = d};
    read_root(&r, xmlDocGetRootElement(r.xml));
    fo_picture_report_missing(&r.pictures);
    const char *problem = r.failed ? NULL : fo_doc_check(doc);
    if (problem)
        fail(&r, NULL, "the document read is malformed: %s", problem);
done:
    if (r.failed || r.pictures.failed || (doc && d->errors)) {
        fo_doc_free(doc);
        doc = NULL;
    }
    xmlHashFree(r.elements, NULL);
    xmlHashFree(r.reported, NULL);
    xmlHashFree(r.note_ids, NULL);
    xmlFreeDoc(r.xml);
    free(r.notes);
    return doc;
}
