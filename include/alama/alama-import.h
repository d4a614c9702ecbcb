/* alama-import.h: reading files into a project.
 *
 * Each format has a parser (alama-import-FORMAT.c) that turns one file into
 * AlamaImportDoc values without touching a project; alama_import_file() then
 * validates them against the text and the schema and stores the whole file in
 * ONE change: all of it lands or none.
 */
#pragma once

#include <gio/gio.h>

#include "alama-span.h"
#include "alama-store.h"
#include "alama-types.h"

G_BEGIN_DECLS

#define ALAMA_IMPORT_ERROR (alama_import_error_quark ())
GQuark alama_import_error_quark (void);

/* Every message names the file, and the line, byte offset, document or span. */
typedef enum
{
  ALAMA_IMPORT_ERROR_IO,                  /* cannot read the file */
  ALAMA_IMPORT_ERROR_INVALID_UTF8,        /* names the byte offset */
  ALAMA_IMPORT_ERROR_PARSE,               /* malformed line: names the line number */
  ALAMA_IMPORT_ERROR_BAD_OFFSETS,         /* start >= end, or beyond the text */
  ALAMA_IMPORT_ERROR_TEXT_MISMATCH,       /* recorded surface text differs from the text */
  ALAMA_IMPORT_ERROR_UNKNOWN_LABEL,       /* without --add-labels */
  ALAMA_IMPORT_ERROR_MISSING_ANNOTATION,  /* a relation/attribute/note to a missing id */
  ALAMA_IMPORT_ERROR_UNSUPPORTED,         /* a format we cannot tell or read */
  ALAMA_IMPORT_ERROR_CANCELLED,
  /* A relation type the schema does not allow between the two spans' labels
   * (without --add-labels; with it the type's from/to lists are widened by
   * those labels, in the same change as the import). */
  ALAMA_IMPORT_ERROR_NOT_ALLOWED,
} AlamaImportErrorCode;

typedef struct
{
  AlamaFormat  format;          /* ALAMA_FORMAT_AUTO: by file name and content */
  gboolean     as_suggestions;  /* store as pending with @source */
  const char  *source;          /* NULL = the format name for suggestions, "manual" else */
  gboolean     add_labels;      /* add unknown labels and relation types to the schema */
  /* JSONL field names; NULL = defaults ("text", "label"/"entities", "start_offset",
   * "end_offset", "label"). */
  const char  *text_field;
  const char  *spans_field;
  const char  *start_key;
  const char  *end_key;
  const char  *label_key;
  const char  *annotator;       /* NULL = the store's */
  /* alama_import_paths(): a file that fails is reported and left out (all of it)
   * and the others go on, instead of the whole import failing. */
  gboolean     keep_going;
  /* JSONL: what the file's offsets count; they are converted to code points. */
  AlamaOffsetUnit offsets;
  /* CoNLL-U: named entities from this MISC key (NULL = NE, NER or Entity) or,
   * when not 0, from this column (1 = ID, 10 = MISC). */
  const char  *conllu_ner_key;
  guint        conllu_column;
} AlamaImportOptions;

/* One document parsed from a file, not yet in a project. */
struct _AlamaImportDoc
{
  char      *name;              /* unique within the file */
  char      *source_path;
  char      *text;
  char      *metadata_json;     /* JSON object or NULL */
  char      *format_data_json;  /* see alama_document_get_format_data(), or NULL */
  GPtrArray *spans;             /* of AlamaSpan*, id 0, ext_id set where the file has ids */
  GPtrArray *relations;         /* of AlamaRelation*: from_id/to_id are INDEXES into spans */
  /* For error messages: where each span came from ("line 12", "T3"), parallel to
   * spans, may be NULL. */
  GPtrArray *span_origins;
  /* Surface text the file recorded for each span (brat, IDRISI), parallel to spans,
   * entries may be NULL; checked against the text on import. */
  GPtrArray *span_surfaces;
  /* A Prodigy task (JSONL with `answer`, or spans under `spans`): a later task
   * of the same file with the same text adds its spans to this document
   * instead of making another (alama-import-merge.c). */
  gboolean   merge_same_text;
  /* Labels the file uses as event types (brat's E lines), a set of char*, or
   * NULL: --add-labels adds them as ALAMA_LABEL_KIND_EVENT, and a label the
   * project has of another kind refuses the file. */
  GHashTable *event_labels;
};

AlamaImportDoc *alama_import_doc_new   (const char     *name,
                                        const char     *source_path,
                                        char           *text);  /* takes ownership */
void            alama_import_doc_free  (AlamaImportDoc *doc);
/* Appends a span and its origin/surface (both may be NULL); returns its index. */
guint           alama_import_doc_add_span (AlamaImportDoc *doc,
                                           AlamaSpan      *span,      /* takes ownership */
                                           const char     *origin,
                                           const char     *surface);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlamaImportDoc, alama_import_doc_free)

