/* pdf_picture.c — a document's pictures in the PDF: each embedded once (a JPEG as it is, PNG, GIF
 * and WebP decoded by raster.c into samples and a soft mask), within a budget of decoded pixels, and
 * drawn at the top of its figure's box.
 */
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_writer.h"
#include "raster.h"

/* The pixels of PNG, GIF and WebP pictures (and odd JPEGs) one PDF may decode: libharu holds their
 * samples until the PDF is saved, 4 bytes a pixel with a mask, so 100 megapixels are 400 MB.  A
 * news article's photos are a few megapixels each; small files that declare huge flat pictures
 * would otherwise add up past any memory. */
#define MAX_DECODED_PIXELS (100L * 1000 * 1000)

static HPDF_Image embedded(const pdf_writer *w, const fo_image *picture)
{
    for (size_t i = 0; i < w->n_images; i++)
        if (w->images[i].picture == picture)
            return w->images[i].image;
    return NULL;
}

/* A picture's pixels as 8-bit samples, its transparency as a soft mask. */
static HPDF_Image load_pixels(pdf_writer *w, const fo_image *picture, char *why, size_t why_size)
{
    fo_raster r = {0};
    HPDF_Image image = NULL;
    long pixels = (long)picture->width * picture->height;
    if (w->decoded_pixels + pixels > MAX_DECODED_PIXELS)
        snprintf(why, why_size, "the article's PNG, GIF and WebP pictures pass %ld megapixels together",
                 MAX_DECODED_PIXELS / 1000000);
    else if (fo_raster_decode(picture, &r, why, why_size) == 0) {
        w->decoded_pixels += pixels;
        HPDF_ColorSpace space = r.channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB;
        image = HPDF_LoadRawImageFromMem(w->pdf, r.pixels, (HPDF_UINT)r.width, (HPDF_UINT)r.height, space, 8);
        HPDF_Image mask = image && r.alpha ? HPDF_LoadRawImageFromMem(w->pdf, r.alpha, (HPDF_UINT)r.width,
                                                                      (HPDF_UINT)r.height, HPDF_CS_DEVICE_GRAY, 8)
                                           : NULL;
        if (mask)
            HPDF_Image_AddSMask(image, mask);
        snprintf(why, why_size, "libharu refused its pixels");
    }
    fo_raster_free(&r);
    return image;
}

/* Embed a figure's picture: a JPEG as it is (DCTDecode) where a PDF can take it so, anything else
 * from its pixels.  One that cannot be embedded is left out with a warning, its caption kept. */
static bool embed_picture(pdf_writer *w, const fo_image *picture, const char *ref)
{
    if (embedded(w, picture))
        return true;
    char why[200] = "libharu cannot read it";
    HPDF_STATUS before = w->hpdf_error;
    bool dct = strcmp(picture->media_type, "image/jpeg") == 0 &&
               fo_raster_jpeg_embeddable(picture->data, picture->size);
    HPDF_Image image = dct ? HPDF_LoadJpegImageFromMem(w->pdf, picture->data, (HPDF_UINT)picture->size)
                           : load_pixels(w, picture, why, sizeof why);
    if (!image || w->hpdf_error != before) {
        if (!before) { /* the failure is this picture's alone: the PDF goes on without it */
            HPDF_ResetError(w->pdf);
            w->hpdf_error = w->hpdf_detail = 0;
        }
        fo_warn(w->d, 0, 0, "image %s (%s) left out of the PDF: %s; its caption is kept", ref ? ref : "",
                picture->path ? picture->path : "", why);
        return false;
    }
    w->images = fo_xrealloc(w->images, (w->n_images + 1) * sizeof *w->images);
    w->images[w->n_images++] = (pdf_image){picture, image};
    return true;
}

/* Every figure's picture, before the pages are laid out: one that cannot be embedded leaves its
 * figure a caption, in the layout as in the PDF. */
void fo_pdf_embed_pictures(pdf_writer *w)
{
    for (size_t i = 0; i < w->pb.n_blocks; i++) {
        fo_pdf_block *b = &w->pb.blocks[i];
        if (b->image && !embed_picture(w, b->image, b->image_ref))
            fo_pdf_blocks_caption_only(&w->pb, b);
    }
}

/* A figure's picture at the top of its box, centred in its measure. */
void fo_pdf_draw_image(pdf_writer *w, const fo_pdf_block *b, double top)
{
    const fo_style *st = &w->style;
    HPDF_Image image = embedded(w, b->image);
    if (!image)
        return;
    double measure = st->page_width - st->margin_left - st->margin_right - 2 * b->inset;
    double x = st->margin_left + b->inset + (measure - b->image_w) / 2;
    HPDF_Page_EndText(w->page);
    HPDF_Page_DrawImage(w->page, image, (HPDF_REAL)x, (HPDF_REAL)(top - b->image_h), (HPDF_REAL)b->image_w,
                        (HPDF_REAL)b->image_h);
    HPDF_Page_BeginText(w->page);
    w->cur_slot = -1;
}
