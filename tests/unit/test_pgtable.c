// SPDX-License-Identifier: MIT
/*
 * The translation-table builder, checked by walking the tables it writes with a
 * walker of our own and comparing descriptors against values worked out by hand
 * from the Arm ARM (not from the encoder), plus a randomized comparison with a
 * page-by-page model. Host pointers are used as physical addresses.
 */
#include "arch/aarch64/pgtable.h"
#include "test.h"

#include <stdint.h>
#include <stdlib.h>

#define KiB(x)          ((uint64_t)(x) << 10)
#define MiB(x)          ((uint64_t)(x) << 20)
#define GiB(x)          ((uint64_t)(x) << 30)

#define OA_MASK         0x0000FFFFFFFFF000ull   /* descriptor bits [47:12] */

/* ---- A counting allocator that can be told to fail ---------------------- */
struct talloc {
        unsigned long allocs, frees;
        long budget;                            /* pages it may still hand out; < 0: unlimited */
};

static void *t_alloc(void *ctx)
{
        struct talloc *a = ctx;
        void *p;

        if (a->budget == 0)
                return NULL;
        if (a->budget > 0)
                a->budget--;
        p = aligned_alloc(4096, 4096);
        if (!p)
                return NULL;
        memset(p, 0, 4096);
        a->allocs++;
        return p;
}

static void t_free(void *ctx, void *p)
{
        struct talloc *a = ctx;

        a->frees++;
        free(p);
}

static uint64_t t_v2p(void *ctx, void *p)
{
        (void)ctx;
        return (uint64_t)(uintptr_t)p;
}

static void *t_p2v(void *ctx, uint64_t pa)
{
        (void)ctx;
        return (void *)(uintptr_t)pa;
}

static struct talloc alloc_state;
static const struct pgtable_ops test_ops = {
        .alloc_table = t_alloc, .free_table = t_free,
        .virt_to_phys = t_v2p, .phys_to_virt = t_p2v, .ctx = &alloc_state,
};

static unsigned long live_pages(void)
{
        return alloc_state.allocs - alloc_state.frees;
}

/* ---- A walker of our own ------------------------------------------------ */
struct leaf {
        uint64_t ia, desc;
        unsigned int level;
};

struct walk {
        struct leaf *leaves;
        size_t n, cap;
        unsigned long tables;           /* table pages reached, root included */
        int bad;                        /* reserved encodings, empty non-root tables */
};

static unsigned int shift_of(unsigned int level)
{
        return 12 + 9 * (3 - level);
}

static void walk_table(struct walk *w, const uint64_t *t, unsigned int level, uint64_t base,
                       unsigned int entries, int is_root)
{
        int any = 0;

        w->tables++;
        for (unsigned int i = 0; i < 512; i++) {
                uint64_t d = t[i], ia = base + ((uint64_t)i << shift_of(level));

                if (!(d & 1))
                        continue;
                any = 1;
                if (i >= entries) {
                        w->bad++;       /* beyond the input range */
                        continue;
                }
                if (level < 3 && (d & 3) == 3) {
                        walk_table(w, (const uint64_t *)(uintptr_t)(d & OA_MASK), level + 1, ia, 512, 0);
                } else if ((level == 3 && (d & 3) == 3) || ((level == 1 || level == 2) && (d & 3) == 1)) {
                        if (w->n == w->cap) {
                                w->cap = w->cap ? 2 * w->cap : 1024;
                                w->leaves = realloc(w->leaves, w->cap * sizeof(*w->leaves));
                        }
                        w->leaves[w->n++] = (struct leaf){ ia, d, level };
                } else {
                        w->bad++;       /* level-0 block or reserved level-3 encoding */
                }
        }
        if (!any && !is_root)
                w->bad++;               /* empty tables should have been freed */
}

static struct walk walk(const struct pgtable *pt)
{
        struct walk w = { 0 };

        walk_table(&w, pt->root, pt->start_level, 0, 1u << (pt->ia_bits - shift_of(pt->start_level)), 1);
        return w;
}

static int same_leaves(const struct walk *a, const struct walk *b)
{
        if (a->n != b->n)
                return 0;
        for (size_t i = 0; i < a->n; i++)
                if (a->leaves[i].ia != b->leaves[i].ia || a->leaves[i].desc != b->leaves[i].desc ||
                    a->leaves[i].level != b->leaves[i].level)
                        return 0;
        return 1;
}

/* An expected region: every leaf inside must translate linearly with these attribute bits. */
struct region {
        uint64_t ia, pa, size;
        uint64_t attr_bits;             /* descriptor without address and type bits */
        unsigned int level;             /* expected level of every leaf, 0: any */
        uint64_t covered;
};

