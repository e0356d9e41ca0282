/* test_html.c — the HTML reader on small pages written for the purpose: what it must find (the
 * article among navigation, comments and related lists; title, date, source, people; headings,
 * captions, lists, tables; the charset) and the near-misses it must leave alone.  Each page is
 * read, finished and dumped as the native tree, and the dump is searched. */
#include "harness.h"
#include "readers.h"
#include "writers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct result {
    fo_doc *doc;
    fo_diag diag;
    char *dump;     /* the native tree, or "" when the reader failed */
} result;

static result read_with(const char *html, size_t len, const fo_read_opts *opts)
{
    result r = {0};
    fo_diag_init(&r.diag, "page.html", NULL);
    r.doc = fo_read_html(html, len, opts, &r.diag);
    fo_buf out = {0};
    if (r.doc) {
        fo_doc_finish(r.doc);
        fo_write_native(r.doc, NULL, &out, &r.diag);
    }
    fo_buf_puts(&out, "");
    /* the positions (" @3:0") out of the dump: the checks look at structure */
    char *w = out.data;
    for (const char *c = out.data; *c; c++) {
        if (c[0] == ' ' && c[1] == '@' && c[2] >= '0' && c[2] <= '9') {
            c += 2;
            while ((*c >= '0' && *c <= '9') || *c == ':')
                c++;
            c--;
            continue;
        }
        *w++ = *c;
    }
    *w = '\0';
    r.dump = fo_buf_steal(&out);
    return r;
}

static result read_page(const char *html) { return read_with(html, strlen(html), NULL); }

static void done(result *r)
{
    fo_doc_free(r->doc);
    free(r->dump);
}

static bool has(const result *r, const char *s) { return strstr(r->dump, s) != NULL; }

/* In the document's text (not its metadata). */
static bool body_has(const result *r, const char *s)
{
    const char *doc = strstr(r->dump, "\ndocument\n");
    return doc && strstr(doc, s) != NULL;
}

/* Whether `text` is the title of a section. */
static bool is_heading(const result *r, const char *text)
{
    char want[256];
    snprintf(want, sizeof want, "text \"%s\"\n", text);
    for (const char *t = strstr(r->dump, "title: inlines\n"); t; t = strstr(t + 1, "title: inlines\n")) {
        const char *c = t + strlen("title: inlines\n");
        while (*c == ' ')
            c++;
        if (strncmp(c, want, strlen(want)) == 0)
            return true;
    }
    return false;
}

/* A page in the usual shape: navigation, headline, a date line, the article, related links,
 * comments and a footer.  `head` goes into <head>, `header` under the headline, `body` is the
 * article's own markup. */
static char *page(const char *head, const char *h1, const char *header, const char *body)
{
    fo_buf b = {0};
    fo_buf_printf(&b,
                  "<html><head>%s</head><body>"
                  "<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/a\">要闻</a> <a href=\"/b\">社会</a> "
                  "<a href=\"/c\">财经</a> <a href=\"/d\">体育</a></div>"
                  "<h1>%s</h1><div class=\"info\">%s</div>"
                  "<div class=\"article\">%s</div>"
                  "<div class=\"related\"><h3>相关新闻</h3><ul><li><a href=\"/1\">一条别的新闻的标题，很长很长的标题</a></li>"
                  "<li><a href=\"/2\">又一条别的新闻的标题，也是很长很长的标题</a></li></ul></div>"
                  "<div class=\"comments\"><p>网友：说得好，支持一下，希望能够落实到位！</p>"
                  "<p>网友：这个问题确实存在，我们那里也是一样，早该管管了。</p></div>"
                  "<div class=\"footer\">版权所有 某某网 京ICP备00000000号</div></body></html>",
                  head, h1, header, body);
    return fo_buf_steal(&b);
}

#define PARAS "<p>第一段正文，讲的是一件事情的来龙去脉，其中有逗号、句号和引号。</p>" \
              "<p>第二段正文，继续讲这件事情，说明它为什么重要，以及接下来会怎样。</p>" \
              "<p>第三段正文，引用了一位受访者的话：“这件事情办得好。”然后结束。</p>"

