// SPDX-License-Identifier: MIT
/*
 * dt: the device tree the hypervisor passes in x0, read with src/lib/fdt.c:
 * /memory (base 0x40000000, size = the RAM the guest can touch: its last word
 * reads, the next one faults), /cpus (VM_INFO-count cpu@N, reg N, enable-method
 * "psci"), /psci ("arm,psci-0.2", method "hvc"), /timer ("arm,armv8-timer",
 * 4 PPIs incl. <1 11 4>, the virtual timer = INTID 27), the GIC ("arm,gic-v3":
 * GICD 0x08000000, redistributors 0x20000 per vCPU; GICv2 "arm,cortex-a15-gic":
 * GICD 0x08000000, GICC 0x08010000), /pl011@9000000 ("arm,pl011", reg,
 * interrupts <0 1 4>, clocks), /chosen (bootargs as configured, stdout-path).
 * Exit status: the number of failed checks.
 */
#include "lib/guest.h"
#include "lib/fdt.h"
#include "lib/printf.h"
#include "lib/smp.h"
#include "lib/string.h"

#define NAME "dt"

/* configs/test-dt.dts gives this VM these bootargs. */
#define WANT_BOOTARGS   "dt-test console=ttyAMA0 answer=42"

static const void *fdt;

static bool prop_is(int node, const char *prop, const char *want)
{
        int len;
        const char *v = fdt_getprop(fdt, node, prop, &len);

        return v && len == (int)strlen(want) + 1 && !memcmp(v, want, (size_t)len);
}

static bool cells_are(int node, const char *prop, const uint32_t *want, int n)
{
        int len;
        const uint8_t *v = fdt_getprop(fdt, node, prop, &len);

        if (!v || len != n * 4)
                return false;
        for (int i = 0; i < n; i++)
                if (fdt32_ld(v + 4 * i) != want[i])
                        return false;
        return true;
}

static void check_memory(void)
{
        int node = fdt_path_offset(fdt, "/memory@40000000");
        uint64_t base = 0, size = 0;
        uint32_t x;

        if (!CHECK("memory-node", node >= 0, "no /memory@40000000 (%d)", node))
                return;
        CHECK("memory-device-type", prop_is(node, "device_type", "memory"), "device_type");
        CHECK("memory-reg", fdt_get_reg(fdt, node, 0, &base, &size) == 0 && base == 0x40000000ull &&
              size >= (4u << 20), "reg 0x%llx+0x%llx", (unsigned long long)base, (unsigned long long)size);
        guest_printf(NAME ": memory 0x%llx+0x%llx\n", (unsigned long long)base, (unsigned long long)size);
        if (size) {
                CHECK("memory-last-word-readable", guest_try_read32(base + size - 4, &x, NULL),
                      "read at 0x%llx faulted", (unsigned long long)(base + size - 4));
                CHECK("memory-end-faults", !guest_try_read32(base + size, &x, NULL),
                      "read at 0x%llx (just past RAM) did not fault", (unsigned long long)(base + size));
        }
}

static void check_cpus(unsigned int ncpus)
{
        int cpus = fdt_path_offset(fdt, "/cpus"), n = 0, node;
        unsigned int bad = 0;
        uint32_t ac = 0, sc = 1;

        if (!CHECK("cpus-node", cpus >= 0, "no /cpus"))
                return;
        fdt_getprop_u32(fdt, cpus, "#address-cells", &ac);
        fdt_getprop_u32(fdt, cpus, "#size-cells", &sc);
        CHECK("cpus-cells", ac == 1 && sc == 0, "#address-cells %u #size-cells %u", ac, sc);
        for (node = fdt_first_subnode(fdt, cpus); node >= 0; node = fdt_next_subnode(fdt, node)) {
                char want[16];
                int len;
                const char *nm = fdt_get_name(fdt, node, &len);
                uint32_t reg = ~0u;

                fmt_snprintf(want, sizeof(want), "cpu@%x", n);
                fdt_getprop_u32(fdt, node, "reg", &reg);
                if (!nm || strcmp(nm, want) || reg != (uint32_t)n ||
                    !prop_is(node, "enable-method", "psci") || !prop_is(node, "device_type", "cpu")) {
                        guest_printf(NAME ": bad cpu node %s reg %u\n", nm ? nm : "?", reg);
                        bad++;
                }
                n++;
        }
        CHECK("cpus-count", (unsigned int)n == ncpus, "%d cpu nodes, VM_INFO says %u", n, ncpus);
        CHECK("cpus-nodes", bad == 0, "%u bad cpu nodes (name cpu@N, reg N, psci, device_type)", bad);
}

