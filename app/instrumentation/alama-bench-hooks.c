/* alama-bench-hooks.c: frame timing for the GUI benchmarks (see the header). The
 * frame clock's phases bracket what a frame costs: a tick callback runs at the
 * start of the frame (before layout), "after-paint" after the widgets were
 * snapshotted and the surface rendered. */
#define G_LOG_DOMAIN "alama-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "alama-bench-hooks.h"

/* ---- Steps of start-up ---------------------------------------------------- */

static gint64 process_start_us;

void
alama_bench_set_start_time (gint64 monotonic_us)
{
  process_start_us = monotonic_us;
}

void
alama_bench_mark (const char *what)
{
  fprintf (stderr, "startup %s: %.1f\n", what, (g_get_monotonic_time () - process_start_us) / 1000.0);
  fflush (stderr);
}

/* ---- One measurement after the next frame --------------------------------- */

typedef struct
{
  char   *what;
  gint64  start_us;
  gulong  handler_id;
} Report;

static void
report_after_paint_cb (GdkFrameClock *clock,
                       gpointer       user_data)
{
  Report *report = user_data;

  fprintf (stderr, "%s: %.3f\n", report->what, (g_get_monotonic_time () - report->start_us) / 1000.0);
  fflush (stderr);
  g_signal_handler_disconnect (clock, report->handler_id);
}

static void
report_free (gpointer  data,
             GClosure *closure)
{
  Report *report = data;

  g_free (report->what);
  g_free (report);
}

void
alama_bench_report_after_next_frame (GtkWidget  *widget,
                                     const char *what,
                                     gint64      start_us)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  Report *report;

  if (clock == NULL)
    return;
  report = g_new0 (Report, 1);
  report->what = g_strdup (what);
  report->start_us = start_us;
  report->handler_id = g_signal_connect_data (clock, "after-paint",
                                              G_CALLBACK (report_after_paint_cb), report,
                                              report_free, 0);
  gtk_widget_queue_draw (widget);
}

/* ---- Scrolling from top to bottom ---------------------------------------- */

/* At most this many frames, so a 1 MB document scrolls in seconds, not minutes;
 * at least this many pixels per step (a mouse wheel's notch is about 50). */
#define MAX_SCROLL_FRAMES 600
#define MIN_SCROLL_STEP   60.0

typedef struct
{
  GtkWidget     *widget;
  GtkAdjustment *adjustment;
  GApplication  *app;
  GdkFrameClock *clock;
  gulong         after_paint_id;
  guint          tick_id;
  double         step;
  gint64         frame_start_us;   /* 0 = no frame being measured */
  GArray        *durations;        /* of double, ms */
  gboolean       reached_bottom;
  double         last_upper;
  guint          frames_at_bottom;  /* in a row, with the same upper bound */
} ScrollRun;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i;

  if (sorted->len == 0)
    return 0.0;
  i = (guint) (p * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, double, MIN (i, sorted->len - 1));
}

static void
scroll_finish (ScrollRun *run)
{
  GArray *d = run->durations;

  g_signal_handler_disconnect (run->clock, run->after_paint_id);
  g_array_sort (d, compare_doubles);
  g_print ("scroll-frames: %u p50-ms: %.2f p95-ms: %.2f max-ms: %.2f\n",
           d->len, percentile (d, 0.50), percentile (d, 0.95),
           d->len ? g_array_index (d, double, d->len - 1) : 0.0);
  fflush (stdout);
  if (run->app != NULL)
    g_application_quit (run->app);

  g_array_unref (run->durations);
  g_object_unref (run->clock);
  g_object_unref (run->adjustment);
  g_object_unref (run->widget);
  g_free (run);
}

static void
scroll_after_paint_cb (GdkFrameClock *clock,
                       ScrollRun     *run)
{
  double ms;

  if (run->frame_start_us == 0)
    return;
  ms = (g_get_monotonic_time () - run->frame_start_us) / 1000.0;
  g_array_append_val (run->durations, ms);
  run->frame_start_us = 0;

  if (run->reached_bottom)
    scroll_finish (run);
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  ScrollRun *run = user_data;
  double value = gtk_adjustment_get_value (run->adjustment);
  double bottom = gtk_adjustment_get_upper (run->adjustment) - gtk_adjustment_get_page_size (run->adjustment);
  double upper = gtk_adjustment_get_upper (run->adjustment);

  /* This frame's layout, snapshot and render are what gets timed. */
  run->frame_start_us = g_get_monotonic_time ();
  gtk_adjustment_set_value (run->adjustment, MIN (value + run->step, bottom));
  gtk_widget_queue_draw (widget);

  /* GtkTextView's upper bound is an estimate that grows as lines get laid out
   * (more slowly when frames leave no idle time): the bottom is reached when it
   * stays put for a few frames. */
  if (value + run->step >= bottom && upper == run->last_upper)
    run->frames_at_bottom++;
  else
    run->frames_at_bottom = 0;
  run->last_upper = upper;

  if (run->frames_at_bottom >= 5 || run->durations->len + 1 >= MAX_SCROLL_FRAMES)
    {
      run->reached_bottom = TRUE;
      run->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
alama_bench_scroll_run (GtkWidget     *widget,
                        GtkAdjustment *vadjustment,
                        GApplication  *app)
{
  ScrollRun *run = g_new0 (ScrollRun, 1);
  double range = gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment);

  run->widget = g_object_ref (widget);
  run->adjustment = g_object_ref (vadjustment);
  run->app = app;
  run->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  run->durations = g_array_new (FALSE, FALSE, sizeof (double));
  /* The upper bound grows while GtkTextView lays out lines it has only estimated;
   * the step is fixed from the first estimate and the run ends at the real bottom. */
  run->step = MAX (MIN_SCROLL_STEP, range / MAX_SCROLL_FRAMES);
  run->after_paint_id = g_signal_connect (run->clock, "after-paint",
                                          G_CALLBACK (scroll_after_paint_cb), run);
  gtk_adjustment_set_value (vadjustment, 0.0);
  run->tick_id = gtk_widget_add_tick_callback (widget, scroll_tick_cb, run, NULL);
}
