/* fuzz_text.c — libFuzzer target for the plain-text reader and the in-memory writers.
 *
 * Every input is read twice, as main.c would with and without options:
 *   A. default options: the decoder's text checked, fo_read_bytes (which finishes and checks the
 *      tree), then the native, DocBook, XHTML and EPUB writers; the DocBook and XHTML outputs must be well-formed XML (libxml2 parses them back),
 *      and the DocBook and the EPUB must come out byte for byte the same when written again;
 *   B. --keep-punctuation --explain (into a memory stream, which must hold one line per input line
 *      plus the shape line, and a "LINE+:" line for each further block a line was cut into),
 *      then the native writer and a --vertical EPUB.
 * The PDF writer loads fonts and lays out pages, a hundred times slower than the rest together, so
 * it has its own target (fuzz_pdf.c) rather than slowing this one down.
 */
#include <stdint.h>

#include <libxml/parser.h>

#include "fuzz_common.h"

/* The writers' XML must parse whatever the input held. */
static void expect_well_formed(const fo_buf *out, const char *who)
{
    xmlDocPtr x = xmlReadMemory(out->data, (int)out->len, "fuzz.xml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    if (!x)
        fuzz_fail(who, "output is not well-formed XML");
    xmlFreeDoc(x);
}

/* Run a writer; with `xml`, its output must parse; with `twice`, a second run must give the same
 * bytes (outputs are deterministic, and a difference betrays uninitialised memory or a dangling
 * pointer that the sanitizers missed). */
static void run_writer(fo_writer_fn write, const char *name, const fo_doc *doc, const fo_write_opts *opts,
                       bool xml, bool twice)
{
    fo_buf out = {0}, again = {0};
    if (fuzz_write(write, name, doc, opts, &out) == 0) {
        if (xml)
            expect_well_formed(&out, name);
        if (twice && (fuzz_write(write, name, doc, opts, &again) != 0 || again.len != out.len ||
                      memcmp(again.data, out.data, out.len) != 0))
            fuzz_fail(name, "a second run gave different bytes");
    }
    fo_buf_free(&again);
    fo_buf_free(&out);
}

static size_t count_lines(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\n';
    return n;
}

/* Lines of --explain output ("fuzz.txt:LINE: …"), without the "fuzz.txt:LINE+: …" lines of a
 * line's further blocks. */
static size_t count_explained(const char *s, size_t len)
{
    static const char prefix[] = "fuzz.txt:";
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        const char *eol = memchr(s + i, '\n', len - i);
        size_t end = eol ? (size_t)(eol - s) : len, k = i + sizeof prefix - 1;
        while (k < end && s[k] >= '0' && s[k] <= '9')
            k++;
        bool part = end - i > sizeof prefix && memcmp(s + i, prefix, sizeof prefix - 1) == 0 && k < end && s[k] == '+';
        n += eol && !part;
        i = end + 1;
    }
    return n;
}

/* Physical lines of the decoded input, as the reader splits them (a final "\n" opens one more). */
static size_t input_lines(const uint8_t *data, size_t size)
{
    fo_diag d;
    fo_diag_init(&d, "fuzz.txt", NULL);
    size_t len;
    char *text = fo_decode_input((const char *)data, size, &len, NULL, &d);
    size_t n = text ? count_lines(text, len) + 1 : 0;
    free(text);
    return n;
}

static void pass_default(const uint8_t *data, size_t size)
{
    fo_read_opts ropts = {0};
    fuzz_check_decoder(data, size);
    fo_doc *doc = fuzz_read(data, size, &ropts);
    if (!doc)
        return;
    fo_write_opts wopts = {.style_dir = FUZZ_STYLE_DIR};
    run_writer(fo_write_native, "fo_write_native", doc, &wopts, false, false);
    run_writer(fo_write_docbook, "fo_write_docbook", doc, &wopts, true, true);
    run_writer(fo_write_xhtml, "fo_write_xhtml", doc, &wopts, true, false);
    run_writer(fo_write_epub, "fo_write_epub", doc, &wopts, false, true);
    fo_doc_free(doc);
}

static void pass_options(const uint8_t *data, size_t size)
{
    char *explained = NULL;
    size_t explained_len = 0;
    FILE *explain = open_memstream(&explained, &explained_len);
    if (!explain)
        fuzz_fail("open_memstream", "out of memory");
    fo_read_opts ropts = {.keep_punctuation = true, .explain = explain};
    fo_doc *doc = fuzz_read(data, size, &ropts);
    fclose(explain);
    if (doc) {
        size_t want = input_lines(data, size) + 1;
        if (count_explained(explained, explained_len) != want)
            fuzz_fail("--explain", "not one line per input line");
        fo_write_opts wopts = {.style_dir = FUZZ_STYLE_DIR, .vertical = true};
        run_writer(fo_write_native, "fo_write_native", doc, &wopts, false, false);
        run_writer(fo_write_epub, "fo_write_epub --vertical", doc, &wopts, false, false);
        fo_doc_free(doc);
    }
    free(explained);
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
    pass_default(data, size);
    pass_options(data, size);
    return 0;
}
