// SPDX-License-Identifier: MIT
/*
 * The vCPU state machine, the scheduler and PSCI on the fake arch: the real
 * sched.c, psci_emul.c and vgic.c, with host threads as physical CPUs. The
 * vCPU's register context (vcpu_load/put/reset) is recorded instead of
 * switched, so the test sees the order the owner applies things in.
 */
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "arch/aarch64/psci.h"
#include "arch/fake/fake.h"
#include "core/pcpu.h"
#include "core/platform_info.h"
#include "core/psci_emul.h"
#include "core/sched.h"
#include "drivers/gic.h"
#include "core/vm.h"
#include "test.h"
#include "vdev/vgic.h"

#define NCPUS           4
#define ENTRY(i)        (GUEST_RAM_BASE + 0x1000 * (i))

struct platform_info plat;
static struct vm vm;
static uint8_t guest_ram[1 << 20];
static pthread_mutex_t check_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- the world around the code under test ------------------------------- */

/* What happened to each vCPU's context, in order: 'L'oad, 'P'ut, 'R'eset. */
static char history[VM_MAX_VCPUS][64];
static unsigned int nhistory[VM_MAX_VCPUS];
static uint64_t reset_entry[VM_MAX_VCPUS], reset_ctx[VM_MAX_VCPUS];
static _Thread_local struct vcpu *loaded_here;
static struct vcpu *loaded_on[NCPUS];

static void record(struct vcpu *v, char what)
{
        if (nhistory[v->id] < sizeof(history[0]) - 1)
                history[v->id][nhistory[v->id]++] = what;
}

void vcpu_load(struct vcpu *v)
{
        pthread_mutex_lock(&check_lock);
        /* Never two CPUs with one vCPU's registers. */
        for (unsigned int c = 0; c < NCPUS; c++)
                CHECK(loaded_on[c] != v);
        loaded_on[fake_this_cpu()] = v;
        pthread_mutex_unlock(&check_lock);
        CHECK(!loaded_here);
        loaded_here = v;
        record(v, 'L');
}

void vcpu_put(struct vcpu *v)
{
        CHECK(loaded_here == v);
        loaded_here = NULL;
        pthread_mutex_lock(&check_lock);
        loaded_on[fake_this_cpu()] = NULL;
        pthread_mutex_unlock(&check_lock);
        record(v, 'P');
}

void vcpu_reset(struct vcpu *v, uint64_t entry, uint64_t x0)
{
        /* The owner rule: a reset happens on the owner, with the vCPU loaded nowhere. */
        CHECK(fake_this_cpu() == v->pcpu);
        pthread_mutex_lock(&check_lock);
        for (unsigned int c = 0; c < NCPUS; c++)
                CHECK(loaded_on[c] != v);
        pthread_mutex_unlock(&check_lock);
        reset_entry[v->id] = entry;
        reset_ctx[v->id] = x0;
        v->regs.pc = entry;
        v->regs.x[0] = x0;
        record(v, 'R');
}

static int exits, resets;
void vm_exit(struct vm *m, int status, const char *how)
{
        (void)how;
        CHECK(m == &vm && status == 0);
        exits++;
}

int vm_reset(struct vm *m)
{
        CHECK(m == &vm);
        resets++;
        return 0;
}

bool vms_all_done(int *status)
{
        *status = 0;
        return false;
}

void platform_poweroff(int status)
{
        (void)status;
        abort();
}

/* An idle CPU: back to the test (sched_resume found nothing to run). */
static _Thread_local jmp_buf idle_jmp;
static void idle_return(void)
{
        longjmp(idle_jmp, 1);
}

/* One scheduling pass on the calling CPU: the vCPU it runs now, or NULL if it idled. */
static struct vcpu *resume(void)
{
        struct gp_regs *r;

        fake_idle_hook = idle_return;
        if (setjmp(idle_jmp))
                return NULL;
        r = sched_resume();
        return r ? this_pcpu()->current : NULL;
}

