/* alama-stats-kept-private.h: the counts behind `alama stats`, kept in the
 * project file as annotations change (alama-stats-kept.c explains the tables).
 *
 * For the core only. The store calls the two hooks below; alama-stats.c reads
 * the tables.
 */
#pragma once

#include <sqlite3.h>

#include "alama/alama-store.h"

G_BEGIN_DECLS

/* Drops the kept counts' tables and triggers, makes them again and fills the
 * counts from the rows (all but the group rows, which need the text: see
 * _alama_stats_kept_migrate). With @keep_groups the group rows in the file
 * stay, and the counts made from them are filled from them too; a span with
 * no group row still needs one. alama-stats-kept-schema.c. */
gboolean    _alama_stats_kept_make_tables    (sqlite3          *db,
                                              gboolean          keep_groups,
                                              GError          **error);

/* Migration 7: makes the tables and their triggers, as this version defines
 * them, and fills them from the spans and relations already in the file. */
gboolean    _alama_stats_kept_migrate        (sqlite3          *db,
                                              GError          **error);
/* Migration 9: the counts again, now with each document's pending relations
 * and the totals of documents, unless migration 7 made them so in the same
 * upgrade. */
gboolean    _alama_stats_kept_migrate_pending_relations (sqlite3  *db,
                                                         GError  **error);

/* Hook, after the store wrote @span's row and fragments (a new span, one
 * restored by undo, or with @replaced a changed one whose fragments it deleted
 * and wrote again): records its normalised covered text. */
gboolean    _alama_stats_kept_span_written   (AlamaStore       *store,
                                              const AlamaSpan  *span,
                                              gboolean          replaced,
                                              GError          **error);


/* The key spans are grouped by in the "top" lists: @covered folded with
 * alama_arabic_normalize() and stripped ("" for nothing to show). */
char       *_alama_stats_kept_group_key      (const char       *covered);

/* Outside a transaction on a writable store: records the normalised text of
 * spans that have none (rows written by another program, which the triggers
 * can count but not read). Does nothing when every span has one. */
gboolean    _alama_stats_kept_catch_up       (AlamaStore       *store,
                                              GError          **error);

/* The covered text of span @span_id as alama_span_dup_text() gives it. */
char       *_alama_stats_kept_dup_span_text  (AlamaStore       *store,
                                              gint64            span_id,
                                              GError          **error);

G_END_DECLS
