/* alama-tagger-model.c: the trained tagger's weights, decoding and bytes.
 *
 * A first-order structured perceptron (Collins 2002) over BIO tags: a token's
 * score for a tag is the sum of its features' weights for that tag, plus a
 * weight for the tag pair it makes with the previous one; Viterbi finds the best
 * sequence, never an I- that does not continue its own B-/I-. Learning the
 * weights is alama-tagger-model-learn.c.
 *
 * Confidence is the smallest marginal probability of a span's tags under a
 * forward-backward pass over the same scores.
 *
 * Bytes, all little-endian: "ALAMATAG", u32 format version, u32 feature bits,
 * f32 handicap on O, u32 number of labels and each label as u32 length + UTF-8, the transition
 * weights ((tags + 1) × tags f32, the last row from the sentence start), u32
 * number of non-zero weight rows and each as u32 bucket + tags f32, the
 * vocabulary, 2^bits bits, then (from version 3) the lexicons the model was
 * trained with (alama-tagger-model-lexicon.c). Version 2, without lexicons,
 * still loads: it was trained with none.
 */
#define G_LOG_DOMAIN "alama-tagger-model"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama-confidence-private.h"
#include "alama-tagger-model-private.h"

#define MODEL_MAGIC   "ALAMATAG"
#define MODEL_VERSION 3
/* A perceptron's scores are not log-probabilities: the marginals are taken
 * over the scores divided by this, which spreads the confidences so that they
 * rank suggestions (on ANERcorp's test part, spans above 0.8 were right 85% of
 * the time, those from 0.4 to 0.6 45%). */
#define CONFIDENCE_TEMPERATURE 6.0
/* Other occurrences of a novel word the first pass tagged as an entity get
 * this much more for that entity's tags in a second pass over the document: a
 * name the model never saw, found once in a telling context, is then found
 * where the context says less. Chosen on a held-out part of ANERcorp's train
 * part (its last 23,000 tokens; span F1 0.688 with none, 0.701 with 30, less
 * with 8 or 60); words the model knows are left alone (0.698 when they vote). */
#define DOCUMENT_BONUS 30.0f
/* Bytes that claim more weights than this are damaged, not a model to allocate. */
#define MAX_WEIGHTS   ((gsize) 1 << 26)


static gsize
vocabulary_bytes (guint feature_bits)
{
  return ((gsize) 1 << feature_bits) / 8;
}

static inline gboolean
in_vocabulary (const guint8 *vocabulary,
               guint32       word)
{
  return (vocabulary[word >> 3] >> (word & 7)) & 1;
}

/* ---- Novel words ----------------------------------------------------------------
 *
 * Most names in a new text are words training never saw (83% of the PERS spans
 * of ANERcorp's test part). A word the model does not know gets features that
 * say so, alone and with the word before and after ("الرئيس" + an unknown
 * word). Training learns them by jackknifing: its sentences are dealt into
 * folds, and a token whose word occurs in no other fold counts as novel and
 * loses its identity features, as it would in a new text.
 */

#define NO_WORD G_MAXUINT32

static inline guint32
mix (guint32 kind,
     guint32 word,
     guint32 mask)
{
  guint32 h = kind * 0x9e3779b1u ^ (word + 0x7f4a7c15u + (kind << 6) + (kind >> 2));

  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h & mask;
}

/* Gathers the features of the @n tokens of a sentence into @scratch: token t's
 * are scratch[starts[t]] up to scratch[ends[t]]. A token marked in @novel gets
 * the novel-word features, and with @hide_identity loses its first
 * n_lexical[t] features (the word itself). */
