/* read_gongwen.c — an official document's parts among a page's blocks (read_gongwen.h).
 *
 * GB/T 9704-2012 fixes the order of a 公文's parts, so the rules read them by their places: the 版头
 * over the 发文字号, the addressee as the body's first line, the signature block as the last organ
 * lines over a date before nothing but notes, attachments and the 版记.  Each rule asks for the
 * part's own shape at its own place; a news article has neither. */
#include "read_gongwen.h"

#include <stdlib.h>
#include <string.h>

#include "read_chars.h"
#include "text.h"
#include "util.h"

/* ---- the shapes of lines ---- */

static void trim(const uint32_t *s, size_t *from, size_t *to)
{
    while (*from < *to && fo_cp_space(s[*from]))
        (*from)++;
    while (*to > *from && fo_cp_space(s[*to - 1]))
        (*to)--;
}

static bool ends_with(const uint32_t *s, size_t from, size_t to, const char32_t *w)
{
    size_t k = 0;
    while (w[k])
        k++;
    return to - from >= k && fo_cp_match(s, to, to - k, w) == k;
}

static bool ends_with_any(const uint32_t *s, size_t from, size_t to, const char32_t *const *words)
{
    for (; *words; words++)
        if (ends_with(s, from, to, *words))
            return true;
    return false;
}

/* The last words of an organ's name: 司法厅, 人民政府, 办公室, 委员会, 有关单位 … */
static const char32_t *const organ_ends[] = {
    U"厅", U"局", U"委", U"办", U"院", U"部", U"府", U"会", U"室", U"处", U"所", U"站", U"队", U"司", U"组",
    U"社", U"馆", U"校", U"署", U"团", U"协", U"行", U"大学", U"中心", U"部门", U"单位", U"机构", U"企业", NULL,
};
/* Places an addressee names as "各县（市、区）", "各乡镇" */
static const char32_t *const place_ends[] = {U"省", U"市", U"县", U"区", U"州", U"乡", U"镇", U"街道", U"盟", U"旗", NULL};

/* An organ's name: Han (brackets inside: "各市（州）司法局"), no digit, ending in an organ word. */
static bool organ_name(const uint32_t *s, size_t from, size_t to)
{
    enum { ORGAN_MIN = 2, ORGAN_MAX = 30 };
    if (to - from < ORGAN_MIN || to - from > ORGAN_MAX)
        return false;
    for (size_t i = from; i < to; i++)
        if (!fo_cp_han(s[i]) && !fo_cp_open_paren(s[i]) && !fo_cp_close_paren(s[i]) && s[i] != 0x3001 /*、*/)
            return false;
    return ends_with_any(s, from, to, organ_ends);
}

/* The tokens of a line, split at runs of white space: `each` is asked of every one. */
static bool every_token(const uint32_t *s, size_t n, bool (*each)(const uint32_t *, size_t, size_t))
{
    size_t i = fo_cp_skip_spaces(s, n, 0), count = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && !fo_cp_space(s[e]))
            e++;
        if (!each(s, i, e))
            return false;
        count++;
        i = fo_cp_skip_spaces(s, n, e);
    }
    return count > 0;
}

bool fo_gongwen_is_organ(const uint32_t *s, size_t n) { return every_token(s, n, organ_name); }

static int han_digit(uint32_t c)
{
    static const char32_t digits[] = U"〇一二三四五六七八九";
    for (int x = 0; x < 10; x++)
        if (c == (uint32_t)digits[x])
            return x;
    return -1;
}

/* 二〇二五年二月十八日: a Han numeral 1…31 at s[i…] (一, 十, 十八, 二十一, 三十一). */
static size_t han_number(const uint32_t *s, size_t n, size_t i, int *value)
{
    int tens = 0, ones = 0;
    bool ten = false;
    size_t k = i;
    for (; k < n && k - i < 3; k++) {
        int x = han_digit(s[k]);
        if (x >= 0)
            ones = x;
        else if (s[k] == 0x5341 /*十*/ && !ten)
            tens = ones ? ones : 1, ones = 0, ten = true;
        else
            break;
    }
    *value = tens * 10 + ones;
    return k;
}

