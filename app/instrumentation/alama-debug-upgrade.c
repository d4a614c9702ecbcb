/* alama-debug-upgrade.c: see alama-debug-upgrade.h. */
#define G_LOG_DOMAIN "alama-debug-upgrade"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "alama-debug-upgrade.h"
#include "alama-find-widget.h"
#include "alama-upgrade-page.h"

typedef struct
{
  char          *state_path;
  GtkWidget     *page;        /* strong */
  GdkFrameClock *clock;       /* strong */
  gulong         after_paint_id;
} Watch;

static void
write_state (Watch *watch)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *tmp = g_strconcat (watch->state_path, ".tmp", NULL);
  gboolean shown = gtk_widget_get_mapped (watch->page);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "page");
  json_builder_add_boolean_value (b, shown);
  if (shown)
    {
      GtkWidget *bar = alama_find_descendant (watch->page, GTK_TYPE_PROGRESS_BAR);
      GtkWidget *button = alama_find_descendant (watch->page, GTK_TYPE_BUTTON);
      GtkNative *native = gtk_widget_get_native (watch->page);
      graphene_rect_t r;
      double sx = 0, sy = 0;

      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, bar != NULL
                                     ? gtk_progress_bar_get_text (GTK_PROGRESS_BAR (bar)) : "");
      if (button != NULL && native != NULL &&
          gtk_widget_compute_bounds (button, GTK_WIDGET (native), &r))
        {
          gtk_native_get_surface_transform (native, &sx, &sy);
          json_builder_set_member_name (b, "cancel");
          json_builder_begin_array (b);
          json_builder_add_double_value (b, r.origin.x + sx);
          json_builder_add_double_value (b, r.origin.y + sy);
          json_builder_add_double_value (b, r.size.width);
          json_builder_add_double_value (b, r.size.height);
          json_builder_end_array (b);
        }
    }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  /* Renamed into place: the test never reads half a file. */
  if (g_file_set_contents (tmp, json, -1, NULL))
    g_rename (tmp, watch->state_path);
}

static void
watch_free (gpointer  data,
            GClosure *closure)
{
  Watch *watch = data;

  g_free (watch->state_path);
  g_clear_object (&watch->page);
  g_clear_object (&watch->clock);
  g_free (watch);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Watch         *watch)
{
  gboolean shown = gtk_widget_get_mapped (watch->page);

  write_state (watch);
  if (!shown)
    g_signal_handler_disconnect (clock, watch->after_paint_id);
}

/* On the main thread: follow the page once the window has realized it. */
static gboolean
watch_page_cb (gpointer data)
{
  char *state_path = data;
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      GtkWidget *page = alama_find_descendant (l->data, ALAMA_TYPE_UPGRADE_PAGE);
      GdkFrameClock *clock;
      Watch *watch;

      if (page == NULL || (clock = gtk_widget_get_frame_clock (page)) == NULL)
        continue;
      watch = g_new0 (Watch, 1);
      watch->state_path = state_path;
      watch->page = g_object_ref (page);
      watch->clock = g_object_ref (clock);
      watch->after_paint_id = g_signal_connect_data (clock, "after-paint",
                                                     G_CALLBACK (after_paint_cb), watch,
                                                     watch_free, 0);
      gtk_widget_queue_draw (page);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
alama_debug_upgrade_hold (GCancellable *cancellable,
                          const char   *path)
{
  g_timeout_add (20, watch_page_cb, g_strconcat (path, ".page", NULL));

  while (!g_file_test (path, G_FILE_TEST_EXISTS) && !g_cancellable_is_cancelled (cancellable))
    g_usleep (G_USEC_PER_SEC / 50);
}
