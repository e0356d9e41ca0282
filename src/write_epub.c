/* write_epub.c — EPUB 3 (with an EPUB 2 NCX), built in memory with libzip.
 *
 * Package layout (entries in this order):
 *   mimetype                 first, stored, no extra field (OCF)
 *   META-INF/container.xml
 *   OEBPS/content.opf        dc: metadata, manifest, spine (rtl for --vertical)
 *   OEBPS/nav.xhtml          nested toc + landmarks; also the contents page in the spine
 *   OEBPS/toc.ncx            for EPUB 2 reading systems
 *   OEBPS/css/style.css      the style's stylesheet, then css/vertical.css and css/extra-N.css
 *   OEBPS/front.xhtml        title block, everything before the first section, the rights
 *   OEBPS/sec-N.xhtml        one document per top-level section
 *   OEBPS/images/img-N.EXT   the figures' images, when the model names files that exist (a WebP
 *                            re-encoded as .jpg or .png)
 *
 * A collection is one book: front.xhtml is its title page, and every article is one document,
 * OEBPS/art-N.xhtml (its title block and byline, its text, its rights), which the nav and the NCX
 * list with the article's sections nested under it.
 *
 * The bytes depend only on the document and the options: entry times come from
 * fo_doc_timestamp (SOURCE_DATE_EPOCH or the article's date), modes are fixed, and the DOS times
 * are made independent of TZ (see zip_time).
 */
#include "raster.h"
#include "style_find.h"
#include "writers.h"
#include "xhtml.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zip.h>

#define CONTENT_DIR "OEBPS/"
#define FRONT_HREF "front.xhtml"
#define NAV_HREF "nav.xhtml"
#define NCX_HREF "toc.ncx"

/* An image the package carries, and the figure that shows it. */
typedef struct epub_image {
    const fo_node *figure;
    char *href;                 /* "images/img-1.jpg", relative to the OPF */
    const char *media_type;
    char *data;
    size_t len;
} epub_image;

/* A stylesheet the package carries; every content document links all of them, in order. */
typedef struct epub_css {
    char *href;                 /* "css/style.css", "css/vertical.css", "css/extra-1.css" … */
    char *data;
    size_t len;
} epub_css;

/* A content document after the front page and the contents: a top-level section of an article,
 * or a whole article of a collection. */
typedef struct epub_page {
    char *href;                 /* "sec-1.xhtml", "art-2.xhtml" (relative to the OPF) */
    const fo_doc *article;      /* whose text it holds */
    const fo_node *section;     /* the chapter; NULL for a whole article */
} epub_page;

typedef struct epub {
    const fo_doc *doc;          /* the article, or the collection */
    const fo_write_opts *opts;
    fo_diag *d;
    zip_t *zip;
    time_t entry_time;          /* what libzip must be given for the DOS time to read UTC */
    epub_image *images;
    size_t n_images;
    epub_css *css;
    size_t n_css;
    epub_page *pages;
    size_t n_pages;
} epub;

/* ---- what goes into the package ---- */

/* libzip writes an entry's time as DOS date and time fields, converting the time_t through
 * localtime().  The fields should read the timestamp in UTC whatever TZ is, so give libzip the
 * time_t whose local time has the UTC fields: mktime is localtime's inverse.  (A UTC wall time that
 * falls in the local zone's spring-forward gap does not exist there; mktime moves it by the gap,
 * the one case where TZ still shows.) */
static time_t zip_time(int64_t timestamp)
{
    const int64_t dos_first = 315532800, dos_last = 4354819198LL; /* 1980-01-01, 2107-12-31 */
    time_t t = (time_t)(timestamp < dos_first ? dos_first : timestamp > dos_last ? dos_last : timestamp);
    struct tm fields;
    gmtime_r(&t, &fields);
    fields.tm_isdst = -1;
    return mktime(&fields);
}

/* The file extension of a media type an EPUB carries as it is; NULL for any other. */
static const char *core_extension(const char *media_type)
{
    static const struct { const char *type, *ext; } exts[] = {
        {"image/jpeg", ".jpg"}, {"image/png", ".png"}, {"image/gif", ".gif"}, {"image/svg+xml", ".svg"},
    };
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (strcmp(media_type, exts[i].type) == 0)
            return exts[i].ext;
    return NULL;
}

/* Package a figure's picture, which the reader loaded and checked: a core media type as it is, a
 * WebP (no core media type; epubcheck refuses it) re-encoded as JPEG or PNG by raster.c.  A figure
 * whose image was not available (remote, missing, refused) stays a caption: the reader has said so
 * already. */
