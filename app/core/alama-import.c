/* alama-import.c: the path every import takes, whatever the format.
 *
 * A parser (alama-import-FORMAT.c) turns a file into AlamaImportDoc values;
 * this file checks them against their text and the schema, then stores the
 * whole file in one not-undoable change, so a file lands completely or not at
 * all. alama_import_paths() walks folders and detects formats.
 *
 * Why this file is long: checking, schema repair, storing, hashing and the
 * folder walk all act on one import run; the review proposes moving the folder
 * walk and format detection to alama-import-paths.c (owned by the import area).
 */
#define G_LOG_DOMAIN "alama-import"

#include "config.h"

#include <inttypes.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include <glib/gstdio.h>

#include "alama/alama-import.h"
#include "alama-compare-private.h"
#include "alama-hash-private.h"
#include "alama-import-private.h"
#include "alama-store-private.h"
#include "alama/alama-text.h"

/* ---- Checking parsed documents ----------------------------------------------- */

static const char *
origin_of (AlamaImportDoc *doc,
           guint           i,
           char           *fallback,
           gsize           fallback_len)
{
  const char *origin = NULL;

  if (doc->span_origins != NULL && i < doc->span_origins->len)
    origin = g_ptr_array_index (doc->span_origins, i);
  if (origin != NULL)
    return origin;

  g_snprintf (fallback, fallback_len, "#%u", i + 1);
  return fallback;
}

static gboolean
check_doc (const char      *path,
           AlamaImportDoc  *doc,
           GError         **error)
{
  g_autoptr(AlamaTextIndex) index = NULL;
  gint64 length;
  char fallback[32];

  /* Nothing to check against the text: do not index it (a scan of the whole
   * text per document, for text-only imports). */
  if (doc->spans->len == 0 && (doc->relations == NULL || doc->relations->len == 0))
    return TRUE;
  index = alama_text_index_new (doc->text);
  length = alama_text_index_get_length (index);

  for (guint i = 0; i < doc->spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (doc->spans, i);
      const char *origin = origin_of (doc, i, fallback, sizeof fallback);
      const char *surface = NULL;

      if (span->fragments->len == 0)
        {
          g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_BAD_OFFSETS,
                       _("%s: document “%s”, span %s: the span has no offsets"),
                       path, doc->name, origin);
          return FALSE;
        }

      for (guint f = 0; f < span->fragments->len; f++)
        {
          const AlamaFragment *fragment = &g_array_index (span->fragments, AlamaFragment, f);

          if (fragment->start >= fragment->end)
            {
              g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_BAD_OFFSETS,
                           _("%s: document “%s”, span %s: start %" PRId64
                             " is not before end %" PRId64),
                           path, doc->name, origin, fragment->start, fragment->end);
              return FALSE;
            }
          if (fragment->start < 0 || fragment->end > length)
            {
              g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_BAD_OFFSETS,
                           _("%s: document “%s”, span %s: offsets %" PRId64
                             "–%" PRId64 " lie outside the text (%" PRId64
                             " characters)"),
                           path, doc->name, origin, fragment->start, fragment->end, length);
              return FALSE;
            }
          if (f > 0 && fragment->start < g_array_index (span->fragments, AlamaFragment, f - 1).end)
            {
              g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_BAD_OFFSETS,
                           _("%s: document “%s”, span %s: its pieces overlap"),
                           path, doc->name, origin);
              return FALSE;
            }
        }

      if (span->label == NULL || span->label[0] == '\0')
        {
          g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                       _("%s: document “%s”, span %s: the span has no label"),
                       path, doc->name, origin);
          return FALSE;
        }

      if (doc->span_surfaces != NULL && i < doc->span_surfaces->len)
        surface = g_ptr_array_index (doc->span_surfaces, i);
      if (surface != NULL)
        {
          g_autofree char *actual = _alama_import_span_surface (index, span);

          if (!_alama_import_surface_matches (actual, surface))
            {
              g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_TEXT_MISMATCH,
                           _("%s: document “%s”, span %s: the file says “%s” but the text at %"
                             PRId64 "–%" PRId64 " is “%s”"),
                           path, doc->name, origin, surface,
                           alama_span_get_start (span), alama_span_get_end (span), actual);
              return FALSE;
            }
        }
    }

  for (guint i = 0; i < doc->relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (doc->relations, i);

      if (relation->from_id < 0 || relation->from_id >= doc->spans->len ||
          relation->to_id < 0 || relation->to_id >= doc->spans->len)
        {
          g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_MISSING_ANNOTATION,
                       _("%s: document “%s”, relation %s: it points to an annotation that "
                         "is not in the file"),
                       path, doc->name, relation->ext_id ? relation->ext_id : "");
          return FALSE;
        }
      if (relation->type == NULL || relation->type[0] == '\0')
        {
          g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                       _("%s: document “%s”, relation %s: it has no type"),
                       path, doc->name, relation->ext_id ? relation->ext_id : "");
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
alama_import_check_docs (const char  *path,
                         GPtrArray   *docs,
                         GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (docs != NULL, FALSE);

  for (guint i = 0; i < docs->len; i++)
    {
      if (!check_doc (path, g_ptr_array_index (docs, i), error))
        return FALSE;
    }

  return TRUE;
}

/* ---- Report ------------------------------------------------------------------ */

