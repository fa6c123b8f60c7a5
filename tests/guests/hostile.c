// SPDX-License-Identifier: MIT
/*
 * hostile: a seeded random-operation guest, to show that nothing a guest does
 * can break EL2. Every vCPU runs 'ops' operations drawn from a seeded generator
 * (bootargs "seed=N ops=N"; vCPU n uses seed + n):
 *
 *   hvc, smc   random function IDs (SMCCC, PSCI, the hypervisor's, garbage) with
 *              random arguments: unknown ones must answer NOT_SUPPORTED
 *   psci       CPU_ON of random MPIDRs (the real entry point or a bad one),
 *              AFFINITY_INFO, CPU_SUSPEND standby: answers must be PSCI codes
 *   mmio       loads and stores of every width, unaligned, pairs, exclusives,
 *              acquire/release and writeback forms, to the GIC frames, the UART
 *              and unmapped IPAs (devices mapped Normal at stage 1, so all of
 *              them reach stage 2)
 *   sysreg     MRS of random encodings; MSR of random values to the registers
 *              that trap (ID, debug, ICC SGI, CNTP, ACTLR, IMPLEMENTATION DEFINED)
 *   cache      DC/IC/TLBI maintenance on random addresses
 *   wfi        WFI with the virtual timer armed to end it
 *
 * Faults the guest takes are counted by exception class and skipped. vCPU 0
 * restarts secondaries that powered off. At the end each vCPU's tally is
 * printed and the guest exits 0 (nothing here can make the hypervisor stop it;
 * a hypervisor that panics, hangs or stops this VM fails the scenario).
 */
#include "lib/guest.h"
#include "lib/smp.h"

#define NAME            "hostile"
#define GICD            0x08000000ull
#define GICC            0x08010000ull
#define GICR            0x080A0000ull
#define UART            0x09000000ull

enum op_class { OP_HVC, OP_SMC, OP_PSCI, OP_MMIO, OP_SYSREG, OP_CACHE, OP_WFI, NR_OPS };
static const char *const op_names[NR_OPS] = {
        "hvc", "smc", "psci", "mmio", "sysreg", "cache", "wfi",
};

struct tally {
        uint64_t ops[NR_OPS];
        uint64_t faults[64];            /* by the guest's own EC */
        uint64_t bad_answers;           /* an unknown call not answered NOT_SUPPORTED, ... */
        uint64_t first_bad_fn, first_bad_ret;
} __attribute__((aligned(64)));

static struct tally tallies[SMP_MAX_CPUS];
static uint64_t seed_base = 1, ops_per_cpu = 20000;
static unsigned int ncpus;
static volatile uint32_t cpu_done[SMP_MAX_CPUS];
/* Each vCPU's own buffers: generated instructions, and a scratch page for DC ZVA. */
static uint32_t code[SMP_MAX_CPUS][16] __attribute__((aligned(64)));
static uint8_t scratch[SMP_MAX_CPUS][4096] __attribute__((aligned(4096)));

/* ---- the generator: xorshift64* ---------------------------------------------- */
struct rng {
        uint64_t s;
};

static uint64_t next(struct rng *r)
{
        r->s ^= r->s >> 12;
        r->s ^= r->s << 25;
        r->s ^= r->s >> 27;
        return r->s * 0x2545F4914F6CDD1Dull;
}

static uint64_t below(struct rng *r, uint64_t n)
{
        return next(r) % n;
}

/* ---- faults: counted and skipped ----------------------------------------------- */
static void on_sync(struct guest_frame *f)
{
        tallies[smp_cpu_id()].faults[esr_ec(f->esr)]++;
        f->elr += 4;
}

/* ---- operations ---------------------------------------------------------------- */
static uint64_t random_arg(struct rng *r)
{
        switch (below(r, 4)) {
        case 0: return next(r);
        case 1: return GUEST_RAM_BASE + below(r, 0x10000000);      /* in or past RAM */
        case 2: return below(r, 0x100);
        default: return ~0ull - below(r, 16);
        }
}

