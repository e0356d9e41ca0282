/* doc.c — the document model: arena, node building, finishing and invariant checks. */
#include "doc.h"
#include "cleanup.h"
#include "text.h"
#include "util.h"
#include "vocab.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Every node and string of a document lives in one arena: a chain of blocks, freed at once.
 * Nodes and structs are aligned to a pointer, strings not at all: an article of a million
 * one-character paragraphs spends its memory on nodes, not on padding. */
typedef struct arena_block arena_block;
struct arena_block {
    arena_block *next;
    size_t used, size;
    max_align_t data[];
};

struct fo_arena {
    arena_block *head;
    size_t bytes, limit;        /* taken from malloc so far; the most allowed (0: no limit) */
    /* The last author and the last item of the string list appended to last, so that an article
     * naming 100,000 people (or a reader fed one) still builds its lists in linear time.  Valid
     * while the list still starts where it did; lists only ever grow at the end. */
    const fo_author *authors_first;
    fo_author *authors_last;
    fo_strlist **strlist_head;
    const fo_strlist *strlist_first;
    fo_strlist *strlist_last;
};

enum { ARENA_BLOCK_SIZE = 64 * 1024, NODE_ALIGN = sizeof(void *) };

static void *arena_alloc(fo_doc *doc, size_t size, size_t align)
{
    fo_arena *a = doc->arena;
    arena_block *b = a->head;
    size_t at = b ? (b->used + align - 1) / align * align : 0;
    if (!b || at > b->size || b->size - at < size) {
        size_t cap = size > ARENA_BLOCK_SIZE ? size : ARENA_BLOCK_SIZE;
        if (a->limit && a->bytes + cap > a->limit)
            fo_out_of_memory("the document tree of this article passed its limit of %zu MB", a->limit >> 20);
        b = fo_xmalloc(sizeof *b + cap);
        b->size = cap;
        b->used = 0;
        b->next = a->head;
        a->head = b;
        a->bytes += sizeof *b + cap;
        at = 0;
    }
    void *p = (char *)b->data + at;
    b->used = at + size;
    memset(p, 0, size);
    return p;
}

void *fo_doc_alloc(fo_doc *doc, size_t size) { return arena_alloc(doc, size, NODE_ALIGN); }

void fo_doc_set_limit(fo_doc *doc, size_t bytes) { doc->arena->limit = bytes; }

size_t fo_doc_memory(const fo_doc *doc) { return doc->arena->bytes; }

fo_doc *fo_doc_new(void)
{
    fo_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        return NULL;
    doc->arena = calloc(1, sizeof *doc->arena);
    if (!doc->arena) {
        free(doc);
        return NULL;
    }
    doc->arena->limit = FO_MAX_DOC_BYTES;
    doc->source_date_epoch = -1;
    doc->root = fo_node_new(doc, FO_DOCUMENT, (fo_pos){0, 0});
    return doc;
}

void fo_doc_free(fo_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->n_parts; i++)
        fo_doc_free(doc->parts[i]);
    free(doc->parts);
    arena_block *b = doc->arena->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    free(doc->arena);
    free(doc);
}

