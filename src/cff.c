/* cff.c — re-key a subset CFF as a CID-keyed font with CID = code point (see cff.h).
 *
 * The layout written: header, Name INDEX (copied), Top DICT INDEX, String INDEX (copied, plus
 * "Adobe" and "Identity" when missing), Global Subr INDEX (copied), charset, FDSelect, CharStrings
 * INDEX, FDArray INDEX, then each Private DICT followed by its local subroutines.  Every offset is
 * written as a five-byte integer, so the DICTs have the same size whatever the offsets are: they
 * are built once to learn the layout and once more with the real offsets.
 */
#include "cff.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum {
    OP_CHARSET = 15,
    OP_ENCODING = 16,
    OP_CHARSTRINGS = 17,
    OP_PRIVATE = 18,
    OP_SUBRS = 19,
    OP_UNIQUEID = 13,
    OP_XUID = 14,
    OP_SYNTHETIC_BASE = 1220,
    OP_ROS = 1230,
    OP_CIDCOUNT = 1234,
    OP_UIDBASE = 1235,
    OP_FDARRAY = 1236,
    OP_FDSELECT = 1237,
    STD_STRINGS = 391,      /* SIDs below this are the standard strings */
    MAX_DICT = 96,          /* operators in one DICT */
    MAX_FDS = 256,          /* FDSelect stores an FD index in one byte */
};

typedef struct span {
    const uint8_t *p;
    size_t n;
} span;

typedef struct cff_index {
    size_t start, end;          /* the whole INDEX */
    unsigned count, off_size;
    size_t offsets;             /* the offset array */
    size_t data;                /* the byte before the first object: offsets count from 1 */
} cff_index;

typedef struct dict_entry {
    int op;                     /* 0..21, or 1200 + the second byte of a two-byte operator */
    size_t start, end;          /* its operands and operator, within the DICT */
    int n_args;
    long args[4];               /* the first integer operands (offsets and sizes) */
} dict_entry;

typedef struct cff_font {
    const uint8_t *p;
    size_t len;
    size_t hdr_size;
    cff_index names, tops, strings, gsubrs, charstrings, fdarray;
    span top;
    dict_entry top_entries[MAX_DICT];
    int n_top;
    bool cid_keyed;
    size_t fdselect;            /* offset; CID-keyed fonts only */
    long private_size, private_offset;  /* name-keyed fonts only */
} cff_font;

static unsigned get16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }

static size_t get_off(const uint8_t *p, unsigned size)
{
    size_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = v << 8 | p[i];
    return v;
}

