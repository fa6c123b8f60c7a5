// SPDX-License-Identifier: MIT
/* vGIC hardware backend: GICv3 list registers and ICH_*_EL2 system registers. */
#include "arch/aarch64/sysreg.h"
#include "arch/vgic_hw.h"

#define ICH_AP1R0_EL2           "S3_4_C12_C9_0"
#define ICH_HCR_EL2             "S3_4_C12_C11_0"
#define ICH_VTR_EL2             "S3_4_C12_C11_1"
#define ICH_VMCR_EL2            "S3_4_C12_C11_7"

#define ICH_HCR_EN              BIT(0)
#define ICH_HCR_UIE             BIT(1)          /* maintenance IRQ when at most one LR is valid */

/*
 * ICH_LR<n>_EL2
 *   63:62 State     01 pending, 10 active, 11 both
 *   61:61 HW        x0  (virtual interrupts only; the hypervisor ends physical ones)
 *   60:60 Group     x1  Group 1
 *   55:48 Priority
 *   41:41 EOI       x   (HW=0) EOI maintenance interrupt when the guest deactivates it
 *   31:00 vINTID
 */
#define LR_PRIORITY_SHIFT       48
#define LR_GROUP1               BITUL(60)
#define LR_EOI                  BITUL(41)
#define LR_PENDING              BITUL(62)
#define LR_ACTIVE               BITUL(63)

#define LR_CASE(n, crm, op2)                                                    \
        case n:                                                                 \
                if (write)                                                      \
                        write_sysreg_s("S3_4_C12_" #crm "_" #op2, val);         \
                else                                                            \
                        val = read_sysreg_s("S3_4_C12_" #crm "_" #op2);         \
                break;

/* ICH_LR<n>_EL2 for a run-time n: one case per register. */
static uint64_t lr_access(unsigned int n, bool write, uint64_t val)
{
        switch (n) {
        LR_CASE(0, C12, 0) LR_CASE(1, C12, 1) LR_CASE(2, C12, 2) LR_CASE(3, C12, 3)
        LR_CASE(4, C12, 4) LR_CASE(5, C12, 5) LR_CASE(6, C12, 6) LR_CASE(7, C12, 7)
        LR_CASE(8, C13, 0) LR_CASE(9, C13, 1) LR_CASE(10, C13, 2) LR_CASE(11, C13, 3)
        LR_CASE(12, C13, 4) LR_CASE(13, C13, 5) LR_CASE(14, C13, 6) LR_CASE(15, C13, 7)
        }
        return val;
}

static unsigned int v3_nr_lrs(void)
{
        return (unsigned int)(read_sysreg_s(ICH_VTR_EL2) & 0x1f) + 1;
}

static void v3_read_lr(unsigned int n, struct vgic_lr *lr)
{
        uint64_t v = lr_access(n, false, 0);

        lr->intid = (uint32_t)v;
        lr->source = 0;
        lr->priority = (uint8_t)(v >> LR_PRIORITY_SHIFT);
        lr->pending = v & LR_PENDING;
        lr->active = v & LR_ACTIVE;
}

static void v3_write_lr(unsigned int n, const struct vgic_lr *lr)
{
        uint64_t v = (lr->pending ? LR_PENDING : 0) | (lr->active ? LR_ACTIVE : 0) | LR_GROUP1 |
                     (lr->eoi_irq ? LR_EOI : 0) |
                     ((uint64_t)lr->priority << LR_PRIORITY_SHIFT) | lr->intid;

        lr_access(n, true, v);
}

static void v3_clear_lr(unsigned int n)
{
        lr_access(n, true, 0);
}

static void v3_set_hcr(bool uie)
{
        write_sysreg_s(ICH_HCR_EL2, ICH_HCR_EN | (uie ? ICH_HCR_UIE : 0));
}

static void v3_save(struct vgic_vif *c)
{
        c->vmcr = read_sysreg_s(ICH_VMCR_EL2);
        c->apr = read_sysreg_s(ICH_AP1R0_EL2);
        write_sysreg_s(ICH_HCR_EL2, 0);
}

static void v3_restore(const struct vgic_vif *c, bool uie)
{
        write_sysreg_s(ICH_VMCR_EL2, c->vmcr);
        write_sysreg_s(ICH_AP1R0_EL2, c->apr);
        v3_set_hcr(uie);
}

const struct vgic_hw vgic_hw_v3 = {
        .version = 3,
        .nr_lrs = v3_nr_lrs,
        .read_lr = v3_read_lr,
        .write_lr = v3_write_lr,
        .clear_lr = v3_clear_lr,
        .set_hcr = v3_set_hcr,
        .save = v3_save,
        .restore = v3_restore,
};
