/* image.c — image references and image checks (see image.h). */
#include "image.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h> /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <webp/decode.h>

#include "codec_memory.h"
#include "util.h"

/* ---- limits ---- */

static fo_image_check_result over_limits(fo_image_info *info, char *why, size_t why_size)
{
    long w = info->width, h = info->height;
    if (w < 1 || h < 1) {
        snprintf(why, why_size, "it declares an empty picture (%ld×%ld pixels)", w, h);
        return FO_IMAGE_BAD;
    }
    if (w > FO_IMAGE_MAX_SIDE || h > FO_IMAGE_MAX_SIDE || w * h > FO_IMAGE_MAX_PIXELS) {
        snprintf(why, why_size, "it is %ld×%ld pixels; folio takes images of at most %d pixels a side and "
                 "%ld megapixels", w, h, FO_IMAGE_MAX_SIDE, FO_IMAGE_MAX_PIXELS / 1000000);
        return FO_IMAGE_BAD;
    }
    return FO_IMAGE_OK;
}

/* ---- PNG (libpng) ---- */

/* Decode every row (every pass of an interlaced picture) into one row buffer, then the end chunks:
 * a truncated or corrupt stream fails on the way. */
static fo_image_check_result check_png(const unsigned char *data, size_t len, fo_image_info *info, char *why,
                                       size_t why_size)
{
    /* the size first, from the IHDR chunk: a PNG bomb is refused as too large, not as damaged */
    if (len >= 24 && memcmp(data + 12, "IHDR", 4) == 0) {
        uint32_t w = (uint32_t)data[16] << 24 | (uint32_t)data[17] << 16 | (uint32_t)data[18] << 8 | data[19];
        uint32_t h = (uint32_t)data[20] << 24 | (uint32_t)data[21] << 16 | (uint32_t)data[22] << 8 | data[23];
        *info = (fo_image_info){"image/png", w > INT32_MAX ? INT32_MAX : (int)w, h > INT32_MAX ? INT32_MAX : (int)h};
        if (over_limits(info, why, why_size) != FO_IMAGE_OK)
            return FO_IMAGE_BAD;
    }
    fo_png_source src = {.data = data, .len = len};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &src, fo_png_on_error, fo_png_on_warning);
    png_infop pinfo = png ? png_create_info_struct(png) : NULL;
    png_bytep volatile row = NULL;
    volatile fo_image_check_result result = FO_IMAGE_BAD;
    if (!pinfo) {
        snprintf(why, why_size, "out of memory");
        goto done;
    }
    if (setjmp(src.jump)) {
        snprintf(why, why_size, "damaged PNG: %s", src.message);
        goto done;
    }
    png_set_read_fn(png, &src, fo_png_read_memory);
    /* refuse a huge picture from its header, and bound what any ancillary chunk may allocate */
    png_set_user_limits(png, FO_IMAGE_MAX_SIDE, FO_IMAGE_MAX_SIDE);
    png_set_chunk_malloc_max(png, 8u << 20);
    png_read_info(png, pinfo);
    info->media_type = "image/png";
    info->width = (int)png_get_image_width(png, pinfo);
    info->height = (int)png_get_image_height(png, pinfo);
    if (over_limits(info, why, why_size) != FO_IMAGE_OK)
        goto done;
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, pinfo);
    row = malloc(png_get_rowbytes(png, pinfo));
    if (!row) {
        snprintf(why, why_size, "out of memory");
        goto done;
    }
    for (int p = 0; p < passes; p++)
        for (int y = 0; y < info->height; y++)
            png_read_row(png, row, NULL);
    png_read_end(png, NULL);
    result = FO_IMAGE_OK;
done:
    free(row);
    png_destroy_read_struct(png ? &png : NULL, pinfo ? &pinfo : NULL, NULL);
    return result;
}

/* ---- JPEG (libjpeg) ---- */

/* Decode the whole picture at 1/8 scale (every entropy-coded byte is still read, so truncation and
 * damage show, at a fraction of the cost of a full decode). */
