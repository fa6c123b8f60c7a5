/* SPDX-License-Identifier: MIT */
/*
 * System-register encodings as a trapped MSR/MRS reports them (ESR_EL2.EC 0x18)
 * and as one number per register (Linux's sys_reg()), for the registers the
 * hypervisor emulates. Portable: constants and pure functions only.
 */
#ifndef ARCH_AARCH64_SYSREG_ENC_H
#define ARCH_AARCH64_SYSREG_ENC_H

#include <stdint.h>

/*
 * ESR_EL2.ISS of a trapped MSR/MRS/system instruction (EC 0x18)
 *   21:20 Op0
 *   19:17 Op2
 *   16:14 Op1
 *   13:10 CRn
 *   09:05 Rt
 *   04:01 CRm
 *   00:00 Direction  1 read (MRS), 0 write (MSR)
 */
#define SYS_ISS_DIR_READ        (1u << 0)
#define SYS_ISS_CRM(iss)        (((iss) >> 1) & 0xf)
#define SYS_ISS_RT(iss)         (((iss) >> 5) & 0x1f)
#define SYS_ISS_CRN(iss)        (((iss) >> 10) & 0xf)
#define SYS_ISS_OP1(iss)        (((iss) >> 14) & 0x7)
#define SYS_ISS_OP2(iss)        (((iss) >> 17) & 0x7)
#define SYS_ISS_OP0(iss)        (((iss) >> 20) & 0x3)

/*
 * One number per register, in the ISS's own field order so that a trap gets it in
 * four instructions: op0 15:14, op2 13:11, op1 10:8, CRn 7:4, CRm 3:0.
 */
#define SYS_REG(op0, op1, crn, crm, op2) \
        (((op0) << 14) | ((op2) << 11) | ((op1) << 8) | ((crn) << 4) | (crm))
#define SYS_REG_OP0(r)          (((r) >> 14) & 0x3)
#define SYS_REG_OP2(r)          (((r) >> 11) & 0x7)
#define SYS_REG_OP1(r)          (((r) >> 8) & 0x7)
#define SYS_REG_CRN(r)          (((r) >> 4) & 0xf)
#define SYS_REG_CRM(r)          ((r) & 0xf)
/* Masks over SYS_REG numbers, for handlers of a whole group. */
#define SYS_REG_MASK_ALL        0xffffu
#define SYS_REG_MASK_OP2        (0x7u << 11)    /* any op2 */
#define SYS_REG_MASK_OP0        (0x3u << 14)    /* only op0 matters */

static inline uint32_t sys_reg_from_iss(uint32_t iss)
{
        /* ISS 21:10 (op0 op2 op1 CRn) -> 15:4, ISS 4:1 (CRm) -> 3:0 */
        return ((iss >> 6) & 0xfff0) | ((iss >> 1) & 0xf);
}

/* An ISS for reg (the inverse, for tests and tools). */
static inline uint32_t sys_iss_for(uint32_t reg, unsigned int rt, int read)
{
        return ((reg & 0xfff0) << 6) | ((reg & 0xf) << 1) | (rt << 5) | (read ? 1u : 0u);
}

#define SYS_ID_AA64PFR0_EL1     SYS_REG(3, 0, 0, 4, 0)
#define SYS_ID_AA64PFR1_EL1     SYS_REG(3, 0, 0, 4, 1)
#define SYS_ID_AA64ZFR0_EL1     SYS_REG(3, 0, 0, 4, 4)
#define SYS_ID_AA64SMFR0_EL1    SYS_REG(3, 0, 0, 4, 5)
#define SYS_ID_AA64DFR0_EL1     SYS_REG(3, 0, 0, 5, 0)
#define SYS_ID_AA64DFR1_EL1     SYS_REG(3, 0, 0, 5, 1)
#define SYS_ID_AA64AFR0_EL1     SYS_REG(3, 0, 0, 5, 4)
#define SYS_ID_AA64AFR1_EL1     SYS_REG(3, 0, 0, 5, 5)
#define SYS_ID_AA64ISAR0_EL1    SYS_REG(3, 0, 0, 6, 0)
#define SYS_ID_AA64ISAR1_EL1    SYS_REG(3, 0, 0, 6, 1)
#define SYS_ID_AA64ISAR2_EL1    SYS_REG(3, 0, 0, 6, 2)
#define SYS_ID_AA64MMFR0_EL1    SYS_REG(3, 0, 0, 7, 0)
#define SYS_ID_AA64MMFR1_EL1    SYS_REG(3, 0, 0, 7, 1)
#define SYS_ID_DFR0_EL1         SYS_REG(3, 0, 0, 1, 2)

#define SYS_ACTLR_EL1           SYS_REG(3, 0, 1, 0, 1)
#define SYS_MDSCR_EL1           SYS_REG(2, 0, 0, 2, 2)
#define SYS_OSLAR_EL1           SYS_REG(2, 0, 1, 0, 4)
#define SYS_OSLSR_EL1           SYS_REG(2, 0, 1, 1, 4)
#define SYS_DBGBVR_EL1(n)       SYS_REG(2, 0, 0, (n), 4)
#define SYS_DBGBCR_EL1(n)       SYS_REG(2, 0, 0, (n), 5)
#define SYS_DBGWVR_EL1(n)       SYS_REG(2, 0, 0, (n), 6)
#define SYS_DBGWCR_EL1(n)       SYS_REG(2, 0, 0, (n), 7)
#define SYS_ICC_SGI1R_EL1       SYS_REG(3, 0, 12, 11, 5)
#define SYS_ICC_ASGI1R_EL1      SYS_REG(3, 0, 12, 11, 6)
#define SYS_ICC_SGI0R_EL1       SYS_REG(3, 0, 12, 11, 7)
#define SYS_CNTP_TVAL_EL0       SYS_REG(3, 3, 14, 2, 0)
#define SYS_CNTP_CTL_EL0        SYS_REG(3, 3, 14, 2, 1)
#define SYS_CNTP_CVAL_EL0       SYS_REG(3, 3, 14, 2, 2)

#endif
