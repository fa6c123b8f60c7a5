/* SPDX-License-Identifier: MIT */
/*
 * vCPU scheduling: each vCPU is pinned to a physical CPU; a CPU round-robins
 * its runnable vCPUs in time slices (the EL2 physical timer, CNTHP, ends a
 * slice), and idles in WFI when every vCPU it hosts waits for an interrupt.
 *
 * The owner rule. A vCPU's owner is the physical CPU it is pinned to (v->pcpu):
 * only the owner loads, saves or resets its registers. Other CPUs post requests
 * and kick the owner, which applies them in its scheduler, where none of its vCPUs
 * is loaded. v->state changes only by compare-and-swap (vcpu_transition), along
 * these edges:
 *
 *   owner   RUNNABLE    -> BLOCKED_WFI   WFI, PSCI CPU_SUSPEND
 *   owner   RUNNABLE    -> OFF           PSCI CPU_OFF (its EL1 state is saved later)
 *   any     BLOCKED_WFI -> RUNNABLE      a wake-up (an interrupt for it)
 *   any     OFF         -> ON_CLAIMED    PSCI CPU_ON: exactly one caller wins; it then
 *   any     ON_CLAIMED  -> ON_PENDING      writes on_entry/on_ctx and publishes them
 *   owner   ON_PENDING  -> RUNNABLE      the owner resets the vCPU at on_entry
 *   any     any         -> STOPPED       its VM ended or resets (a store; only a load
 *                                        leaves STOPPED)
 *   load    STOPPED     -> RUNNABLE/OFF  vm_load, a store: after sched_quiesce_vm, when
 *                                        no CPU holds any vCPU of the VM
 *
 * So a CPU_ON can never reset a vCPU whose registers are still being saved, and
 * two racing CPU_ONs cannot both succeed.
 */
#ifndef CORE_SCHED_H
#define CORE_SCHED_H

#include <stdbool.h>
#include <stdint.h>

struct vcpu;
struct vm;
struct gp_regs;

#define SCHED_SLICE_US          10000

void sched_add_vcpu(struct vcpu *v, unsigned int pcpu);
/* Stop every vCPU of a VM (it exited, crashed or is resetting). */
void sched_stop_vm_vcpus(struct vm *vm);
/*
 * After sched_stop_vm_vcpus: take this CPU's vCPU of the VM off it, make every
 * other CPU drop its vCPUs of the VM (an SGI kick), wait until they have, and
 * kick the boot CPU (it powers off once every VM has ended).
 */
void sched_quiesce_vm(struct vm *vm);
/* Wake the boot CPU (it powers off once every VM has ended). */
void sched_kick_boot_cpu(void);
/* A VM (re)started: its boot vCPU becomes runnable. */
void sched_vm_started(struct vm *vm);
/* The running vCPU executed WFI: block it until it has something to wake for. */
void sched_block_wfi(struct vcpu *v);
/* Wake a vCPU blocked in WFI (an interrupt for it); nothing if it is not blocked. */
void sched_wake(struct vcpu *v);
/* PSCI CPU_ON of an OFF vCPU: false if it was not OFF (or another CPU_ON won). */
bool sched_cpu_on(struct vcpu *v, uint64_t entry, uint64_t ctx);
/* PSCI CPU_OFF by the running vCPU itself. */
void sched_cpu_off(struct vcpu *v);
/* After a guest exit: which vCPU runs next on this CPU (idles until there is one). */
struct gp_regs *sched_resume(void);
/* Start running vCPUs on this CPU; never returns. */
void __attribute__((noreturn)) sched_start(void);
/* The EL2 timer interrupt (slice end or a wake-up deadline). */
void sched_timer_irq(unsigned int intid);
/* Take the EL2 timer's, the loaded vCPU's virtual timer's and the kick interrupts (at
 * boot, before the CPUs enable theirs). */
int sched_init(void);

#endif
