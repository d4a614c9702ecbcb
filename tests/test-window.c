/* test-window.c: the workbench window in-process: the document list and its
 * counts, showing a document, the annotation panel and its sync with the view,
 * undo/redo through the window's actions, layout at 1024×700 and a rendering. */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include <alama/alama-import.h>
#include <alama/alama-store.h>

#include "alama-document-row.h"
#include "alama-span-object.h"
#include "alama-window-private.h"
#include "window-test-util.h"

typedef struct
{
  char        *dir;
  char        *project_path;
  AlamaWindow *window;
} Fixture;

/* ---- Helpers ---------------------------------------------------------------- */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("alama-window-XXXXXX", &error);
  g_assert_no_error (error);
  f->project_path = make_shell_project (f->dir, "news.alama", "news.jsonl");

  f->window = alama_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 700);
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

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, out);
}

static const char *
label_text (GtkWidget *label)
{
  return gtk_label_get_label (GTK_LABEL (label));
}

static guint
n_panel_rows (Fixture *f)
{
  return g_list_model_get_n_items (alama_annotation_panel_get_rows (f->window->panel));
}

static GtkSelectionModel *
panel_selection (Fixture *f)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (f->window->panel), GTK_TYPE_COLUMN_VIEW, views);
  g_assert_cmpuint (views->len, ==, 1);
  return gtk_column_view_get_model (g_ptr_array_index (views, 0));
}

static guint
find_panel_row (Fixture    *f,
                const char *label,
                gint64     *out_id)
{
  GListModel *rows = alama_annotation_panel_get_rows (f->window->panel);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(AlamaSpanObject) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (alama_span_object_get_label (row), label) == 0)
        {
          *out_id = alama_span_object_get_id (row);
          return i;
        }
    }
  g_assert_not_reached ();
}

/* Activates @action once it is enabled (the window updates its actions after
 * a change); the caller waits for the action's effect. */
static void
activate (Fixture    *f,
          const char *action)
{
  g_autofree char *name = g_strconcat ("win.", action, NULL);

  WAIT_FOR (widget_action_enabled (GTK_WIDGET (f->window), name));
  g_assert_true (widget_action_enabled (GTK_WIDGET (f->window), name));
  gtk_widget_activate_action (GTK_WIDGET (f->window), name, NULL);
}

static const char *
shown_name (Fixture *f)
{
  AlamaDocument *document = alama_window_get_document (f->window);

  return document != NULL ? alama_document_get_name (document) : NULL;
}

/* Whether @name is the window's document, shown in the view with its
 * @n_rows spans listed in the panel. */
static gboolean
document_shown (Fixture    *f,
                const char *name,
                guint       n_rows)
{
  return g_strcmp0 (shown_name (f), name) == 0 &&
         alama_doc_view_get_document (f->window->doc_view) == alama_window_get_document (f->window) &&
         n_panel_rows (f) == n_rows;
}

/* Selects the document @name and waits until it is shown with its @n_rows spans. */
static void
select_document (Fixture    *f,
                 const char *name,
                 guint       n_rows)
{
  g_assert_true (alama_window_select_document_by_name (f->window, name));
  WAIT_FOR (document_shown (f, name, n_rows));
  g_assert_cmpstr (shown_name (f), ==, name);
  g_assert_true (alama_doc_view_get_document (f->window->doc_view) ==
                 alama_window_get_document (f->window));
  g_assert_cmpuint (n_panel_rows (f), ==, n_rows);
}

static guint
n_documents (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (f->window->document_selection));
}

/* ---- Tests -------------------------------------------------------------------- */

/* The sidebar lists the three documents by name with their annotation counts. */
static void
test_document_list (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  struct { const char *name; const char *count; } expected[] = {
    { "01-cairo-visit", "5" }, { "02-beirut-port", "2" }, { "03-oil-prices", "0" },
  };

  collect_widgets (GTK_WIDGET (f->window->document_list), ALAMA_TYPE_DOCUMENT_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gboolean found = FALSE;

      for (guint r = 0; r < rows->len; r++)
        {
          GtkWidget *row = g_ptr_array_index (rows, r);
          GtkWidget *name = gtk_widget_get_first_child (row);
          GtkWidget *count = gtk_widget_get_next_sibling (name);
          GtkWidget *badge = gtk_widget_get_next_sibling (count);

          if (g_strcmp0 (label_text (name), expected[i].name) != 0)
            continue;
          found = TRUE;
          g_assert_cmpstr (label_text (count), ==, expected[i].count);
          /* Imported by hand-made annotations: nothing pending, so no badge. */
          g_assert_false (gtk_widget_get_visible (badge));

          /* Tooltips are made when asked for, from the live document, and
           * never set as text (that costs X round trips per change). */
          {
            AlamaDocumentRow *doc_row = ALAMA_DOCUMENT_ROW (row);
            g_autofree char *name_tip = _alama_document_row_dup_tooltip (doc_row, name);
            g_autofree char *count_tip = _alama_document_row_dup_tooltip (doc_row, count);
            g_autofree char *badge_tip = _alama_document_row_dup_tooltip (doc_row, badge);
            g_autofree char *count_expected = g_strdup_printf ("%s annotation%s", expected[i].count,
                                                               g_str_equal (expected[i].count, "1")
                                                               ? "" : "s");

            g_assert_cmpstr (name_tip, ==, expected[i].name);
            g_assert_cmpstr (count_tip, ==, count_expected);
            g_assert_cmpstr (badge_tip, ==, "0 suggestions to review");
            for (GtkWidget *child = name; child != NULL; child = gtk_widget_get_next_sibling (child))
              {
                g_assert_true (gtk_widget_get_has_tooltip (child));
                g_assert_null (gtk_widget_get_tooltip_text (child));
              }
          }
        }
      g_assert_true (found);
    }

  /* The filter narrows the list (the name contains "beirut"). */
  gtk_editable_set_text (GTK_EDITABLE (f->window->filter_entry), "BEIRUT");
  g_signal_emit_by_name (f->window->filter_entry, "activate");
  WAIT_FOR (n_documents (f) == 1 && g_strcmp0 (shown_name (f), "02-beirut-port") == 0);
  g_assert_cmpuint (n_documents (f), ==, 1);
  g_assert_cmpstr (shown_name (f), ==, "02-beirut-port");
  gtk_editable_set_text (GTK_EDITABLE (f->window->filter_entry), "");
  g_signal_emit_by_name (f->window->filter_entry, "activate");
  WAIT_FOR (n_documents (f) == 3);
  g_assert_cmpuint (n_documents (f), ==, 3);
}

/* Selecting a document shows it in the view and lists its spans in the panel;
 * Ctrl+PageDown's action moves to the next one. */
