/* alama-import-brat.c: brat standoff, an X.txt with its X.ann.
 *
 * Modelled lines: T (text-bound annotations; "s e;s e" gives fragments),
 * R (relations Arg1/Arg2), A (attributes of a T; a binary one has the value
 * "true"), N (normalisations of a T: the span attribute "norm:TYPE", see
 * ALAMA_BRAT_NORM_PREFIX), "*" (equivalences of T's, with --add-labels: a chain
 * of relations, see parse_equivalence) and "#… AnnotatorNotes T…" (the span's
 * note). Everything else (E, M, notes on other ids, lines about events) is
 * kept verbatim in the
 * document's format_data as {"brat": {"unmodelled": [LINE, ...]}} and written
 * back on export. Offsets are code points into the .txt as read, BOM dropped.
 *
 * brat itself reads the .txt with Python's "utf8" codec, which keeps a BOM as
 * U+FEFF, so offsets brat wrote over a .txt with a BOM count it: they are moved
 * back by one. A tool that skipped the BOM writes offsets that need no move; the
 * surfaces the T lines record decide which reading fits (brat's on a tie). See
 * tests/fixtures/brat/README.md.
 *
 * Sloppy writers: CRLF line ends and a trailing tab after a T line's surface
 * are accepted (the tab is dropped); a surface may itself contain tabs.
 */
#define G_LOG_DOMAIN "alama-import-brat"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include <json-glib/json-glib.h>

#include "alama/alama-export.h"
#include "alama/alama-import.h"
#include "alama/alama-text.h"
#include "alama-import-private.h"

typedef struct
{
  const char     *ann_path;
  guint           line;
  AlamaImportDoc *doc;
  GHashTable     *span_index;   /* "T3" -> index + 1 */
  GPtrArray      *unmodelled;   /* char* lines */
  gboolean        equivalences; /* model "*" lines (their type may be added) */
} BratContext;

static gboolean G_GNUC_PRINTF (3, 4)
parse_error (const BratContext  *ctx,
             GError            **error,
             const char         *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
               _("%s: line %u: %s"), ctx->ann_path, ctx->line, message);
  return FALSE;
}

