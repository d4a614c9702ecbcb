/* alama-debug-ui-state.h: what a test needs to see from outside that the UI is
 * in the user's language and direction, written after the window's first frame:
 * {"direction": "rtl", "locale_direction": ..., "title": ...,
 *  "header_labels": [...], "menu_labels": [...]}. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void alama_debug_ui_state_watch (GtkWindow  *window,
                                 const char *path);

G_END_DECLS
