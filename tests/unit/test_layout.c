/* test_layout.c — line breaking and pagination (layout.c) with a fake font: at size 10 every CJK
 * character and full-width mark is 10 pt (one em), every ASCII or Latin character 5 pt, so break
 * positions and x positions are exact.  A measure of 50 pt holds five Han characters. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builders.h"
#include "harness.h"
#include "layout.h"
#include "text.h"
#include "writers.h"

#define SIZE 10.0
#define EM SIZE
#define TOLERANCE 0.01

static double fake_advance(void *ctx, int font, double size, uint32_t cp)
{
    (void)font;
    if (ctx)
        (*(size_t *)ctx)++; /* counts calls, to check each character is measured once */
    return cp < 0x80 || fo_is_latin_or_digit(cp) ? size / 2 : size;
}

static fo_lay_para_opts opts_of(double width, double indent, fo_lay_align align)
{
    fo_lay_para_opts o = {.width = width, .indent = indent, .align = align, .advance = fake_advance};
    return o;
}

/* The text of line `i`, segments concatenated (caller frees). */
static char *line_text(const fo_lay_run *runs, const fo_lay_para *p, size_t i)
{
    size_t total = 1;
    const fo_lay_line *l = &p->lines[i];
    for (size_t s = l->first_seg; s < l->first_seg + l->n_segs; s++)
        total += p->segs[s].end - p->segs[s].start;
    char *out = calloc(1, total);
    for (size_t s = l->first_seg; s < l->first_seg + l->n_segs; s++)
        strncat(out, runs[p->segs[s].run].text + p->segs[s].start, p->segs[s].end - p->segs[s].start);
    return out;
}

/* All lines joined by "|" (caller frees). */
static char *joined_lines(const fo_lay_run *runs, const fo_lay_para *p)
{
    size_t cap = 16;
    for (size_t s = 0; s < p->n_segs; s++)
        cap += p->segs[s].end - p->segs[s].start;
    char *out = calloc(1, cap + p->n_lines);
    for (size_t i = 0; i < p->n_lines; i++) {
        char *t = line_text(runs, p, i);
        if (i)
            strcat(out, "|");
        strcat(out, t);
        free(t);
    }
    return out;
}

/* Break one run of `text`; the lines joined by "|" (caller frees). */
static char *break_with(const char *text, const fo_lay_para_opts *o)
{
    fo_lay_run run = {text, strlen(text), 0, SIZE};
    fo_lay_para p;
    if (fo_lay_break(&run, 1, o, &p) != 0)
        return NULL;
    char *out = joined_lines(&run, &p);
    fo_lay_para_free(&p);
    return out;
}

/* Fifteen Han characters put in front of the text under test: the lines are then 20 characters
 * long or so, as in print, and pushing one character down needs little spacing (with five a
 * line, layout would rather squeeze the marks inside the line, see test_squeeze_inside_line). */
#define LEAD "甲乙丙丁戊己庚辛壬癸子丑寅卯辰"
#define LEAD_WIDTH 150.0

#define BREAKS(text, width, want, what)                                       \
    do {                                                                      \
        fo_lay_para_opts o_ = opts_of(LEAD_WIDTH + (width), 0, FO_ALIGN_JUSTIFY); \
        char *got_ = break_with(LEAD text, &o_);                              \
        STR_EQ(got_, LEAD want, (what));                                      \
        free(got_);                                                           \
    } while (0)

static bool blank_right_mark(uint32_t cp)
{
    static const char marks[] = "、。，．：；？！）］｝〕〉》」』】〗〙”’";
    for (size_t i = 0; marks[i];) {
        uint32_t m;
        i += fo_utf8_decode(marks + i, strlen(marks + i), &m);
        if (m == cp)
            return true;
    }
    return false;
}

/* Where the visible content of line `i` ends: the last segment's x plus its advances and the Tc
 * between its glyphs, less the blank half of a full-width mark at the end. */
static double right_edge(const fo_lay_run *runs, const fo_lay_para *p, size_t i)
{
    const fo_lay_line *l = &p->lines[i];
    const fo_lay_seg *seg = &p->segs[l->first_seg + l->n_segs - 1];
    const fo_lay_run *r = &runs[seg->run];
    double x = seg->x, last_adv = 0;
    uint32_t cp = 0;
    size_t glyphs = 0;
    for (size_t b = seg->start; b < seg->end; glyphs++) {
        b += fo_utf8_decode(r->text + b, seg->end - b, &cp);
        last_adv = fake_advance(NULL, 0, r->size, cp);
        x += last_adv;
    }
    x += seg->char_space * (double)(glyphs - 1);
    if (blank_right_mark(cp) && last_adv >= r->size)
        x -= last_adv / 2;
    return x;
}

/* Every line but the last reaches exactly the measure (but a line that is one word or number,
 * which has nowhere to put space). */
static bool all_justified(const fo_lay_run *runs, const fo_lay_para *p, double width, char *why, size_t n)
{
    for (size_t i = 0; i + 1 < p->n_lines; i++) {
        const fo_lay_line *l = &p->lines[i];
        if (l->n_segs == 0 || (l->n_segs == 1 && p->segs[l->first_seg].char_space == 0 && l->width < width))
            continue;
        double edge = right_edge(runs, p, i);
        if (fabs(edge - width) > TOLERANCE) {
            snprintf(why, n, "line %zu ends at %.3f", i + 1, edge);
            return false;
        }
    }
    return true;
}

/* ---- clreq basic prohibitions ---- */

static void test_line_start_prohibitions(void)
{
    BREAKS("一二三四五六七八", 50, "一二三四五|六七八", "plain Han breaks at the measure");
    BREAKS("一二三四五，六七", 50, "一二三四|五，六七", "no line starts with ，: 五 goes down with it");
    BREAKS("一二三四五六，七", 50, "一二三四五|六，七", "near miss: ， inside the next line moves nothing");
    BREAKS("一二三四五。六七", 50, "一二三四|五。六七", "no line starts with 。");
    BREAKS("一二三四五、六七", 50, "一二三四|五、六七", "no line starts with 、");
    BREAKS("一《二三四》五六", 50, "一《二三|四》五六", "no line starts with 》");
    BREAKS("他说“好的”走了", 50, "他说“好|的”走了", "no line starts with ”");
    BREAKS("一二三四五）六七", 50, "一二三四|五）六七", "no line starts with ）");
    BREAKS("一二三四五：六七", 50, "一二三四|五：六七", "no line starts with ：");
    BREAKS("一二三四五！六七", 50, "一二三四|五！六七", "no line starts with ！");
    BREAKS("一二三四五?六七", 50, "一二三四|五?六七", "no line starts with ASCII ?");
    BREAKS("一二三四五,六七", 50, "一二三四|五,六七", "no line starts with ASCII ,");
    BREAKS("一二三四五)六七", 50, "一二三四|五)六七", "no line starts with ASCII )");
    /* libunibreak allows these; LIBRARIES.md says forbid them. */
    BREAKS("一二三四五·六七", 50, "一二三四|五·六七", "no line starts with the interpunct ·");
    BREAKS("一二三四五～六七", 50, "一二三四|五～六七", "no line starts with the connector ～");
    BREAKS("一二三四五~六七", 50, "一二三四|五~六七", "no line starts with ASCII ~");
    BREAKS("一二三四五—六七", 50, "一二三四|五—六七", "no line starts with a single —");
}

static void test_line_end_prohibitions(void)
{
    BREAKS("一二三四“五六”", 50, "一二三四|“五六”", "no line ends with “: it goes down");
    BREAKS("一二三“四五六”", 50, "一二三“四|五六”", "near miss: “ inside the line stays");
    BREAKS("一二三四《五》六", 50, "一二三四|《五》六", "no line ends with 《");
    BREAKS("一二三《四》五六", 50, "一二三《四》|五六", "near miss: 《四》 fits whole");
    BREAKS("一二三四（五）六", 50, "一二三四|（五）六", "no line ends with （");
    BREAKS("一二三四(五)六", 50, "一二三四|(五)六", "no line ends with ASCII (");
    BREAKS("一二三四「五」六", 50, "一二三四|「五」六", "no line ends with 「");
}