static gboolean
parse_offset (const char *str,
              gint64     *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (str, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

static gboolean
lookup_span (const BratContext *ctx,
             const char        *id,
             guint             *out_index)
{
  gpointer value = g_hash_table_lookup (ctx->span_index, id);

  if (value == NULL)
    return FALSE;
  *out_index = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

static gboolean
missing (const BratContext  *ctx,
         const char         *line_id,
         const char         *target,
         GError            **error)
{
  g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_MISSING_ANNOTATION,
               _("%s: line %u: %s refers to %s, which is not in the file"),
               ctx->ann_path, ctx->line, line_id, target);
  return FALSE;
}

/* T1<TAB>LABEL START END[;START END...]<TAB>surface */
static gboolean
parse_text_bound (BratContext  *ctx,
                  char        **fields,
                  GError      **error)
{
  g_auto(GStrv) type_and_offsets = NULL;
  g_auto(GStrv) pieces = NULL;
  g_autofree gint64 *pairs = NULL;
  g_autofree char *origin = NULL;
  const char *id = fields[0];
  AlamaSpan *span;
  guint n_pieces, index;
  gsize surface_len;

  if (fields[1] == NULL || fields[2] == NULL)
    return parse_error (ctx, error, _("%s: expected “ID<TAB>LABEL START END<TAB>TEXT”"), id);

  type_and_offsets = g_strsplit (fields[1], " ", 2);
  if (type_and_offsets[0] == NULL || type_and_offsets[0][0] == '\0' || type_and_offsets[1] == NULL)
    return parse_error (ctx, error, _("%s: expected “LABEL START END”"), id);

  pieces = g_strsplit (type_and_offsets[1], ";", -1);
  n_pieces = g_strv_length (pieces);
  pairs = g_new0 (gint64, 2 * MAX (n_pieces, 1));
  for (guint i = 0; i < n_pieces; i++)
    {
      g_auto(GStrv) bounds = g_strsplit (g_strstrip (pieces[i]), " ", -1);

      if (g_strv_length (bounds) != 2 ||
          !parse_offset (bounds[0], &pairs[2 * i]) ||
          !parse_offset (bounds[1], &pairs[2 * i + 1]))
        return parse_error (ctx, error, _("%s: “%s” is not “START END”"), id, pieces[i]);
    }
  if (n_pieces == 0)
    return parse_error (ctx, error, _("%s: no offsets"), id);

  if (g_hash_table_contains (ctx->span_index, id))
    return parse_error (ctx, error, _("%s is defined twice"), id);

  span = _alama_import_span_new (type_and_offsets[0], pairs[0], pairs[1]);
  _alama_import_span_set_fragments (span, pairs, n_pieces);
  span->ext_id = g_strdup (id);

  /* A tab after the surface is a writer's habit, not part of the text (brat
   * never records a surface that ends in whitespace). */
  surface_len = strlen (fields[2]);
  while (surface_len > 0 && fields[2][surface_len - 1] == '\t')
    fields[2][--surface_len] = '\0';

  /* TRANSLATORS: which span of a brat file: "line 4, T3". */
  origin = g_strdup_printf (_("line %u, %s"), ctx->line, id);
  index = alama_import_doc_add_span (ctx->doc, span, origin, fields[2]);
  g_hash_table_insert (ctx->span_index, g_strdup (id), GUINT_TO_POINTER (index + 1));

  return TRUE;
}

/* R1<TAB>TYPE Arg1:T1 Arg2:T2. Returns FALSE with no error set when the line is
 * about something we do not model (an event), so it is kept verbatim. */
static gboolean
parse_relation (BratContext  *ctx,
                char        **fields,
                gboolean     *modelled,
                GError      **error)
{
  g_auto(GStrv) parts = NULL;
  const char *args[2] = { NULL, NULL };
  guint indexes[2];
  AlamaRelation *relation;
  guint n_args = 0;

  if (fields[1] == NULL)
    return parse_error (ctx, error, _("%s: expected “TYPE Arg1:ID Arg2:ID”"), fields[0]);

  parts = g_strsplit (g_strstrip (fields[1]), " ", -1);
  /* An empty field splits into no parts at all: do not read past the end. */
  if (parts[0] == NULL)
    return parse_error (ctx, error, _("%s: expected “TYPE Arg1:ID Arg2:ID”"), fields[0]);
  for (guint i = 1; parts[i] != NULL; i++)
    {
      const char *colon = strchr (parts[i], ':');

      if (parts[i][0] == '\0')
        continue;
      if (colon == NULL || n_args == 2)
        return parse_error (ctx, error, _("%s: expected “TYPE Arg1:ID Arg2:ID”"), fields[0]);
      /* Arg1 is the "from" end whatever order the file lists them in. */
      if (g_str_has_prefix (parts[i], "Arg2:") && args[1] == NULL)
        args[1] = colon + 1;
      else if (args[0] == NULL)
        args[0] = colon + 1;
      else
        args[1] = colon + 1;
      n_args++;
    }
  if (parts[0] == NULL || parts[0][0] == '\0' || args[0] == NULL || args[1] == NULL)
    return parse_error (ctx, error, _("%s: expected “TYPE Arg1:ID Arg2:ID”"), fields[0]);

  for (guint i = 0; i < 2; i++)
    {
      if (lookup_span (ctx, args[i], &indexes[i]))
        continue;
      if (args[i][0] == 'T')
        return missing (ctx, fields[0], args[i], error);
      *modelled = FALSE;   /* an event argument: keep the line as it is */
      return TRUE;
    }

  relation = alama_relation_new (parts[0], indexes[0], indexes[1]);
  relation->ext_id = g_strdup (fields[0]);
  g_ptr_array_add (ctx->doc->relations, relation);
  *modelled = TRUE;
  return TRUE;
}

/* A1<TAB>NAME T1 [VALUE] */
static gboolean
parse_attribute (BratContext  *ctx,
                 char        **fields,
                 gboolean     *modelled,
                 GError      **error)
{
  g_auto(GStrv) parts = NULL;
  AlamaSpan *span;
  guint index;

  if (fields[1] == NULL)
    return parse_error (ctx, error, _("%s: expected “NAME ID [VALUE]”"), fields[0]);

  parts = g_strsplit (g_strstrip (fields[1]), " ", 3);
  if (g_strv_length (parts) < 2)
    return parse_error (ctx, error, _("%s: expected “NAME ID [VALUE]”"), fields[0]);

  if (!lookup_span (ctx, parts[1], &index))
    {
      if (parts[1][0] == 'T')
        return missing (ctx, fields[0], parts[1], error);
      *modelled = FALSE;
      return TRUE;
    }

  span = g_ptr_array_index (ctx->doc->spans, index);
  alama_span_set_attribute (span, parts[0], parts[2] ? parts[2] : "true");
  *modelled = TRUE;
  return TRUE;
}

/* N1<TAB>TYPE T1 DATABASE:ID[<TAB>entry name]: brat itself writes the name
 * after two tabs. A second normalisation of one type on one span, or one of
 * an event, is kept verbatim rather than lost. A missing T is an error, as
 * for every other line. */
static gboolean
parse_normalization (BratContext  *ctx,
                     char        **fields,
                     gboolean     *modelled,
                     GError      **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  const char *entry;
  const char *colon;
  AlamaSpan *span;
  guint index;

  /* A line of another shape is kept verbatim, as before normalisations
   * were read. */
  *modelled = FALSE;
  if (fields[1] == NULL)
    return TRUE;
  parts = g_strsplit (g_strstrip (fields[1]), " ", -1);
  /* brat reads "DATABASE:ID" as (\S+?):(\S+): neither may be empty. */
  if (g_strv_length (parts) != 3 || parts[0][0] == '\0')
    return TRUE;
  colon = strchr (parts[2], ':');
  if (colon == NULL || colon == parts[2] || colon[1] == '\0')
    return TRUE;

  if (!lookup_span (ctx, parts[1], &index))
    {
      if (parts[1][0] == 'T')
        return missing (ctx, fields[0], parts[1], error);
      return TRUE;
    }

  span = g_ptr_array_index (ctx->doc->spans, index);
  entry = fields[2] != NULL ? fields[2] + strspn (fields[2], "\t") : "";
  if (g_str_equal (parts[2], ALAMA_BRAT_CANONICAL_REF) && entry[0] != '\0' &&
      alama_span_get_attribute (span, ALAMA_CANONICAL_ATTRIBUTE) == NULL)
    {
      /* What Alama's export wrote for the gazetteer's canonical name. */
      alama_span_set_attribute (span, ALAMA_CANONICAL_ATTRIBUTE, entry);
      *modelled = TRUE;
      return TRUE;
    }
  name = g_strconcat (ALAMA_BRAT_NORM_PREFIX, parts[0], NULL);
  if (alama_span_get_attribute (span, name) != NULL)
    return TRUE;
  value = entry[0] != '\0' ? g_strdup_printf ("%s %s", parts[2], entry) : g_strdup (parts[2]);
  alama_span_set_attribute (span, name, value);
  *modelled = TRUE;
  return TRUE;
}

/* *<TAB>TYPE T1 T2 [T3 ...]: an equivalence, the relations TYPE T1→T2, T2→T3
 * ... in the order of the line, each with the brat id "*", which the export
 * reads to write them back as one line. Only with --add-labels, which adds
 * TYPE to the schema: without it, a project whose schema lacks the type
 * imports the line verbatim as it always did. A member that is not a T of the
 * file, or one named twice, also keeps the line verbatim. */
static void
parse_equivalence (BratContext  *ctx,
                   char        **fields,
                   gboolean     *modelled)
{
  g_auto(GStrv) parts = NULL;
  g_autofree guint *indexes = NULL;
  guint n;

  *modelled = FALSE;
  if (!ctx->equivalences || fields[1] == NULL)
    return;
  parts = g_strsplit (g_strstrip (fields[1]), " ", -1);
  n = g_strv_length (parts);
  if (n < 3 || parts[0][0] == '\0')
    return;
  indexes = g_new (guint, n - 1);
  for (guint i = 1; i < n; i++)
    {
      if (!lookup_span (ctx, parts[i], &indexes[i - 1]))
        return;
      for (guint j = 0; j + 1 < i; j++)
        if (indexes[j] == indexes[i - 1])
          return;
    }

  for (guint i = 0; i + 2 < n; i++)
    {
      AlamaRelation *relation = alama_relation_new (parts[0], indexes[i], indexes[i + 1]);

      relation->ext_id = g_strdup (ALAMA_BRAT_EQUIV_ID);
      g_ptr_array_add (ctx->doc->relations, relation);
    }
  *modelled = TRUE;
}

/* #1<TAB>AnnotatorNotes T1<TAB>text */
static gboolean
parse_note (BratContext  *ctx,
            char        **fields,
            gboolean     *modelled,
            GError      **error)
{
  g_auto(GStrv) parts = NULL;
  AlamaSpan *span;
  guint index;

  *modelled = FALSE;
  if (fields[1] == NULL || fields[2] == NULL)
    return TRUE;

  parts = g_strsplit (g_strstrip (fields[1]), " ", -1);
  if (g_strv_length (parts) != 2 || strcmp (parts[0], "AnnotatorNotes") != 0)
    return TRUE;

  if (!lookup_span (ctx, parts[1], &index))
    {
      if (parts[1][0] == 'T')
        return missing (ctx, fields[0], parts[1], error);
      return TRUE;
    }

  span = g_ptr_array_index (ctx->doc->spans, index);
  if (span->note != NULL)
    return TRUE;   /* a second note: keep it verbatim rather than lose it */
  span->note = g_strdup (fields[2]);
  *modelled = TRUE;
  return TRUE;
}

/* Reads one line; unmodelled ones are collected to be written back. Lines that
 * point at spans are read after all T lines (brat does not promise order). */
static gboolean
parse_line (BratContext  *ctx,
            const char   *line,
            gboolean      text_bound_pass,
            GError      **error)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 3);
  gboolean modelled = TRUE;
  gboolean ok = TRUE;

  if (fields[0] == NULL)
    return TRUE;

  switch (fields[0][0])
    {
    case 'T':
      if (text_bound_pass)
        ok = parse_text_bound (ctx, fields, error);
      return ok;
    case 'R':
      if (!text_bound_pass)
        ok = parse_relation (ctx, fields, &modelled, error);
      break;
    case 'A':
      if (!text_bound_pass)
        ok = parse_attribute (ctx, fields, &modelled, error);
      break;
    case '*':
      if (!text_bound_pass)
        parse_equivalence (ctx, fields, &modelled);
      break;
    case '#':
      if (!text_bound_pass)
        ok = parse_note (ctx, fields, &modelled, error);
      break;
    case 'N':
      if (!text_bound_pass)
        ok = parse_normalization (ctx, fields, &modelled, error);
      break;
    default:
      modelled = FALSE;
      break;
    }

  if (ok && !modelled && !text_bound_pass)
    g_ptr_array_add (ctx->unmodelled, g_strdup (line));

  return ok;
}

