/* alama-renderer.h: the "software-rendering" preference, applied in main()
 * before GTK (or any thread of ours) starts, because GTK reads GSK_RENDERER and
 * GDK_DEBUG from the environment once, when it opens the display. The
 * preference therefore takes effect at the next start.
 *
 *   Off (the default): GTK picks its renderer as it always does.
 *   On: the cairo renderer, and GDK is told not to set up GL at all
 *   (GDK_DEBUG=gl-disable): on X11, GDK otherwise picks its window visual
 *   through EGL/GLX, which loads the GL driver even when cairo then draws
 *   everything. That makes start-up faster and lighter on X11 machines with a
 *   slow or software GL, at the cost of GL's smoother scrolling on good GPUs
 *   (README.md, "Rendering").
 *
 * A GSK_RENDERER set in the environment always wins: nothing is changed then.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The decision without side effects (tests call it). @gsk_renderer and
 * @gdk_debug are the current values of those variables (NULL when unset).
 * Sets *@new_gsk_renderer and *@new_gdk_debug to newly allocated values to
 * put in the environment, or NULL to leave that variable alone. */
void alama_renderer_choose (const char  *gsk_renderer,
                            const char  *gdk_debug,
                            gboolean     software_rendering,
                            char       **new_gsk_renderer,
                            char       **new_gdk_debug);

/* Applies alama_renderer_choose() with the preference to this process's
 * environment. Call from main() before GTK starts; safe while threads that
 * read the environment run. */
void alama_renderer_setup  (gboolean     software_rendering);

G_END_DECLS
