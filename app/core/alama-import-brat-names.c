/* alama-import-brat-names.c: names.tsv, the document names of a folder the
 * brat export wrote (see alama-export-brat.c): FILE<TAB>NAME a line, the name
 * with \\, \t, \n and \r escaped. */
#define G_LOG_DOMAIN "alama-import-brat"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama/alama-export.h"
#include "alama/alama-import.h"
#include "alama-import-private.h"

static gboolean
unescape_name (const char *escaped,
               GString    *out)
{
  for (const char *p = escaped; *p != '\0'; p++)
    {
      if (*p != '\\')
        {
          g_string_append_c (out, *p);
          continue;
        }
      switch (*++p)
        {
        case '\\': g_string_append_c (out, '\\'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        default: return FALSE;
        }
    }
  return TRUE;
}

GHashTable *
_alama_import_brat_read_names (const char  *folder,
                               GError     **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *path = g_build_filename (folder, ALAMA_BRAT_NAMES_FILE, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&names);
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_IO,
                   _("cannot read %s: %s"), path, local_error->message);
      return NULL;
    }
  if ((text = _alama_import_text_from_bytes (path, contents, len, error)) == NULL)
    return NULL;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GString) name = g_string_new (NULL);
      gsize line_len = strlen (lines[i]);
      char *tab;

      if (line_len > 0 && lines[i][line_len - 1] == '\r')
        lines[i][line_len - 1] = '\0';
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      tab = strchr (lines[i], '\t');
      if (tab == NULL || tab == lines[i] || !unescape_name (tab + 1, name))
        {
          g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                       _("%s line %u: expected FILE, a tab and a document name "
                         "(with \\\\, \\t, \\n, \\r escaped)"), path, i + 1);
          return NULL;
        }
      *tab = '\0';
      g_hash_table_insert (names, g_strdup (lines[i]), g_string_free (g_steal_pointer (&name), FALSE));
    }

  return g_steal_pointer (&names);
}