static void put16(fo_buf *b, unsigned v)
{
    uint8_t x[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    fo_buf_append(b, x, 2);
}

static void put_off(fo_buf *b, size_t v, unsigned size)
{
    for (unsigned i = size; i-- > 0;)
        fo_buf_putc(b, (char)(uint8_t)(v >> (8 * i)));
}

/* ---- reading ---- */

static bool read_index(const uint8_t *p, size_t len, size_t pos, cff_index *ix)
{
    memset(ix, 0, sizeof *ix);
    if (pos > len || len - pos < 2)
        return false;
    ix->start = pos;
    ix->count = get16(p + pos);
    if (ix->count == 0) {
        ix->end = pos + 2;
        return true;
    }
    if (len - pos < 3)
        return false;
    ix->off_size = p[pos + 2];
    if (ix->off_size < 1 || ix->off_size > 4)
        return false;
    ix->offsets = pos + 3;
    size_t table = (size_t)(ix->count + 1) * ix->off_size;
    if (table > len - ix->offsets)
        return false;
    ix->data = ix->offsets + table - 1;
    size_t last = get_off(p + ix->offsets + (size_t)ix->count * ix->off_size, ix->off_size);
    if (last < 1 || last > len - ix->data)
        return false;
    ix->end = ix->data + last;
    return true;
}

static bool index_item(const uint8_t *p, const cff_index *ix, unsigned i, span *item)
{
    if (i >= ix->count)
        return false;
    size_t a = get_off(p + ix->offsets + (size_t)i * ix->off_size, ix->off_size);
    size_t b = get_off(p + ix->offsets + (size_t)(i + 1) * ix->off_size, ix->off_size);
    if (a < 1 || b < a || b > ix->end - ix->data)
        return false;
    *item = (span){p + ix->data + a, b - a};
    return true;
}

/* Width of the operand starting at d[0], or 0 if it is not a valid operand; *v gets an integer's
 * value (0 for a real). */
static size_t operand(const uint8_t *d, size_t n, long *v)
{
    uint8_t b = d[0];
    *v = 0;
    if (b >= 32 && b <= 246) {
        *v = b - 139;
        return 1;
    }
    if (b >= 247 && b <= 254) {
        if (n < 2)
            return 0;
        *v = b <= 250 ? (b - 247) * 256 + d[1] + 108 : -(b - 251) * 256 - d[1] - 108;
        return 2;
    }
    if (b == 28) {
        if (n < 3)
            return 0;
        *v = (int16_t)get16(d + 1);
        return 3;
    }
    if (b == 29) {
        if (n < 5)
            return 0;
        *v = (int32_t)((uint32_t)d[1] << 24 | (uint32_t)d[2] << 16 | (uint32_t)d[3] << 8 | d[4]);
        return 5;
    }
    if (b == 30) { /* a real: nibbles up to an 0xF nibble */
        for (size_t i = 1; i < n; i++)
            if ((d[i] >> 4) == 0xF || (d[i] & 0xF) == 0xF)
                return i + 1;
        return 0;
    }
    return 0; /* reserved */
}

/* The DICT's operators with their operand bytes; -1 when malformed. */
static int parse_dict(span d, dict_entry *e, int max)
{
    int count = 0, n_args = 0;
    size_t start = 0;
    long args[4] = {0};
    for (size_t i = 0; i < d.n;) {
        uint8_t b = d.p[i];
        if (b <= 21) {
            int op = b;
            if (b == 12) {
                if (i + 1 >= d.n)
                    return -1;
                op = 1200 + d.p[++i];
            }
            i++;
            if (count == max)
                return -1;
            e[count] = (dict_entry){.op = op, .start = start, .end = i, .n_args = n_args};
            memcpy(e[count].args, args, sizeof args);
            count++;
            start = i;
            n_args = 0;
            continue;
        }
        long v;
        size_t w = operand(d.p + i, d.n - i, &v);
        if (!w)
            return -1;
        if (n_args < 4)
            args[n_args] = v;
        n_args++;
        i += w;
    }
    return start == d.n ? count : -1;
}

static const dict_entry *find_op(const dict_entry *e, int n, int op)
{
    for (int i = 0; i < n; i++)
        if (e[i].op == op)
            return &e[i];
    return NULL;
}

static bool offset_arg(const dict_entry *e, int k, size_t len, size_t *out)
{
    if (!e || e->n_args <= k || e->args[k] < 0 || (size_t)e->args[k] > len)
        return false;
    *out = (size_t)e->args[k];
    return true;
}

static int read_font(const uint8_t *p, size_t len, cff_font *f)
{
    memset(f, 0, sizeof *f);
    f->p = p;
    f->len = len;
    if (len < 4 || p[0] != 1 || p[2] < 4 || p[2] > len)
        return -1;
    f->hdr_size = p[2];
    if (!read_index(p, len, f->hdr_size, &f->names) || !read_index(p, len, f->names.end, &f->tops) ||
        !read_index(p, len, f->tops.end, &f->strings) || !read_index(p, len, f->strings.end, &f->gsubrs) ||
        !index_item(p, &f->tops, 0, &f->top))
        return -1;
    f->n_top = parse_dict(f->top, f->top_entries, MAX_DICT);
    if (f->n_top < 0)
        return -1;
    size_t at;
    if (!offset_arg(find_op(f->top_entries, f->n_top, OP_CHARSTRINGS), 0, len, &at) ||
        !read_index(p, len, at, &f->charstrings) || f->charstrings.count == 0)
        return -1;
    f->cid_keyed = find_op(f->top_entries, f->n_top, OP_ROS) != NULL;
    if (f->cid_keyed) {
        if (!offset_arg(find_op(f->top_entries, f->n_top, OP_FDARRAY), 0, len, &at) ||
            !read_index(p, len, at, &f->fdarray) || f->fdarray.count == 0 || f->fdarray.count > MAX_FDS ||
            !offset_arg(find_op(f->top_entries, f->n_top, OP_FDSELECT), 0, len, &f->fdselect))
            return -1;
        return 0;
    }
    const dict_entry *priv = find_op(f->top_entries, f->n_top, OP_PRIVATE);
    size_t size, offset;
    if (!offset_arg(priv, 0, len, &size) || !offset_arg(priv, 1, len, &offset) || size > len - offset)
        return -1;
    f->private_size = (long)size;
    f->private_offset = (long)offset;
    return 0;
}

/* The Font DICT index of glyph `gid`, or -1. */
static int fd_of(const cff_font *f, unsigned gid)
{
    if (!f->cid_keyed)
        return 0;
    const uint8_t *p = f->p;
    size_t at = f->fdselect, len = f->len;
    if (at >= len)
        return -1;
    int fd = -1;
    if (p[at] == 0) {
        if (gid < len - at - 1)
            fd = p[at + 1 + gid];
    } else if (p[at] == 3 && len - at >= 3) {
        unsigned ranges = get16(p + at + 1);
        if ((size_t)ranges * 3 + 2 > len - at - 3)
            return -1;
        const uint8_t *r = p + at + 3;
        for (unsigned i = 0; i < ranges; i++) {
            unsigned first = get16(r + 3 * i), next = get16(r + 3 * i + 3);
            if (gid >= first && gid < next) {
                fd = r[3 * i + 2];
                break;
            }
        }
    }
    return fd >= 0 && (unsigned)fd < f->fdarray.count ? fd : -1;
}

/* ---- writing ---- */

static void put_op(fo_buf *b, int op)
{
    if (op >= 1200)
        fo_buf_putc(b, 12);
    fo_buf_putc(b, (char)(op >= 1200 ? op - 1200 : op));
}

static void put_int(fo_buf *b, long v)
{
    if (v >= -107 && v <= 107) {
        fo_buf_putc(b, (char)(v + 139));
    } else if (v >= 108 && v <= 1131) {
        fo_buf_putc(b, (char)((v - 108) / 256 + 247));
        fo_buf_putc(b, (char)((v - 108) % 256));
    } else if (v >= -1131 && v <= -108) {
        fo_buf_putc(b, (char)((-v - 108) / 256 + 251));
        fo_buf_putc(b, (char)((-v - 108) % 256));
    } else {
        fo_buf_putc(b, 29);
        put_off(b, (size_t)(uint32_t)v, 4);
    }
}

/* Offsets and sizes: always five bytes, so a DICT's size does not depend on them. */
static void put_int5(fo_buf *b, size_t v)
{
    fo_buf_putc(b, 29);
    put_off(b, v, 4);
}

static void put_index(fo_buf *b, const span *items, size_t count)
{
    put16(b, (unsigned)count);
    if (count == 0)
        return;
    size_t total = 1;
    for (size_t i = 0; i < count; i++)
        total += items[i].n;
    unsigned off_size = total <= 0xFF ? 1 : total <= 0xFFFF ? 2 : total <= 0xFFFFFF ? 3 : 4;
    fo_buf_putc(b, (char)off_size);
    size_t off = 1;
    for (size_t i = 0; i < count; i++) {
        put_off(b, off, off_size);
        off += items[i].n;
    }
    put_off(b, off, off_size);
    for (size_t i = 0; i < count; i++)
        fo_buf_append(b, items[i].p, items[i].n);
}

static size_t index_size(const span *items, size_t count)
{
    fo_buf b = {0};
    put_index(&b, items, count);
    size_t n = b.len;
    fo_buf_free(&b);
    return n;
}

/* The SID of `s`, appending it to the custom strings when missing. */
static unsigned string_sid(span *strings, size_t *n, const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < *n; i++)
        if (strings[i].n == len && memcmp(strings[i].p, s, len) == 0)
            return (unsigned)(STD_STRINGS + i);
    strings[*n] = (span){(const uint8_t *)s, len};
    return (unsigned)(STD_STRINGS + (*n)++);
}

