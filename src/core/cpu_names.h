/* SPDX-License-Identifier: MIT */
#ifndef CORE_CPU_NAMES_H
#define CORE_CPU_NAMES_H

#include <stdint.h>

/* "Arm Cortex-A57 r1p0" for a MIDR_EL1 value; written into buf, returned. */
const char *midr_describe(uint64_t midr, char *buf, unsigned long size);

#endif
