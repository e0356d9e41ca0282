/* words.h — where Chinese text may be divided: word boundaries (ICU's dictionary-based word break
 * iterator) and the URLs and e-mail addresses inside running text.
 *
 * Used where a break inside a word shows: titles and headings are balanced at word boundaries
 * (`…现代化 / 甘肃篇章…`, never `…现代化甘 / 肃篇章…`), the running header is cut after a whole
 * word or number, an EPUB title keeps its last words together; URLs may break after `/` `.` … in
 * the PDF and anywhere in the EPUB. */
#ifndef FOLIO_WORDS_H
#define FOLIO_WORDS_H

#include <stdbool.h>
#include <stddef.h>

/* Mark the word boundaries of the UTF-8 text s[0..len): at[i] is set when a word (a dictionary
 * word, a number, a Latin word, a mark) starts or ends at byte i; `at` has room for len + 1 flags,
 * and at[0] and at[len] are always set.  Between two Han characters a boundary next to a word of
 * one character is not one (ICU splits words its dictionary lacks into characters: 全|省|冬|春季
 * gives 全省冬春季).  Returns false when ICU cannot segment the text (then only at[0] and at[len]
 * are set).  Caller owns `at`. */
bool fo_words_boundaries(const char *s, size_t len, bool *at);

/* The first URL ("https://…", "http://…", "ftp://…", "www.…") or e-mail address (x@y.z) in
 * s[from..len): true and its bytes [*start, *end), without trailing sentence punctuation.  Linear:
 * call again from *end for the next one. */
bool fo_words_find_url(const char *s, size_t len, size_t from, size_t *start, size_t *end);

/* Characters after which a URL or e-mail address may break (no hyphen is added). */
bool fo_words_url_break_after(char c);

#endif
