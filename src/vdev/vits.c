// SPDX-License-Identifier: MIT
#include "core/vm.h"
#include "lib/bits.h"
#include "lib/log.h"
#include "lib/string.h"
#include "vdev/host.h"
#include "vdev/vgic.h"
#include "vdev/vits.h"

#define GITS_CTLR               0x0000
#define GITS_IIDR               0x0004
#define GITS_TYPER              0x0008
#define GITS_CBASER             0x0080
#define GITS_CWRITER            0x0088
#define GITS_CREADR             0x0090
#define GITS_BASER              0x0100          /* 8 registers of 8 bytes */
#define GITS_PIDR2              0xFFE8
#define GITS_TRANSLATER         0x10040         /* in the translation frame */

#define GITS_CTLR_ENABLED       BIT(0)
#define GITS_CTLR_QUIESCENT     BIT(31)
#define GITS_IIDR_VALUE         0x0300043B      /* Arm, as the vGIC's IIDR */
#define GITS_PIDR2_ARCH_V3      0x3B

/*
 * GITS_TYPER
 *   36    CIL             x0   16-bit collection IDs
 *   19    PTA             x0   collections target PE numbers (GICR_TYPER.Processor_Number)
 *   17:13 Devbits         x15  16-bit DeviceIDs
 *   12:08 IDbits          x15  16-bit EventIDs
 *   07:04 ITT_entry_size  x7   8-byte entries
 *   00    Physical        x1   physical LPIs
 */
#define ITS_DEVID_BITS          16
#define ITS_EVENTID_BITS        16
#define ITS_ENTRY_SIZE          8
#define GITS_TYPER_VALUE        ((uint64_t)(ITS_DEVID_BITS - 1) << 13 |                   \
                                 (uint64_t)(ITS_EVENTID_BITS - 1) << 8 |                  \
                                 (uint64_t)(ITS_ENTRY_SIZE - 1) << 4 | 1u)

/*
 * GITS_CBASER                              GITS_BASER<n> (n 0: devices, 1: collections)
 *   63    Valid                              63    Valid
 *   61:59 InnerCache (kept)                  62    Indirect       RAZ: flat tables only
 *   55:53 OuterCache (kept)                  61:59 InnerCache     (kept)
 *   51:12 Physical_Address                   58:56 Type           1 devices, 4 collections
 *   11:10 Shareability (kept)                55:53 OuterCache     (kept)
 *   07:00 Size: 4 KiB pages - 1              52:48 Entry_Size     7: 8 bytes
 *                                            47:16 Physical_Address
 *                                            11:10 Shareability   (kept)
 *                                            09:08 Page_Size      2: 64 KiB
 *                                            07:00 Size: pages - 1
 */
#define BASE_VALID              BITUL(63)
#define CACHE_FIELDS            (0x7ull << 59 | 0x7ull << 53 | 0x3ull << 10)
#define CBASER_PA               0x000ffffffffff000ull
#define CBASER_WRITABLE         (BASE_VALID | CACHE_FIELDS | CBASER_PA | 0xffu)
#define BASER_PA                0x0000ffffffff0000ull
#define BASER_WRITABLE          (BASE_VALID | CACHE_FIELDS | BASER_PA | 0xffu)
#define BASER_RO(type)          ((uint64_t)(type) << 56 | (uint64_t)(ITS_ENTRY_SIZE - 1) << 48 | \
                                 2ull << 8)
#define BASER_TYPE_DEVICE       1
#define BASER_TYPE_COLLECTION   4
#define CWRITER_OFFSET          0xfffe0ull      /* 19:5 */
#define CWRITER_RETRY           BIT(0)
#define CREADR_STALLED          BIT(0)
#define SZ_4K                   0x1000ull
#define SZ_64K                  0x10000ull

