/* alama-tagger-claims.c: claims found by attribution and accusation verbs.
 *
 * A verb such as اتهم، نفى، زعم، حذر، طالب، هدد، تعهد (and أكد when أن follows)
 * gives a CLAIM span over its clause, CLAIMANT from the verb's subject, TARGET to
 * the entity the verb is aimed at (the object of اتهم: اتهمت أذربيجان أرمينيا بـ...
 * → TARGET أرمينيا), and the CLAIM's `stance` attribute.
 *
 * The clause: after إن/أن when it follows the verb (نفت موسكو أن تكون ...), else
 * after the subject when the subject follows the verb, else after the verb; it
 * runs to the end of the sentence or the next quotation mark.
 */
#define G_LOG_DOMAIN "alama-tagger-claims"

#include "config.h"

#include <string.h>

#include "alama-tagger-private.h"
#include "alama/alama-arabic.h"

#define MAX_WORDS_TO_SUBJECT 4
#define MAX_WORDS_TO_COMPLEMENTIZER 6
/* The object of اتهم comes right after the subject (or the verb). */
#define MAX_WORDS_TO_TARGET 1

typedef enum
{
  VERB_TAKES_TARGET         = 1 << 0,  /* its object is what the claim is aimed at */
  VERB_NEEDS_COMPLEMENTIZER = 1 << 1,  /* a claim only with أن after it (أكد أن) */
} ClaimVerbFlags;

typedef struct
{
  const char     *stance;
  ClaimVerbFlags  flags;
  const char     *forms[8];
} ClaimVerb;

/* يعد/تعد are left out of وعد: in news they mostly mean "is considered". */
static const ClaimVerb claim_verbs[] = {
  { "accuses",  VERB_TAKES_TARGET, { "اتهم", "اتهمت", "اتهموا", "يتهم", "تتهم", "يتهمون", "اتّهم", NULL } },
  { "denies",   0, { "نفى", "نفت", "نفوا", "ينفي", "تنفي", "ينفون", NULL } },
  { "asserts",  0, { "زعم", "زعمت", "زعموا", "يزعم", "تزعم", NULL } },
  { "asserts",  0, { "ادعى", "ادّعى", "ادعت", "ادّعت", "ادعوا", "يدعي", "تدعي", NULL } },
  { "asserts",  VERB_TAKES_TARGET, { "حذر", "حذّر", "حذرت", "حذّرت", "حذروا", "يحذر", "تحذر", NULL } },
  { "asserts",  VERB_TAKES_TARGET, { "طالب", "طالبت", "طالبوا", "يطالب", "تطالب", NULL } },
  { "asserts",  VERB_TAKES_TARGET, { "هدد", "هدّد", "هددت", "هدّدت", "هددوا", "يهدد", "تهدد", NULL } },
  { "asserts",  VERB_NEEDS_COMPLEMENTIZER, { "أكد", "أكّد", "أكدت", "أكّدت", "أكدوا", "يؤكد", "تؤكد", NULL } },
  { "promises", 0, { "تعهد", "تعهّد", "تعهدت", "تعهّدت", "تعهدوا", "يتعهد", "تتعهد", NULL } },
  { "promises", 0, { "وعد", "وعدت", "وعدوا", NULL } },
};

static GHashTable *
claim_verb_table (void)
{
  static GHashTable *table = NULL;

  if (g_once_init_enter (&table))
    {
      GHashTable *verbs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (claim_verbs); i++)
        for (guint j = 0; claim_verbs[i].forms[j] != NULL; j++)
          g_hash_table_insert (verbs,
                               alama_arabic_normalize (claim_verbs[i].forms[j],
                                                       ALAMA_ARABIC_FOLD_DEFAULT, NULL),
                               (gpointer) &claim_verbs[i]);
      g_once_init_leave (&table, verbs);
    }
  return table;
}

static AlamaSpan *
new_claim (gint64      start,
           gint64      end,
           const char *stance)
{
  AlamaSpan *span = alama_span_new ("CLAIM", start, end);

  span->status = ALAMA_STATUS_PENDING;
  g_free (span->source);
  span->source = g_strdup (ALAMA_TAGGER_SOURCE_CLAIMS);
  alama_span_set_attribute (span, "stance", stance);
  return span;
}

/* The first actor starting at or after @from within @max_words words, other than
 * @not_this; -1 if none. */
static gint
actor_after (GPtrArray *actors,
             GArray    *words,
             gint64     from,
             gint64     limit,
             guint      max_words,
             gint       not_this)
{
  guint from_word = _alama_tagger_word_at_or_after (words, from);

  for (guint i = 0; i < actors->len; i++)
    {
      AlamaSpan *actor = g_ptr_array_index (actors, i);
      guint actor_word;

      if ((gint) i == not_this || alama_span_get_start (actor) < from)
        continue;
      if (alama_span_get_end (actor) > limit)
        return -1;
      actor_word = _alama_tagger_word_at_or_after (words, alama_span_get_start (actor));
      return actor_word - from_word <= max_words ? (gint) i : -1;
    }
  return -1;
}

