/* alama-doc-view-review.c: reviewing automatic suggestions (pending spans and
 * pending relations) in the doc view: walking from one suggestion to the next,
 * accepting, rejecting and relabelling them, and the tooltip that names a
 * span's label, source and status.
 *
 * Review decisions (see also ui/gtk/help-overlay.ui, "Review"):
 * - N / P walk the pending suggestions in reading order: a span where it
 *   starts, a relation where its first end in the text starts; at one place
 *   the span comes before the relations that start there. A relation is a stop
 *   when it is drawn, that is when both its ends are shown (pending or
 *   accepted): accepting its ends does not accept it, but it stays reachable.
 *   The view first asks its window for "win.review-next" / "win.review-previous",
 *   which continue into the next document with suggestions; without such an
 *   action (a bare view) the walk stays in the document.
 * - Enter or A accepts, R or Delete rejects the selected suggestion (span or
 *   relation). A rejected row stays in the project with status "rejected", so
 *   taggers never propose it again; a rejected span takes its pending relations
 *   with it (the store does that in the same change). R and Delete on an
 *   accepted span keep their meaning (relation, delete).
 * - A label's key on a selected suggested span changes its label AND accepts
 *   it: the analyst has decided what it is. One store call, so one undo step.
 * - After a decision the selection moves on to the next suggestion after the
 *   decided one, never back to the top and never to another document by
 *   itself: at the end the view says so, and N moves on.
 * - The view scrolls only when the next suggestion is off screen.
 * - With a review source set, only that source's suggestions are visited. */
#define G_LOG_DOMAIN "alama-doc-view"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "alama-confidence-text.h"
#include "alama-display-text.h"
#include "alama-error-text.h"
#include "alama-status-text.h"
#include "alama-doc-view-private.h"

/* Where a suggestion (or any selected span or relation) sits in the review
 * order: least certain first when the view is asked to (certainty), then in
 * reading order: by place, spans before relations, then longer spans first as
 * in the span index, then by id. Stable across a change, unlike an index in
 * the span index, which a rejected span leaves. */
typedef struct
{
  double certainty;  /* the model's confidence; above 1 without one, or in reading order */
  gint64 place;
  int    kind;     /* 0 span, 1 relation */
  gint64 end;      /* spans: longer first */
  gint64 id;
} ReviewKey;

static int
review_key_compare (const ReviewKey *a,
                    const ReviewKey *b)
{
  if (a->certainty != b->certainty)
    return a->certainty < b->certainty ? -1 : 1;
  if (a->place != b->place)
    return a->place < b->place ? -1 : 1;
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->end != b->end)
    return a->end > b->end ? -1 : 1;
  if (a->id != b->id)
    return a->id < b->id ? -1 : 1;
  return 0;
}

static AlamaSpan *
shown_span (AlamaDocView *self,
            gint64        span_id)
{
  int i;

  if (self->spans == NULL || span_id == 0 || (i = alama_span_index_find_id (self->spans, span_id)) < 0)
    return NULL;
  return alama_span_index_get_span (self->spans, i);
}

#define NO_CERTAINTY 2.0

static ReviewKey
span_key (AlamaDocView *self,
          AlamaSpan    *span)
{
  double certainty = NO_CERTAINTY;

  /* Left as it is without a confidence: last. */
  if (self->review_least_certain_first)
    alama_span_get_confidence (span, &certainty);
  return (ReviewKey) { certainty, alama_span_get_start (span), 0, alama_span_get_end (span), span->id };
}

/* FALSE when an end is not shown (the relation is not drawn). */
static gboolean
relation_key (AlamaDocView  *self,
              AlamaRelation *rel,
              ReviewKey     *key)
{
  AlamaSpan *from = shown_span (self, rel->from_id);
  AlamaSpan *to = shown_span (self, rel->to_id);

  if (from == NULL || to == NULL)
    return FALSE;
  *key = (ReviewKey) { NO_CERTAINTY, MIN (alama_span_get_start (from), alama_span_get_start (to)),
                       1, 0, rel->id };
  return TRUE;
}

static gboolean
source_matches (AlamaDocView *self,
                const char   *source)
{
  return self->review_source == NULL || g_strcmp0 (source, self->review_source) == 0;
}

static gboolean
is_reviewable (AlamaDocView *self,
               AlamaSpan    *span)
{
  return span->status == ALAMA_STATUS_PENDING && source_matches (self, span->source);
}

static gboolean
is_reviewable_relation (AlamaDocView  *self,
                        AlamaRelation *rel)
{
  return rel->status == ALAMA_STATUS_PENDING && source_matches (self, rel->source);
}

