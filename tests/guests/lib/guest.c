// SPDX-License-Identifier: MIT
#include "guest.h"
#include "lib/fdt.h"

#include "lib/printf.h"

/* ---- hypercalls ---------------------------------------------------------- */

/* SMCCC: x4..x17 may be clobbered by the callee (v1.0), so tell the compiler. */
#define SMCCC_CLOBBERS  "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", \
                        "x13", "x14", "x15", "x16", "x17", "memory"

uint64_t hvc_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3, struct hvc_res *out)
{
        register uint64_t x0 __asm__("x0") = fn;
        register uint64_t x1 __asm__("x1") = a1;
        register uint64_t x2 __asm__("x2") = a2;
        register uint64_t x3 __asm__("x3") = a3;

        __asm__ volatile("hvc #0"
                         : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                         : : SMCCC_CLOBBERS);
        if (out) {
                out->x0 = x0;
                out->x1 = x1;
                out->x2 = x2;
                out->x3 = x3;
        }
        return x0;
}

uint64_t smc_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3, struct hvc_res *out)
{
        register uint64_t x0 __asm__("x0") = fn;
        register uint64_t x1 __asm__("x1") = a1;
        register uint64_t x2 __asm__("x2") = a2;
        register uint64_t x3 __asm__("x3") = a3;

        __asm__ volatile("smc #0"
                         : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
                         : : SMCCC_CLOBBERS);
        if (out) {
                out->x0 = x0;
                out->x1 = x1;
                out->x2 = x2;
                out->x3 = x3;
        }
        return x0;
}

void vm_exit(int status)
{
        guest_flush();
        for (;;)
                hvc_call(HYP_FN_VM_EXIT, (uint64_t)(int64_t)status, 0, 0, NULL);
}

/* ---- console ------------------------------------------------------------- */

#define CONSOLE_CHUNK   4096u

size_t console_write(const char *buf, size_t len)
{
        size_t done = 0;

        while (done < len) {
                size_t n = len - done;
                int64_t ret;

                if (n > CONSOLE_CHUNK)
                        n = CONSOLE_CHUNK;
                /* MMU off: VA == IPA */
                ret = (int64_t)hvc_call(HYP_FN_CONSOLE_WRITE, (uint64_t)(uintptr_t)(buf + done),
                                        n, 0, NULL);
                if (ret <= 0)
                        break;
                done += (size_t)ret;
        }
        return done;
}

static char line_buf[256];
static size_t line_len;

void guest_flush(void)
{
        if (line_len) {
                console_write(line_buf, line_len);
                line_len = 0;
        }
}

static void line_putc(void *ctx, char c)
{
        (void)ctx;
        line_buf[line_len++] = c;
        if (c == '\n' || line_len == sizeof(line_buf))
                guest_flush();
}

int guest_vprintf(const char *fmt, va_list ap)
{
        return fmt_vformat(line_putc, NULL, fmt, ap);
}

int guest_printf(const char *fmt, ...)
{
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = guest_vprintf(fmt, ap);
        va_end(ap);
        return n;
}

void guest_puts(const char *s)
{
        while (*s)
                line_putc(NULL, *s++);
        line_putc(NULL, '\n');
}

/* ---- exceptions ---------------------------------------------------------- */

static volatile bool exc_armed;
static volatile bool exc_caught;
static struct guest_exc exc_last;
static unsigned int exc_depth;

static const char *const vector_names[16] = {
        "sync, current EL SP0", "IRQ, current EL SP0", "FIQ, current EL SP0", "SError, current EL SP0",
        "sync, current EL SPx", "IRQ, current EL SPx", "FIQ, current EL SPx", "SError, current EL SPx",
        "sync, lower EL AArch64", "IRQ, lower EL AArch64", "FIQ, lower EL AArch64", "SError, lower EL AArch64",
        "sync, lower EL AArch32", "IRQ, lower EL AArch32", "FIQ, lower EL AArch32", "SError, lower EL AArch32",
};

void (*guest_irq_handler)(struct guest_frame *frame);
void (*guest_sync_handler)(struct guest_frame *frame);

