/* test_raster.c — PNG, GIF and WebP pictures decoded for the PDF (raster.c): every PNG colour type, bit
 * depth and interlacing that libharu's own loader gets wrong, transparency kept as a soft mask (and
 * dropped when every pixel is opaque), a GIF's first frame on its screen with its transparent
 * colour, interlaced GIF rows, JPEGs a PDF cannot carry as they are (arithmetic-coded) decoded,
 * grey pictures of 1 to 16 bits and the tRNS colour keys of grey and RGB ones, and damaged files,
 * files that are no pictures and bombs (headers declaring huge pictures) refused with a reason.
 * The pictures are made here with libpng and giflib's encoders. */
#include <gif_lib.h>
#include <png.h>
#include <stdio.h> /* before jpeglib.h */
#include <jpeglib.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "raster.h"
#include "util.h"
#include "webp_maker.h"

/* ---- making PNGs ---- */

static void png_write_buf(png_structp png, png_bytep data, size_t n) { fo_buf_append(png_get_io_ptr(png), data, n); }
static void png_flush_buf(png_structp png) { (void)png; }

/* A w × h PNG whose sample (x, y, channel c) is value(x, y, c); `depth` 8 or 16 (16: both bytes the
 * same), palette pictures index a four-colour palette with a tRNS when `trns`; grey and RGB ones
 * get a tRNS colour key when `trns`. */
static fo_buf make_png(int w, int h, int color_type, int depth, bool interlace, bool trns,
                       int (*value)(int x, int y, int c))
{
    fo_buf b = {0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    png_set_write_fn(png, &b, png_write_buf, png_flush_buf);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, depth, color_type,
                 interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_color palette[4] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {10, 20, 30}};
        png_set_PLTE(png, info, palette, 4);
        if (trns) {
            png_byte alpha[4] = {255, 128, 0, 255};
            png_set_tRNS(png, info, alpha, 4, NULL);
        }
    } else if (trns) { /* a colour key: the colour of pixel (0, 0) of gradient() is transparent */
        png_color_16 key = {.red = 0, .green = 50, .blue = 100, .gray = 0};
        png_set_tRNS(png, info, NULL, 0, &key);
    }
    png_write_info(png, info);
    int channels = png_get_channels(png, info), bytes = depth / 8;
    png_bytep row = calloc(png_get_rowbytes(png, info), 1);
    int passes = png_set_interlace_handling(png);
    for (int p = 0; p < passes; p++)
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++)
                for (int c = 0; c < channels; c++) {
                    if (depth < 8) /* one channel, packed from the high bits */
                        row[x * depth / 8] |= (png_byte)(value(x, y, c) << (8 - depth - x * depth % 8));
                    for (int k = 0; k < bytes; k++)
                        row[(x * channels + c) * bytes + k] = (png_byte)value(x, y, c);
                }
            png_write_row(png, row);
            if (depth < 8)
                memset(row, 0, png_get_rowbytes(png, info));
        }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    return b;
}

static int gradient(int x, int y, int c) { return (x * 7 + y * 3 + c * 50) % 256; }
static int half_transparent(int x, int y, int c) { return c == 3 || (c == 1 && y < 0) ? (x < 4 ? 0 : 255) : gradient(x, y, c); }
static int grey_alpha(int x, int y, int c) { return c == 1 ? 100 : gradient(x, y, 0); }
static int opaque(int x, int y, int c) { return c == 3 ? 255 : gradient(x, y, c); }
static int palette_index(int x, int y, int c) { (void)y, (void)c; return x % 4; }
static int one_bit(int x, int y, int c) { (void)c; return (x + y) % 2; }

/* The signature and header of a PNG declaring w × h grey pixels, then where its picture data would
 * start (an empty IDAT chunk): what a decoder sees before it decides to allocate the picture. */
