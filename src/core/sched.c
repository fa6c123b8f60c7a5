// SPDX-License-Identifier: MIT
/* The scheduler: arch-neutral (arch/arch.h), the rules in core/sched.h. */
#include "arch/arch.h"
#include "core/pcpu.h"
#include "core/platform_info.h"
#include "core/sched.h"
#include "core/vcpu.h"
#include "core/vm.h"
#include "drivers/gic.h"
#include "lib/log.h"
#include "lib/spinlock.h"
#include "vdev/host.h"
#include "vdev/vpmu.h"
#include "vdev/vtimer.h"

struct pcpu pcpus[PLAT_MAX_CPUS];

static uint64_t now(void)
{
        return arch_counter();
}

static uint64_t slice_ticks(void)
{
        return arch_counter_freq() / 1000000 * SCHED_SLICE_US;
}

void sched_add_vcpu(struct vcpu *v, unsigned int cpu)
{
        struct pcpu *p = &pcpus[cpu];

        v->pcpu = cpu;
        if (p->nrunq < sizeof(p->runq) / sizeof(p->runq[0])) {
                /* That CPU may be scanning its queue already: publish the entry, then the count. */
                p->runq[p->nrunq] = v;
                __atomic_store_n(&p->nrunq, p->nrunq + 1, __ATOMIC_RELEASE);
        } else
                log_error("CPU %u: too many vCPUs pinned to it; VM '%s' vCPU %u will not run\n",
                          cpu, v->vm->cfg.name, v->id);
}

void sched_stop_vm_vcpus(struct vm *vm)
{
        for (unsigned int i = 0; i < vm->cfg.nvcpus; i++)
                vcpu_set_state(&vm->vcpus[i], VCPU_STOPPED);
}

/* Make v's owner look at its run queue again. */
static void kick_owner(struct vcpu *v)
{
        pcpus[v->pcpu].resched = true;
        if (v->pcpu != this_pcpu()->id)
                gic_send_sgi(v->pcpu, GIC_SGI_KICK);
}

void sched_vm_started(struct vm *vm)
{
        struct vcpu *v = &vm->vcpus[0];

        vcpu_set_state(v, VCPU_RUNNABLE);
        kick_owner(v);
}

static bool hosts_vm(const struct pcpu *p, const struct vm *vm)
{
        const struct vcpu *cur = __atomic_load_n(&p->current, __ATOMIC_ACQUIRE);

        return cur && cur->vm == vm;
}

void sched_kick_boot_cpu(void)
{
        if (this_pcpu()->id != plat.boot_cpu)
                gic_send_sgi(plat.boot_cpu, GIC_SGI_KICK);
}

void sched_quiesce_vm(struct vm *vm)
{
        struct pcpu *self = this_pcpu();

        if (hosts_vm(self, vm)) {
                vcpu_put(self->current);
                arch_vtimer_stop();
                self->current = NULL;
        }
        for (unsigned int cpu = 0; cpu < PLAT_MAX_CPUS; cpu++) {
                struct pcpu *p = &pcpus[cpu];

                if (p == self || !p->online)
                        continue;
                if (hosts_vm(p, vm)) {
                        p->resched = true;
                        gic_send_sgi(cpu, GIC_SGI_KICK);
                }
                while (hosts_vm(p, vm))
                        cpu_relax();
        }
}

void sched_wake(struct vcpu *v)
{
        if (vcpu_transition(v, VCPU_BLOCKED_WFI, VCPU_RUNNABLE))
                kick_owner(v);
}

/* The device-host interface (vdev/host.h). */
void vcpu_kick(struct vcpu *v)
{
        sched_wake(v);                  /* if it is blocked in WFI */
        if (v->pcpu != this_pcpu()->id)
                gic_send_sgi(v->pcpu, GIC_SGI_KICK);
}

void vcpu_timer_changed(struct vcpu *v)
{
        (void)v;
        this_pcpu()->resched = true;
}


bool sched_cpu_on(struct vcpu *v, uint64_t entry, uint64_t ctx)
{
        if (!vcpu_transition(v, VCPU_OFF, VCPU_ON_CLAIMED))
                return false;
        v->on_entry = entry;
        v->on_ctx = ctx;
        /* Release: the owner reads on_entry/on_ctx after it sees ON_PENDING. Fails only
         * if the VM ended meanwhile (STOPPED), when nothing is left to start. */
        if (vcpu_transition(v, VCPU_ON_CLAIMED, VCPU_ON_PENDING))
                kick_owner(v);
        return true;
}

void sched_cpu_off(struct vcpu *v)
{
        vcpu_transition(v, VCPU_RUNNABLE, VCPU_OFF);
}

/* Physical counter value at which a (saved) vCPU's virtual timer fires, or 0 if it won't. */
static uint64_t vtimer_deadline(const struct vcpu *v)
{
        uint64_t ctl = v->el1.cntv_ctl;

        if (!(ctl & TIMER_CTL_ENABLE) || (ctl & TIMER_CTL_IMASK))
                return 0;
        return v->el1.cntv_cval + v->vm->cntvoff;
}

void sched_block_wfi(struct vcpu *v)
{
        v->wfi_start = now();
        vcpu_transition(v, VCPU_RUNNABLE, VCPU_BLOCKED_WFI);
}

/* A blocked vCPU wakes when its virtual or physical timer has fired or an interrupt is
 * pending for it (its timers' deadlines, not only their lines, so that no state of the
 * interrupt bookkeeping can leave it asleep past them). */
static bool wake_due(struct vcpu *v, uint64_t t)
{
        uint64_t d = vtimer_deadline(v), pd = ptimer_deadline(v);

        return (d && d <= t) || (pd && pd <= t) || vgic_has_pending(v);
}

