/* SPDX-License-Identifier: MIT */
/* What the libFuzzer targets share: the entry point and a check that aborts (a finding). */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ASSERT(c) do {                                                          \
        if (!(c)) {                                                             \
                fprintf(stderr, "%s:%d: assertion failed: %s\n", __FILE__, __LINE__, #c); \
                abort();                                                        \
        }                                                                       \
} while (0)

#endif
