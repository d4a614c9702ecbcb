/* test-after-frame.c: AlamaAfterFrame runs its work once, after the frame that
 * was being drawn when it was scheduled, and at once when flushed. */
#include <gtk/gtk.h>

#include "alama-after-frame.h"
#include "window-test-util.h"

typedef struct
{
  guint  runs;
  guint  frames_painted;   /* after-paint emissions of the window's clock */
  guint  frames_at_run;    /* frames_painted when the work ran */
} Counts;

static void
work (gpointer user_data)
{
  Counts *counts = user_data;

  counts->runs++;
  counts->frames_at_run = counts->frames_painted;
}

static void
count_frame_cb (GdkFrameClock *clock,
                Counts        *counts)
{
  counts->frames_painted++;
}

static GtkWidget *
show_window (Counts *counts)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("علامة"));
  gtk_window_present (GTK_WINDOW (window));
  settle (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (count_frame_cb), counts);
  return window;
}

static void
test_runs_once_after_the_frame (void)
{
  Counts counts = { 0, };
  GtkWidget *window = show_window (&counts);
  g_autoptr(AlamaAfterFrame) later = alama_after_frame_new (window, work, &counts);

  alama_after_frame_schedule (later);
  alama_after_frame_schedule (later);
  g_assert_true (alama_after_frame_pending (later));
  g_assert_cmpuint (counts.runs, ==, 0);

  /* Nothing else asks for a frame: scheduling must bring one. */
  WAIT_FOR (counts.runs != 0);
  g_assert_cmpuint (counts.runs, ==, 1);
  g_assert_cmpuint (counts.frames_at_run, >=, 1);
  g_assert_false (alama_after_frame_pending (later));

  /* Once: two more frames, and what each left for the main loop, run nothing. */
  wait_for_frames (window, 2);
  g_assert_cmpuint (counts.runs, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_flush_and_cancel (void)
{
  Counts counts = { 0, };
  GtkWidget *window = show_window (&counts);
  g_autoptr(AlamaAfterFrame) later = alama_after_frame_new (window, work, &counts);

  alama_after_frame_schedule (later);
  alama_after_frame_flush (later);
  g_assert_cmpuint (counts.runs, ==, 1);
  g_assert_cmpuint (counts.frames_at_run, ==, 0);
  /* The flush was the run: the frame it waited for brings no other. */
  wait_for_frames (window, 2);
  g_assert_cmpuint (counts.runs, ==, 1);

  alama_after_frame_schedule (later);
  alama_after_frame_cancel (later);
  wait_for_frames (window, 2);
  g_assert_cmpuint (counts.runs, ==, 1);

  /* A flush with nothing scheduled does nothing. */
  alama_after_frame_flush (later);
  g_assert_cmpuint (counts.runs, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_unrealized_widget_runs_in_an_idle (void)
{
  Counts counts = { 0, };
  g_autoptr(GtkWidget) label = g_object_ref_sink (gtk_label_new ("بوتين"));
  g_autoptr(AlamaAfterFrame) later = alama_after_frame_new (label, work, &counts);

  alama_after_frame_schedule (later);
  g_assert_cmpuint (counts.runs, ==, 0);
  WAIT_FOR (counts.runs != 0);
  drain_main_loop ();
  g_assert_cmpuint (counts.runs, ==, 1);
}

static void
test_free_while_pending (void)
{
  Counts counts = { 0, };
  GtkWidget *window = show_window (&counts);
  AlamaAfterFrame *later = alama_after_frame_new (window, work, &counts);

  alama_after_frame_schedule (later);
  alama_after_frame_free (later);
  wait_for_frames (window, 2);
  g_assert_cmpuint (counts.runs, ==, 0);
  /* The functions take NULL, as from an owner that was disposed. */
  alama_after_frame_schedule (NULL);
  alama_after_frame_flush (NULL);
  alama_after_frame_cancel (NULL);
  g_assert_false (alama_after_frame_pending (NULL));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window destroyed while work waits for its frame (a change, then the
 * window closed before the next frame): the frame clock goes with the surface
 * and drops its handlers, and freeing the work, as its owner's dispose does,
 * must not disconnect one it no longer has (a warning, fatal in the tests). */
static void
test_window_destroyed_while_pending (void)
{
  Counts counts = { 0, };
  GtkWidget *window = show_window (&counts);
  AlamaAfterFrame *later = alama_after_frame_new (window, work, &counts);

  g_object_ref (window);
  alama_after_frame_schedule (later);
  gtk_window_destroy (GTK_WINDOW (window));
  alama_after_frame_free (later);
  g_assert_cmpuint (counts.runs, ==, 0);
  g_object_unref (window);
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/after-frame/runs-once-after-the-frame", test_runs_once_after_the_frame);
  g_test_add_func ("/after-frame/flush-and-cancel", test_flush_and_cancel);
  g_test_add_func ("/after-frame/unrealized-widget", test_unrealized_widget_runs_in_an_idle);
  g_test_add_func ("/after-frame/free-while-pending", test_free_while_pending);
  g_test_add_func ("/after-frame/window-destroyed-while-pending",
                   test_window_destroyed_while_pending);
  return g_test_run ();
}
