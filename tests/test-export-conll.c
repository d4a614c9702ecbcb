/* test-export-conll.c: CoNLL export, round trips and tagging rules. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <alama/alama-export.h>
#include <alama/alama-import.h>
#include <alama/alama-store.h>

typedef struct
{
  char       *dir;
  AlamaStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("alama-export-conll-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "project.alama", NULL);
  f->store = alama_store_open (path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
}

static void
import_fixture (Fixture    *f,
                const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "conll", name, NULL);
  g_autoptr(GError) error = NULL;
  AlamaImportOptions options = { 0 };
  AlamaImportReport report;

  options.format = ALAMA_FORMAT_CONLL;
  options.add_labels = TRUE;
  alama_import_report_init (&report);
  alama_import_file (f->store, path, &options, &report, &error);
  g_assert_no_error (error);
  alama_import_report_clear (&report);
}

static char *
export_to_string (Fixture                  *f,
                  const AlamaExportOptions *options,
                  gboolean                  all_labels)
{
  g_autofree char *out = g_build_filename (f->dir, "out.conll", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  alama_export_conll_labels (f->store, out, options, all_labels, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  return contents;
}

static void
assert_round_trip (Fixture    *f,
                   const char *name,
                   gboolean    nested)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "conll", name, NULL);
  g_autofree char *original = NULL;
  g_autofree char *exported = NULL;
  AlamaExportOptions options = { 0 };

  import_fixture (f, name);
  options.nested = nested;
  exported = export_to_string (f, &options, FALSE);
  g_assert_true (g_file_get_contents (path, &original, NULL, NULL));
  g_assert_cmpstr (exported, ==, original);
}

static void
test_round_trip_iob2 (Fixture *f, gconstpointer data)
{
  /* Empty token, untagged token and $#$ marker come back as they were. */
  assert_round_trip (f, "news-iob2.conll", FALSE);
}

static void
test_round_trip_nested (Fixture *f, gconstpointer data)
{
  assert_round_trip (f, "nested.conll", TRUE);
}

static void
test_round_trip_docstart_bom_crlf (Fixture *f, gconstpointer data)
{
  assert_round_trip (f, "docstart-crlf.conll", FALSE);
}

static void
test_outermost_wins_without_nested (Fixture *f, gconstpointer data)
{
  g_autofree char *exported = NULL;
  AlamaExportOptions options = { 0 };

  import_fixture (f, "nested.conll");
  exported = export_to_string (f, &options, FALSE);
  /* One tag column; the inner GPE of بلدية نابلس is left out. */
  g_assert_nonnull (strstr (exported, "نابلس I-ORG\n"));
  g_assert_nonnull (strstr (exported, "طولكرم I-OCC\n"));
  g_assert_null (strstr (exported, " I-ORG B-GPE"));
}

/* A document that did not come from CoNLL: ICU words and sentences. */
static gint64
add_text_document (Fixture    *f,
                   const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  alama_store_add_document (f->store, "خبر", NULL, text, NULL, NULL, &id, &error);
  g_assert_no_error (error);
  return id;
}

static void
add_span (Fixture     *f,
          gint64       doc,
          const char  *label,
          gint64       start,
          gint64       end,
          AlamaStatus  status)
{
  g_autoptr(AlamaSpan) span = alama_span_new (label, start, end);
  g_autoptr(GError) error = NULL;

  span->document_id = doc;
  span->status = status;
  alama_store_add_span (f->store, span, &error);
  g_assert_no_error (error);
}

static void
test_icu_tokens_mid_token_span (Fixture *f, gconstpointer data)
{
  /* قال وبوتين إن موسكو ستشارك. ورحبت باريس.
   * 0   4     11 14   20        30          */
  const char *text = "قال وبوتين إن موسكو ستشارك. ورحبت باريس.";
  g_autofree char *exported = NULL;
  AlamaExportOptions options = { 0 };
  gint64 doc = add_text_document (f, text);

  add_span (f, doc, "PER", 5, 10, ALAMA_STATUS_ACCEPTED);    /* بوتين inside وبوتين */
  add_span (f, doc, "LOC", 14, 19, ALAMA_STATUS_ACCEPTED);   /* موسكو */
  add_span (f, doc, "LOC", 34, 39, ALAMA_STATUS_PENDING);    /* باريس, not accepted */

  exported = export_to_string (f, &options, FALSE);
  g_assert_cmpstr (exported, ==,
                   "قال O\n"
                   "وبوتين B-PER\n"
                   "إن O\n"
                   "موسكو B-LOC\n"
                   "ستشارك O\n"
                   ". O\n"
                   "\n"
                   "ورحبت O\n"
                   "باريس O\n"
                   ". O\n"
                   "\n");
}

