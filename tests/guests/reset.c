// SPDX-License-Identifier: MIT
/*
 * reset: PSCI SYSTEM_RESET restarts the VM. First boot: leave a mark in RAM
 * outside the image (reset reloads the images, it does not clear RAM), print
 * and reset. Second boot: the mark is there, the image is fresh (its data
 * reloaded), so report and exit 0. A third boot would mean the reset looped.
 */
#include "lib/guest.h"

#define PSCI_SYSTEM_RESET       0x84000009u
#define MARK_IPA                0x40800000ull           /* 8 MiB into RAM, past the image */
#define MARK                    0x5e5e7000u

static volatile uint32_t data_word = 0x1234;            /* .data: changed before the reset */

int guest_main(uint64_t dtb)
{
        volatile uint32_t *mark = (volatile uint32_t *)MARK_IPA;
        struct hvc_res r;

        (void)dtb;
        if ((*mark & 0xfffff000u) != MARK) {
                *mark = MARK | 1;
                data_word = 0xdead;
                guest_puts("reset guest: first boot, calling PSCI SYSTEM_RESET");
                hvc_call(PSCI_SYSTEM_RESET, 0, 0, 0, &r);
                guest_puts("FAIL reset: SYSTEM_RESET returned");
                return 1;
        }
        if ((*mark & 0xfff) != 1) {
                guest_printf("FAIL reset: booted %u times\n", *mark & 0xfff);
                return 1;
        }
        *mark = MARK | 2;
        CHECK("reset-image-reloaded", data_word == 0x1234, "data 0x%x survived the reset", data_word);
        guest_puts("reset guest: second boot after SYSTEM_RESET");
        return guest_summary("reset");
}