static void add_image(epub *e, const fo_node *figure)
{
    const fo_image *pic = figure->u.figure.picture;
    const char *type = pic->media_type, *ext = core_extension(type);
    char *data = NULL, why[200] = "only JPEG, PNG, GIF and SVG are EPUB core media types";
    size_t len = pic->size;
    if (ext) {
        data = fo_xmalloc(len ? len : 1);
        memcpy(data, pic->data, len);
    } else if (strcmp(type, "image/webp") == 0 &&
               (data = (char *)fo_raster_encode_core(pic, &len, &type, why, sizeof why))) {
        ext = core_extension(type);
    }
    if (!data) {
        fo_warn(e->d, figure->pos.line, figure->pos.col, "image %s left out of the EPUB: %s; its caption is kept",
                figure->u.figure.image, why);
        return;
    }
    e->images = fo_xrealloc(e->images, (e->n_images + 1) * sizeof *e->images);
    epub_image *img = &e->images[e->n_images++];
    fo_buf href = {0};
    fo_buf_printf(&href, "images/img-%zu%s", e->n_images, ext);
    *img = (epub_image){.figure = figure, .href = fo_buf_steal(&href), .media_type = type, .data = data, .len = len};
}

static void collect_images(epub *e, const fo_node *n)
{
    if (n->kind == FO_FIGURE && n->u.figure.picture)
        add_image(e, n);
    for (const fo_node *c = n->first; c; c = c->next)
        if (fo_kind_is_block(c->kind))
            collect_images(e, c);
}

static const char *image_href(const void *user, const fo_node *figure)
{
    const epub *e = user;
    for (size_t i = 0; i < e->n_images; i++)
        if (e->images[i].figure == figure)
            return e->images[i].href;
    return NULL;
}

static int add_css(epub *e, const char *href, const char *path)
{
    size_t len;
    char *data = fo_read_css(path, &len, e->d);
    if (!data)
        return -1;
    e->css = fo_xrealloc(e->css, (e->n_css + 1) * sizeof *e->css);
    e->css[e->n_css++] = (epub_css){.href = fo_xstrdup(href), .data = data, .len = len};
    return 0;
}

/* The style's stylesheet, the vertical one for --vertical, then each --css file. */
static int collect_css(epub *e)
{
    int status = -1;
    char *style = fo_style_find(e->opts->style_dir, e->opts->style, ".css", e->d), *vertical = NULL, *official = NULL;
    if (!style || add_css(e, "css/style.css", style) != 0)
        goto done;
    if (fo_xhtml_any_official(e->doc)) {
        official = fo_style_find(e->opts->style_dir, FO_XHTML_OFFICIAL_CSS, ".css", e->d);
        if (!official || add_css(e, "css/" FO_XHTML_OFFICIAL_CSS ".css", official) != 0)
            goto done;
    }
    if (e->opts->vertical) {
        vertical = fo_style_find(e->opts->style_dir, "vertical", ".css", e->d);
        if (!vertical || add_css(e, "css/vertical.css", vertical) != 0)
            goto done;
    }
    for (size_t i = 0; i < e->opts->n_css; i++) {
        char href[48];
        snprintf(href, sizeof href, "css/extra-%zu.css", i + 1);
        if (add_css(e, href, e->opts->css[i]) != 0)
            goto done;
    }
    status = 0;
done:
    free(official);
    free(vertical);
    free(style);
    return status;
}

static void add_page(epub *e, const fo_doc *article, const fo_node *section)
{
    fo_buf href = {0};
    const char *id = !section ? article->id : section->kind == FO_PART ? section->u.part.id : section->u.section.id;
    fo_buf_printf(&href, "%s.xhtml", id ? id : "sec");
    e->pages = fo_xrealloc(e->pages, (e->n_pages + 1) * sizeof *e->pages);
    e->pages[e->n_pages++] = (epub_page){.href = fo_buf_steal(&href), .article = article, .section = section};
}

/* The content documents: an article's top-level sections and attachments (附件, "att-1.xhtml"), or
 * a collection's articles. */
static void collect_pages(epub *e)
{
    for (size_t i = 0; i < e->doc->n_parts; i++)
        add_page(e, e->doc->parts[i], NULL);
    if (!fo_doc_is_collection(e->doc))
        for (const fo_node *c = e->doc->root->first; c; c = c->next)
            if (c->kind == FO_SECTION || fo_is_part(c, FO_PART_ATTACHMENT))
                add_page(e, e->doc, c);
}

/* What an attachment is called in the contents and its page's title: "附件1　title". */
static char *attachment_heading(const fo_node *n)
{
    fo_buf b = {0};
    char *title = fo_node_text(n->u.part.title);
    fo_buf_printf(&b, "%s%s%s", n->u.part.label ? n->u.part.label : "", n->u.part.label && *title ? "　" : "", title);
    free(title);
    if (!b.len)
        fo_buf_puts(&b, "附件");
    return fo_buf_steal(&b);
}

