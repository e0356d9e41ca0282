/* test_gongwen_reader.c — an official document's parts recognised by the text reader
 * (read_gongwen.h): each rule on lines, then whole documents.  Every line is written for the test;
 * each part comes with the near-misses a news article has and that must not trigger it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "harness.h"
#include "read_gongwen.h"
#include "readers.h"
#include "text.h"
#include "writers.h"

static uint32_t *cps(const char *s, size_t *n)
{
    size_t len = strlen(s), k = 0;
    uint32_t *out = malloc((len + 1) * sizeof *out);
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t step = fo_utf8_decode(s + i, len - i, &c);
        if (!out || step == 0)
            break;
        out[k++] = c;
        i += step;
    }
    *n = k;
    return out;
}

typedef bool (*line_rule)(const uint32_t *, size_t);

static void rule_says(line_rule rule, const char *line, bool want, const char *what)
{
    size_t n;
    uint32_t *s = cps(line, &n);
    OK(s && rule(s, n) == want, what);
    free(s);
}

static size_t label_of(const char *line)
{
    size_t n;
    uint32_t *s = cps(line, &n);
    size_t k = s ? fo_gongwen_attachment_label(s, n) : 0;
    free(s);
    return k;
}

static void test_line_rules(void)
{
    rule_says(fo_gongwen_is_addressee, "各市（州）司法局，厅机关各处室、直属各单位：", true, "addressee: organs listed, a colon");
    rule_says(fo_gongwen_is_addressee, "河西省人民政府：", true, "addressee: one organ");
    rule_says(fo_gongwen_is_addressee, "各县（市、区）人民政府，省政府各部门、各直属机构：", true,
              "addressee: 、 inside brackets does not split an item");
    rule_says(fo_gongwen_is_addressee, "各乡镇，各县（市、区）:", true, "addressee: places after 各, a half-width colon");
    rule_says(fo_gongwen_is_addressee, "同志们：", false, "near-miss: a speech's address is no organ");
    rule_says(fo_gongwen_is_addressee, "各位领导、各位来宾：", false, "near-miss: guests are no organs");
    rule_says(fo_gongwen_is_addressee, "记者从省司法厅获悉：", false, "near-miss: a sentence that ends in a colon");
    rule_says(fo_gongwen_is_addressee, "会议强调：", false, "near-miss: 会议强调：");
    rule_says(fo_gongwen_is_addressee, "省司法厅", false, "near-miss: an organ without a colon");
    rule_says(fo_gongwen_is_addressee, "2024年全省各司法局：", false, "near-miss: a number in the line");

    rule_says(fo_gongwen_is_organ, "河西省司法厅", true, "organ: 司法厅");
    rule_says(fo_gongwen_is_organ, "河西省司法厅    河西省财政厅", true, "organ: two side by side (a joint document)");
    rule_says(fo_gongwen_is_organ, "中共河西省委办公厅", true, "organ: 办公厅");
    rule_says(fo_gongwen_is_organ, "张明远", false, "near-miss: a person");
    rule_says(fo_gongwen_is_organ, "法治宣传教育活动", false, "near-miss: a phrase");
    rule_says(fo_gongwen_is_organ, "省司法厅。", false, "near-miss: a sentence");

    rule_says(fo_gongwen_is_date, "2025年2月18日", true, "date: 2025年2月18日");
    rule_says(fo_gongwen_is_date, "  2025年2月18日  ", true, "date: white space around it");
    rule_says(fo_gongwen_is_date, "二〇二五年二月十八日", true, "date: in Han numerals");
    rule_says(fo_gongwen_is_date, "二〇二五年十二月三十一日", true, "date: 十二月三十一日");
    rule_says(fo_gongwen_is_date, "2025年2月18日上午", false, "near-miss: a date that goes on");
    rule_says(fo_gongwen_is_date, "2025年2月18日 10:30", false, "near-miss: a time (a web page's stamp)");
    rule_says(fo_gongwen_is_date, "二〇二五年十三月一日", false, "near-miss: no month 13");

    rule_says(fo_gongwen_is_imprint, "河西省司法厅办公室        2025年2月18日印发", true, "imprint: organ, date, 印发");
    rule_says(fo_gongwen_is_imprint, "河西省人民政府办公厅2025年1月21日印发", true, "imprint: without the spaces");
    rule_says(fo_gongwen_is_imprint, "2025年2月18日印发", false, "near-miss: no printing organ");
    rule_says(fo_gongwen_is_imprint, "现将实施方案印发", false, "near-miss: 印发 in a sentence");

    INT_EQ(label_of("附件1"), 3, "attachment label: 附件1");
    INT_EQ(label_of("附件"), 2, "attachment label: 附件 alone");
    INT_EQ(label_of("附件2 活动开展情况统计表"), 3, "attachment label: its title on the line");
    INT_EQ(label_of("附件：1.活动安排表"), 0, "near-miss: the attachment note (附件：)");
    INT_EQ(label_of("附件一览表"), 0, "near-miss: a word that starts with 附件");
}

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

static int count(const char *hay, const char *needle)
{
    int k = 0;
    for (const char *at = hay ? strstr(hay, needle) : NULL; at; at = strstr(at + 1, needle))
        k++;
    return k;
}

#define BODY "为做好本年度的法律援助工作，切实保障困难群众的合法权益，经研究，现将有关事项通知如下。\n"
#define BODY2 "各单位要高度重视，结合实际认真抓好落实，确保各项工作取得实效，并及时报送工作情况。\n"

static void test_whole_document(void)
{
    fo_doc *doc = read("000123\n机密★5年\n加急\n东山市司法局文件\n东司发[2025]5号\n"
                       "东山市司法局关于做好\n法律援助工作的通知\n\n各区县司法局，局机关各科室：\n\n" BODY
                       "一、工作目标\n" BODY2 "附件：1.法律援助案件统计表\n2.工作联系人名单\n\n东山市司法局\n"
                       "2025年3月1日\n（此件公开发布）\n附件1\n法律援助案件统计表\n" BODY2
                       "附件2\n工作联系人名单\n" BODY "抄送：市委政法委。\n东山市司法局办公室  2025年3月2日印发\n");
    char *dump = doc ? native(doc) : NULL;
    if (OK(doc && dump, "notice: reads")) {
        const fo_meta *m = &doc->meta;
        STR_EQ(m->title, "东山市司法局关于做好法律援助工作的通知", "notice: the title under the 版头, its lines joined");
        STR_EQ(m->doc_number, "东司发〔2025〕5号", "number: [2025] becomes 〔2025〕");
        STR_EQ(m->copy_number, "000123", "版头: 份号");
        STR_EQ(m->secrecy, "机密★5年", "版头: 密级和保密期限");
        STR_EQ(m->urgency, "加急", "版头: 紧急程度");
        STR_EQ(m->organ_mark, "东山市司法局文件", "版头: 发文机关标志");
        STR_EQ(m->issuer, "东山市司法局", "the issuer: the signature");
        STR_EQ(m->doc_date, "2025-03-01", "成文日期: under the signature");
        STR_EQ(m->cc, "市委政法委。", "版记: 抄送");
        STR_EQ(m->printer, "东山市司法局办公室", "版记: 印发机关");
        STR_EQ(m->print_date, "2025-03-02", "版记: 印发日期");
        OK(strstr(dump, "\n  part addressee") != NULL, "addressee: the body's first line, in the document");
        OK(strstr(dump, "    part enclosures") && count(dump, "      para") >= 2, "附件说明: two items in the last section");
        OK(strstr(dump, "    part signature") && strstr(dump, "    part date") && strstr(dump, "    part annotation"),
           "signature, date and note in the last section");
        INT_EQ(count(dump, "\n  part attachment"), 2, "two attachments, in the document");
        OK(strstr(dump, "label=\"附件2\"") != NULL, "attachment: its label");
        OK(!strstr(dump, "抄送") && !strstr(dump, "印发") && !strstr(dump, "text \"东山市司法局文件"),
           "the 版头 and 版记 lines are metadata, not text");
        OK(fo_doc_check(doc) == NULL, "notice: a sound tree");
    }
    free(dump);
    fo_doc_free(doc);

    /* an organ alone over the number (a 请示), 签发人 beside the number */
    doc = read("西川县人民政府\n西政〔2025〕8号      签发人：李某某  王某某\n西川县人民政府关于申请项目资金的请示\n"
               "西川市人民政府：\n" BODY "妥否，请批示。\n西川县人民政府\n2025年4月2日\n");
    if (OK(doc != NULL, "请示: reads")) {
        STR_EQ(doc->meta.organ_mark, "西川县人民政府", "organ mark: the organ's name alone over the number");
        STR_EQ(doc->meta.title, "西川县人民政府关于申请项目资金的请示", "请示: the title");
        OK(doc->meta.signers && strcmp(doc->meta.signers->str, "李某某") == 0 && doc->meta.signers->next &&
               strcmp(doc->meta.signers->next->str, "王某某") == 0,
           "签发人: two names");
    }
    fo_doc_free(doc);
}

