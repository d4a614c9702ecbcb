/* alama-export-brat.c: a brat folder: NAME.txt + NAME.ann per document,
 * annotation.conf (alama-export-brat-conf.c) from the schema and what the .ann
 * files hold, visual.conf from the schema, and names.tsv mapping each
 * NAME (a portable file name) to its document's name.
 *
 * .txt is the stored text byte for byte, so brat's code point offsets are ours.
 * T and E ids reuse the id a span was imported with when it is a valid, unique
 * id (the kept unmodelled lines of an imported brat file refer to them); other
 * spans get the next free number. A span of an event label is an event (see
 * document_ann). A discontinuous span is "s e;s e" with its
 * surface the pieces joined by a space. Statuses and sources have no place in
 * brat and are not written. Newlines and tabs inside a span's surface or a note
 * become spaces, as brat cannot hold them on one line.
 */
#define G_LOG_DOMAIN "alama-export-brat"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "alama-compare-private.h"
#include "alama-export-brat-conf-private.h"
#include "alama/alama-export.h"
#include "alama/alama-text.h"
#include "alama-export-private.h"
#include "alama-hash-private.h"

/* ---- File names and ids -------------------------------------------------------- */

/* A document name as a portable file name (without .txt/.ann): no : / \ * ? " < >
 * | or control characters, no leading dot, no trailing dot or space, no Windows
 * device name (CON, NUL, COM1 ...), at most MAX_STEM_BYTES of UTF-8 so that
 * ".ann" and a temporary suffix still fit in 255 bytes. A name that had to be
 * shortened, or that meets a name already used once case and Unicode
 * normalisation are folded (Windows and macOS fold them), gets "-" and the
 * first 8 hex digits of its SHA-256: stable from one export to the next.
 * names.tsv records every mapping, and the brat import reads it back. */
#define MAX_STEM_BYTES 180
#define HASH_SUFFIX_BYTES 9   /* "-" and 8 hex digits */

static gboolean
is_windows_device_name (const char *stem)
{
  static const char * const devices[] = { "CON", "PRN", "AUX", "NUL", NULL };
  const char *dot = strchr (stem, '.');
  gsize len = dot != NULL ? (gsize) (dot - stem) : strlen (stem);

  for (guint i = 0; devices[i] != NULL; i++)
    if (len == 3 && g_ascii_strncasecmp (stem, devices[i], 3) == 0)
      return TRUE;
  return len == 4 && (g_ascii_strncasecmp (stem, "COM", 3) == 0 ||
                      g_ascii_strncasecmp (stem, "LPT", 3) == 0) &&
         stem[3] >= '1' && stem[3] <= '9';
}

/* Cuts @stem to at most @max bytes on a character boundary. */
static void
truncate_utf8 (GString *stem,
               gsize    max)
{
  gsize len = MIN (stem->len, max);

  while (len > 0 && len < stem->len && (stem->str[len] & 0xC0) == 0x80)
    len--;
  g_string_truncate (stem, len);
}

static void
mend_ends (GString *stem)
{
  if (stem->len == 0)
    g_string_assign (stem, "document");
  if (stem->str[0] == '.')
    stem->str[0] = '_';
  if (stem->str[stem->len - 1] == '.' || stem->str[stem->len - 1] == ' ')
    stem->str[stem->len - 1] = '_';
}

static char *
folded_key (const char *stem)
{
  g_autofree char *normal = g_utf8_normalize (stem, -1, G_NORMALIZE_NFC);

  return g_utf8_casefold (normal, -1);
}

static char *
portable_file_name (const char *name,
                    GHashTable *used)   /* folded names already taken */
{
  g_autoptr(GString) stem = g_string_new (NULL);
  g_autofree char *hash = NULL;
  char *key;

  if (name == NULL)
    name = "";
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7F && c < 0xA0) || (c < 0x80 && strchr (":/\\*?\"<>|", c)))
        g_string_append_c (stem, '_');
      else
        g_string_append_unichar (stem, c);
    }
  mend_ends (stem);
  if (is_windows_device_name (stem->str))
    g_string_insert_c (stem, 0, '_');

  key = folded_key (stem->str);
  if (stem->len > MAX_STEM_BYTES || g_hash_table_contains (used, key))
    {
      hash = _alama_sha256_hex (name, strlen (name));
      truncate_utf8 (stem, MAX_STEM_BYTES - HASH_SUFFIX_BYTES);
      mend_ends (stem);
      g_string_append_printf (stem, "-%.8s", hash);
      g_free (key);
      key = folded_key (stem->str);
    }
  /* Two names with one hash prefix, or a name that is another's mapped form. */
  for (guint n = 2; g_hash_table_contains (used, key); n++)
    {
      g_autofree char *numbered = g_strdup_printf ("%s-%u", stem->str, n);

      g_free (key);
      key = folded_key (numbered);
      if (!g_hash_table_contains (used, key))
        g_string_assign (stem, numbered);
    }
  g_hash_table_add (used, key);

  return g_strdup (stem->str);
}

