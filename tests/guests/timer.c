// SPDX-License-Identifier: MIT
/*
 * timer: every vCPU runs its virtual timer (CNTV_*, PPI 27) periodically for
 * 100 ms, 1 ms period (CNTFRQ/1000 ticks), reprogramming with CVAL += period
 * in its IRQ handler; counts must be 100 (+-2) on each vCPU, every interrupt
 * INTID 27 and taken on the vCPU whose timer it is. The guest's CNTV_CTL must
 * read as it wrote it (ENABLE, IMASK clear, ISTATUS set) when the handler runs.
 * Each handler exits once (a hypercall) before it moves CVAL on: the interrupt,
 * active then, must not come back as pending once it is ended.
 * Then 20 more periods with the vCPU spinning instead of WFI (no exits of its own):
 * each must still come, so the hypervisor must notice the guest's EOI by itself.
 * A masked timer (IMASK) past its deadline gives no interrupt but ISTATUS 1.
 * The timer's interrupt is a level: fired while PPI 27 is disabled at the GIC and
 * turned off before it is enabled again, it gives no interrupt; left on, it does.
 * The EL1 physical timer (CNTP_*, PPI 30, emulated by the hypervisor) interrupts
 * too: PTIMER_PERIODS periods waiting in WFI, then as many spinning without exits.
 * Latency = CNTVCT at handler entry - CVAL: "timer-latency-ticks: min/avg/max".
 * Exit status: the number of failed checks.
 */
#include "arch/aarch64/sysreg.h"
#include "lib/gic.h"
#include "lib/guest.h"
#include "lib/printf.h"
#include "lib/smp.h"

#define NAME "timer"

#define VTIMER_PPI      27
#define PTIMER_PPI      30
#define PTIMER_PERIODS  20
#define PERIODS         100
#define BUSY_PERIODS    20
#define CTL_ENABLE      1u
#define CTL_IMASK       2u
#define CTL_ISTATUS     4u

struct tstate {
        volatile uint64_t period, end;
        volatile uint32_t count, expiries, early, wrong_intid, spurious, ctl_bad, ctl_first_bad;
        volatile uint64_t early_first;
        volatile uint64_t lat_min, lat_max, lat_sum;
        volatile uint32_t done, masked_irqs, masked_ctl;
        volatile uint32_t masked_phase;
        volatile uint32_t busy_phase, busy_count, busy_done;
        volatile uint32_t level_phase, level_irqs[2];   /* 1: turned off, 2: left on */
        volatile uint32_t ptimer_count, ptimer_early, ptimer_done;
        volatile uint32_t watchdog;             /* the virtual timer only wakes WFI */
        volatile uint64_t ptimer_end;
};

static struct tstate ts[SMP_MAX_CPUS];
static unsigned int ncpus;

/* The timers' registers (CNTV_*: the virtual timer; CNTP_*: the EL1 physical one). */
static uint64_t cntv_ctl(void) { return read_sysreg(CNTV_CTL_EL0); }
static uint64_t cntv_cval(void) { return read_sysreg(CNTV_CVAL_EL0); }
static uint64_t pcval(void) { return read_sysreg(CNTP_CVAL_EL0); }
static void set_ctl(uint64_t v) { write_sysreg(CNTV_CTL_EL0, v); isb(); }
static void set_cval(uint64_t v) { write_sysreg(CNTV_CVAL_EL0, v); isb(); }
static void set_pctl(uint64_t v) { write_sysreg(CNTP_CTL_EL0, v); isb(); }
static void set_pcval(uint64_t v) { write_sysreg(CNTP_CVAL_EL0, v); isb(); }

static uint64_t cntpct(void)
{
        isb();
        return read_sysreg(CNTPCT_EL0);
}

/* The physical timer's interrupt: count it, move CVAL on a period (its line falls). */
static void ptimer_irq(struct tstate *s, uint32_t iar)
{
        uint64_t cval = pcval();

        s->ptimer_count++;
        if (cntpct() < cval)
                s->ptimer_early++;
        cval += s->period;
        if (cval > s->ptimer_end) {
                set_pctl(0);
                s->ptimer_done = 1;
        } else {
                set_pcval(cval);
        }
        smp_mb();
        gic_eoi(iar);
}

