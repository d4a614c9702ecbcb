/* alama-annotation-columns.h: the columns of the annotation panel's list of
 * AlamaSpanObject rows: the label with its colour, then text, status, source
 * and annotator, each sortable, text and status shown at first; every
 * header's menu switches the others on ("columns.show-PROPERTY" actions). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Adds the columns to @view; their show/hide actions are put on @menu_owner
 * (an ancestor of @view) as the "columns" group. */
void alama_annotation_columns_add (GtkColumnView *view,
                                   GtkWidget     *menu_owner);

G_END_DECLS
