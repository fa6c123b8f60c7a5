// SPDX-License-Identifier: MIT
/*
 * VMSAv8-64 translation tables, 4 KiB granule (see pgtable.h for the TLB contract).
 *
 * pgtable_map() and pgtable_unmap() are one walk, done twice: count_tables()
 * works out how many new table pages the change needs without touching
 * anything, those pages are allocated into a private pool, and only then does
 * apply() write descriptors, taking its tables from the pool. So running out
 * of memory never leaves a half-done change behind.
 */
#include "arch/aarch64/pgtable.h"

#include <stdbool.h>
#include <stddef.h>

/* Address bits translated below level l: 39, 30, 21, 12 for levels 0..3. */
#define LEVEL_SHIFT(l)          (PT_PAGE_SHIFT + 9 * (3 - (l)))
#define LEVEL_SIZE(l)           (1ull << LEVEL_SHIFT(l))

#define PT_ATTRS_ALL            (PT_R | PT_W | PT_X | PT_DEVICE | PT_NORMAL_NC)

/* Free pages taken out of the allocator before a change; linked through their first word. */
struct pool {
        uint64_t *head;
};

static unsigned int pte_index(uint64_t ia, unsigned int level)
{
        return (unsigned int)(ia >> LEVEL_SHIFT(level)) & (PT_ENTRIES - 1);
}

static bool pte_is_table(uint64_t pte, unsigned int level)
{
        return level < 3 && (pte & PTE_TYPE_MASK) == PTE_TABLE;
}

static uint64_t *pte_table(const struct pgtable *pt, uint64_t pte)
{
        return pt->ops->phys_to_virt(pt->ops->ctx, pte & PTE_ADDR_MASK);
}

/* One 64-bit store the compiler may neither split, drop nor reorder with the others. */
static void pte_write(uint64_t *ptep, uint64_t val)
{
        *(volatile uint64_t *)ptep = val;
}

static void pool_put(struct pool *pool, uint64_t *page)
{
        page[0] = (uint64_t)(uintptr_t)pool->head;
        pool->head = page;
}

/* Never empty when apply() calls it: count_tables() sized the pool. */
static uint64_t *pool_take(struct pool *pool)
{
        uint64_t *page = pool->head;

        pool->head = (uint64_t *)(uintptr_t)page[0];
        page[0] = 0;
        return page;
}

static void pool_release(struct pgtable *pt, struct pool *pool)
{
        while (pool->head)
                pt->ops->free_table(pt->ops->ctx, pool_take(pool));
}

uint64_t pgtable_leaf_attrs(enum pgtable_stage stage, unsigned int attrs)
{
        bool device = attrs & PT_DEVICE;
        bool xn = device || !(attrs & PT_X);
        uint64_t d = PTE_AF | (device ? PTE_SH_NON : PTE_SH_INNER);    /* SH is ignored for Device */

        if (stage == PGTABLE_STAGE1_EL2) {
                d |= S1_AP1_RES1;
                if (device)
                        d |= S1_ATTRINDX(MAIR_IDX_DEVICE_nGnRE);
                else if (attrs & PT_NORMAL_NC)
                        d |= S1_ATTRINDX(MAIR_IDX_NORMAL_NC);
                else
                        d |= S1_ATTRINDX(MAIR_IDX_NORMAL_WB);
                if (!(attrs & PT_W))
                        d |= S1_AP2_RO;
                if (xn)
                        d |= S1_XN;
        } else {
                if (device)
                        d |= S2_MEMATTR_DEVICE_nGnRE;
                else if (attrs & PT_NORMAL_NC)
                        d |= S2_MEMATTR_NORMAL_NC;
                else
                        d |= S2_MEMATTR_NORMAL_WB;
                if (attrs & PT_R)
                        d |= S2_S2AP_R;
                if (attrs & PT_W)
                        d |= S2_S2AP_W;
                if (xn)
                        d |= S2_XN_EL1_EL0;
        }
        return d;
}

