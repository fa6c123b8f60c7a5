// SPDX-License-Identifier: MIT
/*
 * vgic: many interrupts at once on one vCPU, and the virtual GIC's state
 * registers. With IRQs masked the guest makes interrupts pending, then lets
 * them in and records the order it takes them in:
 *  - 12 SGIs to itself, distinct priorities, sent in scrambled order: more than
 *    the list registers hold (QEMU has 4), so the hypervisor must refill them
 *    (underflow maintenance interrupt). All 12, once each, most urgent first.
 *  - 8 SPIs made pending through GICD_ISPENDR and 8 SGIs, priorities
 *    interleaved: all 16 in priority order, SPIs and SGIs alternating.
 *  - The priority mask: with PMR 0x80 an SGI at priority 0xa0 waits (and reads
 *    as pending) while one at 0x40 is taken; PMR 0xff lets the first through.
 *  - ISPENDR reads back an SPI's pending state, ICPENDR clears it: a cleared
 *    interrupt is never taken.
 *  - A disabled SPI made pending is not taken, stays pending, and is taken
 *    once enabled.
 * Exit status: the number of failed checks.
 */
#include "lib/gic.h"
#include "lib/guest.h"
#include "lib/printf.h"
#include "lib/smp.h"

#define NAME "vgic"

#define MAX_TAKEN       64
#define SPI_BASE        40              /* SPIs 40..47 for the mixed run */
#define SPI_CLEARED     48
#define SPI_DISABLED    49

static volatile unsigned int ntaken;
static volatile uint32_t taken[MAX_TAKEN];
static volatile unsigned int spurious;

static void irq(struct guest_frame *f)
{
        uint32_t iar = gic_ack();
        unsigned int intid = iar & 0x3ff;

        (void)f;
        if (intid >= GIC_SPURIOUS) {
                spurious++;
                return;
        }
        if (ntaken < MAX_TAKEN)
                taken[ntaken] = intid;
        ntaken++;
        gic_eoi(iar);
}

/* IRQs in until 'want' interrupts have been taken (or 2 s of host time: a loaded
 * host may stall QEMU), then 5 ms more for any that should not come; IRQs masked
 * again. take(0): just the 5 ms. */
static void take(unsigned int want)
{
        uint64_t f = guest_cntfrq();
        uint64_t end = guest_cntvct() + 2 * f;

        irq_enable();
        while (ntaken < want && guest_cntvct() < end)
                __asm__ volatile("isb");
        end = guest_cntvct() + f / 200;
        while (guest_cntvct() < end)
                __asm__ volatile("isb");
        irq_disable();
}

static void reset_log(void)
{
        ntaken = 0;
        spurious = 0;
}

/* The taken sequence equals want[0..n), nothing more: a CHECK line with both on failure. */
static void check_sequence(const char *name, const unsigned int *want, unsigned int n)
{
        char got[256], exp[256];
        unsigned int gl = 0, el = 0;
        bool same = ntaken == n;

        for (unsigned int i = 0; i < n; i++) {
                el += (unsigned int)fmt_snprintf(exp + el, sizeof(exp) - el, " %u", want[i]);
                if (el >= sizeof(exp))
                        el = sizeof(exp) - 1;
        }
        for (unsigned int i = 0; i < ntaken && i < MAX_TAKEN; i++) {
                if (i < n && taken[i] != want[i])
                        same = false;
                gl += (unsigned int)fmt_snprintf(got + gl, sizeof(got) - gl, " %u", taken[i]);
                if (gl >= sizeof(got))
                        gl = sizeof(got) - 1;
        }
        got[gl] = exp[el] = '\0';
        CHECK(name, same, "took%s (%u, %u spurious), want%s", gl ? got : " nothing", ntaken,
              spurious, exp);
}

static void sgi_overflow(void)
{
        static const unsigned int send_order[12] = { 5, 0, 11, 3, 8, 1, 10, 6, 2, 9, 4, 7 };
        unsigned int want[12];

        for (unsigned int i = 0; i < 12; i++) {
                gic_enable_irq(i);
                gic_set_priority(i, (uint8_t)(0x10 * (12 - i)));        /* SGI 11 most urgent */
                want[i] = 11 - i;
        }
        reset_log();
        for (unsigned int k = 0; k < 12; k++)
                gic_send_sgi(send_order[k], 1u << 0);
        take(12);
        check_sequence("sgi-overflow-priority-order", want, 12);
}