static bool dropped_from_top(int op)
{
    static const int ops[] = {OP_ROS, OP_CHARSET, OP_ENCODING, OP_CHARSTRINGS, OP_PRIVATE, OP_FDSELECT,
                              OP_FDARRAY, OP_CIDCOUNT, OP_UNIQUEID, OP_XUID, OP_UIDBASE, OP_SYNTHETIC_BASE};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (ops[i] == op)
            return true;
    return false;
}

typedef struct layout {
    size_t charset, fdselect, charstrings, fdarray;
} layout;

static void build_top(const cff_font *f, unsigned sid_registry, unsigned sid_ordering, const layout *at, fo_buf *b)
{
    put_int(b, sid_registry);
    put_int(b, sid_ordering);
    put_int(b, 0);
    put_op(b, OP_ROS); /* ROS must come first in a CID-keyed Top DICT */
    for (int i = 0; i < f->n_top; i++) {
        const dict_entry *e = &f->top_entries[i];
        if (!dropped_from_top(e->op))
            fo_buf_append(b, f->top.p + e->start, e->end - e->start);
    }
    put_int(b, 65536);
    put_op(b, OP_CIDCOUNT);
    put_int5(b, at->charset);
    put_op(b, OP_CHARSET);
    put_int5(b, at->fdselect);
    put_op(b, OP_FDSELECT);
    put_int5(b, at->charstrings);
    put_op(b, OP_CHARSTRINGS);
    put_int5(b, at->fdarray);
    put_op(b, OP_FDARRAY);
}

