/* fuzz_docbook.c — libFuzzer target for the DocBook reader, and for the round trip through it.
 *
 * Every input is read twice:
 *   A. as DocBook (fo_read_docbook): the tree must be sound; then the round trip below;
 *   B. as a plain-text article (fo_read_text), then the same round trip: what
 *      `folio a.txt -o a.xml; folio a.xml -o b.xml` does.
 * The round trip: the document's DocBook must be well-formed, must read back without a single
 * warning (folio reads everything it writes), and the document read back must give the same
 * DocBook, byte for byte, and the same XHTML (which shows what DocBook has no element for: section
 * markers, figures without a caption).
 */
#include <stdint.h>

#include <libxml/parser.h>

#include "fuzz_common.h"

static void expect_well_formed(const fo_buf *out, const char *who)
{
    xmlDocPtr x = xmlReadMemory(out->data, (int)out->len, "fuzz.xml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    if (!x)
        fuzz_fail(who, "output is not well-formed XML");
    xmlFreeDoc(x);
}

static bool same(const fo_buf *a, const fo_buf *b) { return a->len == b->len && memcmp(a->data, b->data, a->len) == 0; }

static void round_trip(const fo_doc *doc, const char *who)
{
    fo_write_opts wopts = {.style_dir = FUZZ_STYLE_DIR};
    fo_buf a = {0}, b = {0}, html_a = {0}, html_b = {0};
    if (fuzz_write(fo_write_docbook, "fo_write_docbook", doc, &wopts, &a) != 0)
        goto done;
    expect_well_formed(&a, who);
    fo_diag d;
    fo_diag_init(&d, "fuzz.xml", NULL);
    fo_read_opts ropts = {0};
    fo_doc *again = fo_read_docbook(a.data, a.len, &ropts, &d);
    if (!again)
        fuzz_fail(who, d.last[0] ? d.last : "folio's own DocBook does not read back");
    /* nothing to report, but what the first read said too: with no input path (so that no file is
     * opened), an image the document names is "not available locally" both times */
    if (d.warnings > 1 || (d.warnings && !strstr(d.last, "not available locally")))
        fuzz_fail(who, d.last);
    const char *problem = fo_doc_check(again);
    if (problem)
        fuzz_fail("fo_doc_check after reading DocBook back", problem);
    fo_doc_finish(again);
    if (fuzz_write(fo_write_docbook, "fo_write_docbook", again, &wopts, &b) != 0 || !same(&a, &b))
        fuzz_fail(who, "the DocBook read back writes different DocBook");
    if (fuzz_write(fo_write_xhtml, "fo_write_xhtml", doc, &wopts, &html_a) == 0 &&
        (fuzz_write(fo_write_xhtml, "fo_write_xhtml", again, &wopts, &html_b) != 0 || !same(&html_a, &html_b)))
        fuzz_fail(who, "the DocBook read back writes different XHTML");
    fo_doc_free(again);
done:
    fo_buf_free(&a);
    fo_buf_free(&b);
    fo_buf_free(&html_a);
    fo_buf_free(&html_b);
}

/* The document (already finished and checked by fuzz_read_as) through the round trip. */
static void pass(fo_doc *doc, const char *name)
{
    if (!doc)
        return;
    round_trip(doc, name);
    fo_doc_free(doc);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xmlInitParser();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fo_read_opts ropts = {0};
    pass(fuzz_read_as("docbook", data, size, &ropts), "fo_read_docbook");
    pass(fuzz_read(data, size, &ropts), "fo_read_text");
    return 0;
}
