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
    int64_t source_date_epoch;      /* SOURCE_DATE_EPOCH (checked), -1 when unset: fo_doc_timestamp */
    fo_read_opts read;
    fo_write_opts write;
} fo_job;

/* Check one -M KEY=VALUE before any article is read (main.c puts what it returns in read.meta): a known key, a value in UTF-8 (cleaned as
 * article text is: fo_text_clean), a date on the calendar, a BCP 47 language tag, a non-empty
 * identifier.  Returns the cleaned "key=value" (a time without an offset gets +08:00; caller frees),
 * or NULL with an error in `d`. */
char *fo_meta_override_check(const char *kv, fo_diag *d);

/* One output of an article: a format and where it goes ("-" or NULL: standard output). */
typedef struct fo_target {
    const fo_format *format;
    const char *output;
} fo_target;

/* The files a run reads — its inputs and the job's own (--css, --font, the style files) — by device
 * and inode, so that an output which is one of them, under another name or through a link, is
 * refused before anything is written. */
typedef struct fo_readset {
    fo_set ids;                 /* "DEV:INO" → index into names */
    const char **names;         /* borrowed, or owned when in `owned` */
    size_t n_names;
    char **owned;
    size_t n_owned;
} fo_readset;

void fo_readset_init(fo_readset *rs, const fo_job *job, const char *const *inputs, size_t n_inputs);
void fo_readset_add(fo_readset *rs, const char *path);     /* borrowed: must outlive the set */
/* The name of the file that writing `output` would overwrite, or NULL ("-" is never one). */
const char *fo_readset_find(const fo_readset *rs, const char *output);
void fo_readset_free(fo_readset *rs);

/* Read `input` once and write every target.  Errors go to `d`.  Returns an FO_EXIT_ status. */
int fo_convert(const fo_job *job, const char *input, const fo_target *targets, size_t n_targets, fo_diag *d);
/* Write a finished document to every target, all or nothing: each into a temporary file beside its
 * destination, renamed into place when every target has succeeded (standard output and devices are
 * written last). */
int fo_write_targets(const fo_job *job, const fo_doc *doc, const fo_target *targets, size_t n_targets, fo_diag *d);

/* Read every input with its own reader and write them as one collection (collect.c): a meeting
 * packet, a digest, a volume.  -M (job->read.meta) sets the collection's metadata; each article
 * keeps its own.  An input that cannot be read stops the run before anything is written, unless
 * `skip_bad`: then it is left out with a warning, the rest is written and the status is 1. */
int fo_collect(const fo_job *job, const char *const *inputs, size_t n_inputs, const fo_target *target,
               bool skip_bad);

/* Convert many articles into `outdir`, each into every format (OUTDIR/NAME.EXT), with `workers`
 * processes.  Two inputs that would write one file, or an output that is a file the run reads
 * (`reads`), are a usage error before anything is written.  A bad article is reported and does
 * not stop the others.  Shows a progress line when
 * stderr is a terminal and a summary at the end.  Returns FO_EXIT_OK when all converted. */
int fo_batch(const fo_job *job, const char *const *inputs, size_t n_inputs, const fo_format *const *formats,
             size_t n_formats, const char *outdir, int workers, const fo_readset *reads);

#endif
