/* test-schema.c: the default schema, queries, and the key file form. */
#define G_LOG_DOMAIN "test-schema"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "alama/alama-schema.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "store", name, NULL);
}

static gboolean
strv_equal (char **a,
            char **b)
{
  guint na = a ? g_strv_length (a) : 0;
  guint nb = b ? g_strv_length (b) : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (strcmp (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

static void
assert_schemas_equal (AlamaSchema *a,
                      AlamaSchema *b)
{
  g_assert_cmpuint (a->labels->len, ==, b->labels->len);
  for (guint i = 0; i < a->labels->len; i++)
    {
      const AlamaLabel *la = a->labels->pdata[i];
      const AlamaLabel *lb = b->labels->pdata[i];

      g_assert_cmpstr (la->key, ==, lb->key);
      g_assert_cmpstr (la->name_ar, ==, lb->name_ar);
      g_assert_cmpstr (la->name_en, ==, lb->name_en);
      g_assert_cmpstr (la->color, ==, lb->color);
      g_assert_cmpstr (la->shortcut, ==, lb->shortcut);
      g_assert_cmpint (la->kind, ==, lb->kind);
    }

  g_assert_cmpuint (a->relation_types->len, ==, b->relation_types->len);
  for (guint i = 0; i < a->relation_types->len; i++)
    {
      const AlamaRelationType *ta = a->relation_types->pdata[i];
      const AlamaRelationType *tb = b->relation_types->pdata[i];

      g_assert_cmpstr (ta->key, ==, tb->key);
      g_assert_cmpstr (ta->name_ar, ==, tb->name_ar);
      g_assert_true (strv_equal (ta->from_labels, tb->from_labels));
      g_assert_true (strv_equal (ta->to_labels, tb->to_labels));
    }

  g_assert_cmpuint (a->attributes->len, ==, b->attributes->len);
  for (guint i = 0; i < a->attributes->len; i++)
    {
      const AlamaAttributeDef *da = a->attributes->pdata[i];
      const AlamaAttributeDef *db = b->attributes->pdata[i];

      g_assert_cmpstr (da->label, ==, db->label);
      g_assert_cmpstr (da->name, ==, db->name);
      g_assert_true (strv_equal (da->values, db->values));
    }
}

static void
test_default_contents (void)
{
  g_autoptr(AlamaSchema) schema = alama_schema_new_default ();
  const char *keys[] = { "PER", "ORG", "GPE", "LOC", "DATE", "EVENT", "QUOTE", "CUE", "CLAIM" };
  g_autoptr(GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);
  const AlamaLabel *label;
  const AlamaRelationType *type;
  const AlamaAttributeDef *stance;

  g_assert_cmpuint (schema->labels->len, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *shortcut = g_strdup_printf ("%u", i + 1);

      label = schema->labels->pdata[i];
      g_assert_cmpstr (label->key, ==, keys[i]);
      g_assert_cmpstr (label->shortcut, ==, shortcut);
      g_assert_true (alama_schema_find_label_by_shortcut (schema, shortcut) == label);
      g_assert_cmpuint (strlen (label->color), ==, 7);
      g_assert_true (g_hash_table_add (colors, label->color));   /* distinct colours */
    }

  label = alama_schema_find_label (schema, "PER");
  g_assert_cmpstr (label->name_ar, ==, "شخص");
  g_assert_cmpstr (label->name_en, ==, "Person");
  g_assert_cmpint (label->kind, ==, ALAMA_LABEL_KIND_ENTITY);
  label = alama_schema_find_label (schema, "GPE");
  g_assert_cmpstr (label->name_ar, ==, "كيان سياسي");
  g_assert_cmpint (alama_schema_find_label (schema, "QUOTE")->kind, ==, ALAMA_LABEL_KIND_QUOTE);
  g_assert_cmpint (alama_schema_find_label (schema, "CUE")->kind, ==, ALAMA_LABEL_KIND_CUE);
  g_assert_cmpstr (alama_schema_find_label (schema, "CUE")->name_ar, ==, "فعل القول");
  g_assert_cmpint (alama_schema_find_label (schema, "CLAIM")->kind, ==, ALAMA_LABEL_KIND_CLAIM);
  g_assert_null (alama_schema_find_label (schema, "per"));

  type = alama_schema_find_relation_type (schema, "SPEAKER");
  g_assert_nonnull (type);
  g_assert_true (g_strv_contains ((const char * const *) type->from_labels, "GPE"));
  g_assert_true (strv_equal (type->to_labels, (char *[]) { "QUOTE", NULL }));
  type = alama_schema_find_relation_type (schema, "TARGET");
  g_assert_true (strv_equal (type->from_labels, (char *[]) { "CLAIM", NULL }));
  g_assert_cmpuint (g_strv_length (type->to_labels), ==, 6);
  g_assert_nonnull (alama_schema_find_relation_type (schema, "CUE_OF"));
  g_assert_nonnull (alama_schema_find_relation_type (schema, "CLAIMANT"));
  g_assert_nonnull (alama_schema_find_relation_type (schema, "AFFILIATION"));
  g_assert_cmpuint (schema->relation_types->len, ==, 5);

  stance = alama_schema_find_attribute (schema, "CLAIM", "stance");
  g_assert_nonnull (stance);
  g_assert_true (strv_equal (stance->values,
                             (char *[]) { "asserts", "denies", "accuses", "promises", NULL }));
  g_assert_null (alama_schema_find_attribute (schema, "PER", "stance"));
}

static void
test_relation_types_for (void)
{
  g_autoptr(AlamaSchema) schema = alama_schema_new_default ();
  g_autoptr(GPtrArray) types = NULL;

  types = alama_schema_relation_types_for (schema, "PER", "QUOTE");
  g_assert_cmpuint (types->len, ==, 1);
  g_assert_cmpstr (((AlamaRelationType *) types->pdata[0])->key, ==, "SPEAKER");
  g_clear_pointer (&types, g_ptr_array_unref);

  types = alama_schema_relation_types_for (schema, "PER", "ORG");
  g_assert_cmpuint (types->len, ==, 1);
  g_assert_cmpstr (((AlamaRelationType *) types->pdata[0])->key, ==, "AFFILIATION");
  g_clear_pointer (&types, g_ptr_array_unref);

  types = alama_schema_relation_types_for (schema, "QUOTE", "PER");
  g_assert_cmpuint (types->len, ==, 0);
  g_clear_pointer (&types, g_ptr_array_unref);

  g_assert_true (alama_schema_relation_allowed (schema, "TARGET", "CLAIM", "DATE"));
  g_assert_false (alama_schema_relation_allowed (schema, "TARGET", "CLAIM", "QUOTE"));
  g_assert_false (alama_schema_relation_allowed (schema, "NOPE", "PER", "QUOTE"));

  /* A relation type made on the fly allows anything. */
  alama_schema_ensure_relation_type (schema, "MENTIONS");
  g_assert_true (alama_schema_relation_allowed (schema, "MENTIONS", "QUOTE", "PER"));
  types = alama_schema_relation_types_for (schema, "QUOTE", "PER");
  g_assert_cmpuint (types->len, ==, 1);
}

static void
test_ensure_label (void)
{
  g_autoptr(AlamaSchema) schema = alama_schema_new_default ();
  g_autoptr(AlamaSchema) other = alama_schema_new ();
  const AlamaLabel *weapon;
  guint n = schema->labels->len;

  g_assert_true (alama_schema_ensure_label (schema, "PER", ALAMA_LABEL_KIND_OTHER) ==
                 alama_schema_find_label (schema, "PER"));
  g_assert_cmpuint (schema->labels->len, ==, n);

  weapon = alama_schema_ensure_label (schema, "WEAPON", ALAMA_LABEL_KIND_ENTITY);
  g_assert_cmpuint (schema->labels->len, ==, n + 1);
  g_assert_null (weapon->shortcut);
  g_assert_cmpuint (strlen (weapon->color), ==, 7);
  g_assert_cmpint (weapon->color[0], ==, '#');
  /* Same key, same colour, in any project. */
  g_assert_cmpstr (alama_schema_ensure_label (other, "WEAPON", ALAMA_LABEL_KIND_ENTITY)->color,
                   ==, weapon->color);
}

static void
test_copy_is_deep (void)
{
  g_autoptr(AlamaSchema) schema = alama_schema_new_default ();
  g_autoptr(AlamaSchema) copy = alama_schema_copy (schema);

  assert_schemas_equal (schema, copy);
  alama_schema_ensure_label (copy, "EXTRA", ALAMA_LABEL_KIND_OTHER);
  g_assert_null (alama_schema_find_label (schema, "EXTRA"));
}

static void
test_keyfile_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AlamaSchema) schema = alama_schema_new_default ();
  g_autoptr(AlamaSchema) loaded = NULL;
  g_autoptr(AlamaSchema) again = NULL;
  g_autofree char *dir = g_dir_make_tmp ("alama-test-schema-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "schema.ini", NULL);
  g_autofree char *data = NULL;
  g_autofree char *fixture = fixture_path ("news-schema.ini");

  g_assert_true (alama_schema_save_keyfile (schema, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  g_assert_nonnull (strstr (data, "[label PER]"));
  g_assert_nonnull (strstr (data, "name-ar=شخص"));
  g_assert_nonnull (strstr (data, "[attribute CLAIM stance]"));

  loaded = alama_schema_load_keyfile (path, &error);
  g_assert_no_error (error);
  assert_schemas_equal (schema, loaded);

  /* A hand-written file with Arabic names. */
  g_clear_pointer (&loaded, alama_schema_unref);
  loaded = alama_schema_load_keyfile (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->labels->len, ==, 3);
  g_assert_cmpstr (alama_schema_find_label (loaded, "CAND")->name_ar, ==, "مرشّح");
  g_assert_cmpint (alama_schema_find_label (loaded, "PLEDGE")->kind, ==, ALAMA_LABEL_KIND_CLAIM);
  g_assert_true (alama_schema_relation_allowed (loaded, "PROMISED_BY", "PLEDGE", "PARTY"));
  g_assert_false (alama_schema_relation_allowed (loaded, "PROMISED_BY", "CAND", "PARTY"));
  g_assert_nonnull (alama_schema_find_attribute (loaded, "PLEDGE", "topic"));

  g_clear_pointer (&data, g_free);
  data = alama_schema_to_keyfile_data (loaded, NULL);
  again = alama_schema_from_keyfile_data (data, strlen (data), &error);
  g_assert_no_error (error);
  assert_schemas_equal (loaded, again);

  g_remove (path);
  g_rmdir (dir);
}

static void
test_keyfile_errors (void)
{
  struct { const char *file; GQuark domain; int code; const char *mentions; } cases[] = {
    { "bad-group.ini", 0, ALAMA_SCHEMA_ERROR_INVALID, "[colour PER]" },
    { "bad-color.ini", 0, ALAMA_SCHEMA_ERROR_INVALID, "[label PER]" },
    { "duplicate-shortcut.ini", 0, ALAMA_SCHEMA_ERROR_DUPLICATE, "ORG" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = fixture_path (cases[i].file);
      g_autoptr(AlamaSchema) schema = alama_schema_load_keyfile (path, &error);

      g_assert_null (schema);
      g_assert_error (error, ALAMA_SCHEMA_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].file));
      g_assert_nonnull (strstr (error->message, cases[i].mentions));
    }

  {
    g_autoptr(GError) error = NULL;
    const char *data = "[relation SPEAKER]\nfrom=PER;\nto=QUOTE;\n";
    g_autoptr(AlamaSchema) schema = alama_schema_from_keyfile_data (data, strlen (data), &error);

    /* PER and QUOTE are not defined in this file. */
    g_assert_null (schema);
    g_assert_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "SPEAKER"));
  }

  {
    g_autoptr(GError) error = NULL;
    const char *data = "not a key file at all\n";
    g_autoptr(AlamaSchema) schema = alama_schema_from_keyfile_data (data, strlen (data), &error);

    g_assert_null (schema);
    g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AlamaSchema) schema = alama_schema_load_keyfile ("/nonexistent/schema.ini", &error);

    g_assert_null (schema);
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  }
}

