/* SPDX-License-Identifier: MIT */
/*
 * The physical GIC as the hypervisor uses it: its own interrupts (the EL2
 * timer, the virtual timer's PPI, SGIs between CPUs), acknowledged at EL2.
 */
#ifndef DRIVERS_GIC_H
#define DRIVERS_GIC_H

#include <stdbool.h>
#include <stdint.h>

#define GIC_SGI_KICK            1       /* "look at your run queue" */
#define GIC_SPURIOUS            1023
#define GIC_PRIO_DEFAULT        0xa0

typedef void (*gic_irq_handler_t)(unsigned int intid);

/* The GIC version the CPU's interface says (2 or 3); usable at EL3 before BSS is cleared. */
unsigned int gic_probe(void);
/* Boot CPU: distributor and this CPU's interface. */
int gic_init(void);
/*
 * Have gic_handle_irq() call fn for intid (NULL: acknowledge and end it, nothing
 * more). At boot, before the CPUs call gic_init_cpu(); -1 if taken or no room.
 */
int gic_register_irq(unsigned int intid, gic_irq_handler_t fn);
/* Every CPU (the boot CPU too; cpu = its index): redistributor and CPU interface,
 * and the registered SGIs and PPIs enabled on it. */
void gic_init_cpu(unsigned int cpu);
/* Enable an SPI routed to the given CPU. */
void gic_enable_spi(unsigned int intid, unsigned int cpu);
#if defined(HOST_TEST)
/* The fake arch's GIC (src/arch/fake) implements these as functions. */
void gic_enable_ppi(unsigned int intid);
void gic_disable_ppi(unsigned int intid);
void gic_send_sgi(unsigned int cpu, unsigned int sgi);
#else
#include "drivers/gic_ops.h"
/* Enable / disable a PPI on this CPU; send an SGI to a CPU. Inline: on the interrupt and
 * kick paths. */
static inline void gic_enable_ppi(unsigned int intid)
{
        gic_active_ops->enable_ppi(intid);
}

static inline void gic_disable_ppi(unsigned int intid)
{
        gic_active_ops->disable_ppi(intid);
}

static inline void gic_send_sgi(unsigned int cpu, unsigned int sgi)
{
        gic_active_ops->send_sgi(cpu, sgi);
}
#endif
/* Acknowledge, dispatch to its handler and end every pending interrupt (an IRQ exception). */
void gic_handle_irq(void);
unsigned int gic_version(void);

/* EL3, secure side (entry.S, before dropping to EL2): all interrupts Non-secure Group 1. */
void gic_el3_init(unsigned int cpu);

#endif
