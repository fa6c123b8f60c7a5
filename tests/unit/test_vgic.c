// SPDX-License-Identifier: MIT
/*
 * The vGIC on the fake arch: the real vgic.c and vgic_mmio.c, driven the way a
 * guest and the exit path drive them (MMIO through the one dispatch rule, list
 * registers acknowledged and ended as the guest's CPU interface would), with
 * the fake CPU's list registers inspected after each entry.
 */
#include <stdlib.h>
#include <string.h>

#include "arch/fake/fake.h"
#include "core/vm.h"
#include "drivers/gic.h"
#include "platform.h"
#include "test.h"
#include "vdev/host.h"
#include "vdev/vgic.h"

#define GICD_CTLR       0x0000
#define GICD_IGROUPR    0x0080
#define GICD_ISENABLER  0x0100
#define GICD_ICENABLER  0x0180
#define GICD_ISPENDR    0x0200
#define GICD_ICPENDR    0x0280
#define GICD_ISACTIVER  0x0300
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR  0x0800
#define GICD_ICFGR      0x0C00
#define GICD_SGIR       0x0F00
#define GICD_IROUTER    0x6000
#define GICR_SGI        0x10000

static struct vm vm;
static struct mmio_region gicd, gicr;
static unsigned int kicks[VM_MAX_VCPUS];

/* The device-host interface (vdev/host.h), recorded. */
void vcpu_kick(struct vcpu *v)
{
        kicks[v->id]++;
}

void vcpu_timer_changed(struct vcpu *v)
{
        (void)v;
}


/* vpl011 is not under test here; the VM struct embeds one. */
static struct vcpu *V(unsigned int i)
{
        return &vm.vcpus[i];
}

static uint64_t rd(struct mmio_region *r, struct vcpu *v, uint64_t off, unsigned int size)
{
        uint64_t val = 0xdeadbeef;

        CHECK(mmio_dispatch(v, r, r->base + off, size, false, &val) == MMIO_OK);
        return val;
}

static void wr(struct mmio_region *r, struct vcpu *v, uint64_t off, unsigned int size, uint64_t val)
{
        CHECK(mmio_dispatch(v, r, r->base + off, size, true, &val) == MMIO_OK);
}

static void setup(unsigned int version, unsigned int nvcpus, unsigned int nr_lrs)
{
        memset(&vm, 0, sizeof(vm));
        memset(kicks, 0, sizeof(kicks));
        memset(fake_lr, 0, sizeof(fake_lr));
        fake_gic_reset();
        fake_nr_lrs = nr_lrs;
        CHECK(vgic_hw_select(version) == 0);
        vm.cfg.nvcpus = nvcpus;
        vm.state = VM_RUNNING;
        vgic_init(&vm);
        for (unsigned int i = 0; i < nvcpus; i++) {
                V(i)->vm = &vm;
                V(i)->id = i;
                V(i)->pcpu = i;
                vgic_init_vcpu(V(i));
        }
        gicd = (struct mmio_region){ 0x08000000, GUEST_GICD_SIZE, "GICD",
                                     version == 3 ? vgic_dist_access : vgic_dist_v2_access, NULL };
        gicr = (struct mmio_region){ 0x080A0000, (uint64_t)nvcpus * GUEST_GICR_STRIDE, "GICR",
                                     vgic_redist_access, NULL };
        /* What a guest driver does first: groups, distributor on. */
        if (version == 3) {
                for (unsigned int n = 1; n < VGIC_NR_IRQS / 32; n++)
                        wr(&gicd, V(0), GICD_IGROUPR + 4 * n, 4, ~0u);
                for (unsigned int i = 0; i < nvcpus; i++)
                        wr(&gicr, V(0), i * GUEST_GICR_STRIDE + GICR_SGI + GICD_IGROUPR, 4, ~0u);
                wr(&gicd, V(0), GICD_CTLR, 4, 0x2);             /* EnableGrp1 */
        } else {
                wr(&gicd, V(0), GICD_CTLR, 4, 0x1);
        }
}

/* Enter v on the calling (fake) CPU: its interface restored, interrupts into list registers. */
static void enter(struct vcpu *v)
{
        vgic_restore(v);
        vgic_flush(v);
}

/* v exits and is put away. */
static void leave(struct vcpu *v)
{
        vgic_sync(v);
        vgic_save(v);
}