void
_alama_model_gather_features (const guint32  *features,
                              const guint    *feature_at,
                              const guint8   *n_lexical,
                              const guint32  *word_ids,
                              const guint32  *lexicon,
                              const gboolean *novel,
                              gboolean        hide_identity,
                              guint           n,
                              guint32         mask,
                              guint32        *scratch,
                              guint          *starts,
                              guint          *ends)
{
  guint at = 0;

  for (guint t = 0; t < n; t++)
    {
      guint from = feature_at[t];

      if (novel[t] && hide_identity)
        from += n_lexical[t];
      starts[t] = at;
      memcpy (scratch + at, features + from, (feature_at[t + 1] - from) * sizeof (guint32));
      at += feature_at[t + 1] - from;
      if (novel[t])
        {
          scratch[at++] = mix (1, 0, mask);
          scratch[at++] = mix (2, t > 0 ? word_ids[t - 1] : NO_WORD, mask);
          scratch[at++] = mix (3, t + 1 < n ? word_ids[t + 1] : NO_WORD, mask);
          /* A listed word the model never saw (a given name, a city), and an
           * unseen word after a listed one (محمد + a family name). */
          for (guint32 marks = lexicon[t]; marks != 0; marks &= marks - 1)
            scratch[at++] = mix (4, (guint32) __builtin_ctz (marks), mask);
          for (guint32 marks = t > 0 ? lexicon[t - 1] : 0; marks != 0; marks &= marks - 1)
            scratch[at++] = mix (5, (guint32) __builtin_ctz (marks), mask);
        }
      ends[t] = at;
    }
}

AlamaTaggerModel *
_alama_model_new (guint      feature_bits,
                  GPtrArray *labels)
{
  AlamaTaggerModel *self = g_new0 (AlamaTaggerModel, 1);

  self->feature_bits = feature_bits;
  self->labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < labels->len; i++)
    g_ptr_array_add (self->labels, g_strdup (g_ptr_array_index (labels, i)));
  g_ptr_array_add (self->labels, NULL);
  self->n_tags = 1 + 2 * labels->len;
  self->weights = g_new0 (float, ((gsize) 1 << feature_bits) * self->n_tags);
  self->transitions = g_new0 (float, (self->n_tags + 1) * self->n_tags);
  self->vocabulary = g_new0 (guint8, vocabulary_bytes (feature_bits));
  self->lexicon = _alama_model_lexicon_new ();
  self->info = g_strdup ("{}");
  return self;
}

void
alama_tagger_model_free (AlamaTaggerModel *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->labels);
  g_free (self->weights);
  g_free (self->transitions);
  g_free (self->vocabulary);
  _alama_model_lexicon_free (self->lexicon);
  g_free (self->info);
  g_free (self);
}

const char * const *
alama_tagger_model_get_labels (AlamaTaggerModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->labels->pdata;
}

const char *
alama_tagger_model_get_info (AlamaTaggerModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->info;
}

void
_alama_model_set_info (AlamaTaggerModel *self,
                       const char       *info_json)
{
  g_free (self->info);
  self->info = g_strdup (info_json);
}

/* ---- Scoring and decoding ------------------------------------------------------ */

/* I-l may only follow B-l or I-l. */
static inline gboolean
allowed (guint previous,   /* n_tags = sentence start */
         guint tag)
{
  if (tag == ALAMA_MODEL_TAG_OUTSIDE || (tag & 1) == 1)
    return TRUE;
  return previous == tag || previous == tag - 1;
}

/* emissions[t * n_tags + y] for @n tokens: token t's features are
 * features[starts[t]] up to features[ends[t]]. */
void
_alama_model_score_tokens (const float   *weights,
                           guint          n_tags,
                           const guint32 *features,
                           const guint   *starts,
                           const guint   *ends,
                           guint          n,
                           float         *emissions)
{
  for (guint t = 0; t < n; t++)
    {
      float *row = emissions + (gsize) t * n_tags;

      memset (row, 0, n_tags * sizeof (float));
      for (guint f = starts[t]; f < ends[t]; f++)
        {
          const float *w = weights + (gsize) features[f] * n_tags;

          for (guint y = 0; y < n_tags; y++)
            row[y] += w[y];
        }
    }
}

/* Best tag sequence of @n tokens into @tags. @back is n × n_tags scratch. */
void
_alama_model_viterbi (const float *emissions,
                      const float *transitions,
                      guint        n_tags,
                      guint        n,
                      float       *delta,      /* 2 × n_tags scratch */
                      guint8      *back,
                      guint8      *tags)
{
  float *current = delta, *next = delta + n_tags;

  for (guint y = 0; y < n_tags; y++)
    current[y] = allowed (n_tags, y)
                 ? transitions[n_tags * n_tags + y] + emissions[y] : -INFINITY;

  for (guint t = 1; t < n; t++)
    {
      for (guint y = 0; y < n_tags; y++)
        {
          float best = -INFINITY;
          guint8 best_from = 0;

          for (guint p = 0; p < n_tags; p++)
            {
              float s;

              if (!allowed (p, y))
                continue;
              s = current[p] + transitions[p * n_tags + y];
              if (s > best)
                {
                  best = s;
                  best_from = (guint8) p;
                }
            }
          next[y] = best + emissions[(gsize) t * n_tags + y];
          back[(gsize) t * n_tags + y] = best_from;
        }
      {
        float *swap = current;

        current = next;
        next = swap;
      }
    }

  {
    guint8 best = 0;

    for (guint y = 1; y < n_tags; y++)
      if (current[y] > current[best])
        best = (guint8) y;
    tags[n - 1] = best;
    for (guint t = n - 1; t > 0; t--)
      tags[t - 1] = back[(gsize) t * n_tags + tags[t]];
  }
}