/* A content document's manifest id: "chapter-1", or "article-1" for a collection's article. */
static void page_id(const epub *e, size_t i, char *id, size_t size)
{
    snprintf(id, size, "%s-%zu", e->pages[i].section ? "chapter" : "article", i + 1);
}

/* ---- zip ---- */

/* Add one entry, taking the bytes of `content` (left empty). */
static int add_entry(epub *e, const char *name, fo_buf *content, bool stored)
{
    size_t len = content->len;
    char *data = fo_buf_steal(content);
    if (len == 0) { /* libzip does not take (or free) the buffer of an empty entry (an empty --css) */
        free(data);
        data = NULL;
    }
    zip_source_t *src = zip_source_buffer(e->zip, data, len, 1);
    if (!src) {
        free(data);
        goto fail;
    }
    zip_int64_t idx = zip_file_add(e->zip, name, src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(src);
        goto fail;
    }
    if (zip_set_file_compression(e->zip, (zip_uint64_t)idx, stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                 stored ? 0 : 9) != 0 ||
        zip_file_set_mtime(e->zip, (zip_uint64_t)idx, e->entry_time, 0) != 0 ||
        zip_file_set_external_attributes(e->zip, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
                                         (zip_uint32_t)0100644 << 16) != 0)
        goto fail;
    return 0;
fail:
    fo_error(e->d, 0, 0, "cannot add %s to the EPUB: %s", name, zip_strerror(e->zip));
    return -1;
}

static int add_bytes(epub *e, const char *name, const void *data, size_t len, bool stored)
{
    fo_buf b = {0};
    fo_buf_append(&b, data, len);
    return add_entry(e, name, &b, stored);
}


/* ---- markup helpers ---- */

/* <name>s</name> and a newline. */
static void line_element(fo_xml *x, const char *name, const char *s)
{
    fo_xml_element(x, name, s);
    fo_xml_raw(x, "\n");
}

/* An element that only has attributes, <name a="…"/>, and a newline: call with the attributes as
 * name/value pairs, NULL-terminated; a NULL value leaves its attribute out. */
static void empty_element(fo_xml *x, const char *name, ...)
{
    va_list ap;
    va_start(ap, name);
    fo_xml_start(x, name);
    for (const char *attr; (attr = va_arg(ap, const char *)) != NULL;)
        fo_xml_attr(x, attr, va_arg(ap, const char *));
    va_end(ap);
    fo_xml_end(x);
    fo_xml_raw(x, "\n");
}

/* <name> and a newline: the start of an element that holds elements. */
static void open_element(fo_xml *x, const char *name)
{
    fo_xml_start(x, name);
    fo_xml_raw(x, "\n");
}

static void close_element(fo_xml *x)
{
    fo_xml_end_full(x);
    fo_xml_raw(x, "\n");
}

/* ---- package documents ---- */

static void container_xml(const epub *e, fo_xml *x, const void *arg)
{
    (void)e, (void)arg;
    fo_xml_start(x, "container");
    fo_xml_attr(x, "version", "1.0");
    fo_xml_attr(x, "xmlns", "urn:oasis:names:tc:opendocument:xmlns:container");
    fo_xml_raw(x, "\n");
    open_element(x, "rootfiles");
    empty_element(x, "rootfile", "full-path", CONTENT_DIR "content.opf", "media-type",
                  "application/oebps-package+xml", NULL);
    close_element(x);
    fo_xml_end_full(x);
}

static void dc_element(fo_xml *x, const char *name, const char *id, const char *value)
{
    if (!value || !*value)
        return;
    char qname[32];
    snprintf(qname, sizeof qname, "dc:%s", name);
    fo_xml_start(x, qname);
    fo_xml_attr(x, "id", id);
    fo_xml_text(x, value);
    fo_xml_end_full(x);
    fo_xml_raw(x, "\n");
}

/* <meta refines="#id" property="…">value</meta> */
static void refine(fo_xml *x, const char *id, const char *property, const char *scheme, const char *value)
{
    char ref[40];
    snprintf(ref, sizeof ref, "#%s", id);
    fo_xml_start(x, "meta");
    fo_xml_attr(x, "refines", ref);
    fo_xml_attr(x, "property", property);
    fo_xml_attr(x, "scheme", scheme);
    fo_xml_text(x, value);
    fo_xml_end_full(x);
    fo_xml_raw(x, "\n");
}

/* The MARC relator code of a person's credit. */
static const char *relator(const fo_author *a)
{
    switch (fo_author_credit(a)) {
    case FO_CREDIT_PHOTOGRAPHER: return "pht";
    case FO_CREDIT_EDITOR: return "edt";
    case FO_CREDIT_REVIEWER: return "rev";
    case FO_CREDIT_PROOFREADER: return "pfr";
    case FO_CREDIT_PRODUCER: return "pro";
    case FO_CREDIT_OTHER: return "oth";
    default: return "aut";
    }
}

