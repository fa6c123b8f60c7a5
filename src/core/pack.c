// SPDX-License-Identifier: MIT
#include "core/pack.h"
#include "lib/crc32.h"
#include "lib/string.h"

static uint64_t ld64(const uint8_t *p)
{
        uint64_t v = 0;

        for (int i = 7; i >= 0; i--)
                v = (v << 8) | p[i];
        return v;
}

static uint32_t ld32(const uint8_t *p)
{
        return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

const char *pack_status_str(enum pack_status s)
{
        switch (s) {
        case PACK_OK: return "ok";
        case PACK_ABSENT: return "no pack loaded";
        case PACK_BAD_VERSION: return "unsupported pack version (rebuild it with this tree's hypctl)";
        case PACK_BAD_SIZE: return "pack sections lie outside the pack";
        case PACK_BAD_CRC: return "pack checksum mismatch (corrupt or partly loaded)";
        case PACK_BAD_CMDLINE: return "pack command line is not NUL-terminated";
        }
        return "?";
}

const void *pack_slice(const struct pack *p, uint64_t off, uint64_t size)
{
        if (off > p->size || size > p->size - off)
                return NULL;
        return p->base + off;
}

enum pack_status pack_open(const void *base, uint64_t max_size, struct pack *out)
{
        const uint8_t *b = base;
        uint64_t total, cmd_off, cmd_size, cfg_off, cfg_size;
        uint32_t hdr_size;

        memset(out, 0, sizeof(*out));
        if (max_size < PACK_HEADER_SIZE || memcmp(b, PACK_MAGIC, 8))
                return PACK_ABSENT;
        if (ld32(b + 8) != PACK_VERSION)
                return PACK_BAD_VERSION;
        hdr_size = ld32(b + 12);
        total = ld64(b + 16);
        cmd_off = ld64(b + 24);
        cmd_size = ld64(b + 32);
        cfg_off = ld64(b + 40);
        cfg_size = ld64(b + 48);
        if (hdr_size < PACK_HEADER_SIZE || total < hdr_size || total > max_size)
                return PACK_BAD_SIZE;
        out->base = b;
        out->size = total;
        if ((cmd_off && !pack_slice(out, cmd_off, cmd_size)) ||
            (cfg_off && !pack_slice(out, cfg_off, cfg_size)) ||
            (cmd_off && cmd_off < hdr_size) || (cfg_off && cfg_off < hdr_size))
                return PACK_BAD_SIZE;
        if (crc32(0, b + hdr_size, total - hdr_size) != ld32(b + 56))
                return PACK_BAD_CRC;
        out->cmdline = "";
        if (cmd_off && cmd_size) {
                const char *s = (const char *)b + cmd_off;
                if (strnlen(s, cmd_size) == cmd_size)
                        return PACK_BAD_CMDLINE;
                out->cmdline = s;
        }
        if (cfg_off && cfg_size) {
                out->config = b + cfg_off;
                out->config_size = cfg_size;
        }
        return PACK_OK;
}
