// SPDX-License-Identifier: MIT
/*
 * The virtual ITS and the LPIs it raises, on the fake arch: the real vits.c,
 * vgic.c and vgic_mmio.c driven as a guest driver drives them (tables and the
 * command queue in the VM's RAM, commands made visible by GITS_CWRITER), the
 * LPIs checked in the redistributors' state and in the list registers they get.
 * Then hostile queues: commands with random fields, queues and tables outside
 * RAM, CWRITER beyond the queue; under ASan and UBSan nothing may reach outside
 * the VM's RAM, and every vCPU's pending and slot counts must match.
 */
#include <stdlib.h>
#include <string.h>

#include "arch/fake/fake.h"
#include "core/vm.h"
#include "test.h"
#include "vdev/host.h"
#include "vdev/vgic.h"
#include "vdev/vits.h"

#define RAM_SIZE        (8u << 20)
#define PROP_IPA        (GUEST_RAM_BASE + 0x100000)
#define PEND_IPA        (GUEST_RAM_BASE + 0x110000)
#define DEVTAB_IPA      (GUEST_RAM_BASE + 0x200000)
#define COLTAB_IPA      (GUEST_RAM_BASE + 0x210000)
#define QUEUE_IPA       (GUEST_RAM_BASE + 0x220000)
#define ITT_IPA         (GUEST_RAM_BASE + 0x230000)
#define QUEUE_SIZE      0x1000          /* one 4 KiB page: 128 commands */

#define GICD_CTLR       0x0000
#define GICD_TYPER      0x0004
#define GICR_CTLR       0x0000
#define GICR_TYPER      0x0008
#define GICR_PROPBASER  0x0070
#define GICR_PENDBASER  0x0078
#define GITS_CTLR       0x0000
#define GITS_TYPER      0x0008
#define GITS_CBASER     0x0080
#define GITS_CWRITER    0x0088
#define GITS_CREADR     0x0090
#define GITS_BASER      0x0100
#define GITS_TRANSLATER 0x10040
#define VALID           (1ull << 63)

static struct vm vm;
static uint8_t *ram;
static struct mmio_region gicd, gicr, its;
static unsigned int kicks[VM_MAX_VCPUS];
static unsigned int cmd_next;           /* next command slot in the queue */

void vcpu_kick(struct vcpu *v)
{
        kicks[v->id]++;
}

void vcpu_timer_changed(struct vcpu *v)
{
        (void)v;
}

bool vm_msg_allowed(struct vm *m)
{
        (void)m;
        return false;                   /* the hostile queues would print thousands */
}

static struct vcpu *V(unsigned int i)
{
        return &vm.vcpus[i];
}

static uint64_t rd(struct mmio_region *r, uint64_t off, unsigned int size)
{
        uint64_t val = 0xdeadbeef;

        CHECK(mmio_dispatch(V(0), r, r->base + off, size, false, &val) == MMIO_OK);
        return val;
}

static void wr(struct mmio_region *r, uint64_t off, unsigned int size, uint64_t val)
{
        CHECK(mmio_dispatch(V(0), r, r->base + off, size, true, &val) == MMIO_OK);
}

static uint8_t *at(uint64_t ipa)
{
        return ram + (ipa - GUEST_RAM_BASE);
}

static void setup(void)
{
        memset(&vm, 0, sizeof(vm));
        memset(kicks, 0, sizeof(kicks));
        memset(fake_lr, 0, sizeof(fake_lr));
        memset(ram, 0, RAM_SIZE);
        fake_gic_reset();
        fake_nr_lrs = 4;
        CHECK(vgic_hw_select(3) == 0);
        vm.cfg.nvcpus = 4;
        vm.cfg.mem_size = RAM_SIZE;
        vm.mem_pa = (uint64_t)(uintptr_t)ram;
        vm.state = VM_RUNNING;
        vgic_init(&vm);
        vits_init(&vm.its);
        for (unsigned int i = 0; i < 4; i++) {
                V(i)->vm = &vm;
                V(i)->id = i;
                vgic_init_vcpu(V(i));
        }
        gicd = (struct mmio_region){ GUEST_GICD_BASE, GUEST_GICD_SIZE, "GICD", vgic_dist_access, NULL };
        gicr = (struct mmio_region){ GUEST_GICR_BASE, 4 * GUEST_GICR_STRIDE, "GICR",
                                     vgic_redist_access, NULL };
        its = (struct mmio_region){ GUEST_ITS_BASE, GUEST_ITS_SIZE, "ITS", vits_access, &vm.its };
        cmd_next = 0;
}

