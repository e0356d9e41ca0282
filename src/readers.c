/* readers.c — the table of input formats. */
#include "readers.h"

#include <string.h>
#include <strings.h>

const fo_input_format fo_input_formats[] = {
    {"text", ".txt .text", fo_read_text, "plain-text article as copied off a web page", false},
    {"docbook", ".xml .dbk", fo_read_docbook, "DocBook 5 (<article> or <book>), e.g. folio's own archive", false},
    {"html", ".html .htm .xhtml .shtml", fo_read_html, "a saved web page (HTML)", true},
    {NULL, NULL, NULL, NULL, false},
};

const fo_input_format *fo_input_format_by_name(const char *name)
{
    for (const fo_input_format *f = fo_input_formats; f->name; f++)
        if (strcasecmp(f->name, name) == 0)
            return f;
    return NULL;
}

const fo_input_format *fo_input_format_by_path(const char *path)
{
    for (const fo_input_format *f = fo_input_formats; f->name; f++)
        if (fo_path_has_extension(path, f->extensions))
            return f;
    return &fo_input_formats[0];
}
