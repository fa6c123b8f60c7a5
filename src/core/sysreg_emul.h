/* SPDX-License-Identifier: MIT */
/*
 * Trapped MSR/MRS (ESR_EL2.EC = 0x18), dispatched through a table the parts of
 * the hypervisor fill at boot: the ID registers (core/cpu_features.c), the
 * debug registers (core/vdebug.c), the EL1 physical timer (vdev/vtimer.c), the
 * PMU (vdev/vpmu.c), the SGI registers (vdev/vgic.c). ACTLR_EL1 is RAZ/WI; everything else is
 * UNDEFINED for the guest.
 */
#ifndef CORE_SYSREG_EMUL_H
#define CORE_SYSREG_EMUL_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/aarch64/sysreg_enc.h"

struct vcpu;

/* Emulate an access to reg (a SYS_REG number): a read fills *val, a write takes it.
 * false: the guest gets an UNDEFINED exception. */
typedef bool (*sysreg_handler_t)(struct vcpu *v, uint32_t reg, bool read, uint64_t *val);

/* Registers (reg & mask) == match go to fn. At boot; -1 if no room or one of them is
 * taken already. */
int sysreg_register(uint32_t match, uint32_t mask, sysreg_handler_t fn);
/* The handler for reg, or NULL. */
sysreg_handler_t sysreg_lookup(uint32_t reg);
/* The trapped access with this ISS; false means the guest gets an UNDEFINED exception. */
bool sysreg_emulate(struct vcpu *v, uint32_t iss);
/* Fill the table with every handler (boot, once). */
int sysreg_init(void);

#endif
