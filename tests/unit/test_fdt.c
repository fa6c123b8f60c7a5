// SPDX-License-Identifier: MIT
/*
 * FDT reader and writer tests.
 *   unit-fdt [sample.dtb [dtc]]
 * sample.dtb is tests/unit/data/sample.dts compiled by dtc at build time; without
 * it the reader-on-real-blob and copy tests are skipped, without dtc the check
 * that dtc decodes the writer's output is.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lib/fdt.h"
#include "lib/fdt_write.h"
#include "test.h"

static const char *dtc_path;

static void be32(uint8_t *p, uint32_t v)
{
        p[0] = (uint8_t)(v >> 24);
        p[1] = (uint8_t)(v >> 16);
        p[2] = (uint8_t)(v >> 8);
        p[3] = (uint8_t)v;
}

static uint32_t hdr(const void *fdt, size_t field)
{
        return fdt32_ld((const uint8_t *)fdt + field);
}

static void set_hdr(void *fdt, size_t field, uint32_t v)
{
        be32((uint8_t *)fdt + field, v);
}

#define H(f) offsetof(struct fdt_header, f)

static uint8_t *load_file(const char *path, size_t *size)
{
        FILE *f = fopen(path, "rb");
        uint8_t *b;
        long n;

        if (!f)
                return NULL;
        fseek(f, 0, SEEK_END);
        n = ftell(f);
        fseek(f, 0, SEEK_SET);
        b = malloc((size_t)n);
        if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
                free(b);
                b = NULL;
        }
        fclose(f);
        *size = (size_t)n;
        return b;
}

/* A heap copy of exactly len bytes, so that ASan sees any read past it. */
static uint8_t *dup_exact(const void *src, size_t len)
{
        uint8_t *b = malloc(len ? len : 1);

        memcpy(b, src, len);
        return b;
}

static const char *name_of(const void *fdt, int node)
{
        return fdt_get_name(fdt, node, NULL);
}

static int count_subnodes(const void *fdt, int parent)
{
        int n = 0;

        for (int off = fdt_first_subnode(fdt, parent); off >= 0; off = fdt_next_subnode(fdt, off))
                n++;
        return n;
}

/*
 * Every API over every node, for blobs that may only have passed fdt_check:
 * the point is that ASan sees no out-of-bounds access. Returns the node count.
 */
static int walk_all(const void *fdt)
{
        int nodes = 0, depth = 0;
        uint64_t a, s;

        (void)fdt_num_mem_rsv(fdt);
        (void)fdt_get_mem_rsv(fdt, 0, &a, &s);
        for (int off = 0; off >= 0 && nodes < 10000; off = fdt_next_node(fdt, off, &depth), nodes++) {
                int len;
                uint32_t v;

                (void)fdt_get_name(fdt, off, &len);
                for (int p = fdt_first_property(fdt, off); p >= 0; p = fdt_next_property(fdt, p)) {
                        const char *pn;
                        const uint8_t *val = fdt_property_at(fdt, p, &pn, &len);
                        volatile uint8_t sink = 0;

                        if (val) {
                                (void)strlen(pn);
                                for (int i = 0; i < len; i++)
                                        sink ^= val[i];
                        }
                        (void)sink;
                }
                (void)fdt_getprop(fdt, off, "reg", &len);
                (void)fdt_getprop_u32(fdt, off, "#address-cells", &v);
                (void)fdt_node_is_compatible(fdt, off, "arm,psci-0.2");
                (void)fdt_parent_offset(fdt, off);
                (void)fdt_address_cells(fdt, off);
                (void)fdt_size_cells(fdt, off);
                for (int i = 0; i < 4 && !fdt_get_reg(fdt, off, i, &a, &s); i++)
                        ;
                (void)count_subnodes(fdt, off);
        }
        (void)fdt_path_offset(fdt, "/cpus/cpu@0");
        (void)fdt_node_offset_by_compatible(fdt, -1, "arm,cortex-a57");
        return nodes;
}

/* ---- the reader against sample.dtb ---------------------------------------------------------- */

