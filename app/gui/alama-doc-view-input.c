/* alama-doc-view-input.c: the mouse and keyboard of the doc view.
 *
 * Button 1 is handled entirely here (a drag gesture in the capture phase that
 * claims the sequence), because the modifiers mean other things than in a text
 * editor: Alt+drag selects without snapping to words, Ctrl+drag adds a fragment
 * to the selected span, Shift+drag from a span draws a relation. The text view
 * still paints the selection and handles the keyboard caret (Shift+arrows).
 *
 * Why this file is long: every gesture of the text (click, double click, the
 * drags with their modifiers, the choice between several spans at one point,
 * the keys) reads and sets one state of the pointer and the selection; kept
 * together, the order in which they may happen is visible in one place. */
#define G_LOG_DOMAIN "alama-doc-view"

#include "config.h"

#include <glib/gi18n.h>

#include "alama-doc-view-private.h"
#include "alama-probe.h"

gint64
_alama_doc_view_boundary_at (AlamaDocView *self,
                             double        x,
                             double        y)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextIter iter;
  int bx, by, trailing = 0;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_position (view, &iter, &trailing, bx, by);
  gtk_text_iter_forward_chars (&iter, trailing);
  return gtk_text_iter_get_offset (&iter);
}

static gint64
span_id_at (AlamaDocView *self,
            double        x,
            double        y)
{
  gint64 offset = _alama_doc_view_offset_at (self, x, y);
  int i;

  if (offset < 0 || self->spans == NULL)
    return 0;
  i = alama_span_index_span_at (self->spans, offset);
  return i < 0 ? 0 : alama_span_index_get_span (self->spans, i)->id;
}

/* ---- Several spans at one point -------------------------------------------- */

static int
compare_innermost_first (gconstpointer a,
                         gconstpointer b)
{
  const AlamaSpan *x = *(AlamaSpan * const *) a;
  const AlamaSpan *y = *(AlamaSpan * const *) b;
  gint64 lx = alama_span_get_end (x) - alama_span_get_start (x);
  gint64 ly = alama_span_get_end (y) - alama_span_get_start (y);

  if (lx != ly)
    return lx < ly ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* The spans covering stored offset @offset, innermost first (then by id, the
 * order the panel counts spans over the same text in). Array of AlamaSpan*
 * (borrowed). */
static GPtrArray *
spans_covering (AlamaDocView *self,
                gint64        offset)
{
  GPtrArray *spans = g_ptr_array_new ();
  g_autoptr(GArray) fragments = NULL;

  if (offset < 0 || self->spans == NULL)
    return spans;
  fragments = alama_span_index_query (self->spans, offset, offset + 1);
  for (guint i = 0; i < fragments->len; i++)
    {
      const AlamaIndexedFragment *f = &g_array_index (fragments, AlamaIndexedFragment, i);
      AlamaSpan *span = alama_span_index_get_span (self->spans, f->span_index);

      if (f->start <= offset && offset < f->end && !g_ptr_array_find (spans, span, NULL))
        g_ptr_array_add (spans, span);
    }
  g_ptr_array_sort (spans, compare_innermost_first);
  return spans;
}

/* A plain click on text: the innermost span there; a click on the selected
 * span, when others cover the same point too, the next of them (so that a
 * QUOTE and a CLAIM over the same words are both reachable), saying which. */
static void
click_select_span (AlamaDocView *self,
                   double        x,
                   double        y)
{
  g_autoptr(GPtrArray) spans = spans_covering (self, _alama_doc_view_offset_at (self, x, y));
  guint current;
  AlamaSpan *next;
  g_autofree char *notice = NULL;

  if (spans->len == 0)
    {
      alama_doc_view_select_span (self, 0, FALSE);
      return;
    }
  for (current = 0; current < spans->len; current++)
    if (((AlamaSpan *) spans->pdata[current])->id == self->selected_span)
      break;
  if (current == spans->len)
    {
      alama_doc_view_select_span (self, ((AlamaSpan *) spans->pdata[0])->id, FALSE);
      return;
    }
  if (spans->len < 2)
    return;
  next = spans->pdata[(current + 1) % spans->len];
  alama_doc_view_select_span (self, next->id, FALSE);
  /* TRANSLATORS: after a click on text several annotations cover; the first
   * %u is the one now selected, the second how many, %s its label */
  notice = g_strdup_printf (_("Annotation %u of %u here: %s"),
                            (current + 1) % spans->len + 1, spans->len, next->label);
  _alama_doc_view_emit_notice (self, notice);
}

static void
set_buffer_selection (AlamaDocView *self,
                      gint64        anchor,
                      gint64        point)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, anchor);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, point);
  gtk_text_buffer_select_range (buffer, &b, &a);
}

