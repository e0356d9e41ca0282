/* test_doc.c — the model itself (doc.c): every violation fo_doc_check reports, and the sound trees
 * it must let through; finishing (ids, numbers, identifier, language); metadata by -M name; the
 * values every writer derives from the model (title, dates, who is a creator). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builders.h"
#include "harness.h"

/* A sound little article: a lead, a figure, two sections, one with a subsection, a list and a quote. */
static fo_doc *sound_doc(void)
{
    fo_doc *doc = fo_doc_new();
    doc->meta.title = "标题";
    tb_para(doc, doc->root, NULL, "导语")->u.para.role = "lead";
    tb_figure(doc, doc->root, NULL, "图注", "供图");
    fo_node *s1 = tb_section(doc, doc->root, 1, "一", "一、", "第一节");
    fo_node *p = tb_para(doc, s1, "小标题。", "正文");
    tb_wrapped(doc, p, FO_STRONG, "强调");
    tb_add(doc, p, FO_LINEBREAK);
    fo_node *list = tb_add(doc, s1, FO_LIST);
    tb_item(doc, list, "一项");
    tb_para(doc, tb_add(doc, s1, FO_BLOCKQUOTE), NULL, "引文");
    fo_node *s11 = tb_section(doc, s1, 2, NULL, NULL, "小节");
    tb_para(doc, s11, NULL, "小节正文");
    tb_section(doc, doc->root, 1, "二", "二、", "第二节");
    tb_add(doc, doc->root->last, FO_RULE);
    return doc;
}

/* `breakit` damages a sound document; fo_doc_check must name the damage. */
static void expect_violation(void (*breakit)(fo_doc *doc), const char *want)
{
    fo_doc *doc = sound_doc();
    breakit(doc);
    const char *got = fo_doc_check(doc);
    STR_EQ(got, want, want);
    fo_doc_free(doc);
}

static fo_node *first_section(fo_doc *doc)
{
    fo_node *n = doc->root->first;
    while (n && n->kind != FO_SECTION)
        n = n->next;
    return n;
}

static void no_root(fo_doc *doc) { doc->root = NULL; }
static void root_not_document(fo_doc *doc) { doc->root->kind = FO_SECTION; }
static void text_without_string(fo_doc *doc) { doc->root->first->first->u.text.str = NULL; }
static void section_without_title(fo_doc *doc) { first_section(doc)->u.section.title = NULL; }
static void title_not_inlines(fo_doc *doc) { first_section(doc)->u.section.title->kind = FO_STRONG; }
static void title_of_another(fo_doc *doc) { first_section(doc)->u.section.title->parent = doc->root; }
static void subsection_too_high(fo_doc *doc) { first_section(doc)->last->u.section.level = 1; }
static void head_of_another(fo_doc *doc) { first_section(doc)->first->u.para.head->parent = doc->root; }
static void head_not_inlines(fo_doc *doc) { first_section(doc)->first->u.para.head->kind = FO_EMPH; }
static void caption_of_another(fo_doc *doc) { doc->root->first->next->u.figure.caption->parent = doc->root; }
static void wrong_parent(fo_doc *doc) { doc->root->last->first->parent = doc->root; }
static void broken_prev(fo_doc *doc) { doc->root->last->prev = NULL; }
static void broken_last(fo_doc *doc) { doc->root->last = doc->root->first; }
static void para_in_list(fo_doc *doc) { tb_para(doc, first_section(doc)->first->next, NULL, "不该在此"); }
static void item_in_section(fo_doc *doc) { tb_add(doc, first_section(doc), FO_ITEM); }
static void block_in_para(fo_doc *doc) { tb_add(doc, doc->root->first, FO_RULE); }
static void text_at_block_level(fo_doc *doc) { tb_text(doc, doc->root, "散字"); }
static void inline_in_title(fo_doc *doc) { tb_add(doc, first_section(doc)->u.section.title, FO_PARA); }
static void para_after_subsection(fo_doc *doc) { tb_para(doc, first_section(doc), NULL, "小节之后"); }
static void para_after_section(fo_doc *doc) { tb_para(doc, doc->root, NULL, "节后的段落"); }

