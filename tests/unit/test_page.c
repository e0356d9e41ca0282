/* test_page.c — the page stages (read_page.h): zones, titles, metadata, headings, captions and
 * authors decided over a whole page.  Every page here is written for the test (never text of the
 * corpus); each shows what a rule must catch and the near-miss it must leave alone. */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "harness.h"
#include "read_page.h"
#include "readers.h"
#include "text.h"
#include "writers.h"

/* The text read as folio reads a file (fo_read_bytes: decoded, read, finished, checked). */
static fo_doc *read(const char *text)
{
    fo_diag d;
    fo_diag_init(&d, "test", NULL);
    return fo_read_bytes(fo_input_format_by_name("text"), text, strlen(text), NULL, NULL, &d);
}

static char *native(const fo_doc *doc)
{
    fo_buf b = {0};
    fo_diag d;
    fo_diag_init(&d, "test", NULL);
    fo_write_native(doc, NULL, &b, &d);
    return fo_buf_steal(&b);
}

/* The native dump holds `want` (or, with `absent`, does not). */
static void dump_has(const fo_doc *doc, const char *want, bool absent, const char *what)
{
    char *dump = doc ? native(doc) : NULL;
    bool found = dump && strstr(dump, want);
    OK(doc && found != absent, what);
    free(dump);
}

static const char *author_named(const fo_doc *doc, const char *name)
{
    for (const fo_author *a = doc->meta.authors; a; a = a->next)
        if (strcmp(a->name, name) == 0)
            return a->role ? a->role : "";
    return NULL;
}

#define PROSE "这是一段很长的正文，讲述了全省各地认真落实各项部署要求的做法，取得了明显的成效。"
#define PROSE2 "各地还结合实际创新工作方法，群众的获得感和满意度不断提升，受到社会各界好评。"

static void test_title_and_chrome(void)
{
    fo_doc *doc = read("跳至主要內容\n欢迎访问某某市人民政府！\n首页 > 新闻中心 > 工作动态\n"
                       "某某会议召开\n发布时间：2025-01-16 09:30  来源：某某日报  浏览次数：123\n分享到：\n" PROSE "\n");
    if (OK(doc != NULL, "page: reads")) {
        STR_EQ(doc->meta.title, "某某会议召开", "title: the line above the metadata block");
        STR_EQ(doc->meta.date, "2025-01-16T09:30+08:00", "date: from the metadata block, a counter beside it");
        STR_EQ(doc->meta.source, "某某日报", "source");
        OK(doc->meta.category && strcmp(doc->meta.category->str, "新闻中心") == 0, "breadcrumb: the category path");
        dump_has(doc, "欢迎访问", true, "chrome: a welcome banner above the title is no text");
        dump_has(doc, "分享到", true, "furniture: a share widget is no text");
        fo_doc_free(doc);
    }
    /* no metadata: the title is the short line above the first long sentence */
    doc = read("简体版 英文版 寄给朋友\n某某部门答记者问\n*******\n" PROSE "\n");
    if (OK(doc != NULL, "page without metadata reads")) {
        STR_EQ(doc->meta.title, "某某部门答记者问", "title: above the first long sentence, past a rule");
        dump_has(doc, "寄给朋友", true, "chrome: a row of links above the title");
        fo_doc_free(doc);
    }
    /* near-miss: a page that opens with its text has no title, and loses nothing */
    doc = read(PROSE "\n一、总体要求\n" PROSE2 "\n");
    if (OK(doc != NULL, "page opening with text reads")) {
        OK(doc->meta.title == NULL, "no title: the page opens with its text");
        dump_has(doc, "label=\"一\"", false, "a numbered heading is never a title");
        fo_doc_free(doc);
    }
    /* near-miss: verse at the top of a photo story is no title */
    doc = read("已是初春\n又是一年春来\n共商大事\n又整装向前\n△代表们步入会场。\n△会前，记者们在会场拍摄。\n");
    if (OK(doc != NULL, "verse page reads")) {
        OK(doc->meta.title == NULL, "no title: a run of short lines is verse, not a title");
        dump_has(doc, "已是初春", false, "the verse stays text");
        dump_has(doc, "caption: inlines", false, "△ lines are captions");
        fo_doc_free(doc);
    }
}

