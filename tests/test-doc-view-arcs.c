/* test-doc-view-arcs.c: relation arcs never cover text. A dense document (38
 * relations on 10 paragraphs: nested spans, arcs pointing both ways, a quote
 * that wraps, ends on distant lines, right-to-left and left-to-right
 * paragraphs) is shown; at every scroll position the relations alone are
 * painted to a texture (curves, stubs, arrowheads, labels), and no painted
 * pixel may fall in the rectangle of any character of the text, as the view
 * reports it (gtk_text_view_get_iter_location). The hit test must find each
 * painted label's relation, or the one painted over it. */
#define G_LOG_DOMAIN "test-doc-view-arcs"

#include "config.h"

#include "doc-view-test-util.h"

typedef struct
{
  const char *label;
  const char *text;
  int         nth;
} SpanCase;

static const SpanCase span_cases[] = {
  /* paragraph 1 */
  { "ORG", "الكرملين", 0 }, { "PER", "سيرغي لافروف", 0 }, { "GPE", "موسكو", 0 },
  { "PER", "هاكان فيدان", 0 }, { "GPE", "سوريا", 0 },
  /* 2: a quote that wraps, with places inside it */
  { "PER", "لافروف", 1 }, { "GPE", "موسكو", 1 }, { "QUOTE", "«نحن", 0 }, { "GPE", "أنقرة", 0 },
  { "GPE", "دمشق", 0 }, { "GPE", "واشنطن", 0 }, { "ORG", "وكالة تاس", 0 },
  /* 3: a place nested in an organisation */
  { "ORG", "وزارة الخارجية الأوكرانية", 0 }, { "GPE", "الأوكرانية", 0 }, { "GPE", "كييف", 0 },
  { "PER", "دميترو كوليبا", 0 },
  /* 4 */
  { "GPE", "بروكسل", 0 }, { "ORG", "حلف الناتو", 0 }, { "PER", "ينس ستولتنبرغ", 0 },
  { "GPE", "أوكرانيا", 0 },
  /* 5: left to right */
  { "ORG", "Reuters", 0 }, { "PER", "Sergei Lavrov", 0 }, { "PER", "Hakan Fidan", 0 },
  { "GPE", "Moscow", 0 }, { "ORG", "NATO", 0 }, { "PER", "Jens Stoltenberg", 0 },
  { "GPE", "Brussels", 0 },
  /* 6 */
  { "ORG", "الخارجية التركية", 0 }, { "GPE", "أنقرة", 1 }, { "PER", "فيدان", 1 }, { "GPE", "طهران", 0 },
  /* 7 */
  { "ORG", "الخارجية الأمريكية", 0 }, { "PER", "ماثيو ميلر", 0 }, { "GPE", "واشنطن", 1 },
  { "QUOTE", "«ندعم", 0 },
  /* 8 */
  { "GPE", "London", 0 }, { "ORG", "European Union", 0 }, { "GPE", "Brussels", 1 },
  /* 9 */
  { "ORG", "وكالة الأناضول", 0 }, { "GPE", "دمشق", 1 }, { "PER", "بوتين", 0 }, { "GPE", "سوتشي", 0 },
  /* 10 */
  { "PER", "لافروف", 2 }, { "GPE", "موسكو", 2 }, { "GPE", "روسيا", 0 },
};

typedef struct
{
  const char *type;
  const char *from;
  int         from_nth;
  const char *to;
  int         to_nth;
} RelationCase;

