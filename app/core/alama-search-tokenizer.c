/* alama-search-tokenizer.c: an SQLite FTS5 tokenizer for Arabic news text.
 *
 * SQLite's own unicode61 tokenizer splits a vocalised word at every haraka and
 * knows nothing of clitics. Ours cuts words with ICU, normalises each word
 * (alama-arabic.c) and, for documents, also emits every clitic-stripped stem at
 * the same position (FTS5_TOKEN_COLOCATED), so the query كرملين matches the word
 * الكرملين and بوتين matches وبوتين. Queries are cut the same way but emit only
 * the normalised word itself.
 */
#define G_LOG_DOMAIN "alama-search-tokenizer"

#include "config.h"

#include <string.h>

#include "alama/alama-arabic.h"
#include "alama/alama-text.h"
#include "alama-search-private.h"

/* ---- Words ------------------------------------------------------------------ */

void
_alama_search_word_free (AlamaSearchWord *word)
{
  if (word == NULL)
    return;
  g_free (word->norm);
  g_clear_pointer (&word->map, g_array_unref);
  g_clear_pointer (&word->forms, g_ptr_array_unref);
  g_clear_pointer (&word->form_starts, g_array_unref);
  g_free (word);
}

#define LAM_LAM "\xD9\x84\xD9\x84"   /* لل */
#define ARTICLE "\xD8\xA7\xD9\x84"   /* ال */

static void
add_form (AlamaSearchWord *word,
          char            *form,
          guint            start)
{
  g_ptr_array_add (word->forms, form);
  g_array_append_val (word->form_starts, start);
}

static void
add_forms (AlamaSearchWord *word)
{
  g_autoptr(GArray) splits = alama_arabic_clitic_splits (word->norm);

  word->forms = g_ptr_array_new_with_free_func (g_free);
  word->form_starts = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint s = 0; s < splits->len; s++)
    {
      guint split = g_array_index (splits, guint, s);
      const char *stem = g_utf8_offset_to_pointer (word->norm, split);

      add_form (word, g_strdup (stem), split);

      /* ...لل + stem: the second lam is what is left of the article. The form
       * starts at that lam so a hit on الرئيس inside للرئيس covers لرئيس. */
      if (split >= 2 && stem - word->norm >= 4 && memcmp (stem - 4, LAM_LAM, 4) == 0)
        add_form (word, g_strconcat (ARTICLE, stem, NULL), split - 1);
    }
}

/* Walks the ICU words of @text in order. Their byte offsets are found by
 * walking on from the previous word, not from the start of the text, so a
 * long document costs one pass. A word is given to @func with its fields
 * filled (forms only if @with_forms, map only if @with_maps); @func may steal
 * them (set them to NULL) and returns FALSE to stop. */
void
_alama_search_foreach_word (const char          *text,
                            gboolean             with_maps,
                            gboolean             with_forms,
                            AlamaSearchWordFunc  func,
                            gpointer             user_data)
{
  g_autoptr(GArray) fragments = NULL;
  g_autoptr(GString) original = g_string_new (NULL);
  const char *p = text;
  gint64 cp = 0;

  g_return_if_fail (text != NULL);

  fragments = alama_text_words (text, FALSE);

  for (guint i = 0; i < fragments->len; i++)
    {
      const AlamaFragment *f = &g_array_index (fragments, AlamaFragment, i);
      AlamaSearchWord word = { 0, };
      GArray *map = NULL;
      gboolean go_on;

      for (; cp < f->start; cp++)
        p = g_utf8_next_char (p);
      word.byte_start = (gsize) (p - text);
      for (; cp < f->end; cp++)
        p = g_utf8_next_char (p);
      word.byte_end = (gsize) (p - text);

      g_string_truncate (original, 0);
      g_string_append_len (original, text + word.byte_start,
                           (gssize) (word.byte_end - word.byte_start));
      word.norm = alama_arabic_normalize (original->str, ALAMA_ARABIC_FOLD_DEFAULT,
                                          with_maps ? &map : NULL);

      /* A "word" of tatweel or invisible marks alone has nothing to match. */
      if (*word.norm == '\0')
        {
          g_free (word.norm);
          g_clear_pointer (&map, g_array_unref);
          continue;
        }

      word.start = f->start;
      word.end = f->end;
      word.map = map;
      if (with_forms)
        add_forms (&word);
      go_on = func (&word, user_data);
      g_free (word.norm);
      g_clear_pointer (&word.map, g_array_unref);
      g_clear_pointer (&word.forms, g_ptr_array_unref);
      g_clear_pointer (&word.form_starts, g_array_unref);
      if (!go_on)
        break;
    }
}