static void setup(unsigned int nvcpus)
{
        memset(&vm, 0, sizeof(vm));
        memset(pcpus, 0, sizeof(pcpus));
        memset(history, 0, sizeof(history));
        memset(nhistory, 0, sizeof(nhistory));
        memset(loaded_on, 0, sizeof(loaded_on));
        loaded_here = NULL;
        fake_gic_reset();
        CHECK(vgic_hw_select(3) == 0 && sched_init() == 0);
        vm.cfg.nvcpus = nvcpus;
        vm.cfg.mem_size = sizeof(guest_ram);
        vm.mem_pa = (uint64_t)(uintptr_t)guest_ram;
        vm.state = VM_RUNNING;
        vgic_init(&vm);
        for (unsigned int c = 0; c < NCPUS; c++) {
                pcpus[c].id = c;
                pcpus[c].online = true;
        }
        for (unsigned int i = 0; i < nvcpus; i++) {
                struct vcpu *v = &vm.vcpus[i];

                v->vm = &vm;
                v->id = i;
                vgic_init_vcpu(v);
                vcpu_set_state(v, VCPU_OFF);
                sched_add_vcpu(v, i % NCPUS);
        }
        fake_become_cpu(0, &pcpus[0]);
}

static int64_t psci(struct vcpu *v, uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
        v->regs.x[0] = fid;
        v->regs.x[1] = a1;
        v->regs.x[2] = a2;
        v->regs.x[3] = a3;
        psci_handle(v, fid);
        return (int64_t)v->regs.x[0];
}

/* ---- tests ------------------------------------------------------------------ */

static void test_errors_and_info(void)
{
        struct vcpu *v0;

        setup(2);
        v0 = &vm.vcpus[0];
        vcpu_set_state(v0, VCPU_RUNNABLE);
        CHECK_EQ_U64(psci(v0, PSCI_VERSION, 0, 0, 0), 0x10001);
        CHECK_EQ_U64(psci(v0, PSCI_FEATURES, PSCI_CPU_ON_64, 0, 0), 0);
        CHECK(psci(v0, PSCI_FEATURES, PSCI_MIGRATE_64, 0, 0) == PSCI_RET_NOT_SUPPORTED);
        CHECK(psci(v0, 0x8400001f, 0, 0, 0) == PSCI_RET_NOT_SUPPORTED);
        /* MPIDRs that name no vCPU: Aff0 too big, or Aff1 set. */
        CHECK(psci(v0, PSCI_CPU_ON_64, 2, ENTRY(1), 0) == PSCI_RET_INVALID_PARAMETERS);
        CHECK(psci(v0, PSCI_CPU_ON_64, 0x101, ENTRY(1), 0) == PSCI_RET_INVALID_PARAMETERS);
        /* Entry points outside RAM or misaligned. */
        CHECK(psci(v0, PSCI_CPU_ON_64, 1, GUEST_RAM_BASE - 4, 0) == PSCI_RET_INVALID_ADDRESS);
        CHECK(psci(v0, PSCI_CPU_ON_64, 1, GUEST_RAM_BASE + sizeof(guest_ram), 0) ==
              PSCI_RET_INVALID_ADDRESS);
        CHECK(psci(v0, PSCI_CPU_ON_64, 1, ENTRY(1) + 2, 0) == PSCI_RET_INVALID_ADDRESS);
        CHECK_EQ_U64(vcpu_state(&vm.vcpus[1]), VCPU_OFF);
        /* The 32-bit call ignores the upper halves of its arguments. */
        CHECK(psci(v0, PSCI_CPU_ON_32, 0xffffffff00000001ull, ENTRY(1) | (1ull << 40), 7) ==
              PSCI_RET_SUCCESS);
        CHECK_EQ_U64(psci(v0, PSCI_AFFINITY_INFO_64, 1, 0, 0), 2);      /* ON_PENDING */
        CHECK(psci(v0, PSCI_AFFINITY_INFO_64, 1, 1, 0) == PSCI_RET_INVALID_PARAMETERS);
        CHECK(psci(v0, PSCI_CPU_ON_64, 1, ENTRY(2), 0) == PSCI_RET_ALREADY_ON);
        CHECK(psci(v0, PSCI_CPU_ON_64, 0, ENTRY(2), 0) == PSCI_RET_ALREADY_ON);
        CHECK_EQ_U64(fake_sgis_sent[1], 1);    /* the owner was kicked */
        /* The owner (CPU 1) applies it: reset at the entry with the context id, then runs it. */
        fake_become_cpu(1, &pcpus[1]);
        CHECK(resume() == &vm.vcpus[1]);
        CHECK_EQ_U64(reset_entry[1], ENTRY(1));
        CHECK_EQ_U64(reset_ctx[1], 7);
        CHECK(!strcmp(history[1], "RL"));
        fake_become_cpu(0, &pcpus[0]);
        CHECK_EQ_U64(psci(v0, PSCI_AFFINITY_INFO_64, 1, 0, 0), 0);      /* ON */
        /* CPU_OFF by vCPU 1 itself; its owner saves it and idles. */
        fake_become_cpu(1, &pcpus[1]);
        psci(&vm.vcpus[1], PSCI_CPU_OFF, 0, 0, 0);
        CHECK(resume() == NULL);
        CHECK(!strcmp(history[1], "RLP"));
        fake_become_cpu(0, &pcpus[0]);
        CHECK_EQ_U64(psci(v0, PSCI_AFFINITY_INFO_64, 1, 0, 0), 1);      /* OFF */
        psci(v0, PSCI_SYSTEM_RESET, 0, 0, 0);
        psci(v0, PSCI_SYSTEM_OFF, 0, 0, 0);
        CHECK(resets == 1 && exits == 1);
}