static const RelationCase relation_cases[] = {
  { "LOCATED_IN", "سيرغي لافروف", 0, "موسكو", 0 },
  { "LOCATED_IN", "هاكان فيدان", 0, "موسكو", 0 },
  { "MEMBER_OF", "سيرغي لافروف", 0, "الكرملين", 0 },
  { "LOCATED_IN", "الكرملين", 0, "موسكو", 0 },
  { "LOCATED_IN", "هاكان فيدان", 0, "سوريا", 0 },
  { "SPEAKER", "لافروف", 1, "«نحن", 0 },
  { "LOCATED_IN", "لافروف", 1, "موسكو", 1 },
  { "LOCATED_IN", "وكالة تاس", 0, "موسكو", 1 },
  { "SPEAKER", "وكالة تاس", 0, "«نحن", 0 },
  { "LOCATED_IN", "لافروف", 1, "أنقرة", 0 },
  { "LOCATED_IN", "لافروف", 1, "واشنطن", 0 },
  { "LOCATED_IN", "وزارة الخارجية الأوكرانية", 0, "كييف", 0 },
  { "MEMBER_OF", "دميترو كوليبا", 0, "وزارة الخارجية الأوكرانية", 0 },
  { "LOCATED_IN", "دميترو كوليبا", 0, "الأوكرانية", 0 },
  { "LOCATED_IN", "وزارة الخارجية الأوكرانية", 0, "الأوكرانية", 0 },
  { "MEMBER_OF", "ينس ستولتنبرغ", 0, "حلف الناتو", 0 },
  { "LOCATED_IN", "ينس ستولتنبرغ", 0, "بروكسل", 0 },
  { "LOCATED_IN", "حلف الناتو", 0, "بروكسل", 0 },
  { "LOCATED_IN", "حلف الناتو", 0, "أوكرانيا", 0 },
  { "LOCATED_IN", "Sergei Lavrov", 0, "Moscow", 0 },
  { "LOCATED_IN", "Hakan Fidan", 0, "Moscow", 0 },
  { "MEMBER_OF", "Jens Stoltenberg", 0, "NATO", 0 },
  { "LOCATED_IN", "Jens Stoltenberg", 0, "Brussels", 0 },
  { "LOCATED_IN", "Reuters", 0, "Moscow", 0 },
  { "MEMBER_OF", "فيدان", 1, "الخارجية التركية", 0 },
  { "LOCATED_IN", "الخارجية التركية", 0, "أنقرة", 1 },
  { "LOCATED_IN", "فيدان", 1, "طهران", 0 },
  { "SPEAKER", "ماثيو ميلر", 0, "«ندعم", 0 },
  { "MEMBER_OF", "ماثيو ميلر", 0, "الخارجية الأمريكية", 0 },
  { "LOCATED_IN", "ماثيو ميلر", 0, "واشنطن", 1 },
  { "LOCATED_IN", "European Union", 0, "Brussels", 1 },
  { "LOCATED_IN", "وكالة الأناضول", 0, "دمشق", 1 },
  { "LOCATED_IN", "بوتين", 0, "سوتشي", 0 },
  { "LOCATED_IN", "لافروف", 2, "موسكو", 2 },
  { "LOCATED_IN", "لافروف", 2, "روسيا", 0 },
  /* ends on distant lines */
  { "MEMBER_OF", "لافروف", 2, "الكرملين", 0 },
  { "LOCATED_IN", "Sergei Lavrov", 0, "موسكو", 0 },
  { "MEMBER_OF", "Jens Stoltenberg", 0, "حلف الناتو", 0 },
  { "LOCATED_IN", "بوتين", 0, "موسكو", 2 },
};

/* The span that covers exactly the @nth occurrence of @text. */
static gint64
span_id_of (DocViewProject *project,
            GArray         *ids,
            const char     *text,
            int             nth)
{
  for (guint i = 0; i < G_N_ELEMENTS (span_cases); i++)
    if (g_str_equal (span_cases[i].text, text) && span_cases[i].nth == nth)
      return g_array_index (ids, gint64, i);
  g_assert_not_reached ();
  return 0;
}

static void
add_annotations (DocViewProject *project)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (span_cases); i++)
    {
      const SpanCase *c = &span_cases[i];
      gint64 start = cp_of (project->text, c->text, c->nth);
      gint64 end = start + cp_len (c->text);
      g_autoptr(AlamaSpan) span = NULL;

      /* The quotes run to their closing guillemet. */
      if (g_str_has_prefix (c->text, "«"))
        end = g_utf8_pointer_to_offset (project->text,
                                        strstr (g_utf8_offset_to_pointer (project->text, start), "»")) + 1;
      span = alama_span_new (c->label, start, end);
      span->document_id = alama_document_get_id (project->doc);
      span->status = ALAMA_STATUS_ACCEPTED;
      alama_store_add_span (project->store, span, &error);
      g_assert_no_error (error);
      g_array_append_val (ids, span->id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (relation_cases); i++)
    {
      const RelationCase *c = &relation_cases[i];
      g_autoptr(AlamaRelation) rel = alama_relation_new (c->type, span_id_of (project, ids, c->from, c->from_nth),
                                                         span_id_of (project, ids, c->to, c->to_nth));

      rel->document_id = alama_document_get_id (project->doc);
      rel->status = ALAMA_STATUS_ACCEPTED;
      alama_store_add_relation (project->store, rel, &error);
      g_assert_no_error (error);
    }
}