/* ---- an official document's parts ---- */

static fo_node *nth_part(fo_doc *doc, fo_part_kind kind)
{
    fo_node *s = first_section(doc);
    for (fo_node *n = s ? s->first : NULL; n; n = n->next)
        if (fo_is_part(n, kind))
            return n;
    for (fo_node *n = doc->root->first; n; n = n->next)
        if (fo_is_part(n, kind))
            return n;
    return NULL;
}

/* `breakit` damages the sound official document; fo_doc_check must name the damage. */
static void expect_official_violation(void (*breakit)(fo_doc *doc), const char *want)
{
    fo_doc *doc = tb_official();
    breakit(doc);
    STR_EQ(fo_doc_check(doc), want, want);
    fo_doc_free(doc);
}

static void part_of_no_kind(fo_doc *doc) { nth_part(doc, FO_PART_DATE)->u.part.kind = FO_PART_KIND_COUNT; }
static void label_on_signature(fo_doc *doc) { nth_part(doc, FO_PART_SIGNATURE)->u.part.label = "附件"; }
static void title_on_date(fo_doc *doc)
{
    fo_node *d = nth_part(doc, FO_PART_DATE);
    d->u.part.title = tb_inlines(doc, d, "日期");
}
static void attachment_title_of_another(fo_doc *doc) { nth_part(doc, FO_PART_ATTACHMENT)->u.part.title->parent = doc->root; }
static void empty_enclosures(fo_doc *doc) { tb_part(doc, first_section(doc), FO_PART_ENCLOSURES, NULL); }
static void enclosures_of_text(fo_doc *doc) { tb_text(doc, nth_part(doc, FO_PART_ENCLOSURES), "散字"); }
static void block_in_signature(fo_doc *doc) { tb_para(doc, nth_part(doc, FO_PART_SIGNATURE), NULL, "段落"); }
static void list_in_enclosures(fo_doc *doc) { tb_add(doc, nth_part(doc, FO_PART_ENCLOSURES), FO_LIST); }
static void addressee_in_quote(fo_doc *doc)
{
    tb_part(doc, tb_add(doc, first_section(doc), FO_BLOCKQUOTE), FO_PART_ADDRESSEE, "引文里的主送");
}
static void date_in_list_item(fo_doc *doc)
{
    fo_node *item = tb_add(doc, tb_add(doc, first_section(doc), FO_LIST), FO_ITEM);
    tb_part(doc, item, FO_PART_DATE, "2025年1月1日");
}
static void attachment_in_section(fo_doc *doc)
{
    fo_node *a = fo_node_append(first_section(doc), fo_part_new(doc, FO_PART_ATTACHMENT, TB_NOWHERE));
    tb_para(doc, a, NULL, "节里的附件");
}
static void attachment_in_attachment(fo_doc *doc) { tb_part(doc, nth_part(doc, FO_PART_ATTACHMENT), FO_PART_ATTACHMENT, NULL); }
static void para_after_attachment(fo_doc *doc) { tb_para(doc, doc->root, NULL, "附件之后的段落"); }
static void section_after_attachment(fo_doc *doc) { tb_section(doc, doc->root, 1, NULL, NULL, "附件之后的节"); }

