/* alama-store.c: the project file — opening it, the schema, documents, spans and
 * relations.
 *
 * Transactions, history and undo live in alama-history.c, the tables in
 * alama-store-migrations.c. Every public mutator here has the same shape:
 *
 *   _alama_store_op_start ()    joins the begin_change() group or opens one
 *   validate, write rows, _alama_store_record () the before/after of each row
 *   _alama_store_op_finish ()   commits, or rolls back on failure
 *
 * so that a failing call leaves the file exactly as it was.
 */
#define G_LOG_DOMAIN "alama-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "alama-document-list-private.h"
#include "alama-hash-private.h"
#include "alama-json-private.h"
#include "alama-search-private.h"
#include "alama-sort-key-private.h"
#include "alama-store-private.h"
#include "alama/alama-text.h"

#define SQLITE_HEADER "SQLite format 3"   /* 16 bytes with its NUL */

struct _AlamaStore
{
  GObject       parent_instance;

  /* Owned */
  sqlite3      *db;
  char         *path;
  char         *annotator;
  GHashTable   *statements;   /* SQL text -> sqlite3_stmt*, prepared once */
  /* SQL address -> the same statements (not owned). Callers pass string
   * literals: looking up the address and comparing the text spares hashing the
   * whole SQL text on every call (a few % of an import). */
  GHashTable   *statements_by_address;
  AlamaSchema  *schema;       /* cache; NULL when it must be reread */
  /* The documents model is read on the first alama_store_get_documents() and
   * kept up to date from then on. A headless command that never asks for it
   * (import, export, search) neither reads every document at open nor updates
   * the model after each commit. */
  AlamaDocumentList *documents;  /* in name order; items read when asked for */
  gboolean      documents_loaded;
  AlamaChange   change;
  gint64        data_version; /* PRAGMA data_version when the cache was last read */
  /* PRAGMA data_version at which every document's counts were read or
   * followed exactly: while it holds, a change's row log updates the counts of
   * the documents it touched without counting their spans again. */
  gint64        counts_data_version;
  AlamaStampCache stamp_cache;  /* alama-store-delta.c */
  /* The PRAGMA synchronous statement last run on this connection (one of two
   * static strings), so that a change runs it only when the level changes. */
  const char   *synchronous_pragma;

  gboolean      read_only;

  /* The file SQLite opens: self->path, or a hidden file beside it until
   * alama_store_publish(), or a private copy (private_folder) of a read-only
   * project whose -wal cannot be read in place. Messages name self->path. */
  char         *db_path;
  gboolean      unpublished;
  char         *private_folder;
};

G_DEFINE_FINAL_TYPE (AlamaStore, alama_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (alama-store-error-quark, alama_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Small helpers ---------------------------------------------------------- */

const char *
_alama_status_to_sql (AlamaStatus status)
{
  const char *str = alama_status_to_string (status);

  return str ? str : "pending";
}

AlamaStatus
_alama_status_from_sql (const char *str)
{
  AlamaStatus status = ALAMA_STATUS_PENDING;

  alama_status_from_string (str, &status);
  return status;
}

AlamaStampCache *
_alama_store_get_stamp_cache (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);
  return &self->stamp_cache;
}

sqlite3 *
_alama_store_get_db (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);
  return self->db;
}

AlamaChange *
_alama_store_get_change (AlamaStore *self)
{
  return &self->change;
}

const char *
_alama_store_get_synchronous_pragma (AlamaStore *self)
{
  return self->synchronous_pragma;
}

void
_alama_store_set_synchronous_pragma (AlamaStore *self,
                                     const char *pragma)
{
  self->synchronous_pragma = pragma;
}

void
_alama_store_set_sqlite_error (AlamaStore  *self,
                               int          rc,
                               const char  *what,
                               GError     **error)
{
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_LOCKED,
                   "%s is being changed by another program", self->path);
      break;

    case SQLITE_READONLY:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY,
                   "%s is read-only", self->path);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_CORRUPT,
                   "%s is damaged (%s while %s)", self->path, detail, what);
      break;

    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
                   "Cannot write %s while %s: %s", self->path, what, detail);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "%s: %s while %s", self->path, detail, what);
      break;

    default:
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED,
                   "%s: %s while %s", self->path, detail, what);
    }
}

AlamaStmt *
_alama_store_prepare (AlamaStore  *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements_by_address, sql);

  /* An address can be reused by another (freed) text: the text decides. */
  if (stmt != NULL && strcmp (sqlite3_sql (stmt), sql) != 0)
    stmt = NULL;
  if (stmt == NULL && (stmt = g_hash_table_lookup (self->statements, sql)) != NULL)
    g_hash_table_insert (self->statements_by_address, (gpointer) sql, stmt);

  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          g_autofree char *what = g_strdup_printf ("preparing “%s”", sql);

          _alama_store_set_sqlite_error (self, rc, what, error);
          sqlite3_finalize (stmt);
          return NULL;
        }

      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
      g_hash_table_insert (self->statements_by_address, (gpointer) sql, stmt);
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

gboolean
_alama_store_exec (AlamaStore  *self,
                   const char  *sql,
                   GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _alama_store_set_sqlite_error (self, rc, sql, error);
      return FALSE;
    }

  return TRUE;
}

/* Steps a statement that returns no rows. */
static gboolean
step_done (AlamaStore   *self,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _alama_store_set_sqlite_error (self, rc, what, error);
      return FALSE;
    }

  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           i,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

gboolean
_alama_store_check_writable (AlamaStore  *self,
                             GError     **error)
{
  if (self->read_only)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY,
                   "%s is read-only", self->path);
      return FALSE;
    }

  return TRUE;
}

/* "a;b;" -> {"a", "b"}; "" -> {} (never NULL). */
static char **
split_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ";", -1);
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_ptr_array_add (result, g_strdup (parts[i]));
    }
  g_ptr_array_add (result, NULL);

  return (char **) g_ptr_array_free (result, FALSE);
}

static char *
join_list (char * const *list)
{
  if (list == NULL)
    return g_strdup ("");
  return g_strjoinv (";", (char **) list);
}

/* qsort hands pointers to the elements: compare the strings they point to. */
static int
compare_string_ptrs (const void *a,
                     const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Attributes as a JSON object with sorted keys, so equal maps give equal text. */
static char *
attributes_to_json (GHashTable *attributes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  keys = g_hash_table_get_keys_as_array (attributes, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_string_ptrs);

  json_builder_begin_object (builder);
  for (guint i = 0; i < n_keys; i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_string_value (builder, g_hash_table_lookup (attributes, keys[i]));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
attributes_from_json (GHashTable *attributes,
                      const char *json)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  /* Most spans have no attributes: listing the 10,000 spans of a document made a
   * parser for each of them, a good part of the time a reload took. */
  if (json == NULL || json[0] == '\0' || strcmp (json, "{}") == 0)
    return;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  object = json_node_get_object (json_parser_get_root (parser));
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        g_hash_table_insert (attributes, g_strdup (name), g_strdup (json_node_get_string (value)));
    }
}

/* ---- Schema ---------------------------------------------------------------- */

static AlamaSchema *
read_schema (AlamaStore  *self,
             GError     **error)
{
  g_autoptr(AlamaSchema) schema = alama_schema_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _alama_store_prepare (self,
                               "SELECT key, name_ar, name_en, color, shortcut, kind "
                               "FROM labels ORDER BY position, key", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlamaLabel *label = g_new0 (AlamaLabel, 1);

      label->key = column_dup (stmt, 0);
      label->name_ar = column_dup (stmt, 1);
      label->name_en = column_dup (stmt, 2);
      label->color = column_dup (stmt, 3);
      label->shortcut = column_dup (stmt, 4);
      if (!alama_label_kind_from_string ((const char *) sqlite3_column_text (stmt, 5),
                                         &label->kind))
        label->kind = ALAMA_LABEL_KIND_OTHER;
      g_ptr_array_add (schema->labels, label);
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "reading the labels", error);
      return NULL;
    }

  stmt = _alama_store_prepare (self,
                               "SELECT key, name_ar, name_en, from_labels, to_labels "
                               "FROM relation_types ORDER BY position, key", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlamaRelationType *type = g_new0 (AlamaRelationType, 1);

      type->key = column_dup (stmt, 0);
      type->name_ar = column_dup (stmt, 1);
      type->name_en = column_dup (stmt, 2);
      type->from_labels = split_list ((const char *) sqlite3_column_text (stmt, 3));
      type->to_labels = split_list ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (schema->relation_types, type);
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "reading the relation types", error);
      return NULL;
    }

  stmt = _alama_store_prepare (self,
                               "SELECT label, name, vals FROM attribute_defs "
                               "ORDER BY position, label, name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlamaAttributeDef *def = g_new0 (AlamaAttributeDef, 1);

      def->label = column_dup (stmt, 0);
      def->name = column_dup (stmt, 1);
      def->values = split_list ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (schema->attributes, def);
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "reading the attributes", error);
      return NULL;
    }

  return g_steal_pointer (&schema);
}

void
_alama_store_forget_schema (AlamaStore *self)
{
  g_clear_pointer (&self->schema, alama_schema_unref);
}

AlamaSchema *
alama_store_get_schema (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  if (self->schema == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->schema = read_schema (self, &error);
      if (self->schema == NULL)
        {
          /* The GUI needs a schema to draw anything: fall back to an empty one
           * rather than crash, and say why. */
          g_warning ("Cannot read the schema of %s: %s", self->path, error->message);
          return alama_schema_new ();
        }
    }

  return alama_schema_ref (self->schema);
}

/* alama_schema_check_key() as a store error about the new schema. */
static gboolean
check_schema_key (AlamaStore  *self,
                  const char  *key,
                  const char  *what,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (alama_schema_check_key (key, what, &local_error))
    return TRUE;
  g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
               "The new schema for %s: %s", self->path, local_error->message);
  return FALSE;
}

/* Checks that a schema can be stored: keys present, unique, and free of
 * characters the export formats cannot carry. */
static gboolean
validate_schema (AlamaStore   *self,
                 AlamaSchema  *schema,
                 GError      **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) shortcuts = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < schema->labels->len; i++)
    {
      const AlamaLabel *label = g_ptr_array_index (schema->labels, i);

      if (label->key == NULL || label->key[0] == '\0')
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                       "Label %u of the new schema for %s has no key", i + 1, self->path);
          return FALSE;
        }
      if (!check_schema_key (self, label->key, "label", error))
        return FALSE;
      if (!g_hash_table_add (seen, label->key))
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                       "Label “%s” appears twice in the new schema for %s",
                       label->key, self->path);
          return FALSE;
        }
      if (label->shortcut != NULL && label->shortcut[0] != '\0' &&
          !g_hash_table_add (shortcuts, label->shortcut))
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                       "Shortcut “%s” is used by two labels in the new schema for %s",
                       label->shortcut, self->path);
          return FALSE;
        }
    }

  g_hash_table_remove_all (seen);
  for (guint i = 0; i < schema->relation_types->len; i++)
    {
      const AlamaRelationType *type = g_ptr_array_index (schema->relation_types, i);

      if (type->key == NULL || type->key[0] == '\0' || !g_hash_table_add (seen, type->key))
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                       "Relation type %u of the new schema for %s has no key or a duplicate key",
                       i + 1, self->path);
          return FALSE;
        }
      if (!check_schema_key (self, type->key, "relation type", error))
        return FALSE;
    }

  for (guint i = 0; i < schema->attributes->len; i++)
    {
      const AlamaAttributeDef *def = g_ptr_array_index (schema->attributes, i);

      if (!check_schema_key (self, def->name, "attribute name", error))
        return FALSE;
    }

  return TRUE;
}

