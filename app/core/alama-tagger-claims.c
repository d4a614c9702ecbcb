/* alama-tagger-claims.c: claims found by attribution and accusation verbs.
 *
 * A verb such as اتهم، نفى، زعم، حذر، طالب، هدد، تعهد (and أكد when أن follows)
 * gives a CLAIM span over its clause, CLAIMANT from the verb's subject, TARGET to
 * the entity the verb is aimed at (the object of اتهم: اتهمت أذربيجان أرمينيا بـ...
 * → TARGET أرمينيا), and the CLAIM's `stance` attribute.
 *
 * Verbs are found with their clitics (واتهمت، واتهمها، يتهمهم) and as participles
 * (متهماً، نافية، متعهداً، مؤكدة أن); a verb inside a quotation is the quoted
 * speaker's, not a claim the article reports.
 *
 * The clause: after إن/أن when it follows the verb (نفت موسكو أن تكون ...); for an
 * accusation, from the بـ phrase that says what of (اتهمت أرمينيا أذربيجان بقصف
 * ...); else after the subject when the subject follows the verb, else after the
 * verb. It runs to the end of the sentence, through quotations, and stops where
 * another reporting verb begins a second statement (، وأكدت أن ...).
 */
#define G_LOG_DOMAIN "alama-tagger-claims"

#include "config.h"

#include <string.h>

#include "alama-tagger-private.h"
#include "alama/alama-arabic.h"

#define MAX_WORDS_TO_SUBJECT 4
/* Past a subject with its apposition (أكد فلان، ممثل الرئيس، أن ...). */
#define MAX_WORDS_TO_COMPLEMENTIZER 12
/* How far after the verb the بـ of an accusation may come (اتهمت الولايات المتحدة
 * وكوريا الجنوبية، بيونغ يانغ، بإرسال ...). */
#define MAX_WORDS_TO_CHARGE 10
/* The object of اتهم comes right after the subject (or the verb). */
#define MAX_WORDS_TO_TARGET 1

typedef enum
{
  VERB_TAKES_TARGET         = 1 << 0,  /* its object is what the claim is aimed at */
  VERB_NEEDS_COMPLEMENTIZER = 1 << 1,  /* a claim only with أن after it (أكد أن) */
  VERB_CHARGE_AFTER_BI      = 1 << 2,  /* what is alleged follows بـ (اتهمه بالكذب) */
} ClaimVerbFlags;

typedef struct
{
  const char     *stance;
  ClaimVerbFlags  flags;
  const char     *forms[12];
} ClaimVerb;

/* يعد/تعد are left out of وعد: in news they mostly mean "is considered". */
static const ClaimVerb claim_verbs[] = {
  { "accuses",  VERB_TAKES_TARGET | VERB_CHARGE_AFTER_BI,
    { "اتهم", "اتهمت", "اتهموا", "يتهم", "تتهم", "يتهمون", "اتّهم", "متهما", "متهمة", "متهمين", NULL } },
  { "accuses",  VERB_CHARGE_AFTER_BI,
    { "ندد", "نددت", "نددوا", "يندد", "تندد", "منددا", "منددة", "أدان", "أدانت", "يدين", "تدين", NULL } },
  { "denies",   0, { "نفى", "نفت", "نفوا", "ينفي", "تنفي", "ينفون", "نافيا", "نافية", NULL } },
  { "asserts",  0, { "زعم", "زعمت", "زعموا", "يزعم", "تزعم", "زاعما", "زاعمة", NULL } },
  { "asserts",  0, { "ادعى", "ادّعى", "ادعت", "ادّعت", "ادعوا", "يدعي", "تدعي", NULL } },
  { "asserts",  VERB_TAKES_TARGET,
    { "حذر", "حذّر", "حذرت", "حذّرت", "حذروا", "يحذر", "تحذر", "محذرا", "محذرة", NULL } },
  { "asserts",  VERB_TAKES_TARGET, { "طالب", "طالبت", "طالبوا", "يطالب", "تطالب", NULL } },
  { "asserts",  VERB_TAKES_TARGET, { "هدد", "هدّد", "هددت", "هدّدت", "هددوا", "يهدد", "تهدد", NULL } },
  { "asserts",  VERB_NEEDS_COMPLEMENTIZER,
    { "أكد", "أكّد", "أكدت", "أكّدت", "أكدوا", "يؤكد", "تؤكد", "مؤكدا", "مؤكدة", NULL } },
  { "promises", 0,
    { "تعهد", "تعهّد", "تعهدت", "تعهّدت", "تعهدوا", "يتعهد", "تتعهد", "متعهدا", "متعهدة", NULL } },
  { "promises", 0, { "وعد", "وعدت", "وعدوا", NULL } },
};