/* What Linux's and kvm-unit-tests' drivers do: LPI tables, LPIs on, ITS tables, queue. */
static void driver_init(void)
{
        wr(&gicd, GICD_CTLR, 4, 0x2);                           /* EnableGrp1 */
        for (unsigned int i = 0; i < 64; i++)
                at(PROP_IPA)[i] = 0xa0 | 1;                     /* priority 0xa0, enabled */
        for (unsigned int c = 0; c < 4; c++) {
                wr(&gicr, c * GUEST_GICR_STRIDE + GICR_PROPBASER, 8, PROP_IPA | 13);
                wr(&gicr, c * GUEST_GICR_STRIDE + GICR_PENDBASER, 8, PEND_IPA + c * 0x10000);  /* 64 KiB aligned */
                wr(&gicr, c * GUEST_GICR_STRIDE + GICR_CTLR, 4, 1);
        }
        wr(&its, GITS_BASER, 8, VALID | DEVTAB_IPA);            /* one 64 KiB page each */
        wr(&its, GITS_BASER + 8, 8, VALID | COLTAB_IPA);
        wr(&its, GITS_CBASER, 8, VALID | QUEUE_IPA);            /* 4 KiB */
        wr(&its, GITS_CTLR, 4, 1);
}

static void cmd(uint64_t d0, uint64_t d1, uint64_t d2, uint64_t d3)
{
        uint64_t *q = (uint64_t *)at(QUEUE_IPA + cmd_next * 32);

        q[0] = d0, q[1] = d1, q[2] = d2, q[3] = d3;
        cmd_next = (cmd_next + 1) % (QUEUE_SIZE / 32);
        wr(&its, GITS_CWRITER, 8, cmd_next * 32);
        CHECK_EQ_U64(rd(&its, GITS_CREADR, 8), cmd_next * 32); /* done when the write is */
}

#define DEV(d)                  ((uint64_t)(d) << 32)
static void mapd(uint32_t dev, uint64_t itt, bool v) { cmd(0x08 | DEV(dev), 7, (v ? VALID : 0) | itt, 0); }
static void mapc(uint32_t icid, uint32_t pe) { cmd(0x09, 0, VALID | (uint64_t)pe << 16 | icid, 0); }
static void mapti(uint32_t dev, uint32_t ev, uint32_t lpi, uint32_t icid)
{
        cmd(0x0a | DEV(dev), ev | (uint64_t)lpi << 32, icid, 0);
}
static void its_int(uint32_t dev, uint32_t ev) { cmd(0x03 | DEV(dev), ev, 0, 0); }

static bool lpi_pending(struct vcpu *v, unsigned int intid)
{
        unsigned int n = intid - VGIC_LPI_BASE;

        return (v->vgic.lpi.pending[n / 64] >> (n % 64)) & 1;
}

static unsigned int total_pending(void)
{
        unsigned int k = 0;

        for (unsigned int c = 0; c < 4; c++)
                k += V(c)->vgic.lpi.npending;
        return k;
}