static void irq(struct guest_frame *f)
{
        uint64_t t = guest_cntvct();
        struct tstate *s = &ts[smp_cpu_id()];
        uint32_t iar = gic_ack();
        unsigned int intid = iar & 0x3ff;
        uint64_t ctl, cval, lat;

        (void)f;
        if (intid >= GIC_SPURIOUS) {
                s->spurious++;
                return;
        }
        if (intid == PTIMER_PPI) {
                ptimer_irq(s, iar);
                return;
        }
        if (intid != VTIMER_PPI) {
                s->wrong_intid++;
                gic_eoi(iar);
                return;
        }
        if (s->busy_phase) {
                s->busy_count++;
                cval = cntv_cval() + s->period;
                if (cval > s->end) {
                        set_ctl(0);
                        s->busy_done = 1;
                } else {
                        set_cval(cval);
                }
                smp_mb();
                gic_eoi(iar);
                return;
        }
        if (s->watchdog) {
                set_ctl(0);                     /* its only job: end the WFI */
                gic_eoi(iar);
                return;
        }
        if (s->level_phase) {
                s->level_irqs[s->level_phase - 1]++;
                set_ctl(0);
                gic_eoi(iar);
                return;
        }
        if (s->masked_phase) {
                s->masked_irqs++;
                set_ctl(0);
                gic_eoi(iar);
                return;
        }
        ctl = cntv_ctl();
        cval = cntv_cval();
        /* An exit while the interrupt is active and the timer still asserts (as a time
         * slice's end would make one): the interrupt must not come back once the
         * handler has moved CVAL on and ended it. */
        hvc_call(HYP_FN_NOP, 0, 0, 0, NULL);
        s->count++;
        if (t < cval) {
                /* Taken before the deadline: the line was not asserted. */
                if (!s->early)
                        s->early_first = cval - t;
                s->early++;
                set_ctl(CTL_ENABLE);
                smp_mb();
                gic_eoi(iar);
                return;
        }
        if ((ctl & 7) != (CTL_ENABLE | CTL_ISTATUS)) {
                if (!s->ctl_bad)
                        s->ctl_first_bad = (uint32_t)ctl;
                s->ctl_bad++;
        }
        lat = t - cval;
        if (lat < s->lat_min)
                s->lat_min = lat;
        if (lat > s->lat_max)
                s->lat_max = lat;
        s->lat_sum += lat;
        s->expiries++;
        cval += s->period;
        if (cval > s->end) {
                set_ctl(0);
                s->done = 1;
        } else {
                set_cval(cval);
                set_ctl(CTL_ENABLE);    /* as written before: re-asserted in case IMASK changed */
        }
        smp_mb();
        gic_eoi(iar);
}

/*
 * Wait in WFI until *flag is set by an interrupt handler (or the counter reaches
 * until). The check and the WFI run with IRQs masked: an interrupt that comes
 * between them stays pending and ends the WFI, then is taken. (Checked with IRQs
 * unmasked, the last interrupt could be taken just before the WFI, and the WFI
 * would then wait for an interrupt that never comes.)
 */
static void wait_irq_until(volatile uint32_t *flag, uint64_t until)
{
        for (;;) {
                irq_disable();
                if (*flag || guest_cntvct() >= until)
                        break;
                __asm__ volatile("wfi" ::: "memory");
                irq_enable();
        }
        irq_enable();
}

