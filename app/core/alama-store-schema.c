/* alama-store-schema.c: the project's schema — labels, relation types and
 * attributes — read from its tables and cached, validated and written.
 *
 * Setting the schema is an undoable change like any edit
 * (alama-store-annotations.c has the shape); undo writes the rows back through
 * _alama_store_write_schema().
 */
#define G_LOG_DOMAIN "alama-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include <json-glib/json-glib.h>

#include "alama-store-object-private.h"
#include "alama-store-rows-private.h"
#include "alama/alama-schema.h"


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

      label->key = _alama_column_dup (stmt, 0);
      label->name_ar = _alama_column_dup (stmt, 1);
      label->name_en = _alama_column_dup (stmt, 2);
      label->color = _alama_column_dup (stmt, 3);
      label->shortcut = _alama_column_dup (stmt, 4);
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

      type->key = _alama_column_dup (stmt, 0);
      type->name_ar = _alama_column_dup (stmt, 1);
      type->name_en = _alama_column_dup (stmt, 2);
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

      def->label = _alama_column_dup (stmt, 0);
      def->name = _alama_column_dup (stmt, 1);
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
               _("The new schema for %s: %s"), self->path, local_error->message);
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
                       _("Label %u of the new schema for %s has no key"), i + 1, self->path);
          return FALSE;
        }
      if (!check_schema_key (self, label->key, "label", error))
        return FALSE;
      if (!g_hash_table_add (seen, label->key))
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                       _("Label “%s” appears twice in the new schema for %s"),
                       label->key, self->path);
          return FALSE;
        }
      if (label->shortcut != NULL && label->shortcut[0] != '\0' &&
          !g_hash_table_add (shortcuts, label->shortcut))
        {
          g_set_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID,
                       _("Shortcut “%s” is used by two labels in the new schema for %s"),
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
                       _("Relation type %u of the new schema for %s has no key or a duplicate key"),
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
      _alama_bind_text_or_null (stmt, 3, label->name_ar);
      _alama_bind_text_or_null (stmt, 4, label->name_en);
      sqlite3_bind_text (stmt, 5, label->color ? label->color : "#77767b", -1, SQLITE_TRANSIENT);
      _alama_bind_text_or_null (stmt, 6, (label->shortcut && *label->shortcut) ? label->shortcut : NULL);
      _alama_bind_text_or_null (stmt, 7, alama_label_kind_to_string (label->kind));
      if (!_alama_store_step_done (self, stmt, "writing the labels", error))
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
      _alama_bind_text_or_null (stmt, 3, type->name_ar);
      _alama_bind_text_or_null (stmt, 4, type->name_en);
      sqlite3_bind_text (stmt, 5, from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, to, -1, SQLITE_TRANSIENT);
      if (!_alama_store_step_done (self, stmt, "writing the relation types", error))
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
      _alama_bind_text_or_null (stmt, 1, def->label ? def->label : "");
      _alama_bind_text_or_null (stmt, 2, def->name ? def->name : "");
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_text (stmt, 4, values, -1, SQLITE_TRANSIENT);
      if (!_alama_store_step_done (self, stmt, "writing the attributes", error))
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
  _alama_store_op_describe (self, ALAMA_CHANGE_ACTION_SET_SCHEMA, NULL);

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

