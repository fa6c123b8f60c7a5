// SPDX-License-Identifier: MIT
/*
 * Platform discovery: the device tree firmware or QEMU handed over (in x0 or at
 * the platform's DTB address), else the platform's fixed facts.
 */
#include "arch/arch.h"
#include "core/platform_info.h"
#include "arch/aarch64/psci.h"
#include "arch/aarch64/semihosting.h"
#include "arch/aarch64/sysreg.h"
#include "drivers/gic.h"
#include "lib/fdt.h"
#include "lib/log.h"
#include "lib/string.h"

struct platform_info plat;

extern volatile uint8_t cpu_checked_in[PLAT_MAX_CPUS];

/* A DTB is trusted only once its header and token stream check out. */
static const void *find_dtb(uint64_t ptr, const char **source)
{
        static const uint64_t max = 2u << 20;

        if (ptr && !fdt_check_full((const void *)(uintptr_t)ptr, max)) {
                *source = "x0 at entry";
                return (const void *)(uintptr_t)ptr;
        }
        if (PLAT_DTB_ADDR && !fdt_check_full((const void *)(uintptr_t)PLAT_DTB_ADDR, max)) {
                *source = "platform DTB address";
                return (const void *)(uintptr_t)PLAT_DTB_ADDR;
        }
        *source = "none";
        return NULL;
}

static void discover_memory(const void *dtb)
{
        plat.ram_base = PLAT_RAM_BASE;
        plat.ram_size = PLAT_RAM_SIZE_DEFAULT;
        if (!dtb)
                return;
        for (int node = fdt_next_node(dtb, 0, NULL); node >= 0; node = fdt_next_node(dtb, node, NULL)) {
                int len;
                const char *type = fdt_getprop(dtb, node, "device_type", &len);
                uint64_t base, size;

                if (!type || len != 7 || memcmp(type, "memory", 7))
                        continue;
                /* The bank that holds the hypervisor is the one we manage. */
                for (int i = 0; !fdt_get_reg(dtb, node, i, &base, &size); i++) {
                        if (base <= PLAT_LOAD_ADDR && PLAT_LOAD_ADDR - base < size) {
                                plat.ram_base = base;
                                plat.ram_size = size;
                                return;
                        }
                }
        }
}

static void discover_cpus(const void *dtb)
{
        int cpus = dtb ? fdt_path_offset(dtb, "/cpus") : -1;

        plat.ncpus = 0;
        if (cpus >= 0) {
                for (int n = fdt_first_subnode(dtb, cpus); n >= 0; n = fdt_next_subnode(dtb, n)) {
                        int len;
                        const char *type = fdt_getprop(dtb, n, "device_type", &len);
                        uint64_t mpidr, unused;

                        if (!type || len != 4 || memcmp(type, "cpu", 4))
                                continue;
                        if (fdt_get_reg(dtb, n, 0, &mpidr, &unused) || plat.ncpus >= PLAT_MAX_CPUS)
                                continue;
                        plat.cpu_mpidr[plat.ncpus++] = mpidr;
                }
        }
        if (plat.ncpus)
                return;
        /*
         * No device tree: every CPU the model started checked in at EL2. Give
         * them a moment (they run the same EL3 set-up as we did) and count.
         */
        uint64_t freq = arch_counter_freq(), start = arch_counter();
        while (arch_counter() - start < freq / 100)
                ;
        for (unsigned int i = 0; i < PLAT_MAX_CPUS; i++) {
                if (i == plat.boot_cpu || cpu_checked_in[i])
                        plat.cpu_mpidr[plat.ncpus++] =
                                (i / PLAT_CORES_PER_CLUSTER) << 8 | (i % PLAT_CORES_PER_CLUSTER);
        }
}

static void discover_psci(const void *dtb)
{
        int node, len;
        const char *method;

        plat.psci = FW_NONE;
        if (plat.entry_el != 2)
                return;                 /* we are the firmware: nobody to ask */
        plat.psci = FW_SMC;             /* the usual conduit for a hypervisor */
        if (!dtb)
                return;
        node = fdt_path_offset(dtb, "/psci");
        method = node >= 0 ? fdt_getprop(dtb, node, "method", &len) : NULL;
        if (method && len >= 3 && !memcmp(method, "hvc", 3))
                plat.psci = FW_NONE;    /* HVC would trap to ourselves */
}

void platform_discover(uint64_t dtb_ptr, unsigned int boot_cpu, unsigned int entry_el)
{
        plat.entry_el = entry_el;
        plat.boot_cpu = boot_cpu;
        plat.dtb = find_dtb(dtb_ptr, &plat.dtb_source);
        discover_memory(plat.dtb);
        discover_cpus(plat.dtb);
        discover_psci(plat.dtb);
        plat.gic_version = gic_probe();
}

void platform_poweroff(int status)
{
        log_info("powering off (status %d)\n", status);
        semihosting_exit(status);
        if (plat.psci == FW_SMC)
                smc_call(PSCI_SYSTEM_OFF, 0, 0, 0);
        log_warn("no way to power off (no semihosting, no firmware): halting\n");
        arch_halt();
}