/* Object pronouns a verb may carry (اتهمها، اتهمتهم), normalised, longest first. */
static const char * const object_pronouns[] = { "هما", "هم", "هن", "ها", "كم", "نا", "ني", "ه" };

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

/* The claim verb of @norm, with a و/ف in front and an object pronoun at the end
 * (واتهمها); returns the code points of clitic before the verb, or -1. */
static gint
match_claim_verb (const char       *norm,
                  const ClaimVerb **verb)
{
  gpointer value = NULL;
  gint stripped = _alama_tagger_match_verb (claim_verb_table (), norm, &value);

  for (guint i = 0; stripped < 0 && i < G_N_ELEMENTS (object_pronouns); i++)
    if (g_str_has_suffix (norm, object_pronouns[i]) &&
        strlen (norm) > strlen (object_pronouns[i]) + 4)
      {
        g_autofree char *stem = g_strndup (norm, strlen (norm) - strlen (object_pronouns[i]));

        stripped = _alama_tagger_match_verb (claim_verb_table (), stem, &value);
      }
  *verb = value;
  return stripped;
}

/* The participles among the claim verbs' forms: their subject is the statement's
 * they continue (وقال فلان ...، متهماً ...). */
static const char * const claim_participles[] = {
  "متهما", "متهمة", "متهمين", "منددا", "منددة", "نافيا", "نافية", "زاعما", "زاعمة",
  "محذرا", "محذرة", "مؤكدا", "مؤكدة", "متعهدا", "متعهدة",
};

static gboolean
is_participle (const char *norm)
{
  static GHashTable *table = NULL;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, _alama_tagger_normalized_set (claim_participles,
                                                             G_N_ELEMENTS (claim_participles)));
  return _alama_tagger_match_verb (table, norm, NULL) >= 0;
}

/* The subject of the statement a participle continues (وقال فلان ...، متهماً ...):
 * the actor of the nearest reporting verb before @w in its paragraph. */
static gint
continued_subject (const AlamaTaggerInput *input,
                   GArray                 *words,
                   GArray                 *quotes,
                   GArray                 *sentences,
                   GPtrArray              *actors,
                   guint                   w)
{
  gint64 paragraph_start = g_array_index (words, AlamaTaggerWord, w).start;

  while (paragraph_start > 0 &&
         !_alama_tagger_is_line_break (g_utf8_get_char (
           input->text + alama_text_index_cp_to_byte (input->index, paragraph_start - 1))))
    paragraph_start--;

  for (guint v = w; v > 0; v--)
    {
      const AlamaTaggerWord *word = &g_array_index (words, AlamaTaggerWord, v - 1);
      const AlamaFragment *sentence;
      const ClaimVerb *verb = NULL;
      gint stripped;

      if (word->start < paragraph_start)
        return -1;
      if (_alama_tagger_inside_quotation (quotes, word->start, word->end))
        continue;
      stripped = _alama_tagger_match_verb (_alama_tagger_speech_verbs (), word->norm, NULL);
      if (stripped < 0)
        stripped = match_claim_verb (word->norm, &verb);
      if (stripped < 0 || _alama_tagger_match_verb (_alama_tagger_participles (), word->norm,
                                                    NULL) >= 0 ||
          is_participle (word->norm))
        continue;
      sentence = _alama_tagger_sentence_at (sentences, word->start);
      return _alama_tagger_find_actor (actors, words,
                                       word->start + g_array_index (word->map, gint64, stripped),
                                       word->end, sentence ? sentence->start : 0,
                                       sentence ? sentence->end : word->end, quotes,
                                       MAX_WORDS_TO_SUBJECT, stripped == 0);
    }
  return -1;
}

/* The first word after @w, within a few words, that starts with the بـ of an
 * accusation's charge (بقصف، بـ"إطلاق"، بما أسمته) and is no actor's (بيونغ يانغ). */
