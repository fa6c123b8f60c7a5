// SPDX-License-Identifier: MIT
#include "arch/aarch64/sysreg.h"
#include "core/pcpu.h"
#include "core/sched.h"
#include "core/vm.h"
#include "drivers/gic.h"
#include "lib/log.h"
#include "lib/string.h"
#include "vdev/vgic.h"

/* ICH_* registers by encoding (binutils may not know them all). */
#define ICH_AP1R0_EL2           "S3_4_C12_C9_0"
#define ICH_HCR_EL2             "S3_4_C12_C11_0"
#define ICH_VTR_EL2             "S3_4_C12_C11_1"
#define ICH_ELRSR_EL2           "S3_4_C12_C11_5"
#define ICH_VMCR_EL2            "S3_4_C12_C11_7"

#define ICH_HCR_EN              BIT(0)
#define ICH_HCR_UIE             BIT(1)          /* maintenance IRQ when at most one LR is valid */

/* ICH_LR<n>_EL2 */
#define LR_VINTID_MASK          0xffffffffull
#define LR_PRIORITY_SHIFT       48
#define LR_GROUP1               BITUL(60)
#define LR_STATE_SHIFT          62
#define LR_STATE_PENDING        (1ull << LR_STATE_SHIFT)
#define LR_STATE_ACTIVE         (2ull << LR_STATE_SHIFT)
#define LR_STATE_MASK           (3ull << LR_STATE_SHIFT)

static unsigned int nr_lrs;