static int lr_of(unsigned int intid)
{
        for (unsigned int n = 0; n < fake_nr_lrs; n++)
                if (fake_lr_live(n) && fake_lr[n].intid == intid)
                        return (int)n;
        return -1;
}

static unsigned int live_lrs(void)
{
        unsigned int k = 0;

        for (unsigned int n = 0; n < fake_nr_lrs; n++)
                k += fake_lr_live(n);
        return k;
}

static void enable_spi(unsigned int intid, uint8_t prio)
{
        wr(&gicd, V(0), GICD_IPRIORITYR + intid, 1, prio);
        wr(&gicd, V(0), GICD_ISENABLER + 4 * (intid / 32), 4, 1u << (intid % 32));
}

/* More pending interrupts than list registers: the best by priority go first, underflow
 * brings the rest once the guest has ended some. */
static void test_priority_refill(void)
{
        static const struct { unsigned int intid; uint8_t prio; } irqs[] = {
                { 40, 0xa0 }, { 41, 0x20 }, { 42, 0x80 }, { 43, 0x40 }, { 44, 0x60 }, { 45, 0x10 },
        };

        setup(3, 2, 4);
        for (unsigned int i = 0; i < 6; i++) {
                enable_spi(irqs[i].intid, irqs[i].prio);
                vgic_inject(V(0), irqs[i].intid);
        }
        CHECK_EQ_U64(kicks[0], 6);
        CHECK(vgic_has_pending(V(0)));
        CHECK(!vgic_has_pending(V(1)));         /* SPIs route to vCPU 0 by default */
        enter(V(0));
        CHECK_EQ_U64(live_lrs(), 4);
        CHECK(lr_of(45) == 0 && lr_of(41) == 1 && lr_of(43) == 2 && lr_of(44) == 3);
        CHECK_EQ_U64(fake_lr[0].priority, 0x10);
        CHECK(fake_lr[0].pending && !fake_lr[0].active);
        CHECK(lr_of(42) < 0 && lr_of(40) < 0);
        CHECK(fake_vif_uie);                    /* two more wait: underflow requested */
        /* The guest takes and ends the two best; the underflow exit refills. */
        fake_guest_ack(0); fake_guest_eoi(0);
        fake_guest_ack(1); fake_guest_eoi(1);
        leave(V(0));
        enter(V(0));
        CHECK_EQ_U64(live_lrs(), 4);
        CHECK(lr_of(43) == 0 && lr_of(44) == 1 && lr_of(42) == 2 && lr_of(40) == 3);
        CHECK(lr_of(45) < 0 && lr_of(41) < 0);  /* ended: gone */
        CHECK(!fake_vif_uie);
        for (unsigned int n = 0; n < 4; n++) {
                fake_guest_ack(n);
                fake_guest_eoi(n);
        }
        leave(V(0));
        CHECK(!vgic_has_pending(V(0)));
        enter(V(0));
        CHECK_EQ_U64(live_lrs(), 0);
        leave(V(0));
}

