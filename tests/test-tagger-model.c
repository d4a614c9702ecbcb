/* test-tagger-model.c: the tagger trained on the project (alama-tagger-model.h):
 * training on a small fixture, the same bytes for the same seed, the models
 * table round trip, autotag's pending suggestions with source and confidence,
 * eval's figures against counts made here from the tagger's own output, and a
 * lexicon feature at work: a given name training never saw. */
#define G_LOG_DOMAIN "test-tagger-model"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "alama/alama.h"

#include "tagger-test-util.h"

typedef struct
{
  char   *label;
  gint64  start;
  gint64  end;
} Marked;

/* Reads a fixture in the [LABEL words] notation: the text without the marks
 * (one line a sentence) and the marked spans in code points. */
static char *
read_marked (const char *name,
             GArray     *marked)
{
  g_autofree char *contents = read_fixture (name);
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  GString *text = g_string_new (NULL);

  for (guint l = 0; lines[l] != NULL; l++)
    {
      const char *p = lines[l];

      if (*p == '#' || *p == '\0')
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      while (*p != '\0')
        {
          if (*p == '[')
            {
              const char *space = strchr (p, ' ');
              const char *close = strchr (p, ']');
              Marked m = { g_strndup (p + 1, space - p - 1), 0, 0 };

              g_assert_nonnull (space);
              g_assert_nonnull (close);
              m.start = g_utf8_strlen (text->str, text->len);
              g_string_append_len (text, space + 1, close - space - 1);
              m.end = g_utf8_strlen (text->str, text->len);
              g_array_append_val (marked, m);
              p = close + 1;
            }
          else
            g_string_append_c (text, *p++);
        }
    }
  return g_string_free (text, FALSE);
}

static void
marked_clear (gpointer data)
{
  g_free (((Marked *) data)->label);
}

static GArray *
marked_new (void)
{
  GArray *marked = g_array_new (FALSE, FALSE, sizeof (Marked));

  g_array_set_clear_func (marked, marked_clear);
  return marked;
}

static void
add_marked (Project *project,
            gint64   doc_id,
            GArray  *marked)
{
  for (guint i = 0; i < marked->len; i++)
    {
      const Marked *m = &g_array_index (marked, Marked, i);
      g_autoptr(AlamaSpan) span = alama_span_new (m->label, m->start, m->end);
      g_autoptr(GError) error = NULL;

      span->document_id = doc_id;
      span->status = ALAMA_STATUS_ACCEPTED;
      alama_store_add_span (project->store, span, &error);
      g_assert_no_error (error);
    }
}

/* A project with the training fixture as document "train" (annotated) and the
 * held-out fixture as "test" (annotated when @annotate_test). */
static void
open_fixture_project (Project  *project,
                      gboolean  annotate_test,
                      char    **out_test_text,
                      GArray  **out_test_marked)
{
  g_autoptr(GArray) train_marked = marked_new ();
  g_autoptr(GArray) test_marked = marked_new ();
  g_autofree char *train_text = read_marked ("model-train.txt", train_marked);
  g_autofree char *test_text = read_marked ("model-test.txt", test_marked);
  gint64 train_id, test_id;

  project_open_empty (project);
  train_id = project_add_document (project, "train", train_text);
  test_id = project_add_document (project, "test", test_text);
  add_marked (project, train_id, train_marked);
  if (annotate_test)
    add_marked (project, test_id, test_marked);
  if (out_test_text)
    *out_test_text = g_steal_pointer (&test_text);
  if (out_test_marked)
    *out_test_marked = g_steal_pointer (&test_marked);
}

