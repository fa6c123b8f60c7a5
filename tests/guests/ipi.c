// SPDX-License-Identifier: MIT
/*
 * ipi: SGIs between vCPUs through the virtual GIC (GICv3: ICC_SGI1R_EL1;
 * GICv2: GICD_SGIR). vCPU 0 to each other vCPU; every vCPU to every other
 * (N*(N-1) SGIs); IRM / all-but-self broadcast from each vCPU; counts checked
 * exactly per (receiver, sender). Then ~100 round trips vCPU 0 -> vCPU 1 to
 * measure the latency from the sender's CNTVCT just before the SGI write to
 * the receiver's CNTVCT at handler entry: "ipi-latency-ticks: min/avg/max".
 * SGI INTID = sender index (direct) or 8 + sender (broadcast); 15 = latency.
 * Exit status: the number of failed checks.
 */
#include "lib/gic.h"
#include "lib/guest.h"
#include "lib/printf.h"
#include "lib/smp.h"

#define NAME "ipi"

#define SGI_BCAST_BASE  8
#define SGI_PING        15
#define ROUND_TRIPS     100
/*
 * How long to wait for an SGI before calling it lost: 5 s of counter (host) time.
 * Delivery normally takes microseconds, or one 10 ms scheduler slice when the
 * target shares its CPU; a loaded host can stall a QEMU vCPU for a few hundred
 * ms. The limit only runs out when an interrupt really is lost.
 */
#define LOST_US         5000000

static unsigned int ncpus;
/* count[receiver][intid]: written only by the receiver. */
static volatile uint32_t count[SMP_MAX_CPUS][16];
static volatile uint32_t spurious[SMP_MAX_CPUS];
static volatile uint32_t other_irq[SMP_MAX_CPUS];
static volatile uint32_t phase_done[SMP_MAX_CPUS];
static volatile uint32_t phase;
static volatile uint32_t ready[SMP_MAX_CPUS];
static volatile uint64_t ping_recv_ts;
static volatile uint32_t ping_seq;

static void irq(struct guest_frame *f)
{
        uint64_t t = guest_cntvct();
        unsigned int me = smp_cpu_id();
        uint32_t iar = gic_ack();
        unsigned int intid = iar & 0x3ff;

        (void)f;
        if (intid >= GIC_SPURIOUS) {
                spurious[me]++;
                return;
        }
        if (intid < 16) {
                if (intid == SGI_PING) {
                        ping_recv_ts = t;
                        smp_mb();
                        ping_seq = ping_seq + 1;
                }
                count[me][intid] = count[me][intid] + 1;
        } else {
                other_irq[me] = other_irq[me] + 1;
        }
        smp_mb();
        gic_eoi(iar);
}

static void cpu_setup(void)
{
        gic_init_cpu();
        for (unsigned int i = 0; i < 16; i++)
                gic_enable_irq(i);
        irq_enable();
}

/* Phase 1: wait; 2: send to every other vCPU one by one; 3: broadcast; 99: finish. */
static void secondary(unsigned int cpu, uint64_t arg)
{
        uint32_t seen = 0;

        (void)arg;
        cpu_setup();
        smp_mb();
        ready[cpu] = 1;
        for (;;) {
                uint32_t p = phase;

                if (p == seen)
                        continue;
                seen = p;
                if (p == 2) {
                        for (unsigned int t = 0; t < ncpus; t++)
                                if (t != cpu)
                                        gic_send_sgi(cpu, 1u << t);
                } else if (p == 3) {
                        gic_send_sgi_others(SGI_BCAST_BASE + cpu);
                } else if (p == 99) {
                        phase_done[cpu] = p;
                        break;
                }
                smp_mb();
                phase_done[cpu] = p;
        }
        irq_disable();
}

static bool wait_phase(uint32_t p)
{
        bool ok = true;

        for (unsigned int c = 1; c < ncpus; c++)
                ok &= smp_wait_u32(&phase_done[c], p, LOST_US);
        return ok;
}

static bool wait_counts(unsigned int intid_of_sender_base, bool from_all, uint64_t us)
{
        uint64_t start = guest_cntvct(), ticks = guest_cntfrq() * us / 1000000u;

        for (;;) {
                bool all = true;

                for (unsigned int r = 0; r < ncpus; r++)
                        for (unsigned int s = 0; s < ncpus; s++) {
                                if (s == r || (!from_all && s != 0))
                                        continue;
                                if (count[r][intid_of_sender_base + s] < 1)
                                        all = false;
                        }
                if (all || guest_cntvct() - start > ticks)
                        return all;
        }
}

static void snapshot(uint32_t out[SMP_MAX_CPUS][16])
{
        for (unsigned int r = 0; r < SMP_MAX_CPUS; r++)
                for (unsigned int i = 0; i < 16; i++)
                        out[r][i] = count[r][i];
}

