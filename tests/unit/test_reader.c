/* test_reader.c — the plain-text reader's rules: the lines each must catch and the near-misses it
 * must leave alone; then whole little articles through fo_read_bytes, and fo_read_bytes itself. */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "harness.h"
#include "read_text_rules.h"
#include "readers.h"
#include "text.h"
#include "vocab.h"
#include "writers.h"

static const fo_reader_limits *lim = &fo_reader_default_limits;

/* code points of a UTF-8 literal, in a static buffer (tests are single-threaded) */
static uint32_t cps[4096];
static size_t to_cps(const char *s)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len && n < 4096;) {
        size_t k = fo_utf8_decode(s + i, len - i, &cps[n]);
        if (!k)
            abort();
        i += k;
        n++;
    }
    return n;
}

static char *from_cps(const uint32_t *s, size_t from, size_t to)
{
    fo_buf b = {0};
    char tmp[4];
    for (size_t i = from; i < to; i++)
        fo_buf_append(&b, tmp, fo_utf8_encode(s[i], tmp));
    return fo_buf_steal(&b);
}

static void expect_heading(const char *line, int rank, const char *label, const char *title)
{
    size_t n = to_cps(line);
    fo_heading_match m;
    char what[256];
    snprintf(what, sizeof what, "heading: %s", line);
    if (!fo_rule_heading(cps, n, lim, &m)) {
        OK(0, what);
        return;
    }
    INT_EQ(m.rank, rank, what);
    char *l = from_cps(cps, m.label_start, m.label_end), *t = from_cps(cps, m.title_start, n);
    STR_EQ(l, label, what);
    STR_EQ(t, title, what);
    free(l);
    free(t);
}

static void expect_not_heading(const char *line)
{
    size_t n = to_cps(line);
    fo_heading_match m;
    char what[300];
    snprintf(what, sizeof what, "not a heading: %s", line);
    OK(!fo_rule_heading(cps, n, lim, &m), what);
}

static void test_headings(void)
{
    expect_heading("亮点一:多维度推动学习宣传贯彻习近平法治思想走深走实", FO_RANK_NAMED, "亮点一",
                   "多维度推动学习宣传贯彻习近平法治思想走深走实");
    expect_heading("亮点十：以党的政治建设为统领全面加强新时代党的建设", FO_RANK_NAMED, "亮点十",
                   "以党的政治建设为统领全面加强新时代党的建设");
    expect_heading("一、总体要求", FO_RANK_HAN, "一", "总体要求");
    expect_heading("十二、附则", FO_RANK_HAN, "十二", "附则");
    expect_heading("(一)加强组织领导", FO_RANK_HAN_PAREN, "一", "加强组织领导");
    expect_heading("（三）强化督促检查", FO_RANK_HAN_PAREN, "三", "强化督促检查");
    expect_heading("1.完善工作机制", FO_RANK_DIGIT, "1", "完善工作机制");
    expect_heading("2． 健全制度", FO_RANK_DIGIT, "2", "健全制度");
    expect_heading("(1)明确责任分工", FO_RANK_DIGIT_PAREN, "1", "明确责任分工");
    expect_heading("（12）其他事项", FO_RANK_DIGIT_PAREN, "12", "其他事项");
    expect_heading("第一章　总则", FO_RANK_CHAPTER, "第一章", "总则");
    expect_heading("第三节 监督管理", FO_RANK_PART, "第三节", "监督管理");
    expect_heading("第一条　为了规范行政复议工作，根据有关法律，制定本规定。", FO_RANK_ARTICLE, "第一条",
                   "为了规范行政复议工作，根据有关法律，制定本规定。");
    expect_heading("第十二条", FO_RANK_ARTICLE, "第十二条", "");

    /* the forms of real pages: glued chapters, decimal numbers, Roman numerals, bracketed labels */
    expect_heading("第一章总则", FO_RANK_CHAPTER, "第一章", "总则");
    expect_heading("第一编 總 則", FO_RANK_VOLUME, "第一编", "總 則");
    expect_heading("第一条为进一步提升管理水平，制定本细则。", FO_RANK_ARTICLE, "第一条", "为进一步提升管理水平，制定本细则。");
    expect_heading("1 总则", FO_RANK_DECIMAL1, "1", "总则");
    expect_heading("1总则", FO_RANK_DECIMAL1, "1", "总则");
    expect_heading("8  附则", FO_RANK_DECIMAL1, "8", "附则");
    expect_heading("1.1 编制目的", FO_RANK_DECIMAL2, "1.1", "编制目的");
    expect_heading("1.4.1 突发事件分类", FO_RANK_DECIMAL3, "1.4.1", "突发事件分类");
    expect_heading("I. 概述", FO_RANK_ROMAN, "I.", "概述");
    expect_heading("【基本案情】", FO_RANK_BRACKET, "", "【基本案情】");
    expect_heading("①加强组织领导", FO_RANK_CIRCLED, "①", "加强组织领导");
    expect_heading("镜头一", FO_RANK_NAMED, "镜头一", "");
    expect_heading("案例二：维护女职工权益", FO_RANK_NAMED, "案例二", "维护女职工权益");
    expect_not_heading("1月16日召开会议");
    expect_not_heading("3人受伤");
    expect_not_heading("1.《中华人民共和国安全生产法》（主席令第13号）");
    expect_not_heading("（一）坚持宪法的基本原则，以经济建设为中心，");
    expect_not_heading("一是全力履职尽责，抓实公正效率;");
    expect_not_heading("【基本案情】2021年4月，某公司安排黄某从事配送工作。");
    expect_not_heading("今年一季度");
    expect_not_heading("党的十九大");

    /* near-misses: full sentences, decimals, dates, ordinals inside running text */
    expect_not_heading("一、加强组织领导。各级党委要把这项工作摆上重要议事日程，主要负责同志亲自抓。");
    expect_not_heading("1.5亿元资金已全部到位");
    expect_not_heading("2024.1.16");
    expect_not_heading("第一章写得很好。");
    expect_not_heading("第三节课上老师说");
    expect_not_heading("第一:坚持党的领导");
    expect_not_heading("其一:坚持党的领导");
    expect_not_heading("一是加强宣传解读。依托三大阵地设立专栏。");
    expect_not_heading("亮点一:这是一个很长很长的标题它已经远远超过了四十个字的限制所以它应该被当作一个普通的段落来处理才对吧");
    expect_not_heading("2024年,省司法厅坚持以习近平新时代中国特色社会主义思想为指导。");
    expect_not_heading("(2024年5月拍摄)");
}

static void expect_caption(const char *line, const char *caption, const char *credit)
{
    size_t n = to_cps(line);
    fo_caption_match m;
    char what[300];
    snprintf(what, sizeof what, "caption: %s", line);
    if (!fo_rule_caption(cps, n, lim, &m)) {
        OK(0, what);
        return;
    }
    char *c = from_cps(cps, m.caption_start, m.caption_end), *k = from_cps(cps, m.credit_start, m.credit_end);
    STR_EQ(c, caption, what);
    STR_EQ(k, credit, what);
    free(c);
    free(k);
}

static void expect_not_caption(const char *line)
{
    size_t n = to_cps(line);
    fo_caption_match m;
    char what[300];
    snprintf(what, sizeof what, "not a caption: %s", line);
    OK(!fo_rule_caption(cps, n, lim, &m), what);
}