/* Refuses a schema that drops a label or relation type still in use. */
static gboolean
check_schema_keeps_used (AlamaStore   *self,
                         AlamaSchema  *schema,
                         GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _alama_store_prepare (self, "SELECT label, count(*) FROM spans GROUP BY label", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);

      if (alama_schema_find_label (schema, key) == NULL)
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_UNKNOWN_LABEL,
                       "Cannot remove label “%s” from the schema of %s: "
                       "%" G_GINT64_FORMAT " annotations use it",
                       key, self->path, (gint64) sqlite3_column_int64 (stmt, 1));
          _alama_stmt_reset (stmt);
          return FALSE;
        }
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "checking the labels in use", error);
      return FALSE;
    }

  stmt = _alama_store_prepare (self, "SELECT type, count(*) FROM relations GROUP BY type", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);

      if (alama_schema_find_relation_type (schema, key) == NULL)
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_UNKNOWN_LABEL,
                       "Cannot remove relation type “%s” from the schema of %s: "
                       "%" G_GINT64_FORMAT " relations use it",
                       key, self->path, (gint64) sqlite3_column_int64 (stmt, 1));
          _alama_stmt_reset (stmt);
          return FALSE;
        }
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "checking the relation types in use", error);
      return FALSE;
    }

  return TRUE;
}

gboolean
_alama_store_write_schema (AlamaStore   *self,
                           AlamaSchema  *schema,
                           GError      **error)
{
  sqlite3_stmt *stmt;

  if (!validate_schema (self, schema, error) ||
      !check_schema_keeps_used (self, schema, error))
    return FALSE;

  if (!_alama_store_exec (self, "DELETE FROM labels; DELETE FROM relation_types; "
                                "DELETE FROM attribute_defs;", error))
    return FALSE;

  /* The cache is stale from here on, whatever happens next. */
  g_clear_pointer (&self->schema, alama_schema_unref);

  for (guint i = 0; i < schema->labels->len; i++)
    {
      const AlamaLabel *label = g_ptr_array_index (schema->labels, i);

      stmt = _alama_store_prepare (self,
                                   "INSERT INTO labels (key, position, name_ar, name_en, color, "
                                   "shortcut, kind) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, label->key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, i);
      bind_text_or_null (stmt, 3, label->name_ar);
      bind_text_or_null (stmt, 4, label->name_en);
      sqlite3_bind_text (stmt, 5, label->color ? label->color : "#77767b", -1, SQLITE_TRANSIENT);
      bind_text_or_null (stmt, 6, (label->shortcut && *label->shortcut) ? label->shortcut : NULL);
      bind_text_or_null (stmt, 7, alama_label_kind_to_string (label->kind));
      if (!step_done (self, stmt, "writing the labels", error))
        return FALSE;
    }

  for (guint i = 0; i < schema->relation_types->len; i++)
    {
      const AlamaRelationType *type = g_ptr_array_index (schema->relation_types, i);
      g_autofree char *from = join_list (type->from_labels);
      g_autofree char *to = join_list (type->to_labels);

      stmt = _alama_store_prepare (self,
                                   "INSERT INTO relation_types (key, position, name_ar, name_en, "
                                   "from_labels, to_labels) VALUES (?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, type->key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, i);
      bind_text_or_null (stmt, 3, type->name_ar);
      bind_text_or_null (stmt, 4, type->name_en);
      sqlite3_bind_text (stmt, 5, from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, to, -1, SQLITE_TRANSIENT);
      if (!step_done (self, stmt, "writing the relation types", error))
        return FALSE;
    }

  for (guint i = 0; i < schema->attributes->len; i++)
    {
      const AlamaAttributeDef *def = g_ptr_array_index (schema->attributes, i);
      g_autofree char *values = join_list (def->values);

      stmt = _alama_store_prepare (self,
                                   "INSERT INTO attribute_defs (label, name, position, vals) "
                                   "VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      bind_text_or_null (stmt, 1, def->label ? def->label : "");
      bind_text_or_null (stmt, 2, def->name ? def->name : "");
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_text (stmt, 4, values, -1, SQLITE_TRANSIENT);
      if (!step_done (self, stmt, "writing the attributes", error))
        return FALSE;
    }

  return TRUE;
}

gboolean
alama_store_set_schema (AlamaStore   *self,
                        AlamaSchema  *schema,
                        GError      **error)
{
  g_autoptr(AlamaSchema) before = NULL;
  g_autofree char *before_data = NULL;
  g_autofree char *after_data = NULL;
  gboolean ok;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (schema != NULL, FALSE);

  if (!_alama_store_op_start (self, ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;
  _alama_store_op_describe (self, "Change schema");

  before = alama_store_get_schema (self);
  before_data = alama_schema_to_keyfile_data (before, NULL);

  /* The key file form for the history only once the schema is known to be
   * valid: GKeyFile refuses (with a critical) a group name a bad key makes. */
  ok = _alama_store_write_schema (self, schema, error);
  if (ok)
    {
      after_data = alama_schema_to_keyfile_data (schema, NULL);
      ok = _alama_store_record (self, "set-schema", "schema", 0, 0,
                                before_data, after_data, error);
    }

  if (!_alama_store_op_finish (self, ok, error))
    {
      /* The rollback restored the rows; the cache must follow. */
      g_clear_pointer (&self->schema, alama_schema_unref);
      return FALSE;
    }

  return TRUE;
}

/* ---- Documents --------------------------------------------------------------- */

#define DOCUMENT_COLUMNS \
  "d.id, d.name, d.source_path, d.metadata, d.format_data, d.content_hash, d.imported_at, " \
  "d.length_cp, " \
  "(SELECT count(*) FROM spans s WHERE s.document_id = d.id AND s.status IN ('accepted', 'pending')), " \
  "(SELECT count(*) FROM spans s WHERE s.document_id = d.id AND s.status = 'pending')"

static AlamaDocument *
document_from_row (sqlite3_stmt *stmt)
{
  return _alama_document_new (sqlite3_column_int64 (stmt, 0),
                              (const char *) sqlite3_column_text (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2),
                              (const char *) sqlite3_column_text (stmt, 3),
                              (const char *) sqlite3_column_text (stmt, 4),
                              (const char *) sqlite3_column_text (stmt, 5),
                              sqlite3_column_int64 (stmt, 6),
                              sqlite3_column_int64 (stmt, 7),
                              (guint) sqlite3_column_int64 (stmt, 8),
                              (guint) sqlite3_column_int64 (stmt, 9));
}

static AlamaDocument *
load_document (AlamaStore  *self,
               gint64       document_id,
               GError     **error)
{
  sqlite3_stmt *stmt;
  AlamaDocument *document = NULL;
  int rc;

  stmt = _alama_store_prepare (self, "SELECT " DOCUMENT_COLUMNS " FROM documents d WHERE d.id = ?",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    document = document_from_row (stmt);
  _alama_stmt_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND,
                 "There is no document %" G_GINT64_FORMAT " in %s", document_id, self->path);
  else if (rc != SQLITE_ROW)
    _alama_store_set_sqlite_error (self, rc, "reading a document", error);

  return document;
}

static AlamaDocument *
load_listed_document (gpointer store,
                      gint64   document_id)
{
  return load_document (store, document_id, NULL);
}

static char *
read_document_name (AlamaStore *self,
                    gint64      document_id)
{
  sqlite3_stmt *stmt = _alama_store_prepare (self, "SELECT name FROM documents WHERE id = ?", NULL);
  char *name = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  _alama_stmt_reset (stmt);
  return name;
}

/* Reads the ids and names of all documents, the order of the list (the rest of
 * a document is read when the list is asked for it). */
static gboolean
read_document_names (AlamaStore  *self,
                     GArray      *ids,
                     GPtrArray   *names,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _alama_store_prepare (self, "SELECT id, name FROM document_order "
                                     "ORDER BY sort_key, name, id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "reading the documents", error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_documents (AlamaStore  *self,
                GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gint64 version;

  /* Before the read: a commit by another process in between makes the counts
   * count again at our next change, never the other way round. */
  if (!_alama_store_read_data_version (self, &version, error))
    return FALSE;
  if (!read_document_names (self, ids, names, error))
    return FALSE;

  _alama_document_list_take_names (self->documents, ids, names);
  self->documents_loaded = TRUE;
  self->counts_data_version = version;

  return TRUE;
}

static gboolean
count_annotations (AlamaStore  *self,
                   gint64       document_id,
                   guint       *n_annotations,
                   guint       *n_pending)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _alama_store_prepare (self,
                               "SELECT count(*), coalesce(sum(status = 'pending'), 0) FROM spans "
                               "WHERE document_id = ? AND status IN ('accepted', 'pending')",
                               NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *n_annotations = (guint) sqlite3_column_int64 (stmt, 0);
      *n_pending = (guint) sqlite3_column_int64 (stmt, 1);
    }
  _alama_stmt_reset (stmt);

  return rc == SQLITE_ROW;
}

void
_alama_store_after_commit (AlamaStore  *self,
                           AlamaChange *committed)
{
  g_autoptr(GArray) net = _alama_change_net_rows (committed);
  g_autoptr(GHashTable) added = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key;

  _alama_store_stamps_follow_commit (self, net, committed->total_changes_at_start);
  if (!self->documents_loaded)
    goto emit;

  /* Documents removed, then added, then the counts of the rest: each touches one
   * item of the list model, never a reload. */
  for (guint i = 0; committed->removed_documents && i < committed->removed_documents->len; i++)
    {
      _alama_document_list_remove (self->documents,
                                   g_array_index (committed->removed_documents, gint64, i));
    }

  for (guint i = 0; committed->added_documents && i < committed->added_documents->len; i++)
    {
      gint64 id = g_array_index (committed->added_documents, gint64, i);
      g_autofree char *name = read_document_name (self, id);

      if (name == NULL)
        continue;   /* added and deleted in the same change */
      if (_alama_document_list_insert (self->documents, id, name))
        g_hash_table_add (added, &g_array_index (committed->added_documents, gint64, i));
    }

  if (committed->touched != NULL)
    {
      /* Counted again (≈ 1 ms for 10,000 spans) only when the row log cannot
       * say what changed or another process wrote since the counts were exact. */
      gint64 data_version = 0;
      gboolean follow = net != NULL && _alama_store_read_data_version (self, &data_version, NULL) &&
                        data_version == self->counts_data_version;

      g_hash_table_iter_init (&iter, committed->touched);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          AlamaDocument *document = _alama_document_list_lookup (self->documents, *(gint64 *) key);
          guint n_annotations, n_pending;
          int d_annotations, d_pending;

          /* A document not read yet is counted when it is; one added by the
           * change was read after the commit. */
          if (document == NULL || g_hash_table_contains (added, key))
            continue;
          if (follow)
            {
              _alama_row_deltas_count (net, *(gint64 *) key, &d_annotations, &d_pending);
              _alama_document_set_counts (document,
                                          alama_document_get_n_annotations (document) + d_annotations,
                                          alama_document_get_n_pending (document) + d_pending);
            }
          else if (count_annotations (self, *(gint64 *) key, &n_annotations, &n_pending))
            _alama_document_set_counts (document, n_annotations, n_pending);
        }
    }

emit:
  g_signal_emit (self, signals[CHANGED], 0,
                 committed->document_id > 0 ? committed->document_id : (gint64) 0);
}

GListModel *
alama_store_get_documents (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  if (!self->documents_loaded)
    {
      g_autoptr(GError) error = NULL;

      /* An empty model is all a caller can get when the file cannot be read;
       * the next call tries again. */
      if (!load_documents (self, &error))
        g_warning ("Cannot list the documents of %s: %s", self->path, error->message);
    }

  return G_LIST_MODEL (self->documents);
}

guint
alama_store_get_document_position (AlamaStore *self,
                                   gint64      document_id)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), G_MAXUINT);

  alama_store_get_documents (self);
  return _alama_document_list_find (self->documents, document_id);
}

AlamaDocument *
alama_store_get_document (AlamaStore *self,
                          gint64      document_id)
{
  AlamaDocument *document;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  /* The object handed out is the model's, so its counts stay live. */
  alama_store_get_documents (self);
  document = _alama_document_list_get (self->documents, document_id);
  if (document != NULL)
    return document;

  /* Added in the change being made, not yet in the list. */
  return load_document (self, document_id, NULL);
}

static AlamaDocument *
find_document_by (AlamaStore *self,
                  const char *sql,
                  const char *value)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (value == NULL)
    return NULL;

  stmt = _alama_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  _alama_stmt_reset (stmt);

  return id ? alama_store_get_document (self, id) : NULL;
}