void
alama_import_report_init (AlamaImportReport *report)
{
  g_return_if_fail (report != NULL);

  memset (report, 0, sizeof *report);
  report->messages = g_ptr_array_new_with_free_func (g_free);
  report->failures = g_ptr_array_new_with_free_func (g_free);
}

void
alama_import_report_clear (AlamaImportReport *report)
{
  g_return_if_fail (report != NULL);

  g_clear_pointer (&report->messages, g_ptr_array_unref);
  g_clear_pointer (&report->failures, g_ptr_array_unref);
  memset (report, 0, sizeof *report);
}

static void
report_message (AlamaImportReport *report,
                char              *message)  /* takes ownership */
{
  if (report != NULL && report->messages != NULL)
    g_ptr_array_add (report->messages, message);
  else
    g_free (message);
}

/* ---- Schema: unknown labels, relation types, allowed pairs ------------------- */

static gboolean
strv_contains_or_empty (char       **strv,
                        const char  *str)
{
  return strv == NULL || strv[0] == NULL || g_strv_contains ((const char * const *) strv, str);
}

static void
strv_append (char       ***strv,
             const char   *str)
{
  guint n = *strv ? g_strv_length (*strv) : 0;

  *strv = g_renew (char *, *strv, n + 2);
  (*strv)[n] = g_strdup (str);
  (*strv)[n + 1] = NULL;
}

/* Whether a label or relation type that --add-labels would add to the schema
 * can be a key (see alama_schema_check_key()); the message says where it is. */
static gboolean
check_new_key (const char      *path,
               AlamaImportDoc  *doc,
               const char      *key,
               gboolean         is_relation,
               const char      *origin,
               GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  /* TRANSLATORS: go into "a %s is empty" and the like (alama-schema.c). */
  if (alama_schema_check_key (key, is_relation ? N_("relation type") : N_("label"),
                              &local_error))
    return TRUE;
  if (is_relation)
    g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                 _("%s: document “%s”, relation %s: %s"), path, doc->name, origin,
                 local_error->message);
  else
    g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
                 _("%s: document “%s”, span %s: %s"), path, doc->name, origin,
                 local_error->message);
  return FALSE;
}

/* Checks the labels and relation types of @docs against the project's schema.
 * With add_labels, the missing ones go into a copy returned in @out_schema (NULL
 * when nothing needs adding); without, the first missing one is an error. */
static gboolean
resolve_schema (AlamaStore                *store,
                const char                *path,
                GPtrArray                 *docs,
                const AlamaImportOptions  *options,
                AlamaSchema              **out_schema,
                GError                   **error)
{
  g_autoptr(AlamaSchema) schema = alama_store_get_schema (store);
  g_autoptr(AlamaSchema) widened = NULL;
  char fallback[32];

  *out_schema = NULL;

  for (guint d = 0; d < docs->len; d++)
    {
      AlamaImportDoc *doc = g_ptr_array_index (docs, d);

      for (guint i = 0; i < doc->spans->len; i++)
        {
          AlamaSpan *span = g_ptr_array_index (doc->spans, i);
          AlamaSchema *current = widened ? widened : schema;

          if (alama_schema_find_label (current, span->label) != NULL)
            continue;
          if (!options->add_labels)
            {
              g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_UNKNOWN_LABEL,
                           _("%s: document “%s”, span %s: unknown label “%s” (add it to the "
                             "schema, or import with --add-labels)"),
                           path, doc->name, origin_of (doc, i, fallback, sizeof fallback),
                           span->label);
              return FALSE;
            }
          if (!check_new_key (path, doc, span->label, FALSE,
                              origin_of (doc, i, fallback, sizeof fallback), error))
            return FALSE;
          if (widened == NULL)
            widened = alama_schema_copy (schema);
          alama_schema_ensure_label (widened, span->label, ALAMA_LABEL_KIND_ENTITY);
        }

      for (guint i = 0; i < doc->relations->len; i++)
        {
          AlamaRelation *relation = g_ptr_array_index (doc->relations, i);
          AlamaSpan *from = g_ptr_array_index (doc->spans, relation->from_id);
          AlamaSpan *to = g_ptr_array_index (doc->spans, relation->to_id);
          AlamaSchema *current = widened ? widened : schema;
          AlamaRelationType *type;

          if (alama_schema_find_relation_type (current, relation->type) == NULL)
            {
              if (!options->add_labels)
                {
                  g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_UNKNOWN_LABEL,
                               _("%s: document “%s”, relation %s: unknown relation type “%s” "
                                 "(add it to the schema, or import with --add-labels)"),
                               path, doc->name, relation->ext_id ? relation->ext_id : "",
                               relation->type);
                  return FALSE;
                }
              if (!check_new_key (path, doc, relation->type, TRUE,
                                  relation->ext_id ? relation->ext_id : "", error))
                return FALSE;
              if (widened == NULL)
                widened = alama_schema_copy (schema);
              alama_schema_ensure_relation_type (widened, relation->type);
              continue;
            }

          if (alama_schema_relation_allowed (current, relation->type, from->label, to->label))
            continue;
          if (!options->add_labels)
            {
              g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_NOT_ALLOWED,
                           _("%s: document “%s”, relation %s: the schema does not allow “%s” "
                             "from %s to %s (change the schema, or import with --add-labels)"),
                           path, doc->name, relation->ext_id ? relation->ext_id : "",
                           relation->type, from->label, to->label);
              return FALSE;
            }

          /* --add-labels widens the type just enough: the labels this file uses
           * join its from/to lists; an empty list already allows any label. */
          if (widened == NULL)
            widened = alama_schema_copy (schema);
          type = (AlamaRelationType *) alama_schema_find_relation_type (widened, relation->type);
          if (!strv_contains_or_empty (type->from_labels, from->label))
            strv_append (&type->from_labels, from->label);
          if (!strv_contains_or_empty (type->to_labels, to->label))
            strv_append (&type->to_labels, to->label);
        }
    }

  *out_schema = g_steal_pointer (&widened);
  return TRUE;
}

