/* alama-tagger.c: proposals, reports and the one runner that stores suggestions.
 *
 * Every tagger only proposes; this file decides what lands in the project, so the
 * review rules (never propose again what the analyst rejected, never touch an
 * existing annotation, one change per document) live in one place.
 */
#define G_LOG_DOMAIN "alama-tagger"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "alama-tagger-private.h"
#include "alama/alama-arabic.h"
#include "alama/alama-document.h"

G_DEFINE_QUARK (alama-tagger-error-quark, alama_tagger_error)

/* ---- Proposals ------------------------------------------------------------- */

static void
tagger_relation_clear (gpointer data)
{
  AlamaTaggerRelation *relation = data;

  g_clear_pointer (&relation->type, g_free);
}

AlamaTaggerProposals *
alama_tagger_proposals_new (void)
{
  AlamaTaggerProposals *self = g_new0 (AlamaTaggerProposals, 1);

  self->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);
  self->relations = g_array_new (FALSE, TRUE, sizeof (AlamaTaggerRelation));
  g_array_set_clear_func (self->relations, tagger_relation_clear);
  return self;
}

void
alama_tagger_proposals_free (AlamaTaggerProposals *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->spans);
  g_array_unref (self->relations);
  g_free (self);
}

guint
alama_tagger_proposals_add_span (AlamaTaggerProposals *self,
                                 AlamaSpan            *span)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (span != NULL, 0);

  g_ptr_array_add (self->spans, span);
  return self->spans->len - 1;
}

/* Same label and same fragments: what "the same suggestion at that place" means. */
static gboolean
spans_same_place (const AlamaSpan *a,
                  const AlamaSpan *b)
{
  if (g_strcmp0 (a->label, b->label) != 0)
    return FALSE;
  if (a->fragments->len != b->fragments->len)
    return FALSE;
  for (guint i = 0; i < a->fragments->len; i++)
    {
      const AlamaFragment *fa = &g_array_index (a->fragments, AlamaFragment, i);
      const AlamaFragment *fb = &g_array_index (b->fragments, AlamaFragment, i);

      if (fa->start != fb->start || fa->end != fb->end)
        return FALSE;
    }
  return TRUE;
}

guint
alama_tagger_proposals_ensure_span (AlamaTaggerProposals *self,
                                    const AlamaSpan      *span)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (span != NULL, 0);

  for (guint i = 0; i < self->spans->len; i++)
    if (spans_same_place (g_ptr_array_index (self->spans, i), span))
      return i;
  return alama_tagger_proposals_add_span (self, alama_span_copy (span));
}

void
alama_tagger_proposals_add_relation (AlamaTaggerProposals *self,
                                     const char           *type,
                                     guint                 from,
                                     guint                 to)
{
  AlamaTaggerRelation relation = { g_strdup (type), from, to };

  g_return_if_fail (self != NULL);
  g_return_if_fail (from < self->spans->len && to < self->spans->len);

  g_array_append_val (self->relations, relation);
}

/* ---- Taggers ----------------------------------------------------------------- */

AlamaTagger *
_alama_tagger_new (const char             *name,
                   AlamaTaggerProposeFunc  propose,
                   gpointer                data,
                   GDestroyNotify          data_free)
{
  AlamaTagger *self = g_new0 (AlamaTagger, 1);

  self->name = g_strdup (name);
  self->propose = propose;
  self->data = data;
  self->data_free = data_free;
  return self;
}

AlamaTagger *
alama_tagger_new_by_name (const char      *name,
                          AlamaStore      *store,
                          AlamaGazetteer  *gazetteer,
                          GError         **error)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (g_strcmp0 (name, ALAMA_TAGGER_SOURCE_GAZETTEER) == 0 && gazetteer != NULL)
    return alama_tagger_new_gazetteer (gazetteer);
  if (g_strcmp0 (name, ALAMA_TAGGER_SOURCE_QUOTES) == 0)
    return alama_tagger_new_quotes (gazetteer);
  if (g_strcmp0 (name, ALAMA_TAGGER_SOURCE_CLAIMS) == 0)
    return alama_tagger_new_claims (gazetteer);
  if (g_strcmp0 (name, ALAMA_TAGGER_SOURCE_LEARNED) == 0)
    return alama_tagger_new_learned (store, error);

  g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_UNKNOWN_TAGGER,
               "unknown tagger “%s” (gazetteer, quotes, claims or learned)", name);
  return NULL;
}

