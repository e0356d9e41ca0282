/* util.h — growable byte buffers and the diagnostics sink shared by every module. */
#ifndef FOLIO_UTIL_H
#define FOLIO_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define FOLIO_VERSION "0.1.0"

/* A growable byte buffer; `data` is always NUL-terminated (the NUL is not counted in `len`).
 * The owner frees it with fo_buf_free.  Allocation failure ends the process with "error: out of
 * memory" and status 1 (fo_out_of_memory, cleanup.h): folio cannot go on without memory. */
typedef struct fo_buf {
    char *data;
    size_t len, cap;
} fo_buf;

void fo_buf_append(fo_buf *b, const void *p, size_t n);
void fo_buf_puts(fo_buf *b, const char *s);
void fo_buf_putc(fo_buf *b, char c);
void fo_buf_printf(fo_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void fo_buf_free(fo_buf *b);
/* Take the data out of the buffer: the caller frees the returned pointer, the buffer is empty. */
char *fo_buf_steal(fo_buf *b);

/* Whether the file name in `path` ends in one of `extensions` ("xml .dbk": space-separated, with
 * dots), compared without regard to case. */
bool fo_path_has_extension(const char *path, const char *extensions);

void *fo_xmalloc(size_t n);
void *fo_xrealloc(void *p, size_t n);
char *fo_xstrdup(const char *s);

/* A set of strings, each with a value, in linear time for any number of them (open addressing).
 * Keys are copied; fo_set_free frees them. */
typedef struct fo_set {
    char **keys;
    size_t *values;
    size_t n, cap;
} fo_set;

/* Add `key` with `value`; false (and the set unchanged) when the key is there already, with its
 * value in *existing when that is not NULL. */
bool fo_set_add(fo_set *s, const char *key, size_t value, size_t *existing);
/* Whether `key` is in the set; its value in *value when that is not NULL. */
bool fo_set_find(const fo_set *s, const char *key, size_t *value);
void fo_set_free(fo_set *s);

/* Diagnostics: every error and warning goes through one sink, which prints
 *   FILE:LINE:COL: error: MESSAGE      (LINE/COL left out when 0)
 * on `stream` (stderr by default; NULL keeps them quiet, e.g. in fuzzers) and keeps the last one.
 * FILE is the input's; a message about another file (a style file's line) names that one. */
typedef struct fo_diag {
    const char *file;   /* the input's name, borrowed; "folio" when NULL */
    FILE *stream;
    int errors, warnings;
    char last[512];     /* the last message, without the location prefix */
} fo_diag;

void fo_diag_init(fo_diag *d, const char *file, FILE *stream);
void fo_error(fo_diag *d, int line, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void fo_warn(fo_diag *d, int line, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same about a line of another file than the input: "style.ini:4: error: …". */
void fo_error_in(fo_diag *d, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void fo_warn_in(fo_diag *d, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* The largest input folio reads, in bytes before decoding: an article is a few hundred KB, a long
 * report or a whole year of a column some MB; 64 MB (three times the seed repeated 1,000 times)
 * leaves room for any real text while keeping memory bounded (the reader needs about ten times the
 * input).  fo_read_file refuses larger files and fo_decode_input (text.h) larger buffers. */
#define FO_MAX_INPUT_BYTES ((size_t)64 << 20)

/* Read a whole file ("-": standard input), at most FO_MAX_INPUT_BYTES (64 MB; a larger file
 * or a device is never read whole); NULL plus an error in `d` (naming the file) on failure.  Caller
 * frees. */
char *fo_read_file(const char *path, size_t *len, fo_diag *d);
/* The same for the files that steer a run (--style, --css, --files-from): also refused when they are
 * not UTF-8 text (a NUL byte, mostly control bytes, or bytes that are not UTF-8). */
char *fo_read_text_file(const char *path, size_t *len, fo_diag *d);

#endif
