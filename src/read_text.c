/* read_text.c — placeholder: one paragraph per line (the real classifier is being written). */
#include "readers.h"

#include <string.h>

fo_doc *fo_read_text(const char *text, size_t len, const fo_read_opts *opts, fo_diag *d)
{
    (void)opts;
    fo_doc *doc = fo_doc_new();
    int line = 0;
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && text[e] != '\n')
            e++;
        line++;
        if (e > i) {
            if (!doc->meta.title) {
                doc->meta.title = fo_doc_strndup(doc, text + i, e - i);
            } else {
                fo_node *p = fo_node_append(doc->root, fo_node_new(doc, FO_PARA, (fo_pos){line, 1}));
                fo_node_append(p, fo_text_new(doc, text + i, e - i, (fo_pos){line, 1}));
            }
        }
        i = e + 1;
    }
    if (!doc->meta.title) {
        fo_error(d, 0, 0, "empty article");
        fo_doc_free(doc);
        return NULL;
    }
    return doc;
}