/* Every leaf lies in exactly one region with the right PA and bits; every region is fully covered. */
static void check_walk(const struct pgtable *pt, struct region *r, size_t nr)
{
        struct walk w = walk(pt);

        CHECK_EQ_U64(w.bad, 0);
        CHECK_EQ_U64(w.tables, pt->tables);
        for (size_t i = 0; i < nr; i++)
                r[i].covered = 0;
        for (size_t i = 0; i < w.n; i++) {
                const struct leaf *l = &w.leaves[i];
                uint64_t size = 1ull << shift_of(l->level);
                size_t j;

                for (j = 0; j < nr; j++)
                        if (l->ia >= r[j].ia && l->ia + size <= r[j].ia + r[j].size)
                                break;
                CHECK(j < nr);
                if (j == nr) {
                        fprintf(stderr, "  stray leaf ia 0x%llx desc 0x%llx\n",
                                (unsigned long long)l->ia, (unsigned long long)l->desc);
                        continue;
                }
                CHECK_EQ_U64(l->desc & OA_MASK, r[j].pa + (l->ia - r[j].ia));
                CHECK_EQ_U64(l->desc & ~(OA_MASK | 3), r[j].attr_bits);
                CHECK_EQ_U64(l->desc & 3, l->level == 3 ? 3 : 1);
                if (r[j].level)
                        CHECK_EQ_U64(l->level, r[j].level);
                r[j].covered += size;
        }
        for (size_t i = 0; i < nr; i++)
                CHECK_EQ_U64(r[i].covered, r[i].size);
        free(w.leaves);
}

static void check_xlate(const struct pgtable *pt, uint64_t ia, uint64_t pa, unsigned int attrs,
                        unsigned int level)
{
        uint64_t got_pa = 0;
        unsigned int got_attrs = 0, got_level = 0;
        int err = pgtable_lookup(pt, ia, &got_pa, &got_attrs, &got_level);

        CHECK_EQ_U64(err, 0);
        CHECK_EQ_U64(got_pa, pa);
        CHECK_EQ_U64(got_attrs, attrs);
        if (level)
                CHECK_EQ_U64(got_level, level);
}

static void check_fault(const struct pgtable *pt, uint64_t ia)
{
        uint64_t pa = 0;

        CHECK_EQ_U64(pgtable_lookup(pt, ia, &pa, NULL, NULL), -PT_ENOENT);
}

/* ---- Encodings, written out from the Arm ARM ---------------------------- */
/*
 * Stage 2: AF 0x400, SH inner 0x300, S2AP R 0x40 W 0x80, MemAttr 0b1111 0x3C /
 * 0b0101 0x14 / 0b0001 0x04, XN[1:0] = 0b10 is bit 54.
 * Stage 1 (EL2): AF 0x400, SH 0x300, AP[1] 0x40 (RES1), AP[2] 0x80 (RO),
 * AttrIndx 0/1/2 = 0x0/0x4/0x8, XN bit 54.
 */
#define XN54            (1ull << 54)
#define S2_RWX          0x7FCull
#define S2_RW           (XN54 | 0x7FCull)
#define S2_R            (XN54 | 0x77Cull)
#define S2_DEV_RW       (XN54 | 0x4C4ull)
#define S2_NC_RW        (XN54 | 0x7D4ull)
#define S1_RW           (XN54 | 0x740ull)
#define S1_RX           0x7C0ull
#define S1_RO           (XN54 | 0x7C0ull)
#define S1_DEV_RW       (XN54 | 0x444ull)
#define S1_NC_RW        (XN54 | 0x748ull)

static void test_encodings(void)
{
        CHECK_EQ_U64(MAIR_EL2_VALUE, 0x4404FF);
        CHECK_EQ_U64(pgtable_leaf_attrs(PGTABLE_STAGE2, PT_R | PT_W | PT_X), S2_RWX);
        CHECK_EQ_U64(pgtable_leaf_attrs(PGTABLE_STAGE2, PT_R | PT_W), S2_RW);
        CHECK_EQ_U64(pgtable_leaf_attrs(PGTABLE_STAGE2, PT_R), S2_R);
        CHECK_EQ_U64(pgtable_leaf_attrs(PGTABLE_STAGE2, PT_DEVICE | PT_R | PT_W), S2_DEV_RW);
        CHECK_EQ_U64(pgtable_leaf_attrs(PGTABLE_STAGE2, PT_NORMAL_NC | PT_R | PT_W), S2_NC_RW);
        CHECK_EQ_U64(pgtable_leaf_attrs(PGTABLE_STAGE1_EL2, PT_R | PT_W), S1_RW);
        CHECK_EQ_U64(pgtable_leaf_attrs(PGTABLE_STAGE1_EL2, PT_R | PT_X), S1_RX);
        CHECK_EQ_U64(pgtable_leaf_attrs(PGTABLE_STAGE1_EL2, PT_R), S1_RO);
        CHECK_EQ_U64(pgtable_leaf_attrs(PGTABLE_STAGE1_EL2, PT_DEVICE | PT_R | PT_W), S1_DEV_RW);
        CHECK_EQ_U64(pgtable_leaf_attrs(PGTABLE_STAGE1_EL2, PT_NORMAL_NC | PT_R | PT_W), S1_NC_RW);
        /* Device is execute-never whatever is asked. */
        CHECK(pgtable_leaf_attrs(PGTABLE_STAGE2, PT_DEVICE | PT_R | PT_X) & XN54);
        CHECK(pgtable_leaf_attrs(PGTABLE_STAGE1_EL2, PT_DEVICE | PT_R | PT_X) & XN54);
}

