/* SPDX-License-Identifier: MIT */
/*
 * Virtual GICv3: the distributor and redistributor frames are emulated by
 * MMIO traps; interrupts reach a running vCPU through the ICH_LR<n>_EL2 list
 * registers, and the guest acknowledges and ends them through the CPU's
 * virtual CPU interface without trapping. SGIs come from trapped ICC_SGI1R_EL1
 * writes. More pending interrupts than list registers: the highest-priority
 * ones go first, and an underflow maintenance interrupt brings us back to
 * refill.
 */
#ifndef VDEV_VGIC_H
#define VDEV_VGIC_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/vgic_hw.h"
#include "core/vplatform.h"
#include "lib/spinlock.h"

#define VGIC_NR_PRIVATE         32              /* SGIs 0-15, PPIs 16-31 */
#define VGIC_NR_SPIS            64              /* INTIDs 32-95 */
#define VGIC_NR_IRQS            (VGIC_NR_PRIVATE + VGIC_NR_SPIS)
#define VGIC_MAX_LRS            16
/* LPIs (GICv3 guests, through the vITS: vdev/vits.c): INTIDs 8192-16383, GICD_TYPER.IDbits
 * 13. Each vCPU keeps their pending bits; one in a list register or active holds a slot
 * (at most one per list register, and the active ones: one per preemption level). */
#define VGIC_LPI_BASE           8192
#define VGIC_NR_LPIS            8192
#define VGIC_LPI_SLOTS          32


struct vcpu;
struct vm;

struct virq {
        uint8_t priority;
        uint8_t target;                 /* vCPU index (SPIs: from IROUTER Aff0) */
        bool enabled;
        bool group1;
        bool edge;                      /* ICFGR: edge-triggered (else level) */
        bool pending_latch;             /* edge pending, or ISPENDR-set, or injected */
        bool lr_from_latch;             /* the list register's pending state came from the latch */
        bool line;                      /* level: the device's output line is high */
        bool active;
        int8_t lr;                      /* list register holding it on its vCPU, or -1 */
        uint8_t sgi_source;             /* GICv2 SGIs: the vCPU that sent it */
        uint8_t targets;                /* GICv2 SPIs: ITARGETSR byte */
        uint64_t irouter;
};

/* An LPI in a list register, or active (LPIs have no other state than pending). */
struct vgic_lpi_slot {
        uint16_t intid;                 /* 0: free */
        int8_t lr;                      /* list register holding it, or -1 */
        bool active;
        bool lr_pending;                /* the list register's pending state came from the bit */
};

/* A redistributor's LPI state (under the distributor lock). */
struct vgic_lpis {
        bool enabled;                   /* GICR_CTLR.EnableLPIs */
        uint64_t propbaser, pendbaser;  /* as the guest wrote them */
        unsigned int npending;          /* bits set in pending */
        unsigned int nslots;            /* slots in use (none: nothing in flight) */
        uint64_t pending[VGIC_NR_LPIS / 64];
        struct vgic_lpi_slot slot[VGIC_LPI_SLOTS];
};

struct vgic_cpu {
        struct virq priv[VGIC_NR_PRIVATE];
        /* Private INTIDs that may be pending or active (a superset, pruned by the scan). */
        uint32_t cand_priv;
        uint64_t lr_used;               /* LRs this vCPU has filled (bitmask) */
        struct vgic_vif vif;            /* virtual interface state while off its CPU */
        bool uie;                       /* underflow maintenance interrupt requested */
        bool dirty;                     /* something may need a list register: scan at flush */
        bool vtimer_masked;             /* the physical timer PPI is masked for this vCPU */
        bool sleeping;                  /* GICR_WAKER.ProcessorSleep */
        struct vgic_lpis lpi;
};

struct vgic_dist {
        spinlock_t lock;
        uint32_t ctlr;
        struct virq spi[VGIC_NR_SPIS];
        /* SPIs (bit n = INTID 32 + n) that may be pending or active: as cand_priv. */
        uint64_t cand_spi;
};

/* Use the GICv2 or GICv3 list-register backend and take the maintenance interrupt
 * (once, at boot, before the CPUs enable theirs); -1 on failure. */
int vgic_hw_select(unsigned int gic_version);
unsigned int vgic_version(void);
void vgic_init(struct vm *vm);
void vgic_init_vcpu(struct vcpu *v);
/* Number of list registers this CPU has (ICH_VTR_EL2). */
unsigned int vgic_nr_lrs(void);

/* Raise an edge-style interrupt (SGI, PPI or SPI) for a vCPU / set a level line. */
void vgic_inject(struct vcpu *v, unsigned int intid);
/* The loaded vCPU v's virtual timer fired (its physical PPI is masked now): PPI 27's
 * line is high until the timer stops asserting it (checked on each of v's exits). */
void vgic_vtimer_fired(struct vcpu *v);
/* The level of one of v's private interrupts (a device of v's own: the emulated EL1
 * physical timer); called on v's owner CPU. */
void vgic_set_private_line(struct vcpu *v, unsigned int intid, bool high);
void vgic_set_line(struct vm *vm, unsigned int intid, bool high);

/* LPI intid pending on v (the vITS translated an event to it) or not (CLEAR, DISCARD,
 * a move); any CPU. vgic_lpi_set returns false if v takes no LPIs (EnableLPIs 0, intid
 * beyond its PROPBASER.IDbits or the LPI range); vgic_lpi_clear whether it was pending. */
bool vgic_lpi_set(struct vcpu *v, unsigned int intid);
bool vgic_lpi_clear(struct vcpu *v, unsigned int intid);
/* GICR_CTLR.EnableLPIs of v's redistributor written: turned on, the LPIs pending in the
 * guest's pending table (GICR_PENDBASER, unless PTZ said it is zero) become pending;
 * turned off, v's pending LPIs are dropped. */
void vgic_lpi_enable(struct vcpu *v, bool on);
/* Every pending LPI of from moves to to (MOVALL). */
void vgic_lpi_move_all(struct vcpu *from, struct vcpu *to);

/* Called on the vCPU's CPU: after a guest exit, and before entering the guest. */
void vgic_sync(struct vcpu *v);
void vgic_flush(struct vcpu *v);
/* Anything deliverable for this vCPU (wakes it from WFI)? */
bool vgic_has_pending(struct vcpu *v);
/* Context switch of the virtual CPU interface. */
void vgic_save(struct vcpu *v);
void vgic_restore(struct vcpu *v);

/* Take the SGI registers' traps (ICC_SGI1R/ASGI1R/SGI0R_EL1: sysreg_register). */
int vgic_sysreg_init(void);
/* Trapped ICC_SGI1R_EL1 write (GICv3) / GICD_SGIR write (GICv2). */
void vgic_sgi1r(struct vcpu *v, uint64_t val);
void vgic_sgir_v2(struct vcpu *v, uint32_t val);

/* Distributor and redistributor MMIO handlers (vgic_mmio.c), registered by vgic_init. */
bool vgic_dist_access(struct vcpu *v, void *dev, uint64_t off, unsigned int size, bool write,
                      uint64_t *val);
bool vgic_dist_v2_access(struct vcpu *v, void *dev, uint64_t off, unsigned int size, bool write,
                         uint64_t *val);
bool vgic_redist_access(struct vcpu *v, void *dev, uint64_t off, unsigned int size, bool write,
                        uint64_t *val);
/* Mark every vCPU of the VM for a rescan (an enable or priority changed). */
void vgic_mark_all_dirty(struct vm *vm);

#endif
