/* SPDX-License-Identifier: MIT */
/*
 * The CPU's PMUv3 registers, for the virtual PMU (vdev/vpmu.c): the event
 * counters by number (through PMSELR_EL0/PMXEV*, since each PMEV*<n> is its own
 * instruction), the set/clear register pairs by the bits they change.
 */
#ifndef ARCH_AARCH64_PMU_H
#define ARCH_AARCH64_PMU_H

#include <stdbool.h>
#include <stdint.h>

#define PMU_MAX_COUNTERS        31      /* PMCR_EL0.N: at most 31 event counters */
#define PMU_CYCLE_BIT           31      /* PMCNTEN/PMINTEN/PMOVS bit of the cycle counter */

/*
 * PMCR_EL0
 *   15:11 N    event counters implemented (read-only)
 *   07    LP   event counters overflow at 64 bits (FEAT_PMUv3p5)
 *   06    LC   cycle counter overflows at 64 bits
 *   05    DP   cycle counter disabled where event counting is prohibited
 *   04    X    export of events
 *   03    D    cycle counter counts every 64th cycle
 *   02    C    write 1: cycle counter reset
 *   01    P    write 1: event counters reset
 *   00    E    counters enabled
 */
#define PMCR_E                  (1u << 0)
#define PMCR_P                  (1u << 1)
#define PMCR_C                  (1u << 2)
#define PMCR_N_SHIFT            11
#define PMCR_WRITABLE           0xffu   /* E P C D X DP LC LP */

enum hw_pmu_reg {
        HW_PMCR, HW_PMCNTEN, HW_PMINTEN, HW_PMOVS, HW_PMSELR, HW_PMCCNTR, HW_PMCCFILTR,
        HW_PMUSERENR, HW_PMCEID0, HW_PMCEID1, HW_PMMIR,
};

/* ID_AA64DFR0_EL1.PMUVer: 0 none, 1 PMUv3, 4 v3p1, 5 v3p4, 6 v3p5, ...; 0xf IMP DEF. */
unsigned int hw_pmu_version(void);
/* PMUv3 present (and architected). */
bool hw_pmu_present(void);
/* PMCR_EL0.N. */
unsigned int hw_pmu_counters(void);

uint64_t hw_pmu_read(enum hw_pmu_reg r);
/* PMCNTEN, PMINTEN, PMOVS: write sets the bits that are 1 in value (the SET register);
 * hw_pmu_clear clears them (the CLR register). Others: a plain write. */
void hw_pmu_write(enum hw_pmu_reg r, uint64_t value);
void hw_pmu_clear(enum hw_pmu_reg r, uint64_t bits);
/* Event counter / event type register n (n < hw_pmu_counters()). */
uint64_t hw_pmu_evcntr_read(unsigned int n);
void hw_pmu_evcntr_write(unsigned int n, uint64_t value);
void hw_pmu_evtyper_write(unsigned int n, uint64_t value);
/* The barrier after which PMU register writes take effect. */
void hw_pmu_sync(void);

#endif