/* One Font DICT of the output: its own bytes (the source's, or empty for a name-keyed source)
 * less Private, and its Private DICT with local subroutines. */
typedef struct fd_out {
    span font_dict;
    dict_entry entries[MAX_DICT];
    int n_entries;
    fo_buf priv;                /* the rebuilt Private DICT */
    span subrs;                 /* its local subroutines, copied */
} fd_out;

static int read_private(const cff_font *f, size_t size, size_t offset, fd_out *o)
{
    if (offset > f->len || size > f->len - offset)
        return -1;
    dict_entry e[MAX_DICT];
    int n = parse_dict((span){f->p + offset, size}, e, MAX_DICT);
    if (n < 0)
        return -1;
    const dict_entry *subrs = NULL;
    for (int i = 0; i < n; i++) {
        if (e[i].op == OP_SUBRS)
            subrs = &e[i];
        else
            fo_buf_append(&o->priv, f->p + offset + e[i].start, e[i].end - e[i].start);
    }
    if (subrs) { /* the subroutines follow the rebuilt DICT: their offset is its size */
        cff_index ix;
        size_t rel;
        if (!offset_arg(subrs, 0, f->len - offset, &rel) || !read_index(f->p, f->len, offset + rel, &ix))
            return -1;
        o->subrs = (span){f->p + ix.start, ix.end - ix.start};
        put_int5(&o->priv, o->priv.len + 6);
        put_op(&o->priv, OP_SUBRS);
    }
    return 0;
}

static int read_fds(const cff_font *f, fd_out *fds, unsigned *n_fds)
{
    if (!f->cid_keyed) {
        *n_fds = 1;
        return read_private(f, (size_t)f->private_size, (size_t)f->private_offset, &fds[0]);
    }
    *n_fds = f->fdarray.count;
    for (unsigned i = 0; i < f->fdarray.count; i++) {
        fd_out *o = &fds[i];
        size_t size, offset;
        if (!index_item(f->p, &f->fdarray, i, &o->font_dict))
            return -1;
        o->n_entries = parse_dict(o->font_dict, o->entries, MAX_DICT);
        const dict_entry *priv = o->n_entries < 0 ? NULL : find_op(o->entries, o->n_entries, OP_PRIVATE);
        if (!offset_arg(priv, 0, f->len, &size) || !offset_arg(priv, 1, f->len, &offset) ||
            read_private(f, size, offset, o) != 0)
            return -1;
    }
    return 0;
}

static void build_font_dict(const fd_out *o, size_t private_at, fo_buf *b)
{
    for (int i = 0; i < o->n_entries; i++)
        if (o->entries[i].op != OP_PRIVATE)
            fo_buf_append(b, o->font_dict.p + o->entries[i].start, o->entries[i].end - o->entries[i].start);
    put_int5(b, o->priv.len);
    put_int5(b, private_at);
    put_op(b, OP_PRIVATE);
}

