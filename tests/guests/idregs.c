// SPDX-License-Identifier: MIT
/*
 * idregs: the sanitised ID registers and the traps for hidden features, as the
 * Arm ARM has them for a CPU without the feature: SVE, LORegions and
 * IMPLEMENTATION DEFINED registers UNDEFINED, and PMU counters past PMCR_EL0.N (EC 0x00 injected at the
 * instruction); breakpoint registers read back as the guest may set them (no
 * EL2 or VMID matching), MDSCR_EL1 read back, the OS lock (OSLAR_EL1 ->
 * OSLSR_EL1.OSLK); ACTLR_EL1 RAZ/WI; the EL1 physical
 * timer's CTL/CVAL read back; writes to ID registers UNDEFINED.
 * Exit status: the number of failed checks.
 */
#include "lib/guest.h"
#include "lib/smp.h"

#define NAME "idregs"

#define MRS(reg, v)     __asm__ volatile("mrs %0, " reg : "=r"(v) : : "memory")
#define MSR(reg, v)     __asm__ volatile("msr " reg ", %0\n\tisb" : : "r"((uint64_t)(v)) : "memory")

static unsigned int field(uint64_t v, unsigned int shift)
{
        return (unsigned int)(v >> shift) & 0xf;
}

/* Expect the access to be UNDEFINED: EC 0x00 at the instruction. */
#define CHECK_UNDEF(name, insn_asm, ...)                                                \
        do {                                                                            \
                struct guest_exc exc;                                                   \
                uint64_t at, val = 0;                                                   \
                expect_exception();                                                     \
                __asm__ volatile("adr %0, 1f\n1: " insn_asm                             \
                                 : "=&r"(at), "+r"(val) : : "memory");                  \
                if (!expect_exception_end(&exc))                                        \
                        CHECK(name, false, "no exception (read 0x%llx)",                \
                              (unsigned long long)val);                                 \
                else                                                                    \
                        CHECK(name, exc.ec == 0 && exc.elr == at,                       \
                              "EC 0x%02x ESR 0x%llx ELR 0x%llx, want EC 0x00 at 0x%llx", \
                              exc.ec, (unsigned long long)exc.esr,                      \
                              (unsigned long long)exc.elr, (unsigned long long)at);    \
        } while (0)

