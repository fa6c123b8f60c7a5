/* SPDX-License-Identifier: MIT */
#ifndef ARCH_AARCH64_EXCEPTION_H
#define ARCH_AARCH64_EXCEPTION_H

#include <stdint.h>

/* Saved by vectors.S for exceptions taken from EL2 itself (layout shared with it). */
struct exc_frame {
        uint64_t x[31];
        uint64_t sp;            /* SP_EL2 before the exception */
        uint64_t elr;
        uint64_t spsr;
        uint64_t esr;
        uint64_t far;
};

enum exc_kind { EXC_SYNC, EXC_IRQ, EXC_FIQ, EXC_SERROR };
enum exc_source { EXC_FROM_EL2_SP0, EXC_FROM_EL2, EXC_FROM_LOWER64, EXC_FROM_LOWER32 };

void hyp_exception(struct exc_frame *f, unsigned int kind, unsigned int source);

/* Print the crash report for f and halt this CPU. */
void __attribute__((noreturn)) hyp_panic_frame(const struct exc_frame *f, unsigned int kind,
                                               unsigned int source);
/* A software-detected fatal error: message, then the register state, then halt. */
void __attribute__((noreturn, format(printf, 1, 2))) hyp_panic(const char *fmt, ...);

#endif