/* names.tsv: "FILE<TAB>DOCUMENT NAME" a line, the name with \\, \t, \n and \r
 * escaped. brat lists only the files whose name ends in "txt", so it ignores it. */
static void
append_name_row (GString    *out,
                 const char *file_name,
                 const char *name)
{
  g_string_append (out, file_name);
  g_string_append_c (out, '\t');
  for (const char *p = name; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default: g_string_append_c (out, *p); break;
      }
  g_string_append_c (out, '\n');
}

/* TRUE for "T12" when @prefix is 'T'. */
static gboolean
is_brat_id (const char *id,
            char        prefix)
{
  if (id == NULL || id[0] != prefix || id[1] == '\0')
    return FALSE;
  for (const char *p = id + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static char *
next_free_id (char        prefix,
              guint      *counter,
              GHashTable *used)
{
  char *id = NULL;

  do
    {
      g_free (id);
      id = g_strdup_printf ("%c%u", prefix, ++(*counter));
    }
  while (g_hash_table_contains (used, id));
  g_hash_table_add (used, g_strdup (id));

  return id;
}

/* ---- Unmodelled lines ------------------------------------------------------------ */

static GPtrArray *
unmodelled_lines (AlamaDocument *document)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *data = alama_document_get_format_data (document);
  JsonNode *root;
  JsonNode *brat;
  JsonNode *unmodelled;
  JsonArray *array;

  if (data == NULL || !json_parser_load_from_data (parser, data, -1, NULL))
    return lines;

  /* Only our own {"brat": {"unmodelled": [...]}}; other formats' data (CoNLL's
   * token layout, say) has no "brat" member and is ignored. json-glib's typed
   * getters complain about a missing member, so look each node up first. */
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return lines;
  brat = json_object_get_member (json_node_get_object (root), "brat");
  if (brat == NULL || !JSON_NODE_HOLDS_OBJECT (brat))
    return lines;
  unmodelled = json_object_get_member (json_node_get_object (brat), "unmodelled");
  if (unmodelled == NULL || !JSON_NODE_HOLDS_ARRAY (unmodelled))
    return lines;
  array = json_node_get_array (unmodelled);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *line = json_array_get_string_element (array, i);

      if (line != NULL)
        g_ptr_array_add (lines, g_strdup (line));
    }

  return lines;
}

/* ---- One document ------------------------------------------------------------------ */

