/* SPDX-License-Identifier: MIT */
/*
 * Secondary vCPU entry (PSCI CPU_ON): x0 = context id, whose low byte is the
 * vCPU index. Each vCPU gets its own SMP_STACK_SIZE stack from smp_stacks
 * (lib/smp.c), the runtime's vectors, and calls smp_secondary_main(ctx).
 */
#define SMP_STACK_SHIFT         14      /* SMP_STACK_SIZE, lib/smp.h */
#define SMP_MAX_CPUS            8

        .section .text, "ax"
        .global smp_secondary_entry
        .type   smp_secondary_entry, %function
        .balign 8
smp_secondary_entry:
        mov     x19, x0
        and     x2, x0, #0xff
        cmp     x2, #SMP_MAX_CPUS
        b.hs    2f
        adrp    x1, smp_stacks
        add     x1, x1, :lo12:smp_stacks
        add     x2, x2, #1
        lsl     x2, x2, #SMP_STACK_SHIFT
        add     x1, x1, x2
        mov     sp, x1
        adrp    x1, guest_vectors
        add     x1, x1, :lo12:guest_vectors
        msr     vbar_el1, x1
        isb
        mov     x0, x19
        bl      smp_secondary_main
2:      wfi
        b       2b
        .size   smp_secondary_entry, . - smp_secondary_entry
