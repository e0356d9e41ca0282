/* test_docbook.c — the DocBook writer: exact output fragments, structure (XPath), validity against
 * the DocBook 5.0 RELAX NG schema, no whitespace inside mixed content, determinism, errors. */
#include "builders.h"
#include "harness.h"
#include "writers.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdlib.h>
#include <string.h>

#define DOCBOOK_RNG "/usr/share/xml/docbook/schema/rng/5.0/docbook.rng"

/* ---- building documents ---- */

/* Every kind of node and every metadata field, with & < > in text and attributes. */
static fo_doc *full_document(void)
{
    fo_doc *doc = fo_doc_new();
    fo_meta *m = &doc->meta;
    m->title = "法治&<保障>";
    m->subtitle = "十大亮点";
    m->original_title = "原标题甲";
    fo_meta_add_author(doc, "龚利芳", "记者", "新甘肃·甘肃法治报");
    fo_meta_add_author(doc, "王五", "责任编辑", NULL);
    fo_meta_add_author(doc, "赵六", NULL, NULL);
    fo_meta_add_author(doc, "孙七", "校对", NULL);
    m->date = "2025-01-16T16:16+08:00";
    m->source = "甘肃法治报";
    m->publisher = "中国甘肃网";
    fo_strlist_append(doc, &m->category, "法治甘肃");
    fo_strlist_append(doc, &m->category, "本网关注");
    fo_strlist_append(doc, &m->keywords, "法治");
    fo_strlist_append(doc, &m->keywords, "司法行政");
    m->rights = "凡注有稿件来源为“中国甘肃网”的稿件,均为中国甘肃网版权稿件。";
    m->abstract = "第一段\n第二段";

    fo_node *root = doc->root;
    tb_figure(doc, root, NULL, "张掖市肃南县司法局开展民法典宣传(2024年5月拍摄)。", "省司法厅供图");
    tb_para(doc, root, NULL, "甲&乙<丙>丁")->u.para.role = "lead";

    fo_node *s1 = tb_section(doc, root, 1, "亮点一", NULL, "多维度推动");
    fo_node *p = tb_para(doc, s1, NULL, "坚持把");
    tb_wrapped(doc, p, FO_STRONG, "学习");
    tb_wrapped(doc, p, FO_EMPH, "宣传");
    tb_text(doc, p, "贯彻");
    p = tb_para(doc, s1, "加强宣传解读。", "依托《");
    tb_wrapped(doc, p, FO_CITETITLE, "甘肃日报");
    tb_text(doc, p, "》主题专栏");
    tb_add(doc, p, FO_LINEBREAK);
    tb_wrapped(doc, p, FO_LINK, "链接")->u.link.url = "https://example.com/?a=1&b=2";
    fo_node *s11 = tb_section(doc, s1, 2, "（一）", NULL, "小节");
    tb_para(doc, s11, NULL, "小节正文");

    fo_node *s2 = tb_section(doc, root, 1, "亮点二", NULL, "以《");
    tb_wrapped(doc, s2->u.section.title, FO_CITETITLE, "省部备忘录");
    tb_text(doc, s2->u.section.title, "》为契机");
    fo_node *list = tb_add(doc, s2, FO_LIST);
    list->u.list.ordered = true;
    list->u.list.start = 3;
    tb_para(doc, tb_add(doc, list, FO_ITEM), NULL, "第三项");
    tb_para(doc, tb_add(doc, list, FO_ITEM), NULL, "第四项");
    list = tb_add(doc, s2, FO_LIST);
    tb_para(doc, tb_add(doc, list, FO_ITEM), NULL, "要点");
    tb_para(doc, tb_add(doc, s2, FO_BLOCKQUOTE), NULL, "引文");
    tb_add(doc, s2, FO_RULE);
    tb_figure(doc, s2, "img/a&b.jpg", "图注", NULL);

    fo_doc_finish(doc);
    return doc;
}

/* ---- writing and inspecting ---- */

