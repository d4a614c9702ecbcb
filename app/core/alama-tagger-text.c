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

/* ---- Reporting verbs ---------------------------------------------------------- */

/* Speech verbs: past and present, masculine, feminine and plural. Stored
 * normalised; a و or ف clitic in front is handled by _alama_tagger_match_verb. */
static const char * const speech_verbs[] = {
  "قال", "قالت", "قالوا", "قالا", "يقول", "تقول", "يقولون",
  "أضاف", "أضافت", "أضافوا", "يضيف", "تضيف", "يضيفون",
  "أكد", "أكدت", "أكدوا", "يؤكد", "تؤكد", "يؤكدون",
  "أعلن", "أعلنت", "أعلنوا", "يعلن", "تعلن", "يعلنون",
  "أوضح", "أوضحت", "أوضحوا", "يوضح", "توضح",
  "صرح", "صرّح", "صرحت", "صرّحت", "صرحوا", "يصرح", "تصرح",
  "تابع", "تابعت", "تابعوا",
  "أشار", "أشارت", "أشاروا", "يشير", "تشير",
  "لفت", "لفتت", "لفتوا",
  "شدد", "شدّد", "شددت", "شدّدت", "شددوا", "يشدد", "تشدد",
  "ذكر", "ذكرت", "ذكروا", "يذكر", "تذكر",
  "اعتبر", "اعتبرت", "اعتبروا", "يعتبر", "تعتبر",
  "رأى", "رأت", "رأوا", "يرى", "ترى",
  "كتب", "كتبت", "كتبوا", "يكتب", "تكتب",
  "أفاد", "أفادت", "أفادوا", "يفيد", "تفيد",
  "نقل", "نقلت", "نقلوا",
  "أردف", "أردفت", "استطرد", "استطردت", "علق", "علّق", "علقت", "علّقت",
  "صرّحوا", "أكّد", "أكّدت",
  "أعرب", "أعربت", "أعربوا", "يعرب", "تعرب",
  "لاحظ", "لاحظت", "حذر", "حذّر", "حذرت", "حذّرت", "حذروا", "يحذر", "تحذر",
  /* Participles that report a second statement of the same speaker. */
  "قائلا", "قائلة", "قائلين", "مضيفا", "مضيفة", "مضيفين", "موضحا", "موضحة",
  "مشيرا", "مشيرة", "مؤكدا", "مؤكدة", "لافتا", "لافتة", "معتبرا", "معتبرة",
  "محذرا", "محذرة", "معلنا", "معلنة", "منوها", "منوهة", "مشددا", "مشددة",
};

/* Words of a participle above: their subject is the sentence's speaker. */
static const char * const participles[] = {
  "قائلا", "قائلة", "قائلين", "مضيفا", "مضيفة", "مضيفين", "موضحا", "موضحة",
  "مشيرا", "مشيرة", "مؤكدا", "مؤكدة", "لافتا", "لافتة", "معتبرا", "معتبرة",
  "محذرا", "محذرة", "معلنا", "معلنة", "منوها", "منوهة", "مشددا", "مشددة",
};

GHashTable *
_alama_tagger_normalized_set (const char * const *words,
                              guint               n_words)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_words; i++)
    g_hash_table_add (set, alama_arabic_normalize (words[i], ALAMA_ARABIC_FOLD_DEFAULT, NULL));
  return set;
}

GHashTable *
_alama_tagger_speech_verbs (void)
{
  static GHashTable *table = NULL;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, _alama_tagger_normalized_set (speech_verbs,
                                                             G_N_ELEMENTS (speech_verbs)));
  return table;
}

GHashTable *
_alama_tagger_participles (void)
{
  static GHashTable *table = NULL;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, _alama_tagger_normalized_set (participles,
                                                             G_N_ELEMENTS (participles)));
  return table;
}

/* ---- Quotation marks --------------------------------------------------------- */

gunichar
_alama_tagger_closing_mark_for (gunichar c)
{
  switch (c)
    {
    case '"':    return '"';
    case 0x00AB: return 0x00BB;  /* « » */
    case 0x201C: return 0x201D;  /* “ ” */
    case 0x201D: return 0x201C;  /* ” “ as Arabic typesetting often has them */
    default:     return 0;
    }
}

gboolean
_alama_tagger_is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x2029 /* paragraph separator */ ||
         c == 0x2028 /* line separator */ || c == 0x0085;
}

/* Pairs of quotation marks as fragments [open, close] (the marks' own offsets). A
 * quotation never runs across a line break: a paragraph ends what it quotes, and
 * a mark left open there was a typo or a quote that goes on in the next
 * paragraph with marks of its own. */
