/* alama-tagger-model-features.c: a text as tokens, sentences and hashed features.
 *
 * Tokens are ICU's words with punctuation kept (alama_text_words), as the search
 * and the CoNLL export cut text. Each token gets the features of the trained
 * tagger, all tag-independent: the normalised word (alama_arabic_normalize),
 * its clitic splits (و ف ب ل ك ال and their chains, as the search knows them)
 * and the stem left by the longest, prefixes and suffixes of the word and of
 * the stem, its shape, the words and stems two either side, the gazetteer's
 * hits on it and its neighbours. A feature is a template number and strings,
 * hashed (FNV-1a, then a mixer) into 2^bits buckets: no dictionary to store,
 * and the same text always gives the same ids.
 */
#define G_LOG_DOMAIN "alama-tagger-model"

#include "config.h"

#include <string.h>

#include "alama-arabic-private.h"
#include "alama-tagger-model-private.h"
#include "alama/alama-span.h"

/* Longer sentences are cut: the perceptron updates a whole sentence at once, and
 * a file without sentence marks would otherwise be one sentence. */
#define MAX_SENTENCE_TOKENS 300

enum
{
  F_BIAS = 1,
  F_WORD,
  F_STEM,
  F_CLITIC,
  F_SPLIT,
  F_PREFIX,
  F_SUFFIX,
  F_STEM_PREFIX,
  F_STEM_SUFFIX,
  F_SHAPE,
  F_LENGTH,
  F_WORD_AT,
  F_STEM_AT,
  F_BIGRAM_BEFORE,
  F_BIGRAM_AFTER,
  F_SUFFIX_AT,
  F_GAZETTEER_AT,
  F_SENTENCE_FIRST,
  F_SENTENCE_LAST,
  F_TRIGRAM,
  F_LEXICON,
  F_LEXICON_AT,
};

typedef struct
{
  char       *norm;
  char       *stem;     /* what the longest clitic split leaves; == norm when none */
  char       *clitic;   /* the prefix that split took, or NULL */
  char       *shape;
  const char *gazetteer;  /* "B-PER", "I-GPE" ... or NULL; points into gazetteer_tags */
  guint       splits[ALAMA_ARABIC_CLITIC_SPLITS_MAX];
  guint       n_splits;
  guint       length;   /* code points of norm */
  guint32     lexicon;  /* _alama_model_lexicon_mark()'s bits */
} TokenInfo;

static void
token_info_clear (TokenInfo *info)
{
  g_free (info->norm);
  g_free (info->stem);
  g_free (info->clitic);
  g_free (info->shape);
}

/* ---- Hashing ----------------------------------------------------------------- */

static inline guint32
hash_start (guint template_id,
            gint  position)
{
  guint32 h = 2166136261u;

  h = (h ^ template_id) * 16777619u;
  h = (h ^ (guint8) (position + 8)) * 16777619u;
  return h;
}

static inline guint32
hash_string (guint32     h,
             const char *s)
{
  for (; *s != '\0'; s++)
    h = (h ^ (guint8) *s) * 16777619u;
  return (h ^ 0x1f) * 16777619u;   /* a separator, so "ab"+"c" differs from "a"+"bc" */
}

static inline guint32
hash_bytes (guint32     h,
            const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    h = (h ^ (guint8) s[i]) * 16777619u;
  return (h ^ 0x1f) * 16777619u;
}

/* FNV's low bits are weak; the bucket is taken from the low bits. */
static inline guint32
hash_finish (guint32 h,
             guint32 mask)
{
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h & mask;
}

/* ---- One token ---------------------------------------------------------------- */

static char
shape_class (gunichar c)
{
  if (alama_arabic_is_arabic_letter (c))
    return 'a';
  if (g_unichar_isdigit (c))
    return 'd';
  if (g_unichar_isupper (c))
    return 'X';
  if (g_unichar_isalpha (c))
    return 'x';
  if (g_unichar_ispunct (c))
    return 'p';
  return 'o';
}