/* Counts presses for double-click, with the desktop's time and distance. A
 * press is counted once, whether the window's watch (below) or the view's
 * gesture sees it first. */
static int
count_press (AlamaDocView *self,
             GdkEvent     *event,
             double        x,
             double        y)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  guint32 time = event ? gdk_event_get_time (event) : 0;
  int dbl_time = 400, dbl_distance = 5;

  if (event != NULL && event == self->counted_press)
    return self->press_count;
  g_clear_pointer (&self->counted_press, gdk_event_unref);
  if (event != NULL)
    self->counted_press = gdk_event_ref (event);

  g_object_get (settings, "gtk-double-click-time", &dbl_time,
                "gtk-double-click-distance", &dbl_distance, NULL);
  if (self->press_count > 0 && time - self->last_press_time <= (guint32) dbl_time &&
      ABS (x - self->last_press_x) <= dbl_distance && ABS (y - self->last_press_y) <= dbl_distance)
    self->press_count++;
  else
    self->press_count = 1;
  self->last_press_time = time;
  self->last_press_x = x;
  self->last_press_y = y;
  return self->press_count;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               AlamaDocView   *self)
{
  GtkEventController *controller = GTK_EVENT_CONTROLLER (gesture);
  GdkModifierType mods = gtk_event_controller_get_current_event_state (controller);
  int presses = count_press (self, gtk_event_controller_get_current_event (controller), x, y);
  gint64 span_id;

  if (self->map == NULL)
    return;

  self->drag_modifiers = mods;
  self->drag_moved = FALSE;
  self->drag_anchor = -1;
  self->relation_drag = FALSE;

  /* A press on the label chooser is the chooser's: a row is clicked on its
   * release (drag_end_cb); its scrollbar has its own gesture. Claimed here
   * all the same, so that GtkTextView's gestures never move the cursor. */
  self->chooser_press_row = _alama_doc_view_label_chooser_row_at (self, x, y);
  if (self->chooser_press_row != ALAMA_LABEL_CHOOSER_OUTSIDE)
    {
      GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

      if (self->chooser_press_row == ALAMA_LABEL_CHOOSER_NO_ROW && picked != NULL &&
          (GTK_IS_SCROLLBAR (picked) || gtk_widget_get_ancestor (picked, GTK_TYPE_SCROLLBAR) != NULL))
        {
          self->chooser_press_row = ALAMA_LABEL_CHOOSER_OUTSIDE;
          gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
          return;
        }
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      /* Nor does it begin a double-click in the text after the chooser goes. */
      self->press_count = 0;
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  _alama_doc_view_hide_popovers (self);
  span_id = span_id_at (self, x, y);

  /* After R: this click picks the relation's target. */
  if (self->relation_pick)
    {
      self->relation_pick = FALSE;
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
      if (span_id != 0 && self->selected_span != 0)
        _alama_doc_view_begin_relation (self, self->selected_span, span_id);
      return;
    }

  if ((mods & GDK_SHIFT_MASK) && span_id != 0)
    {
      int bx, by;

      self->relation_drag = TRUE;
      self->relation_from = span_id;
      gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                             (int) x, (int) y, &bx, &by);
      self->pointer_x = bx;
      self->pointer_y = by;
      return;
    }

  if (presses == 2)
    {
      gint64 offset = _alama_doc_view_offset_at (self, x, y);

      /* A double-click takes the whole word, snapping or not. */
      if (offset >= 0 && self->text_index != NULL)
        {
          gint64 start = offset, end = offset + 1;

          alama_text_snap_to_words (self->text_index, &start, &end);
          if (start < end)
            {
              _alama_doc_view_select_range (self, start, end, TRUE);
              _alama_doc_view_show_label_chooser (self);
            }
        }
      return;
    }

  self->drag_anchor = _alama_doc_view_boundary_at (self, x, y);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                AlamaDocView   *self)
{
  double sx, sy;

  if (!gtk_gesture_drag_get_start_point (gesture, &sx, &sy) || self->chooser_press_row != ALAMA_LABEL_CHOOSER_OUTSIDE)
    return;

  if (self->relation_drag)
    {
      int bx, by;

      gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                             (int) (sx + dx), (int) (sy + dy), &bx, &by);
      self->pointer_x = bx;
      self->pointer_y = by;
      self->hover_span = span_id_at (self, sx + dx, sy + dy);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  if (self->drag_anchor < 0)
    return;
  if (!self->drag_moved && ABS (dx) < 3 && ABS (dy) < 3)
    return;
  self->drag_moved = TRUE;
  set_buffer_selection (self, self->drag_anchor, _alama_doc_view_boundary_at (self, sx + dx, sy + dy));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             AlamaDocView   *self)
{
  double sx, sy;
  gint64 start, end;
  gboolean exact = (self->drag_modifiers & GDK_ALT_MASK) != 0;

  alama_probe_point ("input", self);
  if (!gtk_gesture_drag_get_start_point (gesture, &sx, &sy))
    return;

  if (self->chooser_press_row != ALAMA_LABEL_CHOOSER_OUTSIDE)
    {
      int row = self->chooser_press_row;

      self->chooser_press_row = ALAMA_LABEL_CHOOSER_OUTSIDE;
      if (row >= 0 && _alama_doc_view_label_chooser_row_at (self, sx + dx, sy + dy) == row)
        _alama_doc_view_label_chooser_click (self, row);
      return;
    }

  if (self->relation_drag)
    {
      gint64 target = span_id_at (self, sx + dx, sy + dy);

      self->relation_drag = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      if (target != 0 && target != self->relation_from)
        _alama_doc_view_begin_relation (self, self->relation_from, target);
      return;
    }

  if (self->drag_anchor < 0)
    return;

  if (self->drag_moved)
    {
      set_buffer_selection (self, self->drag_anchor, _alama_doc_view_boundary_at (self, sx + dx, sy + dy));
      if (!_alama_doc_view_get_selection (self, &start, &end))
        return;
      _alama_doc_view_select_range (self, start, end, exact);

      if ((self->drag_modifiers & GDK_CONTROL_MASK) && self->selected_span != 0)
        _alama_doc_view_add_fragment (self);
      else if (_alama_doc_view_get_selection (self, &start, &end))
        _alama_doc_view_show_label_chooser (self);
      return;
    }

  /* A plain click: select the relation whose arc or label is under the pointer
   * (arcs are drawn above the text, so they win), else the innermost span under
   * the pointer, or nothing. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
    GtkTextIter iter;
    gint64 relation_id;
    int bx, by;

    gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                           (int) sx, (int) sy, &bx, &by);
    relation_id = _alama_doc_view_relation_at (self, bx, by);
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, self->drag_anchor);
    gtk_text_buffer_place_cursor (buffer, &iter);
    if (relation_id != 0)
      alama_doc_view_select_relation (self, relation_id, FALSE);
    else
      {
        alama_doc_view_select_relation (self, 0, FALSE);
        click_select_span (self, sx, sy);
      }
  }
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           AlamaDocView             *self)
{
  gint64 span_id, relation_id;
  int bx, by;

  /* Arcs are drawn in the room above the text, where GtkTextView still finds
   * the line below: an arc under the pointer wins over that line's span. */
  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  relation_id = _alama_doc_view_relation_at (self, bx, by);
  span_id = relation_id == 0 ? span_id_at (self, x, y) : 0;
  /* Nothing under the label chooser is pointed at. */
  if (_alama_doc_view_label_chooser_row_at (self, x, y) != ALAMA_LABEL_CHOOSER_OUTSIDE)
    span_id = relation_id = 0;
  if (span_id != self->hover_span || relation_id != self->hover_relation)
    {
      self->hover_span = span_id;
      self->hover_relation = relation_id;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *motion,
          AlamaDocView             *self)
{
  if (self->hover_span != 0 || self->hover_relation != 0)
    {
      self->hover_span = 0;
      self->hover_relation = 0;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* ---- Actions and keys --------------------------------------------------------
 *
 * What the keyboard does in the text is a set of actions on the class
 * ("view.accept", "view.delete-span" ...), so that menus, toasts and tests can
 * run them too. Which of them applies depends on what is selected: the keys
 * are bound through key_binding_cb(), which runs the action only when it
 * applies and otherwise lets the key go on (to a label key, to the window's
 * N / P, to GtkWindow's Tab), as a disabled action would. */

typedef struct
{
  const char *name;
  const char *parameter_type;
  gboolean  (*applies)  (AlamaDocView *self);
  void      (*activate) (AlamaDocView *self,
                         GVariant     *param);
} ViewAction;

static gboolean
has_text_selection (AlamaDocView *self)
{
  gint64 start, end;

  return _alama_doc_view_get_selection (self, &start, &end);
}

static gboolean
has_suggestion (AlamaDocView *self)
{
  return _alama_doc_view_has_selected_suggestion (self);
}

static gboolean
shows_document (AlamaDocView *self)
{
  return self->map != NULL;
}

static gboolean
has_span (AlamaDocView *self)
{
  return self->map != NULL && self->selected_span != 0;
}

static gboolean
has_span_or_relation (AlamaDocView *self)
{
  return self->map != NULL && (self->selected_span != 0 || self->selected_relation != 0);
}

static gboolean
can_decide (AlamaDocView *self)
{
  return self->map != NULL && has_suggestion (self) && !has_text_selection (self);
}

static gboolean
can_start_relation (AlamaDocView *self)
{
  return has_span (self) && !has_suggestion (self) && !has_text_selection (self);
}

static gboolean
can_activate_selection (AlamaDocView *self)
{
  return self->map != NULL && (has_text_selection (self) || has_suggestion (self));
}

static gboolean
can_label (AlamaDocView *self)
{
  return self->map != NULL && (has_text_selection (self) || self->selected_span != 0);
}

static void
clear_selection (AlamaDocView *self,
                 GVariant     *param)
{
  if (self->relation_pick)
    {
      self->relation_pick = FALSE;
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
      return;
    }
  _alama_doc_view_clear_selection (self);
  alama_doc_view_select_span (self, 0, FALSE);
  alama_doc_view_select_relation (self, 0, FALSE);
}

static void
select_next_span (AlamaDocView *self,
                  GVariant     *param)
{
  _alama_doc_view_select_next (self, 1);
}

static void
select_previous_span (AlamaDocView *self,
                      GVariant     *param)
{
  _alama_doc_view_select_next (self, -1);
}

/* A suggestion is rejected, not deleted: the row stays so that taggers do not
 * propose it again. An annotation or a selected relation is deleted by the
 * window, which asks first when relations hang on an annotation and offers
 * Undo: the one way to delete. */
static void
delete_span (AlamaDocView *self,
             GVariant     *param)
{
  if (self->store != NULL && alama_store_is_read_only (self->store))
    _alama_doc_view_emit_error (self, _("This project is read-only: annotations cannot be changed."));
  else if (has_suggestion (self))
    _alama_doc_view_review_decide (self, ALAMA_STATUS_REJECTED, NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-annotation", NULL);
}

static void
copy (AlamaDocView *self,
      GVariant     *param)
{
  _alama_doc_view_copy (self);
}

/* The window walks on into the next document; a bare view stays here. */
static void
next_suggestion (AlamaDocView *self,
                 GVariant     *param)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.review-next", NULL))
    _alama_doc_view_review_step (self, 1);
}

static void
previous_suggestion (AlamaDocView *self,
                     GVariant     *param)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.review-previous", NULL))
    _alama_doc_view_review_step (self, -1);
}

static void
accept (AlamaDocView *self,
        GVariant     *param)
{
  _alama_doc_view_review_decide (self, ALAMA_STATUS_ACCEPTED, NULL);
}

static void
reject (AlamaDocView *self,
        GVariant     *param)
{
  _alama_doc_view_review_decide (self, ALAMA_STATUS_REJECTED, NULL);
}

/* After R the next click picks the relation's target. */
static void
start_relation (AlamaDocView *self,
                GVariant     *param)
{
  self->relation_pick = TRUE;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
}

/* Enter: the label chooser for a text selection, or accept the suggestion. */
static void
activate_selection (AlamaDocView *self,
                    GVariant     *param)
{
  if (has_text_selection (self))
    _alama_doc_view_show_label_chooser (self);
  else if (has_suggestion (self))
    _alama_doc_view_review_decide (self, ALAMA_STATUS_ACCEPTED, NULL);
}

/* Labels the selection or relabels the selected span; on a suggestion the label
 * decides what it is: relabel and accept at once. */
static void
apply_label (AlamaDocView *self,
             GVariant     *param)
{
  g_autofree char *key = g_variant_dup_string (param, NULL);

  _alama_doc_view_hide_popovers (self);
  if (!has_text_selection (self) && has_suggestion (self))
    _alama_doc_view_review_decide (self, ALAMA_STATUS_ACCEPTED, key);
  else
    _alama_doc_view_apply_label (self, key);
}

static gboolean
can_move_edge (AlamaDocView *self)
{
  return has_span (self) && !has_text_selection (self);
}

/* Comma and period (the key that ends a sentence) move the selected span's
 * start and end outwards, with Shift inwards: logical edges, earlier or later
 * in the text, so they mean the same in right-to-left and left-to-right
 * paragraphs. With Alt by a character instead of a word. Not brackets: a
 * right-to-left interface mirrors them, and the shortcuts window would show
 * [ as ]. */
static void
start_earlier (AlamaDocView *self,
               GVariant     *param)
{
  _alama_doc_view_move_edge (self, ALAMA_SPAN_EDGE_START, -1, FALSE);
}

static void
start_later (AlamaDocView *self,
             GVariant     *param)
{
  _alama_doc_view_move_edge (self, ALAMA_SPAN_EDGE_START, 1, FALSE);
}

static void
end_earlier (AlamaDocView *self,
             GVariant     *param)
{
  _alama_doc_view_move_edge (self, ALAMA_SPAN_EDGE_END, -1, FALSE);
}

static void
end_later (AlamaDocView *self,
           GVariant     *param)
{
  _alama_doc_view_move_edge (self, ALAMA_SPAN_EDGE_END, 1, FALSE);
}

static void
start_earlier_char (AlamaDocView *self,
                    GVariant     *param)
{
  _alama_doc_view_move_edge (self, ALAMA_SPAN_EDGE_START, -1, TRUE);
}

static void
start_later_char (AlamaDocView *self,
                  GVariant     *param)
{
  _alama_doc_view_move_edge (self, ALAMA_SPAN_EDGE_START, 1, TRUE);
}

static void
end_earlier_char (AlamaDocView *self,
                  GVariant     *param)
{
  _alama_doc_view_move_edge (self, ALAMA_SPAN_EDGE_END, -1, TRUE);
}

static void
end_later_char (AlamaDocView *self,
                GVariant     *param)
{
  _alama_doc_view_move_edge (self, ALAMA_SPAN_EDGE_END, 1, TRUE);
}

static const ViewAction view_actions[] = {
  { "view.clear-selection",       NULL, shows_document,         clear_selection },
  { "view.select-next-span",      NULL, shows_document,         select_next_span },
  { "view.select-previous-span",  NULL, shows_document,         select_previous_span },
  { "view.delete-span",           NULL, has_span_or_relation,   delete_span },
  { "view.copy",                  NULL, shows_document,         copy },
  { "view.next-suggestion",       NULL, shows_document,         next_suggestion },
  { "view.previous-suggestion",   NULL, shows_document,         previous_suggestion },
  { "view.accept",                NULL, can_decide,             accept },
  { "view.reject",                NULL, can_decide,             reject },
  { "view.start-relation",        NULL, can_start_relation,     start_relation },
  { "view.activate-selection",    NULL, can_activate_selection, activate_selection },
  { "view.apply-label",           "s",  can_label,              apply_label },
  { "view.start-earlier",         NULL, can_move_edge,          start_earlier },
  { "view.start-later",           NULL, can_move_edge,          start_later },
  { "view.end-earlier",           NULL, can_move_edge,          end_earlier },
  { "view.end-later",             NULL, can_move_edge,          end_later },
  { "view.start-earlier-by-char", NULL, can_move_edge,          start_earlier_char },
  { "view.start-later-by-char",   NULL, can_move_edge,          start_later_char },
  { "view.end-earlier-by-char",   NULL, can_move_edge,          end_earlier_char },
  { "view.end-later-by-char",     NULL, can_move_edge,          end_later_char },
};

static const ViewAction *
find_view_action (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (view_actions); i++)
    if (g_str_equal (view_actions[i].name, name))
      return &view_actions[i];
  g_return_val_if_reached (NULL);
}

static void
view_action_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  AlamaDocView *self = ALAMA_DOC_VIEW (widget);
  const ViewAction *action = find_view_action (action_name);

  if (action != NULL && action->applies (self))
    action->activate (self, param);
}

static gboolean
key_binding_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  AlamaDocView *self = ALAMA_DOC_VIEW (widget);
  const ViewAction *action = find_view_action (g_variant_get_string (args, NULL));

  if (action == NULL || !action->applies (self))
    return FALSE;
  action->activate (self, NULL);
  return TRUE;
}

