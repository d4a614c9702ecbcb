/* alama-doc-view.c: the annotation canvas: a read-only GtkTextView of one document
 * whose spans and relations are painted around the text (alama-doc-view-paint.c)
 * and made with the mouse and keys (alama-doc-view-input.c). This file holds the
 * state: properties, the store, the buffer and the display map, selection, and the
 * changes the view writes to the store.
 *
 * Why this file is long: it is the state the eight alama-doc-view-*.c files
 * share (through alama-doc-view-private.h) and the view's public API; what
 * could go on its own (runs, painting, arcs, edges, input, popovers, review,
 * find) already has. */
#define G_LOG_DOMAIN "alama-doc-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "alama-doc-view-private.h"
#include "alama-error-text.h"
#include "alama-probe.h"

G_DEFINE_ENUM_TYPE (AlamaDirection, alama_direction,
                    G_DEFINE_ENUM_VALUE (ALAMA_DIRECTION_AUTO, "auto"),
                    G_DEFINE_ENUM_VALUE (ALAMA_DIRECTION_RTL, "rtl"),
                    G_DEFINE_ENUM_VALUE (ALAMA_DIRECTION_LTR, "ltr"))

G_DEFINE_FINAL_TYPE (AlamaDocView, alama_doc_view, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DOCUMENT,
  PROP_SELECTED_SPAN,
  PROP_SELECTED_RELATION,
  PROP_ZOOM,
  PROP_FONT_FAMILY,
  PROP_LINE_SPACING,
  PROP_DIRECTION,
  PROP_SNAP_TO_WORDS,
  PROP_SHOW_REJECTED,
  PROP_MIN_CONFIDENCE,
  PROP_REVIEW_LEAST_CERTAIN_FIRST,
  PROP_SELECTION_TEXT,
  N_PROPS
};

enum {
  SIGNAL_ERROR,
  SIGNAL_NOTICE,
  SIGNAL_SPAN_DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The base size at zoom 1.0; Arabic news text reads well a little larger than UI text. */
#define BASE_FONT_POINTS 15.0

#define FSI "\xe2\x81\xa8"  /* U+2068 FIRST STRONG ISOLATE */
#define PDI "\xe2\x81\xa9"  /* U+2069 POP DIRECTIONAL ISOLATE */

/* ---- Helpers -------------------------------------------------------------- */

void
_alama_doc_view_emit_error (AlamaDocView *self,
                            const char   *message)
{
  g_debug ("%s", message);
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, message);
}

void
_alama_doc_view_emit_notice (AlamaDocView *self,
                             const char   *message)
{
  g_signal_emit (self, signals[SIGNAL_NOTICE], 0, message);
}

AlamaDisplayMap *
_alama_doc_view_get_display_map (AlamaDocView *self)
{
  return self->map;
}

AlamaSpanIndex *
_alama_doc_view_get_span_index (AlamaDocView *self)
{
  return self->spans;
}

const AlamaLabel *
_alama_doc_view_find_label (AlamaDocView *self,
                            const char   *key)
{
  if (self->schema == NULL || key == NULL)
    return NULL;
  return alama_schema_find_label (self->schema, key);
}

void
_alama_doc_view_label_rgba (AlamaDocView *self,
                            const char   *key,
                            GdkRGBA      *rgba)
{
  const AlamaLabel *label = _alama_doc_view_find_label (self, key);

  if (label == NULL || label->color == NULL || !gdk_rgba_parse (rgba, label->color))
    gdk_rgba_parse (rgba, "#77767b");
}

static GtkTextBuffer *
get_buffer (AlamaDocView *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
}

/* ---- Text and layout ------------------------------------------------------ */

/* Room above every line at zoom 1, in pixels, for the label chips and the
 * lowest relation arcs with their labels (alama-doc-view-paint.c), so that they
 * do not sit on the line above. Amiri's own line box is tall (its ascent and
 * descent leave room over and under most letters), so this is less than a chip
 * row plus an arc row. Emoji need no family here: Pango falls back to Noto
 * Color Emoji (fonts-noto-color-emoji); naming it in the family list made it
 * draw digits and harakat too. */
#define CHIP_AND_ARC_ROWS_PX 16.0

static void
update_text_tag (AlamaDocView *self)
{
  double points = BASE_FONT_POINTS * self->zoom;
  double font_px = points * 96.0 / 72.0;
  /* The extra leading of line-spacing goes mostly above each line, on top of the
   * chip and arc rows. Wrapped lines get the same: their spans have chips too. */
  double leading = MAX (0.0, (self->line_spacing - 1.0) * font_px);
  int above = (int) (CHIP_AND_ARC_ROWS_PX * self->zoom + leading * 0.5);

  _alama_doc_view_forget_runs (self);

  g_object_set (self->text_tag,
                "family", self->font_family,
                "size-points", points,
                "pixels-above-lines", above,
                "pixels-inside-wrap", above,
                "pixels-below-lines", (int) (leading * 0.25),
                NULL);
  /* Paragraphs with arcs get more (alama-doc-view-arcs.c). */
  _alama_doc_view_update_arc_room (self, above);
}

static void mark_set_cb (AlamaDocView  *self,
                         GtkTextIter   *location,
                         GtkTextMark   *mark,
                         GtkTextBuffer *buffer);

