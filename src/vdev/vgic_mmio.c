// SPDX-License-Identifier: MIT
/*
 * The virtual GICv3's memory-mapped frames, as a guest driver (Linux's
 * irq-gic-v3) uses them: one security state (GICD_CTLR.DS = 1), affinity
 * routing always on, no LPIs/ITS. Registers that hold per-interrupt bits or
 * bytes accept the access sizes the architecture allows (32-bit, and 8-bit
 * for priorities); anything else is RAZ/WI, as the GIC specification makes
 * reserved registers.
 */
#include "lib/bits.h"
#include "core/vm.h"
#include "lib/log.h"
#include "lib/string.h"
#include "vdev/vgic.h"

#define GICD_CTLR               0x0000
#define GICD_TYPER              0x0004
#define GICD_IIDR               0x0008
#define GICD_TYPER2             0x000C
#define GICD_IGROUPR            0x0080
#define GICD_ISENABLER          0x0100
#define GICD_ICENABLER          0x0180
#define GICD_ISPENDR            0x0200
#define GICD_ICPENDR            0x0280
#define GICD_ISACTIVER          0x0300
#define GICD_ICACTIVER          0x0380
#define GICD_IPRIORITYR         0x0400
#define GICD_ICFGR              0x0C00
#define GICD_IROUTER            0x6000
#define GICD_PIDR2              0xFFE8

#define GICD_CTLR_ENABLE_G0     BIT(0)
#define GICD_CTLR_ENABLE_G1     BIT(1)
#define GICD_CTLR_ARE           BIT(4)          /* affinity routing: RAO/WI */
#define GICD_CTLR_DS            BIT(6)          /* single security state: RAO/WI */

#define GICR_CTLR               0x0000
#define GICR_IIDR               0x0004
#define GICR_TYPER              0x0008
#define GICR_WAKER              0x0014
#define GICR_PROPBASER          0x0070
#define GICR_PENDBASER          0x0078
#define GICR_CTLR_ENABLE_LPIS   BIT(0)
#define GICR_TYPER_PLPIS        BIT(0)
#define GICR_PIDR2              0xFFE8
#define GICR_SGI_BASE           0x10000

#define GICR_TYPER_LAST         BIT(4)
#define GICR_WAKER_PS           BIT(1)          /* ProcessorSleep */
#define GICR_WAKER_CA           BIT(2)          /* ChildrenAsleep */

#define GIC_IIDR_ARM            0x0300043B      /* Arm, GIC-600-like revision, as QEMU reports */
#define GIC_IIDR_GIC400         0x0200043B      /* Arm GIC-400-like (GICv2 guests) */
#define GIC_PIDR2_ARCH_V3       0x3B            /* ArchRev 3 in bits 7:4 */

/* One bit per interrupt: which field of struct virq a register range addresses. */
enum bit_field { F_GROUP, F_ENABLE, F_PENDING, F_ACTIVE };

static struct virq *virq_of(struct vcpu *v, unsigned int intid)
{
        if (intid < VGIC_NR_PRIVATE)
                return &v->vgic.priv[intid];
        if (intid < VGIC_NR_IRQS)
                return &v->vm->vgic.spi[intid - VGIC_NR_PRIVATE];
        return NULL;
}

static bool get_bit(const struct virq *q, enum bit_field f)
{
        switch (f) {
        case F_GROUP: return q->group1;
        case F_ENABLE: return q->enabled;
        case F_PENDING: return q->pending_latch || (!q->edge && q->line);
        case F_ACTIVE: return q->active;
        }
        return false;
}

static void put_bit(struct virq *q, enum bit_field f, bool set)
{
        switch (f) {
        case F_GROUP: q->group1 = set; break;
        case F_ENABLE: q->enabled = set; break;
        case F_PENDING: q->pending_latch = set; break;
        case F_ACTIVE: q->active = set; break;
        }
}

/*
 * A 32-bit register of one bit per interrupt, first INTID 'base'. kind: 0 plain
 * read/write (IGROUPR), 1 write-1-to-set, 2 write-1-to-clear. 'owner' is the vCPU
 * whose private interrupts are meant (the redistributor's).
 */
