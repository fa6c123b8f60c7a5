// SPDX-License-Identifier: MIT
#include "lib/log.h"
#include "lib/printf.h"
#include "lib/spinlock.h"
#include "lib/string.h"

static void (*sink)(char c);
static enum log_level current_level = LOG_INFO;
static spinlock_t console_spin = SPINLOCK_INIT;

static const char *const level_names[] = {
        [LOG_ERROR] = "error",
        [LOG_WARN] = "warn",
        [LOG_INFO] = "info",
        [LOG_DEBUG] = "debug",
};

void log_set_sink(void (*putc)(char c))
{
        sink = putc;
}

void log_set_level(enum log_level level)
{
        current_level = level;
}

enum log_level log_get_level(void)
{
        return current_level;
}

int log_level_from_name(const char *name, enum log_level *out)
{
        for (unsigned i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++) {
                if (!strcmp(name, level_names[i])) {
                        *out = (enum log_level)i;
                        return 0;
                }
        }
        return -1;
}

static void sink_putc(void *ctx, char c)
{
        (void)ctx;
        if (sink)
                sink(c);
}

void console_lock(void)
{
        spin_lock(&console_spin);
}

void console_unlock(void)
{
        spin_unlock(&console_spin);
}

void kputs_raw(const char *s, size_t len)
{
        console_lock();
        if (sink)
                for (size_t i = 0; i < len; i++)
                        sink(s[i]);
        console_unlock();
}

int kprintf_locked(const char *fmt, ...)
{
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = fmt_vformat(sink_putc, NULL, fmt, ap);
        va_end(ap);
        return n;
}

int kvprintf(const char *fmt, va_list ap)
{
        int n;

        console_lock();
        n = fmt_vformat(sink_putc, NULL, fmt, ap);
        console_unlock();
        return n;
}

int kprintf(const char *fmt, ...)
{
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = kvprintf(fmt, ap);
        va_end(ap);
        return n;
}

void klog(enum log_level level, const char *fmt, ...)
{
        static const char *const prefix[] = {
                [LOG_ERROR] = "hyp: error: ",
                [LOG_WARN] = "hyp: warning: ",
                [LOG_INFO] = "hyp: ",
                [LOG_DEBUG] = "hyp: debug: ",
        };
        va_list ap;

        if (level > current_level)
                return;
        va_start(ap, fmt);
        console_lock();
        fmt_vformat(sink_putc, NULL, prefix[level], ap);
        fmt_vformat(sink_putc, NULL, fmt, ap);
        console_unlock();
        va_end(ap);
}