static void run_timer(unsigned int cpu)
{
        struct tstate *s = &ts[cpu];
        uint64_t start, wait_until;

        gic_init_cpu();
        gic_enable_irq(VTIMER_PPI);
        s->period = guest_cntfrq() / 1000;
        s->lat_min = ~0ull;
        start = guest_cntvct();
        s->end = start + PERIODS * s->period + s->period / 2;
        set_cval(start + s->period);
        set_ctl(CTL_ENABLE);
        irq_enable();
        /*
         * Slack before giving up: 2 s. Without -icount the counter is host time, and a
         * loaded host may not run a QEMU vCPU for some hundreds of ms; the timer then
         * catches up (CVAL += period is already past) and every period is still
         * counted. The slack only runs out when interrupts really stop.
         */
        wait_until = s->end + s->period * 2000;
        wait_irq_until(&s->done, wait_until);
        guest_delay_us(5000);

        /* Busy: spin on the counter (no trap, no WFI) while the timer keeps firing. */
        start = guest_cntvct();
        s->end = start + BUSY_PERIODS * s->period + s->period / 2;
        s->busy_phase = 1;
        smp_mb();
        set_cval(start + s->period);
        set_ctl(CTL_ENABLE);
        wait_until = s->end + s->period * 2000;
        while (!s->busy_done && guest_cntvct() < wait_until)
                ;
        set_ctl(0);
        s->busy_phase = 0;
        smp_mb();

        /* Masked: deadline in the past, IMASK set: ISTATUS 1, no interrupt. */
        s->masked_phase = 1;
        smp_mb();
        set_cval(guest_cntvct() - 1);
        set_ctl(CTL_ENABLE | CTL_IMASK);
        guest_delay_us(10000);
        s->masked_ctl = (uint32_t)cntv_ctl();
        set_ctl(0);
        s->masked_phase = 0;
        smp_mb();

        /* Level: fire with PPI 27 disabled at the GIC, then (1) turn the timer off or
         * (2) leave it on, and enable the PPI again. */
        for (uint32_t phase = 1; phase <= 2; phase++) {
                s->level_phase = phase;
                smp_mb();
                gic_disable_irq(VTIMER_PPI);
                set_cval(guest_cntvct() + s->period);
                set_ctl(CTL_ENABLE);
                wait_until = guest_cntvct() + s->period * 2000;
                while (!(cntv_ctl() & CTL_ISTATUS) && guest_cntvct() < wait_until)
                        ;
                guest_delay_us(5000);           /* the hypervisor has seen it fire */
                if (phase == 1)
                        set_ctl(0);
                gic_enable_irq(VTIMER_PPI);
                guest_delay_us(10000);
                set_ctl(0);
        }
        s->level_phase = 0;

        /* The EL1 physical timer: in WFI, then spinning (only the deadline can exit). */
        gic_enable_irq(PTIMER_PPI);
        for (unsigned int spin = 0; spin <= 1; spin++) {
                start = cntpct();
                s->ptimer_done = 0;
                s->ptimer_end = start + PTIMER_PERIODS * s->period + s->period / 2;
                smp_mb();
                set_pcval(start + s->period);
                set_pctl(CTL_ENABLE);
                wait_until = guest_cntvct() + s->period * 2000 + PTIMER_PERIODS * s->period;
                /* The virtual timer as a watchdog: WFI ends at wait_until even if the
                 * physical timer's interrupts stop (a failed count, not a hang). */
                s->watchdog = 1;
                smp_mb();
                set_cval(wait_until);
                set_ctl(CTL_ENABLE);
                if (spin)
                        while (!s->ptimer_done && guest_cntvct() < wait_until)
                                ;
                else
                        wait_irq_until(&s->ptimer_done, wait_until);
                set_pctl(0);
                set_ctl(0);
                s->watchdog = 0;
                smp_mb();
        }
        gic_disable_irq(PTIMER_PPI);
        irq_disable();
        smp_mb();
}

static void secondary(unsigned int cpu, uint64_t arg)
{
        (void)arg;
        run_timer(cpu);
        ts[cpu].masked_phase = 2;       /* finished */
        smp_mb();
}

