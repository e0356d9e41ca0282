/* style.c — read a print style (styles/NAME.ini) with libinih on top of the built-in defaults.
 *
 * The parser keeps its state in one struct passed to inih's handler (no globals).  inih's handler
 * gets no line number in Debian's build, so a reader callback counts the lines it hands over. */
#include "style.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM (72.0 / 25.4)

static const char *const role_names[FO_ROLE_COUNT] = {"serif", "sans", "kai", "fangsong", "biaosong"};
static const char *const kind_names[FO_TEXT_KIND_COUNT] = {
    "body", "lead", "title", "subtitle", "byline", "heading1", "heading2", "heading3",
    "runin", "caption", "header", "footer", "cover-title", "cover-subtitle", "cover-line",
    "contents-title", "contents-entry", "contents-note", "contents-section",
    "table", "table-head", "table-title",
    "marking", "organ", "doc-number", "signer", "addressee", "enclosures", "signature", "date",
    "annotation", "attachment-label", "attachment-title", "imprint",
    "rights",
};

fo_font_role fo_font_role_base(fo_font_role role)
{
    return role == FO_ROLE_FANGSONG ? FO_ROLE_SERIF : role == FO_ROLE_BIAOSONG ? FO_ROLE_SANS : role;
}

double fo_style_grid_pitch(const fo_style *st)
{
    return st->grid_lines > 0 ? (st->page_height - st->margin_top - st->margin_bottom) / st->grid_lines : 0;
}

double fo_style_grid_advance(const fo_style *st)
{
    return st->grid_chars > 0 ? (st->page_width - st->margin_left - st->margin_right) / st->grid_chars : 0;
}

const char *fo_font_role_name(fo_font_role role)
{
    return role < FO_ROLE_COUNT ? role_names[role] : "?";
}

const char *fo_text_kind_name(fo_text_kind kind)
{
    return kind < FO_TEXT_KIND_COUNT ? kind_names[kind] : "?";
}

static fo_text_style text_style(fo_font_role font, double size, double line_height, double before,
                                double after, double indent, fo_style_align align)
{
    return (fo_text_style){.font = font, .size = size, .line_height = line_height,
                           .space_before = before, .space_after = after, .indent = indent,
                           .align = align};
}

