/* alama-search-panel.c: Ctrl+Shift+F, search across the project (see the header). */
#define G_LOG_DOMAIN "alama-search-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <alama/alama-search.h>

#include "alama-error-text.h"
#include "alama-search-panel.h"

#define DEBOUNCE_MS 200
/* Each hit is built with its document's words and its sentence, so a common
 * word in a large project would take long to list in full; 100 keeps the
 * first page quick (BENCHMARKS.md has the figures). The status line says when
 * the list is cut ("The first 100 results"). */
#define RESULT_LIMIT 100

/* ---- AlamaSearchResult ---------------------------------------------------- */

struct _AlamaSearchResult
{
  GObject         parent_instance;
  AlamaSearchHit *hit;   /* owned */
};

G_DEFINE_FINAL_TYPE (AlamaSearchResult, alama_search_result, G_TYPE_OBJECT)

static void
alama_search_result_finalize (GObject *object)
{
  g_clear_pointer (&ALAMA_SEARCH_RESULT (object)->hit, alama_search_hit_free);
  G_OBJECT_CLASS (alama_search_result_parent_class)->finalize (object);
}

static void
alama_search_result_class_init (AlamaSearchResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = alama_search_result_finalize;
}

static void
alama_search_result_init (AlamaSearchResult *self)
{
}

static AlamaSearchResult *
alama_search_result_new (AlamaSearchHit *hit)   /* takes ownership */
{
  AlamaSearchResult *self = g_object_new (ALAMA_TYPE_SEARCH_RESULT, NULL);

  self->hit = hit;
  return self;
}

gint64 alama_search_result_get_document_id (AlamaSearchResult *self) { return self->hit->document_id; }
const char *alama_search_result_get_document_name (AlamaSearchResult *self) { return self->hit->document_name; }
gint64 alama_search_result_get_start (AlamaSearchResult *self) { return self->hit->start; }
gint64 alama_search_result_get_end (AlamaSearchResult *self) { return self->hit->end; }
gint64 alama_search_result_get_span_id (AlamaSearchResult *self) { return self->hit->span_id; }
const char *alama_search_result_get_label (AlamaSearchResult *self) { return self->hit->label; }
const char *alama_search_result_get_text (AlamaSearchResult *self) { return self->hit->text; }

/* Code point @n of @text as a byte pointer, clamped to the end. */
static const char *
at_code_point (const char *text,
               gint64      n)
{
  glong length = g_utf8_strlen (text, -1);

  return g_utf8_offset_to_pointer (text, CLAMP (n, 0, length));
}

char *
alama_search_result_dup_markup (AlamaSearchResult *self)
{
  const AlamaSearchHit *hit;
  const char *context, *hit_start, *hit_end;
  g_autofree char *before = NULL, *middle = NULL, *after = NULL;
  g_autofree char *flat = NULL;

  g_return_val_if_fail (ALAMA_IS_SEARCH_RESULT (self), NULL);

  hit = self->hit;
  context = hit->context != NULL ? hit->context : "";
  hit_start = at_code_point (context, hit->start - hit->context_start);
  hit_end = at_code_point (context, hit->end - hit->context_start);
  if (hit_end < hit_start)
    hit_end = hit_start;
  before = g_markup_escape_text (context, hit_start - context);
  middle = g_markup_escape_text (hit_start, hit_end - hit_start);
  after = g_markup_escape_text (hit_end, -1);

  /* One line per hit: newlines of the context become spaces. The isolate keeps
   * an Arabic sentence in its own order inside a Latin (or mirrored) row. */
  flat = g_strdup_printf ("\u2068%s<b>%s</b>%s\u2069", before, middle, after);
  g_strdelimit (flat, "\r\n", ' ');
  return g_steal_pointer (&flat);
}

/* ---- The search, in a thread ---------------------------------------------- */

