/* SPDX-License-Identifier: MIT */
/*
 * Deliberate faults for the crash-report test (hypervisor command line
 * "selftest=crash-dabt" or "selftest=crash-undef"): known values in x19-x28
 * so the test can check the report prints registers faithfully.
 */
#include "arch/aarch64/asm.h"

.macro fill_callee_saved
        ldr     x19, =0x1919191919191919
        ldr     x20, =0x2020202020202020
        ldr     x21, =0x2121212121212121
        ldr     x22, =0x2222222222222222
        ldr     x23, =0x2323232323232323
        ldr     x24, =0x2424242424242424
        ldr     x25, =0x2525252525252525
        ldr     x26, =0x2626262626262626
        ldr     x27, =0x2727272727272727
        ldr     x28, =0x2828282828282828
.endm

/* Load from 0xdead00000000: beyond the PA range (MMU off) or unmapped (MMU on). */
globalfunc selftest_crash_dabt
        fill_callee_saved
        mov     x0, #0xdead00000000
        ldr     x1, [x0]
        b       .
        .ltorg
endfunc selftest_crash_dabt

globalfunc selftest_crash_undef
        fill_callee_saved
        udf     #0x4242
        b       .
        .ltorg
endfunc selftest_crash_undef