/* The document as DocBook, or NULL when the writer fails; the caller frees.  `d` may be NULL. */
static char *write_docbook(const fo_doc *doc, fo_diag *d)
{
    fo_diag quiet;
    if (!d) {
        fo_diag_init(&quiet, "test", NULL);
        d = &quiet;
    }
    fo_write_opts opts = {0};
    fo_buf out = {0};
    if (fo_write_docbook(doc, &opts, &out, d) != 0) {
        fo_buf_free(&out);
        return NULL;
    }
    return fo_buf_steal(&out);
}

static xmlDocPtr parse_xml(const char *xml)
{
    return xml ? xmlReadMemory(xml, (int)strlen(xml), "test.xml", NULL, XML_PARSE_NONET) : NULL;
}

static bool is_valid(xmlRelaxNGPtr schema, xmlDocPtr doc)
{
    if (!schema || !doc)
        return false;
    xmlRelaxNGValidCtxtPtr ctxt = xmlRelaxNGNewValidCtxt(schema);
    int rc = xmlRelaxNGValidateDoc(ctxt, doc);
    xmlRelaxNGFreeValidCtxt(ctxt);
    return rc == 0;
}

/* The string value of an XPath expression, with the DocBook namespace bound to db:. */
static void xpath_string(xmlDocPtr doc, const char *expr, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!doc)
        return;
    xmlXPathContextPtr ctxt = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctxt, BAD_CAST "db", BAD_CAST "http://docbook.org/ns/docbook");
    xmlXPathObjectPtr result = xmlXPathEvalExpression(BAD_CAST expr, ctxt);
    xmlChar *s = result ? xmlXPathCastToString(result) : NULL;
    if (s)
        snprintf(buf, size, "%s", (const char *)s);
    xmlFree(s);
    xmlXPathFreeObject(result);
    xmlXPathFreeContext(ctxt);
}

#define XPATH_EQ(doc, expr, want)                                                                 \
    do {                                                                                          \
        char got_[512];                                                                           \
        xpath_string((doc), (expr), got_, sizeof got_);                                           \
        STR_EQ(got_, (want), expr);                                                               \
    } while (0)

#define HAS(xml, fragment, what) OK((xml) && strstr((xml), (fragment)), what)

/* Elements whose content is only other elements: the writer may indent inside them.  Every other
 * element holds inline content, where whitespace would be text the model never had. */
static bool is_block_container(const xmlChar *name)
{
    static const char *const containers[] = {
        "article", "info", "section", "informalfigure", "mediaobject", "blockquote", "orderedlist",
        "itemizedlist", "listitem", "author", "editor", "othercredit", "legalnotice", "abstract", "subjectset",
        "subject", "keywordset", "note", "appendix", NULL,
    };
    for (int i = 0; containers[i]; i++)
        if (xmlStrEqual(name, BAD_CAST containers[i]))
            return true;
    return false;
}

/* Counts text nodes in the wrong place: whitespace in an element that holds inlines (the test
 * documents have no spaces in their text), or anything but whitespace in a block container. */
static int misplaced_whitespace(xmlNodePtr n)
{
    int bad = 0;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            bad += misplaced_whitespace(c);
        } else if (c->type == XML_TEXT_NODE) {
            const char *s = (const char *)c->content;
            bool all_space = strspn(s, " \n") == strlen(s);
            bool any_space = strpbrk(s, " \n\t\r") != NULL;
            if (is_block_container(n->name) ? !all_space : any_space) {
                printf("# misplaced text in <%s>: \"%s\"\n", (const char *)n->name, s);
                bad++;
            }
        }
    }
    return bad;
}

/* ---- tests ---- */

