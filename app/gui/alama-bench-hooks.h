/* alama-bench-hooks.h: measurements the GUI benchmarks (bench/bench-gui-input.py)
 * switch on through the environment. Nothing here runs unless they are set.
 *
 *   ALAMA_BENCH_LOG=1     the doc view prints "annotate-ms: X" to stderr for every
 *                         span made by input: from the key press or button release
 *                         to the end of the first frame painted after the commit,
 *                         then "  steps: NAME=MS ..." — when the store call, each
 *                         "changed" handler and the frame's phases ended, MS
 *                         from the same input (alama_bench_step()).
 *   ALAMA_BENCH_SCROLL=1  with --open NAME: after the first frame the window scrolls
 *                         the document from top to bottom, one step per frame, and
 *                         prints "scroll-frames: N p50-ms: X p95-ms: Y max-ms: Z"
 *                         (the time each frame spent in layout, snapshot and
 *                         render), then quits.
 *   ALAMA_BENCH_LOG=1     also prints "startup WHAT: MS" at the steps of start-up
 *                         (alama_bench_mark()), MS counted from main().
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean alama_bench_log_enabled    (void);
gboolean alama_bench_scroll_enabled (void);

/* The start of the process (main()), for alama_bench_mark(). */
void     alama_bench_set_start_time (gint64 monotonic_us);

/* With ALAMA_BENCH_LOG set, prints "startup @what: MS" to stderr, MS counted
 * from the start given to alama_bench_set_start_time(). */
void     alama_bench_mark           (const char *what);

/* With ALAMA_BENCH_LOG set: starts noting steps (alama_bench_step()) for the
 * next alama_bench_report_after_next_frame(), which prints them on a line of
 * their own ("  steps: NAME=MS ...", MS from its start time) and stops. */
void     alama_bench_steps_begin    (void);
void     alama_bench_step           (const char *what);

/* Prints "@what: MS" to stderr at the end of the next frame @widget's frame clock
 * paints, MS counted from @start_us (g_get_monotonic_time()). */
void     alama_bench_report_after_next_frame (GtkWidget  *widget,
                                              const char *what,
                                              gint64      start_us);

/* Scrolls @vadjustment from top to bottom in steps of one frame of @widget,
 * prints the frame times on stdout and quits @app. */
void     alama_bench_scroll_run     (GtkWidget     *widget,
                                     GtkAdjustment *vadjustment,
                                     GApplication  *app);

G_END_DECLS
