/* alama-instrumentation.h: the watcher of alama-instrumented, the build of the
 * workbench that the UI tests and GUI benchmarks run. The installed `alama`
 * has none of this. Switched on through the environment:
 *
 *   ALAMA_BENCH_LOG=1     prints "annotate-ms: X" to stderr for every span made
 *                         by input, from the key press or button release to the
 *                         end of the first frame painted after the commit; and
 *                         "startup WHAT: MS" at some steps of start-up, MS from
 *                         the start of the program (with the renderer GTK
 *                         chose, at the first frame).
 *   ALAMA_BENCH_SCROLL=1  after the first frame with a document, scrolls it from
 *                         top to bottom, one step per frame, prints
 *                         "scroll-frames: N p50-ms: X p95-ms: Y max-ms: Z" and
 *                         quits.
 *   ALAMA_DEBUG_GEOMETRY=FILE  the document view's words and spans on screen,
 *                         after each frame (alama-debug-geometry.h).
 *   ALAMA_DEBUG_UI_STATE=FILE  the window's direction and labels, after its
 *                         first frame (alama-debug-ui-state.h).
 *   ALAMA_TEST_HOLD_UPGRADE=FILE  an older project's upgrade waits, inside its
 *                         transaction, until FILE exists or it is cancelled;
 *                         FILE.page says what the upgrade page shows
 *                         (alama-debug-upgrade.h).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads the switches and installs the watcher (alama-probe.h). Call first
 * thing in main(). */
void alama_instrumentation_install (void);

G_END_DECLS
