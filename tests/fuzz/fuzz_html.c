/* fuzz_html.c — libFuzzer target for the HTML reader and the in-memory writers.
 *
 * Every input is a page's bytes, as main.c hands them to a raw reader (the reader finds the charset
 * itself).  Read twice (fo_read_bytes: finished, fo_doc_check): with default options, then the native, DocBook
 * (parsed back: well-formed, and the same bytes when written again) and EPUB writers; and with
 * --keep-punctuation --explain (into a memory stream) and the XHTML writer.  No input path: the
 * reader never touches the file system here (every image is "not available locally").
 */
#include <stdint.h>

#include <libxml/parser.h>

#include "fuzz_common.h"

/* Through fo_read_bytes, which finishes the tree and checks it (fo_doc_check). */
static fo_doc *read_page(const uint8_t *data, size_t size, const fo_read_opts *opts)
{
    return fuzz_read_as("html", data, size, opts);
}

static void write_xml(fo_writer_fn write, const char *name, const fo_doc *doc, bool twice)
{
    fo_write_opts opts = {.style_dir = FUZZ_STYLE_DIR};
    fo_buf out = {0}, again = {0};
    if (fuzz_write(write, name, doc, &opts, &out) == 0) {
        xmlDocPtr x = xmlReadMemory(out.data, (int)out.len, "fuzz.xml", NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
        if (!x)
            fuzz_fail(name, "output is not well-formed XML");
        xmlFreeDoc(x);
        if (twice && (fuzz_write(write, name, doc, &opts, &again) != 0 || again.len != out.len ||
                      memcmp(again.data, out.data, out.len) != 0))
            fuzz_fail(name, "a second run gave different bytes");
    }
    fo_buf_free(&again);
    fo_buf_free(&out);
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
    fo_read_opts plain = {0};
    fo_doc *doc = read_page(data, size, &plain);
    if (doc) {
        fo_write_opts opts = {.style_dir = FUZZ_STYLE_DIR};
        fo_buf out = {0};
        fuzz_write(fo_write_native, "fo_write_native", doc, &opts, &out);
        fo_buf_free(&out);
        write_xml(fo_write_docbook, "fo_write_docbook", doc, true);
        fuzz_write(fo_write_epub, "fo_write_epub", doc, &opts, &out);
        fo_buf_free(&out);
        fo_doc_free(doc);
    }
    char *explained = NULL;
    size_t explained_len = 0;
    FILE *explain = open_memstream(&explained, &explained_len);
    if (!explain)
        fuzz_fail("open_memstream", "out of memory");
    fo_read_opts options = {.keep_punctuation = true, .explain = explain};
    doc = read_page(data, size, &options);
    fclose(explain);
    if (doc) {
        write_xml(fo_write_xhtml, "fo_write_xhtml", doc, false);
        fo_doc_free(doc);
    }
    free(explained);
    return 0;
}