static void
append_one_line (GString    *out,
                 const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (out, (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p);
}

/* An equivalence line: relations with the brat id ALAMA_BRAT_EQUIV_ID that
 * share a member are one "*<TAB>TYPE T1 T2 ..." line, members in the order
 * the relations name them (the order of the imported line). */
typedef struct
{
  char      *type;
  GPtrArray *members;   /* const char* T ids, borrowed from the document's */
} Equivalence;

static void
equivalence_free (Equivalence *equivalence)
{
  g_free (equivalence->type);
  g_ptr_array_unref (equivalence->members);
  g_free (equivalence);
}

static gboolean
has_member (Equivalence *equivalence,
            const char  *id)
{
  return g_ptr_array_find_with_equal_func (equivalence->members, id, g_str_equal, NULL);
}

static void
add_to_equivalence (GPtrArray  *equivalences,
                    const char *type,
                    const char *from,
                    const char *to)
{
  Equivalence *found = NULL;

  for (guint i = 0; i < equivalences->len; i++)
    {
      Equivalence *equivalence = g_ptr_array_index (equivalences, i);

      if (strcmp (equivalence->type, type) != 0 ||
          (!has_member (equivalence, from) && !has_member (equivalence, to)))
        continue;
      if (found == NULL)
        {
          found = equivalence;
          continue;
        }
      /* The relation joins two lines of one type: they become one. */
      for (guint m = 0; m < equivalence->members->len; m++)
        if (!has_member (found, equivalence->members->pdata[m]))
          g_ptr_array_add (found->members, equivalence->members->pdata[m]);
      g_ptr_array_remove_index (equivalences, i--);
    }
  if (found == NULL)
    {
      found = g_new0 (Equivalence, 1);
      found->type = g_strdup (type);
      found->members = g_ptr_array_new ();
      g_ptr_array_add (equivalences, found);
    }
  if (!has_member (found, from))
    g_ptr_array_add (found->members, (char *) from);
  if (!has_member (found, to))
    g_ptr_array_add (found->members, (char *) to);
}

static void
append_equivalences (GString   *out,
                     GPtrArray *equivalences)
{
  for (guint i = 0; i < equivalences->len; i++)
    {
      Equivalence *equivalence = g_ptr_array_index (equivalences, i);

      g_string_append (out, ALAMA_BRAT_EQUIV_ID "\t");
      _alama_export_append_token (out, equivalence->type);
      for (guint m = 0; m < equivalence->members->len; m++)
        g_string_append_printf (out, " %s", (char *) equivalence->members->pdata[m]);
      g_string_append_c (out, '\n');
    }
}

/* A normalisation attribute (ALAMA_BRAT_NORM_PREFIX) as brat writes it:
 * "N1<TAB>TYPE T1 DATABASE:ID<TAB><TAB>entry name". A value that is not
 * DATABASE:ID gets the database "Alama", so brat still reads the line. */
static void
append_normalization (GString    *out,
                      char       *id,   /* taken */
                      const char *type,
                      const char *target,
                      const char *value)
{
  g_autofree char *owned_id = id;
  const char *space = strchr (value, ' ');
  g_autofree char *ref = space ? g_strndup (value, space - value) : g_strdup (value);

  g_string_append_printf (out, "%s\t", owned_id);
  _alama_export_append_token (out, type);
  g_string_append_printf (out, " %s ", target);
  if (strchr (ref, ':') == NULL || ref[0] == ':' || g_str_has_suffix (ref, ":"))
    g_string_append (out, "Alama:");
  append_one_line (out, ref);
  if (space != NULL && space[1] != '\0')
    {
      g_string_append (out, "\t\t");
      append_one_line (out, space + 1);
    }
  g_string_append_c (out, '\n');
}

/* The T ids that kept (unmodelled) E lines use as triggers: a project imported
 * before events were modelled keeps them, and its trigger spans stay T's. */
static GHashTable *
kept_triggers (GPtrArray *unmodelled)
{
  GHashTable *triggers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < unmodelled->len; i++)
    {
      const char *line = g_ptr_array_index (unmodelled, i);
      const char *tab = strchr (line, '\t');
      const char *colon;
      gsize len;

      if (line[0] != 'E' || tab == NULL || (colon = strchr (tab, ':')) == NULL)
        continue;
      len = strcspn (colon + 1, " \t");
      g_hash_table_add (triggers, g_strndup (colon + 1, len));
    }
  return triggers;
}

static gboolean
is_event_span (AlamaSchema *schema,
               GHashTable  *kept,
               AlamaSpan   *span)
{
  const AlamaLabel *label = alama_schema_find_label (schema, span->label);

  if (label == NULL || label->kind != ALAMA_LABEL_KIND_EVENT)
    return FALSE;
  return !(is_brat_id (span->ext_id, 'T') && g_hash_table_contains (kept, span->ext_id));
}

/* A relation from an event's span is one of its arguments, the relation type
 * its role, unless it came from an R line (its brat id says so) or is an
 * equivalence: a relation drawn in Alama from a trigger is an argument. */
static gboolean
is_argument (GHashTable    *events,
             AlamaRelation *relation)
{
  return g_hash_table_contains (events, &relation->from_id) &&
         !is_brat_id (relation->ext_id, 'R') &&
         g_strcmp0 (relation->ext_id, ALAMA_BRAT_EQUIV_ID) != 0;
}

