/* test-search-ui.c: find in the document (Ctrl+F), search across the project
 * (Ctrl+Shift+F) and the dashboard, in-process on a small project of three
 * Arabic news items (tests/fixtures/search-ui/news.jsonl). Screenshots of the
 * search page and of the dashboard in light and dark mode go to
 * $ALAMA_TEST_OUTPUT. */
#define G_LOG_DOMAIN "test-search-ui"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <adwaita.h>

#include <alama/alama-import.h>
#include <alama/alama-store.h>

#include "alama-doc-view-private.h"
#include "alama-window-insight.h"
#include "alama-window-private.h"
#include "window-test-util.h"

typedef struct
{
  char        *dir;
  char        *project_path;
  AlamaWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  AlamaImportOptions options = { 0 };
  AlamaImportReport report;

  f->dir = g_dir_make_tmp ("alama-search-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->project_path = g_build_filename (f->dir, "news.alama", NULL);
  store = alama_store_open (f->project_path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  alama_import_report_init (&report);
  alama_import_file (store, g_test_get_filename (G_TEST_DIST, "fixtures", "search-ui", "news.jsonl", NULL),
                     &options, &report, &error);
  g_assert_no_error (error);
  alama_import_report_clear (&report);
  g_clear_object (&store);

  f->window = alama_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (alama_window_open_project (f->window, f->project_path));
  settle (GTK_WIDGET (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  DESTROY_AND_FINALIZE (f->window);
  remove_tree (f->dir);
  g_free (f->project_path);
  g_free (f->dir);
}

/* The stored text of the shown document between two offsets. */
static char *
shown_text (Fixture *f,
            gint64   start,
            gint64   end)
{
  AlamaDocument *document = alama_window_get_document (f->window);
  g_autofree char *text = alama_store_dup_document_text (alama_window_get_store (f->window),
                                                         alama_document_get_id (document), NULL);
  const char *a = g_utf8_offset_to_pointer (text, start);
  const char *b = g_utf8_offset_to_pointer (text, end);

  return g_strndup (a, b - a);
}

/* ---- Ctrl+F ---------------------------------------------------------------- */

/* Whether a widget of @type is in the window (the find bar and the search
 * panel are made the first time they are opened). */
static gboolean
window_has (Fixture *f,
            GType    type)
{
  GtkWidget *widget = GTK_WIDGET (f->window);

  while (widget != NULL)
    {
      GtkWidget *next;

      if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
        return TRUE;
      /* Depth first, without recursion. */
      next = gtk_widget_get_first_child (widget);
      while (next == NULL && widget != NULL && widget != GTK_WIDGET (f->window))
        {
          next = gtk_widget_get_next_sibling (widget);
          if (next == NULL)
            widget = gtk_widget_get_parent (widget);
        }
      widget = next;
    }
  return FALSE;
}

static void
test_find_in_document (Fixture       *f,
                       gconstpointer  data)
{
  AlamaFindBar *bar;
  gint64 start, end;
  g_autofree char *selected = NULL;

  g_assert_true (alama_window_select_document_by_name (f->window, "01-tunis"));
  g_assert_false (window_has (f, ALAMA_TYPE_FIND_BAR));
  g_assert_true (widget_action_enabled (GTK_WIDGET (f->window), "win.find"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find", NULL);
  settle (GTK_WIDGET (f->window));
  g_assert_true (window_has (f, ALAMA_TYPE_FIND_BAR));
  bar = _alama_window_get_find_bar (f->window);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (bar), GTK_WIDGET (f->window)));
  g_assert_true (alama_find_bar_is_open (bar));

  /* Typed as a person types (the entry's own delay, then the search). The
   * text has الرَّئِيسُ, الرئيس and الرئيسُ; الرئاسة is another word. */
  gtk_editable_set_text (alama_find_bar_get_entry (bar), "الرئيس");
  WAIT_FOR (alama_find_bar_get_n_hits (bar) == 3 &&
            alama_doc_view_get_n_search_hits (f->window->doc_view) == 3 &&
            g_strcmp0 (alama_find_bar_get_status (bar), "1 of 3") == 0);
  g_assert_cmpuint (alama_find_bar_get_n_hits (bar), ==, 3);
  g_assert_cmpuint (alama_doc_view_get_n_search_hits (f->window->doc_view), ==, 3);
  g_assert_cmpstr (alama_find_bar_get_status (bar), ==, "1 of 3");

  /* The first hit is selected: the vocalised one. */
  g_assert_true (_alama_doc_view_get_selection (f->window->doc_view, &start, &end));
  selected = shown_text (f, start, end);
  g_assert_cmpstr (selected, ==, "الرَّئِيسُ");

  /* Enter: the next; Shift+Enter (previous) wraps from the first to the last. */
  g_signal_emit_by_name (alama_find_bar_get_entry (bar), "activate");
  g_assert_cmpstr (alama_find_bar_get_status (bar), ==, "2 of 3");
  alama_find_bar_step (bar, -1);
  alama_find_bar_step (bar, -1);
  g_assert_cmpstr (alama_find_bar_get_status (bar), ==, "3 of 3");
  /* The arrow buttons' actions: enabled while there are hits. */
  g_assert_true (widget_action_enabled (GTK_WIDGET (bar), "find.next"));
  gtk_widget_activate_action (GTK_WIDGET (bar), "find.next", NULL);
  g_assert_cmpstr (alama_find_bar_get_status (bar), ==, "1 of 3");
  gtk_widget_activate_action (GTK_WIDGET (bar), "find.previous", NULL);
  g_assert_cmpstr (alama_find_bar_get_status (bar), ==, "3 of 3");

  /* A vocalised query finds the bare word too; Exact then keeps only its own form. */
  alama_find_bar_search (bar, "الرَّئِيسُ");
  g_assert_cmpuint (alama_find_bar_get_n_hits (bar), ==, 3);
  settle (GTK_WIDGET (f->window));
  save_png (GTK_WIDGET (f->window), "search-find-bar.png");

  /* Another document: the bar searches it instead (03 has one الرئيس). */
  g_assert_true (alama_window_select_document_by_name (f->window, "03-algiers"));
  g_assert_cmpuint (alama_find_bar_get_n_hits (bar), ==, 1);

  alama_find_bar_search (bar, "كلمةلاتوجد");
  g_assert_cmpuint (alama_find_bar_get_n_hits (bar), ==, 0);
  g_assert_false (widget_action_enabled (GTK_WIDGET (bar), "find.next"));
  g_assert_false (widget_action_enabled (GTK_WIDGET (bar), "find.previous"));

  alama_find_bar_close (bar);
  g_assert_false (alama_find_bar_is_open (bar));
  g_assert_cmpuint (alama_doc_view_get_n_search_hits (f->window->doc_view), ==, 0);
}

/* ---- Ctrl+Shift+F ---------------------------------------------------------- */

/* Until the search asked for has run: the panel is busy from the request on
 * (its debounce, then the thread) until its results are in. */
static void
wait_idle (AlamaSearchPanel *panel)
{
  WAIT_FOR (!alama_search_panel_is_busy (panel));
  g_assert_false (alama_search_panel_is_busy (panel));
}

static void
test_search_project (Fixture       *f,
                     gconstpointer  data)
{
  AlamaSearchPanel *panel;
  GListModel *results;
  g_autoptr(AlamaSearchResult) result = NULL;
  g_autofree char *selected = NULL;
  g_autofree char *markup = NULL;
  GtkWidget *entry;
  gint64 start, end;

  g_assert_true (alama_window_select_document_by_name (f->window, "01-tunis"));
  g_assert_false (window_has (f, ALAMA_TYPE_SEARCH_PANEL));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find-project", NULL);
  settle (GTK_WIDGET (f->window));
  g_assert_true (window_has (f, ALAMA_TYPE_SEARCH_PANEL));
  panel = _alama_window_get_search_panel (f->window);
  results = alama_search_panel_get_results (panel);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (panel), GTK_WIDGET (f->window)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));

  /* Typing goes to the panel's entry (it has the focus); the search waits for
   * the debounce and runs in a thread. بوتين is only in 02, as وبوتين. */
  entry = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_is_ancestor (entry, GTK_WIDGET (panel)));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_ENTRY)),
                         "بوتين");
  g_assert_true (alama_search_panel_is_busy (panel));
  wait_idle (panel);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  result = g_list_model_get_item (results, 0);
  g_assert_cmpstr (alama_search_result_get_document_name (result), ==, "02-kremlin");
  g_assert_cmpstr (alama_search_result_get_text (result), ==, "بوتين");
  markup = alama_search_result_dup_markup (result);
  g_assert_nonnull (strstr (markup, "و<b>بوتين</b>"));
  g_assert_true (g_str_has_prefix (markup, "\u2068"));
  settle (GTK_WIDGET (f->window));
  save_png (GTK_WIDGET (f->window), "search-project.png");

  /* Activating the hit opens 02 with exactly the hit selected. */
  alama_search_panel_activate (panel, 0);
  settle (GTK_WIDGET (f->window));
  g_assert_cmpstr (alama_document_get_name (alama_window_get_document (f->window)), ==, "02-kremlin");
  g_assert_true (_alama_doc_view_get_selection (f->window->doc_view, &start, &end));
  g_assert_cmpint (start, ==, alama_search_result_get_start (result));
  g_assert_cmpint (end, ==, alama_search_result_get_end (result));
  selected = shown_text (f, start, end);
  g_assert_cmpstr (selected, ==, "بوتين");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->window->doc_view)));

  /* Annotation filters: the pending PER suggestions are one (بوتين, gazetteer). */
  _alama_window_search_project (f->window, "PER", NULL);
  wait_idle (panel);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 4);
  _alama_window_search_project (f->window, "PER", "سعيد");
  wait_idle (panel);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
}