/* Builds the display map for the current text and direction and fills the buffer. */
static void
rebuild_buffer (AlamaDocView *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  AlamaDisplayDir dir = (AlamaDisplayDir) self->direction;

  _alama_doc_view_forget_runs (self);
  _alama_doc_view_forget_arc_room (self);
  g_clear_pointer (&self->map, alama_display_map_free);
  if (self->text == NULL)
    {
      gtk_text_buffer_set_text (buffer, "", -1);
      return;
    }

  /* The read-ahead map goes with the read-ahead text (taken by set_document). */
  if (self->preloaded != NULL && self->preloaded->map != NULL &&
      self->preloaded->model == self->model && self->preloaded->dir == dir && self->document != NULL &&
      self->preloaded->document_id == alama_document_get_id (self->document))
    self->map = g_steal_pointer (&self->preloaded->map);
  else
    self->map = alama_display_map_new (self->text, dir);
  /* The text goes into a new buffer (sharing the tag table, so every tag
   * stays valid) that the view takes once it is filled: in the view's own
   * buffer, GtkTextView followed the insert and the cursor placed at the start
   * (it laid out the first paragraph for the input method) before the
   * first frame. The old buffer and its text go with it. */
  {
    g_autoptr(GtkTextBuffer) filled = gtk_text_buffer_new (gtk_text_buffer_get_tag_table (buffer));
    GtkTextIter start, end;

    /* The text is read-only here; the store keeps the undo history. */
    gtk_text_buffer_set_enable_undo (filled, FALSE);
    gtk_text_buffer_set_text (filled, alama_display_map_get_display_text (self->map), -1);
    gtk_text_buffer_get_bounds (filled, &start, &end);
    gtk_text_buffer_apply_tag (filled, self->text_tag, &start, &end);
    gtk_text_buffer_place_cursor (filled, &start);
    g_signal_connect_object (filled, "mark-set", G_CALLBACK (mark_set_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_text_view_set_buffer (GTK_TEXT_VIEW (self), filled);
  }
}

/* ---- Spans ---------------------------------------------------------------- */

/* A span and a relation are never selected together: selecting one clears the
 * other, so the panel and the keys (Delete, A/R) act on one object. */
static void
set_selected_relation_internal (AlamaDocView *self,
                                gint64        relation_id)
{
  if (self->selected_relation == relation_id)
    return;
  self->selected_relation = relation_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_RELATION]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_selected_span_internal (AlamaDocView *self,
                            gint64        span_id)
{
  if (span_id != 0)
    set_selected_relation_internal (self, 0);
  if (self->selected_span == span_id)
    return;
  self->selected_span = span_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SPAN]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The shown relation with @relation_id, or NULL. */
AlamaRelation *
_alama_doc_view_find_relation (AlamaDocView *self,
                               gint64        relation_id)
{
  if (self->relations == NULL || relation_id == 0)
    return NULL;
  for (guint i = 0; i < self->relations->len; i++)
    {
      AlamaRelation *rel = g_ptr_array_index (self->relations, i);

      if (rel->id == relation_id)
        return rel;
    }
  return NULL;
}

/* What the view shows now (the settings), one filter for every part of it:
 * the index drawn, the clicks, the tooltips, the review walk, the relations. */
static AlamaSpanFilter
shown_filter (AlamaDocView *self)
{
  AlamaSpanFilter filter = { ALAMA_STATUS_MASK_ACCEPTED | ALAMA_STATUS_MASK_PENDING,
                             self->min_confidence };

  if (self->show_rejected)
    filter.statuses |= ALAMA_STATUS_MASK_REJECTED;
  return filter;
}

/* Only relations whose both ends are shown get drawn. */
static void
update_shown_relations (AlamaDocView *self)
{
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  if (self->model == NULL || self->spans == NULL)
    {
      set_selected_relation_internal (self, 0);
      _alama_doc_view_plan_arcs (self);
      return;
    }
  self->relations = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_relation_unref);
  for (guint i = 0; i < alama_document_model_get_n_relations (self->model); i++)
    {
      AlamaRelation *rel = alama_document_model_get_relation (self->model, i);

      if (alama_span_index_find_id (self->spans, rel->from_id) >= 0 &&
          alama_span_index_find_id (self->spans, rel->to_id) >= 0)
        g_ptr_array_add (self->relations, alama_relation_ref (rel));
    }
  /* A relation deleted, undone or hidden is no longer selected. */
  if (self->selected_relation != 0 && _alama_doc_view_find_relation (self, self->selected_relation) == NULL)
    set_selected_relation_internal (self, 0);
  _alama_doc_view_plan_arcs (self);
}

/* Whether a relation of the model has an end among @ids: only then can a span
 * coming or going change which relations are drawn or where their arcs stand. */
static gboolean
relations_touch (AlamaDocView *self,
                 const gint64 *ids,
                 guint         n_ids)
{
  guint n = self->model != NULL ? alama_document_model_get_n_relations (self->model) : 0;

  for (guint i = 0; i < n && n_ids > 0; i++)
    {
      AlamaRelation *rel = alama_document_model_get_relation (self->model, i);

      for (guint j = 0; j < n_ids; j++)
        if (rel->from_id == ids[j] || rel->to_id == ids[j])
          return TRUE;
    }
  return FALSE;
}

/* model_ids mirrors the model's span ids position by position: when the model
 * says rows went, it names them only by position. */
static void
mirror_model_ids (AlamaDocView *self)
{
  guint n = self->model != NULL ? alama_document_model_get_n_spans (self->model) : 0;

  g_array_set_size (self->model_ids, n);
  for (guint i = 0; i < n; i++)
    g_array_index (self->model_ids, gint64, i) = alama_document_model_get_span (self->model, i)->id;
}

/* Whether any of the model's spans [from, from + n) is not shown. */
static gboolean
model_has_hidden (AlamaDocView *self,
                  guint         from,
                  guint         n)
{
  return alama_span_filter_hides_any (&self->span_filter, self->model, from, n);
}

static void
clear_shown_index (AlamaDocView *self)
{
  if (self->spans_shared)
    self->spans = NULL;
  self->spans_shared = FALSE;
  g_clear_pointer (&self->spans, alama_span_index_free);
}

/* The shown spans' index again from the model (or the read-ahead's, built the
 * same way), the relations drawn between them, and the schema. */
void
alama_doc_view_reload (AlamaDocView *self)
{
  AlamaSpanFilter filter = shown_filter (self);
  AlamaPreloadedDocument *pre = self->preloaded;

  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));

  self->reload_serial++;
  clear_shown_index (self);
  if (self->store != NULL)
    {
      g_clear_pointer (&self->schema, alama_schema_unref);
      self->schema = alama_store_get_schema (self->store);
    }

  if (self->model != NULL)
    {
      self->span_filter = filter;
      if (!model_has_hidden (self, 0, alama_document_model_get_n_spans (self->model)))
        {
          self->spans = alama_document_model_get_span_index (self->model);
          self->spans_shared = TRUE;
        }
      else
        {
          if (pre != NULL && pre->model == self->model &&
              alama_span_filter_equal (&pre->filter, &filter) && pre->span_index != NULL)
            self->spans = g_steal_pointer (&pre->span_index);
          else
            self->spans = alama_span_filter_new_index (&filter, self->model);
          self->index_builds++;
        }
    }
  else
    {
      self->spans = alama_span_index_new (NULL);
    }
  mirror_model_ids (self);
  update_shown_relations (self);

  if (self->selected_span != 0 && alama_span_index_find_id (self->spans, self->selected_span) < 0)
    set_selected_span_internal (self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Where @span goes in the shown spans (it is not among them). */
static guint
shown_insertion_point (AlamaDocView *self,
                       AlamaSpan    *span)
{
  guint lo = 0, hi = alama_span_index_get_n_spans (self->spans);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      AlamaSpan *other = alama_span_index_get_span (self->spans, mid);

      if (alama_span_compare (other, span) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The model's spans changed at @position: the shown index follows the rows
 * that went and came (sorting 10,000 fragments again would cost a key press
 * its frame). */
static void
model_spans_changed_cb (GListModel   *spans,
                        guint         position,
                        guint         removed,
                        guint         added,
                        AlamaDocView *self)
{
  g_autoptr(GArray) ids = NULL;

  /* A reload of the model replaces its index. */
  if (self->spans_shared)
    self->spans = alama_document_model_get_span_index (self->model);
  /* Each row moved in the index costs a pass over its fragments: past a few
   * dozen (another process's import, a reload) building it again is cheaper. */
  if (removed + added > 64)
    {
      alama_doc_view_reload (self);
      return;
    }
  /* The spans that went and came, by id: the relations are looked at again
   * only when one of them is a relation's end (a new annotation is not). */
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), removed + added);
  if (removed > 0)   /* an empty array may have no data to point into */
    g_array_append_vals (ids, &g_array_index (self->model_ids, gint64, position), removed);
  for (guint i = 0; i < added; i++)
    g_array_append_val (ids, alama_document_model_get_span (self->model, position + i)->id);
  /* While every span is shown the view draws the model's own index, which the
   * model has updated already; a hidden one (a rejection, a weak suggestion)
   * needs an index of the view's own. */
  if (self->spans_shared)
    {
      if (model_has_hidden (self, position, added))
        {
          alama_doc_view_reload (self);
          return;
        }
      g_array_remove_range (self->model_ids, position, removed);
      for (guint i = 0; i < added; i++)
        g_array_insert_val (self->model_ids, position + i,
                            alama_document_model_get_span (self->model, position + i)->id);
      goto done;
    }
  for (guint i = 0; i < removed; i++)
    {
      int shown = alama_span_index_find_id (self->spans,
                                            g_array_index (self->model_ids, gint64, position + i));

      if (shown >= 0)
        alama_span_index_remove (self->spans, shown);
    }
  g_array_remove_range (self->model_ids, position, removed);
  for (guint i = 0; i < added; i++)
    {
      AlamaSpan *span = alama_document_model_get_span (self->model, position + i);

      g_array_insert_val (self->model_ids, position + i, span->id);
      if (alama_span_filter_shows (&self->span_filter, span))
        alama_span_index_insert (self->spans, shown_insertion_point (self, span), span);
    }
done:
  if (relations_touch (self, (const gint64 *) (gpointer) ids->data, ids->len))
    update_shown_relations (self);
  if (self->selected_span != 0 && alama_span_index_find_id (self->spans, self->selected_span) < 0)
    set_selected_span_internal (self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
model_relations_changed_cb (GListModel   *relations,
                            guint         position,
                            guint         removed,
                            guint         added,
                            AlamaDocView *self)
{
  update_shown_relations (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The schema (colours, labels) changes without touching a span. */
static void
store_changed_cb (AlamaDocView *self,
                  gint64        document_id,
                  AlamaStore   *store)
{
  g_autoptr(AlamaSchema) schema = NULL;

  if (self->document == NULL || document_id != 0)
    return;
  schema = alama_store_get_schema (self->store);
  if (schema == self->schema)
    return;
  g_clear_pointer (&self->schema, alama_schema_unref);
  self->schema = g_steal_pointer (&schema);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_model (AlamaDocView       *self,
           AlamaDocumentModel *model)
{
  g_set_object (&self->model, model);
  g_signal_group_set_target (self->span_signals,
                             model != NULL ? alama_document_model_get_spans (model) : NULL);
  g_signal_group_set_target (self->relation_signals,
                             model != NULL ? alama_document_model_get_relations (model) : NULL);
  self->text = model != NULL ? alama_document_model_get_text (model) : NULL;
  self->text_index = model != NULL ? alama_document_model_get_text_index (model) : NULL;
}

/* ---- Selection ------------------------------------------------------------ */

gboolean
_alama_doc_view_get_selection (AlamaDocView *self,
                               gint64       *start,
                               gint64       *end)
{
  GtkTextIter a, b;

  if (self->map == NULL || !gtk_text_buffer_get_selection_bounds (get_buffer (self), &a, &b))
    return FALSE;
  *start = alama_display_map_to_stored (self->map, gtk_text_iter_get_offset (&a));
  *end = alama_display_map_to_stored (self->map, gtk_text_iter_get_offset (&b));
  return *start < *end;
}

static void
update_selection_text (AlamaDocView *self)
{
  gint64 start, end;
  g_autofree char *text = NULL;

  if (self->text_index != NULL && _alama_doc_view_get_selection (self, &start, &end))
    {
      g_autofree char *inner = alama_text_index_substring (self->text_index, start, end);
      text = g_strconcat (FSI, inner, PDI, NULL);
    }
  else
    text = g_strdup ("");

  if (g_strcmp0 (text, self->selection_text) == 0)
    return;
  g_free (self->selection_text);
  self->selection_text = g_steal_pointer (&text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_TEXT]);
}

static void
mark_set_cb (AlamaDocView  *self,
             GtkTextIter   *location,
             GtkTextMark   *mark,
             GtkTextBuffer *buffer)
{
  if (mark == gtk_text_buffer_get_insert (buffer) ||
      mark == gtk_text_buffer_get_selection_bound (buffer))
    update_selection_text (self);
}

static void
select_buffer_range (AlamaDocView *self,
                     gint64        start,
                     gint64        end)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, alama_display_map_to_buffer (self->map, start));
  gtk_text_buffer_get_iter_at_offset (buffer, &b, alama_display_map_to_buffer (self->map, end));
  gtk_text_buffer_select_range (buffer, &b, &a);
}

void
_alama_doc_view_select_range (AlamaDocView *self,
                              gint64        start,
                              gint64        end,
                              gboolean      exact)
{
  g_return_if_fail (self->text_index != NULL);

  if (start > end)
    {
      gint64 t = start;
      start = end;
      end = t;
    }
  start = CLAMP (start, 0, alama_text_index_get_length (self->text_index));
  end = CLAMP (end, 0, alama_text_index_get_length (self->text_index));

  if (!exact && self->snap_to_words)
    alama_text_snap_to_words (self->text_index, &start, &end);
  else
    alama_text_fix_span_edges (self->text_index, &start, &end);

  self->selection_exact = exact || !self->snap_to_words;
  select_buffer_range (self, start, end);
}

void
_alama_doc_view_clear_selection (AlamaDocView *self)
{
  GtkTextBuffer *buffer = get_buffer (self);
  GtkTextIter insert;

  /* Only the selection bound moves. GTK 4.8 drops the cached layout of the
   * caret's paragraph whenever the insert mark is set, even to where it
   * already is, and the next frame (or the tooltip query before it) would lay
   * that paragraph out again: up to a millisecond after every label key. */
  gtk_text_buffer_get_iter_at_mark (buffer, &insert, gtk_text_buffer_get_insert (buffer));
  gtk_text_buffer_move_mark (buffer, gtk_text_buffer_get_selection_bound (buffer), &insert);
  self->selection_exact = FALSE;
}

/* The selection as the span it would become: snapped (unless made exact with Alt
 * or snapping is off) and never splitting a lam-alef. FALSE when nothing is left. */
static gboolean
selection_as_span_range (AlamaDocView *self,
                         gint64       *start,
                         gint64       *end)
{
  if (!_alama_doc_view_get_selection (self, start, end))
    return FALSE;
  if (self->snap_to_words && !self->selection_exact)
    alama_text_snap_to_words (self->text_index, start, end);
  else
    alama_text_fix_span_edges (self->text_index, start, end);
  return *start < *end;
}

/* ---- Changes written to the store ---------------------------------------- */

const AlamaLabel *
_alama_doc_view_label_for_key (AlamaDocView *self,
                               guint         keyval)
{
  char key[8] = { 0 };
  gunichar ch = gdk_keyval_to_unicode (keyval);

  if (self->schema == NULL || ch == 0 || !g_unichar_isgraph (ch))
    return NULL;
  g_unichar_to_utf8 (ch, key);
  return alama_schema_find_label_by_shortcut (self->schema, key);
}

static gboolean
check_writable (AlamaDocView *self)
{
  if (self->store == NULL || self->document == NULL)
    return FALSE;
  if (alama_store_is_read_only (self->store))
    {
      _alama_doc_view_emit_error (self, _("This project is read-only: annotations cannot be changed."));
      return FALSE;
    }
  return TRUE;
}

gint64
_alama_doc_view_apply_label (AlamaDocView *self,
                             const char   *label)
{
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  g_return_val_if_fail (label != NULL, 0);

  if (!check_writable (self))
    return 0;

  if (selection_as_span_range (self, &start, &end))
    {
      g_autoptr(AlamaSpan) span = alama_span_new (label, start, end);

      span->document_id = alama_document_get_id (self->document);
      span->status = ALAMA_STATUS_ACCEPTED;
      if (!alama_store_add_span (self->store, span, &error))
        {
          g_autofree char *msg = g_strdup_printf (_("Could not add the %s annotation at %" PRId64 "–%" PRId64 " in “%s”: %s"),
                                                  label, start, end,
                                                  alama_document_get_name (self->document),
                                                  alama_error_text (error));
          _alama_doc_view_emit_error (self, msg);
          return 0;
        }
      _alama_doc_view_clear_selection (self);
      set_selected_span_internal (self, span->id);
      alama_probe_point ("span-created", self);
      return span->id;
    }

  if (self->selected_span != 0)
    {
      g_autoptr(GPtrArray) blocking = NULL;
      g_autoptr(AlamaSpan) span = NULL;

      /* A label that would break relations: the window asks whether to drop
       * them (a bare view, without a window, reports the store's refusal). */
      blocking = alama_store_list_relations_blocking_label (self->store, self->selected_span,
                                                            label, NULL);
      if (blocking != NULL && blocking->len > 0 &&
          gtk_widget_activate_action (GTK_WIDGET (self), "win.relabel-annotation", "(xs)",
                                      self->selected_span, label))
        return self->selected_span;

      span = alama_store_get_span (self->store, self->selected_span, &error);

      if (span == NULL || (g_free (span->label), span->label = g_strdup (label),
                           !alama_store_update_span (self->store, span, &error)))
        {
          g_autofree char *msg = g_strdup_printf (_("Could not change the label of annotation %" PRId64 ": %s"),
                                                  self->selected_span, alama_error_text (error));
          _alama_doc_view_emit_error (self, msg);
          return 0;
        }
      return span->id;
    }

  return 0;
}

gboolean
_alama_doc_view_add_fragment (AlamaDocView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = NULL;
  gint64 start, end;

  if (self->selected_span == 0 || !check_writable (self))
    return FALSE;
  if (!selection_as_span_range (self, &start, &end))
    return FALSE;

  span = alama_store_get_span (self->store, self->selected_span, &error);
  if (span != NULL)
    {
      /* A fragment overlapping an existing one would make a malformed span. */
      for (guint i = 0; i < alama_span_get_n_fragments (span); i++)
        {
          const AlamaFragment *f = alama_span_get_fragment (span, i);
          if (f->start < end && start < f->end)
            {
              _alama_doc_view_emit_error (self, _("The new fragment overlaps the annotation it would be added to."));
              return FALSE;
            }
        }
      alama_span_add_fragment (span, start, end);
    }
  if (span == NULL || !alama_store_update_span (self->store, span, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not add a fragment to annotation %" PRId64 ": %s"),
                                              self->selected_span, alama_error_text (error));
      _alama_doc_view_emit_error (self, msg);
      return FALSE;
    }
  _alama_doc_view_clear_selection (self);
  return TRUE;
}

gint64
_alama_doc_view_add_relation (AlamaDocView *self,
                              gint64        from_id,
                              gint64        to_id,
                              const char   *type)
{
  g_autoptr(AlamaRelation) rel = NULL;
  g_autoptr(GError) error = NULL;

  if (!check_writable (self))
    return 0;
  rel = alama_relation_new (type, from_id, to_id);
  rel->document_id = alama_document_get_id (self->document);
  rel->status = ALAMA_STATUS_ACCEPTED;
  if (!alama_store_add_relation (self->store, rel, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not add the %s relation: %s"), type, alama_error_text (error));
      _alama_doc_view_emit_error (self, msg);
      return 0;
    }
  return rel->id;
}

void
_alama_doc_view_begin_relation (AlamaDocView *self,
                                gint64        from_id,
                                gint64        to_id)
{
  if (from_id == to_id || from_id == 0 || to_id == 0)
    return;
  _alama_doc_view_show_relation_popover (self, from_id, to_id);
}

void
_alama_doc_view_select_next (AlamaDocView *self,
                             int           direction)
{
  guint n;
  int current;
  int next;

  if (self->spans == NULL || (n = alama_span_index_get_n_spans (self->spans)) == 0)
    return;

  /* The store lists spans by start, longer first: logical order. */
  current = self->selected_span ? alama_span_index_find_id (self->spans, self->selected_span) : -1;
  if (current < 0)
    next = direction > 0 ? 0 : (int) n - 1;
  else
    next = ((current + direction) % (int) n + (int) n) % (int) n;

  _alama_doc_view_clear_selection (self);
  alama_doc_view_select_span (self, alama_span_index_get_span (self->spans, next)->id, TRUE);
}

void
_alama_doc_view_copy (AlamaDocView *self)
{
  gint64 start, end;
  g_autofree char *text = NULL;

  if (self->text_index == NULL)
    return;

  if (_alama_doc_view_get_selection (self, &start, &end))
    text = alama_text_index_substring (self->text_index, start, end);
  else if (self->selected_span != 0 && self->spans != NULL)
    {
      int i = alama_span_index_find_id (self->spans, self->selected_span);
      if (i >= 0)
        text = alama_span_dup_text (alama_span_index_get_span (self->spans, i), self->text);
    }

  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

gint64
_alama_doc_view_offset_at (AlamaDocView *self,
                           double        x,
                           double        y)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextIter iter;
  int bx, by, trailing;

  if (self->map == NULL)
    return -1;
  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_position (view, &iter, &trailing, bx, by))
    return -1;
  return alama_display_map_to_stored (self->map, gtk_text_iter_get_offset (&iter));
}

/* ---- Flash ---------------------------------------------------------------- */

#define FLASH_DURATION_US (700 * 1000)

static gboolean
flash_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  AlamaDocView *self = ALAMA_DOC_VIEW (widget);
  double t = (double) (gdk_frame_clock_get_frame_time (clock) - self->flash_start_us) / FLASH_DURATION_US;

  gtk_widget_queue_draw (widget);
  if (t >= 1.0)
    {
      self->flash_amount = 0.0;
      self->flash_tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  /* Two pulses that fade out. */
  self->flash_amount = (1.0 - t) * (0.5 - 0.5 * cos (t * 4.0 * G_PI));
  return G_SOURCE_CONTINUE;
}

static void
start_flash (AlamaDocView *self)
{
  self->flash_start_us = g_get_monotonic_time ();
  self->flash_amount = 1.0;
  if (self->flash_tick_id == 0)
    self->flash_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), flash_tick_cb, NULL, NULL);
}

void
_alama_doc_view_flash (AlamaDocView *self)
{
  start_flash (self);
}

/* ---- Public API ----------------------------------------------------------- */

GtkWidget *
alama_doc_view_new (void)
{
  return g_object_new (ALAMA_TYPE_DOC_VIEW, NULL);
}

void
alama_doc_view_set_store (AlamaDocView *self,
                          AlamaStore   *store)
{
  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));
  g_return_if_fail (store == NULL || ALAMA_IS_STORE (store));

  if (self->store == store)
    return;

  alama_doc_view_set_document (self, NULL);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->schema, alama_schema_unref);
  if (store != NULL)
    {
      self->schema = alama_store_get_schema (store);
      self->store_changed_id = g_signal_connect_object (store, "changed",
                                                        G_CALLBACK (store_changed_cb), self,
                                                        G_CONNECT_SWAPPED);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

AlamaStore *
alama_doc_view_get_store (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), NULL);
  return self->store;
}

