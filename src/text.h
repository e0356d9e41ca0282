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

/* Input decoding: turns the raw bytes of an article into clean UTF-8 with "\n" line ends.
 *   - a UTF-8 BOM is dropped; UTF-8 is taken as is when valid;
 *   - otherwise the bytes are read as GB18030 (a superset of GBK and GB2312) through iconv;
 *   - CRLF and lone CR become LF; NBSP becomes a space; other C0 controls (but tab), DEL and the
 *     noncharacters U+FFFE and U+FFFF (not allowed in XML) are removed.
 * A file that is mostly valid UTF-8 with a few bad sequences (anywhere: start, middle or end) is
 * damaged UTF-8, not GB18030: that is an error too, rather than a conversion into mojibake.
 * Errors name the line and column of the first bad byte and its offset: "FILE:27:2: error: …";
 * an input over FO_MAX_INPUT_BYTES is an error naming its size.
 * Returns a malloc'ed string (caller frees) and its length, or NULL with an error in `d`.
 * `encoding_out`, when not NULL, receives "UTF-8" or "GB18030". */
char *fo_decode_input(const char *bytes, size_t len, size_t *out_len, const char **encoding_out, fo_diag *d);

/* True when the bytes look like a binary file (a NUL byte anywhere, or many control bytes in the
 * first 8 KB). */
bool fo_looks_binary(const char *bytes, size_t len);

#endif
