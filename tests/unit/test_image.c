/* test_image.c — image checks (whole JPEG/PNG/GIF/WebP within the limits; truncated, damaged, bombs
 * and other formats refused) and where an image reference may be read from (never outside the page's
 * folder or a resource path). */
#include "harness.h"
#include "image.h"
#include "webp_maker.h"

#include <jpeglib.h>
#include <png.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- images made here, in memory ---- */

typedef struct membuf {
    unsigned char *data;
    size_t len;
} membuf;

static void png_append(png_structp png, png_bytep data, size_t n)
{
    membuf *m = png_get_io_ptr(png);
    m->data = realloc(m->data, m->len + n);
    memcpy(m->data + m->len, data, n);
    m->len += n;
}

static void png_no_flush(png_structp png) { (void)png; }

static membuf make_png(int w, int h, bool interlaced)
{
    membuf m = {0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    png_set_write_fn(png, &m, png_append, png_no_flush);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                 interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    int passes = png_set_interlace_handling(png);
    unsigned char *row = calloc((size_t)w * 3, 1);
    for (int p = 0; p < passes; p++)
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++)
                row[3 * x] = (unsigned char)(x * 7 + y * 3);
            png_write_row(png, row);
        }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    return m;
}

static membuf make_jpeg(int w, int h)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    unsigned char *out = NULL;
    unsigned long size = 0;
    jpeg_mem_dest(&c, &out, &size);
    c.image_width = (JDIMENSION)w;
    c.image_height = (JDIMENSION)h;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_start_compress(&c, TRUE);
    unsigned char *row = calloc((size_t)w * 3, 1);
    while (c.next_scanline < c.image_height) {
        for (int x = 0; x < w; x++)
            row[3 * x] = (unsigned char)(x * 5 + (int)c.next_scanline);
        JSAMPROW r = row;
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    free(row);
    return (membuf){out, size};
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
    }
    return c ^ 0xFFFFFFFFu;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16), p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* A real PNG whose header is rewritten to claim w × h, with the header's CRC put right: a "PNG bomb"
 * declares a picture that would need gigabytes. */
static membuf make_png_claiming(int w, int h)
{
    membuf m = make_png(4, 4, false);
    put32(m.data + 16, (uint32_t)w);
    put32(m.data + 20, (uint32_t)h);
    put32(m.data + 29, crc32_of(m.data + 12, 17));
    return m;
}

static const unsigned char tiny_gif[] = {
    'G', 'I', 'F', '8', '9', 'a', 2, 0, 2, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF,
    0x2C, 0, 0, 0, 0, 2, 0, 2, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3B,
};

/* ---- checks ---- */

static fo_image_check_result check(const void *data, size_t len, fo_image_info *info, char *why)
{
    return fo_image_check(data, len, info, why, 256);
}

static void test_good_images(void)
{
    fo_image_info info;
    char why[256];
    membuf png = make_png(40, 30, false), ipng = make_png(17, 9, true), jpg = make_jpeg(64, 48);
    INT_EQ(check(png.data, png.len, &info, why), FO_IMAGE_OK, "png: a whole PNG is fine");
    STR_EQ(info.media_type, "image/png", "png: media type");
    OK(info.width == 40 && info.height == 30, "png: size from its header");
    INT_EQ(check(ipng.data, ipng.len, &info, why), FO_IMAGE_OK, "png: an interlaced PNG is decoded pass by pass");
    INT_EQ(check(jpg.data, jpg.len, &info, why), FO_IMAGE_OK, "jpeg: a whole JPEG is fine");
    OK(info.width == 64 && info.height == 48 && strcmp(info.media_type, "image/jpeg") == 0, "jpeg: type and size");
    INT_EQ(check(tiny_gif, sizeof tiny_gif, &info, why), FO_IMAGE_OK, "gif: a whole GIF is fine");
    OK(info.width == 2 && info.height == 2 && strcmp(info.media_type, "image/gif") == 0, "gif: type and size");
    free(png.data), free(ipng.data), free(jpg.data);
}

