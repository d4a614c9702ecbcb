/* alama-store-migrations.c: the tables of a project file, version by version.
 *
 * PRAGMA user_version says which migrations a file has had. Migration N takes a
 * file from version N-1 to N; an upgrade runs the migrations a file lacks in ONE
 * transaction that also sets user_version (alama-store-upgrade.c), so a failure
 * leaves the file at the version it had, untouched. Never edit a migration that
 * has shipped: add the next one and raise ALAMA_SCHEMA_VERSION.
 * (The kept counts of alama stats are the exception by design: migration 7
 * makes them as the current version defines them, from the rows, and a later
 * migration that changes their definition makes them again.)
 */
#define G_LOG_DOMAIN "alama-store-migrations"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "alama-search-private.h"
#include "alama-sort-key-private.h"
#include "alama-stats-kept-private.h"
#include "alama-store-private.h"

/* Version 1, from an empty file. Ids of spans, relations and documents use
 * AUTOINCREMENT so that an id is never reused: history rows name rows by id, and
 * undo restores a deleted row with its original id. */
static const char migration_1_sql[] =
  "PRAGMA application_id = 1095519553;\n"   /* ALAMA_APPLICATION_ID, 'ALMA' */
  "CREATE TABLE labels ("
  "  key      TEXT PRIMARY KEY NOT NULL CHECK (key <> ''),"
  "  position INTEGER NOT NULL,"
  "  name_ar  TEXT,"
  "  name_en  TEXT,"
  "  color    TEXT NOT NULL,"
  "  shortcut TEXT UNIQUE,"
  "  kind     TEXT NOT NULL);\n"
  "CREATE TABLE relation_types ("
  "  key         TEXT PRIMARY KEY NOT NULL CHECK (key <> ''),"
  "  position    INTEGER NOT NULL,"
  "  name_ar     TEXT,"
  "  name_en     TEXT,"
  "  from_labels TEXT NOT NULL DEFAULT '',"   /* ';'-separated keys, '' = any */
  "  to_labels   TEXT NOT NULL DEFAULT '');\n"
  "CREATE TABLE attribute_defs ("
  "  label    TEXT NOT NULL,"
  "  name     TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  vals     TEXT NOT NULL DEFAULT '',"      /* ';'-separated, '' = free text */
  "  PRIMARY KEY (label, name));\n"
  "CREATE TABLE documents ("
  "  id           INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name         TEXT NOT NULL UNIQUE,"
  "  source_path  TEXT,"
  "  text         TEXT NOT NULL,"
  "  metadata     TEXT NOT NULL DEFAULT '{}',"
  "  format_data  TEXT,"
  "  content_hash TEXT NOT NULL,"
  "  imported_at  INTEGER NOT NULL,"
  "  length_cp    INTEGER NOT NULL);\n"
  "CREATE INDEX documents_by_hash ON documents (content_hash);\n"
  "CREATE TABLE spans ("
  "  id          INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  label       TEXT NOT NULL,"
  "  attributes  TEXT NOT NULL DEFAULT '{}',"
  "  note        TEXT,"
  "  source      TEXT NOT NULL,"
  "  status      TEXT NOT NULL CHECK (status IN ('accepted', 'pending', 'rejected')),"
  "  annotator   TEXT,"
  "  created     INTEGER NOT NULL,"
  "  modified    INTEGER NOT NULL,"
  "  ext_id      TEXT);\n"
  "CREATE INDEX spans_by_document ON spans (document_id, status);\n"
  "CREATE INDEX spans_by_label ON spans (label);\n"
  "CREATE TABLE span_fragments ("
  "  span_id     INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,"
  "  document_id INTEGER NOT NULL,"
  "  start       INTEGER NOT NULL,"
  "  \"end\"       INTEGER NOT NULL,"
  "  CHECK (0 <= start AND start < \"end\"));\n"
  "CREATE INDEX span_fragments_by_span ON span_fragments (span_id);\n"
  "CREATE INDEX span_fragments_by_document ON span_fragments (document_id, start);\n"
  "CREATE TABLE relations ("
  "  id          INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  type        TEXT NOT NULL,"
  "  from_span   INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,"
  "  to_span     INTEGER NOT NULL REFERENCES spans (id) ON DELETE CASCADE,"
  "  source      TEXT NOT NULL,"
  "  status      TEXT NOT NULL CHECK (status IN ('accepted', 'pending', 'rejected')),"
  "  annotator   TEXT,"
  "  created     INTEGER NOT NULL,"
  "  modified    INTEGER NOT NULL,"
  "  ext_id      TEXT);\n"
  "CREATE INDEX relations_by_document ON relations (document_id, status);\n"
  "CREATE INDEX relations_by_from ON relations (from_span);\n"
  "CREATE INDEX relations_by_to ON relations (to_span);\n"
  /* One row per change (an undo step or an import); state: done, undone, or
   * discarded (undone and then cut off by a new change: no longer redoable). */
  "CREATE TABLE changes ("
  "  id          INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  description TEXT NOT NULL,"
  "  undoable    INTEGER NOT NULL,"
  "  state       TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'discarded')),"
  "  document_id INTEGER,"                    /* NULL: several or none */
  "  who         TEXT,"
  "  at          INTEGER NOT NULL);\n"
  "CREATE INDEX changes_by_state ON changes (undoable, state);\n"
  /* History rows name their target by id without a foreign key, so that the
   * provenance of a deleted annotation stays readable. */
  "CREATE TABLE history ("
  "  id          INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  change_id   INTEGER NOT NULL REFERENCES changes (id) ON DELETE CASCADE,"
  "  action      TEXT NOT NULL,"
  "  target_kind TEXT NOT NULL,"
  "  target_id   INTEGER NOT NULL,"
  "  document_id INTEGER,"
  "  before_json TEXT,"
  "  after_json  TEXT,"
  "  who         TEXT,"
  "  at          INTEGER NOT NULL);\n"
  "CREATE INDEX history_by_target ON history (target_kind, target_id);\n"
  "CREATE INDEX history_by_change ON history (change_id);\n"
  "CREATE TABLE imported_files ("
  "  file_hash TEXT PRIMARY KEY NOT NULL,"
  "  path      TEXT,"
  "  at        INTEGER NOT NULL);\n";