/* The key of what is selected; FALSE when nothing is. */
static gboolean
selected_key (AlamaDocView *self,
              ReviewKey    *key)
{
  AlamaSpan *span;
  AlamaRelation *rel;

  if ((span = shown_span (self, self->selected_span)) != NULL)
    {
      *key = span_key (self, span);
      return TRUE;
    }
  if ((rel = _alama_doc_view_find_relation (self, self->selected_relation)) != NULL)
    return relation_key (self, rel, key);
  return FALSE;
}

/* The nearest suggestion after (@direction 1) or before (-1) @from (NULL: from
 * the document's start or end). FALSE when there is none. */
static gboolean
find_suggestion (AlamaDocView    *self,
                 const ReviewKey *from,
                 int              direction,
                 ReviewKey       *found)
{
  gboolean have = FALSE;
  guint n;

  if (self->spans == NULL)
    return FALSE;

#define CONSIDER(candidate) \
  G_STMT_START { \
    const ReviewKey *c = (candidate); \
    if ((from == NULL || review_key_compare (c, from) * direction > 0) && \
        (!have || review_key_compare (c, found) * direction < 0)) \
      { \
        *found = *c; \
        have = TRUE; \
      } \
  } G_STMT_END

  n = alama_span_index_get_n_spans (self->spans);
  for (guint i = 0; i < n; i++)
    {
      AlamaSpan *span = alama_span_index_get_span (self->spans, i);
      ReviewKey key;

      if (!is_reviewable (self, span))
        continue;
      key = span_key (self, span);
      CONSIDER (&key);
    }
  for (guint i = 0; self->relations != NULL && i < self->relations->len; i++)
    {
      AlamaRelation *rel = g_ptr_array_index (self->relations, i);
      ReviewKey key;

      if (is_reviewable_relation (self, rel) && relation_key (self, rel, &key))
        CONSIDER (&key);
    }
#undef CONSIDER

  return have;
}

/* Scrolls the text at @offset into view, with a margin, only when it is not
 * on screen: the analyst's eyes stay where they were while the next
 * suggestion is in sight. */
static void
scroll_to_offset_if_hidden (AlamaDocView *self,
                            gint64        offset)
{
  GtkTextView *text_view = GTK_TEXT_VIEW (self);
  GtkTextIter iter;
  GdkRectangle location, visible;

  if (self->map == NULL)
    return;
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter,
                                      alama_display_map_to_buffer (self->map, offset));
  gtk_text_view_get_iter_location (text_view, &iter, &location);
  gtk_text_view_get_visible_rect (text_view, &visible);
  if (visible.height > 0 &&
      location.y >= visible.y && location.y + location.height <= visible.y + visible.height)
    return;
  gtk_text_view_scroll_to_iter (text_view, &iter, 0.1, FALSE, 0.0, 0.3);
}

/* Selects the suggestion of @key and brings it into sight. */
static void
select_suggestion (AlamaDocView    *self,
                   const ReviewKey *key)
{
  _alama_doc_view_clear_selection (self);
  if (key->kind == 0)
    alama_doc_view_select_span (self, key->id, FALSE);
  else
    alama_doc_view_select_relation (self, key->id, FALSE);
  scroll_to_offset_if_hidden (self, key->place);
  if (key->kind == 0)
    _alama_doc_view_flash (self);
}

gboolean
_alama_doc_view_review_step (AlamaDocView *self,
                             int           direction)
{
  ReviewKey from, found;
  gboolean have_from;

  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), FALSE);

  /* The end was announced: from here on nothing follows, not the top again;
   * P goes back from the end. */
  if (self->review_at_end && direction > 0)
    return FALSE;
  have_from = selected_key (self, &from);
  if (!find_suggestion (self, have_from ? &from : NULL, direction > 0 ? 1 : -1, &found))
    return FALSE;
  select_suggestion (self, &found);
  return TRUE;
}

gboolean
_alama_doc_view_review_restart (AlamaDocView *self,
                                int           direction)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), FALSE);

  alama_doc_view_select_span (self, 0, FALSE);
  alama_doc_view_select_relation (self, 0, FALSE);
  self->review_at_end = FALSE;
  return _alama_doc_view_review_step (self, direction);
}

AlamaSpan *
_alama_doc_view_get_selected_suggestion (AlamaDocView *self)
{
  AlamaSpan *span = shown_span (self, self->selected_span);

  return span != NULL && span->status == ALAMA_STATUS_PENDING ? span : NULL;
}

AlamaRelation *
_alama_doc_view_get_selected_suggested_relation (AlamaDocView *self)
{
  AlamaRelation *rel = _alama_doc_view_find_relation (self, self->selected_relation);

  return rel != NULL && rel->status == ALAMA_STATUS_PENDING ? rel : NULL;
}