/* marginal[t] = P(tags[t] at t) under a forward-backward pass over the scores
 * divided by @temperature. Scaled probabilities rather than logs: each step is
 * normalised (the scales cancel in the marginals), and each token's scores are
 * shifted by their maximum before exp(), so nothing overflows. */
static void
marginals (const float  *emissions,
           const float  *transitions,
           guint         n_tags,
           guint         n,
           const guint8 *tags,
           double       *alpha,   /* n × n_tags scratch */
           double       *beta,    /* n × n_tags scratch */
           double       *marginal,
           double        temperature)
{
  double k = 1.0 / temperature;
  double *scale = marginal;   /* the step scales, overwritten by the marginals last */
  double *odds = alpha + (gsize) n * n_tags;   /* (n_tags + 1) × n_tags exp'd transitions */
  double *e = beta + (gsize) n * n_tags;       /* n_tags exp'd emissions of one token */

  for (guint p = 0; p <= n_tags; p++)
    for (guint y = 0; y < n_tags; y++)
      odds[p * n_tags + y] = allowed (p, y) ? exp (k * transitions[p * n_tags + y]) : 0;

#define EXP_EMISSIONS(t)                                                        \
  G_STMT_START {                                                                \
    const float *row = emissions + (gsize) (t) * n_tags;                        \
    float top = row[0];                                                         \
    for (guint y = 1; y < n_tags; y++)                                          \
      top = MAX (top, row[y]);                                                  \
    for (guint y = 0; y < n_tags; y++)                                          \
      e[y] = exp (k * (row[y] - top));                                          \
  } G_STMT_END

  for (guint t = 0; t < n; t++)
    {
      double *a = alpha + (gsize) t * n_tags;
      double sum = 0;

      EXP_EMISSIONS (t);
      for (guint y = 0; y < n_tags; y++)
        {
          double in = 0;

          if (t == 0)
            in = odds[n_tags * n_tags + y];
          else
            for (guint p = 0; p < n_tags; p++)
              in += alpha[(gsize) (t - 1) * n_tags + p] * odds[p * n_tags + y];
          a[y] = in * e[y];
          sum += a[y];
        }
      scale[t] = sum > 0 ? sum : 1;
      for (guint y = 0; y < n_tags; y++)
        a[y] /= scale[t];
    }

  for (guint y = 0; y < n_tags; y++)
    beta[(gsize) (n - 1) * n_tags + y] = 1;
  for (guint t = n - 1; t > 0; t--)
    {
      EXP_EMISSIONS (t);
      for (guint p = 0; p < n_tags; p++)
        {
          double sum = 0;

          for (guint y = 0; y < n_tags; y++)
            sum += odds[p * n_tags + y] * e[y] * beta[(gsize) t * n_tags + y];
          beta[(gsize) (t - 1) * n_tags + p] = sum / scale[t];
        }
    }
#undef EXP_EMISSIONS

  for (guint t = 0; t < n; t++)
    marginal[t] = alpha[(gsize) t * n_tags + tags[t]] * beta[(gsize) t * n_tags + tags[t]];
}

