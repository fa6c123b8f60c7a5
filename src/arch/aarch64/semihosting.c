// SPDX-License-Identifier: MIT
#include "arch/aarch64/semihosting.h"
#include "arch/aarch64/esr.h"
#include "arch/aarch64/exception.h"

extern const char semihosting_hlt[];    /* the HLT instruction in semihosting_call (asm) */

bool semihosting_fixup(struct exc_frame *f)
{
        if (esr_ec(f->esr) != ESR_EC_UNKNOWN || f->elr != (uint64_t)(uintptr_t)semihosting_hlt)
                return false;
        f->x[0] = SEMIHOSTING_UNAVAILABLE;
        f->elr += 4;
        return true;
}

void semihosting_exit(int status)
{
        /* AArch64 SYS_EXIT takes a parameter block: reason, exit status. */
        static uint64_t block[2];

        block[0] = SEMIHOSTING_ADP_STOPPED_APPLICATION_EXIT;
        block[1] = (uint64_t)(int64_t)status;
        semihosting_call(SEMIHOSTING_SYS_EXIT, (uint64_t)(uintptr_t)block);
}
