/* convert.h — one article through a reader and one or more writers, and many articles at once.
 *
 * Used by main.c for `folio INPUT -o OUTPUT`, for batch runs (`folio -d DIR -t pdf,epub FILE…`) and
 * for collections (`folio --collect FILE… -o packet.pdf`).
 */
#ifndef FOLIO_CONVERT_H
#define FOLIO_CONVERT_H

#include "readers.h"
#include "writers.h"

enum { FO_EXIT_OK = 0, FO_EXIT_CONVERT = 1, FO_EXIT_USAGE = 2 };

/* What every article of a run shares: reader options (with the -M overrides), writer options. */
typedef struct fo_job {
    const char *from;               /* -f: reader by name; NULL: by extension */
    fo_read_opts read;
    fo_write_opts write;
} fo_job;

/* One output of an article: a format and where it goes ("-" or NULL: standard output). */
typedef struct fo_target {
    const fo_format *format;
    const char *output;
} fo_target;

/* Read `input` once and write every target.  Errors go to `d`.  Returns an FO_EXIT_ status. */
int fo_convert(const fo_job *job, const char *input, const fo_target *targets, size_t n_targets, fo_diag *d);
/* Write a finished document to every target, each atomically (or to standard output). */
int fo_write_targets(const fo_job *job, const fo_doc *doc, const fo_target *targets, size_t n_targets, fo_diag *d);

/* Read every input with its own reader and write them as one collection (collect.c): a meeting
 * packet, a digest, a volume.  -M (job->read.meta) sets the collection's metadata; each article
 * keeps its own.  An input that cannot be read stops the run before anything is written, unless
 * `skip_bad`: then it is left out with a warning, the rest is written and the status is 1. */
int fo_collect(const fo_job *job, const char *const *inputs, size_t n_inputs, const fo_target *target,
               bool skip_bad);

/* Convert many articles into `outdir`, each into every format (OUTDIR/NAME.EXT), with `workers`
 * processes.  A bad article is reported and does not stop the others.  Shows a progress line when
 * stderr is a terminal and a summary at the end.  Returns FO_EXIT_OK when all converted. */
int fo_batch(const fo_job *job, const char *const *inputs, size_t n_inputs, const fo_format *const *formats,
             size_t n_formats, const char *outdir, int workers);

#endif
