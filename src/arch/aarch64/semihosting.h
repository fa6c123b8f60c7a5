/* SPDX-License-Identifier: MIT */
/*
 * Arm semihosting (HLT #0xF000): how the hypervisor ends a simulation with an
 * exit status when there is no firmware to power off through. When the
 * simulator does not enable semihosting, the HLT is an undefined instruction:
 * the exception handler skips it and the call reports failure.
 */
#ifndef ARCH_AARCH64_SEMIHOSTING_H
#define ARCH_AARCH64_SEMIHOSTING_H

#include <stdbool.h>
#include <stdint.h>

struct exc_frame;

#define SEMIHOSTING_SYS_EXIT                    0x18
#define SEMIHOSTING_ADP_STOPPED_APPLICATION_EXIT 0x20026
#define SEMIHOSTING_UNAVAILABLE                 ((uint64_t)-1)

/* Raw call: x0 = operation, x1 = parameter; returns x0 or SEMIHOSTING_UNAVAILABLE. */
uint64_t semihosting_call(uint64_t op, uint64_t param);
/* End the simulation with status; returns only if semihosting is unavailable. */
void semihosting_exit(int status);
/* Called by the EL2 exception handler: true if f was our HLT trapping as UNDEFINED. */
bool semihosting_fixup(struct exc_frame *f);

#endif
