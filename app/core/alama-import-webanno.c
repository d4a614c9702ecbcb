/* alama-import-webanno.c: WebAnno TSV 3.x, the exchange format of WebAnno and INCEpTION.
 *
 *   #FORMAT=WebAnno TSV 3.3
 *   #T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value|identifier
 *   #T_CH=de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceLink|referenceType|referenceRelation
 *   #T_RL=webanno.custom.Relation|value|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity
 *
 *   #Text=...
 *   1-1<TAB>0-4<TAB>token<TAB>one column per feature ...
 *   1-1.1<TAB>0-2<TAB>sub-token ...
 *
 * One file is one document. Its text is rebuilt the way INCEpTION's reader
 * rebuilds it: each sentence's #Text lines (unescaped, each followed by a line
 * feed) are placed at the begin offset of its first token, a gap before it is
 * filled with spaces, and a line feed that would overlap it is taken back.
 * Offsets count UTF-16 units (the reader is Java); they become code points here.
 *
 * What maps to what (README, "WebAnno TSV"):
 * - a span annotation becomes a span. NamedEntity's label is its value; any
 *   other layer's is "Layer:value" (its short name and the value of its first
 *   feature); one without a value (`*`) is labelled with the layer's short name.
 *   Its other features with a value become attributes named by the feature.
 * - a relation becomes a relation typed by its first feature's value (or the
 *   layer's short name), from the annotation the row points to, to the one on
 *   the row.
 * - a chain's elements become spans (as span layers, from referenceType), each
 *   link a relation to the next element typed by its referenceRelation.
 * - a slot link becomes a relation from its host to its filler, typed by its
 *   role (or the slot feature's name when the role is empty).
 * What Alama cannot hold is refused naming the layer, the feature and the line:
 * a relation's further features, a relation to itself, an annotation of no
 * extent, a relation or slot on a layer the file does not hold.
 *
 * Why this file is long: the header's columns, the rows' cells (spans,
 * relations and chains, each read on the units that carry them) and their
 * resolution once the text is complete all act on one reader's state; split,
 * they would share it through a private header.
 */
#define G_LOG_DOMAIN "alama-import-webanno"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "alama/alama-import.h"
#include "alama/alama-text.h"
#include "alama-import-private.h"

#define NAMED_ENTITY "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
#define FORMAT_PREFIX "#FORMAT=WebAnno TSV "
#define MAX_GAP (1 << 20)   /* UTF-16 units of padding between two sentences */

typedef enum
{
  LAYER_SPAN,
  LAYER_RELATION,
  LAYER_CHAIN,
} LayerKind;

typedef enum
{
  COLUMN_PRIMITIVE,
  COLUMN_PLACEHOLDER,   /* a layer without features: `*` marks its annotations */
  COLUMN_SLOT_ROLE,
  COLUMN_SLOT_TARGET,
  COLUMN_RELATION_REF,  /* BT_: the unit the relation comes from */
  COLUMN_CHAIN_TYPE,    /* referenceType */
  COLUMN_CHAIN_LINK,    /* referenceRelation */
} ColumnKind;

typedef struct
{
  LayerKind  kind;
  char      *name;
  char      *short_name;
  char      *base;        /* relation: the BT_ layer's name */
  int        base_layer;  /* its index, -1 when the file does not declare it */
  int        first_feature_column;  /* the column whose value labels, -1 for none */
  guint      line;
} Layer;

typedef struct
{
  guint       layer;
  ColumnKind  kind;
  char       *feature;   /* NULL for a placeholder */
} Column;

typedef struct
{
  char   *id;          /* "1-3" or "1-3.1" */
  gint64  begin;       /* UTF-16 units, then code points */
  gint64  end;
  guint   line;
} Unit;

/* A span annotation (or chain element) being read: it grows over the units
 * that carry it. */
typedef struct
{
  guint       layer;
  gint64      begin;   /* UTF-16 units, then code points */
  gint64      end;
  guint       line;    /* where it was first seen */
  char       *label_value;        /* its first feature's value, or NULL */
  GHashTable *attributes;         /* feature → value (unescaped), other features */
  guint       index;              /* in doc->spans once made */
} Ann;

/* A relation read on the row of its target; resolved once all rows are read. */
typedef struct
{
  guint   layer;
  guint   unit;         /* the row's unit: the target */
  guint   stack;
  guint   line;
  char   *type;         /* first feature's value, NULL for `*` */
  char   *source;       /* the source unit's id */
  int     source_id;    /* disambiguation ids, 0 when not given */
  int     target_id;
} Rel;

/* The slot links of one host annotation for one slot feature: roles from
 * its ROLE_ column, fillers (unit ids with an optional [id]) from the next. */
typedef struct
{
  guint      host_layer;
  guint      unit;
  guint      stack;
  guint      role_column;
  guint      line;
  GPtrArray *roles;     /* char*, NULL for `*` */
  GPtrArray *fillers;   /* char*, NULL until the target column is read */
} Slot;

/* One chain element, by (layer, chain, element index). */
typedef struct
{
  guint  layer;
  int    chain;
  int    element;
  Ann   *ann;
  char  *link_type;    /* the link to the next element, NULL for `*` */
} ChainElement;

typedef struct
{
  const char  *path;
  int          minor;          /* 3.minor */
  GPtrArray   *layers;         /* Layer* */
  GPtrArray   *columns;        /* Column* */
  GArray      *units;          /* Unit */
  GHashTable  *unit_ids;       /* id → index + 1 */
  GPtrArray   *anns;           /* Ann*, owned */
  GHashTable  *by_unit;        /* "unit:layer:stack" → Ann* */
  GHashTable  *by_id;          /* disambiguation id → Ann* */
  GPtrArray   *rels;           /* Rel* */
  GHashTable  *rels_by_unit;   /* "unit:layer:stack" → Rel* */
  GPtrArray   *elements;       /* ChainElement* */
  GPtrArray   *slots;          /* Slot* */
  GHashTable  *slots_by_unit;  /* "unit:role column:stack" → Slot* */
  GString     *text;
  gint64       text_units;     /* text's length in UTF-16 units */
} Reader;

static void
layer_free (Layer *layer)
{
  g_free (layer->name);
  g_free (layer->short_name);
  g_free (layer->base);
  g_free (layer);
}

