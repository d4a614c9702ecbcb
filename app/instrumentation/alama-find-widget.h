/* alama-find-widget.h: finding a widget in a window, for the watchers of the
 * instrumented build. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The first descendant of @widget (depth first) of @type, or NULL. */
GtkWidget *alama_find_descendant (GtkWidget *widget,
                                  GType      type);

G_END_DECLS
