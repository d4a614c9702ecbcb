/* alama-gazetteer.c: entity lists and the longest-match, clitic-aware matcher.
 *
 * Entries and text are compared in normalised form (alama_arabic_normalize), word
 * by word on ICU word boundaries. The matcher is a hash from an entry's first
 * normalised word to the entries that start with it, longest first; at each text
 * word every clitic split of the word (و ف ب ل ك ال and combinations) is tried as
 * a first word, so وبوتين finds بوتين and بالكرملين finds الكرملين. A country
 * name spelt like its nationality adjective (أرمينية) is not matched where it is
 * the adjective (الأرمينية، غالبية أرمينية), nor is anything on a line that is not
 * Arabic prose (web page furniture such as "Sorry, you need to enable JavaScript").
 */
#define G_LOG_DOMAIN "alama-gazetteer"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama-tagger-private.h"
#include "alama/alama-arabic.h"
#include "alama/alama-text.h"

/* Entries shorter than this (letters, after normalisation) match too much by
 * accident (عن، في) and need a `!` after their label to be used. */
#define MIN_ENTRY_LETTERS 3

typedef struct
{
  char  **tokens;     /* normalised words */
  guint   n_tokens;
  char   *label;
  char   *canonical;  /* may be NULL */
} GazetteerEntry;

struct _AlamaGazetteer
{
  GHashTable *by_first_word;  /* char* → GPtrArray of GazetteerEntry* (borrowed), longest first */
  GHashTable *by_key;         /* "tok tok" → GazetteerEntry* (owned): the first label wins */
  guint       n_entries;
};

static void
gazetteer_entry_free (GazetteerEntry *entry)
{
  g_strfreev (entry->tokens);
  g_free (entry->label);
  g_free (entry->canonical);
  g_free (entry);
}

AlamaGazetteer *
alama_gazetteer_new (void)
{
  AlamaGazetteer *self = g_new0 (AlamaGazetteer, 1);

  self->by_first_word = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) gazetteer_entry_free);
  return self;
}

void
alama_gazetteer_free (AlamaGazetteer *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_first_word);
  g_hash_table_unref (self->by_key);
  g_free (self);
}

guint
alama_gazetteer_get_n_entries (AlamaGazetteer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_entries;
}

static guint
count_letters (const char *norm)
{
  guint n = 0;

  for (const char *p = norm; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      n++;
  return n;
}

static int
compare_entries_longest_first (gconstpointer a,
                               gconstpointer b)
{
  const GazetteerEntry *ea = *(GazetteerEntry * const *) a;
  const GazetteerEntry *eb = *(GazetteerEntry * const *) b;

  return (int) eb->n_tokens - (int) ea->n_tokens;
}

gboolean
alama_gazetteer_add_entry (AlamaGazetteer *self,
                           const char     *surface,
                           const char     *label,
                           const char     *canonical,
                           gboolean        allow_short)
{
  g_autofree char *norm = NULL;
  g_autoptr(GArray) fragments = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autofree char *key = NULL;
  GazetteerEntry *entry;
  GPtrArray *bucket;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (surface != NULL && label != NULL && *label != '\0', FALSE);

  norm = alama_arabic_normalize (surface, ALAMA_ARABIC_FOLD_DEFAULT, NULL);
  if (norm == NULL || (!allow_short && count_letters (norm) < MIN_ENTRY_LETTERS))
    return FALSE;

  /* Split the entry exactly as the text will be split, so token lists compare. */
  fragments = alama_text_words (norm, FALSE);
  if (fragments == NULL || fragments->len == 0)
    return FALSE;
  tokens = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < fragments->len; i++)
    {
      const AlamaFragment *fragment = &g_array_index (fragments, AlamaFragment, i);

      g_ptr_array_add (tokens, alama_text_substring (norm, fragment->start, fragment->end));
    }
  g_ptr_array_add (tokens, NULL);

  key = g_strjoinv (" ", (char **) tokens->pdata);
  if (g_hash_table_contains (self->by_key, key))
    return TRUE;   /* the same name twice (أرمينيا/أرمينية fold together): first label wins */

  entry = g_new0 (GazetteerEntry, 1);
  entry->n_tokens = fragments->len;
  entry->tokens = (char **) g_ptr_array_free (g_steal_pointer (&tokens), FALSE);
  entry->label = g_strdup (label);
  entry->canonical = (canonical != NULL && *canonical != '\0') ? g_strdup (canonical) : NULL;
  g_hash_table_insert (self->by_key, g_steal_pointer (&key), entry);

  bucket = g_hash_table_lookup (self->by_first_word, entry->tokens[0]);
  if (bucket == NULL)
    {
      bucket = g_ptr_array_new ();
      g_hash_table_insert (self->by_first_word, g_strdup (entry->tokens[0]), bucket);
    }
  g_ptr_array_add (bucket, entry);
  g_ptr_array_sort (bucket, compare_entries_longest_first);
  self->n_entries++;
  return TRUE;
}

