/* alama-eval.c: precision, recall and F1 of a source against accepted annotations.
 * The definitions (what is gold, what is predicted, the two matchings) are in
 * alama-eval.h.
 */
#define G_LOG_DOMAIN "alama-eval"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama/alama-eval.h"
#include "alama/alama-document.h"
#include "alama/alama-span.h"
#include "alama/alama-tagger.h"
#include "alama/alama-text.h"

double
alama_eval_counts_precision (const AlamaEvalCounts *counts)
{
  return counts->tp + counts->fp == 0 ? 0.0 : (double) counts->tp / (counts->tp + counts->fp);
}

double
alama_eval_counts_recall (const AlamaEvalCounts *counts)
{
  return counts->tp + counts->fn == 0 ? 0.0 : (double) counts->tp / (counts->tp + counts->fn);
}

double
alama_eval_counts_f1 (const AlamaEvalCounts *counts)
{
  double p = alama_eval_counts_precision (counts);
  double r = alama_eval_counts_recall (counts);

  return p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r);
}

static void
scores_init (AlamaEvalScores *scores)
{
  memset (&scores->overall, 0, sizeof scores->overall);
  scores->per_label = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

AlamaEvalResult *
alama_eval_result_new (const char *source)
{
  AlamaEvalResult *result = g_new0 (AlamaEvalResult, 1);

  result->source = g_strdup (source);
  scores_init (&result->exact);
  scores_init (&result->overlap);
  scores_init (&result->relations);
  return result;
}

void
alama_eval_result_free (AlamaEvalResult *result)
{
  if (result == NULL)
    return;
  g_free (result->source);
  g_clear_pointer (&result->covered_labels, g_hash_table_unref);
  g_clear_pointer (&result->covered_types, g_hash_table_unref);
  g_hash_table_unref (result->exact.per_label);
  g_hash_table_unref (result->overlap.per_label);
  g_hash_table_unref (result->relations.per_label);
  g_free (result);
}

static AlamaEvalCounts *
label_counts (AlamaEvalScores *scores,
              const char      *label)
{
  AlamaEvalCounts *counts = g_hash_table_lookup (scores->per_label, label);

  if (counts == NULL)
    {
      counts = g_new0 (AlamaEvalCounts, 1);
      g_hash_table_insert (scores->per_label, g_strdup (label), counts);
    }
  return counts;
}

/* The three kinds of outcome, counted per label and overall. */
static void
count_tp (AlamaEvalScores *scores,
          const char      *label)
{
  label_counts (scores, label)->tp++;
  scores->overall.tp++;
}

static void
count_fp (AlamaEvalScores *scores,
          const char      *label)
{
  label_counts (scores, label)->fp++;
  scores->overall.fp++;
}

static void
count_fn (AlamaEvalScores *scores,
          const char      *label)
{
  label_counts (scores, label)->fn++;
  scores->overall.fn++;
}

static gboolean
same_place (const AlamaSpan *a,
            const AlamaSpan *b)
{
  if (g_strcmp0 (a->label, b->label) != 0 || a->fragments->len != b->fragments->len)
    return FALSE;
  return memcmp (a->fragments->data, b->fragments->data,
                 a->fragments->len * sizeof (AlamaFragment)) == 0;
}

/* Same fragments, whatever the labels. */
static gboolean
same_place_any_label (const AlamaSpan *a,
                      const AlamaSpan *b)
{
  return a->fragments->len == b->fragments->len &&
         memcmp (a->fragments->data, b->fragments->data,
                 a->fragments->len * sizeof (AlamaFragment)) == 0;
}

/* Characters the two spans share, over all fragment pairs. */
static gint64
shared_characters (const AlamaSpan *a,
                   const AlamaSpan *b)
{
  gint64 shared = 0;

  for (guint i = 0; i < a->fragments->len; i++)
    for (guint j = 0; j < b->fragments->len; j++)
      {
        const AlamaFragment *fa = &g_array_index (a->fragments, AlamaFragment, i);
        const AlamaFragment *fb = &g_array_index (b->fragments, AlamaFragment, j);
        gint64 lo = MAX (fa->start, fb->start), hi = MIN (fa->end, fb->end);

        if (hi > lo)
          shared += hi - lo;
      }
  return shared;
}

/* Drops spans equal to an earlier one (an accepted suggestion next to the same
 * manual annotation is one piece of gold). Borrowed pointers. */
static GPtrArray *
distinct_spans (GPtrArray *spans)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < out->len && !seen; j++)
        seen = same_place (g_ptr_array_index (out, j), span);
      if (!seen)
        g_ptr_array_add (out, span);
    }
  return out;
}