/* Character classes of the word as written, runs collapsed: "a", "d", "Xx", "p". */
static char *
word_shape (const char *surface,
            gsize       n_bytes)
{
  GString *shape = g_string_new (NULL);
  const char *end = surface + n_bytes;

  for (const char *p = surface; p < end; p = g_utf8_next_char (p))
    {
      char c = shape_class (g_utf8_get_char (p));

      if (shape->len == 0 || shape->str[shape->len - 1] != c)
        g_string_append_c (shape, c);
    }
  return g_string_free (shape, FALSE);
}

static void
token_info_init (TokenInfo  *info,
                 const char *surface,
                 gsize       n_bytes,
                 GString    *scratch)
{
  g_string_truncate (scratch, 0);
  _alama_arabic_normalize_append (surface, n_bytes, ALAMA_ARABIC_FOLD_DEFAULT, scratch, NULL);
  if (scratch->len == 0)
    g_string_append_len (scratch, surface, n_bytes);   /* harakat alone: keep as written */
  info->norm = g_strndup (scratch->str, scratch->len);
  info->length = g_utf8_strlen (info->norm, -1);
  info->shape = word_shape (surface, n_bytes);
  info->n_splits = _alama_arabic_clitic_splits_into (info->norm, info->splits);
  if (info->n_splits > 1)
    {
      guint longest = info->splits[info->n_splits - 1];
      const char *rest = g_utf8_offset_to_pointer (info->norm, longest);

      info->stem = g_strdup (rest);
      info->clitic = g_strndup (info->norm, rest - info->norm);
    }
  else
    info->stem = g_strdup (info->norm);
}

/* ---- Features ----------------------------------------------------------------- */

typedef struct
{
  GArray  *out;
  guint32  mask;
} FeatureSink;

static inline void
add (FeatureSink *sink,
     guint32      h)
{
  guint32 id = hash_finish (h, sink->mask);

  g_array_append_val (sink->out, id);
}

static void
add_affixes (FeatureSink *sink,
             guint        prefix_template,
             guint        suffix_template,
             const char  *word,
             guint        length,
             guint        max)
{
  for (guint k = 1; k <= max && k < length; k++)
    {
      const char *cut = g_utf8_offset_to_pointer (word, k);
      const char *tail = g_utf8_offset_to_pointer (word, length - k);

      add (sink, hash_bytes (hash_start (prefix_template, (gint) k), word, cut - word));
      add (sink, hash_string (hash_start (suffix_template, (gint) k), tail));
    }
}

static const char *
norm_at (TokenInfo *infos,
         guint      first,
         guint      last,
         gint       i)
{
  if (i < (gint) first)
    return "<s>";
  if (i >= (gint) last)
    return "</s>";
  return infos[i].norm;
}

static const char *
stem_at (TokenInfo *infos,
         guint      first,
         guint      last,
         gint       i)
{
  if (i < (gint) first || i >= (gint) last)
    return norm_at (infos, first, last, i);
  return infos[i].stem;
}

/* The features of token @i of the sentence [@first, @last); the first
 * *@n_lexical of them are the word's identity (the word, its stems, the bigrams
 * with it), the rest what an unseen word has too. */
/* The lexicon classes of token @j as features of the token @d away: where a
 * list's match starts or goes on at the token itself and next to it, whether it
 * is in the list two away. */
