// SPDX-License-Identifier: MIT
/*
 * spin: a hostile neighbour. Prints one line, then spins forever with IRQs
 * masked and never traps: no WFI, no MMIO, no hypercall. Only the hypervisor's
 * own timer can take the CPU back from it, so the VMs that share its CPU run
 * only if the scheduler preempts it (its slice ends) and wakes their blocked
 * vCPUs on time.
 */
#include "lib/guest.h"
#include "lib/smp.h"

int guest_main(uint64_t dtb)
{
        (void)dtb;
        irq_disable();
        guest_puts("spin: spinning forever without exits");
        for (;;)
                __asm__ volatile("" ::: "memory");
}
