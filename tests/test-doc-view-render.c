/* test-doc-view-render.c: draws the doc view to a PNG and checks that each span's
 * colour is painted inside the rectangles of its characters and nowhere else: an
 * Arabic word in a right-to-left paragraph, a quote that wraps over lines, and a
 * span that crosses from Arabic into a Latin word (bidi splits it into runs). */
#define G_LOG_DOMAIN "test-doc-view-render"

#include "config.h"

#include "doc-view-test-util.h"

typedef struct
{
  guchar *pixels;   /* cairo ARGB32 premultiplied: B G R A in memory on little endian */
  int     width;
  int     height;
  gsize   stride;
} Image;

typedef gboolean (*ColorTest) (int r, int g, int b);

static gboolean
is_red (int r, int g, int b)
{
  return r > g + 40 && r > b + 40 && ABS (g - b) < 30;
}

static gboolean
is_magenta (int r, int g, int b)
{
  return r > g + 40 && b > g + 40 && ABS (r - b) < 40;
}

static gboolean
is_blue (int r, int g, int b)
{
  return b > r + 40 && b > g + 40 && ABS (r - g) < 30;
}

static void
pixel_at (const Image *img,
          int          x,
          int          y,
          int         *r,
          int         *g,
          int         *b)
{
  const guchar *p = img->pixels + (gsize) y * img->stride + (gsize) x * 4;

  *b = p[0];
  *g = p[1];
  *r = p[2];
}

/* Widget coordinates of buffer rectangles. */
static graphene_rect_t
to_widget (AlamaDocView          *view,
           const graphene_rect_t *r)
{
  int x, y;

  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (view), GTK_TEXT_WINDOW_WIDGET,
                                         (int) r->origin.x, (int) r->origin.y, &x, &y);
  return GRAPHENE_RECT_INIT (x, y, r->size.width, r->size.height);
}

static gboolean
inside_any (GArray *rects,
            double  x,
            double  y)
{
  for (guint i = 0; i < rects->len; i++)
    if (graphene_rect_contains_point (&g_array_index (rects, graphene_rect_t, i),
                                      &GRAPHENE_POINT_INIT (x, y)))
      return TRUE;
  return FALSE;
}

typedef struct
{
  const char *label;
  const char *first;    /* the span: from the first char of this ... */
  const char *last;     /* ... to the last char of this (0th occurrences) */
  ColorTest   test;
  GArray     *runs;     /* widget rects of its characters */
  GArray     *allowed;  /* runs and chip, with the outline's margin */
} Case;

static Image
render_view (GtkWidget  *view,
             const char *png_name)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (view);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  const char *out_dir = g_getenv ("ALAMA_TEST_OUTPUT");
  int width = gtk_widget_get_width (view), height = gtk_widget_get_height (view);
  Image img = { NULL, width, height, (gsize) width * 4 };

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_renderer_realize (renderer, NULL, &error);
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);

  if (out_dir != NULL)
    {
      g_autofree char *path = g_build_filename (out_dir, png_name, NULL);
      g_mkdir_with_parents (out_dir, 0755);
      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("rendered to %s", path);
    }

  img.pixels = g_malloc (img.stride * height);
  gdk_texture_download (texture, img.pixels, img.stride);
  g_object_unref (paintable);
  return img;
}

