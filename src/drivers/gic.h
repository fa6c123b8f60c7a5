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

/* Boot CPU: distributor and this CPU's interface. */
int gic_init(void);
/* Every CPU (the boot CPU too): redistributor and CPU interface. */
void gic_init_cpu(void);
/* Enable a PPI on this CPU / an SPI routed to the given CPU. */
void gic_enable_ppi(unsigned int intid);
void gic_disable_ppi(unsigned int intid);
void gic_enable_spi(unsigned int intid, unsigned int cpu);
void gic_send_sgi(unsigned int cpu, unsigned int sgi);
/* Acknowledge, dispatch and end every pending interrupt (called on an IRQ exception). */
void gic_handle_irq(void);
unsigned int gic_version(void);

/* EL3, secure side (entry.S, before dropping to EL2): all interrupts Non-secure Group 1. */
void gic_el3_init(unsigned int cpu);

#endif