void
alama_tagger_free (AlamaTagger *self)
{
  if (self == NULL)
    return;
  if (self->data_free != NULL)
    self->data_free (self->data);
  g_free (self->name);
  g_free (self);
}

const char *
alama_tagger_get_name (AlamaTagger *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

AlamaTaggerProposals *
alama_tagger_propose (AlamaTagger            *self,
                      const AlamaTaggerInput *input)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (input != NULL && input->text != NULL && input->index != NULL, NULL);

  return self->propose (input, self->data);
}

/* ---- Reports ----------------------------------------------------------------- */

AlamaTaggerReport *
alama_tagger_report_new (const char *tagger)
{
  AlamaTaggerReport *report = g_new0 (AlamaTaggerReport, 1);

  report->tagger = g_strdup (tagger);
  report->spans_by_label = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  report->relations_by_type = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  report->messages = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
alama_tagger_report_free (AlamaTaggerReport *report)
{
  if (report == NULL)
    return;
  g_free (report->tagger);
  g_hash_table_unref (report->spans_by_label);
  g_hash_table_unref (report->relations_by_type);
  g_ptr_array_unref (report->messages);
  g_free (report);
}

static void
count_in (GHashTable *table,
          const char *key)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_insert (table, g_strdup (key), GUINT_TO_POINTER (n + 1));
}

/* qsort hands pointers to the array elements; compare the strings they hold. */
static int
compare_str_ptrs (gconstpointer a,
                  gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* " (GPE 7, PER 5)", keys sorted so the summary reads the same from run to run. */
static void
append_counts (GString    *out,
               GHashTable *table)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  if (g_hash_table_size (table) == 0)
    return;

  keys = g_hash_table_get_keys_as_array (table, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_str_ptrs);
  g_string_append (out, " (");
  for (guint i = 0; i < n_keys; i++)
    g_string_append_printf (out, "%s%s %u", i > 0 ? ", " : "", (char *) keys[i],
                            GPOINTER_TO_UINT (g_hash_table_lookup (table, keys[i])));
  g_string_append (out, ")");
}

char *
alama_tagger_report_format (AlamaTaggerReport *report)
{
  GString *out;

  g_return_val_if_fail (report != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "%s: %u suggestion%s", report->tagger, report->n_spans_added,
                          report->n_spans_added == 1 ? "" : "s");
  append_counts (out, report->spans_by_label);
  g_string_append_printf (out, ", %u relation%s", report->n_relations_added,
                          report->n_relations_added == 1 ? "" : "s");
  append_counts (out, report->relations_by_type);
  g_string_append_printf (out, ", %u already present or rejected, %u document%s\n",
                          report->n_skipped, report->n_documents,
                          report->n_documents == 1 ? "" : "s");
  for (guint i = 0; i < report->messages->len; i++)
    g_string_append_printf (out, "  %s\n", (char *) g_ptr_array_index (report->messages, i));
  return g_string_free (out, FALSE);
}

/* ---- Storing ----------------------------------------------------------------- */

/* What a proposal became in the project. */
#define PROPOSAL_BLOCKED ((gint64) -1)   /* rejected before, or its label is unknown */

static gboolean
relation_exists (GPtrArray  *relations,
                 const char *type,
                 gint64      from_id,
                 gint64      to_id)
{
  for (guint i = 0; i < relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (relations, i);

      if (relation->from_id == from_id && relation->to_id == to_id &&
          g_strcmp0 (relation->type, type) == 0)
        return TRUE;
    }
  return FALSE;
}

static AlamaSpan *
find_same_place (GPtrArray       *spans,
                 const AlamaSpan *span)
{
  for (guint i = 0; i < spans->len; i++)
    if (spans_same_place (g_ptr_array_index (spans, i), span))
      return g_ptr_array_index (spans, i);
  return NULL;
}

static AlamaSpan *
find_by_id (GPtrArray *spans,
            gint64     id)
{
  for (guint i = 0; i < spans->len; i++)
    if (((AlamaSpan *) g_ptr_array_index (spans, i))->id == id)
      return g_ptr_array_index (spans, i);
  return NULL;
}

static void
add_message_once (AlamaTaggerReport *report,
                  char              *message)  /* takes ownership */
{
  for (guint i = 0; i < report->messages->len; i++)
    if (g_strcmp0 (g_ptr_array_index (report->messages, i), message) == 0)
      {
        g_free (message);
        return;
      }
  g_ptr_array_add (report->messages, message);
}

