/* alama-debug-geometry.h: where the document view's words and spans are on
 * screen, written to a file after each frame for the tests and benchmarks that
 * drive the workbench with X input. */
#pragma once

#include "alama-doc-view.h"

G_BEGIN_DECLS

/* From now on, writes @view's geometry to @path (JSON) after each frame that
 * changed it. */
void alama_debug_geometry_watch (AlamaDocView *view,
                                 const char   *path);

G_END_DECLS