static void
column_free (Column *column)
{
  g_free (column->feature);
  g_free (column);
}

static void
ann_free (Ann *ann)
{
  g_free (ann->label_value);
  g_hash_table_unref (ann->attributes);
  g_free (ann);
}

static void
rel_free (Rel *rel)
{
  g_free (rel->type);
  g_free (rel->source);
  g_free (rel);
}

static void
slot_free (Slot *slot)
{
  g_ptr_array_unref (slot->roles);
  g_clear_pointer (&slot->fillers, g_ptr_array_unref);
  g_free (slot);
}

static void
element_free (ChainElement *element)
{
  g_free (element->link_type);
  g_free (element);
}

static void
unit_clear (Unit *unit)
{
  g_free (unit->id);
}

static void
reader_clear (Reader *r)
{
  g_clear_pointer (&r->layers, g_ptr_array_unref);
  g_clear_pointer (&r->columns, g_ptr_array_unref);
  g_clear_pointer (&r->units, g_array_unref);
  g_clear_pointer (&r->unit_ids, g_hash_table_unref);
  g_clear_pointer (&r->by_unit, g_hash_table_unref);
  g_clear_pointer (&r->by_id, g_hash_table_unref);
  g_clear_pointer (&r->rels_by_unit, g_hash_table_unref);
  g_clear_pointer (&r->rels, g_ptr_array_unref);
  g_clear_pointer (&r->elements, g_ptr_array_unref);
  g_clear_pointer (&r->slots_by_unit, g_hash_table_unref);
  g_clear_pointer (&r->slots, g_ptr_array_unref);
  g_clear_pointer (&r->anns, g_ptr_array_unref);
  if (r->text != NULL)
    g_string_free (g_steal_pointer (&r->text), TRUE);
}

gboolean
_alama_import_webanno_sniff (const char *head,
                             gsize       n)
{
  gsize prefix_len = strlen (FORMAT_PREFIX);

  if (n >= 3 && memcmp (head, "\xEF\xBB\xBF", 3) == 0)
    {
      head += 3;
      n -= 3;
    }
  return n >= prefix_len && memcmp (head, FORMAT_PREFIX, prefix_len) == 0;
}

/* ---- Escaping ----------------------------------------------------------------- */

/* A #Text line as INCEpTION writes it from 3.2 on: \t \n \f \r \b \\ and a
 * backslash before the other control characters. 3.1 used Java's escapes,
 * which add \uXXXX (and \" \'). */
static char *
unescape_text (const char *s,
               int         minor)
{
  GString *out = g_string_sized_new (strlen (s));

  for (const char *p = s; *p != '\0'; p++)
    {
      char c = p[1];

      if (*p != '\\' || c == '\0')
        {
          g_string_append_c (out, *p);
          continue;
        }
      switch (c)
        {
        case 't': g_string_append_c (out, '\t'); p++; break;
        case 'n': g_string_append_c (out, '\n'); p++; break;
        case 'f': g_string_append_c (out, '\f'); p++; break;
        case 'r': g_string_append_c (out, '\r'); p++; break;
        case 'b': g_string_append_c (out, '\b'); p++; break;
        case '\\': g_string_append_c (out, '\\'); p++; break;
        default:
          if ((guchar) c < 32 && !(c > 7 && c < 14))
            {
              g_string_append_c (out, c);
              p++;
            }
          else if (minor <= 1 && (c == '"' || c == '\''))
            {
              g_string_append_c (out, c);
              p++;
            }
          else if (minor <= 1 && c == 'u' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]) &&
                   g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]))
            {
              char hex[5] = { p[2], p[3], p[4], p[5], 0 };
              gunichar u = (gunichar) strtoul (hex, NULL, 16);

              /* A surrogate pair as two escapes. */
              if (u >= 0xD800 && u < 0xDC00 && p[6] == '\\' && p[7] == 'u' &&
                  g_ascii_isxdigit (p[8]) && g_ascii_isxdigit (p[9]) &&
                  g_ascii_isxdigit (p[10]) && g_ascii_isxdigit (p[11]))
                {
                  char low_hex[5] = { p[8], p[9], p[10], p[11], 0 };
                  gunichar low = (gunichar) strtoul (low_hex, NULL, 16);

                  if (low >= 0xDC00 && low < 0xE000)
                    {
                      u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                      p += 6;
                    }
                }
              if (g_unichar_validate (u))
                g_string_append_unichar (out, u);
              else
                g_string_append_unichar (out, 0xFFFD);
              p += 5;
            }
          else
            g_string_append_c (out, '\\');
          break;
        }
    }

  return g_string_free (out, FALSE);
}

/* A feature value: the reserved characters \ [ ] | _ -> ; * and \t \n. */
static char *
unescape_value (const char *s)
{
  GString *out = g_string_sized_new (strlen (s));

  for (const char *p = s; *p != '\0'; p++)
    {
      if (*p != '\\')
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (p[1] == '-' && p[2] == '>')
        {
          g_string_append (out, "->");
          p += 2;
        }
      else if (p[1] == 't')
        {
          g_string_append_c (out, '\t');
          p++;
        }
      else if (p[1] == 'n')
        {
          g_string_append_c (out, '\n');
          p++;
        }
      else if (p[1] != '\0' && strchr ("\\[]|_;*", p[1]) != NULL)
        {
          g_string_append_c (out, p[1]);
          p++;
        }
      else
        g_string_append_c (out, '\\');
    }

  return g_string_free (out, FALSE);
}

/* Splits @s at each @sep not escaped by a backslash. */
static GPtrArray *
split_unescaped (const char *s,
                 char        sep)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *start = s;

  for (const char *p = s; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == sep)
        {
          g_ptr_array_add (parts, g_strndup (start, p - start));
          start = p + 1;
        }
    }
  g_ptr_array_add (parts, g_strdup (start));
  return parts;
}

/* Takes a trailing "[...]" (not escaped) off @value: the disambiguation info. */
static char *
take_suffix (char *value)
{
  gsize len = strlen (value);
  char *open;

  if (len < 2 || value[len - 1] != ']' || value[len - 2] == '\\' ||
      (open = strrchr (value, '[')) == NULL || (open > value && open[-1] == '\\'))
    return NULL;
  value[len - 1] = '\0';
  *open = '\0';
  return g_strdup (open + 1);
}

