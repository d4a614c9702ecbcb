/* alama-doc-view-edges.c: the handles at the two edges of the selected span,
 * and moving those edges with the mouse and the keys.
 *
 * A handle is a bar along the edge's character and a knob under it, at the
 * logical start (the right end of a right-to-left run) and the logical end.
 * Dragging a knob moves that edge to the word boundary under the pointer,
 * snapped as a selection is (alama_text_snap_to_words(), clitic-aware), or to
 * the character boundary with Alt; the span keeps its id, relations and the
 * rest (alama_store_resize_span(), one undo step). The drag is a gesture of
 * its own in the capture phase that claims the press only when it lands on a
 * knob, so every other press goes on to the view's selection gesture
 * (alama-doc-view-input.c). */
#define G_LOG_DOMAIN "alama-doc-view"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "alama-doc-view-private.h"
#include "alama-error-text.h"

#define KNOB_RADIUS   5.0   /* at zoom 1 */
#define BAR_WIDTH     2.0
#define GRAB_SLACK    4.0   /* pixels around the knob that still grab it */
/* How far around an edge the keys look for the next word: further than any
 * word is long. */
#define WORD_WINDOW   400

static AlamaSpan *
selected_span (AlamaDocView *self)
{
  int i;

  if (self->spans == NULL || self->selected_span == 0)
    return NULL;
  i = alama_span_index_find_id (self->spans, self->selected_span);
  return i < 0 ? NULL : alama_span_index_get_span (self->spans, i);
}

/* The span's outer edges as they are shown: while a handle is dragged, where
 * the drag would put them. */
static void
shown_edges (AlamaDocView *self,
             AlamaSpan    *span,
             gint64       *start,
             gint64       *end)
{
  if (self->edge_drag != ALAMA_SPAN_EDGE_NONE)
    {
      *start = self->edge_preview_start;
      *end = self->edge_preview_end;
      return;
    }
  *start = alama_span_get_start (span);
  *end = alama_span_get_end (span);
}

/* Where the handle of @edge of the selected span is, in buffer coordinates:
 * @bar along the edge's character, @knob the knob's box under it. */
static gboolean
handle_geometry (AlamaDocView    *self,
                 AlamaSpanEdge    edge,
                 graphene_rect_t *bar,
                 graphene_rect_t *knob)
{
  AlamaSpan *span = selected_span (self);
  g_autoptr(GArray) runs = NULL;
  const AlamaRun *run;
  gint64 start, end;
  double x, r = KNOB_RADIUS * self->zoom;
  gboolean at_right;

  if (span == NULL || self->map == NULL)
    return FALSE;
  shown_edges (self, span, &start, &end);
  if (start >= end)
    return FALSE;

  runs = edge == ALAMA_SPAN_EDGE_START ? _alama_doc_view_collect_runs (self, start, start + 1)
                                       : _alama_doc_view_collect_runs (self, end - 1, end);
  if (runs->len == 0)
    return FALSE;
  run = &g_array_index (runs, AlamaRun, edge == ALAMA_SPAN_EDGE_START ? 0 : runs->len - 1);

  /* The start is on the right of a right-to-left character, the end on its left. */
  at_right = (edge == ALAMA_SPAN_EDGE_START) == run->rtl;
  x = at_right ? run->rect.origin.x + run->rect.size.width : run->rect.origin.x;

  *bar = GRAPHENE_RECT_INIT (x - BAR_WIDTH / 2, run->rect.origin.y, BAR_WIDTH, run->rect.size.height);
  *knob = GRAPHENE_RECT_INIT (x - r, run->rect.origin.y + run->rect.size.height - r * 0.4, 2 * r, 2 * r);
  return TRUE;
}

gboolean
_alama_doc_view_edge_handle_rect (AlamaDocView    *self,
                                  AlamaSpanEdge    edge,
                                  graphene_rect_t *knob)
{
  graphene_rect_t bar;

  return handle_geometry (self, edge, &bar, knob);
}

