// SPDX-License-Identifier: MIT
#include "core/vplatform.h"
#include "vdev/virtio_mmio.h"

bool virtio_mmio_access(struct vcpu *v, void *dev, uint64_t off, unsigned int size, bool write,
                        uint64_t *val)
{
        uint64_t reg = off % GUEST_VIRTIO_STRIDE;

        (void)v;
        (void)dev;
        if (write)
                return true;                    /* no device: nothing to configure */
        /*
         * Control registers are 32 bits wide and accessed as such (virtio 1.2, 4.2.2.2);
         * any other read of an empty transport reads as zero, as QEMU's does, rather than
         * aborting a driver that probes with another width.
         */
        if (size != 4)
                return true;
        switch (reg) {
        case VIRTIO_MMIO_MAGIC_VALUE:
                *val = VIRTIO_MMIO_MAGIC;
                break;
        case VIRTIO_MMIO_VERSION:
                *val = VIRTIO_MMIO_VERSION_MODERN;
                break;
        case VIRTIO_MMIO_VENDOR_ID:
                *val = VIRTIO_MMIO_VENDOR_QEMU;
                break;
        default:                                /* DeviceID 0: no device */
                break;
        }
        return true;
}
