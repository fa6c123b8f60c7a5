// SPDX-License-Identifier: MIT
/*
 * SMCCC dispatch (Arm DEN 0028): the function ID in w0 names the owner
 * (bits 29:24) and the calling convention (bit 30: SMC64). Unknown IDs get
 * NOT_SUPPORTED (-1) in x0, as SMCCC requires.
 */
#include "arch/aarch64/psci.h"
#include "core/hvc.h"
#include "core/hvc_abi.h"
#include "core/psci_emul.h"
#include "core/vm.h"
#include "lib/log.h"
#include "lib/string.h"

#define SMCCC_FAST_CALL         (1u << 31)
#define SMCCC_OWNER(fid)        (((fid) >> 24) & 0x3f)
#define SMCCC_OWNER_ARCH        0
#define SMCCC_OWNER_STANDARD    4       /* PSCI lives here */
#define SMCCC_OWNER_VENDOR_HYP  6

#define SMCCC_VERSION_1_1       0x10001

#define CONSOLE_WRITE_MAX       4096

static void ret1(struct vcpu *v, int64_t r0)
{
        v->regs.x[0] = (uint64_t)r0;
}

static void console_write(struct vcpu *v, uint64_t ipa, uint64_t len)
{
        const char *buf;

        if (len > CONSOLE_WRITE_MAX) {
                ret1(v, HYP_RET_INVALID_PARAMETER);
                return;
        }
        buf = len ? vm_ipa_to_hva(v->vm, ipa, len) : "";
        if (!buf) {
                ret1(v, HYP_RET_INVALID_PARAMETER);
                return;
        }
        vm_console_write(v->vm, buf, len);
        ret1(v, (int64_t)len);
}

static void vendor_call(struct vcpu *v, uint32_t fid)
{
        struct vm *vm = v->vm;

        switch (fid) {
        case HYP_FN_VERSION:
                ret1(v, (HYP_ABI_MAJOR << 16) | HYP_ABI_MINOR);
                break;
        case HYP_FN_REVISION:
                v->regs.x[0] = HYP_ABI_MAJOR;
                v->regs.x[1] = HYP_ABI_MINOR;
                break;
        case HYP_FN_CALL_UID:
                v->regs.x[0] = HYP_UID_0;
                v->regs.x[1] = HYP_UID_1;
                v->regs.x[2] = HYP_UID_2;
                v->regs.x[3] = HYP_UID_3;
                break;
        case HYP_FN_CONSOLE_PUTC: {
                char c = (char)v->regs.x[1];
                vm_console_write(vm, &c, 1);
                ret1(v, 0);
                break;
        }
        case HYP_FN_CONSOLE_WRITE:
                console_write(v, v->regs.x[1], v->regs.x[2]);
                break;
        case HYP_FN_VM_INFO:
                v->regs.x[0] = 0;
                v->regs.x[1] = vm->id;
                v->regs.x[2] = v->id;
                v->regs.x[3] = vm->cfg.nvcpus;
                break;
        case HYP_FN_VM_NAME: {
                uint64_t len = strlen(vm->cfg.name), size = v->regs.x[2];
                char *dst = size ? vm_ipa_to_hva(vm, v->regs.x[1], size) : NULL;

                if (size && !dst) {
                        ret1(v, HYP_RET_INVALID_PARAMETER);
                        break;
                }
                if (dst) {
                        uint64_t n = len < size ? len + 1 : size;
                        memcpy(dst, vm->cfg.name, n);
                        if (n == size && len >= size)
                                dst[size - 1] = '\0';
                }
                ret1(v, (int64_t)len);
                break;
        }
        case HYP_FN_VM_EXIT:
                vm_exit(vm, (int32_t)v->regs.x[1], "exit hypercall");
                break;
        case HYP_FN_NOP:
                ret1(v, 0);
                break;
        default:
                ret1(v, HYP_RET_NOT_SUPPORTED);
                break;
        }
}

static void arch_call(struct vcpu *v, uint32_t fid)
{
        switch (fid) {
        case SMCCC_VERSION:
                ret1(v, SMCCC_VERSION_1_1);
                break;
        case SMCCC_ARCH_FEATURES: {
                uint32_t q = (uint32_t)v->regs.x[1];
                /* We implement VERSION and ARCH_FEATURES; no firmware workarounds are offered. */
                ret1(v, (q == SMCCC_VERSION || q == SMCCC_ARCH_FEATURES) ? 0 : SMCCC_RET_NOT_SUPPORTED);
                break;
        }
        default:
                ret1(v, SMCCC_RET_NOT_SUPPORTED);
                break;
        }
}

void hvc_handle(struct vcpu *v, enum hvc_conduit conduit, unsigned int imm)
{
        uint32_t fid = (uint32_t)v->regs.x[0];

        /* SMCCC uses immediate 0 only; other immediates are not calls we know. */
        if (imm != 0 || !(fid & SMCCC_FAST_CALL)) {
                ret1(v, SMCCC_RET_NOT_SUPPORTED);
                return;
        }
        switch (SMCCC_OWNER(fid)) {
        case SMCCC_OWNER_ARCH:
                arch_call(v, fid);
                break;
        case SMCCC_OWNER_STANDARD:
                psci_handle(v, fid);
                break;
        case SMCCC_OWNER_VENDOR_HYP:
                vendor_call(v, fid);
                break;
        default:
                log_debug("VM '%s': unknown %s function 0x%08x\n", v->vm->cfg.name,
                          conduit == HVC_CONDUIT_HVC ? "HVC" : "SMC", fid);
                ret1(v, SMCCC_RET_NOT_SUPPORTED);
                break;
        }
}
