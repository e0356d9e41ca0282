/* read_text.c — the plain-text article reader: Chinese news text as copied off a web page.
 *
 * This file turns the text into blocks; read_page.c does the rest (features, zones, roles,
 * assembly), the same for every reader:
 *   1. physical lines → logical lines: decide the file's paragraph shape (one per line,
 *      blank-line separated and hard-wrapped, or "　　"-indented and hard-wrapped) and join the
 *      wrapped pieces; web junk (share widgets …) never joins anything;
 *   2. logical lines → blocks: what scraping glued into one line is cut apart again (paragraphs
 *      run together with <br/> or runs of spaces after a full stop), and scraping residue is
 *      removed (markdown **, a forum's jammer strings);
 *   3. fo_read_blocks (read_page.h).
 * `--explain` prints every input line with its zone, its role and the evidence that decided.
 */
#include <stdlib.h>
#include <string.h>

#include "read_chars.h"
#include "read_page.h"
#include "read_text_rules.h"
#include "readers.h"
#include "text.h"

/* A physical line of the input. */
typedef struct phys_line {
    const char *text;       /* into the input, not NUL-terminated */
    size_t len;             /* bytes, trailing white space removed */
    size_t chars;           /* code points, as the raw line stands (for wrap detection) */
    size_t lead;            /* bytes of leading white space */
    bool indented;          /* starts with "　" or two spaces: a paragraph start in indented text */
    bool blank, junk;
    bool continued;         /* joined to the logical line above (hard wrap) */
} phys_line;

typedef struct reader {
    const fo_reader_limits *lim;
    const fo_read_opts *opts;
    fo_diag *diag;
    phys_line *phys;
    size_t n_phys;
    fo_page *page;
    size_t wrap_width;      /* 0: not hard-wrapped */
    int gap;                /* blank lines since the last block */
} reader;

/* ---- pass 1: physical lines, shape, logical lines ---- */

/* Decode s[0, len) into cp (room for len code points); returns how many. */
static size_t decode_into(const char *s, size_t len, uint32_t *cp)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        size_t k = fo_utf8_decode(s + i, len - i, &cp[n]);
        if (!k) { /* the input was validated: cannot happen, but never loop forever */
            cp[n] = 0xFFFD;
            k = 1;
        }
        n++;
        i += k;
    }
    return n;
}

static uint32_t *decode_cps(const char *s, size_t len, size_t *n_out)
{
    uint32_t *cp = fo_xmalloc((len + 1) * sizeof *cp);
    *n_out = decode_into(s, len, cp);
    return cp;
}

static size_t split_lines(reader *r, const char *text, size_t len)
{
    size_t count = 1;
    for (size_t i = 0; i < len; i++)
        count += text[i] == '\n';
    r->phys = fo_xmalloc(count * sizeof *r->phys);
    size_t n = 0;
    for (size_t i = 0; i <= len && n < count;) {
        size_t e = i;
        while (e < len && text[e] != '\n')
            e++;
        phys_line *p = &r->phys[n++];
        memset(p, 0, sizeof *p);
        p->text = text + i;
        size_t end = e - i;
        /* trim trailing spaces (ASCII, tab, U+3000) */
        for (;;) {
            if (end && (p->text[end - 1] == ' ' || p->text[end - 1] == '\t'))
                end--;
            else if (end >= 3 && memcmp(p->text + end - 3, "\xE3\x80\x80", 3) == 0)
                end -= 3;
            else
                break;
        }
        p->len = end;
        size_t lead = 0, spaces = 0;
        for (;;) {
            if (lead < end && (p->text[lead] == ' ' || p->text[lead] == '\t'))
                lead++, spaces++;
            else if (lead + 3 <= end && memcmp(p->text + lead, "\xE3\x80\x80", 3) == 0)
                lead += 3, spaces += 2;
            else
                break;
        }
        p->lead = lead;
        p->indented = spaces >= 2;
        p->blank = lead == end || fo_utf8_invisible(p->text + lead, end - lead);
        p->chars = fo_utf8_count(p->text, end);
        i = e + 1;
    }
    return n;
}

/* Hard-wrapped Chinese text has many lines of one length (the wrap width, give or take a
 * character the wrapper moved for a line-start rule).  English text wrapped at word boundaries is
 * ragged: its lines end anywhere within the last few words before the width, which stays at most
 * ~100 characters.  Sets the width and how far short of it a piece may end and still be full;
 * width 0 means one paragraph per line. */
