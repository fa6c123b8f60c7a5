/* SPDX-License-Identifier: MIT */
/*
 * The guest's self-hosted debug (MDCR_EL2.TDA/TDOSA/TDRA trap it here):
 * breakpoints and watchpoints for its own EL1 and EL0, written through to the
 * CPU as sanitized; MDSCR_EL1 and the OS lock; other debug registers RAZ/WI.
 */
#ifndef CORE_VDEBUG_H
#define CORE_VDEBUG_H

struct vcpu;

/* The guest's breakpoints, watchpoints, MDSCR_EL1 and OS lock into this CPU (vcpu_load;
 * nothing to do while neither it nor the vCPU before it used them). */
void vdebug_load(struct vcpu *v);
/* Take the debug registers' traps (op0 = 2: sysreg_register). */
int vdebug_init(void);

#endif