static void test_reader(const uint8_t *blob, size_t size)
{
        int root, cpus, cpu2, mem, chosen, psci, l1, l2, l3, off, len, n;
        const char *names[8];
        const char *s;
        const uint8_t *p;
        uint64_t a, sz;
        uint32_t v;

        CHECK_EQ_U64(fdt_check(blob, size), 0);
        CHECK_EQ_U64(fdt_check_full(blob, size), 0);
        CHECK_EQ_U64(fdt_totalsize(blob), size);

        root = fdt_path_offset(blob, "/");
        CHECK_EQ_U64(root, 0);
        CHECK_STR(name_of(blob, root), "");
        cpus = fdt_path_offset(blob, "/cpus");
        CHECK(cpus > 0);
        CHECK_STR(name_of(blob, cpus), "cpus");
        cpu2 = fdt_path_offset(blob, "/cpus/cpu@2");
        CHECK(cpu2 > cpus);
        CHECK_STR(name_of(blob, cpu2), "cpu@2");
        CHECK_EQ_U64(fdt_path_offset(blob, "//cpus//cpu@2/"), cpu2);
        mem = fdt_path_offset(blob, "/memory");
        CHECK(mem > 0);
        CHECK_STR(name_of(blob, mem), "memory@40000000");
        CHECK_EQ_U64(fdt_path_offset(blob, "/memory@40000000"), mem);
        CHECK_EQ_U64(fdt_path_offset(blob, "/memory@80000000"), FDT_ERR_NOTFOUND);
        CHECK_EQ_U64(fdt_path_offset(blob, "/mem"), FDT_ERR_NOTFOUND);
        CHECK_EQ_U64(fdt_path_offset(blob, "/nonexistent"), FDT_ERR_NOTFOUND);
        CHECK_EQ_U64(fdt_path_offset(blob, "/cpus/cpu@9"), FDT_ERR_NOTFOUND);
        CHECK_EQ_U64(fdt_path_offset(blob, "/cpus/cpu@2/deeper"), FDT_ERR_NOTFOUND);
        CHECK_EQ_U64(fdt_path_offset(blob, "cpus"), FDT_ERR_BADOFFSET);
        chosen = fdt_path_offset(blob, "/chosen");
        psci = fdt_path_offset(blob, "/psci");
        l1 = fdt_path_offset(blob, "/level1");
        l2 = fdt_path_offset(blob, "/level1/level2");
        l3 = fdt_path_offset(blob, "/level1/level2/level3");
        CHECK(chosen > 0 && psci > 0 && l1 > 0 && l2 > l1 && l3 > l2);

        /* Subnodes of the root, in document order. */
        n = 0;
        for (off = fdt_first_subnode(blob, root); off >= 0 && n < 8; off = fdt_next_subnode(blob, off))
                names[n++] = name_of(blob, off);
        CHECK_EQ_U64(n, 6);
        if (n == 6) {
                CHECK_STR(names[0], "cpus");
                CHECK_STR(names[1], "memory@40000000");
                CHECK_STR(names[2], "chosen");
                CHECK_STR(names[3], "psci");
                CHECK_STR(names[4], "pl011@9000000");
                CHECK_STR(names[5], "level1");
        }
        n = 0;
        for (off = fdt_first_subnode(blob, cpus); off >= 0 && n < 8; off = fdt_next_subnode(blob, off))
                names[n++] = name_of(blob, off);
        CHECK_EQ_U64(n, 4);
        if (n == 4) {
                CHECK_STR(names[0], "cpu@0");
                CHECK_STR(names[1], "cpu@1");
                CHECK_STR(names[2], "cpu@2");
                CHECK_STR(names[3], "cpu@3");
        }
        CHECK_EQ_U64(fdt_first_subnode(blob, cpu2), FDT_ERR_NOTFOUND);
        CHECK_EQ_U64(fdt_first_subnode(blob, l3), FDT_ERR_NOTFOUND);
        CHECK_EQ_U64(count_subnodes(blob, l1), 1);
        CHECK_EQ_U64(fdt_subnode_offset(blob, l1, "level2"), l2);
        CHECK_EQ_U64(fdt_subnode_offset(blob, root, "pl011"), fdt_path_offset(blob, "/pl011@9000000"));
        CHECK_EQ_U64(fdt_subnode_offset(blob, root, "level"), FDT_ERR_NOTFOUND);

        /* Document order with depth. */
        n = 0;
        {
                int depth = 0, maxdepth = 0;

                for (off = 0; off >= 0; off = fdt_next_node(blob, off, &depth)) {
                        n++;
                        if (depth > maxdepth)
                                maxdepth = depth;
                        if (off == l3)
                                CHECK_EQ_U64(depth, 3);
                }
                CHECK_EQ_U64(n, 13);
                CHECK_EQ_U64(maxdepth, 3);
        }

        /* Cell counts and reg. */
        CHECK_EQ_U64(fdt_address_cells(blob, root), 2);
        CHECK_EQ_U64(fdt_size_cells(blob, root), 2);
        CHECK_EQ_U64(fdt_address_cells(blob, cpus), 1);
        CHECK_EQ_U64(fdt_size_cells(blob, cpus), 0);
        CHECK_EQ_U64(fdt_address_cells(blob, chosen), 2);      /* defaults */
        CHECK_EQ_U64(fdt_size_cells(blob, chosen), 1);
        CHECK_EQ_U64(fdt_get_reg(blob, mem, 0, &a, &sz), 0);
        CHECK_EQ_U64(a, 0x40000000);
        CHECK_EQ_U64(sz, 0x20000000);
        CHECK_EQ_U64(fdt_get_reg(blob, mem, 1, &a, &sz), 0);
        CHECK_EQ_U64(a, 0x880000000ull);
        CHECK_EQ_U64(sz, 0x100000000ull);
        CHECK_EQ_U64(fdt_get_reg(blob, mem, 2, &a, &sz), FDT_ERR_NOTFOUND);
        CHECK_EQ_U64(fdt_get_reg(blob, mem, -1, &a, &sz), FDT_ERR_NOTFOUND);
        CHECK_EQ_U64(fdt_get_reg(blob, mem, 0x7fffffff, &a, &sz), FDT_ERR_NOTFOUND);
        CHECK_EQ_U64(fdt_get_reg(blob, root, 0, &a, &sz), FDT_ERR_NOTFOUND);
        CHECK_EQ_U64(fdt_get_reg(blob, chosen, 0, &a, &sz), FDT_ERR_NOTFOUND);
        {
                static const uint64_t mpidr[4] = { 0x0, 0x1, 0x100, 0x101 };
                int i = 0;

                for (off = fdt_first_subnode(blob, cpus); off >= 0 && i < 4; off = fdt_next_subnode(blob, off), i++) {
                        sz = 0xdead;
                        CHECK_EQ_U64(fdt_get_reg(blob, off, 0, &a, &sz), 0);
                        CHECK_EQ_U64(a, mpidr[i]);
                        CHECK_EQ_U64(sz, 0);
                        CHECK_EQ_U64(fdt_get_reg(blob, off, 1, &a, &sz), FDT_ERR_NOTFOUND);
                        s = fdt_getprop(blob, off, "device_type", &len);
                        CHECK_STR(s, "cpu");
                        CHECK_EQ_U64(len, 4);
                        s = fdt_getprop(blob, off, "enable-method", &len);
                        CHECK_STR(s, "psci");
                        CHECK_EQ_U64(len, 5);
                }
                CHECK_EQ_U64(i, 4);
        }

        /* Properties. */
        s = fdt_getprop(blob, chosen, "bootargs", &len);
        CHECK_STR(s, "console=ttyAMA0 earlycon");
        CHECK_EQ_U64(len, sizeof("console=ttyAMA0 earlycon"));
        p = fdt_getprop(blob, l1, "empty-prop", &len);
        CHECK(p != NULL);
        CHECK_EQ_U64(len, 0);
        p = fdt_getprop(blob, psci, "compatible", &len);
        CHECK(p != NULL);
        CHECK_EQ_U64(len, sizeof("arm,psci-1.0") + sizeof("arm,psci-0.2"));
        if (p)
                CHECK(!memcmp(p, "arm,psci-1.0\0arm,psci-0.2", (size_t)len));
        CHECK_STR(fdt_getprop(blob, psci, "method", &len), "smc");
        CHECK(fdt_getprop(blob, psci, "missing", &len) == NULL);
        CHECK_EQ_U64(len, FDT_ERR_NOTFOUND);
        CHECK(fdt_getprop(blob, psci, "metho", NULL) == NULL);
        CHECK_EQ_U64(fdt_getprop_u32(blob, l3, "leaf", &v), 0);
        CHECK_EQ_U64(v, 0xdeadbeef);
        CHECK_EQ_U64(fdt_getprop_u32(blob, chosen, "bootargs", &v), FDT_ERR_NOTFOUND);
        CHECK_EQ_U64(fdt_getprop_u32(blob, root, "#address-cells", &v), 0);
        CHECK_EQ_U64(v, 2);
        {
                const char *pn[4];
                int k = 0;

                for (int pr = fdt_first_property(blob, psci); pr >= 0 && k < 4; pr = fdt_next_property(blob, pr))
                        CHECK(fdt_property_at(blob, pr, &pn[k++], &len) != NULL);
                CHECK_EQ_U64(k, 2);
                if (k == 2) {
                        CHECK_STR(pn[0], "compatible");
                        CHECK_STR(pn[1], "method");
                }
                CHECK_EQ_U64(fdt_first_property(blob, l2), FDT_ERR_NOTFOUND);
        }

        /* Compatible lists. */
        CHECK(fdt_node_is_compatible(blob, psci, "arm,psci-1.0"));
        CHECK(fdt_node_is_compatible(blob, psci, "arm,psci-0.2"));
        CHECK(!fdt_node_is_compatible(blob, psci, "arm,psci"));
        CHECK(!fdt_node_is_compatible(blob, psci, "arm,psci-0.2x"));
        CHECK(!fdt_node_is_compatible(blob, psci, ""));
        CHECK(!fdt_node_is_compatible(blob, chosen, "arm,psci-1.0"));
        CHECK(fdt_node_is_compatible(blob, root, "linux,dummy-virt"));
        off = fdt_node_offset_by_compatible(blob, -1, "arm,cortex-a57");
        CHECK_STR(name_of(blob, off), "cpu@0");
        off = fdt_node_offset_by_compatible(blob, off, "arm,cortex-a57");
        CHECK_STR(name_of(blob, off), "cpu@1");
        CHECK_EQ_U64(fdt_node_offset_by_compatible(blob, off, "arm,cortex-a57"), FDT_ERR_NOTFOUND);
        off = fdt_node_offset_by_compatible(blob, -1, "arm,cortex-a53");
        CHECK_EQ_U64(off, cpu2);
        off = fdt_node_offset_by_compatible(blob, off, "arm,cortex-a53");
        CHECK_STR(name_of(blob, off), "cpu@3");
        CHECK_EQ_U64(fdt_node_offset_by_compatible(blob, off, "arm,cortex-a53"), FDT_ERR_NOTFOUND);
        CHECK_EQ_U64(fdt_node_offset_by_compatible(blob, -1, "linux,dummy-virt"), 0);
        CHECK_EQ_U64(fdt_node_offset_by_compatible(blob, -1, "arm,psci-0.2"), psci);
        CHECK_EQ_U64(fdt_node_offset_by_compatible(blob, -1, "vendor,none"), FDT_ERR_NOTFOUND);

        /* Parents. */
        CHECK_EQ_U64(fdt_parent_offset(blob, cpu2), cpus);
        CHECK_EQ_U64(fdt_parent_offset(blob, cpus), root);
        CHECK_EQ_U64(fdt_parent_offset(blob, l3), l2);
        CHECK_EQ_U64(fdt_parent_offset(blob, l2), l1);
        CHECK_EQ_U64(fdt_parent_offset(blob, root), FDT_ERR_NOTFOUND);
        CHECK_EQ_U64(fdt_parent_offset(blob, cpu2 + 4), FDT_ERR_NOTFOUND);    /* not a node */

        /* Bad offsets never crash. */
        CHECK(fdt_get_name(blob, -4, NULL) == NULL);
        CHECK(fdt_get_name(blob, 2, NULL) == NULL);
        CHECK(fdt_get_name(blob, 1 << 30, NULL) == NULL);
        CHECK(fdt_getprop(blob, 1 << 30, "reg", &len) == NULL);
        CHECK(fdt_next_node(blob, 1 << 30, NULL) < 0);
        CHECK(fdt_property_at(blob, cpus, NULL, NULL) == NULL);

        /* Memory reservations. */
        CHECK_EQ_U64(fdt_num_mem_rsv(blob), 1);
        CHECK_EQ_U64(fdt_get_mem_rsv(blob, 0, &a, &sz), 0);
        CHECK_EQ_U64(a, 0x48000000);
        CHECK_EQ_U64(sz, 0x100000);
        CHECK_EQ_U64(fdt_get_mem_rsv(blob, 1, &a, &sz), FDT_ERR_NOTFOUND);

        CHECK_EQ_U64(walk_all(blob), 13);
}