static void test_full_document(xmlRelaxNGPtr schema)
{
    fo_doc *doc = full_document();
    OK(fo_doc_check(doc) == NULL, "full: the test document is a sound tree");
    char *xml = write_docbook(doc, NULL);
    OK(xml != NULL, "full: the writer succeeds");

    HAS(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<article xmlns=\"http://docbook.org/ns/docbook\" "
             "xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"5.0\" xml:lang=\"zh-CN\">\n  <info>\n",
        "full: XML declaration, then article with namespaces, version and xml:lang, then info");
    HAS(xml, "<title>法治&amp;&lt;保障&gt;</title>", "full: & < > escaped in the title");
    HAS(xml, "<para role=\"lead\">甲&amp;乙&lt;丙&gt;丁</para>", "full: & < > escaped in text, role kept");
    HAS(xml, "<formalpara><title>加强宣传解读。</title><para>依托《<citetitle>甘肃日报</citetitle>》主题专栏"
             "<?linebreak?><link xlink:href=\"https://example.com/?a=1&amp;b=2\">链接</link></para></formalpara>",
        "full: run-in head is formalpara/title; 《》 stay outside citetitle; linebreak PI; link");
    HAS(xml, "<para>坚持把<emphasis role=\"strong\">学习</emphasis><emphasis>宣传</emphasis>贯彻</para>",
        "full: strong and emph");
    HAS(xml, "\n  <section xml:id=\"sec-1\" label=\"亮点一\">\n    <title>多维度推动</title>\n",
        "full: top-level section with id, label and title, indented");
    HAS(xml, "\n    <section xml:id=\"sec-1-1\" label=\"（一）\">\n      <title>小节</title>\n"
             "      <para>小节正文</para>\n    </section>\n  </section>\n",
        "full: nested section inside its parent");
    HAS(xml, "<title>以《<citetitle>省部备忘录</citetitle>》为契机</title>", "full: citetitle in a section title");
    HAS(xml, "<informalfigure>\n    <mediaobject>\n      <textobject><phrase>图片未收录</phrase></textobject>\n"
             "      <caption><para>张掖市肃南县司法局开展民法典宣传(2024年5月拍摄)。"
             "<phrase role=\"credit\">省司法厅供图</phrase></para></caption>\n    </mediaobject>\n  </informalfigure>",
        "full: figure without image: textobject, caption with credit");
    HAS(xml, "<imageobject><imagedata fileref=\"img/a&amp;b.jpg\"/></imageobject>\n"
             "        <caption><para>图注</para></caption>",
        "full: figure with image: imagedata fileref escaped, caption");
    HAS(xml, "<orderedlist startingnumber=\"3\">\n      <listitem>\n        <para>第三项</para>\n      </listitem>",
        "full: ordered list with its start");
    HAS(xml, "<itemizedlist>\n      <listitem>\n        <para>要点</para>", "full: bullet list");
    HAS(xml, "<blockquote>\n      <para>引文</para>\n    </blockquote>", "full: blockquote");
    HAS(xml, "\n    <para role=\"rule\"/>\n", "full: rule as an empty para role=rule");
    HAS(xml, "<bibliomisc role=\"original-title\">原标题甲</bibliomisc>", "full: original title");
    HAS(xml, "<pubdate>2025-01-16T16:16+08:00</pubdate>", "full: pubdate as in the model");
    HAS(xml, "<publisher><publishername>中国甘肃网</publishername></publisher>", "full: publisher");
    HAS(xml, "<bibliosource>甘肃法治报</bibliosource>", "full: source");
    HAS(xml, "<biblioid class=\"uri\">urn:uuid:", "full: identifier");
    HAS(xml, "<legalnotice>\n      <para>凡注有稿件来源为“中国甘肃网”的稿件,均为中国甘肃网版权稿件。</para>\n    </legalnotice>",
        "full: rights as legalnotice");
    OK(xml && xml[strlen(xml) - 1] == '\n' && strstr(xml, "</article>\n") == xml + strlen(xml) - 11,
       "full: ends with </article> and a newline");

    xmlDocPtr x = parse_xml(xml);
    OK(x != NULL, "full: output is well-formed");
    OK(is_valid(schema, x), "full: valid against the DocBook 5.0 RELAX NG schema");
    INT_EQ(x ? misplaced_whitespace(xmlDocGetRootElement(x)) : -1, 0,
           "full: no whitespace inside mixed content, no text in block containers");
    XPATH_EQ(x, "local-name(/db:article/*[1])", "info");
    XPATH_EQ(x, "count(/db:article/db:section)", "2");
    XPATH_EQ(x, "string(/db:article/db:section[1]/db:section/@label)", "（一）");
    XPATH_EQ(x, "count(//db:formalpara)", "1");
    XPATH_EQ(x, "count(//db:citetitle)", "2");
    XPATH_EQ(x, "string(/db:article/db:info/db:subtitle)", "十大亮点");
    XPATH_EQ(x, "count(//db:info/db:author)", "2");
    XPATH_EQ(x, "string(//db:author[1]/db:personname)", "龚利芳");
    XPATH_EQ(x, "string(//db:author[1]/db:contrib)", "记者");
    XPATH_EQ(x, "string(//db:author[1]/db:affiliation/db:orgname)", "新甘肃·甘肃法治报");
    XPATH_EQ(x, "string(//db:author[2]/db:personname)", "赵六");
    XPATH_EQ(x, "count(//db:author[2]/*)", "1");
    XPATH_EQ(x, "string(//db:info/db:editor/db:personname)", "王五");
    XPATH_EQ(x, "string(//db:info/db:othercredit[@class='other'][@otherclass='proofreader']/db:personname)", "孙七");
    XPATH_EQ(x, "string(//db:info/db:editor/db:contrib)", "责任编辑");
    XPATH_EQ(x, "string(//db:subjectset/db:subject/db:subjectterm[1])", "法治甘肃");
    XPATH_EQ(x, "string(//db:subjectset/db:subject/db:subjectterm[2])", "本网关注");
    XPATH_EQ(x, "string(//db:keywordset/db:keyword[2])", "司法行政");
    XPATH_EQ(x, "count(//db:info/db:abstract/db:para)", "2");
    XPATH_EQ(x, "string(//db:info/db:abstract/db:para[2])", "第二段");
    XPATH_EQ(x, "count(//db:listitem)", "3");
    XPATH_EQ(x, "string(//db:biblioid)", doc->meta.identifier);

    char *again = write_docbook(doc, NULL);
    OK(xml && again && strcmp(xml, again) == 0, "full: writing twice gives the same bytes");
    free(again);
    xmlFreeDoc(x);
    free(xml);
    fo_doc_free(doc);
}