static gint64
charge_start (GArray    *words,
              GPtrArray *actors,
              guint      w,
              gint64     sentence_end)
{
  for (guint c = w + 1; c < words->len && c <= w + MAX_WORDS_TO_CHARGE; c++)
    {
      const AlamaTaggerWord *word = &g_array_index (words, AlamaTaggerWord, c);
      gboolean in_actor = FALSE;

      if (word->start >= sentence_end)
        break;
      if (!g_str_has_prefix (word->norm, "ب"))
        continue;
      for (guint i = 0; i < actors->len && !in_actor; i++)
        {
          AlamaSpan *actor = g_ptr_array_index (actors, i);

          in_actor = alama_span_get_start (actor) < word->end &&
                     word->start < alama_span_get_end (actor);
        }
      if (!in_actor)
        return word->start;
    }
  return -1;
}

static void
propose_claims_in_sentence (const AlamaTaggerInput *input,
                            GArray                 *words,
                            GArray                 *quotes,
                            GArray                 *sentences,
                            GPtrArray              *actors,
                            const AlamaFragment    *sentence,
                            AlamaTaggerProposals   *proposals)
{
  for (guint w = _alama_tagger_word_at_or_after (words, sentence->start); w < words->len; w++)
    {
      const AlamaTaggerWord *word = &g_array_index (words, AlamaTaggerWord, w);
      const ClaimVerb *verb = NULL;
      gint stripped, claimant, target;
      gint64 verb_start, clause_start, clause_end, subject_limit, charge = -1;
      guint complementizer;
      guint claim;

      if (word->start >= sentence->end)
        break;
      if (_alama_tagger_inside_quotation (quotes, word->start, word->end))
        continue;
      stripped = match_claim_verb (word->norm, &verb);
      if (stripped < 0)
        continue;
      verb_start = word->start + g_array_index (word->map, gint64, stripped);

      complementizer = find_complementizer (words, w, sentence->end);
      if ((verb->flags & VERB_NEEDS_COMPLEMENTIZER) && complementizer == 0)
        continue;

      /* The subject stands before إن/أن; without one, anywhere near the verb. */
      subject_limit = complementizer ? g_array_index (words, AlamaTaggerWord, complementizer).start
                                     : sentence->end;
      if (is_participle (word->norm))
        claimant = continued_subject (input, words, quotes, sentences, actors, w);
      else
        claimant = _alama_tagger_find_actor (actors, words, verb_start, word->end,
                                             sentence->start, subject_limit, quotes,
                                             MAX_WORDS_TO_SUBJECT, stripped == 0);

      /* Where the claim begins. */
      if (complementizer == 0 && (verb->flags & VERB_CHARGE_AFTER_BI))
        charge = charge_start (words, actors, w, sentence->end);
      if (complementizer != 0 && complementizer + 1 < words->len)
        clause_start = g_array_index (words, AlamaTaggerWord, complementizer + 1).start;
      else if (charge >= 0)
        clause_start = charge;
      else if (claimant >= 0 &&
               alama_span_get_start (g_ptr_array_index (actors, claimant)) >= word->end)
        clause_start = alama_span_get_end (g_ptr_array_index (actors, claimant));
      else
        clause_start = word->end;
      if (clause_start >= sentence->end)
        continue;
      clause_end = _alama_tagger_statement_end (input, words, quotes, sentences, clause_start,
                                                claim_verb_table ());
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
              alama_span_get_start (g_ptr_array_index (actors, claimant)) >= word->end &&
              alama_span_get_start (g_ptr_array_index (actors, claimant)) < clause_start)
            object_from = alama_span_get_end (g_ptr_array_index (actors, claimant));
          target = actor_after (actors, words, object_from, clause_start > object_from
                                ? clause_start : sentence->end, MAX_WORDS_TO_TARGET, claimant);
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
  g_autoptr(GArray) quotes = _alama_tagger_find_quotations (input->text);
  g_autoptr(GPtrArray) actors = _alama_tagger_actor_candidates (input, gazetteer, "CLAIMANT");

  if (sentences == NULL)
    sentences = g_array_new (FALSE, FALSE, sizeof (AlamaFragment));
  if (sentences->len == 0)
    {
      /* No sentence breaks (an ICU failure): the whole text is one sentence. */
      AlamaFragment all = { 0, alama_text_index_get_length (input->index) };

      g_array_append_val (sentences, all);
    }

  for (guint s = 0; s < sentences->len; s++)
    propose_claims_in_sentence (input, words, quotes, sentences, actors,
                                &g_array_index (sentences, AlamaFragment, s), proposals);
  return proposals;
}

AlamaTagger *
alama_tagger_new_claims (AlamaGazetteer *gazetteer)
{
  return _alama_tagger_new (ALAMA_TAGGER_SOURCE_CLAIMS, claims_propose, gazetteer, NULL);
}
