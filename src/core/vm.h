/* SPDX-License-Identifier: MIT */
/* Virtual machines: memory, stage-2 tables, vCPUs, emulated devices. */
#ifndef CORE_VM_H
#define CORE_VM_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/aarch64/pgtable.h"
#include "core/vcpu.h"
#include "core/vplatform.h"
#include "lib/log.h"
#include "lib/spinlock.h"
#include "vdev/vits.h"
#include "vdev/vpl011.h"

#define VM_MAX                  4
#define VM_MAX_VCPUS            8
#define VM_NAME_MAX             32
#define VM_MAX_MMIO             8

struct vcpu;
struct vm;

/* An emulated device window: the handler gets offsets into it. */
struct mmio_region {
        uint64_t base, size;
        const char *name;
        /* Return false for an access the device rejects (the guest then gets an abort). */
        bool (*access)(struct vcpu *v, void *dev, uint64_t offset, unsigned int size, bool write,
                       uint64_t *value);
        void *dev;
};

enum vm_state { VM_EMPTY, VM_RUNNING, VM_EXITED, VM_CRASHED };

enum image_format { IMAGE_LINUX, IMAGE_ELF, IMAGE_RAW };

struct image_ref {
        const void *data;               /* inside the pack */
        uint64_t size;
};

struct vm_config {
        char name[VM_NAME_MAX];
        unsigned int nvcpus;
        uint64_t mem_size;
        struct image_ref kernel, initrd, dtb;
        enum image_format format;
        uint64_t raw_load, raw_entry;   /* IPAs, raw images only */
        const char *bootargs;
        int affinity[VM_MAX_VCPUS];     /* physical CPU per vCPU, -1: any */
        bool pci_passthrough;           /* owns the host's PCIe host bridge */
};

struct vm {
        unsigned int id;
        uint16_t vmid;                  /* stage-2 VMID */
        enum vm_state state;
        int exit_status;
        struct vm_config cfg;
        uint64_t mem_pa;                /* host physical base of guest RAM */
        struct pgtable s2;
        uint64_t vttbr;
        uint64_t cntvoff;
        struct vcpu vcpus[VM_MAX_VCPUS];
        struct vgic_dist vgic;
        struct vits its;                /* GICv3 VMs */
        struct vpl011 uart;
        struct mmio_region mmio[VM_MAX_MMIO];
        unsigned int nmmio;
        uint64_t entry, dtb_ipa;        /* boot CPU entry and device tree IPA */
        unsigned int resets;
        bool resetting;
        bool ending;                    /* vm_end claimed it (report, then state) */
        char con_line[160];             /* console output not yet ended by a newline */
        unsigned int con_len;
        /* Rate limit of the messages the guest can cause (vm_guest_log); under msg_lock. */
        spinlock_t msg_lock;
        unsigned int msg_budget;        /* messages still allowed until msg_refill */
        uint64_t msg_refill;            /* CNTPCT value at which the budget refills */
        uint64_t msg_suppressed;        /* suppressed since the last report */
};

extern struct vm vms[VM_MAX];
/* Configured VMs that could not be created (set at boot, before any vCPU runs): the run's
 * final status is then non-zero even if every VM that ran exited with 0. */
extern unsigned int vm_setup_failures;
extern unsigned int nvms;

/* Build a VM from its configuration: memory, stage 2, images, vCPUs. 0 or negative errno-like. */
int vm_create(struct vm *vm, unsigned int id, const struct vm_config *cfg);
/* Reload images and reset vCPUs (PSCI SYSTEM_RESET). */
int vm_reset(struct vm *vm);
/* End a VM: stop all its vCPUs, report, free its memory. */
void vm_exit(struct vm *vm, int status, const char *how);
void vm_crash(struct vm *vm, struct vcpu *v, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

int vm_add_mmio(struct vm *vm, const struct mmio_region *r);
struct mmio_region *vm_find_mmio(struct vm *vm, uint64_t ipa);

enum mmio_result {
        MMIO_OK,
        MMIO_MISALIGNED,        /* not naturally aligned, or not inside the region: no handler ran */
        MMIO_REJECTED,          /* the device refused it */
};
/* An access of size bytes (1, 2, 4 or 8) at ipa for the device of r: the value masked
 * to size on a write, zero-extended on a read. Both failures mean an external abort for
 * the guest. Inline: it is on every MMIO exit (core/trap.c). */
static inline enum mmio_result mmio_dispatch(struct vcpu *v, struct mmio_region *r,
                                             uint64_t ipa, unsigned int size, bool write,
                                             uint64_t *val)
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
        uint64_t mask;

        /* size is 1, 2, 4 or 8 (ESR_EL2.SAS) and r->size a multiple of 8 (vm_add_mmio), so
         * one compare bounds it; an ipa below the base wraps off around and fails it too. */
        if ((off & (size - 1)) || off > r->size - size)
                return MMIO_MISALIGNED;
        mask = ~0ull >> (64 - 8 * size);
        *val = write ? *val & mask : 0;
        if (!r->access(v, r->dev, off, size, write, val))
                return MMIO_REJECTED;
        *val &= mask;                           /* a narrow read sees only its bytes */
        return MMIO_OK;
}

/* Guest RAM access by IPA: pointer to [ipa, ipa+len) if it lies inside guest RAM, else NULL. */
void *vm_ipa_to_hva(struct vm *vm, uint64_t ipa, uint64_t len);

/*
 * Messages a guest can cause again and again (one per trap, per reset) go through
 * vm_guest_log: at most VM_MSG_PER_S a second per VM are printed, the others counted
 * and reported ("VM 'x': N messages it caused were suppressed") once the budget
 * refills and when the VM ends, so no guest can flood the console.
 */
#define VM_MSG_PER_S            10
bool vm_msg_allowed(struct vm *vm);
#define vm_guest_log(vm, level, ...) \
        do { if (vm_msg_allowed(vm)) klog((level), __VA_ARGS__); } while (0)

/* Guest console output (hypercall or virtual UART): line-buffered, prefixed with the
 * VM's name when several VMs share the console. */
void vm_console_write(struct vm *vm, const char *buf, uint64_t len);

/* A character from the physical console: for the VM in focus (Ctrl-T moves the focus). */
void console_input(char c);
#define CONSOLE_FOCUS_KEY       0x14    /* Ctrl-T */
/* Take the physical UART's receive interrupt, on CPU cpu; -1 on failure. */
int console_input_init(unsigned int cpu);

/* True once every VM has ended; the overall status (0 if every VM exited 0). */
bool vms_all_done(int *status);

#endif
