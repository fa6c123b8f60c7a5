// SPDX-License-Identifier: MIT
#include "smp.h"

#include "lib/printf.h"

/* Secondary stacks (index 0 unused: vCPU 0 runs on the linker script's stack). */
uint8_t smp_stacks[SMP_MAX_CPUS][SMP_STACK_SIZE] __attribute__((aligned(16)));

static volatile smp_fn start_fn[SMP_MAX_CPUS];
static volatile uint64_t start_arg[SMP_MAX_CPUS];
static volatile uint64_t start_ctx[SMP_MAX_CPUS];

void smp_secondary_main(uint64_t ctx);

unsigned int smp_vcpu_count(void)
{
        struct hvc_res r;

        hvc_call(HYP_FN_VM_INFO, 0, 0, 0, &r);
        return r.x0 == 0 ? (unsigned int)r.x3 : 1;
}

static uint64_t psci(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3, bool use_smc)
{
        return use_smc ? smc_call(fn, a1, a2, a3, NULL) : hvc_call(fn, a1, a2, a3, NULL);
}

int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t ctx, bool use_smc)
{
        return (int64_t)psci(PSCI_FN_CPU_ON_64, mpidr, entry, ctx, use_smc);
}

int64_t psci_affinity_info(uint64_t mpidr, uint64_t lowest_level)
{
        return (int64_t)hvc_call(PSCI_FN_AFFINITY_INFO_64, mpidr, lowest_level, 0, NULL);
}

void psci_cpu_off(void)
{
        for (;;)
                hvc_call(PSCI_FN_CPU_OFF, 0, 0, 0, NULL);
}

int64_t smp_cpu_on(unsigned int cpu, smp_fn fn, uint64_t arg, bool use_smc)
{
        if (cpu == 0 || cpu >= SMP_MAX_CPUS)
                return PSCI_INVALID_PARAMETERS;
        start_fn[cpu] = fn;
        start_arg[cpu] = arg;
        smp_mb();
        return psci_cpu_on(cpu, (uint64_t)(uintptr_t)smp_secondary_entry,
                           ((uint64_t)0x5ec0 << 8) | cpu, use_smc);
}

uint64_t smp_start_context(unsigned int cpu)
{
        return cpu < SMP_MAX_CPUS ? start_ctx[cpu] : 0;
}

void smp_secondary_main(uint64_t ctx)
{
        unsigned int cpu = (unsigned int)(ctx & 0xff);
        smp_fn fn;

        start_ctx[cpu] = ctx;
        smp_mb();
        fn = start_fn[cpu];
        if (fn)
                fn(cpu, start_arg[cpu]);
        psci_cpu_off();
}

int smp_printf(const char *fmt, ...)
{
        char buf[256];
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
        va_end(ap);
        if (n > (int)sizeof(buf) - 1)
                n = (int)sizeof(buf) - 1;
        if (n > 0)
                console_write(buf, (size_t)n);
        return n;
}

bool smp_wait_u32(volatile uint32_t *p, uint32_t want, uint64_t us)
{
        uint64_t start = guest_cntvct();
        uint64_t ticks = guest_cntfrq() * us / 1000000u;

        while (*p != want) {
                if (guest_cntvct() - start > ticks)
                        return *p == want;
        }
        return true;
}
