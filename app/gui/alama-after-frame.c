/* alama-after-frame.c: see the header. The frame clock's "after-paint" only
 * starts the idle: work done inside after-paint would still delay the end of
 * that frame for the other after-paint handlers (the benchmark's among them). */
#define G_LOG_DOMAIN "alama-after-frame"

#include "config.h"

#include "alama-after-frame.h"

struct _AlamaAfterFrame
{
  GtkWidget           *widget;
  AlamaAfterFrameFunc  func;
  gpointer             user_data;

  GdkFrameClock       *clock;           /* while waiting for its after-paint */
  gulong               after_paint_id;
  guint                idle_id;
  gboolean             pending;
};

AlamaAfterFrame *
alama_after_frame_new (GtkWidget           *widget,
                       AlamaAfterFrameFunc  func,
                       gpointer             user_data)
{
  AlamaAfterFrame *self = g_new0 (AlamaAfterFrame, 1);

  self->widget = widget;
  self->func = func;
  self->user_data = user_data;
  return self;
}

static void
stop_waiting (AlamaAfterFrame *self)
{
  if (self->clock != NULL)
    {
      /* A clock whose surface was destroyed (the window closed before the
       * frame came) has dropped its handlers already. */
      if (g_signal_handler_is_connected (self->clock, self->after_paint_id))
        g_signal_handler_disconnect (self->clock, self->after_paint_id);
      self->after_paint_id = 0;
      g_clear_object (&self->clock);
    }
  g_clear_handle_id (&self->idle_id, g_source_remove);
}

static void
run (AlamaAfterFrame *self)
{
  stop_waiting (self);
  self->pending = FALSE;
  self->func (self->user_data);
}

static gboolean
idle_cb (gpointer data)
{
  AlamaAfterFrame *self = data;

  self->idle_id = 0;
  run (self);
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock   *clock,
                AlamaAfterFrame *self)
{
  g_clear_signal_handler (&self->after_paint_id, self->clock);
  g_clear_object (&self->clock);
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, idle_cb, self, NULL);
}

void
alama_after_frame_schedule (AlamaAfterFrame *self)
{
  GdkFrameClock *clock;

  if (self == NULL || self->pending)
    return;
  self->pending = TRUE;

  clock = gtk_widget_get_frame_clock (self->widget);
  if (clock == NULL || !gtk_widget_get_mapped (self->widget))
    {
      self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, idle_cb, self, NULL);
      return;
    }
  self->clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
  /* A change nothing on screen shows would otherwise wait for some later frame. */
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

gboolean
alama_after_frame_pending (AlamaAfterFrame *self)
{
  return self != NULL && self->pending;
}

void
alama_after_frame_flush (AlamaAfterFrame *self)
{
  if (self != NULL && self->pending)
    run (self);
}

void
alama_after_frame_cancel (AlamaAfterFrame *self)
{
  if (self == NULL)
    return;
  stop_waiting (self);
  self->pending = FALSE;
}

void
alama_after_frame_free (AlamaAfterFrame *self)
{
  if (self == NULL)
    return;
  stop_waiting (self);
  g_free (self);
}
