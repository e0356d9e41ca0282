/* test_fonts.c — the font context (fontconfig choice, --font errors, HarfBuzz subset, the repaired
 * ToUnicode map) and the PDF writer on documents built with the doc.h API.
 * Needs the Debian CJK fonts (fonts-noto-cjk, fonts-arphic-uming, fonts-wqy-microhei, fonts-arphic-ukai). */
#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builders.h"
#include "doc.h"
#include "fonts.h"
#include "harness.h"
#include "style.h"
#include "writers.h"

static const char *default_patterns[FO_ROLE_COUNT];

static void init_patterns(fo_style *st)
{
    fo_style_defaults(st);
    for (int r = 0; r < FO_ROLE_COUNT; r++)
        default_patterns[r] = st->font_pattern[r];
}

static bool contains(const char *hay, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return true;
    return false;
}

static void test_choose_by_fontconfig(void)
{
    fo_style st;
    init_patterns(&st);
    fo_fonts *f = fo_fonts_new();
    fo_diag d;
    fo_diag_init(&d, "t.txt", NULL);
    const uint32_t cps[] = {0x4E2D, 0x6587, 0x3002, 0x300A, 'A', '1'};
    INT_EQ(fo_fonts_choose(f, default_patterns, NULL, cps, 6, &d), 0, "fontconfig finds a face for every role");
    const char *serif = fo_fonts_file(f, FO_ROLE_SERIF, NULL), *sans = fo_fonts_file(f, FO_ROLE_SANS, NULL);
    const char *kai = fo_fonts_file(f, FO_ROLE_KAI, NULL);
    int index = -1;
    serif = fo_fonts_file(f, FO_ROLE_SERIF, &index);
    OK(serif && strstr(serif, "NotoSerifCJK-Regular") && index == 2, "serif role is Noto Serif CJK SC (face 2)");
    OK(sans && strstr(sans, "NotoSansCJK-Regular"), "sans role is Noto Sans CJK SC");
    OK(kai && (strstr(kai, "ukai") || strstr(kai, "WenKai")), "kai role is AR PL UKai or LXGW WenKai");
    OK(fo_fonts_covers(f, FO_ROLE_SERIF, 0x4E2D), "Noto Serif covers 中");
    OK(!fo_fonts_covers(f, FO_ROLE_SERIF, 0x20BB7), "nothing outside the BMP is drawable");
    OK(!fo_fonts_covers(f, FO_ROLE_SERIF, 0xE000), "a private-use code point is not covered");
    /* a pattern naming no installed family still lands on a TrueType CJK face that covers the text */
    const char *odd[FO_ROLE_COUNT] = {"No Such Family:lang=zh", "No Such Family:lang=zh", "No Such Family:lang=zh"};
    fo_fonts_begin(f);
    INT_EQ(fo_fonts_choose(f, odd, NULL, cps, 6, &d), 0, "an unknown family falls back to a covering face");
    OK(fo_fonts_covers(f, FO_ROLE_SANS, 0x4E2D) && fo_fonts_covers(f, FO_ROLE_SANS, 0x300A),
       "the fallback face covers the text");
    /* the TrueType style (and the default on a machine without fonts-noto-cjk) */
    fo_style tt;
    fo_style_defaults(&tt);
    INT_EQ(fo_style_load(&tt, "styles/truetype.ini", &d), 0, "styles/truetype.ini loads");
    const char *tt_patterns[FO_ROLE_COUNT] = {tt.font_pattern[0], tt.font_pattern[1], tt.font_pattern[2]};
    fo_fonts_begin(f);
    INT_EQ(fo_fonts_choose(f, tt_patterns, NULL, cps, 6, &d), 0, "the TrueType style finds its faces");
    serif = fo_fonts_file(f, FO_ROLE_SERIF, NULL);
    sans = fo_fonts_file(f, FO_ROLE_SANS, NULL);
    OK(serif && strstr(serif, "uming"), "truetype style: serif role is AR PL UMing");
    OK(sans && strstr(sans, "microhei"), "truetype style: sans role is WenQuanYi Micro Hei");
    /* a named family that lacks a character still beats an unnamed one that has it: Noto Sans CJK
     * JP covers ➀ (U+2780) but draws Japanese forms; the gap is filled from another role's face */
    const uint32_t rare[] = {0x4E2D, 0x2780};
    const char *kai_only[FO_ROLE_COUNT] = {"AR PL UKai CN:lang=zh", "AR PL UKai CN:lang=zh", "AR PL UKai CN:lang=zh"};
    fo_fonts_begin(f);
    INT_EQ(fo_fonts_choose(f, kai_only, NULL, rare, 2, &d), 0, "a pattern whose family lacks a character");
    const char *kai_file = fo_fonts_file(f, FO_ROLE_KAI, NULL);
    OK(kai_file && strstr(kai_file, "ukai") && !fo_fonts_covers(f, FO_ROLE_KAI, 0x2780),
       "keeps the named family (AR PL UKai) rather than a covering Noto CJK JP");
    fo_fonts_free(f);
}