static void test_dates(void)
{
    /* a crawl date above the breadcrumb is the site's, the header's date is the article's */
    fo_doc *doc = read("某某区人民政府 2019年12月3日星期二\n当前位置：首页 > 政务公开\n某某工作报告\n"
                       "来源：某某办公室 发布时间：2024-03-28 09:18\n" PROSE "\n");
    if (OK(doc != NULL, "crawl date page reads"))
        STR_EQ(doc->meta.date, "2024-03-28T09:18+08:00", "date: the header's, not the crawl date's");
    fo_doc_free(doc);
    /* an e-paper's issue date above the title, when the page shows no other */
    doc = read("2018年02月07日 星期三 返回首页 | 版面导航\n某某活动送春联\n本报讯（记者 张小明）" PROSE "\n");
    if (OK(doc != NULL, "e-paper reads")) {
        STR_EQ(doc->meta.date, "2018-02-07", "date: an e-paper's issue date above the title");
        OK(author_named(doc, "张小明") != NULL, "dateline: the reporter");
    }
    fo_doc_free(doc);
    /* a release stamp at the foot: date, then time */
    doc = read("某某司长赴京\n" PROSE "\n" PROSE2 "\n2025年7月23日（星期三）\n香港時間18時00分\n即日新聞\n");
    if (OK(doc != NULL, "stamp page reads")) {
        STR_EQ(doc->meta.date, "2025-07-23T18:00+08:00", "date: the release stamp at the foot");
        dump_has(doc, "即日新聞", true, "footer: after the stamp");
    }
    fo_doc_free(doc);
    /* near-miss: a date under a signature is the document's, not its publication */
    doc = read("关于做好某项工作的通知\n各有关单位：\n" PROSE "\n某某市人民政府办公室\n2022年5月30日\n");
    if (OK(doc != NULL, "signed notice reads")) {
        OK(doc->meta.date == NULL, "no publication date: the signature's date is not one");
        STR_EQ(doc->meta.doc_date, "2022-05-30", "document date: under the signature");
    }
    fo_doc_free(doc);
    /* empty keys give no date, a key's value on the next line does */
    doc = read("某某会议召开\n发布时间：\n2025-05-22 10:03\n信息来源：\n今日某某\n分享到：\n" PROSE "\n");
    if (OK(doc != NULL, "split metadata reads")) {
        STR_EQ(doc->meta.date, "2025-05-22T10:03+08:00", "date: the value on the line after its key");
        STR_EQ(doc->meta.source, "今日某某", "source: the value on the line after its key");
        dump_has(doc, "text \"今日某某\"", true, "the values are no text");
    }
    fo_doc_free(doc);
    /* a letter-spaced role key: the role is the word, not the key's first characters with a space */
    doc = read("某某会议召开\n发布时间：2025-05-22 10:03\n编　　辑：张三\n" PROSE "\n");
    if (OK(doc != NULL, "a letter-spaced role reads")) {
        const fo_author *a = doc->meta.authors;
        OK(a && !strcmp(a->name, "张三") && a->role && !strcmp(a->role, "编辑"), "编　　辑：张三: the role 编辑");
    }
    fo_doc_free(doc);
    doc = read("某某新闻稿\n  • 發布日期:\n  • 最後更新日期:\n  • 點閱次數:2624\n" PROSE "\n");
    if (OK(doc != NULL, "empty dates read"))
        OK(doc->meta.date == NULL, "no date: empty keys take no value from the next field");
    fo_doc_free(doc);
}