/* An official document's number, index number, issuing organ (MARC "isb", issuing body) and own date. */
static void opf_document_identity(const fo_meta *m, fo_xml *x)
{
    dc_element(x, "identifier", "doc-number", m->doc_number);
    dc_element(x, "identifier", "index-number", m->index_number);
    if (m->issuer && *m->issuer) {
        dc_element(x, "contributor", "issuer", m->issuer);
        refine(x, "issuer", "role", "marc:relators", "isb");
    }
    if (fo_date_is_w3c(m->doc_date)) {
        fo_xml_start(x, "meta");
        fo_xml_attr(x, "property", "dcterms:created");
        fo_xml_text(x, m->doc_date);
        fo_xml_end_full(x);
        fo_xml_raw(x, "\n");
    }
}

static void opf_people(const epub *e, fo_xml *x)
{
    int n = 0;
    for (const fo_author *a = e->doc->meta.authors; a; a = a->next) {
        if (!a->name || !*a->name)
            continue;
        const char *rel = relator(a);
        char id[32];
        snprintf(id, sizeof id, "creator-%d", ++n);
        dc_element(x, fo_author_is_creator(a) ? "creator" : "contributor", id, a->name);
        refine(x, id, "role", "marc:relators", rel);
    }
}

static void opf_metadata(const epub *e, fo_xml *x)
{
    const fo_meta *m = &e->doc->meta;
    fo_xml_start(x, "metadata");
    fo_xml_attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    fo_xml_raw(x, "\n");
    dc_element(x, "identifier", "pub-id", m->identifier);
    dc_element(x, "title", "title", fo_doc_title(e->doc));
    refine(x, "title", "title-type", NULL, "main");
    if (m->subtitle && *m->subtitle) {
        dc_element(x, "title", "subtitle", m->subtitle);
        refine(x, "subtitle", "title-type", NULL, "subtitle");
    }
    dc_element(x, "language", NULL, m->language);
    opf_people(e, x);
    char day[16];
    if (fo_date_is_w3c(m->date))
        dc_element(x, "date", NULL, m->date);
    else if (fo_meta_day(m, day, sizeof day) && fo_date_is_w3c(day))
        dc_element(x, "date", NULL, day);
    dc_element(x, "publisher", NULL, m->publisher ? m->publisher : m->source);
    if (m->publisher)
        dc_element(x, "source", NULL, m->source);
    dc_element(x, "rights", NULL, m->rights);
    for (const fo_strlist *s = m->category; s; s = s->next)
        dc_element(x, "subject", NULL, s->str);
    for (const fo_strlist *s = m->keywords; s; s = s->next)
        dc_element(x, "subject", NULL, s->str);
    dc_element(x, "description", NULL, m->abstract);
    opf_document_identity(m, x);

    time_t t = (time_t)fo_doc_timestamp(e->doc);
    struct tm utc;
    gmtime_r(&t, &utc);
    fo_xml_start(x, "meta");
    fo_xml_attr(x, "property", "dcterms:modified");
    fo_xml_printf(x, "%04d-%02d-%02dT%02d:%02d:%02dZ", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                  utc.tm_hour, utc.tm_min, utc.tm_sec);
    fo_xml_end_full(x);
    fo_xml_raw(x, "\n");
    if (e->opts->vertical) /* Kindle reads the writing mode from here, not from the CSS */
        empty_element(x, "meta", "name", "primary-writing-mode", "content", "vertical-rl", NULL);
    close_element(x);
}

static void manifest_item(fo_xml *x, const char *id, const char *href, const char *type, const char *props)
{
    empty_element(x, "item", "id", id, "href", href, "media-type", type, "properties", props, NULL);
}

static void opf_manifest(const epub *e, fo_xml *x)
{
    open_element(x, "manifest");
    manifest_item(x, "nav", NAV_HREF, "application/xhtml+xml", "nav");
    manifest_item(x, "ncx", NCX_HREF, "application/x-dtbncx+xml", NULL);
    char id[32];
    for (size_t i = 0; i < e->n_css; i++) {
        snprintf(id, sizeof id, "css-%zu", i + 1);
        manifest_item(x, id, e->css[i].href, "text/css", NULL);
    }
    manifest_item(x, "front", FRONT_HREF, "application/xhtml+xml", NULL);
    for (size_t i = 0; i < e->n_pages; i++) {
        page_id(e, i, id, sizeof id);
        manifest_item(x, id, e->pages[i].href, "application/xhtml+xml", NULL);
    }
    for (size_t i = 0; i < e->n_images; i++) {
        snprintf(id, sizeof id, "img-%zu", i + 1);
        manifest_item(x, id, e->images[i].href, e->images[i].media_type, NULL);
    }
    close_element(x);
}

