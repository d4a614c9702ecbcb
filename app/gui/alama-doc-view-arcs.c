/* alama-doc-view-arcs.c: where relation arcs go and the room they get, decided
 * when the relations change, not when they are painted.
 *
 * Arcs live in the room above a line of text, like brat's: never on a glyph.
 * Each arc gets a level (its height in that room), and every paragraph
 * reserves room for as many levels as its most crowded line needs, with one
 * spacing tag per depth (pixels-above-lines for its first line,
 * pixels-inside-wrap for the wrapped ones).
 *
 * Levels are given per paragraph from the relations' ends in the text, not
 * from pixels: which visual line a character lands on is known only once the
 * paragraph is laid out, and GtkTextView lays out only what is shown. Within a
 * paragraph, the part of an arc drawn on one line covers a part of the text
 * between its two ends, so two arcs whose stretches of text do not overlap can
 * share a level on every line the paragraph wraps into. Vertical spacing does
 * not change where lines wrap, so the tags are set once and cause one layout.
 *
 * An arc whose ends are on different lines (a wrapped paragraph or another
 * paragraph) is drawn as two stubs, one above each end, running from the end
 * to the side of the text where the other end lies, each with a label naming
 * the relation and the other end (alama-doc-view-paint.c). A curve joining
 * distant lines would have to cross the lines between them, or run through a
 * margin too narrow for more than a few of them; stubs stay in the room their
 * own lines reserve, however far apart the ends are. */
#define G_LOG_DOMAIN "alama-doc-view"

#include "config.h"

#include <math.h>
#include <string.h>

#include "alama-doc-view-private.h"

/* Arcs shorter than this many characters are planned as this long: their
 * labels are wider than they are. */
#define MIN_PLANNED_WIDTH 8
#define ARC_BASE_PX       9.0   /* chip top to the apex of a level-0 arc */
#define ARC_STEP_PX      14.0   /* between levels: more than a label's height */
#define ARC_CLEARANCE_PX  3.0   /* between the top label and the line above */

/* ---- Geometry ------------------------------------------------------------- */

static int
text_height (AlamaDocView *self,
             double        points,
             const char   *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (ALAMA_SMALL_FONT);
  int w, h;

  pango_font_description_set_size (desc, (int) (points * self->zoom * PANGO_SCALE));
  pango_layout_set_font_description (layout, desc);
  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

static void
ensure_metrics (AlamaDocView *self)
{
  if (self->arc_metrics_zoom == self->zoom)
    return;
  self->arc_metrics_zoom = self->zoom;
  /* A chip stands on its line with 3 pixels inside it (chip_rect()). */
  self->arc_chip_rise = text_height (self, ALAMA_CHIP_FONT_PT, "Ag") + 1 - 3;
  /* Stub labels carry Arabic too, whose fallback font has a taller line than
   * Latin: the pill has the Latin line's height and the text is centred and
   * clipped in it, so that measuring needs no font the view may not use. */
  self->arc_label_height = text_height (self, ALAMA_ARC_FONT_PT, "Ag") + 2;
}

double
_alama_doc_view_arc_label_height (AlamaDocView *self)
{
  ensure_metrics (self);
  return self->arc_label_height;
}

double
_alama_doc_view_arc_apex_y (AlamaDocView *self,
                            double        line_top,
                            int           level)
{
  ensure_metrics (self);
  return line_top - self->arc_chip_rise - (ARC_BASE_PX + level * ARC_STEP_PX) * self->zoom;
}

/* The pixels above a line that @depth levels of arcs (with their labels) and
 * the chips under them need. */
static int
room_for_depth (AlamaDocView *self,
                int           depth)
{
  double top;

  if (depth <= 0)
    return 0;
  top = _alama_doc_view_arc_apex_y (self, 0.0, depth - 1) - self->arc_label_height / 2.0;
  return (int) ceil (-top + ARC_CLEARANCE_PX * self->zoom);
}

/* ---- Spacing tags --------------------------------------------------------- */

static GtkTextTag *
room_tag (AlamaDocView *self,
          int           depth)
{
  GtkTextTag *tag;
  int room;

  if (depth < (int) self->arc_room_tags->len && g_ptr_array_index (self->arc_room_tags, depth) != NULL)
    return g_ptr_array_index (self->arc_room_tags, depth);

  if (depth >= (int) self->arc_room_tags->len)
    g_ptr_array_set_size (self->arc_room_tags, depth + 1);
  /* Made after the text tag, so it wins over its spacing. */
  tag = gtk_text_tag_new (NULL);
  room = MAX (self->arc_base_room, room_for_depth (self, depth));
  g_object_set (tag, "pixels-above-lines", room, "pixels-inside-wrap", room, NULL);
  gtk_text_tag_table_add (gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self))),
                          tag);
  g_ptr_array_index (self->arc_room_tags, depth) = tag;
  g_object_unref (tag);   /* the table holds it */
  return tag;
}

