/* SPDX-License-Identifier: MIT */
/*
 * The fake arch's controls, for host unit tests: each host thread plays one
 * physical CPU (fake_become_cpu), and the test reads and sets what the
 * hardware would hold: list registers, the virtual interface's controls, the
 * physical GIC's PPI enables and the SGIs sent, the counter, the loaded
 * virtual timer.
 */
#ifndef ARCH_FAKE_FAKE_H
#define ARCH_FAKE_FAKE_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/arch.h"
#include "arch/vgic_hw.h"

#define FAKE_MAX_CPUS           8
#define FAKE_MAX_LRS            16

/* The calling thread becomes physical CPU cpu: its per-CPU pointer is p. */
void fake_become_cpu(unsigned int cpu, void *p);
unsigned int fake_this_cpu(void);

/* List registers of the calling thread's CPU, and how many the fake CPU has (default 4). */
extern _Thread_local struct vgic_lr fake_lr[FAKE_MAX_LRS];
extern unsigned int fake_nr_lrs;
/* ICH_HCR_EL2 / GICH_HCR: the interface enabled, the underflow interrupt requested. */
extern _Thread_local bool fake_vif_enabled, fake_vif_uie;
extern _Thread_local uint64_t fake_vif_vmcr, fake_vif_apr;

/* The physical GIC: PPI enables of the calling thread's CPU, SGIs sent to each CPU. */
extern _Thread_local uint32_t fake_ppi_enabled;
extern unsigned int fake_sgis_sent[FAKE_MAX_CPUS];
/* SPIs enabled, routed to a CPU (-1: not enabled). */
int fake_spi_route(unsigned int intid);
/* Run the registered handler of intid as gic_handle_irq() would; false if none. */
bool fake_gic_fire(unsigned int intid);
void fake_gic_reset(void);

/* The loaded vCPU's EL1 registers (arch_el1_load/save), exceptions injected into it,
 * the host's ID registers [CRm][op2], its MIDR, and the debug registers written through. */
extern _Thread_local struct el1_sysregs fake_el1;
extern _Thread_local uint64_t fake_inject_elr, fake_inject_spsr, fake_inject_esr, fake_inject_far;
extern _Thread_local unsigned int fake_injections;
extern uint64_t fake_id_regs[8][8];
extern uint64_t fake_midr;
extern _Thread_local uint64_t fake_dbg[4][16], fake_mdscr, fake_oslar;
extern unsigned int fake_brps, fake_wrps;
/* The PMU (arch/aarch64/pmu.h) of this CPU: registers by enum hw_pmu_reg, the event
 * counters and the types the CPU was given; PMUVer is the fake ID_AA64DFR0_EL1's. */
extern _Thread_local uint64_t fake_pmu[16], fake_pmu_evcntr[31], fake_pmu_evtyper[31];
extern unsigned int fake_pmu_n;
/* This CPU's PMU as at reset, with n event counters. */
void fake_pmu_reset(unsigned int n);
/* The exit being handled (arch_exit_esr/far/fault_ipa) and this CPU's MPIDR. */
extern _Thread_local uint64_t fake_exit_esr, fake_exit_far, fake_exit_ipa, fake_mpidr;

/* What an idle CPU does (arch_idle): the test's hook, else the test fails. */
extern void (*fake_idle_hook)(void);

/* A list register as the guest's acknowledge and end would change it (the INTID stays,
 * as in the hardware); valid while pending or active. */
static inline bool fake_lr_live(unsigned int n)
{
        return fake_lr[n].pending || fake_lr[n].active;
}

static inline void fake_guest_ack(unsigned int n)     /* IAR: pending -> active */
{
        fake_lr[n].pending = false;
        fake_lr[n].active = true;
}

static inline void fake_guest_eoi(unsigned int n)     /* EOIR/DIR: active -> inactive */
{
        fake_lr[n].active = false;
}

#endif