/* ---- Storing one file --------------------------------------------------------- */

static void
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/* Who and what the annotations come from: --suggestions makes everything a
 * pending suggestion from one source; otherwise what the file says, defaulting
 * to accepted and manual (or --source). */
static void
apply_provenance (const AlamaImportOptions *options,
                  const char               *format_name,
                  char                    **source,
                  AlamaStatus              *status,
                  char                    **annotator)
{
  if (options->as_suggestions)
    {
      set_string (source, options->source ? options->source : format_name);
      *status = ALAMA_STATUS_PENDING;
    }
  else if (*source == NULL)
    {
      set_string (source, options->source ? options->source : ALAMA_SOURCE_MANUAL);
    }

  if (*annotator == NULL && options->annotator != NULL)
    set_string (annotator, options->annotator);
}

static void
apply_doc_provenance (const AlamaImportOptions *options,
                      AlamaFormat               format,
                      AlamaImportDoc           *doc)
{
  const char *format_name = alama_format_to_string (format);

  for (guint i = 0; i < doc->spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (doc->spans, i);

      apply_provenance (options, format_name, &span->source, &span->status, &span->annotator);
    }
  for (guint i = 0; i < doc->relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (doc->relations, i);

      apply_provenance (options, format_name, &relation->source, &relation->status,
                        &relation->annotator);
    }
}

static gboolean
store_doc (AlamaStore                *store,
           const char                *path,
           AlamaImportDoc            *doc,
           const AlamaImportOptions  *options,
           AlamaFormat                format,
           AlamaImportReport         *counts,
           gint64                    *out_document_id,
           GError                   **error)
{
  g_autoptr(GArray) span_ids = g_array_sized_new (FALSE, TRUE, sizeof (gint64), doc->spans->len);
  gint64 document_id = 0;
  char fallback[32];

  if (!alama_store_add_document (store, doc->name, doc->source_path, doc->text,
                                 doc->metadata_json, doc->format_data_json,
                                 &document_id, error))
    {
      g_prefix_error (error, _("%s: document “%s”: "), path, doc->name);
      return FALSE;
    }
  counts->n_documents++;
  if (out_document_id != NULL)
    *out_document_id = document_id;

  apply_doc_provenance (options, format, doc);
  for (guint i = 0; i < doc->spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (doc->spans, i);

      span->document_id = document_id;
      if (!alama_store_add_span (store, span, error))
        {
          g_prefix_error (error, _("%s: document “%s”, span %s: "), path, doc->name,
                          origin_of (doc, i, fallback, sizeof fallback));
          return FALSE;
        }
      g_array_append_val (span_ids, span->id);
      counts->n_spans++;
    }

  for (guint i = 0; i < doc->relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (doc->relations, i);

      relation->document_id = document_id;
      relation->from_id = g_array_index (span_ids, gint64, relation->from_id);
      relation->to_id = g_array_index (span_ids, gint64, relation->to_id);
      if (!alama_store_add_relation (store, relation, error))
        {
          g_prefix_error (error, _("%s: document “%s”, relation %s: "), path, doc->name,
                          relation->ext_id ? relation->ext_id : "");
          return FALSE;
        }
      counts->n_relations++;
    }

  return TRUE;
}

static gboolean
store_docs (AlamaStore                *store,
            const char                *path,
            GPtrArray                 *docs,
            const AlamaImportOptions  *options,
            AlamaFormat                format,
            AlamaImportReport         *counts,
            GError                   **error)
{
  for (guint d = 0; d < docs->len; d++)
    {
      if (!store_doc (store, path, g_ptr_array_index (docs, d), options, format, counts, NULL,
                      error))
        return FALSE;
    }

  return TRUE;
}

/* ---- Reading and hashing ------------------------------------------------------ */

static GBytes *
read_file_bytes (const char  *path,
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

static char *
path_with_suffix (const char *path,
                  const char *old_suffix,
                  const char *new_suffix)
{
  gsize stem_len = strlen (path);

  if (g_str_has_suffix (path, old_suffix))
    stem_len -= strlen (old_suffix);

  return g_strdup_printf ("%.*s%s", (int) stem_len, path, new_suffix);
}

static gboolean
has_suffix_nocase (const char *path,
                   const char *suffix)
{
  gsize len = strlen (path);
  gsize suffix_len = strlen (suffix);

  return len >= suffix_len && g_ascii_strcasecmp (path + len - suffix_len, suffix) == 0;
}

/* The brat pair of @path (an .ann or a .txt): both paths. */
static void
brat_pair (const char  *path,
           char       **txt_path,
           char       **ann_path)
{
  if (has_suffix_nocase (path, ".txt"))
    {
      *txt_path = g_strdup (path);
      *ann_path = path_with_suffix (path, ".txt", ".ann");
    }
  else
    {
      *ann_path = g_strdup (path);
      *txt_path = path_with_suffix (path, ".ann", ".txt");
    }
}

/* Whether a .json file holds a Label Studio export: its first task's keys say,
 * read from the file's first bytes. */
static gboolean
is_labelstudio_file (const char *path)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *head = g_malloc (1 << 18);
  gsize n = 0;

  if ((stream = g_file_read (file, NULL, NULL)) == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, 1 << 18, &n, NULL, NULL))
    return FALSE;
  return _alama_import_labelstudio_sniff (head, n);
}

