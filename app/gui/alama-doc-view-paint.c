/* alama-doc-view-paint.c: drawing the spans (below the text) and the label chips
 * and relation arcs (above it), as plain functions called from snapshot_layer,
 * which draws in buffer coordinates.
 *
 * Spans are painted from the rectangles of their characters, never with text tags:
 * a tag on the lam of a lam-alef breaks the ligature. Only the fragments that
 * intersect the visible range are looked at (AlamaSpanIndex). */
#define G_LOG_DOMAIN "alama-doc-view"

#include "config.h"

#include <math.h>

#include "alama-doc-view-private.h"

#define UNDERLINE_THICKNESS 2.0
#define UNDERLINE_STEP      3.5   /* pixels between nesting levels */

static gboolean
is_invisible_char (gunichar ch)
{
  return ch == '\n' || ch == '\r' || ch == 0x2029 || ch == ALAMA_RLM || ch == ALAMA_LRM;
}

typedef struct
{
  double   x, y, w, h;
  gboolean rtl;
} CharBox;

static int
compare_boxes (gconstpointer a,
               gconstpointer b)
{
  const CharBox *ba = a, *bb = b;

  if (ba->y != bb->y)
    return ba->y < bb->y ? -1 : 1;
  if (ba->x != bb->x)
    return ba->x < bb->x ? -1 : 1;
  return 0;
}

/* The rectangle of one buffer character, with a positive width; @rtl tells
 * whether GTK reported it right-to-left (a negative width). */
static void
char_box (AlamaDocView *self,
          GtkTextIter  *iter,
          CharBox      *box)
{
  GdkRectangle r;

  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self), iter, &r);
  box->rtl = r.width < 0;
  if (r.width < 0)
    {
      r.x += r.width;
      r.width = -r.width;
    }
  box->x = r.x;
  box->y = r.y;
  box->w = r.width;
  box->h = r.height;
}

GArray *
_alama_doc_view_collect_runs (AlamaDocView *self,
                              gint64        start,
                              gint64        end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (AlamaRun));
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (CharBox));
  GtkTextIter iter, stop;
  gboolean first_rtl = FALSE;

  if (self->map == NULL || start >= end)
    return runs;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, alama_display_map_to_buffer (self->map, start));
  gtk_text_buffer_get_iter_at_offset (buffer, &stop, alama_display_map_to_buffer (self->map, end));

  for (; gtk_text_iter_compare (&iter, &stop) < 0; gtk_text_iter_forward_char (&iter))
    {
      CharBox box;

      if (is_invisible_char (gtk_text_iter_get_char (&iter)))
        continue;
      char_box (self, &iter, &box);
      if (boxes->len == 0)
        first_rtl = box.rtl;
      g_array_append_val (boxes, box);
    }

  /* Bidi can put the characters of one line in any visual order: sort them by
   * line and x, and merge the ones that touch. A lam-alef's two characters share
   * one glyph (overlapping or zero-width boxes), which merging unites too. */
  g_array_sort (boxes, compare_boxes);
  for (guint i = 0; i < boxes->len; i++)
    {
      const CharBox *b = &g_array_index (boxes, CharBox, i);
      AlamaRun *last = runs->len ? &g_array_index (runs, AlamaRun, runs->len - 1) : NULL;

      if (last != NULL && last->rect.origin.y == b->y &&
          b->x <= last->rect.origin.x + last->rect.size.width + 1.0)
        {
          double right = MAX (last->rect.origin.x + last->rect.size.width, b->x + b->w);
          last->rect.size.width = right - last->rect.origin.x;
          last->rect.size.height = MAX (last->rect.size.height, b->h);
        }
      else
        {
          AlamaRun run = { GRAPHENE_RECT_INIT (b->x, b->y, b->w, b->h), b->rtl };
          g_array_append_val (runs, run);
        }
    }
  if (runs->len > 0)
    g_array_index (runs, AlamaRun, 0).rtl = first_rtl;
  return runs;
}

