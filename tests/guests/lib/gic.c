// SPDX-License-Identifier: MIT
#include "gic.h"

#include "guest.h"
#include "lib/fdt.h"
#include "smp.h"

#define GICD_CTLR               0x0000
#define GICD_IGROUPR            0x0080
#define GICD_ISENABLER          0x0100
#define GICD_ICENABLER          0x0180
#define GICD_ISPENDR            0x0200
#define GICD_ICPENDR            0x0280
#define GICD_IPRIORITYR         0x0400
#define GICD_ITARGETSR          0x0800
#define GICD_SGIR               0x0F00
#define GICD_PIDR2_V2           0x0FE8
#define GICD_IROUTER            0x6000
#define GICD_PIDR2_V3           0xFFE8

#define GICR_WAKER              0x0014
#define GICR_SGI                0x10000
#define GICR_WAKER_PS           (1u << 1)
#define GICR_WAKER_CA           (1u << 2)

#define GICC_CTLR               0x0000
#define GICC_PMR                0x0004
#define GICC_BPR                0x0008
#define GICC_IAR                0x000C
#define GICC_EOIR               0x0010

#define ICC_PMR_EL1             "S3_0_C4_C6_0"
#define ICC_IAR1_EL1            "S3_0_C12_C12_0"
#define ICC_EOIR1_EL1           "S3_0_C12_C12_1"
#define ICC_BPR1_EL1            "S3_0_C12_C12_3"
#define ICC_CTLR_EL1            "S3_0_C12_C12_4"
#define ICC_SRE_EL1             "S3_0_C12_C12_5"
#define ICC_IGRPEN1_EL1         "S3_0_C12_C12_7"
#define ICC_SGI1R_EL1           "S3_0_C12_C11_5"

#define MSR(reg, v)     __asm__ volatile("msr " reg ", %0\n\tisb" : : "r"((uint64_t)(v)) : "memory")
#define MRS(reg, v)     __asm__ volatile("mrs %0, " reg : "=r"(v) : : "memory")

static unsigned int version;

unsigned int gic_version(void)
{
        return version;
}

