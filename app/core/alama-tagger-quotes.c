/* alama-tagger-quotes.c: direct and indirect quotations with their cue and speaker.
 *
 * Direct speech: text between quotation marks (" ", « », “ ” and the Arabic
 * typographers' ” “) with a speech verb in the same sentence. Indirect speech: a
 * speech verb followed by إن/أن (قال إن ...، أكد أنه ...), the clause running to the
 * end of the sentence or the next quotation mark. Each gives a QUOTE span, a CUE
 * span on the verb (without a و/ف clitic), CUE_OF cue → quote and, when the
 * verb's subject is a known entity, SPEAKER entity → quote.
 */
#define G_LOG_DOMAIN "alama-tagger-quotes"

#include "config.h"

#include <string.h>

#include "alama-tagger-private.h"
#include "alama/alama-arabic.h"

/* How many words may stand between a verb and its subject (وقال وزير الخارجية
 * الروسي سيرغي لافروف: three before the name). */
#define MAX_WORDS_TO_SUBJECT 4
/* How far after the verb إن/أن may come (وأضاف المتحدث باسم الوزارة أن ...). */
#define MAX_WORDS_TO_COMPLEMENTIZER 8

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
};

static GHashTable *
speech_verb_table (void)
{
  static GHashTable *table = NULL;

  if (g_once_init_enter (&table))
    {
      GHashTable *verbs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (speech_verbs); i++)
        g_hash_table_add (verbs, alama_arabic_normalize (speech_verbs[i],
                                                         ALAMA_ARABIC_FOLD_DEFAULT, NULL));
      g_once_init_leave (&table, verbs);
    }
  return table;
}

/* ---- Quotation marks --------------------------------------------------------- */

static gunichar
closing_mark_for (gunichar c)
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