static void
lexicon_features (FeatureSink       *sink,
                  AlamaModelLexicon *lexicon,
                  TokenInfo         *infos,
                  guint              first,
                  guint              last,
                  guint              i)
{
  for (gint d = -2; d <= 2; d++)
    {
      gint j = (gint) i + d;
      guint32 marks;

      if (j < (gint) first || j >= (gint) last || (marks = infos[j].lexicon) == 0)
        continue;
      for (guint c = 0; c < _alama_model_lexicon_get_n_classes (lexicon); c++)
        {
          guint bits = (marks >> (2 * c)) & 3;
          const char *name = _alama_model_lexicon_get_class (lexicon, c);

          if (bits == 0)
            continue;
          if (d == 0)
            {
              if (bits & 1)
                add (sink, hash_string (hash_start (F_LEXICON, 0), name));
              if (bits & 2)
                add (sink, hash_string (hash_start (F_LEXICON, 1), name));
            }
          else if (d == -1 || d == 1)
            add (sink, hash_string (hash_start (F_LEXICON_AT, d * 4 + (gint) bits), name));
          else   /* ±2: in the list at all. At -2 this is the position of "a match goes
                  * on at -1" too, and shares its weights: on every dev slice (BENCHMARKS.md)
                  * F1 was lower with the two apart. */
            add (sink, hash_string (hash_start (F_LEXICON_AT, d), name));
        }
    }
}

static void
token_features (FeatureSink       *sink,
                AlamaModelLexicon *lexicon,
                TokenInfo         *infos,
                guint              first,
                guint              last,
                guint              i,
                guint8            *n_lexical)
{
  TokenInfo *info = &infos[i];
  guint before = sink->out->len;

  /* The word's own identity first, so training can hide it (*n_lexical). */
  add (sink, hash_string (hash_start (F_WORD, 0), info->norm));
  add (sink, hash_string (hash_string (hash_start (F_BIGRAM_BEFORE, 0),
                                       norm_at (infos, first, last, (gint) i - 1)), info->norm));
  add (sink, hash_string (hash_string (hash_start (F_BIGRAM_AFTER, 0), info->norm),
                          norm_at (infos, first, last, (gint) i + 1)));
  if (info->clitic != NULL)
    {
      add (sink, hash_string (hash_start (F_STEM, 0), info->stem));
      /* The shorter splits too: in وللعراق the stem may be للعراق or العراق. */
      for (guint k = 1; k + 1 < info->n_splits; k++)
        add (sink, hash_string (hash_start (F_SPLIT, 0),
                                g_utf8_offset_to_pointer (info->norm, info->splits[k])));
    }
  *n_lexical = sink->out->len - before;

  add (sink, hash_start (F_BIAS, 0));
  if (info->clitic != NULL)
    {
      add (sink, hash_string (hash_start (F_CLITIC, 0), info->clitic));
      add_affixes (sink, F_STEM_PREFIX, F_STEM_SUFFIX, info->stem,
                   g_utf8_strlen (info->stem, -1), 3);
    }
  add_affixes (sink, F_PREFIX, F_SUFFIX, info->norm, info->length, 4);
  /* Letter trigrams of the stem: transliterated names (باجيو، ديجاما) share
   * letter patterns that Arabic words rarely have. */
  {
    const char *p = info->stem;
    guint n = g_utf8_strlen (info->stem, -1);

    for (guint k = 0; n >= 4 && k + 3 <= n; k++, p = g_utf8_next_char (p))
      add (sink, hash_bytes (hash_start (F_TRIGRAM, 0), p, g_utf8_offset_to_pointer (p, 3) - p));
  }
  add (sink, hash_string (hash_start (F_SHAPE, 0), info->shape));
  add (sink, hash_start (F_LENGTH, (gint) MIN (info->length, 12)));

  for (gint d = -2; d <= 2; d++)
    {
      if (d == 0)
        continue;
      add (sink, hash_string (hash_start (F_WORD_AT, d), norm_at (infos, first, last, i + d)));
      add (sink, hash_string (hash_start (F_STEM_AT, d), stem_at (infos, first, last, i + d)));
    }

  /* Nisba adjectives and plural endings next to a name (الرئيس الأمريكي). */
  for (gint d = -1; d <= 1; d += 2)
    {
      gint j = (gint) i + d;

      if (j >= (gint) first && j < (gint) last && infos[j].length > 2)
        add (sink, hash_string (hash_start (F_SUFFIX_AT, d),
                                g_utf8_offset_to_pointer (infos[j].norm, infos[j].length - 2)));
    }

  for (gint d = -1; d <= 1; d++)
    {
      gint j = (gint) i + d;

      if (j >= (gint) first && j < (gint) last && infos[j].gazetteer != NULL)
        add (sink, hash_string (hash_start (F_GAZETTEER_AT, d), infos[j].gazetteer));
    }

  lexicon_features (sink, lexicon, infos, first, last, i);

  if (i == first)
    add (sink, hash_start (F_SENTENCE_FIRST, 0));
  if (i + 1 == last)
    add (sink, hash_start (F_SENTENCE_LAST, 0));
}