static void test_registers(void)
{
        setup();
        /* GICD_TYPER: LPIS, 14 bits of INTID; GICR_TYPER.PLPIS; GITS_TYPER as documented. */
        CHECK_EQ_U64((rd(&gicd, GICD_TYPER, 4) >> 17) & 1, 1);
        CHECK_EQ_U64((rd(&gicd, GICD_TYPER, 4) >> 19) & 0x1f, 13);
        CHECK_EQ_U64(rd(&gicr, GICR_TYPER, 8) & 1, 1);
        CHECK_EQ_U64(rd(&its, GITS_TYPER, 8), 0x1ef71);       /* Devbits 15, IDbits 15, ITT 8 B */
        CHECK_EQ_U64(rd(&its, GITS_TYPER + 4, 4), 0);
        /* BASER types and read-only fields; the physical address is kept. */
        CHECK_EQ_U64(rd(&its, GITS_BASER, 8) >> 56 & 7, 1);
        CHECK_EQ_U64(rd(&its, GITS_BASER + 8, 8) >> 56 & 7, 4);
        wr(&its, GITS_BASER, 8, ~0ull);
        /* Valid, caches, type 1, Entry_Size 7, PA 47:16, shareability, 64 KiB pages, size. */
        CHECK_EQ_U64(rd(&its, GITS_BASER, 8), 0xb9e7ffffffff0effull);
        CHECK_EQ_U64(rd(&its, GITS_BASER + 16, 8), 0);         /* no third table */
        /* By halves, as a 32-bit driver writes them. */
        wr(&its, GITS_CBASER, 4, 0x40220000);
        wr(&its, GITS_CBASER + 4, 4, 0x80000000);
        CHECK_EQ_U64(rd(&its, GITS_CBASER, 8), VALID | 0x40220000);
        /* Enabled, the tables cannot move (UNPREDICTABLE: ignored). */
        wr(&its, GITS_CTLR, 4, 1);
        wr(&its, GITS_CBASER, 8, VALID | 0x40300000);
        CHECK_EQ_U64(rd(&its, GITS_CBASER, 8), VALID | 0x40220000);
        CHECK_EQ_U64(rd(&its, GITS_CTLR, 4), 0x80000001);      /* Quiescent, Enabled */
        /* PROPBASER fixed once EnableLPIs is set. */
        wr(&gicr, GICR_PROPBASER, 8, PROP_IPA | 13);
        wr(&gicr, GICR_CTLR, 4, 1);
        wr(&gicr, GICR_PROPBASER, 8, 0x12345000);
        CHECK_EQ_U64(rd(&gicr, GICR_PROPBASER, 8), PROP_IPA | 13);
}

