/* alama-doc-view-search.c: the find layer of the doc view.
 *
 * Find hits are painted as rectangles under the text, like spans, and never as
 * text tags: a background tag that starts or ends inside لا splits the lam-alef
 * ligature (Pango shapes each tagged run on its own). The current hit gets a
 * stronger fill and an outline, and flashes when it is selected.
 */
#define G_LOG_DOMAIN "alama-doc-view"

#include "config.h"

#include "alama-doc-view-private.h"

/* Amber, readable under dark and light text alike (the fill is translucent). */
static const GdkRGBA hit_color = { 0.96, 0.76, 0.07, 1.0 };
static const GdkRGBA current_color = { 1.0, 0.47, 0.0, 1.0 };

void
alama_doc_view_set_search_hits (AlamaDocView *self,
                                const gint64 *ranges,
                                guint         n_hits,
                                int           current)
{
  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));
  g_return_if_fail (ranges != NULL || n_hits == 0);

  g_clear_pointer (&self->search_hits, g_array_unref);
  self->search_current = -1;
  self->search_document = self->document != NULL ? alama_document_get_id (self->document) : 0;
  if (n_hits > 0)
    {
      self->search_hits = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_hits * 2);
      g_array_append_vals (self->search_hits, ranges, n_hits * 2);
      self->search_current = current >= 0 && (guint) current < n_hits ? current : -1;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
alama_doc_view_get_n_search_hits (AlamaDocView *self)
{
  g_return_val_if_fail (ALAMA_IS_DOC_VIEW (self), 0);

  if (self->search_hits == NULL || self->document == NULL ||
      alama_document_get_id (self->document) != self->search_document)
    return 0;
  return self->search_hits->len / 2;
}

void
alama_doc_view_select_range (AlamaDocView *self,
                             gint64        start,
                             gint64        end,
                             gboolean      scroll_and_flash)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (ALAMA_IS_DOC_VIEW (self));

  if (self->text_index == NULL || self->map == NULL)
    return;

  /* A text selection and a selected span are two different things: drop the
   * span so that a label key applies to the found text. */
  alama_doc_view_select_span (self, 0, FALSE);
  _alama_doc_view_select_range (self, start, end, TRUE);
  if (!scroll_and_flash)
    return;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, alama_display_map_to_buffer (self->map, start));
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self), &iter, 0.1, FALSE, 0.0, 0.3);
  _alama_doc_view_flash (self);
}

static void
paint_hit (AlamaDocView *self,
           GtkSnapshot  *snapshot,
           gint64        start,
           gint64        end,
           gboolean      current)
{
  g_autoptr(GArray) runs = _alama_doc_view_collect_runs (self, start, end);

  for (guint i = 0; i < runs->len; i++)
    {
      const graphene_rect_t *r = &g_array_index (runs, AlamaRun, i).rect;
      GdkRGBA fill = current ? current_color : hit_color;

      fill.alpha = current ? 0.45 + 0.4 * self->flash_amount : 0.35;
      gtk_snapshot_append_color (snapshot, &fill, r);
      if (current)
        {
          GskRoundedRect outline;
          graphene_rect_t outer;
          const float widths[4] = { 2, 2, 2, 2 };
          const GdkRGBA colors[4] = { current_color, current_color, current_color, current_color };

          graphene_rect_inset_r (r, -1.0f, -1.0f, &outer);
          gsk_rounded_rect_init_from_rect (&outline, &outer, 3.0f);
          gtk_snapshot_append_border (snapshot, &outline, widths, colors);
        }
    }
}

void
_alama_doc_view_paint_search_hits (AlamaDocView *self,
                                   GtkSnapshot  *snapshot)
{
  guint n = alama_doc_view_get_n_search_hits (self);
  gint64 vstart, vend;

  if (n == 0)
    return;

  _alama_doc_view_visible_range (self, &vstart, &vend);
  for (guint i = 0; i < n; i++)
    {
      gint64 start = g_array_index (self->search_hits, gint64, 2 * i);
      gint64 end = g_array_index (self->search_hits, gint64, 2 * i + 1);

      if (end <= vstart || start >= vend)
        continue;
      paint_hit (self, snapshot, MAX (start, vstart), MIN (end, vend), (int) i == self->search_current);
    }
}