/* Decides and stores, inside an open change. Counts go to @report only when the
 * whole change commits, so they are gathered in locals first. */
static gboolean
store_in_change (AlamaStore           *store,
                 gint64                document_id,
                 const char           *doc_name,
                 AlamaTaggerProposals *proposals,
                 AlamaSchema          *schema,
                 GPtrArray            *existing,
                 GPtrArray            *existing_relations,
                 AlamaTaggerReport    *counts,
                 GError              **error)
{
  g_autofree gint64 *ids = g_new0 (gint64, MAX (proposals->spans->len, 1));
  /* The spans stored in this change, so a proposal made twice lands once. */
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);

  for (guint i = 0; i < proposals->spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (proposals->spans, i);
      AlamaSpan *same;

      if (span->id != 0)
        {
          /* A reference to an existing span; only usable if it is not rejected. */
          AlamaSpan *current = find_by_id (existing, span->id);

          ids[i] = (current != NULL && current->status != ALAMA_STATUS_REJECTED)
                   ? span->id : PROPOSAL_BLOCKED;
          continue;
        }

      if ((same = find_same_place (existing, span)) != NULL)
        {
          ids[i] = same->status == ALAMA_STATUS_REJECTED ? PROPOSAL_BLOCKED : same->id;
          counts->n_skipped++;
          continue;
        }

      if ((same = find_same_place (added, span)) != NULL)
        {
          ids[i] = same->id;
          continue;
        }

      if (alama_schema_find_label (schema, span->label) == NULL)
        {
          add_message_once (counts,
                            g_strdup_printf ("label %s is not in the project's schema: "
                                             "its suggestions were skipped", span->label));
          ids[i] = PROPOSAL_BLOCKED;
          continue;
        }

      {
        g_autoptr(AlamaSpan) copy = alama_span_copy (span);

        copy->id = 0;
        copy->document_id = document_id;
        copy->status = ALAMA_STATUS_PENDING;
        if (copy->source == NULL)
          copy->source = g_strdup (counts->tagger);
        if (!alama_store_add_span (store, copy, error))
          {
            g_prefix_error (error, "document %s: ", doc_name);
            return FALSE;
          }
        ids[i] = copy->id;
        g_ptr_array_add (added, g_steal_pointer (&copy));
      }
      counts->n_spans_added++;
      count_in (counts->spans_by_label, span->label);
    }

  for (guint i = 0; i < proposals->relations->len; i++)
    {
      const AlamaTaggerRelation *proposed = &g_array_index (proposals->relations,
                                                            AlamaTaggerRelation, i);
      AlamaSpan *from = g_ptr_array_index (proposals->spans, proposed->from);
      AlamaSpan *to = g_ptr_array_index (proposals->spans, proposed->to);
      gint64 from_id = ids[proposed->from];
      gint64 to_id = ids[proposed->to];
      g_autoptr(AlamaRelation) relation = NULL;

      if (from_id <= 0 || to_id <= 0 || from_id == to_id)
        continue;
      if (relation_exists (existing_relations, proposed->type, from_id, to_id))
        {
          counts->n_skipped++;
          continue;
        }
      if (!alama_schema_relation_allowed (schema, proposed->type, from->label, to->label))
        {
          add_message_once (counts,
                            g_strdup_printf ("relation %s from %s to %s is not allowed by the "
                                             "project's schema: skipped",
                                             proposed->type, from->label, to->label));
          continue;
        }

      relation = alama_relation_new (proposed->type, from_id, to_id);
      relation->document_id = document_id;
      relation->status = ALAMA_STATUS_PENDING;
      relation->source = g_strdup (counts->tagger);
      if (!alama_store_add_relation (store, relation, error))
        {
          g_prefix_error (error, "document %s: ", doc_name);
          return FALSE;
        }
      /* So a relation proposed twice in one batch lands once. */
      g_ptr_array_add (existing_relations, g_steal_pointer (&relation));
      counts->n_relations_added++;
      count_in (counts->relations_by_type, proposed->type);
    }

  return TRUE;
}

static void
merge_counts (GHashTable *into,
              GHashTable *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (into, key));

      g_hash_table_insert (into, g_strdup (key), GUINT_TO_POINTER (n + GPOINTER_TO_UINT (value)));
    }
}