static void content_opf(const epub *e, fo_xml *x, const void *arg)
{
    (void)arg;
    fo_xml_start(x, "package");
    fo_xml_attr(x, "xmlns", "http://www.idpf.org/2007/opf");
    fo_xml_attr(x, "version", "3.0");
    fo_xml_attr(x, "unique-identifier", "pub-id");
    fo_xml_attr(x, "xml:lang", e->doc->meta.language ? e->doc->meta.language : "zh-CN");
    fo_xml_raw(x, "\n");
    opf_metadata(e, x);
    opf_manifest(e, x);
    fo_xml_start(x, "spine");
    fo_xml_attr(x, "toc", "ncx");
    if (e->opts->vertical)
        fo_xml_attr(x, "page-progression-direction", "rtl");
    fo_xml_raw(x, "\n");
    empty_element(x, "itemref", "idref", "front", NULL);
    empty_element(x, "itemref", "idref", "nav", NULL);
    for (size_t i = 0; i < e->n_pages; i++) {
        char id[32];
        page_id(e, i, id, sizeof id);
        empty_element(x, "itemref", "idref", id, NULL);
    }
    close_element(x);
    fo_xml_end_full(x);
}

/* The <head> of every content document: its stylesheets. */
static void begin_page(const epub *e, const fo_xhtml *x, const char *title)
{
    fo_xhtml_begin(x, title);
    for (size_t i = 0; i < e->n_css; i++)
        empty_element(x->xml, "link", "rel", "stylesheet", "type", "text/css", "href", e->css[i].href, NULL);
    fo_xhtml_body_open(x);
}

/* The XHTML writer for a document showing `doc` (an article, or the collection's title page). */
static fo_xhtml page_writer(const epub *e, const fo_doc *doc, fo_xml *xml)
{
    return (fo_xhtml){.xml = xml, .doc = doc, .epub = true, .upright_digits = e->opts->vertical,
                      .image = image_href, .image_user = e};
}

/* ---- navigation ---- */

static int section_depth(const fo_node *n)
{
    int deepest = 0;
    for (const fo_node *c = n->first; c; c = c->next)
        if (c->kind == FO_SECTION) {
            int d = section_depth(c);
            deepest = d > deepest ? d : deepest;
        }
    return deepest + (n->kind == FO_SECTION);
}

/* Where a section is: its page's file when it is the page's chapter ("sec-1.xhtml"), else an
 * anchor in it ("sec-1.xhtml#sec-1-2", "art-2.xhtml#art-2-sec-1").  The caller frees it. */
static char *section_href(const epub_page *page, const fo_node *section)
{
    fo_buf href = {0};
    fo_buf_puts(&href, page->href);
    if (section != page->section && section->u.section.id)
        fo_buf_printf(&href, "#%s", section->u.section.id);
    return fo_buf_steal(&href);
}

static bool has_subsections(const fo_node *n)
{
    for (const fo_node *c = n->first; c; c = c->next)
        if (c->kind == FO_SECTION)
            return true;
    return false;
}

/* <a href="…">, its text and </a>. */
static void link_start(fo_xml *x, const char *type, const char *href)
{
    fo_xml_start(x, "a");
    fo_xml_attr(x, "epub:type", type);
    fo_xml_attr(x, "href", href);
}

static void nav_entries(const fo_xhtml *x, const epub_page *page, const fo_node *section)
{
    char *href = section_href(page, section);
    fo_xml_start(x->xml, "li");
    link_start(x->xml, NULL, href);
    if (section->kind == FO_PART) {
        char *heading = attachment_heading(section);
        fo_xml_text(x->xml, heading);
        free(heading);
    } else {
        fo_xhtml_heading_text(x, section, true);
    }
    fo_xml_end_full(x->xml);
    free(href);
    if (has_subsections(section)) {
        fo_xml_raw(x->xml, "\n");
        open_element(x->xml, "ol");
        for (const fo_node *c = section->first; c; c = c->next)
            if (c->kind == FO_SECTION)
                nav_entries(x, page, c);
        close_element(x->xml);
    }
    close_element(x->xml);
}

/* A page's entry in the toc: a chapter with its subsections, or an article (its title) with its
 * sections. */
static void nav_page(const fo_xhtml *x, const epub_page *page)
{
    if (page->section) {
        nav_entries(x, page, page->section);
        return;
    }
    fo_xml_start(x->xml, "li");
    link_start(x->xml, NULL, page->href);
    fo_xml_text(x->xml, fo_doc_title(page->article));
    fo_xml_end_full(x->xml);
    if (fo_doc_section_count(page->article)) {
        fo_xml_raw(x->xml, "\n");
        open_element(x->xml, "ol");
        for (const fo_node *c = page->article->root->first; c; c = c->next)
            if (c->kind == FO_SECTION)
                nav_entries(x, page, c);
        close_element(x->xml);
    }
    close_element(x->xml);
}

