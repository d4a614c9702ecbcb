/* alama-import-private.h: helpers shared by the importers (alama-import-*.c).
 *
 * Not installed, not part of the public API: only app/core's import files use it.
 */
#pragma once

#include "alama/alama-import.h"
#include "alama-hash-private.h"

G_BEGIN_DECLS

/* Sets ALAMA_IMPORT_ERROR_INVALID_UTF8 with "PATH: invalid UTF-8 at byte N". */
void       _alama_import_set_invalid_utf8 (const char  *path,
                                           guint64      offset,
                                           GError     **error);

/* The file's bytes as text (UTF-8 checked, leading BOM removed, nothing else
 * changed). On invalid UTF-8 fails with ALAMA_IMPORT_ERROR_INVALID_UTF8 and a
 * message "PATH: invalid UTF-8 at byte N". */
char      *_alama_import_text_from_bytes  (const char  *path,
                                           const char  *data,
                                           gsize        len,
                                           GError     **error);

/* Line ends for the line-oriented readers. A lone CR (classic Mac OS) ends a
 * line like LF and CRLF: _alama_import_lone_cr_to_lf() rewrites each CR not
 * followed by LF as LF, in place (same length, so byte offsets keep). Where a
 * raw CR inside a line can be content (a brat surface, a JSON string that
 * json-glib accepts), a reader applies it only to a file that
 * _alama_import_has_only_cr_line_ends(): CRs and no LF at all. */
void       _alama_import_lone_cr_to_lf          (char        *text);
gboolean   _alama_import_has_only_cr_line_ends  (const char  *text);

/* A span with one fragment [start, end) taken as given, even when the offsets
 * are wrong: alama_import_check_docs() reports bad offsets with the file's
 * context, so the parsers must not reject them earlier. */
AlamaSpan *_alama_import_span_new         (const char  *label,
                                           gint64       start,
                                           gint64       end);

/* Replaces the span's fragments with @start, @end pairs (also unchecked). */
void       _alama_import_span_set_fragments (AlamaSpan    *span,
                                             const gint64 *pairs,
                                             guint         n_pairs);

/* The base name of @path without @suffix (if it ends with it). */
char      *_alama_import_name_from_path   (const char  *path,
                                           const char  *suffix);

/* TRUE if @recorded is the surface the file recorded for @actual (the text
 * under the span): equal, or equal once tabs, CR and LF in @actual are read as
 * spaces (brat writes a span that crosses a line with spaces there). */
gboolean   _alama_import_surface_matches  (const char  *actual,
                                           const char  *recorded);

/* brat's form of a span's covered text: the fragments' texts joined by one space. */
char      *_alama_import_span_surface     (AlamaTextIndex  *index,
                                           const AlamaSpan *span);

/* A brat folder's names.tsv (see alama-export.h) as file name without .txt/.ann
 * → document name; empty when the folder has none. Fails naming the file and line. */
GHashTable *_alama_import_brat_read_names (const char  *folder,
                                           GError     **error);

/* A brat document whose .txt had a BOM: its offsets, which brat counted with the
 * BOM, moved back by one unless the T lines' surfaces say the writer skipped it
 * (alama-import-brat-bom.c). */
void        _alama_import_brat_move_offsets_past_bom (AlamaImportDoc *doc);

/* A parsed document for @user_data, which owns it from then on. FALSE (with
 * @error) stops the reading. */
typedef gboolean (*AlamaImportDocFunc) (AlamaImportDoc  *doc,
                                        gpointer         user_data,
                                        GError         **error);

/* JSONL read as it comes, one document at a time (alama-import-jsonl.c): feed
 * the file's bytes in pieces cut anywhere, then finish (for a last line without
 * a newline). Each line is checked as UTF-8 (the message gives the byte offset
 * in the file) and parsed when complete; @each gets its document. Only a line
 * cut by the end of a piece is copied. alama_import_parse_jsonl() is the same
 * reader fed the whole file. */
typedef struct _AlamaJsonlReader AlamaJsonlReader;

AlamaJsonlReader *_alama_jsonl_reader_new    (const char                *path,
                                              const AlamaImportOptions  *options,
                                              AlamaImportDocFunc         each,
                                              gpointer                   user_data);
gboolean          _alama_jsonl_reader_feed   (AlamaJsonlReader          *reader,
                                              const char                *data,
                                              gsize                      len,
                                              GError                   **error);