/* ---- Sentences and the gazetteer ---------------------------------------------- */

static gboolean
ends_sentence (const char *norm)
{
  return strcmp (norm, ".") == 0 || strcmp (norm, "!") == 0 || strcmp (norm, "?") == 0 ||
         strcmp (norm, "؟") == 0;
}

static gboolean
has_line_break (const char *from,
                const char *to)
{
  for (const char *p = from; p < to; p++)
    if (*p == '\n' || *p == '\r')
      return TRUE;
  return FALSE;
}

/* The first token whose end is after @cp. */
static guint
token_at_or_after (GArray *tokens,
                   gint64  cp)
{
  guint lo = 0, hi = tokens->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (tokens, AlamaModelToken, mid).end <= cp)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* "B-LABEL" / "I-LABEL" on the tokens each gazetteer match overlaps. The strings
 * live in @tags. */
static void
mark_gazetteer (TokenInfo      *infos,
                GArray         *tokens,
                GHashTable     *tags,
                AlamaGazetteer *gazetteer,
                const char     *text,
                AlamaTextIndex *index)
{
  g_autoptr(GPtrArray) matches = alama_gazetteer_match (gazetteer, text, index, "gazetteer");

  for (guint m = 0; m < matches->len; m++)
    {
      AlamaSpan *span = g_ptr_array_index (matches, m);
      gint64 start = alama_span_get_start (span), end = alama_span_get_end (span);

      for (guint t = token_at_or_after (tokens, start);
           t < tokens->len && g_array_index (tokens, AlamaModelToken, t).start < end; t++)
        {
          g_autofree char *tag = g_strdup_printf ("%c-%s", t == token_at_or_after (tokens, start)
                                                           ? 'B' : 'I', span->label);
          const char *kept = g_hash_table_lookup (tags, tag);

          if (kept == NULL)
            {
              kept = g_strdup (tag);
              g_hash_table_add (tags, (gpointer) kept);
            }
          infos[t].gazetteer = kept;
        }
    }
}

/* ---- The text ----------------------------------------------------------------- */

/* Each token's lexicon bits (TokenInfo.lexicon). */
static void
mark_lexicon (TokenInfo         *infos,
              guint              n,
              AlamaModelLexicon *lexicon)
{
  g_autofree const char **norms = g_new (const char *, MAX (n, 1));
  g_autofree guint *splits = g_new (guint, (gsize) MAX (n, 1) * ALAMA_ARABIC_CLITIC_SPLITS_MAX);
  g_autofree guint *n_splits = g_new (guint, MAX (n, 1));
  g_autofree guint32 *marks = g_new (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      norms[i] = infos[i].norm;
      n_splits[i] = infos[i].n_splits;
      memcpy (splits + (gsize) i * ALAMA_ARABIC_CLITIC_SPLITS_MAX, infos[i].splits,
              sizeof infos[i].splits);
    }
  _alama_model_lexicon_mark (lexicon, norms, splits, n_splits, n, marks);
  for (guint i = 0; i < n; i++)
    infos[i].lexicon = marks[i];
}

