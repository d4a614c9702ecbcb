/* PLACEHOLDER: the window-shell helper replaces this. */
#define G_LOG_DOMAIN "alama-application"

#include "config.h"

#include "alama-application.h"

struct _AlamaApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (AlamaApplication, alama_application, ADW_TYPE_APPLICATION)

static void
alama_application_class_init (AlamaApplicationClass *klass)
{
}

static void
alama_application_init (AlamaApplication *self)
{
}

AlamaApplication *
alama_application_new (void)
{
  return g_object_new (ALAMA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       NULL);
}
