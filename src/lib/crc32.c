// SPDX-License-Identifier: MIT
/*
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as zlib.crc32.
 *
 * The hypervisor checks the whole boot pack with it (tens of MB with a Linux guest), so
 * it must be fast: on AArch64 cores with the CRC32 instructions (ID_AA64ISAR0_EL1.CRC32,
 * optional in Armv8.0, mandatory from 8.1) eight bytes per CRC32X; elsewhere (and in the
 * native unit tests) a table, one lookup per byte.
 */
#include <stdbool.h>

#include "lib/crc32.h"

#define CRC32_POLY_REFLECTED 0xEDB88320u

/* crc_table[b] = the CRC remainder of byte b alone; built on first use (idempotent). */
static uint32_t crc_table[256];
static bool crc_table_ready;

static void crc_table_init(void)
{
        for (uint32_t b = 0; b < 256; b++) {
                uint32_t c = b;
                for (int k = 0; k < 8; k++)
                        c = (c >> 1) ^ (CRC32_POLY_REFLECTED & (0u - (c & 1)));
                crc_table[b] = c;
        }
        crc_table_ready = true;
}

static uint32_t crc32_table(uint32_t crc, const uint8_t *p, size_t len)
{
        if (!crc_table_ready)
                crc_table_init();
        while (len--)
                crc = crc_table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
        return crc;
}

#if defined(__aarch64__)
/* ID_AA64ISAR0_EL1.CRC32, bits [19:16]: 0b0001 = CRC32* instructions implemented. */
#define ID_AA64ISAR0_EL1_CRC32_SHIFT 16

static bool cpu_has_crc32(void)
{
        uint64_t isar0;
        __asm__ volatile("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
        return ((isar0 >> ID_AA64ISAR0_EL1_CRC32_SHIFT) & 0xF) != 0;
}

static uint32_t crc32_hw(uint32_t crc, const uint8_t *p, size_t len)
{
        while (len && ((uintptr_t)p & 7)) {
                __asm__(".arch_extension crc\n\tcrc32b %w0, %w0, %w1" : "+r"(crc) : "r"((uint32_t)*p));
                p++;
                len--;
        }
        for (; len >= 32; len -= 32, p += 32) {
                const uint64_t *w = (const void *)p;
                uint64_t a = w[0], b = w[1], c = w[2], d = w[3];

                __asm__(".arch_extension crc\n\t"
                        "crc32x %w0, %w0, %x1\n\tcrc32x %w0, %w0, %x2\n\t"
                        "crc32x %w0, %w0, %x3\n\tcrc32x %w0, %w0, %x4"
                        : "+r"(crc) : "r"(a), "r"(b), "r"(c), "r"(d));
        }
        for (; len >= 8; len -= 8, p += 8) {
                uint64_t v = *(const uint64_t *)(const void *)p;
                __asm__(".arch_extension crc\n\tcrc32x %w0, %w0, %x1" : "+r"(crc) : "r"(v));
        }
        while (len--) {
                __asm__(".arch_extension crc\n\tcrc32b %w0, %w0, %w1" : "+r"(crc) : "r"((uint32_t)*p));
                p++;
        }
        return crc;
}
#endif

uint32_t crc32(uint32_t crc, const void *buf, size_t len)
{
        crc = ~crc;
#if defined(__aarch64__)
        if (cpu_has_crc32())
                return ~crc32_hw(crc, buf, len);
#endif
        return ~crc32_table(crc, buf, len);
}
