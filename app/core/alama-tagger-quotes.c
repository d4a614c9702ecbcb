/* alama-tagger-quotes.c: direct and indirect quotations with their cue and speaker.
 *
 * Direct speech: text between quotation marks (" ", « », “ ” and the Arabic
 * typographers' ” “) of one paragraph with a speech verb in the same sentence; a
 * single quoted word, or a quoted name after a word such as وكالة or موقع, is a name
 * or a scare quote, not speech. Indirect speech: a speech verb (or its participle:
 * مضيفاً، مشيرة) followed by إن/أن (قال إن ...، أكد أنه ...); the clause runs to the
 * end of the sentence, through any quotation in it, and stops where another
 * reporting verb begins a second statement (، مضيفاً أن ...، فيما اتهم ...). A
 * quotation inside such a clause is part of it; a clause that is one quotation
 * loses its marks. Each gives a QUOTE span, a CUE span on the verb (without a
 * و/ف clitic), CUE_OF cue → quote and, when the verb's subject is a known entity
 * (a person named near the verb before any other), SPEAKER entity → quote. A verb
 * whose subject is left unsaid (وأضاف أن، مضيفاً) continues the speaker of the
 * paragraph's previous quote.
 */
#define G_LOG_DOMAIN "alama-tagger-quotes"

#include "config.h"

#include <string.h>

#include "alama-tagger-private.h"
#include "alama/alama-arabic.h"

/* How many words may stand between a verb and its subject (وقال وزير الخارجية
 * الروسي سيرغي لافروف: three before the name). */
#define MAX_WORDS_TO_SUBJECT 4
/* How far after the verb إن/أن may come: past a subject with its apposition (وقال
 * فلان، المتحدث باسم وزارة الخارجية في البلد، إن ...). */
#define MAX_WORDS_TO_COMPLEMENTIZER 12

/* Verbs that begin a second statement inside a clause besides the speech verbs:
 * accusing and denying (…، فيما اتهم ...). */
static const char * const other_reporting_verbs[] = {
  "اتهم", "اتهمت", "اتهموا", "يتهم", "تتهم", "متهما", "متهمة",
  "نفى", "نفت", "نفوا", "ينفي", "تنفي", "نافيا", "نافية",
  "ندد", "نددت", "دعا", "دعت",
};

/* Words right before a quotation that make it a name (وكالة "سبوتنيك"، موقع "...",
 * نقلت عنه «وكالة ...»), or its own first word when that is such a word. */
static const char * const name_words[] = {
  "وكالة", "وكالات", "صحيفة", "صحف", "قناة", "موقع", "مراسل", "تطبيق", "منصة", "برنامج",
  "عبر", "عن", "عنه", "عنها", "عنهم", "باسم", "طراز", "عملية", "شبكة", "مجلة", "إذاعة",
};

/* After a verb, words that show its subject is left unsaid (وأضاف أن، وقال في بيانه). */
static const char * const unsaid_subject_next[] = {
  "ان", "انه", "انها", "بان", "في", "خلال", "عن", "على", "الى", "عقب", "امس", "ايضا", "كذلك",
  "مجددا", "لاحقا",
};

#define DEFINE_SET(func, words)                                         \
  static GHashTable *                                                   \
  func (void)                                                           \
  {                                                                     \
    static GHashTable *table = NULL;                                    \
                                                                        \
    if (g_once_init_enter (&table))                                     \
      g_once_init_leave (&table, _alama_tagger_normalized_set (words, G_N_ELEMENTS (words))); \
    return table;                                                       \
  }

DEFINE_SET (other_reporting_table, other_reporting_verbs)
DEFINE_SET (name_word_table, name_words)
DEFINE_SET (unsaid_subject_table, unsaid_subject_next)

/* ---- Building proposals ------------------------------------------------------ */

/* A quotation found, before its speaker is chosen: speakers are chosen in reading
 * order, so that a verb without a subject can take the previous quote's. */
typedef struct
{
  gint64   quote_start, quote_end;
  gint64   cue_start, cue_end;
  gint64   window_start, window_end;  /* where the verb's subject may stand */
  gboolean prefer_adjacent_before;
  gboolean subject_unsaid;            /* a participle, or nothing but إن/في... after the verb */
} QuoteCandidate;

