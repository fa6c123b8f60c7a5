/* SPDX-License-Identifier: MIT */
/*
 * The hardware half of the vGIC: list registers and the virtual CPU interface
 * controls, through the GICv3 ICH_*_EL2 system registers or the GICv2 GICH
 * frame. vgic.c keeps the interrupts' state and uses these to show it to the
 * running vCPU.
 */
#ifndef VDEV_VGIC_HW_H
#define VDEV_VGIC_HW_H

#include <stdbool.h>
#include <stdint.h>

struct vgic_cpu;

struct vgic_lr {
        uint32_t intid;
        uint8_t source;                 /* GICv2 SGIs: the sending vCPU */
        uint8_t priority;
        bool pending, active;
        bool eoi_irq;                   /* maintenance interrupt when the guest deactivates it */
};

struct vgic_hw {
        unsigned int version;          /* 2 or 3 */
        unsigned int (*nr_lrs)(void);
        void (*read_lr)(unsigned int n, struct vgic_lr *lr);
        void (*write_lr)(unsigned int n, const struct vgic_lr *lr);
        void (*clear_lr)(unsigned int n);
        /* Virtual CPU interface on, with or without the underflow maintenance interrupt. */
        void (*set_hcr)(bool underflow_irq);
        void (*save)(struct vgic_cpu *c);               /* VMCR, active priorities; interface off */
        void (*restore)(const struct vgic_cpu *c);
};

extern const struct vgic_hw vgic_hw_v3;
extern const struct vgic_hw vgic_hw_v2;

#endif
