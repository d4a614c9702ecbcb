/* test-tagger-gazetteer.c: the gazetteer matcher and the review rules of the
 * runner (rejections stay final, accepted annotations untouched, a second run adds
 * nothing). */
#define G_LOG_DOMAIN "test-tagger-gazetteer"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "alama/alama.h"

#include "tagger-test-util.h"

typedef struct
{
  const char *label;
  gint64      start;
  gint64      end;
} Expected;

static void
assert_spans (GPtrArray      *spans,
              const Expected *expected,
              guint           n_expected,
              const char     *text)
{
  for (guint i = 0; i < MIN (spans->len, n_expected); i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);
      g_autofree char *got = alama_span_dup_text (span, text);
      g_autofree char *want = alama_text_substring (text, expected[i].start, expected[i].end);

      g_test_message ("span %u: %s “%s”, expected %s “%s”", i, span->label, got,
                      expected[i].label, want);
      g_assert_cmpstr (span->label, ==, expected[i].label);
      g_assert_cmpint (alama_span_get_start (span), ==, expected[i].start);
      g_assert_cmpint (alama_span_get_end (span), ==, expected[i].end);
    }
  g_assert_cmpuint (spans->len, ==, n_expected);
}

static void
test_match (void)
{
  g_autoptr(AlamaGazetteer) gazetteer = load_test_gazetteer ();
  g_autofree char *text = read_fixture ("gazetteer-text.txt");
  g_autoptr(AlamaTextIndex) index = alama_text_index_new (text);
  g_autoptr(GPtrArray) spans = NULL;
  const char *vocalised = "مُوسْكُو";
  const char *tatweel = "أرمـيـنـيـا";
  const Expected expected[] = {
    /* وبوتين: the span leaves the conjunction out */
    { "PER", cp_of_nth (text, "وبوتين", 0) + 1, cp_of_nth (text, "وبوتين", 0) + 6 },
    /* harakat inside the name */
    { "GPE", cp_of_nth (text, vocalised, 0), cp_of_nth (text, vocalised, 0) + g_utf8_strlen (vocalised, -1) },
    /* the longest entry wins over بوتين alone */
    { "PER", cp_of_nth (text, "فلاديمير بوتين", 0), cp_of_nth (text, "فلاديمير بوتين", 0) + 14 },
    /* بالكرملين: only ب is stripped, the entry keeps its article */
    { "ORG", cp_of_nth (text, "بالكرملين", 0) + 1, cp_of_nth (text, "بالكرملين", 0) + 9 },
    /* tatweel inside the name */
    { "GPE", cp_of_nth (text, tatweel, 0), cp_of_nth (text, tatweel, 0) + g_utf8_strlen (tatweel, -1) },
    /* واذربيجان: و stripped, bare alef matches أ */
    { "GPE", cp_of_nth (text, "واذربيجان", 0) + 1, cp_of_nth (text, "واذربيجان", 0) + 9 },
    /* للأمم المتحدة: ل + ال written لل, the span starts at the article's lam */
    { "ORG", cp_of_nth (text, "للأمم المتحدة", 0) + 1, cp_of_nth (text, "للأمم المتحدة", 0) + 13 },
    /* a short entry marked with ! */
    { "ORG", cp_of_nth (text, "أ ف ب", 0), cp_of_nth (text, "أ ف ب", 0) + 5 },
    /* الروسيات is not روسيا; the second الكرملين is */
    { "ORG", cp_of_nth (text, "الكرملين", 1), cp_of_nth (text, "الكرملين", 1) + 8 },
  };

  spans = alama_gazetteer_match (gazetteer, text, index, "gazetteer");
  assert_spans (spans, expected, G_N_ELEMENTS (expected), text);

  /* The canonical name is the span's "canonical" attribute when it differs from
   * the surface; the note stays the analyst's. */
  g_assert_cmpstr (alama_span_get_attribute (g_ptr_array_index (spans, 0), "canonical"), ==,
                   "فلاديمير بوتين");
  g_assert_null (alama_span_get_attribute (g_ptr_array_index (spans, 2), "canonical"));
  g_assert_null (((AlamaSpan *) g_ptr_array_index (spans, 0))->note);
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      g_assert_cmpint (span->status, ==, ALAMA_STATUS_PENDING);
      g_assert_cmpstr (span->source, ==, "gazetteer");
    }
}

