/* alama-tagger-model-learn.c: learning the trained tagger's weights.
 *
 * Training walks the sentences in an order shuffled by the seed, and where the
 * best sequence (Viterbi, alama-tagger-model.c) is wrong moves the weights
 * towards the gold one (Collins 2002). The weights kept are the average over
 * every step (Freund & Schapire), kept cheaply as w - u / c, and the model
 * averages eight such perceptrons trained in different orders. Words seen once
 * are left out, novel words are found by jackknifing over folds, and a handicap
 * on O is tuned on a held-out fold.
 */
#define G_LOG_DOMAIN "alama-tagger-model"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama-tagger-model-private.h"

#define N_FOLDS 10

/* ---- Learning ----------------------------------------------------------------- */

AlamaModelCorpus *
_alama_model_corpus_new (void)
{
  AlamaModelCorpus *self = g_new0 (AlamaModelCorpus, 1);
  guint zero = 0;

  self->features = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->feature_at = g_array_new (FALSE, FALSE, sizeof (guint));
  self->tags = g_array_new (FALSE, FALSE, sizeof (guint8));
  self->n_lexical = g_array_new (FALSE, FALSE, sizeof (guint8));
  self->word_ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->lexicon = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->sentences = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (self->feature_at, zero);
  return self;
}

void
_alama_model_corpus_free (AlamaModelCorpus *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->features);
  g_array_unref (self->feature_at);
  g_array_unref (self->tags);
  g_array_unref (self->n_lexical);
  g_array_unref (self->word_ids);
  g_array_unref (self->lexicon);
  g_array_unref (self->sentences);
  g_free (self);
}

void
_alama_model_corpus_append (AlamaModelCorpus *self,
                            AlamaModelText   *text,
                            const guint8     *tags)
{
  guint base_token = self->tags->len;
  guint base_feature = self->features->len;

  g_array_append_vals (self->features, text->features->data, text->features->len);
  for (guint i = 1; i < text->feature_at->len; i++)
    {
      guint at = base_feature + g_array_index (text->feature_at, guint, i);

      g_array_append_val (self->feature_at, at);
    }
  g_array_append_vals (self->tags, tags, text->tokens->len);
  g_array_append_vals (self->n_lexical, text->n_lexical->data, text->n_lexical->len);
  g_array_append_vals (self->lexicon, text->lexicon->data, text->lexicon->len);
  for (guint i = 0; i < text->tokens->len; i++)
    g_array_append_val (self->word_ids, g_array_index (text->features, guint32,
                                                       g_array_index (text->feature_at, guint, i)));
  for (guint s = 0; s + 1 < text->sentences->len; s++)
    {
      guint first = base_token + g_array_index (text->sentences, guint, s);

      if (g_array_index (text->sentences, guint, s + 1) > g_array_index (text->sentences, guint, s))
        g_array_append_val (self->sentences, first);
    }
}

/* Adds @delta to the weights of @tag for every feature of token @i, and
 * step × delta to the running sums the average is taken from. */
static inline void
update_token (float         *weights,
              double        *sums,
              guint          n_tags,
              const guint32 *features,
              guint          start,
              guint          end,
              guint          tag,
              float          delta,
              double         step)
{
  for (guint f = start; f < end; f++)
    {
      gsize at = (gsize) features[f] * n_tags + tag;

      weights[at] += delta;
      sums[at] += step * delta;
    }
}

static inline void
update_transition (float  *transitions,
                   double *sums,
                   guint   n_tags,
                   guint   previous,
                   guint   tag,
                   float   delta,
                   double  step)
{
  gsize at = (gsize) previous * n_tags + tag;

  transitions[at] += delta;
  sums[at] += step * delta;
}

/* Features seen fewer than this many times in training are left out: a word
 * seen once is what a name the model never saw looks like, so the model must
 * learn to tag such words from their affixes and context, not memorise them. */
#define MIN_FEATURE_COUNT 2

static void
drop_rare_features (AlamaModelCorpus *corpus)
{
  g_autofree guint16 *counts = g_new0 (guint16, (gsize) 1 << ALAMA_MODEL_FEATURE_BITS);
  guint32 *features = (guint32 *) corpus->features->data;
  guint *feature_at = (guint *) corpus->feature_at->data;
  guint8 *n_lexical = (guint8 *) corpus->n_lexical->data;
  guint n_tokens = corpus->feature_at->len - 1;
  guint kept = 0;

  for (guint f = 0; f < corpus->features->len; f++)
    if (counts[features[f]] < G_MAXUINT16)
      counts[features[f]]++;

  for (guint i = 0; i < n_tokens; i++)
    {
      guint from = feature_at[i], to = feature_at[i + 1];

      guint lexical_end = from + n_lexical[i];

      feature_at[i] = kept;
      for (guint f = from; f < to; f++)
        if (counts[features[f]] >= MIN_FEATURE_COUNT)
          features[kept++] = features[f];
        else if (f < lexical_end)
          n_lexical[i]--;
    }
  feature_at[n_tokens] = kept;
  g_array_set_size (corpus->features, kept);
}