GPtrArray *
alama_tagger_model_tag (AlamaTaggerModel *self,
                        const char       *text,
                        AlamaTextIndex   *index,
                        AlamaGazetteer   *gazetteer,
                        const char       *source)
{
  GPtrArray *spans = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);
  g_autoptr(AlamaModelText) model_text = NULL;
  g_autoptr(GHashTable) votes = NULL;
  g_autofree float *emissions = NULL;
  g_autofree float *delta = NULL;
  g_autofree guint8 *back = NULL;
  g_autofree guint8 *tags = NULL;
  g_autofree double *alpha = NULL;
  g_autofree double *beta = NULL;
  g_autofree double *marginal = NULL;
  g_autofree guint32 *word_ids = NULL;
  g_autofree gboolean *novel = NULL;
  g_autofree guint32 *scratch = NULL;
  g_autofree guint *starts = NULL;
  g_autofree guint *ends = NULL;
  const guint32 *features;
  const guint *feature_at;
  guint n_tags, n_tokens, n_sentences, longest = 1, widest = 1;
  float bonus = DOCUMENT_BONUS;

  g_return_val_if_fail (self != NULL, spans);
  g_return_val_if_fail (text != NULL && index != NULL, spans);

  model_text = _alama_model_text_new (text, index, gazetteer, self->lexicon,
                                      self->feature_bits);
  n_tags = self->n_tags;
  n_tokens = model_text->tokens->len;
  n_sentences = model_text->sentences->len - 1;
  features = (const guint32 *) model_text->features->data;
  feature_at = (const guint *) model_text->feature_at->data;
  for (guint s = 0; s < n_sentences; s++)
    longest = MAX (longest, g_array_index (model_text->sentences, guint, s + 1) -
                            g_array_index (model_text->sentences, guint, s));
  for (guint i = 0; i < n_tokens; i++)
    widest = MAX (widest, feature_at[i + 1] - feature_at[i]);
  emissions = g_new (float, (gsize) MAX (n_tokens, 1) * n_tags);
  tags = g_new0 (guint8, MAX (n_tokens, 1));
  word_ids = g_new (guint32, MAX (n_tokens, 1));
  novel = g_new (gboolean, MAX (n_tokens, 1));
  delta = g_new (float, 2 * n_tags);
  back = g_new0 (guint8, (gsize) longest * n_tags);
  scratch = g_new (guint32, (gsize) longest * (widest + ALAMA_MODEL_N_NOVEL_FEATURES));
  starts = g_new (guint, longest);
  ends = g_new (guint, longest);
  alpha = g_new (double, (gsize) (longest + n_tags + 1) * n_tags);
  beta = g_new (double, (gsize) (longest + 1) * n_tags);
  marginal = g_new (double, longest);

  for (guint i = 0; i < n_tokens; i++)
    {
      /* A token's first feature is its word. */
      word_ids[i] = features[feature_at[i]];
      novel[i] = !in_vocabulary (self->vocabulary, word_ids[i]);
    }

  /* First pass: every sentence on its own. */
  votes = g_hash_table_new (NULL, NULL);
  for (guint s = 0; s < n_sentences; s++)
    {
      guint first = g_array_index (model_text->sentences, guint, s);
      guint n = g_array_index (model_text->sentences, guint, s + 1) - first;
      float *e = emissions + (gsize) first * n_tags;

      if (n == 0)
        continue;
      _alama_model_gather_features (features, feature_at + first,
                                    (const guint8 *) model_text->n_lexical->data + first,
                                    word_ids + first,
                                    (const guint32 *) model_text->lexicon->data + first,
                                    novel + first, FALSE, n,
                                    (1u << self->feature_bits) - 1, scratch, starts, ends);
      _alama_model_score_tokens (self->weights, n_tags, scratch, starts, ends, n, e);
      for (guint t = 0; t < n; t++)
        e[(gsize) t * n_tags] -= self->outside_bias;
      _alama_model_viterbi (e, self->transitions, n_tags, n, delta, back, tags + first);
      for (guint t = 0; t < n && bonus > 0; t++)
        if (novel[first + t] && tags[first + t] != ALAMA_MODEL_TAG_OUTSIDE)
          g_hash_table_insert (votes, GUINT_TO_POINTER (word_ids[first + t] + 1),
                               GUINT_TO_POINTER ((tags[first + t] - 1) / 2 + 1));
    }

  /* Second pass: the sentences with an untagged occurrence of such a word. */
  for (guint s = 0; s < n_sentences && g_hash_table_size (votes) > 0; s++)
    {
      guint first = g_array_index (model_text->sentences, guint, s);
      guint n = g_array_index (model_text->sentences, guint, s + 1) - first;
      float *e = emissions + (gsize) first * n_tags;
      gboolean changed = FALSE;

      for (guint t = 0; t < n; t++)
        {
          gpointer word = GUINT_TO_POINTER (word_ids[first + t] + 1);
          guint voted = GPOINTER_TO_UINT (g_hash_table_lookup (votes, word));

          if (voted == 0 || tags[first + t] != ALAMA_MODEL_TAG_OUTSIDE)
            continue;
          e[(gsize) t * n_tags + ALAMA_MODEL_TAG_BEGIN (voted - 1)] += bonus;
          e[(gsize) t * n_tags + ALAMA_MODEL_TAG_INSIDE (voted - 1)] += bonus;
          changed = TRUE;
        }
      if (changed)
        _alama_model_viterbi (e, self->transitions, n_tags, n, delta, back, tags + first);
    }

  for (guint s = 0; s < n_sentences; s++)
    {
      guint first = g_array_index (model_text->sentences, guint, s);
      guint n = g_array_index (model_text->sentences, guint, s + 1) - first;
      const float *e = emissions + (gsize) first * n_tags;
      const guint8 *sentence_tags = tags + first;
      gboolean have_marginals = FALSE;

      for (guint t = 0; t < n; t++)
        {
          guint label, end_t;
          double confidence = 1.0;
          const AlamaModelToken *from, *to;
          AlamaSpan *span;
          char value[8];

          if (sentence_tags[t] == ALAMA_MODEL_TAG_OUTSIDE || (sentence_tags[t] & 1) == 0)
            continue;   /* Viterbi never starts a span with I- */
          label = (sentence_tags[t] - 1) / 2;
          end_t = t + 1;
          while (end_t < n && sentence_tags[end_t] == ALAMA_MODEL_TAG_INSIDE (label))
            end_t++;

          if (!have_marginals)
            {
              marginals (e, self->transitions, n_tags, n, sentence_tags, alpha, beta, marginal,
                         CONFIDENCE_TEMPERATURE);
              have_marginals = TRUE;
            }
          for (guint k = t; k < end_t; k++)
            confidence = MIN (confidence, marginal[k]);

          from = &g_array_index (model_text->tokens, AlamaModelToken, first + t);
          to = &g_array_index (model_text->tokens, AlamaModelToken, first + end_t - 1);
          span = alama_span_new (g_ptr_array_index (self->labels, label), from->start, to->end);
          span->status = ALAMA_STATUS_PENDING;
          span->source = g_strdup (source);
          g_snprintf (value, sizeof value, "%.2f", CLAMP (confidence, 0.0, 1.0));
          alama_span_set_attribute (span, ALAMA_TAGGER_MODEL_CONFIDENCE_ATTRIBUTE, value);
          g_ptr_array_add (spans, span);
          t = end_t - 1;
        }
    }
  return spans;
}