static void test_official(void)
{
    fo_doc *doc = tb_official();
    STR_EQ(fo_doc_check(doc), NULL, "official: a document with every part passes");
    OK(fo_doc_is_official(doc), "official: it is an official document");
    fo_doc_finish(doc);
    STR_EQ(fo_doc_check(doc), NULL, "official: and still does once finished");
    fo_node *a1 = nth_part(doc, FO_PART_ATTACHMENT), *a2 = doc->root->last;
    STR_EQ(a1->u.part.id, "att-1", "official: attachments are numbered att-1 …");
    STR_EQ(a2->u.part.id, "att-2", "official: … att-2");
    INT_EQ(a2->u.part.number, 2, "official: and counted");
    STR_EQ(a2->first->u.section.id, "att-2-sec-1", "official: an attachment's sections under its id");
    STR_EQ(first_section(doc)->u.section.id, "sec-1", "official: the text's sections as before");
    fo_doc *packet = fo_doc_new();
    fo_doc_add_part(packet, doc);
    STR_EQ(a2->u.part.id, "art-1-att-2", "official: in a collection, under the article's id");
    STR_EQ(a2->first->u.section.id, "art-1-att-2-sec-1", "official: and so are its sections");
    fo_doc_free(packet);

    fo_doc *news = sound_doc();
    OK(!fo_doc_is_official(news), "official: a news article is not one");
    news->meta.issuer = "某厅";
    news->meta.doc_date = "2025-01-01";
    OK(!fo_doc_is_official(news), "official: nor is one that names an issuer or a document date only");
    news->meta.doc_number = "某发〔2025〕1号";
    OK(!fo_doc_is_official(news), "official: nor one with a document number only (a web page's index table)");
    news->meta.organ_mark = "某厅文件";
    OK(fo_doc_is_official(news), "official: an organ's mark over it makes it one");
    fo_doc_free(news);
    news = sound_doc();
    tb_part(news, first_section(news), FO_PART_SIGNATURE, "某厅");
    OK(fo_doc_is_official(news), "official: and so does a part in a section");
    fo_doc_free(news);

    expect_official_violation(part_of_no_kind, "part of an unknown kind");
    expect_official_violation(label_on_signature, "label or title on a part that is not an attachment");
    expect_official_violation(title_on_date, "label or title on a part that is not an attachment");
    expect_official_violation(attachment_title_of_another, "attachment title not owned by its attachment");
    expect_official_violation(empty_enclosures, "enclosures without an item");
    expect_official_violation(enclosures_of_text, "node kind not allowed in its parent");
    expect_official_violation(block_in_signature, "node kind not allowed in its parent");
    expect_official_violation(list_in_enclosures, "node kind not allowed in its parent");
    expect_official_violation(addressee_in_quote, "node kind not allowed in its parent");
    expect_official_violation(date_in_list_item, "node kind not allowed in its parent");
    expect_official_violation(attachment_in_section, "node kind not allowed in its parent");
    expect_official_violation(attachment_in_attachment, "node kind not allowed in its parent");
    expect_official_violation(para_after_attachment, "block after an attachment");
    expect_official_violation(section_after_attachment, "block after an attachment");

    /* near misses: allowed */
    doc = fo_doc_new();
    tb_attachment(doc, NULL, NULL);                               /* an attachment with no label, title or text */
    fo_node *a = tb_attachment(doc, "附件2", "表");
    tb_part(doc, a, FO_PART_SIGNATURE, "某厅");                   /* an attachment signed as a letter is */
    tb_part(doc, a, FO_PART_DATE, NULL);                          /* a part with no text yet */
    tb_section(doc, a, 1, NULL, NULL, "附件里的节");
    STR_EQ(fo_doc_check(doc), NULL, "official: attachments first thing, bare, signed, with sections");
    fo_doc_free(doc);
    doc = sound_doc();
    fo_node *last = doc->root->last;
    tb_part(doc, last, FO_PART_SIGNATURE, "某厅");
    tb_attachment(doc, "附件", NULL);
    STR_EQ(fo_doc_check(doc), NULL, "official: an attachment after the sections, the signature in the last one");
    fo_doc_free(doc);

    STR_EQ(fo_part_kind_name(FO_PART_ENCLOSURES), "enclosures", "official: part kind names");
    STR_EQ(fo_part_kind_name(FO_PART_KIND_COUNT), "?", "official: the name of no kind");
    INT_EQ(fo_part_kind_of("annotation"), FO_PART_ANNOTATION, "official: the kind of a name");
    INT_EQ(fo_part_kind_of("Annotation"), FO_PART_KIND_COUNT, "official: names are exact");
    INT_EQ(fo_part_kind_of(NULL), FO_PART_KIND_COUNT, "official: no name, no kind");
    OK(fo_part_holds_inlines(FO_PART_DATE) && !fo_part_holds_inlines(FO_PART_ENCLOSURES) &&
           !fo_part_holds_inlines(FO_PART_ATTACHMENT),
       "official: which parts hold inlines");
    OK(fo_kind_is_block(FO_PART), "official: a part is a block");
}