void
alama_doc_view_set_document (AlamaDocView  *self,
                             AlamaDocument *doc)
{
  g_autoptr(AlamaDocumentModel) model = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));
  g_return_if_fail (doc == NULL || ALAMA_IS_DOCUMENT (doc));

  if (self->document == doc)
    {
      g_clear_pointer (&self->preloaded, alama_preloaded_document_free);
      return;
    }

  _alama_doc_view_hide_popovers (self);
  self->relation_pick = FALSE;
  set_selected_span_internal (self, 0);
  g_set_object (&self->document, doc);

  if (doc != NULL && self->store != NULL && self->preloaded != NULL &&
      self->preloaded->document_id == alama_document_get_id (doc) && self->preloaded->model != NULL)
    model = g_object_ref (self->preloaded->model);
  else if (doc != NULL && self->store != NULL)
    {
      model = alama_document_model_get_for_document (self->store, alama_document_get_id (doc),
                                                     &error);
      if (model == NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("Could not read “%s”: %s"),
                                                  alama_document_get_name (doc), alama_error_text (error));
          _alama_doc_view_emit_error (self, msg);
        }
    }
  set_model (self, model);

  rebuild_buffer (self);
  alama_doc_view_reload (self);
  g_clear_pointer (&self->preloaded, alama_preloaded_document_free);
  update_selection_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