AlamaDocument *
alama_store_find_document (AlamaStore *self,
                           const char *name)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  return find_document_by (self, "SELECT id FROM documents WHERE name = ?", name);
}

AlamaDocument *
alama_store_find_document_by_hash (AlamaStore *self,
                                   const char *content_hash)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  return find_document_by (self,
                           "SELECT id FROM documents WHERE content_hash = ? ORDER BY id LIMIT 1",
                           content_hash);
}

guint
alama_store_get_n_documents (AlamaStore *self)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (ALAMA_IS_STORE (self), 0);

  stmt = _alama_store_prepare (self, "SELECT count(*) FROM documents", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  _alama_stmt_reset (stmt);

  return n;
}

char *
alama_store_dup_document_text (AlamaStore  *self,
                               gint64       document_id,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  char *text = NULL;
  int rc;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  stmt = _alama_store_prepare (self, "SELECT text FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = column_dup (stmt, 0);
  _alama_stmt_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND,
                 "There is no document %" G_GINT64_FORMAT " in %s", document_id, self->path);
  else if (rc != SQLITE_ROW)
    _alama_store_set_sqlite_error (self, rc, "reading a document's text", error);

  return text;
}

static gboolean
name_taken (AlamaStore *self,
            const char *name)
{
  sqlite3_stmt *stmt = _alama_store_prepare (self, "SELECT 1 FROM documents WHERE name = ?", NULL);
  gboolean taken;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  _alama_stmt_reset (stmt);

  return taken;
}

static gboolean
validate_json (AlamaStore  *self,
               const char  *json,
               gboolean     must_be_object,
               const char  *what,
               const char  *name,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *problem = NULL;
  gsize value_len = 0, problem_at = 0;

  /* json-glib would overflow the stack on deep nesting: see alama-json-private.h. */
  problem = _alama_json_check_first_value (json, strlen (json), &value_len, &problem_at);
  if (problem != NULL)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "The %s of document “%s” cannot be stored: %s (at byte %" G_GSIZE_FORMAT ")",
                   what, name, problem, problem_at);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "The %s of document “%s” is not valid JSON: %s", what, name,
                   local_error->message);
      return FALSE;
    }

  if (must_be_object && !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "The %s of document “%s” is not a JSON object", what, name);
      return FALSE;
    }

  return TRUE;
}

/* Appends @value (valid UTF-8) to @out as a JSON string: quotes, backslashes
 * and control characters escaped, everything else kept as UTF-8 (as
 * JsonGenerator writes it). */
static void
append_json_string (GString    *out,
                    const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* The history row of an added document: {"name":…,"content_hash":…}. Written
 * by hand: a JsonBuilder and a JsonGenerator per document were a visible part
 * of a text-only import. */
static char *
document_added_json (const char *name,
                     const char *hash)
{
  GString *out = g_string_sized_new (strlen (name) + 100);

  g_string_append (out, "{\"name\":");
  append_json_string (out, name);
  g_string_append (out, ",\"content_hash\":");
  append_json_string (out, hash);
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

static gboolean
add_document_in_op (AlamaStore  *self,
                    const char  *name,
                    const char  *source_path,
                    const char  *text,
                    const char  *metadata_json,
                    const char  *format_data_json,
                    gint64      *out_document_id,
                    GError     **error)
{
  g_autofree char *unique_name = g_strdup (name);
  g_autofree char *hash = NULL;
  g_autofree char *after = NULL;
  const char *bad = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (name == NULL || name[0] == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "A document needs a name (UTF-8) to be added to %s", self->path);
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, &bad))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "The text of document “%s” is not valid UTF-8 at byte %" G_GSIZE_FORMAT,
                   name, (gsize) (bad - text));
      return FALSE;
    }
  if (metadata_json != NULL &&
      !validate_json (self, metadata_json, TRUE, "metadata", name, error))
    return FALSE;
  if (format_data_json != NULL &&
      !validate_json (self, format_data_json, FALSE, "format data", name, error))
    return FALSE;

  for (guint n = 2; name_taken (self, unique_name); n++)
    {
      g_free (unique_name);
      unique_name = g_strdup_printf ("%s (%u)", name, n);
    }

  hash = _alama_sha256_hex (text, strlen (text));

  stmt = _alama_store_prepare (self,
                               "INSERT INTO documents (name, source_path, text, metadata, "
                               "format_data, content_hash, imported_at, length_cp) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, unique_name, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 2, source_path);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, metadata_json ? metadata_json : "{}", -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 5, format_data_json);
  sqlite3_bind_text (stmt, 6, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 8, alama_text_length (text));
  if (!step_done (self, stmt, "adding a document", error))
    {
      _alama_stmt_reset (stmt);
      return FALSE;
    }
  _alama_stmt_reset (stmt);
  id = sqlite3_last_insert_rowid (self->db);

  after = document_added_json (unique_name, hash);

  if (!_alama_store_record (self, "add-document", "document", id, id, NULL, after, error))
    return FALSE;

  _alama_store_note_document_added (self, id);
  _alama_store_touch_document (self, id);

  if (out_document_id != NULL)
    *out_document_id = id;

  return TRUE;
}

gboolean
alama_store_add_document (AlamaStore  *self,
                          const char  *name,
                          const char  *source_path,
                          const char  *text,
                          const char  *metadata_json,
                          const char  *format_data_json,
                          gint64      *out_document_id,
                          GError     **error)
{
  g_autofree char *description = NULL;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  /* Documents are not on the undo stack (see alama-document.h). */
  if (!_alama_store_op_start (self, ALAMA_CHANGE_NOT_UNDOABLE, error))
    return FALSE;
  description = g_strdup_printf ("Add document %s", name ? name : "");
  _alama_store_op_describe (self, description);

  ok = add_document_in_op (self, name, source_path, text, metadata_json, format_data_json,
                           &id, error);
  if (!_alama_store_op_finish (self, ok, error))
    return FALSE;

  if (out_document_id != NULL)
    *out_document_id = id;
  return TRUE;
}

gboolean
alama_store_delete_document (AlamaStore  *self,
                             gint64       document_id,
                             GError     **error)
{
  g_autoptr(AlamaDocument) document = NULL;
  g_autofree char *description = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  if (!_alama_store_op_start (self, ALAMA_CHANGE_NOT_UNDOABLE, error))
    return FALSE;

  document = load_document (self, document_id, error);
  if (document == NULL)
    goto out;

  description = g_strdup_printf ("Delete document %s", alama_document_get_name (document));
  _alama_store_op_describe (self, description);

  /* Changes that touched the document can no longer be undone or redone. */
  stmt = _alama_store_prepare (self,
                               "UPDATE changes SET state = 'discarded' "
                               "WHERE undoable = 1 AND state IN ('done', 'undone') AND id IN "
                               "(SELECT change_id FROM history WHERE document_id = ?)", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (!step_done (self, stmt, "deleting a document", error))
    goto out;
  _alama_stmt_reset (stmt);

  /* Its spans and relations go by ON DELETE CASCADE, which the row log does
   * not see. */
  _alama_store_row_log_give_up (self);
  stmt = _alama_store_prepare (self, "DELETE FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (!step_done (self, stmt, "deleting a document", error))
    goto out;
  _alama_stmt_reset (stmt);

  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *before = NULL;

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "name");
    json_builder_add_string_value (builder, alama_document_get_name (document));
    json_builder_set_member_name (builder, "content_hash");
    json_builder_add_string_value (builder, alama_document_get_content_hash (document));
    json_builder_end_object (builder);
    root = json_builder_get_root (builder);
    json_generator_set_root (generator, root);
    before = json_generator_to_data (generator, NULL);

    if (!_alama_store_record (self, "delete-document", "document", document_id, document_id,
                              before, NULL, error))
      goto out;
  }

  _alama_store_note_document_removed (self, document_id);
  ok = TRUE;

out:
  return _alama_store_op_finish (self, ok, error);
}

gboolean
alama_store_has_imported_file (AlamaStore *self,
                               const char *file_hash)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (file_hash != NULL, FALSE);

  stmt = _alama_store_prepare (self, "SELECT 1 FROM imported_files WHERE file_hash = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, file_hash, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  _alama_stmt_reset (stmt);

  return found;
}

gboolean
alama_store_record_imported_file (AlamaStore  *self,
                                  const char  *file_hash,
                                  const char  *path,
                                  GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (file_hash != NULL, FALSE);

  if (!_alama_store_op_start (self, ALAMA_CHANGE_NOT_UNDOABLE, error))
    return FALSE;
  _alama_store_op_describe (self, "Import");

  stmt = _alama_store_prepare (self,
                               "INSERT OR REPLACE INTO imported_files (file_hash, path, at) "
                               "VALUES (?, ?, ?)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, file_hash, -1, SQLITE_TRANSIENT);
      bind_text_or_null (stmt, 2, path);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
      ok = step_done (self, stmt, "recording an imported file", error);
      _alama_stmt_reset (stmt);
    }

  return _alama_store_op_finish (self, ok, error);
}

/* ---- Span rows ---------------------------------------------------------------- */

#define SPAN_COLUMNS \
  "id, document_id, label, attributes, note, source, status, annotator, created, modified, ext_id"

static AlamaSpan *
span_from_row (sqlite3_stmt *stmt)
{
  AlamaSpan *span = alama_span_new ((const char *) sqlite3_column_text (stmt, 2), 0, 0);

  span->id = sqlite3_column_int64 (stmt, 0);
  span->document_id = sqlite3_column_int64 (stmt, 1);
  attributes_from_json (span->attributes, (const char *) sqlite3_column_text (stmt, 3));
  span->note = column_dup (stmt, 4);
  span->source = column_dup (stmt, 5);
  span->status = _alama_status_from_sql ((const char *) sqlite3_column_text (stmt, 6));
  span->annotator = column_dup (stmt, 7);
  span->created = sqlite3_column_int64 (stmt, 8);
  span->modified = sqlite3_column_int64 (stmt, 9);
  span->ext_id = column_dup (stmt, 10);

  return span;
}