static void check_psci_timer(void)
{
        int node = fdt_path_offset(fdt, "/psci");
        static const uint32_t virt[3] = { 1, 11, 4 };

        if (CHECK("psci-node", node >= 0, "no /psci")) {
                CHECK("psci-compatible", fdt_node_is_compatible(fdt, node, "arm,psci-0.2"),
                      "compatible lacks arm,psci-0.2");
                CHECK("psci-method-hvc", prop_is(node, "method", "hvc"), "method is not \"hvc\"");
        }
        node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer");
        if (CHECK("timer-node", node >= 0, "no arm,armv8-timer node")) {
                int len, found = 0;
                const uint8_t *v = fdt_getprop(fdt, node, "interrupts", &len);

                CHECK("timer-4-ppis", v && len == 4 * 12, "interrupts is %d bytes, want 48", v ? len : -1);
                for (int i = 0; v && i + 12 <= len; i += 12) {
                        if (fdt32_ld(v + i) != 1)
                                found = -100;           /* not a PPI */
                        if (fdt32_ld(v + i) == virt[0] && fdt32_ld(v + i + 4) == virt[1] &&
                            (fdt32_ld(v + i + 8) & 0xf) == virt[2] && i == 24)
                                found++;
                }
                CHECK("timer-virtual-ppi-27", found == 1,
                      "third interrupt (virtual timer) is not <1 11 4> (PPI 11 = INTID 27), or not all PPIs");
        }
}

static void check_gic(unsigned int ncpus)
{
        int node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");
        uint64_t a = 0, s = 0;

        if (node >= 0) {
                guest_printf(NAME ": GICv3\n");
                CHECK("gic-interrupt-controller", fdt_getprop(fdt, node, "interrupt-controller", NULL) != NULL,
                      "no interrupt-controller");
                CHECK("gicd-reg", fdt_get_reg(fdt, node, 0, &a, &s) == 0 && a == 0x08000000ull &&
                      s == 0x10000, "GICD 0x%llx+0x%llx", (unsigned long long)a, (unsigned long long)s);
                CHECK("gicr-reg", fdt_get_reg(fdt, node, 1, &a, &s) == 0 && a == 0x080A0000ull &&
                      s == 0x20000ull * ncpus, "GICR 0x%llx+0x%llx, want 0x080a0000+0x%llx",
                      (unsigned long long)a, (unsigned long long)s, 0x20000ull * ncpus);
        } else {
                node = fdt_node_offset_by_compatible(fdt, -1, "arm,cortex-a15-gic");
                if (!CHECK("gic-node", node >= 0, "no arm,gic-v3 or arm,cortex-a15-gic node"))
                        return;
                guest_printf(NAME ": GICv2\n");
                CHECK("gicd-reg", fdt_get_reg(fdt, node, 0, &a, &s) == 0 && a == 0x08000000ull,
                      "GICD 0x%llx+0x%llx", (unsigned long long)a, (unsigned long long)s);
                CHECK("gicc-reg", fdt_get_reg(fdt, node, 1, &a, &s) == 0 && a == 0x08010000ull &&
                      s >= 0x2000, "GICC 0x%llx+0x%llx", (unsigned long long)a, (unsigned long long)s);
        }
        {
                uint32_t cells = 0, ph = 0, parent = 0;

                fdt_getprop_u32(fdt, node, "#interrupt-cells", &cells);
                fdt_getprop_u32(fdt, node, "phandle", &ph);
                fdt_getprop_u32(fdt, 0, "interrupt-parent", &parent);
                CHECK("gic-interrupt-cells-3", cells == 3, "#interrupt-cells %u", cells);
                CHECK("root-interrupt-parent-gic", ph && parent == ph, "interrupt-parent %u, GIC phandle %u",
                      parent, ph);
        }
}