static fo_image_check_result check_jpeg(const unsigned char *data, size_t len, fo_image_info *info, char *why,
                                        size_t why_size)
{
    struct jpeg_decompress_struct cinfo;
    fo_jpeg_failure f = {0};
    JSAMPLE *volatile row = NULL;
    volatile fo_image_check_result result = FO_IMAGE_BAD;
    cinfo.err = jpeg_std_error(&f.mgr);
    f.mgr.error_exit = fo_jpeg_on_error;
    f.mgr.emit_message = fo_jpeg_on_message;
    jpeg_create_decompress(&cinfo);
    if (setjmp(f.jump)) {
        snprintf(why, why_size, "damaged JPEG: %s", f.message);
        goto done;
    }
    cinfo.mem->max_memory_to_use = 512L << 20;
    jpeg_mem_src(&cinfo, data, (unsigned long)len);
    jpeg_read_header(&cinfo, TRUE);
    info->media_type = "image/jpeg";
    info->width = (int)cinfo.image_width;
    info->height = (int)cinfo.image_height;
    if (over_limits(info, why, why_size) != FO_IMAGE_OK)
        goto done;
    cinfo.scale_num = 1;
    cinfo.scale_denom = 8;
    jpeg_start_decompress(&cinfo);
    row = malloc((size_t)cinfo.output_width * (size_t)cinfo.output_components + 1);
    if (!row) {
        snprintf(why, why_size, "out of memory");
        goto done;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW rows[1] = {row};
        jpeg_read_scanlines(&cinfo, rows, 1);
    }
    jpeg_finish_decompress(&cinfo);
    if (f.warned) {
        snprintf(why, why_size, "damaged JPEG: %s", f.message);
        goto done;
    }
    result = FO_IMAGE_OK;
done:
    free(row);
    jpeg_destroy_decompress(&cinfo);
    return result;
}

/* ---- GIF: the blocks of the file, walked to the trailer (no LZW decoding) ---- */

/* Skip a chain of data sub-blocks at data[*at]; false when the file ends inside it. */
static bool skip_sub_blocks(const unsigned char *data, size_t len, size_t *at)
{
    while (*at < len) {
        size_t n = data[(*at)++];
        if (n == 0)
            return true;
        if (n > len - *at)
            return false;
        *at += n;
    }
    return false;
}

static fo_image_check_result check_gif(const unsigned char *data, size_t len, fo_image_info *info, char *why,
                                       size_t why_size)
{
    info->media_type = "image/gif";
    if (len < 13) {
        snprintf(why, why_size, "damaged GIF: the file ends inside its header (truncated)");
        return FO_IMAGE_BAD;
    }
    info->width = data[6] | data[7] << 8;
    info->height = data[8] | data[9] << 8;
    if (over_limits(info, why, why_size) != FO_IMAGE_OK)
        return FO_IMAGE_BAD;
    size_t at = 13;
    if (data[10] & 0x80) /* a global colour table */
        at += 3u << ((data[10] & 7) + 1);
    int frames = 0;
    while (at < len) {
        unsigned char kind = data[at++];
        if (kind == 0x3B) /* trailer */
            return frames ? FO_IMAGE_OK : (snprintf(why, why_size, "damaged GIF: it holds no picture"), FO_IMAGE_BAD);
        if (kind == 0x21) { /* extension: label, then sub-blocks */
            at++;
            if (!skip_sub_blocks(data, len, &at))
                break;
        } else if (kind == 0x2C) { /* image: descriptor, local colour table, LZW size, sub-blocks */
            if (len - at < 9)
                break;
            unsigned char packed = data[at + 8];
            at += 9;
            if (packed & 0x80)
                at += 3u << ((packed & 7) + 1);
            at++; /* LZW minimum code size */
            if (at > len || !skip_sub_blocks(data, len, &at))
                break;
            frames++;
        } else {
            snprintf(why, why_size, "damaged GIF: unknown block 0x%02X at byte %zu", kind, at - 1);
            return FO_IMAGE_BAD;
        }
    }
    snprintf(why, why_size, "damaged GIF: the file ends in the middle of the picture (truncated)");
    return FO_IMAGE_BAD;
}

/* ---- WebP (libwebp) ---- */

/* The size from the header first (a "WebP bomb" is refused before anything is decoded), then the
 * demuxer's walk of every chunk, then the first frame decoded at 1/8 scale (every byte of its
 * bitstream is still read): an animated WebP is shown by its first frame, as a GIF is. */
