/* test-stats.c: project counts as JSON and as a table. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <alama/alama-stats.h>
#include <alama/alama-store.h>

#include "store-test-util.h"

typedef struct
{
  char       *dir;
  char       *path;
  AlamaStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("alama-stats-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "project.alama", NULL);
  f->store = alama_store_open (f->path, ALAMA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  remove_project_files (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
add_doc (Fixture *f, const char *name, const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  alama_store_add_document (f->store, name, NULL, text, NULL, NULL, &id, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_span (Fixture     *f,
          gint64       doc,
          const char  *label,
          gint64       start,
          gint64       end,
          AlamaStatus  status,
          const char  *source)
{
  g_autoptr(AlamaSpan) span = alama_span_new (label, start, end);
  g_autoptr(GError) error = NULL;

  span->document_id = doc;
  span->status = status;
  span->source = g_strdup (source);
  alama_store_add_span (f->store, span, &error);
  g_assert_no_error (error);
  return span->id;
}

static gint64
member_int (JsonObject *o, const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    {
      g_assert_true (json_object_has_member (o, parts[i]));
      o = json_object_get_object_member (o, parts[i]);
    }
  g_assert_true (json_object_has_member (o, parts[n - 1]));
  return json_object_get_int_member (o, parts[n - 1]);
}

static void
test_counts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) stats = NULL;
  g_autoptr(AlamaRelation) rel = NULL;
  JsonObject *o;
  gint64 d1, quote, per;

  /* قال الرئيس: «سنعيد البناء» */
  d1 = add_doc (f, "بيان", "قال الرئيس سعيد «سنعيد البناء» في تونس");
  add_doc (f, "خبر فارغ", "لم يعلق أحد على الخبر");
  add_doc (f, "مرفوض فقط", "زار الوفد دمشق");

  per = add_span (f, d1, "PER", 11, 15, ALAMA_STATUS_ACCEPTED, NULL);
  quote = add_span (f, d1, "QUOTE", 17, 29, ALAMA_STATUS_ACCEPTED, NULL);
  add_span (f, d1, "LOC", 34, 38, ALAMA_STATUS_PENDING, "gazetteer");
  add_span (f, d1, "ORG", 4, 10, ALAMA_STATUS_REJECTED, "gazetteer");

  rel = alama_relation_new ("SPEAKER", per, quote);
  alama_store_add_relation (f->store, rel, &error);
  g_assert_no_error (error);

  stats = alama_stats_collect (f->store, &error);
  g_assert_no_error (error);
  o = json_node_get_object (stats);

  g_assert_cmpint (member_int (o, "documents"), ==, 3);
  g_assert_cmpint (member_int (o, "documents_with_annotations"), ==, 1);
  g_assert_cmpint (member_int (o, "spans"), ==, 4);
  g_assert_cmpint (member_int (o, "relations"), ==, 1);
  g_assert_cmpint (member_int (o, "spans_by_label/PER/accepted"), ==, 1);
  g_assert_cmpint (member_int (o, "spans_by_label/LOC/pending"), ==, 1);
  g_assert_cmpint (member_int (o, "spans_by_label/ORG/rejected"), ==, 1);
  g_assert_cmpint (member_int (o, "spans_by_label/ORG/accepted"), ==, 0);
  g_assert_cmpint (member_int (o, "relations_by_type/SPEAKER/accepted"), ==, 1);
  g_assert_cmpint (member_int (o, "by_source/manual"), ==, 2);
  g_assert_cmpint (member_int (o, "by_source/gazetteer"), ==, 2);
  g_assert_cmpint (member_int (o, "spans_by_status/pending"), ==, 1);
}

static void
test_annotator (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) stats = NULL;
  gint64 d = add_doc (f, "خبر", "التقى عباس وبلينكن في رام الله");

  alama_store_set_annotator (f->store, "سلمى");
  add_span (f, d, "PER", 6, 10, ALAMA_STATUS_ACCEPTED, NULL);
  add_span (f, d, "PER", 12, 18, ALAMA_STATUS_ACCEPTED, NULL);
  alama_store_set_annotator (f->store, "يوسف");
  add_span (f, d, "LOC", 22, 30, ALAMA_STATUS_ACCEPTED, NULL);

  stats = alama_stats_collect (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (member_int (json_node_get_object (stats), "by_annotator/سلمى/spans"), ==, 2);
  g_assert_cmpint (member_int (json_node_get_object (stats), "by_annotator/يوسف/spans"), ==, 1);
}

