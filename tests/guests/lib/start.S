/* SPDX-License-Identifier: MIT */
/*
 * Test guest entry and exception vectors.
 *
 * Entered at the ELF entry at EL1h, DAIF masked, MMU and caches off,
 * x0 = IPA of a device tree (or 0). Sets up the stack, VBAR_EL1 and .bss,
 * calls guest_main(dtb) and ends the VM with HYP_FN_VM_EXIT(its return value).
 *
 * Every vector saves a struct guest_frame (guest.h) and calls
 * guest_exception(frame, kind) in C; the handler may change frame->elr
 * (e.g. to skip the faulting instruction) before we ERET.
 */
#include "arch/aarch64/asm.h"
#include "core/hvc_abi.h"

/* struct guest_frame (lib/guest.h) */
#define FRAME_X(n)      ((n) * 8)
#define FRAME_ELR       (31 * 8)
#define FRAME_SPSR      (32 * 8)
#define FRAME_ESR       (33 * 8)
#define FRAME_FAR       (34 * 8)
#define FRAME_SIZE      (36 * 8)        /* 16-byte aligned */

        .section .text.boot, "ax"
        .global _start
        .type   _start, %function
_start:
        mrs     x20, cntpct_el0                 /* reset -> entry time (guest_entry_cntpct) */
        mov     x19, x0                         /* the DTB IPA, for guest_main */

        adrp    x1, __stack_top
        add     x1, x1, :lo12:__stack_top
        mov     sp, x1

        adrp    x1, guest_vectors
        add     x1, x1, :lo12:guest_vectors
        msr     vbar_el1, x1
        isb

        adrp    x1, __bss_start
        add     x1, x1, :lo12:__bss_start
        adrp    x2, __bss_end
        add     x2, x2, :lo12:__bss_end
1:      cmp     x1, x2
        b.hs    2f
        str     xzr, [x1], #8
        b       1b
2:
        adrp    x1, guest_entry_cntpct
        str     x20, [x1, :lo12:guest_entry_cntpct]
        mov     x0, x19
        bl      guest_main

        sxtw    x1, w0                          /* status (int32) */
        movz    x0, #(HYP_FN_VM_EXIT & 0xffff)
        movk    x0, #(HYP_FN_VM_EXIT >> 16), lsl #16
        hvc     #0
3:      wfi                                     /* VM_EXIT does not return */
        b       3b
        .size   _start, . - _start

/* One 128-byte entry: make room for the frame, save x0/x1, x1 = vector kind. */
.macro gvector kind
        .balign 128
        sub     sp, sp, #FRAME_SIZE
        stp     x0, x1, [sp, #FRAME_X(0)]
        mov     x1, #\kind
        b       guest_vector_common
.endm

        .section .text.vectors, "ax"
        .balign 2048
        .global guest_vectors
guest_vectors:
        /* kind = group * 4 + type; type 0 sync, 1 IRQ, 2 FIQ, 3 SError */
        gvector 0       /* current EL, SP_EL0 */
        gvector 1
        gvector 2
        gvector 3
        gvector 4       /* current EL, SP_ELx */
        gvector 5
        gvector 6
        gvector 7
        gvector 8       /* lower EL, AArch64 */
        gvector 9
        gvector 10
        gvector 11
        gvector 12      /* lower EL, AArch32 */
        gvector 13
        gvector 14
        gvector 15
        .balign 128
        .size   guest_vectors, . - guest_vectors

guest_vector_common:
        stp     x2, x3, [sp, #FRAME_X(2)]
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
        mrs     x2, elr_el1
        stp     x30, x2, [sp, #FRAME_X(30)]     /* x30, elr */
        mrs     x2, spsr_el1
        mrs     x3, esr_el1
        stp     x2, x3, [sp, #FRAME_SPSR]
        mrs     x2, far_el1
        str     x2, [sp, #FRAME_FAR]

        mov     x0, sp
        bl      guest_exception                 /* (frame, kind) */

        ldp     x30, x2, [sp, #FRAME_X(30)]
        ldr     x3, [sp, #FRAME_SPSR]
        msr     elr_el1, x2
        msr     spsr_el1, x3
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
        add     sp, sp, #FRAME_SIZE
        eret
        .type   guest_vector_common, %function
        .size   guest_vector_common, . - guest_vector_common
