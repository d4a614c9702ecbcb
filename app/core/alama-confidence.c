/* alama-confidence.c: see alama-confidence-private.h. */
#define G_LOG_DOMAIN "alama-confidence"

#include "config.h"

#include <alama/alama-tagger-model.h>

#include "alama-confidence-private.h"
#include "alama-span-attributes-private.h"

gboolean
_alama_confidence_parse (const char *value,
                         double     *confidence)
{
  char *end = NULL;
  double parsed;

  if (value == NULL || *value == '\0')
    return FALSE;
  parsed = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !(parsed >= 0.0 && parsed <= 1.0))
    return FALSE;
  if (confidence != NULL)
    *confidence = parsed;
  return TRUE;
}

static void
confidence_function (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  /* The column as a span reads it, so that SQL and C agree on every row,
   * including text that is not the store's own ("{}": no table at all). */
  g_autoptr(GHashTable) attributes =
    _alama_span_attributes_new_from_json ((const char *) sqlite3_value_text (argv[0]));
  double confidence;

  if (attributes != NULL &&
      _alama_confidence_parse (g_hash_table_lookup (attributes,
                                                    ALAMA_TAGGER_MODEL_CONFIDENCE_ATTRIBUTE),
                               &confidence))
    sqlite3_result_double (context, confidence);
  else
    sqlite3_result_null (context);
}

int
_alama_confidence_register (sqlite3 *db)
{
  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);

  return sqlite3_create_function (db, "alama_confidence", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, confidence_function, NULL, NULL);
}
