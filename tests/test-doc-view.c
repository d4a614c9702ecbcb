/* test-doc-view.c: the doc view in-process: snapping, the lam-alef rule, label
 * keys, discontinuous spans, relations, the display map and real layout direction,
 * selection-text, copy. */
#define G_LOG_DOMAIN "test-doc-view"

#include "config.h"

#include <string.h>

#include "doc-view-test-util.h"
#include "../app/core/alama-store-private.h"   /* the store's connection, to trace it */

#define FSI "\xe2\x81\xa8"
#define PDI "\xe2\x81\xa9"

typedef struct
{
  DocViewProject *project;
  GtkWidget      *window;
  AlamaDocView   *view;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->project = doc_view_project_new ("kremlin.txt");
  f->view = ALAMA_DOC_VIEW (alama_doc_view_new ());
  alama_doc_view_set_store (f->view, f->project->store);
  alama_doc_view_set_document (f->view, f->project->doc);
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

static GPtrArray *
list_spans (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *spans = alama_store_list_spans (f->project->store, alama_document_get_id (f->project->doc),
                                             ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  return spans;
}

static void
assert_selection (Fixture *f,
                  gint64   start,
                  gint64   end)
{
  gint64 s, e;

  g_assert_true (_alama_doc_view_get_selection (f->view, &s, &e));
  g_assert_cmpint (s, ==, start);
  g_assert_cmpint (e, ==, end);
}

/* ---- Display map, without a widget --------------------------------------- */

static void
test_display_map_modes (void)
{
  /* An Arabic paragraph that starts with a Latin word, a Latin paragraph, digits
   * only, an Arabic paragraph after CRLF. */
  const char *text = "(AFP) قال الوزير\nReuters said\n10-20\r\nقال";
  struct { AlamaDisplayDir dir; guint n_marks; gint64 first_at; gunichar first_mark; gboolean rtl[4]; } cases[] = {
    /* Only the Arabic paragraph that starts with "(AFP)" needs a mark. */
    { ALAMA_DISPLAY_DIR_AUTO, 1, 0, ALAMA_RLM, { TRUE, FALSE, FALSE, TRUE } },
    /* All but the one that starts with an Arabic letter. */
    { ALAMA_DISPLAY_DIR_RTL, 3, 0, ALAMA_RLM, { TRUE, TRUE, TRUE, TRUE } },
    /* The digits-only paragraph and the Arabic one. */
    { ALAMA_DISPLAY_DIR_LTR, 2, 30, ALAMA_LRM, { FALSE, FALSE, FALSE, FALSE } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(AlamaDisplayMap) map = alama_display_map_new (text, cases[c].dir);
      const char *display = alama_display_map_get_display_text (map);
      gint64 len = g_utf8_strlen (text, -1);
      gunichar mark;

      g_assert_cmpuint (alama_display_map_get_n_paragraphs (map), ==, 4);
      for (guint i = 0; i < 4; i++)
        {
          gboolean rtl;
          alama_display_map_get_paragraph (map, i, NULL, NULL, &rtl);
          g_assert_cmpint (rtl, ==, cases[c].rtl[i]);
        }
      g_assert_cmpuint (alama_display_map_get_n_marks (map), ==, cases[c].n_marks);
      g_assert_cmpint (alama_display_map_get_mark_position (map, 0, &mark), ==, cases[c].first_at);
      g_assert_cmpuint (mark, ==, cases[c].first_mark);
      g_assert_cmpint (g_utf8_strlen (display, -1), ==, len + cases[c].n_marks);

      /* Every stored character is where the map says, and maps back. */
      for (gint64 cp = 0; cp < len; cp++)
        {
          gint64 b = alama_display_map_to_buffer (map, cp);
          g_assert_cmpuint (g_utf8_get_char (g_utf8_offset_to_pointer (display, b)), ==,
                            g_utf8_get_char (g_utf8_offset_to_pointer (text, cp)));
          g_assert_cmpint (alama_display_map_to_stored (map, b), ==, cp);
        }
      /* A buffer offset on a mark maps to the character after it. */
      for (guint i = 0; i < alama_display_map_get_n_marks (map); i++)
        {
          gint64 pos = alama_display_map_get_mark_position (map, i, NULL);
          g_assert_cmpint (alama_display_map_to_stored (map, pos + i), ==, pos);
        }
      g_assert_cmpint (alama_display_map_to_stored (map, len + cases[c].n_marks), ==, len);
    }
}

/* ---- The widget ---------------------------------------------------------- */

static double
char_x (Fixture *f,
        gint64   stored)
{
  g_autoptr(GArray) runs = _alama_doc_view_collect_runs (f->view, stored, stored + 1);

  g_assert_cmpuint (runs->len, ==, 1);
  return g_array_index (runs, AlamaRun, 0).rect.origin.x;
}

/* The first paragraph starts with "(AFP)" but is Arabic: it must be laid out
 * right-to-left, which puts "(AFP)" at the right of the Arabic that follows it.
 * (Within one line, an Arabic run reads right to left whatever the paragraph's
 * direction, so the paragraph direction shows in where the neutral and Latin
 * pieces go.) */
static void
test_layout_direction (Fixture       *f,
                       gconstpointer  data)
{
  const char *text = f->project->text;
  gint64 paren = 0;
  gint64 first_ar = cp_of (text, "أعلن", 0);
  gint64 last_ar = cp_of (text, "أعلن", 0) + 3;
  gint64 latin = cp_of (text, "Reuters reported", 0);
  gint64 period = cp_of (text, "week.", 0) + 4;

  /* Auto: Arabic paragraph RTL... */
  g_assert_cmpfloat (char_x (f, paren), >, char_x (f, first_ar));
  g_assert_cmpfloat (char_x (f, first_ar), >, char_x (f, last_ar));
  /* ...and the Latin paragraph LTR: its final period after its last word. */
  g_assert_cmpfloat (char_x (f, period), >, char_x (f, latin));

  /* Forced LTR: "(AFP)" moves to the left of the Arabic. */
  alama_doc_view_set_direction (f->view, ALAMA_DIRECTION_LTR);
  doc_view_settle (GTK_WIDGET (f->view));
  g_assert_cmpfloat (char_x (f, paren), <, char_x (f, first_ar));
  g_assert_cmpfloat (char_x (f, period), >, char_x (f, latin));

  /* Forced RTL: the Latin paragraph's final period goes to its left end. */
  alama_doc_view_set_direction (f->view, ALAMA_DIRECTION_RTL);
  doc_view_settle (GTK_WIDGET (f->view));
  g_assert_cmpfloat (char_x (f, paren), >, char_x (f, first_ar));
  g_assert_cmpfloat (char_x (f, period), <, char_x (f, latin));

  /* The map keeps stored offsets stable across direction changes. */
  _alama_doc_view_select_range (f->view, latin, latin + 7, TRUE);
  g_assert_cmpstr (alama_doc_view_get_selection_text (f->view), ==, FSI "Reuters" PDI);
}

static void
test_snap_clitic (Fixture       *f,
                  gconstpointer  data)
{
  const char *text = f->project->text;
  gint64 word = cp_of (text, "وبوتين", 0);
  gint64 putin = word + 1;
  gint64 kremlin = cp_of (text, "بالكرملين", 0);

  /* A drag inside the word snaps out to the whole clitic-prefixed word. */
  _alama_doc_view_select_range (f->view, putin + 1, putin + 3, FALSE);
  assert_selection (f, word, word + cp_len ("وبوتين"));
  g_assert_cmpstr (alama_doc_view_get_selection_text (f->view), ==, FSI "وبوتين" PDI);

  _alama_doc_view_select_range (f->view, kremlin + 3, kremlin + 4, FALSE);
  assert_selection (f, kremlin, kremlin + cp_len ("بالكرملين"));

  /* Alt (exact) keeps بوتين inside وبوتين. */
  _alama_doc_view_select_range (f->view, putin, putin + cp_len ("بوتين"), TRUE);
  assert_selection (f, putin, putin + cp_len ("بوتين"));
  g_assert_cmpstr (alama_doc_view_get_selection_text (f->view), ==, FSI "بوتين" PDI);

  /* Labelling it stores exactly those offsets. */
  {
    gint64 id = _alama_doc_view_apply_label (f->view, "PER");
    g_autoptr(GPtrArray) spans = list_spans (f);
    AlamaSpan *span;

    g_assert_cmpint (id, >, 0);
    g_assert_cmpuint (spans->len, ==, 1);
    span = g_ptr_array_index (spans, 0);
    g_assert_cmpint (span->id, ==, id);
    g_assert_cmpstr (span->label, ==, "PER");
    g_assert_cmpint (alama_span_get_start (span), ==, putin);
    g_assert_cmpint (alama_span_get_end (span), ==, putin + cp_len ("بوتين"));
    g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, id);
    /* The text selection is consumed by the new span. */
    g_assert_cmpstr (alama_doc_view_get_selection_text (f->view), ==, "");
  }

  /* Snapping off: a drag is kept as it is. */
  alama_doc_view_set_snap_to_words (f->view, FALSE);
  _alama_doc_view_select_range (f->view, kremlin + 3, kremlin + 5, FALSE);
  assert_selection (f, kremlin + 3, kremlin + 5);
}

static void
test_lam_alef_edges (Fixture       *f,
                     gconstpointer  data)
{
  const char *text = f->project->text;
  gint64 salam = cp_of (text, "السلام", 0);
  gint64 lam = salam + 3;   /* ا ل س ل|ا م: the lam of لا */

  g_assert_cmpuint (g_utf8_get_char (g_utf8_offset_to_pointer (text, lam)), ==, 0x0644);
  g_assert_cmpuint (g_utf8_get_char (g_utf8_offset_to_pointer (text, lam + 1)), ==, 0x0627);

  /* An exact selection ending between lam and alef takes the alef too... */
  _alama_doc_view_select_range (f->view, salam, lam + 1, TRUE);
  assert_selection (f, salam, lam + 2);
  /* ...and one starting between them starts at the lam. */
  _alama_doc_view_select_range (f->view, lam + 1, salam + cp_len ("السلام"), TRUE);
  assert_selection (f, lam, salam + cp_len ("السلام"));

  /* The stored span obeys it too. */
  _alama_doc_view_select_range (f->view, salam, lam + 1, TRUE);
  g_assert_cmpint (_alama_doc_view_apply_label (f->view, "CLAIM"), >, 0);
  {
    g_autoptr(GPtrArray) spans = list_spans (f);
    AlamaSpan *span = g_ptr_array_index (spans, 0);
    g_assert_cmpint (alama_span_get_end (span), ==, lam + 2);
  }
}

static void
test_label_keys (Fixture       *f,
                 gconstpointer  data)
{
  const char *text = f->project->text;
  gint64 moscow = cp_of (text, "موسكو", 0);
  const AlamaLabel *label;
  gint64 id;

  label = _alama_doc_view_label_for_key (f->view, GDK_KEY_3);
  g_assert_nonnull (label);
  g_assert_cmpstr (label->key, ==, "GPE");
  g_assert_cmpstr (_alama_doc_view_label_for_key (f->view, GDK_KEY_1)->key, ==, "PER");
  g_assert_null (_alama_doc_view_label_for_key (f->view, GDK_KEY_9));
  g_assert_null (_alama_doc_view_label_for_key (f->view, GDK_KEY_x));

  _alama_doc_view_select_range (f->view, moscow, moscow + 2, FALSE);
  id = _alama_doc_view_apply_label (f->view, label->key);
  g_assert_cmpint (id, >, 0);

  /* With no text selection, a label key relabels the selected span. */
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, id);
  g_assert_cmpint (_alama_doc_view_apply_label (f->view, _alama_doc_view_label_for_key (f->view, GDK_KEY_2)->key), ==, id);
  {
    g_autoptr(GPtrArray) spans = list_spans (f);
    AlamaSpan *span = g_ptr_array_index (spans, 0);
    g_assert_cmpuint (spans->len, ==, 1);
    g_assert_cmpstr (span->label, ==, "ORG");
    g_assert_cmpint (alama_span_get_start (span), ==, moscow);
    g_assert_cmpint (alama_span_get_end (span), ==, moscow + cp_len ("موسكو"));
  }
}

static int
count_span_aggregates_cb (unsigned  type,
                          void     *user_data,
                          void     *p,
                          void     *x)
{
  const char *sql = sqlite3_sql (p);

  if (sql != NULL && strstr (sql, "coalesce(sum(id), 0)") != NULL && strstr (sql, "FROM spans") != NULL)
    (*(guint *) user_data)++;
  return 0;
}

/* The first label key after a document opens: the view follows the
 * document's model, which reads back the one new row; nothing aggregates over
 * the document's spans. */
static void
test_first_label_reads_no_aggregate (Fixture       *f,
                                     gconstpointer  data)
{
  sqlite3 *db = _alama_store_get_db (f->project->store);
  gint64 moscow = cp_of (f->project->text, "موسكو", 0);
  guint aggregates = 0;

  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, count_span_aggregates_cb, &aggregates);
  _alama_doc_view_select_range (f->view, moscow, moscow + 2, FALSE);
  g_assert_cmpint (_alama_doc_view_apply_label (f->view, "GPE"), >, 0);
  sqlite3_trace_v2 (db, 0, NULL, NULL);

  g_assert_cmpuint (aggregates, ==, 0);
  g_assert_cmpuint (alama_store_count_spans (f->project->store,
                                             alama_document_get_id (f->project->doc), NULL,
                                             ALAMA_STATUS_MASK_ALL), ==, 1);
}