static fo_image_check_result check_webp(const unsigned char *data, size_t len, fo_image_info *info, char *why,
                                        size_t why_size)
{
    WebPBitstreamFeatures features;
    info->media_type = "image/webp";
    VP8StatusCode status = WebPGetFeatures(data, len, &features);
    if (status != VP8_STATUS_OK) {
        snprintf(why, why_size, "damaged WebP: %s", fo_webp_status_text(status));
        return FO_IMAGE_BAD;
    }
    info->width = features.width;
    info->height = features.height;
    fo_webp_frame frame;
    if (over_limits(info, why, why_size) != FO_IMAGE_OK || fo_webp_first_frame(data, len, &frame, why, why_size) != 0)
        return FO_IMAGE_BAD;
    WebPDecoderConfig config;
    WebPInitDecoderConfig(&config);
    config.options.use_scaling = 1;
    config.options.scaled_width = frame.width / 8 ? frame.width / 8 : 1;
    config.options.scaled_height = frame.height / 8 ? frame.height / 8 : 1;
    config.output.colorspace = MODE_RGBA;
    status = WebPDecode(frame.data, frame.size, &config);
    WebPFreeDecBuffer(&config.output);
    if (status != VP8_STATUS_OK) {
        snprintf(why, why_size, "damaged WebP: %s", fo_webp_status_text(status));
        return FO_IMAGE_BAD;
    }
    return FO_IMAGE_OK;
}

/* ---- by signature ---- */

static bool starts_with(const unsigned char *data, size_t len, const char *magic, size_t n)
{
    return len >= n && memcmp(data, magic, n) == 0;
}

fo_image_check_result fo_image_check(const unsigned char *data, size_t len, fo_image_info *info, char *why,
                                     size_t why_size)
{
    *info = (fo_image_info){0};
    if (starts_with(data, len, "\x89PNG\r\n\x1a\n", 8))
        return check_png(data, len, info, why, why_size);
    if (starts_with(data, len, "\xFF\xD8\xFF", 3))
        return check_jpeg(data, len, info, why, why_size);
    if (starts_with(data, len, "GIF87a", 6) || starts_with(data, len, "GIF89a", 6))
        return check_gif(data, len, info, why, why_size);
    if (starts_with(data, len, "RIFF", 4) && len >= 12 && memcmp(data + 8, "WEBP", 4) == 0)
        return check_webp(data, len, info, why, why_size);
    static const struct { const char *magic; size_t n, at; const char *name; } others[] = {
        {"BM", 2, 0, "BMP"}, {"II*\0", 4, 0, "TIFF"}, {"MM\0*", 4, 0, "TIFF"},
        {"<svg", 4, 0, "SVG"},  {"<?xml", 5, 0, "SVG"}, {"ftypavif", 8, 4, "AVIF"},
    };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        if (len >= others[i].at + others[i].n && memcmp(data + others[i].at, others[i].magic, others[i].n) == 0) {
            snprintf(why, why_size, "it is a %s image; folio embeds JPEG, PNG, GIF and WebP only", others[i].name);
            return FO_IMAGE_UNSUPPORTED;
        }
    snprintf(why, why_size, len ? "it is not a JPEG, PNG, GIF or WebP image" : "the file is empty");
    return FO_IMAGE_BAD;
}

/* ---- references ---- */