/*
 * The loaded vCPU's virtual timer fired. The timer's output is a level: it stays
 * asserted until the guest reprograms it. So the physical PPI is masked at the GIC
 * (the guest's CNTV_CTL_EL0 is left as the guest wrote it) and the virtual PPI's
 * line raised; vgic_sync() lowers the line when the timer stops asserting and
 * unmasks the physical one once the guest has dealt with it.
 */
static void vtimer_irq(unsigned int intid)
{
        struct vcpu *v = this_pcpu()->current;

        gic_disable_ppi(intid);
        if (v)
                vgic_vtimer_fired(v);
}

/* The loaded vCPU's PMU counters overflowed: its virtual PPI 23 follows (vdev/vpmu.c). */
static void pmu_irq(unsigned int intid)
{
        struct vcpu *v = this_pcpu()->current;

        (void)intid;
        vpmu_overflow(v);
}

int sched_init(void)
{
        /* A kick needs no action in the handler: the exit path looks at the run queue. */
        if (gic_register_irq(PLAT_TIMER_HYP_IRQ, sched_timer_irq) ||
            gic_register_irq(PLAT_TIMER_VIRT_IRQ, vtimer_irq) ||
            gic_register_irq(PLAT_PMU_IRQ, pmu_irq) ||
            gic_register_irq(GIC_SGI_KICK, NULL))
                return -1;
        return 0;
}

void sched_timer_irq(unsigned int intid)
{
        /*
         * Silence it; sched_resume() re-arms for the next deadline. That deadline may
         * be a blocked vCPU's timer, not the running one's slice: look at the run
         * queue again (the fast path would otherwise resume the running vCPU and the
         * blocked one would sleep on until something else made this CPU reschedule).
         */
        arch_hyp_timer_arm(0);
        this_pcpu()->resched = true;
}

static void switch_to(struct pcpu *p, struct vcpu *next)
{
        struct vcpu *prev = p->current;

        if (prev == next)
                return;
        if (prev)
                vcpu_put(prev);
        vcpu_load(next);
        p->current = next;
}

/* Pick the next runnable vCPU after the current one (round-robin). */
static struct vcpu *pick(struct pcpu *p, uint64_t t, uint64_t *deadline)
{
        struct vcpu *found = NULL;
        unsigned int runnable = 0;

        *deadline = 0;
        for (unsigned int i = 0; i < p->nrunq; i++) {
                struct vcpu *v = p->runq[(p->next + i) % p->nrunq];
                uint64_t pd = ptimer_deadline(v);
                enum vcpu_state st;

                /* The emulated EL1 physical timer: raise PPI 30 once due (this wakes a
                 * blocked vCPU), else wake this CPU at its deadline. */
                if (pd && pd <= t)
                        ptimer_update(v, t);
                else if (pd && (!*deadline || pd < *deadline))
                        *deadline = pd;
                st = vcpu_state(v);
                if (st == VCPU_ON_PENDING) {
                        /* A posted CPU_ON: this CPU owns v and has nothing loaded now. */
                        vcpu_reset(v, v->on_entry, v->on_ctx);
                        vcpu_transition(v, VCPU_ON_PENDING, VCPU_RUNNABLE);
                } else if (st == VCPU_BLOCKED_WFI) {
                        if (wake_due(v, t)) {
                                vcpu_transition(v, VCPU_BLOCKED_WFI, VCPU_RUNNABLE);
                        } else {
                                uint64_t d = vtimer_deadline(v);
                                if (d && (!*deadline || d < *deadline))
                                        *deadline = d;
                        }
                }
                if (vcpu_state(v) == VCPU_RUNNABLE) {
                        runnable++;
                        if (!found) {
                                found = v;
                                p->next = (p->next + i + 1) % p->nrunq;
                        }
                }
        }
        /* Several runnable vCPUs share this CPU: end the slice with the EL2 timer. */
        if (runnable > 1) {
                p->slice_end = t + slice_ticks();
                if (!*deadline || p->slice_end < *deadline)
                        *deadline = p->slice_end;
        } else {
                p->slice_end = 0;
        }
        return found;
}

struct gp_regs *sched_resume(void)
{
        struct pcpu *p = this_pcpu();
        struct vcpu *cur = p->current;
        int status;

        /* Fast path: the current vCPU keeps running until its slice ends. */
        if (cur && vcpu_state(cur) == VCPU_RUNNABLE && !p->resched &&
            (!p->slice_end || now() < p->slice_end)) {
                vgic_flush(cur);
                return &cur->regs;
        }
        for (;;) {
                uint64_t deadline;
                struct vcpu *next;

                /*
                 * A vCPU that cannot run now comes off this CPU: a blocked or
                 * powered-off one is saved (its timer keeps its deadline), one
                 * whose VM ended (maybe from another CPU) is just dropped.
                 */
                cur = p->current;
                if (cur && vcpu_state(cur) != VCPU_RUNNABLE) {
                        if (vcpu_state(cur) == VCPU_STOPPED)
                                arch_vtimer_stop();
                        else
                                vcpu_put(cur);
                        __atomic_store_n(&p->current, NULL, __ATOMIC_RELEASE);
                }

                p->resched = false;
                next = pick(p, now(), &deadline);

                arch_hyp_timer_arm(deadline);
                if (next) {
                        switch_to(p, next);
                        p->guest_regs = &next->regs;
                        vgic_flush(next);
                        return &next->regs;
                }
                if (vms_all_done(&status) && p->id == plat.boot_cpu) {
                        log_info("all VMs have ended\n");
                        platform_poweroff(status);
                }
                arch_idle();
        }
}

void sched_start(void)
{
        struct gp_regs *regs = sched_resume();

        arch_guest_enter(regs);
}
