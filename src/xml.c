/* xml.c — writing XML through libxml2's xmlTextWriter (see xml.h). */
#include "xml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* The first failure, and what was being written. */
static void note(fo_xml *x, int rc, const char *what)
{
    if (rc < 0 && !x->failed)
        x->failed = what;
}

/* ---- cleaning ---- */

static bool is_xml_char(uint32_t cp)
{
    return cp >= 0x20 ? cp != 0xFFFE && cp != 0xFFFF : cp == '\t' || cp == '\n';
}

void fo_xml_clean(fo_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = fo_utf8_decode(s + i, n - i, &cp);
        if (len == 0) {
            fo_buf_puts(out, "\xEF\xBF\xBD"); /* U+FFFD for a byte that is not UTF-8 */
            i++;
            continue;
        }
        if (is_xml_char(cp))
            fo_buf_append(out, s + i, len);
        i += len;
    }
}

/* Whether s[0..n) holds XML characters only. */
static bool is_clean(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = fo_utf8_decode(s + i, n - i, &cp);
        if (len == 0 || !is_xml_char(cp))
            return false;
        i += len;
    }
    return true;
}

/* s[0..n) as libxml2 may take it, NUL-terminated: `s` itself when it is clean and ends at n (a
 * whole string), else a cleaned copy in `tmp`. */
static const xmlChar *cleaned(const char *s, size_t n, bool whole, fo_buf *tmp)
{
    if (whole && is_clean(s, n))
        return BAD_CAST s;
    tmp->len = 0;
    fo_xml_clean(tmp, s, n);
    fo_buf_puts(tmp, ""); /* a NUL even when nothing was kept */
    return BAD_CAST tmp->data;
}

static void write_text(fo_xml *x, const char *s, size_t n, bool whole)
{
    if (x->failed || !s || !n)
        return;
    fo_buf tmp = {0};
    note(x, xmlTextWriterWriteString(x->xw, cleaned(s, n, whole, &tmp)), "text");
    fo_buf_free(&tmp);
}

/* ---- the writer ---- */

static int write_out(void *context, const char *buffer, int len)
{
    fo_buf_append(context, buffer, (size_t)len);
    return len;
}

static int close_out(void *context)
{
    (void)context;
    return 0;
}

int fo_xml_begin(fo_xml *x, fo_buf *out, const char *who, fo_diag *d)
{
    *x = (fo_xml){.out = out};
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(write_out, close_out, out, NULL);
    if (ob && !(x->xw = xmlNewTextWriter(ob)))
        xmlOutputBufferClose(ob);
    if (!x->xw) {
        fo_error(d, 0, 0, "%s: libxml2 could not create an XML writer", who);
        return -1;
    }
    note(x, xmlTextWriterStartDocument(x->xw, NULL, "UTF-8", NULL), "the XML declaration");
    return 0;
}

int fo_xml_finish(fo_xml *x, const char *who, fo_diag *d)
{
    if (!x->xw)
        return -1;
    if (!x->failed)
        note(x, xmlTextWriterEndDocument(x->xw), "the end of the document");
    xmlFreeTextWriter(x->xw); /* flushes what it still holds into `out` */
    x->xw = NULL;
    if (x->failed) {
        fo_error(d, 0, 0, "%s: libxml2 failed while writing %s", who, x->failed);
        return -1;
    }
    return 0;
}

void fo_xml_start(fo_xml *x, const char *name)
{
    if (!x->failed)
        note(x, xmlTextWriterStartElement(x->xw, BAD_CAST name), name);
}

void fo_xml_end(fo_xml *x)
{
    if (!x->failed)
        note(x, xmlTextWriterEndElement(x->xw), "an end tag");
}

void fo_xml_end_full(fo_xml *x)
{
    if (!x->failed)
        note(x, xmlTextWriterFullEndElement(x->xw), "an end tag");
}

void fo_xml_attr(fo_xml *x, const char *name, const char *value)
{
    if (x->failed || !value)
        return;
    fo_buf tmp = {0};
    note(x, xmlTextWriterWriteAttribute(x->xw, BAD_CAST name, cleaned(value, strlen(value), true, &tmp)), name);
    fo_buf_free(&tmp);
}

void fo_xml_attr_int(fo_xml *x, const char *name, long value)
{
    char number[24];
    snprintf(number, sizeof number, "%ld", value);
    fo_xml_attr(x, name, number);
}

void fo_xml_text_n(fo_xml *x, const char *s, size_t n) { write_text(x, s, n, false); }

void fo_xml_text(fo_xml *x, const char *s) { write_text(x, s, s ? strlen(s) : 0, true); }

void fo_xml_printf(fo_xml *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    char *s = fo_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    write_text(x, s, (size_t)n, true);
    free(s);
}

void fo_xml_element(fo_xml *x, const char *name, const char *s)
{
    fo_xml_start(x, name);
    fo_xml_text(x, s);
    fo_xml_end_full(x);
}

void fo_xml_raw(fo_xml *x, const char *markup)
{
    if (!x->failed)
        note(x, xmlTextWriterWriteRaw(x->xw, BAD_CAST markup), "markup");
}

void fo_xml_raw_text(fo_xml *x, const char *s, size_t n)
{
    if (x->failed || !n)
        return;
    fo_buf tmp = {0};
    fo_xml_clean(&tmp, s, n);
    if (tmp.len)
        note(x, xmlTextWriterWriteRawLen(x->xw, BAD_CAST tmp.data, (int)tmp.len), "text");
    fo_buf_free(&tmp);
}

void fo_xml_newline(fo_xml *x)
{
    char pad[2 * 64 + 2] = "\n";
    int spaces = 2 * (x->depth < 0 ? 0 : x->depth < 64 ? x->depth : 64);
    memset(pad + 1, ' ', (size_t)spaces);
    pad[1 + spaces] = '\0';
    fo_xml_raw(x, pad);
}

void fo_xml_pi(fo_xml *x, const char *target, const char *content)
{
    if (x->failed)
        return;
    fo_buf tmp = {0};
    const xmlChar *clean = content ? cleaned(content, strlen(content), true, &tmp) : NULL;
    note(x, xmlTextWriterWritePI(x->xw, BAD_CAST target, clean), target);
    fo_buf_free(&tmp);
}

void fo_xml_doctype(fo_xml *x, const char *name)
{
    if (!x->failed)
        note(x, xmlTextWriterWriteDTD(x->xw, BAD_CAST name, NULL, NULL, NULL), "the doctype");
}
