// SPDX-License-Identifier: MIT
/* vGIC hardware backend: the GICv2 virtual interface control frame (GICH). */
#include "arch/aarch64/mmio.h"
#include "arch/aarch64/sysreg.h"
#include "platform.h"
#include "arch/vgic_hw.h"

#define GICH_HCR                0x000
#define GICH_VTR                0x004
#define GICH_VMCR               0x008
#define GICH_APR                0x0F0
#define GICH_LR(n)              (0x100 + 4 * (n))

#define GICH_HCR_EN             BIT(0)
#define GICH_HCR_UIE            BIT(1)

/*
 * GICH_LR<n>
 *   31:31 HW        x0
 *   30:30 Grp1      x0  (a GICv2 guest takes everything as Group 0 IRQs)
 *   29:28 State     01 pending, 10 active, 11 both
 *   27:23 Priority  priority[7:3]
 *   19:19 EOI       x   (HW=0) EOI maintenance interrupt when the guest deactivates it
 *   12:10 CPUID     SGIs: the source vCPU
 *   09:00 VirtualID
 */
#define LR_PENDING              BIT(28)
#define LR_ACTIVE               BIT(29)
#define LR_EOI                  BIT(19)
#define LR_PRIORITY_SHIFT       23
#define LR_CPUID_SHIFT          10

static uintptr_t gich(void)
{
        return PLAT_GICH_BASE;
}

static unsigned int v2_nr_lrs(void)
{
        return (mmio_read32(gich() + GICH_VTR) & 0x3f) + 1;
}

static void v2_read_lr(unsigned int n, struct vgic_lr *lr)
{
        uint32_t v = mmio_read32(gich() + GICH_LR(n));

        lr->intid = v & 0x3ff;
        lr->source = (v >> LR_CPUID_SHIFT) & 7;
        lr->priority = (uint8_t)(((v >> LR_PRIORITY_SHIFT) & 0x1f) << 3);
        lr->pending = v & LR_PENDING;
        lr->active = v & LR_ACTIVE;
}

static void v2_write_lr(unsigned int n, const struct vgic_lr *lr)
{
        uint32_t v = (lr->pending ? LR_PENDING : 0) | (lr->active ? LR_ACTIVE : 0) |
                     (lr->eoi_irq ? LR_EOI : 0) |
                     ((uint32_t)(lr->priority >> 3) << LR_PRIORITY_SHIFT) |
                     (lr->intid < 16 ? (uint32_t)(lr->source & 7) << LR_CPUID_SHIFT : 0) |
                     (lr->intid & 0x3ff);

        mmio_write32(gich() + GICH_LR(n), v);
}

static void v2_clear_lr(unsigned int n)
{
        mmio_write32(gich() + GICH_LR(n), 0);
}

static void v2_set_hcr(bool uie)
{
        mmio_write32(gich() + GICH_HCR, GICH_HCR_EN | (uie ? GICH_HCR_UIE : 0));
}

static void v2_save(struct vgic_vif *c)
{
        c->vmcr = mmio_read32(gich() + GICH_VMCR);
        c->apr = mmio_read32(gich() + GICH_APR);
        mmio_write32(gich() + GICH_HCR, 0);
}

static void v2_restore(const struct vgic_vif *c, bool uie)
{
        mmio_write32(gich() + GICH_VMCR, (uint32_t)c->vmcr);
        mmio_write32(gich() + GICH_APR, (uint32_t)c->apr);
        v2_set_hcr(uie);
}

const struct vgic_hw vgic_hw_v2 = {
        .version = 2,
        .nr_lrs = v2_nr_lrs,
        .read_lr = v2_read_lr,
        .write_lr = v2_write_lr,
        .clear_lr = v2_clear_lr,
        .set_hcr = v2_set_hcr,
        .save = v2_save,
        .restore = v2_restore,
};
