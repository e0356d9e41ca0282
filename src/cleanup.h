/* cleanup.h — stopping cleanly where no caller can be told: out of memory deep inside an allocation,
 * and SIGINT/SIGTERM/SIGHUP during a write.  Either way the temporary files this process has made
 * (an output's ".NAME.XXXXXX" beside its destination, a font subset) are removed first, so a run
 * that stops leaves nothing behind but the files it had finished.
 *
 * This is the one place with process-wide mutable state: a signal handler and an allocation that
 * fails have no context argument.  Registering is async-signal-safe with respect to the handler
 * (signals are blocked while the table changes).
 */
#ifndef FOLIO_CLEANUP_H
#define FOLIO_CLEANUP_H

#include <stdbool.h>

enum { FO_EXIT_OUT_OF_MEMORY = 1 };

/* Remove `path` when the process stops on a signal or out of memory, until forgotten.  False when
 * the table is full or the path too long (the caller then goes on without the guarantee). */
bool fo_cleanup_add(const char *path);
void fo_cleanup_forget(const char *path);

/* The input being converted, named in the out-of-memory message (NULL: none; borrowed). */
void fo_cleanup_set_input(const char *name);

/* Print "INPUT: error: out of memory[: DETAIL]", remove the registered files, exit with status 1. */
_Noreturn void fo_out_of_memory(const char *detail_fmt, ...) __attribute__((format(printf, 1, 2)));

/* Install the handlers for SIGINT, SIGTERM and SIGHUP: remove the registered files, then die of the
 * same signal (so a shell sees the usual status). */
void fo_cleanup_install_signals(void);

#endif
