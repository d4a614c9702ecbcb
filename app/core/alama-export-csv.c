/* alama-export-csv.c: three spreadsheets for people who read annotations in Excel
 * or LibreOffice: spans, relations, and quotes/claims with their speakers.
 *
 * RFC 4180 (CRLF line ends, cells with a comma, quote or line break in double
 * quotes, quotes doubled), UTF-8 with a BOM so that Excel reads Arabic. A cell that
 * starts with = + - @, a tab or a CR gets an apostrophe in front (OWASP "CSV
 * injection"): a spreadsheet would otherwise run it as a formula. So does one that
 * starts with the fullwidth or small forms of those signs (＝ ＋ － ＠ ﹦ ﹢ ﹣), which
 * spreadsheets in East Asian locales take as the signs, or with any of these after
 * invisible format characters (a BOM, RLM, LRM, ALM, common in Arabic text).
 */
#define G_LOG_DOMAIN "alama-export-csv"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include <alama/alama-export.h>
#include <alama/alama-schema.h>

#include "alama-compare-private.h"
#include "alama-export-private.h"

#define CSV_BOM "\xEF\xBB\xBF"
#define CSV_EOL "\r\n"

/* Whether a spreadsheet could read @value as a formula: see the top of the file. */
static gboolean
starts_like_formula (const char *value)
{
  const char *p = value;

  while (*p != '\0' && g_unichar_type (g_utf8_get_char (p)) == G_UNICODE_FORMAT)
    p = g_utf8_next_char (p);
  if (*p == '\0')
    return FALSE;
  if (strchr ("=+-@\t\r", *p) != NULL)
    return TRUE;

  switch (g_utf8_get_char (p))
    {
    case 0xFF1D: /* ＝ */
    case 0xFF0B: /* ＋ */
    case 0xFF0D: /* － */
    case 0xFF20: /* ＠ */
    case 0xFE66: /* ﹦ */
    case 0xFE62: /* ﹢ */
    case 0xFE63: /* ﹣ */
      return TRUE;
    default:
      return FALSE;
    }
}

char *
alama_csv_cell (const char *value)
{
  GString *cell;
  gboolean needs_quotes;

  if (value == NULL || value[0] == '\0')
    return g_strdup ("");

  cell = g_string_new (NULL);
  if (starts_like_formula (value))
    g_string_append_c (cell, '\'');
  g_string_append (cell, value);

  needs_quotes = strpbrk (cell->str, ",\"\r\n") != NULL;
  if (needs_quotes)
    {
      GString *quoted = g_string_new ("\"");

      for (const char *p = cell->str; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (quoted, '"');
          g_string_append_c (quoted, *p);
        }
      g_string_append_c (quoted, '"');
      g_string_free (cell, TRUE);
      cell = quoted;
    }

  return g_string_free (cell, FALSE);
}

/* Appends one row: @cells is NULL-terminated. */
static void
append_row (GString     *out,
            const char **cells)
{
  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_autofree char *cell = alama_csv_cell (cells[i]);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, cell);
    }
  g_string_append (out, CSV_EOL);
}

#define ROW(out, ...) G_STMT_START { \
    const char *row_cells_[] = { __VA_ARGS__, NULL }; \
    append_row ((out), row_cells_); \
  } G_STMT_END

/* "s-e;s-e" */
static char *
format_fragments (const AlamaSpan *span)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < alama_span_get_n_fragments (span); i++)
    {
      const AlamaFragment *f = alama_span_get_fragment (span, i);

      g_string_append_printf (s, "%s%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                              i > 0 ? ";" : "", f->start, f->end);
    }
  return g_string_free (s, FALSE);
}

