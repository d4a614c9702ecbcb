/* test-history.c: undo, redo and provenance, in the file and across restarts. */
#define G_LOG_DOMAIN "test-history"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "alama/alama-store.h"
#include "../app/core/alama-store-private.h"   /* the connection, to trace it */

static const char news_text[] =
  "أعلنت وزارة الصحة في بيروت أنّ الوزيرة ليلى نصّار قالت: \"سنفتتح مستشفى جديداً في صيدا\".";

typedef struct
{
  char       *dir;
  char       *path;
  AlamaStore *store;
  gint64      doc;
} Fixture;

static void
span_offsets (const char *needle,
              gint64     *start,
              gint64     *end)
{
  const char *at = strstr (news_text, needle);

  g_assert_nonnull (at);
  *start = g_utf8_pointer_to_offset (news_text, at);
  *end = *start + g_utf8_strlen (needle, -1);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("alama-test-history-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "history.alama", NULL);
  fixture->store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  alama_store_set_annotator (fixture->store, "test-annotator");
  g_assert_true (alama_store_add_document (fixture->store, "صحة", NULL, news_text, NULL, NULL,
                                           &fixture->doc, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);
  fixture->store = alama_store_open (fixture->path, ALAMA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

static AlamaSpan *
add_span (Fixture    *fixture,
          const char *label,
          const char *needle)
{
  g_autoptr(GError) error = NULL;
  AlamaSpan *span;
  gint64 start, end;

  span_offsets (needle, &start, &end);
  span = alama_span_new (label, start, end);
  span->document_id = fixture->doc;
  g_assert_true (alama_store_add_span (fixture->store, span, &error));
  g_assert_no_error (error);
  return span;
}

static guint
count_spans (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = alama_store_list_spans (fixture->store, fixture->doc,
                                                       ALAMA_STATUS_MASK_ALL, &error);

  g_assert_no_error (error);
  return spans->len;
}

static guint
count_relations (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = alama_store_list_relations (fixture->store, fixture->doc,
                                                               ALAMA_STATUS_MASK_ALL, &error);

  g_assert_no_error (error);
  return relations->len;
}

static void
undo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 doc = -1;

  g_assert_true (alama_store_undo (fixture->store, &doc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (doc, ==, fixture->doc);
}

static void
redo (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 doc = -1;

  g_assert_true (alama_store_redo (fixture->store, &doc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (doc, ==, fixture->doc);
}

static void
test_undo_add (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = NULL;
  g_autoptr(AlamaSpan) back = NULL;
  g_autofree char *description = NULL;

  /* The imported document is not on the undo stack. */
  g_assert_false (alama_store_can_undo (fixture->store));
  g_assert_false (alama_store_undo (fixture->store, NULL, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  span = add_span (fixture, "PER", "ليلى نصّار");
  description = alama_store_dup_undo_description (fixture->store);
  g_assert_cmpstr (description, ==, "Add PER");
  g_clear_pointer (&description, g_free);

  undo (fixture);
  g_assert_cmpuint (count_spans (fixture), ==, 0);
  g_assert_false (alama_store_can_undo (fixture->store));
  g_assert_true (alama_store_can_redo (fixture->store));
  description = alama_store_dup_redo_description (fixture->store);
  g_assert_cmpstr (description, ==, "Add PER");

  redo (fixture);
  back = alama_store_get_span (fixture->store, span->id, &error);
  g_assert_no_error (error);
  g_assert_true (alama_span_equal_content (back, span));
  g_assert_cmpint (back->created, ==, span->created);
  g_assert_false (alama_store_can_redo (fixture->store));
}

/* The id of the next undo names one change: a new change has another, an
 * undo brings the one before back, and there is none with nothing to undo. */
static void
test_undo_change_id (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AlamaSpan) first = NULL;
  g_autoptr(AlamaSpan) second = NULL;
  gint64 first_id, second_id;

  g_assert_cmpint (alama_store_get_undo_change_id (fixture->store), ==, 0);
  first = add_span (fixture, "PER", "ليلى نصّار");
  first_id = alama_store_get_undo_change_id (fixture->store);
  g_assert_cmpint (first_id, >, 0);
  second = add_span (fixture, "GPE", "بيروت");
  second_id = alama_store_get_undo_change_id (fixture->store);
  g_assert_cmpint (second_id, >, first_id);

  undo (fixture);
  g_assert_cmpint (alama_store_get_undo_change_id (fixture->store), ==, first_id);
  undo (fixture);
  g_assert_cmpint (alama_store_get_undo_change_id (fixture->store), ==, 0);
  redo (fixture);
  g_assert_cmpint (alama_store_get_undo_change_id (fixture->store), ==, first_id);
}

static void
test_undo_update (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = add_span (fixture, "PER", "وزارة الصحة");
  g_autoptr(AlamaSpan) changed = NULL;
  g_autoptr(AlamaSpan) back = NULL;
  g_autofree char *description = NULL;
  gint64 start, end;

  changed = alama_span_copy (span);
  g_free (changed->label);
  changed->label = g_strdup ("ORG");
  span_offsets ("وزارة الصحة في بيروت", &start, &end);
  g_array_set_size (changed->fragments, 0);
  alama_span_add_fragment (changed, start, end);
  alama_span_set_attribute (changed, "confidence", "عالية");
  g_assert_true (alama_store_update_span (fixture->store, changed, &error));
  g_assert_no_error (error);
  description = alama_store_dup_undo_description (fixture->store);
  g_assert_cmpstr (description, ==, "Change label to ORG");

  undo (fixture);
  back = alama_store_get_span (fixture->store, span->id, &error);
  g_assert_true (alama_span_equal_content (back, span));
  g_assert_null (alama_span_get_attribute (back, "confidence"));
  g_clear_pointer (&back, alama_span_unref);

  redo (fixture);
  back = alama_store_get_span (fixture->store, span->id, &error);
  g_assert_true (alama_span_equal_content (back, changed));
  g_assert_cmpstr (alama_span_get_attribute (back, "confidence"), ==, "عالية");
}

static void
test_undo_delete_with_relations (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) speaker = add_span (fixture, "PER", "ليلى نصّار");
  g_autoptr(AlamaSpan) cue = add_span (fixture, "CUE", "قالت");
  g_autoptr(AlamaSpan) quote = add_span (fixture, "QUOTE", "\"سنفتتح مستشفى جديداً في صيدا\"");
  g_autoptr(AlamaRelation) said = alama_relation_new ("SPEAKER", speaker->id, quote->id);
  g_autoptr(AlamaRelation) cue_of = alama_relation_new ("CUE_OF", cue->id, quote->id);
  g_autoptr(AlamaRelation) back = NULL;
  g_autofree char *description = NULL;

  g_assert_true (alama_store_add_relation (fixture->store, said, &error));
  g_assert_true (alama_store_add_relation (fixture->store, cue_of, &error));
  g_assert_no_error (error);

  g_assert_true (alama_store_delete_span (fixture->store, quote->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_spans (fixture), ==, 2);
  g_assert_cmpuint (count_relations (fixture), ==, 0);
  description = alama_store_dup_undo_description (fixture->store);
  g_assert_cmpstr (description, ==, "Delete QUOTE");

  /* One undo brings the quote and both relations back, with their ids. */
  undo (fixture);
  g_assert_cmpuint (count_spans (fixture), ==, 3);
  g_assert_cmpuint (count_relations (fixture), ==, 2);
  back = alama_store_get_relation (fixture->store, said->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->from_id, ==, speaker->id);
  g_assert_cmpint (back->to_id, ==, quote->id);
  g_clear_pointer (&back, alama_relation_unref);

  redo (fixture);
  g_assert_cmpuint (count_relations (fixture), ==, 0);
  undo (fixture);

  /* Undo the relations themselves, then the spans. */
  undo (fixture);   /* CUE_OF */
  g_assert_cmpuint (count_relations (fixture), ==, 1);
  undo (fixture);   /* SPEAKER */
  g_assert_cmpuint (count_relations (fixture), ==, 0);
  undo (fixture);   /* QUOTE */
  g_assert_cmpuint (count_spans (fixture), ==, 2);
}

static void
test_undo_status_and_relation_update (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) person = NULL;
  g_autoptr(AlamaSpan) org = add_span (fixture, "ORG", "وزارة الصحة");
  g_autoptr(AlamaSpan) back = NULL;
  g_autoptr(AlamaRelation) affiliation = NULL;
  g_autoptr(AlamaRelation) relation_back = NULL;
  g_autofree char *description = NULL;
  gint64 start, end;

  span_offsets ("ليلى نصّار", &start, &end);
  person = alama_span_new ("PER", start, end);
  person->document_id = fixture->doc;
  person->status = ALAMA_STATUS_PENDING;
  person->source = g_strdup ("gazetteer");
  g_assert_true (alama_store_add_span (fixture->store, person, &error));

  g_assert_true (alama_store_set_span_status (fixture->store, person->id, ALAMA_STATUS_ACCEPTED,
                                              &error));
  description = alama_store_dup_undo_description (fixture->store);
  g_assert_cmpstr (description, ==, "Accept suggestion");
  undo (fixture);
  back = alama_store_get_span (fixture->store, person->id, &error);
  g_assert_cmpint (back->status, ==, ALAMA_STATUS_PENDING);

  affiliation = alama_relation_new ("AFFILIATION", person->id, org->id);
  affiliation->status = ALAMA_STATUS_PENDING;
  g_assert_true (alama_store_add_relation (fixture->store, affiliation, &error));
  g_assert_true (alama_store_set_relation_status (fixture->store, affiliation->id,
                                                  ALAMA_STATUS_REJECTED, &error));
  g_assert_no_error (error);
  undo (fixture);
  relation_back = alama_store_get_relation (fixture->store, affiliation->id, &error);
  g_assert_cmpint (relation_back->status, ==, ALAMA_STATUS_PENDING);
  g_clear_pointer (&relation_back, alama_relation_unref);
  undo (fixture);
  relation_back = alama_store_get_relation (fixture->store, affiliation->id, &error);
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND);
  g_assert_null (relation_back);
}

/* The newest change's row as stored: description, action and label. */
static void
read_newest_change (Fixture  *fixture,
                    char    **description,
                    char    **action,
                    char    **label)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_alama_store_get_db (fixture->store),
                                       "SELECT description, action, label FROM changes "
                                       "ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *description = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *action = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  *label = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
}

/* A change is stored as an action and a label, not as English words, and the
 * undo and redo stacks hand back the action and the label. */
static void
test_change_stored_as_action (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = NULL;
  g_autofree char *description = NULL;
  g_autofree char *action = NULL;
  g_autofree char *label = NULL;
  g_autofree char *words = NULL;
  AlamaChangeAction kind = ALAMA_CHANGE_ACTION_NONE;

  span = add_span (fixture, "PER", "ليلى نصّار");
  read_newest_change (fixture, &description, &action, &label);
  g_assert_cmpstr (description, ==, "");
  g_assert_cmpstr (action, ==, alama_change_action_to_nick (ALAMA_CHANGE_ACTION_ADD_SPAN));
  g_assert_cmpstr (label, ==, "PER");
  g_clear_pointer (&label, g_free);

  g_assert_true (alama_store_get_undo_action (fixture->store, &kind, &label));
  g_assert_cmpint (kind, ==, ALAMA_CHANGE_ACTION_ADD_SPAN);
  g_assert_cmpstr (label, ==, "PER");
  g_clear_pointer (&label, g_free);
  g_assert_false (alama_store_get_redo_action (fixture->store, &kind, &label));

  undo (fixture);
  g_assert_true (alama_store_get_redo_action (fixture->store, &kind, &label));
  g_assert_cmpint (kind, ==, ALAMA_CHANGE_ACTION_ADD_SPAN);
  g_assert_cmpstr (label, ==, "PER");
  g_clear_pointer (&label, g_free);
  redo (fixture);

  /* A group keeps its caller's words, as ALAMA_CHANGE_ACTION_NONE. */
  g_assert_true (alama_store_begin_change (fixture->store, "وسم الأماكن", ALAMA_CHANGE_UNDOABLE,
                                           &error));
  g_assert_no_error (error);
  alama_span_unref (add_span (fixture, "GPE", "بيروت"));
  g_assert_true (alama_store_end_change (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_true (alama_store_get_undo_action (fixture->store, &kind, &label));
  g_assert_cmpint (kind, ==, ALAMA_CHANGE_ACTION_NONE);
  g_assert_cmpstr (label, ==, "وسم الأماكن");
  g_clear_pointer (&label, g_free);

  /* A group described by an action (an autotag run). */
  g_assert_true (alama_store_begin_action_change (fixture->store, ALAMA_CHANGE_ACTION_AUTOTAG,
                                                  "gazetteer", ALAMA_CHANGE_UNDOABLE, &error));
  g_assert_no_error (error);
  alama_span_unref (add_span (fixture, "GPE", "صيدا"));
  g_assert_true (alama_store_end_change (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_true (alama_store_get_undo_action (fixture->store, &kind, &label));
  g_assert_cmpint (kind, ==, ALAMA_CHANGE_ACTION_AUTOTAG);
  g_assert_cmpstr (label, ==, "gazetteer");
  words = alama_store_dup_undo_description (fixture->store);
  g_assert_cmpstr (words, ==, "Autotag (gazetteer)");
}

static void
test_undo_after_reopen (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(AlamaSpan) first = add_span (fixture, "GPE", "بيروت");
  g_autoptr(AlamaSpan) second = add_span (fixture, "GPE", "صيدا");

  reopen (fixture);
  g_assert_true (alama_store_can_undo (fixture->store));
  undo (fixture);
  g_assert_cmpuint (count_spans (fixture), ==, 1);

  /* The redo stack survives a restart too. */
  reopen (fixture);
  g_assert_true (alama_store_can_redo (fixture->store));
  redo (fixture);
  g_assert_cmpuint (count_spans (fixture), ==, 2);
}

static void
test_new_change_clears_redo (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AlamaSpan) first = add_span (fixture, "GPE", "بيروت");
  g_autoptr(AlamaSpan) second = NULL;
  g_autoptr(GError) error = NULL;

  undo (fixture);
  g_assert_true (alama_store_can_redo (fixture->store));
  second = add_span (fixture, "GPE", "صيدا");
  g_assert_false (alama_store_can_redo (fixture->store));
  g_assert_false (alama_store_redo (fixture->store, NULL, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOTHING_TO_UNDO);

  /* And what was cut off stays cut off after a restart. */
  reopen (fixture);
  g_assert_false (alama_store_can_redo (fixture->store));
}

static void
test_group_is_one_step (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) a = NULL;
  g_autoptr(AlamaSpan) b = NULL;
  g_autoptr(AlamaSpan) bad = NULL;
  g_autofree char *description = NULL;

  g_assert_true (alama_store_begin_change (fixture->store, "Tag places", ALAMA_CHANGE_UNDOABLE,
                                           &error));
  g_assert_true (alama_store_in_change (fixture->store));
  a = add_span (fixture, "GPE", "بيروت");
  b = add_span (fixture, "GPE", "صيدا");

  /* A failing call inside the group undoes only itself. */
  bad = alama_span_new ("GPE", 0, 100000);
  bad->document_id = fixture->doc;
  g_assert_false (alama_store_add_span (fixture->store, bad, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (alama_store_in_change (fixture->store));

  g_assert_true (alama_store_end_change (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_spans (fixture), ==, 2);
  description = alama_store_dup_undo_description (fixture->store);
  g_assert_cmpstr (description, ==, "Tag places");

  undo (fixture);
  g_assert_cmpuint (count_spans (fixture), ==, 0);

  /* cancel_change rolls back everything since begin. */
  g_assert_true (alama_store_begin_change (fixture->store, "Nothing", ALAMA_CHANGE_UNDOABLE,
                                           &error));
  g_clear_pointer (&a, alama_span_unref);
  a = add_span (fixture, "GPE", "بيروت");
  alama_store_cancel_change (fixture->store);
  g_assert_false (alama_store_in_change (fixture->store));
  g_assert_cmpuint (count_spans (fixture), ==, 0);
  g_assert_true (alama_store_can_redo (fixture->store));
}

/* What an import does, as one change that cannot be undone: a second
 * document, and a PER span (in the fixture's document). */
static AlamaSpan *
import_document_and_span (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  AlamaSpan *imported;
  gint64 doc2 = 0;

  g_assert_true (alama_store_begin_change (fixture->store, "Import news.jsonl",
                                           ALAMA_CHANGE_NOT_UNDOABLE, &error));
  g_assert_true (alama_store_add_document (fixture->store, "ثاني", NULL, news_text, NULL, NULL,
                                           &doc2, &error));
  imported = add_span (fixture, "PER", "ليلى نصّار");
  g_assert_true (alama_store_end_change (fixture->store, &error));
  g_assert_no_error (error);
  return imported;
}

static void
test_not_undoable_import (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) manual = add_span (fixture, "GPE", "بيروت");
  g_autoptr(AlamaSpan) imported = NULL;
  g_autoptr(AlamaRelation) relation = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *description = NULL;

  imported = import_document_and_span (fixture);

  /* One summary row, no row per annotation. */
  history = alama_store_list_history (fixture->store, "span", imported->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 0);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = alama_store_list_history (fixture->store, "import", 0, &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (((AlamaHistoryEntry *) history->pdata[0])->description, ==, "Import news.jsonl");
  g_assert_nonnull (strstr (((AlamaHistoryEntry *) history->pdata[0])->after_json, "\"spans\":1"));

  /* Undo skips the import and takes the manual change... */
  description = alama_store_dup_undo_description (fixture->store);
  g_assert_cmpstr (description, ==, "Add GPE");

  /* ...but refuses when the import hung a relation on it. */
  relation = alama_relation_new ("TARGET", 0, 0);
  g_assert_true (alama_store_begin_change (fixture->store, "Import more",
                                           ALAMA_CHANGE_NOT_UNDOABLE, &error));
  {
    g_autoptr(AlamaSpan) claim = add_span (fixture, "CLAIM", "سنفتتح مستشفى جديداً");

    relation->from_id = claim->id;
    relation->to_id = manual->id;
    g_assert_true (alama_store_add_relation (fixture->store, relation, &error));
    g_assert_no_error (error);
  }
  g_assert_true (alama_store_end_change (fixture->store, &error));

  g_assert_false (alama_store_undo (fixture->store, NULL, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Add GPE"));
  g_assert_cmpuint (count_spans (fixture), ==, 3);
}

static void
test_provenance (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = add_span (fixture, "PER", "ليلى نصّار");
  g_autoptr(GPtrArray) history = NULL;
  AlamaHistoryEntry *entry;

  g_assert_true (alama_store_set_span_status (fixture->store, span->id, ALAMA_STATUS_REJECTED,
                                              &error));
  g_assert_true (alama_store_delete_span (fixture->store, span->id, &error));
  undo (fixture);

  history = alama_store_list_history (fixture->store, "span", span->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);

  entry = history->pdata[0];
  g_assert_cmpstr (entry->action, ==, "add-span");
  g_assert_cmpstr (entry->target_kind, ==, "span");
  g_assert_cmpint (entry->target_id, ==, span->id);
  g_assert_null (entry->before_json);
  g_assert_nonnull (strstr (entry->after_json, "\"label\":\"PER\""));
  g_assert_cmpstr (entry->who, ==, "test-annotator");
  g_assert_false (entry->undone);

  entry = history->pdata[1];
  g_assert_cmpstr (entry->action, ==, "update-span");
  g_assert_cmpstr (entry->description, ==, "Reject suggestion");
  g_assert_nonnull (strstr (entry->after_json, "\"status\":\"rejected\""));

  entry = history->pdata[2];
  g_assert_cmpstr (entry->action, ==, "delete-span");
  g_assert_null (entry->after_json);
  g_assert_true (entry->undone);
  g_assert_cmpint (((AlamaHistoryEntry *) history->pdata[0])->at, <=, entry->at);
}

static void
test_undo_refuses_changed_rows (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = add_span (fixture, "GPE", "بيروت");
  gint64 doc2 = 0;

  /* Deleting the document (not undoable) takes the span: its changes leave
   * the stack instead of failing later. */
  g_assert_true (alama_store_delete_document (fixture->store, fixture->doc, &error));
  g_assert_no_error (error);
  g_assert_false (alama_store_can_undo (fixture->store));

  g_assert_true (alama_store_add_document (fixture->store, "جديد", NULL, news_text, NULL, NULL,
                                           &doc2, &error));
  g_assert_false (alama_store_can_undo (fixture->store));
}

static void
test_schema_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSchema) schema = alama_store_get_schema (fixture->store);
  g_autoptr(AlamaSchema) changed = alama_schema_copy (schema);
  g_autoptr(AlamaSchema) now = NULL;

  alama_schema_ensure_label (changed, "WEAPON", ALAMA_LABEL_KIND_ENTITY);
  g_assert_true (alama_store_set_schema (fixture->store, changed, &error));
  g_assert_no_error (error);
  now = alama_store_get_schema (fixture->store);
  g_assert_nonnull (alama_schema_find_label (now, "WEAPON"));
  g_clear_pointer (&now, alama_schema_unref);

  g_assert_true (alama_store_undo (fixture->store, NULL, &error));
  g_assert_no_error (error);
  now = alama_store_get_schema (fixture->store);
  g_assert_null (alama_schema_find_label (now, "WEAPON"));
  g_assert_cmpuint (now->labels->len, ==, schema->labels->len);
}

static int
synchronous_level (AlamaStore *store)
{
  sqlite3_stmt *stmt = NULL;
  int level;

  g_assert_cmpint (sqlite3_prepare_v2 (_alama_store_get_db (store), "PRAGMA synchronous", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  level = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return level;
}

static int
count_synchronous_pragmas_cb (unsigned  type,
                              void     *user_data,
                              void     *p,
                              void     *x)
{
  const char *sql = sqlite3_sql (p);

  if (sql != NULL && strstr (sql, "PRAGMA synchronous =") != NULL)
    (*(guint *) user_data)++;
  return 0;
}

/* Changes by hand commit with synchronous = FULL, imports with NORMAL, and the
 * PRAGMA runs only when the level changes: SQLite prepares a PRAGMA again at
 * every run. */
static void
test_synchronous_follows_change_kind (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) first = NULL, second = NULL, imported = NULL;
  sqlite3 *db = _alama_store_get_db (fixture->store);
  guint pragmas = 0;

  g_assert_cmpint (synchronous_level (fixture->store), ==, 1);   /* the fixture's document */
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, count_synchronous_pragmas_cb, &pragmas);
  first = add_span (fixture, "GPE", "بيروت");
  g_assert_cmpint (synchronous_level (fixture->store), ==, 2);   /* FULL */
  second = add_span (fixture, "GPE", "صيدا");
  g_assert_cmpint (synchronous_level (fixture->store), ==, 2);

  imported = import_document_and_span (fixture);
  g_assert_cmpint (synchronous_level (fixture->store), ==, 1);   /* NORMAL */

  g_clear_pointer (&first, alama_span_unref);
  first = add_span (fixture, "ORG", "وزارة الصحة");
  g_assert_cmpint (synchronous_level (fixture->store), ==, 2);
  sqlite3_trace_v2 (db, 0, NULL, NULL);

  /* To FULL for the first span, none for the second, to NORMAL for the
   * import, back to FULL for the last: three, not one per change. */
  g_assert_cmpuint (pragmas, ==, 3);
}

/* Pages SQLite read (from its cache or the file) to add @n spans of one word
 * each to a new document of @text, in one not-undoable change. */
static int
pages_read_adding_spans (Fixture    *fixture,
                         const char *name,
                         const char *text,
                         guint       n)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _alama_store_get_db (fixture->store);
  gint64 doc = 0;
  int hits = 0, misses = 0, high = 0;

  g_assert_true (alama_store_begin_change (fixture->store, "Import", ALAMA_CHANGE_NOT_UNDOABLE,
                                           &error));
  g_assert_true (alama_store_add_document (fixture->store, name, NULL, text, NULL, NULL,
                                           &doc, &error));
  g_assert_no_error (error);
  sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_HIT, &hits, &high, TRUE);
  sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_MISS, &misses, &high, TRUE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlamaSpan) span = alama_span_new ("GPE", 7 * i, 7 * i + 5);

      span->document_id = doc;
      g_assert_true (alama_store_add_span (fixture->store, span, &error));
      g_assert_no_error (error);
    }
  sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_HIT, &hits, &high, FALSE);
  sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_MISS, &misses, &high, FALSE);
  g_assert_true (alama_store_end_change (fixture->store, &error));
  g_assert_no_error (error);

  return hits + misses;
}

/* Checking a span needs the document's length, which is stored after its text:
 * read from the row for every span, it walked all the text's overflow pages
 * each time, and importing one large document grew with its square. */
static void
test_span_check_reads_document_once (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  const guint n_spans = 40;
  int short_pages, long_pages;

  /* About 1 MB: some 250 overflow pages of 4 KB. */
  while (long_text->len < 1000000)
    g_string_append (long_text, "بيروت، صيدا ١٤ آذار 2023. ");

  short_pages = pages_read_adding_spans (fixture, "قصير", "بيروت، صيدا ١٤ آذار 2023. "
                                         "بيروت، صيدا ١٤ آذار 2023. بيروت، صيدا ١٤ آذار 2023. "
                                         "بيروت، صيدا ١٤ آذار 2023. بيروت، صيدا ١٤ آذار 2023. "
                                         "بيروت، صيدا ١٤ آذار 2023. بيروت، صيدا ١٤ آذار 2023. "
                                         "بيروت، صيدا ١٤ آذار 2023. بيروت، صيدا ١٤ آذار 2023. "
                                         "بيروت، صيدا ١٤ آذار 2023. بيروت، صيدا ١٤ آذار 2023. ",
                                         n_spans);
  long_pages = pages_read_adding_spans (fixture, "طويل", long_text->str, n_spans);

  /* The text is read once at most (250 pages), not once per span (10,000). */
  g_assert_cmpint (long_pages, <, short_pages + 1000);
}

/* The document kept for checking spans is forgotten when it is removed: a span
 * added to it afterwards in the same change is refused. */
static void
test_span_check_forgets_removed_document (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) first = alama_span_new ("GPE", 0, 5);
  g_autoptr(AlamaSpan) second = alama_span_new ("GPE", 0, 5);
  gint64 doc = 0;

  g_assert_true (alama_store_begin_change (fixture->store, "Import", ALAMA_CHANGE_NOT_UNDOABLE,
                                           &error));
  g_assert_true (alama_store_add_document (fixture->store, "ثاني", NULL, news_text, NULL, NULL,
                                           &doc, &error));
  first->document_id = second->document_id = doc;
  g_assert_true (alama_store_add_span (fixture->store, first, &error));
  g_assert_no_error (error);
  g_assert_true (alama_store_delete_document (fixture->store, doc, &error));
  g_assert_no_error (error);

  g_assert_false (alama_store_add_span (fixture->store, second, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_FOUND);
  alama_store_cancel_change (fixture->store);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/alama/history/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("undo-add", test_undo_add);
  ADD ("undo-change-id", test_undo_change_id);
  ADD ("undo-update", test_undo_update);
  ADD ("undo-delete-with-relations", test_undo_delete_with_relations);
  ADD ("undo-status-and-relation-update", test_undo_status_and_relation_update);
  ADD ("change-stored-as-action", test_change_stored_as_action);
  ADD ("undo-after-reopen", test_undo_after_reopen);
  ADD ("new-change-clears-redo", test_new_change_clears_redo);
  ADD ("group-is-one-step", test_group_is_one_step);
  ADD ("not-undoable-import", test_not_undoable_import);
  ADD ("provenance", test_provenance);
  ADD ("undo-refuses-changed-rows", test_undo_refuses_changed_rows);
  ADD ("schema-undo", test_schema_undo);
  ADD ("synchronous-follows-change-kind", test_synchronous_follows_change_kind);
  ADD ("span-check-reads-document-once", test_span_check_reads_document_once);
  ADD ("span-check-forgets-removed-document", test_span_check_forgets_removed_document);

#undef ADD

  return g_test_run ();
}
