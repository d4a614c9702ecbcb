/* alama-doc-view-runs.c: where a range of the text is on screen — one rectangle
 * per line and direction run, from the rectangles of its characters — and a
 * cache of them.
 *
 * Asking GTK for each character's rectangle (pango_layout_index_to_pos) was the
 * largest part of painting a frame: every visible span, every frame, although a
 * span's rectangles only move when its paragraph is laid out again. The cache
 * keeps them relative to the top of their paragraph, so paragraphs above that
 * GtkTextView validates later (their estimated heights replaced) do not make
 * them wrong; an entry is used only while its paragraph has the same height and
 * the view the same width, and all are forgotten when the font, spacing, text
 * or direction change (_alama_doc_view_forget_runs). */
#define G_LOG_DOMAIN "alama-doc-view"

#include "config.h"

#include "alama-doc-view-private.h"

/* Past this many ranges the cache starts again (a long scroll through a large
 * document); a screen holds a few hundred. */
#define MAX_CACHED_RANGES 20000

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

/* The runs of the buffer characters from @first up to stored offset @end. */
static GArray *
compute_runs (AlamaDocView      *self,
              const GtkTextIter *first,
              gint64             end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (AlamaRun));
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (CharBox));
  GtkTextIter iter = *first, stop;
  gboolean first_rtl = FALSE;

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

typedef struct
{
  gint64  start;            /* stored code points */
  gint64  end;
  int     line;             /* buffer line (paragraph) of start */
  int     line_height;      /* of that paragraph when the runs were taken */
  int     view_width;
  GArray *runs;             /* of AlamaRun, y relative to the paragraph's top */
} CachedRuns;

static guint
cached_runs_hash (gconstpointer key)
{
  const CachedRuns *c = key;

  return (guint) (c->start * 31 + c->end);
}

static gboolean
cached_runs_equal (gconstpointer a,
                   gconstpointer b)
{
  const CachedRuns *ca = a, *cb = b;

  return ca->start == cb->start && ca->end == cb->end;
}

static void
cached_runs_free (gpointer data)
{
  CachedRuns *c = data;

  g_array_unref (c->runs);
  g_free (c);
}

void
_alama_doc_view_forget_runs (AlamaDocView *self)
{
  if (self->run_cache != NULL)
    g_hash_table_remove_all (self->run_cache);
}

static GArray *
copy_runs (GArray *runs,
           double  dy)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (AlamaRun), runs->len);

  g_array_append_vals (copy, runs->data, runs->len);
  for (guint i = 0; i < copy->len; i++)
    g_array_index (copy, AlamaRun, i).rect.origin.y += dy;
  return copy;
}

GArray *
_alama_doc_view_collect_runs (AlamaDocView *self,
                              gint64        start,
                              gint64        end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter first, last;
  CachedRuns key = { start, end }, *cached;
  int line, line_y, line_height, width = gtk_widget_get_width (GTK_WIDGET (self));
  GArray *runs;

  if (self->map == NULL || start >= end)
    return g_array_new (FALSE, FALSE, sizeof (AlamaRun));

  /* Only a range inside one paragraph is kept: its rectangles move together. */
  gtk_text_buffer_get_iter_at_offset (buffer, &first, alama_display_map_to_buffer (self->map, start));
  gtk_text_buffer_get_iter_at_offset (buffer, &last, alama_display_map_to_buffer (self->map, end - 1));
  line = gtk_text_iter_get_line (&first);
  if (line != gtk_text_iter_get_line (&last))
    return compute_runs (self, &first, end);

  gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (self), &first, &line_y, &line_height);
  if (self->run_cache == NULL)
    self->run_cache = g_hash_table_new_full (cached_runs_hash, cached_runs_equal, cached_runs_free, NULL);

  cached = g_hash_table_lookup (self->run_cache, &key);
  if (cached != NULL && cached->line == line &&
      cached->line_height == line_height && cached->view_width == width)
    return copy_runs (cached->runs, line_y);

  runs = compute_runs (self, &first, end);
  if (g_hash_table_size (self->run_cache) >= MAX_CACHED_RANGES)
    g_hash_table_remove_all (self->run_cache);
  cached = g_new0 (CachedRuns, 1);
  cached->start = start;
  cached->end = end;
  cached->line = line;
  cached->line_height = line_height;
  cached->view_width = width;
  cached->runs = copy_runs (runs, -line_y);
  g_hash_table_replace (self->run_cache, cached, cached);
  return runs;
}