static void expect_number(const char *label, int want)
{
    size_t n = to_cps(label);
    char what[100];
    snprintf(what, sizeof what, "heading number: %s", label);
    INT_EQ(fo_heading_number(cps, 0, n), want, what);
}

static void test_heading_numbers(void)
{
    expect_number("一", 1);
    expect_number("十", 10);
    expect_number("十二", 12);
    expect_number("二十", 20);
    expect_number("二十一", 21);
    expect_number("亮点三", 3);
    expect_number("第十条", 10);
    expect_number("第一百零五条", 105);
    expect_number("12", 12);
    expect_number("亮点", 0);
}

static void test_captions(void)
{
    expect_caption("2024年4月,省司法厅党委书记到甘肃省永登监狱调研。 省司法厅供图",
                   "2024年4月,省司法厅党委书记到甘肃省永登监狱调研。", "省司法厅供图");
    expect_caption("张掖市肃南县司法局开展民法典宣传(2024年5月拍摄)。省司法厅供图",
                   "张掖市肃南县司法局开展民法典宣传(2024年5月拍摄)。", "省司法厅供图");
    expect_caption("3月5日，代表们步入会场。新华社记者 李学仁 摄", "3月5日，代表们步入会场。", "新华社记者 李学仁 摄");
    expect_caption("游客在景区参观。本报记者张三摄", "游客在景区参观。", "本报记者张三摄");
    expect_caption("游客在景区参观 张三 摄", "游客在景区参观", "张三 摄");
    expect_caption("金昌市金川区以案说法宣传长廊一角（资料图）", "金昌市金川区以案说法宣传长廊一角", "资料图");
    expect_caption("局长与两位官员会见传媒(某某社 张三摄)", "局长与两位官员会见传媒", "某某社 张三摄");
    expect_caption("社長5日在立法院備詢。（王小明攝）", "社長5日在立法院備詢。", "王小明攝");
    expect_caption("某村民进入人工隧道(2015年12月15日攝)。新華社記者 張三 攝", "某村民进入人工隧道(2015年12月15日攝)。",
                   "新華社記者 張三 攝");
    expect_caption("部長9日表示沒有立場評論。路透", "部長9日表示沒有立場評論。", "路透");
    expect_caption("工作人员正在检查红外摄像机。图/某某保护区", "工作人员正在检查红外摄像机。", "图/某某保护区");
    expect_caption("某某教授 图片来源:example.com", "某某教授", "图片来源:example.com");
    expect_caption("△代表们步入会场。", "代表们步入会场。", "");
    expect_caption("▲ 2007年，第一次捕捉到的影像。", "2007年，第一次捕捉到的影像。", "");
    expect_caption("矫正对象在司法所参加线上学习（资料照片）。新华社发", "矫正对象在司法所参加线上学习（资料照片）。", "新华社发");
    expect_caption("矫正对象在司法所参加线上学习（资料照片）", "矫正对象在司法所参加线上学习", "资料照片");

    expect_not_caption("他们正在拍摄");
    expect_not_caption("工作人员正在现场拍摄。");
    expect_not_caption("这是一段很长的正文，最后提到了供图但这不是图片说明，因为它的结尾是一个句号。");
    expect_not_caption("供图");
    expect_not_caption("村里决定由合作社发");
    expect_not_caption("有关文件已经下发");
    expect_not_caption("请按要求填写。通知下发");
    expect_not_caption("记者从省司法厅获悉，全省行政复议工作取得新进展。");
    expect_not_caption("他在现场拍摄(2015年12月15日攝)");
    expect_not_caption("会议决定转发路透");
    expect_not_caption("这张照片由他们拍摄");
}

static void test_bylines(void)
{
    fo_byline_match m;
    size_t n = to_cps("新甘肃·甘肃法治报记者龚利芳");
    if (OK(fo_rule_byline(cps, n, lim, &m), "byline: 新甘肃·甘肃法治报记者龚利芳"), m.n_names == 1) {
        char *aff = from_cps(cps, 0, m.affiliation_end), *name = from_cps(cps, m.names[0].start, m.names[0].end);
        STR_EQ(aff, "新甘肃·甘肃法治报", "byline affiliation");
        STR_EQ(name, "龚利芳", "byline name");
        free(aff);
        free(name);
    }
    n = to_cps("记者 张三 李四");
    OK(fo_rule_byline(cps, n, lim, &m) && m.n_names == 2 && m.affiliation_end == 0, "byline: 记者 张三 李四 (two names)");
    n = to_cps("文/王小明");
    OK(fo_rule_byline(cps, n, lim, &m) && m.n_names == 1, "byline: 文/王小明");
    n = to_cps("本报记者 张三 通讯员 李四");
    OK(fo_rule_byline(cps, n, lim, &m) && m.n_names == 2, "byline: 本报记者 张三 通讯员 李四");
    n = to_cps("通讯员王五");
    OK(fo_rule_byline(cps, n, lim, &m) && m.n_names == 1, "byline: 通讯员王五");

    n = to_cps("（记者 张三 李四）");
    OK(fo_rule_byline(cps, n, lim, &m) && m.n_names == 2 && m.affiliation_end == 0, "byline: （记者 张三 李四）");
    n = to_cps("(通讯员王五)");
    OK(fo_rule_byline(cps, n, lim, &m) && m.n_names == 1, "byline: (通讯员王五)");
    n = to_cps("（新华社记者 张三）");
    OK(!fo_rule_byline(cps, n, lim, &m), "not a byline: a paper inside the brackets");

    n = to_cps("作者最新文章");
    OK(!fo_rule_byline(cps, n, lim, &m), "not a byline: the heading of the author's other articles");
    n = to_cps("记者相关文章");
    OK(!fo_rule_byline(cps, n, lim, &m), "not a byline: a related-links heading after a role word");
    n = to_cps("作者张文章");
    OK(fo_rule_byline(cps, n, lim, &m) && m.n_names == 1, "byline: a name that ends like 文章 but is no heading word");
    n = to_cps("记者从省司法厅获悉");
    OK(!fo_rule_byline(cps, n, lim, &m), "not a byline: 记者从省司法厅获悉");
    n = to_cps("记者张三报道。全省行政复议工作取得新进展。");
    OK(!fo_rule_byline(cps, n, lim, &m), "not a byline: a sentence mentioning a reporter");
    n = to_cps("新闻记者协会");
    OK(!fo_rule_byline(cps, n, lim, &m), "not a byline: 新闻记者协会");

    n = to_cps("新華社記者李銀、黃全權、楊洪濤");
    OK(fo_rule_byline(cps, n, lim, &m) && m.n_names == 3 && m.affiliation_end == 3, "byline: traditional, names with 、");
    n = to_cps("聯合報／ 記者雷小涵／即時報導");
    OK(fo_rule_byline(cps, n, lim, &m) && m.n_names == 1 && m.affiliation_end == 3, "byline: outlet／reporter／desk");
    n = to_cps("撰文 | 顾小及（某某大学生命科学学院）");
    OK(fo_rule_byline(cps, n, lim, &m) && m.n_names == 1 && m.unit_end > m.unit_start, "byline: 撰文 | name (unit)");
    n = to_cps("☉張國財");
    OK(fo_rule_byline(cps, n, lim, &m) && m.n_names == 1, "byline: a marked name");
    n = to_cps("通讯员 王小丽 记者 李大明 文/图");
    OK(fo_rule_byline(cps, n, lim, &m) && m.n_names == 2, "byline: a trailing 文/图 is a tag");
    n = to_cps("文/图 王小明");
    OK(fo_rule_byline(cps, n, lim, &m) && m.n_names == 1, "byline: 文/图 name");
    n = to_cps("某某特区报首席记者 秦小蔚");
    OK(fo_rule_byline(cps, n, lim, &m) && m.n_names == 1, "byline: 首席记者");
    n = to_cps("编辑 张三");
    OK(!fo_rule_byline(cps, n, lim, &m), "not a byline: an editor (a credit, read as metadata)");
    n = to_cps("☉这是一句话而不是一个名字");
    OK(!fo_rule_byline(cps, n, lim, &m), "not a byline: a marker before a sentence");

    n = to_cps("（甘肃省司法厅 张三 李四）");
    OK(fo_rule_signature(cps, n, lim, &m) && m.n_names == 2 && m.unit_end - m.unit_start == 6, "signature: (unit names)");
    n = to_cps("（记者从会上获悉）");
    OK(!fo_rule_signature(cps, n, lim, &m), "not a signature: a bracketed sentence");
    n = to_cps("（2014年4月3日）");
    OK(!fo_rule_signature(cps, n, lim, &m), "not a signature: a date");
}

