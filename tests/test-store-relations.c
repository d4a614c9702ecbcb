/* test-store-relations.c: changing a relation in place (its type, its
 * direction) and relabelling a span whose relations the new label does not
 * allow, each as one undoable change that undo takes back exactly. */
#define G_LOG_DOMAIN "test-store-relations"

#include "config.h"

#include <string.h>

#include "alama/alama-store.h"
#include "store-test-util.h"

/* An original news-style sentence: a speaker, a speech verb and a quote. */
static const char news_text[] =
  "وقالت الوزيرة ليلى سعيد في الرباط إن «الاتفاق سيُوقَّع قبل نهاية العام» أمام الصحفيين.";

typedef struct
{
  char       *dir;
  char       *path;
  AlamaStore *store;
  gint64      doc;
  gint64      per;
  gint64      cue;
  gint64      quote;
} Fixture;

static gint64
add_span (Fixture    *f,
          const char *label,
          const char *covered)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = NULL;
  const char *at = strstr (news_text, covered);
  gint64 start;

  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (news_text, at);
  span = alama_span_new (label, start, start + g_utf8_strlen (covered, -1));
  span->document_id = f->doc;
  g_assert_true (alama_store_add_span (f->store, span, &error));
  g_assert_no_error (error);
  return span->id;
}

static gint64
add_relation (Fixture    *f,
              const char *type,
              gint64      from_id,
              gint64      to_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaRelation) relation = alama_relation_new (type, from_id, to_id);

  g_assert_true (alama_store_add_relation (f->store, relation, &error));
  g_assert_no_error (error);
  return relation->id;
}

/* The default schema plus RELATED, which links any two labels either way. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSchema) current = NULL;
  g_autoptr(AlamaSchema) schema = NULL;

  f->dir = g_dir_make_tmp ("alama-test-store-relations-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "project.alama", NULL);
  f->store = alama_store_open (f->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  current = alama_store_get_schema (f->store);
  schema = alama_schema_copy (current);
  alama_schema_ensure_relation_type (schema, "RELATED");
  g_assert_true (alama_store_set_schema (f->store, schema, &error));
  g_assert_no_error (error);

  g_assert_true (alama_store_add_document (f->store, "rabat", NULL, news_text, NULL, NULL,
                                           &f->doc, &error));
  g_assert_no_error (error);
  f->per = add_span (f, "PER", "ليلى سعيد");
  f->cue = add_span (f, "CUE", "وقالت");
  f->quote = add_span (f, "QUOTE", "«الاتفاق سيُوقَّع قبل نهاية العام»");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_project_files (f->path);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Every stored field of the document's spans and relations, as text, so that
 * two states of the file can be compared exactly. */
static char *
dump_document (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spans = alama_store_list_spans (f->store, f->doc, ALAMA_STATUS_MASK_ALL,
                                                       &error);
  g_autoptr(GPtrArray) relations = NULL;
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (spans, i);

      g_string_append_printf (out, "span %" G_GINT64_FORMAT " %s [%" G_GINT64_FORMAT ", %"
                              G_GINT64_FORMAT ") %s %d %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                              span->id, span->label, alama_span_get_start (span),
                              alama_span_get_end (span), span->source, span->status,
                              span->annotator, span->created, span->modified);
    }
  relations = alama_store_list_relations (f->store, f->doc, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < relations->len; i++)
    {
      AlamaRelation *relation = g_ptr_array_index (relations, i);

      g_string_append_printf (out, "relation %" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT " -> %"
                              G_GINT64_FORMAT " %s %d %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                              relation->id, relation->type, relation->from_id, relation->to_id,
                              relation->source, relation->status, relation->annotator,
                              relation->created, relation->modified);
    }
  return g_string_free (out, FALSE);
}

static AlamaChangeAction
undo_action (Fixture  *f,
             char    **label)
{
  AlamaChangeAction action = ALAMA_CHANGE_ACTION_NONE;

  g_assert_true (alama_store_get_undo_action (f->store, &action, label));
  return action;
}

/* Undo brings back @before exactly, redo @after, each in one step. */
static void
assert_one_undo_step (Fixture    *f,
                      const char *before,
                      const char *after)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_true (alama_store_undo (f->store, NULL, &error));
  g_assert_no_error (error);
  undone = dump_document (f);
  g_assert_cmpstr (undone, ==, before);

  g_assert_true (alama_store_redo (f->store, NULL, &error));
  g_assert_no_error (error);
  redone = dump_document (f);
  g_assert_cmpstr (redone, ==, after);
}

