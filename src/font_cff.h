/* font_cff.h — embed an OpenType CFF face (Noto CJK, Source Han, FandolSong …) in the PDF.
 *
 * libharu 2.3 loads TrueType outlines only.  For a CFF face folio builds the font itself through
 * libharu's object layer: a Type0 font (Identity-H) whose descendant is a CIDFontType0 with a
 * FontDescriptor, /W widths and a FontFile3 /CIDFontType0C program — the face subset by HarfBuzz
 * and re-keyed by cff.c so that CID = the character's code point.  The Type0 dictionary is a
 * libharu font object: HPDF_Page_SetFontAndSize and HPDF_Page_TextOut take it like a loaded
 * TrueType font, text goes through the document's UTF-8 encoder, and the content stream carries
 * the same codes (BMP code points) as for a TrueType face, so fonts.c adds the same identity
 * ToUnicode map.  Widths are asked of fo_font_cff_width (HPDF_Font_GetUnicodeWidth knows only
 * libharu's own font definitions).
 */
#ifndef FOLIO_FONT_CFF_H
#define FOLIO_FONT_CFF_H

#include <hb.h>
#include <hpdf.h>
#include <stdbool.h>
#include <stdint.h>

#include "util.h"

/* Whether the face has CFF (version 1) outlines: a 'CFF ' table. */
bool fo_font_cff_is_cff(hb_face_t *face);

/* Subset `face` to the code points in `used` (BMP only), re-key and embed it in `pdf` under the
 * name TAG+PostScriptName; `file` names the face in errors.  Returns the font, or NULL with an
 * error in `d`.  The font lives as long as `pdf`. */
HPDF_Font fo_font_cff_new(HPDF_Doc pdf, hb_face_t *face, const hb_set_t *used, const char *tag, const char *file,
                          fo_diag *d);

/* Advance width of `cp` in 1/1000 em, as written in /W; 0 when the font does not draw `cp`. */
int fo_font_cff_width(HPDF_Font font, uint32_t cp);

#endif
