/* util.c — buffers, allocation and diagnostics. */
#include "util.h"
#include "cleanup.h"
#include "text.h" /* fo_utf8_validate, fo_looks_binary: fo_read_text_file */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void *fo_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        fo_out_of_memory("could not allocate %zu bytes", n);
    return p;
}

void *fo_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        fo_out_of_memory("could not allocate %zu bytes", n);
    return q;
}

char *fo_xstrdup(const char *s)
{
    size_t n = strlen(s);
    char *p = fo_xmalloc(n + 1);
    memcpy(p, s, n + 1);
    return p;
}

bool fo_path_has_extension(const char *path, const char *extensions)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    if (!dot || !dot[1])
        return false;
    size_t n = strlen(dot);
    for (const char *e = extensions; *e;) {
        size_t len = strcspn(e, " ");
        if (len == n && strncasecmp(e, dot, n) == 0)
            return true;
        e += len;
        while (*e == ' ')
            e++;
    }
    return false;
}

static void buf_reserve(fo_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 32; /* small: a model of a million short strings holds a million buffers */
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = fo_xrealloc(b->data, cap);
    b->cap = cap;
}

void fo_buf_append(fo_buf *b, const void *p, size_t n)
{
    buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void fo_buf_puts(fo_buf *b, const char *s) { fo_buf_append(b, s, strlen(s)); }

void fo_buf_putc(fo_buf *b, char c) { fo_buf_append(b, &c, 1); }

void fo_buf_printf(fo_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void fo_buf_free(fo_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *fo_buf_steal(fo_buf *b)
{
    if (!b->data)
        buf_reserve(b, 0), b->data[0] = '\0';
    char *p = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void fo_diag_init(fo_diag *d, const char *file, FILE *stream)
{
    memset(d, 0, sizeof *d);
    d->file = file;
    d->stream = stream;
}

static void diag_emit(fo_diag *d, const char *file, const char *severity, int line, int col, const char *fmt,
                      va_list ap)
{
    vsnprintf(d->last, sizeof d->last, fmt, ap);
    if (!d->stream)
        return;
    if (!file)
        file = "folio";
    if (line > 0 && col > 0)
        fprintf(d->stream, "%s:%d:%d: %s: %s\n", file, line, col, severity, d->last);
    else if (line > 0)
        fprintf(d->stream, "%s:%d: %s: %s\n", file, line, severity, d->last);
    else
        fprintf(d->stream, "%s: %s: %s\n", file, severity, d->last);
}

void fo_error(fo_diag *d, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    d->errors++;
    diag_emit(d, d->file, "error", line, col, fmt, ap);
    va_end(ap);
}

void fo_warn(fo_diag *d, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    d->warnings++;
    diag_emit(d, d->file, "warning", line, col, fmt, ap);
    va_end(ap);
}

void fo_error_in(fo_diag *d, const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    d->errors++;
    diag_emit(d, file, "error", line, col, fmt, ap);
    va_end(ap);
}

void fo_warn_in(fo_diag *d, const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    d->warnings++;
    diag_emit(d, file, "warning", line, col, fmt, ap);
    va_end(ap);
}

char *fo_read_file(const char *path, size_t *len, fo_diag *d)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fo_error(d, 0, 0, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    fo_buf b = {0};
    char chunk[65536];
    size_t n;
    /* Stop past the limit rather than read a huge file (or /dev/zero) into memory first. */
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len <= FO_MAX_INPUT_BYTES)
        fo_buf_append(&b, chunk, n);
    int failed = ferror(f);
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    const char *name = is_stdin ? "standard input" : path;
    if (failed) {
        fo_error(d, 0, 0, "cannot read %s: %s", name, strerror(saved));
        fo_buf_free(&b);
        return NULL;
    }
    if (b.len > FO_MAX_INPUT_BYTES) {
        fo_error(d, 0, 0, "cannot read %s: it is larger than %zu MB, the most folio reads", name,
                 FO_MAX_INPUT_BYTES >> 20);
        fo_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return fo_buf_steal(&b);
}

char *fo_read_text_file(const char *path, size_t *len, fo_diag *d)
{
    char *text = fo_read_file(path, len, d);
    if (!text)
        return NULL;
    const char *nul = memchr(text, '\0', *len);
    size_t bad = fo_utf8_validate(text, *len);
    if (nul || fo_looks_binary(text, *len))
        fo_error(d, 0, 0, "%s is not a text file (%s)", path, nul ? "it holds a NUL byte" : "it is mostly control bytes");
    else if (bad < *len)
        fo_error(d, 0, 0, "%s is not UTF-8 text (byte 0x%02X at byte offset %zu)", path, (unsigned char)text[bad], bad);
    else
        return text;
    free(text);
    return NULL;
}

/* ---- string set ---- */

static uint64_t set_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static size_t set_slot(const fo_set *s, const char *key)
{
    size_t i = (size_t)set_hash(key) & (s->cap - 1);
    while (s->keys[i] && strcmp(s->keys[i], key) != 0)
        i = (i + 1) & (s->cap - 1);
    return i;
}

static void set_grow(fo_set *s)
{
    fo_set bigger = {NULL, NULL, s->n, s->cap ? s->cap * 2 : 64};
    bigger.keys = fo_xmalloc(bigger.cap * sizeof *bigger.keys);
    bigger.values = fo_xmalloc(bigger.cap * sizeof *bigger.values);
    memset(bigger.keys, 0, bigger.cap * sizeof *bigger.keys);
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->keys[i])
            continue;
        size_t k = set_slot(&bigger, s->keys[i]);
        bigger.keys[k] = s->keys[i];
        bigger.values[k] = s->values[i];
    }
    free(s->keys);
    free(s->values);
    *s = bigger;
}

bool fo_set_add(fo_set *s, const char *key, size_t value, size_t *existing)
{
    if ((s->n + 1) * 2 > s->cap) /* at most half full: probes stay short */
        set_grow(s);
    size_t i = set_slot(s, key);
    if (s->keys[i]) {
        if (existing)
            *existing = s->values[i];
        return false;
    }
    s->keys[i] = fo_xstrdup(key);
    s->values[i] = value;
    s->n++;
    return true;
}

bool fo_set_find(const fo_set *s, const char *key, size_t *value)
{
    if (!s->cap)
        return false;
    size_t i = set_slot(s, key);
    if (s->keys[i] && value)
        *value = s->values[i];
    return s->keys[i] != NULL;
}

void fo_set_free(fo_set *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->keys[i]);
    free(s->keys);
    free(s->values);
    memset(s, 0, sizeof *s);
}
