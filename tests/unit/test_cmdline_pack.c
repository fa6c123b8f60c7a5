// SPDX-License-Identifier: MIT
#include <stdint.h>
#include <stdlib.h>

#include "core/pack.h"
#include "lib/cmdline.h"
#include "lib/crc32.h"
#include "test.h"

static void put32(uint8_t *p, uint32_t v)
{
        for (int i = 0; i < 4; i++)
                p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
        for (int i = 0; i < 8; i++)
                p[i] = (uint8_t)(v >> (8 * i));
}

static void seal(uint8_t *b, uint64_t total)
{
        put32(b + 56, crc32(0, b + 64, total - 64));
}

int main(void)
{
        char v[16];

        CHECK(cmdline_get("loglevel=debug selftest=crash-dabt", "selftest", v, sizeof(v)));
        CHECK_STR(v, "crash-dabt");
        CHECK(cmdline_get("  a=1 quiet b=2", "quiet", v, sizeof(v)));
        CHECK_STR(v, "");
        CHECK(!cmdline_get("ab=1", "a", v, sizeof(v)));
        CHECK(cmdline_get("a=1 a=2", "a", v, sizeof(v)));
        CHECK_STR(v, "2");
        CHECK(cmdline_get("k=0123456789abcdefXYZ", "k", v, sizeof(v)));
        CHECK_STR(v, "0123456789abcde");
        CHECK(!cmdline_get("", "k", v, sizeof(v)));

        CHECK_EQ_U64(crc32(0, "123456789", 9), 0xCBF43926);
        CHECK_EQ_U64(crc32(0, "", 0), 0);
        {
                /* Against the bit-at-a-time definition, at every alignment and length
                 * around the 8-byte step, and chained (crc of a then b = crc of a+b). */
                static uint8_t buf[300];
                uint32_t x = 12345;
                for (size_t i = 0; i < sizeof(buf); i++) {
                        x = x * 1103515245u + 12345u;
                        buf[i] = (uint8_t)(x >> 16);
                }
                for (size_t off = 0; off < 9; off++) {
                        for (size_t len = 0; len + off <= sizeof(buf); len += 7) {
                                uint32_t ref = ~0u;
                                for (size_t i = 0; i < len; i++) {
                                        ref ^= buf[off + i];
                                        for (int k = 0; k < 8; k++)
                                                ref = (ref >> 1) ^ (0xEDB88320u & (0u - (ref & 1)));
                                }
                                CHECK_EQ_U64(crc32(0, buf + off, len), ~ref);
                                size_t half = len / 3;
                                CHECK_EQ_U64(crc32(crc32(0, buf + off, half), buf + off + half, len - half), ~ref);
                        }
                }
        }

        /* A pack as hypctl writes it. */
        enum { TOTAL = 4096 };
        uint8_t *b = calloc(1, TOTAL);
        struct pack p;
        memcpy(b, "HYPPACK1", 8);
        put32(b + 8, 1);
        put32(b + 12, 64);
        put64(b + 16, TOTAL);
        put64(b + 24, 64);
        put64(b + 32, 16);
        memcpy(b + 64, "loglevel=debug", 15);
        seal(b, TOTAL);
        CHECK_EQ_U64(pack_open(b, TOTAL, &p), PACK_OK);
        CHECK_STR(p.cmdline, "loglevel=debug");
        CHECK(p.config == NULL);
        CHECK(pack_slice(&p, 4000, 96) != NULL);
        CHECK(pack_slice(&p, 4000, 97) == NULL);
        CHECK(pack_slice(&p, UINT64_MAX, 2) == NULL);

        CHECK_EQ_U64(pack_open(b, TOTAL - 1, &p), PACK_BAD_SIZE);       /* larger than the space */
        b[100] ^= 1;
        CHECK_EQ_U64(pack_open(b, TOTAL, &p), PACK_BAD_CRC);
        b[100] ^= 1;
        put64(b + 32, 14);                                              /* cmdline not terminated */
        seal(b, TOTAL);
        CHECK_EQ_U64(pack_open(b, TOTAL, &p), PACK_BAD_CMDLINE);
        put64(b + 32, UINT64_MAX);                                      /* overflow attempt */
        seal(b, TOTAL);
        CHECK_EQ_U64(pack_open(b, TOTAL, &p), PACK_BAD_SIZE);
        put32(b + 8, 2);
        CHECK_EQ_U64(pack_open(b, TOTAL, &p), PACK_BAD_VERSION);
        b[0] = 'X';
        CHECK_EQ_U64(pack_open(b, TOTAL, &p), PACK_ABSENT);
        free(b);
        TEST_MAIN_END();
}
