/* SPDX-License-Identifier: MIT */
/* PSCI 1.1 for guests (Arm DEN 0022), over HVC or SMC. */
#ifndef CORE_PSCI_EMUL_H
#define CORE_PSCI_EMUL_H

#include <stdint.h>

struct vcpu;

void psci_handle(struct vcpu *v, uint32_t fid);

#endif
