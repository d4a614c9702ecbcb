/* alama-store-delta-private.h: the span and relation stamps the store keeps
 * (alama-store-delta.c), and how a commit brings them along. For the store's
 * files only.
 */
#pragma once

#include <sqlite3.h>

#include "alama/alama-store.h"

G_BEGIN_DECLS

/* ---- Stamps read last (alama-store-delta.c) ---------------------------------- */

/* A stamp aggregates every row of a document's spans (or relations): ≈ 1.3 ms
 * for 10,000 spans, and the view and the panel both ask for it after every
 * change. The store keeps the last ones read, each valid while this connection
 * made no change (sqlite3_total_changes64) and no other connection committed
 * (PRAGMA data_version). */
typedef struct
{
  gboolean         valid;
  gboolean         relations;      /* the relations' stamp, else the spans' */
  gint64           document_id;
  AlamaStatusMask  statuses;
  sqlite3_int64    total_changes;  /* of this connection when it was read */
  gint64           data_version;   /* PRAGMA data_version when it was read */
  guint64          last_used;      /* AlamaStampCache.clock when it last served */
  AlamaSpanStamp   stamp;
} AlamaStampCacheEntry;

/* Two windows on two documents, each with a view, a panel and relations, ask
 * for six or so; sixteen leave room. */
#define ALAMA_STAMP_CACHE_SIZE 16

typedef struct
{
  AlamaStampCacheEntry entries[ALAMA_STAMP_CACHE_SIZE];
  guint64              clock;      /* counts reads, for the least recently used */
} AlamaStampCache;

/* The store's kept stamps, all invalid at open. */
AlamaStampCache *_alama_store_get_stamp_cache (AlamaStore *self);


/* alama-store-delta.c: brings the kept stamps along with a committed change's
 * net rows (_alama_change_net_rows(); NULL: the log gave up and all are
 * forgotten). A stamp is followed only if it was current when the change began
 * (@total_changes_at_start); one that another process's commit made stale
 * stays stale (its data_version is kept). */
void        _alama_store_stamps_follow_commit (AlamaStore          *self,
                                               const GArray        *net,
                                               sqlite3_int64        total_changes_at_start);

G_END_DECLS