static void test_titles(void)
{
    fo_doc *doc = read("某某省某某厅\n关于印发某某工作规划的通知\n某发〔2022〕11号\n各有关单位：\n" PROSE "\n");
    if (OK(doc != NULL, "notice reads")) {
        STR_EQ(doc->meta.title, "某某省某某厅关于印发某某工作规划的通知", "title: an official title's lines joined");
        STR_EQ(doc->meta.doc_number, "某发〔2022〕11号", "document number");
    }
    fo_doc_free(doc);
    /* a line of a lone full stop is no document number (an empty one: fuzz_docbook) */
    doc = read("。\n");
    if (OK(doc != NULL, "a lone full stop reads"))
        OK(doc->meta.doc_number == NULL, "a lone full stop is no document number");
    fo_doc_free(doc);
    doc = read("某某省某某厅关于开展2025年度\n某某宣传活动的通知\n各有关单位：\n" PROSE "\n");
    OK(doc && doc->meta.title && strcmp(doc->meta.title, "某某省某某厅关于开展2025年度某某宣传活动的通知") == 0,
       "title: an organ's title split after 关于 is one title");
    fo_doc_free(doc);
    doc = read("关于春天的回忆\n一份来自乡村的报告\n2025-01-16 来源：某报\n" PROSE "\n");
    OK(doc && doc->meta.subtitle && strcmp(doc->meta.subtitle, "一份来自乡村的报告") == 0,
       "near-miss: 关于 in a headline over a deck is no official title");
    fo_doc_free(doc);
    doc = read("一个人，一座城\n某某网邀您评选年度字\n本报讯 " PROSE "\n");
    if (OK(doc != NULL, "kicker reads"))
        STR_EQ(doc->meta.title, "某某网邀您评选年度字", "title: a slogan above it is a kicker");
    fo_doc_free(doc);
    doc = read("出席某某会议\n并对某国进行访问\n某某抵达某地\n与某某举行会见\n（ 2019-10-12 ） 稿件来源：某某电讯\n" PROSE "\n");
    if (OK(doc != NULL, "decks read")) {
        STR_EQ(doc->meta.title, "某某抵达某地与某某举行会见", "title: lines that continue a phrase join, the occasion is a kicker");
        STR_EQ(doc->meta.source, "某某电讯", "source");
    }
    fo_doc_free(doc);
    doc = read("某某冲突加剧双方各有伤亡\n国际社会呼吁和平解决争端\n本报某地1月28日电记者张小明报道：" PROSE "\n");
    if (OK(doc != NULL, "two decks read")) {
        STR_EQ(doc->meta.title, "某某冲突加剧双方各有伤亡", "title: the first deck");
        STR_EQ(doc->meta.subtitle, "国际社会呼吁和平解决争端", "subtitle: the second deck");
        OK(author_named(doc, "张小明") != NULL, "dateline: 电记者X报道");
    }
    fo_doc_free(doc);
    doc = read("【转发】关于某某工作的报告-某某新闻网\n2014年04月04日 浏览次数:\n" PROSE "\n");
    if (OK(doc != NULL, "tagged title reads")) {
        STR_EQ(doc->meta.title, "关于某某工作的报告", "title: the tag and the site's name stripped");
        OK(doc->meta.category && strcmp(doc->meta.category->str, "转发") == 0, "the tag goes to the category");
    }
    fo_doc_free(doc);
    doc = read("某某会议召开_某某市人民政府\n2025-01-16 来源：某某局\n" PROSE "\n");
    STR_EQ(doc ? doc->meta.title : NULL, "某某会议召开", "title: a government's name after _ is its site's");
    fo_doc_free(doc);
    doc = read("某某工作推进会召开-某某县政府\n2025-01-16 来源：某某局\n" PROSE "\n");
    STR_EQ(doc ? doc->meta.title : NULL, "某某工作推进会召开", "title: a county government after - is its site's");
    fo_doc_free(doc);
    doc = read("深化改革 | 建设人民满意的服务型政府\n2025-01-16 来源：某某局\n" PROSE "\n");
    STR_EQ(doc ? doc->meta.title : NULL, "深化改革 | 建设人民满意的服务型政府",
           "near-miss: a phrase ending in 政府 that names no government stays");
    fo_doc_free(doc);
    doc = read("某某网 > 正文\n某某会议召开-某某网\n2025-01-16 来源：某某日报\n" PROSE "\n");
    if (OK(doc != NULL, "breadcrumb to 正文 reads")) {
        STR_EQ(doc->meta.title, "某某会议召开", "title: under a breadcrumb to 正文, its site's name stripped");
        STR_EQ(doc->meta.publisher, "某某网", "breadcrumb to 正文: the site");
        OK(doc->meta.category == NULL, "breadcrumb to 正文: 正文 is no category");
    }
    fo_doc_free(doc);
    doc = read("某某市人民政府门户网站\n某某市物业管理条例\n发布时间：2025年01月16日 16时16分\n" PROSE "\n");
    if (OK(doc != NULL, "site name over a law reads")) {
        STR_EQ(doc->meta.title, "某某市物业管理条例", "title: the site's name above it is no deck of it");
        OK(doc->meta.subtitle == NULL, "site name over the title: no subtitle");
    }
    fo_doc_free(doc);
    doc = read("某某县人民政府\n某某县春季造林绿化技术方案\n时间：2025-03-01 来源：县林业局\n" PROSE "\n");
    STR_EQ(doc ? doc->meta.title : NULL, "某某县春季造林绿化技术方案",
           "title: a government's name over a title of its own is the site's, not the issuer's half");
    fo_doc_free(doc);
    doc = read("某某县人民政府办公室\n印发某某县春季造林绿化技术方案的通知\n时间：2025-03-01\n" PROSE "\n");
    STR_EQ(doc ? doc->meta.title : NULL, "某某县人民政府办公室印发某某县春季造林绿化技术方案的通知",
           "near-miss: an organ over what it issues (印发…的通知) is one title");
    fo_doc_free(doc);
    doc = read("图片新闻\n▲ 市民在公园内赏花。 张小明 摄\n▲ 游客在景区拍照留念。 李大力 摄\n");
    if (OK(doc != NULL, "captions under a channel's name read")) {
        OK(doc->meta.title == NULL, "no title: a channel's name over captions alone");
        dump_has(doc, "市民在公园内赏花", false, "the captions stay");
    }
    fo_doc_free(doc);
    doc = read("新闻发布会\n2025-01-16 来源：某报\n" PROSE "\n");
    STR_EQ(doc ? doc->meta.title : NULL, "新闻发布会", "near-miss: a short title that does not end with a channel word");
    fo_doc_free(doc);
    doc = read("（某某上诉卷宗）\n日期：2018年12月6日\n" PROSE "\n");
    OK(doc && doc->meta.title == NULL, "no title: a note wholly in brackets above the metadata");
    fo_doc_free(doc);
    doc = read("（受权发布）某某条例\n2025-01-16 来源：某报\n" PROSE "\n");
    STR_EQ(doc ? doc->meta.title : NULL, "（受权发布）某某条例", "near-miss: a bracketed tag before the title's words");
    fo_doc_free(doc);
    doc = read("110年某某部新聞\n" PROSE "\n" PROSE2 "\n");
    OK(doc && doc->meta.title == NULL, "no title: a year's and an organisation's channel name");
    fo_doc_free(doc);
    doc = read("某某部召开新闻发布会\n" PROSE "\n" PROSE2 "\n");
    STR_EQ(doc ? doc->meta.title : NULL, "某某部召开新闻发布会", "near-miss: an organisation doing something is a headline");
    fo_doc_free(doc);
    doc = read("日期：2018年12月6日\n摘要\n" PROSE "\n");
    OK(doc && doc->meta.title == NULL, "no title: a part's two-character heading under the metadata");
    fo_doc_free(doc);
    doc = read("某某大学学报\n基层治理的实践路径探析\n2025-01-16 来源：某某大学学报\n" PROSE "\n");
    if (OK(doc != NULL, "paper's name over the headline reads")) {
        STR_EQ(doc->meta.title, "基层治理的实践路径探析", "title: the paper's name above it is no deck");
        OK(doc->meta.subtitle == NULL, "paper's name over the headline: no subtitle");
    }
    fo_doc_free(doc);
    doc = read("建设某某服务平台\n让群众少跑腿\n2025-01-16 来源：某报\n" PROSE "\n");
    if (OK(doc != NULL, "headline ending in 台 reads")) {
        STR_EQ(doc->meta.title, "建设某某服务平台", "near-miss: a headline ending like 电台 is no outlet's name");
        STR_EQ(doc->meta.subtitle, "让群众少跑腿", "near-miss: and its second deck is the subtitle");
    }
    fo_doc_free(doc);
    doc = read("新聞稿\n某某部加強某某宣導\n發布日期：114年01月13日\n這是一段很長的正文，講述了各地認真落實各項要求的做法，取得了明顯的成效。\n");
    if (OK(doc != NULL, "press release label reads")) {
        STR_EQ(doc->meta.title, "某某部加強某某宣導", "title: a press-release label above it is no deck");
        OK(doc->meta.subtitle == NULL, "press release label: no subtitle");
    }
    fo_doc_free(doc);
    doc = read("某某网首页\n某某部门召开新闻发布会\n2025年01月16日08:30 | 来源：某某网\n小字号\n" PROSE "\n");
    if (OK(doc != NULL, "home link reads")) {
        STR_EQ(doc->meta.title, "某某部门召开新闻发布会", "title: a link to the site's home is no deck of it");
        dump_has(doc, "小字号", true, "furniture: a font-size widget");
    }
    fo_doc_free(doc);
    doc = read("山乡巨变\n来自某省扶贫一线的报告\n本报记者 王小明\n" PROSE "\n");
    if (OK(doc != NULL, "short title reads")) {
        STR_EQ(doc->meta.title, "山乡巨变", "title: a short title is no channel label");
        STR_EQ(doc->meta.subtitle, "来自某省扶贫一线的报告", "subtitle: ending like a report does not make one title");
        STR_EQ(author_named(doc, "王小明"), "记者", "byline: 本报记者 is a reporter");
    }
    fo_doc_free(doc);
    doc = read("一文读懂某某新政\n原创 张三 某某公众号 2025-01-16 08:00 发表于北京\n" PROSE "\n");
    if (OK(doc != NULL, "post header reads")) {
        STR_EQ(doc->meta.date, "2025-01-16T08:00+08:00", "date: names and a tag before it");
        STR_EQ(doc->meta.source, "某某公众号", "source: the account");
    }
    fo_doc_free(doc);
    doc = read("索 引 号：000014349/2025-00001\n发文机关：某某办公厅\n成文日期：2025年01月10日\n"
               "标　　题：某某办公厅关于做好某某工作的意见\n发布日期：2025年01月16日\n某某办公厅关于做好某某工作的意见\n"
               "某办发〔2025〕1号\n各有关单位：\n" PROSE "\n");
    if (OK(doc != NULL, "index table reads")) {
        STR_EQ(doc->meta.title, "某某办公厅关于做好某某工作的意见", "title: the line the table names, under it");
        STR_EQ(doc->meta.issuer, "某某办公厅", "issuing organ from the table");
        STR_EQ(doc->meta.doc_date, "2025-01-10", "document date from the table");
        STR_EQ(doc->meta.date, "2025-01-16", "publication date from the table");
        STR_EQ(doc->meta.index_number, "000014349/2025-00001", "index number from the table");
    }
    fo_doc_free(doc);
    doc = read("2025-01-16 08:00 来源：某某日报\n某某标题在日期之后\n" PROSE "\n");
    if (OK(doc != NULL, "date above the title reads"))
        STR_EQ(doc->meta.title, "某某标题在日期之后", "title: under its metadata, right before the text");
    fo_doc_free(doc);
    doc = read("索引号：000014349/2025-00012\n发布日期：2025-01-16\n某某局关于做好某项工作的通知\n各有关单位：\n" PROSE "\n");
    if (OK(doc != NULL, "notice under an index table reads"))
        STR_EQ(doc->meta.title, "某某局关于做好某项工作的通知", "title: under an index table, over its addressee and the text");
    fo_doc_free(doc);
    doc = read("发布日期：2025-01-16\n某某局关于做好某项工作的通知\n各有关单位：\n另一行短句\n" PROSE "\n");
    if (OK(doc != NULL, "two lines before the text read"))
        OK(doc->meta.title == NULL, "near-miss: a line under the metadata with more than an addressee before the text");
    fo_doc_free(doc);
    doc = read("2025-01-16 08:00 来源：某某日报\n有一种艰难，困于山中。\n" PROSE "\n");
    if (OK(doc != NULL, "short sentence under the date reads"))
        OK(doc->meta.title == NULL, "near-miss: a short sentence under the metadata is text, not a title");
    fo_doc_free(doc);
    doc = read("热词 | 某某排名。。。\n2017-11-12 某某双语新闻 某某英语\n" PROSE "\n");
    if (OK(doc != NULL, "column title reads"))
        STR_EQ(doc->meta.title, "热词 | 某某排名。。。", "near-miss: a column name that names no site stays");
    fo_doc_free(doc);
    /* a red-header notice prints its title again, without the column tag the page put before it */
    doc = read("政务服务丨某某市人民政府关于深化改革的实施意见\n- 发布日期:2021-07-19\n某某市人民政府\n"
               "关于深化改革的实施意见\n某政字〔2021〕30号\n" PROSE "\n");
    if (OK(doc != NULL, "red header reads")) {
        STR_EQ(doc->meta.title, "某某市人民政府关于深化改革的实施意见", "title: the tag its repeat lacks is cut");
        dump_has(doc, "text \"关于深化改革的实施意见\"", true, "the repeated title is no text");
    }
    fo_doc_free(doc);
    doc = read("梁政发【2023】7号关于印发某某预案的通知\n发布日期: 2023-03-10 00:00\n" PROSE "\n");
    if (OK(doc != NULL, "number before the title reads")) {
        STR_EQ(doc->meta.title, "关于印发某某预案的通知", "title: without the number glued before it");
        STR_EQ(doc->meta.date, "2023-03-10", "date: 00:00 is no time");
    }
    fo_doc_free(doc);
}

