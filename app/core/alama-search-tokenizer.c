/* alama-search-tokenizer.c: an SQLite FTS5 tokenizer for Arabic news text.
 *
 * SQLite's own unicode61 tokenizer splits a vocalised word at every haraka and
 * knows nothing of clitics. Ours cuts words with ICU, normalises each word
 * (alama-arabic.c) and, for documents, also emits every clitic-stripped stem at
 * the same position (FTS5_TOKEN_COLOCATED), so the query كرملين matches the word
 * الكرملين and بوتين matches وبوتين. Queries are cut the same way but emit only
 * the normalised word itself. While a large document is indexed it also
 * records the checkpoints of alama-search-positions.c.
 */
#define G_LOG_DOMAIN "alama-search-tokenizer"

#include "config.h"

#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utypes.h>

#include "alama/alama-arabic.h"
#include "alama-arabic-private.h"
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

/* ---- ICU words with their byte and code point offsets ------------------------------ */

/* The words are those of alama_text_words (@text, FALSE): ICU's word iterator
 * for "ar", segments whose rule status is not UBRK_WORD_NONE. Walked here
 * rather than through alama_text_words() because indexing cuts every word of
 * every document: one UTF-16 buffer per text, and byte and code point offsets
 * counted on as ICU hands the boundaries over, with no array of fragments and
 * no index of the text. */

static void
close_word_iterator (gpointer bi)
{
  ubrk_close (bi);
}

static GPrivate word_iterator = G_PRIVATE_INIT (close_word_iterator);

static UBreakIterator *
get_word_iterator (void)
{
  UBreakIterator *bi = g_private_get (&word_iterator);
  UErrorCode status = U_ZERO_ERROR;

  if (bi != NULL)
    return bi;
  bi = ubrk_open (UBRK_WORD, "ar", NULL, 0, &status);
  if (U_FAILURE (status))
    {
      g_warning ("ICU break iterator failed: %s", u_errorName (status));
      return NULL;
    }
  g_private_set (&word_iterator, bi);
  return bi;
}

