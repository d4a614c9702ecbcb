/* floor-window.c: the start-up floor the workbench is compared with: a bare
 * window with one Arabic label, GTK only or libadwaita, that prints
 * "first-frame-ms: N" (from main(), like `alama --exit-after-first-frame`)
 * after its first frame and quits. Not part of the build:
 *
 *   cc -O2 bench/floor-window.c -o floor-adw $(pkg-config --cflags --libs libadwaita-1)
 *   cc -O2 -DFLOOR_GTK_ONLY bench/floor-window.c -o floor-gtk $(pkg-config --cflags --libs libadwaita-1)
 *
 * Run it like the app (BENCHMARKS.md): under Xvfb, GSK_RENDERER=cairo
 * GDK_DEBUG=gl-disable GSETTINGS_BACKEND=memory GTK_A11Y=none. */
#include <adwaita.h>

#ifdef FLOOR_GTK_ONLY
#define USE_ADW 0
#else
#define USE_ADW 1
#endif

static gint64 start_us;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       app)
{
  g_print ("first-frame-ms: %" G_GINT64_FORMAT "\n", (g_get_monotonic_time () - start_us) / 1000);
  g_application_quit (app);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       app)
{
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), app);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = USE_ADW ? adw_application_window_new (app) : gtk_application_window_new (app);
  GtkWidget *label = gtk_label_new ("وقال المتحدث باسم الكرملين إن المفاوضات مستمرة");

  if (USE_ADW)
    adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), label);
  else
    gtk_window_set_child (GTK_WINDOW (window), label);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_widget_add_tick_callback (label, tick_cb, app, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  GtkApplication *app;

  start_us = g_get_monotonic_time ();
  app = USE_ADW ? GTK_APPLICATION (adw_application_new ("org.alama.FloorWindow", G_APPLICATION_NON_UNIQUE))
                : gtk_application_new ("org.alama.FloorWindow", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
