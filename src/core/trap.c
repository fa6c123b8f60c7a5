// SPDX-License-Identifier: MIT
/*
 * Guest exits: every exception a guest causes at EL2 is decoded here from
 * ESR_EL2, in one place, and either emulated or answered architecturally.
 */
#include "arch/aarch64/debug.h"
#include "arch/aarch64/esr.h"
#include "arch/aarch64/exception.h"
#include "arch/aarch64/sysreg.h"
#include "core/hvc.h"
#include "core/pcpu.h"
#include "core/sched.h"
#include "core/sysreg_emul.h"
#include "core/trap.h"
#include "core/vm.h"
#include "drivers/gic.h"
#include "lib/log.h"

struct gp_regs *guest_exit(unsigned int kind);

static void skip_instruction(struct vcpu *v)
{
        v->regs.pc += 4;        /* A64 instructions are 32-bit (ESR.IL = 1) */
}

/* Sign- or zero-extend an MMIO read as the trapped load would have. */
static uint64_t extend_load(const struct dabt_info *d, uint64_t val)
{
        unsigned int bits = d->size * 8;

        if (bits < 64)
                val &= (1ull << bits) - 1;
        if (d->sign_extend && bits < 64 && (val & (1ull << (bits - 1))))
                val |= ~((1ull << bits) - 1);
        if (!d->sixty_four)
                val &= 0xffffffffull;
        return val;
}

static void handle_dabt(struct vcpu *v, uint64_t esr)
{
        struct dabt_info d = esr_decode_dabt(esr);
        uint64_t far = read_sysreg(FAR_EL2);
        uint64_t ipa = ((read_sysreg(HPFAR_EL2) >> 4) << 12) | (far & 0xfff);
        struct mmio_region *r = vm_find_mmio(v->vm, ipa);
        uint64_t val;

        if (!r || d.s1ptw) {
                /* Nothing there (or the guest's own page tables point at nothing). */
                log_debug("VM '%s': %s at unmapped IPA 0x%llx (pc 0x%llx): data abort injected\n",
                          v->vm->cfg.name, d.write ? "write" : "read", (unsigned long long)ipa,
                          (unsigned long long)v->regs.pc);
                vcpu_inject_dabt(v, far, FSC_SYNC_EXT);
                return;
        }
        if (!d.valid) {
                vm_guest_log(v->vm, LOG_WARN,
                             "VM '%s': %s access to %s at 0x%llx with no syndrome (pc 0x%llx: a "
                             "load/store pair or writeback form?): data abort injected\n",
                             v->vm->cfg.name, d.write ? "write" : "read", r->name,
                             (unsigned long long)ipa, (unsigned long long)v->regs.pc);
                vcpu_inject_dabt(v, far, FSC_SYNC_EXT);
                return;
        }
        val = d.write ? vcpu_reg(v, d.reg) : 0;
        switch (mmio_dispatch(v, r, ipa, d.size, d.write, &val)) {
        case MMIO_OK:
                break;
        case MMIO_MISALIGNED:
                log_debug("VM '%s': %u-byte %s of %s at offset 0x%llx is misaligned: data "
                          "abort injected\n", v->vm->cfg.name, d.size, d.write ? "write" : "read",
                          r->name, (unsigned long long)(ipa - r->base));
                vcpu_inject_dabt(v, far, FSC_SYNC_EXT);
                return;
        case MMIO_REJECTED:
                vcpu_inject_dabt(v, far, FSC_SYNC_EXT);
                return;
        }
        if (!d.write)
                vcpu_set_reg(v, d.reg, extend_load(&d, val));
        skip_instruction(v);
}

static void handle_sync(struct vcpu *v)
{
        uint64_t esr = read_sysreg(ESR_EL2);
        unsigned int ec = esr_ec(esr);

        switch (ec) {
        case ESR_EC_WFX:
                skip_instruction(v);
                /* TI = 0: WFI (WFE is not trapped). Nothing to wait for if an interrupt is pending. */
                if (!(esr_iss(esr) & 1) && !vgic_has_pending(v))
                        sched_block_wfi(v);
                break;
        case ESR_EC_HVC64:
                /* The return address is already past the HVC. */
                hvc_handle(v, HVC_CONDUIT_HVC, esr_iss(esr) & 0xffff);
                break;
        case ESR_EC_SMC64:
                /* Trapped before it executed (HCR_EL2.TSC): step over it. */
                skip_instruction(v);
                hvc_handle(v, HVC_CONDUIT_SMC, esr_iss(esr) & 0xffff);
                break;
        case ESR_EC_SYS64:
                if (sysreg_emulate(v, esr_iss(esr)))
                        skip_instruction(v);
                else
                        vcpu_inject_undef(v);
                break;
        case ESR_EC_DABT_LOW:
                handle_dabt(v, esr);
                break;
        case ESR_EC_IABT_LOW:
                /* Instruction fetch from an IPA with no RAM: the guest sees an abort. */
                log_debug("VM '%s': instruction fetch from unmapped IPA (pc 0x%llx)\n",
                          v->vm->cfg.name, (unsigned long long)v->regs.pc);
                vcpu_inject_iabt(v, read_sysreg(FAR_EL2), FSC_SYNC_EXT);
                break;
        default:
                /* Anything else trapped (SVE, pointer auth, AArch32 coprocessor, ...): UNDEFINED. */
                log_debug("VM '%s': %s (ESR 0x%llx) at pc 0x%llx: undefined instruction injected\n",
                          v->vm->cfg.name, esr_ec_name(ec), (unsigned long long)esr,
                          (unsigned long long)v->regs.pc);
                vcpu_inject_undef(v);
                break;
        }
}

