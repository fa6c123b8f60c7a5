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

#include "arch/aarch64/context.h"
#include "platform.h"

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

/* This CPU's MPIDR_EL1 (its affinity) and MIDR_EL1 (what guests see as theirs). */
static inline uint64_t arch_mpidr(void);

/*
 * The one MPIDR -> CPU index rule: Aff1 * PLAT_CORES_PER_CLUSTER + Aff0, or
 * PLAT_MAX_CPUS (no slot) when that is too big or Aff2/Aff3 are used. entry.S's
 * cpu_index_from_mpidr applies the same rule before C runs.
 */
static inline unsigned int arch_cpu_index(uint64_t mpidr)
{
        unsigned int aff0 = mpidr & 0xff, aff1 = (mpidr >> 8) & 0xff;
        unsigned int i = aff1 * PLAT_CORES_PER_CLUSTER + aff0;

        if ((mpidr >> 16) & 0xff || (mpidr >> 32) & 0xff || i >= PLAT_MAX_CPUS)
                return PLAT_MAX_CPUS;
        return i;
}

/* The system counter (CNTPCT_EL0, ordered after earlier instructions) and its frequency. */
static inline uint64_t arch_counter(void);
static inline uint64_t arch_counter_freq(void);

/* CNTV_CTL_EL0 of the vCPU loaded on this CPU (its virtual timer's live state). */
static inline uint64_t arch_vtimer_ctl(void);
/* Stop the loaded virtual timer (its vCPU is being put away for good). */
static inline void arch_vtimer_stop(void);

/* The EL2 physical timer (CNTHP): interrupt at counter value deadline; 0 disarms it. */
static inline void arch_hyp_timer_arm(uint64_t deadline);

/* The guest exit being handled: ESR_EL2, FAR_EL2, and the faulting IPA of a stage-2
 * abort (HPFAR_EL2's page number with the offset in the page of far, FAR_EL2's value). */
static inline uint64_t arch_exit_esr(void);
static inline uint64_t arch_exit_far(void);
static inline uint64_t arch_exit_fault_ipa(uint64_t far);

/* What traps to EL2 while guests run (HCR_EL2, MDCR_EL2, CPTR_EL2, CNTHCTL_EL2), from
 * this CPU's features: on every CPU at boot (src/arch/aarch64/traps.c). */
void arch_trap_init_cpu(void);

/* Clean and invalidate the data cache line holding p to the point of coherency (a
 * value read by a CPU whose caches are still off: the spin-table release address). */
static inline void arch_clean_dcache_line(const volatile void *p);
/* Zero one PAGE_SIZE page at p (page-aligned): its data and, where the CPU keeps
 * allocation tags (FEAT_MTE2), its tags, so no VM sees another's tags. */
static inline void arch_zero_page(void *p);
/* Wake CPUs waiting in WFE (SEV). */
static inline void arch_send_event(void);
/* Stop this CPU for good: interrupts masked, waiting in WFI. */
void arch_halt(void) __attribute__((noreturn));

/* The host's ID register reg (a SYS_REG number, op0=3 op1=0 CRn=0 CRm=1..7); 0 otherwise. */
static inline uint64_t arch_id_reg(uint32_t reg);

/* Nothing to run: wait for an interrupt and take it here (its handler runs), then return. */
static inline void arch_idle(void);

/* Enter the guest whose registers regs points at (restored from it); returns only as an exit. */
void arch_guest_enter(struct gp_regs *regs) __attribute__((noreturn));

/*
 * The loaded vCPU's EL1/EL0 system registers (src/arch/aarch64/context.c). Load
 * puts r into the CPU with the VM's virtual counter offset; save reads them back
 * and stops the virtual timer (it must not fire for the next vCPU).
 */
void arch_el1_load(const struct el1_sysregs *r, uint64_t cntvoff);
void arch_el1_save(struct el1_sysregs *r);
/* FP/SIMD registers (fpsimd.S): the hypervisor never uses them itself. */
void fpsimd_save(struct fpsimd_state *s);
void fpsimd_restore(const struct fpsimd_state *s);
/* Take a synchronous exception to the loaded vCPU's EL1: ELR, SPSR, ESR (and FAR). */
void arch_el1_inject_sync(uint64_t elr, uint64_t spsr, uint64_t esr, bool has_far, uint64_t far);
uint64_t arch_el1_vbar(void);
/* Does an exception taken to EL1 set PSTATE.PAN (FEAT_PAN and SCTLR_EL1.SPAN == 0)? */
bool arch_el1_pan_on_exception(void);
uint64_t arch_midr(void);
/* Make a VM's stage-2 tables current (VTTBR_EL2 = table | VMID; arch/aarch64/mmu.c). */
void stage2_activate(uint64_t vttbr);

#if defined(HOST_TEST)
#include "arch/fake/arch_impl.h"
#else
#include "arch/aarch64/arch_impl.h"
#endif

#endif
