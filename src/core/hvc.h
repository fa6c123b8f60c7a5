/* SPDX-License-Identifier: MIT */
/* HVC and SMC calls from guests: SMCCC, PSCI and the hypervisor's own ABI (core/hvc_abi.h). */
#ifndef CORE_HVC_H
#define CORE_HVC_H

struct vcpu;

enum hvc_conduit { HVC_CONDUIT_HVC, HVC_CONDUIT_SMC };

void hvc_handle(struct vcpu *v, enum hvc_conduit conduit, unsigned int imm);

#endif