static int
compare_by_start (gconstpointer a,
                  gconstpointer b)
{
  gint64 sa = alama_span_get_start (*(AlamaSpan * const *) a);
  gint64 sb = alama_span_get_start (*(AlamaSpan * const *) b);

  return sa < sb ? -1 : sa > sb;
}

static void
score_exact (AlamaEvalScores *scores,
             GPtrArray       *gold,
             GPtrArray       *predicted)
{
  for (guint i = 0; i < predicted->len; i++)
    {
      AlamaSpan *prediction = g_ptr_array_index (predicted, i);
      gboolean hit = FALSE;

      for (guint j = 0; j < gold->len && !hit; j++)
        hit = same_place (g_ptr_array_index (gold, j), prediction);
      if (hit)
        count_tp (scores, prediction->label);
      else
        count_fp (scores, prediction->label);
    }
  for (guint j = 0; j < gold->len; j++)
    {
      AlamaSpan *truth = g_ptr_array_index (gold, j);
      gboolean found = FALSE;

      for (guint i = 0; i < predicted->len && !found; i++)
        found = same_place (truth, g_ptr_array_index (predicted, i));
      if (!found)
        count_fn (scores, truth->label);
    }
}

static void
score_overlap (AlamaEvalScores *scores,
               GPtrArray       *gold,
               GPtrArray       *predicted)
{
  g_autofree gboolean *used = g_new0 (gboolean, gold->len + 1);
  g_autoptr(GPtrArray) in_order = g_ptr_array_copy (predicted, NULL, NULL);

  g_ptr_array_sort (in_order, compare_by_start);
  for (guint i = 0; i < in_order->len; i++)
    {
      AlamaSpan *prediction = g_ptr_array_index (in_order, i);
      gint best = -1;
      gint64 best_shared = 0;

      for (guint j = 0; j < gold->len; j++)
        {
          AlamaSpan *truth = g_ptr_array_index (gold, j);
          gint64 shared;

          if (used[j] || g_strcmp0 (truth->label, prediction->label) != 0)
            continue;
          if (same_place (truth, prediction))
            {
              best = (gint) j;
              break;
            }
          shared = shared_characters (truth, prediction);
          if (shared > best_shared)
            {
              best = (gint) j;
              best_shared = shared;
            }
        }
      if (best >= 0)
        {
          used[best] = TRUE;
          count_tp (scores, prediction->label);
        }
      else
        count_fp (scores, prediction->label);
    }
  for (guint j = 0; j < gold->len; j++)
    if (!used[j])
      count_fn (scores, ((AlamaSpan *) g_ptr_array_index (gold, j))->label);
}

void
alama_eval_add_document (AlamaEvalResult *result,
                         GPtrArray       *gold,
                         GPtrArray       *predicted)
{
  g_autoptr(GPtrArray) distinct_gold = NULL;
  g_autoptr(GPtrArray) distinct_predicted = NULL;

  g_return_if_fail (result != NULL);
  g_return_if_fail (gold != NULL && predicted != NULL);

  distinct_gold = distinct_spans (gold);
  distinct_predicted = distinct_spans (predicted);
  if (result->covered_labels != NULL)
    {
      /* Only gold of labels the source proposes at all: a gazetteer is not
       * missing the QUOTE spans it never claimed to find. */
      for (guint i = distinct_gold->len; i > 0; i--)
        if (!g_hash_table_contains (result->covered_labels,
                                    ((AlamaSpan *) g_ptr_array_index (distinct_gold, i - 1))->label))
          g_ptr_array_remove_index (distinct_gold, i - 1);
    }
  score_exact (&result->exact, distinct_gold, distinct_predicted);
  score_overlap (&result->overlap, distinct_gold, distinct_predicted);
  result->n_documents++;
}

