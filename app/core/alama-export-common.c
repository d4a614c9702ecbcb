/* alama-export-common.c: what every export format shares: the error domain,
 * the choice of documents, the statuses asked for, cancellation and JSON
 * strings. The dispatcher (alama-export.c) calls the formats
 * (alama-export-FORMAT.c), which call this file and alama-export-files.c;
 * nothing here calls back up.
 */
#define G_LOG_DOMAIN "alama-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "alama/alama-export.h"
#include "alama-export-private.h"
#include "alama-store-private.h"

G_DEFINE_QUARK (alama-export-error-quark, alama_export_error)

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  AlamaDocument *doc_a = *(AlamaDocument * const *) a;
  AlamaDocument *doc_b = *(AlamaDocument * const *) b;
  int cmp = g_strcmp0 (alama_document_get_name (doc_a), alama_document_get_name (doc_b));

  if (cmp != 0)
    return cmp;
  return (alama_document_get_id (doc_a) > alama_document_get_id (doc_b)) -
         (alama_document_get_id (doc_a) < alama_document_get_id (doc_b));
}

GPtrArray *
alama_export_select_documents (AlamaStore                *store,
                               const AlamaExportOptions  *options,
                               GError                   **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);

  if (options == NULL || options->doc_names == NULL)
    {
      GListModel *model = alama_store_get_documents (store);
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (documents, g_list_model_get_item (model, i));
    }
  else
    {
      for (guint i = 0; options->doc_names[i] != NULL; i++)
        {
          AlamaDocument *document = alama_store_find_document (store, options->doc_names[i]);

          if (document == NULL)
            {
              g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_NO_SUCH_DOCUMENT,
                           _("%s has no document named “%s”"),
                           alama_store_get_path (store), options->doc_names[i]);
              return NULL;
            }
          g_ptr_array_add (documents, document);
        }
    }

  g_ptr_array_sort (documents, compare_by_name);

  /* A name given twice is exported once: duplicates are neighbours once sorted. */
  for (guint i = 1; i < documents->len; i++)
    {
      if (alama_document_get_id (g_ptr_array_index (documents, i)) ==
          alama_document_get_id (g_ptr_array_index (documents, i - 1)))
        g_ptr_array_remove_index (documents, i--);
    }

  return g_steal_pointer (&documents);
}

AlamaStatusMask
_alama_export_statuses (const AlamaExportOptions *options)
{
  if (options == NULL || options->statuses == 0)
    return ALAMA_STATUS_MASK_ACCEPTED;
  return options->statuses;
}

void
_alama_export_append_token (GString    *out,
                            const char *key)
{
  for (const char *p = key; *p != '\0'; p++)
    g_string_append_c (out, *p == ' ' ? '_' : *p);
}

static char *
token_of (const char *key)
{
  GString *out = g_string_new (NULL);

  _alama_export_append_token (out, key);
  return g_string_free (out, FALSE);
}

/* @keys: the key of each item, at @offset into it. */
static gboolean
check_unique_tokens (GPtrArray   *items,
                     gsize        offset,
                     const char  *format,
                     GError     **error)
{
  g_autoptr(GHashTable) by_token = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < items->len; i++)
    {
      const char *key = G_STRUCT_MEMBER (const char *, items->pdata[i], offset);
      char *token = token_of (key);
      const char *other = g_hash_table_lookup (by_token, token);

      if (other != NULL && strcmp (other, key) != 0)
        {
          g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_UNSUPPORTED,
                       /* TRANSLATORS: %s are two labels of the project, the token
                        * both become, then the format's name (brat, CoNLL). */
                       _("“%s” and “%s” would both be written as “%s”: %s files cannot hold "
                         "spaces in labels, so Alama writes them as “_”; rename one of the two"),
                       other, key, token, format);
          g_free (token);
          return FALSE;
        }
      g_hash_table_insert (by_token, token, (gpointer) key);
    }
  return TRUE;
}

gboolean
_alama_export_check_tokens (AlamaSchema *schema,
                            const char  *format,
                            GError     **error)
{
  return check_unique_tokens (schema->labels, G_STRUCT_OFFSET (AlamaLabel, key), format, error) &&
         check_unique_tokens (schema->relation_types, G_STRUCT_OFFSET (AlamaRelationType, key),
                              format, error) &&
         check_unique_tokens (schema->attributes, G_STRUCT_OFFSET (AlamaAttributeDef, name),
                              format, error);
}

gboolean
_alama_export_check_cancelled (GCancellable  *cancellable,
                               GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;

  g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_CANCELLED,
               _("the export was cancelled"));
  return TRUE;
}

void
_alama_export_append_json_string (GString    *out,
                                  const char *str)
{
  static const char hex[] = "0123456789abcdef";
  const char *run;
  const char *p;

  if (str == NULL)
    {
      g_string_append_len (out, "null", 4);
      return;
    }

  g_string_append_c (out, '"');
  /* Copy runs of plain bytes in one go: most text needs no escaping. */
  for (run = p = str; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':  g_string_append_len (out, "\\\"", 2); break;
        case '\\': g_string_append_len (out, "\\\\", 2); break;
        case '\n': g_string_append_len (out, "\\n", 2); break;
        case '\r': g_string_append_len (out, "\\r", 2); break;
        case '\t': g_string_append_len (out, "\\t", 2); break;
        default:
          {
            char escape[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };
            g_string_append_len (out, escape, 6);
          }
          break;
        }
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}