/* 1-3: blocks of each size, translation, holes; 2: attribute bits of every leaf. */
static void test_stage2_ram(void)
{
        struct pgtable pt;
        uint64_t pa;
        unsigned int level;

        CHECK_EQ_U64(pgtable_init(&pt, PGTABLE_STAGE2, 40, &test_ops), 0);
        CHECK_EQ_U64(pt.start_level, 0);
        CHECK_EQ_U64(pt.tables, 1);

        /* 1 GiB of RAM at IPA 0x4000_0000 -> PA 0x8_0000_0000: one level-1 block. */
        CHECK_EQ_U64(pgtable_map(&pt, 0x40000000, 0x800000000, GiB(1), PT_R | PT_W | PT_X), 0);
        CHECK_EQ_U64(pt.tables, 2);                     /* L0 root + one L1 */
        check_xlate(&pt, 0x40000000, 0x800000000, PT_R | PT_W | PT_X, 1);
        check_xlate(&pt, 0x40000000 + 0x12345678, 0x800000000 + 0x12345678, PT_R | PT_W | PT_X, 1);
        check_xlate(&pt, 0x7FFFFFFF, 0x83FFFFFFF, PT_R | PT_W | PT_X, 1);
        /* The descriptor itself, from the Arm ARM: block | MemAttr WB | S2AP RW | SH IS | AF. */
        {
                const uint64_t *l1 = (const uint64_t *)(uintptr_t)(pt.root[0] & OA_MASK);

                CHECK_EQ_U64(pt.root[0] & 3, 3);
                CHECK_EQ_U64(l1[1], 0x8000007FDull);
        }

        /* 2 MiB-aligned (not 1 GiB) IPA and PA: level-2 blocks, then level-3 pages for the odd 12 KiB. */
        CHECK_EQ_U64(pgtable_map(&pt, 0x80200000, 0x900200000, MiB(4) + KiB(12), PT_R | PT_W), 0);
        CHECK_EQ_U64(pt.tables, 4);                     /* + L2 + L3 */
        check_xlate(&pt, 0x80200000, 0x900200000, PT_R | PT_W, 2);
        check_xlate(&pt, 0x805FFFFC, 0x9005FFFFC, PT_R | PT_W, 2);
        check_xlate(&pt, 0x80600000, 0x900600000, PT_R | PT_W, 3);
        check_xlate(&pt, 0x80602ABC, 0x900602ABC, PT_R | PT_W, 3);

        /* IPA and PA aligned differently within 2 MiB: pages only. */
        CHECK_EQ_U64(pgtable_map(&pt, 0xC0000000, 0xA00001000, MiB(2), PT_R), 0);
        CHECK_EQ_U64(pt.tables, 6);                     /* + L2 + one full L3 */
        check_xlate(&pt, 0xC0000000, 0xA00001000, PT_R, 3);
        check_xlate(&pt, 0xC01FF000, 0xA00200000, PT_R, 3);

        /* Far up: the second L0 entry (ia_bits 40 -> 2 root entries). */
        CHECK_EQ_U64(pgtable_map(&pt, 0xFFFFE00000, 0x10000000, MiB(2), PT_NORMAL_NC | PT_R | PT_W), 0);
        check_xlate(&pt, 0xFFFFFFF000, 0x101FF000, PT_NORMAL_NC | PT_R | PT_W, 2);
        CHECK(pt.root[1] & 1);

        /* 4: a device page. */
        CHECK_EQ_U64(pgtable_map(&pt, 0x09000000, 0x09000000, KiB(4), PT_DEVICE | PT_R | PT_W), 0);
        check_xlate(&pt, 0x09000FFC, 0x09000FFC, PT_DEVICE | PT_R | PT_W, 3);

        struct region r[] = {
                { 0x40000000, 0x800000000, GiB(1), S2_RWX, 1, 0 },
                { 0x80200000, 0x900200000, MiB(4), S2_RW, 2, 0 },
                { 0x80600000, 0x900600000, KiB(12), S2_RW, 3, 0 },
                { 0xC0000000, 0xA00001000, MiB(2), S2_R, 3, 0 },
                { 0xFFFFE00000, 0x10000000, MiB(2), S2_NC_RW, 2, 0 },
                { 0x09000000, 0x09000000, KiB(4), S2_DEV_RW, 3, 0 },
        };
        check_walk(&pt, r, sizeof(r) / sizeof(r[0]));

        /* 3: faults just below, just above, in holes, beyond the input range. */
        check_fault(&pt, 0x3FFFFFFF);
        check_fault(&pt, 0x3FFFF000);
        check_fault(&pt, 0x80000000);
        check_fault(&pt, 0x801FFFFF);
        check_fault(&pt, 0x80603000);
        check_fault(&pt, 0xC0200000);
        check_fault(&pt, 0xBFFFFFFF);
        check_fault(&pt, 0x08FFF000);
        check_fault(&pt, 0x09001000);
        check_fault(&pt, 0);
        check_fault(&pt, 0xFFFFDFF000);
        check_fault(&pt, 1ull << 40);
        check_fault(&pt, ~0ull);
        CHECK_EQ_U64(pgtable_lookup(&pt, 0x40001000, &pa, NULL, &level), 0);    /* NULL outputs are fine */

        pgtable_destroy(&pt);
        CHECK(pt.root == NULL);
        CHECK_EQ_U64(pt.tables, 0);
        CHECK_EQ_U64(live_pages(), 0);
}