/* 2025年2月18日 or 二〇二五年二月十八日, alone: the document's date as a 公文 prints it. */
static bool date_span(const uint32_t *s, size_t from, size_t to, fo_text_date *d)
{
    memset(d, 0, sizeof *d);
    if (fo_parse_date(s, to, from, 0, d) == to && d->hour < 0)
        return fo_cp_match(s, to, to - 1, U"日") > 0;
    size_t k = from;
    int year = 0;
    for (; k < to && k - from < 4; k++) {
        int x = han_digit(s[k]);
        if (x < 0)
            return false;
        year = year * 10 + x;
    }
    int month = 0, day = 0;
    if (k - from != 4 || k >= to || s[k] != 0x5E74 /*年*/)
        return false;
    k = han_number(s, to, k + 1, &month);
    if (k >= to || s[k] != 0x6708 /*月*/)
        return false;
    k = han_number(s, to, k + 1, &day);
    if (k + 1 != to || s[k] != 0x65E5 /*日*/ || month < 1 || month > 12 || day < 1 || day > 31)
        return false;
    *d = (fo_text_date){year, month, day, -1, -1, -1};
    return true;
}

bool fo_gongwen_is_date(const uint32_t *s, size_t n)
{
    fo_text_date d;
    size_t from = 0, to = n;
    trim(s, &from, &to);
    return to > from && date_span(s, from, to, &d);
}

/* An item of an addressee: an organ, or "各县（市、区）" — the place words count after 各 only. */
static bool addressee_item(const uint32_t *s, size_t from, size_t to)
{
    trim(s, &from, &to);
    size_t end = to;
    if (end > from && fo_cp_close_paren(s[end - 1])) { /* 各县（市、区）: the place before the brackets */
        size_t o = end - 1;
        while (o > from && !fo_cp_open_paren(s[o]))
            o--;
        end = fo_cp_open_paren(s[o]) ? o : end;
    }
    if (organ_name(s, from, to))
        return true;
    return to - from >= 2 && s[from] == 0x5404 /*各*/ && end > from + 1 && ends_with_any(s, from, end, place_ends);
}

/* "各市（州）司法局，厅机关各处室、直属各单位：": organs listed (，、 outside brackets), then a colon. */
bool fo_gongwen_is_addressee(const uint32_t *s, size_t n)
{
    enum { ADDRESSEE_MAX = 120 };
    size_t to = n;
    trim(s, &(size_t){0}, &to);
    if (to < 3 || to > ADDRESSEE_MAX || !fo_cp_colon(s[to - 1]))
        return false;
    to--;
    size_t start = 0;
    int depth = 0;
    for (size_t i = 0; i <= to; i++) {
        bool sep = i == to || (depth == 0 && (s[i] == 0xFF0C || s[i] == ',' || s[i] == 0x3001));
        if (i < to && fo_cp_open_paren(s[i]))
            depth++;
        else if (i < to && fo_cp_close_paren(s[i]) && depth > 0)
            depth--;
        if (i < to && (fo_cp_digit(s[i]) || fo_cp_sentence_end(s[i]) || fo_cp_colon(s[i])))
            return false;
        if (sep) {
            if (!addressee_item(s, start, i))
                return false;
            start = i + 1;
        }
    }
    return true;
}

/* "河西省司法厅办公室  2025年2月18日印发": the printing organ and date, the 版记's last line. */
static bool imprint_spans(const uint32_t *s, size_t n, size_t *organ_end, size_t *date_from, size_t *date_to)
{
    size_t from = 0, to = n;
    trim(s, &from, &to);
    if (!ends_with(s, from, to, U"印发"))
        return false;
    to -= 2;
    while (to > from && fo_cp_space(s[to - 1]))
        to--;
    for (size_t d = from + 2; d < to; d++) { /* the date: from a digit after the organ to the end */
        fo_text_date date;
        size_t oe = d;
        while (oe > from && fo_cp_space(s[oe - 1]))
            oe--;
        if ((fo_cp_digit(s[d]) || s[d] == 0x3007 || s[d] == 0x4E8C) && !fo_cp_digit(s[d - 1]) &&
            date_span(s, d, to, &date) && organ_name(s, from, oe)) {
            *organ_end = oe, *date_from = d, *date_to = to;
            return true;
        }
    }
    return false;
}

bool fo_gongwen_is_imprint(const uint32_t *s, size_t n)
{
    size_t a, b, c;
    return imprint_spans(s, n, &a, &b, &c);
}