/* ---- Relations ---------------------------------------------------------------- */

static gboolean
same_relation (const AlamaEvalRelation *a,
               const AlamaEvalRelation *b)
{
  return g_strcmp0 (a->type, b->type) == 0 &&
         same_place_any_label (a->from, b->from) && same_place_any_label (a->to, b->to);
}

/* Drops relations equal to an earlier one (same type, same ends' places). */
static GArray *
distinct_relations (GArray *relations)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (AlamaEvalRelation));

  for (guint i = 0; i < relations->len; i++)
    {
      const AlamaEvalRelation *relation = &g_array_index (relations, AlamaEvalRelation, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < out->len && !seen; j++)
        seen = same_relation (&g_array_index (out, AlamaEvalRelation, j), relation);
      if (!seen)
        g_array_append_val (out, *relation);
    }
  return out;
}

void
alama_eval_add_relations (AlamaEvalResult *result,
                          GArray          *gold,
                          GArray          *predicted)
{
  g_autoptr(GArray) distinct_gold = NULL;
  g_autoptr(GArray) distinct_predicted = NULL;
  g_autofree gboolean *used = NULL;

  g_return_if_fail (result != NULL);
  g_return_if_fail (gold != NULL && predicted != NULL);

  distinct_gold = distinct_relations (gold);
  distinct_predicted = distinct_relations (predicted);
  if (result->covered_types != NULL)
    for (guint i = distinct_gold->len; i > 0; i--)
      if (!g_hash_table_contains (result->covered_types,
                                  g_array_index (distinct_gold, AlamaEvalRelation, i - 1).type))
        g_array_remove_index (distinct_gold, i - 1);

  used = g_new0 (gboolean, distinct_gold->len + 1);
  for (guint i = 0; i < distinct_predicted->len; i++)
    {
      const AlamaEvalRelation *prediction = &g_array_index (distinct_predicted,
                                                            AlamaEvalRelation, i);
      gint best = -1;
      gint64 best_shared = 0;

      for (guint j = 0; j < distinct_gold->len; j++)
        {
          const AlamaEvalRelation *truth = &g_array_index (distinct_gold, AlamaEvalRelation, j);
          gint64 from_shared, to_shared;

          if (used[j] || g_strcmp0 (truth->type, prediction->type) != 0)
            continue;
          if (same_relation (truth, prediction))
            {
              best = (gint) j;
              break;
            }
          from_shared = shared_characters (truth->from, prediction->from);
          to_shared = shared_characters (truth->to, prediction->to);
          if (from_shared > 0 && to_shared > 0 && from_shared + to_shared > best_shared)
            {
              best = (gint) j;
              best_shared = from_shared + to_shared;
            }
        }
      if (best >= 0)
        {
          used[best] = TRUE;
          count_tp (&result->relations, prediction->type);
        }
      else
        count_fp (&result->relations, prediction->type);
    }
  for (guint j = 0; j < distinct_gold->len; j++)
    if (!used[j])
      count_fn (&result->relations, g_array_index (distinct_gold, AlamaEvalRelation, j).type);
}

/* Gold and predictions of every document, gathered before scoring so that the
 * labels the source covers are known over the whole selection. */
typedef struct
{
  GPtrArray *spans;                /* owns the spans */
  GPtrArray *gold;                 /* borrowed from spans */
  GPtrArray *predicted;            /* borrowed from spans or owned proposals */
  GPtrArray *relations;            /* owns the stored relations */
  AlamaTaggerProposals *proposals; /* owned, or NULL */
  GArray    *gold_relations;       /* AlamaEvalRelation, ends borrowed from the above */
  GArray    *predicted_relations;
} EvalDocument;