void
_alama_doc_view_visible_range (AlamaDocView *self,
                               gint64       *start,
                               gint64       *end)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GdkRectangle visible;
  GtkTextIter top, bottom;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_line_at_y (view, &top, visible.y, NULL);
  gtk_text_view_get_line_at_y (view, &bottom, visible.y + visible.height, NULL);
  if (!gtk_text_iter_ends_line (&bottom))
    gtk_text_iter_forward_to_line_end (&bottom);
  *start = alama_display_map_to_stored (self->map, gtk_text_iter_get_offset (&top));
  *end = alama_display_map_to_stored (self->map, gtk_text_iter_get_offset (&bottom)) + 1;
}

static void
append_rect (GtkSnapshot           *snapshot,
             const graphene_rect_t *rect,
             const GdkRGBA         *color,
             double                 alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  gtk_snapshot_append_color (snapshot, &c, rect);
}

static void
append_outline (GtkSnapshot           *snapshot,
                const graphene_rect_t *rect,
                const GdkRGBA         *color,
                float                  width)
{
  GskRoundedRect outline;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, 3.0f);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

/* Pending suggestions: a dashed outline, drawn with cairo (GTK 4.8 has no dashed
 * border node). */
static void
append_dashed (GtkSnapshot           *snapshot,
               const graphene_rect_t *rect,
               const GdkRGBA         *color)
{
  graphene_rect_t bounds;
  cairo_t *cr;
  const double dash[] = { 4.0, 3.0 };

  graphene_rect_inset_r (rect, -2.0f, -2.0f, &bounds);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_rectangle (cr, rect->origin.x + 0.75, rect->origin.y + 0.75,
                   rect->size.width - 1.5, rect->size.height - 1.5);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static gboolean
span_is_hot (AlamaDocView *self,
             AlamaSpan    *span)
{
  if (span->id == self->hover_span)
    return TRUE;
  /* Hovering an arc (or a span) highlights the spans at both of its ends. */
  if (self->relations != NULL && (self->hover_relation != 0 || self->hover_span != 0))
    for (guint i = 0; i < self->relations->len; i++)
      {
        AlamaRelation *rel = g_ptr_array_index (self->relations, i);
        gboolean touches = rel->from_id == span->id || rel->to_id == span->id;

        if (touches && (rel->id == self->hover_relation ||
                        rel->from_id == self->hover_span || rel->to_id == self->hover_span))
          return TRUE;
      }
  return FALSE;
}

static void
paint_fragment (AlamaDocView         *self,
                GtkSnapshot          *snapshot,
                AlamaSpan            *span,
                guint                 level,
                gint64                start,
                gint64                end)
{
  g_autoptr(GArray) runs = _alama_doc_view_collect_runs (self, start, end);
  gboolean selected = span->id == self->selected_span;
  gboolean hot = span_is_hot (self, span);
  GdkRGBA color;

  _alama_doc_view_label_rgba (self, span->label, &color);

  for (guint i = 0; i < runs->len; i++)
    {
      const graphene_rect_t *r = &g_array_index (runs, AlamaRun, i).rect;
      graphene_rect_t underline = GRAPHENE_RECT_INIT (r->origin.x,
                                                      r->origin.y + r->size.height - UNDERLINE_THICKNESS
                                                        - level * UNDERLINE_STEP,
                                                      r->size.width, UNDERLINE_THICKNESS);

      switch (span->status)
        {
        case ALAMA_STATUS_PENDING:
          append_rect (snapshot, r, &color, 0.10);
          append_dashed (snapshot, r, &color);
          break;

        case ALAMA_STATUS_REJECTED:
          {
            GdkRGBA grey = { 0.5, 0.5, 0.5, 1.0 };
            graphene_rect_t strike = GRAPHENE_RECT_INIT (r->origin.x, r->origin.y + r->size.height / 2,
                                                         r->size.width, 1.0);
            append_rect (snapshot, &strike, &grey, 0.6);
            append_dashed (snapshot, r, &grey);
          }
          break;

        case ALAMA_STATUS_ACCEPTED:
        default:
          /* A light fill for the outermost span; nested ones are told apart by
           * their underlines at increasing depth. */
          if (level == 0)
            append_rect (snapshot, r, &color, 0.22);
          append_rect (snapshot, &underline, &color, 0.95);
          break;
        }

      if (hot)
        append_rect (snapshot, r, &color, 0.18);
      if (selected)
        {
          graphene_rect_t outer;
          graphene_rect_inset_r (r, -1.5f, -1.5f, &outer);
          append_outline (snapshot, &outer, &color, 2.0f);
          if (self->flash_amount > 0.0)
            append_rect (snapshot, &outer, &color, 0.6 * self->flash_amount);
        }
    }
}

void
_alama_doc_view_paint_below (AlamaDocView *self,
                             GtkSnapshot  *snapshot)
{
  g_autoptr(GArray) frags = NULL;
  gint64 vstart, vend;

  if (self->spans == NULL)
    return;

  _alama_doc_view_visible_range (self, &vstart, &vend);
  frags = alama_span_index_query (self->spans, vstart, vend);
  for (guint i = 0; i < frags->len; i++)
    {
      const AlamaIndexedFragment *f = &g_array_index (frags, AlamaIndexedFragment, i);
      AlamaSpan *span = alama_span_index_get_span (self->spans, f->span_index);

      paint_fragment (self, snapshot, span, alama_span_index_get_level (self->spans, f->span_index),
                      MAX (f->start, vstart), MIN (f->end, vend));
    }
  _alama_doc_view_paint_search_hits (self, snapshot);
}

/* ---- Above the text: chips and arcs -------------------------------------- */

static PangoLayout *
create_chip_layout (AlamaDocView *self,
                    const char   *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Sans Bold 7");

  pango_font_description_set_size (desc, (int) (7.0 * self->zoom * PANGO_SCALE));
  pango_layout_set_font_description (layout, desc);
  return layout;
}

/* Where a span's chip goes: above the first character, at its logical start edge
 * (the right end in a right-to-left run). */
static gboolean
chip_rect (AlamaDocView    *self,
           AlamaSpan       *span,
           PangoLayout     *layout,
           graphene_rect_t *out)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter iter;
  CharBox box;
  int w, h;
  double cw, ch;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter,
                                      alama_display_map_to_buffer (self->map, alama_span_get_start (span)));
  char_box (self, &iter, &box);
  pango_layout_get_pixel_size (layout, &w, &h);
  cw = w + 6;
  ch = h + 1;
  *out = GRAPHENE_RECT_INIT (box.rtl ? box.x + box.w - cw : box.x, box.y - ch + 3, cw, ch);
  return TRUE;
}