static void
test_select_document (Fixture       *f,
                      gconstpointer  data)
{
  select_document (f, "02-beirut-port", 2);
  g_assert_cmpstr (adw_window_title_get_title (f->window->window_title), ==, "02-beirut-port");

  activate (f, "next-document");
  WAIT_FOR (document_shown (f, "03-oil-prices", 0));
  g_assert_cmpstr (shown_name (f), ==, "03-oil-prices");
  g_assert_cmpuint (n_panel_rows (f), ==, 0);

  activate (f, "previous-document");
  WAIT_FOR (document_shown (f, "02-beirut-port", 2));
  g_assert_cmpstr (shown_name (f), ==, "02-beirut-port");
  activate (f, "previous-document");
  WAIT_FOR (document_shown (f, "01-cairo-visit", 5));
  g_assert_cmpstr (shown_name (f), ==, "01-cairo-visit");
  g_assert_cmpuint (n_panel_rows (f), ==, 5);

  g_assert_false (alama_window_select_document_by_name (f->window, "no-such-document"));
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

/* A row selected in the panel selects the span in the view, and back. */
static void
test_panel_selection_sync (Fixture       *f,
                           gconstpointer  data)
{
  gint64 org_id = 0, gpe_id = 0;
  guint org_row;
  g_autofree char *text = NULL;

  select_document (f, "01-cairo-visit", 5);

  org_row = find_panel_row (f, "ORG", &org_id);
  gtk_selection_model_select_item (panel_selection (f), org_row, TRUE);
  WAIT_FOR (alama_doc_view_get_selected_span (f->window->doc_view) == org_id);
  g_assert_cmpint (alama_doc_view_get_selected_span (f->window->doc_view), ==, org_id);

  /* The covered text is shown isolated, in logical order. */
  {
    g_autoptr(AlamaSpanObject) row = g_list_model_get_item (alama_annotation_panel_get_rows (f->window->panel), org_row);

    g_assert_cmpstr (alama_span_object_get_text (row), ==,
                     "\xE2\x81\xA8" "الاتحاد الأفريقي" "\xE2\x81\xA9");
  }

  /* Ctrl+C in the list copies the selected row's text as stored, and Delete
   * there applies to it; with no row selected both keys go on. */
  {
    GtkWidget *panel = GTK_WIDGET (f->window->panel);
    g_autofree char *copied = NULL;

    g_assert_true (widget_action_enabled (panel, "panel.copy-text"));
    g_assert_true (widget_action_enabled (panel, "panel.delete-selected"));
    gtk_widget_activate_action (panel, "panel.copy-text", NULL);
    gdk_clipboard_read_text_async (gtk_widget_get_clipboard (panel), NULL,
                                   read_text_cb, &copied);
    WAIT_FOR (copied != NULL);
    g_assert_cmpstr (copied, ==, "الاتحاد الأفريقي");
  }

  find_panel_row (f, "GPE", &gpe_id);
  alama_doc_view_select_span (f->window->doc_view, gpe_id, FALSE);
  /* The panel follows the view after the next frame. */
  WAIT_FOR (alama_annotation_panel_get_selected_span (f->window->panel) == gpe_id);
  g_assert_cmpint (alama_annotation_panel_get_selected_span (f->window->panel), ==, gpe_id);

  alama_doc_view_select_span (f->window->doc_view, 0, FALSE);
  WAIT_FOR (alama_annotation_panel_get_selected_span (f->window->panel) == 0);
  g_assert_false (widget_action_enabled (GTK_WIDGET (f->window->panel), "panel.copy-text"));
  g_assert_false (widget_action_enabled (GTK_WIDGET (f->window->panel), "panel.delete-selected"));
}

/* Delete, undo and redo through the window's actions change the rows; the
 * tooltips follow. */
static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  gint64 id = 0;
  guint row;

  select_document (f, "02-beirut-port", 2);
  g_assert_false (widget_action_enabled (GTK_WIDGET (f->window), "win.undo"));
  g_assert_false (widget_action_enabled (GTK_WIDGET (f->window), "win.delete-annotation"));

  row = find_panel_row (f, "LOC", &id);
  gtk_selection_model_select_item (panel_selection (f), row, TRUE);
  WAIT_FOR (alama_doc_view_get_selected_span (f->window->doc_view) == id);
  g_assert_cmpint (alama_doc_view_get_selected_span (f->window->doc_view), ==, id);
  activate (f, "delete-annotation");
  WAIT_FOR (n_panel_rows (f) == 1);
  g_assert_cmpuint (n_panel_rows (f), ==, 1);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (f->window->undo_button)), !=,
                   "Nothing to Undo");

  activate (f, "undo");
  WAIT_FOR (n_panel_rows (f) == 2);
  g_assert_cmpuint (n_panel_rows (f), ==, 2);
  find_panel_row (f, "LOC", &id);
  WAIT_FOR (widget_action_enabled (GTK_WIDGET (f->window), "win.redo"));
  g_assert_true (widget_action_enabled (GTK_WIDGET (f->window), "win.redo"));

  activate (f, "redo");
  WAIT_FOR (n_panel_rows (f) == 1);
  g_assert_cmpuint (n_panel_rows (f), ==, 1);
  g_assert_cmpstr (alama_span_object_get_label (g_list_model_get_item (alama_annotation_panel_get_rows (f->window->panel), 0)), ==, "ORG");
}

static void
wait_for_task (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (f->window->io_cancellable != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (f->window->io_cancellable);
}

/* Import and export run in the background with the progress bar shown; the
 * list shows the imported document afterwards and the shown one stays. */
static void
test_import_export (Fixture       *f,
                    gconstpointer  data)
{
  const char *paths[] = { g_test_get_filename (G_TEST_DIST, "fixtures", "shell",
                                               "one-annotation.jsonl", NULL), NULL };
  g_autofree char *out = g_build_filename (f->dir, "out.jsonl", NULL);
  g_autofree char *contents = NULL;

  select_document (f, "02-beirut-port", 2);

  _alama_window_start_import (f->window, paths, ALAMA_FORMAT_AUTO, FALSE, FALSE);
  g_assert_true (gtk_revealer_get_reveal_child (f->window->progress_revealer));
  g_assert_false (widget_action_enabled (GTK_WIDGET (f->window), "win.import-files"));
  wait_for_task (f);
  WAIT_FOR (!gtk_revealer_get_reveal_child (f->window->progress_revealer) && n_documents (f) == 4);
  g_assert_false (gtk_revealer_get_reveal_child (f->window->progress_revealer));
  g_assert_cmpuint (n_documents (f), ==, 4);
  g_assert_cmpstr (shown_name (f), ==, "02-beirut-port");
  select_document (f, "amman-statement", 1);

  {
    g_autofree char *copy = g_build_filename (f->dir, "suggestions.jsonl", NULL);
    g_autofree char *bytes = NULL;
    g_autofree char *changed = NULL;
    const char *copy_paths[] = { copy, NULL };
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    gsize len;

    /* Different bytes (a new name) so it is a new file: its span is pending. */
    g_assert_true (g_file_get_contents (paths[0], &bytes, &len, NULL));
    changed = g_strjoinv ("amman-suggested", g_strsplit (bytes, "amman-statement", -1));
    g_assert_true (g_file_set_contents (copy, changed, -1, NULL));
    _alama_window_start_import (f->window, copy_paths, ALAMA_FORMAT_AUTO, TRUE, FALSE);
    wait_for_task (f);
    settle (GTK_WIDGET (f->window));

    collect_widgets (GTK_WIDGET (f->window->document_list), ALAMA_TYPE_DOCUMENT_ROW, rows);
    for (guint r = 0; r < rows->len; r++)
      {
        GtkWidget *name = gtk_widget_get_first_child (g_ptr_array_index (rows, r));
        GtkWidget *badge = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (name));

        if (g_strcmp0 (label_text (name), "amman-suggested") == 0)
          {
            g_autofree char *badge_tip =
              _alama_document_row_dup_tooltip (g_ptr_array_index (rows, r), badge);

            g_assert_true (gtk_widget_get_visible (badge));
            g_assert_cmpstr (label_text (badge), ==, "1");
            g_assert_cmpstr (badge_tip, ==, "1 suggestion to review");
          }
        else
          g_assert_false (gtk_widget_get_visible (badge));
      }
  }

  _alama_window_start_export (f->window, ALAMA_FORMAT_JSONL, out, ALAMA_STATUS_MASK_ACCEPTED);
  wait_for_task (f);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "amman-statement"));
  g_assert_nonnull (strstr (contents, "02-beirut-port"));
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* Whether @rows are labelled @labels, in that order. */
static gboolean
rows_in_order (GListModel  *rows,
               const char **labels,
               guint        n_labels)
{
  if (g_list_model_get_n_items (rows) != n_labels)
    return FALSE;
  for (guint i = 0; i < n_labels; i++)
    {
      g_autoptr(AlamaSpanObject) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (alama_span_object_get_label (row), labels[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Clicking a column header sorts: by label, then back to the text's order. */
static void
test_panel_sort (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GtkColumnView *view;
  g_autoptr(GtkColumnViewColumn) label_column = NULL;
  GListModel *rows = alama_annotation_panel_get_rows (f->window->panel);
  const char *by_label[] = { "GPE", "ORG", "PER", "PER", "QUOTE" };
  const char *by_start[] = { "PER", "GPE", "ORG", "PER", "QUOTE" };

  select_document (f, "01-cairo-visit", 5);
  collect_widgets (GTK_WIDGET (f->window->panel), GTK_TYPE_COLUMN_VIEW, views);
  view = g_ptr_array_index (views, 0);

  for (guint i = 0; i < G_N_ELEMENTS (by_start); i++)
    {
      g_autoptr(AlamaSpanObject) row = g_list_model_get_item (rows, i);
      g_assert_cmpstr (alama_span_object_get_label (row), ==, by_start[i]);
    }

  label_column = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
  gtk_column_view_sort_by_column (view, label_column, GTK_SORT_ASCENDING);
  WAIT_FOR (rows_in_order (rows, by_label, G_N_ELEMENTS (by_label)));
  for (guint i = 0; i < G_N_ELEMENTS (by_label); i++)
    {
      g_autoptr(AlamaSpanObject) row = g_list_model_get_item (rows, i);
      g_assert_cmpstr (alama_span_object_get_label (row), ==, by_label[i]);
    }

  /* A selection made while sorted still reaches the view. */
  gtk_selection_model_select_item (panel_selection (f), 4, TRUE);
  {
    g_autoptr(AlamaSpanObject) row = g_list_model_get_item (rows, 4);

    WAIT_FOR (alama_doc_view_get_selected_span (f->window->doc_view) == alama_span_object_get_id (row));
    g_assert_cmpint (alama_doc_view_get_selected_span (f->window->doc_view), ==,
                     alama_span_object_get_id (row));
  }
}

/* The view's settings are GSettings keys bound to its properties; the menu's
 * actions and the zoom shortcuts change them. */
static void
test_view_settings (Fixture       *f,
                    gconstpointer  data)
{
  GActionGroup *actions = G_ACTION_GROUP (f->window);

  g_assert_cmpfloat_with_epsilon (alama_doc_view_get_zoom (f->window->doc_view), 1.0, 1e-9);
  activate (f, "zoom-in");
  WAIT_FOR (alama_doc_view_get_zoom (f->window->doc_view) > 1.05);
  g_assert_cmpfloat (alama_doc_view_get_zoom (f->window->doc_view), >, 1.05);
  activate (f, "zoom-reset");
  WAIT_FOR (alama_doc_view_get_zoom (f->window->doc_view) == 1.0);
  g_assert_cmpfloat_with_epsilon (alama_doc_view_get_zoom (f->window->doc_view), 1.0, 1e-9);
  activate (f, "zoom-out");
  WAIT_FOR (alama_doc_view_get_zoom (f->window->doc_view) < 0.95);
  g_assert_cmpfloat (alama_doc_view_get_zoom (f->window->doc_view), <, 0.95);
  activate (f, "zoom-reset");
  WAIT_FOR (alama_doc_view_get_zoom (f->window->doc_view) == 1.0);

  g_action_group_activate_action (actions, "direction", g_variant_new_string ("rtl"));
  g_assert_cmpint (alama_doc_view_get_direction (f->window->doc_view), ==, ALAMA_DIRECTION_RTL);
  g_action_group_activate_action (actions, "direction", g_variant_new_string ("auto"));
  g_assert_cmpint (alama_doc_view_get_direction (f->window->doc_view), ==, ALAMA_DIRECTION_AUTO);

  g_action_group_activate_action (actions, "font-family", g_variant_new_string ("Noto Naskh Arabic"));
  g_assert_cmpstr (alama_doc_view_get_font_family (f->window->doc_view), ==, "Noto Naskh Arabic");
  g_action_group_activate_action (actions, "font-family", g_variant_new_string ("Amiri"));

  g_action_group_activate_action (actions, "line-spacing", g_variant_new_double (2.0));
  g_assert_cmpfloat_with_epsilon (alama_doc_view_get_line_spacing (f->window->doc_view), 2.0, 1e-9);
  g_action_group_activate_action (actions, "line-spacing", g_variant_new_double (1.6));

  g_assert_true (alama_doc_view_get_snap_to_words (f->window->doc_view));
  g_action_group_activate_action (actions, "snap-to-words", NULL);
  g_assert_false (alama_doc_view_get_snap_to_words (f->window->doc_view));
  g_action_group_activate_action (actions, "snap-to-words", NULL);

  /* F9's action hides and shows the panel. */
  g_action_group_activate_action (actions, "panel-visible", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window->panel)));
  g_action_group_activate_action (actions, "panel-visible", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->panel)));
}