/* "WANTED | STAND-INS": the wanted faces when installed, else a stand-in, said once a context in one
 * line; a role with no pattern (仿宋, 小标宋 in the default style) takes its base role's face. */
static void test_stand_ins(void)
{
    fo_fonts *f = fo_fonts_new();
    fo_diag d;
    char *log = NULL;
    size_t len = 0;
    FILE *stream = open_memstream(&log, &len);
    fo_diag_init(&d, "t.txt", stream);
    const uint32_t cps[] = {0x4E2D, 0x6587};
    const char *patterns[FO_ROLE_COUNT] = {
        "Noto Serif CJK SC:lang=zh", "No Such Hei:lang=zh | WenQuanYi Micro Hei:lang=zh", "AR PL UKai CN:lang=zh | LXGW WenKai",
        "No Such FangSong,仿宋_NONE:lang=zh | LXGW WenKai:lang=zh", "",
    };
    INT_EQ(fo_fonts_choose(f, patterns, NULL, cps, 2, &d), 0, "stand-ins: every role gets a face");
    const char *sans = fo_fonts_file(f, FO_ROLE_SANS, NULL), *kai = fo_fonts_file(f, FO_ROLE_KAI, NULL);
    const char *fangsong = fo_fonts_file(f, FO_ROLE_FANGSONG, NULL), *serif = fo_fonts_file(f, FO_ROLE_SERIF, NULL);
    OK(sans && strstr(sans, "microhei"), "stand-ins: a family not installed: its stand-in");
    OK(kai && strstr(kai, "ukai"), "stand-ins: near miss: the wanted family installed, no stand-in");
    OK(fangsong && strstr(fangsong, "WenKai"), "stand-ins: 仿宋 stands in as LXGW WenKai");
    OK(fo_fonts_file(f, FO_ROLE_BIAOSONG, NULL) == fo_fonts_file(f, FO_ROLE_SANS, NULL),
       "stand-ins: an empty pattern: the base role's face (biaosong: sans)");
    OK(serif && strstr(serif, "NotoSerif"), "stand-ins: a plain pattern as before");
    fflush(stream);
    INT_EQ(d.warnings, 1, "stand-ins: said once, in one warning");
    OK(log && strstr(log, "standing in: WenQuanYi Micro Hei for No Such Hei (sans); LXGW WenKai for No Such FangSong (fangsong)"),
       "stand-ins: the warning names each stand-in, what it stands in for and the role");
    fo_fonts_begin(f);
    INT_EQ(fo_fonts_choose(f, patterns, NULL, cps, 2, &d), 0, "stand-ins: the next document");
    INT_EQ(d.warnings, 1, "stand-ins: not said again by the same context");
    fclose(stream);
    free(log);
    fo_fonts_free(f);
}

static void expect_override_error(const char *spec, const char *want, const char *what)
{
    fo_fonts *f = fo_fonts_new();
    fo_diag d;
    fo_diag_init(&d, "t.txt", NULL);
    const uint32_t cps[] = {0x4E2D};
    int rc = fo_fonts_choose(f, default_patterns, spec, cps, 1, &d);
    char detail[700];
    snprintf(detail, sizeof detail, "%s (message \"%s\")", what, d.last);
    OK(rc == -1 && strstr(d.last, want), detail);
    fo_fonts_free(f);
}

static void test_override_errors(void)
{
    expect_override_error("/nonexistent/font.ttf", "cannot read font file /nonexistent/font.ttf", "--font missing file");
    char path[] = "/tmp/folio-notafont-XXXXXX";
    int fd = mkstemp(path);
    if (fd >= 0) {
        write(fd, "not a font at all\n", 18);
        close(fd);
        expect_override_error(path, "is not a TrueType or OpenType font", "--font text file");
        unlink(path);
    }
    expect_override_error("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc:7", "no face number 7",
                          "--font face index out of range");
}

