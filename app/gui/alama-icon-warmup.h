/* alama-icon-warmup.h: the icon theme read in a thread during start-up.
 *
 *   The first icon lookup makes GTK read the icon themes: Adwaita's and
 *   hicolor's index.theme (hundreds of directories), their caches and the
 *   resource icons. Done by the first widget that shows an icon, that was
 *   ≈ 7 ms of the main thread before the first frame (BENCHMARKS.md).
 *   GtkIconTheme allows lookups from another thread once it was set up on the
 *   main thread (they take the theme's lock; see "Threading" in GTK's
 *   gtkicontheme.c), so a thread makes that first lookup while the main
 *   thread builds the window. A main-thread lookup that comes while the
 *   thread still reads waits for it, as it would have read anyway.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Starts the thread on @theme, which must come from
 * gtk_icon_theme_get_for_display() on the main thread (the thread keeps a
 * reference until it is done). Returns the thread: join or unref it. */
GThread *alama_icon_warmup_start (GtkIconTheme *theme);

G_END_DECLS
