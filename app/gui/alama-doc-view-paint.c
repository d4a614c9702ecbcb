/* alama-doc-view-paint.c: drawing the spans (below the text) and the label chips
 * and relation arcs (above it), as plain functions called from snapshot_layer,
 * which draws in buffer coordinates.
 *
 * Spans are painted from the rectangles of their characters, never with text tags:
 * a tag on the lam of a lam-alef breaks the ligature (alama-doc-view-runs.c
 * finds and keeps those rectangles). Only the fragments that intersect the
 * visible range are looked at (AlamaSpanIndex).
 *
 * Arcs are drawn at the levels alama-doc-view-arcs.c planned, in the room it
 * reserved above their lines: an arc when both ends are on one visual line, two
 * stubs otherwise (why stubs: see there).
 *
 * Why this file is long: below and above the text both walk the same runs of
 * the visible range and share the chip and arc geometry, which must agree to
 * the pixel with the room alama-doc-view-arcs.c reserved. */
#define G_LOG_DOMAIN "alama-doc-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>

#include "alama-doc-view-private.h"

#define UNDERLINE_THICKNESS 2.0
#define UNDERLINE_STEP      3.5   /* pixels between nesting levels */

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

/* Pending suggestions must read as "not yet decided" for every label colour, on
 * a light or a dark background: a diagonal hatch in the label colour and a
 * dashed outline in a contrasting shade of it (a yellow GPE outline on white is
 * otherwise invisible). Drawn with cairo: GTK 4.8 has no dashed border node. */
/* Whether the view is drawn light on dark: its text colour is light. (Read from
 * the style, so it follows AdwStyleManager and any theme.) */
static gboolean
view_is_dark (AlamaDocView *self)
{
  GdkRGBA fg;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
G_GNUC_END_IGNORE_DEPRECATIONS
  return 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;
}

