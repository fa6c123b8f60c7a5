// SPDX-License-Identifier: MIT
/*
 * The hypervisor's EL2 stage-1 map, identity (VA == PA):
 *   text RX, rodata R, data/bss/stacks RW+XN, a guard page under each stack
 *   left unmapped, the rest of RAM RW+XN (guest memory, page tables, the pack),
 *   device windows RW+XN as Device-nGnRE. SCTLR_EL2.WXN backs W^X up in hardware.
 * And the stage-2 controls shared by all VMs (VTCR_EL2).
 */
#include "arch/aarch64/layout.h"
#include "arch/aarch64/mmu.h"
#include "arch/aarch64/sysreg.h"
#include "lib/log.h"
#include "platform.h"

extern char __image_start[], __text_end[], __rodata_end[], __stacks_start[], __image_end[];

static struct pgtable hyp_pt;

unsigned int mmu_pa_bits(void)
{
        static const unsigned int bits[] = { 32, 36, 40, 42, 44, 48, 52 };
        unsigned int parange = read_sysreg(ID_AA64MMFR0_EL1) & 0xf;

        return parange < 7 ? bits[parange] : 48;
}

/* TCR_EL2.PS / VTCR_EL2.PS: PARange, capped at 48 bits (no FEAT_LPA). */
static uint64_t ps_field(void)
{
        uint64_t parange = read_sysreg(ID_AA64MMFR0_EL1) & 0xf;

        return parange > 5 ? 5 : parange;
}

static uint64_t addr(const void *p)
{
        return (uint64_t)(uintptr_t)p;
}

static int map(uint64_t start, uint64_t end, unsigned int attrs)
{
        if (end <= start)
                return 0;
        return pgtable_map(&hyp_pt, start, start, end - start, attrs);
}

