/* image.h — the pictures an article refers to: where a reference may be read from, and whether the
 * bytes are a whole JPEG, PNG, GIF or WebP within folio's limits (checked by decoding them with
 * libjpeg, libpng and libwebp; GIF by walking its blocks).  Nothing here ever fetches a URL.
 */
#ifndef FOLIO_IMAGE_H
#define FOLIO_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

/* Limits, documented in README ("Limits and errors").  A news photo is some hundred KB and a few
 * megapixels; a poster scan may be 10–20 MB.  Beyond these an image is refused as a bad image (an
 * error, or with --skip-bad-images a warning and a caption-only figure):
 *   FO_IMAGE_MAX_BYTES   one image file;
 *   FO_IMAGE_MAX_PIXELS  width × height, so that a small file declaring a huge picture (a "PNG
 *                        bomb") is refused from its header, before anything is decoded;
 *   FO_IMAGE_MAX_SIDE    either side, in pixels;
 *   FO_IMAGES_MAX_TOTAL  all the images of one article together (they are held in memory). */
#define FO_IMAGE_MAX_BYTES ((size_t)32 << 20)
#define FO_IMAGE_MAX_PIXELS (40L * 1000 * 1000)
#define FO_IMAGE_MAX_SIDE 20000
#define FO_IMAGES_MAX_TOTAL ((size_t)256 << 20)

typedef struct fo_image_info {
    const char *media_type; /* "image/jpeg", "image/png", "image/gif", "image/webp"
                               (static strings) */
    int width, height;
} fo_image_info;

typedef enum fo_image_check_result {
    FO_IMAGE_OK,
    FO_IMAGE_BAD,           /* not a whole, decodable JPEG/PNG/GIF/WebP, or over a limit: `why` says */
    FO_IMAGE_UNSUPPORTED,   /* a known format folio cannot embed (SVG, BMP, TIFF, AVIF): `why` names it */
} fo_image_check_result;

/* Check the bytes of an image: its type from its signature, its size from its header (against the
 * limits), then the whole picture decoded (a truncated or damaged file is caught here).  `why`
 * receives a short reason when the result is not FO_IMAGE_OK. */
fo_image_check_result fo_image_check(const unsigned char *data, size_t len, fo_image_info *info, char *why,
                                     size_t why_size);

typedef enum fo_image_where {
    FO_IMAGE_LOCAL,     /* *path is the file to read */
    FO_IMAGE_REMOTE,    /* a URL (http:, https:, //host …): never fetched */
    FO_IMAGE_MISSING,   /* a path, but no such file in the page's folder or a resource path */
    FO_IMAGE_OUTSIDE,   /* a path that leads out of the page's folder and every resource path: refused */
} fo_image_where;

/* Where an image reference of a page (an <img src>) may be read from.  A path is looked up relative
 * to the page's folder `page_dir` (NULL: none), then to each of `roots` (--resource-path); a leading
 * '/' counts from the root of that folder, "?query" and "#fragment" are dropped, %XX decoded.  The
 * file found must lie inside the folder it was looked up in, symbolic links resolved: "../x.jpg"
 * above the folder, or a link pointing out of it, is refused.  On FO_IMAGE_LOCAL *path is a newly
 * allocated path (caller frees), else NULL. */
fo_image_where fo_image_locate(const char *ref, const char *page_dir, const char *const *roots, size_t n_roots,
                               char **path);

/* Whether a reference names a resource on another machine (a scheme such as http: or a //host). */
bool fo_image_is_remote(const char *ref);

/* Read an image file of at most FO_IMAGE_MAX_BYTES.  Returns malloc'ed bytes (caller frees), or NULL
 * with a reason in `why`. */
unsigned char *fo_image_read_file(const char *path, size_t *len, char *why, size_t why_size);

#endif
