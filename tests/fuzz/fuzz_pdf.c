/* fuzz_pdf.c — libFuzzer target for a reader followed by the PDF writer: the plain-text reader, or
 * the HTML reader for an input that starts with '<' (so that tables, with their spans and header
 * rows, reach the PDF's table layout).
 *
 * Separate from fuzz_text.c because the PDF writer is slow per input (style, fonts, layout): here
 * every input goes through it, at a few dozen executions a second, while fuzz_text.c keeps its
 * thousands.  A writer error (a font that cannot be found, a style that cannot be read) is a
 * defined outcome; a crash, a leak or a successful result that is not a PDF is not.
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fo_read_opts ropts = {0};
    size_t lead = 0;
    while (lead < size && (data[lead] == ' ' || data[lead] == '\n' || data[lead] == '\r' || data[lead] == '\t'))
        lead++;
    fo_doc *doc = lead < size && data[lead] == '<' ? fuzz_read_as("html", data, size, &ropts) : fuzz_read(data, size, &ropts);
    if (!doc)
        return 0;
    fo_write_opts wopts = {.style_dir = FUZZ_STYLE_DIR};
    fo_buf out = {0};
    if (fuzz_write(fo_write_pdf, "fo_write_pdf", doc, &wopts, &out) == 0 &&
        (out.len < 5 || memcmp(out.data, "%PDF-", 5) != 0))
        fuzz_fail("fo_write_pdf", "succeeded but wrote no PDF");
    fo_buf_free(&out);
    fo_doc_free(doc);
    return 0;
}