static void detect_wrap(reader *r, size_t *width, size_t *slack)
{
    enum { MAX_TRACKED = 256, RAGGED_MAX_WIDTH = 100 };
    size_t counts[MAX_TRACKED] = {0}, long_lines = 0, latin = 0, chars = 0, longest = 0;
    for (size_t i = 0; i < r->n_phys; i++) {
        const phys_line *p = &r->phys[i];
        if (p->blank || p->junk || p->chars < 20)
            continue;
        /* a wrapped piece runs on into the next line: a line before a blank one (a title printed
         * three times) says nothing about a wrap width */
        if (i + 1 < r->n_phys && (r->phys[i + 1].blank || r->phys[i + 1].junk))
            continue;
        long_lines++;
        if (p->chars < MAX_TRACKED)
            counts[p->chars]++;
        if (p->chars > longest)
            longest = p->chars;
        for (size_t k = p->lead; k < p->len; k++)
            latin += (unsigned char)p->text[k] < 0x80, chars += ((unsigned char)p->text[k] & 0xC0) != 0x80;
    }
    *width = *slack = 0;
    size_t best = 0, best_count = 0;
    for (size_t c = 20; c < MAX_TRACKED; c++) {
        size_t near = counts[c] + counts[c - 1]; /* a width and one less: a moved line-start mark */
        if (near > best_count)
            best = c, best_count = near;
    }
    if (best_count >= r->lim->wrap_min_lines && best_count >= r->lim->wrap_min_share * (double)long_lines) {
        *width = best;
        *slack = 2;
        return;
    }
    /* ragged Latin wrap: mostly ASCII, and no line longer than a wrapper would make */
    if (chars && latin * 2 > chars && longest <= RAGGED_MAX_WIDTH) {
        size_t full = 0;
        for (size_t c = longest * 6 / 10; c <= longest && c < MAX_TRACKED; c++)
            full += counts[c];
        if (full >= 3 && full * 2 >= long_lines) {
            *width = longest;
            *slack = longest * 4 / 10;
        }
    }
}

/* ---- pass 2: logical lines → blocks ---- */

/* "**" left by markdown around a footnote mark ("文章**[1]"), never text of its own. */
static size_t drop_markdown_bold(uint32_t *s, size_t n)
{
    size_t out = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '*' && i + 1 < n && s[i + 1] == '*' && n > 2) {
            i++;
            continue;
        }
        s[out++] = s[i];
    }
    return out;
}

/* A forum's jammer strings at the start of a paragraph, or after its last full stop. */
static void strip_jammers(const uint32_t *s, size_t *from, size_t *to)
{
    size_t j = fo_rule_jammer_run(s, *to, *from);
    if (j && *from + j < *to && fo_is_han(s[fo_cp_skip_spaces(s, *to, *from + j)]))
        *from = fo_cp_skip_spaces(s, *to, *from + j);
    for (size_t i = *from; i < *to; i++) {
        if (!(s[i] == 0x3002 || s[i] == 0xFF01 || s[i] == 0xFF1F) || i + 1 >= *to || !fo_cp_space(s[i + 1]))
            continue;
        size_t k = fo_cp_skip_spaces(s, *to, i + 1);
        if (k < *to && fo_rule_jammer_run(s, *to, k) == *to - k) {
            *to = i + 1;
            return;
        }
    }
}

static void add_block(reader *r, const uint32_t *s, size_t from, size_t to, int line, int col, int last_line)
{
    strip_jammers(s, &from, &to);
    while (from < to && fo_cp_space(s[from]))
        from++;
    while (to > from && fo_cp_space(s[to - 1]))
        to--;
    if (to == from)
        return;
    fo_block b = {.n = to - from, .line = line, .col = col + (int)from, .last_line = last_line, .gap = r->gap};
    b.cp = fo_xmalloc(b.n * sizeof *b.cp);
    memcpy(b.cp, s + from, b.n * sizeof *b.cp);
    fo_page_add(r->page, &b);
    r->gap = 0;
}

/* "<br/>" of a page's markup left in the text ends a paragraph. */
static size_t markup_break(const uint32_t *s, size_t n, size_t i)
{
    static const char32_t *const breaks[] = {U"<br/>", U"<br />", U"<br>", U"<BR>", U"<BR/>", U"<p>", U"</p>", NULL};
    if (s[i] != '<')
        return 0;
    for (const char32_t *const *b = breaks; *b; b++) {
        size_t len = fo_cp_match(s, n, i, *b);
        if (len)
            return len;
    }
    return 0;
}

/* Paragraphs run together on one line: cut at <br/>, at two spaces or more after a full stop, and,
 * on a line cut so, at every run of three spaces (a subhead between two paragraphs). */