static GdkTexture *
render_node (GskRenderNode *node,
             int            width,
             int            height)
{
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  gsk_renderer_realize (renderer, NULL, &error);
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);
  return texture;
}

static void
save_png (GdkTexture *texture,
          const char *name)
{
  const char *out_dir = g_getenv ("ALAMA_TEST_OUTPUT");
  g_autofree char *path = NULL;

  if (out_dir == NULL)
    return;
  path = g_build_filename (out_dir, name, NULL);
  g_mkdir_with_parents (out_dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* The whole view as it is on screen. */
static void
save_view (GtkWidget  *view,
           const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (view);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = 0, height = 0;

  /* The paintable is empty until the view has a size and has drawn a frame. */
  for (int tries = 0; node == NULL; tries++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      g_assert_cmpint (tries, <, 50);
      if (tries > 0)
        doc_view_settle (view);
      width = gtk_widget_get_width (view);
      height = gtk_widget_get_height (view);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  texture = render_node (node, width, height);
  save_png (texture, name);
}

/* The rectangles (buffer coordinates) of every visible character that is not
 * a space. */
static GArray *
glyph_rects (AlamaDocView       *view,
             const GdkRectangle *visible)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));
  GtkTextIter iter;

  for (gtk_text_buffer_get_start_iter (buffer, &iter); !gtk_text_iter_is_end (&iter);
       gtk_text_iter_forward_char (&iter))
    {
      gunichar ch = gtk_text_iter_get_char (&iter);
      GdkRectangle r;

      if (g_unichar_isspace (ch) || ch == ALAMA_RLM || ch == ALAMA_LRM)
        continue;
      gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &iter, &r);
      if (r.width < 0)
        {
          r.x += r.width;
          r.width = -r.width;
        }
      if (gdk_rectangle_intersect (&r, visible, NULL))
        g_array_append_val (rects, r);
    }
  return rects;
}

typedef struct
{
  guint painted;      /* pixels the relations painted */
  guint on_glyphs;    /* of them, inside a character's rectangle */
  guint shapes;
} Check;

/* Paints the relations alone at the current scroll position and counts their
 * pixels inside characters' rectangles. */
static void
check_visible (AlamaDocView *view,
               Check        *check,
               const char   *png_name)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GArray) glyphs = NULL;
  g_autofree guchar *pixels = NULL;
  GdkRectangle visible;
  gsize stride;
  guint on_glyphs = 0, painted = 0;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (view), &visible);
  stride = (gsize) visible.width * 4;
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-visible.x, -visible.y));
  _alama_doc_view_paint_relations (view, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = render_node (node, visible.width, visible.height);
  save_png (texture, png_name);
  pixels = g_malloc (stride * visible.height);
  gdk_texture_download (texture, pixels, stride);

  glyphs = glyph_rects (view, &visible);
  g_assert_cmpuint (glyphs->len, >, 0);
  for (int y = 0; y < visible.height; y++)
    for (int x = 0; x < visible.width; x++)
      {
        /* B G R A, premultiplied: any coverage counts. */
        if (pixels[y * stride + x * 4 + 3] == 0)
          continue;
        painted++;
        for (guint i = 0; i < glyphs->len; i++)
          {
            const GdkRectangle *r = &g_array_index (glyphs, GdkRectangle, i);
            int bx = x + visible.x, by = y + visible.y;

            if (bx >= r->x && bx < r->x + r->width && by >= r->y && by < r->y + r->height)
              {
                if (on_glyphs < 10)
                  g_test_message ("arc pixel at %d,%d (buffer) on the glyph at %d,%d %dx%d",
                                  bx, by, r->x, r->y, r->width, r->height);
                on_glyphs++;
                break;
              }
          }
      }
  g_test_message ("%s: %u arc pixels, %u on glyphs, %u shapes", png_name, painted, on_glyphs,
                  view->arc_shapes->len);
  check->painted += painted;
  check->on_glyphs += on_glyphs;
  check->shapes += view->arc_shapes->len;

  /* The hit test finds what is painted: at the middle of each label, its
   * relation, or one whose label was painted over it. */
  for (guint i = 0; i < view->arc_shapes->len; i++)
    {
      const AlamaArcShape *shape = &g_array_index (view->arc_shapes, AlamaArcShape, i);
      graphene_point_t mid;
      gint64 hit;
      gboolean covered = FALSE;

      graphene_rect_get_center (&shape->label, &mid);
      hit = _alama_doc_view_relation_at (view, mid.x, mid.y);
      for (guint j = i + 1; j < view->arc_shapes->len && !covered; j++)
        {
          const AlamaArcShape *later = &g_array_index (view->arc_shapes, AlamaArcShape, j);
          covered = later->relation == hit && graphene_rect_contains_point (&later->label, &mid);
        }
      g_assert_true (hit == shape->relation || covered);
    }
}

