/* alama-stats-kept-schema.c: the tables and triggers that keep the counts of
 * alama stats (see alama-stats-kept.c for what each table holds and why).
 * Everything is dropped and made again from the rows: the kept counts are
 * only ever a function of them. The group rows may be kept: they are the one
 * part that needs the documents' texts to be made again. */
#define G_LOG_DOMAIN "alama-stats-kept"

#include "config.h"

#include "alama-stats-kept-private.h"
#include "alama-store-private.h"

/* Whatever a file holds under these names (a file taken back to an older
 * version by hand, a trial build) is made again from the rows. */
static const char drop_triggers_sql[] =
  "DROP TRIGGER IF EXISTS stats_span_inserted;\n"
  "DROP TRIGGER IF EXISTS stats_span_deleted;\n"
  "DROP TRIGGER IF EXISTS stats_span_updated;\n"
  "DROP TRIGGER IF EXISTS stats_fragment_inserted;\n"
  "DROP TRIGGER IF EXISTS stats_fragment_deleted;\n"
  "DROP TRIGGER IF EXISTS stats_fragment_updated_old;\n"
  "DROP TRIGGER IF EXISTS stats_fragment_updated_new;\n"
  "DROP TRIGGER IF EXISTS stats_group_inserted;\n"
  "DROP TRIGGER IF EXISTS stats_group_deleted;\n"
  "DROP TRIGGER IF EXISTS stats_group_updated;\n"
  "DROP TRIGGER IF EXISTS stats_relation_inserted;\n"
  "DROP TRIGGER IF EXISTS stats_relation_deleted;\n"
  "DROP TRIGGER IF EXISTS stats_relation_updated;\n"
  "DROP TRIGGER IF EXISTS stats_document_deleted;\n"
  "DROP TRIGGER IF EXISTS stats_document_inserted;\n"
  "DROP TRIGGER IF EXISTS stats_totals_document_inserted;\n"
  "DROP TRIGGER IF EXISTS stats_totals_document_updated;\n"
  "DROP TRIGGER IF EXISTS stats_totals_document_deleted;\n";

static const char drop_tables_sql[] =
  "DROP TABLE IF EXISTS stats_span_counts;\n"
  "DROP TABLE IF EXISTS stats_relation_counts;\n"
  "DROP TABLE IF EXISTS stats_document_counts;\n"
  "DROP TABLE IF EXISTS stats_entity_counts;\n"
  "DROP TABLE IF EXISTS stats_speaker_counts;\n"
  "DROP TABLE IF EXISTS stats_kept;\n"
  "DROP TABLE IF EXISTS stats_stale;\n"
  "DROP TABLE IF EXISTS stats_totals;\n";

static const char tables_sql[] =
  "CREATE TABLE stats_span_counts ("
  "  label     TEXT NOT NULL,"
  "  status    TEXT NOT NULL,"
  "  source    TEXT NOT NULL,"
  "  annotator TEXT NOT NULL,"
  "  n         INTEGER NOT NULL,"
  "  PRIMARY KEY (label, status, source, annotator)) WITHOUT ROWID;\n"
  "CREATE TABLE stats_relation_counts ("
  "  type      TEXT NOT NULL,"
  "  status    TEXT NOT NULL,"
  "  source    TEXT NOT NULL,"
  "  annotator TEXT NOT NULL,"
  "  n         INTEGER NOT NULL,"
  "  PRIMARY KEY (type, status, source, annotator)) WITHOUT ROWID;\n"
  "CREATE TABLE stats_document_counts ("
  "  document_id       INTEGER PRIMARY KEY,"
  "  live              INTEGER NOT NULL,"
  "  pending           INTEGER NOT NULL,"
  "  pending_relations INTEGER NOT NULL DEFAULT 0);\n"
  "CREATE TABLE stats_entity_counts ("
  "  label TEXT NOT NULL,"
  "  norm  TEXT NOT NULL,"
  "  n     INTEGER NOT NULL,"
  "  PRIMARY KEY (label, norm)) WITHOUT ROWID;\n"

  "CREATE TABLE stats_speaker_counts ("
  "  type TEXT NOT NULL,"
  "  norm TEXT NOT NULL,"
  "  n    INTEGER NOT NULL,"
  "  PRIMARY KEY (type, norm)) WITHOUT ROWID;\n"

  /* Spans whose fragments another writer changed: their group row is gone. */
  "CREATE TABLE stats_stale (span_id INTEGER PRIMARY KEY);\n"

  "CREATE TABLE stats_totals ("
  "  id        INTEGER PRIMARY KEY CHECK (id = 1),"
  "  documents INTEGER NOT NULL,"
  "  annotated INTEGER NOT NULL,"
  "  done      INTEGER NOT NULL);\n";