static double
luminance (const GdkRGBA *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

/* A shade of @color that stands out from the background: darker on a light
 * view, lighter on a dark one. */
static void
contrast_rgba (const GdkRGBA *color,
               gboolean       dark,
               GdkRGBA       *out)
{
  if (dark)
    *out = (GdkRGBA) { color->red + (1 - color->red) * 0.45, color->green + (1 - color->green) * 0.45,
                       color->blue + (1 - color->blue) * 0.45, 1.0 };
  else
    *out = (GdkRGBA) { color->red * 0.55, color->green * 0.55, color->blue * 0.55, 1.0 };
}

static void
append_suggestion (GtkSnapshot           *snapshot,
                   const graphene_rect_t *rect,
                   const GdkRGBA         *color,
                   gboolean               dark,
                   gboolean               hatch)
{
  graphene_rect_t bounds;
  GdkRGBA outline;
  cairo_t *cr;
  const double dash[] = { 4.0, 3.0 };
  double x = rect->origin.x, y = rect->origin.y, w = rect->size.width, h = rect->size.height;

  contrast_rgba (color, dark, &outline);
  graphene_rect_inset_r (rect, -2.0f, -2.0f, &bounds);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);

  if (hatch)
    {
      cairo_save (cr);
      cairo_rectangle (cr, x, y, w, h);
      cairo_clip (cr);
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.35);
      cairo_set_line_width (cr, 1.0);
      for (double d = -h; d < w; d += 6.0)
        {
          cairo_move_to (cr, x + d, y + h);
          cairo_line_to (cr, x + d + h, y);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  gdk_cairo_set_source_rgba (cr, &outline);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_rectangle (cr, x + 0.75, y + 0.75, w - 1.5, h - 1.5);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static gboolean
span_is_hot (AlamaDocView *self,
             AlamaSpan    *span)
{
  if (span->id == self->hover_span)
    return TRUE;
  /* The selected relation keeps its two ends highlighted. */
  if (self->selected_relation != 0)
    {
      AlamaRelation *selected = _alama_doc_view_find_relation (self, self->selected_relation);

      if (selected != NULL && (selected->from_id == span->id || selected->to_id == span->id))
        return TRUE;
    }
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
  gboolean dark = span->status != ALAMA_STATUS_ACCEPTED && view_is_dark (self);
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
          append_rect (snapshot, r, &color, 0.08);
          append_suggestion (snapshot, r, &color, dark, TRUE);
          break;

        case ALAMA_STATUS_REJECTED:
          {
            GdkRGBA grey = { 0.5, 0.5, 0.5, 1.0 };
            graphene_rect_t strike = GRAPHENE_RECT_INIT (r->origin.x, r->origin.y + r->size.height / 2,
                                                         r->size.width, 1.0);
            append_rect (snapshot, &strike, &grey, 0.6);
            append_suggestion (snapshot, r, &grey, dark, FALSE);
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

/* Layouts for chip and arc labels, one per text, made once per zoom: building a
 * PangoLayout for every chip of every frame was most of a frame's time. Stub
 * labels name the other end's text, so there can be many: past this many
 * layouts the cache starts again. */
#define MAX_SMALL_LAYOUTS 4096

PangoLayout *
_alama_doc_view_small_layout (AlamaDocView *self,
                              const char   *text,
                              gboolean      arc_label)
{
  g_autofree char *key = g_strconcat (arc_label ? "arc:" : "chip:", text, NULL);
  PangoLayout *layout;

  if (self->small_layouts == NULL || self->small_layouts_zoom != self->zoom ||
      g_hash_table_size (self->small_layouts) >= MAX_SMALL_LAYOUTS)
    {
      g_clear_pointer (&self->small_layouts, g_hash_table_unref);
      self->small_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      self->small_layouts_zoom = self->zoom;
    }

  layout = g_hash_table_lookup (self->small_layouts, key);
  if (layout == NULL)
    {
      g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (ALAMA_SMALL_FONT);
      double points = arc_label ? ALAMA_ARC_FONT_PT : ALAMA_CHIP_FONT_PT;

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      pango_font_description_set_size (desc, (int) (points * self->zoom * PANGO_SCALE));
      pango_layout_set_font_description (layout, desc);
      g_hash_table_insert (self->small_layouts, g_steal_pointer (&key), layout);
    }
  return layout;
}

static PangoLayout *
small_layout (AlamaDocView *self,
              const char   *text,
              gboolean      arc_label)
{
  return _alama_doc_view_small_layout (self, text, arc_label);
}

static double
chip_width (AlamaDocView *self,
            const char   *label)
{
  int w, h;

  pango_layout_get_pixel_size (small_layout (self, label, FALSE), &w, &h);
  return w + 6;
}

/* Where a span's chip goes: above the first character, at its logical start edge
 * (the right end in a right-to-left run). Spans that start at the same character
 * (a quote and the organisation it opens with) put their chips side by side, in
 * reading order, instead of on top of each other. @line_top and @rtl (either may
 * be NULL) get the top of the first character's line and its direction. */
static void
chip_geometry (AlamaDocView    *self,
               AlamaSpan       *span,
               graphene_rect_t *out,
               double          *line_top,
               gboolean        *rtl_out)
{
  PangoLayout *layout = small_layout (self, span->label, FALSE);
  gint64 start = alama_span_get_start (span);
  g_autoptr(GArray) first = _alama_doc_view_collect_runs (self, start, start + 1);
  graphene_rect_t box = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  gboolean rtl = FALSE;
  int w, h;
  double cw, ch, shift = 0;
  int i = self->spans != NULL ? alama_span_index_find_id (self->spans, span->id) : -1;

  /* The index lists spans by start: the ones before this one with the same start
   * have their chips first. */
  for (int j = i - 1; j >= 0; j--)
    {
      AlamaSpan *other = alama_span_index_get_span (self->spans, j);

      if (alama_span_get_start (other) != start)
        break;
      shift += chip_width (self, other->label) + 2;
    }

  if (first->len > 0)
    {
      box = g_array_index (first, AlamaRun, 0).rect;
      rtl = g_array_index (first, AlamaRun, 0).rtl;
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  cw = w + 6;
  ch = h + 1;
  *out = GRAPHENE_RECT_INIT (rtl ? box.origin.x + box.size.width - cw - shift : box.origin.x + shift,
                             box.origin.y - ch + 3, cw, ch);
  if (line_top != NULL)
    *line_top = box.origin.y;
  if (rtl_out != NULL)
    *rtl_out = rtl;
}

static void
chip_rect (AlamaDocView    *self,
           AlamaSpan       *span,
           graphene_rect_t *out)
{
  chip_geometry (self, span, out, NULL, NULL);
}

void
_alama_doc_view_chip_rect (AlamaDocView    *self,
                           AlamaSpan       *span,
                           graphene_rect_t *rect)
{
  chip_rect (self, span, rect);
}

static void
paint_chip (AlamaDocView    *self,
            GtkSnapshot     *snapshot,
            AlamaSpan       *span,
            gboolean         dark)
{
  PangoLayout *layout = small_layout (self, span->label, FALSE);
  GskRoundedRect rounded;
  graphene_rect_t rect;
  GdkRGBA color, text;
  const GdkRGBA white = { 1, 1, 1, 1 }, ink = { 0.12, 0.12, 0.14, 1 };

  chip_rect (self, span, &rect);
  _alama_doc_view_label_rgba (self, span->label, &color);
  if (span->status == ALAMA_STATUS_REJECTED)
    gdk_rgba_parse (&color, "#9a9996");
  gsk_rounded_rect_init_from_rect (&rounded, &rect, 3.0f);

  if (span->status == ALAMA_STATUS_PENDING)
    {
      /* A suggestion's chip is hollow: the view's background inside a dashed
       * border, the label in the contrasting shade of its colour. */
      GdkRGBA shade;
      const GdkRGBA bg = dark ? (GdkRGBA) { 0.14, 0.14, 0.14, 0.95 } : (GdkRGBA) { 1, 1, 1, 0.95 };

      contrast_rgba (&color, dark, &shade);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &bg, &rect);
      gtk_snapshot_pop (snapshot);
      append_suggestion (snapshot, &rect, &color, dark, FALSE);
      text = shade;
    }
  else
    {
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &color, &rect);
      gtk_snapshot_pop (snapshot);
      /* White on a light colour (yellow GPE) is unreadable. */
      text = luminance (&color) > 0.6 ? ink : white;
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rect.origin.x + 3, rect.origin.y));
  gtk_snapshot_append_layout (snapshot, layout, &text);
  gtk_snapshot_restore (snapshot);
}

/* Where an arc attaches to a span: the top middle of its chip. */
typedef struct
{
  graphene_point_t point;
  double           line_top;    /* of the span's first character */
  gboolean         rtl;
} ArcEnd;

static void
arc_end (AlamaDocView *self,
         AlamaSpan    *span,
         ArcEnd       *end)
{
  graphene_rect_t rect;

  chip_geometry (self, span, &rect, &end->line_top, &end->rtl);
  end->point = GRAPHENE_POINT_INIT (rect.origin.x + rect.size.width / 2, rect.origin.y);
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

/* A curve from @from to @to (on one line) that rises straight up from both and
 * runs flat at @apex_y: it stays inside the box of its controls, so it is
 * never higher than @apex_y nor lower than its ends. */
static void
arc_controls_to_apex (const graphene_point_t *from,
                      const graphene_point_t *to,
                      double                  apex_y,
                      graphene_point_t       *c)
{
  double bend = MIN (12.0, fabs (to->x - from->x) / 3.0) * (to->x > from->x ? 1 : -1);

  c[0] = *from;
  c[1] = GRAPHENE_POINT_INIT (from->x, apex_y);
  c[2] = GRAPHENE_POINT_INIT (to->x, apex_y);
  c[3] = *to;
  /* Rounder shoulders than a plain box: pull the controls inwards. */
  c[1].x += bend;
  c[2].x -= bend;
}

/* For the rubber band of a Shift+drag: a lift that grows with the distance. */
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

/* The arrowhead at c[3], along the curve's last tangent. */
static void
arrowhead (const graphene_point_t *c,
           graphene_point_t       *p)
{
  double angle = atan2 (c[3].y - c[2].y, c[3].x - c[2].x);

  p[0] = c[3];
  p[1] = GRAPHENE_POINT_INIT (c[3].x - 8 * cos (angle - 0.4), c[3].y - 8 * sin (angle - 0.4));
  p[2] = GRAPHENE_POINT_INIT (c[3].x - 8 * cos (angle + 0.4), c[3].y - 8 * sin (angle + 0.4));
}

static void
stroke_arc (GtkSnapshot            *snapshot,
            const graphene_point_t *c,
            const GdkRGBA          *color,
            double                  width,
            gboolean                dashed,
            gboolean                head)
{
  graphene_rect_t bounds;
  cairo_t *cr;
  double minx = c[0].x, maxx = c[0].x, miny = c[0].y, maxy = c[0].y;

  for (guint i = 1; i < 4; i++)
    {
      minx = MIN (minx, c[i].x);
      maxx = MAX (maxx, c[i].x);
      miny = MIN (miny, c[i].y);
      maxy = MAX (maxy, c[i].y);
    }
  bounds = GRAPHENE_RECT_INIT (minx - 10, miny - 10, maxx - minx + 20, maxy - miny + 20);
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

  if (head)
    {
      graphene_point_t p[3];

      arrowhead (c, p);
      cairo_move_to (cr, p[0].x, p[0].y);
      cairo_line_to (cr, p[1].x, p[1].y);
      cairo_line_to (cr, p[2].x, p[2].y);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

/* One arc or stub laid out for this frame. */
typedef struct
{
  AlamaRelation *relation;   /* borrowed */
  AlamaArcShape  shape;
  char          *label;      /* owned */
} ArcPlan;

static void
arc_plan_clear (gpointer data)
{
  g_free (((ArcPlan *) data)->label);
}

/* The pill of a label centred on @apex_y (its x is left to the caller). Every
 * pill has the height the room above lines was planned with. */
static void
label_rect (AlamaDocView    *self,
            const char      *text,
            double           apex_y,
            graphene_rect_t *out)
{
  int w, h;
  double height = _alama_doc_view_arc_label_height (self);

  pango_layout_get_pixel_size (small_layout (self, text, TRUE), &w, &h);
  *out = GRAPHENE_RECT_INIT (0, apex_y - height / 2.0, w + 8, height);
}

/* An arc between two ends on one line, at @level. */
static void
plan_arc (AlamaDocView  *self,
          GArray        *plans,
          AlamaRelation *rel,
          const ArcEnd  *from,
          const ArcEnd  *to,
          int            level)
{
  ArcPlan plan = { rel, { rel->id }, g_strdup (rel->type) };
  double apex = _alama_doc_view_arc_apex_y (self, from->line_top, level);

  arc_controls_to_apex (&from->point, &to->point, apex, plan.shape.c);
  plan.shape.head = TRUE;
  label_rect (self, plan.label, apex, &plan.shape.label);
  plan.shape.label.origin.x = (from->point.x + to->point.x - plan.shape.label.size.width) / 2.0;
  g_array_append_val (plans, plan);
}

/* The other end's text for a stub's label, short and on one line. */
static char *
stub_other_text (AlamaDocView *self,
                 AlamaSpan    *other)
{
  g_autofree char *text = alama_span_dup_text (other, self->text);
  GString *out = g_string_new (NULL);
  const char *p = text;

  for (int n = 0; p != NULL && *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar ch = g_utf8_get_char (p);

      if (n == 18)
        {
          g_string_append (out, "…");
          break;
        }
      g_string_append_unichar (out, g_unichar_isspace (ch) ? ' ' : ch);
    }
  return g_string_free (out, FALSE);
}

/* A stub above @end, running at @level from it to the side of the text where
 * the other end lies (@later: after it in the text), with a label there naming
 * the relation and the other end. The "to" stub carries the arrowhead. */
static void
plan_stub (AlamaDocView          *self,
           GArray                *plans,
           AlamaRelation         *rel,
           const ArcEnd          *end,
           AlamaSpan             *other,
           gboolean               is_to,
           gboolean               later,
           int                    level,
           const graphene_rect_t *text_area)
{
  g_autofree char *other_text = stub_other_text (self, other);
  ArcPlan plan = { rel, { rel->id } };
  double apex = _alama_doc_view_arc_apex_y (self, end->line_top, level);
  /* Later text is at the line's end side: the left in a right-to-left line. */
  gboolean to_left = later == end->rtl;
  graphene_point_t outer;
  graphene_rect_t *label = &plan.shape.label;

  /* "SPEAKER → «the quote»" at the speaker, "SPEAKER ← the speaker" at the quote:
   * the Latin type stays left-to-right, the other end's text isolated. */
  plan.label = g_strdup_printf ("%s %s \xe2\x81\xa8%s\xe2\x81\xa9", rel->type,
                                is_to ? "\xe2\x86\x90" : "\xe2\x86\x92", other_text);
  label_rect (self, plan.label, apex, label);
  label->origin.x = to_left ? text_area->origin.x
                            : text_area->origin.x + text_area->size.width - label->size.width;
  outer = GRAPHENE_POINT_INIT (label->origin.x + label->size.width / 2, apex);

  if (is_to)
    arc_controls_to_apex (&outer, &end->point, apex, plan.shape.c);
  else
    arc_controls_to_apex (&end->point, &outer, apex, plan.shape.c);
  plan.shape.head = is_to;
  g_array_append_val (plans, plan);
}

static void
paint_arc_label (AlamaDocView  *self,
                 GtkSnapshot   *snapshot,
                 const ArcPlan *plan,
                 const GdkRGBA *color,
                 gboolean       dark)
{
  PangoLayout *layout = small_layout (self, plan->label, TRUE);
  const graphene_rect_t *rect = &plan->shape.label;
  const GdkRGBA bg = dark ? (GdkRGBA) { 0.16, 0.16, 0.16, 0.95 } : (GdkRGBA) { 1, 1, 1, 0.95 };
  GskRoundedRect pill;
  const float widths[4] = { 1, 1, 1, 1 };
  const GdkRGBA borders[4] = { *color, *color, *color, *color };
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  gsk_rounded_rect_init_from_rect (&pill, rect, rect->size.height / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &pill);
  gtk_snapshot_append_color (snapshot, &bg, rect);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &pill, widths, borders);

  /* Clipped to the pill: its height is what the room above the line counts. */
  gtk_snapshot_push_clip (snapshot, rect);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rect->origin.x + 4,
                                                          rect->origin.y + (rect->size.height - h) / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
arc_style (AlamaDocView        *self,
           const AlamaRelation *rel,
           gboolean             dark,
           GdkRGBA             *color,
           double              *width)
{
  gboolean hot = rel->id == self->hover_relation || rel->id == self->selected_relation ||
                 rel->from_id == self->hover_span || rel->to_id == self->hover_span ||
                 rel->from_id == self->selected_span || rel->to_id == self->selected_span;

  if (dark)
    gdk_rgba_parse (color, hot ? "#62a0ea" : "#c0bfbc");
  else
    gdk_rgba_parse (color, hot ? "#1c71d8" : "#5e5c64");
  if (rel->status == ALAMA_STATUS_PENDING)
    color->alpha = 0.7;
  *width = hot ? 2.5 : 1.5;
}

static gboolean
starts_in (AlamaSpan *span,
           gint64     vstart,
           gint64     vend)
{
  gint64 start = alama_span_get_start (span);

  return start >= vstart && start < vend;
}

/* The ids of the spans whose chip is on screen (their first fragment starts
 * in [@vstart, @vend)), from the fragments the chips were painted for. */
static GHashTable *
spans_starting_in (AlamaDocView *self,
                   GArray       *frags,
                   gint64        vstart,
                   gint64        vend)
{
  GHashTable *ids = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < frags->len; i++)
    {
      const AlamaIndexedFragment *f = &g_array_index (frags, AlamaIndexedFragment, i);
      AlamaSpan *span;

      if (f->fragment != 0 || f->start < vstart || f->start >= vend)
        continue;
      span = alama_span_index_get_span (self->spans, f->span_index);
      g_hash_table_add (ids, &span->id);
    }
  return ids;
}

static void
paint_relations (AlamaDocView *self,
                 GtkSnapshot  *snapshot,
                 GArray       *frags,
                 gint64        vstart,
                 gint64        vend,
                 gboolean      dark)
{
  g_autoptr(GArray) plans = g_array_new (FALSE, FALSE, sizeof (ArcPlan));
  g_autoptr(GHashTable) shown = NULL;
  graphene_rect_t text_area;
  GdkRectangle visible;

  g_array_set_clear_func (plans, arc_plan_clear);
  g_array_set_size (self->arc_shapes, 0);
  if (self->relations == NULL || self->arc_levels->len != self->relations->len)
    return;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
  text_area = GRAPHENE_RECT_INIT (visible.x + 4, visible.y, MAX (0, visible.width - 8), visible.height);
  /* Every relation is drawn between shown spans, so an end on screen is
   * among the chips: the others are passed over by id, without looking
   * their spans up in the index. */
  shown = spans_starting_in (self, frags, vstart, vend);

  for (guint i = 0; i < self->relations->len; i++)
    {
      AlamaRelation *rel = g_ptr_array_index (self->relations, i);
      const AlamaArcLevels *levels = &g_array_index (self->arc_levels, AlamaArcLevels, i);
      int fi, ti;
      AlamaSpan *from, *to;
      gboolean from_shown, to_shown, later;
      ArcEnd a, b;

      if (!g_hash_table_contains (shown, &rel->from_id) && !g_hash_table_contains (shown, &rel->to_id))
        continue;
      fi = alama_span_index_find_id (self->spans, rel->from_id);
      ti = alama_span_index_find_id (self->spans, rel->to_id);
      if (fi < 0 || ti < 0)
        continue;
      from = alama_span_index_get_span (self->spans, fi);
      to = alama_span_index_get_span (self->spans, ti);
      /* An end off screen is not laid out: only the ends shown are looked at. */
      from_shown = starts_in (from, vstart, vend);
      to_shown = starts_in (to, vstart, vend);
      if (!from_shown && !to_shown)
        continue;
      if (from_shown)
        arc_end (self, from, &a);
      if (to_shown)
        arc_end (self, to, &b);

      if (from_shown && to_shown && fabs (a.line_top - b.line_top) < 0.5)
        {
          plan_arc (self, plans, rel, &a, &b, levels->from_level);
          continue;
        }
      later = alama_span_get_start (to) > alama_span_get_start (from);
      if (from_shown)
        plan_stub (self, plans, rel, &a, to, FALSE, later, levels->from_level, &text_area);
      if (to_shown)
        plan_stub (self, plans, rel, &b, from, TRUE, !later, levels->to_level, &text_area);
    }

  /* Curves first, then every label over them. */
  for (guint i = 0; i < plans->len; i++)
    {
      const ArcPlan *plan = &g_array_index (plans, ArcPlan, i);
      GdkRGBA color;
      double width;

      arc_style (self, plan->relation, dark, &color, &width);
      stroke_arc (snapshot, plan->shape.c, &color, width, plan->relation->status != ALAMA_STATUS_ACCEPTED,
                  plan->shape.head);
      g_array_append_val (self->arc_shapes, plan->shape);
    }
  for (guint i = 0; i < plans->len; i++)
    {
      const ArcPlan *plan = &g_array_index (plans, ArcPlan, i);
      GdkRGBA color;
      double width;

      arc_style (self, plan->relation, dark, &color, &width);
      paint_arc_label (self, snapshot, plan, &color, dark);
    }
}

static gboolean
near_curve (const AlamaArcShape *shape,
            double               bx,
            double               by)
{
  for (int step = 0; step <= 32; step++)
    {
      graphene_point_t p;

      bezier_point (shape->c, step / 32.0, &p);
      if ((p.x - bx) * (p.x - bx) + (p.y - by) * (p.y - by) < 5.0 * 5.0)
        return TRUE;
    }
  if (shape->head)
    {
      graphene_point_t p[3];
      double cx, cy;

      /* Near the head's middle. */
      arrowhead (shape->c, p);
      cx = (p[0].x + p[1].x + p[2].x) / 3.0;
      cy = (p[0].y + p[1].y + p[2].y) / 3.0;
      return (cx - bx) * (cx - bx) + (cy - by) * (cy - by) < 6.0 * 6.0;
    }
  return FALSE;
}

gint64
_alama_doc_view_relation_at (AlamaDocView *self,
                             double        bx,
                             double        by)
{
  const graphene_point_t point = GRAPHENE_POINT_INIT (bx, by);

  /* Labels are painted over every curve, and later shapes over earlier ones. */
  for (guint i = self->arc_shapes->len; i-- > 0;)
    {
      const AlamaArcShape *shape = &g_array_index (self->arc_shapes, AlamaArcShape, i);
      graphene_rect_t grown;

      graphene_rect_inset_r (&shape->label, -1.0f, -1.0f, &grown);
      if (graphene_rect_contains_point (&grown, &point))
        return shape->relation;
    }
  for (guint i = self->arc_shapes->len; i-- > 0;)
    {
      const AlamaArcShape *shape = &g_array_index (self->arc_shapes, AlamaArcShape, i);

      if (near_curve (shape, bx, by))
        return shape->relation;
    }
  return 0;
}

void
_alama_doc_view_paint_relations (AlamaDocView *self,
                                 GtkSnapshot  *snapshot)
{
  g_autoptr(GArray) frags = NULL;
  gint64 vstart, vend;

  if (self->spans == NULL || self->map == NULL)
    return;
  _alama_doc_view_visible_range (self, &vstart, &vend);
  frags = alama_span_index_query (self->spans, vstart, vend);
  paint_relations (self, snapshot, frags, vstart, vend, view_is_dark (self));
}

void
_alama_doc_view_paint_above (AlamaDocView *self,
                             GtkSnapshot  *snapshot)
{
  g_autoptr(GArray) frags = NULL;
  gint64 vstart, vend;
  gboolean dark;

  if (self->spans == NULL)
    return;

  dark = view_is_dark (self);
  _alama_doc_view_visible_range (self, &vstart, &vend);
  frags = alama_span_index_query (self->spans, vstart, vend);
  for (guint i = 0; i < frags->len; i++)
    {
      const AlamaIndexedFragment *f = &g_array_index (frags, AlamaIndexedFragment, i);

      /* One chip per span, at its first fragment. */
      if (f->fragment == 0)
        paint_chip (self, snapshot, alama_span_index_get_span (self->spans, f->span_index), dark);
    }

  paint_relations (self, snapshot, frags, vstart, vend, dark);
  _alama_doc_view_paint_edges (self, snapshot);

  /* The rubber band of a Shift+drag. */
  if (self->relation_drag)
    {
      int i = alama_span_index_find_id (self->spans, self->relation_from);

      if (i >= 0)
        {
          graphene_point_t b = GRAPHENE_POINT_INIT (self->pointer_x, self->pointer_y), c[4];
          GdkRGBA color = { 0.11, 0.44, 0.85, 0.9 };
          ArcEnd a;

          arc_end (self, alama_span_index_get_span (self->spans, i), &a);
          arc_controls (&a.point, &b, c);
          stroke_arc (snapshot, c, &color, 2.0, TRUE, TRUE);
        }
    }
}