/* Which training tokens are novel (their word is in no other fold), and the
 * model's vocabulary (the words seen at least MIN_FEATURE_COUNT times: the
 * others have no identity weights). */
static gboolean *
find_novel_words (AlamaModelCorpus *corpus,
                  guint8           *vocabulary)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  const guint32 *word_ids = (const guint32 *) corpus->word_ids->data;
  guint n_tokens = corpus->word_ids->len;
  guint n_sentences = corpus->sentences->len;
  gboolean *novel = g_new0 (gboolean, MAX (n_tokens, 1));

  for (guint pass = 0; pass < 2; pass++)
    for (guint s = 0; s < n_sentences; s++)
      {
        guint first = g_array_index (corpus->sentences, guint, s);
        guint last = s + 1 < n_sentences ? g_array_index (corpus->sentences, guint, s + 1)
                                         : n_tokens;

        for (guint i = first; i < last; i++)
          {
            gpointer key = GUINT_TO_POINTER (word_ids[i] + 1);
            guint *fold_counts = g_hash_table_lookup (counts, key);

            if (pass == 0)
              {
                if (fold_counts == NULL)
                  {
                    fold_counts = g_new0 (guint, N_FOLDS + 1);
                    g_hash_table_insert (counts, key, fold_counts);
                  }
                fold_counts[s % N_FOLDS]++;
                fold_counts[N_FOLDS]++;
              }
            else
              {
                novel[i] = fold_counts[N_FOLDS] == fold_counts[s % N_FOLDS];
                if (fold_counts[N_FOLDS] >= MIN_FEATURE_COUNT)
                  vocabulary[word_ids[i] >> 3] |= (guint8) (1u << (word_ids[i] & 7));
              }
          }
      }
  return novel;
}

/* What the passes over the training data share. */
typedef struct
{
  AlamaModelCorpus *corpus;
  const guint32    *features;
  const guint      *feature_at;
  const guint8     *n_lexical;
  const guint32    *word_ids;
  const guint32    *lexicon;
  const guint8     *gold;
  gboolean         *novel;
  guint32           mask;
  float            *emissions;
  float            *delta;
  guint8           *back;
  guint8           *predicted;
  guint            *starts;
  guint            *ends;
  guint32          *scratch;
} Trainer;

static void
sentence_range (AlamaModelCorpus *corpus,
                guint             s,
                guint            *first,
                guint            *last)
{
  *first = g_array_index (corpus->sentences, guint, s);
  *last = s + 1 < corpus->sentences->len ? g_array_index (corpus->sentences, guint, s + 1)
                                         : corpus->tags->len;
}

/* Decodes sentence @s into trainer->predicted; returns its length. */
static guint
decode_sentence (Trainer          *trainer,
                 AlamaTaggerModel *model,
                 guint             s,
                 float             outside_bias)
{
  guint first, last, n;

  sentence_range (trainer->corpus, s, &first, &last);
  n = last - first;
  _alama_model_gather_features (trainer->features, trainer->feature_at + first,
                                trainer->n_lexical + first, trainer->word_ids + first,
                                trainer->lexicon + first, trainer->novel + first, TRUE, n, trainer->mask,
                                trainer->scratch, trainer->starts, trainer->ends);
  _alama_model_score_tokens (model->weights, model->n_tags, trainer->scratch, trainer->starts,
                             trainer->ends, n, trainer->emissions);
  for (guint t = 0; t < n; t++)
    trainer->emissions[(gsize) t * model->n_tags] -= outside_bias;
  _alama_model_viterbi (trainer->emissions, model->transitions, model->n_tags, n,
                        trainer->delta, trainer->back, trainer->predicted);
  return n;
}

/* @epochs passes over the sentences not in fold @skip_fold (N_FOLDS = none),
 * then the average. */
