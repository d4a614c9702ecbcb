/* test-document-model.c: AlamaDocumentModel follows every change to its
 * document, announcing exactly the rows that changed.
 *
 * Each test mirrors the model's two lists from their items-changed signals
 * alone (a list view does no more), and after every step compares the mirror
 * and the model with a model freshly read from the file. Random sequences of
 * adds, deletes, relabels, status changes, relations, groups, undo, redo and
 * a second connection's writes (another process) run under g_test's seed, so
 * a failure repeats with --seed.
 */
#define G_LOG_DOMAIN "test-document-model"

#include "config.h"

#include <glib/gstdio.h>

#include "alama/alama.h"
#include "store-test-util.h"

/* An original news-style sentence, repeated so spans have room to overlap. */
static const char text_unit[] =
  "قال وزير المالية سمير عبد الله إنّ «الموازنة الجديدة ستُعرض على البرلمان الشهر المقبل». ";

/* ---- A GListModel mirrored from its signals ----------------------------------- */

typedef struct
{
  GListModel *list;
  GPtrArray  *items;       /* of GObject*: what the signals said is there */
  guint       n_signals;
  guint       n_removed;   /* summed over the signals since the last reset */
  guint       n_added;
  guint       last_position;
} Mirror;

static void
mirror_items_changed_cb (GListModel *list,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  g_assert_cmpuint (mirror->items->len - removed + added, ==, g_list_model_get_n_items (list));
  g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->items, position + i, g_list_model_get_item (list, position + i));
  mirror->n_signals++;
  mirror->n_removed += removed;
  mirror->n_added += added;
  mirror->last_position = position;
}

static void
mirror_init (Mirror     *mirror,
             GListModel *list)
{
  mirror->list = list;
  mirror->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (mirror->items, g_list_model_get_item (list, i));
  g_signal_connect (list, "items-changed", G_CALLBACK (mirror_items_changed_cb), mirror);
}

static void
mirror_clear (Mirror *mirror)
{
  g_signal_handlers_disconnect_by_func (mirror->list, mirror_items_changed_cb, mirror);
  g_clear_pointer (&mirror->items, g_ptr_array_unref);
}

static void
mirror_reset_counts (Mirror *mirror)
{
  mirror->n_signals = mirror->n_removed = mirror->n_added = 0;
}

/* ---- Comparing with a fresh read -------------------------------------------------- */

static void
assert_same_span (const AlamaSpan *a,
                  const AlamaSpan *b)
{
  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpint (a->document_id, ==, b->document_id);
  g_assert_cmpint (a->modified, ==, b->modified);
  g_assert_true (alama_span_equal_content (a, b));
}

static void
assert_same_relation (const AlamaRelation *a,
                      const AlamaRelation *b)
{
  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpint (a->from_id, ==, b->from_id);
  g_assert_cmpint (a->to_id, ==, b->to_id);
  g_assert_cmpint (a->status, ==, b->status);
  g_assert_cmpint (a->modified, ==, b->modified);
  g_assert_cmpstr (a->type, ==, b->type);
}

/* The model, and the mirrors of its lists, hold what a new read of the file
 * holds, in the same order. */
static void
assert_matches_file (AlamaDocumentModel *model,
                     Mirror             *spans,
                     Mirror             *relations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaDocumentModel) fresh = NULL;
  AlamaSpanIndex *index = alama_document_model_get_span_index (model);
  guint n;

  fresh = alama_document_model_new (alama_document_model_get_store (model),
                                    alama_document_model_get_document_id (model), &error);
  g_assert_no_error (error);

  n = alama_document_model_get_n_spans (fresh);
  g_assert_cmpuint (alama_document_model_get_n_spans (model), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (alama_document_model_get_spans (model)), ==, n);
  g_assert_cmpuint (spans->items->len, ==, n);
  g_assert_cmpuint (alama_span_index_get_n_spans (index), ==, n);
  for (guint i = 0; i < n; i++)
    {
      AlamaSpan *expected = alama_document_model_get_span (fresh, i);

      assert_same_span (alama_document_model_get_span (model, i), expected);
      assert_same_span (alama_span_item_get_span (spans->items->pdata[i]), expected);
      g_assert_cmpint (alama_span_index_find_id (index, expected->id), ==, (int) i);
      /* The index's derived data matches one built from scratch. */
      g_assert_cmpuint (alama_span_index_get_level (index, i), ==,
                        alama_span_index_get_level (alama_document_model_get_span_index (fresh), i));
    }

  n = alama_document_model_get_n_relations (fresh);
  g_assert_cmpuint (alama_document_model_get_n_relations (model), ==, n);
  g_assert_cmpuint (relations->items->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      AlamaRelation *expected = alama_document_model_get_relation (fresh, i);

      assert_same_relation (alama_document_model_get_relation (model, i), expected);
      assert_same_relation (alama_relation_item_get_relation (relations->items->pdata[i]), expected);
    }
  g_assert_finalize_object (g_steal_pointer (&fresh));
}

