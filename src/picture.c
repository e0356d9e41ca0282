/* picture.c — the pictures a reader attaches to its figures (picture.h). */
#include "picture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"

/* The folder of the input file ("." for a bare name); NULL when there is no input file. */
static char *input_dir(const char *input)
{
    if (!input)
        return NULL;
    const char *slash = strrchr(input, '/');
    if (!slash)
        return fo_xstrdup(".");
    fo_buf b = {0};
    fo_buf_append(&b, input, slash == input ? 1 : (size_t)(slash - input));
    return fo_buf_steal(&b);
}

static void bad_image(fo_picture_loader *l, int line, const char *ref, const char *path, const char *why)
{
    if (l->opts->skip_bad_images) {
        fo_warn(l->diag, line, 0, "image %s (%s) left out: %s", ref, path, why);
    } else {
        fo_error(l->diag, line, 0, "image %s (%s): %s (--skip-bad-images leaves such images out)", ref, path, why);
        l->failed = true;
    }
}

static const fo_image *keep(fo_picture_loader *l, const fo_image_info *info, const unsigned char *data, size_t len,
                            const char *path)
{
    fo_image *img = fo_doc_alloc(l->doc, sizeof *img);
    unsigned char *copy = fo_doc_alloc(l->doc, len ? len : 1);
    memcpy(copy, data, len);
    *img = (fo_image){info->media_type, copy, len, info->width, info->height, fo_doc_strdup(l->doc, path)};
    l->bytes += len;
    return img;
}

const fo_image *fo_picture_load(fo_picture_loader *l, const char *ref, int line)
{
    char *dir = input_dir(l->opts->input_path), *path = NULL;
    fo_image_where where = fo_image_locate(ref, dir, l->opts->resource_paths, l->opts->n_resource_paths, &path);
    free(dir);
    if (where == FO_IMAGE_REMOTE || where == FO_IMAGE_MISSING) {
        l->missing++;
        return NULL;
    }
    if (where == FO_IMAGE_OUTSIDE) {
        fo_warn(l->diag, line, 0, "image %s not read: it lies outside the input's folder and every --resource-path",
                ref);
        return NULL;
    }
    char why[256];
    size_t len = 0;
    fo_image_info info;
    const fo_image *img = NULL;
    unsigned char *data = fo_image_read_file(path, &len, why, sizeof why);
    fo_image_check_result ok = data ? fo_image_check(data, len, &info, why, sizeof why) : FO_IMAGE_BAD;
    if (ok == FO_IMAGE_OK && l->bytes + len > FO_IMAGES_MAX_TOTAL) {
        snprintf(why, sizeof why, "the article's images would pass %zu MB together", FO_IMAGES_MAX_TOTAL >> 20);
        ok = FO_IMAGE_BAD;
    }
    if (ok == FO_IMAGE_UNSUPPORTED)
        fo_warn(l->diag, line, 0, "image %s (%s) left out: %s", ref, path, why);
    else if (ok == FO_IMAGE_BAD)
        bad_image(l, line, ref, path, why);
    else
        img = keep(l, &info, data, len, path);
    free(data);
    free(path);
    return img;
}

void fo_picture_report_missing(const fo_picture_loader *l)
{
    if (l->missing)
        fo_warn(l->diag, 0, 0, "%zu image%s not available locally (folio never fetches a URL): %s the caption and "
                "the address only", l->missing, l->missing == 1 ? " is" : "s are",
                l->missing == 1 ? "its figure keeps" : "their figures keep");
}
