/* SPDX-License-Identifier: MIT */
/*
 * vCPU scheduling: each vCPU is pinned to a physical CPU; a CPU round-robins
 * its runnable vCPUs in time slices (the EL2 physical timer, CNTHP, ends a
 * slice), and idles in WFI when every vCPU it hosts waits for an interrupt.
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
/* Make a vCPU runnable (PSCI CPU_ON, an interrupt for a blocked vCPU). */
void sched_wake(struct vcpu *v);
/* After a guest exit: which vCPU runs next on this CPU (idles until there is one). */
struct gp_regs *sched_resume(void);
/* Start running vCPUs on this CPU; never returns. */
void __attribute__((noreturn)) sched_start(void);
/* The EL2 timer interrupt (slice end or a wake-up deadline). */
void sched_timer_irq(void);

#endif
