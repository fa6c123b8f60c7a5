/* SPDX-License-Identifier: MIT */
/*
 * The hardware half of the vGIC, part of the arch interface: list registers
 * and the virtual CPU interface controls, through the GICv3 ICH_*_EL2 system
 * registers or the GICv2 GICH frame (src/arch/aarch64/vgic_v*_lr.c), or in
 * memory (src/arch/fake). vdev/vgic.c keeps the interrupts' state and uses
 * these to show it to the running vCPU.
 */
#ifndef ARCH_VGIC_HW_H
#define ARCH_VGIC_HW_H

#include <stdbool.h>
#include <stdint.h>

/* The virtual CPU interface's own state, kept while its vCPU is off the CPU. */
struct vgic_vif {
        uint64_t vmcr;                  /* ICH_VMCR_EL2 / GICH_VMCR: priority mask, enables */
        uint64_t apr;                   /* active priorities (ICH_AP1R0_EL2 / GICH_APR) */
};

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
        void (*save)(struct vgic_vif *s);               /* VMCR, active priorities; interface off */
        void (*restore)(const struct vgic_vif *s, bool underflow_irq);
};

extern const struct vgic_hw vgic_hw_v3;
extern const struct vgic_hw vgic_hw_v2;

#endif
