// SPDX-License-Identifier: MIT
#include "arch/arch.h"
#include "core/cpu_features.h"
#include "core/guest_dt.h"
#include "core/vm.h"
#include "lib/fdt_write.h"
#include "lib/log.h"
#include "lib/printf.h"
#include "lib/string.h"

/* build_from_user: the user's cell sizes cannot hold the VM's addresses (not an FDT_ERR). */
#define GUEST_DT_CELLS          (-1000)

#define PHANDLE_GIC             1
#define PHANDLE_CLK             2
#define PHANDLE_ITS             3

/* GIC interrupt specifier: type (0 SPI, 1 PPI), number, flags (4 = level-high). */
#define GIC_SPI                 0
#define GIC_PPI                 1
#define IRQ_EDGE_RISING         1
#define IRQ_LEVEL_HIGH          4

/*
 * The cell sizes of the root's children's reg: 2 and 2 in a generated tree; a user's
 * tree keeps its own (a default of 2 and 1, or 1 and 1 in a 32-bit style tree), so the
 * nodes written into it must use them.
 */
struct cells {
        unsigned int addr, size;
};

static const struct cells cells_2_2 = { 2, 2 };

static bool fits(uint64_t v, unsigned int ncells)
{
        return ncells == 2 || (ncells == 1 && v <= 0xffffffffull);
}

/* reg = <base size> pairs in the given cell sizes (1 or 2 each). */
static int reg_prop(struct fdt_writer *w, struct cells c, const uint64_t *pairs, unsigned int n)
{
        uint32_t cells[16];
        unsigned int k = 0;

        for (unsigned int i = 0; i < 2 * n && k + 2 <= 16; i++) {
                unsigned int nc = i & 1 ? c.size : c.addr;

                if (nc == 2)
                        cells[k++] = (uint32_t)(pairs[i] >> 32);
                cells[k++] = (uint32_t)pairs[i];
        }
        return fdt_property_cells(w, "reg", cells, k);
}

static int reg2(struct fdt_writer *w, struct cells c, uint64_t base, uint64_t size)
{
        const uint64_t pair[2] = { base, size };

        return reg_prop(w, c, pair, 1);
}

static int strings(struct fdt_writer *w, const char *name, const char *a, const char *b)
{
        char buf[64];
        int la = fmt_snprintf(buf, sizeof(buf), "%s", a);
        int lb = fmt_snprintf(buf + la + 1, sizeof(buf) - (size_t)la - 1, "%s", b);

        return fdt_property(w, name, buf, (size_t)(la + 1 + lb + 1));
}

static void node_named(struct fdt_writer *w, const char *base, uint64_t addr)
{
        char name[48];

        fmt_snprintf(name, sizeof(name), "%s@%llx", base, (unsigned long long)addr);
        fdt_begin_node(w, name);
}

static void cpus(struct fdt_writer *w, const struct vm *vm)
{
        fdt_begin_node(w, "cpus");
        fdt_property_u32(w, "#address-cells", 1);
        fdt_property_u32(w, "#size-cells", 0);
        for (unsigned int i = 0; i < vm->cfg.nvcpus; i++) {
                node_named(w, "cpu", i);
                fdt_property_string(w, "device_type", "cpu");
                fdt_property_string(w, "compatible", "arm,armv8");
                fdt_property_u32(w, "reg", i);
                fdt_property_string(w, "enable-method", "psci");
                fdt_end_node(w);
        }
        fdt_end_node(w);
}

static void timer(struct fdt_writer *w, const struct vm *vm)
{
        /* GICv2 PPI specifiers also name the CPUs they reach (bits 15:8). */
        uint32_t f = IRQ_LEVEL_HIGH |
                     (vgic_version() == 2 ? ((1u << vm->cfg.nvcpus) - 1) << 8 : 0);
        /* Secure physical, non-secure physical, virtual, hypervisor physical: the binding's
         * order; PPI specifiers count from INTID 16. */
        const uint32_t irqs[] = {
                GIC_PPI, GUEST_PPI_SEC_TIMER - 16, f, GIC_PPI, GUEST_PPI_PTIMER - 16, f,
                GIC_PPI, GUEST_PPI_VTIMER - 16, f, GIC_PPI, GUEST_PPI_HYP_TIMER - 16, f,
        };

        fdt_begin_node(w, "timer");
        fdt_property_string(w, "compatible", "arm,armv8-timer");
        fdt_property_cells(w, "interrupts", irqs, sizeof(irqs) / sizeof(irqs[0]));
        fdt_property(w, "always-on", NULL, 0);
        fdt_end_node(w);
}