AlamaModelText *
_alama_model_text_new (const char        *text,
                       AlamaTextIndex    *index,
                       AlamaGazetteer    *gazetteer,
                       AlamaModelLexicon *lexicon,
                       guint              feature_bits)
{
  AlamaModelText *self = g_new0 (AlamaModelText, 1);
  g_autoptr(GArray) words = alama_text_words (text, TRUE);
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GHashTable) gazetteer_tags = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                g_free, NULL);
  TokenInfo *infos;
  FeatureSink sink;
  guint first = 0;

  self->tokens = g_array_sized_new (FALSE, FALSE, sizeof (AlamaModelToken), words->len);
  self->sentences = g_array_new (FALSE, FALSE, sizeof (guint));
  self->features = g_array_sized_new (FALSE, FALSE, sizeof (guint32), words->len * 48);
  self->feature_at = g_array_sized_new (FALSE, FALSE, sizeof (guint), words->len + 1);
  self->n_lexical = g_array_sized_new (FALSE, FALSE, sizeof (guint8), words->len);
  self->lexicon = g_array_sized_new (FALSE, FALSE, sizeof (guint32), words->len);

  infos = g_new0 (TokenInfo, MAX (words->len, 1));
  for (guint i = 0; i < words->len; i++)
    {
      const AlamaFragment *word = &g_array_index (words, AlamaFragment, i);
      AlamaModelToken token = { word->start, word->end };
      const char *from = text + alama_text_index_cp_to_byte (index, word->start);
      const char *to = text + alama_text_index_cp_to_byte (index, word->end);

      g_array_append_val (self->tokens, token);
      token_info_init (&infos[i], from, to - from, scratch);
    }
  if (gazetteer != NULL)
    mark_gazetteer (infos, self->tokens, gazetteer_tags, gazetteer, text, index);
  if (_alama_model_lexicon_get_n_entries (lexicon) > 0)
    mark_lexicon (infos, self->tokens->len, lexicon);

  /* Sentences: after . ! ? ؟, before a line break, or at the length cap. */
  for (guint i = 0; i < self->tokens->len; i++)
    {
      gboolean last = i + 1 == self->tokens->len || ends_sentence (infos[i].norm) ||
                      i + 1 - first >= MAX_SENTENCE_TOKENS;

      if (!last)
        {
          const AlamaModelToken *token = &g_array_index (self->tokens, AlamaModelToken, i);
          const AlamaModelToken *next = &g_array_index (self->tokens, AlamaModelToken, i + 1);

          last = has_line_break (text + alama_text_index_cp_to_byte (index, token->end),
                                 text + alama_text_index_cp_to_byte (index, next->start));
        }
      if (last)
        {
          g_array_append_val (self->sentences, first);
          first = i + 1;
        }
    }
  g_array_append_val (self->sentences, first);   /* == tokens->len */

  sink.out = self->features;
  sink.mask = (1u << feature_bits) - 1;
  for (guint s = 0; s + 1 < self->sentences->len; s++)
    {
      guint start = g_array_index (self->sentences, guint, s);
      guint end = g_array_index (self->sentences, guint, s + 1);

      for (guint i = start; i < end; i++)
        {
          guint at = self->features->len;
          guint8 n_lexical = 0;

          g_array_append_val (self->feature_at, at);
          token_features (&sink, lexicon, infos, start, end, i, &n_lexical);
          g_array_append_val (self->n_lexical, n_lexical);
          g_array_append_val (self->lexicon, infos[i].lexicon);
        }
    }
  {
    guint at = self->features->len;

    g_array_append_val (self->feature_at, at);
  }

  for (guint i = 0; i < words->len; i++)
    token_info_clear (&infos[i]);
  g_free (infos);
  return self;
}

void
_alama_model_text_free (AlamaModelText *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->tokens);
  g_array_unref (self->sentences);
  g_array_unref (self->features);
  g_array_unref (self->feature_at);
  g_array_unref (self->n_lexical);
  g_array_unref (self->lexicon);
  g_free (self);
}
