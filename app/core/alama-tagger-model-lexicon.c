/* alama-tagger-model-lexicon.c: general-knowledge word lists for the trained tagger.
 *
 * Most names in a new text were never in the training text, but many are
 * common knowledge: given names (محمد، جورج), places (نيروبي), organisations
 * and their head words (منظمة، وزارة), titles before a person (الرئيس) and
 * nationality adjectives. The lexicons (data/lexicons/CLASS.txt, one entry per
 * line) give the tagger one feature per list a token is in, whatever the
 * training text says; training learns how much each list tells.
 *
 * They are not the gazetteer: a given name alone is not an entity to suggest,
 * only a hint to the model. A trained model keeps its own copy of the entries
 * (alama-tagger-model.c writes them into its bytes), so it tags the same
 * whatever the installed lists say later.
 *
 * Entries and text are compared normalised (alama_arabic_normalize) word by
 * word, each word without a leading ال; the first word of a match may carry any
 * clitic chain (و ف ب ل ك ال), so وللأمم المتحدة finds الأمم المتحدة.
 */
#define G_LOG_DOMAIN "alama-tagger-model"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama-arabic-private.h"
#include "alama-tagger-model-private.h"

typedef struct
{
  guint   class_id;
  char  **words;     /* normalised, without a leading ال */
  guint   n_words;
} LexiconEntry;

struct _AlamaModelLexicon
{
  GPtrArray  *classes;       /* char*: each list's name */
  GPtrArray  *entries;       /* LexiconEntry*, in the order added */
  GHashTable *by_key;        /* "class\twords" → entry: one copy of each */
  GHashTable *by_first_word; /* char* → GPtrArray of LexiconEntry* (borrowed) */
};

static void
lexicon_entry_free (LexiconEntry *entry)
{
  g_strfreev (entry->words);
  g_free (entry);
}

AlamaModelLexicon *
_alama_model_lexicon_new (void)
{
  AlamaModelLexicon *self = g_new0 (AlamaModelLexicon, 1);

  self->classes = g_ptr_array_new_with_free_func (g_free);
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lexicon_entry_free);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->by_first_word = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
  return self;
}

void
_alama_model_lexicon_free (AlamaModelLexicon *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_first_word);
  g_hash_table_unref (self->by_key);
  g_ptr_array_unref (self->entries);
  g_ptr_array_unref (self->classes);
  g_free (self);
}

guint
_alama_model_lexicon_get_n_classes (AlamaModelLexicon *self)
{
  return self != NULL ? self->classes->len : 0;
}

const char *
_alama_model_lexicon_get_class (AlamaModelLexicon *self,
                                guint              class_id)
{
  return g_ptr_array_index (self->classes, class_id);
}

guint
_alama_model_lexicon_get_n_entries (AlamaModelLexicon *self)
{
  return self != NULL ? self->entries->len : 0;
}

/* @word without a leading ال, when at least two letters are left: text and
 * entries then agree whether or not either wrote the article. */
const char *
_alama_model_lexicon_strip_article (const char *word)
{
  if (g_str_has_prefix (word, "ال") && g_utf8_strlen (word + strlen ("ال"), -1) >= 2)
    return word + strlen ("ال");
  return word;
}

static guint
find_class (AlamaModelLexicon *self,
            const char        *name)
{
  for (guint c = 0; c < self->classes->len; c++)
    if (strcmp (g_ptr_array_index (self->classes, c), name) == 0)
      return c;
  if (self->classes->len >= ALAMA_MODEL_LEXICON_MAX_CLASSES)
    return G_MAXUINT;
  g_ptr_array_add (self->classes, g_strdup (name));
  return self->classes->len - 1;
}

/* Adds @words (normalised, without a leading ال, NULL-terminated; taken) to
 * the list @class_name, unless it is there already or the class is one too many. */
