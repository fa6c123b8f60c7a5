/* SPDX-License-Identifier: MIT */
/*
 * The arch interface (arch/arch.h) on the host, for the unit tests: each host
 * thread is a CPU (its per-CPU pointer is thread-local), the counter and the
 * loaded virtual timer are variables the test sets (arch/fake/fake.h).
 */
#ifndef ARCH_FAKE_ARCH_IMPL_H
#define ARCH_FAKE_ARCH_IMPL_H

#include <stdint.h>
#include <string.h>

#include "arch/aarch64/layout.h"

#include "arch/aarch64/sysreg_enc.h"

extern _Thread_local void *fake_cpu_local;
extern uint64_t fake_counter, fake_counter_freq;
extern _Thread_local uint64_t fake_vtimer_ctl;
extern _Thread_local uint64_t fake_hyp_timer_deadline;

static inline void *arch_cpu_local(void)
{
        return fake_cpu_local;
}

static inline void arch_set_cpu_local(void *p)
{
        fake_cpu_local = p;
}

extern _Thread_local uint64_t fake_mpidr;

static inline uint64_t arch_mpidr(void)
{
        return fake_mpidr;
}

static inline void arch_zero_page(void *p)
{
        memset(p, 0, PAGE_SIZE);
}

static inline void arch_clean_dcache_line(const volatile void *p)
{
        (void)p;
}

static inline void arch_send_event(void)
{
}

static inline uint64_t arch_counter(void)
{
        return __atomic_load_n(&fake_counter, __ATOMIC_RELAXED);
}

static inline uint64_t arch_counter_freq(void)
{
        return fake_counter_freq;
}

static inline uint64_t arch_vtimer_ctl(void)
{
        return fake_vtimer_ctl;
}

static inline void arch_vtimer_stop(void)
{
        fake_vtimer_ctl = 0;
}

static inline void arch_hyp_timer_arm(uint64_t deadline)
{
        fake_hyp_timer_deadline = deadline;
}

extern _Thread_local uint64_t fake_exit_esr, fake_exit_far, fake_exit_ipa;

static inline uint64_t arch_exit_esr(void)
{
        return fake_exit_esr;
}

static inline uint64_t arch_exit_far(void)
{
        return fake_exit_far;
}

static inline uint64_t arch_exit_fault_ipa(uint64_t far)
{
        return (fake_exit_ipa & ~0xfffull) | (far & 0xfff);
}

extern uint64_t fake_id_regs[8][8];

static inline uint64_t arch_id_reg(uint32_t reg)
{
        unsigned int crm = SYS_REG_CRM(reg), op2 = SYS_REG_OP2(reg);

        if (SYS_REG_OP0(reg) != 3 || SYS_REG_OP1(reg) || SYS_REG_CRN(reg) || crm < 1 || crm > 7)
                return 0;
        return fake_id_regs[crm][op2];
}

/* The test's world: what an idle CPU waits for (arch/fake/fake.c). */
void fake_idle(void);

static inline void arch_idle(void)
{
        fake_idle();
}

#endif
