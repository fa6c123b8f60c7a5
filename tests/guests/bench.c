// SPDX-License-Identifier: MIT
/*
 * bench: micro-benchmarks of the hypervisor's exit paths, timed with CNTVCT_EL0
 * (run it under QEMU with -icount shift=0,sleep=off: 1 instruction = 1 ns, one
 * counter tick = 16 ns at 62.5 MHz; 'hypctl bench' does). Each operation is
 * timed on its own (isb; mrs cntvct; op; isb; mrs cntvct), BENCH_N times:
 *   hvc-nop       HVC #0 with HYP_FN_NOP (null hypercall round trip)
 *   mmio-read     LDR of the virtual PL011's UARTFR (0x0900_0018): emulated MMIO
 *   mmio-write    STR 0 to the virtual PL011's UARTIMSC (0x0900_0038; it is 0 already)
 *   sysreg-read   MRS ID_AA64PFR0_EL1 (trapped by HCR_EL2.TID3)
 *   baseline      an ordinary LDR from guest RAM: the loop's own cost
 *   timer-irq     virtual timer: CNTV_CVAL = now + 512 ticks, spin with IRQs on;
 *                 latency = CNTVCT at the IRQ handler's entry - CVAL (BENCH_IRQ_N samples)
 *   timer-irq-wfi the same, waiting in WFI (the vCPU blocks in the hypervisor)
 *   ipi           (2+ vCPUs) vCPU 0 reads CNTVCT, writes the SGI (ICC_SGI1R_EL1 or
 *                 GICD_SGIR) and waits in WFI; vCPU 1, waiting in WFI, reads CNTVCT at
 *                 handler entry and answers with an SGI that wakes vCPU 0
 * Output: "bench: <name> ticks_min=<n> ticks_avg=<n> ns_avg=<n> samples=<n>" and
 * first "bench: reset-to-entry ticks=<n> ns=<n>" (CNTPCT_EL0 at _start's first
 * instruction; QEMU's counter starts at 0 at reset). With "boot-only" in the
 * VM's bootargs only that first line is printed.
 * Exit status: the number of failed checks (benchmarks that could not run).
 */
#include "lib/gic.h"
#include "lib/guest.h"
#include "lib/printf.h"
#include "lib/smp.h"

#define NAME "bench"

#define BENCH_N         10000
#define BENCH_IRQ_N     200
#define VTIMER_PPI      27
#define TIMER_AHEAD     512             /* ticks from "now" to CVAL */
#define SGI_PING        15
#define SGI_PONG        14

#define UART_BASE       0x09000000ull
#define UARTFR          0x18
#define UARTIMSC        0x38

static uint64_t ram_word = 0x5eed;

static inline uint64_t rd_cntvct(void)
{
        uint64_t v;

        __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
        return v;
}

static uint64_t ns_of(uint64_t ticks_x1000, uint64_t n)
{
        /* ticks_x1000 / n ticks in ns, rounded */
        uint64_t f = guest_cntfrq();

        return (ticks_x1000 * 1000000ull / f + n / 2) / n;
}

/* Samples of one benchmark, in counter ticks. */
struct samples {
        uint64_t min, sum, n;
};

#define SAMPLES_INIT { ~0ull, 0, 0 }

static void sample(struct samples *s, uint64_t ticks)
{
        if (ticks < s->min)
                s->min = ticks;
        s->sum += ticks;
        s->n++;
}

static void report(const char *name, const struct samples *s)
{
        if (!s->n)
                return;
        guest_printf("bench: %s ticks_min=%llu ticks_avg=%llu ns_avg=%llu samples=%llu\n", name,
                     (unsigned long long)s->min, (unsigned long long)((s->sum + s->n / 2) / s->n),
                     (unsigned long long)ns_of(s->sum * 1000ull, s->n), (unsigned long long)s->n);
}

/* Time 'op' (a statement) BENCH_N times, one sample per operation. The sums are
 * kept inline, not through sample(): a longer loop shifts where the 16-instruction
 * counter tick falls and moves the baseline the other rows are compared with. */
