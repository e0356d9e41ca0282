/* fonts.c — find, subset, embed and repair the PDF's CJK fonts.
 *
 * Why each step (../shared/LIBRARIES.md has the measurements):
 *   - libharu 2.3 embeds TrueType outlines only: CFF faces (Noto CJK) are built by font_cff.c
 *     instead, and faces with neither outline format are skipped;
 *   - libharu drops composite-glyph components above glyph id 32767 and barely subsets, so every
 *     face is first subset with HarfBuzz to exactly the code points drawn (which renumbers glyphs);
 *   - libharu writes its encoding CMap as the ToUnicode map (invalid: cidrange, CMapType 1), so it is
 *     replaced by an identity bfrange map — the code libharu writes for a character is its code point.
 */
#include "fonts.h"
#include "font_cff.h"
#include "ttf_cmap.h"
#include "writers.h"

#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <harfbuzz/hb-subset.h>
#include <harfbuzz/hb.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* How many fontconfig candidates a role's pattern may try before folio settles for the best. */
#define MAX_CANDIDATES 64

typedef struct face_entry {
    char *file;
    int index;
    hb_face_t *face;
    hb_set_t *coverage;     /* the code points the face maps */
    bool truetype;          /* has glyf and loca: libharu can embed it */
    bool cff;               /* has CFF outlines (and no glyf): font_cff.c embeds it */
    char *family;           /* its family as fontconfig names it, for messages; NULL when unknown */
    /* per document */
    hb_set_t *used;
    HPDF_Font font;
} face_entry;

struct fo_fonts {
    FcConfig *config;       /* loaded on first need */
    face_entry *faces;
    size_t n_faces, cap;
    int role_face[FO_ROLE_COUNT];   /* index into faces, -1 before choosing */
    bool stand_in_said[FO_ROLE_COUNT]; /* a stand-in face is named once a process */
};

fo_fonts *fo_fonts_new(void)
{
    fo_fonts *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    for (int r = 0; r < FO_ROLE_COUNT; r++)
        f->role_face[r] = -1;
    return f;
}

void fo_fonts_free(fo_fonts *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n_faces; i++) {
        free(f->faces[i].file);
        free(f->faces[i].family);
        hb_face_destroy(f->faces[i].face);
        hb_set_destroy(f->faces[i].coverage);
        hb_set_destroy(f->faces[i].used);
    }
    free(f->faces);
    if (f->config)
        FcConfigDestroy(f->config);
    free(f);
}

void fo_fonts_begin(fo_fonts *f)
{
    for (size_t i = 0; i < f->n_faces; i++) {
        hb_set_clear(f->faces[i].used);
        f->faces[i].font = NULL;
    }
    for (int r = 0; r < FO_ROLE_COUNT; r++)
        f->role_face[r] = -1;
}

static bool has_table(hb_face_t *face, hb_tag_t tag)
{
    hb_blob_t *blob = hb_face_reference_table(face, tag);
    bool present = hb_blob_get_length(blob) > 0;
    hb_blob_destroy(blob);
    return present;
}

/* The cached entry for file:index, opening it on first use.  Returns its index, or -1 with an
 * error in `d` when the file cannot be read or holds no such face (d may be NULL: stay quiet). */
