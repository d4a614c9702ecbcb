/* test-import-brat.c: brat standoff pairs. */
#include "config.h"

#include "io-test-util.h"

static AlamaSpan *
find_span (GPtrArray  *spans,
           const char *label)
{
  for (guint i = 0; i < spans->len; i++)
    if (g_str_equal (((AlamaSpan *) g_ptr_array_index (spans, i))->label, label))
      return g_ptr_array_index (spans, i);
  g_error ("no %s span", label);
  return NULL;
}

static void
test_army (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *path = io_fixture ("brat", "army.ann", NULL);
  g_autofree char *expected_path = io_fixture ("brat", "army.expected", NULL);
  g_autofree char *expected = io_read_text (expected_path);
  g_autofree char *expected_sorted = io_sorted_lines (expected);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(AlamaDocument) document = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *summary_sorted = NULL;
  const char *format_data;
  AlamaImportReport report;
  AlamaSpan *quote, *claim, *gpe, *per;

  alama_import_report_init (&report);
  io_import (store, path, NULL, &report);
  g_assert_cmpuint (report.n_documents, ==, 1);
  g_assert_cmpuint (report.n_spans, ==, 7);
  g_assert_cmpuint (report.n_relations, ==, 2);

  document = io_find (store, "army");
  summary = io_spans_summary (store, alama_document_get_id (document), ALAMA_STATUS_MASK_ALL);
  summary_sorted = io_sorted_lines (summary);
  g_assert_cmpstr (summary_sorted, ==, expected_sorted);

  spans = alama_store_list_spans (store, alama_document_get_id (document), ALAMA_STATUS_MASK_ALL, &error);
  relations = alama_store_list_relations (store, alama_document_get_id (document), ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);

  per = find_span (spans, "PER");
  g_assert_cmpuint (alama_span_get_n_fragments (per), ==, 2);
  quote = find_span (spans, "QUOTE");
  g_assert_cmpstr (quote->note, ==, "نقلاً عن بيان رسمي");
  claim = find_span (spans, "CLAIM");
  g_assert_cmpstr (alama_span_get_attribute (claim, "stance"), ==, "promises");
  gpe = find_span (spans, "GPE");
  g_assert_cmpstr (alama_span_get_attribute (gpe, "Uncertain"), ==, "true");
  g_assert_cmpstr (per->source, ==, ALAMA_SOURCE_MANUAL);
  g_assert_cmpint (per->status, ==, ALAMA_STATUS_ACCEPTED);

  for (guint i = 0; i < relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (relations, i);

      g_assert_cmpint (relation->to_id, ==, quote->id);
      if (g_str_equal (relation->type, "SPEAKER"))
        g_assert_cmpint (relation->from_id, ==, per->id);
      else
        g_assert_cmpstr (relation->type, ==, "CUE_OF");
    }

  /* The event and the normalisation are kept verbatim for export. */
  format_data = alama_document_get_format_data (document);
  g_assert_nonnull (format_data);
  g_assert_nonnull (strstr (format_data, "E1\\tVisit:T7 Destination:T6"));
  g_assert_nonnull (strstr (format_data, "N1\\tReference T6 Wikidata:Q123"));

  alama_import_report_clear (&report);
  g_clear_object (&store);
  io_remove_tree (dir);
}

static void
test_pair_imported_once (void)
{
  g_autofree char *dir = io_tmp_dir ();
  g_autofree char *project = g_build_filename (dir, "p.alama", NULL);
  g_autofree char *ann = io_fixture ("brat", "army.ann", NULL);
  g_autofree char *txt = io_fixture ("brat", "army.txt", NULL);
  g_autoptr(AlamaStore) store = io_open_project (project);
  g_autoptr(GError) error = NULL;
  const char *paths[] = { txt, ann, NULL };
  AlamaImportReport report;

  /* A .txt beside its .ann is brat, and the pair is one file to import. */
  g_assert_cmpint (alama_import_detect_format (txt), ==, ALAMA_FORMAT_BRAT);

  alama_import_report_init (&report);
  g_assert_true (alama_import_paths (store, paths, NULL, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_files, ==, 1);
  g_assert_cmpuint (report.n_files_skipped, ==, 0);
  g_assert_cmpuint (alama_store_get_n_documents (store), ==, 1);
  g_assert_cmpuint (report.n_spans, ==, 7);

  alama_import_report_clear (&report);
  g_clear_object (&store);
  io_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/import-brat/army", test_army);
  g_test_add_func ("/alama/import-brat/pair-imported-once", test_pair_imported_once);

  return g_test_run ();
}
