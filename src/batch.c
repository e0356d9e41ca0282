/* batch.c — many articles into one directory, in several formats, with a pool of worker processes.
 *
 * Workers are forked processes rather than threads: a crash or a leak in one article (or in a
 * library under it) cannot take the run down or grow without bound, and nothing in the writers
 * has to be thread-safe.  Work that does not depend on the article (font discovery, font files)
 * is done once per worker process.  The parent hands out article numbers through a pipe per worker
 * and collects one fixed-size record per article through a shared one: both are atomic (< PIPE_BUF).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <stdint.h>
#include <unistd.h>

#include "cleanup.h"
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
    int32_t slot;               /* the worker that converted it */
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

/* ---- workers ----
 * Every article is converted in a worker process, whatever -j says, so that one which crashes or
 * runs out of memory fails alone: the parent sees its worker die, reports that article and starts
 * another worker for the rest.  Each worker has a pipe of its own for work, so the parent always
 * knows which article a worker holds; results come back through one shared pipe. */

typedef struct worker {
    pid_t pid;                  /* 0: no process in this slot */
    int work_fd;                /* the parent's end of its work pipe; -1 once closed */
    int64_t current;            /* the article it converts, -1 when idle */
} worker;

typedef struct pool {
    batch *b;
    worker *w;
    int n;
    int results;                /* the parent's end of the result pipe */
    int results_w;              /* the workers' end, kept to start new workers */
    size_t next;                /* the next article to hand out */
    bool *finished;
} pool;

static void worker_loop(const batch *b, int slot, int work_fd, int result_fd)
{
    uint32_t index;
    for (;;) {
        ssize_t n = read(work_fd, &index, sizeof index);
        if (n < 0 && errno == EINTR)
            continue;
        if (n != (ssize_t)sizeof index)
            break;
        result_record r = {index, convert_one(b, index), slot};
        if (write(result_fd, &r, sizeof r) != (ssize_t)sizeof r)
            break;
    }
}

/* Fork the worker of `slot`; false when the system refuses. */
static bool start_worker(pool *p, int slot)
{
    int work[2];
    if (pipe(work) != 0)
        return false;
    pid_t parent = getpid();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(work[0]);
        close(work[1]);
        return false;
    }
    if (pid == 0) {
#ifdef __linux__
        /* the parent stopped by a signal takes its workers with it (they remove their temporary
         * files on SIGTERM), rather than leave them writing */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            _exit(1);
#endif
        close(work[1]);
        close(p->results);
        for (int i = 0; i < p->n; i++)
            if (p->w[i].work_fd >= 0)
                close(p->w[i].work_fd);
        fo_write_ctx *ctx;
        fo_job job = process_job(p->b, &ctx);
        p->b->job = &job;
        worker_loop(p->b, slot, work[0], p->results_w);
        fo_write_ctx_free(ctx);
        _exit(0);
    }
    close(work[0]);
    p->w[slot] = (worker){pid, work[1], -1};
    return true;
}

/* Give an idle worker the next article, or close its pipe when there is none. */
static void hand_out(pool *p, int slot)
{
    worker *w = &p->w[slot];
    if (w->work_fd < 0)
        return;
    if (p->next < p->b->n_inputs) {
        uint32_t index = (uint32_t)p->next;
        if (write(w->work_fd, &index, sizeof index) == (ssize_t)sizeof index) {
            w->current = (int64_t)p->next++;
            return;
        }
    }
    close(w->work_fd);
    w->work_fd = -1;
}

static void take_results(pool *p, int timeout_ms)
{
    struct pollfd fd = {p->results, POLLIN, 0};
    while (poll(&fd, 1, timeout_ms) > 0 && (fd.revents & POLLIN)) {
        result_record r;
        if (read(p->results, &r, sizeof r) != (ssize_t)sizeof r)
            return;
        if (r.index < p->b->n_inputs && !p->finished[r.index] && r.slot >= 0 && r.slot < p->n) {
            p->finished[r.index] = true;
            record(p->b, r.index, r.status);
            p->w[r.slot].current = -1;
            hand_out(p, r.slot);
        }
        timeout_ms = 0;
    }
}

/* A worker has ended: the article it held failed; start another worker while work remains. */
static void worker_ended(pool *p, pid_t pid, int ws)
{
    for (int i = 0; i < p->n; i++) {
        worker *w = &p->w[i];
        if (w->pid != pid)
            continue;
        w->pid = 0;
        if (w->work_fd >= 0)
            close(w->work_fd);
        w->work_fd = -1;
        if (w->current >= 0 && !p->finished[w->current]) {
            const char *input = p->b->inputs[w->current];
            if (WIFSIGNALED(ws))
                fprintf(stderr, "%s: error: not converted: its worker died (signal %d)\n", input, WTERMSIG(ws));
            else if (!WIFEXITED(ws) || WEXITSTATUS(ws) != FO_EXIT_OUT_OF_MEMORY)
                fprintf(stderr, "%s: error: not converted: its worker stopped\n", input);
            p->finished[w->current] = true; /* out of memory: the worker said so, naming the input */
            record(p->b, (size_t)w->current, FO_EXIT_CONVERT);
        }
        w->current = -1;
        if (p->next < p->b->n_inputs && start_worker(p, i))
            hand_out(p, i);
        return;
    }
}