static void test_translate(void)
{
        setup();
        driver_init();
        memset(kicks, 0, sizeof(kicks));
        /* dev 2 event 20 -> LPI 8195 on collection 3 (vCPU 3); dev 7 event 255 -> 8196 on 2. */
        mapd(2, ITT_IPA, true);
        mapd(7, ITT_IPA + 0x1000, true);
        mapc(3, 3);
        mapc(2, 2);
        mapti(2, 20, 8195, 3);
        mapti(7, 255, 8196, 2);
        its_int(2, 20);
        CHECK(lpi_pending(V(3), 8195) && total_pending() == 1 && kicks[3] == 1);
        its_int(7, 255);
        CHECK(lpi_pending(V(2), 8196) && total_pending() == 2);
        /* Into a list register at its configured priority; acknowledged and ended: gone. */
        vgic_flush(V(3));
        CHECK(fake_lr[0].intid == 8195 && fake_lr[0].pending && fake_lr[0].priority == 0xa0);
        CHECK(!lpi_pending(V(3), 8195));
        fake_lr[0].pending = false;
        fake_lr[0].active = true;               /* acknowledged */
        vgic_sync(V(3));
        vgic_flush(V(3));                       /* active: back in a list register */
        CHECK(fake_lr[0].intid == 8195 && fake_lr[0].active && !fake_lr[0].pending);
        fake_lr[0].active = false;              /* ended */
        vgic_sync(V(3));
        vgic_flush(V(3));
        CHECK(!fake_lr_live(0) && V(3)->vgic.lpi.npending == 0);
        /* Not acknowledged before the exit: pending again, and delivered again. */
        its_int(2, 20);
        vgic_flush(V(3));
        vgic_sync(V(3));
        CHECK(lpi_pending(V(3), 8195));
        vgic_flush(V(3));
        fake_lr[0].pending = false;
        vgic_sync(V(3));
        /* Disabled in its configuration byte: pending, but not delivered (INV or not). */
        at(PROP_IPA)[3] &= ~1;
        cmd(0x0c | DEV(2), 20, 0, 0);           /* INV */
        its_int(2, 20);
        vgic_flush(V(3));
        CHECK(!fake_lr_live(0) && lpi_pending(V(3), 8195));
        at(PROP_IPA)[3] |= 1;
        cmd(0x0d, 0, 3, 0);                     /* INVALL collection 3 */
        vgic_flush(V(3));
        CHECK(fake_lr_live(0) && fake_lr[0].intid == 8195);
        fake_lr[0].pending = false;
        vgic_sync(V(3));
        /* MOVI to collection 2 takes the pending state along; CLEAR clears it. */
        its_int(2, 20);
        cmd(0x01 | DEV(2), 20, 2, 0);           /* MOVI */
        CHECK(!lpi_pending(V(3), 8195) && lpi_pending(V(2), 8195));
        cmd(0x04 | DEV(2), 20, 0, 0);           /* CLEAR */
        CHECK(!lpi_pending(V(2), 8195));
        /* MOVALL vCPU 2 -> 1. */
        its_int(7, 255);
        cmd(0x0e, 0, 2ull << 16, 1ull << 16);
        CHECK(lpi_pending(V(1), 8196) && !lpi_pending(V(2), 8196));
        /* DISCARD: the mapping goes; an INT then does nothing. */
        cmd(0x0f | DEV(2), 20, 0, 0);
        its_int(2, 20);
        CHECK(!lpi_pending(V(2), 8195) && !lpi_pending(V(3), 8195));
        /* An unmapped device's events do nothing. */
        mapd(7, 0, false);
        vgic_lpi_clear(V(1), 8196);
        its_int(7, 255);
        CHECK(total_pending() == 0);
        /* A CPU's write to GITS_TRANSLATER: DeviceID 0. */
        mapd(0, ITT_IPA + 0x2000, true);
        mapti(0, 5, 8200, 3);
        wr(&its, GITS_TRANSLATER, 4, 5);
        CHECK(lpi_pending(V(3), 8200));
        /* LPIs pending in the guest's pending table when EnableLPIs is set: imported
         * (the bit of INTID n is bit n % 8 of byte n / 8), unless PTZ says it is zero. */
        wr(&gicr, 1 * GUEST_GICR_STRIDE + GICR_CTLR, 4, 0);
        at(PEND_IPA + 0x10000)[8197 / 8] |= 1u << (8197 % 8);
        at(PEND_IPA + 0x10000)[8250 / 8] |= 1u << (8250 % 8);
        wr(&gicr, 1 * GUEST_GICR_STRIDE + GICR_CTLR, 4, 1);
        CHECK(lpi_pending(V(1), 8197) && lpi_pending(V(1), 8250) && V(1)->vgic.lpi.npending == 2);
        wr(&gicr, 1 * GUEST_GICR_STRIDE + GICR_CTLR, 4, 0);
        wr(&gicr, 1 * GUEST_GICR_STRIDE + GICR_PENDBASER, 8, (PEND_IPA + 0x10000) | (1ull << 62));
        wr(&gicr, 1 * GUEST_GICR_STRIDE + GICR_CTLR, 4, 1);
        CHECK(V(1)->vgic.lpi.npending == 0);
        /* LPIs off at vCPU 3's redistributor: dropped, and pending ones go. */
        wr(&gicr, 3 * GUEST_GICR_STRIDE + GICR_CTLR, 4, 0);
        CHECK(V(3)->vgic.lpi.npending == 0);
        wr(&its, GITS_TRANSLATER, 4, 5);
        CHECK(total_pending() == 0);
}

static void test_errors(void)
{
        setup();
        driver_init();
        /* Out of range: a DeviceID past the 64 KiB table, an LPI outside 8192-16383, a
         * target vCPU that does not exist, an EventID past the ITT's size. */
        mapd(8192, ITT_IPA, true);
        CHECK(*(uint64_t *)at(DEVTAB_IPA) == 0);
        mapd(1, ITT_IPA, true);
        mapc(0, 9);
        CHECK(*(uint64_t *)at(COLTAB_IPA) == 0);
        mapc(0, 0);
        mapti(1, 3, 100, 0);
        mapti(1, 3, 16384, 0);
        mapti(1, 256, 8192, 0);                 /* MAPD gave 8 EventID bits */
        its_int(1, 3);
        CHECK(total_pending() == 0);
        /* An ITT outside RAM: MAPD takes it (it is only an address), MAPTI and INT fail. */
        mapd(3, 0x1000, true);
        mapti(3, 0, 8192, 0);
        its_int(3, 0);
        CHECK(total_pending() == 0);
        /* CWRITER beyond the 4 KiB queue: stalled until CBASER is written again. */
        wr(&its, GITS_CWRITER, 8, 0x2000);
        CHECK(rd(&its, GITS_CREADR, 8) & 1);
        wr(&its, GITS_CTLR, 4, 0);
        wr(&its, GITS_CBASER, 8, VALID | (GUEST_RAM_BASE + RAM_SIZE - 0x1000));
        CHECK_EQ_U64(rd(&its, GITS_CREADR, 8), 0);
        /* A queue at the end of RAM, its size running past it: stalls at the edge. */
        wr(&its, GITS_CBASER, 8, VALID | (GUEST_RAM_BASE + RAM_SIZE - 0x1000) | 1);
        wr(&its, GITS_CTLR, 4, 1);
        wr(&its, GITS_CWRITER, 8, 0x1020);
        CHECK_EQ_U64(rd(&its, GITS_CREADR, 8), 0x1000 | 1);
}

