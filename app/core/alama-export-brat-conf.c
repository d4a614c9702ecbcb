/* alama-export-brat-conf.c: annotation.conf for a brat export.
 *
 * brat's checker (verify_annotations.py) refuses every type, role and
 * attribute its annotation.conf does not declare, and every argument count or
 * argument type it does not allow. The schema holds the labels, relation types
 * and attributes Alama knows; the .ann files may hold more, kept from an
 * imported brat file (events, modifications, equivalences, relations between
 * events) or imported with --add-labels. So the conf is written from the
 * schema and from the .ann files as the export wrote them:
 *
 * - a T label goes under [entities], or under [events] when it is an event
 *   label of the schema or an E line of that type uses the T as its trigger
 *   (brat keeps triggers apart from entities);
 * - each event type lists the roles its events use, numbered roles ("Theme2")
 *   folded into one ("Theme"), each with the types of the arguments seen and
 *   with '?', '+' or '*' from the least and most arguments of that role one
 *   event has; a relation type used only as a role is not a relation;
 * - an equivalence type ("*\tEquiv T1 T2") is a symmetric-transitive relation
 *   between the types of its members;
 * - an attribute or modification applies to the types it was seen on, with
 *   the values seen.
 */
#define G_LOG_DOMAIN "alama-export-brat"

#include "config.h"

#include <string.h>

#include "alama-compare-private.h"
#include "alama-export-brat-conf-private.h"
#include "alama-export-private.h"

/* ---- Names in first-seen order -------------------------------------------------- */

typedef struct
{
  GPtrArray  *items;   /* char*, owned */
  GHashTable *index;   /* borrowed keys of items */
} NameSet;

static NameSet *
name_set_new (void)
{
  NameSet *set = g_new0 (NameSet, 1);

  set->items = g_ptr_array_new_with_free_func (g_free);
  set->index = g_hash_table_new (g_str_hash, g_str_equal);
  return set;
}

static void
name_set_free (NameSet *set)
{
  if (set == NULL)
    return;
  g_hash_table_unref (set->index);
  g_ptr_array_unref (set->items);
  g_free (set);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NameSet, name_set_free)

static gboolean
name_set_contains (NameSet    *set,
                   const char *name)
{
  return g_hash_table_contains (set->index, name);
}

static void
name_set_add (NameSet    *set,
              const char *name)
{
  char *copy;

  if (name == NULL || name[0] == '\0' || name_set_contains (set, name))
    return;
  copy = g_strdup (name);
  g_ptr_array_add (set->items, copy);
  g_hash_table_add (set->index, copy);
}

/* Names keyed to what is known about them, in first-seen order. */
typedef struct
{
  NameSet    *names;
  GHashTable *values;   /* name -> gpointer, owned */
} NameMap;

static void
name_map_init (NameMap        *map,
               GDestroyNotify  free_value)
{
  map->names = name_set_new ();
  map->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_value);
}

static void
name_map_clear (NameMap *map)
{
  name_set_free (map->names);
  g_hash_table_unref (map->values);
}

static gpointer
name_map_get (NameMap        *map,
              const char     *name,
              gpointer      (*make) (void))
{
  gpointer value = g_hash_table_lookup (map->values, name);

  if (value == NULL)
    {
      value = make ();
      name_set_add (map->names, name);
      g_hash_table_insert (map->values, g_strdup (name), value);
    }
  return value;
}

/* Two lists of types: a relation's two ends, an attribute's types and values,
 * an equivalence's members (first only). */
typedef struct
{
  NameSet *first;
  NameSet *second;
} TwoSets;

static gpointer
two_sets_new (void)
{
  TwoSets *sets = g_new0 (TwoSets, 1);

  sets->first = name_set_new ();
  sets->second = name_set_new ();
  return sets;
}

static void
two_sets_free (TwoSets *sets)
{
  name_set_free (sets->first);
  name_set_free (sets->second);
  g_free (sets);
}

typedef struct
{
  NameSet *arg_types;
  guint    min;        /* fewest arguments of this role one event has */
  guint    max;
} Role;

static void
role_free (Role *role)
{
  name_set_free (role->arg_types);
  g_free (role);
}

typedef struct
{
  NameMap roles;       /* base role name -> Role */
  guint   n_events;
} EventType;

