// SPDX-License-Identifier: MIT
/*
 * smp-psci: PSCI 1.1 as the hypervisor emulates it for guests (DEN0022):
 * VERSION, FEATURES, SMCCC_VERSION, MIGRATE_INFO_TYPE; every vCPU brought up
 * with CPU_ON (HVC, and one via SMC) on its own stack, reporting its MPIDR,
 * MIDR, context id and entry state; AFFINITY_INFO; the error cases; CPU_OFF
 * and a second CPU_ON of the same vCPU; CPU_ON twice back to back.
 * Exit status: the number of failed checks.
 */
#include "lib/guest.h"
#include "lib/smp.h"
#include "lib/printf.h"

#define NAME "smp-psci"

#define CMD_NONE        0
#define CMD_OFF         1

struct slot {
        volatile uint32_t alive;        /* generation: incremented at every start */
        volatile uint32_t cmd;
        volatile uint64_t mpidr, midr, ctx, currentel, sctlr, daif, sp;
};

static struct slot slots[SMP_MAX_CPUS];
static unsigned int ncpus;

static int64_t s64(uint64_t v)
{
        return (int64_t)v;
}

static const char *psci_err(int64_t r)
{
        switch (r) {
        case PSCI_SUCCESS: return "SUCCESS";
        case PSCI_NOT_SUPPORTED: return "NOT_SUPPORTED";
        case PSCI_INVALID_PARAMETERS: return "INVALID_PARAMETERS";
        case PSCI_DENIED: return "DENIED";
        case PSCI_ALREADY_ON: return "ALREADY_ON";
        case PSCI_ON_PENDING: return "ON_PENDING";
        case PSCI_INTERNAL_FAILURE: return "INTERNAL_FAILURE";
        case PSCI_INVALID_ADDRESS: return "INVALID_ADDRESS";
        default: return "?";
        }
}

static void secondary(unsigned int cpu, uint64_t arg)
{
        struct slot *s = &slots[cpu];
        uint64_t v;

        (void)arg;
        s->mpidr = read_mpidr();
        __asm__ volatile("mrs %0, midr_el1" : "=r"(v));
        s->midr = v;
        __asm__ volatile("mrs %0, CurrentEL" : "=r"(v));
        s->currentel = v;
        __asm__ volatile("mrs %0, sctlr_el1" : "=r"(v));
        s->sctlr = v;
        __asm__ volatile("mrs %0, daif" : "=r"(v));
        s->daif = v;
        __asm__ volatile("mov %0, sp" : "=r"(v));
        s->sp = v;
        s->ctx = smp_start_context(cpu);
        s->cmd = CMD_NONE;
        smp_mb();
        s->alive = s->alive + 1;
        smp_mb();
        while (s->cmd != CMD_OFF)
                ;
        s->cmd = CMD_NONE;
        smp_mb();
        /* returning ends in PSCI CPU_OFF */
}

