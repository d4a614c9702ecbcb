/* alama-probe.h: named points in the workbench's life that a watcher outside
 * the application may follow (a test harness, a benchmark, a profiler).
 *
 * The workbench calls alama_probe_point() where something happens that is
 * worth timing or checking from outside; nothing is done unless a watcher was
 * installed. The installed `alama` installs none. The test and benchmark
 * executable, alama-instrumented (app/instrumentation), installs one before
 * the application starts.
 *
 * Points, with the instance passed along:
 *   "window-created"  AlamaWindow   a workbench window was built
 *   "input"           AlamaDocView  a key press or button release reached the text
 *   "span-created"    AlamaDocView  input made a span; the next frame shows it
 *   "preload-done"    NULL          the read-ahead finished (in its thread)
 *   "upgrade-running" GCancellable  an older project's upgrade reported for the first
 *                                   time, its transaction open (in its worker); the
 *                                   upgrade waits until the watcher returns
 *   "first-frame"     AlamaWindow   the first frame showing the document was painted
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*AlamaProbeFunc) (const char *point,
                                gpointer    instance,
                                gpointer    user_data);

/* Call once, before the application starts any thread. */
void     alama_probe_install      (AlamaProbeFunc func,
                                   gpointer       user_data);
gboolean alama_probe_is_installed (void);
void     alama_probe_point        (const char    *point,
                                   gpointer       instance);

G_END_DECLS