static void
count_insert_moves_cb (GtkTextBuffer     *buffer,
                       const GtkTextIter *location,
                       GtkTextMark       *mark,
                       guint             *moves)
{
  if (mark == gtk_text_buffer_get_insert (buffer))
    (*moves)++;
}

/* Labelling a selection, and Escape, clear it by moving the selection bound
 * only: GTK 4.8 drops the cached layout of the caret's paragraph whenever the
 * insert mark is set (even to where it is), and the frame that shows the new
 * span would lay that paragraph out again. */
static void
test_clearing_selection_keeps_caret (Fixture       *f,
                                     gconstpointer  data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->view));
  gint64 moscow = cp_of (f->project->text, "موسكو", 0);
  GtkTextIter insert_before, insert_after;
  gint64 s, e;
  guint moves = 0;
  gulong handler;

  _alama_doc_view_select_range (f->view, moscow, moscow + 2, FALSE);
  gtk_text_buffer_get_iter_at_mark (buffer, &insert_before, gtk_text_buffer_get_insert (buffer));
  handler = g_signal_connect (buffer, "mark-set", G_CALLBACK (count_insert_moves_cb), &moves);

  g_assert_cmpint (_alama_doc_view_apply_label (f->view, "GPE"), >, 0);

  g_assert_cmpuint (moves, ==, 0);
  g_assert_false (_alama_doc_view_get_selection (f->view, &s, &e));
  gtk_text_buffer_get_iter_at_mark (buffer, &insert_after, gtk_text_buffer_get_insert (buffer));
  g_assert_true (gtk_text_iter_equal (&insert_before, &insert_after));

  /* Escape clears a fresh selection through the same function. */
  _alama_doc_view_select_range (f->view, moscow + 6, moscow + 8, FALSE);
  moves = 0;
  _alama_doc_view_clear_selection (f->view);
  g_assert_cmpuint (moves, ==, 0);
  g_assert_false (_alama_doc_view_get_selection (f->view, &s, &e));
  g_signal_handler_disconnect (buffer, handler);
}