static void too_deep(fo_doc *doc)
{
    fo_node *n = first_section(doc)->first->next->next; /* the quote */
    for (int i = 0; i < 10002; i++)
        n = tb_add(doc, n, FO_BLOCKQUOTE);
}

static void test_check(void)
{
    fo_doc *doc = sound_doc();
    STR_EQ(fo_doc_check(doc), NULL, "a sound tree passes");
    fo_doc_finish(doc);
    STR_EQ(fo_doc_check(doc), NULL, "and still does once finished");
    fo_doc_free(doc);
    doc = fo_doc_new();
    STR_EQ(fo_doc_check(doc), NULL, "an empty document passes");
    fo_doc_free(doc);

    expect_violation(no_root, "root is not a document");
    expect_violation(root_not_document, "root is not a document");
    expect_violation(text_without_string, "text node without a string");
    expect_violation(section_without_title, "section without an owned title");
    expect_violation(title_not_inlines, "section without an owned title");
    expect_violation(title_of_another, "section without an owned title");
    expect_violation(subsection_too_high, "subsection level not below its parent's");
    expect_violation(head_of_another, "run-in head not owned by its paragraph");
    expect_violation(head_not_inlines, "run-in head not owned by its paragraph");
    expect_violation(caption_of_another, "caption not owned by its figure");
    expect_violation(wrong_parent, "child whose parent pointer is wrong");
    expect_violation(broken_prev, "broken prev link");
    expect_violation(broken_last, "broken last link");
    expect_violation(para_in_list, "node kind not allowed in its parent");
    expect_violation(item_in_section, "node kind not allowed in its parent");
    expect_violation(block_in_para, "node kind not allowed in its parent");
    expect_violation(text_at_block_level, "node kind not allowed in its parent");
    expect_violation(inline_in_title, "node kind not allowed in its parent");
    expect_violation(para_after_subsection, "block after a subsection at the same level");
    expect_violation(para_after_section, "block after a subsection at the same level");
    expect_violation(too_deep, "tree too deep");
}

/* Near misses: shapes that look odd and are allowed. */
static void test_check_allows(void)
{
    fo_doc *doc = fo_doc_new();
    fo_node *quote = tb_add(doc, doc->root, FO_BLOCKQUOTE);
    tb_section(doc, quote, 3, NULL, NULL, "引文里的节"); /* a section inside a quote: DocBook flattens it */
    fo_node *s = tb_section(doc, doc->root, 2, NULL, NULL, "从二级开始");
    tb_section(doc, s, 5, NULL, NULL, "跳级的小节");  /* levels only need to go down */
    tb_section(doc, doc->root, 1, NULL, NULL, "空节");
    fo_node *n = doc->root;
    for (int i = 0; i < 9000; i++)
        n = tb_add(doc, n->kind == FO_DOCUMENT ? doc->root->last : n, FO_BLOCKQUOTE);
    STR_EQ(fo_doc_check(doc), NULL, "quotes holding sections, skipped levels, empty sections, 9,000 nested quotes");
    fo_doc_free(doc);
}

