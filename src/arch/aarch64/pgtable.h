/* SPDX-License-Identifier: MIT */
/*
 * VMSAv8-64 translation-table builder, 4 KiB granule: the EL2 stage-1 tables
 * (non-VHE, single VA range) and the per-VM stage-2 tables. Portable: no system
 * registers, no barriers, no TLB maintenance (unit-tested on the host).
 *
 * Start level: levels = ceil((ia_bits - 12) / 9), start_level = 4 - levels.
 *   ia_bits 32..39 -> level 1 (39: 512 root entries, 32: 4), 40..48 -> level 0
 *   (40: 2 root entries, 48: 512). The root is always one 4 KiB page.
 * Programming the walker from a struct pgtable (the caller's job):
 *   TCR_EL2.T0SZ   = pgtable_tcr_t0sz(pt) (64 - ia_bits; the start level follows
 *                    from T0SZ for stage 1: 16..24 -> level 0, 25..33 -> level 1),
 *                    TG0 = 0b00 (4 KiB), TTBR0_EL2 = pt->root_pa, MAIR_EL2 = MAIR_EL2_VALUE.
 *   VTCR_EL2.T0SZ  = pgtable_tcr_t0sz(pt), VTCR_EL2.SL0 = pgtable_vtcr_sl0(pt)
 *                    (4 KiB granule: start level 2 -> 0, 1 -> 1, 0 -> 2), TG0 = 0b00,
 *                    VTTBR_EL2.BADDR = pt->root_pa. No concatenated root tables are
 *                    used; SL0 = 2 (level 0) needs the implemented PA size to be at
 *                    least 44 bits (Arm ARM, VTCR_EL2.SL0), so prefer ia_bits <= 39
 *                    for stage 2 on small-PA parts.
 *
 * TLB maintenance contract: this module writes descriptors only. The caller must
 * DSB ISHST after pgtable_map()/pgtable_unmap() before the walker may see the new
 * tables, and must invalidate the TLBs for the range (TLBI VAE2IS / IPAS2E1IS +
 * VMALLE1IS, then DSB ISH; ISB) after every pgtable_unmap() and after every
 * pgtable_map() over an existing mapping (attribute change, remap, block split).
 * Break-before-make ordering of the descriptor writes themselves is done here:
 * a valid entry is always overwritten with an invalid one first, and new tables
 * are filled completely before the table descriptor that publishes them. For
 * tables that are live on another CPU, strict break-before-make would also need
 * a TLBI between those two writes: change live mappings only while no other
 * CPU uses them (e.g. vCPUs of the VM stopped), or accept a transient fault.
 * Table pages that a change unlinks are handed to ops->free_table() before the
 * function returns, i.e. before the caller's TLBI: walk caches may still point
 * at them, so the allocator must not reuse them until that TLBI is done.
 */
#ifndef ARCH_AARCH64_PGTABLE_H
#define ARCH_AARCH64_PGTABLE_H

#include <stdint.h>

/* Error codes, returned negated (as errno). */
#define PT_ENOENT               2
#define PT_ENOMEM               12
#define PT_EINVAL               22

#define PT_PAGE_SHIFT           12
#define PT_PAGE_SIZE            (1ull << PT_PAGE_SHIFT)
#define PT_ENTRIES              512
#define PT_MAX_IA_BITS          48
#define PT_MIN_IA_BITS          32
#define PT_MAX_OA_BITS          48      /* no FEAT_LPA/LPA2 */

/*
 * Descriptor format (4 KiB granule), bits common to both stages:
 *   [0]      valid
 *   [1]      type: 1 = table (levels 0-2) or page (level 3), 0 = block (levels 1-2)
 *   [47:12]  next-level table address / output address (block: [47:21] or [47:30])
 *   [10]     AF, access flag (set: we don't use access-flag faults)
 *   [9:8]    SH, shareability
 * Stage 1 (EL2):            Stage 2:
 *   [4:2]   AttrIndx           [5:2]   MemAttr
 *   [6]     AP[1] (RES1)       [7:6]   S2AP: [6] read, [7] write
 *   [7]     AP[2] read-only
 *   [54]    XN                 [54:53] XN: 0b00 executable, 0b10 XN at EL1 and EL0
 */