/* Our table entries: bit 63 valid. Devices: ITT address 51:8, EventID bits - 1 in 4:0.
 * Collections: the target vCPU in 15:0. ITT: LPI INTID 47:16, collection 15:0. */
#define ENTRY_VALID             BITUL(63)
#define DTE_ITT                 0x000fffffffffff00ull
#define ITE_INTID_SHIFT         16

enum its_cmd {
        CMD_MOVI = 0x01, CMD_INT = 0x03, CMD_CLEAR = 0x04, CMD_SYNC = 0x05, CMD_MAPD = 0x08,
        CMD_MAPC = 0x09, CMD_MAPTI = 0x0a, CMD_MAPI = 0x0b, CMD_INV = 0x0c, CMD_INVALL = 0x0d,
        CMD_MOVALL = 0x0e, CMD_DISCARD = 0x0f,
};

void vits_init(struct vits *its)
{
        memset(its, 0, sizeof(*its));
        its->baser[0] = BASER_RO(BASER_TYPE_DEVICE);
        its->baser[1] = BASER_RO(BASER_TYPE_COLLECTION);
}

/* Entry id of the table baser describes, in guest RAM; NULL if the table is not valid,
 * too small for id, or not in RAM. */
static volatile uint64_t *table_entry(struct vm *vm, uint64_t baser, uint64_t id)
{
        uint64_t size = ((baser & 0xff) + 1) * SZ_64K;

        if (!(baser & BASE_VALID) || id >= size / ITS_ENTRY_SIZE)
                return NULL;
        return vm_ipa_to_hva(vm, (baser & BASER_PA) + id * ITS_ENTRY_SIZE, ITS_ENTRY_SIZE);
}

