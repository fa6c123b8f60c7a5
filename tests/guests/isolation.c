// SPDX-License-Identifier: MIT
/*
 * isolation: run as two VMs at once from the same ELF; the VM id (VM_INFO)
 * picks the role.
 *
 * Even id, "writer": fills its RAM from +1 MiB to +8 MiB with a recognisable
 * pattern (every 32-bit word: 0x5EC2E7 << 8 | the MiB it is in), prints
 * "isolation writer: pattern written", prints a heartbeat every ~100 ms for
 * ~2 s, checks its pattern is intact (the prober writes its own RAM at the same
 * IPAs) and exits with the failure count.
 *
 * Odd id, "prober": after ~300 ms (so the writer has written) reads one word at
 * every 1 MiB of IPA space below RAM (outside the device window
 * 0x08000000-0x0A004000) and every 16 MiB from the end of its RAM up to 8 GiB:
 * each read must fault, and no read may return the writer's pattern. It also
 * checks its own RAM shows no trace of the pattern, and that IPAs
 * 0x40200000-0x40210000 (where the hypervisor's image is, physically, on QEMU)
 * hold what it wrote there itself.
 */
#include "lib/guest.h"
#include "lib/printf.h"

#define NAME            "isolation"

#define MiB             0x100000ull
#define GiB             0x40000000ull

#define PATTERN_BASE    0x5EC2E700u
#define PATTERN_MASK    0xFFFFFF00u
#define FILL_START      (GUEST_RAM_BASE + 1 * MiB)
#define FILL_END        (GUEST_RAM_BASE + 8 * MiB)

/* The emulated devices: GIC, UART, virtio-mmio transports (core/vplatform.h). */
#define DEV_START       GUEST_GICD_BASE
#define DEV_END         (GUEST_VIRTIO_BASE + GUEST_VIRTIO_COUNT * GUEST_VIRTIO_STRIDE)
#define HIGH_LIMIT      (8 * GiB)
#define MIN_RAM         (16 * MiB)

#define HYP_IMAGE_START 0x40200000ull
#define HYP_IMAGE_END   0x40210000ull

static uint32_t pattern(uint64_t ipa)
{
        return PATTERN_BASE | (uint32_t)((ipa >> 20) & 0xff);
}

static bool is_pattern(uint32_t v)
{
        return (v & PATTERN_MASK) == PATTERN_BASE;
}

static volatile uint32_t *word(uint64_t ipa)
{
        return (volatile uint32_t *)(uintptr_t)ipa;
}

/* ---- writer ---------------------------------------------------------------- */

static int writer(void)
{
        uint64_t freq = guest_cntfrq(), start, next, now, a;
        unsigned int beat = 0, bad = 0;
        uint64_t first_bad = 0;

        CHECK("writer-image-below-fill", (uintptr_t)__guest_end <= FILL_START,
              "image ends at 0x%llx, above 0x%llx", (unsigned long long)(uintptr_t)__guest_end,
              (unsigned long long)FILL_START);

        for (a = FILL_START; a < FILL_END; a += 4)
                *word(a) = pattern(a);
        guest_puts(NAME " writer: pattern written");

        start = next = guest_cntvct();
        while ((now = guest_cntvct()) - start < 2 * freq) {
                if (now - next < (1ull << 63)) {        /* now >= next, wrap-safe */
                        guest_printf(NAME " writer: heartbeat %u\n", beat++);
                        next += freq / 10;
                }
        }

        for (a = FILL_START; a < FILL_END; a += 4) {
                if (*word(a) != pattern(a)) {
                        if (!bad++)
                                first_bad = a;
                }
        }
        CHECK("writer-pattern-intact", bad == 0, "%u words changed, the first at 0x%llx (0x%08x)",
              bad, (unsigned long long)first_bad, bad ? *word(first_bad) : 0);
        return guest_summary(NAME);
}

/* ---- prober ---------------------------------------------------------------- */

