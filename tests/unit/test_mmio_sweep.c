// SPDX-License-Identifier: MIT
/*
 * Every offset x size x alignment a guest can produce, into every emulated
 * device, through the one MMIO dispatch rule, under ASan: no access reaches
 * memory outside the device's own state (the VM's other state is compared
 * byte for byte), a misaligned or out-of-window access never reaches a
 * handler, and reads return only size bytes. (GICD + 0x85C, 8 bytes, once wrote
 * past ITARGETSR into the vPL011's lock: inside struct vm, where ASan alone
 * cannot see it.)
 */
#include <stdlib.h>
#include <string.h>

#include "arch/fake/fake.h"
#include "core/vm.h"
#include "test.h"
#include "vdev/host.h"
#include "vdev/vgic.h"
#include "vdev/virtio_mmio.h"
#include "vdev/vpl011.h"

static struct vm vm;
static unsigned int handler_calls;
static bool (*inner)(struct vcpu *, void *, uint64_t, unsigned int, bool, uint64_t *);

void vm_console_write(struct vm *v, const char *buf, uint64_t len)
{
        (void)v; (void)buf; (void)len;
}

void vcpu_kick(struct vcpu *v)
{
        (void)v;
}

void vcpu_timer_changed(struct vcpu *v)
{
        (void)v;
}


/* Counts the accesses that reach the device and checks what each is given. */
static bool counting(struct vcpu *v, void *dev, uint64_t off, unsigned int size, bool write,
                     uint64_t *val)
{
        handler_calls++;
        CHECK((off & (size - 1)) == 0);
        if (write && size < 8)
                CHECK((*val >> (size * 8)) == 0);
        return inner(v, dev, off, size, write, val);
}

static void setup(unsigned int version, unsigned int nvcpus)
{
        memset(&vm, 0, sizeof(vm));
        fake_gic_reset();
        CHECK(vgic_hw_select(version) == 0);
        vm.cfg.nvcpus = nvcpus;
        vm.state = VM_RUNNING;
        vgic_init(&vm);
        for (unsigned int i = 0; i < nvcpus; i++) {
                vm.vcpus[i].vm = &vm;
                vm.vcpus[i].id = i;
                vgic_init_vcpu(&vm.vcpus[i]);
        }
        vpl011_init(&vm.uart, &vm);
}

/* What a device may change: for the vGIC its distributor and the vCPUs' interfaces; for
 * the UART itself and its interrupt line in the distributor. Everything else is compared. */
struct snapshot {
        struct vm_config cfg;
        struct vpl011 uart;
        struct gp_regs regs[VM_MAX_VCPUS];
        struct el1_sysregs el1[VM_MAX_VCPUS];
        struct emulated_sysregs emu[VM_MAX_VCPUS];
        uint8_t tail[sizeof(struct vm) - offsetof(struct vm, uart) - sizeof(struct vpl011)];
};

static void take(struct snapshot *s)
{
        s->cfg = vm.cfg;
        s->uart = vm.uart;
        for (unsigned int i = 0; i < VM_MAX_VCPUS; i++) {
                s->regs[i] = vm.vcpus[i].regs;
                s->el1[i] = vm.vcpus[i].el1;
                s->emu[i] = vm.vcpus[i].emu;
        }
        memcpy(s->tail, (uint8_t *)&vm.uart + sizeof(struct vpl011), sizeof(s->tail));
}

static bool same(const struct snapshot *a, const struct snapshot *b, bool uart_may_change)
{
        bool ok = !memcmp(&a->cfg, &b->cfg, sizeof(a->cfg)) &&
                  !memcmp(a->regs, b->regs, sizeof(a->regs)) &&
                  !memcmp(a->el1, b->el1, sizeof(a->el1)) &&
                  !memcmp(a->emu, b->emu, sizeof(a->emu));

        if (!uart_may_change)
                ok = ok && !memcmp(&a->uart, &b->uart, sizeof(a->uart));
        /* The tail holds the MMIO table, the console line and the message state. */
        return ok && !memcmp(a->tail, b->tail, sizeof(a->tail));
}