static int open_face(fo_fonts *f, const char *file, int index, fo_diag *d)
{
    for (size_t i = 0; i < f->n_faces; i++)
        if (f->faces[i].index == index && strcmp(f->faces[i].file, file) == 0)
            return f->faces[i].face ? (int)i : -1;
    struct stat st;
    if (access(file, R_OK) != 0 || stat(file, &st) != 0) {
        if (d)
            fo_error(d, 0, 0, "cannot read font file %s: %s", file, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode) || (size_t)st.st_size > FO_MAX_FONT_BYTES) { /* /dev/zero, a FIFO, a huge file */
        if (d)
            fo_error(d, 0, 0, "%s is not a font file folio reads (%s)", file,
                     S_ISREG(st.st_mode) ? "larger than 256 MB" : "not a regular file");
        return -1;
    }
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
    unsigned count = blob ? hb_face_count(blob) : 0;
    if (!blob || count == 0 || index < 0 || (unsigned)index >= count) {
        if (d) {
            if (!blob || count == 0)
                fo_error(d, 0, 0, "%s is not a TrueType or OpenType font file", file);
            else
                fo_error(d, 0, 0, "%s has %u faces: no face number %d", file, count, index);
        }
        hb_blob_destroy(blob);
        return -1;
    }
    if (f->n_faces == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 8;
        f->faces = fo_xrealloc(f->faces, f->cap * sizeof *f->faces);
    }
    face_entry *e = &f->faces[f->n_faces];
    memset(e, 0, sizeof *e);
    e->file = fo_xstrdup(file);
    e->index = index;
    e->face = hb_face_create(blob, (unsigned)index);
    hb_blob_destroy(blob);
    e->coverage = hb_set_create();
    e->used = hb_set_create();
    hb_face_collect_unicodes(e->face, e->coverage);
    e->truetype = has_table(e->face, HB_TAG('g', 'l', 'y', 'f')) && has_table(e->face, HB_TAG('l', 'o', 'c', 'a'));
    e->cff = !e->truetype && fo_font_cff_is_cff(e->face);
    if (hb_face_get_glyph_count(e->face) == 0 || hb_set_is_empty(e->coverage)) {
        /* a damaged file: keep the entry so it is not opened again, but never use it */
        hb_face_destroy(e->face);
        e->face = NULL;
        f->n_faces++;
        if (d)
            fo_error(d, 0, 0, "%s is not a usable font (no glyphs or no character map)", file);
        return -1;
    }
    return (int)f->n_faces++;
}

/* --font FILE[:INDEX] */
static int choose_override(fo_fonts *f, const char *spec, fo_diag *d)
{
    int index, rc = -1;
    char *file = fo_font_spec_parse(spec, &index, d);
    if (!file)
        return -1;
    int at = open_face(f, file, index, d);
    if (at < 0)
        goto done;
    if (!f->faces[at].truetype && !f->faces[at].cff) {
        fo_error(d, 0, 0, "%s has neither TrueType (glyf) nor CFF outlines (a variable CFF2 or bitmap font?); "
                 "use a font such as Noto Serif CJK SC (fonts-noto-cjk) or AR PL UMing", file);
        goto done;
    }
    for (int r = 0; r < FO_ROLE_COUNT; r++)
        f->role_face[r] = at;
    rc = 0;
done:
    free(file);
    return rc;
}

static size_t charset_coverage(FcCharSet *cs, const uint32_t *cps, size_t n)
{
    size_t covered = 0;
    for (size_t i = 0; i < n; i++)
        covered += cs && FcCharSetHasChar(cs, cps[i]);
    return covered;
}

/* Whether `font` belongs to one of the families the pattern names (before fontconfig's
 * substitutions add generic ones). */
static bool named_family(FcPattern *named, FcPattern *font)
{
    FcChar8 *want, *have;
    for (int i = 0; FcPatternGetString(named, FC_FAMILY, i, &want) == FcResultMatch; i++)
        for (int j = 0; FcPatternGetString(font, FC_FAMILY, j, &have) == FcResultMatch; j++)
            if (FcStrCmpIgnoreCase(want, have) == 0)
                return true;
    return false;
}

/* Remember the family fontconfig gives a face (and its style, unless regular), for messages. */
static void note_family(face_entry *e, FcPattern *font)
{
    FcChar8 *family, *style;
    if (e->family || FcPatternGetString(font, FC_FAMILY, 0, &family) != FcResultMatch)
        return;
    fo_buf name = {0};
    fo_buf_puts(&name, (const char *)family);
    if (FcPatternGetString(font, FC_STYLE, 0, &style) == FcResultMatch && strcmp((const char *)style, "Regular") != 0 &&
        strcmp((const char *)style, "Book") != 0)
        fo_buf_printf(&name, " %s", (const char *)style);
    e->family = fo_buf_steal(&name);
}

/* The first embeddable face in fontconfig's order that covers every code point, else the one
 * that covers most; with `named`, only faces of the families it names.  Returns a face or -1. */
