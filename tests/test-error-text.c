/* test-error-text.c: alama-error-text.h. Every (domain, code) the core reports
 * has a sentence for the user, in the user's language (the build tree's
 * compiled po/ar.po, through ALAMA_LOCALEDIR), that keeps the core's details
 * where they help; an error this module does not know keeps its message.
 * Linked with the GUI library but needs no display: core suite. */
#define G_LOG_DOMAIN "test-error-text"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include <alama/alama-export.h>
#include <alama/alama-import.h>
#include <alama/alama-schema.h>
#include <alama/alama-search.h>
#include <alama/alama-store.h>
#include <alama/alama-tagger.h>
#include <alama/alama-text.h>

#include "alama-error-text.h"

/* The core's error domains, each with its last code: every code from 0 up to
 * it must have a sentence. */
typedef struct
{
  const char  *name;
  GQuark     (*domain) (void);
  int          last_code;
} Domain;

static const Domain domains[] = {
  { "store",  alama_store_error_quark,  ALAMA_STORE_ERROR_DAMAGED },
  { "import", alama_import_error_quark, ALAMA_IMPORT_ERROR_NOT_ALLOWED },
  { "export", alama_export_error_quark, ALAMA_EXPORT_ERROR_NOT_EMPTY },
  { "tagger", alama_tagger_error_quark, ALAMA_TAGGER_ERROR_TIMED_OUT },
  { "search", alama_search_error_quark, ALAMA_SEARCH_ERROR_FAILED },
  { "schema", alama_schema_error_quark, ALAMA_SCHEMA_ERROR_DUPLICATE },
  { "text",   alama_text_error_quark,   ALAMA_TEXT_ERROR_ICU },
};

/* What the core would say: the file and the line. */
#define DETAIL "news.jsonl: line 7: not valid JSON"

static gboolean
has_arabic (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0621 && c <= 0x064A)
        return TRUE;
    }
  return FALSE;
}

/* Errors with nothing to point at: a cancel, nothing to undo. */
static gboolean
is_without_details (GQuark domain,
                    int    code)
{
  return (domain == ALAMA_STORE_ERROR && code == ALAMA_STORE_ERROR_NOTHING_TO_UNDO) ||
         (domain == ALAMA_IMPORT_ERROR && code == ALAMA_IMPORT_ERROR_CANCELLED) ||
         (domain == ALAMA_EXPORT_ERROR && code == ALAMA_EXPORT_ERROR_CANCELLED) ||
         (domain == ALAMA_TAGGER_ERROR && code == ALAMA_TAGGER_ERROR_CANCELLED);
}

static void
use_english (void)
{
  g_unsetenv ("LANGUAGE");
  g_assert_nonnull (setlocale (LC_ALL, "C"));
}

static gboolean
use_arabic (void)
{
  if (setlocale (LC_ALL, "ar_EG.UTF-8") == NULL)
    {
      if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
        g_test_fail_printf ("the ar_EG.UTF-8 locale is not installed (CI=true: a failure)");
      else
        g_test_skip ("the ar_EG.UTF-8 locale is not installed");
      return FALSE;
    }
  g_setenv ("LANGUAGE", "ar", TRUE);
  return TRUE;
}

static void
test_every_code_has_a_sentence (void)
{
  use_english ();
  for (guint d = 0; d < G_N_ELEMENTS (domains); d++)
    for (int code = 0; code <= domains[d].last_code; code++)
      {
        g_autoptr(GError) error = g_error_new_literal (domains[d].domain (), code, DETAIL);
        g_autofree char *text = alama_error_text_dup (error);

        g_test_message ("%s %d: %s", domains[d].name, code, text);
        g_assert_nonnull (text);
        g_assert_cmpstr (text, !=, "");
        g_assert_cmpstr (text, !=, DETAIL);
        if (!is_without_details (domains[d].domain (), code))
          g_assert_nonnull (strstr (text, DETAIL));
      }
}

static void
test_arabic (void)
{
  if (!use_arabic ())
    return;

  for (guint d = 0; d < G_N_ELEMENTS (domains); d++)
    for (int code = 0; code <= domains[d].last_code; code++)
      {
        g_autoptr(GError) error = g_error_new_literal (domains[d].domain (), code, DETAIL);
        g_autofree char *text = alama_error_text_dup (error);

        g_test_message ("%s %d: %s", domains[d].name, code, text);
        g_assert_true (has_arabic (text));
        /* The core's details (which file, which line) are kept. */
        if (!is_without_details (domains[d].domain (), code))
          g_assert_nonnull (strstr (text, DETAIL));
      }

  {
    g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE, DETAIL);
    g_autofree char *text = alama_error_text_dup (error);

    g_assert_true (has_arabic (text));
    g_assert_nonnull (strstr (text, DETAIL));
  }

  use_english ();
}

static void
test_unknown_keeps_the_message (void)
{
  GQuark other = g_quark_from_static_string ("test-error-text-other-error");
  struct { GQuark domain; int code; } unknown[] = {
    { ALAMA_STORE_ERROR, ALAMA_STORE_ERROR_DAMAGED + 100 },
    { ALAMA_IMPORT_ERROR, -1 },
    { G_IO_ERROR, G_IO_ERROR_FAILED },
    { other, 0 },
  };

  for (gboolean arabic = FALSE; arabic <= TRUE; arabic++)
    {
      if (arabic && !use_arabic ())
        break;
      for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
        {
          g_autoptr(GError) error = g_error_new_literal (unknown[i].domain, unknown[i].code, DETAIL);
          g_autofree char *text = alama_error_text_dup (error);

          g_assert_cmpstr (text, ==, DETAIL);
        }
    }
  use_english ();
}

static void
test_in_place (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  const char *text;

  use_english ();
  error = g_error_new_literal (ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE, DETAIL);
  expected = alama_error_text_dup (error);
  text = alama_error_text (error);
  /* Lives as long as the error, like error->message at the call sites. */
  g_assert_true (text == error->message);
  g_assert_cmpstr (text, ==, expected);
  g_assert_nonnull (strstr (text, DETAIL));
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("ALAMA_LOCALEDIR");

  g_test_init (&argc, &argv, NULL);
  /* As app/main.c does: the GUI's _() reads the default text domain. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/alama/error-text/every-code-has-a-sentence", test_every_code_has_a_sentence);
  g_test_add_func ("/alama/error-text/arabic", test_arabic);
  g_test_add_func ("/alama/error-text/unknown-keeps-the-message", test_unknown_keeps_the_message);
  g_test_add_func ("/alama/error-text/in-place", test_in_place);
  return g_test_run ();
}