static void
eval_document_free (EvalDocument *doc)
{
  g_ptr_array_unref (doc->spans);
  g_ptr_array_unref (doc->gold);
  g_ptr_array_unref (doc->predicted);
  g_clear_pointer (&doc->relations, g_ptr_array_unref);
  g_clear_pointer (&doc->proposals, alama_tagger_proposals_free);
  g_array_unref (doc->gold_relations);
  g_array_unref (doc->predicted_relations);
  g_free (doc);
}

static AlamaEvalResult *
score_documents (const char *source,
                 GPtrArray  *docs,
                 gboolean    all_labels)
{
  AlamaEvalResult *result = alama_eval_result_new (source);

  if (!all_labels)
    {
      result->covered_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      result->covered_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < docs->len; i++)
        {
          EvalDocument *doc = g_ptr_array_index (docs, i);

          for (guint j = 0; j < doc->predicted->len; j++)
            g_hash_table_add (result->covered_labels,
                              g_strdup (((AlamaSpan *) g_ptr_array_index (doc->predicted, j))->label));
          for (guint j = 0; j < doc->predicted_relations->len; j++)
            g_hash_table_add (result->covered_types,
                              g_strdup (g_array_index (doc->predicted_relations,
                                                       AlamaEvalRelation, j).type));
        }
    }
  for (guint i = 0; i < docs->len; i++)
    {
      EvalDocument *doc = g_ptr_array_index (docs, i);

      alama_eval_add_document (result, doc->gold, doc->predicted);
      alama_eval_add_relations (result, doc->gold_relations, doc->predicted_relations);
    }
  return result;
}

static const AlamaSpan *
span_with_id (GPtrArray *spans,
              gint64     id)
{
  for (guint i = 0; i < spans->len; i++)
    if (((AlamaSpan *) g_ptr_array_index (spans, i))->id == id)
      return g_ptr_array_index (spans, i);
  return NULL;
}

/* The stored relations of the document that are gold (accepted) or, without a
 * tagger, @source's own, with their ends. */
static void
read_stored_relations (EvalDocument *doc,
                       const char   *source,
                       gboolean      predict)
{
  for (guint i = 0; i < doc->relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (doc->relations, i);
      AlamaEvalRelation pair = { relation->type, span_with_id (doc->spans, relation->from_id),
                                 span_with_id (doc->spans, relation->to_id) };

      if (pair.from == NULL || pair.to == NULL)
        continue;
      if (relation->status == ALAMA_STATUS_ACCEPTED)
        g_array_append_val (doc->gold_relations, pair);
      if (predict &&
          g_strcmp0 (relation->source ? relation->source : ALAMA_SOURCE_MANUAL, source) == 0)
        g_array_append_val (doc->predicted_relations, pair);
    }
}

/* Reads the document's spans and relations; gold = accepted ones. With @tagger,
 * predictions are what it proposes now under its own source name (its relations
 * all count, also those ending on an existing span); else the stored spans and
 * relations of @source in every status. */
