/* codec_memory.c — libpng and libjpeg reading from memory, failures as messages (codec_memory.h). */
#include "codec_memory.h"

#include <string.h>

void fo_png_read_memory(png_structp png, png_bytep out, size_t n)
{
    fo_png_source *src = png_get_io_ptr(png);
    if (n > src->len - src->at)
        png_error(png, "the file ends in the middle of the picture (truncated)");
    memcpy(out, src->data + src->at, n);
    src->at += n;
}

void fo_png_on_error(png_structp png, png_const_charp message)
{
    fo_png_source *src = png_get_error_ptr(png);
    snprintf(src->message, sizeof src->message, "%s", message);
    longjmp(src->jump, 1);
}

void fo_png_on_warning(png_structp png, png_const_charp message) { (void)png, (void)message; }

void fo_jpeg_on_error(j_common_ptr cinfo)
{
    fo_jpeg_failure *f = (fo_jpeg_failure *)cinfo->err;
    f->mgr.format_message(cinfo, f->message);
    longjmp(f->jump, 1);
}

void fo_jpeg_on_message(j_common_ptr cinfo, int level)
{
    fo_jpeg_failure *f = (fo_jpeg_failure *)cinfo->err;
    if (level < 0 && !f->warned) { /* -1: a warning about the data; >= 0: trace output */
        f->mgr.format_message(cinfo, f->message);
        f->warned = true;
    }
}
