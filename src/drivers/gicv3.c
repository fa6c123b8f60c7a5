// SPDX-License-Identifier: MIT
/*
 * GICv3: distributor (GICD), redistributors (GICR, one 128 KiB frame pair per
 * CPU) and the system-register CPU interface, used at EL2. EOImode 0: an EOI
 * both drops the priority and deactivates.
 */
#include "arch/aarch64/mmio.h"
#include "arch/aarch64/mmu.h"
#include "arch/aarch64/sysreg.h"
#include "drivers/gic.h"
#include "drivers/gic_ops.h"
#include "lib/log.h"
#include "platform.h"

#define GICD_CTLR               0x0000
#define GICD_TYPER              0x0004
#define GICD_IGROUPR(n)         (0x0080 + 4 * (n))
#define GICD_ISENABLER(n)       (0x0100 + 4 * (n))
#define GICD_ICENABLER(n)       (0x0180 + 4 * (n))
#define GICD_ICPENDR(n)         (0x0280 + 4 * (n))
#define GICD_ICACTIVER(n)       (0x0380 + 4 * (n))
#define GICD_IPRIORITYR(n)      (0x0400 + (n))
#define GICD_IGRPMODR(n)        (0x0D00 + 4 * (n))
#define GICD_IROUTER(n)         (0x6000 + 8 * (n))

#define GICD_CTLR_RWP           BIT(31)
/* Secure view (EL3, GICD_CTLR.DS = 0) */
#define GICD_CTLR_S_EN_GRP1NS   BIT(1)
#define GICD_CTLR_S_ARE_S       BIT(4)
#define GICD_CTLR_S_ARE_NS      BIT(5)
/* Non-secure view */
#define GICD_CTLR_NS_EN_GRP1A   BIT(1)
#define GICD_CTLR_NS_ARE_NS     BIT(4)

#define GICR_FRAME_SIZE         0x20000         /* RD_base + SGI_base */
#define GICR_CTLR               0x0000
/*
 * GICR_CTLR
 *   31    UWP   upstream write pending (not what a disable waits for)
 *   03    RWP   register write pending: a GICR_ICENABLER0 write has not yet taken effect
 */
#define GICR_CTLR_RWP           BIT(3)
#define GICR_TYPER              0x0008
#define GICR_WAKER              0x0014
#define GICR_SGI                0x10000
#define GICR_IGROUPR0           (GICR_SGI + 0x0080)
#define GICR_ISENABLER0         (GICR_SGI + 0x0100)
#define GICR_ICENABLER0         (GICR_SGI + 0x0180)
#define GICR_ICPENDR0           (GICR_SGI + 0x0280)
#define GICR_IPRIORITYR(n)      (GICR_SGI + 0x0400 + (n))
#define GICR_IGRPMODR0          (GICR_SGI + 0x0D00)

#define GICR_TYPER_LAST         BIT(4)
#define GICR_WAKER_PROCESSOR_SLEEP BIT(1)
#define GICR_WAKER_CHILDREN_ASLEEP BIT(2)

#define ICC_SGI1R_EL1           "S3_0_C12_C11_5"
#define ICC_IAR1_EL1            "S3_0_C12_C12_0"
#define ICC_EOIR1_EL1           "S3_0_C12_C12_1"
#define ICC_PMR_EL1             "S3_0_C4_C6_0"
#define ICC_BPR1_EL1            "S3_0_C12_C12_3"
#define ICC_CTLR_EL1            "S3_0_C12_C12_4"
#define ICC_IGRPEN1_EL1         "S3_0_C12_C12_7"
#define ICC_SRE_EL2             "S3_4_C12_C9_5"

static unsigned int nr_irqs;

static uintptr_t gicd(void)
{
        return PLAT_GICD_BASE;
}

