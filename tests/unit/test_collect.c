/* test_collect.c — collections (folio --collect): the model (parts, ids, identifier, timestamp,
 * checks) and what every writer makes of a collection in memory: the native dump, a DocBook book,
 * one XHTML page, an EPUB with one document per article, and the PDF packet's pages (-t layout).
 * Run from the project root (styles/ is found there). */
#include "harness.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "builders.h"
#include "doc.h"
#include "writers.h"

/* A finished little article: a lead, `sections` sections, each with a paragraph and the first with
 * a subsection. */
static fo_doc *article(const char *title, const char *date, int sections)
{
    fo_doc *doc = fo_doc_new();
    doc->meta.title = fo_doc_strdup(doc, title);
    doc->meta.date = fo_doc_strdup(doc, date);
    doc->meta.source = "河西日报";
    fo_meta_add_author(doc, "陈思远", "记者", NULL);
    tb_para(doc, doc->root, NULL, "导语。全省统一的平台日前正式上线运行。")->u.para.role = "lead";
    for (int i = 0; i < sections; i++) {
        fo_node *s = tb_section(doc, doc->root, 1, NULL, NULL, i ? "第二节的标题" : "第一节的标题");
        tb_para(doc, s, NULL, "正文。平台上线以来，已累计办理外出审批一万件。");
        if (i == 0)
            tb_para(doc, tb_section(doc, s, 2, NULL, NULL, "小节"), NULL, "小节正文。");
    }
    fo_doc_finish(doc);
    return doc;
}

/* A finished collection of two articles, the second without sections. */
static fo_doc *packet(void)
{
    fo_doc *c = fo_doc_new();
    fo_meta_set(c, "title", "2025年第一次全体会议材料");
    fo_meta_set(c, "publisher", "河西省司法厅办公室");
    fo_meta_set(c, "date", "2025-03-20");
    fo_doc_add_part(c, article("第一篇文章", "2025-01-16T16:16+08:00", 2));
    fo_doc_add_part(c, article("第二篇文章", "2025-02-20", 0));
    fo_doc_finish(c);
    return c;
}

static void test_parts(void)
{
    fo_doc *lone = article("独篇", "2025-01-01", 1);
    OK(!fo_doc_is_collection(lone) && fo_doc_article_count(lone) == 1 && fo_doc_article(lone, 0) == lone,
       "an article is a list of one article: itself");
    STR_EQ(lone->root->last->u.section.id, "sec-1", "a lone article's sections: sec-N");
    OK(lone->id == NULL, "a lone article has no part id");
    fo_doc_free(lone);

    fo_doc *c = packet();
    OK(fo_doc_is_collection(c) && fo_doc_article_count(c) == 2, "a collection of two articles");
    OK(fo_doc_article(c, 1) == c->parts[1], "its articles are its parts, in order");
    STR_EQ(c->parts[0]->id, "art-1", "the first part is art-1");
    STR_EQ(c->parts[1]->id, "art-2", "the second art-2");
    const fo_node *s = c->parts[0]->root->first->next;
    STR_EQ(s->u.section.id, "art-1-sec-1", "a part's sections get ids under the part's");
    STR_EQ(s->first->next->u.section.id, "art-1-sec-1-1", "and so do their subsections");
    INT_EQ(s->u.section.number, 1, "section numbers stay as they were");
    STR_EQ(c->meta.title, "2025年第一次全体会议材料", "-M title is the collection's");
    STR_EQ(c->parts[0]->meta.title, "第一篇文章", "each article keeps its own title");
    OK(fo_doc_check(c) == NULL, "a sound collection passes the check");
    fo_doc_free(c);
}