static void
test_short_entries (void)
{
  g_autoptr(AlamaGazetteer) gazetteer = alama_gazetteer_new ();

  g_assert_false (alama_gazetteer_add_entry (gazetteer, "في", "GPE", NULL, FALSE));
  g_assert_false (alama_gazetteer_add_entry (gazetteer, "عَنْ", "GPE", NULL, FALSE));
  g_assert_true (alama_gazetteer_add_entry (gazetteer, "قم", "GPE", NULL, TRUE));
  g_assert_true (alama_gazetteer_add_entry (gazetteer, "باكو", "GPE", NULL, FALSE));
  g_assert_cmpuint (alama_gazetteer_get_n_entries (gazetteer), ==, 2);
}

static void
test_bad_file (void)
{
  g_autoptr(AlamaGazetteer) gazetteer = alama_gazetteer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("alama-gazetteer-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.tsv", NULL);

  g_assert_true (g_file_set_contents (path, "# comment\nباكو\tGPE\nيريفان بلا تسمية\n", -1, NULL));
  g_assert_false (alama_gazetteer_load_file (gazetteer, path, &error));
  g_assert_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "bad.tsv:3"));
  g_clear_error (&error);

  g_assert_false (alama_gazetteer_load_dir (gazetteer, "/nonexistent/alama", &error));
  g_assert_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_IO);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_shipped_gazetteers (void)
{
  g_autoptr(AlamaGazetteer) gazetteer = alama_gazetteer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = alama_gazetteer_dup_default_dir ();
  const char *text = "وقال الكرملين إن الاشتباكات في ناغورنو قره باغ توقفت، وأكد لافروف ذلك.";
  g_autoptr(AlamaTextIndex) index = alama_text_index_new (text);
  g_autoptr(GPtrArray) spans = NULL;
  const Expected expected[] = {
    { "ORG", cp_of_nth (text, "الكرملين", 0), cp_of_nth (text, "الكرملين", 0) + 8 },
    { "LOC", cp_of_nth (text, "ناغورنو قره باغ", 0), cp_of_nth (text, "ناغورنو قره باغ", 0) + 15 },
    { "PER", cp_of_nth (text, "لافروف", 0), cp_of_nth (text, "لافروف", 0) + 6 },
  };

  alama_gazetteer_load_dir (gazetteer, dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alama_gazetteer_get_n_entries (gazetteer), >, 500);

  spans = alama_gazetteer_match (gazetteer, text, index, NULL);
  assert_spans (spans, expected, G_N_ELEMENTS (expected), text);
}

/* The gazetteer and word snapping leave the same clitic out: the span the
 * gazetteer proposes for وأذربيجان is the one a drag over the word selects. */
static void
test_snap_agrees (void)
{
  g_autoptr(AlamaGazetteer) gazetteer = alama_gazetteer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = alama_gazetteer_dup_default_dir ();
  const char *text = "رحبت أرمينيا وأذربيجان بالاتفاق.";
  g_autoptr(AlamaTextIndex) index = alama_text_index_new (text);
  g_autoptr(GPtrArray) spans = NULL;
  gint64 word = cp_of_nth (text, "وأذربيجان", 0);
  gint64 start = word, end = word + g_utf8_strlen ("وأذربيجان", -1);
  AlamaSpan *found = NULL;

  alama_gazetteer_load_dir (gazetteer, dir, &error);
  g_assert_no_error (error);
  spans = alama_gazetteer_match (gazetteer, text, index, NULL);
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      if (alama_span_get_end (span) == end)
        found = span;
    }
  g_assert_nonnull (found);

  alama_text_snap_to_words (index, &start, &end);
  g_assert_cmpint (start, ==, alama_span_get_start (found));
  g_assert_cmpint (end, ==, alama_span_get_end (found));
  g_assert_cmpint (start, ==, word + 1);
}

/* ---- The runner's review rules ---------------------------------------------- */

