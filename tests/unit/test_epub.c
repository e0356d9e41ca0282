/* test_epub.c — the XHTML rendering (-t html and the EPUB's content documents) and the EPUB
 * package: markup of run-in heads, citetitles, figures, escaping and lang; the zip layout (mimetype
 * first, stored, no extra field; modes; times); deterministic bytes whatever the TZ; --vertical.
 * Run from the project root (styles/ is found there). */
#include "harness.h"

#include <libxml/parser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "builders.h"
#include "doc.h"
#include "writers.h"

/* A small article shaped like the seed: photo caption, lead, two labelled sections with run-in
 * heads and a citetitle, a subsection, and text that needs escaping. */
static fo_doc *sample_doc(const char *image)
{
    fo_doc *doc = fo_doc_new();
    fo_meta *m = &doc->meta;
    m->title = "为奋力谱写中国式现代化甘肃篇章提供坚实法治保障";
    m->subtitle = "2024年全省法治建设和司法行政工作十大亮点";
    m->date = "2025-01-16T16:16+08:00";
    m->source = "甘肃法治报";
    m->publisher = "中国甘肃网";
    m->rights = "凡注有稿件来源为“中国甘肃网”的稿件，均为中国甘肃网版权稿件。";
    fo_strlist_append(doc, &m->category, "法治甘肃");
    fo_strlist_append(doc, &m->category, "本网关注");
    fo_meta_add_author(doc, "龚利芳", "记者", "新甘肃·甘肃法治报");
    m->issuer = "某省某厅"; /* the document number (which makes it an official document) in test_package */
    m->doc_date = "2022-05-30";
    fo_node *root = doc->root;
    tb_figure(doc, root, image, "张掖市肃南县司法局开展民法典宣传（2024年5月拍摄）。", "省司法厅供图");
    fo_node *lead = tb_para(doc, root, NULL, "2024年，省司法厅坚持以习近平新时代中国特色社会主义思想为指导。");
    lead->u.para.role = "lead";
    fo_node *s1 = tb_section(doc, root, 1, "亮点一", "亮点一：", "多维度推动学习宣传贯彻习近平法治思想走深走实");
    tb_para(doc, s1, NULL, "坚持把学习宣传贯彻习近平法治思想作为重大政治任务。");
    fo_node *p = tb_para(doc, s1, "加强宣传解读。", "依托“三大阵地”，设立《");
    tb_wrapped(doc, p, FO_CITETITLE, "甘肃日报");
    tb_text(doc, p, "》主题专栏。");
    tb_para(doc, s1, NULL, "A<B & C>D \"q\" \x01tab\x7f\xff!");
    fo_node *sub = tb_section(doc, s1, 2, "一", "（一）", "一个小节");
    tb_para(doc, sub, NULL, "小节正文。");
    fo_node *s2 = tb_section(doc, root, 1, "亮点二", NULL, "以《");
    tb_wrapped(doc, s2->u.section.title, FO_CITETITLE, "省部备忘录");
    tb_text(doc, s2->u.section.title, "》为契机");
    tb_para(doc, s2, "开展红色法治文化地方立法。", "对全省红色法治资源进行全面摸底。");
    fo_doc_finish(doc);
    return doc;
}

static fo_write_opts test_opts(void)
{
    return (fo_write_opts){.style_dir = "styles"};
}

static bool contains(const char *hay, const char *needle)
{
    return hay && strstr(hay, needle) != NULL;
}