/* The PMUv3 (vdev/vpmu.c) where the guest's ID_AA64DFR0_EL1.PMUVer says there is one:
 * its overflow interrupt, PPI 23, level, as on QEMU virt. */
static void pmu(struct fdt_writer *w, const struct vm *vm)
{
        uint64_t dfr0 = cpu_features_sanitize(SYS_ID_AA64DFR0_EL1, arch_id_reg(SYS_ID_AA64DFR0_EL1));
        unsigned int ver = (unsigned int)(dfr0 >> 8) & 0xf;
        uint32_t irq[] = { GIC_PPI, GUEST_PPI_PMU - 16, IRQ_LEVEL_HIGH |
                           (vgic_version() == 2 ? ((1u << vm->cfg.nvcpus) - 1) << 8 : 0) };

        if (ver == 0 || ver == 0xf)
                return;
        fdt_begin_node(w, "pmu");
        fdt_property_string(w, "compatible", "arm,armv8-pmuv3");
        fdt_property_cells(w, "interrupts", irq, 3);
        fdt_end_node(w);
}

static void gic_v2(struct fdt_writer *w, const struct vm *vm, uint32_t phandle, struct cells c)
{
        const uint64_t reg[4] = { GUEST_GICD_BASE, GUEST_GICD_V2_SIZE, GUEST_GICC_BASE,
                                  GUEST_GICC_SIZE };

        node_named(w, "intc", GUEST_GICD_BASE);
        fdt_property_string(w, "compatible", "arm,cortex-a15-gic");
        fdt_property_u32(w, "#interrupt-cells", 3);
        fdt_property(w, "interrupt-controller", NULL, 0);
        reg_prop(w, c, reg, 2);
        fdt_property_u32(w, "phandle", phandle);
        fdt_end_node(w);
        (void)vm;
}

static void gic(struct fdt_writer *w, const struct vm *vm, uint32_t phandle, uint32_t its_phandle,
                struct cells c)
{
        const uint32_t maint[] = { GIC_PPI, GUEST_PPI_MAINT - 16, IRQ_LEVEL_HIGH };

        if (vgic_version() == 2) {
                gic_v2(w, vm, phandle, c);
                return;
        }
        node_named(w, "intc", GUEST_GICD_BASE);
        fdt_property_string(w, "compatible", "arm,gic-v3");
        fdt_property_u32(w, "#interrupt-cells", 3);
        fdt_property(w, "interrupt-controller", NULL, 0);
        fdt_property_u32(w, "#address-cells", 2);
        fdt_property_u32(w, "#size-cells", 2);
        fdt_property(w, "ranges", NULL, 0);
        fdt_property_u32(w, "#redistributor-regions", 1);
        {
                /* Distributor, then one redistributor frame pair per vCPU. */
                const uint64_t reg[4] = { GUEST_GICD_BASE, GUEST_GICD_SIZE, GUEST_GICR_BASE,
                                          (uint64_t)vm->cfg.nvcpus * GUEST_GICR_STRIDE };
                reg_prop(w, c, reg, 2);
        }
        fdt_property_cells(w, "interrupts", maint, 3);
        fdt_property_u32(w, "phandle", phandle);
        /* The ITS (vdev/vits.c): an MSI controller, one cell of DeviceID. */
        node_named(w, "its", GUEST_ITS_BASE);
        fdt_property_string(w, "compatible", "arm,gic-v3-its");
        fdt_property(w, "msi-controller", NULL, 0);
        fdt_property_u32(w, "#msi-cells", 1);
        reg2(w, cells_2_2, GUEST_ITS_BASE, GUEST_ITS_SIZE);
        fdt_property_u32(w, "phandle", its_phandle);
        fdt_end_node(w);
        fdt_end_node(w);
}

/* The UART's node: its name and the stdout-path that points at it. */
#define UART_NODE               "pl011"