static const char groups_sql[] =
  "DROP TABLE IF EXISTS stats_span_groups;\n"
  "CREATE TABLE stats_span_groups ("
  "  span_id INTEGER PRIMARY KEY,"
  "  label   TEXT NOT NULL,"
  "  live    INTEGER NOT NULL,"
  "  norm    TEXT NOT NULL);\n"
  /* Entries are (norm, span_id): a group's lowest id is the first entry. */
  "CREATE INDEX stats_span_groups_by_norm ON stats_span_groups (norm);\n";

/* The counts of the rows already there (their group rows come from C). */
static const char fill_sql[] =
  "INSERT INTO stats_span_counts (label, status, source, annotator, n) "
  "  SELECT label, status, source, coalesce (annotator, ''), count(*) FROM spans "
  "  GROUP BY 1, 2, 3, 4;\n"
  "INSERT INTO stats_relation_counts (type, status, source, annotator, n) "
  "  SELECT type, status, source, coalesce (annotator, ''), count(*) FROM relations "
  "  GROUP BY 1, 2, 3, 4;\n"
  "INSERT INTO stats_document_counts (document_id, live, pending) "
  "  SELECT document_id, sum (status <> 'rejected'), sum (status = 'pending') FROM spans "
  "  GROUP BY document_id;\n"
  "INSERT INTO stats_document_counts (document_id, live, pending, pending_relations) "
  "  SELECT document_id, 0, 0, count(*) FROM relations WHERE status = 'pending' "
  "  GROUP BY document_id "
  "  ON CONFLICT DO UPDATE SET pending_relations = excluded.pending_relations;\n"
  "INSERT INTO stats_totals (id, documents, annotated, done) VALUES (1, "
  "  (SELECT count(*) FROM documents), "
  "  (SELECT count(*) FROM stats_document_counts WHERE live > 0), "
  "  (SELECT count(*) FROM stats_document_counts "
  "     WHERE live > 0 AND pending = 0 AND pending_relations = 0));\n";

#define SPEAKER_TYPES "('SPEAKER', 'CLAIMANT')"

/* The counts that the triggers on stats_span_groups keep, from group rows
 * already there: what inserting each of them would have added. */
static const char count_groups_sql[] =
  "INSERT INTO stats_entity_counts (label, norm, n) "
  "  SELECT label, norm, count(*) FROM stats_span_groups WHERE live AND norm <> '' "
  "  GROUP BY 1, 2;\n"
  "INSERT INTO stats_speaker_counts (type, norm, n) "
  "  SELECT r.type, g.norm, count(*) FROM relations r "
  "  JOIN stats_span_groups g ON g.span_id = r.from_span "
  "  WHERE g.live AND g.norm <> '' AND r.type IN " SPEAKER_TYPES " AND r.status <> 'rejected' "
  "  GROUP BY 1, 2;\n";

/* The pieces the triggers repeat, for a row `r` (new or old) of each table. */
#define SPAN_COUNT_ADD(r) \
  "INSERT INTO stats_span_counts (label, status, source, annotator, n) " \
  "  VALUES (" r ".label, " r ".status, " r ".source, coalesce (" r ".annotator, ''), 1) " \
  "  ON CONFLICT DO UPDATE SET n = n + 1;\n"
#define SPAN_COUNT_SUB(r) \
  "UPDATE stats_span_counts SET n = n - 1 WHERE label = " r ".label AND status = " r ".status " \
  "  AND source = " r ".source AND annotator = coalesce (" r ".annotator, '');\n"
#define DOCUMENT_COUNT_ADD(r) \
  "INSERT INTO stats_document_counts (document_id, live, pending) " \
  "  VALUES (" r ".document_id, " r ".status <> 'rejected', " r ".status = 'pending') " \
  "  ON CONFLICT DO UPDATE SET live = live + excluded.live, pending = pending + excluded.pending;\n"
#define DOCUMENT_COUNT_SUB(r) \
  "UPDATE stats_document_counts SET live = live - (" r ".status <> 'rejected'), " \
  "  pending = pending - (" r ".status = 'pending') WHERE document_id = " r ".document_id;\n"
#define DOCUMENT_RELATION_ADD(r) \
  "INSERT INTO stats_document_counts (document_id, live, pending, pending_relations) " \
  "  SELECT " r ".document_id, 0, 0, 1 WHERE " r ".status = 'pending' " \
  "  ON CONFLICT DO UPDATE SET pending_relations = pending_relations + 1;\n"
#define DOCUMENT_RELATION_SUB(r) \
  "UPDATE stats_document_counts SET pending_relations = pending_relations - 1 " \
  "  WHERE " r ".status = 'pending' AND document_id = " r ".document_id;\n"
#define RELATION_COUNT_ADD(r) \
  "INSERT INTO stats_relation_counts (type, status, source, annotator, n) " \
  "  VALUES (" r ".type, " r ".status, " r ".source, coalesce (" r ".annotator, ''), 1) " \
  "  ON CONFLICT DO UPDATE SET n = n + 1;\n"
