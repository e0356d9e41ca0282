/* test_layout.c — line breaking and pagination (layout.c) with a fake font: every CJK character
 * and full-width mark is 1 em (10 pt at size 10), everything else half an em, so break positions
 * are exact. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "layout.h"
#include "text.h"

#define SIZE 10.0

static double fake_advance(void *ctx, int font, double size, uint32_t cp)
{
    (void)ctx;
    (void)font;
    return cp < 0x80 || fo_is_latin_or_digit(cp) || cp == '%' ? size / 2 : size;
}

/* Break `text` at `chars` characters per line (10 pt each) with the given first-line indent;
 * returns the lines joined by "|" (caller frees). */
static char *lines_of(const char *text, double width, double indent, fo_lay_para *keep)
{
    fo_lay_run run = {text, strlen(text), 0, SIZE};
    fo_lay_para_opts o = {.width = width, .indent = indent, .align = FO_ALIGN_JUSTIFY, .advance = fake_advance};
    fo_lay_para p;
    if (fo_lay_break(&run, 1, &o, &p) != 0)
        return NULL;
    char *out = calloc(1, strlen(text) + p.n_lines + 1);
    for (size_t i = 0; i < p.n_lines; i++) {
        if (i)
            strcat(out, "|");
        const fo_lay_line *l = &p.lines[i];
        for (size_t s = l->first_seg; s < l->first_seg + l->n_segs; s++)
            strncat(out, text + p.segs[s].start, p.segs[s].end - p.segs[s].start);
    }
    if (keep)
        *keep = p;
    else
        fo_lay_para_free(&p);
    return out;
}

#define BREAKS(text, width, indent, want, what)      \
    do {                                             \
        char *got_ = lines_of(text, width, indent, NULL); \
        STR_EQ(got_, want, what);                    \
        free(got_);                                  \
    } while (0)

static void test_prohibitions(void)
{
    /* 5 chars per line. */
    BREAKS("一二三四五六七八", 50, 0, "一二三四五|六七八", "plain Han breaks at the measure");
    BREAKS("一二三四五，六七", 55, 0, "一二三四五，|六七", "，at half width at line end fits (push-in)");
    BREAKS("一二三四五，六七", 50, 0, "一二三四|五，六七", "line may not start with ，: 五 pushed down");
}

int main(void)
{
    fo_lay_init();
    test_prohibitions();
    return harness_done();
}