/* ---- the writer ----------------------------------------------------------------------------- */

#define MAX_CALLS 64

/*
 * The reference tree. Records each call's result in res[] (returns the call
 * count) so that the too-small-buffer sweep can check where errors start.
 */
static int build_tree(struct fdt_writer *w, void *buf, size_t size, int *res)
{
        static const uint32_t memreg[4] = { 0x0, 0x80000000, 0x0, 0x10000000 };
        static const char psci_compat[] = "arm,psci-1.0\0arm,psci-0.2";
        int n = 0;

        res[n++] = fdt_write_begin(w, buf, size);
        res[n++] = fdt_write_reserve(w, 0x48000000, 0x1000);
        res[n++] = fdt_write_reserve(w, 0x1234567800000000ull, 0x10);
        res[n++] = fdt_begin_node(w, "");
        res[n++] = fdt_property_u32(w, "#address-cells", 2);
        res[n++] = fdt_property_u32(w, "#size-cells", 2);
        res[n++] = fdt_property_string(w, "compatible", "hyp,guest");
        res[n++] = fdt_property_string(w, "model", "hyp guest");
        res[n++] = fdt_begin_node(w, "cpus");
        res[n++] = fdt_property_u32(w, "#address-cells", 1);
        res[n++] = fdt_property_u32(w, "#size-cells", 0);
        for (uint32_t i = 0; i < 2; i++) {
                res[n++] = fdt_begin_node(w, i ? "cpu@1" : "cpu@0");
                res[n++] = fdt_property_string(w, "device_type", "cpu");
                res[n++] = fdt_property_string(w, "compatible", "arm,armv8");
                res[n++] = fdt_property_u32(w, "reg", i);
                res[n++] = fdt_property_string(w, "enable-method", "psci");
                res[n++] = fdt_end_node(w);
        }
        res[n++] = fdt_end_node(w);
        res[n++] = fdt_begin_node(w, "memory@80000000");
        res[n++] = fdt_property_string(w, "device_type", "memory");
        res[n++] = fdt_property_cells(w, "reg", memreg, 4);
        res[n++] = fdt_end_node(w);
        res[n++] = fdt_begin_node(w, "chosen");
        res[n++] = fdt_property_string(w, "bootargs", "console=hvc0 earlycon");
        res[n++] = fdt_property_u64(w, "linux,initrd-start", 0x88000000ull);
        res[n++] = fdt_property_u64(w, "linux,initrd-end", 0x123456789abcdef0ull);
        res[n++] = fdt_end_node(w);
        res[n++] = fdt_begin_node(w, "psci");
        res[n++] = fdt_property(w, "compatible", psci_compat, sizeof(psci_compat));
        res[n++] = fdt_property_string(w, "method", "hvc");
        res[n++] = fdt_end_node(w);
        res[n++] = fdt_begin_node(w, "flags");
        res[n++] = fdt_property(w, "empty", NULL, 0);
        res[n++] = fdt_property(w, "odd", "abcde", 5);
        res[n++] = fdt_property_cells(w, "none", NULL, 0);
        res[n++] = fdt_end_node(w);
        res[n++] = fdt_end_node(w);
        res[n++] = fdt_write_finish(w);
        return n;
}

/* Does `dtc -I dtb -O dts` decode the blob, and does its output contain want (and no warnings)? */
static int dtc_decodes(const uint8_t *blob, size_t size, const char *want)
{
        char path[] = "/tmp/unit-fdt-XXXXXX";
        char cmd[512], line[512];
        int fd = mkstemp(path), found = 0, warnings = 0;
        FILE *f;

        if (fd < 0)
                return 0;
        if (write(fd, blob, size) != (ssize_t)size) {
                close(fd);
                unlink(path);
                return 0;
        }
        close(fd);
        snprintf(cmd, sizeof(cmd), "'%s' -I dtb -O dts '%s' 2>&1; echo \"dtc-exit=$?\"", dtc_path, path);
        f = popen(cmd, "r");
        if (f) {
                while (fgets(line, sizeof(line), f)) {
                        if (strstr(line, want))
                                found = 1;
                        if (strstr(line, "arning") || strstr(line, "ERROR"))
                                warnings++;
                        if (!strncmp(line, "dtc-exit=", 9) && strcmp(line, "dtc-exit=0\n"))
                                warnings++;
                        if (warnings)
                                fprintf(stderr, "dtc: %s", line);
                }
                pclose(f);
        }
        unlink(path);
        return found && !warnings;
}