static bool well_formed(const char *data, size_t len)
{
    xmlDocPtr x = xmlReadMemory(data, (int)len, "test.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlFreeDoc(x);
    return x != NULL;
}

/* ---- XHTML ---- */

static void test_html(void)
{
    fo_doc *doc = sample_doc(NULL);
    fo_write_opts opts = test_opts();
    fo_diag d;
    fo_diag_init(&d, "test", NULL);
    fo_buf out = {0};
    INT_EQ(fo_write_xhtml(doc, &opts, &out, &d), 0, "html: writes");
    const char *h = out.data;
    OK(well_formed(out.data, out.len), "html: well-formed XML");
    OK(contains(h, "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\" xml:lang=\"zh-CN\">"),
       "html: lang and xml:lang on <html>");
    OK(contains(h, "<p><strong class=\"runin\">加强宣传解读。</strong>依托“三大阵地”，设立《<cite>甘肃日报</cite>》主题专栏。</p>"),
       "html: run-in head is a <strong> leading its paragraph; citetitle is <cite>, the 《》 left as they are");
    OK(contains(h, "<figure class=\"caption-only\">\n<figcaption>张掖市肃南县司法局开展民法典宣传（<span class=\"gap-e\">2024</span>年"
                   "<span class=\"gap-s gap-e\">5</span>月拍摄）。 <span class=\"credit\">省司法厅供图</span></figcaption>\n</figure>"),
       "html: figure without image is a <figure> with <figcaption> holding the credit");
    OK(!contains(h, "<img"), "html: no <img> when the model has no image");
    OK(contains(h, "<p>A&lt;B &amp; C&gt;D &quot;q&quot; tab\x7f\xEF\xBF\xBD!</p>"), "html: text escaped");
    OK(contains(h, "<section id=\"sec-1\">\n<h2><span class=\"label\">亮点一</span><span class=\"sep\">：</span>"
                   "多维度推动<wbr/>学习<wbr/>宣传<wbr/>贯彻习近平<wbr/>法治<span class=\"nobr\">思想走深走实</span></h2>"),
       "html: section heading carries its label; it breaks only between words (<wbr/>), its last words together");
    OK(contains(h, "<section id=\"sec-1-1\">\n<h3><span class=\"marker\">（一）</span>一个<wbr/>小节</h3>"),
       "html: subsection is nested, one level down; an enumerator marker is one span");
    OK(contains(h, "<h2><span class=\"label\">亮点二</span><span class=\"sep\">　</span>以《<cite>省部备忘录</cite>》为契机</h2>"),
       "html: inline markup in a heading; a label without a marker is followed by an ideographic space");
    OK(contains(h, "<p class=\"lead\">2024<span class=\"gap-s\">年</span>"), "html: lead paragraph marked by its role");
    OK(contains(h, "<h1 class=\"title\">为奋力谱写中国式现代化甘肃<wbr/>篇章<wbr/>提供<wbr/>坚实<span class=\"nobr\">法治保障</span></h1>"),
       "html: title, broken only between words, its last words together");
    OK(contains(h, "<p class=\"subtitle\">——2024<span class=\"gap-s\">年</span>全省法治<wbr/>建设和司法<wbr/>行政<wbr/>工作"
                   "<span class=\"nobr\">十大亮点</span></p>"),
       "html: subtitle after a dash");
    OK(contains(h, "<p class=\"byline\"><time datetime=\"2025-01-16T16:16+08:00\">2025<span class=\"gap-s\">年</span>"
                   "<span class=\"gap-s gap-e\">1</span>月<span class=\"gap-s gap-e\">16</span>日 16:16</time> · "
                   "<span class=\"source\">甘肃法治报</span> · <span class=\"author\">记者 龚利芳</span></p>"),
       "html: byline is date · source · author (the affiliation that repeats the source left out)");
    OK(contains(h, "<footer class=\"rights\">"), "html: rights in the footer");
    OK(contains(h, "<style>/*<![CDATA[*/") && contains(h, "text-indent: 2em"), "html: the stylesheet is inline");
    OK(contains(h, "cite {\n    font-style: normal;"), "html: the stylesheet keeps <cite> upright");
    OK(!contains(h, "epub:type"), "html: no EPUB vocabulary in a plain page");
    OK(!contains(h, "writing-mode"), "html: horizontal unless --vertical");
    fo_buf_free(&out);

    doc->meta.source = "人民日报";
    INT_EQ(fo_write_xhtml(doc, &opts, &out, &d), 0, "html: writes with another source");
    OK(contains(out.data, "<span class=\"author\">新甘肃·甘肃法治报记者 龚利芳</span>"),
       "html: the author's affiliation is kept when it is not the source");
    fo_buf_free(&out);

    opts.vertical = true;
    INT_EQ(fo_write_xhtml(doc, &opts, &out, &d), 0, "html --vertical: writes");
    OK(contains(out.data, "writing-mode: vertical-rl"), "html --vertical: vertical stylesheet inline");
    fo_buf_free(&out);

    opts = test_opts();
    opts.style = "no-such-style";
    INT_EQ(fo_write_xhtml(doc, &opts, &out, &d), -1, "html: an unknown style is an error");
    OK(contains(d.last, "no-such-style"), "html: the error names the style");
    fo_buf_free(&out);
    fo_doc_free(doc);
}

/* ---- EPUB ---- */

typedef struct entry {
    char *name;
    char *data;
    size_t len;
    zip_uint16_t method;
} entry;

typedef struct package {
    entry e[64];
    size_t n;
} package;

static void package_free(package *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->e[i].name);
        free(p->e[i].data);
    }
    p->n = 0;
}

/* Read every entry of an EPUB held in memory; false when libzip cannot open it. */
static bool unpack(const fo_buf *epub, package *p)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(epub->data, epub->len, 0, &err);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err) : NULL;
    zip_error_fini(&err);
    if (!z) {
        zip_source_free(src);
        return false;
    }
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n && p->n < 64; i++) {
        zip_stat_t st;
        zip_stat_index(z, (zip_uint64_t)i, 0, &st);
        entry *e = &p->e[p->n++];
        e->name = strdup(st.name);
        e->len = (size_t)st.size;
        e->method = st.comp_method;
        e->data = calloc(1, e->len + 1);
        zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
        if (f) {
            zip_fread(f, e->data, e->len);
            zip_fclose(f);
        }
    }
    zip_close(z);
    return true;
}

static const entry *find(const package *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->e[i].name, name) == 0)
            return &p->e[i];
    return NULL;
}

static int write_epub(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out)
{
    fo_diag d;
    fo_diag_init(&d, "test", NULL);
    return fo_write_epub(doc, opts, out, &d);
}

static unsigned le16(const char *p)
{
    return (unsigned)(unsigned char)p[0] | (unsigned)(unsigned char)p[1] << 8;
}