#define PTE_VALID               (1ull << 0)
#define PTE_TYPE_TABLE          (1ull << 1)
#define PTE_TYPE_MASK           3ull
#define PTE_TABLE               (PTE_VALID | PTE_TYPE_TABLE)    /* levels 0-2 */
#define PTE_BLOCK               PTE_VALID                       /* levels 1-2 */
#define PTE_PAGE                (PTE_VALID | PTE_TYPE_TABLE)    /* level 3 */
#define PTE_ADDR_MASK           0x0000FFFFFFFFF000ull           /* [47:12] */
#define PTE_SH_SHIFT            8
#define PTE_SH_NON              (0ull << PTE_SH_SHIFT)
#define PTE_SH_OUTER            (2ull << PTE_SH_SHIFT)
#define PTE_SH_INNER            (3ull << PTE_SH_SHIFT)
#define PTE_SH_MASK             (3ull << PTE_SH_SHIFT)
#define PTE_AF                  (1ull << 10)

/* Stage 1, EL2 (non-VHE): one privilege level, one XN bit. */
#define S1_ATTRINDX_SHIFT       2
#define S1_ATTRINDX_MASK        (7ull << S1_ATTRINDX_SHIFT)
#define S1_ATTRINDX(idx)        ((uint64_t)(idx) << S1_ATTRINDX_SHIFT)
#define S1_AP1_RES1             (1ull << 6)     /* AP[1]: RES1 at EL2 (single privilege level) */
#define S1_AP2_RO               (1ull << 7)     /* AP[2]: read-only */
#define S1_XN                   (1ull << 54)

/* MAIR_EL2 attribute indices and encodings (Attr<n> is MAIR byte n). */
#define MAIR_IDX_NORMAL_WB      0
#define MAIR_IDX_DEVICE_nGnRE   1
#define MAIR_IDX_NORMAL_NC      2
#define MAIR_ATTR_NORMAL_WB     0xFFull         /* Normal, inner+outer WB non-transient, RW-allocate */
#define MAIR_ATTR_DEVICE_nGnRE  0x04ull
#define MAIR_ATTR_NORMAL_NC     0x44ull         /* Normal, inner+outer non-cacheable */
#define MAIR_EL2_VALUE          ((MAIR_ATTR_NORMAL_WB << (8 * MAIR_IDX_NORMAL_WB)) |       \
                                 (MAIR_ATTR_DEVICE_nGnRE << (8 * MAIR_IDX_DEVICE_nGnRE)) | \
                                 (MAIR_ATTR_NORMAL_NC << (8 * MAIR_IDX_NORMAL_NC)))
/* FEAT_MTE2: Normal memory as Tagged Normal (0xF0: inner+outer WB RW-allocate, tagged). */
#define MAIR_ATTR_NORMAL_TAGGED 0xF0ull
#define MAIR_EL2_VALUE_TAGGED   ((MAIR_EL2_VALUE & ~(0xFFull << (8 * MAIR_IDX_NORMAL_WB))) | \
                                 (MAIR_ATTR_NORMAL_TAGGED << (8 * MAIR_IDX_NORMAL_WB)))

/* Stage 2. MemAttr[3:2] outer, [1:0] inner (Normal) or Device type when [3:2] = 0b00. */
#define S2_MEMATTR_SHIFT        2
#define S2_MEMATTR_MASK         (0xFull << S2_MEMATTR_SHIFT)
#define S2_MEMATTR_NORMAL_WB    (0xFull << S2_MEMATTR_SHIFT)    /* 0b1111 */
#define S2_MEMATTR_NORMAL_NC    (0x5ull << S2_MEMATTR_SHIFT)    /* 0b0101 */
#define S2_MEMATTR_DEVICE_nGnRE (0x1ull << S2_MEMATTR_SHIFT)    /* 0b0001 */
#define S2_S2AP_R               (1ull << 6)
#define S2_S2AP_W               (1ull << 7)
#define S2_XN_SHIFT             53
#define S2_XN_MASK              (3ull << S2_XN_SHIFT)
#define S2_XN_EL1_EL0           (2ull << S2_XN_SHIFT)           /* XN[1:0] = 0b10 */