typedef struct
{
  char             *project_path;
  char             *text;
  AlamaSearchFlags  flags;
  gboolean          annotations;   /* filters set: search annotations */
  char             *label;
  AlamaStatusMask   statuses;
  char             *source;
  char             *annotator;
  char            **attributes;
  char            **related;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  g_free (job->project_path);
  g_free (job->text);
  g_free (job->label);
  g_free (job->source);
  g_free (job->annotator);
  g_strfreev (job->attributes);
  g_strfreev (job->related);
  g_free (job);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchJob *job = task_data;
  g_autoptr(AlamaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *hits;

  /* Writable when we may (the search index is kept in the project), else read
   * the documents (the core then scans). */
  store = alama_store_open (job->project_path, ALAMA_STORE_OPEN_DEFAULT, NULL);
  if (store == NULL)
    store = alama_store_open (job->project_path, ALAMA_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->annotations)
    {
      AlamaAnnotationQuery query = {
        .label = job->label,
        .statuses = job->statuses,
        .source = job->source,
        .annotator = job->annotator,
        .text = job->text,
        .attributes = (const char * const *) job->attributes,
        .related = (const char * const *) job->related,
        .limit = RESULT_LIMIT,
      };
      hits = alama_search_annotations (store, &query, &error);
    }
  else
    hits = alama_search_text (store, job->text, job->flags, RESULT_LIMIT, cancellable, &error);

  if (hits == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, hits, (GDestroyNotify) g_ptr_array_unref);
}

/* ---- The panel ------------------------------------------------------------ */

struct _AlamaSearchPanel
{
  GtkWidget     parent_instance;

  /* Template widgets */
  GtkWidget    *box;
  GtkWidget    *entry;
  GtkWidget    *exact_toggle;
  GtkWidget    *label_dropdown;
  GtkWidget    *status_dropdown;
  GtkWidget    *source_entry;
  GtkWidget    *annotator_entry;
  GtkWidget    *attribute_entry;
  GtkWidget    *related_entry;
  GtkWidget    *status_label;
  GtkWidget    *list_view;

  GtkStringList *label_keys;   /* "Any Label" first, then the label keys */

  /* Owned */
  char         *project_path;
  GListStore   *results;
  GCancellable *cancellable;   /* the running search */
  guint         debounce_id;
};

G_DEFINE_FINAL_TYPE (AlamaSearchPanel, alama_search_panel, GTK_TYPE_WIDGET)

enum { HIT_ACTIVATED, CLOSE, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
entry_text (GtkWidget *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static char *
stripped_or_null (GtkWidget *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (entry_text (entry)));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

/* "stance=accuses, tone=harsh" -> {"stance=accuses", "tone=harsh"}; NULL if empty. */
static char **
split_pairs (GtkWidget *entry)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[,،;]", entry_text (entry), 0, 0);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean any = FALSE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        {
          g_strv_builder_add (builder, parts[i]);
          any = TRUE;
        }
    }
  return any ? g_strv_builder_end (builder) : NULL;
}

static void
set_status (AlamaSearchPanel *self,
            const char       *status)
{
  gtk_label_set_label (GTK_LABEL (self->status_label), status);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AlamaSearchPanel) self = user_data;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  guint n;

  hits = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;   /* a newer search replaced this one */
  g_clear_object (&self->cancellable);

  g_list_store_remove_all (self->results);
  if (hits == NULL)
    {
      set_status (self, alama_error_text (error));
      return;
    }

  n = hits->len;
  /* Hand the hits over to the results without copying them. */
  g_ptr_array_set_free_func (hits, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AlamaSearchResult) item = alama_search_result_new (hits->pdata[i]);

      g_list_store_append (self->results, item);
    }
  if (n == 0)
    status = g_strdup (_("No results"));
  else if (n >= RESULT_LIMIT)
    status = g_strdup_printf (_("The first %u results"), n);
  else
    status = g_strdup_printf (ngettext ("%u result", "%u results", n), n);
  set_status (self, status);
}

static gboolean
has_filters (AlamaSearchPanel *self)
{
  return gtk_drop_down_get_selected (GTK_DROP_DOWN (self->label_dropdown)) > 0 ||
         gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status_dropdown)) > 0 ||
         entry_text (self->source_entry)[0] != '\0' ||
         entry_text (self->annotator_entry)[0] != '\0' ||
         entry_text (self->attribute_entry)[0] != '\0' ||
         entry_text (self->related_entry)[0] != '\0';
}