/* The inverse of pgtable_leaf_attrs() for the encodings it produces. */
static unsigned int leaf_decode(enum pgtable_stage stage, uint64_t pte)
{
        unsigned int attrs = 0;

        if (stage == PGTABLE_STAGE1_EL2) {
                uint64_t idx = (pte & S1_ATTRINDX_MASK) >> S1_ATTRINDX_SHIFT;

                attrs |= PT_R;
                if (!(pte & S1_AP2_RO))
                        attrs |= PT_W;
                if (!(pte & S1_XN))
                        attrs |= PT_X;
                if (idx == MAIR_IDX_DEVICE_nGnRE)
                        attrs |= PT_DEVICE;
                else if (idx == MAIR_IDX_NORMAL_NC)
                        attrs |= PT_NORMAL_NC;
        } else {
                uint64_t memattr = pte & S2_MEMATTR_MASK;

                if (pte & S2_S2AP_R)
                        attrs |= PT_R;
                if (pte & S2_S2AP_W)
                        attrs |= PT_W;
                if (!(pte & S2_XN_MASK))
                        attrs |= PT_X;
                if (memattr == S2_MEMATTR_DEVICE_nGnRE)
                        attrs |= PT_DEVICE;
                else if (memattr == S2_MEMATTR_NORMAL_NC)
                        attrs |= PT_NORMAL_NC;
        }
        return attrs;
}

/*
 * Can the entry at this level that starts the rest of the range, [ia, ia+left),
 * be written as one leaf (map) or cleared as a whole (unmap)? Blocks exist at
 * levels 1 and 2 only (no FEAT_LPA2), pages at level 3.
 */
static bool fits_entry(unsigned int level, uint64_t ia, uint64_t pa, uint64_t left, bool unmap)
{
        uint64_t size = LEVEL_SIZE(level);

        if ((ia & (size - 1)) || left < size)
                return false;
        return unmap || (level >= 1 && !(pa & (size - 1)));
}

/*
 * New table pages that changing [ia, end) under table needs. table == NULL
 * stands for a table about to be split off a block: every entry a valid leaf.
 */
static unsigned long count_tables(const struct pgtable *pt, const uint64_t *table, unsigned int level,
                                  uint64_t ia, uint64_t pa, uint64_t end, bool unmap)
{
        unsigned long n = 0;

        while (ia < end) {
                uint64_t next = (ia | (LEVEL_SIZE(level) - 1)) + 1;
                uint64_t chunk_end = next < end ? next : end;

                if (!fits_entry(level, ia, pa, end - ia, unmap)) {
                        uint64_t pte = table ? table[pte_index(ia, level)] : PTE_BLOCK;

                        if (pte_is_table(pte, level))
                                n += count_tables(pt, pte_table(pt, pte), level + 1, ia, pa, chunk_end, unmap);
                        else if ((pte & PTE_VALID) || !unmap)
                                n += 1 + count_tables(pt, NULL, level + 1, ia, pa, chunk_end, unmap);
                }
                pa += chunk_end - ia;
                ia = chunk_end;
        }
        return n;
}

static void free_tree(struct pgtable *pt, uint64_t *table, unsigned int level)
{
        for (unsigned int i = 0; level < 3 && i < PT_ENTRIES; i++)
                if (pte_is_table(table[i], level))
                        free_tree(pt, pte_table(pt, table[i]), level + 1);
        pt->ops->free_table(pt->ops->ctx, table);
        pt->tables--;
}

/*
 * Give an entry a new value, break-before-make: a valid entry is made invalid
 * before the new value is written (the caller's TLBI completes the sequence).
 * A table the entry pointed to is freed once it is unlinked.
 */
static void pte_replace(struct pgtable *pt, uint64_t *ptep, uint64_t new, unsigned int level)
{
        uint64_t old = *ptep;

        if (old == new)
                return;
        if (old & PTE_VALID)
                pte_write(ptep, 0);
        if (new)
                pte_write(ptep, new);
        if (pte_is_table(old, level))
                free_tree(pt, pte_table(pt, old), level + 1);
}

