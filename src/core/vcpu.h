/* SPDX-License-Identifier: MIT */
/* Virtual CPUs: register context, and what the scheduler needs to know. */
#ifndef CORE_VCPU_H
#define CORE_VCPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/aarch64/context.h"
#include "arch/aarch64/debug.h"
#include "vdev/vgic.h"
#include "vdev/vpmu.h"

struct vm;

/* struct gp_regs (saved on every exit by vectors.S), struct fpsimd_state and
 * struct el1_sysregs: the AArch64 register file, arch/aarch64/context.h. */

/* Registers the guest reaches only through traps (emulated, kept here). */
struct emulated_sysregs {
        uint64_t mdscr;
        uint64_t oslsr;                 /* OS lock status (OSLAR_EL1 writes set OSLK) */
        uint64_t cntp_ctl, cntp_cval;   /* EL1 physical timer */
        /* Breakpoints and watchpoints, [enum hw_dbg_reg][n], as sanitized for the CPU;
         * written through to it on each trapped write and loaded with the vCPU. */
        uint64_t dbg[4][DBG_MAX_POINTS];
        bool dbg_used;                  /* the guest wrote debug state: load it */
};

/* vCPU states and who may move a vCPU between them: the rule in core/sched.h. */
enum vcpu_state {
        VCPU_OFF,                       /* not started, or PSCI CPU_OFF */
        VCPU_ON_CLAIMED,                /* a CPU_ON won the race, is writing the entry point */
        VCPU_ON_PENDING,                /* CPU_ON posted: the owner resets it at on_entry */
        VCPU_RUNNABLE,
        VCPU_BLOCKED_WFI,               /* waiting for an interrupt */
        VCPU_STOPPED,                   /* its VM ended */
};

struct vcpu {
        struct gp_regs regs;
        struct fpsimd_state fp;
        struct el1_sysregs el1;
        struct emulated_sysregs emu;
        struct vm *vm;
        unsigned int id;                /* index within the VM */
        unsigned int pcpu;              /* physical CPU it runs on */
        enum vcpu_state state;          /* atomic: vcpu_state(), vcpu_transition() */
        uint64_t on_entry, on_ctx;      /* CPU_ON's entry and context id: written by the
                                           CPU_ON that claimed it, read by the owner */
        uint64_t wfi_start;
        struct vgic_cpu vgic;
        struct vpmu pmu;
        /* Guest-fault loop detection: PC of the last exception we injected. */
        uint64_t last_inject_vector;
        unsigned int inject_repeat;
        /* Statistics: guest exits by cause (synchronous traps, physical interrupts). */
        uint64_t exits_sync, exits_irq;
};

static inline enum vcpu_state vcpu_state(const struct vcpu *v)
{
        return __atomic_load_n(&v->state, __ATOMIC_ACQUIRE);
}

/* Move v from 'from' to 'to' if it is still in 'from' (compare and swap). */
static inline bool vcpu_transition(struct vcpu *v, enum vcpu_state from, enum vcpu_state to)
{
        return __atomic_compare_exchange_n(&v->state, &from, to, false, __ATOMIC_ACQ_REL,
                                           __ATOMIC_ACQUIRE);
}

/* A plain store: at VM load (no CPU holds its vCPUs) and for STOPPED (no compare-and-
 * swap starts from it, so a racing one cannot undo it). */
static inline void vcpu_set_state(struct vcpu *v, enum vcpu_state s)
{
        __atomic_store_n(&v->state, s, __ATOMIC_RELEASE);
}

void vcpu_reset(struct vcpu *v, uint64_t entry, uint64_t x0);
/* Load this vCPU's EL1 state onto the current physical CPU / save it back. */
void vcpu_load(struct vcpu *v);
void vcpu_put(struct vcpu *v);

/* Inject exceptions into the guest, architecturally (ESR/FAR/ELR/SPSR_EL1, PC from VBAR_EL1). */
void vcpu_inject_undef(struct vcpu *v);
void vcpu_inject_dabt(struct vcpu *v, uint64_t far, unsigned int fsc);
void vcpu_inject_iabt(struct vcpu *v, uint64_t far, unsigned int fsc);

static inline uint64_t vcpu_reg(const struct vcpu *v, unsigned int r)
{
        return r == 31 ? 0 : v->regs.x[r];
}

static inline void vcpu_set_reg(struct vcpu *v, unsigned int r, uint64_t val)
{
        if (r != 31)
                v->regs.x[r] = val;
}

#endif
