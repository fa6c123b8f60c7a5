// SPDX-License-Identifier: MIT
/*
 * A VM's address space as its devices and RAM divide it: the emulated device
 * windows, the one bounds-and-alignment rule every MMIO access passes before a
 * device sees it, and guest RAM by IPA. Arch-neutral (the trap handler decodes
 * the access; this decides what it reaches).
 */
#include "core/vm.h"

void *vm_ipa_to_hva(struct vm *vm, uint64_t ipa, uint64_t len)
{
        uint64_t size = vm->cfg.mem_size;

        if (vm->state != VM_RUNNING || ipa < GUEST_RAM_BASE || ipa - GUEST_RAM_BASE > size ||
            len > size - (ipa - GUEST_RAM_BASE))
                return NULL;
        return (void *)(uintptr_t)(vm->mem_pa + (ipa - GUEST_RAM_BASE));
}

int vm_add_mmio(struct vm *vm, const struct mmio_region *r)
{
        if (vm->nmmio >= VM_MAX_MMIO)
                return -1;
        vm->mmio[vm->nmmio++] = *r;
        return 0;
}

struct mmio_region *vm_find_mmio(struct vm *vm, uint64_t ipa)
{
        for (unsigned int i = 0; i < vm->nmmio; i++) {
                struct mmio_region *r = &vm->mmio[i];
                if (ipa >= r->base && ipa - r->base < r->size)
                        return r;
        }
        return NULL;
}

enum mmio_result mmio_dispatch(struct vcpu *v, struct mmio_region *r, uint64_t ipa,
                               unsigned int size, bool write, uint64_t *val)
{
        uint64_t off = ipa - r->base;

        /*
         * One rule for every device, before any handler sees the access: it is naturally
         * aligned and lies inside the region. Handlers index their registers by offset
         * and size, so an unaligned access would reach past the register it lands in (an
         * 8-byte store at GICD + 0x85C wrote beyond the ITARGETSR bytes, into the next
         * device's lock). Device registers are only ever accessed aligned; a guest that
         * maps them as Normal memory and does otherwise gets an external abort.
         */
        if ((size != 1 && size != 2 && size != 4 && size != 8) || ipa < r->base ||
            (off & (size - 1)) || off >= r->size || size > r->size - off)
                return MMIO_MISALIGNED;
        if (write && size < 8)
                *val &= (1ull << (size * 8)) - 1;
        if (!write)
                *val = 0;
        if (!r->access(v, r->dev, off, size, write, val))
                return MMIO_REJECTED;
        if (!write && size < 8)
                *val &= (1ull << (size * 8)) - 1;       /* a narrow read sees only its bytes */
        return MMIO_OK;
}
