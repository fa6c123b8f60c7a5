// SPDX-License-Identifier: MIT
#include "arch/arch.h"
#include "core/sysreg_emul.h"
#include "core/vm.h"
#include "drivers/gic.h"
#include "lib/bits.h"
#include "lib/log.h"
#include "lib/string.h"
#include "vdev/host.h"
#include "vdev/vgic.h"
#include "platform.h"

const struct vgic_hw *vgic_hw = &vgic_hw_v3;
static unsigned int nr_lrs;

int vgic_hw_select(unsigned int gic_version)
{
        vgic_hw = gic_version == 2 ? &vgic_hw_v2 : &vgic_hw_v3;
        nr_lrs = vgic_hw->nr_lrs();
        if (nr_lrs > VGIC_MAX_LRS)
                nr_lrs = VGIC_MAX_LRS;
        /* Maintenance needs no action in the handler: the exit path resyncs (vgic_sync). */
        return gic_register_irq(PLAT_GIC_MAINT_IRQ, NULL);
}

unsigned int vgic_nr_lrs(void)
{
        return nr_lrs;
}

static struct virq *irq_of(struct vcpu *v, unsigned int intid)
{
        if (intid < VGIC_NR_PRIVATE)
                return &v->vgic.priv[intid];
        if (intid < VGIC_NR_IRQS)
                return &v->vm->vgic.spi[intid - VGIC_NR_PRIVATE];
        return NULL;
}

/* The vCPU an interrupt is delivered to (private ones: their own). */
static struct vcpu *target_of(struct vm *vm, struct vcpu *owner, unsigned int intid)
{
        if (intid < VGIC_NR_PRIVATE)
                return owner;
        return &vm->vcpus[vm->vgic.spi[intid - VGIC_NR_PRIVATE].target];
}

_Static_assert(VGIC_NR_PRIVATE == 32 && VGIC_NR_SPIS == 64, "candidate bitmaps: uint32_t + uint64_t");

/*
 * The candidate bitmaps let vgic_flush() look only at interrupts that may need a
 * list register instead of all of them on every entry. Invariant (under the
 * distributor lock): every interrupt that is pending, active or in a list
 * register has its bit set; a set bit may be stale and the scan clears it.
 */
static void mark_candidate(struct vcpu *owner, unsigned int intid)
{
        if (intid < VGIC_NR_PRIVATE)
                owner->vgic.cand_priv |= BIT(intid);
        else
                owner->vm->vgic.cand_spi |= BITUL(intid - VGIC_NR_PRIVATE);
}

static bool is_pending(const struct virq *q)
{
        return q->pending_latch || (!q->edge && q->line);
}

/* Pending, enabled, and its group enabled in the distributor (GICv2 guests use Group 0). */
static bool deliverable(const struct vm *vm, const struct virq *q)
{
        if (!is_pending(q) || !q->enabled)
                return false;
        if (vgic_hw->version == 2)
                return vm->vgic.ctlr & BIT(0);
        return q->group1 && (vm->vgic.ctlr & BIT(1));
}

void vgic_init(struct vm *vm)
{
        memset(&vm->vgic, 0, sizeof(vm->vgic));
        for (unsigned int i = 0; i < VGIC_NR_SPIS; i++) {
                struct virq *q = &vm->vgic.spi[i];
                q->lr = -1;
                q->priority = 0;
                q->group1 = false;
        }
}

void vgic_init_vcpu(struct vcpu *v)
{
        memset(&v->vgic, 0, sizeof(v->vgic));
        for (unsigned int i = 0; i < VGIC_NR_PRIVATE; i++) {
                struct virq *q = &v->vgic.priv[i];
                q->lr = -1;
                q->edge = i < 16;               /* SGIs are edge-triggered, PPIs level by default */
                q->target = (uint8_t)v->id;
        }
        v->vgic.sleeping = true;
        /* Virtual interface state: priority mask 0 (all masked) until the guest sets it. */
        v->vgic.vif.vmcr = 0;
        v->vgic.vif.apr = 0;
        v->vgic.uie = false;
}