/* Read a libharu stream's bytes (uncompressed: the filter applies only when saving). */
static size_t stream_text(HPDF_Dict dict, char *buf, size_t size)
{
    HPDF_Stream s = dict->stream;
    HPDF_UINT n = (HPDF_UINT)(size - 1);
    HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET);
    HPDF_Stream_Read(s, (HPDF_BYTE *)buf, &n);
    buf[n] = '\0';
    return n;
}

static void test_subset_and_tounicode(void)
{
    fo_style st;
    init_patterns(&st);
    fo_fonts *f = fo_fonts_new();
    fo_diag d;
    fo_diag_init(&d, "t.txt", NULL);
    /* 一 丁 (consecutive), 七, and A: three bfrange entries */
    const uint32_t cps[] = {0x4E00, 0x4E01, 0x4E03, 'A'};
    INT_EQ(fo_fonts_choose(f, default_patterns, NULL, cps, 4, &d), 0, "faces chosen");
    for (size_t i = 0; i < 4; i++)
        fo_fonts_use(f, FO_ROLE_SERIF, cps[i]);
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    INT_EQ(fo_fonts_load(f, pdf, &d), 0, "subset fonts load into libharu");
    HPDF_Font font = fo_fonts_get(f, FO_ROLE_SERIF);
    OK(font != NULL, "the serif role has a libharu font");
    if (font) {
        OK(HPDF_Font_GetUnicodeWidth(font, 0x4E00) > 500, "the subset keeps 一 with its width");
        HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
        OK(cmap != NULL, "the font has a ToUnicode stream");
        HPDF_Dict encoding = HPDF_Dict_GetItem(font, "Encoding", HPDF_OCLASS_DICT);
        OK(cmap != encoding, "ToUnicode is no longer the encoding CMap");
        char text[8192];
        size_t n = cmap ? stream_text(cmap, text, sizeof text) : 0;
        OK(contains(text, n, "/CMapType 2 def"), "ToUnicode says CMapType 2");
        OK(contains(text, n, "/Registry (Adobe) /Ordering (UCS)"), "ToUnicode is Adobe/UCS");
        OK(contains(text, n, "3 beginbfrange\n<0041> <0041> <0041>\n<4E00> <4E01> <4E00>\n<4E03> <4E03> <4E03>\nendbfrange"),
           "identity bfrange over exactly the code points used");
        OK(!contains(text, n, "cidrange"), "no cidrange left");
    }
    HPDF_Free(pdf);
    fo_fonts_free(f);
}

/* ---- the writer on built documents ---- */

/* A paragraph from line `line` of the input. */
static fo_node *add_para(fo_doc *doc, fo_node *parent, const char *head, const char *body, int line)
{
    return tb_at(tb_para(doc, parent, head, body), line, 1);
}

static fo_node *add_section(fo_doc *doc, fo_node *parent, int level, const char *label, const char *title, int line)
{
    return tb_at(tb_section(doc, parent, level, label, NULL, title), line, 1);
}