static void test_near_misses(void)
{
    /* a news story: a colon line opening it, a date and an organ in the text, its byline at the end */
    fo_doc *doc = read("东山市法律援助工作取得新进展\n2025-03-01 10:30 来源：东山日报\n会议强调：\n" BODY
                       "东山市司法局\n2025年3月1日\n" BODY2 "附件1\n（记者 王某）\n");
    char *dump = doc ? native(doc) : NULL;
    if (OK(dump != NULL, "news: reads")) {
        OK(!strstr(dump, "part "), "news: no part of an official document (a signature in the text is none)");
        OK(!fo_doc_is_official(doc), "news: not an official document");
    }
    free(dump);
    fo_doc_free(doc);
    /* 版头 words without a number under them: the article's own text */
    doc = read("特急\n东山市司法局\n东山市开展法律援助活动\n" BODY BODY2);
    dump = doc ? native(doc) : NULL;
    if (OK(dump != NULL, "no number: reads")) {
        OK(!doc->meta.urgency && !doc->meta.organ_mark, "no number: no 版头");
    }
    free(dump);
    fo_doc_free(doc);
    /* an addressee line that is not the body's first: a paragraph */
    doc = read("东山市召开法律援助工作会议\n2025-03-01 来源：东山日报\n" BODY "各区县司法局，局机关各科室：\n" BODY2);
    dump = doc ? native(doc) : NULL;
    if (OK(dump != NULL, "addressee late: reads"))
        OK(!strstr(dump, "part addressee"), "near-miss: an organ list with a colon inside the text");
    free(dump);
    fo_doc_free(doc);
    /* without a signature, a number or an addressee, 附件 lines stay text */
    doc = read("东山市法律援助工作简报\n2025-03-01 来源：东山日报\n" BODY "附件：统计表\n附件1\n统计表\n" BODY2);
    dump = doc ? native(doc) : NULL;
    if (OK(dump != NULL, "附件 in news: reads"))
        OK(!strstr(dump, "part "), "near-miss: 附件 lines in a page that shows no official document");
    free(dump);
    fo_doc_free(doc);
}

