/* SPDX-License-Identifier: MIT */
/*
 * A virtual PMUv3 per vCPU, on the CPU's own PMU. Every PMU register access
 * traps (MDCR_EL2.TPM, TPMCR) and is done on the hardware for the loaded vCPU,
 * sanitized: the guest's event filters never count EL2 or EL3, only its own
 * EL1 and EL0 (PMEVTYPER/PMCCFILTR NSH, SH, MT are RES0 for it, M is forced).
 * Counters, enables, overflow flags and the rest are saved and cleared when the
 * vCPU leaves the CPU, and restored when it comes back; a guest that never
 * touches the PMU costs nothing on a switch. The overflow interrupt is a level
 * on PPI 23: the physical one is masked while the virtual line is high, and the
 * line falls when a trapped write (PMOVSCLR, PMINTENCLR, PMCR) clears the cause.
 */
#ifndef VDEV_VPMU_H
#define VDEV_VPMU_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/aarch64/pmu.h"

struct vcpu;

struct vpmu {                           /* owned by the vCPU's owner CPU */
        bool used;                      /* the guest touched its PMU: switched with it */
        bool irq_masked;                /* the physical PPI is masked for its high line */
        /* Saved while the vCPU is not loaded (the hardware holds them while it is). */
        uint64_t pmcr, cnten, inten, ovs, selr, ccntr, userenr;
        uint64_t evcntr[PMU_MAX_COUNTERS];
        /* The event filters as the guest sees them; the CPU gets them sanitized. */
        uint64_t evtyper[PMU_MAX_COUNTERS], ccfiltr;
};

/* The PMU at the vCPU's reset: everything zero, the overflow line low (not loaded). */
void vpmu_reset(struct vcpu *v);
/* v comes onto / leaves this CPU (vcpu_load / vcpu_put): nothing to do, inline, for a
 * vCPU that never touched its PMU. */
void vpmu_load_used(struct vcpu *v);
void vpmu_put_used(struct vcpu *v);
#define vpmu_load(v)    do { if ((v)->pmu.used) vpmu_load_used(v); } while (0)
#define vpmu_put(v)     do { if ((v)->pmu.used) vpmu_put_used(v); } while (0)
/* The physical overflow interrupt; v is the vCPU loaded here (NULL: none). */
void vpmu_overflow(struct vcpu *v);
/* Take the PMU registers' traps (sysreg_register); 0 or -1. */
int vpmu_init(void);

#endif