static fo_doc *build_doc(const char *extra)
{
    fo_doc *doc = fo_doc_new();
    doc->meta.title = fo_doc_strdup(doc, "全省法治建设工作会议材料汇编");
    doc->meta.subtitle = fo_doc_strdup(doc, "二〇二四年工作要点");
    doc->meta.date = fo_doc_strdup(doc, "2025-01-16T16:16+08:00");
    doc->meta.source = fo_doc_strdup(doc, "甘肃法治报");
    fo_meta_add_author(doc, "龚利芳", "记者", NULL);
    fo_strlist_append(doc, &doc->meta.category, "法治甘肃");
    fo_node *lead = add_para(doc, doc->root, NULL, "二〇二四年，全省司法行政工作取得新进展。", 3);
    lead->u.para.role = fo_doc_strdup(doc, "lead");
    tb_at(tb_figure(doc, doc->root, NULL, "会议现场（资料图）。", "省司法厅供图"), 4, 1);
    fo_node *s1 = add_section(doc, doc->root, 1, "一", "加强宣传解读", 5);
    for (int i = 0; i < 12; i++)
        add_para(doc, s1, "深入研究阐释。",
                 "依托甘肃省委党校设立3个研究基地，刊发文章1345篇，收视率在全国排名第三，"
                 "与“学习强国”“今日头条”等互联互通，实现大小屏互动，融媒体立体传播。", 6 + i);
    fo_node *s11 = add_section(doc, s1, 2, "（一）", "强化法治保障", 20);
    fo_node *p = add_para(doc, s11, NULL, "在", 21);
    tb_at(tb_wrapped(doc, p, FO_CITETITLE, "《甘肃日报》"), 21, 3);
    tb_at(tb_wrapped(doc, p, FO_STRONG, "重点刊发"), 21, 9);
    tb_at(tb_wrapped(doc, p, FO_EMPH, "理论文章"), 21, 13);
    tb_at(tb_text(doc, p, extra ? extra : "119篇。"), 21, 17);
    fo_node *quote = tb_at(tb_add(doc, s11, FO_BLOCKQUOTE), 22, 1);
    add_para(doc, quote, NULL, "法治是最好的营商环境。", 22);
    fo_node *list = tb_at(tb_add(doc, s11, FO_LIST), 23, 1);
    list->u.list.ordered = true;
    for (int i = 0; i < 3; i++)
        tb_at(tb_item(doc, list, "健全工作机制。"), 23 + i, 1);
    tb_at(tb_add(doc, s11, FO_RULE), 26, 1);
    add_section(doc, doc->root, 1, "二", "围绕中心服务大局", 27);
    add_para(doc, doc->root->last, NULL, "助力优化营商环境。", 28);
    fo_doc_finish(doc);
    return doc;
}

static size_t count(const fo_buf *b, const char *needle)
{
    size_t n = 0, m = strlen(needle);
    for (size_t i = 0; i + m <= b->len; i++)
        n += memcmp(b->data + i, needle, m) == 0;
    return n;
}

static void test_writer_on_built_doc(void)
{
    fo_doc *doc = build_doc(NULL);
    OK(fo_doc_check(doc) == NULL, "the built document is sound");
    fo_write_opts opts = {.style_dir = "styles"};
    fo_buf a = {0}, b = {0};
    fo_diag d;
    fo_diag_init(&d, "built.txt", NULL);
    INT_EQ(fo_write_pdf(doc, &opts, &a, &d), 0, "a document with every block kind becomes a PDF");
    INT_EQ(d.errors + d.warnings, 0, "without a message");
    OK(a.len > 1000 && memcmp(a.data, "%PDF-", 5) == 0 && count(&a, "%%EOF") == 1, "the output is one whole PDF");
    /* outline: two top-level bookmarks, one nested under the first (PDF 1.3 keeps dictionaries plain) */
    INT_EQ(count(&a, "/Parent") - count(&a, "/Type /Page\n") - count(&a, "/Type /Page\r") >= 3, 1,
           "three bookmarks with parents");
    OK(count(&a, "/Dest") >= 3, "every bookmark has a destination");
    /* info strings are UTF-16BE with a byte-order mark: "folio " */
    OK(count(&a, "/Creator <FEFF0066006F006C0069006F0020") == 1, "Creator is folio");
    OK(count(&a, "/CreationDate (D:20250116161600+08'00')") == 1, "CreationDate is the article's time");
    OK(count(&a, "/ID") == 0, "no random file ID");
    fo_diag_init(&d, "built.txt", NULL);
    INT_EQ(fo_write_pdf(doc, &opts, &b, &d), 0, "a second run works");
    OK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0, "two runs give the same bytes");
    fo_buf_free(&a);
    fo_buf_free(&b);
    fo_doc_free(doc);
}

static void test_writer_warnings(void)
{
    fo_doc *doc = build_doc("共𠮷篇\xef\xb7\xba。");
    fo_write_opts opts = {.style_dir = "styles"};
    fo_buf out = {0};
    fo_diag d;
    fo_diag_init(&d, "built.txt", NULL);
    INT_EQ(fo_write_pdf(doc, &opts, &out, &d), 0, "characters the PDF cannot show do not stop it");
    INT_EQ(d.warnings, 2, "one warning per such character");
    OK(strstr(d.last, "U+FDFA") != NULL, "the warning names the character");
    fo_buf_free(&out);
    fo_doc_free(doc);

    fo_doc *empty = fo_doc_new();
    fo_doc_finish(empty);
    fo_diag_init(&d, "empty.txt", NULL);
    INT_EQ(fo_write_pdf(empty, &opts, &out, &d), 0, "an empty document still gives a one-page PDF");
    OK(out.len > 0 && count(&out, "/Type /Page\n") + count(&out, "/Type /Page\r") <= 1, "one page");
    fo_buf_free(&out);
    fo_doc_free(empty);

    doc = build_doc(NULL);
    opts.font = "/nonexistent.ttf";
    fo_diag_init(&d, "built.txt", NULL);
    INT_EQ(fo_write_pdf(doc, &opts, &out, &d), -1, "a missing --font fails");
    OK(strstr(d.last, "/nonexistent.ttf") != NULL, "naming the file");
    fo_buf_free(&out);
    fo_doc_free(doc);
}