static int live_workers(const pool *p)
{
    int live = 0;
    for (int i = 0; i < p->n; i++)
        live += p->w[i].pid != 0;
    return live;
}

static int run_workers(batch *b, int workers)
{
    int results[2];
    if (pipe(results) != 0) {
        fprintf(stderr, "folio: error: cannot create pipes: %s\n", strerror(errno));
        return -1;
    }
    pool p = {b, fo_xmalloc(sizeof(worker) * (size_t)workers), workers, results[0], results[1], 0, NULL};
    for (int i = 0; i < workers; i++)
        p.w[i] = (worker){0, -1, -1};
    p.finished = fo_xmalloc(b->n_inputs * sizeof *p.finished);
    memset(p.finished, 0, b->n_inputs * sizeof *p.finished);
    signal(SIGPIPE, SIG_IGN);
    int started = 0;
    for (int i = 0; i < workers; i++)
        started += start_worker(&p, i);
    if (started == 0) {
        fprintf(stderr, "folio: error: cannot start workers: %s\n", strerror(errno));
        close(results[0]);
        close(results[1]);
        free(p.w);
        free(p.finished);
        return -1;
    }
    for (int i = 0; i < workers; i++)
        if (p.w[i].pid)
            hand_out(&p, i);
    while (b->done < b->n_inputs && live_workers(&p) > 0) {
        take_results(&p, 200);
        int ws;
        pid_t pid;
        while ((pid = waitpid(-1, &ws, WNOHANG)) > 0) {
            take_results(&p, 0); /* what it sent before it ended counts */
            worker_ended(&p, pid, ws);
        }
    }
    for (int i = 0; i < workers; i++) {
        if (p.w[i].work_fd >= 0)
            close(p.w[i].work_fd);
        int ws;
        while (p.w[i].pid && waitpid(p.w[i].pid, &ws, 0) < 0 && errno == EINTR)
            ;
    }
    close(results[0]);
    close(results[1]);
    /* an article no worker reported (every worker gone, none could be started) failed */
    for (size_t i = 0; i < b->n_inputs; i++)
        if (!p.finished[i]) {
            fprintf(stderr, "%s: error: not converted (no worker was left to convert it)\n", b->inputs[i]);
            record(b, i, FO_EXIT_CONVERT);
        }
    free(p.finished);
    free(p.w);
    return 0;
}

/* Two inputs with one name would write the same outputs, and an output may be a file the run
 * reads: both are refused before anything is written.  Outputs of two formats never meet (their
 * extensions differ), so the first format's paths stand for all; a hash set keeps it linear. */
static bool names_collide(const batch *b)
{
    fo_set seen = {0};
    bool collide = false;
    for (size_t i = 0; i < b->n_inputs && !collide; i++) {
        char *path = output_path(b, b->inputs[i], b->formats[0]);
        size_t first;
        if (!fo_set_add(&seen, path, i, &first)) {
            fprintf(stderr, "folio: error: %s and %s would both write %s\n", b->inputs[first], b->inputs[i], path);
            collide = true;
        }
        free(path);
    }
    fo_set_free(&seen);
    return collide;
}

static bool overwrites_input(const batch *b, const fo_readset *reads)
{
    for (size_t i = 0; i < b->n_inputs; i++) {
        for (size_t k = 0; k < b->n_formats; k++) {
            char *path = output_path(b, b->inputs[i], b->formats[k]);
            const char *victim = fo_readset_find(reads, path);
            if (victim)
                fprintf(stderr, "folio: error: the output %s (of %s) is %s, which this run reads: "
                        "refusing to overwrite it\n", path, b->inputs[i], victim);
            free(path);
            if (victim)
                return true;
        }
    }
    return false;
}

int fo_batch(const fo_job *job, const char *const *inputs, size_t n_inputs, const fo_format *const *formats,
             size_t n_formats, const char *outdir, int workers, const fo_readset *reads)
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
    if (names_collide(&b) || overwrites_input(&b, reads))
        return FO_EXIT_USAGE;
    if (workers > (int)n_inputs)
        workers = (int)n_inputs;
    if (run_workers(&b, workers) != 0)
        run_sequential(&b); /* no process to spare: convert here, one article after another */
    if (b.progress)
        fputs("\r\033[K", stderr);
    fprintf(stderr, "folio: %zu of %zu articles converted into %s", b.done - b.failed, b.n_inputs, outdir);
    if (b.failed)
        fprintf(stderr, "; %zu failed", b.failed);
    fputc('\n', stderr);
    return b.failed ? FO_EXIT_CONVERT : FO_EXIT_OK;
}