/* A key word alone on a line is a table's key only when its value follows. */
static void test_lone_keys(void)
{
    fo_doc *doc = read("标题\n发布时间：2025年1月16日 来源：某报\n很短的正文。\n");
    if (OK(doc != NULL, "key word over fields reads")) {
        STR_EQ(doc->meta.title, "标题", "a key word over a line of fields is the title");
        STR_EQ(doc->meta.source, "某报", "the fields below it are the metadata");
    }
    fo_doc_free(doc);
    doc = read("标题\n2025-01-16 来源：某报\n" PROSE "\n");
    OK(doc && doc->meta.title && strcmp(doc->meta.title, "标题") == 0, "a key word over a date it does not name is the title");
    fo_doc_free(doc);
    doc = read("标题\n正文。\n");
    OK(doc && doc->meta.title && strcmp(doc->meta.title, "标题") == 0, "a key word over a sentence is the title");
    fo_doc_free(doc);
    doc = read("某某情况通报\n发布时间\n2025-01-16\n来源\n某某局\n" PROSE "\n");
    if (OK(doc != NULL, "index table reads")) {
        STR_EQ(doc->meta.date, "2025-01-16", "near-miss: a date key over its date stays a key");
        STR_EQ(doc->meta.source, "某某局", "near-miss: a key over its value stays a key");
    }
    fo_doc_free(doc);
}