/* A document with nothing in it still makes a valid article: the stand-in title, an empty para. */
static void test_empty_document(xmlRelaxNGPtr schema)
{
    fo_doc *doc = fo_doc_new();
    fo_doc_finish(doc);
    fo_diag d;
    fo_diag_init(&d, "test", NULL);
    char *xml = write_docbook(doc, &d);
    OK(xml != NULL, "empty: the writer succeeds");
    INT_EQ(d.warnings, 0, "empty: no warning from the writer (fo_read_bytes notes a missing title)");
    HAS(xml, "<info>\n    <title role=\"untitled\">无标题</title>\n    <biblioid class=\"uri\">",
        "empty: the title every format shows for none (fo_doc_title), marked as a stand-in; only the identifier");
    HAS(xml, "</info>\n  <para/>\n</article>\n", "empty: an empty para as the body");
    OK(xml && !strstr(xml, "<author") && !strstr(xml, "<pubdate") && !strstr(xml, "<legalnotice") &&
           !strstr(xml, "<subtitle") && !strstr(xml, "<abstract"),
       "empty: no element for metadata the model lacks");
    xmlDocPtr x = parse_xml(xml);
    OK(is_valid(schema, x), "empty: valid against the schema");
    xmlFreeDoc(x);
    free(xml);
    fo_doc_free(doc);
}