/* CPU_ON right after CPU_OFF, before the owner has saved the old context: the reset waits
 * until the owner has put it away (never reset a vCPU that is loaded anywhere). */
static void test_on_after_off(void)
{
        struct vcpu *t;

        setup(2);
        t = &vm.vcpus[1];
        vcpu_set_state(&vm.vcpus[0], VCPU_RUNNABLE);
        CHECK(psci(&vm.vcpus[0], PSCI_CPU_ON_64, 1, ENTRY(1), 1) == PSCI_RET_SUCCESS);
        fake_become_cpu(1, &pcpus[1]);
        CHECK(resume() == t);                   /* running, loaded on CPU 1 */
        psci(t, PSCI_CPU_OFF, 0, 0, 0);         /* its exit is still on the way out */
        fake_become_cpu(0, &pcpus[0]);
        CHECK(psci(&vm.vcpus[0], PSCI_CPU_ON_64, 1, ENTRY(3), 3) == PSCI_RET_SUCCESS);
        CHECK_EQ_U64(reset_entry[1], ENTRY(1)); /* not reset from here */
        fake_become_cpu(1, &pcpus[1]);
        CHECK(resume() == t);
        CHECK(!strcmp(history[1], "RLPRL"));    /* saved, then reset, then loaded */
        CHECK_EQ_U64(reset_entry[1], ENTRY(3));
}

/* Three vCPUs on three host threads race CPU_ON for a fourth: exactly one SUCCESS, every
 * round, and the owner starts it at the winner's entry point. The racers spin on a start
 * flag (a sleeping barrier would wake them microseconds apart: no race at all). */
struct racer {
        unsigned int cpu;
        int64_t result;
};
static unsigned int round_no, ready, finished, rounds_total;