/* Pages with no long sentence: the title is still found, the footer still kept apart. */
static void test_short_pages(void)
{
    fo_doc *doc = read("某某活动举行\n2025-01-16 来源：某报\n");
    if (OK(doc != NULL, "title and metadata only reads")) {
        STR_EQ(doc->meta.title, "某某活动举行", "a page of a title and its metadata: the title");
        STR_EQ(doc->meta.date, "2025-01-16", "a page of a title and its metadata: the publication date");
        OK(doc->meta.doc_date == NULL, "near-miss: that date is no signature's date");
    }
    fo_doc_free(doc);
    doc = read("某某活动举行\n现场气氛热烈。\n责任编辑：张三\n");
    if (OK(doc != NULL, "short page with a footer reads")) {
        STR_EQ(doc->meta.title, "某某活动举行", "no metadata over the text: a first line like a title is the title");
        OK(author_named(doc, "张三") != NULL, "the footer's editor");
    }
    dump_has(doc, "text \"现场气氛热烈。\"", false, "near-miss: a line that ends a sentence stays text, not a deck");
    fo_doc_free(doc);
    doc = read("现场气氛热烈。\n大家都很开心。\n");
    OK(doc && doc->meta.title == NULL, "near-miss: a first line that ends a sentence is no title");
    fo_doc_free(doc);
}

