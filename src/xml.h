/* xml.h — how every XML writer writes XML (DocBook; the XHTML of -t html and of the EPUB; the
 * EPUB's OPF, NCX and container): libxml2's xmlTextWriter, straight into an fo_buf.
 *
 * libxml2 escapes (& < > " in text and attributes; tab and newline in attributes) and keeps the
 * output well-formed; this wrapper also cleans every string on its way in, so that whatever the
 * model holds the output stays XML: C0 controls but tab and newline are dropped, so are U+FFFE
 * and U+FFFF (the decoder drops them from the input too), and a byte that is not UTF-8 becomes
 * U+FFFD.  The wrapper records the first failure and turns every later call into a no-op, so a
 * tree walk carries no error handling: fo_xml_finish reports it.
 *
 * Whitespace is the caller's: nothing is indented or added.  Elements that hold text get none
 * (a space between hanzi would show); fo_xml_newline writes a newline and the indentation of
 * `depth` between block elements.
 */
#ifndef FOLIO_XML_H
#define FOLIO_XML_H

#include <libxml/xmlwriter.h>
#include <stddef.h>

#include "util.h"

typedef struct fo_xml {
    xmlTextWriterPtr xw;
    fo_buf *out;
    int depth;              /* nesting, for fo_xml_newline's indentation only */
    const char *failed;     /* what was being written when libxml2 first failed; NULL while all is well */
} fo_xml;

/* Start a document that is appended to `out`: the XML declaration (version 1.0, UTF-8) and a
 * newline.  Returns 0, or -1 with an error in `d` (prefixed with `who`, the writer's name). */
int fo_xml_begin(fo_xml *x, fo_buf *out, const char *who, fo_diag *d);
/* Close every open element, end the document with a newline and flush it into `out`.  Returns 0,
 * or -1 with an error in `d` naming what failed.  Safe after a failed fo_xml_begin. */
int fo_xml_finish(fo_xml *x, const char *who, fo_diag *d);

void fo_xml_start(fo_xml *x, const char *name);
/* </name>, or <name/> when nothing was written inside. */
void fo_xml_end(fo_xml *x);
/* Always </name>: the HTML elements that are not void (an XHTML page is also read as HTML, where
 * <p/> opens a paragraph). */
void fo_xml_end_full(fo_xml *x);
/* An attribute of the element just started; nothing when `value` is NULL. */
void fo_xml_attr(fo_xml *x, const char *name, const char *value);
void fo_xml_attr_int(fo_xml *x, const char *name, long value);
/* Character data; nothing for NULL or "". */
void fo_xml_text(fo_xml *x, const char *s);
void fo_xml_text_n(fo_xml *x, const char *s, size_t n);
void fo_xml_printf(fo_xml *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* <name>s</name>, nothing added inside. */
void fo_xml_element(fo_xml *x, const char *name, const char *s);
/* Markup of the writer's own, as it is: newlines between elements, a CDATA wrapper.  Never text
 * from the model. */
void fo_xml_raw(fo_xml *x, const char *markup);
/* Text written as it is inside markup of the writer's own (a stylesheet inside <style>): cleaned
 * like text, but not escaped. */
void fo_xml_raw_text(fo_xml *x, const char *s, size_t n);
/* A newline and two spaces per `depth`. */
void fo_xml_newline(fo_xml *x);
/* <?target content?>; `content` (cleaned, not escaped: the caller keeps "?>" out) may be NULL. */
void fo_xml_pi(fo_xml *x, const char *target, const char *content);
void fo_xml_doctype(fo_xml *x, const char *name);

/* Append `s` (n bytes) to `out` cleaned as above, without escaping: what fo_xml_text would hand to
 * libxml2. */
void fo_xml_clean(fo_buf *out, const char *s, size_t n);

#endif
