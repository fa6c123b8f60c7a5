// SPDX-License-Identifier: MIT
/*
 * unaligned: accesses to emulated devices that are not naturally aligned, or wider
 * than a register allows, made possible by mapping the devices as Normal memory at
 * stage 1 (with SCTLR_EL1.A = 0 the CPU lets them through, and they trap at stage 2
 * with a valid syndrome). Each must get an injected external abort, must leave the
 * registers next to it unchanged, and must leave the hypervisor working: an 8-byte
 * store at GICD + 0x85C (GICv2 ITARGETSR, INTIDs 92-99, of which 96-99 do not exist)
 * once wrote past the ITARGETSR bytes into the virtual UART's lock, and the next
 * UART access spun at EL2 for ever.
 */
#include "lib/guest.h"

#define NAME "unaligned"

#define GICD            0x08000000ull
#define GICD_PIDR2_V2   0xFE8
#define GICD_ITARGETSR  0x800
#define UART            0x09000000ull
#define UARTFR          0x018
#define UARTIMSC        0x038

static bool store64(uint64_t addr, uint64_t val, struct guest_exc *exc)
{
        expect_exception();
        __asm__ volatile("str %0, [%1]" : : "r"(val), "r"(addr) : "memory");
        return !expect_exception_end(exc);
}

static bool load64(uint64_t addr, uint64_t *val, struct guest_exc *exc)
{
        uint64_t v = 0;

        expect_exception();
        __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(addr) : "memory");
        if (expect_exception_end(exc))
                return false;
        *val = v;
        return true;
}

static bool store16(uint64_t addr, uint16_t val, struct guest_exc *exc)
{
        expect_exception();
        __asm__ volatile("strh %w0, [%1]" : : "r"(val), "r"(addr) : "memory");
        return !expect_exception_end(exc);
}

/* An access that must be refused with an injected synchronous external abort: taken
 * at EL1 from EL1, EC 0x25 (data abort, same EL), DFSC 0x10. */
static void check_refused(const char *name, bool completed, const struct guest_exc *exc)
{
        CHECK(name, !completed && exc->ec == 0x25 && (exc->esr & 0x3f) == 0x10,
              completed ? "the access completed" :
                          "EC 0x%02x ESR 0x%llx, want a synchronous external abort (EC 0x25, DFSC 0x10)",
              exc->ec, (unsigned long long)exc->esr);
}

int guest_main(uint64_t dtb)
{
        struct guest_exc exc = { 0 };
        uint32_t pidr2 = 0, fr = 0, before = 0, after = 0;
        uint64_t v = 0;
        bool v2;

        (void)dtb;
        guest_mmu_on_normal_devices();
        guest_puts(NAME ": MMU on, devices mapped as Normal memory");

        CHECK("gicd-pidr2", guest_try_read32(GICD + GICD_PIDR2_V2, &pidr2, &exc),
              "GICD + 0xFE8 read faulted");
        v2 = (pidr2 & 0xf0) == 0x20;
        guest_printf(NAME ": GICv%d distributor\n", v2 ? 2 : 3);

        /* GICv2: the last ITARGETSR word (INTIDs 92-95) and the bytes past the array. */
        guest_try_read32(GICD + GICD_ITARGETSR + 92, &before, &exc);
        check_refused("itargetsr-8-byte-store-past-the-end",
                      store64(GICD + GICD_ITARGETSR + 92, 0xdfdfdfdfdfdfdfdfull, &exc), &exc);
        check_refused("itargetsr-8-byte-load-past-the-end",
                      load64(GICD + GICD_ITARGETSR + 92, &v, &exc), &exc);
        guest_try_read32(GICD + GICD_ITARGETSR + 92, &after, &exc);
        CHECK("itargetsr-unchanged", after == before, "0x%08x became 0x%08x", before, after);

        /* Word registers at odd and misaligned addresses, on both GIC versions. */
        check_refused("gicd-ctlr-store-at-odd-address", store16(GICD + 1, 0xffff, &exc), &exc);
        check_refused("gicd-isenabler-8-byte-store-misaligned",
                      store64(GICD + 0x104, ~0ull, &exc), &exc);
        check_refused("gicd-ipriorityr-8-byte-store-at-the-end",
                      store64(GICD + 0x400 + 92, ~0ull, &exc), &exc);

        /* The virtual UART: a misaligned store next to IMSC, then it must still work. */
        guest_try_read32(UART + UARTIMSC, &before, &exc);
        check_refused("uart-8-byte-store-misaligned", store64(UART + UARTIMSC - 4, ~0ull, &exc),
                      &exc);
        guest_try_read32(UART + UARTIMSC, &after, &exc);
        CHECK("uart-imsc-unchanged", after == before, "IMSC 0x%x became 0x%x", before, after);
        /* Before the fix this read never returned: the UART's lock had been overwritten. */
        CHECK("uart-still-answers", guest_try_read32(UART + UARTFR, &fr, &exc) && (fr & 0x80),
              "UARTFR read faulted or TXFE clear (0x%x)", fr);
        if (v2)
                CHECK("itargetsr-aligned-still-works",
                      guest_try_write32(GICD + GICD_ITARGETSR + 92, 0x01010101, &exc) &&
                      guest_try_read32(GICD + GICD_ITARGETSR + 92, &after, &exc) &&
                      after == 0x01010101, "ITARGETSR word 23 reads 0x%08x", after);
        return guest_summary(NAME);
}