gboolean
_alama_doc_view_has_selected_suggestion (AlamaDocView *self)
{
  return _alama_doc_view_get_selected_suggestion (self) != NULL ||
         _alama_doc_view_get_selected_suggested_relation (self) != NULL;
}

/* The suggestions N would visit were they not hidden for their confidence:
 * the analyst is told they are there. */
static guint
count_hidden_suggestions (AlamaDocView *self)
{
  guint n = 0;

  if (self->model == NULL)
    return 0;
  for (guint i = 0; i < alama_document_model_get_n_spans (self->model); i++)
    {
      AlamaSpan *span = alama_document_model_get_span (self->model, i);

      if (is_reviewable (self, span) && !alama_span_filter_shows (&self->span_filter, span))
        n++;
    }
  return n;
}

gboolean
_alama_doc_view_review_at_end (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), FALSE);
  return self->review_at_end;
}

void
_alama_doc_view_review_set_at_end (AlamaDocView *self,
                                   gboolean      at_end)
{
  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));
  self->review_at_end = at_end;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (at_end)
    {
      guint hidden = count_hidden_suggestions (self);
      g_autofree char *message = NULL;

      if (hidden == 0)
        message = g_strdup (_("No more suggestions in this document — N again goes to the next document"));
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "No more suggestions in this document (%u hidden below "
                                                "the confidence threshold) — N again goes to the next "
                                                "document",
                                                "No more suggestions in this document (%u hidden below "
                                                "the confidence threshold) — N again goes to the next "
                                                "document",
                                                hidden),
                                   hidden);
      _alama_doc_view_emit_error (self, message);
    }
}

/* Writes the decision on the selected suggested span or relation as one
 * change; FALSE (and an "error" signal) when the store refused it. */
static gboolean
write_decision (AlamaDocView *self,
                AlamaSpan    *span,
                AlamaRelation *rel,
                AlamaStatus   status,
                const char   *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) stored = NULL;
  g_autofree char *msg = NULL;
  gboolean ok;

  if (rel != NULL)
    ok = alama_store_set_relation_status (self->store, rel->id, status, &error);
  else
    {
      /* One store call: one change and one undo step, label and status together. */
      stored = alama_store_get_span (self->store, span->id, &error);
      if (stored != NULL)
        {
          stored->status = status;
          if (label != NULL)
            {
              g_free (stored->label);
              stored->label = g_strdup (label);
            }
        }
      ok = stored != NULL && alama_store_update_span (self->store, stored, &error);
    }
  if (ok)
    return TRUE;

  if (rel != NULL)
    msg = status == ALAMA_STATUS_REJECTED
          ? g_strdup_printf (_("Could not reject suggested relation %" PRId64 " in “%s”: %s"),
                             rel->id, alama_document_get_name (self->document), alama_error_text (error))
          : g_strdup_printf (_("Could not accept suggested relation %" PRId64 " in “%s”: %s"),
                             rel->id, alama_document_get_name (self->document), alama_error_text (error));
  else
    msg = g_strdup_printf (_("Could not %s suggestion %" PRId64 " in “%s”: %s"),
                           status == ALAMA_STATUS_REJECTED ? _("reject") : _("accept"),
                           span->id, alama_document_get_name (self->document),
                           alama_error_text (error));
  _alama_doc_view_emit_error (self, msg);
  return FALSE;
}

gboolean
_alama_doc_view_review_decide (AlamaDocView *self,
                               AlamaStatus   status,
                               const char   *label)
{
  AlamaSpan *span;
  AlamaRelation *rel = NULL;
  ReviewKey decided, next;
  g_autoptr(AlamaRelation) rel_ref = NULL;
  g_autoptr(AlamaSpan) span_ref = NULL;

  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), FALSE);

  span = _alama_doc_view_get_selected_suggestion (self);
  if (span == NULL)
    rel = _alama_doc_view_get_selected_suggested_relation (self);
  if ((span == NULL && rel == NULL) || self->store == NULL || self->document == NULL)
    return FALSE;
  if (alama_store_is_read_only (self->store))
    {
      _alama_doc_view_emit_error (self, _("This project is read-only: suggestions cannot be reviewed."));
      return FALSE;
    }

  /* Where it sits, found before the change: a rejected span leaves the index
   * (and the model may replace the objects). */
  if (span != NULL)
    {
      span_ref = alama_span_ref (span);
      decided = span_key (self, span);
    }
  else
    {
      rel_ref = alama_relation_ref (rel);
      if (!relation_key (self, rel, &decided))
        return FALSE;
    }

  if (!write_decision (self, span_ref, rel_ref, status, label))
    return FALSE;

  /* The model has shown the decision already: go on from where it was. */
  if (find_suggestion (self, &decided, 1, &next))
    {
      self->review_at_end = FALSE;
      select_suggestion (self, &next);
    }
  else
    {
      alama_doc_view_select_span (self, 0, FALSE);
      alama_doc_view_select_relation (self, 0, FALSE);
      _alama_doc_view_review_set_at_end (self, TRUE);
    }
  return TRUE;
}

