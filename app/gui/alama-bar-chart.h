/* alama-bar-chart.h: a small horizontal bar chart drawn with GtkSnapshot.
 *
 * One row per item: its name (shaped by Pango, so Arabic joins), a bar as long
 * as its value relative to the largest, and the value. Under a right-to-left
 * widget direction the names sit on the right and the bars grow leftwards.
 * Colours come from the items, or from the style (accent blue, lighter in dark
 * mode). A click (or Enter on the focused row, Up/Down to move) emits
 * "item-activated" with the row's index.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ALAMA_TYPE_BAR_CHART (alama_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (AlamaBarChart, alama_bar_chart, ALAMA, BAR_CHART, GtkWidget)

GtkWidget *alama_bar_chart_new        (void);
void       alama_bar_chart_clear      (AlamaBarChart *self);
/* @color NULL = the style's accent colour. */
void       alama_bar_chart_add        (AlamaBarChart *self,
                                       const char    *name,
                                       gint64         value,
                                       const GdkRGBA *color);
guint      alama_bar_chart_get_n_items (AlamaBarChart *self);
const char *alama_bar_chart_get_name  (AlamaBarChart *self,
                                       guint          index);
gint64     alama_bar_chart_get_value  (AlamaBarChart *self,
                                       guint          index);

G_END_DECLS
