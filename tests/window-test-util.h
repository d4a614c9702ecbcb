/* window-test-util.h: what the in-process workbench tests (test-window,
 * test-search-ui) share: waiting for the main loop and frames, removing a
 * temporary folder, and rendering a widget to a PNG in $ALAMA_TEST_OUTPUT with
 * the cairo renderer (STYLE.md's recipe). Static inline so that a test that
 * does not use one of them does not warn. */
#pragma once

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ui-test-init.h"

static inline void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static inline void
settle (GtkWidget *widget)
{
  gtk_test_widget_wait_for_draw (widget);
  spin (100);
  gtk_test_widget_wait_for_draw (widget);
}

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