static char *span_text(size_t from, size_t to) { return from_cps(cps, from, to); }

static void expect_dateline(const char *line, const char *byline, size_t agency_len)
{
    fo_dateline_match m;
    size_t n = to_cps(line);
    char what[300];
    snprintf(what, sizeof what, "dateline: %s", line);
    if (!OK(fo_rule_dateline(cps, n, lim, &m), what))
        return;
    char *by = span_text(m.by_start, m.by_end);
    STR_EQ(by, byline, what);
    INT_EQ(m.agency_end, agency_len, what);
    free(by);
}

static void test_datelines(void)
{
    expect_dateline("新华社北京1月16日电（记者张三、李四）国务院新闻办公室16日举行发布会。", "记者张三、李四", 3);
    expect_dateline("本报讯（记者 王五 通讯员 赵六）全省各地积极行动。", "记者 王五 通讯员 赵六", 0);
    expect_dateline("中新网乌鲁木齐12月31日电 (记者 孙亭文)新疆…", "记者 孙亭文", 3);
    expect_dateline("某区融媒体中心讯(记者 马小婷)10月19日，区政协召开通报会。", "记者 马小婷", 0);
    expect_dateline("本报墨西哥城1月28日电记者张金江报道：两国边境又发生冲突。", "记者张金江", 0);
    expect_dateline("新华网南京4月29日电(虞小忠)2023年，全省法院新收案件5万件。", "虞小忠", 3);
    expect_dateline("某某新闻网2024年6月8日讯(某某特区报首席记者 秦小蔚)6月7日晚，活动举行。", "某某特区报首席记者 秦小蔚", 5);
    expect_dateline("中新网3月14日电 国务院总理今天上午出席记者招待会。", "", 3);
    fo_dateline_match m;
    size_t n = to_cps("新華社貴陽2月12日電 題:山鄉巨變——來自一線的報告");
    if (OK(fo_rule_dateline(cps, n, lim, &m) && m.title_start > 0, "dateline: 電 題: carries the title")) {
        char *t = span_text(m.title_start, n);
        STR_EQ(t, "山鄉巨變——來自一線的報告", "dateline: the title after 題:");
        free(t);
    }

    const char *not_datelines[] = {
        "会议指出，要加强宣传（记者张三）。", "1月16日电视台播出了专题节目（上）。", "通讯员王五参加了会议。",
        "他说：1月16日电费又涨了。", "我们收到了资讯（附件）。", NULL,
    };
    for (const char **l = not_datelines; *l; l++) {
        char what[200];
        snprintf(what, sizeof what, "no dateline: %s", *l);
        n = to_cps(*l);
        OK(!fo_rule_dateline(cps, n, lim, &m), what);
    }
}

static void test_creators(void)
{
    const char *creators[] = {"记者", "通讯员", "作者", "摄影", "特约记者", NULL};
    const char *credits[] = {"编辑", "责任编辑", "值班编辑", "主编", "审核", "终审", "校对", "监制", NULL};
    for (const char **r = creators; *r; r++) {
        fo_author a = {.name = "张三", .role = *r};
        char what[64];
        snprintf(what, sizeof what, "creator: %s", *r);
        OK(fo_author_is_creator(&a), what);
    }
    for (const char **r = credits; *r; r++) {
        fo_author a = {.name = "张三", .role = *r};
        char what[64];
        snprintf(what, sizeof what, "not a creator: %s", *r);
        OK(!fo_author_is_creator(&a), what);
    }
    fo_author none = {.name = "张三"};
    OK(fo_author_is_creator(&none), "creator: no role given");
    struct { const char *role; fo_credit credit; } credit_of[] = {
        {"记者", FO_CREDIT_AUTHOR},     {"摄影", FO_CREDIT_PHOTOGRAPHER}, {"责任编辑", FO_CREDIT_EDITOR},
        {"主编", FO_CREDIT_EDITOR},     {"终审", FO_CREDIT_REVIEWER},     {"校对", FO_CREDIT_PROOFREADER},
        {"监制", FO_CREDIT_PRODUCER},
    };
    for (size_t i = 0; i < sizeof credit_of / sizeof credit_of[0]; i++) {
        fo_author a = {.name = "张三", .role = credit_of[i].role};
        char what[64];
        snprintf(what, sizeof what, "credit of %s", credit_of[i].role);
        INT_EQ(fo_author_credit(&a), credit_of[i].credit, what);
    }
}

static void test_vocab(void)
{
    size_t count;
    const fo_word *w = fo_vocab_table(&count);
    size_t unsorted = 0;
    for (size_t i = 1; i < count; i++)
        unsorted += w[i - 1].text[0] > w[i].text[0];
    INT_EQ(unsorted, 0, "vocab: the table is sorted by its first character");
    OK(fo_vocab_find("發布日期", FO_WORDS(FO_WORD_PUBDATE)) != NULL, "vocab: traditional key 發布日期");
    OK(fo_vocab_find("来源", FO_WORDS(FO_WORD_PUBDATE)) == NULL, "vocab: a lookup keeps to its classes");
    size_t n = to_cps("索   引   号 123"), len;
    const fo_word *k = fo_vocab_at(cps, n, 0, FO_WORDS_KEYS, true, &len);
    OK(k && k->cls == FO_WORD_INDEX && len == 9, "vocab: a letter-spaced key 索   引   号");
    OK(!fo_vocab_at(cps, n, 0, FO_WORDS_KEYS, false, &len), "vocab: spaced keys only when asked");
    n = to_cps("新媒体监制");
    OK(fo_vocab_ending(cps, 0, n, FO_WORDS(FO_WORD_ROLE)) != NULL, "vocab: a compound role ends with a known one");
    struct { const char *role; fo_credit credit; } credit_of[] = {
        {"責任編輯", FO_CREDIT_EDITOR},   {"新媒体编辑", FO_CREDIT_EDITOR}, {"新媒体监制", FO_CREDIT_PRODUCER},
        {"审片", FO_CREDIT_REVIEWER},     {"播音", FO_CREDIT_OTHER},        {"攝影", FO_CREDIT_PHOTOGRAPHER},
        {"首席记者", FO_CREDIT_AUTHOR},   {"撰文", FO_CREDIT_AUTHOR},       {"不知道", FO_CREDIT_AUTHOR},
    };
    for (size_t i = 0; i < sizeof credit_of / sizeof credit_of[0]; i++) {
        fo_author a = {.name = "张三", .role = credit_of[i].role};
        char what[64];
        snprintf(what, sizeof what, "credit of %s", credit_of[i].role);
        INT_EQ(fo_author_credit(&a), credit_of[i].credit, what);
    }
}