void vgic_inject(struct vcpu *v, unsigned int intid)
{
        struct vm *vm = v->vm;
        struct virq *q = irq_of(v, intid);
        struct vcpu *t;

        if (!q)
                return;
        spin_lock(&vm->vgic.lock);
        q->pending_latch = true;
        mark_candidate(v, intid);
        t = target_of(vm, v, intid);
        t->vgic.dirty = true;
        spin_unlock(&vm->vgic.lock);
        vcpu_kick(t);
}

void vgic_vtimer_fired(struct vcpu *v)
{
        struct virq *t = &v->vgic.priv[GUEST_PPI_VTIMER];

        spin_lock(&v->vm->vgic.lock);
        v->vgic.vtimer_masked = true;
        t->line = true;                 /* a level: vtimer_update() lowers it */
        if (t->edge)
                t->pending_latch = true;        /* configured edge (ICFGR): the rising edge */
        mark_candidate(v, GUEST_PPI_VTIMER);
        v->vgic.dirty = true;
        spin_unlock(&v->vm->vgic.lock);
}

void vgic_set_private_line(struct vcpu *v, unsigned int intid, bool high)
{
        struct virq *q;

        if (intid < 16 || intid >= VGIC_NR_PRIVATE)
                return;
        q = &v->vgic.priv[intid];
        if (__atomic_load_n(&q->line, __ATOMIC_RELAXED) == high)
                return;
        spin_lock(&v->vm->vgic.lock);
        if (high && !q->line && q->edge)
                q->pending_latch = true;        /* configured edge: the rising edge */
        q->line = high;
        if (high)
                mark_candidate(v, intid);
        v->vgic.dirty = true;
        spin_unlock(&v->vm->vgic.lock);
        if (high)
                vcpu_kick(v);
}

void vgic_set_line(struct vm *vm, unsigned int intid, bool high)
{
        struct virq *q;
        struct vcpu *t;

        if (intid < VGIC_NR_PRIVATE || intid >= VGIC_NR_IRQS)
                return;
        q = &vm->vgic.spi[intid - VGIC_NR_PRIVATE];
        /* Unchanged (the common case, a UART register access): no lock. The callers
         * serialise changes of one line (under their device's lock). */
        if (__atomic_load_n(&q->line, __ATOMIC_RELAXED) == high)
                return;
        spin_lock(&vm->vgic.lock);
        if (q->line == high) {
                spin_unlock(&vm->vgic.lock);
                return;
        }
        if (high && q->edge)
                q->pending_latch = true;        /* configured edge (ICFGR): the rising edge */
        q->line = high;
        if (high)
                vm->vgic.cand_spi |= BITUL(intid - VGIC_NR_PRIVATE);
        t = &vm->vcpus[q->target];
        t->vgic.dirty = true;
        spin_unlock(&vm->vgic.lock);
        if (high)
                vcpu_kick(t);
}

/* ---- list registers -------------------------------------------------------- */

/*
 * On every exit of the loaded vCPU whose timer fired: the line follows the timer's
 * output (the guest turned the timer off, masked it or moved CVAL on: the line falls,
 * and an interrupt it left pending is gone, as with a real level). Once the line is
 * low and the guest has handled the interrupt, the physical PPI is let through again.
 * The timer's list register asks for an EOI maintenance interrupt, so the guest's
 * deactivation exits here at once even if the guest would not exit otherwise.
 */
static void vtimer_update(struct vcpu *v)
{
        struct virq *t = &v->vgic.priv[GUEST_PPI_VTIMER];
        uint64_t ctl;

        if (!v->vgic.vtimer_masked)
                return;
        ctl = arch_vtimer_ctl();        /* the vCPU is loaded: the register is its own */
        if (t->line && (ctl & (TIMER_CTL_ENABLE | TIMER_CTL_IMASK | TIMER_CTL_ISTATUS)) !=
                       (TIMER_CTL_ENABLE | TIMER_CTL_ISTATUS)) {
                spin_lock(&v->vm->vgic.lock);
                t->line = false;
                spin_unlock(&v->vm->vgic.lock);
        }
        if (!t->line && t->lr < 0 && !t->active && !t->pending_latch) {
                v->vgic.vtimer_masked = false;
                gic_enable_ppi(PLAT_TIMER_VIRT_IRQ);
        }
}