/* A file that is not a project: FALSE, a dialog naming the file, the start page. */
static void
test_open_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("alama-window-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "notes.alama", NULL);
  AlamaWindow *window;
  GtkWidget *dialog;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "ليست قاعدة بيانات، مجرد ملاحظات.\n", -1, NULL));

  window = alama_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (alama_window_open_project (window, path));
  WAIT_FOR ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_null (alama_window_get_store (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "start");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), path));
  gtk_window_destroy (GTK_WINDOW (dialog));

  DESTROY_AND_FINALIZE (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* Deleting an annotation that a relation hangs on asks first, saying how many. */
static void
test_delete_asks (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *rows;
  GtkWidget *dialog;
  gint64 quote_id = 0;

  select_document (f, "01-cairo-visit", 5);
  alama_annotation_panel_select_span (f->window->panel, (find_panel_row (f, "QUOTE", &quote_id), quote_id));
  WAIT_FOR (alama_doc_view_get_selected_span (f->window->doc_view) == quote_id);
  g_assert_cmpint (alama_doc_view_get_selected_span (f->window->doc_view), ==, quote_id);
  activate (f, "delete-annotation");

  WAIT_FOR ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "1 relation"));
  g_assert_cmpuint (n_panel_rows (f), ==, 5);  /* nothing yet */

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  WAIT_FOR (n_panel_rows (f) == 4);
  g_assert_cmpuint (n_panel_rows (f), ==, 4);
  rows = alama_annotation_panel_get_rows (f->window->panel);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(AlamaSpanObject) row = g_list_model_get_item (rows, i);

      g_assert_cmpstr (alama_span_object_get_label (row), !=, "QUOTE");
    }
  g_assert_cmpuint (alama_store_count_span_relations (f->window->store, quote_id), ==, 0);

  /* One undo brings back the quote and its relation. */
  activate (f, "undo");
  WAIT_FOR (n_panel_rows (f) == 5);
  g_assert_cmpuint (n_panel_rows (f), ==, 5);
  g_assert_cmpuint (alama_store_count_span_relations (f->window->store, quote_id), ==, 1);
}

/* Whether the stored span @id has @value as its "note" or "label". */
static gboolean
span_has (Fixture    *f,
          gint64      id,
          const char *field,
          const char *value)
{
  g_autoptr(AlamaSpan) span = alama_store_get_span (f->window->store, id, NULL);

  if (span == NULL)
    return FALSE;
  return g_strcmp0 (g_str_equal (field, "note") ? span->note : span->label, value) == 0;
}

static guint
n_relations (Fixture *f)
{
  g_autoptr(GPtrArray) relations = alama_store_list_relations (f->window->store,
                                                               alama_document_get_id (f->window->document),
                                                               ALAMA_STATUS_MASK_ALL, NULL);

  return relations != NULL ? relations->len : 0;
}

/* A relation selected in the view shows in the panel and back; the window's
 * delete deletes it without asking; a relabel the relation forbids asks, and
 * drops it with the relabel in one undo step. */