static void test_bad_images(void)
{
    fo_image_info info;
    char why[256];
    membuf png = make_png(40, 30, false), jpg = make_jpeg(64, 48);
    INT_EQ(check(png.data, png.len * 2 / 3, &info, why), FO_IMAGE_BAD, "png: truncated is refused");
    OK(strstr(why, "damaged PNG") != NULL, "png: ...saying it is damaged");
    png.data[png.len - 20] ^= 0x55; /* a flipped byte in the data: its CRC no longer matches */
    INT_EQ(check(png.data, png.len, &info, why), FO_IMAGE_BAD, "png: a damaged chunk is refused");
    INT_EQ(check(jpg.data, jpg.len * 2 / 3, &info, why), FO_IMAGE_BAD, "jpeg: truncated is refused");
    OK(strstr(why, "damaged JPEG") != NULL, "jpeg: ...saying it is damaged");
    INT_EQ(check(jpg.data, 300, &info, why), FO_IMAGE_BAD, "jpeg: cut inside its tables is refused");
    INT_EQ(check(tiny_gif, sizeof tiny_gif - 4, &info, why), FO_IMAGE_BAD, "gif: truncated is refused");
    static const unsigned char no_frame[] = {'G', 'I', 'F', '8', '9', 'a', 2, 0, 2, 0, 0, 0, 0, 0x3B};
    INT_EQ(check(no_frame, sizeof no_frame, &info, why), FO_IMAGE_BAD, "gif: one holding no picture is refused");
    INT_EQ(check("", 0, &info, why), FO_IMAGE_BAD, "an empty file is no image");
    INT_EQ(check("<html>not an image</html>", 25, &info, why), FO_IMAGE_BAD, "a web page saved as .jpg is no image");
    OK(strstr(why, "not a JPEG, PNG, GIF or WebP") != NULL, "...and says so");
    free(png.data), free(jpg.data);
}

static void test_limits(void)
{
    fo_image_info info;
    char why[256];
    membuf bomb = make_png_claiming(100000, 100000);
    INT_EQ(check(bomb.data, bomb.len, &info, why), FO_IMAGE_BAD, "png bomb: 100000×100000 refused from its header");
    OK(strstr(why, "pixel") != NULL, "png bomb: ...naming the size");
    free(bomb.data);
    bomb = make_png_claiming(19000, 19000); /* each side allowed, the area not */
    INT_EQ(check(bomb.data, bomb.len, &info, why), FO_IMAGE_BAD, "png: 19000×19000 is over the megapixel limit");
    OK(strstr(why, "megapixels") != NULL, "png: ...saying which limit");
    free(bomb.data);
    membuf jpg = make_jpeg(16, 16);
    for (size_t i = 0; i + 9 < jpg.len; i++)
        if (jpg.data[i] == 0xFF && jpg.data[i + 1] == 0xC0) { /* SOF0: height and width */
            jpg.data[i + 5] = 0xFF, jpg.data[i + 6] = 0xF0, jpg.data[i + 7] = 0xFF, jpg.data[i + 8] = 0xF0;
            break;
        }
    INT_EQ(check(jpg.data, jpg.len, &info, why), FO_IMAGE_BAD, "jpeg: a header claiming 65520×65520 is refused");
    free(jpg.data);
    static const unsigned char huge_gif[] = {'G', 'I', 'F', '8', '9', 'a', 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0x3B};
    INT_EQ(check(huge_gif, sizeof huge_gif, &info, why), FO_IMAGE_BAD, "gif: 65535×65535 is refused");
}

static void test_other_formats(void)
{
    fo_image_info info;
    char why[256];
    INT_EQ(check("<svg xmlns='x'/>", 16, &info, why), FO_IMAGE_UNSUPPORTED, "svg: known, not embedded");
    INT_EQ(check("BM\x36\0\0\0", 6, &info, why), FO_IMAGE_UNSUPPORTED, "bmp: known, not embedded");
}

/* WebP: lossy and lossless with alpha pass with their sizes; an animation by its canvas; truncated,
 * damaged and bombs refused, saying why. */