static void
append_text_bound (GString        *out,
                   AlamaTextIndex *index,
                   const char     *id,
                   AlamaSpan      *span)
{
  g_string_append_printf (out, "%s\t", id);
  _alama_export_append_token (out, span->label);
  g_string_append_c (out, ' ');
  for (guint f = 0; f < span->fragments->len; f++)
    {
      const AlamaFragment *fragment = &g_array_index (span->fragments, AlamaFragment, f);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                              f > 0 ? ";" : "", fragment->start, fragment->end);
    }
  g_string_append_c (out, '\t');
  for (guint f = 0; f < span->fragments->len; f++)
    {
      const AlamaFragment *fragment = &g_array_index (span->fragments, AlamaFragment, f);
      g_autofree char *piece = alama_text_index_substring (index, fragment->start, fragment->end);

      if (f > 0)
        g_string_append_c (out, ' ');
      append_one_line (out, piece);
    }
  g_string_append_c (out, '\n');
}

/* A trigger's label and fragments: events whose spans have the same share one
 * T line, as brat writes two events on one trigger. */
static char *
trigger_key (AlamaSpan *span)
{
  GString *key = g_string_new (span->label);

  for (guint f = 0; f < span->fragments->len; f++)
    {
      const AlamaFragment *fragment = &g_array_index (span->fragments, AlamaFragment, f);

      g_string_append_printf (key, "\t%" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                              fragment->start, fragment->end);
    }
  return g_string_free (key, FALSE);
}

/* The .ann of one document. A span of an event label (ALAMA_LABEL_KIND_EVENT)
 * is an event: a T line for its trigger and an E line "E1<TAB>TYPE:T3
 * ROLE:ID ..." whose arguments are its argument relations (is_argument), in
 * the order they were made; lines about the event name its E id. */
