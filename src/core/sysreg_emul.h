/* SPDX-License-Identifier: MIT */
/*
 * Trapped MSR/MRS (ESR_EL2.EC = 0x18): ID registers with a sanitized feature
 * set, the debug registers (breakpoints and watchpoints for the guest's EL1/EL0,
 * written through to the CPU; MDSCR_EL1 and the OS lock), ACTLR_EL1
 * RAZ/WI, the EL1 physical timer and its interrupt. Everything else is UNDEFINED
 * for the guest.
 */
#ifndef CORE_SYSREG_EMUL_H
#define CORE_SYSREG_EMUL_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;

/* ESR_EL2.ISS of a trapped system register access. */
#define SYS_ISS_DIR_READ        (1u << 0)       /* MRS */
#define SYS_ISS_CRM(iss)        (((iss) >> 1) & 0xf)
#define SYS_ISS_RT(iss)         (((iss) >> 5) & 0x1f)
#define SYS_ISS_CRN(iss)        (((iss) >> 10) & 0xf)
#define SYS_ISS_OP1(iss)        (((iss) >> 14) & 0x7)
#define SYS_ISS_OP2(iss)        (((iss) >> 17) & 0x7)
#define SYS_ISS_OP0(iss)        (((iss) >> 20) & 0x3)

/* A register's encoding as one number (Linux's sys_reg()). */
#define SYS_REG(op0, op1, crn, crm, op2) \
        (((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))

static inline uint32_t sys_reg_from_iss(uint32_t iss)
{
        return SYS_REG(SYS_ISS_OP0(iss), SYS_ISS_OP1(iss), SYS_ISS_CRN(iss), SYS_ISS_CRM(iss),
                       SYS_ISS_OP2(iss));
}

/* Emulate it; false means the guest gets an UNDEFINED exception. */
bool sysreg_emulate(struct vcpu *v, uint32_t iss);
/* The sanitized value a guest reads for an ID register (op0=3 op1=0 CRn=0 CRm=1..7). */
uint64_t sysreg_sanitize_id(uint32_t reg, uint64_t host_value);

/*
 * The emulated EL1 physical timer (CNTP_*), PPI 30: its output is a level,
 * ENABLE && !IMASK && CNTPCT >= CVAL. Guest writes to it trap and update the line
 * at once; the scheduler on the vCPU's owner CPU raises it when the deadline
 * passes (ptimer_deadline() is one of the deadlines it arms the EL2 timer for).
 */
uint64_t ptimer_deadline(const struct vcpu *v);         /* CVAL, or 0: cannot fire */

/* The guest's breakpoints, watchpoints, MDSCR_EL1 and OS lock into this CPU (vcpu_load;
 * nothing to do while neither it nor the vCPU before it used them). */
void vdebug_load(struct vcpu *v);
void ptimer_update(struct vcpu *v, uint64_t now);       /* set PPI 30's line for 'now' */

#endif