/* Whether the file starts with "#FORMAT=WebAnno TSV", whatever its name. */
static gboolean
is_webanno_file (const char *path)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  char head[32];
  gsize n = 0;

  return (stream = g_file_read (file, NULL, NULL)) != NULL &&
         g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, NULL, NULL) &&
         _alama_import_webanno_sniff (head, n);
}

AlamaFormat
alama_import_detect_format (const char *path)
{
  AlamaFormat content;

  g_return_val_if_fail (path != NULL, ALAMA_FORMAT_AUTO);

  if (is_webanno_file (path))
    return ALAMA_FORMAT_WEBANNO;
  if (has_suffix_nocase (path, ".json") && is_labelstudio_file (path))
    return ALAMA_FORMAT_LABELSTUDIO;
  if (has_suffix_nocase (path, ".jsonl") || has_suffix_nocase (path, ".json"))
    return ALAMA_FORMAT_JSONL;
  if (has_suffix_nocase (path, ".ann"))
    return ALAMA_FORMAT_BRAT;
  if (has_suffix_nocase (path, ".conllu"))
    return ALAMA_FORMAT_CONLLU;
  if (has_suffix_nocase (path, ".txt"))
    {
      g_autofree char *ann = path_with_suffix (path, ".txt", ".ann");

      if (g_file_test (ann, G_FILE_TEST_IS_REGULAR))
        return ALAMA_FORMAT_BRAT;
    }

  /* The name does not say, or says CoNLL: the content decides (a .conll file
   * may hold CoNLL-U, a .txt or .tsv tagged tokens). */
  content = _alama_import_detect_file_content (path);
  if (has_suffix_nocase (path, ".conll") || has_suffix_nocase (path, ".bio") ||
      has_suffix_nocase (path, ".iob"))
    return content == ALAMA_FORMAT_CONLLU ? ALAMA_FORMAT_CONLLU : ALAMA_FORMAT_CONLL;
  if (has_suffix_nocase (path, ".txt"))
    return content;
  /* Any other name: only what is surely tagged tokens, never a guess at text. */
  if (content == ALAMA_FORMAT_CONLL || content == ALAMA_FORMAT_CONLLU)
    return content;
  return ALAMA_FORMAT_AUTO;
}

/* SHA-256 of the file's bytes; for brat of the .txt's bytes then the .ann's. */
static char *
hash_input (const char   *path,
            AlamaFormat   format,
            GBytes      **out_data,
            GError      **error)
{
  AlamaSha256 *checksum = _alama_sha256_new ();
  g_autoptr(GBytes) data = NULL;

  if (format == ALAMA_FORMAT_BRAT)
    {
      g_autofree char *txt_path = NULL;
      g_autofree char *ann_path = NULL;
      g_autoptr(GBytes) txt = NULL;
      g_autoptr(GBytes) ann = NULL;

      brat_pair (path, &txt_path, &ann_path);
      if ((txt = read_file_bytes (txt_path, error)) == NULL ||
          (ann = read_file_bytes (ann_path, error)) == NULL)
        {
          g_free (_alama_sha256_finish_hex (checksum));
          return NULL;
        }
      _alama_sha256_update (checksum, g_bytes_get_data (txt, NULL), g_bytes_get_size (txt));
      _alama_sha256_update (checksum, g_bytes_get_data (ann, NULL), g_bytes_get_size (ann));
    }
  else
    {
      if ((data = read_file_bytes (path, error)) == NULL)
        {
          g_free (_alama_sha256_finish_hex (checksum));
          return NULL;
        }
      _alama_sha256_update (checksum, g_bytes_get_data (data, NULL), g_bytes_get_size (data));
    }

  if (out_data != NULL)
    *out_data = g_steal_pointer (&data);

  return _alama_sha256_finish_hex (checksum);
}

static GPtrArray *
parse_file (const char                *path,
            AlamaFormat                format,
            GBytes                    *data,
            const AlamaImportOptions  *options,
            GPtrArray                 *messages,
            GError                   **error)
{
  switch (format)
    {
    case ALAMA_FORMAT_TXT:
      return alama_import_parse_txt (path, data, options, error);
    case ALAMA_FORMAT_JSONL:
    case ALAMA_FORMAT_PRODIGY:
      return alama_import_parse_jsonl (path, data, options, error);
    case ALAMA_FORMAT_BRAT:
      return alama_import_parse_brat (path, options, error);
    case ALAMA_FORMAT_CONLL:
      return alama_import_parse_conll (path, data, options, error);
    case ALAMA_FORMAT_CONLLU:
      return alama_import_parse_conllu (path, data, options, error);
    case ALAMA_FORMAT_LABELSTUDIO:
      return alama_import_parse_labelstudio (path, data, options, messages, error);
    case ALAMA_FORMAT_WEBANNO:
      return alama_import_parse_webanno (path, data, options, error);
    case ALAMA_FORMAT_AUTO:
    case ALAMA_FORMAT_CSV:
    default:
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_UNSUPPORTED,
                   _("%s: cannot import this format (use --format txt, jsonl, prodigy, brat, conll, "
                     "conllu, labelstudio or webanno)"),
                   path);
      return NULL;
    }
}