static const struct
{
  guint            keyval;
  GdkModifierType  modifiers;
  const char      *action;
} view_keys[] = {
  { GDK_KEY_Escape,       0,                "view.clear-selection" },
  { GDK_KEY_Tab,          0,                "view.select-next-span" },
  { GDK_KEY_KP_Tab,       0,                "view.select-next-span" },
  { GDK_KEY_ISO_Left_Tab, 0,                "view.select-previous-span" },
  { GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK,   "view.select-previous-span" },
  { GDK_KEY_Tab,          GDK_SHIFT_MASK,   "view.select-previous-span" },
  { GDK_KEY_KP_Tab,       GDK_SHIFT_MASK,   "view.select-previous-span" },
  { GDK_KEY_Right,        GDK_ALT_MASK,     "view.select-next-span" },
  { GDK_KEY_Left,         GDK_ALT_MASK,     "view.select-previous-span" },
  { GDK_KEY_n,            0,                "view.next-suggestion" },
  { GDK_KEY_p,            0,                "view.previous-suggestion" },
  { GDK_KEY_a,            0,                "view.accept" },
  { GDK_KEY_r,            0,                "view.reject" },
  { GDK_KEY_r,            0,                "view.start-relation" },
  { GDK_KEY_Return,       0,                "view.activate-selection" },
  { GDK_KEY_KP_Enter,     0,                "view.activate-selection" },
  /* Shift+, and Shift+. are < and > on many layouts, not on all. */
  { GDK_KEY_comma,        0,                "view.start-earlier" },
  { GDK_KEY_less,         GDK_SHIFT_MASK,   "view.start-later" },
  { GDK_KEY_comma,        GDK_SHIFT_MASK,   "view.start-later" },
  { GDK_KEY_period,       0,                "view.end-later" },
  { GDK_KEY_greater,      GDK_SHIFT_MASK,   "view.end-earlier" },
  { GDK_KEY_period,       GDK_SHIFT_MASK,   "view.end-earlier" },
  { GDK_KEY_comma,        GDK_ALT_MASK,     "view.start-earlier-by-char" },
  { GDK_KEY_less,         GDK_SHIFT_MASK | GDK_ALT_MASK, "view.start-later-by-char" },
  { GDK_KEY_comma,        GDK_SHIFT_MASK | GDK_ALT_MASK, "view.start-later-by-char" },
  { GDK_KEY_period,       GDK_ALT_MASK,     "view.end-later-by-char" },
  { GDK_KEY_greater,      GDK_SHIFT_MASK | GDK_ALT_MASK, "view.end-earlier-by-char" },
  { GDK_KEY_period,       GDK_SHIFT_MASK | GDK_ALT_MASK, "view.end-earlier-by-char" },
};