static void
test_relation_selection_sync (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) relations = NULL;
  AlamaRelation *relation;
  GtkWidget *dialog;
  gint64 relation_id, quote_id = 0, per_id = 0;

  select_document (f, "01-cairo-visit", 5);
  relations = alama_store_list_relations (f->window->store,
                                          alama_document_get_id (f->window->document),
                                          ALAMA_STATUS_MASK_ALL, NULL);
  g_assert_cmpuint (relations->len, ==, 1);
  relation = g_ptr_array_index (relations, 0);
  relation_id = relation->id;
  find_panel_row (f, "QUOTE", &quote_id);
  g_assert_cmpint (relation->to_id, ==, quote_id);

  alama_doc_view_select_relation (f->window->doc_view, relation_id, FALSE);
  g_assert_cmpint (alama_annotation_panel_get_selected_relation (f->window->panel), ==, relation_id);
  g_assert_cmpint (alama_annotation_panel_get_selected_span (f->window->panel), ==, 0);

  /* A span chosen in the panel ends the relation's selection in both. */
  find_panel_row (f, "PER", &per_id);
  alama_annotation_panel_select_span (f->window->panel, per_id);
  WAIT_FOR (alama_doc_view_get_selected_span (f->window->doc_view) == per_id);
  g_assert_cmpint (alama_doc_view_get_selected_relation (f->window->doc_view), ==, 0);
  g_assert_cmpint (alama_annotation_panel_get_selected_relation (f->window->panel), ==, 0);

  alama_annotation_panel_select_relation (f->window->panel, relation_id);
  g_assert_cmpint (alama_doc_view_get_selected_relation (f->window->doc_view), ==, relation_id);
  g_assert_cmpint (alama_doc_view_get_selected_span (f->window->doc_view), ==, 0);

  /* Deleted at once: no question, the relation alone. */
  activate (f, "delete-annotation");
  WAIT_FOR (n_relations (f) == 0);
  g_assert_cmpuint (n_relations (f), ==, 0);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (n_panel_rows (f), ==, 5);
  g_assert_cmpint (alama_annotation_panel_get_selected_relation (f->window->panel), ==, 0);
  activate (f, "undo");
  WAIT_FOR (n_relations (f) == 1);
  g_assert_cmpuint (n_relations (f), ==, 1);

  /* QUOTE -> CLAIM would break the SPEAKER relation: asked, then both. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.relabel-annotation", "(xs)",
                              quote_id, "CLAIM");
  WAIT_FOR ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "SPEAKER"));
  g_assert_true (span_has (f, quote_id, "label", "QUOTE"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "drop");
  WAIT_FOR (span_has (f, quote_id, "label", "CLAIM"));
  g_assert_true (span_has (f, quote_id, "label", "CLAIM"));
  g_assert_cmpuint (n_relations (f), ==, 0);
  activate (f, "undo");
  WAIT_FOR (span_has (f, quote_id, "label", "QUOTE"));
  g_assert_true (span_has (f, quote_id, "label", "QUOTE"));
  g_assert_cmpuint (n_relations (f), ==, 1);
}


/* The editor writes the note (Enter) and a new label to the store; undo reverts. */
static void
test_editor (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  g_autoptr(AlamaSpan) span = NULL;
  GtkEntry *note = NULL;
  GtkDropDown *labels;
  GListModel *names;
  gint64 id = 0;
  guint gpe = GTK_INVALID_LIST_POSITION;

  select_document (f, "02-beirut-port", 2);
  find_panel_row (f, "ORG", &id);
  alama_annotation_panel_select_span (f->window->panel, id);
  settle (GTK_WIDGET (f->window));

  collect_widgets (GTK_WIDGET (f->window->panel), GTK_TYPE_ENTRY, entries);
  for (guint i = 0; i < entries->len; i++)
    if (gtk_widget_is_drawable (g_ptr_array_index (entries, i)))
      note = g_ptr_array_index (entries, i);  /* ORG has no free-text attribute: the note */
  g_assert_nonnull (note);
  gtk_editable_set_text (GTK_EDITABLE (note), "بيان رسمي صادر عن الوزارة");
  g_signal_emit_by_name (note, "activate");
  WAIT_FOR (span_has (f, id, "note", "بيان رسمي صادر عن الوزارة"));
  span = alama_store_get_span (f->window->store, id, NULL);
  g_assert_cmpstr (span->note, ==, "بيان رسمي صادر عن الوزارة");
  g_clear_pointer (&span, alama_span_unref);

  collect_widgets (GTK_WIDGET (f->window->panel), GTK_TYPE_DROP_DOWN, dropdowns);
  g_assert_cmpuint (dropdowns->len, >=, 1);
  labels = g_ptr_array_index (dropdowns, 0);
  names = gtk_drop_down_get_model (labels);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "GPE"))
      gpe = i;
  g_assert_cmpuint (gpe, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (labels, gpe);
  WAIT_FOR (span_has (f, id, "label", "GPE") &&
            alama_annotation_panel_get_selected_span (f->window->panel) == id);
  span = alama_store_get_span (f->window->store, id, NULL);
  g_assert_cmpstr (span->label, ==, "GPE");
  g_clear_pointer (&span, alama_span_unref);
  g_assert_cmpint (alama_annotation_panel_get_selected_span (f->window->panel), ==, id);

  activate (f, "undo");
  WAIT_FOR (span_has (f, id, "label", "ORG"));
  span = alama_store_get_span (f->window->store, id, NULL);
  g_assert_cmpstr (span->label, ==, "ORG");
  g_assert_cmpstr (span->note, ==, "بيان رسمي صادر عن الوزارة");
}

/* An attribute the schema does not define for the span's label (here a brat
 * normalisation, "norm:Reference") is shown in the editor with its value. */
static void
test_editor_other_attributes (Fixture       *f,
                              gconstpointer  data)
{
  const char *paths[] = { g_test_get_filename (G_TEST_DIST, "fixtures", "brat", "army.ann", NULL),
                          NULL };
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  gboolean name_shown = FALSE, value_shown = FALSE;
  gint64 id = 0;

  _alama_window_start_import (f->window, paths, ALAMA_FORMAT_AUTO, FALSE, FALSE);
  wait_for_task (f);
  WAIT_FOR (n_documents (f) == 4);
  select_document (f, "army", 7);
  find_panel_row (f, "GPE", &id);
  alama_annotation_panel_select_span (f->window->panel, id);
  settle (GTK_WIDGET (f->window));

  collect_widgets (GTK_WIDGET (f->window->panel), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (!gtk_widget_is_drawable (label))
        continue;
      name_shown |= g_strcmp0 (label_text (label), ALAMA_BRAT_NORM_PREFIX "Reference") == 0;
      value_shown |= g_strcmp0 (label_text (label), "Wikidata:Q123 بعبدا") == 0;
    }
  g_assert_true (name_shown);
  g_assert_true (value_shown);
}

static gboolean
inside_scroller (GtkWidget *widget)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_SCROLLED_WINDOW (w))
      return TRUE;
  return FALSE;
}

/* Every visible widget outside scrolled content lies inside the 1024×700 window. */
static void
check_inside (GtkWidget *widget,
              GtkWidget *window,
              int        width,
              int        height,
              guint     *n_checked)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget))
    return;
  if (widget != window && GTK_IS_NATIVE (widget))
    return;  /* popovers are their own surfaces */

  /* The window's own bounds include the client-side decoration's margin. */
  if (widget != window && !inside_scroller (widget) &&
      gtk_widget_compute_bounds (widget, window, &bounds))
    {
      /* 1 px of slack: Adwaita's header bar reaches over the window's 1 px border. */
      if (bounds.origin.x < -1.5 || bounds.origin.y < -1.5 ||
          bounds.origin.x + bounds.size.width > width + 1.5 ||
          bounds.origin.y + bounds.size.height > height + 1.5)
        g_error ("%s (%s) is allocated at %.0f,%.0f %.0f×%.0f, outside the %d×%d window",
                 G_OBJECT_TYPE_NAME (widget), gtk_widget_get_css_name (widget),
                 bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height,
                 width, height);
      (*n_checked)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_inside (child, window, width, height, n_checked);
}

static void
test_layout_1024 (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  guint n_checked = 0;
  gint64 id = 0;
  int min_width, min_height, width, height;

  g_assert_true (alama_window_select_document_by_name (f->window, "01-cairo-visit"));
  find_panel_row (f, "QUOTE", &id);
  alama_annotation_panel_select_span (f->window->panel, id);
  settle (window);

  /* The window fits in 1024×700: its minimum size is smaller. (Its allocation is
   * the default size less the client-side decorations' margins.) */
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, 1024, &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 1024);
  g_assert_cmpint (min_height, <=, 700);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  g_assert_cmpint (width, >=, 1000);
  g_assert_cmpint (width, <=, 1024);
  g_assert_cmpint (height, >=, 680);
  g_assert_cmpint (height, <=, 700);
  /* The sidebar and the panel start near their remembered widths. */
  g_assert_cmpint (gtk_widget_get_width (f->window->sidebar), >=, 200);
  g_assert_cmpint (gtk_widget_get_width (f->window->sidebar), <=, 240);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window->panel)), >=, 280);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window->panel)), <=, 320);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window->doc_view)), >=, 300);

  check_inside (window, window, width, height, &n_checked);
  g_assert_cmpuint (n_checked, >, 50);

  save_png (window, "window-1024x700.png");
}