static void test_identifier_and_time(void)
{
    fo_doc *a = packet(), *b = packet();
    STR_EQ(a->meta.identifier, b->meta.identifier, "the same collection gets the same identifier");
    fo_doc *single = article("第一篇文章", "2025-01-16T16:16+08:00", 2);
    STR_EQ(a->parts[0]->meta.identifier, single->meta.identifier, "a part keeps the identifier it has alone");
    fo_doc *c = fo_doc_new();
    fo_meta_set(c, "title", "2025年第一次全体会议材料");
    fo_meta_set(c, "publisher", "河西省司法厅办公室");
    fo_meta_set(c, "date", "2025-03-20");
    fo_doc_add_part(c, article("第一篇文章", "2025-01-16T16:16+08:00", 2));
    fo_doc_finish(c);
    OK(strcmp(a->meta.identifier, c->meta.identifier) != 0, "another set of articles under one title: another identifier");
    OK(strcmp(a->meta.identifier, single->meta.identifier) != 0, "a collection's identifier is not its article's");

    unsetenv("SOURCE_DATE_EPOCH");
    INT_EQ(fo_doc_timestamp(a), 1742428800 - 8 * 3600, "a collection's timestamp is its own date (2025-03-20 +08:00)");
    c->meta.date = NULL;
    INT_EQ(fo_doc_timestamp(c), fo_doc_timestamp(c->parts[0]), "without a date: its latest article's");
    fo_doc_free(a);
    fo_doc_free(b);
    fo_doc_free(c);
    fo_doc_free(single);
}

static void test_check(void)
{
    fo_doc *c = packet();
    tb_para(c, c->root, NULL, "散段");
    STR_EQ(fo_doc_check(c), "collection with blocks of its own", "a collection holds no blocks of its own");
    fo_doc_free(c);

    c = packet();
    fo_doc *inner = packet();
    fo_doc_add_part(c, inner);
    STR_EQ(fo_doc_check(c), "part of a collection that is not an article", "a part is an article, not a collection");
    fo_doc_free(c);

    c = packet();
    c->parts[1]->root->first->kind = FO_LIST;
    STR_EQ(fo_doc_check(c), "node kind not allowed in its parent", "a part's own damage is found");
    fo_doc_free(c);
}

static char *written(fo_writer_fn write, const fo_doc *doc, const fo_write_opts *opts, size_t *len)
{
    fo_buf out = {0};
    fo_diag d;
    fo_diag_init(&d, "packet", NULL);
    if (write(doc, opts, &out, &d) != 0) {
        fo_buf_free(&out);
        return NULL;
    }
    if (len)
        *len = out.len;
    return fo_buf_steal(&out);
}

static int count(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = s; p && (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    return n;
}

static void test_native_and_docbook(void)
{
    fo_doc *c = packet();
    char *native = written(fo_write_native, c, NULL, NULL);
    OK(native && strncmp(native, "collection\nmeta\n  title: \"2025年第一次全体会议材料\"", 51) == 0,
       "native: a collection and its metadata first");
    INT_EQ(count(native, "\npart art-"), 2, "native: a part line per article");
    INT_EQ(count(native, "\ndocument\n"), 2, "native: each part with its own tree");
    free(native);

    char *db = written(fo_write_docbook, c, NULL, NULL);
    xmlDoc *x = db ? xmlReadMemory(db, (int)strlen(db), "book.xml", NULL, XML_PARSE_NONET) : NULL;
    xmlNode *root = x ? xmlDocGetRootElement(x) : NULL;
    OK(root && strcmp((const char *)root->name, "book") == 0, "docbook: a collection is a book");
    int articles = 0, infos = 0;
    for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)n->name, "info") == 0)
            infos++;
        if (strcmp((const char *)n->name, "article") == 0) {
            articles++;
            xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
            char want[16];
            snprintf(want, sizeof want, "art-%d", articles);
            STR_EQ((const char *)id, want, "docbook: every article has its part's xml:id");
            xmlFree(id);
            xmlNode *first = n->children;
            while (first && first->type != XML_ELEMENT_NODE)
                first = first->next;
            OK(first && strcmp((const char *)first->name, "info") == 0, "docbook: every article opens with its own info");
        }
    }
    INT_EQ(infos, 1, "docbook: one info of the book's own");
    INT_EQ(articles, 2, "docbook: one article per part");
    OK(db && strstr(db, "<title>2025年第一次全体会议材料</title>") && strstr(db, "<title>第二篇文章</title>"),
       "docbook: the book's title and the articles'");
    OK(db && strstr(db, "xml:id=\"art-1-sec-1-1\""), "docbook: section ids unique in the book");
    xmlFreeDoc(x);
    free(db);
    fo_doc_free(c);
}