static void test_zip_layout(void)
{
    fo_doc *doc = sample_doc(NULL);
    fo_write_opts opts = test_opts();
    fo_buf out = {0};
    unsetenv("SOURCE_DATE_EPOCH");
    INT_EQ(write_epub(doc, &opts, &out), 0, "epub: writes");
    /* the local header of the first entry, byte by byte (OCF: readers sniff "mimetype" at 30) */
    OK(out.len > 60 && memcmp(out.data, "PK\3\4", 4) == 0, "zip: starts with a local file header");
    INT_EQ(le16(out.data + 8), 0, "zip: first entry stored");
    INT_EQ(le16(out.data + 26), 8, "zip: first entry name is 8 bytes");
    INT_EQ(le16(out.data + 28), 0, "zip: first entry has no extra field");
    OK(memcmp(out.data + 30, "mimetypeapplication/epub+zip", 28) == 0, "zip: mimetype first, its bytes right after");
    /* DOS time of the article's 2025-01-16 16:16 +08:00, in UTC: 08:16:00 */
    INT_EQ(le16(out.data + 10), 8 << 11 | 16 << 5, "zip: entry time is the article time in UTC");
    INT_EQ(le16(out.data + 12), (2025 - 1980) << 9 | 1 << 5 | 16, "zip: entry date is the article date");

    package p = {0};
    OK(unpack(&out, &p), "zip: libzip opens it (consistency checked)");
    const char *want[] = {"mimetype", "META-INF/container.xml", "OEBPS/content.opf", "OEBPS/nav.xhtml",
                          "OEBPS/toc.ncx", "OEBPS/css/style.css", "OEBPS/front.xhtml",
                          "OEBPS/sec-1.xhtml", "OEBPS/sec-2.xhtml"};
    INT_EQ(p.n, sizeof want / sizeof want[0], "zip: entry count");
    for (size_t i = 0; i < p.n && i < sizeof want / sizeof want[0]; i++)
        STR_EQ(p.e[i].name, want[i], "zip: entry order");
    int xml_ok = 0, deflated = 0;
    for (size_t i = 1; i < p.n; i++) {
        deflated += p.e[i].method == ZIP_CM_DEFLATE;
        if (!strstr(p.e[i].name, ".css"))
            xml_ok += well_formed(p.e[i].data, p.e[i].len);
    }
    INT_EQ(xml_ok, (int)p.n - 2, "zip: every XML entry is well-formed");
    INT_EQ(deflated, (int)p.n - 1, "zip: everything but mimetype deflated");

    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(out.data, out.len, 0, &err);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &err);
    int unix_0644 = 0;
    for (zip_int64_t i = 0; z && i < zip_get_num_entries(z, 0); i++) {
        zip_uint8_t opsys;
        zip_uint32_t attr;
        zip_file_get_external_attributes(z, (zip_uint64_t)i, 0, &opsys, &attr);
        unix_0644 += opsys == ZIP_OPSYS_UNIX && attr >> 16 == 0100644;
    }
    INT_EQ(unix_0644, (int)p.n, "zip: every entry is a regular file, mode 0644");
    if (z)
        zip_close(z);
    else
        zip_source_free(src);
    zip_error_fini(&err);
    package_free(&p);
    fo_buf_free(&out);
    fo_doc_free(doc);
}