/* <li><a epub:type="…" href="…">text</a></li> and a newline. */
static void nav_link(fo_xml *x, const char *type, const char *href, const char *text)
{
    fo_xml_start(x, "li");
    link_start(x, type, href);
    fo_xml_text(x, text);
    fo_xml_end_full(x);
    close_element(x);
}

static void nav_landmarks(const epub *e, fo_xml *x)
{
    fo_xml_start(x, "nav");
    fo_xml_attr(x, "epub:type", "landmarks");
    fo_xml_attr(x, "id", "landmarks");
    fo_xml_attr(x, "hidden", "");
    fo_xml_raw(x, "\n");
    line_element(x, "h2", "导览");
    open_element(x, "ol");
    nav_link(x, "titlepage", FRONT_HREF, "标题页");
    nav_link(x, "toc", NAV_HREF "#toc", "目录");
    nav_link(x, "bodymatter", e->n_pages ? e->pages[0].href : FRONT_HREF, "正文");
    close_element(x);
    close_element(x);
}

static void nav_xhtml(const epub *e, fo_xml *xml, const void *arg)
{
    (void)arg;
    fo_xhtml x = page_writer(e, e->doc, xml);
    begin_page(e, &x, "目录");
    fo_xml_start(xml, "nav");
    fo_xml_attr(xml, "epub:type", "toc");
    fo_xml_attr(xml, "id", "toc");
    fo_xml_raw(xml, "\n");
    line_element(xml, "h1", "目录");
    open_element(xml, "ol");
    nav_link(xml, NULL, FRONT_HREF, fo_doc_title(e->doc));
    for (size_t i = 0; i < e->n_pages; i++)
        nav_page(&x, &e->pages[i]);
    close_element(xml);
    close_element(xml);
    nav_landmarks(e, xml);
    fo_xhtml_end(&x);
}

/* <navLabel><text>…</text></navLabel> or <docTitle>, <docAuthor>: a label holding one text. */
static void ncx_label(fo_xml *x, const char *name, const char *text)
{
    fo_xml_start(x, name);
    fo_xml_element(x, "text", text);
    close_element(x);
}

/* <navPoint id="np-N" playOrder="N">, the first part of every point. */
static void ncx_point_start(fo_xml *xml, int *order)
{
    char id[32];
    snprintf(id, sizeof id, "np-%d", *order);
    fo_xml_start(xml, "navPoint");
    fo_xml_attr(xml, "id", id);
    fo_xml_attr_int(xml, "playOrder", (*order)++);
    fo_xml_raw(xml, "\n");
}

static void ncx_point(const epub *e, fo_xml *xml, const epub_page *page, const fo_node *section, int *order)
{
    const fo_xhtml x = page_writer(e, page->article, xml);
    ncx_point_start(xml, order);
    fo_xml_start(xml, "navLabel");
    fo_xml_start(xml, "text");
    if (section->kind == FO_PART) {
        char *heading = attachment_heading(section);
        fo_xml_text(xml, heading);
        free(heading);
    } else {
        fo_xhtml_heading_text(&x, section, false);
    }
    fo_xml_end_full(xml);
    close_element(xml);
    char *href = section_href(page, section);
    empty_element(xml, "content", "src", href, NULL);
    free(href);
    for (const fo_node *c = section->first; c; c = c->next)
        if (c->kind == FO_SECTION)
            ncx_point(e, xml, page, c, order);
    close_element(xml);
}

static void ncx_label(fo_xml *x, const char *name, const char *text);

/* A page's navPoint: its chapter, or an article with its sections inside. */
static void ncx_page(const epub *e, fo_xml *xml, const epub_page *page, int *order)
{
    if (page->section) {
        ncx_point(e, xml, page, page->section, order);
        return;
    }
    ncx_point_start(xml, order);
    ncx_label(xml, "navLabel", fo_doc_title(page->article));
    empty_element(xml, "content", "src", page->href, NULL);
    for (const fo_node *c = page->article->root->first; c; c = c->next)
        if (c->kind == FO_SECTION)
            ncx_point(e, xml, page, c, order);
    close_element(xml);
}

static void ncx_head(const epub *e, fo_xml *x)
{
    int depth = section_depth(e->doc->root);
    for (const fo_node *c = e->doc->root->first; c; c = c->next) { /* an attachment over its sections */
        int d = fo_is_part(c, FO_PART_ATTACHMENT) ? 1 + section_depth(c) : 0;
        depth = d > depth ? d : depth;
    }
    for (size_t i = 0; i < e->doc->n_parts; i++) { /* a collection's articles are one level more */
        int d = 1 + section_depth(e->doc->parts[i]->root);
        depth = d > depth ? d : depth;
    }
    char number[16];
    snprintf(number, sizeof number, "%d", depth > 0 ? depth : 1);
    open_element(x, "head");
    empty_element(x, "meta", "name", "dtb:uid", "content", e->doc->meta.identifier, NULL);
    empty_element(x, "meta", "name", "dtb:depth", "content", number, NULL);
    empty_element(x, "meta", "name", "dtb:totalPageCount", "content", "0", NULL);
    empty_element(x, "meta", "name", "dtb:maxPageNumber", "content", "0", NULL);
    close_element(x);
}