static void test_finish(void)
{
    fo_doc *doc = sound_doc();
    fo_doc_finish(doc);
    fo_node *s1 = first_section(doc), *s11 = s1->last, *s2 = doc->root->last;
    STR_EQ(s1->u.section.id, "sec-1", "finish: top-level ids count sections only");
    STR_EQ(s11->u.section.id, "sec-1-1", "finish: a subsection's id extends its parent's");
    STR_EQ(s2->u.section.id, "sec-2", "finish: the second section");
    INT_EQ(s2->u.section.number, 2, "finish: numbers among sibling sections");
    STR_EQ(doc->meta.language, "zh-CN", "finish: the language defaults to zh-CN");
    OK(doc->meta.identifier && strncmp(doc->meta.identifier, "urn:uuid:", 9) == 0 && strlen(doc->meta.identifier) == 45,
       "finish: a urn:uuid identifier");
    OK(doc->meta.identifier[23] == '8', "finish: a version 8 (name-based, custom) UUID");

    fo_doc *same = sound_doc(), *other = sound_doc();
    fo_meta_add_author(same, "不影响", NULL, NULL); /* the identifier names title, date and source only */
    other->meta.date = "2025-01-16";
    fo_doc_finish(same);
    fo_doc_finish(other);
    STR_EQ(same->meta.identifier, doc->meta.identifier, "finish: the same title, date and source, the same identifier");
    OK(strcmp(other->meta.identifier, doc->meta.identifier) != 0, "finish: another date, another identifier");
    fo_doc_free(same);
    fo_doc_free(other);

    fo_doc *given = sound_doc();
    given->meta.language = "zh-TW";
    given->meta.identifier = "urn:isbn:0";
    fo_doc_finish(given);
    OK(strcmp(given->meta.language, "zh-TW") == 0 && strcmp(given->meta.identifier, "urn:isbn:0") == 0,
       "finish: a language and an identifier already given stay");
    fo_doc_free(given);
    fo_doc_free(doc);
}

static void test_meta_set(void)
{
    fo_doc *doc = fo_doc_new();
    fo_meta_add_author(doc, "原作者", "记者", NULL);
    const char *simple[] = {"title", "subtitle", "original-title", "date", "source", "publisher", "site", "rights",
                            "language", "lang", "identifier", "abstract"};
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++) {
        OK(fo_meta_key_known(simple[i]) && fo_meta_set(doc, simple[i], "值"), simple[i]);
    }
    const fo_meta *m = &doc->meta;
    OK(!strcmp(m->title, "值") && !strcmp(m->subtitle, "值") && !strcmp(m->original_title, "值") &&
           !strcmp(m->date, "值") && !strcmp(m->source, "值") && !strcmp(m->publisher, "值") &&
           !strcmp(m->rights, "值") && !strcmp(m->language, "值") && !strcmp(m->identifier, "值") &&
           !strcmp(m->abstract, "值"),
       "-M: every simple key sets its field");
    OK(fo_meta_set(doc, "author", "甲") && m->authors && !strcmp(m->authors->name, "甲") && !m->authors->next &&
           !m->authors->role,
       "-M author: replaces the authors the reader found");
    OK(fo_meta_set(doc, "category", "c1") && fo_meta_set(doc, "category", "c2") && !strcmp(m->category->str, "c2") &&
           !m->category->next,
       "-M category: replaces the path");
    OK(fo_meta_set(doc, "keywords", "k1") && fo_meta_set(doc, "keyword", "k2") && !strcmp(m->keywords->str, "k1") &&
           !strcmp(m->keywords->next->str, "k2"),
       "-M keywords, keyword: each adds one");
    const char *official[] = {"copy-number", "secrecy", "urgency", "organ-mark", "cc", "printer", "print-date"};
    for (size_t i = 0; i < sizeof official / sizeof official[0]; i++)
        OK(fo_meta_key_known(official[i]) && fo_meta_set(doc, official[i], "公"), official[i]);
    OK(!strcmp(m->copy_number, "公") && !strcmp(m->secrecy, "公") && !strcmp(m->urgency, "公") &&
           !strcmp(m->organ_mark, "公") && !strcmp(m->cc, "公") && !strcmp(m->printer, "公") &&
           !strcmp(m->print_date, "公"),
       "-M: an official document's keys set their fields");
    OK(fo_meta_set(doc, "signer", "甲") && fo_meta_set(doc, "signer", "乙") && !strcmp(m->signers->str, "甲") &&
           !strcmp(m->signers->next->str, "乙"),
       "-M signer: each adds one");
    OK(!fo_meta_key_known("Title") && !fo_meta_key_known("titles") && !fo_meta_key_known("") &&
           !fo_meta_set(doc, "colour", "red"),
       "-M: other keys are unknown (case and plural matter)");
    OK(fo_meta_set(doc, "cc", "") && m->cc == NULL, "-M cc=: an empty value clears what was there");
    doc->meta.source = fo_doc_strdup(doc, "");
    doc->meta.doc_number = fo_doc_strdup(doc, "");
    fo_doc_finish(doc);
    OK(m->source == NULL && m->doc_number == NULL && m->printer && !strcmp(m->printer, "公"),
       "fo_doc_finish: an empty string is no value (every writer agrees), a value stays");
    fo_doc_free(doc);
}

