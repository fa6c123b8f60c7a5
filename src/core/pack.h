/* SPDX-License-Identifier: MIT */
/*
 * The pack: what hypctl loads next to the hypervisor (at __pack_base) so guests
 * change without a C rebuild. Layout (little-endian), written by
 * tools/hypctl_lib/pack.py:
 *
 *   0  char magic[8]      "HYPPACK1"
 *   8  u32  version       1
 *  12  u32  header_size   64
 *  16  u64  total_size    whole blob, padded to 4 KiB
 *  24  u64  cmdline_off   NUL-terminated hypervisor command line (0: none)
 *  32  u64  cmdline_size
 *  40  u64  config_off    flattened device tree with the VM configuration (0: none)
 *  48  u64  config_size
 *  56  u32  crc32         of bytes [header_size, total_size)
 *  60  u32  reserved
 */
#ifndef CORE_PACK_H
#define CORE_PACK_H

#include <stddef.h>
#include <stdint.h>

#define PACK_MAGIC              "HYPPACK1"
#define PACK_VERSION            1
#define PACK_HEADER_SIZE        64

struct pack_header {
        char magic[8];
        uint32_t version;
        uint32_t header_size;
        uint64_t total_size;
        uint64_t cmdline_off;
        uint64_t cmdline_size;
        uint64_t config_off;
        uint64_t config_size;
        uint32_t crc32;
        uint32_t reserved;
};

struct pack {
        const uint8_t *base;
        uint64_t size;
        const char *cmdline;            /* "" when none */
        const void *config;             /* NULL when none */
        uint64_t config_size;
};

enum pack_status {
        PACK_OK = 0,
        PACK_ABSENT,                    /* no magic: nothing was loaded */
        PACK_BAD_VERSION,
        PACK_BAD_SIZE,                  /* sizes/offsets outside the blob or the limit */
        PACK_BAD_CRC,
        PACK_BAD_CMDLINE,               /* not NUL-terminated */
};

/* Validate a pack at base, which may span at most max_size bytes. */
enum pack_status pack_open(const void *base, uint64_t max_size, struct pack *out);
const char *pack_status_str(enum pack_status s);
/* Bounds-checked view of [off, off+size) inside the pack; NULL if outside. */
const void *pack_slice(const struct pack *p, uint64_t off, uint64_t size);

#endif