static void test_package(void)
{
    fo_doc *doc = sample_doc(NULL);
    doc->meta.doc_number = "某发〔2022〕11号";
    fo_write_opts opts = test_opts();
    fo_buf out = {0};
    package p = {0};
    unsetenv("SOURCE_DATE_EPOCH");
    write_epub(doc, &opts, &out);
    unpack(&out, &p);
    const entry *opf = find(&p, "OEBPS/content.opf"), *nav = find(&p, "OEBPS/nav.xhtml");
    const entry *ncx = find(&p, "OEBPS/toc.ncx"), *front = find(&p, "OEBPS/front.xhtml");
    const entry *ch1 = find(&p, "OEBPS/sec-1.xhtml"), *ch2 = find(&p, "OEBPS/sec-2.xhtml");
    const entry *container = find(&p, "META-INF/container.xml");
    OK(opf && nav && ncx && front && ch1 && ch2 && container, "epub: every document present");
    if (!(opf && nav && ncx && front && ch1 && ch2 && container))
        goto done;
    OK(contains(container->data, "full-path=\"OEBPS/content.opf\""), "container: points at the OPF");
    char ident[128];
    snprintf(ident, sizeof ident, "<dc:identifier id=\"pub-id\">%s</dc:identifier>", doc->meta.identifier);
    OK(contains(opf->data, ident) && contains(doc->meta.identifier, "urn:uuid:"), "opf: dc:identifier is the model's urn:uuid");
    OK(contains(opf->data, "version=\"3.0\" unique-identifier=\"pub-id\""), "opf: version 3.0");
    OK(contains(opf->data, "<dc:identifier id=\"doc-number\">某发〔2022〕11号</dc:identifier>"), "opf: the document number");
    OK(contains(opf->data, "<dc:contributor id=\"issuer\">某省某厅</dc:contributor>\n<meta refines=\"#issuer\" "
                           "property=\"role\" scheme=\"marc:relators\">isb</meta>"),
       "opf: the issuing organ is a contributor with the relator isb");
    OK(contains(opf->data, "<meta property=\"dcterms:created\">2022-05-30</meta>"), "opf: the document's own date");
    OK(contains(opf->data, "<dc:language>zh-CN</dc:language>"), "opf: dc:language");
    OK(contains(opf->data, "<dc:creator id=\"creator-1\">龚利芳</dc:creator>\n<meta refines=\"#creator-1\" "
                           "property=\"role\" scheme=\"marc:relators\">aut</meta>"),
       "opf: dc:creator with a role refinement");
    OK(contains(opf->data, "<dc:date>2025-01-16T16:16+08:00</dc:date>"), "opf: dc:date");
    OK(contains(opf->data, "<dc:publisher>中国甘肃网</dc:publisher>") &&
       contains(opf->data, "<dc:source>甘肃法治报</dc:source>"), "opf: dc:publisher and dc:source");
    OK(contains(opf->data, "<dc:rights>凡注有"), "opf: dc:rights");
    OK(contains(opf->data, "<dc:subject>法治甘肃</dc:subject>\n<dc:subject>本网关注</dc:subject>"), "opf: dc:subject from the category");
    OK(contains(opf->data, "<meta property=\"dcterms:modified\">2025-01-16T08:16:00Z</meta>"),
       "opf: dcterms:modified from the article's date, in UTC");
    OK(contains(opf->data, "<dc:title id=\"subtitle\">2024年全省"), "opf: subtitle as a second title");
    OK(contains(opf->data, "<spine toc=\"ncx\">\n<itemref idref=\"front\"/>\n<itemref idref=\"nav\"/>\n"
                           "<itemref idref=\"chapter-1\"/>\n<itemref idref=\"chapter-2\"/>\n</spine>"),
       "opf: spine is front page, contents, one document per section");
    OK(contains(opf->data, "properties=\"nav\""), "opf: nav item");
    OK(!contains(opf->data, "page-progression-direction"), "opf: no rtl spine when horizontal");

    OK(contains(nav->data, "<li><a href=\"sec-1.xhtml\"><span class=\"label\">亮点一</span><span class=\"sep\">：</span>"
                           "多维度推动学习宣传贯彻习近平法治思想走深走实</a>\n<ol>\n"
                           "<li><a href=\"sec-1.xhtml#sec-1-1\"><span class=\"marker\">（一）</span>一个小节</a></li>\n</ol>\n</li>"),
       "nav: nested toc with labels, subsections as fragments");
    OK(contains(nav->data, "epub:type=\"landmarks\"") && contains(nav->data, "epub:type=\"bodymatter\" href=\"sec-1.xhtml\""),
       "nav: landmarks, bodymatter at the first section");
    OK(contains(ncx->data, "<navLabel><text>亮点二　以《省部备忘录》为契机</text></navLabel>"), "ncx: plain-text labels");
    OK(contains(ncx->data, "<navLabel><text>（一）一个小节</text></navLabel>"), "ncx: marker and title as printed");
    OK(contains(ncx->data, "<content src=\"sec-1.xhtml#sec-1-1\"/>") && contains(ncx->data, "content=\"2\"/>"),
       "ncx: nested navPoint and its depth");
    snprintf(ident, sizeof ident, "<meta name=\"dtb:uid\" content=\"%s\"/>", doc->meta.identifier);
    OK(contains(ncx->data, ident), "ncx: dtb:uid matches dc:identifier");

    const entry *docs[] = {front, nav, ch1, ch2};
    int langs = 0, styled = 0;
    for (size_t i = 0; i < 4; i++) {
        langs += contains(docs[i]->data, "lang=\"zh-CN\" xml:lang=\"zh-CN\"");
        styled += contains(docs[i]->data, "<link rel=\"stylesheet\" type=\"text/css\" href=\"css/style.css\"/>");
    }
    INT_EQ(langs, 4, "content: lang and xml:lang on every document");
    INT_EQ(styled, 4, "content: every document links the stylesheet");
    OK(contains(front->data, "<h1 class=\"title\">") && contains(front->data, "<p class=\"lead\">2024<span class=\"gap-s\">年</span>") &&
       contains(front->data, "<figcaption>") && !contains(front->data, "亮点一"),
       "front: title block, lead and photo caption; no section");
    OK(contains(ch1->data, "<p><strong class=\"runin\">加强宣传解读。</strong>依托") &&
       contains(ch1->data, "《<cite>甘肃日报</cite>》") && !contains(ch1->data, "亮点二"),
       "chapter: its own section only, run-in head and cite");
    OK(contains(ch1->data, "<section id=\"sec-1\" epub:type=\"chapter\">"), "chapter: epub:type chapter");
    OK(contains(ch1->data, "<title>亮点一：多维度推动"), "chapter: <title> is the labelled heading");
done:
    package_free(&p);
    fo_buf_free(&out);
    fo_doc_free(doc);
}