static void
start_search (AlamaSearchPanel *self)
{
  static const AlamaStatusMask status_masks[] = {
    0, ALAMA_STATUS_MASK_ACCEPTED, ALAMA_STATUS_MASK_PENDING, ALAMA_STATUS_MASK_REJECTED,
  };
  g_autoptr(GTask) task = NULL;
  SearchJob *job;
  guint label_index, status_index;

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->project_path == NULL)
    return;

  job = g_new0 (SearchJob, 1);
  job->project_path = g_strdup (self->project_path);
  job->text = stripped_or_null (self->entry);
  job->annotations = has_filters (self);
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->exact_toggle)))
    job->flags |= ALAMA_SEARCH_EXACT;

  if (!job->annotations && job->text == NULL)
    {
      search_job_free (job);
      g_list_store_remove_all (self->results);
      set_status (self, "");
      return;
    }

  label_index = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->label_dropdown));
  if (label_index > 0 && label_index != GTK_INVALID_LIST_POSITION)
    job->label = g_strdup (gtk_string_list_get_string (self->label_keys, label_index));
  status_index = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status_dropdown));
  if (status_index < G_N_ELEMENTS (status_masks))
    job->statuses = status_masks[status_index];
  job->source = stripped_or_null (self->source_entry);
  job->annotator = stripped_or_null (self->annotator_entry);
  job->attributes = split_pairs (self->attribute_entry);
  job->related = split_pairs (self->related_entry);

  self->cancellable = g_cancellable_new ();
  set_status (self, _("Searching…"));
  task = g_task_new (NULL, self->cancellable, search_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_search);
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  g_task_run_in_thread (task, search_thread);
}

static gboolean
debounce_cb (gpointer user_data)
{
  AlamaSearchPanel *self = user_data;

  self->debounce_id = 0;
  start_search (self);
  return G_SOURCE_REMOVE;
}

static void
query_changed_cb (AlamaSearchPanel *self)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (DEBOUNCE_MS, debounce_cb, self);
}

void
alama_search_panel_activate (AlamaSearchPanel *self,
                             guint             position)
{
  g_autoptr(AlamaSearchResult) result = NULL;

  g_return_if_fail (ALAMA_IS_SEARCH_PANEL (self));

  result = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  if (result == NULL)
    return;
  g_signal_emit (self, signals[HIT_ACTIVATED], 0, result->hit->document_id, result->hit->start,
                 result->hit->end, result->hit->span_id);
}

static void
list_activate_cb (AlamaSearchPanel *self,
                  guint             position)
{
  alama_search_panel_activate (self, position);
}

/* Enter in the entry opens the first hit. */
static void
entry_activate_cb (AlamaSearchPanel *self)
{
  if (self->debounce_id != 0 || self->cancellable != NULL)
    {
      start_search (self);
      return;
    }
  alama_search_panel_activate (self, 0);
}

static void
stop_search_cb (AlamaSearchPanel *self)
{
  g_signal_emit (self, signals[CLOSE], 0);
}

/* ---- Rows ------------------------------------------------------------------ */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *context = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "caption-heading");
  gtk_widget_add_css_class (name, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (context), 0);
  gtk_label_set_wrap (GTK_LABEL (context), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (context), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (context), 3);
  gtk_label_set_ellipsize (GTK_LABEL (context), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), context);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  AlamaSearchResult *result = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *context = gtk_widget_get_next_sibling (name);
  g_autofree char *markup = alama_search_result_dup_markup (result);
  g_autofree char *heading = NULL;

  if (result->hit->label != NULL)
    heading = g_strdup_printf ("%s · %s", result->hit->document_name, result->hit->label);
  gtk_label_set_label (GTK_LABEL (name), heading != NULL ? heading : result->hit->document_name);
  gtk_label_set_markup (GTK_LABEL (context), markup);
}

/* ---- Public API ------------------------------------------------------------ */

void
alama_search_panel_set_store (AlamaSearchPanel *self,
                              AlamaStore       *store)
{
  g_autoptr(AlamaSchema) schema = NULL;
  guint n_old;

  g_return_if_fail (ALAMA_IS_SEARCH_PANEL (self));

  g_clear_pointer (&self->project_path, g_free);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_list_store_remove_all (self->results);
  set_status (self, "");

  /* The label filter lists the project's labels. */
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->label_keys));
  gtk_string_list_splice (self->label_keys, 1, n_old - 1, NULL);
  if (store == NULL)
    return;
  self->project_path = g_strdup (alama_store_get_path (store));
  schema = alama_store_get_schema (store);
  for (guint i = 0; schema != NULL && i < schema->labels->len; i++)
    gtk_string_list_append (self->label_keys, ((AlamaLabel *) schema->labels->pdata[i])->key);
}