/* A function ID that does not end, reset, suspend or stop this vCPU, and whether the
 * SMCCC says it must be NOT_SUPPORTED. */
static uint32_t random_fn(struct rng *r, bool *unknown)
{
        static const uint32_t avoid[] = {
                0x84000001, 0xC4000001,         /* CPU_SUSPEND (op 'psci' does standby) */
                0x84000002,                     /* CPU_OFF */
                0x84000003, 0xC4000003,         /* CPU_ON (op 'psci') */
                0x84000008, 0x84000009,         /* SYSTEM_OFF, SYSTEM_RESET */
                0x84000012, 0xC4000012,         /* SYSTEM_RESET2 */
                0x86000005,                     /* HYP_FN_VM_EXIT */
                0x86000001,                     /* CONSOLE_PUTC: garbage on the console */
        };
        uint32_t fn;

        for (;;) {
                switch (below(r, 5)) {
                case 0: fn = (uint32_t)next(r); break;
                case 1: fn = 0x84000000u | (uint32_t)below(r, 0x20) | (below(r, 2) ? 0x40000000u : 0); break;
                case 2: fn = 0x86000000u | (uint32_t)below(r, 8) | (below(r, 2) ? 0x40000000u : 0); break;
                case 3: fn = 0x80000000u | (uint32_t)below(r, 0x10000); break;
                default: fn = 0x8600FF00u | (uint32_t)below(r, 4); break;
                }
                bool ok = true;
                for (unsigned int i = 0; i < sizeof(avoid) / sizeof(avoid[0]); i++)
                        if ((fn & ~0x40000000u) == (avoid[i] & ~0x40000000u))
                                ok = false;
                if (ok)
                        break;
        }
        /* Known to this hypervisor: SMCCC VERSION/ARCH_FEATURES, PSCI 0x00-0x0A, its own
         * 0x86000000-06 and FF01/FF03. Everything else must be NOT_SUPPORTED (-1). */
        *unknown = !((fn & ~0x40000000u) <= 0x84000000u + 0x0A && (fn & ~0x40000000u) >= 0x84000000u) &&
                   !(fn >= 0x80000000u && fn <= 0x80000001u) &&
                   !((fn & ~0x40000000u) >= 0x86000000u && (fn & ~0x40000000u) <= 0x86000006u) &&
                   fn != 0x8600FF01u && fn != 0x8600FF03u;
        return fn;
}

static void op_call(struct rng *r, struct tally *t, bool smc)
{
        bool unknown;
        uint32_t fn = random_fn(r, &unknown);
        uint64_t a1 = random_arg(r), a2 = random_arg(r), a3 = random_arg(r);
        uint64_t ret;

        /* The hypervisor's calls that write guest memory get a buffer outside RAM, or
         * this vCPU's scratch page. */
        if ((fn & ~0x40000000u) == 0x86000002u || (fn & ~0x40000000u) == 0x86000004u)
                a1 = below(r, 2) ? (uint64_t)(uintptr_t)scratch[smp_cpu_id()] : 0x1000ull;
        if ((fn & ~0x40000000u) == 0x86000002u)
                a2 = below(r, 2) ? 0 : 4097 + below(r, 1000);   /* nothing printed */
        ret = smc ? smc_call(fn, a1, a2, a3, NULL) : hvc_call(fn, a1, a2, a3, NULL);
        if (unknown && (uint32_t)ret != 0xFFFFFFFFu) {
                if (!t->bad_answers++) {
                        t->first_bad_fn = fn;
                        t->first_bad_ret = ret;
                }
        }
}

static bool psci_code(int64_t r)
{
        return r <= 0 && r >= -9;
}

static void secondary(unsigned int cpu, uint64_t arg);

