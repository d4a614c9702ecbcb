/* alama-application.h: the workbench application (AdwApplication).
 *
 * Parses `alama [PROJECT] [--open DOCNAME] [--exit-after-first-frame]`, owns the
 * GSettings and creates the window.
 */
#pragma once

#include <adwaita.h>

#include "alama-preload.h"

G_BEGIN_DECLS

#define ALAMA_TYPE_APPLICATION (alama_application_get_type ())
G_DECLARE_FINAL_TYPE (AlamaApplication, alama_application, ALAMA, APPLICATION, AdwApplication)

AlamaApplication *alama_application_new            (void);
/* g_get_monotonic_time() at the start of main(), for `first-frame-ms`. Defaults to
 * the time the application object was made. */
void              alama_application_set_start_time (AlamaApplication *self,
                                                    gint64            monotonic_us);
gint64            alama_application_get_start_time (AlamaApplication *self);
/* --exit-after-first-frame: after the first frame that shows the document, the
 * window prints `first-frame-ms: N` (from the start time) and quits. */
gboolean          alama_application_get_exit_after_first_frame (AlamaApplication *self);
/* The org.alama.Workbench settings (borrowed). */
GSettings        *alama_application_get_settings   (AlamaApplication *self);

/* The project read ahead in a thread while GTK started (alama-preload.h), if it
 * is @path (canonical): transfer full, the caller finishes it. Any other preload
 * is dropped, so it is asked for once. */
AlamaPreload     *alama_application_take_preload  (AlamaApplication *self,
                                                   const char       *path);

G_END_DECLS