const char *fo_doc_strndup(fo_doc *doc, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = arena_alloc(doc, n + 1, 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

const char *fo_doc_strdup_cps(fo_doc *doc, const uint32_t *s, size_t from, size_t to)
{
    fo_buf b = {0};
    char tmp[4];
    for (size_t i = from; i < to; i++)
        fo_buf_append(&b, tmp, fo_utf8_encode(s[i], tmp));
    const char *out = fo_doc_strndup(doc, b.data ? b.data : "", b.len);
    fo_buf_free(&b);
    return out;
}

const char *fo_doc_strdup(fo_doc *doc, const char *s)
{
    return s ? fo_doc_strndup(doc, s, strlen(s)) : NULL;
}

fo_node *fo_node_new(fo_doc *doc, fo_kind kind, fo_pos pos)
{
    fo_node *n = fo_doc_alloc(doc, sizeof *n);
    n->kind = kind;
    n->pos = pos;
    return n;
}

fo_node *fo_node_append(fo_node *parent, fo_node *child)
{
    child->parent = parent;
    child->prev = parent->last;
    child->next = NULL;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
    return child;
}

fo_node *fo_text_new(fo_doc *doc, const char *s, size_t n, fo_pos pos)
{
    fo_node *t = fo_node_new(doc, FO_TEXT, pos);
    t->u.text.str = fo_doc_strndup(doc, s, n);
    return t;
}

fo_node *fo_inlines_new(fo_doc *doc, fo_node *owner, fo_pos pos)
{
    fo_node *c = fo_node_new(doc, FO_INLINES, pos);
    c->parent = owner;
    return c;
}

fo_node *fo_part_new(fo_doc *doc, fo_part_kind kind, fo_pos pos)
{
    fo_node *n = fo_node_new(doc, FO_PART, pos);
    n->u.part.kind = kind;
    return n;
}

void fo_meta_add_author(fo_doc *doc, const char *name, const char *role, const char *affiliation)
{
    fo_author *a = fo_doc_alloc(doc, sizeof *a);
    a->name = fo_doc_strdup(doc, name);
    a->role = fo_doc_strdup(doc, role);
    a->affiliation = fo_doc_strdup(doc, affiliation);
    fo_arena *ar = doc->arena;
    fo_author *last = doc->meta.authors && doc->meta.authors == ar->authors_first ? ar->authors_last
                                                                                  : doc->meta.authors;
    while (last && last->next)
        last = last->next;
    if (last)
        last->next = a;
    else
        doc->meta.authors = a;
    ar->authors_first = doc->meta.authors;
    ar->authors_last = a;
}

void fo_strlist_append(fo_doc *doc, fo_strlist **list, const char *s)
{
    fo_strlist *item = fo_doc_alloc(doc, sizeof *item);
    item->str = fo_doc_strdup(doc, s);
    fo_arena *ar = doc->arena;
    fo_strlist *last = *list && list == ar->strlist_head && *list == ar->strlist_first ? ar->strlist_last : *list;
    while (last && last->next)
        last = last->next;
    if (last)
        last->next = item;
    else
        *list = item;
    ar->strlist_head = list;
    ar->strlist_first = *list;
    ar->strlist_last = item;
}

/* ---- metadata by name (-M) ---- */

/* The metadata that is one string, by its -M key. */
static const struct {
    const char *key;
    size_t offset;
} meta_fields[] = {
    {"title", offsetof(fo_meta, title)},       {"subtitle", offsetof(fo_meta, subtitle)},
    {"original-title", offsetof(fo_meta, original_title)},
    {"date", offsetof(fo_meta, date)},         {"source", offsetof(fo_meta, source)},
    {"publisher", offsetof(fo_meta, publisher)}, {"site", offsetof(fo_meta, publisher)},
    {"rights", offsetof(fo_meta, rights)},     {"language", offsetof(fo_meta, language)},
    {"lang", offsetof(fo_meta, language)},     {"identifier", offsetof(fo_meta, identifier)},
    {"abstract", offsetof(fo_meta, abstract)},
    {"doc-number", offsetof(fo_meta, doc_number)}, {"index-number", offsetof(fo_meta, index_number)},
    {"issuer", offsetof(fo_meta, issuer)},     {"document-date", offsetof(fo_meta, doc_date)},
    {"copy-number", offsetof(fo_meta, copy_number)}, {"secrecy", offsetof(fo_meta, secrecy)},
    {"urgency", offsetof(fo_meta, urgency)},   {"organ-mark", offsetof(fo_meta, organ_mark)},
    {"cc", offsetof(fo_meta, cc)},             {"printer", offsetof(fo_meta, printer)},
    {"print-date", offsetof(fo_meta, print_date)},
};

static const char **simple_field(fo_meta *m, const char *key)
{
    for (size_t i = 0; i < sizeof meta_fields / sizeof meta_fields[0]; i++)
        if (strcmp(key, meta_fields[i].key) == 0)
            return (const char **)((char *)m + meta_fields[i].offset);
    return NULL;
}

static bool is_list_key(const char *key)
{
    return strcmp(key, "author") == 0 || strcmp(key, "category") == 0 || strcmp(key, "keywords") == 0 ||
           strcmp(key, "keyword") == 0 || strcmp(key, "signer") == 0;
}

bool fo_meta_key_known(const char *key)
{
    fo_meta scratch;
    return simple_field(&scratch, key) || is_list_key(key);
}

bool fo_meta_set(fo_doc *doc, const char *key, const char *value)
{
    fo_meta *m = &doc->meta;
    const char **field = simple_field(m, key);
    if (field) {
        *field = *value ? fo_doc_strdup(doc, value) : NULL; /* `-M doc-number=` clears what was read */
    } else if (strcmp(key, "author") == 0) {
        m->authors = NULL; /* as -M has always done: the author given replaces the others */
        fo_meta_add_author(doc, value, NULL, NULL);
    } else if (strcmp(key, "category") == 0) {
        m->category = NULL;
        fo_strlist_append(doc, &m->category, value);
    } else if (strcmp(key, "keywords") == 0 || strcmp(key, "keyword") == 0) {
        fo_strlist_append(doc, &m->keywords, value);
    } else if (strcmp(key, "signer") == 0) {
        fo_strlist_append(doc, &m->signers, value);
    } else {
        return false;
    }
    return true;
}

/* ---- finishing ---- */

static void number_sections(fo_doc *doc, fo_node *parent, const char *prefix)
{
    int number = 0;
    for (fo_node *n = parent->first; n; n = n->next) {
        if (n->kind != FO_SECTION)
            continue;
        n->u.section.number = ++number;
        char id[256];
        snprintf(id, sizeof id, "%s-%d", prefix, number);
        n->u.section.id = fo_doc_strdup(doc, id);
        number_sections(doc, n, id);
    }
}

/* 64-bit FNV-1a with a seed, then a final mix (SplitMix64), so that two seeds give two independent
 * halves of a 128-bit name hash. */
static uint64_t hash64(const char *s, uint64_t seed)
{
    uint64_t h = 1469598103934665603ULL ^ seed;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

/* A name-based UUID (RFC 9562 version 8, "custom") from title, date and source: the same article
 * gets the same identifier whatever its encoding or line endings, so archives can match editions.
 * A collection's also covers its articles', so two packets under one title differ. */
static const char *make_identifier(fo_doc *doc)
{
    fo_buf key = {0};
    fo_buf_printf(&key, "%s\x1f%s\x1f%s", doc->meta.title ? doc->meta.title : "",
                  doc->meta.date ? doc->meta.date : "", doc->meta.source ? doc->meta.source : "");
    for (size_t i = 0; i < doc->n_parts; i++)
        fo_buf_printf(&key, "\x1e%s", doc->parts[i]->meta.identifier ? doc->parts[i]->meta.identifier : "");
    uint64_t hi = hash64(key.data, 0x666f6c696f000001ULL);
    uint64_t lo = hash64(key.data, 0x666f6c696f000002ULL);
    fo_buf_free(&key);
    hi = (hi & ~0xF000ULL) | 0x8000ULL;                          /* version 8 */
    lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;   /* RFC variant */
    char id[64];
    snprintf(id, sizeof id, "urn:uuid:%08x-%04x-%04x-%04x-%012llx", (unsigned)(hi >> 32),
             (unsigned)((hi >> 16) & 0xFFFF), (unsigned)(hi & 0xFFFF), (unsigned)(lo >> 48),
             (unsigned long long)(lo & 0xFFFFFFFFFFFFULL));
    return fo_doc_strdup(doc, id);
}

/* Section ids: "sec-1", or under a part's id "art-2-sec-1"; an attachment's id "att-1" ("art-2-att-1")
 * and its sections' under it ("att-1-sec-1"). */
static void number_all_sections(fo_doc *doc)
{
    fo_buf prefix = {0};
    if (doc->id)
        fo_buf_printf(&prefix, "%s-", doc->id);
    size_t base = prefix.len;
    fo_buf_puts(&prefix, "sec");
    number_sections(doc, doc->root, prefix.data);
    int number = 0;
    for (fo_node *n = doc->root->first; n; n = n->next) {
        if (!fo_is_part(n, FO_PART_ATTACHMENT))
            continue;
        prefix.len = base;
        fo_buf_printf(&prefix, "att-%d", ++number);
        n->u.part.number = number;
        n->u.part.id = fo_doc_strdup(doc, prefix.data);
        fo_buf_puts(&prefix, "-sec");
        number_sections(doc, n, prefix.data);
    }
    fo_buf_free(&prefix);
}

/* The rows left in a row's group (the header rows, or the body rows) from `row` on: a cell may not
 * span out of its group (CALS keeps thead and tbody apart, and so does HTML). */
static int rows_left_in_group(const fo_node *row)
{
    int n = 0;
    for (const fo_node *r = row; r && r->u.row.header == row->u.row.header; r = r->next)
        n++;
    return n;
}

/* Place every cell of a table in its columns: a cell starts at the first column of its row that no
 * row span from above still covers.  Sets each cell's col and the table's column count. */
static void layout_table(fo_node *table)
{
    int covered[FO_TABLE_MAX_COLS] = {0}; /* rows below the current one that a span still covers */
    int width = 0, run = 0; /* run: the rows left in the current row's group, itself included */
    for (fo_node *row = table->first; row; row = row->next, run--) {
        if (run == 0) /* counted once a group: a table of many rows stays linear */
            run = rows_left_in_group(row);
        int col = 0, left = run;
        for (fo_node *cell = row->first; cell; cell = cell->next) {
            while (col < FO_TABLE_MAX_COLS && covered[col] > 0)
                col++;
            if (cell->u.cell.rowspan > left)
                cell->u.cell.rowspan = left;
            if (cell->u.cell.rowspan < 1)
                cell->u.cell.rowspan = 1;
            if (cell->u.cell.colspan < 1)
                cell->u.cell.colspan = 1;
            if (col < FO_TABLE_MAX_COLS && cell->u.cell.colspan > FO_TABLE_MAX_COLS - col)
                cell->u.cell.colspan = FO_TABLE_MAX_COLS - col;
            cell->u.cell.col = col;
            for (int k = 0; k < cell->u.cell.colspan && col < FO_TABLE_MAX_COLS; k++)
                covered[col++] = cell->u.cell.rowspan;
            if (col > width)
                width = col;
        }
        for (int k = 0; k < width; k++)
            if (covered[k] > 0)
                covered[k]--;
    }
    table->u.table.cols = width;
}

static void layout_tables(fo_node *n)
{
    for (fo_node *c = n->first; c; c = c->next) {
        if (c->kind == FO_TABLE)
            layout_table(c);
        else if (fo_kind_is_block(c->kind))
            layout_tables(c);
    }
}

/* An empty string is no value: every writer then agrees on what the document has (the DocBook
 * writer skips it, the XHTML writer would print an empty span), and the round trip keeps it. */
static void drop_empty_fields(fo_meta *m)
{
    for (size_t i = 0; i < sizeof meta_fields / sizeof meta_fields[0]; i++) {
        const char **field = (const char **)((char *)m + meta_fields[i].offset);
        if (*field && !**field)
            *field = NULL;
    }
}

void fo_doc_finish(fo_doc *doc)
{
    drop_empty_fields(&doc->meta);
    number_all_sections(doc);
    layout_tables(doc->root);
    if (!doc->meta.language)
        doc->meta.language = "zh-CN";
    if (!doc->meta.identifier)
        doc->meta.identifier = make_identifier(doc);
}

/* ---- collections ---- */

void fo_doc_add_part(fo_doc *collection, fo_doc *part)
{
    collection->parts = fo_xrealloc(collection->parts, (collection->n_parts + 1) * sizeof *collection->parts);
    collection->parts[collection->n_parts++] = part;
    char id[32];
    snprintf(id, sizeof id, "art-%zu", collection->n_parts);
    part->id = fo_doc_strdup(part, id);
    number_all_sections(part);
}

bool fo_doc_is_collection(const fo_doc *doc) { return doc->n_parts > 0; }

size_t fo_doc_article_count(const fo_doc *doc) { return doc->n_parts ? doc->n_parts : 1; }

const fo_doc *fo_doc_article(const fo_doc *doc, size_t i) { return doc->n_parts ? doc->parts[i] : doc; }

/* ---- queries ---- */

bool fo_kind_is_block(fo_kind k) { return k >= FO_SECTION && k <= FO_PART; }

bool fo_kind_is_inline(fo_kind k) { return k >= FO_TEXT && k <= FO_LINEBREAK; }

const char *fo_kind_name(fo_kind k)
{
    static const char *const names[FO_KIND_COUNT] = {
        [FO_DOCUMENT] = "document", [FO_SECTION] = "section",       [FO_PARA] = "para",
        [FO_FIGURE] = "figure",     [FO_BLOCKQUOTE] = "blockquote", [FO_LIST] = "list",
        [FO_ITEM] = "item",         [FO_RULE] = "rule",             [FO_TABLE] = "table",
        [FO_ROW] = "row",           [FO_CELL] = "cell",             [FO_PART] = "part",
        [FO_INLINES] = "inlines",
        [FO_TEXT] = "text",         [FO_STRONG] = "strong",         [FO_EMPH] = "emph",
        [FO_CITETITLE] = "citetitle", [FO_LINK] = "link",           [FO_LINEBREAK] = "linebreak",
    };
    return (unsigned)k < FO_KIND_COUNT ? names[k] : "?";
}

static const char *const part_names[FO_PART_KIND_COUNT] = {
    [FO_PART_ADDRESSEE] = "addressee", [FO_PART_ENCLOSURES] = "enclosures", [FO_PART_SIGNATURE] = "signature",
    [FO_PART_DATE] = "date",           [FO_PART_ANNOTATION] = "annotation", [FO_PART_ATTACHMENT] = "attachment",
};

const char *fo_part_kind_name(fo_part_kind k) { return (unsigned)k < FO_PART_KIND_COUNT ? part_names[k] : "?"; }

fo_part_kind fo_part_kind_of(const char *name)
{
    for (int k = 0; name && k < FO_PART_KIND_COUNT; k++)
        if (strcmp(name, part_names[k]) == 0)
            return (fo_part_kind)k;
    return FO_PART_KIND_COUNT;
}

bool fo_part_holds_inlines(fo_part_kind k) { return k != FO_PART_ENCLOSURES && k != FO_PART_ATTACHMENT; }

bool fo_is_part(const fo_node *n, fo_part_kind kind) { return n && n->kind == FO_PART && n->u.part.kind == kind; }

static bool has_part(const fo_node *n)
{
    for (const fo_node *c = n->first; c; c = c->next)
        if (c->kind == FO_PART || (c->kind == FO_SECTION && has_part(c)))
            return true;
    return false;
}

bool fo_doc_is_official(const fo_doc *doc)
{
    const fo_meta *m = &doc->meta;
    /* the document number alone is no 版头: a web page's index table names it for any notice it reposts */
    return m->copy_number || m->secrecy || m->urgency || m->organ_mark || m->signers || m->cc ||
           m->printer || m->print_date || has_part(doc->root);
}

static void collect_text(const fo_node *n, fo_buf *b)
{
    if (n->kind == FO_TEXT)
        fo_buf_puts(b, n->u.text.str);
    else if (n->kind == FO_LINEBREAK)
        fo_buf_putc(b, '\n');
    for (const fo_node *c = n->first; c; c = c->next)
        collect_text(c, b);
}

char *fo_node_text(const fo_node *n)
{
    fo_buf b = {0};
    if (n)
        collect_text(n, &b);
    return fo_buf_steal(&b);
}

fo_credit fo_author_credit(const fo_author *a)
{
    if (!a->role)
        return FO_CREDIT_AUTHOR;
    const fo_word *w = fo_vocab_find(a->role, FO_WORDS(FO_WORD_ROLE));
    if (!w) { /* "新媒体监制", "值班主编": the known role it ends with */
        uint32_t cp[64];
        size_t n = 0, len = strlen(a->role);
        for (size_t i = 0; i < len && n < 64;) {
            size_t k = fo_utf8_decode(a->role + i, len - i, &cp[n]);
            if (!k)
                break;
            i += k, n++;
        }
        w = fo_vocab_ending(cp, 0, n, FO_WORDS(FO_WORD_ROLE));
    }
    return w ? (fo_credit)w->credit : FO_CREDIT_AUTHOR;
}
bool fo_author_is_creator(const fo_author *a) { return fo_author_credit(a) <= FO_CREDIT_PHOTOGRAPHER; }

bool fo_meta_has_creator(const fo_meta *m)
{
    for (const fo_author *a = m->authors; a; a = a->next)
        if (fo_author_is_creator(a))
            return true;
    return false;
}

/* How specific a creator's role is: a named role (记者, 通讯员, 摄影) says more than 作者 or none. */
static int role_rank(const fo_author *a)
{
    return !a->role || !*a->role ? 0 : strcmp(a->role, "作者") == 0 ? 1 : 2;
}

bool fo_author_in_byline(const fo_meta *m, const fo_author *a)
{
    if (!fo_author_is_creator(a) || !a->name)
        return false;
    bool before = true; /* whether b comes before a in the list */
    for (const fo_author *b = m->authors; b; b = b->next) {
        if (b == a) {
            before = false;
            continue;
        }
        if (!fo_author_is_creator(b) || !b->name || strcmp(a->name, b->name) != 0)
            continue;
        if (role_rank(b) > role_rank(a) || (role_rank(b) == role_rank(a) && before))
            return false;
    }
    return true;
}

const char *fo_doc_title(const fo_doc *doc)
{
    return doc->meta.title && *doc->meta.title ? doc->meta.title : "无标题";
}

/* A date the W3C's profile of ISO 8601 (EPUB's dc:date, XHTML's <time>) takes: on the calendar,
 * and a time only with its offset. */
bool fo_date_is_w3c(const char *s)
{
    fo_date d;
    return fo_date_parse(s, &d) && (!d.has_time || d.has_offset);
}

size_t fo_doc_section_count(const fo_doc *doc)
{
    size_t count = 0;
    for (const fo_node *n = doc->root->first; n; n = n->next)
        count += n->kind == FO_SECTION;
    return count;
}

bool fo_meta_day(const fo_meta *m, char *buf, size_t size)
{
    if (!m->date || strlen(m->date) < 10 || size < 11)
        return false;
    memcpy(buf, m->date, 10);
    buf[10] = '\0';
    return true;
}

char *fo_meta_date_text(const fo_meta *m, bool with_time)
{
    int y, mo, d, h, mi;
    if (!m->date)
        return NULL;
    int fields = sscanf(m->date, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi);
    fo_buf b = {0};
    if (!fo_date_is_w3c(m->date) || fields < 3)
        fo_buf_puts(&b, m->date);
    else if (fields == 5 && with_time)
        fo_buf_printf(&b, "%d年%d月%d日 %02d:%02d", y, mo, d, h, mi);
    else
        fo_buf_printf(&b, "%d年%d月%d日", y, mo, d);
    return fo_buf_steal(&b);
}

/* Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm): no timegm, no TZ. */
static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* n decimal digits at s; -1 when they are not all digits. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* "Z" or "+hh:mm"/"-hh:mm" and nothing after it. */
static bool parse_offset(const char *s, fo_date *d)
{
    if (strcmp(s, "Z") == 0) {
        d->offset = 0, d->has_offset = true;
        return true;
    }
    int h = digits(s + 1, 2), m = h >= 0 && s[3] == ':' ? digits(s + 4, 2) : -1;
    if ((s[0] != '+' && s[0] != '-') || m < 0 || s[6] || h > 14 || m > 59 || (h == 14 && m > 0))
        return false;
    d->offset = (s[0] == '-' ? -1 : 1) * (h * 60 + m), d->has_offset = true;
    return true;
}

bool fo_date_parse(const char *s, fo_date *out)
{
    fo_date d = {.offset = 8 * 60};
    if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
        return false;
    d.year = digits(s, 4), d.month = digits(s + 5, 2), d.day = digits(s + 8, 2);
    if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month))
        return false;
    s += 10;
    if (*s) {
        /* digits() stops at the NUL, so a string cut short is never read past its end */
        if (s[0] != 'T' || (d.hour = digits(s + 1, 2)) < 0 || s[3] != ':' || (d.minute = digits(s + 4, 2)) < 0 ||
            d.hour > 23 || d.minute > 59)
            return false;
        d.has_time = true;
        s += 6;
        if (s[0] == ':' && ((d.second = digits(s + 1, 2)) < 0 || d.second > 59))
            return false;
        s += s[0] == ':' ? 3 : 0;
        if (*s && !parse_offset(s, &d))
            return false;
    }
    if (out)
        *out = d;
    return true;
}

int64_t fo_date_epoch(const fo_date *d)
{
    return days_from_civil(d->year, d->month, d->day) * 86400 + d->hour * 3600 + d->minute * 60 + d->second -
           (int64_t)d->offset * 60;
}

int64_t fo_doc_timestamp(const fo_doc *doc)
{
    fo_date date;
    if (doc->source_date_epoch >= 0)
        return doc->source_date_epoch;
    if (fo_date_parse(doc->meta.date, &date))
        return fo_date_epoch(&date);
    int64_t latest = 946684800; /* 2000-01-01T00:00:00Z; a collection: its latest article's */
    for (size_t i = 0; i < doc->n_parts; i++) {
        int64_t t = fo_doc_timestamp(doc->parts[i]);
        latest = t > latest ? t : latest;
    }
    return latest;
}

/* ---- language tags (RFC 5646, well-formedness) ---- */

static bool all_of(const char *s, size_t n, int (*is)(int))
{
    for (size_t i = 0; i < n; i++)
        if (!is((unsigned char)s[i]))
            return false;
    return true;
}

static bool subtag_ok(const char *s, size_t n, size_t i, bool *private_use, char *singleton)
{
    if (n == 0 || n > 8 || !all_of(s, n, isalnum))
        return false;
    if (*private_use || *singleton) { /* after x- or another singleton: any 1-8 (2-8) alphanumerics */
        bool ok = *private_use || n >= 2;
        *singleton = 0;
        return ok;
    }
    if (n == 1) {
        *private_use = s[0] == 'x' || s[0] == 'X';
        *singleton = s[0];
        return i > 0 || *private_use;
    }
    if (i == 0) /* the language: 2-3 letters (or 4-8) */
        return all_of(s, n, isalpha);
    /* extlang (3 letters), script (4 letters), region (2 letters or 3 digits), variant (5-8, or a
     * digit and 3) */
    return (n == 3 && (all_of(s, n, isalpha) || all_of(s, n, isdigit))) || (n == 4 && all_of(s, n, isalpha)) ||
           (n == 2 && all_of(s, n, isalpha)) || n >= 5 || (n == 4 && isdigit((unsigned char)s[0]));
}

bool fo_language_tag_valid(const char *tag)
{
    if (!tag || !*tag)
        return false;
    bool private_use = false;
    char singleton = 0;
    size_t i = 0;
    for (const char *s = tag;; i++) {
        size_t n = strcspn(s, "-");
        if (!subtag_ok(s, n, i, &private_use, &singleton))
            return false;
        if (!s[n])
            return !singleton; /* a singleton needs a subtag after it */
        s += n + 1;
    }
}

/* ---- invariants ---- */

/* Where a part may stand: attachments in the document only; the other parts in the flow of the
 * document, a section or an attachment (never in a quotation, list or table). */
static bool part_may_stand(const fo_node *parent, const fo_node *part)
{
    if (part->u.part.kind == FO_PART_ATTACHMENT)
        return parent->kind == FO_DOCUMENT;
    return parent->kind == FO_DOCUMENT || parent->kind == FO_SECTION || fo_is_part(parent, FO_PART_ATTACHMENT);
}

static bool may_contain(const fo_node *parent_node, const fo_node *child_node)
{
    fo_kind parent = parent_node->kind, child = child_node->kind;
    if (child == FO_PART && !part_may_stand(parent_node, child_node))
        return false;
    switch (parent) {
    case FO_PART:
        if (fo_part_holds_inlines(parent_node->u.part.kind))
            return fo_kind_is_inline(child);
        if (parent_node->u.part.kind == FO_PART_ENCLOSURES)
            return child == FO_PARA;
        /* an attachment holds blocks, as a section does */
        /* fall through */
    case FO_DOCUMENT:
    case FO_SECTION:
    case FO_BLOCKQUOTE:
    case FO_ITEM:
        return fo_kind_is_block(child) && child != FO_ITEM && child != FO_ROW && child != FO_CELL;
    case FO_LIST:
        return child == FO_ITEM;
    case FO_TABLE:
        return child == FO_ROW;
    case FO_ROW:
        return child == FO_CELL;
    case FO_CELL: /* what a table cell holds in every writer: no headings, no nested tables */
        return child == FO_PARA || child == FO_FIGURE || child == FO_BLOCKQUOTE || child == FO_LIST ||
               child == FO_RULE;
    case FO_PARA:
    case FO_INLINES:
    case FO_STRONG:
    case FO_EMPH:
    case FO_CITETITLE:
    case FO_LINK:
        return fo_kind_is_inline(child);
    default:
        return false;
    }
}

/* A table: rows with cells, header rows first, at least one body row (CALS needs a tbody row),
 * spans of at least one, and (once fo_doc_finish has laid it out) every cell inside its columns. */
static const char *check_table(const fo_node *t)
{
    if (t->u.table.caption && (t->u.table.caption->kind != FO_INLINES || t->u.table.caption->parent != t))
        return "table caption not owned by its table";
    if (t->u.table.cols > FO_TABLE_MAX_COLS)
        return "table wider than FO_TABLE_MAX_COLS";
    bool body = false;
    for (const fo_node *row = t->first; row; row = row->next) {
        if (row->kind != FO_ROW)
            continue; /* reported by the child check */
        if (row->u.row.header && body)
            return "table header row after a body row";
        body |= !row->u.row.header;
        if (!row->first)
            return "table row without cells";
        for (const fo_node *cell = row->first; cell; cell = cell->next) {
            if (cell->kind != FO_CELL)
                continue;
            if (cell->u.cell.rowspan < 1 || cell->u.cell.colspan < 1)
                return "table cell with a span below 1";
            if (t->u.table.cols > 0 && cell->u.cell.col + cell->u.cell.colspan > t->u.table.cols)
                return "table cell outside its table's columns";
        }
    }
    return body ? NULL : "table without a body row";
}

/* A part: a known kind; only an attachment has a label and a title (owned inlines); enclosures
 * name at least one attachment. */
static const char *check_part(const fo_node *n)
{
    if ((unsigned)n->u.part.kind >= FO_PART_KIND_COUNT)
        return "part of an unknown kind";
    const fo_node *title = n->u.part.title;
    if (n->u.part.kind != FO_PART_ATTACHMENT && (title || n->u.part.label))
        return "label or title on a part that is not an attachment";
    if (title && (title->kind != FO_INLINES || title->parent != n))
        return "attachment title not owned by its attachment";
    if (n->u.part.kind == FO_PART_ENCLOSURES && !n->first)
        return "enclosures without an item";
    return NULL;
}

static const char *check_node(const fo_node *n, int depth)
{
    if (depth > 10000)
        return "tree too deep";
    if (n->kind == FO_TEXT && !n->u.text.str)
        return "text node without a string";
    if (n->kind == FO_SECTION) {
        if (!n->u.section.title || n->u.section.title->kind != FO_INLINES || n->u.section.title->parent != n)
            return "section without an owned title";
        if (n->parent->kind == FO_SECTION && n->u.section.level <= n->parent->u.section.level)
            return "subsection level not below its parent's";
    }
    if (n->kind == FO_PARA && n->u.para.head &&
        (n->u.para.head->kind != FO_INLINES || n->u.para.head->parent != n))
        return "run-in head not owned by its paragraph";
    if (n->kind == FO_FIGURE && n->u.figure.caption && n->u.figure.caption->parent != n)
        return "caption not owned by its figure";
    if (n->kind == FO_TABLE || n->kind == FO_PART) {
        const char *e = n->kind == FO_TABLE ? check_table(n) : check_part(n);
        if (e)
            return e;
    }
    bool seen_section = false, seen_attachment = false;
    const fo_node *prev = NULL;
    for (const fo_node *c = n->first; c; prev = c, c = c->next) {
        if (c->parent != n)
            return "child whose parent pointer is wrong";
        if (c->prev != prev)
            return "broken prev link";
        if (!may_contain(n, c))
            return "node kind not allowed in its parent";
        bool attachment = fo_is_part(c, FO_PART_ATTACHMENT);
        if (seen_attachment && !attachment)
            return "block after an attachment";
        seen_attachment |= attachment;
        if (c->kind == FO_SECTION)
            seen_section = true;
        else if (seen_section && fo_kind_is_block(c->kind) && !attachment)
            return "block after a subsection at the same level";
        const char *e = check_node(c, depth + 1);
        if (e)
            return e;
    }
    if (n->last != prev)
        return "broken last link";
    const fo_node *owned[5] = {
        n->kind == FO_SECTION ? n->u.section.title : NULL,
        n->kind == FO_PARA ? n->u.para.head : NULL,
        n->kind == FO_FIGURE ? n->u.figure.caption : NULL,
        n->kind == FO_TABLE ? n->u.table.caption : NULL,
        n->kind == FO_PART ? n->u.part.title : NULL,
    };
    for (int i = 0; i < 5; i++) {
        if (owned[i]) {
            const char *e = check_node(owned[i], depth + 1);
            if (e)
                return e;
        }
    }
    return NULL;
}

const char *fo_doc_check(const fo_doc *doc)
{
    if (!doc->root || doc->root->kind != FO_DOCUMENT)
        return "root is not a document";
    if (doc->n_parts && doc->root->first)
        return "collection with blocks of its own";
    for (size_t i = 0; i < doc->n_parts; i++) {
        if (!doc->parts[i] || doc->parts[i]->n_parts)
            return "part of a collection that is not an article";
        const char *e = fo_doc_check(doc->parts[i]);
        if (e)
            return e;
    }
    return check_node(doc->root, 0);
}
