/* alama-debug-geometry.c: ALAMA_DEBUG_GEOMETRY=FILE (see the header).
 *
 * After each frame drawn with a document, the view's visible words and spans
 * are written, in coordinates of the toplevel window's surface, so the external
 * input tests (xdotool) know where to point. Written atomically (tmp + rename)
 * and only when it changed. */
#define G_LOG_DOMAIN "alama-instrumentation"

#include "config.h"

#include <json-glib/json-glib.h>

#include "alama-debug-geometry.h"
#include "alama-doc-view-private.h"

typedef struct
{
  AlamaDocView  *view;            /* owns this */
  char          *path;
  char          *last;            /* what was written last, to skip identical frames */
  GArray        *words;           /* alama_text_words() of words_text */
  gconstpointer  words_document;  /* only compared */
  gconstpointer  words_text;
  GdkFrameClock *clock;
  gulong         after_paint_id;
  guint          idle_id;
  JsonNode      *painted;         /* what the last frame painted that the view may
                                   * change before the file is written */
  GPtrArray     *pointer_events;  /* char*: the window's last button presses and
                                   * releases, oldest first */
  GtkEventController *pointer_watch;  /* on the view's window, or NULL */
  GtkWidget     *pointer_window;  /* weak: where pointer_watch is */
} Geometry;

/* How many button events the file keeps: enough to tell, when a test's click
 * did not do what it should, whether the window saw it and where it went. */
#define POINTER_EVENTS_KEPT 8

/* A point of the view's own coordinates -> surface coordinates of the toplevel. */
static gboolean
widget_to_surface (AlamaDocView     *self,
                   double            x,
                   double            y,
                   graphene_point_t *out)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  graphene_point_t wp = GRAPHENE_POINT_INIT (x, y), np;
  double sx = 0, sy = 0;

  if (native == NULL || !gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (native), &wp, &np))
    return FALSE;
  gtk_native_get_surface_transform (native, &sx, &sy);
  *out = GRAPHENE_POINT_INIT (np.x + sx, np.y + sy);
  return TRUE;
}

/* Buffer coordinates -> surface coordinates of the toplevel. */
static gboolean
buffer_to_surface (AlamaDocView          *self,
                   const graphene_rect_t *in,
                   graphene_rect_t       *out)
{
  graphene_point_t p;
  int x, y;

  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) in->origin.x, (int) in->origin.y, &x, &y);
  if (!widget_to_surface (self, x, y, &p))
    return FALSE;
  *out = GRAPHENE_RECT_INIT (p.x, p.y, in->size.width, in->size.height);
  return TRUE;
}

/* Each character's box, in logical order: lets a test point inside a word (an
 * Alt+drag over بوتين inside وبوتين). */
/* @r as [x, y, width, height]. */
static void
add_rect (JsonBuilder           *builder,
          const graphene_rect_t *r)
{
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, r->origin.x);
  json_builder_add_double_value (builder, r->origin.y);
  json_builder_add_double_value (builder, r->size.width);
  json_builder_add_double_value (builder, r->size.height);
  json_builder_end_array (builder);
}

static void
add_chars (AlamaDocView *self,
           JsonBuilder  *builder,
           gint64        start,
           gint64        end)
{
  json_builder_set_member_name (builder, "chars");
  json_builder_begin_array (builder);
  for (gint64 cp = start; cp < end; cp++)
    {
      g_autoptr(GArray) runs = _alama_doc_view_collect_runs (self, cp, cp + 1);
      graphene_rect_t r = GRAPHENE_RECT_INIT (0, 0, 0, 0);

      if (runs->len > 0)
        buffer_to_surface (self, &g_array_index (runs, AlamaRun, 0).rect, &r);
      add_rect (builder, &r);
    }
  json_builder_end_array (builder);
}