/* ---- Dashboard ------------------------------------------------------------- */

static JsonObject *
stats_from_cli (Fixture *f)
{
  const char *exe = g_getenv ("ALAMA_EXE");
  const char *argv[] = { exe, "stats", "--json", f->project_path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status = 0;

  g_assert_nonnull (exe);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gint64
chart_value (AlamaBarChart *chart,
             const char    *name)
{
  for (guint i = 0; i < alama_bar_chart_get_n_items (chart); i++)
    if (g_strcmp0 (alama_bar_chart_get_name (chart, i), name) == 0)
      return alama_bar_chart_get_value (chart, i);
  g_error ("no bar “%s”", name);
  return -1;
}

static void
check_top_list (AlamaBarChart *chart,
                JsonObject    *stats,
                const char    *member)
{
  JsonArray *items = json_object_get_array_member (stats, member);

  g_assert_cmpuint (alama_bar_chart_get_n_items (chart), ==, json_array_get_length (items));
  g_assert_cmpuint (json_array_get_length (items), >, 0);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      g_assert_cmpstr (alama_bar_chart_get_name (chart, i), ==,
                       json_object_get_string_member (item, "text"));
      g_assert_cmpint (alama_bar_chart_get_value (chart, i), ==,
                       json_object_get_int_member (item, "count"));
    }
}

/* libadwaita reads a description it was given as NULL back as "". */
static const char *
no_null (const char *text)
{
  return text != NULL ? text : "";
}

static void
test_dashboard (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonObject) stats = stats_from_cli (f);
  JsonObject *by_label = json_object_get_object_member (stats, "spans_by_label");
  JsonObject *by_status = json_object_get_object_member (stats, "spans_by_status");
  JsonObject *by_annotator = json_object_get_object_member (stats, "by_annotator");
  AlamaDashboard *dashboard;
  AlamaBarChart *labels, *statuses, *annotators;
  g_autoptr(AlamaSchema) schema = alama_store_get_schema (alama_window_get_store (f->window));
  g_autoptr(GList) keys = json_object_get_members (by_label);
  AdwStyleManager *style = adw_style_manager_get_default ();
  guint n_labels = 0;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.dashboard", NULL);
  dashboard = _alama_window_show_dashboard (f->window);
  g_assert_nonnull (dashboard);
  gtk_window_set_default_size (GTK_WINDOW (dashboard), 640, 1400);
  settle (GTK_WIDGET (dashboard));

  g_assert_cmpint (alama_dashboard_get_documents (dashboard), ==,
                   json_object_get_int_member (stats, "documents"));
  g_assert_cmpint (alama_dashboard_get_documents_done (dashboard), ==,
                   json_object_get_int_member (stats, "documents_done"));

  /* One bar per label in use, accepted + pending, named as the UI names labels. */
  labels = alama_dashboard_get_chart (dashboard, "labels");
  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonObject *counts = json_object_get_object_member (by_label, l->data);
      const AlamaLabel *label = alama_schema_find_label (schema, l->data);
      const char *name = gtk_get_locale_direction () == GTK_TEXT_DIR_RTL ? label->name_ar
                                                                          : label->name_en;

      g_assert_cmpint (chart_value (labels, name), ==,
                       json_object_get_int_member (counts, "accepted") +
                       json_object_get_int_member (counts, "pending"));
      n_labels++;
    }
  g_assert_cmpuint (alama_bar_chart_get_n_items (labels), ==, n_labels);

  statuses = alama_dashboard_get_chart (dashboard, "statuses");
  g_assert_cmpint (alama_bar_chart_get_value (statuses, 0), ==,
                   json_object_get_int_member (by_status, "accepted"));
  g_assert_cmpint (alama_bar_chart_get_value (statuses, 1), ==,
                   json_object_get_int_member (by_status, "pending"));
  g_assert_cmpint (alama_bar_chart_get_value (statuses, 2), ==,
                   json_object_get_int_member (by_status, "rejected"));
  /* Suggested relations left to review, in a bar of their own. */
  g_assert_cmpint (alama_bar_chart_get_value (statuses, 3), ==,
                   json_object_get_int_member (json_object_get_object_member (stats, "relations_by_status"),
                                               "pending"));

  /* With a confidence threshold, the statuses say the text hides some of the
   * pending suggestions they count; without one they say nothing. */
  {
    GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (statuses), ADW_TYPE_PREFERENCES_GROUP);

    g_assert_nonnull (group);
    g_assert_cmpstr (no_null (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group))),
                     ==, "");
    alama_doc_view_set_min_confidence (f->window->doc_view, 0.5);
    g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                              "0.50"));
    settle (GTK_WIDGET (dashboard));
    save_png (GTK_WIDGET (dashboard), "dashboard-threshold.png");
    alama_doc_view_set_min_confidence (f->window->doc_view, 0.0);
    settle (GTK_WIDGET (dashboard));
    g_assert_cmpstr (no_null (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group))),
                     ==, "");
  }

  annotators = alama_dashboard_get_chart (dashboard, "annotators");
  g_assert_cmpint (chart_value (annotators, "سلمى"), ==,
                   json_object_get_int_member (json_object_get_object_member (by_annotator, "سلمى"),
                                               "spans"));

  check_top_list (alama_dashboard_get_chart (dashboard, "entities"), stats, "top_entities");
  check_top_list (alama_dashboard_get_chart (dashboard, "speakers"), stats, "top_speakers");
  check_top_list (alama_dashboard_get_chart (dashboard, "claimants"), stats, "top_claimants");

  save_png (GTK_WIDGET (dashboard), "dashboard-light.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  settle (GTK_WIDGET (dashboard));
  save_png (GTK_WIDGET (dashboard), "dashboard-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  /* Under an RTL direction (an Arabic locale) the bars grow from the right. */
  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  settle (GTK_WIDGET (dashboard));
  save_png (GTK_WIDGET (dashboard), "dashboard-rtl.png");
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);

  /* The open dashboard follows the project: a new accepted span counts at once. */
  {
    AlamaStore *store = alama_window_get_store (f->window);
    g_autoptr(AlamaDocument) doc = alama_store_find_document (store, "01-tunis");
    g_autoptr(AlamaSpan) span = alama_span_new ("PER", 0, 3);
    g_autoptr(GError) error = NULL;
    gint64 before = alama_bar_chart_get_value (statuses, 0);

    span->document_id = alama_document_get_id (doc);
    span->status = ALAMA_STATUS_ACCEPTED;
    g_assert_true (alama_store_add_span (store, span, &error));
    g_assert_no_error (error);
    while (alama_bar_chart_get_value (alama_dashboard_get_chart (dashboard, "statuses"), 0) != before + 1)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (alama_store_undo (store, NULL, &error));
    while (alama_bar_chart_get_value (alama_dashboard_get_chart (dashboard, "statuses"), 0) != before)
      g_main_context_iteration (NULL, TRUE);
  }

  /* A bar opens the project search for it: the first entity, by label and text. */
  g_signal_emit_by_name (alama_dashboard_get_chart (dashboard, "entities"), "item-activated", 0u);
  wait_idle (_alama_window_get_search_panel (f->window));
  g_assert_cmpuint (g_list_model_get_n_items (alama_search_panel_get_results (
                      _alama_window_get_search_panel (f->window))), ==,
                    json_object_get_int_member (json_array_get_object_element (
                      json_object_get_array_member (stats, "top_entities"), 0), "count"));
  gtk_window_destroy (GTK_WINDOW (dashboard));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  ui_test_init (&argc, &argv);

  g_test_add ("/alama/search-ui/find-in-document", Fixture, NULL,
              fixture_setup, test_find_in_document, fixture_teardown);
  g_test_add ("/alama/search-ui/search-project", Fixture, NULL,
              fixture_setup, test_search_project, fixture_teardown);
  g_test_add ("/alama/search-ui/dashboard", Fixture, NULL,
              fixture_setup, test_dashboard, fixture_teardown);

  return g_test_run ();
}