static void
add_counts (AlamaImportReport       *report,
            const AlamaImportReport *counts)
{
  if (report == NULL)
    return;

  report->n_documents += counts->n_documents;
  report->n_spans += counts->n_spans;
  report->n_relations += counts->n_relations;
}

static void
report_skipped (AlamaImportReport *report,
                const char        *path)
{
  if (report != NULL)
    report->n_files_skipped++;
  report_message (report, g_strdup_printf (_("skipped %s: already imported"), path));
}

typedef struct
{
  AlamaStore                *store;
  const char                *path;
  const AlamaImportOptions  *options;
  AlamaImportReport          counts;
  AlamaImportMerge          *merge;    /* Prodigy tasks: one document per text */
} JsonlImport;

/* One document of a JSONL file, checked and stored as soon as it is parsed. */
static gboolean
store_jsonl_doc_cb (AlamaImportDoc  *doc,
                    gpointer         user_data,
                    GError         **error)
{
  g_autoptr(AlamaImportDoc) owned = doc;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(AlamaSchema) new_schema = NULL;
  JsonlImport *import = user_data;

  gint64 document_id = 0;

  g_ptr_array_add (one, doc);
  if (!alama_import_check_docs (import->path, one, error) ||
      !resolve_schema (import->store, import->path, one, import->options, &new_schema, error) ||
      (new_schema != NULL && !alama_store_set_schema (import->store, new_schema, error)))
    return FALSE;

  if (!doc->merge_same_text)
    return store_doc (import->store, import->path, doc, import->options, ALAMA_FORMAT_JSONL,
                      &import->counts, NULL, error);

  /* A Prodigy task: its spans go through the merge even in the first task of
   * a text, so that a span the task lists twice is stored once. */
  if ((document_id = _alama_import_merge_find (import->merge, doc->text)) == 0)
    {
      g_autoptr(AlamaImportDoc) bare = alama_import_doc_new (doc->name, doc->source_path,
                                                             g_strdup (doc->text));

      bare->metadata_json = g_strdup (doc->metadata_json);
      bare->format_data_json = g_strdup (doc->format_data_json);
      if (!store_doc (import->store, import->path, bare, import->options, ALAMA_FORMAT_JSONL,
                      &import->counts, &document_id, error))
        return FALSE;
      _alama_import_merge_remember (import->merge, doc->text, document_id);
    }
  apply_doc_provenance (import->options, ALAMA_FORMAT_JSONL, doc);
  if (!_alama_import_merge_into (import->store, doc, document_id, &import->counts, error))
    {
      g_prefix_error (error, _("%s: document “%s”: "), import->path, doc->name);
      return FALSE;
    }
  return TRUE;
}

/* A JSONL file is read as it is stored, one document at a time, so that its
 * size does not bound what can be imported. The whole file is still all or
 * nothing (an error on its last line leaves the project as it was): alone it
 * is one change; inside alama_import_paths()'s change, a savepoint. Its hash,
 * taken on the way, is only known at the end: a file imported before is then
 * rolled back and reported as skipped. */
static gboolean
import_jsonl (AlamaStore                *store,
              const char                *path,
              const AlamaImportOptions  *options,
              AlamaImportReport         *report,
              GError                   **error)
{
  JsonlImport import = { store, path, options, { 0 }, NULL };
  g_autofree char *description = g_strdup_printf ("Import %s", path);
  g_autofree char *hash = NULL;
  gboolean own_change = !alama_store_in_change (store);
  AlamaChangePart part;
  AlamaSha256 *checksum;
  gboolean ok;

  if (own_change &&
      !alama_store_begin_change (store, description, ALAMA_CHANGE_NOT_UNDOABLE, error))
    return FALSE;
  if (!_alama_store_part_start (store, &part, error))
    goto failed;
  if (report != NULL)
    report->n_files++;

  checksum = _alama_sha256_new ();
  import.merge = _alama_import_merge_new ();
  ok = _alama_import_read_jsonl_file (path, options, checksum, store_jsonl_doc_cb, &import,
                                      error);
  g_clear_pointer (&import.merge, _alama_import_merge_free);
  hash = _alama_sha256_finish_hex (checksum);

  /* Skipped even when it no longer reads without an error (other options, a
   * changed schema), as the other formats are, whose hash is taken first. */
  if (alama_store_has_imported_file (store, hash))
    {
      _alama_store_part_finish (store, &part, FALSE, NULL);
      if (!ok)
        g_clear_error (error);
      if (own_change && !alama_store_end_change (store, error))
        goto failed;
      report_skipped (report, path);
      return TRUE;
    }

  ok = ok && alama_store_record_imported_file (store, hash, path, error);
  if (!_alama_store_part_finish (store, &part, ok, ok ? error : NULL) || !ok ||
      (own_change && !alama_store_end_change (store, error)))
    goto failed;

  add_counts (report, &import.counts);
  return TRUE;

failed:
  if (own_change && alama_store_in_change (store))
    alama_store_cancel_change (store);
  return FALSE;
}

