/* SPDX-License-Identifier: MIT */
/* The arch interface (arch/arch.h) on AArch64 at EL2: system registers, inline. */
#ifndef ARCH_AARCH64_ARCH_IMPL_H
#define ARCH_AARCH64_ARCH_IMPL_H

#include "arch/aarch64/layout.h"
#include "arch/aarch64/sysreg.h"
#include "lib/string.h"
#include "arch/aarch64/sysreg_enc.h"

static inline void *arch_cpu_local(void)
{
        void *p;

        __asm__ volatile("mrs %0, TPIDR_EL2" : "=r"(p));
        return p;
}

static inline void arch_set_cpu_local(void *p)
{
        write_sysreg(TPIDR_EL2, p);
}

static inline uint64_t arch_mpidr(void)
{
        return read_sysreg(MPIDR_EL1);
}

static inline void arch_zero_page(void *p)
{
        uint64_t dczid = read_sysreg(DCZID_EL0);
        char *q = p, *end = q + PAGE_SIZE;

        if (!cpu_has_mte2()) {
                memset(p, 0, PAGE_SIZE);
                return;
        }
        /* The hypervisor's RAM mapping is Normal Tagged (mmu.c): DC GZVA zeroes a block
         * of data and its tags (DCZID_EL0.BS: log2 of the block in words); STZG 16 bytes
         * where DC ZVA is prohibited (DCZID_EL0.DZP). Spelled as SYS and as the STZG
         * encoding (STZG X9, [X9]), which every assembler takes without +memtag. */
        if (!(dczid & BIT(4))) {
                for (uint64_t bs = 4ull << (dczid & 0xf); q < end; q += bs)
                        __asm__ volatile("sys #3, c7, c4, #4, %0" : : "r"(q) : "memory");
        } else {
                for (; q < end; q += 16) {
                        register char *x9 __asm__("x9") = q;

                        __asm__ volatile(".inst 0xd9600800 | (9 << 5) | 9" : : "r"(x9) : "memory");
                }
        }
        dsb(ish);
}

static inline void arch_clean_dcache_line(const volatile void *p)
{
        __asm__ volatile("dc civac, %0" : : "r"(p) : "memory");
        dsb(sy);
}

static inline void arch_send_event(void)
{
        sev();
}

static inline uint64_t arch_counter(void)
{
        isb();
        return read_sysreg(CNTPCT_EL0);
}

static inline uint64_t arch_counter_freq(void)
{
        return read_sysreg(CNTFRQ_EL0);
}

static inline uint64_t arch_vtimer_ctl(void)
{
        return read_sysreg(CNTV_CTL_EL0);
}

static inline void arch_vtimer_stop(void)
{
        write_sysreg(CNTV_CTL_EL0, 0);
}

static inline void arch_hyp_timer_arm(uint64_t deadline)
{
        if (!deadline) {
                write_sysreg(CNTHP_CTL_EL2, 0);
                return;
        }
        write_sysreg(CNTHP_CVAL_EL2, deadline);
        write_sysreg(CNTHP_CTL_EL2, TIMER_CTL_ENABLE);
        isb();
}

static inline uint64_t arch_exit_esr(void)
{
        return read_sysreg(ESR_EL2);
}

static inline uint64_t arch_exit_far(void)
{
        return read_sysreg(FAR_EL2);
}

static inline uint64_t arch_exit_fault_ipa(uint64_t far)
{
        /* HPFAR_EL2.FIPA (bits 43:4) holds IPA bits 51:12. */
        return ((read_sysreg(HPFAR_EL2) >> 4) << 12) | (far & 0xfff);
}

/* The host's ID registers by encoding: the register is in the instruction, one MRS each. */
#define ID_CASE(crm, op2)                                                       \
        case SYS_REG(3, 0, 0, crm, op2):                                        \
                return read_sysreg_s("S3_0_C0_C" #crm "_" #op2);
#define ID_ROW(crm) ID_CASE(crm, 0) ID_CASE(crm, 1) ID_CASE(crm, 2) ID_CASE(crm, 3) \
                    ID_CASE(crm, 4) ID_CASE(crm, 5) ID_CASE(crm, 6) ID_CASE(crm, 7)

static inline uint64_t arch_id_reg(uint32_t reg)
{
        switch (reg) {
        ID_ROW(1) ID_ROW(2) ID_ROW(3) ID_ROW(4) ID_ROW(5) ID_ROW(6) ID_ROW(7)
        default:
                return 0;               /* unallocated: RAZ */
        }
}
#undef ID_ROW
#undef ID_CASE

static inline void arch_idle(void)
{
        /* Take the IRQ here at EL2 (hyp_exception -> gic), then look again. */
        __asm__ volatile("dsb sy; wfi; msr DAIFClr, #2; isb; msr DAIFSet, #2" ::: "memory");
}

#endif
