/* alama-document-list.c: the project's documents in name order, as the list
 * model the sidebar shows.
 *
 * A project may hold a hundred thousand documents while a window shows twenty
 * rows: the list keeps only each document's id and name, and makes an
 * AlamaDocument (a row of the file, with its counts) when one is first asked
 * for. Those are kept, so that everyone asking for the same document gets the
 * same object and the store can keep its counts live.
 */
#define G_LOG_DOMAIN "alama-document-list"

#include "config.h"

#include <string.h>

#include "alama-document-list-private.h"
#include "alama-sort-key-private.h"
#include "alama-store-private.h"

/* In the order of document_order (alama-sort-key.c): the store reads the list
 * in that order, and insertions keep it. */
typedef struct
{
  gint64  id;
  char   *name;
} Entry;

struct _AlamaDocumentList
{
  GObject                 parent_instance;

  GArray                 *entries;  /* of Entry, in order */
  GHashTable             *loaded;   /* gint64* -> AlamaDocument* (owned) */
  AlamaDocumentListLoader load;
  gpointer                load_data;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AlamaDocumentList, alama_document_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->name);
}


/* The document @id (known to be in the list), read when first asked for. */
static AlamaDocument *
get_document (AlamaDocumentList *self,
              gint64             id)
{
  AlamaDocument *document = g_hash_table_lookup (self->loaded, &id);
  gint64 *key;

  if (document != NULL)
    return g_object_ref (document);

  if (self->load == NULL)
    return NULL;
  document = self->load (self->load_data, id);
  if (document == NULL)
    return NULL;   /* deleted by another program since the list was read */
  key = g_new (gint64, 1);
  *key = id;
  g_hash_table_insert (self->loaded, key, g_object_ref (document));
  return document;
}

static GType
get_item_type (GListModel *model)
{
  return ALAMA_TYPE_DOCUMENT;
}

static guint
get_n_items (GListModel *model)
{
  return ALAMA_DOCUMENT_LIST (model)->entries->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  AlamaDocumentList *self = ALAMA_DOCUMENT_LIST (model);

  if (position >= self->entries->len)
    return NULL;
  return get_document (self, g_array_index (self->entries, Entry, position).id);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
alama_document_list_finalize (GObject *object)
{
  AlamaDocumentList *self = ALAMA_DOCUMENT_LIST (object);

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->loaded, g_hash_table_unref);

  G_OBJECT_CLASS (alama_document_list_parent_class)->finalize (object);
}

static void
alama_document_list_class_init (AlamaDocumentListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alama_document_list_finalize;
}

static void
alama_document_list_init (AlamaDocumentList *self)
{
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (self->entries, entry_clear);
  self->loaded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

AlamaDocumentList *
_alama_document_list_new (AlamaDocumentListLoader load,
                          gpointer                load_data)
{
  AlamaDocumentList *self = g_object_new (ALAMA_TYPE_DOCUMENT_LIST, NULL);

  self->load = load;
  self->load_data = load_data;
  return self;
}

void
_alama_document_list_take_names (AlamaDocumentList *self,
                                 GArray            *ids,
                                 GPtrArray         *names)
{
  g_autoptr(GArray) entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), ids->len);
  guint removed;

  g_return_if_fail (ids->len == names->len);

  g_array_set_clear_func (entries, entry_clear);
  for (guint i = 0; i < ids->len; i++)
    {
      Entry entry = { g_array_index (ids, gint64, i), g_steal_pointer (&names->pdata[i]) };

      g_array_append_val (entries, entry);
    }

  removed = self->entries->len;
  g_array_unref (self->entries);
  self->entries = g_steal_pointer (&entries);
  g_hash_table_remove_all (self->loaded);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->entries->len);
}

guint
_alama_document_list_find (AlamaDocumentList *self,
                           gint64             id)
{
  for (guint i = 0; i < self->entries->len; i++)
    if (g_array_index (self->entries, Entry, i).id == id)
      return i;
  return G_MAXUINT;
}

gint64
_alama_document_list_get_id (AlamaDocumentList *self,
                             guint              position)
{
  g_return_val_if_fail (position < self->entries->len, 0);

  return g_array_index (self->entries, Entry, position).id;
}

const char *
_alama_document_list_get_name (AlamaDocumentList *self,
                               guint              position)
{
  g_return_val_if_fail (position < self->entries->len, NULL);

  return g_array_index (self->entries, Entry, position).name;
}

gboolean
_alama_document_list_insert (AlamaDocumentList *self,
                             gint64             id,
                             const char        *name)
{
  Entry entry;
  guint low = 0, high = self->entries->len;

  if (_alama_document_list_find (self, id) != G_MAXUINT)
    return FALSE;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      const Entry *there = &g_array_index (self->entries, Entry, middle);
      int cmp = _alama_sort_key_compare_names (there->name, name);

      if (cmp == 0)
        cmp = (there->id > id) - (there->id < id);
      if (cmp <= 0)
        low = middle + 1;
      else
        high = middle;
    }
  entry.id = id;
  entry.name = g_strdup (name);
  g_array_insert_val (self->entries, low, entry);
  g_list_model_items_changed (G_LIST_MODEL (self), low, 0, 1);
  return TRUE;
}

gboolean
_alama_document_list_remove (AlamaDocumentList *self,
                             gint64             id)
{
  guint position = _alama_document_list_find (self, id);

  if (position == G_MAXUINT)
    return FALSE;
  g_hash_table_remove (self->loaded, &id);
  g_array_remove_index (self->entries, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  return TRUE;
}

AlamaDocument *
_alama_document_list_lookup (AlamaDocumentList *self,
                             gint64             id)
{
  return g_hash_table_lookup (self->loaded, &id);
}

AlamaDocument *
_alama_document_list_get (AlamaDocumentList *self,
                          gint64             id)
{
  AlamaDocument *document = g_hash_table_lookup (self->loaded, &id);

  if (document != NULL)
    return g_object_ref (document);
  if (_alama_document_list_find (self, id) == G_MAXUINT)
    return NULL;
  return get_document (self, id);
}

GList *
_alama_document_list_get_loaded (AlamaDocumentList *self)
{
  return g_hash_table_get_values (self->loaded);
}

void
_alama_document_list_detach (AlamaDocumentList *self)
{
  guint removed = self->entries->len;

  self->load = NULL;
  self->load_data = NULL;
  g_array_set_size (self->entries, 0);
  g_hash_table_remove_all (self->loaded);
  if (removed > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
}
