/* SPDX-License-Identifier: MIT */
/*
 * What the emulated devices need from the hypervisor's core, and all of it:
 * vdev/ calls these and never the scheduler's internals (core/sched.c
 * implements them).
 */
#ifndef VDEV_HOST_H
#define VDEV_HOST_H

struct vcpu;

/* v has something new to look at (an interrupt): wake it if it waits in WFI, and
 * make its physical CPU notice if that is another CPU. Any CPU may call it. */
void vcpu_kick(struct vcpu *v);
/* v, loaded here, changed one of its timers: its CPU looks at its deadlines again
 * before v next runs. */
void vcpu_timer_changed(struct vcpu *v);

#endif