static int best_face(fo_fonts *f, FcFontSet *set, FcPattern *named, const uint32_t *cps, size_t n)
{
    int best = -1;
    size_t best_covered = 0;
    for (int i = 0; set && i < set->nfont && i < MAX_CANDIDATES; i++) {
        FcChar8 *file = NULL;
        int index = 0;
        FcCharSet *cs = NULL;
        if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch ||
            (named && !named_family(named, set->fonts[i])))
            continue;
        FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
        FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs);
        size_t covered = charset_coverage(cs, cps, n);
        if (best >= 0 && covered <= best_covered)
            continue;
        int at = open_face(f, (const char *)file, index, NULL);
        if (at < 0 || (!f->faces[at].truetype && !f->faces[at].cff))
            continue;
        note_family(&f->faces[at], set->fonts[i]);
        best = at;
        best_covered = covered;
        if (covered == n)
            break;
    }
    return best;
}

/* A face of the first family the pattern names that covers the text, else of the named family
 * that covers most of it (characters it lacks are drawn from another role's face); only when no
 * named family is installed does fontconfig's choice for the language stand in.  An unnamed
 * family is never preferred for coverage alone: Noto Sans CJK JP covers Chinese text but draws
 * Japanese glyph forms.  Returns a face index or -1. */
static int choose_by_pattern(fo_fonts *f, const char *pattern, bool named_only, const uint32_t *cps, size_t n)
{
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    if (!pat)
        return -1;
    FcPattern *named = FcPatternDuplicate(pat);
    FcConfigSubstitute(f->config, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result;
    FcFontSet *set = FcFontSort(f->config, pat, FcFalse, NULL, &result);
    int best = named ? best_face(f, set, named, cps, n) : -1;
    if (best < 0 && !named_only)
        best = best_face(f, set, NULL, cps, n);
    if (set)
        FcFontSetDestroy(set);
    if (named)
        FcPatternDestroy(named);
    FcPatternDestroy(pat);
    return best;
}

/* A role's face.  A pattern "WANTED | STAND-INS" (two fontconfig patterns) takes a face of the
 * families it wants when one is installed, else one of the stand-ins, and then says once which face
 * stands in (a style after GB/T 9704 asks for 仿宋 and 小标宋, which Debian does not have). */
static int choose_role(fo_fonts *f, fo_font_role role, const char *pattern, const uint32_t *cps, size_t n,
                       fo_buf *said)
{
    const char *bar = strchr(pattern, '|');
    if (!bar)
        return choose_by_pattern(f, pattern, false, cps, n);
    char *wanted = fo_xstrdup(pattern);
    size_t len = (size_t)(bar - pattern);
    while (len > 0 && wanted[len - 1] == ' ')
        len--;
    wanted[len] = '\0';
    const char *stand_ins = bar + 1 + strspn(bar + 1, " ");
    int at = choose_by_pattern(f, wanted, true, cps, n);
    if (at < 0) {
        at = choose_by_pattern(f, stand_ins, false, cps, n);
        if (at >= 0 && !f->stand_in_said[role]) {
            f->stand_in_said[role] = true;
            size_t first = strcspn(wanted, ",:");
            fo_buf_printf(said, "%s%s for %.*s (%s)", said->len ? "; " : "",
                          f->faces[at].family ? f->faces[at].family : f->faces[at].file, (int)first, wanted,
                          fo_font_role_name(role));
        }
    }
    free(wanted);
    return at;
}

int fo_fonts_choose(fo_fonts *f, const char *const patterns[FO_ROLE_COUNT], const char *override,
                    const uint32_t *doc_cps, size_t n, fo_diag *d)
{
    if (override)
        return choose_override(f, override, d);
    if (!f->config) {
        f->config = FcInitLoadConfigAndFonts();
        if (!f->config) {
            fo_error(d, 0, 0, "fontconfig could not load its configuration");
            return -1;
        }
    }
    fo_buf said = {0}; /* the stand-ins, said in one line */
    for (int r = 0; r < FO_ROLE_COUNT; r++) {
        fo_font_role base = fo_font_role_base((fo_font_role)r);
        if ((!patterns[r] || !*patterns[r]) && (int)base != r) { /* no face of its own: its base role's */
            f->role_face[r] = f->role_face[base];
            continue;
        }
        f->role_face[r] = choose_role(f, (fo_font_role)r, patterns[r] ? patterns[r] : "", doc_cps, n, &said);
        if (f->role_face[r] < 0) {
            fo_buf_free(&said);
            fo_error(d, 0, 0, "no embeddable font found for the %s text (fontconfig pattern '%s'); install "
                     "fonts-noto-cjk (or fonts-arphic-uming, fonts-wqy-microhei and fonts-arphic-ukai), or pass "
                     "--font FILE",
                     fo_font_role_name((fo_font_role)r), patterns[r] ? patterns[r] : "");
            return -1;
        }
    }
    if (said.len)
        fo_warn(d, 0, 0, "the style's faces are not installed; standing in: %s", said.data);
    fo_buf_free(&said);
    return 0;
}

bool fo_fonts_covers(const fo_fonts *f, fo_font_role role, uint32_t cp)
{
    int at = f->role_face[role];
    return cp <= 0xFFFF && at >= 0 && hb_set_has(f->faces[at].coverage, cp);
}

void fo_fonts_use(fo_fonts *f, fo_font_role role, uint32_t cp)
{
    int at = f->role_face[role];
    if (at >= 0)
        hb_set_add(f->faces[at].used, cp);
}

HPDF_Font fo_fonts_get(const fo_fonts *f, fo_font_role role)
{
    int at = f->role_face[role];
    return at >= 0 ? f->faces[at].font : NULL;
}

int fo_fonts_width(const fo_fonts *f, fo_font_role role, uint32_t cp)
{
    int at = f->role_face[role];
    if (at < 0 || !f->faces[at].font)
        return 0;
    if (f->faces[at].cff)
        return fo_font_cff_width(f->faces[at].font, cp);
    return HPDF_Font_GetUnicodeWidth(f->faces[at].font, (HPDF_UNICODE)cp);
}

bool fo_fonts_glyph_box(const fo_fonts *f, fo_font_role role, uint32_t cp, int box[4])
{
    int at = f->role_face[role];
    if (at < 0)
        return false;
    hb_font_t *font = hb_font_create(f->faces[at].face);
    unsigned upem = hb_face_get_upem(f->faces[at].face);
    hb_codepoint_t glyph;
    hb_glyph_extents_t e;
    bool ok = upem > 0 && hb_font_get_nominal_glyph(font, cp, &glyph) && hb_font_get_glyph_extents(font, glyph, &e);
    hb_font_destroy(font);
    if (!ok)
        return false;
    /* HarfBuzz gives the bearing and a height that is negative for a glyph drawn upwards */
    box[0] = (int)((long)e.x_bearing * 1000 / (long)upem);
    box[1] = (int)((long)(e.y_bearing + e.height) * 1000 / (long)upem);
    box[2] = (int)((long)(e.x_bearing + e.width) * 1000 / (long)upem);
    box[3] = (int)((long)e.y_bearing * 1000 / (long)upem);
    return true;
}

const char *fo_fonts_file(const fo_fonts *f, fo_font_role role, int *index)
{
    int at = f->role_face[role];
    if (at < 0)
        return NULL;
    if (index)
        *index = f->faces[at].index;
    return f->faces[at].file;
}

/* ---- subsetting ---- */

/* The face cut down to `used`, without the layout tables libharu never reads; NULL on failure. */
static hb_blob_t *subset_face(hb_face_t *face, const hb_set_t *used)
{
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input)
        return NULL;
    hb_set_union(hb_subset_input_unicode_set(input), used);
    hb_set_t *drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_set_add(drop, HB_TAG('G', 'S', 'U', 'B'));
    hb_set_add(drop, HB_TAG('G', 'P', 'O', 'S'));
    hb_set_add(drop, HB_TAG('G', 'D', 'E', 'F'));
    /* hinting instructions are for screens at small sizes; the PDF viewer hints on its own */
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *sub = hb_subset_or_fail(face, input);
    hb_subset_input_destroy(input);
    if (!sub)
        return NULL;
    hb_blob_t *blob = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    return blob;
}