void guest_exception(struct guest_frame *frame, uint64_t kind)
{
        char msg[200];
        int n;

        if (GUEST_VEC_TYPE(kind) == 1 && guest_irq_handler) {
                guest_irq_handler(frame);
                return;
        }

        if (GUEST_VEC_TYPE(kind) == 0 && guest_sync_handler) {
                guest_sync_handler(frame);
                return;
        }

        if (GUEST_VEC_TYPE(kind) == 0 && exc_armed && exc_depth == 0) {
                exc_armed = false;
                exc_last.esr = frame->esr;
                exc_last.far = frame->far;
                exc_last.elr = frame->elr;
                exc_last.ec = esr_ec(frame->esr);
                exc_caught = true;
                frame->elr += 4;        /* skip the faulting instruction */
                return;
        }

        if (exc_depth++) {
                /* Faulted while reporting: no printf, just leave. */
                static const char nested[] = "FAIL unexpected exception: nested, in the guest's handler\n";
                console_write(nested, sizeof(nested) - 1);
                vm_exit(GUEST_EXIT_UNEXPECTED);
        }

        /* End a partial line first so the report starts on its own line. */
        if (line_len) {
                line_putc(NULL, '\n');
        }
        n = fmt_snprintf(msg, sizeof(msg),
                         "FAIL unexpected exception: EC 0x%02x ESR 0x%llx FAR 0x%llx ELR 0x%llx (%s)\n",
                         esr_ec(frame->esr), (unsigned long long)frame->esr,
                         (unsigned long long)frame->far, (unsigned long long)frame->elr,
                         vector_names[kind & 15]);
        if (n > (int)sizeof(msg) - 1)
                n = (int)sizeof(msg) - 1;
        console_write(msg, (size_t)n);
        vm_exit(GUEST_EXIT_UNEXPECTED);
}

void expect_exception(void)
{
        exc_caught = false;
        __asm__ volatile("" ::: "memory");
        exc_armed = true;
        __asm__ volatile("" ::: "memory");
}

bool expect_exception_end(struct guest_exc *exc)
{
        bool caught;

        __asm__ volatile("" ::: "memory");
        exc_armed = false;
        caught = exc_caught;
        exc_caught = false;
        if (caught && exc)
                *exc = exc_last;
        return caught;
}

bool guest_try_read32(uint64_t addr, uint32_t *val, struct guest_exc *exc)
{
        uint64_t v = 0, insn;
        bool faulted;

        expect_exception();
        __asm__ volatile("adr   %1, 1f\n"
                         "1:    ldr %w0, [%2]"
                         : "+r"(v), "=&r"(insn)
                         : "r"(addr)
                         : "memory");
        faulted = expect_exception_end(exc);
        if (faulted && exc)
                exc->insn = insn;
        if (!faulted && val)
                *val = (uint32_t)v;
        return !faulted;
}

bool guest_try_write32(uint64_t addr, uint32_t val, struct guest_exc *exc)
{
        uint64_t insn;
        bool faulted;

        expect_exception();
        __asm__ volatile("adr   %0, 1f\n"
                         "1:    str %w1, [%2]"
                         : "=&r"(insn)
                         : "r"(val), "r"(addr)
                         : "memory");
        faulted = expect_exception_end(exc);
        if (faulted && exc)
                exc->insn = insn;
        return !faulted;
}

/* ---- time ---------------------------------------------------------------- */

uint64_t guest_entry_cntpct;

uint64_t guest_cntfrq(void)
{
        uint64_t v;

        __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
        return v;
}

uint64_t guest_cntvct(void)
{
        uint64_t v;

        __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
        return v;
}

void guest_delay_us(uint64_t us)
{
        uint64_t start = guest_cntvct();
        uint64_t ticks = guest_cntfrq() * us / 1000000u;

        while (guest_cntvct() - start < ticks)
                ;
}

/* ---- checks -------------------------------------------------------------- */

static unsigned int checks_passed, checks_failed;

static bool check_v(const char *name, bool ok, bool quiet, const char *fmt, va_list ap)
{
        if (ok) {
                checks_passed++;
                if (!quiet)
                        guest_printf("PASS %s\n", name);
        } else {
                checks_failed++;
                guest_printf("FAIL %s: ", name);
                guest_vprintf(fmt, ap);
                guest_printf("\n");
        }
        return ok;
}

bool guest_check(const char *name, bool ok, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        ok = check_v(name, ok, false, fmt, ap);
        va_end(ap);
        return ok;
}

bool guest_check_quiet(const char *name, bool ok, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        ok = check_v(name, ok, true, fmt, ap);
        va_end(ap);
        return ok;
}