/* Shapes the model allows and DocBook does not: each must still give a valid document. */
static void test_edge_blocks(xmlRelaxNGPtr schema)
{
    fo_doc *doc = fo_doc_new();
    doc->meta.title = "边界";
    doc->meta.language = "zh-Hans-CN";
    fo_node *root = doc->root;
    tb_figure(doc, root, NULL, NULL, NULL);
    tb_figure(doc, root, NULL, NULL, "新华社记者某某摄");
    tb_para(doc, root, "只有标题。", NULL);
    tb_add(doc, root, FO_LIST);
    tb_add(doc, tb_add(doc, root, FO_LIST), FO_ITEM);
    tb_add(doc, root, FO_BLOCKQUOTE);
    fo_node *quote = tb_add(doc, root, FO_BLOCKQUOTE);
    fo_node *inner = tb_section(doc, quote, 2, "甲", NULL, "引文小节");
    tb_para(doc, inner, NULL, "引文正文");
    tb_wrapped(doc, tb_para(doc, root, NULL, "无网址"), FO_LINK, "链接");
    tb_section(doc, root, 1, NULL, NULL, "空节");
    fo_doc_finish(doc);

    fo_diag d;
    fo_diag_init(&d, "test", NULL);
    char *xml = write_docbook(doc, &d);
    OK(xml != NULL, "edge: the writer succeeds");
    HAS(xml, "xml:lang=\"zh-Hans-CN\"", "edge: xml:lang from the model");
    HAS(xml, "<mediaobject>\n      <textobject><phrase>图片未收录</phrase></textobject>\n    </mediaobject>",
        "edge: figure with neither image nor caption has no caption");
    HAS(xml, "<caption><para><phrase role=\"credit\">新华社记者某某摄</phrase></para></caption>",
        "edge: figure with only a credit");
    HAS(xml, "<formalpara><title>只有标题。</title><para/></formalpara>", "edge: run-in head with no body");
    HAS(xml, "<itemizedlist>\n    <listitem>\n      <para/>\n    </listitem>\n  </itemizedlist>",
        "edge: an empty list item gets an empty para");
    HAS(xml, "<blockquote>\n    <para/>\n  </blockquote>", "edge: an empty blockquote gets an empty para");
    HAS(xml, "<blockquote>\n    <bridgehead renderas=\"sect2\"><phrase role=\"label\">甲</phrase>引文小节</bridgehead>\n"
             "    <para>引文正文</para>\n  </blockquote>",
        "edge: a section inside a blockquote becomes a bridgehead and its blocks");
    INT_EQ(d.warnings, 1, "edge: the flattened section is reported");
    HAS(xml, "<para>无网址链接</para>", "edge: a link without a URL keeps its text");
    HAS(xml, "<section xml:id=\"sec-1\">\n    <title>空节</title>\n    <para/>\n  </section>",
        "edge: a section without label or content");
    xmlDocPtr x = parse_xml(xml);
    XPATH_EQ(x, "count(//db:itemizedlist)", "1"); /* the list without items is left out */
    OK(is_valid(schema, x), "edge: valid against the schema");
    INT_EQ(x ? misplaced_whitespace(xmlDocGetRootElement(x)) : -1, 0, "edge: no whitespace inside mixed content");
    xmlFreeDoc(x);
    free(xml);
    fo_doc_free(doc);
}