static void
test_review_rules (void)
{
  g_autoptr(AlamaGazetteer) gazetteer = load_test_gazetteer ();
  g_autoptr(AlamaTagger) tagger = alama_tagger_new_gazetteer (gazetteer);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(AlamaSpan) manual = NULL;
  const char *text = "زار بوتين موسكو ثم أرمينيا، وقال الكرملين إن بوتين عاد.";
  Project project = { 0 };
  gint64 moscow_start = cp_of_nth (text, "موسكو", 0);
  gint64 armenia_start = cp_of_nth (text, "أرمينيا", 0);
  AlamaSpan *moscow;

  project_open (&project, "news-1", text);

  /* The analyst has annotated أرمينيا by hand (accepted) as LOC, with a note. */
  manual = alama_span_new ("LOC", armenia_start, armenia_start + 7);
  manual->document_id = project.doc_id;
  manual->note = g_strdup ("بالقصد");
  alama_store_add_span (project.store, manual, &error);
  g_assert_no_error (error);

  /* First run. */
  {
    g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("gazetteer");

    alama_tagger_run (project.store, tagger, NULL, report, NULL, &error);
    g_assert_no_error (error);
    /* بوتين ×2, موسكو, أرمينيا (GPE: a different label than the manual LOC), الكرملين */
    g_assert_cmpuint (report->n_spans_added, ==, 5);
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (report->spans_by_label, "PER")),
                      ==, 2);
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (report->spans_by_label, "GPE")),
                      ==, 2);
  }

  /* The analyst rejects موسكو. */
  spans = alama_store_list_spans (project.store, project.doc_id, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  moscow = find_span (spans, "GPE", moscow_start, moscow_start + 5);
  g_assert_nonnull (moscow);
  g_assert_cmpint (moscow->status, ==, ALAMA_STATUS_PENDING);
  g_assert_cmpstr (moscow->source, ==, "gazetteer");
  alama_store_set_span_status (project.store, moscow->id, ALAMA_STATUS_REJECTED, &error);
  g_assert_no_error (error);
  g_clear_pointer (&spans, g_ptr_array_unref);

  /* Second run: nothing new, the rejection stays, the manual span is untouched. */
  {
    g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("gazetteer");
    AlamaSpan *still;

    alama_tagger_run (project.store, tagger, NULL, report, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_spans_added, ==, 0);
    g_assert_cmpuint (report->n_skipped, ==, 5);

    spans = alama_store_list_spans (project.store, project.doc_id, ALAMA_STATUS_MASK_ALL,
                                    &error);
    g_assert_no_error (error);
    g_assert_cmpuint (spans->len, ==, 6);
    moscow = find_span (spans, "GPE", moscow_start, moscow_start + 5);
    g_assert_cmpint (moscow->status, ==, ALAMA_STATUS_REJECTED);
    still = find_span (spans, "LOC", armenia_start, armenia_start + 7);
    g_assert_nonnull (still);
    g_assert_cmpint (still->status, ==, ALAMA_STATUS_ACCEPTED);
    g_assert_cmpstr (still->source, ==, ALAMA_SOURCE_MANUAL);
    g_assert_cmpstr (still->note, ==, "بالقصد");
    g_assert_cmpint (still->modified, ==, manual->modified);
  }

  project_close (&project);
}

static void
test_unknown_document (void)
{
  g_autoptr(AlamaGazetteer) gazetteer = load_test_gazetteer ();
  g_autoptr(AlamaTagger) tagger = alama_tagger_new_gazetteer (gazetteer);
  g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("gazetteer");
  g_autoptr(GError) error = NULL;
  const char * const names[] = { "news-1", "لا يوجد", NULL };
  Project project = { 0 };

  project_open (&project, "news-1", "بوتين في موسكو.");
  g_assert_false (alama_tagger_run (project.store, tagger, names, report, NULL, &error));
  g_assert_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_NO_SUCH_DOCUMENT);
  g_assert_nonnull (strstr (error->message, "لا يوجد"));
  project_close (&project);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/tagger-gazetteer/match", test_match);
  g_test_add_func ("/alama/tagger-gazetteer/short-entries", test_short_entries);
  g_test_add_func ("/alama/tagger-gazetteer/bad-file", test_bad_file);
  g_test_add_func ("/alama/tagger-gazetteer/shipped", test_shipped_gazetteers);
  g_test_add_func ("/alama/tagger-gazetteer/snap-agrees", test_snap_agrees);
  g_test_add_func ("/alama/tagger-gazetteer/review-rules", test_review_rules);
  g_test_add_func ("/alama/tagger-gazetteer/unknown-document", test_unknown_document);

  return g_test_run ();
}
