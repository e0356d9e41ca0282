/* fonts.h — the PDF's fonts: find them (fontconfig), subset them (HarfBuzz), load them into libharu
 * and repair what libharu 2.3 writes wrong (the ToUnicode CMap, the CIDSystemInfo ordering).
 * TrueType faces go through libharu's loader; CFF faces (Noto CJK) through font_cff.c.
 *
 * All state lives in an fo_fonts context that the caller owns: fontconfig's configuration and the
 * faces opened so far are kept across documents (issue 6 converts many articles with one context);
 * what a document uses is reset by fo_fonts_begin.
 *
 * Per document:
 *   fo_fonts_begin(f);                            forget the previous document's usage and fonts
 *   fo_fonts_choose(f, patterns, override, cps);  pick a face per role, covering the document's text
 *   fo_fonts_covers(f, role, cp) / fo_fonts_use(f, role, cp) for every character to be drawn
 *   fo_fonts_load(f, pdf, d);                     subset, embed, repair; then fo_fonts_get(f, role)
 */
#ifndef FOLIO_FONTS_H
#define FOLIO_FONTS_H

#include <hpdf.h>
#include <stdbool.h>
#include <stdint.h>

#include "style.h"
#include "util.h"

typedef struct fo_fonts fo_fonts;

/* NULL when out of memory. */
fo_fonts *fo_fonts_new(void);
void fo_fonts_free(fo_fonts *f);

/* Start a new document: clears the code points used and the libharu fonts (which belong to the
 * previous HPDF_Doc); the faces found so far stay cached. */
void fo_fonts_begin(fo_fonts *f);

/* Choose a face for every role.  With `override` ("FILE" or "FILE:INDEX", from --font) that face
 * serves every role; else each role's fontconfig pattern is searched for faces with TrueType or CFF
 * outlines, preferring the first that covers all of `doc_cps` (the document's code points, n of them).
 * Returns 0, or -1 with an error in `d` (unreadable or invalid font file, no usable font). */
int fo_fonts_choose(fo_fonts *f, const char *const patterns[FO_ROLE_COUNT], const char *override,
                    const uint32_t *doc_cps, size_t n, fo_diag *d);

/* Whether the role's face has a glyph for `cp` (only BMP code points can be drawn at all). */
bool fo_fonts_covers(const fo_fonts *f, fo_font_role role, uint32_t cp);
/* Note that `cp` is drawn in the role's face: it goes into the subset. */
void fo_fonts_use(fo_fonts *f, fo_font_role role, uint32_t cp);

/* Subset every chosen face to the code points used, embed it in `pdf` and repair its ToUnicode map.
 * Returns 0, or -1 with an error in `d`. */
int fo_fonts_load(fo_fonts *f, HPDF_Doc pdf, fo_diag *d);

/* The libharu font of a role after fo_fonts_load (NULL before). */
HPDF_Font fo_fonts_get(const fo_fonts *f, fo_font_role role);

/* The advance width of `cp` in the role's font after fo_fonts_load, in 1/1000 em (what the PDF's
 * /W says); 0 before.  Quicker than HPDF_Font_GetUnicodeWidth on a CFF font (a linear search there). */
int fo_fonts_width(const fo_fonts *f, fo_font_role role, uint32_t cp);

/* The outline box of `cp` in the role's face, in 1/1000 em: x min, y min, x max, y max (y up from
 * the baseline).  False when the face has no glyph for it. */
bool fo_fonts_glyph_box(const fo_fonts *f, fo_font_role role, uint32_t cp, int box[4]);

/* The file and face index chosen for a role (for messages and `README`); NULL before choosing. */
const char *fo_fonts_file(const fo_fonts *f, fo_font_role role, int *index);

#endif