/* Delete and Ctrl+C are GtkTextView's own key bindings (its class binds them
 * before ours, to signals it always handles): the view takes them over where
 * they arrive. */
static void
delete_from_cursor (GtkTextView   *text_view,
                    GtkDeleteType  type,
                    int            count)
{
  if (type == GTK_DELETE_CHARS && count == 1)
    key_binding_cb (GTK_WIDGET (text_view), g_variant_new_string ("view.delete-span"), NULL);
}

static void
copy_clipboard (GtkTextView *text_view)
{
  gtk_widget_activate_action (GTK_WIDGET (text_view), "view.copy", NULL);
}

void
_alama_doc_view_class_setup_input (AlamaDocViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  for (guint i = 0; i < G_N_ELEMENTS (view_actions); i++)
    gtk_widget_class_install_action (widget_class, view_actions[i].name,
                                     view_actions[i].parameter_type, view_action_activated);
  for (guint i = 0; i < G_N_ELEMENTS (view_keys); i++)
    gtk_widget_class_add_binding (widget_class, view_keys[i].keyval, view_keys[i].modifiers,
                                  key_binding_cb, "s", view_keys[i].action);

  text_view_class->delete_from_cursor = delete_from_cursor;
  text_view_class->copy_clipboard = copy_clipboard;
}