void
alama_doc_view_set_preloaded (AlamaDocView           *self,
                              AlamaPreloadedDocument *preloaded)
{
  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));

  g_clear_pointer (&self->preloaded, alama_preloaded_document_free);
  self->preloaded = preloaded;
}

AlamaDocument *
alama_doc_view_get_document (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), NULL);
  return self->document;
}

gint64
alama_doc_view_get_selected_relation (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), 0);
  return self->selected_relation;
}

void
alama_doc_view_select_relation (AlamaDocView *self,
                                gint64        relation_id,
                                gboolean      scroll)
{
  AlamaRelation *rel;

  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));

  if (relation_id == 0)
    {
      set_selected_relation_internal (self, 0);
      return;
    }
  /* Only a shown relation (both ends shown) can be selected. */
  if ((rel = _alama_doc_view_find_relation (self, relation_id)) == NULL)
    return;
  set_selected_span_internal (self, 0);
  set_selected_relation_internal (self, relation_id);
  if (scroll && self->map != NULL)
    {
      int i = alama_span_index_find_id (self->spans, rel->from_id);
      AlamaSpan *from = i >= 0 ? alama_span_index_get_span (self->spans, i) : NULL;
      GtkTextIter iter;

      if (from == NULL)
        return;
      gtk_text_buffer_get_iter_at_offset (get_buffer (self), &iter,
                                          alama_display_map_to_buffer (self->map, alama_span_get_start (from)));
      gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self), &iter, 0.1, FALSE, 0.0, 0.3);
    }
}

