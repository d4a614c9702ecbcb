/* alama-document-model.c: one open document, following the store's commits.
 *
 * spans:     AlamaSpanIndex (the rows, in alama_span_compare() order)
 * relations: GPtrArray of AlamaRelation, by id
 * Each list is exposed as an AlamaModelList (a GListModel) whose items are made
 * when first asked for and kept until their row changes: a view that shows 40
 * of 10,000 spans makes 40 objects.
 *
 * AlamaStore::rows-changed names the rows a commit touched; each is read again
 * by id, so the model does not depend on the order in which nested commits'
 * signals arrive: it always converges on the file.
 */
#define G_LOG_DOMAIN "alama-document-model"

#include "config.h"

#include <string.h>

#include "alama/alama-document-model.h"
#include "alama-store-private.h"

/* ---- Items ------------------------------------------------------------------ */

struct _AlamaSpanItem
{
  GObject    parent_instance;
  AlamaSpan *span;
};

G_DEFINE_FINAL_TYPE (AlamaSpanItem, alama_span_item, G_TYPE_OBJECT)

static void
alama_span_item_finalize (GObject *object)
{
  g_clear_pointer (&ALAMA_SPAN_ITEM (object)->span, alama_span_unref);
  G_OBJECT_CLASS (alama_span_item_parent_class)->finalize (object);
}

static void
alama_span_item_class_init (AlamaSpanItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alama_span_item_finalize;
}

static void
alama_span_item_init (AlamaSpanItem *self)
{
}

AlamaSpan *
alama_span_item_get_span (AlamaSpanItem *self)
{
  g_return_val_if_fail (ALAMA_IS_SPAN_ITEM (self), NULL);

  return self->span;
}

struct _AlamaRelationItem
{
  GObject        parent_instance;
  AlamaRelation *relation;
};

G_DEFINE_FINAL_TYPE (AlamaRelationItem, alama_relation_item, G_TYPE_OBJECT)

static void
alama_relation_item_finalize (GObject *object)
{
  g_clear_pointer (&ALAMA_RELATION_ITEM (object)->relation, alama_relation_unref);
  G_OBJECT_CLASS (alama_relation_item_parent_class)->finalize (object);
}

static void
alama_relation_item_class_init (AlamaRelationItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alama_relation_item_finalize;
}

static void
alama_relation_item_init (AlamaRelationItem *self)
{
}

AlamaRelation *
alama_relation_item_get_relation (AlamaRelationItem *self)
{
  g_return_val_if_fail (ALAMA_IS_RELATION_ITEM (self), NULL);

  return self->relation;
}

/* ---- The model's state -------------------------------------------------------- */

#define ALAMA_TYPE_MODEL_LIST (alama_model_list_get_type ())
G_DECLARE_FINAL_TYPE (AlamaModelList, alama_model_list, ALAMA, MODEL_LIST, GObject)

struct _AlamaDocumentModel
{
  GObject         parent_instance;

  /* Owned */
  AlamaStore     *store;
  char           *text;
  AlamaTextIndex *text_index;   /* made when first asked for */
  AlamaSpanIndex *spans;
  GPtrArray      *relations;    /* of AlamaRelation*, by id */
  AlamaModelList *span_list;
  AlamaModelList *relation_list;

  gint64          document_id;
  gint64          data_version; /* the file's when last read in full */
  gulong          rows_changed_id;
  gboolean        shared;       /* in the store's table of models */
};

G_DEFINE_FINAL_TYPE (AlamaDocumentModel, alama_document_model, G_TYPE_OBJECT)

/* ---- The lists -------------------------------------------------------------- */

struct _AlamaModelList
{
  GObject             parent_instance;
  AlamaDocumentModel *model;     /* borrowed: the model owns its lists */
  gboolean            relations;
  GPtrArray          *items;     /* of GObject* or NULL (not made yet), one per row */
};

static void alama_model_list_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AlamaModelList, alama_model_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      alama_model_list_iface_init))

static GType
alama_model_list_get_item_type (GListModel *list)
{
  return ALAMA_MODEL_LIST (list)->relations ? ALAMA_TYPE_RELATION_ITEM : ALAMA_TYPE_SPAN_ITEM;
}

static guint
alama_model_list_get_n_items (GListModel *list)
{
  return ALAMA_MODEL_LIST (list)->items->len;
}