/* ---- LPIs ------------------------------------------------------------------ */

static bool lpi_in_range(unsigned int intid)
{
        return intid >= VGIC_LPI_BASE && intid < VGIC_LPI_BASE + VGIC_NR_LPIS;
}

/*
 * The LPI's configuration byte from the guest's table (GICR_PROPBASER: physical
 * address 51:12, IDbits 4:0: INTIDs below 2^(IDbits + 1)), read each time it is
 * looked at: a change is seen at once, before any INV. Bit 0 enable, 7:2 priority.
 * false: no such LPI for this redistributor (beyond IDbits, or outside guest RAM).
 */
static bool lpi_config(struct vcpu *v, unsigned int intid, uint8_t *cfg)
{
        uint64_t prop = v->vgic.lpi.propbaser;
        unsigned int idbits = (unsigned int)(prop & 0x1f);
        const volatile uint8_t *p;

        if (idbits < 13 || (idbits < 31 && intid >= (1u << (idbits + 1))))
                return false;
        p = vm_ipa_to_hva(v->vm, (prop & 0x000ffffffffff000ull) + (intid - VGIC_LPI_BASE), 1);
        if (!p)
                return false;
        *cfg = *p;
        return true;
}

static bool lpi_test(const struct vgic_lpis *l, unsigned int intid)
{
        unsigned int n = intid - VGIC_LPI_BASE;

        return (l->pending[n / 64] >> (n % 64)) & 1;
}

/* Set or clear one pending bit, keeping the count. Distributor lock held. */
static void lpi_assign(struct vgic_lpis *l, unsigned int intid, bool pending)
{
        unsigned int n = intid - VGIC_LPI_BASE;
        uint64_t bit = BITUL(n % 64);

        if (pending == lpi_test(l, intid))
                return;
        l->pending[n / 64] ^= bit;
        if (pending)
                l->npending++;
        else
                l->npending--;
}

static struct vgic_lpi_slot *lpi_slot(struct vgic_lpis *l, unsigned int intid)
{
        for (unsigned int i = 0; i < VGIC_LPI_SLOTS; i++)
                if (l->slot[i].intid == intid)
                        return &l->slot[i];
        return NULL;
}

bool vgic_lpi_set(struct vcpu *v, unsigned int intid)
{
        struct vm *vm = v->vm;
        uint8_t cfg;
        bool ok;

        if (!lpi_in_range(intid))
                return false;
        spin_lock(&vm->vgic.lock);
        ok = v->vgic.lpi.enabled && lpi_config(v, intid, &cfg);
        if (ok) {
                lpi_assign(&v->vgic.lpi, intid, true);
                v->vgic.dirty = true;
        }
        spin_unlock(&vm->vgic.lock);
        if (ok)
                vcpu_kick(v);
        return ok;
}

bool vgic_lpi_clear(struct vcpu *v, unsigned int intid)
{
        bool was;

        if (!lpi_in_range(intid))
                return false;
        spin_lock(&v->vm->vgic.lock);
        was = lpi_test(&v->vgic.lpi, intid);
        lpi_assign(&v->vgic.lpi, intid, false);
        spin_unlock(&v->vm->vgic.lock);
        return was;
}

#define GICR_PENDBASER_PTZ      BITUL(62)
#define GICR_PENDBASER_PA       0x000fffffffff0000ull   /* 51:16 */

