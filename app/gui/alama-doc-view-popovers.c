/* alama-doc-view-popovers.c: the label chooser shown on a new selection, and the
 * relation-type chooser shown after a Shift+drag (or R + click).
 *
 * Both are built in code: their rows come from the project's schema. The label
 * chooser is a child of the text area, not a popover, and leaves the keyboard
 * with the text (see _alama_doc_view_label_chooser_key()); the relation-type
 * chooser is a popover that takes the keyboard. */
#define G_LOG_DOMAIN "alama-doc-view"

#include "config.h"

#include <glib/gi18n.h>

#include "alama-display-text.h"
#include "alama-doc-view-private.h"
#include "alama-label-swatch.h"
#include "alama-probe.h"

/* The part of stored [start, end) that is on screen, as one rectangle in
 * buffer coordinates: the union of its visual runs clipped to the visible
 * text. A selection that wraps over lines is a block, and a chooser placed
 * beside the block covers none of it. FALSE when nothing of it is on screen. */
static gboolean
visible_range_block (AlamaDocView *self,
                     gint64        start,
                     gint64        end,
                     GdkRectangle *out)
{
  g_autoptr(GArray) runs = _alama_doc_view_collect_runs (self, start, end);
  GdkRectangle visible, area = { 0, 0, 0, 0 };
  gboolean any = FALSE;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
  for (guint i = 0; i < runs->len; i++)
    {
      const graphene_rect_t *r = &g_array_index (runs, AlamaRun, i).rect;
      GdkRectangle run = { (int) r->origin.x, (int) r->origin.y,
                           MAX (1, (int) r->size.width), MAX (1, (int) r->size.height) };

      if (!gdk_rectangle_intersect (&run, &visible, &run))
        continue;
      if (any)
        gdk_rectangle_union (&area, &run, &area);
      else
        area = run;
      any = TRUE;
    }
  if (any)
    *out = area;
  return any;
}

/* The same block in the view's widget coordinates. */
static gboolean
visible_range_rect (AlamaDocView *self,
                    gint64        start,
                    gint64        end,
                    GdkRectangle *out)
{
  GdkRectangle area;

  if (!visible_range_block (self, start, end, &area))
    return FALSE;
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         area.x, area.y, &out->x, &out->y);
  out->width = area.width;
  out->height = area.height;
  return TRUE;
}

/* Points @popover at the visible part of stored [start, end), on the side of it
 * (below or above) with more room in the window: GTK flips a popover that does
 * not fit but never shrinks one that fits on neither side. */
static void
point_at_range (AlamaDocView *self,
                GtkPopover   *popover,
                gint64        start,
                gint64        end)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  GdkRectangle rect = { 0, 0, 1, 1 };
  graphene_point_t top, bottom;

  if (!visible_range_rect (self, start, end, &rect))
    rect = (GdkRectangle) { 0, 0, 1, 1 };
  gtk_popover_set_pointing_to (popover, &rect);

  if (root != NULL &&
      gtk_widget_compute_point (GTK_WIDGET (self), root,
                                &GRAPHENE_POINT_INIT (rect.x, rect.y), &top) &&
      gtk_widget_compute_point (GTK_WIDGET (self), root,
                                &GRAPHENE_POINT_INIT (rect.x, rect.y + rect.height), &bottom))
    gtk_popover_set_position (popover, gtk_widget_get_height (root) - bottom.y >= top.y
                                       ? GTK_POS_BOTTOM : GTK_POS_TOP);
}

static GtkWidget *
new_popover (AlamaDocView *self,
             GtkWidget   **slot)
{
  GtkWidget *popover = gtk_popover_new ();

  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_BOTTOM);
  gtk_widget_add_css_class (popover, "alama-doc-view-popover");
  *slot = popover;
  return popover;
}

static GtkWidget *
new_dim_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  return label;
}

/* Popped down first: a shown popover holds a GTK grab until it is hidden, which
 * unparenting alone would leave in place, taking all input. Unparented at once:
 * a popover left hidden keeps its surface, and when it had opened under the
 * pointer GTK 4.8 keeps the window's pointer focus in it (a relayout asks GDK
 * for a motion event on the surface of the pointer focus, and GDK makes one for
 * the hidden surface too), so the next button press went to it and was lost. */