static void
test_pending_included_on_request (Fixture *f, gconstpointer data)
{
  const char *text = "ورحبت باريس بالقرار.";
  g_autofree char *exported = NULL;
  AlamaExportOptions options = { 0 };
  gint64 doc = add_text_document (f, text);

  add_span (f, doc, "LOC", 6, 11, ALAMA_STATUS_PENDING);
  options.statuses = ALAMA_STATUS_MASK_ACCEPTED | ALAMA_STATUS_MASK_PENDING;
  exported = export_to_string (f, &options, FALSE);
  g_assert_nonnull (strstr (exported, "باريس B-LOC\n"));
}

static void
test_quotes_only_with_all_labels (Fixture *f, gconstpointer data)
{
  /* قال الوزير: «سنبني المدارس». */
  const char *text = "قال الوزير «سنبني المدارس»";
  g_autofree char *entities = NULL;
  g_autofree char *all = NULL;
  AlamaExportOptions options = { 0 };
  gint64 doc = add_text_document (f, text);

  add_span (f, doc, "QUOTE", 12, 25, ALAMA_STATUS_ACCEPTED);   /* سنبني المدارس */
  entities = export_to_string (f, &options, FALSE);
  g_assert_null (strstr (entities, "QUOTE"));
  all = export_to_string (f, &options, TRUE);
  g_assert_nonnull (strstr (all, "سنبني B-QUOTE\n"));
  g_assert_nonnull (strstr (all, "المدارس I-QUOTE\n"));
}

/* A label with a plain space is one tag column: the space becomes '_'. */
static void
test_label_with_space (Fixture *f, gconstpointer data)
{
  g_autofree char *jsonl = g_build_filename (f->dir, "in.jsonl", NULL);
  g_autofree char *exported = NULL;
  g_autoptr(GError) error = NULL;
  AlamaExportOptions export_options = { 0 };
  AlamaImportOptions options = { 0 };
  AlamaImportReport report;

  g_assert_true (g_file_set_contents (jsonl,
                                      "{\"name\":\"d1\",\"text\":\"قال بوتين اليوم\","
                                      "\"spans\":[{\"start\":4,\"end\":9,\"label\":\"PER X\"}]}\n",
                                      -1, &error));
  options.format = ALAMA_FORMAT_JSONL;
  options.add_labels = TRUE;
  alama_import_report_init (&report);
  alama_import_file (f->store, jsonl, &options, &report, &error);
  g_assert_no_error (error);
  alama_import_report_clear (&report);

  exported = export_to_string (f, &export_options, TRUE);
  g_assert_nonnull (strstr (exported, "بوتين B-PER_X\n"));
}

static void
test_nested_padded_for_other_documents (Fixture *f, gconstpointer data)
{
  /* جامعة القاهرة ORG containing القاهرة LOC */
  const char *text = "تخرج في جامعة القاهرة";
  g_autofree char *exported = NULL;
  AlamaExportOptions options = { 0 };
  gint64 doc = add_text_document (f, text);

  add_span (f, doc, "ORG", 8, 21, ALAMA_STATUS_ACCEPTED);
  add_span (f, doc, "LOC", 14, 21, ALAMA_STATUS_ACCEPTED);
  options.nested = TRUE;
  exported = export_to_string (f, &options, FALSE);
  g_assert_cmpstr (exported, ==,
                   "تخرج O O\n"
                   "في O O\n"
                   "جامعة B-ORG O\n"
                   "القاهرة I-ORG B-LOC\n"
                   "\n");
}

static void
test_two_documents_get_docstart (Fixture *f, gconstpointer data)
{
  g_autofree char *exported = NULL;
  AlamaExportOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  alama_store_add_document (f->store, "أ", NULL, "وصل الوفد.", NULL, NULL, &id, &error);
  g_assert_no_error (error);
  alama_store_add_document (f->store, "ب", NULL, "غادر الوفد.", NULL, NULL, &id, &error);
  g_assert_no_error (error);

  exported = export_to_string (f, &options, FALSE);
  g_assert_cmpstr (exported, ==,
                   "-DOCSTART- O\n\nوصل O\nالوفد O\n. O\n\n"
                   "-DOCSTART- O\n\nغادر O\nالوفد O\n. O\n\n");
}