static void check_ids(void)
{
        uint64_t pfr0, pfr1, dfr0, isar1, mmfr1, zfr0, smfr0, midr, mpidr;

        MRS("id_aa64pfr0_el1", pfr0);
        MRS("S3_0_C0_C4_1", pfr1);
        MRS("id_aa64dfr0_el1", dfr0);
        MRS("id_aa64isar1_el1", isar1);
        MRS("id_aa64mmfr1_el1", mmfr1);
        MRS("S3_0_C0_C4_4", zfr0);
        MRS("S3_0_C0_C4_5", smfr0);
        MRS("midr_el1", midr);
        mpidr = read_mpidr();
        guest_printf(NAME ": PFR0 0x%016llx PFR1 0x%016llx DFR0 0x%016llx ISAR1 0x%016llx "
                     "MMFR1 0x%016llx ZFR0 0x%llx SMFR0 0x%llx MIDR 0x%llx MPIDR 0x%llx\n",
                     (unsigned long long)pfr0, (unsigned long long)pfr1, (unsigned long long)dfr0,
                     (unsigned long long)isar1, (unsigned long long)mmfr1, (unsigned long long)zfr0,
                     (unsigned long long)smfr0, (unsigned long long)midr, (unsigned long long)mpidr);

        CHECK("pfr0-el2-0", field(pfr0, 8) == 0, "EL2 %u", field(pfr0, 8));
        CHECK("pfr0-sve-0", field(pfr0, 32) == 0, "SVE %u", field(pfr0, 32));
        CHECK("pfr0-ras-0", field(pfr0, 28) == 0, "RAS %u", field(pfr0, 28));
        CHECK("pfr0-mpam-0", field(pfr0, 40) == 0, "MPAM %u", field(pfr0, 40));
        CHECK("pfr0-amu-0", field(pfr0, 44) == 0, "AMU %u", field(pfr0, 44));
        CHECK("pfr0-sel2-0", field(pfr0, 36) == 0, "SEL2 %u", field(pfr0, 36));
        CHECK("pfr0-el1-aarch64", field(pfr0, 4) >= 1, "EL1 %u", field(pfr0, 4));
        CHECK("pfr1-sme-0", field(pfr1, 24) == 0, "SME %u", field(pfr1, 24));
        /* The host's PMUv3 (QEMU's CPUs have one), virtualized: vdev/vpmu.c. */
        CHECK("dfr0-pmuver-v3", field(dfr0, 8) >= 1 && field(dfr0, 8) != 0xf, "PMUVer %u",
              field(dfr0, 8));
        CHECK("dfr0-tracever-0", field(dfr0, 4) == 0, "TraceVer %u", field(dfr0, 4));
        CHECK("dfr0-pmsver-0", field(dfr0, 32) == 0, "PMSVer %u", field(dfr0, 32));
        CHECK("dfr0-debugver", field(dfr0, 0) >= 6, "DebugVer %u (Armv8 debug is >= 6)", field(dfr0, 0));
        CHECK("isar1-pauth-0", field(isar1, 4) == 0 && field(isar1, 8) == 0 && field(isar1, 24) == 0 &&
              field(isar1, 28) == 0, "APA %u API %u GPA %u GPI %u", field(isar1, 4), field(isar1, 8),
              field(isar1, 24), field(isar1, 28));
        CHECK("mmfr1-vh-0", field(mmfr1, 8) == 0, "VH %u", field(mmfr1, 8));
        CHECK("mmfr1-lo-0", field(mmfr1, 16) == 0, "LO %u", field(mmfr1, 16));
        CHECK("zfr0-0", zfr0 == 0, "ID_AA64ZFR0_EL1 0x%llx", (unsigned long long)zfr0);
        CHECK("smfr0-0", smfr0 == 0, "ID_AA64SMFR0_EL1 0x%llx", (unsigned long long)smfr0);
        CHECK("midr-implementer-arm", (midr >> 24) == 0x41, "MIDR_EL1 0x%llx: implementer 0x%llx, "
              "want 0x41 (QEMU's Arm cores)", (unsigned long long)midr, (unsigned long long)(midr >> 24));
        CHECK("midr-architecture-0xf", ((midr >> 16) & 0xf) == 0xf, "MIDR_EL1.Architecture 0x%llx",
              (unsigned long long)((midr >> 16) & 0xf));
        CHECK("mpidr-vcpu0", mpidr == 0x80000000ull, "MPIDR_EL1 0x%llx, want 0x80000000",
              (unsigned long long)mpidr);
}

