/* fuzz_raster.c — libFuzzer target for the picture checks (image.c) and the PDF's decoders
 * (raster.c).  Every input is an image file's bytes: fo_image_check, and when it passes,
 * fo_raster_decode (for a JPEG only when DCTDecode could not carry it as it is, as the PDF writer
 * does, and once regardless) — the GIF's picture data is first decoded here, a WebP's first frame
 * at full size — and for a WebP fo_raster_encode_core, the EPUB's JPEG or PNG.  A refusal or a
 * decoder error with a reason is a defined outcome; a crash, a leak, a reasonless failure or a
 * picture of another size than its header declared is not.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "image.h"
#include "raster.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void decode(const fo_image *img)
{
    fo_raster r;
    char why[200] = "";
    if (fo_raster_decode(img, &r, why, sizeof why) == 0) {
        if (r.width != img->width || r.height != img->height)
            fuzz_fail("fo_raster_decode", "the picture's size differs from its header's");
        if ((r.channels != 1 && r.channels != 3) || !r.pixels)
            fuzz_fail("fo_raster_decode", "no grey or RGB samples");
    } else if (!why[0]) {
        fuzz_fail("fo_raster_decode", "failed without a reason");
    }
    fo_raster_free(&r);
}

static void encode(const fo_image *img)
{
    size_t len = 0;
    const char *type = NULL;
    char why[200] = "";
    unsigned char *out = fo_raster_encode_core(img, &len, &type, why, sizeof why);
    if (out ? !len || !type : !why[0])
        fuzz_fail("fo_raster_encode_core", out ? "an empty file or no media type" : "failed without a reason");
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fo_image_info info;
    char why[256];
    if (fo_image_check(data, size, &info, why, sizeof why) != FO_IMAGE_OK)
        return 0;
    fo_image img = {info.media_type, data, size, info.width, info.height, "fuzz"};
    decode(&img);
    fo_raster_jpeg_embeddable(data, size);
    if (strcmp(info.media_type, "image/webp") == 0)
        encode(&img);
    return 0;
}
