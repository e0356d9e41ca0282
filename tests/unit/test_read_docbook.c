/* test_read_docbook.c — the DocBook reader: folio's own DocBook reads back exactly (every node kind
 * and metadata field, byte-identical DocBook and XHTML, no warning); the common DocBook of other
 * tools maps onto the model; what the model cannot hold is reported once per element name with its
 * line; bad and hostile XML is refused with a clear error. */
#include "builders.h"
#include "harness.h"
#include "readers.h"
#include "writers.h"

#include <stdlib.h>
#include <string.h>

static const fo_pos NOPOS = {0, 0};

#define DB_OPEN "<article xmlns=\"http://docbook.org/ns/docbook\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
#define DB_CLOSE "</article>"

/* ---- reading and looking ---- */

/* What a read produced: the document (NULL on error) and the diagnostics, as printed. */
typedef struct result {
    fo_doc *doc;
    fo_diag diag;
    char *messages;
    size_t messages_len;
} result;

static result read_xml(const char *xml)
{
    result r = {0};
    FILE *log = open_memstream(&r.messages, &r.messages_len);
    fo_diag_init(&r.diag, "a.xml", log);
    fo_read_opts opts = {0};
    r.doc = fo_read_docbook(xml, strlen(xml), &opts, &r.diag);
    fclose(log);
    if (r.doc)
        fo_doc_finish(r.doc);
    return r;
}

static void result_free(result *r)
{
    fo_doc_free(r->doc);
    free(r->messages);
}

static char *write_with(fo_writer_fn write, const fo_doc *doc)
{
    fo_diag d;
    fo_diag_init(&d, "test", NULL);
    fo_write_opts opts = {.style_dir = "styles"}; /* tests run from the top of the tree */
    fo_buf out = {0};
    if (!doc || write(doc, &opts, &out, &d) != 0) {
        fo_buf_free(&out);
        return NULL;
    }
    return fo_buf_steal(&out);
}

/* The tree dump without positions and without the metadata lines (tests compare the body). */
static char *body_of(const fo_doc *doc)
{
    char *native = write_with(fo_write_native, doc);
    if (!native)
        return NULL;
    fo_buf b = {0};
    const char *s = strstr(native, "\ndocument\n");
    for (s = s ? s + 10 : native; *s;) {
        const char *eol = strchr(s, '\n');
        size_t len = eol ? (size_t)(eol - s) : strlen(s);
        size_t keep = len, skip = strncmp(s, "  ", 2) == 0 ? 2 : 0; /* the document's own indentation */
        for (size_t i = len; i > 1; i--)
            if (s[i - 1] == '@' && s[i - 2] == ' ') {
                keep = i - 2;
                break;
            }
        fo_buf_append(&b, s + skip, keep - skip);
        fo_buf_putc(&b, '\n');
        s += len + (eol != NULL);
    }
    free(native);
    return fo_buf_steal(&b);
}

/* The body of the document read from XML must be exactly `want`. */
static void expect_body(const char *xml, const char *want, const char *what)
{
    result r = read_xml(xml);
    char *body = body_of(r.doc);
    STR_EQ(body, want, what);
    free(body);
    result_free(&r);
}

/* Long texts: on a difference, the first line that differs. */
static void same_text(const char *got, const char *want, const char *what, int line)
{
    if (got && want && strcmp(got, want) == 0) {
        harness_report(1, __FILE__, line, what, NULL);
        return;
    }
    const char *g = got ? got : "(null)", *w = want ? want : "(null)";
    const char *start = g;
    while (*g && *g == *w)
        g++, w++;
    while (g > start && g[-1] != '\n')
        g--, w--;
    char detail[600];
    snprintf(detail, sizeof detail, "first difference: got \"%.200s\", want \"%.200s\"", g, w);
    harness_report(0, __FILE__, line, what, detail);
}
#define TEXT_EQ(got, want, what) same_text((got), (want), (what), __LINE__)

#define HAS(s, fragment, what) OK((s) && strstr((s), (fragment)), what)