void
_alama_doc_view_chip_rect (AlamaDocView    *self,
                           AlamaSpan       *span,
                           graphene_rect_t *rect)
{
  g_autoptr(PangoLayout) layout = create_chip_layout (self, span->label);

  chip_rect (self, span, layout, rect);
}

static void
paint_chip (AlamaDocView    *self,
            GtkSnapshot     *snapshot,
            AlamaSpan       *span)
{
  g_autoptr(PangoLayout) layout = create_chip_layout (self, span->label);
  GskRoundedRect rounded;
  graphene_rect_t rect;
  GdkRGBA color, white = { 1, 1, 1, 1 };

  chip_rect (self, span, layout, &rect);
  _alama_doc_view_label_rgba (self, span->label, &color);
  if (span->status == ALAMA_STATUS_PENDING)
    color.alpha = 0.55;
  else if (span->status == ALAMA_STATUS_REJECTED)
    gdk_rgba_parse (&color, "#9a9996");

  gsk_rounded_rect_init_from_rect (&rounded, &rect, 3.0f);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &color, &rect);
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rect.origin.x + 3, rect.origin.y));
  gtk_snapshot_append_layout (snapshot, layout, &white);
  gtk_snapshot_restore (snapshot);
}

/* The point an arc attaches to: the top middle of the span's chip. */
static void
arc_anchor (AlamaDocView     *self,
            AlamaSpan        *span,
            graphene_point_t *p)
{
  g_autoptr(PangoLayout) layout = create_chip_layout (self, span->label);
  graphene_rect_t rect;

  chip_rect (self, span, layout, &rect);
  p->x = rect.origin.x + rect.size.width / 2;
  p->y = rect.origin.y;
}

