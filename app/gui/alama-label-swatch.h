/* alama-label-swatch.h: a small filled circle in a label's colour, as the label
 * chooser, the legend and the annotation list show next to a label. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @color is "#rrggbb"; NULL or unparsable gives a neutral grey. */
GtkWidget *alama_label_swatch_new       (const char *color);
/* Paints @swatch (made by alama_label_swatch_new()) in @color from now on:
 * the list rows that are reused for other labels. */
void       alama_label_swatch_set_color (GtkWidget  *swatch,
                                         const char *color);

G_END_DECLS
