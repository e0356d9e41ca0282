/* test_style.c — the style loader: styles/default.ini matches the built-in defaults, and every bad
 * value or unknown key is an error naming the file, the line and the key. */
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "style.h"

static char tmp_path[64];
static char *printed;       /* what the last load_text printed */
static size_t printed_len;

/* Write `text` to a fresh temporary file; returns its path (static buffer). */
static const char *write_temp(const char *text)
{
    snprintf(tmp_path, sizeof tmp_path, "/tmp/folio-style-XXXXXX");
    int fd = mkstemp(tmp_path);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return tmp_path;
}

/* Load `text` as a style file; returns the loader's result and leaves the diagnostics in *d and
 * the messages as printed in `printed`. */
static int load_text(const char *text, fo_style *st, fo_diag *d)
{
    fo_style_defaults(st);
    free(printed);
    printed = NULL;
    FILE *stream = open_memstream(&printed, &printed_len);
    fo_diag_init(d, "article.txt", stream);
    const char *path = write_temp(text);
    int rc = path ? fo_style_load(st, path, d) : -2;
    if (path)
        unlink(path);
    fclose(stream);
    for (char *nl = printed; (nl = strchr(nl, '\n')) != NULL;)
        *nl = ' ';
    return rc;
}

static void test_default_file(void)
{
    fo_style defaults, loaded;
    fo_diag d;
    fo_style_defaults(&defaults);
    fo_style_defaults(&loaded);
    fo_diag_init(&d, "article.txt", NULL);
    const char *path = getenv("FOLIO_DEFAULT_STYLE") ? getenv("FOLIO_DEFAULT_STYLE") : "styles/default.ini";
    INT_EQ(fo_style_load(&loaded, path, &d), 0, "styles/default.ini loads");
    INT_EQ(d.errors, 0, "styles/default.ini has no error");
    OK(memcmp(&defaults, &loaded, sizeof defaults) == 0, "styles/default.ini spells out the built-in defaults");
    OK(loaded.page_width > 595 && loaded.page_width < 596 && loaded.page_height > 841 && loaded.page_height < 842,
       "default page is A4");
    OK(loaded.text[FO_TEXT_BODY].size == 12 && loaded.text[FO_TEXT_BODY].font == FO_ROLE_SERIF,
       "body is 小四 serif");
    OK(loaded.text[FO_TEXT_HEADING1].font == FO_ROLE_SANS, "headings are sans");
    OK(loaded.text[FO_TEXT_CAPTION].font == FO_ROLE_KAI && loaded.text[FO_TEXT_SUBTITLE].font == FO_ROLE_KAI,
       "captions and subtitle are kai");
    OK(loaded.text[FO_TEXT_BODY].indent == 2, "two-character indent");
    char num[64];
    fo_style_page_number(&loaded, 7, num, sizeof num);
    STR_EQ(num, "— 7 —", "page numbers read — N —");
}

static void test_good_values(void)
{
    fo_style st;
    fo_diag d;
    int rc = load_text("# a comment\n[page]\nsize = 176mm 250mm\nmargin-top = 2cm\nmargin-left = 1in\n"
                       "[body]\nsize = 10.5pt\nindent = 2\nalign = left\nbold = yes\n"
                       "[heading1]\nsize = 三号\n[footer]\nformat = 第 {page} 页\nalign = outside\n"
                       "[header]\nenabled = off\n"
                       "[fonts]\nserif = LXGW WenKai\n",
                       &st, &d);
    INT_EQ(rc, 0, "a file with every kind of value loads");
    OK(st.page_width > 498 && st.page_width < 499, "page size as two lengths (176mm)");
    OK(st.margin_top > 56.6 && st.margin_top < 56.7, "2cm margin");
    OK(st.margin_left == 72, "1in margin");
    OK(st.text[FO_TEXT_BODY].size == 10.5 && st.text[FO_TEXT_BODY].align == FO_STYLE_LEFT &&
       st.text[FO_TEXT_BODY].bold, "body size, align and bold");
    OK(st.text[FO_TEXT_HEADING1].size == 16, "三号 is 16pt");
    OK(!st.header_enabled, "header switched off");
    OK(st.text[FO_TEXT_FOOTER].align == FO_STYLE_OUTSIDE, "footer aligned outside");
    STR_EQ(st.font_pattern[FO_ROLE_SERIF], "LXGW WenKai", "font pattern replaced");
    char num[64];
    fo_style_page_number(&st, 12, num, sizeof num);
    STR_EQ(num, "第 12 页", "custom page-number format");
}