static void test_writer(void)
{
        enum { BUFSZ = 4096 };
        uint8_t *buf = malloc(BUFSZ), *ref;
        struct fdt_writer w;
        int res[MAX_CALLS], n, total, len, root, off;
        uint64_t a, sz;
        uint32_t v;
        const uint8_t *p;
        const char *strings;
        uint32_t size_strings;

        memset(buf, 0xa5, BUFSZ);
        n = build_tree(&w, buf, BUFSZ, res);
        for (int i = 0; i < n - 1; i++)
                CHECK_EQ_U64(res[i], 0);
        total = res[n - 1];
        CHECK(total > 0 && total < BUFSZ);
        if (total <= 0)
                return;
        CHECK_EQ_U64(fdt_check_full(buf, (size_t)total), 0);
        CHECK_EQ_U64(hdr(buf, H(magic)), FDT_MAGIC);
        CHECK_EQ_U64(hdr(buf, H(totalsize)), total);
        CHECK_EQ_U64(hdr(buf, H(version)), 17);
        CHECK_EQ_U64(hdr(buf, H(last_comp_version)), 16);
        CHECK_EQ_U64(hdr(buf, H(off_mem_rsvmap)), 40);
        CHECK_EQ_U64(hdr(buf, H(off_dt_struct)), 40 + 3 * 16);
        CHECK_EQ_U64(hdr(buf, H(off_dt_strings)), hdr(buf, H(off_dt_struct)) + hdr(buf, H(size_dt_struct)));
        CHECK_EQ_U64(hdr(buf, H(off_dt_strings)) + hdr(buf, H(size_dt_strings)), total);

        /* Names are stored once each. */
        strings = (const char *)buf + hdr(buf, H(off_dt_strings));
        size_strings = hdr(buf, H(size_dt_strings));
        {
                static const char *const names[] = {
                        "#address-cells", "#size-cells", "compatible", "model", "device_type", "reg",
                        "enable-method", "bootargs", "linux,initrd-start", "linux,initrd-end",
                        "method", "empty", "odd", "none",
                };
                enum { NNAMES = sizeof(names) / sizeof(names[0]) };
                int seen[NNAMES] = { 0 }, count = 0;
                size_t sum = 0;

                /* "method" is stored as the tail of "enable-method". */
                for (size_t i = 0; i < NNAMES; i++)
                        sum += strcmp(names[i], "method") ? strlen(names[i]) + 1 : 0;
                CHECK_EQ_U64(size_strings, sum);
                CHECK_STR(strings + fdt32_ld(buf + hdr(buf, H(off_dt_struct)) +
                                            fdt_first_property(buf, fdt_path_offset(buf, "/psci")) + 12 + 28 + 8),
                          "method");
                for (uint32_t i = 0; i < size_strings; i += (uint32_t)strlen(strings + i) + 1, count++)
                        for (size_t k = 0; k < NNAMES; k++)
                                if (!strcmp(strings + i, names[k]))
                                        seen[k]++;
                CHECK_EQ_U64(count, NNAMES - 1);
                for (size_t k = 0; k < NNAMES; k++)
                        CHECK_EQ_U64(seen[k], strcmp(names[k], "method") ? 1 : 0);
        }

        /* Read everything back. */
        root = fdt_path_offset(buf, "/");
        CHECK_EQ_U64(root, 0);
        CHECK_EQ_U64(count_subnodes(buf, root), 5);
        CHECK_EQ_U64(fdt_address_cells(buf, root), 2);
        CHECK_EQ_U64(fdt_size_cells(buf, root), 2);
        CHECK(fdt_node_is_compatible(buf, root, "hyp,guest"));
        CHECK_STR(fdt_getprop(buf, root, "model", &len), "hyp guest");
        off = fdt_path_offset(buf, "/cpus");
        CHECK_EQ_U64(count_subnodes(buf, off), 2);
        CHECK_EQ_U64(fdt_address_cells(buf, off), 1);
        CHECK_EQ_U64(fdt_size_cells(buf, off), 0);
        for (int i = 0; i < 2; i++) {
                off = fdt_path_offset(buf, i ? "/cpus/cpu@1" : "/cpus/cpu@0");
                CHECK(off > 0);
                CHECK_EQ_U64(fdt_get_reg(buf, off, 0, &a, &sz), 0);
                CHECK_EQ_U64(a, i);
                CHECK_EQ_U64(sz, 0);
                CHECK_STR(fdt_getprop(buf, off, "device_type", &len), "cpu");
                CHECK_STR(fdt_getprop(buf, off, "enable-method", &len), "psci");
                CHECK(fdt_node_is_compatible(buf, off, "arm,armv8"));
        }
        off = fdt_path_offset(buf, "/memory");
        CHECK_STR(name_of(buf, off), "memory@80000000");
        CHECK_EQ_U64(fdt_get_reg(buf, off, 0, &a, &sz), 0);
        CHECK_EQ_U64(a, 0x80000000);
        CHECK_EQ_U64(sz, 0x10000000);
        CHECK_EQ_U64(fdt_get_reg(buf, off, 1, &a, &sz), FDT_ERR_NOTFOUND);
        off = fdt_path_offset(buf, "/chosen");
        CHECK_STR(fdt_getprop(buf, off, "bootargs", &len), "console=hvc0 earlycon");
        CHECK_EQ_U64(len, sizeof("console=hvc0 earlycon"));
        p = fdt_getprop(buf, off, "linux,initrd-start", &len);
        CHECK(p && len == 8 && fdt64_ld(p) == 0x88000000ull);
        p = fdt_getprop(buf, off, "linux,initrd-end", &len);
        CHECK(p && len == 8 && fdt64_ld(p) == 0x123456789abcdef0ull);
        off = fdt_path_offset(buf, "/psci");
        CHECK(fdt_node_is_compatible(buf, off, "arm,psci-1.0"));
        CHECK(fdt_node_is_compatible(buf, off, "arm,psci-0.2"));
        CHECK_STR(fdt_getprop(buf, off, "method", &len), "hvc");
        CHECK_EQ_U64(fdt_node_offset_by_compatible(buf, -1, "arm,psci-0.2"), off);
        off = fdt_path_offset(buf, "/flags");
        p = fdt_getprop(buf, off, "empty", &len);
        CHECK(p != NULL && len == 0);
        p = fdt_getprop(buf, off, "odd", &len);
        CHECK(p != NULL && len == 5 && !memcmp(p, "abcde", 5));
        p = fdt_getprop(buf, off, "none", &len);
        CHECK(p != NULL && len == 0);
        CHECK_EQ_U64(fdt_getprop_u32(buf, fdt_path_offset(buf, "/cpus/cpu@1"), "reg", &v), 0);
        CHECK_EQ_U64(v, 1);
        CHECK_EQ_U64(fdt_num_mem_rsv(buf), 2);
        CHECK_EQ_U64(fdt_get_mem_rsv(buf, 0, &a, &sz), 0);
        CHECK(a == 0x48000000 && sz == 0x1000);
        CHECK_EQ_U64(fdt_get_mem_rsv(buf, 1, &a, &sz), 0);
        CHECK(a == 0x1234567800000000ull && sz == 0x10);
        CHECK_EQ_U64(walk_all(buf), 8);

        if (getenv("FDT_TEST_DUMP")) {          /* for debugging: FDT_TEST_DUMP=out.dtb */
                FILE *f = fopen(getenv("FDT_TEST_DUMP"), "wb");

                if (f) {
                        fwrite(buf, 1, (size_t)total, f);
                        fclose(f);
                }
        }
        if (dtc_path) {
                CHECK(dtc_decodes(buf, (size_t)total, "bootargs = \"console=hvc0 earlycon\";"));
                CHECK(dtc_decodes(buf, (size_t)total, "method = \"hvc\";"));
                CHECK(dtc_decodes(buf, (size_t)total, "linux,initrd-end = <0x12345678 0x9abcdef0>;"));
                CHECK(dtc_decodes(buf, (size_t)total, "/memreserve/\t0x1234567800000000 0x0000000000000010;"));
        } else {
                printf("dtc not found: skipping the dtc decode check\n");
        }

        /*
         * Every buffer size below the blob's: NOSPACE at the first call that does
         * not fit, and at every later call. The first failing call moves later (or
         * stays) as the buffer grows; at the exact size the blob is byte-identical.
         */
        ref = dup_exact(buf, (size_t)total);
        {
                int last_first_fail = 0;

                for (int size = 0; size <= total; size++) {
                        uint8_t *small = malloc(size ? (size_t)size : 1);
                        int first_fail = -1, m;

                        m = build_tree(&w, small, (size_t)size, res);
                        for (int i = 0; i < m; i++) {
                                if (first_fail < 0 && res[i] < 0)
                                        first_fail = i;
                                if (first_fail >= 0)
                                        CHECK_EQ_U64(res[i], FDT_ERR_NOSPACE);
                        }
                        if (size < total) {
                                CHECK(first_fail >= 0);
                                CHECK(first_fail >= last_first_fail);
                                last_first_fail = first_fail;
                                CHECK_EQ_U64(fdt_end_node(&w), FDT_ERR_NOSPACE);
                                CHECK_EQ_U64(fdt_write_finish(&w), FDT_ERR_NOSPACE);
                        } else {
                                CHECK_EQ_U64(first_fail, -1);
                                CHECK_EQ_U64(res[m - 1], total);
                                CHECK(!memcmp(small, ref, (size_t)total));
                        }
                        free(small);
                }
        }
        free(ref);

        /* NOSPACE at the right call, by hand: header + empty map = 56 bytes, the root node 8 more. */
        CHECK_EQ_U64(fdt_write_begin(&w, buf, 55), FDT_ERR_NOSPACE);
        CHECK_EQ_U64(fdt_begin_node(&w, ""), FDT_ERR_NOSPACE);
        CHECK_EQ_U64(fdt_write_begin(&w, buf, 56 + 8 + 4 + 4), 0);
        CHECK_EQ_U64(fdt_begin_node(&w, ""), 0);
        CHECK_EQ_U64(fdt_property(&w, "x", NULL, 0), FDT_ERR_NOSPACE);     /* 12 + "x\0" > 8 */
        CHECK_EQ_U64(fdt_end_node(&w), FDT_ERR_NOSPACE);
        CHECK_EQ_U64(fdt_write_finish(&w), FDT_ERR_NOSPACE);
        CHECK_EQ_U64(fdt_write_begin(&w, buf, 56 + 8 + 4 + 4), 0);   /* begin starts afresh */
        CHECK_EQ_U64(fdt_begin_node(&w, ""), 0);
        CHECK_EQ_U64(fdt_end_node(&w), 0);
        CHECK_EQ_U64(fdt_write_finish(&w), 56 + 8 + 4 + 4);
        CHECK_EQ_U64(fdt_check_full(buf, 72), 0);
        CHECK_EQ_U64(fdt_write_begin(&w, buf, 56 + 8 + 12 + 1), 0);
        CHECK_EQ_U64(fdt_begin_node(&w, ""), 0);
        CHECK_EQ_U64(fdt_property(&w, "x", NULL, 0), FDT_ERR_NOSPACE);     /* its string needs 2 */
        CHECK_EQ_U64(fdt_write_begin(&w, buf, 56 + 8 + 12 + 2 + 4 + 3), 0);
        CHECK_EQ_U64(fdt_begin_node(&w, ""), 0);
        CHECK_EQ_U64(fdt_property(&w, "x", NULL, 0), 0);
        CHECK_EQ_U64(fdt_property(&w, "x", NULL, 0), FDT_ERR_NOSPACE);     /* shared string, 12 > 7 */
        CHECK_EQ_U64(fdt_write_begin(&w, buf, 56 + 8 + 12 + 2 + 4 + 3), 0);
        CHECK_EQ_U64(fdt_begin_node(&w, ""), 0);
        CHECK_EQ_U64(fdt_property(&w, "x", NULL, 0), 0);
        CHECK_EQ_U64(fdt_end_node(&w), 0);
        CHECK_EQ_U64(fdt_write_finish(&w), FDT_ERR_NOSPACE);            /* FDT_END: 4 > 3 */
        CHECK_EQ_U64(fdt_write_begin(&w, buf, 56 + 8 + 12 + 4 + 4 + 2), 0);
        CHECK_EQ_U64(fdt_begin_node(&w, ""), 0);
        CHECK_EQ_U64(fdt_property(&w, "x", NULL, 0), 0);
        CHECK_EQ_U64(fdt_end_node(&w), 0);
        CHECK_EQ_U64(fdt_write_finish(&w), 56 + 8 + 12 + 4 + 4 + 2);
        CHECK_EQ_U64(fdt_check_full(buf, 86), 0);
        CHECK_EQ_U64(fdt_write_begin(&w, buf, BUFSZ), 0);
        CHECK_EQ_U64(fdt_begin_node(&w, ""), 0);
        CHECK_EQ_U64(fdt_property(&w, "huge", buf, (size_t)1 << 40), FDT_ERR_NOSPACE);
        CHECK_EQ_U64(fdt_write_begin(&w, buf, BUFSZ), 0);
        CHECK_EQ_U64(fdt_begin_node(&w, ""), 0);
        CHECK_EQ_U64(fdt_property_cells(&w, "huge", (const uint32_t *)(void *)buf, SIZE_MAX / 2), FDT_ERR_NOSPACE);
        CHECK_EQ_U64(fdt_write_begin(&w, NULL, 100), FDT_ERR_BADVALUE);
        CHECK_EQ_U64(fdt_begin_node(&w, ""), FDT_ERR_BADVALUE);

        free(buf);
}

