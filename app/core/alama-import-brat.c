/* alama-import-brat.c: brat standoff, an X.txt with its X.ann.
 *
 * Modelled lines: T (text-bound annotations; "s e;s e" gives fragments),
 * E (events, see parse_event), R (relations Arg1/Arg2), A and M (attributes
 * and modifications of a T or an E; a binary one has the value "true"), N
 * (normalisations of a T or an E: the span attribute "norm:TYPE", see
 * ALAMA_BRAT_NORM_PREFIX), "*" (equivalences, with --add-labels: a chain of
 * relations, see parse_equivalence) and "#… AnnotatorNotes ID" (the span's
 * note). An event is its trigger span, labelled with the event type (a label
 * of kind event, see AlamaImportDoc's event_labels), with one relation per
 * argument from the trigger to the argument, typed by the role as written
 * ("Theme2" stays "Theme2"); lines about the event (R, A, M, N, *, notes and
 * other events' arguments) are about that span. Everything else (other kinds
 * of lines, a second note on one span ...) is kept verbatim in format_data as
 * {"brat": {"unmodelled": [LINE, ...]}}, written back on export. Offsets are
 * code points into the .txt as read, BOM dropped.
 *
 * A .txt with a BOM: see alama-import-brat-bom.c.
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

/* An event's argument, resolved once every event has its span (it may be one). */
typedef struct
{
  guint  event;      /* index of the event's span */
  char  *role;
  char  *target;     /* "T3" or "E2" */
  char  *event_id;   /* "E1", for messages */
  guint  line;
} EventArgument;

static void
event_argument_free (EventArgument *argument)
{
  g_free (argument->role);
  g_free (argument->target);
  g_free (argument->event_id);
  g_free (argument);
}

typedef enum
{
  PASS_TEXT_BOUND,   /* T lines */
  PASS_EVENTS,       /* E lines: their triggers are T's */
  PASS_OTHERS,       /* lines about T's and E's */
  N_PASSES
} BratPass;

