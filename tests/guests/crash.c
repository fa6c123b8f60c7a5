// SPDX-License-Identifier: MIT
/*
 * crash: branches to an unmapped IPA. The hypervisor injects the instruction
 * abort; nothing is armed, so the guest's handler prints
 * "FAIL unexpected exception: EC 0x21 ..." and exits with status 99.
 */
#include "lib/guest.h"

#define CRASH_TARGET    0x10000000ull

int guest_main(uint64_t dtb)
{
        void (*volatile target)(void) = (void (*)(void))(uintptr_t)CRASH_TARGET;

        (void)dtb;
        guest_printf("crash guest: jumping to unmapped IPA 0x%llx\n", (unsigned long long)CRASH_TARGET);
        target();
        guest_puts("FAIL crash: returned from the unmapped IPA");
        return 98;
}