static void bits32(struct vcpu *owner, unsigned int base, enum bit_field f, int kind, bool write,
                   uint64_t *val)
{
        struct vm *vm = owner->vm;
        uint32_t r = 0;

        spin_lock(&vm->vgic.lock);
        for (unsigned int i = 0; i < 32; i++) {
                struct virq *q = virq_of(owner, base + i);

                if (!q)
                        break;
                if (!write) {
                        r |= (uint32_t)get_bit(q, f) << i;
                        continue;
                }
                bool bit = (*val >> i) & 1;
                if (kind == 0)
                        put_bit(q, f, bit);
                else if (bit)
                        put_bit(q, f, kind == 1);
        }
        spin_unlock(&vm->vgic.lock);
        if (write)
                vgic_mark_all_dirty(vm);
        else
                *val = r;
}

/* Priority bytes, 'size' of them starting at INTID 'first'. */
static void priorities(struct vcpu *owner, unsigned int first, unsigned int size, bool write,
                       uint64_t *val)
{
        struct vm *vm = owner->vm;
        uint64_t r = 0;

        spin_lock(&vm->vgic.lock);
        for (unsigned int i = 0; i < size; i++) {
                struct virq *q = virq_of(owner, first + i);

                if (!q)
                        break;
                if (write)
                        q->priority = (uint8_t)(*val >> (8 * i));
                else
                        r |= (uint64_t)q->priority << (8 * i);
        }
        spin_unlock(&vm->vgic.lock);
        if (write)
                vgic_mark_all_dirty(vm);
        else
                *val = r;
}

/* ICFGR: two bits per interrupt, bit 1 of each = edge-triggered. SGIs are always edge. */
static void config(struct vcpu *owner, unsigned int first, bool write, uint64_t *val)
{
        struct vm *vm = owner->vm;
        uint32_t r = 0;

        spin_lock(&vm->vgic.lock);
        for (unsigned int i = 0; i < 16; i++) {
                struct virq *q = virq_of(owner, first + i);

                if (!q)
                        break;
                if (write && first + i >= 16)
                        q->edge = (*val >> (2 * i + 1)) & 1;
                r |= (uint32_t)q->edge << (2 * i + 1);
        }
        spin_unlock(&vm->vgic.lock);
        if (write)
                vgic_mark_all_dirty(vm);        /* level <-> edge changes what is pending */
        else
                *val = r;
}

/* Per-interrupt register blocks shared by GICD (SPIs) and GICR SGI_base (SGIs/PPIs). */
static bool irq_regs(struct vcpu *owner, uint64_t off, unsigned int size, bool write,
                     uint64_t *val, bool redist)
{
        unsigned int n;

        if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 0x400) {
                n = (unsigned int)(off - GICD_IPRIORITYR);
                if ((redist && n >= 32) || (!redist && n < 32)) {
                        if (!write)
                                *val = 0;       /* the other frame's: RAZ/WI */
                        return true;
                }
                priorities(owner, n, size, write, val);
                return true;
        }
        if (size != 4)
                return false;
        if (off >= GICD_ICFGR && off < GICD_ICFGR + 0x100) {
                n = (unsigned int)(off - GICD_ICFGR) / 4 * 16;
                if ((redist && n >= 32) || (!redist && n < 32)) {
                        if (!write)
                                *val = n < 16 ? 0xaaaaaaaa : 0;
                        return true;
                }
                config(owner, n, write, val);
                return true;
        }
        static const struct { uint64_t base; enum bit_field f; int kind; } blocks[] = {
                { GICD_IGROUPR, F_GROUP, 0 },
                { GICD_ISENABLER, F_ENABLE, 1 }, { GICD_ICENABLER, F_ENABLE, 2 },
                { GICD_ISPENDR, F_PENDING, 1 }, { GICD_ICPENDR, F_PENDING, 2 },
                { GICD_ISACTIVER, F_ACTIVE, 1 }, { GICD_ICACTIVER, F_ACTIVE, 2 },
        };
        for (unsigned int b = 0; b < sizeof(blocks) / sizeof(blocks[0]); b++) {
                if (off < blocks[b].base || off >= blocks[b].base + 0x80)
                        continue;
                n = (unsigned int)(off - blocks[b].base) * 8;
                if ((redist && n != 0) || (!redist && n == 0)) {
                        if (!write)
                                *val = 0;
                        return true;
                }
                bits32(owner, n, blocks[b].f, blocks[b].kind, write, val);
                return true;
        }
        if (!write)
                *val = 0;                               /* reserved / unimplemented: RAZ/WI */
        return true;
}