static void check_traps(void)
{
        uint64_t v, w;

        /* The PMU's: an event counter past PMCR_EL0.N (QEMU's have 6), a read of the
         * write-only PMSWINC_EL0. */
        CHECK_UNDEF("pmevcntr30-el0-undef", "mrs %1, S3_3_C14_C11_6");    /* PMEVCNTR30_EL0 */
        CHECK_UNDEF("pmswinc-el0-read-undef", "mrs %1, S3_3_C9_C12_4");   /* PMSWINC_EL0 */
        CHECK_UNDEF("zcr-el1-undef", "mrs %1, S3_0_C1_C2_0");             /* ZCR_EL1 */
        CHECK_UNDEF("lorc-el1-undef", "mrs %1, S3_0_C10_C4_3");           /* LORC_EL1 */
        CHECK_UNDEF("lorid-el1-undef", "mrs %1, S3_0_C10_C4_7");          /* LORID_EL1 */
        CHECK_UNDEF("impdef-s3-0-c15-c0-0-undef", "mrs %1, S3_0_C15_C0_0");
        {
                /*
                 * An IMPLEMENTATION DEFINED register the CPU model really has (Cortex-A57
                 * CPUECTLR_EL1): only HCR_EL2.TIDCP makes it UNDEFINED, and QEMU before 8.0
                 * does not implement that trap, so this is a note, not a check.
                 */
                struct guest_exc exc;

                expect_exception();
                MRS("S3_1_C15_C2_1", v);
                if (expect_exception_end(&exc))
                        guest_printf(NAME ": note: S3_1_C15_C2_1 (CPUECTLR_EL1) -> EC 0x%02x (trapped)\n",
                                     exc.ec);
                else
                        guest_printf(NAME ": note: S3_1_C15_C2_1 (CPUECTLR_EL1) read 0x%llx without a "
                                     "trap (HCR_EL2.TIDCP not honoured by this CPU model?)\n",
                                     (unsigned long long)v);
        }
        CHECK_UNDEF("id-aa64pfr0-write-undef", "msr S3_0_C0_C4_0, %1");
        CHECK_UNDEF("midr-write-undef", "msr S3_0_C0_C0_0, %1");

        /* Debug: breakpoints hold what the guest may set (its own EL1/EL0); MDE is off,
         * so none of them fires here (tests/guests/debug.c makes them fire). */
        MSR("S2_0_C0_C0_4", 0x40001000ull);                               /* DBGBVR0_EL1 */
        MRS("S2_0_C0_C0_4", v);
        CHECK("dbgbvr0-read-back", v == 0x40001000ull,
              "DBGBVR0_EL1 reads 0x%llx after writing 0x40001000", (unsigned long long)v);
        MSR("S2_0_C0_C0_5", 0x1e7ull);                                    /* DBGBCR0_EL1 */
        MRS("S2_0_C0_C0_5", v);
        CHECK("dbgbcr0-read-back", v == 0x1e7, "DBGBCR0_EL1 reads 0x%llx after writing 0x1e7",
              (unsigned long long)v);
        MSR("S2_0_C0_C0_5", 0x1e7ull | (1ull << 13) | (3ull << 14));    /* + HMC, SSC */
        MRS("S2_0_C0_C0_5", v);
        CHECK("dbgbcr0-no-el2", v == 0x1e7, "DBGBCR0_EL1 reads 0x%llx after writing HMC and "
              "SSC too, want 0x1e7 (the hypervisor's EL2 is not the guest's to debug)",
              (unsigned long long)v);
        MSR("S2_0_C0_C0_5", 0x1e7ull | (8ull << 20));                     /* BT: VMID match */
        MRS("S2_0_C0_C0_5", v);
        CHECK("dbgbcr0-vmid-type-off", v == (0x1e6ull | (8ull << 20)),
              "DBGBCR0_EL1 reads 0x%llx after a VMID-matching type, want it disabled",
              (unsigned long long)v);
        MSR("S2_0_C0_C0_5", 0ull);

        MSR("S2_0_C0_C2_2", 0x1000ull);                                   /* MDSCR_EL1.TDCC */
        MRS("S2_0_C0_C2_2", v);
        MSR("S2_0_C0_C2_2", 0);
        MRS("S2_0_C0_C2_2", w);
        CHECK("mdscr-read-back", v == 0x1000 && w == 0, "MDSCR_EL1 read 0x%llx then 0x%llx, want "
              "0x1000 then 0", (unsigned long long)v, (unsigned long long)w);

        MSR("S2_0_C1_C0_4", 1);                                           /* OSLAR_EL1 */
        MRS("S2_0_C1_C1_4", v);                                           /* OSLSR_EL1 */
        MSR("S2_0_C1_C0_4", 0);
        MRS("S2_0_C1_C1_4", w);
        CHECK("os-lock", (v & 2) && !(w & 2), "OSLSR_EL1 0x%llx after OSLAR 1, 0x%llx after OSLAR 0",
              (unsigned long long)v, (unsigned long long)w);
        CHECK("oslsr-oslm", (w & 0x9) == 0x8, "OSLSR_EL1.OSLM = %llu%llu, want 0b10 (OS lock implemented)",
              (unsigned long long)((w >> 3) & 1), (unsigned long long)(w & 1));

        MRS("S3_0_C1_C0_1", v);                                           /* ACTLR_EL1 */
        MSR("S3_0_C1_C0_1", 0xffffull);
        MRS("S3_0_C1_C0_1", w);
        CHECK("actlr-raz-wi", v == 0 && w == 0, "ACTLR_EL1 0x%llx, 0x%llx after writing 0xffff",
              (unsigned long long)v, (unsigned long long)w);

        {
                uint64_t cval = guest_cntvct() + 0x123456789ull, ctl;

                MSR("S3_3_C14_C2_2", cval);                               /* CNTP_CVAL_EL0 */
                MSR("S3_3_C14_C2_1", 2);                                  /* CNTP_CTL_EL0: IMASK, off */
                MRS("S3_3_C14_C2_2", v);
                MRS("S3_3_C14_C2_1", ctl);
                CHECK("cntp-cval-read-back", v == cval, "CNTP_CVAL_EL0 0x%llx, wrote 0x%llx",
                      (unsigned long long)v, (unsigned long long)cval);
                CHECK("cntp-ctl-read-back", (ctl & 3) == 2, "CNTP_CTL_EL0 0x%llx, wrote 0x2",
                      (unsigned long long)ctl);
                MSR("S3_3_C14_C2_1", 0);
        }
}

int guest_main(uint64_t dtb)
{
        (void)dtb;
        guest_printf(NAME ": started\n");
        check_ids();
        check_traps();
        return guest_summary(NAME);
}
