/* webp_maker.h — WebP files made in unit tests with libwebp's encoder: a lossy photo, a lossless
 * picture with transparency, an animation (its RIFF chunks put together here around frames
 * libwebp encoded) and headers declaring huge pictures.  Every maker returns malloc'ed bytes. */
#ifndef FOLIO_TEST_WEBP_MAKER_H
#define FOLIO_TEST_WEBP_MAKER_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <webp/encode.h>

typedef struct tw_bytes {
    unsigned char *data;
    size_t len;
} tw_bytes;

static inline int tw_gradient(int x, int y, int c) { return (x * 7 + y * 3 + c * 50) % 256; }

/* w × h pixels of tw_gradient, `channels` 3 or 4; with 4 the left half is transparent. */
static inline unsigned char *tw_pixels(int w, int h, int channels)
{
    unsigned char *p = malloc((size_t)w * (size_t)h * (size_t)channels);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            for (int c = 0; c < channels; c++)
                p[((size_t)y * (size_t)w + (size_t)x) * (size_t)channels + (size_t)c] =
                    (unsigned char)(c == 3 ? (x < w / 2 ? 0 : 255) : tw_gradient(x, y, c));
    return p;
}

/* libwebp's output, copied to malloc'ed memory (it must be freed with WebPFree). */
static inline tw_bytes tw_copy(uint8_t *out, size_t n)
{
    tw_bytes b = {malloc(n ? n : 1), n};
    if (n)
        memcpy(b.data, out, n);
    WebPFree(out);
    return b;
}

/* An opaque photo, lossy (VP8) at quality 80. */
static inline tw_bytes tw_webp_lossy(int w, int h)
{
    unsigned char *p = tw_pixels(w, h, 3);
    uint8_t *out = NULL;
    size_t n = WebPEncodeRGB(p, w, h, w * 3, 80, &out);
    free(p);
    return tw_copy(out, n);
}

/* A lossless (VP8L) picture whose left half is transparent. */
static inline tw_bytes tw_webp_lossless_alpha(int w, int h)
{
    unsigned char *p = tw_pixels(w, h, 4);
    uint8_t *out = NULL;
    size_t n = WebPEncodeLosslessRGBA(p, w, h, w * 4, &out);
    free(p);
    return tw_copy(out, n);
}

static inline void tw_put24(unsigned char *at, unsigned v)
{
    at[0] = (unsigned char)v, at[1] = (unsigned char)(v >> 8), at[2] = (unsigned char)(v >> 16);
}

static inline void tw_put32(unsigned char *at, unsigned v)
{
    tw_put24(at, v);
    at[3] = (unsigned char)(v >> 24);
}

/* Append a chunk (fourcc, size, payload, a pad byte when the size is odd). */
static inline void tw_chunk(tw_bytes *b, const char *fourcc, const unsigned char *payload, size_t n)
{
    size_t padded = n + (n & 1);
    b->data = realloc(b->data, b->len + 8 + padded);
    memcpy(b->data + b->len, fourcc, 4);
    tw_put32(b->data + b->len + 4, (unsigned)n);
    memcpy(b->data + b->len + 8, payload, n);
    if (n & 1)
        b->data[b->len + 8 + n] = 0;
    b->len += 8 + padded;
}

/* "RIFF" size "WEBP" around the chunks of `b` (which starts with 12 bytes left for it). */
static inline void tw_riff(tw_bytes *b)
{
    memcpy(b->data, "RIFF", 4);
    tw_put32(b->data + 4, (unsigned)(b->len - 8));
    memcpy(b->data + 8, "WEBP", 4);
}

/* An animation of two lossless frames on a cw × ch canvas: the first w × h at (x, y) (even), with
 * tw_pixels' transparent left half, the second covering the canvas. */
static inline tw_bytes tw_webp_animated(int cw, int ch, int x, int y, int w, int h)
{
    tw_bytes b = {calloc(12, 1), 12};
    unsigned char vp8x[10] = {0x02 | 0x10}; /* animation, alpha */
    tw_put24(vp8x + 4, (unsigned)cw - 1);
    tw_put24(vp8x + 7, (unsigned)ch - 1);
    tw_chunk(&b, "VP8X", vp8x, sizeof vp8x);
    static const unsigned char anim[6] = {255, 255, 255, 255, 0, 0};
    tw_chunk(&b, "ANIM", anim, sizeof anim);
    for (int f = 0; f < 2; f++) {
        int fx = f ? 0 : x, fy = f ? 0 : y, fw = f ? cw : w, fh = f ? ch : h;
        tw_bytes frame = tw_webp_lossless_alpha(fw, fh); /* RIFF header, then its VP8L chunk */
        size_t n = 16 + frame.len - 12;
        unsigned char *anmf = calloc(n, 1);
        tw_put24(anmf, (unsigned)fx / 2);
        tw_put24(anmf + 3, (unsigned)fy / 2);
        tw_put24(anmf + 6, (unsigned)fw - 1);
        tw_put24(anmf + 9, (unsigned)fh - 1);
        tw_put24(anmf + 12, 100); /* ms */
        anmf[15] = 0x02;          /* no blending */
        memcpy(anmf + 16, frame.data + 12, frame.len - 12);
        tw_chunk(&b, "ANMF", anmf, n);
        free(anmf);
        free(frame.data);
    }
    tw_riff(&b);
    return b;
}

/* A lossless WebP's header declaring w × h pixels (at most 16384 a side), then a few bytes of
 * picture data: what a decoder sees before it would allocate the picture. */
static inline tw_bytes tw_webp_lossless_header(int w, int h)
{
    tw_bytes b = {calloc(12, 1), 12};
    unsigned char vp8l[13] = {0x2F};
    uint32_t bits = (uint32_t)(w - 1) | (uint32_t)(h - 1) << 14 | 1u << 28; /* alpha used, version 0 */
    tw_put32(vp8l + 1, bits);
    tw_chunk(&b, "VP8L", vp8l, sizeof vp8l);
    tw_riff(&b);
    return b;
}

#endif