AlamaSpanEdge
_alama_doc_view_edge_at (AlamaDocView *self,
                         double        bx,
                         double        by)
{
  /* The end first: on a one-letter span the knobs touch, and the end is the
   * edge one usually pulls outwards. */
  const AlamaSpanEdge edges[] = { ALAMA_SPAN_EDGE_END, ALAMA_SPAN_EDGE_START };

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    {
      graphene_rect_t bar, knob, grab;

      if (!handle_geometry (self, edges[i], &bar, &knob))
        continue;
      graphene_rect_inset_r (&knob, -GRAB_SLACK, -GRAB_SLACK, &grab);
      if (graphene_rect_contains_point (&grab, &GRAPHENE_POINT_INIT (bx, by)))
        return edges[i];
    }
  return ALAMA_SPAN_EDGE_NONE;
}

void
_alama_doc_view_paint_edges (AlamaDocView *self,
                             GtkSnapshot  *snapshot)
{
  AlamaSpan *span = selected_span (self);
  const AlamaSpanEdge edges[] = { ALAMA_SPAN_EDGE_START, ALAMA_SPAN_EDGE_END };
  const GdkRGBA ring = { 1, 1, 1, 0.95 };
  GdkRGBA color;

  if (span == NULL)
    return;
  _alama_doc_view_label_rgba (self, span->label, &color);
  color.alpha = 1.0;

  /* While a handle is dragged, the range the span would take. */
  if (self->edge_drag != ALAMA_SPAN_EDGE_NONE)
    {
      g_autoptr(GArray) runs = _alama_doc_view_collect_runs (self, self->edge_preview_start,
                                                             self->edge_preview_end);
      GdkRGBA fill = color;

      fill.alpha = 0.25;
      for (guint i = 0; i < runs->len; i++)
        gtk_snapshot_append_color (snapshot, &fill, &g_array_index (runs, AlamaRun, i).rect);
    }

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    {
      graphene_rect_t bar, knob, outer;
      GskRoundedRect round;

      if (!handle_geometry (self, edges[i], &bar, &knob))
        continue;
      gtk_snapshot_append_color (snapshot, &color, &bar);

      /* A white ring keeps the knob visible on a fill of its own colour. */
      graphene_rect_inset_r (&knob, -1.5f, -1.5f, &outer);
      gsk_rounded_rect_init_from_rect (&round, &outer, outer.size.width / 2);
      gtk_snapshot_push_rounded_clip (snapshot, &round);
      gtk_snapshot_append_color (snapshot, &ring, &outer);
      gtk_snapshot_pop (snapshot);
      gsk_rounded_rect_init_from_rect (&round, &knob, knob.size.width / 2);
      gtk_snapshot_push_rounded_clip (snapshot, &round);
      gtk_snapshot_append_color (snapshot, &color, &knob);
      gtk_snapshot_pop (snapshot);
    }
}

/* ---- Writing the new edges ------------------------------------------------- */

gboolean
_alama_doc_view_resize_selected (AlamaDocView *self,
                                 gint64        start,
                                 gint64        end)
{
  g_autoptr(GError) error = NULL;
  AlamaSpan *span = selected_span (self);

  if (span == NULL || self->store == NULL)
    return FALSE;
  if (alama_store_is_read_only (self->store))
    {
      _alama_doc_view_emit_error (self, _("This project is read-only: annotations cannot be changed."));
      return FALSE;
    }
  if (start == alama_span_get_start (span) && end == alama_span_get_end (span))
    return FALSE;
  if (!alama_store_resize_span (self->store, span->id, start, end, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not move the edges of annotation %" PRId64 ": %s"),
                                              span->id, alama_error_text (error));
      _alama_doc_view_emit_error (self, msg);
      return FALSE;
    }
  return TRUE;
}

/* ---- Dragging a handle ------------------------------------------------------ */

/* The stored offset of the character boundary nearest to a widget point. */
static gint64
boundary_at (AlamaDocView *self,
             double        x,
             double        y)
{
  return alama_display_map_to_stored (self->map, _alama_doc_view_boundary_at (self, x, y));
}

/* Where the dragged edge goes for a pointer at @offset: the word boundary a
 * selection from there to the other edge snaps to, or (@exact) the nearest
 * boundary a span may use. The other edge stays. Keeps the last preview when
 * the span would cover nothing. */