/* Before anything else sees a key: a key ends a run of clicks (a double-click
 * right after the label key that closed the last one is a double-click, not
 * the third and fourth presses of a quadruple click), and while the label
 * chooser is up it takes the keys (it leaves the keyboard in the text). */
static gboolean
key_capture_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AlamaDocView          *self)
{
  alama_probe_point ("input", self);
  self->press_count = 0;
  if (self->map != NULL && _alama_doc_view_label_chooser_is_up (self))
    return _alama_doc_view_label_chooser_key (self, keyval, state);
  return GDK_EVENT_PROPAGATE;
}

/* After the bound keys: the schema's label keys (data, not code, so they are
 * not class bindings) run view.apply-label. */
static gboolean
label_key_cb (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              AlamaDocView          *self)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK);
  const AlamaLabel *label;

  if (mods != 0 || self->map == NULL || !can_label (self) ||
      (label = _alama_doc_view_label_for_key (self, keyval)) == NULL)
    return GDK_EVENT_PROPAGATE;
  return gtk_widget_activate_action (GTK_WIDGET (self), "view.apply-label", "s", label->key);
}

/* GTK 4.8 can send the first press after a popover under the pointer closed
 * to the window instead of the widget under the pointer: the window's pointer
 * focus still names the popover until a crossing or a motion event repairs
 * it, and on a busy machine the press is dispatched before the frame that
 * would make that motion event. The view never sees the press, and the
 * double-click it began became a single click that selected the span under
 * the pointer. Watching presses on the window (capture phase, so it sees them
 * first) counts such a press all the same; the view's gesture handles every
 * press that reaches it. */
