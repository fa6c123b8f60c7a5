// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for the FDT reader (src/lib/fdt.c) and writer
 * (src/lib/fdt_write.c). Build and run: tests/fuzz/run-fuzz.sh [seconds].
 *
 * Every input:
 *  - goes through fdt_check_full; whatever fdt_check (header level) accepts is
 *    walked with every reader API (they must stay in bounds regardless);
 *  - if fdt_check_full accepts it, the tree's invariants are checked (parents,
 *    subnodes, paths, properties) and it is copied with fdt_copy_node: the copy
 *    must pass fdt_check_full and be the same tree.
 * Inputs starting with 'W' (never an FDT: the magic starts with 0xd0) also drive
 * the writer with a byte-coded call sequence; what it finishes must check out.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/fdt.h"
#include "lib/fdt_write.h"

#include "fuzz.h"

#define MAX_NODES 4096          /* bounds the O(n^2) walks on big inputs */

static volatile uint8_t sink;

static void touch(const void *p, int len)
{
        const uint8_t *b = p;

        for (int i = 0; i < len; i++)
                sink ^= b[i];
}

static const char *const probe_names[] = {
        "compatible", "reg", "#address-cells", "#size-cells", "device_type", "", "status",
};
static const char *const probe_paths[] = {
        "/", "/cpus", "/cpus/cpu@0", "/memory", "/chosen", "/psci", "//a//b/", "/a/b/c/d/e/f",
        "/x@1", "/@", "relative",
};
static const char *const probe_compat[] = { "arm,psci-0.2", "arm,cortex-a57", "", "a" };

/* Every API, on a blob that passed fdt_check only: nothing may read out of bounds. */
static void walk_checked(const void *fdt)
{
        int depth = 0, nodes = 0, off;
        uint64_t a, s;

        for (int i = 0; fdt_get_mem_rsv(fdt, i, &a, &s) == 0; i++)
                ;
        (void)fdt_num_mem_rsv(fdt);
        for (off = 0; off >= 0 && nodes < MAX_NODES; off = fdt_next_node(fdt, off, &depth), nodes++) {
                int len, sub;
                const char *name = fdt_get_name(fdt, off, &len);
                uint32_t v;

                if (name)
                        touch(name, len + 1);
                for (int p = fdt_first_property(fdt, off); p >= 0; p = fdt_next_property(fdt, p)) {
                        const char *pn;
                        const void *val = fdt_property_at(fdt, p, &pn, &len);

                        if (val) {
                                touch(pn, (int)strlen(pn) + 1);
                                touch(val, len);
                        }
                }
                for (size_t i = 0; i < sizeof(probe_names) / sizeof(probe_names[0]); i++) {
                        const void *val = fdt_getprop(fdt, off, probe_names[i], &len);

                        if (val)
                                touch(val, len);
                }
                (void)fdt_getprop_u32(fdt, off, "#address-cells", &v);
                for (size_t i = 0; i < sizeof(probe_compat) / sizeof(probe_compat[0]); i++)
                        (void)fdt_node_is_compatible(fdt, off, probe_compat[i]);
                (void)fdt_address_cells(fdt, off);
                (void)fdt_size_cells(fdt, off);
                if (nodes < 256) {      /* these are O(n) each */
                        (void)fdt_parent_offset(fdt, off);
                        for (int i = 0; i < 8 && !fdt_get_reg(fdt, off, i, &a, &s); i++)
                                ;
                        (void)fdt_get_reg(fdt, off, 0x7fffffff, &a, &s);
                        for (sub = fdt_first_subnode(fdt, off); sub >= 0; sub = fdt_next_subnode(fdt, sub))
                                ;
                        (void)fdt_subnode_offset(fdt, off, "cpu@0");
                        (void)fdt_subnode_offset(fdt, off, "memory");
                }
        }
        for (size_t i = 0; i < sizeof(probe_paths) / sizeof(probe_paths[0]); i++)
                (void)fdt_path_offset(fdt, probe_paths[i]);
        for (size_t i = 0; i < sizeof(probe_compat) / sizeof(probe_compat[0]); i++) {
                int n = 0;

                for (off = fdt_node_offset_by_compatible(fdt, -1, probe_compat[i]); off >= 0 && n < MAX_NODES;
                     off = fdt_node_offset_by_compatible(fdt, off, probe_compat[i]), n++)
                        ;
        }
        /* Offsets that are not nodes or properties. */
        for (int bad = -8; bad < 64; bad += 1) {
                int len;

                (void)fdt_get_name(fdt, bad, &len);
                (void)fdt_getprop(fdt, bad, "reg", &len);
                (void)fdt_property_at(fdt, bad, NULL, &len);
                (void)fdt_next_node(fdt, bad, NULL);
                (void)fdt_next_property(fdt, bad);
                (void)fdt_first_subnode(fdt, bad);
        }
}