static void test_writer_state(void)
{
        uint8_t buf[4096];
        struct fdt_writer w;
        int total;

        /* Property before any node; sticky from then on. */
        fdt_write_begin(&w, buf, sizeof(buf));
        CHECK_EQ_U64(fdt_property_u32(&w, "x", 1), FDT_ERR_BADSTATE);
        CHECK_EQ_U64(fdt_begin_node(&w, ""), FDT_ERR_BADSTATE);
        CHECK_EQ_U64(fdt_end_node(&w), FDT_ERR_BADSTATE);
        CHECK_EQ_U64(fdt_write_reserve(&w, 0, 0), FDT_ERR_BADSTATE);
        CHECK_EQ_U64(fdt_write_finish(&w), FDT_ERR_BADSTATE);

        /* end_node at depth 0. */
        fdt_write_begin(&w, buf, sizeof(buf));
        CHECK_EQ_U64(fdt_end_node(&w), FDT_ERR_BADSTATE);
        CHECK_EQ_U64(fdt_begin_node(&w, ""), FDT_ERR_BADSTATE);

        /* finish with open nodes, and with no root. */
        fdt_write_begin(&w, buf, sizeof(buf));
        fdt_begin_node(&w, "");
        fdt_begin_node(&w, "a");
        fdt_end_node(&w);
        CHECK_EQ_U64(fdt_write_finish(&w), FDT_ERR_BADSTATE);
        CHECK_EQ_U64(fdt_end_node(&w), FDT_ERR_BADSTATE);
        fdt_write_begin(&w, buf, sizeof(buf));
        CHECK_EQ_U64(fdt_write_finish(&w), FDT_ERR_BADSTATE);

        /* Reserve after a node. */
        fdt_write_begin(&w, buf, sizeof(buf));
        CHECK_EQ_U64(fdt_write_reserve(&w, 0x1000, 0x1000), 0);
        CHECK_EQ_U64(fdt_begin_node(&w, ""), 0);
        CHECK_EQ_U64(fdt_write_reserve(&w, 0x2000, 0x1000), FDT_ERR_BADSTATE);
        CHECK_EQ_U64(fdt_property_u32(&w, "x", 1), FDT_ERR_BADSTATE);

        /* Property after a subnode; a second root; property after the root closed. */
        fdt_write_begin(&w, buf, sizeof(buf));
        fdt_begin_node(&w, "");
        fdt_begin_node(&w, "a");
        fdt_end_node(&w);
        CHECK_EQ_U64(fdt_property_u32(&w, "late", 1), FDT_ERR_BADSTATE);
        fdt_write_begin(&w, buf, sizeof(buf));
        fdt_begin_node(&w, "");
        fdt_end_node(&w);
        CHECK_EQ_U64(fdt_begin_node(&w, ""), FDT_ERR_BADSTATE);
        fdt_write_begin(&w, buf, sizeof(buf));
        fdt_begin_node(&w, "");
        fdt_end_node(&w);
        CHECK_EQ_U64(fdt_property_u32(&w, "x", 1), FDT_ERR_BADSTATE);

        /* Calls after finish. */
        fdt_write_begin(&w, buf, sizeof(buf));
        fdt_begin_node(&w, "");
        fdt_end_node(&w);
        total = fdt_write_finish(&w);
        CHECK(total > 0);
        CHECK_EQ_U64(fdt_write_finish(&w), FDT_ERR_BADSTATE);
        CHECK_EQ_U64(fdt_check_full(buf, (size_t)total), 0);    /* the blob stays intact */

        /* Bad names and values. */
        fdt_write_begin(&w, buf, sizeof(buf));
        CHECK_EQ_U64(fdt_begin_node(&w, "root"), FDT_ERR_BADVALUE);
        CHECK_EQ_U64(fdt_begin_node(&w, ""), FDT_ERR_BADVALUE);
        fdt_write_begin(&w, buf, sizeof(buf));
        fdt_begin_node(&w, "");
        CHECK_EQ_U64(fdt_begin_node(&w, ""), FDT_ERR_BADVALUE);
        fdt_write_begin(&w, buf, sizeof(buf));
        fdt_begin_node(&w, "");
        CHECK_EQ_U64(fdt_begin_node(&w, "a/b"), FDT_ERR_BADVALUE);
        fdt_write_begin(&w, buf, sizeof(buf));
        fdt_begin_node(&w, "");
        CHECK_EQ_U64(fdt_property(&w, "", "x", 1), FDT_ERR_BADVALUE);
        fdt_write_begin(&w, buf, sizeof(buf));
        fdt_begin_node(&w, "");
        CHECK_EQ_U64(fdt_property(&w, "p", NULL, 1), FDT_ERR_BADVALUE);
        CHECK_EQ_U64(fdt_end_node(&w), FDT_ERR_BADVALUE);
        fdt_write_begin(&w, buf, sizeof(buf));
        fdt_begin_node(&w, "");
        CHECK_EQ_U64(fdt_property_string(&w, "p", NULL), FDT_ERR_BADVALUE);

        /* FDT_MAX_DEPTH nested nodes are fine (and the reader agrees), one more is not. */
        fdt_write_begin(&w, buf, sizeof(buf));
        for (int i = 0; i < FDT_MAX_DEPTH; i++)
                CHECK_EQ_U64(fdt_begin_node(&w, i ? "n" : ""), 0);
        CHECK_EQ_U64(fdt_property_u32(&w, "deep", 1), 0);
        for (int i = 0; i < FDT_MAX_DEPTH; i++)
                CHECK_EQ_U64(fdt_end_node(&w), 0);
        total = fdt_write_finish(&w);
        CHECK(total > 0);
        CHECK_EQ_U64(fdt_check_full(buf, (size_t)total), 0);
        {
                int node = 0, depth = 0;

                for (int i = 1; i < FDT_MAX_DEPTH; i++)
                        node = fdt_next_node(buf, node, &depth);
                CHECK_EQ_U64(depth, FDT_MAX_DEPTH - 1);
                CHECK(fdt_getprop(buf, node, "deep", NULL) != NULL);
                CHECK(fdt_parent_offset(buf, node) > 0);
        }
        fdt_write_begin(&w, buf, sizeof(buf));
        for (int i = 0; i < FDT_MAX_DEPTH; i++)
                fdt_begin_node(&w, i ? "n" : "");
        CHECK_EQ_U64(fdt_begin_node(&w, "n"), FDT_ERR_DEPTH);
        CHECK_EQ_U64(fdt_end_node(&w), FDT_ERR_DEPTH);
        CHECK_EQ_U64(fdt_write_finish(&w), FDT_ERR_DEPTH);

        /* An unaligned buffer. */
        CHECK_EQ_U64(fdt_write_begin(&w, buf + 1, sizeof(buf) - 1), 0);
        fdt_begin_node(&w, "");
        fdt_property_u64(&w, "v", 0x0102030405060708ull);
        fdt_end_node(&w);
        total = fdt_write_finish(&w);
        CHECK(total > 0);
        CHECK_EQ_U64(fdt_check_full(buf + 1, (size_t)total), 0);
}