static char *
document_ann (const char  *text,
              AlamaSchema *schema,
              GPtrArray   *spans,
              GPtrArray   *relations,
              GPtrArray   *unmodelled)
{
  g_autoptr(AlamaTextIndex) index = alama_text_index_new (text);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ann_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr(GHashTable) events = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) trigger_ids =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) kept = kept_triggers (unmodelled);
  g_autoptr(GPtrArray) notes = g_ptr_array_new ();
  g_autoptr(GPtrArray) equivalences =
    g_ptr_array_new_with_free_func ((GDestroyNotify) equivalence_free);
  GString *out = g_string_new (NULL);
  guint t_counter = 0, e_counter = 0, r_counter = 0, a_counter = 0, n_counter = 0;
  guint note_counter = 0;

  /* Ids the kept lines use, then the spans' own T and E ids, are taken first. */
  for (guint i = 0; i < unmodelled->len; i++)
    {
      const char *line = g_ptr_array_index (unmodelled, i);
      const char *tab = strchr (line, '\t');

      g_hash_table_add (used, tab ? g_strndup (line, tab - line) : g_strdup (line));
    }
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);
      char prefix = 'T';

      if (is_event_span (schema, kept, span))
        {
          g_hash_table_add (events, &span->id);
          prefix = 'E';
        }
      if (is_brat_id (span->ext_id, prefix) && !g_hash_table_contains (used, span->ext_id))
        {
          g_hash_table_add (used, g_strdup (span->ext_id));
          g_hash_table_insert (ann_ids, &span->id, g_strdup (span->ext_id));
        }
    }
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      if (!g_hash_table_contains (ann_ids, &span->id))
        g_hash_table_insert (ann_ids, &span->id,
                             g_hash_table_contains (events, &span->id)
                             ? next_free_id ('E', &e_counter, used)
                             : next_free_id ('T', &t_counter, used));
    }

  /* T lines: entities, then each trigger once. */
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);
      g_autofree char *key = NULL;

      if (span->note != NULL)
        g_ptr_array_add (notes, span);
      if (!g_hash_table_contains (events, &span->id))
        {
          append_text_bound (out, index, g_hash_table_lookup (ann_ids, &span->id), span);
          continue;
        }
      key = trigger_key (span);
      if (!g_hash_table_contains (trigger_ids, key))
        {
          char *id = next_free_id ('T', &t_counter, used);

          append_text_bound (out, index, id, span);
          g_hash_table_insert (trigger_ids, g_steal_pointer (&key), id);
        }
    }

  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);
      g_autofree char *key = NULL;

      if (!g_hash_table_contains (events, &span->id))
        continue;
      key = trigger_key (span);
      g_string_append_printf (out, "%s\t", (char *) g_hash_table_lookup (ann_ids, &span->id));
      _alama_export_append_token (out, span->label);
      g_string_append_printf (out, ":%s", (char *) g_hash_table_lookup (trigger_ids, key));
      for (guint r = 0; r < relations->len; r++)
        {
          AlamaRelation *relation = g_ptr_array_index (relations, r);
          const char *target;

          if (relation->from_id != span->id || !is_argument (events, relation) ||
              (target = g_hash_table_lookup (ann_ids, &relation->to_id)) == NULL)
            continue;
          g_string_append_c (out, ' ');
          _alama_export_append_token (out, relation->type);
          g_string_append_printf (out, ":%s", target);
        }
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (relations, i);
      const char *from = g_hash_table_lookup (ann_ids, &relation->from_id);
      const char *to = g_hash_table_lookup (ann_ids, &relation->to_id);
      g_autofree char *id = NULL;

      if (from == NULL || to == NULL || is_argument (events, relation))
        continue;   /* an end that is not exported, or an event's argument */
      if (g_strcmp0 (relation->ext_id, ALAMA_BRAT_EQUIV_ID) == 0)
        {
          add_to_equivalence (equivalences, relation->type, from, to);
          continue;
        }
      if (is_brat_id (relation->ext_id, 'R') && !g_hash_table_contains (used, relation->ext_id))
        {
          id = g_strdup (relation->ext_id);
          g_hash_table_add (used, g_strdup (id));
        }
      else
        id = next_free_id ('R', &r_counter, used);

      g_string_append_printf (out, "%s\t", id);
      _alama_export_append_token (out, relation->type);
      g_string_append_printf (out, " Arg1:%s Arg2:%s\n", from, to);
    }
  append_equivalences (out, equivalences);

  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);
      const char *target = g_hash_table_lookup (ann_ids, &span->id);
      g_autofree gpointer *names = NULL;
      guint n = 0;

      if (span->attributes == NULL || g_hash_table_size (span->attributes) == 0)
        continue;
      names = g_hash_table_get_keys_as_array (span->attributes, &n);
      qsort (names, n, sizeof (gpointer), _alama_compare_strings);
      for (guint a = 0; a < n; a++)
        {
          const char *value = g_hash_table_lookup (span->attributes, names[a]);
          g_autofree char *id = NULL;

          if (g_str_equal (names[a], ALAMA_CANONICAL_ATTRIBUTE))
            {
              g_autofree char *reference = g_strconcat (ALAMA_BRAT_CANONICAL_REF " ", value,
                                                        NULL);

              append_normalization (out, next_free_id ('N', &n_counter, used), "Reference",
                                    target, reference);
              continue;
            }
          if (g_str_has_prefix (names[a], ALAMA_BRAT_NORM_PREFIX))
            {
              append_normalization (out, next_free_id ('N', &n_counter, used),
                                    names[a] + strlen (ALAMA_BRAT_NORM_PREFIX), target, value);
              continue;
            }

          id = next_free_id ('A', &a_counter, used);
          /* A binary attribute is written bare; import reads it back as "true". */
          g_string_append_printf (out, "%s\t", id);
          _alama_export_append_token (out, names[a]);
          g_string_append_printf (out, " %s", target);
          if (g_strcmp0 (value, "true") != 0)
            {
              g_string_append_c (out, ' ');
              append_one_line (out, value);
            }
          g_string_append_c (out, '\n');
        }
    }

  for (guint i = 0; i < notes->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (notes, i);
      g_autofree char *id = next_free_id ('#', &note_counter, used);

      g_string_append_printf (out, "%s\tAnnotatorNotes %s\t", id,
                              (char *) g_hash_table_lookup (ann_ids, &span->id));
      append_one_line (out, span->note);
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < unmodelled->len; i++)
    {
      g_string_append (out, g_ptr_array_index (unmodelled, i));
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* ---- visual.conf -------------------------------------------------------------------- */

static char *
visual_conf (AlamaSchema *schema)
{
  GString *out = g_string_new ("# Made by Alama from the project's schema.\n\n[labels]\n");

  for (guint i = 0; i < schema->labels->len; i++)
    {
      const AlamaLabel *label = g_ptr_array_index (schema->labels, i);

      /* The token first; the names shown are the keys as the project has them. */
      _alama_export_append_token (out, label->key);
      g_string_append_printf (out, " | %s | %s\n",
                              label->name_en ? label->name_en : label->key, label->key);
    }
  for (guint i = 0; i < schema->relation_types->len; i++)
    {
      const AlamaRelationType *type = g_ptr_array_index (schema->relation_types, i);

      _alama_export_append_token (out, type->key);
      g_string_append_printf (out, " | %s | %s\n",
                              type->name_en ? type->name_en : type->key, type->key);
    }

  g_string_append (out, "\n[drawing]\n"
                        "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n"
                        "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n");
  for (guint i = 0; i < schema->labels->len; i++)
    {
      const AlamaLabel *label = g_ptr_array_index (schema->labels, i);

      if (label->color != NULL)
        {
          _alama_export_append_token (out, label->key);
          g_string_append_printf (out, "\tbgColor:%s\n", label->color);
        }
    }

  return g_string_free (out, FALSE);
}

/* ---- Writing -------------------------------------------------------------------------- */

static gboolean
export_document (AlamaStore       *store,
                 AlamaDocument    *document,
                 AlamaExportFolder *folder,
                 const char       *file_name,
                 AlamaStatusMask   statuses,
                 AlamaSchema      *schema,
                 AlamaBratConf    *conf,
                 GError          **error)
{
  gint64 id = alama_document_get_id (document);
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) unmodelled = NULL;
  g_autofree char *text = NULL;
  g_autofree char *ann = NULL;
  g_autofree char *txt_name = g_strconcat (file_name, ".txt", NULL);
  g_autofree char *ann_name = g_strconcat (file_name, ".ann", NULL);

  if ((text = alama_store_dup_document_text (store, id, error)) == NULL ||
      (spans = alama_store_list_spans (store, id, statuses, error)) == NULL ||
      (relations = alama_store_list_relations (store, id, statuses, error)) == NULL)
    return FALSE;

  unmodelled = unmodelled_lines (document);
  ann = document_ann (text, schema, spans, relations, unmodelled);
  _alama_brat_conf_add_ann (conf, ann);

  return _alama_export_folder_write (folder, txt_name, text, -1, error) &&
         _alama_export_folder_write (folder, ann_name, ann, -1, error);
}

