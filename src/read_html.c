/* read_html.c — the HTML reader: a saved web page → the article in it.
 *
 *   1. bytes → UTF-8: bytes that are valid UTF-8 (or nearly: damaged UTF-8) are UTF-8 whatever
 *      <meta charset> says (pages that declare gb2312 are often UTF-8); otherwise a BOM, then the
 *      declared charset, GB2312 and GBK read as GB18030, and GB18030 when nothing or UTF-8 is
 *      declared (iconv; a byte it cannot read becomes U+FFFD, and folio says how many);
 *   2. libxml2's HTML parser, HTML_PARSE_NONET: nothing is ever fetched;
 *   3. evidence per element and the main content (read_html_content.c);
 *   4. metadata from <meta>, the headline and the lines around it (read_html_meta.c);
 *   5. the content as blocks (read_html_blocks.c), their roles and the model (read_html_build.c).
 * `--explain` prints the element chosen as the content and every block with its role and the rule.
 */
#include <errno.h>
#include <iconv.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read_html.h"
#include "text.h"

/* ---- bytes → UTF-8 ---- */

/* The charset a page declares in its first bytes: <meta charset="…"> or the http-equiv
 * content="text/html; charset=…".  Copied into `out`; false when none. */
static bool declared_charset(const char *bytes, size_t len, char *out, size_t size)
{
    enum { SNIFF_BYTES = 8192 }; /* where browsers look for it too (the spec says 1024) */
    size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    for (size_t i = 0; i + 8 < n; i++) {
        if (strncasecmp(bytes + i, "charset", 7) != 0)
            continue;
        size_t k = i + 7;
        while (k < n && (bytes[k] == ' ' || bytes[k] == '\t'))
            k++;
        if (k >= n || bytes[k] != '=')
            continue;
        k++;
        while (k < n && (bytes[k] == ' ' || bytes[k] == '"' || bytes[k] == '\''))
            k++;
        size_t e = k;
        while (e < n && e - k < size - 1 &&
               ((bytes[e] >= 'a' && bytes[e] <= 'z') || (bytes[e] >= 'A' && bytes[e] <= 'Z') ||
                (bytes[e] >= '0' && bytes[e] <= '9') || bytes[e] == '-' || bytes[e] == '_' || bytes[e] == ':' ||
                bytes[e] == '.'))
            e++;
        if (e > k) {
            memcpy(out, bytes + k, e - k);
            out[e - k] = '\0';
            return true;
        }
    }
    return false;
}

/* GB2312 and GBK pages use characters their charset lacks; GB18030 is the superset browsers use. */
static const char *iconv_name(const char *charset)
{
    static const char *const gb[] = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "ms936", "windows-936",
                                     "euc-cn", "csgb2312", "gb18030", NULL};
    for (const char *const *g = gb; *g; g++)
        if (strcasecmp(charset, *g) == 0)
            return "GB18030";
    if (strcasecmp(charset, "big5") == 0)
        return "BIG5-HKSCS";
    return charset;
}

/* Convert with iconv, each byte it cannot read replaced by U+FFFD and counted.  NULL when iconv does
 * not know the charset. */
static char *convert(const char *bytes, size_t len, const char *from, size_t *out_len, size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return NULL;
    fo_buf out = {0};
    char chunk[8192];
    char *in = (char *)bytes;
    size_t left = len;
    *bad = 0;
    while (left > 0) {
        char *o = chunk;
        size_t room = sizeof chunk;
        size_t rc = iconv(cd, &in, &left, &o, &room);
        fo_buf_append(&out, chunk, (size_t)(o - chunk));
        if (rc == (size_t)-1 && errno != E2BIG) { /* EILSEQ or EINVAL (truncated at the end) */
            fo_buf_puts(&out, "\xEF\xBF\xBD");
            in++;
            left--;
            (*bad)++;
        }
    }
    iconv_close(cd);
    *out_len = out.len;
    if (!out.data)
        fo_buf_puts(&out, "");
    return fo_buf_steal(&out);
}

