// SPDX-License-Identifier: MIT
#include "arch/arch.h"
#include "arch/aarch64/mmu.h"
#include "arch/aarch64/psci.h"
#include "arch/aarch64/sysreg.h"
#include "core/pcpu.h"
#include "core/platform_info.h"
#include "core/sched.h"
#include "core/smp.h"
#include "core/trap.h"
#include "drivers/gic.h"
#include "lib/log.h"
#include "lib/spinlock.h"

/* entry.S */
extern volatile uint64_t cpu_release_addr[PLAT_MAX_CPUS];
extern volatile uint8_t cpu_checked_in[PLAT_MAX_CPUS];
void secondary_psci_entry(void);
void secondary_main(unsigned int cpu);
void pcpu_init(unsigned int cpu);

/* C entry of a secondary CPU: MMU, GIC, traps, then run whatever vCPUs it is given. */
void secondary_main(unsigned int cpu)
{
        pcpu_init(cpu);
        mmu_enable_secondary();
        gic_init_cpu(cpu);
        arch_trap_init_cpu();
        stage2_init_cpu();
        __atomic_store_n(&pcpus[cpu].online, true, __ATOMIC_RELEASE);
        sched_start();
}

static bool wait_online(unsigned int cpu)
{
        uint64_t freq = arch_counter_freq(), start = arch_counter();

        while (!__atomic_load_n(&pcpus[cpu].online, __ATOMIC_ACQUIRE)) {
                if (arch_counter() - start > freq)     /* 1 s */
                        return false;
                cpu_relax();
        }
        return true;
}

unsigned int smp_boot_secondaries(void)
{
        unsigned int online = 1;

        for (unsigned int i = 0; i < plat.ncpus; i++) {
                uint64_t mpidr = plat.cpu_mpidr[i];
                unsigned int cpu = arch_cpu_index(mpidr);

                if (cpu >= PLAT_MAX_CPUS || cpu == plat.boot_cpu)
                        continue;
                pcpus[cpu].mpidr = mpidr;
                if (plat.entry_el == 3) {
                        /* Parked in entry.S: publish the entry point and wake it. */
                        cpu_release_addr[cpu] = (uint64_t)(uintptr_t)secondary_main;
                        arch_clean_dcache_line(&cpu_release_addr[cpu]);
                        arch_send_event();
                } else if (plat.psci == FW_SMC) {
                        int64_t r = (int64_t)smc_call(PSCI_CPU_ON_64, mpidr,
                                                      (uint64_t)(uintptr_t)secondary_psci_entry, cpu);
                        if (r) {
                                log_warn("CPU %u (MPIDR 0x%llx): firmware CPU_ON failed (%lld)\n",
                                         cpu, (unsigned long long)mpidr, (long long)r);
                                continue;
                        }
                } else {
                        continue;
                }
                if (wait_online(cpu))
                        online++;
                else
                        log_warn("CPU %u (MPIDR 0x%llx) did not come online\n", cpu,
                                 (unsigned long long)mpidr);
        }
        return online;
}

unsigned int smp_online_cpus(unsigned int *ids, unsigned int max)
{
        unsigned int n = 0;

        for (unsigned int cpu = 0; cpu < PLAT_MAX_CPUS && n < max; cpu++)
                if (__atomic_load_n(&pcpus[cpu].online, __ATOMIC_ACQUIRE))
                        ids[n++] = cpu;
        return n;
}