size_t fo_gongwen_attachment_label(const uint32_t *s, size_t n)
{
    size_t i = fo_cp_skip_spaces(s, n, 0);
    if (!fo_cp_match(s, n, i, U"附件"))
        return 0;
    size_t k = i + 2;
    while (k < n && k - i < 5 && (fo_cp_digit(s[k]) || han_digit(s[k]) > 0 || s[k] == 0x5341 /*十*/))
        k++;
    return k == n || fo_cp_space(s[k]) ? k : 0;
}

/* "附件：1.…": the note's text after the colon, 0 when the block is none. */
static size_t enclosures_at(const uint32_t *s, size_t n)
{
    size_t i = fo_cp_skip_spaces(s, n, 0);
    if (!fo_cp_match(s, n, i, U"附件") || i + 2 >= n || !fo_cp_colon(s[i + 2]))
        return 0;
    size_t k = fo_cp_skip_spaces(s, n, i + 3);
    return k < n ? k : 0;
}

/* "1." "2．" "3、" "4 " opening an item of the 附件说明: the length of the number and its mark. */
static size_t item_number(const uint32_t *s, size_t n, size_t i)
{
    size_t k = i;
    while (k < n && fo_cp_digit(s[k]))
        k++;
    if (k == i || k - i > 2 || k >= n || !(s[k] == '.' || s[k] == 0xFF0E || s[k] == 0x3001))
        return 0;
    return k + 1 - i;
}

/* "（此件公开发布）", "（联系人：…）": one note in brackets, the whole line. */
static bool annotation(const uint32_t *s, size_t n)
{
    size_t from = 0, to = n;
    trim(s, &from, &to);
    if (to - from < 3 || !fo_cp_open_paren(s[from]) || !fo_cp_close_paren(s[to - 1]))
        return false;
    for (size_t k = from + 1; k + 1 < to; k++)
        if (fo_cp_close_paren(s[k]))
            return false; /* "（一）…（二）": numbered text, not one note */
    return true;
}

static size_t cc_at(const uint32_t *s, size_t n)
{
    size_t i = fo_cp_skip_spaces(s, n, 0);
    if (!fo_cp_match(s, n, i, U"抄送") || i + 2 >= n || !fo_cp_colon(s[i + 2]))
        return 0;
    return fo_cp_skip_spaces(s, n, i + 3);
}

/* ---- the 版头 ---- */

static bool copy_number(const uint32_t *s, size_t from, size_t to)
{
    enum { COPY_MIN = 3, COPY_MAX = 8 };
    if (fo_cp_match(s, to, from, U"份号") && from + 2 < to && fo_cp_colon(s[from + 2]))
        from += 3;
    if (to - from < COPY_MIN || to - from > COPY_MAX)
        return false;
    for (size_t i = from; i < to; i++)
        if (!fo_cp_digit(s[i]))
            return false;
    return true;
}

/* 秘密, 机密★1年, 绝密★长期 */
static bool secrecy(const uint32_t *s, size_t from, size_t to)
{
    static const char32_t *const levels[] = {U"绝密", U"机密", U"秘密", NULL};
    for (const char32_t *const *l = levels; *l; l++)
        if (fo_cp_match(s, to, from, *l))
            return from + 2 == to || (s[from + 2] == 0x2605 /*★*/ && to - from <= 8);
    return false;
}

static bool urgency(const uint32_t *s, size_t from, size_t to)
{
    static const char32_t *const levels[] = {U"特急", U"加急", U"特提", U"平急", NULL};
    for (const char32_t *const *l = levels; *l; l++)
        if (to - from == 2 && fo_cp_match(s, to, from, *l))
            return true;
    return false;
}

static bool head_item(const uint32_t *s, size_t from, size_t to)
{
    return copy_number(s, from, to) || secrecy(s, from, to) || urgency(s, from, to);
}

/* 发文机关标志: "河西省司法厅文件", or the organs' names alone. */
static bool organ_mark_token(const uint32_t *s, size_t from, size_t to)
{
    if (ends_with(s, from, to, U"文件"))
        to -= 2;
    return organ_name(s, from, to);
}

/* "河司〔2025〕12号", with "签发人：李卫东" beside it: the names' start (n when none), 0 when the
 * block is no number line. */