/* 4: device memory on stage 1; W^X and the rest of the stage-1 rules. */
static void test_stage1(void)
{
        struct pgtable pt;

        CHECK_EQ_U64(pgtable_init(&pt, PGTABLE_STAGE1_EL2, 39, &test_ops), 0);
        CHECK_EQ_U64(pt.start_level, 1);
        CHECK_EQ_U64(pgtable_map(&pt, 0x40000000, 0x40000000, MiB(2), PT_R | PT_X), 0);         /* text */
        CHECK_EQ_U64(pgtable_map(&pt, 0x40200000, 0x40200000, MiB(2), PT_R), 0);                /* rodata */
        CHECK_EQ_U64(pgtable_map(&pt, 0x40400000, 0x40400000, KiB(64), PT_R | PT_W), 0);        /* data */
        CHECK_EQ_U64(pgtable_map(&pt, 0x09000000, 0x09000000, KiB(4), PT_DEVICE | PT_R | PT_W), 0); /* UART */
        CHECK_EQ_U64(pgtable_map(&pt, 0x50000000, 0x50000000, KiB(8), PT_NORMAL_NC | PT_R | PT_W), 0);
        check_xlate(&pt, 0x40001234, 0x40001234, PT_R | PT_X, 2);
        check_xlate(&pt, 0x40200000, 0x40200000, PT_R, 2);
        check_xlate(&pt, 0x4040F000, 0x4040F000, PT_R | PT_W, 3);
        check_xlate(&pt, 0x09000018, 0x09000018, PT_DEVICE | PT_R | PT_W, 3);
        check_fault(&pt, 0x40410000);

        /* The UART page, by hand: page | AttrIndx 1 | AP RW (AP[1] RES1) | AF | XN; SH 0 for Device. */
        {
                const uint64_t *l1 = pt.root;
                const uint64_t *l2 = (const uint64_t *)(uintptr_t)(l1[0] & OA_MASK);
                const uint64_t *l3 = (const uint64_t *)(uintptr_t)(l2[0x09000000 >> 21] & OA_MASK);

                CHECK_EQ_U64(l3[0], 0x0040000009000447ull);
                CHECK_EQ_U64(l2[1], 0);         /* 0x0020_0000: nothing */
                CHECK_EQ_U64(((const uint64_t *)(uintptr_t)(l1[1] & OA_MASK))[0], 0x40000000 | 0x7C1ull);
        }

        struct region r[] = {
                { 0x40000000, 0x40000000, MiB(2), S1_RX, 2, 0 },
                { 0x40200000, 0x40200000, MiB(2), S1_RO, 2, 0 },
                { 0x40400000, 0x40400000, KiB(64), S1_RW, 3, 0 },
                { 0x09000000, 0x09000000, KiB(4), S1_DEV_RW, 3, 0 },
                { 0x50000000, 0x50000000, KiB(8), S1_NC_RW, 3, 0 },
        };
        check_walk(&pt, r, sizeof(r) / sizeof(r[0]));

        /* 8: the stage-1 attribute rules. */
        CHECK_EQ_U64(pgtable_map(&pt, 0x60000000, 0x60000000, KiB(4), PT_R | PT_W | PT_X), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_map(&pt, 0x60000000, 0x60000000, KiB(4), PT_W), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_map(&pt, 0x60000000, 0x60000000, KiB(4), PT_X), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_map(&pt, 0x60000000, 0x60000000, KiB(4), PT_DEVICE | PT_R | PT_X), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_map(&pt, 0x60000000, 0x60000000, KiB(4), PT_DEVICE | PT_NORMAL_NC | PT_R),
                     -PT_EINVAL);
        CHECK_EQ_U64(pgtable_map(&pt, 0x60000000, 0x60000000, KiB(4), PT_R | (1u << 5)), -PT_EINVAL);
        check_fault(&pt, 0x60000000);
        check_walk(&pt, r, sizeof(r) / sizeof(r[0]));   /* nothing changed */

        pgtable_destroy(&pt);
        CHECK_EQ_U64(live_pages(), 0);
}

