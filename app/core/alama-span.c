/* alama-span.c: span annotations and relations as refcounted boxed values,
 * plus the string forms of the small enums in alama-types.h.
 *
 * Like GcalRange in gnome-calendar, a span is a plain struct with public fields
 * and an atomic reference count kept in a hidden header in front of it, so that
 * callers can use the fields directly while the GType system can ref/unref it.
 */
#define G_LOG_DOMAIN "alama-span"

#include "config.h"

#include <string.h>

#include "alama/alama-span.h"
#include "alama/alama-text.h"

/* ---- Status and format names ------------------------------------------------ */

static const char * const status_names[] = {
  [ALAMA_STATUS_ACCEPTED] = "accepted",
  [ALAMA_STATUS_PENDING]  = "pending",
  [ALAMA_STATUS_REJECTED] = "rejected",
};

const char *
alama_status_to_string (AlamaStatus status)
{
  if ((guint) status < G_N_ELEMENTS (status_names))
    return status_names[status];
  return NULL;
}

gboolean
alama_status_from_string (const char  *str,
                          AlamaStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_ascii_strcasecmp (str, status_names[i]) == 0)
        {
          *status = (AlamaStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

static const char * const format_names[] = {
  [ALAMA_FORMAT_AUTO]  = "auto",
  [ALAMA_FORMAT_TXT]   = "txt",
  [ALAMA_FORMAT_JSONL] = "jsonl",
  [ALAMA_FORMAT_BRAT]  = "brat",
  [ALAMA_FORMAT_CONLL] = "conll",
  [ALAMA_FORMAT_CSV]   = "csv",
  [ALAMA_FORMAT_PRODIGY] = "prodigy",
  [ALAMA_FORMAT_LABELSTUDIO] = "labelstudio",
  [ALAMA_FORMAT_CONLLU] = "conllu",
  [ALAMA_FORMAT_WEBANNO] = "webanno",
};

const char *
alama_format_to_string (AlamaFormat format)
{
  if ((guint) format < G_N_ELEMENTS (format_names))
    return format_names[format];
  return NULL;
}

gboolean
alama_format_from_string (const char  *str,
                          AlamaFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    {
      if (g_ascii_strcasecmp (str, format_names[i]) == 0)
        {
          *format = (AlamaFormat) i;
          return TRUE;
        }
    }

  /* Common aliases people type on the command line. */
  if (g_ascii_strcasecmp (str, "text") == 0)
    *format = ALAMA_FORMAT_TXT;
  else if (g_ascii_strcasecmp (str, "json") == 0)
    *format = ALAMA_FORMAT_JSONL;
  else if (g_ascii_strcasecmp (str, "ann") == 0)
    *format = ALAMA_FORMAT_BRAT;
  else
    return FALSE;

  return TRUE;
}

/* ---- AlamaSpan ---------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (AlamaSpan, alama_span, alama_span_ref, alama_span_unref)

/* The reference count lives in front of the public struct. */
typedef struct
{
  gatomicrefcount ref_count;
  AlamaSpan       span;
} SpanBox;

#define SPAN_BOX(s) ((SpanBox *) ((char *) (s) - G_STRUCT_OFFSET (SpanBox, span)))

static AlamaSpan *
alama_span_alloc (void)
{
  SpanBox *box = g_new0 (SpanBox, 1);

  g_atomic_ref_count_init (&box->ref_count);
  /* Room for one fragment, which is what nearly every span has. */
  box->span.fragments = g_array_sized_new (FALSE, FALSE, sizeof (AlamaFragment), 1);
  box->span.status = ALAMA_STATUS_ACCEPTED;

  return &box->span;
}

AlamaSpan *
alama_span_new (const char *label,
                gint64      start,
                gint64      end)
{
  AlamaSpan *span = alama_span_alloc ();

  span->label = g_strdup (label);
  /* A span built for input may get its fragments later (start == end == 0 means
   * "none yet"); anything else is taken as the first fragment, even if invalid,
   * so that the store can report it. */
  if (start != 0 || end != 0)
    alama_span_add_fragment (span, start, end);

  return span;
}

AlamaSpan *
alama_span_ref (AlamaSpan *span)
{
  g_return_val_if_fail (span != NULL, NULL);

  g_atomic_ref_count_inc (&SPAN_BOX (span)->ref_count);
  return span;
}

void
alama_span_unref (AlamaSpan *span)
{
  SpanBox *box;

  g_return_if_fail (span != NULL);

  box = SPAN_BOX (span);
  if (!g_atomic_ref_count_dec (&box->ref_count))
    return;

  g_free (span->label);
  g_array_unref (span->fragments);
  g_clear_pointer (&span->attributes, g_hash_table_unref);
  g_free (span->note);
  g_free (span->source);
  g_free (span->annotator);
  g_free (span->ext_id);
  g_free (box);
}

AlamaSpan *
alama_span_copy (const AlamaSpan *span)
{
  AlamaSpan *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (span != NULL, NULL);

  copy = alama_span_alloc ();
  copy->id = span->id;
  copy->document_id = span->document_id;
  copy->label = g_strdup (span->label);
  g_array_append_vals (copy->fragments, span->fragments->data, span->fragments->len);
  if (span->attributes != NULL)
    {
      g_hash_table_iter_init (&iter, span->attributes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        alama_span_set_attribute (copy, key, value);
    }
  copy->note = g_strdup (span->note);
  copy->source = g_strdup (span->source);
  copy->status = span->status;
  copy->annotator = g_strdup (span->annotator);
  copy->created = span->created;
  copy->modified = span->modified;
  copy->ext_id = g_strdup (span->ext_id);

  return copy;
}

void
alama_span_add_fragment (AlamaSpan *span,
                         gint64     start,
                         gint64     end)
{
  AlamaFragment fragment = { start, end };
  guint i;

  g_return_if_fail (span != NULL);

  /* Insert after every fragment with a smaller or equal start: stable order. */
  for (i = 0; i < span->fragments->len; i++)
    {
      const AlamaFragment *f = &g_array_index (span->fragments, AlamaFragment, i);

      if (f->start > start)
        break;
    }

  g_array_insert_val (span->fragments, i, fragment);
}

gint64
alama_span_get_start (const AlamaSpan *span)
{
  g_return_val_if_fail (span != NULL, 0);

  if (span->fragments->len == 0)
    return 0;

  return g_array_index (span->fragments, AlamaFragment, 0).start;
}

gint64
alama_span_get_end (const AlamaSpan *span)
{
  gint64 end = 0;

  g_return_val_if_fail (span != NULL, 0);

  /* Fragments are sorted by start, not by end, so look at all of them. */
  for (guint i = 0; i < span->fragments->len; i++)
    end = MAX (end, g_array_index (span->fragments, AlamaFragment, i).end);

  return end;
}

guint
alama_span_get_n_fragments (const AlamaSpan *span)
{
  g_return_val_if_fail (span != NULL, 0);

  return span->fragments->len;
}

const AlamaFragment *
alama_span_get_fragment (const AlamaSpan *span,
                         guint            i)
{
  g_return_val_if_fail (span != NULL, NULL);
  g_return_val_if_fail (i < span->fragments->len, NULL);

  return &g_array_index (span->fragments, AlamaFragment, i);
}

void
alama_span_set_attribute (AlamaSpan  *span,
                          const char *name,
                          const char *value)
{
  g_return_if_fail (span != NULL);
  g_return_if_fail (name != NULL);

  if (value == NULL)
    {
      if (span->attributes != NULL)
        g_hash_table_remove (span->attributes, name);
      return;
    }
  if (span->attributes == NULL)
    span->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (span->attributes, g_strdup (name), g_strdup (value));
}

const char *
alama_span_get_attribute (const AlamaSpan *span,
                          const char      *name)
{
  g_return_val_if_fail (span != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (span->attributes == NULL)
    return NULL;
  return g_hash_table_lookup (span->attributes, name);
}

char *
alama_span_dup_text (const AlamaSpan *span,
                     const char      *document_text)
{
  GString *text;

  g_return_val_if_fail (span != NULL, NULL);
  g_return_val_if_fail (document_text != NULL, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < span->fragments->len; i++)
    {
      const AlamaFragment *f = &g_array_index (span->fragments, AlamaFragment, i);
      g_autofree char *piece = alama_text_substring (document_text, f->start, f->end);

      if (i > 0)
        g_string_append (text, " \u2026 ");
      if (piece != NULL)
        g_string_append (text, piece);
    }

  return g_string_free (text, FALSE);
}

static gboolean
attributes_equal (GHashTable *a,
                  GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  /* No table and an empty one both mean no attributes. */
  if ((a != NULL ? g_hash_table_size (a) : 0) != (b != NULL ? g_hash_table_size (b) : 0))
    return FALSE;
  if (a == NULL || b == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *other = g_hash_table_lookup (b, key);

      if (other == NULL || strcmp (other, value) != 0)
        return FALSE;
    }

  return TRUE;
}

gboolean
alama_span_equal_content (const AlamaSpan *a,
                          const AlamaSpan *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (g_strcmp0 (a->label, b->label) != 0 ||
      g_strcmp0 (a->note, b->note) != 0 ||
      g_strcmp0 (a->source, b->source) != 0 ||
      a->status != b->status ||
      a->fragments->len != b->fragments->len)
    return FALSE;

  for (guint i = 0; i < a->fragments->len; i++)
    {
      const AlamaFragment *fa = &g_array_index (a->fragments, AlamaFragment, i);
      const AlamaFragment *fb = &g_array_index (b->fragments, AlamaFragment, i);

      if (fa->start != fb->start || fa->end != fb->end)
        return FALSE;
    }

  return attributes_equal (a->attributes, b->attributes);
}

/* ---- AlamaRelation ------------------------------------------------------------ */

G_DEFINE_BOXED_TYPE (AlamaRelation, alama_relation, alama_relation_ref, alama_relation_unref)

typedef struct
{
  gatomicrefcount ref_count;
  AlamaRelation   relation;
} RelationBox;

#define RELATION_BOX(r) ((RelationBox *) ((char *) (r) - G_STRUCT_OFFSET (RelationBox, relation)))

AlamaRelation *
alama_relation_new (const char *type,
                    gint64      from_id,
                    gint64      to_id)
{
  RelationBox *box = g_new0 (RelationBox, 1);

  g_atomic_ref_count_init (&box->ref_count);
  box->relation.type = g_strdup (type);
  box->relation.from_id = from_id;
  box->relation.to_id = to_id;
  box->relation.status = ALAMA_STATUS_ACCEPTED;

  return &box->relation;
}

AlamaRelation *
alama_relation_ref (AlamaRelation *relation)
{
  g_return_val_if_fail (relation != NULL, NULL);

  g_atomic_ref_count_inc (&RELATION_BOX (relation)->ref_count);
  return relation;
}

void
alama_relation_unref (AlamaRelation *relation)
{
  RelationBox *box;

  g_return_if_fail (relation != NULL);

  box = RELATION_BOX (relation);
  if (!g_atomic_ref_count_dec (&box->ref_count))
    return;

  g_free (relation->type);
  g_free (relation->source);
  g_free (relation->annotator);
  g_free (relation->ext_id);
  g_free (box);
}

AlamaRelation *
alama_relation_copy (const AlamaRelation *relation)
{
  AlamaRelation *copy;

  g_return_val_if_fail (relation != NULL, NULL);

  copy = alama_relation_new (relation->type, relation->from_id, relation->to_id);
  copy->id = relation->id;
  copy->document_id = relation->document_id;
  copy->source = g_strdup (relation->source);
  copy->status = relation->status;
  copy->annotator = g_strdup (relation->annotator);
  copy->created = relation->created;
  copy->modified = relation->modified;
  copy->ext_id = g_strdup (relation->ext_id);

  return copy;
}

int
alama_span_compare (const AlamaSpan *a,
                    const AlamaSpan *b)
{
  gint64 start_a = alama_span_get_start (a), start_b = alama_span_get_start (b);
  gint64 end_a = alama_span_get_end (a), end_b = alama_span_get_end (b);

  if (start_a != start_b)
    return start_a < start_b ? -1 : 1;
  if (end_a != end_b)
    return end_a > end_b ? -1 : 1;
  return a->id < b->id ? -1 : (a->id > b->id);
}
