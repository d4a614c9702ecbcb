/* alama-types.h: forward declarations and small enums shared by the whole core.
 *
 * Offsets everywhere in Alama are Unicode code points into a document's text,
 * end-exclusive, so that text[start:end] in Python is the span. Only alama-text.c
 * converts them to UTF-8 bytes (Pango) or UTF-16 units (ICU).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AlamaStore       AlamaStore;
typedef struct _AlamaDocument    AlamaDocument;
typedef struct _AlamaSpan        AlamaSpan;
typedef struct _AlamaRelation    AlamaRelation;
typedef struct _AlamaSchema      AlamaSchema;
typedef struct _AlamaTextIndex   AlamaTextIndex;
typedef struct _AlamaImportDoc   AlamaImportDoc;

/* Review status of an annotation or relation. Stored as its string form. */
typedef enum
{
  ALAMA_STATUS_ACCEPTED = 0,
  ALAMA_STATUS_PENDING  = 1,   /* a suggestion waiting for review */
  ALAMA_STATUS_REJECTED = 2,
} AlamaStatus;

/* Which statuses a query or an export includes. */
typedef enum
{
  ALAMA_STATUS_MASK_ACCEPTED = 1 << ALAMA_STATUS_ACCEPTED,
  ALAMA_STATUS_MASK_PENDING  = 1 << ALAMA_STATUS_PENDING,
  ALAMA_STATUS_MASK_REJECTED = 1 << ALAMA_STATUS_REJECTED,
  ALAMA_STATUS_MASK_ALL      = 0x7,
} AlamaStatusMask;

const char  *alama_status_to_string   (AlamaStatus  status);
/* Returns FALSE for an unknown string and leaves *status alone. */
gboolean     alama_status_from_string (const char  *str,
                                       AlamaStatus *status);

/* The source name of annotations made by hand. */
#define ALAMA_SOURCE_MANUAL "manual"

/* Interchange formats. */
typedef enum
{
  ALAMA_FORMAT_AUTO = 0,  /* from the file name and content (alama_import_detect_format) */
  ALAMA_FORMAT_TXT,
  ALAMA_FORMAT_JSONL,
  ALAMA_FORMAT_BRAT,
  ALAMA_FORMAT_CONLL,
  ALAMA_FORMAT_CSV,       /* export only */
  ALAMA_FORMAT_PRODIGY,   /* Prodigy's JSONL tasks; imported by the JSONL reader */
  ALAMA_FORMAT_LABELSTUDIO, /* Label Studio's JSON task list (and JSON-MIN on import) */
  ALAMA_FORMAT_CONLLU,    /* Universal Dependencies CoNLL-U; import only */
  ALAMA_FORMAT_WEBANNO,   /* WebAnno TSV 3.x (INCEpTION, WebAnno) */
} AlamaFormat;

const char *alama_format_to_string   (AlamaFormat  format);
gboolean    alama_format_from_string (const char  *str,
                                      AlamaFormat *format);

/* What a file's offsets count: Alama's code points (Python's str indexes), the
 * UTF-16 units of tools written in JavaScript or Java (doccano, Label Studio),
 * or UTF-8 bytes. alama-text.h converts. */
typedef enum
{
  ALAMA_OFFSETS_CODEPOINT = 0,
  ALAMA_OFFSETS_UTF16,
  ALAMA_OFFSETS_UTF8,
} AlamaOffsetUnit;

const char *alama_offset_unit_to_string   (AlamaOffsetUnit  unit);
gboolean    alama_offset_unit_from_string (const char      *str,
                                           AlamaOffsetUnit *unit);

G_END_DECLS
