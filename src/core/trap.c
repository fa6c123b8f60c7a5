// SPDX-License-Identifier: MIT
/*
 * Guest exits: every exception a guest causes at EL2 is decoded here from
 * ESR_EL2, in one place, and either emulated or answered architecturally.
 */
#include "arch/arch.h"
#include "arch/aarch64/esr.h"
#include "arch/aarch64/exception.h"
#include "core/hvc.h"
#include "core/pcpu.h"
#include "core/sched.h"
#include "core/sysreg_emul.h"
#include "core/trap.h"
#include "core/vm.h"
#include "drivers/gic.h"
#include "lib/log.h"


static void skip_instruction(struct vcpu *v)
{
        v->regs.pc += 4;        /* A64 instructions are 32-bit (ESR.IL = 1) */
}

/* Sign-extend an MMIO read (mmio_dispatch zero-extended it) as the trapped load would. */
static uint64_t extend_load(const struct dabt_info *d, uint64_t val)
{
        unsigned int bits = d->size * 8;

        if (d->sign_extend && bits < 64 && (val & (1ull << (bits - 1))))
                val |= ~((1ull << bits) - 1);
        if (!d->sixty_four)
                val &= 0xffffffffull;
        return val;
}

static void handle_dabt(struct vcpu *v, uint64_t esr)
{
        struct dabt_info d = esr_decode_dabt(esr);
        uint64_t far = arch_exit_far();
        uint64_t ipa = arch_exit_fault_ipa(far);
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
        uint64_t esr = arch_exit_esr();
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
                vcpu_inject_iabt(v, arch_exit_far(), FSC_SYNC_EXT);
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
                         (unsigned long long)arch_exit_esr());
                break;
        default:
                vm_crash(v->vm, v, "unexpected FIQ");
                break;
        }
        return sched_resume();
}
