/* xhtml.h — the document model rendered as XHTML5, shared by `-t html` (write_xhtml.c) and the
 * content documents of the EPUB (write_epub.c).
 *
 * Everything goes through the caller's XML writer (xml.h), which escapes and cleans every string
 * from the model, so the output is well-formed whatever the input held.  Inline content is written
 * without any added whitespace: a space between two hanzi would be visible to the reader.
 */
#ifndef FOLIO_XHTML_H
#define FOLIO_XHTML_H

#include <stdbool.h>

#include "doc.h"
#include "util.h"
#include "writers.h"
#include "xml.h"

/* Where a figure's image is to be found by the page being written: the EPUB packages images
 * under names of its own.  Returns NULL when the figure is to be shown without its image. */
typedef const char *(*fo_xhtml_image_fn)(const void *user, const fo_node *figure);

typedef struct fo_xhtml {
    fo_xml *xml;                /* begun by the caller (fo_xml_begin), finished by it */
    const fo_doc *doc;
    bool epub;                  /* add epub:type semantics (the EPUB namespace is declared) */
    bool upright_digits;        /* vertical text: 1–2 digit numbers set upright in one cell
                                   (<span class="tcy">, 縦中横), as vertical Chinese typesetting does */
    fo_xhtml_image_fn image;    /* NULL: the model's image path as it is */
    const void *image_user;
} fo_xhtml;

/* The doctype, <html> with lang and xml:lang, <head>, and <title>; the <head> is left open for the
 * caller's <link> or <style> elements.  Then fo_xhtml_body_open. */
void fo_xhtml_begin(const fo_xhtml *x, const char *title);
void fo_xhtml_body_open(const fo_xhtml *x);
void fo_xhtml_end(const fo_xhtml *x);

/* The title block: title, subtitle, the byline "date · source · author". */
void fo_xhtml_title_block(const fo_xhtml *x);
/* A collection's title page: its title, subtitle, publisher and date. */
void fo_xhtml_collection_title(const fo_xhtml *x);
/* The rights statement as a closing footer; nothing when the article has none. */
void fo_xhtml_rights(const fo_xhtml *x);
/* An official document's 版记 (抄送, 印发机关 and 印发日期) as a footer; nothing when it has none. */
void fo_xhtml_imprint(const fo_xhtml *x);
/* The stylesheet for the parts of official documents (styles/official.css), added after the style's
 * own when a document (or an article of a collection) is one, so other documents stay as they were. */
#define FO_XHTML_OFFICIAL_CSS "official"
bool fo_xhtml_any_official(const fo_doc *doc);

/* One block and everything below it (a section with its subsections). */
void fo_xhtml_block(const fo_xhtml *x, const fo_node *block);
/* The children of an inline container or inline node. */
void fo_xhtml_inlines(const fo_xhtml *x, const fo_node *parent);

/* A section's heading as readers see it, marker + title: "亮点一：title", "（一）title".  With
 * `markup`, the marker is in spans and inline elements are kept (for headings and nav.xhtml);
 * without, it is plain text (for the NCX). */
void fo_xhtml_heading_text(const fo_xhtml *x, const fo_node *section, bool markup);
/* The same as plain text, unescaped (for <title>); the caller frees it. */
char *fo_xhtml_heading_plain(const fo_node *section);

#endif
