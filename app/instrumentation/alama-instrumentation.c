/* alama-instrumentation.c: what each of the workbench's probe points does in
 * alama-instrumented (see the header). */
#define G_LOG_DOMAIN "alama-instrumentation"

#include "config.h"

#include "alama-bench-hooks.h"
#include "alama-debug-geometry.h"
#include "alama-debug-ui-state.h"
#include "alama-debug-upgrade.h"
#include "alama-doc-view.h"
#include "alama-find-widget.h"
#include "alama-instrumentation.h"
#include "alama-probe.h"

/* A label picked from the popover long after the press that opened it counts
 * from the pick, not from the press. */
#define INPUT_MAX_AGE_US (G_USEC_PER_SEC / 2)

typedef struct
{
  gboolean  log;
  gboolean  scroll;
  char     *geometry_path;
  char     *ui_state_path;
  char     *hold_upgrade_path;   /* an upgrade waits until this file exists */
  gint64    input_time_us;   /* the last key press or button release in the text */
} Switches;

static Switches switches;

static gboolean
env_is_set (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' && g_strcmp0 (value, "0") != 0;
}

static char *
env_path (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

static void
window_created (GtkWindow *window)
{
  if (switches.geometry_path != NULL)
    {
      GtkWidget *view = alama_find_descendant (GTK_WIDGET (window), ALAMA_TYPE_DOC_VIEW);

      if (view != NULL)
        alama_debug_geometry_watch (ALAMA_DOC_VIEW (view), switches.geometry_path);
    }
  if (switches.ui_state_path != NULL)
    alama_debug_ui_state_watch (window, switches.ui_state_path);
}

static void
span_created (GtkWidget *view)
{
  gint64 now = g_get_monotonic_time ();
  gint64 start = switches.input_time_us;

  if (start == 0 || now - start > INPUT_MAX_AGE_US)
    start = now;
  alama_bench_report_after_next_frame (view, "annotate-ms", start);
}

static void
first_frame (GtkWindow *window)
{
  GtkWidget *view = alama_find_descendant (GTK_WIDGET (window), ALAMA_TYPE_DOC_VIEW);
  GtkWidget *scroller = view != NULL ? gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW) : NULL;

  if (switches.log)
    {
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
      g_autofree char *what = g_strdup_printf ("first frame painted, renderer %s",
                                               renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none");

      alama_bench_mark (what);
    }
  if (switches.scroll && scroller != NULL &&
      alama_doc_view_get_document (ALAMA_DOC_VIEW (view)) != NULL)
    alama_bench_scroll_run (view, gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                            G_APPLICATION (gtk_window_get_application (window)));
}

static void
probe_cb (const char *point,
          gpointer    instance,
          gpointer    user_data)
{
  if (g_str_equal (point, "window-created"))
    window_created (instance);
  else if (g_str_equal (point, "first-frame"))
    first_frame (instance);
  else if (g_str_equal (point, "upgrade-running") && switches.hold_upgrade_path != NULL)
    alama_debug_upgrade_hold (instance, switches.hold_upgrade_path);
  else if (!switches.log)
    return;
  else if (g_str_equal (point, "input"))
    switches.input_time_us = g_get_monotonic_time ();
  else if (g_str_equal (point, "span-created"))
    span_created (instance);
  else if (g_str_equal (point, "preload-done"))
    alama_bench_mark ("preload: done");
}

void
alama_instrumentation_install (void)
{
  alama_bench_set_start_time (g_get_monotonic_time ());
  switches.log = env_is_set ("ALAMA_BENCH_LOG");
  switches.scroll = env_is_set ("ALAMA_BENCH_SCROLL");
  switches.geometry_path = env_path ("ALAMA_DEBUG_GEOMETRY");
  switches.ui_state_path = env_path ("ALAMA_DEBUG_UI_STATE");
  switches.hold_upgrade_path = env_path ("ALAMA_TEST_HOLD_UPGRADE");

  if (switches.log || switches.scroll || switches.geometry_path != NULL ||
      switches.ui_state_path != NULL || switches.hold_upgrade_path != NULL)
    alama_probe_install (probe_cb, NULL);
}
