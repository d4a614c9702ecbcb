/* test-arabic.c: normalisation for matching, its map back to the original code
 * points, and clitic prefix splits. */
#define G_LOG_DOMAIN "test-arabic"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "alama/alama.h"

static void
assert_folds (const char          *input,
              AlamaArabicFoldFlags flags,
              const char          *expected)
{
  g_autofree char *got = alama_arabic_normalize (input, flags, NULL);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_fold_harakat (void)
{
  /* Every haraka of U+064B–U+065F and the dagger alef U+0670. */
  g_autoptr(GString) all = g_string_new ("ب");

  for (gunichar c = 0x064B; c <= 0x065F; c++)
    g_string_append_unichar (all, c);
  g_string_append_unichar (all, 0x0670);
  g_string_append (all, "ت");
  assert_folds (all->str, 0, "بت");

  assert_folds ("مُحَمَّدٌ", 0, "محمد");
}

static void
test_fold_tatweel (void)
{
  assert_folds ("الـــرئيس", 0, "الرئيس");
  assert_folds ("هـذا", 0, "هذا");
}

static void
test_fold_alef_forms (void)
{
  assert_folds ("أحمد إيران آمال ٱلله", 0, "احمد ايران امال الله");
  /* Decomposed forms compose first (NFC), then fold the same way. */
  assert_folds ("ا\u0654حمد ا\u0655يران ا\u0653مال", 0, "احمد ايران امال");
}

static void
test_fold_ta_marbuta_alef_maqsura (void)
{
  assert_folds ("المنظمة", 0, "المنظمه");
  assert_folds ("مصطفى على", 0, "مصطفي علي");
}

static void
test_fold_digits (void)
{
  assert_folds ("٢٠٢٤", 0, "2024");
  assert_folds ("۲۰۲۴", 0, "2024");   /* Extended Arabic-Indic (Persian) */
  assert_folds ("عام 2024", 0, "عام 2024");
}

static void
test_fold_persian_letters (void)
{
  assert_folds ("کرمان ایران", 0, "كرمان ايران");
}

static void
test_fold_invisible_controls (void)
{
  assert_folds ("بي\u200Cروت", 0, "بيروت");
  assert_folds ("\u200Fقال\u202B الرئيس\u202C\u2066", 0, "قال الرئيس");
  assert_folds ("ال\u061Cحكومة", 0, "الحكومه");
}

static void
test_fold_latin_and_ligature (void)
{
  assert_folds ("قالت Reuters", 0, "قالت reuters");
  assert_folds ("ﻻ", 0, "لا");
}

static void
test_fold_hamza_carriers (void)
{
  /* Kept by default, folded on request; a decomposed ؤ (و + hamza above)
   * behaves like the precomposed one both ways. */
  assert_folds ("مسؤول رئيس", 0, "مسؤول رئيس");
  assert_folds ("مسو\u0654ول", 0, "مسؤول");
  assert_folds ("مسؤول رئيس", ALAMA_ARABIC_FOLD_HAMZA_CARRIERS, "مسوول رييس");
  assert_folds ("مسو\u0654ول", ALAMA_ARABIC_FOLD_HAMZA_CARRIERS, "مسوول");
}

static void
test_map_vocalised (void)
{
  const char *text = "في الْكَرْمَلِين";
  g_autoptr(GArray) map = NULL;
  g_autofree char *norm = alama_arabic_normalize (text, 0, &map);
  const char *stem = strstr (norm, "كرملين");
  gint64 a, b;
  g_autofree char *original = NULL;

  g_assert_cmpstr (norm, ==, "في الكرملين");
  g_assert_cmpuint (map->len, ==, (guint) g_utf8_strlen (norm, -1) + 1);
  g_assert_cmpint (g_array_index (map, gint64, map->len - 1), ==, g_utf8_strlen (text, -1));

  /* Each kept letter maps to itself in the original. */
  for (guint i = 0; i + 1 < map->len; i++)
    {
      gunichar out = g_utf8_get_char (g_utf8_offset_to_pointer (norm, i));
      gint64 from = g_array_index (map, gint64, i);

      g_assert_cmpuint (out, ==, g_utf8_get_char (g_utf8_offset_to_pointer (text, from)));
      if (i > 0)
        g_assert_cmpint (from, >, g_array_index (map, gint64, i - 1));
    }

  /* A range of the normalised text maps back to the vocalised original. */
  a = g_array_index (map, gint64, g_utf8_pointer_to_offset (norm, stem));
  b = g_array_index (map, gint64, g_utf8_pointer_to_offset (norm, stem) + 6);
  original = alama_text_substring (text, a, b);
  g_assert_cmpstr (original, ==, "كَرْمَلِين");
}

static void
test_map_composition_and_ligature (void)
{
  /* و + hamza above composes into ؤ: both come from the و; the ligature ﻻ
   * gives two letters from one code point. */
  const char *text = "و\u0654 ﻻ ب";
  g_autoptr(GArray) map = NULL;
  g_autofree char *norm = alama_arabic_normalize (text, 0, &map);
  const gint64 expected[] = { 0, 2, 3, 3, 4, 5, 6 };

  g_assert_cmpstr (norm, ==, "ؤ لا ب");
  g_assert_cmpuint (map->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (g_array_index (map, gint64, i), ==, expected[i]);
}

static void
assert_splits (const char  *word,
               const guint *expected,
               guint        n_expected)
{
  g_autofree char *norm = alama_arabic_normalize (word, 0, NULL);
  g_autoptr(GArray) splits = alama_arabic_clitic_splits (norm);

  g_assert_cmpuint (splits->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpuint (g_array_index (splits, guint, i), ==, expected[i]);
}

static void
test_clitic_splits (void)
{
  const guint wa_putin[] = { 0, 1, 2 };          /* و+بوتين، وب+وتين */
  const guint bil_kremlin[] = { 0, 1, 3 };       /* ب+الكرملين، بال+كرملين */
  const guint lil_rais[] = { 0, 1, 2 };          /* ل+لرئيس، لل+رئيس */
  const guint wal_munazzama[] = { 0, 1, 3 };     /* و+المنظمة، وال+منظمة */
  const guint wabil_jaish[] = { 0, 1, 2, 4 };    /* و، وب، وبال */
  const guint short_word[] = { 0 };              /* no stem of two letters left */

  assert_splits ("وبوتين", wa_putin, G_N_ELEMENTS (wa_putin));
  assert_splits ("بالكرملين", bil_kremlin, G_N_ELEMENTS (bil_kremlin));
  assert_splits ("للرئيس", lil_rais, G_N_ELEMENTS (lil_rais));
  assert_splits ("والمنظمة", wal_munazzama, G_N_ELEMENTS (wal_munazzama));
  assert_splits ("وبالجيش", wabil_jaish, G_N_ELEMENTS (wabil_jaish));
  assert_splits ("ول", short_word, G_N_ELEMENTS (short_word));
}

static void
test_clitic_splits_stems (void)
{
  /* The longest split of each word leaves the bare stem. */
  const struct { const char *word; const char *stem; } cases[] = {
    { "وبوتين", "وتين" },      /* وب is a valid chain too; the search checks stems */
    { "بالكرملين", "كرملين" },
    { "للرئيس", "رئيس" },
    { "والمنظمة", "منظمه" },
    { "فللحكومة", "حكومه" },
    { "كالعادة", "عاده" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *norm = alama_arabic_normalize (cases[i].word, 0, NULL);
      g_autoptr(GArray) splits = alama_arabic_clitic_splits (norm);
      guint longest = g_array_index (splits, guint, splits->len - 1);

      g_assert_cmpuint (g_array_index (splits, guint, 0), ==, 0);
      g_assert_cmpstr (g_utf8_offset_to_pointer (norm, longest), ==, cases[i].stem);
    }
}

static void
test_certain_proclitics (void)
{
  const struct { const char *word; gint64 clitics; } cases[] = {
    { "وأذربيجان", 1 },
    { "وَأذربيجان", 2 },      /* the haraka goes with its clitic */
    { "فإسرائيل", 1 },
    { "وآخرون", 1 },
    { "ولأجل", 2 },            /* conjunction and preposition */
    { "بإمكان", 1 },
    { "وبوتين", 0 },            /* nothing certain: a و may begin a name */
    { "بالكرملين", 0 },         /* the article stays with the name */
    { "للأمم", 0 },             /* ل + الأمم: the article's lam is not a clitic */
    { "فأر", 0 },               /* a stem of two letters: the ف may be the word's own */
    { "بأن", 0 },
    { "أذربيجان", 0 },
    { "", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].word);
      g_assert_cmpint (alama_arabic_certain_proclitics (cases[i].word), ==, cases[i].clitics);
    }
}

static void
test_predicates (void)
{
  g_assert_true (alama_arabic_is_haraka (0x064E));   /* fatha */
  g_assert_true (alama_arabic_is_haraka (0x0670));
  g_assert_false (alama_arabic_is_haraka (0x0640));  /* tatweel is not a haraka */
  g_assert_false (alama_arabic_is_haraka (0x0627));
  g_assert_true (alama_arabic_is_arabic_letter (0x0628));
  g_assert_true (alama_arabic_is_arabic_letter (0x06A9));
  g_assert_false (alama_arabic_is_arabic_letter (0x0640));
  g_assert_false (alama_arabic_is_arabic_letter (0x0662));  /* a digit */
  g_assert_false (alama_arabic_is_arabic_letter ('a'));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/arabic/fold-harakat", test_fold_harakat);
  g_test_add_func ("/alama/arabic/fold-tatweel", test_fold_tatweel);
  g_test_add_func ("/alama/arabic/fold-alef-forms", test_fold_alef_forms);
  g_test_add_func ("/alama/arabic/fold-ta-marbuta-alef-maqsura", test_fold_ta_marbuta_alef_maqsura);
  g_test_add_func ("/alama/arabic/fold-digits", test_fold_digits);
  g_test_add_func ("/alama/arabic/fold-persian-letters", test_fold_persian_letters);
  g_test_add_func ("/alama/arabic/fold-invisible-controls", test_fold_invisible_controls);
  g_test_add_func ("/alama/arabic/fold-latin-ligature", test_fold_latin_and_ligature);
  g_test_add_func ("/alama/arabic/fold-hamza-carriers", test_fold_hamza_carriers);
  g_test_add_func ("/alama/arabic/map-vocalised", test_map_vocalised);
  g_test_add_func ("/alama/arabic/map-composition-ligature", test_map_composition_and_ligature);
  g_test_add_func ("/alama/arabic/clitic-splits", test_clitic_splits);
  g_test_add_func ("/alama/arabic/clitic-splits-stems", test_clitic_splits_stems);
  g_test_add_func ("/alama/arabic/certain-proclitics", test_certain_proclitics);
  g_test_add_func ("/alama/arabic/predicates", test_predicates);

  return g_test_run ();
}
