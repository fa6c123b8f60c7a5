/* SPDX-License-Identifier: MIT */
/* PSCI (Arm DEN 0022) and SMCCC (Arm DEN 0028) function IDs and return codes. */
#ifndef ARCH_AARCH64_PSCI_H
#define ARCH_AARCH64_PSCI_H

#define PSCI_VERSION                    0x84000000
#define PSCI_CPU_SUSPEND_32             0x84000001
#define PSCI_CPU_SUSPEND_64             0xC4000001
#define PSCI_CPU_OFF                    0x84000002
#define PSCI_CPU_ON_32                  0x84000003
#define PSCI_CPU_ON_64                  0xC4000003
#define PSCI_AFFINITY_INFO_32           0x84000004
#define PSCI_AFFINITY_INFO_64           0xC4000004
#define PSCI_MIGRATE_32                 0x84000005
#define PSCI_MIGRATE_64                 0xC4000005
#define PSCI_MIGRATE_INFO_TYPE          0x84000006
#define PSCI_MIGRATE_INFO_UP_CPU_32     0x84000007
#define PSCI_MIGRATE_INFO_UP_CPU_64     0xC4000007
#define PSCI_SYSTEM_OFF                 0x84000008
#define PSCI_SYSTEM_RESET               0x84000009
#define PSCI_FEATURES                   0x8400000A

#define PSCI_RET_SUCCESS                0
#define PSCI_RET_NOT_SUPPORTED          (-1)
#define PSCI_RET_INVALID_PARAMETERS     (-2)
#define PSCI_RET_DENIED                 (-3)
#define PSCI_RET_ALREADY_ON             (-4)
#define PSCI_RET_ON_PENDING             (-5)
#define PSCI_RET_INTERNAL_FAILURE       (-6)
#define PSCI_RET_NOT_PRESENT            (-7)
#define PSCI_RET_DISABLED               (-8)
#define PSCI_RET_INVALID_ADDRESS        (-9)

#define SMCCC_VERSION                   0x80000000
#define SMCCC_ARCH_FEATURES             0x80000001
#define SMCCC_RET_NOT_SUPPORTED         (-1)

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Call firmware through SMC (or HVC): x0-x3 in, x0 out. */
uint64_t smc_call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3);
uint64_t hvc_call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3);
#endif

#endif