/* The frames a window draws, each by the frame clock's own time for it: what
 * an animation (a scroll, a tick callback, a CSS transition) goes by, so that
 * a late frame on a loaded machine is not taken for a long animation. */
typedef struct
{
  GdkFrameClock *clock;
  gulong         after_paint_id;
  GArray        *frame_times;      /* gint64, µs of g_get_monotonic_time () */
  gint64         last_change;      /* when the view or the panel last changed its selection */
  guint          frames_since_change;
  gint64         change_drawn;     /* frame time of the second frame after it (the first
                                    * if there is one only), or 0 */
  gboolean       scrolled;         /* since the last frame */
  gint64         last_scroll;      /* frame time of the last frame that scrolled */
} FrameLog;

static void
log_frame_cb (GdkFrameClock *clock,
              FrameLog      *log)
{
  gint64 frame_time = gdk_frame_clock_get_frame_time (clock);

  g_array_append_val (log->frame_times, frame_time);
  /* The first frame draws the change; the window's work after that frame (the
   * panel following the view, the editor filling in) shows in the second. */
  if (log->frames_since_change++ < 2)
    log->change_drawn = frame_time;
  if (log->scrolled)
    log->last_scroll = frame_time;
  log->scrolled = FALSE;
}

static void
log_scroll_cb (GtkAdjustment *adjustment,
               FrameLog      *log)
{
  log->scrolled = TRUE;
}

static void
log_change (FrameLog *log)
{
  log->last_change = g_get_monotonic_time ();
  log->frames_since_change = 0;
  log->change_drawn = 0;
}

static void
log_change_cb (GObject    *object,
               GParamSpec *pspec,
               FrameLog   *log)
{
  log_change (log);
}

/* Waits until @window has stopped drawing: no frame while the main loop ran
 * 50 times and at least 500 ms (a ticking frame clock draws every 16 ms; the
 * count of iterations keeps a process the machine did not run from passing for
 * a still one). FALSE if it still draws after WAIT_TIMEOUT_US. */
static gboolean
wait_until_still (FrameLog *log)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_US;
  gint64 quiet_since = g_get_monotonic_time ();
  guint seen = log->frame_times->len, quiet_iterations = 0;
  guint wake_id = g_timeout_add (10, wait_wake_cb, NULL);
  gboolean still = FALSE;

  while (!still && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      if (log->frame_times->len != seen)
        {
          seen = log->frame_times->len;
          quiet_since = g_get_monotonic_time ();
          quiet_iterations = 0;
          continue;
        }
      quiet_iterations++;
      still = quiet_iterations >= 50 && g_get_monotonic_time () - quiet_since >= 500 * 1000;
    }
  g_source_remove (wake_id);
  return still;
}

/* Of the frames drawn since the @first_frame-th, those whose frame time is
 * after the end of what the step may animate: @allowed_ms after the frame
 * that drew the last change and what the window did after it (what they start,
 * a flash, a scroll, starts by that frame's time, however late the frame came
 * on a loaded machine), or the last frame that scrolled. Anything that
 * animates longer (a scrollbar fading in or out for a second, a CSS
 * transition) draws frames after that end; the frame that draws an
 * animation's end may come after it on a slow machine. So may an animation
 * that began on the frame after a stall: the longest time the machine left
 * the process without a frame, past a frame's 16 ms, moves the end too, with
 * three frames for what the stall cut short to finish. A fade of a second
 * still draws dozens of frames after that. */
static guint
frames_after (FrameLog *log,
              guint     first_frame,
              guint     allowed_ms)
{
  gint64 stall = 0;
  gint64 end;
  guint n = 0;

  for (guint i = first_frame + 1; i < log->frame_times->len; i++)
    stall = MAX (stall, g_array_index (log->frame_times, gint64, i) -
                        g_array_index (log->frame_times, gint64, i - 1) - 16 * 1000);
  end = MAX (log->change_drawn + allowed_ms * 1000 + stall + 3 * 16 * 1000, log->last_scroll);

  g_assert_cmpint (log->change_drawn, !=, 0);
  g_test_message ("change drawn at %+.0f ms, last scroll at %+.0f ms, longest stall %.0f ms, "
                  "end at %+.0f ms of the change",
                  (log->change_drawn - log->last_change) / 1000.0,
                  (log->last_scroll - log->last_change) / 1000.0, stall / 1000.0,
                  (end - log->last_change) / 1000.0);
  for (guint i = first_frame; i < log->frame_times->len; i++)
    {
      gint64 frame_time = g_array_index (log->frame_times, gint64, i);

      g_test_message ("frame %u at %+.0f ms of the change", i,
                      (frame_time - log->last_change) / 1000.0);
      if (frame_time > end)
        n++;
    }
  return n;
}

/* Once a selection has scrolled the text and the panel, the window stops
 * drawing: no scrollbar fading in for a second (overlay scrollbars) and no CSS
 * transition keeps the frame clock ticking, because a key pressed while it
 * ticks waits for the next frame slot (bench-gui-input: up to 10 ms of the
 * 10 ms a press may take). A window of its own, opened on a document that
 * already has 300 spans: its scrollbars have not moved yet. Each step waits
 * until the window stops drawing, then looks at the frame times. */
static void
test_no_lingering_frames (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AlamaWindow *window;
  AlamaDocument *document;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(AlamaSpan) far = NULL;
  gint64 length, last_id = 0, far_id, report_id = 0;
  FrameLog log = { 0, };
  guint first_frame;

  select_document (f, "01-cairo-visit", 5);
  settle (GTK_WIDGET (f->window));
  document = alama_doc_view_get_document (f->window->doc_view);
  length = alama_document_get_length (document);
  g_assert_true (alama_store_begin_change (f->window->store, "many", 0, &error));
  for (gint64 i = 0; i < 300; i++)
    {
      g_autoptr(AlamaSpan) span = alama_span_new ("PER", i % (length - 4), i % (length - 4) + 3);

      span->document_id = alama_document_get_id (document);
      g_assert_true (alama_store_add_span (f->window->store, span, &error));
      if (i == 150)
        last_id = span->id;   /* in the middle of the text: both scroll to it */
    }
  g_assert_true (alama_store_end_change (f->window->store, &error));
  g_assert_no_error (error);

  /* Many screens of text, a place named in the last line. */
  for (guint i = 0; i < 120; i++)
    g_string_append (report, "وأفاد مراسلنا في الخرطوم بأن المفاوضات استؤنفت صباح اليوم بحضور الوسطاء.\n");
  g_string_append (report, "واختتم الوفد زيارته إلى أديس أبابا مساء الخميس.");
  g_assert_true (alama_store_add_document (f->window->store, "long-report", NULL, report->str,
                                           NULL, NULL, &report_id, &error));
  far = alama_span_new ("GPE", g_utf8_strlen (report->str, -1) - 23,
                        g_utf8_strlen (report->str, -1) - 13);   /* أديس أبابا */
  far->document_id = report_id;
  g_assert_true (alama_store_add_span (f->window->store, far, &error));
  g_assert_no_error (error);
  far_id = far->id;

  window = alama_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (alama_window_open_project (window, f->project_path));
  g_assert_true (alama_window_select_document_by_name (window, "01-cairo-visit"));
  settle (GTK_WIDGET (window));
  log.clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  log.frame_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  log.after_paint_id = g_signal_connect (log.clock, "after-paint", G_CALLBACK (log_frame_cb), &log);
  g_signal_connect (window->doc_view, "notify::selected-span", G_CALLBACK (log_change_cb), &log);
  g_signal_connect (window->panel, "notify::selected-span", G_CALLBACK (log_change_cb), &log);
  {
    g_autoptr(GPtrArray) scrollers = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (window), GTK_TYPE_SCROLLED_WINDOW, scrollers);
    g_assert_cmpuint (scrollers->len, >=, 2);   /* the text's, the panel's */
    for (guint i = 0; i < scrollers->len; i++)
      {
        GtkScrolledWindow *scroller = g_ptr_array_index (scrollers, i);

        g_signal_connect (gtk_scrolled_window_get_hadjustment (scroller), "value-changed",
                          G_CALLBACK (log_scroll_cb), &log);
        g_signal_connect (gtk_scrolled_window_get_vadjustment (scroller), "value-changed",
                          G_CALLBACK (log_scroll_cb), &log);
      }
  }
  g_assert_true (wait_until_still (&log));

  /* Selected in the text, without the flash: the view and the panel scroll
   * (animated scrolls take 200 ms; a scrollbar fading in, a whole second). */
  first_frame = log.frame_times->len;
  log_change (&log);
  alama_doc_view_select_span (window->doc_view, last_id, FALSE);
  WAIT_FOR (alama_annotation_panel_get_selected_span (window->panel) == last_id);
  g_assert_cmpint (alama_annotation_panel_get_selected_span (window->panel), ==, last_id);
  g_assert_true (wait_until_still (&log));
  g_assert_cmpuint (frames_after (&log, first_frame, 200), <=, 1);

  /* Focus moving from the text to the panel restyles both (one frame), and
   * nothing fades. */
  first_frame = log.frame_times->len;
  log_change (&log);
  alama_annotation_panel_focus_list (window->panel);
  g_assert_true (wait_until_still (&log));
  g_assert_cmpuint (frames_after (&log, first_frame, 100), <=, 1);

  /* A long report, its last span jumped to from the panel: the view scrolls
   * and flashes the span for 700 ms; its scrollbar must not fade in for a
   * second. */
  g_assert_true (alama_window_select_document_by_name (window, "long-report"));
  WAIT_FOR (alama_doc_view_get_document (window->doc_view) == alama_window_get_document (window));
  settle (GTK_WIDGET (window));
  g_assert_true (wait_until_still (&log));
  first_frame = log.frame_times->len;
  log_change (&log);
  alama_annotation_panel_select_span (window->panel, far_id);
  WAIT_FOR (alama_doc_view_get_selected_span (window->doc_view) == far_id);
  g_assert_cmpint (alama_doc_view_get_selected_span (window->doc_view), ==, far_id);
  g_assert_true (wait_until_still (&log));
  g_assert_cmpuint (frames_after (&log, first_frame, 700), <=, 1);

  g_signal_handler_disconnect (log.clock, log.after_paint_id);
  g_array_unref (log.frame_times);
  DESTROY_AND_FINALIZE (window);
}