/* ---- the article among the page furniture ---- */

static void test_content(void)
{
    char *html = page("<title>某地推进一件事情_某某网</title>", "某地推进一件事情", "2024-03-05 10:20 来源：某某日报", PARAS);
    result r = read_page(html);
    OK(r.doc != NULL, "content: the page is read");
    OK(has(&r, "第一段正文") && has(&r, "第三段正文"), "content: every paragraph of the article");
    OK(!has(&r, "要闻") && !has(&r, "财经"), "content: no navigation");
    OK(!has(&r, "一条别的新闻") && !has(&r, "相关新闻"), "content: no related links");
    OK(!has(&r, "说得好") && !has(&r, "网友"), "content: no comments");
    OK(!has(&r, "ICP备") && !has(&r, "版权所有"), "content: no footer");
    STR_EQ(r.doc ? r.doc->meta.title : NULL, "某地推进一件事情", "title: the headline element");
    STR_EQ(r.doc ? r.doc->meta.date : NULL, "2024-03-05T10:20+08:00", "date: the date line under the headline");
    STR_EQ(r.doc ? r.doc->meta.source : NULL, "某某日报", "source: 来源： under the headline");
    done(&r);
    free(html);
}

/* Comments with more punctuation than a short article still lose: each sits in a box of its own. */
static void test_short_article_long_comments(void)
{
    char *html = page("<title>一句话新闻_某某网</title>", "一句话新闻", "2024-03-05",
                      "<p>据报道，某部门今天宣布了一项新的措施，自下月起施行。</p>");
    fo_buf b = {0};
    fo_buf_puts(&b, html);
    for (int i = 0; i < 12; i++)
        fo_buf_puts(&b, "<div class=\"cmt\"><div class=\"cmt-body\"><p>评论：这个措施好，早就该这样了，"
                        "希望各地抓紧落实，不要走过场，大家都盼着呢！</p></div></div>");
    result r = read_page(b.data);
    OK(has(&r, "据报道，某部门今天宣布了一项新的措施"), "short article: its one paragraph is the content");
    OK(!has(&r, "评论："), "short article: the comments around it are not");
    done(&r);
    fo_buf_free(&b);
    free(html);
}

/* ---- metadata ---- */

static void test_title(void)
{
    result r = read_page("<html><head><title>没有标题元素的文章--频道--某某网</title></head><body>"
                         "<div class=\"content\">" PARAS "</div></body></html>");
    STR_EQ(r.doc ? r.doc->meta.title : NULL, "没有标题元素的文章", "title: <title> without the site's suffixes");
    done(&r);
    r = read_page("<html><head><title>新闻动态--某某学会</title></head><body><h3>首页 - 新闻动态</h3>"
                  "<h5>学会年会在某地成功举行</h5><div class=\"content\">" PARAS "</div></body></html>");
    STR_EQ(r.doc ? r.doc->meta.title : NULL, "学会年会在某地成功举行",
           "title: a <title> naming only a column: the heading before the content, not the breadcrumb");
    done(&r);
    r = read_page("<html><head><title>长标题被截断了，后面还有...</title></head><body><h1>长标题被截断了，后面还有...</h1>"
                  "<div class=\"content\"><p style=\"display:none\">原标题：长标题被截断了，后面还有更多的字</p>" PARAS
                  "</div></body></html>");
    STR_EQ(r.doc ? r.doc->meta.title : NULL, "长标题被截断了，后面还有更多的字",
           "title: a headline cut short with ... gives way to the (hidden) 原标题");
    done(&r);
    r = read_page("<html><head><meta property=\"og:title\" content=\"开放图谱里的标题\"><title>站名</title></head><body>"
                  "<div class=\"content\">" PARAS "</div></body></html>");
    STR_EQ(r.doc ? r.doc->meta.title : NULL, "开放图谱里的标题", "title: og:title when no element matches");
    done(&r);
}

