/* style_find.h — where folio finds a style's files: styles/NAME.ini (the PDF) and styles/NAME.css
 * (EPUB and HTML), for every writer that needs one.
 *
 * A style is looked for, in order, in the --style-dir directory, in $FOLIO_STYLES, and in the one
 * directory compiled into the binary (FOLIO_STYLE_DIR): the source tree's styles/ for a build, in
 * whatever BUILD directory, and PREFIX/share/folio/styles for the copy `make install` puts in
 * PREFIX/bin.  Nothing depends on where the binary itself lies.
 */
#ifndef FOLIO_STYLE_FIND_H
#define FOLIO_STYLE_FIND_H

#include "util.h"

/* The file of `style` with extension `ext` (".ini" or ".css"); `style` NULL means "default".
 * `style` may also be a path: one with a '/' or ending in `ext` is taken as it is, and for ".css" a
 * style's .ini file ("official.ini", "dir/official.ini") names the .css beside it.
 * Returns a newly allocated path (caller frees), or NULL with an error in `d`. */
char *fo_style_find(const char *style_dir, const char *style, const char *ext, fo_diag *d);

/* The directory compiled in (for messages and --version). */
const char *fo_style_builtin_dir(void);

#endif
