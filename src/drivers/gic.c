// SPDX-License-Identifier: MIT
/*
 * The physical GIC, whichever version the platform has: one probe of the
 * version, and a table of handlers the hypervisor's parts register for their
 * interrupts (the scheduler its EL2 timer, the vCPU code the virtual timer's
 * PPI, the console its UART). The driver calls nobody by name.
 */
#include "arch/aarch64/sysreg.h"
#include "drivers/gic.h"
#include "drivers/gic_ops.h"
#include "lib/log.h"

static const struct gic_ops *ops = &gicv3_ops;

/*
 * Registered interrupts, filled at boot before the CPUs enable them (gic_init_cpu)
 * and read-only afterwards: no lock.
 */
#define GIC_MAX_HANDLERS        8
static struct {
        unsigned int intid;
        gic_irq_handler_t fn;           /* NULL: nothing to do (a kick, maintenance) */
} handlers[GIC_MAX_HANDLERS];
static unsigned int nhandlers;

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
        ops = gic_probe() == 3 ? &gicv3_ops : &gicv2_ops;
        return ops->init();
}

unsigned int gic_version(void)
{
        return ops->version;
}

int gic_register_irq(unsigned int intid, gic_irq_handler_t fn)
{
        if (nhandlers == GIC_MAX_HANDLERS || intid >= GIC_SPURIOUS)
                return -1;
        for (unsigned int i = 0; i < nhandlers; i++)
                if (handlers[i].intid == intid)
                        return -1;
        handlers[nhandlers].intid = intid;
        handlers[nhandlers].fn = fn;
        nhandlers++;
        return 0;
}

/* This CPU's interface, then every registered private interrupt (SGI, PPI) on it. */
void gic_init_cpu(unsigned int cpu)
{
        ops->init_cpu(cpu);
        for (unsigned int i = 0; i < nhandlers; i++)
                if (handlers[i].intid < 32)
                        ops->enable_ppi(handlers[i].intid);
}

void gic_enable_ppi(unsigned int intid)
{
        ops->enable_ppi(intid);
}

void gic_disable_ppi(unsigned int intid)
{
        ops->disable_ppi(intid);
}

void gic_enable_spi(unsigned int intid, unsigned int cpu)
{
        ops->enable_spi(intid, cpu);
}

void gic_send_sgi(unsigned int cpu, unsigned int sgi)
{
        ops->send_sgi(cpu, sgi);
}

void gic_handle_irq(void)
{
        for (;;) {
                uint32_t iar = ops->ack();
                unsigned int intid = iar & 0x3ff;

                if (intid >= GIC_SPURIOUS)
                        return;
                for (unsigned int i = 0; i < nhandlers; i++) {
                        if (handlers[i].intid == intid) {
                                if (handlers[i].fn)
                                        handlers[i].fn(intid);
                                break;
                        }
                }
                ops->eoi(iar);
        }
}