/* "k=v;k=v", sorted by name so that exports compare. */
static char *
format_attributes (const AlamaSpan *span)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  GString *s = g_string_new (NULL);

  if (span->attributes != NULL)
    {
      g_hash_table_iter_init (&iter, span->attributes);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (names, key);
    }
  g_ptr_array_sort (names, _alama_compare_strings);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (s, "%s%s=%s", i > 0 ? ";" : "", (char *) names->pdata[i],
                            (char *) g_hash_table_lookup (span->attributes, names->pdata[i]));
  return g_string_free (s, FALSE);
}

static gboolean
status_selected (AlamaStatusMask statuses,
                 AlamaStatus     status)
{
  return (statuses & (1 << status)) != 0;
}

/* The paths of the three files (see alama-export.h). */
static void
csv_paths (const char *out_path,
           char      **spans_path,
           char      **relations_path,
           char      **quotes_path)
{
  if (g_str_has_suffix (out_path, ".csv"))
    {
      g_autofree char *base = g_strndup (out_path, strlen (out_path) - strlen (".csv"));

      *spans_path = g_strconcat (base, "-spans.csv", NULL);
      *relations_path = g_strconcat (base, "-relations.csv", NULL);
      *quotes_path = g_strconcat (base, "-quotes-claims.csv", NULL);
    }
  else
    {
      *spans_path = g_build_filename (out_path, "spans.csv", NULL);
      *relations_path = g_build_filename (out_path, "relations.csv", NULL);
      *quotes_path = g_build_filename (out_path, "quotes-claims.csv", NULL);
    }
}

/* One document's spans and relations, with lookups. */
typedef struct
{
  const char *name;
  char       *text;
  GPtrArray  *spans;       /* all statuses, for lookups */
  GPtrArray  *relations;   /* all statuses */
  GHashTable *by_id;       /* gint64* -> AlamaSpan* */
} DocData;

static void
doc_data_clear (DocData *dd)
{
  g_clear_pointer (&dd->text, g_free);
  g_clear_pointer (&dd->spans, g_ptr_array_unref);
  g_clear_pointer (&dd->relations, g_ptr_array_unref);
  g_clear_pointer (&dd->by_id, g_hash_table_unref);
}

static gboolean
doc_data_load (DocData        *dd,
               AlamaStore     *store,
               AlamaDocument  *doc,
               GError        **error)
{
  gint64 id = alama_document_get_id (doc);

  dd->name = alama_document_get_name (doc);
  dd->text = alama_store_dup_document_text (store, id, error);
  if (dd->text == NULL)
    return FALSE;
  dd->spans = alama_store_list_spans (store, id, ALAMA_STATUS_MASK_ALL, error);
  if (dd->spans == NULL)
    return FALSE;
  dd->relations = alama_store_list_relations (store, id, ALAMA_STATUS_MASK_ALL, error);
  if (dd->relations == NULL)
    return FALSE;

  dd->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < dd->spans->len; i++)
    {
      AlamaSpan *span = dd->spans->pdata[i];
      g_hash_table_insert (dd->by_id, &span->id, span);
    }
  return TRUE;
}

static char *
span_text (DocData   *dd,
           AlamaSpan *span)
{
  return span != NULL ? alama_span_dup_text (span, dd->text) : g_strdup ("");
}

static void
write_span_rows (GString         *out,
                 DocData         *dd,
                 AlamaStatusMask  statuses)
{
  for (guint i = 0; i < dd->spans->len; i++)
    {
      AlamaSpan *span = dd->spans->pdata[i];
      g_autofree char *id = NULL, *start = NULL, *end = NULL;
      g_autofree char *fragments = NULL, *text = NULL, *attributes = NULL;

      if (!status_selected (statuses, span->status))
        continue;

      id = g_strdup_printf ("%" G_GINT64_FORMAT, span->id);
      start = g_strdup_printf ("%" G_GINT64_FORMAT, alama_span_get_start (span));
      end = g_strdup_printf ("%" G_GINT64_FORMAT, alama_span_get_end (span));
      fragments = format_fragments (span);
      text = span_text (dd, span);
      attributes = format_attributes (span);

      ROW (out, dd->name, id, span->label, start, end, fragments, text,
           alama_status_to_string (span->status), span->source ? span->source : "",
           span->annotator ? span->annotator : "", span->note ? span->note : "", attributes);
    }
}

