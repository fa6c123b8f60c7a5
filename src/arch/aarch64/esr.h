/* SPDX-License-Identifier: MIT */
/* ESR_ELx: exception syndrome fields and their names (portable: unit-tested on the host). */
#ifndef ARCH_AARCH64_ESR_H
#define ARCH_AARCH64_ESR_H

#include <stdbool.h>
#include <stdint.h>

#define ESR_EC_SHIFT            26
#define ESR_EC_MASK             0x3Fu
#define ESR_IL                  (1u << 25)      /* 32-bit instruction */
#define ESR_ISS_MASK            0x1FFFFFFu

/* Exception classes (ESR_ELx.EC), Arm ARM D17.2.37. */
#define ESR_EC_UNKNOWN          0x00
#define ESR_EC_WFX              0x01
#define ESR_EC_CP15_32          0x03
#define ESR_EC_CP15_64          0x04
#define ESR_EC_CP14_MR          0x05
#define ESR_EC_CP14_LS          0x06
#define ESR_EC_FP_ASIMD         0x07
#define ESR_EC_CP10_ID          0x08
#define ESR_EC_PAC              0x09
#define ESR_EC_CP14_64          0x0C
#define ESR_EC_BTI              0x0D
#define ESR_EC_ILL              0x0E
#define ESR_EC_SVC32            0x11
#define ESR_EC_HVC32            0x12
#define ESR_EC_SMC32            0x13
#define ESR_EC_SVC64            0x15
#define ESR_EC_HVC64            0x16
#define ESR_EC_SMC64            0x17
#define ESR_EC_SYS64            0x18            /* trapped MSR, MRS or system instruction */
#define ESR_EC_SVE              0x19
#define ESR_EC_ERET             0x1A
#define ESR_EC_FPAC             0x1C
#define ESR_EC_SME              0x1D
#define ESR_EC_IMP_DEF          0x1F
#define ESR_EC_IABT_LOW         0x20            /* instruction abort from a lower EL */
#define ESR_EC_IABT_CUR         0x21
#define ESR_EC_PC_ALIGN         0x22
#define ESR_EC_DABT_LOW         0x24            /* data abort from a lower EL */
#define ESR_EC_DABT_CUR         0x25
#define ESR_EC_SP_ALIGN         0x26
#define ESR_EC_MOPS             0x27
#define ESR_EC_FP_EXC32         0x28
#define ESR_EC_FP_EXC64         0x2C
#define ESR_EC_SERROR           0x2F
#define ESR_EC_BREAKPT_LOW      0x30
#define ESR_EC_BREAKPT_CUR      0x31
#define ESR_EC_SOFTSTP_LOW      0x32
#define ESR_EC_SOFTSTP_CUR      0x33
#define ESR_EC_WATCHPT_LOW      0x34
#define ESR_EC_WATCHPT_CUR      0x35
#define ESR_EC_BKPT32           0x38
#define ESR_EC_VECTOR32         0x3A
#define ESR_EC_BRK64            0x3C

/* Data/instruction abort ISS. */
#define ESR_DABT_ISV            (1u << 24)      /* bits 23:14 below are valid */
#define ESR_DABT_SAS_SHIFT      22              /* access size: 0 byte .. 3 doubleword */
#define ESR_DABT_SSE            (1u << 21)      /* sign-extend */
#define ESR_DABT_SRT_SHIFT      16              /* register transferred */
#define ESR_DABT_SF             (1u << 15)      /* 64-bit register */
#define ESR_DABT_AR             (1u << 14)      /* acquire/release */
#define ESR_DABT_FNV            (1u << 10)      /* FAR not valid */
#define ESR_DABT_EA             (1u << 9)
#define ESR_DABT_CM             (1u << 8)       /* cache maintenance */
#define ESR_DABT_S1PTW          (1u << 7)       /* fault on a stage-2 walk of a stage-1 table */
#define ESR_DABT_WNR            (1u << 6)       /* write, not read */
#define ESR_xABT_FSC_MASK       0x3Fu

/* Fault status codes (DFSC/IFSC). */
#define FSC_ADDR_SIZE_L0        0x00
#define FSC_TRANS_L0            0x04
#define FSC_ACCESS_L0           0x08
#define FSC_PERM_L0             0x0C
#define FSC_SYNC_EXT            0x10
#define FSC_ALIGNMENT           0x21

static inline unsigned int esr_ec(uint64_t esr)
{
        return (unsigned int)(esr >> ESR_EC_SHIFT) & ESR_EC_MASK;
}

static inline uint32_t esr_iss(uint64_t esr)
{
        return (uint32_t)esr & ESR_ISS_MASK;
}

/* "Data Abort taken without a change in Exception level", or "reserved EC". */
const char *esr_ec_name(unsigned int ec);
/* "translation fault, level 2", written into buf; returns buf. */
const char *esr_fsc_describe(unsigned int fsc, char *buf, unsigned long size);

/* Decoded data-abort syndrome (valid only when ISV is set). */
struct dabt_info {
        bool valid;             /* ISV: the fields below describe the access */
        bool write;
        bool sign_extend;
        bool sixty_four;        /* SF: 64-bit destination register */
        unsigned int size;      /* bytes: 1, 2, 4 or 8 */
        unsigned int reg;       /* 0-30, 31 = xzr */
        unsigned int fsc;
        bool s1ptw;
        bool cache_maint;
};

struct dabt_info esr_decode_dabt(uint64_t esr);

#endif
