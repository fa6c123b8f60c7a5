// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for what the hypervisor reads from the pack, which is input:
 * pack_open (src/core/pack.c), then the VM configuration inside it, config_parse
 * (src/core/config.c). Build and run: tests/fuzz/run-fuzz.sh [seconds] pack.
 *
 * A mutated pack almost never has a matching CRC, which would stop every input at
 * pack_open. So an input that starts with the pack magic gets its CRC fixed up
 * first (over what its header says the pack holds, when that is inside the input):
 * mutations of the header and of the configuration blob then reach config_parse.
 *
 * Whatever is accepted must be consistent: each VM's name is a valid, terminated
 * string, its vCPU count and memory size are in range, and every image slice and
 * the bootargs string lie inside the pack.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/pack.h"
#include "lib/crc32.h"
#include "lib/log.h"

#include "fuzz.h"

static void quiet(char c)
{
        (void)c;
}

static uint64_t ld64(const uint8_t *p)
{
        uint64_t v;

        memcpy(&v, p, 8);
        return v;
}

static void fix_crc(uint8_t *buf, size_t size)
{
        uint32_t hsize, crc;
        uint64_t total;

        if (size < PACK_HEADER_SIZE || memcmp(buf, PACK_MAGIC, 8))
                return;
        memcpy(&hsize, buf + 12, 4);
        total = ld64(buf + 16);
        if (hsize > total || total > size)
                return;
        crc = crc32(0, buf + hsize, (size_t)(total - hsize));
        memcpy(buf + 56, &crc, 4);
}

static void check_slice(const struct pack *p, const struct image_ref *r, int required)
{
        if (!r->data) {
                ASSERT(!required && r->size == 0);
                return;
        }
        ASSERT((const uint8_t *)r->data >= p->base);
        ASSERT(r->size <= p->size);
        ASSERT((uint64_t)((const uint8_t *)r->data - p->base) <= p->size - r->size);
}

static int inside(const struct pack *p, const char *s)
{
        return (const uint8_t *)s >= p->base && (const uint8_t *)s < p->base + p->size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static struct vm_config cfgs[VM_MAX];
        struct pack p;
        uint8_t *buf = malloc(size ? size : 1);
        unsigned int n, rejected;

        log_set_sink(quiet);
        memcpy(buf, data, size);
        fix_crc(buf, size);
        if (pack_open(buf, size, &p) != PACK_OK) {
                free(buf);
                return 0;
        }
        ASSERT(p.base == buf && p.size <= size);
        ASSERT(p.cmdline != NULL);
        if (inside(&p, p.cmdline))
                ASSERT(memchr(p.cmdline, '\0', (size_t)(p.base + p.size - (const uint8_t *)p.cmdline)));
        else
                ASSERT(p.cmdline[0] == '\0');  /* none: the empty string */
        if (p.config)
                ASSERT(pack_slice(&p, (uint64_t)((const uint8_t *)p.config - p.base),
                                  p.config_size) == p.config);

        memset(cfgs, 0xa5, sizeof(cfgs));
        n = config_parse(&p, cfgs, VM_MAX, &rejected);
        ASSERT(n <= VM_MAX);
        if (!p.config)
                ASSERT(n == 0 && rejected == 0);
        for (unsigned int i = 0; i < n; i++) {
                const struct vm_config *c = &cfgs[i];
                size_t len = strnlen(c->name, VM_NAME_MAX);

                ASSERT(len > 0 && len < VM_NAME_MAX);
                ASSERT(c->nvcpus >= 1 && c->nvcpus <= VM_MAX_VCPUS);
                ASSERT(c->mem_size && c->mem_size % (2u << 20) == 0);
                ASSERT(c->format == IMAGE_LINUX || c->format == IMAGE_ELF ||
                       c->format == IMAGE_RAW);
                check_slice(&p, &c->kernel, 1);
                check_slice(&p, &c->initrd, 0);
                check_slice(&p, &c->dtb, 0);
                if (c->bootargs) {
                        ASSERT(inside(&p, c->bootargs));
                        ASSERT(memchr(c->bootargs, '\0',
                                      (size_t)(p.base + p.size - (const uint8_t *)c->bootargs)));
                }
        }
        free(buf);
        return 0;
}