gboolean
alama_export_brat (AlamaStore                *store,
                   const char                *out_path,
                   const AlamaExportOptions  *options,
                   AlamaExportProgressFunc    progress,
                   gpointer                   progress_data,
                   GCancellable              *cancellable,
                   GError                   **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GHashTable) used_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(AlamaBratConf) conf = _alama_brat_conf_new ();
  g_autoptr(AlamaExportFolder) folder = NULL;
  g_autoptr(AlamaSchema) schema = NULL;
  g_autoptr(GString) names = g_string_new ("# brat file (without .txt/.ann)\tAlama document name\n");
  g_autofree char *annotation = NULL;
  g_autofree char *visual = NULL;
  AlamaStatusMask statuses = _alama_export_statuses (options);

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);

  schema = alama_store_get_schema (store);
  if (!_alama_export_check_tokens (schema, "brat", error))
    return FALSE;
  if ((documents = alama_export_select_documents (store, options, error)) == NULL)
    return FALSE;

  /* Everything goes to a new folder first, so a failure leaves no half export. */
  folder = _alama_export_folder_new (out_path, options != NULL && options->force, error);
  if (folder == NULL)
    return FALSE;

  for (guint i = 0; i < documents->len; i++)
    {
      AlamaDocument *document = g_ptr_array_index (documents, i);
      const char *name = alama_document_get_name (document);
      g_autofree char *file_name = portable_file_name (name, used_names);

      if (_alama_export_check_cancelled (cancellable, error) ||
          !export_document (store, document, folder, file_name, statuses,
                            schema, conf, error))
        return FALSE;
      append_name_row (names, file_name, name != NULL ? name : "");

      if (progress != NULL)
        progress (i + 1, documents->len, progress_data);
    }

  /* Written last: annotation.conf declares what the documents use. */
  annotation = _alama_brat_conf_annotation (conf, schema);
  visual = visual_conf (schema);
  return _alama_export_folder_write (folder, "annotation.conf", annotation, -1, error) &&
         _alama_export_folder_write (folder, "visual.conf", visual, -1, error) &&
         _alama_export_folder_write (folder, ALAMA_BRAT_NAMES_FILE, names->str, names->len,
                                     error) &&
         _alama_export_folder_commit (folder, error);
}