static void
unparent_popover (GtkWidget *popover)
{
  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_unparent (popover);
}

void
_alama_doc_view_hide_popovers (AlamaDocView *self)
{
  _alama_doc_view_hide_label_chooser (self);
  g_clear_pointer (&self->relation_popover, unparent_popover);
}

/* The label chooser goes with the text area's children. */
void
_alama_doc_view_dispose_popovers (AlamaDocView *self)
{
  _alama_doc_view_hide_label_chooser (self);
  self->label_chooser = NULL;
  g_clear_pointer (&self->label_chooser_keys, g_ptr_array_unref);
  g_clear_pointer (&self->relation_popover, gtk_widget_unparent);
  g_clear_pointer (&self->relation_choices, g_ptr_array_unref);
}

/* The label of row @row of the label chooser, or NULL. */
static const char *
label_chooser_key (AlamaDocView  *self,
                   GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->label_chooser_keys == NULL || index < 0 ||
      (guint) index >= self->label_chooser_keys->len)
    return NULL;
  return g_ptr_array_index (self->label_chooser_keys, index);
}

static gboolean
refocus_view_cb (gpointer data)
{
  gtk_widget_grab_focus (GTK_WIDGET (data));
  return G_SOURCE_REMOVE;
}

static void
popover_closed_cb (GtkPopover   *popover,
                   AlamaDocView *self)
{
  /* The keyboard goes back to the text once the relation popover (the one that
   * takes it) has finished closing. (A once-only source: gtk_widget_grab_focus()
   * itself returns TRUE, which as an idle callback would repeat forever and
   * starve the frame clock.) */
  if (self->relation_popover == GTK_WIDGET (popover))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refocus_view_cb, g_object_ref (self), g_object_unref);
}

/* Escape closes a popover here, before GtkPopover would only pop it down. */
static gboolean
popover_escape_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   AlamaDocView          *self)
{
  if (keyval != GDK_KEY_Escape)
    return GDK_EVENT_PROPAGATE;
  _alama_doc_view_hide_popovers (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  return GDK_EVENT_STOP;
}

/* ---- Labels ---------------------------------------------------------------
 *
 * The label chooser is a child of the view's text area
 * (gtk_text_view_add_overlay()), not a popover. A popover is a surface of its
 * own, and GTK 4.8 on X11 mishandles input around one that closes: a press
 * already on its way to a closed popover's surface crashed GTK once the popover
 * was unparented, and a popover left hidden keeps the window's pointer focus,
 * so the next press went to it and the drag that press began was lost. A child
 * of the text area has no surface and no grab of its own, and hidden it holds
 * no pointer focus: the press after it closes reaches the text.
 *
 * The view's drag gesture (alama-doc-view-input.c) takes every press in the
 * view, the chooser's too, so that GtkTextView's own gestures never see them:
 * a click on a row comes here through _alama_doc_view_label_chooser_click(). */

/* The chooser's height at most (about nine label rows under the header); the
 * room beside the selection can make it shorter, down to CHOOSER_MIN_HEIGHT
 * (about three rows), and the rows then scroll. */
#define MAX_LIST_HEIGHT     360
#define CHOOSER_MIN_HEIGHT  170
/* Between the chooser and the selection, and the chooser and the view's edges. */
#define CHOOSER_GAP           6

gboolean
_alama_doc_view_label_chooser_is_up (AlamaDocView *self)
{
  return self->label_chooser != NULL && gtk_widget_get_visible (self->label_chooser);
}

/* Hidden, not removed: the chooser is the view's for its whole life (GTK 4.8
 * cannot take an overlay out of a text view). Hiding it unmaps it, and GTK
 * moves the window's pointer focus off an unmapped widget. */
void
_alama_doc_view_hide_label_chooser (AlamaDocView *self)
{
  if (!_alama_doc_view_label_chooser_is_up (self))
    return;
  gtk_widget_set_visible (self->label_chooser, FALSE);
  self->label_chooser_list = NULL;
  if (self->label_chooser_scrolled_id != 0)
    g_signal_handler_disconnect (self->label_chooser_vadjustment, self->label_chooser_scrolled_id);
  self->label_chooser_scrolled_id = 0;
  g_clear_object (&self->label_chooser_vadjustment);
}

/* The label first, which also clears the selection, then the chooser. */
static void
apply_label_then_close (AlamaDocView *self,
                        const char   *key)
{
  _alama_doc_view_apply_label (self, key);
  _alama_doc_view_hide_label_chooser (self);
}

/* What is at (x, y) of the view: the index of the chooser's row there,
 * ALAMA_LABEL_CHOOSER_NO_ROW for the rest of the chooser (its header, its
 * scrollbar), or ALAMA_LABEL_CHOOSER_OUTSIDE. */
int
_alama_doc_view_label_chooser_row_at (AlamaDocView *self,
                                      double        x,
                                      double        y)
{
  GtkWidget *picked, *row;

  if (!_alama_doc_view_label_chooser_is_up (self))
    return ALAMA_LABEL_CHOOSER_OUTSIDE;
  picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  if (picked == NULL ||
      (picked != self->label_chooser && !gtk_widget_is_ancestor (picked, self->label_chooser)))
    return ALAMA_LABEL_CHOOSER_OUTSIDE;
  row = gtk_widget_get_ancestor (picked, GTK_TYPE_LIST_BOX_ROW);
  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->label_chooser_list))
    return ALAMA_LABEL_CHOOSER_NO_ROW;
  return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
}

