// SPDX-License-Identifier: MIT
/*
 * vCPU register state: reset, switching the EL1 context on and off a physical
 * CPU, and injecting synchronous exceptions the way the architecture takes them.
 */
#include "arch/arch.h"
#include "arch/aarch64/esr.h"
#include "arch/aarch64/sysreg.h"
#include "core/vdebug.h"
#include "core/vcpu.h"
#include "core/vm.h"
#include "lib/log.h"
#include "lib/string.h"

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
        v->el1.vpidr = arch_midr();
        v->emu.oslsr = OSLSR_EL1_RESET;
        v->last_inject_vector = ~0ull;
        /* Its emulated physical timer is off now: the timer's interrupt line falls. */
        vgic_set_private_line(v, GUEST_PPI_PTIMER, false);
        vpmu_reset(v);
}

void vcpu_load(struct vcpu *v)
{
        stage2_activate(v->vm->vttbr);
        arch_el1_load(&v->el1, v->vm->cntvoff);
        fpsimd_restore(&v->fp);
        vgic_restore(v);
        vdebug_load(v);
        vpmu_load(v);
}

void vcpu_put(struct vcpu *v)
{
        arch_el1_save(&v->el1);
        fpsimd_save(&v->fp);
        vgic_save(v);
        vpmu_put(v);
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
        vector = arch_el1_vbar() + offset;

        /* The vector itself faults: the guest can make no progress. */
        if (v->regs.pc == vector && v->last_inject_vector == vector) {
                vm_crash(v->vm, v, "exception vector 0x%llx faults too (VBAR_EL1 0x%llx): "
                         "the guest cannot handle exceptions", (unsigned long long)vector,
                         (unsigned long long)arch_el1_vbar());
                return;
        }
        v->last_inject_vector = vector;

        arch_el1_inject_sync(v->regs.pc, pstate, esr, has_far, far);
        v->regs.pc = vector;
        v->regs.pstate = SPSR_DAIF | SPSR_M_EL1h;
        if (arch_el1_pan_on_exception())
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