void vgic_lpi_enable(struct vcpu *v, bool on)
{
        struct vgic_lpis *l = &v->vgic.lpi;
        struct vm *vm = v->vm;

        spin_lock(&vm->vgic.lock);
        if (on && !l->enabled && !(l->pendbaser & GICR_PENDBASER_PTZ)) {
                /* One bit per INTID: the LPIs' bytes follow the first 1 KiB (INTIDs < 8192). */
                const volatile uint8_t *t = vm_ipa_to_hva(vm, (l->pendbaser & GICR_PENDBASER_PA) +
                                                         VGIC_LPI_BASE / 8, VGIC_NR_LPIS / 8);

                for (unsigned int i = 0; t && i < VGIC_NR_LPIS / 8; i++)
                        for (uint8_t b = t[i]; b; b &= (uint8_t)(b - 1))
                                lpi_assign(l, VGIC_LPI_BASE + i * 8 + (unsigned int)__builtin_ctz(b),
                                           true);
        }
        if (!on) {
                memset(l->pending, 0, sizeof(l->pending));
                l->npending = 0;
        }
        l->enabled = on;
        v->vgic.dirty = true;
        spin_unlock(&vm->vgic.lock);
        if (on)
                vcpu_kick(v);
}

void vgic_lpi_move_all(struct vcpu *from, struct vcpu *to)
{
        struct vm *vm = from->vm;

        if (from == to)
                return;
        spin_lock(&vm->vgic.lock);
        for (unsigned int w = 0; w < VGIC_NR_LPIS / 64; w++) {
                for (uint64_t bits = from->vgic.lpi.pending[w]; bits; bits &= bits - 1) {
                        unsigned int intid = VGIC_LPI_BASE + w * 64 +
                                             (unsigned int)__builtin_ctzll(bits);

                        lpi_assign(&from->vgic.lpi, intid, false);
                        if (to->vgic.lpi.enabled)
                                lpi_assign(&to->vgic.lpi, intid, true);
                }
        }
        to->vgic.dirty = true;
        spin_unlock(&vm->vgic.lock);
        vcpu_kick(to);
}

/* An LPI's list register folded back (vgic_sync). Distributor lock held. */
static void lpi_from_lr(struct vcpu *v, unsigned int n, const struct vgic_lr *lr)
{
        struct vgic_lpis *l = &v->vgic.lpi;

        for (unsigned int i = 0; i < VGIC_LPI_SLOTS; i++) {
                struct vgic_lpi_slot *s = &l->slot[i];

                if (s->intid != lr->intid || s->lr != (int8_t)n)
                        continue;
                s->lr = -1;
                s->active = lr->active;
                if (lr->pending && s->lr_pending && lpi_in_range(lr->intid))
                        lpi_assign(l, lr->intid, true);         /* never acknowledged */
                if (!s->active) {
                        s->intid = 0;
                        l->nslots--;
                }
                return;
        }
}

/*
 * The best LPI of v for a list register, as best_candidate() weighs them: active ones
 * first, then enabled pending ones by the priority in their configuration byte. One
 * already in a list register is skipped (the same INTID in two would be UNPREDICTABLE).
 */
static void lpi_candidates(struct vcpu *v, int *best, unsigned int *best_key)
{
        struct vgic_lpis *l = &v->vgic.lpi;
        uint8_t cfg;

        if (!l->enabled)
                return;
        for (unsigned int i = 0; l->nslots && i < VGIC_LPI_SLOTS; i++) {
                if (l->slot[i].intid && l->slot[i].lr < 0 && l->slot[i].active && *best_key > 0) {
                        *best = l->slot[i].intid;
                        *best_key = 0;
                }
        }
        if (!l->npending || !(v->vm->vgic.ctlr & BIT(1)))      /* LPIs are Group 1 */
                return;
        for (unsigned int w = 0; w < VGIC_NR_LPIS / 64; w++) {
                for (uint64_t bits = l->pending[w]; bits; bits &= bits - 1) {
                        unsigned int intid = VGIC_LPI_BASE + w * 64 +
                                             (unsigned int)__builtin_ctzll(bits);
                        struct vgic_lpi_slot *s = lpi_slot(l, intid);
                        unsigned int key;

                        if ((s && s->lr >= 0) || !lpi_config(v, intid, &cfg) || !(cfg & 1))
                                continue;
                        key = 1u + (cfg & 0xfc);
                        if (key < *best_key) {
                                *best = (int)intid;
                                *best_key = key;
                        }
                }
        }
}