void fo_style_defaults(fo_style *st)
{
    memset(st, 0, sizeof *st);
    st->page_width = 210 * MM;
    st->page_height = 297 * MM;
    st->margin_top = 30 * MM;
    st->margin_bottom = 28 * MM;
    st->margin_left = 26 * MM;
    st->margin_right = 26 * MM;
    snprintf(st->font_pattern[FO_ROLE_SERIF], FO_STYLE_PATTERN_MAX, "%s",
             "Noto Serif CJK SC,AR PL UMing CN,AR PL UMing TW,AR PL UMing HK:lang=zh");
    snprintf(st->font_pattern[FO_ROLE_SANS], FO_STYLE_PATTERN_MAX, "%s",
             "Noto Sans CJK SC,WenQuanYi Micro Hei,WenQuanYi Zen Hei:lang=zh");
    snprintf(st->font_pattern[FO_ROLE_KAI], FO_STYLE_PATTERN_MAX, "%s",
             "AR PL UKai CN,LXGW WenKai,AR PL UKai TW:lang=zh");
    st->text[FO_TEXT_BODY] = text_style(FO_ROLE_SERIF, 12, 1.75, 0, 0, 2, FO_STYLE_JUSTIFY);
    st->text[FO_TEXT_LEAD] = text_style(FO_ROLE_KAI, 12, 1.75, 0, 9, 2, FO_STYLE_JUSTIFY);
    st->text[FO_TEXT_TITLE] = text_style(FO_ROLE_SANS, 22, 1.4, 0, 8, 0, FO_STYLE_CENTER);
    st->text[FO_TEXT_SUBTITLE] = text_style(FO_ROLE_KAI, 15, 1.5, 0, 6, 0, FO_STYLE_CENTER);
    st->text[FO_TEXT_BYLINE] = text_style(FO_ROLE_KAI, 10.5, 1.5, 4, 14, 0, FO_STYLE_CENTER);
    st->text[FO_TEXT_HEADING1] = text_style(FO_ROLE_SANS, 14, 1.5, 12, 6, 0, FO_STYLE_LEFT);
    st->text[FO_TEXT_HEADING2] = text_style(FO_ROLE_SANS, 12, 1.5, 9, 3, 0, FO_STYLE_LEFT);
    st->text[FO_TEXT_HEADING3] = text_style(FO_ROLE_SANS, 12, 1.5, 6, 0, 2, FO_STYLE_LEFT);
    st->text[FO_TEXT_RUNIN] = text_style(FO_ROLE_SERIF, 12, 1.75, 0, 0, 2, FO_STYLE_JUSTIFY);
    st->text[FO_TEXT_RUNIN].bold = true;
    st->text[FO_TEXT_CAPTION] = text_style(FO_ROLE_KAI, 10.5, 1.5, 6, 9, 0, FO_STYLE_CENTER);
    st->text[FO_TEXT_HEADER] = text_style(FO_ROLE_KAI, 9, 1.2, 0, 0, 0, FO_STYLE_CENTER);
    st->text[FO_TEXT_FOOTER] = text_style(FO_ROLE_SERIF, 14, 1.2, 0, 0, 0, FO_STYLE_CENTER);
    st->text[FO_TEXT_COVER_TITLE] = text_style(FO_ROLE_SANS, 26, 1.5, 0, 18, 0, FO_STYLE_CENTER);
    st->text[FO_TEXT_COVER_SUBTITLE] = text_style(FO_ROLE_KAI, 16, 1.6, 0, 0, 0, FO_STYLE_CENTER);
    st->text[FO_TEXT_COVER_LINE] = text_style(FO_ROLE_KAI, 16, 1.8, 0, 0, 0, FO_STYLE_CENTER);
    st->text[FO_TEXT_CONTENTS_TITLE] = text_style(FO_ROLE_SANS, 18, 1.5, 0, 18, 0, FO_STYLE_CENTER);
    st->text[FO_TEXT_CONTENTS_ENTRY] = text_style(FO_ROLE_SERIF, 14, 1.5, 10, 0, 0, FO_STYLE_LEFT);
    st->text[FO_TEXT_CONTENTS_NOTE] = text_style(FO_ROLE_KAI, 10.5, 1.5, 0, 0, 0, FO_STYLE_LEFT);
    st->text[FO_TEXT_CONTENTS_SECTION] = text_style(FO_ROLE_SERIF, 12, 1.5, 2, 0, 2, FO_STYLE_LEFT);
    st->text[FO_TEXT_TABLE] = text_style(FO_ROLE_SERIF, 10.5, 1.5, 9, 9, 0, FO_STYLE_JUSTIFY);
    st->text[FO_TEXT_TABLE_HEAD] = text_style(FO_ROLE_SANS, 10.5, 1.5, 0, 0, 0, FO_STYLE_CENTER);
    st->text[FO_TEXT_TABLE_TITLE] = text_style(FO_ROLE_SANS, 10.5, 1.5, 0, 4, 0, FO_STYLE_CENTER);
    st->text[FO_TEXT_MARKING] = text_style(FO_ROLE_SANS, 10.5, 1.5, 0, 0, 0, FO_STYLE_LEFT);
    st->text[FO_TEXT_ORGAN] = text_style(FO_ROLE_BIAOSONG, 18, 1.3, 0, 6, 0, FO_STYLE_CENTER);
    st->text[FO_TEXT_ORGAN].color = 0xE60000;
    st->text[FO_TEXT_DOC_NUMBER] = text_style(FO_ROLE_SERIF, 10.5, 1.5, 0, 0, 0, FO_STYLE_CENTER);
    st->text[FO_TEXT_SIGNER] = text_style(FO_ROLE_KAI, 10.5, 1.5, 0, 0, 0, FO_STYLE_RIGHT);
    st->text[FO_TEXT_ADDRESSEE] = text_style(FO_ROLE_SERIF, 12, 1.75, 6, 0, 0, FO_STYLE_JUSTIFY);
    st->text[FO_TEXT_ENCLOSURES] = text_style(FO_ROLE_SERIF, 12, 1.75, 12, 0, 2, FO_STYLE_JUSTIFY);
    st->text[FO_TEXT_SIGNATURE] = text_style(FO_ROLE_SERIF, 12, 1.75, 21, 0, 0, FO_STYLE_LEFT);
    st->text[FO_TEXT_DATE] = text_style(FO_ROLE_SERIF, 12, 1.75, 0, 0, 0, FO_STYLE_LEFT);
    st->text[FO_TEXT_ANNOTATION] = text_style(FO_ROLE_SERIF, 12, 1.75, 0, 0, 2, FO_STYLE_JUSTIFY);
    st->text[FO_TEXT_ATTACHMENT_LABEL] = text_style(FO_ROLE_SANS, 12, 1.75, 0, 6, 0, FO_STYLE_LEFT);
    st->text[FO_TEXT_ATTACHMENT_TITLE] = text_style(FO_ROLE_SANS, 16, 1.5, 0, 12, 0, FO_STYLE_CENTER);
    st->text[FO_TEXT_IMPRINT] = text_style(FO_ROLE_KAI, 10.5, 2, 24, 0, 0, FO_STYLE_JUSTIFY);
    st->text[FO_TEXT_RIGHTS] = text_style(FO_ROLE_KAI, 9, 1.5, 6, 0, 0, FO_STYLE_JUSTIFY);
    st->header_enabled = true;
    st->header_rule = true;
    st->header_max_chars = 24;
    st->header_offset = 8 * MM;
    snprintf(st->page_number_format, sizeof st->page_number_format, "%s", "— {page} —");
    st->footer_offset = 12 * MM;
}

