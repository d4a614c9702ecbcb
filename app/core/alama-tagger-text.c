/* alama-tagger-text.c: the text helpers the taggers share: words, reporting
 * verbs, clauses and quotation marks. Pure functions of the text.
 */
#define G_LOG_DOMAIN "alama-tagger"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "alama-tagger-private.h"
#include "alama/alama-arabic.h"
#include "alama/alama-document.h"

/* ---- Text helpers shared by the taggers ------------------------------------ */

static void
tagger_word_clear (gpointer data)
{
  AlamaTaggerWord *word = data;

  g_clear_pointer (&word->norm, g_free);
  g_clear_pointer (&word->map, g_array_unref);
}

GArray *
_alama_tagger_words (const char     *text,
                     AlamaTextIndex *index)
{
  g_autoptr(GArray) fragments = alama_text_words (text, FALSE);
  GArray *words = g_array_sized_new (FALSE, TRUE, sizeof (AlamaTaggerWord),
                                     fragments ? fragments->len : 0);

  g_array_set_clear_func (words, tagger_word_clear);
  if (fragments == NULL)
    return words;

  for (guint i = 0; i < fragments->len; i++)
    {
      const AlamaFragment *fragment = &g_array_index (fragments, AlamaFragment, i);
      g_autofree char *surface = alama_text_index_substring (index, fragment->start,
                                                             fragment->end);
      AlamaTaggerWord word = { fragment->start, fragment->end, NULL, NULL };

      word.norm = alama_arabic_normalize (surface, ALAMA_ARABIC_FOLD_DEFAULT, &word.map);
      if (word.norm == NULL || word.norm[0] == '\0')
        {
          /* A word of harakat or tatweel alone: nothing to match. */
          g_free (word.norm);
          g_clear_pointer (&word.map, g_array_unref);
          continue;
        }
      g_array_append_val (words, word);
    }
  return words;
}

guint
_alama_tagger_word_at_or_after (GArray *words,
                                gint64  cp)
{
  guint lo = 0, hi = words->len;

  /* Binary search: words are sorted and do not overlap. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (words, AlamaTaggerWord, mid).end <= cp)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gboolean
_alama_tagger_is_complementizer (const char *norm)
{
  static const char * const forms[] = {
    "ان", "انه", "انها", "انهم", "انهما", "انهن", "انني", "اننا", "اني", "انا", "انك", "انكم",
    "بان", "بانه", "بانها", "بانهم", "وان", "وانه", "وانها",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    if (strcmp (norm, forms[i]) == 0)
      return TRUE;
  return FALSE;
}

gint
_alama_tagger_match_verb (GHashTable *verbs,
                          const char *norm,
                          gpointer   *out_value)
{
  gpointer value = NULL;

  /* The word itself first: وعد (to promise) starts with a و that is no clitic. */
  if (g_hash_table_lookup_extended (verbs, norm, NULL, &value))
    {
      if (out_value)
        *out_value = value;
      return 0;
    }
  /* و and ف are one byte pair each in UTF-8 (U+0648, U+0641). */
  if ((g_str_has_prefix (norm, "و") || g_str_has_prefix (norm, "ف")) &&
      g_hash_table_lookup_extended (verbs, g_utf8_next_char (norm), NULL, &value))
    {
      if (out_value)
        *out_value = value;
      return 1;
    }
  return -1;
}

static gboolean
is_clause_end_char (gunichar c)
{
  return g_unichar_isspace (c) || c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
         c == '?' || c == 0x060C /* ، */ || c == 0x061B /* ؛ */ || c == 0x061F /* ؟ */ ||
         c == 0x2026 /* … */ || c == 0x06D4 /* ۔ */;
}

void
_alama_tagger_trim_clause (const char     *text,
                           AlamaTextIndex *index,
                           gint64         *start,
                           gint64         *end)
{
  while (*start < *end &&
         g_unichar_isspace (g_utf8_get_char (text + alama_text_index_cp_to_byte (index, *start))))
    (*start)++;
  while (*end > *start &&
         is_clause_end_char (g_utf8_get_char (text + alama_text_index_cp_to_byte (index,
                                                                                  *end - 1))))
    (*end)--;
}

static gboolean
is_quote_mark (gunichar c)
{
  return c == '"' || c == 0x00AB || c == 0x00BB || c == 0x201C || c == 0x201D;
}

gint64
_alama_tagger_next_quote_mark (AlamaTextIndex *index,
                               const char     *text,
                               gint64          start,
                               gint64          end)
{
  const char *p = text + alama_text_index_cp_to_byte (index, start);

  for (gint64 cp = start; cp < end; cp++, p = g_utf8_next_char (p))
    if (is_quote_mark (g_utf8_get_char (p)))
      return cp;
  return end;
}