static void op_psci(struct rng *r, struct tally *t)
{
        int64_t ret;
        uint64_t mpidr = below(r, 4) ? below(r, ncpus + 1) : next(r);

        switch (below(r, 3)) {
        case 0: {
                /* The real secondary entry (context: the target's index), or a bad one. */
                uint64_t entry = below(r, 3) ? (uint64_t)(uintptr_t)smp_secondary_entry :
                                               random_arg(r) | 1;
                unsigned int target = (unsigned int)(mpidr & 0xff);

                if (target == 0 || target >= SMP_MAX_CPUS)
                        entry = (uint64_t)(uintptr_t)smp_secondary_entry;
                ret = psci_cpu_on(mpidr, entry, ((uint64_t)0x5ec0 << 8) | target, below(r, 2));
                if (!psci_code(ret) || (entry & 1 && ret == PSCI_SUCCESS))
                        t->bad_answers++;
                break;
        }
        case 1:
                ret = psci_affinity_info(mpidr, below(r, 4) ? 0 : below(r, 3));
                if (ret < -9 || ret > 2)
                        t->bad_answers++;
                break;
        default:
                /* CPU_SUSPEND standby (power_state 0) wakes like WFI: arm the timer. */
                __asm__ volatile("msr cntv_tval_el0, %0; msr cntv_ctl_el0, %1; isb"
                                 : : "r"(500ull + below(r, 2000)), "r"(1ull) : "memory");
                ret = (int64_t)hvc_call(0xC4000001u, 0, 0, 0, NULL);
                __asm__ volatile("msr cntv_ctl_el0, xzr; isb" ::: "memory");
                if (ret != PSCI_SUCCESS)
                        t->bad_answers++;
                break;
        }
}

/*
 * Where device emulation goes wrong: the edges of register arrays. Offsets into the
 * GIC distributor (and a redistributor's SGI frame) where an array starts or ends for
 * the 96 interrupts the vGIC has (bitmaps 12 bytes, ICFGR 24, priorities and targets
 * 96, IROUTER 768), and the ends of every frame.
 */
static const uint32_t gicd_edges[] = {
        0x0000, 0x0004, 0x0008, 0x0010, 0x0040, 0x0080, 0x008c, 0x0100, 0x010c, 0x0180,
        0x018c, 0x0200, 0x020c, 0x0280, 0x028c, 0x0300, 0x030c, 0x0380, 0x038c, 0x0400,
        0x0420, 0x0460, 0x0800, 0x0820, 0x0860, 0x0c00, 0x0c08, 0x0c18, 0x0d00, 0x0d0c,
        0x0e00, 0x0f00, 0x0f10, 0x0f20, 0x0fe8, 0x1000, 0x6000, 0x6100, 0x6300, 0xffe8,
        0x10000,
};
static const uint32_t gicr_edges[] = {
        0x0000, 0x0004, 0x0008, 0x0014, 0x0070, 0x0078, 0xffe8, 0x10000, 0x10080, 0x10084,
        0x10100, 0x10104, 0x10180, 0x10200, 0x10280, 0x10300, 0x10380, 0x10400, 0x10420,
        0x10c00, 0x10c08, 0x10d00, 0x20000, 0x20008, 0x30000, 0x40000,
};

static uint64_t near(struct rng *r, uint64_t base, const uint32_t *edges, unsigned int n)
{
        return base + edges[below(r, n)] + below(r, 17) - 8;   /* -8 .. +8 */
}

