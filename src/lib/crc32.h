/* SPDX-License-Identifier: MIT */
#ifndef LIB_CRC32_H
#define LIB_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* CRC-32 (IEEE 802.3, as zlib.crc32): crc32(0, buf, len). */
uint32_t crc32(uint32_t crc, const void *buf, size_t len);

#endif
