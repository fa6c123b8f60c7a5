// SPDX-License-Identifier: MIT
/*
 * vCPU register state: reset, switching the EL1 context on and off a physical
 * CPU, and injecting synchronous exceptions the way the architecture takes them.
 */
#include "arch/aarch64/esr.h"
#include "arch/aarch64/sysreg.h"
#include "arch/aarch64/mmu.h"
#include "core/sysreg_emul.h"
#include "core/vcpu.h"
#include "core/vm.h"
#include "lib/log.h"
#include "lib/string.h"

void fpsimd_save(struct fpsimd_state *s);
void fpsimd_restore(const struct fpsimd_state *s);

/* SCTLR_EL1 at reset: RES1 bits (29,28,23,22,20,11), MMU/caches off, little-endian. */
#define SCTLR_EL1_RESET         0x30D00800ull
/* OSLSR_EL1: OSLM = 0b10 (OS lock implemented), OSLK = 1 (locked at cold reset). */
#define OSLSR_EL1_RESET         0xAull

void vcpu_reset(struct vcpu *v, uint64_t entry, uint64_t x0)
{
        memset(&v->regs, 0, sizeof(v->regs));
        memset(&v->fp, 0, sizeof(v->fp));
        memset(&v->el1, 0, sizeof(v->el1));
        memset(&v->emu, 0, sizeof(v->emu));
        v->regs.pc = entry;
        v->regs.x[0] = x0;
        /* EL1h, all of DAIF masked: how a boot loader hands over (arm64 booting.rst). */
        v->regs.pstate = SPSR_DAIF | SPSR_M_EL1h;
        v->el1.sctlr = SCTLR_EL1_RESET;
        /* MPIDR: bit 31 RES1, U (bit 30) clear, Aff0 = vCPU index. */
        v->el1.vmpidr = BITUL(31) | v->id;
        v->el1.vpidr = read_sysreg(MIDR_EL1);
        v->emu.oslsr = OSLSR_EL1_RESET;
        v->last_inject_vector = ~0ull;
        /* Its emulated physical timer is off now: the timer's interrupt line falls. */
        vgic_set_private_line(v, VGIC_PTIMER_IRQ, false);
}

void vcpu_load(struct vcpu *v)
{
        const struct el1_sysregs *r = &v->el1;

        stage2_activate(v->vm->vttbr);
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
        write_sysreg(CNTVOFF_EL2, v->vm->cntvoff);
        write_sysreg(CNTV_CVAL_EL0, r->cntv_cval);
        write_sysreg(CNTV_CTL_EL0, r->cntv_ctl);
        fpsimd_restore(&v->fp);
        vgic_restore(v);
        vdebug_load(v);
        isb();
}

void vcpu_put(struct vcpu *v)
{
        struct el1_sysregs *r = &v->el1;

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
        /* The outgoing vCPU's timer must not fire while another vCPU runs here. */
        write_sysreg(CNTV_CTL_EL0, 0);
        fpsimd_save(&v->fp);
        vgic_save(v);
        isb();
}

/*
 * Take a synchronous exception to the guest's EL1, as the CPU would have:
 * ELR_EL1/SPSR_EL1 from the trapped context, ESR_EL1 (and FAR_EL1), PSTATE
 * EL1h with DAIF masked, PC = VBAR_EL1 + the vector for where it came from.
 */
static void inject_sync(struct vcpu *v, uint64_t esr, bool has_far, uint64_t far)
{
        uint64_t pstate = v->regs.pstate;
        uint64_t vector, offset;

        if (pstate & SPSR_M_AARCH32)
                offset = 0x600;                 /* lower EL, AArch32 */
        else if ((pstate & SPSR_M_MASK) == SPSR_M_EL0t)
                offset = 0x400;                 /* lower EL, AArch64 */
        else if ((pstate & SPSR_M_MASK) == SPSR_M_EL1t)
                offset = 0x000;                 /* current EL, SP_EL0 */
        else
                offset = 0x200;                 /* current EL, SP_EL1 */
        vector = read_sysreg(VBAR_EL1) + offset;

        /* The vector itself faults: the guest can make no progress. */
        if (v->regs.pc == vector && v->last_inject_vector == vector) {
                vm_crash(v->vm, v, "exception vector 0x%llx faults too (VBAR_EL1 0x%llx): "
                         "the guest cannot handle exceptions", (unsigned long long)vector,
                         (unsigned long long)read_sysreg(VBAR_EL1));
                return;
        }
        v->last_inject_vector = vector;

        write_sysreg(ELR_EL1, v->regs.pc);
        write_sysreg(SPSR_EL1, pstate);
        write_sysreg(ESR_EL1, esr);
        if (has_far)
                write_sysreg(FAR_EL1, far);
        v->regs.pc = vector;
        v->regs.pstate = SPSR_DAIF | SPSR_M_EL1h;
        /* PSTATE.PAN is set on exception entry when SCTLR_EL1.SPAN is 0 (FEAT_PAN). */
        if (((read_sysreg(ID_AA64MMFR1_EL1) >> 20) & 0xf) && !(read_sysreg(SCTLR_EL1) & BITUL(23)))
                v->regs.pstate |= SPSR_PAN;
}

static bool from_el0(const struct vcpu *v)
{
        return (v->regs.pstate & SPSR_M_AARCH32) || (v->regs.pstate & SPSR_M_MASK) == SPSR_M_EL0t;
}

void vcpu_inject_undef(struct vcpu *v)
{
        /* EC 0 (unknown reason); IL = 1 for a 32-bit instruction. */
        inject_sync(v, ESR_IL, false, 0);
}

void vcpu_inject_dabt(struct vcpu *v, uint64_t far, unsigned int fsc)
{
        unsigned int ec = from_el0(v) ? ESR_EC_DABT_LOW : ESR_EC_DABT_CUR;

        inject_sync(v, ((uint64_t)ec << ESR_EC_SHIFT) | ESR_IL | (fsc & ESR_xABT_FSC_MASK), true, far);
}

void vcpu_inject_iabt(struct vcpu *v, uint64_t far, unsigned int fsc)
{
        unsigned int ec = from_el0(v) ? ESR_EC_IABT_LOW : ESR_EC_IABT_CUR;

        inject_sync(v, ((uint64_t)ec << ESR_EC_SHIFT) | ESR_IL | (fsc & ESR_xABT_FSC_MASK), true, far);
}