static void
add_box (AlamaDocView *self,
         JsonBuilder  *builder,
         gint64        start,
         gint64        end)
{
  g_autoptr(GArray) runs = _alama_doc_view_collect_runs (self, start, end);
  g_autofree char *text = alama_text_index_substring (self->text_index, start, end);
  graphene_rect_t r;

  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, start);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, end);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);

  /* The box is the first visual run (a wrapped word or span has more, listed
   * in "runs"). */
  if (runs->len == 0 || !buffer_to_surface (self, &g_array_index (runs, AlamaRun, 0).rect, &r))
    return;
  json_builder_set_member_name (builder, "x");
  json_builder_add_double_value (builder, r.origin.x);
  json_builder_set_member_name (builder, "y");
  json_builder_add_double_value (builder, r.origin.y);
  json_builder_set_member_name (builder, "width");
  json_builder_add_double_value (builder, r.size.width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_double_value (builder, r.size.height);

  json_builder_set_member_name (builder, "runs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < runs->len; i++)
    if (buffer_to_surface (self, &g_array_index (runs, AlamaRun, i).rect, &r))
      {
        add_rect (builder, &r);
      }
  json_builder_end_array (builder);
}

/* "view": the part of the window the text is seen in, [x, y, width, height].
 * "words" lists every word of the lines in view, and the top and bottom lines
 * are often cut: a word whose box is above this rectangle is under the header
 * bar, and a click there does not reach the text. */
static GtkWidget *
find_widget_named (GtkWidget  *widget,
                   const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* "panel-relations": the lines the annotation panel shows under Relations for
 * the selected annotation, or null when it shows none, so that a test can see
 * the panel follow a change. */
static void
add_panel_relations (AlamaDocView *self,
                     JsonBuilder  *builder)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *box = root != NULL ? find_widget_named (GTK_WIDGET (root), "relations") : NULL;

  json_builder_set_member_name (builder, "panel-relations");
  if (box == NULL || !gtk_widget_get_mapped (box))
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_array (builder);
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* A relation row is a button around its label. */
      GtkWidget *label = GTK_IS_BUTTON (child) ? gtk_button_get_child (GTK_BUTTON (child)) : child;

      if (GTK_IS_LABEL (label))
        json_builder_add_string_value (builder, gtk_label_get_label (GTK_LABEL (label)));
    }
  json_builder_end_array (builder);
}

/* "panel-relation-rows": where the panel's relation rows are, [x, y, width,
 * height] in surface coordinates, in the order of "panel-relations". */
static void
add_panel_relation_rows (AlamaDocView *self,
                         JsonBuilder  *builder)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *box = root != NULL ? find_widget_named (GTK_WIDGET (root), "relations") : NULL;
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  double sx = 0, sy = 0;

  json_builder_set_member_name (builder, "panel-relation-rows");
  json_builder_begin_array (builder);
  if (box != NULL && native != NULL && gtk_widget_get_mapped (box))
    {
      gtk_native_get_surface_transform (native, &sx, &sy);
      for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          graphene_rect_t r;

          if (!GTK_IS_BUTTON (child) ||
              !gtk_widget_compute_bounds (child, GTK_WIDGET (native), &r))
            continue;
          r.origin.x += sx;
          r.origin.y += sy;
          add_rect (builder, &r);
        }
    }
  json_builder_end_array (builder);
}

/* "panel-relation": the heading of the panel's relation editor while it shows
 * the selected relation, else null. */
static void
add_panel_relation (AlamaDocView *self,
                    JsonBuilder  *builder)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *heading = root != NULL ? find_widget_named (GTK_WIDGET (root), "relation-heading")
                                    : NULL;

  json_builder_set_member_name (builder, "panel-relation");
  if (heading == NULL || !gtk_widget_get_mapped (heading))
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, gtk_label_get_label (GTK_LABEL (heading)));
}

/* "relations": for each drawn relation, a point (surface coordinates) where a
 * click selects it: found with the view's own hit test, straight above the
 * middle between its two ends, where its arc and label cross. */
static void
add_relation_points (AlamaDocView *self,
                     JsonBuilder  *builder)
{
  json_builder_set_member_name (builder, "relations");
  json_builder_begin_array (builder);
  for (guint i = 0; self->relations != NULL && i < self->relations->len; i++)
    {
      AlamaRelation *rel = g_ptr_array_index (self->relations, i);
      int fi = alama_span_index_find_id (self->spans, rel->from_id);
      int ti = alama_span_index_find_id (self->spans, rel->to_id);
      g_autoptr(GArray) from_runs = NULL;
      g_autoptr(GArray) to_runs = NULL;
      const graphene_rect_t *a, *b;
      double mid_x, top;

      if (fi < 0 || ti < 0)
        continue;
      from_runs = _alama_doc_view_collect_runs (self, alama_span_get_start (alama_span_index_get_span (self->spans, fi)),
                                                alama_span_get_end (alama_span_index_get_span (self->spans, fi)));
      to_runs = _alama_doc_view_collect_runs (self, alama_span_get_start (alama_span_index_get_span (self->spans, ti)),
                                              alama_span_get_end (alama_span_index_get_span (self->spans, ti)));
      if (from_runs->len == 0 || to_runs->len == 0)
        continue;
      a = &g_array_index (from_runs, AlamaRun, 0).rect;
      b = &g_array_index (to_runs, AlamaRun, 0).rect;
      mid_x = (a->origin.x + a->size.width / 2 + b->origin.x + b->size.width / 2) / 2;
      top = MIN (a->origin.y, b->origin.y);
      for (double y = top; y > top - 200; y -= 2)
        if (_alama_doc_view_relation_at (self, mid_x, y) == rel->id)
          {
            graphene_rect_t r = GRAPHENE_RECT_INIT (mid_x, y, 0, 0), out;

            if (!buffer_to_surface (self, &r, &out))
              break;
            json_builder_begin_object (builder);
            json_builder_set_member_name (builder, "id");
            json_builder_add_int_value (builder, rel->id);
            json_builder_set_member_name (builder, "x");
            json_builder_add_double_value (builder, out.origin.x);
            json_builder_set_member_name (builder, "y");
            json_builder_add_double_value (builder, out.origin.y);
            json_builder_end_object (builder);
            break;
          }
    }
  json_builder_end_array (builder);
}

