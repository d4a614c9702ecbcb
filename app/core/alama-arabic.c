/* alama-arabic.c: Arabic normalisation for matching, with a map back to the
 * original code points, and the clitic prefixes a word may carry.
 *
 * The folding follows the usual practice of Arabic search engines (Lucene's
 * ArabicNormalizer): remove harakat and tatweel, unify alef forms, ta marbuta
 * and alef maqsura, and digits. Normalised text is only ever a matching key;
 * documents keep their characters.
 */
#define G_LOG_DOMAIN "alama-arabic"

#include "config.h"

#include <string.h>

#include "alama/alama-arabic.h"
#include "alama-arabic-private.h"

gboolean
alama_arabic_is_haraka (gunichar c)
{
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670;
}

gboolean
alama_arabic_is_arabic_letter (gunichar c)
{
  if (c == 0x0640)   /* tatweel is a modifier letter, but stretches, not spells */
    return FALSE;
  return g_unichar_isalpha (c) && g_unichar_get_script (c) == G_UNICODE_SCRIPT_ARABIC;
}

static gboolean
is_invisible_control (gunichar c)
{
  return (c >= 0x200B && c <= 0x200F) ||
         c == 0x061C ||
         (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069) ||
         c == 0x2060 ||   /* word joiner */
         c == 0x00AD ||   /* soft hyphen */
         c == 0xFEFF;     /* zero width no-break space (a stray BOM) */
}

static gboolean
is_presentation_form (gunichar c)
{
  /* Arabic Presentation Forms-A and -B: contextual glyphs and ligatures (ﻻ)
   * that some PDFs and old encoders emit instead of letters. */
  return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE);
}

/* Folds one character (after NFC). Returns 0 when it is dropped. */
static gunichar
fold_char (gunichar             c,
           AlamaArabicFoldFlags flags)
{
  if (alama_arabic_is_haraka (c) || c == 0x0640 || is_invisible_control (c))
    return 0;

  switch (c)
    {
    case 0x0622: /* آ */
    case 0x0623: /* أ */
    case 0x0625: /* إ */
    case 0x0671: /* ٱ */
      return 0x0627;
    case 0x0629: /* ة */
      return 0x0647;
    case 0x0649: /* ى */
    case 0x06CC: /* Persian ی */
      return 0x064A;
    case 0x06A9: /* Persian ک */
      return 0x0643;
    case 0x0624: /* ؤ */
      return (flags & ALAMA_ARABIC_FOLD_HAMZA_CARRIERS) ? 0x0648 : c;
    case 0x0626: /* ئ */
      return (flags & ALAMA_ARABIC_FOLD_HAMZA_CARRIERS) ? 0x064A : c;
    default:
      break;
    }

  if (c >= 0x0660 && c <= 0x0669)
    return '0' + (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9)
    return '0' + (c - 0x06F0);

  if (c < 0x80)
    return g_ascii_tolower (c);
  /* Arabic has no letter case: most of a document needs no case lookup. */
  if (c >= 0x0600 && c <= 0x06FF)
    return c;
  if (g_unichar_isupper (c) || g_unichar_istitle (c))
    return g_unichar_tolower (c);

  return c;
}

/* Whether a character joins the one before it in a normalisation cluster.
 * Below U+0300 and among the Arabic letters and digits nothing is a mark or
 * has a combining class, so the common case needs no table lookup. */
static gboolean
continues_cluster (gunichar c)
{
  if (c < 0x0300 ||
      (c >= 0x0620 && c <= 0x064A) ||
      (c >= 0x0660 && c <= 0x0669) ||
      (c >= 0x0671 && c <= 0x06D3))
    return FALSE;
  return g_unichar_ismark (c) || g_unichar_combining_class (c) != 0;
}

/* Harakat that fold away and that NFC never composes with the letter before
 * them: of the Arabic marks only madda and hamza above and below
 * (U+0653–U+0655) compose (آ أ إ ؤ ئ ۀ ۂ ۓ). A letter followed by these
 * alone normalises to the letter's own folding, whatever their order. */
static gboolean
is_inert_haraka (gunichar c)
{
  return (c >= 0x064B && c <= 0x0652) || (c >= 0x0656 && c <= 0x065F) || c == 0x0670;
}

/* g_utf8_get_char() for valid UTF-8, with one and two byte characters (ASCII
 * and Arabic) decoded in place. */
static inline gunichar
get_char (const char *p)
{
  guchar b = (guchar) p[0];

  if (b < 0x80)
    return b;
  if ((b & 0xE0) == 0xC0)
    return ((gunichar) (b & 0x1F) << 6) | ((guchar) p[1] & 0x3F);
  return g_utf8_get_char (p);
}

/* NFC never changes a lone character from these ranges, so we can skip the
 * (comparatively slow) call for the common case of a plain letter. */
static gboolean
nfc_is_identity_alone (gunichar c)
{
  return c < 0x0300 || (c >= 0x0600 && c <= 0x06FF);
}

/* fold_char() of U+0600–U+06FF, worked out once for each setting of the
 * flags: most characters of a document are Arabic and are looked up here. */