/* Bytes that are mostly UTF-8 with a few bad sequences are damaged UTF-8, not another charset. */
static bool mostly_utf8(const char *bytes, size_t len)
{
    size_t good = 0, bad = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t k = fo_utf8_decode(bytes + i, len - i, &c);
        if (k > 1)
            good++;
        else if (k == 0)
            bad++;
        i += k ? k : 1;
    }
    return good > 0 && bad * 20 < good;
}

static char *decode_page(const char *bytes, size_t len, size_t *out_len, fo_diag *d)
{
    size_t bad = 0;
    char *out = NULL;
    const char *used = "UTF-8";
    char declared[64] = ""; /* out here: `used` may point into it when the messages below are written */
    if (len >= 2 && ((unsigned char)bytes[0] == 0xFF && (unsigned char)bytes[1] == 0xFE)) {
        out = convert(bytes + 2, len - 2, used = "UTF-16LE", out_len, &bad);
    } else if (len >= 2 && ((unsigned char)bytes[0] == 0xFE && (unsigned char)bytes[1] == 0xFF)) {
        out = convert(bytes + 2, len - 2, used = "UTF-16BE", out_len, &bad);
    } else {
        if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
            bytes += 3, len -= 3;
        if (memchr(bytes, '\0', len)) {
            fo_error(d, 0, 0, "this is a binary file, not a web page (NUL byte at byte offset %zu)",
                     (size_t)((const char *)memchr(bytes, '\0', len) - bytes));
            return NULL;
        }
        bool has = declared_charset(bytes, len, declared, sizeof declared);
        bool says_utf8 = has && (strcasecmp(declared, "utf-8") == 0 || strcasecmp(declared, "utf8") == 0);
        if (fo_utf8_validate(bytes, len) == len || mostly_utf8(bytes, len))
            used = "UTF-8";
        else
            used = iconv_name(has && !says_utf8 ? declared : "GB18030");
        if (says_utf8 && strcmp(used, "UTF-8") != 0)
            fo_warn(d, 0, 0, "the page declares UTF-8 but its bytes are not: reading it as GB18030");
        if (fo_utf8_validate(bytes, len) == len) { /* nothing to convert */
            out = fo_xmalloc(len + 1);
            memcpy(out, bytes, len);
            out[len] = '\0';
            *out_len = len;
        } else {
            out = convert(bytes, len, used, out_len, &bad);
        }
        if (!out) {
            fo_warn(d, 0, 0, "the page declares the charset '%s', which iconv does not know: reading it as GB18030",
                    declared);
            out = convert(bytes, len, used = "GB18030", out_len, &bad);
        }
    }
    if (!out) {
        fo_error(d, 0, 0, "cannot convert the page from %s", used);
        return NULL;
    }
    if (bad)
        fo_warn(d, 0, 0, "%zu bytes are not valid %s; each is shown as U+FFFD", bad, used);
    return out;
}

/* ---- parsing ---- */

static xmlNodePtr child_element(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (fo_html_is_tag(c, name))
            return c;
    return NULL;
}

/* libxml2 stops reading a page nested deeper than 256 elements (without XML_PARSE_HUGE); such a
 * page would lose its end without a word, so it is refused. */
static htmlDocPtr parse(const char *utf8, size_t len, fo_diag *d)
{
    if (len > (size_t)INT32_MAX) {
        fo_error(d, 0, 0, "the page is too large to parse");
        return NULL;
    }
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt) {
        fo_error(d, 0, 0, "out of memory");
        return NULL;
    }
    int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
                  HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;
    htmlDocPtr dom = htmlCtxtReadMemory(ctxt, utf8, (int)len, NULL, "UTF-8", options);
    xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
    if (dom && e && e->message && strstr(e->message, "Excessive depth")) {
        fo_error(d, e->line, 0, "the page nests its elements more than 256 deep; folio does not read such pages");
        xmlFreeDoc(dom);
        dom = NULL;
    } else if (!dom) {
        fo_error(d, 0, 0, "cannot parse the page as HTML");
    }
    htmlFreeParserCtxt(ctxt);
    return dom;
}