static void
update_preview (AlamaDocView *self,
                gint64        offset,
                gboolean      exact)
{
  AlamaSpan *span = selected_span (self);
  gboolean moving_start = self->edge_drag == ALAMA_SPAN_EDGE_START;
  gint64 start, end;

  if (span == NULL)
    return;
  start = moving_start ? offset : alama_span_get_start (span);
  end = moving_start ? alama_span_get_end (span) : offset;
  if (start >= end)
    return;

  if (!exact && self->snap_to_words)
    {
      gint64 s = start, e = end;

      alama_text_snap_to_words (self->text_index, &s, &e);
      if (moving_start)
        start = s;
      else
        end = e;
    }
  else
    {
      gint64 s = start, e = end;

      alama_text_fix_span_edges (self->text_index, &s, &e);
      if (moving_start)
        start = s;
      else
        end = e;
    }

  /* A discontinuous span's first and last fragments keep some text. */
  if (alama_span_get_n_fragments (span) > 1)
    {
      if (moving_start && start >= alama_span_get_fragment (span, 0)->end)
        return;
      if (!moving_start &&
          end <= alama_span_get_fragment (span, alama_span_get_n_fragments (span) - 1)->start)
        return;
    }
  if (start >= end)
    return;

  if (start != self->edge_preview_start || end != self->edge_preview_end)
    {
      self->edge_preview_start = start;
      self->edge_preview_end = end;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
edge_drag_begin_cb (GtkGestureDrag *gesture,
                    double          x,
                    double          y,
                    AlamaDocView   *self)
{
  AlamaSpan *span;
  AlamaSpanEdge edge;
  graphene_rect_t bar, knob;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  /* A knob under the label chooser is hidden by it: a press there is the chooser's. */
  edge = self->relation_pick ||
         _alama_doc_view_label_chooser_row_at (self, x, y) != ALAMA_LABEL_CHOOSER_OUTSIDE
         ? ALAMA_SPAN_EDGE_NONE : _alama_doc_view_edge_at (self, bx, by);
  span = selected_span (self);
  if (edge == ALAMA_SPAN_EDGE_NONE || span == NULL || !handle_geometry (self, edge, &bar, &knob))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->edge_grab_dy = bar.origin.y + bar.size.height / 2 - by;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  _alama_doc_view_hide_popovers (self);
  self->edge_drag = edge;
  self->edge_preview_start = alama_span_get_start (span);
  self->edge_preview_end = alama_span_get_end (span);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
drag_is_exact (GtkGestureDrag *gesture)
{
  GdkModifierType mods =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  return (mods & GDK_ALT_MASK) != 0;
}

/* The knob hangs under the text: the pointer aims at the line it was
 * grabbed from, as far above the pointer as that line was at the press. */
static double
pointer_line_y (AlamaDocView *self,
                double        y)
{
  return y + self->edge_grab_dy;
}

static void
edge_drag_update_cb (GtkGestureDrag *gesture,
                     double          dx,
                     double          dy,
                     AlamaDocView   *self)
{
  double sx, sy;

  if (self->edge_drag == ALAMA_SPAN_EDGE_NONE || !gtk_gesture_drag_get_start_point (gesture, &sx, &sy))
    return;
  update_preview (self, boundary_at (self, sx + dx, pointer_line_y (self, sy + dy)),
                  drag_is_exact (gesture));
}

static void
edge_drag_end_cb (GtkGestureDrag *gesture,
                  double          dx,
                  double          dy,
                  AlamaDocView   *self)
{
  double sx, sy;
  gint64 start, end;

  if (self->edge_drag == ALAMA_SPAN_EDGE_NONE)
    return;
  if (gtk_gesture_drag_get_start_point (gesture, &sx, &sy) && (dx != 0 || dy != 0))
    update_preview (self, boundary_at (self, sx + dx, pointer_line_y (self, sy + dy)),
                    drag_is_exact (gesture));
  start = self->edge_preview_start;
  end = self->edge_preview_end;
  self->edge_drag = ALAMA_SPAN_EDGE_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _alama_doc_view_resize_selected (self, start, end);
}

static void
edge_drag_cancel_cb (GtkGesture       *gesture,
                     GdkEventSequence *sequence,
                     AlamaDocView     *self)
{
  if (self->edge_drag == ALAMA_SPAN_EDGE_NONE)
    return;
  self->edge_drag = ALAMA_SPAN_EDGE_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The resize cursor over a knob; the view's own cursor elsewhere (the
 * crosshair while a relation's target is picked is left alone). */
static void
edge_motion_cb (GtkEventControllerMotion *motion,
                double                    x,
                double                    y,
                AlamaDocView             *self)
{
  gboolean over;
  int bx, by;

  if (self->relation_pick)
    return;
  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  over = self->edge_drag != ALAMA_SPAN_EDGE_NONE ||
         _alama_doc_view_edge_at (self, bx, by) != ALAMA_SPAN_EDGE_NONE;
  if (over == self->edge_cursor)
    return;
  self->edge_cursor = over;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), over ? "col-resize" : NULL);
}

void
_alama_doc_view_setup_edges (AlamaDocView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->edge_drag = ALAMA_SPAN_EDGE_NONE;

  /* Capture phase, and set up before the view's selection gesture: it sees a
   * press first and keeps it only on a knob. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (edge_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (edge_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (edge_drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (edge_drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (motion, "motion", G_CALLBACK (edge_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

/* ---- Moving an edge with the keys ------------------------------------------- */

/* The word boundaries near @offset: word starts (after the clitics a word
 * certainly carries, as snapping leaves them out) for a start edge, word ends
 * for an end edge. The next one after @offset (@direction 1) or before it
 * (-1), or -1 when there is none in reach. */
static gint64
next_word_boundary (AlamaDocView *self,
                    AlamaSpanEdge edge,
                    gint64        offset,
                    int           direction)
{
  gint64 length = alama_text_index_get_length (self->text_index);
  gint64 from = MAX (0, offset - WORD_WINDOW), to = MIN (length, offset + WORD_WINDOW);
  g_autofree char *window = alama_text_index_substring (self->text_index, from, to);
  g_autoptr(GArray) words = alama_text_words (window, FALSE);
  gint64 best = -1;

  for (guint i = 0; i < words->len; i++)
    {
      const AlamaFragment *w = &g_array_index (words, AlamaFragment, i);
      gint64 at;

      if (edge == ALAMA_SPAN_EDGE_START)
        {
          gint64 s = from + w->start, e = from + w->end;

          alama_text_snap_to_words (self->text_index, &s, &e);
          at = s;
        }
      else
        at = from + w->end;

      if (direction > 0 && at > offset && (best < 0 || at < best))
        best = at;
      if (direction < 0 && at < offset && at > best)
        best = at;
    }
  return best;
}

/* The next character boundary a span may use, or -1 past the text. */
static gint64
next_char_boundary (AlamaDocView *self,
                    gint64        offset,
                    int           direction)
{
  gint64 length = alama_text_index_get_length (self->text_index);

  do
    offset += direction;
  while (offset > 0 && offset < length && !alama_text_is_span_edge (self->text_index, offset));
  return offset < 0 || offset > length ? -1 : offset;
}

gboolean
_alama_doc_view_move_edge (AlamaDocView  *self,
                           AlamaSpanEdge  edge,
                           int            direction,
                           gboolean       by_character)
{
  AlamaSpan *span = selected_span (self);
  gint64 start, end, *moved, to;

  g_return_val_if_fail (edge == ALAMA_SPAN_EDGE_START || edge == ALAMA_SPAN_EDGE_END, FALSE);

  if (span == NULL || self->text_index == NULL)
    return FALSE;
  start = alama_span_get_start (span);
  end = alama_span_get_end (span);
  moved = edge == ALAMA_SPAN_EDGE_START ? &start : &end;
  to = by_character ? next_char_boundary (self, *moved, direction)
                    : next_word_boundary (self, edge, *moved, direction);
  if (to < 0)
    return FALSE;
  *moved = to;
  /* The store refuses a span that would cover nothing, and says why. */
  return _alama_doc_view_resize_selected (self, start, end);
}