/* Put LPI intid into list register n; false if no slot is free (it waits). Lock held. */
static bool lpi_to_lr(struct vcpu *v, unsigned int n, unsigned int intid)
{
        struct vgic_lpis *l = &v->vgic.lpi;
        struct vgic_lpi_slot *s = lpi_slot(l, intid);
        uint8_t cfg = 0xa0;
        bool pending = lpi_test(l, intid);

        if (!s) {
                if (!(s = lpi_slot(l, 0)))
                        return false;
                l->nslots++;
        }
        s->intid = (uint16_t)intid;
        s->lr = (int8_t)n;
        s->lr_pending = pending;
        lpi_assign(l, intid, false);
        lpi_config(v, intid, &cfg);
        vgic_hw->write_lr(n, &(struct vgic_lr){ .intid = intid, .priority = cfg & 0xfc,
                                               .pending = pending, .active = s->active });
        return true;
}

/*
 * After an exit: fold the list registers back into the interrupts' state and
 * free them all; vgic_flush() loads the best ones again. An interrupt injected
 * while it sat in a list register has pending_latch set and stays pending.
 * The underflow maintenance request goes too (with no valid list register it
 * would assert at once): vgic_flush() asks again if interrupts still overflow.
 */
void vgic_sync(struct vcpu *v)
{
        struct vm *vm = v->vm;
        uint64_t used = v->vgic.lr_used;

        if (v->vgic.uie) {
                v->vgic.uie = false;
                vgic_hw->set_hcr(false);
        }
        if (!used) {
                vtimer_update(v);
                return;
        }
        spin_lock(&vm->vgic.lock);
        for (unsigned int n = 0; used; n++, used >>= 1) {
                struct vgic_lr lr;
                struct virq *q;

                if (!(used & 1))
                        continue;
                vgic_hw->read_lr(n, &lr);
                vgic_hw->clear_lr(n);
                if (lr.intid >= VGIC_LPI_BASE) {
                        lpi_from_lr(v, n, &lr);
                        continue;
                }
                q = irq_of(v, lr.intid);
                if (!q)
                        continue;
                q->lr = -1;
                q->active = lr.active;
                /* Not yet acknowledged: still pending (a line-driven one only while the line is high). */
                if (lr.pending && q->lr_from_latch)
                        q->pending_latch = true;
        }
        v->vgic.lr_used = 0;
        v->vgic.dirty = true;
        spin_unlock(&vm->vgic.lock);
        vtimer_update(v);
}

/* The guest changed the distributor's state: rescan every interrupt of every vCPU. */
void vgic_mark_all_dirty(struct vm *vm)
{
        spin_lock(&vm->vgic.lock);
        vm->vgic.cand_spi = ~0ull;
        for (unsigned int i = 0; i < vm->cfg.nvcpus; i++) {
                vm->vcpus[i].vgic.cand_priv = ~0u;
                vm->vcpus[i].vgic.dirty = true;
        }
        spin_unlock(&vm->vgic.lock);
}

/*
 * Weigh q (INTID intid) as v's next list-register interrupt against the best so
 * far. Returns false when q is neither pending nor active: its candidate bit is stale.
 */
static bool consider(struct vcpu *v, struct virq *q, unsigned int intid, int *best,
                     unsigned int *best_key)
{
        unsigned int key;

        if (q->lr >= 0)
                return true;
        if (q->active)
                key = 0;
        else if (!is_pending(q))
                return false;
        else if (deliverable(v->vm, q))
                key = 1u + q->priority;
        else
                return true;                    /* pending but held back: keep its bit */
        if (key < *best_key) {
                *best = (int)intid;
                *best_key = key;
        }
        return true;
}