static void
bezier_point (const graphene_point_t *c,
              double                  t,
              graphene_point_t       *out)
{
  double u = 1.0 - t;

  out->x = u * u * u * c[0].x + 3 * u * u * t * c[1].x + 3 * u * t * t * c[2].x + t * t * t * c[3].x;
  out->y = u * u * u * c[0].y + 3 * u * u * t * c[1].y + 3 * u * t * t * c[2].y + t * t * t * c[3].y;
}

static void
arc_controls (const graphene_point_t *from,
              const graphene_point_t *to,
              graphene_point_t       *c)
{
  double lift = MIN (60.0, 18.0 + 0.2 * fabs (to->x - from->x));
  double top = MIN (from->y, to->y) - lift;

  c[0] = *from;
  c[1] = GRAPHENE_POINT_INIT (from->x, top);
  c[2] = GRAPHENE_POINT_INIT (to->x, top);
  c[3] = *to;
}

static void
stroke_arc (GtkSnapshot            *snapshot,
            const graphene_point_t *c,
            const GdkRGBA          *color,
            double                  width,
            const char             *label,
            gboolean                dashed)
{
  graphene_rect_t bounds;
  cairo_t *cr;
  double minx = c[0].x, maxx = c[0].x, miny = c[0].y, maxy = c[0].y;
  double angle;
  graphene_point_t mid;

  for (guint i = 1; i < 4; i++)
    {
      minx = MIN (minx, c[i].x);
      maxx = MAX (maxx, c[i].x);
      miny = MIN (miny, c[i].y);
      maxy = MAX (maxy, c[i].y);
    }
  bounds = GRAPHENE_RECT_INIT (minx - 60, miny - 20, maxx - minx + 120, maxy - miny + 40);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, width);
  if (dashed)
    {
      const double dash[] = { 5.0, 3.0 };
      cairo_set_dash (cr, dash, 2, 0);
    }
  cairo_move_to (cr, c[0].x, c[0].y);
  cairo_curve_to (cr, c[1].x, c[1].y, c[2].x, c[2].y, c[3].x, c[3].y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* Arrowhead at the "to" end, along the curve's last tangent. */
  angle = atan2 (c[3].y - c[2].y, c[3].x - c[2].x);
  cairo_move_to (cr, c[3].x, c[3].y);
  cairo_line_to (cr, c[3].x - 8 * cos (angle - 0.4), c[3].y - 8 * sin (angle - 0.4));
  cairo_line_to (cr, c[3].x - 8 * cos (angle + 0.4), c[3].y - 8 * sin (angle + 0.4));
  cairo_close_path (cr);
  cairo_fill (cr);

  /* The relation type at the top of the arc. */
  if (label != NULL)
    {
      cairo_text_extents_t ext;

      bezier_point (c, 0.5, &mid);
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 9.0);
      cairo_text_extents (cr, label, &ext);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_rectangle (cr, mid.x - ext.width / 2 - 2, mid.y - ext.height - 3, ext.width + 4, ext.height + 4);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, color);
      cairo_move_to (cr, mid.x - ext.width / 2 - ext.x_bearing, mid.y - 1);
      cairo_show_text (cr, label);
    }
  cairo_destroy (cr);
}