static fo_buf png_header_only(int w, int h)
{
    fo_buf b = {0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    png_set_write_fn(png, &b, png_write_buf, png_flush_buf);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    png_destroy_write_struct(&png, &info);
    fo_buf_append(&b, "\0\0\0\0IDAT\x35\xAF\x06\x1E", 12);
    return b;
}

static fo_image image_of(const fo_buf *b, const char *type)
{
    return (fo_image){type, (const unsigned char *)b->data, b->len, 0, 0, "test"};
}

/* Decode; the reason of a failure shown in the FAIL line. */
static bool decoded(const fo_buf *b, const char *type, fo_raster *r, char *why)
{
    fo_image img = image_of(b, type);
    return fo_raster_decode(&img, r, why, 160) == 0;
}

static void test_png(void)
{
    fo_raster r;
    char why[160];
    struct { const char *name; int type, depth; bool interlace; } rgb[] = {
        {"RGB 8-bit", PNG_COLOR_TYPE_RGB, 8, false},
        {"RGB 8-bit interlaced (libharu fails on it)", PNG_COLOR_TYPE_RGB, 8, true},
        {"RGB 16-bit (PDF 1.3 has no 16-bit samples)", PNG_COLOR_TYPE_RGB, 16, false},
        {"RGB 16-bit interlaced (libharu frees twice)", PNG_COLOR_TYPE_RGB, 16, true},
    };
    for (size_t i = 0; i < sizeof rgb / sizeof rgb[0]; i++) {
        fo_buf b = make_png(9, 5, rgb[i].type, rgb[i].depth, rgb[i].interlace, false, gradient);
        bool ok = decoded(&b, "image/png", &r, why);
        OK(ok && r.width == 9 && r.height == 5 && r.channels == 3 && !r.alpha, rgb[i].name);
        bool same = ok;
        for (int y = 0; y < 5 && same; y++)
            for (int x = 0; x < 9 && same; x++)
                for (int c = 0; c < 3; c++)
                    same = same && r.pixels[(y * 9 + x) * 3 + c] == gradient(x, y, c);
        OK(same, "png: every sample as written, 8 bits");
        fo_raster_free(&r);
        fo_buf_free(&b);
    }

    fo_buf b = make_png(8, 4, PNG_COLOR_TYPE_RGBA, 8, true, false, half_transparent);
    OK(decoded(&b, "image/png", &r, why) && r.channels == 3 && r.alpha, "png: RGBA interlaced: colour and a soft mask");
    OK(r.alpha && r.alpha[0] == 0 && r.alpha[5] == 255 && r.pixels[5 * 3] == gradient(5, 0, 0),
       "png: the alpha apart, the colour without it");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = make_png(8, 4, PNG_COLOR_TYPE_RGBA, 16, false, false, opaque);
    OK(decoded(&b, "image/png", &r, why) && r.channels == 3 && !r.alpha,
       "near miss: an RGBA picture that is opaque everywhere gets no mask");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = make_png(6, 2, PNG_COLOR_TYPE_GRAY_ALPHA, 8, false, false, grey_alpha);
    OK(decoded(&b, "image/png", &r, why) && r.channels == 1 && r.alpha && r.alpha[3] == 100 &&
           r.pixels[3] == gradient(3, 0, 0),
       "png: grey with alpha: one channel and a mask");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = make_png(8, 2, PNG_COLOR_TYPE_PALETTE, 8, true, true, palette_index);
    OK(decoded(&b, "image/png", &r, why) && r.channels == 3 && r.alpha, "png: palette with tRNS, interlaced");
    OK(r.pixels && r.pixels[0] == 255 && r.pixels[3 + 1] == 255 && r.pixels[9] == 10 && r.alpha[1] == 128 &&
           r.alpha[2] == 0 && r.alpha[3] == 255,
       "png: palette entries expanded to RGB, their tRNS to the mask");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = make_png(8, 2, PNG_COLOR_TYPE_PALETTE, 2, false, false, palette_index);
    OK(decoded(&b, "image/png", &r, why) && r.channels == 3 && !r.alpha && r.pixels[2 * 3 + 2] == 255,
       "png: a 2-bit palette, no tRNS: RGB, no mask");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = make_png(16, 16, PNG_COLOR_TYPE_RGB, 8, false, false, gradient);
    b.len -= 30;
    OK(!decoded(&b, "image/png", &r, why) && strstr(why, "damaged PNG"), "png: a truncated file is refused");
    fo_raster_free(&r);
    fo_buf_free(&b);
}

/* Grey pictures of every depth, and the colour keys (tRNS) of grey and RGB ones. */
static void test_png_grey(void)
{
    fo_raster r;
    char why[160];
    fo_buf b = make_png(9, 5, PNG_COLOR_TYPE_GRAY, 8, false, false, gradient);
    OK(decoded(&b, "image/png", &r, why) && r.channels == 1 && !r.alpha && r.pixels[4 * 9 + 8] == gradient(8, 4, 0),
       "png: grey 8-bit: one channel, every sample as written");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = make_png(9, 5, PNG_COLOR_TYPE_GRAY, 16, true, false, gradient);
    OK(decoded(&b, "image/png", &r, why) && r.channels == 1 && !r.alpha && r.pixels[2 * 9 + 3] == gradient(3, 2, 0),
       "png: grey 16-bit interlaced: to 8 bits");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = make_png(10, 3, PNG_COLOR_TYPE_GRAY, 1, false, false, one_bit);
    OK(decoded(&b, "image/png", &r, why) && r.channels == 1 && r.width == 10 && r.pixels[0] == 0 &&
           r.pixels[1] == 255 && r.pixels[10] == 255 && r.pixels[28] == 0 && r.pixels[29] == 255,
       "png: grey 1-bit: black and white as 0 and 255");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = make_png(6, 4, PNG_COLOR_TYPE_GRAY, 16, false, true, gradient);
    OK(decoded(&b, "image/png", &r, why) && r.channels == 1 && r.alpha && r.alpha[0] == 0 && r.alpha[1] == 255 &&
           r.alpha[23] == 255,
       "png: grey with a tRNS colour key: only that grey is transparent");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = make_png(6, 4, PNG_COLOR_TYPE_RGB, 8, true, true, gradient);
    OK(decoded(&b, "image/png", &r, why) && r.channels == 3 && r.alpha && r.alpha[0] == 0 && r.alpha[1] == 255 &&
           r.pixels[1 * 3 + 1] == gradient(1, 0, 1),
       "png: RGB with a tRNS colour key, interlaced: only that colour is transparent");
    fo_raster_free(&r);
    fo_buf_free(&b);
}

/* Files that are not pictures, damaged ones and bombs: refused with a reason, never a crash. */
static void test_png_refused(void)
{
    fo_raster r;
    char why[160];
    fo_buf b = png_header_only(8000, 8000);
    OK(!decoded(&b, "image/png", &r, why) && strstr(why, "8000×8000 pixels"),
       "png: a header declaring 64 megapixels (a PNG bomb) is refused before its picture is allocated");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = png_header_only(30000, 10);
    OK(!decoded(&b, "image/png", &r, why) && strstr(why, "30000×10 pixels"),
       "png: so is one wider than 20000 pixels, named by its size");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = png_header_only(100, 100);
    OK(!decoded(&b, "image/png", &r, why) && strstr(why, "damaged PNG"),
       "near miss: a small picture passes the limits, but with no picture data it is refused");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = make_png(16, 16, PNG_COLOR_TYPE_RGB, 8, false, false, gradient);
    size_t idat = 8;
    while (idat + 4 < b.len && memcmp(b.data + idat, "IDAT", 4) != 0)
        idat++;
    b.data[idat + 8] ^= 0x01;
    OK(!decoded(&b, "image/png", &r, why) && strstr(why, "damaged PNG: IDAT"),
       "png: a flipped bit in the picture data is refused");
    fo_raster_free(&r);
    fo_buf_free(&b);

    fo_buf text = {.data = "<html>not a picture</html>", .len = 26};
    OK(!decoded(&text, "image/png", &r, why) && strstr(why, "damaged PNG"), "png: a page saved as .png is refused");
    fo_raster_free(&r);
    OK(!decoded(&text, "image/gif", &r, why) && strstr(why, "damaged GIF"), "gif: so is one saved as .gif");
    fo_raster_free(&r);
    OK(!decoded(&text, "image/webp", &r, why) && strstr(why, "damaged WebP"), "webp: so is one saved as .webp");
    fo_raster_free(&r);
    OK(!decoded(&text, "image/bmp", &r, why) && strstr(why, "image/bmp is not decoded"),
       "a kind of picture raster.c does not decode is refused by name");
    fo_raster_free(&r);
}

/* ---- making GIFs ---- */

static int gif_write_buf(GifFileType *gif, const GifByteType *data, int n)
{
    fo_buf_append(gif->UserData, data, (size_t)n);
    return n;
}

/* A GIF with a `sw` × `sh` screen and one frame of `w` × `h` at (left, top) whose pixel (x, y) is
 * colour (x + y) % 4, colour `transparent` transparent (-1: none), rows stored interlaced or not;
 * then a second frame of colour 1 everywhere. */
static fo_buf make_gif(int sw, int sh, int left, int top, int w, int h, int transparent, bool interlace)
{
    fo_buf b = {0};
    int error;
    GifFileType *gif = EGifOpen(&b, gif_write_buf, &error);
    GifColorType colors[4] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {9, 9, 9}};
    ColorMapObject *map = GifMakeMapObject(4, colors);
    EGifSetGifVersion(gif, true);
    EGifPutScreenDesc(gif, sw, sh, 2, 0, map);
    GraphicsControlBlock gcb = {.DisposalMode = DISPOSAL_UNSPECIFIED, .TransparentColor = transparent};
    GifByteType ext[4];
    size_t n = EGifGCBToExtension(&gcb, ext);
    EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, (int)n, ext);
    EGifPutImageDesc(gif, left, top, w, h, interlace, NULL);
    static const int first[] = {0, 4, 2, 1}, step[] = {8, 8, 4, 2};
    GifPixelType *line = malloc((size_t)w);
    for (int p = 0; p < (interlace ? 4 : 1); p++)
        for (int y = interlace ? first[p] : 0; y < h; y += interlace ? step[p] : 1) {
            for (int x = 0; x < w; x++)
                line[x] = (GifPixelType)((x + y) % 4);
            EGifPutLine(gif, line, w);
        }
    EGifPutImageDesc(gif, 0, 0, sw, sh, false, NULL);
    for (int y = 0; y < sh; y++) {
        GifPixelType *row = calloc((size_t)sw, 1);
        memset(row, 1, (size_t)sw);
        EGifPutLine(gif, row, sw);
        free(row);
    }
    free(line);
    EGifCloseFile(gif, &error);
    GifFreeMapObject(map);
    return b;
}

