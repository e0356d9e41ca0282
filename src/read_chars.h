/* read_chars.h — character helpers shared by the reader's rule files (read_text_rules.c,
 * read_text_meta.c, read_page.c).  Everything works on code points. */
#ifndef FOLIO_READ_CHARS_H
#define FOLIO_READ_CHARS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uchar.h>

#include "text.h"

/* fo_is_space, inlined with the common cases first: the rules ask it of every character. */
static inline bool fo_cp_space(uint32_t c)
{
    if (c < 0x80)
        return c == ' ' || c == '\t';
    if (c > 0x3000 && c < 0xFEFF) /* Han and the rest of CJK: no space among them */
        return false;
    return c == 0x3000 || fo_is_space(c);
}

/* fo_is_han, inlined for the common block. */
static inline bool fo_cp_han(uint32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || fo_is_han(c); }

static inline bool fo_cp_digit(uint32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }
static inline int fo_cp_digit_value(uint32_t c) { return (int)(c >= 0xFF10 ? c - 0xFF10 : c - '0'); }
static inline bool fo_cp_colon(uint32_t c) { return c == ':' || c == 0xFF1A; }
static inline bool fo_cp_open_paren(uint32_t c) { return c == '(' || c == 0xFF08; }
static inline bool fo_cp_close_paren(uint32_t c) { return c == ')' || c == 0xFF09; }
static inline bool fo_cp_ascii_letter(uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Ends a sentence: 。！？；and their ASCII forms. */
static inline bool fo_cp_sentence_end(uint32_t c)
{
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == '!' || c == '?' || c == ';';
}

/* A separator between fields of a metadata line: | ｜ 丨 • ·（with spaces around) */
static inline bool fo_cp_field_bar(uint32_t c) { return c == '|' || c == 0xFF5C || c == 0x4E28 || c == 0x2022; }

static inline size_t fo_cp_skip_spaces(const uint32_t *s, size_t n, size_t i)
{
    while (i < n && fo_cp_space(s[i]))
        i++;
    return i;
}

/* Does the literal `w` stand at s[at…]?  Its length, or 0. */
static inline size_t fo_cp_match(const uint32_t *s, size_t n, size_t at, const char32_t *w)
{
    size_t k = 0;
    for (; w[k]; k++)
        if (at + k >= n || s[at + k] != (uint32_t)w[k])
            return 0;
    return k;
}

static inline bool fo_cp_has_sentence_end(const uint32_t *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (fo_cp_sentence_end(s[i]))
            return true;
    return false;
}

#endif