int mmu_map_device(uint64_t pa, uint64_t size)
{
        uint64_t start = pa & ~(uint64_t)(PAGE_SIZE - 1);
        uint64_t end = (pa + size + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
        int err = map(start, end, PT_DEVICE | PT_R | PT_W);

        if (!err && (read_sysreg(SCTLR_EL2) & SCTLR_EL2_M)) {
                dsb(ishst);
                __asm__ volatile("tlbi alle2is" ::: "memory");
                dsb(ish);
                isb();
        }
        return err;
}

/*
 * TCR_EL2 (non-VHE)
 *   31:31 RES1
 *   23:23 RES1
 *   18:16 PS     PARange     output address size
 *   15:14 TG0    x0          4 KiB granule
 *   13:12 SH0    x3          inner shareable walks
 *   11:10 ORGN0  x1          outer write-back read/write-allocate walks
 *   09:08 IRGN0  x1          inner write-back read/write-allocate walks
 *   05:00 T0SZ   64 - VA bits
 */
static uint64_t tcr_value(void)
{
        return BITUL(31) | BITUL(23) | (ps_field() << 16) | (0ull << 14) | (3ull << 12) |
               (1ull << 10) | (1ull << 8) | pgtable_tcr_t0sz(&hyp_pt);
}

static void enable_mmu(void)
{
        bool mte2 = cpu_has_mte2();

        /* With FEAT_MTE2 the hypervisor's RAM is Normal Tagged, so that it can zero a
         * page's tags with its data (arch_zero_page); tag checks stay off at EL2. */
        write_sysreg(MAIR_EL2, mte2 ? MAIR_EL2_VALUE_TAGGED : MAIR_EL2_VALUE);
        write_sysreg(TCR_EL2, tcr_value());
        write_sysreg(TTBR0_EL2, hyp_pt.root_pa);
        isb();
        __asm__ volatile("tlbi alle2" ::: "memory");
        __asm__ volatile("ic iallu" ::: "memory");
        dsb(nsh);
        isb();
        /*
         * SCTLR_EL2
         *   43:43 ATA   x?  allocation tags accessible (FEAT_MTE2: to zero them)
         *   41:40 TCF   x0  tag check faults have no effect at EL2
         *   37:37 ITFSB x?  guests' pending tag check faults land in TFSR*_EL1 on
         *                   entry to EL2, before they are saved (FEAT_MTE2)
         *   19:19 WXN  x1   writable memory is never executable
         *   12:12 I    x1   instruction cache on
         *   03:03 SA   x1   SP alignment checking
         *   02:02 C    x1   data cache on
         *   00:00 M    x1   MMU on
         */
        write_sysreg(SCTLR_EL2, SCTLR_EL2_RES1 | SCTLR_EL2_WXN | SCTLR_EL2_I | SCTLR_EL2_SA |
                                SCTLR_EL2_C | SCTLR_EL2_M |
                                (mte2 ? SCTLR_EL2_ATA | SCTLR_EL2_ITFSB : 0));
        isb();
}

int mmu_init(uint64_t ram_base, uint64_t ram_size, const struct pgtable_ops *ops)
{
        uint64_t ram_end = ram_base + ram_size;
        unsigned int va_bits = mmu_pa_bits() > 48 ? 48 : mmu_pa_bits();
        int err;

        err = pgtable_init(&hyp_pt, PGTABLE_STAGE1_EL2, va_bits, ops);
        if (err)
                return err;
        /* All RAM read/write, never executable; then the image with its own rights. */
        err = map(ram_base, addr(__image_start), PT_R | PT_W);
        err = err ?: map(addr(__image_end), ram_end, PT_R | PT_W);
        err = err ?: map(addr(__image_start), addr(__text_end), PT_R | PT_X);
        err = err ?: map(addr(__text_end), addr(__rodata_end), PT_R);
        err = err ?: map(addr(__rodata_end), addr(__stacks_start), PT_R | PT_W);
        /* Stacks: each CPU's HYP_STACK_SIZE, leaving its guard page unmapped. */
        for (unsigned int cpu = 0; !err && cpu < PLAT_MAX_CPUS; cpu++) {
                uint64_t base = addr(__stacks_start) + cpu * HYP_STACK_STRIDE + HYP_STACK_GUARD;
                err = map(base, base + HYP_STACK_SIZE, PT_R | PT_W);
        }
        /* The console UART. The GIC maps its own windows. */
        err = err ?: map(PLAT_UART_BASE, PLAT_UART_BASE + PAGE_SIZE, PT_DEVICE | PT_R | PT_W);
        if (err)
                return err;
        enable_mmu();
        log_info("MMU on: EL2 stage 1, %u-bit VA, %lu table pages, W^X\n", va_bits, hyp_pt.tables);
        return 0;
}

void mmu_enable_secondary(void)
{
        enable_mmu();
}

/* ---- Stage 2 ---------------------------------------------------------------- */

unsigned int stage2_ipa_bits(void)
{
        /* 39 bits: a level-1 root, no concatenated tables; plenty for the virtual platform. */
        unsigned int pa = mmu_pa_bits();

        return pa < 39 ? pa : 39;
}

/*
 * VTCR_EL2
 *   31:31 RES1
 *   19:19 VS     x0          8-bit VMID
 *   18:16 PS     PARange     output (physical) address size
 *   15:14 TG0    x0          4 KiB granule
 *   13:12 SH0    x3          inner shareable walks
 *   11:10 ORGN0  x1          outer write-back walks
 *   09:08 IRGN0  x1          inner write-back walks
 *   07:06 SL0    from the root level (1 for 39 bits)
 *   05:00 T0SZ   64 - IPA bits
 */
void stage2_init_cpu(void)
{
        struct pgtable probe = { .ia_bits = stage2_ipa_bits() };
        unsigned int levels = (probe.ia_bits - 12 + 8) / 9;

        probe.start_level = 4 - levels;
        write_sysreg(VTCR_EL2, BITUL(31) | (ps_field() << 16) | (3ull << 12) | (1ull << 10) |
                               (1ull << 8) | ((uint64_t)pgtable_vtcr_sl0(&probe) << 6) |
                               pgtable_tcr_t0sz(&probe));
        isb();
}

uint64_t stage2_make_vttbr(const struct pgtable *pt, uint16_t vmid)
{
        return pt->root_pa | ((uint64_t)(vmid & 0xff) << 48);
}

void stage2_activate(uint64_t vttbr)
{
        write_sysreg(VTTBR_EL2, vttbr);
        isb();
}

void stage2_flush_vmid(uint64_t vttbr)
{
        uint64_t saved = read_sysreg(VTTBR_EL2);

        dsb(ishst);
        write_sysreg(VTTBR_EL2, vttbr);
        isb();
        __asm__ volatile("tlbi vmalls12e1is" ::: "memory");
        dsb(ish);
        write_sysreg(VTTBR_EL2, saved);
        isb();
}