static void test_deterministic(void)
{
    fo_doc *doc = sample_doc(NULL);
    fo_write_opts opts = test_opts();
    fo_buf a = {0}, b = {0}, c = {0};
    const char *tz = getenv("TZ");
    char *saved = tz ? strdup(tz) : NULL;
    unsetenv("SOURCE_DATE_EPOCH");
    setenv("TZ", "UTC", 1);
    tzset();
    write_epub(doc, &opts, &a);
    write_epub(doc, &opts, &b);
    OK(a.len > 0 && a.len == b.len && memcmp(a.data, b.data, a.len) == 0, "deterministic: two runs, same bytes");
    setenv("TZ", "Asia/Shanghai", 1);
    tzset();
    write_epub(doc, &opts, &c);
    OK(a.len == c.len && memcmp(a.data, c.data, a.len) == 0, "deterministic: TZ=UTC and TZ=Asia/Shanghai, same bytes");
    fo_buf_free(&c);
    setenv("TZ", "America/New_York", 1);
    tzset();
    write_epub(doc, &opts, &c);
    OK(a.len == c.len && memcmp(a.data, c.data, a.len) == 0, "deterministic: TZ=America/New_York, same bytes");
    fo_buf_free(&c);

    doc->source_date_epoch = 1700000000;   /* 2023-11-14T22:13:20Z; main.c reads SOURCE_DATE_EPOCH */
    write_epub(doc, &opts, &c);
    package p = {0};
    unpack(&c, &p);
    const entry *opf = find(&p, "OEBPS/content.opf");
    OK(opf && contains(opf->data, "<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>"),
       "SOURCE_DATE_EPOCH sets dcterms:modified");
    INT_EQ(le16(c.data + 10), 22 << 11 | 13 << 5 | 20 / 2, "SOURCE_DATE_EPOCH sets the entry time (UTC)");
    doc->source_date_epoch = -1;
    package_free(&p);
    if (saved)
        setenv("TZ", saved, 1);
    else
        unsetenv("TZ");
    tzset();
    free(saved);
    fo_buf_free(&a);
    fo_buf_free(&b);
    fo_buf_free(&c);
    fo_doc_free(doc);
}

static void test_vertical(void)
{
    fo_doc *doc = sample_doc(NULL);
    fo_write_opts opts = test_opts();
    const char *extra[] = {"styles/default.css", "styles/vertical.css"};
    opts.vertical = true;
    opts.css = extra;
    opts.n_css = 2;
    fo_buf out = {0};
    package p = {0};
    INT_EQ(write_epub(doc, &opts, &out), 0, "vertical: writes");
    unpack(&out, &p);
    const entry *opf = find(&p, "OEBPS/content.opf"), *css = find(&p, "OEBPS/css/vertical.css");
    const entry *ch1 = find(&p, "OEBPS/sec-1.xhtml");
    OK(opf && contains(opf->data, "<spine toc=\"ncx\" page-progression-direction=\"rtl\">"), "vertical: spine runs rtl");
    OK(opf && contains(opf->data, "media-type=\"text/css\""), "vertical: stylesheets in the manifest");
    OK(css && contains(css->data, "-epub-writing-mode: vertical-rl") && contains(css->data, "\n    writing-mode: vertical-rl"),
       "vertical: CSS sets writing-mode vertical-rl, with the -epub- prefix");
    OK(ch1 && contains(ch1->data, "href=\"css/style.css\"/>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"css/vertical.css\"/>"),
       "vertical: documents link the vertical stylesheet after the style's");
    OK(ch1 && contains(ch1->data, "href=\"css/vertical.css\"/>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"css/extra-1.css\"/>\n"
                                  "<link rel=\"stylesheet\" type=\"text/css\" href=\"css/extra-2.css\"/>"),
       "--css: each extra stylesheet linked last, in order");
    OK(find(&p, "OEBPS/css/extra-2.css") != NULL, "--css: each extra stylesheet packaged");
    package_free(&p);
    fo_buf_free(&out);
    fo_doc_free(doc);
}

/* The EPUB packages the pictures the reader loaded and checked (u.figure.picture); it never reads an
 * image file itself, so a reference the reader refused or could not find stays a caption. */