/* ---- Errors ------------------------------------------------------------------- */

static gboolean
parse_error (GError    **error,
             const char *path,
             guint       line,
             const char *message)
{
  g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_PARSE,
               /* TRANSLATORS: FILE: line N: what is wrong */
               _("%s: line %u: %s"), path, line, message);
  return FALSE;
}

static gboolean
unsupported (GError     **error,
             const char  *path,
             guint        line,
             const Layer *layer,
             const char  *feature,
             const char  *why)
{
  if (feature == NULL)
    g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_UNSUPPORTED,
                 /* TRANSLATORS: FILE: line N: layer “L”: why it cannot be read */
                 _("%s: line %u: layer “%s”: %s"), path, line, layer->name, why);
  else
    g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_UNSUPPORTED,
                 /* TRANSLATORS: FILE: line N: layer “L”, feature “F”: why it cannot be read */
                 _("%s: line %u: layer “%s”, feature “%s”: %s"), path, line, layer->name,
                 feature, why);
  return FALSE;
}

static gboolean
parse_int (const char *s,
           gint64     *out)
{
  char *end = NULL;
  gint64 v;

  if (s == NULL || !g_ascii_isdigit (s[0]))
    return FALSE;
  v = g_ascii_strtoll (s, &end, 10);
  if (end == NULL || *end != '\0' || v < 0 || v > G_MAXINT32)
    return FALSE;
  *out = v;
  return TRUE;
}

/* ---- Header ------------------------------------------------------------------- */

static int
find_layer (Reader     *r,
            const char *name)
{
  for (guint i = 0; i < r->layers->len; i++)
    {
      Layer *layer = g_ptr_array_index (r->layers, i);

      if (layer->kind != LAYER_RELATION && strcmp (layer->name, name) == 0)
        return (int) i;
    }
  return -1;
}

static gboolean
read_layer (Reader      *r,
            LayerKind    kind,
            const char  *declaration,
            guint        line,
            GError     **error)
{
  g_auto(GStrv) fields = g_strsplit (declaration, "|", -1);
  Layer *layer = g_new0 (Layer, 1);
  guint layer_index = r->layers->len;
  gboolean had_feature = FALSE;
  const char *dot;

  layer->kind = kind;
  /* "#T_SP=" alone splits into no field at all. */
  layer->name = g_strdup (fields[0] != NULL ? fields[0] : "");
  dot = strrchr (layer->name, '.');
  layer->short_name = g_strdup (dot != NULL ? dot + 1 : layer->name);
  layer->base_layer = -1;
  layer->first_feature_column = -1;
  layer->line = line;
  g_ptr_array_add (r->layers, layer);

  if (layer->name[0] == '\0' || layer->short_name[0] == '\0')
    return parse_error (error, r->path, line, _("a layer without a name"));

  for (guint i = 1; fields[i] != NULL; i++)
    {
      const char *decl = fields[i];
      Column *column;

      /* INCEpTION writes "Layer|" for a layer without features. */
      if (decl[0] == '\0')
        continue;
      column = g_new0 (Column, 1);
      column->layer = layer_index;
      column->feature = g_strdup (decl);
      if (kind == LAYER_SPAN && g_str_has_prefix (decl, "ROLE_"))
        column->kind = COLUMN_SLOT_ROLE;
      else if (kind == LAYER_SPAN && r->columns->len > 0 &&
               ((Column *) g_ptr_array_index (r->columns, r->columns->len - 1))->kind ==
                 COLUMN_SLOT_ROLE &&
               ((Column *) g_ptr_array_index (r->columns, r->columns->len - 1))->layer ==
                 layer_index)
        column->kind = COLUMN_SLOT_TARGET;
      else if (kind == LAYER_RELATION && g_str_has_prefix (decl, "BT_"))
        {
          column->kind = COLUMN_RELATION_REF;
          g_free (layer->base);
          layer->base = g_strdup (decl + 3);
        }
      else if (kind == LAYER_CHAIN && strcmp (decl, "referenceType") == 0)
        column->kind = COLUMN_CHAIN_TYPE;
      else if (kind == LAYER_CHAIN && strcmp (decl, "referenceRelation") == 0)
        column->kind = COLUMN_CHAIN_LINK;
      else if (kind == LAYER_CHAIN)
        {
          column_free (column);
          return unsupported (error, r->path, line, layer, decl,
                              _("a chain layer has only referenceType and referenceRelation"));
        }
      else
        column->kind = COLUMN_PRIMITIVE;

      if (column->kind == COLUMN_PRIMITIVE && layer->first_feature_column < 0 &&
          (kind == LAYER_RELATION ||
           strcmp (layer->name, NAMED_ENTITY) != 0 || strcmp (decl, "value") == 0))
        layer->first_feature_column = (int) r->columns->len;
      g_ptr_array_add (r->columns, column);
      had_feature = TRUE;
    }

  /* NamedEntity is labelled by "value" wherever the column is. */
  if (strcmp (layer->name, NAMED_ENTITY) == 0 && layer->first_feature_column < 0)
    {
      for (guint c = 0; c < r->columns->len; c++)
        {
          Column *column = g_ptr_array_index (r->columns, c);

          if (column->layer == layer_index && column->kind == COLUMN_PRIMITIVE)
            {
              layer->first_feature_column = (int) c;
              break;
            }
        }
    }

  if (kind == LAYER_RELATION && layer->base == NULL)
    return unsupported (error, r->path, line, layer, NULL,
                        _("a relation layer needs a BT_ column naming the layer it links"));
  if (!had_feature)
    {
      Column *column = g_new0 (Column, 1);

      column->layer = layer_index;
      column->kind = COLUMN_PLACEHOLDER;
      g_ptr_array_add (r->columns, column);
    }
  return TRUE;
}

/* ---- Rows --------------------------------------------------------------------- */

static char *
unit_key (guint unit,
          guint layer,
          guint stack)
{
  return g_strdup_printf ("%u:%u:%u", unit, layer, stack);
}