static const unsigned char *rgb_at(const fo_raster *r, int x, int y) { return r->pixels + (y * r->width + x) * 3; }

static void test_gif(void)
{
    fo_raster r;
    char why[160];
    fo_buf b = make_gif(6, 10, 0, 0, 6, 10, -1, false);
    OK(decoded(&b, "image/gif", &r, why) && r.width == 6 && r.height == 10 && r.channels == 3 && !r.alpha,
       "gif: the first frame, opaque, covering the screen: RGB without a mask");
    OK(r.pixels && rgb_at(&r, 0, 0)[0] == 255 && rgb_at(&r, 1, 0)[1] == 255 && rgb_at(&r, 3, 0)[0] == 9 &&
           rgb_at(&r, 1, 1)[2] == 255,
       "gif: colours from the table (the second frame left out)");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = make_gif(6, 10, 0, 0, 6, 10, -1, true);
    OK(decoded(&b, "image/gif", &r, why) && rgb_at(&r, 0, 1)[1] == 255 && rgb_at(&r, 0, 4)[0] == 255 &&
           rgb_at(&r, 0, 9)[1] == 255,
       "gif: interlaced rows put back in order");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = make_gif(8, 8, 2, 3, 4, 2, 2, false);
    OK(decoded(&b, "image/gif", &r, why) && r.alpha, "gif: a frame smaller than its screen, with a transparent colour");
    OK(r.alpha && r.alpha[0] == 0 && r.alpha[3 * 8 + 2] == 255 && rgb_at(&r, 2, 3)[0] == 255 &&
           r.alpha[3 * 8 + 4] == 0 && r.alpha[4 * 8 + 3] == 0 && r.alpha[4 * 8 + 2] == 255,
       "gif: the screen outside the frame and the transparent colour (2) have no opacity");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = make_gif(4, 4, 2, 2, 4, 4, -1, false);
    OK(decoded(&b, "image/gif", &r, why) && r.width == 4 && r.alpha && r.alpha[2 * 4 + 2] == 255 && r.alpha[0] == 0,
       "gif: a frame reaching past its screen is cut to it");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = make_gif(40, 40, 0, 0, 40, 40, -1, false);
    size_t whole = b.len;
    b.len = 40;
    OK(!decoded(&b, "image/gif", &r, why) && strstr(why, "GIF"), "gif: a file cut inside its picture is refused");
    fo_raster_free(&r);
    b.len = whole;
    b.data[40] ^= 0x5A;
    b.data[41] ^= 0x5A;
    fo_raster_decode(&(fo_image){"image/gif", (const unsigned char *)b.data, b.len, 0, 0, "t"}, &r, why, sizeof why);
    OK(true, "gif: damaged picture data decodes or fails, without a crash");
    fo_raster_free(&r);
    fo_buf_free(&b);

}