static uint64_t random_mmio_addr(struct rng *r)
{
        switch (below(r, 10)) {
        case 0: return GICD + below(r, 0x10000);
        case 1: case 2: return near(r, GICD, gicd_edges, sizeof(gicd_edges) / 4);
        case 3: return GICR + below(r, 0x40000);
        case 4: return near(r, GICR, gicr_edges, sizeof(gicr_edges) / 4);
        case 5: return GICC + below(r, 0x2000);
        case 6: {
                uint64_t off = below(r, 2) ? below(r, 0x1000) : 0xfe0 + below(r, 0x28);
                return UART + (off < 4 ? 4 : off);              /* not UARTDR: no garbage */
        }
        case 7: return below(r, 0x08000000);                    /* below the GIC: holes */
        case 8: return 0x0A000000ull + below(r, 0x36000000);   /* between UART and RAM */
        default: return 0x3ffffff8ull + below(r, 8);            /* the last bytes before RAM */
        }
}

static void op_mmio(struct rng *r)
{
        uint64_t a = random_mmio_addr(r), v = next(r), w = next(r);

        switch (below(r, 14)) {
        case 0: __asm__ volatile("ldrb %w0, [%1]" : "+r"(v) : "r"(a) : "memory"); break;
        case 1: __asm__ volatile("ldrh %w0, [%1]" : "+r"(v) : "r"(a) : "memory"); break;
        case 2: __asm__ volatile("ldr %w0, [%1]" : "+r"(v) : "r"(a) : "memory"); break;
        case 3: __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(a) : "memory"); break;
        case 4: __asm__ volatile("strb %w0, [%1]" : : "r"(v), "r"(a) : "memory"); break;
        case 5: __asm__ volatile("strh %w0, [%1]" : : "r"(v), "r"(a) : "memory"); break;
        case 6: __asm__ volatile("str %w0, [%1]" : : "r"(v), "r"(a) : "memory"); break;
        case 7: __asm__ volatile("str %0, [%1]" : : "r"(v), "r"(a) : "memory"); break;
        case 8: __asm__ volatile("ldp %0, %1, [%2]" : "+r"(v), "+r"(w) : "r"(a) : "memory"); break;
        case 9: __asm__ volatile("stp %0, %1, [%2]" : : "r"(v), "r"(w), "r"(a) : "memory"); break;
        case 10: {
                uint32_t status = 0;
                __asm__ volatile("ldxr %0, [%2]\n\tstxr %w1, %0, [%2]"
                                 : "+r"(v), "+r"(status) : "r"(a) : "memory");
                break;
        }
        case 11: __asm__ volatile("ldar %0, [%1]" : "+r"(v) : "r"(a & ~7ull) : "memory"); break;
        case 12: __asm__ volatile("stlr %w0, [%1]" : : "r"(v), "r"(a & ~3ull) : "memory"); break;
        default: {
                uint64_t p = a;
                __asm__ volatile("str %1, [%0], #8" : "+r"(p) : "r"(v) : "memory");   /* writeback */
                break;
        }
        }
}

/* MRS x0, <enc> / MSR <enc>, x0; RET, generated into this vCPU's code buffer. */
static uint64_t run_sysreg(unsigned int cpu, uint32_t insn, uint64_t val)
{
        uint32_t *c = code[cpu];
        uint64_t (*fn)(uint64_t) = (uint64_t (*)(uint64_t))(uintptr_t)c;

        c[0] = insn;
        c[1] = 0xd65f03c0;                                      /* RET */
        __asm__ volatile("dc cvau, %0; dsb ish; ic ivau, %0; dsb ish; isb"
                         : : "r"(c) : "memory");
        return fn(val);
}

/* op0 (2 or 3), op1, CRn, CRm, op2 into an MRS (read) or MSR with Rt = x0. */
static uint32_t sys_insn(bool read, unsigned int op0, unsigned int op1, unsigned int crn,
                         unsigned int crm, unsigned int op2)
{
        return (read ? 0xd5300000u : 0xd5100000u) | ((op0 - 2) << 19) | (op1 << 16) |
               (crn << 12) | (crm << 8) | (op2 << 5);
}