/* A font-size switch set one letter a line is furniture; the same letter alone is text. */
static void test_size_switch(void)
{
    fo_doc *doc = read("某某新闻\n2025-01-16 来源：某报\n大\n中\n小\n" PROSE "\n");
    dump_has(doc, "text \"中\"", true, "size switch: 大 中 小 one a line are furniture");
    fo_doc_free(doc);
    doc = read("中\n中\n中\n");
    dump_has(doc, "text \"中\"", false, "near-miss: lines of one letter are text");
    fo_doc_free(doc);
}

/* Lines joined to a subhead or a paragraph are one text, as a reader of the written file sees it. */
static void test_joined_text(void)
{
    fo_doc *doc = read("某某通讯\n2025-01-16 来源：某报\n" PROSE "\n他读了《某书》和\n《另一本书》的序言\n" PROSE2 "\n");
    if (OK(doc != NULL, "two-line subhead reads")) {
        char *dump = native(doc);
        OK(strstr(dump, "text \"》和 《\"") != NULL, "a subhead's second line: one text with the first, a space between");
        free(dump);
    }
    fo_doc_free(doc);
}

static void test_body_structure(void)
{
    /* the document a notice issues is a level above its numbered headings */
    fo_doc *doc = read("关于印发某某工作安排的通知\n各有关单位：\n现将《某某工作安排》印发给你们，请认真贯彻执行。\n"
                       "某某办公室\n2020年7月8日\n某某工作安排\n" PROSE "\n一、总体要求\n" PROSE2 "\n");
    dump_has(doc, "section level=1 id=sec-1 @6:1", false, "attached document: a level-1 section");
    OK(doc && doc->meta.doc_date && strcmp(doc->meta.doc_date, "2020-07-08") == 0, "the signature's date is the document's");
    dump_has(doc, "section level=2 id=sec-1-1 label=\"一\"", false, "attached document: 一、 below it");
    fo_doc_free(doc);
    /* an unnumbered subhead that first comes after numbered ones is their sibling */
    doc = read("某某通知\n2025-01-16 来源：某部门\n" PROSE "\n一、总体要求\n" PROSE2 "\n二、主要任务\n" PROSE "\n"
               "附件2\n情况统计表\n" PROSE2 "\n");
    dump_has(doc, "section level=1 id=sec-1 label=\"一\"", false, "numbered headings stay at level 1");
    dump_has(doc, "section level=1 id=sec-3 @", false, "an unnumbered subhead after them: level 1 too");
    fo_doc_free(doc);
    doc = read("某某通讯\n2025-01-16 来源：某报\n" PROSE "\n北上，北上\n" PROSE2 "\n一、出发\n" PROSE "\n");
    dump_has(doc, "section level=2 id=sec-1-1 label=\"一\"", false, "near-miss: an unnumbered subhead first is the parent");
    fo_doc_free(doc);
    /* a table of contents the headings repeat is a list */
    doc = read("某某应急预案\n" PROSE "\n总则\n1.1 编制目的\n1.2 编制依据\n组织体系\n2.1 指挥机构\n"
               "1 总则\n1.1 编制目的\n" PROSE2 "\n1.2 编制依据\n" PROSE "\n");
    if (OK(doc != NULL, "contents reads")) {
        char *dump = native(doc);
        OK(strstr(dump, "\"组织体系\"") && strstr(dump, "text \"2.1 指挥机构\""), "contents: its entries are text");
        OK(strstr(dump, "section level=1 id=sec-1 label=\"1\"") && strstr(dump, "section level=2 id=sec-1-1 label=\"1.1\""),
           "decimal headings: 1 then 1.1 one level down");
        free(dump);
    }
    fo_doc_free(doc);
    /* near-miss: numbered items that are citations stay items */
    doc = read("某某预案\n" PROSE "\n1 总则\n1.1 编制依据\n1.《某某法》（主席令第13号）\n2.《某某条例》（国务院令第493号）\n");
    dump_has(doc, "text \"1.《", false, "a numbered citation is a list item, not a heading");
    fo_doc_free(doc);
    /* unnumbered subheads between paragraphs; verse and addressees are not */
    doc = read("某某通讯\n2025-01-16 来源：某报\n" PROSE "\n北上，北上\n" PROSE2 "\n");
    dump_has(doc, "section level=1 id=sec-1 @4:1\n    title: inlines @4:1\n      text \"北上，北上\"", false,
             "subhead: a short line between paragraphs");
    fo_doc_free(doc);
    doc = read("某某通知\n2025-01-16 来源：某部门\n各乡镇，各部门，各单位\n" PROSE "\n");
    dump_has(doc, "section", true, "near-miss: an addressee is no subhead");
    fo_doc_free(doc);
    /* law articles are numbered paragraphs; a lead in a series is a run-in head */
    doc = read("某某办法\n第一章 总 则\n第一条 为了规范某某工作，制定本办法。\n第二条 适用范围。本办法适用于全省。\n"
               "第三条 基本原则。坚持依法依规。\n");
    if (OK(doc != NULL, "law reads")) {
        char *dump = native(doc);
        OK(strstr(dump, "label=\"第一条\"") == NULL, "law: 第N条 is no section");
        OK(strstr(dump, "head: inlines") != NULL && strstr(dump, "\"第二条 适用范围。\"") != NULL,
           "law: an article's title is a run-in head in a series");
        free(dump);
    }
    fo_doc_free(doc);
    doc = read("某某讲话\n" PROSE "\n第一，共庆佳节。我们请各位老同志相聚一堂。\n第二，共叙情谊。相聚是缘，相处有情。\n");
    dump_has(doc, "\"第一，共庆佳节。\"", false, "run-in: numbered leads in a series");
    fo_doc_free(doc);
    doc = read("某某讲话\n" PROSE "\n第一，共庆佳节。我们请各位老同志相聚一堂。\n" PROSE2 "\n");
    dump_has(doc, "head: inlines", true, "near-miss: one numbered lead alone is no run-in head");
    fo_doc_free(doc);
}