/* Load TrueType data held in memory into libharu; returns the font's name for HPDF_GetFont, or
 * NULL.  libharu 2.3 has no public call for this (only HPDF_LoadTTFontFromFile), but the steps that
 * call takes are exported: parse a font definition from a stream, register it with the document,
 * give it its subset tag.  Doing them here needs no temporary file, so a read-only or full /tmp, or
 * a file-size limit meant for the output, cannot stop the PDF.  Like the file loader, a damaged font
 * gives NULL without calling the error handler. */
static const char *load_truetype(HPDF_Doc pdf, const char *data, unsigned len, const char *tag)
{
    /* one buffer with room to spare: libharu's memory stream cannot seek to its very end when the
     * data fills its last buffer exactly (HPDF_INVALID_OBJECT while saving the font) */
    HPDF_Stream stream = HPDF_MemStream_New(pdf->mmgr, len + 1 > 4096 ? len + 1 : 4096);
    if (!stream)
        return NULL;
    if (HPDF_Stream_Write(stream, (const HPDF_BYTE *)data, len) != HPDF_OK) {
        HPDF_Stream_Free(stream);
        return NULL;
    }
    /* the definition owns the stream from here on (it reads the glyphs again when saving) */
    HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, stream, HPDF_TRUE);
    if (!def)
        return NULL;
    if (HPDF_Doc_RegisterFontDef(pdf, def) != HPDF_OK) /* frees def on failure */
        return NULL;
    char tag_copy[8];
    snprintf(tag_copy, sizeof tag_copy, "%s", tag);
    HPDF_TTFontDef_SetTagName(def, tag_copy);
    return def->base_font;
}