static gboolean
parse_line (AlamaGazetteer *self,
            const char     *path,
            guint           line_number,
            char           *line,
            GError        **error)
{
  g_auto(GStrv) fields = NULL;
  const char *label;
  gboolean allow_short = FALSE;
  g_autofree char *label_key = NULL;

  g_strchomp (line);   /* also drops the \r of CRLF files */
  if (*line == '\0' || *line == '#')
    return TRUE;

  if (!g_utf8_validate (line, -1, NULL))
    {
      g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_PARSE,
                   _("%s:%u: invalid UTF-8"), path, line_number);
      return FALSE;
    }

  fields = g_strsplit (line, "\t", 4);
  if (g_strv_length (fields) < 2 || *g_strstrip (fields[0]) == '\0' ||
      *g_strstrip (fields[1]) == '\0')
    {
      g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_PARSE,
                   _("%s:%u: expected “surface<TAB>LABEL[<TAB>canonical name]”"), path,
                   line_number);
      return FALSE;
    }

  label = fields[1];
  if (g_str_has_suffix (label, "!"))
    {
      allow_short = TRUE;
      label_key = g_strndup (label, strlen (label) - 1);
    }
  else
    label_key = g_strdup (label);

  /* A short entry without `!` is skipped on purpose, not an error. */
  alama_gazetteer_add_entry (self, fields[0], label_key,
                             fields[2] ? g_strstrip (fields[2]) : NULL, allow_short);
  return TRUE;
}

