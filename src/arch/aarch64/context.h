/* SPDX-License-Identifier: MIT */
/*
 * A vCPU's AArch64 register file as the arch keeps it: general registers (saved
 * by vectors.S on every exit), FP/SIMD (fpsimd.S), and the EL1/EL0 system
 * registers that live in the CPU while the vCPU is loaded. The offsets the
 * assembly uses are defined here once and checked against the C layout.
 */
#ifndef ARCH_AARCH64_CONTEXT_H
#define ARCH_AARCH64_CONTEXT_H

/* struct gp_regs: x0-x30, pc (ELR_EL2), pstate (SPSR_EL2) */
#define GP_X(n)                 ((n) * 8)
#define GP_PC                   (31 * 8)
#define GP_PSTATE               (32 * 8)
/* struct fpsimd_state: q0-q31, then FPSR, FPCR */
#define FPSIMD_FPSR             (64 * 8)
/* struct pcpu: the first field points at the running guest's gp_regs (vectors.S) */
#define PCPU_GUEST_REGS         0

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct gp_regs {
        uint64_t x[31];
        uint64_t pc;            /* ELR_EL2 */
        uint64_t pstate;        /* SPSR_EL2 */
};

struct fpsimd_state {
        uint64_t q[64];
        uint64_t fpsr, fpcr;
} __attribute__((aligned(16)));

_Static_assert(offsetof(struct gp_regs, x[1]) == GP_X(1), "vectors.S: GP_X");
_Static_assert(offsetof(struct gp_regs, pc) == GP_PC, "vectors.S: GP_PC");
_Static_assert(offsetof(struct gp_regs, pstate) == GP_PSTATE, "vectors.S: GP_PSTATE");
_Static_assert(offsetof(struct fpsimd_state, fpsr) == FPSIMD_FPSR, "fpsimd.S: FPSR after q31");
_Static_assert(offsetof(struct fpsimd_state, fpcr) == FPSIMD_FPSR + 8, "fpsimd.S: FPCR after FPSR");

/* The guest's EL1/EL0 system registers: in the CPU while the vCPU is loaded. */
struct el1_sysregs {
        uint64_t sctlr, cpacr, ttbr0, ttbr1, tcr, mair, amair, vbar, contextidr;
        uint64_t tpidr_el0, tpidrro_el0, tpidr_el1, sp_el0, sp_el1, elr_el1, spsr_el1;
        uint64_t esr, afsr0, afsr1, far, par, cntkctl, csselr;
        uint64_t cntv_ctl, cntv_cval;
        uint64_t vmpidr, vpidr;         /* what MPIDR_EL1/MIDR_EL1 read as */
        uint64_t gcr, rgsr, tfsr, tfsre0;       /* FEAT_MTE2 only */
};

#endif
#endif
