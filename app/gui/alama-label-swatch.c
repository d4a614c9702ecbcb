/* alama-label-swatch.c: see the header. */
#define G_LOG_DOMAIN "alama-label-swatch"

#include "config.h"

#include "alama-label-swatch.h"

static void
swatch_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const GdkRGBA *color = user_data;

  gdk_cairo_set_source_rgba (cr, color);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

GtkWidget *
alama_label_swatch_new (const char *color)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 14);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  alama_label_swatch_set_color (area, color);
  return area;
}

void
alama_label_swatch_set_color (GtkWidget  *swatch,
                              const char *color)
{
  GdkRGBA *rgba = g_new (GdkRGBA, 1);

  g_return_if_fail (GTK_IS_DRAWING_AREA (swatch));

  if (color == NULL || !gdk_rgba_parse (rgba, color))
    gdk_rgba_parse (rgba, "#77767b");
  /* The colour before is freed by the drawing area; it queues a draw. */
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), swatch_draw, rgba, g_free);
}