/* ---- fdt_copy_node -------------------------------------------------------------------------- */

/* Are two subtrees identical: names, properties (names, values, order), children? */
static bool same_subtree(const void *a, int na, const void *b, int nb)
{
        int da = 0, db = 0;

        for (;;) {
                int pa, pb, la, lb, ca, cb;
                const char *sa, *sb;

                sa = fdt_get_name(a, na, &la);
                sb = fdt_get_name(b, nb, &lb);
                if (!sa || !sb || (da != 0 && (la != lb || memcmp(sa, sb, (size_t)la))))
                        return false;
                for (pa = fdt_first_property(a, na), pb = fdt_first_property(b, nb); pa >= 0 && pb >= 0;
                     pa = fdt_next_property(a, pa), pb = fdt_next_property(b, pb)) {
                        const void *va = fdt_property_at(a, pa, &sa, &la);
                        const void *vb = fdt_property_at(b, pb, &sb, &lb);

                        if (!va || !vb || strcmp(sa, sb) || la != lb || memcmp(va, vb, (size_t)la))
                                return false;
                }
                if (pa >= 0 || pb >= 0)
                        return false;
                ca = fdt_next_node(a, na, &da);
                cb = fdt_next_node(b, nb, &db);
                if ((ca < 0 || da <= 0) && (cb < 0 || db <= 0))
                        return true;
                if (ca < 0 || cb < 0 || da != db)
                        return false;
                na = ca;
                nb = cb;
        }
}

static void test_copy(const uint8_t *blob)
{
        uint8_t buf[4096];
        struct fdt_writer w;
        int cpus = fdt_path_offset(blob, "/cpus"), total, off;
        uint64_t a, sz;

        /* /cpus with its children under a new root. */
        fdt_write_begin(&w, buf, sizeof(buf));
        fdt_begin_node(&w, "");
        fdt_property_u32(&w, "#address-cells", 2);
        fdt_property_u32(&w, "#size-cells", 2);
        CHECK_EQ_U64(fdt_copy_node(&w, blob, cpus, true), 0);
        CHECK_EQ_U64(w.depth, 1);
        fdt_begin_node(&w, "chosen");
        fdt_end_node(&w);
        fdt_end_node(&w);
        total = fdt_write_finish(&w);
        CHECK(total > 0);
        CHECK_EQ_U64(fdt_check_full(buf, (size_t)total), 0);
        off = fdt_path_offset(buf, "/cpus");
        CHECK(off > 0);
        CHECK(same_subtree(blob, cpus, buf, off));
        CHECK_EQ_U64(count_subnodes(buf, off), 4);
        CHECK_EQ_U64(count_subnodes(buf, 0), 2);
        off = fdt_path_offset(buf, "/cpus/cpu@2");
        CHECK_EQ_U64(fdt_get_reg(buf, off, 0, &a, &sz), 0);
        CHECK_EQ_U64(a, 0x100);
        CHECK(fdt_node_is_compatible(buf, off, "arm,cortex-a53"));

        /* Non-recursive: the properties only. */
        fdt_write_begin(&w, buf, sizeof(buf));
        fdt_begin_node(&w, "");
        CHECK_EQ_U64(fdt_copy_node(&w, blob, cpus, false), 0);
        fdt_end_node(&w);
        total = fdt_write_finish(&w);
        CHECK(total > 0);
        CHECK_EQ_U64(fdt_check_full(buf, (size_t)total), 0);
        off = fdt_path_offset(buf, "/cpus");
        CHECK_EQ_U64(count_subnodes(buf, off), 0);
        CHECK_EQ_U64(fdt_address_cells(buf, off), 1);
        CHECK_EQ_U64(fdt_size_cells(buf, off), 0);

        /* The whole tree as the root: the same tree comes out. */
        fdt_write_begin(&w, buf, sizeof(buf));
        CHECK_EQ_U64(fdt_copy_node(&w, blob, 0, true), 0);
        total = fdt_write_finish(&w);
        CHECK(total > 0);
        CHECK_EQ_U64(fdt_check_full(buf, (size_t)total), 0);
        CHECK(same_subtree(blob, 0, buf, 0));
        CHECK(!same_subtree(blob, 0, blob, cpus));

        /* Errors: a bad offset, no space (sticky). */
        fdt_write_begin(&w, buf, sizeof(buf));
        fdt_begin_node(&w, "");
        CHECK_EQ_U64(fdt_copy_node(&w, blob, cpus + 4, true), FDT_ERR_BADOFFSET);
        CHECK_EQ_U64(fdt_end_node(&w), FDT_ERR_BADOFFSET);
        fdt_write_begin(&w, buf, 300);
        fdt_begin_node(&w, "");
        CHECK_EQ_U64(fdt_copy_node(&w, blob, cpus, true), FDT_ERR_NOSPACE);
        CHECK_EQ_U64(fdt_copy_node(&w, blob, cpus, true), FDT_ERR_NOSPACE);
}

