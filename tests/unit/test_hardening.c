/* test_hardening.c — issue 9: encodings decided on evidence, bounded memory per line and node, one
 * cleaning function for every string, dates validated once.  Each test names what it guards. */
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "harness.h"
#include "readers.h"
#include "text.h"

/* Short lines of our own, as articles hold them. */
static const char *const sentences[] = {
    "标题",
    "市场监管局发布通知。",
    "今年一季度全市完成投资三百亿元，同比增长百分之八。",
    "记者张三",
    "各区县要加强组织领导，确保工作落到实处。",
    "据介绍，该项目总投资约十二亿元。",
    "会议强调，要坚持问题导向。",
    "2025年3月1日 来源：本报",
    "一、总体要求",
    "（二）主要任务",
    "图为新建成的文化广场。张三 摄",
    "春风吹过田野，麦苗绿油油的。",
    "他说：“我们一定把这件事办好！”",
    "第三条 本办法自发布之日起施行。",
    "中",
    "中国",
};
enum { N_SENTENCES = sizeof sentences / sizeof sentences[0] };

/* What fo_decode_input made of some bytes: the text (or NULL), its encoding, and whether it warned. */
typedef struct decoded {
    char *text;
    const char *encoding;
    int warnings;
    char message[512];
} decoded;

static decoded decode(const char *bytes, size_t len)
{
    decoded r = {0};
    fo_diag d;
    fo_diag_init(&d, "t.txt", NULL);
    size_t out_len;
    r.text = fo_decode_input(bytes, len, &out_len, &r.encoding, &d);
    r.warnings = d.warnings;
    snprintf(r.message, sizeof r.message, "%s", d.last);
    return r;
}

static char *to_gb18030(const char *utf8, size_t *len)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    size_t in_left = strlen(utf8), out_left = in_left * 2 + 8;
    char *out = calloc(1, out_left + 1), *dst = out, *src = (char *)utf8;
    iconv(cd, &src, &in_left, &dst, &out_left);
    iconv_close(cd);
    *len = (size_t)(dst - out);
    return out;
}

/* Damaged UTF-8, however short, is never converted as if nothing happened: it is an error at the
 * first bad byte, or (when the evidence is thin) a conversion that says so.  Before, a third of such
 * inputs were reread as GB18030 into mojibake with exit 0. */
static void test_damaged_short_utf8(void)
{
    unsigned seed = 12345;
    int silent_mojibake = 0, total = 0, errors = 0;
    for (int i = 0; i < N_SENTENCES; i++) {
        for (int j = 0; j < N_SENTENCES; j++) {
            fo_buf in = {0};
            fo_buf_printf(&in, "%s\n%s\n", sentences[i], sentences[j]);
            for (int kind = 0; kind < 3; kind++) {
                seed = seed * 1103515245u + 12345u;
                size_t at = (seed >> 8) % (in.len + 1);
                fo_buf bad = {0};
                if (kind == 0) { /* a stray Latin-1 byte (é, ü, ×, ·) */
                    static const char stray[] = "\xE9\xFC\xD7\xB7";
                    fo_buf_append(&bad, in.data, at);
                    fo_buf_putc(&bad, stray[(seed >> 16) % 4]);
                    fo_buf_append(&bad, in.data + at, in.len - at);
                } else if (kind == 1) { /* cut in the middle of the last character */
                    size_t end = in.len - 1;
                    while (end > 0 && ((unsigned char)in.data[end - 1] & 0xC0) == 0x80)
                        end--;
                    if (end == 0 || (unsigned char)in.data[end - 1] < 0x80)
                        continue;
                    fo_buf_append(&bad, in.data, in.len - 2); /* drop "\n" and one byte */
                } else { /* cut anywhere */
                    fo_buf_append(&bad, in.data, at);
                }
                if (fo_utf8_validate(bad.data ? bad.data : "", bad.len) == bad.len) {
                    fo_buf_free(&bad);
                    continue;
                }
                decoded r = decode(bad.data, bad.len);
                total++;
                errors += r.text == NULL;
                if (r.text && r.warnings == 0) {
                    if (silent_mojibake++ < 5)
                        printf("#   converted silently as %s: \"%s\"\n", r.encoding, r.text);
                }
                free(r.text);
                fo_buf_free(&bad);
            }
            fo_buf_free(&in);
        }
    }
    printf("# %d damaged inputs, %d errors\n", total, errors);
    OK(total > 500, "damaged short UTF-8: several hundred cases tried");
    INT_EQ(silent_mojibake, 0, "damaged short UTF-8: none converted silently (error, or a warning that the choice is unsure)");
    OK(errors * 10 >= total * 9, "damaged short UTF-8: nine in ten are an error outright");
}