gboolean          _alama_jsonl_reader_finish (AlamaJsonlReader          *reader,
                                              GError                   **error);
void              _alama_jsonl_reader_free   (AlamaJsonlReader          *reader);

/* Reads the file at @path in chunks through a reader, @checksum (may be NULL)
 * fed every byte, to the end even after an error: the file is never in memory
 * whole. */
gboolean   _alama_import_read_jsonl_file  (const char                *path,
                                           const AlamaImportOptions  *options,
                                           AlamaSha256               *checksum,
                                           AlamaImportDocFunc         each,
                                           gpointer                   user_data,
                                           GError                   **error);

/* Prodigy tasks of one file that share a text (alama-import-merge.c): the
 * documents made so far, by text, and the merge of a later task into one. */
typedef struct _AlamaImportMerge AlamaImportMerge;

AlamaImportMerge *_alama_import_merge_new      (void);
void              _alama_import_merge_free     (AlamaImportMerge  *merge);
/* The document made from a task with @text, or 0. */
gint64            _alama_import_merge_find     (AlamaImportMerge  *merge,
                                                const char        *text);
void              _alama_import_merge_remember (AlamaImportMerge  *merge,
                                                const char        *text,
                                                gint64             document_id);
/* Stores @doc's spans (their provenance already applied) and relations into
 * the document @document_id: a span of the same label and fragments is not
 * added again but gets the stronger status (rejected, then accepted, then
 * pending). Counts what was added in @counts. */
gboolean          _alama_import_merge_into     (AlamaStore         *store,
                                                AlamaImportDoc     *doc,
                                                gint64              document_id,
                                                AlamaImportReport  *counts,
                                                GError            **error);
/* Whether the start of a .json file is a Label Studio task list or JSON-MIN
 * export (alama-import-labelstudio.c). */
gboolean   _alama_import_labelstudio_sniff (const char  *data,
                                            gsize        len);

/* Detection by content (alama-import-detect.c). Whether @data is CoNLL-U:
 * its "# text" / "# sent_id" / "# newdoc" comments with tab-separated word
 * lines that start with a word ID, or most lines ten such columns. */
gboolean    _alama_import_conllu_sniff        (const char  *data,
                                               gsize        len);
/* What @data (a file's first bytes; @cut when the file goes on) holds:
 * ALAMA_FORMAT_CONLLU, ALAMA_FORMAT_CONLL (token TAG lines, or word|POS|TAG
 * sentences), ALAMA_FORMAT_TXT (text without tags), or ALAMA_FORMAT_AUTO when
 * it cannot tell (tags on some lines only, or not text). */
AlamaFormat _alama_import_detect_content      (const char  *data,
                                               gsize        len,
                                               gboolean     cut);
/* The same for the first bytes of the file at @path; AUTO when unreadable. */
AlamaFormat _alama_import_detect_file_content (const char  *path);

/* CoNLL-U (alama-import-conllu-scan.c). MISC is the tenth column; a shorter
 * line has its MISC last. */
#define CONLLU_COLUMNS 10
#define CONLLU_MISC    9   /* index of MISC among the ten */

/* The value of @key in a MISC column ("SpaceAfter=No|NE=B-PER"), or NULL. */
char      *_alama_conllu_misc_value        (const char  *misc,
                                            const char  *key);
/* The column (1-based) that holds only tags, one at least not O, when the file
 * has no NE, NER or Entity key in MISC (*has_ner_key says whether it has);
 * 0 when none or several. */
guint      _alama_conllu_find_tag_column   (const char  *content,
                                            gboolean    *has_ner_key);
/* Another MISC key whose values are all tags, one at least not O (the first
 * by name), and the line of its first such tag; NULL when there is none. */
char      *_alama_conllu_find_tag_misc_key (const char  *content,
                                            guint       *line_of_tag);
/* Whether a "# newdoc" comment is in @content. */
gboolean   _alama_conllu_has_newdoc        (const char  *content);

/* Whether @head (the first @n bytes of a file) starts a WebAnno TSV file:
 * "#FORMAT=WebAnno TSV", after a byte-order mark if there is one
 * (alama-import-webanno.c). */
gboolean   _alama_import_webanno_sniff (const char  *head,
                                        gsize        n);

G_END_DECLS