static void
add_widget_rect (AlamaDocView *self,
                 GtkWidget    *widget,
                 JsonBuilder  *builder)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  graphene_rect_t r;
  double sx = 0, sy = 0;

  if (native == NULL || !gtk_widget_compute_bounds (widget, GTK_WIDGET (native), &r))
    {
      json_builder_add_null_value (builder);
      return;
    }
  gtk_native_get_surface_transform (native, &sx, &sy);
  r.origin.x += sx;
  r.origin.y += sy;
  add_rect (builder, &r);
}

/* "label-chooser": where the label chooser is drawn, [x, y, width, height] in
 * surface coordinates, or null when it is not up; "label-chooser-rows": its
 * rows' rectangles, in the schema's order (a row scrolled out of the chooser
 * lies outside it); "selection": the text selection, [start, end) or null.
 * The chooser is a child of the view, not an X window of its own, so this is
 * how a test finds it. Taken when a frame has been painted: the chooser is
 * shown (mapped) at once but placed by the next frame, and the file, written
 * later, must say where it was painted. */
static JsonNode *
painted_state (AlamaDocView *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean up = _alama_doc_view_label_chooser_is_up (self) &&
                gtk_widget_get_mapped (self->label_chooser);
  gint64 start, end;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "selection");
  if (_alama_doc_view_get_selection (self, &start, &end))
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, start);
      json_builder_add_int_value (builder, end);
      json_builder_end_array (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "label-chooser");
  if (up)
    add_widget_rect (self, self->label_chooser, builder);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "label-chooser-rows");
  json_builder_begin_array (builder);
  if (up && self->label_chooser_list != NULL)
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->label_chooser_list));
         row != NULL; row = gtk_widget_get_next_sibling (row))
      if (GTK_IS_LIST_BOX_ROW (row))
        add_widget_rect (self, row, builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
add_painted_state (Geometry    *geometry,
                   JsonBuilder *builder)
{
  JsonObject *painted;
  g_autoptr(GList) members = NULL;

  if (geometry->painted == NULL)
    return;
  painted = json_node_get_object (geometry->painted);
  members = json_object_get_members (painted);
  for (GList *m = members; m != NULL; m = m->next)
    {
      json_builder_set_member_name (builder, m->data);
      json_builder_add_value (builder, json_node_copy (json_object_get_member (painted, m->data)));
    }
}

static void
add_view_rect (AlamaDocView *self,
               JsonBuilder  *builder)
{
  GtkWidget *widget = GTK_WIDGET (self);
  graphene_point_t origin;

  if (!widget_to_surface (self, 0, 0, &origin))
    return;
  json_builder_set_member_name (builder, "view");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, origin.x);
  json_builder_add_double_value (builder, origin.y);
  json_builder_add_double_value (builder, gtk_widget_get_width (widget));
  json_builder_add_double_value (builder, gtk_widget_get_height (widget));
  json_builder_end_array (builder);
}