/* Parsers: @path is used for names and messages, @data is the file's bytes.
 * Return a GPtrArray of AlamaImportDoc* (free func set) or NULL with @error. */
GPtrArray *alama_import_parse_txt   (const char                *path,
                                     GBytes                    *data,
                                     const AlamaImportOptions  *options,
                                     GError                   **error);
GPtrArray *alama_import_parse_jsonl (const char                *path,
                                     GBytes                    *data,
                                     const AlamaImportOptions  *options,
                                     GError                   **error);
/* @path is the .ann (or .txt) file; its sibling is read from disk. */
GPtrArray *alama_import_parse_brat  (const char                *path,
                                     const AlamaImportOptions  *options,
                                     GError                   **error);
GPtrArray *alama_import_parse_conll (const char                *path,
                                     GBytes                    *data,
                                     const AlamaImportOptions  *options,
                                     GError                   **error);
/* Universal Dependencies CoNLL-U (see alama-import-conllu.c). */
GPtrArray *alama_import_parse_conllu (const char                *path,
                                      GBytes                    *data,
                                      const AlamaImportOptions  *options,
                                      GError                   **error);
/* Label Studio's task list or JSON-MIN; what the report should say (the offset
 * counting a file used, a text taken from another field than "text") is added
 * to @messages as char*. */
GPtrArray *alama_import_parse_labelstudio (const char                *path,
                                           GBytes                    *data,
                                           const AlamaImportOptions  *options,
                                           GPtrArray                 *messages,
                                           GError                   **error);

/* WebAnno TSV 3.1-3.3 (INCEpTION, WebAnno): one document per file; offsets
 * counted in UTF-16 units as the file has them are converted to code points. */
GPtrArray *alama_import_parse_webanno (const char                *path,
                                       GBytes                    *data,
                                       const AlamaImportOptions  *options,
                                       GError                   **error);

/* Checks every span of every doc against its text (offsets in range, start < end,
 * surface text matches) and relation indexes. No schema check here. */
gboolean   alama_import_check_docs  (const char                *path,
                                     GPtrArray                 *docs,
                                     GError                   **error);

typedef struct
{
  guint   n_files;
  guint   n_files_skipped;      /* already imported (same content hash) */
  guint   n_documents;
  guint   n_spans;
  guint   n_relations;
  guint   n_files_failed;       /* left out under keep_going */
  GPtrArray *messages;          /* char*: "skipped X: already in the project" ... */
  GPtrArray *failures;          /* char*: the error of each file left out */
} AlamaImportReport;

void       alama_import_report_init  (AlamaImportReport *report);
void       alama_import_report_clear (AlamaImportReport *report);

/* The format of a file, from its name and, where the name does not decide, its
 * first 256 KiB: .json → Label Studio when its first task says so, else JSONL;
 * .jsonl → JSONL; .ann → brat, as is a .txt with a sibling .ann of the same
 * stem; .conllu → CoNLL-U; .conll/.bio/.iob → CoNLL, or CoNLL-U by content;
 * .txt → CoNLL-U, CoNLL (token TAG lines, word|POS|TAG sentences) or text by
 * content; any other name → CoNLL-U or CoNLL by content. ALAMA_FORMAT_AUTO
 * when none fits, or when a .txt has tags on some lines only (see
 * alama-import-detect.c). */
AlamaFormat alama_import_detect_format (const char *path);

/* Imports one file (for brat: an .ann/.txt pair) in one change. */
gboolean   alama_import_file        (AlamaStore                *store,
                                     const char                *path,
                                     const AlamaImportOptions  *options,
                                     AlamaImportReport         *report,
                                     GError                   **error);

typedef void (*AlamaImportProgressFunc) (guint        done,
                                         guint        total,
                                         const char  *current_path,
                                         gpointer     user_data);

/* Files and folders (recursive: *.txt, *.jsonl, *.json, *.ann, *.conll; a .txt
 * beside an .ann of the same stem is brat), all in ONE change: the first error
 * (or a cancellation) rolls everything back and nothing is committed. With
 * options->keep_going a failing file is rolled back alone, counted in
 * report->n_files_failed with its error in report->failures, and the others are
 * committed; the call then returns TRUE. */
gboolean   alama_import_paths       (AlamaStore                *store,
                                     const char * const        *paths,
                                     const AlamaImportOptions  *options,
                                     AlamaImportProgressFunc    progress,
                                     gpointer                   progress_data,
                                     GCancellable              *cancellable,
                                     AlamaImportReport         *report,
                                     GError                   **error);

G_END_DECLS
