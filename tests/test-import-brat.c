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
  /* "N1<TAB>Reference T6 Wikidata:Q123<TAB>بعبدا": database:id, then the name. */
  g_assert_cmpstr (alama_span_get_attribute (gpe, ALAMA_BRAT_NORM_PREFIX "Reference"), ==,
                   "Wikidata:Q123 بعبدا");
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

  /* The event is kept verbatim for export; the normalisation is modelled. */
  format_data = alama_document_get_format_data (document);
  g_assert_nonnull (format_data);
  g_assert_nonnull (strstr (format_data, "E1\\tVisit:T7 Destination:T6"));
  g_assert_null (strstr (format_data, "N1\\t"));

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


/* Parses a brat fixture pair (no project) and checks spans against the text. */
static GPtrArray *
parse_brat_fixture (const char  *name,
                    GError     **error)
{
  g_autofree char *path = io_fixture ("brat", name, NULL);
  g_autoptr(GPtrArray) docs = alama_import_parse_brat (path, NULL, error);

  if (docs == NULL || !alama_import_check_docs (path, docs, error))
    return NULL;
  return g_steal_pointer (&docs);
}

/* "LABEL start end" of every span of @doc, in file order, joined by "|". */
static char *
describe_offsets (AlamaImportDoc *doc)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < doc->spans->len; i++)
    {
      AlamaSpan *span = doc->spans->pdata[i];

      g_string_append_printf (out, "%s%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                              i > 0 ? "|" : "", span->label,
                              alama_span_get_start (span), alama_span_get_end (span));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_sloppy_ann (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_brat_fixture ("sloppy.ann", &error);
  g_autofree char *offsets = NULL;
  AlamaImportDoc *doc;

  /* CRLF .ann, trailing tabs after two surfaces and after a relation, a surface
   * holding a tab: all read, offsets as written. */
  g_assert_no_error (error);
  doc = docs->pdata[0];
  offsets = describe_offsets (doc);
  g_assert_cmpstr (offsets, ==, "ORG 5 21|LOC 25 32|PERS 46 64|LOC 65 73");
  g_assert_cmpstr (doc->span_surfaces->pdata[0], ==, "الشرطة\tالسودانية");
  g_assert_cmpstr (doc->span_surfaces->pdata[1], ==, "الخرطوم");
  g_assert_cmpuint (doc->relations->len, ==, 1);
  g_assert_null (doc->format_data_json);
}

static void
test_bom_counted_as_brat_does (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_brat_fixture ("bom.ann", &error);
  g_autofree char *offsets = NULL;
  AlamaImportDoc *doc;

  /* brat counts the BOM: 7..18 in the file is 6..17 in the text without it. */
  g_assert_no_error (error);
  doc = docs->pdata[0];
  g_assert_false (g_str_has_prefix (doc->text, "\xEF\xBB\xBF"));
  offsets = describe_offsets (doc);
  g_assert_cmpstr (offsets, ==, "ORG 6 17|LOC 21 26");
}

static void
test_bom_skipped_by_writer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_brat_fixture ("bom-skipped.ann", &error);
  g_autofree char *offsets = NULL;

  /* Same text, offsets written without the BOM: the surfaces say so. */
  g_assert_no_error (error);
  offsets = describe_offsets (docs->pdata[0]);
  g_assert_cmpstr (offsets, ==, "ORG 6 17|LOC 21 26");
}

/* An .ann whose lines end in CR alone was one line: T1's surface ran on into
 * T2 and the import failed with a mismatch. */
static void
test_cr_line_ends (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = parse_brat_fixture ("cr-line-ends.ann", &error);
  g_autofree char *offsets = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 1);
  offsets = describe_offsets (docs->pdata[0]);
  g_assert_cmpstr (offsets, ==, "PER 4 9|GPE 13 18");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/import-brat/army", test_army);
  g_test_add_func ("/alama/import-brat/pair-imported-once", test_pair_imported_once);
  g_test_add_func ("/alama/import-brat/sloppy-ann", test_sloppy_ann);
  g_test_add_func ("/alama/import-brat/bom-counted-as-brat-does", test_bom_counted_as_brat_does);
  g_test_add_func ("/alama/import-brat/bom-skipped-by-writer", test_bom_skipped_by_writer);
  g_test_add_func ("/alama/import-brat/cr-line-ends", test_cr_line_ends);

  return g_test_run ();
}
