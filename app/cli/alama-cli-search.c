/* alama-cli-search.c: `alama search PROJECT QUERY [options]`.
 *
 * Without annotation filters, QUERY is looked for in the documents' text (see
 * alama-search.h for what matching ignores). With --label, --status, --source,
 * --annotator, --attr or --related it finds annotations instead, and QUERY (if
 * given) must occur in their covered text.
 */
#define G_LOG_DOMAIN "alama-cli-search"

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include <json-glib/json-glib.h>

#include <alama/alama-search.h>
#include <alama/alama-store.h>

#include "alama-cli.h"
#include "alama-cli-common.h"

/* Printed through _(): translated when shown. */
static const char *const usage =
  N_("Usage: alama search PROJECT [QUERY] [options]\n"
     "\n"
     "Find QUERY in the documents of PROJECT. Matching ignores harakat, tatweel,\n"
     "alef forms, ة/ه, ى/ي and Arabic-Indic digits, and finds a word behind the\n"
     "clitics و ف ب ل ك ال. Several words are a phrase. Offsets are code points.\n"
     "\n"
     "  --exact              match the characters as typed, whole words only\n"
     "  --json               print one JSON array of hits\n"
     "  --limit N            stop after N hits (default: all)\n"
     "  --update-index       index the documents not indexed yet first (those of a\n"
     "                       project from an older version, or imported in the workbench)\n"
     "\n"
     "Annotation search (QUERY, if given, must occur in the covered text):\n"
     "  --label L            annotations with label L\n"
     "  --status S           accepted, pending or rejected (repeatable, or a,b)\n"
     "  --source S           made by S (\"manual\" or a tagger's name)\n"
     "  --annotator A        made by annotator A\n"
     "  --attr NAME=VALUE    with this attribute value (repeatable)\n"
     "  --related TYPE=TEXT  with a TYPE relation to a span whose text contains TEXT\n"
     "                       (repeatable), e.g. --label CLAIM --related CLAIMANT=علييف\n"
     "  -h, --help           show this help\n");

typedef struct
{
  const char *project;
  const char *query;
  gboolean    json;
  gboolean    exact;
  gboolean    update_index;
  guint       limit;
  const char *label;
  const char *source;
  const char *annotator;
  AlamaStatusMask statuses;
  GPtrArray  *attributes;   /* borrowed argv strings, NULL-terminated */
  GPtrArray  *related;
} Options;

static int
usage_error (const char *message,
             const char *argument)
{
  fprintf (stderr, "alama search: ");
  fprintf (stderr, message, argument);
  fprintf (stderr, "\n\n%s", _(usage));
  return 2;
}

static gboolean
parse_statuses (const char      *value,
                AlamaStatusMask *mask)
{
  g_auto(GStrv) names = g_strsplit (value, ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      AlamaStatus status;

      if (!alama_status_from_string (g_strstrip (names[i]), &status))
        return FALSE;
      *mask |= 1 << status;
    }
  return TRUE;
}

/* Returns -1 when parsing went fine, else the exit status. */
static int
parse_options (int      argc,
               char   **argv,
               Options *o)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = i + 1 < argc ? argv[i + 1] : NULL;
      gboolean takes_value = FALSE;

      if (strcmp (arg, "-h") == 0 || strcmp (arg, "--help") == 0)
        {
          fputs (_(usage), stdout);
          return 0;
        }
      else if (strcmp (arg, "--json") == 0)
        o->json = TRUE;
      else if (strcmp (arg, "--update-index") == 0)
        o->update_index = TRUE;
      else if (strcmp (arg, "--exact") == 0)
        o->exact = TRUE;
      else if (strcmp (arg, "--limit") == 0 || strcmp (arg, "--label") == 0 ||
               strcmp (arg, "--status") == 0 || strcmp (arg, "--source") == 0 ||
               strcmp (arg, "--annotator") == 0 || strcmp (arg, "--attr") == 0 ||
               strcmp (arg, "--related") == 0)
        {
          char *end = NULL;
          gint64 n;

          if (value == NULL)
            return usage_error (_("%s needs a value"), arg);
          takes_value = TRUE;

          if (strcmp (arg, "--limit") == 0)
            {
              n = g_ascii_strtoll (value, &end, 10);
              if (end == value || *end != '\0' || n < 0 || n > G_MAXUINT)
                return usage_error (_("--limit needs a number, not “%s”"), value);
              o->limit = (guint) n;
            }
          else if (strcmp (arg, "--label") == 0)
            o->label = value;
          else if (strcmp (arg, "--source") == 0)
            o->source = value;
          else if (strcmp (arg, "--annotator") == 0)
            o->annotator = value;
          else if (strcmp (arg, "--status") == 0)
            {
              if (!parse_statuses (value, &o->statuses))
                return usage_error (_("unknown status “%s” (accepted, pending, rejected)"), value);
            }
          else if (strcmp (arg, "--attr") == 0)
            g_ptr_array_insert (o->attributes, o->attributes->len - 1, (gpointer) value);
          else
            g_ptr_array_insert (o->related, o->related->len - 1, (gpointer) value);
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        return usage_error (_("unknown option %s"), arg);
      else if (o->project == NULL)
        o->project = arg;
      else if (o->query == NULL)
        o->query = arg;
      else
        return usage_error (_("unexpected argument “%s” (quote a phrase)"), arg);

      if (takes_value)
        i++;
    }

  if (o->project == NULL)
    return usage_error ("%s", _("no project given"));
  return -1;
}