/* Imports @path as @format. @name is the document name to use for a txt or brat
 * file (its relative path inside an imported folder), or NULL for the file name. */
static gboolean
import_one (AlamaStore                *store,
            const char                *path,
            AlamaFormat                format,
            const char                *name,
            const AlamaImportOptions  *options,
            AlamaImportReport         *report,
            GError                   **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(AlamaSchema) new_schema = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *description = NULL;
  g_autofree char *check_path = NULL;
  g_autofree char *txt_path = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  AlamaImportReport counts = { 0 };
  gboolean own_change;

  if (format == ALAMA_FORMAT_AUTO)
    format = alama_import_detect_format (path);
  if (format == ALAMA_FORMAT_AUTO)
    {
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_UNSUPPORTED,
                   _("%s: cannot tell the format from the file name or its content (use "
                     "--format txt, jsonl, prodigy, brat, conll, conllu, labelstudio or webanno)"),
                   path);
      return FALSE;
    }
  if (format == ALAMA_FORMAT_JSONL || format == ALAMA_FORMAT_PRODIGY)
    return import_jsonl (store, path, options, report, error);

  if ((hash = hash_input (path, format, &data, error)) == NULL)
    return FALSE;

  if (report != NULL)
    report->n_files++;

  if (alama_store_has_imported_file (store, hash))
    {
      report_skipped (report, path);
      return TRUE;
    }

  if ((docs = parse_file (path, format, data, options, messages, error)) == NULL)
    return FALSE;

  /* Messages about spans name the file that holds them: the .ann for brat. */
  if (format == ALAMA_FORMAT_BRAT)
    brat_pair (path, &txt_path, &check_path);
  else
    check_path = g_strdup (path);

  if (name != NULL && (format == ALAMA_FORMAT_TXT || format == ALAMA_FORMAT_BRAT))
    {
      for (guint i = 0; i < docs->len; i++)
        set_string (&((AlamaImportDoc *) g_ptr_array_index (docs, i))->name, name);
    }

  if (!alama_import_check_docs (check_path, docs, error))
    return FALSE;
  if (!resolve_schema (store, check_path, docs, options, &new_schema, error))
    return FALSE;

  /* Inside alama_import_paths()'s change this file joins it; alone it is one. */
  own_change = !alama_store_in_change (store);
  description = g_strdup_printf ("Import %s", path);
  if (own_change &&
      !alama_store_begin_change (store, description, ALAMA_CHANGE_NOT_UNDOABLE, error))
    return FALSE;

  if ((new_schema != NULL && !alama_store_set_schema (store, new_schema, error)) ||
      !store_docs (store, check_path, docs, options, format, &counts, error) ||
      !alama_store_record_imported_file (store, hash, path, error) ||
      (own_change && !alama_store_end_change (store, error)))
    {
      if (own_change && alama_store_in_change (store))
        alama_store_cancel_change (store);
      return FALSE;
    }

  add_counts (report, &counts);
  for (guint i = 0; i < messages->len; i++)
    report_message (report, g_strdup (g_ptr_array_index (messages, i)));
  return TRUE;
}

gboolean
alama_import_file (AlamaStore                *store,
                   const char                *path,
                   const AlamaImportOptions  *options,
                   AlamaImportReport         *report,
                   GError                   **error)
{
  AlamaImportOptions defaults = { 0 };

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (options == NULL)
    options = &defaults;

  return import_one (store, path, options->format, NULL, options, report, error);
}

/* ---- Files and folders -------------------------------------------------------- */

typedef struct
{
  char        *path;
  char        *name;    /* relative name inside a folder, or NULL */
  AlamaFormat  format;
} ImportItem;

static void
import_item_free (ImportItem *item)
{
  g_free (item->path);
  g_free (item->name);
  g_free (item);
}

/* Which format a file found in a folder walk is read as, or AUTO to leave it out.
 * A .txt beside an .ann is left out: the .ann brings the pair. */
static AlamaFormat
walk_format (const char  *path,
             AlamaFormat  forced)
{
  AlamaFormat detected = alama_import_detect_format (path);

  switch (forced)
    {
    case ALAMA_FORMAT_AUTO:
      if (detected == ALAMA_FORMAT_BRAT && has_suffix_nocase (path, ".txt"))
        return ALAMA_FORMAT_AUTO;
      return detected;
    case ALAMA_FORMAT_BRAT:
      return has_suffix_nocase (path, ".ann") ? ALAMA_FORMAT_BRAT : ALAMA_FORMAT_AUTO;
    case ALAMA_FORMAT_TXT:
      return has_suffix_nocase (path, ".txt") ? ALAMA_FORMAT_TXT : ALAMA_FORMAT_AUTO;
    case ALAMA_FORMAT_JSONL:
    case ALAMA_FORMAT_PRODIGY:
      return (detected == ALAMA_FORMAT_JSONL || detected == ALAMA_FORMAT_LABELSTUDIO)
             ? ALAMA_FORMAT_JSONL : ALAMA_FORMAT_AUTO;
    case ALAMA_FORMAT_LABELSTUDIO:
      return has_suffix_nocase (path, ".json") ? ALAMA_FORMAT_LABELSTUDIO : ALAMA_FORMAT_AUTO;
    case ALAMA_FORMAT_WEBANNO:
      return detected == ALAMA_FORMAT_WEBANNO ? ALAMA_FORMAT_WEBANNO : ALAMA_FORMAT_AUTO;
    case ALAMA_FORMAT_CONLL:
      return (detected == ALAMA_FORMAT_CONLL || has_suffix_nocase (path, ".txt"))
             ? ALAMA_FORMAT_CONLL : ALAMA_FORMAT_AUTO;
    case ALAMA_FORMAT_CONLLU:
      return detected == ALAMA_FORMAT_CONLLU ? ALAMA_FORMAT_CONLLU : ALAMA_FORMAT_AUTO;
    case ALAMA_FORMAT_CSV:
    default:
      return ALAMA_FORMAT_AUTO;
    }
}