static gboolean
load_fragments (AlamaStore  *self,
                AlamaSpan   *span,
                GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _alama_store_prepare (self,
                               "SELECT start, \"end\" FROM span_fragments WHERE span_id = ? "
                               "ORDER BY start, \"end\"", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, span->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    alama_span_add_fragment (span, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1));
  _alama_stmt_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "reading the fragments of a span", error);
      return FALSE;
    }

  return TRUE;
}

AlamaSpan *
_alama_store_load_span (AlamaStore  *self,
                        gint64       span_id,
                        GError     **error)
{
  g_autoptr(AlamaSpan) span = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _alama_store_prepare (self, "SELECT " SPAN_COLUMNS " FROM spans WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, span_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    span = span_from_row (stmt);
  _alama_stmt_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND,
                   "There is no span %" G_GINT64_FORMAT " in %s", span_id, self->path);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _alama_store_set_sqlite_error (self, rc, "reading a span", error);
      return NULL;
    }

  if (!load_fragments (self, span, error))
    return NULL;

  return g_steal_pointer (&span);
}

static gboolean
insert_fragments (AlamaStore       *self,
                  const AlamaSpan  *span,
                  GError          **error)
{
  for (guint i = 0; i < span->fragments->len; i++)
    {
      const AlamaFragment *f = &g_array_index (span->fragments, AlamaFragment, i);
      sqlite3_stmt *stmt;
      gboolean ok;

      stmt = _alama_store_prepare (self,
                                   "INSERT INTO span_fragments (span_id, document_id, start, \"end\") "
                                   "VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, span->id);
      sqlite3_bind_int64 (stmt, 2, span->document_id);
      sqlite3_bind_int64 (stmt, 3, f->start);
      sqlite3_bind_int64 (stmt, 4, f->end);
      ok = step_done (self, stmt, "writing the fragments of a span", error);
      _alama_stmt_reset (stmt);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

static void
bind_span_fields (sqlite3_stmt    *stmt,
                  const AlamaSpan *span,
                  const char      *attributes)
{
  sqlite3_bind_int64 (stmt, 2, span->document_id);
  sqlite3_bind_text (stmt, 3, span->label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, attributes, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 5, span->note);
  sqlite3_bind_text (stmt, 6, span->source ? span->source : ALAMA_SOURCE_MANUAL, -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, _alama_status_to_sql (span->status), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 8, span->annotator);
  sqlite3_bind_int64 (stmt, 9, span->created);
  sqlite3_bind_int64 (stmt, 10, span->modified);
  bind_text_or_null (stmt, 11, span->ext_id);
}

/* A row's state as the row log wants it (alama-store-row-log.c). */
#define ROW_STATE(row) \
  ((AlamaRowState) { .present = TRUE, .document_id = (row)->document_id, \
                     .status = (row)->status, .modified = (row)->modified })

gboolean
_alama_store_insert_span_row (AlamaStore  *self,
                              AlamaSpan   *span,
                              GError     **error)
{
  g_autofree char *attributes = attributes_to_json (span->attributes);
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = _alama_store_prepare (self, "INSERT INTO spans (" SPAN_COLUMNS ") "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  if (span->id != 0)
    sqlite3_bind_int64 (stmt, 1, span->id);
  else
    sqlite3_bind_null (stmt, 1);
  bind_span_fields (stmt, span, attributes);
  ok = step_done (self, stmt, "adding a span", error);
  _alama_stmt_reset (stmt);
  if (!ok)
    return FALSE;

  if (span->id == 0)
    span->id = sqlite3_last_insert_rowid (self->db);
  _alama_store_log_row (self, ALAMA_ROW_SPAN, span->id, NULL,
                        &ROW_STATE (span));

  return insert_fragments (self, span, error);
}

gboolean
_alama_store_update_span_row (AlamaStore       *self,
                              const AlamaSpan  *span,
                              GError          **error)
{
  g_autofree char *attributes = attributes_to_json (span->attributes);
  AlamaRowState before = { 0, };
  sqlite3_stmt *stmt;
  gboolean ok;

  if (_alama_store_row_log_wanted (self) &&
      !_alama_store_read_row_state (self, ALAMA_ROW_SPAN, span->id, &before, error))
    return FALSE;

  stmt = _alama_store_prepare (self,
                               "UPDATE spans SET document_id = ?2, label = ?3, attributes = ?4, "
                               "note = ?5, source = ?6, status = ?7, annotator = ?8, created = ?9, "
                               "modified = ?10, ext_id = ?11 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, span->id);
  bind_span_fields (stmt, span, attributes);
  ok = step_done (self, stmt, "changing a span", error);
  _alama_stmt_reset (stmt);
  if (!ok)
    return FALSE;
  _alama_store_log_row (self, ALAMA_ROW_SPAN, span->id, &before,
                        &ROW_STATE (span));

  stmt = _alama_store_prepare (self, "DELETE FROM span_fragments WHERE span_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, span->id);
  ok = step_done (self, stmt, "changing a span", error);
  _alama_stmt_reset (stmt);
  if (!ok)
    return FALSE;

  return insert_fragments (self, span, error);
}

gboolean
_alama_store_delete_span_row (AlamaStore  *self,
                              gint64       span_id,
                              GError     **error)
{
  AlamaRowState before = { 0, };
  sqlite3_stmt *stmt;
  gboolean ok;

  if (_alama_store_row_log_wanted (self) &&
      (!_alama_store_read_row_state (self, ALAMA_ROW_SPAN, span_id, &before, error) ||
       !_alama_store_log_cascaded_relations (self, span_id, error)))
    return FALSE;

  stmt = _alama_store_prepare (self, "DELETE FROM spans WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, span_id);
  ok = step_done (self, stmt, "deleting a span", error);
  _alama_stmt_reset (stmt);
  if (ok)
    _alama_store_log_row (self, ALAMA_ROW_SPAN, span_id, &before, NULL);

  return ok;
}

/* ---- Relation rows -------------------------------------------------------- */

#define RELATION_COLUMNS \
  "id, document_id, type, from_span, to_span, source, status, annotator, created, modified, ext_id"

static AlamaRelation *
relation_from_row (sqlite3_stmt *stmt)
{
  AlamaRelation *relation = alama_relation_new ((const char *) sqlite3_column_text (stmt, 2),
                                                sqlite3_column_int64 (stmt, 3),
                                                sqlite3_column_int64 (stmt, 4));

  relation->id = sqlite3_column_int64 (stmt, 0);
  relation->document_id = sqlite3_column_int64 (stmt, 1);
  relation->source = column_dup (stmt, 5);
  relation->status = _alama_status_from_sql ((const char *) sqlite3_column_text (stmt, 6));
  relation->annotator = column_dup (stmt, 7);
  relation->created = sqlite3_column_int64 (stmt, 8);
  relation->modified = sqlite3_column_int64 (stmt, 9);
  relation->ext_id = column_dup (stmt, 10);

  return relation;
}

AlamaRelation *
_alama_store_load_relation (AlamaStore  *self,
                            gint64       relation_id,
                            GError     **error)
{
  AlamaRelation *relation = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _alama_store_prepare (self, "SELECT " RELATION_COLUMNS " FROM relations WHERE id = ?",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, relation_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    relation = relation_from_row (stmt);
  _alama_stmt_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND,
                 "There is no relation %" G_GINT64_FORMAT " in %s", relation_id, self->path);
  else if (rc != SQLITE_ROW)
    _alama_store_set_sqlite_error (self, rc, "reading a relation", error);

  return relation;
}

static void
bind_relation_fields (sqlite3_stmt        *stmt,
                      const AlamaRelation *relation)
{
  sqlite3_bind_int64 (stmt, 2, relation->document_id);
  sqlite3_bind_text (stmt, 3, relation->type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, relation->from_id);
  sqlite3_bind_int64 (stmt, 5, relation->to_id);
  sqlite3_bind_text (stmt, 6, relation->source ? relation->source : ALAMA_SOURCE_MANUAL, -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, _alama_status_to_sql (relation->status), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 8, relation->annotator);
  sqlite3_bind_int64 (stmt, 9, relation->created);
  sqlite3_bind_int64 (stmt, 10, relation->modified);
  bind_text_or_null (stmt, 11, relation->ext_id);
}

gboolean
_alama_store_insert_relation_row (AlamaStore     *self,
                                  AlamaRelation  *relation,
                                  GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = _alama_store_prepare (self, "INSERT INTO relations (" RELATION_COLUMNS ") "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  if (relation->id != 0)
    sqlite3_bind_int64 (stmt, 1, relation->id);
  else
    sqlite3_bind_null (stmt, 1);
  bind_relation_fields (stmt, relation);
  ok = step_done (self, stmt, "adding a relation", error);
  _alama_stmt_reset (stmt);

  if (ok && relation->id == 0)
    relation->id = sqlite3_last_insert_rowid (self->db);
  if (ok)
    _alama_store_log_row (self, ALAMA_ROW_RELATION, relation->id, NULL,
                          &ROW_STATE (relation));

  return ok;
}

gboolean
_alama_store_update_relation_row (AlamaStore           *self,
                                  const AlamaRelation  *relation,
                                  GError              **error)
{
  AlamaRowState before = { 0, };
  sqlite3_stmt *stmt;
  gboolean ok;

  if (_alama_store_row_log_wanted (self) &&
      !_alama_store_read_row_state (self, ALAMA_ROW_RELATION, relation->id, &before, error))
    return FALSE;

  stmt = _alama_store_prepare (self,
                               "UPDATE relations SET document_id = ?2, type = ?3, from_span = ?4, "
                               "to_span = ?5, source = ?6, status = ?7, annotator = ?8, "
                               "created = ?9, modified = ?10, ext_id = ?11 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, relation->id);
  bind_relation_fields (stmt, relation);
  ok = step_done (self, stmt, "changing a relation", error);
  _alama_stmt_reset (stmt);
  if (ok)
    _alama_store_log_row (self, ALAMA_ROW_RELATION, relation->id, &before,
                          &ROW_STATE (relation));

  return ok;
}

gboolean
_alama_store_delete_relation_row (AlamaStore  *self,
                                  gint64       relation_id,
                                  GError     **error)
{
  AlamaRowState before = { 0, };
  sqlite3_stmt *stmt;
  gboolean ok;

  if (_alama_store_row_log_wanted (self) &&
      !_alama_store_read_row_state (self, ALAMA_ROW_RELATION, relation_id, &before, error))
    return FALSE;

  stmt = _alama_store_prepare (self, "DELETE FROM relations WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, relation_id);
  ok = step_done (self, stmt, "deleting a relation", error);
  _alama_stmt_reset (stmt);
  if (ok)
    _alama_store_log_row (self, ALAMA_ROW_RELATION, relation_id, &before, NULL);

  return ok;
}

/* ---- Spans: validation and the public calls --------------------------------- */

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const AlamaSpan *sa = *(AlamaSpan **) a;
  const AlamaSpan *sb = *(AlamaSpan **) b;
  gint64 start_a = alama_span_get_start (sa), start_b = alama_span_get_start (sb);
  gint64 end_a = alama_span_get_end (sa), end_b = alama_span_get_end (sb);

  if (start_a != start_b)
    return start_a < start_b ? -1 : 1;
  if (end_a != end_b)
    return end_a > end_b ? -1 : 1;     /* longer first */
  return sa->id < sb->id ? -1 : (sa->id > sb->id);
}

/* Binds the three statuses of a mask to ?2, ?3, ?4 of "status IN (?2, ?3, ?4)". */
static void
bind_status_mask (sqlite3_stmt    *stmt,
                  AlamaStatusMask  statuses)
{
  for (int i = 0; i < 3; i++)
    {
      if (statuses & (1 << i))
        sqlite3_bind_text (stmt, 2 + i, _alama_status_to_sql ((AlamaStatus) i), -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 2 + i);
    }
}

GPtrArray *
alama_store_list_spans (AlamaStore       *self,
                        gint64            document_id,
                        AlamaStatusMask   statuses,
                        GError          **error)
{
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  stmt = _alama_store_prepare (self, "SELECT " SPAN_COLUMNS " FROM spans "
                                     "WHERE document_id = ?1 AND status IN (?2, ?3, ?4)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  bind_status_mask (stmt, statuses);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AlamaSpan *span = span_from_row (stmt);

      g_ptr_array_add (spans, span);
      g_hash_table_insert (by_id, &span->id, span);
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "listing spans", error);
      return NULL;
    }

  /* All fragments of the document in one query rather than one per span. */
  stmt = _alama_store_prepare (self, "SELECT span_id, start, \"end\" FROM span_fragments "
                                     "WHERE document_id = ? ORDER BY span_id, start, \"end\"",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 span_id = sqlite3_column_int64 (stmt, 0);
      AlamaSpan *span = g_hash_table_lookup (by_id, &span_id);

      if (span != NULL)
        alama_span_add_fragment (span, sqlite3_column_int64 (stmt, 1),
                                 sqlite3_column_int64 (stmt, 2));
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "listing spans", error);
      return NULL;
    }

  g_ptr_array_sort (spans, compare_spans);
  return g_steal_pointer (&spans);
}

AlamaSpan *
alama_store_get_span (AlamaStore  *self,
                      gint64       span_id,
                      GError     **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  return _alama_store_load_span (self, span_id, error);
}

/* The name and length of a document, for validation; kept for the next span
 * of the same change (see AlamaChange.checked_document_id). */
static gboolean
document_info (AlamaStore  *self,
               gint64       document_id,
               char       **name,
               gint64      *length,
               GError     **error)
{
  AlamaChange *change = &self->change;
  sqlite3_stmt *stmt;
  int rc;

  if (change->active && change->checked_document_id == document_id && document_id != 0)
    {
      *name = g_strdup (change->checked_document_name);
      *length = change->checked_document_length;
      return TRUE;
    }

  stmt = _alama_store_prepare (self, "SELECT name, length_cp FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *name = column_dup (stmt, 0);
      *length = sqlite3_column_int64 (stmt, 1);
    }
  _alama_stmt_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND,
                   "There is no document %" G_GINT64_FORMAT " in %s", document_id, self->path);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _alama_store_set_sqlite_error (self, rc, "reading a document", error);
      return FALSE;
    }

  if (change->active)
    {
      change->checked_document_id = document_id;
      g_free (change->checked_document_name);
      change->checked_document_name = g_strdup (*name);
      change->checked_document_length = *length;
    }

  return TRUE;
}

static gboolean
validate_span (AlamaStore       *self,
               const AlamaSpan  *span,
               GError          **error)
{
  g_autoptr(AlamaSchema) schema = NULL;
  g_autofree char *name = NULL;
  gint64 length = 0;

  if (!document_info (self, span->document_id, &name, &length, error))
    return FALSE;

  if (span->label == NULL || span->label[0] == '\0')
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "A span in document “%s” has no label", name);
      return FALSE;
    }

  schema = alama_store_get_schema (self);
  if (alama_schema_find_label (schema, span->label) == NULL)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_UNKNOWN_LABEL,
                   "Label “%s” is not in the schema of %s (document “%s”)",
                   span->label, self->path, name);
      return FALSE;
    }

  if (span->fragments->len == 0)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "A %s span in document “%s” covers no text", span->label, name);
      return FALSE;
    }

  for (guint i = 0; i < span->fragments->len; i++)
    {
      const AlamaFragment *f = &g_array_index (span->fragments, AlamaFragment, i);

      if (f->start < 0 || f->start >= f->end || f->end > length)
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                       "A %s span at [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") does not fit "
                       "document “%s”, which is %" G_GINT64_FORMAT " characters long "
                       "(offsets must satisfy 0 ≤ start < end ≤ length)",
                       span->label, f->start, f->end, name, length);
          return FALSE;
        }
    }

  if (alama_status_to_string (span->status) == NULL)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "A %s span in document “%s” has an unknown status %d",
                   span->label, name, (int) span->status);
      return FALSE;
    }

  return TRUE;
}