static void
test_retype (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaRelation) relation = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *label = NULL;
  gint64 id = add_relation (f, "SPEAKER", f->per, f->quote);

  before = dump_document (f);
  relation = alama_store_get_relation (f->store, id, &error);
  g_assert_no_error (error);

  /* A type the schema does not allow between these labels is refused. */
  g_free (relation->type);
  relation->type = g_strdup ("CUE_OF");
  g_assert_false (alama_store_update_relation (f->store, relation, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  after = dump_document (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  g_free (relation->type);
  relation->type = g_strdup ("RELATED");
  g_assert_true (alama_store_update_relation (f->store, relation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (undo_action (f, &label), ==, ALAMA_CHANGE_ACTION_RETYPE_RELATION);
  g_assert_cmpstr (label, ==, "RELATED");
  g_clear_pointer (&relation, alama_relation_unref);
  relation = alama_store_get_relation (f->store, id, &error);
  g_assert_cmpstr (relation->type, ==, "RELATED");
  g_assert_cmpint (relation->from_id, ==, f->per);

  after = dump_document (f);
  assert_one_undo_step (f, before, after);
}

static void
test_reverse (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaRelation) relation = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *label = NULL;
  gint64 speaker = add_relation (f, "SPEAKER", f->per, f->quote);
  gint64 related = add_relation (f, "RELATED", f->cue, f->quote);

  /* SPEAKER goes from a person to a quote only: its reverse is refused and
   * the file is left as it was. */
  before = dump_document (f);
  g_assert_false (alama_store_reverse_relation (f->store, speaker, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  after = dump_document (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  g_assert_true (alama_store_reverse_relation (f->store, related, &error));
  g_assert_no_error (error);
  relation = alama_store_get_relation (f->store, related, &error);
  g_assert_cmpint (relation->from_id, ==, f->quote);
  g_assert_cmpint (relation->to_id, ==, f->cue);
  g_assert_cmpstr (relation->type, ==, "RELATED");
  g_assert_cmpint (undo_action (f, &label), ==, ALAMA_CHANGE_ACTION_REVERSE_RELATION);
  g_assert_cmpstr (label, ==, "RELATED");

  after = dump_document (f);
  assert_one_undo_step (f, before, after);
}

static void
test_relabel_dropping_relations (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) blocking = NULL;
  g_autoptr(AlamaSpan) span = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *label = NULL;
  gint64 speaker = add_relation (f, "SPEAKER", f->per, f->quote);
  gint64 cue_of = add_relation (f, "CUE_OF", f->cue, f->quote);
  gint64 related = add_relation (f, "RELATED", f->quote, f->per);

  before = dump_document (f);

  /* As a CLAIM the quote keeps RELATED only. */
  blocking = alama_store_list_relations_blocking_label (f->store, f->quote, "CLAIM", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (blocking->len, ==, 2);
  g_assert_cmpint (((AlamaRelation *) blocking->pdata[0])->id, ==, speaker);
  g_assert_cmpint (((AlamaRelation *) blocking->pdata[1])->id, ==, cue_of);
  g_clear_pointer (&blocking, g_ptr_array_unref);
  blocking = alama_store_list_relations_blocking_label (f->store, f->quote, "QUOTE", &error);
  g_assert_cmpuint (blocking->len, ==, 0);

  /* A plain relabel is still refused, naming a relation, and changes nothing. */
  span = alama_store_get_span (f->store, f->quote, &error);
  g_free (span->label);
  span->label = g_strdup ("CLAIM");
  g_assert_false (alama_store_update_span (f->store, span, &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "SPEAKER"));
  g_clear_error (&error);
  after = dump_document (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  g_assert_true (alama_store_relabel_span_dropping_relations (f->store, f->quote, "CLAIM", &error));
  g_assert_no_error (error);
  g_clear_pointer (&span, alama_span_unref);
  span = alama_store_get_span (f->store, f->quote, &error);
  g_assert_cmpstr (span->label, ==, "CLAIM");
  left = alama_store_list_relations (f->store, f->doc, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_cmpint (((AlamaRelation *) left->pdata[0])->id, ==, related);
  g_assert_cmpint (undo_action (f, &label), ==, ALAMA_CHANGE_ACTION_RELABEL_SPAN);
  g_assert_cmpstr (label, ==, "CLAIM");

  after = dump_document (f);
  assert_one_undo_step (f, before, after);

  /* After the redo, one more undo takes back what came before: the relations'
   * own steps, not part of the relabel. */
  g_assert_true (alama_store_undo (f->store, NULL, &error));
  g_assert_true (alama_store_undo (f->store, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&left, g_ptr_array_unref);
  left = alama_store_list_relations (f->store, f->doc, ALAMA_STATUS_MASK_ALL, &error);
  g_assert_cmpuint (left->len, ==, 2);
}

/* A span with no relations in the way is relabelled as by update_span. */
static void
test_relabel_nothing_to_drop (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSpan) span = NULL;

  g_assert_true (alama_store_relabel_span_dropping_relations (f->store, f->per, "ORG", &error));
  g_assert_no_error (error);
  span = alama_store_get_span (f->store, f->per, &error);
  g_assert_cmpstr (span->label, ==, "ORG");

  g_assert_false (alama_store_relabel_span_dropping_relations (f->store, f->per, "NOPE", &error));
  g_assert_error (error, ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_UNKNOWN_LABEL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/alama/store-relations/retype", Fixture, NULL,
              fixture_set_up, test_retype, fixture_tear_down);
  g_test_add ("/alama/store-relations/reverse", Fixture, NULL,
              fixture_set_up, test_reverse, fixture_tear_down);
  g_test_add ("/alama/store-relations/relabel-dropping-relations", Fixture, NULL,
              fixture_set_up, test_relabel_dropping_relations, fixture_tear_down);
  g_test_add ("/alama/store-relations/relabel-nothing-to-drop", Fixture, NULL,
              fixture_set_up, test_relabel_nothing_to_drop, fixture_tear_down);

  return g_test_run ();
}