/* The Font DICTs as INDEX items, Private DICTs placed from `private_at` on. */
static void build_fdarray(const fd_out *fds, unsigned n_fds, size_t private_at, fo_buf *dicts, span *items)
{
    size_t starts[MAX_FDS + 1];
    dicts->len = 0;
    for (unsigned i = 0; i < n_fds; i++) {
        starts[i] = dicts->len;
        build_font_dict(&fds[i], private_at, dicts);
        private_at += fds[i].priv.len + fds[i].subrs.n;
    }
    starts[n_fds] = dicts->len;
    for (unsigned i = 0; i < n_fds; i++)
        items[i] = (span){(const uint8_t *)dicts->data + starts[i], starts[i + 1] - starts[i]};
}

/* charset: format 0 (a CID per glyph) or 2 (runs of consecutive CIDs), whichever is smaller. */
static void build_charset(const fo_cff_glyph *g, size_t n, fo_buf *b)
{
    size_t runs = 0;
    for (size_t i = 0; i < n; i++)
        runs += i == 0 || g[i].cid != g[i - 1].cid + 1;
    if (4 * runs < 2 * n) {
        fo_buf_putc(b, 2);
        for (size_t i = 0; i < n;) {
            size_t j = i + 1;
            while (j < n && g[j].cid == g[j - 1].cid + 1)
                j++;
            put16(b, g[i].cid);
            put16(b, (unsigned)(j - i - 1));
            i = j;
        }
        return;
    }
    fo_buf_putc(b, 0);
    for (size_t i = 0; i < n; i++)
        put16(b, g[i].cid);
}

/* FDSelect format 3: runs of glyphs in one Font DICT. */
static void build_fdselect(const uint8_t *fd, size_t n_glyphs, fo_buf *b)
{
    size_t runs = 0;
    for (size_t i = 0; i < n_glyphs; i++)
        runs += i == 0 || fd[i] != fd[i - 1];
    fo_buf_putc(b, 3);
    put16(b, (unsigned)runs);
    for (size_t i = 0; i < n_glyphs; i++)
        if (i == 0 || fd[i] != fd[i - 1]) {
            put16(b, (unsigned)i);
            fo_buf_putc(b, (char)fd[i]);
        }
    put16(b, (unsigned)n_glyphs);
}

/* The glyphs' charstrings (.notdef first) and Font DICT indexes; -1 on a bad glyph id. */
static int collect_glyphs(const cff_font *f, const fo_cff_glyph *g, size_t n, span *cs, uint8_t *fd)
{
    for (size_t i = 0; i <= n; i++) {
        unsigned gid = i == 0 ? 0 : g[i - 1].gid;
        int k = fd_of(f, gid);
        if (k < 0 || !index_item(f->p, &f->charstrings, gid, &cs[i]))
            return -1;
        fd[i] = (uint8_t)k;
    }
    return 0;
}

static bool glyphs_valid(const fo_cff_glyph *g, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (g[i].cid == 0 || g[i].cid > 0xFFFF || (i && g[i].cid <= g[i - 1].cid))
            return false;
    return n < 0xFFFF;
}