/* The value of the first field of a class, or NULL. */
static char *field(const fo_meta_match *m, int cls)
{
    const fo_meta_field *f = fo_meta_field_of(m, cls);
    return f ? from_cps(cps, f->value.start, f->value.end) : NULL;
}

static void expect_field(const fo_meta_match *m, int cls, const char *want, const char *what)
{
    char *got = field(m, cls);
    STR_EQ(got, want, what);
    free(got);
}

static bool meta(const char *line, unsigned flags, fo_meta_match *m)
{
    size_t n = to_cps(line);
    return fo_rule_meta_line(cps, n, flags, m);
}

static void expect_date(const fo_meta_field *f, const char *iso, const char *what)
{
    char got[40] = "";
    if (f && f->has_date)
        fo_date_iso(&f->date, got, sizeof got);
    STR_EQ(got, iso, what);
}

static void test_meta_lines(void)
{
    fo_meta_match m;
    OK(meta("2025-01-16 16:16 来源:甘肃法治报", 0, &m), "meta: 2025-01-16 16:16 来源:甘肃法治报");
    expect_date(fo_meta_pubdate(&m), "2025-01-16T16:16+08:00", "meta: date and time");
    expect_field(&m, FO_WORD_SOURCE, "甘肃法治报", "meta: source");

    OK(meta("发布时间：2025年1月16日  来源：新华网  作者：张三  责任编辑：李四", 0, &m), "meta: 发布时间 年月日 with fields");
    expect_date(fo_meta_pubdate(&m), "2025-01-16", "meta: 年月日 without time");
    expect_field(&m, FO_WORD_ROLE, "张三", "meta: author");
    OK(meta("来源: 人民网 | 2025/01/16 09:30:12 | 编辑: 王五", 0, &m), "meta: | separators");
    expect_date(fo_meta_pubdate(&m), "2025-01-16T09:30:12+08:00", "meta: seconds are kept");
    OK(meta("责任编辑：赵六", 0, &m), "meta: 责任编辑 alone");
    OK(meta("作者：张三 编辑：李四", 0, &m), "meta: fields separated by one space");
    expect_field(&m, FO_WORD_ROLE, "张三", "meta: the value stops at the next key");
    OK(meta("2025-03-12 09:30:15\u3000来源：某日报\u3000作者：张三\u3000李四", 0, &m), "meta: a second name after the author's");
    expect_field(&m, FO_WORD_ROLE, "张三\u3000李四", "meta: both names are the value");
    OK(!meta("作者：张三\u3000我们今天去了公园", 0, &m), "near-miss: a phrase after a name is no second name");
    OK(meta("作者：张三 来源：某报", 0, &m), "near-miss: a key after a name is its own field");
    expect_field(&m, FO_WORD_ROLE, "张三", "near-miss: the author stops before the next key");
    OK(meta("（责任编辑：张三）", 0, &m), "meta: （责任编辑：张三） in brackets");
    OK(meta("【编辑 李四】", 0, &m), "meta: 【编辑 李四】 without a colon");
    expect_field(&m, FO_WORD_ROLE, "李四", "meta: bracketed editor");
    OK(meta("编辑：张三  审核：李四  终审：王五", 0, &m) && m.n_fields == 3, "meta: 编辑 审核 终审");
    OK(meta("2024年07月12日 08:30  来源：新华网  【字体：大 中 小】  打印本页  关闭窗口", 0, &m), "meta: furniture beside the fields");
    expect_field(&m, FO_WORD_SOURCE, "新华网", "meta: the source stops before the furniture");

    /* tolerance: counters, empty keys, spaces around the colon, dates after names, glued widgets */
    OK(meta("作者:某某网 时间:2024-07-22 05:37:26  浏览:9174   来源:某某网", 0, &m), "meta: a counter among the fields");
    expect_date(fo_meta_pubdate(&m), "2024-07-22T05:37:26+08:00", "meta: 时间 with seconds");
    OK(meta("来源:某网 作者: 编辑:王五 2019-03-14 11:01:32", 0, &m), "meta: an empty 作者:");
    expect_field(&m, FO_WORD_ROLE, "", "meta: an empty key gets no value, not the next field");
    OK(m.n_fields == 4 && m.fields[2].value.end - m.fields[2].value.start == 2, "meta: 编辑 keeps its own value");
    expect_date(fo_meta_pubdate(&m), "2019-03-14T11:01:32+08:00", "meta: a date after the names");
    OK(meta("2014年04月04日 浏览次数:", 0, &m), "meta: an empty counter at the end");
    OK(meta("发表时间 : 2025-01-16", 0, &m), "meta: spaces around the colon");
    OK(meta("2022-09-30 08:41:14 字号:", 0, &m), "meta: an empty widget label");
    OK(meta("字号+作者:kers 来源:某某在线 2017-03-30 17:00 收藏本文", 0, &m), "meta: a widget glued to a key");
    expect_field(&m, FO_WORD_ROLE, "kers", "meta: a Latin handle as the author");
    expect_field(&m, FO_WORD_SOURCE, "某某在线", "meta: the source stops at the date");
    OK(meta("新闻来源: 甲网/乙报 于2020-07-13 9:54:15  提示:新闻观点不代表本网立场", 0, &m), "meta: 于 before the date");
    expect_field(&m, FO_WORD_SOURCE, "甲网/乙报", "meta: several sources in one value");
    expect_date(fo_meta_pubdate(&m), "2020-07-13T09:54:15+08:00", "meta: an hour without its leading zero");
    OK(meta("http://www.example.com 2007年03月16日18:54 中国网", 0, &m), "meta: URL, date, an outlet without a key");
    expect_field(&m, FO_FIELD_OUTLET, "中国网", "meta: the outlet named after the date");
    expect_date(fo_meta_pubdate(&m), "2007-03-16T18:54+08:00", "meta: a time glued to the date");
    OK(meta("2017-11-12 某某双语新闻 某某英语", 0, &m) && !fo_meta_field_of(&m, FO_FIELD_OUTLET),
       "meta: names after a date that are no outlet are dropped");
    OK(meta("( 2019-10-12 ) 稿件来源:某某电讯 要 闻", 0, &m), "meta: a bracketed date");
    OK(meta("(新闻来源:某区融媒体中心 转载:李四) |", 0, &m), "meta: bracketed, 转载 dropped, a stray bar");
    expect_field(&m, FO_WORD_SOURCE, "某区融媒体中心", "meta: bracketed source");
    OK(meta("The following article is from 某报 Author 某报记者", 0, &m), "meta: a repost's English line");
    expect_field(&m, FO_WORD_SOURCE, "某报", "meta: the repost's source");
    OK(meta("  • 發布日期 : 109-11-12", FO_DATE_ROC, &m), "meta: a bullet, a traditional key, an ROC year");
    expect_date(fo_meta_pubdate(&m), "2020-11-12", "meta: ROC 109 is 2020");
    OK(!meta("• 發布日期 : 109-11-12", 0, &m), "not meta: an ROC year only on traditional pages");
    OK(meta("- 发布日期:2021-07-19", 0, &m), "meta: a dash bullet");

    /* index tables: letter-spaced keys, keys without colons, empty values */
    OK(meta("索   引   号 20191202-189769 分        类 其他; 某某办公室;", 0, &m), "meta: letter-spaced keys");
    expect_field(&m, FO_WORD_INDEX, "20191202-189769", "meta: index number");
    OK(meta("发 布 机 构 市人民政府办公室 发 文 日 期 2019-11-29", 0, &m), "meta: organ and issue date");
    expect_field(&m, FO_WORD_ORGAN, "市人民政府办公室", "meta: issuing organ");
    expect_date(fo_meta_field_of(&m, FO_WORD_ISSUEDATE), "2019-11-29", "meta: 发文日期");
    OK(meta("索引号:123-456 公文目录:应急管理 发文日期:2017年06月28日 主题词: 文  号: 成文日期:", 0, &m),
       "meta: a strip of fields, some empty");
    expect_field(&m, FO_WORD_DOCNUMBER, "", "meta: an empty 文  号");
    OK(meta("成文日期 2023-03-10 废止日期", 0, &m), "meta: a key with no value at the end");
    OK(meta("香港時間18時00分", 0, &m) && fo_meta_field_of(&m, FO_FIELD_TIME), "meta: a time alone");
    OK(meta("2025年7月23日(星期三)", 0, &m), "meta: a date with its weekday");
    OK(meta("中華民國91年3月19日星期二", 0, &m), "meta: 中華民國 before an ROC year");
    expect_date(fo_meta_pubdate(&m), "2002-03-19", "meta: 民國91年 is 2002");

    const char *not_meta[] = {
        "2024年07月12日 打印机出了故障", "（记者从会上获悉）", "2025年1月16日，省司法厅召开全省司法行政工作会议。",
        "来源于群众的意见建议共计120条，已全部办结。", "2025-13-45", "某某市某某区人民政府 2019年12月3日星期二",
        "联系电话:0451-82162098", "记者：你好。请问这次会议有什么新的安排？", "时间：上午九点", "時間過得真快",
        "编者按：今年是全面依法治国的关键一年。", NULL,
    };
    for (const char **l = not_meta; *l; l++) {
        char what[200];
        snprintf(what, sizeof what, "not meta: %s", *l);
        OK(!meta(*l, 0, &m), what);
    }
}

