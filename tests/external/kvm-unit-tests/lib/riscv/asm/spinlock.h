/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _ASMRISCV_SPINLOCK_H_
#define _ASMRISCV_SPINLOCK_H_

#include <asm-generic/spinlock.h>

#endif /* _ASMRISCV_SPINLOCK_H_ */
