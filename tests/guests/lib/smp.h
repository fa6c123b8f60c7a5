/* SPDX-License-Identifier: MIT */
/*
 * SMP support for the test guests: PSCI calls, secondary vCPU start-up on
 * their own stacks (SMP_STACK_SIZE each), the current vCPU's index (MPIDR_EL1
 * Aff0), a line-atomic printf for any vCPU, and memory barriers.
 *
 * Guests run with the MMU off, so data accesses are Device memory: share data
 * between vCPUs through per-vCPU slots written by one vCPU only (volatile,
 * with smp_mb()), not through exclusives.
 */
#ifndef TESTS_GUESTS_LIB_SMP_H
#define TESTS_GUESTS_LIB_SMP_H

#include "guest.h"

#define SMP_MAX_CPUS            8
#define SMP_STACK_SIZE          0x4000

/* PSCI function IDs (PSCI 1.1, DEN0022) and results. */
#define PSCI_FN_VERSION                 0x84000000u
#define PSCI_FN_CPU_SUSPEND_64          0xC4000001u
#define PSCI_FN_CPU_OFF                 0x84000002u
#define PSCI_FN_CPU_ON_32               0x84000003u
#define PSCI_FN_CPU_ON_64               0xC4000003u
#define PSCI_FN_AFFINITY_INFO_32        0x84000004u
#define PSCI_FN_AFFINITY_INFO_64        0xC4000004u
#define PSCI_FN_MIGRATE_INFO_TYPE       0x84000006u
#define PSCI_FN_SYSTEM_OFF              0x84000008u
#define PSCI_FN_FEATURES                0x8400000Au
#define SMCCC_FN_VERSION                0x80000000u

#define PSCI_SUCCESS                    0
#define PSCI_NOT_SUPPORTED              (-1)
#define PSCI_INVALID_PARAMETERS         (-2)
#define PSCI_DENIED                     (-3)
#define PSCI_ALREADY_ON                 (-4)
#define PSCI_ON_PENDING                 (-5)
#define PSCI_INTERNAL_FAILURE           (-6)
#define PSCI_NOT_PRESENT                (-7)
#define PSCI_DISABLED                   (-8)
#define PSCI_INVALID_ADDRESS            (-9)

#define PSCI_AFF_ON                     0
#define PSCI_AFF_OFF                    1
#define PSCI_AFF_ON_PENDING             2

static inline void smp_mb(void)
{
        __asm__ volatile("dmb sy" ::: "memory");
}

static inline uint64_t read_mpidr(void)
{
        uint64_t v;

        __asm__ volatile("mrs %0, mpidr_el1" : "=r"(v));
        return v;
}

/* This vCPU's index: MPIDR_EL1 Aff0. */
static inline unsigned int smp_cpu_id(void)
{
        return (unsigned int)(read_mpidr() & 0xff);
}

static inline void irq_enable(void)
{
        __asm__ volatile("msr daifclr, #2" ::: "memory");
}

static inline void irq_disable(void)
{
        __asm__ volatile("msr daifset, #2" ::: "memory");
}

/* Number of vCPUs (HYP_FN_VM_INFO). */
unsigned int smp_vcpu_count(void);

/* Code a secondary runs; when it returns, the vCPU calls PSCI CPU_OFF. */
typedef void (*smp_fn)(unsigned int cpu, uint64_t arg);

/*
 * Start vCPU 'cpu' (1..SMP_MAX_CPUS-1) at fn(cpu, arg) on its own stack with
 * PSCI CPU_ON (SMC64), made with HVC or, if use_smc, SMC. Returns PSCI's answer.
 */
int64_t smp_cpu_on(unsigned int cpu, smp_fn fn, uint64_t arg, bool use_smc);
/* Raw CPU_ON: target MPIDR, entry IPA, context id (x0 at the entry). */
int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t ctx, bool use_smc);
int64_t psci_affinity_info(uint64_t mpidr, uint64_t lowest_level);
__attribute__((noreturn)) void psci_cpu_off(void);

/* Secondary stacks: vCPU n runs on smp_stacks[n] (index 0 unused). */
extern uint8_t smp_stacks[SMP_MAX_CPUS][SMP_STACK_SIZE];

/* The secondary entry point (smp_entry.S): x0 = context id = (anything << 8) | cpu. */
extern char smp_secondary_entry[];
/* The context id the secondary on 'cpu' was last started with. */
uint64_t smp_start_context(unsigned int cpu);

/* printf for any vCPU: formats one line into a local buffer, one CONSOLE_WRITE. */
int smp_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Spin until *p == want or 'us' microseconds passed; true if seen. */
bool smp_wait_u32(volatile uint32_t *p, uint32_t want, uint64_t us);

#endif