static void test_images(void)
{
    static const unsigned char png[] = "\x89PNG\r\n\x1a\n-bytes-as-the-reader-loaded-them";
    fo_doc *doc = sample_doc("photo.PNG");
    fo_node *fig = NULL;
    for (fo_node *n = doc->root->first; n && !fig; n = n->next)
        if (n->kind == FO_FIGURE)
            fig = n;
    fo_image *pic = fo_doc_alloc(doc, sizeof *pic);
    *pic = (fo_image){"image/png", png, sizeof png - 1, 40, 30, "photo.PNG"};
    fig->u.figure.picture = pic;
    fo_write_opts opts = test_opts();
    fo_buf out = {0};
    package p = {0};
    fo_diag d;
    fo_diag_init(&d, "test", NULL);
    INT_EQ(fo_write_epub(doc, &opts, &out, &d), 0, "images: writes");
    INT_EQ(d.warnings, 0, "images: no warning when the picture is there");
    unpack(&out, &p);
    const entry *img = find(&p, "OEBPS/images/img-1.png"), *opf = find(&p, "OEBPS/content.opf");
    const entry *front = find(&p, "OEBPS/front.xhtml");
    OK(img && img->len == sizeof png - 1 && memcmp(img->data, png, img->len) == 0 && img->method == ZIP_CM_STORE,
       "images: the picture packaged as it is, stored");
    OK(opf && contains(opf->data, "<item id=\"img-1\" href=\"images/img-1.png\" media-type=\"image/png\"/>"),
       "images: in the manifest with its media type");
    OK(front && contains(front->data, "<figure class=\"photo\">\n<img src=\"images/img-1.png\" "
                                      "alt=\"张掖市肃南县司法局开展民法典宣传（2024年5月拍摄）。\"/>\n<figcaption>"),
       "images: <img> with the caption as alt text, before the figcaption");
    package_free(&p);
    fo_buf_free(&out);
    fo_doc_free(doc);

    /* an image the reader did not load (remote, missing, refused): a caption, and no file is read,
     * not even one that exists at that path */
    doc = sample_doc("/etc/passwd");
    fo_diag_init(&d, "test", NULL);
    INT_EQ(fo_write_epub(doc, &opts, &out, &d), 0, "images: an image not loaded is no reason to fail");
    INT_EQ(d.warnings, 0, "images: ...and no warning (the reader said so once)");
    unpack(&out, &p);
    front = find(&p, "OEBPS/front.xhtml");
    OK(front && !contains(front->data, "<img") && contains(front->data, "caption-only"),
       "images: the figure keeps its caption without the picture");
    OK(!find(&p, "OEBPS/images/img-1.png") && !find(&p, "OEBPS/images/img-1"),
       "images: the writer never reads the file the reference names");
    package_free(&p);
    fo_buf_free(&out);
    fo_doc_free(doc);
}

/* Tables: <table> with its caption, the header rows in <thead>, th/td with their spans; a cell of
 * one plain paragraph holds its inlines, any other cell its blocks. */
static void test_tables(void)
{
    fo_doc *doc = fo_doc_new();
    fo_node *t = tb_add(doc, doc->root, FO_TABLE);
    t->u.table.caption = tb_inlines(doc, t, "各县节水灌溉面积");
    fo_node *r = tb_row(doc, t, true);
    tb_cell(doc, r, "县区", 2, 1);
    tb_cell(doc, r, "面积（万亩）", 1, 2);
    r = tb_row(doc, t, true);
    tb_cell(doc, r, "2023年", 1, 1);
    tb_cell(doc, r, "2024年", 1, 1);
    r = tb_row(doc, t, false);
    tb_cell(doc, r, "甘州区", 1, 1)->u.cell.header = true;
    tb_cell(doc, r, "12.5", 1, 1);
    fo_node *two = tb_cell(doc, r, "第一段。", 1, 1);
    tb_para(doc, two, NULL, "第二段。");
    r = tb_row(doc, t, false);
    tb_cell(doc, r, "临泽县", 1, 1);
    tb_para(doc, tb_cell(doc, r, NULL, 1, 2), "说明。", "两年持平");
    fo_node *plain = tb_add(doc, doc->root, FO_TABLE);
    for (int i = 0; i < 2; i++) {
        r = tb_row(doc, plain, false);
        tb_cell(doc, r, "甲", 1, 1);
        tb_cell(doc, r, "乙", 1, 1);
    }
    fo_doc_finish(doc);
    OK(fo_doc_check(doc) == NULL, "tables: the document is sound");
    fo_write_opts opts = test_opts();
    fo_diag d;
    fo_diag_init(&d, "test", NULL);
    fo_buf out = {0};
    INT_EQ(fo_write_xhtml(doc, &opts, &out, &d), 0, "tables: writes");
    const char *h = out.data;
    OK(well_formed(out.data, out.len), "tables: well-formed XML");
    OK(contains(h, "<table>\n<caption>各县节水灌溉面积</caption>\n<thead>\n<tr><th rowspan=\"2\">县区</th>\n"
                   "<th colspan=\"2\">面积（万亩）</th>\n</tr>\n<tr><th>2023<span class=\"gap-s\">年</span></th>\n"
                   "<th>2024<span class=\"gap-s\">年</span></th>\n</tr>\n</thead>\n"),
       "tables: the caption, then the header rows in <thead> as <th> with their spans");
    OK(contains(h, "<tbody>\n<tr><th>甘州区</th>\n<td>12.5</td>\n<td>\n<p>第一段。</p>\n<p>第二段。</p>\n</td>\n</tr>\n"),
       "tables: a header cell in a body row is a <th>; one plain paragraph is inline, two are paragraphs");
    OK(contains(h, "<td colspan=\"2\">\n<p><strong class=\"runin\">说明。</strong>两年持平</p>\n</td>"),
       "near miss: a paragraph with a run-in head stays a paragraph in its cell");
    OK(contains(h, "<table>\n<tbody>\n<tr><td>甲</td>"), "tables: no caption, no header rows: <tbody> only");
    OK(contains(h, "th, td {") && contains(h, "border-collapse: collapse;"), "tables: the stylesheet rules the cells");
    fo_buf_free(&out);

    package p = {0};
    INT_EQ(fo_write_epub(doc, &opts, &out, &d), 0, "tables: EPUB writes");
    unpack(&out, &p);
    const entry *front = find(&p, "OEBPS/front.xhtml");
    OK(front && well_formed(front->data, front->len) && contains(front->data, "<th rowspan=\"2\">县区</th>"),
       "tables: in the EPUB's document, well-formed");
    package_free(&p);
    fo_buf_free(&out);
    fo_doc_free(doc);
}