/* Are two subtrees identical: names, properties (names, values, order), children? */
static int same_subtree(const void *a, int na, const void *b, int nb, int compare_top_name)
{
        int da = 0, db = 0, first = 1;

        for (;;) {
                int pa, pb, la, lb, ca, cb;
                const char *sa, *sb;

                sa = fdt_get_name(a, na, &la);
                sb = fdt_get_name(b, nb, &lb);
                if (!sa || !sb)
                        return 0;
                if ((!first || compare_top_name) && (la != lb || memcmp(sa, sb, (size_t)la)))
                        return 0;
                first = 0;
                for (pa = fdt_first_property(a, na), pb = fdt_first_property(b, nb); pa >= 0 && pb >= 0;
                     pa = fdt_next_property(a, pa), pb = fdt_next_property(b, pb)) {
                        const void *va = fdt_property_at(a, pa, &sa, &la);
                        const void *vb = fdt_property_at(b, pb, &sb, &lb);

                        if (!va || !vb || strcmp(sa, sb) || la != lb || memcmp(va, vb, (size_t)la))
                                return 0;
                }
                if (pa >= 0 || pb >= 0)
                        return 0;
                ca = fdt_next_node(a, na, &da);
                cb = fdt_next_node(b, nb, &db);
                if ((ca < 0 || da <= 0) && (cb < 0 || db <= 0))
                        return 1;
                if (ca < 0 || cb < 0 || da != db)
                        return 0;
                na = ca;
                nb = cb;
        }
}

/* A blob fdt_check_full accepted: the API must agree with itself. */
static void check_valid(const uint8_t *fdt, size_t size)
{
        int depth = 0, nodes = 0, off;
        int stack[FDT_MAX_DEPTH];

        ASSERT(fdt_check(fdt, size) == 0);
        ASSERT(fdt_num_mem_rsv(fdt) >= 0);
        ASSERT(fdt_path_offset(fdt, "/") == 0);
        ASSERT(fdt_get_name(fdt, 0, NULL) != NULL);
        stack[0] = 0;
        for (off = 0; off >= 0 && nodes < MAX_NODES; nodes++) {
                int len, prev = -1, next;

                ASSERT(depth >= 0 && depth < FDT_MAX_DEPTH);
                stack[depth] = off;
                ASSERT(fdt_get_name(fdt, off, &len) != NULL);
                for (int p = fdt_first_property(fdt, off); p >= 0; p = fdt_next_property(fdt, p)) {
                        const char *pn;
                        int plen, glen;
                        const void *val = fdt_property_at(fdt, p, &pn, &plen);
                        const void *got;

                        ASSERT(val != NULL && plen >= 0);
                        ASSERT((const uint8_t *)val + plen <= fdt + size);
                        /* getprop finds the first property of that name: this one or an earlier one. */
                        got = fdt_getprop(fdt, off, pn, &glen);
                        ASSERT(got != NULL && (const uint8_t *)got <= (const uint8_t *)val);
                        prev = p;
                }
                (void)prev;
                if (nodes < 256) {
                        ASSERT(fdt_parent_offset(fdt, off) == (depth ? stack[depth - 1] : FDT_ERR_NOTFOUND));
                        for (int sub = fdt_first_subnode(fdt, off); sub >= 0; sub = fdt_next_subnode(fdt, sub))
                                ASSERT(fdt_parent_offset(fdt, sub) == off);
                }
                next = fdt_next_node(fdt, off, &depth);
                ASSERT(next >= 0 || next == FDT_ERR_NOTFOUND);
                off = next;
        }

        /* Copy the whole tree (with its reservations); the copy must be the same tree. */
        {
                size_t cap = 4 * size + 4096;
                uint8_t *out = malloc(cap);
                struct fdt_writer w;
                uint64_t a, s;
                int err, total;

                ASSERT(out);
                err = fdt_write_begin(&w, out, cap);
                for (int i = 0; !err && fdt_get_mem_rsv(fdt, i, &a, &s) == 0; i++)
                        err = fdt_write_reserve(&w, a, s);
                if (!err)
                        err = fdt_copy_node(&w, fdt, 0, true);
                total = fdt_write_finish(&w);
                if (err) {
                        ASSERT(total == err);
                        /* Only names the writer refuses (or, rarely, quadratic strings) may fail. */
                        ASSERT(err == FDT_ERR_BADVALUE || err == FDT_ERR_NOSPACE);
                } else {
                        ASSERT(total > 0 && (size_t)total <= cap);
                        ASSERT(fdt_check_full(out, (size_t)total) == 0);
                        ASSERT(same_subtree(fdt, 0, out, 0, 0));
                        ASSERT(fdt_num_mem_rsv(out) == fdt_num_mem_rsv(fdt));
                }
                free(out);
        }
}

