/* SPDX-License-Identifier: MIT */
#ifndef CORE_TRAP_H
#define CORE_TRAP_H

/*
 * A guest exit (vectors.S calls it with the exception kind, the guest's registers
 * saved in its vCPU): decode, emulate or answer architecturally, then return the
 * registers of whichever vCPU runs next on this CPU.
 */
struct gp_regs *guest_exit(unsigned int kind);

#endif
