/* text.h — UTF-8 helpers, character classes for Chinese text, input decoding. */
#ifndef FOLIO_TEXT_H
#define FOLIO_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Decode one UTF-8 sequence at s[0..len).  Returns its length (1–4) and stores the code point,
 * or returns 0 for an invalid, overlong, surrogate or truncated sequence. */
size_t fo_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out (room for 4 bytes); returns the length. */
size_t fo_utf8_encode(uint32_t cp, char *out);
/* Number of code points in a valid UTF-8 string. */
size_t fo_utf8_count(const char *s, size_t len);
/* Byte offset of the first invalid sequence, or len when the whole string is valid. */
size_t fo_utf8_validate(const char *s, size_t len);

bool fo_is_han(uint32_t cp);            /* CJK unified ideographs (all blocks), 〇 */
bool fo_is_cjk_punct(uint32_t cp);      /* full-width punctuation: ，。、《》“”（）… */
bool fo_is_fullwidth_form(uint32_t cp); /* U+FF01–U+FF5E */
bool fo_is_latin_or_digit(uint32_t cp); /* ASCII letters and digits, Latin-1/Extended letters */
bool fo_is_space(uint32_t cp);          /* ASCII space/tab, NBSP, U+3000 and other Unicode spaces */
/* White space, and what shows nothing at all: soft hyphen, zero-width and direction marks, line
 * and paragraph separators, the Hangul fillers, variation selectors, tags, the braille blank.  A
 * line of them only is a blank line: a page of them is no article. */
bool fo_is_invisible(uint32_t cp);
bool fo_utf8_invisible(const char *s, size_t len);   /* every character of valid UTF-8 invisible */

/* The most lines folio reads.  Memory grows with lines as well as bytes (the reader's structures
 * and a paragraph's nodes take some 450 bytes a line for DocBook, 1.5 KB for the PDF), so a file of
 * tiny lines would need fifty times its size or more.  An article has some thousands of lines, and
 * 64 MB of text wrapped at 30 characters has 700,000; past 1,050,000 lines it is no article (a
 * word list, a log), and the limit keeps the worst case within 10× (DocBook) and 25× (PDF) of the
 * largest input.  fo_decode_input refuses more, counting before it decodes anything. */
#define FO_MAX_LINES ((size_t)1050000)

/* Input decoding: turns the raw bytes of an article into clean UTF-8 with "\n" line ends.
 *   - a UTF-8 BOM (EF BB BF) or a GB18030 one (84 31 95 33) is dropped; valid UTF-8 is taken as is;
 *   - otherwise the encoding is decided on evidence from the whole file: multi-byte sequences that
 *     are valid UTF-8 against bytes that are not, and, read as GB18030, common characters against
 *     rare ones.  A file whose multi-byte sequences are UTF-8 is damaged UTF-8 — an error at its
 *     first bad byte, never a conversion into mojibake; GB18030 (a superset of GBK and GB2312) is
 *     converted through iconv, with a warning when the evidence for it is thin;
 *   - CRLF and lone CR become LF; NBSP becomes a space; other C0 controls (but tab), DEL and the
 *     noncharacters U+FFFE and U+FFFF (not allowed in XML) are removed.
 * Errors name the line and column of the first bad byte and its offset: "FILE:27:2: error: …";
 * an input over FO_MAX_INPUT_BYTES or FO_MAX_LINES is an error naming its size.
 * Returns a malloc'ed string (caller frees) and its length, or NULL with an error in `d`.
 * `encoding_out`, when not NULL, receives "UTF-8" or "GB18030". */
char *fo_decode_input(const char *bytes, size_t len, size_t *out_len, const char **encoding_out, fo_diag *d);

/* The one cleaning every string entering the model goes through (the decoded input, -M values):
 * line ends to LF, NBSP to a space, C0 controls (but tab and LF), DEL and the noncharacters U+FFFE
 * and U+FFFF removed — libxml2 would write them raw into XML, where they are invalid, and they are
 * never meant in an article.  `s` must be valid UTF-8; cleaned in place, NUL-terminated; returns
 * the new length. */
size_t fo_text_clean(char *s, size_t len);

/* True when the bytes look like a binary file (a NUL byte anywhere, or many control bytes in the
 * first 8 KB). */
bool fo_looks_binary(const char *bytes, size_t len);

#endif