/* Adds to document @name a span of @status from the source "model-x", with
 * @confidence as its attribute when not NULL; returns its id. */
static gint64
add_model_span_to (Fixture     *f,
                   const char  *name,
                   const char  *label,
                   gint64       start,
                   gint64       end,
                   AlamaStatus  status,
                   const char  *confidence)
{
  g_autoptr(AlamaSpan) span = alama_span_new (label, start, end);
  g_autoptr(AlamaDocument) document = alama_store_find_document (f->window->store, name);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (document);
  span->document_id = alama_document_get_id (document);
  span->status = status;
  span->source = g_strdup ("model-x");
  if (confidence != NULL)
    alama_span_set_attribute (span, "confidence", confidence);
  g_assert_true (alama_store_add_span (f->window->store, span, &error));
  g_assert_no_error (error);
  return span->id;
}

/* The same, in the shown document. */
static gint64
add_model_span (Fixture     *f,
                const char  *label,
                gint64       start,
                gint64       end,
                AlamaStatus  status,
                const char  *confidence)
{
  return add_model_span_to (f, alama_document_get_name (f->window->document), label, start, end,
                            status, confidence);
}

/* Adds a pending SPEAKER relation from "model-x"; returns its id. */
static gint64
add_model_relation (Fixture *f,
                    gint64   from_id,
                    gint64   to_id)
{
  g_autoptr(AlamaRelation) relation = alama_relation_new ("SPEAKER", from_id, to_id);
  g_autoptr(GError) error = NULL;

  relation->status = ALAMA_STATUS_PENDING;
  relation->source = g_strdup ("model-x");
  g_assert_true (alama_store_add_relation (f->window->store, relation, &error));
  g_assert_no_error (error);
  return relation->id;
}

static AlamaStatus
span_status (Fixture *f,
             gint64   span_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = alama_store_get_span (f->window->store, span_id, &error);

  g_assert_no_error (error);
  return span->status;
}

static AlamaStatus
relation_status (Fixture *f,
                 gint64   relation_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaRelation) relation = alama_store_get_relation (f->window->store, relation_id,
                                                                &error);

  g_assert_no_error (error);
  return relation->status;
}

/* "Accept All from" a source accepts its suggested relations with its
 * suggested spans, as one change: one undo makes them all pending again. */
static void
test_accept_all_source_takes_relations (Fixture       *f,
                                        gconstpointer  data)
{
  AlamaStore *store = f->window->store;
  g_autoptr(GError) error = NULL;
  gint64 document_id, speaker, said;

  select_document (f, "01-cairo-visit", 5);
  document_id = alama_document_get_id (f->window->document);
  speaker = add_model_span (f, "PER", 0, 3, ALAMA_STATUS_PENDING, NULL);
  said = add_model_relation (f, speaker,
                             add_model_span (f, "QUOTE", 5, 12, ALAMA_STATUS_PENDING, NULL));
  settle (GTK_WIDGET (f->window));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.accept-all-source", "s", "model-x");
  g_assert_cmpint (span_status (f, speaker), ==, ALAMA_STATUS_ACCEPTED);
  g_assert_cmpint (relation_status (f, said), ==, ALAMA_STATUS_ACCEPTED);
  g_assert_cmpuint (alama_store_count_suggestions (store, document_id, "model-x"), ==, 0);

  g_assert_true (alama_store_undo (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (alama_store_count_suggestions (store, document_id, "model-x"), ==, 3);
}

/* Accept All takes only what the view shows: a suggestion hidden below the
 * confidence threshold, and a relation to it, stay pending. */
static void
test_accept_all_leaves_hidden (Fixture       *f,
                               gconstpointer  data)
{
  gint64 sure, weak, said;

  select_document (f, "01-cairo-visit", 5);
  sure = add_model_span (f, "PER", 0, 3, ALAMA_STATUS_PENDING, "0.9");
  weak = add_model_span (f, "QUOTE", 5, 12, ALAMA_STATUS_PENDING, "0.2");
  said = add_model_relation (f, sure, weak);
  alama_doc_view_set_min_confidence (f->window->doc_view, 0.5);
  settle (GTK_WIDGET (f->window));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.accept-all-source", "s", "model-x");
  g_assert_cmpint (span_status (f, sure), ==, ALAMA_STATUS_ACCEPTED);
  g_assert_cmpint (span_status (f, weak), ==, ALAMA_STATUS_PENDING);
  g_assert_cmpint (relation_status (f, said), ==, ALAMA_STATUS_PENDING);
}

static gboolean
panel_lists (Fixture *f,
             gint64   span_id)
{
  GListModel *rows = alama_annotation_panel_get_rows (f->window->panel);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(AlamaSpanObject) row = g_list_model_get_item (rows, i);

      if (alama_span_object_get_id (row) == span_id)
        return TRUE;
    }
  return FALSE;
}

/* The panel lists what the text shows: a suggestion below the view's
 * confidence threshold leaves the list when the threshold rises and comes
 * back when it falls; an accepted span the model was unsure of stays. */
static void
test_panel_hides_weak_suggestions (Fixture       *f,
                                   gconstpointer  data)
{
  gint64 weak, decided;

  select_document (f, "01-cairo-visit", 5);
  weak = add_model_span (f, "PER", 0, 3, ALAMA_STATUS_PENDING, "0.2");
  decided = add_model_span (f, "QUOTE", 5, 12, ALAMA_STATUS_ACCEPTED, "0.1");
  WAIT_FOR (n_panel_rows (f) == 7);
  g_assert_true (panel_lists (f, weak));

  alama_doc_view_set_min_confidence (f->window->doc_view, 0.5);
  WAIT_FOR (n_panel_rows (f) == 6);
  g_assert_cmpuint (n_panel_rows (f), ==, 6);
  g_assert_false (panel_lists (f, weak));
  g_assert_true (panel_lists (f, decided));

  alama_doc_view_set_min_confidence (f->window->doc_view, 0.1);
  WAIT_FOR (n_panel_rows (f) == 7);
  g_assert_true (panel_lists (f, weak));
}

/* The button inside @widget whose action is @action_name, or NULL. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (widget, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                   action_name) == 0 && gtk_widget_get_mapped (g_ptr_array_index (buttons, i)))
      return g_ptr_array_index (buttons, i);
  return NULL;
}

/* The editor's rows act through its actions: a relation's row selects the
 * relation, "Also here" shows the other annotation over the same text. */
static void
test_editor_rows_act (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (f->window->panel);
  GtkWidget *button;
  gint64 speaker, twin, quote, said;

  select_document (f, "01-cairo-visit", 5);
  speaker = add_model_span (f, "PER", 0, 3, ALAMA_STATUS_ACCEPTED, NULL);
  twin = add_model_span (f, "ORG", 0, 3, ALAMA_STATUS_ACCEPTED, NULL);
  quote = add_model_span (f, "QUOTE", 5, 12, ALAMA_STATUS_ACCEPTED, NULL);
  said = add_model_relation (f, speaker, quote);
  WAIT_FOR (n_panel_rows (f) == 8);

  alama_annotation_panel_select_span (f->window->panel, speaker);
  WAIT_FOR (find_action_button (panel, "editor.show-span") != NULL &&
            find_action_button (panel, "editor.select-relation") != NULL);
  button = find_action_button (panel, "editor.show-span");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  WAIT_FOR (alama_annotation_panel_get_selected_span (f->window->panel) == twin);
  g_assert_cmpint (alama_annotation_panel_get_selected_span (f->window->panel), ==, twin);

  alama_annotation_panel_select_span (f->window->panel, speaker);
  WAIT_FOR (alama_annotation_panel_get_selected_span (f->window->panel) == speaker &&
            find_action_button (panel, "editor.select-relation") != NULL);
  button = find_action_button (panel, "editor.select-relation");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  WAIT_FOR (alama_annotation_panel_get_selected_relation (f->window->panel) == said);
  g_assert_cmpint (alama_annotation_panel_get_selected_relation (f->window->panel), ==, said);
}

/* The badge of document @name in the list: its number, or 0 when hidden. */
static guint
badge_count (Fixture    *f,
             const char *name)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (f->window->document_list), ALAMA_TYPE_DOCUMENT_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      AlamaDocumentRow *row = g_ptr_array_index (rows, i);
      AlamaDocument *document = alama_document_row_get_document (row);
      GtkWidget *badge = gtk_widget_get_last_child (GTK_WIDGET (row));

      if (document == NULL || g_strcmp0 (alama_document_get_name (document), name) != 0)
        continue;
      return gtk_widget_get_visible (badge)
             ? (guint) g_ascii_strtoull (gtk_label_get_label (GTK_LABEL (badge)), NULL, 10) : 0;
    }
  g_assert_not_reached ();
}

