/* SPDX-License-Identifier: MIT */
/* Per physical CPU state, reached through the arch's per-CPU pointer (TPIDR_EL2). */
#ifndef CORE_PCPU_H
#define CORE_PCPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"
#include "platform.h"

struct gp_regs;
struct vcpu;

struct pcpu {
        struct gp_regs *guest_regs;     /* at PCPU_GUEST_REGS: vectors.S saves a guest's registers here */
        unsigned int id;
        bool online;
        uint64_t mpidr;
        struct vcpu *current;           /* loaded vCPU (its EL1 state is in the registers) */
        struct vcpu *runq[8];           /* vCPUs pinned to this CPU, round-robin */
        unsigned int nrunq;
        unsigned int next;              /* round-robin cursor */
        uint64_t slice_end;             /* CNTPCT deadline of the current time slice */
        volatile bool resched;          /* a vCPU became runnable here: pick again */
        volatile uint32_t pending_ipi;  /* reasons another CPU kicked us (bitmask) */
        bool dbg_loaded;                /* the debug registers hold a vCPU's state */
};

_Static_assert(offsetof(struct pcpu, guest_regs) == PCPU_GUEST_REGS, "vectors.S: PCPU_GUEST_REGS");

extern struct pcpu pcpus[PLAT_MAX_CPUS];

static inline struct pcpu *this_pcpu(void)
{
        return arch_cpu_local();
}

#endif
