/* cff.h — re-key a CFF font program (the 'CFF ' table of an OpenType font) for a PDF CIDFontType0C.
 *
 * HarfBuzz subsets a CFF face well (and desubroutinizes it), but keeps the source's keying: a
 * CID-keyed face such as Noto CJK keeps its own sparse CIDs, a name-keyed one its glyph names.  A
 * PDF CIDFontType0 selects glyphs by CID, so the content stream would have to write those CIDs,
 * and two code points drawn with one glyph (U+3000 and U+2003, a Kangxi radical and its
 * ideograph) could not be told apart by a ToUnicode map.
 *
 * fo_cff_rekey rebuilds the subset as a CID-keyed CFF (ROS Adobe-Identity-0) with one glyph per
 * code point and CID = the code point: the content stream then writes what libharu's UTF-8 encoder
 * writes for a TrueType face (the BMP code point), and the identity ToUnicode map fonts.c writes is
 * exact.  A glyph shared by two code points is stored twice (a few bytes of charstring).
 *
 * Only the structure is rewritten: the charstrings, Private DICTs, subroutines and strings are
 * copied byte for byte.
 */
#ifndef FOLIO_CFF_H
#define FOLIO_CFF_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* One glyph of the re-keyed font: its CID (a BMP code point, 1..0xFFFF) and the glyph id in the
 * source CFF whose charstring it gets. */
typedef struct fo_cff_glyph {
    uint32_t cid;
    unsigned gid;
} fo_cff_glyph;

/* Append to `out` a CID-keyed CFF whose glyph 0 is the source's .notdef and glyph i+1 is
 * glyphs[i] (CIDs strictly ascending).  Returns 0, or -1 when `cff` is not a CFF (version 1) font
 * this can read, or a glyph id or CID is out of range (`out` is then left as it was). */
int fo_cff_rekey(const uint8_t *cff, size_t len, const fo_cff_glyph *glyphs, size_t n, fo_buf *out);

/* For tests: whether `cff` is CID-keyed, its glyph count, and the CID of glyph `gid` (through its
 * charset; -1 when it has none or cannot be read). */
int fo_cff_glyph_cid(const uint8_t *cff, size_t len, unsigned gid, unsigned *n_glyphs, int *cid_keyed);

#endif