/* GB18030 text is read as GB18030 without a warning, down to two-line articles. */
static void test_gb18030_short(void)
{
    int wrong = 0, warned = 0;
    for (int i = 0; i < N_SENTENCES; i++) {
        for (int j = 0; j < N_SENTENCES; j++) {
            fo_buf in = {0};
            fo_buf_printf(&in, "%s\n%s\n", sentences[i], sentences[j]);
            size_t gb_len;
            char *gb = to_gb18030(in.data, &gb_len);
            decoded r = decode(gb, gb_len);
            if (fo_utf8_validate(gb, gb_len) != gb_len && (!r.text || strcmp(r.text, in.data) != 0)) {
                if (wrong++ < 5)
                    printf("#   \"%s\" / \"%s\": %s\n", sentences[i], sentences[j], r.text ? r.text : r.message);
            }
            warned += r.warnings > 0;
            free(r.text);
            free(gb);
            fo_buf_free(&in);
        }
    }
    INT_EQ(wrong, 0, "GB18030 two-line articles decode as GB18030");
    OK(warned * 20 <= N_SENTENCES * N_SENTENCES, "GB18030 two-line articles: at most one in twenty is called unsure");
}

/* The error names the first bad byte — not a byte past it, where GB18030 gave up (truncated,
 * overlong and CESU-8 sequences were reported a few bytes late). */
static void test_error_offsets(void)
{
    struct { const char *what, *bytes, *where; } cases[] = {
        {"truncated mid-line", "中文中文中文\n标题\xE4\xB8X中文中文\n", "2:3: error: invalid byte 0xE4 at byte offset 25"},
        {"truncated at the end", "中文中文中文\n\xE4\xB8", "2:1: error: invalid byte 0xE4 at byte offset 19"},
        {"overlong", "中文中文中文\nab\xC0\xAF中文\n", "2:3: error: invalid byte 0xC0 at byte offset 21"},
        {"overlong 3 bytes", "中文中文中文\nab\xE0\x80\xAF中文\n", "2:3: error: invalid byte 0xE0 at byte offset 21"},
        {"CESU-8 surrogate pair", "中文中文中文\n标题\xED\xA0\x80\xED\xB0\x80中文\n",
         "2:3: error: invalid byte 0xED at byte offset 25"},
        {"a stray byte after a BOM", "\xEF\xBB\xBF中文中文\xFF中文\n", "1:5: error: invalid byte 0xFF at byte offset 15"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *msg = NULL;
        size_t msg_len = 0, len;
        FILE *f = open_memstream(&msg, &msg_len);
        fo_diag d;
        fo_diag_init(&d, "t.txt", f);
        char *text = fo_decode_input(cases[i].bytes, strlen(cases[i].bytes), &len, NULL, &d);
        fclose(f);
        char what[128];
        snprintf(what, sizeof what, "error offset: %s", cases[i].what);
        OK(!text && msg && strncmp(msg, "t.txt:", 6) == 0 && strstr(msg, cases[i].where), what);
        if (!(msg && strstr(msg, cases[i].where)))
            printf("#   got: %s#   want: %s\n", msg ? msg : "(nothing)\n", cases[i].where);
        free(text);
        free(msg);
    }
}

/* GB18030's own byte order mark (84 31 95 33) is dropped like UTF-8's, and decides the encoding. */
static void test_gb18030_bom(void)
{
    size_t gb_len;
    char *gb = to_gb18030("标题\n正文。\n", &gb_len);
    fo_buf in = {0};
    fo_buf_append(&in, "\x84\x31\x95\x33", 4);
    fo_buf_append(&in, gb, gb_len);
    decoded r = decode(in.data, in.len);
    STR_EQ(r.text, "标题\n正文。\n", "GB18030 BOM: dropped, the rest read as GB18030");
    STR_EQ(r.encoding, "GB18030", "GB18030 BOM: the encoding is GB18030");
    free(r.text);
    r = decode("\x84\x31\x95\x33title\n", 10);
    STR_EQ(r.text, "title\n", "GB18030 BOM before ASCII: dropped");
    free(r.text);
    free(gb);
    fo_buf_free(&in);
}

int main(void)
{
    test_damaged_short_utf8();
    test_gb18030_short();
    test_error_offsets();
    test_gb18030_bom();
    return harness_done();
}