/* Fill a new level-`level` table with the 512 leaves equivalent to block. */
static void split_block(uint64_t *table, uint64_t block, unsigned int level)
{
        uint64_t oa = block & PTE_ADDR_MASK;
        uint64_t attrs = block & ~(PTE_ADDR_MASK | PTE_TYPE_MASK);
        uint64_t type = level == 3 ? PTE_PAGE : PTE_BLOCK;

        for (unsigned int i = 0; i < PT_ENTRIES; i++)
                pte_write(&table[i], (oa + i * LEVEL_SIZE(level)) | attrs | type);
}

static bool table_empty(const uint64_t *table)
{
        for (unsigned int i = 0; i < PT_ENTRIES; i++)
                if (table[i] & PTE_VALID)
                        return false;
        return true;
}

/* Map (leaf = attribute bits) or unmap [ia, end) under table; cannot fail (see count_tables()). */
static void apply(struct pgtable *pt, struct pool *pool, uint64_t *table, unsigned int level,
                  uint64_t ia, uint64_t pa, uint64_t end, uint64_t leaf, bool unmap)
{
        while (ia < end) {
                uint64_t next = (ia | (LEVEL_SIZE(level) - 1)) + 1;
                uint64_t chunk_end = next < end ? next : end;
                uint64_t *ptep = &table[pte_index(ia, level)];
                uint64_t old = *ptep;

                if (fits_entry(level, ia, pa, end - ia, unmap)) {
                        pte_replace(pt, ptep, unmap ? 0 : pa | leaf | (level == 3 ? PTE_PAGE : PTE_BLOCK),
                                    level);
                } else if (pte_is_table(old, level)) {
                        uint64_t *child = pte_table(pt, old);

                        apply(pt, pool, child, level + 1, ia, pa, chunk_end, leaf, unmap);
                        if (unmap && table_empty(child))
                                pte_replace(pt, ptep, 0, level);        /* frees child */
                } else if ((old & PTE_VALID) || !unmap) {
                        /* Invalid entry or a block partly changed: build the new table off-line, then publish it. */
                        uint64_t *child = pool_take(pool);

                        pt->tables++;
                        if (old & PTE_VALID)
                                split_block(child, old, level + 1);
                        apply(pt, pool, child, level + 1, ia, pa, chunk_end, leaf, unmap);
                        pte_replace(pt, ptep, pt->ops->virt_to_phys(pt->ops->ctx, child) | PTE_TABLE, level);
                }
                pa += chunk_end - ia;
                ia = chunk_end;
        }
}

static int update(struct pgtable *pt, uint64_t ia, uint64_t pa, uint64_t size, uint64_t leaf, bool unmap)
{
        struct pool pool = { NULL };
        unsigned long need = count_tables(pt, pt->root, pt->start_level, ia, pa, ia + size, unmap);

        while (need--) {
                uint64_t *page = pt->ops->alloc_table(pt->ops->ctx);

                if (!page) {
                        pool_release(pt, &pool);
                        return -PT_ENOMEM;
                }
                pool_put(&pool, page);
        }
        apply(pt, &pool, pt->root, pt->start_level, ia, pa, ia + size, leaf, unmap);
        pool_release(pt, &pool);        /* empty unless the two walks disagree */
        return 0;
}

/* size 0 is rejected: a zero-sized change is almost always a caller's bug. */
static bool ia_range_ok(const struct pgtable *pt, uint64_t ia, uint64_t size)
{
        uint64_t limit = 1ull << pt->ia_bits;

        return pt->root && size && !((ia | size) & (PT_PAGE_SIZE - 1)) && ia < limit && size <= limit - ia;
}

static bool attrs_ok(enum pgtable_stage stage, unsigned int attrs)
{
        if (attrs & ~PT_ATTRS_ALL)
                return false;
        if ((attrs & PT_DEVICE) && (attrs & (PT_NORMAL_NC | PT_X)))
                return false;
        /* EL2 stage 1: W^X, and every valid mapping is readable. */
        if (stage == PGTABLE_STAGE1_EL2 && (!(attrs & PT_R) || (attrs & (PT_W | PT_X)) == (PT_W | PT_X)))
                return false;
        return true;
}