int fo_cff_rekey(const uint8_t *cff, size_t len, const fo_cff_glyph *glyphs, size_t n, fo_buf *out)
{
    cff_font f;
    if (!glyphs_valid(glyphs, n) || read_font(cff, len, &f) != 0)
        return -1;
    int rc = -1;
    span *cs = fo_xmalloc((n + 1) * sizeof *cs);
    uint8_t *fd = fo_xmalloc(n + 1);
    unsigned max_fds = f.cid_keyed ? f.fdarray.count : 1;
    fd_out *fds = calloc(max_fds, sizeof *fds);
    span *strings = fo_xmalloc((f.strings.count + 2) * sizeof *strings);
    span fd_items[MAX_FDS];
    fo_buf top = {0}, charset = {0}, fdselect = {0}, charstrings = {0}, fd_dicts = {0};
    unsigned n_fds = 0;
    if (!fds || collect_glyphs(&f, glyphs, n, cs, fd) != 0 || read_fds(&f, fds, &n_fds) != 0)
        goto done;
    size_t n_strings = f.strings.count;
    for (unsigned i = 0; i < f.strings.count; i++)
        if (!index_item(cff, &f.strings, i, &strings[i]))
            goto done;
    unsigned registry = string_sid(strings, &n_strings, "Adobe");
    unsigned ordering = string_sid(strings, &n_strings, "Identity");
    build_charset(glyphs, n, &charset);
    build_fdselect(fd, n + 1, &fdselect);
    put_index(&charstrings, cs, n + 1);

    /* first pass: sizes, hence where everything goes */
    layout at = {0};
    build_top(&f, registry, ordering, &at, &top);
    span top_item = {(const uint8_t *)top.data, top.len};
    at.charset = f.hdr_size + (f.names.end - f.names.start) + index_size(&top_item, 1) +
                 index_size(strings, n_strings) + (f.gsubrs.end - f.gsubrs.start);
    at.fdselect = at.charset + charset.len;
    at.charstrings = at.fdselect + fdselect.len;
    at.fdarray = at.charstrings + charstrings.len;
    build_fdarray(fds, n_fds, 0, &fd_dicts, fd_items);
    size_t private_at = at.fdarray + index_size(fd_items, n_fds);

    /* second pass: the same bytes with the real offsets */
    top.len = 0;
    build_top(&f, registry, ordering, &at, &top);
    top_item = (span){(const uint8_t *)top.data, top.len};
    build_fdarray(fds, n_fds, private_at, &fd_dicts, fd_items);

    size_t start = out->len;
    fo_buf_append(out, cff, f.hdr_size);
    out->data[start + 3] = 4; /* offSize: offsets into the font take four bytes at most */
    fo_buf_append(out, cff + f.names.start, f.names.end - f.names.start);
    put_index(out, &top_item, 1);
    put_index(out, strings, n_strings);
    fo_buf_append(out, cff + f.gsubrs.start, f.gsubrs.end - f.gsubrs.start);
    fo_buf_append(out, charset.data, charset.len);
    fo_buf_append(out, fdselect.data, fdselect.len);
    fo_buf_append(out, charstrings.data, charstrings.len);
    put_index(out, fd_items, n_fds);
    for (unsigned i = 0; i < n_fds; i++) {
        fo_buf_append(out, fds[i].priv.data, fds[i].priv.len);
        fo_buf_append(out, fds[i].subrs.p, fds[i].subrs.n);
    }
    rc = 0;
done:
    if (fds)
        for (unsigned i = 0; i < max_fds; i++)
            fo_buf_free(&fds[i].priv);
    free(fds);
    free(cs);
    free(fd);
    free(strings);
    fo_buf_free(&top);
    fo_buf_free(&charset);
    fo_buf_free(&fdselect);
    fo_buf_free(&charstrings);
    fo_buf_free(&fd_dicts);
    return rc;
}

/* ---- reading a charset (for tests) ---- */

static int charset_cid(const cff_font *f, size_t at, unsigned gid)
{
    const uint8_t *p = f->p;
    size_t len = f->len;
    if (gid == 0)
        return 0;
    if (at >= len)
        return -1;
    unsigned format = p[at++], g = 1;
    size_t range = format == 1 ? 3 : 4;
    if (format == 0)
        return (size_t)gid * 2 <= len - at ? (int)get16(p + at + 2 * (gid - 1)) : -1;
    if (format > 2)
        return -1;
    for (; at + range <= len; at += range) {
        unsigned first = get16(p + at), left = format == 1 ? p[at + 2] : get16(p + at + 2);
        if (gid <= g + left)
            return (int)(first + (gid - g));
        g += left + 1;
    }
    return -1;
}

int fo_cff_glyph_cid(const uint8_t *cff, size_t len, unsigned gid, unsigned *n_glyphs, int *cid_keyed)
{
    cff_font f;
    if (read_font(cff, len, &f) != 0)
        return -1;
    *n_glyphs = f.charstrings.count;
    *cid_keyed = f.cid_keyed;
    size_t at;
    if (gid >= f.charstrings.count || !offset_arg(find_op(f.top_entries, f.n_top, OP_CHARSET), 0, len, &at) ||
        at <= 2)
        return -1;
    return charset_cid(&f, at, gid);
}
