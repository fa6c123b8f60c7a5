// SPDX-License-Identifier: MIT
/*
 * The guest device tree builder (core/guest_dt.c) on the fake arch: what a VM
 * is told about itself, read back with the hypervisor's own FDT reader: every
 * node derived from the virtual platform (core/vplatform.h), both GIC versions,
 * and a user's device tree kept except where it would lie about the VM.
 */
#include <stdlib.h>
#include <string.h>

#include "arch/fake/fake.h"
#include "core/cpu_features.h"
#include "core/guest_dt.h"
#include "core/vm.h"
#include "lib/fdt.h"
#include "lib/fdt_write.h"
#include "test.h"
#include "vdev/host.h"
#include "vdev/vgic.h"

static struct vm vm;
static uint8_t buf[64 << 10];
static unsigned int warnings;

bool vm_msg_allowed(struct vm *m)
{
        (void)m;
        warnings++;
        return false;                   /* counted, not printed */
}

void vcpu_kick(struct vcpu *v)
{
        (void)v;
}

void vcpu_timer_changed(struct vcpu *v)
{
        (void)v;
}

static void setup(unsigned int gic, unsigned int nvcpus, uint64_t mem)
{
        memset(&vm, 0, sizeof(vm));
        warnings = 0;
        fake_gic_reset();
        CHECK(vgic_hw_select(gic) == 0);
        vm.cfg.nvcpus = nvcpus;
        vm.cfg.mem_size = mem;
        strcpy(vm.cfg.name, "dtvm");
        vm.id = 2;
}

static const void *prop(const char *path, const char *name, int *len)
{
        int node = fdt_path_offset(buf, path);
        const void *p;

        if (node < 0) {
                fprintf(stderr, "no node %s\n", path);
                return NULL;
        }
        p = fdt_getprop(buf, node, name, len);
        if (!p)
                fprintf(stderr, "%s: no property %s\n", path, name);
        return p;
}

/* The property as big-endian cells equals want[0..n). */
static bool cells_are(const char *path, const char *name, const uint32_t *want, int n)
{
        int len;
        const uint8_t *p = prop(path, name, &len);

        if (!p || len != 4 * n)
                return false;
        for (int i = 0; i < n; i++)
                if (fdt32_ld(p + 4 * i) != want[i])
                        return false;
        return true;
}

static bool string_is(const char *path, const char *name, const char *want)
{
        int len;
        const char *p = prop(path, name, &len);

        return p && len == (int)strlen(want) + 1 && !memcmp(p, want, (size_t)len);
}