void
alama_doc_view_scroll_to_span (AlamaDocView *self,
                               gint64        span_id)
{
  int i;
  GtkTextIter iter;

  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));

  if (self->spans == NULL || self->map == NULL ||
      (i = alama_span_index_find_id (self->spans, span_id)) < 0)
    return;
  gtk_text_buffer_get_iter_at_offset (get_buffer (self), &iter,
                                      alama_display_map_to_buffer (self->map,
                                                                   alama_span_get_start (alama_span_index_get_span (self->spans, i))));
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self), &iter, 0.1, FALSE, 0.0, 0.3);
}

gint64
alama_doc_view_get_selected_span (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), 0);
  return self->selected_span;
}

void
alama_doc_view_select_span (AlamaDocView *self,
                            gint64        span_id,
                            gboolean      scroll_and_flash)
{
  int i = -1;

  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));

  /* The model follows every commit: a span not shown is not there (or hidden). */
  if (span_id != 0 && (self->spans == NULL || (i = alama_span_index_find_id (self->spans, span_id)) < 0))
    return;

  set_selected_span_internal (self, span_id);
  if (span_id != 0 && scroll_and_flash && self->map != NULL)
    {
      AlamaSpan *span = alama_span_index_get_span (self->spans, i);
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_offset (get_buffer (self), &iter,
                                          alama_display_map_to_buffer (self->map, alama_span_get_start (span)));
      gtk_text_buffer_place_cursor (get_buffer (self), &iter);
      gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self), &iter, 0.1, FALSE, 0.0, 0.3);
      start_flash (self);
    }
}

