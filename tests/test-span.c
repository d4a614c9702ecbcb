/* test-span.c: AlamaSpan and AlamaRelation values, status and format names. */
#define G_LOG_DOMAIN "test-span"

#include "config.h"

#include <string.h>

#include "alama/alama-span.h"
#include "alama/alama-span-index.h"

static char *
load_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "store",
                                                 "harakat-emoji-crlf.txt", NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* Code point offsets of @needle in @text. */
static void
find_cp (const char *text,
         const char *needle,
         gint64     *start,
         gint64     *end)
{
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  *start = g_utf8_pointer_to_offset (text, at);
  *end = *start + g_utf8_strlen (needle, -1);
}

static void
test_fragments_sorted (void)
{
  g_autoptr(AlamaSpan) span = alama_span_new ("QUOTE", 40, 52);
  const AlamaFragment *f;

  alama_span_add_fragment (span, 3, 9);
  alama_span_add_fragment (span, 20, 31);
  g_assert_cmpuint (alama_span_get_n_fragments (span), ==, 3);

  f = alama_span_get_fragment (span, 0);
  g_assert_cmpint (f->start, ==, 3);
  g_assert_cmpint (f->end, ==, 9);
  f = alama_span_get_fragment (span, 1);
  g_assert_cmpint (f->start, ==, 20);
  f = alama_span_get_fragment (span, 2);
  g_assert_cmpint (f->start, ==, 40);

  g_assert_cmpint (alama_span_get_start (span), ==, 3);
  g_assert_cmpint (alama_span_get_end (span), ==, 52);
}

static void
test_end_is_max (void)
{
  /* A long first fragment that ends after a later one starts. */
  g_autoptr(AlamaSpan) span = alama_span_new ("EVENT", 0, 30);

  alama_span_add_fragment (span, 10, 12);
  g_assert_cmpint (alama_span_get_start (span), ==, 0);
  g_assert_cmpint (alama_span_get_end (span), ==, 30);
}

/* A span has no attribute table until it is given an attribute: the store
 * reads 100,000 spans for a large document and nearly none have one. Having
 * no table and having an empty one mean the same. */
static void
test_attributes_made_when_set (void)
{
  g_autoptr(AlamaSpan) span = alama_span_new ("PER", 1, 5);
  g_autoptr(AlamaSpan) copy = NULL;
  g_autoptr(AlamaSpan) emptied = NULL;

  g_assert_null (span->attributes);
  g_assert_null (alama_span_get_attribute (span, "stance"));
  /* Removing what is not there makes no table either. */
  alama_span_set_attribute (span, "stance", NULL);
  g_assert_null (span->attributes);

  copy = alama_span_copy (span);
  g_assert_null (copy->attributes);
  g_assert_true (alama_span_equal_content (span, copy));

  emptied = alama_span_copy (span);
  alama_span_set_attribute (emptied, "stance", "denies");
  g_assert_nonnull (emptied->attributes);
  g_assert_false (alama_span_equal_content (span, emptied));
  g_assert_false (alama_span_equal_content (emptied, span));
  alama_span_set_attribute (emptied, "stance", NULL);
  g_assert_nonnull (emptied->attributes);
  g_assert_true (alama_span_equal_content (span, emptied));
  g_assert_true (alama_span_equal_content (emptied, span));
}

static void
test_attributes_and_copy (void)
{
  g_autoptr(AlamaSpan) span = alama_span_new ("CLAIM", 1, 5);
  g_autoptr(AlamaSpan) copy = NULL;

  alama_span_set_attribute (span, "stance", "denies");
  alama_span_set_attribute (span, "ملاحظة", "مهم");
  g_assert_cmpstr (alama_span_get_attribute (span, "stance"), ==, "denies");
  g_assert_cmpstr (alama_span_get_attribute (span, "ملاحظة"), ==, "مهم");
  g_assert_null (alama_span_get_attribute (span, "missing"));

  span->note = g_strdup ("راجع المصدر");
  span->status = ALAMA_STATUS_PENDING;
  span->source = g_strdup ("claims-rules");

  copy = alama_span_copy (span);
  g_assert_true (alama_span_equal_content (span, copy));
  g_assert_true (copy->attributes != span->attributes);

  /* Deep copy: changing the copy leaves the original alone. */
  alama_span_set_attribute (copy, "stance", "accuses");
  g_assert_cmpstr (alama_span_get_attribute (span, "stance"), ==, "denies");
  g_assert_false (alama_span_equal_content (span, copy));

  alama_span_set_attribute (copy, "stance", "denies");
  g_assert_true (alama_span_equal_content (span, copy));
  alama_span_add_fragment (copy, 7, 9);
  g_assert_false (alama_span_equal_content (span, copy));

  /* Removing with NULL. */
  alama_span_set_attribute (span, "stance", NULL);
  g_assert_null (alama_span_get_attribute (span, "stance"));

  /* ids and times do not count for content. */
  g_clear_pointer (&copy, alama_span_unref);
  copy = alama_span_copy (span);
  copy->id = 99;
  copy->modified = 12345;
  g_assert_true (alama_span_equal_content (span, copy));
}