static gboolean
collect_word (const AlamaSearchWord *word,
              gpointer               user_data)
{
  AlamaSearchWord *copy = g_memdup2 (word, sizeof *word);

  /* The copy takes the fields over. */
  ((AlamaSearchWord *) word)->norm = NULL;
  ((AlamaSearchWord *) word)->map = NULL;
  ((AlamaSearchWord *) word)->forms = NULL;
  ((AlamaSearchWord *) word)->form_starts = NULL;
  g_ptr_array_add (user_data, copy);
  return TRUE;
}

GPtrArray *
_alama_search_analyze (const char *text,
                       gboolean    with_maps)
{
  GPtrArray *words = g_ptr_array_new_with_free_func ((GDestroyNotify) _alama_search_word_free);

  g_return_val_if_fail (text != NULL, words);

  _alama_search_foreach_word (text, with_maps, TRUE, collect_word, words);
  return words;
}

/* ---- The FTS5 tokenizer --------------------------------------------------------- */

/* FTS5 wants an object per table; ours has no options or state. */
typedef struct
{
  int unused;
} AlamaTokenizer;

static int
tokenizer_create (void            *context,
                  const char     **args,
                  int              n_args,
                  Fts5Tokenizer  **out)
{
  *out = (Fts5Tokenizer *) g_new0 (AlamaTokenizer, 1);
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
  g_free (tokenizer);
}

typedef int (*TokenCallback) (void       *ctx,
                              int         flags,
                              const char *token,
                              int         n_token,
                              int         start,
                              int         end);

typedef struct
{
  void          *ctx;
  TokenCallback  emit;
  gboolean       with_stems;
  int            rc;
} Emitter;

/* Emits the word, then (for a document) each stem behind clitics at the
 * same position, as add_forms() finds them, without building the forms. */
static gboolean
emit_word (const AlamaSearchWord *word,
           gpointer               user_data)
{
  Emitter *e = user_data;
  g_autoptr(GArray) splits = NULL;
  g_autofree char *restored = NULL;

  e->rc = e->emit (e->ctx, 0, word->norm, (int) strlen (word->norm),
                   (int) word->byte_start, (int) word->byte_end);
  if (e->rc != SQLITE_OK || !e->with_stems)
    return e->rc == SQLITE_OK;

  splits = alama_arabic_clitic_splits (word->norm);
  for (guint s = 0; s < splits->len && e->rc == SQLITE_OK; s++)
    {
      guint split = g_array_index (splits, guint, s);
      const char *stem = g_utf8_offset_to_pointer (word->norm, split);

      if (split > 0)
        e->rc = e->emit (e->ctx, FTS5_TOKEN_COLOCATED, stem, (int) strlen (stem),
                         (int) word->byte_start, (int) word->byte_end);
      if (e->rc == SQLITE_OK && split >= 2 && stem - word->norm >= 4 &&
          memcmp (stem - 4, LAM_LAM, 4) == 0)
        {
          g_free (restored);
          restored = g_strconcat (ARTICLE, stem, NULL);
          e->rc = e->emit (e->ctx, FTS5_TOKEN_COLOCATED, restored, (int) strlen (restored),
                           (int) word->byte_start, (int) word->byte_end);
        }
    }
  return e->rc == SQLITE_OK;
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void          *ctx,
                    int            flags,
                    const char    *text,
                    int            n_text,
                    TokenCallback  emit)
{
  g_autofree char *copy = NULL;
  const char *valid_end = NULL;
  Emitter e = { ctx, emit, FALSE, SQLITE_OK };

  if (text == NULL || n_text <= 0)
    return SQLITE_OK;

  /* Documents are validated on import; a query comes from a person. Index
   * what is valid rather than fail the whole statement. */
  g_utf8_validate_len (text, (gsize) n_text, &valid_end);
  copy = g_strndup (text, (gsize) (valid_end - text));

  /* Stems only go into the index: a query word must then equal a word or a
   * stem of the document. */
  e.with_stems = (flags & FTS5_TOKENIZE_QUERY) == 0;

  _alama_search_foreach_word (copy, FALSE, FALSE, emit_word, &e);
  return e.rc;
}

/* The fts5_api of a connection, fetched the documented way: SELECT fts5(?1)
 * with a pointer bound as "fts5_api_ptr". */
static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api;
}

int
_alama_search_register_tokenizer (sqlite3 *db)
{
  static fts5_tokenizer tokenizer = {
    tokenizer_create,
    tokenizer_delete,
    tokenizer_tokenize,
  };
  fts5_api *api;

  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);

  api = get_fts5_api (db);
  if (api == NULL)
    return SQLITE_ERROR;

  return api->xCreateTokenizer (api, ALAMA_SEARCH_TOKENIZER, NULL, &tokenizer, NULL);
}
