/* SPDX-License-Identifier: MIT */
/*
 * The in-tree test guests' runtime: console output and hypercalls (the ABI in
 * core/hvc_abi.h), expected exceptions, timer helpers and a PASS/FAIL check
 * framework. Guests run at EL1 with the MMU off, at IPA 0x40000000.
 *
 * Output lines the test harness parses:
 *   PASS <name>
 *   FAIL <name>: <why>
 *   SUMMARY <guest>: <passed> passed, <failed> failed
 * An exception nobody expected prints
 *   FAIL unexpected exception: EC 0x.. ESR 0x.. FAR 0x.. ELR 0x.. (<vector>)
 * and ends the VM with status GUEST_EXIT_UNEXPECTED (99).
 */
#ifndef TESTS_GUESTS_LIB_GUEST_H
#define TESTS_GUESTS_LIB_GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/hvc_abi.h"
#include "core/vplatform.h"              /* GUEST_RAM_BASE, the devices */

#define GUEST_EXIT_UNEXPECTED   99

/* Link-map symbols (guest.ld). */
extern char __guest_start[], __guest_end[];

/* Each guest provides this; its return value is the VM exit status. */
int guest_main(uint64_t dtb);

/* ---- hypercalls ---------------------------------------------------------- */
struct hvc_res {
        uint64_t x0, x1, x2, x3;
};

/* HVC #0 / SMC #0 with x0 = fn, x1..x3 = args; returns x0, all of x0..x3 in *out (may be NULL). */
uint64_t hvc_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3, struct hvc_res *out);
uint64_t smc_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3, struct hvc_res *out);
__attribute__((noreturn)) void vm_exit(int status);

/* ---- console ------------------------------------------------------------- */
/* HYP_FN_CONSOLE_WRITE in chunks of <= 4096 bytes; returns the bytes written. */
size_t console_write(const char *buf, size_t len);
/* Line-buffered output (flushed at '\n' or when the buffer fills). */
void guest_puts(const char *s);         /* s and a newline */
int guest_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int guest_vprintf(const char *fmt, va_list ap);
void guest_flush(void);

/* ---- exceptions ---------------------------------------------------------- */
/* The frame start.S saves for every exception (layout shared with start.S). */
struct guest_frame {
        uint64_t x[31];
        uint64_t elr, spsr, esr, far;
        uint64_t pad;
};

/* Vector kinds: group * 4 + type (0 sync, 1 IRQ, 2 FIQ, 3 SError). */
#define GUEST_VEC_TYPE(kind)    ((kind) & 3)
void guest_exception(struct guest_frame *frame, uint64_t kind);
/*
 * If set, IRQ exceptions (any vector group) go here instead of being reported
 * as unexpected; it runs on the interrupted CPU's stack with IRQs masked.
 * expect_exception() and the line-buffered console are for vCPU 0 only; other
 * vCPUs print with smp_printf() (lib/smp.h).
 */
extern void (*guest_irq_handler)(struct guest_frame *frame);
/* If set, every synchronous exception goes here (any vCPU); it decides what to do with the
 * frame (e.g. skip the instruction: frame->elr += 4). */
extern void (*guest_sync_handler)(struct guest_frame *frame);

/* The MMU on, identity-mapped, with the device window (IPA 0-1 GiB) as Normal memory:
 * unaligned, pair and exclusive accesses to devices then reach the hypervisor. */
void guest_mmu_on_normal_devices(void);

struct guest_exc {
        uint64_t esr, far, elr;
        uint64_t insn;          /* address of the instruction expected to fault (0: unknown) */
        unsigned int ec;
};

/*
 * expect_exception() arms a one-shot catcher: the next synchronous exception is
 * recorded and skipped (ELR += 4) instead of ending the guest.
 * expect_exception_end() disarms it and returns whether an exception was
 * caught since, filling *exc (may be NULL) if so.
 */
void expect_exception(void);
bool expect_exception_end(struct guest_exc *exc);

/* Single accesses that may fault: true if the access completed, false if it
 * faulted (*exc, which may be NULL, then describes the exception). */
bool guest_try_read32(uint64_t addr, uint32_t *val, struct guest_exc *exc);
bool guest_try_write32(uint64_t addr, uint32_t val, struct guest_exc *exc);

static inline unsigned int esr_ec(uint64_t esr)
{
        return (unsigned int)(esr >> 26) & 0x3f;
}

/* ---- the command line ---------------------------------------------------- */
/* The VM's bootargs (/chosen/bootargs of the device tree at dtb, as guest_main got it):
 * a pointer to them and their length, or NULL. */
const char *guest_bootargs(uint64_t dtb, int *len);
/* A decimal 'key=N' word of the bootargs into *val; false (and *val unchanged) if absent. */
bool guest_bootarg_u64(uint64_t dtb, const char *key, uint64_t *val);

/* ---- time ---------------------------------------------------------------- */
/* CNTPCT_EL0 read by the very first instruction of _start (start.S): on QEMU, whose
 * counter starts at 0 at reset, the time from reset to the guest's entry. */
extern uint64_t guest_entry_cntpct;
uint64_t guest_cntfrq(void);
uint64_t guest_cntvct(void);
void guest_delay_us(uint64_t us);

/* ---- checks -------------------------------------------------------------- */
/* Prints "PASS <name>" or "FAIL <name>: <why>" and counts; returns ok. */
bool guest_check(const char *name, bool ok, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Like guest_check but silent on success (for checks made thousands of times). */
bool guest_check_quiet(const char *name, bool ok, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Counts a check without printing anything. */
void guest_check_count(bool ok);
#define CHECK(name, cond, ...)          guest_check((name), (cond), __VA_ARGS__)
#define CHECK_QUIET(name, cond, ...)    guest_check_quiet((name), (cond), __VA_ARGS__)

/*
 * Prints "SUMMARY <guest>: <p> passed, <f> failed"; returns the failure count,
 * capped at GUEST_EXIT_MAX_FAILED so that it survives an 8-bit exit status and
 * stays distinct from GUEST_EXIT_UNEXPECTED.
 */
#define GUEST_EXIT_MAX_FAILED   98
int guest_summary(const char *guest_name);
unsigned int guest_checks_passed(void);
unsigned int guest_checks_failed(void);

/* ---- freestanding helpers: the hypervisor's own src/lib/string.c ----------- */
#include "lib/string.h"

#endif
