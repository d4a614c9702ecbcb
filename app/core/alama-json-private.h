/* alama-json-private.h: small JSON helpers shared by the readers that hand
 * user JSON to json-glib (JSONL import, external tagger output, the store's
 * check of document metadata). Not part of the public API. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* json-glib's parser recurses once per level of nesting: a line of 200,000 “[”
 * overflows the stack. No document needs more levels than this. */
#define ALAMA_JSON_MAX_DEPTH 512

/* What a reader must refuse before json-glib sees the value, because json-glib
 * 1.6 would crash or silently change it. */
typedef enum
{
  ALAMA_JSON_PROBLEM_NONE,
  ALAMA_JSON_PROBLEM_TOO_DEEP,       /* nested deeper than ALAMA_JSON_MAX_DEPTH */
  ALAMA_JSON_PROBLEM_NUL,            /* a \u0000 escape: json-glib hands out C strings,
                                      * which end there, so the rest would be lost */
  ALAMA_JSON_PROBLEM_LONE_SURROGATE, /* \ud800 without its pair: json-glib writes it
                                      * as invalid UTF-8 */
  ALAMA_JSON_PROBLEM_NUMBER_RANGE,   /* an integer outside gint64: json-glib wraps it
                                      * round (2^63 becomes -2^63) */
} AlamaJsonProblem;

typedef struct
{
  gsize            length;       /* the first value is data[0 .. length) */
  gboolean         complete;     /* it ends before the data does (a closing bracket,
                                  * quote or delimiter), rather than being cut off */
  AlamaJsonProblem problem;
  gsize            problem_at;   /* the byte of data the problem starts at */
  gsize            problem_len;  /* and how many bytes it covers (the escape, the number) */
} AlamaJsonScan;

/* Scans the first JSON value of data[0..len): where it ends, and the first
 * problem in it. The scan tracks string literals (where brackets do not count),
 * escapes and bracket depth; it does not validate, json-glib does that. */
void     _alama_json_scan                    (const char          *data,
                                              gsize                len,
                                              AlamaJsonScan       *scan);
/* A sentence for scan->problem that names the member holding it, e.g.
 * "“text” holds U+0000 (\u0000) ...". The caller adds the line and byte offset. */
char    *_alama_json_scan_describe           (const char          *data,
                                              gsize                len,
                                              const AlamaJsonScan *scan);

/* The two above for a reader that only needs the verdict: returns the problem
 * as a sentence (NULL when there is none) with its byte in *out_offset, and the
 * first value's length in *out_length. */
char    *_alama_json_check_first_value       (const char          *data,
                                              gsize                len,
                                              gsize               *out_length,
                                              gsize               *out_offset);

/* json-glib 1.6 accepts `{…}{…}` (or `{…} 1`) on one line without an error,
 * keeps only the first value and leaks the other. So a reader hands json-glib
 * only the first value of a line, data[0 .. _alama_json_first_value_length()),
 * and reports the line when _alama_json_has_more_than_one_value() says that
 * something other than white space follows it. */
gsize    _alama_json_first_value_length      (const char          *data,
                                              gsize                len);
gboolean _alama_json_has_more_than_one_value (const char          *data,
                                              gsize                len);

G_END_DECLS