static Ann *
ann_new (Reader *r,
         guint   layer,
         Unit   *unit)
{
  Ann *ann = g_new0 (Ann, 1);

  ann->layer = layer;
  ann->begin = unit->begin;
  ann->end = unit->end;
  ann->line = unit->line;
  ann->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_ptr_array_add (r->anns, ann);
  return ann;
}

static void
ann_extend (Ann  *ann,
            Unit *unit)
{
  ann->begin = MIN (ann->begin, unit->begin);
  ann->end = MAX (ann->end, unit->end);
}

/* The span annotation of @layer at stacking index @stack on the unit: one
 * already met on this row (in another column of the layer), one met on an
 * earlier row under the same disambiguation id, or a new one. */
static Ann *
span_ann (Reader     *r,
          guint       unit_index,
          guint       layer,
          guint       stack,
          int         disambiguation_id)
{
  g_autofree char *key = unit_key (unit_index, layer, stack);
  Unit *unit = &g_array_index (r->units, Unit, unit_index);
  Ann *ann = g_hash_table_lookup (r->by_unit, key);

  if (ann == NULL && disambiguation_id > 0)
    ann = g_hash_table_lookup (r->by_id, GINT_TO_POINTER (disambiguation_id));
  if (ann == NULL)
    ann = ann_new (r, layer, unit);
  else
    ann_extend (ann, unit);
  if (disambiguation_id > 0)
    g_hash_table_insert (r->by_id, GINT_TO_POINTER (disambiguation_id), ann);
  g_hash_table_insert (r->by_unit, g_steal_pointer (&key), ann);
  return ann;
}

static gboolean
set_value (Reader      *r,
           Ann         *ann,
           Column      *column,
           gboolean     labels,
           const char  *raw,
           guint        line,
           GError     **error)
{
  Layer *layer = g_ptr_array_index (r->layers, column->layer);
  g_autofree char *value = NULL;
  const char *before;

  if (strcmp (raw, "*") == 0)
    return TRUE;
  value = unescape_value (raw);
  before = labels ? ann->label_value : g_hash_table_lookup (ann->attributes, column->feature);
  if (before != NULL && strcmp (before, value) != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("one annotation has the values “%s” and “%s”"), before, value);

      return unsupported (error, r->path, line, layer, column->feature, message);
    }
  if (labels)
    {
      g_free (ann->label_value);
      ann->label_value = g_steal_pointer (&value);
    }
  else
    g_hash_table_insert (ann->attributes, g_strdup (column->feature), g_steal_pointer (&value));
  return TRUE;
}

/* The disambiguation suffix as a number (0 when absent); FALSE when malformed. */
static gboolean
disambiguation (const char *suffix,
                int        *id)
{
  gint64 v = 0;

  *id = 0;
  if (suffix == NULL)
    return TRUE;
  if (!parse_int (suffix, &v))
    return FALSE;
  *id = (int) v;
  return TRUE;
}

static ChainElement *
chain_element (Reader *r,
               guint   layer,
               int     chain,
               int     element)
{
  ChainElement *found;

  for (guint i = 0; i < r->elements->len; i++)
    {
      found = g_ptr_array_index (r->elements, i);
      if (found->layer == layer && found->chain == chain && found->element == element)
        return found;
    }
  found = g_new0 (ChainElement, 1);
  found->layer = layer;
  found->chain = chain;
  found->element = element;
  g_ptr_array_add (r->elements, found);
  return found;
}

/* A chain link value "type->CHAIN-ELEMENT". */
static gboolean
chain_link (const char  *value,
            char       **type,
            int         *chain,
            int         *element)
{
  const char *arrow = NULL;
  g_auto(GStrv) ids = NULL;
  gint64 c = 0, e = 0;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (p[0] == '-' && p[1] == '>')
        arrow = p;
    }
  if (arrow == NULL)
    return FALSE;
  ids = g_strsplit (arrow + 2, "-", -1);
  if (g_strv_length (ids) != 2 || !parse_int (ids[0], &c) || !parse_int (ids[1], &e))
    return FALSE;
  *type = g_strndup (value, arrow - value);
  *chain = (int) c;
  *element = (int) e;
  return TRUE;
}

/* The relation of @layer at stacking index @stack on the unit, made on first sight. */
static Rel *
relation_at (Reader *r,
             guint   unit_index,
             guint   layer,
             guint   stack,
             guint   line)
{
  g_autofree char *key = unit_key (unit_index, layer, stack);
  Rel *rel = g_hash_table_lookup (r->rels_by_unit, key);

  if (rel == NULL)
    {
      rel = g_new0 (Rel, 1);
      rel->layer = layer;
      rel->unit = unit_index;
      rel->stack = stack;
      rel->line = line;
      g_ptr_array_add (r->rels, rel);
      g_hash_table_insert (r->rels_by_unit, g_steal_pointer (&key), rel);
    }
  return rel;
}

static char *
slot_key (guint unit,
          guint role_column,
          guint stack)
{
  return g_strdup_printf ("%u:%u:%u", unit, role_column, stack);
}

static void
read_slot_roles (Reader     *r,
                 guint       unit_index,
                 guint       c,
                 guint       stack,
                 const char *value,
                 guint       line)
{
  g_autoptr(GPtrArray) roles = split_unescaped (value, ';');
  Slot *slot = g_new0 (Slot, 1);

  slot->host_layer = ((Column *) g_ptr_array_index (r->columns, c))->layer;
  slot->unit = unit_index;
  slot->stack = stack;
  slot->role_column = c;
  slot->line = line;
  slot->roles = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < roles->len; i++)
    {
      const char *role = g_ptr_array_index (roles, i);

      g_ptr_array_add (slot->roles, strcmp (role, "*") == 0 ? NULL : unescape_value (role));
    }
  g_ptr_array_add (r->slots, slot);
  g_hash_table_insert (r->slots_by_unit, slot_key (unit_index, c, stack), slot);
}

static gboolean
read_slot_fillers (Reader      *r,
                   guint        unit_index,
                   guint        c,
                   guint        stack,
                   const char  *value,
                   guint        line,
                   GError     **error)
{
  g_autofree char *key = slot_key (unit_index, c - 1, stack);
  Slot *slot = g_hash_table_lookup (r->slots_by_unit, key);

  /* `*`: a host whose links are all empty. */
  if (strcmp (value, "*") == 0 || strcmp (value, "_") == 0)
    return TRUE;
  if (slot == NULL)
    return parse_error (error, r->path, line, _("slot fillers without their roles"));
  g_clear_pointer (&slot->fillers, g_ptr_array_unref);
  slot->fillers = split_unescaped (value, ';');
  if (slot->fillers->len != slot->roles->len)
    return parse_error (error, r->path, line,
                        _("a slot feature has not as many fillers as roles"));
  return TRUE;
}

