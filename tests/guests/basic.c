// SPDX-License-Identifier: MIT
/*
 * basic: the hypercall ABI (core/hvc_abi.h), injected data aborts on unmapped
 * IPAs, trapped/sanitised ID registers, WFI woken by a masked timer interrupt,
 * an injected undefined-instruction exception and HVC with a non-zero immediate.
 * Exit status: the number of failed checks.
 */
#include "lib/guest.h"

#define NAME "basic"

#define UNMAPPED_READ   0x10000000ull
#define UNMAPPED_WRITE  0x30000000ull

static int64_t s64(uint64_t v)
{
        return (int64_t)v;
}

static void check_hypercalls(void)
{
        struct hvc_res r;
        uint64_t v;

        v = hvc_call(HYP_FN_VERSION, 0, 0, 0, NULL);
        CHECK("hvc-version", v == ((HYP_ABI_MAJOR << 16) | HYP_ABI_MINOR),
              "VERSION returned 0x%llx, want 0x%x", (unsigned long long)v,
              (HYP_ABI_MAJOR << 16) | HYP_ABI_MINOR);

        hvc_call(HYP_FN_REVISION, 0, 0, 0, &r);
        CHECK("hvc-revision", r.x0 == HYP_ABI_MAJOR && r.x1 == HYP_ABI_MINOR,
              "REVISION returned %lld.%lld, want %d.%d", (long long)r.x0, (long long)r.x1,
              HYP_ABI_MAJOR, HYP_ABI_MINOR);

        hvc_call(HYP_FN_CALL_UID, 0, 0, 0, &r);
        CHECK("hvc-call-uid", r.x0 == HYP_UID_0 && r.x1 == HYP_UID_1 &&
              r.x2 == HYP_UID_2 && r.x3 == HYP_UID_3,
              "CALL_UID returned %llx %llx %llx %llx", (unsigned long long)r.x0,
              (unsigned long long)r.x1, (unsigned long long)r.x2, (unsigned long long)r.x3);

        hvc_call(HYP_FN_VM_INFO, 0, 0, 0, &r);
        guest_printf(NAME ": VM id %llu, vCPU %llu of %llu\n", (unsigned long long)r.x1,
                     (unsigned long long)r.x2, (unsigned long long)r.x3);
        CHECK("hvc-vm-info", r.x0 == 0 && r.x3 >= 1 && r.x2 == 0,
              "VM_INFO returned x0=%lld id=%llu vcpu=%llu count=%llu (want 0, vcpu 0, count >= 1)",
              (long long)r.x0, (unsigned long long)r.x1, (unsigned long long)r.x2,
              (unsigned long long)r.x3);

        {
                static char name[64];
                int64_t len;
                size_t slen;

                memset(name, 0xAA, sizeof(name));
                len = s64(hvc_call(HYP_FN_VM_NAME, (uint64_t)(uintptr_t)name, sizeof(name), 0, NULL));
                slen = (len > 0 && len < (int64_t)sizeof(name)) ? strlen(name) : 0;
                if (len > 0 && len < (int64_t)sizeof(name))
                        guest_printf(NAME ": VM name \"%s\"\n", name);
                CHECK("hvc-vm-name", len > 0 && len < (int64_t)sizeof(name) &&
                      name[len] == '\0' && slen == (size_t)len,
                      "VM_NAME returned %lld, strlen %zu", (long long)len, slen);
        }

        v = hvc_call(HYP_FN_NOP, 0, 0, 0, NULL);
        CHECK("hvc-nop", v == 0, "NOP returned 0x%llx", (unsigned long long)v);

        v = hvc_call(0x86000FFF, 0, 0, 0, NULL);
        CHECK("hvc-unknown-vendor-fn", s64(v) == HYP_RET_NOT_SUPPORTED,
              "0x86000FFF returned 0x%llx, want -1", (unsigned long long)v);

        v = smc_call(0x82000042, 0, 0, 0, NULL);
        CHECK("smc-unknown-sip-fn", s64(v) == HYP_RET_NOT_SUPPORTED,
              "SMC 0x82000042 returned 0x%llx, want -1", (unsigned long long)v);
}

