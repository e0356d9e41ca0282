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
 *   OEBPS/images/img-N.EXT   the figures' images, when the model names files that exist
 *
 * The bytes depend only on the document and the options: entry times come from
 * fo_doc_timestamp (SOURCE_DATE_EPOCH or the article's date), modes are fixed, and the DOS times
 * are made independent of TZ (see zip_time).
 */
#include "writers.h"
#include "xhtml.h"

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

typedef struct epub {
    const fo_doc *doc;
    const fo_write_opts *opts;
    fo_diag *d;
    zip_t *zip;
    time_t entry_time;          /* what libzip must be given for the DOS time to read UTC */
    epub_image *images;
    size_t n_images;
    epub_css *css;
    size_t n_css;
    const fo_node **chapters;   /* the top-level sections, one content document each */
    size_t n_chapters;
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

/* Package a figure's picture, which the reader loaded and checked.  A figure whose image was not
 * available (remote, missing, refused) stays a caption: the reader has said so already. */
static void add_image(epub *e, const fo_node *figure)
{
    const fo_image *pic = figure->u.figure.picture;
    static const struct { const char *type, *ext; } exts[] = {
        {"image/jpeg", ".jpg"}, {"image/png", ".png"}, {"image/gif", ".gif"}, {"image/svg+xml", ".svg"},
    };
    const char *ext = NULL;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (strcmp(pic->media_type, exts[i].type) == 0)
            ext = exts[i].ext;
    if (!ext) {
        fo_warn(e->d, figure->pos.line, figure->pos.col,
                "image %s left out of the EPUB: only JPEG, PNG, GIF and SVG are EPUB core media types",
                figure->u.figure.image);
        return;
    }
    e->images = fo_xrealloc(e->images, (e->n_images + 1) * sizeof *e->images);
    epub_image *img = &e->images[e->n_images++];
    fo_buf href = {0};
    fo_buf_printf(&href, "images/img-%zu%s", e->n_images, ext);
    char *data = fo_xmalloc(pic->size ? pic->size : 1);
    memcpy(data, pic->data, pic->size);
    *img = (epub_image){.figure = figure, .href = fo_buf_steal(&href), .media_type = pic->media_type,
                        .data = data, .len = pic->size};
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
    char *data = fo_read_file(path, &len, e->d);
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
    char *style = fo_xhtml_css_path(e->opts, e->d), *vertical = NULL;
    if (!style || add_css(e, "css/style.css", style) != 0)
        goto done;
    if (e->opts->vertical) {
        vertical = fo_style_path(e->opts, "vertical", ".css", e->d);
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
    free(vertical);
    free(style);
    return status;
}

static void collect_chapters(epub *e)
{
    size_t n = fo_doc_section_count(e->doc);
    e->chapters = fo_xmalloc((n ? n : 1) * sizeof *e->chapters);
    for (const fo_node *c = e->doc->root->first; c; c = c->next)
        if (c->kind == FO_SECTION)
            e->chapters[e->n_chapters++] = c;
}

/* A chapter's file name, relative to the OPF: "sec-1.xhtml". */
static void put_chapter_href(fo_buf *out, const fo_node *chapter)
{
    fo_xhtml_escape(out, chapter->u.section.id ? chapter->u.section.id : "sec");
    fo_buf_puts(out, ".xhtml");
}

/* ---- zip ---- */

/* Add one entry, taking the bytes of `content` (left empty). */
static int add_entry(epub *e, const char *name, fo_buf *content, bool stored)
{
    size_t len = content->len;
    char *data = fo_buf_steal(content);
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

/* ---- package documents ---- */

static void container_xml(fo_buf *out)
{
    fo_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
                     "<rootfiles>\n"
                     "<rootfile full-path=\"" CONTENT_DIR "content.opf\" media-type=\"application/oebps-package+xml\"/>\n"
                     "</rootfiles>\n"
                     "</container>\n");
}

static void dc_element(fo_buf *out, const char *name, const char *id, const char *value)
{
    if (!value || !*value)
        return;
    fo_buf_printf(out, "<dc:%s", name);
    if (id)
        fo_buf_printf(out, " id=\"%s\"", id);
    fo_buf_putc(out, '>');
    fo_xhtml_escape(out, value);
    fo_buf_printf(out, "</dc:%s>\n", name);
}

/* MARC relator for a Chinese byline role: 记者/作者/通讯员 write, 编辑 edit, 摄影 photograph. */
/* The MARC relator code of a person's credit; only "aut" becomes a dc:creator. */
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
static void opf_document_identity(const fo_meta *m, fo_buf *out)
{
    dc_element(out, "identifier", "doc-number", m->doc_number);
    dc_element(out, "identifier", "index-number", m->index_number);
    if (m->issuer && *m->issuer) {
        dc_element(out, "contributor", "issuer", m->issuer);
        fo_buf_puts(out, "<meta refines=\"#issuer\" property=\"role\" scheme=\"marc:relators\">isb</meta>\n");
    }
    if (fo_xhtml_is_w3c_date(m->doc_date)) {
        fo_buf_puts(out, "<meta property=\"dcterms:created\">");
        fo_xhtml_escape(out, m->doc_date);
        fo_buf_puts(out, "</meta>\n");
    }
}

static void opf_metadata(const epub *e, fo_buf *out)
{
    const fo_meta *m = &e->doc->meta;
    fo_buf_puts(out, "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
    dc_element(out, "identifier", "pub-id", m->identifier);
    dc_element(out, "title", "title", fo_xhtml_doc_title(e->doc));
    fo_buf_puts(out, "<meta refines=\"#title\" property=\"title-type\">main</meta>\n");
    if (m->subtitle && *m->subtitle) {
        dc_element(out, "title", "subtitle", m->subtitle);
        fo_buf_puts(out, "<meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>\n");
    }
    dc_element(out, "language", NULL, m->language);
    int n = 0;
    for (const fo_author *a = m->authors; a; a = a->next) {
        if (!a->name || !*a->name)
            continue;
        const char *rel = relator(a);
        char id[32];
        snprintf(id, sizeof id, "creator-%d", ++n);
        dc_element(out, strcmp(rel, "aut") == 0 ? "creator" : "contributor", id, a->name);
        fo_buf_printf(out, "<meta refines=\"#%s\" property=\"role\" scheme=\"marc:relators\">%s</meta>\n", id, rel);
    }
    char day[16];
    if (fo_xhtml_is_w3c_date(m->date))
        dc_element(out, "date", NULL, m->date);
    else if (fo_meta_day(m, day, sizeof day) && fo_xhtml_is_w3c_date(day))
        dc_element(out, "date", NULL, day);
    dc_element(out, "publisher", NULL, m->publisher ? m->publisher : m->source);
    if (m->publisher)
        dc_element(out, "source", NULL, m->source);
    dc_element(out, "rights", NULL, m->rights);
    for (const fo_strlist *s = m->category; s; s = s->next)
        dc_element(out, "subject", NULL, s->str);
    for (const fo_strlist *s = m->keywords; s; s = s->next)
        dc_element(out, "subject", NULL, s->str);
    dc_element(out, "description", NULL, m->abstract);
    opf_document_identity(m, out);

    time_t t = (time_t)fo_doc_timestamp(e->doc);
    struct tm utc;
    gmtime_r(&t, &utc);
    fo_buf_printf(out, "<meta property=\"dcterms:modified\">%04d-%02d-%02dT%02d:%02d:%02dZ</meta>\n",
                  utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
    if (e->opts->vertical) /* Kindle reads the writing mode from here, not from the CSS */
        fo_buf_puts(out, "<meta name=\"primary-writing-mode\" content=\"vertical-rl\"/>\n");
    fo_buf_puts(out, "</metadata>\n");
}

static void manifest_item(fo_buf *out, const char *id, const char *href, const char *type, const char *props)
{
    fo_buf_printf(out, "<item id=\"%s\" href=\"", id);
    fo_xhtml_escape(out, href);
    fo_buf_printf(out, "\" media-type=\"%s\"", type);
    if (props)
        fo_buf_printf(out, " properties=\"%s\"", props);
    fo_buf_puts(out, "/>\n");
}

static void content_opf(const epub *e, fo_buf *out)
{
    const char *lang = e->doc->meta.language ? e->doc->meta.language : "zh-CN";
    fo_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
                     "unique-identifier=\"pub-id\" xml:lang=\"");
    fo_xhtml_escape(out, lang);
    fo_buf_puts(out, "\">\n");
    opf_metadata(e, out);

    fo_buf_puts(out, "<manifest>\n");
    manifest_item(out, "nav", NAV_HREF, "application/xhtml+xml", "nav");
    manifest_item(out, "ncx", NCX_HREF, "application/x-dtbncx+xml", NULL);
    for (size_t i = 0; i < e->n_css; i++) {
        char id[32];
        snprintf(id, sizeof id, "css-%zu", i + 1);
        manifest_item(out, id, e->css[i].href, "text/css", NULL);
    }
    manifest_item(out, "front", FRONT_HREF, "application/xhtml+xml", NULL);
    fo_buf href = {0};
    for (size_t i = 0; i < e->n_chapters; i++) {
        char id[32];
        snprintf(id, sizeof id, "chapter-%zu", i + 1);
        href.len = 0;
        put_chapter_href(&href, e->chapters[i]);
        manifest_item(out, id, href.data, "application/xhtml+xml", NULL);
    }
    fo_buf_free(&href);
    for (size_t i = 0; i < e->n_images; i++) {
        char id[32];
        snprintf(id, sizeof id, "img-%zu", i + 1);
        manifest_item(out, id, e->images[i].href, e->images[i].media_type, NULL);
    }
    fo_buf_puts(out, "</manifest>\n");

    fo_buf_puts(out, e->opts->vertical ? "<spine toc=\"ncx\" page-progression-direction=\"rtl\">\n"
                                       : "<spine toc=\"ncx\">\n");
    fo_buf_puts(out, "<itemref idref=\"front\"/>\n<itemref idref=\"nav\"/>\n");
    for (size_t i = 0; i < e->n_chapters; i++)
        fo_buf_printf(out, "<itemref idref=\"chapter-%zu\"/>\n", i + 1);
    fo_buf_puts(out, "</spine>\n</package>\n");
}

/* The <head> of every content document: its stylesheets. */
static void begin_page(const epub *e, const fo_xhtml *x, const char *title)
{
    fo_xhtml_begin(x, title);
    for (size_t i = 0; i < e->n_css; i++)
        fo_buf_printf(x->out, "<link rel=\"stylesheet\" type=\"text/css\" href=\"%s\"/>\n", e->css[i].href);
    fo_xhtml_body_open(x);
}

static fo_xhtml page_writer(const epub *e, fo_buf *out)
{
    return (fo_xhtml){.out = out, .doc = e->doc, .epub = true, .upright_digits = e->opts->vertical,
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

/* "sec-1.xhtml" for a chapter, "sec-1.xhtml#sec-1-2" for a section inside it. */
static void put_section_href(fo_buf *out, const fo_node *chapter, const fo_node *section)
{
    put_chapter_href(out, chapter);
    if (section != chapter && section->u.section.id) {
        fo_buf_putc(out, '#');
        fo_xhtml_escape(out, section->u.section.id);
    }
}

static bool has_subsections(const fo_node *n)
{
    for (const fo_node *c = n->first; c; c = c->next)
        if (c->kind == FO_SECTION)
            return true;
    return false;
}

static void nav_entries(const fo_xhtml *x, const fo_node *chapter, const fo_node *section)
{
    fo_buf *out = x->out;
    fo_buf_puts(out, "<li><a href=\"");
    put_section_href(out, chapter, section);
    fo_buf_puts(out, "\">");
    fo_xhtml_heading_text(x, section, true);
    fo_buf_puts(out, "</a>");
    if (has_subsections(section)) {
        fo_buf_puts(out, "\n<ol>\n");
        for (const fo_node *c = section->first; c; c = c->next)
            if (c->kind == FO_SECTION)
                nav_entries(x, chapter, c);
        fo_buf_puts(out, "</ol>\n");
    }
    fo_buf_puts(out, "</li>\n");
}

static void nav_xhtml(const epub *e, fo_buf *out)
{
    fo_xhtml x = page_writer(e, out);
    begin_page(e, &x, "目录");
    fo_buf_puts(out, "<nav epub:type=\"toc\" id=\"toc\">\n<h1>目录</h1>\n<ol>\n<li><a href=\"" FRONT_HREF "\">");
    fo_xhtml_escape(out, fo_xhtml_doc_title(e->doc));
    fo_buf_puts(out, "</a></li>\n");
    for (size_t i = 0; i < e->n_chapters; i++)
        nav_entries(&x, e->chapters[i], e->chapters[i]);
    fo_buf_puts(out, "</ol>\n</nav>\n");

    fo_buf_puts(out, "<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"\">\n<h2>导览</h2>\n<ol>\n"
                     "<li><a epub:type=\"titlepage\" href=\"" FRONT_HREF "\">标题页</a></li>\n"
                     "<li><a epub:type=\"toc\" href=\"" NAV_HREF "#toc\">目录</a></li>\n"
                     "<li><a epub:type=\"bodymatter\" href=\"");
    if (e->n_chapters)
        put_chapter_href(out, e->chapters[0]);
    else
        fo_buf_puts(out, FRONT_HREF);
    fo_buf_puts(out, "\">正文</a></li>\n</ol>\n</nav>\n");
    fo_xhtml_end(&x);
}

static void ncx_point(const epub *e, fo_buf *out, const fo_node *chapter, const fo_node *section, int *order)
{
    const fo_xhtml x = page_writer(e, out);
    fo_buf_printf(out, "<navPoint id=\"np-%d\" playOrder=\"%d\">\n<navLabel><text>", *order, *order);
    (*order)++;
    fo_xhtml_heading_text(&x, section, false);
    fo_buf_puts(out, "</text></navLabel>\n<content src=\"");
    put_section_href(out, chapter, section);
    fo_buf_puts(out, "\"/>\n");
    for (const fo_node *c = section->first; c; c = c->next)
        if (c->kind == FO_SECTION)
            ncx_point(e, out, chapter, c, order);
    fo_buf_puts(out, "</navPoint>\n");
}

static void toc_ncx(const epub *e, fo_buf *out)
{
    const fo_meta *m = &e->doc->meta;
    int depth = section_depth(e->doc->root);
    fo_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" xml:lang=\"");
    fo_xhtml_escape(out, m->language ? m->language : "zh-CN");
    fo_buf_puts(out, "\">\n<head>\n<meta name=\"dtb:uid\" content=\"");
    fo_xhtml_escape(out, m->identifier);
    fo_buf_printf(out, "\"/>\n<meta name=\"dtb:depth\" content=\"%d\"/>\n"
                       "<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n"
                       "<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n<docTitle><text>",
                  depth > 0 ? depth : 1);
    fo_xhtml_escape(out, fo_xhtml_doc_title(e->doc));
    fo_buf_puts(out, "</text></docTitle>\n");
    for (const fo_author *a = m->authors; a; a = a->next) {
        if (!fo_author_is_creator(a))
            continue;
        fo_buf_puts(out, "<docAuthor><text>");
        fo_xhtml_escape(out, a->name);
        fo_buf_puts(out, "</text></docAuthor>\n");
    }
    fo_buf_puts(out, "<navMap>\n<navPoint id=\"np-front\" playOrder=\"1\">\n<navLabel><text>");
    fo_xhtml_escape(out, fo_xhtml_doc_title(e->doc));
    fo_buf_puts(out, "</text></navLabel>\n<content src=\"" FRONT_HREF "\"/>\n</navPoint>\n");
    int order = 2;
    for (size_t i = 0; i < e->n_chapters; i++)
        ncx_point(e, out, e->chapters[i], e->chapters[i], &order);
    fo_buf_puts(out, "</navMap>\n</ncx>\n");
}

/* ---- content documents ---- */

/* The front page: the title block, every block before the first section (the lead, photos), and
 * the rights statement. */
static void front_xhtml(const epub *e, fo_buf *out)
{
    fo_xhtml x = page_writer(e, out);
    begin_page(e, &x, fo_xhtml_doc_title(e->doc));
    fo_xhtml_title_block(&x);
    for (const fo_node *c = e->doc->root->first; c && c->kind != FO_SECTION; c = c->next)
        fo_xhtml_block(&x, c);
    fo_xhtml_rights(&x);
    fo_xhtml_end(&x);
}

/* One top-level section, with any blocks that follow it before the next section. */
static void chapter_xhtml(const epub *e, fo_buf *out, const fo_node *chapter)
{
    fo_xhtml x = page_writer(e, out);
    char *title = fo_xhtml_heading_plain(chapter);
    begin_page(e, &x, title);
    fo_xhtml_block(&x, chapter);
    for (const fo_node *c = chapter->next; c && c->kind != FO_SECTION; c = c->next)
        fo_xhtml_block(&x, c);
    fo_xhtml_end(&x);
    free(title);
}

/* Every entry, in package order. */
static int add_entries(epub *e)
{
    static const char mimetype[] = "application/epub+zip";
    int status = -1;
    fo_buf b = {0}, name = {0};
    if (add_bytes(e, "mimetype", mimetype, sizeof mimetype - 1, true) != 0)
        goto done;
    container_xml(&b);
    if (add_entry(e, "META-INF/container.xml", &b, false) != 0)
        goto done;
    content_opf(e, &b);
    if (add_entry(e, CONTENT_DIR "content.opf", &b, false) != 0)
        goto done;
    nav_xhtml(e, &b);
    if (add_entry(e, CONTENT_DIR NAV_HREF, &b, false) != 0)
        goto done;
    toc_ncx(e, &b);
    if (add_entry(e, CONTENT_DIR NCX_HREF, &b, false) != 0)
        goto done;
    for (size_t i = 0; i < e->n_css; i++) {
        name.len = 0;
        fo_buf_printf(&name, CONTENT_DIR "%s", e->css[i].href);
        if (add_bytes(e, name.data, e->css[i].data, e->css[i].len, false) != 0)
            goto done;
    }
    front_xhtml(e, &b);
    if (add_entry(e, CONTENT_DIR FRONT_HREF, &b, false) != 0)
        goto done;
    for (size_t i = 0; i < e->n_chapters; i++) {
        name.len = 0;
        fo_buf_puts(&name, CONTENT_DIR);
        put_chapter_href(&name, e->chapters[i]);
        chapter_xhtml(e, &b, e->chapters[i]);
        if (add_entry(e, name.data, &b, false) != 0)
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
    fo_buf_free(&b);
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
    collect_chapters(&e);
    collect_images(&e, doc->root);
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
    free(e.chapters);
    return status;
}