static void test_derived(void)
{
    fo_doc *doc = fo_doc_new();
    STR_EQ(fo_doc_title(doc), "无标题", "title: the stand-in when there is none");
    doc->meta.title = "";
    STR_EQ(fo_doc_title(doc), "无标题", "title: and when it is empty");
    doc->meta.title = "有题";
    STR_EQ(fo_doc_title(doc), "有题", "title: the article's own");

    OK(fo_date_is_w3c("2025-01-16"), "date: day");
    OK(fo_date_is_w3c("2025-01-16T16:16+08:00"), "date: minutes and zone");
    OK(fo_date_is_w3c("2025-01-16T16:16:05Z"), "date: seconds, Z");
    OK(!fo_date_is_w3c("2025-01-16T16:16"), "date: a time without a zone is not W3CDTF");
    OK(!fo_date_is_w3c("2025年1月16日"), "date: a Chinese date is not W3CDTF");
    OK(!fo_date_is_w3c("2025-13-01") && !fo_date_is_w3c("2025-00-10") && !fo_date_is_w3c("2025-01-32"),
       "date: month 13, month 0, day 32 rejected");
    OK(!fo_date_is_w3c("2025-01-16T16:16+0800") && !fo_date_is_w3c("2025-01-16 16:16+08:00"),
       "date: a zone without a colon, a space for the T rejected");
    OK(!fo_date_is_w3c(NULL) && !fo_date_is_w3c(""), "date: NULL and empty rejected");

    char day[16];
    doc->meta.date = "2025-01-16T16:16+08:00";
    OK(fo_meta_day(&doc->meta, day, sizeof day) && !strcmp(day, "2025-01-16"), "day: the date's first ten characters");
    INT_EQ(fo_doc_timestamp(doc) == 1737015360 || getenv("SOURCE_DATE_EPOCH"), 1,
           "timestamp: 2025-01-16 16:16 in Beijing is 08:16 UTC");
    doc->meta.date = "2025";
    OK(!fo_meta_day(&doc->meta, day, sizeof day), "day: none from a year alone");
    fo_doc_free(doc);
}

static void test_credits(void)
{
    struct { const char *role; fo_credit credit; bool creator; } cases[] = {
        {NULL, FO_CREDIT_AUTHOR, true},           {"记者", FO_CREDIT_AUTHOR, true},
        {"通讯员", FO_CREDIT_AUTHOR, true},       {"作者", FO_CREDIT_AUTHOR, true},
        {"摄影", FO_CREDIT_PHOTOGRAPHER, true},   {"摄", FO_CREDIT_PHOTOGRAPHER, true},
        {"图", FO_CREDIT_PHOTOGRAPHER, true},     {"编辑", FO_CREDIT_EDITOR, false},
        {"责任编辑", FO_CREDIT_EDITOR, false},   {"主编", FO_CREDIT_EDITOR, false},
        {"审核", FO_CREDIT_REVIEWER, false},      {"终审", FO_CREDIT_REVIEWER, false},
        {"校对", FO_CREDIT_PROOFREADER, false},   {"监制", FO_CREDIT_PRODUCER, false},
        {"图片", FO_CREDIT_AUTHOR, true},         /* near miss: only 图 alone is a photo credit */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fo_author a = {.name = "某", .role = cases[i].role};
        char what[80];
        snprintf(what, sizeof what, "credit of %s", cases[i].role ? cases[i].role : "(no role)");
        OK(fo_author_credit(&a) == cases[i].credit && fo_author_is_creator(&a) == cases[i].creator, what);
    }
    fo_meta m = {0};
    fo_author editor = {.name = "乙", .role = "编辑"}, reporter = {.name = "甲", .role = "记者"};
    m.authors = &editor;
    OK(!fo_meta_has_creator(&m), "byline: none when only an editor is named");
    editor.next = &reporter;
    OK(fo_meta_has_creator(&m), "byline: a reporter after the editor");
}

