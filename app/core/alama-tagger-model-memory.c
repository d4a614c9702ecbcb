/* alama-tagger-model-memory.c: the entities training saw, as word sequences.
 *
 * Every gold entity of the training data is kept as the sequence of its words
 * (their feature ids) and its label. A text's tokens are matched against it,
 * longest sequence first, and each token a match covers gets that entity's tag
 * as a feature: "المغرب التطواني" was a team (ORG) in training, so its first
 * word is not the country here, and a name of several words keeps its edges.
 *
 * Training must not learn to trust the memory more than it deserves: a name
 * in a new text is often one training never saw. So the training sentences
 * are matched against the entities of the other folds only (the same folds
 * that decide which words are novel), as a new text is matched against all of
 * them.
 */
#define G_LOG_DOMAIN "alama-tagger-model"

#include "config.h"

#include <string.h>

#include "alama-tagger-model-private.h"

/* Longer entities are rare and would make every match slower. */
#define MAX_ENTITY_WORDS 8

struct _AlamaModelMemory
{
  guint       n_labels;
  guint       longest;
  GHashTable *entries;   /* guint64 * key → guint32 counts[(N_FOLDS + 1) × n_labels] */
};

static guint64
sequence_key (guint32        first_stem_id,
              const guint32 *word_ids,
              guint          n)
{
  guint64 h = 14695981039346656037ull;

  for (guint i = 0; i < n; i++)
    {
      h = (h ^ (i == 0 ? first_stem_id : word_ids[i])) * 1099511628211ull;
      h ^= h >> 29;
    }
  return (h ^ n) * 1099511628211ull;
}

AlamaModelMemory *
_alama_model_memory_new (guint n_labels)
{
  AlamaModelMemory *self = g_new0 (AlamaModelMemory, 1);

  self->n_labels = n_labels;
  self->entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return self;
}

void
_alama_model_memory_free (AlamaModelMemory *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->entries);
  g_free (self);
}

static guint32 *
entry_counts (AlamaModelMemory *self,
              guint64           key,
              guint             n_words)
{
  guint32 *counts = g_hash_table_lookup (self->entries, &key);

  if (counts == NULL)
    {
      guint64 *stored = g_new (guint64, 1);

      *stored = key;
      counts = g_new0 (guint32, (ALAMA_MODEL_N_FOLDS + 1) * self->n_labels);
      g_hash_table_insert (self->entries, stored, counts);
      self->longest = MAX (self->longest, n_words);
    }
  return counts;
}

void
_alama_model_memory_add (AlamaModelMemory *self,
                         guint32           first_stem_id,
                         const guint32    *word_ids,
                         guint             n,
                         guint             label,
                         guint             fold)
{
  guint32 *counts;

  g_return_if_fail (label < self->n_labels && fold < ALAMA_MODEL_N_FOLDS);

  if (n == 0 || n > MAX_ENTITY_WORDS)
    return;
  counts = entry_counts (self, sequence_key (first_stem_id, word_ids, n), n);
  counts[fold * self->n_labels + label]++;
  counts[ALAMA_MODEL_N_FOLDS * self->n_labels + label]++;
}

void
_alama_model_memory_add_tagged (AlamaModelMemory *self,
                                const guint32    *word_ids,
                                const guint32    *stem_ids,
                                const guint8     *tags,
                                guint             n,
                                guint             fold)
{
  for (guint t = 0; t < n; t++)
    {
      guint end = t + 1;

      if (tags[t] == ALAMA_MODEL_TAG_OUTSIDE || (tags[t] & 1) == 0)
        continue;
      while (end < n && tags[end] == tags[t] + 1)
        end++;
      _alama_model_memory_add (self, stem_ids[t], word_ids + t, end - t, (tags[t] - 1) / 2, fold);
      t = end - 1;
    }
}