static const gunichar *
arabic_block_folding (AlamaArabicFoldFlags flags)
{
  static gunichar tables[2][256];
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      for (guint i = 0; i < 256; i++)
        {
          tables[0][i] = fold_char (0x0600 + i, ALAMA_ARABIC_FOLD_DEFAULT);
          tables[1][i] = fold_char (0x0600 + i, ALAMA_ARABIC_FOLD_HAMZA_CARRIERS);
        }
      g_once_init_leave (&ready, 1);
    }
  return tables[(flags & ALAMA_ARABIC_FOLD_HAMZA_CARRIERS) ? 1 : 0];
}

/* Appends @c to @out as UTF-8. */
static inline void
append_unichar (GString  *out,
                gunichar  c)
{
  char *end;

  if (G_UNLIKELY (out->len + 8 >= out->allocated_len))
    {
      gsize len = out->len;

      g_string_set_size (out, len + 8);
      g_string_truncate (out, len);
    }
  end = out->str + out->len;
  if (c < 0x80)
    {
      end[0] = (char) c;
      out->len += 1;
    }
  else if (c < 0x800)
    {
      end[0] = (char) (0xC0 | (c >> 6));
      end[1] = (char) (0x80 | (c & 0x3F));
      out->len += 2;
    }
  else
    out->len += g_unichar_to_utf8 (c, end);
  out->str[out->len] = '\0';
}

typedef struct
{
  GString              *out;
  GArray               *map;       /* of gint64, or NULL */
  AlamaArabicFoldFlags  flags;
  const gunichar       *arabic;    /* arabic_block_folding (flags) */
} Folder;

static inline void
folder_emit (Folder   *folder,
             gunichar  c,
             gint64    origin)
{
  gunichar f;

  if (c < 0x80)
    f = g_ascii_tolower (c);
  else if (c >= 0x0600 && c <= 0x06FF)
    f = folder->arabic[c - 0x0600];
  else
    f = fold_char (c, folder->flags);
  if (f == 0)
    return;
  append_unichar (folder->out, f);
  if (folder->map != NULL)
    g_array_append_val (folder->map, origin);
}

/* Emits every character of @str (already composed), all mapped to @origin, or
 * one to one from @origin when @one_to_one. */
static void
folder_emit_string (Folder     *folder,
                    const char *str,
                    gint64      origin,
                    gboolean    one_to_one)
{
  gint64 i = 0;

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p), i++)
    folder_emit (folder, g_utf8_get_char (p), one_to_one ? origin + i : origin);
}

void
_alama_arabic_normalize_append (const char           *text,
                                gsize                 n_bytes,
                                AlamaArabicFoldFlags  flags,
                                GString              *out,
                                GArray               *map)
{
  Folder folder = { out, map, flags, arabic_block_folding (flags) };
  const char *p = text;
  const char *end = text + n_bytes;
  gunichar c;
  gint64 cp = 0;

  /* Work cluster by cluster (a character and the marks that follow it): NFC only
   * ever composes within one, so the map stays exact between clusters. Inside a
   * cluster that NFC changes, every output character maps to the cluster's first
   * code point, the character it came from. Each character is decoded once: @c
   * is the one at @p. */
  c = p < end ? get_char (p) : 0;
  while (p < end)
    {
      const char *cluster = p;
      gint64 cluster_cp = cp;
      gunichar first = c;
      gint64 n = 1;
      gboolean inert = TRUE;

      p = g_utf8_next_char (p);
      while (p < end)
        {
          c = get_char (p);
          if (!continues_cluster (c))
            break;
          inert &= is_inert_haraka (c);
          p = g_utf8_next_char (p);
          n++;
        }
      cp += n;

      /* NFC leaves a lone character of these ranges as it is, and only
       * reorders inert harakat after it, which fold away: either way the
       * cluster folds to its first character, mapped to where it begins. */
      if (nfc_is_identity_alone (first) && (n == 1 || inert))
        {
          folder_emit (&folder, first, cluster_cp);
        }
      else if (n == 1 && is_presentation_form (first))
        {
          /* Compatibility decomposition: ﻻ → لا, both from the ligature. */
          g_autofree char *nfkc = g_utf8_normalize (cluster, p - cluster, G_NORMALIZE_NFKC);

          folder_emit_string (&folder, nfkc != NULL ? nfkc : "", cluster_cp, FALSE);
        }
      else
        {
          g_autofree char *nfc = g_utf8_normalize (cluster, p - cluster, G_NORMALIZE_NFC);
          gboolean unchanged = nfc != NULL &&
                               strlen (nfc) == (gsize) (p - cluster) &&
                               memcmp (nfc, cluster, p - cluster) == 0;

          folder_emit_string (&folder, nfc != NULL ? nfc : "", cluster_cp, unchanged);
        }
    }

  if (map != NULL)
    g_array_append_val (map, cp);
}