/*
 * The distributor's first words (GICD_CTLR, TYPER, IIDR, the rest RAZ/WI); the
 * versions differ only in CTLR's read-as-one bits and the ID values.
 */
static bool dist_header(struct vm *vm, uint64_t off, unsigned int size, bool write, uint64_t *val,
                        uint32_t ctlr_rao, uint32_t typer, uint32_t iidr)
{
        if (size != 4)
                return false;
        switch (off) {
        case GICD_CTLR:
                if (write) {
                        vm->vgic.ctlr = (uint32_t)*val & (GICD_CTLR_ENABLE_G0 | GICD_CTLR_ENABLE_G1);
                        vgic_mark_all_dirty(vm);
                } else {
                        *val = vm->vgic.ctlr | ctlr_rao;
                }
                return true;
        case GICD_TYPER:
                if (!write)
                        *val = typer;
                return true;
        case GICD_IIDR:
                if (!write)
                        *val = iidr;
                return true;
        default:
                if (!write)
                        *val = 0;
                return true;
        }
}

bool vgic_dist_access(struct vcpu *v, void *dev, uint64_t off, unsigned int size, bool write,
                      uint64_t *val)
{
        struct vm *vm = v->vm;

        if (off >= GICD_IROUTER + 8 * VGIC_NR_PRIVATE && off < GICD_IROUTER + 8 * VGIC_NR_IRQS) {
                unsigned int intid = (unsigned int)(off - GICD_IROUTER) / 8;
                struct virq *q = &vm->vgic.spi[intid - VGIC_NR_PRIVATE];
                bool high = off & 4;

                if (size != 8 && size != 4)
                        return false;
                spin_lock(&vm->vgic.lock);
                if (!write) {
                        *val = size == 8 ? q->irouter : (uint32_t)(q->irouter >> (high ? 32 : 0));
                } else {
                        uint64_t r = size == 8 ? *val :
                                     high ? (q->irouter & 0xffffffffull) | (*val << 32) :
                                            (q->irouter & ~0xffffffffull) | (uint32_t)*val;
                        /*
                         * GICD_IROUTER<n>
                         *   39:32 Aff3     kept
                         *   31:31 IRM      1-of-N: RAZ/WI (GICD_TYPER.No1N = 1): dropped
                         *   23:16 Aff2, 15:08 Aff1, 07:00 Aff0   kept
                         * other bits RES0
                         */
                        q->irouter = r & 0xff00ffffffull;
                        /* Aff0 names the vCPU; 1-of-N (IRM) and unknown targets go to vCPU 0. */
                        q->target = (!(r & BITUL(31)) && (r & 0xff) < vm->cfg.nvcpus &&
                                     !(r & 0xff00ffff00ull)) ? (uint8_t)(r & 0xff) : 0;
                }
                spin_unlock(&vm->vgic.lock);
                if (write)
                        vgic_mark_all_dirty(vm);
                return true;
        }
        if (off < 0x80) {
                /*
                 * GICD_TYPER
                 *   25:25 No1N     x1  1-of-N SPI routing not supported
                 *   23:19 IDbits   x13 14 bits of INTID: LPIs 8192-16383
                 *   17:17 LPIS     x1  LPIs supported (through the vITS)
                 *   04:00 ITLines  N   32 * (N + 1) interrupt lines
                 */
                return dist_header(vm, off, size, write, val, GICD_CTLR_ARE | GICD_CTLR_DS,
                                   BIT(25) | (13u << 19) | BIT(17) | (VGIC_NR_IRQS / 32 - 1),
                                   GIC_IIDR_ARM);
        }
        if (off == GICD_PIDR2) {
                if (!write)
                        *val = GIC_PIDR2_ARCH_V3;
                return true;
        }
        return irq_regs(v, off, size, write, val, false);
}