#define MEASURE(name, op)                                                       \
        do {                                                                    \
                struct samples s_ = SAMPLES_INIT;                               \
                for (unsigned int i_ = 0; i_ < BENCH_N; i_++) {                 \
                        uint64_t t0_ = rd_cntvct(), d_;                         \
                        op;                                                     \
                        d_ = rd_cntvct() - t0_;                                 \
                        if (d_ < s_.min)                                        \
                                s_.min = d_;                                    \
                        s_.sum += d_;                                           \
                }                                                               \
                s_.n = BENCH_N;                                                 \
                report((name), &s_);                                            \
        } while (0)

static inline void op_hvc_nop(void)
{
        register uint64_t x0 __asm__("x0") = HYP_FN_NOP;

        /* SMCCC: x0-x17 may change. */
        __asm__ volatile("hvc #0" : "+r"(x0) : :
                         "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
                         "x12", "x13", "x14", "x15", "x16", "x17", "memory");
}

static inline void op_load(uint64_t addr)
{
        uint32_t v;

        __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
}

static inline void op_store(uint64_t addr, uint32_t v)
{
        __asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static inline void op_sysreg(void)
{
        uint64_t v;

        __asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(v) : : "memory");
}

/* ---- interrupts ------------------------------------------------------------ */

static volatile uint64_t irq_ts[SMP_MAX_CPUS];
static volatile uint32_t irq_seq[SMP_MAX_CPUS];
static volatile uint32_t irq_other;
static volatile uint32_t secondary_ready, secondary_stop;

static void set_cval(uint64_t v)
{
        __asm__ volatile("msr cntv_cval_el0, %0\n\tisb" : : "r"(v) : "memory");
}

static void set_ctl(uint64_t v)
{
        __asm__ volatile("msr cntv_ctl_el0, %0\n\tisb" : : "r"(v) : "memory");
}

static void irq(struct guest_frame *f)
{
        uint64_t t = rd_cntvct();
        unsigned int me = smp_cpu_id();
        uint32_t iar = gic_ack();
        unsigned int intid = iar & 0x3ff;

        (void)f;
        if (intid >= GIC_SPURIOUS)
                return;
        if (intid == VTIMER_PPI)
                set_ctl(0);                     /* one shot: drop the line */
        else if (intid != SGI_PING && intid != SGI_PONG)
                irq_other = irq_other + 1;
        irq_ts[me] = t;
        smp_mb();
        irq_seq[me] = irq_seq[me] + 1;
        smp_mb();
        /* Only now wake the sender: it reads irq_seq[1] as soon as the answer lands. */
        if (intid == SGI_PING && me == 1)
                gic_send_sgi(SGI_PONG, 1u << 0);
        gic_eoi(iar);
}

/*
 * wfi false: spin with IRQs unmasked (a busy vCPU: physical timer IRQ -> EL2 ->
 * list register -> guest vector). Nothing else exits between samples: the
 * guest's EOI of the virtual timer interrupt brings the hypervisor back (EOI
 * maintenance interrupt) to re-open the physical one.
 * wfi true: wait in WFI with IRQs masked (an idle vCPU: blocked in the
 * hypervisor, woken when the deadline passes), then unmask to take it.
 */
static void bench_timer(const char *name, bool wfi)
{
        struct samples s = SAMPLES_INIT;
        unsigned int lost = 0;

        gic_enable_irq(VTIMER_PPI);
        for (unsigned int i = 0; i < BENCH_IRQ_N; i++) {
                uint32_t seq = irq_seq[0];
                uint64_t cval, deadline;

                cval = rd_cntvct() + TIMER_AHEAD;
                /* Host time: a loaded host stalls QEMU's vCPU threads for tens of ms,
                 * and a late interrupt is not a lost one (under -icount, where the
                 * figures come from, no stall exists). */
                deadline = cval + 2 * guest_cntfrq();           /* 2 s */
                set_cval(cval);
                set_ctl(1);                     /* ENABLE, IMASK clear */
                if (wfi) {
                        __asm__ volatile("wfi" ::: "memory");
                        irq_enable();
                        irq_disable();
                } else {
                        irq_enable();
                        while (irq_seq[0] == seq && rd_cntvct() < deadline)
                                ;
                        irq_disable();
                }
                if (irq_seq[0] == seq) {
                        set_ctl(0);
                        lost++;
                        continue;
                }
                sample(&s, irq_ts[0] - cval);
        }
        gic_disable_irq(VTIMER_PPI);
        CHECK_QUIET(name, lost == 0, "%u of %u timer interrupts never came", lost, BENCH_IRQ_N);
        report(name, &s);
}

