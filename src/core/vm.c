// SPDX-License-Identifier: MIT
/*
 * VM lifecycle: memory, stage-2 map, image loading, vCPUs, and the reports a
 * user sees when a VM ends.
 */
#include <stdarg.h>

#include "arch/arch.h"
#include "arch/aarch64/layout.h"
#include "arch/aarch64/mmu.h"
#include "arch/aarch64/sysreg.h"
#include "core/guest_dt.h"
#include "core/loader.h"
#include "core/mm.h"
#include "core/sched.h"
#include "core/vm.h"
#include "lib/log.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "platform.h"
#include "vdev/virtio_mmio.h"

#define SZ_2M                   (2ull << 20)

struct vm vms[VM_MAX];
unsigned int nvms;
unsigned int vm_setup_failures;

static void vm_end(struct vm *vm, int status, bool crashed, const char *how);

/*
 * The host's PCIe host bridge into one VM's stage 2, 1:1: ECAM and both windows as
 * Device memory. Its devices' interrupts are not forwarded (INTx, MSI), and with no
 * SMMU their DMA is neither translated nor confined: a passed-through device that
 * does DMA reaches all of memory. For devices the user trusts (kvm-unit-tests'
 * pci-testdev, which does none).
 */
static int map_pcie(struct vm *vm)
{
#ifdef PLAT_PCIE_ECAM_BASE
        _Static_assert(PLAT_PCIE_ECAM_BASE == GUEST_PCIE_ECAM_BASE &&
                       PLAT_PCIE_MMIO_BASE == GUEST_PCIE_MMIO_BASE &&
                       PLAT_PCIE_PIO_BASE == GUEST_PCIE_PIO_BASE,
                       "the host's PCIe layout must be the guest's (1:1)");
        for (unsigned int i = 0; i < VM_MAX; i++) {
                if (&vms[i] != vm && vms[i].state == VM_RUNNING && vms[i].cfg.pci_passthrough) {
                        log_error("VM '%s': pci-passthrough: VM '%s' owns the PCIe host bridge "
                                  "already\n", vm->cfg.name, vms[i].cfg.name);
                        return -1;
                }
        }
        if (pgtable_map(&vm->s2, GUEST_PCIE_ECAM_BASE, PLAT_PCIE_ECAM_BASE, GUEST_PCIE_ECAM_SIZE,
                        PT_DEVICE | PT_R | PT_W) ||
            pgtable_map(&vm->s2, GUEST_PCIE_PIO_BASE, PLAT_PCIE_PIO_BASE, GUEST_PCIE_PIO_SIZE,
                        PT_DEVICE | PT_R | PT_W) ||
            pgtable_map(&vm->s2, GUEST_PCIE_MMIO_BASE, PLAT_PCIE_MMIO_BASE, GUEST_PCIE_MMIO_SIZE,
                        PT_DEVICE | PT_R | PT_W)) {
                log_error("VM '%s': cannot map the PCIe host bridge\n", vm->cfg.name);
                return -1;
        }
        log_warn("VM '%s' owns the PCIe host bridge (ECAM 0x%llx, windows 0x%llx and I/O 0x%llx): "
                 "no SMMU, its devices' DMA is not confined; their interrupts are not "
                 "forwarded\n", vm->cfg.name, (unsigned long long)GUEST_PCIE_ECAM_BASE,
                 (unsigned long long)GUEST_PCIE_MMIO_BASE, (unsigned long long)GUEST_PCIE_PIO_BASE);
        return 0;
#else
        log_error("VM '%s': pci-passthrough: this platform's PCIe is not passed through\n",
                  vm->cfg.name);
        return -1;
#endif
}

static struct guest_mem vm_mem(const struct vm *vm)
{
        return (struct guest_mem){
                .hva = (uint8_t *)(uintptr_t)vm->mem_pa,
                .ipa = GUEST_RAM_BASE,
                .size = vm->cfg.mem_size,
        };
}

