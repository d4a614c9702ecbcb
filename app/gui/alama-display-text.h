/* alama-display-text.h: annotated text made fit for one row of the interface:
 * one line, cut to a length, and isolated so that its direction does not
 * reorder what is around it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE. */
#define ALAMA_FSI "\xe2\x81\xa8"
#define ALAMA_PDI "\xe2\x81\xa9"

/* @text on one line: every line or paragraph break, with the white space
 * around it, becomes one space. With @max_chars > 0, a longer result is cut
 * at a word boundary near @max_chars characters and ends in "…". */
char       *alama_display_text_one_line       (const char *text,
                                               int         max_chars);

/* @text (may be NULL: "") between FSI and PDI. */
char       *alama_display_text_isolate        (const char *text);

/* RLM for a right-to-left interface, else LRM: put first on a line whose first
 * strong character (a Latin label such as SPEAKER) would otherwise set its
 * direction against the interface's. */
const char *alama_display_text_direction_mark (gboolean    rtl);

G_END_DECLS
