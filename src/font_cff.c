/* font_cff.c — a CFF face as a Type0/CIDFontType0 font built through libharu's object layer
 * (see font_cff.h).
 *
 * The objects written (PDF 1.7, 9.7.4 and 9.9):
 *   Type0        /BaseFont TAG+Name /Encoding /Identity-H /DescendantFonts [CIDFont]
 *                (fonts.c adds /ToUnicode)
 *   CIDFont      /Subtype /CIDFontType0 /CIDSystemInfo (Adobe, Identity, 0) /DW 1000 /W [...]
 *   Descriptor   /Flags /FontBBox /Ascent /Descent /CapHeight /StemV /FontFile3
 *   FontFile3    /Subtype /CIDFontType0C, the re-keyed CFF, Flate-compressed
 * No CIDToGIDMap: a CIDFontType0 finds a CID's glyph through the CFF's own charset, which cff.c
 * writes with CID = code point.
 */
#include "font_cff.h"
#include "cff.h"
#include "text.h"

#include <harfbuzz/hb-ot.h>
#include <harfbuzz/hb-subset.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The width most CJK glyphs have: /DW, left out of /W. */
#define DEFAULT_WIDTH 1000
/* libharu arrays hold at most 32,767 elements: /W runs are cut well below that. */
#define MAX_W_RUN 4096
/* Font descriptor flag: the font uses characters outside the Adobe standard Latin set. */
#define FLAG_SYMBOLIC 4
/* A dominant vertical stem width is required in the descriptor; viewers do not use it for
 * embedded fonts. */
#define STEM_V 80

/* The font's libharu attributes, extended: libharu reads `base` as its own. */
typedef struct cff_attr {
    HPDF_FontAttr_Rec base;
    size_t n;
    uint32_t *cps;              /* the code points drawn, ascending */
    int16_t *widths;            /* their advances, 1/1000 em */
    int16_t *by_cp;             /* the same by code point (0x10000 of them): layout asks often */
} cff_attr;

bool fo_font_cff_is_cff(hb_face_t *face)
{
    hb_blob_t *blob = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
    bool present = hb_blob_get_length(blob) > 0;
    hb_blob_destroy(blob);
    return present;
}

int fo_font_cff_width(HPDF_Font font, uint32_t cp)
{
    const cff_attr *a = (const cff_attr *)font->attr;
    return cp <= 0xFFFF ? a->by_cp[cp] : 0;
}

/* libharu asks a font for the width of a string it shows (HPDF_Page_ShowText skips a string of
 * width 0), in 1/1000 em. */
static HPDF_TextWidth text_width(HPDF_Font font, const HPDF_BYTE *text, HPDF_UINT len)
{
    HPDF_TextWidth tw = {0, 0, 0, 0};
    for (HPDF_UINT i = 0; i < len;) {
        uint32_t cp;
        size_t n = fo_utf8_decode((const char *)text + i, len - i, &cp);
        if (!n)
            break;
        tw.width += (HPDF_UINT)fo_font_cff_width(font, cp);
        tw.numchars++;
        if (cp == ' ') {
            tw.numspace++;
            tw.numwords++;
        }
        i += (HPDF_UINT)n;
    }
    return tw;
}

static void free_attr(HPDF_Dict font)
{
    cff_attr *a = font->attr;
    if (!a)
        return;
    free(a->cps);
    free(a->widths);
    free(a->by_cp);
    if (a->base.fontdef)
        HPDF_FontDef_Free(a->base.fontdef);
    HPDF_FreeMem(font->mmgr, a);
    font->attr = NULL;
}

/* ---- subsetting ---- */

/* The subset's CFF table, re-keyed: one glyph per code point in `used`, CID = code point.  Fills
 * the attributes' code points and widths.  Returns 0 or -1. */
