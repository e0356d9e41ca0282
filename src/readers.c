/* readers.c — the table of input formats. */
#include "readers.h"

#include <string.h>
#include <strings.h>

const fo_input_format fo_input_formats[] = {
    {"text", ".txt .text", fo_read_text, "plain-text article as copied off a web page"},
    {NULL, NULL, NULL, NULL},
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
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    if (dot) {
        size_t n = strlen(dot);
        for (const fo_input_format *f = fo_input_formats; f->name; f++)
            for (const char *e = f->extensions; *e;) {
                size_t len = strcspn(e, " ");
                if (len == n && strncasecmp(e, dot, n) == 0)
                    return f;
                e += len + (e[len] == ' ');
            }
    }
    return &fo_input_formats[0];
}