/* Check that count - base == want for every (receiver, intid in [lo, lo+n)). */
static void check_matrix(const char *name, uint32_t base[SMP_MAX_CPUS][16], unsigned int lo,
                         bool from_all)
{
        unsigned int bad = 0, total = 0;
        char why[160] = "";

        for (unsigned int r = 0; r < ncpus; r++)
                for (unsigned int s = 0; s < ncpus; s++) {
                        uint32_t want = (s != r && (from_all || s == 0)) ? 1 : 0;
                        uint32_t got = count[r][lo + s] - base[r][lo + s];

                        total += got;
                        if (got != want) {
                                if (!bad)
                                        fmt_snprintf(why, sizeof(why),
                                                     "vCPU %u got %u SGIs %u from vCPU %u, want %u", r,
                                                     got, lo + s, s, want);
                                bad++;
                        }
                }
        CHECK(name, bad == 0, "%s (%u wrong cells, %u SGIs in all)", why, bad, total);
}

int guest_main(uint64_t dtb)
{
        static uint32_t base[SMP_MAX_CPUS][16];
        unsigned int v;
        char name[48];

        ncpus = smp_vcpu_count();
        v = gic_detect(dtb);
        guest_printf(NAME ": %u vCPUs, GICv%u\n", ncpus, v);
        CHECK("gic-detected", v == 2 || v == 3, "no GIC found (DT / PIDR2)");
        CHECK("vcpu-count", ncpus >= 2 && ncpus <= SMP_MAX_CPUS, "VM_INFO count %u", ncpus);
        if ((v != 2 && v != 3) || ncpus < 2 || ncpus > SMP_MAX_CPUS)
                return guest_summary(NAME);
        if (v == 2 && ncpus > 8)
                ncpus = 8;

        guest_irq_handler = irq;
        gic_init_dist();
        cpu_setup();

        for (unsigned int c = 1; c < ncpus; c++) {
                int64_t r = smp_cpu_on(c, secondary, 0, false);

                fmt_snprintf(name, sizeof(name), "cpu%u-on", c);
                CHECK(name, r == 0, "CPU_ON %lld", (long long)r);
        }
        for (unsigned int c = 1; c < ncpus; c++) {
                fmt_snprintf(name, sizeof(name), "cpu%u-gic-ready", c);
                CHECK(name, smp_wait_u32(&ready[c], 1, 2000000), "vCPU %u never set up its GIC", c);
        }

        /* 1: vCPU 0 to each other vCPU. */
        snapshot(base);
        for (unsigned int t = 1; t < ncpus; t++)
                gic_send_sgi(0, 1u << t);
        wait_counts(0, false, LOST_US);
        guest_delay_us(10000);          /* duplicates would show up by now */
        check_matrix("sgi-cpu0-to-each", base, 0, false);

        /* 2: every vCPU to every other. */
        snapshot(base);
        phase = 2;
        smp_mb();
        for (unsigned int t = 1; t < ncpus; t++)
                gic_send_sgi(0, 1u << t);
        CHECK("sgi-all-to-all-sent", wait_phase(2), "a secondary did not finish sending");
        wait_counts(0, true, LOST_US);
        guest_delay_us(10000);
        check_matrix("sgi-all-to-all", base, 0, true);

        /* 3: broadcast (IRM / all but self) from every vCPU. */
        snapshot(base);
        phase = 3;
        smp_mb();
        gic_send_sgi_others(SGI_BCAST_BASE + 0);
        CHECK("sgi-broadcast-sent", wait_phase(3), "a secondary did not finish broadcasting");
        wait_counts(SGI_BCAST_BASE, true, LOST_US);
        guest_delay_us(10000);
        check_matrix("sgi-broadcast-all-but-self", base, SGI_BCAST_BASE, true);

        /* 4: latency, vCPU 0 -> vCPU 1 (every other round trip also -> the last vCPU). */
        {
                uint64_t min = ~0ull, max = 0, sum = 0;
                unsigned int n = 0, lost = 0;

                for (unsigned int i = 0; i < ROUND_TRIPS; i++) {
                        uint32_t seq = ping_seq;
                        uint64_t t0;

                        smp_mb();
                        t0 = guest_cntvct();
                        gic_send_sgi(SGI_PING, 1u << 1);
                        if (!smp_wait_u32(&ping_seq, seq + 1, LOST_US)) {
                                lost++;
                                continue;
                        }
                        smp_mb();
                        {
                                uint64_t d = ping_recv_ts - t0;

                                if (d < min)
                                        min = d;
                                if (d > max)
                                        max = d;
                                sum += d;
                                n++;
                        }
                        guest_delay_us(200);
                }
                CHECK("sgi-ping-round-trips", lost == 0 && n == ROUND_TRIPS, "%u of %u SGIs lost",
                      lost, ROUND_TRIPS);
                if (n) {
                        uint64_t f = guest_cntfrq();

                        guest_printf("ipi-latency-ticks: %llu/%llu/%llu (min/avg/max, CNTFRQ %llu Hz; "
                                     "avg %llu ns)\n", (unsigned long long)min,
                                     (unsigned long long)(sum / n), (unsigned long long)max,
                                     (unsigned long long)f,
                                     (unsigned long long)(sum / n * 1000000000ull / f));
                }
        }

        phase = 99;
        smp_mb();
        wait_phase(99);
        {
                unsigned int sp = 0, other = 0;

                for (unsigned int c = 0; c < ncpus; c++) {
                        sp += spurious[c];
                        other += other_irq[c];
                }
                CHECK("no-unexpected-interrupts", other == 0, "%u non-SGI interrupts", other);
                guest_printf(NAME ": %u spurious acknowledges\n", sp);
        }
        return guest_summary(NAME);
}
