// SPDX-License-Identifier: MIT
/*
 * pmu: the virtual PMUv3 as a guest kernel uses it (Linux perf, kvm-unit-tests'
 * pmu tests). Both vCPUs share one physical CPU (configs/test-pmu.dts), so each
 * one's PMU must be switched with it:
 *  - a PMU is there (ID_AA64DFR0_EL1.PMUVer, PMCR_EL0.N >= 2), in the device tree
 *    at PPI 23;
 *  - vCPU 1 starts with its own reset PMU (no counter enabled, zero counts), though
 *    vCPU 0 set its own up first;
 *  - SW_INCR counts on each vCPU exactly what that vCPU wrote, while the two run
 *    interleaved (each checks its own count, 1000 increments, a delay between);
 *  - an event filter that excludes EL1 (P) stops SW_INCR at EL1;
 *  - PMEVTYPER.NSH reads back as 0 (RES0: the guest has no EL2);
 *  - a SW_INCR overflow with its interrupt enabled gives exactly one interrupt on
 *    PPI 23, which stops once PMOVSCLR clears the flag;
 *  - the cycle counter, preset 2^20 below its 32-bit overflow, overflows while the
 *    vCPU spins at EL1 and interrupts (the physical PMU interrupt reaches it).
 * Exit status: the number of failed checks.
 */
#include "arch/aarch64/sysreg.h"
#include "lib/fdt.h"
#include "lib/gic.h"
#include "lib/guest.h"
#include "lib/printf.h"
#include "lib/smp.h"

#define NAME "pmu"

#define PMU_PPI         23
#define PMCR_E          1u
#define PMCR_P          2u
#define PMCR_C          4u
#define CYCLE_BIT       (1u << 31)
#define EVT_SW_INCR     0x0u
#define EVT_P           (1u << 31)      /* don't count EL1 */
#define EVT_NSH         (1u << 27)
#define INCREMENTS      1000

#define MRS(reg) ({ uint64_t __v; __asm__ volatile("mrs %0, " reg : "=r"(__v)); __v; })
#define MSR(reg, val) __asm__ volatile("msr " reg ", %0\n\tisb" : : "r"((uint64_t)(val)) : "memory")

struct pstate {
        volatile uint32_t irqs, cycle_irqs, other_irqs, ovs_seen, done;
};

static struct pstate ps[2];
static volatile uint32_t cpu0_set_up, cpu1_counted;

static void irq(struct guest_frame *f)
{
        struct pstate *s = &ps[smp_cpu_id() & 1];
        uint32_t iar = gic_ack();
        unsigned int intid = iar & 0x3ff;
        uint64_t ovs;

        (void)f;
        if (intid >= GIC_SPURIOUS)
                return;
        if (intid != PMU_PPI) {
                s->other_irqs++;
                gic_eoi(iar);
                return;
        }
        ovs = MRS("pmovsclr_el0");
        s->ovs_seen |= (uint32_t)ovs;
        if (ovs & CYCLE_BIT)
                s->cycle_irqs++;
        else
                s->irqs++;
        MSR("pmovsclr_el0", ovs);               /* the line falls */
        gic_eoi(iar);
}

/* Counter 0 counts SW_INCR at EL1; start it at base. */
static void setup_counter0(uint64_t base)
{
        MSR("pmcr_el0", PMCR_P | PMCR_C);
        MSR("pmselr_el0", 0);
        MSR("pmxevtyper_el0", EVT_SW_INCR);
        MSR("pmevcntr0_el0", base);
        MSR("pmcntenset_el0", 1);
        MSR("pmcr_el0", PMCR_E);
}

/* INCREMENTS software increments of counter 0, with delays so the other vCPU runs. */
static void count_interleaved(void)
{
        for (unsigned int i = 0; i < INCREMENTS; i++) {
                MSR("pmswinc_el0", 1);
                if (i % 100 == 99)
                        guest_delay_us(2000);
        }
}

static void overflow_tests(struct pstate *s, const char *who)
{
        char name[48];
        uint64_t t0;

        /* SW_INCR overflow on counter 1 with its interrupt enabled: exactly one. */
        MSR("pmselr_el0", 1);
        MSR("pmxevtyper_el0", EVT_SW_INCR);
        MSR("pmevcntr1_el0", 0xffffffffull);
        MSR("pmintenset_el1", 2);
        MSR("pmcntenset_el0", 2);
        MSR("pmswinc_el0", 2);
        guest_delay_us(1000);
        fmt_snprintf(name, sizeof(name), "%s-swinc-overflow-irq", who);
        CHECK(name, s->irqs == 1 && (s->ovs_seen & 2), "%u interrupts, PMOVS seen 0x%x",
              s->irqs, s->ovs_seen);
        fmt_snprintf(name, sizeof(name), "%s-overflow-cleared", who);
        CHECK(name, MRS("pmovsclr_el0") == 0 && s->irqs == 1, "PMOVS 0x%llx, %u interrupts",
              (unsigned long long)MRS("pmovsclr_el0"), s->irqs);
        MSR("pmintenclr_el1", 2);

        /* The cycle counter overflows at 32 bits (PMCR.LC 0) while this vCPU spins. */
        MSR("pmccfiltr_el0", 0);                /* count EL1 and EL0 */
        MSR("pmccntr_el0", 0x100000000ull - (1u << 20));
        MSR("pmintenset_el1", CYCLE_BIT);
        MSR("pmcntenset_el0", CYCLE_BIT);
        t0 = guest_cntvct();
        while (!s->cycle_irqs && guest_cntvct() - t0 < guest_cntfrq() * 2)
                ;
        fmt_snprintf(name, sizeof(name), "%s-cycle-overflow-irq", who);
        CHECK(name, s->cycle_irqs == 1, "%u cycle-counter interrupts in 2 s (PMCCNTR 0x%llx)",
              s->cycle_irqs, (unsigned long long)MRS("pmccntr_el0"));
        MSR("pmintenclr_el1", CYCLE_BIT);
        MSR("pmcntenclr_el0", ~0ull);
        MSR("pmcr_el0", 0);
        fmt_snprintf(name, sizeof(name), "%s-no-other-irqs", who);
        CHECK(name, s->other_irqs == 0, "%u interrupts not the PMU's", s->other_irqs);
}

