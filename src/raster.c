/* raster.c — PNG, GIF and WebP pictures decoded to 8-bit samples for the PDF (see raster.h). */
#include "raster.h"

#include <gif_lib.h>
#include <png.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h> /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>
#include <stdlib.h>
#include <string.h>
#include <webp/decode.h>

#include "codec_memory.h"
#include "image.h"
#include "util.h"

void fo_raster_free(fo_raster *r)
{
    free(r->pixels);
    free(r->alpha);
    memset(r, 0, sizeof *r);
}

/* Room for a picture of w × h pixels: false (and a reason) past the limits of image.h. */
static bool fits_limits(long w, long h, char *why, size_t why_size)
{
    if (w < 1 || h < 1 || w > FO_IMAGE_MAX_SIDE || h > FO_IMAGE_MAX_SIDE || w * h > FO_IMAGE_MAX_PIXELS) {
        snprintf(why, why_size, "its picture is %ld×%ld pixels", w, h);
        return false;
    }
    return true;
}

/* Drop the soft mask when every pixel is opaque. */
static void drop_opaque_alpha(fo_raster *r)
{
    size_t n = (size_t)r->width * (size_t)r->height;
    for (size_t i = 0; i < n; i++)
        if (r->alpha[i] != 255)
            return;
    free(r->alpha);
    r->alpha = NULL;
}

/* ---- PNG (libpng) ---- */

/* Interleaved samples of `channels` (1–4: grey, grey + alpha, RGB, RGBA) into colour and alpha. */
static void split_alpha(fo_raster *r, const unsigned char *samples, int channels)
{
    bool has_alpha = channels == 2 || channels == 4;
    size_t n = (size_t)r->width * (size_t)r->height;
    r->channels = has_alpha ? channels - 1 : channels;
    r->pixels = fo_xmalloc(n * (size_t)r->channels);
    if (has_alpha)
        r->alpha = fo_xmalloc(n);
    for (size_t i = 0; i < n; i++) {
        memcpy(r->pixels + i * (size_t)r->channels, samples + i * (size_t)channels, (size_t)r->channels);
        if (has_alpha)
            r->alpha[i] = samples[i * (size_t)channels + (size_t)r->channels];
    }
    if (has_alpha)
        drop_opaque_alpha(r);
}

/* Every colour type and depth to 8-bit grey or RGB, with alpha where the PNG has any (a palette's or
 * a colour's tRNS included); interlaced pictures through libpng's own pass handling. */
static int decode_png(const fo_image *img, fo_raster *out, char *why, size_t why_size)
{
    fo_png_source src = {.data = img->data, .len = img->size};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &src, fo_png_on_error, fo_png_on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *volatile samples = NULL;
    png_bytep *volatile rows = NULL;
    volatile int status = -1;
    if (!info) {
        snprintf(why, why_size, "out of memory");
        goto done;
    }
    if (setjmp(src.jump)) {
        snprintf(why, why_size, "damaged PNG: %s", src.message);
        goto done;
    }
    png_set_read_fn(png, &src, fo_png_read_memory);
    /* libpng's own limits (a million pixels a side) stay: with ours it would only say "Invalid IHDR
     * data"; fits_limits names the size, and nothing of the picture is allocated before it. */
    png_set_chunk_malloc_max(png, 8u << 20);
    png_read_info(png, info);
    long w = (long)png_get_image_width(png, info), h = (long)png_get_image_height(png, info);
    if (!fits_limits(w, h, why, why_size))
        goto done;
    png_set_expand(png);    /* palette → RGB, grey under 8 bits → 8, tRNS → alpha */
    png_set_scale_16(png);  /* 16-bit samples → 8 */
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    int channels = png_get_channels(png, info);
    size_t rowbytes = png_get_rowbytes(png, info);
    if (channels < 1 || channels > 4 || rowbytes != (size_t)w * (size_t)channels) {
        snprintf(why, why_size, "unexpected PNG layout (%d channels)", channels);
        goto done;
    }
    samples = fo_xmalloc(rowbytes * (size_t)h);
    rows = fo_xmalloc((size_t)h * sizeof *rows);
    for (long y = 0; y < h; y++)
        rows[y] = samples + (size_t)y * rowbytes;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    out->width = (int)w;
    out->height = (int)h;
    split_alpha(out, samples, channels);
    status = 0;
done:
    free(rows);
    free(samples);
    png_destroy_read_struct(png ? &png : NULL, info ? &info : NULL, NULL);
    return status;
}