static void test_never_split(void)
{
    BREAKS("一二三111.32%四五六七八", 50, "一二三|111.32%四五六七八", "111.32% is never split");
    BREAKS("一二三2025-01-16四五六七", 50, "一二三|2025-01-16四五六七", "2025-01-16 is never split");
    BREAKS("一二三四——五六", 50, "一二三四|——五六", "—— is never split: it goes down whole");
    BREAKS("一二三——四五", 50, "一二三——|四五", "near miss: —— that fits stays");
    BREAKS("一二三四……五六", 50, "一二三|四……五六", "…… is never split, nor separated from the text before");
    BREAKS("一二三……四五", 50, "一二三……|四五", "near miss: …… that fits stays");
    BREAKS("一二三四Hello五六", 50, "一二三四|Hello五六", "a Latin word is never split");
    BREAKS("一二Hello三四五", 50, "一二Hello|三四五", "near miss: a Latin word that fits stays");
    BREAKS("一二2024年三四五六", 50, "一二2024|年三四五六", "a break between a number and a Han character is allowed");
    fo_lay_para_opts narrow = opts_of(50, 0, FO_ALIGN_JUSTIFY);
    char *got = break_with("一二三四abcdefghijklmn五六", &narrow);
    STR_EQ(got, "一二三四|abcdefghij|klmn五六", "a word longer than the measure is cut rather than overflowing");
    free(got);
    got = break_with("一二三2025-01-16四五六七", &narrow);
    STR_EQ(got, "一二三|2025-01-16|四五六七", "a date that fills a line alone stays whole");
    free(got);
}

/* ---- push-in before push-out ---- */

static void test_line_end_compression(void)
{
    BREAKS("一二三四五，六七", 55, "一二三四五，|六七", "，set half width at the line end lets the line fit (push-in)");
    BREAKS("一二三四五，六七", 54, "一二三四|五，六七", "near miss: half a ， still too wide: push-out");
    BREAKS("一二三四五六七", 55, "一二三四五|六七", "near miss: a Han character is never compressed");
    BREAKS("一二三四。”五六", 55, "一二三四。”|五六", "。” shrinks to 1.5 em, and to 1 em at the line end");
    BREAKS("一二三四五“六七", 55, "一二三四五|“六七", "an opening mark does not end the line, nor is compressed");

    /* The compressed mark is still drawn whole: the next segment starts half an em earlier. */
    const char *text = "一二三。”四五";
    fo_lay_run run = {text, strlen(text), 0, SIZE};
    fo_lay_para_opts o = opts_of(200, 0, FO_ALIGN_LEFT);
    fo_lay_para p;
    fo_lay_break(&run, 1, &o, &p);
    INT_EQ(p.n_segs, 2, "。” : a new segment after the compressed 。");
    OK(fabs(p.segs[1].x - 35) < TOLERANCE, "。” take 1.5 em: ” at 3.5 em");
    OK(fabs(p.lines[0].width - 65) < TOLERANCE, "line width counts 。” as 1.5 em");
    fo_lay_para_free(&p);

    const char *pairs[] = {"一二三》，四五", "一二三，“四五", "一二三“《四五"};
    for (size_t i = 0; i < 3; i++) {
        run = (fo_lay_run){pairs[i], strlen(pairs[i]), 0, SIZE};
        fo_lay_break(&run, 1, &o, &p);
        OK(p.n_segs == 2 && fabs(p.segs[1].x - 35) < TOLERANCE, "adjacent full-width marks take 1.5 em");
        fo_lay_para_free(&p);
    }
    const char *apart = "一二，三“四五";
    run = (fo_lay_run){apart, strlen(apart), 0, SIZE};
    fo_lay_break(&run, 1, &o, &p);
    INT_EQ(p.n_segs, 1, "near miss: marks that are not adjacent keep their full width");
    fo_lay_para_free(&p);
}

static void test_squeeze_inside_line(void)
{
    /* 一，二，三 fits in 55 pt, but would need Tc 0.125 em; squeezing the two commas by a quarter em
     * each lets 四 come up instead (push-in before push-out). */
    const char *text = "一，二，三四五六七八九十";
    fo_lay_run run = {text, strlen(text), 0, SIZE};
    fo_lay_para_opts o = opts_of(55, 0, FO_ALIGN_JUSTIFY);
    fo_lay_para p;
    fo_lay_break(&run, 1, &o, &p);
    char *got = joined_lines(&run, &p);
    STR_EQ(got, "一，二，三四|五六七八九|十", "marks inside the line are squeezed rather than spacing out widely");
    free(got);
    char why[128] = "";
    OK(all_justified(&run, &p, 55, why, sizeof why), "the squeezed line still ends at the measure");
    fo_lay_para_free(&p);

    fo_lay_para_opts exact = opts_of(50, 0, FO_ALIGN_JUSTIFY);
    got = break_with("一，二，三四五六七八九十", &exact);
    STR_EQ(got, "一，二，三|四五六七八|九十", "near miss: a line that fits exactly is not squeezed");
    free(got);
    fo_lay_para_opts wide = opts_of(LEAD_WIDTH + 55, 0, FO_ALIGN_JUSTIFY);
    got = break_with(LEAD "一，二，三四五六七八九十", &wide);
    STR_EQ(got, LEAD "一，二，三|四五六七八九十", "near miss: spacing a long line a little is preferred to squeezing");
    free(got);
}

/* ---- justification ---- */

static void test_justification(void)
{
    const char *text = "我们用Python写了一个程序，它把《新闻稿》转成PDF文件，数字111.32%和日期2025-01-16都不拆开。"
                       "第二句话在这里——很长很长……然后结束了。";
    fo_lay_run run = {text, strlen(text), 0, SIZE};
    for (double width = 60; width <= 300; width += 10) {
        fo_lay_para_opts o = opts_of(width, 0, FO_ALIGN_JUSTIFY);
        fo_lay_para p;
        fo_lay_break(&run, 1, &o, &p);
        char why[128] = "", what[96];
        snprintf(what, sizeof what, "every line but the last justified to exactly %.0f pt", width);
        bool ok = all_justified(&run, &p, width, why, sizeof why);
        harness_report(ok, __FILE__, __LINE__, what, ok ? NULL : why);
        OK(p.n_lines > 0 && p.lines[p.n_lines - 1].last && !p.lines[0].last == (p.n_lines > 1),
           "only the last line is marked last");
        const fo_lay_line *last = &p.lines[p.n_lines - 1];
        OK(fabs(right_edge(&run, &p, p.n_lines - 1) - last->width) < TOLERANCE,
           "the last line is set flush left at its natural width");
        fo_lay_para_free(&p);
    }

    /* Tc never falls inside a Latin word or a number. */
    const char *mixed = "一二三四五六七八九十abcdefg一二三四五六七八九十";
    run = (fo_lay_run){mixed, strlen(mixed), 0, SIZE};
    fo_lay_para_opts o = opts_of(130, 0, FO_ALIGN_JUSTIFY);
    fo_lay_para p;
    fo_lay_break(&run, 1, &o, &p);
    bool word_unspaced = false;
    for (size_t s = 0; s < p.n_segs; s++)
        if (memcmp(mixed + p.segs[s].start, "abc", 3) == 0)
            word_unspaced = p.segs[s].char_space == 0 && p.segs[s].end - p.segs[s].start == 7;
    OK(word_unspaced, "a Latin word is one segment with Tc 0");
    fo_lay_para_free(&p);
    const char *after_mark = "一二三四五六七八，abcdefg一二三四五六七八九十";
    run = (fo_lay_run){after_mark, strlen(after_mark), 0, SIZE};
    fo_lay_break(&run, 1, &o, &p);
    word_unspaced = false;
    for (size_t s = 0; s < p.n_segs; s++)
        if (memcmp(after_mark + p.segs[s].start, "abc", 3) == 0)
            word_unspaced = p.segs[s].char_space == 0 && p.segs[s].end - p.segs[s].start == 7;
    OK(word_unspaced, "a Latin word after a mark is one segment with Tc 0 too");
    char why[128] = "";
    OK(all_justified(&run, &p, 130, why, sizeof why), "and the line is justified");
    OK(p.segs[0].char_space > 0, "the Han characters take the extra space");
    fo_lay_para_free(&p);

    /* Non-justified alignments. */
    const char *title = "一二三";
    run = (fo_lay_run){title, strlen(title), 0, SIZE};
    o = opts_of(100, 0, FO_ALIGN_CENTER);
    fo_lay_break(&run, 1, &o, &p);
    OK(fabs(p.segs[0].x - 35) < TOLERANCE && p.segs[0].char_space == 0, "centred line");
    fo_lay_para_free(&p);
    o = opts_of(100, 0, FO_ALIGN_RIGHT);
    fo_lay_break(&run, 1, &o, &p);
    OK(fabs(p.segs[0].x - 70) < TOLERANCE, "right-aligned line");
    fo_lay_para_free(&p);
    const char *long_left = "一二三四五六七";
    run = (fo_lay_run){long_left, strlen(long_left), 0, SIZE};
    o = opts_of(45, 0, FO_ALIGN_LEFT);
    fo_lay_break(&run, 1, &o, &p);
    OK(p.n_lines == 2 && p.segs[0].char_space == 0, "left-aligned lines are not stretched");
    fo_lay_para_free(&p);
}

