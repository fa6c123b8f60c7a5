/* SPDX-License-Identifier: MIT */
/* What the hypervisor learned about the machine at boot (device tree or platform facts). */
#ifndef CORE_PLATFORM_INFO_H
#define CORE_PLATFORM_INFO_H

#include <stdbool.h>
#include <stdint.h>

#include "platform.h"

enum fw_conduit { FW_NONE, FW_SMC, FW_HVC };

struct platform_info {
        unsigned int entry_el;          /* 3 or 2 */
        unsigned int boot_cpu;
        const void *dtb;                /* host device tree, or NULL */
        const char *dtb_source;
        uint64_t ram_base, ram_size;
        unsigned int ncpus;             /* CPUs the platform has (<= PLAT_MAX_CPUS) */
        uint64_t cpu_mpidr[PLAT_MAX_CPUS];
        enum fw_conduit psci;           /* firmware PSCI underneath us (entered at EL2) */
        unsigned int gic_version;       /* 2 or 3 */
};

extern struct platform_info plat;

void platform_discover(uint64_t dtb_ptr, unsigned int boot_cpu, unsigned int entry_el);
/* End the run: semihosting exit with status, else firmware SYSTEM_OFF, else halt. */
void __attribute__((noreturn)) platform_poweroff(int status);

#endif
