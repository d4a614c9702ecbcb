/* alama-store-upgrade.h: learning whether a project file needs an upgrade, and
 * upgrading it with progress and a way to stop.
 *
 * alama_store_open() upgrades an older project by itself, which is what the
 * command line wants. The workbench asks first (alama_store_read_version() reads
 * the file's header, no SQLite connection), opens with
 * alama_store_open_current(), which refuses to upgrade, and upgrades in a
 * worker with alama_store_open_upgraded(), showing the progress.
 *
 * An upgrade is ONE transaction: cancelled or failed, it leaves the file as it
 * was, at its old version.
 */
#pragma once

#include <gio/gio.h>

#include "alama-store.h"

G_BEGIN_DECLS

#define ALAMA_STORE_UPGRADE_ERROR (alama_store_upgrade_error_quark ())
GQuark alama_store_upgrade_error_quark (void);

typedef enum
{
  /* alama_store_open_current(): the file is older than this build */
  ALAMA_STORE_UPGRADE_ERROR_NEEDED,
} AlamaStoreUpgradeError;

/* Called in the upgrading thread: the upgrade is at migration @step (0-based)
 * of @n_steps, and @fraction (0 to 1) of the whole is done. Within a long
 * migration @fraction moves on as SQLite works, as an estimate (SQLite cannot
 * say how much of a statement is left); it reaches 1 only at the end. */
typedef void (*AlamaStoreUpgradeFunc) (guint    step,
                                       guint    n_steps,
                                       double   fraction,
                                       gpointer user_data);

/* The version (PRAGMA user_version) of the Alama project at @path, read from
 * its header without opening it through SQLite: nothing is written, no lock
 * taken. Fails as alama_store_open() does for a missing file or one that is not
 * an Alama project. A commit still in the project's -wal (the last program did
 * not close it) is not seen: this is a hint for the caller's choice, and
 * opening reads the real version. */
gboolean     alama_store_read_version      (const char             *path,
                                            guint                  *version,
                                            GError                **error);

/* As alama_store_open(), except that a project older than this build is not
 * upgraded: that fails with ALAMA_STORE_UPGRADE_ERROR_NEEDED and leaves the
 * file alone. A read-only or newer project fails as with alama_store_open(). */
AlamaStore  *alama_store_open_current      (const char             *path,
                                            AlamaStoreOpenFlags     flags,
                                            GError                **error);

/* Opens @path for writing, upgrading it when it is older than this build, and
 * calls @progress (may be NULL) in this thread as it goes. Cancelling
 * @cancellable (from any thread) stops the upgrade: it fails with
 * G_IO_ERROR_CANCELLED and the file is as it was. Run it in a worker: the
 * store it returns may then be handed to another thread. */
AlamaStore  *alama_store_open_upgraded     (const char             *path,
                                            AlamaStoreUpgradeFunc   progress,
                                            gpointer                user_data,
                                            GCancellable           *cancellable,
                                            GError                **error);

G_END_DECLS
