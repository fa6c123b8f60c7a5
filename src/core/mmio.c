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
        /* Windows are whole, 8-byte aligned (mmio_dispatch's one bounds compare needs it). */
        if (vm->nmmio >= VM_MAX_MMIO || r->size < 8 || (r->size | r->base) & 7)
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
