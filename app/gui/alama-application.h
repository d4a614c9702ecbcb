#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALAMA_TYPE_APPLICATION (alama_application_get_type ())
G_DECLARE_FINAL_TYPE (AlamaApplication, alama_application, ALAMA, APPLICATION, AdwApplication)

AlamaApplication *alama_application_new (void);

G_END_DECLS