static void test_webp(void)
{
    fo_image_info info;
    char why[256];
    tw_bytes lossy = tw_webp_lossy(40, 30), alpha = tw_webp_lossless_alpha(33, 17);
    tw_bytes anim = tw_webp_animated(64, 48, 10, 6, 20, 12);
    INT_EQ(check(lossy.data, lossy.len, &info, why), FO_IMAGE_OK, "webp: a lossy photo passes");
    OK(strcmp(info.media_type, "image/webp") == 0 && info.width == 40 && info.height == 30, "webp: ...image/webp, 40×30");
    INT_EQ(check(alpha.data, alpha.len, &info, why), FO_IMAGE_OK, "webp: lossless with alpha passes");
    OK(info.width == 33 && info.height == 17, "webp: ...33×17 (odd sizes)");
    INT_EQ(check(anim.data, anim.len, &info, why), FO_IMAGE_OK, "webp: an animation passes");
    OK(info.width == 64 && info.height == 48, "webp: ...with its canvas's size");

    INT_EQ(check(lossy.data, lossy.len / 2, &info, why), FO_IMAGE_BAD, "webp: a lossy one cut in half is refused");
    OK(strstr(why, "damaged WebP") && strstr(why, "truncated"), "webp: ...as truncated");
    INT_EQ(check(alpha.data, alpha.len - 3, &info, why), FO_IMAGE_BAD, "webp: a lossless one missing 3 bytes is refused");
    INT_EQ(check(anim.data, anim.len - 10, &info, why), FO_IMAGE_BAD, "webp: an animation cut short is refused");
    INT_EQ(check(lossy.data, 12, &info, why), FO_IMAGE_BAD, "webp: the RIFF header alone is refused");
    lossy.data[lossy.len - 20] ^= 0xFF, lossy.data[lossy.len - 40] ^= 0xFF, lossy.data[40] ^= 0x55;
    fo_image_check_result r = check(lossy.data, lossy.len, &info, why);
    OK(r == FO_IMAGE_OK || strstr(why, "damaged WebP"), "webp: damaged picture data never crashes, at worst refused");
    memcpy(alpha.data + 12, "VP8Q", 4);
    INT_EQ(check(alpha.data, alpha.len, &info, why), FO_IMAGE_BAD, "webp: an unknown picture chunk is refused");
    free(lossy.data), free(alpha.data), free(anim.data);

    tw_bytes bomb = tw_webp_lossless_header(16384, 16384);
    INT_EQ(check(bomb.data, bomb.len, &info, why), FO_IMAGE_BAD, "webp bomb: 16384×16384 refused from its header");
    OK(strstr(why, "16384×16384 pixels") != NULL, "webp bomb: ...naming the size, not as damaged");
    free(bomb.data);
    bomb = tw_webp_animated(64, 48, 0, 0, 8, 8);
    bomb.data[24] = bomb.data[25] = bomb.data[26] = 0xFF; /* VP8X canvas width: 16777216 */
    INT_EQ(check(bomb.data, bomb.len, &info, why), FO_IMAGE_BAD, "webp bomb: an animation's canvas of 16M pixels wide");
    OK(strstr(why, "pixels") != NULL, "webp bomb: ...refused by its size");
    free(bomb.data);
    bomb = tw_webp_lossless_header(100, 100);
    INT_EQ(check(bomb.data, bomb.len, &info, why), FO_IMAGE_BAD,
           "near miss: a small header passes the limits, but its missing picture data is refused");
    OK(strstr(why, "damaged WebP") != NULL, "near miss: ...as damaged");
    free(bomb.data);
    INT_EQ(check("RIFF\x10\0\0\0WEBPVP8 ", 16, &info, why), FO_IMAGE_BAD, "webp: a bare chunk header is refused");
    INT_EQ(check("RIFX\x10\0\0\0WEBPVP8 ", 16, &info, why), FO_IMAGE_BAD, "near miss: RIFX is no WebP");
    OK(strstr(why, "not a JPEG, PNG, GIF or WebP") != NULL, "near miss: ...and not taken for one");
}

/* ---- references ---- */

static void test_remote(void)
{
    OK(fo_image_is_remote("http://example.com/a.jpg"), "remote: http");
    OK(fo_image_is_remote("HTTPS://example.com/a.jpg"), "remote: https in capitals");
    OK(fo_image_is_remote("//cdn.example.com/a.jpg"), "remote: scheme-relative //host");
    OK(fo_image_is_remote("data:image/png;base64,AAAA"), "remote: a data: URI is no file");
    OK(!fo_image_is_remote("page_files/a.jpg"), "local: a relative path");
    OK(!fo_image_is_remote("/img/a.jpg"), "local: a site-root path");
    OK(!fo_image_is_remote("file:///tmp/a.jpg"), "local: file:");
    OK(!fo_image_is_remote("c:/photos/a.jpg"), "local: a drive letter is no scheme");
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, n, f);
        fclose(f);
    }
}

static fo_image_where locate(const char *ref, const char *page, const char *const *roots, size_t n, char **path)
{
    free(*path);
    *path = NULL;
    return fo_image_locate(ref, page, roots, n, path);
}