typedef struct
{
  const AlamaTaggerInput *input;
  GArray                 *words;
  GArray                 *quotes;      /* AlamaFragment of the marks' offsets */
  GArray                 *clauses;     /* AlamaFragment: the indirect quotes' clauses */
  GArray                 *candidates;  /* QuoteCandidate */
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

static gunichar
char_at (const AlamaTaggerInput *input,
         gint64                  cp)
{
  return g_utf8_get_char (input->text + alama_text_index_cp_to_byte (input->index, cp));
}

static gboolean
char_is_space (const AlamaTaggerInput *input,
               gint64                  cp)
{
  return g_unichar_isspace (char_at (input, cp));
}

/* Whether a line break lies in [start, end): a speaker is never looked for in
 * another paragraph than the verb's. */
static gboolean
crosses_line (const AlamaTaggerInput *input,
              gint64                  start,
              gint64                  end)
{
  for (gint64 cp = start; cp < end; cp++)
    if (_alama_tagger_is_line_break (char_at (input, cp)))
      return TRUE;
  return FALSE;
}

/* The speech verb of a word, as the code points of its stem, or FALSE. */
static gboolean
word_is_speech_verb (const AlamaTaggerWord *word,
                     gint64                *cue_start,
                     gint64                *cue_end)
{
  gint stripped = _alama_tagger_match_verb (_alama_tagger_speech_verbs (), word->norm, NULL);

  if (stripped < 0)
    return FALSE;
  *cue_start = word->start + g_array_index (word->map, gint64, stripped);
  *cue_end = word->end;
  return TRUE;
}

static gboolean
word_in (GHashTable            *set,
         const AlamaTaggerWord *word)
{
  return _alama_tagger_match_verb (set, word->norm, NULL) >= 0;
}

/* Whether the verb at word @w leaves its subject unsaid: a participle (مضيفاً), or
 * a verb followed by إن/أن, a preposition, a colon or a quotation mark rather
 * than by a noun (وأضاف أن، وقال في بيانه، لكنه أضاف: «...»). */
static gboolean
subject_unsaid (QuoteScan *scan,
                guint      w)
{
  const AlamaTaggerWord *word = &g_array_index (scan->words, AlamaTaggerWord, w);
  const AlamaTaggerWord *next;
  gint64 cp = word->end;
  gint64 length = alama_text_index_get_length (scan->input->index);

  if (word_in (_alama_tagger_participles (), word))
    return TRUE;
  while (cp < length && char_is_space (scan->input, cp))
    cp++;
  if (cp < length && (char_at (scan->input, cp) == ':' ||
                      _alama_tagger_closing_mark_for (char_at (scan->input, cp)) != 0))
    return TRUE;
  if (w + 1 >= scan->words->len)
    return FALSE;
  next = &g_array_index (scan->words, AlamaTaggerWord, w + 1);
  return g_hash_table_contains (unsaid_subject_table (), next->norm);
}

static void
add_candidate (QuoteScan *scan,
               gint64     quote_start,
               gint64     quote_end,
               gint64     cue_start,
               gint64     cue_end,
               gint64     window_start,
               gint64     window_end,
               gboolean   prefer_adjacent_before,
               gboolean   unsaid)
{
  QuoteCandidate candidate = { quote_start, quote_end, cue_start, cue_end, window_start,
                               window_end, prefer_adjacent_before, unsaid };

  g_array_append_val (scan->candidates, candidate);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const QuoteCandidate *ca = a, *cb = b;

  return ca->quote_start < cb->quote_start ? -1 : ca->quote_start > cb->quote_start;
}

/* Adds QUOTE, CUE, CUE_OF and SPEAKER for every candidate, in reading order. */
static void
propose_candidates (QuoteScan *scan)
{
  gint previous_speaker = -1;      /* index into proposals->spans */
  gint64 previous_cue_end = -1;

  g_array_sort (scan->candidates, compare_candidates);
  for (guint i = 0; i < scan->candidates->len; i++)
    {
      const QuoteCandidate *c = &g_array_index (scan->candidates, QuoteCandidate, i);
      guint quote = alama_tagger_proposals_add_span (scan->proposals,
                                                     new_suggestion ("QUOTE", c->quote_start,
                                                                     c->quote_end));
      guint cue = alama_tagger_proposals_add_span (scan->proposals,
                                                   new_suggestion ("CUE", c->cue_start,
                                                                   c->cue_end));
      gint actor, speaker = -1;

      alama_tagger_proposals_add_relation (scan->proposals, "CUE_OF", cue, quote);

      actor = _alama_tagger_find_actor (scan->actors, scan->words, c->cue_start, c->cue_end,
                                        c->window_start, c->window_end, scan->quotes,
                                        MAX_WORDS_TO_SUBJECT, c->prefer_adjacent_before);
      if (actor >= 0)
        speaker = (gint) alama_tagger_proposals_ensure_span (scan->proposals,
                                                             g_ptr_array_index (scan->actors,
                                                                                actor));
      else if (c->subject_unsaid && previous_speaker >= 0 &&
               !crosses_line (scan->input, previous_cue_end, c->cue_start))
        speaker = previous_speaker;

      if (speaker >= 0)
        alama_tagger_proposals_add_relation (scan->proposals, "SPEAKER", (guint) speaker, quote);
      /* The next verb without a subject continues this speaker, or nobody's. */
      previous_speaker = speaker;
      previous_cue_end = c->cue_end;
    }
}

static gboolean
inside_clause (GArray *clauses,
               gint64  start,
               gint64  end)
{
  for (guint i = 0; i < clauses->len; i++)
    {
      const AlamaFragment *clause = &g_array_index (clauses, AlamaFragment, i);

      if (start < clause->end && clause->start < end)
        return TRUE;
    }
  return FALSE;
}

/* A quoted name or scare quote rather than speech: one word, or a name word
 * right before it or as its first word (وكالة «...»، موقع "..."). */
static gboolean
quotation_is_name (QuoteScan           *scan,
                   const AlamaFragment *marks)
{
  guint first = _alama_tagger_word_at_or_after (scan->words, marks->start + 1);
  guint n_words = 0;

  for (guint w = first; w < scan->words->len; w++)
    {
      if (g_array_index (scan->words, AlamaTaggerWord, w).start >= marks->end)
        break;
      n_words++;
    }
  if (n_words <= 1)
    return TRUE;
  if (word_in (name_word_table (), &g_array_index (scan->words, AlamaTaggerWord, first)))
    return TRUE;
  if (first > 0)
    {
      const AlamaTaggerWord *before = &g_array_index (scan->words, AlamaTaggerWord, first - 1);

      if (before->end <= marks->start && word_in (name_word_table (), before))
        return TRUE;
    }
  return FALSE;
}

static void
scan_direct (QuoteScan *scan,
             GArray    *sentences)
{
  for (guint q = 0; q < scan->quotes->len; q++)
    {
      const AlamaFragment *marks = &g_array_index (scan->quotes, AlamaFragment, q);
      const AlamaFragment *first = _alama_tagger_sentence_at (sentences, marks->start);
      const AlamaFragment *last = _alama_tagger_sentence_at (sentences, marks->end);
      gint64 window_start = first ? first->start : 0;
      gint64 window_end = last ? MAX (last->end, marks->end + 1) : marks->end + 1;
      gint64 quote_start = marks->start + 1, quote_end = marks->end;
      gint64 best_distance = G_MAXINT64, cue_start = 0, cue_end = 0;
      gint best_word = -1;

      /* Part of an indirect quote's clause, or not speech at all. */
      if (inside_clause (scan->clauses, marks->start, marks->end + 1) ||
          quotation_is_name (scan, marks))
        continue;

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
          if (_alama_tagger_inside_quotation (scan->quotes, word->start, word->end) ||
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

      add_candidate (scan, quote_start, quote_end, cue_start, cue_end, window_start, window_end,
                     cue_start == g_array_index (scan->words, AlamaTaggerWord, best_word).start,
                     subject_unsaid (scan, (guint) best_word));
    }
}

/* The quotation @cp lies in (marks included), or NULL. */
static const AlamaFragment *
quotation_holding (GArray *quotes,
                   gint64  cp)
{
  for (guint i = 0; i < quotes->len; i++)
    {
      const AlamaFragment *marks = &g_array_index (quotes, AlamaFragment, i);

      if (marks->start <= cp && cp <= marks->end)
        return marks;
    }
  return NULL;
}

/* The quotation whose opening mark is at @cp, or NULL. */
static const AlamaFragment *
quotation_opening_at (GArray *quotes,
                      gint64  cp)
{
  for (guint i = 0; i < quotes->len; i++)
    if (g_array_index (quotes, AlamaFragment, i).start == cp)
      return &g_array_index (quotes, AlamaFragment, i);
  return NULL;
}

static void
scan_indirect (QuoteScan *scan,
               GArray    *sentences)
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
          const AlamaFragment *whole;
          gint64 cue_start, cue_end, clause_start, end;
          guint c;

          if (word->start >= sentence->end)
            break;
          if (_alama_tagger_inside_quotation (scan->quotes, word->start, word->end) ||
              inside_clause (scan->clauses, word->start, word->end) ||
              !word_is_speech_verb (word, &cue_start, &cue_end))
            continue;

          /* إن/أن within a few words, before any quotation mark or sentence end. */
          for (c = w + 1; c < scan->words->len && c <= w + MAX_WORDS_TO_COMPLEMENTIZER; c++)
            {
              const AlamaTaggerWord *next = &g_array_index (scan->words, AlamaTaggerWord, c);

              const AlamaFragment *marks = quotation_holding (scan->quotes, next->start);

              if (next->start >= sentence->end ||
                  (marks != NULL && !quotation_is_name (scan, marks)))
                {
                  c = scan->words->len;
                  break;
                }
              if (marks == NULL && _alama_tagger_is_complementizer (next->norm))
                break;
            }
          if (c >= scan->words->len || c > w + MAX_WORDS_TO_COMPLEMENTIZER)
            continue;

          /* The clause starts after إن/أن, at a quotation mark if one follows. */
          clause_start = g_array_index (scan->words, AlamaTaggerWord, c).end;
          while (clause_start < sentence->end && char_is_space (scan->input, clause_start))
            clause_start++;
          if (clause_start >= sentence->end)
            continue;
          end = _alama_tagger_statement_end (scan->input, scan->words, scan->quotes, sentences,
                                              clause_start, other_reporting_table ());
          _alama_tagger_trim_clause (text, index, &clause_start, &end);
          if (clause_start >= end)
            continue;
          {
            AlamaFragment clause = { clause_start, end };

            g_array_append_val (scan->clauses, clause);
          }

          /* A clause that is one quotation is quoted speech: without its marks. */
          whole = quotation_opening_at (scan->quotes, clause_start);
          if (whole != NULL && whole->end == end - 1 && end - clause_start > 2)
            {
              clause_start++;
              end--;
            }

          /* The subject stands between the verb and إن/أن, or before the verb. */
          add_candidate (scan, clause_start, end, cue_start, cue_end, sentence->start,
                         g_array_index (scan->words, AlamaTaggerWord, c).start,
                         cue_start == word->start, subject_unsaid (scan, w));
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
  g_autoptr(GArray) words = _alama_tagger_words (input->text, input->index);
  g_autoptr(GArray) quotes = _alama_tagger_find_quotations (input->text);
  g_autoptr(GArray) clauses = g_array_new (FALSE, FALSE, sizeof (AlamaFragment));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (QuoteCandidate));
  g_autoptr(GPtrArray) actors = _alama_tagger_actor_candidates (input, gazetteer, "SPEAKER");
  QuoteScan scan = { input, words, quotes, clauses, candidates, actors,
                     alama_tagger_proposals_new () };

  if (sentences == NULL)
    sentences = g_array_new (FALSE, FALSE, sizeof (AlamaFragment));
  if (sentences->len == 0)
    {
      /* No sentence breaks (an ICU failure): the whole text is one sentence. */
      AlamaFragment all = { 0, alama_text_index_get_length (input->index) };

      g_array_append_val (sentences, all);
    }

  /* Indirect speech first: a quotation inside its clause belongs to it. */
  scan_indirect (&scan, sentences);
  scan_direct (&scan, sentences);
  propose_candidates (&scan);
  return scan.proposals;
}

AlamaTagger *
alama_tagger_new_quotes (AlamaGazetteer *gazetteer)
{
  return _alama_tagger_new (ALAMA_TAGGER_SOURCE_QUOTES, quotes_propose, gazetteer, NULL);
}