static int make_program(hb_face_t *face, const hb_set_t *used, cff_attr *a, fo_buf *cff)
{
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input)
        return -1;
    hb_set_t *cps = hb_subset_input_unicode_set(input);
    hb_set_union(cps, used);
    hb_set_del_range(cps, 0x10000, HB_SET_VALUE_INVALID - 1);
    /* only the CFF table is embedded: drop the rest (the plan still reads the source's cmap) */
    hb_set_t *drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_set_clear(drop);
    hb_set_invert(drop);
    hb_set_del(drop, HB_TAG('C', 'F', 'F', ' '));
    /* desubroutinized charstrings subset faster and compress smaller; hints are for screens at
     * small sizes, and viewers hint embedded fonts on their own */
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_DESUBROUTINIZE);
    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(face, input);
    hb_face_t *sub = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
    int rc = -1;
    if (sub) {
        const hb_map_t *to_old = hb_subset_plan_unicode_to_old_glyph_mapping(plan);
        const hb_map_t *to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
        size_t max = hb_set_get_population(cps);
        fo_cff_glyph *glyphs = fo_xmalloc((max ? max : 1) * sizeof *glyphs);
        a->cps = fo_xmalloc((max ? max : 1) * sizeof *a->cps);
        a->widths = fo_xmalloc((max ? max : 1) * sizeof *a->widths);
        a->by_cp = calloc(0x10000, sizeof *a->by_cp);
        hb_font_t *font = hb_font_create(face);
        unsigned upem = hb_face_get_upem(face);
        hb_codepoint_t cp = HB_SET_VALUE_INVALID;
        while (hb_set_next(cps, &cp)) {
            hb_codepoint_t old = hb_map_get(to_old, cp), gid = old == HB_MAP_VALUE_INVALID ? old : hb_map_get(to_new, old);
            if (gid == HB_MAP_VALUE_INVALID || gid == 0)
                continue; /* not in the face: never drawn with it */
            glyphs[a->n] = (fo_cff_glyph){cp, gid};
            a->cps[a->n] = cp;
            a->widths[a->n] = (int16_t)(hb_font_get_glyph_h_advance(font, old) * 1000 / (int)upem);
            if (a->by_cp)
                a->by_cp[cp] = a->widths[a->n];
            a->n++;
        }
        hb_font_destroy(font);
        hb_blob_t *table = hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '));
        unsigned len = 0;
        const char *data = hb_blob_get_data(table, &len);
        rc = data && len && a->by_cp ? fo_cff_rekey((const uint8_t *)data, len, glyphs, a->n, cff) : -1;
        hb_blob_destroy(table);
        hb_face_destroy(sub);
        free(glyphs);
    }
    hb_subset_plan_destroy(plan);
    hb_subset_input_destroy(input);
    return rc;
}

/* ---- PDF objects ---- */

static HPDF_Dict new_indirect(HPDF_Doc pdf)
{
    HPDF_Dict dict = HPDF_Dict_New(pdf->mmgr);
    if (!dict || HPDF_Xref_Add(pdf->xref, dict) != HPDF_OK) /* Xref_Add frees it on failure */
        return NULL;
    return dict;
}

static HPDF_Dict font_file(HPDF_Doc pdf, const fo_buf *cff)
{
    HPDF_Dict file = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!file)
        return NULL;
    file->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    if (HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C") != HPDF_OK ||
        HPDF_Stream_Write(file->stream, (const HPDF_BYTE *)cff->data, (HPDF_UINT)cff->len) != HPDF_OK)
        return NULL;
    return file;
}

static int scaled(int v, unsigned upem)
{
    return (int)((long)v * 1000 / (long)upem);
}

static int16_t head_field(hb_face_t *face, unsigned offset)
{
    hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
    unsigned len = 0;
    const uint8_t *p = (const uint8_t *)hb_blob_get_data(head, &len);
    int16_t v = p && len >= offset + 2 ? (int16_t)(p[offset] << 8 | p[offset + 1]) : 0;
    hb_blob_destroy(head);
    return v;
}

/* The face's metrics in 1/1000 em, as the descriptor and libharu's font definition hold them. */
static void face_metrics(hb_face_t *face, HPDF_FontDef def)
{
    unsigned upem = hb_face_get_upem(face);
    hb_font_t *font = hb_font_create(face);
    hb_position_t ascent = 880, descent = -120, cap = 700; /* kept when the face does not say */
    hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &ascent);
    hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &descent);
    hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap);
    hb_font_destroy(font);
    def->ascent = (HPDF_INT16)scaled(ascent, upem);
    def->descent = (HPDF_INT16)scaled(descent, upem);
    def->cap_height = (HPDF_UINT16)scaled(cap, upem);
    /* head: xMin yMin xMax yMax at byte 36 */
    def->font_bbox = (HPDF_Box){(HPDF_REAL)scaled(head_field(face, 36), upem), (HPDF_REAL)scaled(head_field(face, 38), upem),
                                (HPDF_REAL)scaled(head_field(face, 40), upem), (HPDF_REAL)scaled(head_field(face, 42), upem)};
    def->flags = FLAG_SYMBOLIC;
    def->stemv = STEM_V;
}

