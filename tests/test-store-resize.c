/* test-store-resize.c: moving a span's edges (alama_store_resize_span) is one
 * undoable change that keeps the span's id, relations, attributes and note;
 * bad edges are refused with the file as it was; the document model follows. */
#define G_LOG_DOMAIN "test-store-resize"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "alama/alama.h"
#include "store-test-util.h"

static const char text[] = "قال الوزير إن وأذربيجان ترحب بالسلام اليوم.";

typedef struct
{
  char       *dir;
  char       *path;
  AlamaStore *store;
  gint64      doc;
  gint64      speaker;   /* PER on الوزير */
  gint64      claim;     /* CLAIM on ترحب بالسلام, with a stance and a note */
  gint64      relation;  /* CLAIMANT speaker → claim */
} Fixture;

static gint64
cp_of (const char *needle)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (text, at);
}

static gint64
cp_len (const char *s)
{
  return g_utf8_strlen (s, -1);
}

static gint64
add_span (Fixture    *f,
          AlamaSpan  *span)
{
  g_autoptr(GError) error = NULL;

  span->document_id = f->doc;
  span->status = ALAMA_STATUS_ACCEPTED;
  g_assert_true (alama_store_add_span (f->store, span, &error));
  g_assert_no_error (error);
  return span->id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) speaker = alama_span_new ("PER", cp_of ("الوزير"),
                                                 cp_of ("الوزير") + cp_len ("الوزير"));
  g_autoptr(AlamaSpan) claim = alama_span_new ("CLAIM", cp_of ("ترحب"),
                                               cp_of ("بالسلام") + cp_len ("بالسلام"));
  g_autoptr(AlamaRelation) relation = NULL;

  f->dir = g_dir_make_tmp ("alama-test-resize-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "resize.alama", NULL);
  f->store = alama_store_open (f->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (alama_store_add_document (f->store, "baku", NULL, text, NULL, NULL, &f->doc, &error));
  g_assert_no_error (error);

  f->speaker = add_span (f, speaker);
  alama_span_set_attribute (claim, "stance", "asserts");
  claim->note = g_strdup ("checked against the agency wire");
  f->claim = add_span (f, claim);

  relation = alama_relation_new ("CLAIMANT", f->speaker, f->claim);
  relation->status = ALAMA_STATUS_ACCEPTED;
  g_assert_true (alama_store_add_relation (f->store, relation, &error));
  g_assert_no_error (error);
  f->relation = relation->id;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_project_files (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static AlamaSpan *
get_span (Fixture *f,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  AlamaSpan *span = alama_store_get_span (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (span);
  return span;
}

static void
assert_edges (Fixture *f,
              gint64   id,
              gint64   start,
              gint64   end)
{
  g_autoptr(AlamaSpan) span = get_span (f, id);

  g_assert_cmpint (alama_span_get_start (span), ==, start);
  g_assert_cmpint (alama_span_get_end (span), ==, end);
}

/* What must survive a resize, undo and redo: everything but the edges. */
static void
assert_kept (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) claim = get_span (f, f->claim);
  g_autoptr(AlamaRelation) relation = alama_store_get_relation (f->store, f->relation, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (claim->label, ==, "CLAIM");
  g_assert_cmpstr (alama_span_get_attribute (claim, "stance"), ==, "asserts");
  g_assert_cmpstr (claim->note, ==, "checked against the agency wire");
  g_assert_cmpint (claim->status, ==, ALAMA_STATUS_ACCEPTED);
  g_assert_nonnull (relation);
  g_assert_cmpint (relation->from_id, ==, f->speaker);
  g_assert_cmpint (relation->to_id, ==, f->claim);
  g_assert_cmpstr (relation->type, ==, "CLAIMANT");
}

static void
test_move_undo_redo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) before = get_span (f, f->claim);
  g_autoptr(AlamaDocumentModel) model = alama_document_model_new (f->store, f->doc, &error);
  gint64 start = cp_of ("أذربيجان");
  gint64 end = cp_of ("اليوم") + cp_len ("اليوم");
  AlamaChangeAction action;
  g_autofree char *label = NULL;
  AlamaSpan *shown;

  g_assert_no_error (error);

  /* Both edges at once: the start earlier, the end later. */
  g_assert_true (alama_store_resize_span (f->store, f->claim, start, end, &error));
  g_assert_no_error (error);
  assert_edges (f, f->claim, start, end);
  assert_kept (f);

  /* One undo step, worded as a resize of a CLAIM. */
  g_assert_true (alama_store_get_undo_action (f->store, &action, &label));
  g_assert_cmpint (action, ==, ALAMA_CHANGE_ACTION_RESIZE_SPAN);
  g_assert_cmpstr (label, ==, "CLAIM");
  g_assert_cmpstr (alama_change_action_to_nick (action), ==, "resize-span");
  g_assert_cmpint (alama_change_action_from_nick ("resize-span"), ==, ALAMA_CHANGE_ACTION_RESIZE_SPAN);

  /* The live model shows the new edges. */
  shown = alama_document_model_find_span (model, f->claim);
  g_assert_nonnull (shown);
  g_assert_cmpint (alama_span_get_start (shown), ==, start);
  g_assert_cmpint (alama_span_get_end (shown), ==, end);

  /* Undo gives back exactly the span as it was; redo the moved one. */
  g_assert_true (alama_store_undo (f->store, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(AlamaSpan) undone = get_span (f, f->claim);

    g_assert_true (alama_span_equal_content (undone, before));
    g_assert_cmpint (undone->id, ==, before->id);
  }
  shown = alama_document_model_find_span (model, f->claim);
  g_assert_cmpint (alama_span_get_start (shown), ==, alama_span_get_start (before));
  assert_kept (f);

  g_assert_true (alama_store_redo (f->store, NULL, &error));
  g_assert_no_error (error);
  assert_edges (f, f->claim, start, end);
  assert_kept (f);
}

static void
test_move_one_edge_of_fragments (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 qal = cp_of ("قال");
  gint64 salam = cp_of ("بالسلام");
  g_autoptr(AlamaSpan) span = alama_span_new ("CUE", qal, qal + cp_len ("قال"));
  g_autoptr(AlamaSpan) moved = NULL;
  gint64 id;

  alama_span_add_fragment (span, salam, salam + cp_len ("بالسلام"));
  id = add_span (f, span);

  /* The end of the last fragment moves in by a word's clitic; the first
   * fragment and the middle stay. */
  g_assert_true (alama_store_resize_span (f->store, id, qal, salam + 3, &error));
  g_assert_no_error (error);
  moved = get_span (f, id);
  g_assert_cmpuint (alama_span_get_n_fragments (moved), ==, 2);
  g_assert_cmpint (alama_span_get_fragment (moved, 0)->start, ==, qal);
  g_assert_cmpint (alama_span_get_fragment (moved, 0)->end, ==, qal + cp_len ("قال"));
  g_assert_cmpint (alama_span_get_fragment (moved, 1)->start, ==, salam);
  g_assert_cmpint (alama_span_get_fragment (moved, 1)->end, ==, salam + 3);

  /* The first fragment's start cannot pass its own end. */
  g_assert_false (alama_store_resize_span (f->store, id, qal + cp_len ("قال"), salam + 3, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID);
}

/* Each bad pair of edges fails with INVALID and a message, and leaves the
 * file exactly as it was: the span, the relations, the undo stack. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  gint64 start = cp_of ("ترحب");
  gint64 end = cp_of ("بالسلام") + cp_len ("بالسلام");
  gint64 lam = cp_of ("لام");   /* بالس|لا|م: the lam of the ligature */
  gint64 length = g_utf8_strlen (text, -1);
  const struct { const char *why; gint64 start, end; } bad[] = {
    { "empty", start, start },
    { "reversed", end, start },
    { "before the text", -1, end },
    { "past the text", start, length + 1 },
    { "end between lam and alef", start, lam + 1 },
    { "start between lam and alef", lam + 1, end },
  };
  g_autoptr(AlamaSpan) before = get_span (f, f->claim);
  g_autofree char *undo_before = alama_store_dup_undo_description (f->store);

  g_assert_cmpuint (g_utf8_get_char (g_utf8_offset_to_pointer (text, lam)), ==, 0x0644);
  g_assert_cmpuint (g_utf8_get_char (g_utf8_offset_to_pointer (text, lam + 1)), ==, 0x0627);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AlamaSpan) after = NULL;
      g_autofree char *undo_after = NULL;

      g_test_message ("%s: %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, bad[i].why, bad[i].start, bad[i].end);
      g_assert_false (alama_store_resize_span (f->store, f->claim, bad[i].start, bad[i].end, &error));
      g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "CLAIM"));

      after = get_span (f, f->claim);
      g_assert_true (alama_span_equal_content (after, before));
      g_assert_cmpint (after->modified, ==, before->modified);
      undo_after = alama_store_dup_undo_description (f->store);
      g_assert_cmpstr (undo_after, ==, undo_before);
      assert_kept (f);
    }

  /* A span that is not there. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (alama_store_resize_span (f->store, f->claim + 1000, start, end, &error));
    g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND);
  }
}

static void
test_same_edges_change_nothing (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) before = get_span (f, f->claim);
  g_autofree char *undo_before = alama_store_dup_undo_description (f->store);
  g_autofree char *undo_after = NULL;

  g_assert_true (alama_store_resize_span (f->store, f->claim, alama_span_get_start (before),
                                          alama_span_get_end (before), &error));
  g_assert_no_error (error);
  undo_after = alama_store_dup_undo_description (f->store);
  g_assert_cmpstr (undo_after, ==, undo_before);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/alama/store-resize/move-undo-redo", Fixture, NULL,
              fixture_set_up, test_move_undo_redo, fixture_tear_down);
  g_test_add ("/alama/store-resize/fragments", Fixture, NULL,
              fixture_set_up, test_move_one_edge_of_fragments, fixture_tear_down);
  g_test_add ("/alama/store-resize/refused", Fixture, NULL,
              fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/alama/store-resize/same-edges", Fixture, NULL,
              fixture_set_up, test_same_edges_change_nothing, fixture_tear_down);

  return g_test_run ();
}