static void
add_words (AlamaModelLexicon *self,
           const char        *class_name,
           char             **words)
{
  g_autofree char *joined = g_strjoinv (" ", words);
  g_autofree char *key = NULL;
  LexiconEntry *added;
  GPtrArray *bucket;
  guint class_id = find_class (self, class_name);

  if (class_id == G_MAXUINT || words[0] == NULL)
    {
      g_strfreev (words);
      return;
    }
  key = g_strdup_printf ("%u\t%s", class_id, joined);
  if (g_hash_table_contains (self->by_key, key))
    {
      g_strfreev (words);
      return;
    }

  added = g_new0 (LexiconEntry, 1);
  added->class_id = class_id;
  added->words = words;
  added->n_words = g_strv_length (words);
  g_ptr_array_add (self->entries, added);
  g_hash_table_add (self->by_key, g_steal_pointer (&key));
  bucket = g_hash_table_lookup (self->by_first_word, added->words[0]);
  if (bucket == NULL)
    {
      bucket = g_ptr_array_new ();
      g_hash_table_insert (self->by_first_word, g_strdup (added->words[0]), bucket);
    }
  g_ptr_array_add (bucket, added);
}

/* Adds @entry (words as written, separated by spaces) to the list @class_name. */
void
_alama_model_lexicon_add (AlamaModelLexicon *self,
                          const char        *class_name,
                          const char        *entry)
{
  g_autoptr(GString) norm = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  GPtrArray *words = g_ptr_array_new ();

  _alama_arabic_normalize_append (entry, strlen (entry), ALAMA_ARABIC_FOLD_DEFAULT, norm, NULL);
  parts = g_strsplit_set (norm->str, " \t", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (words, g_strdup (_alama_model_lexicon_strip_article (parts[i])));
  g_ptr_array_add (words, NULL);
  add_words (self, class_name, (char **) g_ptr_array_free (words, FALSE));
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Each CLASS.txt of @dir, in name order: one entry a line, # starts a comment. */
gboolean
_alama_model_lexicon_load_dir (AlamaModelLexicon  *self,
                               const char         *dir,
                               GError            **error)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (folder == NULL)
    return FALSE;
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autofree char *class_name = g_strndup (file, strlen (file) - strlen (".txt"));
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      if (!g_file_get_contents (path, &contents, NULL, error))
        return FALSE;
      if (!g_utf8_validate (contents, -1, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s is not UTF-8 text"), path);
          return FALSE;
        }
      lines = g_strsplit (contents, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          char *comment = strchr (lines[l], '#');

          if (comment != NULL)
            *comment = '\0';
          _alama_model_lexicon_add (self, class_name, g_strstrip (lines[l]));
        }
    }
  return TRUE;
}

char *
_alama_model_lexicon_dup_default_dir (void)
{
  const char *datadir = g_getenv ("ALAMA_DATADIR");
  g_autofree char *source_dir = NULL;

  if (datadir != NULL && *datadir != '\0')
    return g_build_filename (datadir, "lexicons", NULL);

  /* Uninstalled, the source tree's lists, as the gazetteers are found. */
  source_dir = g_build_filename (SOURCE_DATADIR, "lexicons", NULL);
  if (g_file_test (source_dir, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&source_dir);

  return g_build_filename (PKGDATADIR, "lexicons", NULL);
}

/* The installed lexicons; none (an empty lexicon) when the folder is missing:
 * the tagger still learns, only without these hints. */
AlamaModelLexicon *
_alama_model_lexicon_new_default (GError **error)
{
  g_autoptr(AlamaModelLexicon) self = _alama_model_lexicon_new ();
  g_autofree char *dir = _alama_model_lexicon_dup_default_dir ();

  if (g_file_test (dir, G_FILE_TEST_IS_DIR) && !_alama_model_lexicon_load_dir (self, dir, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- Bytes ---------------------------------------------------------------------
 *
 * u32 number of classes, each as u32 length + UTF-8; u32 number of entries, each
 * as u32 class + u32 length + its normalised words joined by a space.
 */

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (out, (const guint8 *) &le, 4);
}

static void
put_string (GByteArray *out,
            const char *s)
{
  put_u32 (out, strlen (s));
  g_byte_array_append (out, (const guint8 *) s, strlen (s));
}

void
_alama_model_lexicon_write (AlamaModelLexicon *self,
                            GByteArray        *out)
{
  put_u32 (out, self->classes->len);
  for (guint c = 0; c < self->classes->len; c++)
    put_string (out, g_ptr_array_index (self->classes, c));
  put_u32 (out, self->entries->len);
  for (guint e = 0; e < self->entries->len; e++)
    {
      LexiconEntry *entry = g_ptr_array_index (self->entries, e);
      g_autofree char *joined = g_strjoinv (" ", entry->words);

      put_u32 (out, entry->class_id);
      put_string (out, joined);
    }
}

static gboolean
get_u32 (const guint8 *data,
         gsize         size,
         gsize        *at,
         guint32      *value)
{
  guint32 le;

  if (size - *at < 4)
    return FALSE;
  memcpy (&le, data + *at, 4);
  *at += 4;
  *value = GUINT32_FROM_LE (le);
  return TRUE;
}

static char *
get_string (const guint8 *data,
            gsize         size,
            gsize        *at)
{
  guint32 length;
  char *s;

  if (!get_u32 (data, size, at, &length) || length == 0 || size - *at < length ||
      !g_utf8_validate ((const char *) data + *at, length, NULL) ||
      memchr (data + *at, '\0', length) != NULL)
    return NULL;
  s = g_strndup ((const char *) data + *at, length);
  *at += length;
  return s;
}

/* Reads what _alama_model_lexicon_write() wrote at data[*at]; NULL if damaged. */
AlamaModelLexicon *
_alama_model_lexicon_read (const guint8 *data,
                           gsize         size,
                           gsize        *at)
{
  g_autoptr(AlamaModelLexicon) self = _alama_model_lexicon_new ();
  guint32 n_classes, n_entries;

  if (!get_u32 (data, size, at, &n_classes) || n_classes > ALAMA_MODEL_LEXICON_MAX_CLASSES)
    return NULL;
  for (guint c = 0; c < n_classes; c++)
    {
      char *name = get_string (data, size, at);

      if (name == NULL)
        return NULL;
      g_ptr_array_add (self->classes, name);
    }
  if (!get_u32 (data, size, at, &n_entries) || n_entries > size)
    return NULL;
  for (guint e = 0; e < n_entries; e++)
    {
      guint32 class_id;
      g_autofree char *words = NULL;

      if (!get_u32 (data, size, at, &class_id) || class_id >= n_classes ||
          (words = get_string (data, size, at)) == NULL)
        return NULL;
      /* As written: normalising and stripping an article again could change
       * a word (الالبان → البان → بان). */
      add_words (self, g_ptr_array_index (self->classes, class_id),
                 g_strsplit (words, " ", -1));
    }
  return g_steal_pointer (&self);
}

/* ---- Matching ------------------------------------------------------------------ */

/* Sets, for each of the @n tokens (their normalised words @norms and clitic
 * splits), the bits of the lists that match there: bit 2c if a match of list c
 * starts at the token, bit 2c + 1 if it continues one. At each token, each
 * list's longest match. */
void
_alama_model_lexicon_mark (AlamaModelLexicon  *self,
                           const char * const *norms,
                           const guint        *splits,
                           const guint        *n_splits,
                           guint               n,
                           guint32            *marks)
{
  guint longest[ALAMA_MODEL_LEXICON_MAX_CLASSES];

  memset (marks, 0, n * sizeof (guint32));
  if (self == NULL || self->entries->len == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      memset (longest, 0, sizeof longest);
      for (guint k = 0; k < n_splits[i]; k++)
        {
          const char *candidate = g_utf8_offset_to_pointer (
            norms[i], splits[(gsize) i * ALAMA_ARABIC_CLITIC_SPLITS_MAX + k]);
          GPtrArray *bucket = g_hash_table_lookup (self->by_first_word,
                                                   _alama_model_lexicon_strip_article (candidate));

          for (guint b = 0; bucket != NULL && b < bucket->len; b++)
            {
              LexiconEntry *entry = g_ptr_array_index (bucket, b);
              guint w;

              if (entry->n_words <= longest[entry->class_id] || i + entry->n_words > n)
                continue;
              for (w = 1; w < entry->n_words; w++)
                if (strcmp (_alama_model_lexicon_strip_article (norms[i + w]), entry->words[w]) != 0)
                  break;
              if (w == entry->n_words)
                longest[entry->class_id] = entry->n_words;
            }
        }
      for (guint c = 0; c < self->classes->len; c++)
        for (guint w = 0; w < longest[c]; w++)
          marks[i + w] |= 1u << (2 * c + (w > 0));
    }
}