static size_t number_line(const uint32_t *s, size_t n)
{
    size_t e = fo_rule_docnumber_at(s, n, 0);
    if (e == 0)
        return 0;
    size_t k = fo_cp_skip_spaces(s, n, e);
    if (k == n)
        return n;
    if (!fo_cp_match(s, n, k, U"签发人") || k + 3 >= n || !fo_cp_colon(s[k + 3]))
        return 0;
    return fo_cp_skip_spaces(s, n, k + 4);
}

static bool chrome_block(const fo_page *p, size_t i)
{
    return p->info[i].features & (FO_F_JUNK | FO_F_NAV | FO_F_BREADCRUMB | FO_F_IMAGE);
}

void fo_gongwen_head(fo_page *p)
{
    enum { HEAD_LINES_MAX = 6, NUMBER_WITHIN = 10 };
    size_t k = 0, seen = 0;
    while (k < p->n && seen < NUMBER_WITHIN && !number_line(p->blocks[k].cp, p->blocks[k].n))
        seen += !chrome_block(p, k++);
    if (k >= p->n || seen >= NUMBER_WITHIN)
        return;
    p->info[k].part = FO_GW_NUMBER;
    p->info[k].features = (p->info[k].features & ~(FO_F_PROSE | FO_F_HEADING | FO_F_META)) | FO_F_DOCNUMBER;
    /* above it: the organ mark right over it, 份号 密级 紧急程度 over that, and only chrome higher */
    size_t top = k;
    bool organs = true;
    while (top > 0 && k - top < HEAD_LINES_MAX) {
        const fo_block *b = &p->blocks[top - 1];
        bool organ = organs && every_token(b->cp, b->n, organ_mark_token);
        if (!organ && !every_token(b->cp, b->n, head_item))
            break;
        organs &= organ;
        top--;
    }
    for (size_t i = 0; i < top; i++)
        if (!chrome_block(p, i))
            return;
    for (size_t i = top; i < k; i++) {
        p->info[i].part = FO_GW_HEAD;
        p->info[i].features = (p->info[i].features & ~(FO_F_PROSE | FO_F_HEADING)) | FO_F_JUNK;
    }
}

/* ---- the parts in the flow ---- */

typedef struct tail {
    fo_page *p;
    size_t end;   /* the page's text ends here: a footer (上一篇, 版权所有) or the last block */
    bool official; /* the page shows a 版头 number or an addressee */
} tail;

/* Blocks the parts pass over: furniture, a repeat. */
static bool skipped(const fo_page *p, size_t i)
{
    return chrome_block(p, i) || p->info[i].role == FO_AS_DUPLICATE || p->info[i].role == FO_AS_JUNK;
}

static size_t next_text(const tail *t, size_t i)
{
    while (i < t->end && skipped(t->p, i))
        i++;
    return i;
}

static bool is_cc(const fo_page *p, size_t i) { return cc_at(p->blocks[i].cp, p->blocks[i].n) > 0; }
static bool is_imprint(const fo_page *p, size_t i) { return fo_gongwen_is_imprint(p->blocks[i].cp, p->blocks[i].n); }
static bool is_label(const fo_page *p, size_t i) { return fo_gongwen_attachment_label(p->blocks[i].cp, p->blocks[i].n) > 0; }

/* After a signature's date: notes, then nothing, an attachment or the 版记 — or, on a page that
 * shows a number or an addressee, notes and then anything (a notice that issues a document goes on
 * with that document). */
static bool closes(const tail *t, size_t i)
{
    size_t notes = 0;
    i = next_text(t, i);
    while (i < t->end && annotation(t->p->blocks[i].cp, t->p->blocks[i].n))
        i = next_text(t, i + 1), notes++;
    return i >= t->end || is_label(t->p, i) || is_cc(t->p, i) || is_imprint(t->p, i) || (notes && t->official);
}

static bool organ_block(const fo_page *p, size_t i) { return fo_gongwen_is_organ(p->blocks[i].cp, p->blocks[i].n); }

/* The signature block: organ lines over a date, closing the main text.  The date's index, *first
 * the first organ line; 0 when none. */
static size_t signature_block(const tail *t, size_t *first)
{
    enum { SIGNERS_MAX = 4 };
    const fo_page *p = t->p;
    for (size_t i = (size_t)p->body_start + 1; i < t->end; i++) {
        if (skipped(p, i) || !fo_gongwen_is_date(p->blocks[i].cp, p->blocks[i].n) || !organ_block(p, i - 1) ||
            !closes(t, i + 1))
            continue;
        *first = i - 1;
        while (*first > (size_t)p->body_start && i - *first < SIGNERS_MAX && organ_block(p, *first - 1))
            (*first)--;
        return i;
    }
    return 0;
}