/* This CPU's redistributor: the frame whose GICR_TYPER affinity matches our MPIDR. */
static uintptr_t gicr_for(uint64_t mpidr)
{
        uint64_t aff = ((mpidr >> 32) & 0xff) << 24 | (mpidr & 0xffffff);

        for (uintptr_t f = PLAT_GICR_BASE;; f += GICR_FRAME_SIZE) {
                uint64_t typer = mmio_read64(f + GICR_TYPER);

                if ((typer >> 32) == aff)
                        return f;
                if (typer & GICR_TYPER_LAST)
                        return 0;
        }
}

static void wait_rwp(uintptr_t reg)
{
        while (mmio_read32(reg) & GICD_CTLR_RWP)
                ;
}

static void redist_wake(uintptr_t r)
{
        mmio_write32(r + GICR_WAKER, mmio_read32(r + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP);
        while (mmio_read32(r + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP)
                ;
}

/*
 * EL3 (secure) set-up, what firmware would do: affinity routing for both
 * states, Group 1 Non-secure enabled, every interrupt Non-secure Group 1 so
 * the hypervisor at Non-secure EL2 owns them all.
 */
void gicv3_el3_init(unsigned int cpu)
{
        uintptr_t r;
        uint64_t mpidr = read_sysreg(MPIDR_EL1);

        if (cpu == 0) {
                unsigned int lines = ((mmio_read32(gicd() + GICD_TYPER) & 0x1f) + 1) * 32;

                mmio_write32(gicd() + GICD_CTLR, GICD_CTLR_S_ARE_S | GICD_CTLR_S_ARE_NS);
                wait_rwp(gicd() + GICD_CTLR);
                for (unsigned int i = 1; i < lines / 32; i++) {
                        mmio_write32(gicd() + GICD_IGROUPR(i), ~0u);
                        mmio_write32(gicd() + GICD_IGRPMODR(i), 0);
                }
                mmio_write32(gicd() + GICD_CTLR, GICD_CTLR_S_ARE_S | GICD_CTLR_S_ARE_NS |
                                                 GICD_CTLR_S_EN_GRP1NS);
                wait_rwp(gicd() + GICD_CTLR);
        }
        r = gicr_for(mpidr);
        if (!r)
                return;
        redist_wake(r);
        mmio_write32(r + GICR_IGROUPR0, ~0u);
        mmio_write32(r + GICR_IGRPMODR0, 0);
}

static int v3_init(void)
{
        int err = mmu_map_device(PLAT_GICD_BASE, 0x10000);

        /* Redistributor frames for every CPU the platform may have. */
        err = err ?: mmu_map_device(PLAT_GICR_BASE, (uint64_t)PLAT_MAX_CPUS * GICR_FRAME_SIZE);
        if (err)
                return err;
        nr_irqs = ((mmio_read32(gicd() + GICD_TYPER) & 0x1f) + 1) * 32;
        if (nr_irqs > 1020)
                nr_irqs = 1020;
        /* With no secure firmware (entered at EL2 on QEMU), the groups are ours to set. */
        for (unsigned int i = 1; i < nr_irqs / 32; i++) {
                mmio_write32(gicd() + GICD_ICENABLER(i), ~0u);
                mmio_write32(gicd() + GICD_IGROUPR(i), ~0u);
        }
        mmio_write32(gicd() + GICD_CTLR, GICD_CTLR_NS_ARE_NS | GICD_CTLR_NS_EN_GRP1A);
        wait_rwp(gicd() + GICD_CTLR);
        log_info("GICv3: %u interrupt lines\n", nr_irqs);
        return 0;
}

/* Each CPU's MPIDR_EL1 (routing and SGI targets), written by the CPU itself in init_cpu. */
static uint64_t cpu_mpidr[PLAT_MAX_CPUS];

static void v3_init_cpu(unsigned int cpu)
{
        uintptr_t r = gicr_for(read_sysreg(MPIDR_EL1));

        if (cpu < PLAT_MAX_CPUS)
                cpu_mpidr[cpu] = read_sysreg(MPIDR_EL1);

        if (!r) {
                log_error("GICv3: no redistributor for MPIDR 0x%llx\n",
                          (unsigned long long)read_sysreg(MPIDR_EL1));
                return;
        }
        redist_wake(r);
        mmio_write32(r + GICR_ICENABLER0, ~0u);
        mmio_write32(r + GICR_ICPENDR0, ~0u);
        mmio_write32(r + GICR_IGROUPR0, ~0u);
        for (unsigned int i = 0; i < 32; i += 4)
                mmio_write32(r + GICR_IPRIORITYR(i), 0x01010101u * GIC_PRIO_DEFAULT);
        /*
         * ICC_SRE_EL2
         *   03:03 Enable  x1  EL1 may use its system-register interface (guests: virtual)
         *   00:00 SRE     x1  system-register interface at EL2
         */
        write_sysreg_s(ICC_SRE_EL2, ICC_SRE_ENABLE | ICC_SRE_DIB | ICC_SRE_DFB | ICC_SRE_SRE);
        isb();
        write_sysreg_s(ICC_PMR_EL1, 0xff);              /* accept every priority */
        write_sysreg_s(ICC_BPR1_EL1, 0);
        write_sysreg_s(ICC_CTLR_EL1, 0);                /* EOImode 0 */
        write_sysreg_s(ICC_IGRPEN1_EL1, 1);
        isb();
}

static void v3_enable_ppi(unsigned int intid)
{
        uintptr_t r = gicr_for(read_sysreg(MPIDR_EL1));

        if (r && intid < 32)
                mmio_write32(r + GICR_ISENABLER0, BIT(intid));
}

static void v3_disable_ppi(unsigned int intid)
{
        uintptr_t r = gicr_for(read_sysreg(MPIDR_EL1));

        if (r && intid < 32) {
                mmio_write32(r + GICR_ICENABLER0, BIT(intid));
                while (mmio_read32(r + GICR_CTLR) & GICR_CTLR_RWP)
                        ;
        }
}

static void v3_enable_spi(unsigned int intid, unsigned int cpu)
{
        uint64_t mpidr;

        if (intid < 32 || intid >= nr_irqs || cpu >= PLAT_MAX_CPUS)
                return;
        mpidr = cpu_mpidr[cpu];
        mmio_write8(gicd() + GICD_IPRIORITYR(intid), GIC_PRIO_DEFAULT);
        mmio_write64(gicd() + GICD_IROUTER(intid), mpidr & 0xff00ffffffull);
        mmio_write32(gicd() + GICD_ISENABLER(intid / 32), BIT(intid % 32));
}

static void v3_send_sgi(unsigned int cpu, unsigned int sgi)
{
        uint64_t mpidr = cpu < PLAT_MAX_CPUS ? cpu_mpidr[cpu] : 0;
        uint64_t v;

        if (!mpidr)
                return;                 /* not up yet (MPIDR_EL1 bit 31 is RES1: never 0) */
        /*
         * ICC_SGI1R_EL1
         *   55:48 Aff3, 39:32 Aff2, 23:16 Aff1
         *   27:24 INTID
         *   15:0  TargetList (bit n = Aff0 n)
         */
        v = ((mpidr >> 32) & 0xff) << 48 | ((mpidr >> 16) & 0xff) << 32 |
                     ((mpidr >> 8) & 0xff) << 16 | (uint64_t)(sgi & 0xf) << 24 |
                     (1ull << (mpidr & 0xf));

        dsb(ishst);
        write_sysreg_s(ICC_SGI1R_EL1, v);
        isb();
}

static uint32_t v3_ack(void)
{
        return (uint32_t)read_sysreg_s(ICC_IAR1_EL1) & 0xffffff;
}

static void v3_eoi(uint32_t iar)
{
        write_sysreg_s(ICC_EOIR1_EL1, iar);
        isb();
}

const struct gic_ops gicv3_ops = {
        .version = 3,
        .init = v3_init,
        .init_cpu = v3_init_cpu,
        .enable_ppi = v3_enable_ppi,
        .disable_ppi = v3_disable_ppi,
        .enable_spi = v3_enable_spi,
        .send_sgi = v3_send_sgi,
        .ack = v3_ack,
        .eoi = v3_eoi,
};