typedef struct
{
  const char     *ann_path;
  guint           line;
  AlamaImportDoc *doc;
  GHashTable     *span_index;   /* "T3", "E1" -> index + 1 */
  GHashTable     *triggers;     /* indexes + 1 of T's that are an event's trigger */
  GPtrArray      *arguments;    /* EventArgument* */
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

/* E1<TAB>TYPE:T1 ROLE:ID ...: the event is its trigger's span, labelled TYPE.
 * brat gives a trigger its event's type; an E line whose trigger has another
 * label is not brat's doing and is kept verbatim (*modelled FALSE), with the
 * lines about it.
 * brat lets two events share one trigger: the second gets a span of its own
 * over the same text, so that the two keep their own arguments, attributes and
 * relations; the export writes both with one T line again. The arguments are
 * resolved once every event has its span (resolve_arguments). */
static gboolean
parse_event (BratContext  *ctx,
             char        **fields,
             gboolean     *modelled,
             GError      **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *type = NULL;
  const char *id = fields[0];
  const char *colon;
  const char *trigger_id;
  AlamaSpan *trigger;
  guint trigger_index, index;

  if (fields[1] == NULL)
    return parse_error (ctx, error, _("%s: expected “TYPE:TRIGGER ROLE:ID …”"), id);
  parts = g_strsplit (g_strstrip (fields[1]), " ", -1);
  if (parts[0] == NULL || (colon = strchr (parts[0], ':')) == NULL || colon == parts[0])
    return parse_error (ctx, error, _("%s: expected “TYPE:TRIGGER ROLE:ID …”"), id);
  if (g_hash_table_contains (ctx->span_index, id))
    return parse_error (ctx, error, _("%s is defined twice"), id);

  type = g_strndup (parts[0], colon - parts[0]);
  trigger_id = colon + 1;
  if (trigger_id[0] != 'T')
    return parse_error (ctx, error, _("%s: its trigger %s is not a T"), id, trigger_id);
  if (!lookup_span (ctx, trigger_id, &trigger_index))
    return missing (ctx, id, trigger_id, error);
  trigger = g_ptr_array_index (ctx->doc->spans, trigger_index);
  *modelled = strcmp (trigger->label, type) == 0;
  if (!*modelled)
    return TRUE;

  if (g_hash_table_contains (ctx->triggers, GUINT_TO_POINTER (trigger_index + 1)))
    {
      g_autofree char *origin = g_strdup_printf (_("line %u, %s"), ctx->line, id);

      index = alama_import_doc_add_span (ctx->doc, alama_span_copy (trigger), origin,
                                         ctx->doc->span_surfaces->pdata[trigger_index]);
    }
  else
    {
      index = trigger_index;
      g_hash_table_add (ctx->triggers, GUINT_TO_POINTER (trigger_index + 1));
    }
  trigger = g_ptr_array_index (ctx->doc->spans, index);
  g_free (trigger->ext_id);
  trigger->ext_id = g_strdup (id);
  g_hash_table_insert (ctx->span_index, g_strdup (id), GUINT_TO_POINTER (index + 1));

  if (ctx->doc->event_labels == NULL)
    ctx->doc->event_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (ctx->doc->event_labels, g_strdup (type));

  for (guint i = 1; parts[i] != NULL; i++)
    {
      const char *arg_colon = strchr (parts[i], ':');
      EventArgument *argument;

      if (parts[i][0] == '\0')
        continue;
      if (arg_colon == NULL || arg_colon == parts[i] || arg_colon[1] == '\0')
        return parse_error (ctx, error, _("%s: “%s” is not “ROLE:ID”"), id, parts[i]);
      argument = g_new0 (EventArgument, 1);
      argument->event = index;
      argument->role = g_strndup (parts[i], arg_colon - parts[i]);
      argument->target = g_strdup (arg_colon + 1);
      argument->event_id = g_strdup (id);
      argument->line = ctx->line;
      g_ptr_array_add (ctx->arguments, argument);
    }

  return TRUE;
}

/* Each argument is a relation from its event's span, typed by the role, with
 * the event's id as its own (the export tells an argument from an R line). */
static gboolean
resolve_arguments (BratContext  *ctx,
                   GError      **error)
{
  for (guint i = 0; i < ctx->arguments->len; i++)
    {
      EventArgument *argument = g_ptr_array_index (ctx->arguments, i);
      AlamaRelation *relation;
      guint target;

      if (!lookup_span (ctx, argument->target, &target))
        {
          ctx->line = argument->line;
          return missing (ctx, argument->event_id, argument->target, error);
        }
      relation = alama_relation_new (argument->role, argument->event, target);
      relation->ext_id = g_strdup (argument->event_id);
      g_ptr_array_add (ctx->doc->relations, relation);
    }
  return TRUE;
}

/* R1<TAB>TYPE Arg1:ID Arg2:ID, either end a T or an E. Returns TRUE with
 * *modelled FALSE when an end is not a T or E of the file (a relation of a
 * relation), so it is kept verbatim. */
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
      *modelled = FALSE;   /* not a T or an E: keep the line as it is */
      return TRUE;
    }

  relation = alama_relation_new (parts[0], indexes[0], indexes[1]);
  relation->ext_id = g_strdup (fields[0]);
  g_ptr_array_add (ctx->doc->relations, relation);
  *modelled = TRUE;
  return TRUE;
}

/* A1<TAB>NAME ID [VALUE], or a modification M1<TAB>NAME ID (brat's older
 * name for a binary attribute), ID a T or an E. */
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
 * after two tabs. A second normalisation of one type on one span is kept
 * verbatim rather than lost. A missing T is an error, as for every other
 * line. */
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