/* The body's first text line, when it is an addressee. */
static long addressee(const tail *t)
{
    const fo_page *p = t->p;
    size_t i = next_text(t, p->body_start > 0 ? (size_t)p->body_start : 0);
    while (i < t->end && p->info[i].part == FO_GW_NUMBER)
        i = next_text(t, i + 1);
    if (i >= t->end || (long)i <= p->title_last || !fo_gongwen_is_addressee(p->blocks[i].cp, p->blocks[i].n))
        return -1;
    return (long)i;
}

static void mark(fo_page *p, size_t i, fo_gw_part part, const char *why)
{
    p->info[i].part = (unsigned char)part;
    p->info[i].role = FO_AS_PART;
    p->info[i].why = why;
}

/* The 附件说明 right above the signature block (`until`), or, without one, closing the main text:
 * "附件：1.…", then its items.  Returns where the main text's tail goes on. */
static size_t enclosures(const tail *t, size_t from, size_t until, bool signed_)
{
    enum { ITEMS_MAX = 20 };
    fo_page *p = t->p;
    for (size_t e = until; e-- > from && until - e <= ITEMS_MAX;) {
        if (!enclosures_at(p->blocks[e].cp, p->blocks[e].n))
            continue;
        size_t end = e + 1;
        while (end < until && (signed_ || item_number(p->blocks[end].cp, p->blocks[end].n, 0)) &&
               !fo_cp_has_sentence_end(p->blocks[end].cp, 0, p->blocks[end].n))
            end++;
        if ((signed_ && end != until) || (!signed_ && !closes(t, end)))
            return until;
        mark(p, e, FO_GW_ENCLOSURES, "official document: 附件说明 (附件：…, after the text)");
        for (size_t k = e + 1; k < end; k++)
            if (!skipped(p, k))
                mark(p, k, FO_GW_ENCLOSURE, "official document: 附件说明, its next item");
        return end;
    }
    return until;
}

/* The 版记 at the end: 抄送 and the imprint, the last lines.  Returns where it starts (t->end: none). */
static size_t imprint(tail *t, bool official)
{
    fo_page *p = t->p;
    size_t start = t->end, i = t->end;
    while (i > 0) {
        i--;
        if (skipped(p, i))
            continue;
        if (is_imprint(p, i) && start == t->end)
            mark(p, i, FO_GW_IMPRINT, "official document: 版记, the printing organ and date (…印发)");
        else if (is_cc(p, i) && (official || start < t->end))
            mark(p, i, FO_GW_CC, "official document: 版记, 抄送");
        else
            break;
        start = i;
    }
    return start;
}

/* The attachments after the main text: 附件N alone on a line, its title under it. */
static void attachments(tail *t, size_t from, size_t until)
{
    fo_page *p = t->p;
    for (size_t i = from; i < until; i++) {
        if (skipped(p, i) || !is_label(p, i))
            continue;
        mark(p, i, FO_GW_ATTACHMENT, "official document: an attachment (附件N alone on a line after the text)");
        const fo_block *b = &p->blocks[i];
        size_t k = next_text(t, i + 1);
        if (fo_gongwen_attachment_label(b->cp, b->n) < b->n || k >= until || is_label(p, k))
            continue;
        const fo_block *title = &p->blocks[k];
        if (title->n <= p->lim->title_max && !fo_cp_has_sentence_end(title->cp, 0, title->n) &&
            !item_number(title->cp, title->n, 0))
            mark(p, k, FO_GW_ATTACHMENT_TITLE, "official document: the attachment's title");
    }
}

/* "（二）" at the block's start: the numeral's end (the closing bracket), 0 when none. */
static size_t han_paren_label(const uint32_t *s, size_t n)
{
    if (n < 3 || !fo_cp_open_paren(s[0]))
        return 0;
    size_t k = 1;
    while (k < n && k < 4 && (han_digit(s[k]) > 0 || s[k] == 0x5341 /*十*/))
        k++;
    return k > 1 && k < n && fo_cp_close_paren(s[k]) ? k : 0;
}