gboolean
alama_gazetteer_load_file (AlamaGazetteer *self,
                           const char     *path,
                           GError        **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_IO,
                   _("cannot read gazetteer %s: %s"), path, local_error->message);
      return FALSE;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];

      /* A UTF-8 BOM on the first line is not part of the first surface. */
      if (i == 0 && g_str_has_prefix (line, "\xEF\xBB\xBF"))
        line += 3;
      if (!parse_line (self, path, i + 1, line, error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

gboolean
alama_gazetteer_load_dir (AlamaGazetteer *self,
                          const char     *dir,
                          GError        **error)
{
  g_autoptr(GDir) handle = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  handle = g_dir_open (dir, 0, &local_error);
  if (handle == NULL)
    {
      g_set_error (error, ALAMA_TAGGER_ERROR, ALAMA_TAGGER_ERROR_IO,
                   _("cannot read gazetteer folder %s: %s"), dir, local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".tsv"))
      g_ptr_array_add (names, g_strdup (name));

  /* Name order, so that when two files disagree on a label the result is stable. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (!alama_gazetteer_load_file (self, path, error))
        return FALSE;
    }
  return TRUE;
}

char *
alama_gazetteer_dup_default_dir (void)
{
  const char *datadir = g_getenv ("ALAMA_DATADIR");
  g_autofree char *source_dir = NULL;

  if (datadir != NULL && *datadir != '\0')
    return g_build_filename (datadir, "gazetteers", NULL);

  source_dir = g_build_filename (SOURCE_DATADIR, "gazetteers", NULL);
  if (g_file_test (source_dir, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&source_dir);

  return g_build_filename (PKGDATADIR, "gazetteers", NULL);
}

/* ---- Matching ---------------------------------------------------------------- */

static gboolean
rest_matches (const GazetteerEntry *entry,
              GArray               *words,
              guint                 first)
{
  if (first + entry->n_tokens > words->len)
    return FALSE;
  for (guint j = 1; j < entry->n_tokens; j++)
    if (strcmp (entry->tokens[j], g_array_index (words, AlamaTaggerWord, first + j).norm) != 0)
      return FALSE;
  return TRUE;
}

typedef struct
{
  const GazetteerEntry *entry;
  gint64                stem_offset;  /* code points of the word left out of the span */
} GazetteerMatch;

/* Tries @stem as the first word of an entry; keeps the better of @best and what it
 * finds: more words first, then a longer span (a shorter clitic). */
static void
try_stem (AlamaGazetteer *self,
          GArray         *words,
          guint           first,
          const char     *stem,
          gint64          stem_offset,
          GazetteerMatch *best)
{
  GPtrArray *bucket = g_hash_table_lookup (self->by_first_word, stem);

  if (bucket == NULL)
    return;
  for (guint i = 0; i < bucket->len; i++)
    {
      const GazetteerEntry *entry = g_ptr_array_index (bucket, i);

      if (!rest_matches (entry, words, first))
        continue;
      if (best->entry == NULL || entry->n_tokens > best->entry->n_tokens ||
          (entry->n_tokens == best->entry->n_tokens && stem_offset < best->stem_offset))
        {
          best->entry = entry;
          best->stem_offset = stem_offset;
        }
      return;  /* the bucket is longest first */
    }
}

/* The clitics the word certainly starts with (alama_arabic_certain_proclitics(),
 * the rule word snapping follows too), in its normalised characters. Only a
 * word that starts with one of the clitic letters is looked at. */
static gint64
certain_clitics (const AlamaTaggerWord *word,
                 AlamaTextIndex        *index)
{
  static const char * const first_letters[] = { "و", "ف", "ب", "ل", "ك" };
  g_autofree char *surface = NULL;
  gint64 clitics;
  gboolean may = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (first_letters); i++)
    may |= g_str_has_prefix (word->norm, first_letters[i]);
  if (!may)
    return 0;

  surface = alama_text_index_substring (index, word->start, word->end);
  clitics = alama_arabic_certain_proclitics (surface);
  if (clitics == 0)
    return 0;
  /* The map goes from normalised characters to the word's own. */
  for (guint k = 0; k < word->map->len; k++)
    if (g_array_index (word->map, gint64, k) >= clitics)
      return k;
  return 0;
}

static void
match_at (AlamaGazetteer *self,
          GArray         *words,
          AlamaTextIndex *index,
          guint           first,
          GazetteerMatch *best)
{
  const AlamaTaggerWord *word = &g_array_index (words, AlamaTaggerWord, first);
  g_autoptr(GArray) splits = alama_arabic_clitic_splits (word->norm);
  guint n_splits = splits ? splits->len : 0;
  gint64 clitics = certain_clitics (word, index);

  /* A name never keeps a clitic the word certainly has. */
  if (clitics == 0)
    try_stem (self, words, first, word->norm, 0, best);
  for (guint i = 0; i < n_splits; i++)
    {
      /* alama_arabic_clitic_splits() stores the lengths as guint. */
      gint64 k = g_array_index (splits, guint, i);
      const char *stem;

      if (k <= 0 || k < clitics || k >= (gint64) g_utf8_strlen (word->norm, -1))
        continue;
      stem = g_utf8_offset_to_pointer (word->norm, k);
      try_stem (self, words, first, stem, k, best);

      /* ل + ال is written لل (للأمم المتحدة): the stem then lost its alef. Try the
       * name with its article, the span starting at the article's lam. */
      if (k == 2 && g_str_has_prefix (word->norm, "لل"))
        {
          g_autofree char *with_article = g_strconcat ("ا", g_utf8_offset_to_pointer (word->norm, 1),
                                                       NULL);

          try_stem (self, words, first, with_article, 1, best);
        }
    }
}

/* Whether the entry matched at @word is a nationality adjective rather than the
 * country: a one-word name ending in ية/ي (أرمينية, a spelling of أرمينيا; تركية)
 * that carries the article (الأرمينية), or one in ية that follows a feminine or
 * plural noun it describes (غالبية أرمينية، قوات نظامية أرمينية). */
static gboolean
is_nationality_adjective (GArray               *words,
                          guint                 i,
                          const GazetteerMatch *match)
{
  const AlamaTaggerWord *word = &g_array_index (words, AlamaTaggerWord, i);
  const char *stem = g_utf8_offset_to_pointer (word->norm, match->stem_offset);
  g_autofree char *prefix = g_strndup (word->norm, stem - word->norm);

  if (match->entry->n_tokens != 1 || g_strcmp0 (match->entry->label, "GPE") != 0 ||
      !(g_str_has_suffix (stem, "يه") || g_str_has_suffix (stem, "ي")))
    return FALSE;
  if (g_str_has_suffix (prefix, "ال"))
    return TRUE;
  /* A name in ي after a feminine noun is a place's own (بلدة شوشي). */
  if (i > 0 && g_str_has_suffix (stem, "يه"))
    {
      const char *before = g_array_index (words, AlamaTaggerWord, i - 1).norm;

      /* Normalised: ة is ه. */
      return g_str_has_suffix (before, "ه") || g_str_has_suffix (before, "ات");
    }
  return FALSE;
}

/* The lines of a mostly Arabic @text that are not Arabic prose, as [start, end)
 * code points: lines with fewer Arabic letters than other letters ("Sorry, you need to enable
 * JavaScript", "Close", share and view counters). Names in them are web page
 * furniture, not entities of the article. */
static GArray *
non_prose_lines (const char *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (AlamaFragment));
  gint64 cp = 0, line_start = 0;
  guint arabic = 0, other = 0, all_arabic = 0, all_other = 0;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\0' || c == '\n' || c == '\r' || c == 0x2029)
        {
          if (other > arabic)
            {
              AlamaFragment line = { line_start, cp };

              g_array_append_val (lines, line);
            }
          all_arabic += arabic;
          all_other += other;
          if (c == '\0')
            break;
          arabic = other = 0;
          line_start = cp + 1;
        }
      else if (g_unichar_isalpha (c))
        {
          if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_ARABIC)
            arabic++;
          else
            other++;
        }
      cp++;
    }
  /* In a text that is not mostly Arabic, its lines are the article itself. */
  if (all_other >= all_arabic)
    g_array_set_size (lines, 0);
  return lines;
}

