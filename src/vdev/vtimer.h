/* SPDX-License-Identifier: MIT */
/*
 * The EL1 physical timer (CNTP_*), emulated: CNTHCTL_EL2.EL1PCEN = 0 traps the
 * guest's accesses here. Its output is a level on PPI 30, ENABLE && !IMASK &&
 * CNTPCT >= CVAL: guest writes update the line at once; the scheduler on the
 * vCPU's owner raises it when the deadline passes (ptimer_deadline() is one of
 * the deadlines it arms the EL2 timer for).
 */
#ifndef VDEV_VTIMER_H
#define VDEV_VTIMER_H

#include <stdint.h>

struct vcpu;

/* CVAL, or 0 if the timer cannot fire (disabled or masked). */
uint64_t ptimer_deadline(const struct vcpu *v);
/* Set PPI 30's line for the counter value now (on v's owner). */
void ptimer_update(struct vcpu *v, uint64_t now);
/* Take CNTP_CTL/CVAL/TVAL_EL0's traps (sysreg_register). */
int vtimer_init(void);

#endif