void fo_style_page_number(const fo_style *st, int page, char *buf, size_t size)
{
    const char *at = strstr(st->page_number_format, "{page}");
    if (!at) {
        snprintf(buf, size, "%d", page);
        return;
    }
    snprintf(buf, size, "%.*s%d%s", (int)(at - st->page_number_format), st->page_number_format, page,
             at + strlen("{page}"));
}

/* ---- value parsers: each returns false when the text is not a valid value ---- */

/* A decimal number followed by an optional unit; *unit points at what follows the number. */
static bool parse_number(const char *s, double *out, const char **unit)
{
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    if (end == s || errno || !isfinite(v))
        return false;
    while (*end == ' ')
        end++;
    *out = v;
    *unit = end;
    return true;
}

/* "25mm", "2.5cm", "12pt", "1in" (a bare 0 is allowed) → points. */
static bool parse_length(const char *s, double *pt)
{
    double v;
    const char *unit;
    if (!parse_number(s, &v, &unit))
        return false;
    static const struct { const char *name; double factor; } units[] = {
        {"mm", MM}, {"cm", 10 * MM}, {"pt", 1}, {"in", 72},
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcmp(unit, units[i].name) == 0) {
            *pt = v * units[i].factor;
            return v >= 0;
        }
    }
    if (*unit == '\0' && v == 0) {
        *pt = 0;
        return true;
    }
    return false;
}

/* Chinese type sizes (号) by name, as in TYPOGRAPHY.md. */
static const struct { const char *name; double pt; } hao_sizes[] = {
    {"初号", 42}, {"小初", 36}, {"一号", 26}, {"小一", 24}, {"二号", 22}, {"小二", 18},
    {"三号", 16}, {"小三", 15}, {"四号", 14}, {"小四", 12}, {"五号", 10.5}, {"小五", 9},
};

/* "12pt", "12" or a 号 name such as 小四 → points, between 4 and 96. */
static bool parse_type_size(const char *s, double *pt)
{
    for (size_t i = 0; i < sizeof hao_sizes / sizeof hao_sizes[0]; i++) {
        if (strcmp(s, hao_sizes[i].name) == 0) {
            *pt = hao_sizes[i].pt;
            return true;
        }
    }
    double v;
    const char *unit;
    if (!parse_number(s, &v, &unit) || (*unit && strcmp(unit, "pt") != 0))
        return false;
    *pt = v;
    return v >= 4 && v <= 96;
}

static bool parse_ratio(const char *s, double lo, double hi, double *out)
{
    double v;
    const char *unit;
    if (!parse_number(s, &v, &unit) || *unit)
        return false;
    *out = v;
    return v >= lo && v <= hi;
}

/* "2em" or "2" → em, between 0 and 10. */
static bool parse_em(const char *s, double *em)
{
    double v;
    const char *unit;
    if (!parse_number(s, &v, &unit) || (*unit && strcmp(unit, "em") != 0))
        return false;
    *em = v;
    return v >= 0 && v <= 10;
}