struct gp_regs *guest_exit(unsigned int kind)
{
        struct vcpu *v = this_pcpu()->current;

        vgic_sync(v);
        switch (kind) {
        case EXC_SYNC:
                v->exits_sync++;
                handle_sync(v);
                break;
        case EXC_IRQ:
                v->exits_irq++;
                gic_handle_irq();
                break;
        case EXC_SERROR:
                vm_crash(v->vm, v, "SError interrupt (ESR_EL2 0x%llx)",
                         (unsigned long long)read_sysreg(ESR_EL2));
                break;
        default:
                vm_crash(v->vm, v, "unexpected FIQ");
                break;
        }
        return sched_resume();
}

static uint64_t hcr_value;

uint64_t trap_hcr_el2(void)
{
        return hcr_value;
}

static unsigned int id_field(uint64_t reg, unsigned int shift)
{
        return (unsigned int)(reg >> shift) & 0xf;
}

void trap_init_cpu(void)
{
        uint64_t pfr0 = read_sysreg(ID_AA64PFR0_EL1);
        uint64_t mmfr1 = read_sysreg(ID_AA64MMFR1_EL1);
        uint64_t mdcr, hpmn;

        /*
         * HCR_EL2 for an AArch64 guest at EL1
         *   37:35 TEA/TERR/TLOR  x1 where implemented: RAS and LORegions hidden, trapped
         *   31:31 RW     x1   EL1 is AArch64
         *   21:21 TACR   x1   ACTLR_EL1 accesses trap (RAZ/WI)
         *   20:20 TIDCP  x1   IMPLEMENTATION DEFINED registers trap (UNDEFINED)
         *   19:19 TSC    x1   SMC traps (PSCI and SMCCC emulated here)
         *   18:18 TID3   x1   ID registers trap (sanitized feature set)
         *   13:13 TWI    x1   WFI traps (the vCPU blocks, the CPU goes to others or idles)
         *   11:10 BSU    x1   barriers inner shareable
         *   09:09 FB     x1   TLB and I-cache maintenance broadcast
         *   05:03 AMO/IMO/FMO x1  physical interrupts to EL2, virtual interrupts to EL1
         *   01:01 SWIO   x1   set/way invalidation upgraded to clean+invalidate
         *   00:00 VM     x1   stage-2 translation
         */
        hcr_value = HCR_EL2_RW | HCR_EL2_TACR | HCR_EL2_TIDCP | HCR_EL2_TSC | HCR_EL2_TID3 |
                    HCR_EL2_TWI | HCR_EL2_BSU_IS | HCR_EL2_FB | HCR_EL2_AMO | HCR_EL2_IMO |
                    HCR_EL2_FMO | HCR_EL2_SWIO | HCR_EL2_VM;
        if (id_field(pfr0, 28))                 /* FEAT_RAS */
                hcr_value |= HCR_EL2_TERR | HCR_EL2_TEA;
        if (id_field(mmfr1, 16))                /* FEAT_LOR */
                hcr_value |= HCR_EL2_TLOR;
        write_sysreg(HCR_EL2, hcr_value);

        /*
         * MDCR_EL2: debug, OS lock, debug ROM and PMU registers trap (emulated:
         * breakpoints, watchpoints, MDSCR and the OS lock written through to the CPU
         * for the guest's EL1/EL0 (core/sysreg_emul.c), PMU hidden -> UNDEFINED).
         * TDE stays 0: debug exceptions go to the guest's EL1. HPMN keeps the
         * counters' architectural count (they all trap anyway).
         *   11    TDRA   debug ROM address registers trap
         *   10    TDOSA  OS lock / power-down registers trap
         *   09    TDA    debug registers trap
         *   06    TPM    PMU registers trap
         *   05    TPMCR  PMCR_EL0 traps
         *   04:00 HPMN   counters reserved to EL1/EL0
         */
        hpmn = (read_sysreg(PMCR_EL0) >> 11) & MDCR_EL2_HPMN_MASK;
        mdcr = MDCR_EL2_TDRA | MDCR_EL2_TDOSA | MDCR_EL2_TDA | MDCR_EL2_TPM | MDCR_EL2_TPMCR | hpmn;
        if (((read_sysreg(ID_AA64DFR0_EL1) >> 32) & 0xf))      /* FEAT_SPE */
                mdcr |= MDCR_EL2_TPMS;
        write_sysreg(MDCR_EL2, mdcr);
        /* No breakpoint or watchpoint armed until a guest asks (their reset is UNKNOWN). */
        for (unsigned int n = 0; n < hw_dbg_brps(); n++)
                hw_dbg_write(HW_DBG_BCR, n, 0);
        for (unsigned int n = 0; n < hw_dbg_wrps(); n++)
                hw_dbg_write(HW_DBG_WCR, n, 0);
        write_sysreg(MDSCR_EL1, 0);

        /*
         * CPTR_EL2: FP/SIMD free (saved on vCPU switch); SVE, trace and activity
         * monitors trap (hidden in the ID registers; the guest gets UNDEFINED).
         */
        write_sysreg(CPTR_EL2, CPTR_EL2_RES1 | CPTR_EL2_TZ | CPTR_EL2_TSM | CPTR_EL2_TTA |
                               ((pfr0 >> 44) & 0xf ? CPTR_EL2_TAM : 0));

        /* CNTHCTL_EL2: the physical counter is readable, the EL1 physical timer traps. */
        write_sysreg(CNTHCTL_EL2, CNTHCTL_EL1PCTEN);
        write_sysreg(CNTVOFF_EL2, 0);
        isb();
}