/* The levels of a 公文's text: "（二）X。" alone over "1." items is a subsection, in an official
 * document only; the run-in "（一）…" before it keeps its head. */
static void test_levels(void)
{
    static const char *const levels = "一、主要任务\n（一）加强组织领导。" BODY2 "（二）突出重点对象。\n1.领导干部。" BODY2
                                      "2.青少年。" BODY2;
    char text[2048];
    snprintf(text, sizeof text, "东山市司法局关于做好法律援助工作的通知\n各区县司法局：\n%s%s东山市司法局\n2025年3月1日\n", BODY,
             levels);
    fo_doc *doc = read(text);
    char *dump = doc ? native(doc) : NULL;
    if (OK(dump != NULL, "levels: reads")) {
        OK(strstr(dump, "section level=2 id=sec-1-1 label=\"二\" marker=\"（二）\"") != NULL,
           "（二） alone over 1. items: a subsection");
        OK(strstr(dump, "text \"（一）加强组织领导。\"") != NULL, "（一） before it: its run-in head kept");
        OK(fo_doc_check(doc) == NULL, "levels: a sound tree");
    }
    free(dump);
    fo_doc_free(doc);
    /* near-miss: the same lines in a news story are no 公文's levels */
    snprintf(text, sizeof text, "东山市法律援助工作取得新进展\n2025-03-01 10:30 来源：东山日报\n%s%s", BODY, levels);
    doc = read(text);
    dump = doc ? native(doc) : NULL;
    if (OK(dump != NULL, "levels in news: reads"))
        OK(!strstr(dump, "marker=\"（二）\""), "near-miss: in a news story （二）X。 stays a paragraph");
    free(dump);
    fo_doc_free(doc);
    /* near-miss: （二） alone without items under it */
    snprintf(text, sizeof text, "东山市司法局关于做好法律援助工作的通知\n各区县司法局：\n%s一、主要任务\n（一）加强组织领导。\n"
             "（二）突出重点对象。\n" BODY2 "东山市司法局\n2025年3月1日\n", BODY);
    doc = read(text);
    dump = doc ? native(doc) : NULL;
    if (OK(dump != NULL, "no items: reads"))
        OK(!strstr(dump, "marker=\"（二）\""), "near-miss: （二）X。 over plain text is a paragraph");
    free(dump);
    fo_doc_free(doc);
}

int main(void)
{
    test_levels();
    test_line_rules();
    test_whole_document();
    test_near_misses();
    return harness_done();
}