int guest_main(uint64_t dtb)
{
        unsigned int v;
        char name[48];
        uint64_t min = ~0ull, max = 0, sum = 0, n = 0;

        ncpus = smp_vcpu_count();
        v = gic_detect(dtb);
        guest_printf(NAME ": %u vCPUs, GICv%u, CNTFRQ %llu Hz\n", ncpus, v,
                     (unsigned long long)guest_cntfrq());
        CHECK("gic-detected", v == 2 || v == 3, "no GIC found (DT / PIDR2)");
        CHECK("cntfrq-nonzero", guest_cntfrq() >= 1000, "CNTFRQ_EL0 %llu", (unsigned long long)guest_cntfrq());
        if ((v != 2 && v != 3) || ncpus > SMP_MAX_CPUS || guest_cntfrq() < 1000)
                return guest_summary(NAME);

        guest_irq_handler = irq;
        gic_init_dist();
        for (unsigned int c = 1; c < ncpus; c++) {
                int64_t r = smp_cpu_on(c, secondary, 0, false);

                fmt_snprintf(name, sizeof(name), "cpu%u-on", c);
                CHECK(name, r == 0, "CPU_ON %lld", (long long)r);
        }
        run_timer(0);
        for (unsigned int c = 1; c < ncpus; c++) {
                fmt_snprintf(name, sizeof(name), "cpu%u-finished", c);
                CHECK(name, smp_wait_u32(&ts[c].masked_phase, 2, 10000000), "vCPU %u never finished", c);
        }

        for (unsigned int c = 0; c < ncpus; c++) {
                struct tstate *s = &ts[c];

                guest_printf(NAME ": vCPU %u: %u interrupts (%u at/after CVAL, %u before it), "
                             "%u wrong INTID, %u spurious, latency %llu..%llu ticks\n", c, s->count,
                             s->expiries, s->early, s->wrong_intid, s->spurious,
                             (unsigned long long)s->lat_min, (unsigned long long)s->lat_max);
                fmt_snprintf(name, sizeof(name), "cpu%u-periodic-count", c);
                CHECK(name, s->count >= PERIODS - 2 && s->count <= PERIODS + 2,
                      "%u interrupts in 100 ms, want %u +- 2", s->count, PERIODS);
                fmt_snprintf(name, sizeof(name), "cpu%u-all-periods-expired", c);
                CHECK(name, s->expiries == PERIODS, "%u of %u deadlines reached", s->expiries, PERIODS);
                fmt_snprintf(name, sizeof(name), "cpu%u-no-early-interrupts", c);
                CHECK(name, s->early == 0,
                      "%u of %u timer interrupts taken with CNTVCT < CNTV_CVAL (first: %llu ticks "
                      "early): the timer condition was not met", s->early, s->count,
                      (unsigned long long)s->early_first);
                fmt_snprintf(name, sizeof(name), "cpu%u-intid-27-only", c);
                CHECK(name, s->wrong_intid == 0, "%u interrupts with another INTID", s->wrong_intid);
                fmt_snprintf(name, sizeof(name), "cpu%u-ctl-as-written", c);
                CHECK(name, s->ctl_bad == 0,
                      "%u of %u handler entries read CNTV_CTL_EL0 = 0x%x (want ENABLE|ISTATUS = 0x5: "
                      "IMASK is the guest's; it wrote ENABLE only)", s->ctl_bad, s->count,
                      s->ctl_first_bad);
                fmt_snprintf(name, sizeof(name), "cpu%u-busy-count", c);
                CHECK(name, s->busy_count == BUSY_PERIODS,
                      "%u of %u interrupts while the vCPU spun without exiting (the guest's EOI "
                      "must re-open the timer interrupt)", s->busy_count, BUSY_PERIODS);
                fmt_snprintf(name, sizeof(name), "cpu%u-masked-no-irq", c);
                CHECK(name, s->masked_irqs == 0, "%u interrupts with CNTV_CTL.IMASK set", s->masked_irqs);
                fmt_snprintf(name, sizeof(name), "cpu%u-ptimer-count", c);
                CHECK(name, s->ptimer_count == 2 * PTIMER_PERIODS,
                      "%u EL1 physical timer interrupts (PPI 30), want %u (%u in WFI, %u spinning)",
                      s->ptimer_count, 2 * PTIMER_PERIODS, PTIMER_PERIODS, PTIMER_PERIODS);
                fmt_snprintf(name, sizeof(name), "cpu%u-ptimer-not-early", c);
                CHECK(name, s->ptimer_early == 0, "%u physical timer interrupts before CVAL",
                      s->ptimer_early);
                fmt_snprintf(name, sizeof(name), "cpu%u-level-off-no-irq", c);
                CHECK(name, s->level_irqs[0] == 0,
                      "%u interrupts from a timer that fired while PPI 27 was disabled and was "
                      "turned off before it was enabled (a level, not a latch)", s->level_irqs[0]);
                fmt_snprintf(name, sizeof(name), "cpu%u-level-on-irq", c);
                CHECK(name, s->level_irqs[1] == 1,
                      "%u interrupts from a timer left asserted while PPI 27 was disabled, "
                      "want 1 once it is enabled", s->level_irqs[1]);
                fmt_snprintf(name, sizeof(name), "cpu%u-masked-istatus", c);
                CHECK(name, (s->masked_ctl & 7) == (CTL_ENABLE | CTL_IMASK | CTL_ISTATUS),
                      "CNTV_CTL_EL0 0x%x past the deadline with IMASK, want 0x7", s->masked_ctl);
                if (s->expiries) {
                        if (s->lat_min < min)
                                min = s->lat_min;
                        if (s->lat_max > max)
                                max = s->lat_max;
                        sum += s->lat_sum;
                        n += s->expiries;
                }
        }
        if (n) {
                uint64_t f = guest_cntfrq();

                guest_printf("timer-latency-ticks: %llu/%llu/%llu (min/avg/max over %llu interrupts, "
                             "CNTFRQ %llu Hz; avg %llu ns)\n", (unsigned long long)min,
                             (unsigned long long)(sum / n), (unsigned long long)max,
                             (unsigned long long)n, (unsigned long long)f,
                             (unsigned long long)(sum / n * 1000000000ull / f));
        }
        return guest_summary(NAME);
}
