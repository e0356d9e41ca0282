/* convert.c — one article: read once, write every requested format, each output atomically. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "convert.h"
#include "style_find.h"
#include "text.h"

/* ---- metadata overrides (-M key=value) ---- */

/* The value's own rules; `value` is cleaned UTF-8.  "" when it is fine, else what was expected. */
static const char *bad_meta_value(const char *key, const char *value)
{
    if ((strcmp(key, "date") == 0 || strcmp(key, "document-date") == 0) && !fo_date_parse(value, NULL))
        return "expected an ISO 8601 date on the calendar: 2025-01-16, 2025-01-16T16:16 (China time) or "
               "2025-01-16T08:16:00Z / +08:00";
    if (strcmp(key, "print-date") == 0 && !fo_date_parse(value, NULL))
        return "expected an official document's date of printing as an ISO 8601 date on the calendar: 2025-01-16";
    if ((strcmp(key, "language") == 0 || strcmp(key, "lang") == 0) && !fo_language_tag_valid(value))
        return "expected a BCP 47 language tag (zh-CN, zh-Hant, en)";
    if (strcmp(key, "identifier") == 0 && !*value)
        return "expected an identifier (a URN or URL); an empty one is not allowed";
    return "";
}

char *fo_meta_override_check(const char *kv, fo_diag *d)
{
    const char *eq = strchr(kv, '=');
    size_t klen = eq ? (size_t)(eq - kv) : strlen(kv);
    char *key = fo_xstrdup(kv);
    key[klen] = '\0';
    bool known = eq && fo_meta_key_known(key);
    free(key);
    if (!known) {
        fo_error(d, 0, 0, "-M %s: %s (keys: title, subtitle, original-title, author, date, source, publisher, "
                 "category, rights, language, identifier, keywords, abstract; an official document's doc-number, "
                 "index-number, issuer, document-date, copy-number, secrecy, urgency, organ-mark, signer, cc, printer, "
                 "print-date)", kv,
                 eq ? "unknown metadata key" : "expected KEY=VALUE");
        return NULL;
    }
    size_t vlen = strlen(eq + 1), bad = fo_utf8_validate(eq + 1, vlen);
    if (bad < vlen) {
        fo_error(d, 0, 0, "-M %.*s=…: the value is not UTF-8 (byte 0x%02X at byte offset %zu)", (int)klen, kv,
                 (unsigned char)eq[1 + bad], bad);
        return NULL;
    }
    char *clean = fo_xstrdup(kv);
    fo_text_clean(clean + klen + 1, vlen);
    clean[klen] = '\0';
    const char *problem = bad_meta_value(clean, clean + klen + 1);
    clean[klen] = '=';
    if (*problem) {
        fo_error(d, 0, 0, "-M %s: %s", clean, problem);
        free(clean);
        return NULL;
    }
    fo_date date;
    size_t dk = strncmp(clean, "date=", 5) == 0 ? 5 : strncmp(clean, "document-date=", 14) == 0 ? 14 : 0;
    if (dk && fo_date_parse(clean + dk, &date) && date.has_time && !date.has_offset) {
        size_t n = strlen(clean);
        clean = fo_xrealloc(clean, n + 7);
        memcpy(clean + n, "+08:00", 7); /* a time without an offset is China time: say so in every format */
    }
    return clean;
}

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

/* ---- outputs that would overwrite what the run reads ---- */

/* "DEV:INO" of the file `path` names (links followed; "-" is standard input); false when there is
 * none. */