/* Enable, pending and active state as the distributor's registers show and change them. */
static void test_enable_pending_active(void)
{
        setup(3, 2, 1);
        wr(&gicd, V(0), GICD_IPRIORITYR + 50, 1, 0x80);
        vgic_inject(V(0), 50);                  /* pending, but disabled */
        CHECK(rd(&gicd, V(0), GICD_ISPENDR + 4, 4) & (1u << 18));
        CHECK(!vgic_has_pending(V(0)));
        enter(V(0));
        CHECK_EQ_U64(live_lrs(), 0);
        leave(V(0));
        wr(&gicd, V(0), GICD_ISENABLER + 4, 4, 1u << 18);
        CHECK(rd(&gicd, V(0), GICD_ISENABLER + 4, 4) & (1u << 18));
        CHECK(vgic_has_pending(V(0)));
        enter(V(0));
        CHECK(lr_of(50) == 0);
        fake_guest_ack(0);                      /* acknowledged, not yet ended */
        leave(V(0));
        CHECK(rd(&gicd, V(0), GICD_ISACTIVER + 4, 4) & (1u << 18));
        CHECK(!(rd(&gicd, V(0), GICD_ISPENDR + 4, 4) & (1u << 18)));
        /* An active interrupt goes back into the one list register before a pending one of
         * higher priority: the guest must be able to end it. */
        enable_spi(51, 0x10);
        vgic_inject(V(0), 51);
        enter(V(0));
        CHECK(lr_of(50) == 0 && fake_lr[0].active && !fake_lr[0].pending);
        CHECK(fake_vif_uie);
        fake_guest_eoi(0);
        leave(V(0));
        enter(V(0));
        CHECK(lr_of(51) == 0 && fake_lr[0].pending);
        leave(V(0));                            /* still pending: not acknowledged */
        CHECK(rd(&gicd, V(0), GICD_ISPENDR + 4, 4) & (1u << 19));
        wr(&gicd, V(0), GICD_ICPENDR + 4, 4, 1u << 19);
        CHECK(!(rd(&gicd, V(0), GICD_ISPENDR + 4, 4) & (1u << 19)));
        CHECK(!vgic_has_pending(V(0)));
        /* ISPENDR sets it again; ICENABLER holds it back. */
        wr(&gicd, V(0), GICD_ISPENDR + 4, 4, 1u << 19);
        wr(&gicd, V(0), GICD_ICENABLER + 4, 4, 1u << 19);
        CHECK(!vgic_has_pending(V(0)));
        /* The distributor's group enable gates delivery too. */
        wr(&gicd, V(0), GICD_ISENABLER + 4, 4, 1u << 19);
        wr(&gicd, V(0), GICD_CTLR, 4, 0);
        CHECK(!vgic_has_pending(V(0)));
        wr(&gicd, V(0), GICD_CTLR, 4, 2);
        CHECK(vgic_has_pending(V(0)));
}

/* A level-triggered SPI follows its line: pending while high, not re-pended once low. */
static void test_level_line(void)
{
        setup(3, 2, 4);
        enable_spi(60, 0x80);
        vgic_set_line(&vm, 60, true);
        CHECK_EQ_U64(kicks[0], 1);
        enter(V(0));
        CHECK(lr_of(60) == 0 && fake_lr[0].pending);
        fake_guest_ack(0);
        leave(V(0));
        /* Still high while the guest handles it: active and pending. */
        enter(V(0));
        CHECK(lr_of(60) == 0 && fake_lr[0].active && fake_lr[0].pending);
        /* The handler quietens the device (the line falls), then ends the interrupt. */
        fake_lr[0].pending = false;
        leave(V(0));
        vgic_set_line(&vm, 60, false);
        enter(V(0));
        CHECK(lr_of(60) == 0 && fake_lr[0].active && !fake_lr[0].pending);
        fake_guest_eoi(0);
        leave(V(0));
        CHECK(!vgic_has_pending(V(0)));
        /* An edge-configured SPI (ICFGR) latches the rising edge and stays pending after
         * the line falls. */
        wr(&gicd, V(0), GICD_ICFGR + 4 * (61 / 16), 4, 2u << (2 * (61 % 16)));
        enable_spi(61, 0x80);
        vgic_set_line(&vm, 61, true);
        vgic_set_line(&vm, 61, false);
        CHECK(vgic_has_pending(V(0)));
        enter(V(0));
        CHECK(lr_of(61) >= 0);
        leave(V(0));
}

/* The loaded vCPU's virtual timer interrupt, as the scheduler's handler takes it
 * (core/sched.c: the physical PPI masked, then vgic_vtimer_fired). */
static void vtimer_fires(struct vcpu *v)
{
        gic_disable_ppi(PLAT_TIMER_VIRT_IRQ);
        vgic_vtimer_fired(v);
}