static AlamaTaggerModel *
train (Project *project,
       guint32  seed)
{
  static const char * const train_docs[] = { "train", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  AlamaTaggerModelOptions options;
  AlamaTaggerModel *model;

  documents = alama_tagger_select_documents (project->store, train_docs, &error);
  g_assert_no_error (error);
  alama_tagger_model_options_init (&options);
  options.documents = documents;
  options.seed = seed;
  model = alama_tagger_model_train (project->store, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static gboolean
bytes_equal (GBytes *a,
             GBytes *b)
{
  return g_bytes_compare (a, b) == 0;
}

static void
test_confidence_attribute (void)
{
  static const struct { const char *value; gboolean ok; double confidence; } cases[] = {
    { "0.83", TRUE, 0.83 }, { "1.00", TRUE, 1.0 }, { "0", TRUE, 0.0 },
    { "", FALSE, 0 }, { "high", FALSE, 0 }, { "0.5x", FALSE, 0 }, { "1.5", FALSE, 0 },
    { "-0.1", FALSE, 0 }, { "nan", FALSE, 0 }, { NULL, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AlamaSpan) span = alama_span_new ("PER", 0, 3);
      double confidence = -1;

      if (cases[i].value != NULL)
        alama_span_set_attribute (span, ALAMA_TAGGER_MODEL_CONFIDENCE_ATTRIBUTE, cases[i].value);
      g_assert_cmpint (alama_span_get_confidence (span, &confidence), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpfloat_with_epsilon (confidence, cases[i].confidence, 1e-9);
    }
}

static void
test_deterministic (void)
{
  Project project = { 0 };
  g_autoptr(AlamaTaggerModel) first = NULL;
  g_autoptr(AlamaTaggerModel) second = NULL;
  g_autoptr(GBytes) first_bytes = NULL;
  g_autoptr(GBytes) second_bytes = NULL;
  const char * const *labels;

  open_fixture_project (&project, FALSE, NULL, NULL);
  first = train (&project, 7);
  second = train (&project, 7);
  first_bytes = alama_tagger_model_to_bytes (first);
  second_bytes = alama_tagger_model_to_bytes (second);
  g_assert_true (bytes_equal (first_bytes, second_bytes));

  /* The labels with accepted spans, in the schema's order. */
  labels = alama_tagger_model_get_labels (first);
  g_assert_cmpstr (labels[0], ==, "PER");
  g_assert_cmpstr (labels[1], ==, "ORG");
  g_assert_cmpstr (labels[2], ==, "LOC");
  g_assert_null (labels[3]);

  project_close (&project);
}

static void
test_learns_fixture (void)
{
  Project project = { 0 };
  g_autoptr(AlamaTaggerModel) model = NULL;
  g_autoptr(GArray) marked = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AlamaTextIndex) index = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  guint found = 0;

  open_fixture_project (&project, FALSE, &text, &marked);
  model = train (&project, 1);
  index = alama_text_index_new (text);
  spans = alama_tagger_model_tag (model, text, index, NULL, "model:test");

  /* The held-out sentences name the same people, places and organisations in
   * new sentences: most of them are found, with their labels. */
  for (guint i = 0; i < marked->len; i++)
    {
      const Marked *m = &g_array_index (marked, Marked, i);

      found += find_span (spans, m->label, m->start, m->end) != NULL;
    }
  g_test_message ("found %u of %u marked spans", found, marked->len);
  g_assert_cmpuint (found * 4, >=, marked->len * 3);

  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);
      const char *confidence = alama_span_get_attribute (span, "confidence");
      double value;

      g_assert_cmpstr (span->source, ==, "model:test");
      g_assert_cmpint (span->status, ==, ALAMA_STATUS_PENDING);
      g_assert_nonnull (confidence);
      value = g_ascii_strtod (confidence, NULL);
      g_assert_cmpfloat (value, >=, 0.0);
      g_assert_cmpfloat (value, <=, 1.0);
    }

  project_close (&project);
}

static void
test_save_load (void)
{
  g_autoptr(GError) error = NULL;
  Project project = { 0 };
  g_autoptr(AlamaTaggerModel) model = NULL;
  g_autoptr(AlamaTaggerModel) loaded = NULL;
  g_autoptr(AlamaTaggerModel) missing = NULL;
  g_autoptr(AlamaTaggerModel) damaged = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) loaded_bytes = NULL;
  g_autoptr(GBytes) truncated = NULL;

  open_fixture_project (&project, FALSE, NULL, NULL);
  model = train (&project, 1);
  alama_tagger_model_save (model, project.store, "names", &error);
  g_assert_no_error (error);

  /* Read back through a second connection: the model is in the file. */
  g_clear_object (&project.store);
  project.store = alama_store_open (project.path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  loaded = alama_tagger_model_load (project.store, "names", &error);
  g_assert_no_error (error);
  bytes = alama_tagger_model_to_bytes (model);
  loaded_bytes = alama_tagger_model_to_bytes (loaded);
  g_assert_true (bytes_equal (bytes, loaded_bytes));
  g_assert_nonnull (strstr (alama_tagger_model_get_info (loaded), "\"tokens\""));

  missing = alama_tagger_model_load (project.store, "other", &error);
  g_assert_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_NO_SUCH_MODEL);
  g_assert_null (missing);
  g_clear_error (&error);

  truncated = g_bytes_new_from_bytes (bytes, 0, g_bytes_get_size (bytes) - 3);
  damaged = alama_tagger_model_new_from_bytes (truncated, &error);
  g_assert_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_BAD_MODEL);
  g_assert_null (damaged);

  project_close (&project);
}