static EvalDocument *
read_document (AlamaStore     *store,
               AlamaDocument  *document,
               const char     *source,
               AlamaTagger    *tagger,
               AlamaSchema    *schema,
               AlamaEvalFlags  flags,
               GError        **error)
{
  gint64 id = alama_document_get_id (document);
  g_autoptr(GPtrArray) spans = alama_store_list_spans (store, id, ALAMA_STATUS_MASK_ALL, error);
  g_autoptr(GPtrArray) relations = NULL;
  EvalDocument *doc;

  if (spans == NULL)
    return NULL;
  relations = alama_store_list_relations (store, id, ALAMA_STATUS_MASK_ALL, error);
  if (relations == NULL)
    return NULL;

  doc = g_new0 (EvalDocument, 1);
  doc->spans = g_ptr_array_ref (spans);
  doc->relations = g_ptr_array_ref (relations);
  doc->gold = g_ptr_array_new ();
  doc->predicted = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);
  doc->gold_relations = g_array_new (FALSE, FALSE, sizeof (AlamaEvalRelation));
  doc->predicted_relations = g_array_new (FALSE, FALSE, sizeof (AlamaEvalRelation));
  for (guint j = 0; j < spans->len; j++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, j);

      if (span->status == ALAMA_STATUS_ACCEPTED)
        g_ptr_array_add (doc->gold, span);
      if (tagger == NULL &&
          g_strcmp0 (span->source ? span->source : ALAMA_SOURCE_MANUAL, source) == 0)
        g_ptr_array_add (doc->predicted, alama_span_ref (span));
    }
  read_stored_relations (doc, source, tagger == NULL);

  if (tagger != NULL)
    {
      g_autofree char *text = alama_store_dup_document_text (store, id, error);
      g_autoptr(AlamaTextIndex) index = NULL;
      g_autoptr(GPtrArray) nothing = g_ptr_array_new ();
      AlamaTaggerInput input = { 0 };

      if (text == NULL)
        {
          eval_document_free (doc);
          return NULL;
        }
      index = alama_text_index_new (text);
      input.text = text;
      input.index = index;
      input.schema = schema;
      input.existing = (flags & ALAMA_EVAL_FLAGS_BLIND) ? nothing : spans;
      doc->proposals = alama_tagger_propose (tagger, &input);
      for (guint j = 0; j < doc->proposals->spans->len; j++)
        {
          AlamaSpan *span = g_ptr_array_index (doc->proposals->spans, j);

          /* Not the existing spans a relation points at, nor the entities a
           * quote tagger borrows from the gazetteer. */
          if (span->id == 0 && g_strcmp0 (span->source, source) == 0)
            g_ptr_array_add (doc->predicted, alama_span_ref (span));
        }
      for (guint j = 0; j < doc->proposals->relations->len; j++)
        {
          const AlamaTaggerRelation *proposed = &g_array_index (doc->proposals->relations,
                                                                AlamaTaggerRelation, j);
          AlamaEvalRelation pair = { proposed->type,
                                     g_ptr_array_index (doc->proposals->spans, proposed->from),
                                     g_ptr_array_index (doc->proposals->spans, proposed->to) };

          g_array_append_val (doc->predicted_relations, pair);
        }
    }
  return doc;
}

static AlamaEvalResult *
eval_common (AlamaStore          *store,
             const char          *source,
             AlamaTagger         *tagger,
             const char * const  *doc_names,
             AlamaEvalFlags       flags,
             GError             **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(AlamaSchema) schema = NULL;

  documents = alama_tagger_select_documents (store, doc_names, error);
  if (documents == NULL)
    return NULL;
  schema = alama_store_get_schema (store);

  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) eval_document_free);
  for (guint i = 0; i < documents->len; i++)
    {
      EvalDocument *doc = read_document (store, g_ptr_array_index (documents, i), source, tagger,
                                         schema, flags, error);

      if (doc == NULL)
        return NULL;
      g_ptr_array_add (docs, doc);
    }
  return score_documents (source, docs, (flags & ALAMA_EVAL_FLAGS_ALL_LABELS) != 0);
}

AlamaEvalResult *
alama_eval_source (AlamaStore          *store,
                   const char          *source,
                   const char * const  *doc_names,
                   gboolean             all_labels,
                   GError             **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);
  g_return_val_if_fail (source != NULL, NULL);

  return eval_common (store, source, NULL, doc_names,
                      all_labels ? ALAMA_EVAL_FLAGS_ALL_LABELS : ALAMA_EVAL_FLAGS_NONE, error);
}

AlamaEvalResult *
alama_eval_tagger_with_flags (AlamaStore          *store,
                              AlamaTagger         *tagger,
                              const char * const  *doc_names,
                              AlamaEvalFlags       flags,
                              GError             **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);
  g_return_val_if_fail (tagger != NULL, NULL);

  return eval_common (store, alama_tagger_get_name (tagger), tagger, doc_names, flags, error);
}

AlamaEvalResult *
alama_eval_tagger (AlamaStore          *store,
                   AlamaTagger         *tagger,
                   const char * const  *doc_names,
                   gboolean             all_labels,
                   GError             **error)
{
  return alama_eval_tagger_with_flags (store, tagger, doc_names,
                                       all_labels ? ALAMA_EVAL_FLAGS_ALL_LABELS
                                                  : ALAMA_EVAL_FLAGS_NONE, error);
}

/* ---- Output ------------------------------------------------------------------ */