/*
 * Best interrupt of v that belongs in a list register and is not in one:
 * active ones first (the guest must be able to end them), then deliverable
 * pending ones by priority (lowest value wins, then lowest INTID).
 */
static int best_candidate(struct vcpu *v)
{
        struct vm *vm = v->vm;
        int best = -1;
        unsigned int best_key = ~0u;

        for (uint32_t bits = v->vgic.cand_priv; bits; bits &= bits - 1) {
                unsigned int i = (unsigned int)__builtin_ctz(bits);

                if (!consider(v, &v->vgic.priv[i], i, &best, &best_key))
                        v->vgic.cand_priv &= ~BIT(i);
        }
        for (uint64_t bits = vm->vgic.cand_spi; bits; bits &= bits - 1) {
                unsigned int n = (unsigned int)__builtin_ctzll(bits);
                struct virq *q = &vm->vgic.spi[n];

                if (q->target == v->id && !consider(v, q, VGIC_NR_PRIVATE + n, &best, &best_key))
                        vm->vgic.cand_spi &= ~BITUL(n);
        }
        if (v->vgic.lpi.enabled)                /* on the path of every entry: no call */
                lpi_candidates(v, &best, &best_key);
        return best;
}

/*
 * The pending state a list register gets. The virtual timer's line is only sampled
 * at exits (the guest changes CNTV_* without one): while its interrupt is active,
 * a high line says nothing about the moment the guest ends it, having moved CVAL on
 * or turned the timer off in its handler; made pending then, it would come back at
 * once. So an active vtimer interrupt is pending only if latched; its EOI exits
 * (maintenance interrupt), the line is sampled again and, still high, delivers it.
 */
static bool lr_pending(const struct virq *q, int intid)
{
        if (intid == GUEST_PPI_VTIMER && q->active)
                return q->pending_latch;
        return is_pending(q);
}

/* Before entering the guest: load the best pending interrupts into free list registers. */
void vgic_flush(struct vcpu *v)
{
        struct vm *vm = v->vm;
        unsigned int lrs = vgic_nr_lrs();
        bool uie = false;

        if (!v->vgic.dirty)
                return;
        spin_lock(&vm->vgic.lock);
        v->vgic.dirty = false;
        for (unsigned int n = 0;; n++) {
                int intid = best_candidate(v);
                struct virq *q;

                if (intid < 0)
                        break;
                if (n == lrs || (intid >= VGIC_LPI_BASE && !lpi_to_lr(v, n, (unsigned int)intid))) {
                        /* More than fit: an underflow maintenance interrupt brings us back. */
                        uie = true;
                        v->vgic.dirty = true;
                        break;
                }
                if (intid >= VGIC_LPI_BASE) {
                        v->vgic.lr_used |= BITUL(n);
                        continue;
                }
                q = irq_of(v, (unsigned int)intid);
                vgic_hw->write_lr(n, &(struct vgic_lr){ .intid = (uint32_t)intid,
                                                       .source = q->sgi_source,
                                                       .priority = q->priority,
                                                       .pending = lr_pending(q, intid),
                                                       .active = q->active,
                                                       .eoi_irq = intid == GUEST_PPI_VTIMER &&
                                                                  v->vgic.vtimer_masked });
                q->lr_from_latch = q->pending_latch;
                q->pending_latch = false;               /* the list register holds it now */
                q->lr = (int8_t)n;
                v->vgic.lr_used |= BITUL(n);
        }
        spin_unlock(&vm->vgic.lock);
        if (uie != v->vgic.uie) {
                v->vgic.uie = uie;
                vgic_hw->set_hcr(uie);
        }
}

bool vgic_has_pending(struct vcpu *v)
{
        bool any;

        if (v->vgic.lr_used)
                return true;
        if (!v->vgic.dirty)
                return false;
        spin_lock(&v->vm->vgic.lock);
        any = best_candidate(v) >= 0;
        spin_unlock(&v->vm->vgic.lock);
        return any;
}

