/* fuzz-schema.c: a schema key file (.ini) from arbitrary bytes; a schema that
 * loads must also survive being written out and read back. */
#define G_LOG_DOMAIN "fuzz-schema"

#include "config.h"

#include <stdlib.h>

#include "fuzz-util.h"
#include "alama/alama-schema.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(AlamaSchema) schema = NULL;
  g_autoptr(AlamaSchema) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  gsize written_len = 0;

  schema = alama_schema_from_keyfile_data ((const char *) data, size, &error);
  if (schema == NULL)
    {
      if (error == NULL || error->message == NULL)
        abort ();
      return 0;
    }

  /* Lookups a loaded schema is asked for all the time. */
  for (guint i = 0; i < schema->labels->len; i++)
    {
      const AlamaLabel *label = g_ptr_array_index (schema->labels, i);
      g_autoptr(GPtrArray) attributes = alama_schema_attributes_for (schema, label->key);
      g_autoptr(GPtrArray) types = alama_schema_relation_types_for (schema, label->key, label->key);

      if (alama_schema_find_label (schema, label->key) == NULL || attributes == NULL ||
          types == NULL)
        abort ();
    }

  /* What we write we must be able to read back. */
  written = alama_schema_to_keyfile_data (schema, &written_len);
  again = alama_schema_from_keyfile_data (written, written_len, &error);
  if (again == NULL || again->labels->len != schema->labels->len ||
      again->relation_types->len != schema->relation_types->len)
    {
      g_printerr ("schema did not survive a round trip: %s\n%s\n",
                  error ? error->message : "(counts differ)", written);
      abort ();
    }
  return 0;
}
