/* batch.c — many articles into one directory, in several formats, with a pool of worker processes.
 *
 * Workers are forked processes rather than threads: a crash or a leak in one article (or in a
 * library under it) cannot take the run down or grow without bound, and nothing in the writers
 * has to be thread-safe.  Work that does not depend on the article (font discovery, font files)
 * is done once per worker process.  The parent hands out article numbers through a pipe and
 * collects one fixed-size record per article through another: both are atomic (< PIPE_BUF).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "convert.h"

typedef struct batch {
    const fo_job *job;
    const char *const *inputs;
    size_t n_inputs;
    const fo_format *const *formats;
    size_t n_formats;
    const char *outdir;
    size_t done, failed;
    bool progress;              /* stderr is a terminal: show "[120/1000] name.txt" */
} batch;

typedef struct result_record {
    uint32_t index;
    int32_t status;
} result_record;

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* OUTDIR/NAME.EXT, NAME being the input's file name without its extension. */
static char *output_path(const batch *b, const char *input, const fo_format *format)
{
    const char *name = base_name(input);
    const char *dot = strrchr(name, '.');
    size_t name_len = dot && dot != name ? (size_t)(dot - name) : strlen(name);
    size_t ext_len = strcspn(format->extensions, " ");
    fo_buf path = {0};
    fo_buf_printf(&path, "%s/%.*s%.*s", b->outdir, (int)name_len, name, (int)ext_len, format->extensions);
    return fo_buf_steal(&path);
}

/* Convert article i into every format; returns its FO_EXIT_ status.  Messages go to stderr. */
static int convert_one(const batch *b, size_t i)
{
    fo_target targets[16];
    size_t n = b->n_formats < 16 ? b->n_formats : 16;
    for (size_t k = 0; k < n; k++)
        targets[k] = (fo_target){b->formats[k], output_path(b, b->inputs[i], b->formats[k])};
    fo_diag d;
    fo_diag_init(&d, b->inputs[i], stderr);
    int status = fo_convert(b->job, b->inputs[i], targets, n, &d);
    for (size_t k = 0; k < n; k++)
        free((char *)targets[k].output);
    return status;
}

static void record(batch *b, size_t index, int status)
{
    b->done++;
    if (status != FO_EXIT_OK)
        b->failed++;
    if (b->progress) {
        fprintf(stderr, "\r\033[K[%zu/%zu] %s", b->done, b->n_inputs, base_name(b->inputs[index]));
        fflush(stderr);
    }
}

/* Per process: the job with a writer context of this process's own (the PDF writer's fonts are
 * found, opened and parsed once, then reused by every article this process converts). */
static fo_job process_job(const batch *b, fo_write_ctx **ctx)
{
    fo_job job = *b->job;
    *ctx = fo_write_ctx_new();
    job.write.ctx = *ctx;
    return job;
}

static void run_sequential(batch *b)
{
    fo_write_ctx *ctx;
    fo_job job = process_job(b, &ctx);
    const fo_job *shared = b->job;
    b->job = &job;
    for (size_t i = 0; i < b->n_inputs; i++)
        record(b, i, convert_one(b, i));
    b->job = shared;
    fo_write_ctx_free(ctx);
}

static void worker_loop(const batch *b, int work_fd, int result_fd)
{
    uint32_t index;
    for (;;) {
        ssize_t n = read(work_fd, &index, sizeof index);
        if (n < 0 && errno == EINTR)
            continue;
        if (n != (ssize_t)sizeof index)
            break;
        result_record r = {index, convert_one(b, index)};
        if (write(result_fd, &r, sizeof r) != (ssize_t)sizeof r)
            break;
    }
}

