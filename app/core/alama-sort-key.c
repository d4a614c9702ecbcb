/* alama-sort-key.c: the order documents are listed in, kept in the project.
 *
 * The sidebar and search results list documents in natural name order ("doc 2"
 * before "doc 10"). Working that order out when a project opens costs a
 * collation key per document, which at a hundred thousand documents is most of
 * the time to the first frame. So each document's key is kept in the file
 * (table document_order, indexed), written by a trigger when a document is
 * added, and readers take the documents in index order.
 *
 * A key kept in a file must not depend on the reader's locale or library
 * versions, so this is not g_utf8_collate_key_for_filename(): the name is
 * NFKC-normalised and case-folded, and each run of decimal digits (ASCII,
 * Arabic-Indic or Eastern Arabic-Indic) becomes a marker byte, its count of
 * significant digits (4 bytes, big-endian) and those digits as ASCII, so runs
 * compare by value. Everything else compares by code point (the keys are
 * compared with memcmp, as SQLite compares BLOBs). Names with equal keys are
 * ordered by their bytes, then by id.
 *
 * Changing the key changes the order of every project: it needs a migration
 * that recomputes document_order.
 */
#define G_LOG_DOMAIN "alama-sort-key"

#include "config.h"

#include <string.h>

#include "alama-sort-key-private.h"

/* Lower than any byte of a UTF-8 character the key keeps (control characters
 * below it are raised to it), so a number sorts before any letter. */
#define NUMBER_MARKER 0x01

static void
append_number (GByteArray *key,
               const char *digits,
               guint       n_digits)
{
  guint8 header[5] = { NUMBER_MARKER,
                       (n_digits >> 24) & 0xff, (n_digits >> 16) & 0xff,
                       (n_digits >> 8) & 0xff, n_digits & 0xff };

  g_byte_array_append (key, header, sizeof header);
  g_byte_array_append (key, (const guint8 *) digits, n_digits);
}

GByteArray *
_alama_sort_key_new (const char *name)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GString) digits = g_string_new (NULL);
  GByteArray *key = g_byte_array_new ();
  const char *p;

  g_return_val_if_fail (name != NULL, key);

  normal = g_utf8_normalize (name, -1, G_NORMALIZE_ALL_COMPOSE);
  folded = g_utf8_casefold (normal != NULL ? normal : name, -1);

  for (p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int value = g_unichar_digit_value (c);

      if (value >= 0)
        {
          /* Leading zeros do not count: "07" and "7" are the same number. */
          if (digits->len == 1 && digits->str[0] == '0')
            g_string_truncate (digits, 0);
          g_string_append_c (digits, (char) ('0' + value));
          continue;
        }
      if (digits->len > 0)
        {
          append_number (key, digits->str, digits->len);
          g_string_truncate (digits, 0);
        }
      if (c <= NUMBER_MARKER)
        {
          guint8 raised = NUMBER_MARKER + 1;
          g_byte_array_append (key, &raised, 1);
        }
      else
        g_byte_array_append (key, (const guint8 *) p, g_utf8_next_char (p) - p);
    }
  if (digits->len > 0)
    append_number (key, digits->str, digits->len);

  return key;
}

int
_alama_sort_key_compare (const guint8 *a,
                         gsize         a_len,
                         const guint8 *b,
                         gsize         b_len)
{
  /* An empty key's data may be NULL, which memcmp must not be given. */
  int cmp = MIN (a_len, b_len) > 0 ? memcmp (a, b, MIN (a_len, b_len)) : 0;

  if (cmp != 0)
    return cmp;
  return (a_len > b_len) - (a_len < b_len);
}

int
_alama_sort_key_compare_names (const char *a,
                               const char *b)
{
  g_autoptr(GByteArray) key_a = _alama_sort_key_new (a);
  g_autoptr(GByteArray) key_b = _alama_sort_key_new (b);
  int cmp = _alama_sort_key_compare (key_a->data, key_a->len, key_b->data, key_b->len);

  return cmp != 0 ? cmp : strcmp (a, b);
}

/* alama_sort_key(name) in SQL: the key as a BLOB. */
static void
sort_key_function (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  const char *name = (const char *) sqlite3_value_text (argv[0]);
  g_autoptr(GByteArray) key = NULL;

  if (name == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  key = _alama_sort_key_new (name);
  sqlite3_result_blob (context, key->data, key->len, SQLITE_TRANSIENT);
}

int
_alama_sort_key_register (sqlite3 *db)
{
  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);

  return sqlite3_create_function (db, "alama_sort_key", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, sort_key_function, NULL, NULL);
}
