/* alama-export.h: writing a project's annotations as datasets.
 *
 * One file per format (alama-export-FORMAT.c); alama_export() dispatches.
 * JSONL and CSV write one file at @out_path; brat writes a folder (.txt + .ann per
 * document and annotation.conf); CoNLL one file with -DOCSTART- between documents.
 *
 * What is already at @out_path: a file is written under a temporary name beside
 * it and renamed into place, only onto a regular file or a new name. A symbolic
 * link to a regular file is written through (its target is replaced, the link
 * kept); a folder, FIFO, device, socket or dangling link is refused with
 * ALAMA_EXPORT_ERROR_NOT_A_FILE and left alone. brat writes a new folder beside
 * @out_path and renames it into place; a folder that holds files is refused with
 * ALAMA_EXPORT_ERROR_NOT_EMPTY unless options->force, which moves the export's
 * own files into it and leaves every other file there alone.
 */
#pragma once

#include <gio/gio.h>

#include "alama-store.h"
#include "alama-types.h"

G_BEGIN_DECLS

#define ALAMA_EXPORT_ERROR (alama_export_error_quark ())
GQuark alama_export_error_quark (void);

typedef enum
{
  ALAMA_EXPORT_ERROR_IO,
  ALAMA_EXPORT_ERROR_NO_SUCH_DOCUMENT,
  ALAMA_EXPORT_ERROR_UNSUPPORTED,
  ALAMA_EXPORT_ERROR_CANCELLED,
  ALAMA_EXPORT_ERROR_NOT_A_FILE,       /* OUT is a FIFO, a device, a folder ...: left alone */
  ALAMA_EXPORT_ERROR_NOT_EMPTY,        /* brat: OUT is a folder holding files, no force */
} AlamaExportErrorCode;

/* A brat export's record of which document each NAME.txt/NAME.ann holds, as
 * "NAME<TAB>document name" lines; the brat import reads it back. */
#define ALAMA_BRAT_NAMES_FILE "names.tsv"

/* A brat normalisation ("N1<TAB>Reference T5 Wikipedia:64488<TAB>name") is the
 * span attribute "norm:Reference" = "Wikipedia:64488 name": the database:id,
 * then after a space the entry's name when the line gives one. */
#define ALAMA_BRAT_NORM_PREFIX "norm:"
/* The gazetteer's canonical name of an entity (span attribute "canonical"), which
 * brat holds as the normalisation "N1<TAB>Reference T1 Alama:canonical<TAB><TAB>name"
 * (an attribute value in brat is one token; a name has spaces). */
#define ALAMA_CANONICAL_ATTRIBUTE "canonical"
#define ALAMA_BRAT_CANONICAL_REF "Alama:canonical"

/* The brat id of the relations an equivalence line ("*<TAB>Equiv T1 T2 T3")
 * became: T1→T2 and T2→T3, written back as one such line. */
#define ALAMA_BRAT_EQUIV_ID "*"

typedef struct
{
  AlamaStatusMask     statuses;     /* 0 = accepted only */
  const char * const *doc_names;    /* NULL = all documents */
  gboolean            nested;       /* CoNLL: nested entities in extra tag columns */
  gboolean            force;        /* brat: write into a folder that holds files */
  AlamaOffsetUnit     offsets;      /* JSONL and Prodigy: what the offsets count */
} AlamaExportOptions;

typedef void (*AlamaExportProgressFunc) (guint       done,
                                         guint       total,
                                         gpointer    user_data);

gboolean alama_export             (AlamaStore                *store,
                                   AlamaFormat                format,
                                   const char                *out_path,
                                   const AlamaExportOptions  *options,
                                   AlamaExportProgressFunc    progress,
                                   gpointer                   progress_data,
                                   GCancellable              *cancellable,
                                   GError                   **error);

/* The documents an export covers, in name order (AlamaDocument*, owned). Fails
 * with NO_SUCH_DOCUMENT naming the first unknown name. */
GPtrArray *alama_export_select_documents (AlamaStore               *store,
                                          const AlamaExportOptions *options,
                                          GError                  **error);

/* Per format; same contract as alama_export(). */
gboolean alama_export_jsonl       (AlamaStore *store, const char *out_path,
                                   const AlamaExportOptions *options,
                                   AlamaExportProgressFunc progress, gpointer progress_data,
                                   GCancellable *cancellable, GError **error);
gboolean alama_export_brat        (AlamaStore *store, const char *out_path,
                                   const AlamaExportOptions *options,
                                   AlamaExportProgressFunc progress, gpointer progress_data,
                                   GCancellable *cancellable, GError **error);
gboolean alama_export_conll       (AlamaStore *store, const char *out_path,
                                   const AlamaExportOptions *options,
                                   AlamaExportProgressFunc progress, gpointer progress_data,
                                   GCancellable *cancellable, GError **error);
/* alama_export_conll() with a choice of labels: @all_labels FALSE tags the labels
 * of kind entity only (what alama_export_conll() does), TRUE tags every label
 * (QUOTE, CLAIM, CUE ... too). */
gboolean alama_export_conll_labels (AlamaStore *store, const char *out_path,
                                    const AlamaExportOptions *options,
                                    gboolean all_labels,
                                    AlamaExportProgressFunc progress, gpointer progress_data,
                                    GCancellable *cancellable, GError **error);
/* Writes OUT-spans.csv, OUT-relations.csv and OUT-quotes-claims.csv when @out_path
 * ends in .csv (OUT = path without .csv), else those three names inside a folder
 * @out_path. RFC 4180, UTF-8 with BOM; cells starting with = + - @ are prefixed
 * with an apostrophe so spreadsheets do not run them. */
gboolean alama_export_csv         (AlamaStore *store, const char *out_path,
                                   const AlamaExportOptions *options,
                                   AlamaExportProgressFunc progress, gpointer progress_data,
                                   GCancellable *cancellable, GError **error);

/* Prodigy's JSONL tasks (alama-export-prodigy.c): per document one task of its
 * accepted spans with answer "accept"; with rejected spans included, one task
 * per rejected span with answer "reject"; pending spans in one task without an
 * answer (Prodigy's input to review). */
gboolean alama_export_prodigy     (AlamaStore *store, const char *out_path,
                                   const AlamaExportOptions *options,
                                   AlamaExportProgressFunc progress, gpointer progress_data,
                                   GCancellable *cancellable, GError **error);

/* Label Studio's JSON task list: one annotation per annotator, pending spans as
 * predictions per source; ids are the span ids. */
gboolean alama_export_labelstudio (AlamaStore *store, const char *out_path,
                                   const AlamaExportOptions *options,
                                   AlamaExportProgressFunc progress, gpointer progress_data,
                                   GCancellable *cancellable, GError **error);

/* WebAnno TSV 3.3 (alama-export-webanno.c), for INCEpTION and WebAnno: a
 * folder of NAME.tsv, one per document, or when @out_path ends in .tsv that
 * one file (one document must be selected). Spans are NamedEntity annotations
 * valued by their label, relations a custom "Relation" layer on them. */
gboolean alama_export_webanno     (AlamaStore *store, const char *out_path,
                                   const AlamaExportOptions *options,
                                   AlamaExportProgressFunc progress, gpointer progress_data,
                                   GCancellable *cancellable, GError **error);

/* Quotes a CSV cell (RFC 4180) and neutralises formula starts. */
char    *alama_csv_cell           (const char *value);

G_END_DECLS