/*
 * GICR_PROPBASER / GICR_PENDBASER, whole or by 32-bit halves. Kept as written (the
 * LPI configuration table's address 51:12 and IDbits 4:0 are used, vgic.c); they
 * cannot change while EnableLPIs is 1 (UNPREDICTABLE: ignored). PENDBASER.PTZ
 * (62) reads as 0. The pending state lives in the vGIC; the guest's pending table is
 * read once, when EnableLPIs is set (unless PTZ said it is zero: vgic_lpi_enable).
 */
static bool lpi_base_reg(struct vcpu *owner, uint64_t off, unsigned int size, bool write,
                         uint64_t *val)
{
        struct vgic_lpis *l = &owner->vgic.lpi;
        uint64_t *reg = off < GICR_PENDBASER ? &l->propbaser : &l->pendbaser;
        unsigned int shift = (off & 4) ? 32 : 0;
        uint64_t mask = size == 8 ? ~0ull : 0xffffffffull << shift;

        if (size == 8 && (off & 4))
                return false;                   /* misaligned: the dispatch rule forbids it */
        spin_lock(&owner->vm->vgic.lock);
        if (!write)
                *val = (*reg & mask & ~(reg == &l->pendbaser ? BITUL(62) : 0)) >> shift;
        else if (!l->enabled)
                *reg = (*reg & ~mask) | ((*val << shift) & mask);
        spin_unlock(&owner->vm->vgic.lock);
        return true;
}

bool vgic_redist_access(struct vcpu *v, void *dev, uint64_t off, unsigned int size, bool write,
                        uint64_t *val)
{
        struct vm *vm = v->vm;
        unsigned int idx = (unsigned int)(off / GUEST_GICR_STRIDE);
        struct vcpu *owner;

        if (idx >= vm->cfg.nvcpus)
                return false;
        owner = &vm->vcpus[idx];
        off %= GUEST_GICR_STRIDE;
        if (off >= GICR_SGI_BASE)
                return irq_regs(owner, off - GICR_SGI_BASE, size, write, val, true);
        /* RD_base registers are 32-bit (GICR_TYPER and the LPI table bases also 64-bit,
         * and may be accessed by halves): other sizes RAZ/WI. */
        if (off >= GICR_PROPBASER && off < GICR_PENDBASER + 8 && (size == 4 || size == 8))
                return lpi_base_reg(owner, off, size, write, val);
        if (size != 4 && !(size == 8 && off == GICR_TYPER)) {
                if (!write)
                        *val = 0;
                return true;
        }
        switch (off) {
        case GICR_CTLR:
                /* 00 EnableLPIs: LPIs from the vITS reach this vCPU (vgic_lpi_enable). */
                if (write)
                        vgic_lpi_enable(owner, *val & GICR_CTLR_ENABLE_LPIS);
                else
                        *val = __atomic_load_n(&owner->vgic.lpi.enabled, __ATOMIC_RELAXED) ?
                               GICR_CTLR_ENABLE_LPIS : 0;
                return true;
        case GICR_TYPER:
        case GICR_TYPER + 4: {
                /*
                 *   63:32 Affinity_Value  the vCPU's MPIDR affinity (Aff0 = index)
                 *   23:08 Processor_Number
                 *   04:04 Last            the last frame
                 *   00:00 PLPIS           physical LPIs (from the vITS)
                 */
                uint64_t typer = ((uint64_t)idx << 32) | ((uint64_t)idx << 8) |
                                 (idx + 1 == vm->cfg.nvcpus ? GICR_TYPER_LAST : 0) |
                                 GICR_TYPER_PLPIS;
                if (!write)
                        *val = size == 8 ? typer : (uint32_t)(typer >> (off == GICR_TYPER ? 0 : 32));
                return true;
        }
        case GICR_WAKER:
                if (write)
                        owner->vgic.sleeping = *val & GICR_WAKER_PS;
                else
                        *val = owner->vgic.sleeping ? (GICR_WAKER_PS | GICR_WAKER_CA) : 0;
                return true;
        case GICR_IIDR:
                if (!write)
                        *val = GIC_IIDR_ARM;
                return true;
        case GICR_PIDR2:
                if (!write)
                        *val = GIC_PIDR2_ARCH_V3;
                return true;
        default:
                if (!write)
                        *val = 0;               /* STATUSR, SETLPIR, ...: RAZ/WI */
                return true;
        }
}

