/* alama.h: everything the core exposes. The GUI, the CLI and the tests include this. */
#pragma once

#include "alama-types.h"
#include "alama-arabic.h"
#include "alama-document.h"
#include "alama-document-model.h"
#include "alama-eval.h"
#include "alama-export.h"
#include "alama-import.h"
#include "alama-row-changes.h"
#include "alama-schema.h"
#include "alama-search.h"
#include "alama-span.h"
#include "alama-span-index.h"
#include "alama-stats.h"
#include "alama-store.h"
#include "alama-tagger.h"
#include "alama-text.h"
