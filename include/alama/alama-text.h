/* alama-text.h: code points, bytes, UTF-16, and ICU word/sentence boundaries.
 *
 * This is the ONE place where code point offsets (what Alama stores and exports)
 * meet UTF-8 byte offsets (GLib, Pango, SQLite) and UTF-16 units (ICU). Everything
 * else calls these functions.
 */
#pragma once

#include <glib.h>

#include "alama-span.h"
#include "alama-types.h"

G_BEGIN_DECLS

#define ALAMA_TEXT_ERROR (alama_text_error_quark ())
GQuark alama_text_error_quark (void);

typedef enum
{
  ALAMA_TEXT_ERROR_INVALID_UTF8,  /* message names the byte offset */
  ALAMA_TEXT_ERROR_ICU,
} AlamaTextError;

/* Validates @data as UTF-8 and returns it as a string without a leading BOM;
 * nothing else is changed (CRLF, NFD, controls are kept). On invalid UTF-8 the
 * error message says "invalid UTF-8 at byte N" (N counted in @data, BOM included)
 * and *bad_offset (if not NULL) is N. */
char     *alama_text_from_bytes        (const char  *data,
                                        gsize        len,
                                        gsize       *bad_offset,
                                        GError     **error);

gint64    alama_text_length            (const char  *text);   /* code points */

/* Fast mapping between code points and UTF-8 byte offsets of one text.
 * Keeps a pointer to @text, which must outlive it. */
AlamaTextIndex *alama_text_index_new   (const char     *text);
void      alama_text_index_free        (AlamaTextIndex *index);
gint64    alama_text_index_get_length  (AlamaTextIndex *index);      /* code points */
gsize     alama_text_index_cp_to_byte  (AlamaTextIndex *index,
                                        gint64          cp);
/* A byte offset inside a character maps to that character. */
gint64    alama_text_index_byte_to_cp  (AlamaTextIndex *index,
                                        gsize           byte);
/* text[start:end] as a new string. */
char     *alama_text_index_substring   (AlamaTextIndex *index,
                                        gint64          start,
                                        gint64          end);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaTextIndex, alama_text_index_free)

/* Convenience without an index: O(n). */
char     *alama_text_substring         (const char  *text,
                                        gint64       start,
                                        gint64       end);

/* UTF-16 <-> code points, for ICU and for JSON producers that count UTF-16. */
gint64    alama_text_cp_to_utf16       (const char  *text,
                                        gint64       cp);
gint64    alama_text_utf16_to_cp       (const char  *text,
                                        gint64       utf16);

/* Words by ICU's word break iterator (locale "ar"): every segment that holds a
 * letter, digit or mark (spaces dropped, punctuation kept as its own token when
 * @keep_punctuation). Array of AlamaFragment in code points. A clitic-prefixed
 * word such as وبوتين or بالكرملين is ONE word. */
GArray   *alama_text_words             (const char  *text,
                                        gboolean     keep_punctuation);
/* Sentences by ICU's sentence iterator, whitespace at both ends trimmed and
 * blank segments dropped. A line break ends a sentence (ICU treats "\n", "\r\n"
 * and U+2029 as paragraph separators). */
GArray   *alama_text_sentences         (const char  *text);

/* Snaps [*start, *end) out to whole words: start moves back to the start of the
 * word it is in, end forward to the end of its word; whitespace at the edges is
 * trimmed. A start at a word then leaves out the clitics that word certainly
 * carries (alama_arabic_certain_proclitics(): وأذربيجان gives أذربيجان, while
 * وبوتين stays whole). Then applies alama_text_fix_span_edges(). */
void      alama_text_snap_to_words     (AlamaTextIndex *index,
                                        gint64         *start,
                                        gint64         *end);
/* Never let a span edge fall between a lam (U+0644) and a following alef
 * (U+0622/0623/0625/0627), nor between a base letter and its combining marks:
 * moves start back and end forward out of the ligature / cluster. */
void      alama_text_fix_span_edges    (AlamaTextIndex *index,
                                        gint64         *start,
                                        gint64         *end);
/* Whether a span may start or end at @cp (0 ≤ @cp ≤ length): FALSE where an
 * edge would fall between a lam and its alef or between a character and the
 * marks (or emoji joiners) that belong to it. */
gboolean  alama_text_is_span_edge      (AlamaTextIndex *index,
                                        gint64          cp);

G_END_DECLS
