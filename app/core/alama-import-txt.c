/* PLACEHOLDER: to be written. */
#define G_LOG_DOMAIN "alama-import-txt"