/* Records a span row change: JSON of the stored rows before and after. */
static gboolean
record_span (AlamaStore       *self,
             const char       *action,
             const AlamaSpan  *before,
             gint64            span_id,
             GError          **error)
{
  g_autoptr(AlamaSpan) after = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  gint64 document_id = before ? before->document_id : 0;

  if (!_alama_store_change_is_undoable (self))
    return _alama_store_record (self, action, "span", span_id, document_id, NULL, NULL, error);

  if (g_strcmp0 (action, "delete-span") != 0)
    {
      after = _alama_store_load_span (self, span_id, error);
      if (after == NULL)
        return FALSE;
      after_json = _alama_span_to_json (after);
      document_id = after->document_id;
    }
  if (before != NULL)
    before_json = _alama_span_to_json (before);

  return _alama_store_record (self, action, "span", span_id, document_id,
                              before_json, after_json, error);
}

static gboolean
add_span_in_op (AlamaStore  *self,
                AlamaSpan   *row,
                GError     **error)
{
  if (!validate_span (self, row, error))
    return FALSE;

  if (row->source == NULL)
    row->source = g_strdup (ALAMA_SOURCE_MANUAL);
  if (row->annotator == NULL)
    row->annotator = g_strdup (self->annotator);
  row->created = row->modified = g_get_real_time ();
  row->id = 0;

  if (!_alama_store_insert_span_row (self, row, error) ||
      !record_span (self, "add-span", NULL, row->id, error))
    return FALSE;

  _alama_store_touch_document (self, row->document_id);
  return TRUE;
}

gboolean
alama_store_add_span (AlamaStore  *self,
                      AlamaSpan   *span,
                      GError     **error)
{
  g_autoptr(AlamaSpan) row = NULL;
  g_autofree char *description = NULL;
  gboolean ok;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (span != NULL, FALSE);

  if (!_alama_store_op_start (self, ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;
  description = g_strdup_printf ("Add %s", span->label ? span->label : "");
  _alama_store_op_describe (self, description);

  /* Work on a copy so that a failure leaves the caller's span as it was. */
  row = alama_span_copy (span);
  ok = add_span_in_op (self, row, error);
  if (!_alama_store_op_finish (self, ok, error))
    return FALSE;

  span->id = row->id;
  g_free (span->source);
  span->source = g_strdup (row->source);
  g_free (span->annotator);
  span->annotator = g_strdup (row->annotator);
  span->created = row->created;
  span->modified = row->modified;

  return TRUE;
}

/* A label change must keep every relation on the span allowed. */
static gboolean
check_relations_allow_label (AlamaStore       *self,
                             const AlamaSpan  *span,
                             GError          **error)
{
  g_autoptr(AlamaSchema) schema = alama_store_get_schema (self);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  stmt = _alama_store_prepare (self,
                               "SELECT r.id, r.type, r.from_span, f.label, t.label "
                               "FROM relations r JOIN spans f ON f.id = r.from_span "
                               "JOIN spans t ON t.id = r.to_span "
                               "WHERE r.from_span = ?1 OR r.to_span = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, span->id);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 1);
      gboolean is_from = sqlite3_column_int64 (stmt, 2) == span->id;
      const char *from_label = is_from ? span->label : (const char *) sqlite3_column_text (stmt, 3);
      const char *to_label = is_from ? (const char *) sqlite3_column_text (stmt, 4) : span->label;

      if (!alama_schema_relation_allowed (schema, type, from_label, to_label))
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_ALLOWED,
                       "Span %" G_GINT64_FORMAT " cannot become %s: its %s relation "
                       "%" G_GINT64_FORMAT " does not allow %s → %s",
                       span->id, span->label, type, (gint64) sqlite3_column_int64 (stmt, 0),
                       from_label, to_label);
          ok = FALSE;
        }
    }
  _alama_stmt_reset (stmt);

  return ok;
}

static char *
describe_span_update (const AlamaSpan *before,
                      const AlamaSpan *after)
{
  if (g_strcmp0 (before->label, after->label) != 0)
    return g_strdup_printf ("Change label to %s", after->label);
  if (before->status != after->status)
    {
      if (after->status == ALAMA_STATUS_ACCEPTED)
        return g_strdup ("Accept suggestion");
      if (after->status == ALAMA_STATUS_REJECTED)
        return g_strdup ("Reject suggestion");
      return g_strdup_printf ("Mark %s for review", after->label);
    }
  return g_strdup_printf ("Edit %s", after->label);
}

