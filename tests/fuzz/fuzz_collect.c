/* fuzz_collect.c — libFuzzer target for collections (folio --collect): the input, split at form
 * feeds into up to four articles, each read as folio reads a file, becomes one collection; its
 * tree must pass fo_doc_check, the native, DocBook (a book) and XHTML outputs must be well-formed
 * XML, the EPUB must be written, and the PDF packet's pages (-t layout, with the contents depth and
 * odd breaks taken from the first byte) must be laid out.  Slow like fuzz_pdf.c (fonts and layout
 * for every input), so a target of its own.
 */
#include <libxml/parser.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_PARTS = 4 };

static void expect_xml(const fo_buf *out, const char *who)
{
    xmlDocPtr x = xmlReadMemory(out->data, (int)out->len, "fuzz.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    if (!x)
        fuzz_fail(who, "output is not well-formed XML");
    xmlFreeDoc(x);
}

static void write_one(fo_writer_fn write, const char *name, const fo_doc *doc, const fo_write_opts *opts, bool xml)
{
    fo_buf out = {0};
    if (fuzz_write(write, name, doc, opts, &out) == 0 && xml)
        expect_xml(&out, name);
    fo_buf_free(&out);
}

/* The articles of the input, one per form-feed-separated piece, each read on its own. */
static fo_doc *collect(const uint8_t *data, size_t size)
{
    fo_doc *c = fo_doc_new();
    fo_meta_set(c, "title", "合集");
    fo_read_opts ropts = {0};
    size_t start = 0;
    for (size_t i = 0; i <= size && c->n_parts < MAX_PARTS; i++) {
        if (i < size && data[i] != '\f')
            continue;
        fo_doc *part = fuzz_read(data + start, i - start, &ropts);
        if (part)
            fo_doc_add_part(c, part);
        start = i + 1;
    }
    fo_doc_finish(c);
    return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fo_doc *c = collect(data, size);
    if (c->n_parts) {
        const char *problem = fo_doc_check(c);
        if (problem)
            fuzz_fail("fo_doc_check on the collection", problem);
        fo_write_opts opts = {.style_dir = FUZZ_STYLE_DIR, .toc_depth = size ? 1 + data[0] % 3 : 1,
                              .odd_article_break = size && data[0] & 0x80};
        write_one(fo_write_native, "fo_write_native", c, &opts, false);
        write_one(fo_write_docbook, "fo_write_docbook", c, &opts, true);
        write_one(fo_write_xhtml, "fo_write_xhtml", c, &opts, true);
        write_one(fo_write_epub, "fo_write_epub", c, &opts, false);
        write_one(fo_write_layout, "fo_write_layout", c, &opts, false);
    }
    fo_doc_free(c);
    return 0;
}
