/* convert.c — one article: read once, write every requested format, each output atomically. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "convert.h"
#include "text.h"

/* ---- metadata overrides (-M key=value) ---- */

static int apply_metadata(fo_doc *doc, const char *kv, fo_diag *d)
{
    const char *eq = strchr(kv, '=');
    if (!eq) {
        fo_error(d, 0, 0, "-M %s: expected KEY=VALUE", kv);
        return -1;
    }
    size_t klen = (size_t)(eq - kv);
    const char *key = fo_doc_strndup(doc, kv, klen);
    const char *value = fo_doc_strdup(doc, eq + 1);
    fo_meta *m = &doc->meta;
    struct { const char *key; const char **field; } simple[] = {
        {"title", &m->title},         {"subtitle", &m->subtitle},   {"original-title", &m->original_title},
        {"date", &m->date},           {"source", &m->source},       {"publisher", &m->publisher},
        {"site", &m->publisher},      {"rights", &m->rights},       {"language", &m->language},
        {"lang", &m->language},       {"identifier", &m->identifier}, {"abstract", &m->abstract},
        {"doc-number", &m->doc_number}, {"index-number", &m->index_number}, {"issuer", &m->issuer},
        {"document-date", &m->doc_date},
    };
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++) {
        if (strcmp(key, simple[i].key) == 0) {
            *simple[i].field = value;
            return 0;
        }
    }
    if (strcmp(key, "author") == 0) {
        m->authors = NULL;     /* -M author replaces the article's authors; repeat -M to add */
        fo_meta_add_author(doc, value, NULL, NULL);
    } else if (strcmp(key, "category") == 0) {
        m->category = NULL;
        fo_strlist_append(doc, &m->category, value);
    } else if (strcmp(key, "keywords") == 0 || strcmp(key, "keyword") == 0) {
        fo_strlist_append(doc, &m->keywords, value);
    } else {
        fo_error(d, 0, 0, "-M %s: unknown metadata key '%s'", kv, key);
        return -1;
    }
    return 0;
}

/* ---- output ---- */