/* An official document's identity: its own date, issuing organ, number and index number. */
static void test_document_identity(xmlRelaxNGPtr schema)
{
    fo_doc *doc = fo_doc_new();
    fo_meta *m = &doc->meta;
    m->title = "关于印发某规划的通知";
    m->date = "2022-06-01";
    m->doc_date = "2022-05-30";
    m->issuer = "某省某厅";
    m->doc_number = "某发〔2022〕11号";
    m->index_number = "000014349/2022-00001";
    m->language = "zh-Hant";
    fo_strlist_append(doc, &m->keywords, "规划");
    tb_para(doc, doc->root, NULL, "正文");
    fo_doc_finish(doc);
    char *xml = write_docbook(doc, NULL);
    xmlDocPtr x = parse_xml(xml);
    XPATH_EQ(x, "string(//db:info/db:pubdate)", "2022-06-01");
    XPATH_EQ(x, "string(//db:info/db:date[@role='document'])", "2022-05-30");
    XPATH_EQ(x, "string(//db:info/db:org[@role='issuer']/db:orgname)", "某省某厅");
    XPATH_EQ(x, "string(//db:info/db:biblioid[@otherclass='docnumber'])", "某发〔2022〕11号");
    XPATH_EQ(x, "string(//db:info/db:biblioid[@otherclass='indexnumber'])", "000014349/2022-00001");
    XPATH_EQ(x, "string(/db:article/@xml:lang)", "zh-Hant");
    OK(is_valid(schema, x), "identity: valid against the schema");
    xmlFreeDoc(x);
    free(xml);
    fo_doc_free(doc);
}

/* Quotes and markup characters in attribute values. */
static void test_attribute_escaping(xmlRelaxNGPtr schema)
{
    fo_doc *doc = fo_doc_new();
    doc->meta.title = "引号";
    tb_para(doc, tb_section(doc, doc->root, 1, "\"甲\"&<乙>", NULL, "标题"), NULL, "正文");
    fo_doc_finish(doc);
    char *xml = write_docbook(doc, NULL);
    HAS(xml, "label=\"&quot;甲&quot;&amp;&lt;乙&gt;\"", "attributes: quotes, & < > escaped in a label");
    xmlDocPtr x = parse_xml(xml);
    XPATH_EQ(x, "string(//db:section/@label)", "\"甲\"&<乙>");
    OK(is_valid(schema, x), "attributes: valid against the schema");
    xmlFreeDoc(x);
    free(xml);
    fo_doc_free(doc);
}

/* ---- tables and pictures ---- */

/* 地区 spans two header rows, 数量 two columns; 乙's last cell spans two columns; a cell with two
 * paragraphs; an empty cell. */
static fo_node *sample_table(fo_doc *doc, fo_node *parent, const char *caption)
{
    fo_node *t = tb_add(doc, parent, FO_TABLE);
    if (caption) {
        t->u.table.caption = fo_inlines_new(doc, t, TB_NOWHERE);
        tb_text(doc, t->u.table.caption, caption);
    }
    fo_node *h1 = tb_row(doc, t, true), *h2 = tb_row(doc, t, true);
    tb_cell(doc, h1, "地区", 2, 1);
    tb_cell(doc, h1, "数量", 1, 2);
    tb_cell(doc, h2, "去年", 1, 1);
    tb_cell(doc, h2, "今年", 1, 1);
    fo_node *r1 = tb_row(doc, t, false), *r2 = tb_row(doc, t, false);
    tb_cell(doc, r1, "甲", 1, 1);
    fo_node *two = tb_cell(doc, r1, "一", 1, 1);
    tb_para(doc, two, NULL, "二");
    tb_cell(doc, r1, NULL, 1, 1);
    tb_cell(doc, r2, "乙", 1, 1);
    tb_cell(doc, r2, "3&4", 5, 2); /* a row span past the last row is cut to it */
    return t;
}

