/* alama-tagger-common.c: what every tagger is made of: the tagger object, the
 * proposals it returns and the error domain. The runner (alama-tagger.c) calls
 * the taggers (alama-tagger-NAME.c, alama-gazetteer.c), which call this file,
 * alama-tagger-actors.c and alama-tagger-text.c; nothing here calls back up.
 */
#define G_LOG_DOMAIN "alama-tagger"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "alama-tagger-private.h"
#include "alama/alama-arabic.h"
#include "alama/alama-document.h"

G_DEFINE_QUARK (alama-tagger-error-quark, alama_tagger_error)

/* ---- Proposals ------------------------------------------------------------- */

static void
tagger_relation_clear (gpointer data)
{
  AlamaTaggerRelation *relation = data;

  g_clear_pointer (&relation->type, g_free);
}

AlamaTaggerProposals *
alama_tagger_proposals_new (void)
{
  AlamaTaggerProposals *self = g_new0 (AlamaTaggerProposals, 1);

  self->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);
  self->relations = g_array_new (FALSE, TRUE, sizeof (AlamaTaggerRelation));
  g_array_set_clear_func (self->relations, tagger_relation_clear);
  return self;
}

void
alama_tagger_proposals_free (AlamaTaggerProposals *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->spans);
  g_array_unref (self->relations);
  g_free (self);
}

guint
alama_tagger_proposals_add_span (AlamaTaggerProposals *self,
                                 AlamaSpan            *span)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (span != NULL, 0);

  g_ptr_array_add (self->spans, span);
  return self->spans->len - 1;
}

/* Same label and same fragments: what "the same suggestion at that place" means. */
gboolean
_alama_tagger_spans_same_place (const AlamaSpan *a,
                                const AlamaSpan *b)
{
  if (g_strcmp0 (a->label, b->label) != 0)
    return FALSE;
  if (a->fragments->len != b->fragments->len)
    return FALSE;
  for (guint i = 0; i < a->fragments->len; i++)
    {
      const AlamaFragment *fa = &g_array_index (a->fragments, AlamaFragment, i);
      const AlamaFragment *fb = &g_array_index (b->fragments, AlamaFragment, i);

      if (fa->start != fb->start || fa->end != fb->end)
        return FALSE;
    }
  return TRUE;
}

guint
alama_tagger_proposals_ensure_span (AlamaTaggerProposals *self,
                                    const AlamaSpan      *span)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (span != NULL, 0);

  for (guint i = 0; i < self->spans->len; i++)
    if (_alama_tagger_spans_same_place (g_ptr_array_index (self->spans, i), span))
      return i;
  return alama_tagger_proposals_add_span (self, alama_span_copy (span));
}

void
alama_tagger_proposals_add_relation (AlamaTaggerProposals *self,
                                     const char           *type,
                                     guint                 from,
                                     guint                 to)
{
  AlamaTaggerRelation relation = { g_strdup (type), from, to };

  g_return_if_fail (self != NULL);
  g_return_if_fail (from < self->spans->len && to < self->spans->len);

  g_array_append_val (self->relations, relation);
}

/* ---- Taggers ----------------------------------------------------------------- */

AlamaTagger *
_alama_tagger_new (const char             *name,
                   AlamaTaggerProposeFunc  propose,
                   gpointer                data,
                   GDestroyNotify          data_free)
{
  AlamaTagger *self = g_new0 (AlamaTagger, 1);

  self->name = g_strdup (name);
  self->propose = propose;
  self->data = data;
  self->data_free = data_free;
  return self;
}

void
alama_tagger_free (AlamaTagger *self)
{
  if (self == NULL)
    return;
  if (self->data_free != NULL)
    self->data_free (self->data);
  g_free (self->name);
  g_free (self);
}

const char *
alama_tagger_get_name (AlamaTagger *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

AlamaTaggerProposals *
alama_tagger_propose (AlamaTagger            *self,
                      const AlamaTaggerInput *input)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (input != NULL && input->text != NULL && input->index != NULL, NULL);

  return self->propose (input, self->data);
}