static gboolean
train_weights (Trainer           *trainer,
               AlamaTaggerModel  *model,
               guint              epochs,
               guint32            seed,
               guint              skip_fold,
               GCancellable      *cancellable,
               GError           **error)
{
  AlamaModelCorpus *corpus = trainer->corpus;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint n_tags = model->n_tags;
  gsize n_weights = ((gsize) 1 << model->feature_bits) * n_tags;
  gsize n_transitions = (gsize) (n_tags + 1) * n_tags;
  g_autofree double *sums = g_new0 (double, n_weights);
  g_autofree double *transition_sums = g_new0 (double, n_transitions);
  g_autofree guint *order = g_new (guint, MAX (corpus->sentences->len, 1));
  guint n_order = 0;
  double step = 1;

  for (guint s = 0; s < corpus->sentences->len; s++)
    if (s % N_FOLDS != skip_fold)
      order[n_order++] = s;

  for (guint epoch = 0; epoch < epochs; epoch++)
    {
      /* Fisher-Yates with the seeded generator: the same seed, the same order. */
      for (guint k = n_order; k > 1; k--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) k);
          guint swap = order[k - 1];

          order[k - 1] = order[j];
          order[j] = swap;
        }

      for (guint k = 0; k < n_order; k++, step++)
        {
          guint first, last, n;

          if ((k & 1023) == 0 && g_cancellable_is_cancelled (cancellable))
            {
              g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_CANCELLED,
                           _("training cancelled"));
              return FALSE;
            }

          sentence_range (corpus, order[k], &first, &last);
          n = decode_sentence (trainer, model, order[k], 0);
          for (guint t = 0; t < n; t++)
            {
              guint g = trainer->gold[first + t], p = trainer->predicted[t];
              guint g_prev = t == 0 ? n_tags : trainer->gold[first + t - 1];
              guint p_prev = t == 0 ? n_tags : trainer->predicted[t - 1];

              if (g != p)
                {
                  update_token (model->weights, sums, n_tags, trainer->scratch,
                                trainer->starts[t], trainer->ends[t], g, 1, step);
                  update_token (model->weights, sums, n_tags, trainer->scratch,
                                trainer->starts[t], trainer->ends[t], p, -1, step);
                }
              if (g != p || g_prev != p_prev)
                {
                  update_transition (model->transitions, transition_sums, n_tags, g_prev, g,
                                     1, step);
                  update_transition (model->transitions, transition_sums, n_tags, p_prev, p,
                                     -1, step);
                }
            }
        }
    }

  /* The average of the weights over every step: w - u / c. */
  for (gsize i = 0; i < n_weights; i++)
    if (sums[i] != 0)
      model->weights[i] = (float) (model->weights[i] - sums[i] / step);
  for (gsize i = 0; i < n_transitions; i++)
    model->transitions[i] = (float) (model->transitions[i] - transition_sums[i] / step);
  return TRUE;
}

/* How many training orders the model averages. The order a seed picks moves
 * F1 more than most features do; eight orders shrink that spread on held-out
 * parts of the training data (BENCHMARKS.md). */
#define N_ORDERS 8

/* Exact spans of @tags[0..n) equal to spans of @gold, and the span counts. */
static void
count_spans (const guint8 *gold,
             const guint8 *tags,
             guint         n,
             guint        *tp,
             guint        *n_gold,
             guint        *n_predicted)
{
  for (guint t = 0; t < n; t++)
    {
      gboolean gold_starts = (gold[t] & 1) == 1, tag_starts = (tags[t] & 1) == 1;
      guint g_end = t + 1, p_end = t + 1;

      if (gold_starts)
        {
          (*n_gold)++;
          while (g_end < n && gold[g_end] == gold[t] + 1)
            g_end++;
        }
      if (tag_starts)
        {
          (*n_predicted)++;
          while (p_end < n && tags[p_end] == tags[t] + 1)
            p_end++;
        }
      if (gold_starts && tag_starts && gold[t] == tags[t] && g_end == p_end)
        (*tp)++;
    }
}

/* Perceptrons favour O on words they never saw: a model trained without the
 * last fold decodes that fold with a handicap on O, and the handicap with the
 * best span F1 there is kept for tagging. */