/* 5: splitting a 2 MiB block, then a 1 GiB block; empty tables are freed. */
static void test_split(void)
{
        struct pgtable pt;
        const unsigned int rw = PT_R | PT_W;

        CHECK_EQ_U64(pgtable_init(&pt, PGTABLE_STAGE2, 39, &test_ops), 0);
        CHECK_EQ_U64(pgtable_map(&pt, 0x40200000, 0x880200000, MiB(2), rw), 0);
        CHECK_EQ_U64(pt.tables, 2);
        check_xlate(&pt, 0x40205000, 0x880205000, rw, 2);

        CHECK_EQ_U64(pgtable_unmap(&pt, 0x40205000, KiB(4)), 0);
        CHECK_EQ_U64(pt.tables, 3);
        check_fault(&pt, 0x40205000);
        check_fault(&pt, 0x40205FFF);
        for (uint64_t off = 0; off < MiB(2); off += KiB(4))
                if (off != 0x5000)
                        check_xlate(&pt, 0x40200000 + off + 8, 0x880200000 + off + 8, rw, 3);
        {
                struct region r[] = {
                        { 0x40200000, 0x880200000, KiB(20), S2_RW, 3, 0 },
                        { 0x40206000, 0x880206000, MiB(2) - KiB(24), S2_RW, 3, 0 },
                };
                check_walk(&pt, r, 2);
        }
        /* Unmapping the rest, in two pieces around the hole, frees the L3 and the L2 table. */
        CHECK_EQ_U64(pgtable_unmap(&pt, 0x40200000, KiB(20)), 0);
        CHECK_EQ_U64(pt.tables, 3);
        CHECK_EQ_U64(pgtable_unmap(&pt, 0x40206000, MiB(2) - KiB(24)), 0);
        CHECK_EQ_U64(pt.tables, 1);
        CHECK_EQ_U64(live_pages(), 1);
        check_fault(&pt, 0x40300000);
        /* Unmapping nothing in particular is fine and needs no memory. */
        alloc_state.budget = 0;
        CHECK_EQ_U64(pgtable_unmap(&pt, 0, GiB(4)), 0);
        CHECK_EQ_U64(pgtable_unmap(&pt, 0x40201000, KiB(4)), 0);
        alloc_state.budget = -1;
        CHECK_EQ_U64(pt.tables, 1);

        /* A 1 GiB block loses one page: L2 (511 blocks + 1 table) + L3 (511 pages). */
        CHECK_EQ_U64(pgtable_map(&pt, GiB(1), GiB(8), GiB(1), PT_R | PT_W | PT_X), 0);
        CHECK_EQ_U64(pt.tables, 1);                     /* a block in the root */
        CHECK_EQ_U64(pgtable_unmap(&pt, GiB(1) + MiB(3), KiB(4)), 0);
        CHECK_EQ_U64(pt.tables, 3);
        check_xlate(&pt, GiB(1), GiB(8), PT_R | PT_W | PT_X, 2);
        check_xlate(&pt, GiB(1) + MiB(2), GiB(8) + MiB(2), PT_R | PT_W | PT_X, 3);
        check_xlate(&pt, GiB(2) - 1, GiB(9) - 1, PT_R | PT_W | PT_X, 2);
        check_fault(&pt, GiB(1) + MiB(3));
        {
                struct region r[] = {
                        { GiB(1), GiB(8), MiB(2), S2_RWX, 2, 0 },
                        { GiB(1) + MiB(2), GiB(8) + MiB(2), MiB(1), S2_RWX, 3, 0 },
                        { GiB(1) + MiB(3) + KiB(4), GiB(8) + MiB(3) + KiB(4), MiB(1) - KiB(4), S2_RWX, 3, 0 },
                        { GiB(1) + MiB(4), GiB(8) + MiB(4), GiB(1) - MiB(4), S2_RWX, 2, 0 },
                };
                check_walk(&pt, r, 4);
        }
        /* Mapping the page back does not merge (blocks are only built by a covering map). */
        CHECK_EQ_U64(pgtable_map(&pt, GiB(1) + MiB(3), GiB(8) + MiB(3), KiB(4), PT_R | PT_W | PT_X), 0);
        CHECK_EQ_U64(pt.tables, 3);
        /* A covering map replaces the whole subtree by one block again. */
        CHECK_EQ_U64(pgtable_map(&pt, GiB(1), GiB(8), GiB(1), PT_R | PT_W | PT_X), 0);
        CHECK_EQ_U64(pt.tables, 1);
        CHECK_EQ_U64(live_pages(), 1);
        check_xlate(&pt, GiB(1) + MiB(3), GiB(8) + MiB(3), PT_R | PT_W | PT_X, 1);

        pgtable_destroy(&pt);
        CHECK_EQ_U64(live_pages(), 0);
}

