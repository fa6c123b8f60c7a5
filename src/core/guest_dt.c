// SPDX-License-Identifier: MIT
#include "core/guest_dt.h"
#include "core/vm.h"
#include "lib/fdt_write.h"
#include "lib/printf.h"

#define PHANDLE_GIC             1
#define PHANDLE_CLK             2

/* GIC interrupt specifier: type (0 SPI, 1 PPI), number, flags (4 = level-high). */
#define GIC_SPI                 0
#define GIC_PPI                 1
#define IRQ_LEVEL_HIGH          4

static int reg2(struct fdt_writer *w, uint64_t base, uint64_t size)
{
        uint32_t cells[4] = { (uint32_t)(base >> 32), (uint32_t)base, (uint32_t)(size >> 32),
                              (uint32_t)size };

        return fdt_property_cells(w, "reg", cells, 4);
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
        /* Secure physical, non-secure physical, virtual, hypervisor physical PPIs. */
        const uint32_t irqs[] = {
                GIC_PPI, 13, f, GIC_PPI, 14, f, GIC_PPI, 11, f, GIC_PPI, 10, f,
        };

        fdt_begin_node(w, "timer");
        fdt_property_string(w, "compatible", "arm,armv8-timer");
        fdt_property_cells(w, "interrupts", irqs, sizeof(irqs) / sizeof(irqs[0]));
        fdt_property(w, "always-on", NULL, 0);
        fdt_end_node(w);
}

static void gic_v2(struct fdt_writer *w, const struct vm *vm)
{
        const uint32_t reg[8] = { 0, (uint32_t)GUEST_GICD_BASE, 0, 0x1000,
                                  0, (uint32_t)VGIC_GICC_BASE, 0, VGIC_GICC_SIZE };

        node_named(w, "intc", GUEST_GICD_BASE);
        fdt_property_string(w, "compatible", "arm,cortex-a15-gic");
        fdt_property_u32(w, "#interrupt-cells", 3);
        fdt_property(w, "interrupt-controller", NULL, 0);
        fdt_property_cells(w, "reg", reg, 8);
        fdt_property_u32(w, "phandle", PHANDLE_GIC);
        fdt_end_node(w);
        (void)vm;
}

static void gic(struct fdt_writer *w, const struct vm *vm)
{
        const uint32_t maint[] = { GIC_PPI, 9, IRQ_LEVEL_HIGH };

        if (vgic_version() == 2) {
                gic_v2(w, vm);
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
                uint64_t rd = (uint64_t)vm->cfg.nvcpus * VGIC_GICR_STRIDE;
                uint32_t reg[8] = { 0, (uint32_t)GUEST_GICD_BASE, 0, VGIC_GICD_SIZE,
                                    0, (uint32_t)GUEST_GICR_BASE, (uint32_t)(rd >> 32), (uint32_t)rd };
                fdt_property_cells(w, "reg", reg, 8);
        }
        fdt_property_cells(w, "interrupts", maint, 3);
        fdt_property_u32(w, "phandle", PHANDLE_GIC);
        fdt_end_node(w);
}

static void uart(struct fdt_writer *w)
{
        const uint32_t irq[] = { GIC_SPI, VPL011_IRQ - 32, IRQ_LEVEL_HIGH };
        const uint32_t clocks[] = { PHANDLE_CLK, PHANDLE_CLK };

        fdt_begin_node(w, "apb-pclk");
        fdt_property_string(w, "compatible", "fixed-clock");
        fdt_property_u32(w, "#clock-cells", 0);
        fdt_property_u32(w, "clock-frequency", 24000000);
        fdt_property_string(w, "clock-output-names", "clk24mhz");
        fdt_property_u32(w, "phandle", PHANDLE_CLK);
        fdt_end_node(w);

        node_named(w, "pl011", GUEST_UART_BASE);
        strings(w, "compatible", "arm,pl011", "arm,primecell");
        reg2(w, GUEST_UART_BASE, VPL011_SIZE);
        fdt_property_cells(w, "interrupts", irq, 3);
        fdt_property_cells(w, "clocks", clocks, 2);
        strings(w, "clock-names", "uartclk", "apb_pclk");
        fdt_end_node(w);
}

int guest_dt_build(struct vm *vm, void *buf, uint32_t size, uint64_t initrd_ipa, uint64_t initrd_size)
{
        struct fdt_writer w;

        fdt_write_begin(&w, buf, size);
        fdt_begin_node(&w, "");
        fdt_property_u32(&w, "#address-cells", 2);
        fdt_property_u32(&w, "#size-cells", 2);
        fdt_property_string(&w, "compatible", "linux,dummy-virt");
        fdt_property_string(&w, "model", "hyp virtual machine");
        fdt_property_u32(&w, "interrupt-parent", PHANDLE_GIC);

        fdt_begin_node(&w, "chosen");
        fdt_property_string(&w, "stdout-path", "/pl011@9000000");
        if (vm->cfg.bootargs)
                fdt_property_string(&w, "bootargs", vm->cfg.bootargs);
        if (initrd_size) {
                fdt_property_u64(&w, "linux,initrd-start", initrd_ipa);
                fdt_property_u64(&w, "linux,initrd-end", initrd_ipa + initrd_size);
        }
        fdt_end_node(&w);

        node_named(&w, "memory", GUEST_RAM_BASE);
        fdt_property_string(&w, "device_type", "memory");
        reg2(&w, GUEST_RAM_BASE, vm->cfg.mem_size);
        fdt_end_node(&w);

        cpus(&w, vm);

        fdt_begin_node(&w, "psci");
        strings(&w, "compatible", "arm,psci-1.0", "arm,psci-0.2");
        fdt_property_string(&w, "method", "hvc");
        fdt_end_node(&w);

        timer(&w, vm);
        gic(&w, vm);
        uart(&w);

        fdt_begin_node(&w, "hypervisor");
        fdt_property_string(&w, "compatible", "hyp,hypervisor-1.0");
        fdt_property_string(&w, "vm-name", vm->cfg.name);
        fdt_property_u32(&w, "vm-id", vm->id);
        fdt_end_node(&w);

        fdt_end_node(&w);
        return fdt_write_finish(&w);
}