static void
add_counts_json (JsonBuilder           *builder,
                 const AlamaEvalCounts *counts)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "precision");
  json_builder_add_double_value (builder, alama_eval_counts_precision (counts));
  json_builder_set_member_name (builder, "recall");
  json_builder_add_double_value (builder, alama_eval_counts_recall (counts));
  json_builder_set_member_name (builder, "f1");
  json_builder_add_double_value (builder, alama_eval_counts_f1 (counts));
  json_builder_set_member_name (builder, "tp");
  json_builder_add_int_value (builder, counts->tp);
  json_builder_set_member_name (builder, "fp");
  json_builder_add_int_value (builder, counts->fp);
  json_builder_set_member_name (builder, "fn");
  json_builder_add_int_value (builder, counts->fn);
  json_builder_end_object (builder);
}

static int
compare_str_ptrs (gconstpointer a,
                  gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Labels in name order, so output is stable. Free the array, not the strings. */
static gpointer *
sorted_labels (AlamaEvalScores *scores,
               guint           *n)
{
  gpointer *keys = g_hash_table_get_keys_as_array (scores->per_label, n);

  qsort (keys, *n, sizeof (gpointer), compare_str_ptrs);
  return keys;
}

static void
add_scores_json (JsonBuilder     *builder,
                 AlamaEvalScores *scores,
                 const char      *per_name)
{
  g_autofree gpointer *labels = NULL;
  guint n = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "overall");
  add_counts_json (builder, &scores->overall);
  json_builder_set_member_name (builder, per_name);
  json_builder_begin_object (builder);
  labels = sorted_labels (scores, &n);
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (builder, labels[i]);
      add_counts_json (builder, g_hash_table_lookup (scores->per_label, labels[i]));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

JsonNode *
alama_eval_result_to_json (AlamaEvalResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, result->source);
  json_builder_set_member_name (builder, "documents");
  json_builder_add_int_value (builder, result->n_documents);
  json_builder_set_member_name (builder, "exact");
  add_scores_json (builder, &result->exact, "per_label");
  json_builder_set_member_name (builder, "overlap");
  add_scores_json (builder, &result->overlap, "per_label");
  json_builder_set_member_name (builder, "relations");
  add_scores_json (builder, &result->relations, "per_type");
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
append_row (GString               *out,
            const char            *label,
            const AlamaEvalCounts *counts)
{
  g_string_append_printf (out, "  %-10s %9.3f %9.3f %9.3f %6u %6u %6u\n", label,
                          alama_eval_counts_precision (counts), alama_eval_counts_recall (counts),
                          alama_eval_counts_f1 (counts), counts->tp, counts->fp, counts->fn);
}

static void
append_table (GString         *out,
              const char      *title,
              AlamaEvalScores *scores)
{
  g_autofree gpointer *labels = NULL;
  guint n = 0;

  g_string_append_printf (out, "%s\n  %-10s %9s %9s %9s %6s %6s %6s\n", title, "label",
                          "precision", "recall", "f1", "tp", "fp", "fn");
  labels = sorted_labels (scores, &n);
  for (guint i = 0; i < n; i++)
    append_row (out, labels[i], g_hash_table_lookup (scores->per_label, labels[i]));
  append_row (out, "overall", &scores->overall);
}

char *
alama_eval_result_format_text (AlamaEvalResult *result)
{
  GString *out;

  g_return_val_if_fail (result != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Source “%s” against accepted annotations, %u document",
                                       "Source “%s” against accepted annotations, %u documents",
                                       result->n_documents),
                          result->source, result->n_documents);
  g_string_append (out, "\n\n");
  append_table (out, _("Exact match (same label and offsets)"), &result->exact);
  g_string_append_c (out, '\n');
  append_table (out, _("Overlap match (same label, any shared character)"), &result->overlap);
  if (g_hash_table_size (result->relations.per_label) > 0)
    {
      g_string_append_c (out, '\n');
      append_table (out, _("Relations (same type, both ends share a character with the gold pair)"),
                    &result->relations);
    }
  return g_string_free (out, FALSE);
}
