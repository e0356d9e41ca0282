/* cleanup.c — temporary files removed on a signal or out of memory; the out-of-memory exit. */
#include "cleanup.h"

#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A few slots are enough: an article's outputs (one per format, written all or nothing) and a
 * font subset or two.  A slot is in use when its first byte is not NUL. */
enum { SLOTS = 24 };
static char temp_paths[SLOTS][PATH_MAX];
static const char *current_input;

/* Block the handled signals while the table changes, so the handler never sees half a path. */
static void block_signals(bool block, sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    if (block)
        sigprocmask(SIG_BLOCK, &set, old);
    else
        sigprocmask(SIG_SETMASK, old, NULL);
}

bool fo_cleanup_add(const char *path)
{
    if (strlen(path) >= PATH_MAX)
        return false;
    sigset_t old;
    block_signals(true, &old);
    bool added = false;
    for (int i = 0; i < SLOTS && !added; i++) {
        if (temp_paths[i][0] == '\0') {
            strcpy(temp_paths[i], path);
            added = true;
        }
    }
    block_signals(false, &old);
    return added;
}

void fo_cleanup_forget(const char *path)
{
    sigset_t old;
    block_signals(true, &old);
    for (int i = 0; i < SLOTS; i++)
        if (strcmp(temp_paths[i], path) == 0)
            temp_paths[i][0] = '\0';
    block_signals(false, &old);
}

void fo_cleanup_set_input(const char *name) { current_input = name; }

/* Async-signal-safe: unlink only. */
static void remove_temp_files(void)
{
    for (int i = 0; i < SLOTS; i++)
        if (temp_paths[i][0])
            unlink(temp_paths[i]);
}

void fo_out_of_memory(const char *detail_fmt, ...)
{
    remove_temp_files();
    /* no allocation from here on: stderr is unbuffered, and the message is built on the stack */
    char detail[256] = "";
    if (detail_fmt) {
        va_list ap;
        va_start(ap, detail_fmt);
        vsnprintf(detail, sizeof detail, detail_fmt, ap);
        va_end(ap);
    }
    fprintf(stderr, "%s: error: out of memory%s%s\n", current_input ? current_input : "folio", *detail ? ": " : "",
            detail);
    _exit(FO_EXIT_OUT_OF_MEMORY);
}

static void on_signal(int sig)
{
    remove_temp_files();
    signal(sig, SIG_DFL);
    raise(sig);
}

void fo_cleanup_install_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}
