/* codec_memory.h — libpng, libjpeg and libwebp reading a file held in memory, with their failures
 * turned into messages: what image.c's checks and raster.c's decoding share.  libpng and libjpeg
 * report a failure by calling back; the callbacks here keep the message and longjmp to the caller's
 * setjmp.  libwebp returns a status, named here. */
#ifndef FOLIO_CODEC_MEMORY_H
#define FOLIO_CODEC_MEMORY_H

#include <png.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h> /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>

/* A PNG read from memory: png_set_read_fn(png, &source, fo_png_read_memory) and
 * png_create_read_struct(…, &source, fo_png_on_error, fo_png_on_warning). */
typedef struct fo_png_source {
    const unsigned char *data;
    size_t len, at;
    char message[160];
    jmp_buf jump;
} fo_png_source;

void fo_png_read_memory(png_structp png, png_bytep out, size_t n);
void fo_png_on_error(png_structp png, png_const_charp message);
void fo_png_on_warning(png_structp png, png_const_charp message);

/* libjpeg's error manager: cinfo.err = jpeg_std_error(&failure.mgr), then error_exit =
 * fo_jpeg_on_error and emit_message = fo_jpeg_on_message. */
typedef struct fo_jpeg_failure {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    bool warned;    /* libjpeg reports damaged data ("Premature end of JPEG file") as warnings */
} fo_jpeg_failure;

void fo_jpeg_on_error(j_common_ptr cinfo);
/* Keeps the first warning about the data in `message` (and sets `warned`); trace output is ignored. */
void fo_jpeg_on_message(j_common_ptr cinfo, int level);

/* The first frame of a WebP (a still picture is its only frame), found by libwebp's demuxer, which
 * first walks every chunk of the file: a truncated or malformed file is refused here. */
typedef struct fo_webp_frame {
    const unsigned char *data;  /* the frame's bitstream, inside the file: for WebPDecode */
    size_t size;
    int canvas_width, canvas_height;
    int x, y, width, height;    /* where the frame lies on the canvas */
    bool animated;
    bool lossy;                 /* a VP8 (lossy) bitstream; else VP8L (lossless) */
} fo_webp_frame;

/* 0, or -1 with "damaged WebP: …" in `why`. */
int fo_webp_first_frame(const unsigned char *data, size_t len, fo_webp_frame *frame, char *why, size_t why_size);

/* libwebp's VP8StatusCode (an int here, not to pull decode.h into every user) in words. */
const char *fo_webp_status_text(int status);

#endif
