/* SPDX-License-Identifier: MIT */
/*
 * Reset entry. Every CPU that the platform starts arrives here (all of them at
 * once on the FVP and on QEMU with secure=on); firmware may instead enter us at
 * EL2 on one CPU. We read CurrentEL rather than assume it:
 *   EL3 -> configure the secure monitor state and drop to EL2 (el3_to_el2)
 *   EL2 -> el2_entry
 *   EL1 -> explain and stop: a hypervisor needs EL2.
 *
 * Register conventions until C runs:
 *   x19  device tree pointer handed over in x0 (0 when none)
 *   x21  logical CPU index (from MPIDR_EL1)
 *   x22  exception level we were entered at (3 or 2)
 */
#include "arch/aarch64/asm.h"
#include "arch/aarch64/sysreg.h"
#include "arch/aarch64/layout.h"
#include "platform.h"

globalfunc _start, .text.boot
        mov     x19, x0
        bl      cpu_index_from_mpidr            // x0 = index or -1
        mov     x21, x0
        tbnz    x21, #63, park_forever          // a core we have no slot for

        mrs     x0, CurrentEL
        ubfx    x22, x0, #CURRENTEL_EL_SHIFT, #2
        cmp     x22, #3
        b.eq    el3_to_el2
        cmp     x22, #2
        b.eq    el2_entry
        b       wrong_el
endfunc _start

/*
 * x0 = logical CPU index = Aff1 * PLAT_CORES_PER_CLUSTER + Aff0,
 * or -1 when that is >= PLAT_MAX_CPUS or Aff2/Aff3 are used (arch_cpu_index()'s rule,
 * arch/arch.h). Clobbers x1-x3.
 */
globalfunc cpu_index_from_mpidr
        mrs     x1, mpidr_el1
        ubfx    x0, x1, #0, #8                  // Aff0
        ubfx    x2, x1, #8, #8                  // Aff1
        ubfx    x3, x1, #16, #8                 // Aff2
        cbnz    x3, 1f
        ubfx    x3, x1, #32, #8                 // Aff3
        cbnz    x3, 1f
        mov     x3, #PLAT_CORES_PER_CLUSTER
        madd    x0, x2, x3, x0
        cmp     x0, #PLAT_MAX_CPUS
        b.hs    1f
        ret
1:      mov     x0, #-1
        ret
endfunc cpu_index_from_mpidr

/*
 * EL3: just enough secure-monitor set-up to run the hypervisor in Non-secure EL2.
 */
globalfunc el3_to_el2
        // Dummy vector table: every entry branches to itself, so a fault at EL3
        // spins with the syndrome registers intact for a debugger.
        adr     x0, el3_dummy_vectors
        msr     VBAR_EL3, x0
        isb

        //
        // Configure SCR_EL3
        //
        //   26:26 ATA      x?      allocation tags usable below EL3 (if FEAT_MTE2)
        //   17:17 API      x?      pointer-auth instructions not trapped (if implemented)
        //   16:16 APK      x?      pointer-auth key registers not trapped (if implemented)
        //   10:10 RW       x1      make EL2 be 64-bit
        //   08:08 HCE      x1      enable HVC instructions
        //   07:07 SMD      x0      SMC stays enabled (guests' SMCs trap to EL2 first)
        //   05:04 RES1     x3      reserved
        //   03:01 EA/FIQ/IRQ x0    aborts and interrupts are not routed to EL3
        //   00:00 NS       x1      switch to Normal world
        //
        mov     x0, #(SCR_EL3_RW | SCR_EL3_HCE | SCR_EL3_RES1 | SCR_EL3_NS)   // 0x531
        mrs     x1, ID_AA64ISAR1_EL1
        mov     x2, #((0xf << ID_AA64ISAR1_APA_SHIFT) | (0xf << ID_AA64ISAR1_API_SHIFT))
        orr     x2, x2, #(0xff << ID_AA64ISAR1_GPA_SHIFT)
        tst     x1, x2
        b.eq    1f
        orr     x0, x0, #(SCR_EL3_API | SCR_EL3_APK)
1:      mrs     x1, ID_AA64PFR1_EL1
        ubfx    x1, x1, #ID_AA64PFR1_MTE_SHIFT, #4
        cmp     x1, #2
        b.lo    2f
        orr     x0, x0, #SCR_EL3_ATA
2:      msr     SCR_EL3, x0

        // CPTR_EL3 = 0: FP/SIMD, SVE and trace accesses from lower ELs are not trapped.
        msr     CPTR_EL3, xzr
        // MDCR_EL3 = 0: debug and PMU accesses from lower ELs are not trapped to EL3.
        msr     MDCR_EL3, xzr

        // The counter frequency register is writable only at the highest EL.
        ldr     x0, =PLAT_CNTFRQ_HZ
        msr     CNTFRQ_EL0, x0

        // GICv3 system registers: let EL2 (and, through it, EL1) use them.
        //
        //   03:03 Enable   x1      lower ELs may set ICC_SRE_ELx.SRE
        //   02:02 DIB      x1      disable IRQ bypass
        //   01:01 DFB      x1      disable FIQ bypass
        //   00:00 SRE      x1      system-register interface at EL3
        //
        mrs     x0, ID_AA64PFR0_EL1
        ubfx    x0, x0, #ID_AA64PFR0_GIC_SHIFT, #4
        cbz     x0, 2f
        mov     x0, #(ICC_SRE_ENABLE | ICC_SRE_DIB | ICC_SRE_DFB | ICC_SRE_SRE)
        msr     ICC_SRE_EL3, x0
        isb
