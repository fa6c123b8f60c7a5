/* SPDX-License-Identifier: MIT */
#include "arch/aarch64/asm.h"

/* uint64_t smc_call(fid, a1, a2, a3): SMCCC call to EL3 firmware. */
globalfunc smc_call
        smc     #0
        ret
endfunc smc_call

/* uint64_t hvc_call(fid, a1, a2, a3) */
globalfunc hvc_call
        hvc     #0
        ret
endfunc hvc_call
