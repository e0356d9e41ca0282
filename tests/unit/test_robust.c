/* test_robust.c — regression tests for what fuzzing and hostile inputs found in the decoder, the
 * reader and the model (issue 5).  Each test names the bug it guards against. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "doc.h"
#include "harness.h"
#include "readers.h"
#include "text.h"
#include "writers.h"

/* Decode `len` bytes quietly: the text (caller frees), or NULL with the message in d->last. */
static char *decode(const char *bytes, size_t len, size_t *out_len, fo_diag *d)
{
    fo_diag_init(d, "t.txt", NULL);
    return fo_decode_input(bytes, len, out_len, NULL, d);
}

static fo_doc *read_article(const char *utf8)
{
    fo_diag d;
    fo_diag_init(&d, "t.txt", NULL);
    return fo_read_bytes(NULL, utf8, strlen(utf8), "t.txt", NULL, &d);
}

static char *write_with(fo_writer_fn write, const fo_doc *doc)
{
    fo_buf b = {0};
    fo_diag d;
    fo_diag_init(&d, "t", NULL);
    fo_write_opts opts = {.style_dir = "styles"};
    if (write(doc, &opts, &b, &d) != 0) {
        fo_buf_free(&b);
        return NULL;
    }
    return fo_buf_steal(&b);
}

static bool well_formed(const char *xml)
{
    xmlDocPtr x = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                                       XML_PARSE_NOWARNING);
    xmlFreeDoc(x);
    return x != NULL;
}

/* fuzz_text found it: U+FFFE and U+FFFF are valid UTF-8 but not XML characters, and libxml2's
 * writer copied them into the DocBook, which then did not parse. */
static void test_noncharacters(void)
{
    const char *in = "标题\n正文\xEF\xBF\xBE和\xEF\xBF\xBF。\n";
    fo_diag d;
    size_t len;
    char *text = decode(in, strlen(in), &len, &d);
    if (OK(text != NULL, "noncharacters: the input decodes")) {
        STR_EQ(text, "标题\n正文和。\n", "noncharacters: U+FFFE and U+FFFF are dropped");
        free(text);
    }
    fo_doc *doc = read_article(in);
    if (OK(doc != NULL, "noncharacters: the article reads")) {
        char *xml = write_with(fo_write_docbook, doc);
        OK(xml && well_formed(xml), "noncharacters: the DocBook is well-formed");
        free(xml);
        fo_doc_free(doc);
    }
    /* U+FFFD and characters beyond the BMP stay */
    text = decode("\xEF\xBF\xBD\xF0\xA0\x80\x80\n", 8, &len, &d);
    OK(text && strcmp(text, "\xEF\xBF\xBD\xF0\xA0\x80\x80\n") == 0, "U+FFFD and U+20000 are kept");
    free(text);
}

/* A NUL after the first 8 KB was dropped silently by the decoder: now the file is refused as binary,
 * like one with a NUL up front. */
static void test_nul_anywhere(void)
{
    size_t n = 20000;
    char *buf = malloc(n);
    memset(buf, 'a', n);
    OK(!fo_looks_binary(buf, n), "20 KB of text is not binary");
    buf[15000] = '\0';
    OK(fo_looks_binary(buf, n), "a NUL at byte 15000 makes the file binary");
    free(buf);
}

/* A UTF-8 file damaged near its start was taken for GB18030 and converted into mojibake; only a
 * long valid stretch before the bad byte made it an error.  Now bad bytes few among many good
 * sequences are an error wherever they are, naming the line and column. */
static void test_damaged_utf8(void)
{
#define SENTENCE "全省法治建设和司法行政工作取得新成效。"
    struct { const char *what, *before, *bad, *after, *where; } cases[] = {
        {"at the start", "", "\xC3", "标题\n" SENTENCE "\n", "t.txt:1:1"},
        {"in the middle", "标题\n" SENTENCE, "\xFF\xFE", "\n" SENTENCE "\n", "t.txt:2:20"},
        {"at the end", "标题\n" SENTENCE "\n" SENTENCE "\n", "\xE4\xB8", "", "t.txt:4:1"},
        {"overlong /", "标题\n" SENTENCE, "\xC0\xAF", "\n" SENTENCE "\n", "t.txt:2:20"},
        {"a surrogate", "标题\n" SENTENCE, "\xED\xA0\x80", "\n" SENTENCE "\n", "t.txt:2:20"},
        {"beyond U+10FFFF", "标题\n" SENTENCE, "\xF4\x90\x80\x80", "\n" SENTENCE "\n", "t.txt:2:20"},
    };
#undef SENTENCE
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fo_buf in = {0};
        fo_buf_puts(&in, cases[i].before);
        fo_buf_puts(&in, cases[i].bad);
        fo_buf_puts(&in, cases[i].after);
        fo_diag d;
        size_t len;
        char *text = decode(in.data, in.len, &len, &d);
        char what[128];
        snprintf(what, sizeof what, "damaged UTF-8 %s: an error, not mojibake", cases[i].what);
        OK(text == NULL && strstr(d.last, "byte offset") != NULL, what);
        free(text);
        /* the position: print the message the way the sink does */
        char *msg = NULL;
        size_t msg_len = 0;
        FILE *f = open_memstream(&msg, &msg_len);
        fo_diag_init(&d, "t.txt", f);
        text = fo_decode_input(in.data, in.len, &len, NULL, &d);
        fclose(f);
        snprintf(what, sizeof what, "damaged UTF-8 %s: the message names %s", cases[i].what, cases[i].where);
        OK(msg && strncmp(msg, cases[i].where, strlen(cases[i].where)) == 0 && msg[strlen(cases[i].where)] == ':',
           what);
        if (msg && strncmp(msg, cases[i].where, strlen(cases[i].where)) != 0)
            printf("#   got: %s", msg);
        free(msg);
        free(text);
        fo_buf_free(&in);
    }
    /* GB18030 is still GB18030: "标题\n正文。" in GB18030 */
    const char gb[] = "\xB1\xEA\xCC\xE2\n\xD5\xFD\xCE\xC4\xA1\xA3\n";
    fo_diag d;
    size_t len;
    const char *enc = NULL;
    fo_diag_init(&d, "t.txt", NULL);
    char *text = fo_decode_input(gb, sizeof gb - 1, &len, &enc, &d);
    OK(text && strcmp(text, "标题\n正文。\n") == 0 && strcmp(enc, "GB18030") == 0, "GB18030 still decodes");
    free(text);
}