static void
write_geometry (Geometry *geometry)
{
  AlamaDocView *self = geometry->view;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gint64 vstart, vend;

  if (self->map == NULL || self->document == NULL || self->text_index == NULL)
    return;

  /* The words of the text, kept while the view shows the same text. */
  if (geometry->words == NULL || geometry->words_document != self->document ||
      geometry->words_text != self->text)
    {
      g_clear_pointer (&geometry->words, g_array_unref);
      geometry->words = alama_text_words (self->text, FALSE);
      geometry->words_document = self->document;
      geometry->words_text = self->text;
    }
  _alama_doc_view_visible_range (self, &vstart, &vend);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "document");
  json_builder_add_string_value (builder, alama_document_get_name (self->document));
  json_builder_set_member_name (builder, "selected-span");
  json_builder_add_int_value (builder, self->selected_span);
  json_builder_set_member_name (builder, "selected-relation");
  json_builder_add_int_value (builder, alama_doc_view_get_selected_relation (self));
  json_builder_set_member_name (builder, "review-at-end");
  json_builder_add_boolean_value (builder, _alama_doc_view_review_at_end (self));
  add_view_rect (self, builder);
  add_painted_state (geometry, builder);
  add_panel_relations (self, builder);
  add_panel_relation (self, builder);
  add_panel_relation_rows (self, builder);
  add_relation_points (self, builder);

  json_builder_set_member_name (builder, "pointer-events");
  json_builder_begin_array (builder);
  for (guint i = 0; geometry->pointer_events != NULL && i < geometry->pointer_events->len; i++)
    json_builder_add_string_value (builder, geometry->pointer_events->pdata[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "words");
  json_builder_begin_array (builder);
  for (guint i = 0; geometry->words != NULL && i < geometry->words->len; i++)
    {
      const AlamaFragment *w = &g_array_index (geometry->words, AlamaFragment, i);

      if (w->end <= vstart || w->start >= vend)
        continue;
      json_builder_begin_object (builder);
      add_box (self, builder, w->start, w->end);
      add_chars (self, builder, w->start, w->end);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* The knobs of the selected span's edge handles. */
  json_builder_set_member_name (builder, "edge-handles");
  json_builder_begin_object (builder);
  for (AlamaSpanEdge edge = ALAMA_SPAN_EDGE_START; edge <= ALAMA_SPAN_EDGE_END; edge++)
    {
      graphene_rect_t knob, r;

      if (!_alama_doc_view_edge_handle_rect (self, edge, &knob) || !buffer_to_surface (self, &knob, &r))
        continue;
      json_builder_set_member_name (builder, edge == ALAMA_SPAN_EDGE_START ? "start" : "end");
      add_rect (builder, &r);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "spans");
  json_builder_begin_array (builder);
  if (self->spans != NULL)
    {
      g_autoptr(GArray) frags = alama_span_index_query (self->spans, vstart, vend);

      for (guint i = 0; i < frags->len; i++)
        {
          const AlamaIndexedFragment *f = &g_array_index (frags, AlamaIndexedFragment, i);
          AlamaSpan *span = alama_span_index_get_span (self->spans, f->span_index);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, span->id);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, span->label);
          json_builder_set_member_name (builder, "fragment");
          json_builder_add_int_value (builder, f->fragment);
          json_builder_set_member_name (builder, "start");
          json_builder_add_int_value (builder, f->start);
          json_builder_set_member_name (builder, "end");
          json_builder_add_int_value (builder, f->end);
          add_box (self, builder, f->start, f->end);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  if (g_strcmp0 (json, geometry->last) == 0)
    return;

  /* g_file_set_contents() writes a temporary file and renames it over the old one. */
  if (!g_file_set_contents (geometry->path, json, -1, &error))
    {
      g_message ("Could not write the geometry file: %s", error->message);
      return;
    }
  g_free (geometry->last);
  geometry->last = g_steal_pointer (&json);
}

static gboolean
write_idle_cb (gpointer user_data)
{
  Geometry *geometry = user_data;

  geometry->idle_id = 0;
  write_geometry (geometry);
  return G_SOURCE_REMOVE;
}

/* The geometry (per-character boxes of every visible word, as JSON) costs more
 * than the frame itself: it is written after the frame, in an idle, so that the
 * frame timings of the benchmarks (which also read it) measure the view. */
static void
after_paint_cb (GdkFrameClock *clock,
                Geometry      *geometry)
{
  g_clear_pointer (&geometry->painted, json_node_unref);
  geometry->painted = painted_state (geometry->view);
  if (geometry->idle_id == 0)
    geometry->idle_id = g_idle_add_full (G_PRIORITY_LOW, write_idle_cb, geometry, NULL);
}

/* Every button press and release the view's window gets (in the capture
 * phase, before any widget), with the widget under it. */
static gboolean
pointer_event_cb (GtkEventControllerLegacy *controller,
                  GdkEvent                 *event,
                  Geometry                 *geometry)
{
  GdkEventType type = gdk_event_get_event_type (event);
  GtkWidget *window = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *picked = NULL;
  double x, y, nx = 0, ny = 0;

  if ((type != GDK_BUTTON_PRESS && type != GDK_BUTTON_RELEASE) || !gdk_event_get_position (event, &x, &y))
    return GDK_EVENT_PROPAGATE;
  gtk_native_get_surface_transform (GTK_NATIVE (window), &nx, &ny);
  picked = gtk_widget_pick (window, x - nx, y - ny, GTK_PICK_DEFAULT);
  if (geometry->pointer_events->len == POINTER_EVENTS_KEPT)
    g_ptr_array_remove_index (geometry->pointer_events, 0);
  g_ptr_array_add (geometry->pointer_events,
                   g_strdup_printf ("%s %d at %.0f,%.0f time %u on %s%s",
                                    type == GDK_BUTTON_PRESS ? "press" : "release",
                                    gdk_button_event_get_button (event), x, y,
                                    gdk_event_get_time (event),
                                    picked != NULL ? G_OBJECT_TYPE_NAME (picked) : "nothing",
                                    gdk_event_get_surface (event) == gtk_native_get_surface (GTK_NATIVE (window))
                                    ? "" : " (another surface)"));
  if (geometry->idle_id == 0)
    geometry->idle_id = g_idle_add_full (G_PRIORITY_LOW, write_idle_cb, geometry, NULL);
  return GDK_EVENT_PROPAGATE;
}

static void
unwatch_pointer (Geometry *geometry)
{
  if (geometry->pointer_window != NULL)
    {
      gtk_widget_remove_controller (geometry->pointer_window, geometry->pointer_watch);
      g_object_remove_weak_pointer (G_OBJECT (geometry->pointer_window),
                                    (gpointer *) &geometry->pointer_window);
      geometry->pointer_window = NULL;
    }
  geometry->pointer_watch = NULL;
}

static void
watch_pointer (Geometry *geometry)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (geometry->view)));

  unwatch_pointer (geometry);
  if (window == NULL)
    return;
  geometry->pointer_watch = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (geometry->pointer_watch, GTK_PHASE_CAPTURE);
  g_signal_connect (geometry->pointer_watch, "event", G_CALLBACK (pointer_event_cb), geometry);
  gtk_widget_add_controller (window, geometry->pointer_watch);
  geometry->pointer_window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &geometry->pointer_window);
}