static gpointer
alama_model_list_get_item (GListModel *list,
                           guint       position)
{
  AlamaModelList *self = ALAMA_MODEL_LIST (list);
  GObject **slot;

  if (position >= self->items->len)
    return NULL;
  slot = (GObject **) &g_ptr_array_index (self->items, position);
  if (*slot == NULL)
    {
      if (self->relations)
        {
          AlamaRelationItem *item = g_object_new (ALAMA_TYPE_RELATION_ITEM, NULL);

          item->relation = alama_relation_ref (g_ptr_array_index (self->model->relations, position));
          *slot = G_OBJECT (item);
        }
      else
        {
          AlamaSpanItem *item = g_object_new (ALAMA_TYPE_SPAN_ITEM, NULL);

          item->span = alama_span_ref (alama_span_index_get_span (self->model->spans, position));
          *slot = G_OBJECT (item);
        }
    }
  return g_object_ref (*slot);
}

static void
alama_model_list_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = alama_model_list_get_item_type;
  iface->get_n_items = alama_model_list_get_n_items;
  iface->get_item = alama_model_list_get_item;
}

static void
clear_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
alama_model_list_finalize (GObject *object)
{
  g_clear_pointer (&ALAMA_MODEL_LIST (object)->items, g_ptr_array_unref);
  G_OBJECT_CLASS (alama_model_list_parent_class)->finalize (object);
}

static void
alama_model_list_class_init (AlamaModelListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alama_model_list_finalize;
}

static void
alama_model_list_init (AlamaModelList *self)
{
  self->items = g_ptr_array_new_with_free_func (clear_item);
}

static AlamaModelList *
model_list_new (AlamaDocumentModel *model,
                gboolean            relations)
{
  AlamaModelList *self = g_object_new (ALAMA_TYPE_MODEL_LIST, NULL);

  self->model = model;
  self->relations = relations;
  return self;
}

/* The rows [position, position + removed) were replaced by @added new ones
 * (already in the model's arrays): forget their items and say so. */
static void
model_list_splice (AlamaModelList *self,
                   guint           position,
                   guint           removed,
                   guint           added)
{
  if (removed == 0 && added == 0)
    return;
  guint n_after;

  g_ptr_array_remove_range (self->items, position, removed);
  /* Room for @added empty slots at @position in one move, not one per slot. */
  n_after = self->items->len - position;
  g_ptr_array_set_size (self->items, self->items->len + added);
  memmove (&self->items->pdata[position + added], &self->items->pdata[position],
           n_after * sizeof (gpointer));
  memset (&self->items->pdata[position], 0, added * sizeof (gpointer));
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* ---- Reading ------------------------------------------------------------------ */

static gboolean
same_span (const AlamaSpan *a,
           const AlamaSpan *b)
{
  return a->id == b->id && a->modified == b->modified && alama_span_equal_content (a, b);
}

static gboolean
same_relation (const AlamaRelation *a,
               const AlamaRelation *b)
{
  return a->id == b->id && a->modified == b->modified && a->status == b->status &&
         a->from_id == b->from_id && a->to_id == b->to_id && g_strcmp0 (a->type, b->type) == 0;
}

gboolean
alama_document_model_reload (AlamaDocumentModel  *self,
                             GError             **error)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  guint n_old, n_new, prefix, suffix;
  gint64 version = 0;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (self), FALSE);

  if (!_alama_store_read_data_version (self->store, &version, error))
    return FALSE;
  spans = alama_store_list_spans (self->store, self->document_id, ALAMA_STATUS_MASK_ALL, error);
  if (spans == NULL)
    return FALSE;
  relations = alama_store_list_relations (self->store, self->document_id,
                                          ALAMA_STATUS_MASK_ALL, error);
  if (relations == NULL)
    return FALSE;
  self->data_version = version;

  /* Only the rows that differ are announced: a reload after another
   * process's commit keeps the rest of a view (its selection, its scroll). */
  n_old = self->spans != NULL ? alama_span_index_get_n_spans (self->spans) : 0;
  n_new = spans->len;
  for (prefix = 0; prefix < n_old && prefix < n_new; prefix++)
    if (!same_span (alama_span_index_get_span (self->spans, prefix), spans->pdata[prefix]))
      break;
  for (suffix = 0; suffix < n_old - prefix && suffix < n_new - prefix; suffix++)
    if (!same_span (alama_span_index_get_span (self->spans, n_old - 1 - suffix),
                    spans->pdata[n_new - 1 - suffix]))
      break;
  /* The index stays the same object while its spans are the same: a view may
   * draw it directly, and takes it again only when told of a change. */
  if (self->spans == NULL || prefix + suffix < MAX (n_old, n_new))
    {
      g_clear_pointer (&self->spans, alama_span_index_free);
      self->spans = alama_span_index_new (spans);
      model_list_splice (self->span_list, prefix, n_old - prefix - suffix, n_new - prefix - suffix);
    }

  n_old = self->relations->len;
  n_new = relations->len;
  for (prefix = 0; prefix < n_old && prefix < n_new; prefix++)
    if (!same_relation (self->relations->pdata[prefix], relations->pdata[prefix]))
      break;
  for (suffix = 0; suffix < n_old - prefix && suffix < n_new - prefix; suffix++)
    if (!same_relation (self->relations->pdata[n_old - 1 - suffix], relations->pdata[n_new - 1 - suffix]))
      break;
  g_ptr_array_unref (self->relations);
  self->relations = g_steal_pointer (&relations);
  model_list_splice (self->relation_list, prefix, n_old - prefix - suffix, n_new - prefix - suffix);

  return TRUE;
}

