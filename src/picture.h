/* picture.h — the pictures a reader attaches to its figures.
 *
 * Every reader that meets an image reference (an HTML page's <img src>, a DocBook imagedata
 * fileref) loads it the same way: looked up beside the input and in --resource-path folders, never
 * outside them and never over the network (image.h), checked by decoding, held in the document's
 * arena, and counted against the article's image budget.  A reader keeps one loader per document.
 */
#ifndef FOLIO_PICTURE_H
#define FOLIO_PICTURE_H

#include "doc.h"
#include "readers.h"

typedef struct fo_picture_loader {
    fo_doc *doc;                /* where the pictures' bytes go */
    const fo_read_opts *opts;   /* input_path, resource_paths, skip_bad_images */
    fo_diag *diag;
    size_t bytes;               /* loaded so far, against FO_IMAGES_MAX_TOTAL */
    size_t missing;             /* remote or missing: said once, by fo_picture_report_missing */
    bool failed;                /* a bad image was reported as an error */
} fo_picture_loader;

/* The picture `ref` names, when it is a local file inside the input's folder or a resource path and
 * a whole JPEG, PNG, GIF or WebP within the limits; NULL otherwise.  A remote or missing file is counted;
 * one outside the folders, or of a format folio cannot embed, is a warning; a damaged one is an
 * error (l->failed) or, with --skip-bad-images, a warning.  `line` is for messages. */
const fo_image *fo_picture_load(fo_picture_loader *l, const char *ref, int line);

/* Say once how many images were not available locally (nothing when all were). */
void fo_picture_report_missing(const fo_picture_loader *l);

#endif