/* A document's badge counts the suggestions the text shows: one hidden below
 * the confidence threshold is not counted while it is hidden. */
static void
test_badge_counts_shown_suggestions (Fixture       *f,
                                     gconstpointer  data)
{
  select_document (f, "01-cairo-visit", 5);
  g_assert_cmpuint (badge_count (f, "02-beirut-port"), ==, 0);
  add_model_span_to (f, "02-beirut-port", "PER", 0, 5, ALAMA_STATUS_PENDING, "0.2");
  add_model_span_to (f, "02-beirut-port", "ORG", 6, 36, ALAMA_STATUS_PENDING, "0.9");
  WAIT_FOR (badge_count (f, "02-beirut-port") == 2);
  g_assert_cmpuint (badge_count (f, "02-beirut-port"), ==, 2);

  alama_doc_view_set_min_confidence (f->window->doc_view, 0.5);
  WAIT_FOR (badge_count (f, "02-beirut-port") == 1);
  g_assert_cmpuint (badge_count (f, "02-beirut-port"), ==, 1);

  alama_doc_view_set_min_confidence (f->window->doc_view, 0.95);
  WAIT_FOR (badge_count (f, "02-beirut-port") == 0);
  g_assert_cmpuint (badge_count (f, "02-beirut-port"), ==, 0);

  alama_doc_view_set_min_confidence (f->window->doc_view, 0.0);
  WAIT_FOR (badge_count (f, "02-beirut-port") == 2);
  g_assert_cmpuint (badge_count (f, "02-beirut-port"), ==, 2);
}

/* N does not stop in a document whose suggestions are all hidden below the
 * threshold: it goes on to the next document with one the text shows. */
static void
test_next_skips_hidden_suggestions (Fixture       *f,
                                    gconstpointer  data)
{
  select_document (f, "01-cairo-visit", 5);
  add_model_span (f, "PER", 0, 5, ALAMA_STATUS_PENDING, "0.2");
  add_model_span_to (f, "03-oil-prices", "ORG", 89, 101, ALAMA_STATUS_PENDING, "0.9");
  alama_doc_view_set_min_confidence (f->window->doc_view, 0.5);
  settle (GTK_WIDGET (f->window));

  activate (f, "review-next");
  WAIT_FOR (g_strcmp0 (shown_name (f), "03-oil-prices") == 0);
  g_assert_cmpstr (shown_name (f), ==, "03-oil-prices");
}

static gboolean
source_chooser_offers (Fixture    *f,
                       const char *source)
{
  if (!alama_source_chooser_set_source (f->window->source_chooser, source))
    return FALSE;
  alama_source_chooser_set_source (f->window->source_chooser, NULL);
  return TRUE;
}

/* The Sources drop-down lists the sources with pending suggestions; choosing
 * one keeps to the documents with suggestions from it, and N visits only its
 * suggestions; when its last suggestion is decided it goes, and all are shown. */
static void
test_source_chooser (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(AlamaSpan) other = alama_span_new ("GPE", 42, 49);
  g_autoptr(GError) error = NULL;
  GListModel *listed = G_LIST_MODEL (f->window->filtered_documents);
  gint64 from_model;

  select_document (f, "01-cairo-visit", 5);
  from_model = add_model_span_to (f, "03-oil-prices", "ORG", 89, 101, ALAMA_STATUS_PENDING, NULL);
  other->document_id = alama_document_get_id (f->window->document);
  other->status = ALAMA_STATUS_PENDING;
  other->source = g_strdup ("gazetteer");
  g_assert_true (alama_store_add_span (f->window->store, other, &error));
  g_assert_no_error (error);
  WAIT_FOR (source_chooser_offers (f, "model-x") && source_chooser_offers (f, "gazetteer"));
  g_assert_false (alama_source_chooser_set_source (f->window->source_chooser, "learned"));
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 3);

  g_assert_true (alama_source_chooser_set_source (f->window->source_chooser, "model-x"));
  g_assert_cmpstr (alama_source_chooser_get_source (f->window->source_chooser), ==, "model-x");
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 1);
  {
    g_autoptr(AlamaDocument) only = g_list_model_get_item (listed, 0);
    g_assert_cmpstr (alama_document_get_name (only), ==, "03-oil-prices");
  }
  /* The gazetteer's suggestion in the shown document is not visited. */
  activate (f, "review-next");
  WAIT_FOR (g_strcmp0 (shown_name (f), "03-oil-prices") == 0);
  g_assert_cmpint (alama_doc_view_get_selected_span (f->window->doc_view), ==, from_model);

  /* Its last suggestion decided, the source goes and every document is listed. */
  g_assert_true (alama_store_set_span_status (f->window->store, from_model,
                                              ALAMA_STATUS_ACCEPTED, &error));
  g_assert_no_error (error);
  WAIT_FOR (alama_source_chooser_get_source (f->window->source_chooser) == NULL);
  g_assert_null (alama_source_chooser_get_source (f->window->source_chooser));
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 3);
  g_assert_false (alama_source_chooser_set_source (f->window->source_chooser, "model-x"));
}