#define RELATION_COUNT_SUB(r) \
  "UPDATE stats_relation_counts SET n = n - 1 WHERE type = " r ".type AND status = " r ".status " \
  "  AND source = " r ".source AND annotator = coalesce (" r ".annotator, '');\n"
/* A group row `g` in or out of the entity and speaker counts. */
#define GROUP_ADD(g) \
  "INSERT INTO stats_entity_counts (label, norm, n) " \
  "  SELECT " g ".label, " g ".norm, 1 WHERE " g ".live AND " g ".norm <> '' " \
  "  ON CONFLICT DO UPDATE SET n = n + 1;\n" \
  "INSERT INTO stats_speaker_counts (type, norm, n) " \
  "  SELECT type, " g ".norm, 1 FROM relations " \
  "  WHERE " g ".live AND " g ".norm <> '' AND from_span = " g ".span_id " \
  "    AND type IN " SPEAKER_TYPES " AND status <> 'rejected' " \
  "  ON CONFLICT DO UPDATE SET n = n + 1;\n"
#define GROUP_SUB(g) \
  "UPDATE stats_entity_counts SET n = n - 1 " \
  "  WHERE " g ".live AND label = " g ".label AND norm = " g ".norm;\n" \
  "UPDATE stats_speaker_counts SET n = n - " \
  "  (SELECT count(*) FROM relations r WHERE r.from_span = " g ".span_id " \
  "     AND r.type = stats_speaker_counts.type AND r.status <> 'rejected') " \
  "  WHERE " g ".live AND norm = " g ".norm AND type IN " SPEAKER_TYPES ";\n"
/* A relation `r` in or out of the speaker counts. */
#define SPEAKER_ADD(r) \
  "INSERT INTO stats_speaker_counts (type, norm, n) " \
  "  SELECT " r ".type, norm, 1 FROM stats_span_groups " \
  "  WHERE span_id = " r ".from_span AND live AND norm <> '' " \
  "    AND " r ".type IN " SPEAKER_TYPES " AND " r ".status <> 'rejected' " \
  "  ON CONFLICT DO UPDATE SET n = n + 1;\n"
#define SPEAKER_SUB(r) \
  "UPDATE stats_speaker_counts SET n = n - 1 " \
  "  WHERE " r ".type IN " SPEAKER_TYPES " AND " r ".status <> 'rejected' AND type = " r ".type " \
  "    AND norm = (SELECT norm FROM stats_span_groups WHERE span_id = " r ".from_span AND live);\n"

/* Whether a stats_document_counts row `r` counts as annotated, and as done. */
#define ANNOTATED(r) "(" r ".live > 0)"
#define DONE(r) "(" r ".live > 0 AND " r ".pending = 0 AND " r ".pending_relations = 0)"

/* A fragment of span `f.span_id` changed by @event: its group row goes. */
#define FRAGMENT_CHANGED(name, event, f) \
  "CREATE TRIGGER stats_fragment_" name " AFTER " event " ON span_fragments " \
  "WHEN EXISTS (SELECT 1 FROM stats_span_groups WHERE span_id = " f ".span_id) BEGIN\n" \
  "DELETE FROM stats_span_groups WHERE span_id = " f ".span_id;\n" \
  "INSERT OR IGNORE INTO stats_stale (span_id) VALUES (" f ".span_id);\n" \
  "END;\n"