static void test_dates(void)
{
    struct { const char *text; unsigned flags; const char *iso; } dates[] = {
        {"2025-01-16", 0, "2025-01-16"},                    {"2025/1/16", 0, "2025-01-16"},
        {"2025.01.16", 0, "2025-01-16"},                    {"2025年1月16日", 0, "2025-01-16"},
        {"2025 年 1 月 16 日", 0, "2025-01-16"},            {"2025年1月16日 16:16", 0, "2025-01-16T16:16+08:00"},
        {"2025-01-16 16:16:43", 0, "2025-01-16T16:16:43+08:00"}, {"2024 09/21 20:49:32", 0, "2024-09-21T20:49:32+08:00"},
        {"民國113年5月20日", 0, "2024-05-20"},              {"114年01月13日", FO_DATE_ROC, "2025-01-13"},
        {"2015年10月22日08:18", 0, "2015-10-22T08:18+08:00"}, {"2018年02月07日 星期三", 0, "2018-02-07"},
        {"2013年12月5日 星期", 0, "2013-12-05"},             {"2025年1月16日16时16分", 0, "2025-01-16T16:16+08:00"},
        {"2025-01-16 16:56:432024年以来", 0, "2025-01-16T16:56:43+08:00"},
    };
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        size_t n = to_cps(dates[i].text);
        fo_text_date d;
        char what[100], got[40] = "";
        snprintf(what, sizeof what, "date: %s", dates[i].text);
        if (fo_parse_date(cps, n, 0, dates[i].flags, &d) > 0)
            fo_date_iso(&d, got, sizeof got);
        STR_EQ(got, dates[i].iso, what);
    }
    const char *not_dates[] = {"2025-13-45", "2025-02-30", "1123年3月8日", "12345-01-01", "114年01月13日", "3.5.1", NULL};
    for (const char **t = not_dates; *t; t++) {
        size_t n = to_cps(*t);
        fo_text_date d;
        char what[100];
        snprintf(what, sizeof what, "not a date: %s", *t);
        OK(fo_parse_date(cps, n, 0, 0, &d) == 0, what);
    }
    size_t n = to_cps("3.5.1"), s, e;
    fo_text_date d;
    OK(fo_parse_date(cps, n, 0, FO_DATE_ROC, &d) == 0, "not a date: a one-digit ROC year");
    n = to_cps("2025年1月16日 3人受伤");
    OK(fo_parse_date(cps, n, 0, 0, &d) && d.hour == -1, "date: a number after the date is no time");
    n = to_cps("人民日报2025.12.22星期一");
    OK(fo_find_date(cps, n, 0, &d, &s, &e) && s == 4 && d.day == 22, "find a date inside a line");
    n = to_cps("第1123期共12345人");
    OK(!fo_find_date(cps, n, 0, &d, &s, &e), "find no date where there is none");
    n = to_cps("香港時間18時00分");
    OK(fo_parse_time(cps, n, 0, &d) == n && d.hour == 18 && d.minute == 0, "time: 香港時間18時00分");
}

