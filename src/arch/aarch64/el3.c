// SPDX-License-Identifier: MIT
/*
 * Secure-side platform set-up, run at EL3 on every CPU before dropping to EL2
 * (only when the hypervisor owns EL3: there is no firmware to do it).
 * Runs before BSS is cleared and with the MMU off: no globals, aligned accesses.
 */
#include "arch/aarch64/mmio.h"
#include "drivers/gic.h"
#include "platform.h"

void el3_platform_init(unsigned int cpu);

/* CNTControlBase.CNTCR: bit 0 EN starts the system counter; FCREQ[17:8] = 0 picks frequency 0. */
#define CNTCR           0x000
#define CNTCR_EN        (1u << 0)

void el3_platform_init(unsigned int cpu)
{
        if (PLAT_CNTCONTROL_BASE)
                mmio_write32(PLAT_CNTCONTROL_BASE + CNTCR, CNTCR_EN);
        gic_el3_init(cpu);
}