/* The label chooser leaves the keyboard with the text: opening it moves no
 * focus (an auto-hiding popover took it, and its grab ate a press outside it),
 * keys reach it through the view, and Escape closes it with the selection kept.
 * It is a child of the view with no surface of its own (GTK 4.8 lost or
 * crashed on presses sent to a closing popover's surface), and a label key
 * hides (unmaps) it at once. */
static void
test_label_chooser_keeps_focus (Fixture       *f,
                                gconstpointer  data)
{
  gint64 moscow = cp_of (f->project->text, "موسكو", 0);
  GtkWidget *chooser;

  gtk_widget_grab_focus (GTK_WIDGET (f->view));
  _alama_doc_view_select_range (f->view, moscow, moscow + 2, FALSE);
  _alama_doc_view_show_label_chooser (f->view);
  doc_view_settle (GTK_WIDGET (f->view));

  chooser = f->view->label_chooser;
  g_assert_nonnull (chooser);
  g_assert_true (gtk_widget_get_visible (chooser));
  g_assert_true (gtk_widget_is_ancestor (chooser, GTK_WIDGET (f->view)));
  g_assert_true (gtk_widget_get_native (chooser) == gtk_widget_get_native (GTK_WIDGET (f->view)));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (f->view)));

  g_assert_true (_alama_doc_view_label_chooser_key (f->view, GDK_KEY_Escape, 0));
  g_assert_false (_alama_doc_view_label_chooser_is_up (f->view));
  g_assert_false (gtk_widget_get_mapped (chooser));
  assert_selection (f, moscow, moscow + cp_len ("موسكو"));
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (f->view)));

  _alama_doc_view_show_label_chooser (f->view);
  doc_view_settle (GTK_WIDGET (f->view));
  g_assert_true (_alama_doc_view_label_chooser_is_up (f->view));
  g_assert_true (_alama_doc_view_label_chooser_key (f->view, GDK_KEY_3, 0));
  g_assert_false (_alama_doc_view_label_chooser_is_up (f->view));
  g_assert_false (gtk_widget_get_mapped (chooser));
  {
    g_autoptr(GPtrArray) spans = list_spans (f);
    g_assert_cmpuint (spans->len, ==, 1);
    g_assert_cmpstr (((AlamaSpan *) g_ptr_array_index (spans, 0))->label, ==, "GPE");
  }

  /* The span's tooltip, but not while the label chooser is up. */
  {
    g_autoptr(GArray) runs = _alama_doc_view_collect_runs (f->view, moscow, moscow + 2);
    const graphene_rect_t *r = &g_array_index (runs, AlamaRun, 0).rect;
    g_autofree char *tip = NULL, *tip_with_chooser = NULL;
    int x, y;

    gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (f->view), GTK_TEXT_WINDOW_WIDGET,
                                           (int) (r->origin.x + r->size.width / 2),
                                           (int) (r->origin.y + r->size.height / 2), &x, &y);
    tip = _alama_doc_view_dup_tooltip_at (f->view, x, y, FALSE);
    g_assert_nonnull (tip);
    g_assert_true (g_str_has_prefix (tip, "\u200E\u2068GPE\u2069"));

    _alama_doc_view_select_range (f->view, moscow, moscow + 2, FALSE);
    _alama_doc_view_show_label_chooser (f->view);
    tip_with_chooser = _alama_doc_view_dup_tooltip_at (f->view, x, y, FALSE);
    g_assert_null (tip_with_chooser);
    _alama_doc_view_hide_label_chooser (f->view);
  }
}