/* ---- WebP ---- */

static fo_buf buf_of(tw_bytes t) { return (fo_buf){.data = (char *)t.data, .len = t.len, .cap = t.len}; }

static bool near(int a, int b) { return a - b <= 12 && b - a <= 12; }

static void test_webp(void)
{
    fo_raster r;
    char why[160];
    fo_buf b = buf_of(tw_webp_lossy(40, 30));
    OK(decoded(&b, "image/webp", &r, why) && r.width == 40 && r.height == 30 && r.channels == 3 && !r.alpha,
       "webp: a lossy photo: 8-bit RGB without a mask");
    OK(r.pixels && near(rgb_at(&r, 20, 10)[0], tw_gradient(20, 10, 0)) && near(rgb_at(&r, 20, 10)[2], tw_gradient(20, 10, 2)),
       "webp: ...its colours close to the encoded ones");
    fo_raster_free(&r);
    b.len /= 2;
    OK(!decoded(&b, "image/webp", &r, why) && strstr(why, "damaged WebP") && strstr(why, "truncated"),
       "webp: cut in half: refused as truncated");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = buf_of(tw_webp_lossless_alpha(33, 17));
    OK(decoded(&b, "image/webp", &r, why) && r.width == 33 && r.channels == 3 && r.alpha,
       "webp: lossless with transparency: RGB and a soft mask");
    OK(r.alpha && r.alpha[0] == 0 && r.alpha[16] == 255 && r.alpha[16 * 33 + 32] == 255 &&
           memcmp(rgb_at(&r, 30, 9), (unsigned char[]){tw_gradient(30, 9, 0), tw_gradient(30, 9, 1), tw_gradient(30, 9, 2)}, 3) == 0,
       "webp: ...the left half transparent, the pixels exact");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = buf_of(tw_webp_animated(64, 48, 10, 6, 20, 12));
    OK(decoded(&b, "image/webp", &r, why) && r.width == 64 && r.height == 48 && r.alpha,
       "webp: an animation: its first frame on the whole canvas");
    OK(r.alpha && r.alpha[0] == 0 && r.alpha[6 * 64 + 10] == 0 && r.alpha[6 * 64 + 20] == 255 &&
           r.alpha[17 * 64 + 29] == 255 && r.alpha[18 * 64 + 29] == 0 && r.alpha[6 * 64 + 30] == 0 &&
           rgb_at(&r, 25, 8)[0] == tw_gradient(15, 2, 0),
       "webp: ...the frame at (10, 6), the canvas around it transparent (the second frame left out)");
    fo_raster_free(&r);
    fo_buf_free(&b);

    b = buf_of(tw_webp_lossless_header(8000, 8000));
    OK(!decoded(&b, "image/webp", &r, why) && strstr(why, "8000×8000 pixels"),
       "webp bomb: a header declaring 64 megapixels is refused before its picture is allocated");
    fo_raster_free(&r);
    fo_buf_free(&b);
}

