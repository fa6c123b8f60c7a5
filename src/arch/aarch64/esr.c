// SPDX-License-Identifier: MIT
#include "arch/aarch64/esr.h"
#include "lib/printf.h"

static const char *const ec_names[64] = {
        [ESR_EC_UNKNOWN]     = "Unknown reason (undefined instruction)",
        [ESR_EC_WFX]         = "Trapped WFI or WFE instruction",
        [ESR_EC_CP15_32]     = "Trapped MCR or MRC access (coproc 0b1111)",
        [ESR_EC_CP15_64]     = "Trapped MCRR or MRRC access (coproc 0b1111)",
        [ESR_EC_CP14_MR]     = "Trapped MCR or MRC access (coproc 0b1110)",
        [ESR_EC_CP14_LS]     = "Trapped LDC or STC access",
        [ESR_EC_FP_ASIMD]    = "Trapped SVE, Advanced SIMD or floating-point access",
        [ESR_EC_CP10_ID]     = "Trapped VMRS access",
        [ESR_EC_PAC]         = "Trapped pointer authentication instruction",
        [ESR_EC_CP14_64]     = "Trapped MRRC access (coproc 0b1110)",
        [ESR_EC_BTI]         = "Branch Target Exception",
        [ESR_EC_ILL]         = "Illegal Execution state",
        [ESR_EC_SVC32]       = "SVC instruction (AArch32)",
        [ESR_EC_HVC32]       = "HVC instruction (AArch32)",
        [ESR_EC_SMC32]       = "SMC instruction (AArch32)",
        [ESR_EC_SVC64]       = "SVC instruction (AArch64)",
        [ESR_EC_HVC64]       = "HVC instruction (AArch64)",
        [ESR_EC_SMC64]       = "SMC instruction (AArch64)",
        [ESR_EC_SYS64]       = "Trapped MSR, MRS or System instruction",
        [ESR_EC_SVE]         = "Trapped SVE access",
        [ESR_EC_ERET]        = "Trapped ERET, ERETAA or ERETAB",
        [ESR_EC_FPAC]        = "Pointer authentication failure",
        [ESR_EC_SME]         = "Trapped SME access",
        [ESR_EC_IMP_DEF]     = "IMPLEMENTATION DEFINED exception to EL3",
        [ESR_EC_IABT_LOW]    = "Instruction Abort from a lower Exception level",
        [ESR_EC_IABT_CUR]    = "Instruction Abort taken without a change in Exception level",
        [ESR_EC_PC_ALIGN]    = "PC alignment fault",
        [ESR_EC_DABT_LOW]    = "Data Abort from a lower Exception level",
        [ESR_EC_DABT_CUR]    = "Data Abort taken without a change in Exception level",
        [ESR_EC_SP_ALIGN]    = "SP alignment fault",
        [ESR_EC_MOPS]        = "Memory Operation (MOPS) exception",
        [ESR_EC_FP_EXC32]    = "Trapped floating-point exception (AArch32)",
        [ESR_EC_FP_EXC64]    = "Trapped floating-point exception (AArch64)",
        [ESR_EC_SERROR]      = "SError interrupt",
        [ESR_EC_BREAKPT_LOW] = "Breakpoint from a lower Exception level",
        [ESR_EC_BREAKPT_CUR] = "Breakpoint taken without a change in Exception level",
        [ESR_EC_SOFTSTP_LOW] = "Software Step from a lower Exception level",
        [ESR_EC_SOFTSTP_CUR] = "Software Step taken without a change in Exception level",
        [ESR_EC_WATCHPT_LOW] = "Watchpoint from a lower Exception level",
        [ESR_EC_WATCHPT_CUR] = "Watchpoint taken without a change in Exception level",
        [ESR_EC_BKPT32]      = "BKPT instruction (AArch32)",
        [ESR_EC_VECTOR32]    = "Vector Catch (AArch32)",
        [ESR_EC_BRK64]       = "BRK instruction (AArch64)",
};

const char *esr_ec_name(unsigned int ec)
{
        if (ec < 64 && ec_names[ec])
                return ec_names[ec];
        return "reserved exception class";
}

const char *esr_fsc_describe(unsigned int fsc, char *buf, unsigned long size)
{
        static const char *const kinds[] = {
                "address size fault", "translation fault", "access flag fault", "permission fault",
        };
        fsc &= ESR_xABT_FSC_MASK;

        if (fsc < 0x10) {
                fmt_snprintf(buf, size, "%s, level %u", kinds[fsc >> 2], fsc & 3);
        } else if (fsc >= 0x14 && fsc <= 0x17) {
                fmt_snprintf(buf, size, "synchronous external abort on table walk, level %u", fsc & 3);
        } else {
                const char *s;

                switch (fsc) {
                case 0x10: s = "synchronous external abort"; break;
                case 0x11: s = "asynchronous SError"; break;
                case 0x18: s = "synchronous parity/ECC error"; break;
                case 0x21: s = "alignment fault"; break;
                case 0x22: s = "granule protection fault"; break;
                case 0x30: s = "TLB conflict abort"; break;
                case 0x31: s = "unsupported atomic hardware update fault"; break;
                case 0x34: s = "IMPLEMENTATION DEFINED fault (lockdown)"; break;
                case 0x35: s = "IMPLEMENTATION DEFINED fault (unsupported exclusive or atomic)"; break;
                default: s = "reserved fault status code"; break;
                }
                fmt_snprintf(buf, size, "%s", s);
        }
        return buf;
}

struct dabt_info esr_decode_dabt(uint64_t esr)
{
        uint32_t iss = esr_iss(esr);
        struct dabt_info d = {
                .valid = (iss & ESR_DABT_ISV) != 0,
                .write = (iss & ESR_DABT_WNR) != 0,
                .fsc = iss & ESR_xABT_FSC_MASK,
                .s1ptw = (iss & ESR_DABT_S1PTW) != 0,
                .cache_maint = (iss & ESR_DABT_CM) != 0,
        };

        if (d.valid) {
                d.size = 1u << ((iss >> ESR_DABT_SAS_SHIFT) & 3);
                d.sign_extend = (iss & ESR_DABT_SSE) != 0;
                d.reg = (iss >> ESR_DABT_SRT_SHIFT) & 0x1f;
                d.sixty_four = (iss & ESR_DABT_SF) != 0;
        }
        return d;
}