static float
tune_outside_bias (Trainer   *trainer,
                   GPtrArray *labels,
                   guint      epochs,
                   guint32    seed)
{
  static const float biases[] = { 0, 1, 2, 3, 4, 6, 8, 11 };
  g_autoptr(AlamaTaggerModel) held_out = _alama_model_new (ALAMA_MODEL_FEATURE_BITS, labels);
  AlamaModelCorpus *corpus = trainer->corpus;
  float best = 0;
  double best_f1 = -1;

  if (corpus->sentences->len < 10 * N_FOLDS ||
      !train_weights (trainer, held_out, epochs, seed, N_FOLDS - 1, NULL, NULL))
    return 0;

  for (guint b = 0; b < G_N_ELEMENTS (biases); b++)
    {
      guint tp = 0, n_gold = 0, n_predicted = 0;
      double f1;

      for (guint s = N_FOLDS - 1; s < corpus->sentences->len; s += N_FOLDS)
        {
          guint first, last, n;

          sentence_range (corpus, s, &first, &last);
          n = decode_sentence (trainer, held_out, s, biases[b]);
          count_spans (trainer->gold + first, trainer->predicted, n, &tp, &n_gold, &n_predicted);
        }
      f1 = n_gold + n_predicted > 0 ? 2.0 * tp / (n_gold + n_predicted) : 0;
      if (f1 > best_f1)
        {
          best_f1 = f1;
          best = biases[b];
        }
    }
  return best;
}

AlamaTaggerModel *
_alama_model_learn (AlamaModelCorpus   *corpus,
                    GPtrArray          *labels,
                    guint               epochs,
                    guint32             seed,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autoptr(AlamaTaggerModel) model = _alama_model_new (ALAMA_MODEL_FEATURE_BITS, labels);
  g_autofree gboolean *novel = NULL;
  Trainer trainer = { 0 };
  guint n_tags = model->n_tags;
  guint longest = 1, widest = 1;
  gboolean ok;

  novel = find_novel_words (corpus, model->vocabulary);
  drop_rare_features (corpus);

  for (guint s = 0; s < corpus->sentences->len; s++)
    {
      guint first, last;

      sentence_range (corpus, s, &first, &last);
      longest = MAX (longest, last - first);
    }
  for (guint i = 0; i + 1 < corpus->feature_at->len; i++)
    widest = MAX (widest, g_array_index (corpus->feature_at, guint, i + 1) -
                          g_array_index (corpus->feature_at, guint, i));

  trainer.corpus = corpus;
  trainer.features = (const guint32 *) corpus->features->data;
  trainer.feature_at = (const guint *) corpus->feature_at->data;
  trainer.n_lexical = (const guint8 *) corpus->n_lexical->data;
  trainer.word_ids = (const guint32 *) corpus->word_ids->data;
  trainer.lexicon = (const guint32 *) corpus->lexicon->data;
  trainer.gold = (const guint8 *) corpus->tags->data;
  trainer.novel = novel;
  trainer.mask = (1u << ALAMA_MODEL_FEATURE_BITS) - 1;
  trainer.emissions = g_new (float, (gsize) longest * n_tags);
  trainer.delta = g_new (float, 2 * n_tags);
  trainer.back = g_new0 (guint8, (gsize) longest * n_tags);
  trainer.predicted = g_new0 (guint8, longest);
  trainer.starts = g_new (guint, longest);
  trainer.ends = g_new (guint, longest);
  trainer.scratch = g_new (guint32, (gsize) longest * (widest + ALAMA_MODEL_N_NOVEL_FEATURES));

  model->outside_bias = tune_outside_bias (&trainer, labels, epochs, seed);
  ok = train_weights (&trainer, model, epochs, seed, N_FOLDS, cancellable, error);
  /* Averaging models trained in other orders smooths what one order overfits. */
  for (guint k = 1; ok && k < N_ORDERS; k++)
    {
      g_autoptr(AlamaTaggerModel) other = _alama_model_new (ALAMA_MODEL_FEATURE_BITS, labels);
      gsize n_weights = ((gsize) 1 << model->feature_bits) * n_tags;

      ok = train_weights (&trainer, other, epochs, seed + k * 7919, N_FOLDS, cancellable, error);
      for (gsize i = 0; ok && i < n_weights; i++)
        model->weights[i] += other->weights[i];
      for (gsize i = 0; ok && i < (gsize) (n_tags + 1) * n_tags; i++)
        model->transitions[i] += other->transitions[i];
    }
  if (ok && N_ORDERS > 1)
    {
      gsize n_weights = ((gsize) 1 << model->feature_bits) * n_tags;

      for (gsize i = 0; i < n_weights; i++)
        model->weights[i] /= N_ORDERS;
      for (gsize i = 0; i < (gsize) (n_tags + 1) * n_tags; i++)
        model->transitions[i] /= N_ORDERS;
    }

  g_free (trainer.emissions);
  g_free (trainer.delta);
  g_free (trainer.back);
  g_free (trainer.predicted);
  g_free (trainer.starts);
  g_free (trainer.ends);
  g_free (trainer.scratch);
  return ok ? g_steal_pointer (&model) : NULL;
}