G_STATIC_ASSERT (ALAMA_APPLICATION_ID == 1095519553);

static gboolean
exec_script (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED,
                   "%s", message ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
migration_1 (sqlite3  *db,
             GError  **error)
{
  return exec_script (db, migration_1_sql, error);
}

/* Version 2: a view catching up with a change (alama-store-delta.c) asks, per
 * key press, for the stamp of a document's spans and relations (count, sums of
 * ids and modified times) and for the rows modified since its last look. With
 * only (document_id, status) both read every row of a 10,000-span document from
 * the table; with modified in the index the stamp is index-only and the "since"
 * query a range. The new indexes start with the old ones' columns, so those go. */
static const char migration_2_sql[] =
  "CREATE INDEX IF NOT EXISTS spans_by_document_modified "
  "  ON spans (document_id, status, modified);\n"
  "DROP INDEX IF EXISTS spans_by_document;\n"
  "CREATE INDEX IF NOT EXISTS relations_by_document_modified "
  "  ON relations (document_id, status, modified);\n"
  "DROP INDEX IF EXISTS relations_by_document;\n";

static gboolean
migration_2 (sqlite3  *db,
             GError  **error)
{
  return exec_script (db, migration_2_sql, error);
}

/* Version 3: the search index becomes part of the schema (it was made by the
 * first query, IF NOT EXISTS, which also built it while the user waited).
 *   search_fts      FTS5 over documents.text through our tokenizer; external
 *                   content, so the text is not stored twice
 *   search_indexed  the ids of the documents whose text search_fts holds
 * An index made by an older version kept its own copy of the text: it goes,
 * and the documents are indexed again (alama import, alama search
 * --update-index, or the workbench after an import). */
static const char migration_3_sql[] =
  "DROP TABLE IF EXISTS search_fts;\n"
  "DROP TABLE IF EXISTS search_indexed;\n"
  "CREATE TABLE search_indexed (document_id INTEGER PRIMARY KEY);\n"
  "CREATE VIRTUAL TABLE search_fts USING fts5 ("
  "  text, content = 'documents', content_rowid = 'id', tokenize = '"
  ALAMA_SEARCH_TOKENIZER "');\n";

static gboolean
migration_3 (sqlite3  *db,
             GError  **error)
{
  if (_alama_search_register_tokenizer (db) != SQLITE_OK)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED,
                   _("the search tokenizer could not be set up: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  return exec_script (db, migration_3_sql, error);
}

/* Version 4: spans by source. The review's source drop-down lists the sources
 * that have spans in some statuses; without this index that read every span
 * of the project (seconds at millions), with it a loose index scan takes one
 * lookup per source. */
static const char migration_4_sql[] =
  "CREATE INDEX IF NOT EXISTS spans_by_source ON spans (source, status);\n";

static gboolean
migration_4 (sqlite3  *db,
             GError  **error)
{
  return exec_script (db, migration_4_sql, error);
}

/* Version 5: the order documents are listed in (alama-sort-key.c). Each
 * document's natural-order key is kept in document_order and indexed, so that
 * opening a project or ordering search results reads the order instead of
 * computing a collation key for every document. The triggers call the SQL
 * function alama_sort_key(), which every connection defines. */
static const char migration_5_sql[] =
  "CREATE TABLE document_order ("
  "  id       INTEGER PRIMARY KEY,"
  "  sort_key BLOB NOT NULL,"
  "  name     TEXT NOT NULL);\n"
  "INSERT INTO document_order (id, sort_key, name) "
  "  SELECT id, alama_sort_key (name), name FROM documents;\n"
  "CREATE INDEX document_order_by_key ON document_order (sort_key, name);\n"
  "CREATE TRIGGER document_order_add AFTER INSERT ON documents BEGIN "
  "  INSERT INTO document_order (id, sort_key, name) "
  "    VALUES (new.id, alama_sort_key (new.name), new.name); END;\n"
  "CREATE TRIGGER document_order_remove AFTER DELETE ON documents BEGIN "
  "  DELETE FROM document_order WHERE id = old.id; END;\n"
  "CREATE TRIGGER document_order_rename AFTER UPDATE OF name ON documents BEGIN "
  "  UPDATE document_order SET sort_key = alama_sort_key (new.name), name = new.name "
  "    WHERE id = new.id; END;\n";

static gboolean
migration_5 (sqlite3  *db,
             GError  **error)
{
  if (_alama_sort_key_register (db) != SQLITE_OK)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED,
                   "the document order could not be set up: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  return exec_script (db, migration_5_sql, error);
}

/* Version 6: a change as an action and a label. The store wrote English words
 * ("Add PER") into changes.description, which an Arabic interface cannot
 * translate; a change now stores its action's nick and the label it is about
 * (alama-change-action.c), and description only for a group whose caller gave
 * free text. Older rows are read back from the words the store used to write,
 * most particular first. "Add", "Edit" and "Delete" read as the span's
 * actions: the English of a span's and a relation's is the same. Any other
 * description (a group's, an import's) stays as it is, with no action. */
static const char migration_6_sql[] =
  "UPDATE changes SET action = 'add-document', label = substr (description, 14) "
  "  WHERE action IS NULL AND description GLOB 'Add document ?*';\n"
  "UPDATE changes SET action = 'delete-document', label = substr (description, 17) "
  "  WHERE action IS NULL AND description GLOB 'Delete document ?*';\n"
  "UPDATE changes SET action = 'relabel-span', label = substr (description, 17) "
  "  WHERE action IS NULL AND description GLOB 'Change label to ?*';\n"
  "UPDATE changes SET action = 'retype-relation', label = substr (description, 20) "
  "  WHERE action IS NULL AND description GLOB 'Change relation to ?*';\n"
  "UPDATE changes SET action = 'mark-pending', "
  "  label = substr (description, 6, length (description) - 16) "
  "  WHERE action IS NULL AND description GLOB 'Mark ?* for review';\n"
  "UPDATE changes SET action = 'autotag', "
  "  label = substr (description, 10, length (description) - 10) "
  "  WHERE action IS NULL AND description GLOB 'Autotag (?*)';\n"
  "UPDATE changes SET action = 'accept' "
  "  WHERE action IS NULL AND description = 'Accept suggestion';\n"
  "UPDATE changes SET action = 'reject' "
  "  WHERE action IS NULL AND description = 'Reject suggestion';\n"
  "UPDATE changes SET action = 'set-schema' "
  "  WHERE action IS NULL AND description = 'Change schema';\n"
  "UPDATE changes SET action = 'import' "
  "  WHERE action IS NULL AND description = 'Import';\n"
  "UPDATE changes SET action = 'add-span', label = substr (description, 5) "
  "  WHERE action IS NULL AND description GLOB 'Add ?*';\n"
  "UPDATE changes SET action = 'edit-span', label = substr (description, 6) "
  "  WHERE action IS NULL AND description GLOB 'Edit ?*';\n"
  "UPDATE changes SET action = 'delete-span', label = substr (description, 8) "
  "  WHERE action IS NULL AND description GLOB 'Delete ?*';\n"
  "UPDATE changes SET description = '' WHERE action IS NOT NULL;\n";

/* Adds @column to the changes table unless it is there already (a file taken
 * back to an older version by hand keeps its columns). */
static gboolean
add_changes_column (sqlite3     *db,
                    const char  *column,
                    GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean present;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM pragma_table_info ('changes') WHERE name = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (db));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, column, -1, SQLITE_STATIC);
  present = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  if (present)
    return TRUE;

  sql = g_strdup_printf ("ALTER TABLE changes ADD COLUMN %s TEXT;", column);
  return exec_script (db, sql, error);
}

