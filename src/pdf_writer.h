/* pdf_writer.h — the PDF writer's state, shared by its files (private to write_pdf.c, pdf_text.c
 * and pdf_picture.c): write_pdf.c lays the document out and draws its pages, pdf_text.c draws a
 * laid-out line of text and the page's running header and number, pdf_picture.c embeds and draws
 * the pictures. */
#ifndef FOLIO_PDF_WRITER_H
#define FOLIO_PDF_WRITER_H

#include <hpdf.h>

#include "fonts.h"
#include "pdf_blocks.h"
#include "style.h"

/* Bookmarks nest this deep (a packet: collection, article, four levels of sections); deeper
 * sections hang under the last level. */
#define OUTLINE_DEPTH 6

/* A picture embedded once, however often it is shown. */
typedef struct pdf_image {
    const fo_image *picture;
    HPDF_Image image;
} pdf_image;

typedef struct pdf_writer {
    const fo_doc *doc;
    fo_diag *d;
    fo_style style;
    fo_fonts *fonts;
    HPDF_Doc pdf;
    HPDF_STATUS hpdf_error, hpdf_detail;    /* the first libharu error, 0 when none */
    fo_pdf_blocks pb;           /* the document as blocks, lines and pages */
    /* drawing state of the current page */
    HPDF_Page page;
    int cur_slot, cur_mode;     /* cur_mode: the text rendering mode, -1 when not known */
    double cur_size, cur_tc;
    HPDF_Outline outline[OUTLINE_DEPTH]; /* the last bookmark at each level, for nesting */
    double dash[FO_ROLE_COUNT][2];  /* per role: the em dash's thickness and inset, in em (0: not yet) */
    pdf_image *images;
    size_t n_images;
    long decoded_pixels;        /* against MAX_DECODED_PIXELS */
} pdf_writer;

/* pdf_text.c */
double fo_pdf_advance(void *ctx, int slot, double size, uint32_t cp);
void fo_pdf_draw_line(pdf_writer *w, const fo_pdf_block *b, size_t line_index, double top);
void fo_pdf_draw_page_furniture(pdf_writer *w, const fo_pdf_page *page);
void fo_pdf_set_color(pdf_writer *w, unsigned rgb);

/* pdf_picture.c */
void fo_pdf_embed_pictures(pdf_writer *w);
void fo_pdf_draw_image(pdf_writer *w, const fo_pdf_block *b, double top);

#endif