static void test_breadcrumbs_and_junk(void)
{
    fo_meta_span items[8];
    size_t n = to_cps("您当前的位置 : 中国甘肃网 >> 法治甘肃 >> 本网关注");
    INT_EQ(fo_rule_breadcrumb(cps, n, items, 8), 3, "breadcrumb: 您当前的位置 … >> …");
    n = to_cps("首页 > 新闻中心 > 国内新闻");
    INT_EQ(fo_rule_breadcrumb(cps, n, items, 8), 3, "breadcrumb: without opener, > steps");
    n = to_cps("署名文章《甲》在《乙》刊登，《丙》由出版社出版");
    INT_EQ(fo_rule_breadcrumb(cps, n, items, 8), 0, "not a breadcrumb: book-title marks in a sentence");
    n = to_cps("温度 > 30 度时停止作业");
    INT_EQ(fo_rule_breadcrumb(cps, n, items, 8), 0, "not a breadcrumb: one > in a sentence");

    const char *junk[] = {"西北角西北角", "中国甘肃网微信中国甘肃网微信", "学习强国学习强国", "分享到", "分享到：",
                          "【字体：大 中 小】", "【字体:大 中 小】", "打印本页 关闭窗口", "[打印本页] [关闭窗口]", NULL};
    for (const char **j = junk; *j; j++) {
        char what[200];
        snprintf(what, sizeof what, "junk: %s", *j);
        n = to_cps(*j);
        OK(fo_rule_junk(cps, n, lim), what);
    }
    const char *more_junk[] = {"*******************", ":::", "---|---|---|", "| ||||||||||", "\\", "32px", "- 12px",
                               "0:00 / 0:00", "未标题-1.jpg", "WhatsApp Image 2018-11-12 at 14.25.23.jpg",
                               "某某部LOGO", "大 |", "小 |", "廣告 廣告", "浏览次数:", "点阅次数:2624", "视力保护色:",
                               "1 M2 @2 o/ z3 X9 c7 r", "无障碍 简体| 繁体", "放大 缩小 默认", "pagebreak", "有效性 有效",
                               "原创", "小字号", NULL};
    for (const char **j = more_junk; *j; j++) {
        char what[200];
        snprintf(what, sizeof what, "junk: %s", *j);
        n = to_cps(*j);
        OK(fo_rule_junk(cps, n, lim), what);
    }
    n = to_cps("8 X7 ~6 a1 p$ F+");
    INT_EQ(fo_rule_jammer_run(cps, n, 0), n, "jammer: a run of odd short tokens");
    n = to_cps("I am a boy");
    INT_EQ(fo_rule_jammer_run(cps, n, 0), 0, "not a jammer: short English words");
    n = to_cps("冀人社发〔2022〕11 号");
    INT_EQ(fo_rule_docnumber_at(cps, n, 0), n, "document number: 冀人社发〔2022〕11 号");
    n = to_cps("广安区府办发〔202026");
    INT_EQ(fo_rule_docnumber_at(cps, n, 0), n, "document number: garbled, its bracket lost");
    n = to_cps("梁政发【2023】7号关于印发某某的通知");
    INT_EQ(fo_rule_docnumber_at(cps, n, 0), 11, "document number: glued before a title");
    n = to_cps("根据《条例》(2024年修订)规定");
    INT_EQ(fo_rule_docnumber_at(cps, n, 0), 0, "no document number: a year in brackets in a sentence");
    n = to_cps("01版：要闻");
    OK(fo_rule_page_label(cps, n), "page label: 01版：要闻");
    n = to_cps("第5版（国内专页）");
    OK(fo_rule_page_label(cps, n), "page label: 第5版（…）");
    n = to_cps("第5版的文章很精彩，值得一读。");
    OK(!fo_rule_page_label(cps, n), "not a page label: a sentence");
    n = to_cps("中國共產黨新聞網>>反腐倡廉");
    INT_EQ(fo_rule_breadcrumb(cps, n, items, 8), 2, "breadcrumb: one >> step");
    n = to_cps("当前位置: > 中评电讯 > 香港特首某某日记者会全文");
    INT_EQ(fo_rule_breadcrumb(cps, n, items, 8), 2, "breadcrumb: the last step may be the title");
    n = to_cps("您当前所在位置:");
    OK(fo_rule_breadcrumb_opener(cps, n) > 0, "breadcrumb: an opener alone");
    n = to_cps("点击进入 > 查看详情");
    INT_EQ(fo_rule_breadcrumb(cps, n, items, 8), 0, "not a breadcrumb: one > step not from 首页");
    n = to_cps("某某网 > 正文");
    INT_EQ(fo_rule_breadcrumb(cps, n, items, 8), 2, "breadcrumb: one > step to 正文");
    n = to_cps("返回 > 正文内容很长");
    INT_EQ(fo_rule_breadcrumb(cps, n, items, 8), 0, "not a breadcrumb: one > step to more than 正文");
    n = to_cps("正文 > 某某网");
    INT_EQ(fo_rule_breadcrumb(cps, n, items, 8), 0, "not a breadcrumb: one > step from 正文");

    const char *not_junk[] = {"哈哈", "学习强国", "关闭窗口后，系统会自动保存。", "中国中国中国", "大中小学生", "打印机故障已排除",
                              "2024", "(1)", "01", "23:16", "中", "受理单位:某某委员会", "联系电话:0451-82162098", NULL};
    for (const char **j = not_junk; *j; j++) {
        char what[200];
        snprintf(what, sizeof what, "not junk: %s", *j);
        n = to_cps(*j);
        OK(!fo_rule_junk(cps, n, lim), what);
    }
}

static void test_runins_and_prefixes(void)
{
    size_t n = to_cps("加强宣传解读。依托“三大阵地”，设立主题专栏，刊发理论文章119篇。");
    INT_EQ(fo_rule_runin_head(cps, n, lim), 7, "run-in head: 加强宣传解读。");
    n = to_cps("以科学量化“评”，树立实干导向。制定《普法依法治理工作评价制度》，科学设置评价体系。");
    INT_EQ(fo_rule_runin_head(cps, n, lim), 16, "run-in head with a comma and quotes");
    n = to_cps("坚持把学习宣传贯彻习近平法治思想作为重大政治任务，依托学习宣传三大阵地。");
    INT_EQ(fo_rule_runin_head(cps, n, lim), 0, "no run-in head: the first sentence is long");
    n = to_cps("2024年10月底。全省建成四级全覆盖的工作体系，运行良好。");
    INT_EQ(fo_rule_runin_head(cps, n, lim), 0, "no run-in head: a date opens the sentence");
    n = to_cps("他说：“好。”大家都笑了起来，会场气氛十分热烈。");
    INT_EQ(fo_rule_runin_head(cps, n, lim), 0, "no run-in head: a full stop inside quotes");
    n = to_cps("加强宣传解读。好的。");
    INT_EQ(fo_rule_runin_head(cps, n, lim), 0, "no run-in head: too little text after it");

    n = to_cps("原标题:为奋力谱写中国式现代化甘肃篇章提供坚实法治保障");
    INT_EQ(fo_rule_prefix(cps, n, FO_WORD_ORIGINAL), 4, "prefix 原标题:");
    n = to_cps("版权声明：凡注有稿件来源为“中国甘肃网”的稿件");
    INT_EQ(fo_rule_prefix(cps, n, FO_WORD_RIGHTS), 5, "prefix 版权声明：");
    n = to_cps("编者按：今年是全面依法治国的关键一年。");
    INT_EQ(fo_rule_prefix(cps, n, FO_WORD_NOTE), 4, "prefix 编者按：");
    n = to_cps("原标题党的问题");
    INT_EQ(fo_rule_prefix(cps, n, FO_WORD_ORIGINAL), 0, "no prefix without a colon");
    n = to_cps("编者按 “祖国的需要就是我的志愿！”");
    INT_EQ(fo_rule_prefix(cps, n, FO_WORD_NOTE), 4, "prefix 编者按 and a space");

    /* numbered leads in a series may be longer, and cut short after them */
    n = to_cps("（一）为推动经济高质量发展提供法治保障。坚持稳中快进工作总基调。");
    INT_EQ(fo_rule_runin_head(cps, n, lim), 20, "run-in head: a numbered lead");
    n = to_cps("第一，贯彻“教育、感化、挽救”方针，助力失足少年回归社会。对涉罪未成年人，坚持寓教于审。");
    INT_EQ(fo_rule_runin_head(cps, n, lim), 29, "run-in head: 第一， and a long lead");
    n = to_cps("（五）惩前毖后、治病救人。处理");
    INT_EQ(fo_rule_runin_head(cps, n, lim), 13, "run-in head: a numbered lead, the text cut short");
    n = to_cps("第二条 贷款性质。扶贫贷款是政策性贷款。");
    INT_EQ(fo_rule_runin_head(cps, n, lim), 9, "run-in head: a law article's title");
    n = to_cps("——权责一致。有权必有责，用权受监督。");
    INT_EQ(fo_rule_runin_head(cps, n, lim), 7, "run-in head: a dash lead");
    n = to_cps("2024年，全省法治建设取得新进展。各地积极行动。");
    INT_EQ(fo_rule_runin_head(cps, n, lim), 0, "no run-in head: a year is no numbering");
    n = to_cps("---|---|---|");
    INT_EQ(fo_rule_subtitle(cps, n), 0, "no subtitle: what is left of a table");

    n = to_cps("——2024年全省法治建设和司法行政工作十大亮点");
    INT_EQ(fo_rule_subtitle(cps, n), 2, "subtitle after ——");
    n = to_cps("—这是一个破折号");
    INT_EQ(fo_rule_subtitle(cps, n), 0, "no subtitle after a single dash");
}