static void test_no_sections(void)
{
    fo_doc *doc = fo_doc_new();
    tb_para(doc, doc->root, NULL, "只有一段。");
    fo_doc_finish(doc);
    fo_write_opts opts = test_opts();
    fo_buf out = {0};
    package p = {0};
    INT_EQ(write_epub(doc, &opts, &out), 0, "no sections: writes");
    unpack(&out, &p);
    INT_EQ(p.n, 7, "no sections: front page and contents only");
    const entry *nav = find(&p, "OEBPS/nav.xhtml"), *front = find(&p, "OEBPS/front.xhtml");
    OK(nav && contains(nav->data, "<li><a href=\"front.xhtml\">无标题</a></li>") &&
       contains(nav->data, "epub:type=\"bodymatter\" href=\"front.xhtml\""),
       "no sections: the toc and landmarks point at the front page");
    OK(front && contains(front->data, "<p>只有一段。</p>"), "no sections: the text is on the front page");
    package_free(&p);
    fo_buf_free(&out);

    opts.style = "no-such-style";
    fo_diag d;
    fo_diag_init(&d, "test", NULL);
    INT_EQ(fo_write_epub(doc, &opts, &out, &d), -1, "epub: an unknown style is an error");
    fo_buf_free(&out);
    fo_doc_free(doc);
}

/* Who counts as a creator is one rule (fo_author_is_creator): the OPF, the NCX and the byline agree
 * that a photographer made the article and an editor or proofreader did not. */
static void test_creators(void)
{
    fo_doc *doc = sample_doc(NULL);
    doc->meta.authors = NULL;
    fo_meta_add_author(doc, "甲记者", "记者", NULL);
    fo_meta_add_author(doc, "乙摄影", "摄影", NULL);
    fo_meta_add_author(doc, "丙编辑", "责任编辑", NULL);
    fo_meta_add_author(doc, "丁校对", "校对", NULL);
    fo_write_opts opts = test_opts();
    fo_buf out = {0};
    package p = {0};
    INT_EQ(write_epub(doc, &opts, &out), 0, "creators: writes");
    unpack(&out, &p);
    const entry *opf = find(&p, "OEBPS/content.opf"), *ncx = find(&p, "OEBPS/toc.ncx");
    const entry *front = find(&p, "OEBPS/front.xhtml");
    if (OK(opf && ncx && front, "creators: OPF, NCX and front page present")) {
        OK(contains(opf->data, "<dc:creator id=\"creator-1\">甲记者</dc:creator>"), "creators: the reporter is a dc:creator");
        OK(contains(opf->data, "<dc:creator id=\"creator-2\">乙摄影</dc:creator>\n<meta refines=\"#creator-2\" "
                               "property=\"role\" scheme=\"marc:relators\">pht</meta>"),
           "creators: the photographer is a dc:creator too, as a photographer (pht)");
        OK(contains(opf->data, "<dc:contributor id=\"creator-3\">丙编辑</dc:contributor>") &&
           contains(opf->data, "<dc:contributor id=\"creator-4\">丁校对</dc:contributor>"),
           "creators: editor and proofreader are contributors");
        OK(contains(ncx->data, "<docAuthor><text>甲记者</text></docAuthor>\n"
                               "<docAuthor><text>乙摄影</text></docAuthor>\n<navMap>"),
           "creators: the NCX names the same two");
        OK(contains(front->data, "<span class=\"author\">记者 甲记者</span>　<span class=\"author\">摄影 乙摄影</span></p>"),
           "creators: and so does the byline");
    }
    package_free(&p);
    fo_buf_free(&out);
    fo_doc_free(doc);
}

/* ---- typography: 縦中横, URLs, Han–Latin spacing, titles (issue 12) ---- */

/* The page of a one-paragraph document, horizontal or vertical (caller frees). */
static char *page_of(const char *title, const char *text, bool vertical)
{
    fo_doc *doc = fo_doc_new();
    doc->meta.title = title;
    tb_para(doc, doc->root, NULL, text);
    fo_doc_finish(doc);
    fo_write_opts opts = test_opts();
    opts.vertical = vertical;
    fo_diag d;
    fo_diag_init(&d, "test", NULL);
    fo_buf out = {0};
    fo_write_xhtml(doc, &opts, &out, &d);
    fo_doc_free(doc);
    return fo_buf_steal(&out);
}