gboolean
alama_tagger_store_proposals (AlamaStore            *store,
                              gint64                 document_id,
                              AlamaTaggerProposals  *proposals,
                              AlamaTaggerReport     *report,
                              GError               **error)
{
  g_autoptr(AlamaDocument) document = NULL;
  g_autoptr(AlamaSchema) schema = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) existing_relations = NULL;
  g_autoptr(AlamaTaggerReport) counts = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (proposals != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  document = alama_store_get_document (store, document_id);
  if (document == NULL)
    {
      g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_NO_SUCH_DOCUMENT,
                   "%s: no document with id %" G_GINT64_FORMAT,
                   alama_store_get_path (store), document_id);
      return FALSE;
    }

  existing = alama_store_list_spans (store, document_id, ALAMA_STATUS_MASK_ALL, error);
  if (existing == NULL)
    return FALSE;
  existing_relations = alama_store_list_relations (store, document_id, ALAMA_STATUS_MASK_ALL,
                                                   error);
  if (existing_relations == NULL)
    return FALSE;
  schema = alama_store_get_schema (store);
  counts = alama_tagger_report_new (report->tagger);

  if (proposals->spans->len == 0)
    {
      report->n_documents++;
      return TRUE;
    }

  description = g_strdup_printf ("Autotag (%s)", report->tagger);
  if (!alama_store_begin_change (store, description, ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;

  if (!store_in_change (store, document_id, alama_document_get_name (document), proposals,
                        schema, existing, existing_relations, counts, error))
    {
      alama_store_cancel_change (store);
      return FALSE;
    }

  if (!alama_store_end_change (store, error))
    {
      alama_store_cancel_change (store);
      return FALSE;
    }

  report->n_documents++;
  report->n_spans_added += counts->n_spans_added;
  report->n_relations_added += counts->n_relations_added;
  report->n_skipped += counts->n_skipped;
  merge_counts (report->spans_by_label, counts->spans_by_label);
  merge_counts (report->relations_by_type, counts->relations_by_type);
  for (guint i = 0; i < counts->messages->len; i++)
    add_message_once (report, g_strdup (g_ptr_array_index (counts->messages, i)));
  return TRUE;
}

/* ---- Running ----------------------------------------------------------------- */

GPtrArray *
alama_tagger_select_documents (AlamaStore          *store,
                               const char * const  *doc_names,
                               GError             **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);

  if (doc_names == NULL || doc_names[0] == NULL)
    {
      GListModel *model = alama_store_get_documents (store);
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (documents, g_list_model_get_item (model, i));
      return g_steal_pointer (&documents);
    }

  for (guint i = 0; doc_names[i] != NULL; i++)
    {
      AlamaDocument *document = alama_store_find_document (store, doc_names[i]);

      if (document == NULL)
        {
          g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_NO_SUCH_DOCUMENT,
                       "%s has no document named “%s”", alama_store_get_path (store),
                       doc_names[i]);
          return NULL;
        }
      g_ptr_array_add (documents, document);
    }
  return g_steal_pointer (&documents);
}

gboolean
alama_tagger_run (AlamaStore          *store,
                  AlamaTagger         *tagger,
                  const char * const  *doc_names,
                  AlamaTaggerReport   *report,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(AlamaSchema) schema = NULL;

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (tagger != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  documents = alama_tagger_select_documents (store, doc_names, error);
  if (documents == NULL)
    return FALSE;
  schema = alama_store_get_schema (store);

  for (guint i = 0; i < documents->len; i++)
    {
      AlamaDocument *document = g_ptr_array_index (documents, i);
      gint64 id = alama_document_get_id (document);
      g_autofree char *text = NULL;
      g_autoptr(AlamaTextIndex) index = NULL;
      g_autoptr(GPtrArray) existing = NULL;
      g_autoptr(AlamaTaggerProposals) proposals = NULL;
      AlamaTaggerInput input = { 0 };

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_CANCELLED,
                       "autotag cancelled after %u of %u documents", i, documents->len);
          return FALSE;
        }

      text = alama_store_dup_document_text (store, id, error);
      if (text == NULL)
        return FALSE;
      existing = alama_store_list_spans (store, id, ALAMA_STATUS_MASK_ALL, error);
      if (existing == NULL)
        return FALSE;
      index = alama_text_index_new (text);

      input.text = text;
      input.index = index;
      input.schema = schema;
      input.existing = existing;
      proposals = alama_tagger_propose (tagger, &input);

      if (!alama_tagger_store_proposals (store, id, proposals, report, error))
        return FALSE;
    }
  return TRUE;
}

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

          if (between <= max_words)
            after = (gint) i;
          break;  /* actors are sorted by start: later ones are further away */
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