void guest_check_count(bool ok)
{
        if (ok)
                checks_passed++;
        else
                checks_failed++;
}

unsigned int guest_checks_passed(void)
{
        return checks_passed;
}

unsigned int guest_checks_failed(void)
{
        return checks_failed;
}

int guest_summary(const char *guest_name)
{
        guest_printf("SUMMARY %s: %u passed, %u failed\n", guest_name, checks_passed, checks_failed);
        guest_flush();
        return checks_failed > GUEST_EXIT_MAX_FAILED ? GUEST_EXIT_MAX_FAILED : (int)checks_failed;
}

/*
 * Stage 1: TTBR0_EL1 -> one level-1 table of 1 GiB blocks (T0SZ = 25, 4 KiB granule:
 * the walk starts at level 1), identity mapped as Normal memory:
 *   entry 0: 0x0000_0000-0x3fff_ffff  devices (GIC, UART) and holes: Normal, so unaligned
 *                                     and pair accesses reach stage 2
 *   entry 1: 0x4000_0000-0x7fff_ffff  guest RAM
 */
static uint64_t l1_table[512] __attribute__((aligned(4096)));

/* Block descriptor
 *   01:00 type     0b01  block
 *   04:02 AttrIndx 1     MAIR_EL1.Attr1 (Normal)
 *   07:06 AP       0b00  EL1 read/write
 *   09:08 SH       0b11  inner shareable
 *   10    AF       1     accessed (no access-flag faults)
 */
#define BLOCK_NORMAL    (0x1ull | (1ull << 2) | (3ull << 8) | (1ull << 10))

void guest_mmu_on_normal_devices(void)
{
        uint64_t sctlr;
        /*
         * MAIR_EL1: Attr0 0x00 Device-nGnRnE (unused), Attr1 0xff Normal WB RA/WA.
         * TCR_EL1
         *   05:00 T0SZ   25    39-bit VA (level-1 start)
         *   09:08 IRGN0  0b01  write-back
         *   11:10 ORGN0  0b01  write-back
         *   13:12 SH0    0b11  inner shareable
         *   15:14 TG0    0b00  4 KiB
         *   23    EPD1   1     no TTBR1 walks
         *   34:32 IPS    0b010 40-bit IPA (covers the guest's)
         */
        uint64_t tcr = 25 | (1ull << 8) | (1ull << 10) | (3ull << 12) | (1ull << 23) | (2ull << 32);

        l1_table[0] = 0x00000000ull | BLOCK_NORMAL;
        l1_table[1] = 0x40000000ull | BLOCK_NORMAL;
        __asm__ volatile("msr mair_el1, %0" : : "r"(0xff00ull));
        __asm__ volatile("msr tcr_el1, %0" : : "r"(tcr));
        __asm__ volatile("msr ttbr0_el1, %0" : : "r"((uint64_t)(uintptr_t)l1_table));
        __asm__ volatile("dsb ish; tlbi vmalle1; dsb ish; isb" : : : "memory");
        __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
        /* SCTLR_EL1: M (bit 0) on; A (bit 1, alignment checks) off; caches left as they are. */
        sctlr = (sctlr | 1ull) & ~2ull;
        __asm__ volatile("msr sctlr_el1, %0; isb" : : "r"(sctlr) : "memory");
}

const char *guest_bootargs(uint64_t dtb, int *len)
{
        const void *fdt = (const void *)(uintptr_t)dtb;
        int node;

        if (!dtb || fdt_check(fdt, 2u << 20) != 0)
                return NULL;
        node = fdt_path_offset(fdt, "/chosen");
        return node >= 0 ? fdt_getprop(fdt, node, "bootargs", len) : NULL;
}

bool guest_bootarg_u64(uint64_t dtb, const char *key, uint64_t *val)
{
        int len, n = (int)strlen(key);
        const char *args = guest_bootargs(dtb, &len);

        for (int i = 0; args && i + n < len; i++) {
                uint64_t v = 0;
                int j = i + n + 1;

                if ((i && args[i - 1] != ' ') || strncmp(args + i, key, (size_t)n) ||
                    args[i + n] != '=')
                        continue;
                for (; j < len && args[j] >= '0' && args[j] <= '9'; j++)
                        v = v * 10 + (uint64_t)(args[j] - '0');
                *val = v;
                return true;
        }
        return false;
}