/* The body's levels as a 公文 numbers them (一、 （一） 1. （1）): "（二）突出重点对象学法用法。", one
 * sentence alone on its line over items numbered "1." or "（1）", heads them — a subsection, though
 * it ends in a full stop; the "（一）…。…" before it keeps its run-in head, alone in its section. */
static void subheads(tail *t)
{
    fo_page *p = t->p;
    long runin = -1;
    for (size_t i = (size_t)p->body_start; i < t->end; i++) {
        const fo_block *b = &p->blocks[i];
        size_t close = han_paren_label(b->cp, b->n), next = next_text(t, i + 1);
        if (!close || p->info[i].role != FO_AS_PARA)
            continue;
        bool alone = b->n - close - 1 <= p->lim->heading_max && fo_cp_sentence_end(b->cp[b->n - 1]) &&
                     !fo_cp_has_sentence_end(b->cp, close + 1, b->n - 1);
        const fo_block *nb = next < t->end ? &p->blocks[next] : NULL;
        bool items = nb && (item_number(nb->cp, nb->n, 0) || (nb->n > 2 && fo_cp_open_paren(nb->cp[0]) && fo_cp_digit(nb->cp[1])));
        if (!alone) {
            runin = (long)i;
            continue;
        }
        if (!items)
            continue;
        p->info[i].role = FO_AS_HEADING;
        p->info[i].part = FO_GW_SUBHEAD;
        p->info[i].heading = (fo_heading_match){FO_RANK_HAN_PAREN, 1, close, close + 1, close + 1};
        p->info[i].why = "official document: （二） alone over its numbered items, a heading";
        if (runin >= 0)
            p->info[runin].part = FO_GW_RUNIN;
        runin = -1;
    }
}

void fo_gongwen_parts(fo_page *p)
{
    bool number = false;
    for (size_t i = 0; i < p->n; i++) {
        unsigned char *part = &p->info[i].part;
        if (*part == FO_GW_HEAD)
            p->info[i].why = "official document: 版头 (份号, 密级, 紧急程度, 发文机关标志) over its number";
        else if (*part == FO_GW_NUMBER)
            p->info[i].why = "official document: 发文字号 (签发人 beside it) in its 版头";
        else
            *part = FO_GW_NONE;
        number |= *part == FO_GW_NUMBER;
    }
    if (p->body_start < 0 || (size_t)p->body_start >= p->n)
        return;
    tail t = {p, p->n, false};
    for (size_t i = (size_t)p->body_start; i < p->n; i++)
        if (p->info[i].features & FO_F_FOOTER) {
            t.end = i;
            break;
        }
    long to = addressee(&t);
    t.official = number || to >= 0;
    size_t first = 0, date = signature_block(&t, &first);
    size_t printed = imprint(&t, number || to >= 0 || date);
    if (!number && to < 0 && !date && printed == t.end)
        return;
    if (to >= 0)
        mark(p, (size_t)to, FO_GW_ADDRESSEE, "official document: 主送机关 (organs and a colon, the body's first line)");
    size_t after = date ? date + 1 : printed;
    if (date) {
        enclosures(&t, (size_t)p->body_start, first, true);
        for (size_t i = first; i < date; i++)
            mark(p, i, FO_GW_SIGNATURE, "official document: 发文机关署名 (an organ over the date, closing the text)");
        mark(p, date, FO_GW_DATE, "official document: 成文日期 (under the signature)");
        for (size_t i = next_text(&t, date + 1); i < t.end && annotation(p->blocks[i].cp, p->blocks[i].n);
             i = next_text(&t, i + 1))
            mark(p, after = i, FO_GW_ANNOTATION, "official document: 附注 (a note in brackets under the date)");
        after = next_text(&t, after + (after > date));
    } else {
        size_t until = printed;
        for (size_t i = (size_t)p->body_start; i < printed; i++)
            if (is_label(p, i) && i > (size_t)to + 1) {
                until = i;
                break;
            }
        after = enclosures(&t, (size_t)p->body_start, until, false);
    }
    attachments(&t, after, printed);
    subheads(&t);
}

/* ---- assembly ---- */

static fo_node *text_of(fo_doc *doc, const fo_block *b, size_t from, size_t to)
{
    trim(b->cp, &from, &to);
    fo_node *t = fo_text_new(doc, "", 0, (fo_pos){b->line, b->col + (int)from});
    t->u.text.str = fo_doc_strdup_cps(doc, b->cp, from, to);
    return t;
}

