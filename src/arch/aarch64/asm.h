/* SPDX-License-Identifier: MIT */
/* Assembler helpers (the tutorial's globalfunc/endfunc, push/pop). */
#ifndef ARCH_AARCH64_ASM_H
#define ARCH_AARCH64_ASM_H

#ifdef __ASSEMBLER__
/* Unwind info for debuggers only: no .eh_frame in the image. */
.cfi_sections .debug_frame
/* A global function in its own section, with ELF type and size for debuggers. */
.macro globalfunc name, section=.text
    .pushsection \section\().\name, "ax"
    .global \name
    .type \name, %function
    .balign 4
\name:
    .cfi_startproc
.endm

.macro endfunc name
    .cfi_endproc
    .size \name, . - \name
    .popsection
.endm

/* Stack one or two registers, keeping SP 16-byte aligned (AAPCS64). */
.macro push reg1:req, reg2=xzr
    stp \reg1, \reg2, [sp, #-16]!
.endm

.macro pop reg1:req, reg2=xzr
    ldp \reg1, \reg2, [sp], #16
.endm
#endif

#endif
