/* test-sort-key.c: the natural, locale-independent order of documents that a
 * project keeps (alama-sort-key.c, table document_order). */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <alama/alama.h>

#include "../app/core/alama-sort-key-private.h"
#include "store-test-util.h"

static int
sign (int x)
{
  return (x > 0) - (x < 0);
}

static void
test_natural_order (void)
{
  /* Each pair: the first sorts before the second. */
  static const char *before[][2] = {
    { "doc 2", "doc 10" },
    { "doc 9.txt", "doc 10.txt" },
    { "news-000009", "news-000010" },
    { "وثيقة ٢", "وثيقة ١٠" },              /* Arabic-Indic digits */
    { "وثيقة ۳", "وثيقة 12" },              /* Eastern Arabic-Indic against ASCII */
    { "a1", "aa" },                          /* a number before a letter */
    { "Alpha", "beta" },                     /* case does not come first */
    { "alpha", "Beta" },
    { "بوتين", "بيسكوف" },
    { "", "a" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (before); i++)
    {
      g_assert_cmpint (_alama_sort_key_compare_names (before[i][0], before[i][1]), <, 0);
      g_assert_cmpint (_alama_sort_key_compare_names (before[i][1], before[i][0]), >, 0);
    }
}

static void
test_equal_keys (void)
{
  /* Same key; the names themselves break the tie, the same way every time. */
  static const char *same[][2] = {
    { "doc 7", "doc 007" },
    { "doc ٧", "doc 7" },
    { "ALPHA", "alpha" },
    { "ﬁle", "file" },                       /* NFKC: the ligature is two letters */
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autoptr(GByteArray) a = _alama_sort_key_new (same[i][0]);
      g_autoptr(GByteArray) b = _alama_sort_key_new (same[i][1]);

      g_assert_cmpint (_alama_sort_key_compare (a->data, a->len, b->data, b->len), ==, 0);
      g_assert_cmpint (sign (_alama_sort_key_compare_names (same[i][0], same[i][1])), ==,
                       sign (strcmp (same[i][0], same[i][1])));
    }
}

/* The key must not depend on the reader's locale: a project moves between
 * machines, and its index was written by another one. */
static void
test_key_ignores_locale (void)
{
  static const char *names[] = { "Ärger 10", "وثيقة ١٠", "İstanbul 2", "doc 10" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GByteArray) in_c = NULL;
      g_autoptr(GByteArray) in_ar = NULL;

      setlocale (LC_ALL, "C.UTF-8");
      in_c = _alama_sort_key_new (names[i]);
      if (setlocale (LC_ALL, "ar_EG.UTF-8") == NULL)
        setlocale (LC_ALL, "tr_TR.UTF-8");
      in_ar = _alama_sort_key_new (names[i]);
      g_assert_cmpmem (in_c->data, in_c->len, in_ar->data, in_ar->len);
    }
  setlocale (LC_ALL, "C.UTF-8");
}

static char *
make_project (void)
{
  g_autofree char *dir = g_dir_make_tmp ("alama-test-sort-key-XXXXXX", NULL);

  return g_build_filename (dir, "p.alama", NULL);
}

static GPtrArray *
listed_names (AlamaStore *store)
{
  GListModel *documents = alama_store_get_documents (store);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(AlamaDocument) doc = g_list_model_get_item (documents, i);

      g_ptr_array_add (names, g_strdup (alama_document_get_name (doc)));
    }
  return names;
}

static void
assert_same_names (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (a->pdata[i], ==, b->pdata[i]);
}

/* The list built as documents are added (keys worked out in C) and the list a
 * fresh open reads from the index (keys the trigger wrote) are the same, and
 * are in natural order; so are the results of a search. */
static void
test_list_and_search_follow_the_kept_order (void)
{
  static const char *names[] = {
    "doc 10", "doc 2", "Doc 1", "وثيقة ١٠", "وثيقة ٢", "doc 007", "doc 7", "b", "A",
  };
  static const char *expected[] = {
    "A", "b", "Doc 1", "doc 2", "doc 007", "doc 7", "doc 10", "وثيقة ٢", "وثيقة ١٠",
  };
  g_autofree char *path = make_project ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) live = NULL;
  g_autoptr(GPtrArray) reopened = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  {
    g_autoptr(AlamaStore) store = alama_store_open (path, ALAMA_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    /* Listed before the documents come, so that each is inserted in place. */
    g_assert_cmpuint (g_list_model_get_n_items (alama_store_get_documents (store)), ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *text = g_strdup_printf ("نص الوثيقة %u عن الكرملين", i);

        g_assert_true (alama_store_add_document (store, names[i], NULL, text, NULL, NULL,
                                                 NULL, &error));
        g_assert_no_error (error);
      }
    live = listed_names (store);
  }
  {
    g_autoptr(AlamaStore) store = alama_store_open (path, ALAMA_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    reopened = listed_names (store);
    hits = alama_search_text (store, "الكرملين", ALAMA_SEARCH_DEFAULT, 100, NULL, &error);
    g_assert_no_error (error);
  }

  g_assert_cmpuint (live->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (live->pdata[i], ==, expected[i]);
  assert_same_names (live, reopened);

  g_assert_cmpuint (hits->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < hits->len; i++)
    g_assert_cmpstr (((AlamaSearchHit *) hits->pdata[i])->document_name, ==, expected[i]);

  remove_project_files (path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/sort-key/natural-order", test_natural_order);
  g_test_add_func ("/alama/sort-key/equal-keys", test_equal_keys);
  g_test_add_func ("/alama/sort-key/ignores-locale", test_key_ignores_locale);
  g_test_add_func ("/alama/sort-key/list-and-search-follow-the-kept-order",
                   test_list_and_search_follow_the_kept_order);

  return g_test_run ();
}
