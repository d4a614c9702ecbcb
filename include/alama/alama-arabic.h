/* alama-arabic.h: Arabic normalisation for matching (search, gazetteers, eval).
 *
 * Folding (after NFC): harakat U+064B–U+065F and U+0670 removed, tatweel U+0640
 * removed, alef forms أ إ آ ٱ → ا, ة → ه, ى → ي, Arabic-Indic and Extended
 * Arabic-Indic digits → ASCII, Persian ی → ي and ک → ك, invisible controls
 * (U+200B–U+200F, U+061C, U+202A–U+202E, U+2066–U+2069) removed, Latin lowercased.
 * Optional: ؤ → و, ئ → ي. Arabic presentation forms (U+FB50–U+FDFF,
 * U+FE70–U+FEFE, e.g. the ligature ﻻ) are decomposed by NFKC first; soft hyphen,
 * word joiner and U+FEFF are removed with the other invisible controls.
 *
 * Never used on stored text: documents keep their exact characters; matching
 * works on a normalised copy with a map back to the original code points.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ALAMA_ARABIC_FOLD_DEFAULT = 0,
  ALAMA_ARABIC_FOLD_HAMZA_CARRIERS = 1 << 0,   /* ؤ → و, ئ → ي */
} AlamaArabicFoldFlags;

/* Normalises @text. If @out_map is not NULL it receives a GArray of gint64 with
 * one entry per code point of the result plus one: the code point offset in @text
 * where that output character came from (the last entry = length of @text), so an
 * output range [a, b) maps back to [map[a], map[b]). */
char     *alama_arabic_normalize       (const char            *text,
                                        AlamaArabicFoldFlags   flags,
                                        GArray               **out_map);

/* Clitic prefixes a name may carry: و ف ب ل ك and ال, and their combinations
 * (وال، بال، فال، لل، وبال ...). Given a normalised word, returns the number of
 * code points of each possible prefix split, shortest first, as a GArray of
 * guint (always including 0 first). Only splits that leave a stem of at least
 * two code points are returned. */
GArray   *alama_arabic_clitic_splits   (const char            *normalized_word);

/* The clitics a word certainly starts with, which belong to no name: a
 * conjunction (و ف) and/or a preposition (ب ل ك), the same letters as in
 * alama_arabic_clitic_splits(), when what follows them is a hamzated alef
 * (أ إ آ) that begins a stem of at least three letters. No word begins with
 * such an alef inside it, so وأذربيجان is و + أذربيجان; وبوتين or بالكرملين
 * say nothing certain and give 0. @word is a word as written (harakat and
 * all); returns the number of its code points the clitics take. Word
 * snapping leaves them out of a selection and the gazetteer out of its
 * suggestions. */
gint64    alama_arabic_certain_proclitics (const char          *word);

gboolean  alama_arabic_is_haraka       (gunichar               c);
gboolean  alama_arabic_is_arabic_letter (gunichar              c);

G_END_DECLS
