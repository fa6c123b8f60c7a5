// SPDX-License-Identifier: MIT
/*
 * cpu-on-race: vCPUs 0, 1 and 2 call PSCI CPU_ON for vCPU 3 at the same moment,
 * ROUNDS times; vCPU 3 records the context id it was started with and stays on
 * until vCPU 0 has judged the round, then turns itself off, and the next round
 * starts as soon as AFFINITY_INFO says it is off (CPU_ON right behind CPU_OFF,
 * while its owner may still be saving it).
 * Every round: exactly one SUCCESS, ALREADY_ON for the others, and vCPU 3 ran
 * exactly once, from the entry point with the winner's context id.
 * Needs 4 vCPUs (configs/test-cpu-on-race.dts).
 */
#include "lib/guest.h"
#include "lib/smp.h"

#define NAME            "cpu-on-race"
#define ROUNDS          200
#define RACERS          3               /* vCPUs 0, 1, 2 */
#define TARGET          3
#define WAIT_S          10              /* host-time seconds before a round counts as stuck */

static volatile uint32_t go;            /* written by vCPU 0: the round to race in */
static volatile uint32_t done[RACERS];  /* racer i: the last round it raced */
static volatile int64_t result[RACERS]; /* racer i: its CPU_ON answer in that round */
static volatile uint32_t target_runs;   /* written by vCPU 3: how often it started */
static volatile uint32_t release;       /* vCPU 0: vCPU 3 may turn off after this run */
static volatile uint64_t target_ctx;    /* ... and with which context id, last */
static volatile uint32_t stop;          /* vCPU 0: racers, return */

/* Context id: round << 16 | caller << 8 | TARGET (smp_entry.S takes the low byte). */
static uint64_t ctx_of(uint32_t round, unsigned int caller)
{
        return ((uint64_t)round << 16) | ((uint64_t)caller << 8) | TARGET;
}

static void race(unsigned int me, uint32_t round)
{
        result[me] = psci_cpu_on(TARGET, (uint64_t)(uintptr_t)smp_secondary_entry,
                                 ctx_of(round, me), false);
        smp_mb();
        done[me] = round;
        smp_mb();
}

static void racer(unsigned int cpu, uint64_t arg)
{
        uint32_t last = 0;

        (void)arg;
        while (!stop) {
                uint32_t r = go;

                if (r == last) {
                        __asm__ volatile("yield");
                        continue;
                }
                race(cpu, r);
                last = r;
        }
}

static void target(unsigned int cpu, uint64_t arg)
{
        (void)arg;
        uint32_t n = target_runs + 1;

        target_ctx = smp_start_context(cpu);
        smp_mb();
        target_runs = n;
        smp_mb();
        while (release < n && !stop)
                __asm__ volatile("yield");
        /* returns: smp_secondary_main calls CPU_OFF */
}

static bool wait_for(volatile uint32_t *p, uint32_t want, uint64_t deadline)
{
        while (*p != want)
                if (guest_cntvct() > deadline)
                        return false;
        return true;
}

int guest_main(uint64_t dtb)
{
        uint64_t hz = guest_cntfrq();
        unsigned int bad_rounds = 0;

        (void)dtb;
        if (!CHECK("four-vcpus", smp_vcpu_count() >= 4, "%u vCPUs, want 4", smp_vcpu_count()))
                return guest_summary(NAME);
        for (unsigned int c = 1; c < RACERS; c++)
                CHECK("start-racer", smp_cpu_on(c, racer, 0, false) == PSCI_SUCCESS,
                      "CPU_ON(vCPU %u) failed", c);
        /* vCPU 3 runs target() whenever started through smp_secondary_entry: run 1. */
        if (smp_cpu_on(TARGET, target, 0, false) != PSCI_SUCCESS ||
            !wait_for(&target_runs, 1, guest_cntvct() + WAIT_S * hz)) {
                CHECK("target-first-start", false, "vCPU 3 did not start");
                return guest_summary(NAME);
        }
        release = 1;

        for (uint32_t r = 1; r <= ROUNDS; r++) {
                uint64_t deadline = guest_cntvct() + WAIT_S * hz;
                unsigned int success = 0, winner = RACERS, bad = 0;
                bool settled;

                /* vCPU 3 is off (or about to be: CPU_OFF saves it after saying so). */
                while (psci_affinity_info(TARGET, 0) != PSCI_AFF_OFF && guest_cntvct() < deadline)
                        ;
                smp_mb();
                go = r;
                smp_mb();
                race(0, r);
                settled = wait_for(&done[1], r, deadline) && wait_for(&done[2], r, deadline) &&
                          wait_for(&target_runs, r + 1, deadline);
                for (unsigned int i = 0; i < RACERS; i++) {
                        if (result[i] == PSCI_SUCCESS) {
                                success++;
                                winner = i;
                        } else if (result[i] != PSCI_ALREADY_ON) {
                                bad++;
                        }
                }
                if (!CHECK_QUIET("round", settled && success == 1 && bad == 0 &&
                                 target_ctx == ctx_of(r, winner),
                                 "round %u: %s; answers %lld %lld %lld; vCPU 3 ran %u times, "
                                 "last with ctx 0x%llx", r, settled ? "settled" : "stuck",
                                 (long long)result[0], (long long)result[1],
                                 (long long)result[2], target_runs - r,
                                 (unsigned long long)target_ctx))
                        if (++bad_rounds >= 5 || !settled)
                                break;
                smp_mb();
                release = target_runs;          /* vCPU 3 may turn off now */
                smp_mb();
        }
        stop = 1;
        smp_mb();
        CHECK("every-round-one-success", bad_rounds == 0,
              "%u of %u rounds went wrong (first ones above)", bad_rounds, ROUNDS);
        guest_printf(NAME ": %u rounds of 3 racing CPU_ONs\n", ROUNDS);
        return guest_summary(NAME);
}