static gboolean
read_cell (Reader      *r,
           guint        unit_index,
           guint        c,
           const char  *cell,
           guint        line,
           GError     **error)
{
  Column *column = g_ptr_array_index (r->columns, c);
  Layer *layer = g_ptr_array_index (r->layers, column->layer);
  g_autoptr(GPtrArray) stacked = split_unescaped (cell, '|');

  for (guint k = 0; k < stacked->len; k++)
    {
      char *value = g_ptr_array_index (stacked, k);
      g_autofree char *suffix = NULL;
      int id = 0;
      Ann *ann;

      /* Slot fillers carry their ids one by one (read_slot_fillers). */
      if (column->kind == COLUMN_SLOT_TARGET)
        {
          /* Even `*` (no links) marks where the host is, as in INCEpTION. */
          span_ann (r, unit_index, column->layer, k, 0);
          if (!read_slot_fillers (r, unit_index, c, k, value, line, error))
            return FALSE;
          continue;
        }
      if (column->kind != COLUMN_CHAIN_LINK)
        suffix = take_suffix (value);

      switch (column->kind)
        {
        case COLUMN_PRIMITIVE:
        case COLUMN_PLACEHOLDER:
        case COLUMN_SLOT_ROLE:
          if (layer->kind == LAYER_RELATION)
            {
              Rel *rel = relation_at (r, unit_index, column->layer, k, line);

              if (column->kind == COLUMN_PRIMITIVE && strcmp (value, "*") != 0)
                {
                  if ((int) c != layer->first_feature_column)
                    return unsupported (error, r->path, line, layer, column->feature,
                                        _("Alama's relations have a type and no further "
                                          "features"));
                  rel->type = unescape_value (value);
                }
              break;
            }
          if (!disambiguation (suffix, &id))
            return parse_error (error, r->path, line, _("a disambiguation id is not a number"));
          if (layer->kind == LAYER_CHAIN)
            break;
          ann = span_ann (r, unit_index, column->layer, k, id);
          if (column->kind == COLUMN_SLOT_ROLE)
            {
              /* "_" (with the host's id): a host without links. */
              if (strcmp (value, "_") != 0)
                read_slot_roles (r, unit_index, c, k, value, line);
              break;
            }
          if (column->kind == COLUMN_PRIMITIVE &&
              !set_value (r, ann, column, (int) c == layer->first_feature_column, value, line,
                          error))
            return FALSE;
          break;

        case COLUMN_RELATION_REF:
          {
            Rel *rel = relation_at (r, unit_index, column->layer, k, line);
            g_auto(GStrv) ids = NULL;

            g_free (rel->source);
            rel->source = g_strdup (value);
            if (suffix != NULL)
              {
                gint64 s = 0, t = 0;

                ids = g_strsplit (suffix, "_", -1);
                if (g_strv_length (ids) != 2 || !parse_int (ids[0], &s) || !parse_int (ids[1], &t))
                  return parse_error (error, r->path, line,
                                      _("a relation's disambiguation ids are not two numbers"));
                rel->source_id = (int) s;
                rel->target_id = (int) t;
              }
          }
          break;

        case COLUMN_CHAIN_LINK:
          {
            g_autofree char *type = NULL;
            int chain = 0, element = 0;
            ChainElement *el;

            if (!chain_link (value, &type, &chain, &element))
              return parse_error (error, r->path, line,
                                  _("a chain link is not written TYPE->CHAIN-ELEMENT"));
            el = chain_element (r, column->layer, chain, element);
            if (el->ann == NULL)
              el->ann = ann_new (r, column->layer, &g_array_index (r->units, Unit, unit_index));
            else
              ann_extend (el->ann, &g_array_index (r->units, Unit, unit_index));
            g_hash_table_insert (r->by_unit, unit_key (unit_index, column->layer, k), el->ann);
            if (strcmp (type, "*") != 0 && el->link_type == NULL)
              el->link_type = unescape_value (type);
          }
          break;

        case COLUMN_CHAIN_TYPE:
          {
            g_autofree char *key = unit_key (unit_index, column->layer, k);

            ann = g_hash_table_lookup (r->by_unit, key);
            if (ann == NULL)
              return parse_error (error, r->path, line,
                                  _("a chain element without its referenceRelation link"));
            if (!set_value (r, ann, column, TRUE, value, line, error))
              return FALSE;
          }
          break;

        case COLUMN_SLOT_TARGET:
        default:
          break;
        }
    }

  return TRUE;
}

