/* alama-row-changes.c: the net rows of a change, as handed to live views. */
#define G_LOG_DOMAIN "alama-row-changes"

#include "config.h"

#include "alama/alama-row-changes.h"

struct _AlamaRowChanges
{
  gatomicrefcount  ref_count;
  GArray          *rows;      /* of AlamaRowChange; NULL: incomplete */
};

G_DEFINE_BOXED_TYPE (AlamaRowChanges, alama_row_changes,
                     alama_row_changes_ref, alama_row_changes_unref)

AlamaRowChanges *
alama_row_changes_new (void)
{
  AlamaRowChanges *self = g_new0 (AlamaRowChanges, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->rows = g_array_new (FALSE, FALSE, sizeof (AlamaRowChange));
  return self;
}

AlamaRowChanges *
alama_row_changes_new_incomplete (void)
{
  AlamaRowChanges *self = alama_row_changes_new ();

  g_clear_pointer (&self->rows, g_array_unref);
  return self;
}

AlamaRowChanges *
alama_row_changes_ref (AlamaRowChanges *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
alama_row_changes_unref (AlamaRowChanges *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->rows, g_array_unref);
  g_free (self);
}

void
alama_row_changes_append (AlamaRowChanges      *self,
                          const AlamaRowChange *change)
{
  g_return_if_fail (self != NULL && change != NULL);
  g_return_if_fail (self->rows != NULL);

  g_array_append_val (self->rows, *change);
}

gboolean
alama_row_changes_is_complete (const AlamaRowChanges *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->rows != NULL;
}

guint
alama_row_changes_get_n_rows (const AlamaRowChanges *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rows != NULL ? self->rows->len : 0;
}

const AlamaRowChange *
alama_row_changes_get_row (const AlamaRowChanges *self,
                           guint                  i)
{
  g_return_val_if_fail (self != NULL && self->rows != NULL, NULL);
  g_return_val_if_fail (i < self->rows->len, NULL);

  return &g_array_index (self->rows, AlamaRowChange, i);
}

gboolean
alama_row_changes_touches (const AlamaRowChanges *self,
                           gint64                 document_id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->rows == NULL)
    return TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      const AlamaRowChange *row = &g_array_index (self->rows, AlamaRowChange, i);

      if (row->document_before == document_id || row->document_after == document_id)
        return TRUE;
    }
  return FALSE;
}