/* A click (press and release on the same row) takes that row's label. */
void
_alama_doc_view_label_chooser_click (AlamaDocView *self,
                                     int           index)
{
  GtkListBoxRow *row;
  g_autofree char *key = NULL;

  if (self->label_chooser_list == NULL ||
      (row = gtk_list_box_get_row_at_index (self->label_chooser_list, index)) == NULL)
    return;
  key = g_strdup (label_chooser_key (self, row));
  if (key == NULL)
    return;
  gtk_list_box_select_row (self->label_chooser_list, row);
  alama_probe_point ("input", self);
  apply_label_then_close (self, key);
}

/* Up and Down walk the label rows, keeping the chosen row in sight. */
static void
move_label_choice (AlamaDocView *self,
                   int           step)
{
  GtkListBox *list = self->label_chooser_list;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_SCROLLED_WINDOW);
  int last = (int) self->schema->labels->len - 1;
  int index = row != NULL ? gtk_list_box_row_get_index (row) + step : (step > 0 ? 0 : last);
  graphene_rect_t bounds;

  row = gtk_list_box_get_row_at_index (list, CLAMP (index, 0, last));
  if (row == NULL)
    return;
  gtk_list_box_select_row (list, row);
  if (scroller != NULL && gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (list), &bounds))
    gtk_adjustment_clamp_page (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                               bounds.origin.y, bounds.origin.y + bounds.size.height);
}

/* The label chooser never takes the keyboard: the view's own key handler
 * passes keys here while it is up, and a click in the text goes to the text.
 *
 * A label's key or Enter on the chosen row labels the selection; Up and Down
 * choose a row; Escape closes the chooser and keeps the selection; a key with
 * Ctrl or Alt closes it and goes on to the view and the window (Ctrl+Z undo).
 * Other keys are taken, as when the chooser held the keyboard. */