static void test_captions_and_people(void)
{
    /* a photo story: short lines between the header and the text are captions */
    fo_doc *doc = read("温暖服务不打烊\n2020-07-14 09:23:00 来源：某某晚报\n听新闻\n志愿者为老人服务\n\n路口交通劝导\n"
                       "\n" PROSE "\n通讯员 王小丽 记者 李大明 文/图\n责编：张静\n下一篇\n");
    if (OK(doc != NULL, "photo story reads")) {
        dump_has(doc, "caption: inlines @6:1\n      text \"路口交通劝导\"", false, "photo story: captions whose pictures are gone");
        OK(author_named(doc, "王小丽") && author_named(doc, "李大明"), "byline at the end: both names");
        OK(!author_named(doc, "文/图"), "文/图 is a tag, not a person");
        dump_has(doc, "下一篇", true, "footer: 下一篇 and what follows");
    }
    fo_doc_free(doc);
    /* near-miss: an official document's parts under its header are no captions */
    doc = read("某某通知\n发布时间：2020-11-13 14:42\n某府办发〔2020〕26号\n某某区人民政府办公室\n各街道办事处，区级各部门\n" PROSE "\n");
    dump_has(doc, "figure", true, "near-miss: document number, issuer and addressee are no captions");
    fo_doc_free(doc);
    doc = read("某某讲话\n2022-09-30 08:41:14 字号:\n赵小平\n（2022年9月28日）\n尊敬的各位老同志：\n" PROSE "\n");
    if (OK(doc != NULL, "speech reads")) {
        OK(author_named(doc, "赵小平") != NULL, "speaker: the name above the speech's date");
        STR_EQ(doc->meta.date, "2022-09-30T08:41:14+08:00", "date: the page's, not the speech's");
    }
    fo_doc_free(doc);
    doc = read("某某条例\n作者:某某资料网 时间:2024-07-22 05:37:26  来源:某某资料网\n" PROSE "\n");
    OK(doc && doc->meta.authors == NULL, "near-miss: a site in 作者 is no author");
    fo_doc_free(doc);
    doc = read("某某会议召开\n作者:办公室 发布时间:2004-12-10 17:19:19\n" PROSE "\n");
    OK(doc && doc->meta.authors == NULL, "near-miss: an office in 作者 is no author");
    fo_doc_free(doc);
    doc = read("新华网南京4月29日电(虞小忠)" PROSE "\n");
    OK(doc && author_named(doc, "虞小忠") != NULL, "dateline: a name alone in the brackets");
    fo_doc_free(doc);
    /* vignettes closed by their reporters' bylines, the next title glued on */
    doc = read("某某花絮\n2005年03月15日03:08 某某时报\n某某部长能答的一定答 3月6日，在小组讨论会上，我见到了部长。\n"
               "部长的话消除了我的紧张，我直接发问。本报记者王小明 某某局长打开电脑 局长接受采访时的爽快，让我意外。\n");
    if (OK(doc != NULL, "vignettes read")) {
        OK(author_named(doc, "王小明") != NULL, "vignette: the closing byline's reporter");
        dump_has(doc, "\"某某局长打开电脑\"", false, "vignette: the next title glued on is a subhead");
        dump_has(doc, "\"某某部长能答的一定答\"", false, "vignette: the first title too, on a page that shows the pattern");
    }
    fo_doc_free(doc);
    doc = read("某某消息\n2025-01-16 来源：某报\n某某日报消息 一股清泉跃出大山，推坡走岭，一路激越，流入县城。\n" PROSE "\n");
    dump_has(doc, "\"某某日报消息 一股清泉", false, "near-miss: without the pattern a phrase and a space open a paragraph");
    fo_doc_free(doc);
}