/* One writer context (and so one font context) across documents gives the same bytes as none. */
static void test_context_reuse(void)
{
    fo_write_ctx *ctx = fo_write_ctx_new();
    fo_write_opts shared = {.style_dir = "styles", .ctx = ctx}, opts = {.style_dir = "styles"};
    fo_doc *first = build_doc(NULL), *second = build_doc("再加几个新字：鑫淼犇。");
    fo_buf a1 = {0}, a2 = {0}, b1 = {0}, b2 = {0};
    fo_diag d;
    fo_diag_init(&d, "built.txt", NULL);
    int rc = fo_write_pdf(first, &shared, &a1, &d);
    OK(fo_write_ctx_get(ctx, "pdf.fonts") != NULL, "the PDF writer keeps its fonts in the context");
    rc |= fo_write_pdf(second, &shared, &a2, &d);
    rc |= fo_write_pdf(first, &opts, &b1, &d);
    rc |= fo_write_pdf(second, &opts, &b2, &d);
    INT_EQ(rc, 0, "four PDFs written");
    OK(a1.len == b1.len && memcmp(a1.data, b1.data, a1.len) == 0, "first document: shared context = fresh context");
    OK(a2.len == b2.len && memcmp(a2.data, b2.data, a2.len) == 0, "second document: shared context = fresh context");
    OK(a1.len != a2.len || memcmp(a1.data, a2.data, a1.len) != 0, "the two documents differ");
    fo_buf_free(&a1);
    fo_buf_free(&a2);
    fo_buf_free(&b1);
    fo_buf_free(&b2);
    fo_write_ctx_free(ctx);
    fo_doc_free(first);
    fo_doc_free(second);
}

/* `-t layout`: the pages the PDF draws, as text. */
static void test_layout_dump(void)
{
    fo_doc *doc = build_doc(NULL);
    fo_write_opts opts = {.style_dir = "styles"};
    fo_buf pdf = {0}, dump = {0};
    fo_diag d;
    fo_diag_init(&d, "built.txt", NULL);
    INT_EQ(fo_write_layout(doc, &opts, &dump, &d), 0, "layout: the built document is laid out");
    INT_EQ(fo_write_pdf(doc, &opts, &pdf, &d), 0, "layout: and drawn");
    size_t pages = 0;
    OK(sscanf(dump.data ? dump.data : "", "pages %zu,", &pages) == 1 && pages >= 2,
       "layout: it starts with the page count");
    INT_EQ(count(&pdf, "/Type /Page\n") + count(&pdf, "/Type /Page\r"), pages, "layout: as many pages as the PDF");
    INT_EQ(count(&dump, "\npage "), pages, "layout: each page has its heading");
    INT_EQ(count(&dump, "\n  footer    — "), pages, "layout: each page its page number");
    INT_EQ(count(&dump, "\n  header    全省法治建设工作会议材料汇编"), pages - 1,
           "layout: the running header from page 2 on");
    INT_EQ(count(&dump, "\n  title     y "), 1, "layout: the title is one line");
    INT_EQ(count(&dump, "\n  rule      y "), 1, "layout: the rule is a box of its own");
    INT_EQ(count(&dump, "\n  heading1  y "), 2, "layout: two top-level headings");
    OK(count(&dump, " keep: ") >= 3, "layout: headings and title lines are kept with what follows");
    OK(count(&dump, "]依托甘肃省委党校") >= 1, "layout: lines show their segments");
    fo_buf_free(&pdf);
    fo_buf_free(&dump);
    fo_doc_free(doc);
}

int main(void)
{
    test_layout_dump();
    test_context_reuse();
    test_choose_by_fontconfig();
    test_stand_ins();
    test_override_errors();
    test_subset_and_tounicode();
    test_writer_on_built_doc();
    test_writer_warnings();
    return harness_done();
}