gboolean
_alama_doc_view_label_chooser_key (AlamaDocView    *self,
                                   guint            keyval,
                                   GdkModifierType  state)
{
  const AlamaLabel *label;
  GtkListBoxRow *row;

  g_return_val_if_fail (_alama_doc_view_label_chooser_is_up (self), GDK_EVENT_PROPAGATE);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    {
      _alama_doc_view_hide_label_chooser (self);
      return GDK_EVENT_PROPAGATE;
    }

  switch (keyval)
    {
    case GDK_KEY_Escape:
      _alama_doc_view_hide_label_chooser (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_label_choice (self, keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up ? -1 : 1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      row = gtk_list_box_get_selected_row (self->label_chooser_list);
      if (row != NULL && label_chooser_key (self, row) != NULL)
        {
          g_autofree char *key = g_strdup (label_chooser_key (self, row));
          apply_label_then_close (self, key);
        }
      return GDK_EVENT_STOP;

    default:
      break;
    }

  label = _alama_doc_view_label_for_key (self, keyval);
  if (label != NULL)
    {
      g_autofree char *key = g_strdup (label->key);
      apply_label_then_close (self, key);
    }
  return GDK_EVENT_STOP;
}

/* It stands beside where the selection was on screen. */
static void
text_scrolled_cb (GtkAdjustment *adjustment,
                  AlamaDocView  *self)
{
  _alama_doc_view_hide_label_chooser (self);
}

static GtkWidget *
new_label_row (const AlamaLabel *label)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *shortcut = new_dim_label (label->shortcut ? label->shortcut : " ");
  GtkWidget *key = gtk_label_new (label->key);
  g_autofree char *names_text = g_strdup_printf ("%s · %s",
                                                 label->name_ar ? label->name_ar : "",
                                                 label->name_en ? label->name_en : "");

  gtk_widget_add_css_class (shortcut, "monospace");
  gtk_widget_add_css_class (key, "monospace");
  gtk_label_set_width_chars (GTK_LABEL (key), 7);
  gtk_label_set_xalign (GTK_LABEL (key), 0.0);
  gtk_box_append (GTK_BOX (hbox), shortcut);
  gtk_box_append (GTK_BOX (hbox), alama_label_swatch_new (label->color));
  gtk_box_append (GTK_BOX (hbox), key);
  gtk_box_append (GTK_BOX (hbox), new_dim_label (names_text));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_tooltip_text (row, label->name_en);
  return row;
}

/* Puts the chooser beside the visible part of stored [start, end), below it or
 * above, on the side with room for all of its rows, else on the side with more
 * room, its rows then scrolling; centred on the selection across and kept
 * inside the visible text. Only when neither side has room for a few rows may
 * it cover the selection. */
static void
place_label_chooser (AlamaDocView *self,
                     GtkWidget    *chooser,
                     gint64        start,
                     gint64        end)
{
  GdkRectangle visible, block;
  int min_width, width, min_height, height, below, above, room, x, y;
  gboolean put_below;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
  if (!visible_range_block (self, start, end, &block))
    block = (GdkRectangle) { visible.x, visible.y, 1, 1 };

  gtk_widget_measure (chooser, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &width, NULL, NULL);
  width = MAX (min_width, MIN (width, visible.width - 2 * CHOOSER_GAP));
  gtk_widget_measure (chooser, GTK_ORIENTATION_VERTICAL, width, &min_height, &height, NULL, NULL);

  below = visible.y + visible.height - (block.y + block.height) - 2 * CHOOSER_GAP;
  above = block.y - visible.y - 2 * CHOOSER_GAP;
  put_below = below >= height || below >= above;
  room = put_below ? below : above;
  height = MAX (min_height, MIN (height, MAX (room, CHOOSER_MIN_HEIGHT)));

  x = block.x + block.width / 2 - width / 2;
  x = MAX (visible.x + CHOOSER_GAP, MIN (x, visible.x + visible.width - CHOOSER_GAP - width));
  y = put_below ? block.y + block.height + CHOOSER_GAP : block.y - CHOOSER_GAP - height;
  y = MAX (visible.y + CHOOSER_GAP, MIN (y, visible.y + visible.height - CHOOSER_GAP - height));

  gtk_widget_set_size_request (chooser, width, height);
  gtk_text_view_move_overlay (GTK_TEXT_VIEW (self), chooser, x, y);
}

/* The chooser's box, in the text area once and hidden; its header and rows
 * are made anew each time it is shown. */
static GtkWidget *
label_chooser_box (AlamaDocView *self)
{
  GtkWidget *child;

  if (self->label_chooser == NULL)
    {
      self->label_chooser = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_add_css_class (self->label_chooser, "alama-label-chooser");
      /* Nothing in it takes the keyboard, Tab included: the keys stay with the text. */
      gtk_widget_set_can_focus (self->label_chooser, FALSE);
      gtk_widget_set_cursor_from_name (self->label_chooser, "default");
      gtk_widget_set_visible (self->label_chooser, FALSE);
      gtk_text_view_add_overlay (GTK_TEXT_VIEW (self), self->label_chooser, 0, 0);
    }
  while ((child = gtk_widget_get_first_child (self->label_chooser)) != NULL)
    gtk_box_remove (GTK_BOX (self->label_chooser), child);
  return self->label_chooser;
}

void
_alama_doc_view_show_label_chooser (AlamaDocView *self)
{
  GtkWidget *chooser, *header, *list, *scroller;
  GtkAdjustment *vadjustment;
  g_autofree char *header_text = NULL;
  gint64 start, end;

  if (self->schema == NULL || self->store == NULL || !_alama_doc_view_get_selection (self, &start, &end))
    return;

  _alama_doc_view_hide_popovers (self);
  chooser = label_chooser_box (self);

  /* The selected text, in logical order and isolated, because a selection that
   * crosses from Arabic into Latin or digits paints as separate blocks; as one
   * paragraph, so that the line limit holds for a selection over paragraphs. */
  header_text = alama_display_text_one_line (alama_doc_view_get_selection_text (self), 0);
  header = gtk_label_new (header_text);
  gtk_label_set_wrap (GTK_LABEL (header), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (header), 40);
  gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_lines (GTK_LABEL (header), 2);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_set_margin_start (header, 6);
  gtk_widget_set_margin_end (header, 6);
  gtk_widget_set_margin_top (header, 4);
  gtk_box_append (GTK_BOX (chooser), header);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_BROWSE);
  gtk_widget_set_focusable (list, FALSE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  g_clear_pointer (&self->label_chooser_keys, g_ptr_array_unref);
  self->label_chooser_keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->schema->labels->len; i++)
    {
      const AlamaLabel *label = g_ptr_array_index (self->schema->labels, i);

      gtk_list_box_append (GTK_LIST_BOX (list), new_label_row (label));
      g_ptr_array_add (self->label_chooser_keys, g_strdup (label->key));
    }
  /* As when a chooser took the focus: the first row is chosen, Enter takes it. */
  gtk_list_box_select_row (GTK_LIST_BOX (list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  self->label_chooser_list = GTK_LIST_BOX (list);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), MAX_LIST_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (chooser), scroller);

  gtk_widget_set_visible (chooser, TRUE);
  place_label_chooser (self, chooser, start, end);

  /* Closed here: by a press in the text (drag_begin_cb), a label, Escape, the
   * text scrolling away under it, or the keyboard leaving the text. */
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self));
  if (vadjustment != NULL)
    {
      self->label_chooser_vadjustment = g_object_ref (vadjustment);
      self->label_chooser_scrolled_id = g_signal_connect (vadjustment, "value-changed",
                                                          G_CALLBACK (text_scrolled_cb), self);
    }
}

