// SPDX-License-Identifier: MIT
/*
 * Exceptions taken at EL2 from EL2, and the crash report: exception class by
 * name, the syndrome, fault address, return address and every register.
 */
#include <stdarg.h>

#include "arch/arch.h"
#include "arch/aarch64/esr.h"
#include "arch/aarch64/exception.h"
#include "arch/aarch64/semihosting.h"
#include "arch/aarch64/sysreg.h"
#include "drivers/gic.h"
#include "lib/log.h"
#include "platform.h"

static const char *const kind_names[] = { "synchronous exception", "IRQ", "FIQ", "SError" };
static const char *const source_names[] = {
        "EL2 (SP_EL0)", "EL2 (SP_EL2)", "a lower EL (AArch64)", "a lower EL (AArch32)",
};

static void __attribute__((noreturn)) halt_cpu(void)
{
        __asm__ volatile("msr DAIFSet, #0xf");
        for (;;)
                wfi();
}

static void print_registers(const struct exc_frame *f)
{
        for (int i = 0; i < 31; i++) {
                kprintf_locked("  x%-2d %016llx%s", i, (unsigned long long)f->x[i],
                               (i % 4 == 3) ? "\n" : "");
        }
        kprintf_locked("  sp  %016llx\n", (unsigned long long)f->sp);
}

void hyp_panic_frame(const struct exc_frame *f, unsigned int kind, unsigned int source)
{
        unsigned int ec = esr_ec(f->esr);
        unsigned int cpu = arch_cpu_index(read_sysreg(MPIDR_EL1));
        char fsc[64];

        console_lock();
        kprintf_locked("\nHYP PANIC: %s taken to EL2 from %s on CPU %u\n",
                       kind < 4 ? kind_names[kind] : "?", source < 4 ? source_names[source] : "?",
                       cpu);
        if (kind == EXC_SYNC || kind == EXC_SERROR) {
                kprintf_locked("  EC   0x%02x  %s\n", ec, esr_ec_name(ec));
                if (ec == ESR_EC_DABT_CUR || ec == ESR_EC_DABT_LOW || ec == ESR_EC_IABT_CUR ||
                    ec == ESR_EC_IABT_LOW) {
                        uint32_t iss = esr_iss(f->esr);
                        kprintf_locked("  FSC  0x%02x  %s%s\n", iss & ESR_xABT_FSC_MASK,
                                       esr_fsc_describe(iss, fsc, sizeof(fsc)),
                                       (ec == ESR_EC_DABT_CUR || ec == ESR_EC_DABT_LOW) ?
                                       ((iss & ESR_DABT_WNR) ? ", on a write" : ", on a read") : "");
                }
        }
        kprintf_locked("  ESR_EL2  %016llx  FAR_EL2  %016llx\n", (unsigned long long)f->esr,
                       (unsigned long long)f->far);
        kprintf_locked("  ELR_EL2  %016llx  SPSR_EL2 %016llx\n", (unsigned long long)f->elr,
                       (unsigned long long)f->spsr);
        print_registers(f);
        kprintf_locked("HYP PANIC: CPU %u halted\n", cpu);
        console_unlock();
        halt_cpu();
}

void hyp_panic(const char *fmt, ...)
{
        struct exc_frame f = { 0 };
        va_list ap;

        f.elr = (uint64_t)__builtin_return_address(0);
        f.spsr = read_sysreg(DAIF) | SPSR_M_EL2h;
        f.sp = (uint64_t)__builtin_frame_address(0);
        f.x[29] = f.sp;
        f.x[30] = f.elr;
        va_start(ap, fmt);
        console_lock();
        kprintf_locked("\nHYP PANIC: ");
        console_unlock();
        kvprintf(fmt, ap);
        kprintf("\n");
        va_end(ap);
        hyp_panic_frame(&f, EXC_SYNC, EXC_FROM_EL2);
}

void hyp_exception(struct exc_frame *f, unsigned int kind, unsigned int source)
{
        if (kind == EXC_SYNC && source == EXC_FROM_EL2 && semihosting_fixup(f))
                return;
        /* Interrupts are unmasked at EL2 only while a CPU idles. */
        if (kind == EXC_IRQ && source == EXC_FROM_EL2) {
                gic_handle_irq();
                return;
        }
        hyp_panic_frame(f, kind, source);
}