static void sweep(const char *name, uint64_t window, void *dev,
                  bool (*fn)(struct vcpu *, void *, uint64_t, unsigned int, bool, uint64_t *),
                  bool is_uart, unsigned int seed)
{
        struct mmio_region r = { 0x10000000, window, name, counting, dev };
        static struct snapshot before, after;
        unsigned long long accesses = 0, refused = 0;

        inner = fn;
        srand(seed);
        take(&before);
        for (unsigned int pass = 0; pass < 2; pass++) {
                for (uint64_t off = 0; off < window + 16; off++) {
                        for (unsigned int size = 1; size <= 8; size <<= 1) {
                                bool write = pass == 1 || (off + size) % 3 == 0;
                                uint64_t val = ((uint64_t)rand() << 33) ^ ((uint64_t)rand() << 11) ^
                                               (uint64_t)rand();
                                unsigned int calls = handler_calls;
                                enum mmio_result res;
                                struct vcpu *v = &vm.vcpus[off % vm.cfg.nvcpus];

                                res = mmio_dispatch(v, &r, r.base + off, size, write, &val);
                                accesses++;
                                if ((off & (size - 1)) || off + size > window) {
                                        CHECK(res == MMIO_MISALIGNED);
                                        CHECK(handler_calls == calls);
                                        continue;
                                }
                                CHECK(handler_calls == calls + 1);
                                refused += res == MMIO_REJECTED;
                                if (!write && res == MMIO_OK && size < 8 && (val >> (size * 8))) {
                                        fprintf(stderr, "%s: %u-byte read at 0x%llx returned 0x%llx\n",
                                                name, size, (unsigned long long)off,
                                                (unsigned long long)val);
                                        CHECK(0);
                                }
                        }
                }
        }
        take(&after);
        CHECK(same(&before, &after, is_uart));
        printf("%s: %llu accesses, %llu refused by the device\n", name, accesses, refused);
}

int main(void)
{
        setup(3, 2);
        sweep("GICv3 distributor", GUEST_GICD_SIZE, NULL, vgic_dist_access, false, 1);
        sweep("GICv3 redistributors", 2 * GUEST_GICR_STRIDE, NULL, vgic_redist_access, false, 2);
        setup(2, 3);
        sweep("GICv2 distributor", GUEST_GICD_SIZE, NULL, vgic_dist_v2_access, false, 3);
        setup(3, 1);
        sweep("PL011", GUEST_UART_SIZE, &vm.uart, vpl011_access, true, 4);
        sweep("virtio-mmio", (uint64_t)GUEST_VIRTIO_COUNT * GUEST_VIRTIO_STRIDE, NULL,
              virtio_mmio_access, false, 5);
        /* Every transport is empty: magic, version 2, QEMU's vendor ID, device ID 0. */
        for (unsigned int i = 0; i < GUEST_VIRTIO_COUNT; i++) {
                struct mmio_region r = { GUEST_VIRTIO_BASE, GUEST_VIRTIO_COUNT * GUEST_VIRTIO_STRIDE,
                                         "virtio-mmio", virtio_mmio_access, NULL };
                uint64_t base = GUEST_VIRTIO_BASE + i * GUEST_VIRTIO_STRIDE, val;
                static const uint32_t expect[4] = { 0x74726976, 2, 0, 0x554d4551 };

                for (unsigned int reg = 0; reg < 4; reg++) {
                        CHECK(mmio_dispatch(&vm.vcpus[0], &r, base + 4 * reg, 4, false, &val) == MMIO_OK);
                        CHECK(val == expect[reg]);
                }
                val = 1;                                /* a driver's ACKNOWLEDGE: ignored */
                CHECK(mmio_dispatch(&vm.vcpus[0], &r, base + 0x70, 4, true, &val) == MMIO_OK);
                CHECK(mmio_dispatch(&vm.vcpus[0], &r, base + 0x70, 4, false, &val) == MMIO_OK);
                CHECK(val == 0);
        }
        TEST_MAIN_END();
}