static void secondary(unsigned int cpu, uint64_t arg)
{
        (void)arg;
        gic_init_cpu();
        gic_enable_irq(SGI_PING);
        smp_mb();
        secondary_ready = 1;
        while (!secondary_stop) {
                /* Wait with IRQs masked: the interrupt wakes WFI, then is taken at once. */
                __asm__ volatile("wfi");
                irq_enable();
                irq_disable();
                (void)cpu;
        }
}

static void bench_ipi(void)
{
        struct samples s = SAMPLES_INIT;
        unsigned int lost = 0;
        int64_t r = smp_cpu_on(1, secondary, 0, false);

        if (!CHECK_QUIET("ipi-cpu-on", r == 0, "CPU_ON vCPU 1: %lld", (long long)r) ||
            !CHECK_QUIET("ipi-ready", smp_wait_u32(&secondary_ready, 1, 2000000),
                         "vCPU 1 never set up its GIC"))
                return;
        gic_enable_irq(SGI_PONG);
        for (unsigned int i = 0; i < BENCH_IRQ_N; i++) {
                uint32_t seq = irq_seq[1], pong = irq_seq[0];
                uint64_t t0, deadline;

                guest_delay_us(100);            /* let vCPU 1 get back into WFI */
                smp_mb();
                t0 = rd_cntvct();
                deadline = t0 + guest_cntfrq();                 /* 1 s */
                gic_send_sgi(SGI_PING, 1u << 1);
                /*
                 * Wait in WFI for vCPU 1's answer (SGI_PONG): under QEMU -icount all CPUs
                 * run round-robin on one thread, so a spinning sender would keep vCPU 1's
                 * CPU from running until QEMU's round-robin kick (100 ms).
                 */
                while (irq_seq[0] == pong && rd_cntvct() < deadline) {
                        __asm__ volatile("wfi" ::: "memory");
                        irq_enable();
                        irq_disable();
                }
                smp_mb();
                if (irq_seq[1] == seq) {
                        lost++;
                        continue;
                }
                sample(&s, irq_ts[1] - t0);
        }
        secondary_stop = 1;
        smp_mb();
        gic_send_sgi(SGI_PING, 1u << 1);        /* wake it to see the stop flag */
        CHECK_QUIET("ipi", lost == 0, "%u of %u SGIs never arrived", lost, BENCH_IRQ_N);
        report("ipi", &s);
}

static bool boot_only(uint64_t dtb)
{
        int len;
        const char *args = guest_bootargs(dtb, &len);

        if (!args || len <= 0)
                return false;
        for (int i = 0; i + 9 <= len; i++) {
                const char *w = "boot-only";
                int k = 0;

                while (k < 9 && args[i + k] == w[k])
                        k++;
                if (k == 9)
                        return true;
        }
        return false;
}

int guest_main(uint64_t dtb)
{
        uint64_t f = guest_cntfrq();
        unsigned int ncpus = smp_vcpu_count(), v;

        guest_printf("bench: reset-to-entry ticks=%llu ns=%llu\n",
                     (unsigned long long)guest_entry_cntpct,
                     (unsigned long long)(guest_entry_cntpct * 1000000000ull / f));
        if (boot_only(dtb))
                return guest_summary(NAME);
        guest_printf("bench: %u vCPUs, CNTFRQ %llu Hz, %u samples per operation\n", ncpus,
                     (unsigned long long)f, BENCH_N);

        MEASURE("baseline", op_load((uint64_t)(uintptr_t)&ram_word));
        MEASURE("hvc-nop", op_hvc_nop());
        MEASURE("mmio-read", op_load(UART_BASE + UARTFR));
        MEASURE("mmio-write", op_store(UART_BASE + UARTIMSC, 0));
        MEASURE("sysreg-read", op_sysreg());

        v = gic_detect(dtb);
        if (!CHECK_QUIET("gic-detected", v == 2 || v == 3, "no GIC found (DT / PIDR2)"))
                return guest_summary(NAME);
        guest_irq_handler = irq;
        gic_init_dist();
        gic_init_cpu();
        bench_timer("timer-irq", false);
        bench_timer("timer-irq-wfi", true);
        if (ncpus >= 2)
                bench_ipi();
        CHECK_QUIET("no-other-interrupts", irq_other == 0, "%u unexpected interrupts",
                    irq_other);
        return guest_summary(NAME);
}