/* ---- GIF (giflib): the first frame ---- */

typedef struct gif_reader {
    const unsigned char *data;
    size_t len, at;
} gif_reader;

static int gif_read_memory(GifFileType *gif, GifByteType *out, int n)
{
    gif_reader *src = gif->UserData;
    size_t left = src->len - src->at, want = n > 0 ? (size_t)n : 0;
    if (want > left)
        want = left;
    memcpy(out, src->data + src->at, want);
    src->at += want;
    return (int)want;
}

/* One decoded row of the frame onto the screen: its transparent colour and anything off the screen
 * left out; an index past the colour table is black. */
static void put_gif_row(fo_raster *r, const GifImageDesc *frame, const ColorMapObject *map, int transparent,
                        const GifPixelType *line, int y)
{
    long sy = (long)frame->Top + y;
    if (sy < 0 || sy >= r->height)
        return;
    for (int x = 0; x < frame->Width; x++) {
        long sx = (long)frame->Left + x;
        if (sx < 0 || sx >= r->width || line[x] == transparent)
            continue;
        size_t at = (size_t)sy * (size_t)r->width + (size_t)sx;
        GifColorType c = line[x] < map->ColorCount ? map->Colors[line[x]] : (GifColorType){0, 0, 0};
        r->pixels[3 * at] = c.Red;
        r->pixels[3 * at + 1] = c.Green;
        r->pixels[3 * at + 2] = c.Blue;
        r->alpha[at] = 255;
    }
}

/* The frame's rows, in the order an interlaced GIF stores them (rows 0, 8, 16 …, then 4, 12 …). */
static bool decode_gif_frame(GifFileType *gif, fo_raster *r, int transparent, char *why, size_t why_size)
{
    static const int first[] = {0, 4, 2, 1}, step[] = {8, 8, 4, 2};
    if (DGifGetImageDesc(gif) == GIF_ERROR)
        return false;
    const GifImageDesc *frame = &gif->Image;
    const ColorMapObject *map = frame->ColorMap ? frame->ColorMap : gif->SColorMap;
    if (!map) {
        snprintf(why, why_size, "damaged GIF: no colour table");
        return false;
    }
    if (!fits_limits(frame->Width, frame->Height, why, why_size))
        return false;
    GifPixelType *line = fo_xmalloc((size_t)frame->Width);
    int passes = frame->Interlace ? 4 : 1;
    bool ok = true;
    for (int p = 0; p < passes && ok; p++)
        for (int y = frame->Interlace ? first[p] : 0; y < frame->Height && ok; y += frame->Interlace ? step[p] : 1) {
            ok = DGifGetLine(gif, line, frame->Width) != GIF_ERROR;
            if (ok)
                put_gif_row(r, frame, map, transparent, line, y);
        }
    free(line);
    return ok;
}

/* Records up to the first image: a graphic control extension before it gives the transparent
 * colour; other extensions are skipped. */
static bool read_gif(GifFileType *gif, fo_raster *r, char *why, size_t why_size)
{
    int transparent = NO_TRANSPARENT_COLOR;
    for (;;) {
        GifRecordType type;
        if (DGifGetRecordType(gif, &type) == GIF_ERROR)
            return false;
        if (type == IMAGE_DESC_RECORD_TYPE)
            return decode_gif_frame(gif, r, transparent, why, why_size);
        if (type == TERMINATE_RECORD_TYPE) {
            snprintf(why, why_size, "damaged GIF: it holds no picture");
            return false;
        }
        if (type != EXTENSION_RECORD_TYPE)
            continue;
        int code;
        GifByteType *ext;
        if (DGifGetExtension(gif, &code, &ext) == GIF_ERROR)
            return false;
        if (code == GRAPHICS_EXT_FUNC_CODE && ext && ext[0] >= 4) {
            GraphicsControlBlock gcb;
            if (DGifExtensionToGCB(ext[0], ext + 1, &gcb) == GIF_OK)
                transparent = gcb.TransparentColor;
        }
        while (ext)
            if (DGifGetExtensionNext(gif, &ext) == GIF_ERROR)
                return false;
    }
}