/* ---- repairing libharu's font dictionaries ---- */

static void put_hex4(fo_buf *b, unsigned v)
{
    /* by hand: printf, called for every range of every face, was 2% of a PDF's instructions */
    static const char digits[] = "0123456789ABCDEF";
    char hex[6] = {'<', digits[(v >> 12) & 15], digits[(v >> 8) & 15], digits[(v >> 4) & 15], digits[v & 15], '>'};
    fo_buf_append(b, hex, sizeof hex);
}

/* An identity ToUnicode CMap (code = code point) over the code points in `used`: bfrange entries
 * may only vary in the last byte, and a block holds at most 100 of them. */
static void build_tounicode(const hb_set_t *used, fo_buf *out)
{
    fo_buf ranges = {0};
    size_t in_block = 0;
    hb_codepoint_t cp = HB_SET_VALUE_INVALID, first = 0, last = 0;
    bool open = false;
    fo_buf_puts(out, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                     "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                     "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (;;) {
        bool more = hb_set_next(used, &cp) && cp <= 0xFFFF;
        if (open && more && cp == last + 1 && (cp >> 8) == (first >> 8)) {
            last = cp;
            continue;
        }
        if (open) {
            put_hex4(&ranges, first);
            fo_buf_putc(&ranges, ' ');
            put_hex4(&ranges, last);
            fo_buf_putc(&ranges, ' ');
            put_hex4(&ranges, first);
            fo_buf_putc(&ranges, '\n');
            if (++in_block == 100 || !more) {
                fo_buf_printf(out, "%zu beginbfrange\n%sendbfrange\n", in_block, ranges.data);
                ranges.len = 0;
                ranges.data[0] = '\0';
                in_block = 0;
            }
        }
        if (!more)
            break;
        first = last = cp;
        open = true;
    }
    fo_buf_puts(out, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    fo_buf_free(&ranges);
}

/* Replace the font's ToUnicode stream with a valid identity map and make the descendant font's
 * CIDSystemInfo say Identity.  Returns 0 or -1. */
static int repair_font(HPDF_Font font, const hb_set_t *used)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
    HPDF_Dict cmap = HPDF_DictStream_New(font->mmgr, attr->xref);
    if (!cmap)
        return -1;
    cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    fo_buf text = {0};
    build_tounicode(used, &text);
    HPDF_STATUS st = HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)text.data, (HPDF_UINT)text.len);
    fo_buf_free(&text);
    if (st != HPDF_OK)
        return -1;
    if (HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT))
        HPDF_Dict_RemoveElement(font, "ToUnicode");
    if (HPDF_Dict_Add(font, "ToUnicode", cmap) != HPDF_OK)
        return -1;
    HPDF_Dict info = attr->descendant_font
                         ? HPDF_Dict_GetItem(attr->descendant_font, "CIDSystemInfo", HPDF_OCLASS_DICT)
                         : NULL;
    if (info) {
        HPDF_String ordering = HPDF_String_New(font->mmgr, "Identity", NULL);
        if (!ordering || HPDF_Dict_Add(info, "Ordering", ordering) != HPDF_OK)
            return -1;
    }
    return 0;
}