/* An equivalence is symmetric: A = B and B = A are one relation. */
static gboolean
has_equivalence (AlamaImportDoc *doc,
                 const char     *type,
                 guint           a,
                 guint           b)
{
  for (guint i = 0; i < doc->relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (doc->relations, i);

      if (g_strcmp0 (relation->ext_id, ALAMA_BRAT_EQUIV_ID) == 0 &&
          strcmp (relation->type, type) == 0 &&
          ((relation->from_id == a && relation->to_id == b) ||
           (relation->from_id == b && relation->to_id == a)))
        return TRUE;
    }
  return FALSE;
}

/* *<TAB>TYPE T1 T2 [T3 ...]: an equivalence, the relations TYPE T1→T2, T2→T3
 * ... in the order of the line, each with the brat id "*", which the export
 * reads to write them back as one line. Only with --add-labels, which adds
 * TYPE to the schema: without it, a project whose schema lacks the type
 * imports the line verbatim as it always did. A member that is not a T or E
 * of the file, or one named twice, also keeps the line verbatim. A pair that
 * an earlier line made equivalent, either way round, is not added again. */
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
      AlamaRelation *relation;

      if (has_equivalence (ctx->doc, parts[0], indexes[i], indexes[i + 1]))
        continue;
      relation = alama_relation_new (parts[0], indexes[i], indexes[i + 1]);
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

/* Reads one line in its pass; unmodelled ones are kept to be written back.
 * brat promises no order: T lines first, then E's, then lines about them. */
static gboolean
parse_line (BratContext  *ctx,
            const char   *line,
            BratPass      pass,
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
      return pass == PASS_TEXT_BOUND ? parse_text_bound (ctx, fields, error) : TRUE;
    case 'E':
      if (pass != PASS_EVENTS)
        return TRUE;
      ok = parse_event (ctx, fields, &modelled, error);
      break;
    default:
      if (pass != PASS_OTHERS)
        return TRUE;
      break;
    }

  switch (pass == PASS_OTHERS ? fields[0][0] : '\0')
    {
    case '\0':
      break;
    case 'R':
      ok = parse_relation (ctx, fields, &modelled, error);
      break;
    case 'A':
    case 'M':
      ok = parse_attribute (ctx, fields, &modelled, error);
      break;
    case '*':
      parse_equivalence (ctx, fields, &modelled);
      break;
    case '#':
      ok = parse_note (ctx, fields, &modelled, error);
      break;
    case 'N':
      ok = parse_normalization (ctx, fields, &modelled, error);
      break;
    default:
      modelled = FALSE;
      break;
    }

  if (ok && !modelled)
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
  g_autoptr(GHashTable) triggers = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) arguments =
    g_ptr_array_new_with_free_func ((GDestroyNotify) event_argument_free);
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
  ctx.triggers = triggers;
  ctx.arguments = arguments;
  ctx.equivalences = options != NULL && options->add_labels;

  if (_alama_import_has_only_cr_line_ends (ann))
    _alama_import_lone_cr_to_lf (ann);
  lines = g_strsplit (ann, "\n", -1);
  for (BratPass pass = PASS_TEXT_BOUND; pass < N_PASSES; pass++)
    {
      if (pass == PASS_OTHERS && !resolve_arguments (&ctx, error))
        return NULL;
      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *line = lines[i];
          gsize line_len = strlen (line);

          if (line_len > 0 && line[line_len - 1] == '\r')
            line[line_len - 1] = '\0';
          if (line[0] == '\0')
            continue;

          ctx.line = i + 1;
          if (!parse_line (&ctx, line, pass, error))
            return NULL;
        }
    }

  data = g_bytes_get_data (txt_bytes, &len);
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    _alama_import_brat_move_offsets_past_bom (doc);

  if (unmodelled->len > 0)
    doc->format_data_json = unmodelled_json (unmodelled);

  g_ptr_array_add (docs, g_steal_pointer (&doc));
  return g_steal_pointer (&docs);
}