/* A style file whose line `line` is bad: the error is printed as the style file's, naming its line
 * and the key (not as the article's: "article.txt: error: style.ini:2: …"). */
static void expect_error(const char *text, int line, const char *key, const char *what)
{
    fo_style st;
    fo_diag d;
    int rc = load_text(text, &st, &d);
    char want_loc[96], detail[900];
    snprintf(want_loc, sizeof want_loc, "%s:%d: error: ", tmp_path, line);
    int ok = rc == -1 && d.errors >= 1 && strstr(d.last, key) && strstr(printed, want_loc) &&
             !strstr(printed, "article.txt");
    snprintf(detail, sizeof detail, "%s — rc %d, printed \"%s\", want \"%s\" and '%s'", what, rc, printed,
             want_loc, key);
    OK(ok, detail);
}

static void test_bad_values(void)
{
    expect_error("[body]\nsize = 12 pt\ncolour = red\n", 3, "colour", "unknown key");
    expect_error("[bodyy]\nsize = 12pt\n", 2, "bodyy", "unknown section");
    expect_error("size = 12pt\n", 1, "size", "key before any section");
    expect_error("[body]\nsize = huge\n", 2, "size", "size not a number");
    expect_error("[body]\nsize = 200pt\n", 2, "size", "size too large");
    expect_error("[body]\nsize = 12mm\n", 2, "size", "size in mm");
    expect_error("[body]\nsize = 小七\n", 2, "size", "unknown 号 name");
    expect_error("[body]\nfont = comic\n", 2, "font", "unknown font role");
    expect_error("[body]\nbold = maybe\n", 2, "bold", "bad boolean");
    expect_error("[body]\nline-height = 0\n", 2, "line-height", "line height out of range");
    expect_error("[body]\nline-height = 1.5em\n", 2, "line-height", "line height with a unit");
    expect_error("[body]\nindent = -1em\n", 2, "indent", "negative indent");
    expect_error("[body]\nindent = 2pt\n", 2, "indent", "indent not in em");
    expect_error("[body]\nalign = middle\n", 2, "align", "bad alignment");
    expect_error("[body]\nalign = outside\n", 2, "align", "outside alignment outside header and footer");
    expect_error("[footer]\nalign = justify-all\n", 2, "align", "bad footer alignment");
    expect_error("[body]\nspace-before = 12\n", 2, "space-before", "length without a unit");
    expect_error("[body]\nspace-after = -3pt\n", 2, "space-after", "negative length");
    expect_error("[page]\nsize = A9\n", 2, "size", "unknown paper size");
    expect_error("[page]\nmargin-top = 1furlong\n", 2, "margin-top", "unknown unit");
    expect_error("[page]\nmargin-left = 300mm\n", 2, "margin-left", "margin too large");
    expect_error("[page]\norientation = landscape\n", 2, "orientation", "unknown page key");
    expect_error("[fonts]\nmono = DejaVu Sans Mono\n", 2, "mono", "unknown font role key");
    expect_error("[header]\nmax-chars = 2.5\n", 2, "max-chars", "fractional max-chars");
    expect_error("[header]\nrule = thick\n", 2, "rule", "bad header rule");
    expect_error("[header]\noffset = far\n", 2, "offset", "bad header offset");
    expect_error("[footer]\nformat = page\n", 2, "format", "format without {page}");
    expect_error("[footer]\nformat = {page}/{page}\n", 2, "format", "format with {page} twice");
    expect_error("[footer]\noffset = 1e400mm\n", 2, "offset", "overflowing number");
    expect_error("[title]\n\n\nsize = 12pt\nthis line is junk\n", 5, "junk", "not a key = value line");
    expect_error("[organ]\ncolor = red\n", 2, "color", "a colour by name");
    expect_error("[organ]\ncolor = #E600\n", 2, "color", "a colour of four digits");
    expect_error("[organ]\ncolor = #E6000G\n", 2, "color", "a colour that is not hex");
    expect_error("[page]\nlines = 22.5\n", 2, "lines", "a fractional grid");
    expect_error("[page]\nchars = -28\n", 2, "chars", "a negative grid");
    expect_error("[fonts]\nserif =\n", 2, "serif", "an empty pattern for a role with no other face");
}