/* UTF-16 of @n_bytes of valid UTF-8 (in at most @n_bytes units). */
static gunichar2 *
utf8_to_utf16 (const char *text,
               gsize       n_bytes,
               gsize      *n_units)
{
  gunichar2 *units = g_new (gunichar2, n_bytes + 1);
  const guchar *p = (const guchar *) text;
  const guchar *end = p + n_bytes;
  gsize n = 0;

  while (p < end)
    {
      if (p[0] < 0x80)
        units[n++] = *p++;
      else if (p[0] < 0xE0)
        {
          units[n++] = (gunichar2) (((p[0] & 0x1F) << 6) | (p[1] & 0x3F));
          p += 2;
        }
      else if (p[0] < 0xF0)
        {
          units[n++] = (gunichar2) (((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
          p += 3;
        }
      else
        {
          gunichar c = (((gunichar) p[0] & 0x07) << 18) | ((gunichar) (p[1] & 0x3F) << 12) |
                       ((gunichar) (p[2] & 0x3F) << 6) | (p[3] & 0x3F);

          c -= 0x10000;
          units[n++] = (gunichar2) (0xD800 + (c >> 10));
          units[n++] = (gunichar2) (0xDC00 + (c & 0x3FF));
          p += 4;
        }
    }
  *n_units = n;
  return units;
}

typedef gboolean (*WordSpanFunc) (gsize    byte_start,
                                  gsize    byte_end,
                                  gint64   start,
                                  gint64   end,
                                  gpointer user_data);

/* Calls @func with the byte and code point range of each word of @n_bytes of
 * valid UTF-8, in order, until it returns FALSE. */
static void
foreach_word_span (const char   *text,
                   gsize         n_bytes,
                   WordSpanFunc  func,
                   gpointer      user_data)
{
  static const UChar nothing[1] = { 0 };
  g_autofree gunichar2 *units = NULL;
  gsize n_units = 0;
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *bi;
  gsize unit = 0, byte = 0;
  gint64 cp = 0;

  if (n_bytes == 0)
    return;
  units = utf8_to_utf16 (text, n_bytes, &n_units);
  if (n_units > G_MAXINT32)
    return;
  bi = get_word_iterator ();
  if (bi == NULL)
    return;
  ubrk_setText (bi, units, (int32_t) n_units, &status);
  if (U_FAILURE (status))
    {
      g_warning ("ICU break iterator failed: %s", u_errorName (status));
      return;
    }

  ubrk_first (bi);
  for (int32_t next = ubrk_next (bi); next != UBRK_DONE; next = ubrk_next (bi))
    {
      int32_t rule = ubrk_getRuleStatus (bi);
      gsize byte_start = byte;
      gint64 start = cp;

      while (unit < (gsize) next)
        {
          gunichar2 u = units[unit];

          if (u < 0x80)
            byte += 1;
          else if (u < 0x800)
            byte += 2;
          else if (u >= 0xD800 && u <= 0xDBFF)
            {
              byte += 4;
              unit++;
            }
          else
            byte += 3;
          unit++;
          cp++;
        }

      if (!(rule >= UBRK_WORD_NONE && rule < UBRK_WORD_NONE_LIMIT) &&
          !func (byte_start, byte, start, cp, user_data))
        break;
    }

  /* Do not leave the iterator pointing at our buffer, which is about to go. */
  ubrk_setText (bi, nothing, 0, &status);
}

/* ---- Words of a text for matching ------------------------------------------------ */

typedef struct
{
  const char          *text;
  gboolean             with_maps;
  gboolean             with_forms;
  AlamaSearchWordFunc  func;
  gpointer             user_data;
  GString             *norm;
} WordWalk;

static gboolean
analyze_span (gsize    byte_start,
              gsize    byte_end,
              gint64   start,
              gint64   end,
              gpointer user_data)
{
  WordWalk *walk = user_data;
  AlamaSearchWord word = { 0, };
  GArray *map = NULL;
  gboolean go_on;

  g_string_truncate (walk->norm, 0);
  if (walk->with_maps)
    map = g_array_new (FALSE, FALSE, sizeof (gint64));
  _alama_arabic_normalize_append (walk->text + byte_start, byte_end - byte_start,
                                  ALAMA_ARABIC_FOLD_DEFAULT, walk->norm, map);

  /* A "word" of tatweel or invisible marks alone has nothing to match. */
  if (walk->norm->len == 0)
    {
      g_clear_pointer (&map, g_array_unref);
      return TRUE;
    }
  word.norm = g_strndup (walk->norm->str, walk->norm->len);

  word.start = start;
  word.end = end;
  word.byte_start = byte_start;
  word.byte_end = byte_end;
  word.map = map;
  if (walk->with_forms)
    add_forms (&word);
  go_on = walk->func (&word, walk->user_data);
  g_free (word.norm);
  g_clear_pointer (&word.map, g_array_unref);
  g_clear_pointer (&word.forms, g_ptr_array_unref);
  g_clear_pointer (&word.form_starts, g_array_unref);
  return go_on;
}

/* Walks the words of @text in order. A word is given to @func with its fields
 * filled (forms only if @with_forms, map only if @with_maps); @func may steal
 * them (set them to NULL) and returns FALSE to stop. Invalid UTF-8 has no
 * words. */
void
_alama_search_foreach_word (const char          *text,
                            gboolean             with_maps,
                            gboolean             with_forms,
                            AlamaSearchWordFunc  func,
                            gpointer             user_data)
{
  g_autoptr(GString) norm = g_string_sized_new (64);
  WordWalk walk = { text, with_maps, with_forms, func, user_data, norm };
  gsize n_bytes;

  g_return_if_fail (text != NULL);

  n_bytes = strlen (text);
  if (!g_utf8_validate_len (text, n_bytes, NULL))
    return;
  foreach_word_span (text, n_bytes, analyze_span, &walk);
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
  const char    *text;
  gsize          n_text;
  GString       *norm;       /* the word being emitted, normalised */
  GString       *restored;   /* ال + a stem behind لل */
  GArray        *checkpoints;       /* AlamaSearchCheckpoint; NULL: none recorded */
  gsize          next_checkpoint;   /* the next one is at the first cut from here */
  gint64         n_tokens;          /* positions emitted so far */
} Emitter;

/* A word at a cut far enough past the last checkpoint is the next one. */
static void
record_checkpoint (Emitter *e,
                   gsize    byte_start,
                   gint64   start)
{
  AlamaSearchCheckpoint c;

  if (byte_start < e->next_checkpoint ||
      !_alama_search_is_cut ((const guchar *) e->text, e->n_text, byte_start))
    return;
  c.byte = (gint64) byte_start;
  c.cp = start;
  c.token = e->n_tokens;
  g_array_append_val (e->checkpoints, c);
  e->next_checkpoint = byte_start + ALAMA_SEARCH_CHECKPOINT_BYTES;
}

/* Emits the normalised word, then (for a document) each stem behind clitics
 * at the same position, as add_forms() finds them, without building the
 * forms. */
static gboolean
emit_span (gsize    byte_start,
           gsize    byte_end,
           gint64   start,
           gint64   end,
           gpointer user_data)
{
  Emitter *e = user_data;
  const char *norm;
  guint splits[ALAMA_ARABIC_CLITIC_SPLITS_MAX];
  guint n_splits;
  const char *stem = NULL;
  guint at = 0;

  g_string_truncate (e->norm, 0);
  _alama_arabic_normalize_append (e->text + byte_start, byte_end - byte_start,
                                  ALAMA_ARABIC_FOLD_DEFAULT, e->norm, NULL);
  /* As for matching: a word that normalises to nothing is no token. */
  if (e->norm->len == 0)
    return TRUE;

  if (e->checkpoints != NULL)
    record_checkpoint (e, byte_start, start);
  e->n_tokens++;

  norm = e->norm->str;
  e->rc = e->emit (e->ctx, 0, norm, (int) e->norm->len, (int) byte_start, (int) byte_end);
  if (e->rc != SQLITE_OK || !e->with_stems)
    return e->rc == SQLITE_OK;

  n_splits = _alama_arabic_clitic_splits_into (norm, splits);
  stem = norm;
  for (guint s = 0; s < n_splits && e->rc == SQLITE_OK; s++)
    {
      /* The splits grow, so the stem pointer only walks on. */
      for (; at < splits[s]; at++)
        stem = g_utf8_next_char (stem);

      if (splits[s] > 0)
        e->rc = e->emit (e->ctx, FTS5_TOKEN_COLOCATED, stem, (int) strlen (stem),
                         (int) byte_start, (int) byte_end);
      if (e->rc == SQLITE_OK && splits[s] >= 2 && stem - norm >= 4 &&
          memcmp (stem - 4, LAM_LAM, 4) == 0)
        {
          g_string_assign (e->restored, ARTICLE);
          g_string_append (e->restored, stem);
          e->rc = e->emit (e->ctx, FTS5_TOKEN_COLOCATED, e->restored->str, (int) e->restored->len,
                           (int) byte_start, (int) byte_end);
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
  g_autoptr(GString) norm = NULL;
  g_autoptr(GString) restored = NULL;
  const char *valid_end = NULL;
  Emitter e = { ctx, emit, FALSE, SQLITE_OK, text, 0, NULL, NULL, NULL, 0, 0 };

  if (text == NULL || n_text <= 0)
    return SQLITE_OK;

  /* Documents are validated on import; a query comes from a person. Index
   * what is valid rather than fail the whole statement. A NUL ends the text,
   * as it would a C string. */
  g_utf8_validate_len (text, (gsize) n_text, &valid_end);

  /* Stems only go into the index: a query word must then equal a word or a
   * stem of the document. */
  e.with_stems = (flags & FTS5_TOKENIZE_QUERY) == 0;
  e.n_text = (gsize) (valid_end - text);
  /* alama_search_update_index() asks for the checkpoints of a large document. */
  if (e.with_stems && e.n_text >= ALAMA_SEARCH_CHECKPOINT_MIN_BYTES)
    {
      e.checkpoints = _alama_search_positions_recording ();
      e.next_checkpoint = ALAMA_SEARCH_CHECKPOINT_BYTES;
    }
  e.norm = norm = g_string_sized_new (64);
  e.restored = restored = g_string_sized_new (64);

  foreach_word_span (text, e.n_text, emit_span, &e);
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
  int rc;

  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);

  api = get_fts5_api (db);
  if (api == NULL)
    return SQLITE_ERROR;

  rc = api->xCreateTokenizer (api, ALAMA_SEARCH_TOKENIZER, NULL, &tokenizer, NULL);
  if (rc == SQLITE_OK)
    rc = _alama_search_positions_register (api);
  return rc;
}