/* 6: changing attributes of a mapped range. */
static void test_remap(void)
{
        struct pgtable pt;

        CHECK_EQ_U64(pgtable_init(&pt, PGTABLE_STAGE1_EL2, 39, &test_ops), 0);
        CHECK_EQ_U64(pgtable_map(&pt, 0x40000000, 0x40000000, MiB(4), PT_R | PT_W), 0);
        check_xlate(&pt, 0x40001000, 0x40001000, PT_R | PT_W, 2);

        /* One page becomes read-only + executable (e.g. a trampoline): split, neighbours unchanged. */
        CHECK_EQ_U64(pgtable_map(&pt, 0x40001000, 0x40001000, KiB(4), PT_R | PT_X), 0);
        check_xlate(&pt, 0x40001000, 0x40001000, PT_R | PT_X, 3);
        check_xlate(&pt, 0x40000000, 0x40000000, PT_R | PT_W, 3);
        check_xlate(&pt, 0x40002000, 0x40002000, PT_R | PT_W, 3);
        check_xlate(&pt, 0x40200000, 0x40200000, PT_R | PT_W, 2);

        /* The whole range RW -> RO (and to another PA). */
        CHECK_EQ_U64(pgtable_map(&pt, 0x40000000, 0x80000000, MiB(4), PT_R), 0);
        CHECK_EQ_U64(pt.tables, 2);                     /* the split L3 went away */
        {
                struct region r[] = { { 0x40000000, 0x80000000, MiB(4), S1_RO, 2, 0 } };

                check_walk(&pt, r, 1);
        }
        /* Same mapping again: nothing changes. */
        CHECK_EQ_U64(pgtable_map(&pt, 0x40000000, 0x80000000, MiB(4), PT_R), 0);
        CHECK_EQ_U64(pt.tables, 2);
        pgtable_destroy(&pt);
        CHECK_EQ_U64(live_pages(), 0);
}

/* 7: running out of table pages changes nothing; no page leaks. */
static void test_enomem(void)
{
        struct pgtable pt;
        struct walk before, after;
        unsigned long tables;
        int err = -PT_ENOMEM;
        long budget;

        alloc_state.budget = 0;
        CHECK_EQ_U64(pgtable_init(&pt, PGTABLE_STAGE2, 40, &test_ops), -PT_ENOMEM);
        CHECK_EQ_U64(live_pages(), 0);
        alloc_state.budget = -1;

        CHECK_EQ_U64(pgtable_init(&pt, PGTABLE_STAGE2, 40, &test_ops), 0);
        CHECK_EQ_U64(pgtable_map(&pt, GiB(1), GiB(16), GiB(2), PT_R | PT_W | PT_X), 0);
        CHECK_EQ_U64(pgtable_map(&pt, GiB(3) + MiB(2), GiB(20), MiB(4), PT_R | PT_W), 0);
        before = walk(&pt);
        tables = pt.tables;

        /*
         * Needs many tables: spans the end of a 1 GiB block (split into L2 + L3),
         * an L2 table with blocks, and misaligned PAs (pages only).
         */
        for (budget = 0; err == -PT_ENOMEM; budget++) {
                alloc_state.budget = budget;
                err = pgtable_map(&pt, GiB(3) - MiB(3) + KiB(4), 0x123456789000, MiB(8), PT_R);
                if (err == -PT_ENOMEM) {
                        after = walk(&pt);
                        CHECK(same_leaves(&before, &after));
                        CHECK_EQ_U64(pt.tables, tables);
                        CHECK_EQ_U64(live_pages(), tables);
                        free(after.leaves);
                }
        }
        alloc_state.budget = -1;
        CHECK_EQ_U64(err, 0);
        CHECK(budget > 4);                              /* the loop really exercised failures */
        {
                struct region r[] = {
                        { GiB(1), GiB(16), GiB(2) - MiB(3) + KiB(4), S2_RWX, 0, 0 },
                        { GiB(3) - MiB(3) + KiB(4), 0x123456789000, MiB(8), S2_R, 3, 0 },
                        { GiB(3) + MiB(5) + KiB(4), GiB(20) + MiB(3) + KiB(4), MiB(1) - KiB(4), S2_RW, 3, 0 },
                };
                check_walk(&pt, r, 3);
        }
        CHECK_EQ_U64(live_pages(), pt.tables);

        /* Unmap that needs a split, with no memory: unchanged. */
        free(before.leaves);
        before = walk(&pt);
        tables = pt.tables;
        alloc_state.budget = 1;                         /* L2 + L3 needed */
        CHECK_EQ_U64(pgtable_unmap(&pt, GiB(1) + MiB(1), KiB(4)), -PT_ENOMEM);
        after = walk(&pt);
        CHECK(same_leaves(&before, &after));
        CHECK_EQ_U64(pt.tables, tables);
        CHECK_EQ_U64(live_pages(), tables);
        free(after.leaves);
        free(before.leaves);
        alloc_state.budget = -1;

        pgtable_destroy(&pt);
        CHECK_EQ_U64(live_pages(), 0);
}