static void
unwatch_frames (Geometry *geometry)
{
  g_clear_handle_id (&geometry->idle_id, g_source_remove);
  if (geometry->clock != NULL)
    {
      g_clear_signal_handler (&geometry->after_paint_id, geometry->clock);
      g_clear_object (&geometry->clock);
    }
}

static void
view_realize_cb (GtkWidget *widget,
                 Geometry  *geometry)
{
  unwatch_frames (geometry);
  geometry->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  geometry->after_paint_id = g_signal_connect (geometry->clock, "after-paint",
                                               G_CALLBACK (after_paint_cb), geometry);
  watch_pointer (geometry);
}

static void
view_unrealize_cb (GtkWidget *widget,
                   Geometry  *geometry)
{
  unwatch_frames (geometry);
}

static void
geometry_free (gpointer data)
{
  Geometry *geometry = data;

  unwatch_frames (geometry);
  unwatch_pointer (geometry);
  g_clear_pointer (&geometry->pointer_events, g_ptr_array_unref);
  g_clear_pointer (&geometry->painted, json_node_unref);
  g_clear_pointer (&geometry->words, g_array_unref);
  g_free (geometry->last);
  g_free (geometry->path);
  g_free (geometry);
}

void
alama_debug_geometry_watch (AlamaDocView *view,
                            const char   *path)
{
  Geometry *geometry = g_new0 (Geometry, 1);

  geometry->view = view;
  geometry->path = g_strdup (path);
  geometry->pointer_events = g_ptr_array_new_with_free_func (g_free);
  g_object_set_data_full (G_OBJECT (view), "alama-debug-geometry", geometry, geometry_free);
  g_signal_connect (view, "realize", G_CALLBACK (view_realize_cb), geometry);
  g_signal_connect (view, "unrealize", G_CALLBACK (view_unrealize_cb), geometry);
  if (gtk_widget_get_realized (GTK_WIDGET (view)))
    view_realize_cb (GTK_WIDGET (view), geometry);
}
