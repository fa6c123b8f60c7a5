/* SPDX-License-Identifier: MIT */
/* Console logger with levels; one lock so lines from several CPUs don't interleave. */
#ifndef LIB_LOG_H
#define LIB_LOG_H

#include <stdarg.h>
#include <stddef.h>

enum log_level {
        LOG_ERROR,
        LOG_WARN,
        LOG_INFO,
        LOG_DEBUG,
};

/* The sink (the physical UART); set once at boot. */
void log_set_sink(void (*putc)(char c));
void log_set_level(enum log_level level);
enum log_level log_get_level(void);
int log_level_from_name(const char *name, enum log_level *out);

/* printf to the console, no prefix, no level filtering. */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);
/* A message at a level ("error: ", "warning: ", "" or "debug: " prefix); filtered. */
void klog(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Hold the console across several calls (a crash report, a table). Nests per CPU: no. */
void console_lock(void);
void console_unlock(void);
/* Raw output while the console is locked by the caller. */
int kprintf_locked(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Raw bytes to the console, under its lock (no formatting: the guests' console path). */
void kputs_raw(const char *s, size_t len);

#define log_error(...)  klog(LOG_ERROR, __VA_ARGS__)
#define log_warn(...)   klog(LOG_WARN, __VA_ARGS__)
#define log_info(...)   klog(LOG_INFO, __VA_ARGS__)
#define log_debug(...)  klog(LOG_DEBUG, __VA_ARGS__)

#endif