/* Writes @changes' content over the stored span @changes->id. */
static gboolean
update_span_in_op (AlamaStore       *self,
                   const AlamaSpan  *changes,
                   GError          **error)
{
  g_autoptr(AlamaSpan) before = NULL;
  g_autoptr(AlamaSpan) row = NULL;
  g_autofree char *description = NULL;
  GHashTableIter iter;
  gpointer key, value;

  before = _alama_store_load_span (self, changes->id, error);
  if (before == NULL)
    return FALSE;

  row = alama_span_copy (before);
  g_free (row->label);
  row->label = g_strdup (changes->label);
  g_array_set_size (row->fragments, 0);
  g_array_append_vals (row->fragments, changes->fragments->data, changes->fragments->len);
  g_hash_table_remove_all (row->attributes);
  g_hash_table_iter_init (&iter, changes->attributes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (row->attributes, g_strdup (key), g_strdup (value));
  g_free (row->note);
  row->note = g_strdup (changes->note);
  g_free (row->source);
  row->source = g_strdup (changes->source ? changes->source : ALAMA_SOURCE_MANUAL);
  row->status = changes->status;

  if (alama_span_equal_content (before, row))
    return TRUE;   /* nothing to write, nothing to undo */

  if (!validate_span (self, row, error))
    return FALSE;
  if (g_strcmp0 (before->label, row->label) != 0 && !check_relations_allow_label (self, row, error))
    return FALSE;

  description = describe_span_update (before, row);
  _alama_store_op_describe (self, description);

  row->modified = MAX (g_get_real_time (), before->modified + 1);
  if (!_alama_store_update_span_row (self, row, error) ||
      !record_span (self, "update-span", before, row->id, error))
    return FALSE;

  _alama_store_touch_document (self, row->document_id);
  return TRUE;
}

gboolean
alama_store_update_span (AlamaStore  *self,
                         AlamaSpan   *span,
                         GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (span != NULL, FALSE);

  if (!_alama_store_op_start (self, ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;
  ok = update_span_in_op (self, span, error);
  return _alama_store_op_finish (self, ok, error);
}

gboolean
alama_store_set_span_status (AlamaStore   *self,
                             gint64        span_id,
                             AlamaStatus   status,
                             GError      **error)
{
  g_autoptr(AlamaSpan) span = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  if (!_alama_store_op_start (self, ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;

  span = _alama_store_load_span (self, span_id, error);
  if (span != NULL)
    {
      span->status = status;
      ok = update_span_in_op (self, span, error);
    }

  return _alama_store_op_finish (self, ok, error);
}

static gboolean
delete_relation_in_op (AlamaStore  *self,
                       gint64       relation_id,
                       GError     **error);

static gboolean
delete_span_in_op (AlamaStore  *self,
                   gint64       span_id,
                   GError     **error)
{
  g_autoptr(AlamaSpan) before = NULL;
  g_autoptr(GArray) relation_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *description = NULL;
  sqlite3_stmt *stmt;
  int rc;

  before = _alama_store_load_span (self, span_id, error);
  if (before == NULL)
    return FALSE;

  /* Its relations go first, each with its own history row, so that undo brings
   * them back (after the span) with their ids. */
  stmt = _alama_store_prepare (self, "SELECT id FROM relations WHERE from_span = ?1 OR to_span = ?1 "
                                     "ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, span_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (relation_ids, id);
    }
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "deleting a span", error);
      return FALSE;
    }

  for (guint i = 0; i < relation_ids->len; i++)
    if (!delete_relation_in_op (self, g_array_index (relation_ids, gint64, i), error))
      return FALSE;

  if (!_alama_store_delete_span_row (self, span_id, error) ||
      !record_span (self, "delete-span", before, span_id, error))
    return FALSE;

  /* After the relations, which describe themselves. */
  description = g_strdup_printf ("Delete %s", before->label);
  _alama_store_op_describe (self, description);

  _alama_store_touch_document (self, before->document_id);
  return TRUE;
}

gboolean
alama_store_delete_span (AlamaStore  *self,
                         gint64       span_id,
                         GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  if (!_alama_store_op_start (self, ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;
  ok = delete_span_in_op (self, span_id, error);
  return _alama_store_op_finish (self, ok, error);
}

guint
alama_store_count_span_relations (AlamaStore *self,
                                  gint64      span_id)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (ALAMA_IS_STORE (self), 0);

  stmt = _alama_store_prepare (self, "SELECT count(*) FROM relations "
                                     "WHERE from_span = ?1 OR to_span = ?1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, span_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  _alama_stmt_reset (stmt);

  return n;
}

/* ---- Relations: validation and the public calls ------------------------------ */

GPtrArray *
alama_store_list_relations (AlamaStore       *self,
                            gint64            document_id,
                            AlamaStatusMask   statuses,
                            GError          **error)
{
  g_autoptr(GPtrArray) relations =
    g_ptr_array_new_with_free_func ((GDestroyNotify) alama_relation_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  stmt = _alama_store_prepare (self, "SELECT " RELATION_COLUMNS " FROM relations "
                                     "WHERE document_id = ?1 AND status IN (?2, ?3, ?4) ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  bind_status_mask (stmt, statuses);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (relations, relation_from_row (stmt));
  _alama_stmt_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _alama_store_set_sqlite_error (self, rc, "listing relations", error);
      return NULL;
    }

  return g_steal_pointer (&relations);
}

AlamaRelation *
alama_store_get_relation (AlamaStore  *self,
                          gint64       relation_id,
                          GError     **error)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);

  return _alama_store_load_relation (self, relation_id, error);
}

/* Checks a relation and sets its document_id from its spans. */
static gboolean
validate_relation (AlamaStore     *self,
                   AlamaRelation  *relation,
                   GError        **error)
{
  g_autoptr(AlamaSpan) from = NULL;
  g_autoptr(AlamaSpan) to = NULL;
  g_autoptr(AlamaSchema) schema = NULL;

  from = _alama_store_load_span (self, relation->from_id, error);
  if (from == NULL)
    return FALSE;
  to = _alama_store_load_span (self, relation->to_id, error);
  if (to == NULL)
    return FALSE;

  if (from->document_id != to->document_id)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "A relation cannot link span %" G_GINT64_FORMAT " and span %" G_GINT64_FORMAT
                   " of two different documents", from->id, to->id);
      return FALSE;
    }
  if (from->id == to->id)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "A relation cannot link span %" G_GINT64_FORMAT " to itself", from->id);
      return FALSE;
    }

  schema = alama_store_get_schema (self);
  if (relation->type == NULL || alama_schema_find_relation_type (schema, relation->type) == NULL)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_UNKNOWN_LABEL,
                   "Relation type “%s” is not in the schema of %s",
                   relation->type ? relation->type : "", self->path);
      return FALSE;
    }
  if (!alama_schema_relation_allowed (schema, relation->type, from->label, to->label))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_ALLOWED,
                   "A %s relation is not allowed from a %s span to a %s span",
                   relation->type, from->label, to->label);
      return FALSE;
    }
  if (alama_status_to_string (relation->status) == NULL)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                   "A %s relation has an unknown status %d", relation->type, (int) relation->status);
      return FALSE;
    }

  relation->document_id = from->document_id;
  return TRUE;
}

static gboolean
record_relation (AlamaStore           *self,
                 const char           *action,
                 const AlamaRelation  *before,
                 gint64                relation_id,
                 GError              **error)
{
  g_autoptr(AlamaRelation) after = NULL;
  g_autofree char *before_json = NULL;
  g_autofree char *after_json = NULL;
  gint64 document_id = before ? before->document_id : 0;

  if (!_alama_store_change_is_undoable (self))
    return _alama_store_record (self, action, "relation", relation_id, document_id,
                                NULL, NULL, error);

  if (g_strcmp0 (action, "delete-relation") != 0)
    {
      after = _alama_store_load_relation (self, relation_id, error);
      if (after == NULL)
        return FALSE;
      after_json = _alama_relation_to_json (after);
      document_id = after->document_id;
    }
  if (before != NULL)
    before_json = _alama_relation_to_json (before);

  return _alama_store_record (self, action, "relation", relation_id, document_id,
                              before_json, after_json, error);
}

static gboolean
add_relation_in_op (AlamaStore     *self,
                    AlamaRelation  *row,
                    GError        **error)
{
  if (!validate_relation (self, row, error))
    return FALSE;

  if (row->source == NULL)
    row->source = g_strdup (ALAMA_SOURCE_MANUAL);
  if (row->annotator == NULL)
    row->annotator = g_strdup (self->annotator);
  row->created = row->modified = g_get_real_time ();
  row->id = 0;

  if (!_alama_store_insert_relation_row (self, row, error) ||
      !record_relation (self, "add-relation", NULL, row->id, error))
    return FALSE;

  _alama_store_touch_document (self, row->document_id);
  return TRUE;
}

gboolean
alama_store_add_relation (AlamaStore     *self,
                          AlamaRelation  *relation,
                          GError        **error)
{
  g_autoptr(AlamaRelation) row = NULL;
  g_autofree char *description = NULL;
  gboolean ok;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (relation != NULL, FALSE);

  if (!_alama_store_op_start (self, ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;
  description = g_strdup_printf ("Add %s", relation->type ? relation->type : "relation");
  _alama_store_op_describe (self, description);

  row = alama_relation_copy (relation);
  ok = add_relation_in_op (self, row, error);
  if (!_alama_store_op_finish (self, ok, error))
    return FALSE;

  relation->id = row->id;
  relation->document_id = row->document_id;
  g_free (relation->source);
  relation->source = g_strdup (row->source);
  g_free (relation->annotator);
  relation->annotator = g_strdup (row->annotator);
  relation->created = row->created;
  relation->modified = row->modified;

  return TRUE;
}

static gboolean
update_relation_in_op (AlamaStore           *self,
                       const AlamaRelation  *changes,
                       GError              **error)
{
  g_autoptr(AlamaRelation) before = NULL;
  g_autoptr(AlamaRelation) row = NULL;
  g_autofree char *description = NULL;

  before = _alama_store_load_relation (self, changes->id, error);
  if (before == NULL)
    return FALSE;

  row = alama_relation_copy (before);
  g_free (row->type);
  row->type = g_strdup (changes->type);
  row->from_id = changes->from_id;
  row->to_id = changes->to_id;
  g_free (row->source);
  row->source = g_strdup (changes->source ? changes->source : ALAMA_SOURCE_MANUAL);
  row->status = changes->status;

  if (g_strcmp0 (row->type, before->type) == 0 && row->from_id == before->from_id &&
      row->to_id == before->to_id && g_strcmp0 (row->source, before->source) == 0 &&
      row->status == before->status)
    return TRUE;

  if (!validate_relation (self, row, error))
    return FALSE;

  if (g_strcmp0 (row->type, before->type) != 0)
    description = g_strdup_printf ("Change relation to %s", row->type);
  else if (row->status != before->status && row->status == ALAMA_STATUS_ACCEPTED)
    description = g_strdup ("Accept suggestion");
  else if (row->status != before->status && row->status == ALAMA_STATUS_REJECTED)
    description = g_strdup ("Reject suggestion");
  else
    description = g_strdup_printf ("Edit %s", row->type);
  _alama_store_op_describe (self, description);

  row->modified = MAX (g_get_real_time (), before->modified + 1);
  if (!_alama_store_update_relation_row (self, row, error) ||
      !record_relation (self, "update-relation", before, row->id, error))
    return FALSE;

  _alama_store_touch_document (self, row->document_id);
  return TRUE;
}

gboolean
alama_store_update_relation (AlamaStore     *self,
                             AlamaRelation  *relation,
                             GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (relation != NULL, FALSE);

  if (!_alama_store_op_start (self, ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;
  ok = update_relation_in_op (self, relation, error);
  return _alama_store_op_finish (self, ok, error);
}

gboolean
alama_store_set_relation_status (AlamaStore   *self,
                                 gint64        relation_id,
                                 AlamaStatus   status,
                                 GError      **error)
{
  g_autoptr(AlamaRelation) relation = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  if (!_alama_store_op_start (self, ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;

  relation = _alama_store_load_relation (self, relation_id, error);
  if (relation != NULL)
    {
      relation->status = status;
      ok = update_relation_in_op (self, relation, error);
    }

  return _alama_store_op_finish (self, ok, error);
}

static gboolean
delete_relation_in_op (AlamaStore  *self,
                       gint64       relation_id,
                       GError     **error)
{
  g_autoptr(AlamaRelation) before = NULL;
  g_autofree char *description = NULL;

  before = _alama_store_load_relation (self, relation_id, error);
  if (before == NULL)
    return FALSE;

  description = g_strdup_printf ("Delete %s", before->type);
  _alama_store_op_describe (self, description);

  if (!_alama_store_delete_relation_row (self, relation_id, error) ||
      !record_relation (self, "delete-relation", before, relation_id, error))
    return FALSE;

  _alama_store_touch_document (self, before->document_id);
  return TRUE;
}

gboolean
alama_store_delete_relation (AlamaStore  *self,
                             gint64       relation_id,
                             GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);

  if (!_alama_store_op_start (self, ALAMA_CHANGE_UNDOABLE, error))
    return FALSE;
  ok = delete_relation_in_op (self, relation_id, error);
  return _alama_store_op_finish (self, ok, error);
}

/* ---- Opening ------------------------------------------------------------------ */

static gint
busy_timeout_ms (void)
{
  const char *env = g_getenv ("ALAMA_BUSY_TIMEOUT_MS");
  gint64 value;

  if (env != NULL && g_ascii_string_to_signed (env, 10, 0, G_MAXINT, &value, NULL))
    return (gint) value;

  return 5000;
}

/* What the first 100 bytes of an existing file say, read without SQLite so
 * that nothing is written to a file that is not ours. */
static gboolean
check_header (const char  *path,
              GError     **error)
{
  guint8 header[100];
  ssize_t n;
  int fd;
  guint32 application_id;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ALAMA_STORE_ERROR,
                   saved_errno == ENOENT ? ALAMA_STORE_ERROR_NOT_FOUND : ALAMA_STORE_ERROR_IO,
                   "Cannot open %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (n < (ssize_t) sizeof header || memcmp (header, SQLITE_HEADER, 16) != 0)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_A_PROJECT,
                   "%s is not an Alama project (not a SQLite database)", path);
      return FALSE;
    }

  /* Big-endian at offset 68 of the database header. */
  application_id = ((guint32) header[68] << 24) | ((guint32) header[69] << 16) |
                   ((guint32) header[70] << 8) | (guint32) header[71];
  if (application_id != ALAMA_APPLICATION_ID)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_A_PROJECT,
                   "%s is not an Alama project: it is a SQLite database of another program",
                   path);
      return FALSE;
    }

  return TRUE;
}

/* A file we cannot write into, or whose folder cannot take the -wal and -shm
 * files. Mode bits rather than access(): as root access() always says yes. */
static gboolean
must_open_read_only (const char        *path,
                     const struct stat *st)
{
  g_autofree char *folder = g_path_get_dirname (path);
  struct stat folder_st;

  if ((st->st_mode & 0222) == 0)
    return TRUE;
  if (access (path, W_OK) != 0)
    return TRUE;
  if (stat (folder, &folder_st) != 0)
    return TRUE;
  if ((folder_st.st_mode & 0222) == 0 || access (folder, W_OK) != 0)
    return TRUE;

  return FALSE;
}

/* stat() of the project path. A symbolic link is followed to a file that
 * exists; a link that leads nowhere (to itself, in a loop, to a missing file)
 * is refused, so that nothing is made or removed behind it. */
static gboolean
stat_project (const char   *path,
              struct stat  *st,
              gboolean     *exists,
              GError      **error)
{
  struct stat link_st;
  int saved_errno;

  *exists = stat (path, st) == 0;
  if (*exists)
    {
      if (S_ISDIR (st->st_mode))
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_A_PROJECT,
                       "%s is a folder, not an Alama project", path);
          return FALSE;
        }
      return TRUE;
    }

  saved_errno = errno;
  if (lstat (path, &link_st) == 0 && S_ISLNK (link_st.st_mode))
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_A_PROJECT,
                   "%s is a symbolic link that leads nowhere (%s)", path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  if (saved_errno != ENOENT)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
                   "Cannot open %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static char *