static void expect_punct(const char *in, const char *want)
{
    size_t n = to_cps(in);
    n = fo_normalize_punctuation(cps, n);
    char *got = from_cps(cps, 0, n);
    char what[300];
    snprintf(what, sizeof what, "punctuation: %s", in);
    STR_EQ(got, want, what);
    free(got);
}

static void test_punctuation(void)
{
    expect_punct("2024年,省司法厅坚持", "2024年，省司法厅坚持");
    expect_punct("亮点一:多维度", "亮点一：多维度");
    expect_punct("监狱(甘肃省未成年犯管教所)调研", "监狱（甘肃省未成年犯管教所）调研");
    expect_punct("宣传(2024年5月拍摄)。", "宣传（2024年5月拍摄）。");
    expect_punct("以科学量化“评”,树立", "以科学量化“评”，树立");
    expect_punct("真的吗?", "真的吗？");
    expect_punct("加强;改进", "加强；改进");
    /* a Han character on one side, a digit, % or closing mark on the other */
    expect_punct("达到111.32%,纠错", "达到111.32%，纠错");
    expect_punct("完善机制,14个市州", "完善机制，14个市州");
    expect_punct("时间:2025年", "时间：2025年");
    expect_punct("共3项;其中", "共3项；其中");
    expect_punct("合计(2024),同比", "合计(2024)，同比");
    /* a pause mark that ends the line after a Han character */
    expect_punct("雄安新区管理委员会公共服务局:", "雄安新区管理委员会公共服务局：");
    expect_punct("具体规定的事项;", "具体规定的事项；");
    expect_punct("向中国倾斜,", "向中国倾斜，");
    /* near-misses */
    expect_punct("16:16", "16:16");
    expect_punct("下午3:30开会", "下午3:30开会");
    expect_punct("共3,000元", "共3,000元");
    expect_punct("网站:https://example.cn", "网站:https://example.cn");
    expect_punct("使用Excel,2024版", "使用Excel,2024版");
    expect_punct("Hello, world (again)", "Hello, world (again)");
    expect_punct("达到90.2%,", "达到90.2%,");
    expect_punct("f(x)", "f(x)");
    expect_punct("使用Excel,Word处理", "使用Excel,Word处理");
    expect_punct("使用Excel:", "使用Excel:");
    expect_punct("局:a", "局:a");
}

/* ---- whole articles ---- */

static fo_doc *read(const char *text)
{
    fo_diag d;
    fo_diag_init(&d, "test", NULL);
    return fo_read_bytes(NULL, text, strlen(text), "test", NULL, &d);
}

static char *native(const fo_doc *doc)
{
    fo_buf b = {0};
    fo_diag d;
    fo_diag_init(&d, "test", NULL);
    fo_write_native(doc, NULL, &b, &d);
    return fo_buf_steal(&b);
}

static void test_articles(void)
{
    /* a 公文-style article: 一、 and （一） headings become two levels; law articles */
    fo_doc *doc = read("关于加强法治宣传的通知\n"
                       "发布时间：2025年1月16日 | 来源：省司法厅\n"
                       "各市州司法局：\n"
                       "一、总体要求\n"
                       "（一）指导思想\n"
                       "坚持以习近平新时代中国特色社会主义思想为指导。\n"
                       "（二）工作目标\n"
                       "到2025年底，基本建成覆盖城乡的公共法律服务体系。\n"
                       "二、主要任务\n"
                       "加强宣传解读。依托三大阵地设立专栏，刊发理论文章。\n"
                       "深入研究阐释。依托三个研究基地，深化红色法治文化研究。\n"
                       "责任编辑：赵六\n");
    if (OK(doc != NULL, "article: 公文 reads")) {
        OK(fo_doc_check(doc) == NULL, "article: tree invariants hold");
        STR_EQ(doc->meta.title, "关于加强法治宣传的通知", "article: title");
        STR_EQ(doc->meta.date, "2025-01-16", "article: date without time");
        STR_EQ(doc->meta.source, "省司法厅", "article: source");
        OK(doc->meta.authors && strcmp(doc->meta.authors->role, "责任编辑") == 0, "article: 责任编辑 is an author with role");
        fo_node *s1 = doc->root->first;
        while (s1 && s1->kind != FO_SECTION)
            s1 = s1->next;
        OK(s1 && s1->u.section.level == 1 && strcmp(s1->u.section.marker, "一、") == 0, "article: 一、 is level 1");
        OK(s1 && s1->first && s1->first->kind == FO_SECTION && s1->first->u.section.level == 2,
           "article: （一） nests under 一、");
        fo_node *s2 = s1 ? s1->next : NULL;
        OK(s2 && s2->first && s2->first->u.para.head, "article: run-in heads in a series of two");
        fo_doc_free(doc);
    }

    /* one short first sentence alone is not a run-in head */
    doc = read("标题在这里\n"
               "2025-01-16 来源：某报\n"
               "亮点一：第一部分\n"
               "加强宣传解读。依托三大阵地设立专栏，刊发理论文章。\n"
               "全省各地积极行动，认真落实各项部署要求，取得明显成效。\n");
    if (OK(doc != NULL, "article: lone run-in candidate reads")) {
        fo_node *sec = doc->root->last;
        OK(sec->kind == FO_SECTION && sec->first && !sec->first->u.para.head,
           "article: a lone short first sentence stays plain text");
        fo_doc_free(doc);
    }

    /* law articles and chapters */
    doc = read("甘肃省行政复议工作规定\n"
               "第一章　总则\n"
               "第一条　为了规范行政复议工作，制定本规定。\n"
               "第二条　本规定适用于本省行政区域。\n"
               "第二章　附则\n"
               "第三条　本规定自公布之日起施行。\n");
    if (OK(doc != NULL, "article: law reads")) {
        char *dump = native(doc);
        OK(strstr(dump, "section level=1 id=sec-1 label=\"第一章\"") != NULL, "law: 第一章 level 1");
        OK(strstr(dump, "label=\"第一条\"") == NULL, "law: 第一条 is no section");
        OK(strstr(dump, "\"第一条　为了规范行政复议工作，制定本规定。\"") != NULL,
           "law: an article is a numbered paragraph of its chapter");
        free(dump);
        OK(fo_doc_check(doc) == NULL, "law: tree invariants hold");
        fo_doc_free(doc);
    }

    /* 编者按, citetitle nesting, English wrapped text gets spaces */
    doc = read("标题\n2025-01-16 来源：某报\n编者按：这是一段按语。\n"
               "他读了《“一带一路”研究》和《未闭合的书名\n");
    if (OK(doc != NULL, "article: 编者按 reads")) {
        STR_EQ(doc->meta.abstract, "这是一段按语。", "编者按 becomes the abstract");
        char *dump = native(doc);
        OK(strstr(dump, "citetitle") && strstr(dump, "text \"“一带一路”研究\""), "citetitle holds quotes inside");
        OK(strstr(dump, "《未闭合的书名") != NULL, "an unclosed 《 stays text");
        free(dump);
        fo_doc_free(doc);
    }

    doc = read("A title\n\n"
               "The quick brown fox jumps over the lazy dog and keeps\n"
               "running far away into the forest where nobody can ever\n"
               "find the animal again because the trees grow very dense\n"
               "and the paths wind around in circles for miles and miles\n"
               "until everything looks the same in every single direction.\n\n"
               "Second paragraph is short.\n\n"
               "Third paragraph runs on for a while and then it wraps here\n"
               "and ends on this line.\n");
    if (OK(doc != NULL, "article: wrapped English reads")) {
        char *dump = native(doc);
        OK(strstr(dump, "keeps running far away") != NULL, "wrapped English lines join with a space");
        free(dump);
        fo_doc_free(doc);
    }

    doc = read("标题在此\n2025-01-16 来源：新华网\n新华社北京1月16日电（记者张三、李四）国务院新闻办公室16日举行发布会。\n");
    if (OK(doc != NULL, "article: dateline reads")) {
        const fo_author *a = doc->meta.authors;
        OK(a && strcmp(a->name, "张三") == 0 && strcmp(a->role, "记者") == 0 && a->affiliation &&
               strcmp(a->affiliation, "新华社") == 0 && a->next && strcmp(a->next->name, "李四") == 0,
           "dateline reporters become authors with the agency");
        char *dump = native(doc);
        OK(strstr(dump, "新华社北京1月16日电（记者张三、李四）国务院") != NULL, "the dateline stays in the text");
        free(dump);
        fo_doc_free(doc);
    }

    /* numbered headings come in sequence; law articles run on through chapters */
    doc = read("关于做好元旦春节期间工作的通知\n"
               "一、切实保障群众生活\n"
               "各地要加强市场供应，确保重要民生商品供应充足。\n"
               "二、加强安全生产\n"
               "要深入开展安全隐患排查整治。\n"
               "附件：1.重点工作任务分工表\n"
               "2.联系人名单\n"
               "四、这一行的编号跳过了三\n");
    if (OK(doc != NULL, "article: heading sequence reads")) {
        char *dump = native(doc);
        OK(strstr(dump, "label=\"2\"") == NULL && strstr(dump, "\"2.联系人名单\"") != NULL,
           "2. without a 1. before it is a paragraph");
        OK(strstr(dump, "label=\"四\"") == NULL && strstr(dump, "label=\"二\"") != NULL,
           "四、 after 二、 is a paragraph; 二、 after 一、 is a heading");
        free(dump);
        fo_doc_free(doc);
    }
    doc = read("某法\n第一章　总则\n第一条　甲。\n第二条　乙。\n第二章　附则\n第三条　丙。\n");
    if (OK(doc != NULL, "article: law with two chapters reads")) {
        char *dump = native(doc);
        OK(strstr(dump, "label=\"第二章\"") != NULL && strstr(dump, "\"第三条　丙。\"") != NULL,
           "第三条 after 第二章 is a paragraph of the second chapter");
        free(dump);
        fo_doc_free(doc);
    }

    doc = read("首页 > 新闻 > 国内\n标题在此\n2025-01-16 来源：新华网\n正文第一段，内容很长很长。\n");
    if (OK(doc != NULL, "article: breadcrumb from 首页 reads")) {
        OK(doc->meta.publisher == NULL && doc->meta.category && strcmp(doc->meta.category->str, "新闻") == 0,
           "a breadcrumb from 首页 names no site, only the category path");
        fo_doc_free(doc);
    }

    OK(read("\n \n\xe3\x80\x80\n") == NULL, "white space only: no document");
    OK(read("分享到\n西北角西北角\n") == NULL, "junk only: no document");
}