static void test_han_latin_space(void)
{
    fo_lay_para_opts o = opts_of(200, 0, FO_ALIGN_LEFT);
    fo_lay_para p;
    const char *text = "我们用Python写";
    fo_lay_run run = {text, strlen(text), 0, SIZE};
    fo_lay_break(&run, 1, &o, &p);
    OK(p.n_segs == 3 && fabs(p.segs[1].x - 32.5) < TOLERANCE, "a quarter em between Han and a Latin word");
    OK(p.n_segs == 3 && fabs(p.segs[2].x - 65) < TOLERANCE, "and between the Latin word and Han");
    OK(fabs(p.lines[0].width - 75) < TOLERANCE, "the quarter ems count in the line width");
    fo_lay_para_free(&p);

    const char *digits = "共3个";
    run = (fo_lay_run){digits, strlen(digits), 0, SIZE};
    fo_lay_break(&run, 1, &o, &p);
    OK(p.n_segs == 3 && fabs(p.segs[1].x - 12.5) < TOLERANCE && fabs(p.segs[2].x - 20) < TOLERANCE,
       "a quarter em around digits too");
    fo_lay_para_free(&p);

    const char *near[] = {"我们用“Python”写", "我们用 Python 写", "Python写"};
    const size_t want_segs[] = {1, 1, 2};
    for (size_t i = 0; i < 3; i++) {
        run = (fo_lay_run){near[i], strlen(near[i]), 0, SIZE};
        fo_lay_break(&run, 1, &o, &p);
        INT_EQ(p.n_segs, want_segs[i], "near miss: no quarter em next to punctuation, a space, or at line start");
        OK(p.segs[0].x == 0, "the line starts at the margin");
        fo_lay_para_free(&p);
    }

    /* A line with 15 pt to spare over 9 boundaries would need Tc 0.17 em: the two Han–Latin
     * boundaries take up to a quarter em more first, then Tc spreads the rest. */
    const char *wide = "一二三ab四五六七八九2025-01-16";
    run = (fo_lay_run){wide, strlen(wide), 0, SIZE};
    o = opts_of(120, 0, FO_ALIGN_JUSTIFY);
    fo_lay_break(&run, 1, &o, &p);
    double tc = p.segs[0].char_space;
    OK(fabs(tc - 10.0 / 9) < TOLERANCE, "Tc takes what the Han–Latin boundaries cannot");
    OK(p.n_segs >= 2 && fabs(p.segs[1].x - (30 + 3 * tc + 2 * 2.5)) < TOLERANCE,
       "a Han–Latin boundary takes up to half an em when spacing is wide");
    char why[128] = "";
    OK(all_justified(&run, &p, 120, why, sizeof why), "and the line is still justified");
    fo_lay_para_free(&p);
    o = opts_of(110, 0, FO_ALIGN_JUSTIFY);
    fo_lay_break(&run, 1, &o, &p);
    tc = p.segs[0].char_space;
    OK(fabs(tc - 5.0 / 9) < TOLERANCE && fabs(p.segs[1].x - (30 + 3 * tc + 2.5)) < TOLERANCE,
       "near miss: when Tc is small, the Han–Latin boundary keeps a quarter em plus Tc");
    fo_lay_para_free(&p);

    /* No quarter em at a line end: 四 ends the first line, Python starts the second. */
    const char *at_break = "一二三四Python五";
    run = (fo_lay_run){at_break, strlen(at_break), 0, SIZE};
    o = opts_of(45, 0, FO_ALIGN_JUSTIFY);
    fo_lay_break(&run, 1, &o, &p);
    char *got = joined_lines(&run, &p);
    STR_EQ(got, "一二三四|Python五", "a break at a Han–Latin boundary");
    free(got);
    OK(fabs(p.lines[0].width - 40) < TOLERANCE && p.segs[p.lines[1].first_seg].x == 0,
       "no quarter em at the line end or the line start");
    fo_lay_para_free(&p);
}

static void test_first_line_indent(void)
{
    const char *text = "一二三四五六七八";
    fo_lay_run run = {text, strlen(text), 0, SIZE};
    fo_lay_para_opts o = opts_of(50, 20, FO_ALIGN_JUSTIFY);
    fo_lay_para p;
    fo_lay_break(&run, 1, &o, &p);
    char *got = joined_lines(&run, &p);
    STR_EQ(got, "一二三|四五六七八", "the first line is shorter by the indent");
    free(got);
    OK(p.segs[0].x == 20, "the first line starts at the indent");
    OK(p.segs[p.lines[1].first_seg].x == 0, "the other lines start at the margin");
    char why[128] = "";
    OK(all_justified(&run, &p, 50, why, sizeof why), "the indented line is justified to the measure");
    fo_lay_para_free(&p);

    o.indent = 0;
    fo_lay_break(&run, 1, &o, &p);
    OK(p.segs[0].x == 0 && p.n_lines == 2, "near miss: no indent, the first line holds five");
    fo_lay_para_free(&p);
}

/* A character grid: every character advances its em plus the paragraph's tracking, which is in the
 * segments' Tc, so that 28 characters of 16 pt fill 156 mm (GB/T 9704). */
static void test_tracking(void)
{
    const char *text = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二";
    fo_lay_run run = {text, strlen(text), 0, 16};
    double width = 156 * 72 / 25.4, advance = width / 28;
    fo_lay_para_opts o = opts_of(width, 2 * advance, FO_ALIGN_JUSTIFY);
    o.tracking = advance - 16;
    fo_lay_para p;
    fo_lay_break(&run, 1, &o, &p);
    INT_EQ((int)p.n_lines, 2, "tracking: 32 characters on two lines");
    INT_EQ((int)fo_utf8_count(text + p.segs[0].start, p.segs[0].end - p.segs[0].start), 26,
           "tracking: 26 characters after a two-character indent");
    const fo_lay_seg *second = &p.segs[p.lines[1].first_seg];
    INT_EQ((int)fo_utf8_count(text + second->start, second->end - second->start), 6, "tracking: the other 6 on the next");
    OK(fabs(p.segs[0].char_space - o.tracking) < 1e-9 && fabs(second->char_space - o.tracking) < 1e-9,
       "tracking: the Tc of a full line and of the last line is the tracking, nothing stretched");
    OK(fabs(p.segs[0].x - 2 * advance) < 1e-9 && fabs(p.lines[0].width - 26 * advance) < 1e-6,
       "tracking: the line measures 26 grid characters");
    fo_lay_para_free(&p);

    o.tracking = 0; /* near miss: without it, 16 pt characters: 27 fit in 156 mm, 25 after the indent */
    fo_lay_break(&run, 1, &o, &p);
    INT_EQ((int)fo_utf8_count(text + p.segs[0].start, p.segs[0].end - p.segs[0].start), 25,
           "tracking: none, and only 25 fit after the indent");
    OK(p.segs[0].char_space > 0, "tracking: none, and the line is stretched");
    fo_lay_para_free(&p);
}

/* ---- last line ---- */