static void split_into_blocks(reader *r, const uint32_t *s, size_t n, int line, int col, int last_line)
{
    bool glued = false;
    for (size_t i = 0; i + 2 < n && !glued; i++)
        glued = (s[i] == 0x3002 || s[i] == 0xFF01 || s[i] == 0xFF1F || s[i] == 0x201D) && fo_cp_space(s[i + 1]) &&
                fo_cp_space(s[i + 2]);
    size_t start = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] != '<' && !fo_cp_space(s[i])) {
            i++;
            continue;
        }
        size_t br = markup_break(s, n, i), spaces = 0;
        while (i + spaces < n && fo_cp_space(s[i + spaces]))
            spaces++;
        bool after_stop = i > 0 && (s[i - 1] == 0x3002 || s[i - 1] == 0xFF01 || s[i - 1] == 0xFF1F || s[i - 1] == 0x201D);
        bool cut = br || (glued && spaces >= 2 && (after_stop || spaces >= 3) && i > start);
        if (!cut) {
            i += spaces ? spaces : 1;
            continue;
        }
        add_block(r, s, start, i, line, col, last_line);
        i += br ? br : spaces;
        start = i;
    }
    add_block(r, s, start, n, line, col, last_line);
}

static void push_logical(reader *r, size_t first, size_t last)
{
    /* join the pieces: Chinese without a space, Latin words with one */
    fo_buf joined = {0};
    for (size_t i = first; i <= last; i++) {
        const phys_line *p = &r->phys[i];
        if (p->blank || (p->junk && i != first))
            continue;
        const char *s = p->text + p->lead;
        size_t len = p->len - p->lead;
        if (joined.len && len) {
            unsigned char a = (unsigned char)joined.data[joined.len - 1], b = (unsigned char)s[0];
            bool latin_a = a < 0x80 && (a > ' ') && !(a >= '0' && a <= '9');
            bool latin_b = b < 0x80 && ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z'));
            if (latin_a && latin_b)
                fo_buf_putc(&joined, ' ');
        }
        fo_buf_append(&joined, s, len);
        r->phys[i].continued = i != first;
    }
    size_t n;
    uint32_t *cp = decode_cps(joined.data ? joined.data : "", joined.len, &n);
    fo_buf_free(&joined);
    if (!r->opts->keep_punctuation)
        n = fo_normalize_punctuation(cp, n);
    n = drop_markdown_bold(cp, n);
    int col = (int)fo_utf8_count(r->phys[first].text, r->phys[first].lead) + 1;
    split_into_blocks(r, cp, n, (int)first + 1, col, (int)last + 1);
    free(cp);
}

/* Lines that start a logical line of their own whatever the shape: never the continuation of a
 * wrapped paragraph.  With `single_line`, only those that are never wrapped themselves (a
 * breadcrumb, a date line, a heading), so nothing is joined to them either. */
static bool stands_alone(reader *r, const phys_line *p, bool single_line)
{
    size_t n;
    uint32_t *cp = decode_cps(p->text + p->lead, p->len - p->lead, &n);
    fo_heading_match h;
    fo_meta_match m;
    fo_meta_span items[8];
    bool alone = fo_rule_heading(cp, n, r->lim, &h) || fo_rule_meta_line(cp, n, 0, &m) ||
                 fo_rule_breadcrumb(cp, n, items, 8);
    if (!single_line)
        alone = alone || fo_rule_subtitle(cp, n) || fo_rule_prefix(cp, n, FO_WORD_ORIGINAL) ||
                fo_rule_prefix(cp, n, FO_WORD_RIGHTS) || fo_rule_prefix(cp, n, FO_WORD_NOTE);
    free(cp);
    return alone;
}

static void build_logical_lines(reader *r)
{
    enum { JUNK_LINE_MAX = 80 }; /* furniture is short: a long line is worth no decoding here */
    for (size_t i = 0; i < r->n_phys; i++) {
        phys_line *p = &r->phys[i];
        if (p->blank || p->chars > JUNK_LINE_MAX)
            continue;
        size_t n;
        uint32_t *cp = decode_cps(p->text + p->lead, p->len - p->lead, &n);
        p->junk = fo_rule_junk(cp, n, r->lim);
        free(cp);
    }
    size_t slack;
    detect_wrap(r, &r->wrap_width, &slack);
    for (size_t i = 0; i < r->n_phys;) {
        phys_line *p = &r->phys[i];
        if (p->blank) {
            r->gap += r->gap < 3;
            i++;
            continue;
        }
        size_t last = i;
        if (r->wrap_width && !p->junk && !stands_alone(r, p, true)) {
            /* A piece continues while it fills the wrap width and the next line is neither blank,
             * nor indented (a new paragraph in indented text), nor a line that stands alone. */
            while (last + 1 < r->n_phys) {
                const phys_line *cur = &r->phys[last], *next = &r->phys[last + 1];
                bool full = cur->chars + slack >= r->wrap_width && cur->chars <= r->wrap_width;
                if (!full || next->blank || next->junk || next->indented || stands_alone(r, next, false))
                    break;
                last++;
            }
        }
        push_logical(r, i, last);
        i = last + 1;
    }
}

