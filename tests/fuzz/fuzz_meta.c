/* fuzz_meta.c — libFuzzer target for the command-line metadata path: -M KEY=VALUE into every writer.
 *
 * The input is a list of -M arguments, one a line (a NUL ends one too).  Each goes through
 * fo_meta_override_check as main.c sends it; what it accepts must be clean (valid UTF-8, no C0
 * control but tab and line feed, no U+FFFE/U+FFFF, a date that parses, a well-formed language tag,
 * a non-empty identifier) and read with a small article through fo_read_bytes, as main.c hands them
 * over (job.read.meta).  Then every writer runs: native,
 * DocBook and XHTML (both parsed back as XML), EPUB and the PDF.  A refused value is a defined
 * outcome, with a message.
 */
#include <stdint.h>

#include <libxml/parser.h>

#include "convert.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char article[] = "您当前的位置 : 中国甘肃网 >> 法治甘肃\n"
                              "标题在这里\n"
                              "2025-01-16 16:16 来源:某某日报\n"
                              "记者张三\n"
                              "导语写在这里，说明事情的来龙去脉。\n"
                              "一、第一部分\n"
                              "加强宣传解读。正文的第一段写在这里。\n"
                              "深入研究阐释。正文的第二段写在这里。\n";

static void expect_well_formed(const fo_buf *out, const char *who)
{
    xmlDocPtr x = xmlReadMemory(out->data, (int)out->len, "fuzz.xml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    if (!x)
        fuzz_fail(who, "output is not well-formed XML");
    xmlFreeDoc(x);
}

/* What fo_meta_override_check accepted is clean. */
static void expect_clean(const char *kv)
{
    const char *eq = strchr(kv, '=');
    if (!eq)
        fuzz_fail("fo_meta_override_check", "accepted a value without '='");
    const char *v = eq + 1;
    size_t n = strlen(v);
    if (fo_utf8_validate(v, n) != n)
        fuzz_fail("fo_meta_override_check", "accepted a value that is not UTF-8");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
            fuzz_fail("fo_meta_override_check", "left a control character in the value");
        if (c == 0xEF && i + 2 < n && (unsigned char)v[i + 1] == 0xBF && (unsigned char)v[i + 2] >= 0xBE)
            fuzz_fail("fo_meta_override_check", "left U+FFFE or U+FFFF in the value");
    }
    if (strncmp(kv, "date=", 5) == 0 && !fo_date_parse(v, NULL))
        fuzz_fail("fo_meta_override_check", "accepted a date fo_date_parse refuses");
    if ((strncmp(kv, "language=", 9) == 0 || strncmp(kv, "lang=", 5) == 0) && !fo_language_tag_valid(v))
        fuzz_fail("fo_meta_override_check", "accepted a language tag that is not BCP 47");
    if (strncmp(kv, "identifier=", 11) == 0 && !*v)
        fuzz_fail("fo_meta_override_check", "accepted an empty identifier");
}

static void run(fo_writer_fn write, const char *name, const fo_doc *doc, const fo_write_opts *opts, bool xml)
{
    fo_buf out = {0};
    if (fuzz_write(write, name, doc, opts, &out) == 0 && xml)
        expect_well_formed(&out, name);
    fo_buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum { MAX_ARGS = 16 };
    char *copy = malloc(size + 1), *args[MAX_ARGS];
    memcpy(copy, data, size);
    copy[size] = '\0';
    size_t n_args = 0;
    for (char *line = copy; line <= copy + size && n_args < MAX_ARGS;) {
        size_t len = strcspn(line, "\n");
        line[len] = '\0';
        fo_diag d;
        fo_diag_init(&d, "folio", NULL);
        char *clean = fo_meta_override_check(line, &d);
        if (clean)
            expect_clean(clean), args[n_args++] = clean;
        else
            fuzz_expect_message(&d, "fo_meta_override_check");
        line += len + 1;
    }
    fo_read_opts ropts = {.meta = (const char *const *)args, .n_meta = n_args};
    fo_doc *doc = fuzz_read((const uint8_t *)article, sizeof article - 1, &ropts); /* applies -M, finishes */
    if (!doc)
        fuzz_fail("fuzz_meta", "the fixed article with checked -M values did not read");
    fo_write_opts opts = {.style_dir = FUZZ_STYLE_DIR}; /* the PDF writer makes and frees its fonts */
    run(fo_write_native, "fo_write_native", doc, &opts, false);
    run(fo_write_docbook, "fo_write_docbook", doc, &opts, true);
    run(fo_write_xhtml, "fo_write_xhtml", doc, &opts, true);
    run(fo_write_epub, "fo_write_epub", doc, &opts, false);
    run(fo_write_pdf, "fo_write_pdf", doc, &opts, false);
    fo_doc_free(doc);
    for (size_t i = 0; i < n_args; i++)
        free(args[i]);
    free(copy);
    return 0;
}