/* Whether `len` bytes at `data` hold `what` (a zip's entry names are plain text in it). */
static bool holds(const char *data, size_t len, const char *what)
{
    size_t n = strlen(what);
    for (size_t i = 0; data && i + n <= len; i++)
        if (memcmp(data + i, what, n) == 0)
            return true;
    return false;
}

static void test_xhtml_and_epub(void)
{
    fo_doc *c = packet();
    char *html = written(fo_write_xhtml, c, NULL, NULL);
    xmlDoc *x = html ? xmlReadMemory(html, (int)strlen(html), "p.html", NULL, XML_PARSE_NONET) : NULL;
    OK(x != NULL, "html: a collection is one well-formed page");
    xmlFreeDoc(x);
    OK(html && strstr(html, "<header class=\"titlepage collection\">"), "html: the collection's title page first");
    OK(html && strstr(html, "<article id=\"art-1\">") && strstr(html, "<article id=\"art-2\">"),
       "html: an article element per part");
    INT_EQ(count(html, "<p class=\"byline\">"), 2, "html: each article with its own byline");
    free(html);

    size_t len;
    char *epub = written(fo_write_epub, c, NULL, &len);
    OK(epub != NULL, "epub: a collection makes a book");
    OK(holds(epub, len, "OEBPS/art-1.xhtml") && holds(epub, len, "OEBPS/art-2.xhtml"), "epub: one document per article");
    OK(epub && !holds(epub, len, "OEBPS/art-1-sec-1.xhtml"), "epub: sections stay in their article's document");
    free(epub);
    fo_doc_free(c);
}

/* The PDF packet through -t layout: cover and contents before page 1, every article from a new
 * page, the contents' numbers, odd starts.  The fonts are whatever the machine has. */
static void test_layout(void)
{
    fo_doc *c = packet();
    fo_write_opts opts = {0};
    char *lay = written(fo_write_layout, c, &opts, NULL);
    OK(lay && strstr(lay, "2 before page 1"), "layout: a cover page and a contents page before page 1");
    OK(lay && strstr(lay, "page 1\n  space ") && strstr(lay, "cover-title"), "layout: the cover first");
    OK(lay && strstr(lay, "page 2\n  contents-title"), "layout: then the contents");
    OK(lay && strstr(lay, "page 3\n  title ") && strstr(lay, "page 4\n  title "),
       "layout: each article starts a page with its title");
    OK(lay && strstr(lay, "footer    — 1 —") && strstr(lay, "footer    — 2 —") && !strstr(lay, "— 3 —"),
       "layout: numbered from the first article on, the front matter unnumbered");
    INT_EQ(count(lay, "contents-entry"), 2, "layout: a contents entry per article");
    INT_EQ(count(lay, "contents-section"), 0, "layout: no section entries at depth 1");
    INT_EQ(count(lay, "contents-note"), 2, "layout: a date · source note under every entry");
    OK(lay && strstr(lay, "]第二篇文章 [") && strstr(lay, "+0.000]2\n"), "layout: the entry ends in its page number");
    free(lay);

    opts.toc_depth = 2;
    lay = written(fo_write_layout, c, &opts, NULL);
    INT_EQ(count(lay, "contents-section"), 2, "layout: --toc-depth 2 lists the top-level sections");
    free(lay);
    opts.toc_depth = 3;
    lay = written(fo_write_layout, c, &opts, NULL);
    INT_EQ(count(lay, "contents-section"), 3, "layout: --toc-depth 3 the subsections too");
    free(lay);

    opts.toc_depth = 1;
    opts.odd_article_break = true;
    lay = written(fo_write_layout, c, &opts, NULL);
    OK(lay && strstr(lay, "4 before page 1") && strstr(lay, "page 2 (blank)") && strstr(lay, "page 4 (blank)"),
       "layout: odd breaks: a blank back to the cover and to the contents");
    OK(lay && strstr(lay, "page 5\n  title ") && strstr(lay, "page 6 (blank)\npage 7\n  title "),
       "layout: odd breaks: the second article after a blank page, on page 3");
    free(lay);
    fo_doc_free(c);
}

int main(void)
{
    test_parts();
    test_identifier_and_time();
    test_check();
    test_native_and_docbook();
    test_xhtml_and_epub();
    test_layout();
    return harness_done();
}