/* ---- writer mode: 'W', buffer-size byte, then ops ---- */

static const char *const node_names[] = { "a", "cpu@0", "memory@40000000", "", "x/y", "chosen" };
static const char *const prop_names[] = {
        "reg", "compatible", "method", "enable-method", "#address-cells", "", "d",
};

static void fuzz_writer(const uint8_t *data, size_t size)
{
        size_t cap = size > 1 ? (size_t)data[1] * 8 : 0;
        uint8_t *buf = malloc(cap ? cap : 1);
        uint8_t val[256];
        struct fdt_writer w;
        int err, total, sticky = 0;

        for (size_t i = 0; i < sizeof(val); i++)
                val[i] = (uint8_t)(i * 7);
        val[sizeof(val) - 1] = 0;       /* the string property's tail */
        err = fdt_write_begin(&w, buf, cap);
        sticky = err;
        for (size_t i = 2; i + 1 < size; i += 2) {
                uint8_t op = data[i] & 15, arg = data[i + 1];
                const char *pn = prop_names[arg % (sizeof(prop_names) / sizeof(prop_names[0]))];
                uint32_t cells[4] = { arg, 0x12345678, 0, 0xffffffff };

                switch (op) {
                case 0: case 1: case 2:
                        err = fdt_begin_node(&w, node_names[arg % (sizeof(node_names) / sizeof(node_names[0]))]);
                        break;
                case 3: case 4: case 5:
                        err = fdt_end_node(&w);
                        break;
                case 6:
                        err = fdt_property(&w, pn, val, arg);
                        break;
                case 7:
                        err = fdt_property_u32(&w, pn, arg);
                        break;
                case 8:
                        err = fdt_property_u64(&w, pn, (uint64_t)arg << 40 | arg);
                        break;
                case 9:
                        err = fdt_property_string(&w, pn, (const char *)val + 250 - (arg % 8));
                        break;
                case 10:
                        err = fdt_property_cells(&w, pn, cells, arg % 5);
                        break;
                case 11:
                        err = fdt_write_reserve(&w, (uint64_t)arg << 12, 0x1000);
                        break;
                case 12: {
                        /* Copy a node of a blob written so far? Only possible after finish: finish now. */
                        err = fdt_write_finish(&w);
                        if (err > 0) {
                                ASSERT(fdt_check_full(buf, (size_t)err) == 0);
                                err = 0;
                        }
                        break;
                }
                default:
                        err = fdt_property(&w, pn, NULL, 0);
                        break;
                }
                if (sticky)
                        ASSERT(err == sticky);
                else if (err < 0)
                        sticky = err;
        }
        total = fdt_write_finish(&w);
        if (sticky)
                ASSERT(total == sticky);
        if (total > 0) {
                ASSERT((size_t)total <= cap);
                ASSERT(fdt_check_full(buf, (size_t)total) == 0);
                check_valid(buf, (size_t)total);
        }
        free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        int full;

        if (size && data[0] == 'W') {
                fuzz_writer(data, size);
                return 0;
        }
        full = fdt_check_full(data, size);
        ASSERT(full <= 0);
        if (fdt_check(data, size) == 0)
                walk_checked(data);
        else
                ASSERT(full != 0);
        if (full == 0)
                check_valid(data, size);
        return 0;
}
