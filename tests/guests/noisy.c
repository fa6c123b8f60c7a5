// SPDX-License-Identifier: MIT
/*
 * noisy: NOISE accesses the hypervisor must refuse with a message each (a load
 * pair from the virtual UART: no syndrome to emulate it by), so many that
 * printing every message would flood the console. Each must still get its data
 * abort; the hypervisor prints VM_MSG_PER_S a second and counts the rest
 * (tests/tools/test_rate_limit.py adds them up). A second burst after a pause
 * shows the budget refilling.
 */
#include "lib/guest.h"

#define NAME    "noisy"
#define NOISE   1000
#define UART    0x09000000ull

static unsigned int burst(unsigned int n)
{
        unsigned int aborted = 0;

        for (unsigned int i = 0; i < n; i++) {
                struct guest_exc exc;
                uint32_t a, b;

                expect_exception();
                __asm__ volatile("ldp %w0, %w1, [%2]" : "=r"(a), "=r"(b) : "r"(UART) : "memory");
                if (expect_exception_end(&exc) && exc.ec == 0x25)
                        aborted++;
        }
        return aborted;
}

int guest_main(uint64_t dtb)
{
        unsigned int first, second;

        (void)dtb;
        first = burst(NOISE - 10);
        guest_delay_us(1500000);        /* past the hypervisor's one-second budget period */
        second = burst(10);
        CHECK("every-access-aborted", first + second == NOISE,
              "%u of %u load pairs got a data abort", first + second, NOISE);
        guest_printf(NAME ": %u refused accesses\n", NOISE);
        return guest_summary(NAME);
}