static void
write_relation_rows (GString         *out,
                     DocData         *dd,
                     AlamaStatusMask  statuses)
{
  for (guint i = 0; i < dd->relations->len; i++)
    {
      AlamaRelation *rel = dd->relations->pdata[i];
      AlamaSpan *from = g_hash_table_lookup (dd->by_id, &rel->from_id);
      AlamaSpan *to = g_hash_table_lookup (dd->by_id, &rel->to_id);
      g_autofree char *id = NULL, *from_id = NULL, *to_id = NULL;
      g_autofree char *from_text = NULL, *to_text = NULL;

      if (!status_selected (statuses, rel->status))
        continue;

      id = g_strdup_printf ("%" G_GINT64_FORMAT, rel->id);
      from_id = g_strdup_printf ("%" G_GINT64_FORMAT, rel->from_id);
      to_id = g_strdup_printf ("%" G_GINT64_FORMAT, rel->to_id);
      from_text = span_text (dd, from);
      to_text = span_text (dd, to);

      ROW (out, dd->name, id, rel->type, from_id, from ? from->label : "", from_text,
           to_id, to ? to->label : "", to_text, alama_status_to_string (rel->status),
           rel->source ? rel->source : "");
    }
}

/* Texts (and labels) of the spans at the other end of @span's relations of the
 * given types, joined by " | ". Relations of an unselected status do not count. */
static void
other_ends (DocData          *dd,
            AlamaSpan        *span,
            const char * const *types,
            AlamaStatusMask   statuses,
            char            **texts,
            char            **labels)
{
  GString *t = g_string_new (NULL);
  GString *l = g_string_new (NULL);

  for (guint i = 0; i < dd->relations->len; i++)
    {
      AlamaRelation *rel = dd->relations->pdata[i];
      AlamaSpan *other;
      g_autofree char *other_text = NULL;
      gint64 other_id;

      if (!status_selected (statuses, rel->status) || !g_strv_contains (types, rel->type))
        continue;
      if (rel->from_id == span->id)
        other_id = rel->to_id;
      else if (rel->to_id == span->id)
        other_id = rel->from_id;
      else
        continue;

      other = g_hash_table_lookup (dd->by_id, &other_id);
      if (other == NULL || !status_selected (statuses, other->status))
        continue;

      other_text = span_text (dd, other);
      g_string_append_printf (t, "%s%s", t->len > 0 ? " | " : "", other_text);
      g_string_append_printf (l, "%s%s", l->len > 0 ? " | " : "", other->label);
    }

  *texts = g_string_free (t, FALSE);
  if (labels != NULL)
    *labels = g_string_free (l, FALSE);
  else
    g_string_free (l, TRUE);
}

static void
write_quote_claim_rows (GString         *out,
                        DocData         *dd,
                        AlamaSchema     *schema,
                        AlamaStatusMask  statuses)
{
  static const char * const speaker_types[] = { "SPEAKER", "CLAIMANT", NULL };
  static const char * const cue_types[] = { "CUE_OF", NULL };
  static const char * const target_types[] = { "TARGET", NULL };

  for (guint i = 0; i < dd->spans->len; i++)
    {
      AlamaSpan *span = dd->spans->pdata[i];
      const AlamaLabel *label = alama_schema_find_label (schema, span->label);
      const char *kind;
      const char *stance;
      g_autofree char *id = NULL, *text = NULL, *speakers = NULL, *speaker_labels = NULL;
      g_autofree char *cues = NULL, *targets = NULL, *start = NULL, *end = NULL;

      if (!status_selected (statuses, span->status))
        continue;
      if (label != NULL && label->kind == ALAMA_LABEL_KIND_QUOTE)
        kind = "quote";
      else if (label != NULL && label->kind == ALAMA_LABEL_KIND_CLAIM)
        kind = "claim";
      else if (label == NULL && g_strcmp0 (span->label, "QUOTE") == 0)
        kind = "quote";
      else if (label == NULL && g_strcmp0 (span->label, "CLAIM") == 0)
        kind = "claim";
      else
        continue;

      id = g_strdup_printf ("%" G_GINT64_FORMAT, span->id);
      text = span_text (dd, span);
      other_ends (dd, span, speaker_types, statuses, &speakers, &speaker_labels);
      other_ends (dd, span, cue_types, statuses, &cues, NULL);
      other_ends (dd, span, target_types, statuses, &targets, NULL);
      stance = alama_span_get_attribute (span, "stance");
      start = g_strdup_printf ("%" G_GINT64_FORMAT, alama_span_get_start (span));
      end = g_strdup_printf ("%" G_GINT64_FORMAT, alama_span_get_end (span));

      ROW (out, dd->name, kind, id, text, speakers, speaker_labels, cues, targets,
           stance ? stance : "", alama_status_to_string (span->status), start, end);
    }
}