/* The virtual timer's PPI is a level of the timer's output (kvm-unit-tests' timer test). */
static void test_vtimer_level(void)
{
        struct vcpu *v;
        int n;

        setup(3, 1, 4);
        v = V(0);
        gic_enable_ppi(PLAT_TIMER_VIRT_IRQ);
        wr(&gicr, v, GICR_SGI + GICD_IPRIORITYR + GUEST_PPI_VTIMER, 1, 0xa0);
        wr(&gicr, v, GICR_SGI + GICD_ISENABLER, 4, 1u << GUEST_PPI_VTIMER);
        enter(v);
        /* The timer fires while the vCPU runs: the physical PPI is masked, the line high. */
        fake_vtimer_ctl = TIMER_CTL_ENABLE | TIMER_CTL_ISTATUS;
        vtimer_fires(v);
        CHECK(!(fake_ppi_enabled & (1u << PLAT_TIMER_VIRT_IRQ)));
        leave(v);
        enter(v);
        n = lr_of(GUEST_PPI_VTIMER);
        CHECK(n >= 0 && fake_lr[n].pending && fake_lr[n].eoi_irq);
        /* The guest's handler turns the timer off and ends it: the EOI exit lowers the line
         * and lets the physical PPI through again. */
        fake_guest_ack((unsigned int)n);
        /* An exit inside the guest's handler, the timer still asserting: active, and not
         * pending again (the line says nothing about the moment it will be ended). */
        leave(v);
        enter(v);
        n = lr_of(GUEST_PPI_VTIMER);
        CHECK(n >= 0 && fake_lr[n].active && !fake_lr[n].pending);
        fake_vtimer_ctl = 0;
        fake_guest_eoi((unsigned int)n);
        vgic_sync(v);
        CHECK(fake_ppi_enabled & (1u << PLAT_TIMER_VIRT_IRQ));
        vgic_flush(v);
        CHECK(lr_of(GUEST_PPI_VTIMER) < 0);
        /* Disabled PPI: the timer fires, is turned off again, the PPI is re-enabled. The stale
         * interrupt must not be delivered (it was latched before: 'vtimer-busy-loop'). */
        wr(&gicr, v, GICR_SGI + GICD_ICENABLER, 4, 1u << GUEST_PPI_VTIMER);
        fake_vtimer_ctl = TIMER_CTL_ENABLE | TIMER_CTL_ISTATUS;
        vtimer_fires(v);
        vgic_sync(v);
        vgic_flush(v);
        CHECK(lr_of(GUEST_PPI_VTIMER) < 0);
        fake_vtimer_ctl = 0;
        vgic_sync(v);
        wr(&gicr, v, GICR_SGI + GICD_ISENABLER, 4, 1u << GUEST_PPI_VTIMER);
        vgic_flush(v);
        CHECK(lr_of(GUEST_PPI_VTIMER) < 0);
        CHECK(!vgic_has_pending(v));
        /* Masked by IMASK counts as off too. */
        fake_vtimer_ctl = TIMER_CTL_ENABLE | TIMER_CTL_ISTATUS;
        vtimer_fires(v);
        fake_vtimer_ctl |= TIMER_CTL_IMASK;
        vgic_sync(v);
        vgic_flush(v);
        CHECK(lr_of(GUEST_PPI_VTIMER) < 0);
        leave(v);
}

/* ICC_SGI1R_EL1 (GICv3): target list within Aff1 = 0, and IRM (everyone but self). */
static void test_sgi1r(void)
{
        setup(3, 3, 4);
        for (unsigned int i = 0; i < 3; i++)
                wr(&gicr, V(0), i * GUEST_GICR_STRIDE + GICR_SGI + GICD_ISENABLER, 4, 0xffff);
        vgic_sgi1r(V(0), (3ull << 24) | 0x6);           /* SGI 3 to vCPUs 1 and 2 */
        CHECK(!vgic_has_pending(V(0)) && vgic_has_pending(V(1)) && vgic_has_pending(V(2)));
        enter(V(1));
        CHECK(lr_of(3) >= 0);
        fake_guest_ack(0); fake_guest_eoi(0);
        leave(V(1));
        enter(V(2));
        fake_guest_ack(0); fake_guest_eoi(0);
        leave(V(2));
        vgic_sgi1r(V(1), (5ull << 24) | (1ull << 40));  /* IRM: all but vCPU 1 */
        CHECK(vgic_has_pending(V(0)) && !vgic_has_pending(V(1)) && vgic_has_pending(V(2)));
        vgic_sgi1r(V(0), (1ull << 16) | (7ull << 24) | 0x1);    /* Aff1 = 1: nobody */
        vgic_sgi1r(V(0), (1ull << 44) | (7ull << 24) | 0x2);    /* RS = 1 (Aff0 17): nobody */
        vgic_sgi1r(V(0), (1ull << 48) | (7ull << 24) | 0x2);    /* Aff3 = 1: nobody */
        enter(V(1));
        CHECK_EQ_U64(live_lrs(), 0);
        leave(V(1));
}

/* GICD_IROUTER: Aff0 picks the vCPU; IRM (1-of-N, not supported) is RAZ/WI; targets that
 * name no vCPU go to vCPU 0. */