static void
test_round_trip_iob1 (Fixture *f, gconstpointer data)
{
  /* Entities opened with I- (ANERcorp) stay I-; B- between two LOC stays B-. */
  assert_round_trip (f, "iob1-anercorp.conll", FALSE);
}

static void
test_round_trip_pos_columns (Fixture *f, gconstpointer data)
{
  assert_round_trip (f, "conll2003-pos.conll", FALSE);
}

static void
test_round_trip_bioes (Fixture *f, gconstpointer data)
{
  assert_round_trip (f, "bioes.conll", FALSE);
}

static void
test_round_trip_bilou (Fixture *f, gconstpointer data)
{
  assert_round_trip (f, "bilou.conll", FALSE);
}

static void
test_round_trip_empty_docstart (Fixture *f, gconstpointer data)
{
  assert_round_trip (f, "docstart-empty.conll", FALSE);
}

static void
test_round_trip_mixed_separators (Fixture *f, gconstpointer data)
{
  assert_round_trip (f, "mixed-separators.conll", FALSE);
}

/* A span added to a BIOES document is written in BIOES (S- for one token). */
static void
test_bioes_new_span_keeps_scheme (Fixture *f, gconstpointer data)
{
  g_autofree char *exported = NULL;
  g_autoptr(AlamaDocument) doc = NULL;
  AlamaExportOptions options = { 0 };

  import_fixture (f, "bioes.conll");
  doc = alama_store_find_document (f->store, "bioes");
  g_assert_nonnull (doc);
  /* "أكد المتحدث باسم الحكومة المغربية": المغربية is code points 25..33. */
  add_span (f, alama_document_get_id (doc), "LOC", 25, 33, ALAMA_STATUS_ACCEPTED);
  exported = export_to_string (f, &options, FALSE);
  g_assert_nonnull (strstr (exported, "\nالمغربية S-LOC\n"));
  g_assert_nonnull (strstr (exported, "\nالحكومة E-OCC\n"));
}

/* A new span right after an I- opened entity of the same label must not join it. */
static void
test_iob1_start_not_joined (Fixture *f, gconstpointer data)
{
  g_autofree char *exported = NULL;
  g_autoptr(AlamaDocument) doc = NULL;
  AlamaExportOptions options = { 0 };

  import_fixture (f, "iob1-anercorp.conll");
  doc = alama_store_find_document (f->store, "iob1-anercorp");
  g_assert_nonnull (doc);
  /* "أعلن الرئيس التونسي قيس": التونسي (12..19) becomes PERS, just before قيس I-PERS. */
  add_span (f, alama_document_get_id (doc), "PERS", 12, 19, ALAMA_STATUS_ACCEPTED);
  exported = export_to_string (f, &options, FALSE);
  g_assert_nonnull (strstr (exported, "\nالتونسي B-PERS\nقيس B-PERS\nسعيد I-PERS\n"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/alama/export-conll/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("round-trip-iob2", test_round_trip_iob2);
  ADD ("round-trip-nested", test_round_trip_nested);
  ADD ("round-trip-docstart-bom-crlf", test_round_trip_docstart_bom_crlf);
  ADD ("outermost-wins-without-nested", test_outermost_wins_without_nested);
  ADD ("icu-tokens-mid-token-span", test_icu_tokens_mid_token_span);
  ADD ("pending-included-on-request", test_pending_included_on_request);
  ADD ("quotes-only-with-all-labels", test_quotes_only_with_all_labels);
  ADD ("label-with-space", test_label_with_space);
  ADD ("nested-padded-for-other-documents", test_nested_padded_for_other_documents);
  ADD ("two-documents-get-docstart", test_two_documents_get_docstart);

  ADD ("round-trip-iob1", test_round_trip_iob1);
  ADD ("round-trip-pos-columns", test_round_trip_pos_columns);
  ADD ("round-trip-bioes", test_round_trip_bioes);
  ADD ("round-trip-bilou", test_round_trip_bilou);
  ADD ("round-trip-empty-docstart", test_round_trip_empty_docstart);
  ADD ("round-trip-mixed-separators", test_round_trip_mixed_separators);
  ADD ("bioes-new-span-keeps-scheme", test_bioes_new_span_keeps_scheme);
  ADD ("iob1-start-not-joined", test_iob1_start_not_joined);

  return g_test_run ();
}