double
alama_doc_view_get_zoom (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), 1.0);
  return self->zoom;
}

void
alama_doc_view_set_zoom (AlamaDocView *self,
                         double        zoom)
{
  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));
  zoom = CLAMP (zoom, 0.5, 3.0);
  if (zoom == self->zoom)
    return;
  self->zoom = zoom;
  update_text_tag (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

const char *
alama_doc_view_get_font_family (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), NULL);
  return self->font_family;
}

void
alama_doc_view_set_font_family (AlamaDocView *self,
                                const char   *family)
{
  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));
  if (family == NULL || *family == '\0')
    family = "Amiri";
  if (g_strcmp0 (family, self->font_family) != 0)
    {
      g_free (self->font_family);
      self->font_family = g_strdup (family);
      update_text_tag (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_FAMILY]);
    }
}

double
alama_doc_view_get_line_spacing (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), 1.6);
  return self->line_spacing;
}

void
alama_doc_view_set_line_spacing (AlamaDocView *self,
                                 double        spacing)
{
  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));
  spacing = CLAMP (spacing, 1.0, 3.0);
  if (spacing == self->line_spacing)
    return;
  self->line_spacing = spacing;
  update_text_tag (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_SPACING]);
}

AlamaDirection
alama_doc_view_get_direction (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), ALAMA_DIRECTION_AUTO);
  return self->direction;
}

void
alama_doc_view_set_direction (AlamaDocView   *self,
                              AlamaDirection  direction)
{
  gint64 sel_start = 0, sel_end = 0;
  gboolean had_selection;

  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));
  if (direction == self->direction)
    return;

  /* The marks move, so keep the selection in stored offsets across the rebuild. */
  had_selection = _alama_doc_view_get_selection (self, &sel_start, &sel_end);
  self->direction = direction;
  gtk_widget_set_direction (GTK_WIDGET (self),
                            direction == ALAMA_DIRECTION_LTR ? GTK_TEXT_DIR_LTR :
                            direction == ALAMA_DIRECTION_RTL ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_NONE);
  rebuild_buffer (self);
  _alama_doc_view_plan_arcs (self);
  if (had_selection)
    select_buffer_range (self, sel_start, sel_end);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
}

gboolean
alama_doc_view_get_snap_to_words (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), TRUE);
  return self->snap_to_words;
}