static gboolean
read_unit (Reader      *r,
           char       **fields,
           guint        n_fields,
           guint        line,
           gboolean     sentence_start,
           const char  *sentence_text,
           GError     **error)
{
  g_auto(GStrv) offsets = g_strsplit (fields[1], "-", -1);
  Unit unit = { 0 };
  guint unit_index;

  if (n_fields < 3 + r->columns->len)
    {
      g_autofree char *message =
        g_strdup_printf (_("%u columns where the header declares %u"), n_fields,
                         3 + r->columns->len);
      return parse_error (error, r->path, line, message);
    }
  if (g_strv_length (offsets) != 2 || !parse_int (offsets[0], &unit.begin) ||
      !parse_int (offsets[1], &unit.end) || unit.begin > unit.end)
    return parse_error (error, r->path, line, _("the offsets are not BEGIN-END"));
  if (g_hash_table_contains (r->unit_ids, fields[0]))
    return parse_error (error, r->path, line, _("a token id that is used before"));

  if (sentence_start)
    {
      /* As INCEpTION: no line feed between two sentences that touch, spaces in a gap. */
      if (r->text_units > unit.begin)
        {
          if (r->text_units != unit.begin + 1 || r->text->len == 0 ||
              r->text->str[r->text->len - 1] != '\n')
            return parse_error (error, r->path, line,
                                _("the sentence starts before the end of the one before it"));
          g_string_truncate (r->text, r->text->len - 1);
          r->text_units--;
        }
      /* INCEpTION never writes such a gap; a file that does is not padded
       * with a gigabyte of spaces. */
      if (unit.begin - r->text_units > MAX_GAP)
        return parse_error (error, r->path, line,
                            _("the sentence starts far beyond the end of the one before it"));
      while (r->text_units < unit.begin)
        {
          g_string_append_c (r->text, ' ');
          r->text_units++;
        }
      g_string_append (r->text, sentence_text);
      for (const char *p = sentence_text; *p != '\0'; p = g_utf8_next_char (p))
        r->text_units += g_utf8_get_char (p) >= 0x10000 ? 2 : 1;
    }
  if (unit.end > r->text_units)
    return parse_error (error, r->path, line, _("the offsets lie beyond the sentence's text"));

  unit.id = g_strdup (fields[0]);
  unit.line = line;
  unit_index = r->units->len;
  g_array_append_val (r->units, unit);
  g_hash_table_insert (r->unit_ids, g_strdup (fields[0]), GUINT_TO_POINTER (unit_index + 1));

  /* Chain links first: the referenceType column names the element they made. */
  for (int pass = 0; pass < 2; pass++)
    for (guint c = 0; c < r->columns->len; c++)
      {
        Column *column = g_ptr_array_index (r->columns, c);
        const char *cell = fields[3 + c];

        if ((pass == 0) == (column->kind == COLUMN_CHAIN_TYPE) || strcmp (cell, "_") == 0)
          continue;
        if (!read_cell (r, unit_index, c, cell, line, error))
          return FALSE;
      }
  return TRUE;
}

static gboolean
is_unit_id (const char *id,
            gboolean   *sub)
{
  const char *p = id;
  int parts = 0;

  *sub = FALSE;
  while (*p != '\0')
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
      parts++;
      if (*p == '\0')
        break;
      if (parts == 1 && *p == '-')
        p++;
      else if (parts == 2 && *p == '.')
        {
          *sub = TRUE;
          p++;
        }
      else
        return FALSE;
    }
  return parts == 2 || (parts == 3 && *sub);
}

/* ---- After the rows: offsets, labels, relations -------------------------------- */

static gboolean
to_code_points (Reader          *r,
                AlamaTextIndex  *index,
                gint64          *offset,
                guint            line,
                GError         **error)
{
  gint64 cp = 0;

  if (!alama_text_index_offset_to_cp (index, ALAMA_OFFSETS_UTF16, *offset, &cp))
    return parse_error (error, r->path, line,
                        _("an offset falls inside a character (between the halves of a UTF-16 "
                          "surrogate pair)"));
  *offset = cp;
  return TRUE;
}

static char *
label_of (Reader *r,
          Ann    *ann)
{
  Layer *layer = g_ptr_array_index (r->layers, ann->layer);

  if (ann->label_value == NULL)
    return g_strdup (layer->short_name);
  if (strcmp (layer->name, NAMED_ENTITY) == 0)
    return g_strdup (ann->label_value);
  return g_strconcat (layer->short_name, ":", ann->label_value, NULL);
}

static gboolean
check_tokens (Reader          *r,
              AlamaTextIndex  *index,
              GPtrArray       *surfaces,
              GError         **error)
{
  for (guint i = 0; i < r->units->len; i++)
    {
      Unit *unit = &g_array_index (r->units, Unit, i);
      g_autofree char *actual = NULL;

      /* The line feed after a sentence is taken back when the next one starts there. */
      if (unit->end > r->text_units)
        return parse_error (error, r->path, unit->line,
                            _("the offsets lie beyond the sentence's text"));
      if (!to_code_points (r, index, &unit->begin, unit->line, error) ||
          !to_code_points (r, index, &unit->end, unit->line, error))
        return FALSE;
      actual = alama_text_index_substring (index, unit->begin, unit->end);
      if (!_alama_import_surface_matches (actual, g_ptr_array_index (surfaces, i)))
        {
          g_autofree char *message =
            g_strdup_printf (_("the token is “%s” but the text at its offsets is “%s”"),
                             (const char *) g_ptr_array_index (surfaces, i), actual);

          return parse_error (error, r->path, unit->line, message);
        }
    }
  return TRUE;
}

static gboolean
make_spans (Reader          *r,
            AlamaTextIndex  *index,
            AlamaImportDoc  *doc,
            GError         **error)
{
  for (guint i = 0; i < r->anns->len; i++)
    {
      Ann *ann = g_ptr_array_index (r->anns, i);
      Layer *layer = g_ptr_array_index (r->layers, ann->layer);
      g_autofree char *label = label_of (r, ann);
      g_autofree char *origin = g_strdup_printf (_("line %u"), ann->line);
      GHashTableIter iter;
      gpointer name, value;
      AlamaSpan *span;

      if (!to_code_points (r, index, &ann->begin, ann->line, error) ||
          !to_code_points (r, index, &ann->end, ann->line, error))
        return FALSE;
      if (ann->begin == ann->end)
        return unsupported (error, r->path, ann->line, layer, NULL,
                            _("an annotation of no extent (between two characters) cannot be "
                              "held in Alama"));
      span = _alama_import_span_new (label, ann->begin, ann->end);
      g_hash_table_iter_init (&iter, ann->attributes);
      while (g_hash_table_iter_next (&iter, &name, &value))
        alama_span_set_attribute (span, name, value);
      ann->index = alama_import_doc_add_span (doc, span, origin, NULL);
    }
  return TRUE;
}

static Ann *
resolve (Reader     *r,
         int         base_layer,
         const char *unit_id,
         int         id)
{
  g_autofree char *key = NULL;
  guint unit;

  if (id > 0)
    return g_hash_table_lookup (r->by_id, GINT_TO_POINTER (id));
  unit = GPOINTER_TO_UINT (g_hash_table_lookup (r->unit_ids, unit_id));
  if (unit == 0)
    return NULL;
  key = unit_key (unit - 1, (guint) base_layer, 0);
  return g_hash_table_lookup (r->by_unit, key);
}