static void check_console(void)
{
        static const char text[] = NAME ": console write test\n";
        static char big[4097];
        uint64_t v;

        v = hvc_call(HYP_FN_CONSOLE_WRITE, (uint64_t)(uintptr_t)text, sizeof(text) - 1, 0, NULL);
        CHECK("console-write", v == sizeof(text) - 1, "CONSOLE_WRITE of %zu bytes returned %lld",
              sizeof(text) - 1, (long long)v);

        v = hvc_call(HYP_FN_CONSOLE_WRITE, (uint64_t)(uintptr_t)text, 0, 0, NULL);
        CHECK("console-write-len0", v == 0, "CONSOLE_WRITE of 0 bytes returned %lld", (long long)v);

        memset(big, '#', sizeof(big));
        big[sizeof(big) - 1] = '\n';
        v = hvc_call(HYP_FN_CONSOLE_WRITE, (uint64_t)(uintptr_t)big, sizeof(big), 0, NULL);
        CHECK("console-write-too-long", s64(v) == HYP_RET_INVALID_PARAMETER,
              "CONSOLE_WRITE of %zu bytes returned %lld, want -3", sizeof(big), (long long)v);

        v = hvc_call(HYP_FN_CONSOLE_WRITE, UNMAPPED_READ, 16, 0, NULL);
        CHECK("console-write-outside-ram", s64(v) == HYP_RET_INVALID_PARAMETER,
              "CONSOLE_WRITE from IPA 0x%llx returned %lld, want -3",
              (unsigned long long)UNMAPPED_READ, (long long)v);

        /* Straddles the start of RAM: the first 8 bytes are outside it. */
        v = hvc_call(HYP_FN_CONSOLE_WRITE, GUEST_RAM_BASE - 8, 16, 0, NULL);
        CHECK("console-write-straddling-ram", s64(v) == HYP_RET_INVALID_PARAMETER,
              "CONSOLE_WRITE from IPA 0x%llx (16 bytes) returned %lld, want -3",
              (unsigned long long)(GUEST_RAM_BASE - 8), (long long)v);
}

static void check_aborts(void)
{
        struct guest_exc exc;
        uint32_t val = 0;
        bool ok;

        ok = guest_try_read32(UNMAPPED_READ, &val, &exc);
        if (ok) {
                CHECK("dabt-read-unmapped", false, "read32 at 0x%llx returned 0x%x, no abort",
                      (unsigned long long)UNMAPPED_READ, val);
        } else {
                CHECK("dabt-read-unmapped", exc.ec == 0x25 && exc.far == UNMAPPED_READ,
                      "EC 0x%02x FAR 0x%llx ESR 0x%llx, want EC 0x25 FAR 0x%llx", exc.ec,
                      (unsigned long long)exc.far, (unsigned long long)exc.esr,
                      (unsigned long long)UNMAPPED_READ);
                CHECK("dabt-read-elr", exc.elr == exc.insn, "ELR 0x%llx, the load is at 0x%llx",
                      (unsigned long long)exc.elr, (unsigned long long)exc.insn);
        }

        ok = guest_try_write32(UNMAPPED_WRITE, 0xDEADBEEF, &exc);
        if (ok) {
                CHECK("dabt-write-unmapped", false, "write32 at 0x%llx completed, no abort",
                      (unsigned long long)UNMAPPED_WRITE);
        } else {
                CHECK("dabt-write-unmapped", exc.ec == 0x25 && exc.far == UNMAPPED_WRITE,
                      "EC 0x%02x FAR 0x%llx ESR 0x%llx, want EC 0x25 FAR 0x%llx", exc.ec,
                      (unsigned long long)exc.far, (unsigned long long)exc.esr,
                      (unsigned long long)UNMAPPED_WRITE);
                CHECK("dabt-write-elr", exc.elr == exc.insn, "ELR 0x%llx, the store is at 0x%llx",
                      (unsigned long long)exc.elr, (unsigned long long)exc.insn);
        }
}

static void check_id_regs(void)
{
        uint64_t pfr0, dfr0;

        __asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
        __asm__ volatile("mrs %0, id_aa64dfr0_el1" : "=r"(dfr0));
        guest_printf(NAME ": ID_AA64PFR0_EL1 0x%016llx ID_AA64DFR0_EL1 0x%016llx\n",
                     (unsigned long long)pfr0, (unsigned long long)dfr0);

        CHECK("id-pfr0-sve-hidden", ((pfr0 >> 32) & 0xf) == 0, "SVE field %llu",
              (unsigned long long)((pfr0 >> 32) & 0xf));
        CHECK("id-pfr0-el2-hidden", ((pfr0 >> 8) & 0xf) == 0, "EL2 field %llu",
              (unsigned long long)((pfr0 >> 8) & 0xf));
        CHECK("id-pfr0-el1-aarch64", ((pfr0 >> 4) & 0xf) != 0, "EL1 field 0");
        CHECK("id-dfr0-spe-hidden", ((dfr0 >> 32) & 0xf) == 0, "PMSVer field %llu",
              (unsigned long long)((dfr0 >> 32) & 0xf));
}

