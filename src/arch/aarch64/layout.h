/* SPDX-License-Identifier: MIT */
/* Hypervisor image layout constants shared by C, assembly and the linker script. */
#ifndef ARCH_AARCH64_LAYOUT_H
#define ARCH_AARCH64_LAYOUT_H

#define PAGE_SIZE               4096
#define HYP_STACK_SIZE          0x4000          /* per CPU, 16 KiB */
#define HYP_STACK_GUARD         PAGE_SIZE       /* unmapped page below each stack once the MMU is on */
#define HYP_STACK_STRIDE        (HYP_STACK_SIZE + HYP_STACK_GUARD)

#endif
