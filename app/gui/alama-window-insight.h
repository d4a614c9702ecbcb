/* alama-window-insight.h: find, project search, dashboard and preferences in the
 * window (alama-window-insight.c). */
#pragma once

#include "alama-dashboard.h"
#include "alama-find-bar.h"
#include "alama-search-panel.h"
#include "alama-window.h"

G_BEGIN_DECLS

/* Installs win.find, win.find-project, win.dashboard, win.preferences on the
 * class; call from _alama_window_class_install_actions(). */
void              _alama_window_class_install_insight_actions (GtkWidgetClass *widget_class);
/* Adds the menu items, the find bar over the text and the search page of the
 * sidebar; call once from the window's init. */
void              _alama_window_setup_insight        (AlamaWindow *self);
/* Drops what the insight fields hold; call from the window's dispose. */
void              _alama_window_dispose_insight      (AlamaWindow *self);
/* Called by _alama_window_update_actions(). */
void              _alama_window_update_insight_actions (AlamaWindow *self);

/* For tests. They make the find bar or the search panel if it was not made
 * yet, as opening it does. */
AlamaFindBar     *_alama_window_get_find_bar           (AlamaWindow *self);
AlamaSearchPanel *_alama_window_get_search_panel       (AlamaWindow *self);
/* Opens the project search with @label / @text (either may be NULL). */
void              _alama_window_search_project         (AlamaWindow *self,
                                                        const char  *label,
                                                        const char  *text);
/* Opens (or raises) the dashboard and returns it (owned by the window). */
AlamaDashboard   *_alama_window_show_dashboard         (AlamaWindow *self);

G_END_DECLS