static bool parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"}, *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcmp(s, yes[i]) == 0)
            return *out = true, true;
        if (strcmp(s, no[i]) == 0)
            return *out = false, true;
    }
    return false;
}

static bool parse_align(const char *s, fo_style_align *out)
{
    static const char *const names[] = {"justify", "left", "center", "right"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0)
            return *out = (fo_style_align)i, true;
    return false;
}

/* "#E60000" → 0xE60000. */
static bool parse_color(const char *s, unsigned *out)
{
    if (s[0] != '#' || strlen(s) != 7 || strspn(s + 1, "0123456789abcdefABCDEF") != 6)
        return false;
    *out = (unsigned)strtoul(s + 1, NULL, 16);
    return true;
}

static bool parse_role(const char *s, fo_font_role *out)
{
    for (int i = 0; i < FO_ROLE_COUNT; i++)
        if (strcmp(s, role_names[i]) == 0)
            return *out = (fo_font_role)i, true;
    return false;
}

/* "A4", "A5", "B5", "letter", or "WIDTH HEIGHT" as two lengths ("210mm 297mm"). */
static bool parse_page_size(const char *s, double *w, double *h)
{
    static const struct { const char *name; double w, h; } sizes[] = {
        {"A3", 297 * MM, 420 * MM}, {"A4", 210 * MM, 297 * MM}, {"A5", 148 * MM, 210 * MM},
        {"B5", 176 * MM, 250 * MM}, {"letter", 612, 792},
    };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        if (strcmp(s, sizes[i].name) == 0)
            return *w = sizes[i].w, *h = sizes[i].h, true;
    const char *space = strchr(s, ' ');
    if (!space || space - s > 31)
        return false;
    char first[32];
    memcpy(first, s, (size_t)(space - s));
    first[space - s] = '\0';
    while (*space == ' ')
        space++;
    return parse_length(first, w) && parse_length(space, h) && *w >= 72 && *h >= 72 && *w <= 14400 &&
           *h <= 14400;
}

/* ---- the handler ---- */

typedef struct parse_state {
    fo_style *st;
    const char *path;
    fo_diag *d;
    const char *text, *at, *end;  /* the whole file, read at once (fo_read_text_file), and where inih is */
    int line;           /* the line inih is looking at */
    int next_line;
    int errors;
    int first_error_line;   /* of the errors the handler reported */
} parse_state;

/* At most this many errors are printed for one file, then how many more there were: a file that is
 * not a style at all (a log, /etc/passwd) gets a screenful, not one line per line. */
enum { MAX_ERRORS_SHOWN = 20 };

