/* alama-startup-theme.h: keeps GTK from parsing its Default theme at start-up
 * only for libadwaita to replace it a moment later.
 *
 *   GTK loads the theme named by GTK_THEME, else by its "gtk-theme-name"
 *   setting ("Default"), when it creates the display's GtkSettings; that
 *   happens inside GtkApplication's startup, before libadwaita's style manager
 *   exists. libadwaita then sets "gtk-theme-name" to its own empty theme and
 *   adds its stylesheet, so the Default theme was parsed for nothing: ≈ 8 ms
 *   of the first frame on the benchmark machine (BENCHMARKS.md).
 *
 *   So, when the user did not set GTK_THEME: main() sets GTK_THEME=Empty (a
 *   theme built into GTK, an empty stylesheet) before any thread starts, and
 *   the application's startup, before chaining up, lets GTK create its
 *   settings under that name and then removes the variable again, so that
 *   libadwaita sees no GTK_THEME and themes the application as it always does
 *   (and no child process inherits it). A GTK_THEME set by the user is left
 *   alone: GTK and libadwaita then do what they do with it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* From main(), before anything starts a thread: g_setenv() may move the
 * environment array, which a thread reading it at that moment would not
 * survive. Does nothing when GTK_THEME is set. */
void alama_startup_theme_prepare (void);

/* From GApplication::startup, before chaining up: initialises GTK, has it
 * create its settings with the empty theme, and unsets GTK_THEME again.
 * Does nothing unless alama_startup_theme_prepare() set the variable. */
void alama_startup_theme_settle  (void);

G_END_DECLS