static void test_last_line_two_characters(void)
{
    /* 20 characters a line (200 pt); 41 would leave 1 on the last line. */
    char text[256] = "";
    for (int i = 0; i < 41; i++)
        strcat(text, "字");
    fo_lay_run run = {text, strlen(text), 0, SIZE};
    fo_lay_para_opts o = opts_of(200, 0, FO_ALIGN_JUSTIFY);
    fo_lay_para p;
    fo_lay_break(&run, 1, &o, &p);
    INT_EQ(p.n_lines, 3, "41 characters: three lines");
    char *last = line_text(&run, &p, 2);
    STR_EQ(last, "字字", "the last line gets a character pulled down from the line above");
    free(last);
    char *middle = line_text(&run, &p, 1);
    INT_EQ(strlen(middle), 19 * 3, "the line above keeps 19 characters");
    free(middle);
    char why[128] = "";
    OK(all_justified(&run, &p, 200, why, sizeof why), "the line above is still justified");
    fo_lay_para_free(&p);

    strcat(text, "字");
    run.len = strlen(text);
    fo_lay_break(&run, 1, &o, &p);
    last = line_text(&run, &p, 2);
    STR_EQ(last, "字字", "near miss: 42 characters leave two on the last line, nothing moves");
    char *first = line_text(&run, &p, 0);
    INT_EQ(strlen(first), 20 * 3, "near miss: the first line keeps 20 characters");
    free(first);
    free(last);
    fo_lay_para_free(&p);

    /* A single Han character with its full stop is still a lonely last line. */
    const char *stop = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒了。";
    run = (fo_lay_run){stop, strlen(stop), 0, SIZE};
    fo_lay_break(&run, 1, &o, &p);
    last = line_text(&run, &p, p.n_lines - 1);
    STR_EQ(last, "荒了。", "了。 alone: 荒 comes down");
    free(last);
    fo_lay_para_free(&p);
    /* ...and so is one with an ASCII mark the article kept (a paragraph's last `:` or `;`) */
    const char *ascii = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒局:";
    run = (fo_lay_run){ascii, strlen(ascii), 0, SIZE};
    fo_lay_break(&run, 1, &o, &p);
    last = line_text(&run, &p, p.n_lines - 1);
    STR_EQ(last, "荒局:", "局: alone (an ASCII colon): 荒 comes down");
    free(last);
    fo_lay_para_free(&p);
    char *letter = break_with("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒A:", &o);
    OK(letter && strstr(letter, "|A:") && !strstr(letter, "荒A:"),
       "near miss: a Latin letter and its colon are no lonely Han character");
    free(letter);

    /* A number before the lone character comes down with it, even when the line above must then
     * be spaced more than usual (up to a quarter em): `10 / 列。` never ends a paragraph. */
    o.width = 150;
    const char *unit = "甲乙丙丁戊己庚辛壬癸子丑寅10列。";
    char *got = break_with(unit, &o);
    STR_EQ(got, "甲乙丙丁戊己庚辛壬癸子丑寅|10列。", "10 列。: the number comes down with its unit");
    free(got);
    /* Push-in first: when the marks of the line above can give up enough of their blank halves, the
     * lone character goes up instead and the paragraph is a line shorter. */
    o.width = 200;
    const char *marks = "一二三，四五六，七八九，十甲乙，丙丁戊己了。";
    run = (fo_lay_run){marks, strlen(marks), 0, SIZE};
    fo_lay_break(&run, 1, &o, &p);
    INT_EQ(p.n_lines, 1, "了。 goes up into the line above, its commas squeezed");
    OK(fabs(right_edge(&run, &p, 0) - 200) < TOLERANCE, "and that line still ends at the measure");
    fo_lay_para_free(&p);
    got = break_with("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸了。", &o);
    STR_EQ(got, "一二三四五六七八九十甲乙丙丁戊己庚辛壬|癸了。", "near miss: no marks to squeeze, 癸 comes down");
    free(got);
    o.width = 150;
    got = break_with("甲乙丙丁戊己庚辛壬癸子丑寅卯辰10列。", &o);
    STR_EQ(got, "甲乙丙丁戊己庚辛壬癸子丑寅卯辰|10列。", "near miss: nothing lonely, nothing moves");
    free(got);
    o.width = 200;

    const char *latin = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒ab";
    run = (fo_lay_run){latin, strlen(latin), 0, SIZE};
    fo_lay_break(&run, 1, &o, &p);
    last = line_text(&run, &p, p.n_lines - 1);
    STR_EQ(last, "ab", "near miss: a Latin word alone is not a single Han character");
    free(last);
    fo_lay_para_free(&p);
}

/* ---- URLs, long tokens, two-em marks, words ---- */

/* Whether every stretched line of `p` keeps its Tc at or under `max_em` of the size. */
static bool spacing_at_most(const fo_lay_para *p, double max_em)
{
    for (size_t s = 0; s < p->n_segs; s++)
        if (p->segs[s].char_space > max_em * SIZE + TOLERANCE)
            return false;
    return true;
}

static void test_url_breaks(void)
{
    const char *url = "更多信息可登录河西省司法厅网站https://sft.hexi.example.gov.cn/sqjz/index.html查询。";
    fo_lay_para_opts o = opts_of(200, 0, FO_ALIGN_JUSTIFY);
    char *got = break_with(url, &o);
    STR_EQ(got, "更多信息可登录河西省司法厅网站https://|sft.hexi.example.gov.cn/sqjz/index.html|查询。",
           "a URL breaks after its // rather than moving down whole");
    free(got);
    o.width = 250;
    got = break_with(url, &o);
    STR_EQ(got, "更多信息可登录河西省司法厅网站https://sft.hexi.|example.gov.cn/sqjz/index.html查询。",
           "a URL breaks after a dot");
    free(got);
    const char *mail = "请发送至wang.ming@hexi-sfj.example.cn或来电咨询。";
    o.width = 100;
    got = break_with(mail, &o);
    STR_EQ(got, "请发送至wang.ming@|hexi-sfj.example.cn|或来电咨询。", "an e-mail address breaks after its @");
    free(got);
    /* inside a URL or an address a cut is preferred to spacing the line before it even by 0.12 em */
    o.width = 165;
    got = break_with("意见建议请发送至digital-gov.feedback@dsj.hexi.example.gov.cn。", &o);
    STR_EQ(got, "意见建议请发送至digital-gov.feed|back@dsj.hexi.example.gov.cn。",
           "an address is cut inside (feed|back) rather than the line before it spaced a quarter em");
    free(got);
    o.width = 155;
    got = break_with("意见建议请发送至digital-gov.feedback@dsj.hexi.example.gov.cn。", &o);
    STR_EQ(got, "意见建议请发送至digital-gov.|feedback@dsj.hexi.example.gov.|cn。",
           "near miss: no cut that would leave fewer than three letters (fe|edback)");
    free(got);
    /* at every measure the line before a URL is never letter-spaced wider than a quarter em */
    fo_lay_run run = {url, strlen(url), 0, SIZE};
    bool narrow = true;
    for (double width = 200; width <= 400; width += 5) {
        fo_lay_para_opts ow = opts_of(width, 0, FO_ALIGN_JUSTIFY);
        fo_lay_para p;
        fo_lay_break(&run, 1, &ow, &p);
        narrow &= spacing_at_most(&p, 0.25);
        fo_lay_para_free(&p);
    }
    OK(narrow, "lines before a URL are spaced at most a quarter em, at every measure from 20 to 40 em");
    /* near misses: no break between the two slashes, nor in a date or a decimal, nor in text that
     * only looks like a URL */
    o.width = 170;
    got = break_with("网站https://example.org", &o);
    STR_EQ(got, "网站https://example.org", "near miss: a URL that fits is not broken");
    free(got);
    o.width = 70;
    got = break_with("网站https://example.org", &o);
    STR_EQ(got, "网站https://|example.org", "never between the slashes of //");
    free(got);
    o.width = 245;
    got = break_with("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸https://sub.example.doc存档", &o);
    STR_EQ(got, "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸https://|sub.example.doc存档", "a URL breaks after its //");
    free(got);
    got = break_with("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸sub.example.doc存档", &o);
    STR_EQ(got, "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸|sub.example.doc存档",
           "near miss: a dotted name that is no URL gets no break at its dots");
    free(got);
}

static void test_long_token(void)
{
    const char *code = "编号ABCDEFGHIJKLMNOPQRSTUVWXYZ0123已登记在册。";
    fo_lay_para_opts o = opts_of(100, 0, FO_ALIGN_JUSTIFY);
    char *got = break_with(code, &o);
    STR_EQ(got, "编号ABCDEFGHIJKLMNO|PQRSTUVWXYZ0123已登|记在册。",
           "a token that cannot break is cut inside rather than letter-spacing the line before it");
    free(got);
    fo_lay_run run = {code, strlen(code), 0, SIZE};
    fo_lay_para p;
    fo_lay_break(&run, 1, &o, &p);
    OK(spacing_at_most(&p, 0.25), "and no line is spaced wider than a quarter em");
    OK(p.lines[0].forced && !p.lines[2].forced, "the cut line says it was cut inside a token");
    fo_lay_para_free(&p);
    /* near misses: an ordinary word is never cut (it moves down, the line before is spaced), nor a
     * number, nor a token whose line would be spaced less than a quarter em */
    o.width = 130;
    got = break_with("一二三四五六七八九十abcdefg一二三四五六七八九十", &o);
    STR_EQ(got, "一二三四五六七八九十|abcdefg一二三四五六七八|九十", "near miss: a seven-letter word is not cut");
    free(got);
    o.width = 100;
    got = break_with("编号1234567890123456已登记在册。", &o);
    STR_EQ(got, "编号|1234567890123456已|登记在册。", "near miss: a long number is never cut where it fits a line");
    free(got);
    o.width = 240;
    got = break_with("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸ABCDEFGHIJKLMNOPQRSTUVWXYZ0123已登记在册。", &o);
    STR_EQ(got, "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸|ABCDEFGHIJKLMNOPQRSTUVWXYZ0123已登记在册。",
           "near miss: when the line before is spaced less than a quarter em, the token moves down whole");
    free(got);
}

/* A font whose em dash is proportional (0.89 em, as Noto CJK's) and whose ellipsis is narrow. */
static double narrow_dash_advance(void *ctx, int font, double size, uint32_t cp)
{
    if (cp == 0x2014)
        return 0.89 * size;
    if (cp == 0x2026)
        return 0.8 * size;
    return fake_advance(ctx, font, size, cp);
}