/* Whether @cp is inside one of @lines (in text order, not overlapping): a
 * binary search, as a long document can have many such lines and many words. */
static gboolean
in_lines (GArray *lines,
          gint64  cp)
{
  guint lo = 0, hi = lines->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const AlamaFragment *line = &g_array_index (lines, AlamaFragment, mid);

      if (cp < line->start)
        hi = mid;
      else if (cp >= line->end)
        lo = mid + 1;
      else
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
alama_gazetteer_match (AlamaGazetteer *self,
                       const char     *text,
                       AlamaTextIndex *index,
                       const char     *source)
{
  GPtrArray *spans = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);
  g_autoptr(GArray) words = NULL;
  g_autoptr(GArray) furniture = NULL;
  guint i = 0;

  g_return_val_if_fail (self != NULL, spans);
  g_return_val_if_fail (text != NULL && index != NULL, spans);

  if (self->n_entries == 0)
    return spans;

  words = _alama_tagger_words (text, index);
  furniture = non_prose_lines (text);
  while (i < words->len)
    {
      GazetteerMatch best = { NULL, 0 };
      const AlamaTaggerWord *word = &g_array_index (words, AlamaTaggerWord, i);
      const AlamaTaggerWord *last;
      AlamaSpan *span;

      if (in_lines (furniture, word->start))
        {
          i++;
          continue;
        }
      match_at (self, words, index, i, &best);
      if (best.entry == NULL || is_nationality_adjective (words, i, &best))
        {
          i++;
          continue;
        }

      last = &g_array_index (words, AlamaTaggerWord, i + best.entry->n_tokens - 1);
      span = alama_span_new (best.entry->label,
                             word->start + g_array_index (word->map, gint64, best.stem_offset),
                             last->end);
      span->status = ALAMA_STATUS_PENDING;
      g_free (span->source);
      span->source = g_strdup (source ? source : ALAMA_TAGGER_SOURCE_GAZETTEER);
      if (best.entry->canonical != NULL)
        {
          g_autofree char *surface = alama_text_index_substring (index,
                                                                 alama_span_get_start (span),
                                                                 alama_span_get_end (span));
          g_autofree char *norm = alama_arabic_normalize (surface, ALAMA_ARABIC_FOLD_DEFAULT,
                                                          NULL);
          g_autofree char *canonical = alama_arabic_normalize (best.entry->canonical,
                                                               ALAMA_ARABIC_FOLD_DEFAULT, NULL);

          /* An attribute, not the note: the note is the analyst's own words
           * (brat exports it as an AnnotatorNote). */
          if (g_strcmp0 (norm, canonical) != 0)
            alama_span_set_attribute (span, "canonical", best.entry->canonical);
        }
      g_ptr_array_add (spans, span);
      i += best.entry->n_tokens;
    }
  return spans;
}

/* ---- The gazetteer tagger ---------------------------------------------------- */

static AlamaTaggerProposals *
gazetteer_propose (const AlamaTaggerInput *input,
                   gpointer                data)
{
  AlamaGazetteer *gazetteer = data;
  AlamaTaggerProposals *proposals = alama_tagger_proposals_new ();
  g_autoptr(GPtrArray) matches = alama_gazetteer_match (gazetteer, input->text, input->index,
                                                        ALAMA_TAGGER_SOURCE_GAZETTEER);

  for (guint i = 0; i < matches->len; i++)
    alama_tagger_proposals_add_span (proposals,
                                     alama_span_ref (g_ptr_array_index (matches, i)));
  return proposals;
}

AlamaTagger *
alama_tagger_new_gazetteer (AlamaGazetteer *gazetteer)
{
  g_return_val_if_fail (gazetteer != NULL, NULL);

  return _alama_tagger_new (ALAMA_TAGGER_SOURCE_GAZETTEER, gazetteer_propose, gazetteer, NULL);
}