static void test_generated_v3(void)
{
        uint32_t gic_phandle, clk;
        int n;

        setup(3, 2, 128 << 20);
        vm.cfg.bootargs = "console=ttyAMA0 earlycon";
        n = guest_dt_build(&vm, buf, sizeof(buf), GUEST_RAM_BASE + 0x4000000, 0x1234);
        CHECK(n > 0 && fdt_check_full(buf, (size_t)n) == 0);
        CHECK(string_is("/", "compatible", "linux,dummy-virt"));
        /* /chosen: the console is the UART's node, found by its path. */
        CHECK(string_is("/chosen", "stdout-path", "/pl011@9000000"));
        CHECK(fdt_path_offset(buf, "/pl011@9000000") >= 0);
        CHECK(string_is("/chosen", "bootargs", "console=ttyAMA0 earlycon"));
        CHECK(cells_are("/chosen", "linux,initrd-start", (uint32_t[]){ 0, 0x44000000 }, 2));
        CHECK(cells_are("/chosen", "linux,initrd-end", (uint32_t[]){ 0, 0x44001234 }, 2));
        /* Memory and CPUs as configured; PSCI over HVC. */
        CHECK(cells_are("/memory@40000000", "reg", (uint32_t[]){ 0, 0x40000000, 0, 128 << 20 }, 4));
        CHECK(fdt_path_offset(buf, "/cpus/cpu@1") >= 0 && fdt_path_offset(buf, "/cpus/cpu@2") < 0);
        CHECK(cells_are("/cpus/cpu@1", "reg", (uint32_t[]){ 1 }, 1));
        CHECK(string_is("/cpus/cpu@0", "enable-method", "psci"));
        CHECK(string_is("/psci", "method", "hvc"));
        /* The timer's four PPIs in the binding's order, as INTIDs 29, 30, 27, 26 - 16. */
        CHECK(cells_are("/timer", "interrupts",
                        (uint32_t[]){ 1, 13, 4, 1, 14, 4, 1, 11, 4, 1, 10, 4 }, 12));
        /* GICv3: distributor and one redistributor pair per vCPU, maintenance PPI 25. */
        CHECK(string_is("/intc@8000000", "compatible", "arm,gic-v3"));
        CHECK(cells_are("/intc@8000000", "reg",
                        (uint32_t[]){ 0, 0x08000000, 0, 0x10000, 0, 0x080A0000, 0, 0x40000 }, 8));
        CHECK(cells_are("/intc@8000000", "interrupts", (uint32_t[]){ 1, 9, 4 }, 3));
        CHECK(fdt_getprop_u32(buf, fdt_path_offset(buf, "/intc@8000000"), "phandle",
                              &gic_phandle) == 0);
        CHECK(cells_are("/", "interrupt-parent", (uint32_t[]){ gic_phandle }, 1));
        /* The UART: SPI 1, level; its clock node at 24 MHz. */
        CHECK(cells_are("/pl011@9000000", "reg", (uint32_t[]){ 0, 0x09000000, 0, 0x1000 }, 4));
        CHECK(cells_are("/pl011@9000000", "interrupts", (uint32_t[]){ 0, 1, 4 }, 3));
        CHECK(fdt_getprop_u32(buf, fdt_path_offset(buf, "/apb-pclk"), "phandle", &clk) == 0);
        CHECK(cells_are("/pl011@9000000", "clocks", (uint32_t[]){ clk, clk }, 2));
        CHECK(cells_are("/apb-pclk", "clock-frequency", (uint32_t[]){ 24000000 }, 1));
        /* QEMU virt's 32 virtio-mmio transports: 0x200 apart, SPI 16 + i, edge. */
        CHECK(string_is("/virtio_mmio@a000000", "compatible", "virtio,mmio"));
        CHECK(cells_are("/virtio_mmio@a000000", "reg", (uint32_t[]){ 0, 0x0a000000, 0, 0x200 }, 4));
        CHECK(cells_are("/virtio_mmio@a000000", "interrupts", (uint32_t[]){ 0, 16, 1 }, 3));
        CHECK(cells_are("/virtio_mmio@a003e00", "reg", (uint32_t[]){ 0, 0x0a003e00, 0, 0x200 }, 4));
        CHECK(cells_are("/virtio_mmio@a003e00", "interrupts", (uint32_t[]){ 0, 47, 1 }, 3));
        CHECK(fdt_path_offset(buf, "/virtio_mmio@a004000") < 0);
        CHECK(string_is("/hypervisor", "vm-name", "dtvm"));
        CHECK(cells_are("/hypervisor", "vm-id", (uint32_t[]){ 2 }, 1));
        CHECK(cells_are("/hypervisor", "vm-resets", (uint32_t[]){ 0 }, 1));
        vm.resets = 17;
        CHECK(guest_dt_build(&vm, buf, sizeof(buf), 0, 0) > 0);
        CHECK(cells_are("/hypervisor", "vm-resets", (uint32_t[]){ 17 }, 1));
        CHECK_EQ_U64(warnings, 0);
        /* No initrd, no bootargs: neither appears. */
        vm.cfg.bootargs = NULL;
        n = guest_dt_build(&vm, buf, sizeof(buf), 0, 0);
        CHECK(n > 0);
        CHECK(fdt_getprop(buf, fdt_path_offset(buf, "/chosen"), "bootargs", NULL) == NULL);
        CHECK(fdt_getprop(buf, fdt_path_offset(buf, "/chosen"), "linux,initrd-start", NULL) == NULL);
}

static void test_generated_v2(void)
{
        int n;

        setup(2, 3, 64 << 20);
        n = guest_dt_build(&vm, buf, sizeof(buf), 0, 0);
        CHECK(n > 0 && fdt_check_full(buf, (size_t)n) == 0);
        CHECK(string_is("/intc@8000000", "compatible", "arm,cortex-a15-gic"));
        CHECK(cells_are("/intc@8000000", "reg",
                        (uint32_t[]){ 0, 0x08000000, 0, 0x1000, 0, 0x08010000, 0, 0x2000 }, 8));
        /* GICv2 PPI specifiers name the CPUs they reach: three vCPUs, mask 0x7 in 15:8. */
        CHECK(cells_are("/timer", "interrupts",
                        (uint32_t[]){ 1, 13, 0x704, 1, 14, 0x704, 1, 11, 0x704, 1, 10, 0x704 }, 12));
        /* No PCIe unless the VM owns the host's bridge: then QEMU virt's, 1:1. */
        CHECK(fdt_path_offset(buf, "/pcie@10000000") < 0);
        vm.cfg.pci_passthrough = true;
        n = guest_dt_build(&vm, buf, sizeof(buf), 0, 0);
        CHECK(n > 0 && fdt_check_full(buf, (size_t)n) == 0);
        CHECK(string_is("/pcie@10000000", "compatible", "pci-host-ecam-generic"));
        CHECK(cells_are("/pcie@10000000", "reg", (uint32_t[]){ 0x40, 0x10000000, 0, 0x10000000 }, 4));
        CHECK(cells_are("/pcie@10000000", "ranges",
                        (uint32_t[]){ 0x01000000, 0, 0, 0, 0x3eff0000, 0, 0x10000,
                                      0x02000000, 0, 0x10000000, 0, 0x10000000, 0, 0x2eff0000 }, 14));
        vm.cfg.pci_passthrough = false;
        /* No PMU on the host (ID_AA64DFR0_EL1.PMUVer 0): no /pmu. With PMUv3: PPI 7. */
        CHECK(fdt_path_offset(buf, "/pmu") < 0);
        CHECK(cpu_features_init() == 0);        /* what the guest's ID registers say */
        fake_id_regs[5][0] = 1u << 8;
        n = guest_dt_build(&vm, buf, sizeof(buf), 0, 0);
        CHECK(n > 0 && fdt_check_full(buf, (size_t)n) == 0);
        CHECK(string_is("/pmu", "compatible", "arm,armv8-pmuv3"));
        CHECK(cells_are("/pmu", "interrupts", (uint32_t[]){ 1, 7, 0x704 }, 3));
        fake_id_regs[5][0] = 0;
}