static void toc_ncx(const epub *e, fo_xml *x, const void *arg)
{
    (void)arg;
    const fo_meta *m = &e->doc->meta;
    fo_xml_start(x, "ncx");
    fo_xml_attr(x, "xmlns", "http://www.daisy.org/z3986/2005/ncx/");
    fo_xml_attr(x, "version", "2005-1");
    fo_xml_attr(x, "xml:lang", m->language ? m->language : "zh-CN");
    fo_xml_raw(x, "\n");
    ncx_head(e, x);
    ncx_label(x, "docTitle", fo_doc_title(e->doc));
    for (const fo_author *a = m->authors; a; a = a->next)
        if (fo_author_is_creator(a))
            ncx_label(x, "docAuthor", a->name);
    open_element(x, "navMap");
    fo_xml_start(x, "navPoint");
    fo_xml_attr(x, "id", "np-front");
    fo_xml_attr(x, "playOrder", "1");
    fo_xml_raw(x, "\n");
    ncx_label(x, "navLabel", fo_doc_title(e->doc));
    empty_element(x, "content", "src", FRONT_HREF, NULL);
    close_element(x);
    int order = 2;
    for (size_t i = 0; i < e->n_pages; i++)
        ncx_page(e, x, &e->pages[i], &order);
    close_element(x);
    fo_xml_end_full(x);
}

/* ---- content documents ---- */

/* The front page: the title block, every block before the first section (the lead, photos), and
 * the rights statement; a collection's title page. */
static void front_xhtml(const epub *e, fo_xml *xml, const void *arg)
{
    (void)arg;
    fo_xhtml x = page_writer(e, e->doc, xml);
    begin_page(e, &x, fo_doc_title(e->doc));
    if (fo_doc_is_collection(e->doc)) {
        fo_xhtml_collection_title(&x);
        fo_xhtml_end(&x);
        return;
    }
    fo_xhtml_title_block(&x);
    for (const fo_node *c = e->doc->root->first; c && c->kind != FO_SECTION && !fo_is_part(c, FO_PART_ATTACHMENT);
         c = c->next)
        fo_xhtml_block(&x, c);
    if (!e->n_pages) /* the 版记 closes the document */
        fo_xhtml_imprint(&x);
    fo_xhtml_rights(&x);
    fo_xhtml_end(&x);
}

/* One top-level section, with any blocks that follow it before the next section, or an attachment;
 * the last one closes with the document's 版记. */
static void chapter_xhtml(const epub *e, fo_xml *xml, const void *arg)
{
    const fo_node *chapter = arg;
    fo_xhtml x = page_writer(e, e->doc, xml);
    char *title = chapter->kind == FO_PART ? attachment_heading(chapter) : fo_xhtml_heading_plain(chapter);
    begin_page(e, &x, title);
    fo_xhtml_block(&x, chapter);
    for (const fo_node *c = chapter->next; c && c->kind != FO_SECTION && !fo_is_part(c, FO_PART_ATTACHMENT); c = c->next)
        fo_xhtml_block(&x, c);
    if (e->n_pages && e->pages[e->n_pages - 1].section == chapter)
        fo_xhtml_imprint(&x);
    fo_xhtml_end(&x);
    free(title);
}

/* A whole article of a collection: its title block and byline, its text, its rights. */
static void article_xhtml(const epub *e, fo_xml *xml, const void *arg)
{
    const fo_doc *article = arg;
    fo_xhtml x = page_writer(e, article, xml);
    begin_page(e, &x, fo_doc_title(article));
    fo_xml_start(xml, "article");
    fo_xml_attr(xml, "id", article->id);
    fo_xml_raw(xml, "\n");
    fo_xhtml_title_block(&x);
    fo_xhtml_block(&x, article->root);
    fo_xhtml_imprint(&x);
    fo_xhtml_rights(&x);
    close_element(xml);
    fo_xhtml_end(&x);
}

/* An XML entry: `fill` writes the document into a new XML writer. */
typedef void (*xml_fill_fn)(const epub *e, fo_xml *x, const void *arg);

static int add_xml(epub *e, const char *name, xml_fill_fn fill, const void *arg)
{
    fo_buf b = {0};
    fo_xml x;
    int status = fo_xml_begin(&x, &b, "epub", e->d);
    if (status == 0) {
        fill(e, &x, arg);
        status = fo_xml_finish(&x, "epub", e->d);
    }
    if (status == 0)
        return add_entry(e, name, &b, false);
    fo_buf_free(&b);
    return -1;
}

