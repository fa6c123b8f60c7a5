/* SPDX-License-Identifier: MIT */
/*
 * virtio-mmio transports (virtio 1.2, section 4.2.2: the version 2, non-legacy,
 * register layout) where QEMU virt has them (core/vplatform.h). A transport with no
 * device behind it answers as QEMU's does: the magic value, the version and the
 * vendor ID, device ID 0 and every other register reading as zero, writes ignored;
 * a driver that finds device ID 0 stops there (virtio 1.2, 4.2.3.1.1).
 */
#ifndef VDEV_VIRTIO_MMIO_H
#define VDEV_VIRTIO_MMIO_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* Registers (offsets in one transport's window). */
#define VIRTIO_MMIO_MAGIC_VALUE         0x000   /* "virt", little-endian */
#define VIRTIO_MMIO_VERSION             0x004
#define VIRTIO_MMIO_DEVICE_ID           0x008
#define VIRTIO_MMIO_VENDOR_ID           0x00c

#define VIRTIO_MMIO_MAGIC               0x74726976u
#define VIRTIO_MMIO_VERSION_MODERN      2
#define VIRTIO_MMIO_VENDOR_QEMU         0x554d4551u     /* "QEMU", as QEMU's transports say */

/* The window of all GUEST_VIRTIO_COUNT transports. dev is unused while no transport
 * has a device. */
bool virtio_mmio_access(struct vcpu *v, void *dev, uint64_t off, unsigned int size, bool write,
                        uint64_t *val);

#endif
