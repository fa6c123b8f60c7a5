// SPDX-License-Identifier: MIT
/*
 * debug: self-hosted debug as a guest kernel uses it (kgdb, kvm-unit-tests'
 * debug-bp and debug-wp): the OS lock released, MDSCR_EL1.MDE and KDE set,
 * PSTATE.D clear; a hardware breakpoint on a function must give a breakpoint
 * exception (EC 0x31) at it, a store watchpoint on a variable a watchpoint
 * exception (EC 0x35) with FAR = the variable, the store not done. Both vCPUs
 * share one physical CPU (configs/test-debug.dts): vCPU 1 calls the same
 * function while vCPU 0's breakpoint is armed and must not stop there (each
 * vCPU's debug state is its own), and vCPU 0's still fires after the switches.
 * Exit status: the number of failed checks.
 */
#include "lib/guest.h"
#include "lib/smp.h"

#define NAME "debug"

#define EC_BREAKPOINT_CUR       0x31
#define EC_WATCHPOINT_CUR       0x35

/* A function to break on: its first instruction is skipped when the breakpoint is
 * caught (expect_exception moves ELR on), then it returns. */
void bp_target(void);
__asm__(".text\n.global bp_target\n.type bp_target, %function\n.balign 4\n"
        "bp_target:\n\tnop\n\tret\n.size bp_target, . - bp_target\n");

static volatile uint64_t watched __attribute__((aligned(8)));
static volatile uint32_t other_called, other_done;

#define MSR(reg, val) __asm__ volatile("msr " reg ", %0\n\tisb" : : "r"((uint64_t)(val)) : "memory")

/*
 * DBGBCR0_EL1 = 0x1e3            DBGWCR0_EL1 = 0x1ff3
 *   00    E    1                   00    E    1
 *   02:01 PMC  0b01 EL1            02:01 PAC  0b01 EL1
 *   08:05 BAS  0xf (A64)           04:03 LSC  0b10 stores
 *                                  12:05 BAS  0xff (all 8 bytes)
 */
#define BCR_EL1_EXEC            0x1e3ull
#define WCR_EL1_STORE8          0x1ff3ull

static void arm_breakpoint(bool on)
{
        MSR("S2_0_C0_C0_4", (uint64_t)(uintptr_t)bp_target);          /* DBGBVR0_EL1 */
        MSR("S2_0_C0_C0_5", on ? BCR_EL1_EXEC : 0);                     /* DBGBCR0_EL1 */
}

static bool call_target(struct guest_exc *exc)
{
        void (*volatile fn)(void) = bp_target;

        expect_exception();
        fn();
        return expect_exception_end(exc);
}

static void other_vcpu(unsigned int cpu, uint64_t arg)
{
        (void)cpu;
        (void)arg;
        /* The breakpoint is vCPU 0's: here it must not fire (it would be an unexpected
         * exception, ending the VM with status 99). */
        bp_target();
        other_called = 1;
        smp_mb();
        while (!other_done)
                __asm__ volatile("yield");
}

int guest_main(uint64_t dtb)
{
        struct guest_exc exc = { 0 };
        uint64_t start;
        bool caught;

        (void)dtb;
        MSR("S2_0_C1_C0_4", 0);                                 /* OSLAR_EL1: OS lock off */
        MSR("S2_0_C0_C2_2", (1u << 15) | (1u << 13));           /* MDSCR_EL1: MDE, KDE */
        __asm__ volatile("msr daifclr, #8" ::: "memory");       /* PSTATE.D = 0 */

        arm_breakpoint(true);
        caught = call_target(&exc);
        CHECK("breakpoint-taken", caught && exc.ec == EC_BREAKPOINT_CUR &&
              exc.elr == (uint64_t)(uintptr_t)bp_target,
              "%s: EC 0x%02x ELR 0x%llx, want EC 0x31 at bp_target 0x%llx",
              caught ? "caught" : "no exception", exc.ec, (unsigned long long)exc.elr,
              (unsigned long long)(uintptr_t)bp_target);

        /* vCPU 1 on the same physical CPU runs the function while the breakpoint is armed. */
        CHECK("start-vcpu1", smp_cpu_on(1, other_vcpu, 0, false) == PSCI_SUCCESS,
              "CPU_ON(vCPU 1) failed");
        start = guest_cntvct();
        while (!other_called && guest_cntvct() - start < 10 * guest_cntfrq())
                __asm__ volatile("yield");
        CHECK("other-vcpu-not-stopped", other_called, "vCPU 1 never got past bp_target");
        caught = call_target(&exc);
        CHECK("breakpoint-after-switches", caught && exc.ec == EC_BREAKPOINT_CUR,
              "after vCPU 1 ran: %s (EC 0x%02x)", caught ? "caught" : "no exception", exc.ec);
        other_done = 1;
        smp_mb();
        arm_breakpoint(false);
        caught = call_target(&exc);
        CHECK("breakpoint-disarmed", !caught, "an exception (EC 0x%02x) with DBGBCR0.E clear",
              exc.ec);

        /* A store watchpoint on 'watched'. */
        MSR("S2_0_C0_C0_6", (uint64_t)(uintptr_t)&watched);            /* DBGWVR0_EL1 */
        MSR("S2_0_C0_C0_7", WCR_EL1_STORE8);                            /* DBGWCR0_EL1 */
        expect_exception();
        __asm__ volatile("str %0, [%1]" : : "r"(42ull), "r"(&watched) : "memory");
        caught = expect_exception_end(&exc);
        CHECK("watchpoint-taken", caught && exc.ec == EC_WATCHPOINT_CUR &&
              exc.far == (uint64_t)(uintptr_t)&watched,
              "%s: EC 0x%02x FAR 0x%llx, want EC 0x35 FAR 0x%llx", caught ? "caught" : "none",
              exc.ec, (unsigned long long)exc.far, (unsigned long long)(uintptr_t)&watched);
        CHECK("watched-store-not-done", watched == 0, "the store happened (0x%llx)",
              (unsigned long long)watched);
        MSR("S2_0_C0_C0_7", 0);
        watched = 7;
        CHECK("watchpoint-disarmed", watched == 7, "store after disarming lost");
        return guest_summary(NAME);
}