static uint64_t load(volatile uint64_t *p)
{
        return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static void store(volatile uint64_t *p, uint64_t v)
{
        __atomic_store_n(p, v, __ATOMIC_RELAXED);
}

/* A command that could not be done: the reason, once in a while (vm_guest_log). */
static bool cmd_error(struct vm *vm, const uint64_t *cmd, const char *why)
{
        vm_guest_log(vm, LOG_WARN, "VM '%s': ITS command 0x%02x (DeviceID %u, EventID %u): %s: "
                     "ignored\n", vm->cfg.name, (unsigned int)(cmd[0] & 0xff),
                     (unsigned int)(cmd[0] >> 32), (unsigned int)cmd[1], why);
        return false;
}

/* The ITT entry of (device, event), or NULL (the reason given). */
static volatile uint64_t *ite_of(struct vm *vm, struct vits *its, uint32_t dev, uint32_t event,
                                 const char **why)
{
        volatile uint64_t *dte = dev < (1u << ITS_DEVID_BITS) ?
                                 table_entry(vm, its->baser[0], dev) : NULL;
        uint64_t d = dte ? load(dte) : 0;

        if (!(d & ENTRY_VALID)) {
                *why = dte ? "device not mapped" : "DeviceID beyond the device table";
                return NULL;
        }
        if (event >= (2u << (d & 0x1f))) {
                *why = "EventID beyond the device's ITT";
                return NULL;
        }
        *why = "ITT outside the VM's RAM";
        return vm_ipa_to_hva(vm, (d & DTE_ITT) + (uint64_t)event * ITS_ENTRY_SIZE, ITS_ENTRY_SIZE);
}

/* The vCPU collection icid targets, or NULL. */
static struct vcpu *collection_target(struct vm *vm, struct vits *its, uint32_t icid)
{
        volatile uint64_t *cte = table_entry(vm, its->baser[1], icid);
        uint64_t c = cte ? load(cte) : 0;

        if (!(c & ENTRY_VALID) || (c & 0xffff) >= vm->cfg.nvcpus)
                return NULL;
        return &vm->vcpus[c & 0xffff];
}

/* A valid ITT entry of (device, event): its LPI and target; false (reported) otherwise. */
static bool translate(struct vm *vm, struct vits *its, const uint64_t *cmd, uint32_t dev,
                      uint32_t event, volatile uint64_t **ite_out, unsigned int *intid,
                      struct vcpu **target)
{
        const char *why;
        volatile uint64_t *ite = ite_of(vm, its, dev, event, &why);
        uint64_t e = ite ? load(ite) : 0;

        if (!ite)
                return cmd_error(vm, cmd, why);
        if (!(e & ENTRY_VALID))
                return cmd_error(vm, cmd, "event not mapped");
        *intid = (unsigned int)(e >> ITE_INTID_SHIFT);
        *target = collection_target(vm, its, (uint32_t)(e & 0xffff));
        if (ite_out)
                *ite_out = ite;
        if (!*target)
                return cmd_error(vm, cmd, "collection not mapped");
        return true;
}

/* An event of a device: its LPI pending on its collection's vCPU. */
static void trigger(struct vm *vm, struct vits *its, const uint64_t *cmd, uint32_t dev,
                    uint32_t event)
{
        unsigned int intid;
        struct vcpu *t;

        if (translate(vm, its, cmd, dev, event, NULL, &intid, &t) && !vgic_lpi_set(t, intid))
                log_debug("VM '%s': LPI %u for vCPU %u dropped (its LPIs are off)\n",
                          vm->cfg.name, intid, t->id);
}

/* The vCPU a MAPC/MOVALL RDbase field names (PTA 0: the PE number in 50:16). */
static struct vcpu *rdbase_vcpu(struct vm *vm, uint64_t field)
{
        uint64_t pe = (field >> 16) & 0x7ffffffffull;

        return pe < vm->cfg.nvcpus ? &vm->vcpus[pe] : NULL;
}

/*
 * One command: 4 doublewords. DeviceID dw0 63:32, EventID dw1 31:0, pINTID dw1 63:32
 * (MAPD: Size dw1 4:0), ICID dw2 15:0 (MAPD: ITT_addr dw2 51:8; MAPC, MOVALL: RDbase
 * dw2 50:16, MOVALL's second dw3 50:16), V dw2 63.
 */
static void run_command(struct vm *vm, struct vits *its, const uint64_t *cmd)
{
        uint32_t dev = (uint32_t)(cmd[0] >> 32), event = (uint32_t)cmd[1];
        uint32_t icid = (uint32_t)(cmd[2] & 0xffff);
        bool valid = cmd[2] & BITUL(63);
        volatile uint64_t *p;
        unsigned int intid;
        struct vcpu *t, *to;
        const char *why;

        switch (cmd[0] & 0xff) {
        case CMD_MAPD:
                p = dev < (1u << ITS_DEVID_BITS) ? table_entry(vm, its->baser[0], dev) : NULL;
                if (!p) {
                        cmd_error(vm, cmd, "DeviceID beyond the device table");
                        break;
                }
                if (valid && (cmd[1] & 0x1f) >= ITS_EVENTID_BITS) {
                        cmd_error(vm, cmd, "ITT size beyond the EventID bits");
                        break;
                }
                store(p, valid ? ENTRY_VALID | (cmd[2] & DTE_ITT) | (cmd[1] & 0x1f) : 0);
                break;
        case CMD_MAPC:
                p = table_entry(vm, its->baser[1], icid);
                t = rdbase_vcpu(vm, cmd[2]);
                if (!p || (valid && !t)) {
                        cmd_error(vm, cmd, !p ? "ICID beyond the collection table" :
                                                "no such target vCPU");
                        break;
                }
                store(p, valid ? ENTRY_VALID | t->id : 0);
                break;
        case CMD_MAPTI:
        case CMD_MAPI:
                intid = (cmd[0] & 0xff) == CMD_MAPI ? event : (uint32_t)(cmd[1] >> 32);
                p = ite_of(vm, its, dev, event, &why);
                if (!p) {
                        cmd_error(vm, cmd, why);
                        break;
                }
                if (intid < VGIC_LPI_BASE || intid >= VGIC_LPI_BASE + VGIC_NR_LPIS) {
                        cmd_error(vm, cmd, "not an LPI of this GIC (8192-16383)");
                        break;
                }
                store(p, ENTRY_VALID | (uint64_t)intid << ITE_INTID_SHIFT | icid);
                break;
        case CMD_INT:
                trigger(vm, its, cmd, dev, event);
                break;
        case CMD_CLEAR:
        case CMD_DISCARD:
                if (!translate(vm, its, cmd, dev, event, &p, &intid, &t))
                        break;
                vgic_lpi_clear(t, intid);
                if ((cmd[0] & 0xff) == CMD_DISCARD)
                        store(p, 0);
                break;
        case CMD_MOVI:
                if (!translate(vm, its, cmd, dev, event, &p, &intid, &t))
                        break;
                to = collection_target(vm, its, icid);
                if (!to) {
                        cmd_error(vm, cmd, "new collection not mapped");
                        break;
                }
                if (vgic_lpi_clear(t, intid))
                        vgic_lpi_set(to, intid);        /* its pending state moves with it */
                store(p, (load(p) & ~0xffffull) | icid);
                break;
        case CMD_INV:
                if (!translate(vm, its, cmd, dev, event, NULL, &intid, &t))
                        break;
                /* The configuration is read afresh at each look: rescan, make t look. */
                vgic_mark_all_dirty(vm);
                vcpu_kick(t);
                break;
        case CMD_INVALL:
                t = collection_target(vm, its, icid);
                if (!t) {
                        cmd_error(vm, cmd, "collection not mapped");
                        break;
                }
                vgic_mark_all_dirty(vm);
                vcpu_kick(t);
                break;
        case CMD_MOVALL:
                t = rdbase_vcpu(vm, cmd[2]);
                to = rdbase_vcpu(vm, cmd[3]);
                if (!t || !to) {
                        cmd_error(vm, cmd, "no such vCPU");
                        break;
                }
                vgic_lpi_move_all(t, to);
                break;
        case CMD_SYNC:
                break;                          /* every command has taken effect already */
        default:
                cmd_error(vm, cmd, "not a command of this ITS (no GICv4)");
                break;
        }
}

/* Run the queue from GITS_CREADR to GITS_CWRITER (the lock held). */
static void process(struct vm *vm, struct vits *its)
{
        uint64_t qsize = ((its->cbaser & 0xff) + 1) * SZ_4K, base = its->cbaser & CBASER_PA;

        if (!(its->ctlr & GITS_CTLR_ENABLED) || !(its->cbaser & BASE_VALID) ||
            (its->creadr & CREADR_STALLED))
                return;
        if (its->cwriter >= qsize) {
                vm_guest_log(vm, LOG_WARN, "VM '%s': ITS: GITS_CWRITER 0x%llx beyond the "
                             "command queue (%llu bytes): stalled\n", vm->cfg.name,
                             (unsigned long long)its->cwriter, (unsigned long long)qsize);
                its->creadr |= CREADR_STALLED;
                return;
        }
        while ((its->creadr & CWRITER_OFFSET) != its->cwriter) {
                uint64_t at = its->creadr & CWRITER_OFFSET, cmd[4];
                volatile uint64_t *q = vm_ipa_to_hva(vm, base + at, sizeof(cmd));

                if (!q) {
                        vm_guest_log(vm, LOG_WARN, "VM '%s': ITS: command queue at 0x%llx is "
                                     "outside the VM's RAM: stalled\n", vm->cfg.name,
                                     (unsigned long long)(base + at));
                        its->creadr |= CREADR_STALLED;
                        return;
                }
                for (unsigned int i = 0; i < 4; i++)
                        cmd[i] = load(&q[i]);
                run_command(vm, its, cmd);
                its->creadr = (at + sizeof(cmd)) % qsize;
        }
}

/* A 64-bit register by halves: the 32 bits at off & 4 of reg, or all of it. */
static uint64_t half(uint64_t reg, uint64_t off, unsigned int size)
{
        return size == 8 ? reg : (uint32_t)(reg >> ((off & 4) * 8));
}

static uint64_t merge(uint64_t reg, uint64_t off, unsigned int size, uint64_t val)
{
        unsigned int shift = (off & 4) * 8;
        uint64_t mask = size == 8 ? ~0ull : 0xffffffffull << shift;

        return (reg & ~mask) | ((val << shift) & mask);
}

bool vits_access(struct vcpu *v, void *dev, uint64_t off, unsigned int size, bool write,
                 uint64_t *val)
{
        struct vm *vm = v->vm;
        struct vits *its = dev;
        uint64_t reg = off & ~7ull;

        if (size != 4 && size != 8 && !(size == 2 && off == GITS_TRANSLATER)) {
                if (!write)
                        *val = 0;               /* registers are 32 or 64 bits: RAZ/WI */
                return true;
        }
        spin_lock(&its->lock);
        if (off == GITS_TRANSLATER && write) {
                /* A CPU's write: DeviceID 0 (QEMU's rule), EventID the value. */
                if (its->ctlr & GITS_CTLR_ENABLED)
                        trigger(vm, its, (uint64_t[4]){ CMD_INT, *val }, 0, (uint32_t)*val);
        } else if (off == GITS_CTLR) {
                if (write) {
                        its->ctlr = (uint32_t)(*val & GITS_CTLR_ENABLED);
                        process(vm, its);       /* commands written while it was off */
                } else {
                        *val = its->ctlr | GITS_CTLR_QUIESCENT;
                }
        } else if (off == GITS_IIDR) {
                if (!write)
                        *val = GITS_IIDR_VALUE;
        } else if (reg == GITS_TYPER) {
                if (!write)
                        *val = half(GITS_TYPER_VALUE, off, size);
        } else if (reg == GITS_CBASER) {
                if (!write) {
                        *val = half(its->cbaser, off, size);
                } else if (!(its->ctlr & GITS_CTLR_ENABLED)) {
                        its->cbaser = merge(its->cbaser, off, size, *val) & CBASER_WRITABLE;
                        its->creadr = 0;        /* a new queue starts at its beginning */
                        its->cwriter = 0;
                }
        } else if (reg == GITS_CWRITER) {
                if (!write) {
                        *val = half(its->cwriter, off, size);
                } else {
                        uint64_t w = merge(its->cwriter, off, size, *val);

                        if (w & CWRITER_RETRY)
                                its->creadr &= ~(uint64_t)CREADR_STALLED;
                        its->cwriter = w & CWRITER_OFFSET;
                        process(vm, its);
                }
        } else if (reg == GITS_CREADR) {
                if (!write)
                        *val = half(its->creadr, off, size);
        } else if (reg >= GITS_BASER && reg < GITS_BASER + 8 * 8) {
                unsigned int n = (unsigned int)(reg - GITS_BASER) / 8;

                if (n >= 2) {
                        if (!write)
                                *val = 0;       /* no such table */
                } else if (!write) {
                        *val = half(its->baser[n], off, size);
                } else if (!(its->ctlr & GITS_CTLR_ENABLED)) {
                        uint64_t ro = BASER_RO(n ? BASER_TYPE_COLLECTION : BASER_TYPE_DEVICE);

                        its->baser[n] = (merge(its->baser[n], off, size, *val) & BASER_WRITABLE) | ro;
                }
        } else if (off == GITS_PIDR2) {
                if (!write)
                        *val = GITS_PIDR2_ARCH_V3;
        } else if (!write) {
                *val = 0;                       /* everything else RAZ/WI */
        }
        spin_unlock(&its->lock);
        return true;
}