static gpointer
event_type_new (void)
{
  EventType *type = g_new0 (EventType, 1);

  name_map_init (&type->roles, (GDestroyNotify) role_free);
  return type;
}

static void
event_type_free (EventType *type)
{
  name_map_clear (&type->roles);
  g_free (type);
}

struct _AlamaBratConf
{
  NameSet *entity_types;
  NameMap  event_types;   /* -> EventType */
  NameSet *roles;         /* role names as E lines write them ("Theme2") */
  NameMap  relations;     /* -> TwoSets: Arg1 types, Arg2 types */
  NameMap  equivs;        /* -> TwoSets: member types */
  NameMap  attributes;    /* -> TwoSets: types, values other than binary */
};

AlamaBratConf *
_alama_brat_conf_new (void)
{
  AlamaBratConf *conf = g_new0 (AlamaBratConf, 1);

  conf->entity_types = name_set_new ();
  conf->roles = name_set_new ();
  name_map_init (&conf->event_types, (GDestroyNotify) event_type_free);
  name_map_init (&conf->relations, (GDestroyNotify) two_sets_free);
  name_map_init (&conf->equivs, (GDestroyNotify) two_sets_free);
  name_map_init (&conf->attributes, (GDestroyNotify) two_sets_free);
  return conf;
}

void
_alama_brat_conf_free (AlamaBratConf *conf)
{
  if (conf == NULL)
    return;
  name_set_free (conf->entity_types);
  name_set_free (conf->roles);
  name_map_clear (&conf->event_types);
  name_map_clear (&conf->relations);
  name_map_clear (&conf->equivs);
  name_map_clear (&conf->attributes);
  g_free (conf);
}

/* ---- Reading one .ann ------------------------------------------------------------ */

/* "Theme2" -> "Theme", as brat reads numbered roles. */
static char *
base_role (const char *role)
{
  gsize len = strlen (role);

  while (len > 0 && g_ascii_isdigit (role[len - 1]))
    len--;
  return g_strndup (role, len);
}

/* The id's type: a T's label or an E's event type; NULL for an id not in the file. */
static const char *
type_of (GHashTable *types,
         const char *id)
{
  return g_hash_table_lookup (types, id);
}

/* E1<TAB>Type:T1 Role:ID Role2:ID ... */
static void
add_event (AlamaBratConf *conf,
           GHashTable    *types,
           char         **parts)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *colon = strchr (parts[0], ':');
  g_autofree char *name = g_strndup (parts[0], colon - parts[0]);
  EventType *type = name_map_get (&conf->event_types, name, event_type_new);
  GHashTableIter iter;
  gpointer key, value;

  type->n_events++;
  for (guint i = 1; parts[i] != NULL; i++)
    {
      const char *arg_colon = strchr (parts[i], ':');
      g_autofree char *role_name = NULL;
      const char *arg_type;
      Role *role;

      if (arg_colon == NULL)
        continue;
      role_name = g_strndup (parts[i], arg_colon - parts[i]);
      name_set_add (conf->roles, role_name);
      {
        char *base = base_role (role_name);

        g_free (role_name);
        role_name = base;
      }
      role = g_hash_table_lookup (type->roles.values, role_name);
      if (role == NULL)
        {
          role = g_new0 (Role, 1);
          role->arg_types = name_set_new ();
          /* A role first seen now was missing from every earlier event. */
          role->min = type->n_events > 1 ? 0 : G_MAXUINT;
          name_set_add (type->roles.names, role_name);
          g_hash_table_insert (type->roles.values, g_strdup (role_name), role);
        }
      if ((arg_type = type_of (types, arg_colon + 1)) != NULL)
        name_set_add (role->arg_types, arg_type);
      g_hash_table_insert (counts, g_strdup (role_name),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, role_name)) + 1));
    }

  g_hash_table_iter_init (&iter, type->roles.values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Role *role = value;
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      role->min = MIN (role->min, count);
      role->max = MAX (role->max, count);
    }
}

