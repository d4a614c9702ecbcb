/* alama-store-upgrade-private.h: how opening (alama-store-open.c) tells the
 * migration driver (alama-store-migrations.c) to upgrade, refuse to, or report
 * and stop. For app/core only. */
#pragma once

#include "alama/alama-store-upgrade.h"
#include "alama-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean               refuse;       /* fail with ALAMA_STORE_UPGRADE_ERROR_NEEDED */
  AlamaStoreUpgradeFunc  progress;     /* may be NULL */
  gpointer               user_data;
  GCancellable          *cancellable;  /* may be NULL */
} AlamaUpgradeControl;

/* _alama_store_migrate_with() as @control says (NULL: upgrade, no reports). */
gboolean _alama_store_migrate_controlled (sqlite3                    *db,
                                          const char                 *path,
                                          const AlamaMigration       *migrations,
                                          guint                       n_migrations,
                                          const AlamaUpgradeControl  *control,
                                          GError                    **error);

G_END_DECLS