static bool ends_with(const char *s, const char *tail)
{
    size_t a = s ? strlen(s) : 0, b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

static void test_locate(void)
{
    char base[] = "/tmp/folio-image-test.XXXXXX";
    if (!mkdtemp(base)) {
        OK(0, "locate: temporary directory");
        return;
    }
    char page[256], files[256], res[256], buf[512];
    snprintf(page, sizeof page, "%s/page", base);
    snprintf(files, sizeof files, "%s/page/page_files", base);
    snprintf(res, sizeof res, "%s/res", base);
    mkdir(page, 0755), mkdir(files, 0755), mkdir(res, 0755);
    snprintf(buf, sizeof buf, "%s/a b.png", files), write_file(buf, "x", 1);
    snprintf(buf, sizeof buf, "%s/root.png", page), write_file(buf, "x", 1);
    snprintf(buf, sizeof buf, "%s/secret.png", base), write_file(buf, "x", 1);
    snprintf(buf, sizeof buf, "%s/only-here.png", res), write_file(buf, "x", 1);
    char target[512], link[512];
    snprintf(target, sizeof target, "%s/secret.png", base);
    snprintf(link, sizeof link, "%s/link.png", files);
    OK(symlink(target, link) == 0, "locate: a symbolic link made");
    const char *roots[] = {res};
    char *path = NULL;
    INT_EQ(locate("page_files/a%20b.png", page, NULL, 0, &path), FO_IMAGE_LOCAL, "locate: a file beside the page, %20 decoded");
    OK(ends_with(path, "/page/page_files/a b.png"), "locate: ...its resolved path");
    INT_EQ(locate("page_files/a%20b.png?w=640#top", page, NULL, 0, &path), FO_IMAGE_LOCAL, "locate: query and fragment dropped");
    INT_EQ(locate("./page_files/../page_files/a%20b.png", page, NULL, 0, &path), FO_IMAGE_LOCAL, "locate: . and .. inside the folder");
    INT_EQ(locate("/root.png", page, NULL, 0, &path), FO_IMAGE_LOCAL, "locate: a leading / counts from the page's folder");
    INT_EQ(locate("../secret.png", page, NULL, 0, &path), FO_IMAGE_OUTSIDE, "locate: ../ out of the folder is refused though the file exists");
    OK(path == NULL, "locate: ...and no path is given");
    INT_EQ(locate("page_files/../../secret.png", page, NULL, 0, &path), FO_IMAGE_OUTSIDE, "locate: .. climbing out midway is refused");
    INT_EQ(locate("../../../../../../etc/passwd", page, NULL, 0, &path), FO_IMAGE_OUTSIDE, "locate: ../../etc/passwd is refused");
    INT_EQ(locate("page_files/link.png", page, NULL, 0, &path), FO_IMAGE_OUTSIDE, "locate: a link pointing out of the folder is refused");
    INT_EQ(locate("/etc/passwd", page, NULL, 0, &path), FO_IMAGE_MISSING, "locate: /etc/passwd is looked up inside the folder, not at the root");
    INT_EQ(locate("missing.png", page, NULL, 0, &path), FO_IMAGE_MISSING, "locate: no such file");
    INT_EQ(locate("only-here.png", page, roots, 1, &path), FO_IMAGE_LOCAL, "locate: found in a --resource-path");
    OK(ends_with(path, "/res/only-here.png"), "locate: ...there");
    INT_EQ(locate("only-here.png", NULL, NULL, 0, &path), FO_IMAGE_MISSING, "locate: no page folder and no resource path: nothing is read");
    INT_EQ(locate("https://example.com/a.png", page, roots, 1, &path), FO_IMAGE_REMOTE, "locate: a URL is never fetched");
    free(path);
    unlink(link);
    snprintf(buf, sizeof buf, "%s/a b.png", files), unlink(buf);
    snprintf(buf, sizeof buf, "%s/root.png", page), unlink(buf);
    snprintf(buf, sizeof buf, "%s/only-here.png", res), unlink(buf);
    unlink(target);
    rmdir(files), rmdir(page), rmdir(res), rmdir(base);
}

static void test_read_limit(void)
{
    char path[] = "/tmp/folio-image-big.XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || ftruncate(fd, (off_t)FO_IMAGE_MAX_BYTES + 1) != 0) {
        OK(0, "read: a sparse file over the limit");
        return;
    }
    close(fd);
    size_t len;
    char why[256];
    unsigned char *data = fo_image_read_file(path, &len, why, sizeof why);
    OK(data == NULL && strstr(why, "MB") != NULL, "read: a file over FO_IMAGE_MAX_BYTES is refused unread");
    free(data);
    unlink(path);
    data = fo_image_read_file("/nonexistent/x.png", &len, why, sizeof why);
    OK(data == NULL && strstr(why, "cannot read") != NULL, "read: a missing file says why");
}

int main(void)
{
    test_good_images();
    test_bad_images();
    test_limits();
    test_webp();
    test_other_formats();
    test_remote();
    test_locate();
    test_read_limit();
    return harness_done();
}
