/* alama-renderer.h: which GSK renderer the workbench asks GTK for, decided in
 * main() before GTK (or any thread) starts, because GTK reads GSK_RENDERER and
 * GDK_DEBUG from the environment once, at display open.
 *
 *   On X11, when the user did not set GSK_RENDERER, Alama uses the cairo
 *   renderer and tells GDK not to probe GL (GDK_DEBUG=gl-disable): GDK's X11
 *   backend otherwise picks its visual through EGL/GLX, which loads the GL
 *   driver (Mesa, libLLVM) even when the cairo renderer then draws everything.
 *   That probe cost ≈ 30 ms of the first frame and ≈ 80 MB of memory under
 *   Xvfb (BENCHMARKS.md). Whenever the renderer in use is cairo, whoever chose
 *   it, the probe is skipped the same way.
 *
 *   GL back: start with GSK_RENDERER=gl (or vulkan where GTK has it): a renderer set by
 *   the user is never overridden, and GL is then probed as GTK does by default.
 *   Wayland keeps GTK's own choice.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ALAMA_DISPLAY_GUESS_X11,
  ALAMA_DISPLAY_GUESS_OTHER,   /* Wayland, Broadway, or nothing to tell */
} AlamaDisplayGuess;

/* The decision without side effects (tests call it). @gsk_renderer and
 * @gdk_debug are the current values of those variables (NULL when unset).
 * Sets *@new_gsk_renderer and *@new_gdk_debug to newly allocated values to
 * put in the environment, or NULL to leave that variable alone. */
void              alama_renderer_choose       (const char         *gsk_renderer,
                                               const char         *gdk_debug,
                                               AlamaDisplayGuess   display,
                                               char              **new_gsk_renderer,
                                               char              **new_gdk_debug);

/* Which backend GDK will most likely open, from GDK_BACKEND, WAYLAND_DISPLAY,
 * the default Wayland socket and DISPLAY (the order GDK tries them in). */
AlamaDisplayGuess alama_renderer_guess_display (void);

/* Applies alama_renderer_choose() to this process's environment. Call from
 * main() before anything starts a thread (g_setenv() is not thread-safe). */
void              alama_renderer_setup         (void);

G_END_DECLS