static void test_tables(xmlRelaxNGPtr schema)
{
    fo_doc *doc = fo_doc_new();
    doc->meta.title = "表格";
    tb_para(doc, doc->root, NULL, "导语");
    fo_node *t = sample_table(doc, doc->root, "表一");
    sample_table(doc, tb_section(doc, doc->root, 1, NULL, NULL, "节"), NULL);
    fo_doc_finish(doc);
    INT_EQ(t->u.table.cols, 3, "tables: fo_doc_finish counts the columns from the spans");
    const fo_node *second_header = t->first->next->first;
    INT_EQ(second_header->u.cell.col, 1, "tables: a cell after a row span from above starts one column on");
    INT_EQ(t->last->last->u.cell.rowspan, 1, "tables: a row span is cut at the end of its row group");
    char *xml = write_docbook(doc, NULL);
    HAS(xml, "<table>\n    <title>表一</title>\n    <tgroup cols=\"3\">\n      <colspec colname=\"c1\"/>",
        "tables: a captioned table is a CALS table with a title and colspecs");
    HAS(xml, "<informaltable>", "tables: one without a caption is an informaltable");
    HAS(xml, "<thead>\n        <row>\n          <entry morerows=\"1\">地区</entry>\n          "
             "<entry namest=\"c2\" nameend=\"c3\">数量</entry>",
        "tables: rowspan is morerows, colspan namest/nameend, header rows in thead");
    HAS(xml, "<entry>\n            <para>一</para>\n            <para>二</para>\n          </entry>",
        "tables: a cell of two paragraphs holds paras");
    HAS(xml, "<entry/>", "tables: an empty cell");
    HAS(xml, "<entry namest=\"c2\" nameend=\"c3\">3&amp;4</entry>", "tables: text escaped in a cell");
    xmlDocPtr x = parse_xml(xml);
    XPATH_EQ(x, "count(//db:tbody/db:row)", "4");
    OK(is_valid(schema, x), "tables: valid against the schema");
    xmlFreeDoc(x);
    free(xml);
    fo_doc_free(doc);
}

/* What fo_doc_check refuses in a table: each is a tree no writer could render. */
static void test_table_checks(void)
{
    static const char *const want[] = {"table without a body row", "table header row after a body row",
                                       "table row without cells", "node kind not allowed in its parent",
                                       "table cell with a span below 1"};
    for (int k = 0; k < 5; k++) {
        fo_doc *doc = fo_doc_new();
        fo_node *t = tb_add(doc, doc->root, FO_TABLE);
        fo_node *row = tb_row(doc, t, k != 1);
        tb_cell(doc, row, "甲", 1, 1);
        if (k == 1)
            tb_cell(doc, tb_row(doc, t, true), "乙", 1, 1);
        if (k == 2)
            tb_row(doc, t, false);
        if (k == 3)
            tb_section(doc, tb_cell(doc, tb_row(doc, t, false), NULL, 1, 1), 1, NULL, NULL, "表中之节");
        if (k == 4)
            tb_cell(doc, tb_row(doc, t, false), "丙", 0, 1);
        const char *problem = fo_doc_check(doc);
        STR_EQ(problem, want[k], "table checks: a broken table is refused");
        fo_doc_free(doc);
    }
}

static void test_picture(xmlRelaxNGPtr schema)
{
    fo_doc *doc = fo_doc_new();
    doc->meta.title = "照片";
    fo_node *f = tb_figure(doc, doc->root, "page_files/a.png", "图注", NULL);
    static const unsigned char bytes[] = "\x89PNG";
    fo_image *pic = fo_doc_alloc(doc, sizeof *pic);
    *pic = (fo_image){"image/png", bytes, 4, 10, 10, "page_files/a.png"};
    f->u.figure.picture = pic;
    fo_doc_finish(doc);
    char *xml = write_docbook(doc, NULL);
    HAS(xml, "<imagedata fileref=\"page_files/a.png\" format=\"PNG\"/>", "pictures: fileref and its format");
    xmlDocPtr x = parse_xml(xml);
    OK(is_valid(schema, x), "pictures: valid against the schema");
    xmlFreeDoc(x);
    free(xml);
    fo_doc_free(doc);
}

/* An official document: every part in the element the README's table gives it, valid, and the
 * whole document read back into the same tree (the round trip is in test_read_docbook.c). */
