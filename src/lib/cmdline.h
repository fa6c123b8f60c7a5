/* SPDX-License-Identifier: MIT */
/* "key=value key2 key3=v" command lines (the hypervisor's, from the pack). */
#ifndef LIB_CMDLINE_H
#define LIB_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Copy the value of 'key' into buf (NUL-terminated, truncated to size). A bare
 * "key" has the value "". Returns true if the key is present. The last
 * occurrence wins.
 */
bool cmdline_get(const char *cmdline, const char *key, char *buf, size_t size);

#endif