/* ---- Applying rows ------------------------------------------------------------ */

/* Where @span goes among the spans (it is not among them). */
static guint
span_insertion_point (AlamaDocumentModel *self,
                      const AlamaSpan    *span)
{
  guint lo = 0, hi = alama_span_index_get_n_spans (self->spans);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (alama_span_compare (alama_span_index_get_span (self->spans, mid), span) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Whether @span, put at @position in place of the span there, keeps the order. */
static gboolean
span_fits_at (AlamaDocumentModel *self,
              guint               position,
              const AlamaSpan    *span)
{
  guint n = alama_span_index_get_n_spans (self->spans);

  return (position == 0 ||
          alama_span_compare (alama_span_index_get_span (self->spans, position - 1), span) < 0) &&
         (position + 1 >= n ||
          alama_span_compare (span, alama_span_index_get_span (self->spans, position + 1)) < 0);
}

/* The row as it is in the file now, or NULL with no error when it is gone or
 * belongs to another document. */
static gpointer
read_row (AlamaDocumentModel  *self,
          AlamaRowChangeKind   kind,
          gint64               id,
          GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  gpointer row;
  gint64 document_id;

  if (kind == ALAMA_ROW_CHANGE_SPAN)
    {
      AlamaSpan *span = alama_store_get_span (self->store, id, &local_error);

      row = span;
      document_id = span != NULL ? span->document_id : 0;
    }
  else
    {
      AlamaRelation *relation = alama_store_get_relation (self->store, id, &local_error);

      row = relation;
      document_id = relation != NULL ? relation->document_id : 0;
    }
  if (row == NULL)
    {
      if (g_error_matches (local_error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND))
        return NULL;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (document_id != self->document_id)
    {
      if (kind == ALAMA_ROW_CHANGE_SPAN)
        alama_span_unref (row);
      else
        alama_relation_unref (row);
      return NULL;
    }
  return row;
}

static gboolean
apply_span (AlamaDocumentModel  *self,
            gint64               id,
            GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AlamaSpan) fresh = read_row (self, ALAMA_ROW_CHANGE_SPAN, id, &local_error);
  int old = alama_span_index_find_id (self->spans, id);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (old >= 0 && fresh != NULL && span_fits_at (self, old, fresh))
    {
      alama_span_index_remove (self->spans, old);
      alama_span_index_insert (self->spans, old, fresh);
      model_list_splice (self->span_list, old, 1, 1);
      return TRUE;
    }
  if (old >= 0)
    {
      alama_span_index_remove (self->spans, old);
      model_list_splice (self->span_list, old, 1, 0);
    }
  if (fresh != NULL)
    {
      guint position = span_insertion_point (self, fresh);

      alama_span_index_insert (self->spans, position, fresh);
      model_list_splice (self->span_list, position, 0, 1);
    }
  return TRUE;
}

/* The position of relation @id, or where it would go. */
static guint
relation_position (AlamaDocumentModel *self,
                   gint64              id,
                   gboolean           *found)
{
  guint lo = 0, hi = self->relations->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const AlamaRelation *relation = g_ptr_array_index (self->relations, mid);

      if (relation->id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  *found = lo < self->relations->len &&
           ((AlamaRelation *) g_ptr_array_index (self->relations, lo))->id == id;
  return lo;
}

static gboolean
apply_relation (AlamaDocumentModel  *self,
                gint64               id,
                GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  AlamaRelation *fresh = read_row (self, ALAMA_ROW_CHANGE_RELATION, id, &local_error);
  gboolean found;
  guint position;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  position = relation_position (self, id, &found);
  if (found && fresh != NULL)
    {
      alama_relation_unref (self->relations->pdata[position]);
      self->relations->pdata[position] = fresh;
      model_list_splice (self->relation_list, position, 1, 1);
    }
  else if (found)
    {
      g_ptr_array_remove_index (self->relations, position);
      model_list_splice (self->relation_list, position, 1, 0);
    }
  else if (fresh != NULL)
    {
      g_ptr_array_insert (self->relations, position, fresh);
      model_list_splice (self->relation_list, position, 0, 1);
    }
  return TRUE;
}

gboolean
alama_document_model_apply (AlamaDocumentModel     *self,
                            const AlamaRowChanges  *changes,
                            GError                **error)
{
  gint64 version = 0;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if (!alama_row_changes_is_complete (changes))
    return alama_document_model_reload (self, error);
  /* Rows another process wrote since the last full read are not in the
   * list, whichever document this change touched: read everything. */
  if (!_alama_store_read_data_version (self->store, &version, error))
    return FALSE;
  if (version != self->data_version)
    return alama_document_model_reload (self, error);
  if (!alama_row_changes_touches (changes, self->document_id))
    return TRUE;

  for (guint i = 0; i < alama_row_changes_get_n_rows (changes); i++)
    {
      const AlamaRowChange *row = alama_row_changes_get_row (changes, i);
      gboolean ok;

      if (row->document_before != self->document_id && row->document_after != self->document_id)
        continue;
      ok = row->kind == ALAMA_ROW_CHANGE_SPAN ? apply_span (self, row->id, error)
                                              : apply_relation (self, row->id, error);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static void
rows_changed_cb (AlamaDocumentModel *self,
                 AlamaRowChanges    *changes)
{
  g_autoptr(GError) error = NULL;

  if (alama_document_model_apply (self, changes, &error))
    return;
  /* A row that could not be read: the next full read may work. */
  g_clear_error (&error);
  if (!alama_document_model_reload (self, &error))
    g_warning ("Could not read the annotations of document %" G_GINT64_FORMAT ": %s",
               self->document_id, error->message);
}

/* ---- GObject -------------------------------------------------------------------- */

static GQuark
models_quark (void)
{
  return g_quark_from_static_string ("alama-document-models");
}

static void
alama_document_model_dispose (GObject *object)
{
  AlamaDocumentModel *self = ALAMA_DOCUMENT_MODEL (object);

  if (self->store != NULL)
    {
      g_clear_signal_handler (&self->rows_changed_id, self->store);
      if (self->shared)
        {
          GHashTable *models = g_object_get_qdata (G_OBJECT (self->store), models_quark ());

          if (models != NULL)
            g_hash_table_remove (models, &self->document_id);
          self->shared = FALSE;
        }
    }
  G_OBJECT_CLASS (alama_document_model_parent_class)->dispose (object);
}

static void
alama_document_model_finalize (GObject *object)
{
  AlamaDocumentModel *self = ALAMA_DOCUMENT_MODEL (object);

  g_clear_object (&self->span_list);
  g_clear_object (&self->relation_list);
  g_clear_pointer (&self->spans, alama_span_index_free);
  g_clear_pointer (&self->relations, g_ptr_array_unref);
  g_clear_pointer (&self->text_index, alama_text_index_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (alama_document_model_parent_class)->finalize (object);
}

static void
alama_document_model_class_init (AlamaDocumentModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = alama_document_model_dispose;
  object_class->finalize = alama_document_model_finalize;
}

static void
alama_document_model_init (AlamaDocumentModel *self)
{
  self->relations = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_relation_unref);
  self->span_list = model_list_new (self, FALSE);
  self->relation_list = model_list_new (self, TRUE);
}

AlamaDocumentModel *
alama_document_model_new (AlamaStore  *store,
                          gint64       document_id,
                          GError     **error)
{
  g_autoptr(AlamaDocumentModel) self = NULL;

  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ALAMA_TYPE_DOCUMENT_MODEL, NULL);
  self->store = g_object_ref (store);
  self->document_id = document_id;
  self->text = alama_store_dup_document_text (store, document_id, error);
  if (self->text == NULL)
    return NULL;
  if (!alama_document_model_reload (self, error))
    return NULL;
  self->rows_changed_id = g_signal_connect_swapped (store, "rows-changed",
                                                    G_CALLBACK (rows_changed_cb), self);
  return g_steal_pointer (&self);
}

AlamaDocumentModel *
alama_document_model_get_for_document (AlamaStore  *store,
                                       gint64       document_id,
                                       GError     **error)
{
  GHashTable *models;
  AlamaDocumentModel *self;

  g_return_val_if_fail (ALAMA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  models = g_object_get_qdata (G_OBJECT (store), models_quark ());
  if (models == NULL)
    {
      /* Weak entries: each model takes itself out in dispose. */
      models = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_object_set_qdata_full (G_OBJECT (store), models_quark (), models,
                               (GDestroyNotify) g_hash_table_unref);
    }
  self = g_hash_table_lookup (models, &document_id);
  if (self != NULL)
    return g_object_ref (self);

  self = alama_document_model_new (store, document_id, error);
  if (self == NULL)
    return NULL;
  self->shared = TRUE;
  g_hash_table_insert (models, &self->document_id, self);
  return self;
}

/* ---- Getters -------------------------------------------------------------------- */

AlamaStore *
alama_document_model_get_store (AlamaDocumentModel *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (self), NULL);
  return self->store;
}

gint64
alama_document_model_get_document_id (AlamaDocumentModel *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (self), 0);
  return self->document_id;
}

const char *
alama_document_model_get_text (AlamaDocumentModel *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (self), NULL);
  return self->text;
}

AlamaTextIndex *
alama_document_model_get_text_index (AlamaDocumentModel *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (self), NULL);

  if (self->text_index == NULL)
    self->text_index = alama_text_index_new (self->text);
  return self->text_index;
}

GListModel *
alama_document_model_get_spans (AlamaDocumentModel *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (self), NULL);
  return G_LIST_MODEL (self->span_list);
}