static void test_official(xmlRelaxNGPtr schema)
{
    fo_doc *doc = tb_official();
    fo_doc_finish(doc);
    char *xml = write_docbook(doc, NULL);
    HAS(xml, "\n  <para role=\"addressee\">各市司法局：</para>\n", "official: the addressee is para role=addressee");
    HAS(xml, "\n    <orderedlist role=\"enclosures\">\n      <listitem>\n        <para>安排表</para>\n      </listitem>",
        "official: the attachment list is an orderedlist role=enclosures");
    HAS(xml, "\n    <simpara role=\"signature\">甲省乙厅</simpara>\n    <simpara role=\"date\">2025年2月18日</simpara>\n",
        "official: signature and date are simpara with their roles");
    HAS(xml, "\n    <note role=\"annotation\">\n      <para>（此件公开发布）</para>\n    </note>\n",
        "official: a note (附注) is note role=annotation");
    HAS(xml, "\n  <appendix xml:id=\"att-1\" role=\"attachment\" label=\"附件1\">\n    <title>安排表</title>\n"
             "    <para>三月启动。</para>\n  </appendix>\n",
        "official: an attachment is an appendix role=attachment with its label and title");
    HAS(xml, "<section xml:id=\"att-2-sec-1\" label=\"一\">", "official: an attachment's sections under its id");
    HAS(xml, "<bibliomisc role=\"copy-number\">000001</bibliomisc>\n    <bibliomisc role=\"secrecy\">秘密★1年</bibliomisc>\n"
             "    <bibliomisc role=\"urgency\">特急</bibliomisc>\n    <bibliomisc role=\"organ-mark\">甲省乙厅</bibliomisc>\n"
             "    <bibliomisc role=\"organ-mark\">甲省丙厅</bibliomisc>\n",
        "official: 份号, 密级, 紧急程度 and the organ's mark (a line each) as bibliomisc");
    HAS(xml, "<othercredit class=\"other\" otherclass=\"signer\"><personname>张三</personname></othercredit>",
        "official: a 签发人 is othercredit otherclass=signer");
    HAS(xml, "<bibliomisc role=\"cc\">丁厅，戊厅。</bibliomisc>\n    <publisher role=\"printer\"><publishername>"
             "甲省乙厅办公室</publishername></publisher>\n    <date role=\"printed\">2025-02-18</date>\n  </info>",
        "official: the 版记: cc, printer and date of printing");
    xmlDocPtr x = parse_xml(xml);
    OK(is_valid(schema, x), "official: valid against the DocBook 5.0 RELAX NG schema");
    INT_EQ(x ? misplaced_whitespace(xmlDocGetRootElement(x)) : -1, 0, "official: no whitespace inside mixed content");
    XPATH_EQ(x, "local-name(/db:article/*[last()])", "appendix");
    XPATH_EQ(x, "count(/db:article/db:appendix)", "2");
    xmlFreeDoc(x);
    free(xml);

    /* an attachment without a title still has the title an appendix needs; one without text a para */
    fo_node *bare = tb_attachment(doc, NULL, NULL);
    (void)bare;
    fo_doc_finish(doc);
    xml = write_docbook(doc, NULL);
    HAS(xml, "<appendix xml:id=\"att-3\" role=\"attachment\">\n    <title/>\n    <para/>\n  </appendix>",
        "official: a bare attachment: an empty title and an empty para");
    x = parse_xml(xml);
    OK(is_valid(schema, x), "official: and stays valid");
    xmlFreeDoc(x);
    free(xml);
    fo_doc_free(doc);
}

int main(void)
{
    xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewParserCtxt(DOCBOOK_RNG);
    xmlRelaxNGPtr schema = parser ? xmlRelaxNGParse(parser) : NULL;
    OK(schema != NULL, "the DocBook 5.0 schema loads (" DOCBOOK_RNG ")");

    test_full_document(schema);
    test_empty_document(schema);
    test_edge_blocks(schema);
    test_attribute_escaping(schema);
    test_document_identity(schema);
    test_tables(schema);
    test_table_checks();
    test_picture(schema);
    test_official(schema);

    xmlRelaxNGFree(schema);
    xmlRelaxNGFreeParserCtxt(parser);
    xmlCleanupParser();
    return harness_done();
}
