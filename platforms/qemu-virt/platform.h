/* SPDX-License-Identifier: MIT */
/*
 * QEMU 'virt' machine (hw/arm/virt.c): the facts the hypervisor needs.
 * Included by C, assembly and the linker script: macros only.
 */
#ifndef PLATFORM_H
#define PLATFORM_H

#define PLAT_NAME               "qemu-virt"

/* RAM starts at 1 GiB; its size comes from the device tree QEMU writes at RAM base. */
#define PLAT_RAM_BASE           0x40000000
#define PLAT_RAM_SIZE_DEFAULT   0x40000000      /* used only if no device tree is found */
#define PLAT_DTB_ADDR           0x40000000      /* QEMU puts its DTB here when the image leaves room */

/* Where the hypervisor is linked and loaded: above QEMU's DTB (it takes the first 1 MiB). */
#define PLAT_LOAD_ADDR          0x40200000
/* Where hypctl loads the pack (config + guest images). */
#define PLAT_PACK_ADDR          0x48000000

/* PL011 UART0 (SPI 1), clocked by the 24 MHz 'apb-pclk'. */
#define PLAT_UART_BASE          0x09000000
#define PLAT_UART_CLOCK_HZ      24000000
#define PLAT_UART_BAUD          115200
#define PLAT_UART_IRQ           33

/* GIC: v3 distributor + redistributors (128 KiB each), or v2 CPU interface + virt extensions. */
#define PLAT_GICD_BASE          0x08000000
#define PLAT_GICR_BASE          0x080A0000
#define PLAT_GICC_BASE          0x08010000
#define PLAT_GICH_BASE          0x08030000
#define PLAT_GICV_BASE          0x08040000

/* Generic timer PPIs (INTIDs) and the counter frequency QEMU programs. */
#define PLAT_TIMER_HYP_IRQ      26
#define PLAT_TIMER_VIRT_IRQ     27
#define PLAT_TIMER_PHYS_IRQ     30
#define PLAT_GIC_MAINT_IRQ      25
#define PLAT_PMU_IRQ            23              /* PMUv3 overflow (PPI 7), level */

/* The generic PCIe host bridge (QEMU's gpex, highmem layout): ECAM for buses 0-255, the
 * I/O window (PCI I/O 0 at this CPU address) and the 32-bit memory window (1:1). One VM
 * may own it (pci-passthrough). */
#define PLAT_PCIE_ECAM_BASE     0x4010000000ull
#define PLAT_PCIE_ECAM_SIZE     0x10000000ull
#define PLAT_PCIE_PIO_BASE      0x3eff0000ull
#define PLAT_PCIE_PIO_SIZE      0x10000ull
#define PLAT_PCIE_MMIO_BASE     0x10000000ull
#define PLAT_PCIE_MMIO_SIZE     0x2eff0000ull
#define PLAT_CNTFRQ_HZ          62500000

/*
 * CPUs: MPIDR_EL1.Aff0 counts cores within a cluster of up to 16 (8 with GICv2),
 * Aff1 the cluster.  With secure=on all CPUs start at the reset entry at EL3.
 */
#define PLAT_MAX_CPUS           8
#define PLAT_CORES_PER_CLUSTER  16

/* No system-counter enable needed: QEMU's counter always runs. */
#define PLAT_CNTCONTROL_BASE    0

#endif