/* The label most often seen for @counts leaving out @skip_fold, or -1. */
static gint
best_label (AlamaModelMemory *self,
            const guint32    *counts,
            guint             skip_fold)
{
  const guint32 *total = counts + ALAMA_MODEL_N_FOLDS * self->n_labels;
  gint best = -1;
  guint32 best_count = 0;

  for (guint l = 0; l < self->n_labels; l++)
    {
      guint32 count = total[l];

      if (skip_fold < ALAMA_MODEL_N_FOLDS)
        count -= counts[skip_fold * self->n_labels + l];
      if (count > best_count)
        {
          best_count = count;
          best = (gint) l;
        }
    }
  return best;
}

void
_alama_model_memory_match (AlamaModelMemory *self,
                           const guint32    *word_ids,
                           const guint32    *stem_ids,
                           guint             n,
                           guint             skip_fold,
                           guint8           *tags)
{
  memset (tags, ALAMA_MODEL_TAG_OUTSIDE, n);
  for (guint t = 0; t < n; t++)
    for (guint length = MIN (self->longest, n - t); length > 0; length--)
      {
        guint64 key = sequence_key (stem_ids[t], word_ids + t, length);
        const guint32 *counts = g_hash_table_lookup (self->entries, &key);
        gint label;

        if (counts == NULL || (label = best_label (self, counts, skip_fold)) < 0)
          continue;
        tags[t] = ALAMA_MODEL_TAG_BEGIN (label);
        for (guint k = 1; k < length; k++)
          tags[t + k] = ALAMA_MODEL_TAG_INSIDE (label);
        t += length - 1;
        break;
      }
}

static gint
compare_keys (gconstpointer a,
              gconstpointer b)
{
  guint64 x = **(const guint64 * const *) a, y = **(const guint64 * const *) b;

  return x < y ? -1 : x > y;
}

/* u32 longest, u32 number of entries, then each entry (sorted by key, so the
 * same memory gives the same bytes) as u64 key (two u32, low first) and u32
 * label: the label most often seen. */
void
_alama_model_memory_write (AlamaModelMemory *self,
                           GByteArray       *out)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  guint32 header[2];
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  header[0] = GUINT32_TO_LE (self->longest);
  header[1] = GUINT32_TO_LE (keys->len);

  g_ptr_array_sort (keys, compare_keys);
  g_byte_array_append (out, (const guint8 *) header, sizeof header);
  for (guint i = 0; i < keys->len; i++)
    {
      const guint64 *key = g_ptr_array_index (keys, i);
      const guint32 *counts = g_hash_table_lookup (self->entries, key);
      guint32 entry[3] = { GUINT32_TO_LE ((guint32) *key), GUINT32_TO_LE ((guint32) (*key >> 32)),
                           GUINT32_TO_LE ((guint32) best_label (self, counts,
                                                                ALAMA_MODEL_N_FOLDS)) };

      g_byte_array_append (out, (const guint8 *) entry, sizeof entry);
    }
}

gboolean
_alama_model_memory_read (AlamaModelMemory *self,
                          const guint8     *data,
                          gsize             size,
                          gsize            *at)
{
  guint32 header[2];
  guint32 longest, n_entries;

  if (size - *at < sizeof header)
    return FALSE;
  memcpy (header, data + *at, sizeof header);
  *at += sizeof header;
  longest = GUINT32_FROM_LE (header[0]);
  n_entries = GUINT32_FROM_LE (header[1]);
  if (longest > MAX_ENTITY_WORDS || (size - *at) / 12 < n_entries)
    return FALSE;
  for (guint32 i = 0; i < n_entries; i++)
    {
      guint32 entry[3];
      guint64 key;
      guint32 label;

      memcpy (entry, data + *at, sizeof entry);
      *at += sizeof entry;
      key = GUINT32_FROM_LE (entry[0]) | ((guint64) GUINT32_FROM_LE (entry[1]) << 32);
      label = GUINT32_FROM_LE (entry[2]);
      if (label >= self->n_labels)
        return FALSE;
      entry_counts (self, key, 0)[ALAMA_MODEL_N_FOLDS * self->n_labels + label] = 1;
    }
  self->longest = longest;
  return TRUE;
}