static void
test_arcs_off_text (void)
{
  DocViewProject *project = doc_view_project_new ("arcs.txt");
  GtkWidget *view = alama_doc_view_new ();
  AlamaDocView *dv = ALAMA_DOC_VIEW (view);
  GtkAdjustment *vadj;
  GtkWidget *window;
  Check check = { 0 };
  int page = 0;

  add_annotations (project);
  alama_doc_view_set_store (dv, project->store);
  alama_doc_view_set_document (dv, project->doc);
  g_assert_cmpuint (dv->relations->len, ==, G_N_ELEMENTS (relation_cases));

  /* Narrow enough that the first quote wraps. */
  window = doc_view_window_new (view, 720, 760);
  doc_view_settle (view);
  save_view (view, "doc-view-arcs.png");
  {
    gint64 start = cp_of (project->text, "«نحن", 0);
    g_autoptr(GArray) runs = _alama_doc_view_collect_runs (dv, start, cp_of (project->text, "»", 0) + 1);
    double first_y = g_array_index (runs, AlamaRun, 0).rect.origin.y;
    gboolean wraps = FALSE;

    for (guint i = 1; i < runs->len; i++)
      wraps |= g_array_index (runs, AlamaRun, i).rect.origin.y != first_y;
    g_assert_true (wraps);
  }

  vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  /* At the default zoom, then larger (the room follows the zoom), then with
   * every paragraph right-to-left (a new buffer, planned again). */
  for (int pass = 0; pass < 3; pass++)
    {
      if (pass > 0)
        {
          memset (&check, 0, sizeof check);
          if (pass == 1)
            alama_doc_view_set_zoom (dv, 1.6);
          else
            {
              alama_doc_view_set_zoom (dv, 1.0);
              alama_doc_view_set_direction (dv, ALAMA_DIRECTION_RTL);
            }
          /* Back to the top once the new layout has its height. */
          doc_view_settle (view);
          gtk_adjustment_set_value (vadj, 0);
          doc_view_settle (view);
          g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, 0);
        }
      for (page = 0;; page++)
        {
          g_autofree char *name = g_strdup_printf ("doc-view-arcs-only-%d-%d.png", pass, page);

          check_visible (dv, &check, name);
          if (gtk_adjustment_get_value (vadj) + gtk_adjustment_get_page_size (vadj) >=
              gtk_adjustment_get_upper (vadj) - 1)
            break;
          gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) +
                                          gtk_adjustment_get_page_size (vadj) * 0.8);
          doc_view_settle (view);
          if (page == 0)
            {
              g_autofree char *shot = g_strdup_printf ("doc-view-arcs-%d-scrolled.png", pass);
              save_view (view, shot);
            }
          g_assert_cmpint (page, <, 40);
        }

      /* Every relation was painted at least once, and none on the text. */
      g_assert_cmpuint (check.shapes, >=, G_N_ELEMENTS (relation_cases));
      g_assert_cmpuint (check.painted, >, 0);
      g_assert_cmpuint (check.on_glyphs, ==, 0);
    }

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
  g_test_add_func ("/alama/doc-view-arcs/off-text", test_arcs_off_text);
  return g_test_run ();
}