int pgtable_map(struct pgtable *pt, uint64_t ia, uint64_t pa, uint64_t size, unsigned int attrs)
{
        const uint64_t oa_limit = 1ull << PT_MAX_OA_BITS;

        if (!ia_range_ok(pt, ia, size) || (pa & (PT_PAGE_SIZE - 1)) || pa >= oa_limit ||
            size > oa_limit - pa || !attrs_ok(pt->stage, attrs))
                return -PT_EINVAL;
        return update(pt, ia, pa, size, pgtable_leaf_attrs(pt->stage, attrs), false);
}

int pgtable_unmap(struct pgtable *pt, uint64_t ia, uint64_t size)
{
        if (!ia_range_ok(pt, ia, size))
                return -PT_EINVAL;
        return update(pt, ia, 0, size, 0, true);
}

int pgtable_lookup(const struct pgtable *pt, uint64_t ia, uint64_t *pa, unsigned int *attrs,
                   unsigned int *level)
{
        const uint64_t *table = pt->root;

        if (!table || ia >= (1ull << pt->ia_bits))
                return -PT_ENOENT;
        for (unsigned int l = pt->start_level; l <= 3; l++) {
                uint64_t pte = table[pte_index(ia, l)];

                if (!(pte & PTE_VALID))
                        break;
                if (pte_is_table(pte, l)) {
                        table = pte_table(pt, pte);
                        continue;
                }
                /* A block at level 0 or type 0b01 at level 3 is reserved: it faults. */
                if (l == 0 || (l == 3 && (pte & PTE_TYPE_MASK) != PTE_PAGE))
                        break;
                if (pa)
                        *pa = (pte & PTE_ADDR_MASK & ~(LEVEL_SIZE(l) - 1)) | (ia & (LEVEL_SIZE(l) - 1));
                if (attrs)
                        *attrs = leaf_decode(pt->stage, pte);
                if (level)
                        *level = l;
                return 0;
        }
        return -PT_ENOENT;
}

/* 4 - ceil((ia_bits - 12) / 9): the level whose table resolves the top IA bits. */
static unsigned int start_level_of(unsigned int ia_bits)
{
        return 4 - (ia_bits - PT_PAGE_SHIFT + 8) / 9;
}

int pgtable_init(struct pgtable *pt, enum pgtable_stage stage, unsigned int ia_bits,
                 const struct pgtable_ops *ops)
{
        pt->root = NULL;
        if ((stage != PGTABLE_STAGE1_EL2 && stage != PGTABLE_STAGE2) ||
            ia_bits < PT_MIN_IA_BITS || ia_bits > PT_MAX_IA_BITS || !ops || !ops->alloc_table ||
            !ops->free_table || !ops->virt_to_phys || !ops->phys_to_virt)
                return -PT_EINVAL;

        pt->stage = stage;
        pt->ia_bits = ia_bits;
        pt->start_level = start_level_of(ia_bits);
        pt->ops = ops;
        pt->tables = 0;
        pt->root = ops->alloc_table(ops->ctx);
        if (!pt->root)
                return -PT_ENOMEM;
        pt->root_pa = ops->virt_to_phys(ops->ctx, pt->root);
        pt->tables = 1;
        return 0;
}

void pgtable_destroy(struct pgtable *pt)
{
        if (!pt->root)
                return;
        free_tree(pt, pt->root, pt->start_level);
        pt->root = NULL;
        pt->root_pa = 0;
}

unsigned int pgtable_tcr_t0sz(const struct pgtable *pt)
{
        return 64 - pt->ia_bits;
}

/* From ia_bits alone, so that a struct with only ia_bits set (no tables yet) works too. */
unsigned int pgtable_vtcr_sl0(const struct pgtable *pt)
{
        return 2 - start_level_of(pt->ia_bits);
}