static void spi_sgi_mixed(void)
{
        static const unsigned int order[8] = { 3, 6, 0, 7, 2, 5, 1, 4 };
        unsigned int want[16];

        for (unsigned int k = 0; k < 8; k++) {
                gic_enable_irq(SPI_BASE + k);
                gic_route_spi(SPI_BASE + k, 0);
                gic_set_priority(SPI_BASE + k, (uint8_t)(0x20 * k));           /* 0x00, 0x20, ... */
                gic_set_priority(k, (uint8_t)(0x20 * k + 0x10));               /* 0x10, 0x30, ... */
                want[2 * k] = SPI_BASE + k;
                want[2 * k + 1] = k;
        }
        reset_log();
        for (unsigned int k = 0; k < 8; k++) {
                gic_set_pending(SPI_BASE + order[k], true);
                gic_send_sgi(order[(k + 3) % 8], 1u << 0);
        }
        {
                unsigned int readback = 0;

                for (unsigned int k = 0; k < 8; k++)
                        readback += gic_is_pending(SPI_BASE + k);
                CHECK("ispendr-readback", readback == 8, "%u of 8 SPIs read as pending", readback);
        }
        take(16);
        check_sequence("spi-sgi-interleaved-priority-order", want, 16);
}

static void priority_mask(void)
{
        static const unsigned int first[1] = { 2 }, second[1] = { 1 };

        gic_set_priority(1, 0xa0);
        gic_set_priority(2, 0x40);
        gic_set_pmr(0x80);
        reset_log();
        gic_send_sgi(1, 1u << 0);
        gic_send_sgi(2, 1u << 0);
        take(1);
        check_sequence("pmr-0x80-takes-only-0x40", first, 1);
        CHECK("pmr-masked-stays-pending", gic_is_pending(1),
              "SGI 1 (priority 0xa0, PMR 0x80) does not read as pending");
        reset_log();
        gic_set_pmr(0xff);
        take(1);
        check_sequence("pmr-0xff-releases-0xa0", second, 1);
}

static void pending_clear_and_disabled(void)
{
        static const unsigned int disabled[1] = { SPI_DISABLED };

        gic_enable_irq(SPI_CLEARED);
        gic_route_spi(SPI_CLEARED, 0);
        reset_log();
        gic_set_pending(SPI_CLEARED, true);
        CHECK("ispendr-sets", gic_is_pending(SPI_CLEARED), "SPI %u not pending after ISPENDR",
              SPI_CLEARED);
        gic_set_pending(SPI_CLEARED, false);
        CHECK("icpendr-clears", !gic_is_pending(SPI_CLEARED), "SPI %u still pending after ICPENDR",
              SPI_CLEARED);
        take(0);
        check_sequence("icpendr-cleared-never-taken", NULL, 0);

        gic_enable_irq(SPI_DISABLED);
        gic_route_spi(SPI_DISABLED, 0);
        gic_disable_irq(SPI_DISABLED);
        reset_log();
        gic_set_pending(SPI_DISABLED, true);
        take(0);
        check_sequence("disabled-not-taken", NULL, 0);
        CHECK("disabled-stays-pending", gic_is_pending(SPI_DISABLED),
              "SPI %u no longer pending while disabled", SPI_DISABLED);
        gic_enable_irq(SPI_DISABLED);
        take(1);
        check_sequence("taken-once-enabled", disabled, 1);
}

int guest_main(uint64_t dtb)
{
        unsigned int v = gic_detect(dtb);

        guest_printf(NAME ": GICv%u\n", v);
        CHECK("gic-detected", v == 2 || v == 3, "no GIC found (DT / PIDR2)");
        if (v != 2 && v != 3)
                return guest_summary(NAME);
        irq_disable();
        guest_irq_handler = irq;
        gic_init_dist();
        gic_init_cpu();

        sgi_overflow();
        spi_sgi_mixed();
        priority_mask();
        pending_clear_and_disabled();
        return guest_summary(NAME);
}