/* A user's tree: 1 GiB and 4 CPUs (the VM has 64 MiB and 1), its own GIC phandle 7, its
 * own device and /chosen property. */
static size_t user_tree(void *out, size_t size)
{
        struct fdt_writer w;

        fdt_write_begin(&w, out, size);
        fdt_begin_node(&w, "");
        fdt_property_u32(&w, "#address-cells", 2);
        fdt_property_u32(&w, "#size-cells", 2);
        fdt_property_string(&w, "model", "user board");
        fdt_begin_node(&w, "memory@40000000");
        fdt_property_string(&w, "device_type", "memory");
        fdt_property_cells(&w, "reg", (uint32_t[]){ 0, 0x40000000, 0, 0x40000000 }, 4);
        fdt_end_node(&w);
        fdt_begin_node(&w, "cpus");
        for (unsigned int i = 0; i < 4; i++) {
                char name[16];

                snprintf(name, sizeof(name), "cpu@%u", i);
                fdt_begin_node(&w, name);
                fdt_property_string(&w, "device_type", "cpu");
                fdt_end_node(&w);
        }
        fdt_end_node(&w);
        fdt_begin_node(&w, "chosen");
        fdt_property_string(&w, "bootargs", "user args");
        fdt_property_string(&w, "mine", "kept");
        fdt_property_string(&w, "stdout-path", "/serial@1234");
        fdt_end_node(&w);
        fdt_begin_node(&w, "gic@2f000000");
        fdt_property_string(&w, "compatible", "arm,gic-400");
        fdt_property_u32(&w, "phandle", 7);
        fdt_end_node(&w);
        fdt_begin_node(&w, "mydev@1000");
        fdt_property_string(&w, "compatible", "acme,dev");
        fdt_property_u32(&w, "interrupt-parent", 7);
        fdt_end_node(&w);
        fdt_end_node(&w);
        return (size_t)fdt_write_finish(&w);
}

static void test_user_tree(void)
{
        static uint8_t user[4096];
        size_t ulen;
        uint32_t ph;
        int n;

        setup(3, 1, 64 << 20);
        ulen = user_tree(user, sizeof(user));
        vm.cfg.dtb.data = user;
        vm.cfg.dtb.size = ulen;
        vm.cfg.bootargs = "vm args";
        n = guest_dt_build(&vm, buf, sizeof(buf), 0, 0);
        CHECK(n > 0 && fdt_check_full(buf, (size_t)n) == 0);
        CHECK(string_is("/", "model", "user board"));
        CHECK(cells_are("/memory@40000000", "reg", (uint32_t[]){ 0, 0x40000000, 0, 64 << 20 }, 4));
        CHECK(fdt_path_offset(buf, "/cpus/cpu@0") >= 0 && fdt_path_offset(buf, "/cpus/cpu@1") < 0);
        /* The GIC is the VM's, under the user's phandle, so mydev's reference still holds. */
        CHECK(fdt_path_offset(buf, "/gic@2f000000") < 0);
        CHECK(string_is("/intc@8000000", "compatible", "arm,gic-v3"));
        CHECK(fdt_getprop_u32(buf, fdt_path_offset(buf, "/intc@8000000"), "phandle", &ph) == 0);
        CHECK_EQ_U64(ph, 7);
        CHECK(cells_are("/mydev@1000", "interrupt-parent", (uint32_t[]){ 7 }, 1));
        CHECK(cells_are("/", "interrupt-parent", (uint32_t[]){ 7 }, 1));
        /* /chosen: the user's own property kept; bootargs and the console are the VM's. */
        CHECK(string_is("/chosen", "mine", "kept"));
        CHECK(string_is("/chosen", "bootargs", "vm args"));
        CHECK(string_is("/chosen", "stdout-path", "/pl011@9000000"));
        CHECK(fdt_path_offset(buf, "/psci") >= 0 && fdt_path_offset(buf, "/hypervisor") >= 0);
        CHECK_EQ_U64(warnings, 2);              /* memory and CPUs corrected, each reported */
        /* Without the VM's bootargs the user's stay. */
        vm.cfg.bootargs = NULL;
        n = guest_dt_build(&vm, buf, sizeof(buf), 0, 0);
        CHECK(n > 0 && string_is("/chosen", "bootargs", "user args"));
        /* A broken user tree: reported, and the VM gets a generated one. */
        user[0] ^= 0xff;
        warnings = 0;
        n = guest_dt_build(&vm, buf, sizeof(buf), 0, 0);
        CHECK(n > 0 && string_is("/", "compatible", "linux,dummy-virt"));
        CHECK_EQ_U64(warnings, 1);
}

