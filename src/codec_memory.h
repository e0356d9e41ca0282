/* codec_memory.h — libpng and libjpeg reading a file held in memory, with their failures turned into
 * messages: what image.c's checks and raster.c's decoding share.  Both libraries report a failure
 * by calling back; the callbacks here keep the message and longjmp to the caller's setjmp. */
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

#endif