/* Inputs over the limit are refused with their size named, before any work on them. */
static void test_input_limit(void)
{
    size_t n = FO_MAX_INPUT_BYTES + 1;
    char *big = malloc(n);
    if (!OK(big != NULL, "limit: 64 MB allocated"))
        return;
    memset(big, 'a', n);
    fo_diag d;
    size_t len;
    char *text = decode(big, n, &len, &d);
    OK(text == NULL && strstr(d.last, "at most 64 MB") != NULL, "limit: fo_decode_input refuses 64 MB + 1");
    free(text);
    text = decode(big, n - 1, &len, &d);
    OK(text != NULL && len == n - 1, "limit: exactly 64 MB decodes");
    free(text);
    free(big);

    char path[] = "/tmp/folio-robust-XXXXXX";
    int fd = mkstemp(path);
    if (OK(fd >= 0, "limit: temporary file") && OK(ftruncate(fd, (off_t)n) == 0, "limit: sparse file of 64 MB + 1")) {
        fo_diag_init(&d, "t", NULL);
        char *data = fo_read_file(path, &len, &d);
        OK(data == NULL && strstr(d.last, path) && strstr(d.last, "64 MB"), "limit: fo_read_file refuses it, naming it");
        free(data);
    }
    if (fd >= 0) {
        close(fd);
        unlink(path);
    }
}

/* Appending an author or a list item walked the whole list: 200,000 bylines took minutes.  The
 * lists are now appended at a remembered tail; order and resets (-M author=) must still hold. */
static void test_list_appends(void)
{
    fo_doc *doc = fo_doc_new();
    for (int i = 0; i < 3; i++) {
        char name[16];
        snprintf(name, sizeof name, "A%d", i);
        fo_meta_add_author(doc, name, NULL, NULL);
    }
    doc->meta.authors = NULL; /* what -M author= does before adding its own */
    fo_meta_add_author(doc, "B0", NULL, NULL);
    fo_meta_add_author(doc, "B1", NULL, NULL);
    fo_buf names = {0};
    for (const fo_author *a = doc->meta.authors; a; a = a->next)
        fo_buf_printf(&names, "%s ", a->name);
    STR_EQ(names.data, "B0 B1 ", "authors: a reset list starts again, in order");
    fo_buf_free(&names);

    /* two lists filled in turn */
    fo_strlist_append(doc, &doc->meta.category, "c1");
    fo_strlist_append(doc, &doc->meta.keywords, "k1");
    fo_strlist_append(doc, &doc->meta.category, "c2");
    fo_strlist_append(doc, &doc->meta.keywords, "k2");
    fo_strlist_append(doc, &doc->meta.category, "c3");
    fo_buf got = {0};
    for (const fo_strlist *s = doc->meta.category; s; s = s->next)
        fo_buf_printf(&got, "%s ", s->str);
    for (const fo_strlist *s = doc->meta.keywords; s; s = s->next)
        fo_buf_printf(&got, "%s ", s->str);
    STR_EQ(got.data, "c1 c2 c3 k1 k2 ", "string lists filled in turn keep their order");
    fo_buf_free(&got);
    doc->meta.category = NULL;
    fo_strlist_append(doc, &doc->meta.category, "d1");
    OK(doc->meta.category && !doc->meta.category->next, "a reset string list starts again");
    fo_doc_free(doc);
}

/* 《 matching walked to the end of the line for every 《: a line of 100,000 unclosed 《 was
 * quadratic.  The one-pass matching must give the same citetitles as before. */
static void test_book_title_marks(void)
{
    struct { const char *line, *want; } cases[] = {
        {"他读了《甲《乙》丙", "citetitle: 乙"},
        {"他读了《《甲》》和《》", "citetitle: 《甲》"},
        {"》》他读了《甲》《乙", "citetitle: 甲"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fo_buf in = {0};
        fo_buf_printf(&in, "标题\n2025-01-16 来源：某报\n%s\n", cases[i].line);
        fo_doc *doc = read_article(in.data);
        fo_buf_free(&in);
        if (!OK(doc != NULL, cases[i].line))
            continue;
        const fo_node *cite = NULL;
        for (const fo_node *p = doc->root->first; p && !cite; p = p->next)
            for (const fo_node *c = p->first; c && !cite; c = c->next)
                if (c->kind == FO_CITETITLE)
                    cite = c;
        char *t = cite ? fo_node_text(cite) : NULL;
        fo_buf want = {0};
        fo_buf_puts(&want, strchr(cases[i].want, ' ') + 1);
        STR_EQ(t, want.data, cases[i].line);
        fo_buf_free(&want);
        free(t);
        fo_doc_free(doc);
    }
}

int main(void)
{
    xmlInitParser();
    test_noncharacters();
    test_nul_anywhere();
    test_damaged_utf8();
    test_input_limit();
    test_list_appends();
    test_book_title_marks();
    xmlCleanupParser();
    return harness_done();
}