/* The VM's nodes in a user's tree use its root's cell sizes: 1/1, the default 2/1; sizes
 * they cannot hold (4 GiB in one cell) make it generate its own tree, with a report. */
static size_t cells_tree(void *out, size_t size, int ac, int sc)
{
        struct fdt_writer w;

        fdt_write_begin(&w, out, size);
        fdt_begin_node(&w, "");
        if (ac)
                fdt_property_u32(&w, "#address-cells", (uint32_t)ac);
        if (sc)
                fdt_property_u32(&w, "#size-cells", (uint32_t)sc);
        fdt_begin_node(&w, "dev@100");
        fdt_property_cells(&w, "reg", (uint32_t[]){ 0x100, 0x10 }, 2);
        fdt_end_node(&w);
        fdt_end_node(&w);
        return (size_t)fdt_write_finish(&w);
}

static void test_user_cells(void)
{
        static uint8_t user[1024];
        int n;

        setup(3, 2, 64 << 20);
        vm.cfg.dtb.data = user;
        vm.cfg.dtb.size = cells_tree(user, sizeof(user), 1, 1);
        n = guest_dt_build(&vm, buf, sizeof(buf), 0, 0);
        CHECK(n > 0 && fdt_check_full(buf, (size_t)n) == 0);
        CHECK(cells_are("/memory@40000000", "reg", (uint32_t[]){ 0x40000000, 64 << 20 }, 2));
        CHECK(cells_are("/intc@8000000", "reg",
                        (uint32_t[]){ 0x08000000, 0x10000, 0x080A0000, 0x40000 }, 4));
        CHECK(cells_are("/dev@100", "reg", (uint32_t[]){ 0x100, 0x10 }, 2));
        /* No cell sizes at all: the defaults, 2 address cells and 1 size cell. */
        vm.cfg.dtb.size = cells_tree(user, sizeof(user), 0, 0);
        n = guest_dt_build(&vm, buf, sizeof(buf), 0, 0);
        CHECK(n > 0 && cells_are("/memory@40000000", "reg",
                                 (uint32_t[]){ 0, 0x40000000, 64 << 20 }, 3));
        CHECK_EQ_U64(warnings, 4);              /* each time: memory and CPUs added */
        /* 4 GiB does not fit one size cell: a generated tree, reported. */
        warnings = 0;
        vm.cfg.mem_size = 4ull << 30;
        vm.cfg.dtb.size = cells_tree(user, sizeof(user), 2, 1);
        n = guest_dt_build(&vm, buf, sizeof(buf), 0, 0);
        CHECK(n > 0 && string_is("/", "compatible", "linux,dummy-virt"));
        CHECK(cells_are("/memory@40000000", "reg", (uint32_t[]){ 0, 0x40000000, 1, 0 }, 4));
        CHECK_EQ_U64(warnings, 1);
}

/* A buffer too small for the tree: an error, never a write past it (ASan watches). */
static void test_small_buffers(void)
{
        setup(3, 8, 256 << 20);
        for (uint32_t size = 0; size < 2048; size += 7) {
                uint8_t *small = malloc(size ? size : 1);
                int n = guest_dt_build(&vm, small, size, 0, 0);

                CHECK(n < 0 || (uint32_t)n <= size);
                free(small);
        }
}

int main(void)
{
        test_generated_v3();
        test_generated_v2();
        test_user_tree();
        test_user_cells();
        test_small_buffers();
        TEST_MAIN_END();
}
