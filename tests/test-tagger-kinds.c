/* test-tagger-kinds.c: the kinds of mistakes an analyst met when reviewing the rule
 * taggers' suggestions on unseen articles, each on sentences written for this
 * test (not taken from the gold articles): a QUOTE across a paragraph break, a
 * country chosen as speaker where a person is named, a nationality adjective as
 * SPEAKER or GPE, two statements merged into one QUOTE, اتهم with clitics not
 * proposed as a CLAIM, a name in quotation marks taken for a quote, a speaker
 * left out where the verb continues the previous speaker, boilerplate tagged. */
#define G_LOG_DOMAIN "test-tagger-kinds"

#include "config.h"

#include <string.h>

#include "alama/alama.h"

typedef struct
{
  const char *quote;     /* a QUOTE's exact text */
  const char *speaker;   /* its SPEAKER's exact text, or NULL for "any or none" */
} QuotePair;

typedef struct
{
  const char       *name;
  const char       *tagger;             /* "quotes", "claims" or "gazetteer" */
  const char       *text;
  const char       *entries[6];         /* gazetteer lines: surface \t LABEL [\t canonical] */
  QuotePair         quotes[4];          /* must be proposed (QUOTE or CLAIM for claims) */
  const char       *not_in_quote;       /* no QUOTE/CLAIM contains this text */
  const char       *not_speaker;        /* no SPEAKER/CLAIMANT overlaps this text (its first
                                         * occurrence) */
  const char       *not_gpe;            /* no GPE span overlaps this text (first occurrence) */
  guint             n_quotes;           /* exact number of QUOTE (or CLAIM) spans, 0 = any */
} KindCase;

static const KindCase cases[] = {
  { "quote-stops-at-paragraph-break", "quotes",
    "قال الوزير «سنواصل العمل على الخطة\n\nوفي خبر آخر، افتتح المعرض» أبوابه اليوم.",
    { NULL }, { { NULL } }, "\n", NULL, NULL, 0 },
  { "person-before-country", "quotes",
    "وقالت فرنسا على لسان وزيرها جان مارتان إن القمة ستعقد في موعدها.",
    { "فرنسا\tGPE", "جان مارتان\tPER", NULL },
    { { "القمة ستعقد في موعدها", "جان مارتان" } }, NULL, NULL, NULL, 0 },
  { "nationality-adjective-never-speaker", "quotes",
    "وقال مسؤول في الحكومة التركية إن المحادثات ستستأنف الأسبوع المقبل.",
    { "تركية\tGPE\tتركيا", NULL },
    { { "المحادثات ستستأنف الأسبوع المقبل", NULL } }, NULL, "التركية", NULL, 0 },
  { "nationality-adjective-never-gpe", "gazetteer",
    "وصلت الطائرة الأرمينية إلى مطار تسكنه غالبية أرمينية، ثم عادت إلى أرمينية.",
    { "أرمينية\tGPE\tأرمينيا", NULL },
    { { NULL } }, NULL, NULL, "الأرمينية", 0 },
  { "nationality-adjective-after-feminine-noun", "gazetteer",
    "تسكن المدينة غالبية أرمينية منذ قرون.",
    { "أرمينية\tGPE\tأرمينيا", NULL },
    { { NULL } }, NULL, NULL, "أرمينية", 0 },
  { "boilerplate-line-not-tagged", "gazetteer",
    "Please enable JavaScript to read Jordan Times\n"
    "زار الملك العاصمة عمّان أمس واستقبل وفوداً من المحافظات الجنوبية والشمالية.",
    { "Jordan\tGPE", "عمان\tGPE", NULL },
    { { NULL } }, NULL, NULL, "Jordan", 0 },
  { "participle-starts-second-statement", "quotes",
    "وقال الوزير سامي حداد إن المحادثات صعبة، مضيفاً أن الحل ما زال ممكناً.",
    { "سامي حداد\tPER", NULL },
    { { "المحادثات صعبة", "سامي حداد" }, { "الحل ما زال ممكناً", "سامي حداد" } },
    NULL, NULL, NULL, 2 },
  { "accusation-ends-a-quote", "quotes",
    "قال الرئيس إن الاتفاق بات قريباً، فيما اتهم وزير الدفاع الطرف الآخر بخرق الهدنة.",
    { NULL }, { { "الاتفاق بات قريباً", NULL } }, "اتهم", NULL, NULL, 1 },
  { "name-in-marks-is-no-quote", "quotes",
    "وقال مراسل \"الشروق\" إن الوضع هادئ في المدينة.",
    { NULL }, { { "الوضع هادئ في المدينة", NULL } }, "الشروق", NULL, NULL, 1 },
  { "agency-in-marks-is-no-quote", "quotes",
    "وأفاد المتحدث، كما نقلت عنه «وكالة الأنباء الوطنية»، بأن «الطريق أعيد فتحه أمام المسافرين».",
    { NULL }, { { "الطريق أعيد فتحه أمام المسافرين", NULL } }, "وكالة", NULL, NULL, 1 },
  { "quotation-inside-indirect-speech", "quotes",
    "وأضاف أن الهدف هو \"حماية المدنيين\" وإعادة الخدمات إلى الأحياء.",
    { NULL }, { { "الهدف هو \"حماية المدنيين\" وإعادة الخدمات إلى الأحياء", NULL } },
    NULL, NULL, NULL, 1 },
  { "dropped-subject-continues-speaker", "quotes",
    "وقال الوزير كريم سالم إن الحدود آمنة. وأضاف أن الجيش مستعد لكل الاحتمالات.",
    { "كريم سالم\tPER", NULL },
    { { "الحدود آمنة", "كريم سالم" }, { "الجيش مستعد لكل الاحتمالات", "كريم سالم" } },
    NULL, NULL, NULL, 2 },
  { "accusation-with-clitics-is-claim", "claims",
    "واتهمها المتحدث بعرقلة المفاوضات منذ أشهر.",
    { NULL }, { { "بعرقلة المفاوضات منذ أشهر", NULL } }, NULL, NULL, NULL, 1 },
  { "plural-verb-is-no-participle", "claims",
    "أعضاء حزب الوسط نفوا أن يكون الحزب قد شارك في الاحتجاجات.",
    { "حزب الوسط\tORG", NULL },
    { { "يكون الحزب قد شارك في الاحتجاجات", "حزب الوسط" } }, NULL, NULL, NULL, 1 },
  { "accusation-participle-is-claim", "claims",
    "وانسحب الوفد من الجلسة متهماً الوسطاء بالانحياز إلى الطرف الآخر.",
    { NULL }, { { "بالانحياز إلى الطرف الآخر", NULL } }, NULL, NULL, NULL, 1 },
};