/* With a confidence threshold, the chooser offers only sources with a
 * suggestion the text shows, and lists only documents that have one. */
static void
test_source_chooser_threshold (Fixture       *f,
                               gconstpointer  data)
{
  GListModel *listed = G_LIST_MODEL (f->window->filtered_documents);

  select_document (f, "01-cairo-visit", 5);
  add_model_span_to (f, "03-oil-prices", "ORG", 89, 101, ALAMA_STATUS_PENDING, "0.9");
  add_model_span_to (f, "01-cairo-visit", "PER", 0, 3, ALAMA_STATUS_PENDING, "0.3");
  WAIT_FOR (source_chooser_offers (f, "model-x"));
  g_assert_true (alama_source_chooser_set_source (f->window->source_chooser, "model-x"));
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 2);

  /* Above the weak one: only the document with the strong one is left. */
  alama_doc_view_set_min_confidence (f->window->doc_view, 0.5);
  WAIT_FOR (g_list_model_get_n_items (listed) == 1);
  {
    g_autoptr(AlamaDocument) only = g_list_model_get_item (listed, 0);
    g_assert_cmpstr (alama_document_get_name (only), ==, "03-oil-prices");
  }

  /* Above both: the source has nothing to show and is no longer offered. */
  g_assert_cmpstr (alama_source_chooser_get_source (f->window->source_chooser), ==, "model-x");
  alama_doc_view_set_min_confidence (f->window->doc_view, 0.95);
  WAIT_FOR (alama_source_chooser_get_source (f->window->source_chooser) == NULL);
  g_assert_null (alama_source_chooser_get_source (f->window->source_chooser));
  g_assert_false (source_chooser_offers (f, "model-x"));
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 3);

  /* Lowered again, it is offered again. */
  alama_doc_view_set_min_confidence (f->window->doc_view, 0.0);
  WAIT_FOR (source_chooser_offers (f, "model-x"));
}

static void
set_flag_cb (gboolean *flag)
{
  *flag = TRUE;
}

/* The object @ref points at, without keeping a reference; NULL once it is gone. */
static gpointer
weak_ref_peek (GWeakRef *ref)
{
  g_autoptr(GObject) object = g_weak_ref_get (ref);

  return object;
}

/* A second deletion replaces the first one's Undo toast. Once the first toast
 * is gone for good, undoing the second deletion another way (Ctrl+Z) must
 * still dismiss the second toast, whose Undo would now take back the change
 * before it. */
static void
test_replaced_undo_toast_goes (Fixture       *f,
                               gconstpointer  data)
{
  GWeakRef first;
  g_autoptr(AdwToast) second = NULL;
  gboolean second_dismissed = FALSE;
  gint64 id = 0;
  guint row;

  select_document (f, "02-beirut-port", 2);
  row = find_panel_row (f, "LOC", &id);
  gtk_selection_model_select_item (panel_selection (f), row, TRUE);
  WAIT_FOR (alama_doc_view_get_selected_span (f->window->doc_view) == id);
  activate (f, "delete-annotation");
  WAIT_FOR (f->window->undo_toast != NULL);
  g_weak_ref_init (&first, f->window->undo_toast);
  /* Let the first toast's show animation end (300 ms; a frame is at least a
   * sixtieth of a second apart). libadwaita 1.2 frees a toast's record when
   * its hide animation ends, and a show animation still running touches it
   * afterwards: two deletions within the same frame would crash the overlay
   * itself, which is not what this test is about. */
  wait_for_frames (GTK_WIDGET (f->window), 40);

  row = find_panel_row (f, "ORG", &id);
  gtk_selection_model_select_item (panel_selection (f), row, TRUE);
  WAIT_FOR (alama_doc_view_get_selected_span (f->window->doc_view) == id);
  activate (f, "delete-annotation");
  WAIT_FOR (f->window->undo_toast != NULL && weak_ref_peek (&first) != f->window->undo_toast);
  second = g_object_ref (f->window->undo_toast);
  g_assert_true (weak_ref_peek (&first) != second);
  g_signal_connect_swapped (second, "dismissed", G_CALLBACK (set_flag_cb), &second_dismissed);

  /* The first toast is dismissed and let go of by the overlay; the window
   * still knows the second one. */
  WAIT_FOR (weak_ref_peek (&first) == NULL);
  g_assert_null (weak_ref_peek (&first));
  g_weak_ref_clear (&first);
  g_assert_true (f->window->undo_toast == second);
  g_assert_false (second_dismissed);

  activate (f, "undo");
  WAIT_FOR (second_dismissed);
  g_assert_true (second_dismissed);
  g_signal_handlers_disconnect_by_func (second, set_flag_cb, &second_dismissed);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  ui_test_init (&argc, &argv);

  g_test_add ("/alama/window/document-list", Fixture, NULL,
              fixture_setup, test_document_list, fixture_teardown);
  g_test_add ("/alama/window/select-document", Fixture, NULL,
              fixture_setup, test_select_document, fixture_teardown);
  g_test_add ("/alama/window/panel-selection-sync", Fixture, NULL,
              fixture_setup, test_panel_selection_sync, fixture_teardown);
  g_test_add ("/alama/window/undo-redo", Fixture, NULL,
              fixture_setup, test_undo_redo, fixture_teardown);
  g_test_add ("/alama/window/panel-sort", Fixture, NULL,
              fixture_setup, test_panel_sort, fixture_teardown);
  g_test_add_func ("/alama/window/open-error", test_open_error);
  g_test_add ("/alama/window/view-settings", Fixture, NULL,
              fixture_setup, test_view_settings, fixture_teardown);
  g_test_add ("/alama/window/delete-asks", Fixture, NULL,
              fixture_setup, test_delete_asks, fixture_teardown);
  g_test_add ("/alama/window/replaced-undo-toast-goes", Fixture, NULL,
              fixture_setup, test_replaced_undo_toast_goes, fixture_teardown);
  g_test_add ("/alama/window/relation-selection-sync", Fixture, NULL,
              fixture_setup, test_relation_selection_sync, fixture_teardown);
  g_test_add ("/alama/window/editor", Fixture, NULL,
              fixture_setup, test_editor, fixture_teardown);
  g_test_add ("/alama/window/editor-other-attributes", Fixture, NULL,
              fixture_setup, test_editor_other_attributes, fixture_teardown);
  g_test_add ("/alama/window/import-export", Fixture, NULL,
              fixture_setup, test_import_export, fixture_teardown);
  g_test_add ("/alama/window/accept-all-source-takes-relations", Fixture, NULL,
              fixture_setup, test_accept_all_source_takes_relations, fixture_teardown);
  g_test_add ("/alama/window/accept-all-leaves-hidden", Fixture, NULL,
              fixture_setup, test_accept_all_leaves_hidden, fixture_teardown);
  g_test_add ("/alama/window/panel-hides-weak-suggestions", Fixture, NULL,
              fixture_setup, test_panel_hides_weak_suggestions, fixture_teardown);
  g_test_add ("/alama/window/editor-rows-act", Fixture, NULL,
              fixture_setup, test_editor_rows_act, fixture_teardown);
  g_test_add ("/alama/window/badge-counts-shown-suggestions", Fixture, NULL,
              fixture_setup, test_badge_counts_shown_suggestions, fixture_teardown);
  g_test_add ("/alama/window/next-skips-hidden-suggestions", Fixture, NULL,
              fixture_setup, test_next_skips_hidden_suggestions, fixture_teardown);
  g_test_add ("/alama/window/source-chooser", Fixture, NULL,
              fixture_setup, test_source_chooser, fixture_teardown);
  g_test_add ("/alama/window/source-chooser-threshold", Fixture, NULL,
              fixture_setup, test_source_chooser_threshold, fixture_teardown);
  g_test_add ("/alama/window/no-lingering-frames", Fixture, NULL,
              fixture_setup, test_no_lingering_frames, fixture_teardown);
  g_test_add ("/alama/window/layout-1024x700", Fixture, NULL,
              fixture_setup, test_layout_1024, fixture_teardown);

  return g_test_run ();
}