/* ---- malformed blobs ------------------------------------------------------------------------ */

/* A hand-assembled blob: header, empty reservation map, a structure block, a strings block. */
struct mkblob {
        uint8_t s[2048];        /* structure block */
        uint32_t sn;
        char str[256];          /* strings block */
        uint32_t strn;
};

static void tok(struct mkblob *m, uint32_t t)
{
        be32(m->s + m->sn, t);
        m->sn += 4;
}

static void raw_name(struct mkblob *m, const char *name, size_t len)
{
        memcpy(m->s + m->sn, name, len);
        m->sn += (uint32_t)len;
        while (m->sn & 3)
                m->s[m->sn++] = 0;
}

static void node(struct mkblob *m, const char *name)
{
        tok(m, FDT_BEGIN_NODE);
        raw_name(m, name, strlen(name) + 1);
}

static void prop(struct mkblob *m, uint32_t nameoff, const void *val, uint32_t len)
{
        tok(m, FDT_PROP);
        tok(m, len);
        tok(m, nameoff);
        raw_name(m, val, len);
}

static uint32_t add_string(struct mkblob *m, const char *s)
{
        uint32_t off = m->strn;

        memcpy(m->str + m->strn, s, strlen(s) + 1);
        m->strn += (uint32_t)strlen(s) + 1;
        return off;
}

/* The blob in an exactly-sized heap buffer. */
static uint8_t *assemble(const struct mkblob *m, size_t *size)
{
        uint32_t off_struct = 40 + 16, off_strings = off_struct + m->sn, total = off_strings + m->strn;
        uint8_t *b = calloc(1, total);

        set_hdr(b, H(magic), FDT_MAGIC);
        set_hdr(b, H(totalsize), total);
        set_hdr(b, H(off_dt_struct), off_struct);
        set_hdr(b, H(off_dt_strings), off_strings);
        set_hdr(b, H(off_mem_rsvmap), 40);
        set_hdr(b, H(version), 17);
        set_hdr(b, H(last_comp_version), 16);
        set_hdr(b, H(size_dt_strings), m->strn);
        set_hdr(b, H(size_dt_struct), m->sn);
        memcpy(b + off_struct, m->s, m->sn);
        memcpy(b + off_strings, m->str, m->strn);
        *size = total;
        return b;
}

/* Assemble, check fdt_check_full's verdict, and walk it with whatever fdt_check allows. */
static int check_assembled(const struct mkblob *m)
{
        size_t size;
        uint8_t *b = assemble(m, &size);
        int err = fdt_check_full(b, size);

        if (!fdt_check(b, size))
                walk_all(b);
        free(b);
        return err;
}