static void
test_discontinuous (Fixture       *f,
                    gconstpointer  data)
{
  const char *text = f->project->text;
  gint64 minister = cp_of (text, "الوزير", 0);
  gint64 lavrov = cp_of (text, "لافروف", 0);
  gint64 id;
  g_autoptr(GPtrArray) spans = NULL;
  AlamaSpan *span;

  _alama_doc_view_select_range (f->view, minister, minister + 1, FALSE);
  id = _alama_doc_view_apply_label (f->view, "PER");
  g_assert_cmpint (id, >, 0);

  /* Ctrl+drag over لافروف adds it as a second fragment of the selected span. */
  _alama_doc_view_select_range (f->view, lavrov + 1, lavrov + 2, FALSE);
  g_assert_true (_alama_doc_view_add_fragment (f->view));

  spans = list_spans (f);
  g_assert_cmpuint (spans->len, ==, 1);
  span = g_ptr_array_index (spans, 0);
  g_assert_cmpint (span->id, ==, id);
  g_assert_cmpuint (alama_span_get_n_fragments (span), ==, 2);
  g_assert_cmpint (alama_span_get_fragment (span, 0)->start, ==, minister);
  g_assert_cmpint (alama_span_get_fragment (span, 0)->end, ==, minister + cp_len ("الوزير"));
  g_assert_cmpint (alama_span_get_fragment (span, 1)->start, ==, lavrov);
  g_assert_cmpint (alama_span_get_fragment (span, 1)->end, ==, lavrov + cp_len ("لافروف"));

  /* The view re-read it: both fragments are indexed for painting. */
  {
    g_autoptr(GArray) frags = alama_span_index_query (_alama_doc_view_get_span_index (f->view),
                                                      0, G_MAXINT64);
    g_assert_cmpuint (frags->len, ==, 2);
  }
}

static void
store_message_cb (AlamaDocView *view,
                  const char   *message,
                  char        **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

static void
test_relation (Fixture       *f,
               gconstpointer  data)
{
  const char *text = f->project->text;
  gint64 lavrov = cp_of (text, "لافروف", 1);
  gint64 quote_start = cp_of (text, "«", 0);
  gint64 quote_end = cp_of (text, "»", 0) + 1;
  gint64 per, quote, rel_id;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GError) error = NULL;
  AlamaRelation *rel;

  _alama_doc_view_select_range (f->view, lavrov, lavrov + 1, FALSE);
  per = _alama_doc_view_apply_label (f->view, "PER");
  _alama_doc_view_select_range (f->view, quote_start, quote_end, TRUE);
  quote = _alama_doc_view_apply_label (f->view, "QUOTE");
  g_assert_cmpint (per, >, 0);
  g_assert_cmpint (quote, >, 0);

  /* The relation popover offers what the schema allows: SPEAKER only. */
  _alama_doc_view_begin_relation (f->view, per, quote);
  g_assert_nonnull (f->view->relation_popover);
  g_assert_cmpint (f->view->pending_from, ==, per);
  g_assert_cmpint (f->view->pending_to, ==, quote);

  rel_id = _alama_doc_view_add_relation (f->view, per, quote, "SPEAKER");
  g_assert_cmpint (rel_id, >, 0);
  relations = alama_store_list_relations (f->project->store, alama_document_get_id (f->project->doc),
                                          ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 1);
  rel = g_ptr_array_index (relations, 0);
  g_assert_cmpint (rel->from_id, ==, per);
  g_assert_cmpint (rel->to_id, ==, quote);
  g_assert_cmpstr (rel->type, ==, "SPEAKER");

  /* A type the schema does not allow (QUOTE cannot speak) is refused with an
   * "error" signal and nothing stored. */
  {
    g_autofree char *message = NULL;
    g_autoptr(GPtrArray) after = NULL;

    g_signal_connect (f->view, "error", G_CALLBACK (store_message_cb), &message);
    g_assert_cmpint (_alama_doc_view_add_relation (f->view, quote, per, "SPEAKER"), ==, 0);
    g_assert_nonnull (message);
    g_assert_true (strstr (message, "SPEAKER") != NULL);
    after = alama_store_list_relations (f->project->store, alama_document_get_id (f->project->doc),
                                        ALAMA_STATUS_MASK_ALL, &error);
    g_assert_cmpuint (after->len, ==, 1);
    g_signal_handlers_disconnect_by_func (f->view, store_message_cb, &message);
  }
}