static void check_basics(void)
{
        uint64_t v;

        v = hvc_call(PSCI_FN_VERSION, 0, 0, 0, NULL);
        CHECK("psci-version", v == 0x10001, "PSCI_VERSION 0x%llx, want 0x10001 (1.1)",
              (unsigned long long)v);
        v = smc_call(PSCI_FN_VERSION, 0, 0, 0, NULL);
        CHECK("psci-version-smc", v == 0x10001, "PSCI_VERSION via SMC 0x%llx", (unsigned long long)v);
        v = hvc_call(SMCCC_FN_VERSION, 0, 0, 0, NULL);
        CHECK("smccc-version", v == 0x10001, "SMCCC_VERSION 0x%llx, want 0x10001 (1.1)",
              (unsigned long long)v);
        v = hvc_call(PSCI_FN_FEATURES, PSCI_FN_CPU_ON_64, 0, 0, NULL);
        CHECK("psci-features-cpu-on", v == 0, "FEATURES(CPU_ON_64) %lld, want 0", (long long)s64(v));
        v = hvc_call(PSCI_FN_FEATURES, PSCI_FN_AFFINITY_INFO_64, 0, 0, NULL);
        CHECK("psci-features-affinity-info", v == 0, "FEATURES(AFFINITY_INFO_64) %lld, want 0",
              (long long)s64(v));
        v = hvc_call(PSCI_FN_FEATURES, PSCI_FN_CPU_OFF, 0, 0, NULL);
        CHECK("psci-features-cpu-off", v == 0, "FEATURES(CPU_OFF) %lld, want 0", (long long)s64(v));
        v = hvc_call(PSCI_FN_FEATURES, 0x840000FFu, 0, 0, NULL);
        CHECK("psci-features-unknown", s64(v) == PSCI_NOT_SUPPORTED,
              "FEATURES(0x840000FF) %lld, want -1", (long long)s64(v));
        v = hvc_call(PSCI_FN_FEATURES, SMCCC_FN_VERSION, 0, 0, NULL);
        CHECK("psci-features-smccc-version", v == 0, "FEATURES(SMCCC_VERSION) %lld, want 0",
              (long long)s64(v));
        v = hvc_call(PSCI_FN_MIGRATE_INFO_TYPE, 0, 0, 0, NULL);
        CHECK("psci-migrate-info-type", v == 2, "MIGRATE_INFO_TYPE %lld, want 2 (no Trusted OS)",
              (long long)s64(v));
}

static bool wait_alive(unsigned int cpu, uint32_t gen)
{
        return smp_wait_u32(&slots[cpu].alive, gen, 5000000);
}

static bool wait_aff(unsigned int cpu, int64_t want, uint64_t us)
{
        uint64_t start = guest_cntvct(), ticks = guest_cntfrq() * us / 1000000u;
        int64_t r;

        do {
                r = psci_affinity_info(cpu, 0);
                if (r == want)
                        return true;
        } while (guest_cntvct() - start < ticks);
        return false;
}

static void check_secondary_state(unsigned int cpu, uint64_t midr0)
{
        struct slot *s = &slots[cpu];
        char name[48];
        uint64_t stack_lo = (uint64_t)(uintptr_t)smp_stacks[cpu];

        fmt_snprintf(name, sizeof(name), "cpu%u-mpidr", cpu);
        CHECK(name, (s->mpidr & 0xff00ffffffull) == cpu && (s->mpidr & (1ull << 31)),
              "MPIDR_EL1 0x%llx, want Aff0 %u and bit 31 set", (unsigned long long)s->mpidr, cpu);
        fmt_snprintf(name, sizeof(name), "cpu%u-midr", cpu);
        CHECK(name, s->midr == midr0 && (s->midr >> 24) != 0,
              "MIDR_EL1 0x%llx, vCPU 0 has 0x%llx", (unsigned long long)s->midr,
              (unsigned long long)midr0);
        fmt_snprintf(name, sizeof(name), "cpu%u-context-id", cpu);
        CHECK(name, s->ctx == (((uint64_t)0x5ec0 << 8) | cpu), "x0 at entry 0x%llx",
              (unsigned long long)s->ctx);
        fmt_snprintf(name, sizeof(name), "cpu%u-entry-state", cpu);
        CHECK(name, ((s->currentel >> 2) & 3) == 1 && !(s->sctlr & 1) && (s->daif & 0x3c0) == 0x3c0,
              "CurrentEL %llu SCTLR_EL1 0x%llx DAIF 0x%llx: want EL1, MMU off, DAIF masked",
              (unsigned long long)((s->currentel >> 2) & 3), (unsigned long long)s->sctlr,
              (unsigned long long)s->daif);
        fmt_snprintf(name, sizeof(name), "cpu%u-own-stack", cpu);
        CHECK(name, s->sp > stack_lo && s->sp <= stack_lo + SMP_STACK_SIZE,
              "SP 0x%llx not in its stack 0x%llx-0x%llx", (unsigned long long)s->sp,
              (unsigned long long)stack_lo, (unsigned long long)(stack_lo + SMP_STACK_SIZE));
}

