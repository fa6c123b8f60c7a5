/* SPDX-License-Identifier: MIT */
/*
 * The CPU's self-hosted debug registers: breakpoints (DBGBVR/DBGBCR<n>_EL1) and
 * watchpoints (DBGWVR/DBGWCR<n>_EL1), by number. The register is encoded in the
 * instruction, so each number is its own MSR.
 */
#ifndef ARCH_AARCH64_DEBUG_H
#define ARCH_AARCH64_DEBUG_H

#include <stdint.h>

#define DBG_MAX_POINTS          16      /* ID_AA64DFR0_EL1.BRPs/WRPs: at most 16 each */

enum hw_dbg_reg { HW_DBG_BVR, HW_DBG_BCR, HW_DBG_WVR, HW_DBG_WCR };

/* Write register 'which' number n (n < DBG_MAX_POINTS). */
void hw_dbg_write(enum hw_dbg_reg which, unsigned int n, uint64_t value);
/* MDSCR_EL1 and OSLAR_EL1 of the CPU (the guest's, sanitized), and the barrier that
 * makes debug-register writes take effect. */
void hw_dbg_write_mdscr(uint64_t value);
void hw_dbg_write_oslar(uint64_t value);
void hw_dbg_sync(void);
/* How many breakpoints and watchpoints this CPU implements (ID_AA64DFR0_EL1). */
unsigned int hw_dbg_brps(void);
unsigned int hw_dbg_wrps(void);

#endif