void
alama_doc_view_set_snap_to_words (AlamaDocView *self,
                                  gboolean      snap)
{
  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));
  snap = !!snap;
  if (snap == self->snap_to_words)
    return;
  self->snap_to_words = snap;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_WORDS]);
}

gboolean
alama_doc_view_get_show_rejected (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), FALSE);
  return self->show_rejected;
}

void
alama_doc_view_set_show_rejected (AlamaDocView *self,
                                  gboolean      show)
{
  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));
  show = !!show;
  if (show == self->show_rejected)
    return;
  self->show_rejected = show;
  alama_doc_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_REJECTED]);
}

double
alama_doc_view_get_min_confidence (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), 0.0);
  return self->min_confidence;
}

void
alama_doc_view_set_min_confidence (AlamaDocView *self,
                                   double        min_confidence)
{
  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));
  min_confidence = CLAMP (min_confidence, 0.0, 1.0);
  if (min_confidence == self->min_confidence)
    return;
  self->min_confidence = min_confidence;
  alama_doc_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_CONFIDENCE]);
}

gboolean
alama_doc_view_get_review_least_certain_first (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), FALSE);
  return self->review_least_certain_first;
}

void
alama_doc_view_set_review_least_certain_first (AlamaDocView *self,
                                               gboolean      least_certain_first)
{
  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));
  least_certain_first = !!least_certain_first;
  if (least_certain_first == self->review_least_certain_first)
    return;
  self->review_least_certain_first = least_certain_first;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEW_LEAST_CERTAIN_FIRST]);
}

const char *
alama_doc_view_get_selection_text (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), "");
  return self->selection_text ? self->selection_text : "";
}

/* ---- GObject -------------------------------------------------------------- */

static void
alama_doc_view_snapshot_layer (GtkTextView      *view,
                               GtkTextViewLayer  layer,
                               GtkSnapshot      *snapshot)
{
  AlamaDocView *self = ALAMA_DOC_VIEW (view);

  if (self->map == NULL)
    return;
  if (layer == GTK_TEXT_VIEW_LAYER_BELOW_TEXT)
    _alama_doc_view_paint_below (self, snapshot);
  else
    _alama_doc_view_paint_above (self, snapshot);
}

static void
alama_doc_view_realize (GtkWidget *widget)
{
  AlamaDocView *self = ALAMA_DOC_VIEW (widget);

  GTK_WIDGET_CLASS (alama_doc_view_parent_class)->realize (widget);
  _alama_doc_view_watch_window_presses (self);
}

static void
alama_doc_view_unrealize (GtkWidget *widget)
{
  AlamaDocView *self = ALAMA_DOC_VIEW (widget);

  _alama_doc_view_unwatch_window_presses (self);
  GTK_WIDGET_CLASS (alama_doc_view_parent_class)->unrealize (widget);
}

static void
alama_doc_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  AlamaDocView *self = ALAMA_DOC_VIEW (widget);

  GTK_WIDGET_CLASS (alama_doc_view_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->relation_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->relation_popover));
}

static void
alama_doc_view_dispose (GObject *object)
{
  AlamaDocView *self = ALAMA_DOC_VIEW (object);

  if (self->flash_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->flash_tick_id);
      self->flash_tick_id = 0;
    }
  _alama_doc_view_dispose_popovers (self);
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  if (self->span_signals != NULL)
    {
      g_signal_group_set_target (self->span_signals, NULL);
      g_signal_group_set_target (self->relation_signals, NULL);
    }
  g_clear_object (&self->span_signals);
  g_clear_object (&self->relation_signals);
  self->text = NULL;
  self->text_index = NULL;
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (alama_doc_view_parent_class)->dispose (object);
}

static void
alama_doc_view_finalize (GObject *object)
{
  AlamaDocView *self = ALAMA_DOC_VIEW (object);

  g_clear_pointer (&self->preloaded, alama_preloaded_document_free);
  g_clear_pointer (&self->schema, alama_schema_unref);
  g_clear_pointer (&self->map, alama_display_map_free);
  g_clear_pointer (&self->run_cache, g_hash_table_unref);
  clear_shown_index (self);
  g_clear_pointer (&self->model_ids, g_array_unref);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  g_clear_pointer (&self->selection_text, g_free);
  g_clear_pointer (&self->font_family, g_free);
  g_clear_pointer (&self->review_source, g_free);
  g_clear_pointer (&self->arc_levels, g_array_unref);
  g_clear_pointer (&self->arc_depths, g_array_unref);
  g_clear_pointer (&self->arc_planned, g_array_unref);
  g_clear_pointer (&self->arc_room_tags, g_ptr_array_unref);
  g_clear_pointer (&self->arc_shapes, g_array_unref);
  g_clear_pointer (&self->small_layouts, g_hash_table_unref);
  g_clear_pointer (&self->search_hits, g_array_unref);

  G_OBJECT_CLASS (alama_doc_view_parent_class)->finalize (object);
}