static gboolean
migration_6 (sqlite3  *db,
             GError  **error)
{
  return add_changes_column (db, "action", error) &&
         add_changes_column (db, "label", error) &&
         exec_script (db, migration_6_sql, error);
}

/* Version 8: trained models (alama-tagger-model-project.c). A model belongs to
 * its project: it learnt from the analysts' annotations there, and travels with
 * the file. @labels is a JSON array of label keys, @bytes the model
 * (alama_tagger_model_to_bytes), @info what the training saw, as JSON. A file
 * taken back to an older version by hand keeps its table. */
static const char migration_8_sql[] =
  "CREATE TABLE IF NOT EXISTS models ("
  "  name    TEXT PRIMARY KEY NOT NULL CHECK (name <> ''),"
  "  created INTEGER NOT NULL,"
  "  labels  TEXT NOT NULL DEFAULT '[]',"
  "  bytes   BLOB NOT NULL,"
  "  info    TEXT NOT NULL DEFAULT '{}');\n";

static gboolean
migration_8 (sqlite3  *db,
             GError  **error)
{
  return exec_script (db, migration_8_sql, error);
}

/* Version 10: accepted spans by the time they were last changed. The
 * workbench counts, after every change, the entities accepted since the model
 * was last trained (alama-retrain.c); without this index that read every span
 * of the project each time. Only accepted spans are in it: it stays small, and
 * the other statuses have no such question. */