/* A libharu font definition for the font: libharu's own font calls (HPDF_Font_GetUnicodeWidth,
 * GetBBox, GetAscent …) read it.  A Type 1 definition is the one whose widths can be set by
 * code point; it is never written to the PDF.  NULL on failure. */
static HPDF_FontDef font_def(HPDF_MMgr mmgr, hb_face_t *face, const cff_attr *a, const char *name)
{
    HPDF_FontDef def = HPDF_Type1FontDef_New(mmgr);
    if (!def)
        return NULL;
    snprintf(def->base_font, sizeof def->base_font, "%s", name);
    face_metrics(face, def);
    HPDF_CharData *w = fo_xmalloc((a->n + 1) * sizeof *w);
    for (size_t i = 0; i < a->n; i++)
        w[i] = (HPDF_CharData){0, (HPDF_UNICODE)a->cps[i], a->widths[i]};
    w[a->n] = (HPDF_CharData){0, 0xFFFF, 0}; /* the end of the list */
    HPDF_STATUS st = HPDF_Type1FontDef_SetWidths(def, w);
    free(w);
    def->missing_width = 0; /* SetWidths took the space's width */
    if (st != HPDF_OK) {
        HPDF_FontDef_Free(def);
        return NULL;
    }
    return def;
}

static HPDF_Dict descriptor(HPDF_Doc pdf, HPDF_FontDef def, const char *name, HPDF_Dict file)
{
    HPDF_Dict desc = new_indirect(pdf);
    HPDF_Array bbox = HPDF_Box_Array_New(pdf->mmgr, def->font_bbox);
    if (!desc || !bbox || HPDF_Dict_AddName(desc, "Type", "FontDescriptor") != HPDF_OK ||
        HPDF_Dict_AddName(desc, "FontName", name) != HPDF_OK ||
        HPDF_Dict_AddNumber(desc, "Flags", (HPDF_INT32)def->flags) != HPDF_OK ||
        HPDF_Dict_Add(desc, "FontBBox", bbox) != HPDF_OK || HPDF_Dict_AddNumber(desc, "ItalicAngle", 0) != HPDF_OK ||
        HPDF_Dict_AddNumber(desc, "Ascent", def->ascent) != HPDF_OK ||
        HPDF_Dict_AddNumber(desc, "Descent", def->descent) != HPDF_OK ||
        HPDF_Dict_AddNumber(desc, "CapHeight", def->cap_height) != HPDF_OK ||
        HPDF_Dict_AddNumber(desc, "StemV", def->stemv) != HPDF_OK || HPDF_Dict_Add(desc, "FontFile3", file) != HPDF_OK)
        return NULL;
    return desc;
}

/* /W: `first [w w …]` for each run of consecutive CIDs whose width is not /DW. */
static HPDF_Array widths_array(HPDF_MMgr mmgr, const cff_attr *a)
{
    HPDF_Array w = HPDF_Array_New(mmgr);
    for (size_t i = 0; w && i < a->n;) {
        if (a->widths[i] == DEFAULT_WIDTH) {
            i++;
            continue;
        }
        HPDF_Array run = HPDF_Array_New(mmgr);
        if (!run || HPDF_Array_AddNumber(w, (HPDF_INT32)a->cps[i]) != HPDF_OK || HPDF_Array_Add(w, run) != HPDF_OK)
            return NULL;
        size_t j = i;
        do {
            if (HPDF_Array_AddNumber(run, a->widths[j]) != HPDF_OK)
                return NULL;
            j++;
        } while (j < a->n && j - i < MAX_W_RUN && a->cps[j] == a->cps[j - 1] + 1 && a->widths[j] != DEFAULT_WIDTH);
        i = j;
    }
    return w;
}

static HPDF_Dict cid_font(HPDF_Doc pdf, const cff_attr *a, const char *name, HPDF_Dict desc)
{
    HPDF_Dict font = new_indirect(pdf);
    HPDF_Dict info = HPDF_Dict_New(pdf->mmgr);
    HPDF_Array w = widths_array(pdf->mmgr, a);
    if (!font || !info || !w || HPDF_Dict_AddName(font, "Type", "Font") != HPDF_OK ||
        HPDF_Dict_AddName(font, "Subtype", "CIDFontType0") != HPDF_OK || HPDF_Dict_AddName(font, "BaseFont", name) != HPDF_OK ||
        HPDF_Dict_Add(info, "Registry", HPDF_String_New(pdf->mmgr, "Adobe", NULL)) != HPDF_OK ||
        HPDF_Dict_Add(info, "Ordering", HPDF_String_New(pdf->mmgr, "Identity", NULL)) != HPDF_OK ||
        HPDF_Dict_AddNumber(info, "Supplement", 0) != HPDF_OK || HPDF_Dict_Add(font, "CIDSystemInfo", info) != HPDF_OK ||
        HPDF_Dict_Add(font, "FontDescriptor", desc) != HPDF_OK ||
        HPDF_Dict_AddNumber(font, "DW", DEFAULT_WIDTH) != HPDF_OK || HPDF_Dict_Add(font, "W", w) != HPDF_OK)
        return NULL;
    return font;
}

