/* SPDX-License-Identifier: MIT */
/*
 * A minimal guest GIC driver for the hypervisor's virtual GIC: GICv3
 * (distributor at 0x0800_0000, one 0x20000 redistributor frame pair per vCPU
 * from 0x080A_0000, the ICC_* system-register CPU interface, Group 1) or
 * GICv2 (distributor at 0x0800_0000, CPU interface GICC at 0x0801_0000,
 * Group 0 signalled as IRQ).
 *
 * gic_init_dist() once (vCPU 0, before the others use the GIC), then
 * gic_init_cpu() on every vCPU that takes interrupts.
 */
#ifndef TESTS_GUESTS_LIB_GIC_H
#define TESTS_GUESTS_LIB_GIC_H

#include <stdbool.h>
#include <stdint.h>

#define GIC_GICD_BASE           0x08000000ull
#define GIC_GICC_BASE           0x08010000ull   /* GICv2 */
#define GIC_GICR_BASE           0x080A0000ull   /* GICv3 */
#define GIC_GICR_STRIDE         0x20000ull
#define GIC_SPURIOUS            1023u
#define GIC_DEFAULT_PRIORITY    0xa0

/*
 * The GIC version: the device tree's interrupt controller if dtb is a valid
 * blob ("arm,gic-v3" / "arm,cortex-a15-gic" / "arm,gic-400"), else the
 * distributor's PIDR2.ArchRev. 0 if neither says. Call on vCPU 0 first.
 */
unsigned int gic_detect(uint64_t dtb);
unsigned int gic_version(void);

void gic_init_dist(void);
/* This vCPU: wake its redistributor (v3), enable its CPU interface, priority mask 0xff. */
void gic_init_cpu(void);

/* Private interrupts (SGI/PPI) of the calling vCPU; SPIs anywhere. */
void gic_enable_irq(unsigned int intid);
void gic_disable_irq(unsigned int intid);
/* SPIs: deliver to vCPU 'cpu'. */
void gic_route_spi(unsigned int intid, unsigned int cpu);
/* Priority (lower value = more urgent; enable sets GIC_DEFAULT_PRIORITY, so set it after). */
void gic_set_priority(unsigned int intid, uint8_t prio);
/* The CPU interface's priority mask: only interrupts with priority < pmr are signalled. */
void gic_set_pmr(uint8_t pmr);
/* The pending state through the distributor/redistributor (ISPENDR/ICPENDR). */
void gic_set_pending(unsigned int intid, bool pending);
bool gic_is_pending(unsigned int intid);

/* Acknowledge (IAR: INTID in bits 9:0, v2 SGI source in 12:10) and end. */
uint32_t gic_ack(void);
void gic_eoi(uint32_t iar);

/* SGIs: to the vCPUs in mask (bit n = vCPU n), to all but self. */
void gic_send_sgi(unsigned int sgi, uint32_t cpu_mask);
void gic_send_sgi_others(unsigned int sgi);

static inline uint32_t gic_read32(uint64_t addr)
{
        return *(volatile uint32_t *)(uintptr_t)addr;
}

static inline void gic_write32(uint64_t addr, uint32_t v)
{
        *(volatile uint32_t *)(uintptr_t)addr = v;
}

#endif