static void *race(void *arg)
{
        struct racer *r = arg;
        struct vcpu *v = &vm.vcpus[r->cpu];

        fake_become_cpu(r->cpu, &pcpus[r->cpu]);
        for (unsigned int n = 1; n <= rounds_total; n++) {
                __atomic_fetch_add(&ready, 1, __ATOMIC_ACQ_REL);
                while (__atomic_load_n(&round_no, __ATOMIC_ACQUIRE) != n)
                        sched_yield();
                r->result = psci(v, PSCI_CPU_ON_64, 3, ENTRY(r->cpu + 1), 100 + r->cpu);
                __atomic_fetch_add(&finished, 1, __ATOMIC_ACQ_REL);
        }
        return NULL;
}

static void test_cpu_on_race(void)
{
        pthread_t th[3];
        struct racer rs[3];
        unsigned int bad = 0, contended = 0;

        setup(4);
        for (unsigned int i = 0; i < 3; i++)
                vcpu_set_state(&vm.vcpus[i], VCPU_RUNNABLE);
        rounds_total = 1000;
        round_no = ready = finished = 0;
        for (unsigned int i = 0; i < 3; i++) {
                rs[i].cpu = i;
                pthread_create(&th[i], NULL, race, &rs[i]);
        }
        fake_become_cpu(3, &pcpus[3]);          /* this thread: vCPU 3's owner */
        for (unsigned int n = 1; n <= rounds_total; n++) {
                unsigned int wins = 0, winner = 0;

                while (__atomic_load_n(&ready, __ATOMIC_ACQUIRE) != 3)
                        sched_yield();
                ready = 0;
                finished = 0;
                __atomic_store_n(&round_no, n, __ATOMIC_RELEASE);
                while (__atomic_load_n(&finished, __ATOMIC_ACQUIRE) != 3)
                        sched_yield();
                for (unsigned int i = 0; i < 3; i++) {
                        if (rs[i].result == PSCI_RET_SUCCESS) {
                                wins++;
                                winner = i;
                        } else if (rs[i].result != PSCI_RET_ALREADY_ON) {
                                bad++;
                        }
                }
                contended += wins != 1;
                if (wins != 1) {
                        bad++;
                } else {
                        CHECK(resume() == &vm.vcpus[3]);
                        CHECK_EQ_U64(reset_entry[3], ENTRY(winner + 1));
                        CHECK_EQ_U64(reset_ctx[3], 100 + winner);
                        psci(&vm.vcpus[3], PSCI_CPU_OFF, 0, 0, 0);
                        CHECK(resume() == NULL);
                }
                nhistory[3] = 0;
                if (vcpu_state(&vm.vcpus[3]) != VCPU_OFF) {
                        /* Lost track (a broken state machine): put it back for the next round. */
                        if (this_pcpu()->current)
                                vcpu_put(this_pcpu()->current);
                        this_pcpu()->current = NULL;
                        vcpu_set_state(&vm.vcpus[3], VCPU_OFF);
                }
        }
        for (unsigned int i = 0; i < 3; i++)
                pthread_join(th[i], NULL);
        CHECK_EQ_U64(bad, 0);
        printf("cpu-on race: %u rounds, %u without exactly one SUCCESS\n", rounds_total, bad);
}

/* WFI: blocked until an interrupt for it; the kick reaches its owner; a stopped VM stays
 * stopped whatever wakes race with the stop. */
static void *waker(void *arg)
{
        struct vcpu *v = arg;

        fake_become_cpu(2, &pcpus[2]);
        for (unsigned int i = 0; i < 20000; i++)
                sched_wake(v);
        return NULL;
}