static void test_dates(void)
{
    static const struct { const char *head, *header, *want, *what; } cases[] = {
        {"<meta property=\"article:published_time\" content=\"2019-09-07T13:43:45+08:00\">", "", "2019-09-07T13:43:45+08:00",
         "date: article:published_time with seconds and zone"},
        {"<meta name=\"PubDate\" content=\"2016-11-22 09:53\">", "", "2016-11-22T09:53+08:00", "date: PubDate"},
        {"<meta name=\"publishdate\" content=\"2019-06-15\">", "2019年06月15日08:18 来源：某网", "2019-06-15T08:18+08:00",
         "date: the date line's time where <meta> gives only the day"},
        {"", "<span>发布时间：18-03-08</span><span>23:16</span>", "2018-03-08T23:16+08:00", "date: a two-digit year"},
        {"", "<span>2019-12-10 07:57:40</span>", "2019-12-10T07:57:40+08:00", "date: seconds kept"},
        {"", "<span>发布时间：10-08</span><span>12:00</span>", NULL, "date: month and day without a year is no date"},
        {"<meta itemprop=\"dateUpdate\" content=\"2019-10-08 12:00:57\">", "", NULL, "date: an update time is no publication date"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *html = page(cases[i].head, "某地推进一件事情", cases[i].header, PARAS);
        result r = read_page(html);
        STR_EQ(r.doc ? r.doc->meta.date : NULL, cases[i].want, cases[i].what);
        done(&r);
        free(html);
    }
}

static const fo_author *find_person(const fo_doc *doc, const char *name)
{
    for (const fo_author *a = doc ? doc->meta.authors : NULL; a; a = a->next)
        if (strcmp(a->name, name) == 0)
            return a;
    return NULL;
}

static void test_people_and_source(void)
{
    char *html = page("<meta name=\"author\" content=\"某某网\"><title>标题_某某网</title>", "标题",
                      "2024-03-05 10:20:00&nbsp;来源：<a>某某日报</a><a class=\"r\">举报</a>",
                      "<p>新华社北京3月5日电（记者 张三 李四）第一段正文，讲的是一件事情的来龙去脉。</p>" PARAS
                      "<p>（责任编辑：王五）</p><p>这一行在编辑之后，是页脚。</p>");
    result r = read_page(html);
    STR_EQ(r.doc ? r.doc->meta.source : NULL, "某某日报", "source: the widget beside it (举报) left out");
    OK(find_person(r.doc, "张三") && find_person(r.doc, "李四"), "people: the reporters of the dateline");
    const fo_author *ed = find_person(r.doc, "王五");
    OK(ed && ed->role && strcmp(ed->role, "责任编辑") == 0, "people: the editor from （责任编辑：…）");
    OK(!find_person(r.doc, "某某网"), "people: <meta name=author> naming the site is no person");
    OK(has(&r, "新华社北京3月5日电"), "dateline: stays in the text");
    OK(!body_has(&r, "责任编辑") && !body_has(&r, "是页脚"), "credits: the editor line and what follows are not text");
    done(&r);
    free(html);
    static const struct { const char *line, *name, *what; } bylines[] = {
        {"石佳/某某青年报", "石佳", "byline: name/paper"},
        {"某某新闻记者 贺某某", "贺某某", "byline: outlet + 记者 + name"},
        {"【文/某某网专栏作者 王文】", "王文", "byline: 【文/…作者 name】"},
        {"中国某工程新闻发言人 武平", "武平", "byline: a spokesman"},
        {"摄影/张艳 编辑/苏芳", "张艳", "credits: ROLE/NAME"},
        {"编辑|陈某某", "陈某某", "credits: ROLE|NAME"},
    };
    for (size_t i = 0; i < sizeof bylines / sizeof bylines[0]; i++) {
        char body[1024];
        snprintf(body, sizeof body, "<p>%s</p>" PARAS, bylines[i].line);
        html = page("", "标题", "", body);
        r = read_page(html);
        OK(find_person(r.doc, bylines[i].name) != NULL, bylines[i].what);
        done(&r);
        free(html);
    }
    html = page("", "标题", "来源：本站原创 作者：某某党支部", PARAS "<p>微信扫一扫赞赏作者 赞赏</p>");
    r = read_page(html);
    OK(!find_person(r.doc, "某某党支部"), "people: 作者： naming an office is no person");
    OK(!find_person(r.doc, "赞赏"), "people: a tip button is no byline");
    done(&r);
    free(html);
    html = page("", "标题", "", "<p>第一段正文，讲的是一件事情的来龙去脉，其中有逗号。</p><p>最后一段正文到此结束。（文/图 刘某东 易某楠）</p>");
    r = read_page(html);
    OK(find_person(r.doc, "刘某东") && find_person(r.doc, "易某楠"), "people: (文/图 …) closing the last paragraph");
    done(&r);
    free(html);
}

/* ---- the body ---- */

static void test_headings(void)
{
    char *html = page("", "标题", "",
                      "<p>导语段落，说明全文要讲的几件事情，内容比较长，有逗号。</p>"
                      "<h2>第二级标题元素</h2><p>正文段落，属于第一个小节，讲了一些事情。</p>"
                      "<p><strong>加粗的小标题</strong></p><p>正文段落，属于加粗小标题，也讲了一些事情。</p>"
                      "<p><b>一句加粗的话，</b></p><p><b>紧接着又一句加粗</b></p><p><b>然后结束了。</b></p>"
                      "<p>01</p><p>编号后面的标题</p><p>正文段落，属于编号的小节，还是讲一些事情。</p>"
                      "<p><strong>点评：</strong></p><p>这是一段点评文字，说明作者的看法，比较长。</p>"
                      "<p><strong>——（宋）陆游</strong></p><p>正文段落，在署名之后，继续讲述事情。</p>");
    result r = read_page(html);
    OK(has(&r, "section level=1") && is_heading(&r, "第二级标题元素"), "headings: <h2>");
    OK(has(&r, "section level=2") && is_heading(&r, "加粗的小标题"), "headings: a bold line, below the <h2>");
    OK(!is_heading(&r, "紧接着又一句加粗") && has(&r, "strong\n          text \"紧接着又一句加粗\""),
       "headings: a bold line inside a bold passage stays text");
    OK(has(&r, "label=\"01\"") && is_heading(&r, "编号后面的标题"), "headings: the line after a section number 01");
    OK(!body_has(&r, "text \"01\""), "headings: ...the number is its label, not text");
    OK(has(&r, "head: inlines\n          text \"点评：\"\n        text \"这是一段点评文字"),
       "labels: a bold 点评： heads the next paragraph");
    OK(!is_heading(&r, "——（宋）陆游") && body_has(&r, "——（宋）陆游"), "headings: an attribution line is no heading");
    done(&r);
    free(html);
}

static void test_captions_lists_quotes(void)
{
    char *html = page("", "标题", "",
                      "<p>导语段落，说明全文要讲的几件事情，内容比较长，有逗号。</p>"
                      "<p style=\"text-align:center\"><img src=\"https://img.example.com/a.jpg\"></p>"
                      "<p style=\"text-align:center\">某地群众在广场上参加活动。 某某 摄</p>"
                      "<p class=\"f_center\"><img src=\"https://img.example.com/b.jpg\">照片自己段落里的说明</p>"
                      "<div><img data-src=\"https://img.example.com/real.jpg\" src=\"data:image/gif;base64,R0lGOD\"></div>"
                      "<p>▲箭头开头的图片说明。</p>"
                      "<ul><li>第一项，说明一件事；</li><li>第二项，说明另一件事。</li></ul>"
                      "<ol start=\"3\"><li>第三条</li></ol>"
                      "<blockquote><p>一段引文，出自某人的讲话。</p></blockquote>"
                      "<pre>code line 1\n  code line 2</pre>"
                      "<p>结尾段落，总结全文，并且提到《某某日报》的报道。</p>");
    result r = read_page(html);
    OK(has(&r, "figure image=\"https://img.example.com/a.jpg\" credit=\"某某 摄\""), "captions: image with the credit apart");
    OK(has(&r, "text \"某地群众在广场上参加活动。\""), "captions: the centred line under the photo");
    OK(has(&r, "text \"照片自己段落里的说明\""), "captions: text in the photo's own paragraph");
    OK(has(&r, "image=\"https://img.example.com/real.jpg\""), "images: data-src before a data: placeholder");
    OK(has(&r, "text \"箭头开头的图片说明。\""), "captions: ▲ dropped");
    OK(has(&r, "list bullet") && has(&r, "list ordered start=3"), "lists: <ul> and <ol start>");
    OK(has(&r, "blockquote"), "quotes: <blockquote>");
    OK(has(&r, "role=preformatted") && has(&r, "linebreak"), "pre: line breaks kept");
    OK(has(&r, "citetitle"), "inlines: 《》 titles");
    OK(r.diag.warnings == 1 && strstr(r.diag.last, "3 images are not available locally"), "images: one warning counts the remote ones");
    done(&r);
    free(html);
}

/* Which attribute names the picture: a lazy-loading page's data-src before a placeholder src, but a
 * local src (what a page saved "complete" holds) before a remote data-src. */
static void test_image_sources(void)
{
    char *html = page("", "标题", "",
                      "<p>导语段落，说明全文要讲的几件事情，内容比较长，有逗号。</p>"
                      "<p><img data-src=\"https://img.example.com/640?wx_fmt=jpeg\" src=\"page_files/640.webp\"></p>"
                      "<p>第二段正文，继续讲这件事情，内容比较长，也有逗号。</p>"
                      "<p><img data-src=\"page_files/real.jpg\" src=\"page_files/loading.gif\"></p>"
                      "<p>第三段正文，继续讲这件事情，内容比较长，也有逗号。</p>"
                      "<p><img data-src=\"https://img.example.com/lazy.jpg\" src=\"https://img.example.com/blank.png\"></p>"
                      "<p>第四段正文，继续讲这件事情，内容比较长，也有逗号。</p>"
                      "<p><img data-original=\" https://img.example.com/orig.jpg \" src=\"\"></p>"
                      "<p>结尾段落，总结全文，内容比较长，也有逗号。</p>");
    result r = read_page(html);
    OK(has(&r, "figure image=\"page_files/640.webp\""), "images: a local src before a remote data-src (a saved page)");
    OK(has(&r, "figure image=\"page_files/real.jpg\""), "near miss: a local data-src before a local placeholder src");
    OK(has(&r, "figure image=\"https://img.example.com/lazy.jpg\""), "near miss: a remote data-src before a remote src");
    OK(has(&r, "figure image=\"https://img.example.com/orig.jpg\""), "images: data-original trimmed, before an empty src");
    done(&r);
    free(html);
}

/* Whether `text` is a text node right under a figure's caption. */
static bool is_caption(const result *r, const char *text)
{
    char want[256];
    snprintf(want, sizeof want, "text \"%s\"", text);
    const char *t = strstr(r->dump, want), *line = t;
    if (!t)
        return false;
    while (line > r->dump && line[-1] != '\n') /* the start of its line, then of the line before */
        line--;
    const char *prev = line > r->dump ? line - 1 : line;
    while (prev > r->dump && prev[-1] != '\n')
        prev--;
    return strncmp(prev + strspn(prev, " "), "caption: inlines", 16) == 0;
}

/* <figure> with <figcaption>: the page's own word that a line is a caption, however plain it looks. */
static void test_figcaption(void)
{
    char *html = page("", "标题", "",
                      "<p>导语段落，说明全文要讲的几件事情，内容比较长，有逗号。</p>"
                      "<figure><img src=\"https://img.example.com/a.jpg\"><figcaption>新修的水渠通水了。</figcaption></figure>"
                      "<p>第二段正文，继续讲这件事情，说明它为什么重要，以及接下来会怎样。</p>"
                      "<figure><img src=\"https://img.example.com/b.jpg\"></figure>"
                      "<p>村民们说。</p>"
                      "<p>结尾段落，总结全文，并且提到《某某日报》的报道。</p>");
    result r = read_page(html);
    OK(is_caption(&r, "新修的水渠通水了。"), "figcaption: a plain sentence in <figcaption> is the figure's caption");
    OK(has(&r, "text \"村民们说。\"") && !is_caption(&r, "村民们说。"),
       "near miss: the same kind of line after a photo without <figcaption> stays text");
    done(&r);
    free(html);
}

static void test_alt_and_runins(void)
{
    char *html = page("", "标题", "",
                      "<p>导语段落，说明全文要讲的几件事情，内容比较长，有逗号。</p>"
                      "<img alt=\"河边的纸团。某某供图\" src=\"https://img.example.com/c.jpg\">河边的纸团。某某供图"
                      "<p>加强宣传解读。依托三大阵地设立专栏，刊发理论文章，形成声势。</p>"
                      "<p>深入研究阐释。依托三个研究基地，深化红色法治文化研究，出版成果。</p>"
                      "<h2>另一节</h2><p>报警人描述的位置。该楼栋总共二十九层，每层有二十六间房屋。</p>");
    result r = read_page(html);
    OK(has(&r, "caption: inlines\n      text \"河边的纸团。\""), "captions: text repeating the photo's alt, in the article's own box");
    OK(has(&r, "head: inlines\n      text \"加强宣传解读。\"") && has(&r, "head: inlines\n      text \"深入研究阐释。\""),
       "run-in heads: a series of short first sentences (the text reader's rule)");
    OK(!has(&r, "text \"报警人描述的位置。\"\n"), "run-in heads: one alone in its section is no run-in head");
    done(&r);
    free(html);
}

static void test_tables(void)
{
    char *html = page("", "标题", "",
                      "<p>导语段落，说明全文要讲的几件事情，内容比较长，有逗号。</p>"
                      "<table><caption>表一</caption><thead><tr><th rowspan=\"2\">地区</th><th colspan=\"2\">数量</th></tr>"
                      "<tr><th>去年</th><th>今年</th></tr></thead>"
                      "<tbody><tr><td>甲</td><td>1</td><td>2</td></tr><tr><td>乙</td><td colspan=\"9999\">3</td></tr></tbody></table>"
                      "<table><tr><td><p>这是用表格排版的一大段正文，里面有很多的文字，讲了很多事情，足够长，足够长，足够长，足够长，足够长，足够长。</p>"
                      "<p>又一段排版表格里的正文，同样很长，有逗号，有句号，足够长，足够长，足够长，足够长，足够长。</p></td></tr></table>"
                      "<p>结尾段落，总结全文。</p>");
    result r = read_page(html);
    OK(has(&r, "table cols=3"), "tables: a data table, its columns from the spans (an oversized colspan cut to them)");
    OK(has(&r, "cell col=0 rowspan=2 header") && has(&r, "cell col=1 colspan=2 header"), "tables: rowspan, colspan, <th>");
    OK(has(&r, "row header\n      cell col=1 header"), "tables: the second header row starts after the row span");
    OK(has(&r, "cell col=1 colspan=2\n        para\n          text \"3\""), "tables: colspan=9999 is cut to the table's columns");
    OK(has(&r, "caption: inlines\n      text \"表一\""), "tables: <caption>");
    OK(has(&r, "para\n    text \"这是用表格排版的一大段正文") , "tables: a layout table is read as paragraphs");
    done(&r);
    free(html);
}

static void test_end_and_furniture(void)
{
    char *html = page("", "标题", "",
                      "<p>图集</p>" PARAS
                      "<p>扫描下方二维码关注我们</p><p>延伸阅读</p><p><a href=\"/x\">另一篇文章的标题在这里出现</a></p>");
    result r = read_page(html);
    OK(!has(&r, "图集"), "edges: a tab label before the first paragraph is furniture");
    OK(!has(&r, "二维码"), "furniture: QR prompts");
    OK(!has(&r, "延伸阅读") && !has(&r, "另一篇文章"), "end: 延伸阅读 and what follows");
    done(&r);
    free(html);
}

/* ---- charsets ---- */

static void test_charsets(void)
{
    /* "标题" "正文内容，" in GB18030 */
    static const char gb[] = "<html><head><meta charset=\"gb2312\"><title>\xB1\xEA\xCC\xE2</title></head><body>"
                             "<div class=\"content\"><p>\xD5\xFD\xCE\xC4\xC4\xDA\xC8\xDD\xA3\xAC"
                             "\xD5\xFD\xCE\xC4\xC4\xDA\xC8\xDD\xA3\xAC\xD5\xFD\xCE\xC4\xC4\xDA\xC8\xDD\xA1\xA3</p></div></body></html>";
    result r = read_with(gb, sizeof gb - 1, NULL);
    OK(has(&r, "正文内容，正文内容，正文内容。"), "charset: GB2312 declared and used, read as GB18030");
    STR_EQ(r.doc ? r.doc->meta.title : NULL, "标题", "charset: the <title> too");
    done(&r);
    static const char liar[] = "<html><head><meta charset=\"gb2312\"></head><body><div class=\"content\">"
                               "<p>字节其实是UTF-8，正文内容，正文内容，正文内容。</p></div></body></html>";
    r = read_with(liar, sizeof liar - 1, NULL);
    OK(has(&r, "字节其实是UTF-8"), "charset: valid UTF-8 is UTF-8 whatever the page declares");
    done(&r);
    static const char none[] = "<html><body><div class=\"content\"><p>\xD5\xFD\xCE\xC4\xC4\xDA\xC8\xDD\xA3\xAC"
                               "\xD5\xFD\xCE\xC4\xC4\xDA\xC8\xDD\xA3\xAC\xD5\xFD\xCE\xC4\xC4\xDA\xC8\xDD\xA1\xA3</p></div></body></html>";
    r = read_with(none, sizeof none - 1, NULL);
    OK(has(&r, "正文内容"), "charset: nothing declared and not UTF-8: GB18030");
    done(&r);
    static const char says_utf8[] = "<html><head><meta charset=\"utf-8\"></head><body><div class=\"content\"><p>"
                                    "\xD5\xFD\xCE\xC4\xC4\xDA\xC8\xDD\xA3\xAC\xD5\xFD\xCE\xC4\xC4\xDA\xC8\xDD\xA3\xAC"
                                    "\xD5\xFD\xCE\xC4\xC4\xDA\xC8\xDD\xA1\xA3</p></div></body></html>";
    r = read_with(says_utf8, sizeof says_utf8 - 1, NULL);
    OK(has(&r, "正文内容") && r.diag.warnings >= 1, "charset: declares UTF-8 but is GB18030: read as GB18030, with a warning");
    done(&r);
    static const char damaged[] = "<html><body><div class=\"content\"><p>正文内容，正文内容\xFF，正文内容，正文内容，正文内容。</p>"
                                  "<p>第二段正文内容，正文内容，正文内容，正文内容。</p></div></body></html>";
    r = read_with(damaged, sizeof damaged - 1, NULL);
    OK(has(&r, "正文内容\xEF\xBF\xBD，") && strstr(r.diag.last, "1 bytes are not valid UTF-8"),
       "charset: damaged UTF-8 stays UTF-8, the bad byte a U+FFFD, counted");
    done(&r);
    static const char bom16[] = "\xFF\xFE<\0p\0>\0\x63\x6B\x87\x65\x85\x51\xB9\x5B\x0C\xFF\x63\x6B\x87\x65\x85\x51\xB9\x5B"
                                "\x0C\xFF\x63\x6B\x87\x65\x85\x51\xB9\x5B\x02\x30<\0/\0p\0>\0";
    r = read_with(bom16, sizeof bom16 - 1, NULL);
    OK(has(&r, "正文内容，正文内容，正文内容。"), "charset: a UTF-16 BOM");
    done(&r);
}

/* ---- errors ---- */

static void test_errors(void)
{
    fo_buf deep = {0};
    fo_buf_puts(&deep, "<html><body>");
    for (int i = 0; i < 400; i++)
        fo_buf_puts(&deep, "<div>");
    fo_buf_puts(&deep, "深处的文字，很深很深。");
    result r = read_with(deep.data, deep.len, NULL);
    OK(!r.doc && strstr(r.diag.last, "256 deep"), "errors: nesting past 256 elements is refused, not cut short");
    done(&r);
    fo_buf_free(&deep);
    static const char nul[] = "<html><body><p>正文\0正文</p></body></html>";
    r = read_with(nul, sizeof nul - 1, NULL);
    OK(!r.doc && strstr(r.diag.last, "NUL byte"), "errors: a NUL byte is a binary file");
    done(&r);
    r = read_page("<html><head><title>只有导航</title></head><body><div class=\"nav\"><a href=\"/\">首页</a></div></body></html>");
    OK(!r.doc && strstr(r.diag.last, "no article text"), "errors: a page of navigation only");
    done(&r);
    r = read_page("");
    OK(!r.doc, "errors: an empty page");
    done(&r);
}

/* ---- local images ---- */

static const unsigned char tiny_gif[] = {
    'G', 'I', 'F', '8', '9', 'a', 2, 0, 2, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF,
    0x2C, 0, 0, 0, 0, 2, 0, 2, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B,
};

static void test_local_images(void)
{
    char dir[] = "/tmp/folio-html-test.XXXXXX";
    if (!mkdtemp(dir)) {
        OK(0, "images: temporary directory");
        return;
    }
    char input[256], good[256], bad[256];
    snprintf(input, sizeof input, "%s/page.html", dir);
    snprintf(good, sizeof good, "%s/ok.gif", dir);
    snprintf(bad, sizeof bad, "%s/cut.gif", dir);
    FILE *f = fopen(good, "wb");
    fwrite(tiny_gif, 1, sizeof tiny_gif, f);
    fclose(f);
    f = fopen(bad, "wb");
    fwrite(tiny_gif, 1, sizeof tiny_gif - 5, f);
    fclose(f);
    fo_read_opts opts = {.input_path = input};
    char *html = page("", "标题", "", "<p>导语段落，说明全文要讲的几件事情，内容比较长，有逗号。</p><p><img src=\"ok.gif\"></p>"
                                   "<p><img src=\"../../etc/passwd\"></p>" PARAS);
    result r = read_with(html, strlen(html), &opts);
    OK(has(&r, "image=\"ok.gif\" picture=image/gif:2x2:35"), "images: a local GIF is loaded and checked");
    OK(has(&r, "image=\"../../etc/passwd\"\n"), "images: a path out of the folder keeps its reference, unread");
    OK(r.diag.warnings == 1 && strstr(r.diag.last, "outside the input's folder"), "images: ...and is refused with a warning");
    done(&r);
    free(html);
    html = page("", "标题", "", "<p>导语段落，说明全文要讲的几件事情，内容比较长，有逗号。</p><p><img src=\"cut.gif\"></p>" PARAS);
    r = read_with(html, strlen(html), &opts);
    OK(!r.doc && strstr(r.diag.last, "cut.gif") && strstr(r.diag.last, "truncated"), "images: a damaged image is an error naming it");
    done(&r);
    opts.skip_bad_images = true;
    r = read_with(html, strlen(html), &opts);
    OK(r.doc && has(&r, "image=\"cut.gif\"\n") && strstr(r.diag.last, "left out"),
       "images: --skip-bad-images: a warning and the figure without its picture");
    done(&r);
    free(html);
    unlink(good);
    unlink(bad);
    rmdir(dir);
}

int main(void)
{
    test_content();
    test_short_article_long_comments();
    test_title();
    test_dates();
    test_people_and_source();
    test_headings();
    test_captions_lists_quotes();
    test_image_sources();
    test_figcaption();
    test_alt_and_runins();
    test_tables();
    test_end_and_furniture();
    test_charsets();
    test_errors();
    test_local_images();
    return harness_done();
}