static void op_sysreg(struct rng *r, unsigned int cpu)
{
        unsigned int op0 = 2 + (unsigned int)below(r, 2), op1 = (unsigned int)below(r, 8);
        unsigned int crn = (unsigned int)below(r, 16), crm = (unsigned int)below(r, 16);
        unsigned int op2 = (unsigned int)below(r, 8);
        uint64_t v = next(r);

        if (below(r, 2)) {
                run_sysreg(cpu, sys_insn(true, op0, op1, crn, crm, op2), 0);
                return;
        }
        /* Writes only where the register traps; nothing that would disarm this guest. */
        switch (below(r, 7)) {
        case 0: op0 = 3; op1 = 0; crn = 0; break;                        /* ID registers */
        case 1: op0 = 3; crn = below(r, 2) ? 11 : 15; break;             /* IMP DEF */
        case 2: op0 = 3; op1 = 0; crn = 12; crm = 11; op2 = 5 + (unsigned int)below(r, 3); break;
        case 3: op0 = 3; op1 = 3; crn = 14; crm = 2; op2 = (unsigned int)below(r, 3); break;
        case 4: op0 = 3; op1 = 0; crn = 1; crm = 0; op2 = 1; break;     /* ACTLR_EL1 */
        default:
                op0 = 2;
                if (op1 == 0 && crn == 0 && (op2 == 5 || op2 == 7))
                        v &= ~1ull;                             /* DBGBCR/DBGWCR: E off */
                if (op1 == 0 && crn == 0 && crm == 2 && op2 == 2)
                        v &= ~(1ull | 1ull << 13 | 1ull << 15); /* MDSCR: no SS, KDE, MDE */
                break;
        }
        run_sysreg(cpu, sys_insn(false, op0, op1, crn, crm, op2), v);
}

static void op_cache(struct rng *r, unsigned int cpu)
{
        uint64_t a = below(r, 2) ? random_mmio_addr(r) : GUEST_RAM_BASE + below(r, 0x4000000);
        uint64_t s = (uint64_t)(uintptr_t)scratch[cpu];

        switch (below(r, 9)) {
        case 0: __asm__ volatile("dc civac, %0" : : "r"(a) : "memory"); break;
        case 1: __asm__ volatile("dc cvac, %0" : : "r"(a) : "memory"); break;
        /* Invalidate without clean: never this guest's own RAM (it would lose its data). */
        case 2: __asm__ volatile("dc ivac, %0" : : "r"(below(r, 2) ? random_mmio_addr(r) : s)
                                 : "memory"); break;
        case 3: __asm__ volatile("dc zva, %0" : : "r"(below(r, 2) ? random_mmio_addr(r) : s)
                                 : "memory"); break;
        case 4: __asm__ volatile("ic ivau, %0" : : "r"(a) : "memory"); break;
        case 5: __asm__ volatile("ic iallu" ::: "memory"); break;
        case 6: __asm__ volatile("tlbi vae1, %0" : : "r"(a >> 12) : "memory"); break;
        case 7: __asm__ volatile("tlbi vmalle1is" ::: "memory"); break;
        default: __asm__ volatile("tlbi aside1, %0" : : "r"(next(r)) : "memory"); break;
        }
        __asm__ volatile("dsb sy; isb" ::: "memory");
}

static void op_wfi(struct rng *r)
{
        __asm__ volatile("msr cntv_tval_el0, %0; msr cntv_ctl_el0, %1; isb; wfi; "
                         "msr cntv_ctl_el0, xzr; isb"
                         : : "r"(100ull + below(r, 3000)), "r"(1ull) : "memory");
}