static void test_two_em_marks(void)
{
    const char *text = "甲——乙……丙—丁";
    fo_lay_run run = {text, strlen(text), 0, SIZE};
    fo_lay_para_opts o = opts_of(300, 0, FO_ALIGN_LEFT);
    o.advance = narrow_dash_advance;
    fo_lay_para p;
    fo_lay_break(&run, 1, &o, &p);
    char *dump = fo_lay_para_dump(&run, &p);
    STR_EQ(dump,
           "1: [0.00 +0.000]甲 [10.00 +0.000]— [20.00 +0.000]— [30.00 +0.000]乙 [40.00 +0.000]… [50.00 +0.000]… "
           "[60.00 +0.000]丙—丁 (w 88.90, last)\n",
           "—— and …… take two ems whatever the font says, each half placed on its own; a single — keeps its width");
    free(dump);
    fo_lay_para_free(&p);
    o.width = 55;
    o.align = FO_ALIGN_JUSTIFY;
    fo_lay_break(&run, 1, &o, &p);
    char *got = joined_lines(&run, &p);
    STR_EQ(got, "甲——|乙……丙—|丁", "a two-em mark stays on one line");
    free(got);
    OK(p.n_segs > 2 && p.segs[1].x > 10 && fabs(p.segs[2].x - p.segs[1].x - 10) < TOLERANCE,
       "a justified line spaces the characters around —— but not its halves");
    fo_lay_para_free(&p);
}

static void test_keep_words(void)
{
    const char *title = "为奋力谱写中国式现代化甘肃篇章提供坚实法治保障";
    fo_lay_para_opts o = opts_of(140, 0, FO_ALIGN_CENTER);
    char *got = break_with(title, &o);
    STR_EQ(got, "为奋力谱写中国式现代化甘肃篇|章提供坚实法治保障", "without keep_words a line may end inside a word");
    free(got);
    o.keep_words = true;
    got = break_with(title, &o);
    STR_EQ(got, "为奋力谱写中国式现代化甘肃|篇章提供坚实法治保障", "keep_words: the line ends between two words");
    free(got);
    /* ICU's dictionary lacks 全省 and 冬春季 (全|省|冬|春季): one-character words stay with their
     * neighbours, so the line does not end at 全省冬 */
    const char *notice = "关于推进今年全省冬春季农田水利建设的通知";
    o.keep_words = false;
    o.width = 90;
    got = break_with(notice, &o);
    STR_EQ(got, "关于推进今年全省冬|春季农田水利建设的|通知", "without keep_words: 全省冬 / 春季");
    free(got);
    o.keep_words = true;
    got = break_with(notice, &o);
    STR_EQ(got, "关于推进|今年全省冬春季农田|水利建设的通知", "keep_words: 冬春季 stays whole");
    free(got);
    got = break_with("全省冬春季农田水利基本建设规模突破50亿元", &o);
    STR_EQ(got, "全省冬春季农田水利|基本建设规模突破|50亿元", "keep_words: 突破 stays whole, the number with its unit");
    free(got);
    o.width = 45;
    got = break_with("中华人民共和国", &o);
    OK(got && strchr(got, '|'), "a word wider than the measure is still cut (no overflow)");
    free(got);
}

/* ---- the pages of built documents (pdf_blocks.c, through `-t layout`) ---- */

/* The document's pages as `folio -t layout --style STYLE` prints them (caller frees). */
static char *pages_in_style(fo_doc *doc, fo_write_ctx *ctx, const char *style)
{
    fo_doc_finish(doc);
    fo_write_opts opts = {.style = style, .style_dir = "styles", .ctx = ctx};
    fo_buf out = {0};
    fo_diag d;
    fo_diag_init(&d, "built.txt", NULL);
    if (fo_write_layout(doc, &opts, &out, &d) != 0)
        fo_buf_free(&out);
    return out.data ? fo_buf_steal(&out) : NULL;
}

/* The document's pages as `folio -t layout` prints them (caller frees). */
static char *pages_of(fo_doc *doc, fo_write_ctx *ctx) { return pages_in_style(doc, ctx, NULL); }

/* The text of every line of `kind` ("title", "heading2", "header" …) in a dump, segments joined and
 * lines separated by "|" (caller frees). */
static char *lines_of(const char *dump, const char *kind)
{
    fo_buf b = {0};
    char want[32];
    snprintf(want, sizeof want, "  %-9s ", kind);
    for (const char *line = dump; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (strncmp(line, want, strlen(want)) == 0) {
            const char *text = strcmp(kind, "header") == 0 ? line + strlen(want) : memchr(line, ':', len);
            if (b.len)
                fo_buf_putc(&b, '|');
            for (const char *p = text ? text + (*text == ':') : line + len; p < line + len; p++) {
                if (*p == ' ' && p[1] == '[') { /* a segment's " [x Tc]" */
                    const char *close = memchr(p, ']', (size_t)(line + len - p));
                    p = close ? close : line + len;
                    continue;
                }
                fo_buf_putc(&b, *p);
            }
        }
        line = end ? end + 1 : NULL;
    }
    fo_buf_puts(&b, "");
    return fo_buf_steal(&b);
}

static void test_heading_markers(void)
{
    fo_doc *doc = fo_doc_new();
    fo_node *one = tb_section(doc, doc->root, 1, "一", "一、", "总体要求");
    tb_para(doc, one, NULL, "以提升全民法治素养为目标，坚持需求导向。");
    fo_node *sub = tb_section(doc, one, 2, "一", "（一）", "深入开展宪法宣传");
    tb_para(doc, sub, NULL, "组织法律服务工作者走进社区。");
    fo_node *item = tb_section(doc, sub, 3, "1", "1.", "领导干部");
    tb_para(doc, item, NULL, "落实领导干部应知应会法律法规清单制度。");
    fo_node *named = tb_section(doc, doc->root, 1, "亮点一", "亮点一：", "多维度推动学习");
    tb_para(doc, named, NULL, "坚持把学习宣传作为重大政治任务。");
    fo_node *bare = tb_section(doc, doc->root, 1, "第二章", NULL, "附则");
    tb_para(doc, bare, NULL, "本办法自印发之日起施行。");
    char *dump = pages_of(doc, NULL);
    char *h1 = lines_of(dump, "heading1"), *h2 = lines_of(dump, "heading2"), *h3 = lines_of(dump, "heading3");
    STR_EQ(h1, "一、总体要求|亮点一：多维度推动学习|第二章　附则",
           "headings print their marker as written (一、 亮点一：); a label without one gets an ideographic space");
    STR_EQ(h2, "（一）深入开展宪法宣传", "a level-2 heading keeps its （一）, so it does not look like a level-1 one");
    STR_EQ(h3, "1.领导干部", "a level-3 heading keeps its 1.");
    free(h1);
    free(h2);
    free(h3);
    free(dump);
    fo_doc_free(doc);
}

/* Whether some page of the dump ends with a heading line (its last box before the footer). */
static bool page_ends_with_heading(const char *dump)
{
    const char *last = NULL;
    for (const char *line = dump; line && *line;) {
        if (strncmp(line, "  footer", 8) == 0 && last && strncmp(last, "  heading", 9) == 0)
            return true;
        if (strncmp(line, "  footer", 8) != 0 && strncmp(line, "  space", 7) != 0 && strncmp(line, "page ", 5) != 0)
            last = line;
        const char *end = strchr(line, '\n');
        line = end ? end + 1 : NULL;
    }
    return false;
}

static void test_heading_chains(void)
{
    /* one document with a chain 一、 + （一） after 1, 2, 3 … filler lines: somewhere the chain falls at
     * a page's foot */
    fo_doc *doc = fo_doc_new();
    for (int k = 1; k <= 30; k++) {
        fo_node *one = tb_section(doc, doc->root, 1, "一", "一、", "总体要求");
        fo_node *sub = tb_section(doc, one, 2, "一", "（一）", "深入开展宪法宣传");
        tb_para(doc, sub, NULL, "组织法律服务工作者走进社区、村组、学校和企业，开展宪法知识讲座、法治文艺演出和法律咨询活动，"
                                "全年每个县不少于二十场，推动形成办事依法、遇事找法、解决问题用法、化解矛盾靠法的良好氛围。");
        for (int i = 0; i < k % 7 + 1; i++)
            tb_para(doc, sub, NULL, "以提升全民法治素养为目标。");
    }
    char *dump = pages_of(doc, NULL);
    OK(dump && strstr(dump, "page 3\n"), "the chains fill several pages");
    OK(dump && !page_ends_with_heading(dump), "no page ends with a heading: 一、 and （一） stay with two lines of text");
    free(dump);
    fo_doc_free(doc);

    /* near miss: single headings were already kept with their text */
    doc = fo_doc_new();
    for (int k = 1; k <= 30; k++) {
        fo_node *one = tb_section(doc, doc->root, 1, "一", "一、", "总体要求");
        for (int i = 0; i < k % 7 + 2; i++)
            tb_para(doc, one, NULL, "以提升全民法治素养为目标。");
    }
    dump = pages_of(doc, NULL);
    OK(dump && !page_ends_with_heading(dump), "near miss: a single heading never ends a page either");
    free(dump);
    fo_doc_free(doc);
}

