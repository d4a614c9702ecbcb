/* alama-bench-hooks.h: timing for the GUI benchmarks, used by the watcher that
 * alama-instrumentation.c installs. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The start of the process, for alama_bench_mark(). */
void alama_bench_set_start_time (gint64 monotonic_us);

/* Prints "startup @what: MS" to stderr, MS counted from the start time. */
void alama_bench_mark           (const char *what);

/* Prints "@what: MS" to stderr at the end of the next frame @widget's frame clock
 * paints, MS counted from @start_us (g_get_monotonic_time()). */
void alama_bench_report_after_next_frame (GtkWidget  *widget,
                                          const char *what,
                                          gint64      start_us);

/* Scrolls @vadjustment from top to bottom in steps of one frame of @widget,
 * prints "scroll-frames: N p50-ms: X p95-ms: Y max-ms: Z" on stdout (the time
 * each frame spent in layout, snapshot and render) and quits @app. */
void alama_bench_scroll_run     (GtkWidget     *widget,
                                 GtkAdjustment *vadjustment,
                                 GApplication  *app);

G_END_DECLS