path_to_uri (const char *path,
             const char *query)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);

  return g_strdup_printf ("file:%s%s%s", escaped, query ? "?" : "", query ? query : "");
}

static void
remove_with_companions (const char *db_path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal", "" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (db_path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* Opens self->db_path with @query and reads from it: a file that SQLite
 * cannot use fails here rather than at the first query. */
static int
try_open (AlamaStore *self,
          const char *query,
          int         flags)
{
  g_autofree char *uri = path_to_uri (self->db_path, query);
  int rc;

  rc = sqlite3_open_v2 (uri, &self->db, flags | SQLITE_OPEN_URI, NULL);
  /* The busy timeout before the first read: in WAL mode that read waits
   * while another process recovers or checkpoints the WAL, and without a
   * busy handler it failed at once as "being changed by another program"
   * (two imports started together, about one run in 25 under load). */
  if (rc == SQLITE_OK)
    sqlite3_busy_timeout (self->db, busy_timeout_ms ());
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
    g_clear_pointer (&self->db, sqlite3_close_v2);

  return rc;
}

/* A read-only project whose -wal holds commits that are not in the main
 * file yet, and whose folder cannot take the -shm that reading them needs:
 * the file and its -wal are copied into a private folder and read there. */
static int
open_private_copy (AlamaStore  *self,
                   GError     **error)
{
  static const char * const suffixes[] = { "", "-wal" };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = g_path_get_basename (self->path);

  self->private_folder = g_dir_make_tmp ("alama-read-only-XXXXXX", &local_error);
  if (self->private_folder == NULL)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
                   "Cannot read %s: its -wal needs a copy, and %s", self->path,
                   local_error->message);
      return SQLITE_CANTOPEN;
    }
  g_free (self->db_path);
  self->db_path = g_build_filename (self->private_folder, base, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from_path = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to_path = g_strconcat (self->db_path, suffixes[i], NULL);
      g_autoptr(GFile) from = g_file_new_for_path (from_path);
      g_autoptr(GFile) to = g_file_new_for_path (to_path);

      if (!g_file_copy (from, to, G_FILE_COPY_TARGET_DEFAULT_PERMS, NULL, NULL, NULL,
                        &local_error))
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
                       "Cannot read %s: copying it with its -wal failed: %s", self->path,
                       local_error->message);
          return SQLITE_CANTOPEN;
        }
    }

  return try_open (self, "mode=ro", SQLITE_OPEN_READONLY);
}

/* Read-only: @forced when the file or its folder is not writable (no process
 * of ours writes it then). Never reads the main file alone while a -wal holds
 * commits: that would show less than is there. */
static gboolean
open_read_only (AlamaStore  *self,
                gboolean     forced,
                GError     **error)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);
  struct stat wal_st;
  int rc;

  /* Everything is in the main file: read it as it is. Unlike mode=ro this
   * makes no -wal and -shm, which SQLite would give the main file's
   * read-only mode, so that the project stayed read-only after a chmod. */
  if (forced && (stat (wal, &wal_st) != 0 || wal_st.st_size == 0))
    rc = try_open (self, "immutable=1", SQLITE_OPEN_READONLY);
  else
    {
      /* mode=ro reads the -wal, through a -shm it may have to make. */
      rc = SQLITE_CANTOPEN;
      if (!forced || g_file_test (shm, G_FILE_TEST_EXISTS))
        rc = try_open (self, "mode=ro", SQLITE_OPEN_READONLY);
      if (rc != SQLITE_OK && self->db == NULL)
        {
          g_autoptr(GError) copy_error = NULL;

          rc = open_private_copy (self, &copy_error);
          if (copy_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&copy_error));
              return FALSE;
            }
        }
    }

  if (rc == SQLITE_OK)
    return TRUE;

  _alama_store_set_sqlite_error (self, rc, "opening the file", error);
  return FALSE;
}

static gboolean
open_read_write (AlamaStore  *self,
                 gboolean     create,
                 GError     **error)
{
  int rc = try_open (self, NULL, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0));

  if (rc == SQLITE_OK)
    return TRUE;

  _alama_store_set_sqlite_error (self, rc, "opening the file", error);
  return FALSE;
}

static gboolean
setup_connection (AlamaStore  *self,
                  gboolean     create,
                  GError     **error)
{
  guint n_migrations;
  const AlamaMigration *migrations = _alama_store_get_migrations (&n_migrations);

  sqlite3_busy_timeout (self->db, busy_timeout_ms ());
  if (!_alama_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  /* The search index is part of the schema: reading or writing search_fts
   * needs our tokenizer on the connection. */
  if (_alama_search_register_tokenizer (self->db) != SQLITE_OK)
    {
      _alama_store_set_sqlite_error (self, sqlite3_errcode (self->db),
                                     "setting up the search tokenizer", error);
      return FALSE;
    }
  if (_alama_sort_key_register (self->db) != SQLITE_OK)
    {
      _alama_store_set_sqlite_error (self, sqlite3_errcode (self->db),
                                     "setting up the document order", error);
      return FALSE;
    }
  /* Every write call runs in its own savepoint, and SQLite keeps a savepoint's
   * sub-journal in a temporary file by default: an import of 100,000 spans made
   * millions of small writes to it. In memory it costs a few pages per call. */
  if (!_alama_store_exec (self, "PRAGMA temp_store = MEMORY", error))
    return FALSE;
  /* An import is one transaction per file. With SQLite's default 2 MB page
   * cache a large file spills dirty pages into the WAL before the commit (and
   * writes them again); 32 MB is a ceiling, not an allocation. */
  if (!_alama_store_exec (self, "PRAGMA cache_size = -32768", error))
    return FALSE;

  if (self->read_only)
    {
      sqlite3_stmt *stmt = _alama_store_prepare (self, "PRAGMA user_version", error);
      gint64 version;

      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          _alama_stmt_reset (stmt);
          _alama_store_set_sqlite_error (self, sqlite3_errcode (self->db), "reading the version",
                                         error);
          return FALSE;
        }
      version = sqlite3_column_int64 (stmt, 0);
      _alama_stmt_reset (stmt);

      if (version > ALAMA_SCHEMA_VERSION)
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_TOO_NEW,
                       "%s was made by a newer version of Alama (file version %" G_GINT64_FORMAT
                       ", this version reads up to %d)", self->path, version, ALAMA_SCHEMA_VERSION);
          return FALSE;
        }
      if (version < ALAMA_SCHEMA_VERSION)
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY,
                       "%s is read-only and was made by an older version of Alama: "
                       "open it once with write access to upgrade it", self->path);
          return FALSE;
        }
      return _alama_store_check_tables (self->db, self->path, error);
    }

  /* The tables are made in rollback-journal mode so that the header (with the
   * application_id) is in the main file at once; WAL comes after. */
  if (!_alama_store_migrate_with (self->db, self->path, migrations, n_migrations, error))
    return FALSE;
  if (!_alama_store_check_tables (self->db, self->path, error))
    return FALSE;

  if (create)
    {
      g_autoptr(AlamaSchema) schema = alama_schema_new_default ();
      gboolean ok;

      if (!_alama_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      ok = _alama_store_write_schema (self, schema, error);
      if (!_alama_store_exec (self, ok ? "COMMIT" : "ROLLBACK", ok ? error : NULL) || !ok)
        return FALSE;
    }

  return _alama_store_exec (self, "PRAGMA journal_mode = WAL", error);
}

/* A -wal or -shm left with no write permission (SQLite gives them the main
 * file's mode, and older versions of Alama opened read-only files through
 * them) would keep a project read-only after its own mode was fixed. */
static void
repair_companion_modes (const char        *path,
                        const struct stat *st)
{
  static const char * const suffixes[] = { "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      struct stat companion_st;

      if (stat (file, &companion_st) == 0 && (companion_st.st_mode & 0222) == 0 &&
          companion_st.st_uid == geteuid ())
        g_chmod (file, (companion_st.st_mode | (st->st_mode & 0222)) & 07777);
    }
}