static void test_titles_at_words(void)
{
    fo_doc *doc = fo_doc_new();
    doc->meta.title = fo_doc_strdup(doc, "为奋力谱写中国式现代化甘肃篇章提供坚实法治保障");
    fo_node *s = tb_section(doc, doc->root, 1, "亮点二", "亮点二：",
                            "以《省部备忘录》为契机全力打造红色法治文化高地推动全省冬春季农田水利基本建设规模突破五十亿元");
    tb_para(doc, s, NULL, "正文。");
    char *dump = pages_of(doc, NULL);
    char *title = lines_of(dump, "title"), *h1 = lines_of(dump, "heading1");
    STR_EQ(title, "为奋力谱写中国式现代化甘肃|篇章提供坚实法治保障", "the title is balanced at a word boundary (甘肃 / 篇章)");
    STR_EQ(h1, "亮点二：以《省部备忘录》为契机全力打造红色法治文化|高地推动全省冬春季农田水利基本建设规模突破五十亿元",
           "a long heading is balanced over two lines and broken between words");
    free(title);
    free(h1);
    free(dump);
    fo_doc_free(doc);
}

/* A centred block of two lines or more (a caption, the byline) is balanced between words too: in
 * the official style's narrow lines of 三号 type a balanced caption split `…进校 / 园”…`, and the
 * byline a role from its name (`记者 / 陈思远`). */
static void test_centred_blocks_at_words(void)
{
    const char *styles[] = {"gongwen", NULL};
    for (size_t k = 0; k < 2; k++) {
        fo_doc *doc = fo_doc_new();
        doc->meta.title = fo_doc_strdup(doc, "平台上线");
        doc->meta.source = fo_doc_strdup(doc, "新华社");
        doc->meta.date = fo_doc_strdup(doc, "2025-03-12T09:30+08:00");
        doc->meta.original_title = fo_doc_strdup(doc, "“智慧矫正”平台让社区矫正更精准");
        fo_meta_add_author(doc, "陈思远", "记者", NULL);
        fo_meta_add_author(doc, "周可欣", "记者", NULL);
        tb_figure(doc, doc->root, NULL, "酒泉市阿克塞县司法局开展“法治进校园”宣传教育活动（资料图）。", "省司法厅供图");
        tb_para(doc, doc->root, NULL, "正文。");
        char *dump = pages_in_style(doc, NULL, styles[k]);
        char *caption = lines_of(dump, "caption"), *byline = lines_of(dump, "byline");
        const char *name = styles[k] ? styles[k] : "default";
        char what[160];
        snprintf(what, sizeof what, "%s: the caption breaks between words (法治进校园 whole)", name);
        OK(caption && strstr(caption, "法治进校园”"), what);
        snprintf(what, sizeof what, "%s: the byline keeps each role with its name", name);
        OK(byline && strstr(byline, "记者\u00a0陈思远") && strstr(byline, "记者\u00a0周可欣") && !strstr(byline, "记者|"),
           what);
        free(caption);
        free(byline);
        free(dump);
        fo_doc_free(doc);
    }
}

static void test_running_header(void)
{
    fo_doc *doc = fo_doc_new();
    doc->meta.title = fo_doc_strdup(doc, "河西省2025年冬春季农田水利建设规模突破150亿元创历史新高");
    for (int i = 0; i < 60; i++)
        tb_para(doc, doc->root, NULL, "全省各地抢抓农时，加快推进农田水利基本建设，确保工程质量和进度。");
    char *dump = pages_of(doc, NULL);
    char *header = lines_of(dump, "header");
    STR_EQ(header, "河西省2025年冬春季农田水利建设规模突破…", "the running header is cut after a whole word, not inside 150");
    free(header);
    free(dump);
    fo_doc_free(doc);

    doc = fo_doc_new();
    doc->meta.title = fo_doc_strdup(doc, "关于加强和改进新时代法治宣传教育工作的意见，全文如下附后");
    for (int i = 0; i < 60; i++)
        tb_para(doc, doc->root, NULL, "全省各地抢抓农时，加快推进农田水利基本建设，确保工程质量和进度。");
    dump = pages_of(doc, NULL);
    header = lines_of(dump, "header");
    STR_EQ(header, "关于加强和改进新时代法治宣传教育工作的意见…", "no comma is left before the …");
    free(header);
    free(dump);
    fo_doc_free(doc);

    doc = fo_doc_new();
    doc->meta.title = fo_doc_strdup(doc, "河西省司法厅关于开展2025年度法治宣传教育“进万家”活动的通知");
    for (int i = 0; i < 60; i++)
        tb_para(doc, doc->root, NULL, "全省各地抢抓农时，加快推进农田水利基本建设，确保工程质量和进度。");
    dump = pages_of(doc, NULL);
    header = lines_of(dump, "header");
    STR_EQ(header, "河西省司法厅关于开展2025年度法治宣传教育…", "nor an opening quote");
    free(header);
    free(dump);
    fo_doc_free(doc);
}

/* The byline and the title block as the EPUB prints them. */
static void test_consistent_with_epub(void)
{
    fo_doc *doc = fo_doc_new();
    fo_meta *m = &doc->meta;
    m->title = fo_doc_strdup(doc, "河西：智慧矫正平台上线");
    m->original_title = fo_doc_strdup(doc, "智慧矫正平台让社区矫正更精准");
    m->date = fo_doc_strdup(doc, "2025-01-16T16:16+08:00");
    m->source = fo_doc_strdup(doc, "河西日报");
    m->rights = fo_doc_strdup(doc, "本网稿件，转载请注明来源。");
    fo_meta_add_author(doc, "陈思远", "作者", NULL);
    fo_meta_add_author(doc, "周可欣", "作者", NULL);
    fo_meta_add_author(doc, "陈思远", "记者", NULL);
    fo_meta_add_author(doc, "周可欣", "通讯员", NULL);
    fo_meta_add_author(doc, "马晓琳", "责任编辑", NULL);
    tb_figure(doc, doc->root, NULL, "工作人员演示平台操作流程。", "记者 陈思远 摄");
    tb_para(doc, doc->root, NULL, "全省统一的平台日前正式上线运行。");
    char *dump = pages_of(doc, NULL);
    char *byline = lines_of(dump, "byline"), *caption = lines_of(dump, "caption"), *rights = lines_of(dump, "rights");
    STR_EQ(byline, "原标题：智慧矫正平台让社区矫正更精准|2025年1月16日 16:16 · 河西日报 · 记者\u00a0陈思远　通讯员\u00a0周可欣",
           "the byline: 原标题, the date as the EPUB writes it, each person once with the role that says most");
    STR_EQ(caption, "〔图〕工作人员演示平台操作流程。 记者 陈思远 摄", "a caption without its photograph is marked 〔图〕");
    STR_EQ(rights, "本网稿件，转载请注明来源。", "the copyright statement is printed at the end");
    OK(dump && strstr(dump, "  rule      y "), "under a rule");

    fo_write_opts opts = {.style_dir = "styles"};
    fo_buf html = {0};
    fo_diag d;
    fo_diag_init(&d, "built.txt", NULL);
    fo_write_xhtml(doc, &opts, &html, &d);
    const char *p = html.data ? strstr(html.data, "<p class=\"byline\">") : NULL;
    fo_buf text = {0}; /* the byline's text, without its tags */
    for (bool tag = false; p && *p && strncmp(p, "</p>", 4) != 0; p++) {
        if (*p == '<' || *p == '>')
            tag = *p == '<';
        else if (!tag)
            fo_buf_putc(&text, *p);
    }
    fo_buf_puts(&text, "");
    STR_EQ(text.data, "2025年1月16日 16:16 · 河西日报 · 记者 陈思远　通讯员 周可欣", "the EPUB's byline says the same");
    fo_buf_free(&text);
    OK(html.data && strstr(html.data, "原标题：智慧矫正平台让社区矫正更精准"), "and gives the same original title");
    fo_buf_free(&html);
    free(byline);
    free(caption);
    free(rights);
    free(dump);
    fo_doc_free(doc);

    /* near misses: an original title equal to the title is not repeated; without a date, source or
     * author there is no byline line */
    doc = fo_doc_new();
    doc->meta.title = fo_doc_strdup(doc, "同一个标题");
    doc->meta.original_title = fo_doc_strdup(doc, "同一个标题");
    tb_para(doc, doc->root, NULL, "正文。");
    dump = pages_of(doc, NULL);
    byline = lines_of(dump, "byline");
    STR_EQ(byline, "", "near miss: 原标题 equal to the title, nothing else: no byline");
    free(byline);
    free(dump);
    fo_doc_free(doc);
}

/* ---- runs, newlines, arguments, dump ---- */