2:
        // Platform and GIC secure-side set-up in C (stack below is this CPU's).
        bl      set_cpu_stack
        mov     x0, x21
        bl      el3_platform_init

        //
        // Configure SCTLR_EL2
        //
        //   29:28 RES1     x3      reserved
        //   25:25 EE       x0      little-endian
        //   23:22 RES1     x3      reserved
        //   19:19 WXN      x0      no implicit execute-never
        //   18:18 RES1     x1      reserved
        //   16:16 RES1     x1      reserved
        //   12:12 I        x0      disable allocation of instrs into unified $s
        //   11:11 RES1     x1      reserved
        //   05:04 RES1     x3      reserved
        //   02:02 C        x0      disable allocation of data into data/unified $s
        //   01:01 A        x0      no alignment fault checking
        //   00:00 M        x0      disable MMU
        //
        ldr     x0, =SCTLR_EL2_RES1                     // 0x30C50830
        msr     SCTLR_EL2, x0

        // HCR_EL2 = 0 until the hypervisor configures it: no traps, EL1 AArch32 (unused).
        msr     HCR_EL2, xzr

        //
        // Prepare to drop to EL2h with all asynchronous exceptions masked
        //
        //   09:09 D        x1      mask debug exceptions
        //   08:08 A        x1      mask SErrors
        //   07:07 I        x1      mask IRQs
        //   06:06 F        x1      mask FIQs
        //   04:04 M[4]     x0      bits 03:00 define an AArch64 state
        //   03:00 M[3:0]   x9      EL2h
        //
        mov     x0, #(SPSR_DAIF | SPSR_M_EL2h)         // 0x3C9
        msr     SPSR_EL3, x0

        adr     x0, el2_entry
        msr     ELR_EL3, x0
        mov     x0, x19                                 // keep the DTB pointer
        eret
endfunc el3_to_el2

/*
 * EL2 entry (from el3_to_el2, or directly from firmware). x19/x21/x22 as above.
 */
globalfunc el2_entry
        adr     x0, el2_vectors
        msr     VBAR_EL2, x0

        // SCTLR_EL2: same safe value as above (MMU and caches off, little-endian).
        ldr     x0, =SCTLR_EL2_RES1
        msr     SCTLR_EL2, x0
        isb

        bl      set_cpu_stack
        msr     TPIDR_EL2, xzr                          // C points it at this CPU's struct pcpu

        // Primary CPU: the only one running when firmware entered us at EL2, else CPU 0.
        cmp     x22, #2
        b.eq    primary
        cbnz    x21, secondary_wait

primary:
        // Zero BSS (MMU off: plain stores, 16 bytes at a time; the linker aligns both ends
        // to 16).
        adrp    x0, __bss_start
        add     x0, x0, :lo12:__bss_start
        adrp    x1, __bss_end
        add     x1, x1, :lo12:__bss_end
1:      cmp     x0, x1
        b.hs    2f
        stp     xzr, xzr, [x0], #16
        b       1b
2:
        mov     x0, x19                                 // device tree (or 0)
        mov     x1, x21                                 // CPU index
        mov     x2, x22                                 // entry EL
        bl      hyp_main
        b       park_forever

secondary_wait:
        // Check in, then wait for the primary to publish an entry point for us.
        adrp    x0, cpu_checked_in
        add     x0, x0, :lo12:cpu_checked_in
        mov     w1, #1
        strb    w1, [x0, x21]
        adrp    x0, cpu_release_addr
        add     x0, x0, :lo12:cpu_release_addr
3:      wfe
        ldr     x1, [x0, x21, lsl #3]
        cbz     x1, 3b
        mov     x0, x21
        br      x1
endfunc el2_entry

/*
 * Entry for secondaries started by firmware PSCI CPU_ON (entered at EL2).
 * x0 = context id = logical CPU index.
 */
globalfunc secondary_psci_entry
        mov     x21, x0
        mov     x22, #2
        adr     x0, el2_vectors
        msr     VBAR_EL2, x0
        ldr     x0, =SCTLR_EL2_RES1
        msr     SCTLR_EL2, x0
        isb
        bl      set_cpu_stack
        msr     TPIDR_EL2, xzr
        mov     x0, x21
        b       secondary_main
endfunc secondary_psci_entry

/* sp = top of CPU x21's stack. Clobbers x0, x1. */
globalfunc set_cpu_stack
        adrp    x0, __stacks_start
        add     x0, x0, :lo12:__stacks_start
        mov     x1, #HYP_STACK_STRIDE
        madd    x0, x1, x21, x0
        add     x0, x0, #HYP_STACK_STRIDE
        mov     sp, x0
        ret
endfunc set_cpu_stack

/* Entered at EL1: say why we cannot run (CPU 0 only), then stop. */
globalfunc wrong_el
        bl      set_cpu_stack
        cbnz    x21, park_forever
        mov     x0, x22
        bl      report_wrong_el
        b       park_forever
endfunc wrong_el

globalfunc park_forever
        msr     DAIFSet, #0xf
1:      wfe
        b       1b
endfunc park_forever

        .data
        .balign 8
/* Written by secondaries at EL2: 1 once the CPU is parked and waiting. */
        .global cpu_checked_in
cpu_checked_in:
        .fill   PLAT_MAX_CPUS, 1, 0
        .balign 8
/* Written by the primary: where each parked secondary should jump (0 = keep waiting). */
        .global cpu_release_addr
cpu_release_addr:
        .fill   PLAT_MAX_CPUS, 8, 0