static void check_wfi(void)
{
        uint64_t freq = guest_cntfrq(), ticks, start, end, ctl;

        if (!CHECK("cntfrq", freq != 0, "CNTFRQ_EL0 is 0"))
                return;
        ticks = freq / 1000;            /* 1 ms */
        if (!ticks)
                ticks = 1;

        start = guest_cntvct();
        __asm__ volatile("msr cntv_cval_el0, %0" : : "r"(start + ticks));
        __asm__ volatile("msr cntv_ctl_el0, %0\n\tisb" : : "r"((uint64_t)1) : "memory");  /* ENABLE */
        __asm__ volatile("dsb sy\n\twfi" ::: "memory");  /* PSTATE.I stays masked */
        end = guest_cntvct();
        __asm__ volatile("mrs %0, cntv_ctl_el0" : "=r"(ctl));
        __asm__ volatile("msr cntv_ctl_el0, %0\n\tisb" : : "r"((uint64_t)0) : "memory");

        guest_printf(NAME ": WFI returned after %llu ticks (deadline %llu, CNTV_CTL 0x%llx)\n",
                     (unsigned long long)(end - start), (unsigned long long)ticks,
                     (unsigned long long)ctl);
        CHECK("wfi-timer-wakeup", end - start >= ticks,
              "WFI returned after %llu ticks, before the timer deadline (%llu)",
              (unsigned long long)(end - start), (unsigned long long)ticks);
}

static void check_undef(void)
{
        struct guest_exc exc;
        uint64_t insn;
        bool caught;

        expect_exception();
        __asm__ volatile("adr   %0, 1f\n"
                         "1:    udf #0x1234"
                         : "=r"(insn) : : "memory");
        caught = expect_exception_end(&exc);
        if (!caught) {
                CHECK("undef-injected", false, "udf #0x1234 at 0x%llx did not trap",
                      (unsigned long long)insn);
                return;
        }
        CHECK("undef-injected", exc.ec == 0x00 && exc.elr == insn,
              "EC 0x%02x ESR 0x%llx ELR 0x%llx, want EC 0x00 ELR 0x%llx", exc.ec,
              (unsigned long long)exc.esr, (unsigned long long)exc.elr,
              (unsigned long long)insn);
}

static void check_hvc_imm(void)
{
        register uint64_t x0 __asm__("x0") = HYP_FN_NOP;
        register uint64_t x1 __asm__("x1") = 0;
        register uint64_t x2 __asm__("x2") = 0;
        register uint64_t x3 __asm__("x3") = 0;
        struct guest_exc exc;
        uint64_t ret;

        expect_exception();
        __asm__ volatile("hvc #1"
                         : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                         : : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
                             "x13", "x14", "x15", "x16", "x17", "memory");
        ret = x0;               /* before any call can clobber the register variable */
        if (expect_exception_end(&exc))
                guest_printf(NAME ": hvc #1 (NOP): exception injected, EC 0x%02x ESR 0x%llx\n",
                             exc.ec, (unsigned long long)exc.esr);
        else
                guest_printf(NAME ": hvc #1 (NOP): returned x0 = %lld\n", (long long)ret);
        CHECK("hvc-imm1-survived", true, "unreachable");
}

int guest_main(uint64_t dtb)
{
        uint64_t el;
        uint32_t magic = 0;

        guest_printf(NAME ": started, dtb 0x%llx, image 0x%llx-0x%llx\n", (unsigned long long)dtb,
                     (unsigned long long)(uintptr_t)__guest_start,
                     (unsigned long long)(uintptr_t)__guest_end);

        __asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
        CHECK("running-at-el1", ((el >> 2) & 3) == 1, "CurrentEL is EL%llu",
              (unsigned long long)((el >> 2) & 3));
        if (dtb) {
                bool ok = guest_try_read32(dtb, &magic, NULL);

                CHECK("dtb-magic", ok && magic == 0xedfe0dd0u,  /* 0xd00dfeed, big-endian */
                      "%s 0x%08x at 0x%llx", ok ? "read" : "fault reading",
                      magic, (unsigned long long)dtb);
        }

        check_hypercalls();
        check_console();
        check_aborts();
        check_id_regs();
        check_wfi();
        check_undef();
        check_hvc_imm();

        return guest_summary(NAME);
}