void
_alama_doc_view_update_arc_room (AlamaDocView *self,
                                 int           base_room)
{
  self->arc_base_room = base_room;
  for (guint d = 1; d < self->arc_room_tags->len; d++)
    {
      GtkTextTag *tag = g_ptr_array_index (self->arc_room_tags, d);
      int room = MAX (base_room, room_for_depth (self, d));

      if (tag != NULL)
        g_object_set (tag, "pixels-above-lines", room, "pixels-inside-wrap", room, NULL);
    }
}

void
_alama_doc_view_forget_arc_room (AlamaDocView *self)
{
  g_array_set_size (self->arc_depths, 0);
  g_array_set_size (self->arc_planned, 0);
}

/* ---- Planning ------------------------------------------------------------- */

/* The part of one relation planned on one paragraph. */
typedef struct
{
  int    line;       /* buffer line (paragraph) */
  gint64 lo, hi;     /* stored offsets; G_MININT64 / G_MAXINT64: to the paragraph's edge */
  guint  relation;   /* index in self->relations */
  int    end;        /* 0 the whole arc, 1 the "from" stub, 2 the "to" stub */
  int    level;
} Piece;

static gint64
piece_length (const Piece *p)
{
  return p->lo == G_MININT64 || p->hi == G_MAXINT64 ? G_MAXINT64 : p->hi - p->lo;
}

static int
compare_pieces (gconstpointer a,
                gconstpointer b)
{
  const Piece *pa = a, *pb = b;
  gint64 la = piece_length (pa), lb = piece_length (pb);

  /* Per paragraph, short arcs first: they keep the low levels and the longer
   * arcs over them are stacked above. */
  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  if (la != lb)
    return la < lb ? -1 : 1;
  if (pa->lo != pb->lo)
    return pa->lo < pb->lo ? -1 : 1;
  return pa->relation < pb->relation ? -1 : pa->relation > pb->relation;
}

static int
line_of (AlamaDocView  *self,
         GtkTextBuffer *buffer,
         gint64         stored)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, alama_display_map_to_buffer (self->map, stored));
  return gtk_text_iter_get_line (&iter);
}

static void
add_piece (GArray *pieces,
           int     line,
           gint64  lo,
           gint64  hi,
           guint   relation,
           int     end)
{
  Piece p = { line, lo, hi, relation, end, 0 };

  if (lo != G_MININT64 && hi != G_MAXINT64 && hi - lo < MIN_PLANNED_WIDTH)
    {
      gint64 grow = MIN_PLANNED_WIDTH - (hi - lo);
      p.lo -= grow / 2;
      p.hi += grow - grow / 2;
    }
  g_array_append_val (pieces, p);
}

/* Lowest level where @p overlaps none of @placed (the pieces of its paragraph
 * placed so far). */
static int
lowest_free_level (const Piece *p,
                   const Piece *placed,
                   guint        n_placed)
{
  for (int level = 0; level < ALAMA_ARC_MAX_LEVELS - 1; level++)
    {
      gboolean clear = TRUE;

      for (guint i = 0; i < n_placed && clear; i++)
        clear = placed[i].level != level || placed[i].hi <= p->lo || p->hi <= placed[i].lo;
      if (clear)
        return level;
    }
  /* Past the deepest room the top level is shared: arcs may meet there, but
   * they stay off the text. */
  return ALAMA_ARC_MAX_LEVELS - 1;
}

static void
set_line_depth (AlamaDocView  *self,
                GtkTextBuffer *buffer,
                int            line,
                int            old_depth,
                int            depth)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_line (buffer, &start, line);
  end = start;
  gtk_text_iter_forward_line (&end);
  if (old_depth > 0)
    gtk_text_buffer_remove_tag (buffer, room_tag (self, old_depth), &start, &end);
  if (depth > 0)
    gtk_text_buffer_apply_tag (buffer, room_tag (self, depth), &start, &end);
}

/* The relations' ids and the starts of their ends, in @ends (triples); TRUE
 * when they are what was planned last. Most span changes (a new span, a
 * relabel) move no relation's end and need no new plan. */