/* 8: argument checks. */
static void test_einval(void)
{
        struct pgtable pt;
        const unsigned int rw = PT_R | PT_W;

        CHECK_EQ_U64(pgtable_init(&pt, PGTABLE_STAGE2, 31, &test_ops), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_init(&pt, PGTABLE_STAGE2, 49, &test_ops), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_init(&pt, PGTABLE_STAGE2, 40, NULL), -PT_EINVAL);
        CHECK_EQ_U64(live_pages(), 0);

        CHECK_EQ_U64(pgtable_init(&pt, PGTABLE_STAGE2, 36, &test_ops), 0);
        CHECK_EQ_U64(pgtable_map(&pt, 0x1001, 0x1000, KiB(4), rw), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_map(&pt, 0x1000, 0x1800, KiB(4), rw), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_map(&pt, 0x1000, 0x1000, 100, rw), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_map(&pt, 0x1000, 0x1000, 0, rw), -PT_EINVAL);     /* size 0: EINVAL */
        CHECK_EQ_U64(pgtable_map(&pt, GiB(64), 0x1000, KiB(4), rw), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_map(&pt, GiB(64) - KiB(4), 0x1000, KiB(8), rw), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_map(&pt, GiB(64) - KiB(4), ~0xFFFull, KiB(4), rw), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_map(&pt, 0, (1ull << 48) - KiB(4), KiB(8), rw), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_map(&pt, 0x1000, 0x1000, ~0xFFFull, rw), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_map(&pt, 0x1000, 0x1000, KiB(4), PT_DEVICE | PT_R | PT_X), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_unmap(&pt, 0x1000, 0), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_unmap(&pt, 0x1800, KiB(4)), -PT_EINVAL);
        CHECK_EQ_U64(pgtable_unmap(&pt, GiB(64) - KiB(4), KiB(8)), -PT_EINVAL);
        CHECK_EQ_U64(pt.tables, 1);
        /* The last page of the input range is fine; stage 2 allows W+X and execute-only. */
        CHECK_EQ_U64(pgtable_map(&pt, GiB(64) - KiB(4), (1ull << 48) - KiB(4), KiB(4), PT_R | PT_W | PT_X), 0);
        check_xlate(&pt, GiB(64) - 1, (1ull << 48) - 1, PT_R | PT_W | PT_X, 3);
        CHECK_EQ_U64(pgtable_map(&pt, 0x2000, 0x2000, KiB(4), PT_X), 0);
        check_xlate(&pt, 0x2000, 0x2000, PT_X, 3);
        pgtable_destroy(&pt);
        CHECK_EQ_U64(live_pages(), 0);
}

/* 9: start levels and the TCR/VTCR helpers. */
static void test_levels(void)
{
        static const struct { unsigned int ia_bits, start, t0sz, sl0; } cases[] = {
                { 32, 1, 32, 1 }, { 36, 1, 28, 1 }, { 39, 1, 25, 1 },
                { 40, 0, 24, 2 }, { 42, 0, 22, 2 }, { 48, 0, 16, 2 },
        };
        struct pgtable pt;

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                CHECK_EQ_U64(pgtable_init(&pt, PGTABLE_STAGE2, cases[i].ia_bits, &test_ops), 0);
                CHECK_EQ_U64(pt.start_level, cases[i].start);
                CHECK_EQ_U64(pgtable_tcr_t0sz(&pt), cases[i].t0sz);
                CHECK_EQ_U64(pgtable_vtcr_sl0(&pt), cases[i].sl0);
                CHECK_EQ_U64(pt.root_pa, (uint64_t)(uintptr_t)pt.root);
                pgtable_destroy(&pt);
                /* The helpers work from ia_bits alone (VTCR_EL2 is set up before any VM exists). */
                struct pgtable probe = { .ia_bits = cases[i].ia_bits };

                CHECK_EQ_U64(pgtable_tcr_t0sz(&probe), cases[i].t0sz);
                CHECK_EQ_U64(pgtable_vtcr_sl0(&probe), cases[i].sl0);
        }

        /* 32 bits: 4 usable level-1 root entries, each a 1 GiB block. */
        CHECK_EQ_U64(pgtable_init(&pt, PGTABLE_STAGE2, 32, &test_ops), 0);
        CHECK_EQ_U64(pgtable_map(&pt, 0, GiB(4), GiB(4), PT_R | PT_W), 0);
        CHECK_EQ_U64(pt.tables, 1);
        for (unsigned int i = 0; i < 4; i++)
                CHECK_EQ_U64(pt.root[i], GiB(4) + GiB(i) + (S2_RW | 1));
        CHECK_EQ_U64(pt.root[4], 0);
        check_xlate(&pt, 0xFFFFFFFF, GiB(8) - 1, PT_R | PT_W, 1);
        check_fault(&pt, GiB(4));
        CHECK_EQ_U64(pgtable_map(&pt, GiB(4), 0, KiB(4), PT_R), -PT_EINVAL);
        pgtable_destroy(&pt);

        /* 48 bits: a block at the top of the address space goes through all four levels. */
        CHECK_EQ_U64(pgtable_init(&pt, PGTABLE_STAGE1_EL2, 48, &test_ops), 0);
        CHECK_EQ_U64(pgtable_map(&pt, (1ull << 48) - KiB(4), 0x1000, KiB(4), PT_R), 0);
        CHECK_EQ_U64(pt.tables, 4);
        check_xlate(&pt, (1ull << 48) - 1, 0x1FFF, PT_R, 3);
        CHECK(pt.root[511] & 1);
        /* Reserved encodings fault: a level-0 block, type 0b01 at level 3. */
        pt.root[0] = 0x401;
        check_fault(&pt, 0x1000);
        pt.root[0] = 0;
        {
                uint64_t *l1 = (uint64_t *)(uintptr_t)(pt.root[511] & OA_MASK);
                uint64_t *l2 = (uint64_t *)(uintptr_t)(l1[511] & OA_MASK);
                uint64_t *l3 = (uint64_t *)(uintptr_t)(l2[511] & OA_MASK);

                CHECK_EQ_U64(l3[511], 0x1000 | S1_RO | 3);
                l3[511] &= ~2ull;
                check_fault(&pt, (1ull << 48) - 1);
        }
        pgtable_destroy(&pt);
        CHECK_EQ_U64(live_pages(), 0);
}