static void
alama_doc_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AlamaDocView *self = ALAMA_DOC_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:          g_value_set_object (value, self->store); break;
    case PROP_DOCUMENT:       g_value_set_object (value, self->document); break;
    case PROP_SELECTED_SPAN:  g_value_set_int64 (value, self->selected_span); break;
    case PROP_SELECTED_RELATION: g_value_set_int64 (value, self->selected_relation); break;
    case PROP_ZOOM:           g_value_set_double (value, self->zoom); break;
    case PROP_FONT_FAMILY:    g_value_set_string (value, self->font_family); break;
    case PROP_LINE_SPACING:   g_value_set_double (value, self->line_spacing); break;
    case PROP_DIRECTION:      g_value_set_enum (value, self->direction); break;
    case PROP_SNAP_TO_WORDS:  g_value_set_boolean (value, self->snap_to_words); break;
    case PROP_SHOW_REJECTED:  g_value_set_boolean (value, self->show_rejected); break;
    case PROP_MIN_CONFIDENCE: g_value_set_double (value, self->min_confidence); break;
    case PROP_REVIEW_LEAST_CERTAIN_FIRST:
      g_value_set_boolean (value, self->review_least_certain_first);
      break;
    case PROP_SELECTION_TEXT: g_value_set_string (value, alama_doc_view_get_selection_text (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_doc_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AlamaDocView *self = ALAMA_DOC_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:          alama_doc_view_set_store (self, g_value_get_object (value)); break;
    case PROP_DOCUMENT:       alama_doc_view_set_document (self, g_value_get_object (value)); break;
    case PROP_SELECTED_SPAN:  alama_doc_view_select_span (self, g_value_get_int64 (value), FALSE); break;
    case PROP_SELECTED_RELATION: alama_doc_view_select_relation (self, g_value_get_int64 (value), FALSE); break;
    case PROP_ZOOM:           alama_doc_view_set_zoom (self, g_value_get_double (value)); break;
    case PROP_FONT_FAMILY:    alama_doc_view_set_font_family (self, g_value_get_string (value)); break;
    case PROP_LINE_SPACING:   alama_doc_view_set_line_spacing (self, g_value_get_double (value)); break;
    case PROP_DIRECTION:      alama_doc_view_set_direction (self, g_value_get_enum (value)); break;
    case PROP_SNAP_TO_WORDS:  alama_doc_view_set_snap_to_words (self, g_value_get_boolean (value)); break;
    case PROP_SHOW_REJECTED:  alama_doc_view_set_show_rejected (self, g_value_get_boolean (value)); break;
    case PROP_MIN_CONFIDENCE: alama_doc_view_set_min_confidence (self, g_value_get_double (value)); break;
    case PROP_REVIEW_LEAST_CERTAIN_FIRST:
      alama_doc_view_set_review_least_certain_first (self, g_value_get_boolean (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
alama_doc_view_class_init (AlamaDocViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = alama_doc_view_dispose;
  object_class->finalize = alama_doc_view_finalize;
  object_class->get_property = alama_doc_view_get_property;
  object_class->set_property = alama_doc_view_set_property;

  widget_class->realize = alama_doc_view_realize;
  widget_class->unrealize = alama_doc_view_unrealize;
  widget_class->size_allocate = alama_doc_view_size_allocate;

  text_view_class->snapshot_layer = alama_doc_view_snapshot_layer;
  _alama_doc_view_class_setup_input (klass);

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ALAMA_TYPE_STORE, rw);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, ALAMA_TYPE_DOCUMENT, rw);
  properties[PROP_SELECTED_SPAN] =
    g_param_spec_int64 ("selected-span", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_SELECTED_RELATION] =
    g_param_spec_int64 ("selected-relation", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.5, 3.0, 1.0, rw);
  properties[PROP_FONT_FAMILY] =
    g_param_spec_string ("font-family", NULL, NULL, "Amiri", rw);
  properties[PROP_LINE_SPACING] =
    g_param_spec_double ("line-spacing", NULL, NULL, 1.0, 3.0, 1.6, rw);
  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL, ALAMA_TYPE_DIRECTION, ALAMA_DIRECTION_AUTO, rw);
  properties[PROP_SNAP_TO_WORDS] =
    g_param_spec_boolean ("snap-to-words", NULL, NULL, TRUE, rw);
  properties[PROP_SHOW_REJECTED] =
    g_param_spec_boolean ("show-rejected", NULL, NULL, FALSE, rw);
  properties[PROP_MIN_CONFIDENCE] =
    g_param_spec_double ("min-confidence", NULL, NULL, 0.0, 1.0, 0.0, rw);
  properties[PROP_REVIEW_LEAST_CERTAIN_FIRST] =
    g_param_spec_boolean ("review-least-certain-first", NULL, NULL, FALSE, rw);
  properties[PROP_SELECTION_TEXT] =
    g_param_spec_string ("selection-text", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AlamaDocView::error:
   * @message: what went wrong, worded for a person
   */
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * AlamaDocView::notice:
   * @message: what the view just did that the analyst may not see, worded
   *   for a person (which of several annotations at a point a click chose)
   */
  signals[SIGNAL_NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * AlamaDocView::span-deleted:
   * @span_id: the annotation the view deleted (Delete key), already gone from the store
   *
   * Lets the shell offer the same "Undo" toast as for a delete from the panel.
   */
  signals[SIGNAL_SPAN_DELETED] =
    g_signal_new ("span-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "textview");
}

static void
alama_doc_view_init (AlamaDocView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  self->zoom = 1.0;
  self->font_family = g_strdup ("Amiri");
  self->line_spacing = 1.6;
  self->direction = ALAMA_DIRECTION_AUTO;
  self->snap_to_words = TRUE;
  self->selection_text = g_strdup ("");
  self->arc_levels = g_array_new (FALSE, TRUE, sizeof (AlamaArcLevels));
  self->arc_depths = g_array_new (FALSE, TRUE, sizeof (guint8));
  self->arc_planned = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->arc_room_tags = g_ptr_array_new ();
  self->arc_shapes = g_array_new (FALSE, FALSE, sizeof (AlamaArcShape));
  self->model_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->span_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect (self->span_signals, "items-changed",
                          G_CALLBACK (model_spans_changed_cb), self);
  self->relation_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect (self->relation_signals, "items-changed",
                          G_CALLBACK (model_relations_changed_cb), self);

  gtk_text_view_set_editable (view, FALSE);
  /* A visible caret: with cursor-visible FALSE, GtkTextView turns the arrow keys
   * into scrolling and Shift+arrows would not select. */
  gtk_text_view_set_cursor_visible (view, TRUE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (view, 28);
  gtk_text_view_set_right_margin (view, 28);
  gtk_text_view_set_top_margin (view, 20);
  gtk_text_view_set_bottom_margin (view, 28);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "alama-doc-view");

  self->text_tag = gtk_text_buffer_create_tag (buffer, "alama-text", NULL);
  update_text_tag (self);
  g_signal_connect_object (buffer, "mark-set", G_CALLBACK (mark_set_cb), self, G_CONNECT_SWAPPED);

  _alama_doc_view_setup_edges (self);   /* before the input: its gesture sees presses first */
  _alama_doc_view_setup_input (self);
  _alama_doc_view_setup_review (self);
}