unsigned int gic_detect(uint64_t dtb)
{
        const void *fdt = (const void *)(uintptr_t)dtb;
        uint32_t pidr2 = 0;

        version = 0;
        if (dtb && fdt_check(fdt, 2u << 20) == 0) {
                if (fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3") >= 0)
                        version = 3;
                else if (fdt_node_offset_by_compatible(fdt, -1, "arm,cortex-a15-gic") >= 0 ||
                         fdt_node_offset_by_compatible(fdt, -1, "arm,gic-400") >= 0)
                        version = 2;
        }
        if (!version) {
                if (guest_try_read32(GIC_GICD_BASE + GICD_PIDR2_V3, &pidr2, NULL) &&
                    ((pidr2 >> 4) & 0xf) >= 3)
                        version = 3;
                else if (guest_try_read32(GIC_GICD_BASE + GICD_PIDR2_V2, &pidr2, NULL) &&
                         ((pidr2 >> 4) & 0xf) == 2)
                        version = 2;
        }
        return version;
}

static uint64_t gicr(unsigned int cpu)
{
        return GIC_GICR_BASE + cpu * GIC_GICR_STRIDE;
}

/* Base of the per-interrupt registers that hold INTID 'intid' for the calling vCPU. */
static uint64_t irq_frame(unsigned int intid)
{
        if (version == 3 && intid < 32)
                return gicr(smp_cpu_id()) + GICR_SGI;
        return GIC_GICD_BASE;
}

void gic_init_dist(void)
{
        /* v3 with one security state: bit 1 EnableGrp1 (ARE is RAO); v2: bit 0 EnableGrp0. */
        gic_write32(GIC_GICD_BASE + GICD_CTLR, version == 3 ? 0x2 : 0x1);
}

void gic_set_priority(unsigned int intid, uint8_t prio)
{
        volatile uint8_t *p = (volatile uint8_t *)(uintptr_t)(irq_frame(intid) + GICD_IPRIORITYR);

        p[intid] = prio;
}

void gic_set_pmr(uint8_t pmr)
{
        if (version == 3)
                MSR(ICC_PMR_EL1, pmr);
        else
                gic_write32(GIC_GICC_BASE + GICC_PMR, pmr);
}

void gic_set_pending(unsigned int intid, bool pending)
{
        gic_write32(irq_frame(intid) + (pending ? GICD_ISPENDR : GICD_ICPENDR) + intid / 32 * 4,
                    1u << (intid % 32));
}

bool gic_is_pending(unsigned int intid)
{
        return gic_read32(irq_frame(intid) + GICD_ISPENDR + intid / 32 * 4) & (1u << (intid % 32));
}

void gic_init_cpu(void)
{
        if (version == 3) {
                uint64_t rd = gicr(smp_cpu_id());
                uint64_t sre;

                gic_write32(rd + GICR_WAKER, gic_read32(rd + GICR_WAKER) & ~GICR_WAKER_PS);
                for (int i = 0; i < 100000 && (gic_read32(rd + GICR_WAKER) & GICR_WAKER_CA); i++)
                        ;
                gic_write32(rd + GICR_SGI + GICD_IGROUPR, 0xffffffffu);   /* private: Group 1 */
                MRS(ICC_SRE_EL1, sre);
                MSR(ICC_SRE_EL1, sre | 1);
                MSR(ICC_PMR_EL1, 0xff);
                MSR(ICC_BPR1_EL1, 0);
                MSR(ICC_CTLR_EL1, 0);                                   /* EOImode 0 */
                MSR(ICC_IGRPEN1_EL1, 1);
        } else {
                gic_write32(GIC_GICD_BASE + GICD_IGROUPR, 0);           /* banked: Group 0 */
                gic_write32(GIC_GICC_BASE + GICC_PMR, 0xff);
                gic_write32(GIC_GICC_BASE + GICC_BPR, 0);
                gic_write32(GIC_GICC_BASE + GICC_CTLR, 1);              /* EnableGrp0 */
        }
        for (unsigned int i = 0; i < 32; i++)
                gic_set_priority(i, GIC_DEFAULT_PRIORITY);
}

void gic_enable_irq(unsigned int intid)
{
        uint64_t f = irq_frame(intid);

        gic_set_priority(intid, GIC_DEFAULT_PRIORITY);
        if (intid >= 32) {
                uint32_t g = gic_read32(f + GICD_IGROUPR + intid / 32 * 4);

                if (version == 3)
                        g |= 1u << (intid % 32);
                else
                        g &= ~(1u << (intid % 32));
                gic_write32(f + GICD_IGROUPR + intid / 32 * 4, g);
        }
        gic_write32(f + GICD_ISENABLER + intid / 32 * 4, 1u << (intid % 32));
}

void gic_disable_irq(unsigned int intid)
{
        gic_write32(irq_frame(intid) + GICD_ICENABLER + intid / 32 * 4, 1u << (intid % 32));
}

void gic_route_spi(unsigned int intid, unsigned int cpu)
{
        if (intid < 32)
                return;
        if (version == 3) {
                volatile uint64_t *r = (volatile uint64_t *)(uintptr_t)(GIC_GICD_BASE + GICD_IROUTER);

                r[intid] = cpu;                 /* Aff0 = vCPU index, IRM 0 */
        } else {
                volatile uint8_t *t = (volatile uint8_t *)(uintptr_t)(GIC_GICD_BASE + GICD_ITARGETSR);

                t[intid] = (uint8_t)(1u << cpu);
        }
}

uint32_t gic_ack(void)
{
        uint64_t v;

        if (version == 3) {
                MRS(ICC_IAR1_EL1, v);
                __asm__ volatile("dsb sy" ::: "memory");
                return (uint32_t)v;
        }
        return gic_read32(GIC_GICC_BASE + GICC_IAR);
}

void gic_eoi(uint32_t iar)
{
        if (version == 3)
                MSR(ICC_EOIR1_EL1, iar);
        else
                gic_write32(GIC_GICC_BASE + GICC_EOIR, iar);
}

void gic_send_sgi(unsigned int sgi, uint32_t cpu_mask)
{
        __asm__ volatile("dsb sy" ::: "memory");
        if (version == 3)
                /* Aff3/2/1 = 0, INTID 27:24, TargetList 15:0 = Aff0 bits. */
                MSR(ICC_SGI1R_EL1, ((uint64_t)(sgi & 0xf) << 24) | (cpu_mask & 0xffff));
        else
                gic_write32(GIC_GICD_BASE + GICD_SGIR, ((cpu_mask & 0xff) << 16) | (sgi & 0xf));
}

void gic_send_sgi_others(unsigned int sgi)
{
        __asm__ volatile("dsb sy" ::: "memory");
        if (version == 3)
                MSR(ICC_SGI1R_EL1, (1ull << 40) | ((uint64_t)(sgi & 0xf) << 24));    /* IRM */
        else
                gic_write32(GIC_GICD_BASE + GICD_SGIR, (1u << 24) | (sgi & 0xf));
}