static void
test_ref_counting (void)
{
  AlamaSpan *span = alama_span_new ("PER", 0, 1);
  AlamaRelation *relation = alama_relation_new ("SPEAKER", 1, 2);
  GValue value = G_VALUE_INIT;

  g_assert_true (alama_span_ref (span) == span);
  alama_span_unref (span);

  /* Boxed: a GValue holds a reference. */
  g_value_init (&value, ALAMA_TYPE_SPAN);
  g_value_set_boxed (&value, span);
  alama_span_unref (span);
  g_assert_cmpstr (((AlamaSpan *) g_value_get_boxed (&value))->label, ==, "PER");
  g_value_unset (&value);

  g_value_init (&value, ALAMA_TYPE_RELATION);
  g_value_take_boxed (&value, relation);
  g_assert_cmpint (((AlamaRelation *) g_value_get_boxed (&value))->to_id, ==, 2);
  g_value_unset (&value);
}

static void
test_dup_text (void)
{
  g_autofree char *text = load_fixture ();
  g_autoptr(AlamaSpan) person = NULL;
  g_autoptr(AlamaSpan) split = NULL;
  g_autofree char *covered = NULL;
  g_autofree char *joined = NULL;
  gint64 start, end, start2, end2;

  /* Harakat (ُ on رئيسُ) and shadda count as code points of their own. */
  find_cp (text, "رئيسُ البلدية خالد يوسف", &start, &end);
  person = alama_span_new ("PER", start, end);
  covered = alama_span_dup_text (person, text);
  g_assert_cmpstr (covered, ==, "رئيسُ البلدية خالد يوسف");

  /* After the emoji (one code point, 4 bytes) and across CRLF. */
  find_cp (text, "سيُفتح غداً", &start, &end);
  find_cp (text, "شركة \"نور\"", &start2, &end2);
  split = alama_span_new ("CLAIM", start2, end2);
  alama_span_add_fragment (split, start, end);
  joined = alama_span_dup_text (split, text);
  g_assert_cmpstr (joined, ==, "سيُفتح غداً … شركة \"نور\"");

  g_clear_pointer (&covered, g_free);
  find_cp (text, "🎉", &start, &end);
  g_assert_cmpint (end - start, ==, 1);
  g_clear_pointer (&person, alama_span_unref);
  person = alama_span_new ("EVENT", start, end + 1);
  covered = alama_span_dup_text (person, text);
  g_assert_cmpstr (covered, ==, "🎉 ");

  /* The CRLF is two code points. */
  g_clear_pointer (&covered, g_free);
  find_cp (text, "غداً.\r\nوقالت", &start, &end);
  g_clear_pointer (&person, alama_span_unref);
  person = alama_span_new ("EVENT", start, end);
  covered = alama_span_dup_text (person, text);
  g_assert_cmpint (g_utf8_strlen (covered, -1), ==, end - start);
  g_assert_nonnull (strstr (covered, "\r\n"));
}

static void
test_status_names (void)
{
  AlamaStatus status = ALAMA_STATUS_ACCEPTED;
  AlamaFormat format = ALAMA_FORMAT_AUTO;

  g_assert_cmpstr (alama_status_to_string (ALAMA_STATUS_ACCEPTED), ==, "accepted");
  g_assert_cmpstr (alama_status_to_string (ALAMA_STATUS_PENDING), ==, "pending");
  g_assert_cmpstr (alama_status_to_string (ALAMA_STATUS_REJECTED), ==, "rejected");
  g_assert_true (alama_status_from_string ("rejected", &status));
  g_assert_cmpint (status, ==, ALAMA_STATUS_REJECTED);
  g_assert_false (alama_status_from_string ("maybe", &status));
  g_assert_cmpint (status, ==, ALAMA_STATUS_REJECTED);
  g_assert_false (alama_status_from_string (NULL, &status));

  for (AlamaFormat f = ALAMA_FORMAT_AUTO; f <= ALAMA_FORMAT_CSV; f++)
    {
      g_assert_true (alama_format_from_string (alama_format_to_string (f), &format));
      g_assert_cmpint (format, ==, f);
    }
  g_assert_cmpstr (alama_format_to_string (ALAMA_FORMAT_CONLL), ==, "conll");
  g_assert_false (alama_format_from_string ("docx", &format));
}

