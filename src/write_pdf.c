/* write_pdf.c — placeholder until the pdf writer lands: says so instead of writing anything. */
#include "writers.h"

int fo_write_pdf(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d)
{
    (void)doc, (void)opts, (void)out;
    fo_error(d, 0, 0, "the pdf writer is not built yet");
    return -1;
}