static fo_node *part_of(fo_doc *doc, fo_node *parent, fo_part_kind kind, const fo_block *b)
{
    return fo_node_append(parent, fo_part_new(doc, kind, (fo_pos){b->line, b->col}));
}

/* An item of the 附件说明: a paragraph, its number dropped (writers number the items again). */
static void enclosure_item(fo_doc *doc, fo_node *list, const fo_block *b, size_t from)
{
    from = fo_cp_skip_spaces(b->cp, b->n, from);
    size_t num = item_number(b->cp, b->n, from);
    if (!num && list->last) { /* the rest of a long item */
        fo_node_append(list->last, text_of(doc, b, from, b->n));
        return;
    }
    fo_node *para = fo_node_append(list, fo_node_new(doc, FO_PARA, (fo_pos){b->line, b->col}));
    fo_node_append(para, text_of(doc, b, from + num, b->n));
}

static void append_organs(fo_doc *doc, fo_node *parent, const fo_block *b)
{
    size_t i = fo_cp_skip_spaces(b->cp, b->n, 0);
    while (i < b->n) {
        size_t e = i;
        while (e < b->n && !fo_cp_space(b->cp[e]))
            e++;
        fo_node_append(part_of(doc, parent, FO_PART_SIGNATURE, b), text_of(doc, b, i, e));
        i = fo_cp_skip_spaces(b->cp, b->n, e);
    }
}

void fo_gongwen_append(const fo_page *p, size_t i, fo_doc *doc, fo_node *parent)
{
    const fo_block *b = &p->blocks[i];
    switch (p->info[i].part) {
    case FO_GW_ADDRESSEE: fo_node_append(part_of(doc, parent, FO_PART_ADDRESSEE, b), text_of(doc, b, 0, b->n)); break;
    case FO_GW_SIGNATURE: append_organs(doc, parent, b); break;
    case FO_GW_DATE: fo_node_append(part_of(doc, parent, FO_PART_DATE, b), text_of(doc, b, 0, b->n)); break;
    case FO_GW_ANNOTATION: fo_node_append(part_of(doc, parent, FO_PART_ANNOTATION, b), text_of(doc, b, 0, b->n)); break;
    case FO_GW_ENCLOSURES:
        enclosure_item(doc, part_of(doc, parent, FO_PART_ENCLOSURES, b), b, enclosures_at(b->cp, b->n));
        break;
    case FO_GW_ENCLOSURE:
        if (fo_is_part(parent->last, FO_PART_ENCLOSURES))
            enclosure_item(doc, parent->last, b, 0);
        break;
    default: break;
    }
}

fo_node *fo_gongwen_attachment(const fo_page *p, size_t i, fo_doc *doc)
{
    const fo_block *b = &p->blocks[i];
    fo_node *att = part_of(doc, doc->root, FO_PART_ATTACHMENT, b);
    size_t from = fo_cp_skip_spaces(b->cp, b->n, 0), label = fo_gongwen_attachment_label(b->cp, b->n);
    att->u.part.label = fo_doc_strdup_cps(doc, b->cp, from, label);
    if (fo_cp_skip_spaces(b->cp, b->n, label) < b->n) { /* 附件2 活动开展情况统计表 */
        att->u.part.title = fo_inlines_new(doc, att, (fo_pos){b->line, b->col + (int)label});
        fo_node_append(att->u.part.title, text_of(doc, b, label, b->n));
    }
    for (size_t k = i + 1; k < p->n && !att->u.part.title; k++) {
        if (p->info[k].part == FO_GW_ATTACHMENT_TITLE) {
            const fo_block *t = &p->blocks[k];
            att->u.part.title = fo_inlines_new(doc, att, (fo_pos){t->line, t->col});
            fo_node_append(att->u.part.title, text_of(doc, t, 0, t->n));
        }
        if (!skipped(p, k))
            break;
    }
    return att;
}

/* ---- metadata ---- */