static int decode_gif(const fo_image *img, fo_raster *out, char *why, size_t why_size)
{
    gif_reader src = {.data = img->data, .len = img->size};
    int error = 0;
    GifFileType *gif = DGifOpen(&src, gif_read_memory, &error);
    if (!gif) {
        snprintf(why, why_size, "damaged GIF: %s", GifErrorString(error));
        return -1;
    }
    int status = -1;
    if (!fits_limits(gif->SWidth, gif->SHeight, why, why_size))
        goto done;
    out->width = gif->SWidth;
    out->height = gif->SHeight;
    out->channels = 3;
    size_t n = (size_t)out->width * (size_t)out->height;
    out->pixels = fo_xmalloc(3 * n);
    memset(out->pixels, 255, 3 * n);
    out->alpha = fo_xmalloc(n);
    memset(out->alpha, 0, n); /* the screen outside the frame shows nothing */
    why[0] = '\0';
    if (!read_gif(gif, out, why, why_size)) {
        if (!why[0])
            snprintf(why, why_size, "damaged GIF: %s", GifErrorString(gif->Error));
        goto done;
    }
    drop_opaque_alpha(out);
    status = 0;
done:
    DGifCloseFile(gif, &error);
    return status;
}

/* ---- WebP (libwebp): the first frame ---- */

/* The first frame as RGBA on its canvas (an animation's first frame may cover part of it; the rest
 * is transparent, as libwebp's own animation decoder leaves it), split into RGB and a soft mask. */
static int decode_webp(const fo_image *img, fo_raster *out, char *why, size_t why_size)
{
    fo_webp_frame frame;
    if (fo_webp_first_frame(img->data, img->size, &frame, why, why_size) != 0 ||
        !fits_limits(frame.canvas_width, frame.canvas_height, why, why_size) ||
        !fits_limits(frame.width, frame.height, why, why_size))
        return -1;
    if (frame.x < 0 || frame.y < 0 || frame.width > frame.canvas_width - frame.x ||
        frame.height > frame.canvas_height - frame.y) {
        snprintf(why, why_size, "damaged WebP: its first frame lies outside its canvas");
        return -1;
    }
    size_t stride = (size_t)frame.width * 4, n = (size_t)frame.canvas_width * (size_t)frame.canvas_height;
    unsigned char *canvas = fo_xmalloc(n * 4), *rgba = fo_xmalloc(stride * (size_t)frame.height);
    memset(canvas, 0, n * 4);
    WebPDecoderConfig config;
    WebPInitDecoderConfig(&config);
    config.output.colorspace = MODE_RGBA;
    config.output.is_external_memory = 1;
    config.output.u.RGBA = (WebPRGBABuffer){rgba, (int)stride, stride * (size_t)frame.height};
    VP8StatusCode status = WebPDecode(frame.data, frame.size, &config);
    if (status == VP8_STATUS_OK && (config.output.width != frame.width || config.output.height != frame.height))
        status = VP8_STATUS_BITSTREAM_ERROR; /* the frame's bitstream disagrees with its header */
    if (status == VP8_STATUS_OK) {
        for (int y = 0; y < frame.height; y++)
            memcpy(canvas + ((size_t)(frame.y + y) * (size_t)frame.canvas_width + (size_t)frame.x) * 4,
                   rgba + (size_t)y * stride, stride);
        out->width = frame.canvas_width;
        out->height = frame.canvas_height;
        split_alpha(out, canvas, 4);
    } else {
        snprintf(why, why_size, "damaged WebP: %s", fo_webp_status_text(status));
    }
    WebPFreeDecBuffer(&config.output);
    free(rgba);
    free(canvas);
    return status == VP8_STATUS_OK ? 0 : -1;
}

/* ---- JPEG (libjpeg): the ones a PDF cannot take as they are ---- */