int guest_main(uint64_t dtb)
{
        uint64_t midr0, entry = (uint64_t)(uintptr_t)smp_secondary_entry;
        int64_t r;
        char name[48];

        (void)dtb;
        ncpus = smp_vcpu_count();
        __asm__ volatile("mrs %0, midr_el1" : "=r"(midr0));
        guest_printf(NAME ": %u vCPUs, MIDR_EL1 0x%llx MPIDR_EL1 0x%llx\n", ncpus,
                     (unsigned long long)midr0, (unsigned long long)read_mpidr());
        CHECK("vcpu-count", ncpus >= 2 && ncpus <= SMP_MAX_CPUS, "VM_INFO count %u (config: 4)", ncpus);
        if (ncpus < 2 || ncpus > SMP_MAX_CPUS)
                return guest_summary(NAME);
        CHECK("cpu0-mpidr", read_mpidr() == 0x80000000ull, "MPIDR_EL1 0x%llx, want 0x80000000",
              (unsigned long long)read_mpidr());

        check_basics();

        r = psci_affinity_info(0, 0);
        CHECK("affinity-info-self-on", r == PSCI_AFF_ON, "AFFINITY_INFO(0) %lld, want 0 (ON)", (long long)r);
        for (unsigned int c = 1; c < ncpus; c++) {
                r = psci_affinity_info(c, 0);
                fmt_snprintf(name, sizeof(name), "affinity-info-cpu%u-off-at-boot", c);
                CHECK(name, r == PSCI_AFF_OFF, "AFFINITY_INFO(%u) %lld, want 1 (OFF)", c, (long long)r);
        }

        /* Error cases that need an off vCPU or none. */
        r = psci_cpu_on(ncpus, entry, 0, false);
        CHECK("cpu-on-no-such-vcpu", r == PSCI_INVALID_PARAMETERS, "CPU_ON(MPIDR %u) %lld (%s), want -2",
              ncpus, (long long)r, psci_err(r));
        r = psci_cpu_on(0x100 | 1, entry, 0, false);
        CHECK("cpu-on-aff1", r == PSCI_INVALID_PARAMETERS, "CPU_ON(MPIDR 0x101) %lld (%s), want -2",
              (long long)r, psci_err(r));
        r = psci_cpu_on(0, entry, 0, false);
        CHECK("cpu-on-self-already-on", r == PSCI_ALREADY_ON, "CPU_ON(self) %lld (%s), want -4",
              (long long)r, psci_err(r));
        r = psci_cpu_on(ncpus - 1, 0x10000000ull, 0, false);
        CHECK("cpu-on-entry-outside-ram", r == PSCI_INVALID_ADDRESS,
              "CPU_ON(entry 0x10000000) %lld (%s), want -9", (long long)r, psci_err(r));
        r = psci_cpu_on(ncpus - 1, 0x40000000ull + (4ull << 30), 0, false);
        CHECK("cpu-on-entry-beyond-ram", r == PSCI_INVALID_ADDRESS,
              "CPU_ON(entry 0x140000000) %lld (%s), want -9", (long long)r, psci_err(r));
        r = psci_affinity_info(ncpus - 1, 0);
        CHECK("affinity-info-after-failed-on", r == PSCI_AFF_OFF, "AFFINITY_INFO %lld, want 1 (OFF)",
              (long long)r);
        r = psci_affinity_info(0, 1);
        CHECK("affinity-info-level1", r == PSCI_INVALID_PARAMETERS,
              "AFFINITY_INFO(0, level 1) %lld, want -2", (long long)r);
        r = psci_affinity_info(ncpus, 0);
        CHECK("affinity-info-no-such-vcpu", r == PSCI_INVALID_PARAMETERS,
              "AFFINITY_INFO(%u) %lld, want -2", ncpus, (long long)r);

        /* Bring up every vCPU: vCPU 1 with SMC, the others with HVC. */
        for (unsigned int c = 1; c < ncpus; c++) {
                bool smc = c == 1;

                r = smp_cpu_on(c, secondary, 0, smc);
                fmt_snprintf(name, sizeof(name), "cpu-on-cpu%u%s", c, smc ? "-smc" : "");
                CHECK(name, r == PSCI_SUCCESS, "CPU_ON %lld (%s)", (long long)r, psci_err(r));
        }
        for (unsigned int c = 1; c < ncpus; c++) {
                fmt_snprintf(name, sizeof(name), "cpu%u-reported-in", c);
                if (CHECK(name, wait_alive(c, 1), "vCPU %u did not report in within 2 s", c))
                        check_secondary_state(c, midr0);
        }
        for (unsigned int c = 0; c < ncpus; c++) {
                r = psci_affinity_info(c, 0);
                fmt_snprintf(name, sizeof(name), "affinity-info-cpu%u-on", c);
                CHECK(name, r == PSCI_AFF_ON, "AFFINITY_INFO(%u) %lld, want 0 (ON)", c, (long long)r);
        }
        r = psci_cpu_on(1, entry, 0, false);
        CHECK("cpu-on-already-on", r == PSCI_ALREADY_ON, "CPU_ON(running vCPU 1) %lld (%s), want -4",
              (long long)r, psci_err(r));

        /* CPU_OFF from vCPU 1, then on again. */
        slots[1].cmd = CMD_OFF;
        smp_mb();
        CHECK("cpu-off-affinity-off", wait_aff(1, PSCI_AFF_OFF, 5000000),
              "AFFINITY_INFO(1) still %lld 2 s after CPU_OFF", (long long)psci_affinity_info(1, 0));
        r = smp_cpu_on(1, secondary, 0, false);
        CHECK("cpu-on-again", r == PSCI_SUCCESS, "second CPU_ON of vCPU 1 %lld (%s)", (long long)r,
              psci_err(r));
        if (CHECK("cpu-on-again-reported-in", wait_alive(1, 2), "vCPU 1 did not run again"))
                check_secondary_state(1, midr0);

        /* ON_PENDING: vCPU 2 (or 1) off, then CPU_ON twice back to back. */
        {
                unsigned int c = ncpus > 2 ? 2 : 1;
                uint32_t gen = slots[c].alive;
                int64_t r1, r2, aff;

                slots[c].cmd = CMD_OFF;
                smp_mb();
                CHECK("cpu-off-2-affinity-off", wait_aff(c, PSCI_AFF_OFF, 5000000),
                      "AFFINITY_INFO(%u) never OFF after CPU_OFF", c);
                r1 = smp_cpu_on(c, secondary, 0, false);
                r2 = smp_cpu_on(c, secondary, 0, false);
                aff = psci_affinity_info(c, 0);
                guest_printf(NAME ": back-to-back CPU_ON of vCPU %u: %lld (%s), then %lld (%s); "
                             "AFFINITY_INFO %lld\n", c, (long long)r1, psci_err(r1), (long long)r2,
                             psci_err(r2), (long long)aff);
                CHECK("cpu-on-back-to-back-first", r1 == PSCI_SUCCESS, "first %lld (%s)", (long long)r1,
                      psci_err(r1));
                CHECK("cpu-on-back-to-back-second", r2 == PSCI_ALREADY_ON || r2 == PSCI_ON_PENDING,
                      "second %lld (%s), want ALREADY_ON or ON_PENDING", (long long)r2, psci_err(r2));
                CHECK("cpu-on-back-to-back-runs-once", wait_alive(c, gen + 1),
                      "vCPU %u did not report in", c);
                guest_delay_us(20000);
                CHECK("cpu-on-back-to-back-started-once", slots[c].alive == gen + 1,
                      "vCPU %u started %u times", c, slots[c].alive - gen);
        }

        /* Everyone off; AFFINITY_INFO shows it. */
        for (unsigned int c = 1; c < ncpus; c++) {
                slots[c].cmd = CMD_OFF;
                smp_mb();
        }
        for (unsigned int c = 1; c < ncpus; c++) {
                fmt_snprintf(name, sizeof(name), "cpu%u-off-at-end", c);
                CHECK(name, wait_aff(c, PSCI_AFF_OFF, 5000000), "AFFINITY_INFO(%u) %lld", c,
                      (long long)psci_affinity_info(c, 0));
        }
        return guest_summary(NAME);
}