static const char migration_10_sql[] =
  "CREATE INDEX IF NOT EXISTS spans_accepted_by_modified "
  "  ON spans (modified) WHERE status = 'accepted';\n";

static gboolean
migration_10 (sqlite3  *db,
              GError  **error)
{
  return exec_script (db, migration_10_sql, error);
}

/* Version 11: checkpoints of large documents in the search index
 * (alama-search-positions.c): where a search may begin to read one, with the
 * code points and index tokens before it. Written with the document's index
 * rows; they go with the document. Documents indexed before have none and are
 * read whole, as they were. */
static const char migration_11_sql[] =
  "CREATE TABLE IF NOT EXISTS search_positions ("
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  byte        INTEGER NOT NULL,"
  "  cp          INTEGER NOT NULL,"
  "  token       INTEGER NOT NULL,"
  "  PRIMARY KEY (document_id, token)) WITHOUT ROWID;\n";

static gboolean
migration_11 (sqlite3  *db,
              GError  **error)
{
  return exec_script (db, migration_11_sql, error);
}

static const AlamaMigration migrations[] = {
  { "create the tables of a project", migration_1 },
  { "index spans and relations by document, status and modification time", migration_2 },
  { "make the search index part of the schema", migration_3 },
  { "index spans by source", migration_4 },
  { "keep the order documents are listed in", migration_5 },
  { "store a change as an action and a label", migration_6 },
  { "keep the counts of alama stats", _alama_stats_kept_migrate },   /* alama-stats-kept.c */
  { "store trained models", migration_8 },
  { "keep each document's pending relations and the totals of documents in the counts of alama stats",
    _alama_stats_kept_migrate_pending_relations },   /* alama-stats-kept.c */
  { "index accepted spans by modification time", migration_10 },
  { "keep checkpoints of large documents with the search index", migration_11 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ALAMA_SCHEMA_VERSION);

const AlamaMigration *
_alama_store_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

/* "table\tcolumn" for every column of every table the migrations make, in
 * the order of sqlite_master's names and the columns' order. Written out
 * rather than read from a database migrated in memory at every start (which
 * cost more than the rest of opening a project); test-migrations checks that
 * it is exactly what the migrations make. */
static const char * const expected_columns[] = {
  "attribute_defs\tlabel",
  "attribute_defs\tname",
  "attribute_defs\tposition",
  "attribute_defs\tvals",
  "changes\tid",
  "changes\tdescription",
  "changes\tundoable",
  "changes\tstate",
  "changes\tdocument_id",
  "changes\twho",
  "changes\tat",
  "changes\taction",
  "changes\tlabel",
  "document_order\tid",
  "document_order\tsort_key",
  "document_order\tname",
  "documents\tid",
  "documents\tname",
  "documents\tsource_path",
  "documents\ttext",
  "documents\tmetadata",
  "documents\tformat_data",
  "documents\tcontent_hash",
  "documents\timported_at",
  "documents\tlength_cp",
  "history\tid",
  "history\tchange_id",
  "history\taction",
  "history\ttarget_kind",
  "history\ttarget_id",
  "history\tdocument_id",
  "history\tbefore_json",
  "history\tafter_json",
  "history\twho",
  "history\tat",
  "imported_files\tfile_hash",
  "imported_files\tpath",
  "imported_files\tat",
  "labels\tkey",
  "labels\tposition",
  "labels\tname_ar",
  "labels\tname_en",
  "labels\tcolor",
  "labels\tshortcut",
  "labels\tkind",
  "models\tname",
  "models\tcreated",
  "models\tlabels",
  "models\tbytes",
  "models\tinfo",
  "relation_types\tkey",
  "relation_types\tposition",
  "relation_types\tname_ar",
  "relation_types\tname_en",
  "relation_types\tfrom_labels",
  "relation_types\tto_labels",
  "relations\tid",
  "relations\tdocument_id",
  "relations\ttype",
  "relations\tfrom_span",
  "relations\tto_span",
  "relations\tsource",
  "relations\tstatus",
  "relations\tannotator",
  "relations\tcreated",
  "relations\tmodified",
  "relations\text_id",
  "search_fts\ttext",
  "search_fts_config\tk",
  "search_fts_config\tv",
  "search_fts_data\tid",
  "search_fts_data\tblock",
  "search_fts_docsize\tid",
  "search_fts_docsize\tsz",
  "search_fts_idx\tsegid",
  "search_fts_idx\tterm",
  "search_fts_idx\tpgno",
  "search_indexed\tdocument_id",
  "search_positions\tdocument_id",
  "search_positions\tbyte",
  "search_positions\tcp",
  "search_positions\ttoken",
  "span_fragments\tspan_id",
  "span_fragments\tdocument_id",
  "span_fragments\tstart",
  "span_fragments\tend",
  "spans\tid",
  "spans\tdocument_id",
  "spans\tlabel",
  "spans\tattributes",
  "spans\tnote",
  "spans\tsource",
  "spans\tstatus",
  "spans\tannotator",
  "spans\tcreated",
  "spans\tmodified",
  "spans\text_id",
  "stats_document_counts\tdocument_id",
  "stats_document_counts\tlive",
  "stats_document_counts\tpending",
  "stats_document_counts\tpending_relations",
  "stats_entity_counts\tlabel",
  "stats_entity_counts\tnorm",
  "stats_entity_counts\tn",
  "stats_relation_counts\ttype",
  "stats_relation_counts\tstatus",
  "stats_relation_counts\tsource",
  "stats_relation_counts\tannotator",
  "stats_relation_counts\tn",
  "stats_span_counts\tlabel",
  "stats_span_counts\tstatus",
  "stats_span_counts\tsource",
  "stats_span_counts\tannotator",
  "stats_span_counts\tn",
  "stats_span_groups\tspan_id",
  "stats_span_groups\tlabel",
  "stats_span_groups\tlive",
  "stats_span_groups\tnorm",
  "stats_speaker_counts\ttype",
  "stats_speaker_counts\tnorm",
  "stats_speaker_counts\tn",
  "stats_stale\tspan_id",
  "stats_totals\tid",
  "stats_totals\tdocuments",
  "stats_totals\tannotated",
  "stats_totals\tdone",
  NULL
};

const char * const *
_alama_store_get_expected_columns (void)
{
  return expected_columns;
}

/* Asks only about the tables the migrations make: pragma_table_info() of
 * another table (a search index with a tokenizer this connection lacks) may
 * fail where the project is fine. */
gboolean
_alama_store_check_tables (sqlite3     *db,
                           const char  *path,
                           GError     **error)
{
  const char * const *expected = expected_columns;
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *table = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_DONE;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info (?)", -1, &stmt,
                          NULL) != SQLITE_OK)
    rc = sqlite3_errcode (db);

  for (guint i = 0; rc == SQLITE_DONE && expected[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (expected[i], "\t", 2);

      if (g_strcmp0 (table, parts[0]) != 0)
        {
          /* The columns of the next table. */
          g_hash_table_remove_all (present);
          g_free (table);
          table = g_strdup (parts[0]);
          sqlite3_reset (stmt);
          sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            g_hash_table_add (present, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          if (rc != SQLITE_DONE)
            break;
          if (g_hash_table_size (present) == 0)
            {
              g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_DAMAGED,
                           _("%s is damaged: its table “%s” is missing"), path, table);
              sqlite3_finalize (stmt);
              return FALSE;
            }
        }
      if (!g_hash_table_contains (present, parts[1]))
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_DAMAGED,
                       _("%s is damaged: the column “%s” of its table “%s” is missing"),
                       path, parts[1], table);
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, ALAMA_STORE_ERROR,
                   rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? ALAMA_STORE_ERROR_CORRUPT
                                                               : ALAMA_STORE_ERROR_FAILED,
                   _("Cannot read the tables of %s: %s"), path, sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}