/* R1<TAB>Type Arg1:ID Arg2:ID, the two in either order. */
static void
add_relation (AlamaBratConf *conf,
              GHashTable    *types,
              char         **parts)
{
  TwoSets *ends;
  const char *args[2] = { NULL, NULL };

  for (guint i = 1; parts[i] != NULL; i++)
    {
      const char *colon = strchr (parts[i], ':');
      guint which;

      if (colon == NULL)
        continue;
      if (g_str_has_prefix (parts[i], "Arg1:"))
        which = 0;
      else if (g_str_has_prefix (parts[i], "Arg2:"))
        which = 1;
      else
        which = args[0] == NULL ? 0 : 1;
      args[which] = colon + 1;
    }
  if (args[0] == NULL || args[1] == NULL)
    return;
  ends = name_map_get (&conf->relations, parts[0], two_sets_new);
  name_set_add (ends->first, type_of (types, args[0]));
  name_set_add (ends->second, type_of (types, args[1]));
}

static void
read_lines (AlamaBratConf *conf,
            char         **lines)
{
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) triggers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* The types of every T and E first: lines may refer to later ones. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);
      g_auto(GStrv) parts = NULL;
      const char *colon;

      if (fields[0] == NULL || fields[1] == NULL)
        continue;
      parts = g_strsplit (fields[1], " ", -1);
      if (parts[0] == NULL || parts[0][0] == '\0')
        continue;
      if (fields[0][0] == 'T')
        g_hash_table_insert (types, g_strdup (fields[0]), g_strdup (parts[0]));
      else if (fields[0][0] == 'E' && (colon = strchr (parts[0], ':')) != NULL)
        {
          g_hash_table_insert (types, g_strdup (fields[0]), g_strndup (parts[0], colon - parts[0]));
          g_hash_table_insert (triggers, g_strdup (colon + 1), g_strndup (parts[0], colon - parts[0]));
        }
    }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);
      g_auto(GStrv) parts = NULL;

      if (fields[0] == NULL || fields[1] == NULL)
        continue;
      parts = g_strsplit (fields[1], " ", -1);
      if (parts[0] == NULL || parts[0][0] == '\0')
        continue;

      switch (fields[0][0])
        {
        case 'T':
          /* A trigger of another label than its event's type is not brat's
           * own doing: its label stays an entity type. */
          if (g_strcmp0 (g_hash_table_lookup (triggers, fields[0]), parts[0]) == 0)
            name_map_get (&conf->event_types, parts[0], event_type_new);
          else
            name_set_add (conf->entity_types, parts[0]);
          break;
        case 'E':
          if (strchr (parts[0], ':') != NULL)
            add_event (conf, types, parts);
          break;
        case 'R':
          add_relation (conf, types, parts);
          break;
        case 'A':
        case 'M':
          if (parts[1] != NULL)
            {
              TwoSets *attribute = name_map_get (&conf->attributes, parts[0], two_sets_new);

              name_set_add (attribute->first, type_of (types, parts[1]));
              if (parts[2] != NULL)
                name_set_add (attribute->second, parts[2]);
            }
          break;
        case '*':
          {
            TwoSets *members = name_map_get (&conf->equivs, parts[0], two_sets_new);

            for (guint p = 1; parts[p] != NULL; p++)
              name_set_add (members->first, type_of (types, parts[p]));
          }
          break;
        default:
          break;   /* notes and normalisations need no declaration */
        }
    }
}

void
_alama_brat_conf_add_ann (AlamaBratConf *conf,
                          const char    *ann)
{
  g_auto(GStrv) lines = NULL;

  g_return_if_fail (conf != NULL);
  g_return_if_fail (ann != NULL);

  lines = g_strsplit (ann, "\n", -1);
  read_lines (conf, lines);
}

/* ---- Writing annotation.conf ------------------------------------------------------ */

static char *
token_of (const char *key)
{
  GString *out = g_string_new (NULL);

  _alama_export_append_token (out, key);
  return g_string_free (out, FALSE);
}

static void
append_joined (GString    *out,
               GPtrArray  *names,
               const char *separator)
{
  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, g_ptr_array_index (names, i));
    }
}

/* The schema's restriction (tokens) with the types the data used at that end
 * added; "<ENTITY>" when the schema allows any label. */
static void
append_end (GString  *out,
            char    **schema_labels,
            NameSet  *seen,
            NameSet  *event_types)
{
  g_autoptr(NameSet) names = name_set_new ();

  if (schema_labels == NULL || schema_labels[0] == NULL)
    name_set_add (names, "<ENTITY>");
  for (guint i = 0; schema_labels != NULL && schema_labels[i] != NULL; i++)
    {
      g_autofree char *token = token_of (schema_labels[i]);

      name_set_add (names, token);
    }
  for (guint i = 0; seen != NULL && i < seen->items->len; i++)
    {
      const char *type = seen->items->pdata[i];

      /* <ENTITY> covers the entity types, not the event types. */
      if (schema_labels == NULL || schema_labels[0] == NULL)
        {
          if (name_set_contains (event_types, type))
            name_set_add (names, type);
        }
      else
        name_set_add (names, type);
    }
  append_joined (out, names->items, "|");
}