/* Images and device tree into guest RAM; vCPU 0 at the entry point, the others off. */
static int vm_load(struct vm *vm)
{
        struct guest_mem mem = vm_mem(vm);
        struct loaded_image img;
        const char *why;
        uint64_t ram_end = GUEST_RAM_BASE + vm->cfg.mem_size;
        uint64_t initrd_ipa = 0, dtb_ipa;
        uint8_t *dtb_buf;
        int dtb_size;

        if (loader_load(&mem, (enum loader_format)vm->cfg.format, vm->cfg.kernel.data,
                        vm->cfg.kernel.size, vm->cfg.raw_load, vm->cfg.raw_entry, &img, &why)) {
                log_error("VM '%s': cannot load kernel: %s\n", vm->cfg.name, why);
                return -1;
        }
        /* Device tree at the start of the window (8-byte aligned, <= 2 MiB), built in place. */
        dtb_ipa = ram_end - GUEST_DTB_WINDOW;
        if (vm->cfg.initrd.size) {
                initrd_ipa = (dtb_ipa - vm->cfg.initrd.size) & ~(uint64_t)(PAGE_SIZE - 1);
                if (initrd_ipa < img.end || initrd_ipa > dtb_ipa) {
                        log_error("VM '%s': initrd (%llu bytes) does not fit between the kernel and "
                                  "the device tree: give the VM more memory\n", vm->cfg.name,
                                  (unsigned long long)vm->cfg.initrd.size);
                        return -1;
                }
                loader_place(&mem, initrd_ipa, vm->cfg.initrd.data, vm->cfg.initrd.size);
        }
        if (dtb_ipa < img.end) {
                log_error("VM '%s': kernel leaves no room for the device tree: give the VM more "
                          "memory\n", vm->cfg.name);
                return -1;
        }
        dtb_buf = vm_ipa_to_hva(vm, dtb_ipa, GUEST_DTB_WINDOW);
        dtb_size = guest_dt_build(vm, dtb_buf, GUEST_DTB_WINDOW, initrd_ipa, vm->cfg.initrd.size);
        if (dtb_size < 0) {
                log_error("VM '%s': cannot build its device tree (error %d)\n", vm->cfg.name, dtb_size);
                return -1;
        }
        vm->entry = img.entry;
        vm->dtb_ipa = dtb_ipa;
        for (unsigned int i = 0; i < vm->cfg.nvcpus; i++) {
                struct vcpu *v = &vm->vcpus[i];

                v->vm = vm;
                v->id = i;
                vcpu_reset(v, img.entry, dtb_ipa);
                vgic_init_vcpu(v);
                vcpu_set_state(v, i == 0 ? VCPU_RUNNABLE : VCPU_OFF);
        }
        log_info("VM '%s': %s kernel at 0x%llx-0x%llx, entry 0x%llx, device tree at 0x%llx%s\n",
                 vm->cfg.name,
                 vm->cfg.format == IMAGE_LINUX ? "Linux" : vm->cfg.format == IMAGE_ELF ? "ELF" : "raw",
                 (unsigned long long)img.start, (unsigned long long)img.end,
                 (unsigned long long)img.entry, (unsigned long long)dtb_ipa,
                 vm->cfg.initrd.size ? ", initrd" : "");
        return 0;
}