/* ---- Relations ------------------------------------------------------------ */

static void
relation_row_activated_cb (GtkListBox    *list,
                           GtkListBoxRow *row,
                           AlamaDocView  *self)
{
  int index = gtk_list_box_row_get_index (row);
  g_autofree char *type = NULL;
  gint64 from = self->pending_from, to = self->pending_to;

  if (self->relation_choices == NULL || index < 0 || (guint) index >= self->relation_choices->len)
    return;
  type = g_strdup (g_ptr_array_index (self->relation_choices, index));

  _alama_doc_view_hide_popovers (self);
  _alama_doc_view_add_relation (self, from, to, type);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* How long an end's text may be in the relation chooser's header. */
#define CAPTION_CHARS 40

static char *
span_caption (AlamaDocView *self,
              AlamaSpan    *span)
{
  g_autofree char *text = alama_span_dup_text (span, self->text);
  g_autofree char *line = alama_display_text_one_line (text != NULL ? text : "", CAPTION_CHARS);
  g_autofree char *caption = g_strdup_printf ("%s " ALAMA_FSI "%s" ALAMA_PDI, span->label, line);

  /* Isolated so a range such as 10-20 reads as stored, and so that the two
   * ends keep their order around the arrow in a right-to-left interface. */
  return alama_display_text_isolate (caption);
}

void
_alama_doc_view_show_relation_popover (AlamaDocView *self,
                                       gint64        from_id,
                                       gint64        to_id)
{
  GtkWidget *popover, *box, *header, *list;
  GtkWidget *focus = NULL;   /* the first type's row, which Enter takes */
  GtkEventController *keys;
  g_autoptr(GPtrArray) types = NULL;
  g_autofree char *from_text = NULL, *to_text = NULL, *title = NULL;
  AlamaSpan *from, *to;
  int fi, ti;

  if (self->spans == NULL || self->schema == NULL ||
      (fi = alama_span_index_find_id (self->spans, from_id)) < 0 ||
      (ti = alama_span_index_find_id (self->spans, to_id)) < 0)
    return;
  from = alama_span_index_get_span (self->spans, fi);
  to = alama_span_index_get_span (self->spans, ti);

  _alama_doc_view_hide_popovers (self);
  self->pending_from = from_id;
  self->pending_to = to_id;
  popover = new_popover (self, &self->relation_popover);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  from_text = span_caption (self, from);
  to_text = span_caption (self, to);
  /* TRANSLATORS: a relation from the shown annotation to another one: its
     type, then the other annotation. The arrow points from the shown one to
     the other in reading order: a right-to-left language writes “%s ← %s”. */
  title = g_strdup_printf (_("%s → %s"), from_text, to_text);
  header = gtk_label_new (NULL);
  {
    gboolean rtl = gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL;
    g_autofree char *marked = g_strconcat (alama_display_text_direction_mark (rtl), title, NULL);

    gtk_label_set_label (GTK_LABEL (header), marked);
  }
  gtk_label_set_wrap (GTK_LABEL (header), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (header), 40);
  gtk_widget_add_css_class (header, "heading");
  gtk_box_append (GTK_BOX (box), header);

  types = alama_schema_relation_types_for (self->schema, from->label, to->label);
  if (types == NULL || types->len == 0)
    {
      g_autofree char *msg = g_strdup_printf (_("The schema has no relation type from %s to %s."),
                                              from->label, to->label);
      GtkWidget *label = gtk_label_new (msg);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_box_append (GTK_BOX (box), label);
      gtk_popover_set_child (GTK_POPOVER (popover), box);
    }
  else
    {
      GtkListBoxRow *first_row;

      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_BROWSE);
      gtk_widget_add_css_class (list, "navigation-sidebar");
      g_clear_pointer (&self->relation_choices, g_ptr_array_unref);
      self->relation_choices = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < types->len; i++)
        {
          const AlamaRelationType *type = g_ptr_array_index (types, i);
          GtkWidget *row = gtk_list_box_row_new ();
          GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
          GtkWidget *key = gtk_label_new (type->key);
          g_autofree char *names = g_strdup_printf ("%s · %s", type->name_ar ? type->name_ar : "",
                                                    type->name_en ? type->name_en : "");

          gtk_widget_add_css_class (key, "monospace");
          gtk_box_append (GTK_BOX (hbox), key);
          gtk_box_append (GTK_BOX (hbox), new_dim_label (names));
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);
          g_ptr_array_add (self->relation_choices, g_strdup (type->key));
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
      g_signal_connect (list, "row-activated", G_CALLBACK (relation_row_activated_cb), self);
      gtk_box_append (GTK_BOX (box), list);
      gtk_popover_set_child (GTK_POPOVER (popover), box);

      /* Even a single choice is confirmed, with it focused so Enter takes it. */
      first_row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
      gtk_list_box_select_row (GTK_LIST_BOX (list), first_row);
      gtk_popover_set_default_widget (GTK_POPOVER (popover), NULL);
      focus = GTK_WIDGET (first_row);
    }

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (popover_escape_cb), self);
  gtk_widget_add_controller (popover, keys);
  g_signal_connect (popover, "closed", G_CALLBACK (popover_closed_cb), self);
  point_at_range (self, GTK_POPOVER (popover), alama_span_get_start (to), alama_span_get_end (to));
  gtk_popover_popup (GTK_POPOVER (popover));
  /* A span's tooltip shown from before goes: asked again, the view has none
   * while a chooser is up. */
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}