/* ---- GICv2 distributor ----------------------------------------------------- */

#define GICD_ITARGETSR          0x0800
#define GICD_SGIR               0x0F00
#define GICD_PIDR2_V2           0x0FE8
#define GIC_PIDR2_ARCH_V2       0x2B

/*
 * The GICv2 distributor: the same per-interrupt registers, but private
 * interrupts (0-31) are banked per accessing vCPU in the distributor itself,
 * SPIs are routed by ITARGETSR CPU masks, and SGIs are sent through GICD_SGIR.
 */
bool vgic_dist_v2_access(struct vcpu *v, void *dev, uint64_t off, unsigned int size, bool write,
                         uint64_t *val)
{
        struct vm *vm = v->vm;

        if (off < 0x80) {
                /* GICD_TYPER:  07:05 CPUNumber  vCPUs - 1;   04:00 ITLinesNumber */
                return dist_header(vm, off, size, write, val, 0,
                                   ((vm->cfg.nvcpus - 1) << 5) | (VGIC_NR_IRQS / 32 - 1),
                                   GIC_IIDR_GIC400);
        }
        if (off >= GICD_ITARGETSR && off + size <= GICD_ITARGETSR + VGIC_NR_IRQS) {
                unsigned int first = (unsigned int)(off - GICD_ITARGETSR);
                uint64_t r = 0;

                spin_lock(&vm->vgic.lock);
                for (unsigned int i = 0; i < size; i++) {
                        unsigned int intid = first + i;

                        if (intid < VGIC_NR_PRIVATE) {
                                r |= (uint64_t)(1u << v->id) << (8 * i);        /* read-only: self */
                                continue;
                        }
                        struct virq *q = &vm->vgic.spi[intid - VGIC_NR_PRIVATE];
                        if (write) {
                                /* Bits for CPU interfaces the VM does not have are RAZ/WI. */
                                uint8_t mask = (uint8_t)(*val >> (8 * i)) &
                                               (uint8_t)((1u << vm->cfg.nvcpus) - 1);
                                q->targets = mask;
                                /* Deliver to the lowest vCPU in the mask (one target suffices). */
                                q->target = 0;
                                for (unsigned int c = 0; c < vm->cfg.nvcpus; c++)
                                        if (mask & (1u << c)) {
                                                q->target = (uint8_t)c;
                                                break;
                                        }
                        } else {
                                r |= (uint64_t)q->targets << (8 * i);
                        }
                }
                spin_unlock(&vm->vgic.lock);
                if (write)
                        vgic_mark_all_dirty(vm);
                else
                        *val = r;
                return true;
        }
        if (off == GICD_SGIR) {
                if (write && size == 4)
                        vgic_sgir_v2(v, (uint32_t)*val);
                else if (!write)
                        *val = 0;
                return true;
        }
        if (off == GICD_PIDR2_V2) {
                if (!write)
                        *val = GIC_PIDR2_ARCH_V2;
                return true;
        }
        if (off >= GICD_IGROUPR && off < 0xF00) {
                /* Private words are banked: handle word 0 as the accessing vCPU's. */
                uint64_t word_off = off;
                bool priv = (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + 32) ||
                            (off >= GICD_ICFGR && off < GICD_ICFGR + 8) ||
                            (off < GICD_IPRIORITYR && ((off - GICD_IGROUPR) % 0x80) < 4);
                if (priv)
                        return irq_regs(v, word_off, size, write, val, true);
                return irq_regs(v, word_off, size, write, val, false);
        }
        if (!write)
                *val = 0;
        return true;
}
