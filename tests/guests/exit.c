// SPDX-License-Identifier: MIT
/* exit: ends the VM with status 3 (checks the exit status reaches hypctl). */
#include "lib/guest.h"

int guest_main(uint64_t dtb)
{
        (void)dtb;
        guest_puts("exit guest: exiting with status 3");
        vm_exit(3);
}