/* ---- Bytes -------------------------------------------------------------------- */

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (out, (const guint8 *) &le, 4);
}

static void
put_f32 (GByteArray *out,
         float       value)
{
  guint32 bits;

  memcpy (&bits, &value, 4);
  put_u32 (out, bits);
}

GBytes *
alama_tagger_model_to_bytes (AlamaTaggerModel *self)
{
  GByteArray *out;
  gsize n_rows = (gsize) 1 << self->feature_bits;
  guint32 n_nonzero = 0;
  guint n_labels = self->labels->len - 1;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_byte_array_new ();
  g_byte_array_append (out, (const guint8 *) MODEL_MAGIC, 8);
  put_u32 (out, MODEL_VERSION);
  put_u32 (out, self->feature_bits);
  put_f32 (out, self->outside_bias);
  put_u32 (out, n_labels);
  for (guint l = 0; l < n_labels; l++)
    {
      const char *label = g_ptr_array_index (self->labels, l);

      put_u32 (out, strlen (label));
      g_byte_array_append (out, (const guint8 *) label, strlen (label));
    }
  for (gsize i = 0; i < (gsize) (self->n_tags + 1) * self->n_tags; i++)
    put_f32 (out, self->transitions[i]);

  for (gsize r = 0; r < n_rows; r++)
    for (guint y = 0; y < self->n_tags; y++)
      if (self->weights[r * self->n_tags + y] != 0)
        {
          n_nonzero++;
          break;
        }
  put_u32 (out, n_nonzero);
  for (gsize r = 0; r < n_rows; r++)
    {
      const float *row = self->weights + r * self->n_tags;
      gboolean nonzero = FALSE;

      for (guint y = 0; y < self->n_tags && !nonzero; y++)
        nonzero = row[y] != 0;
      if (!nonzero)
        continue;
      put_u32 (out, (guint32) r);
      for (guint y = 0; y < self->n_tags; y++)
        put_f32 (out, row[y]);
    }
  g_byte_array_append (out, self->vocabulary, vocabulary_bytes (self->feature_bits));
  _alama_model_lexicon_write (self->lexicon, out);
  return g_byte_array_free_to_bytes (out);
}

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         at;
} Reader;

