/* alama-debug-upgrade.h: holding an older project's upgrade for a UI test, and
 * saying what the upgrade page shows meanwhile. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* In the upgrade's worker, its transaction open: returns once @path exists or
 * @cancellable is cancelled. Meanwhile, after each frame the window paints,
 * @path.page gets {"page": true, "text": PROGRESS TEXT, "cancel": [x, y, w, h]}
 * (the Cancel button in the window surface's coordinates) while the upgrade
 * page is on screen, and {"page": false} once it is gone. */
void alama_debug_upgrade_hold (GCancellable *cancellable,
                               const char   *path);

G_END_DECLS
