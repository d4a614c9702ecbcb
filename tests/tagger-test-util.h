/* tagger-test-util.h: shared helpers of the tagger tests: expected offsets computed
 * from the fixture strings (independently of the taggers), a temporary project,
 * and finding spans and relations in what a tagger wrote. Static inline: one copy
 * per test program, and a test that does not use a helper gets no warning. */
#pragma once

#include <string.h>

#include <glib/gstdio.h>

#include "alama/alama.h"

/* Code point offset of the @nth (0-based) occurrence of @needle in @text. */
static inline gint64
cp_of_nth (const char *text,
           const char *needle,
           guint       nth)
{
  const char *p = text;

  for (guint i = 0; ; i++)
    {
      p = strstr (p, needle);
      g_assert_nonnull (p);
      if (i == nth)
        return g_utf8_pointer_to_offset (text, p);
      p += strlen (needle);
    }
}

/* Code point offset of the first occurrence of @needle in @text plus @skip. */
static inline gint64
cp_of (const char *text,
       const char *needle,
       gint64      skip)
{
  return cp_of_nth (text, needle, 0) + skip;
}

static inline gint64
cp_len (const char *s)
{
  return g_utf8_strlen (s, -1);
}

/* The contents of tests/fixtures/taggers/@name without the final newline. */
static inline char *
read_fixture (const char *name)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = g_test_get_filename (G_TEST_DIST, "fixtures", "taggers", name, NULL);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return g_strchomp (g_steal_pointer (&contents));
}

static inline AlamaGazetteer *
load_test_gazetteer (void)
{
  g_autoptr(AlamaGazetteer) gazetteer = alama_gazetteer_new ();
  g_autoptr(GError) error = NULL;
  const char *path = g_test_get_filename (G_TEST_DIST, "fixtures", "taggers",
                                          "test-gazetteer.tsv", NULL);

  alama_gazetteer_load_file (gazetteer, path, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&gazetteer);
}

/* A project file in a fresh temporary folder; project_close() deletes both. */
typedef struct
{
  char       *dir;
  char       *path;
  AlamaStore *store;
  gint64      doc_id;  /* the document project_open() added */
} Project;

static inline void
project_open_empty (Project *project)
{
  g_autoptr(GError) error = NULL;

  project->dir = g_dir_make_tmp ("alama-tagger-XXXXXX", &error);
  g_assert_no_error (error);
  project->path = g_build_filename (project->dir, "test.alama", NULL);
  project->store = alama_store_open (project->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static inline gint64
project_add_document (Project    *project,
                      const char *name,
                      const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  alama_store_add_document (project->store, name, NULL, text, NULL, NULL, &id, &error);
  g_assert_no_error (error);
  return id;
}

/* A project with one document, @doc_name with @text, whose id is project->doc_id. */
static inline void
project_open (Project    *project,
              const char *doc_name,
              const char *text)
{
  project_open_empty (project);
  project->doc_id = project_add_document (project, doc_name, text);
}

/* Adds a span on the @nth occurrence of @word; returns its id. */
static inline gint64
project_add_span (Project     *project,
                  gint64       doc_id,
                  const char  *text,
                  const char  *word,
                  guint        nth,
                  const char  *label,
                  const char  *source,
                  AlamaStatus  status)
{
  g_autoptr(GError) error = NULL;
  gint64 start = cp_of_nth (text, word, nth);
  g_autoptr(AlamaSpan) span = alama_span_new (label, start, start + g_utf8_strlen (word, -1));

  span->document_id = doc_id;
  span->status = status;
  g_free (span->source);
  span->source = g_strdup (source);
  alama_store_add_span (project->store, span, &error);
  g_assert_no_error (error);
  return span->id;
}

static inline void
project_close (Project *project)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&project->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (project->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (project->dir);
  g_free (project->dir);
  g_free (project->path);
}

/* The span of @spans with @label over [@start, @end), or NULL. */
static inline AlamaSpan *
find_span (GPtrArray  *spans,
           const char *label,
           gint64      start,
           gint64      end)
{
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      if (g_strcmp0 (span->label, label) == 0 && alama_span_get_start (span) == start &&
          alama_span_get_end (span) == end)
        return span;
    }
  return NULL;
}

static inline gboolean
has_relation (GPtrArray  *relations,
              const char *type,
              gint64      from_id,
              gint64      to_id)
{
  for (guint i = 0; i < relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (relations, i);

      if (g_strcmp0 (relation->type, type) == 0 && relation->from_id == from_id &&
          relation->to_id == to_id)
        return TRUE;
    }
  return FALSE;
}

static inline guint
count_label (GPtrArray  *spans,
             const char *label)
{
  guint n = 0;

  for (guint i = 0; i < spans->len; i++)
    n += g_strcmp0 (((AlamaSpan *) g_ptr_array_index (spans, i))->label, label) == 0;
  return n;
}