static void
test_autotag (void)
{
  g_autoptr(GError) error = NULL;
  Project project = { 0 };
  g_autoptr(AlamaTaggerModel) model = NULL;
  g_autoptr(AlamaTagger) tagger = NULL;
  g_autoptr(AlamaTaggerReport) report = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  static const char * const test_docs[] = { "test", NULL };
  AlamaDocument *test_doc;

  open_fixture_project (&project, FALSE, NULL, NULL);
  model = train (&project, 1);
  alama_tagger_model_save (model, project.store, ALAMA_TAGGER_MODEL_DEFAULT_NAME, &error);
  g_assert_no_error (error);

  tagger = alama_tagger_new_by_name ("model", project.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (alama_tagger_get_name (tagger), ==, "model:model");
  report = alama_tagger_report_new (alama_tagger_get_name (tagger));
  alama_tagger_run (project.store, tagger, test_docs, report, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_spans_added, >, 0);

  test_doc = alama_store_find_document (project.store, "test");
  spans = alama_store_list_spans (project.store, alama_document_get_id (test_doc),
                                  ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, report->n_spans_added);
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      g_assert_cmpint (span->status, ==, ALAMA_STATUS_PENDING);
      g_assert_cmpstr (span->source, ==, "model:model");
      g_assert_nonnull (alama_span_get_attribute (span, "confidence"));
    }
  g_object_unref (test_doc);

  /* A name that is not stored is an error that says so. */
  g_assert_null (alama_tagger_new_by_name ("model:nothing", project.store, NULL, &error));
  g_assert_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_NO_SUCH_MODEL);

  project_close (&project);
}

static void
test_eval (void)
{
  g_autoptr(GError) error = NULL;
  Project project = { 0 };
  g_autoptr(AlamaTaggerModel) model = NULL;
  g_autoptr(AlamaTaggerModel) copy = NULL;
  g_autoptr(AlamaTagger) tagger = NULL;
  g_autoptr(AlamaEvalResult) result = NULL;
  g_autoptr(GArray) marked = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AlamaTextIndex) index = NULL;
  g_autoptr(GPtrArray) predicted = NULL;
  g_autoptr(GBytes) bytes = NULL;
  static const char * const test_docs[] = { "test", NULL };
  guint tp = 0, fp, fn;

  open_fixture_project (&project, TRUE, &text, &marked);
  model = train (&project, 1);

  /* By hand: the model's spans on the test text against the marked ones. */
  index = alama_text_index_new (text);
  predicted = alama_tagger_model_tag (model, text, index, NULL, "model:model");
  for (guint i = 0; i < marked->len; i++)
    {
      const Marked *m = &g_array_index (marked, Marked, i);

      tp += find_span (predicted, m->label, m->start, m->end) != NULL;
    }
  fp = predicted->len - tp;
  fn = marked->len - tp;

  bytes = alama_tagger_model_to_bytes (model);
  copy = alama_tagger_model_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  tagger = alama_tagger_new_model (g_steal_pointer (&copy), "model", NULL);
  result = alama_eval_tagger (project.store, tagger, test_docs, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->exact.overall.tp, ==, tp);
  g_assert_cmpuint (result->exact.overall.fp, ==, fp);
  g_assert_cmpuint (result->exact.overall.fn, ==, fn);
  g_assert_cmpfloat_with_epsilon (alama_eval_counts_f1 (&result->exact.overall),
                                  tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn), 1e-9);

  project_close (&project);
}

static void
test_no_training_data (void)
{
  g_autoptr(GError) error = NULL;
  Project project = { 0 };
  g_autoptr(AlamaTaggerModel) model = NULL;
  static const char * const bad_labels[] = { "NOPE", NULL };
  AlamaTaggerModelOptions options;

  project_open (&project, "plain", "نص بلا أي تعليق .");
  model = alama_tagger_model_train (project.store, NULL, &error);
  g_assert_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_NO_TRAINING_DATA);
  g_assert_null (model);
  g_clear_error (&error);

  alama_tagger_model_options_init (&options);
  options.labels = bad_labels;
  model = alama_tagger_model_train (project.store, &options, &error);
  g_assert_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_UNKNOWN_LABEL);
  g_assert_null (model);

  project_close (&project);
}

/* Whether @spans are exactly the two names of test_lexicon_feature()'s text
 * (the first ends at @first_end, the second starts at @second). */
static gboolean
names_alone (GPtrArray *spans,
             gint64     first_end,
             gint64     second)
{
  return spans->len == 2 && find_span (spans, "PER", 0, first_end) != NULL &&
         find_span (spans, "PER", second, second + g_utf8_strlen ("سليم طنوس", -1)) != NULL;
}

/* A model trained on lexicon-train.txt with the lexicons of
 * fixtures/taggers/@datadir/lexicons (none when it does not exist). */
