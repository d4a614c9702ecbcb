/* alama-label-legend.h: a strip that always shows the project's labels: each
 * one's colour, its key (1-9) and its name, from the project's schema, and
 * follows the schema when it changes. */
#pragma once

#include <gtk/gtk.h>

#include <alama/alama-store.h>

G_BEGIN_DECLS

#define ALAMA_TYPE_LABEL_LEGEND (alama_label_legend_get_type ())
G_DECLARE_FINAL_TYPE (AlamaLabelLegend, alama_label_legend, ALAMA, LABEL_LEGEND, GtkWidget)

GtkWidget  *alama_label_legend_new       (void);
void        alama_label_legend_set_store (AlamaLabelLegend *self,
                                          AlamaStore       *store);
AlamaStore *alama_label_legend_get_store (AlamaLabelLegend *self);

G_END_DECLS