static void test_wfi_wake_stop(void)
{
        struct vcpu *v;
        pthread_t th;

        setup(2);
        v = &vm.vcpus[1];
        vcpu_set_state(v, VCPU_RUNNABLE);
        fake_become_cpu(1, &pcpus[1]);
        CHECK(resume() == v);
        sched_block_wfi(v);
        CHECK(resume() == NULL);                /* nothing pending: it stays blocked */
        CHECK_EQ_U64(vcpu_state(v), VCPU_BLOCKED_WFI);
        fake_become_cpu(0, &pcpus[0]);
        vgic_inject(v, 3);                      /* an SGI for it, from CPU 0 */
        CHECK_EQ_U64(vcpu_state(v), VCPU_RUNNABLE);
        CHECK(fake_sgis_sent[1] >= 1);
        fake_become_cpu(1, &pcpus[1]);
        CHECK(resume() == v);
        /* Its virtual timer's deadline wakes it too, once the counter passes it. */
        v->el1.cntv_ctl = TIMER_CTL_ENABLE;
        v->el1.cntv_cval = 5000;
        fake_counter = 1000;
        sched_block_wfi(v);
        CHECK(resume() == NULL);
        CHECK_EQ_U64(fake_hyp_timer_deadline, 5000);   /* the EL2 timer is armed for it */
        fake_counter = 5000;
        CHECK(resume() == v);
        /* Its virtual timer fires while it runs: the handler the scheduler registered masks
         * the physical PPI and raises the vCPU's PPI 27 line. */
        gic_init_cpu(1);
        CHECK(fake_ppi_enabled & (1u << PLAT_TIMER_VIRT_IRQ));
        CHECK(fake_gic_fire(PLAT_TIMER_VIRT_IRQ));
        CHECK(!(fake_ppi_enabled & (1u << PLAT_TIMER_VIRT_IRQ)));
        CHECK(v->vgic.priv[GUEST_PPI_VTIMER].line && v->vgic.vtimer_masked);
        /* The EL2 timer's handler makes the CPU look at its run queue again. */
        this_pcpu()->resched = false;
        CHECK(fake_gic_fire(PLAT_TIMER_HYP_IRQ));
        CHECK(this_pcpu()->resched);
        /* Stop races with wake-ups from another CPU: STOPPED wins, and stays. */
        sched_block_wfi(v);
        pthread_create(&th, NULL, waker, v);
        sched_stop_vm_vcpus(&vm);
        pthread_join(th, NULL);
        CHECK_EQ_U64(vcpu_state(v), VCPU_STOPPED);
        CHECK(psci(&vm.vcpus[0], PSCI_CPU_ON_64, 1, ENTRY(1), 0) == PSCI_RET_ALREADY_ON);
        CHECK(resume() == NULL);                /* dropped from the CPU, not saved */
        CHECK(this_pcpu()->current == NULL);
        fake_counter = 0;
}

/* Two runnable vCPUs on one CPU share it in time slices, round-robin. */
static void test_time_slices(void)
{
        struct vcpu *a, *b, *first;

        setup(8);                               /* vCPUs 0 and 4 on CPU 0 */
        a = &vm.vcpus[0];
        b = &vm.vcpus[4];
        vcpu_set_state(a, VCPU_RUNNABLE);
        vcpu_set_state(b, VCPU_RUNNABLE);
        fake_counter = 100;
        first = resume();
        CHECK(first == a || first == b);
        CHECK_EQ_U64(fake_hyp_timer_deadline, 100 + fake_counter_freq / 1000000 * SCHED_SLICE_US);
        CHECK(resume() == first);               /* the slice is not over: the fast path */
        fake_counter = fake_hyp_timer_deadline;
        sched_timer_irq(26);
        CHECK(resume() == (first == a ? b : a));
        fake_counter = fake_hyp_timer_deadline;
        sched_timer_irq(26);
        CHECK(resume() == first);
        /* One left runnable: no slices. */
        vcpu_set_state(first == a ? b : a, VCPU_OFF);
        fake_counter += 10;
        sched_timer_irq(26);
        CHECK(resume() == first);
        CHECK_EQ_U64(fake_hyp_timer_deadline, 0);
        fake_counter = 0;
}

int main(void)
{
        test_errors_and_info();
        test_on_after_off();
        test_cpu_on_race();
        test_wfi_wake_stop();
        test_time_slices();
        TEST_MAIN_END();
}