/* ---- --explain ---- */

static const char *const role_names[] = {
    [HR_BODY] = "para", [HR_HEADING] = "heading", [HR_CAPTION] = "caption", [HR_META] = "meta",
    [HR_TITLE] = "title", [HR_ORIGINAL_TITLE] = "original-title", [HR_BYLINE] = "byline",
    [HR_FURNITURE] = "furniture", [HR_END] = "end", [HR_LABEL] = "runin-label", [HR_NUMBER] = "number",
};

static void explain_element(FILE *out, xmlNodePtr n)
{
    const char *id = fo_html_attr(n, "id"), *cls = fo_html_attr(n, "class");
    fprintf(out, "<%s", n->name);
    if (id)
        fprintf(out, " id=\"%s\"", id);
    if (cls)
        fprintf(out, " class=\"%s\"", cls);
    fputc('>', out);
}

static void explain(const hpage *p)
{
    FILE *out = p->opts->explain;
    const char *file = p->diag->file ? p->diag->file : "-";
    if (p->content) {
        fprintf(out, "%s:%d: content        ", file, fo_html_line(p->content));
        explain_element(out, p->content);
        fprintf(out, " | the most paragraph text and punctuation, the least link text\n");
    }
    if (p->headline) {
        fprintf(out, "%s:%d: headline       ", file, fo_html_line(p->headline));
        explain_element(out, p->headline);
        fprintf(out, " | matches the page's title\n");
    }
    for (size_t i = 0; i < p->blocks.n; i++) {
        const hblock *b = &p->blocks.v[i];
        char *text = b->kind == HB_TEXT ? fo_html_utf8(b->cp, b->n < 24 ? b->n : 24)
                     : b->kind == HB_IMAGE ? fo_xstrdup(b->src) : fo_xstrdup(b->kind == HB_TABLE ? "<table>" : "<hr>");
        fprintf(out, "%s:%d: %-14s %s%s | %s\n", file, b->line, role_names[b->role], text,
                b->kind == HB_TEXT && b->n > 24 ? "…" : "", b->why ? b->why : "");
        free(text);
    }
}

/* ---- entry ---- */

static bool has_content(const fo_doc *doc) { return doc->root->first != NULL; }

fo_doc *fo_read_html(const char *bytes, size_t len, const fo_read_opts *opts, fo_diag *d)
{
    static const fo_read_opts no_opts = {0};
    hpage p = {.opts = opts ? opts : &no_opts, .diag = d};
    fo_doc *doc = NULL;
    size_t utf8_len;
    char *utf8 = decode_page(bytes, len, &utf8_len, d);
    if (!utf8)
        return NULL;
    p.dom = parse(utf8, utf8_len, d);
    free(utf8);
    if (!p.dom)
        return NULL;
    xmlNodePtr root = xmlDocGetRootElement(p.dom);
    p.head = child_element(root, "head");
    p.body = child_element(root, "body");
    p.doc = doc = fo_doc_new();
    if (!doc || !p.body) {
        fo_error(d, 0, 0, doc ? "no article text: the page has no body" : "out of memory");
        goto fail;
    }
    p.pictures = (fo_picture_loader){.doc = doc, .opts = p.opts, .diag = d};
    fo_html_gather(&p);
    fo_html_find_content(&p);
    fo_html_meta(&p);
    fo_html_blocks(&p, p.content, &p.blocks);
    fo_html_roles(&p);
    fo_html_build(&p);
    if (p.opts->explain)
        explain(&p);
    if (p.pictures.failed)
        goto fail;
    if (!has_content(doc)) {
        fo_error(d, 0, 0, "no article text: the page holds only navigation and page furniture");
        goto fail;
    }
    fo_picture_report_missing(&p.pictures);
    goto done;
fail:
    fo_doc_free(doc);
    doc = NULL;
done:
    fo_html_blocks_free(&p.blocks);
    free(p.stats);
    xmlFreeDoc(p.dom);
    return doc;
}
