/* SPDX-License-Identifier: MIT */
/*
 * Physical CPU bring-up. When the hypervisor owns EL3 every CPU is already
 * parked at EL2 (entry.S): it is released through a mailbox. When firmware
 * entered us at EL2 the others are off: they are started with PSCI CPU_ON.
 */
#ifndef CORE_SMP_H
#define CORE_SMP_H

/* Start every CPU the platform has; returns how many are online (the boot CPU included). */
unsigned int smp_boot_secondaries(void);
/* Physical CPUs online, in order (for placing vCPUs). */
unsigned int smp_online_cpus(unsigned int *ids, unsigned int max);

#endif
