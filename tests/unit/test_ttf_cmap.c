/* test_ttf_cmap.c — the paged cmap maps every code exactly as the subset's own cmap does, with a
 * handful of segments instead of hundreds. */
#include <hb-subset.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "text.h"
#include "ttf_cmap.h"
#include "util.h"

static hb_blob_t *subset(const char *path, unsigned index, const char *text)
{
    hb_blob_t *file = hb_blob_create_from_file_or_fail(path);
    if (!file)
        return NULL;
    hb_face_t *face = hb_face_create(file, index);
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    for (size_t i = 0, len = strlen(text); i < len;) {
        uint32_t cp;
        size_t k = fo_utf8_decode(text + i, len - i, &cp);
        if (!k)
            break;
        hb_set_add(hb_subset_input_unicode_set(input), cp);
        i += k;
    }
    hb_face_t *sub = hb_subset_or_fail(face, input);
    hb_blob_t *blob = sub ? hb_face_reference_blob(sub) : NULL;
    hb_face_destroy(sub);
    hb_subset_input_destroy(input);
    hb_face_destroy(face);
    hb_blob_destroy(file);
    return blob;
}

/* Every BMP code maps to the same glyph in both fonts. */
static bool same_mapping(hb_blob_t *a, hb_blob_t *b, unsigned *mapped)
{
    hb_face_t *fa = hb_face_create(a, 0), *fb = hb_face_create(b, 0);
    hb_font_t *ga = hb_font_create(fa), *gb = hb_font_create(fb);
    bool same = true;
    *mapped = 0;
    for (hb_codepoint_t cp = 0; cp < 0xFFFF; cp++) {
        hb_codepoint_t x = 0, y = 0;
        bool hx = hb_font_get_nominal_glyph(ga, cp, &x), hy = hb_font_get_nominal_glyph(gb, cp, &y);
        if ((hx && x) != (hy && y) || ((hx && x) && x != y))
            same = false;
        *mapped += hx && x;
    }
    hb_font_destroy(ga);
    hb_font_destroy(gb);
    hb_face_destroy(fa);
    hb_face_destroy(fb);
    return same;
}

int main(void)
{
    size_t len;
    fo_diag d;
    fo_diag_init(&d, "seed", stderr);
    char *seed = fo_read_file("examples/gansu-fazhi-2024.txt", &len, &d);
    OK(seed != NULL, "the seed is readable (run from the project root)");
    const char *fonts[] = {"/usr/share/fonts/truetype/arphic/uming.ttc", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"};
    for (size_t f = 0; seed && f < 2; f++) {
        hb_blob_t *sub = subset(fonts[f], 0, seed);
        if (!OK(sub != NULL, fonts[f]))
            continue;
        hb_blob_t *paged = fo_ttf_for_libharu(sub);
        if (OK(paged != NULL, "a paged cmap is built")) {
            unsigned before = fo_ttf_cmap4_segments(sub), after = fo_ttf_cmap4_segments(paged), mapped;
            char what[200];
            snprintf(what, sizeof what, "segments: %u in the subset, %u paged (at most 16)", before, after);
            OK(before > 100 && after >= 2 && after <= 16, what);
            OK(same_mapping(sub, paged, &mapped) && mapped > 700, "every code maps to the same glyph");
            hb_face_t *face = hb_face_create(paged, 0), *orig = hb_face_create(sub, 0);
            OK(hb_face_get_glyph_count(face) == hb_face_get_glyph_count(orig), "glyph count unchanged");
            /* every table but cmap (and prep, added) is carried over byte for byte */
            hb_tag_t tags[64];
            unsigned n_tags = 64, same = 0;
            hb_face_get_table_tags(orig, 0, &n_tags, tags);
            for (unsigned t = 0; t < n_tags; t++) {
                hb_blob_t *a = hb_face_reference_table(orig, tags[t]), *b = hb_face_reference_table(face, tags[t]);
                unsigned la, lb;
                const char *da = hb_blob_get_data(a, &la), *db = hb_blob_get_data(b, &lb);
                same += tags[t] == HB_TAG('c', 'm', 'a', 'p') || tags[t] == HB_TAG('h', 'e', 'a', 'd') ||
                        (la == lb && (la == 0 || memcmp(da, db, la) == 0));
                hb_blob_destroy(a);
                hb_blob_destroy(b);
            }
            OK(n_tags > 5 && same == n_tags, "the other tables are unchanged");
            hb_blob_t *prep = hb_face_reference_table(face, HB_TAG('p', 'r', 'e', 'p'));
            OK(hb_blob_get_length(prep) > 0, "a subset without hinting gets a non-empty prep (libharu's 4 KB seek bug)");
            hb_blob_destroy(prep);
            hb_face_destroy(orig);
            hb_face_destroy(face);
            hb_blob_destroy(paged);
        }
        hb_blob_destroy(sub);
    }
    /* a font with one character still gets a valid table */
    hb_blob_t *tiny = subset(fonts[0], 0, "中");
    if (tiny) {
        hb_blob_t *paged = fo_ttf_for_libharu(tiny);
        unsigned mapped;
        OK(paged && fo_ttf_cmap4_segments(paged) == 2 && same_mapping(tiny, paged, &mapped) && mapped == 1,
           "one character: one segment plus the closing one");
        hb_blob_destroy(paged);
        hb_blob_destroy(tiny);
    }
    /* not a font: NULL, no crash */
    hb_blob_t *junk = hb_blob_create("not a font at all", 17, HB_MEMORY_MODE_READONLY, NULL, NULL);
    OK(fo_ttf_for_libharu(junk) == NULL, "not a font: no cmap");
    hb_blob_destroy(junk);
    free(seed);
    return harness_done();
}