/* The EPUB's re-encoding: the converted file is checked and decoded again like any other. */
static void test_webp_encode(void)
{
    static const struct { int kind; const char *type; bool alpha; const char *what; } cases[] = {
        {0, "image/jpeg", false, "webp → EPUB: a lossy, opaque photo becomes a JPEG"},
        {1, "image/png", true, "webp → EPUB: a lossless one with transparency becomes a PNG, its alpha kept"},
        {2, "image/png", true, "webp → EPUB: an animation's first frame becomes a PNG on its canvas"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tw_bytes t = cases[i].kind == 0 ? tw_webp_lossy(40, 30)
                     : cases[i].kind == 1 ? tw_webp_lossless_alpha(33, 17) : tw_webp_animated(64, 48, 10, 6, 20, 12);
        fo_image img = {"image/webp", t.data, t.len, 0, 0, "t"};
        size_t len = 0;
        const char *type = NULL;
        char why[160] = "";
        fo_buf out = {0};
        out.data = (char *)fo_raster_encode_core(&img, &len, &type, why, sizeof why);
        out.len = len;
        fo_raster r = {0}, again = {0};
        bool ok = out.data && type && strcmp(type, cases[i].type) == 0 && decoded(&out, type, &r, why) &&
                  fo_raster_decode(&img, &again, why, sizeof why) == 0 && r.width == again.width &&
                  r.height == again.height && (r.alpha != NULL) == cases[i].alpha;
        if (ok && cases[i].alpha) /* a PNG keeps every pixel and its opacity */
            ok = memcmp(r.alpha, again.alpha, (size_t)r.width * (size_t)r.height) == 0 &&
                 memcmp(r.pixels, again.pixels, (size_t)r.width * (size_t)r.height * 3) == 0;
        OK(ok, cases[i].what);
        fo_raster_free(&r);
        fo_raster_free(&again);
        free(out.data);
        free(t.data);
    }
    fo_buf text = {.data = "RIFF\x10\0\0\0WEBPVP8 ", .len = 16};
    fo_image bad = image_of(&text, "image/webp");
    size_t len;
    const char *type;
    char why[160] = "";
    OK(!fo_raster_encode_core(&bad, &len, &type, why, sizeof why) && strstr(why, "damaged WebP"),
       "webp → EPUB: a damaged one is refused with a reason");
}

/* ---- JPEGs ---- */

/* A 16 × 8 JPEG of `comps` components, arithmetic-coded or progressive when asked. */
static fo_buf make_jpeg(int comps, J_COLOR_SPACE space, bool arith, bool progressive)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    unsigned char *data = NULL;
    unsigned long len = 0;
    jpeg_mem_dest(&c, &data, &len);
    c.image_width = 16;
    c.image_height = 8;
    c.input_components = comps;
    c.in_color_space = space;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, 100, TRUE);
    c.arith_code = arith;
    if (progressive)
        jpeg_simple_progression(&c);
    jpeg_start_compress(&c, TRUE);
    unsigned char row[16 * 4];
    for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 16 * comps; x++)
            row[x] = comps == 4 && x % 4 == 3 ? 255 : 200; /* CMYK: no black */
        JSAMPROW r = row;
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    fo_buf b = {0};
    fo_buf_append(&b, data, len);
    free(data);
    return b;
}