static void uart(struct fdt_writer *w)
{
        const uint32_t irq[] = { GIC_SPI, GUEST_UART_IRQ - 32, IRQ_LEVEL_HIGH };
        const uint32_t clocks[] = { PHANDLE_CLK, PHANDLE_CLK };
        char clk_name[16];

        fmt_snprintf(clk_name, sizeof(clk_name), "clk%umhz", GUEST_UART_CLOCK_HZ / 1000000);
        fdt_begin_node(w, "apb-pclk");
        fdt_property_string(w, "compatible", "fixed-clock");
        fdt_property_u32(w, "#clock-cells", 0);
        fdt_property_u32(w, "clock-frequency", GUEST_UART_CLOCK_HZ);
        fdt_property_string(w, "clock-output-names", clk_name);
        fdt_property_u32(w, "phandle", PHANDLE_CLK);
        fdt_end_node(w);

        node_named(w, UART_NODE, GUEST_UART_BASE);
        strings(w, "compatible", "arm,pl011", "arm,primecell");
        reg2(w, cells_2_2, GUEST_UART_BASE, GUEST_UART_SIZE);
        fdt_property_cells(w, "interrupts", irq, 3);
        fdt_property_cells(w, "clocks", clocks, 2);
        strings(w, "clock-names", "uartclk", "apb_pclk");
        fdt_end_node(w);
}

/* QEMU virt's empty virtio-mmio transports, listed lowest address first as QEMU's tree
 * lists them (Linux numbers the devices it finds in this order). */
static void virtio_mmio(struct fdt_writer *w)
{
        for (unsigned int i = 0; i < GUEST_VIRTIO_COUNT; i++) {
                uint64_t base = GUEST_VIRTIO_BASE + (uint64_t)i * GUEST_VIRTIO_STRIDE;
                const uint32_t irq[] = { GIC_SPI, GUEST_VIRTIO_IRQ - 32 + i, IRQ_EDGE_RISING };

                node_named(w, "virtio_mmio", base);
                fdt_property_string(w, "compatible", "virtio,mmio");
                reg2(w, cells_2_2, base, GUEST_VIRTIO_STRIDE);
                fdt_property_cells(w, "interrupts", irq, 3);
                fdt_property(w, "dma-coherent", NULL, 0);
                fdt_end_node(w);
        }
}

/*
 * The PCIe host bridge of a VM that owns the host's (pci-passthrough), as QEMU virt
 * describes it: ECAM for buses 0-255; ranges (3 address cells: space, 64-bit PCI
 * address; 2 CPU address cells; 2 size cells) I/O at PCI 0 and the 32-bit memory
 * window 1:1. No interrupt-map: INTx is not forwarded (nor MSI: no ITS).
 */
static void pcie(struct fdt_writer *w, const struct vm *vm)
{
        const uint32_t bus_range[] = { 0, 0xff };
        const uint32_t ranges[] = {
                0x01000000, 0, 0, (uint32_t)(GUEST_PCIE_PIO_BASE >> 32), (uint32_t)GUEST_PCIE_PIO_BASE,
                0, (uint32_t)GUEST_PCIE_PIO_SIZE,
                0x02000000, (uint32_t)(GUEST_PCIE_MMIO_BASE >> 32), (uint32_t)GUEST_PCIE_MMIO_BASE,
                (uint32_t)(GUEST_PCIE_MMIO_BASE >> 32), (uint32_t)GUEST_PCIE_MMIO_BASE,
                (uint32_t)(GUEST_PCIE_MMIO_SIZE >> 32), (uint32_t)GUEST_PCIE_MMIO_SIZE,
        };

        if (!vm->cfg.pci_passthrough)
                return;
        node_named(w, "pcie", GUEST_PCIE_MMIO_BASE);
        fdt_property_string(w, "compatible", "pci-host-ecam-generic");
        fdt_property_string(w, "device_type", "pci");
        fdt_property_u32(w, "#address-cells", 3);
        fdt_property_u32(w, "#size-cells", 2);
        reg2(w, cells_2_2, GUEST_PCIE_ECAM_BASE, GUEST_PCIE_ECAM_SIZE);
        fdt_property_cells(w, "bus-range", bus_range, 2);
        fdt_property_u32(w, "linux,pci-domain", 0);
        fdt_property_cells(w, "ranges", ranges, sizeof(ranges) / sizeof(ranges[0]));
        fdt_property(w, "dma-coherent", NULL, 0);
        fdt_end_node(w);
}

