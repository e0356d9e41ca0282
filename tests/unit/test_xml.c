/* test_xml.c — the one way folio writes XML (xml.c): escaping by libxml2, cleaning of what the
 * model may hold, end tags, whitespace only where the writer puts it, the first failure reported. */
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xml.h"

/* Write <r>…</r> with `body` filling it; returns the document (caller frees) or NULL on failure. */
static char *document(void (*body)(fo_xml *x, const char *arg), const char *arg, fo_diag *d)
{
    fo_buf out = {0};
    fo_xml x;
    fo_diag_init(d, "t", NULL);
    if (fo_xml_begin(&x, &out, "test", d) != 0)
        return NULL;
    fo_xml_start(&x, "r");
    body(&x, arg);
    if (fo_xml_finish(&x, "test", d) != 0) {
        fo_buf_free(&out);
        return NULL;
    }
    return fo_buf_steal(&out);
}

static const char *inside(const char *doc)
{
    const char *r = doc ? strstr(doc, "<r") : NULL;
    return r ? r : "(none)";
}

static void text_body(fo_xml *x, const char *s) { fo_xml_text(x, s); }

static void attr_body(fo_xml *x, const char *s) { fo_xml_attr(x, "a", s); }

static bool well_formed(const char *s)
{
    int flags = XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    xmlDocPtr doc = s ? xmlReadMemory(s, (int)strlen(s), "t.xml", NULL, flags) : NULL;
    xmlFreeDoc(doc);
    return doc != NULL;
}

static void expect_text(const char *in, const char *want, const char *what)
{
    fo_diag d;
    char *doc = document(text_body, in, &d);
    STR_EQ(inside(doc), want, what);
    OK(well_formed(doc), "… and the document is well-formed");
    free(doc);
}

static void test_text(void)
{
    expect_text("a<b>&\"c\"'", "<r>a&lt;b&gt;&amp;&quot;c&quot;'</r>\n", "text: & < > \" escaped, ' kept");
    expect_text("甲\x01\x1f乙\tx\ny\r", "<r>甲乙\tx\ny</r>\n", "text: C0 controls but tab and newline dropped");
    expect_text("a\xff" "b\xe4\xb8" "c\xed\xa0\x80" "d",
                "<r>a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "d</r>\n",
                "text: each byte that is not UTF-8 (a surrogate's too) becomes U+FFFD");
    expect_text("x\xef\xbf\xbey\xef\xbf\xbfz", "<r>xyz</r>\n", "text: U+FFFE and U+FFFF dropped, as the decoder does");
    expect_text("𠀀\x7f\xc2\x85", "<r>𠀀\x7f\xc2\x85</r>\n",
                "text: astral characters, DEL and C1 kept (XML 1.0 allows them)");
    expect_text("", "<r/>\n", "text: nothing for an empty string");
}

static void test_attributes(void)
{
    fo_diag d;
    char *doc = document(attr_body, "x\"<&>\t\n\x01亮", &d);
    STR_EQ(inside(doc), "<r a=\"x&quot;&lt;&amp;&gt;&#9;&#10;亮\"/>\n",
           "attribute: quotes, markup, tab and newline escaped; controls dropped; UTF-8 as it is");
    free(doc);
}

static void structure_body(fo_xml *x, const char *arg)
{
    (void)arg;
    x->depth = 1;
    fo_xml_newline(x);
    fo_xml_start(x, "empty");
    fo_xml_end(x);
    fo_xml_newline(x);
    fo_xml_start(x, "p");
    fo_xml_end_full(x);
    fo_xml_newline(x);
    fo_xml_element(x, "t", "一");
    fo_xml_text_n(x, "二三", 3);
    fo_xml_printf(x, "%d年", 2025);
    fo_xml_pi(x, "linebreak", NULL);
    fo_xml_pi(x, "folio", "marker=\"一、\x01\"");
    x->depth = 0;
    fo_xml_newline(x);
}

/* An attribute after content: libxml2 refuses it, and every call after that does nothing. */
static void failing_body(fo_xml *x, const char *arg)
{
    (void)arg;
    fo_xml_text(x, "content");
    fo_xml_attr(x, "late", "v");
    fo_xml_start(x, "after");
    fo_xml_text(x, "more");
}

static void test_structure(void)
{
    fo_diag d;
    char *doc = document(structure_body, NULL, &d);
    STR_EQ(doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r>\n  <empty/>\n  <p></p>\n  <t>一</t>二2025年"
                "<?linebreak?><?folio marker=\"一、\"?>\n</r>\n",
           "structure: declaration, indentation by depth, <x/> and <x></x>, nothing else added");
    free(doc);
    doc = document(failing_body, NULL, &d);
    OK(doc == NULL, "failure: an attribute after content fails the document");
    INT_EQ(d.errors, 1, "failure: reported once");
    OK(strstr(d.last, "test: libxml2 failed while writing late") != NULL, "failure: naming what was being written");
    free(doc);
}

static void doctype_body(fo_xml *x, const char *arg)
{
    (void)arg;
    fo_xml_raw(x, "<!-- mine -->");
    fo_xml_raw_text(x, "a]]>\x01" "b", 6);
}

static void test_raw(void)
{
    fo_buf out = {0};
    fo_xml x;
    fo_diag d;
    fo_diag_init(&d, "t", NULL);
    INT_EQ(fo_xml_begin(&x, &out, "test", &d), 0, "raw: begin");
    fo_xml_doctype(&x, "html");
    fo_xml_raw(&x, "\n");
    fo_xml_start(&x, "r");
    doctype_body(&x, NULL);
    INT_EQ(fo_xml_finish(&x, "test", &d), 0, "raw: finish");
    STR_EQ(out.data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<r><!-- mine -->a]]>b</r>\n",
           "raw: doctype; markup as it is; raw text cleaned but not escaped");
    fo_buf_free(&out);
}

int main(void)
{
    test_text();
    test_attributes();
    test_structure();
    test_raw();
    xmlCleanupParser();
    return harness_done();
}
