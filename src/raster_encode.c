/* raster_encode.c — a WebP re-encoded as JPEG or PNG for the EPUB (see raster.h). */
#include "raster.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h> /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>
#include <stdlib.h>
#include <string.h>

#include "codec_memory.h"
#include "util.h"

/* Quality of a lossy WebP made JPEG: high enough that the second lossy step adds nothing one sees
 * over the WebP's own loss (libjpeg's 4:2:0 chroma is the WebP's own). */
#define JPEG_QUALITY 90

static void png_write_memory(png_structp png, png_bytep data, size_t n) { fo_buf_append(png_get_io_ptr(png), data, n); }
static void png_flush_nothing(png_structp png) { (void)png; }

/* One row of samples as the PNG stores them: the colour, then the alpha when there is a mask. */
static void png_row(const fo_raster *r, int y, unsigned char *row)
{
    size_t c = (size_t)r->channels, stride = c + (r->alpha ? 1 : 0);
    for (size_t x = 0; x < (size_t)r->width; x++) {
        size_t at = (size_t)y * (size_t)r->width + x;
        memcpy(row + x * stride, r->pixels + at * c, c);
        if (r->alpha)
            row[x * stride + c] = r->alpha[at];
    }
}

static int encode_png(const fo_raster *r, fo_buf *out, char *why, size_t why_size)
{
    fo_png_source failure = {0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &failure, fo_png_on_error, fo_png_on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *volatile row = NULL;
    volatile int status = -1;
    if (!info) {
        snprintf(why, why_size, "out of memory");
        goto done;
    }
    if (setjmp(failure.jump)) {
        snprintf(why, why_size, "libpng cannot write it: %s", failure.message);
        goto done;
    }
    png_set_write_fn(png, out, png_write_memory, png_flush_nothing);
    int type = r->channels == 1 ? (r->alpha ? PNG_COLOR_TYPE_GRAY_ALPHA : PNG_COLOR_TYPE_GRAY)
                                : (r->alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB);
    png_set_IHDR(png, info, (png_uint_32)r->width, (png_uint_32)r->height, 8, type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    row = fo_xmalloc((size_t)r->width * (size_t)(r->channels + 1));
    for (int y = 0; y < r->height; y++) {
        png_row(r, y, row);
        png_write_row(png, row);
    }
    png_write_end(png, info);
    status = 0;
done:
    free(row);
    png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
    return status;
}

static int encode_jpeg(const fo_raster *r, fo_buf *out, char *why, size_t why_size)
{
    struct jpeg_compress_struct cinfo;
    fo_jpeg_failure f = {0};
    unsigned char *volatile data = NULL;
    unsigned long size = 0;
    volatile int status = -1;
    cinfo.err = jpeg_std_error(&f.mgr);
    f.mgr.error_exit = fo_jpeg_on_error;
    f.mgr.emit_message = fo_jpeg_on_message;
    jpeg_create_compress(&cinfo);
    if (setjmp(f.jump)) {
        snprintf(why, why_size, "libjpeg cannot write it: %s", f.message);
        goto done;
    }
    jpeg_mem_dest(&cinfo, (unsigned char **)&data, &size);
    cinfo.image_width = (JDIMENSION)r->width;
    cinfo.image_height = (JDIMENSION)r->height;
    cinfo.input_components = r->channels;
    cinfo.in_color_space = r->channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, JPEG_QUALITY, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = r->pixels + (size_t)cinfo.next_scanline * (size_t)r->width * (size_t)r->channels;
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    fo_buf_append(out, data, size);
    status = 0;
done:
    jpeg_destroy_compress(&cinfo);
    free(data);
    return status;
}

unsigned char *fo_raster_encode_core(const fo_image *img, size_t *len, const char **media_type, char *why,
                                     size_t why_size)
{
    fo_webp_frame frame;
    fo_raster r;
    fo_buf out = {0};
    int status = -1;
    bool lossy = fo_webp_first_frame(img->data, img->size, &frame, why, why_size) == 0 && frame.lossy &&
                 !frame.animated;
    if (fo_raster_decode(img, &r, why, why_size) == 0) {
        *media_type = lossy && !r.alpha ? "image/jpeg" : "image/png";
        status = lossy && !r.alpha ? encode_jpeg(&r, &out, why, why_size) : encode_png(&r, &out, why, why_size);
    }
    fo_raster_free(&r);
    if (status != 0) {
        fo_buf_free(&out);
        return NULL;
    }
    *len = out.len;
    return (unsigned char *)fo_buf_steal(&out);
}
