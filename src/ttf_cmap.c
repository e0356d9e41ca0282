/* ttf_cmap.c — prepare a subset font for libharu: a paged cmap and a non-empty prep (see ttf_cmap.h). */
#include "ttf_cmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum {
    PAGE_SHIFT = 8,             /* 256 codes a page */
    MAX_CMAP4_BYTES = 65535,    /* a format-4 subtable's length is a uint16 */
    MAX_SEGMENTS = 8192,
};

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t get32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

static void put16(fo_buf *b, uint16_t v)
{
    uint8_t x[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    fo_buf_append(b, x, 2);
}

static void put32(fo_buf *b, uint32_t v)
{
    uint8_t x[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    fo_buf_append(b, x, 4);
}

static void set32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}

static uint32_t table_checksum(const uint8_t *p, size_t len)
{
    uint32_t sum = 0;
    size_t whole = len & ~(size_t)3;
    for (size_t i = 0; i < whole; i += 4)
        sum += get32(p + i);
    if (whole < len) { /* the last word, padded with zeros */
        uint8_t word[4] = {0, 0, 0, 0};
        memcpy(word, p + whole, len - whole);
        sum += get32(word);
    }
    return sum;
}

typedef struct segment {
    uint32_t start, end;
} segment;

/* The BMP code → glyph map of the font, as a 65,536-entry array (0: no glyph). */
static uint16_t *bmp_map(hb_blob_t *blob, size_t *used)
{
    hb_face_t *face = hb_face_create(blob, 0);
    hb_font_t *font = hb_font_create(face);
    hb_set_t *codes = hb_set_create();
    hb_face_collect_unicodes(face, codes);
    uint16_t *map = calloc(0x10000, sizeof *map);
    *used = 0;
    hb_codepoint_t cp = HB_SET_VALUE_INVALID, gid;
    while (map && hb_set_next(codes, &cp) && cp < 0xFFFF)
        if (hb_font_get_nominal_glyph(font, cp, &gid) && gid && gid <= 0xFFFF) {
            map[cp] = (uint16_t)gid;
            (*used)++;
        }
    hb_set_destroy(codes);
    hb_font_destroy(font);
    hb_face_destroy(face);
    return map;
}

/* Segments over runs of consecutive used pages, each trimmed to its first and last used code.
 * With merge == false, one segment per used page (smaller glyph array, more segments). */
static size_t plan_segments(const uint16_t *map, bool merge, segment *segs, size_t *entries)
{
    size_t n = 0;
    *entries = 0;
    for (uint32_t page = 0; page < 0x100; page++) {
        uint32_t first = 0, last = 0;
        bool any = false;
        for (uint32_t cp = page << PAGE_SHIFT; cp < (page + 1) << PAGE_SHIFT && cp < 0xFFFF; cp++)
            if (map[cp]) {
                if (!any)
                    first = cp;
                last = cp;
                any = true;
            }
        if (!any)
            continue;
        if (merge && n && (segs[n - 1].end >> PAGE_SHIFT) + 1 == page)
            segs[n - 1].end = last;
        else if (n < MAX_SEGMENTS)
            segs[n++] = (segment){first, last};
    }
    for (size_t i = 0; i < n; i++)
        *entries += segs[i].end - segs[i].start + 1;
    return n;
}

/* A cmap table with one (3,1) format-4 subtable. */
static bool build_cmap(const uint16_t *map, fo_buf *cmap)
{
    segment *segs = fo_xmalloc(sizeof *segs * MAX_SEGMENTS);
    size_t entries, n = plan_segments(map, true, segs, &entries);
    size_t seg_count = n + 1; /* + the closing 0xFFFF segment */
    if (16 + 8 * seg_count + 2 * entries > MAX_CMAP4_BYTES) {
        n = plan_segments(map, false, segs, &entries);
        seg_count = n + 1;
    }
    size_t length = 16 + 8 * seg_count + 2 * entries;
    if (n == 0 || length > MAX_CMAP4_BYTES) {
        free(segs);
        return false;
    }
    unsigned search = 1, selector = 0;
    while (search * 2 <= seg_count)
        search *= 2, selector++;
    put16(cmap, 0);                         /* cmap version */
    put16(cmap, 1);                         /* one subtable */
    put16(cmap, 3), put16(cmap, 1), put32(cmap, 12); /* Windows, Unicode BMP, at offset 12 */
    put16(cmap, 4), put16(cmap, (uint16_t)length), put16(cmap, 0);
    put16(cmap, (uint16_t)(seg_count * 2));
    put16(cmap, (uint16_t)(search * 2)), put16(cmap, (uint16_t)selector);
    put16(cmap, (uint16_t)(seg_count * 2 - search * 2));
    for (size_t i = 0; i < n; i++)
        put16(cmap, (uint16_t)segs[i].end);
    put16(cmap, 0xFFFF);
    put16(cmap, 0);                         /* reservedPad */
    for (size_t i = 0; i < n; i++)
        put16(cmap, (uint16_t)segs[i].start);
    put16(cmap, 0xFFFF);
    for (size_t i = 0; i < n; i++)
        put16(cmap, 0);                     /* idDelta: the glyph array holds the ids */
    put16(cmap, 1);                         /* 0xFFFF + 1 wraps to glyph 0 */
    size_t array_index = 0;
    for (size_t i = 0; i < n; i++) {
        /* bytes from this idRangeOffset word to the segment's first glyph-array entry */
        put16(cmap, (uint16_t)(2 * (seg_count - i) + 2 * array_index));
        array_index += segs[i].end - segs[i].start + 1;
    }
    put16(cmap, 0);
    for (size_t i = 0; i < n; i++)
        for (uint32_t cp = segs[i].start; cp <= segs[i].end; cp++)
            put16(cmap, map[cp]);
    free(segs);
    return true;
}

/* A table of the font being rebuilt: where its bytes come from. */
typedef struct table_src {
    uint32_t tag;
    const uint8_t *data;
    size_t len;
} table_src;

static int by_tag(const void *a, const void *b)
{
    uint32_t x = ((const table_src *)a)->tag, y = ((const table_src *)b)->tag;
    return x < y ? -1 : x > y;
}

/* A control-value program that does nothing: PUSHB[0] 0, POP. */
static const uint8_t noop_prep[] = {0xB0, 0x00, 0x21};

/* The font with its cmap replaced and a 'prep' table added when it has none; NULL if the font is
 * not a plain sfnt.  Why 'prep': libharu writes the tables it embeds into a memory stream and then
 * seeks to each table's start; an empty last table ('prep', which a subset without hinting lacks)
 * starts at the very end of that stream, and libharu's memory stream cannot seek to its end when
 * the data fills its 4,096-byte buffers exactly — the PDF then fails with HPDF_INVALID_OBJECT (and
 * libharu leaks).  A table with content can never start at the end. */
static hb_blob_t *rebuild_font(const uint8_t *font, size_t len, const fo_buf *cmap)
{
    if (len < 12)
        return NULL;
    uint32_t version = get32(font);
    if (version != 0x00010000 && version != 0x74727565 /* 'true' */)
        return NULL;
    unsigned num = get16(font + 4);
    if (num == 0 || 12 + 16 * (size_t)num > len)
        return NULL;
    table_src *tables = fo_xmalloc(sizeof *tables * (num + 1));
    size_t n = 0;
    bool has_prep = false;
    for (unsigned i = 0; i < num; i++) {
        const uint8_t *rec = font + 12 + 16 * i;
        uint32_t tag = get32(rec), off = get32(rec + 8), tlen = get32(rec + 12);
        if (tag == 0x636D6170 /* 'cmap' */) {
            tables[n++] = (table_src){tag, (const uint8_t *)cmap->data, cmap->len};
            continue;
        }
        if ((size_t)off > len || tlen > len - off) {
            free(tables);
            return NULL;
        }
        has_prep |= tag == 0x70726570 && tlen > 0;
        if (tag == 0x70726570 && tlen == 0)
            continue; /* replaced below */
        tables[n++] = (table_src){tag, font + off, tlen};
    }
    if (!has_prep)
        tables[n++] = (table_src){0x70726570 /* 'prep' */, noop_prep, sizeof noop_prep};
    qsort(tables, n, sizeof *tables, by_tag);

    unsigned search = 1, selector = 0;
    while (search * 2 <= n)
        search *= 2, selector++;
    fo_buf out = {0};
    put32(&out, version);
    put16(&out, (uint16_t)n);
    put16(&out, (uint16_t)(search * 16)), put16(&out, (uint16_t)selector);
    put16(&out, (uint16_t)(n * 16 - search * 16));
    size_t head_offset = 0, records = out.len;
    for (size_t i = 0; i < n; i++)
        put32(&out, 0), put32(&out, 0), put32(&out, 0), put32(&out, 0);
    for (size_t i = 0; i < n; i++) {
        size_t at = out.len;
        fo_buf_append(&out, tables[i].data, tables[i].len);
        while (out.len % 4)
            fo_buf_putc(&out, 0);
        if (tables[i].tag == 0x68656164 /* 'head' */ && tables[i].len >= 12) {
            head_offset = at;
            set32((uint8_t *)out.data + at + 8, 0); /* checkSumAdjustment is computed last */
        }
        uint8_t *rec = (uint8_t *)out.data + records + 16 * i;
        set32(rec, tables[i].tag);
        set32(rec + 4, table_checksum((const uint8_t *)out.data + at, tables[i].len));
        set32(rec + 8, (uint32_t)at);
        set32(rec + 12, (uint32_t)tables[i].len);
    }
    free(tables);
    if (head_offset)
        set32((uint8_t *)out.data + head_offset + 8,
              0xB1B0AFBAu - table_checksum((const uint8_t *)out.data, out.len));
    size_t out_len = out.len;
    char *data = fo_buf_steal(&out);
    return hb_blob_create(data, (unsigned)out_len, HB_MEMORY_MODE_WRITABLE, data, free);
}

hb_blob_t *fo_ttf_for_libharu(hb_blob_t *font)
{
    unsigned len;
    const uint8_t *data = (const uint8_t *)hb_blob_get_data(font, &len);
    if (!data || len < 12)
        return NULL;
    size_t used;
    uint16_t *map = bmp_map(font, &used);
    if (!map)
        return NULL;
    hb_blob_t *out = NULL;
    fo_buf cmap = {0};
    if (used && build_cmap(map, &cmap))
        out = rebuild_font(data, len, &cmap);
    fo_buf_free(&cmap);
    free(map);
    return out;
}

unsigned fo_ttf_cmap4_segments(hb_blob_t *font)
{
    hb_face_t *face = hb_face_create(font, 0);
    hb_blob_t *cmap = hb_face_reference_table(face, 0x636D6170);
    unsigned len, segments = 0;
    const uint8_t *p = (const uint8_t *)hb_blob_get_data(cmap, &len);
    if (p && len >= 4) {
        unsigned n = get16(p + 2);
        for (unsigned i = 0; i < n && 4 + 8 * (size_t)(i + 1) <= len; i++) {
            uint32_t off = get32(p + 4 + 8 * i + 4);
            if ((size_t)off + 8 <= len && get16(p + off) == 4) {
                segments = get16(p + off + 6) / 2;
                break;
            }
        }
    }
    hb_blob_destroy(cmap);
    hb_face_destroy(face);
    return segments;
}
