/* alama-upgrade-task.h: opening a project that needs an upgrade, in a worker
 * thread with its own connection (alama_store_open_upgraded()), with the
 * progress brought to the caller's main context. */
#pragma once

#include <alama/alama.h>
#include <alama/alama-store-upgrade.h>

G_BEGIN_DECLS

/* Opens @path, upgrading it. @progress (may be NULL) is called in the thread
 * default main context of the caller, at most about 20 times a second, while
 * the upgrade runs; cancelling @cancellable stops it and leaves the file as it
 * was. The GTask keeps @source_object alive until @callback has run. */
void        alama_upgrade_task_run_async  (gpointer               source_object,
                                           const char            *path,
                                           AlamaStoreUpgradeFunc  progress,
                                           gpointer               progress_data,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);
/* The open store (transfer full), or NULL with @error set
 * (G_IO_ERROR_CANCELLED when it was cancelled). */
AlamaStore *alama_upgrade_task_run_finish (GAsyncResult          *result,
                                           GError               **error);

G_END_DECLS
