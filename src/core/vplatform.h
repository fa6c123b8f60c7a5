/* SPDX-License-Identifier: MIT */
/*
 * The virtual platform every VM sees, whatever the host: QEMU virt's layout.
 * One description: MMIO registration (core/vm.c), the generated device tree
 * (core/guest_dt.c: node names, stdout-path, interrupts and clocks come from
 * here), the vGIC and the vPL011 read it, and hypctl reads it from this file
 * (tools/hypctl_lib/contract.py). Plain #defines so that both can.
 */
#ifndef CORE_VPLATFORM_H
#define CORE_VPLATFORM_H

/* RAM; the VM's device tree sits in its last 2 MiB (arm64 booting.rst: at most 2 MiB). */
#define GUEST_RAM_BASE          0x40000000ull
#define GUEST_DTB_WINDOW        0x200000ull

/* GIC: distributor; GICv3 redistributors (RD_base + SGI_base per vCPU) or the GICv2 CPU
 * interface (the hardware's virtual CPU interface, GICV, mapped there). */
#define GUEST_GICD_BASE         0x08000000ull
#define GUEST_GICD_SIZE         0x10000
#define GUEST_GICD_V2_SIZE      0x1000          /* what a GICv2 guest's device tree says */
#define GUEST_GICC_BASE         0x08010000ull
#define GUEST_GICC_SIZE         0x2000
#define GUEST_ITS_BASE          0x08080000ull   /* GICv3 guests: control + translation frames */
#define GUEST_ITS_SIZE          0x20000
#define GUEST_GICR_BASE         0x080A0000ull
#define GUEST_GICR_STRIDE       0x20000

/* PL011 UART: SPI 1 (INTID 33), its 24 MHz reference clock. */
#define GUEST_UART_BASE         0x09000000ull
#define GUEST_UART_SIZE         0x1000
#define GUEST_UART_IRQ          33
#define GUEST_UART_CLOCK_HZ     24000000

/* virtio-mmio: QEMU virt's 32 transports, 0x200 apart, transport i on SPI 16 + i (INTID
 * 48 + i), edge-triggered. With no device behind one it answers device ID 0 (vdev/virtio_mmio.c). */
#define GUEST_VIRTIO_BASE       0x0a000000ull
#define GUEST_VIRTIO_STRIDE     0x200
#define GUEST_VIRTIO_COUNT      32
#define GUEST_VIRTIO_IRQ        48

/* PCIe: a VM that owns the host's bridge (pci-passthrough) sees it where QEMU virt has it,
 * 1:1 (its devices decode the addresses the guest programs in their BARs). */
#define GUEST_PCIE_ECAM_BASE    0x4010000000ull
#define GUEST_PCIE_ECAM_SIZE    0x10000000ull
#define GUEST_PCIE_PIO_BASE     0x3eff0000ull
#define GUEST_PCIE_PIO_SIZE     0x10000ull
#define GUEST_PCIE_MMIO_BASE    0x10000000ull
#define GUEST_PCIE_MMIO_SIZE    0x2eff0000ull

/* Private interrupts (INTIDs): the architected timers, and GIC maintenance. */
#define GUEST_PPI_PMU           23              /* PMUv3 overflow (vdev/vpmu.c) */
#define GUEST_PPI_MAINT         25
#define GUEST_PPI_HYP_TIMER     26              /* EL2 physical: described, never raised */
#define GUEST_PPI_VTIMER        27
#define GUEST_PPI_SEC_TIMER     29              /* secure physical: described, never raised */
#define GUEST_PPI_PTIMER        30              /* EL1 physical (emulated: vdev/vtimer.c) */

#endif