/* ---- Fixture ---------------------------------------------------------------------- */

typedef struct
{
  char               *dir;
  char               *path;
  AlamaStore         *store;
  AlamaStore         *other;     /* a second connection: another process */
  gint64              doc_id;
  gint64              other_doc_id;
  gint64              length;
  AlamaDocumentModel *model;
  Mirror              spans;
  Mirror              relations;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 8; i++)
    g_string_append (text, text_unit);
  fixture->length = g_utf8_strlen (text->str, -1);

  fixture->dir = g_dir_make_tmp ("alama-test-model-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "project.alama", NULL);
  fixture->store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  alama_store_add_document (fixture->store, "first", NULL, text->str, NULL, NULL,
                            &fixture->doc_id, &error);
  g_assert_no_error (error);
  alama_store_add_document (fixture->store, "second", NULL, text->str, NULL, NULL,
                            &fixture->other_doc_id, &error);
  g_assert_no_error (error);
  fixture->other = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  fixture->model = alama_document_model_get_for_document (fixture->store, fixture->doc_id, &error);
  g_assert_no_error (error);
  mirror_init (&fixture->spans, alama_document_model_get_spans (fixture->model));
  mirror_init (&fixture->relations, alama_document_model_get_relations (fixture->model));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mirror_clear (&fixture->spans);
  mirror_clear (&fixture->relations);
  g_assert_finalize_object (fixture->model);
  g_assert_finalize_object (fixture->store);
  g_assert_finalize_object (fixture->other);
  remove_project_files (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static gint64
add_span (AlamaStore *store,
          gint64      document_id,
          const char *label,
          gint64      start,
          gint64      end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = alama_span_new (label, start, end);

  span->document_id = document_id;
  alama_store_add_span (store, span, &error);
  g_assert_no_error (error);
  return span->id;
}

static gint64
add_relation (AlamaStore *store,
              const char *type,
              gint64      from_id,
              gint64      to_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaRelation) relation = alama_relation_new (type, from_id, to_id);

  alama_store_add_relation (store, relation, &error);
  g_assert_no_error (error);
  return relation->id;
}

/* ---- Exact signals for single changes --------------------------------------------- */

static void
test_exact_signals (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) changed = NULL;
  gint64 quote, speaker, relation;
  int position;

  /* One span added: one signal, one row added where the order puts it. */
  quote = add_span (fixture->store, fixture->doc_id, "QUOTE", 40, 80);
  g_assert_cmpuint (fixture->spans.n_signals, ==, 1);
  g_assert_cmpuint (fixture->spans.n_removed, ==, 0);
  g_assert_cmpuint (fixture->spans.n_added, ==, 1);
  speaker = add_span (fixture->store, fixture->doc_id, "PER", 4, 20);
  g_assert_cmpuint (fixture->spans.last_position, ==, 0);
  assert_matches_file (fixture->model, &fixture->spans, &fixture->relations);

  /* A relation: the relations list alone hears of it. */
  mirror_reset_counts (&fixture->spans);
  relation = add_relation (fixture->store, "SPEAKER", speaker, quote);
  g_assert_cmpuint (fixture->spans.n_signals, ==, 0);
  g_assert_cmpuint (fixture->relations.n_signals, ==, 1);
  g_assert_cmpuint (fixture->relations.n_added, ==, 1);
  g_assert_cmpint (alama_relation_item_get_relation (fixture->relations.items->pdata[0])->id, ==,
                   relation);

  /* A relabel in place: one row replaced, at its position. */
  mirror_reset_counts (&fixture->spans);
  position = alama_span_index_find_id (alama_document_model_get_span_index (fixture->model), quote);
  changed = alama_span_copy (alama_document_model_find_span (fixture->model, quote));
  g_free (changed->note);
  changed->note = g_strdup ("ملاحظة");
  alama_store_update_span (fixture->store, changed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->spans.n_signals, ==, 1);
  g_assert_cmpuint (fixture->spans.n_removed, ==, 1);
  g_assert_cmpuint (fixture->spans.n_added, ==, 1);
  g_assert_cmpuint (fixture->spans.last_position, ==, (guint) position);
  assert_matches_file (fixture->model, &fixture->spans, &fixture->relations);

  /* Deleting the quote takes its relation with it: one row from each list. */
  mirror_reset_counts (&fixture->spans);
  mirror_reset_counts (&fixture->relations);
  alama_store_delete_span (fixture->store, quote, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->spans.n_removed, ==, 1);
  g_assert_cmpuint (fixture->spans.n_added, ==, 0);
  g_assert_cmpuint (fixture->relations.n_removed, ==, 1);
  g_assert_cmpuint (fixture->relations.n_added, ==, 0);
  assert_matches_file (fixture->model, &fixture->spans, &fixture->relations);

  /* Undo brings both back; redo takes them again. */
  alama_store_undo (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (alama_document_model_get_relations (fixture->model)),
                    ==, 1);
  assert_matches_file (fixture->model, &fixture->spans, &fixture->relations);
  alama_store_redo (fixture->store, NULL, &error);
  g_assert_no_error (error);
  assert_matches_file (fixture->model, &fixture->spans, &fixture->relations);

  /* Another document's change says nothing here. */
  mirror_reset_counts (&fixture->spans);
  mirror_reset_counts (&fixture->relations);
  add_span (fixture->store, fixture->other_doc_id, "PER", 4, 20);
  g_assert_cmpuint (fixture->spans.n_signals, ==, 0);
  g_assert_cmpuint (fixture->relations.n_signals, ==, 0);
}

