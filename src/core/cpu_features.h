/* SPDX-License-Identifier: MIT */
/*
 * The CPU features a guest sees: the host's ID registers with what the
 * hypervisor does not virtualize taken out, from one table of named fields
 * (core/cpu_features.c). HCR_EL2.TID3 traps the guest's reads here.
 */
#ifndef CORE_CPU_FEATURES_H
#define CORE_CPU_FEATURES_H

#include <stdint.h>

struct id_field {
        uint32_t reg;                   /* SYS_REG number */
        uint8_t shift;                  /* a 4-bit field at [shift + 3 : shift] */
        uint8_t value;                  /* what the guest reads there */
        const char *name;               /* the field's name in the Arm ARM */
        const char *why;
};

extern const struct id_field cpu_id_fields[];
extern const unsigned int cpu_id_nfields;

/* The value a guest reads for ID register reg (op0=3 op1=0 CRn=0 CRm=1..7) whose host
 * value is host (other registers: host). After cpu_features_init. */
uint64_t cpu_features_sanitize(uint32_t reg, uint64_t host);
/* Take the ID registers' traps (sysreg_register). */
int cpu_features_init(void);

#endif