static int write_stdout(const fo_buf *out, fo_diag *d)
{
    if (fwrite(out->data, 1, out->len, stdout) != out->len || fflush(stdout) != 0) {
        fo_error(d, 0, 0, "cannot write to standard output: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* Write everything to an open descriptor; false on error (errno set). */
static bool write_all(int fd, const fo_buf *out)
{
    size_t done = 0;
    while (done < out->len) {
        ssize_t n = write(fd, out->data + done, out->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += (size_t)n;
    }
    return true;
}

/* A destination that is not a regular file (/dev/null, a FIFO, a terminal) is written as it is:
 * renaming a file over it would replace the device node. */
static int write_via_rename(const char *path, const fo_buf *out, fo_diag *d);

static int write_special(const char *path, const fo_buf *out, fo_diag *d)
{
    int fd = open(path, O_WRONLY);
    bool ok = fd >= 0 && write_all(fd, out);
    int saved = errno;
    if (fd >= 0 && close(fd) != 0 && ok)
        ok = false, saved = errno;
    if (!ok)
        fo_error(d, 0, 0, "cannot write %s: %s", path, strerror(saved));
    return ok ? 0 : -1;
}

/* Write to a temporary file beside `path`, then rename it into place: a reader of `path` sees the
 * old file or the whole new one, never half of one, and a failed run leaves the old file as it was.
 * A symbolic link is followed, so the file it points to is replaced, not the link. */
static int write_atomically(const char *path, const fo_buf *out, fo_diag *d)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return write_special(path, out, d);
    char *resolved = NULL;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && (resolved = realpath(path, NULL)) != NULL)
        path = resolved;
    int status = write_via_rename(path, out, d);
    free(resolved);
    return status;
}

static int write_via_rename(const char *path, const fo_buf *out, fo_diag *d)
{
    const char *slash = strrchr(path, '/');
    fo_buf tmp = {0};
    if (slash)
        fo_buf_printf(&tmp, "%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
    else
        fo_buf_printf(&tmp, ".%s.XXXXXX", path);
    int fd = mkstemp(tmp.data);
    if (fd < 0) {
        fo_error(d, 0, 0, "cannot write %s: %s", path, strerror(errno));
        fo_buf_free(&tmp);
        return -1;
    }
    mode_t mask = umask(0);
    umask(mask);
    int ok = fchmod(fd, 0666 & ~mask) == 0;
    ok = ok && write_all(fd, out);
    int saved = errno;
    if (close(fd) != 0 && ok)
        ok = 0, saved = errno;
    if (ok && rename(tmp.data, path) != 0)
        ok = 0, saved = errno;
    if (!ok) {
        unlink(tmp.data);
        fo_error(d, 0, 0, "cannot write %s: %s", path, strerror(saved));
    }
    fo_buf_free(&tmp);
    return ok ? 0 : -1;
}

/* ---- one article ---- */

/* The article's text: refuse a binary file, decode to UTF-8 with "\n" line ends.  NULL on error. */
static char *decode_article(const char *raw, size_t raw_len, size_t *text_len, fo_diag *d)
{
    if (fo_looks_binary(raw, raw_len)) {
        const char *nul = memchr(raw, '\0', raw_len);
        if (nul)
            fo_error(d, 0, 0, "this is a binary file, not an article (NUL byte at byte offset %zu)", (size_t)(nul - raw));
        else
            fo_error(d, 0, 0, "this is a binary file, not an article (control bytes in the first 8 KB)");
        return NULL;
    }
    return fo_decode_input(raw, raw_len, text_len, NULL, d);
}

/* Read and decode `input`, run the reader, apply -M overrides, finish the model.  NULL on error
 * (reported in `d`); *status says whether it was a usage error.  A raw reader (HTML) gets the bytes
 * undecoded and finds their encoding itself. */
static fo_doc *load_article(const fo_job *job, const char *input, fo_diag *d, int *status)
{
    *status = FO_EXIT_CONVERT;
    fo_doc *doc = NULL;
    char *raw = NULL, *text = NULL;
    size_t raw_len, text_len;
    const fo_input_format *reader = job->from ? fo_input_format_by_name(job->from) : fo_input_format_by_path(input);
    if (!reader) {
        fo_error(d, 0, 0, "unknown input format '%s' (formats: text, docbook, html)", job->from);
        *status = FO_EXIT_USAGE;
        goto done;
    }
    raw = fo_read_file(input, &raw_len, d);
    if (!raw)
        goto done;
    fo_read_opts opts = job->read;
    opts.input_path = input;
    if (reader->raw)
        doc = reader->read(raw, raw_len, &opts, d);
    else if ((text = decode_article(raw, raw_len, &text_len, d)) != NULL)
        doc = reader->read(text, text_len, &opts, d);
    if (!doc)
        goto done;
    doc->input_name = input;
    for (size_t i = 0; i < job->n_meta; i++)
        if (apply_metadata(doc, job->meta[i], d) != 0) {
            *status = FO_EXIT_USAGE;
            fo_doc_free(doc);
            doc = NULL;
            goto done;
        }
    fo_doc_finish(doc);
    *status = FO_EXIT_OK;
done:
    free(text);
    free(raw);
    return doc;
}

int fo_convert(const fo_job *job, const char *input, const fo_target *targets, size_t n_targets, fo_diag *d)
{
    int status;
    fo_doc *doc = load_article(job, input, d, &status);
    if (!doc)
        return status;
    for (size_t i = 0; i < n_targets && status == FO_EXIT_OK; i++) {
        fo_buf out = {0};
        const char *output = targets[i].output;
        if (targets[i].format->write(doc, &job->write, &out, d) != 0)
            status = FO_EXIT_CONVERT;
        else if (!output || strcmp(output, "-") == 0)
            status = write_stdout(&out, d) == 0 ? FO_EXIT_OK : FO_EXIT_CONVERT;
        else
            status = write_atomically(output, &out, d) == 0 ? FO_EXIT_OK : FO_EXIT_CONVERT;
        fo_buf_free(&out);
    }
    fo_doc_free(doc);
    return status;
}