char *
alama_arabic_normalize (const char            *text,
                        AlamaArabicFoldFlags   flags,
                        GArray               **out_map)
{
  GString *out;
  GArray *map;
  gsize n_bytes;

  g_return_val_if_fail (text != NULL, NULL);

  n_bytes = strlen (text);
  out = g_string_sized_new (n_bytes + 8);
  map = out_map != NULL ? g_array_new (FALSE, FALSE, sizeof (gint64)) : NULL;
  _alama_arabic_normalize_append (text, n_bytes, flags, out, map);
  if (out_map != NULL)
    *out_map = map;

  return g_string_free (out, FALSE);
}

/* ---- Clitics ------------------------------------------------------------------ */

/* A prefix chain is [conjunction] [preposition] [article]:
 *   conjunction و ف, preposition ب ل ك, article ال.
 * ل followed by ال is written لل (the alef is dropped): للرئيس = ل + الرئيس.
 * The chains are read off the word's first letters rather than compared one
 * by one: the search tokenizer and the gazetteer split every word of every
 * document they read. */
#define WAW   0x0648
#define FEH   0x0641
#define BEH   0x0628
#define LAM   0x0644
#define KAF   0x0643
#define ALEF  0x0627

#define MIN_STEM_LETTERS 2
/* The longest chain (و + ب + ال) and the stem it must leave. */
#define LONGEST_CHAIN 4

static void
add_split (guint  splits[ALAMA_ARABIC_CLITIC_SPLITS_MAX],
           guint *n,
           guint  length,
           guint  word_len)
{
  guint at;

  if (length == 0 || word_len < length + MIN_STEM_LETTERS)
    return;
  /* Kept sorted and each length once, by insertion. */
  for (at = 0; at < *n && splits[at] < length; at++)
    ;
  if (at < *n && splits[at] == length)
    return;
  g_assert (*n < ALAMA_ARABIC_CLITIC_SPLITS_MAX);
  memmove (splits + at + 1, splits + at, (*n - at) * sizeof *splits);
  splits[at] = length;
  (*n)++;
}

guint
_alama_arabic_clitic_splits_into (const char *normalized_word,
                                  guint       splits[ALAMA_ARABIC_CLITIC_SPLITS_MAX])
{
  /* The first letters, and the word's length up to what a split can need. */
  gunichar c[LONGEST_CHAIN + MIN_STEM_LETTERS] = { 0, };
  guint len = 0;
  guint n = 1;

  splits[0] = 0;
  for (const char *p = normalized_word; *p != '\0' && len < G_N_ELEMENTS (c);
       p = g_utf8_next_char (p))
    c[len++] = get_char (p);

  /* After no conjunction or after one: */
  for (guint k = 0; k <= 1; k++)
    {
      if (k == 1 && c[0] != WAW && c[0] != FEH)
        break;
      /* the conjunction alone, */
      add_split (splits, &n, k, len);
      /* the article, */
      if (c[k] == ALEF && c[k + 1] == LAM)
        add_split (splits, &n, k + 2, len);
      /* a preposition alone or with the article (ل + ال is لل). */
      if (c[k] == BEH || c[k] == KAF || c[k] == LAM)
        {
          add_split (splits, &n, k + 1, len);
          if (c[k] == LAM && c[k + 1] == LAM)
            add_split (splits, &n, k + 2, len);
          else if (c[k] != LAM && c[k + 1] == ALEF && c[k + 2] == LAM)
            add_split (splits, &n, k + 3, len);
        }
    }

  return n;
}

GArray *
alama_arabic_clitic_splits (const char *normalized_word)
{
  guint splits[ALAMA_ARABIC_CLITIC_SPLITS_MAX];
  guint n;
  GArray *lengths;

  g_return_val_if_fail (normalized_word != NULL, NULL);

  n = _alama_arabic_clitic_splits_into (normalized_word, splits);
  lengths = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_array_append_vals (lengths, splits, n);

  return lengths;
}

static gboolean
is_hamzated_alef (gunichar c)
{
  return c == 0x0623 /* أ */ || c == 0x0625 /* إ */ || c == 0x0622 /* آ */;
}

gint64
alama_arabic_certain_proclitics (const char *word)
{
  const char *p;
  gint64 cp = 0;
  guint letters = 0, stem_letters = 0;
  gboolean had_preposition = FALSE;

  g_return_val_if_fail (word != NULL, 0);

  /* At most a conjunction then a preposition, each with its harakat. */
  p = word;
  while (*p != '\0' && letters < 2)
    {
      gunichar c = g_utf8_get_char (p);

      if (letters == 0 && (c == WAW || c == FEH))
        ;
      else if (!had_preposition && (c == BEH || c == LAM || c == KAF))
        had_preposition = TRUE;
      else
        break;
      letters++;
      p = g_utf8_next_char (p);
      cp++;
      while (*p != '\0' && alama_arabic_is_haraka (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          cp++;
        }
      if (is_hamzated_alef (g_utf8_get_char (p)))
        break;
    }

  if (letters == 0 || !is_hamzated_alef (g_utf8_get_char (p)))
    return 0;

  for (const char *q = p; *q != '\0'; q = g_utf8_next_char (q))
    if (alama_arabic_is_arabic_letter (g_utf8_get_char (q)))
      stem_letters++;
  return stem_letters >= 3 ? cp : 0;
}