const char *
alama_doc_view_get_review_source (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), NULL);
  return self->review_source;
}

void
alama_doc_view_set_review_source (AlamaDocView *self,
                                  const char   *source)
{
  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));

  if (g_strcmp0 (source, self->review_source) == 0)
    return;
  g_free (self->review_source);
  self->review_source = g_strdup (source);
}

/* ---- Tooltip ------------------------------------------------------------------ */

char *
_alama_doc_view_dup_span_tooltip (AlamaDocView *self,
                                  AlamaSpan    *span)
{
  const AlamaLabel *label = _alama_doc_view_find_label (self, span->label);
  const char *source = span->source != NULL ? span->source : ALAMA_SOURCE_MANUAL;
  g_autofree char *head = NULL;
  double confidence;

  const char *mark = alama_display_text_direction_mark (gtk_widget_get_default_direction () ==
                                                       GTK_TEXT_DIR_RTL);

  /* "GPE (كيان سياسي) · gazetteer · pending": the key, the Arabic name for
   * the reader, where it came from and where it stands. The names are
   * isolated and the line starts with the interface's direction, so that a
   * Latin label or source does not reorder an Arabic line, nor the other way. */
  if (label != NULL && label->name_ar != NULL && label->name_ar[0] != '\0')
    head = g_strdup_printf ("%s" ALAMA_FSI "%s" ALAMA_PDI " (" ALAMA_FSI "%s" ALAMA_PDI ") · "
                            ALAMA_FSI "%s" ALAMA_PDI " · %s", mark, span->label, label->name_ar,
                            source, alama_status_text (span->status));
  else
    head = g_strdup_printf ("%s" ALAMA_FSI "%s" ALAMA_PDI " · " ALAMA_FSI "%s" ALAMA_PDI " · %s",
                            mark, span->label, source, alama_status_text (span->status));
  /* A model's suggestion says how sure the model was. */
  if (alama_span_get_confidence (span, &confidence))
    {
      g_autofree char *sure = alama_confidence_to_text (confidence);
      char *with = g_strconcat (head, " · ", sure, NULL);

      g_free (head);
      head = with;
    }

  switch (span->status)
    {
    case ALAMA_STATUS_PENDING:
      return g_strconcat (head, " — ", _("Enter accept, R reject, N next"), NULL);
    case ALAMA_STATUS_REJECTED:
      return g_strconcat (head, " — ", _("hidden unless “Show Rejected Suggestions” is on"), NULL);
    case ALAMA_STATUS_ACCEPTED:
    default:
      return g_steal_pointer (&head);
    }
}

/* What the tooltip says at (@x, @y) of the view, or of the selected span from
 * the keyboard; NULL where there is no span, and while the label or relation
 * chooser is open: the tooltip would cover its header, the text being labelled
 * or the two ends being related. */
char *
_alama_doc_view_dup_tooltip_at (AlamaDocView *self,
                                int           x,
                                int           y,
                                gboolean      keyboard_mode)
{
  gint64 offset;
  int i = -1;

  if (self->spans == NULL || _alama_doc_view_label_chooser_is_up (self) || self->relation_popover != NULL)
    return NULL;
  if (keyboard_mode)
    {
      if (self->selected_span != 0)
        i = alama_span_index_find_id (self->spans, self->selected_span);
    }
  else if ((offset = _alama_doc_view_offset_at (self, x, y)) >= 0)
    i = alama_span_index_span_at (self->spans, offset);
  if (i < 0)
    return NULL;
  return _alama_doc_view_dup_span_tooltip (self, alama_span_index_get_span (self->spans, i));
}

static gboolean
query_tooltip_cb (AlamaDocView *self,
                  int           x,
                  int           y,
                  gboolean      keyboard_mode,
                  GtkTooltip   *tooltip)
{
  g_autofree char *text = _alama_doc_view_dup_tooltip_at (self, x, y, keyboard_mode);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
selection_changed_cb (AlamaDocView *self)
{
  self->review_at_end = FALSE;
}

void
_alama_doc_view_setup_review (AlamaDocView *self)
{
  g_signal_connect (self, "notify::selected-span", G_CALLBACK (selection_changed_cb), NULL);
  g_signal_connect (self, "notify::selected-relation", G_CALLBACK (selection_changed_cb), NULL);
  g_signal_connect (self, "notify::document", G_CALLBACK (selection_changed_cb), NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}