static gboolean
get_u32 (Reader  *reader,
         guint32 *value)
{
  guint32 le;

  if (reader->size - reader->at < 4)
    return FALSE;
  memcpy (&le, reader->data + reader->at, 4);
  reader->at += 4;
  *value = GUINT32_FROM_LE (le);
  return TRUE;
}

static gboolean
get_f32 (Reader *reader,
         float  *value)
{
  guint32 bits;

  if (!get_u32 (reader, &bits))
    return FALSE;
  memcpy (value, &bits, 4);
  return isfinite (*value);
}

static AlamaTaggerModel *
read_model (Reader *reader)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AlamaTaggerModel) model = NULL;
  guint32 version, bits, n_labels, n_rows;
  float outside_bias;

  if (reader->size < 8 || memcmp (reader->data, MODEL_MAGIC, 8) != 0)
    return NULL;
  reader->at = 8;
  if (!get_u32 (reader, &version) || version < 2 || version > MODEL_VERSION ||
      !get_u32 (reader, &bits) || bits < 8 || bits > 24 ||
      !get_f32 (reader, &outside_bias) ||
      !get_u32 (reader, &n_labels) || n_labels == 0 || n_labels > 100 ||
      ((gsize) 1 << bits) * (1 + 2 * n_labels) > MAX_WEIGHTS)
    return NULL;
  for (guint l = 0; l < n_labels; l++)
    {
      guint32 length;

      if (!get_u32 (reader, &length) || length == 0 || reader->size - reader->at < length ||
          !g_utf8_validate ((const char *) reader->data + reader->at, length, NULL))
        return NULL;
      g_ptr_array_add (labels, g_strndup ((const char *) reader->data + reader->at, length));
      reader->at += length;
    }

  model = _alama_model_new (bits, labels);
  model->outside_bias = outside_bias;
  for (gsize i = 0; i < (gsize) (model->n_tags + 1) * model->n_tags; i++)
    if (!get_f32 (reader, &model->transitions[i]))
      return NULL;
  if (!get_u32 (reader, &n_rows) || n_rows > (1u << bits))
    return NULL;
  for (guint32 r = 0; r < n_rows; r++)
    {
      guint32 bucket;

      if (!get_u32 (reader, &bucket) || bucket >= (1u << bits))
        return NULL;
      for (guint y = 0; y < model->n_tags; y++)
        if (!get_f32 (reader, &model->weights[(gsize) bucket * model->n_tags + y]))
          return NULL;
    }
  if (reader->size - reader->at < vocabulary_bytes (bits))
    return NULL;
  memcpy (model->vocabulary, reader->data + reader->at, vocabulary_bytes (bits));
  reader->at += vocabulary_bytes (bits);
  if (version >= 3)
    {
      AlamaModelLexicon *lexicon = _alama_model_lexicon_read (reader->data, reader->size,
                                                              &reader->at);

      if (lexicon == NULL)
        return NULL;
      _alama_model_lexicon_free (model->lexicon);
      model->lexicon = lexicon;
    }
  if (reader->at != reader->size)
    return NULL;
  return g_steal_pointer (&model);
}

AlamaTaggerModel *
alama_tagger_model_new_from_bytes (GBytes  *bytes,
                                   GError **error)
{
  Reader reader = { 0 };
  AlamaTaggerModel *model;

  g_return_val_if_fail (bytes != NULL, NULL);

  reader.data = g_bytes_get_data (bytes, &reader.size);
  model = reader.data != NULL ? read_model (&reader) : NULL;
  if (model == NULL)
    g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_BAD_MODEL,
                 _("the model is damaged or was made by a newer version of Alama"));
  return model;
}

gboolean
alama_span_get_confidence (const AlamaSpan *span,
                           double          *confidence)
{
  g_return_val_if_fail (span != NULL, FALSE);

  return _alama_confidence_parse (alama_span_get_attribute (span,
                                                            ALAMA_TAGGER_MODEL_CONFIDENCE_ATTRIBUTE),
                                  confidence);
}
