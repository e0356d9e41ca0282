/* xhtml.h — the document model rendered as XHTML5, shared by `-t html` (write_xhtml.c) and the
 * content documents of the EPUB (write_epub.c).
 *
 * Everything is appended to an fo_buf as text; every string from the model goes through
 * fo_xhtml_escape, so the output is well-formed whatever the input held (control characters are
 * dropped, invalid UTF-8 becomes U+FFFD).  Inline content is written without any added whitespace:
 * a space between two hanzi would be visible to the reader.
 */
#ifndef FOLIO_XHTML_H
#define FOLIO_XHTML_H

#include <stdbool.h>

#include "doc.h"
#include "util.h"
#include "writers.h"

/* Where a figure's image is to be found by the page being written: the EPUB packages images
 * under names of its own.  Returns NULL when the figure is to be shown without its image. */
typedef const char *(*fo_xhtml_image_fn)(const void *user, const fo_node *figure);

typedef struct fo_xhtml {
    fo_buf *out;
    const fo_doc *doc;
    bool epub;                  /* add epub:type semantics (the EPUB namespace is declared) */
    bool upright_digits;        /* vertical text: 1–2 digit numbers set upright in one cell
                                   (<span class="tcy">, 縦中横), as vertical Chinese typesetting does */
    fo_xhtml_image_fn image;    /* NULL: the model's image path as it is */
    const void *image_user;
} fo_xhtml;

/* Append `s` escaped for XML character data and attribute values (& < > " are escaped). */
void fo_xhtml_escape(fo_buf *out, const char *s);

/* The XML declaration, doctype, <html> with lang and xml:lang, <head>, and <title>; the <head> is
 * left open for the caller's <link> or <style> elements.  Then fo_xhtml_body_open. */
void fo_xhtml_begin(const fo_xhtml *x, const char *title);
void fo_xhtml_body_open(const fo_xhtml *x);
void fo_xhtml_end(const fo_xhtml *x);

/* The title block: title, subtitle, the byline "date · source · author". */
void fo_xhtml_title_block(const fo_xhtml *x);
/* The rights statement as a closing footer; nothing when the article has none. */
void fo_xhtml_rights(const fo_xhtml *x);

/* One block and everything below it (a section with its subsections). */
void fo_xhtml_block(const fo_xhtml *x, const fo_node *block);
/* The children of an inline container or inline node. */
void fo_xhtml_inlines(const fo_xhtml *x, const fo_node *parent);

/* A section's heading as readers see it, marker + title: "亮点一：title", "（一）title".  With
 * `markup`, the marker is in spans and inline elements are kept (for headings and nav.xhtml);
 * without, it is escaped plain text (for the NCX). */
void fo_xhtml_heading_text(const fo_xhtml *x, const fo_node *section, bool markup);
/* The same as plain text, unescaped (for <title>); the caller frees it. */
char *fo_xhtml_heading_plain(const fo_node *section);

/* True when `s` is a W3C date-time (W3CDTF, also valid as an HTML datetime): YYYY-MM-DD, optionally
 * followed by Thh:mm[:ss] and a zone (Z or +hh:mm).  Used for <time datetime> and dc:date. */
bool fo_xhtml_is_w3c_date(const char *s);

/* The document title, or a stand-in when the article has none ("无标题"). */
const char *fo_xhtml_doc_title(const fo_doc *doc);

#endif