static void test_runs_and_dump(void)
{
    fo_lay_run runs[] = {
        {"要点：", strlen("要点："), 1, SIZE},
        {"一二三四五六七八九十甲乙丙丁戊己庚辛壬", strlen("一二三四五六七八九十甲乙丙丁戊己庚辛壬"), 0, SIZE},
    };
    fo_lay_para_opts o = opts_of(205, 0, FO_ALIGN_JUSTIFY);
    fo_lay_para p;
    INT_EQ(fo_lay_break(runs, 2, &o, &p), 0, "two runs break");
    char *got = joined_lines(runs, &p);
    STR_EQ(got, "要点：一二三四五六七八九十甲乙丙丁戊己庚|辛壬", "runs are broken as one paragraph");
    free(got);
    OK(p.segs[0].run == 0 && p.segs[1].run == 1 && p.segs[1].start == 0, "segments name their run and its bytes");
    char *dump = fo_lay_para_dump(runs, &p);
    STR_EQ(dump,
           "1: [0.00 +0.263]要点： [30.79 +0.263]一二三四五六七八九十甲乙丙丁戊己庚 (w 200.00)\n"
           "2: [0.00 +0.000]辛壬 (w 20.00, last)\n",
           "dump: one line per line, x and Tc per segment");
    free(dump);
    fo_lay_para_free(&p);

    /* Everything at once: indent, Han–digit quarter ems, 。《 and ：“ at 1.5 em, justification. */
    const char *news = "全省共办理案件2024件，同比增长12.5%。《人民日报》报道：“法治建设——成效显著”……等等。";
    fo_lay_run news_run = {news, strlen(news), 0, SIZE};
    fo_lay_para_opts news_opts = opts_of(160, 20, FO_ALIGN_JUSTIFY);
    fo_lay_break(&news_run, 1, &news_opts, &p);
    dump = fo_lay_para_dump(&news_run, &p);
    STR_EQ(dump,
           "1: [20.00 +0.455]全省共办理案件 [95.68 +0.000]2024 [118.64 +0.455]件，同比 (w 135.00)\n"
           "2: [0.00 +0.179]增长 [22.86 +0.000]12.5% [48.04 +0.179]。 [53.21 +0.179]《人民日报》报道： "
           "[139.82 +0.179]“法 (w 157.50)\n"
           "3: [0.00 +0.000]治建设 [30.00 +0.000]— [40.00 +0.000]— [50.00 +0.000]成效显著” [100.00 +0.000]… "
           "[110.00 +0.000]… [120.00 +0.000]等等。 (w 145.00, last)\n",
           "golden dump of a paragraph with every rule at work");
    free(dump);
    fo_lay_para_free(&p);

    const char *nl = "一二\n三四";
    fo_lay_run run = {nl, strlen(nl), 0, SIZE};
    fo_lay_break(&run, 1, &o, &p);
    got = joined_lines(&run, &p);
    STR_EQ(got, "一二|三四", "a newline ends a line, not drawn");
    free(got);
    OK(p.segs[0].char_space == 0, "a line ended by a newline is not stretched");
    fo_lay_para_free(&p);

    const char *spaced = "Hello world again";
    run = (fo_lay_run){spaced, strlen(spaced), 0, SIZE};
    o = opts_of(60, 0, FO_ALIGN_JUSTIFY);
    fo_lay_break(&run, 1, &o, &p);
    got = joined_lines(&run, &p);
    STR_EQ(got, "Hello world|again", "spaces at a line end hang: not drawn, not measured");
    free(got);
    fo_lay_para_free(&p);

    run = (fo_lay_run){"", 0, 0, SIZE};
    INT_EQ(fo_lay_break(&run, 1, &o, &p), 0, "an empty paragraph is fine");
    INT_EQ(p.n_lines, 0, "and has no lines");
    fo_lay_para_free(&p);
    dump = fo_lay_para_dump(&run, &p);
    STR_EQ(dump, "", "an empty dump");
    free(dump);

    INT_EQ(fo_lay_break(&run, 1, NULL, &p), -1, "no options: -1");
    o.width = 0;
    INT_EQ(fo_lay_break(&run, 1, &o, &p), -1, "zero width: -1");
    o = opts_of(50, 60, FO_ALIGN_JUSTIFY);
    INT_EQ(fo_lay_break(&run, 1, &o, &p), -1, "an indent wider than the measure: -1");
    o = opts_of(50, 0, FO_ALIGN_JUSTIFY);
    INT_EQ(fo_lay_break(NULL, 1, &o, &p), -1, "no runs: -1");
    fo_lay_run sizeless = {"一", strlen("一"), 0, 0};
    INT_EQ(fo_lay_break(&sizeless, 1, &o, &p), -1, "a run without a size: -1");
    o.indent = -5;
    INT_EQ(fo_lay_break(&sizeless, 1, &o, &p), -1, "a negative indent: -1");
    o.indent = 0;
    INT_EQ(fo_lay_break(&run, 1, &o, NULL), -1, "no output: -1");

    const char bad[] = "一\xff二";
    run = (fo_lay_run){bad, strlen(bad), 0, SIZE};
    INT_EQ(fo_lay_break(&run, 1, &o, &p), 0, "invalid UTF-8 does not stop the layout");
    OK(p.n_segs > 0 && p.segs[p.n_segs - 1].end == strlen(bad), "and every byte is placed");
    fo_lay_para_free(&p);
}

/* ---- a long paragraph ---- */

static bool is_no_start(uint32_t cp)
{
    return cp == 0xFF0C || cp == 0x3002 || cp == 0x300B || cp == 0x201D || cp == 0x3001 || cp == '%';
}

static bool is_no_end(uint32_t cp) { return cp == 0x300A || cp == 0x201C; }

static void test_long_paragraph(void)
{
    static const char *pieces[] = {"中国", "，", "经济", "增长", "111.32%", "。", "《人民日报》", "2025-01-16",
                                   "“发展”", "Python", "——", "……", "的", "了", "在", "是", "和"};
    fo_buf b = {0};
    unsigned seed = 12345;
    size_t chars = 0;
    while (chars < 100000) {
        seed = seed * 1103515245u + 12345u;
        const char *piece = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
        fo_buf_puts(&b, piece);
        chars += fo_utf8_count(piece, strlen(piece));
    }
    fo_lay_run run = {b.data, b.len, 0, SIZE};
    size_t calls = 0;
    fo_lay_para_opts o = opts_of(300, 20, FO_ALIGN_JUSTIFY);
    o.ctx = &calls;
    fo_lay_para p;
    INT_EQ(fo_lay_break(&run, 1, &o, &p), 0, "a 100,000-character paragraph breaks");
    INT_EQ(calls, chars, "each character is measured once");
    OK(p.n_lines > 2000, "into thousands of lines");

    /* Consistency: the segments cover the text in order, every line justified, no clreq violation. */
    size_t expect = 0, bad_start = 0, bad_end = 0;
    bool contiguous = true;
    for (size_t s = 0; s < p.n_segs; s++) {
        contiguous &= p.segs[s].start == expect && p.segs[s].end > p.segs[s].start;
        expect = p.segs[s].end;
    }
    OK(contiguous && expect == b.len, "segments cover every byte in order");
    for (size_t i = 0; i < p.n_lines; i++) {
        const fo_lay_line *l = &p.lines[i];
        uint32_t first, last = 0;
        const fo_lay_seg *s0 = &p.segs[l->first_seg], *s1 = &p.segs[l->first_seg + l->n_segs - 1];
        fo_utf8_decode(b.data + s0->start, s0->end - s0->start, &first);
        for (size_t k = s1->start; k < s1->end;)
            k += fo_utf8_decode(b.data + k, s1->end - k, &last);
        bad_start += i > 0 && is_no_start(first);
        bad_end += i + 1 < p.n_lines && is_no_end(last);
    }
    INT_EQ(bad_start, 0, "no line starts with closing punctuation");
    INT_EQ(bad_end, 0, "no line ends with opening punctuation");
    char why[128] = "";
    OK(all_justified(&run, &p, 300, why, sizeof why), "all lines but the last are justified");
    fo_lay_para_free(&p);
    fo_buf_free(&b);
}

