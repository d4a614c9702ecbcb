/* alama-tagger-actors.c: finding who speaks: actor candidates from the
 * analyst's spans and the gazetteer, and the one nearest to a quotation.
 */
#define G_LOG_DOMAIN "alama-tagger"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "alama-tagger-private.h"
#include "alama/alama-arabic.h"
#include "alama/alama-document.h"

static int
compare_spans_by_start (gconstpointer a,
                        gconstpointer b)
{
  const AlamaSpan *sa = *(AlamaSpan * const *) a;
  const AlamaSpan *sb = *(AlamaSpan * const *) b;
  gint64 da = alama_span_get_start (sa) - alama_span_get_start (sb);

  if (da != 0)
    return da < 0 ? -1 : 1;
  return alama_span_get_end (sb) < alama_span_get_end (sa) ? -1 :
         alama_span_get_end (sb) > alama_span_get_end (sa);
}

static gboolean
overlaps_any (GPtrArray       *spans,
              const AlamaSpan *span)
{
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *other = g_ptr_array_index (spans, i);

      if (alama_span_get_start (other) < alama_span_get_end (span) &&
          alama_span_get_start (span) < alama_span_get_end (other))
        return TRUE;
    }
  return FALSE;
}

/* Labels that may stand at the "from" end of @relation_type: PER, ORG, GPE for
 * SPEAKER and CLAIMANT in the default schema. A schema without the type allows
 * any entity label. */
static gboolean
is_actor_label (AlamaSchema *schema,
                const char  *label,
                const char  *relation_type)
{
  const AlamaRelationType *type = alama_schema_find_relation_type (schema, relation_type);
  const AlamaLabel *def = alama_schema_find_label (schema, label);

  if (def == NULL || def->kind != ALAMA_LABEL_KIND_ENTITY)
    return FALSE;
  if (type == NULL || type->from_labels == NULL || type->from_labels[0] == NULL)
    return TRUE;
  return g_strv_contains ((const char * const *) type->from_labels, label);
}

GPtrArray *
_alama_tagger_actor_candidates (const AlamaTaggerInput *input,
                                AlamaGazetteer         *gazetteer,
                                const char             *relation_type)
{
  GPtrArray *actors = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);

  if (input->existing != NULL)
    for (guint i = 0; i < input->existing->len; i++)
      {
        AlamaSpan *span = g_ptr_array_index (input->existing, i);

        if (span->status == ALAMA_STATUS_ACCEPTED &&
            is_actor_label (input->schema, span->label, relation_type))
          g_ptr_array_add (actors, alama_span_ref (span));
      }

  if (gazetteer != NULL)
    {
      g_autoptr(GPtrArray) matches = alama_gazetteer_match (gazetteer, input->text, input->index,
                                                            ALAMA_TAGGER_SOURCE_GAZETTEER);
      guint n_accepted = actors->len;
      g_autoptr(GPtrArray) accepted = g_ptr_array_new ();

      for (guint i = 0; i < n_accepted; i++)
        g_ptr_array_add (accepted, g_ptr_array_index (actors, i));
      /* The analyst's entities win over the list's where they overlap. */
      for (guint i = 0; i < matches->len; i++)
        {
          AlamaSpan *match = g_ptr_array_index (matches, i);

          if (is_actor_label (input->schema, match->label, relation_type) &&
              !overlaps_any (accepted, match))
            g_ptr_array_add (actors, alama_span_ref (match));
        }
    }

  g_ptr_array_sort (actors, compare_spans_by_start);
  return actors;
}

static gboolean
inside_excluded (GArray          *excluded,
                 const AlamaSpan *span)
{
  if (excluded == NULL)
    return FALSE;
  for (guint i = 0; i < excluded->len; i++)
    {
      const AlamaFragment *fragment = &g_array_index (excluded, AlamaFragment, i);

      if (alama_span_get_start (span) < fragment->end &&
          fragment->start < alama_span_get_end (span))
        return TRUE;
    }
  return FALSE;
}

gint
_alama_tagger_find_actor (GPtrArray *actors,
                          GArray    *words,
                          gint64     verb_start,
                          gint64     verb_end,
                          gint64     window_start,
                          gint64     window_end,
                          GArray    *excluded,
                          guint      max_words,
                          gboolean   prefer_adjacent_before)
{
  guint verb_word = _alama_tagger_word_at_or_after (words, verb_start);
  gint before = -1, after = -1;

  for (guint i = 0; i < actors->len; i++)
    {
      AlamaSpan *actor = g_ptr_array_index (actors, i);
      gint64 start = alama_span_get_start (actor);
      gint64 end = alama_span_get_end (actor);

      if (start < window_start || end > window_end || inside_excluded (excluded, actor))
        continue;

      if (start >= verb_end)
        {
          /* Words strictly between the verb and the actor. */
          guint actor_word = _alama_tagger_word_at_or_after (words, start);
          guint between = actor_word > verb_word + 1 ? actor_word - verb_word - 1 : 0;

          if (between > max_words)
            break;  /* actors are sorted by start: later ones are further away */
          /* The first actor after the verb, unless a person named a little
           * further speaks for it (قالت فرنسا على لسان وزيرها فلان). */
          if (after < 0)
            after = (gint) i;
          else if (g_strcmp0 (((AlamaSpan *) g_ptr_array_index (actors, after))->label, "PER") != 0 &&
                   g_strcmp0 (actor->label, "PER") == 0)
            {
              after = (gint) i;
              break;
            }
          continue;
        }
      if (end <= verb_start)
        before = (gint) i;
    }

  if (before >= 0 && (after < 0 || prefer_adjacent_before))
    {
      AlamaSpan *actor = g_ptr_array_index (actors, before);
      guint next_word = _alama_tagger_word_at_or_after (words, alama_span_get_end (actor));

      /* "بوتين قال": the actor's last word is followed directly by the verb. */
      if (after < 0 || next_word >= verb_word)
        return before;
    }
  return after;
}