static void test_typography(void)
{
    /* 11: upright only a number of one or two digits standing alone */
    char *v = page_of("数字", "共有15,000人，第3条，12月，增长7.8%，使用A4纸，见https://x.cn/a/12/31/b页，第12页。", true);
    OK(contains(v, "第<span class=\"tcy\">3</span>条") && contains(v, "<span class=\"tcy\">12</span>月") &&
       contains(v, "第<span class=\"tcy\">12</span>页"),
       "vertical: 3 and 12 standing alone are upright (tcy)");
    OK(!contains(v, "tcy\">15<") && !contains(v, "tcy\">000<") && contains(v, "15,000"),
       "vertical: 15,000 runs sideways whole, not an upright 15 and a sideways ,000");
    OK(!contains(v, "tcy\">7<") && !contains(v, "tcy\">8<") && !contains(v, "tcy\">4<"),
       "vertical: no upright digit in a decimal (7.8%) or a Latin word (A4)");
    OK(!contains(v, "tcy\">31<") && contains(v, "<span class=\"url\">https://x.cn/a/12/31/b</span>"),
       "vertical: none inside a URL");
    free(v);
    char *h = page_of("数字", "第3条，12月。", false);
    OK(!contains(h, "tcy"), "horizontal: no tcy at all");
    free(h);

    /* 12: URLs may break anywhere; a caption's credit does not stretch the line */
    h = page_of("网址", "请登录网站https://sft.hexi.example.gov.cn/sqjz/index.html查询，或发邮件至a.b@example.cn。", false);
    OK(contains(h, "网站<span class=\"gap-s gap-e\"><span class=\"url\">https://sft.hexi.example.gov.cn/sqjz/index.html</span></span>查询") &&
       contains(h, "至<span class=\"gap-s\"><span class=\"url\">a.b@example.cn</span></span>。"),
       "URLs and e-mail addresses are <span class=\"url\">");
    OK(contains(h, "a, span.url {\n    overflow-wrap: anywhere;\n    word-break: break-all;\n}"),
       "the stylesheet lets links and URL spans break anywhere");
    const char *credit = strstr(h, "span.credit {");
    const char *credit_end = credit ? strchr(credit, '}') : NULL;
    const char *nowrap = credit ? strstr(credit, "nowrap") : NULL;
    OK(credit_end && (!nowrap || nowrap > credit_end),
       "a caption's credit may wrap (white-space: nowrap stretched the justified line before it)");

    /* 13: Han–Latin spacing, text-wrap, titles without a stub */
    OK(contains(h, "text-autospace: normal;") && contains(h, "@supports (text-autospace: normal)") &&
       contains(h, "span.gap-s {\n    margin-left: 0.25em;") && contains(h, "span.gap-e {\n    margin-right: 0.25em;"),
       "text-autospace, and a quarter em from folio's spans where it is not supported");
    OK(contains(h, "text-wrap: pretty;") && contains(h, "text-wrap: balance;") && contains(h, "word-break: keep-all;"),
       "paragraphs text-wrap: pretty; titles and headings balanced, broken only at <wbr/>");
    OK(contains(h, "span.nobr {\n    white-space: nowrap;"), "the nobr span keeps a title's last words together");
    free(h);
    h = page_of("数字", "共有Python和3个，Hello World测试，Python 3。以及“GDP”增长，第1,039列", false);
    OK(contains(h, "共有<span class=\"gap-s gap-e\">Python</span>和<span class=\"gap-s gap-e\">3</span>个") &&
       contains(h, " <span class=\"gap-e\">World</span>测试") && contains(h, "以及“GDP”增长") &&
       contains(h, "第<span class=\"gap-s gap-e\">1,039</span>列"),
       "a Latin word or number beside Han carries the side of its quarter em; none beside punctuation or a space");
    OK(!contains(h, "<span class=\"gap-s\">Hello</span>") && contains(h, "Hello <span class=\"gap-e\">World</span>"),
       "near miss: a word after punctuation or before a space gets no gap on that side");
    free(h);
    h = page_of("数字", "2024年，第2024年", false);
    OK(contains(h, "<p>2024<span class=\"gap-s\">年</span>，第<span class=\"gap-s gap-e\">2024</span>年</p>"),
       "a number that opens a paragraph gives its quarter em to the Han character after it: no paragraph "
       "opens with a span, which would read as a run-in head; the same number inside keeps its span");
    free(h);
    h = page_of("数字", "2024，Python。", false);
    OK(contains(h, "<p>2024，Python。</p>"),
       "near miss: a number that opens a paragraph before punctuation has no gap (and no span) at all");
    free(h);
    h = page_of("为奋力谱写中国式现代化甘肃篇章提供坚实法治保障", "正文。", false);
    OK(contains(h, "<h1 class=\"title\">为奋力谱写中国式现代化甘肃<wbr/>篇章<wbr/>提供<wbr/>坚实<span class=\"nobr\">法治保障</span></h1>"),
       "a title breaks only between words and keeps at least three characters on its last line");
    free(h);
    h = page_of("简短标题", "正文。", false);
    OK(contains(h, "<h1 class=\"title\">简短<wbr/>标题</h1>"), "near miss: a short title has no nobr tail");
    free(h);
    v = page_of("数字", "使用Python和3个。", true);
    OK(contains(v, "使用<span class=\"gap-s gap-e\">Python</span>和<span class=\"tcy\">3</span>个") &&
       contains(v, "text-autospace: no-autospace;") && contains(v, "span.gap-s {\n    margin: 0.25em 0 0 0;"),
       "vertical: the quarter em comes from folio's spans, above and below (not from text-autospace)");
    free(v);
}

int main(void)
{
    test_html();
    test_typography();
    test_creators();
    test_zip_layout();
    test_package();
    test_deterministic();
    test_vertical();
    test_images();
    test_tables();
    test_no_sections();
    xmlCleanupParser();
    return harness_done();
}