/* The Type0 font: a libharu font object (its class and attributes are what the page operators
 * check and use). */
static HPDF_Font type0_font(HPDF_Doc pdf, cff_attr *a, const char *name, HPDF_Dict descendant)
{
    HPDF_Dict font = new_indirect(pdf);
    HPDF_Array kids = HPDF_Array_New(pdf->mmgr);
    HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
    if (!font || !kids || !utf8 || HPDF_Dict_AddName(font, "Type", "Font") != HPDF_OK ||
        HPDF_Dict_AddName(font, "Subtype", "Type0") != HPDF_OK || HPDF_Dict_AddName(font, "BaseFont", name) != HPDF_OK ||
        HPDF_Dict_AddName(font, "Encoding", "Identity-H") != HPDF_OK || HPDF_Array_Add(kids, descendant) != HPDF_OK ||
        HPDF_Dict_Add(font, "DescendantFonts", kids) != HPDF_OK)
        return NULL;
    a->base.type = HPDF_FONT_TYPE0_CID;
    a->base.writing_mode = HPDF_WMODE_HORIZONTAL;
    a->base.text_width_fn = text_width;
    a->base.encoder = utf8;
    a->base.xref = pdf->xref;
    a->base.descendant_font = descendant;
    /* from here on the document frees the attributes with the font */
    font->header.obj_class |= HPDF_OSUBCLASS_FONT;
    font->attr = a;
    font->free_fn = free_attr;
    return font;
}

/* TAG+PostScriptName, with only the characters a PDF name needs no escape for. */
static void base_font_name(hb_face_t *face, const char *tag, char *out, size_t size)
{
    char ps[64] = "";
    unsigned len = sizeof ps;
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, ps);
    size_t n = (size_t)snprintf(out, size, "%s+", tag);
    for (const char *s = ps; *s && n + 1 < size; s++)
        if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_')
            out[n++] = *s;
    if (!ps[0])
        n += (size_t)snprintf(out + n, size - n, "CFF");
    out[n < size ? n : size - 1] = '\0';
}

HPDF_Font fo_font_cff_new(HPDF_Doc pdf, hb_face_t *face, const hb_set_t *used, const char *tag, const char *file,
                          fo_diag *d)
{
    cff_attr *a = HPDF_GetMem(pdf->mmgr, sizeof *a);
    if (!a) {
        fo_error(d, 0, 0, "out of memory");
        return NULL;
    }
    memset(a, 0, sizeof *a);
    fo_buf cff = {0};
    if (make_program(face, used, a, &cff) != 0) {
        fo_error(d, 0, 0, "%s: cannot subset the CFF font (damaged file?)", file);
        goto fail;
    }
    char name[96];
    base_font_name(face, tag, name, sizeof name);
    a->base.fontdef = font_def(pdf->mmgr, face, a, name);
    HPDF_Dict program = a->base.fontdef ? font_file(pdf, &cff) : NULL;
    HPDF_Dict desc = program ? descriptor(pdf, a->base.fontdef, name, program) : NULL;
    HPDF_Dict descendant = desc ? cid_font(pdf, a, name, desc) : NULL;
    HPDF_Font font = descendant ? type0_font(pdf, a, name, descendant) : NULL;
    fo_buf_free(&cff);
    if (font)
        return font; /* owns `a` from here on */
    fo_error(d, 0, 0, "%s: libharu cannot build the font objects", file);
    HPDF_ResetError(pdf);
    cff = (fo_buf){0};
fail:
    fo_buf_free(&cff);
    if (a->base.fontdef)
        HPDF_FontDef_Free(a->base.fontdef);
    free(a->cps);
    free(a->widths);
    free(a->by_cp);
    HPDF_FreeMem(pdf->mmgr, a);
    return NULL;
}