static gboolean
span_is (const char      *text,
         AlamaTextIndex  *index,
         const AlamaSpan *span,
         const char      *surface)
{
  g_autofree char *got = alama_text_index_substring (index, alama_span_get_start (span),
                                                     alama_span_get_end (span));

  (void) text;
  return g_strcmp0 (got, surface) == 0;
}

/* Whether @span shares a character with the first occurrence of @needle. */
static gboolean
overlaps_text (const char      *text,
               const AlamaSpan *span,
               const char      *needle)
{
  const char *at = strstr (text, needle);
  gint64 start, end;

  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (text, at);
  end = start + g_utf8_strlen (needle, -1);
  return alama_span_get_start (span) < end && start < alama_span_get_end (span);
}

static void
test_kind (gconstpointer data)
{
  const KindCase *kind = data;
  g_autoptr(AlamaGazetteer) gazetteer = alama_gazetteer_new ();
  g_autoptr(AlamaSchema) schema = alama_schema_new_default ();
  g_autoptr(GPtrArray) existing = g_ptr_array_new ();
  g_autoptr(AlamaTextIndex) index = alama_text_index_new (kind->text);
  g_autoptr(AlamaTagger) tagger = NULL;
  g_autoptr(AlamaTaggerProposals) proposals = NULL;
  g_autoptr(GError) error = NULL;
  AlamaTaggerInput input = { kind->text, index, schema, existing };
  const char *span_label = g_str_equal (kind->tagger, "claims") ? "CLAIM" : "QUOTE";
  const char *relation = g_str_equal (kind->tagger, "claims") ? "CLAIMANT" : "SPEAKER";
  guint n_quotes = 0;

  for (guint i = 0; kind->entries[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (kind->entries[i], "\t", 3);

      alama_gazetteer_add_entry (gazetteer, fields[0], fields[1], fields[2], FALSE);
    }
  tagger = alama_tagger_new_by_name (kind->tagger, NULL, gazetteer, &error);
  g_assert_no_error (error);
  proposals = alama_tagger_propose (tagger, &input);

  for (guint i = 0; i < proposals->spans->len; i++)
    {
      AlamaSpan *span = g_ptr_array_index (proposals->spans, i);
      g_autofree char *got = alama_text_index_substring (index, alama_span_get_start (span),
                                                         alama_span_get_end (span));

      g_test_message ("%s [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") %s", span->label,
                      alama_span_get_start (span), alama_span_get_end (span), got);
      if (g_str_equal (span->label, span_label))
        {
          n_quotes++;
          if (kind->not_in_quote != NULL)
            g_assert_null (strstr (got, kind->not_in_quote));
        }
      if (kind->not_gpe != NULL && g_str_equal (span->label, "GPE"))
        g_assert_false (overlaps_text (kind->text, span, kind->not_gpe));
    }

  for (guint i = 0; i < proposals->relations->len; i++)
    {
      const AlamaTaggerRelation *r = &g_array_index (proposals->relations, AlamaTaggerRelation, i);
      AlamaSpan *from = g_ptr_array_index (proposals->spans, r->from);

      if (kind->not_speaker != NULL && g_str_equal (r->type, relation))
        g_assert_false (overlaps_text (kind->text, from, kind->not_speaker));
    }

  for (guint q = 0; q < G_N_ELEMENTS (kind->quotes) && kind->quotes[q].quote != NULL; q++)
    {
      gint found = -1;

      for (guint i = 0; i < proposals->spans->len && found < 0; i++)
        {
          AlamaSpan *span = g_ptr_array_index (proposals->spans, i);

          if (g_str_equal (span->label, span_label) &&
              span_is (kind->text, index, span, kind->quotes[q].quote))
            found = (gint) i;
        }
      g_assert_cmpint (found, >=, 0);
      if (kind->quotes[q].speaker != NULL)
        {
          gboolean linked = FALSE;

          for (guint i = 0; i < proposals->relations->len && !linked; i++)
            {
              const AlamaTaggerRelation *r = &g_array_index (proposals->relations,
                                                             AlamaTaggerRelation, i);

              linked = g_str_equal (r->type, relation) && r->to == (guint) found &&
                       span_is (kind->text, index, g_ptr_array_index (proposals->spans, r->from),
                                kind->quotes[q].speaker);
            }
          g_assert_true (linked);
        }
    }

  if (kind->n_quotes > 0)
    g_assert_cmpuint (n_quotes, ==, kind->n_quotes);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/alama/tagger-kinds/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_kind);
    }
  return g_test_run ();
}