/* List registers are always empty here (vgic_sync ran on the exit): only the interface state moves. */
void vgic_save(struct vcpu *v)
{
        vgic_hw->save(&v->vgic.vif);
}

void vgic_restore(struct vcpu *v)
{
        vgic_hw->restore(&v->vgic.vif, v->vgic.uie);
        /* The physical timer PPI is shared by every vCPU of this CPU: mask it as this one needs. */
        if (v->vgic.vtimer_masked)
                gic_disable_ppi(PLAT_TIMER_VIRT_IRQ);
        else
                gic_enable_ppi(PLAT_TIMER_VIRT_IRQ);
}

/*
 * ICC_SGI1R_EL1 (a vCPU's MPIDR is Aff0 = its index, every other affinity field 0)
 *   55:48 Aff3            target cluster: must be 0
 *   47:44 RS              range selector: the list names Aff0 = RS * 16 + n; only 0 exists
 *   40:40 IRM             1: every vCPU but the sender (the affinity fields are ignored)
 *   39:32 Aff2            must be 0
 *   27:24 INTID           SGI number
 *   23:16 Aff1            must be 0
 *   15:00 TargetList      bit n: the vCPU with Aff0 = RS * 16 + n
 */
void vgic_sgi1r(struct vcpu *v, uint64_t val)
{
        struct vm *vm = v->vm;
        unsigned int intid = (unsigned int)(val >> 24) & 0xf;
        bool broadcast = val & BITUL(40);
        bool elsewhere = val & (0xffull << 48 | 0xfull << 44 | 0xffull << 32 | 0xffull << 16);
        uint16_t targets = (uint16_t)val;

        for (unsigned int i = 0; i < vm->cfg.nvcpus; i++) {
                struct vcpu *t = &vm->vcpus[i];

                if (broadcast ? t == v : (elsewhere || i >= 16 || !(targets & BIT(i))))
                        continue;
                vgic_inject(t, intid);
        }
}

unsigned int vgic_version(void)
{
        return vgic_hw->version;
}

/*
 * GICD_SGIR (GICv2)
 *   25:24 TargetListFilter  0 the list, 1 all but self, 2 self
 *   23:16 CPUTargetList     bit n = vCPU n
 *   03:00 SGIINTID
 */
void vgic_sgir_v2(struct vcpu *v, uint32_t val)
{
        struct vm *vm = v->vm;
        unsigned int filter = (val >> 24) & 3, intid = val & 0xf;
        uint8_t list = (uint8_t)(val >> 16);

        for (unsigned int i = 0; i < vm->cfg.nvcpus; i++) {
                struct vcpu *t = &vm->vcpus[i];
                bool hit = filter == 0 ? (list >> i) & 1 : filter == 1 ? t != v : t == v;

                if (!hit)
                        continue;
                spin_lock(&vm->vgic.lock);
                t->vgic.priv[intid].sgi_source = (uint8_t)v->id;
                spin_unlock(&vm->vgic.lock);
                vgic_inject(t, intid);
        }
}

/* ICC_SGI1R_EL1 writes send SGIs (GICv3 guests; write-only: a read is UNDEFINED). Group 0
 * and other-security-state SGIs (ASGI1R, SGI0R) have nothing to reach in one Group 1
 * world: ignored. */
static bool sgi_reg(struct vcpu *v, uint32_t reg, bool read, uint64_t *val)
{
        if (read)
                return false;
        if (reg == SYS_ICC_SGI1R_EL1)
                vgic_sgi1r(v, *val);
        return true;
}

int vgic_sysreg_init(void)
{
        if (sysreg_register(SYS_ICC_SGI1R_EL1, SYS_REG_MASK_ALL, sgi_reg) ||
            sysreg_register(SYS_ICC_ASGI1R_EL1, SYS_REG_MASK_ALL, sgi_reg) ||
            sysreg_register(SYS_ICC_SGI0R_EL1, SYS_REG_MASK_ALL, sgi_reg))
                return -1;
        return 0;
}