static gboolean
is_annotation_search (const Options *o)
{
  return o->label != NULL || o->source != NULL || o->annotator != NULL || o->statuses != 0 ||
         o->attributes->len > 1 || o->related->len > 1;
}

static void
print_json (GPtrArray *hits)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < hits->len; i++)
    {
      const AlamaSearchHit *hit = g_ptr_array_index (hits, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "document");
      json_builder_add_string_value (builder, hit->document_name);
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, hit->start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, hit->end);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, hit->text);
      json_builder_set_member_name (builder, "context");
      json_builder_add_string_value (builder, hit->context);
      if (hit->span_id != 0)
        {
          json_builder_set_member_name (builder, "span");
          json_builder_add_int_value (builder, hit->span_id);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, hit->label);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/* One line per hit: where, what, and the context with newlines flattened. */
static void
print_text (GPtrArray *hits)
{
  for (guint i = 0; i < hits->len; i++)
    {
      const AlamaSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *context = g_strdup (hit->context);

      g_strdelimit (context, "\r\n\t", ' ');
      if (hit->label != NULL)
        printf ("%s:%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ": [%s] %s\t%s\n",
                hit->document_name, hit->start, hit->end, hit->label, hit->text, context);
      else
        printf ("%s:%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ": %s\t%s\n",
                hit->document_name, hit->start, hit->end, hit->text, context);
    }
}

int
alama_cli_search (int argc, char **argv)
{
  g_autoptr(GPtrArray) attributes = g_ptr_array_new ();
  g_autoptr(GPtrArray) related = g_ptr_array_new ();
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  Options o = { 0, };
  int status;

  g_ptr_array_add (attributes, NULL);
  g_ptr_array_add (related, NULL);
  o.attributes = attributes;
  o.related = related;

  status = parse_options (argc, argv, &o);
  if (status >= 0)
    return status;

  if (!is_annotation_search (&o) && o.query == NULL)
    return usage_error ("%s", _("no query given"));

  store = alama_cli_open_for_reading (o.project, &error);
  if (store == NULL)
    {
      alama_cli_print_error ("search", error);
      return 1;
    }

  if (is_annotation_search (&o))
    {
      AlamaAnnotationQuery q = {
        .label = o.label,
        .statuses = o.statuses,
        .source = o.source,
        .annotator = o.annotator,
        .text = o.query,
        .attributes = (const char * const *) attributes->pdata,
        .related = (const char * const *) related->pdata,
        .limit = o.limit,
      };

      hits = alama_search_annotations (store, &q, &error);
    }
  else if (o.update_index && !alama_search_update_index (store, NULL, &error))
    {
      alama_cli_print_error ("search", error);
      return 1;
    }
  else
    {
      gint64 n_unindexed;

      hits = alama_search_text (store, o.query,
                                o.exact ? ALAMA_SEARCH_EXACT : ALAMA_SEARCH_DEFAULT,
                                o.limit, NULL, &error);
      n_unindexed = hits != NULL ? alama_search_count_unindexed (store, NULL) : 0;
      if (n_unindexed > 0)
        fprintf (stderr, _("alama search: %" PRId64 " documents are not indexed yet and "
                           "were not searched (alama search --update-index indexes them)\n"), n_unindexed);
    }

  if (hits == NULL)
    {
      alama_cli_print_error ("search", error);
      return g_error_matches (error, ALAMA_SEARCH_ERROR, ALAMA_SEARCH_ERROR_INVALID_QUERY) ? 2 : 1;
    }

  if (o.json)
    print_json (hits);
  else
    print_text (hits);

  return 0;
}
