// SPDX-License-Identifier: MIT
#include <stdint.h>

#include "lib/printf.h"
#include "test.h"

/* Deliberately odd formats ("%q", NULL strings) are part of the test. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#ifndef __clang__
#pragma GCC diagnostic ignored "-Wformat-overflow"
#endif

static char buf[256];

#define FMT(expect, ...) do {                                                   \
        int _n = fmt_snprintf(buf, sizeof(buf), __VA_ARGS__);                   \
        CHECK_STR(buf, expect);                                                 \
        CHECK_EQ_U64(_n, strlen(expect));                                       \
} while (0)

int main(void)
{
        FMT("Hello, world!", "Hello, %s!", "world");
        FMT("42 -42 0", "%d %i %u", 42, -42, 0u);
        FMT("ff FF 0xff 777", "%x %X %#x %o", 255u, 255u, 255u, 0777u);
        FMT("00001234", "%08x", 0x1234u);
        FMT("    12|12    |", "%6d|%-6d|", 12, 12);
        FMT("-0012", "%05d", -12);
        FMT("+7  7", "%+d % d", 7, 7);
        FMT("ffffffffffffffff", "%llx", (unsigned long long)UINT64_MAX);
        FMT("-9223372036854775808", "%lld", (long long)INT64_MIN);
        FMT("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
        FMT("0x1000", "%p", (void *)0x1000);
        FMT("abc", "%.3s", "abcdef");
        FMT("  ab", "%*s", 4, "ab");
        FMT("ab  |", "%-*s|", 4, "ab");
        FMT("(null)", "%s", (char *)NULL);
        FMT("x%", "%c%%", 'x');
        FMT("-1 255 65535", "%hhd %hhu %hu", -1, 255, 65535);
        FMT("12345", "%zu", (size_t)12345);
        FMT("", "%.0d", 0);
        FMT("007", "%.3d", 7);
        FMT("%q", "%q");

        /* Truncation: still NUL-terminated, returns the full length. */
        char small[5];
        int n = fmt_snprintf(small, sizeof(small), "%s", "truncated");
        CHECK_STR(small, "trun");
        CHECK_EQ_U64(n, 9);
        TEST_MAIN_END();
}
