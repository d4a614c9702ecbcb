/* alama-doc-view-review.c: reviewing automatic suggestions (pending spans) in the
 * doc view: walking from one suggestion to the next, accepting, rejecting and
 * relabelling them, and the tooltip that names a span's label, source and status.
 *
 * Review decisions (see also ui/gtk/help-overlay.ui, "Review"):
 * - N / P walk the pending suggestions in logical order (the span index's order,
 *   by start). The view first asks its window for "win.review-next" /
 *   "win.review-previous", which continue into the next document with
 *   suggestions; without such an action (a bare view) the walk stays in the
 *   document.
 * - Enter or A accepts, R or Delete rejects the selected suggestion. A rejected
 *   row stays in the project with status "rejected", so taggers never propose it
 *   again; R and Delete on an accepted span keep their meaning (relation, delete).
 * - A label's key on a selected suggestion changes its label AND accepts it: the
 *   analyst has decided what it is. One store call, so one undo step.
 * - After a decision the selection moves on to the next suggestion of this
 *   document (wrapping to earlier ones), never to another document by itself:
 *   the analyst sees the document is done, and N moves on.
 * - With a review source set, only that source's suggestions are visited. */
#define G_LOG_DOMAIN "alama-doc-view"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "alama-error-text.h"
#include "alama-doc-view-private.h"

static gboolean
is_reviewable (AlamaDocView *self,
               AlamaSpan    *span)
{
  return span->status == ALAMA_STATUS_PENDING &&
         (self->review_source == NULL || g_strcmp0 (span->source, self->review_source) == 0);
}

/* The id of the first reviewable span after index @from (exclusive) in
 * @direction, or 0. @from -1 with direction 1 starts at the beginning; @from n
 * with direction -1 at the end. */
static gint64
find_reviewable (AlamaDocView *self,
                 int           from,
                 int           direction)
{
  int n;

  if (self->spans == NULL)
    return 0;
  n = (int) alama_span_index_get_n_spans (self->spans);
  for (int i = from + direction; i >= 0 && i < n; i += direction)
    {
      AlamaSpan *span = alama_span_index_get_span (self->spans, i);

      if (is_reviewable (self, span))
        return span->id;
    }
  return 0;
}

static int
selected_index (AlamaDocView *self,
                int           direction)
{
  int i = -1;

  if (self->spans != NULL && self->selected_span != 0)
    i = alama_span_index_find_id (self->spans, self->selected_span);
  if (i >= 0)
    return i;
  /* Nothing selected: start before the first or after the last span. */
  return direction > 0 ? -1 : (self->spans ? (int) alama_span_index_get_n_spans (self->spans) : 0);
}

gboolean
_alama_doc_view_review_step (AlamaDocView *self,
                             int           direction)
{
  gint64 id;

  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), FALSE);

  id = find_reviewable (self, selected_index (self, direction), direction > 0 ? 1 : -1);
  if (id == 0)
    return FALSE;
  _alama_doc_view_clear_selection (self);
  alama_doc_view_select_span (self, id, TRUE);
  return TRUE;
}

gboolean
_alama_doc_view_review_restart (AlamaDocView *self,
                                int           direction)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), FALSE);

  alama_doc_view_select_span (self, 0, FALSE);
  return _alama_doc_view_review_step (self, direction);
}

AlamaSpan *
_alama_doc_view_get_selected_suggestion (AlamaDocView *self)
{
  int i;

  if (self->spans == NULL || self->selected_span == 0 ||
      (i = alama_span_index_find_id (self->spans, self->selected_span)) < 0)
    return NULL;
  {
    AlamaSpan *span = alama_span_index_get_span (self->spans, i);

    return span->status == ALAMA_STATUS_PENDING ? span : NULL;
  }
}

gboolean
_alama_doc_view_review_decide (AlamaDocView *self,
                               AlamaStatus   status,
                               const char   *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) stored = NULL;
  AlamaSpan *suggestion;
  gint64 next, first;
  int i;

  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), FALSE);

  suggestion = _alama_doc_view_get_selected_suggestion (self);
  if (suggestion == NULL || self->store == NULL || self->document == NULL)
    return FALSE;
  if (alama_store_is_read_only (self->store))
    {
      _alama_doc_view_emit_error (self, _("This project is read-only: suggestions cannot be reviewed."));
      return FALSE;
    }

  /* Where to go afterwards, found before the change: a rejected span leaves
   * the index. */
  i = alama_span_index_find_id (self->spans, suggestion->id);
  next = find_reviewable (self, i, 1);
  first = find_reviewable (self, -1, 1);
  if (first == suggestion->id)
    first = 0;

  /* One store call: one change and one undo step, label and status together. */
  stored = alama_store_get_span (self->store, suggestion->id, &error);
  if (stored != NULL)
    {
      stored->status = status;
      if (label != NULL)
        {
          g_free (stored->label);
          stored->label = g_strdup (label);
        }
    }
  if (stored == NULL || !alama_store_update_span (self->store, stored, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("Could not %s suggestion %" PRId64 " in “%s”: %s"),
                                              status == ALAMA_STATUS_REJECTED ? _("reject") : _("accept"),
                                              suggestion->id,
                                              alama_document_get_name (self->document),
                                              alama_error_text (error));
      _alama_doc_view_emit_error (self, msg);
      return FALSE;
    }

  /* The model has shown the decision already (a rejected span left the view). */
  if (next == 0)
    next = first;
  alama_doc_view_select_span (self, next, next != 0);
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

  /* "GPE (كيان سياسي) · gazetteer · pending": the key, the Arabic name for
   * the reader, where it came from and where it stands. */
  if (label != NULL && label->name_ar != NULL && label->name_ar[0] != '\0')
    head = g_strdup_printf ("%s (%s) · %s · %s", span->label, label->name_ar, source,
                            alama_status_to_string (span->status));
  else
    head = g_strdup_printf ("%s · %s · %s", span->label, source, alama_status_to_string (span->status));

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

  if (self->spans == NULL || self->label_popover != NULL || self->relation_popover != NULL)
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

void
_alama_doc_view_setup_review (AlamaDocView *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}