int vm_create(struct vm *vm, unsigned int id, const struct vm_config *cfg)
{
        uint64_t pages;
        int err;

        memset(vm, 0, sizeof(*vm));
        vm->id = id;
        vm->vmid = (uint16_t)(id + 1);          /* VMID 0 is left unused */
        vm->cfg = *cfg;
        if (!cfg->nvcpus || cfg->nvcpus > VM_MAX_VCPUS || cfg->mem_size < SZ_2M ||
            (cfg->mem_size & (SZ_2M - 1))) {
                log_error("VM '%s': bad configuration (vcpus 1..%u, memory a multiple of 2 MiB)\n",
                          cfg->name, VM_MAX_VCPUS);
                return -1;
        }
        pages = cfg->mem_size / PAGE_SIZE;
        vm->mem_pa = (uint64_t)(uintptr_t)mm_alloc_pages(pages, SZ_2M);
        if (!vm->mem_pa) {
                log_error("VM '%s': not enough memory: it wants %llu MiB, %llu MiB are free\n",
                          cfg->name, (unsigned long long)(cfg->mem_size >> 20),
                          (unsigned long long)(mm_free_bytes() >> 20));
                return -1;
        }
        /* Memory another VM used is zeroed first: nothing leaks between VMs. */
        mm_scrub_dirty((void *)(uintptr_t)vm->mem_pa, pages);
        err = pgtable_init(&vm->s2, PGTABLE_STAGE2, stage2_ipa_bits(), &hyp_pgtable_ops);
        err = err ?: pgtable_map(&vm->s2, GUEST_RAM_BASE, vm->mem_pa, cfg->mem_size,
                                 PT_R | PT_W | PT_X);
        if (err) {
                log_error("VM '%s': cannot build its stage-2 tables (error %d)\n", cfg->name, err);
                goto fail;
        }
        vm->vttbr = stage2_make_vttbr(&vm->s2, vm->vmid);
        vm->state = VM_RUNNING;
        vgic_init(vm);
        if (vgic_version() == 3) {
                vm_add_mmio(vm, &(struct mmio_region){ GUEST_GICD_BASE, GUEST_GICD_SIZE,
                                                       "GIC distributor", vgic_dist_access, NULL });
                vm_add_mmio(vm, &(struct mmio_region){ GUEST_GICR_BASE,
                                                       (uint64_t)cfg->nvcpus * GUEST_GICR_STRIDE,
                                                       "GIC redistributors", vgic_redist_access, NULL });
        } else {
                vm_add_mmio(vm, &(struct mmio_region){ GUEST_GICD_BASE, GUEST_GICD_SIZE,
                                                       "GIC distributor", vgic_dist_v2_access, NULL });
                /* The guest's GICC is the hardware's virtual CPU interface (GICV), mapped. */
                if (pgtable_map(&vm->s2, GUEST_GICC_BASE, PLAT_GICV_BASE, GUEST_GICC_SIZE,
                                PT_DEVICE | PT_R | PT_W)) {
                        log_error("VM '%s': cannot map the GIC virtual CPU interface\n", cfg->name);
                        goto fail;
                }
        }
        if (cfg->pci_passthrough && map_pcie(vm))
                goto fail;
        vpl011_init(&vm->uart, vm);
        vm_add_mmio(vm, &(struct mmio_region){ GUEST_UART_BASE, GUEST_UART_SIZE, "PL011 UART",
                                               vpl011_access, &vm->uart });
        vm_add_mmio(vm, &(struct mmio_region){ GUEST_VIRTIO_BASE,
                                               (uint64_t)GUEST_VIRTIO_COUNT * GUEST_VIRTIO_STRIDE,
                                               "virtio-mmio", virtio_mmio_access, NULL });
        /* vm_find_mmio looks in this order: the ITS after the console, which is busier. */
        if (vgic_version() == 3) {
                vits_init(&vm->its);
                vm_add_mmio(vm, &(struct mmio_region){ GUEST_ITS_BASE, GUEST_ITS_SIZE, "GIC ITS",
                                                       vits_access, &vm->its });
        }
        if (vm_load(vm))
                goto fail;
        /* The guest's virtual counter starts near zero. */
        vm->cntvoff = arch_counter();
        log_info("VM '%s' (id %u): %u vCPU%s, %llu MiB at PA 0x%llx, VMID %u\n", cfg->name, id,
                 cfg->nvcpus, cfg->nvcpus > 1 ? "s" : "", (unsigned long long)(cfg->mem_size >> 20),
                 (unsigned long long)vm->mem_pa, vm->vmid);
        return 0;
fail:
        vm->state = VM_EMPTY;
        if (vm->s2.root)
                pgtable_destroy(&vm->s2);
        mm_free_pages((void *)(uintptr_t)vm->mem_pa, pages);
        return -1;
}

static void report_suppressed(struct vm *vm, uint64_t n)
{
        if (n)
                log_warn("VM '%s': %llu messages it caused were suppressed (at most %u a second)\n",
                         vm->cfg.name, (unsigned long long)n, VM_MSG_PER_S);
}

bool vm_msg_allowed(struct vm *vm)
{
        uint64_t now = arch_counter(), missed = 0;
        bool ok;

        spin_lock(&vm->msg_lock);
        if (now >= vm->msg_refill) {
                missed = vm->msg_suppressed;
                vm->msg_suppressed = 0;
                vm->msg_budget = VM_MSG_PER_S;
                vm->msg_refill = now + arch_counter_freq();
        }
        ok = vm->msg_budget > 0;
        if (ok)
                vm->msg_budget--;
        else
                vm->msg_suppressed++;
        spin_unlock(&vm->msg_lock);
        report_suppressed(vm, missed);
        return ok;
}