/* fo_read_bytes: every input goes through it, so its own steps are tested here. */
static fo_doc *read_quietly(const char *bytes, size_t len, const fo_read_opts *opts, fo_diag *d)
{
    fo_diag_init(d, "in.txt", NULL);
    return fo_read_bytes(NULL, bytes, len, "dir/in.txt", opts, d);
}

static void test_read_bytes(void)
{
    fo_diag d;
    const char article[] = "标题\n2025-01-16 来源：某报\n正文。\n";
    fo_doc *doc = read_quietly(article, sizeof article - 1, NULL, &d);
    if (OK(doc != NULL, "read_bytes: an article reads")) {
        OK(doc->meta.identifier && doc->meta.language && doc->root->first->kind == FO_PARA,
           "read_bytes: the model is finished (identifier, language)");
        STR_EQ(doc->input_name, "dir/in.txt", "read_bytes: the document knows its input");
        INT_EQ(d.warnings + d.errors, 0, "read_bytes: no message for a sound article");
        fo_doc_free(doc);
    }
    const char binary[] = "标题\n\0正文\n";
    OK(!read_quietly(binary, sizeof binary - 1, NULL, &d) && strstr(d.last, "binary file") &&
           strstr(d.last, "byte offset 7"),
       "read_bytes: a NUL byte: refused as a binary file, with its offset");
    OK(!read_quietly("\xff\xff\xff\n", 4, NULL, &d) && strstr(d.last, "invalid byte 0xFF"),
       "read_bytes: bytes that are neither UTF-8 nor GB18030: the decoder's error");
    OK(!read_quietly(" \n\n", 3, NULL, &d) && d.errors == 1, "read_bytes: the reader's error (nothing to read)");

    const char *meta[] = {"title=改过的标题", "keywords=甲"};
    fo_read_opts opts = {.meta = meta, .n_meta = 2};
    doc = read_quietly(article, sizeof article - 1, &opts, &d);
    const char retitled[] = "改过的标题\n2025-01-16 来源：某报\n正文。\n";
    fo_doc *plain = read_quietly(retitled, sizeof retitled - 1, NULL, &d);
    if (OK(doc && plain, "read_bytes: -M overrides")) {
        STR_EQ(doc->meta.title, "改过的标题", "read_bytes: -M title replaces the title read");
        STR_EQ(doc->meta.identifier, plain->meta.identifier,
               "read_bytes: -M applies before the model is finished: the identifier follows the new title");
        OK(doc->meta.keywords && !strcmp(doc->meta.keywords->str, "甲"), "read_bytes: -M keywords");
    }
    fo_doc_free(doc);
    fo_doc_free(plain);
    const char *bad[] = {"colour=red"};
    opts = (fo_read_opts){.meta = bad, .n_meta = 1};
    OK(!read_quietly(article, sizeof article - 1, &opts, &d) && strstr(d.last, "colour=red"),
       "read_bytes: an unknown -M key is an error");

    const char untitled[] = "这是一个很长的句子，它不是标题，因为它以句号结束并且足够长。\n";
    doc = read_quietly(untitled, sizeof untitled - 1, NULL, &d);
    OK(doc && !doc->meta.title && d.warnings == 1 && strstr(d.last, "no title") && strstr(d.last, "无标题"),
       "read_bytes: an article without a title is noted once, naming the stand-in");
    fo_doc_free(doc);
}

int main(void)
{
    test_read_bytes();
    test_headings();
    test_heading_numbers();
    test_captions();
    test_bylines();
    test_vocab();
    test_meta_lines();
    test_dates();
    test_datelines();
    test_creators();
    test_breadcrumbs_and_junk();
    test_runins_and_prefixes();
    test_punctuation();
    test_articles();
    return harness_done();
}