static gboolean
same_as_planned (AlamaDocView *self,
                 guint         n_relations,
                 GArray       *ends)
{
  for (guint i = 0; i < n_relations; i++)
    {
      AlamaRelation *rel = g_ptr_array_index (self->relations, i);
      int fi = alama_span_index_find_id (self->spans, rel->from_id);
      int ti = alama_span_index_find_id (self->spans, rel->to_id);
      gint64 triple[3] = { rel->id, -1, -1 };

      if (fi >= 0 && ti >= 0)
        {
          triple[1] = alama_span_get_start (alama_span_index_get_span (self->spans, fi));
          triple[2] = alama_span_get_start (alama_span_index_get_span (self->spans, ti));
        }
      g_array_append_vals (ends, triple, 3);
    }
  /* memcmp must not see the NULL data of an empty array. */
  return ends->len == self->arc_planned->len && self->arc_depths->len > 0 &&
         (ends->len == 0 ||
          memcmp (ends->data, self->arc_planned->data, ends->len * sizeof (gint64)) == 0);
}

void
_alama_doc_view_plan_arcs (AlamaDocView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  guint n_relations = self->relations != NULL ? self->relations->len : 0;
  int n_lines = gtk_text_buffer_get_line_count (buffer);
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  g_autoptr(GArray) depths = g_array_new (FALSE, TRUE, sizeof (guint8));
  guint group = 0;

  if (self->map == NULL || self->spans == NULL)
    n_relations = 0;
  {
    g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gint64));

    if (same_as_planned (self, n_relations, ends) && self->arc_levels->len == n_relations)
      return;
    g_array_set_size (self->arc_planned, 0);
    g_array_append_vals (self->arc_planned, ends->data, ends->len);
  }
  g_array_set_size (self->arc_levels, n_relations);
  g_array_set_size (depths, n_lines);

  for (guint i = 0; i < n_relations; i++)
    {
      AlamaRelation *rel = g_ptr_array_index (self->relations, i);
      int fi = alama_span_index_find_id (self->spans, rel->from_id);
      int ti = alama_span_index_find_id (self->spans, rel->to_id);
      gint64 a, b;
      int la, lb;

      g_array_index (self->arc_levels, AlamaArcLevels, i) = (AlamaArcLevels) { 0, 0 };
      if (fi < 0 || ti < 0)
        continue;
      /* Arcs stand on the chips, at the spans' starts. */
      a = alama_span_get_start (alama_span_index_get_span (self->spans, fi));
      b = alama_span_get_start (alama_span_index_get_span (self->spans, ti));
      la = line_of (self, buffer, a);
      lb = line_of (self, buffer, b);
      if (la == lb)
        add_piece (pieces, la, MIN (a, b), MAX (a, b), i, 0);
      else
        {
          /* Each stub runs from its end towards the other one. */
          add_piece (pieces, la, a < b ? a : G_MININT64, a < b ? G_MAXINT64 : a, i, 1);
          add_piece (pieces, lb, b < a ? b : G_MININT64, b < a ? G_MAXINT64 : b, i, 2);
        }
    }

  g_array_sort (pieces, compare_pieces);
  for (guint i = 0; i < pieces->len; i++)
    {
      Piece *p = &g_array_index (pieces, Piece, i);
      AlamaArcLevels *levels = &g_array_index (self->arc_levels, AlamaArcLevels, p->relation);
      guint8 *depth = &g_array_index (depths, guint8, p->line);

      if (i > 0 && p->line != g_array_index (pieces, Piece, i - 1).line)
        group = i;
      p->level = lowest_free_level (p, &g_array_index (pieces, Piece, group), i - group);
      if (p->end != 2)
        levels->from_level = p->level;
      if (p->end != 1)
        levels->to_level = p->level;
      *depth = MAX (*depth, p->level + 1);
    }

  /* Only the paragraphs whose depth changed get their tag changed: a new
   * relation relays out one or two paragraphs, not the document. */
  if (self->arc_depths->len != (guint) n_lines)
    {
      guint old = self->arc_depths->len;

      g_array_set_size (self->arc_depths, n_lines);
      if ((guint) n_lines > old)
        memset (&g_array_index (self->arc_depths, guint8, old), 0, n_lines - old);
    }
  for (int line = 0; line < n_lines; line++)
    {
      guint8 old = g_array_index (self->arc_depths, guint8, line);
      guint8 now = g_array_index (depths, guint8, line);

      if (old != now)
        {
          set_line_depth (self, buffer, line, old, now);
          g_array_index (self->arc_depths, guint8, line) = now;
        }
    }
}
