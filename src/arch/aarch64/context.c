// SPDX-License-Identifier: MIT
/* Switching a vCPU's EL1/EL0 system registers on and off this CPU. */
#include "arch/arch.h"
#include "arch/aarch64/sysreg.h"

void arch_el1_load(const struct el1_sysregs *r, uint64_t cntvoff)
{
        write_sysreg(VPIDR_EL2, r->vpidr);
        write_sysreg(VMPIDR_EL2, r->vmpidr);
        write_sysreg(SCTLR_EL1, r->sctlr);
        write_sysreg(CPACR_EL1, r->cpacr);
        write_sysreg(TTBR0_EL1, r->ttbr0);
        write_sysreg(TTBR1_EL1, r->ttbr1);
        write_sysreg(TCR_EL1, r->tcr);
        write_sysreg(MAIR_EL1, r->mair);
        write_sysreg(AMAIR_EL1, r->amair);
        write_sysreg(VBAR_EL1, r->vbar);
        write_sysreg(CONTEXTIDR_EL1, r->contextidr);
        write_sysreg(TPIDR_EL0, r->tpidr_el0);
        write_sysreg(TPIDRRO_EL0, r->tpidrro_el0);
        write_sysreg(TPIDR_EL1, r->tpidr_el1);
        write_sysreg(SP_EL0, r->sp_el0);
        write_sysreg(SP_EL1, r->sp_el1);
        write_sysreg(ELR_EL1, r->elr_el1);
        write_sysreg(SPSR_EL1, r->spsr_el1);
        write_sysreg(ESR_EL1, r->esr);
        write_sysreg(AFSR0_EL1, r->afsr0);
        write_sysreg(AFSR1_EL1, r->afsr1);
        write_sysreg(FAR_EL1, r->far);
        write_sysreg(PAR_EL1, r->par);
        write_sysreg(CNTKCTL_EL1, r->cntkctl);
        write_sysreg(CSSELR_EL1, r->csselr);
        write_sysreg(CNTVOFF_EL2, cntvoff);
        write_sysreg(CNTV_CVAL_EL0, r->cntv_cval);
        write_sysreg(CNTV_CTL_EL0, r->cntv_ctl);
        if (cpu_has_mte2()) {
                write_sysreg_s(SYS_GCR_EL1, r->gcr);
                write_sysreg_s(SYS_RGSR_EL1, r->rgsr);
                write_sysreg_s(SYS_TFSR_EL1, r->tfsr);
                write_sysreg_s(SYS_TFSRE0_EL1, r->tfsre0);
        }
        isb();
}

void arch_el1_save(struct el1_sysregs *r)
{
        r->sctlr = read_sysreg(SCTLR_EL1);
        r->cpacr = read_sysreg(CPACR_EL1);
        r->ttbr0 = read_sysreg(TTBR0_EL1);
        r->ttbr1 = read_sysreg(TTBR1_EL1);
        r->tcr = read_sysreg(TCR_EL1);
        r->mair = read_sysreg(MAIR_EL1);
        r->amair = read_sysreg(AMAIR_EL1);
        r->vbar = read_sysreg(VBAR_EL1);
        r->contextidr = read_sysreg(CONTEXTIDR_EL1);
        r->tpidr_el0 = read_sysreg(TPIDR_EL0);
        r->tpidrro_el0 = read_sysreg(TPIDRRO_EL0);
        r->tpidr_el1 = read_sysreg(TPIDR_EL1);
        r->sp_el0 = read_sysreg(SP_EL0);
        r->sp_el1 = read_sysreg(SP_EL1);
        r->elr_el1 = read_sysreg(ELR_EL1);
        r->spsr_el1 = read_sysreg(SPSR_EL1);
        r->esr = read_sysreg(ESR_EL1);
        r->afsr0 = read_sysreg(AFSR0_EL1);
        r->afsr1 = read_sysreg(AFSR1_EL1);
        r->far = read_sysreg(FAR_EL1);
        r->par = read_sysreg(PAR_EL1);
        r->cntkctl = read_sysreg(CNTKCTL_EL1);
        r->csselr = read_sysreg(CSSELR_EL1);
        r->cntv_ctl = read_sysreg(CNTV_CTL_EL0);
        r->cntv_cval = read_sysreg(CNTV_CVAL_EL0);
        if (cpu_has_mte2()) {
                /* Asynchronous tag check faults were synchronized into TFSR*_EL1 on the
                 * way into EL2 (SCTLR_EL2.ITFSB). */
                r->gcr = read_sysreg_s(SYS_GCR_EL1);
                r->rgsr = read_sysreg_s(SYS_RGSR_EL1);
                r->tfsr = read_sysreg_s(SYS_TFSR_EL1);
                r->tfsre0 = read_sysreg_s(SYS_TFSRE0_EL1);
        }
        /* The outgoing vCPU's timer must not fire while another vCPU runs here. */
        write_sysreg(CNTV_CTL_EL0, 0);
        isb();
}

void arch_el1_inject_sync(uint64_t elr, uint64_t spsr, uint64_t esr, bool has_far, uint64_t far)
{
        write_sysreg(ELR_EL1, elr);
        write_sysreg(SPSR_EL1, spsr);
        write_sysreg(ESR_EL1, esr);
        if (has_far)
                write_sysreg(FAR_EL1, far);
}

uint64_t arch_el1_vbar(void)
{
        return read_sysreg(VBAR_EL1);
}

bool arch_el1_pan_on_exception(void)
{
        /* PSTATE.PAN is set on exception entry to EL1 when FEAT_PAN is implemented
         * (ID_AA64MMFR1_EL1.PAN, bits 23:20) and SCTLR_EL1.SPAN (bit 23) is 0. */
        return ((read_sysreg(ID_AA64MMFR1_EL1) >> 20) & 0xf) && !(read_sysreg(SCTLR_EL1) & BITUL(23));
}

uint64_t arch_midr(void)
{
        return read_sysreg(MIDR_EL1);
}

void arch_halt(void)
{
        __asm__ volatile("msr DAIFSet, #0xf");
        for (;;)
                wfi();
}