static void test_text_and_names(void)
{
    fo_doc *doc = fo_doc_new();
    fo_node *p = tb_para(doc, doc->root, NULL, "甲");
    tb_wrapped(doc, p, FO_CITETITLE, "乙");
    tb_add(doc, p, FO_LINEBREAK);
    tb_text(doc, p, "丙");
    char *t = fo_node_text(p);
    STR_EQ(t, "甲乙\n丙", "node text: inlines in order, a line break as a newline");
    free(t);
    t = fo_node_text(NULL);
    STR_EQ(t, "", "node text: empty for no node");
    free(t);
    STR_EQ(fo_doc_strndup(doc, "abcdef", 3), "abc", "strndup: n bytes and a NUL");
    OK(fo_doc_strdup(doc, NULL) == NULL, "strdup: NULL stays NULL");
    STR_EQ(fo_kind_name(FO_CITETITLE), "citetitle", "kind names");
    STR_EQ(fo_kind_name(FO_KIND_COUNT), "?", "kind name of no kind");
    OK(fo_kind_is_block(FO_RULE) && !fo_kind_is_block(FO_INLINES) && fo_kind_is_inline(FO_LINEBREAK) &&
           !fo_kind_is_inline(FO_INLINES),
       "block and inline kinds; an inline container is neither");
    INT_EQ(fo_doc_section_count(doc), 0, "no sections");
    fo_doc_free(doc);
}

/* fo_doc_finish lays a table out: a row span stops at the end of its group (the header rows, the
 * body rows), cells pass the columns spanned from above, the widest row is the width. */
static void test_table_layout(void)
{
    fo_doc *doc = fo_doc_new();
    fo_node *t = tb_add(doc, doc->root, FO_TABLE);
    fo_node *h1 = tb_row(doc, t, true), *h2 = tb_row(doc, t, true);
    fo_node *tall_head = tb_cell(doc, h1, "甲", 5, 1);
    tb_cell(doc, h1, "乙", 1, 2);
    fo_node *after_head = tb_cell(doc, h2, "丙", 1, 1);
    fo_node *b1 = tb_row(doc, t, false), *b2 = tb_row(doc, t, false), *b3 = tb_row(doc, t, false);
    fo_node *tall_body = tb_cell(doc, b1, "丁", 9, 1);
    tb_cell(doc, b1, "戊", 1, 1);
    fo_node *second = tb_cell(doc, b2, "己", 7, 1);
    fo_node *last = tb_cell(doc, b3, "庚", 1, 1);
    fo_doc_finish(doc);
    INT_EQ(tall_head->u.cell.rowspan, 2, "a header cell spans no further than the header rows");
    INT_EQ(after_head->u.cell.col, 1, "a cell passes the column spanned from above");
    INT_EQ(tall_body->u.cell.rowspan, 3, "a body cell spans no further than the body rows");
    INT_EQ(second->u.cell.rowspan, 2, "nor does one starting lower down");
    INT_EQ(second->u.cell.col, 1, "the second body row starts after the span");
    INT_EQ(last->u.cell.col, 2, "the third after both spans");
    INT_EQ(t->u.table.cols, 3, "the widest row is the width");
    OK(fo_doc_check(doc) == NULL, "and the table is sound");
    fo_doc_free(doc);
}

int main(void)
{
    test_check();
    test_check_allows();
    test_official();
    test_finish();
    test_meta_set();
    test_derived();
    test_credits();
    test_text_and_names();
    test_table_layout();
    return harness_done();
}