static void test_jpeg(void)
{
    fo_raster r;
    char why[160];
    fo_buf base = make_jpeg(3, JCS_RGB, false, false), prog = make_jpeg(3, JCS_RGB, false, true);
    fo_buf arith = make_jpeg(3, JCS_RGB, true, false), grey = make_jpeg(1, JCS_GRAYSCALE, true, false);
    fo_buf cmyk = make_jpeg(4, JCS_CMYK, true, false);
    const unsigned char *u = (const unsigned char *)base.data;
    OK(fo_raster_jpeg_embeddable(u, base.len), "jpeg: a baseline JPEG goes into the PDF as it is");
    OK(fo_raster_jpeg_embeddable((const unsigned char *)prog.data, prog.len), "jpeg: a progressive one too");
    OK(!fo_raster_jpeg_embeddable((const unsigned char *)arith.data, arith.len),
       "jpeg: an arithmetic-coded one does not (DCTDecode has no arithmetic decoder)");
    size_t whole = 0;
    for (size_t n = 0; n <= base.len; n++) /* every cut of the header is read within its bytes */
        whole += fo_raster_jpeg_embeddable(u, n);
    OK(!fo_raster_jpeg_embeddable(u, 20) && whole > 0 && whole < base.len, "jpeg: a header cut before its frame is not");
    OK(!fo_raster_jpeg_embeddable((const unsigned char *)"\xFF\xD8\xFF\xE0 not really", 15), "jpeg: nor garbage");
    OK(decoded(&arith, "image/jpeg", &r, why) && r.width == 16 && r.height == 8 && r.channels == 3 && !r.alpha &&
           abs(r.pixels[0] - 200) <= 2,
       "jpeg: an arithmetic-coded JPEG decoded to RGB");
    fo_raster_free(&r);
    OK(decoded(&grey, "image/jpeg", &r, why) && r.channels == 1 && abs(r.pixels[5] - 200) <= 2,
       "jpeg: a grey one to one channel");
    fo_raster_free(&r);
    OK(decoded(&cmyk, "image/jpeg", &r, why) && r.channels == 3 && abs(r.pixels[0] - 200) <= 3,
       "jpeg: CMYK (Adobe's inverted samples) to RGB");
    fo_raster_free(&r);
    base.len -= 8; /* into the picture's data */
    OK(decoded(&base, "image/jpeg", &r, why) && r.width == 16 && r.height == 8,
       "jpeg: a cut file still gives its whole picture (the reader's check refused damaged files before)");
    fo_raster_free(&r);
    OK(!decoded(&(fo_buf){.data = "\xFF\xD8\xFF\xE0 not really", .len = 15}, "image/jpeg", &r, why) &&
           strstr(why, "damaged JPEG"),
       "jpeg: garbage is refused with a reason");
    fo_raster_free(&r);
    fo_buf_free(&base);
    fo_buf_free(&prog);
    fo_buf_free(&arith);
    fo_buf_free(&grey);
    fo_buf_free(&cmyk);
}

int main(void)
{
    test_png();
    test_png_grey();
    test_png_refused();
    test_gif();
    test_webp();
    test_webp_encode();
    test_jpeg();
    return harness_done();
}