static void test_glued_and_script(void)
{
    fo_doc *doc = read("中新网3月14日电 " PROSE "\n" PROSE2 "来源：中新网\n");
    if (OK(doc != NULL, "glued source reads")) {
        STR_EQ(doc->meta.source, "中新网", "source: split off the end of the last paragraph");
        dump_has(doc, "来源：中新网", true, "the source is no text");
    }
    fo_doc_free(doc);
    /* a photographer's credit glued to a caption is neither a metadata tail nor a closing byline */
    doc = read("某某湖迎来候鸟\n2024-11-03 来源：某报\n志愿者在湖边清理垃圾（资料图）。记者 王小明 摄\n" PROSE "\n");
    if (OK(doc != NULL, "caption with a reporter's credit reads")) {
        dump_has(doc, "figure credit=\"记者 王小明 摄\"", false, "caption: the credit after its full stop stays with it");
        OK(author_named(doc, "王小明") == NULL, "caption: its photographer is no author of the article");
    }
    fo_doc_free(doc);
    doc = read(" date 2025-11-05 某社長5日在立法院備詢。（王小明攝）\n" PROSE "\n");
    if (OK(doc != NULL, "glued date reads")) {
        STR_EQ(doc->meta.date, "2025-11-05", "date: a keyed date glued before a caption");
        dump_has(doc, "credit=\"王小明攝\"", false, "the caption after it keeps its credit");
    }
    fo_doc_free(doc);
    doc = read("中華民國91年3月19日星期二\n為台灣拚經濟這不是矛盾嗎\n☉張國財\n"
               "以子之矛，攻子之盾的寓言，大家耳熟能詳，這種自打嘴巴、無法自圓其說的矛盾，是自相矛盾。\n");
    if (OK(doc != NULL, "traditional page reads")) {
        STR_EQ(doc->meta.language, "zh-TW", "language: traditional script, Taiwan");
        STR_EQ(doc->meta.date, "2002-03-19", "date: 民國91年");
        OK(author_named(doc, "張國財") != NULL, "byline: a marked name");
    }
    fo_doc_free(doc);
    doc = read("新华社某地1月8日电 " PROSE "\n新京报记者从\n湖东西两岸\n带回现场报道。\n" PROSE2 "\n");
    dump_has(doc, "text \"新京报记者从湖东西两岸带回现场报道。\" @2:1", false, "fragments: a sentence broken over lines is one paragraph");
    fo_doc_free(doc);
}

/* The stages called on blocks directly, as a reader of another format (HTML) will call them. */
static void test_blocks_api(void)
{
    static const char32_t *const texts[] = {U"某某会议召开", U"发布时间：2025-01-16 来源：某某网", U"分享到",
                                           U"全省各地认真落实各项部署要求，取得了明显的成效，受到群众好评。", NULL};
    fo_page *p = fo_page_new(NULL);
    for (int i = 0; texts[i]; i++) {
        fo_block b = {.line = i + 1, .col = 1, .last_line = i + 1, .tag = i == 0 ? FO_TAG_H1 : FO_TAG_P};
        while (texts[i][b.n])
            b.n++;
        b.cp = malloc(b.n * sizeof *b.cp);
        for (size_t k = 0; k < b.n; k++)
            b.cp[k] = (uint32_t)texts[i][k];
        fo_page_add(p, &b);
    }
    fo_diag d;
    fo_diag_init(&d, "blocks", NULL);
    fo_doc *doc = fo_read_blocks(p, &d);
    if (OK(doc != NULL, "blocks: read")) {
        fo_doc_finish(doc);
        STR_EQ(doc->meta.title, "某某会议召开", "blocks: title");
        STR_EQ(doc->meta.source, "某某网", "blocks: source");
        INT_EQ(p->info[2].role, FO_AS_JUNK, "blocks: furniture");
        INT_EQ(p->info[3].zone, FO_ZONE_BODY, "blocks: the text is the body");
        STR_EQ(fo_zone_name(p->info[0].zone), "header", "blocks: zone names for --explain");
    }
    fo_doc_free(doc);
    fo_page_free(p);
}

int main(void)
{
    test_title_and_chrome();
    test_dates();
    test_titles();
    test_lone_keys();
    test_joined_text();
    test_short_pages();
    test_size_switch();
    test_body_structure();
    test_captions_and_people();
    test_glued_and_script();
    test_blocks_api();
    return harness_done();
}
