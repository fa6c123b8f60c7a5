// SPDX-License-Identifier: MIT
/*
 * The physical GIC, whichever version the platform has: one probe of the
 * version, and a table of handlers the hypervisor's parts register for their
 * interrupts (the scheduler its EL2 timer, the vCPU code the virtual timer's
 * PPI, the console its UART). The driver calls nobody by name.
 */
#include <stdbool.h>

#include "arch/aarch64/sysreg.h"
#include "drivers/gic.h"
#include "drivers/gic_ops.h"
#include "lib/log.h"

/* The driver in use (gic_init picks it); gic.h's inline wrappers call through it. */
const struct gic_ops *gic_active_ops = &gicv3_ops;

/*
 * Registered interrupts, indexed by INTID (dispatch is one load), filled at boot
 * before the CPUs enable theirs (gic_init_cpu) and read-only afterwards: no lock.
 * A registration may name no function: the interrupt is taken and ended, nothing
 * more (a kick, vGIC maintenance: their work happens on the way back to the guest).
 */
static gic_irq_handler_t handlers[GIC_SPURIOUS];
static uint32_t registered[(GIC_SPURIOUS + 31) / 32];

static bool is_registered(unsigned int intid)
{
        return registered[intid / 32] & (1u << (intid % 32));
}

/*
 * ID_AA64PFR0_EL1.GIC (bits 27:24): 0 no system-register interface (GICv2 with
 * its memory-mapped CPU interface), 1 or 3 the GICv3/v4 system registers. The
 * only place the version is found; callable at EL3 before BSS is cleared.
 */
unsigned int gic_probe(void)
{
        return ((read_sysreg(ID_AA64PFR0_EL1) >> ID_AA64PFR0_GIC_SHIFT) & 0xf) ? 3 : 2;
}

/* EL3, before BSS is cleared: no globals. */
void gic_el3_init(unsigned int cpu)
{
        if (gic_probe() == 3)
                gicv3_el3_init(cpu);
        else
                gicv2_el3_init(cpu);
}

int gic_init(void)
{
        gic_active_ops = gic_probe() == 3 ? &gicv3_ops : &gicv2_ops;
        return gic_active_ops->init();
}

unsigned int gic_version(void)
{
        return gic_active_ops->version;
}

int gic_register_irq(unsigned int intid, gic_irq_handler_t fn)
{
        if (intid >= GIC_SPURIOUS || is_registered(intid))
                return -1;
        handlers[intid] = fn;
        registered[intid / 32] |= 1u << (intid % 32);
        return 0;
}

/* This CPU's interface, then every registered private interrupt (SGI, PPI) on it. */
void gic_init_cpu(unsigned int cpu)
{
        gic_active_ops->init_cpu(cpu);
        for (unsigned int intid = 0; intid < 32; intid++)
                if (is_registered(intid))
                        gic_active_ops->enable_ppi(intid);
}

void gic_enable_spi(unsigned int intid, unsigned int cpu)
{
        gic_active_ops->enable_spi(intid, cpu);
}

void gic_handle_irq(void)
{
        for (;;) {
                uint32_t iar = gic_active_ops->ack();
                unsigned int intid = iar & 0x3ff;

                if (intid >= GIC_SPURIOUS)
                        return;
                if (handlers[intid])
                        handlers[intid](intid);
                gic_active_ops->eoi(iar);
        }
}