/* Index of إن/أن among the next few words of the sentence, or 0. */
static guint
find_complementizer (GArray *words,
                     guint   verb_word,
                     gint64  sentence_end)
{
  for (guint c = verb_word + 1;
       c < words->len && c <= verb_word + MAX_WORDS_TO_COMPLEMENTIZER; c++)
    {
      const AlamaTaggerWord *word = &g_array_index (words, AlamaTaggerWord, c);

      if (word->start >= sentence_end)
        return 0;
      if (_alama_tagger_is_complementizer (word->norm))
        return c;
    }
  return 0;
}

static void
propose_claims_in_sentence (const AlamaTaggerInput *input,
                            GArray                 *words,
                            GPtrArray              *actors,
                            const AlamaFragment    *sentence,
                            AlamaTaggerProposals   *proposals)
{
  for (guint w = _alama_tagger_word_at_or_after (words, sentence->start); w < words->len; w++)
    {
      const AlamaTaggerWord *word = &g_array_index (words, AlamaTaggerWord, w);
      gpointer value = NULL;
      const ClaimVerb *verb;
      gint stripped, claimant, target;
      gint64 verb_start, clause_start, clause_end, subject_limit;
      guint complementizer;
      guint claim;

      if (word->start >= sentence->end)
        break;
      stripped = _alama_tagger_match_verb (claim_verb_table (), word->norm, &value);
      if (stripped < 0)
        continue;
      verb = value;
      verb_start = word->start + g_array_index (word->map, gint64, stripped);

      complementizer = find_complementizer (words, w, sentence->end);
      if ((verb->flags & VERB_NEEDS_COMPLEMENTIZER) && complementizer == 0)
        continue;

      /* The subject stands before إن/أن; without one, anywhere near the verb. */
      subject_limit = complementizer ? g_array_index (words, AlamaTaggerWord, complementizer).start
                                     : sentence->end;
      claimant = _alama_tagger_find_actor (actors, words, verb_start, word->end, sentence->start,
                                           subject_limit, NULL, MAX_WORDS_TO_SUBJECT,
                                           stripped == 0);

      /* Where the claim begins. */
      if (complementizer != 0 && complementizer + 1 < words->len)
        clause_start = g_array_index (words, AlamaTaggerWord, complementizer + 1).start;
      else if (claimant >= 0 &&
               alama_span_get_start (g_ptr_array_index (actors, claimant)) >= word->end)
        clause_start = alama_span_get_end (g_ptr_array_index (actors, claimant));
      else
        clause_start = word->end;
      if (clause_start >= sentence->end)
        continue;
      clause_end = _alama_tagger_next_quote_mark (input->index, input->text, clause_start,
                                                  sentence->end);
      _alama_tagger_trim_clause (input->text, input->index, &clause_start, &clause_end);
      if (clause_start >= clause_end)
        continue;

      claim = alama_tagger_proposals_add_span (proposals,
                                               new_claim (clause_start, clause_end, verb->stance));
      if (claimant >= 0)
        {
          guint from = alama_tagger_proposals_ensure_span (proposals,
                                                           g_ptr_array_index (actors, claimant));

          alama_tagger_proposals_add_relation (proposals, "CLAIMANT", from, claim);
        }

      if (verb->flags & VERB_TAKES_TARGET)
        {
          /* The object: right after the subject when the subject follows the verb,
           * else right after the verb. */
          gint64 object_from = word->end;

          if (claimant >= 0 &&
              alama_span_get_start (g_ptr_array_index (actors, claimant)) >= word->end)
            object_from = alama_span_get_end (g_ptr_array_index (actors, claimant));
          target = actor_after (actors, words, object_from, sentence->end, MAX_WORDS_TO_TARGET,
                                claimant);
          if (target >= 0)
            {
              guint to = alama_tagger_proposals_ensure_span (proposals,
                                                             g_ptr_array_index (actors, target));

              alama_tagger_proposals_add_relation (proposals, "TARGET", claim, to);
            }
        }

      /* One claim per clause: go on after it. */
      w = _alama_tagger_word_at_or_after (words, clause_end);
      if (w > 0)
        w--;
    }
}

static AlamaTaggerProposals *
claims_propose (const AlamaTaggerInput *input,
                gpointer                data)
{
  AlamaGazetteer *gazetteer = data;
  AlamaTaggerProposals *proposals = alama_tagger_proposals_new ();
  g_autoptr(GArray) sentences = alama_text_sentences (input->text);
  g_autoptr(GArray) words = _alama_tagger_words (input->text, input->index);
  g_autoptr(GPtrArray) actors = _alama_tagger_actor_candidates (input, gazetteer, "CLAIMANT");

  if (sentences == NULL || sentences->len == 0)
    {
      AlamaFragment all = { 0, alama_text_index_get_length (input->index) };

      propose_claims_in_sentence (input, words, actors, &all, proposals);
      return proposals;
    }

  for (guint s = 0; s < sentences->len; s++)
    propose_claims_in_sentence (input, words, actors,
                                &g_array_index (sentences, AlamaFragment, s), proposals);
  return proposals;
}

AlamaTagger *
alama_tagger_new_claims (AlamaGazetteer *gazetteer)
{
  return _alama_tagger_new (ALAMA_TAGGER_SOURCE_CLAIMS, claims_propose, gazetteer, NULL);
}