static bool file_id(const char *path, char *key, size_t size)
{
    struct stat st;
    if (strcmp(path, "-") == 0 ? fstat(STDIN_FILENO, &st) != 0 : stat(path, &st) != 0)
        return false;
    snprintf(key, size, "%llu:%llu", (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
    return true;
}

void fo_readset_add(fo_readset *rs, const char *path)
{
    char key[64];
    if (!path || !file_id(path, key, sizeof key))
        return;
    if (fo_set_add(&rs->ids, key, rs->n_names, NULL)) {
        if ((rs->n_names & (rs->n_names - 1)) == 0) /* 0, 1, 2, 4 …: grow at powers of two */
            rs->names = fo_xrealloc(rs->names, (rs->n_names ? rs->n_names * 2 : 1) * sizeof *rs->names);
        rs->names[rs->n_names++] = path;
    }
}

static void readset_add_owned(fo_readset *rs, char *path)
{
    if (!path)
        return;
    rs->owned = fo_xrealloc(rs->owned, (rs->n_owned + 1) * sizeof *rs->owned);
    rs->owned[rs->n_owned++] = path;
    fo_readset_add(rs, path);
}

void fo_readset_init(fo_readset *rs, const fo_job *job, const char *const *inputs, size_t n_inputs)
{
    memset(rs, 0, sizeof *rs);
    for (size_t i = 0; i < n_inputs; i++)
        fo_readset_add(rs, inputs[i]);
    const fo_write_opts *w = &job->write;
    for (size_t i = 0; i < w->n_css; i++)
        fo_readset_add(rs, w->css[i]);
    if (w->font) { /* FILE[:INDEX] */
        char *file = fo_xstrdup(w->font), *colon = strrchr(file, ':');
        if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1))
            *colon = '\0';
        readset_add_owned(rs, file);
    }
    fo_diag quiet;
    fo_diag_init(&quiet, NULL, NULL);
    static const char *const exts[] = {".ini", ".css"};
    for (size_t i = 0; i < 2; i++)
        readset_add_owned(rs, fo_style_find(w->style_dir, w->style, exts[i], &quiet));
}

const char *fo_readset_find(const fo_readset *rs, const char *output)
{
    char key[64];
    size_t at;
    if (!output || strcmp(output, "-") == 0 || !file_id(output, key, sizeof key))
        return NULL;
    return fo_set_find(&rs->ids, key, &at) ? rs->names[at] : NULL;
}

void fo_readset_free(fo_readset *rs)
{
    fo_set_free(&rs->ids);
    for (size_t i = 0; i < rs->n_owned; i++)
        free(rs->owned[i]);
    free(rs->owned);
    free(rs->names);
}

/* ---- output ----
 * An article's outputs are written all or nothing: each is rendered and written to a temporary file
 * beside its destination (".NAME.XXXXXX", removed on a signal or out of memory: cleanup.h), and
 * only when every format has succeeded are they renamed into place.  A reader of a destination sees
 * the old file or the whole new one, never half of one; a failed run leaves the old files as they
 * were.  Standard output and destinations that are not regular files (/dev/null, a FIFO) cannot be
 * replaced: their bytes are held and written at the end, after the temporary files are in place. */

typedef struct pending {
    const char *output;         /* as given; NULL or "-": standard output */
    char *path;                 /* the destination, symbolic links followed */
    char *tmp;                  /* the temporary file beside it, or NULL */
    fo_buf held;                /* standard output or a special file: written at commit */
    bool special;
} pending;

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

/* `path` with every symbolic link in its last component followed — live or dangling alike, so
 * that a link to a file that does not exist yet makes that file, as a live link replaces its
 * target (realpath would give up on the dangling one).  Caller frees. */
static char *follow_links(const char *path)
{
    char *cur = fo_xstrdup(path);
    for (int hops = 0; hops < 40; hops++) {
        char target[PATH_MAX];
        ssize_t n = readlink(cur, target, sizeof target - 1);
        if (n < 0)
            break;
        target[n] = '\0';
        const char *slash = strrchr(cur, '/');
        fo_buf next = {0};
        if (target[0] == '/' || !slash)
            fo_buf_puts(&next, target);
        else
            fo_buf_printf(&next, "%.*s/%s", (int)(slash - cur), cur, target);
        free(cur);
        cur = fo_buf_steal(&next);
    }
    return cur;
}

/* ".NAME.XXXXXX" beside `path`; a name too long for that (NAME_MAX) gets ".folio.XXXXXX". */
static char *temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    int dir_len = slash ? (int)(slash - path) + 1 : 0;
    fo_buf tmp = {0};
    if (strlen(name) + 8 > NAME_MAX)
        fo_buf_printf(&tmp, "%.*s.folio.XXXXXX", dir_len, path);
    else
        fo_buf_printf(&tmp, "%.*s.%s.XXXXXX", dir_len, path, name);
    return fo_buf_steal(&tmp);
}

/* A replaced file keeps its mode, and its owner and group as far as this process may set them;
 * a new one gets 0666 less the umask. */
static bool set_mode(int fd, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        if (fchown(fd, st.st_uid, st.st_gid) != 0 && fchown(fd, (uid_t)-1, st.st_gid) != 0) {
            /* not ours to give away: the file becomes ours, as any rewrite by this user would */
        }
        return fchmod(fd, st.st_mode & 07777) == 0;
    }
    mode_t mask = umask(0);
    umask(mask);
    return fchmod(fd, 0666 & ~mask) == 0;
}

