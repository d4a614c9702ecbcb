/* alama-store-rows-changed-private.h: AlamaStore::rows-changed, for the
 * store's own files (alama-store-rows-changed.c). */
#pragma once

#include "alama/alama-store.h"

G_BEGIN_DECLS

/* Installs AlamaStore::rows-changed (from class_init). */
void _alama_store_install_rows_changed (GObjectClass *klass);
/* Emits it with a commit's net rows (_alama_change_net_rows()); NULL: the
 * rows are not known (the log gave up, or another process wrote). */
void _alama_store_emit_rows_changed    (AlamaStore   *self,
                                        const GArray *net);

G_END_DECLS