bool fo_image_is_remote(const char *ref)
{
    if (ref[0] == '/' && ref[1] == '/')
        return true;
    size_t i = 0;
    if (!((ref[0] >= 'a' && ref[0] <= 'z') || (ref[0] >= 'A' && ref[0] <= 'Z')))
        return false;
    while ((ref[i] >= 'a' && ref[i] <= 'z') || (ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= '0' && ref[i] <= '9') ||
           ref[i] == '+' || ref[i] == '-' || ref[i] == '.')
        i++;
    /* "c:/x.jpg" is a drive letter, not a scheme; "file:" names a local file */
    return ref[i] == ':' && i > 1 && !(i == 4 && strncasecmp(ref, "file", 4) == 0);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The path part of a reference with %XX decoded (and backslashes as slashes): no scheme, query or
 * fragment.  Caller frees; *len receives its length (it may hold a decoded NUL). */
static char *decoded_path(const char *ref, size_t *len)
{
    if (strncasecmp(ref, "file://", 7) == 0)
        ref += 7;
    else if (strncasecmp(ref, "file:", 5) == 0)
        ref += 5;
    size_t n = strcspn(ref, "?#");
    char *out = fo_xmalloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (ref[i] == '%' && i + 2 < n && (hi = hex_value(ref[i + 1])) >= 0 && (lo = hex_value(ref[i + 2])) >= 0) {
            out[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            out[k++] = ref[i] == '\\' ? '/' : ref[i];
        }
    }
    out[k] = '\0';
    *len = k;
    return out;
}

/* The path of a reference, relative to the root of the folder it is looked up in: "." and ".."
 * segments resolved.  NULL when ".." climbs above the root or the path holds a NUL. */
static char *reference_path(const char *ref)
{
    size_t len;
    char *decoded = decoded_path(ref, &len);
    fo_buf out = {0};
    size_t depth = 0;
    bool ok = memchr(decoded, '\0', len) == NULL;
    for (char *seg = decoded, *end; ok && seg < decoded + len; seg = end + 1) {
        end = strchr(seg, '/');
        if (!end)
            end = decoded + len;
        size_t sl = (size_t)(end - seg);
        if (sl == 0 || (sl == 1 && seg[0] == '.'))
            continue;
        if (sl == 2 && seg[0] == '.' && seg[1] == '.') {
            ok = depth > 0;
            if (ok) { /* drop the last segment and its slash */
                depth--;
                while (out.len && out.data[out.len - 1] != '/')
                    out.len--;
                if (out.len)
                    out.len--;
                out.data[out.len] = '\0';
            }
            continue;
        }
        if (out.len)
            fo_buf_putc(&out, '/');
        fo_buf_append(&out, seg, sl);
        depth++;
    }
    free(decoded);
    if (!ok || out.len == 0) {
        fo_buf_free(&out);
        return NULL;
    }
    return fo_buf_steal(&out);
}

/* Whether `path` (resolved) lies inside `dir` (resolved). */
static bool inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return true;
    return strncmp(path, dir, n) == 0 && path[n] == '/';
}

/* Look `rel` up in `dir`: LOCAL with the resolved path, OUTSIDE when a link leads out of `dir`,
 * MISSING when there is no such regular file. */
static fo_image_where look_in(const char *dir, const char *rel, char **path)
{
    fo_buf full = {0};
    fo_buf_printf(&full, "%s/%s", dir, rel);
    struct stat st;
    fo_image_where where = FO_IMAGE_MISSING;
    char *real = NULL, *real_dir = NULL;
    if (stat(full.data, &st) == 0 && S_ISREG(st.st_mode) && (real = realpath(full.data, NULL)) &&
        (real_dir = realpath(dir, NULL))) {
        where = inside(real, real_dir) ? FO_IMAGE_LOCAL : FO_IMAGE_OUTSIDE;
        if (where == FO_IMAGE_LOCAL) {
            *path = real;
            real = NULL;
        }
    }
    free(real);
    free(real_dir);
    fo_buf_free(&full);
    return where;
}

fo_image_where fo_image_locate(const char *ref, const char *page_dir, const char *const *roots, size_t n_roots,
                               char **path)
{
    *path = NULL;
    if (fo_image_is_remote(ref))
        return FO_IMAGE_REMOTE;
    char *rel = reference_path(ref);
    if (!rel)
        return FO_IMAGE_OUTSIDE;
    fo_image_where where = FO_IMAGE_MISSING;
    for (size_t i = 0; i <= n_roots && where == FO_IMAGE_MISSING; i++) {
        const char *dir = i == 0 ? page_dir : roots[i - 1];
        if (dir)
            where = look_in(dir, rel, path);
    }
    free(rel);
    return where;
}

unsigned char *fo_image_read_file(const char *path, size_t *len, char *why, size_t why_size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    unsigned char *data = NULL;
    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(why, why_size, "cannot read it: %s", strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        snprintf(why, why_size, "it is not a regular file");
    } else if ((size_t)st.st_size > FO_IMAGE_MAX_BYTES) {
        snprintf(why, why_size, "it is %lld bytes; folio takes image files of at most %zu MB",
                 (long long)st.st_size, FO_IMAGE_MAX_BYTES >> 20);
    } else {
        size_t size = (size_t)st.st_size, got = 0;
        data = fo_xmalloc(size ? size : 1);
        while (got < size) {
            ssize_t n = read(fd, data + got, size - got);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            got += (size_t)n;
        }
        if (got != size) {
            snprintf(why, why_size, "cannot read it: %s", got < size ? "it changed while being read" : strerror(errno));
            free(data);
            data = NULL;
        }
        *len = got;
    }
    if (fd >= 0)
        close(fd);
    return data;
}
