/* doc-view-test-util.h: shared set-up of the doc view tests (static helpers, one
 * copy per test program). */
#pragma once

#include <adwaita.h>
#include <alama/alama.h>
#include <glib/gstdio.h>

#include "alama-doc-view.h"
#include "alama-doc-view-private.h"
#include "ui-test-init.h"

typedef struct
{
  char          *dir;
  char          *path;
  AlamaStore    *store;
  AlamaDocument *doc;
  char          *text;
} DocViewProject;

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "ui", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}

/* A temporary project with the test schema and the fixture document. */
static DocViewProject *
doc_view_project_new (const char *fixture)
{
  DocViewProject *p = g_new0 (DocViewProject, 1);
  g_autofree char *schema_path = g_test_build_filename (G_TEST_DIST, "fixtures", "ui", "schema.ini", NULL);
  g_autoptr(AlamaSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  gint64 doc_id = 0;

  p->dir = g_dir_make_tmp ("alama-doc-view-XXXXXX", &error);
  g_assert_no_error (error);
  p->path = g_build_filename (p->dir, "test.alama", NULL);
  p->store = alama_store_open (p->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  schema = alama_schema_load_keyfile (schema_path, &error);
  g_assert_no_error (error);
  alama_store_set_schema (p->store, schema, &error);
  g_assert_no_error (error);

  p->text = read_fixture (fixture);
  alama_store_add_document (p->store, fixture, NULL, p->text, NULL, NULL, &doc_id, &error);
  g_assert_no_error (error);
  p->doc = alama_store_get_document (p->store, doc_id);
  g_assert_nonnull (p->doc);
  return p;
}

static void
doc_view_project_free (DocViewProject *p)
{
  g_autofree char *wal = g_strconcat (p->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (p->path, "-shm", NULL);

  g_clear_object (&p->doc);
  g_assert_finalize_object (p->store);
  g_unlink (p->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (p->dir);
  g_free (p->path);
  g_free (p->dir);
  g_free (p->text);
  g_free (p);
}

/* Code point offset of the @nth (0-based) occurrence of @needle in @text. */
static gint64
cp_of (const char *text,
       const char *needle,
       int         nth)
{
  const char *hit = text;

  for (int i = 0; i <= nth; i++)
    {
      hit = strstr (i == 0 ? hit : hit + 1, needle);
      g_assert_nonnull (hit);
    }
  return g_utf8_pointer_to_offset (text, hit);
}

G_GNUC_UNUSED static gint64
cp_len (const char *s)
{
  return g_utf8_strlen (s, -1);
}

/* A window around the view, presented and drawn. */
static GtkWidget *
doc_view_window_new (GtkWidget *view,
                     int        width,
                     int        height)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  return window;
}

/* Lets layout and drawing settle. */
static void
doc_view_settle (GtkWidget *widget)
{
  for (int i = 0; i < 5; i++)
    {
      gtk_widget_queue_draw (widget);
      gtk_test_widget_wait_for_draw (widget);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