static const char triggers_sql[] =
  "CREATE TRIGGER stats_span_inserted AFTER INSERT ON spans BEGIN\n"
  SPAN_COUNT_ADD ("new") DOCUMENT_COUNT_ADD ("new")
  "END;\n"
  "CREATE TRIGGER stats_span_deleted AFTER DELETE ON spans BEGIN\n"
  SPAN_COUNT_SUB ("old") DOCUMENT_COUNT_SUB ("old")
  "DELETE FROM stats_span_groups WHERE span_id = old.id;\n"
  "DELETE FROM stats_stale WHERE span_id = old.id;\n"
  "END;\n"
  /* The store rewrites every column of a span it changes: only a change of a
   * counted one moves the counts. */
  "CREATE TRIGGER stats_span_updated AFTER UPDATE OF label, status, source, annotator, "
  "  document_id ON spans "
  "WHEN old.label IS NOT new.label OR old.status IS NOT new.status "
  "  OR old.source IS NOT new.source OR old.annotator IS NOT new.annotator "
  "  OR old.document_id IS NOT new.document_id BEGIN\n"
  SPAN_COUNT_SUB ("old") SPAN_COUNT_ADD ("new")
  DOCUMENT_COUNT_SUB ("old") DOCUMENT_COUNT_ADD ("new")
  "UPDATE stats_span_groups SET label = new.label, live = new.status <> 'rejected' "
  "  WHERE span_id = new.id;\n"
  "END;\n"
  /* A span being written has no group row yet (the store records it right
   * after its fragments): only a change to a recorded span does anything. */
  FRAGMENT_CHANGED ("inserted", "INSERT", "new")
  FRAGMENT_CHANGED ("deleted", "DELETE", "old")
  FRAGMENT_CHANGED ("updated_old", "UPDATE", "old")
  FRAGMENT_CHANGED ("updated_new", "UPDATE", "new")
  "CREATE TRIGGER stats_group_inserted AFTER INSERT ON stats_span_groups "
  "WHEN new.live AND new.norm <> '' BEGIN\n"
  GROUP_ADD ("new")
  "END;\n"
  "CREATE TRIGGER stats_group_deleted AFTER DELETE ON stats_span_groups "
  "WHEN old.live AND old.norm <> '' BEGIN\n"
  GROUP_SUB ("old")
  "END;\n"
  "CREATE TRIGGER stats_group_updated AFTER UPDATE ON stats_span_groups BEGIN\n"
  GROUP_SUB ("old") GROUP_ADD ("new")
  "END;\n"
  "CREATE TRIGGER stats_relation_inserted AFTER INSERT ON relations BEGIN\n"
  RELATION_COUNT_ADD ("new") SPEAKER_ADD ("new") DOCUMENT_RELATION_ADD ("new")
  "END;\n"
  "CREATE TRIGGER stats_relation_deleted AFTER DELETE ON relations BEGIN\n"
  RELATION_COUNT_SUB ("old") SPEAKER_SUB ("old") DOCUMENT_RELATION_SUB ("old")
  "END;\n"
  "CREATE TRIGGER stats_relation_updated AFTER UPDATE OF type, status, source, annotator, "
  "  from_span, document_id ON relations "
  "WHEN old.type IS NOT new.type OR old.status IS NOT new.status "
  "  OR old.source IS NOT new.source OR old.annotator IS NOT new.annotator "
  "  OR old.from_span IS NOT new.from_span OR old.document_id IS NOT new.document_id BEGIN\n"
  RELATION_COUNT_SUB ("old") SPEAKER_SUB ("old") DOCUMENT_RELATION_SUB ("old")
  RELATION_COUNT_ADD ("new") SPEAKER_ADD ("new") DOCUMENT_RELATION_ADD ("new")
  "END;\n"
  "CREATE TRIGGER stats_totals_document_inserted AFTER INSERT ON stats_document_counts BEGIN\n"
  "UPDATE stats_totals SET annotated = annotated + " ANNOTATED ("new") ", "
  "  done = done + " DONE ("new") ";\n"
  "END;\n"
  "CREATE TRIGGER stats_totals_document_updated AFTER UPDATE ON stats_document_counts "
  "WHEN " ANNOTATED ("old") " <> " ANNOTATED ("new") " OR " DONE ("old") " <> " DONE ("new") " BEGIN\n"
  "UPDATE stats_totals SET annotated = annotated + " ANNOTATED ("new") " - " ANNOTATED ("old") ", "
  "  done = done + " DONE ("new") " - " DONE ("old") ";\n"
  "END;\n"
  "CREATE TRIGGER stats_totals_document_deleted AFTER DELETE ON stats_document_counts BEGIN\n"
  "UPDATE stats_totals SET annotated = annotated - " ANNOTATED ("old") ", "
  "  done = done - " DONE ("old") ";\n"
  "END;\n"
  "CREATE TRIGGER stats_document_inserted AFTER INSERT ON documents BEGIN\n"
  "UPDATE stats_totals SET documents = documents + 1;\n"
  "END;\n"
  "CREATE TRIGGER stats_document_deleted AFTER DELETE ON documents BEGIN\n"
  "UPDATE stats_totals SET documents = documents - 1;\n"
  "DELETE FROM stats_document_counts WHERE document_id = old.id;\n"
  "END;\n";

gboolean
_alama_stats_kept_make_tables (sqlite3   *db,
                               gboolean   keep_groups,
                               GError   **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, drop_triggers_sql, NULL, NULL, &message) != SQLITE_OK ||
      sqlite3_exec (db, drop_tables_sql, NULL, NULL, &message) != SQLITE_OK ||
      (!keep_groups && sqlite3_exec (db, groups_sql, NULL, NULL, &message) != SQLITE_OK) ||
      sqlite3_exec (db, tables_sql, NULL, NULL, &message) != SQLITE_OK ||
      sqlite3_exec (db, fill_sql, NULL, NULL, &message) != SQLITE_OK ||
      (keep_groups && sqlite3_exec (db, count_groups_sql, NULL, NULL, &message) != SQLITE_OK) ||
      sqlite3_exec (db, triggers_sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED, "%s",
                   message != NULL ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}