GListModel *
alama_document_model_get_relations (AlamaDocumentModel *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (self), NULL);
  return G_LIST_MODEL (self->relation_list);
}

AlamaSpanIndex *
alama_document_model_get_span_index (AlamaDocumentModel *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (self), NULL);
  return self->spans;
}

AlamaSpanIndex *
alama_document_model_new_span_index (AlamaDocumentModel *self,
                                     AlamaStatusMask     statuses)
{
  g_autoptr(GPtrArray) shown = NULL;
  guint n;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (self), NULL);

  n = alama_span_index_get_n_spans (self->spans);
  shown = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      AlamaSpan *span = alama_span_index_get_span (self->spans, i);

      if (statuses & (1 << span->status))
        g_ptr_array_add (shown, span);
    }
  return alama_span_index_new (shown);
}

guint
alama_document_model_get_n_spans (AlamaDocumentModel *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (self), 0);
  return alama_span_index_get_n_spans (self->spans);
}

AlamaSpan *
alama_document_model_get_span (AlamaDocumentModel *self,
                               guint               position)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (self), NULL);
  return alama_span_index_get_span (self->spans, position);
}

guint
alama_document_model_get_n_relations (AlamaDocumentModel *self)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (self), 0);
  return self->relations->len;
}

AlamaRelation *
alama_document_model_get_relation (AlamaDocumentModel *self,
                                   guint               position)
{
  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (self), NULL);
  g_return_val_if_fail (position < self->relations->len, NULL);
  return g_ptr_array_index (self->relations, position);
}

AlamaSpan *
alama_document_model_find_span (AlamaDocumentModel *self,
                                gint64              span_id)
{
  int position;

  g_return_val_if_fail (ALAMA_IS_DOCUMENT_MODEL (self), NULL);

  position = alama_span_index_find_id (self->spans, span_id);
  return position >= 0 ? alama_span_index_get_span (self->spans, position) : NULL;
}
