/* read_text.c — the plain-text article reader: Chinese news text as copied off a web page.
 *
 * Three passes, each simple on its own:
 *   1. physical lines → logical lines: decide the file's paragraph shape (one per line,
 *      blank-line separated and hard-wrapped, or "　　"-indented and hard-wrapped) and join the
 *      wrapped pieces; web junk (share widgets …) is dropped here, so it never joins anything;
 *   2. classify every logical line with the rules of read_text_rules.c (breadcrumb, title, date
 *      line, original title, subtitle, caption, byline, heading, rights, editor's note, paragraph);
 *   3. assemble: metadata from the header lines, nested sections from the headings (levels from
 *      the heading styles the article uses), figures, paragraphs with run-in heads, and inlines
 *      (《…》 → citetitle).
 * `--explain` prints every input line with its class and the rule that decided it.
 */
#include <stdlib.h>
#include <string.h>

#include "read_text_rules.h"
#include "readers.h"
#include "text.h"

typedef enum line_class {
    LC_BLANK,
    LC_CONTINUATION,  /* joined to the logical line above (hard wrap) */
    LC_JUNK,
    LC_BREADCRUMB,
    LC_TITLE,
    LC_META,
    LC_ORIGINAL_TITLE,
    LC_SUBTITLE,
    LC_CAPTION,
    LC_BYLINE,
    LC_HEADING,
    LC_RIGHTS,
    LC_EDITOR_NOTE,
    LC_PARA,
} line_class;

static const char *const class_names[] = {
    [LC_BLANK] = "blank",       [LC_CONTINUATION] = "continued", [LC_JUNK] = "junk",
    [LC_BREADCRUMB] = "breadcrumb", [LC_TITLE] = "title",       [LC_META] = "meta",
    [LC_ORIGINAL_TITLE] = "original-title", [LC_SUBTITLE] = "subtitle", [LC_CAPTION] = "caption",
    [LC_BYLINE] = "byline",     [LC_HEADING] = "heading",       [LC_RIGHTS] = "rights",
    [LC_EDITOR_NOTE] = "editor-note", [LC_PARA] = "para",
};

/* A logical line: one paragraph candidate, made of one or more physical lines. */
typedef struct logical_line {
    uint32_t *cp;           /* code points, stripped, punctuation normalised (owned) */
    size_t n;
    int line, col;          /* where it starts in the input */
    int last_line;          /* the last physical line joined into it */
    line_class cls;
    const char *rule;       /* why: shown by --explain */
    fo_heading_match heading;
    size_t caption_end, credit_start;
    size_t runin;           /* run-in head length (0: none), decided in assemble */
    size_t container;       /* which section (counter) the line belongs to */
} logical_line;

/* A physical line of the input. */
typedef struct phys_line {
    const char *text;       /* into the input, not NUL-terminated */
    size_t len;             /* bytes, trailing white space removed */
    size_t chars;           /* code points, as the raw line stands (for wrap detection) */
    size_t lead;            /* bytes of leading white space */
    bool indented;          /* starts with "　" or two spaces: a paragraph start in indented text */
    bool blank, junk;
    line_class cls;         /* for --explain */
    const char *rule;
    int logical;            /* index of its logical line, -1 for none */
} phys_line;

/* The code points of every logical line, in chunks that never move (lines point into them): one
 * allocation per million characters instead of one per line, which for a file of a million
 * one-character lines was a third of the reader's memory. */
typedef struct cp_chunk cp_chunk;
struct cp_chunk {
    cp_chunk *next;
    size_t used, cap;
    uint32_t cp[];
};

typedef struct reader {
    const fo_reader_limits *lim;
    const fo_read_opts *opts;
    fo_diag *diag;
    fo_doc *doc;
    phys_line *phys;
    size_t n_phys;
    logical_line *lines;
    size_t n_lines, cap_lines;
    cp_chunk *cps;          /* the lines' code points, newest chunk first */
    size_t wrap_width;      /* 0: not hard-wrapped */
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

/* Room for `n` code points at the top of the pool; pool_commit takes what was used. */
static uint32_t *pool_reserve(reader *r, size_t n)
{
    enum { CHUNK_CPS = 1 << 20 };
    cp_chunk *c = r->cps;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > CHUNK_CPS ? n : CHUNK_CPS;
        c = fo_xmalloc(sizeof *c + cap * sizeof c->cp[0]);
        c->next = r->cps;
        c->used = 0;
        c->cap = cap;
        r->cps = c;
    }
    return c->cp + c->used;
}