static void secondary(unsigned int cpu, uint64_t arg)
{
        struct pstate *s = &ps[1];
        uint64_t c;

        (void)cpu;
        (void)arg;
        gic_init_cpu();
        gic_enable_irq(PMU_PPI);
        irq_enable();
        /* A PMU of its own at reset, whatever vCPU 0 has done with its. */
        CHECK("cpu1-reset-pmu", MRS("pmcntenset_el0") == 0 && MRS("pmintenset_el1") == 0 &&
              MRS("pmevcntr0_el0") == 0 && !(MRS("pmcr_el0") & PMCR_E),
              "PMCNTENSET 0x%llx PMINTENSET 0x%llx PMEVCNTR0 0x%llx PMCR 0x%llx",
              (unsigned long long)MRS("pmcntenset_el0"), (unsigned long long)MRS("pmintenset_el1"),
              (unsigned long long)MRS("pmevcntr0_el0"), (unsigned long long)MRS("pmcr_el0"));
        setup_counter0(0);
        count_interleaved();
        c = MRS("pmevcntr0_el0");
        CHECK("cpu1-own-count", c == INCREMENTS, "counter 0 = %llu, want %u", (unsigned long long)c,
              INCREMENTS);
        cpu1_counted = 1;
        overflow_tests(s, "cpu1");
        smp_mb();
        s->done = 1;
}

int guest_main(uint64_t dtb)
{
        uint64_t dfr0 = MRS("id_aa64dfr0_el1"), c;
        unsigned int ver = (unsigned int)(dfr0 >> 8) & 0xf, n, v;
        struct pstate *s = &ps[0];

        v = gic_detect(dtb);
        n = (unsigned int)(MRS("pmcr_el0") >> 11) & 0x1f;
        guest_printf(NAME ": GICv%u, PMUVer %u, %u event counters, %u vCPUs\n", v, ver, n,
                     smp_vcpu_count());
        CHECK("pmu-present", ver != 0 && ver != 0xf && n >= 2, "PMUVer %u, PMCR.N %u", ver, n);
        CHECK("two-vcpus", smp_vcpu_count() == 2, "%u vCPUs", smp_vcpu_count());
        if (ver == 0 || ver == 0xf || n < 2 || smp_vcpu_count() != 2 || (v != 2 && v != 3))
                return guest_summary(NAME);
        {
                int node = fdt_path_offset((const void *)dtb, "/pmu"), len = 0;
                const uint8_t *irq = node >= 0 ? fdt_getprop((const void *)dtb, node, "interrupts", &len)
                                               : NULL;

                /* <GIC_PPI 7 flags>: big-endian cells; PPI 7 is INTID 23. */
                CHECK("dt-pmu-ppi23", irq && len == 12 && irq[3] == 1 && irq[7] == PMU_PPI - 16,
                      "/pmu %s, interrupts %d bytes", node >= 0 ? "found" : "missing", len);
        }

        guest_irq_handler = irq;
        gic_init_dist();
        gic_init_cpu();
        gic_enable_irq(PMU_PPI);
        irq_enable();

        /* Filters: NSH is RES0; P stops EL1 counting. */
        MSR("pmselr_el0", 0);
        MSR("pmxevtyper_el0", EVT_SW_INCR | EVT_NSH);
        CHECK("nsh-res0", MRS("pmevtyper0_el0") == EVT_SW_INCR, "PMEVTYPER0 0x%llx",
              (unsigned long long)MRS("pmevtyper0_el0"));
        MSR("pmevtyper0_el0", EVT_SW_INCR | EVT_P);
        MSR("pmevcntr0_el0", 5);
        MSR("pmcntenset_el0", 1);
        MSR("pmcr_el0", PMCR_E);
        MSR("pmswinc_el0", 1);
        CHECK("filter-p-excludes-el1", MRS("pmevcntr0_el0") == 5, "counter 0 = %llu, want 5",
              (unsigned long long)MRS("pmevcntr0_el0"));

        /* vCPU 0's counter 0 runs from a base vCPU 1 must not see. */
        setup_counter0(1000000);
        cpu0_set_up = 1;
        CHECK("cpu1-on", smp_cpu_on(1, secondary, 0, false) == 0, "CPU_ON failed");
        count_interleaved();
        c = MRS("pmevcntr0_el0");
        CHECK("cpu0-own-count", c == 1000000 + INCREMENTS, "counter 0 = %llu, want %u",
              (unsigned long long)c, 1000000 + INCREMENTS);
        CHECK("cpu1-counted-meanwhile", smp_wait_u32(&cpu1_counted, 1, 20000000),
              "vCPU 1 never finished counting");
        overflow_tests(s, "cpu0");
        CHECK("cpu1-finished", smp_wait_u32(&ps[1].done, 1, 20000000), "vCPU 1 never finished");
        guest_printf(NAME ": vCPU 0: %u+%u PMU interrupts, vCPU 1: %u+%u\n", ps[0].irqs,
                     ps[0].cycle_irqs, ps[1].irqs, ps[1].cycle_irqs);
        return guest_summary(NAME);
}
