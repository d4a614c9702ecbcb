/* test-doc-view-edges.c: the edge handles of the selected span and the keys that
 * move its edges, in-process (the code paths the mouse and the keys use), on a
 * right-to-left paragraph: where the knobs are, what a press on them finds,
 * words and characters, the lam-alef rule, a refusal, undo. */
#define G_LOG_DOMAIN "test-doc-view-edges"

#include "config.h"

#include <string.h>

#include "doc-view-test-util.h"

typedef struct
{
  DocViewProject *project;
  GtkWidget      *window;
  AlamaDocView   *view;
  guint           errors;
} Fixture;

static void
error_cb (AlamaDocView *view,
          const char   *message,
          Fixture      *f)
{
  g_assert_nonnull (message);
  f->errors++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->project = doc_view_project_new ("kremlin.txt");
  f->view = ALAMA_DOC_VIEW (alama_doc_view_new ());
  alama_doc_view_set_store (f->view, f->project->store);
  alama_doc_view_set_document (f->view, f->project->doc);
  g_signal_connect (f->view, "error", G_CALLBACK (error_cb), f);
  f->window = doc_view_window_new (GTK_WIDGET (f->view), 700, 500);
  doc_view_settle (GTK_WIDGET (f->view));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  doc_view_project_free (f->project);
}

/* Labels [start, end) exactly and leaves it selected. */
static gint64
make_span (Fixture *f,
           gint64   start,
           gint64   end)
{
  gint64 id;

  _alama_doc_view_select_range (f->view, start, end, TRUE);
  id = _alama_doc_view_apply_label (f->view, "PER");
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, id);
  doc_view_settle (GTK_WIDGET (f->view));
  return id;
}

static void
assert_edges (Fixture *f,
              gint64   id,
              gint64   start,
              gint64   end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = alama_store_get_span (f->project->store, id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (alama_span_get_start (span), ==, start);
  g_assert_cmpint (alama_span_get_end (span), ==, end);
}

static void
test_handles_rtl (Fixture       *f,
                  gconstpointer  data)
{
  const char *text = f->project->text;
  gint64 sergei = cp_of (text, "سيرغي", 0);
  graphene_rect_t start, end;
  graphene_point_t c;

  /* Nothing selected: no handles. */
  g_assert_false (_alama_doc_view_edge_handle_rect (f->view, ALAMA_SPAN_EDGE_START, &start));

  make_span (f, sergei, sergei + cp_len ("سيرغي"));
  g_assert_true (_alama_doc_view_edge_handle_rect (f->view, ALAMA_SPAN_EDGE_START, &start));
  g_assert_true (_alama_doc_view_edge_handle_rect (f->view, ALAMA_SPAN_EDGE_END, &end));
  /* Right to left: the start's knob is right of the end's. */
  g_assert_cmpfloat (start.origin.x, >, end.origin.x);

  graphene_rect_get_center (&start, &c);
  g_assert_cmpint (_alama_doc_view_edge_at (f->view, c.x, c.y), ==, ALAMA_SPAN_EDGE_START);
  graphene_rect_get_center (&end, &c);
  g_assert_cmpint (_alama_doc_view_edge_at (f->view, c.x, c.y), ==, ALAMA_SPAN_EDGE_END);
  /* Between the two knobs, on the text: no handle, the press selects as before. */
  g_assert_cmpint (_alama_doc_view_edge_at (f->view, (start.origin.x + end.origin.x) / 2,
                                            start.origin.y - 10), ==, ALAMA_SPAN_EDGE_NONE);
}

static void
test_keys_by_word_and_character (Fixture       *f,
                                 gconstpointer  data)
{
  const char *text = f->project->text;
  gint64 minister = cp_of (text, "الوزير سيرغي", 0);
  gint64 sergei = cp_of (text, "سيرغي", 0);
  gint64 sergei_end = sergei + cp_len ("سيرغي");
  gint64 lavrov_end = cp_of (text, "لافروف", 0) + cp_len ("لافروف");
  gint64 id = make_span (f, sergei, sergei_end);

  g_assert_true (_alama_doc_view_move_edge (f->view, ALAMA_SPAN_EDGE_START, -1, FALSE));
  assert_edges (f, id, minister, sergei_end);
  g_assert_true (_alama_doc_view_move_edge (f->view, ALAMA_SPAN_EDGE_END, 1, FALSE));
  assert_edges (f, id, minister, lavrov_end);
  g_assert_true (_alama_doc_view_move_edge (f->view, ALAMA_SPAN_EDGE_START, 1, FALSE));
  assert_edges (f, id, sergei, lavrov_end);
  g_assert_true (_alama_doc_view_move_edge (f->view, ALAMA_SPAN_EDGE_END, -1, FALSE));
  assert_edges (f, id, sergei, sergei_end);

  g_assert_true (_alama_doc_view_move_edge (f->view, ALAMA_SPAN_EDGE_END, -1, TRUE));
  assert_edges (f, id, sergei, sergei_end - 1);
  g_assert_true (_alama_doc_view_move_edge (f->view, ALAMA_SPAN_EDGE_START, 1, TRUE));
  assert_edges (f, id, sergei + 1, sergei_end - 1);

  /* Each move was one step: four undos bring back the word and the minister. */
  for (int i = 0; i < 4; i++)
    g_assert_true (alama_store_undo (f->project->store, NULL, NULL));
  assert_edges (f, id, minister, lavrov_end);
  /* The span stayed selected through all of it. */
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, id);
  g_assert_cmpuint (f->errors, ==, 0);
}

static void
test_lam_alef_and_refusal (Fixture       *f,
                           gconstpointer  data)
{
  const char *text = f->project->text;
  gint64 salam = cp_of (text, "السلام", 0);
  gint64 lam = salam + 3;   /* ا ل س ل|ا م */
  gint64 id = make_span (f, salam, lam);

  /* One character later would end between lam and alef: the edge goes past
   * the alef instead. */
  g_assert_true (_alama_doc_view_move_edge (f->view, ALAMA_SPAN_EDGE_END, 1, TRUE));
  assert_edges (f, id, salam, lam + 2);

  /* A one-word span cannot lose its word: the store refuses, the view says so. */
  g_assert_false (_alama_doc_view_move_edge (f->view, ALAMA_SPAN_EDGE_START, 1, FALSE));
  g_assert_cmpuint (f->errors, ==, 1);
  assert_edges (f, id, salam, lam + 2);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

  g_test_add ("/alama/doc-view-edges/handles-rtl", Fixture, NULL, fixture_setup, test_handles_rtl, fixture_teardown);
  g_test_add ("/alama/doc-view-edges/keys", Fixture, NULL, fixture_setup, test_keys_by_word_and_character, fixture_teardown);
  g_test_add ("/alama/doc-view-edges/lam-alef-refusal", Fixture, NULL, fixture_setup, test_lam_alef_and_refusal, fixture_teardown);

  return g_test_run ();
}