static void
test_label_kinds (void)
{
  AlamaLabelKind kind = ALAMA_LABEL_KIND_ENTITY;

  for (AlamaLabelKind k = ALAMA_LABEL_KIND_ENTITY; k <= ALAMA_LABEL_KIND_EVENT; k++)
    {
      g_assert_true (alama_label_kind_from_string (alama_label_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_false (alama_label_kind_from_string ("relation", &kind));
}

/* Keys with a tab or a line end were accepted, logged GLib-CRITICALs on
 * export, vanished from the key file and broke brat/CoNLL lines: refused. */
static void
test_key_characters (void)
{
  const char *good[] = { "PER", "ORG 2", "شخص", "مكان_عام", "B-ish" };
  const char *bad[] = { "PER\t", "A\nB", "PER\r", "\xc2\xa0PER", "a\xe2\x80\xa8" "b", "x\x01" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (alama_schema_check_key (good[i], "label", &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (alama_schema_check_key (bad[i], "relation type", &error));
      g_assert_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "relation type “"));
      g_assert_nonnull (strstr (error->message, " holds U+"));
    }

  /* The key file form: a no-break space after a label's name, a line
   * separator in an attribute's name (GKeyFile itself refuses control
   * characters in group names). */
  {
    g_autoptr(GError) error = NULL;
    const char *data = "[label PER]\n[label ORG\xc2\xa0]\n";
    g_autoptr(AlamaSchema) schema = alama_schema_from_keyfile_data (data, strlen (data), &error);

    g_assert_null (schema);
    g_assert_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "label “ORG<U+00A0>” holds U+00A0"));
  }
  {
    g_autoptr(GError) error = NULL;
    const char *data = "[label PER]\n[attribute PER role\xe2\x80\xa8x]\n";
    g_autoptr(AlamaSchema) schema = alama_schema_from_keyfile_data (data, strlen (data), &error);

    g_assert_null (schema);
    g_assert_error (error, ALAMA_SCHEMA_ERROR, ALAMA_SCHEMA_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "attribute name “role<U+2028>x”"));
  }
}