gboolean
alama_export_csv (AlamaStore               *store,
                  const char               *out_path,
                  const AlamaExportOptions *options,
                  AlamaExportProgressFunc   progress,
                  gpointer                  progress_data,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  static const AlamaExportOptions defaults = { 0 };
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(AlamaSchema) schema = NULL;
  g_autoptr(GString) spans_csv = g_string_new (CSV_BOM);
  g_autoptr(GString) relations_csv = g_string_new (CSV_BOM);
  g_autoptr(GString) quotes_csv = g_string_new (CSV_BOM);
  g_autofree char *spans_path = NULL, *relations_path = NULL, *quotes_path = NULL;
  AlamaStatusMask statuses;

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  statuses = options->statuses != 0 ? options->statuses : ALAMA_STATUS_MASK_ACCEPTED;

  documents = alama_export_select_documents (store, options, error);
  if (documents == NULL)
    return FALSE;
  schema = alama_store_get_schema (store);

  ROW (spans_csv, "document", "span_id", "label", "start", "end", "fragments", "text",
       "status", "source", "annotator", "note", "attributes");
  ROW (relations_csv, "document", "relation_id", "type", "from_id", "from_label", "from_text",
       "to_id", "to_label", "to_text", "status", "source");
  ROW (quotes_csv, "document", "kind", "span_id", "text", "speaker_or_claimant",
       "speaker_label", "cue", "target", "stance", "status", "start", "end");

  for (guint d = 0; d < documents->len; d++)
    {
      DocData dd = { 0 };

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_CANCELLED,
                       _("export to %s cancelled"), out_path);
          return FALSE;
        }

      if (!doc_data_load (&dd, store, documents->pdata[d], error))
        {
          doc_data_clear (&dd);
          return FALSE;
        }

      write_span_rows (spans_csv, &dd, statuses);
      write_relation_rows (relations_csv, &dd, statuses);
      write_quote_claim_rows (quotes_csv, &dd, schema, statuses);
      doc_data_clear (&dd);

      if (progress != NULL)
        progress (d + 1, documents->len, progress_data);
    }

  csv_paths (out_path, &spans_path, &relations_path, &quotes_path);
  if (!g_str_has_suffix (out_path, ".csv") && g_mkdir_with_parents (out_path, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ALAMA_EXPORT_ERROR, ALAMA_EXPORT_ERROR_IO,
                   _("cannot create the folder %s: %s"), out_path, g_strerror (saved_errno));
      return FALSE;
    }

  {
    const char *paths[] = { spans_path, relations_path, quotes_path };
    const char *contents[] = { spans_csv->str, relations_csv->str, quotes_csv->str };
    const gsize lengths[] = { spans_csv->len, relations_csv->len, quotes_csv->len };

    return _alama_export_write_files (G_N_ELEMENTS (paths), paths, contents, lengths, error);
  }
}