static int report(parse_state *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int report(parse_state *ps, const char *fmt, ...)
{
    if (ps->errors++ < MAX_ERRORS_SHOWN) {
        char msg[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        fo_error_in(ps->d, ps->path, ps->line, 0, "%s", msg);
    }
    if (!ps->first_error_line)
        ps->first_error_line = ps->line;
    return 0;
}

static int bad_value(parse_state *ps, const char *section, const char *key, const char *value,
                     const char *expected)
{
    return report(ps, "[%s] %s = %s: %s", section, key, value, expected);
}

static int unknown_key(parse_state *ps, const char *section, const char *key)
{
    return report(ps, "unknown key '%s' in [%s]", key, section);
}

static int handle_page(parse_state *ps, const char *key, const char *value)
{
    fo_style *st = ps->st;
    static const char *const length_keys[] = {"margin-top", "margin-bottom", "margin-left", "margin-right"};
    double *lengths[] = {&st->margin_top, &st->margin_bottom, &st->margin_left, &st->margin_right};
    if (strcmp(key, "size") == 0) {
        if (!parse_page_size(value, &st->page_width, &st->page_height))
            return bad_value(ps, "page", key, value, "expected A3, A4, A5, B5, letter or two lengths (210mm 297mm)");
        return 1;
    }
    if (strcmp(key, "lines") == 0 || strcmp(key, "chars") == 0) {
        double v;
        if (!parse_ratio(value, 0, 200, &v) || v != floor(v))
            return bad_value(ps, "page", key, value, "expected a whole number from 0 (no grid) to 200");
        *(key[0] == 'l' ? &st->grid_lines : &st->grid_chars) = (int)v;
        return 1;
    }
    for (size_t i = 0; i < 4; i++) {
        if (strcmp(key, length_keys[i]) == 0) {
            if (!parse_length(value, lengths[i]) || *lengths[i] > 200 * MM)
                return bad_value(ps, "page", key, value, "expected a length between 0 and 200mm (25mm, 2cm, 72pt)");
            return 1;
        }
    }
    return unknown_key(ps, "page", key);
}

static int handle_fonts(parse_state *ps, const char *key, const char *value)
{
    fo_font_role role;
    if (!parse_role(key, &role))
        return unknown_key(ps, "fonts", key);
    size_t n = strlen(value);
    if ((n == 0 && fo_font_role_base(role) == role) || n >= FO_STYLE_PATTERN_MAX)
        return bad_value(ps, "fonts", key, value, "expected a fontconfig pattern (a family name, up to 255 bytes)");
    memcpy(ps->st->font_pattern[role], value, n + 1);
    return 1;
}

static int handle_header_extra(parse_state *ps, const char *key, const char *value, bool *known)
{
    fo_style *st = ps->st;
    *known = true;
    if (strcmp(key, "enabled") == 0) {
        if (!parse_bool(value, &st->header_enabled))
            return bad_value(ps, "header", key, value, "expected true or false");
    } else if (strcmp(key, "rule") == 0) {
        if (!parse_bool(value, &st->header_rule))
            return bad_value(ps, "header", key, value, "expected true or false");
    } else if (strcmp(key, "max-chars") == 0) {
        double v;
        if (!parse_ratio(value, 4, 200, &v) || v != floor(v))
            return bad_value(ps, "header", key, value, "expected a whole number from 4 to 200");
        st->header_max_chars = (int)v;
    } else if (strcmp(key, "offset") == 0) {
        if (!parse_length(value, &st->header_offset) || st->header_offset > 100 * MM)
            return bad_value(ps, "header", key, value, "expected a length between 0 and 100mm");
    } else {
        *known = false;
    }
    return 1;
}

static int handle_footer_extra(parse_state *ps, const char *key, const char *value, bool *known)
{
    fo_style *st = ps->st;
    *known = true;
    if (strcmp(key, "format") == 0) {
        const char *at = strstr(value, "{page}");
        if (!at || strstr(at + 1, "{page}") || strlen(value) >= FO_STYLE_FORMAT_MAX)
            return bad_value(ps, "footer", key, value, "expected a text holding {page} once (— {page} —)");
        memcpy(st->page_number_format, value, strlen(value) + 1);
    } else if (strcmp(key, "offset") == 0) {
        if (!parse_length(value, &st->footer_offset) || st->footer_offset > 100 * MM)
            return bad_value(ps, "footer", key, value, "expected a length between 0 and 100mm");
    } else {
        *known = false;
    }
    return 1;
}

static int handle_text(parse_state *ps, fo_text_kind kind, const char *key, const char *value)
{
    fo_text_style *ts = &ps->st->text[kind];
    const char *section = kind_names[kind];
    if (strcmp(key, "font") == 0) {
        if (!parse_role(value, &ts->font))
            return bad_value(ps, section, key, value, "expected serif, sans or kai");
    } else if (strcmp(key, "bold") == 0) {
        if (!parse_bool(value, &ts->bold))
            return bad_value(ps, section, key, value, "expected true or false");
    } else if (strcmp(key, "size") == 0) {
        if (!parse_type_size(value, &ts->size))
            return bad_value(ps, section, key, value, "expected a type size from 4pt to 96pt or a name such as 小四");
    } else if (strcmp(key, "line-height") == 0) {
        if (!parse_ratio(value, 0.8, 4, &ts->line_height))
            return bad_value(ps, section, key, value, "expected a multiple of the size from 0.8 to 4 (1.75)");
    } else if (strcmp(key, "space-before") == 0 || strcmp(key, "space-after") == 0) {
        double *field = key[6] == 'b' ? &ts->space_before : &ts->space_after;
        if (!parse_length(value, field) || *field > 200)
            return bad_value(ps, section, key, value, "expected a length up to 200pt (6pt, 2mm)");
    } else if (strcmp(key, "indent") == 0) {
        if (!parse_em(value, &ts->indent))
            return bad_value(ps, section, key, value, "expected a number of em from 0 to 10 (2em)");
    } else if (strcmp(key, "color") == 0) {
        if (!parse_color(value, &ts->color))
            return bad_value(ps, section, key, value, "expected a colour as #RRGGBB (#E60000)");
    } else if (strcmp(key, "align") == 0) {
        bool margin_text = kind == FO_TEXT_HEADER || kind == FO_TEXT_FOOTER;
        if (margin_text && strcmp(value, "outside") == 0)
            ts->align = FO_STYLE_OUTSIDE;
        else if (!parse_align(value, &ts->align))
            return bad_value(ps, section, key, value,
                             margin_text ? "expected left, center, right or outside"
                                         : "expected justify, left, center or right");
    } else {
        return unknown_key(ps, section, key);
    }
    return 1;
}

static int handle_pair(void *user, const char *section, const char *key, const char *value)
{
    parse_state *ps = user;
    if (strcmp(section, "page") == 0)
        return handle_page(ps, key, value);
    if (strcmp(section, "fonts") == 0)
        return handle_fonts(ps, key, value);
    for (int k = 0; k < FO_TEXT_KIND_COUNT; k++) {
        if (strcmp(section, kind_names[k]) != 0)
            continue;
        bool known = false;
        int ok = 1;
        if (k == FO_TEXT_HEADER)
            ok = handle_header_extra(ps, key, value, &known);
        else if (k == FO_TEXT_FOOTER)
            ok = handle_footer_extra(ps, key, value, &known);
        return known ? ok : handle_text(ps, (fo_text_kind)k, key, value);
    }
    if (!*section)
        return report(ps, "key '%s' before any [section]", key);
    return report(ps, "unknown section [%s] (key '%s')", section, key);
}

/* fgets over the file's text for inih, tracking the line number of the text it returns. */
static char *read_line(char *str, int num, void *stream)
{
    parse_state *ps = stream;
    if (ps->at >= ps->end || num < 2)
        return NULL;
    const char *nl = memchr(ps->at, '\n', (size_t)(ps->end - ps->at));
    size_t n = nl ? (size_t)(nl - ps->at) + 1 : (size_t)(ps->end - ps->at);
    if (n > (size_t)num - 1)
        n = (size_t)num - 1;
    memcpy(str, ps->at, n);
    str[n] = '\0';
    ps->at += n;
    ps->line = ps->next_line;
    if (str[n - 1] == '\n')
        ps->next_line++;
    return str;
}

/* The type area must leave room for text. */
static int check_page(parse_state *ps)
{
    const fo_style *st = ps->st;
    if (st->page_width - st->margin_left - st->margin_right < 72 ||
        st->page_height - st->margin_top - st->margin_bottom < 72) {
        fo_error_in(ps->d, ps->path, 0, 0, "[page] margins leave less than 1in of type area");
        return -1;
    }
    return 0;
}

/* The text of line `line` of the file (for messages), without its newline. */
static void quote_line(const parse_state *ps, int line, char *buf, size_t size)
{
    const char *p = ps->text;
    for (int n = 1; n < line && p < ps->end; n++) {
        const char *nl = memchr(p, '\n', (size_t)(ps->end - p));
        p = nl ? nl + 1 : ps->end;
    }
    size_t n = strcspn(p, "\r\n");
    n = n < size ? n : size - 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
}

int fo_style_load(fo_style *st, const char *path, fo_diag *d)
{
    parse_state ps = {.st = st, .path = path, .d = d, .line = 1, .next_line = 1};
    size_t len;
    char *text = fo_read_text_file(path, &len, d);
    if (!text)
        return -1;
    ps.text = ps.at = text;
    ps.end = text + len;
    int rc = ini_parse_stream(read_line, &ps, handle_pair, &ps);
    if (rc > 0 && (ps.errors == 0 || rc < ps.first_error_line)) {
        /* inih's own complaint: a line that is neither [section], key = value nor a comment */
        char line[128];
        quote_line(&ps, rc, line, sizeof line);
        ps.line = rc;
        report(&ps, "not a [section] or key = value line: '%s'", line);
    } else if (rc < 0) {
        fo_error(d, 0, 0, "cannot parse style file %s", path);
        free(text);
        return -1;
    }
    free(text);
    if (ps.errors > MAX_ERRORS_SHOWN)
        fo_error_in(d, path, 0, 0, "%d more errors not shown", ps.errors - MAX_ERRORS_SHOWN);
    if (ps.errors)
        return -1;
    return check_page(&ps);
}
