/* alama-search-window.c: where in a document a query can be, without loading
 * the document.
 *
 * A document is read from SQLite in pieces (sqlite3_blob_read on
 * documents.text). An anchor finds the byte positions where the query could
 * start with a fast scan of the raw UTF-8 (memchr for one letter of the query
 * word, then a folded comparison of the bytes around it), and alama-search.c
 * runs the exact analysis only on a window around each of them. Windows are
 * cut where ICU always breaks words, whatever comes before or after, so the
 * words of a window are the words of the whole text.
 */
#define G_LOG_DOMAIN "alama-search"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "alama/alama-arabic.h"
#include "alama-search-private.h"

/* ---- Reading ------------------------------------------------------------------- */

struct _AlamaSearchReader
{
  sqlite3      *db;
  sqlite3_blob *blob;
  gsize         size;
  gboolean      failed;   /* a read failed; the caller reports sqlite3_errmsg() */
  gint64        saved_cache_size;   /* 0: the page cache was left as it was */
};

/* A document at least this large is streamed through a small page cache. */
#define STREAM_BYTES (4 * ALAMA_SEARCH_CHUNK_BYTES)
#define STREAM_CACHE_SIZE "-1024"

static gint64
get_cache_size (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 size = 0;

  if (sqlite3_prepare_v2 (db, "PRAGMA cache_size", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return size;
}

static void
set_cache_size (sqlite3    *db,
                const char *size)
{
  g_autofree char *sql = g_strconcat ("PRAGMA cache_size = ", size, NULL);

  sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* A large text is read once from start to end. Through the store's large page
 * cache every one of its pages would be given a new cache slot, which costs
 * several times the read itself, and the pages would push out the ones that
 * other reads come back to. A small cache recycles its slots. */
static void
stream_through_small_cache (AlamaSearchReader *reader)
{
  gint64 size;

  if (reader->size < STREAM_BYTES || (size = get_cache_size (reader->db)) == 0)
    return;
  reader->saved_cache_size = size;
  set_cache_size (reader->db, STREAM_CACHE_SIZE);
}

AlamaSearchReader *
_alama_search_reader_open (sqlite3 *db,
                           gint64   document_id)
{
  AlamaSearchReader *reader;
  sqlite3_blob *blob = NULL;

  if (sqlite3_blob_open (db, "main", "documents", "text", document_id, 0, &blob) != SQLITE_OK)
    {
      sqlite3_blob_close (blob);
      return NULL;
    }
  reader = g_new0 (AlamaSearchReader, 1);
  reader->db = db;
  reader->blob = blob;
  reader->size = (gsize) sqlite3_blob_bytes (blob);
  stream_through_small_cache (reader);
  return reader;
}

void
_alama_search_reader_free (AlamaSearchReader *reader)
{
  if (reader == NULL)
    return;
  sqlite3_blob_close (reader->blob);
  if (reader->saved_cache_size != 0)
    {
      char size[32];

      g_snprintf (size, sizeof size, "%" G_GINT64_FORMAT, reader->saved_cache_size);
      set_cache_size (reader->db, size);
    }
  g_free (reader);
}

gsize
_alama_search_reader_get_size (AlamaSearchReader *reader)
{
  return reader->size;
}

gboolean
_alama_search_reader_failed (AlamaSearchReader *reader)
{
  return reader->failed;
}

gsize
_alama_search_reader_read_into (AlamaSearchReader *reader,
                                gsize              from,
                                gsize              to,
                                char              *buffer)
{
  from = MIN (from, reader->size);
  to = CLAMP (to, from, reader->size);
  if (to > from &&
      sqlite3_blob_read (reader->blob, buffer, (int) (to - from), (int) from) != SQLITE_OK)
    {
      reader->failed = TRUE;
      to = from;
    }
  buffer[to - from] = '\0';
  return to - from;
}

char *
_alama_search_reader_read (AlamaSearchReader *reader,
                           gsize              from,
                           gsize              to,
                           gsize             *out_len)
{
  char *buffer = g_malloc (MIN (to, reader->size) - MIN (from, MIN (to, reader->size)) + 1);
  gsize len = _alama_search_reader_read_into (reader, from, to, buffer);

  if (out_len != NULL)
    *out_len = len;
  return buffer;
}

gint64
_alama_search_count_chars (const char *bytes,
                           gsize       len)
{
  const guchar *b = (const guchar *) bytes;
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  gint64 continuation = 0;
  gsize i = 0;

  /* Every byte but a UTF-8 continuation byte (10xxxxxx) starts a code point.
   * Eight bytes at a time: a continuation byte has its top bit set and the
   * next one clear, and that leaves a 1 in the byte's own top bit; the 1s are
   * summed per byte (at most 255 words per round, so no byte carries over),
   * then the byte sums are added in pairs into 16-bit lanes and the four lanes
   * by one multiplication. */
  while (len - i >= 8)
    {
      guint64 sums = 0;
      gsize words = MIN ((len - i) / 8, 255);

      for (gsize w = 0; w < words; w++, i += 8)
        {
          guint64 x;

          memcpy (&x, b + i, 8);
          sums += ((x & ~(x << 1)) & high) >> 7;
        }
      sums = (sums & G_GUINT64_CONSTANT (0x00FF00FF00FF00FF)) +
             ((sums >> 8) & G_GUINT64_CONSTANT (0x00FF00FF00FF00FF));
      continuation += (gint64) ((sums * G_GUINT64_CONSTANT (0x0001000100010001)) >> 48);
    }
  for (; i < len; i++)
    continuation += (b[i] & 0xC0) == 0x80;
  return (gint64) len - continuation;
}

/* ---- Cuts ------------------------------------------------------------------------ */

#define CUT_STEP 4096

gsize
_alama_search_reader_cut_before (AlamaSearchReader *reader,
                                 gsize              byte)
{
  /* CUT_STEP bytes, the two after them, and the NUL read_into() ends with. */
  g_autofree char *block = g_malloc (CUT_STEP + 3);
  gsize end = MIN (byte, reader->size);

  /* Looks at blocks [from, end + 1) backwards: a cut at i needs bytes i-1 and
   * i, i+1. */
  while (end > 0)
    {
      gsize from = end > CUT_STEP ? end - CUT_STEP : 0;
      gsize len = _alama_search_reader_read_into (reader, from, end + 2, block);

      for (gsize i = end; i > from && i > 0; i--)
        if (i - from < len && _alama_search_is_cut ((const guchar *) block, len, i - from))
          return i;
      if (reader->failed)
        return 0;
      end = from;
    }
  return 0;
}

gsize
_alama_search_reader_cut_after (AlamaSearchReader *reader,
                                gsize              byte)
{
  g_autofree char *block = g_malloc (CUT_STEP + 3);
  gsize from = MAX (byte, 1);

  while (from < reader->size)
    {
      gsize len = _alama_search_reader_read_into (reader, from - 1, from + CUT_STEP + 1, block);

      for (gsize i = 1; i + 1 < len || (i < len && from - 1 + len == reader->size); i++)
        if (_alama_search_is_cut ((const guchar *) block, len, i))
          return from - 1 + i;
      if (reader->failed)
        break;
      from += CUT_STEP;
    }
  return reader->size;
}

/* ---- Anchors ----------------------------------------------------------------------- */

/* What a character of the Arabic block (U+0600–U+06FF) or ASCII folds to on its
 * own: a code point, DROPPED, or UNSURE (a mark that composes with the letter
 * before it, ؤ from و + hamza above, or that NFC may reorder). */
#define DROPPED 0
#define UNSURE  (-1)

typedef struct
{
  gint32 ascii[0x80];
  gint32 arabic[0x100];
} FoldTable;

static void
fold_table_init (FoldTable *t)
{
  for (gunichar c = 1; c < 0x80; c++)
    t->ascii[c] = (gint32) g_ascii_tolower ((char) c);
  t->ascii[0] = UNSURE;
  for (gunichar c = 0x0600; c <= 0x06FF; c++)
    {
      char utf8[8] = { 0, };
      g_autofree char *norm = NULL;
      gint32 *entry = &t->arabic[c - 0x0600];

      g_unichar_to_utf8 (c, utf8);
      norm = alama_arabic_normalize (utf8, ALAMA_ARABIC_FOLD_DEFAULT, NULL);
      if (c >= 0x0653 && c <= 0x0655)
        *entry = UNSURE;
      else if (*norm == '\0')
        *entry = DROPPED;
      else if (g_unichar_combining_class (c) != 0 || g_utf8_strlen (norm, -1) != 1)
        *entry = UNSURE;
      else
        *entry = (gint32) g_utf8_get_char (norm);
    }
}

/* Decodes the character at @b[i] (i < len) into *c and its length; FALSE when
 * it is not a one- or two-byte character wholly inside the buffer. */
static gboolean
decode_short (const guchar *b,
              gsize         len,
              gsize         i,
              gunichar     *c,
              gsize        *n)
{
  if (b[i] < 0x80)
    {
      *c = b[i];
      *n = 1;
      return TRUE;
    }
  if ((b[i] & 0xE0) == 0xC0 && i + 1 < len && (b[i + 1] & 0xC0) == 0x80)
    {
      *c = ((gunichar) (b[i] & 0x1F) << 6) | (b[i + 1] & 0x3F);
      *n = 2;
      return TRUE;
    }
  return FALSE;
}

static gint32
fold_short (const FoldTable *t,
            gunichar         c)
{
  if (c < 0x80)
    return t->ascii[c];
  if (c >= 0x0600 && c <= 0x06FF)
    return t->arabic[c - 0x0600];
  return UNSURE;
}

struct _AlamaSearchAnchor
{
  gboolean   exact;
  char      *raw;          /* exact: the query as typed */
  gsize      raw_len;
  /* folded: */
  gunichar  *needle;       /* what the first query word's match holds, folded */
  glong      needle_len;
  gunichar   letter;       /* the rarest letter of the needle, scanned for */
  GArray    *variants;     /* char[4]: UTF-8 of each character folding to letter */
  gboolean   presentation; /* presentation forms (U+FB50–U+FEFE) may hold letter */
  FoldTable  table;
};

/* Arabic letters from the most to the least frequent in news text; the anchor
 * is the needle's letter latest in this list. Digits count as rare-ish. */
static const char letters_by_frequency[] =
  "اليمونهربتعدسفكقحجشطصخزثضغذظء";

static int
rarity (gunichar c)
{
  const char *p;
  int rank = 0;

  if (c >= '0' && c <= '9')
    return 10;
  for (p = letters_by_frequency; *p != '\0'; p = g_utf8_next_char (p), rank++)
    if (g_utf8_get_char (p) == c)
      return rank;
  return -1;   /* not a letter we can scan for: ؤ ئ may come from a base + mark */
}

static void
anchor_add_variant (AlamaSearchAnchor *anchor,
                    gunichar           c)
{
  char utf8[4] = { 0, };

  g_unichar_to_utf8 (c, utf8);
  g_array_append_vals (anchor->variants, utf8, 1);
}

AlamaSearchAnchor *
_alama_search_anchor_new_exact (const char *raw)
{
  AlamaSearchAnchor *anchor = g_new0 (AlamaSearchAnchor, 1);

  anchor->exact = TRUE;
  anchor->raw = g_strdup (raw);
  anchor->raw_len = strlen (raw);
  return anchor;
}

#define ARTICLE "\xD8\xA7\xD9\x84"   /* ال */

AlamaSearchAnchor *
_alama_search_anchor_new_folded (const char *first_word)
{
  g_autoptr(AlamaSearchAnchor) anchor = g_new0 (AlamaSearchAnchor, 1);
  int best = -1;

  /* الرئيس is found in للرئيس, which holds only its لرئيس. */
  if (g_str_has_prefix (first_word, ARTICLE) && first_word[strlen (ARTICLE)] != '\0')
    first_word += strlen ("\xD8\xA7");
  anchor->needle = g_utf8_to_ucs4_fast (first_word, -1, &anchor->needle_len);
  for (glong k = 0; k < anchor->needle_len; k++)
    {
      int r = rarity (anchor->needle[k]);

      if (r > best)
        {
          best = r;
          anchor->letter = anchor->needle[k];
        }
    }
  if (best < 0)
    return NULL;   /* nothing to scan for: every window is read */

  fold_table_init (&anchor->table);
  anchor->variants = g_array_new (FALSE, TRUE, 4);
  anchor_add_variant (anchor, anchor->letter);
  for (gunichar c = 0x0600; c <= 0x06FF; c++)
    if (c != anchor->letter && anchor->table.arabic[c - 0x0600] == (gint32) anchor->letter)
      anchor_add_variant (anchor, c);
  anchor->presentation = anchor->letter >= 0x0600;
  return g_steal_pointer (&anchor);
}

void
_alama_search_anchor_free (AlamaSearchAnchor *anchor)
{
  if (anchor == NULL)
    return;
  g_free (anchor->raw);
  g_free (anchor->needle);
  g_clear_pointer (&anchor->variants, g_array_unref);
  g_free (anchor);
}

/* The next folded character at or after *i, or UNSURE (also at the end of the
 * buffer, or when a mark that may compose with it follows). */
static gint32
folded_next (const AlamaSearchAnchor *a,
             const guchar            *b,
             gsize                    len,
             gsize                   *i)
{
  while (*i < len)
    {
      gunichar c, after;
      gsize n, n_after;
      gint32 f;

      if (!decode_short (b, len, *i, &c, &n))
        return UNSURE;
      *i += n;
      f = fold_short (&a->table, c);
      if (f == DROPPED)
        continue;
      if (f == UNSURE)
        return UNSURE;
      if (*i < len && b[*i] >= 0x80 &&
          (!decode_short (b, len, *i, &after, &n_after) || fold_short (&a->table, after) == UNSURE))
        return UNSURE;
      return f;
    }
  return UNSURE;
}

/* The folded character before *i, or UNSURE. */
static gint32
folded_prev (const AlamaSearchAnchor *a,
             const guchar            *b,
             gsize                    len,
             gsize                   *i)
{
  while (*i > 0)
    {
      gsize start = *i - 1;
      gunichar c;
      gsize n;
      gint32 f;

      while (start > 0 && (b[start] & 0xC0) == 0x80 && *i - start < 4)
        start--;
      if (!decode_short (b, len, start, &c, &n) || start + n != *i)
        return UNSURE;
      *i = start;
      f = fold_short (&a->table, c);
      if (f == DROPPED)
        continue;
      return f;
    }
  return UNSURE;
}

/* Whether the needle can be read around the anchor letter at @b[p] (of @n
 * bytes): FALSE only when a character that surely folds to something else is
 * in the way. */
static gboolean
folded_may_match (const AlamaSearchAnchor *a,
                  const guchar            *b,
                  gsize                    len,
                  gsize                    p,
                  gsize                    n)
{
  for (glong k = 0; k < a->needle_len; k++)
    {
      gboolean ok = TRUE;
      gsize i;

      if (a->needle[k] != a->letter)
        continue;
      i = p + n;
      for (glong m = k + 1; ok && m < a->needle_len; m++)
        {
          gint32 f = folded_next (a, b, len, &i);

          if (f == UNSURE)
            return TRUE;
          ok = (gunichar) f == a->needle[m];
        }
      i = p;
      for (glong m = k - 1; ok && m >= 0; m--)
        {
          gint32 f = folded_prev (a, b, len, &i);

          if (f == UNSURE)
            return TRUE;
          ok = (gunichar) f == a->needle[m];
        }
      if (ok)
        return TRUE;
    }
  return FALSE;
}

static int
compare_gsize (const void *x,
               const void *y)
{
  gsize a = *(const gsize *) x, b = *(const gsize *) y;

  return (a > b) - (a < b);
}

gboolean
_alama_search_anchor_is_exact (const AlamaSearchAnchor *anchor)
{
  return anchor->exact;
}

void
_alama_search_anchor_find (const AlamaSearchAnchor *anchor,
                           const char              *buffer,
                           gsize                    len,
                           gsize                    limit,
                           GArray                  *positions)
{
  const guchar *b = (const guchar *) buffer;
  guint first = positions->len;

  if (anchor->exact)
    {
      const char *p = buffer;

      /* The buffer ends in a NUL and holds none (documents are valid UTF-8
       * without NULs), so strstr() sees all of it. */
      while ((p = strstr (p, anchor->raw)) != NULL && (gsize) (p - buffer) < limit)
        {
          gsize at = (gsize) (p - buffer);

          g_array_append_val (positions, at);
          p = g_utf8_next_char (p);
        }
      return;
    }

  for (guint v = 0; v < anchor->variants->len; v++)
    {
      const char *variant = &g_array_index (anchor->variants, char, v * 4);
      gsize n = strnlen (variant, 4);
      guchar last = (guchar) variant[n - 1];
      const guchar *p = b + n - 1;

      /* The last byte of a two-byte letter is rare in Arabic text but for
       * that letter: memchr for it, then check the rest. */
      while (p < b + len && (p = memchr (p, last, (gsize) (b + len - p))) != NULL)
        {
          gsize at = (gsize) (p - b) - (n - 1);

          if (at >= limit)
            break;
          if (memcmp (b + at, variant, n) == 0 && folded_may_match (anchor, b, len, at, n))
            g_array_append_val (positions, at);
          p++;
        }
    }

  /* A presentation form (ﻻ) is decomposed by NFKC: read a window there. */
  for (const guchar *p = b; anchor->presentation && p < b + len &&
       (p = memchr (p, 0xEF, (gsize) (b + len - p))) != NULL; p++)
    {
      gsize at = (gsize) (p - b);

      if (at >= limit)
        break;
      if (at + 2 < len)
        {
          gunichar c = ((gunichar) (p[0] & 0x0F) << 12) | ((gunichar) (p[1] & 0x3F) << 6) |
                       (p[2] & 0x3F);

          if ((c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE))
            g_array_append_val (positions, at);
        }
    }

  if (positions->len > first)
    {
      GArray *tail = positions;
      guint out = first;

      qsort (&g_array_index (tail, gsize, first), tail->len - first, sizeof (gsize),
             compare_gsize);
      for (guint i = first; i < tail->len; i++)
        if (out == first || g_array_index (tail, gsize, i) != g_array_index (tail, gsize, out - 1))
          g_array_index (tail, gsize, out++) = g_array_index (tail, gsize, i);
      g_array_set_size (tail, out);
    }
}
