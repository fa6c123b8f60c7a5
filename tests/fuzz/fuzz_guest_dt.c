// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for the guest device tree builder (src/core/guest_dt.c) with a
 * user-supplied device tree, which is input (a VM configuration names it): the
 * first 4 bytes pick the VM's shape (vCPUs, memory, GIC version, bootargs, initrd),
 * the rest is the user's blob. Whatever it is, the builder must not read or write
 * outside it or its buffer, and what it returns must be a valid device tree that
 * describes this VM (its memory, its CPUs, the console at /chosen/stdout-path).
 * Build and run: tests/fuzz/run-fuzz.sh [seconds] guest-dt.
 */
#include <string.h>

#include "arch/fake/fake.h"
#include "core/guest_dt.h"
#include "core/vm.h"
#include "lib/fdt.h"
#include "lib/log.h"
#include "vdev/host.h"
#include "vdev/vgic.h"

#include "fuzz.h"

static struct vm vm;
static uint8_t out[64 << 10];

bool vm_msg_allowed(struct vm *m)
{
        (void)m;
        return false;
}

void vcpu_kick(struct vcpu *v)
{
        (void)v;
}

void vcpu_timer_changed(struct vcpu *v)
{
        (void)v;
}

static void quiet(char c)
{
        (void)c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static const uint64_t mems[4] = { 16u << 20, 64u << 20, 256u << 20, 2ull << 30 };
        uint8_t *user;
        int n, node, len;
        uint32_t cpus = 0;
        const char *path;

        if (size < 4)
                return 0;
        log_set_sink(quiet);
        memset(&vm, 0, sizeof(vm));
        fake_gic_reset();
        vgic_hw_select(data[0] & 1 ? 2 : 3);
        vm.cfg.nvcpus = 1 + (data[0] >> 1) % VM_MAX_VCPUS;
        vm.cfg.mem_size = mems[data[1] & 3];
        vm.cfg.bootargs = data[1] & 4 ? "console=ttyAMA0" : NULL;
        strcpy(vm.cfg.name, "fuzz");
        /* The blob in a buffer of its own size: ASan sees any read past it. */
        user = malloc(size - 4 ? size - 4 : 1);
        memcpy(user, data + 4, size - 4);
        vm.cfg.dtb.data = size > 4 ? user : NULL;
        vm.cfg.dtb.size = size - 4;
        n = guest_dt_build(&vm, out, (uint32_t)(data[2] & 1 ? sizeof(out) : 256 + data[3] * 64),
                           data[2] & 2 ? GUEST_RAM_BASE + 0x100000 : 0, data[2] & 2 ? 0x1000 : 0);
        if (n > 0) {
                uint64_t base, sz;

                ASSERT(fdt_check_full(out, (size_t)n) == 0);
                node = fdt_path_offset(out, "/memory@40000000");
                ASSERT(node >= 0 && fdt_get_reg(out, node, 0, &base, &sz) == 0);
                ASSERT(base == GUEST_RAM_BASE && sz == vm.cfg.mem_size);
                node = fdt_path_offset(out, "/cpus");
                ASSERT(node >= 0);
                for (int c = fdt_first_subnode(out, node); c >= 0; c = fdt_next_subnode(out, c))
                        cpus++;
                ASSERT(cpus == vm.cfg.nvcpus);
                node = fdt_path_offset(out, "/chosen");
                ASSERT(node >= 0);
                path = fdt_getprop(out, node, "stdout-path", &len);
                ASSERT(path && len == 15 && !memcmp(path, "/pl011@9000000", 15));
        }
        free(user);
        return 0;
}