GArray *
_alama_tagger_find_quotations (const char *text)
{
  GArray *quotes = g_array_new (FALSE, FALSE, sizeof (AlamaFragment));
  const char *p = text;
  gint64 cp = 0;

  while (*p)
    {
      gunichar closing = _alama_tagger_closing_mark_for (g_utf8_get_char (p));
      const char *q;
      gint64 close_cp;

      if (closing == 0)
        {
          p = g_utf8_next_char (p);
          cp++;
          continue;
        }

      q = g_utf8_next_char (p);
      close_cp = cp + 1;
      while (*q && g_utf8_get_char (q) != closing && !_alama_tagger_is_line_break (g_utf8_get_char (q)))
        {
          q = g_utf8_next_char (q);
          close_cp++;
        }
      if (*q == '\0' || g_utf8_get_char (q) != closing)
        {
          /* An opening mark never closed in its paragraph: not a quotation, look
           * on after it. */
          p = g_utf8_next_char (p);
          cp++;
          continue;
        }

      g_array_append_val (quotes, ((AlamaFragment) { cp, close_cp }));
      p = g_utf8_next_char (q);
      cp = close_cp + 1;
    }
  return quotes;
}

gboolean
_alama_tagger_inside_quotation (GArray *quotes,
                                gint64  start,
                                gint64  end)
{
  for (guint i = 0; i < quotes->len; i++)
    {
      const AlamaFragment *quote = &g_array_index (quotes, AlamaFragment, i);

      if (start <= quote->end && quote->start < end)
        return TRUE;
    }
  return FALSE;
}

/* ---- Sentences and statements ---------------------------------------------------- */

/* The sentence that holds @cp, or the one that ends last before it. */
const AlamaFragment *
_alama_tagger_sentence_at (GArray *sentences,
                           gint64  cp)
{
  const AlamaFragment *found = NULL;

  for (guint i = 0; i < sentences->len; i++)
    {
      const AlamaFragment *sentence = &g_array_index (sentences, AlamaFragment, i);

      if (sentence->start > cp)
        break;
      found = sentence;
      if (cp < sentence->end)
        break;
    }
  return found;
}

static gunichar
char_at (const AlamaTaggerInput *input,
         gint64                  cp)
{
  return g_utf8_get_char (input->text + alama_text_index_cp_to_byte (input->index, cp));
}

gint64
_alama_tagger_statement_end (const AlamaTaggerInput *input,
                             GArray                 *words,
                             GArray                 *quotes,
                             GArray                 *sentences,
                             gint64                  start,
                             GHashTable             *other_verbs)
{
  const AlamaFragment *sentence = _alama_tagger_sentence_at (sentences, start);
  gint64 end = sentence ? sentence->end : alama_text_index_get_length (input->index);
  gboolean moved = TRUE;

  while (moved)
    {
      moved = FALSE;
      for (guint i = 0; i < quotes->len; i++)
        {
          const AlamaFragment *marks = &g_array_index (quotes, AlamaFragment, i);

          if (marks->start >= start && marks->start < end && marks->end >= end)
            {
              const AlamaFragment *closing = _alama_tagger_sentence_at (sentences, marks->end);

              end = closing ? MAX (closing->end, marks->end + 1) : marks->end + 1;
              moved = TRUE;
            }
        }
    }

  for (guint w = _alama_tagger_word_at_or_after (words, start); w < words->len; w++)
    {
      const AlamaTaggerWord *word = &g_array_index (words, AlamaTaggerWord, w);

      if (word->start >= end)
        break;
      if (word->start == start ||
          _alama_tagger_inside_quotation (quotes, word->start, word->end))
        continue;
      if (_alama_tagger_match_verb (_alama_tagger_speech_verbs (), word->norm, NULL) >= 0 ||
          _alama_tagger_match_verb (other_verbs, word->norm, NULL) >= 0)
        {
          gint64 cut = word->start;
          const AlamaTaggerWord *before = w > 0 ? &g_array_index (words, AlamaTaggerWord,
                                                                  w - 1) : NULL;

          /* A verb that follows a comma, or a connective (فيما، بينما، كما، ثم)
           * or carries و/ف, starts a new statement; one in the middle of a
           * phrase (الذي قال) does not. */
          if (before != NULL && before->start > start &&
              (g_str_equal (before->norm, "فيما") || g_str_equal (before->norm, "بينما") ||
               g_str_equal (before->norm, "كما") || g_str_equal (before->norm, "ثم")))
            return before->start;
          while (cut > start && g_unichar_isspace (char_at (input, cut - 1)))
            cut--;
          if (cut > start && (char_at (input, cut - 1) == ',' ||
                              char_at (input, cut - 1) == 0x060C /* ، */))
            return cut;
          if (_alama_tagger_match_verb (_alama_tagger_speech_verbs (), word->norm, NULL) == 1 ||
              _alama_tagger_match_verb (other_verbs, word->norm, NULL) == 1 ||
              _alama_tagger_match_verb (_alama_tagger_participles (), word->norm, NULL) >= 0)
            return word->start;
        }
    }
  return end;
}
