/* fuzz_cff.c — libFuzzer target for cff.c, which parses and rebuilds CFF font programs.
 *
 * Random bytes are almost never a CFF, so the input patches a valid one instead: the first byte
 * picks the name-keyed test font's CFF or its CID-keyed rebuild, and each following three bytes
 * write one byte (offset, value) into it; a first byte with the top bit set takes the rest of the
 * input as the CFF itself.  fo_cff_rekey must refuse or succeed, never read out of bounds; what it
 * writes must be a CFF it can read again.
 */
#include <hb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cff.h"
#include "util.h"

#ifndef FUZZ_TEST_FONT
#define FUZZ_TEST_FONT "tests/fonts/folio-test-box.otf"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const fo_cff_glyph glyphs[] = {{0x41, 1}, {0x4E2D, 2}};

/* Stop at once: libFuzzer records the input that got here as a crash. */
static void fuzz_fail(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

/* The test font's CFF table and its CID-keyed rebuild, read once. */
static void base_fonts(fo_buf *name_keyed, fo_buf *cid_keyed)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(FUZZ_TEST_FONT);
    if (!blob)
        fuzz_fail("cannot read " FUZZ_TEST_FONT, NULL);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_blob_t *table = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
    unsigned len;
    const char *cff = hb_blob_get_data(table, &len);
    fo_buf_append(name_keyed, cff, len);
    if (fo_cff_rekey((const uint8_t *)cff, len, glyphs, 2, cid_keyed) != 0)
        fuzz_fail("the test font does not re-key", NULL);
    hb_blob_destroy(table);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static fo_buf bases[2];
    if (!bases[0].len)
        base_fonts(&bases[0], &bases[1]);
    if (size == 0)
        return 0;
    fo_buf font = {0};
    if (data[0] & 0x80) {
        fo_buf_append(&font, data + 1, size - 1);
    } else {
        const fo_buf *base = &bases[data[0] & 1];
        fo_buf_append(&font, base->data, base->len);
        for (size_t i = 1; i + 3 <= size; i += 3)
            font.data[((size_t)data[i] << 8 | data[i + 1]) % font.len] = (char)data[i + 2];
    }
    fo_buf out = {0}, again = {0};
    if (fo_cff_rekey((const uint8_t *)font.data, font.len, glyphs, 2, &out) == 0) {
        unsigned n = 0;
        int cid_keyed = 0;
        if (fo_cff_rekey((const uint8_t *)out.data, out.len, glyphs, 2, &again) != 0)
            fuzz_fail("fo_cff_rekey", "its own output does not re-key");
        if (fo_cff_glyph_cid((const uint8_t *)out.data, out.len, 2, &n, &cid_keyed) != 0x4E2D || n != 3 || !cid_keyed)
            fuzz_fail("fo_cff_rekey", "its output does not map glyph 2 to CID U+4E2D");
    }
    unsigned n;
    int cid_keyed;
    fo_cff_glyph_cid((const uint8_t *)font.data, font.len, 1, &n, &cid_keyed);
    fo_buf_free(&font);
    fo_buf_free(&out);
    fo_buf_free(&again);
    return 0;
}
