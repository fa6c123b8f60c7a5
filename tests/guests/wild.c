// SPDX-License-Identifier: MIT
/*
 * wild: points VBAR_EL1 at IPA 0 (unmapped) and executes an undefined
 * instruction. The injected exception's vector fetch itself aborts, and so
 * would every re-injection: the hypervisor must stop this VM with a report
 * instead of looping forever. Never exits on its own.
 */
#include "lib/guest.h"

int guest_main(uint64_t dtb)
{
        (void)dtb;
        guest_puts("wild guest: VBAR_EL1 = 0 (unmapped), then an undefined instruction");
        __asm__ volatile("msr vbar_el1, xzr\n\t"
                         "isb\n\t"
                         "udf #0x5bad" ::: "memory");
        guest_puts("FAIL wild: survived an exception with VBAR_EL1 = 0");
        return 98;
}
