/* raster.h — a PNG, GIF or WebP picture decoded to 8-bit samples, for the PDF writer; a WebP
 * re-encoded as JPEG or PNG for the EPUB.
 *
 * The PDF embeds a JPEG's bytes as they are (DCTDecode) where it can; a PNG, a GIF, a WebP and any
 * other JPEG are drawn from their pixels.
 * libharu's own PNG loader is not used: on this Debian (libharu 2.3.0) it fails on interlaced PNGs
 * (errors 0x1043/0x1025), frees memory twice on interlaced palette and 16-bit ones, and writes
 * 16-bit samples, which PDF 1.3 does not allow; and it cannot read GIF or WebP at all.  So libpng,
 * giflib and libwebp decode, and the PDF gets 8-bit grey or RGB samples with the transparency as a
 * soft mask.
 */
#ifndef FOLIO_RASTER_H
#define FOLIO_RASTER_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

typedef struct fo_raster {
    int width, height;
    int channels;               /* 1: grey, 3: RGB */
    unsigned char *pixels;      /* width × height × channels, rows top to bottom */
    unsigned char *alpha;       /* width × height opacities (255 opaque); NULL when all are opaque */
} fo_raster;

/* Decode a PNG (every colour type, bit depth and interlacing; a tRNS colour as transparency), a
 * GIF's first frame (placed on its logical screen; its transparent colour, and the screen outside
 * the frame, transparent), a WebP's first frame (lossy or lossless, its alpha as transparency; an
 * animation's first frame on its canvas, the rest transparent) or a JPEG (grey, RGB, or Adobe's inverted CMYK made RGB).  The image has
 * been checked (image.h), but a GIF's picture data is only decoded here.  Returns 0, or -1 with a
 * short reason in `why`; the caller frees `out` with fo_raster_free either way. */
int fo_raster_decode(const fo_image *img, fo_raster *out, char *why, size_t why_size);
void fo_raster_free(fo_raster *r);

/* Whether a PDF can carry a JPEG's bytes as they are (DCTDecode): baseline, extended or progressive
 * Huffman coding, 8-bit samples, 1, 3 or 4 components.  Not so: arithmetic coding, lossless and
 * hierarchical JPEGs, 12-bit samples (libharu would embed some of them all the same). */
bool fo_raster_jpeg_embeddable(const unsigned char *data, size_t len);

/* A WebP (no EPUB 3 core media type) re-encoded as one an EPUB reader must show: a lossy, opaque
 * still picture (a photo) as a JPEG of quality 90, 4–6 times smaller than a PNG and no visible
 * loss over the WebP's own; a lossless one, one with transparency and an animation's first frame
 * as a PNG (exact pixels, its alpha kept).  Returns malloc'ed bytes and sets *media_type
 * ("image/jpeg" or "image/png"), or NULL with a reason in `why`. */
unsigned char *fo_raster_encode_core(const fo_image *img, size_t *len, const char **media_type, char *why,
                                     size_t why_size);

#endif