static void
add_relation (AlamaImportDoc *doc,
              const char     *type,
              Ann            *from,
              Ann            *to,
              guint           line)
{
  AlamaRelation *relation = alama_relation_new (type, from->index, to->index);

  relation->ext_id = g_strdup_printf (_("line %u"), line);
  g_ptr_array_add (doc->relations, relation);
}

static gboolean
make_relations (Reader          *r,
                AlamaImportDoc  *doc,
                GError         **error)
{
  for (guint i = 0; i < r->rels->len; i++)
    {
      Rel *rel = g_ptr_array_index (r->rels, i);
      Layer *layer = g_ptr_array_index (r->layers, rel->layer);
      Unit *unit = &g_array_index (r->units, Unit, rel->unit);
      Ann *from, *to;

      if (layer->base_layer < 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("it links annotations of “%s”, a layer the file does not hold"),
                             layer->base);

          return unsupported (error, r->path, rel->line, layer, NULL, message);
        }
      if (rel->source == NULL)
        return parse_error (error, r->path, rel->line, _("a relation without its source column"));
      from = resolve (r, layer->base_layer, rel->source, rel->source_id);
      to = resolve (r, layer->base_layer, unit->id, rel->target_id);
      if (from == NULL || to == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("a relation of “%s” points to %s, where there is no annotation "
                               "of “%s”"), layer->name, from == NULL ? rel->source : unit->id,
                             layer->base);

          return parse_error (error, r->path, rel->line, message);
        }
      if (from == to)
        return unsupported (error, r->path, rel->line, layer, NULL,
                            _("a relation from an annotation to itself cannot be held in Alama"));
      add_relation (doc, rel->type != NULL ? rel->type : layer->short_name, from, to, rel->line);
    }
  return TRUE;
}

/* The feature's name in a slot column "ROLE_Layer:feature_LinkType". */
static char *
slot_feature_name (const char *declaration)
{
  const char *colon = strchr (declaration, ':');
  const char *name = colon != NULL ? colon + 1 : declaration + strlen ("ROLE_");
  const char *end = strchr (name, '_');

  return end != NULL ? g_strndup (name, end - name) : g_strdup (name);
}

/* Each slot link becomes a relation from its host to its filler, typed by its
 * role (or the slot feature's name when the role is empty). */
static gboolean
make_slots (Reader          *r,
            AlamaImportDoc  *doc,
            GError         **error)
{
  for (guint i = 0; i < r->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (r->slots, i);
      Column *role_column = g_ptr_array_index (r->columns, slot->role_column);
      Column *target_column = NULL;
      Layer *layer = g_ptr_array_index (r->layers, slot->host_layer);
      g_autofree char *host_key = unit_key (slot->unit, slot->host_layer, slot->stack);
      g_autofree char *feature = slot_feature_name (role_column->feature);
      Ann *host = g_hash_table_lookup (r->by_unit, host_key);
      int target_layer;

      /* Roles always come with their fillers: none would lose the links. */
      if (slot->role_column + 1 < r->columns->len)
        target_column = g_ptr_array_index (r->columns, slot->role_column + 1);
      if (slot->fillers == NULL || target_column == NULL ||
          target_column->kind != COLUMN_SLOT_TARGET || host == NULL)
        return parse_error (error, r->path, slot->line, _("slot roles without their fillers"));
      target_layer = find_layer (r, target_column->feature);
      if (target_layer < 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("it links annotations of “%s”, a layer the file does not hold"),
                             target_column->feature);

          return unsupported (error, r->path, slot->line, layer, role_column->feature, message);
        }
      for (guint f = 0; f < slot->fillers->len; f++)
        {
          g_autofree char *filler = g_strdup (g_ptr_array_index (slot->fillers, f));
          g_autofree char *suffix = take_suffix (filler);
          const char *role = g_ptr_array_index (slot->roles, f);
          Ann *target;
          int id = 0;

          if (!disambiguation (suffix, &id))
            return parse_error (error, r->path, slot->line,
                                _("a disambiguation id is not a number"));
          target = resolve (r, target_layer, filler, id);
          if (target == NULL)
            {
              g_autofree char *message =
                g_strdup_printf (_("a relation of “%s” points to %s, where there is no "
                                   "annotation of “%s”"), layer->name, filler,
                                 target_column->feature);

              return parse_error (error, r->path, slot->line, message);
            }
          if (target == host)
            return unsupported (error, r->path, slot->line, layer, role_column->feature,
                                _("a relation from an annotation to itself cannot be held in "
                                  "Alama"));
          add_relation (doc, role != NULL ? role : feature, host, target, slot->line);
        }
    }
  return TRUE;
}

static int
compare_elements (gconstpointer a,
                  gconstpointer b)
{
  const ChainElement *x = *(ChainElement * const *) a;
  const ChainElement *y = *(ChainElement * const *) b;

  if (x->layer != y->layer)
    return x->layer < y->layer ? -1 : 1;
  if (x->chain != y->chain)
    return x->chain < y->chain ? -1 : 1;
  return x->element < y->element ? -1 : x->element > y->element;
}

/* Each chain element links to the next by its referenceRelation. */
static void
make_chains (Reader         *r,
             AlamaImportDoc *doc)
{
  g_ptr_array_sort (r->elements, compare_elements);
  for (guint i = 0; i + 1 < r->elements->len; i++)
    {
      ChainElement *el = g_ptr_array_index (r->elements, i);
      ChainElement *next = g_ptr_array_index (r->elements, i + 1);
      Layer *layer = g_ptr_array_index (r->layers, el->layer);

      if (next->layer != el->layer || next->chain != el->chain || el->ann == next->ann)
        continue;
      add_relation (doc, el->link_type != NULL ? el->link_type : layer->short_name,
                    el->ann, next->ann, el->ann->line);
    }
}

/* ---- The file ----------------------------------------------------------------- */

static gboolean
read_format (Reader      *r,
             const char  *line,
             GError     **error)
{
  const char *version;

  if (!g_str_has_prefix (line, FORMAT_PREFIX))
    return parse_error (error, r->path, 1, _("the file does not start with #FORMAT=WebAnno TSV"));
  version = line + strlen (FORMAT_PREFIX);
  if (strcmp (version, "3.1") == 0 || strcmp (version, "3.2") == 0 ||
      strcmp (version, "3.3") == 0)
    {
      r->minor = version[2] - '0';
      return TRUE;
    }
  {
    g_autofree char *message =
      g_strdup_printf (_("WebAnno TSV %s is not read (3.1, 3.2 and 3.3 are)"), version);

    g_set_error (error, ALAMA_IMPORT_ERROR, ALAMA_IMPORT_ERROR_UNSUPPORTED,
                 _("%s: line %u: %s"), r->path, 1, message);
    return FALSE;
  }
}