/* A click on an arc selects its relation: a span and a relation are never
 * selected together, and a relation that goes away is no longer selected. */
static void
test_relation_selection (Fixture       *f,
                         gconstpointer  data)
{
  const char *text = f->project->text;
  gint64 lavrov = cp_of (text, "لافروف", 1);
  gint64 quote_start = cp_of (text, "«", 0);
  gint64 quote_end = cp_of (text, "»", 0) + 1;
  gint64 per, quote, rel_id;
  g_autoptr(GError) error = NULL;

  _alama_doc_view_select_range (f->view, lavrov, lavrov + 1, FALSE);
  per = _alama_doc_view_apply_label (f->view, "PER");
  _alama_doc_view_select_range (f->view, quote_start, quote_end, TRUE);
  quote = _alama_doc_view_apply_label (f->view, "QUOTE");
  rel_id = _alama_doc_view_add_relation (f->view, per, quote, "SPEAKER");
  g_assert_cmpint (rel_id, >, 0);

  alama_doc_view_select_span (f->view, per, FALSE);
  alama_doc_view_select_relation (f->view, rel_id, FALSE);
  g_assert_cmpint (alama_doc_view_get_selected_relation (f->view), ==, rel_id);
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, 0);

  /* An id that is not a shown relation changes nothing. */
  alama_doc_view_select_relation (f->view, rel_id + 1000, FALSE);
  g_assert_cmpint (alama_doc_view_get_selected_relation (f->view), ==, rel_id);

  alama_doc_view_select_span (f->view, quote, FALSE);
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, quote);
  g_assert_cmpint (alama_doc_view_get_selected_relation (f->view), ==, 0);

  alama_doc_view_select_relation (f->view, rel_id, FALSE);
  g_assert_true (alama_store_delete_relation (f->project->store, rel_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (alama_doc_view_get_selected_relation (f->view), ==, 0);

  /* Undo brings it back, unselected; selecting it again works. */
  g_assert_true (alama_store_undo (f->project->store, NULL, &error));
  g_assert_no_error (error);
  alama_doc_view_select_relation (f->view, rel_id, FALSE);
  g_assert_cmpint (alama_doc_view_get_selected_relation (f->view), ==, rel_id);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(int *) user_data)++;
}

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static void
test_select_next_and_copy (Fixture       *f,
                           gconstpointer  data)
{
  const char *text = f->project->text;
  gint64 kremlin = cp_of (text, "بالكرملين", 0);
  gint64 lavrov = cp_of (text, "لافروف", 0);
  gint64 range = cp_of (text, "10-20", 0);
  gint64 first, second;
  int notified = 0;
  g_autofree char *copied = NULL;

  /* Made in reverse order: Tab goes by position in the text, not by age. */
  _alama_doc_view_select_range (f->view, lavrov, lavrov + 1, FALSE);
  second = _alama_doc_view_apply_label (f->view, "PER");
  _alama_doc_view_select_range (f->view, kremlin, kremlin + 1, FALSE);
  first = _alama_doc_view_apply_label (f->view, "GPE");
  alama_doc_view_select_span (f->view, 0, FALSE);

  g_signal_connect (f->view, "notify::selected-span", G_CALLBACK (count_notify_cb), &notified);
  _alama_doc_view_select_next (f->view, 1);
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, first);
  _alama_doc_view_select_next (f->view, 1);
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, second);
  _alama_doc_view_select_next (f->view, -1);
  g_assert_cmpint (alama_doc_view_get_selected_span (f->view), ==, first);
  g_assert_cmpint (notified, ==, 3);
  g_signal_handlers_disconnect_by_func (f->view, count_notify_cb, &notified);

  /* A number range is shown as stored, isolated. */
  _alama_doc_view_select_range (f->view, range, range + 5, TRUE);
  g_assert_cmpstr (alama_doc_view_get_selection_text (f->view), ==, FSI "10-20" PDI);

  /* Copy gives the stored characters: no direction mark at the paragraph start. */
  _alama_doc_view_select_range (f->view, 0, 5, TRUE);
  _alama_doc_view_copy (f->view);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (f->view)), NULL,
                                 read_text_cb, &copied);
  while (copied == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (copied, ==, "(AFP)");
}

/* ---- Catching up with a change ------------------------------------------- */

/* What the view draws: ids, offsets and nesting levels, as one string. */
static char *
describe_drawn_spans (AlamaDocView *view)
{
  AlamaSpanIndex *index = _alama_doc_view_get_span_index (view);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < alama_span_index_get_n_spans (index); i++)
    {
      AlamaSpan *span = alama_span_index_get_span (index, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT ":%s:%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT
                              ":L%u ", span->id, span->label, alama_span_get_start (span),
                              alama_span_get_end (span), alama_span_index_get_level (index, i));
    }
  return g_string_free (out, FALSE);
}

static gint64
store_add_span (Fixture    *f,
                const char *label,
                const char *word,
                guint       nth)
{
  gint64 start = cp_of (f->project->text, word, nth);
  g_autoptr(AlamaSpan) span = alama_span_new (label, start, start + cp_len (word));
  g_autoptr(GError) error = NULL;

  span->document_id = alama_document_get_id (f->project->doc);
  alama_store_add_span (f->project->store, span, &error);
  g_assert_no_error (error);
  return span->id;
}