/* A .txt file without a brat .ann beside it whose content is neither plain
 * text nor tagged tokens (alama_import_detect_format() gave AUTO). */
static gboolean
is_undecided_txt (const char *path)
{
  g_autofree char *ann = NULL;

  if (!has_suffix_nocase (path, ".txt"))
    return FALSE;
  ann = path_with_suffix (path, ".txt", ".ann");
  return !g_file_test (ann, G_FILE_TEST_IS_REGULAR) &&
         alama_import_detect_format (path) == ALAMA_FORMAT_AUTO;
}

static char *
name_without_extension (const char *relative)
{
  const char *slash = strrchr (relative, '/');
  const char *dot = strrchr (relative, '.');

  if (dot != NULL && (slash == NULL || dot > slash + 1))
    return g_strndup (relative, dot - relative);

  return g_strdup (relative);
}

/* A folder's identity, to walk each folder once: a symbolic link back to a
 * folder on the way (a -> .) would make the walk endless, and a link to a
 * folder walked already would bring its files twice. */
static char *
folder_identity (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                          (guint64) st.st_dev, (guint64) st.st_ino);
}

/* The document name of a file found in a folder walk: its path inside the walk
 * without the extension, the last part taken from the folder's names.tsv when
 * a brat export wrote one (its file names are mangled document names). */
static char *
item_name (const char *relative,
           const char *base,
           GHashTable *brat_names)
{
  g_autofree char *stem = name_without_extension (base);
  const char *mapped = brat_names != NULL ? g_hash_table_lookup (brat_names, stem) : NULL;
  g_autofree char *folder = NULL;

  if (mapped == NULL)
    return name_without_extension (relative);
  if (strchr (relative, '/') == NULL)
    return g_strdup (mapped);
  folder = g_path_get_dirname (relative);
  return g_strconcat (folder, "/", mapped, NULL);
}

static gboolean
walk_folder (const char         *root,
             const char         *relative,   /* "" at the root */
             AlamaFormat         forced,
             GHashTable         *visited,    /* folder identity → relative path */
             AlamaImportReport  *report,
             GPtrArray          *items,
             GError            **error)
{
  g_autofree char *folder = relative[0] ? g_build_filename (root, relative, NULL) : g_strdup (root);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) brat_names = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *identity = folder_identity (folder);
  const char *entry;

  if (identity != NULL)
    {
      const char *first = g_hash_table_lookup (visited, identity);

      if (first != NULL)
        {
          report_message (report, g_strdup_printf (_("skipped the folder %s: already read as %s"),
                                                   folder, first));
          return TRUE;
        }
      g_hash_table_insert (visited, g_steal_pointer (&identity), g_strdup (folder));
    }

  if ((dir = g_dir_open (folder, 0, &local_error)) == NULL)
    {
      g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_IO,
                   _("cannot read the folder %s: %s"), folder, local_error->message);
      return FALSE;
    }

  /* Sorted, so that an import of the same folder always runs in the same order. */
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (entry[0] != '.')
      g_ptr_array_add (entries, g_strdup (entry));
  g_ptr_array_sort (entries, _alama_compare_strings);

  for (guint i = 0; i < entries->len; i++)
    {
      const char *base = g_ptr_array_index (entries, i);
      g_autofree char *child_relative = relative[0] ? g_strconcat (relative, "/", base, NULL)
                                                     : g_strdup (base);
      g_autofree char *child = g_build_filename (root, child_relative, NULL);
      AlamaFormat format;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (!walk_folder (root, child_relative, forced, visited, report, items, error))
            return FALSE;
          continue;
        }

      /* A .txt (not beside an .ann) whose content cannot be told goes in as
       * undecided: its import then fails naming the --format choices (and
       * --keep-going reports it) instead of the file being left out unsaid. */
      if ((format = walk_format (child, forced)) != ALAMA_FORMAT_AUTO ||
          (forced == ALAMA_FORMAT_AUTO && is_undecided_txt (child)))
        {
          ImportItem *item = g_new0 (ImportItem, 1);

          if (format == ALAMA_FORMAT_BRAT && brat_names == NULL &&
              (brat_names = _alama_import_brat_read_names (folder, error)) == NULL)
            {
              import_item_free (item);
              return FALSE;
            }
          item->path = g_steal_pointer (&child);
          item->name = item_name (child_relative, base, brat_names);
          item->format = format;
          g_ptr_array_add (items, item);
        }
    }

  return TRUE;
}

