/* test-tagger-quotes.c: direct quotes in the four mark styles, indirect speech,
 * cues and speakers (after the verb, before it, an accepted entity, none), and the
 * review rules for quotes and their relations. */
#define G_LOG_DOMAIN "test-tagger-quotes"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "alama/alama.h"

#include "tagger-test-util.h"

/* One expected quotation: its QUOTE text, the CUE (the verb without و), and the
 * speaker's label and text (NULL: none). */
typedef struct
{
  const char *quote;
  const char *cue_word;    /* the word in the text, with its clitic */
  gint64      cue_skip;    /* code points of clitic before the verb */
  const char *speaker;
  const char *speaker_label;
} ExpectedQuote;

static void
test_quotes (void)
{
  g_autoptr(AlamaGazetteer) gazetteer = load_test_gazetteer ();
  g_autoptr(AlamaTagger) tagger = alama_tagger_new_quotes (gazetteer);
  g_autofree char *text = read_fixture ("quotes-text.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(AlamaSpan) zakharova = NULL;
  Project project = { 0 };
  const ExpectedQuote expected[] = {
    /* « »; harakat on the verb; subject after the verb */
    { "لن نسمح بتصعيد جديد", "وقَالَ", 1, "الكرملين", "ORG" },
    /* " "; subject before the verb, written with tatweel */
    { "الحوار هو الطريق الوحيد", "قال \"", 0, "بوتـين", "PER" },
    /* “ ”; feminine verb; the speaker is an accepted annotation, not in the gazetteer */
    { "نأمل أن تلتزم باكو بالاتفاق", "وأضافت", 1, "زاخاروفا", "PER" },
    /* ” “ */
    { "نحن ملتزمون بالسلام", "وأكدت", 1, "أذربيجان", "GPE" },
    /* indirect speech: after أنه to the end of the sentence */
    { "سيزور موسكو الشهر المقبل", "وأعلن", 1, "علييف", "PER" },
    /* indirect speech without a known speaker */
    { "الطقس كان معتدلاً", "وذكرت", 1, NULL, NULL },
  };
  const char *verbs[] = { "قَالَ", "قال", "أضافت", "أكدت", "أعلن", "ذكرت" };

  project_open (&project, "news", text);
  zakharova = alama_span_new ("PER", cp_of (text, "زاخاروفا", 0), cp_of (text, "زاخاروفا", 8));
  zakharova->document_id = project.doc_id;
  alama_store_add_span (project.store, zakharova, &error);
  g_assert_no_error (error);

  {
    g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("quotes");

    alama_tagger_run (project.store, tagger, NULL, report, NULL, &error);
    g_assert_no_error (error);
    /* 6 QUOTE + 6 CUE + 4 speakers from the gazetteer (زاخاروفا already exists) */
    g_assert_cmpuint (report->n_spans_added, ==, 16);
    /* 6 CUE_OF + 5 SPEAKER */
    g_assert_cmpuint (report->n_relations_added, ==, 11);
  }

  spans = alama_store_list_spans (project.store, project.doc_id, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  relations = alama_store_list_relations (project.store, project.doc_id, ALAMA_STATUS_MASK_ALL,
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_label (spans, "QUOTE"), ==, 6);
  g_assert_cmpuint (count_label (spans, "CUE"), ==, 6);
  g_assert_cmpuint (relations->len, ==, 11);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gint64 quote_start = cp_of (text, expected[i].quote, 0);
      gint64 cue_start = cp_of (text, expected[i].cue_word, expected[i].cue_skip);
      AlamaSpan *quote = find_span (spans, "QUOTE", quote_start,
                                    quote_start + cp_len (expected[i].quote));
      AlamaSpan *cue = find_span (spans, "CUE", cue_start, cue_start + cp_len (verbs[i]));

      g_test_message ("quote %u", i);
      g_assert_nonnull (quote);
      g_assert_nonnull (cue);
      g_assert_cmpint (quote->status, ==, ALAMA_STATUS_PENDING);
      g_assert_cmpstr (quote->source, ==, "quotes");
      g_assert_true (has_relation (relations, "CUE_OF", cue->id, quote->id));

      if (expected[i].speaker != NULL)
        {
          gint64 start = cp_of (text, expected[i].speaker, 0);
          AlamaSpan *speaker = find_span (spans, expected[i].speaker_label, start,
                                          start + cp_len (expected[i].speaker));

          g_assert_nonnull (speaker);
          g_assert_true (has_relation (relations, "SPEAKER", speaker->id, quote->id));
        }
    }

  /* The accepted speaker is untouched and was not duplicated. */
  g_assert_cmpuint (count_label (spans, "PER"), ==, 3);
  {
    AlamaSpan *kept = find_span (spans, "PER", alama_span_get_start (zakharova),
                                 alama_span_get_end (zakharova));

    g_assert_cmpint (kept->status, ==, ALAMA_STATUS_ACCEPTED);
    g_assert_cmpstr (kept->source, ==, ALAMA_SOURCE_MANUAL);
  }

  /* The analyst rejects the first quote: a second run brings back neither it nor
   * its relations, and adds nothing else. */
  {
    g_autoptr(AlamaTaggerReport) report = alama_tagger_report_new ("quotes");
    g_autoptr(GPtrArray) after = NULL;
    gint64 start = cp_of (text, expected[0].quote, 0);
    AlamaSpan *quote = find_span (spans, "QUOTE", start, start + cp_len (expected[0].quote));

    alama_store_set_span_status (project.store, quote->id, ALAMA_STATUS_REJECTED, &error);
    g_assert_no_error (error);

    alama_tagger_run (project.store, tagger, NULL, report, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_spans_added, ==, 0);
    g_assert_cmpuint (report->n_relations_added, ==, 0);

    after = alama_store_list_spans (project.store, project.doc_id, ALAMA_STATUS_MASK_ALL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (after->len, ==, spans->len);
  }

  project_close (&project);
}

static void
test_unclosed_mark (void)
{
  g_autoptr(AlamaTagger) tagger = alama_tagger_new_quotes (NULL);
  g_autoptr(AlamaSchema) schema = alama_schema_new_default ();
  g_autoptr(GPtrArray) existing = g_ptr_array_new ();
  g_autoptr(AlamaTaggerProposals) proposals = NULL;
  /* An opening mark never closed, and a quotation without a speech verb. */
  const char *text = "قال المتحدث «لن نتراجع. والطقس \"جميل\" اليوم.";
  g_autoptr(AlamaTextIndex) index = alama_text_index_new (text);
  AlamaTaggerInput input = { text, index, schema, existing };

  proposals = alama_tagger_propose (tagger, &input);
  g_assert_cmpuint (proposals->spans->len, ==, 0);
  g_assert_cmpuint (proposals->relations->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/tagger-quotes/styles-indirect-speakers", test_quotes);
  g_test_add_func ("/alama/tagger-quotes/unclosed-and-verbless", test_unclosed_mark);

  return g_test_run ();
}
