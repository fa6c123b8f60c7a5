// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for the virtual ITS and the LPIs it raises (src/vdev/vits.c,
 * vgic.c, vgic_mmio.c on the fake arch): the command queue, the tables and the
 * registers are a guest's, so input. The input is a program of 10-byte steps,
 * each an operation byte, a small index and a 64-bit value: write a command
 * doubleword into the queue, write GITS_CWRITER / CBASER / BASERn / CTLR /
 * TRANSLATER, a redistributor's CTLR / PROPBASER / PENDBASER, a byte of guest RAM
 * (configuration or pending tables), or run a vCPU's list-register flush and sync.
 * Starting from a driver's set-up, whatever it does must stay inside the VM's
 * 1 MiB of RAM (ASan) and leave every vCPU's pending and slot counts matching its
 * bitmaps. Build and run: tests/fuzz/run-fuzz.sh [seconds] its.
 */
#include <string.h>

#include "arch/fake/fake.h"
#include "core/vm.h"
#include "lib/log.h"
#include "vdev/host.h"
#include "vdev/vgic.h"
#include "vdev/vits.h"

#include "fuzz.h"

#define RAM_SIZE        (1u << 20)
#define NVCPUS          4

static struct vm vm;
static uint8_t *ram;

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

static void wr(struct mmio_region *r, uint64_t off, unsigned int size, uint64_t val)
{
        mmio_dispatch(&vm.vcpus[0], r, r->base + off, size, true, &val);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct mmio_region gicd, gicr, its;

        if (!ram)
                ram = aligned_alloc(0x10000, RAM_SIZE);
        log_set_sink(quiet);
        memset(&vm, 0, sizeof(vm));
        memset(ram, 0, RAM_SIZE);
        memset(fake_lr, 0, sizeof(fake_lr));
        fake_gic_reset();
        fake_nr_lrs = 4;
        vgic_hw_select(3);
        vm.cfg.nvcpus = NVCPUS;
        vm.cfg.mem_size = RAM_SIZE;
        vm.mem_pa = (uint64_t)(uintptr_t)ram;
        vm.state = VM_RUNNING;
        vgic_init(&vm);
        vits_init(&vm.its);
        for (unsigned int i = 0; i < NVCPUS; i++) {
                vm.vcpus[i].vm = &vm;
                vm.vcpus[i].id = i;
                vgic_init_vcpu(&vm.vcpus[i]);
        }
        gicd = (struct mmio_region){ GUEST_GICD_BASE, GUEST_GICD_SIZE, "GICD", vgic_dist_access, NULL };
        gicr = (struct mmio_region){ GUEST_GICR_BASE, NVCPUS * GUEST_GICR_STRIDE, "GICR",
                                     vgic_redist_access, NULL };
        its = (struct mmio_region){ GUEST_ITS_BASE, GUEST_ITS_SIZE, "ITS", vits_access, &vm.its };
        /* A driver's set-up: LPI tables at +64K/+128K.., ITS tables, a 4 KiB queue at +512K. */
        wr(&gicd, 0, 4, 2);
        for (unsigned int c = 0; c < NVCPUS; c++) {
                wr(&gicr, c * GUEST_GICR_STRIDE + 0x70, 8, GUEST_RAM_BASE + 0x10000 + 13);
                wr(&gicr, c * GUEST_GICR_STRIDE + 0x78, 8, GUEST_RAM_BASE + 0x20000 + c * 0x10000);
                wr(&gicr, c * GUEST_GICR_STRIDE, 4, 1);
        }
        wr(&its, 0x100, 8, (1ull << 63) | (GUEST_RAM_BASE + 0x60000));
        wr(&its, 0x108, 8, (1ull << 63) | (GUEST_RAM_BASE + 0x70000));
        wr(&its, 0x80, 8, (1ull << 63) | (GUEST_RAM_BASE + 0x80000));
        wr(&its, 0, 4, 1);

        for (size_t at = 0; at + 10 <= size; at += 10) {
                uint8_t op = data[at], idx = data[at + 1];
                uint64_t val;

                memcpy(&val, data + at + 2, 8);
                switch (op % 10) {
                case 0:                 /* a command doubleword: slot idx % 128, word op / 10 % 4 */
                        memcpy(ram + 0x80000 + (idx % 128) * 32 + (op / 10 % 4) * 8, &val, 8);
                        break;
                case 1: wr(&its, 0x88, idx & 1 ? 4 : 8, val); break;          /* CWRITER */
                case 2: wr(&its, 0x80, 8, val); break;                          /* CBASER */
                case 3: wr(&its, 0x100 + (idx % 8) * 8, 8, val); break;         /* BASERn */
                case 4: wr(&its, 0, 4, val); break;                             /* CTLR */
                case 5: wr(&its, 0x10040, idx & 1 ? 2 : 4, val); break;         /* TRANSLATER */
                case 6:                 /* a redistributor's CTLR, PROPBASER, PENDBASER */
                        wr(&gicr, (idx % NVCPUS) * GUEST_GICR_STRIDE +
                                  (uint64_t[]){ 0, 0x70, 0x74, 0x78, 0x7c }[idx / NVCPUS % 5],
                           idx / NVCPUS % 5 == 1 || idx / NVCPUS % 5 == 3 ? 8 : 4, val);
                        break;
                case 7:                 /* guest RAM: the configuration or pending tables */
                        ram[(val >> 8) % RAM_SIZE] = (uint8_t)val;
                        break;
                case 8: {               /* vCPU idx runs: flush, the guest acks some, sync */
                        struct vcpu *v = &vm.vcpus[idx % NVCPUS];

                        vgic_flush(v);
                        for (unsigned int n = 0; n < fake_nr_lrs; n++) {
                                if (val >> n & 1)
                                        fake_lr[n].pending = false, fake_lr[n].active = true;
                                if (val >> (n + 8) & 1)
                                        fake_lr[n].active = false;
                        }
                        vgic_sync(v);
                        break;
                }
                default:
                        wr(&gicd, 0, 4, val);                                    /* GICD_CTLR */
                        break;
                }
        }
        for (unsigned int c = 0; c < NVCPUS; c++) {
                const struct vgic_lpis *l = &vm.vcpus[c].vgic.lpi;
                unsigned int bits = 0, slots = 0;

                for (unsigned int w = 0; w < VGIC_NR_LPIS / 64; w++)
                        bits += (unsigned int)__builtin_popcountll(l->pending[w]);
                for (unsigned int i = 0; i < VGIC_LPI_SLOTS; i++)
                        slots += l->slot[i].intid != 0;
                ASSERT(bits == l->npending);
                ASSERT(slots == l->nslots);
        }
        return 0;
}