static void
append_entities (GString       *out,
                 AlamaBratConf *conf,
                 AlamaSchema   *schema)
{
  g_autoptr(NameSet) written = name_set_new ();

  g_string_append (out, "[entities]\n");
  for (guint i = 0; i < schema->labels->len; i++)
    {
      const AlamaLabel *label = g_ptr_array_index (schema->labels, i);
      g_autofree char *token = token_of (label->key);

      /* An event label, or a label only ever used as a trigger, is an event
       * type, not an entity. */
      if (label->kind == ALAMA_LABEL_KIND_EVENT ||
          (name_set_contains (conf->event_types.names, token) &&
           !name_set_contains (conf->entity_types, token)))
        continue;
      name_set_add (written, token);
    }
  for (guint i = 0; i < conf->entity_types->items->len; i++)
    name_set_add (written, conf->entity_types->items->pdata[i]);
  append_joined (out, written->items, "\n");
  if (written->items->len > 0)
    g_string_append_c (out, '\n');
}

static void
append_relations (GString       *out,
                  AlamaBratConf *conf,
                  AlamaSchema   *schema)
{
  g_autoptr(NameSet) written = name_set_new ();

  /* Alama allows any spans to overlap or nest; brat forbids it unless told. */
  g_string_append (out, "\n[relations]\n"
                        "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
  for (guint i = 0; i < schema->relation_types->len; i++)
    {
      const AlamaRelationType *type = g_ptr_array_index (schema->relation_types, i);
      g_autofree char *token = token_of (type->key);
      TwoSets *seen = g_hash_table_lookup (conf->relations.values, token);

      /* An equivalence type is written below, symmetric-transitive; a type
       * the export used only as an event's role is declared with its event. */
      if (name_set_contains (conf->equivs.names, token) ||
          (seen == NULL && name_set_contains (conf->roles, token)))
        continue;
      name_set_add (written, token);
      g_string_append (out, token);
      g_string_append (out, "\tArg1:");
      append_end (out, type->from_labels, seen ? seen->first : NULL, conf->event_types.names);
      g_string_append (out, ", Arg2:");
      append_end (out, type->to_labels, seen ? seen->second : NULL, conf->event_types.names);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < conf->relations.names->items->len; i++)
    {
      const char *name = conf->relations.names->items->pdata[i];
      TwoSets *seen = g_hash_table_lookup (conf->relations.values, name);

      if (name_set_contains (written, name) || name_set_contains (conf->equivs.names, name))
        continue;
      g_string_append_printf (out, "%s\tArg1:", name);
      append_joined (out, seen->first->items, "|");
      g_string_append (out, ", Arg2:");
      append_joined (out, seen->second->items, "|");
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < conf->equivs.names->items->len; i++)
    {
      const char *name = conf->equivs.names->items->pdata[i];
      TwoSets *members = g_hash_table_lookup (conf->equivs.values, name);
      TwoSets *as_relation = g_hash_table_lookup (conf->relations.values, name);
      g_autoptr(NameSet) types = name_set_new ();

      /* R lines of the type (relations made in Alama) join either end. */
      for (guint m = 0; m < members->first->items->len; m++)
        name_set_add (types, members->first->items->pdata[m]);
      for (guint m = 0; as_relation != NULL && m < as_relation->first->items->len; m++)
        name_set_add (types, as_relation->first->items->pdata[m]);
      for (guint m = 0; as_relation != NULL && m < as_relation->second->items->len; m++)
        name_set_add (types, as_relation->second->items->pdata[m]);
      g_string_append_printf (out, "%s\tArg1:", name);
      append_joined (out, types->items, "|");
      g_string_append (out, ", Arg2:");
      append_joined (out, types->items, "|");
      g_string_append (out, ", <REL-TYPE>:symmetric-transitive\n");
    }
}

static void
append_events (GString       *out,
               AlamaBratConf *conf,
               AlamaSchema   *schema)
{
  /* The schema's event labels no exported event used: declared all the same,
   * so that brat offers them. */
  for (guint i = 0; i < schema->labels->len; i++)
    {
      const AlamaLabel *label = g_ptr_array_index (schema->labels, i);
      g_autofree char *token = token_of (label->key);

      if (label->kind == ALAMA_LABEL_KIND_EVENT)
        name_map_get (&conf->event_types, token, event_type_new);
    }

  g_string_append (out, "\n[events]\n");
  for (guint i = 0; i < conf->event_types.names->items->len; i++)
    {
      const char *name = conf->event_types.names->items->pdata[i];
      EventType *type = g_hash_table_lookup (conf->event_types.values, name);

      g_string_append (out, name);
      for (guint r = 0; r < type->roles.names->items->len; r++)
        {
          const char *role_name = type->roles.names->items->pdata[r];
          Role *role = g_hash_table_lookup (type->roles.values, role_name);
          const char *count;

          if (role->min == 0)
            count = role->max > 1 ? "*" : "?";
          else
            count = role->max > 1 ? "+" : "";
          g_string_append_printf (out, "%s%s%s:", r == 0 ? "\t" : ", ", role_name, count);
          if (role->arg_types->items->len == 0)
            g_string_append (out, "<ANY>");
          else
            append_joined (out, role->arg_types->items, "|");
        }
      g_string_append_c (out, '\n');
    }
}

/* brat declares an attribute once, for all the types it applies to: the
 * schema's attributes in the schema's order, then the ones only the data has,
 * sorted so the file is always the same. */
static void
append_attributes (GString       *out,
                   AlamaBratConf *conf,
                   AlamaSchema   *schema)
{
  g_autoptr(NameSet) names = name_set_new ();
  g_autofree gpointer *seen_names = NULL;
  guint n_seen = 0;

  g_string_append (out, "\n[attributes]\n");
  for (guint i = 0; i < schema->attributes->len; i++)
    {
      const AlamaAttributeDef *def = g_ptr_array_index (schema->attributes, i);
      g_autofree char *token = token_of (def->name);

      name_set_add (names, token);
    }
  seen_names = g_hash_table_get_keys_as_array (conf->attributes.values, &n_seen);
  qsort (seen_names, n_seen, sizeof (gpointer), _alama_compare_strings);
  for (guint i = 0; i < n_seen; i++)
    name_set_add (names, seen_names[i]);

  for (guint i = 0; i < names->items->len; i++)
    {
      const char *name = names->items->pdata[i];
      TwoSets *seen = g_hash_table_lookup (conf->attributes.values, name);
      g_autoptr(NameSet) types = name_set_new ();
      g_autoptr(NameSet) values = name_set_new ();

      for (guint j = 0; j < schema->attributes->len; j++)
        {
          const AlamaAttributeDef *def = g_ptr_array_index (schema->attributes, j);
          g_autofree char *def_name = token_of (def->name);
          g_autofree char *label = token_of (def->label);

          if (strcmp (def_name, name) != 0)
            continue;
          name_set_add (types, label);
          for (guint v = 0; def->values != NULL && def->values[v] != NULL; v++)
            name_set_add (values, def->values[v]);
        }
      for (guint j = 0; seen != NULL && j < seen->first->items->len; j++)
        name_set_add (types, seen->first->items->pdata[j]);
      for (guint j = 0; seen != NULL && j < seen->second->items->len; j++)
        name_set_add (values, seen->second->items->pdata[j]);

      g_string_append_printf (out, "%s\tArg:", name);
      if (types->items->len == 0)
        g_string_append (out, "<ENTITY>");
      else
        append_joined (out, types->items, "|");
      if (values->items->len > 0)
        {
          g_string_append (out, ", Value:");
          append_joined (out, values->items, "|");
        }
      g_string_append_c (out, '\n');
    }
}

char *
_alama_brat_conf_annotation (AlamaBratConf *conf,
                             AlamaSchema   *schema)
{
  GString *out = g_string_new ("# Made by Alama from the project's schema and the exported annotations.\n\n");

  g_return_val_if_fail (conf != NULL, NULL);
  g_return_val_if_fail (schema != NULL, NULL);

  append_entities (out, conf, schema);
  append_relations (out, conf, schema);
  append_events (out, conf, schema);
  append_attributes (out, conf, schema);

  return g_string_free (out, FALSE);
}
