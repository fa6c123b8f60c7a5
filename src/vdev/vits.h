/* SPDX-License-Identifier: MIT */
/*
 * A virtual GICv3 ITS per GICv3 VM, where QEMU virt has its ITS
 * (GUEST_ITS_BASE: the control frame, then the translation frame). The guest's
 * commands (MAPD, MAPC, MAPTI, MAPI, INT, CLEAR, DISCARD, INV, INVALL, MOVI,
 * MOVALL, SYNC) run when it writes GITS_CWRITER, in order, before the write
 * completes; GITS_TRANSLATER writes are events of DeviceID 0 (a CPU's write has
 * no device, as on QEMU). Its device, collection and interrupt translation
 * tables are kept in the memory the guest gave it (GITS_BASER0/1, MAPD's ITT),
 * 8-byte entries in a format of our own, every access bounds-checked against
 * the table and the VM's RAM. A command the architecture would call an error
 * (an unmapped device, an EventID or LPI out of range, a table outside RAM) is
 * ignored, with a rate-limited message; an unreadable command queue stalls the
 * ITS (GITS_CREADR.Stalled) until the guest rewrites GITS_CBASER.
 * LPIs reach the vCPUs through their redistributors (vdev/vgic.c).
 */
#ifndef VDEV_VITS_H
#define VDEV_VITS_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/spinlock.h"

struct vcpu;
struct vm;

struct vits {
        spinlock_t lock;                /* the registers and the command queue */
        uint32_t ctlr;
        uint64_t cbaser, cwriter, creadr;
        uint64_t baser[2];              /* 0: devices, 1: collections */
};

void vits_init(struct vits *its);
/* GITS_* (offset within GUEST_ITS_SIZE); dev is the struct vits. */
bool vits_access(struct vcpu *v, void *dev, uint64_t off, unsigned int size, bool write,
                 uint64_t *val);

#endif