static void test_irouter(void)
{
        setup(3, 2, 4);
        enable_spi(40, 0x80);
        wr(&gicd, V(0), GICD_IROUTER + 8 * 40, 8, 1);
        CHECK_EQ_U64(rd(&gicd, V(0), GICD_IROUTER + 8 * 40, 8), 1);
        vgic_inject(V(0), 40);
        CHECK(vgic_has_pending(V(1)) && !vgic_has_pending(V(0)));
        wr(&gicd, V(0), GICD_IROUTER + 8 * 40, 8, 0x80000001ull);
        CHECK_EQ_U64(rd(&gicd, V(0), GICD_IROUTER + 8 * 40, 8), 1);
        wr(&gicd, V(0), GICD_IROUTER + 8 * 40 + 4, 4, 0x1);       /* Aff3 = 1: no such vCPU */
        CHECK_EQ_U64(rd(&gicd, V(0), GICD_IROUTER + 8 * 40, 8), 0x100000001ull);
        CHECK(vgic_has_pending(V(0)) && !vgic_has_pending(V(1)));
        wr(&gicd, V(0), GICD_IROUTER + 8 * 41, 8, ~0ull);
        CHECK_EQ_U64(rd(&gicd, V(0), GICD_IROUTER + 8 * 41, 8), 0xff00ffffffull);
}

/* GICv2: GICD_SGIR filters and the source CPU in the list register; ITARGETSR routing. */
static void test_v2(void)
{
        setup(2, 3, 4);
        for (unsigned int i = 0; i < 3; i++)
                wr(&gicd, V(i), GICD_ISENABLER, 4, 0xffff);     /* banked per vCPU */
        wr(&gicd, V(0), GICD_SGIR, 4, (0u << 24) | (0x6u << 16) | 5);   /* the list: 1, 2 */
        CHECK(!vgic_has_pending(V(0)) && vgic_has_pending(V(1)) && vgic_has_pending(V(2)));
        enter(V(2));
        CHECK(lr_of(5) == 0 && fake_lr[0].source == 0);
        fake_guest_ack(0); fake_guest_eoi(0);
        leave(V(2));
        enter(V(1));
        fake_guest_ack(0); fake_guest_eoi(0);
        leave(V(1));
        wr(&gicd, V(1), GICD_SGIR, 4, (1u << 24) | 6);  /* all but self */
        CHECK(vgic_has_pending(V(0)) && !vgic_has_pending(V(1)) && vgic_has_pending(V(2)));
        enter(V(0));
        CHECK(lr_of(6) == 0 && fake_lr[0].source == 1);
        leave(V(0));
        wr(&gicd, V(1), GICD_SGIR, 4, (2u << 24) | 7);  /* self */
        CHECK(vgic_has_pending(V(1)));
        /* ITARGETSR: private bytes read as the accessing vCPU; bits for vCPUs the VM does
         * not have are RAZ/WI; the SPI goes to its (lowest) target. */
        CHECK_EQ_U64(rd(&gicd, V(2), GICD_ITARGETSR, 4), 0x04040404);
        wr(&gicd, V(0), GICD_ITARGETSR + 40, 1, 0xfc);
        CHECK_EQ_U64(rd(&gicd, V(0), GICD_ITARGETSR + 40, 1), 0x04);
        enable_spi(40, 0x80);
        vgic_inject(V(0), 40);
        CHECK(vgic_has_pending(V(2)));
        enter(V(2));
        CHECK(lr_of(40) >= 0);
        leave(V(2));
        /* Group 0 with the v2 distributor enable bit 0. */
        wr(&gicd, V(0), GICD_CTLR, 4, 0);
        CHECK(!vgic_has_pending(V(2)) || lr_of(40) < 0);
}

/* The interrupts the vGIC takes for itself are registered, once. */
static void test_registration(void)
{
        setup(3, 1, 4);
        CHECK(fake_gic_fire(PLAT_GIC_MAINT_IRQ));
        CHECK(vgic_hw_select(3) != 0);                  /* a second registration is refused */
        CHECK(vgic_nr_lrs() == 4);
}

int main(void)
{
        test_priority_refill();
        test_enable_pending_active();
        test_level_line();
        test_vtimer_level();
        test_sgi1r();
        test_irouter();
        test_v2();
        test_registration();
        TEST_MAIN_END();
}
