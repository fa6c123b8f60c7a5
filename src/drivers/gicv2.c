// SPDX-License-Identifier: MIT
/*
 * GICv2: distributor (GICD) and memory-mapped CPU interface (GICC), used at
 * EL2, plus the virtualization frames (GICH for us, GICV mapped into guests).
 */
#include "arch/aarch64/mmio.h"
#include "arch/aarch64/mmu.h"
#include "arch/aarch64/sysreg.h"
#include "drivers/gic.h"
#include "drivers/gic_ops.h"
#include "lib/log.h"
#include "platform.h"

#define GICD_CTLR               0x000
#define GICD_TYPER              0x004
#define GICD_IGROUPR(n)         (0x080 + 4 * (n))
#define GICD_ISENABLER(n)       (0x100 + 4 * (n))
#define GICD_ICENABLER(n)       (0x180 + 4 * (n))
#define GICD_ICPENDR(n)         (0x280 + 4 * (n))
#define GICD_IPRIORITYR(n)      (0x400 + (n))
#define GICD_ITARGETSR(n)       (0x800 + (n))
#define GICD_SGIR               0xF00

#define GICC_CTLR               0x000
#define GICC_PMR                0x004
#define GICC_BPR                0x008
#define GICC_IAR                0x00C
#define GICC_EOIR               0x010

#define GICD_CTLR_ENABLE        0x3             /* both groups (Group 1 only, seen from Non-secure) */
#define GICC_CTLR_ENABLE        0x1

static unsigned int nr_irqs;
/* Each CPU's bit in ITARGETSR and GICD_SGIR's CPUTargetList, written by the CPU itself in init_cpu. */
static uint8_t cpu_mask[PLAT_MAX_CPUS];

/* This CPU's bit in ITARGETSR: the banked ITARGETSR0 reads as it. */
static uint8_t cpu_mask_self(void)
{
        return mmio_read8(PLAT_GICD_BASE + GICD_ITARGETSR(0));
}

/* EL3 (secure): every interrupt Group 1 (Non-secure), both groups forwarded. */
void gicv2_el3_init(unsigned int cpu)
{
        uintptr_t d = PLAT_GICD_BASE;

        mmio_write32(d + GICD_IGROUPR(0), ~0u);         /* banked: this CPU's SGIs/PPIs */
        if (cpu == 0) {
                unsigned int lines = ((mmio_read32(d + GICD_TYPER) & 0x1f) + 1) * 32;
                for (unsigned int i = 1; i < lines / 32; i++)
                        mmio_write32(d + GICD_IGROUPR(i), ~0u);
                mmio_write32(d + GICD_CTLR, GICD_CTLR_ENABLE);
        }
        /* Secure GICC_CTLR: EnableGrp0 | EnableGrp1; the priority mask lets everything in. */
        mmio_write32(PLAT_GICC_BASE + GICC_CTLR, 0x3);
        mmio_write32(PLAT_GICC_BASE + GICC_PMR, 0xff);
}

static int v2_init(void)
{
        int err = mmu_map_device(PLAT_GICD_BASE, 0x1000);

        err = err ?: mmu_map_device(PLAT_GICC_BASE, 0x2000);
        err = err ?: mmu_map_device(PLAT_GICH_BASE, 0x1000);
        if (err)
                return err;
        nr_irqs = ((mmio_read32(PLAT_GICD_BASE + GICD_TYPER) & 0x1f) + 1) * 32;
        if (nr_irqs > 1020)
                nr_irqs = 1020;
        for (unsigned int i = 1; i < nr_irqs / 32; i++)
                mmio_write32(PLAT_GICD_BASE + GICD_ICENABLER(i), ~0u);
        mmio_write32(PLAT_GICD_BASE + GICD_CTLR, GICD_CTLR_ENABLE);
        log_info("GICv2: %u interrupt lines\n", nr_irqs);
        return 0;
}

static void v2_init_cpu(unsigned int cpu)
{
        uintptr_t d = PLAT_GICD_BASE;

        mmio_write32(d + GICD_ICENABLER(0), ~0u);
        mmio_write32(d + GICD_ICPENDR(0), ~0u);
        for (unsigned int i = 0; i < 32; i += 4)
                mmio_write32(d + GICD_IPRIORITYR(i), 0x01010101u * GIC_PRIO_DEFAULT);
        if (cpu < PLAT_MAX_CPUS)
                cpu_mask[cpu] = cpu_mask_self();
        mmio_write32(PLAT_GICC_BASE + GICC_PMR, 0xff);
        mmio_write32(PLAT_GICC_BASE + GICC_BPR, 0);
        mmio_write32(PLAT_GICC_BASE + GICC_CTLR, GICC_CTLR_ENABLE);
}

static void v2_enable_ppi(unsigned int intid)
{
        if (intid < 32)
                mmio_write32(PLAT_GICD_BASE + GICD_ISENABLER(0), BIT(intid));
}

static void v2_disable_ppi(unsigned int intid)
{
        if (intid < 32)
                mmio_write32(PLAT_GICD_BASE + GICD_ICENABLER(0), BIT(intid));
}

static void v2_enable_spi(unsigned int intid, unsigned int cpu)
{
        if (intid < 32 || intid >= nr_irqs || cpu >= PLAT_MAX_CPUS)
                return;
        mmio_write8(PLAT_GICD_BASE + GICD_IPRIORITYR(intid), GIC_PRIO_DEFAULT);
        mmio_write8(PLAT_GICD_BASE + GICD_ITARGETSR(intid), cpu_mask[cpu]);
        mmio_write32(PLAT_GICD_BASE + GICD_ISENABLER(intid / 32), BIT(intid % 32));
}

static void v2_send_sgi(unsigned int cpu, unsigned int sgi)
{
        if (cpu >= PLAT_MAX_CPUS || !cpu_mask[cpu])
                return;                 /* not up: no CPU interface bit yet */
        dsb(ishst);
        /* TargetListFilter 0 (the list), CPUTargetList, SGIINTID */
        mmio_write32(PLAT_GICD_BASE + GICD_SGIR, ((uint32_t)cpu_mask[cpu] << 16) | (sgi & 0xf));
}

static uint32_t v2_ack(void)
{
        return mmio_read32(PLAT_GICC_BASE + GICC_IAR);
}

static void v2_eoi(uint32_t iar)
{
        mmio_write32(PLAT_GICC_BASE + GICC_EOIR, iar);
}

const struct gic_ops gicv2_ops = {
        .version = 2,
        .init = v2_init,
        .init_cpu = v2_init_cpu,
        .enable_ppi = v2_enable_ppi,
        .disable_ppi = v2_disable_ppi,
        .enable_spi = v2_enable_spi,
        .send_sgi = v2_send_sgi,
        .ack = v2_ack,
        .eoi = v2_eoi,
};
