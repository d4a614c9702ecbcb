/* PLACEHOLDER */
#define G_LOG_DOMAIN "alama-window"