static AlamaTaggerModel *
train_lexicon_fixture (Project    *project,
                       const char *datadir)
{
  g_autoptr(GArray) marked = marked_new ();
  g_autofree char *text = read_marked ("lexicon-train.txt", marked);
  const char *dir = g_test_get_filename (G_TEST_DIST, "fixtures", "taggers", datadir, NULL);
  AlamaTaggerModel *model;
  gint64 doc_id;

  project_open_empty (project);
  doc_id = project_add_document (project, "train", text);
  add_marked (project, doc_id, marked);
  g_setenv ("ALAMA_DATADIR", dir, TRUE);
  model = train (project, 1);
  g_unsetenv ("ALAMA_DATADIR");
  return model;
}

static void
test_lexicon_feature (void)
{
  /* Two given names of the lexicon that no training sentence has, each with a
   * family name never seen either, where training had people and other
   * subjects alike. */
  static const char text[] = "نادر قعوار وصل إلى المدينة أمس .\n"
                             "حفل مهيب وصل إلى المدينة أمس .\n"
                             "سليم طنوس عاد بعد أسبوع .";
  g_autoptr(AlamaTextIndex) index = alama_text_index_new (text);
  Project with = { 0 }, without = { 0 };
  g_autoptr(AlamaTaggerModel) model = NULL;
  g_autoptr(AlamaTaggerModel) bare = NULL;
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) bare_spans = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AlamaTaggerModel) loaded = NULL;
  g_autoptr(GPtrArray) loaded_spans = NULL;
  g_autoptr(GError) error = NULL;
  gint64 nader_end = g_utf8_strlen ("نادر قعوار", -1);
  gint64 salim = g_utf8_strlen (text, -1) - g_utf8_strlen ("سليم طنوس عاد بعد أسبوع .", -1);

  model = train_lexicon_fixture (&with, "lexicon-data");
  bare = train_lexicon_fixture (&without, "no-such-data-dir");
  spans = alama_tagger_model_tag (model, text, index, NULL, "model:test");
  bare_spans = alama_tagger_model_tag (bare, text, index, NULL, "model:test");

  /* With the lexicon the names are told from the other subject, which stays
   * outside; without it the model cannot: it misses a name or takes the
   * other subject too. */
  g_assert_true (names_alone (spans, nader_end, salim));
  g_assert_false (names_alone (bare_spans, nader_end, salim));

  /* The model carries its lexicon: loaded from its bytes, with no lexicons
   * installed, it tags the same. */
  g_setenv ("ALAMA_DATADIR", "/nonexistent", TRUE);
  bytes = alama_tagger_model_to_bytes (model);
  loaded = alama_tagger_model_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  loaded_spans = alama_tagger_model_tag (loaded, text, index, NULL, "model:test");
  g_unsetenv ("ALAMA_DATADIR");
  g_assert_cmpuint (loaded_spans->len, ==, spans->len);
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      g_assert_nonnull (find_span (loaded_spans, span->label, alama_span_get_start (span),
                                   alama_span_get_end (span)));
    }

  /* A model of format 2, from before the lexicons, still loads: the same
   * bytes without the (empty) lexicon section, version 2. */
  {
    g_autoptr(GBytes) bare_bytes = alama_tagger_model_to_bytes (bare);
    gsize size;
    const guint8 *data = g_bytes_get_data (bare_bytes, &size);
    g_autofree guint8 *old = g_memdup2 (data, size - 8);   /* two u32 counts of nothing */
    g_autoptr(GBytes) old_bytes = NULL;
    g_autoptr(AlamaTaggerModel) old_model = NULL;
    g_autoptr(GPtrArray) old_spans = NULL;

    g_assert_cmpuint (size, >, 12);
    g_assert_cmpint (memcmp (data + size - 8, "\0\0\0\0\0\0\0\0", 8), ==, 0);
    old[8] = 2;   /* the little-endian version after the 8-byte magic */
    old_bytes = g_bytes_new (old, size - 8);
    old_model = alama_tagger_model_new_from_bytes (old_bytes, &error);
    g_assert_no_error (error);
    old_spans = alama_tagger_model_tag (old_model, text, index, NULL, "model:test");
    g_assert_cmpuint (old_spans->len, ==, bare_spans->len);
  }

  project_close (&with);
  project_close (&without);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/tagger-model/confidence-attribute", test_confidence_attribute);
  g_test_add_func ("/alama/tagger-model/deterministic", test_deterministic);
  g_test_add_func ("/alama/tagger-model/learns-fixture", test_learns_fixture);
  g_test_add_func ("/alama/tagger-model/save-load", test_save_load);
  g_test_add_func ("/alama/tagger-model/autotag", test_autotag);
  g_test_add_func ("/alama/tagger-model/eval", test_eval);
  g_test_add_func ("/alama/tagger-model/no-training-data", test_no_training_data);
  g_test_add_func ("/alama/tagger-model/lexicon-feature", test_lexicon_feature);

  return g_test_run ();
}