/* Subset, embed and repair one face; `tag` is its six-letter subset tag ("FOLIAA"). */
static int load_face(face_entry *e, HPDF_Doc pdf, const char *tag, fo_diag *d)
{
    int rc = -1;
    /* the .notdef-free subset of nothing is not a font libharu accepts: give it a space at least */
    if (hb_set_is_empty(e->used))
        hb_set_add(e->used, hb_set_has(e->coverage, 0x3000) ? 0x3000 : 0x20);
    if (e->cff) {
        e->font = fo_font_cff_new(pdf, e->face, e->used, tag, e->file, d);
        if (!e->font)
            return -1;
        if (repair_font(e->font, e->used) != 0) {
            fo_error(d, 0, 0, "%s: cannot write the font's ToUnicode map", e->file);
            return -1;
        }
        return 0;
    }
    hb_blob_t *blob = subset_face(e->face, e->used);
    /* libharu scans a format-4 cmap linearly for each of 65,536 codes: give it few segments */
    hb_blob_t *paged = blob ? fo_ttf_for_libharu(blob) : NULL;
    if (paged) {
        hb_blob_destroy(blob);
        blob = paged;
    }
    unsigned len = 0;
    const char *data = blob ? hb_blob_get_data(blob, &len) : NULL;
    if (!data || len == 0) {
        fo_error(d, 0, 0, "%s: HarfBuzz could not subset the font (damaged file?)", e->file);
        goto done;
    }
    const char *name = load_truetype(pdf, data, len, tag);
    if (!name) {
        fo_error(d, 0, 0, "%s: libharu cannot load the font (damaged or not TrueType)", e->file);
        HPDF_ResetError(pdf);
        goto done;
    }
    e->font = HPDF_GetFont(pdf, name, "UTF-8");
    if (!e->font) {
        fo_error(d, 0, 0, "%s: libharu cannot use the font with UTF-8 text", e->file);
        HPDF_ResetError(pdf);
        goto done;
    }
    if (repair_font(e->font, e->used) != 0) {
        fo_error(d, 0, 0, "%s: cannot rewrite the font's ToUnicode map", e->file);
        goto done;
    }
    rc = 0;
done:
    hb_blob_destroy(blob);
    return rc;
}

int fo_fonts_load(fo_fonts *f, HPDF_Doc pdf, fo_diag *d)
{
    int loaded = 0;
    for (int r = 0; r < FO_ROLE_COUNT; r++) {
        int at = f->role_face[r];
        if (at < 0) {
            fo_error(d, 0, 0, "no font chosen for the %s text", fo_font_role_name((fo_font_role)r));
            return -1;
        }
        /* roles sharing a face share one subset and one libharu font */
        if (f->faces[at].font)
            continue;
        /* subset tags: six capitals, distinct within the document (FOLIAA, FOLIAB …) */
        char tag[7] = "FOLIAA";
        tag[5] = (char)('A' + loaded % 26);
        tag[4] = (char)('A' + loaded / 26 % 26);
        if (load_face(&f->faces[at], pdf, tag, d) != 0)
            return -1;
        loaded++;
    }
    return 0;
}