/* Pairs of quotation marks as fragments [open, close] (the marks' own offsets). */
static GArray *
find_quotations (const char *text)
{
  GArray *quotes = g_array_new (FALSE, FALSE, sizeof (AlamaFragment));
  const char *p = text;
  gint64 cp = 0;

  while (*p)
    {
      gunichar closing = closing_mark_for (g_utf8_get_char (p));
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
      while (*q && g_utf8_get_char (q) != closing)
        {
          q = g_utf8_next_char (q);
          close_cp++;
        }
      if (*q == '\0')
        {
          /* An opening mark never closed: not a quotation, look on after it. */
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

static gboolean
inside_quotation (GArray *quotes,
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

/* The sentence that holds @cp, or the one that ends last before it. */
static const AlamaFragment *
sentence_at (GArray *sentences,
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

/* ---- Building proposals ------------------------------------------------------ */

typedef struct
{
  const AlamaTaggerInput *input;
  GArray                 *words;
  GArray                 *quotes;     /* AlamaFragment of the marks' offsets */
  GPtrArray              *actors;
  AlamaTaggerProposals   *proposals;
} QuoteScan;

static AlamaSpan *
new_suggestion (const char *label,
                gint64      start,
                gint64      end)
{
  AlamaSpan *span = alama_span_new (label, start, end);

  span->status = ALAMA_STATUS_PENDING;
  g_free (span->source);
  span->source = g_strdup (ALAMA_TAGGER_SOURCE_QUOTES);
  return span;
}

/* Adds QUOTE, CUE, CUE_OF and, if a subject is found in [window_start,
 * window_end), SPEAKER. */
static void
propose_quote (QuoteScan *scan,
               gint64     quote_start,
               gint64     quote_end,
               gint64     cue_start,
               gint64     cue_end,
               gint64     window_start,
               gint64     window_end,
               gboolean   prefer_adjacent_before)
{
  guint quote = alama_tagger_proposals_add_span (scan->proposals,
                                                 new_suggestion ("QUOTE", quote_start, quote_end));
  guint cue = alama_tagger_proposals_add_span (scan->proposals,
                                               new_suggestion ("CUE", cue_start, cue_end));
  gint actor;

  alama_tagger_proposals_add_relation (scan->proposals, "CUE_OF", cue, quote);

  actor = _alama_tagger_find_actor (scan->actors, scan->words, cue_start, cue_end,
                                    window_start, window_end, scan->quotes,
                                    MAX_WORDS_TO_SUBJECT, prefer_adjacent_before);
  if (actor >= 0)
    {
      guint speaker = alama_tagger_proposals_ensure_span (scan->proposals,
                                                          g_ptr_array_index (scan->actors, actor));

      alama_tagger_proposals_add_relation (scan->proposals, "SPEAKER", speaker, quote);
    }
}

static gboolean
char_is_space (const AlamaTaggerInput *input,
               gint64                  cp)
{
  return g_unichar_isspace (g_utf8_get_char (input->text +
                                             alama_text_index_cp_to_byte (input->index, cp)));
}

/* The speech verb of a word, as the code points of its stem, or FALSE. */
static gboolean
word_is_speech_verb (const AlamaTaggerWord *word,
                     gint64                *cue_start,
                     gint64                *cue_end)
{
  gint stripped = _alama_tagger_match_verb (speech_verb_table (), word->norm, NULL);

  if (stripped < 0)
    return FALSE;
  *cue_start = word->start + g_array_index (word->map, gint64, stripped);
  *cue_end = word->end;
  return TRUE;
}

static void
scan_direct (QuoteScan *scan,
             GArray    *sentences,
             GArray    *used_verbs)
{
  for (guint q = 0; q < scan->quotes->len; q++)
    {
      const AlamaFragment *marks = &g_array_index (scan->quotes, AlamaFragment, q);
      const AlamaFragment *first = sentence_at (sentences, marks->start);
      const AlamaFragment *last = sentence_at (sentences, marks->end);
      gint64 window_start = first ? first->start : 0;
      gint64 window_end = last ? MAX (last->end, marks->end + 1) : marks->end + 1;
      gint64 quote_start = marks->start + 1, quote_end = marks->end;
      gint64 best_distance = G_MAXINT64, cue_start = 0, cue_end = 0;
      gint best_word = -1;

      /* Only spaces are trimmed: punctuation inside the marks belongs to the quote. */
      while (quote_start < quote_end && char_is_space (scan->input, quote_start))
        quote_start++;
      while (quote_end > quote_start && char_is_space (scan->input, quote_end - 1))
        quote_end--;
      if (quote_start >= quote_end)
        continue;

      /* The speech verb nearest to the quotation, outside every quotation. */
      for (guint w = _alama_tagger_word_at_or_after (scan->words, window_start);
           w < scan->words->len; w++)
        {
          const AlamaTaggerWord *word = &g_array_index (scan->words, AlamaTaggerWord, w);
          gint64 start, end, distance;

          if (word->start >= window_end)
            break;
          if (inside_quotation (scan->quotes, word->start, word->end) ||
              !word_is_speech_verb (word, &start, &end))
            continue;
          distance = end <= marks->start ? marks->start - end : start - marks->end;
          if (distance < best_distance)
            {
              best_distance = distance;
              best_word = (gint) w;
              cue_start = start;
              cue_end = end;
            }
        }
      if (best_word < 0)
        continue;

      g_array_append_val (used_verbs, best_word);
      propose_quote (scan, quote_start, quote_end, cue_start, cue_end, window_start, window_end,
                     cue_start == g_array_index (scan->words, AlamaTaggerWord, best_word).start);
    }
}

static gboolean
verb_used (GArray *used_verbs,
           guint   w)
{
  for (guint i = 0; i < used_verbs->len; i++)
    if (g_array_index (used_verbs, gint, i) == (gint) w)
      return TRUE;
  return FALSE;
}

static void
scan_indirect (QuoteScan *scan,
               GArray    *sentences,
               GArray    *used_verbs)
{
  const char *text = scan->input->text;
  AlamaTextIndex *index = scan->input->index;

  for (guint s = 0; s < sentences->len; s++)
    {
      const AlamaFragment *sentence = &g_array_index (sentences, AlamaFragment, s);
      guint w = _alama_tagger_word_at_or_after (scan->words, sentence->start);

      for (; w < scan->words->len; w++)
        {
          const AlamaTaggerWord *word = &g_array_index (scan->words, AlamaTaggerWord, w);
          gint64 cue_start, cue_end, clause_start, clause_end;
          guint c;

          if (word->start >= sentence->end)
            break;
          if (verb_used (used_verbs, w) ||
              inside_quotation (scan->quotes, word->start, word->end) ||
              !word_is_speech_verb (word, &cue_start, &cue_end))
            continue;

          /* إن/أن within a few words, before any quotation mark or sentence end. */
          for (c = w + 1; c < scan->words->len && c <= w + MAX_WORDS_TO_COMPLEMENTIZER; c++)
            {
              const AlamaTaggerWord *next = &g_array_index (scan->words, AlamaTaggerWord, c);

              if (next->start >= sentence->end ||
                  inside_quotation (scan->quotes, next->start, next->end))
                {
                  c = scan->words->len;
                  break;
                }
              if (_alama_tagger_is_complementizer (next->norm))
                break;
            }
          if (c >= scan->words->len || c > w + MAX_WORDS_TO_COMPLEMENTIZER ||
              c + 1 >= scan->words->len)
            continue;

          clause_start = g_array_index (scan->words, AlamaTaggerWord, c + 1).start;
          if (clause_start >= sentence->end)
            continue;
          clause_end = _alama_tagger_next_quote_mark (index, text, clause_start, sentence->end);
          _alama_tagger_trim_clause (text, index, &clause_start, &clause_end);
          if (clause_start >= clause_end)
            continue;

          /* The subject stands between the verb and إن/أن, or before the verb. */
          propose_quote (scan, clause_start, clause_end, cue_start, cue_end, sentence->start,
                         g_array_index (scan->words, AlamaTaggerWord, c).start,
                         cue_start == word->start);
          w = c;
        }
    }
}

static AlamaTaggerProposals *
quotes_propose (const AlamaTaggerInput *input,
                gpointer                data)
{
  AlamaGazetteer *gazetteer = data;
  g_autoptr(GArray) sentences = alama_text_sentences (input->text);
  g_autoptr(GArray) used_verbs = g_array_new (FALSE, FALSE, sizeof (gint));
  g_autoptr(GArray) words = _alama_tagger_words (input->text, input->index);
  g_autoptr(GArray) quotes = find_quotations (input->text);
  g_autoptr(GPtrArray) actors = _alama_tagger_actor_candidates (input, gazetteer, "SPEAKER");
  QuoteScan scan = { input, words, quotes, actors, alama_tagger_proposals_new () };

  if (sentences == NULL)
    sentences = g_array_new (FALSE, FALSE, sizeof (AlamaFragment));
  if (sentences->len == 0)
    {
      /* No sentence breaks (an ICU failure): the whole text is one sentence. */
      AlamaFragment all = { 0, alama_text_index_get_length (input->index) };

      g_array_append_val (sentences, all);
    }

  scan_direct (&scan, sentences, used_verbs);
  scan_indirect (&scan, sentences, used_verbs);
  return scan.proposals;
}

AlamaTagger *
alama_tagger_new_quotes (AlamaGazetteer *gazetteer)
{
  return _alama_tagger_new (ALAMA_TAGGER_SOURCE_QUOTES, quotes_propose, gazetteer, NULL);
}