static int run_parallel(batch *b, int workers)
{
    int work[2], results[2];
    if (pipe(work) != 0 || pipe(results) != 0) {
        fprintf(stderr, "folio: error: cannot create pipes: %s\n", strerror(errno));
        return -1;
    }
    pid_t *pids = fo_xmalloc(sizeof *pids * (size_t)workers);
    int started = 0;
    fflush(NULL);
    for (; started < workers; started++) {
        pid_t pid = fork();
        if (pid < 0)
            break;
        if (pid == 0) {
            close(work[1]);
            close(results[0]);
            fo_write_ctx *ctx;
            fo_job job = process_job(b, &ctx);
            b->job = &job;
            worker_loop(b, work[0], results[1]);
            fo_write_ctx_free(ctx);
            _exit(0);
        }
        pids[started] = pid;
    }
    close(work[0]);
    close(results[1]);
    if (started == 0) {
        fprintf(stderr, "folio: error: cannot start workers: %s\n", strerror(errno));
        close(work[1]);
        close(results[0]);
        free(pids);
        return -1;
    }
    /* hand out work and collect results at once, so neither pipe can fill up and stall */
    signal(SIGPIPE, SIG_IGN);
    size_t next = 0;
    bool *finished = calloc(b->n_inputs, sizeof *finished);
    while (b->done < b->n_inputs) {
        struct pollfd fds[2] = {{results[0], POLLIN, 0}, {next < b->n_inputs ? work[1] : -1, POLLOUT, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[1].revents & POLLOUT) {
            uint32_t index = (uint32_t)next;
            if (write(work[1], &index, sizeof index) == (ssize_t)sizeof index)
                next++;
            if (next == b->n_inputs)
                close(work[1]); /* workers see the end of the work */
        } else if (fds[1].revents & (POLLERR | POLLHUP)) {
            break;
        }
        if (fds[0].revents & (POLLIN | POLLHUP)) {
            result_record r;
            ssize_t n = read(results[0], &r, sizeof r);
            if (n == 0)
                break; /* every worker is gone */
            if (n == (ssize_t)sizeof r && r.index < b->n_inputs && !finished[r.index]) {
                finished[r.index] = true;
                record(b, r.index, r.status);
            }
        }
    }
    if (next < b->n_inputs)
        close(work[1]);
    close(results[0]);
    for (int i = 0; i < started; i++) {
        int ws;
        while (waitpid(pids[i], &ws, 0) < 0 && errno == EINTR)
            ;
        if (WIFSIGNALED(ws))
            fprintf(stderr, "folio: error: a worker died (signal %d)\n", WTERMSIG(ws));
    }
    /* an article whose worker died never reported: it failed */
    for (size_t i = 0; i < b->n_inputs; i++)
        if (!finished[i]) {
            fprintf(stderr, "%s: error: not converted (its worker stopped)\n", b->inputs[i]);
            b->done++;
            b->failed++;
        }
    free(finished);
    free(pids);
    return 0;
}

/* Two inputs with the same name would write the same outputs. */
static bool names_collide(const batch *b)
{
    bool collide = false;
    for (size_t i = 0; i < b->n_inputs && !collide; i++) {
        const fo_format *f = b->formats[0];
        char *a = output_path(b, b->inputs[i], f);
        for (size_t k = i + 1; k < b->n_inputs && !collide; k++) {
            char *c = output_path(b, b->inputs[k], f);
            if (strcmp(a, c) == 0) {
                fprintf(stderr, "folio: error: %s and %s would both write %s\n", b->inputs[i], b->inputs[k], a);
                collide = true;
            }
            free(c);
        }
        free(a);
    }
    return collide;
}

int fo_batch(const fo_job *job, const char *const *inputs, size_t n_inputs, const fo_format *const *formats,
             size_t n_formats, const char *outdir, int workers)
{
    batch b = {job, inputs, n_inputs, formats, n_formats, outdir, 0, 0, isatty(STDERR_FILENO) == 1};
    struct stat st;
    if (stat(outdir, &st) != 0 && mkdir(outdir, 0777) != 0) {
        fprintf(stderr, "folio: error: cannot create output directory %s: %s\n", outdir, strerror(errno));
        return FO_EXIT_CONVERT;
    }
    if (stat(outdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "folio: error: %s is not a directory\n", outdir);
        return FO_EXIT_CONVERT;
    }
    if (n_inputs > 100000 ? false : names_collide(&b))
        return FO_EXIT_USAGE;
    if (workers > (int)n_inputs)
        workers = (int)n_inputs;
    if (workers <= 1 || run_parallel(&b, workers) != 0)
        run_sequential(&b);
    if (b.progress)
        fputs("\r\033[K", stderr);
    fprintf(stderr, "folio: %zu of %zu articles converted into %s", b.done - b.failed, b.n_inputs, outdir);
    if (b.failed)
        fprintf(stderr, "; %zu failed", b.failed);
    fputc('\n', stderr);
    return b.failed ? FO_EXIT_CONVERT : FO_EXIT_OK;
}
