// SPDX-License-Identifier: MIT
/*
 * heartbeat: the VM next to a hostile one. It beats every 'period_us' (bootargs
 * "beats=N period_us=N maxgap_ms=N"), waiting in WFI for its virtual timer
 * between beats, and checks at each beat that a canary pattern across 256 KiB
 * of its RAM is intact. It fails if a beat comes more than maxgap_ms after the
 * previous one (the other VM took its CPU) or the canary changed (someone
 * wrote its memory). Prints every 50th beat, then a summary with the largest gap.
 */
#include "lib/guest.h"

#define NAME            "heartbeat"
#define CANARY_WORDS    (256u * 1024 / 8)

static uint64_t canary[CANARY_WORDS];
static uint64_t beats = 200, period_us = 10000, maxgap_ms = 2000;

static uint64_t pattern(uint64_t i)
{
        return (i * 0x9E3779B97F4A7C15ull) ^ 0xC0FFEE00D15EA5E5ull;
}

/* Wait in WFI until the virtual timer reaches 'until' (IRQs stay masked: WFI wakes on
 * the pending timer interrupt, the hypervisor on its deadline). */
static void sleep_until(uint64_t until)
{
        while (guest_cntvct() < until) {
                __asm__ volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb; wfi"
                                 : : "r"(until), "r"(1ull) : "memory");
        }
        __asm__ volatile("msr cntv_ctl_el0, xzr; isb" ::: "memory");
}

int guest_main(uint64_t dtb)
{
        uint64_t freq, period, last, max_gap = 0, bad_words = 0, late = 0;

        guest_bootarg_u64(dtb, "beats", &beats);
        guest_bootarg_u64(dtb, "period_us", &period_us);
        guest_bootarg_u64(dtb, "maxgap_ms", &maxgap_ms);
        freq = guest_cntfrq();
        period = freq / 1000000 * period_us;
        for (uint64_t i = 0; i < CANARY_WORDS; i++)
                canary[i] = pattern(i);
        guest_printf(NAME ": %llu beats, one every %llu us, canary of %u KiB\n",
                     (unsigned long long)beats, (unsigned long long)period_us,
                     (unsigned)(sizeof(canary) / 1024));
        last = guest_cntvct();
        for (uint64_t b = 1; b <= beats; b++) {
                uint64_t now, gap;

                sleep_until(last + period);
                now = guest_cntvct();
                gap = now - last;
                last = now;
                if (gap > max_gap)
                        max_gap = gap;
                if (gap > freq / 1000 * maxgap_ms)
                        late++;
                for (uint64_t i = 0; i < CANARY_WORDS; i++)
                        if (canary[i] != pattern(i))
                                bad_words++, canary[i] = pattern(i);
                if (b % 50 == 0)
                        guest_printf(NAME ": beat %llu\n", (unsigned long long)b);
        }
        guest_printf(NAME ": largest gap between beats %llu us\n",
                     (unsigned long long)(max_gap / (freq / 1000000)));
        CHECK("no-lost-beats", late == 0, "%llu beats came more than %llu ms late",
              (unsigned long long)late, (unsigned long long)maxgap_ms);
        CHECK("canary", bad_words == 0, "%llu words of the canary changed",
              (unsigned long long)bad_words);
        return guest_summary(NAME);
}