static void
test_relation_copy (void)
{
  g_autoptr(AlamaRelation) relation = alama_relation_new ("CLAIMANT", 4, 9);
  g_autoptr(AlamaRelation) copy = NULL;

  relation->source = g_strdup ("manual");
  relation->ext_id = g_strdup ("R7");
  relation->status = ALAMA_STATUS_PENDING;
  copy = alama_relation_copy (relation);
  g_assert_cmpstr (copy->type, ==, "CLAIMANT");
  g_assert_cmpint (copy->from_id, ==, 4);
  g_assert_cmpint (copy->to_id, ==, 9);
  g_assert_cmpstr (copy->ext_id, ==, "R7");
  g_assert_cmpint (copy->status, ==, ALAMA_STATUS_PENDING);
  g_assert_true (copy->type != relation->type);
}

/* The index finds every span by id at its position after any run of inserts
 * and removals (its id table is renumbered lazily). */
static void
test_index_find_id_after_edits (void)
{
  AlamaSpanIndex *index = alama_span_index_new (NULL);
  GRand *rand = g_rand_new_with_seed (7);
  gint64 next_id = 1;

  for (guint step = 0; step < 600; step++)
    {
      guint n = alama_span_index_get_n_spans (index);

      if (n > 0 && g_rand_int_range (rand, 0, 3) == 0)
        alama_span_index_remove (index, g_rand_int_range (rand, 0, n));
      else
        {
          gint64 start = g_rand_int_range (rand, 0, 200);
          AlamaSpan *span = alama_span_new ("PER", start, start + g_rand_int_range (rand, 1, 9));
          guint position = 0;

          span->id = next_id++;
          while (position < n &&
                 alama_span_compare (alama_span_index_get_span (index, position), span) < 0)
            position++;
          alama_span_index_insert (index, position, span);
          alama_span_unref (span);
        }

      for (guint i = 0; i < alama_span_index_get_n_spans (index); i++)
        g_assert_cmpint (alama_span_index_find_id (index, alama_span_index_get_span (index, i)->id),
                         ==, (int) i);
    }
  g_assert_cmpint (alama_span_index_find_id (index, next_id), ==, -1);

  g_rand_free (rand);
  alama_span_index_free (index);
}

/* A new index finds the fragments of every span, in order of start (the
 * longer first), whether its spans come sorted or not, with pieces of one
 * span far apart or all in one place. */
static int
compare_span_pointers (gconstpointer a,
                       gconstpointer b)
{
  return alama_span_compare (*(AlamaSpan **) a, *(AlamaSpan **) b);
}

static void
test_index_query_finds_every_fragment (void)
{
  GRand *rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < 40; round++)
    {
      g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_span_unref);
      guint n_fragments = 0;

      for (guint i = 0; i < 60; i++)
        {
          gint64 start = g_rand_int_range (rand, 0, 100);
          AlamaSpan *span = alama_span_new ("PER", start, start + g_rand_int_range (rand, 1, 9));

          span->id = i + 1;
          if (round % 2 == 0 && g_rand_int_range (rand, 0, 4) == 0)
            alama_span_add_fragment (span, start + 20, start + 25);
          n_fragments += alama_span_get_n_fragments (span);
          g_ptr_array_add (spans, span);
        }
      if (round % 4 < 2)
        g_ptr_array_sort (spans, compare_span_pointers);

      {
        g_autoptr(AlamaSpanIndex) index = alama_span_index_new (spans);
        g_autoptr(GArray) found = alama_span_index_query (index, 0, 200);

        g_assert_cmpuint (found->len, ==, n_fragments);
        for (guint f = 1; f < found->len; f++)
          {
            const AlamaIndexedFragment *a = &g_array_index (found, AlamaIndexedFragment, f - 1);
            const AlamaIndexedFragment *b = &g_array_index (found, AlamaIndexedFragment, f);

            g_assert_true (a->start < b->start || (a->start == b->start && a->end >= b->end));
          }
        for (guint f = 0; f < found->len; f++)
          {
            const AlamaIndexedFragment *a = &g_array_index (found, AlamaIndexedFragment, f);
            const AlamaFragment *piece =
              alama_span_get_fragment (alama_span_index_get_span (index, a->span_index), a->fragment);

            g_assert_cmpint (piece->start, ==, a->start);
            g_assert_cmpint (piece->end, ==, a->end);
          }
      }
    }
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/span/fragments-sorted", test_fragments_sorted);
  g_test_add_func ("/alama/span/end-is-max", test_end_is_max);
  g_test_add_func ("/alama/span/attributes-made-when-set", test_attributes_made_when_set);
  g_test_add_func ("/alama/span/attributes-and-copy", test_attributes_and_copy);
  g_test_add_func ("/alama/span/ref-counting", test_ref_counting);
  g_test_add_func ("/alama/span/dup-text", test_dup_text);
  g_test_add_func ("/alama/span/status-names", test_status_names);
  g_test_add_func ("/alama/span/relation-copy", test_relation_copy);
  g_test_add_func ("/alama/span/index-find-id-after-edits", test_index_find_id_after_edits);
  g_test_add_func ("/alama/span/index-query-finds-every-fragment",
                   test_index_query_finds_every_fragment);

  return g_test_run ();
}
