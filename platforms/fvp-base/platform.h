/* SPDX-License-Identifier: MIT */
/*
 * Arm FVP Base RevC (FVP_Base_RevC-2xAEMvA) and the Armv8-A Foundation model:
 * the facts the hypervisor needs. Macros only (C, assembly, linker script).
 */
#ifndef PLATFORM_H
#define PLATFORM_H

#define PLAT_NAME               "fvp-base"

/* DRAM0: 2 GiB at 2 GiB. No firmware, so no device tree: the size is a platform fact. */
#define PLAT_RAM_BASE           0x80000000
#define PLAT_RAM_SIZE_DEFAULT   0x80000000
#define PLAT_DTB_ADDR           0               /* none */

#define PLAT_LOAD_ADDR          0x80000000
#define PLAT_PACK_ADDR          0x88000000

/* PL011 UART0 (SPI 5), clocked at 24 MHz; the model pipes it to a Telnet port. */
#define PLAT_UART_BASE          0x1C090000
#define PLAT_UART_CLOCK_HZ      24000000
#define PLAT_UART_BAUD          115200
#define PLAT_UART_IRQ           37

/* GICv3 distributor / redistributors; GICv2 frames when the model runs gicv2-only. */
#define PLAT_GICD_BASE          0x2F000000
#define PLAT_GICR_BASE          0x2F100000
#define PLAT_GICC_BASE          0x2C000000
#define PLAT_GICH_BASE          0x2C010000
#define PLAT_GICV_BASE          0x2C02F000

#define PLAT_TIMER_HYP_IRQ      26
#define PLAT_TIMER_VIRT_IRQ     27
#define PLAT_TIMER_PHYS_IRQ     30
#define PLAT_GIC_MAINT_IRQ      25
#define PLAT_PMU_IRQ            23              /* PMUv3 overflow (PPI 7), level */
#define PLAT_CNTFRQ_HZ          100000000       /* the model's reference clock */

/* Two clusters of four; MPIDR_EL1.Aff1 = cluster, Aff0 = core. All cores start at reset. */
#define PLAT_MAX_CPUS           8
#define PLAT_CORES_PER_CLUSTER  4

/* Memory-mapped system counter (CNTControlBase): EL3 code must enable it. */
#define PLAT_CNTCONTROL_BASE    0x2A430000

#endif