static void chosen(struct fdt_writer *w, const struct vm *vm, uint64_t initrd_ipa,
                   uint64_t initrd_size, const void *user, int user_chosen)
{
        fdt_begin_node(w, "chosen");
        /* Keep what the user's /chosen says, except what this VM decides. */
        for (int p = user_chosen >= 0 ? fdt_first_property(user, user_chosen) : -1; p >= 0;
             p = fdt_next_property(user, p)) {
                const char *name;
                int len;
                const void *val = fdt_property_at(user, p, &name, &len);

                if (!val || !strcmp(name, "linux,initrd-start") || !strcmp(name, "linux,initrd-end") ||
                    (vm->cfg.bootargs && !strcmp(name, "bootargs")) || !strcmp(name, "stdout-path"))
                        continue;
                fdt_property(w, name, val, (size_t)len);
        }
        {
                char path[48];

                fmt_snprintf(path, sizeof(path), "/" UART_NODE "@%llx",
                             (unsigned long long)GUEST_UART_BASE);
                fdt_property_string(w, "stdout-path", path);
        }
        if (vm->cfg.bootargs)
                fdt_property_string(w, "bootargs", vm->cfg.bootargs);
        if (initrd_size) {
                fdt_property_u64(w, "linux,initrd-start", initrd_ipa);
                fdt_property_u64(w, "linux,initrd-end", initrd_ipa + initrd_size);
        }
        fdt_end_node(w);
}

static void memory_and_cpus(struct fdt_writer *w, const struct vm *vm, struct cells c)
{
        node_named(w, "memory", GUEST_RAM_BASE);
        fdt_property_string(w, "device_type", "memory");
        reg2(w, c, GUEST_RAM_BASE, vm->cfg.mem_size);
        fdt_end_node(w);

        cpus(w, vm);

        fdt_begin_node(w, "psci");
        strings(w, "compatible", "arm,psci-1.0", "arm,psci-0.2");
        fdt_property_string(w, "method", "hvc");
        fdt_end_node(w);
}

static void hypervisor_node(struct fdt_writer *w, const struct vm *vm)
{
        fdt_begin_node(w, "hypervisor");
        fdt_property_string(w, "compatible", "hyp,hypervisor-1.0");
        fdt_property_string(w, "vm-name", vm->cfg.name);
        fdt_property_u32(w, "vm-id", vm->id);
        fdt_property_u32(w, "vm-resets", vm->resets);  /* SYSTEM_RESETs so far */
        fdt_end_node(w);
}

static bool base_name_is(const char *name, int len, const char *base)
{
        size_t n = strlen(base);

        return (size_t)len >= n && !memcmp(name, base, n) && ((size_t)len == n || name[n] == '@');
}

static bool is_gic(const void *fdt, int node)
{
        return fdt_node_is_compatible(fdt, node, "arm,gic-v3") ||
               fdt_node_is_compatible(fdt, node, "arm,cortex-a15-gic") ||
               fdt_node_is_compatible(fdt, node, "arm,gic-400");
}

/*
 * A user-supplied device tree: kept, except where it would lie about this VM.
 * Memory, CPUs, PSCI and the interrupt controller are what the VM has (the
 * GIC keeps the user's phandle, so interrupt-parent references stay valid);
 * /chosen gets this VM's command line and initrd. Each correction is reported.
 */
