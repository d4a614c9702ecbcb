/* alama-preferences.h: the Preferences window (Ctrl+,).
 *
 * Font, zoom, line spacing, word snapping, text direction and the annotator's
 * name, bound to the org.alama.Workbench GSettings keys the window already
 * follows, so a change shows in the open document at once.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALAMA_TYPE_PREFERENCES (alama_preferences_get_type ())
G_DECLARE_FINAL_TYPE (AlamaPreferences, alama_preferences, ALAMA, PREFERENCES,
                      AdwPreferencesWindow)

AlamaPreferences *alama_preferences_new (GtkWindow *parent);

G_END_DECLS
