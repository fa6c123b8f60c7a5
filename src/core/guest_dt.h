/* SPDX-License-Identifier: MIT */
/*
 * Device tree spoofing: each VM gets a device tree describing its own virtual
 * machine (memory, vCPUs, PSCI, timer, and the emulated devices it has).
 */
#ifndef CORE_GUEST_DT_H
#define CORE_GUEST_DT_H

#include <stdint.h>

struct vm;

/* Write the VM's device tree into buf; its size, or a negative FDT_ERR_* code. */
int guest_dt_build(struct vm *vm, void *buf, uint32_t size, uint64_t initrd_ipa, uint64_t initrd_size);

#endif
