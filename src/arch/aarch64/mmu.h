/* SPDX-License-Identifier: MIT */
/* EL2 stage-1 translation (the hypervisor's own map) and stage-2 (guests). */
#ifndef ARCH_AARCH64_MMU_H
#define ARCH_AARCH64_MMU_H

#include <stdint.h>

#include "arch/aarch64/pgtable.h"

/* Build the EL2 map (W^X image, RAM, devices) on the boot CPU and turn the MMU on;
 * its table pages come from ops (the caller's page allocator, identity-mapped). */
int mmu_init(uint64_t ram_base, uint64_t ram_size, const struct pgtable_ops *ops);
/* Same registers on a secondary CPU (tables already built). */
void mmu_enable_secondary(void);
/* Map a device window at EL2 (device memory, RW, never executable). */
int mmu_map_device(uint64_t pa, uint64_t size);

/* Physical address bits (ID_AA64MMFR0_EL1.PARange) and the IPA size guests get. */
unsigned int mmu_pa_bits(void);
unsigned int stage2_ipa_bits(void);
/* Global stage-2 control (VTCR_EL2), set on every CPU. */
void stage2_init_cpu(void);
/* Make a VM's tables current (VTTBR_EL2 = table | VMID). */
void stage2_activate(uint64_t vttbr);
/* Invalidate every stage-1+2 TLB entry of a VMID on all CPUs (inner shareable). */
void stage2_flush_vmid(uint64_t vttbr);
uint64_t stage2_make_vttbr(const struct pgtable *pt, uint16_t vmid);

#endif