/* An existing project: @st is its stat(). */
static AlamaStore *
open_existing (const char           *path,
               const struct stat    *st,
               AlamaStoreOpenFlags   flags,
               GError              **error)
{
  g_autoptr(AlamaStore) self = NULL;
  gboolean forced;

  if (!check_header (path, error))
    return NULL;

  self = g_object_new (ALAMA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db_path = g_strdup (path);
  forced = must_open_read_only (path, st);
  self->read_only = forced || (flags & ALAMA_STORE_OPEN_READ_ONLY) != 0;

  if (!self->read_only)
    repair_companion_modes (path, st);

  if (!(self->read_only ? open_read_only (self, forced, error)
                        : open_read_write (self, FALSE, error)) ||
      !setup_connection (self, FALSE, error))
    return NULL;

  /* What alama_store_refresh() compares with to see other processes' commits. */
  _alama_store_read_data_version (self, &self->data_version, NULL);

  return g_steal_pointer (&self);
}

/* A name no one uses in @path's folder, hidden from folder walks, reserved by
 * creating it empty (O_EXCL); the folder's permissions decide as for @path. */
static char *
reserve_hidden_name (const char  *path,
                     GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x.new", base, g_random_int ());
      g_autofree char *candidate = g_build_filename (folder, name, NULL);
      int fd = open (candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);

      if (fd >= 0)
        {
          close (fd);
          return g_steal_pointer (&candidate);
        }
      if (errno != EEXIST)
        {
          int saved_errno = errno;

          g_set_error (error, ALAMA_STORE_ERROR,
                       saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM
                       ? ALAMA_STORE_ERROR_READ_ONLY : ALAMA_STORE_ERROR_IO,
                       "Cannot create %s: %s", path, g_strerror (saved_errno));
          return NULL;
        }
    }

  g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
               "Cannot create %s: no free temporary name in its folder", path);
  return NULL;
}

AlamaStore *
alama_store_create_unpublished (const char  *path,
                                GError     **error)
{
  g_autoptr(AlamaStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ALAMA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if ((self->db_path = reserve_hidden_name (path, error)) == NULL)
    return NULL;
  /* From here on, finalize removes the hidden file again. */
  self->unpublished = TRUE;

  if (!open_read_write (self, TRUE, error) || !setup_connection (self, TRUE, error))
    return NULL;

  _alama_store_read_data_version (self, &self->data_version, NULL);
  return g_steal_pointer (&self);
}

/* Puts the complete file @hidden at @path, an empty file there now: under an
 * exclusive flock() of it, so that of two processes filling the same empty
 * file one wins and the other finds a project. */
static gboolean
replace_empty_file (const char  *hidden,
                    const char  *path,
                    gboolean    *out_taken,
                    GError     **error)
{
  g_autofree char *target = realpath (path, NULL);
  struct stat fd_st, path_st;
  int fd;

  if (target == NULL || (fd = open (target, O_RDONLY | O_CLOEXEC)) < 0)
    {
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
                   "Cannot create %s: %s", path, g_strerror (errno));
      return FALSE;
    }

  flock (fd, LOCK_EX);
  *out_taken = !(fstat (fd, &fd_st) == 0 && fd_st.st_size == 0 &&
                 stat (target, &path_st) == 0 &&
                 path_st.st_dev == fd_st.st_dev && path_st.st_ino == fd_st.st_ino);
  if (!*out_taken && rename (hidden, target) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
                   "Cannot create %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  return TRUE;
}

gboolean
alama_store_publish (AlamaStore  *self,
                     gboolean    *out_taken,
                     GError     **error)
{
  g_autofree char *hidden = NULL;
  g_autofree char *folder = NULL;
  struct stat st;
  gboolean exists, taken = FALSE, ok = TRUE;
  int fd;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->unpublished, FALSE);
  g_return_val_if_fail (!self->change.active, FALSE);

  /* The last connection closing checkpoints the WAL into the file and removes
   * -wal and -shm: the file alone is then the whole project. */
  g_hash_table_remove_all (self->statements_by_address);
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  hidden = g_steal_pointer (&self->db_path);
  self->unpublished = FALSE;

  if (!stat_project (self->path, &st, &exists, error))
    ok = FALSE;
  else if (exists && st.st_size == 0)
    ok = replace_empty_file (hidden, self->path, &taken, error);
  else if (link (hidden, self->path) != 0)
    {
      /* Someone else made the project first: theirs stays, ours goes. */
      if (errno == EEXIST)
        taken = TRUE;
      else
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_IO,
                       "Cannot create %s: %s", self->path, g_strerror (errno));
          ok = FALSE;
        }
    }
  remove_with_companions (hidden);

  /* The new name must survive a power cut as the file's content does. */
  folder = g_path_get_dirname (self->path);
  if (ok && !taken && (fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
    {
      fsync (fd);
      close (fd);
    }

  if (out_taken != NULL)
    *out_taken = taken;
  return ok;
}

AlamaStore *
alama_store_open (const char           *path,
                  AlamaStoreOpenFlags   flags,
                  GError              **error)
{
  struct stat st;
  gboolean exists;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!stat_project (path, &st, &exists, error))
    return NULL;

  if (!exists || st.st_size == 0)
    {
      g_autoptr(AlamaStore) fresh = NULL;

      if (!(flags & ALAMA_STORE_OPEN_CREATE))
        {
          if (exists)
            g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_A_PROJECT,
                         "%s is an empty file, not an Alama project", path);
          else
            g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND,
                         "%s does not exist", path);
          return NULL;
        }
      if ((flags & ALAMA_STORE_OPEN_READ_ONLY) || (exists && must_open_read_only (path, &st)))
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_READ_ONLY,
                       "Cannot create %s: it is read-only", path);
          return NULL;
        }

      /* Made complete (tables, default labels, WAL) under a hidden name and
       * then linked into place: the path shows a whole project or nothing,
       * whoever else creates it at the same time or kills us midway. */
      if ((fresh = alama_store_create_unpublished (path, error)) == NULL ||
          !alama_store_publish (fresh, NULL, error))
        return NULL;
      if (!stat_project (path, &st, &exists, error))
        return NULL;
      if (!exists)
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND,
                       "%s was removed while it was being created", path);
          return NULL;
        }
    }

  return open_existing (path, &st, flags, error);
}

/* ---- GObject ------------------------------------------------------------------ */

const char *
alama_store_get_path (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);
  return self->path;
}

gboolean
alama_store_is_read_only (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), TRUE);
  return self->read_only;
}

void
alama_store_set_annotator (AlamaStore *self,
                           const char *annotator)
{
  g_return_if_fail (ALAMA_IS_STORE (self));

  g_free (self->annotator);
  self->annotator = g_strdup (annotator ? annotator : g_get_user_name ());
}

const char *
alama_store_get_annotator (AlamaStore *self)
{
  g_return_val_if_fail (ALAMA_IS_STORE (self), NULL);
  return self->annotator;
}

static void
alama_store_dispose (GObject *object)
{
  AlamaStore *self = ALAMA_STORE (object);

  if (self->change.active)
    alama_store_cancel_change (self);

  /* A window may still hold the model: it must not read from a closed file. */
  _alama_document_list_detach (self->documents);

  G_OBJECT_CLASS (alama_store_parent_class)->dispose (object);
}

static void
alama_store_finalize (GObject *object)
{
  AlamaStore *self = ALAMA_STORE (object);

  g_clear_pointer (&self->statements_by_address, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);   /* finalizes the statements */
  g_clear_pointer (&self->db, sqlite3_close_v2);
  if (self->unpublished || self->private_folder != NULL)
    remove_with_companions (self->db_path);
  if (self->private_folder != NULL)
    g_rmdir (self->private_folder);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->private_folder, g_free);
  g_clear_pointer (&self->schema, alama_schema_unref);
  g_clear_object (&self->documents);
  _alama_change_clear (&self->change);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->annotator, g_free);

  G_OBJECT_CLASS (alama_store_parent_class)->finalize (object);
}

static void
alama_store_class_init (AlamaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alama_store_dispose;
  object_class->finalize = alama_store_finalize;

  /**
   * AlamaStore::changed:
   * @document_id: the document that changed, or 0 when several did or the schema
   *
   * Emitted after every committed change, undo and redo included.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
alama_store_init (AlamaStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->statements_by_address = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->documents = _alama_document_list_new (load_listed_document, self);
  self->annotator = g_strdup (g_get_user_name ());
  self->change.document_id = -1;
}

/* ---- Other processes' changes ------------------------------------------------ */

/* PRAGMA data_version changes when another connection commits to the file (our
 * own commits leave it alone), so reading it is the cheap "has anyone else
 * written?" check: no table is touched. */
gboolean
_alama_store_read_data_version (AlamaStore  *self,
                                gint64      *version,
                                GError     **error)
{
  sqlite3_stmt *stmt = _alama_store_prepare (self, "PRAGMA data_version", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *version = sqlite3_column_int64 (stmt, 0);
  _alama_stmt_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _alama_store_set_sqlite_error (self, rc, "checking for changes by other programs", error);
      return FALSE;
    }
  return TRUE;
}

/* Brings the documents model in line with the file, touching only the items
 * that differ: removed documents go, new ones are inserted in order, renamed ones
 * are moved, and the documents read so far are counted again (which notifies
 * only on change). */
static gboolean
sync_documents (AlamaStore  *self,
                GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) fresh = g_hash_table_new (g_int64_hash, g_int64_equal);
  GList *loaded;
  gint64 version;
  guint n;

  if (!self->documents_loaded)
    return TRUE;   /* nobody has the model: it is read when asked for */

  if (!_alama_store_read_data_version (self, &version, error))
    return FALSE;
  if (!read_document_names (self, ids, names, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (fresh, &g_array_index (ids, gint64, i), names->pdata[i]);

  /* Gone, or renamed (inserted again below at its new place). */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  for (guint i = n; i > 0; i--)
    {
      const char *old_name = _alama_document_list_get_name (self->documents, i - 1);
      gint64 id = _alama_document_list_get_id (self->documents, i - 1);
      const char *name = g_hash_table_lookup (fresh, &id);

      if (name == NULL || strcmp (name, old_name) != 0)
        _alama_document_list_remove (self->documents, id);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  for (guint i = 0; i < n; i++)
    g_hash_table_remove (fresh, &(gint64) { _alama_document_list_get_id (self->documents, i) });
  for (guint i = 0; i < ids->len; i++)
    if (g_hash_table_contains (fresh, &g_array_index (ids, gint64, i)))
      _alama_document_list_insert (self->documents, g_array_index (ids, gint64, i), names->pdata[i]);

  loaded = _alama_document_list_get_loaded (self->documents);
  for (GList *l = loaded; l != NULL; l = l->next)
    {
      guint n_annotations, n_pending;

      if (count_annotations (self, alama_document_get_id (l->data), &n_annotations, &n_pending))
        _alama_document_set_counts (l->data, n_annotations, n_pending);
    }
  g_list_free (loaded);
  self->counts_data_version = version;

  return TRUE;
}

gboolean
alama_store_refresh (AlamaStore  *self,
                     GError     **error)
{
  gint64 version = 0;

  g_return_val_if_fail (ALAMA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Inside our own transaction the file cannot have changed under us. */
  if (self->change.active)
    return FALSE;
  if (!_alama_store_read_data_version (self, &version, error))
    return FALSE;
  if (version == self->data_version)
    return FALSE;

  g_clear_pointer (&self->schema, alama_schema_unref);
  if (!sync_documents (self, error))
    return FALSE;
  self->data_version = version;

  g_signal_emit (self, signals[CHANGED], 0, (gint64) 0);
  return TRUE;
}