/* #rrggbb (sRGB) to CIELAB under D65. */
static void
color_to_lab (const char *color,
              double      lab[3])
{
  double rgb[3], xyz[3], f[3];
  static const double white[3] = { 0.95047, 1.0, 1.08883 };

  g_assert_true (color != NULL && strlen (color) == 7 && color[0] == '#');
  for (int i = 0; i < 3; i++)
    {
      char hex[3] = { color[1 + 2 * i], color[2 + 2 * i], '\0' };
      double c = g_ascii_strtoull (hex, NULL, 16) / 255.0;

      rgb[i] = c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
    }
  xyz[0] = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2];
  xyz[1] = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  xyz[2] = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2];
  for (int i = 0; i < 3; i++)
    {
      double t = xyz[i] / white[i];

      f[i] = t > 0.008856 ? cbrt (t) : 7.787 * t + 16.0 / 116.0;
    }
  lab[0] = 116.0 * f[1] - 16.0;
  lab[1] = 500.0 * (f[0] - f[1]);
  lab[2] = 200.0 * (f[1] - f[2]);
}

/* Every default label can be told from every other by its colour: no two
 * closer than a CIELAB distance of 25, about where two saturated colours stop
 * looking like shades of one (the purples of DATE and CLAIM were 15 apart). */