static gboolean
read_body (Reader      *r,
           char       **lines,
           guint        first,
           GError     **error)
{
  g_autoptr(GString) sentence_text = g_string_new (NULL);
  g_autoptr(GPtrArray) surfaces = g_ptr_array_new_with_free_func (g_free);
  enum { BETWEEN, HEADER, TOKENS } state = BETWEEN;
  guint header_line = 0;

  for (guint i = first; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      guint line_no = i + 1;
      g_auto(GStrv) fields = NULL;
      gboolean sub = FALSE;

      if (line[0] == '\0')
        {
          if (state == HEADER)
            return parse_error (error, r->path, header_line, _("a sentence without tokens"));
          state = BETWEEN;
          continue;
        }
      if (line[0] == '#')
        {
          if (state != HEADER)
            {
              g_string_truncate (sentence_text, 0);
              header_line = line_no;
            }
          state = HEADER;
          if (g_str_has_prefix (line, "#Text="))
            {
              g_autofree char *text = unescape_text (line + strlen ("#Text="), r->minor);

              g_string_append (sentence_text, text);
              g_string_append_c (sentence_text, '\n');
            }
          continue;
        }

      fields = g_strsplit (line, "\t", -1);
      if (g_strv_length (fields) < 3 || !is_unit_id (fields[0], &sub))
        return parse_error (error, r->path, line_no,
                            _("expected a #Text= line or a token row (ID<TAB>BEGIN-END<TAB>TOKEN)"));
      if (state == BETWEEN)
        return parse_error (error, r->path, line_no, _("a token row before its #Text= line"));
      if (sub && state != TOKENS)
        return parse_error (error, r->path, line_no, _("a sub-token before its token"));
      if (!read_unit (r, fields, g_strv_length (fields), line_no, state == HEADER,
                      sentence_text->str, error))
        return FALSE;
      g_ptr_array_add (surfaces, g_strdup (fields[2]));
      state = TOKENS;
    }
  if (state == HEADER)
    return parse_error (error, r->path, header_line, _("a sentence without tokens"));

  {
    g_autoptr(AlamaTextIndex) index = alama_text_index_new (r->text->str);

    return check_tokens (r, index, surfaces, error);
  }
}

GPtrArray *
alama_import_parse_webanno (const char                *path,
                            GBytes                    *data,
                            const AlamaImportOptions  *options,
                            GError                   **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) alama_import_doc_free);
  g_autoptr(AlamaImportDoc) doc = NULL;
  g_autoptr(AlamaTextIndex) index = NULL;
  g_autofree char *content = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) lines = NULL;
  Reader r = { 0 };
  gboolean ok = FALSE;
  gsize len = 0;
  const char *bytes;
  guint i;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &len);
  if ((content = _alama_import_text_from_bytes (path, bytes ? bytes : "", len, error)) == NULL)
    return NULL;
  if (_alama_import_has_only_cr_line_ends (content))
    _alama_import_lone_cr_to_lf (content);
  lines = g_strsplit (content, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    {
      gsize n = strlen (lines[i]);

      if (n > 0 && lines[i][n - 1] == '\r')
        lines[i][n - 1] = '\0';
    }

  r.path = path;
  r.layers = g_ptr_array_new_with_free_func ((GDestroyNotify) layer_free);
  r.columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  r.units = g_array_new (FALSE, TRUE, sizeof (Unit));
  g_array_set_clear_func (r.units, (GDestroyNotify) unit_clear);
  r.unit_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.anns = g_ptr_array_new_with_free_func ((GDestroyNotify) ann_free);
  r.by_unit = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.by_id = g_hash_table_new (g_direct_hash, g_direct_equal);
  r.rels = g_ptr_array_new_with_free_func ((GDestroyNotify) rel_free);
  r.rels_by_unit = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.elements = g_ptr_array_new_with_free_func ((GDestroyNotify) element_free);
  r.slots = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_free);
  r.slots_by_unit = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.text = g_string_new (NULL);

  if (!read_format (&r, lines[0] != NULL ? lines[0] : "", error))
    goto out;
  for (i = 1; lines[i] != NULL && lines[i][0] == '#' && lines[i][1] == 'T' &&
              lines[i][2] == '_'; i++)
    {
      LayerKind kind;

      if (g_str_has_prefix (lines[i], "#T_SP="))
        kind = LAYER_SPAN;
      else if (g_str_has_prefix (lines[i], "#T_RL="))
        kind = LAYER_RELATION;
      else if (g_str_has_prefix (lines[i], "#T_CH="))
        kind = LAYER_CHAIN;
      else
        break;
      if (!read_layer (&r, kind, lines[i] + strlen ("#T_SP="), i + 1, error))
        goto out;
    }
  for (guint l = 0; l < r.layers->len; l++)
    {
      Layer *layer = g_ptr_array_index (r.layers, l);

      if (layer->kind == LAYER_RELATION)
        layer->base_layer = find_layer (&r, layer->base);
    }

  if (!read_body (&r, lines, i, error))
    goto out;

  /* A WebAnno file may have any name (detected by its first line): the
   * document is named after it without its extension. */
  {
    g_autofree char *base = g_path_get_basename (path);
    const char *dot = strrchr (base, '.');

    name = dot != NULL && dot > base ? g_strndup (base, dot - base) : g_strdup (base);
  }
  doc = alama_import_doc_new (name, path, g_string_free (g_steal_pointer (&r.text), FALSE));
  index = alama_text_index_new (doc->text);
  if (!make_spans (&r, index, doc, error) || !make_relations (&r, doc, error) ||
      !make_slots (&r, doc, error))
    goto out;
  make_chains (&r, doc);
  g_ptr_array_add (docs, g_steal_pointer (&doc));
  ok = TRUE;

out:
  reader_clear (&r);
  (void) options;
  return ok ? g_steal_pointer (&docs) : NULL;
}
