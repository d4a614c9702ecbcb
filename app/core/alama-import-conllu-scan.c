/* alama-import-conllu-scan.c: what alama-import-conllu.c reads from a whole
 * CoNLL-U file before its sentences, and the MISC column's key=value items.
 *
 * Where the entity tags are when no option says: NE=, NER= or Entity= in
 * MISC; else the one column after FORM that holds only tags (flair writes
 * "ID FORM UPOS NER MISC"); else, when another MISC key holds only tags, that
 * key, which the import names rather than read unasked or leave out unsaid.
 */
#define G_LOG_DOMAIN "alama-import-conllu"

#include "config.h"

#include <string.h>

#include "alama-import-private.h"

/* The value of @key in a MISC column ("SpaceAfter=No|NE=B-PER"), or NULL. */
char *
_alama_conllu_misc_value (const char *misc,
            const char *key)
{
  g_auto(GStrv) items = NULL;
  gsize key_len = strlen (key);

  if (misc == NULL || strcmp (misc, "_") == 0)
    return NULL;
  items = g_strsplit (misc, "|", -1);
  for (guint i = 0; items[i] != NULL; i++)
    if (strncmp (items[i], key, key_len) == 0 && items[i][key_len] == '=')
      return g_strdup (items[i] + key_len + 1);
  return NULL;
}

/* A strict tag: O or X-LABEL with X one of B I E S L U. */
static gboolean
is_strict_tag (const char *value,
               gboolean   *labelled)
{
  if (strcmp (value, "O") == 0)
    return TRUE;
  if (value[0] != '\0' && strchr ("BIESLU", value[0]) != NULL && value[1] == '-' &&
      value[2] != '\0')
    {
      *labelled = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* Without an option and without a NE, NER or Entity key in any MISC, the
 * tags may be a column of their own (flair writes "ID FORM UPOS NER MISC"):
 * the one column after FORM whose every value is a tag, one at least not O.
 * 0 when there is none, or more than one. */
guint
_alama_conllu_find_tag_column (const char *content,
                 gboolean   *has_ner_key)
{
  static const char * const keys[] = { "NE", "NER", "Entity", NULL };
  gboolean all_tags[CONLLU_COLUMNS + 1], labelled[CONLLU_COLUMNS + 1];
  guint found = 0;

  for (guint c = 0; c <= CONLLU_COLUMNS; c++)
    {
      all_tags[c] = TRUE;
      labelled[c] = FALSE;
    }

  for (const char *line = content; *line != '\0'; )
    {
      const char *eol = strchr (line, '\n');
      gsize n = (eol != NULL) ? (gsize) (eol - line) : strlen (line);
      g_autofree char *copy = g_strndup (line, n);
      g_auto(GStrv) fields = NULL;
      guint n_fields;

      line += n + (eol != NULL ? 1 : 0);
      g_strchomp (copy);
      if (copy[0] == '\0' || copy[0] == '#')
        continue;
      fields = g_strsplit (copy, "\t", -1);
      n_fields = g_strv_length (fields);
      if (strchr (fields[0], '-') != NULL || strchr (fields[0], '.') != NULL)
        continue;   /* multiword tokens and empty nodes have "_" */
      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_autofree char *value = _alama_conllu_misc_value (fields[n_fields >= CONLLU_COLUMNS ? CONLLU_MISC
                                                      : n_fields - 1], keys[k]);

          if (value != NULL)
            {
              *has_ner_key = TRUE;
              return 0;
            }
        }
      for (guint c = 3; c <= CONLLU_COLUMNS; c++)
        if (c > n_fields || !is_strict_tag (fields[c - 1], &labelled[c]))
          all_tags[c] = FALSE;
    }

  for (guint c = 3; c <= CONLLU_COLUMNS; c++)
    if (all_tags[c] && labelled[c])
      {
        if (found != 0)
          return 0;
        found = c;
      }
  return found;
}

typedef struct
{
  gboolean all_tags;
  gboolean labelled;
  guint    line;        /* first line with a labelled tag */
} KeyScan;

/* A MISC key other than NE, NER and Entity whose every value is a tag, one at
 * least not O ("NamedEntity=B-PER"), or NULL; *line is where it first tags. */
char *
_alama_conllu_find_tag_misc_key (const char *content,
                   guint      *line_of_tag)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;
  char *found = NULL;
  guint line_no = 0;

  for (const char *line = content; *line != '\0'; )
    {
      const char *eol = strchr (line, '\n');
      gsize n = (eol != NULL) ? (gsize) (eol - line) : strlen (line);
      g_autofree char *copy = g_strndup (line, n);
      g_auto(GStrv) fields = NULL;
      g_auto(GStrv) items = NULL;
      guint n_fields;

      line += n + (eol != NULL ? 1 : 0);
      line_no++;
      g_strchomp (copy);
      if (copy[0] == '\0' || copy[0] == '#')
        continue;
      fields = g_strsplit (copy, "\t", -1);
      n_fields = g_strv_length (fields);
      if (n_fields < 3)
        continue;
      items = g_strsplit (fields[n_fields >= CONLLU_COLUMNS ? CONLLU_MISC : n_fields - 1], "|", -1);
      for (guint i = 0; items[i] != NULL; i++)
        {
          char *eq = strchr (items[i], '=');
          KeyScan *scan;
          gboolean labelled = FALSE;

          if (eq == NULL)
            continue;
          *eq = '\0';
          if ((scan = g_hash_table_lookup (keys, items[i])) == NULL)
            {
              scan = g_new0 (KeyScan, 1);
              scan->all_tags = TRUE;
              g_hash_table_insert (keys, g_strdup (items[i]), scan);
            }
          if (!is_strict_tag (eq + 1, &labelled))
            scan->all_tags = FALSE;
          else if (labelled && !scan->labelled)
            {
              scan->labelled = TRUE;
              scan->line = line_no;
            }
        }
    }

  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      KeyScan *scan = value;

      if (scan->all_tags && scan->labelled && (found == NULL || strcmp (key, found) < 0))
        {
          found = key;
          *line_of_tag = scan->line;
        }
    }
  return g_strdup (found);
}

gboolean
_alama_conllu_has_newdoc (const char *content)
{
  for (const char *line = content; line != NULL; line = strchr (line, '\n'))
    {
      if (*line == '\n')
        line++;
      if (line[0] == '#')
        {
          const char *p = line + 1;

          while (*p == ' ' || *p == '\t')
            p++;
          if (g_str_has_prefix (p, "newdoc") &&
              (p[6] == '\0' || p[6] == ' ' || p[6] == '=' || p[6] == '\r' || p[6] == '\n'))
            return TRUE;
        }
    }
  return FALSE;
}
