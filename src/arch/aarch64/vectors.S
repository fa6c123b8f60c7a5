/* SPDX-License-Identifier: MIT */
/*
 * Exception vector tables.
 *
 * EL3: dummy table, every entry branches to itself (the syndrome registers stay
 *      intact for a debugger).
 * EL2: exceptions taken from EL2 itself save a struct exc_frame on the stack and
 *      call hyp_exception() in C, which prints the crash report for anything it
 *      does not expect.
 *      Exceptions from a guest (lower EL, AArch64) save the guest's general
 *      registers, PC and PSTATE straight into the running vCPU's struct gp_regs
 *      (TPIDR_EL2 -> struct pcpu, whose first field points at it), call
 *      guest_exit() in C, and resume whichever vCPU that returns.
 */
#include "arch/aarch64/asm.h"
#include "arch/aarch64/context.h"

/* Offsets in struct exc_frame (src/arch/aarch64/exception.h). */
#define FRAME_X(n)      ((n) * 8)
#define FRAME_SP        (31 * 8)
#define FRAME_ELR       (32 * 8)
#define FRAME_SPSR      (33 * 8)
#define FRAME_ESR       (34 * 8)
#define FRAME_FAR       (35 * 8)
#define FRAME_SIZE      (36 * 8)

/* Vector kinds passed to hyp_exception() in w1. */
#define VEC_SYNC        0
#define VEC_IRQ         1
#define VEC_FIQ         2
#define VEC_SERROR      3

        .section .text.vectors, "ax"

        .balign 2048
        .global el3_dummy_vectors
el3_dummy_vectors:
        .rept   16
        b       .
        .balign 128
        .endr