/* The first /memory node's reg, from the DTB the hypervisor passed (0 if none). */
static uint32_t be32(const uint8_t *p)
{
        return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* s (at most max bytes, maybe unterminated) equals lit. */
static bool str_is(const char *s, size_t max, const char *lit)
{
        size_t i;

        for (i = 0; lit[i]; i++)
                if (i >= max || s[i] != lit[i])
                        return false;
        return i < max && s[i] == '\0';
}

static bool name_is_memory(const char *n, size_t max)
{
        static const char mem[] = "memory";
        size_t i;

        for (i = 0; i < 6; i++)
                if (i >= max || n[i] != mem[i])
                        return false;
        return i >= max || n[i] == '\0' || n[i] == '@';
}

static uint64_t dtb_ram_size(uint64_t dtb)
{
        const uint8_t *fdt = (const uint8_t *)(uintptr_t)dtb;
        uint32_t magic, total, off_struct, off_strings, size_struct;
        uint32_t acells = 2, scells = 2, pos, end;
        int depth = 0;
        bool in_memory = false;

        if (!dtb || (dtb & 3) || !guest_try_read32(dtb, &magic, NULL) || magic != 0xedfe0dd0u)
                return 0;
        total = be32(fdt + 4);
        off_struct = be32(fdt + 8);
        off_strings = be32(fdt + 12);
        size_struct = be32(fdt + 36);
        if (total > 1024 * 1024 || off_struct >= total || off_strings >= total ||
            size_struct > total - off_struct)
                return 0;
        pos = off_struct;
        end = off_struct + size_struct;

        while (pos + 4 <= end) {
                uint32_t tok = be32(fdt + pos);

                pos += 4;
                if (tok == 1) {                         /* FDT_BEGIN_NODE */
                        const char *n = (const char *)fdt + pos;
                        size_t len = 0;

                        while (pos + len < end && n[len])
                                len++;
                        depth++;
                        in_memory = depth == 2 && name_is_memory(n, len);
                        pos = (pos + (uint32_t)len + 1 + 3) & ~3u;
                } else if (tok == 2) {                  /* FDT_END_NODE */
                        depth--;
                        in_memory = false;
                } else if (tok == 3) {                  /* FDT_PROP */
                        uint32_t plen, nameoff;
                        const char *pname;
                        size_t smax;
                        const uint8_t *val;

                        if (pos + 8 > end)
                                return 0;
                        plen = be32(fdt + pos);
                        nameoff = be32(fdt + pos + 4);
                        pos += 8;
                        if (plen > end - pos || nameoff >= total - off_strings)
                                return 0;
                        pname = (const char *)fdt + off_strings + nameoff;
                        smax = total - off_strings - nameoff;
                        val = fdt + pos;
                        if (depth == 1 && plen == 4) {
                                if (str_is(pname, smax, "#address-cells"))
                                        acells = be32(val);
                                else if (str_is(pname, smax, "#size-cells"))
                                        scells = be32(val);
                        }
                        if (in_memory && str_is(pname, smax, "reg") &&
                            acells >= 1 && acells <= 2 && scells >= 1 && scells <= 2 &&
                            plen >= 4 * (acells + scells)) {
                                uint64_t base = be32(val), size = be32(val + 4 * acells);

                                if (acells == 2)
                                        base = (base << 32) | be32(val + 4);
                                if (scells == 2)
                                        size = (size << 32) | be32(val + 4 * acells + 4);
                                return base == GUEST_RAM_BASE ? size : 0;
                        }
                        pos = (pos + plen + 3) & ~3u;
                } else if (tok == 4) {                  /* FDT_NOP */
                        continue;
                } else {
                        break;                          /* FDT_END or garbage */
                }
        }
        return 0;
}

static unsigned int pattern_hits, probe_failures_shown;

#define PROBE_FAILURES_SHOWN    16

/* Counts a probe's result; prints only the first PROBE_FAILURES_SHOWN failures. */
static void probe_result(bool ok, const char *why)
{
        if (ok || probe_failures_shown >= PROBE_FAILURES_SHOWN) {
                guest_check_count(ok);
                return;
        }
        probe_failures_shown++;
        CHECK_QUIET("probe-fault", false, "%s%s", why,
                    probe_failures_shown == PROBE_FAILURES_SHOWN ? " (further probe failures not shown)" : "");
}

/* One probe outside our RAM: must fault, must never show the writer's pattern. */
static void probe(uint64_t ipa, unsigned int *faulted)
{
        struct guest_exc exc;
        uint32_t v = 0;
        char why[128];

        if (!guest_try_read32(ipa, &v, &exc)) {
                bool ok = exc.ec == 0x25 && exc.far == ipa;

                if (!ok)
                        fmt_snprintf(why, sizeof(why),
                                     "read32 at 0x%llx: EC 0x%02x FAR 0x%llx, want EC 0x25 and FAR == address",
                                     (unsigned long long)ipa, exc.ec, (unsigned long long)exc.far);
                probe_result(ok, why);
                (*faulted)++;
                return;
        }
        fmt_snprintf(why, sizeof(why), "read32 at 0x%llx returned 0x%08x, no fault",
                     (unsigned long long)ipa, v);
        probe_result(false, why);
        if (is_pattern(v)) {
                pattern_hits++;
                guest_printf(NAME " prober: read32 at 0x%llx returned the writer's 0x%08x\n",
                             (unsigned long long)ipa, v);
        }
}

static int prober(uint64_t dtb)
{
        uint64_t ram_size, ram_end, a;
        unsigned int n = 0, faulted = 0, own_hits = 0;
        uint32_t v;

        guest_delay_us(300 * 1000);

        /* How big is our RAM? The DTB if we have one, else probe up in 16 MiB steps. */
        ram_size = dtb_ram_size(dtb);
        if (ram_size) {
                guest_printf(NAME " prober: RAM 0x%llx bytes (from the DTB)\n",
                             (unsigned long long)ram_size);
        } else {
                ram_size = MIN_RAM;
                while (GUEST_RAM_BASE + ram_size < HIGH_LIMIT &&
                       guest_try_read32(GUEST_RAM_BASE + ram_size, &v, NULL)) {
                        if (is_pattern(v))
                                own_hits++;
                        ram_size += 16 * MiB;
                }
                guest_printf(NAME " prober: RAM about 0x%llx bytes (probed in 16 MiB steps)\n",
                             (unsigned long long)ram_size);
        }
        ram_end = GUEST_RAM_BASE + ram_size;

        /* Our own RAM, where the writer's pattern is in its RAM: must not show it. */
        for (a = FILL_START; a < FILL_END; a += 64 * 1024)
                if (is_pattern(*word(a)))
                        own_hits++;
        CHECK("own-ram-no-writer-pattern", own_hits == 0,
              "%u words of our own RAM hold the writer's pattern", own_hits);

        /* Where the hypervisor lives physically on QEMU: we must see our own RAM. */
        if (CHECK("own-image-below-0x40200000", (uintptr_t)__guest_end <= HYP_IMAGE_START,
                  "image ends at 0x%llx", (unsigned long long)(uintptr_t)__guest_end)) {
                unsigned int bad = 0;

                for (a = HYP_IMAGE_START; a < HYP_IMAGE_END; a += 4)
                        *word(a) = (uint32_t)a ^ 0xA5A5A5A5u;
                __asm__ volatile("dsb sy" ::: "memory");
                for (a = HYP_IMAGE_START; a < HYP_IMAGE_END; a += 4)
                        if (*word(a) != ((uint32_t)a ^ 0xA5A5A5A5u))
                                bad++;
                CHECK("own-ram-at-hyp-image-ipa", bad == 0,
                      "%u of the words written at 0x%llx-0x%llx read back differently", bad,
                      (unsigned long long)HYP_IMAGE_START, (unsigned long long)HYP_IMAGE_END);
        }

        /* Below RAM: every 1 MiB, except the device window. */
        for (a = 0; a < GUEST_RAM_BASE; a += MiB) {
                if (a >= DEV_START && a < DEV_END)
                        continue;
                probe(a, &faulted);
                n++;
        }
        guest_printf(NAME " prober: 0x0-0x%llx: %u probes, %u faulted\n",
                     (unsigned long long)GUEST_RAM_BASE, n, faulted);
        CHECK("probe-below-ram", faulted == n, "%u of %u reads did not fault", n - faulted, n);

        /* Above RAM: every 16 MiB up to 8 GiB. */
        n = faulted = 0;
        for (a = (ram_end + 16 * MiB - 1) & ~(16 * MiB - 1); a < HIGH_LIMIT; a += 16 * MiB) {
                probe(a, &faulted);
                n++;
        }
        guest_printf(NAME " prober: 0x%llx-0x%llx: %u probes, %u faulted\n",
                     (unsigned long long)ram_end, (unsigned long long)HIGH_LIMIT, n, faulted);
        CHECK("probe-above-ram", faulted == n, "%u of %u reads did not fault", n - faulted, n);
        CHECK("probe-no-writer-pattern", pattern_hits == 0, "%u reads returned the writer's pattern",
              pattern_hits);

        return guest_summary(NAME);
}

int guest_main(uint64_t dtb)
{
        struct hvc_res r;

        hvc_call(HYP_FN_VM_INFO, 0, 0, 0, &r);
        if (!CHECK("vm-info", r.x0 == 0, "VM_INFO returned %lld", (long long)r.x0))
                return guest_summary(NAME);
        guest_printf(NAME ": VM id %llu: %s\n", (unsigned long long)r.x1,
                     (r.x1 & 1) ? "prober" : "writer");
        return (r.x1 & 1) ? prober(dtb) : writer();
}