#define LR_CASE(n, crm, op2)                                                    \
        case n:                                                                 \
                if (write)                                                      \
                        write_sysreg_s("S3_4_C12_" #crm "_" #op2, val);         \
                else                                                            \
                        val = read_sysreg_s("S3_4_C12_" #crm "_" #op2);         \
                break;

/* Read or write ICH_LR<n>_EL2 (n is a run-time value: one case per register). */
static uint64_t lr_access(unsigned int n, bool write, uint64_t val)
{
        switch (n) {
        LR_CASE(0, C12, 0) LR_CASE(1, C12, 1) LR_CASE(2, C12, 2) LR_CASE(3, C12, 3)
        LR_CASE(4, C12, 4) LR_CASE(5, C12, 5) LR_CASE(6, C12, 6) LR_CASE(7, C12, 7)
        LR_CASE(8, C13, 0) LR_CASE(9, C13, 1) LR_CASE(10, C13, 2) LR_CASE(11, C13, 3)
        LR_CASE(12, C13, 4) LR_CASE(13, C13, 5) LR_CASE(14, C13, 6) LR_CASE(15, C13, 7)
        }
        return val;
}

static uint64_t read_lr(unsigned int n)
{
        return lr_access(n, false, 0);
}

static void write_lr(unsigned int n, uint64_t v)
{
        lr_access(n, true, v);
}

unsigned int vgic_nr_lrs(void)
{
        if (!nr_lrs) {
                nr_lrs = (unsigned int)(read_sysreg_s(ICH_VTR_EL2) & 0x1f) + 1;
                if (nr_lrs > VGIC_MAX_LRS)
                        nr_lrs = VGIC_MAX_LRS;
        }
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

static bool is_pending(const struct virq *q)
{
        return q->pending_latch || (!q->edge && q->line);
}

static bool deliverable(const struct vm *vm, const struct virq *q)
{
        return is_pending(q) && q->enabled && q->group1 && (vm->vgic.ctlr & BIT(1));
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
        /* ICH_VMCR_EL2: VPMR = 0 (everything masked until the guest sets its priority mask). */
        v->vgic.vmcr = 0;
        v->vgic.hcr = ICH_HCR_EN;
}

/* Tell the CPU running v to look at its interrupts (or wake it from WFI). */
static void kick(struct vcpu *v)
{
        struct pcpu *self = this_pcpu();

        if (v->state == VCPU_BLOCKED_WFI)
                sched_wake(v);
        if (v->pcpu != self->id)
                gic_send_sgi(v->pcpu, GIC_SGI_KICK);
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
        t = target_of(vm, v, intid);
        t->vgic.dirty = true;
        spin_unlock(&vm->vgic.lock);
        kick(t);
}

void vgic_set_line(struct vm *vm, unsigned int intid, bool high)
{
        struct virq *q;
        struct vcpu *t;

        if (intid < VGIC_NR_PRIVATE || intid >= VGIC_NR_IRQS)
                return;
        q = &vm->vgic.spi[intid - VGIC_NR_PRIVATE];
        spin_lock(&vm->vgic.lock);
        if (q->line == high) {
                spin_unlock(&vm->vgic.lock);
                return;
        }
        q->line = high;
        t = &vm->vcpus[q->target];
        t->vgic.dirty = true;
        spin_unlock(&vm->vgic.lock);
        if (high)
                kick(t);
}

/* ---- list registers -------------------------------------------------------- */

/*
 * After an exit: fold the list registers back into the interrupts' state and
 * free them all; vgic_flush() loads the best ones again. An interrupt injected
 * while it sat in a list register has pending_latch set and stays pending.
 */
void vgic_sync(struct vcpu *v)
{
        struct vm *vm = v->vm;
        uint64_t used = v->vgic.lr_used;

        if (!used)
                return;
        spin_lock(&vm->vgic.lock);
        for (unsigned int n = 0; used; n++, used >>= 1) {
                uint64_t lr;
                struct virq *q;

                if (!(used & 1))
                        continue;
                lr = read_lr(n);
                write_lr(n, 0);
                q = irq_of(v, (unsigned int)(lr & LR_VINTID_MASK));
                if (!q)
                        continue;
                q->lr = -1;
                q->active = lr & LR_STATE_ACTIVE;
                /* Not yet acknowledged: still pending (a level one only while its line is high). */
                if ((lr & LR_STATE_PENDING) && q->edge)
                        q->pending_latch = true;
        }
        v->vgic.lr_used = 0;
        v->vgic.dirty = true;
        spin_unlock(&vm->vgic.lock);
}

void vgic_mark_all_dirty(struct vm *vm)
{
        for (unsigned int i = 0; i < vm->cfg.nvcpus; i++)
                vm->vcpus[i].vgic.dirty = true;
}

static uint64_t make_lr(unsigned int intid, const struct virq *q)
{
        uint64_t state = (is_pending(q) ? LR_STATE_PENDING : 0) | (q->active ? LR_STATE_ACTIVE : 0);

        return state | LR_GROUP1 | ((uint64_t)q->priority << LR_PRIORITY_SHIFT) | intid;
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

        for (unsigned int i = 0; i < VGIC_NR_IRQS; i++) {
                struct virq *q = irq_of(v, i);
                unsigned int key;

                if (q->lr >= 0 || (i >= VGIC_NR_PRIVATE && q->target != v->id))
                        continue;
                if (q->active)
                        key = 0;
                else if (deliverable(vm, q))
                        key = 1 + q->priority;
                else
                        continue;
                if (key < best_key) {
                        best = (int)i;
                        best_key = key;
                }
        }
        return best;
}

/* Before entering the guest: load the best pending interrupts into free list registers. */
void vgic_flush(struct vcpu *v)
{
        struct vm *vm = v->vm;
        unsigned int lrs = vgic_nr_lrs();
        uint64_t hcr = ICH_HCR_EN;

        if (!v->vgic.dirty)
                return;
        spin_lock(&vm->vgic.lock);
        v->vgic.dirty = false;
        for (unsigned int n = 0;; n++) {
                int intid = best_candidate(v);
                struct virq *q;

                if (intid < 0)
                        break;
                if (n == lrs) {
                        /* More than fit: an underflow maintenance interrupt brings us back. */
                        hcr |= ICH_HCR_UIE;
                        v->vgic.dirty = true;
                        break;
                }
                q = irq_of(v, (unsigned int)intid);
                write_lr(n, make_lr((unsigned int)intid, q));
                if (q->edge)
                        q->pending_latch = false;       /* the list register holds it now */
                q->lr = (int8_t)n;
                v->vgic.lr_used |= BITUL(n);
        }
        spin_unlock(&vm->vgic.lock);
        if (hcr != v->vgic.hcr) {
                v->vgic.hcr = hcr;
                write_sysreg_s(ICH_HCR_EL2, hcr);
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

void vgic_save(struct vcpu *v)
{
        unsigned int lrs = vgic_nr_lrs();

        v->vgic.vmcr = read_sysreg_s(ICH_VMCR_EL2);
        v->vgic.ap1r0 = read_sysreg_s(ICH_AP1R0_EL2);
        for (unsigned int n = 0; n < lrs; n++) {
                v->vgic.lrs[n] = (v->vgic.lr_used & BITUL(n)) ? read_lr(n) : 0;
                write_lr(n, 0);
        }
        write_sysreg_s(ICH_HCR_EL2, 0);
}

void vgic_restore(struct vcpu *v)
{
        unsigned int lrs = vgic_nr_lrs();

        write_sysreg_s(ICH_VMCR_EL2, v->vgic.vmcr);
        write_sysreg_s(ICH_AP1R0_EL2, v->vgic.ap1r0);
        for (unsigned int n = 0; n < lrs; n++)
                write_lr(n, (v->vgic.lr_used & BITUL(n)) ? v->vgic.lrs[n] : 0);
        write_sysreg_s(ICH_HCR_EL2, v->vgic.hcr);
        isb();
}

void vgic_sgi1r(struct vcpu *v, uint64_t val)
{
        struct vm *vm = v->vm;
        unsigned int intid = (unsigned int)(val >> 24) & 0xf;
        bool broadcast = val & BITUL(40);               /* IRM: all but self */
        unsigned int aff1 = (unsigned int)(val >> 16) & 0xff;
        uint16_t targets = (uint16_t)val;

        for (unsigned int i = 0; i < vm->cfg.nvcpus; i++) {
                struct vcpu *t = &vm->vcpus[i];

                if (broadcast ? t == v : (aff1 != 0 || i >= 16 || !(targets & BIT(i))))
                        continue;
                vgic_inject(t, intid);
        }
}