static void
test_text_table (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) stats = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 d = add_doc (f, "خبر", "وصل ماكرون إلى بيروت");
  const char *per_line = NULL, *header = NULL;

  add_span (f, d, "PER", 4, 10, ALAMA_STATUS_ACCEPTED, NULL);
  add_span (f, d, "GPE", 15, 20, ALAMA_STATUS_PENDING, NULL);
  stats = alama_stats_collect (f->store, &error);
  g_assert_no_error (error);
  text = alama_stats_format_text (stats);

  g_assert_true (g_str_has_prefix (text, "Documents"));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Label "))
        header = lines[i];
      if (g_str_has_prefix (lines[i], "PER "))
        per_line = lines[i];
    }
  g_assert_nonnull (header);
  g_assert_nonnull (per_line);
  /* Columns line up: the PER row is as wide as the header, and its count sits
   * under "accepted". */
  g_assert_cmpuint (strlen (per_line), ==, strlen (header));
  g_assert_cmpint (strstr (header, "accepted") + strlen ("accepted") - header, ==,
                   strstr (per_line, "1 ") + 1 - per_line);
}

static JsonObject *
top_item (JsonObject *o, const char *list, guint i)
{
  JsonArray *array = json_object_get_array_member (o, list);

  g_assert_nonnull (array);
  g_assert_cmpuint (i, <, json_array_get_length (array));
  return json_array_get_object_element (array, i);
}

/* documents_done, top_entities (grouped over harakat and alef forms), top_speakers
 * and top_claimants; rejected annotations are not counted. */
static void
test_dashboard_keys (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) stats = NULL;
  JsonObject *o;
  gint64 d1, d2, d3, per1, per2, quote, claim, rejected_per;
  g_autoptr(AlamaRelation) speaker = NULL;
  g_autoptr(AlamaRelation) claimant = NULL;
  g_autoptr(AlamaRelation) rejected = NULL;

  /* 0         1         2         3         4
   * 0123456789012345678901234567890123456789012 */
  d1 = add_doc (f, "أ", "قال أردوغان «سنبني الجسر» في أنقرة");
  d2 = add_doc (f, "ب", "اتهم اردوغان المعارضة بالتضليل");
  d3 = add_doc (f, "ج", "زار أردُوغان إسطنبول");
  add_doc (f, "د", "لا شيء هنا");

  per1 = add_span (f, d1, "PER", 4, 11, ALAMA_STATUS_ACCEPTED, NULL);
  quote = add_span (f, d1, "QUOTE", 12, 25, ALAMA_STATUS_ACCEPTED, NULL);
  add_span (f, d1, "GPE", 29, 34, ALAMA_STATUS_ACCEPTED, NULL);
  per2 = add_span (f, d2, "PER", 5, 12, ALAMA_STATUS_ACCEPTED, NULL);
  claim = add_span (f, d2, "CLAIM", 0, 30, ALAMA_STATUS_ACCEPTED, NULL);
  add_span (f, d3, "PER", 4, 12, ALAMA_STATUS_PENDING, "gazetteer");
  rejected_per = add_span (f, d2, "PER", 13, 21, ALAMA_STATUS_REJECTED, "gazetteer");

  speaker = alama_relation_new ("SPEAKER", per1, quote);
  alama_store_add_relation (f->store, speaker, &error);
  g_assert_no_error (error);
  claimant = alama_relation_new ("CLAIMANT", per2, claim);
  alama_store_add_relation (f->store, claimant, &error);
  g_assert_no_error (error);
  rejected = alama_relation_new ("CLAIMANT", rejected_per, claim);
  alama_store_add_relation (f->store, rejected, &error);
  g_assert_no_error (error);

  stats = alama_stats_collect (f->store, &error);
  g_assert_no_error (error);
  o = json_node_get_object (stats);

  /* d1 and d2 are done; d3 still has a pending suggestion; d4 has nothing. */
  g_assert_cmpint (member_int (o, "documents_done"), ==, 2);

  /* أردوغان, اردوغان and أردُوغان are one entity seen three times (the
   * pending one counts, the rejected المعارضة does not). */
  g_assert_cmpstr (json_object_get_string_member (top_item (o, "top_entities", 0), "label"), ==, "PER");
  g_assert_cmpint (json_object_get_int_member (top_item (o, "top_entities", 0), "count"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (top_item (o, "top_entities", 1), "count"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (top_item (o, "top_entities", 1), "text"), ==, "أنقرة");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "top_entities")), ==, 2);

  g_assert_cmpstr (json_object_get_string_member (top_item (o, "top_speakers", 0), "text"), ==, "أردوغان");
  g_assert_cmpint (json_object_get_int_member (top_item (o, "top_speakers", 0), "count"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (top_item (o, "top_claimants", 0), "text"), ==, "اردوغان");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "top_claimants")), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/alama/stats/counts", Fixture, NULL, fixture_setup, test_counts, fixture_teardown);
  g_test_add ("/alama/stats/annotator", Fixture, NULL, fixture_setup, test_annotator, fixture_teardown);
  g_test_add ("/alama/stats/dashboard-keys", Fixture, NULL, fixture_setup, test_dashboard_keys,
              fixture_teardown);
  g_test_add ("/alama/stats/text-table", Fixture, NULL, fixture_setup, test_text_table, fixture_teardown);

  return g_test_run ();
}