static char *
unmodelled_json (GPtrArray *lines)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "brat");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "unmodelled");
  json_builder_begin_array (builder);
  for (guint i = 0; i < lines->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (lines, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* How many recorded surfaces match the text when every offset is moved by
 * @shift. */
static guint
count_matching_surfaces (AlamaImportDoc *doc,
                         AlamaTextIndex *index,
                         gint64          shift)
{
  gint64 length = alama_text_index_get_length (index);
  guint matches = 0;

  for (guint i = 0; i < doc->spans->len; i++)
    {
      AlamaSpan *span = doc->spans->pdata[i];
      const char *recorded = doc->span_surfaces->pdata[i];
      g_autoptr(GString) actual = g_string_new (NULL);
      gboolean in_range = TRUE;

      if (recorded == NULL)
        continue;
      for (guint f = 0; f < alama_span_get_n_fragments (span) && in_range; f++)
        {
          const AlamaFragment *frag = alama_span_get_fragment (span, f);
          gint64 start = frag->start + shift, end = frag->end + shift;
          g_autofree char *piece = NULL;

          in_range = (start >= 0 && start < end && end <= length);
          if (!in_range)
            break;
          piece = alama_text_index_substring (index, start, end);
          if (f > 0)
            g_string_append_c (actual, ' ');
          g_string_append (actual, piece);
        }
      if (in_range && _alama_import_surface_matches (actual->str, recorded))
        matches++;
    }
  return matches;
}

/* The .txt had a BOM: brat counted it (see the top of this file), so its offsets
 * are one more than Alama's, unless the surfaces say the writer skipped it. */
static void
move_offsets_past_bom (AlamaImportDoc *doc)
{
  g_autoptr(AlamaTextIndex) index = alama_text_index_new (doc->text);

  if (count_matching_surfaces (doc, index, -1) < count_matching_surfaces (doc, index, 0))
    return;

  for (guint i = 0; i < doc->spans->len; i++)
    {
      AlamaSpan *span = doc->spans->pdata[i];
      guint n = alama_span_get_n_fragments (span);
      g_autofree gint64 *pairs = g_new (gint64, 2 * n);

      for (guint f = 0; f < n; f++)
        {
          const AlamaFragment *frag = alama_span_get_fragment (span, f);

          /* A span over the BOM alone would start at -1: keep it at 0, so that
           * alama_import_check_docs names it. */
          pairs[2 * f] = MAX (frag->start - 1, 0);
          pairs[2 * f + 1] = frag->end - 1;
        }
      _alama_import_span_set_fragments (span, pairs, n);
    }
}

static GBytes *
read_bytes (const char  *path,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_IO,
                   _("cannot read %s: %s"), path, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, len);
}

GPtrArray *
alama_import_parse_brat (const char                *path,
                         const AlamaImportOptions  *options,
                         GError                   **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_import_doc_free);
  g_autoptr(GHashTable) span_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) unmodelled = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) txt_bytes = NULL;
  g_autoptr(GBytes) ann_bytes = NULL;
  g_autoptr(AlamaImportDoc) doc = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *txt_path = NULL;
  g_autofree char *ann_path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *ann = NULL;
  g_auto(GStrv) lines = NULL;
  BratContext ctx = { 0 };
  const char *data;
  char *text;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_str_has_suffix (path, ".ann") || g_str_has_suffix (path, ".txt"))
    stem = g_strndup (path, strlen (path) - 4);
  else
    stem = g_strdup (path);
  txt_path = g_strconcat (stem, ".txt", NULL);
  ann_path = g_strconcat (stem, ".ann", NULL);

  if ((txt_bytes = read_bytes (txt_path, error)) == NULL ||
      (ann_bytes = read_bytes (ann_path, error)) == NULL)
    return NULL;

  /* Separate statements: the order arguments are evaluated in is unspecified. */
  data = g_bytes_get_data (txt_bytes, &len);
  if ((text = _alama_import_text_from_bytes (txt_path, data ? data : "", len, error)) == NULL)
    return NULL;
  name = _alama_import_name_from_path (stem, NULL);
  doc = alama_import_doc_new (name, txt_path, text);

  data = g_bytes_get_data (ann_bytes, &len);
  if ((ann = _alama_import_text_from_bytes (ann_path, data ? data : "", len, error)) == NULL)
    return NULL;

  ctx.ann_path = ann_path;
  ctx.doc = doc;
  ctx.span_index = span_index;
  ctx.unmodelled = unmodelled;
  ctx.equivalences = options != NULL && options->add_labels;

  if (_alama_import_has_only_cr_line_ends (ann))
    _alama_import_lone_cr_to_lf (ann);
  lines = g_strsplit (ann, "\n", -1);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *line = lines[i];
          gsize line_len = strlen (line);

          if (line_len > 0 && line[line_len - 1] == '\r')
            line[line_len - 1] = '\0';
          if (line[0] == '\0')
            continue;

          ctx.line = i + 1;
          if (!parse_line (&ctx, line, pass == 0, error))
            return NULL;
        }
    }

  data = g_bytes_get_data (txt_bytes, &len);
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    move_offsets_past_bom (doc);

  if (unmodelled->len > 0)
    doc->format_data_json = unmodelled_json (unmodelled);

  g_ptr_array_add (docs, g_steal_pointer (&doc));
  return g_steal_pointer (&docs);
}

/* ---- names.tsv: the document names of an exported folder ------------------------ */

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
