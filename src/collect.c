/* collect.c — many articles, one document (`folio --collect FILE… -o packet.pdf`): a meeting packet,
 * a weekly digest, a volume for the archive.
 *
 * Every input is read by its own reader, exactly as for a single conversion (fo_read_bytes), and
 * becomes a part of one collection document (doc.h) in the order given; -M sets the collection's
 * own metadata, never the articles'.  All inputs are read before anything is written, so an input
 * that fails stops the run with no output, or with --skip-bad is left out (and the status is 1).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "convert.h"

/* -M KEY=VALUE for the collection; a usage error names the first bad one. */
static int set_collection_meta(fo_doc *collection, const fo_read_opts *opts, fo_diag *d)
{
    for (size_t i = 0; i < opts->n_meta; i++) {
        const char *kv = opts->meta[i], *eq = strchr(kv, '=');
        char *key = eq ? strndup(kv, (size_t)(eq - kv)) : NULL;
        bool set = key && fo_meta_set(collection, key, eq + 1);
        free(key);
        if (!set) {
            fo_error(d, 0, 0, "-M %s: expected KEY=VALUE with a known key", kv);
            return -1;
        }
    }
    return 0;
}

/* One input as an article, with its own reader and no -M (that is the collection's). */
static fo_doc *read_part(const fo_job *job, const fo_input_format *reader, const char *input)
{
    fo_diag d;
    fo_diag_init(&d, input, stderr);
    size_t len;
    char *raw = fo_read_file(input, &len, &d);
    if (!raw)
        return NULL;
    fo_read_opts opts = job->read;
    opts.meta = NULL;
    opts.n_meta = 0;
    fo_doc *doc = fo_read_owned(reader ? reader : fo_input_format_by_path(input), raw, len, input, &opts, &d);
    if (doc)
        doc->source_date_epoch = job->source_date_epoch;
    for (size_t i = 0; doc && i < doc->n_parts; i++) /* a DocBook book read back: its articles too */
        doc->parts[i]->source_date_epoch = job->source_date_epoch;
    return doc;
}

/* An input's articles into the collection: the article, or every article of a collection read
 * back from its DocBook book (whose own metadata gives way to the new collection's). */
static void add_articles(fo_doc *collection, fo_doc *input)
{
    if (!fo_doc_is_collection(input)) {
        fo_doc_add_part(collection, input);
        return;
    }
    for (size_t i = 0; i < input->n_parts; i++)
        fo_doc_add_part(collection, input->parts[i]);
    input->n_parts = 0; /* the articles are the collection's now */
    fo_doc_free(input);
}

/* Whether `output` is one of the inputs: the collection would be written over an article. */
static const char *output_is_input(const char *output, const char *const *inputs, size_t n)
{
    struct stat out, in;
    if (!output || strcmp(output, "-") == 0 || stat(output, &out) != 0)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (stat(inputs[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino)
            return inputs[i];
    return NULL;
}

/* Read every input into `collection`; the number left out, or -1 when one failed without skip_bad. */
static long read_parts(fo_doc *collection, const fo_job *job, const fo_input_format *reader,
                       const char *const *inputs, size_t n, bool skip_bad, fo_diag *d)
{
    long skipped = 0;
    for (size_t i = 0; i < n; i++) {
        fo_doc *part = read_part(job, reader, inputs[i]);
        if (part) {
            add_articles(collection, part);
        } else if (skip_bad) {
            fo_warn(d, 0, 0, "%s left out of the collection (--skip-bad)", inputs[i]);
            skipped++;
        } else {
            fo_error(d, 0, 0, "nothing written: %s could not be read (--skip-bad leaves such inputs out)",
                     inputs[i]);
            return -1;
        }
    }
    return skipped;
}

int fo_collect(const fo_job *job, const char *const *inputs, size_t n_inputs, const fo_target *target,
               bool skip_bad)
{
    fo_diag d;
    fo_diag_init(&d, NULL, stderr);
    const fo_input_format *reader = job->from ? fo_input_format_by_name(job->from) : NULL;
    const char *clash = output_is_input(target->output, inputs, n_inputs);
    if ((job->from && !reader) || clash) {
        if (clash)
            fo_error(&d, 0, 0, "the output %s is the input %s: the collection would replace an article",
                     target->output, clash);
        else
            fo_error(&d, 0, 0, "unknown input format '%s'", job->from);
        return FO_EXIT_USAGE;
    }
    fo_doc *collection = fo_doc_new();
    if (!collection) {
        fo_error(&d, 0, 0, "out of memory");
        return FO_EXIT_CONVERT;
    }
    collection->source_date_epoch = job->source_date_epoch;
    int status = FO_EXIT_USAGE;
    if (set_collection_meta(collection, &job->read, &d) != 0)
        goto done;
    status = FO_EXIT_CONVERT;
    long skipped = read_parts(collection, job, reader, inputs, n_inputs, skip_bad, &d);
    if (skipped < 0)
        goto done;
    if (collection->n_parts == 0) {
        fo_error(&d, 0, 0, "nothing written: no input could be read");
        goto done;
    }
    fo_doc_finish(collection);
    if (!collection->meta.title || !*collection->meta.title)
        fo_warn(&d, 0, 0, "the collection has no title (-M title=…); every output calls it %s",
                fo_doc_title(collection));
    status = fo_write_targets(job, collection, target, 1, &d);
    if (status == FO_EXIT_OK && skipped)
        status = FO_EXIT_CONVERT;
done:
    fo_doc_free(collection);
    return status;
}
