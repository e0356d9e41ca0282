/* fuzz_common.h — what the libFuzzer targets share: read an input the way folio does, check the
 * tree, and run writers into memory.  Any crash, leak, sanitizer report or broken invariant is a
 * bug; a reader or writer returning an error (with a message) is a defined outcome and fine.
 */
#ifndef FOLIO_FUZZ_COMMON_H
#define FOLIO_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "readers.h"
#include "text.h"
#include "util.h"
#include "writers.h"

/* The styles of the source tree (fuzz.mk passes -DFUZZ_STYLE_DIR=…): the writers read CSS and INI
 * files from there, wherever the fuzzer binary lives. */
#ifndef FUZZ_STYLE_DIR
#define FUZZ_STYLE_DIR "styles"
#endif

/* Stop at once with a message: libFuzzer records the input that got here as a crash. */
static inline void fuzz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

/* An error must come with a message: a silent -1 would leave the user with nothing to act on. */
static inline void fuzz_expect_message(const fo_diag *d, const char *who)
{
    if (d->errors == 0 || d->last[0] == '\0')
        fuzz_fail(who, "failed without an error message");
}

/* What the decoder makes of `data` must be text: no NUL byte, valid UTF-8. */
static inline void fuzz_check_decoder(const uint8_t *data, size_t size)
{
    fo_diag d;
    fo_diag_init(&d, "fuzz.txt", NULL);
    size_t len;
    char *text = fo_decode_input((const char *)data, size, &len, NULL, &d);
    if (!text) {
        fuzz_expect_message(&d, "fo_decode_input");
        return;
    }
    if (strlen(text) != len)
        fuzz_fail("fo_decode_input", "decoded text holds a NUL byte");
    if (fo_utf8_validate(text, len) != len)
        fuzz_fail("fo_decode_input", "decoded text is not valid UTF-8");
    free(text);
}

/* Read `data` in `format` (by name) as folio does (fo_read_bytes: decode unless the reader is raw,
 * read, finish, check), with no input path, so no reader looks for files.  Returns the finished
 * document, or NULL when the input has a defined error; a tree that breaks the model's rules is
 * reported by fo_read_bytes as a bug, and fails here. */
static inline fo_doc *fuzz_read_as(const char *format, const uint8_t *data, size_t size, const fo_read_opts *opts)
{
    fo_diag d;
    fo_diag_init(&d, "fuzz.txt", NULL);
    fo_doc *doc = fo_read_bytes(fo_input_format_by_name(format), (const char *)data, size, NULL, opts, &d);
    if (!doc) {
        fuzz_expect_message(&d, format);
        /* Only fo_read_bytes's own message counts, by its prefix: an input may quote the words. */
        char bug[96];
        snprintf(bug, sizeof bug, "the %s reader built a malformed document (a bug in folio)", format);
        if (strncmp(d.last, bug, strlen(bug)) == 0)
            fuzz_fail(format, d.last);
    }
    return doc;
}

/* The plain-text reader, as above. */
static inline fo_doc *fuzz_read(const uint8_t *data, size_t size, const fo_read_opts *opts)
{
    return fuzz_read_as("text", data, size, opts);
}

/* Run one writer into memory; returns 0 on success (the output is left in `out`). */
static inline int fuzz_write(fo_writer_fn write, const char *name, const fo_doc *doc, const fo_write_opts *opts,
                      fo_buf *out)
{
    fo_diag d;
    fo_diag_init(&d, "fuzz.txt", NULL);
    int rc = write(doc, opts, out, &d);
    if (rc != 0)
        fuzz_expect_message(&d, name);
    return rc;
}

#endif