static void head_meta(const fo_block *b, fo_doc *doc, fo_buf *organs)
{
    fo_meta *m = &doc->meta;
    size_t i = fo_cp_skip_spaces(b->cp, b->n, 0);
    while (i < b->n) {
        size_t e = i;
        while (e < b->n && !fo_cp_space(b->cp[e]))
            e++;
        if (copy_number(b->cp, i, e) && !m->copy_number) {
            size_t d = i;
            while (!fo_cp_digit(b->cp[d]))
                d++;
            m->copy_number = fo_doc_strdup_cps(doc, b->cp, d, e);
        } else if (secrecy(b->cp, i, e) && !m->secrecy) {
            m->secrecy = fo_doc_strdup_cps(doc, b->cp, i, e);
        } else if (urgency(b->cp, i, e) && !m->urgency) {
            m->urgency = fo_doc_strdup_cps(doc, b->cp, i, e);
        } else if (organ_mark_token(b->cp, i, e)) {
            if (organs->len)
                fo_buf_puts(organs, "\n");
            fo_buf_puts(organs, fo_doc_strdup_cps(doc, b->cp, i, e));
        }
        i = fo_cp_skip_spaces(b->cp, b->n, e);
    }
}

/* The number as the standard prints it: the year in 〔〕, whatever brackets the text used. */
static void number_meta(const fo_block *b, fo_doc *doc)
{
    size_t e = fo_rule_docnumber_at(b->cp, b->n, 0);
    uint32_t *cp = fo_xmalloc((e ? e : 1) * sizeof *cp);
    memcpy(cp, b->cp, e * sizeof *cp);
    size_t open = 0;
    while (open < e && fo_cp_han(cp[open]))
        open++;
    size_t close = open + 1;
    while (close < e && fo_cp_digit(cp[close]))
        close++;
    if (open < e && close < e) {
        cp[open] = 0x3014, cp[close] = 0x3015;
        doc->meta.doc_number = fo_doc_strdup_cps(doc, cp, 0, e);
    }
    free(cp);
    size_t names = number_line(b->cp, b->n);
    while (names < b->n) {
        size_t k = names;
        while (k < b->n && !fo_cp_space(b->cp[k]) && b->cp[k] != 0x3001)
            k++;
        fo_strlist_append(doc, &doc->meta.signers, fo_doc_strdup_cps(doc, b->cp, names, k));
        while (k < b->n && (fo_cp_space(b->cp[k]) || b->cp[k] == 0x3001))
            k++;
        names = k;
    }
}

static const char *iso_date(fo_doc *doc, const uint32_t *s, size_t from, size_t to)
{
    fo_text_date d;
    char iso[40];
    trim(s, &from, &to);
    if (!date_span(s, from, to, &d))
        return NULL;
    d.hour = -1;
    fo_date_iso(&d, iso, sizeof iso);
    return fo_doc_strdup(doc, iso);
}

static void imprint_meta(const fo_block *b, fo_doc *doc)
{
    size_t organ_end, from, to;
    if (!imprint_spans(b->cp, b->n, &organ_end, &from, &to))
        return;
    size_t start = fo_cp_skip_spaces(b->cp, b->n, 0);
    doc->meta.printer = fo_doc_strdup_cps(doc, b->cp, start, organ_end);
    doc->meta.print_date = iso_date(doc, b->cp, from, to);
}

void fo_gongwen_meta(const fo_page *p, fo_doc *doc)
{
    fo_meta *m = &doc->meta;
    fo_buf organs = {0};
    for (size_t i = 0; i < p->n; i++) {
        const fo_block *b = &p->blocks[i];
        switch (p->info[i].part) {
        case FO_GW_HEAD: head_meta(b, doc, &organs); break;
        case FO_GW_NUMBER: number_meta(b, doc); break;
        case FO_GW_CC:
            if (!m->cc)
                m->cc = fo_doc_strdup_cps(doc, b->cp, cc_at(b->cp, b->n), b->n);
            break;
        case FO_GW_IMPRINT: imprint_meta(b, doc); break;
        case FO_GW_SIGNATURE:
            if (!m->issuer) {
                size_t from = fo_cp_skip_spaces(b->cp, b->n, 0), to = from;
                while (to < b->n && !fo_cp_space(b->cp[to]))
                    to++;
                m->issuer = fo_doc_strdup_cps(doc, b->cp, from, to);
            }
            break;
        case FO_GW_DATE:
            if (!m->doc_date)
                m->doc_date = iso_date(doc, b->cp, 0, b->n);
            break;
        default: break;
        }
    }
    if (organs.len)
        m->organ_mark = fo_doc_strndup(doc, organs.data, organs.len);
    fo_buf_free(&organs);
}