/* ---- --explain ---- */

/* Terminal columns of a UTF-8 string: East Asian wide characters take two. */
static size_t display_width(const char *s, size_t len)
{
    size_t width = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = '?';
        size_t k = fo_utf8_decode(s + i, len - i, &cp);
        i += k ? k : 1;
        bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000;
        width += wide ? 2 : 1;
    }
    return width;
}

/* The start of a line of text, enough to recognise it, padded to a column. */
static void explain_text(FILE *out, const char *s, size_t show)
{
    enum { SHOWN_CHARS = 20, TEXT_COLUMNS = 2 * SHOWN_CHARS + 2 };
    size_t chars = 0, k = 0;
    while (k < show && chars < SHOWN_CHARS) {
        k++;
        while (k < show && ((unsigned char)s[k] & 0xC0) == 0x80)
            k++;
        chars++;
    }
    size_t width = display_width(s, k) + (k < show);
    fprintf(out, "%.*s%s%*s", (int)k, s, k < show ? "…" : "", (int)(width < TEXT_COLUMNS ? TEXT_COLUMNS - width : 0), "");
}

static void explain_block(const reader *r, const char *file, size_t line, size_t b, bool part)
{
    FILE *out = r->opts->explain;
    const fo_page *p = r->page;
    const fo_block_info *f = &p->info[b];
    fo_buf text = {0};
    char tmp[4];
    for (size_t k = 0; k < p->blocks[b].n; k++)
        fo_buf_append(&text, tmp, fo_utf8_encode(p->blocks[b].cp[k], tmp));
    fprintf(out, "%s:%zu%s %-7s %-14s ", file, line, part ? "+:" : ":", fo_zone_name(f->zone), fo_role_name(f->role));
    explain_text(out, text.data ? text.data : "", text.len);
    fprintf(out, " | %s\n", f->why ? f->why : "");
    fo_buf_free(&text);
}

/* One line per input line (and per block, where a line was cut into several): where, the zone,
 * the role, the start of the text, and the evidence that decided. */
static void explain(const reader *r)
{
    FILE *out = r->opts->explain;
    const char *file = r->diag->file ? r->diag->file : "-";
    const fo_page *p = r->page;
    if (r->wrap_width)
        fprintf(out, "%s: shape: hard-wrapped at %zu characters; wrapped pieces are joined\n", file, r->wrap_width);
    else
        fprintf(out, "%s: shape: one paragraph per line\n", file);
    size_t b = 0;
    for (size_t i = 0; i < r->n_phys; i++) {
        const phys_line *ph = &r->phys[i];
        if (ph->blank || ph->continued) {
            fprintf(out, "%s:%zu: %-22s ", file, i + 1, ph->blank ? "blank" : "continued");
            explain_text(out, ph->text + ph->lead, ph->len - ph->lead);
            fprintf(out, " | %s\n", ph->blank ? "empty or white space only" : "hard-wrapped: joined to the line above");
            continue;
        }
        bool any = false;
        for (; p->info && b < p->n && p->blocks[b].line == (int)i + 1; b++, any = true)
            explain_block(r, file, i + 1, b, any);
        if (!any) {
            fprintf(out, "%s:%zu: %-22s ", file, i + 1, "dropped");
            explain_text(out, ph->text + ph->lead, ph->len - ph->lead);
            fprintf(out, " | scraping residue only\n");
        }
    }
}

/* ---- entry ---- */

fo_doc *fo_read_text(const char *text, size_t len, const fo_read_opts *opts, fo_diag *d)
{
    static const fo_read_opts no_opts = {0};
    reader r = {.lim = &fo_reader_default_limits, .opts = opts ? opts : &no_opts, .diag = d};
    r.page = fo_page_new(r.lim);
    r.n_phys = split_lines(&r, text, len);
    build_logical_lines(&r);
    fo_doc *doc = fo_read_blocks(r.page, d);
    if (r.opts->explain)
        explain(&r);
    fo_page_free(r.page);
    free(r.phys);
    return doc;
}
