/* alama-span.h: span annotations and relations as plain refcounted values.
 *
 * Both are boxed types with public fields: the store fills them from rows and
 * takes them as input. A span with id 0 is not (yet) in a project.
 */
#pragma once

#include <glib-object.h>

#include "alama-types.h"

G_BEGIN_DECLS

/* One contiguous piece of a span: code points, end-exclusive. */
typedef struct
{
  gint64 start;
  gint64 end;
} AlamaFragment;

struct _AlamaSpan
{
  gint64       id;           /* 0 until stored */
  gint64       document_id;
  char        *label;        /* schema label key, e.g. "PER" */
  GArray      *fragments;    /* of AlamaFragment, sorted by start, never empty when stored;
                              * more than one = a discontinuous span */
  GHashTable  *attributes;   /* char* -> char*, owned; NULL until the span has one
                              * (most spans never do: a table each would cost more
                              * than the span) */
  char        *note;         /* may be NULL */
  char        *source;       /* ALAMA_SOURCE_MANUAL or the tagger/model name */
  AlamaStatus  status;
  char        *annotator;    /* may be NULL until stored; the store fills it in */
  gint64       created;      /* g_get_real_time() microseconds, set by the store */
  gint64       modified;
  char        *ext_id;       /* id in the file it was imported from ("T3", "12"), or NULL */
};

struct _AlamaRelation
{
  gint64       id;
  gint64       document_id;
  char        *type;         /* schema relation type key, e.g. "SPEAKER" */
  gint64       from_id;      /* span ids. In an AlamaImportDoc: indexes into its spans array */
  gint64       to_id;
  char        *source;
  AlamaStatus  status;
  char        *annotator;
  gint64       created;
  gint64       modified;
  char        *ext_id;       /* "R1" in brat, the relation id in JSONL, or NULL */
};

#define ALAMA_TYPE_SPAN     (alama_span_get_type ())
#define ALAMA_TYPE_RELATION (alama_relation_get_type ())

GType          alama_span_get_type       (void) G_GNUC_CONST;
AlamaSpan     *alama_span_new            (const char      *label,
                                          gint64           start,
                                          gint64           end);
AlamaSpan     *alama_span_ref            (AlamaSpan       *span);
void           alama_span_unref          (AlamaSpan       *span);
AlamaSpan     *alama_span_copy           (const AlamaSpan *span);
/* Inserts keeping fragments sorted by start. */
void           alama_span_add_fragment   (AlamaSpan       *span,
                                          gint64           start,
                                          gint64           end);
/* First start and last end over all fragments. */
gint64         alama_span_get_start      (const AlamaSpan *span);
gint64         alama_span_get_end        (const AlamaSpan *span);
guint          alama_span_get_n_fragments (const AlamaSpan *span);
const AlamaFragment *alama_span_get_fragment (const AlamaSpan *span,
                                              guint            i);
void           alama_span_set_attribute  (AlamaSpan       *span,
                                          const char      *name,
                                          const char      *value);
const char    *alama_span_get_attribute  (const AlamaSpan *span,
                                          const char      *name);
/* The covered text, fragments joined by " … " (U+2026 between spaces). */
char          *alama_span_dup_text       (const AlamaSpan *span,
                                          const char      *document_text);
/* Same label, fragments, attributes, note, status and source. Ignores ids and times. */
/* The order spans are listed in (alama_store_list_spans(), AlamaDocumentModel):
 * by start, the longer first, then by id. */
int            alama_span_compare        (const AlamaSpan *a,
                                          const AlamaSpan *b);
gboolean       alama_span_equal_content  (const AlamaSpan *a,
                                          const AlamaSpan *b);

GType          alama_relation_get_type   (void) G_GNUC_CONST;
AlamaRelation *alama_relation_new        (const char          *type,
                                          gint64               from_id,
                                          gint64               to_id);
AlamaRelation *alama_relation_ref        (AlamaRelation       *relation);
void           alama_relation_unref      (AlamaRelation       *relation);
AlamaRelation *alama_relation_copy       (const AlamaRelation *relation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaSpan, alama_span_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaRelation, alama_relation_unref)

G_END_DECLS