static void run_ops(unsigned int cpu, uint64_t n)
{
        struct rng r = { .s = (seed_base + cpu) * 0x9E3779B97F4A7C15ull | 1 };
        struct tally *t = &tallies[cpu];

        for (uint64_t i = 0; i < n; i++) {
                enum op_class c = (enum op_class)below(&r, NR_OPS);

                t->ops[c]++;
                switch (c) {
                case OP_HVC: op_call(&r, t, false); break;
                case OP_SMC: op_call(&r, t, true); break;
                case OP_PSCI: op_psci(&r, t); break;
                case OP_MMIO: op_mmio(&r); break;
                case OP_SYSREG: op_sysreg(&r, cpu); break;
                case OP_CACHE: op_cache(&r, cpu); break;
                default: op_wfi(&r); break;
                }
                /* A vCPU's own view must survive what it did: still this vCPU. */
                if (smp_cpu_id() != cpu)
                        t->bad_answers++;
        }
}

/* Secondaries: a share of the operations per start, then CPU_OFF (vCPU 0 starts them
 * again until their share is done; random CPU_ONs race with it). */
static void secondary(unsigned int cpu, uint64_t arg)
{
        (void)arg;
        guest_mmu_on_normal_devices();
        if (!cpu_done[cpu]) {
                run_ops(cpu, ops_per_cpu);
                cpu_done[cpu] = 1;
                smp_mb();
        }
}

int guest_main(uint64_t dtb)
{
        uint64_t total = 0, faults = 0, bad = 0;

        guest_bootarg_u64(dtb, "seed", &seed_base);
        guest_bootarg_u64(dtb, "ops", &ops_per_cpu);
        ncpus = smp_vcpu_count();
        guest_printf(NAME ": seed %llu, %llu operations on each of %u vCPU%s\n",
                     (unsigned long long)seed_base, (unsigned long long)ops_per_cpu, ncpus,
                     ncpus == 1 ? "" : "s");
        guest_flush();
        guest_sync_handler = on_sync;
        guest_mmu_on_normal_devices();
        for (unsigned int c = 1; c < ncpus; c++)
                smp_cpu_on(c, secondary, 0, false);
        run_ops(0, ops_per_cpu);
        /* Wait for the secondaries' shares, restarting any that powered off early. */
        for (unsigned int c = 1; c < ncpus; c++) {
                uint64_t start = guest_cntvct(), limit = guest_cntfrq() * 120;

                while (!cpu_done[c] && guest_cntvct() - start < limit) {
                        if (psci_affinity_info(c, 0) == PSCI_AFF_OFF)
                                smp_cpu_on(c, secondary, 0, false);
                        guest_delay_us(1000);
                }
                CHECK("secondary-finished", cpu_done[c], "vCPU %u did not finish its operations", c);
        }
        guest_sync_handler = NULL;
        for (unsigned int c = 0; c < ncpus; c++) {
                struct tally *t = &tallies[c];
                uint64_t n = 0, f = 0;

                for (unsigned int k = 0; k < NR_OPS; k++)
                        n += t->ops[k];
                for (unsigned int e = 0; e < 64; e++)
                        f += t->faults[e];
                guest_printf(NAME ": vCPU %u: %llu ops (", c, (unsigned long long)n);
                for (unsigned int k = 0; k < NR_OPS; k++)
                        guest_printf("%s%s %llu", k ? ", " : "", op_names[k],
                                     (unsigned long long)t->ops[k]);
                guest_printf("), %llu faults taken (data abort %llu, undefined %llu)\n",
                             (unsigned long long)f, (unsigned long long)t->faults[0x25],
                             (unsigned long long)t->faults[0]);
                if (t->bad_answers)
                        guest_printf(NAME ": vCPU %u: %llu wrong answers, first: fn 0x%llx -> 0x%llx\n",
                                     c, (unsigned long long)t->bad_answers,
                                     (unsigned long long)t->first_bad_fn,
                                     (unsigned long long)t->first_bad_ret);
                total += n;
                faults += f;
                bad += t->bad_answers;
        }
        guest_printf(NAME ": %llu operations, %llu faults, all answered\n",
                     (unsigned long long)total, (unsigned long long)faults);
        CHECK("answers", bad == 0, "%llu calls got answers the specifications do not allow",
              (unsigned long long)bad);
        return guest_summary(NAME);
}