/* Spans added and edited one at a time reach the view through the document's
 * model (its span index is updated, not rebuilt), and what it then draws is
 * exactly what a full reload draws, nesting levels included; every id is found
 * at its new position. */
static void
test_incremental_equals_reload (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) edited = NULL;
  g_autofree char *incremental = NULL, *reloaded = NULL;
  AlamaSpanIndex *index;
  guint builds_before;
  gint64 id, moved_id, start;

  store_add_span (f, "PER", "لافروف", 0);
  builds_before = f->view->index_builds;
  store_add_span (f, "GPE", "موسكو", 0);
  store_add_span (f, "PER", "سيرغي لافروف", 0);     /* overlaps the first: level 1 */
  id = store_add_span (f, "ORG", "الرئاسة الروسية", 0);
  moved_id = store_add_span (f, "GPE", "كييف", 0);
  g_assert_cmpuint (f->view->index_builds, ==, builds_before);   /* never rebuilt */

  /* Moved from the third line to inside the second span of the first line: it
   * leaves its position, takes one near the start and nests (level 1). */
  {
    g_autoptr(AlamaSpan) moved = alama_store_get_span (f->project->store, moved_id, &error);

    g_assert_no_error (error);
    start = cp_of (f->project->text, "الروسية", 0);
    g_array_index (moved->fragments, AlamaFragment, 0).start = start;
    g_array_index (moved->fragments, AlamaFragment, 0).end = start + cp_len ("الروسية");
    alama_store_update_span (f->project->store, moved, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (f->view->index_builds, ==, builds_before);

  edited = alama_store_get_span (f->project->store, id, &error);
  g_assert_no_error (error);
  g_free (edited->label);
  edited->label = g_strdup ("GPE");
  alama_store_update_span (f->project->store, edited, &error);
  g_assert_no_error (error);
  index = _alama_doc_view_get_span_index (f->view);
  g_assert_cmpuint (f->view->index_builds, ==, builds_before);
  g_assert_cmpuint (alama_span_index_get_n_spans (index), ==, 5);
  for (guint i = 0; i < alama_span_index_get_n_spans (index); i++)
    g_assert_cmpint (alama_span_index_find_id (index, alama_span_index_get_span (index, i)->id), ==, i);
  g_assert_cmpint (alama_span_index_span_at (index, start), ==,
                   alama_span_index_find_id (index, moved_id));

  incremental = describe_drawn_spans (f->view);
  alama_doc_view_reload (f->view);
  reloaded = describe_drawn_spans (f->view);
  g_assert_cmpstr (incremental, ==, reloaded);
  g_assert_nonnull (strstr (reloaded, ":L1 "));
}

/* The view looks at its relations again only when a span that comes or goes
 * is one of their ends: a relation follows its ends through a new unrelated
 * span, a delete that takes it along, the undo that brings both back in one
 * change, a rejection that hides an end and an acceptance that shows it. */
static void
test_relations_follow_their_ends (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaRelation) relation = NULL;
  gint64 per, gpe;

  per = store_add_span (f, "PER", "لافروف", 0);
  gpe = store_add_span (f, "GPE", "موسكو", 0);
  relation = alama_relation_new ("LOCATED_IN", per, gpe);
  relation->document_id = alama_document_get_id (f->project->doc);
  alama_store_add_relation (f->project->store, relation, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->view->relations->len, ==, 1);

  /* A span no relation ends at leaves the relations drawn as they were. */
  store_add_span (f, "ORG", "الرئاسة الروسية", 0);
  g_assert_cmpuint (f->view->relations->len, ==, 1);
  g_assert_cmpuint (f->view->arc_levels->len, ==, 1);

  alama_store_delete_span (f->project->store, gpe, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->view->relations->len, ==, 0);

  alama_store_undo (f->project->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->view->relations->len, ==, 1);
  g_assert_cmpint (((AlamaRelation *) f->view->relations->pdata[0])->to_id, ==, gpe);
  g_assert_cmpuint (f->view->arc_levels->len, ==, 1);

  alama_store_set_span_status (f->project->store, per, ALAMA_STATUS_REJECTED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->view->relations->len, ==, 0);
  alama_store_set_span_status (f->project->store, per, ALAMA_STATUS_ACCEPTED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->view->relations->len, ==, 1);
}

/* ---- Cached rectangles (alama-doc-view-runs.c) ---------------------------- */

/* Every word's runs, as the view gives them now (from its cache where it has
 * them): a flat array of doubles, x y w h rtl per run, -1 between words. */
static GArray *
all_word_runs (Fixture *f)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));
  const char *p = f->project->text;
  gint64 cp = 0, word_start = -1;

  for (;; p = g_utf8_next_char (p), cp++)
    {
      gunichar ch = g_utf8_get_char (p);
      gboolean letter = ch != 0 && g_unichar_isalnum (ch);

      if (letter && word_start < 0)
        word_start = cp;
      if (!letter && word_start >= 0)
        {
          g_autoptr(GArray) runs = _alama_doc_view_collect_runs (f->view, word_start, cp);
          double sep = -1;

          for (guint i = 0; i < runs->len; i++)
            {
              const AlamaRun *r = &g_array_index (runs, AlamaRun, i);
              double v[5] = { r->rect.origin.x, r->rect.origin.y, r->rect.size.width,
                              r->rect.size.height, r->rtl };
              g_array_append_vals (out, v, 5);
            }
          g_array_append_val (out, sep);
          word_start = -1;
        }
      if (ch == 0)
        break;
    }
  return out;
}

static void
assert_runs_equal (GArray *a,
                   GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpfloat (g_array_index (a, double, i), ==, g_array_index (b, double, i));
}