static void
paint_relations (AlamaDocView *self,
                 GtkSnapshot  *snapshot,
                 gint64        vstart,
                 gint64        vend)
{
  g_array_set_size (self->arc_geometry, 0);
  g_array_set_size (self->arc_ids, 0);

  if (self->relations == NULL)
    return;

  for (guint i = 0; i < self->relations->len; i++)
    {
      AlamaRelation *rel = g_ptr_array_index (self->relations, i);
      int fi = alama_span_index_find_id (self->spans, rel->from_id);
      int ti = alama_span_index_find_id (self->spans, rel->to_id);
      AlamaSpan *from, *to;
      graphene_point_t a, b, c[4];
      GdkRGBA color;
      gboolean hot;

      if (fi < 0 || ti < 0)
        continue;
      from = alama_span_index_get_span (self->spans, fi);
      to = alama_span_index_get_span (self->spans, ti);
      /* Skip arcs whose both ends are off screen. */
      if ((alama_span_get_start (from) >= vend || alama_span_get_end (from) <= vstart) &&
          (alama_span_get_start (to) >= vend || alama_span_get_end (to) <= vstart))
        continue;

      arc_anchor (self, from, &a);
      arc_anchor (self, to, &b);
      arc_controls (&a, &b, c);
      hot = rel->id == self->hover_relation ||
            rel->from_id == self->hover_span || rel->to_id == self->hover_span ||
            rel->from_id == self->selected_span || rel->to_id == self->selected_span;
      gdk_rgba_parse (&color, hot ? "#1c71d8" : "#5e5c64");
      if (rel->status == ALAMA_STATUS_PENDING)
        color.alpha = 0.6;
      stroke_arc (snapshot, c, &color, hot ? 2.5 : 1.5, rel->type, rel->status != ALAMA_STATUS_ACCEPTED);

      g_array_append_vals (self->arc_geometry, c, 4);
      g_array_append_val (self->arc_ids, rel->id);
    }
}

gint64
_alama_doc_view_relation_at (AlamaDocView *self,
                             double        bx,
                             double        by)
{
  for (guint i = 0; i < self->arc_ids->len; i++)
    {
      const graphene_point_t *c = &g_array_index (self->arc_geometry, graphene_point_t, i * 4);

      for (int step = 0; step <= 24; step++)
        {
          graphene_point_t p;

          bezier_point (c, step / 24.0, &p);
          if ((p.x - bx) * (p.x - bx) + (p.y - by) * (p.y - by) < 5.0 * 5.0)
            return g_array_index (self->arc_ids, gint64, i);
        }
    }
  return 0;
}

void
_alama_doc_view_paint_above (AlamaDocView *self,
                             GtkSnapshot  *snapshot)
{
  g_autoptr(GArray) frags = NULL;
  gint64 vstart, vend;

  if (self->spans == NULL)
    return;

  _alama_doc_view_visible_range (self, &vstart, &vend);
  frags = alama_span_index_query (self->spans, vstart, vend);
  for (guint i = 0; i < frags->len; i++)
    {
      const AlamaIndexedFragment *f = &g_array_index (frags, AlamaIndexedFragment, i);

      /* One chip per span, at its first fragment. */
      if (f->fragment == 0)
        paint_chip (self, snapshot, alama_span_index_get_span (self->spans, f->span_index));
    }

  paint_relations (self, snapshot, vstart, vend);

  /* The rubber band of a Shift+drag. */
  if (self->relation_drag)
    {
      int i = alama_span_index_find_id (self->spans, self->relation_from);

      if (i >= 0)
        {
          graphene_point_t a, b = GRAPHENE_POINT_INIT (self->pointer_x, self->pointer_y), c[4];
          GdkRGBA color = { 0.11, 0.44, 0.85, 0.9 };

          arc_anchor (self, alama_span_index_get_span (self->spans, i), &a);
          arc_controls (&a, &b, c);
          stroke_arc (snapshot, c, &color, 2.0, NULL, TRUE);
        }
    }
}
