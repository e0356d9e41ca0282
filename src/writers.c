/* writers.c — the table of output formats. */
#include "writers.h"

#include <string.h>
#include <strings.h>

const fo_format fo_formats[] = {
    {"docbook", ".xml .dbk", fo_write_docbook, "DocBook 5.0 XML (archive)"},
    {"epub", ".epub", fo_write_epub, "EPUB 3 with an EPUB 2 NCX (e-readers)"},
    {"pdf", ".pdf", fo_write_pdf, "A4 PDF with embedded CJK fonts (print)"},
    {"html", ".html .xhtml .htm", fo_write_xhtml, "one XHTML5 page"},
    {"native", ".native", fo_write_native, "the document tree, for tests and debugging"},
    {NULL, NULL, NULL, NULL},
};

const fo_format *fo_format_by_name(const char *name)
{
    for (const fo_format *f = fo_formats; f->name; f++)
        if (strcasecmp(f->name, name) == 0)
            return f;
    return NULL;
}

const fo_format *fo_format_by_path(const char *path)
{
    for (const fo_format *f = fo_formats; f->name; f++)
        if (fo_path_has_extension(path, f->extensions))
            return f;
    return NULL;
}
