/* SPDX-License-Identifier: MIT */
#ifndef CORE_TRAP_H
#define CORE_TRAP_H

/*
 * HCR_EL2 for an AArch64 EL1 guest (computed once at boot from the CPU's features).
 */
#include <stdint.h>

uint64_t trap_hcr_el2(void);
/* Program HCR_EL2, MDCR_EL2, CPTR_EL2, CNTHCTL_EL2 for guests on this CPU. */
void trap_init_cpu(void);

#endif