/* Random commands, random fields near the valid ones, random queue pointers. */
static void test_hostile(void)
{
        uint64_t ops = 0;

        setup();
        driver_init();
        srand(7);
        for (unsigned int round = 0; round < 20000; round++) {
                static const uint8_t ops_list[] = { 0x01, 0x03, 0x04, 0x05, 0x08, 0x09, 0x0a, 0x0b,
                                                    0x0c, 0x0d, 0x0e, 0x0f, 0x2a, 0xff };
                uint64_t *q = (uint64_t *)at(QUEUE_IPA + cmd_next * 32);
                unsigned int r = (unsigned int)rand();
                uint64_t any = ((uint64_t)rand() << 33) ^ ((uint64_t)rand() << 7) ^ (uint64_t)rand();

                q[0] = ops_list[r % sizeof(ops_list)] | (uint64_t)(rand() % 12) << 32 |
                       (r & 0x100 ? any & ~0xffull : 0);
                q[1] = (uint64_t)(rand() % 300) | (uint64_t)(8190 + rand() % 40) << 32 |
                       (r & 0x200 ? any : 0);
                q[2] = (r & 0x400 ? VALID : 0) | (uint64_t)(rand() % 6) << 16 | (uint64_t)(rand() % 6) |
                       (r & 0x800 ? (ITT_IPA + (uint64_t)(rand() % 16) * 0x1000) : 0) |
                       (r & 0x1000 ? any : 0);
                q[3] = (uint64_t)(rand() % 6) << 16 | (r & 0x2000 ? any : 0);
                cmd_next = (cmd_next + 1) % (QUEUE_SIZE / 32);
                wr(&its, GITS_CWRITER, 8, r & 0x4000 ? any : cmd_next * 32);
                if (rd(&its, GITS_CREADR, 8) & 1) {     /* stalled: a retry starts it again */
                        wr(&its, GITS_CWRITER, 8, cmd_next * 32 | 1);
                }
                if (r % 7 == 0)
                        wr(&its, GITS_TRANSLATER, 4, any);
                if (r % 5 == 0) {
                        struct vcpu *v = V(r % 4);

                        vgic_flush(v);
                        for (unsigned int n = 0; n < fake_nr_lrs; n++)
                                if (r & (1u << (n + 16)))
                                        fake_lr[n].pending = false;
                        vgic_sync(v);
                }
                ops++;
        }
        /* Every pending count matches its bits; nothing outside the LPI range. */
        for (unsigned int c = 0; c < 4; c++) {
                unsigned int bits = 0;

                for (unsigned int w = 0; w < VGIC_NR_LPIS / 64; w++)
                        bits += (unsigned int)__builtin_popcountll(V(c)->vgic.lpi.pending[w]);
                CHECK_EQ_U64(bits, V(c)->vgic.lpi.npending);
                bits = 0;
                for (unsigned int i = 0; i < VGIC_LPI_SLOTS; i++)
                        bits += V(c)->vgic.lpi.slot[i].intid != 0;
                CHECK_EQ_U64(bits, V(c)->vgic.lpi.nslots);
        }
        {
                unsigned int raised = kicks[0] + kicks[1] + kicks[2] + kicks[3];

                printf("hostile queue: %llu commands, %u vCPU kicks (LPIs raised, INV), %u left pending\n",
                       (unsigned long long)ops, raised, total_pending());
                CHECK(raised > 100);            /* the random queues do map and trigger */
        }
}

int main(void)
{
        ram = aligned_alloc(0x10000, RAM_SIZE);
        CHECK(ram != NULL);
        test_registers();
        test_translate();
        test_errors();
        test_hostile();
        free(ram);
        TEST_MAIN_END();
}
