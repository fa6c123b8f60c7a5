// SPDX-License-Identifier: MIT
#include "arch/arch.h"
#include "core/sysreg_emul.h"
#include "core/vcpu.h"
#include "vdev/host.h"
#include "vdev/vgic.h"
#include "vdev/vtimer.h"

uint64_t ptimer_deadline(const struct vcpu *v)
{
        const struct emulated_sysregs *e = &v->emu;

        return (e->cntp_ctl & (TIMER_CTL_ENABLE | TIMER_CTL_IMASK)) == TIMER_CTL_ENABLE ?
               e->cntp_cval : 0;
}

void ptimer_update(struct vcpu *v, uint64_t now)
{
        uint64_t d = ptimer_deadline(v);

        vgic_set_private_line(v, GUEST_PPI_PTIMER, d && d <= now);
}

/*
 * CNTP_CTL_EL0: ENABLE and IMASK are the guest's, ISTATUS (read-only) is
 * CVAL <= counter while enabled. CNTP_TVAL_EL0: CVAL - counter as a signed 32-bit
 * value; a write sets CVAL = counter + sign-extended value.
 */
static bool cntp(struct vcpu *v, uint32_t reg, bool read, uint64_t *val)
{
        struct emulated_sysregs *e = &v->emu;
        uint64_t now = arch_counter();

        switch (reg) {
        case SYS_CNTP_CTL_EL0:
                if (read) {
                        *val = e->cntp_ctl & (TIMER_CTL_ENABLE | TIMER_CTL_IMASK);
                        if ((e->cntp_ctl & TIMER_CTL_ENABLE) && e->cntp_cval <= now)
                                *val |= TIMER_CTL_ISTATUS;
                } else {
                        e->cntp_ctl = *val & (TIMER_CTL_ENABLE | TIMER_CTL_IMASK);
                }
                break;
        case SYS_CNTP_CVAL_EL0:
                if (read)
                        *val = e->cntp_cval;
                else
                        e->cntp_cval = *val;
                break;
        case SYS_CNTP_TVAL_EL0:
                if (read)
                        *val = (uint32_t)(e->cntp_cval - now);
                else
                        e->cntp_cval = now + (uint64_t)(int64_t)(int32_t)*val;
                break;
        default:
                return false;
        }
        if (!read) {
                ptimer_update(v, now);
                vcpu_timer_changed(v);          /* the scheduler re-arms for its deadline */
        }
        return true;
}

int vtimer_init(void)
{
        if (sysreg_register(SYS_CNTP_CTL_EL0, SYS_REG_MASK_ALL, cntp) ||
            sysreg_register(SYS_CNTP_CVAL_EL0, SYS_REG_MASK_ALL, cntp) ||
            sysreg_register(SYS_CNTP_TVAL_EL0, SYS_REG_MASK_ALL, cntp))
                return -1;
        return 0;
}
