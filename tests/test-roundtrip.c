/* test-roundtrip.c: import(export(P)) gives back P's annotations, for JSONL
 * (with statuses and sources) and brat (which has no place for them).
 *
 * The fixture has nesting (مرفأ بيروت ⊃ بيروت inside a QUOTE), overlap, a
 * discontinuous span, an emoji before the spans, harakat, tatweel, lam-alef,
 * CRLF and a Latin word; army.ann adds brat lines we do not model. */
#include "config.h"

#include "io-test-util.h"

static char *
span_signature (const AlamaSpan *span,
                gboolean         with_review)
{
  GString *out = g_string_new (span->label);
  g_autofree gpointer *names = NULL;
  guint n = 0;

  for (guint f = 0; f < span->fragments->len; f++)
    {
      const AlamaFragment *fr = &g_array_index (span->fragments, AlamaFragment, f);
      g_string_append_printf (out, "%c%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                              f ? ';' : ' ', fr->start, fr->end);
    }
  if (span->attributes != NULL)
    {
      names = g_hash_table_get_keys_as_array (span->attributes, &n);
      qsort (names, n, sizeof (gpointer), io_compare_strings);
    }
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, " @%s=%s", (char *) names[i],
                            (char *) g_hash_table_lookup (span->attributes, names[i]));
  g_string_append_printf (out, " note=%s", span->note ? span->note : "-");
  if (with_review)
    g_string_append_printf (out, " %s/%s", alama_status_to_string (span->status), span->source);
  return g_string_free (out, FALSE);
}

/* Everything about a document's annotations that must survive, as sorted lines. */
static char *
document_summary (AlamaStore *store,
                  const char *name,
                  gboolean    with_review)
{
  g_autoptr(AlamaDocument) document = io_find (store, name);
  gint64 id = alama_document_get_id (document);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = alama_store_list_spans (store, id, ALAMA_STATUS_MASK_ALL, &error);
  g_autoptr(GPtrArray) relations = alama_store_list_relations (store, id, ALAMA_STATUS_MASK_ALL, &error);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  GString *out = g_string_new (NULL);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);
      char *signature = span_signature (span, with_review);

      g_hash_table_insert (by_id, &span->id, signature);
      g_string_append_printf (out, "span %s\n", signature);
    }
  for (guint i = 0; i < relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (relations, i);

      g_string_append_printf (out, "relation %s (%s) -> (%s)", relation->type,
                              (char *) g_hash_table_lookup (by_id, &relation->from_id),
                              (char *) g_hash_table_lookup (by_id, &relation->to_id));
      if (with_review)
        g_string_append_printf (out, " %s/%s", alama_status_to_string (relation->status),
                                relation->source);
      g_string_append_c (out, '\n');
    }

  text = g_string_free (out, FALSE);
  return io_sorted_lines (text);
}

static guint
count_lines (const char *summary,
             const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (summary, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], prefix);
  return n;
}

static void
test_jsonl (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *first = g_build_filename (dir, "first.alama", NULL);
  g_autofree char *second = g_build_filename (dir, "second.alama", NULL);
  g_autofree char *out = g_build_filename (dir, "export.jsonl", NULL);
  g_autofree char *fixture = io_fixture ("jsonl", "roundtrip.jsonl", NULL);
  g_autoptr(AlamaStore) p = io_open_project (first);
  g_autoptr(AlamaStore) q = io_open_project (second);
  g_autoptr(AlamaDocument) p_doc = NULL;
  g_autoptr(AlamaDocument) q_doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *p_text = NULL;
  g_autofree char *q_text = NULL;
  AlamaExportOptions options = { .statuses = ALAMA_STATUS_MASK_ALL };

  io_import (p, fixture, NULL, NULL);
  g_assert_true (alama_export (p, ALAMA_FORMAT_JSONL, out, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  io_import (q, out, NULL, NULL);

  before = document_summary (p, "bassil", TRUE);
  after = document_summary (q, "bassil", TRUE);
  g_assert_cmpstr (after, ==, before);
  /* The fixture holds 13 spans and 4 relations; none may be lost on the way. */
  g_assert_cmpuint (count_lines (before, "span "), ==, 13);
  g_assert_cmpuint (count_lines (before, "relation "), ==, 4);
  g_assert_nonnull (strstr (before, "pending/gazetteer"));
  g_assert_nonnull (strstr (before, "rejected/quotes"));

  p_doc = io_find (p, "bassil");
  q_doc = io_find (q, "bassil");
  p_text = alama_store_dup_document_text (p, alama_document_get_id (p_doc), &error);
  q_text = alama_store_dup_document_text (q, alama_document_get_id (q_doc), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (q_text, ==, p_text);
  g_assert_cmpuint (alama_document_get_n_annotations (q_doc), ==, alama_document_get_n_annotations (p_doc));
  g_assert_cmpstr (alama_document_get_metadata_json (q_doc), ==, alama_document_get_metadata_json (p_doc));

  g_clear_object (&p);
  g_clear_object (&q);
  io_remove_tree (dir);
}

static void
brat_roundtrip (const char *fixture,
                const char *name)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *first = g_build_filename (dir, "first.alama", NULL);
  g_autofree char *second = g_build_filename (dir, "second.alama", NULL);
  g_autofree char *out = g_build_filename (dir, "brat", NULL);
  g_autoptr(AlamaStore) p = io_open_project (first);
  g_autoptr(AlamaStore) q = io_open_project (second);
  g_autoptr(AlamaDocument) p_doc = NULL;
  g_autoptr(AlamaDocument) q_doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AlamaExportOptions options = { .statuses = ALAMA_STATUS_MASK_ALL };

  io_import (p, fixture, NULL, NULL);
  g_assert_true (alama_export (p, ALAMA_FORMAT_BRAT, out, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  io_import (q, out, NULL, NULL);

  before = document_summary (p, name, FALSE);
  after = document_summary (q, name, FALSE);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (strlen (before), >, 0);

  /* Lines we do not model come back as they were. */
  p_doc = io_find (p, name);
  q_doc = io_find (q, name);
  g_assert_cmpstr (alama_document_get_format_data (q_doc), ==, alama_document_get_format_data (p_doc));

  g_clear_object (&p);
  g_clear_object (&q);
  io_remove_tree (dir);
}

static void
test_brat (void)
{
  g_autofree char *fixture = io_fixture ("jsonl", "roundtrip.jsonl", NULL);

  brat_roundtrip (fixture, "bassil");
}

static void
test_brat_unmodelled (void)
{
  g_autofree char *fixture = io_fixture ("brat", "army.ann", NULL);

  brat_roundtrip (fixture, "army");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/roundtrip/jsonl", test_jsonl);
  g_test_add_func ("/alama/roundtrip/brat", test_brat);
  g_test_add_func ("/alama/roundtrip/brat-unmodelled", test_brat_unmodelled);

  return g_test_run ();
}
