/* SPDX-License-Identifier: MIT */
#include "arch/aarch64/asm.h"

/* uint64_t semihosting_call(uint64_t op, uint64_t param) */
globalfunc semihosting_call
        .global semihosting_hlt
semihosting_hlt:
        hlt     #0xf000
        ret
endfunc semihosting_call
