/* ttf_cmap.h — prepare a HarfBuzz subset font for libharu 2.3: a cmap it can search quickly, and
 * no empty table at the end.
 *
 * libharu builds each CID font's CIDToGIDMap by looking up all 65,536 BMP codes in the font's
 * format-4 cmap, and finds each width the same way, with a linear scan over the cmap's segments.
 * A HarfBuzz subset of a CJK font has one segment per run of consecutive code points — hundreds for
 * an article — so that scan dominated the whole PDF conversion (45% of the instructions on the
 * seed).  The rewritten cmap covers the same code points with one segment per run of consecutive
 * 256-code pages (a glyph-id array maps the codes inside; unused ones map to glyph 0), which is a
 * handful of segments.  The mapping is unchanged; only the table's shape is.
 *
 * The same rebuild gives the font a 'prep' table when it has none (a subset without hinting has
 * none): libharu fails to save a PDF whose embedded font ends with an empty table exactly at a
 * 4,096-byte boundary (see rebuild_font in ttf_cmap.c).
 */
#ifndef FOLIO_TTF_CMAP_H
#define FOLIO_TTF_CMAP_H

#include <hb.h>

/* A copy of the TrueType font in `font` with its cmap replaced by a paged format-4 table
 * (platform 3, encoding 1) and a no-op 'prep' added when missing.  Returns NULL when the font has
 * no BMP mapping or is not a plain sfnt (then use the font as it is).  The caller destroys the
 * returned blob. */
hb_blob_t *fo_ttf_for_libharu(hb_blob_t *font);

/* How many segments the font's first format-4 cmap subtable has (0 if none): for tests. */
unsigned fo_ttf_cmap4_segments(hb_blob_t *font);

#endif