static void
test_span_colours (void)
{
  DocViewProject *project = doc_view_project_new ("kremlin.txt");
  GtkWidget *view = alama_doc_view_new ();
  AlamaDocView *dv = ALAMA_DOC_VIEW (view);
  GtkWidget *window;
  Case cases[] = {
    { "PER",   "بالكرملين", "بالكرملين", is_red },                 /* RTL word */
    { "QUOTE", "«",          "»",          is_magenta },             /* wraps */
    /* Arabic + the first of two Latin words: "Reuters" sits visually between
     * وكالة and "Thomson", so bidi splits the span into two runs. */
    { "GPE",   "وكالة",      "Thomson",    is_blue },
  };
  Image img;
  guint distinct_lines = 0;

  alama_doc_view_set_store (dv, project->store);
  alama_doc_view_set_document (dv, project->doc);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      gint64 start = cp_of (project->text, cases[c].first, 0);
      gint64 end = cp_of (project->text, cases[c].last, 0) + g_utf8_strlen (cases[c].last, -1);

      _alama_doc_view_select_range (dv, start, end, TRUE);
      g_assert_cmpint (_alama_doc_view_apply_label (dv, cases[c].label), >, 0);
    }
  alama_doc_view_select_span (dv, 0, FALSE);

  /* Narrow, so the quote wraps. */
  window = doc_view_window_new (view, 540, 640);
  doc_view_settle (view);
  img = render_view (view, "doc-view-render.png");

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      Case *k = &cases[c];
      AlamaSpanIndex *index = _alama_doc_view_get_span_index (dv);
      gint64 start = cp_of (project->text, k->first, 0);
      gint64 end = cp_of (project->text, k->last, 0) + g_utf8_strlen (k->last, -1);
      int si = alama_span_index_span_at (index, start);
      g_autoptr(GArray) runs = _alama_doc_view_collect_runs (dv, start, end);
      graphene_rect_t chip;
      double prev_y = -1;
      guint lines = 0;

      g_assert_cmpint (si, >=, 0);
      k->runs = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
      k->allowed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
      for (guint i = 0; i < runs->len; i++)
        {
          graphene_rect_t r = to_widget (dv, &g_array_index (runs, AlamaRun, i).rect);
          graphene_rect_t margin;

          g_array_append_val (k->runs, r);
          graphene_rect_inset_r (&r, -3, -3, &margin);
          g_array_append_val (k->allowed, margin);
          if (r.origin.y != prev_y)
            lines++;
          prev_y = r.origin.y;
        }
      _alama_doc_view_chip_rect (dv, alama_span_index_get_span (index, si), &chip);
      chip = to_widget (dv, &chip);
      graphene_rect_inset_r (&chip, -2, -2, &chip);
      g_array_append_val (k->allowed, chip);

      if (c == 1)
        distinct_lines = lines;
      if (c == 2)
        g_assert_cmpuint (runs->len, >=, 2);  /* the bidi split really happened */

      /* Inside: each run is mostly tinted with the span's colour. */
      for (guint i = 0; i < k->runs->len; i++)
        {
          const graphene_rect_t *r = &g_array_index (k->runs, graphene_rect_t, i);
          guint total = 0, hits = 0;

          for (int y = (int) r->origin.y; y < (int) (r->origin.y + r->size.height); y++)
            for (int x = (int) r->origin.x; x < (int) (r->origin.x + r->size.width); x++)
              {
                int R, G, B;
                if (x < 0 || y < 0 || x >= img.width || y >= img.height)
                  continue;
                pixel_at (&img, x, y, &R, &G, &B);
                total++;
                hits += k->test (R, G, B);
              }
          g_test_message ("%s run %u: %u of %u pixels in colour", k->label, i, hits, total);
          g_assert_cmpuint (total, >, 0);
          g_assert_cmpfloat ((double) hits / total, >, 0.3);
        }
    }
  /* The quote does wrap, so the wrapped case is really tested. */
  g_assert_cmpuint (distinct_lines, >=, 2);

  /* Outside: no pixel of a span's colour away from its characters and chip. */
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      guint stray = 0;

      for (int y = 0; y < img.height; y++)
        for (int x = 0; x < img.width; x++)
          {
            int R, G, B;
            pixel_at (&img, x, y, &R, &G, &B);
            if (cases[c].test (R, G, B) && !inside_any (cases[c].allowed, x + 0.5, y + 0.5))
              stray++;
          }
      g_test_message ("%s: %u stray pixels", cases[c].label, stray);
      g_assert_cmpuint (stray, ==, 0);
      g_array_unref (cases[c].runs);
      g_array_unref (cases[c].allowed);
    }

  g_free (img.pixels);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  doc_view_project_free (project);
}

int
main (int    argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/alama/doc-view-render/span-colours", test_span_colours);
  return g_test_run ();
}