/* The key that makes an .ann and its .txt one item. */
static char *
item_key (const ImportItem *item)
{
  if (item->format == ALAMA_FORMAT_BRAT)
    {
      g_autofree char *txt_path = NULL;
      g_autofree char *ann_path = NULL;

      brat_pair (item->path, &txt_path, &ann_path);
      return g_strconcat ("brat:", ann_path, NULL);
    }

  return g_strconcat ("file:", item->path, NULL);
}

static GPtrArray *
collect_items (const char * const  *paths,
               AlamaFormat          forced,
               AlamaImportReport   *report,
               GError             **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) import_item_free);
  g_autoptr(GPtrArray) unique = g_ptr_array_new_with_free_func ((GDestroyNotify) import_item_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      const char *path = paths[i];

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (!walk_folder (path, "", forced, visited, report, items, error))
            return NULL;
        }
      else if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          ImportItem *item = g_new0 (ImportItem, 1);

          item->path = g_strdup (path);
          item->format = forced != ALAMA_FORMAT_AUTO ? forced : alama_import_detect_format (path);
          if (item->format == ALAMA_FORMAT_AUTO)
            {
              g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_UNSUPPORTED,
                           _("%s: cannot tell the format from the file name or its content "
                             "(use --format txt, jsonl, prodigy, brat, conll, conllu, "
                             "labelstudio or webanno)"), path);
              import_item_free (item);
              return NULL;
            }
          if (item->format == ALAMA_FORMAT_BRAT)
            {
              /* One file of an exported brat folder keeps its name too. */
              g_autofree char *folder = g_path_get_dirname (path);
              g_autofree char *base = g_path_get_basename (path);
              g_autoptr(GHashTable) brat_names = _alama_import_brat_read_names (folder, error);

              if (brat_names == NULL)
                {
                  import_item_free (item);
                  return NULL;
                }
              if (g_hash_table_size (brat_names) > 0)
                item->name = item_name (base, base, brat_names);
            }
          g_ptr_array_add (items, item);
        }
      else
        {
          g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_IO,
                       _("%s: no such file or folder"), path);
          return NULL;
        }
    }

  /* X.txt and X.ann both named (or a folder and a file in it): import once. */
  for (guint i = 0; i < items->len; i++)
    {
      char *key = item_key (g_ptr_array_index (items, i));

      if (g_hash_table_add (seen, key))
        g_ptr_array_add (unique, g_ptr_array_steal_index (items, i--));
    }

  return g_steal_pointer (&unique);
}

/* One item under keep_going: a savepoint of its own, so that a failing file
 * is rolled back whole and reported, and the import goes on. FALSE only when
 * the savepoint itself fails. */
static gboolean
import_item_alone (AlamaStore                *store,
                   ImportItem                *item,
                   const AlamaImportOptions  *options,
                   AlamaImportReport         *report,
                   GError                   **error)
{
  g_autoptr(GError) item_error = NULL;
  AlamaChangePart part;
  gboolean ok;

  if (!_alama_store_part_start (store, &part, error))
    return FALSE;
  ok = import_one (store, item->path, item->format, item->name, options, report, &item_error);
  if (!_alama_store_part_finish (store, &part, ok, error))
    {
      if (ok)
        return FALSE;
      if (report != NULL && report->failures != NULL)
        {
          report->n_files_failed++;
          g_ptr_array_add (report->failures, g_strdup (item_error->message));
        }
    }

  return TRUE;
}

gboolean
alama_import_paths (AlamaStore                *store,
                    const char * const        *paths,
                    const AlamaImportOptions  *options,
                    AlamaImportProgressFunc    progress,
                    gpointer                   progress_data,
                    GCancellable              *cancellable,
                    AlamaImportReport         *report,
                    GError                   **error)
{
  AlamaImportOptions defaults = { 0 };
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *description = NULL;
  AlamaImportReport before = { 0 };

  g_return_val_if_fail (ALAMA_IS_STORE (store), FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (report != NULL)
    before = *report;

  if ((items = collect_items (paths, options->format, report, error)) == NULL)
    return FALSE;

  /* One command, one transaction: a failure leaves the project as it was. */
  description = items->len == 1
                ? g_strdup_printf ("Import %s", ((ImportItem *) g_ptr_array_index (items, 0))->path)
                : g_strdup_printf ("Import %u files", items->len);
  if (!alama_store_begin_change (store, description, ALAMA_CHANGE_NOT_UNDOABLE, error))
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      ImportItem *item = g_ptr_array_index (items, i);
      gboolean ok;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_CANCELLED,
                       _("the import was cancelled before %s"), item->path);
          goto rolled_back;
        }
      if (progress != NULL)
        progress (i, items->len, item->path, progress_data);

      if (options->keep_going)
        ok = import_item_alone (store, item, options, report, error);
      else
        ok = import_one (store, item->path, item->format, item->name, options, report, error);
      if (!ok)
        goto rolled_back;
    }

  if (!alama_store_end_change (store, error))
    goto rolled_back;

  if (progress != NULL)
    progress (items->len, items->len, NULL, progress_data);

  return TRUE;

rolled_back:
  alama_store_cancel_change (store);
  /* Nothing landed: the report counts nothing either (its messages stay). */
  if (report != NULL)
    {
      before.messages = report->messages;
      before.failures = report->failures;
      *report = before;
    }
  return FALSE;
}