/* Portable attribute description; the builder encodes it per stage. */
#define PT_R            (1u << 0)
#define PT_W            (1u << 1)
#define PT_X            (1u << 2)
#define PT_DEVICE       (1u << 3)       /* Device-nGnRE (always XN), else Normal WB inner shareable */
#define PT_NORMAL_NC    (1u << 4)       /* Normal non-cacheable */

struct pgtable_ops {
        void *(*alloc_table)(void *ctx);        /* one zeroed, 4 KiB-aligned 4 KiB page, or NULL (out of memory) */
        void (*free_table)(void *ctx, void *table);
        uint64_t (*virt_to_phys)(void *ctx, void *p);   /* identity in the hypervisor */
        void *(*phys_to_virt)(void *ctx, uint64_t pa);
        void *ctx;
};

enum pgtable_stage { PGTABLE_STAGE1_EL2, PGTABLE_STAGE2 };

struct pgtable {
        uint64_t *root;
        uint64_t root_pa;
        unsigned int ia_bits, start_level;
        enum pgtable_stage stage;
        const struct pgtable_ops *ops;
        unsigned long tables;                   /* pages in use, root included */
};

/* Allocates the root. 0, -PT_EINVAL (ia_bits outside 32..48, missing ops), -PT_ENOMEM. */
int pgtable_init(struct pgtable *pt, enum pgtable_stage stage, unsigned int ia_bits,
                 const struct pgtable_ops *ops);

/*
 * Map [ia, ia+size) -> [pa, pa+size) with attrs (PT_*). ia, pa and size must be
 * page-aligned, size != 0, ia+size <= 2^ia_bits, pa+size <= 2^48. Uses 1 GiB and
 * 2 MiB blocks where ia, pa and the remaining size allow, else 4 KiB pages, and
 * replaces whatever was mapped in the range (splitting blocks that are only
 * partly covered, keeping their other parts). Every table page needed is
 * allocated before the first descriptor is written, so on -PT_ENOMEM nothing
 * has changed. Returns 0, -PT_ENOMEM or -PT_EINVAL (bad alignment or range,
 * size 0, unknown attribute bits, PT_DEVICE with PT_NORMAL_NC or PT_X, and on
 * stage 1: PT_W|PT_X (W^X) or no PT_R, since EL2 can't express it).
 */
int pgtable_map(struct pgtable *pt, uint64_t ia, uint64_t pa, uint64_t size, unsigned int attrs);

/*
 * Unmap [ia, ia+size) (page-aligned, size != 0, within 2^ia_bits), splitting
 * blocks as needed and freeing tables that become empty (never the root).
 * Unmapped holes in the range are fine. 0, -PT_EINVAL, or -PT_ENOMEM (a block
 * split needs a table; nothing has changed then).
 */
int pgtable_unmap(struct pgtable *pt, uint64_t ia, uint64_t size);

/* Translate: 0 and *pa, *attrs, *level (leaf level 1, 2 or 3; each may be NULL), or -PT_ENOENT. */
int pgtable_lookup(const struct pgtable *pt, uint64_t ia, uint64_t *pa, unsigned int *attrs,
                   unsigned int *level);

/* Frees every table page, the root included (no longer in TTBR0_EL2/VTTBR_EL2, TLBs invalidated); pt->root becomes NULL. */
void pgtable_destroy(struct pgtable *pt);

/* Upper and lower attribute bits of a block/page descriptor (no address, no type bits). */
uint64_t pgtable_leaf_attrs(enum pgtable_stage stage, unsigned int attrs);

/* These two read only pt->ia_bits (valid before pgtable_init() too). */
/* TCR_EL2.T0SZ / VTCR_EL2.T0SZ: 64 - ia_bits. */
unsigned int pgtable_tcr_t0sz(const struct pgtable *pt);
/* VTCR_EL2.SL0 for the 4 KiB granule: 2 - start level. */
unsigned int pgtable_vtcr_sl0(const struct pgtable *pt);

#endif