static int count(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = s; p && (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* ---- folio's own DocBook ---- */

static fo_node *add(fo_doc *doc, fo_node *parent, fo_kind kind) { return fo_node_append(parent, fo_node_new(doc, kind, NOPOS)); }

static fo_node *add_text(fo_doc *doc, fo_node *parent, const char *s)
{
    return fo_node_append(parent, fo_text_new(doc, s, strlen(s), NOPOS));
}

static fo_node *add_section(fo_doc *doc, fo_node *parent, int level, const char *label, const char *marker,
                            const char *title)
{
    fo_node *s = add(doc, parent, FO_SECTION);
    s->u.section.level = level;
    s->u.section.label = label;
    s->u.section.marker = marker;
    s->u.section.title = fo_inlines_new(doc, s, NOPOS);
    add_text(doc, s->u.section.title, title);
    return s;
}

static fo_node *add_para(fo_doc *doc, fo_node *parent, const char *head, const char *body)
{
    fo_node *p = add(doc, parent, FO_PARA);
    if (head) {
        p->u.para.head = fo_inlines_new(doc, p, NOPOS);
        add_text(doc, p->u.para.head, head);
    }
    if (body)
        add_text(doc, p, body);
    return p;
}

static fo_node *add_figure(fo_doc *doc, fo_node *parent, const char *image, const char *caption, const char *credit)
{
    fo_node *f = add(doc, parent, FO_FIGURE);
    f->u.figure.image = image;
    f->u.figure.credit = credit;
    if (caption) {
        f->u.figure.caption = fo_inlines_new(doc, f, NOPOS);
        add_text(doc, f->u.figure.caption, caption);
    }
    return f;
}

/* Every node kind, every metadata field, and what DocBook has no element for: markers, levels
 * that skip, sections inside quotations, empty containers, figures without caption or credit. */
static fo_doc *everything(void)
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
    fo_meta_add_author(doc, "周八", "审核", NULL);
    fo_meta_add_author(doc, "吴九", "监制", "甘肃法治报社");
    m->date = "2025-01-16T16:16+08:00";
    m->source = "甘肃法治报";
    m->publisher = "中国甘肃网";
    fo_strlist_append(doc, &m->category, "法治甘肃");
    fo_strlist_append(doc, &m->category, "本网关注");
    fo_strlist_append(doc, &m->keywords, "法治");
    fo_strlist_append(doc, &m->keywords, "司法 行政");
    m->rights = "凡注有稿件来源为“中国甘肃网”的稿件，均为中国甘肃网版权稿件。";
    m->abstract = "第一段\n第二段";
    m->language = "zh-TW";
    m->doc_number = "某政发〔2025〕3号";
    m->index_number = "000014349/2025-00012";
    m->issuer = "某某省人民政府办公厅";
    m->doc_date = "2025-01-10";

    fo_node *root = doc->root;
    add_figure(doc, root, NULL, "张掖市肃南县司法局开展民法典宣传（2024年5月拍摄）。", "省司法厅供图");
    add_figure(doc, root, NULL, NULL, "新华社记者 某某 摄");
    add_figure(doc, root, "img/a&b.jpg", NULL, NULL);
    add_para(doc, root, NULL, "甲&乙<丙>丁  two  spaces\tand a tab")->u.para.role = "lead";
    fo_node *s1 = add_section(doc, root, 1, "亮点一", "亮点一：", "多维度推动");
    fo_node *p = add_para(doc, s1, NULL, "坚持把");
    add_text(doc, add(doc, p, FO_STRONG), "学习");
    add_text(doc, add(doc, p, FO_EMPH), "宣传");
    add_text(doc, p, " English words ");
    add(doc, p, FO_LINEBREAK);
    fo_node *link = add(doc, p, FO_LINK);
    link->u.link.url = "https://example.com/?a=1&b=2";
    add_text(doc, link, "链接");
    p = add_para(doc, s1, "加强宣传解读。", "依托《");
    add_text(doc, add(doc, p, FO_CITETITLE), "甘肃日报");
    add_text(doc, p, "》主题专栏");
    p = add_para(doc, s1, NULL, NULL); /* an empty run-in head and body: still a formalpara */
    p->u.para.role = "note";
    p->u.para.head = fo_inlines_new(doc, p, NOPOS);
    fo_node *s11 = add_section(doc, s1, 3, "（一）", "（一）", "小节跳级");
    add_section(doc, s11, 4, "1", "1.", "空小节");
    fo_node *s2 = add_section(doc, root, 2, NULL, NULL, "第二层开头");
    fo_node *list = add(doc, s2, FO_LIST);
    list->u.list.ordered = true;
    list->u.list.start = 3;
    add_para(doc, add(doc, list, FO_ITEM), NULL, "第三项");
    add(doc, list, FO_ITEM);
    fo_node *quote = add(doc, s2, FO_BLOCKQUOTE);
    add_para(doc, quote, NULL, "引文");
    fo_node *inner = add_section(doc, quote, 2, "二", "二、", "引文中的节");
    add_para(doc, inner, NULL, "节中段落");
    add_section(doc, inner, 3, NULL, "（甲）", "更深");
    add(doc, s2, FO_BLOCKQUOTE);
    add(doc, s2, FO_RULE);
    /* a table: caption with markup, spans, a heading cell in the body, a plain one in the head,
     * an empty cell, a cell of several blocks */
    fo_node *table = add(doc, s2, FO_TABLE);
    table->u.table.caption = fo_inlines_new(doc, table, NOPOS);
    add_text(doc, table->u.table.caption, "表一 ");
    add_text(doc, add(doc, table->u.table.caption, FO_EMPH), "数量");
    fo_node *row = tb_row(doc, table, true);
    tb_cell(doc, row, "项目", 1, 1);
    tb_cell(doc, row, "二〇二四年", 1, 2);
    tb_cell(doc, row, "备注", 1, 1)->u.cell.header = false;
    row = tb_row(doc, table, false);
    tb_cell(doc, row, "读者", 2, 1)->u.cell.header = true;
    tb_cell(doc, row, NULL, 1, 1);
    fo_node *cell = tb_cell(doc, row, "12 万", 1, 1);
    add_para(doc, cell, NULL, "第二段");
    fo_node *cell_list = add(doc, cell, FO_LIST);
    add_para(doc, add(doc, cell_list, FO_ITEM), NULL, "项");
    tb_cell(doc, row, "x&y", 1, 1);
    row = tb_row(doc, table, false);
    tb_cell(doc, row, "甲", 1, 3);
    add_section(doc, root, 1, "第一条", NULL, "第一条");
    fo_doc_finish(doc);
    return doc;
}

static void test_own_docbook(void)
{
    fo_doc *doc = everything();
    char *a = write_with(fo_write_docbook, doc);
    HAS(a, "<?folio marker=\"亮点一：\"?>", "the writer records a section's marker");
    HAS(a, "<?folio level=\"3\"?>", "the writer records a level that skips one");
    OK(a && !strstr(a, "<?folio level=\"4\"?>"), "a level one below its section's is not recorded");
    result r = read_xml(a);
    OK(r.doc != NULL, "folio's DocBook reads back");
    /* The one figure with an image names a file that is not there: said once, nothing else. */
    INT_EQ(r.diag.warnings, 1, "folio's DocBook reads back with one warning only...");
    OK(r.messages && strstr(r.messages, "1 image is not available locally"), "...that its image file is not there");
    char *b = write_with(fo_write_docbook, r.doc);
    TEXT_EQ(b, a, "DocBook → model → DocBook is byte-identical");
    char *ha = write_with(fo_write_xhtml, doc), *hb = write_with(fo_write_xhtml, r.doc);
    TEXT_EQ(hb, ha, "the model read back writes the same XHTML (markers, empty figures, sections in quotations)");
    char *na = body_of(doc), *nb = body_of(r.doc);
    TEXT_EQ(nb, na, "the tree read back equals the tree written (positions aside)");
    const fo_meta *m = r.doc ? &r.doc->meta : NULL;
    STR_EQ(m ? m->language : NULL, "zh-TW", "xml:lang is the language");
    STR_EQ(m ? m->abstract : NULL, "第一段\n第二段", "abstract paragraphs are its lines");
    STR_EQ(m ? m->identifier : NULL, doc->meta.identifier, "the identifier is read, not made again");
    STR_EQ(m ? m->doc_number : NULL, "某政发〔2025〕3号", "biblioid otherclass=docnumber is the document number");
    STR_EQ(m ? m->index_number : NULL, "000014349/2025-00012", "biblioid otherclass=indexnumber is the index number");
    STR_EQ(m ? m->issuer : NULL, "某某省人民政府办公厅", "org role=issuer is the issuing organ");
    STR_EQ(m ? m->doc_date : NULL, "2025-01-10", "date role=document is the document's date");
    STR_EQ(m ? m->date : NULL, "2025-01-16T16:16+08:00", "and the publication date stays the pubdate");
    const char *roles[] = {"记者", "责任编辑", NULL, "校对", "审核", "监制"};
    int i = 0;
    for (const fo_author *x = m ? m->authors : NULL; x && i < 6; x = x->next, i++)
        STR_EQ(x->role, roles[i], "authors, editors and other credits keep their roles in order");
    INT_EQ(i, 6, "every person is read back");
    free(na), free(nb), free(ha), free(hb), free(a), free(b);
    result_free(&r);
    fo_doc_free(doc);
}

/* A marker in either kind of quotes travels; one with both cannot, and the writer says so. */
static void test_marker_quotes(void)
{
    fo_doc *doc = fo_doc_new();
    add_section(doc, doc->root, 1, "一", "“一”\"", "双引号");
    add_section(doc, doc->root, 1, "二", "'二'\"", "两种引号");
    fo_doc_finish(doc);
    fo_diag d;
    fo_diag_init(&d, "test", NULL);
    fo_write_opts opts = {0};
    fo_buf out = {0};
    fo_write_docbook(doc, &opts, &out, &d);
    HAS(out.data, "<?folio marker='“一”\"'?>", "a marker holding \" is written in single quotes");
    HAS(d.last, "the section marker '二'\" cannot be recorded", "a marker holding both quotes is reported");
    result r = read_xml(out.data ? out.data : "");
    const fo_node *first = r.doc ? r.doc->root->first : NULL;
    STR_EQ(first ? first->u.section.marker : NULL, "“一”\"", "and reads back");
    result_free(&r);
    fo_buf_free(&out);
    fo_doc_free(doc);
}

/* A text article through DocBook and back gives the same tree (the shell tests do the same with
 * the bundled article and every corpus article, through the binary). */
static void test_text_round_trip(void)
{
    static const char article[] =
        "您当前的位置 : 中国甘肃网 >> 法治甘肃\n\n关于加强法治宣传的通知\n\n2025-01-16 16:16 来源:甘肃法治报\n\n"
        "原标题:旧标题\n\n——副标题\n\n谢又生到永登监狱调研。 省司法厅供图\n\n新甘肃·甘肃法治报记者龚利芳\n\n"
        "导语，提到《甘肃日报》。\n\n一、总体要求\n\n（一）指导思想\n\n加强宣传解读。依托三大阵地设立专栏。\n\n"
        "深入研究阐释。依托三个研究基地开展研究。\n\n二、主要任务\n\n第一条　为了规范工作，制定本规定。\n\n"
        "版权声明:凡注明来源的稿件均为本网版权。\n";
    fo_diag d;
    fo_diag_init(&d, "a.txt", NULL);
    fo_read_opts opts = {0};
    fo_doc *doc = fo_read_text(article, strlen(article), &opts, &d);
    if (!OK(doc != NULL, "the text article reads"))
        return;
    fo_doc_finish(doc);
    char *a = write_with(fo_write_docbook, doc);
    result r = read_xml(a);
    char *b = write_with(fo_write_docbook, r.doc);
    TEXT_EQ(b, a, "text → DocBook → model → DocBook is byte-identical");
    char *na = body_of(doc), *nb = body_of(r.doc);
    TEXT_EQ(nb, na, "text → DocBook → model gives the text reader's tree");
    INT_EQ(r.diag.warnings, 0, "no warning");
    free(na), free(nb), free(a), free(b);
    result_free(&r);
    fo_doc_free(doc);
}

/* ---- other tools' DocBook ---- */

static void test_whitespace(void)
{
    expect_body(DB_OPEN "<para>\n  今年图书馆\n  共接待读者<emphasis>\n    十二万\n  </emphasis>人次。\n</para>" DB_CLOSE,
                "para\n  text \"今年图书馆共接待读者\"\n  emph\n    text \"十二万\"\n  text \"人次。\"\n",
                "a line end between hanzi is no space; indentation at the ends goes");
    expect_body(DB_OPEN "<para>\n  Some words\n  wrapped <emphasis>here</emphasis>\n  and 中文\n  there.\n</para>" DB_CLOSE,
                "para\n  text \"Some words wrapped \"\n  emph\n    text \"here\"\n  text \" and 中文 there.\"\n",
                "a line end between words is one space");
    expect_body(DB_OPEN "<para>  two  spaces, a\ttab </para>" DB_CLOSE, "para\n  text \"  two  spaces, a\ttab \"\n",
                "white space without a line end is kept as it is (folio's own text)");
    expect_body(DB_OPEN "<para>a <!-- note -->\n b</para><para>\n \n</para>" DB_CLOSE, "para\n  text \"a b\"\n",
                "runs across split text nodes become one space; a paragraph of white space goes");
}

static void test_blocks(void)
{
    expect_body(DB_OPEN "<section><title>T</title><para>a<itemizedlist><listitem><simpara>i</simpara></listitem>"
                        "</itemizedlist>b</para></section>" DB_CLOSE,
                "section level=1 id=sec-1\n  title: inlines\n    text \"T\"\n  para\n    text \"a\"\n"
                "  list bullet start=0\n    item\n      para\n        text \"i\"\n  para\n    text \"b\"\n",
                "a list inside a para splits it; simpara is a para");
    expect_body(DB_OPEN "<sect1><info><title>A</title></info><sect2><title>B</title></sect2></sect1>"
                        "<para>after</para>" DB_CLOSE,
                "section level=1 id=sec-1\n  title: inlines\n    text \"A\"\n  section level=2 id=sec-1-1\n"
                "    title: inlines\n      text \"B\"\n    para\n      text \"after\"\n",
                "sect1/sect2 nest, info/title is the title; a block after a section goes into it");
    expect_body(DB_OPEN "<formalpara role=\"x\"><title>头。</title><para>正文</para></formalpara>" DB_CLOSE,
                "para role=x\n  head: inlines\n    text \"头。\"\n  text \"正文\"\n", "formalpara is a run-in head");
    expect_body(DB_OPEN "<orderedlist startingnumber=\"4\"><title>L</title><listitem><para>x</para></listitem>"
                        "</orderedlist><procedure><step><title>S</title><para>y</para></step></procedure>" DB_CLOSE,
                "para\n  strong\n    text \"L\"\nlist ordered start=4\n  item\n    para\n      text \"x\"\n"
                "list ordered start=0\n  item\n    para\n      strong\n        text \"S\"\n    para\n      text \"y\"\n",
                "orderedlist keeps its start; list and step titles are bold paragraphs; a procedure is ordered");
    expect_body(DB_OPEN "<variablelist><varlistentry><term>甲</term><term>乙</term><listitem><para>定义"
                        "</para></listitem></varlistentry></variablelist>" DB_CLOSE,
                "list bullet start=0\n  item\n    para\n      strong\n        text \"甲乙\"\n    para\n      text \"定义\"\n",
                "a variablelist entry is an item opening with its terms in bold");
    expect_body(DB_OPEN "<simplelist><member>m1</member><member>m2</member></simplelist>" DB_CLOSE,
                "list bullet start=0\n  item\n    para\n      text \"m1\"\n  item\n    para\n      text \"m2\"\n",
                "simplelist members are items");
    expect_body(DB_OPEN "<blockquote><attribution>培根</attribution><para>读书</para></blockquote>" DB_CLOSE,
                "blockquote\n  para\n    text \"读书\"\n  para\n    text \"——培根\"\n",
                "a blockquote's attribution closes it after a dash");
    expect_body(DB_OPEN "<programlisting>\nint x;\n  y();\n</programlisting><literallayout>一\n二</literallayout>" DB_CLOSE,
                "para\n  text \"int x;\"\n  linebreak\n  text \"  y();\"\npara\n  text \"一\"\n  linebreak\n  text \"二\"\n",
                "verbatim lines are line breaks, indentation kept, the layout line ends dropped");
    expect_body(DB_OPEN "<para role=\"rule\"/><para/><para role=\"lead\"/>" DB_CLOSE, "rule\npara role=lead\n",
                "para role=rule is a rule; an empty para goes unless it has a role");
    expect_body(DB_OPEN "<para>一<?linebreak?>二</para>" DB_CLOSE, "para\n  text \"一\"\n  linebreak\n  text \"二\"\n",
                "<?linebreak?> is a line break");
}

/* An official document's parts (doc.h): folio's own DocBook comes back whole; each element is read as
 * a part only where the model may hold one, and other DocBook with the same elements stays what it was. */
static void test_official(void)
{
    fo_doc *doc = tb_official();
    doc->meta.doc_number = NULL; /* the document's identity is read below; the writer of info may not write it */
    fo_doc_finish(doc);
    char *a = write_with(fo_write_docbook, doc);
    result r = read_xml(a);
    OK(r.doc && r.diag.warnings == 0, "official: folio's DocBook of an official document reads back without a warning");
    char *b = write_with(fo_write_docbook, r.doc);
    TEXT_EQ(b, a, "official: DocBook → model → DocBook is byte-identical");
    char *na = body_of(doc), *nb = body_of(r.doc);
    TEXT_EQ(nb, na, "official: the tree read back equals the tree written");
    char *ha = write_with(fo_write_xhtml, doc), *hb = write_with(fo_write_xhtml, r.doc);
    TEXT_EQ(hb, ha, "official: and writes the same XHTML");
    const fo_meta *m = r.doc ? &r.doc->meta : NULL;
    STR_EQ(m ? m->organ_mark : NULL, "甲省乙厅\n甲省丙厅", "official: the organ's mark, a line per organ");
    OK(m && m->signers && !strcmp(m->signers->str, "张三") && m->signers->next && !strcmp(m->signers->next->str, "李四") &&
           !m->authors,
       "official: the signers in order, and no author among them");
    OK(m && !strcmp(m->copy_number, "000001") && !strcmp(m->secrecy, "秘密★1年") && !strcmp(m->urgency, "特急") &&
           !strcmp(m->cc, "丁厅，戊厅。") && !strcmp(m->printer, "甲省乙厅办公室") && !strcmp(m->print_date, "2025-02-18") &&
           !m->publisher,
       "official: 份号, 密级, 紧急程度, 抄送, the printer (not the publisher) and the date of printing");
    free(na), free(nb), free(ha), free(hb), free(a), free(b);
    result_free(&r);
    fo_doc_free(doc);

    /* the document's identity, as the info of an official document holds it */
    r = read_xml(DB_OPEN "<info><title>T</title><date role=\"document\">2025-01-20</date><date>2025-01-21</date>"
                 "<org role=\"issuer\"><orgname>某厅</orgname></org><biblioid class=\"other\" otherclass=\"docnumber\">"
                 "某发〔2025〕3号</biblioid><biblioid class=\"other\" otherclass=\"indexnumber\">000-01</biblioid>"
                 "<publisher><publishername>网站</publishername></publisher></info><para>x</para>" DB_CLOSE);
    m = r.doc ? &r.doc->meta : NULL;
    OK(m && !strcmp(m->doc_date, "2025-01-20") && !strcmp(m->date, "2025-01-21") && !strcmp(m->issuer, "某厅") &&
           !strcmp(m->doc_number, "某发〔2025〕3号") && !strcmp(m->index_number, "000-01") && !strcmp(m->publisher, "网站"),
       "official: the document's date, issuer, number and index number, apart from the publication's date and site");
    INT_EQ(r.diag.warnings, 0, "official: and nothing reported");
    result_free(&r);

    expect_body(DB_OPEN "<section><title>S</title><para>p</para><simpara role=\"signature\">某厅</simpara>"
                        "<para role=\"date\">2025年1月1日</para></section>"
                        "<appendix role=\"attachment\"><title>表</title><para>q</para></appendix>" DB_CLOSE,
                "section level=1 id=sec-1\n  title: inlines\n    text \"S\"\n  para\n    text \"p\"\n"
                "  part signature\n    text \"某厅\"\n  part date\n    text \"2025年1月1日\"\n"
                "part attachment id=att-1\n  title: inlines\n    text \"表\"\n  para\n    text \"q\"\n",
                "official: parts in a section, an attachment after it (no label: none)");
    expect_body(DB_OPEN "<appendix role=\"attachment\" label=\"附件\"><title>表</title></appendix><para>后</para>" DB_CLOSE,
                "part attachment id=att-1 label=\"附件\"\n  title: inlines\n    text \"表\"\n  para\n    text \"后\"\n",
                "official: what follows an attachment is in it (the model's attachments come last)");
    expect_body(DB_OPEN "<orderedlist role=\"enclosures\"><listitem><formalpara><title>一</title><para>表</para>"
                        "</formalpara></listitem><listitem><para/></listitem></orderedlist>" DB_CLOSE,
                "part enclosures\n  para\n    head: inlines\n      text \"一\"\n    text \"表\"\n",
                "official: an attachment list of paragraphs (an empty one goes)");
    expect_body(DB_OPEN "<orderedlist role=\"enclosures\"><listitem><para/></listitem></orderedlist>" DB_CLOSE, "",
                "official: an attachment list that names nothing is nothing");
    expect_body(DB_OPEN "<note role=\"annotation\"><para>（一）</para><simpara>（二）</simpara></note>" DB_CLOSE,
                "part annotation\n  text \"（一）\"\npart annotation\n  text \"（二）\"\n",
                "official: a note role=annotation: a part for each of its paragraphs");
    /* near misses: the same elements where a part cannot stand, or not as folio writes them */
    expect_body(DB_OPEN "<blockquote><para role=\"addressee\">甲：</para></blockquote>" DB_CLOSE,
                "blockquote\n  para role=addressee\n    text \"甲：\"\n", "near miss: an addressee in a quotation is a para");
    expect_body(DB_OPEN "<para role=\"signature\">甲<itemizedlist><listitem><para>i</para></listitem></itemizedlist></para>"
                        DB_CLOSE,
                "para role=signature\n  text \"甲\"\nlist bullet start=0\n  item\n    para\n      text \"i\"\n",
                "near miss: a 'signature' holding a list is a para");
    expect_body(DB_OPEN "<orderedlist role=\"enclosures\"><listitem><para>a</para><para>b</para></listitem></orderedlist>"
                        DB_CLOSE,
                "list ordered start=0\n  item\n    para\n      text \"a\"\n    para\n      text \"b\"\n",
                "near miss: a list item of two paragraphs makes it a list");
    expect_body(DB_OPEN "<section><title>S</title><appendix role=\"attachment\"><title>A</title></appendix></section>" DB_CLOSE,
                "section level=1 id=sec-1\n  title: inlines\n    text \"S\"\n  section level=2 id=sec-1-1\n"
                "    title: inlines\n      text \"A\"\n",
                "near miss: an appendix inside a section is a section");
    r = read_xml(DB_OPEN "<note role=\"annotation\"><title>注</title><para>x</para></note>" DB_CLOSE);
    char *body = body_of(r.doc);
    STR_EQ(body, "blockquote\n  para\n    strong\n      text \"注\"\n  para\n    text \"x\"\n",
           "near miss: a note with a title is a quotation");
    free(body);
    result_free(&r);
}

static void test_bridgeheads(void)
{
    expect_body(DB_OPEN "<blockquote><para>q</para><bridgehead renderas=\"sect2\"><?folio marker=\"二、\"?>"
                        "<phrase role=\"label\">二</phrase>标题</bridgehead><para>a</para>"
                        "<bridgehead renderas=\"sect3\">下</bridgehead><para>b</para>"
                        "<bridgehead renderas=\"sect2\">又</bridgehead></blockquote>" DB_CLOSE,
                "blockquote\n  para\n    text \"q\"\n  section level=2 id=- label=\"二\" marker=\"二、\"\n"
                "    title: inlines\n      text \"标题\"\n    para\n      text \"a\"\n"
                "    section level=3 id=-\n      title: inlines\n        text \"下\"\n      para\n        text \"b\"\n"
                "  section level=2 id=-\n    title: inlines\n      text \"又\"\n",
                "bridgeheads head the blocks after them, nested by level");
    expect_body(DB_OPEN "<section label=\"一\"><?folio marker='“一”' level=\"2\"?><title>T</title></section>" DB_CLOSE,
                "section level=2 id=sec-1 label=\"一\" marker=\"“一”\"\n  title: inlines\n    text \"T\"\n",
                "<?folio?> gives marker and level, in either quotes");
    expect_body(DB_OPEN "<section><?folio level=\"1\"?><title>A</title><section><?folio level=\"1\"?>"
                        "<title>B</title></section></section>" DB_CLOSE,
                "section level=1 id=sec-1\n  title: inlines\n    text \"A\"\n  section level=2 id=sec-1-1\n"
                "    title: inlines\n      text \"B\"\n",
                "a subsection's level is always below its section's");
}

static void test_figures(void)
{
    expect_body(DB_OPEN "<figure><title>新馆外景</title><mediaobject><imageobject><imagedata fileref=\"a.png\"/>"
                        "</imageobject><imageobject><imagedata fileref=\"a.svg\"/></imageobject><textobject>"
                        "<phrase>alt</phrase></textobject></mediaobject></figure>" DB_CLOSE,
                "figure image=\"a.png\"\n  caption: inlines\n    text \"新馆外景\"\n",
                "pandoc's figure: the title is the caption, the first image counts");
    expect_body(DB_OPEN "<informalfigure><mediaobject><textobject><phrase>图片未收录</phrase></textobject>"
                        "<caption><para>图注。<phrase role=\"credit\">张三 摄</phrase></para></caption>"
                        "</mediaobject></informalfigure>" DB_CLOSE,
                "figure credit=\"张三 摄\"\n  caption: inlines\n    text \"图注。\"\n",
                "folio's caption-only figure: no image, caption and credit apart");
    expect_body(DB_OPEN "<mediaobject><imageobject><imagedata fileref=\"b.jpg\"/></imageobject><textobject>"
                        "<phrase>说明</phrase></textobject></mediaobject>" DB_CLOSE,
                "figure image=\"b.jpg\"\n  caption: inlines\n    text \"说明\"\n",
                "a mediaobject without a caption: its text alternative is the caption");
}

static void test_inlines(void)
{
    expect_body(DB_OPEN "<para><emphasis role=\"bold\">b</emphasis><citetitle>书</citetitle><quote>q</quote>"
                        "<link xlink:href=\"http://x/\">x</link><ulink url=\"http://u/\">u</ulink><link xlink:href=\"http://e/\"/>"
                        "<uri>http://v/</uri><email>a@b.c</email><phrase>p</phrase><firstterm>t</firstterm></para>" DB_CLOSE,
                "para\n  strong\n    text \"b\"\n  citetitle\n    text \"书\"\n  text \"“q”\"\n  link url=\"http://x/\"\n"
                "    text \"x\"\n  link url=\"http://u/\"\n    text \"u\"\n  link url=\"http://e/\"\n    text \"http://e/\"\n"
                "  link url=\"http://v/\"\n    text \"http://v/\"\n  link url=\"mailto:a@b.c\"\n    text \"a@b.c\"\n"
                "  text \"p\"\n  emph\n    text \"t\"\n",
                "emphasis, citetitle, quote, links of every kind, phrase, firstterm");
    expect_body(DB_OPEN "<section xml:id=\"s\" xreflabel=\"第一节\"><title>甲</title></section><section xml:id=\"t\">"
                        "<title>乙</title><para>见<xref linkend=\"s\"/>和<xref linkend=\"t\"/>、<link linkend=\"s\">此处</link>"
                        "<xref linkend=\"none\"/>。</para></section>" DB_CLOSE,
                "section level=1 id=sec-1\n  title: inlines\n    text \"甲\"\nsection level=1 id=sec-2\n  title: inlines\n"
                "    text \"乙\"\n  para\n    text \"见第一节和乙、此处。\"\n",
                "xref: the target's xreflabel or title; link linkend: its text; a missing target: nothing");
}

static void test_footnotes(void)
{
    expect_body(DB_OPEN "<para>甲<footnote xml:id=\"n1\"><para>注一</para><para>续</para></footnote>乙<footnoteref "
                        "linkend=\"n1\"/></para><para>丙<footnote><para>注二</para></footnote></para>" DB_CLOSE,
                "para\n  text \"甲[1]乙[1]\"\npara role=footnote\n  text \"[1] 注一\"\npara\n  text \"续\"\n"
                "para\n  text \"丙[2]\"\npara role=footnote\n  text \"[2] 注二\"\n",
                "footnotes are numbered in the text and follow their paragraph");
}

/* The body of `xml`'s document and what the reader said, compared with `want` and `said` (NULL:
 * nothing). */
static void expect_read(const char *xml, const char *want, const char *said, const char *what)
{
    result r = read_xml(xml);
    char *body = body_of(r.doc);
    TEXT_EQ(body, want, what);
    if (said)
        HAS(r.messages, said, what);
    else
        STR_EQ(r.messages && *r.messages ? r.messages : NULL, NULL, what);
    free(body);
    result_free(&r);
}

static void test_tables(void)
{
    expect_read(DB_OPEN "<table><title>表一</title><tgroup cols=\"2\"><thead><row><entry>项目</entry><entry>数量"
                        "</entry></row></thead><tfoot><row><entry>合计</entry><entry>3</entry></row></tfoot><tbody>"
                        "<row><entry><para>甲</para></entry><entry>1</entry></row></tbody></tgroup></table>" DB_CLOSE,
                "table cols=2\n  caption: inlines\n    text \"表一\"\n"
                "  row header\n    cell col=0 header\n      para\n        text \"项目\"\n"
                "    cell col=1 header\n      para\n        text \"数量\"\n"
                "  row\n    cell col=0\n      para\n        text \"甲\"\n    cell col=1\n      para\n        text \"1\"\n"
                "  row\n    cell col=0\n      para\n        text \"合计\"\n    cell col=1\n      para\n        text \"3\"\n",
                "a.xml:1: warning: <tfoot> read as the table's last rows",
                "CALS: the title is the caption, thead the header rows (header cells), tfoot the last rows, reported");
    expect_read(DB_OPEN "<informaltable><caption>c</caption><tr><th>h</th><th>i</th></tr><tbody><tr><th>d</th>"
                        "<td>e</td></tr></tbody><thead><tr><td>late</td></tr></thead></informaltable>" DB_CLOSE,
                "table cols=2\n  caption: inlines\n    text \"c\"\n"
                "  row header\n    cell col=0 header\n      para\n        text \"h\"\n    cell col=1 header\n      para\n        text \"i\"\n"
                "  row\n    cell col=0 header\n      para\n        text \"d\"\n    cell col=1\n      para\n        text \"e\"\n"
                "  row\n    cell col=0\n      para\n        text \"late\"\n",
                NULL, "HTML model: caption, a top row of th is the header, th in the body a header cell, a thead "
                      "after body rows is body");
    expect_read(DB_OPEN "<informaltable><tgroup cols=\"2\"><tbody><row><entry>a</entry><entry/></row></tbody></tgroup>"
                        "<tgroup cols=\"1\"><tbody><row><entry>b</entry></row></tbody></tgroup></informaltable>" DB_CLOSE,
                "table cols=2\n  row\n    cell col=0\n      para\n        text \"a\"\n    cell col=1\n"
                "table cols=1\n  row\n    cell col=0\n      para\n        text \"b\"\n",
                "a.xml:1: warning: <tgroup> after the first read as a table of its own",
                "each tgroup a table; an empty entry an empty cell");
    expect_read(DB_OPEN "<table><title>空表</title><tgroup cols=\"1\"><tbody/></tgroup></table>" DB_CLOSE,
                "para\n  strong\n    text \"空表\"\n", "<table> without rows: its title kept as a paragraph",
                "a table without rows: its title, reported");
    expect_read(DB_OPEN "<informaltable><thead><tr><th>only</th></tr></thead></informaltable>" DB_CLOSE,
                "table cols=1\n  row\n    cell col=0 header\n      para\n        text \"only\"\n", NULL,
                "header rows only: body rows (the model wants one), the cells keep being headings");
}

/* CALS spans and positions; HTML spans; a span never leaves its row group. */
static void test_table_spans(void)
{
    const char *specs = "<tgroup cols=\"4\"><colspec colname=\"a\"/><colspec colname=\"b\"/><colspec colname=\"c\"/>"
                        "<colspec colname=\"d\"/><spanspec spanname=\"cd\" namest=\"c\" nameend=\"d\"/>";
    fo_buf xml = {0};
    fo_buf_printf(&xml, DB_OPEN "<informaltable>%s<thead><row><entry namest=\"a\" nameend=\"b\" morerows=\"5\">ab"
                  "</entry><entry spanname=\"cd\">cd</entry></row></thead><tbody><row><entry morerows=\"1\">r</entry>"
                  "<entry colname=\"d\">d</entry></row><row><entry>b2</entry><entry colname=\"c\">c2</entry></row>"
                  "</tbody></tgroup></informaltable>" DB_CLOSE, specs);
    expect_read(xml.data,
                "table cols=4\n"
                "  row header\n    cell col=0 colspan=2 header\n      para\n        text \"ab\"\n"
                "    cell col=2 colspan=2 header\n      para\n        text \"cd\"\n"
                "  row\n    cell col=0 rowspan=2\n      para\n        text \"r\"\n    cell col=1 colspan=2\n"
                "    cell col=3\n      para\n        text \"d\"\n"
                "  row\n    cell col=1\n      para\n        text \"b2\"\n    cell col=2\n      para\n        text \"c2\"\n",
                NULL,
                "namest/nameend and spanspec span columns; morerows spans rows but not out of thead; a colname past "
                "the next free column leaves an empty cell over the gap; cells pass the columns spanned from above");
    fo_buf_free(&xml);
    expect_read(DB_OPEN "<informaltable><tgroup cols=\"2\"><colspec colnum=\"2\" colname=\"two\"/><tbody><row>"
                        "<entry colname=\"two\">2</entry><entry colname=\"nine\">x</entry></row></tbody></tgroup>"
                        "</informaltable>" DB_CLOSE,
                "table cols=3\n  row\n    cell col=0\n    cell col=1\n      para\n        text \"2\"\n"
                "    cell col=2\n      para\n        text \"x\"\n",
                "<entry> naming a column or span its tgroup does not define: placed in the next free column",
                "colnum numbers a colspec; an unknown column name is the next free column, reported");
    expect_read(DB_OPEN "<informaltable><tr><td rowspan=\"9\" colspan=\"2\">a</td><td>b</td></tr><tr><td>c</td></tr>"
                        "<tbody><tr><td rowspan=\"0\" colspan=\"x\">d</td></tr></tbody></informaltable>" DB_CLOSE,
                "table cols=3\n  row\n    cell col=0 rowspan=2 colspan=2\n      para\n        text \"a\"\n"
                "    cell col=2\n      para\n        text \"b\"\n  row\n    cell col=2\n      para\n        text \"c\"\n"
                "  row\n    cell col=0\n      para\n        text \"d\"\n",
                NULL, "HTML rowspan and colspan; a rowspan ends with its group; nonsense spans are 1");
    fo_buf wide = {0};
    fo_buf_puts(&wide, DB_OPEN "<informaltable><tgroup cols=\"1\"><colspec colnum=\"1000\" colname=\"z\"/><tbody><row>"
                       "<entry colname=\"z\">last</entry><entry>over</entry></row></tbody></tgroup></informaltable>" DB_CLOSE);
    result r = read_xml(wide.data);
    const fo_node *t = r.doc ? r.doc->root->first : NULL;
    OK(t && t->kind == FO_TABLE && t->u.table.cols == FO_TABLE_MAX_COLS && t->first->first->u.cell.colspan == 999,
       "the last possible column: one empty cell over the gap before it");
    HAS(r.messages, "<entry> beyond the table's last possible column dropped", "a cell past it is dropped, reported");
    result_free(&r);
    fo_buf_free(&wide);
}

/* What an entry holds: inlines (one paragraph), blocks, and what the model has no place for in a
 * cell (a table, a section), flattened. */
static void test_table_cells(void)
{
    expect_read(DB_OPEN "<informaltable><tgroup cols=\"1\"><tbody><row><entry>\n  今年\n  <emphasis>十二万</emphasis>\n"
                        "</entry></row><row><entry>\n  <para>一</para>\n  <itemizedlist><listitem><para>二</para>"
                        "</listitem></itemizedlist>\n</entry></row></tbody></tgroup></informaltable>" DB_CLOSE,
                "table cols=1\n  row\n    cell col=0\n      para\n        text \"今年\"\n        emph\n          text \"十二万\"\n"
                "  row\n    cell col=0\n      para\n        text \"一\"\n      list bullet start=0\n        item\n"
                "          para\n            text \"二\"\n",
                NULL, "inline content is one paragraph (pretty-printing white space goes); blocks are blocks");
    expect_read(DB_OPEN "<informaltable><tr><td><section><title>节</title><para>文</para></section>"
                        "<informaltable><tr><th>x</th><th>y</th></tr><tr><td>1</td><td>2</td></tr></informaltable>"
                        "</td></tr></informaltable>" DB_CLOSE,
                "table cols=1\n  row\n    cell col=0\n      para\n        strong\n          text \"节\"\n"
                "      para\n        text \"文\"\n      para\n        text \"x | y\"\n"
                "      para\n        text \"1 | 2\"\n",
                "<informaltable> inside a table cell read as one paragraph a row",
                "in a cell, a section is its title in bold and its content, a table one paragraph a row");
    expect_read(DB_OPEN "<informaltable><tgroup cols=\"1\"><tbody><row><entrytbl cols=\"2\"><tbody><row><entry>p</entry>"
                        "<entry>q</entry></row></tbody></entrytbl></row></tbody></tgroup></informaltable>" DB_CLOSE,
                "table cols=1\n  row\n    cell col=0\n      para\n        text \"p | q\"\n",
                "<entrytbl> inside a table cell read as one paragraph a row", "entrytbl: the same");
    expect_read(DB_OPEN "<informaltable><tr><td>a<footnote><para>注</para></footnote></td></tr></informaltable>" DB_CLOSE,
                "table cols=1\n  row\n    cell col=0\n      para\n        text \"a[1]\"\n      para role=footnote\n"
                "        text \"[1] 注\"\n",
                "<footnote> moved after its paragraph", "a footnote in a cell stays in its cell");
}

/* A table of folio's own comes back whole: the cells' heading flags, spans, several blocks. */
static void test_own_tables(void)
{
    fo_doc *doc = fo_doc_new();
    fo_node *table = tb_add(doc, doc->root, FO_TABLE);
    fo_node *row = tb_row(doc, table, true);
    tb_cell(doc, row, "甲", 1, 1)->u.cell.header = false;
    tb_cell(doc, row, "乙", 2, 1);
    row = tb_row(doc, table, true);
    tb_cell(doc, row, "丙", 1, 1);
    row = tb_row(doc, table, false);
    tb_cell(doc, row, "丁", 1, 2)->u.cell.header = true;
    fo_doc_finish(doc);
    char *a = write_with(fo_write_docbook, doc);
    HAS(a, "<entry role=\"td\">甲</entry>", "a plain cell in a header row is marked role=\"td\"");
    HAS(a, "<entry namest=\"c1\" nameend=\"c2\" role=\"th\">丁</entry>", "a heading cell in the body role=\"th\"");
    HAS(a, "<entry morerows=\"1\">乙</entry>", "a row span is morerows");
    result r = read_xml(a);
    INT_EQ(r.diag.warnings, 0, "a table of folio's reads back without a word");
    char *b = write_with(fo_write_docbook, r.doc), *na = body_of(doc), *nb = body_of(r.doc);
    TEXT_EQ(b, a, "and writes the same DocBook");
    TEXT_EQ(nb, na, "the same tree");
    free(a), free(b), free(na), free(nb);
    result_free(&r);
    fo_doc_free(doc);
}

static void test_metadata(void)
{
    result r = read_xml(
        "<?xml version=\"1.0\"?>\n<book xmlns=\"http://docbook.org/ns/docbook\" xml:lang=\"en\"><info><title>\n  Book\n"
        "  title</title><authorgroup><author><personname><firstname>Jane</firstname> <surname>Doe</surname></personname>"
        "<email>j@d</email></author><author><personname><surname>龚</surname><firstname>利芳</firstname></personname>"
        "</author></authorgroup><editor><personname>王五</personname></editor><othercredit class=\"other\" otherclass=\"proofreader\">"
        "<personname>孙七</personname></othercredit><othercredit class=\"translator\"><personname>T</personname></othercredit>"
        "<corpauthor>某报社</corpauthor><date role=\"revised\">2024-12-01</date><date>2024-12-30</date><copyright><year>2024</year><holder>H</holder></copyright>"
        "<subjectset><subject><subjectterm>s1</subjectterm></subject></subjectset><releaseinfo>r</releaseinfo>"
        "<biblioid class=\"isbn\">978-7</biblioid><bibliomisc role=\"original-title\">原题</bibliomisc>"
        "<org role=\"sponsor\"><orgname>甲</orgname></org><biblioid class=\"other\" otherclass=\"isrc\">x</biblioid></info>"
        "<chapter><title>C</title><para>p</para></chapter></book>");
    const fo_meta *m = r.doc ? &r.doc->meta : NULL;
    if (!OK(m != NULL, "a book reads"))
        return;
    STR_EQ(m->title, "Book title", "a wrapped title is one line");
    STR_EQ(m->language, "en", "xml:lang");
    STR_EQ(m->date, "2024-12-30", "info/date is the date when there is no pubdate");
    STR_EQ(m->rights, "© 2024 H", "copyright is the rights when there is no legalnotice");
    STR_EQ(m->keywords ? m->keywords->str : NULL, "s1", "a subjectset that is not the category gives keywords");
    const char *names[] = {"Jane Doe", "龚利芳", "王五", "孙七", "T", "某报社"};
    const char *roles[] = {NULL, NULL, "编辑", "校对", "translator", NULL};
    int i = 0;
    for (const fo_author *a = m->authors; a && i < 6; a = a->next, i++) {
        STR_EQ(a->name, names[i], "names from their parts: a space between words, none between hanzi");
        STR_EQ(a->role, roles[i], "an editor or other credit without contrib gets the role its element says");
    }
    INT_EQ(i, 6, "authorgroup, editor, othercredit and corpauthor are people");
    HAS(r.messages, "<email> in <author> dropped", "what a person's entry holds beyond the model is reported");
    HAS(r.messages, "a.xml:4: warning: <releaseinfo> in <info> dropped", "unknown info items are reported with their line");
    HAS(r.messages, "<date> in <info> dropped", "a date with a role is not the publication date: reported");
    HAS(r.messages, "<biblioid> in <info> dropped", "a biblioid of another class than uri is reported");
    OK(m->identifier && strncmp(m->identifier, "urn:uuid:", 9) == 0, "and is not the identifier");
    STR_EQ(m->original_title, "原题", "bibliomisc role=original-title is the original title");
    OK(!m->doc_date, "near-miss: a date with another role than document is no document date");
    HAS(r.messages, "<org> in <info> dropped", "near-miss: an org that is not the issuer is reported");
    OK(!m->issuer, "near-miss: and is no issuing organ");
    OK(!m->doc_number && !m->index_number, "near-miss: a biblioid of another otherclass is no document or index number");
    char *body = body_of(r.doc);
    STR_EQ(body, "section level=1 id=sec-1\n  title: inlines\n    text \"C\"\n  para\n    text \"p\"\n",
           "a book's chapters are sections");
    free(body);
    result_free(&r);
}

/* A tree dump without its " @LINE:COL" positions (takes the string over). */
static char *without_positions(char *native)
{
    fo_buf b = {0};
    for (const char *p = native; p && *p;) {
        if (p[0] == ' ' && p[1] == '@' && p[2] >= '0' && p[2] <= '9')
            p += strcspn(p, "\n");
        else
            fo_buf_putc(&b, *p++);
    }
    free(native);
    return b.data ? fo_buf_steal(&b) : NULL;
}

/* A book of articles is a collection: folio's own (--collect) comes back whole. */
static void test_own_book(void)
{
    fo_doc *book = fo_doc_new();
    fo_meta_set(book, "title", "会议材料");
    fo_meta_set(book, "date", "2025-03-01");
    fo_doc *one = fo_doc_new();
    one->meta.title = "第一篇";
    fo_meta_add_author(one, "张三", "记者", NULL);
    fo_node *s = tb_section(one, one->root, 1, "一", "一、", "总体要求");
    tb_para(one, s, NULL, "正文");
    fo_node *row = tb_row(one, tb_add(one, s, FO_TABLE), false);
    tb_cell(one, row, "格", 1, 1);
    fo_doc_finish(one);
    fo_doc *two = fo_doc_new(); /* untitled, in another language */
    two->meta.language = "en";
    tb_para(two, two->root, NULL, "text");
    fo_doc_finish(two);
    fo_doc_add_part(book, one);
    fo_doc_add_part(book, two);
    fo_doc_finish(book);
    char *a = write_with(fo_write_docbook, book);
    result r = read_xml(a);
    OK(r.doc && fo_doc_is_collection(r.doc) && r.doc->n_parts == 2, "a book of articles reads as a collection");
    INT_EQ(r.diag.warnings, 0, "without a word");
    char *b = write_with(fo_write_docbook, r.doc);
    TEXT_EQ(b, a, "DocBook → collection → DocBook is byte-identical");
    char *na = without_positions(write_with(fo_write_native, book));
    char *nb = without_positions(write_with(fo_write_native, r.doc));
    TEXT_EQ(nb, na, "the same collection: its metadata, every part's metadata, ids and tree");
    char *ha = write_with(fo_write_xhtml, book), *hb = write_with(fo_write_xhtml, r.doc);
    TEXT_EQ(hb, ha, "the same XHTML");
    STR_EQ(r.doc && r.doc->n_parts == 2 ? r.doc->parts[1]->meta.language : NULL, "en",
           "an article's own xml:lang is its language");
    OK(r.doc && r.doc->n_parts == 2 && !r.doc->parts[1]->meta.title, "an untitled article stays untitled");
    free(a), free(b), free(na), free(nb), free(ha), free(hb);
    result_free(&r);
    fo_doc_free(book);
}

/* Other books: a book with articles and other components, and a book of chapters. */
static void test_books(void)
{
    result r = read_xml("<book xmlns=\"http://docbook.org/ns/docbook\" xml:lang=\"zh-TW\"><info><title>书</title></info>\n"
                        "<toc/>\n<preface><title>序</title><para>p</para></preface>\n<article><info><title>甲"
                        "</title><pubdate>2024-01-02</pubdate></info><para>a</para></article>\n<para>散</para><index/>"
                        "\n<article><title>乙</title><para>b</para></article></book>");
    OK(r.doc && fo_doc_is_collection(r.doc) && r.doc->n_parts == 4, "a book with articles is a collection");
    const char *titles[] = {"序", "甲", NULL, "乙"};
    for (size_t i = 0; r.doc && i < r.doc->n_parts && i < 4; i++) {
        const fo_doc *part = r.doc->parts[i];
        STR_EQ(part->meta.title, titles[i], "every component is a part with its own title");
        STR_EQ(part->meta.language, "zh-TW", "a part without xml:lang has the book's language");
        OK(part->root->first && part->root->first->kind == FO_PARA, "and its own body");
    }
    STR_EQ(r.doc && r.doc->n_parts == 4 ? r.doc->parts[1]->meta.date : NULL, "2024-01-02", "an article's own info");
    STR_EQ(r.doc ? r.doc->meta.title : NULL, "书", "the book's info is the collection's");
    OK(r.doc && !r.doc->root->first, "the collection has no body of its own");
    HAS(r.messages, "a.xml:3: warning: <preface> in a book of articles read as an article of its own",
        "a component that is not an article is reported");
    HAS(r.messages, "a.xml:5: warning: content between the articles of a book read as an article of its own",
        "loose blocks between articles are a part of their own, reported");
    INT_EQ(count(r.messages, "between the articles"), 1, "once; the dropped toc and index make no part");
    result_free(&r);

    r = read_xml("<book xmlns=\"http://docbook.org/ns/docbook\"><info><title>书</title></info><part><title>P</title>"
                 "<article><title>A</title><para>a</para></article></part><chapter><title>C</title><para>c</para>"
                 "</chapter></book>");
    OK(r.doc && !fo_doc_is_collection(r.doc), "a book of chapters (articles only inside a part) is one document");
    char *body = body_of(r.doc);
    HAS(body, "section level=1 id=sec-1\n  title: inlines\n    text \"P\"\n  section level=2 id=sec-1-1\n"
              "    title: inlines\n      text \"A\"", "its parts and articles are sections");
    free(body);
    result_free(&r);
}

/* The stand-in title folio writes for an article without one is no title (docbook.h). */
static void test_untitled(void)
{
    result r = read_xml("<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\"><info>"
                        "<title role=\"untitled\">无标题</title></info><para>正文</para></article>");
    OK(r.doc && !r.doc->meta.title, "untitled: the stand-in is not taken for a title");
    result_free(&r);
    r = read_xml("<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\"><info>"
                 "<title role=\"main\">无标题</title></info><para>正文</para></article>");
    OK(r.doc && r.doc->meta.title && !strcmp(r.doc->meta.title, "无标题"), "untitled: a title of another role is the title");
    result_free(&r);
}

/* ---- what the model cannot hold: reported once per element name, at its first line ---- */

static void test_reports(void)
{
    result r = read_xml(DB_OPEN "\n<para>x<indexterm><primary>i</primary></indexterm></para>\n<equation><mathphrase>E"
                                "</mathphrase></equation>\n<equation/><para><literal>code</literal><superscript>2</superscript>"
                                "<mml:math xmlns:mml=\"http://www.w3.org/1998/Math/MathML\"><mml:mi>x</mml:mi></mml:math>"
                                "</para>\n<qandaset><qandaentry><question><para>Q?</para></question></qandaentry></qandaset>"
                                "\n<note><para>n</para></note>\n<programlisting>p</programlisting>" DB_CLOSE);
    OK(r.doc != NULL, "a document with elements the model lacks still reads");
    HAS(r.messages, "a.xml:2: warning: <indexterm> dropped\n", "indexterm dropped, reported");
    HAS(r.messages, "a.xml:3: warning: <equation> dropped\n", "equation dropped, reported at its first line");
    INT_EQ(count(r.messages, "<equation>"), 1, "reported once per element name");
    HAS(r.messages, "a.xml:4: warning: <literal> read as plain text", "inline markup kept as text is reported");
    HAS(r.messages, "<superscript> read as plain text", "superscript too");
    HAS(r.messages, "a.xml:4: warning: <mml:math> dropped", "other namespaces are dropped, by their written name");
    HAS(r.messages, "a.xml:5: warning: <qandaset> read as its content", "unknown blocks keep their content");
    HAS(r.messages, "<note> read as a quotation", "admonitions are quotations");
    HAS(r.messages, "<programlisting> read as a paragraph with line breaks", "code loses its monospace: reported");
    char *body = body_of(r.doc);
    HAS(body, "text \"Q?\"", "the content of an unknown element is kept");
    OK(body && !strstr(body, "\"E\""), "a dropped element leaves no text");
    free(body);
    result_free(&r);
}

/* ---- bad and hostile input ---- */

static void expect_error(const char *xml, const char *message, const char *what)
{
    result r = read_xml(xml);
    OK(r.doc == NULL && r.diag.errors > 0, what);
    HAS(r.messages, message, what);
    result_free(&r);
}

static void test_errors(void)
{
    expect_error("<?xml version=\"1.0\"?>\n" DB_OPEN "\n<para>a</section>" DB_CLOSE,
                 "a.xml:3:18: error: Opening and ending tag mismatch: para line 3 and section",
                 "not well-formed: FILE:LINE:COL: error: and libxml2's message");
    expect_error("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>",
                 "a.xml:1: error: not DocBook 5: the root element is <html> (in http://www.w3.org/1999/xhtml)",
                 "a non-DocBook root is named");
    expect_error("<article><para/></article>", "the root element <article> is in no namespace (DocBook 4?)",
                 "DocBook 4 is named as such");
    expect_error(DB_OPEN "<para/>" DB_CLOSE "<x/>", "a.xml:1:", "junk after the root is an error");
    expect_error("", "error:", "an empty input is an error");
}

static void test_hostile(void)
{
    fo_buf laughs = {0};
    fo_buf_puts(&laughs, "<?xml version=\"1.0\"?>\n<!DOCTYPE article [\n<!ENTITY l0 \"ha\">\n");
    for (int i = 1; i <= 9; i++)
        fo_buf_printf(&laughs, "<!ENTITY l%d \"&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;\">\n", i, i - 1, i - 1,
                      i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
    fo_buf_puts(&laughs, "]>\n" DB_OPEN "<para>&l9;</para>" DB_CLOSE);
    expect_error(laughs.data, "error: Detected an entity reference loop", "billion laughs: refused");
    fo_buf_free(&laughs);

    fo_buf quad = {0};
    fo_buf_puts(&quad, "<!DOCTYPE article [<!ENTITY big \"");
    for (int i = 0; i < 10000; i++)
        fo_buf_puts(&quad, "0123456789");
    fo_buf_puts(&quad, "\">]>" DB_OPEN "<para role=\"");
    for (int i = 0; i < 300; i++)
        fo_buf_puts(&quad, "&big;");
    fo_buf_puts(&quad, "\">x</para>" DB_CLOSE);
    expect_error(quad.data, "entity &big; expands to more text than the file may",
                 "quadratic blow-up (a 100 KB entity 300 times): refused against the budget");
    fo_buf_free(&quad);

    fo_buf deep = {0};
    fo_buf_puts(&deep, DB_OPEN);
    for (int i = 0; i < 10000; i++)
        fo_buf_puts(&deep, "<blockquote>");
    for (int i = 0; i < 10000; i++)
        fo_buf_puts(&deep, "</blockquote>");
    fo_buf_puts(&deep, DB_CLOSE);
    expect_error(deep.data, "elements nested more than 256 deep", "10,000-deep nesting: refused");
    fo_buf_free(&deep);

    /* With an external DTD named (never read), an undeclared entity is no well-formedness error. */
    result r = read_xml("<!DOCTYPE article PUBLIC \"-//x//y\" \"http://127.0.0.1:9/x.dtd\" [<!ENTITY co \"公司\"><!ENTITY em \"<emphasis>名</emphasis>\">"
                        "<!ENTITY x SYSTEM \"file:///etc/passwd\"><!ENTITY n SYSTEM \"http://127.0.0.1:9/n\">]>" DB_OPEN "<para>&co;&x;&n;&mdash;&nope;&em;</para>" DB_CLOSE);
    char *body = body_of(r.doc);
    STR_EQ(body, "para\n  text \"公司—\"\n  emph\n    text \"名\"\n", "internal entities expand (markup in them too), external ones are never read, HTML names are characters");
    HAS(r.messages, "external entity &x; not read", "an external entity is reported");
    HAS(r.messages, "undefined entity &nope; dropped", "an undefined entity is reported");
    free(body);
    result_free(&r);

    r = read_xml("<!DOCTYPE article PUBLIC \"-//OASIS//DTD DocBook XML V4.5//EN\" \"http://127.0.0.1:9/docbookx.dtd\">"
                 DB_OPEN "<para>a</para>" DB_CLOSE);
    OK(r.doc != NULL && r.diag.errors == 0, "a DTD named by URL is never fetched: the document reads");
    result_free(&r);
}

int main(void)
{
    test_own_docbook();
    test_marker_quotes();
    test_text_round_trip();
    test_whitespace();
    test_blocks();
    test_official();
    test_bridgeheads();
    test_figures();
    test_inlines();
    test_footnotes();
    test_tables();
    test_table_spans();
    test_table_cells();
    test_own_tables();
    test_metadata();
    test_own_book();
    test_books();
    test_untitled();
    test_reports();
    test_errors();
    test_hostile();
    return harness_done();
}
