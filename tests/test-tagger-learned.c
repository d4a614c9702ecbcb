/* test-tagger-learned.c: the string-matching recommender learns from accepted
 * annotations (most frequent label), matches clitic-aware in other documents and
 * learns again on the next run. */
#define G_LOG_DOMAIN "test-tagger-learned"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "alama/alama.h"

#include "tagger-test-util.h"

static void
assert_has (GPtrArray  *spans,
            const char *text,
            const char *word,
            guint       nth,
            gint64      skip,
            const char *label)
{
  gint64 start = cp_of_nth (text, word, nth) + skip;
  gint64 end = cp_of_nth (text, word, nth) + g_utf8_strlen (word, -1);
  AlamaSpan *span = find_span (spans, label, start, end);

  g_test_message ("expect %s on occurrence %u of a word", label, nth);
  g_assert_nonnull (span);
  g_assert_cmpint (span->status, ==, ALAMA_STATUS_PENDING);
  g_assert_cmpstr (span->source, ==, "learned");
}

static void
test_learned (void)
{
  g_autoptr(GError) error = NULL;
  Project project = { 0 };
  const char *text_a = "التقى باشينيان وفد سوكار في يريفان بحسب أرمنبريس.";
  const char *text_b = "وقال باشينيان إن سوكار ستفتح مكتباً في يريفان، ولِسوكار شركاء، ونقلت أرمنبريس الخبر.";
  const char *text_c = "زار الوفد يريفان ثم عاد إلى يريفان.";
  gint64 a, b, c;

  project_open_empty (&project);
  a = project_add_document (&project, "a", text_a);
  b = project_add_document (&project, "b", text_b);
  c = project_add_document (&project, "c", text_c);

  project_add_span (&project, a, text_a, "باشينيان", 0, "PER", "manual", ALAMA_STATUS_ACCEPTED);
  project_add_span (&project, a, text_a, "سوكار", 0, "ORG", "manual", ALAMA_STATUS_ACCEPTED);
  project_add_span (&project, a, text_a, "يريفان", 0, "GPE", "manual", ALAMA_STATUS_ACCEPTED);
  /* يريفان is LOC twice and GPE once: LOC is learned. */
  project_add_span (&project, c, text_c, "يريفان", 0, "LOC", "manual", ALAMA_STATUS_ACCEPTED);
  project_add_span (&project, c, text_c, "يريفان", 1, "LOC", "manual", ALAMA_STATUS_ACCEPTED);
  /* A pending suggestion teaches nothing. */
  project_add_span (&project, c, text_c, "الوفد", 0, "ORG", "gazetteer", ALAMA_STATUS_PENDING);

  {
    g_autoptr(AlamaTagger) tagger = alama_tagger_new_learned (project.store, &error);
    g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("learned");
    g_autoptr(GPtrArray) spans_a = NULL;
    g_autoptr(GPtrArray) spans_b = NULL;

    g_assert_no_error (error);
    alama_tagger_run (project.store, tagger, NULL, report, NULL, &error);
    g_assert_no_error (error);
    /* a: LOC on يريفان; b: باشينيان, سوكار, يريفان, لِسوكار → سوكار; c: nothing new */
    g_assert_cmpuint (report->n_spans_added, ==, 5);

    spans_a = alama_store_list_spans (project.store, a, ALAMA_STATUS_MASK_ALL, &error);
    spans_b = alama_store_list_spans (project.store, b, ALAMA_STATUS_MASK_ALL, &error);
    g_assert_no_error (error);
    assert_has (spans_a, text_a, "يريفان", 0, 0, "LOC");
    assert_has (spans_b, text_b, "باشينيان", 0, 0, "PER");
    assert_has (spans_b, text_b, "سوكار", 0, 0, "ORG");
    assert_has (spans_b, text_b, "يريفان", 0, 0, "LOC");
    /* ولِسوكار: و, ل and the kasra are left out */
    assert_has (spans_b, text_b, "ولِسوكار", 0, 3, "ORG");
    g_assert_cmpuint (spans_b->len, ==, 4);
  }

  /* The analyst accepts أرمنبريس in b: the next run proposes it in a. */
  project_add_span (&project, b, text_b, "أرمنبريس", 0, "ORG", "manual", ALAMA_STATUS_ACCEPTED);
  {
    g_autoptr(AlamaTagger) tagger = alama_tagger_new_learned (project.store, &error);
    g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("learned");
    g_autoptr(GPtrArray) spans_a = NULL;
    const char * const only_a[] = { "a", NULL };

    g_assert_no_error (error);
    alama_tagger_run (project.store, tagger, only_a, report, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_spans_added, ==, 1);
    spans_a = alama_store_list_spans (project.store, a, ALAMA_STATUS_MASK_ALL, &error);
    assert_has (spans_a, text_a, "أرمنبريس", 0, 0, "ORG");
  }

  project_close (&project);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/tagger-learned/learn-and-relearn", test_learned);

  return g_test_run ();
}