/* One model per document and store; it goes with its last reference. */
static void
test_shared (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AlamaDocumentModel *again, *other;

  again = alama_document_model_get_for_document (fixture->store, fixture->doc_id, &error);
  g_assert_no_error (error);
  g_assert_true (again == fixture->model);
  g_object_unref (again);

  other = alama_document_model_get_for_document (fixture->store, fixture->other_doc_id, &error);
  g_assert_no_error (error);
  g_assert_true (other != fixture->model);
  g_assert_cmpstr (alama_document_model_get_text (other), ==,
                   alama_document_model_get_text (fixture->model));
  g_assert_finalize_object (other);

  /* A new one is made once the last reference went. */
  other = alama_document_model_get_for_document (fixture->store, fixture->other_doc_id, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (other);
}

/* Another process's commit: seen at refresh, or at our next commit. */
static void
test_other_process (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_span (fixture->other, fixture->doc_id, "PER", 4, 20);
  g_assert_cmpuint (alama_document_model_get_n_spans (fixture->model), ==, 0);
  g_assert_true (alama_store_refresh (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (alama_document_model_get_n_spans (fixture->model), ==, 1);
  assert_matches_file (fixture->model, &fixture->spans, &fixture->relations);

  /* Without a refresh, our own next commit notices the file moved. */
  add_span (fixture->other, fixture->doc_id, "ORG", 30, 40);
  add_span (fixture->store, fixture->doc_id, "GPE", 50, 60);
  g_assert_cmpuint (alama_document_model_get_n_spans (fixture->model), ==, 3);
  assert_matches_file (fixture->model, &fixture->spans, &fixture->relations);
}

/* ---- Random sequences ------------------------------------------------------------ */

static const char *labels[] = { "PER", "ORG", "GPE", "QUOTE", "CLAIM" };

static AlamaSpan *
random_span (Fixture *fixture,
             GRand   *rand)
{
  guint n = alama_document_model_get_n_spans (fixture->model);

  if (n == 0)
    return NULL;
  return alama_document_model_get_span (fixture->model, g_rand_int_range (rand, 0, n));
}

/* One random change through @store (the model's own or the other process's);
 * failures a real user could meet (a relation the schema does not allow,
 * nothing to undo) are fine and change nothing. The first @n_kinds kinds of
 * change are drawn from: 7 leaves out undo and redo (which
 * cannot run inside a group), 9 is all. */
static void
random_change (Fixture    *fixture,
               AlamaStore *store,
               int         n_kinds,
               GRand      *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSchema) schema = alama_store_get_schema (store);
  gint64 document_id = g_rand_int_range (rand, 0, 6) == 0 ? fixture->other_doc_id : fixture->doc_id;
  AlamaSpan *span = random_span (fixture, rand);
  int what = g_rand_int_range (rand, 0, n_kinds);

  g_test_message ("change %d by %s in document %" G_GINT64_FORMAT, what,
                  store == fixture->store ? "us" : "the other process", document_id);
  switch (what)
    {
    case 0:
    case 1:
      {
        gint64 start = g_rand_int_range (rand, 0, fixture->length - 1);
        gint64 end = MIN (fixture->length, start + g_rand_int_range (rand, 1, 30));
        g_autoptr(AlamaSpan) added = alama_span_new (labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (labels))],
                                                     start, end);

        if (g_rand_boolean (rand))
          alama_span_add_fragment (added, MIN (end + 5, fixture->length - 2),
                                   MIN (end + 9, fixture->length));
        added->document_id = document_id;
        added->status = g_rand_int_range (rand, 0, 3);
        alama_store_add_span (store, added, &error);
        break;
      }
    case 2:
      if (span != NULL)
        alama_store_delete_span (store, span->id, &error);
      break;
    case 3:
      if (span != NULL)
        {
          g_autoptr(AlamaSpan) changed = alama_span_copy (span);

          g_free (changed->label);
          changed->label = g_strdup (labels[g_rand_int_range (rand, 0, G_N_ELEMENTS (labels))]);
          alama_store_update_span (store, changed, &error);
        }
      break;
    case 4:
      if (span != NULL)
        alama_store_set_span_status (store, span->id, g_rand_int_range (rand, 0, 3), &error);
      break;
    case 5:
      {
        AlamaSpan *from = random_span (fixture, rand), *to = random_span (fixture, rand);
        g_autoptr(GPtrArray) types = NULL;

        if (from == NULL || to == NULL || from == to)
          break;
        types = alama_schema_relation_types_for (schema, from->label, to->label);
        if (types->len > 0)
          {
            const AlamaRelationType *type = g_ptr_array_index (types, 0);
            g_autoptr(AlamaRelation) relation = alama_relation_new (type->key, from->id, to->id);

            alama_store_add_relation (store, relation, &error);
          }
        break;
      }
    case 6:
      {
        guint n = alama_document_model_get_n_relations (fixture->model);

        if (n > 0)
          {
            AlamaRelation *relation = alama_document_model_get_relation (fixture->model,
                                                                         g_rand_int_range (rand, 0, n));

            if (g_rand_boolean (rand))
              alama_store_delete_relation (store, relation->id, &error);
            else
              alama_store_set_relation_status (store, relation->id,
                                               g_rand_int_range (rand, 0, 3), &error);
          }
        break;
      }
    case 7:
      alama_store_undo (store, NULL, &error);
      break;
    case 8:
      alama_store_redo (store, NULL, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  /* Errors the data can cause; anything else (I/O, corruption) is a bug. */
  if (error != NULL &&
      !g_error_matches (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_ALLOWED) &&
      !g_error_matches (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOTHING_TO_UNDO) &&
      !g_error_matches (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND) &&
      !g_error_matches (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID))
    g_assert_no_error (error);
}

static void
test_random (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint steps = g_test_slow () ? 2000 : 400;

  for (guint step = 0; step < steps; step++)
    {
      g_autoptr(GError) error = NULL;
      guint what = g_rand_int_range (rand, 0, 20);

      if (what == 0)
        {
          /* Another process writes; we look at once or only at our next commit. */
          random_change (fixture, fixture->other, 9, rand);
          if (g_rand_boolean (rand))
            alama_store_refresh (fixture->store, &error);
          else
            add_span (fixture->store,
                      g_rand_boolean (rand) ? fixture->doc_id : fixture->other_doc_id,
                      "PER", 0, g_rand_int_range (rand, 1, 9));
        }
      else if (what == 1)
        {
          /* Several calls as one change (and one undo step). */
          alama_store_begin_change (fixture->store, "group", ALAMA_CHANGE_UNDOABLE, &error);
          g_assert_no_error (error);
          for (guint i = g_rand_int_range (rand, 2, 5); i > 0; i--)
            random_change (fixture, fixture->store, 7, rand);
          if (g_rand_int_range (rand, 0, 4) == 0)
            alama_store_cancel_change (fixture->store);
          else
            alama_store_end_change (fixture->store, &error);
        }
      else
        {
          random_change (fixture, fixture->store, 9, rand);
        }
      g_assert_no_error (error);
      assert_matches_file (fixture->model, &fixture->spans, &fixture->relations);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/alama/document-model/exact-signals", Fixture, NULL,
              fixture_set_up, test_exact_signals, fixture_tear_down);
  g_test_add ("/alama/document-model/shared", Fixture, NULL,
              fixture_set_up, test_shared, fixture_tear_down);
  g_test_add ("/alama/document-model/other-process", Fixture, NULL,
              fixture_set_up, test_other_process, fixture_tear_down);
  g_test_add ("/alama/document-model/random", Fixture, NULL,
              fixture_set_up, test_random, fixture_tear_down);

  return g_test_run ();
}
