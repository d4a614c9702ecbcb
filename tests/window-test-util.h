/* window-test-util.h: what the in-process workbench tests (test-window,
 * test-search-ui, test-after-frame) share: waiting for a condition or for
 * frames (never for a fixed time: the tests run on loaded machines), removing a
 * temporary folder, and rendering a widget to a PNG in $ALAMA_TEST_OUTPUT with
 * the cairo renderer (STYLE.md's recipe). Static inline so that a test that
 * does not use one of them does not warn. */
#pragma once

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include <alama/alama-import.h>
#include <alama/alama-store.h>

#include "ui-test-init.h"

/* How long a wait for a condition may take before the test fails: generous,
 * for an ASan build on a loaded machine; a test that passes never waits it out. */
#define WAIT_TIMEOUT_US (20 * G_USEC_PER_SEC)

static inline gboolean
wait_wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main loop until @cond holds, or WAIT_TIMEOUT_US has passed.
 * The caller then asserts what it waited for, so that a time-out reports the
 * values. A short timeout source wakes the loop, so that a condition nothing
 * in the loop announces (a thread's result) is seen too. */
#define WAIT_FOR(cond)                                                          \
  G_STMT_START                                                                  \
    {                                                                           \
      gint64 wait_deadline_ = g_get_monotonic_time () + WAIT_TIMEOUT_US;        \
      guint wait_wake_id_ = g_timeout_add (10, wait_wake_cb, NULL);             \
                                                                                \
      while (!(cond) && g_get_monotonic_time () < wait_deadline_)               \
        g_main_context_iteration (NULL, TRUE);                                  \
      g_source_remove (wait_wake_id_);                                          \
    }                                                                           \
  G_STMT_END

/* Runs what the main loop has ready now (idles, results of finished work),
 * without waiting for anything new. */
static inline void
drain_main_loop (void)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_US;

  while (g_main_context_iteration (NULL, FALSE) && g_get_monotonic_time () < deadline)
    ;
}

/* @n frames of @widget drawn, each after what the previous one left for the
 * main loop (an idle started by its after-paint) has run. */
static inline void
wait_for_frames (GtkWidget *widget,
                 guint      n)
{
  for (guint i = 0; i < n; i++)
    {
      gtk_widget_queue_draw (widget);
      gtk_test_widget_wait_for_draw (widget);
      drain_main_loop ();
    }
}

/* Layout and drawing done, and what the frames left for afterwards (work
 * scheduled after a frame, which may queue another). */
static inline void
settle (GtkWidget *widget)
{
  wait_for_frames (widget, 2);
}

/* Destroys @window (a toplevel) and waits until only the caller's reference
 * is left: GTK drops its own in the main loop. */
#define DESTROY_AND_FINALIZE(window)                                            \
  G_STMT_START                                                                  \
    {                                                                           \
      g_object_ref (window);                                                    \
      gtk_window_destroy (GTK_WINDOW (window));                                 \
      WAIT_FOR (G_OBJECT (window)->ref_count == 1);                             \
      g_assert_finalize_object (window);                                        \
    }                                                                           \
  G_STMT_END

static inline void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static inline void
save_png (GtkWidget  *widget,
          const char *name)
{
  const char *out_dir = g_getenv ("ALAMA_TEST_OUTPUT");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (out_dir == NULL)
    return;
  g_mkdir_with_parents (out_dir, 0755);
  path = g_build_filename (out_dir, name, NULL);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gsk_cairo_renderer_new ();
  gsk_renderer_realize (renderer, NULL, &error);
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("rendered %s", path);
}

/* Whether the widget action @name ("win.undo") is enabled for @widget. GTK 4.8
 * has no getter for a class-installed action's state; a button bound to the
 * action shows it, as the menus and header buttons do: a probe button, made a
 * child of @widget for the moment of the question, is sensitive when it is. */
static inline gboolean
widget_action_enabled (GtkWidget  *widget,
                       const char *name)
{
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  g_object_ref_sink (probe);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), name);
  gtk_widget_set_parent (probe, widget);
  enabled = gtk_widget_get_sensitive (probe);
  gtk_widget_unparent (probe);
  g_object_unref (probe);
  return enabled;
}

/* Activates the widget action @name when it is enabled; FALSE when not. */
static inline gboolean
widget_activate_enabled_action (GtkWidget  *widget,
                                const char *name)
{
  return widget_action_enabled (widget, name) &&
         gtk_widget_activate_action (widget, name, NULL);
}

/* A new project @name in @dir holding tests/fixtures/shell/@fixture; returns
 * its path (owned). */
static inline char *
make_shell_project (const char *dir,
                    const char *name,
                    const char *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaStore) store = NULL;
  char *path = g_build_filename (dir, name, NULL);
  AlamaImportOptions options = { 0 };
  AlamaImportReport report;

  store = alama_store_open (path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  alama_import_report_init (&report);
  alama_import_file (store, g_test_get_filename (G_TEST_DIST, "fixtures", "shell", fixture, NULL),
                     &options, &report, &error);
  g_assert_no_error (error);
  alama_import_report_clear (&report);
  return path;
}
