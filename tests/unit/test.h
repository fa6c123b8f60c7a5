/* SPDX-License-Identifier: MIT */
/* A tiny unit-test harness: CHECK() records failures with file:line, main returns their count. */
#ifndef TESTS_UNIT_TEST_H
#define TESTS_UNIT_TEST_H

#include <stdio.h>
#include <string.h>

static int test_failures;
static int test_checks;

#define CHECK(cond) do {                                                        \
        test_checks++;                                                          \
        if (!(cond)) {                                                          \
                test_failures++;                                                \
                fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                       \
} while (0)

#define CHECK_EQ_U64(a, b) do {                                                 \
        unsigned long long _a = (unsigned long long)(a), _b = (unsigned long long)(b); \
        test_checks++;                                                          \
        if (_a != _b) {                                                         \
                test_failures++;                                                \
                fprintf(stderr, "%s:%d: %s == 0x%llx, expected %s == 0x%llx\n", \
                        __FILE__, __LINE__, #a, _a, #b, _b);                    \
        }                                                                       \
} while (0)

#define CHECK_STR(a, b) do {                                                    \
        const char *_a = (a), *_b = (b);                                        \
        test_checks++;                                                          \
        if (!_a || strcmp(_a, _b)) {                                            \
                test_failures++;                                                \
                fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n",       \
                        __FILE__, __LINE__, #a, _a ? _a : "(null)", _b);        \
        }                                                                       \
} while (0)

#define TEST_MAIN_END() do {                                                    \
        printf("%d checks, %d failed\n", test_checks, test_failures);           \
        return test_failures ? 1 : 0;                                           \
} while (0)

#endif