/* ---- Randomized: a page-by-page model of a 4 GiB IPA space -------------- */
#define MODEL_PAGES     (GiB(4) >> 12)

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
        rng_state ^= rng_state << 13;
        rng_state ^= rng_state >> 7;
        rng_state ^= rng_state << 17;
        return rng_state;
}

/* An address aligned to 4 KiB, 2 MiB or 1 GiB (so blocks happen), below limit. */
static uint64_t rnd_addr(uint64_t limit)
{
        static const uint64_t align[] = { KiB(4), MiB(2), GiB(1) };
        uint64_t a = align[rnd() % 3];

        return (rnd() % limit) & ~(a - 1);
}

static void test_random(void)
{
        static const unsigned int attr_set[] = {
                PT_R | PT_W | PT_X, PT_R | PT_W, PT_R, PT_DEVICE | PT_R | PT_W, PT_NORMAL_NC | PT_R,
        };
        uint64_t *model = calloc(MODEL_PAGES, sizeof(*model));  /* pa | attr_bits | 1, or 0 */
        struct pgtable pt;
        unsigned long nomem = 0;

        CHECK_EQ_U64(pgtable_init(&pt, PGTABLE_STAGE2, 32, &test_ops), 0);
        for (int iter = 0; iter < 400; iter++) {
                uint64_t ia = rnd_addr(GiB(4));
                uint64_t size = rnd() % 4 ? (rnd() % 1024 + 1) * KiB(4) : (rnd() % 3 + 1) * MiB(2) + (rnd() % 2) * GiB(1);
                uint64_t pa = rnd() % 2 ? ia + GiB(64) : rnd_addr(GiB(64));
                unsigned int attrs = attr_set[rnd() % 5];
                int unmap = rnd() % 3 == 0, err;

                if (size > GiB(4) - ia)
                        size = GiB(4) - ia;
                alloc_state.budget = rnd() % 8 == 0 ? (long)(rnd() % 3) : -1;
                err = unmap ? pgtable_unmap(&pt, ia, size) : pgtable_map(&pt, ia, pa, size, attrs);
                alloc_state.budget = -1;
                CHECK(err == 0 || err == -PT_ENOMEM);
                if (err) {
                        nomem++;
                } else {
                        for (uint64_t off = 0; off < size; off += KiB(4))
                                model[(ia + off) >> 12] = unmap ? 0 : (pa + off) | pgtable_leaf_attrs(PGTABLE_STAGE2, attrs) | 1;
                }
                CHECK_EQ_U64(live_pages(), pt.tables);

                if (iter % 20 == 19 || iter == 399) {
                        struct walk w = walk(&pt);
                        uint64_t *seen = calloc(MODEL_PAGES, sizeof(*seen));
                        size_t bad = 0;

                        CHECK_EQ_U64(w.bad, 0);
                        CHECK_EQ_U64(w.tables, pt.tables);
                        for (size_t i = 0; i < w.n; i++) {
                                uint64_t n = 1ull << (shift_of(w.leaves[i].level) - 12);

                                for (uint64_t p = 0; p < n; p++)
                                        seen[(w.leaves[i].ia >> 12) + p] =
                                                ((w.leaves[i].desc & OA_MASK) + (p << 12)) |
                                                (w.leaves[i].desc & ~(OA_MASK | 3)) | 1;
                        }
                        for (uint64_t p = 0; p < MODEL_PAGES; p++)
                                bad += seen[p] != model[p];
                        CHECK_EQ_U64(bad, 0);
                        /* And lookup agrees at a few random addresses. */
                        for (int k = 0; k < 64; k++) {
                                uint64_t a = rnd() % GiB(4), got;
                                uint64_t m = model[a >> 12];

                                if (m)
                                        CHECK(!pgtable_lookup(&pt, a, &got, NULL, NULL) &&
                                              got == (m & OA_MASK) + (a & 0xFFF));
                                else
                                        check_fault(&pt, a);
                        }
                        free(seen);
                        free(w.leaves);
                }
        }
        CHECK(nomem > 0);
        pgtable_destroy(&pt);
        CHECK_EQ_U64(live_pages(), 0);
        free(model);
}

int main(void)
{
        alloc_state.budget = -1;
        test_encodings();
        test_stage2_ram();
        test_stage1();
        test_split();
        test_remap();
        test_enomem();
        test_einval();
        test_levels();
        test_random();
        TEST_MAIN_END();
}