static gboolean
window_event_cb (GtkEventControllerLegacy *controller,
                 GdkEvent                 *event,
                 AlamaDocView             *self)
{
  GtkWidget *window = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkNative *native = GTK_NATIVE (window);
  graphene_point_t in_window, in_view;
  double x, y, dx, dy;

  if (gdk_event_get_event_type (event) != GDK_BUTTON_PRESS ||
      gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY ||
      gdk_event_get_surface (event) != gtk_native_get_surface (native) ||
      !gdk_event_get_position (event, &x, &y))
    return GDK_EVENT_PROPAGATE;

  gtk_native_get_surface_transform (native, &dx, &dy);
  in_window = GRAPHENE_POINT_INIT (x - dx, y - dy);
  if (gtk_widget_compute_point (window, GTK_WIDGET (self), &in_window, &in_view) &&
      gtk_widget_contains (GTK_WIDGET (self), in_view.x, in_view.y))
    count_press (self, event, in_view.x, in_view.y);

  return GDK_EVENT_PROPAGATE;
}

void
_alama_doc_view_watch_window_presses (AlamaDocView *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  if (self->window_presses != NULL || !GTK_IS_NATIVE (root))
    return;
  self->window_presses = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (self->window_presses, GTK_PHASE_CAPTURE);
  g_signal_connect (self->window_presses, "event", G_CALLBACK (window_event_cb), self);
  gtk_widget_add_controller (root, self->window_presses);
}

void
_alama_doc_view_unwatch_window_presses (AlamaDocView *self)
{
  GtkEventController *watch = g_steal_pointer (&self->window_presses);

  if (watch != NULL)
    gtk_widget_remove_controller (gtk_event_controller_get_widget (watch), watch);
  g_clear_pointer (&self->counted_press, gdk_event_unref);
}

void
_alama_doc_view_setup_input (AlamaDocView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *label_keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->chooser_press_row = ALAMA_LABEL_CHOOSER_OUTSIDE;

  /* Capture phase: before the text view's own click and drag gestures. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_capture_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect (label_keys, "key-pressed", G_CALLBACK (label_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), label_keys);

  /* The label chooser leaves the keyboard here; when the keyboard goes
   * elsewhere (another pane, another window) it closes. */
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (_alama_doc_view_hide_label_chooser), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}
