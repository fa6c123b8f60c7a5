// SPDX-License-Identifier: MIT
/*
 * PSCI for guests. A VM's vCPUs are named by MPIDR Aff0 = vCPU index; the
 * errors are exactly the specification's: INVALID_PARAMETERS for an MPIDR
 * that names no vCPU, ALREADY_ON, ON_PENDING, INVALID_ADDRESS for an entry
 * point outside the VM's memory.
 */
#include <stddef.h>

#include "arch/aarch64/psci.h"
#include "lib/bits.h"
#include "core/psci_emul.h"
#include "core/sched.h"
#include "core/vm.h"
#include "lib/log.h"

#define PSCI_VERSION_1_1                0x10001
#define PSCI_POWER_STATE_TYPE_POWERDOWN BIT(16)
/* AFFINITY_INFO answers */
#define PSCI_AFF_ON                     0
#define PSCI_AFF_OFF                    1
#define PSCI_AFF_ON_PENDING             2
/* MIGRATE_INFO_TYPE: no Trusted OS, nothing to migrate. */
#define PSCI_TOS_NOT_PRESENT_MP         2

static void ret(struct vcpu *v, int64_t r)
{
        v->regs.x[0] = (uint64_t)r;
}

/* vCPU for an MPIDR: Aff0 = index, all other affinity fields zero. */
static struct vcpu *vcpu_by_mpidr(struct vm *vm, uint64_t mpidr)
{
        uint64_t aff = mpidr & 0xff00ffffffull;         /* Aff3, Aff2, Aff1, Aff0 */

        if (aff >= vm->cfg.nvcpus)
                return NULL;
        return &vm->vcpus[aff];
}

static bool is_64(uint32_t fid)
{
        return fid & BIT(30);
}

static uint64_t arg(struct vcpu *v, uint32_t fid, int n)
{
        return is_64(fid) ? v->regs.x[n] : (uint32_t)v->regs.x[n];
}

/*
 * CPU_ON posts a request the target's owner applies (core/sched.h): exactly one of
 * several racing callers gets SUCCESS, the others ALREADY_ON, as KVM answers them
 * (ON_PENDING would tell a caller that another CPU_ON is in flight; kvm-unit-tests'
 * psci test, like Linux, expects ALREADY_ON).
 */
static void cpu_on(struct vcpu *v, uint32_t fid)
{
        struct vcpu *t = vcpu_by_mpidr(v->vm, arg(v, fid, 1));
        uint64_t entry = arg(v, fid, 2), ctx = arg(v, fid, 3);

        if (!t) {
                ret(v, PSCI_RET_INVALID_PARAMETERS);
                return;
        }
        if (vcpu_state(t) != VCPU_OFF) {
                ret(v, PSCI_RET_ALREADY_ON);
                return;
        }
        if (!vm_ipa_to_hva(v->vm, entry, 4) || (entry & 3)) {
                ret(v, PSCI_RET_INVALID_ADDRESS);
                return;
        }
        ret(v, sched_cpu_on(t, entry, ctx) ? PSCI_RET_SUCCESS : PSCI_RET_ALREADY_ON);
}

static void affinity_info(struct vcpu *v, uint32_t fid)
{
        struct vcpu *t = vcpu_by_mpidr(v->vm, arg(v, fid, 1));
        uint64_t level = arg(v, fid, 2);

        if (!t || level > 0) {
                /* Only level 0 (a single vCPU) is meaningful for our flat topology. */
                ret(v, PSCI_RET_INVALID_PARAMETERS);
                return;
        }
        switch (vcpu_state(t)) {
        case VCPU_OFF:
        case VCPU_STOPPED:
                ret(v, PSCI_AFF_OFF);
                break;
        case VCPU_ON_CLAIMED:
        case VCPU_ON_PENDING:
                ret(v, PSCI_AFF_ON_PENDING);
                break;
        default:
                ret(v, PSCI_AFF_ON);
                break;
        }
}

static void cpu_suspend(struct vcpu *v, uint32_t fid)
{
        uint64_t state = arg(v, fid, 1), entry = arg(v, fid, 2), ctx = arg(v, fid, 3);

        if (state & PSCI_POWER_STATE_TYPE_POWERDOWN) {
                if (!vm_ipa_to_hva(v->vm, entry, 4) || (entry & 3)) {
                        ret(v, PSCI_RET_INVALID_ADDRESS);
                        return;
                }
                /* Power down: wake at the entry point with the context id, EL1 state lost. */
                vcpu_reset(v, entry, ctx);
                vcpu_load(v);
        } else {
                ret(v, PSCI_RET_SUCCESS);
        }
        /* Standby and power-down both wait for an interrupt, like WFI. */
        sched_block_wfi(v);
}

static bool psci_implemented(uint32_t fid)
{
        switch (fid) {
        case PSCI_VERSION: case PSCI_CPU_SUSPEND_32: case PSCI_CPU_SUSPEND_64:
        case PSCI_CPU_OFF: case PSCI_CPU_ON_32: case PSCI_CPU_ON_64:
        case PSCI_AFFINITY_INFO_32: case PSCI_AFFINITY_INFO_64:
        case PSCI_MIGRATE_INFO_TYPE: case PSCI_SYSTEM_OFF: case PSCI_SYSTEM_RESET:
        case PSCI_FEATURES:
                return true;
        default:
                return false;
        }
}

void psci_handle(struct vcpu *v, uint32_t fid)
{
        switch (fid) {
        case PSCI_VERSION:
                ret(v, PSCI_VERSION_1_1);
                break;
        case PSCI_FEATURES: {
                uint32_t q = (uint32_t)v->regs.x[1];
                if (q == SMCCC_VERSION)
                        ret(v, PSCI_RET_SUCCESS);
                else if (!psci_implemented(q))
                        ret(v, PSCI_RET_NOT_SUPPORTED);
                else if (q == PSCI_CPU_SUSPEND_32 || q == PSCI_CPU_SUSPEND_64)
                        ret(v, 0);      /* original power_state format, no OS-initiated mode */
                else
                        ret(v, PSCI_RET_SUCCESS);
                break;
        }
        case PSCI_CPU_ON_32:
        case PSCI_CPU_ON_64:
                cpu_on(v, fid);
                break;
        case PSCI_CPU_OFF:
                sched_cpu_off(v);
                break;
        case PSCI_AFFINITY_INFO_32:
        case PSCI_AFFINITY_INFO_64:
                affinity_info(v, fid);
                break;
        case PSCI_CPU_SUSPEND_32:
        case PSCI_CPU_SUSPEND_64:
                cpu_suspend(v, fid);
                break;
        case PSCI_MIGRATE_INFO_TYPE:
                ret(v, PSCI_TOS_NOT_PRESENT_MP);
                break;
        case PSCI_SYSTEM_OFF:
                vm_exit(v->vm, 0, "PSCI SYSTEM_OFF");
                break;
        case PSCI_SYSTEM_RESET:
                vm_reset(v->vm);
                break;
        default:
                ret(v, PSCI_RET_NOT_SUPPORTED);
                break;
        }
}
