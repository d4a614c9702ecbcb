/* alama-label-swatch.h: a small filled circle in a label's colour, as the label
 * chooser, the legend and the annotation list show next to a label. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @color is "#rrggbb"; NULL or unparsable gives a neutral grey. */
GtkWidget *alama_label_swatch_new (const char *color);

G_END_DECLS