int vm_reset(struct vm *vm)
{
        bool idle = false;

        /* One reset at a time, and none of a VM that is ending. */
        if (vm->state != VM_RUNNING || vm->ending ||
            !__atomic_compare_exchange_n(&vm->resetting, &idle, true, false, __ATOMIC_ACQ_REL,
                                         __ATOMIC_ACQUIRE))
                return 0;
        vm_guest_log(vm, LOG_INFO, "VM '%s': reset\n", vm->cfg.name);
        vm->resets++;
        sched_stop_vm_vcpus(vm);
        sched_quiesce_vm(vm);
        vgic_init(vm);
        vits_init(&vm->its);
        vpl011_init(&vm->uart, vm);
        if (vm_load(vm)) {
                vm_end(vm, 255, true, "reset failed");
                return -1;
        }
        vm->cntvoff = arch_counter();
        stage2_flush_vmid(vm->vttbr);
        __atomic_store_n(&vm->resetting, false, __ATOMIC_RELEASE);
        sched_vm_started(vm);
        return 0;
}

static void vm_end(struct vm *vm, int status, bool crashed, const char *how)
{
        bool idle = false;

        /* vCPUs on several CPUs may end the VM at once: one of them does it. */
        if (vm->state != VM_RUNNING ||
            !__atomic_compare_exchange_n(&vm->ending, &idle, true, false, __ATOMIC_ACQ_REL,
                                         __ATOMIC_ACQUIRE))
                return;
        /* Report first: once the state changes the boot CPU may power the machine off. */
        if (crashed)
                kprintf("hyp: VM '%s' (id %u) crashed (%s)\n", vm->cfg.name, vm->id, how);
        else
                kprintf("hyp: VM '%s' (id %u) exited with status %d (%s)\n", vm->cfg.name, vm->id,
                        status, how);
        vm->exit_status = status;
        sched_stop_vm_vcpus(vm);
        sched_quiesce_vm(vm);
        {
                uint64_t sync = 0, irq = 0;

                for (unsigned int i = 0; i < vm->cfg.nvcpus; i++) {
                        sync += vm->vcpus[i].exits_sync;
                        irq += vm->vcpus[i].exits_irq;
                }
                log_info("VM '%s': %llu exits (%llu traps, %llu interrupts)\n", vm->cfg.name,
                         (unsigned long long)(sync + irq), (unsigned long long)sync,
                         (unsigned long long)irq);
        }
        {
                uint64_t missed;

                spin_lock(&vm->msg_lock);
                missed = vm->msg_suppressed;
                vm->msg_suppressed = 0;
                spin_unlock(&vm->msg_lock);
                report_suppressed(vm, missed);  /* printed outside the lock */
        }
        stage2_flush_vmid(vm->vttbr);
        pgtable_destroy(&vm->s2);
        /* Freed as dirty: zeroed before anyone else gets it (mm_scrub_dirty). */
        mm_free_pages_dirty((void *)(uintptr_t)vm->mem_pa, vm->cfg.mem_size / PAGE_SIZE);
        __atomic_store_n(&vm->state, crashed ? VM_CRASHED : VM_EXITED, __ATOMIC_RELEASE);
        sched_kick_boot_cpu();
}

void vm_exit(struct vm *vm, int status, const char *how)
{
        vm_end(vm, status, false, how);
}

void vm_crash(struct vm *vm, struct vcpu *v, const char *fmt, ...)
{
        char reason[160];
        va_list ap;

        va_start(ap, fmt);
        fmt_vsnprintf(reason, sizeof(reason), fmt, ap);
        va_end(ap);
        console_lock();
        kprintf_locked("hyp: VM '%s' vCPU %u: %s\n", vm->cfg.name, v->id, reason);
        kprintf_locked("  pc %016llx  pstate %08llx  ESR_EL2 %016llx  FAR_EL2 %016llx\n",
                       (unsigned long long)v->regs.pc, (unsigned long long)v->regs.pstate,
                       (unsigned long long)arch_exit_esr(), (unsigned long long)arch_exit_far());
        for (int i = 0; i < 31; i++)
                kprintf_locked("  x%-2d %016llx%s", i, (unsigned long long)v->regs.x[i],
                               (i % 4 == 3 || i == 30) ? "\n" : "");
        console_unlock();
        vm_end(vm, 255, true, reason);
}

bool vms_all_done(int *status)
{
        *status = 0;
        for (unsigned int i = 0; i < nvms; i++) {
                if (vms[i].state == VM_RUNNING)
                        return false;
                if (!*status && vms[i].exit_status)
                        *status = vms[i].exit_status & 0xff ? vms[i].exit_status & 0xff : 1;
        }
        if (!*status && vm_setup_failures)
                *status = 1;
        return true;
}