static int build_from_user(struct vm *vm, struct fdt_writer *w, const void *user,
                           uint64_t initrd_ipa, uint64_t initrd_size)
{
        uint32_t phandle = PHANDLE_GIC, max_phandle = 0;
        uint64_t user_mem = 0;
        unsigned int user_cpus = 0;
        int user_chosen = -1, gic_node = -1, cpus_node;
        bool has_parent = false;
        struct cells rc = { (unsigned int)fdt_address_cells(user, 0),
                            (unsigned int)fdt_size_cells(user, 0) };
        uint64_t gicr_size = (uint64_t)vm->cfg.nvcpus * GUEST_GICR_STRIDE;

        /* The VM's nodes must be expressible in the user's cell sizes (1 or 2 each). */
        if (rc.addr < 1 || rc.addr > 2 || rc.size < 1 || rc.size > 2 ||
            !fits(GUEST_RAM_BASE, rc.addr) || !fits(vm->cfg.mem_size, rc.size) ||
            !fits(GUEST_GICR_BASE, rc.addr) || !fits(gicr_size, rc.size))
                return GUEST_DT_CELLS;

        for (int n = fdt_next_node(user, 0, NULL); n >= 0; n = fdt_next_node(user, n, NULL)) {
                uint32_t ph;
                if (!fdt_getprop_u32(user, n, "phandle", &ph) && ph > max_phandle)
                        max_phandle = ph;
                if (gic_node < 0 && is_gic(user, n))
                        gic_node = n;
        }
        if (gic_node >= 0 && !fdt_getprop_u32(user, gic_node, "phandle", &phandle))
                ;
        else
                phandle = max_phandle + 1;
        cpus_node = fdt_path_offset(user, "/cpus");
        for (int c = cpus_node >= 0 ? fdt_first_subnode(user, cpus_node) : -1; c >= 0;
             c = fdt_next_subnode(user, c)) {
                int len;
                const char *t = fdt_getprop(user, c, "device_type", &len);
                if (t && len == 4 && !memcmp(t, "cpu", 4))
                        user_cpus++;
        }

        fdt_begin_node(w, "");
        for (int p = fdt_first_property(user, 0); p >= 0; p = fdt_next_property(user, p)) {
                const char *name;
                int len;
                const void *val = fdt_property_at(user, p, &name, &len);

                if (!val)
                        continue;
                if (!strcmp(name, "interrupt-parent"))
                        has_parent = true;
                fdt_property(w, name, val, (size_t)len);
        }
        if (!has_parent)
                fdt_property_u32(w, "interrupt-parent", phandle);
        for (int c = fdt_first_subnode(user, 0); c >= 0; c = fdt_next_subnode(user, c)) {
                int len;
                const char *name = fdt_get_name(user, c, &len);

                if (!name)
                        continue;
                if (base_name_is(name, len, "memory")) {
                        uint64_t base, sz;
                        for (int i = 0; !fdt_get_reg(user, c, i, &base, &sz); i++)
                                user_mem += sz;
                        continue;
                }
                if (base_name_is(name, len, "chosen")) {
                        user_chosen = c;
                        continue;
                }
                if (base_name_is(name, len, "cpus") || base_name_is(name, len, "psci") ||
                    base_name_is(name, len, "hypervisor") || c == gic_node)
                        continue;
                fdt_copy_node(w, user, c, true);
        }
        chosen(w, vm, initrd_ipa, initrd_size, user, user_chosen);
        memory_and_cpus(w, vm, rc);
        gic(w, vm, phandle, (phandle > max_phandle ? phandle : max_phandle) + 1, rc);
        hypervisor_node(w, vm);
        fdt_end_node(w);

        if (user_mem != vm->cfg.mem_size)
                vm_guest_log(vm, LOG_WARN, "VM '%s': its device tree describes %llu MiB of "
                             "memory: corrected to the VM's %llu MiB at 0x%llx\n", vm->cfg.name,
                             (unsigned long long)(user_mem >> 20),
                             (unsigned long long)(vm->cfg.mem_size >> 20),
                             (unsigned long long)GUEST_RAM_BASE);
        if (user_cpus != vm->cfg.nvcpus)
                vm_guest_log(vm, LOG_WARN, "VM '%s': its device tree describes %u CPUs: "
                             "corrected to the VM's %u vCPUs\n", vm->cfg.name, user_cpus,
                             vm->cfg.nvcpus);
        return fdt_write_finish(w);
}

int guest_dt_build(struct vm *vm, void *buf, uint32_t size, uint64_t initrd_ipa, uint64_t initrd_size)
{
        struct fdt_writer w;

        fdt_write_begin(&w, buf, size);
        if (vm->cfg.dtb.data) {
                int err = fdt_check_full(vm->cfg.dtb.data, vm->cfg.dtb.size);

                if (!err) {
                        err = build_from_user(vm, &w, vm->cfg.dtb.data, initrd_ipa, initrd_size);
                        if (err != GUEST_DT_CELLS)
                                return err;
                        vm_guest_log(vm, LOG_WARN, "VM '%s': its device tree's root "
                                     "#address-cells/#size-cells cannot describe the VM's "
                                     "memory and GIC: generating one\n", vm->cfg.name);
                        fdt_write_begin(&w, buf, size);
                } else {
                        vm_guest_log(vm, LOG_WARN, "VM '%s': its device tree is not valid "
                                     "(%d): generating one\n", vm->cfg.name, err);
                }
        }
        fdt_begin_node(&w, "");
        fdt_property_u32(&w, "#address-cells", 2);
        fdt_property_u32(&w, "#size-cells", 2);
        fdt_property_string(&w, "compatible", "linux,dummy-virt");
        fdt_property_string(&w, "model", "hyp virtual machine");
        fdt_property_u32(&w, "interrupt-parent", PHANDLE_GIC);

        chosen(&w, vm, initrd_ipa, initrd_size, NULL, -1);
        memory_and_cpus(&w, vm, cells_2_2);
        timer(&w, vm);
        pmu(&w, vm);
        gic(&w, vm, PHANDLE_GIC, PHANDLE_ITS, cells_2_2);
        uart(&w);
        virtio_mmio(&w);
        pcie(&w, vm);
        hypervisor_node(&w, vm);

        fdt_end_node(&w);
        return fdt_write_finish(&w);
}