void
alama_search_panel_focus (AlamaSearchPanel *self)
{
  g_return_if_fail (ALAMA_IS_SEARCH_PANEL (self));

  gtk_widget_grab_focus (self->entry);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

void
alama_search_panel_search (AlamaSearchPanel *self,
                           const char       *label,
                           const char       *text)
{
  guint position = 0;

  g_return_if_fail (ALAMA_IS_SEARCH_PANEL (self));

  if (label != NULL)
    for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (self->label_keys)); i++)
      if (g_strcmp0 (gtk_string_list_get_string (self->label_keys, i), label) == 0)
        position = i;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->label_dropdown), position);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->status_dropdown), 0);
  gtk_editable_set_text (GTK_EDITABLE (self->source_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->annotator_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->attribute_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->related_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  start_search (self);
}

GListModel *
alama_search_panel_get_results (AlamaSearchPanel *self)
{
  g_return_val_if_fail (ALAMA_IS_SEARCH_PANEL (self), NULL);
  return G_LIST_MODEL (self->results);
}

const char *
alama_search_panel_get_status (AlamaSearchPanel *self)
{
  g_return_val_if_fail (ALAMA_IS_SEARCH_PANEL (self), NULL);
  return gtk_label_get_label (GTK_LABEL (self->status_label));
}

gboolean
alama_search_panel_is_busy (AlamaSearchPanel *self)
{
  g_return_val_if_fail (ALAMA_IS_SEARCH_PANEL (self), FALSE);
  return self->debounce_id != 0 || self->cancellable != NULL;
}

/* ---- GObject ---------------------------------------------------------------- */

static void
alama_search_panel_dispose (GObject *object)
{
  AlamaSearchPanel *self = ALAMA_SEARCH_PANEL (object);

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALAMA_TYPE_SEARCH_PANEL);
  g_clear_object (&self->results);

  G_OBJECT_CLASS (alama_search_panel_parent_class)->dispose (object);
}

static void
alama_search_panel_finalize (GObject *object)
{
  g_free (ALAMA_SEARCH_PANEL (object)->project_path);
  G_OBJECT_CLASS (alama_search_panel_parent_class)->finalize (object);
}

static void
alama_search_panel_class_init (AlamaSearchPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = alama_search_panel_dispose;
  object_class->finalize = alama_search_panel_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "searchpanel");

  signals[HIT_ACTIVATED] = g_signal_new ("hit-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                                         G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);
  signals[CLOSE] = g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/alama/Workbench/alama-search-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, AlamaSearchPanel, box);
  gtk_widget_class_bind_template_child (widget_class, AlamaSearchPanel, entry);
  gtk_widget_class_bind_template_child (widget_class, AlamaSearchPanel, exact_toggle);
  gtk_widget_class_bind_template_child (widget_class, AlamaSearchPanel, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AlamaSearchPanel, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AlamaSearchPanel, source_entry);
  gtk_widget_class_bind_template_child (widget_class, AlamaSearchPanel, annotator_entry);
  gtk_widget_class_bind_template_child (widget_class, AlamaSearchPanel, attribute_entry);
  gtk_widget_class_bind_template_child (widget_class, AlamaSearchPanel, related_entry);
  gtk_widget_class_bind_template_child (widget_class, AlamaSearchPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, AlamaSearchPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, AlamaSearchPanel, label_keys);
  gtk_widget_class_bind_template_callback (widget_class, query_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_search);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
}

static void
alama_search_panel_init (AlamaSearchPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->results = g_list_store_new (ALAMA_TYPE_SEARCH_RESULT);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->results)));
  gtk_list_view_set_model (GTK_LIST_VIEW (self->list_view), GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (GTK_LIST_VIEW (self->list_view), factory);
}

GtkWidget *
alama_search_panel_new (void)
{
  return g_object_new (ALAMA_TYPE_SEARCH_PANEL, NULL);
}
