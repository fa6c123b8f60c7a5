/* SPDX-License-Identifier: MIT */
/*
 * A virtual PL011 UART per VM, emulated by MMIO traps well enough for Linux's
 * amba-pl011 driver and earlycon: ID registers, FR, IBRD/FBRD/LCR_H/CR,
 * IMSC/RIS/MIS/ICR with TX and RX interrupts (a level SPI through the vGIC).
 * Output goes to the hypervisor console; input comes from the physical UART
 * while the VM has the console focus.
 */
#ifndef VDEV_VPL011_H
#define VDEV_VPL011_H

#include <stdbool.h>
#include <stdint.h>

#include "core/vplatform.h"
#include "lib/spinlock.h"

#define VPL011_FIFO             32
#define VPL011_BACKLOG          1024            /* typed ahead of the FIFO (pastes) */

struct vm;
struct vcpu;

struct vpl011 {
        spinlock_t lock;
        struct vm *vm;
        uint32_t cr, lcr_h, ibrd, fbrd, ifls, imsc, ris, ilpr, dmacr;
        uint8_t rx[VPL011_FIFO];
        unsigned int rx_head, rx_count;
        uint8_t backlog[VPL011_BACKLOG];        /* input waiting for room in the FIFO */
        unsigned int bl_head, bl_count;
};

void vpl011_init(struct vpl011 *u, struct vm *vm);
bool vpl011_access(struct vcpu *v, void *dev, uint64_t off, unsigned int size, bool write,
                   uint64_t *val);
/* A character typed for this VM: into the FIFO, or the backlog behind it; false if both are full. */
bool vpl011_receive(struct vpl011 *u, char c);

#endif