/* The keys official documents brought: colours, the grid, the 仿宋 and 小标宋 roles. */
static void test_official_keys(void)
{
    fo_style st;
    fo_diag d;
    int rc = load_text("[page]\nlines = 22\nchars = 28\n[fonts]\nfangsong = FangSong | LXGW WenKai\nbiaosong =\n"
                       "[organ]\ncolor = #e60000\nfont = biaosong\n[body]\nfont = fangsong\n", &st, &d);
    INT_EQ(rc, 0, "official: grid, colour and the new roles load");
    OK(st.grid_lines == 22 && st.grid_chars == 28, "official: the grid");
    OK(st.text[FO_TEXT_ORGAN].color == 0xE60000 && st.text[FO_TEXT_BODY].color == 0, "official: a colour, black by default");
    OK(st.text[FO_TEXT_BODY].font == FO_ROLE_FANGSONG && st.text[FO_TEXT_ORGAN].font == FO_ROLE_BIAOSONG,
       "official: the fangsong and biaosong roles");
    STR_EQ(st.font_pattern[FO_ROLE_FANGSONG], "FangSong | LXGW WenKai", "official: a pattern with stand-ins");
    STR_EQ(st.font_pattern[FO_ROLE_BIAOSONG], "", "official: an empty pattern: the base role's face");
    OK(fo_font_role_base(FO_ROLE_FANGSONG) == FO_ROLE_SERIF && fo_font_role_base(FO_ROLE_BIAOSONG) == FO_ROLE_SANS &&
           fo_font_role_base(FO_ROLE_KAI) == FO_ROLE_KAI,
       "official: 仿宋 stands on serif, 小标宋 on sans");
    fo_style g;
    fo_style_defaults(&g);
    fo_diag_init(&d, NULL, NULL);
    OK(fo_style_load(&g, "styles/gongwen.ini", &d) == 0, "official: gongwen.ini loads");
    OK(fabs(fo_style_grid_pitch(&g) - 225 * 72 / 25.4 / 22) < 1e-9 && fabs(fo_style_grid_advance(&g) - 156 * 72 / 25.4 / 28) < 1e-9,
       "official: gongwen.ini's grid: 22 lines on 225 mm, 28 characters on 156 mm");
    fo_style_defaults(&g);
    OK(fo_style_grid_pitch(&g) == 0 && fo_style_grid_advance(&g) == 0, "official: the default style has no grid");
}

static void test_several_errors(void)
{
    fo_style st;
    fo_diag d;
    int rc = load_text("[body]\nsize = x\nfont = y\n[page]\nsize = z\n", &st, &d);
    INT_EQ(rc, -1, "a file with three bad values fails");
    INT_EQ(d.errors, 3, "each bad line is reported");
}

static void test_missing_file(void)
{
    fo_style st;
    fo_diag d;
    fo_style_defaults(&st);
    fo_diag_init(&d, NULL, NULL);
    INT_EQ(fo_style_load(&st, "/nonexistent/folio.ini", &d), -1, "a missing style file fails");
    OK(strstr(d.last, "/nonexistent/folio.ini") != NULL, "the error names the missing file");
}

static void test_page_too_small(void)
{
    fo_style st;
    fo_diag d;
    int rc = load_text("[page]\nsize = A5\nmargin-left = 80mm\nmargin-right = 80mm\n", &st, &d);
    INT_EQ(rc, -1, "margins wider than the page fail");
}

/* Every style shipped in styles/ loads without an error. */
static void test_shipped_styles(void)
{
    glob_t g;
    if (glob("styles/*.ini", 0, NULL, &g) != 0) {
        OK(0, "styles/*.ini found");
        return;
    }
    INT_EQ(g.gl_pathc >= 2, 1, "at least default.ini and gongwen.ini are shipped");
    for (size_t i = 0; i < g.gl_pathc; i++) {
        fo_style st;
        fo_diag d;
        fo_style_defaults(&st);
        fo_diag_init(&d, NULL, NULL);
        char what[300];
        snprintf(what, sizeof what, "%s loads", g.gl_pathv[i]);
        OK(fo_style_load(&st, g.gl_pathv[i], &d) == 0 && d.errors == 0, what);
    }
    globfree(&g);
}

int main(void)
{
    test_shipped_styles();
    test_default_file();
    test_good_values();
    test_bad_values();
    test_official_keys();
    test_several_errors();
    test_missing_file();
    test_page_too_small();
    free(printed);
    return harness_done();
}