static void pool_free(reader *r)
{
    while (r->cps) {
        cp_chunk *next = r->cps->next;
        free(r->cps);
        r->cps = next;
    }
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
        p->logical = -1;
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

static void push_logical(reader *r, size_t first, size_t last)
{
    if (r->n_lines == r->cap_lines) {
        r->cap_lines = r->cap_lines ? r->cap_lines * 2 : 64;
        r->lines = fo_xrealloc(r->lines, r->cap_lines * sizeof *r->lines);
    }
    logical_line *l = &r->lines[r->n_lines];
    memset(l, 0, sizeof *l);
    /* join the pieces: Chinese without a space, Latin words with one */
    fo_buf joined = {0};
    for (size_t i = first; i <= last; i++) {
        const phys_line *p = &r->phys[i];
        if (p->blank || p->junk)
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
        r->phys[i].logical = (int)r->n_lines;
        if (i != first) {
            r->phys[i].cls = LC_CONTINUATION;
            r->phys[i].rule = "hard-wrapped: joined to the line above";
        }
    }
    l->cp = pool_reserve(r, joined.len);
    l->n = decode_into(joined.data ? joined.data : "", joined.len, l->cp);
    fo_buf_free(&joined);
    if (!r->opts->keep_punctuation)
        l->n = fo_normalize_punctuation(l->cp, l->n);
    r->cps->used += l->n;
    l->line = (int)first + 1;
    l->col = (int)fo_utf8_count(r->phys[first].text, r->phys[first].lead) + 1;
    l->last_line = (int)last + 1;
    r->n_lines++;
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
    bool alone = fo_rule_heading(cp, n, r->lim, &h) || fo_rule_meta_line(cp, n, &m) ||
                 fo_rule_breadcrumb(cp, n, items, 8);
    if (!single_line)
        alone = alone || fo_rule_subtitle(cp, n) || fo_rule_prefix(cp, n, fo_original_title_prefixes) ||
                fo_rule_prefix(cp, n, fo_rights_prefixes) || fo_rule_prefix(cp, n, fo_editor_note_prefixes);
    free(cp);
    return alone;
}

static void build_logical_lines(reader *r)
{
    for (size_t i = 0; i < r->n_phys; i++) {
        phys_line *p = &r->phys[i];
        if (p->blank) {
            p->cls = LC_BLANK;
            p->rule = "empty or white space only";
            continue;
        }
        size_t n;
        uint32_t *cp = decode_cps(p->text + p->lead, p->len - p->lead, &n);
        p->junk = fo_rule_junk(cp, n, r->lim);
        free(cp);
        if (p->junk) {
            p->cls = LC_JUNK;
            p->rule = "share widget or page furniture (known widget words, or one short string twice)";
        }
    }
    size_t slack;
    detect_wrap(r, &r->wrap_width, &slack);
    for (size_t i = 0; i < r->n_phys;) {
        phys_line *p = &r->phys[i];
        if (p->blank || p->junk) {
            i++;
            continue;
        }
        size_t last = i;
        if (r->wrap_width && !stands_alone(r, p, true)) {
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

/* ---- pass 2: classification ---- */

static bool contains_full_stop(const uint32_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == 0x3002 /*。*/)
            return true;
    return false;
}

static void set_class(logical_line *l, line_class cls, const char *rule)
{
    l->cls = cls;
    l->rule = rule;
}

/* The header: the logical lines before the first real paragraph, where the title, the date line,
 * the original title and the subtitle sit. */
static void classify(reader *r)
{
    const fo_reader_limits *lim = r->lim;
    bool seen_title = false, seen_body = false;
    size_t meta_at = (size_t)-1;
    fo_meta_match mm;
    /* where is the date line?  The title is the line just above it. */
    for (size_t i = 0; i < r->n_lines && i < lim->header_zone; i++)
        if (fo_rule_meta_line(r->lines[i].cp, r->lines[i].n, &mm) && mm.has_date) {
            meta_at = i;
            break;
        }
    for (size_t i = 0; i < r->n_lines; i++) {
        logical_line *l = &r->lines[i];
        const uint32_t *s = l->cp;
        size_t n = l->n;
        fo_meta_span items[8];
        fo_byline_match bm;
        if (!seen_body && !seen_title && fo_rule_breadcrumb(s, n, items, 8)) {
            set_class(l, LC_BREADCRUMB, "breadcrumb: 您当前的位置 … >> … (site and category)");
        } else if (fo_rule_meta_line(s, n, &mm) && (!seen_body || !mm.has_date)) {
            /* after the body has begun, a bare date is the signature date of a notice: keep it */
            set_class(l, LC_META, "date / 来源 / 作者 / 编辑 fields and nothing else");
        } else if (!seen_body && !seen_title && n <= lim->title_max && n > 0 &&
                   (meta_at == (size_t)-1 ? true : i < meta_at) && !fo_rule_caption(s, n, lim, &l->caption_end, &l->credit_start) &&
                   (meta_at != (size_t)-1 || !contains_full_stop(s, n))) {
            set_class(l, LC_TITLE, meta_at != (size_t)-1 ? "first short line above the date line"
                                                          : "first short line of the article");
            seen_title = true;
        } else if (fo_rule_prefix(s, n, fo_original_title_prefixes)) {
            set_class(l, LC_ORIGINAL_TITLE, "starts with 原标题:");
        } else if (!seen_body && fo_rule_subtitle(s, n) && n <= lim->title_max) {
            set_class(l, LC_SUBTITLE, "—— line in the header");
        } else if (fo_rule_prefix(s, n, fo_rights_prefixes)) {
            set_class(l, LC_RIGHTS, "starts with 版权声明:");
        } else if (fo_rule_prefix(s, n, fo_editor_note_prefixes)) {
            set_class(l, LC_EDITOR_NOTE, "starts with 编者按:");
        } else if (fo_rule_caption(s, n, lim, &l->caption_end, &l->credit_start)) {
            set_class(l, LC_CAPTION, "ends with a photo credit (供图, 摄, 资料图, 新华社发)");
        } else if (fo_rule_byline(s, n, lim, &bm)) {
            set_class(l, LC_BYLINE, "byline: 记者/通讯员/文/ + names");
        } else if (fo_rule_heading(s, n, lim, &l->heading)) {
            static const char *const why[FO_RANK_COUNT] = {
                "heading 第N章", "heading 第N节", "heading WORD+numeral+colon (亮点一:)", "heading 一、",
                "heading (一)", "heading 1.", "heading (1)", "law article 第N条",
            };
            set_class(l, LC_HEADING, why[l->heading.rank]);
            seen_body = true;
        } else {
            set_class(l, LC_PARA, "ordinary paragraph");
            if (seen_title || i > lim->header_zone)
                seen_body = true;
        }
    }
}

/* Numbered headings come in sequence: the first of its style since the last heading of an outer
 * style is number 1, each next one the number after.  A line numbered like a heading out of that
 * sequence ("2.联系人名单" in a list of attachments) is a paragraph. */
static void check_heading_sequence(reader *r)
{
    int last[FO_RANK_COUNT] = {0};
    for (size_t i = 0; i < r->n_lines; i++) {
        logical_line *l = &r->lines[i];
        if (l->cls != LC_HEADING)
            continue;
        int rank = l->heading.rank;
        int number = fo_heading_number(l->cp, l->heading.label_start, l->heading.label_end);
        if (number != 1 && number != last[rank] + 1) {
            set_class(l, LC_PARA, "ordinary paragraph (numbered like a heading, but out of sequence)");
            continue;
        }
        last[rank] = number;
        for (int k = rank + 1; k < FO_RANK_COUNT; k++)
            if (k != FO_RANK_ARTICLE) /* law articles run on through chapters */
                last[k] = 0; /* an outer heading restarts the inner numbering */
    }
}

/* ---- pass 3: assembly ---- */

static const char *cps_to_str(fo_doc *doc, const uint32_t *s, size_t from, size_t to)
{
    fo_buf b = {0};
    char tmp[4];
    for (size_t i = from; i < to; i++)
        fo_buf_append(&b, tmp, fo_utf8_encode(s[i], tmp));
    const char *out = fo_doc_strndup(doc, b.data ? b.data : "", b.len);
    fo_buf_free(&b);
    return out;
}

static bool cps_eq(const uint32_t *s, fo_meta_span span, const char *word)
{
    size_t n;
    uint32_t *w = decode_cps(word, strlen(word), &n);
    bool eq = n == span.end - span.start && memcmp(s + span.start, w, n * sizeof *w) == 0;
    free(w);
    return eq;
}

static void trim_span(const uint32_t *s, size_t *from, size_t *to)
{
    while (*from < *to && fo_is_space(s[*from]))
        (*from)++;
    while (*to > *from && fo_is_space(s[*to - 1]))
        (*to)--;
}

static fo_pos pos_at(const logical_line *l, size_t offset)
{
    /* offsets inside joined lines are approximate: the column within the first physical line */
    return (fo_pos){l->line, l->col + (int)offset};
}

/* For every 《 in s[from, to), the offset of the 》 that closes it (nested pairs counted), or `to`
 * when none does: one pass with a stack, so a line of many unclosed 《 stays linear.  The caller
 * frees the returned array, indexed by offset - from.  Offsets fit 32 bits (the input is at most
 * 64 MB), which halves what a line of millions of 《》 needs. */
static uint32_t *match_book_marks(const uint32_t *s, size_t from, size_t to)
{
    size_t n = to - from;
    uint32_t *close = fo_xmalloc((n ? n : 1) * sizeof *close), *open = fo_xmalloc((n ? n : 1) * sizeof *open);
    size_t depth = 0;
    for (size_t i = 0; i < n; i++) {
        close[i] = (uint32_t)to;
        if (s[from + i] == 0x300A /*《*/)
            open[depth++] = (uint32_t)i;
        else if (s[from + i] == 0x300B /*》*/ && depth > 0)
            close[open[--depth]] = (uint32_t)(from + i);
    }
    free(open);
    return close;
}

/* Inlines of s[from, to): text, and 《…》 titles as citetitle with the marks kept as text around
 * it (the marks are Chinese punctuation, part of the sentence; the element marks what they hold). */
static void append_inlines(reader *r, fo_node *parent, const logical_line *l, size_t from, size_t to)
{
    fo_doc *doc = r->doc;
    const uint32_t *s = l->cp;
    size_t text_start = from;
    uint32_t *close_of = NULL;
    for (size_t i = from; i < to; i++) {
        if (s[i] != 0x300A /*《*/)
            continue;
        if (!close_of)
            close_of = match_book_marks(s, from, to);
        size_t close = close_of[i - from];
        if (close == to || close == i + 1)
            continue; /* unbalanced or empty: plain text */
        size_t text_end = i + 1; /* the opening mark stays in the text before the title */
        fo_node_append(parent, fo_text_new(doc, "", 0, pos_at(l, text_start)));
        parent->last->u.text.str = cps_to_str(doc, s, text_start, text_end);
        fo_node *cite = fo_node_append(parent, fo_node_new(doc, FO_CITETITLE, pos_at(l, i + 1)));
        fo_node *t = fo_node_append(cite, fo_text_new(doc, "", 0, pos_at(l, i + 1)));
        t->u.text.str = cps_to_str(doc, s, i + 1, close);
        text_start = close;
        i = close;
    }
    if (text_start < to) {
        fo_node *t = fo_node_append(parent, fo_text_new(doc, "", 0, pos_at(l, text_start)));
        t->u.text.str = cps_to_str(doc, s, text_start, to);
    }
    free(close_of);
}

static fo_node *new_inlines(reader *r, fo_node *owner, const logical_line *l, size_t from, size_t to)
{
    fo_node *c = fo_inlines_new(r->doc, owner, pos_at(l, from));
    append_inlines(r, c, l, from, to);
    return c;
}

static void apply_breadcrumb(reader *r, const logical_line *l)
{
    fo_meta_span items[8];
    size_t count = fo_rule_breadcrumb(l->cp, l->n, items, 8), first = 0;
    if (count && (cps_eq(l->cp, items[0], "首页") || cps_eq(l->cp, items[0], "主页") ||
                  cps_eq(l->cp, items[0], "网站首页")))
        first = 1;
    /* "中国甘肃网 >> 法治甘肃 >> 本网关注": the site, then the category path; "首页 > 新闻 > 国内"
     * names no site, only the path */
    if (first == 0 && count > 0)
        r->doc->meta.publisher = cps_to_str(r->doc, l->cp, items[0].start, items[0].end);
    for (size_t i = first ? first : 1; i < count; i++)
        fo_strlist_append(r->doc, &r->doc->meta.category, cps_to_str(r->doc, l->cp, items[i].start, items[i].end));
}

/* "作者：张三 李四" or "作者：张三、李四" → one author each */
static void add_people(reader *r, const logical_line *l, fo_meta_span span, const char *role)
{
    size_t i = span.start;
    while (i < span.end) {
        while (i < span.end && (fo_is_space(l->cp[i]) || l->cp[i] == 0x3001 || l->cp[i] == 0xFF0C))
            i++;
        size_t start = i;
        while (i < span.end && !(fo_is_space(l->cp[i]) || l->cp[i] == 0x3001 || l->cp[i] == 0xFF0C))
            i++;
        if (i > start)
            fo_meta_add_author(r->doc, cps_to_str(r->doc, l->cp, start, i), role, NULL);
    }
}

static void apply_meta_line(reader *r, const logical_line *l)
{
    fo_meta_match m;
    fo_rule_meta_line(l->cp, l->n, &m);
    fo_meta *meta = &r->doc->meta;
    if (m.has_date && !meta->date) {
        char date[40];
        if (m.hour >= 0)
            snprintf(date, sizeof date, "%04d-%02d-%02dT%02d:%02d+08:00", m.year, m.month, m.day, m.hour, m.minute);
        else
            snprintf(date, sizeof date, "%04d-%02d-%02d", m.year, m.month, m.day);
        meta->date = fo_doc_strdup(r->doc, date);
    }
    if (m.source.end > m.source.start && !meta->source)
        meta->source = cps_to_str(r->doc, l->cp, m.source.start, m.source.end);
    if (m.author.end > m.author.start)
        add_people(r, l, m.author, "作者");
    if (m.editor.end > m.editor.start)
        add_people(r, l, m.editor, "编辑");
    if (m.chief_editor.end > m.chief_editor.start)
        add_people(r, l, m.chief_editor, "责任编辑");
    for (size_t i = 0; i < m.n_others; i++)
        add_people(r, l, m.others[i], cps_to_str(r->doc, l->cp, m.other_roles[i].start, m.other_roles[i].end));
}

/* The names of a byline at l->cp[from, to), each with its role, and the paper when the byline
 * names none (`affiliation`). */
static void add_byline_authors(reader *r, const logical_line *l, size_t from, size_t to, const char *affiliation)
{
    fo_byline_match m;
    const uint32_t *s = l->cp + from;
    if (!fo_rule_byline(s, to - from, r->lim, &m))
        return;
    if (m.affiliation_end)
        affiliation = cps_to_str(r->doc, s, 0, m.affiliation_end);
    for (size_t i = 0; i < m.n_names; i++) {
        const fo_byline_name *nm = &m.names[i];
        const char *role = cps_to_str(r->doc, s, nm->role_start, nm->role_end);
        if (strcmp(role, "文") == 0)
            role = "作者";
        else if (strcmp(role, "图") == 0)
            role = "摄影";
        else if (strcmp(role, "本报记者") == 0)
            role = "记者";
        fo_meta_add_author(r->doc, cps_to_str(r->doc, s, nm->start, nm->end), role, affiliation);
    }
}

static void apply_byline(reader *r, const logical_line *l) { add_byline_authors(r, l, 0, l->n, NULL); }

/* "新华社北京1月16日电（记者 张三）…": the reporters of a dateline become authors; the text stays. */
static void apply_dateline(reader *r, const logical_line *l)
{
    size_t agency_end, open, close;
    if (!fo_rule_dateline(l->cp, l->n, r->lim, &agency_end, &open, &close))
        return;
    const char *agency = agency_end ? cps_to_str(r->doc, l->cp, 0, agency_end) : NULL;
    add_byline_authors(r, l, open, close + 1, agency);
}

/* Heading levels come from the heading styles this article uses, outermost first: an article
 * numbered only with （一） gets level-1 sections from it. */
static void heading_levels(const reader *r, int level_of[FO_RANK_COUNT])
{
    bool used[FO_RANK_COUNT] = {false};
    for (size_t i = 0; i < r->n_lines; i++)
        if (r->lines[i].cls == LC_HEADING)
            used[r->lines[i].heading.rank] = true;
    int level = 0;
    for (int k = 0; k < FO_RANK_COUNT; k++)
        level_of[k] = used[k] ? ++level : 0;
}

/* Run-in heads come in series: a section whose paragraphs open with short sentences in a row
 * ("加强宣传解读。" "深入研究阐释。" …).  One such paragraph alone is an ordinary paragraph that
 * happens to start with a short sentence. */
static void decide_runins(reader *r)
{
    size_t container = 0, n_containers = 1;
    for (size_t i = 0; i < r->n_lines; i++) {
        if (r->lines[i].cls == LC_HEADING)
            container = n_containers++;
        r->lines[i].container = container;
    }
    size_t *count = fo_xmalloc(n_containers * sizeof *count);
    memset(count, 0, n_containers * sizeof *count);
    for (size_t i = 0; i < r->n_lines; i++) {
        logical_line *l = &r->lines[i];
        if (l->cls == LC_PARA)
            l->runin = fo_rule_runin_head(l->cp, l->n, r->lim);
        if (l->runin)
            count[l->container]++;
    }
    for (size_t i = 0; i < r->n_lines; i++) {
        logical_line *l = &r->lines[i];
        if (l->runin && count[l->container] < r->lim->runin_series_min) {
            l->runin = 0;
            l->rule = "ordinary paragraph (a short first sentence, but no series of run-in heads here)";
        } else if (l->runin) {
            l->rule = "paragraph with a run-in head (a short first sentence, one of a series)";
        }
    }
    free(count);
}

static fo_node *open_section(reader *r, fo_node **stack, int *depth, const logical_line *l, int level)
{
    fo_doc *doc = r->doc;
    while (*depth > 0 && stack[*depth - 1]->u.section.level >= level)
        (*depth)--;
    fo_node *parent = *depth ? stack[*depth - 1] : doc->root;
    fo_node *sec = fo_node_append(parent, fo_node_new(doc, FO_SECTION, pos_at(l, 0)));
    const fo_heading_match *h = &l->heading;
    sec->u.section.level = level;
    sec->u.section.label = cps_to_str(doc, l->cp, h->label_start, h->label_end);
    size_t marker_end = h->marker_end;
    sec->u.section.marker = cps_to_str(doc, l->cp, 0, marker_end);
    if (h->rank == FO_RANK_ARTICLE || h->title_start >= l->n) {
        sec->u.section.title = new_inlines(r, sec, l, h->label_start, h->label_end);
        sec->u.section.marker = NULL; /* the title is the label itself */
    } else {
        sec->u.section.title = new_inlines(r, sec, l, h->title_start, l->n);
    }
    stack[(*depth)++] = sec;
    return sec;
}

static fo_node *append_para(reader *r, fo_node *parent, const logical_line *l, size_t from, size_t head_len)
{
    fo_node *p = fo_node_append(parent, fo_node_new(r->doc, FO_PARA, pos_at(l, from)));
    if (head_len) {
        p->u.para.head = new_inlines(r, p, l, from, from + head_len);
        from += head_len;
    }
    append_inlines(r, p, l, from, l->n);
    return p;
}

static void assemble(reader *r)
{
    fo_doc *doc = r->doc;
    int level_of[FO_RANK_COUNT];
    heading_levels(r, level_of);
    decide_runins(r);
    fo_node *stack[FO_RANK_COUNT + 1];
    int depth = 0;
    bool lead_done = false;
    for (size_t i = 0; i < r->n_lines; i++) {
        logical_line *l = &r->lines[i];
        fo_node *parent = depth ? stack[depth - 1] : doc->root;
        switch (l->cls) {
        case LC_BREADCRUMB: apply_breadcrumb(r, l); break;
        case LC_META: apply_meta_line(r, l); break;
        case LC_TITLE: doc->meta.title = cps_to_str(doc, l->cp, 0, l->n); break;
        case LC_ORIGINAL_TITLE: {
            size_t at = fo_rule_prefix(l->cp, l->n, fo_original_title_prefixes);
            doc->meta.original_title = cps_to_str(doc, l->cp, at, l->n);
            break;
        }
        case LC_SUBTITLE: {
            size_t at = fo_rule_subtitle(l->cp, l->n);
            doc->meta.subtitle = cps_to_str(doc, l->cp, at, l->n);
            break;
        }
        case LC_RIGHTS: {
            size_t at = fo_rule_prefix(l->cp, l->n, fo_rights_prefixes);
            doc->meta.rights = cps_to_str(doc, l->cp, at, l->n);
            break;
        }
        case LC_EDITOR_NOTE: {
            size_t at = fo_rule_prefix(l->cp, l->n, fo_editor_note_prefixes);
            doc->meta.abstract = cps_to_str(doc, l->cp, at, l->n);
            fo_node *p = append_para(r, parent, l, 0, at);
            p->u.para.role = "note";
            break;
        }
        case LC_BYLINE: apply_byline(r, l); break;
        case LC_CAPTION: {
            fo_node *fig = fo_node_append(parent, fo_node_new(doc, FO_FIGURE, pos_at(l, 0)));
            size_t from = 0, to = l->caption_end;
            trim_span(l->cp, &from, &to);
            if (to > from)
                fig->u.figure.caption = new_inlines(r, fig, l, from, to);
            fig->u.figure.credit = cps_to_str(doc, l->cp, l->credit_start, l->n);
            break;
        }
        case LC_HEADING: {
            fo_node *sec = open_section(r, stack, &depth, l, level_of[l->heading.rank]);
            if (l->heading.rank == FO_RANK_ARTICLE && l->heading.title_start < l->n)
                append_para(r, sec, l, l->heading.title_start, 0);
            lead_done = true;
            break;
        }
        case LC_PARA: {
            if (!lead_done)
                apply_dateline(r, l);
            fo_node *p = append_para(r, parent, l, 0, l->runin);
            if (!lead_done && !l->runin && parent == doc->root)
                p->u.para.role = "lead";
            lead_done = true;
            break;
        }
        default: break;
        }
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

/* One line per input line: where, the class, the start of the line, and the rule that decided. */
static void explain(const reader *r)
{
    enum { SHOWN_CHARS = 20, TEXT_COLUMNS = 2 * SHOWN_CHARS + 2 };
    FILE *out = r->opts->explain;
    const char *file = r->diag->file ? r->diag->file : "-";
    if (r->wrap_width)
        fprintf(out, "%s: shape: hard-wrapped at %zu characters; wrapped pieces are joined\n", file, r->wrap_width);
    else
        fprintf(out, "%s: shape: one paragraph per line\n", file);
    for (size_t i = 0; i < r->n_phys; i++) {
        const phys_line *p = &r->phys[i];
        line_class cls = p->cls;
        const char *rule = p->rule;
        if (p->logical >= 0 && cls != LC_CONTINUATION) {
            const logical_line *l = &r->lines[p->logical];
            cls = l->cls;
            rule = l->rule;
        }
        size_t show = p->len - p->lead, chars = 0, k = 0;
        const char *s = p->text + p->lead;
        while (k < show && chars < SHOWN_CHARS) { /* enough to recognise the line */
            k++;
            while (k < show && ((unsigned char)s[k] & 0xC0) == 0x80)
                k++;
            chars++;
        }
        size_t width = display_width(s, k) + (k < show);
        fprintf(out, "%s:%zu: %-14s %.*s%s%*s | %s\n", file, i + 1, class_names[cls], (int)k, s, k < show ? "…" : "",
                (int)(width < TEXT_COLUMNS ? TEXT_COLUMNS - width : 0), "", rule ? rule : "");
    }
}

/* ---- entry ---- */

fo_doc *fo_read_text(const char *text, size_t len, const fo_read_opts *opts, fo_diag *d)
{
    static const fo_read_opts no_opts = {0};
    reader r = {.lim = &fo_reader_default_limits, .opts = opts ? opts : &no_opts, .diag = d};
    fo_doc *doc = NULL;
    r.n_phys = split_lines(&r, text, len);
    build_logical_lines(&r);
    if (r.n_lines == 0) {
        fo_error(d, 0, 0, "no article text: the file is empty or holds only white space and web-page junk");
        goto done;
    }
    doc = fo_doc_new();
    if (!doc) {
        fo_error(d, 0, 0, "out of memory");
        goto done;
    }
    r.doc = doc;
    classify(&r);
    check_heading_sequence(&r);
    assemble(&r);
    if (r.opts->explain)
        explain(&r);
done:
    pool_free(&r);
    free(r.lines);
    free(r.phys);
    return doc;
}