/* One 128-byte vector entry that saves a frame and calls hyp_exception(frame, kind, source). */
.macro hyp_vector kind, source
        .balign 128
        sub     sp, sp, #FRAME_SIZE
        stp     x0, x1, [sp, #FRAME_X(0)]
        stp     x2, x3, [sp, #FRAME_X(2)]
        mov     w1, #\kind
        mov     w2, #\source
        b       hyp_exception_common
.endm

/* struct gp_regs offsets GP_X/GP_PC/GP_PSTATE and PCPU_GUEST_REGS: arch/aarch64/context.h. */

/* A guest exception: save x0-x3 into the vCPU's gp_regs, the rest in guest_exit_common. */
.macro guest_vector kind
        .balign 128
        stp     x0, x1, [sp, #-16]!
        mrs     x0, TPIDR_EL2
        ldr     x0, [x0, #PCPU_GUEST_REGS]              // pcpu->guest_regs
        stp     x2, x3, [x0, #GP_X(2)]
        ldp     x2, x3, [sp], #16
        stp     x2, x3, [x0, #GP_X(0)]
        mov     w1, #\kind
        b       guest_exit_common
.endm

        .balign 2048
        .global el2_vectors
el2_vectors:
        /* Current EL with SP_EL0 (never used by the hypervisor) */
        hyp_vector VEC_SYNC, 0
        hyp_vector VEC_IRQ, 0
        hyp_vector VEC_FIQ, 0
        hyp_vector VEC_SERROR, 0
        /* Current EL with SP_EL2 */
        hyp_vector VEC_SYNC, 1
        hyp_vector VEC_IRQ, 1
        hyp_vector VEC_FIQ, 1
        hyp_vector VEC_SERROR, 1
        /* Lower EL, AArch64: a guest */
        guest_vector VEC_SYNC
        guest_vector VEC_IRQ
        guest_vector VEC_FIQ
        guest_vector VEC_SERROR
        /* Lower EL, AArch32 */
        hyp_vector VEC_SYNC, 3
        hyp_vector VEC_IRQ, 3
        hyp_vector VEC_FIQ, 3
        hyp_vector VEC_SERROR, 3

/* Save the rest of the frame (x0-x3 already saved), call C, restore and return. */
hyp_exception_common:
        stp     x4, x5, [sp, #FRAME_X(4)]
        stp     x6, x7, [sp, #FRAME_X(6)]
        stp     x8, x9, [sp, #FRAME_X(8)]
        stp     x10, x11, [sp, #FRAME_X(10)]
        stp     x12, x13, [sp, #FRAME_X(12)]
        stp     x14, x15, [sp, #FRAME_X(14)]
        stp     x16, x17, [sp, #FRAME_X(16)]
        stp     x18, x19, [sp, #FRAME_X(18)]
        stp     x20, x21, [sp, #FRAME_X(20)]
        stp     x22, x23, [sp, #FRAME_X(22)]
        stp     x24, x25, [sp, #FRAME_X(24)]
        stp     x26, x27, [sp, #FRAME_X(26)]
        stp     x28, x29, [sp, #FRAME_X(28)]
        add     x3, sp, #FRAME_SIZE                     // SP before the exception
        stp     x30, x3, [sp, #FRAME_X(30)]
        mrs     x3, ELR_EL2
        mrs     x4, SPSR_EL2
        stp     x3, x4, [sp, #FRAME_ELR]
        mrs     x3, ESR_EL2
        mrs     x4, FAR_EL2
        stp     x3, x4, [sp, #FRAME_ESR]
        mov     x0, sp
        bl      hyp_exception
        /* Handled: restore (ELR/SPSR may have been changed by the handler). */
        ldp     x3, x4, [sp, #FRAME_ELR]
        msr     ELR_EL2, x3
        msr     SPSR_EL2, x4
        ldp     x0, x1, [sp, #FRAME_X(0)]
        ldp     x2, x3, [sp, #FRAME_X(2)]
        ldp     x4, x5, [sp, #FRAME_X(4)]
        ldp     x6, x7, [sp, #FRAME_X(6)]
        ldp     x8, x9, [sp, #FRAME_X(8)]
        ldp     x10, x11, [sp, #FRAME_X(10)]
        ldp     x12, x13, [sp, #FRAME_X(12)]
        ldp     x14, x15, [sp, #FRAME_X(14)]
        ldp     x16, x17, [sp, #FRAME_X(16)]
        ldp     x18, x19, [sp, #FRAME_X(18)]
        ldp     x20, x21, [sp, #FRAME_X(20)]
        ldp     x22, x23, [sp, #FRAME_X(22)]
        ldp     x24, x25, [sp, #FRAME_X(24)]
        ldp     x26, x27, [sp, #FRAME_X(26)]
        ldp     x28, x29, [sp, #FRAME_X(28)]
        ldr     x30, [sp, #FRAME_X(30)]
        add     sp, sp, #FRAME_SIZE
        eret

/* x0 = struct gp_regs * (x0-x3 saved), w1 = vector kind. */
guest_exit_common:
        stp     x4, x5, [x0, #GP_X(4)]
        stp     x6, x7, [x0, #GP_X(6)]
        stp     x8, x9, [x0, #GP_X(8)]
        stp     x10, x11, [x0, #GP_X(10)]
        stp     x12, x13, [x0, #GP_X(12)]
        stp     x14, x15, [x0, #GP_X(14)]
        stp     x16, x17, [x0, #GP_X(16)]
        stp     x18, x19, [x0, #GP_X(18)]
        stp     x20, x21, [x0, #GP_X(20)]
        stp     x22, x23, [x0, #GP_X(22)]
        stp     x24, x25, [x0, #GP_X(24)]
        stp     x26, x27, [x0, #GP_X(26)]
        stp     x28, x29, [x0, #GP_X(28)]
        mrs     x2, ELR_EL2
        mrs     x3, SPSR_EL2
        stp     x30, x2, [x0, #GP_X(30)]                // x30, pc
        str     x3, [x0, #GP_PSTATE]
        mov     w0, w1
        bl      guest_exit                              // returns the gp_regs to resume
        b       guest_resume

/*
 * void arch_guest_enter(struct gp_regs *regs): (re)enter a guest with these registers.
 * Also the tail of every guest exit. Does not return.
 */
        .global arch_guest_enter
        .type arch_guest_enter, %function
arch_guest_enter:
guest_resume:
        ldp     x2, x3, [x0, #GP_PC]
        msr     ELR_EL2, x2
        msr     SPSR_EL2, x3
        ldp     x2, x3, [x0, #GP_X(2)]
        ldp     x4, x5, [x0, #GP_X(4)]
        ldp     x6, x7, [x0, #GP_X(6)]
        ldp     x8, x9, [x0, #GP_X(8)]
        ldp     x10, x11, [x0, #GP_X(10)]
        ldp     x12, x13, [x0, #GP_X(12)]
        ldp     x14, x15, [x0, #GP_X(14)]
        ldp     x16, x17, [x0, #GP_X(16)]
        ldp     x18, x19, [x0, #GP_X(18)]
        ldp     x20, x21, [x0, #GP_X(20)]
        ldp     x22, x23, [x0, #GP_X(22)]
        ldp     x24, x25, [x0, #GP_X(24)]
        ldp     x26, x27, [x0, #GP_X(26)]
        ldp     x28, x29, [x0, #GP_X(28)]
        ldr     x30, [x0, #GP_X(30)]
        ldp     x0, x1, [x0, #GP_X(0)]
        eret
        .size arch_guest_enter, . - arch_guest_enter