static void
test_default_colors_distinct (void)
{
  g_autoptr(AlamaSchema) schema = alama_schema_new_default ();

  for (guint i = 0; i < schema->labels->len; i++)
    for (guint j = i + 1; j < schema->labels->len; j++)
      {
        const AlamaLabel *a = schema->labels->pdata[i];
        const AlamaLabel *b = schema->labels->pdata[j];
        double la[3], lb[3], distance;

        color_to_lab (a->color, la);
        color_to_lab (b->color, lb);
        distance = sqrt ((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1]) +
                         (la[2] - lb[2]) * (la[2] - lb[2]));
        if (distance < 25.0)
          g_error ("%s (%s) and %s (%s) are only %.1f apart", a->key, a->color,
                   b->key, b->color, distance);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alama/schema/default-contents", test_default_contents);
  g_test_add_func ("/alama/schema/default-colors-distinct", test_default_colors_distinct);
  g_test_add_func ("/alama/schema/relation-types-for", test_relation_types_for);
  g_test_add_func ("/alama/schema/ensure-label", test_ensure_label);
  g_test_add_func ("/alama/schema/copy-is-deep", test_copy_is_deep);
  g_test_add_func ("/alama/schema/keyfile-round-trip", test_keyfile_round_trip);
  g_test_add_func ("/alama/schema/keyfile-errors", test_keyfile_errors);
  g_test_add_func ("/alama/schema/label-kinds", test_label_kinds);
  g_test_add_func ("/alama/schema/key-characters", test_key_characters);

  return g_test_run ();
}
