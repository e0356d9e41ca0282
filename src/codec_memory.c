/* codec_memory.c — libpng, libjpeg and libwebp reading from memory, failures as messages
 * (codec_memory.h). */
#include "codec_memory.h"

#include <string.h>
#include <webp/decode.h>
#include <webp/demux.h>

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

/* ---- WebP (libwebp's demuxer) ---- */

const char *fo_webp_status_text(int status)
{
    switch (status) {
    case VP8_STATUS_OUT_OF_MEMORY:
        return "out of memory";
    case VP8_STATUS_UNSUPPORTED_FEATURE:
        return "it uses a feature libwebp cannot decode";
    case VP8_STATUS_NOT_ENOUGH_DATA:
        return "the file ends in the middle of the picture (truncated)";
    case VP8_STATUS_BITSTREAM_ERROR:
        return "its picture data is corrupt";
    default:
        return "libwebp cannot decode it";
    }
}

int fo_webp_first_frame(const unsigned char *data, size_t len, fo_webp_frame *frame, char *why, size_t why_size)
{
    WebPData whole = {data, len};
    WebPDemuxState state;
    WebPDemuxer *demux = WebPDemuxPartial(&whole, &state);
    WebPIterator it;
    int status = -1;
    memset(frame, 0, sizeof *frame);
    if (!demux || state != WEBP_DEMUX_DONE) {
        snprintf(why, why_size, "damaged WebP: %s", state == WEBP_DEMUX_PARSE_ERROR || !demux
                 ? "its chunks are malformed" : "the file ends in the middle of the picture (truncated)");
    } else if (!WebPDemuxGetFrame(demux, 1, &it)) {
        snprintf(why, why_size, "damaged WebP: it holds no picture");
    } else {
        *frame = (fo_webp_frame){it.fragment.bytes, it.fragment.size,
                                 (int)WebPDemuxGetI(demux, WEBP_FF_CANVAS_WIDTH),
                                 (int)WebPDemuxGetI(demux, WEBP_FF_CANVAS_HEIGHT),
                                 it.x_offset, it.y_offset, it.width, it.height,
                                 (WebPDemuxGetI(demux, WEBP_FF_FORMAT_FLAGS) & ANIMATION_FLAG) != 0, false};
        WebPBitstreamFeatures f;
        frame->lossy = WebPGetFeatures(frame->data, frame->size, &f) == VP8_STATUS_OK && f.format == 1;
        WebPDemuxReleaseIterator(&it);
        status = 0;
    }
    WebPDemuxDelete(demux);
    return status;
}