static gboolean
runs_differ (GArray *a,
             GArray *b)
{
  if (a->len != b->len)
    return TRUE;
  return memcmp (a->data, b->data, a->len * sizeof (double)) != 0;
}

/* What the cache hands out equals what asking GTK again gives, after each of
 * the changes that move the text: a narrower view (lines wrap elsewhere), zoom,
 * line spacing, direction. Each change must also have moved something, or the
 * comparison would prove nothing. */
static void
test_cached_runs_follow_layout (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GArray) before = all_word_runs (f);
  g_autoptr(GArray) again = all_word_runs (f);

  assert_runs_equal (before, again);   /* served from the cache */

  for (guint step = 0; step < 4; step++)
    {
      g_autoptr(GArray) cached = NULL;
      g_autoptr(GArray) fresh = NULL;

      switch (step)
        {
        case 0:
          gtk_widget_set_size_request (f->window, 420, 500);
          gtk_window_set_default_size (GTK_WINDOW (f->window), 420, 500);
          break;
        case 1:
          alama_doc_view_set_zoom (f->view, 1.5);
          break;
        case 2:
          alama_doc_view_set_line_spacing (f->view, 2.2);
          break;
        case 3:
          alama_doc_view_set_direction (f->view, ALAMA_DIRECTION_LTR);
          break;
        }
      doc_view_settle (GTK_WIDGET (f->view));
      cached = all_word_runs (f);
      _alama_doc_view_forget_runs (f->view);
      fresh = all_word_runs (f);
      assert_runs_equal (cached, fresh);
      g_assert_true (runs_differ (before, fresh));
      g_array_unref (before);
      before = g_steal_pointer (&fresh);
    }
}

/* What alama-preload.c reads in its thread is what the view would read, the
 * view takes it instead of reading (the very objects, not copies) and draws the
 * same; read-ahead data for other statuses is not used; a project that cannot
 * be opened gives the error the window reports without the read-ahead. */