bool fo_raster_jpeg_embeddable(const unsigned char *data, size_t len)
{
    if (len < 4 || data[0] != 0xFF || data[1] != 0xD8)
        return false;
    for (size_t at = 2; at + 4 <= len;) {
        unsigned marker = data[at + 1];
        size_t size = (size_t)data[at + 2] << 8 | data[at + 3];
        if (data[at] != 0xFF || size < 2)
            return false;
        if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) /* baseline, extended, progressive */
            return at + 9 < len && data[at + 4] == 8 && (data[at + 9] == 1 || data[at + 9] == 3 || data[at + 9] == 4);
        if (marker >= 0xC3 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
            return false; /* lossless, hierarchical or arithmetic-coded: no DCTDecode reads them */
        at += 2 + size;
    }
    return false;
}

/* CMYK as Adobe writes it (inverted: 255 is no ink) to RGB. */
static void cmyk_to_rgb(unsigned char *row, JDIMENSION width)
{
    for (JDIMENSION x = 0; x < width; x++) {
        unsigned c = row[4 * x], m = row[4 * x + 1], y = row[4 * x + 2], k = row[4 * x + 3];
        row[3 * x] = (unsigned char)(c * k / 255);
        row[3 * x + 1] = (unsigned char)(m * k / 255);
        row[3 * x + 2] = (unsigned char)(y * k / 255);
    }
}

static int decode_jpeg(const fo_image *img, fo_raster *out, char *why, size_t why_size)
{
    struct jpeg_decompress_struct cinfo;
    fo_jpeg_failure f = {0};
    unsigned char *volatile wide = NULL;
    volatile int status = -1;
    cinfo.err = jpeg_std_error(&f.mgr);
    f.mgr.error_exit = fo_jpeg_on_error;
    f.mgr.emit_message = fo_jpeg_on_message;
    jpeg_create_decompress(&cinfo);
    if (setjmp(f.jump)) {
        snprintf(why, why_size, "damaged JPEG: %s", f.message);
        goto done;
    }
    cinfo.mem->max_memory_to_use = 512L << 20;
    jpeg_mem_src(&cinfo, img->data, (unsigned long)img->size);
    jpeg_read_header(&cinfo, TRUE);
    if (!fits_limits((long)cinfo.image_width, (long)cinfo.image_height, why, why_size))
        goto done;
    bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    cinfo.out_color_space = cmyk ? JCS_CMYK : cinfo.num_components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&cinfo);
    out->width = (int)cinfo.output_width;
    out->height = (int)cinfo.output_height;
    out->channels = cmyk ? 3 : cinfo.output_components;
    size_t row_bytes = (size_t)cinfo.output_width * (size_t)cinfo.output_components;
    out->pixels = fo_xmalloc((size_t)out->width * (size_t)out->channels * (size_t)out->height);
    if (cmyk) /* one row of CMYK at a time: it is wider than its RGB */
        wide = fo_xmalloc(row_bytes);
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = out->pixels + (size_t)cinfo.output_scanline * (size_t)out->width * (size_t)out->channels;
        JSAMPROW into = cmyk ? wide : row;
        jpeg_read_scanlines(&cinfo, &into, 1);
        if (cmyk) {
            cmyk_to_rgb(wide, cinfo.output_width);
            memcpy(row, wide, (size_t)out->width * 3);
        }
    }
    jpeg_finish_decompress(&cinfo);
    status = 0;
done:
    free(wide);
    jpeg_destroy_decompress(&cinfo);
    return status;
}

int fo_raster_decode(const fo_image *img, fo_raster *out, char *why, size_t why_size)
{
    memset(out, 0, sizeof *out);
    if (strcmp(img->media_type, "image/jpeg") == 0)
        return decode_jpeg(img, out, why, why_size);
    if (strcmp(img->media_type, "image/png") == 0)
        return decode_png(img, out, why, why_size);
    if (strcmp(img->media_type, "image/gif") == 0)
        return decode_gif(img, out, why, why_size);
    if (strcmp(img->media_type, "image/webp") == 0)
        return decode_webp(img, out, why, why_size);
    snprintf(why, why_size, "%s is not decoded to pixels", img->media_type);
    return -1;
}