static int stage_in_temp(pending *p, const fo_buf *out, fo_diag *d)
{
    p->tmp = temp_name(p->path);
    int fd = mkstemp(p->tmp);
    if (fd < 0) {
        fo_error(d, 0, 0, "cannot write %s: %s", p->output, strerror(errno));
        free(p->tmp);
        p->tmp = NULL;
        return -1;
    }
    fo_cleanup_add(p->tmp);
    bool ok = set_mode(fd, p->path) && write_all(fd, out);
    int saved = errno;
    if (close(fd) != 0 && ok)
        ok = false, saved = errno;
    if (!ok)
        fo_error(d, 0, 0, "cannot write %s: %s", p->output, strerror(saved));
    return ok ? 0 : -1;
}

/* Take one rendered output: into a temporary file, or held for the end. */
static int stage(pending *p, fo_buf *out, fo_diag *d)
{
    struct stat st;
    if (p->output && stat(p->output, &st) == 0 && S_ISDIR(st.st_mode)) { /* now, not after the others */
        fo_error(d, 0, 0, "cannot write %s: %s", p->output, strerror(EISDIR));
        return -1;
    }
    if (!p->output || strcmp(p->output, "-") == 0 || (stat(p->output, &st) == 0 && !S_ISREG(st.st_mode))) {
        p->special = p->output && strcmp(p->output, "-") != 0;
        p->held = *out;
        *out = (fo_buf){0};
        return 0;
    }
    p->path = follow_links(p->output);
    return stage_in_temp(p, out, d);
}

static int write_held(const pending *p, fo_diag *d)
{
    if (!p->special) {
        if (fwrite(p->held.data, 1, p->held.len, stdout) == p->held.len && fflush(stdout) == 0)
            return 0;
        fo_error(d, 0, 0, "cannot write to standard output: %s", strerror(errno));
        return -1;
    }
    int fd = open(p->output, O_WRONLY);
    bool ok = fd >= 0 && write_all(fd, &p->held);
    int saved = errno;
    if (fd >= 0 && close(fd) != 0 && ok)
        ok = false, saved = errno;
    if (!ok)
        fo_error(d, 0, 0, "cannot write %s: %s", p->output, strerror(saved));
    return ok ? 0 : -1;
}

/* Every output rendered and staged: rename the temporary files into place, then write what was
 * held.  With `ok` false, remove the temporary files instead.  Returns whether all went well. */
static bool finish(pending *ps, size_t n, bool ok, fo_diag *d)
{
    for (size_t i = 0; i < n; i++) {
        pending *p = &ps[i];
        if (p->tmp && ok && rename(p->tmp, p->path) != 0) {
            fo_error(d, 0, 0, "cannot write %s: %s", p->output, strerror(errno));
            ok = false;
        } else if (p->tmp && ok) {
            fo_cleanup_forget(p->tmp);
            free(p->tmp);
            p->tmp = NULL;
        }
    }
    for (size_t i = 0; i < n; i++) {
        pending *p = &ps[i];
        if (ok && !p->tmp && p->held.data && write_held(p, d) != 0)
            ok = false;
        if (p->tmp) {
            unlink(p->tmp);
            fo_cleanup_forget(p->tmp);
            free(p->tmp);
        }
        free(p->path);
        fo_buf_free(&p->held);
    }
    return ok;
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
    fo_cleanup_set_input(input);
    size_t len;
    char *raw = fo_read_file(input, &len, d);
    if (!raw)
        return NULL;
    fo_doc *doc = fo_read_owned(reader, raw, len, input, &job->read, d); /* frees raw once decoded */
    if (doc)
        doc->source_date_epoch = job->source_date_epoch;
    for (size_t i = 0; doc && i < doc->n_parts; i++) /* a DocBook book read back: its articles too */
        doc->parts[i]->source_date_epoch = job->source_date_epoch;
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
    pending *ps = fo_xmalloc((n_targets ? n_targets : 1) * sizeof *ps);
    memset(ps, 0, (n_targets ? n_targets : 1) * sizeof *ps);
    size_t staged = 0;
    bool ok = true;
    for (; staged < n_targets && ok; staged++) {
        fo_buf out = {0};
        ps[staged].output = targets[staged].output;
        ok = targets[staged].format->write(doc, &job->write, &out, d) == 0 && stage(&ps[staged], &out, d) == 0;
        fo_buf_free(&out);
    }
    ok = finish(ps, staged, ok, d);
    free(ps);
    return ok ? FO_EXIT_OK : FO_EXIT_CONVERT;
}