static void
test_preload_hand_over (Fixture       *f,
                        gconstpointer  data)
{
  gint64 doc_id = alama_document_get_id (f->project->doc);
  gint64 per = store_add_span (f, "PER", "لافروف", 1);
  gint64 quote = store_add_span (f, "QUOTE", "نحن", 0);
  gint64 rejected = store_add_span (f, "GPE", "موسكو", 0);
  g_autoptr(AlamaRelation) relation = alama_relation_new ("SPEAKER", per, quote);
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(AlamaDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *drawn = NULL;
  AlamaPreloadedDocument *pre = NULL;
  AlamaPreloadOpen how;
  AlamaDocView *view;
  gpointer model, index, map;

  alama_store_add_relation (f->project->store, relation, &error);
  g_assert_no_error (error);
  alama_store_set_span_status (f->project->store, rejected, ALAMA_STATUS_REJECTED, &error);
  g_assert_no_error (error);
  alama_doc_view_reload (f->view);
  expected = describe_drawn_spans (f->view);

  /* The first document, accepted and pending spans, as the view shows them. */
  store = alama_preload_finish (alama_preload_start (f->project->path, NULL,
                                                     &(AlamaSpanFilter) { ALAMA_STATUS_MASK_ACCEPTED |
                                                                          ALAMA_STATUS_MASK_PENDING, 0.0 },
                                                     ALAMA_DISPLAY_DIR_AUTO),
                                &how, &pre, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_nonnull (pre);
  g_assert_cmpint (pre->document_id, ==, doc_id);
  g_assert_cmpstr (alama_document_model_get_text (pre->model), ==, f->project->text);
  g_assert_cmpuint (alama_document_model_get_n_spans (pre->model), ==, 3);
  g_assert_cmpuint (alama_span_index_get_n_spans (pre->span_index), ==, 2);
  g_assert_cmpuint (alama_document_model_get_n_relations (pre->model), ==, 1);
  model = pre->model, index = pre->span_index, map = pre->map;

  view = ALAMA_DOC_VIEW (g_object_ref_sink (alama_doc_view_new ()));
  alama_doc_view_set_store (view, store);
  alama_doc_view_set_preloaded (view, pre);
  document = alama_store_get_document (store, doc_id);
  alama_doc_view_set_document (view, document);
  g_assert_null (view->preloaded);
  g_assert_true ((gpointer) view->model == model);
  g_assert_true ((gpointer) view->text == alama_document_model_get_text (model));
  g_assert_true ((gpointer) view->spans == index);
  g_assert_true ((gpointer) view->map == map);
  g_assert_cmpuint (view->relations->len, ==, 1);
  drawn = describe_drawn_spans (view);
  g_assert_cmpstr (drawn, ==, expected);

  /* Read ahead with the rejected span too: the view (not showing rejected
   * spans) makes its own index, and draws the same as before. */
  alama_doc_view_set_document (view, NULL);
  g_clear_object (&store);
  store = alama_preload_finish (alama_preload_start (f->project->path, NULL,
                                                     &(AlamaSpanFilter) { ALAMA_STATUS_MASK_ALL, 0.0 },
                                                     ALAMA_DISPLAY_DIR_AUTO),
                                &how, &pre, &error);
  g_assert_no_error (error);
  /* Nothing hidden for these statuses: the model's own index serves. */
  g_assert_null (pre->span_index);
  alama_doc_view_set_store (view, store);
  alama_doc_view_set_preloaded (view, pre);
  g_clear_object (&document);
  document = alama_store_get_document (store, doc_id);
  alama_doc_view_set_document (view, document);
  g_clear_pointer (&drawn, g_free);
  drawn = describe_drawn_spans (view);
  g_assert_cmpstr (drawn, ==, expected);
  g_assert_cmpstr (view->text, ==, f->project->text);

  alama_doc_view_set_store (view, NULL);
  g_assert_finalize_object (view);
  g_clear_object (&document);
  g_assert_finalize_object (g_steal_pointer (&store));

  /* Not a project: the same error as opening it on the main thread. */
  {
    g_autofree char *missing = g_build_filename (f->project->dir, "missing.alama", NULL);
    g_autoptr(GError) direct = NULL;
    g_autoptr(AlamaStore) none = alama_preload_open_store (missing, &how, &direct);

    g_assert_null (none);
    store = alama_preload_finish (alama_preload_start (missing, NULL,
                                                       &(AlamaSpanFilter) { ALAMA_STATUS_MASK_ALL, 0.0 },
                                                       ALAMA_DISPLAY_DIR_AUTO),
                                  &how, &pre, &error);
    g_assert_null (store);
    g_assert_null (pre);
    g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND);
    g_assert_error (direct, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND);
    g_assert_cmpstr (error->message, ==, direct->message);
  }
}

/* Each document's text goes into a buffer of its own that the view takes once
 * filled (rebuild_buffer): after a switch of document and of direction, the
 * view shows the whole text in the text font, the cursor at the start, no undo
 * of its own (the store has it), and a selection is still followed. */
static void
test_buffer_per_text (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(AlamaDocument) other = NULL;
  g_autoptr(GError) error = NULL;
  static const char other_text[] = "وأعلنت وزارة الخارجية في القاهرة أن «المحادثات مستمرة».";
  gint64 other_id = 0;

  alama_store_add_document (f->project->store, "cairo", NULL, other_text, NULL, NULL, &other_id,
                            &error);
  g_assert_no_error (error);
  other = alama_store_get_document (f->project->store, other_id);

  for (int round = 0; round < 3; round++)
    {
      GtkTextBuffer *buffer;
      GtkTextIter start, end, cursor;
      g_autofree char *shown = NULL;
      GtkTextTag *text_tag;

      if (round == 0)
        alama_doc_view_set_document (f->view, other);
      else if (round == 1)
        alama_doc_view_set_direction (f->view, ALAMA_DIRECTION_LTR);
      else
        alama_doc_view_set_document (f->view, f->project->doc);
      doc_view_settle (GTK_WIDGET (f->view));

      buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->view));
      text_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "alama-text");
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (round < 2)
        g_assert_nonnull (strstr (shown, "المحادثات مستمرة"));
      else
        g_assert_null (strstr (shown, "المحادثات مستمرة"));
      g_assert_nonnull (text_tag);
      g_assert_true (gtk_text_iter_starts_tag (&start, text_tag));
      gtk_text_iter_backward_char (&end);
      g_assert_true (gtk_text_iter_has_tag (&end, text_tag));
      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      g_assert_cmpint (gtk_text_iter_get_offset (&cursor), ==, 0);
      g_assert_false (gtk_text_buffer_get_enable_undo (buffer));

      /* A selection made in the buffer, as a drag makes it, is followed. */
      _alama_doc_view_select_range (f->view, 0, 3, TRUE);
      g_assert_cmpstr (alama_doc_view_get_selection_text (f->view), !=, "");
      _alama_doc_view_clear_selection (f->view);
      g_assert_cmpstr (alama_doc_view_get_selection_text (f->view), ==, "");
    }
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/alama/doc-view/display-map-modes", test_display_map_modes);
  g_test_add ("/alama/doc-view/layout-direction", Fixture, NULL, fixture_setup, test_layout_direction, fixture_teardown);
  g_test_add ("/alama/doc-view/snap-clitic", Fixture, NULL, fixture_setup, test_snap_clitic, fixture_teardown);
  g_test_add ("/alama/doc-view/lam-alef-edges", Fixture, NULL, fixture_setup, test_lam_alef_edges, fixture_teardown);
  g_test_add ("/alama/doc-view/label-keys", Fixture, NULL, fixture_setup, test_label_keys, fixture_teardown);
  g_test_add ("/alama/doc-view/first-label-reads-no-aggregate", Fixture, NULL, fixture_setup, test_first_label_reads_no_aggregate, fixture_teardown);
  g_test_add ("/alama/doc-view/clearing-selection-keeps-caret", Fixture, NULL, fixture_setup, test_clearing_selection_keeps_caret, fixture_teardown);
  g_test_add ("/alama/doc-view/label-chooser-keeps-focus", Fixture, NULL, fixture_setup, test_label_chooser_keeps_focus, fixture_teardown);
  g_test_add ("/alama/doc-view/discontinuous", Fixture, NULL, fixture_setup, test_discontinuous, fixture_teardown);
  g_test_add ("/alama/doc-view/relation", Fixture, NULL, fixture_setup, test_relation, fixture_teardown);
  g_test_add ("/alama/doc-view/relation-selection", Fixture, NULL, fixture_setup, test_relation_selection, fixture_teardown);
  g_test_add ("/alama/doc-view/select-next-and-copy", Fixture, NULL, fixture_setup, test_select_next_and_copy, fixture_teardown);
  g_test_add ("/alama/doc-view/cached-runs-follow-layout", Fixture, NULL, fixture_setup, test_cached_runs_follow_layout, fixture_teardown);
  g_test_add ("/alama/doc-view/incremental-equals-reload", Fixture, NULL, fixture_setup, test_incremental_equals_reload, fixture_teardown);
  g_test_add ("/alama/doc-view/relations-follow-their-ends", Fixture, NULL, fixture_setup, test_relations_follow_their_ends, fixture_teardown);
  g_test_add ("/alama/doc-view/preload-hand-over", Fixture, NULL, fixture_setup, test_preload_hand_over, fixture_teardown);
  g_test_add ("/alama/doc-view/buffer-per-text", Fixture, NULL, fixture_setup, test_buffer_per_text, fixture_teardown);

  return g_test_run ();
}