/* Every entry, in package order. */
static int add_entries(epub *e)
{
    static const char mimetype[] = "application/epub+zip";
    int status = -1;
    fo_buf name = {0};
    if (add_bytes(e, "mimetype", mimetype, sizeof mimetype - 1, true) != 0 ||
        add_xml(e, "META-INF/container.xml", container_xml, NULL) != 0 ||
        add_xml(e, CONTENT_DIR "content.opf", content_opf, NULL) != 0 ||
        add_xml(e, CONTENT_DIR NAV_HREF, nav_xhtml, NULL) != 0 ||
        add_xml(e, CONTENT_DIR NCX_HREF, toc_ncx, NULL) != 0)
        goto done;
    for (size_t i = 0; i < e->n_css; i++) {
        name.len = 0;
        fo_buf_printf(&name, CONTENT_DIR "%s", e->css[i].href);
        if (add_bytes(e, name.data, e->css[i].data, e->css[i].len, false) != 0)
            goto done;
    }
    if (add_xml(e, CONTENT_DIR FRONT_HREF, front_xhtml, NULL) != 0)
        goto done;
    for (size_t i = 0; i < e->n_pages; i++) {
        const epub_page *page = &e->pages[i];
        name.len = 0;
        fo_buf_printf(&name, CONTENT_DIR "%s", page->href);
        if ((page->section ? add_xml(e, name.data, chapter_xhtml, page->section)
                           : add_xml(e, name.data, article_xhtml, page->article)) != 0)
            goto done;
    }
    for (size_t i = 0; i < e->n_images; i++) {
        name.len = 0;
        fo_buf_printf(&name, CONTENT_DIR "%s", e->images[i].href);
        /* JPEG, PNG and GIF are compressed already: deflating them again only costs time */
        bool stored = strcmp(e->images[i].media_type, "image/svg+xml") != 0;
        if (add_bytes(e, name.data, e->images[i].data, e->images[i].len, stored) != 0)
            goto done;
    }
    status = 0;
done:
    fo_buf_free(&name);
    return status;
}

/* Append the bytes of the finished archive, held by the buffer source, to `out`. */
static int read_archive(zip_source_t *src, fo_buf *out, fo_diag *d)
{
    if (zip_source_open(src) < 0) {
        fo_error(d, 0, 0, "cannot read the EPUB back: %s", zip_error_strerror(zip_source_error(src)));
        return -1;
    }
    char chunk[65536];
    zip_int64_t n;
    while ((n = zip_source_read(src, chunk, sizeof chunk)) > 0)
        fo_buf_append(out, chunk, (size_t)n);
    if (n < 0)
        fo_error(d, 0, 0, "cannot read the EPUB back: %s", zip_error_strerror(zip_source_error(src)));
    zip_source_close(src);
    return n < 0 ? -1 : 0;
}

int fo_write_epub(const fo_doc *doc, const fo_write_opts *opts, fo_buf *out, fo_diag *d)
{
    static const fo_write_opts defaults = {0};
    epub e = {.doc = doc, .opts = opts ? opts : &defaults, .d = d};
    int status = -1;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *src = NULL;

    e.entry_time = zip_time(fo_doc_timestamp(doc));
    collect_pages(&e);
    const char *file = d->file; /* messages name the article's own input */
    for (size_t i = 0; i < fo_doc_article_count(doc); i++) {
        const fo_doc *article = fo_doc_article(doc, i);
        d->file = article->input_name ? article->input_name : file;
        collect_images(&e, article->root);
    }
    d->file = file;
    if (collect_css(&e) != 0)
        goto done;

    src = zip_source_buffer_create(NULL, 0, 0, &error);
    if (!src || !(e.zip = zip_open_from_source(src, ZIP_TRUNCATE, &error))) {
        fo_error(d, 0, 0, "cannot start the EPUB: %s", zip_error_strerror(&error));
        goto done;
    }
    zip_source_keep(src);  /* zip_close would free the source, and the archive is in it */
    if (add_entries(&e) != 0)
        goto done;
    if (zip_close(e.zip) != 0) {
        fo_error(d, 0, 0, "cannot finish the EPUB: %s", zip_strerror(e.zip));
        goto done;
    }
    e.zip = NULL;
    status = read_archive(src, out, d);
done:
    if (e.zip)
        zip_discard(e.zip);
    zip_source_free(src);
    zip_error_fini(&error);
    for (size_t i = 0; i < e.n_images; i++) {
        free(e.images[i].href);
        free(e.images[i].data);
    }
    free(e.images);
    for (size_t i = 0; i < e.n_css; i++) {
        free(e.css[i].href);
        free(e.css[i].data);
    }
    free(e.css);
    for (size_t i = 0; i < e.n_pages; i++)
        free(e.pages[i].href);
    free(e.pages);
    return status;
}
