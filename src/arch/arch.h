/* SPDX-License-Identifier: MIT */
/*
 * The arch interface: what the arch-neutral parts of the hypervisor (core/,
 * vdev/) need from the CPU, and nothing else. src/arch/aarch64 implements it
 * on the hardware (arch_impl.h there: system registers, inline); src/arch/fake
 * implements it on the host for the unit tests (threads stand in for CPUs,
 * variables for the registers), selected by HOST_TEST.
 *
 * Every function here is about the CPU the caller runs on.
 */
#ifndef ARCH_ARCH_H
#define ARCH_ARCH_H

#include <stdbool.h>
#include <stdint.h>

/*
 * CNTV_CTL_EL0 / CNTP_CTL_EL0 / CNTHP_CTL_EL2, the architected timers' control:
 *   02 ISTATUS  the timer condition is met (CVAL <= counter)
 *   01 IMASK    the interrupt is masked
 *   00 ENABLE
 * A timer's output (its PPI's level) is ENABLE && ISTATUS && !IMASK.
 */
#define TIMER_CTL_ENABLE        (1u << 0)
#define TIMER_CTL_IMASK         (1u << 1)
#define TIMER_CTL_ISTATUS       (1u << 2)

/* This CPU's per-CPU block (core/pcpu.h): set once per CPU at boot. */
static inline void *arch_cpu_local(void);
static inline void arch_set_cpu_local(void *p);

/* The system counter (CNTPCT_EL0, ordered after earlier instructions) and its frequency. */
static inline uint64_t arch_counter(void);
static inline uint64_t arch_counter_freq(void);

/* CNTV_CTL_EL0 of the vCPU loaded on this CPU (its virtual timer's live state). */
static inline uint64_t arch_vtimer_ctl(void);
/* Stop the loaded virtual timer (its vCPU is being put away for good). */
static inline void arch_vtimer_stop(void);

/* The EL2 physical timer (CNTHP): interrupt at counter value deadline; 0 disarms it. */
static inline void arch_hyp_timer_arm(uint64_t deadline);

/* Nothing to run: wait for an interrupt and take it here (its handler runs), then return. */
static inline void arch_idle(void);

struct gp_regs;
/* Enter the guest whose registers regs points at (restored from it); returns only as an exit. */
void arch_guest_enter(struct gp_regs *regs) __attribute__((noreturn));

#if defined(HOST_TEST)
#include "arch/fake/arch_impl.h"
#else
#include "arch/aarch64/arch_impl.h"
#endif

#endif