static void test_malformed(const uint8_t *sample, size_t sample_size)
{
        struct mkblob m;
        uint32_t name_reg;
        uint8_t *b;
        size_t size;
        int len;

        /* Minimal good blob. */
        memset(&m, 0, sizeof(m));
        name_reg = add_string(&m, "reg");
        node(&m, "");
        prop(&m, name_reg, "\0\0\0\1", 4);
        node(&m, "a");
        tok(&m, FDT_NOP);
        tok(&m, FDT_END_NODE);
        tok(&m, FDT_END_NODE);
        tok(&m, FDT_NOP);
        tok(&m, FDT_END);
        CHECK_EQ_U64(check_assembled(&m), 0);
        b = assemble(&m, &size);

        /* Truncated at every length: with the original header, and with totalsize patched to fit. */
        for (size_t n = 0; n < size; n++) {
                uint8_t *t = dup_exact(b, n);

                CHECK_EQ_U64(fdt_check_full(t, n), FDT_ERR_TRUNCATED);
                if (n >= sizeof(struct fdt_header)) {
                        set_hdr(t, H(totalsize), (uint32_t)n);
                        CHECK(fdt_check_full(t, n) < 0);
                        if (!fdt_check(t, n))
                                walk_all(t);
                }
                free(t);
        }
        /* Bad magic, versions. */
        set_hdr(b, H(magic), 0xfeedd00d);
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_BADMAGIC);
        set_hdr(b, H(magic), FDT_MAGIC);
        set_hdr(b, H(version), 16);
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_BADVERSION);
        set_hdr(b, H(version), 17);
        set_hdr(b, H(last_comp_version), 18);
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_BADVERSION);
        set_hdr(b, H(last_comp_version), 16);
        /* Blocks past totalsize, overlapping the header, misaligned. */
        set_hdr(b, H(size_dt_struct), (uint32_t)size);
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_TRUNCATED);
        set_hdr(b, H(size_dt_struct), m.sn);
        set_hdr(b, H(off_dt_struct), (uint32_t)size + 4);
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_TRUNCATED);
        set_hdr(b, H(off_dt_struct), 56);
        set_hdr(b, H(size_dt_strings), m.strn + 1);
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_TRUNCATED);
        set_hdr(b, H(size_dt_strings), m.strn);
        set_hdr(b, H(totalsize), (uint32_t)size + 1);
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_TRUNCATED);
        set_hdr(b, H(totalsize), 0xfffffff0);
        CHECK_EQ_U64(fdt_check_full(b, SIZE_MAX), FDT_ERR_BADSTRUCTURE);       /* too large for int offsets */
        set_hdr(b, H(totalsize), (uint32_t)size);
        set_hdr(b, H(off_dt_struct), 0);
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_BADSTRUCTURE);
        set_hdr(b, H(off_dt_struct), 58);
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_BADSTRUCTURE);
        set_hdr(b, H(off_dt_struct), 56);
        set_hdr(b, H(off_mem_rsvmap), 44);
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_BADSTRUCTURE);
        set_hdr(b, H(off_mem_rsvmap), (uint32_t)size & ~7u);         /* unterminated map */
        CHECK_EQ_U64(fdt_check(b, size), 0);
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_TRUNCATED);
        CHECK_EQ_U64(fdt_num_mem_rsv(b), FDT_ERR_TRUNCATED);
        walk_all(b);
        set_hdr(b, H(off_mem_rsvmap), 40);
        CHECK_EQ_U64(fdt_check_full(b, size), 0);
        CHECK_EQ_U64(fdt_check_full(NULL, 100), FDT_ERR_TRUNCATED);

        /* A property length running past the block: rejected, and the readers stay in bounds. */
        be32(b + 56 + 8 + 4, 0x100);
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_BADSTRUCTURE);
        CHECK(fdt_getprop(b, 0, "reg", &len) == NULL);
        walk_all(b);
        be32(b + 56 + 8 + 4, 0xfffffffc);
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_BADSTRUCTURE);
        CHECK(fdt_getprop(b, 0, "reg", &len) == NULL);
        walk_all(b);
        be32(b + 56 + 8 + 4, 4);
        /* A nameoff past the strings block, and one whose string runs off its end. */
        be32(b + 56 + 8 + 8, m.strn);
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_BADSTRUCTURE);
        CHECK(fdt_getprop(b, 0, "reg", &len) == NULL);
        walk_all(b);
        be32(b + 56 + 8 + 8, 0xffffffff);
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_BADSTRUCTURE);
        walk_all(b);
        be32(b + 56 + 8 + 8, 0);
        b[size - 1] = 'x';              /* "reg" loses its NUL */
        CHECK_EQ_U64(fdt_check_full(b, size), FDT_ERR_BADSTRUCTURE);
        CHECK(fdt_getprop(b, 0, "reg", &len) == NULL);
        CHECK(fdt_getprop(b, 0, "regx", &len) == NULL);
        walk_all(b);
        b[size - 1] = 0;
        CHECK_EQ_U64(fdt_check_full(b, size), 0);
        free(b);

        /* An unterminated node name at the end of the block. */
        memset(&m, 0, sizeof(m));
        node(&m, "");
        tok(&m, FDT_BEGIN_NODE);
        raw_name(&m, "abcdefgh", 8);
        CHECK_EQ_U64(check_assembled(&m), FDT_ERR_BADSTRUCTURE);
        /* Unbalanced END_NODE. */
        memset(&m, 0, sizeof(m));
        node(&m, "");
        tok(&m, FDT_END_NODE);
        tok(&m, FDT_END_NODE);
        tok(&m, FDT_END);
        CHECK_EQ_U64(check_assembled(&m), FDT_ERR_BADSTRUCTURE);
        /* Missing FDT_END, or END with nodes still open. */
        memset(&m, 0, sizeof(m));
        node(&m, "");
        tok(&m, FDT_END_NODE);
        CHECK_EQ_U64(check_assembled(&m), FDT_ERR_BADSTRUCTURE);
        memset(&m, 0, sizeof(m));
        node(&m, "");
        node(&m, "a");
        tok(&m, FDT_END_NODE);
        tok(&m, FDT_END);
        CHECK_EQ_U64(check_assembled(&m), FDT_ERR_BADSTRUCTURE);
        /* An empty structure block; a block starting with a NOP; an unknown token. */
        memset(&m, 0, sizeof(m));
        CHECK_EQ_U64(check_assembled(&m), FDT_ERR_BADSTRUCTURE);
        tok(&m, FDT_NOP);
        node(&m, "");
        tok(&m, FDT_END_NODE);
        tok(&m, FDT_END);
        CHECK_EQ_U64(check_assembled(&m), FDT_ERR_BADSTRUCTURE);
        memset(&m, 0, sizeof(m));
        node(&m, "");
        tok(&m, 7);
        tok(&m, FDT_END_NODE);
        tok(&m, FDT_END);
        CHECK_EQ_U64(check_assembled(&m), FDT_ERR_BADSTRUCTURE);
        /* A second root; a property outside any node; a property after a subnode. */
        memset(&m, 0, sizeof(m));
        name_reg = add_string(&m, "reg");
        node(&m, "");
        tok(&m, FDT_END_NODE);
        node(&m, "");
        tok(&m, FDT_END_NODE);
        tok(&m, FDT_END);
        CHECK_EQ_U64(check_assembled(&m), FDT_ERR_BADSTRUCTURE);
        memset(&m, 0, sizeof(m));
        name_reg = add_string(&m, "reg");
        node(&m, "");
        tok(&m, FDT_END_NODE);
        prop(&m, name_reg, "", 0);
        tok(&m, FDT_END);
        CHECK_EQ_U64(check_assembled(&m), FDT_ERR_BADSTRUCTURE);
        memset(&m, 0, sizeof(m));
        name_reg = add_string(&m, "reg");
        node(&m, "");
        node(&m, "a");
        tok(&m, FDT_END_NODE);
        prop(&m, name_reg, "", 0);
        tok(&m, FDT_END_NODE);
        tok(&m, FDT_END);
        CHECK_EQ_U64(check_assembled(&m), FDT_ERR_BADSTRUCTURE);
        /* Nesting: FDT_MAX_DEPTH levels are fine, one more is FDT_ERR_DEPTH. */
        for (int levels = FDT_MAX_DEPTH; levels <= FDT_MAX_DEPTH + 1; levels++) {
                memset(&m, 0, sizeof(m));
                for (int i = 0; i < levels; i++)
                        node(&m, i ? "n" : "");
                for (int i = 0; i < levels; i++)
                        tok(&m, FDT_END_NODE);
                tok(&m, FDT_END);
                CHECK_EQ_U64(check_assembled(&m), levels > FDT_MAX_DEPTH ? FDT_ERR_DEPTH : 0);
        }
        /* Much deeper than FDT_MAX_DEPTH, checked by fdt_check only: the walkers stay sane. */
        memset(&m, 0, sizeof(m));
        for (int i = 0; i < 100; i++)
                node(&m, i ? "n" : "");
        CHECK_EQ_U64(check_assembled(&m), FDT_ERR_DEPTH);

        /* #address-cells we cannot parse, and a reg shorter than one entry. */
        memset(&m, 0, sizeof(m));
        {
                uint32_t ac = add_string(&m, "#address-cells"), rg = add_string(&m, "reg");
                size_t sz2;
                uint64_t a, s;
                uint8_t *t;

                node(&m, "");
                prop(&m, ac, "\0\0\0\3", 4);
                node(&m, "pci@0");
                prop(&m, rg, "\0\0\0\1\0\0\0\2\0\0\0\3\0\0\0\4", 16);
                tok(&m, FDT_END_NODE);
                node(&m, "short@0");
                prop(&m, rg, "\0\0\0\1\0\0\0\2", 7);
                tok(&m, FDT_END_NODE);
                tok(&m, FDT_END_NODE);
                tok(&m, FDT_END);
                t = assemble(&m, &sz2);
                CHECK_EQ_U64(fdt_check_full(t, sz2), 0);
                CHECK_EQ_U64(fdt_address_cells(t, 0), FDT_ERR_BADSTRUCTURE);
                CHECK_EQ_U64(fdt_get_reg(t, fdt_path_offset(t, "/pci"), 0, &a, &s), FDT_ERR_BADSTRUCTURE);
                be32(t + 56 + 8 + 12, 2);       /* #address-cells = 2: the 7-byte reg is too short */
                CHECK_EQ_U64(fdt_get_reg(t, fdt_path_offset(t, "/short"), 0, &a, &s), FDT_ERR_NOTFOUND);
                CHECK_EQ_U64(fdt_get_reg(t, fdt_path_offset(t, "/pci"), 0, &a, &s), 0);
                CHECK_EQ_U64(a, 0x100000002ull);
                CHECK_EQ_U64(s, 3);
                free(t);
        }

        /* sample.dtb truncated at every length. */
        if (sample) {
                for (size_t n = 0; n < sample_size; n++) {
                        uint8_t *t = dup_exact(sample, n);

                        CHECK_EQ_U64(fdt_check_full(t, n), FDT_ERR_TRUNCATED);
                        if (n >= sizeof(struct fdt_header)) {
                                set_hdr(t, H(totalsize), (uint32_t)n);
                                CHECK(fdt_check_full(t, n) < 0);
                                if (!fdt_check(t, n))
                                        walk_all(t);
                        }
                        free(t);
                }
        }
}

int main(int argc, char **argv)
{
        uint8_t *sample = NULL;
        size_t sample_size = 0;

        if (argc > 2)
                dtc_path = argv[2];
        if (argc > 1) {
                sample = load_file(argv[1], &sample_size);
                CHECK(sample != NULL);
        }
        if (sample) {
                uint8_t *exact = dup_exact(sample, sample_size);

                test_reader(exact, sample_size);
                test_copy(exact);
                free(exact);
        } else {
                printf("no sample.dtb: skipping the reader and copy tests on it\n");
        }
        test_writer();
        test_writer_state();
        test_malformed(sample, sample_size);
        free(sample);
        TEST_MAIN_END();
}