/* Many random paragraphs of text-like pieces at many measures: the invariants hold for all. */
static void test_random_paragraphs(void)
{
    static const char *pieces[] = {"中国", "经济", "发展", "的", "了", "，", "。", "、", "《法治报》", "“创新”",
                                   "（试行）", "——", "……", "12.5%", "2024年", "Word", " and ", "：", "·",
                                   "！", "？", "「改革」", "。”", "》，"};
    unsigned seed = 777;
    size_t failures = 0, overflow = 0, bad_start = 0, bad_end = 0, paragraphs = 0, empty = 0;
    for (int round = 0; round < 3000; round++) {
        fo_buf b = {0};
        seed = seed * 1103515245u + 12345u;
        size_t n = 1 + (seed >> 16) % 80;
        bool after_mark = true;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            size_t k = (seed >> 16) % (sizeof pieces / sizeof pieces[0]);
            bool mark = k >= 5 && k != 8 && k != 9 && k != 10 && k != 13 && k != 14 && k != 15 && k != 20;
            if (mark && after_mark)
                k = 0; /* real text has words between its marks */
            fo_buf_puts(&b, pieces[k]);
            after_mark = mark && k != 0;
        }
        double width = 80 + (double)(round % 41) * 5;
        fo_lay_run run = {b.data, b.len, 0, SIZE};
        fo_lay_para_opts o = opts_of(width, round % 2 ? 20 : 0, FO_ALIGN_JUSTIFY);
        fo_lay_para p;
        if (fo_lay_break(&run, 1, &o, &p) != 0) {
            failures++;
            fo_buf_free(&b);
            continue;
        }
        paragraphs++;
        char why[128];
        if (!all_justified(&run, &p, width, why, sizeof why))
            failures++;
        for (size_t i = 0; i < p.n_lines; i++) {
            const fo_lay_line *l = &p.lines[i];
            if (l->n_segs == 0) {
                empty++;
                continue;
            }
            if (right_edge(&run, &p, i) > width + TOLERANCE)
                overflow++;
            const fo_lay_seg *s0 = &p.segs[l->first_seg], *s1 = &p.segs[l->first_seg + l->n_segs - 1];
            uint32_t first, last = 0;
            fo_utf8_decode(b.data + s0->start, s0->end - s0->start, &first);
            for (size_t k = s1->start; k < s1->end;)
                k += fo_utf8_decode(b.data + k, s1->end - k, &last);
            bool starts_bad = i > 0 && blank_right_mark(first);
            bool ends_bad = i + 1 < p.n_lines && (last == 0x300A || last == 0x201C || last == 0xFF08 || last == 0x300C);
            if ((starts_bad || ends_bad) && bad_start + bad_end < 3) {
                char *d = fo_lay_para_dump(&run, &p);
                fprintf(stderr, "# clreq violation at width %g:\n%s", width, d);
                free(d);
            }
            bad_start += starts_bad;
            bad_end += ends_bad;
        }
        fo_lay_para_free(&p);
        fo_buf_free(&b);
    }
    INT_EQ(paragraphs, 3000, "3000 random paragraphs break");
    INT_EQ(failures, 0, "all justified");
    INT_EQ(overflow, 0, "no line passes the measure");
    INT_EQ(empty, 0, "no empty line");
    INT_EQ(bad_start, 0, "no line starts with closing punctuation");
    INT_EQ(bad_end, 0, "no line ends with opening punctuation");
}

/* ---- pagination ---- */

static void boxes_of(fo_lay_box *boxes, size_t n, int para_id)
{
    for (size_t i = 0; i < n; i++)
        boxes[i] = (fo_lay_box){.height = 10, .para_id = para_id};
}

static void test_paginate(void)
{
    size_t starts[32];
    fo_lay_box boxes[32];

    boxes_of(boxes, 10, 1);
    INT_EQ(fo_lay_paginate(boxes, 10, 50, starts), 2, "ten lines, five a page: two pages");
    INT_EQ(starts[1], 5, "near miss: no widow or orphan, the break falls at the page end");

    /* Paragraph 1 has 4 lines, paragraph 2 has 3: the page holds 5; line 5 would be an orphan. */
    boxes_of(boxes, 4, 1);
    boxes_of(boxes + 4, 3, 2);
    INT_EQ(fo_lay_paginate(boxes, 7, 50, starts), 2, "orphan: two pages");
    INT_EQ(starts[1], 4, "the first line of a paragraph does not stay alone at the bottom");

    /* Paragraph 1 has 6 lines: its last line alone on page 2 would be a widow. */
    boxes_of(boxes, 6, 1);
    boxes_of(boxes + 6, 2, 2);
    fo_lay_paginate(boxes, 8, 50, starts);
    INT_EQ(starts[1], 4, "widow: two lines go over together");

    /* A two-line paragraph is never split: both lines go over. */
    boxes_of(boxes, 4, 1);
    boxes_of(boxes + 4, 2, 2);
    boxes_of(boxes + 6, 3, 3);
    fo_lay_paginate(boxes, 9, 50, starts);
    INT_EQ(starts[1], 4, "a two-line paragraph across a page end goes over whole");
    fo_lay_paginate(boxes, 9, 60, starts);
    INT_EQ(starts[1], 6, "near miss: when it fits, it stays");

    /* Lines of different paragraphs of mixed heights: the break falls where the heights say. */
    boxes_of(boxes, 3, 1);
    boxes[3] = (fo_lay_box){.height = 25};
    boxes_of(boxes + 4, 4, 2);
    INT_EQ(fo_lay_paginate(boxes, 8, 60, starts), 2, "mixed heights: two pages");
    INT_EQ(starts[1], 4, "the break after the tall box leaves no orphan");

    /* A heading keeps with the next lines. */
    boxes_of(boxes, 4, 1);
    boxes[4] = (fo_lay_box){.height = 10, .keep_with_next = 1};
    boxes_of(boxes + 5, 3, 2);
    fo_lay_paginate(boxes, 8, 50, starts);
    INT_EQ(starts[1], 4, "a heading at the page bottom goes over with its text");
    boxes[4].keep_with_next = 0;
    fo_lay_paginate(boxes, 8, 60, starts);
    INT_EQ(starts[1], 5, "near miss: without keep, the heading stays (the orphan rule moves the line)");
    boxes[4].keep_with_next = 2;
    boxes_of(boxes + 5, 3, 0);
    fo_lay_paginate(boxes, 8, 60, starts);
    INT_EQ(starts[1], 4, "keep_with_next = 2 keeps the heading with two following boxes");

    /* As the PDF writer does it: a two-line heading (its first line kept with its second), a
     * space after it, and the heading's last line kept with the next two text lines (3 boxes on). */
    boxes_of(boxes, 3, 1);
    boxes[3] = (fo_lay_box){.height = 10, .keep_with_next = 1};
    boxes[4] = (fo_lay_box){.height = 10, .keep_with_next = 3};
    boxes[5] = (fo_lay_box){.height = 5, .discardable = true};
    boxes_of(boxes + 6, 6, 2);
    fo_lay_paginate(boxes, 12, 70, starts);
    INT_EQ(starts[1], 3, "a heading goes over whole with the space and two lines after it");
    fo_lay_paginate(boxes, 12, 75, starts);
    INT_EQ(starts[1], 8, "near miss: heading and two lines fit, the break comes after them");

    /* Discardable space at a page top disappears. */
    boxes_of(boxes, 5, 1);
    boxes[5] = (fo_lay_box){.height = 10, .discardable = true};
    boxes_of(boxes + 6, 5, 2);
    INT_EQ(fo_lay_paginate(boxes, 11, 50, starts), 2, "space between paragraphs at a page break");
    INT_EQ(starts[1], 6, "the page starts after the discarded space");
    fo_lay_paginate(boxes, 11, 60, starts);
    INT_EQ(starts[1], 6, "near miss: the space fits at the bottom of page 1");

    /* A box taller than a page gets one of its own; one-line paragraphs are free. */
    boxes[0] = (fo_lay_box){.height = 80};
    boxes[1] = (fo_lay_box){.height = 10, .para_id = 7};
    boxes[2] = (fo_lay_box){.height = 10, .para_id = 8};
    INT_EQ(fo_lay_paginate(boxes, 3, 50, starts), 2, "a tall box: a page of its own");
    INT_EQ(starts[1], 1, "the next page starts after it");

    /* When the rules cannot all be kept, the page is still filled. */
    boxes_of(boxes, 12, 1);
    for (size_t i = 0; i < 11; i++)
        boxes[i].keep_with_next = 1;
    INT_EQ(fo_lay_paginate(boxes, 12, 50, starts), 3, "an unbreakable chain still paginates");
    INT_EQ(starts[1], 5, "at the page end");

    boxes[0] = (fo_lay_box){.height = 10, .discardable = true};
    boxes_of(boxes + 1, 3, 1);
    INT_EQ(fo_lay_paginate(boxes, 4, 50, starts), 1, "leading space: one page");
    INT_EQ(starts[0], 1, "space at the top of the first page disappears too");
    INT_EQ(fo_lay_paginate(boxes, 1, 50, starts), 1, "only space: still one page");
    INT_EQ(starts[0], 0, "starting at box 0");

    INT_EQ(fo_lay_paginate(boxes, 0, 50, starts), 0, "no boxes: no pages");
}

int main(void)
{
    test_tracking();
    fo_lay_init();
    fo_lay_init();
    test_line_start_prohibitions();
    test_line_end_prohibitions();
    test_never_split();
    test_line_end_compression();
    test_squeeze_inside_line();
    test_justification();
    test_han_latin_space();
    test_first_line_indent();
    test_last_line_two_characters();
    test_url_breaks();
    test_long_token();
    test_two_em_marks();
    test_keep_words();
    test_heading_markers();
    test_heading_chains();
    test_titles_at_words();
    test_centred_blocks_at_words();
    test_running_header();
    test_consistent_with_epub();
    test_runs_and_dump();
    test_long_paragraph();
    test_random_paragraphs();
    test_paginate();
    return harness_done();
}