static void check_uart_chosen(void)
{
        int node = fdt_path_offset(fdt, "/pl011@9000000"), chosen, len;
        static const uint32_t irq[3] = { 0, 1, 4 };
        uint64_t a = 0, s = 0;
        const char *p;

        if (CHECK("pl011-node", node >= 0, "no /pl011@9000000")) {
                CHECK("pl011-compatible", fdt_node_is_compatible(fdt, node, "arm,pl011") &&
                      fdt_node_is_compatible(fdt, node, "arm,primecell"), "compatible");
                CHECK("pl011-reg", fdt_get_reg(fdt, node, 0, &a, &s) == 0 && a == 0x09000000ull && s >= 0x1000,
                      "reg 0x%llx+0x%llx", (unsigned long long)a, (unsigned long long)s);
                CHECK("pl011-interrupts", cells_are(node, "interrupts", irq, 3),
                      "interrupts is not <0 1 4> (SPI 1 = INTID 33)");
                p = fdt_getprop(fdt, node, "clocks", &len);
                CHECK("pl011-clocks", p && len == 8, "clocks %d bytes", p ? len : -1);
                if (p && len >= 4) {
                        int clk = -1;
                        uint32_t ph = fdt32_ld(p), f = 0;

                        for (int n = fdt_node_offset_by_compatible(fdt, -1, "fixed-clock"); n >= 0;
                             n = fdt_node_offset_by_compatible(fdt, n, "fixed-clock")) {
                                uint32_t x = 0;

                                if (!fdt_getprop_u32(fdt, n, "phandle", &x) && x == ph)
                                        clk = n;
                        }
                        if (clk >= 0)
                                fdt_getprop_u32(fdt, clk, "clock-frequency", &f);
                        CHECK("pl011-clock-node", clk >= 0 && fdt_node_is_compatible(fdt, clk, "fixed-clock") && f,
                              "clock phandle %u: node %d, frequency %u", ph, clk, f);
                }
        }
        chosen = fdt_path_offset(fdt, "/chosen");
        if (!CHECK("chosen-node", chosen >= 0, "no /chosen"))
                return;
        p = fdt_getprop(fdt, chosen, "bootargs", &len);
        if (p)
                guest_printf(NAME ": bootargs \"%.*s\"\n", len, p);
        CHECK("chosen-bootargs", prop_is(chosen, "bootargs", WANT_BOOTARGS),
              "bootargs \"%s\", want \"" WANT_BOOTARGS "\"", p ? p : "(none)");
        p = fdt_getprop(fdt, chosen, "stdout-path", &len);
        CHECK("chosen-stdout-path", p && len > 0 && !strncmp(p, "/pl011@9000000", 14) &&
              (p[14] == '\0' || p[14] == ':') && fdt_path_offset(fdt, "/pl011@9000000") >= 0,
              "stdout-path \"%s\"", p ? p : "(none)");
}

int guest_main(uint64_t dtb)
{
        unsigned int ncpus = smp_vcpu_count();
        uint32_t magic = 0;
        int r;

        guest_printf(NAME ": dtb at 0x%llx, %u vCPUs\n", (unsigned long long)dtb, ncpus);
        if (!CHECK("dtb-passed", dtb && guest_try_read32(dtb, &magic, NULL), "x0 = 0x%llx", (unsigned long long)dtb))
                return guest_summary(NAME);
        fdt = (const void *)(uintptr_t)dtb;
        r = fdt_check_full(fdt, 2u << 20);
        if (!CHECK("dtb-valid", r == 0, "fdt_check_full: %d", r))
                return guest_summary(NAME);
        guest_printf(NAME ": %u bytes\n", fdt_totalsize(fdt));
        CHECK("dtb-in-ram", dtb >= GUEST_RAM_BASE && dtb + fdt_totalsize(fdt) > dtb, "dtb outside RAM");
        check_memory();
        check_cpus(ncpus);
        check_psci_timer();
        check_gic(ncpus);
        check_uart_chosen();
        return guest_summary(NAME);
}
