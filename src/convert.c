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

/* ---- metadata overrides (-M key=value) ---- */

/* A -M that is not KEY=VALUE with a known key is a usage error, found before any reading. */
static int check_metadata(const fo_read_opts *opts, fo_diag *d)
{
    for (size_t i = 0; i < opts->n_meta; i++) {
        const char *kv = opts->meta[i], *eq = strchr(kv, '=');
        if (!eq) {
            fo_error(d, 0, 0, "-M %s: expected KEY=VALUE", kv);
            return -1;
        }
        char *key = strndup(kv, (size_t)(eq - kv));
        bool known = fo_meta_key_known(key);
        if (!known)
            fo_error(d, 0, 0, "-M %s: unknown metadata key '%s'", kv, key);
        free(key);
        if (!known)
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

/* Read `input` and make the document of it (fo_read_bytes).  NULL on error (reported in `d`);
 * *status says whether it was a usage error. */
static fo_doc *load_article(const fo_job *job, const char *input, fo_diag *d, int *status)
{
    *status = FO_EXIT_USAGE;
    const fo_input_format *reader = job->from ? fo_input_format_by_name(job->from) : fo_input_format_by_path(input);
    if (!reader) {
        fo_buf names = {0}; /* from the table, so a new reader is listed too */
        for (const fo_input_format *f = fo_input_formats; f->name; f++)
            fo_buf_printf(&names, "%s%s", names.len ? ", " : "", f->name);
        fo_error(d, 0, 0, "unknown input format '%s' (formats: %s)", job->from, names.data);
        fo_buf_free(&names);
        return NULL;
    }
    if (check_metadata(&job->read, d) != 0)
        return NULL;
    *status = FO_EXIT_CONVERT;
    size_t len;
    char *raw = fo_read_file(input, &len, d);
    if (!raw)
        return NULL;
    fo_doc *doc = fo_read_bytes(reader, raw, len, input, &job->read, d);
    free(raw);
    if (doc)
        *status = FO_EXIT_OK;
    return doc;
}

int fo_convert(const fo_job *job, const char *input, const fo_target *targets, size_t n_targets, fo_diag *d)
{
    int status;
    fo_doc *doc = load_article(job, input, d, &status);
    if (!doc)
        return status;
    status = fo_write_targets(job, doc, targets, n_targets, d);
    fo_doc_free(doc);
    return status;
}

int fo_write_targets(const fo_job *job, const fo_doc *doc, const fo_target *targets, size_t n_targets, fo_diag *d)
{
    int status = FO_EXIT_OK;
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
    return status;
}
