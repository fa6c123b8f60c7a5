// SPDX-License-Identifier: MIT
/*
 * What traps to EL2 while a guest runs, programmed on every CPU at boot:
 * HCR_EL2, MDCR_EL2, CPTR_EL2 and CNTHCTL_EL2, from this CPU's features.
 */
#include "arch/arch.h"
#include "arch/aarch64/debug.h"
#include "arch/aarch64/pmu.h"
#include "arch/aarch64/sysreg.h"

static unsigned int id_field(uint64_t reg, unsigned int shift)
{
        return (unsigned int)(reg >> shift) & 0xf;
}

void arch_trap_init_cpu(void)
{
        uint64_t pfr0 = read_sysreg(ID_AA64PFR0_EL1);
        uint64_t mmfr1 = read_sysreg(ID_AA64MMFR1_EL1);
        uint64_t mdcr, hpmn;

        /*
         * HCR_EL2 for an AArch64 guest at EL1
         *   56:56 ATA    x1 where FEAT_MTE2: allocation tags and GCR/RGSR/TFSR*_EL1 are
         *                the guest's (saved per vCPU; its RAM's tags zeroed before it gets it)
         *   37:35 TEA/TERR/TLOR  x1 where implemented: RAS and LORegions hidden, trapped
         *   31:31 RW     x1   EL1 is AArch64
         *   21:21 TACR   x1   ACTLR_EL1 accesses trap (RAZ/WI)
         *   20:20 TIDCP  x1   IMPLEMENTATION DEFINED registers trap (UNDEFINED)
         *   19:19 TSC    x1   SMC traps (PSCI and SMCCC emulated here)
         *   18:18 TID3   x1   ID registers trap (sanitized feature set)
         *   13:13 TWI    x1   WFI traps (the vCPU blocks, the CPU goes to others or idles)
         *   11:10 BSU    x1   barriers inner shareable
         *   09:09 FB     x1   TLB and I-cache maintenance broadcast
         *   05:03 AMO/IMO/FMO x1  physical interrupts to EL2, virtual interrupts to EL1
         *   01:01 SWIO   x1   set/way invalidation upgraded to clean+invalidate
         *   00:00 VM     x1   stage-2 translation
         */
        uint64_t hcr = HCR_EL2_RW | HCR_EL2_TACR | HCR_EL2_TIDCP | HCR_EL2_TSC | HCR_EL2_TID3 |
                    HCR_EL2_TWI | HCR_EL2_BSU_IS | HCR_EL2_FB | HCR_EL2_AMO | HCR_EL2_IMO |
                    HCR_EL2_FMO | HCR_EL2_SWIO | HCR_EL2_VM;
        if (id_field(pfr0, 28))                 /* FEAT_RAS */
                hcr |= HCR_EL2_TERR | HCR_EL2_TEA;
        if (id_field(mmfr1, 16))                /* FEAT_LOR */
                hcr |= HCR_EL2_TLOR;
        if (cpu_has_mte2())
                hcr |= HCR_EL2_ATA;
        write_sysreg(HCR_EL2, hcr);

        /*
         * MDCR_EL2: debug, OS lock, debug ROM and PMU registers trap (emulated:
         * breakpoints, watchpoints, MDSCR and the OS lock written through to the CPU
         * for the guest's EL1/EL0 (core/vdebug.c); the PMU done on the CPU's for the
         * loaded vCPU, its event filters sanitized (vdev/vpmu.c)). TDE stays 0: debug
         * exceptions go to the guest's EL1. HPMN: every counter is the guest's.
         *   23    HCCD   no cycle counting at EL2 (where FEAT_PMUv3p5 exists)
         *   17    HPMD   no event counting at EL2 (where FEAT_PMUv3p1 exists)
         *   14    TPMS   statistical profiling traps (where FEAT_SPE exists)
         *   11    TDRA   debug ROM address registers trap
         *   10    TDOSA  OS lock / power-down registers trap
         *   09    TDA    debug registers trap
         *   06    TPM    PMU registers trap
         *   05    TPMCR  PMCR_EL0 traps
         *   04:00 HPMN   counters reserved to EL1/EL0: all (PMCR_EL0.N)
         */
        hpmn = (read_sysreg(PMCR_EL0) >> 11) & MDCR_EL2_HPMN_MASK;
        mdcr = MDCR_EL2_TDRA | MDCR_EL2_TDOSA | MDCR_EL2_TDA | MDCR_EL2_TPM | MDCR_EL2_TPMCR | hpmn;
        if (((read_sysreg(ID_AA64DFR0_EL1) >> 32) & 0xf))      /* FEAT_SPE */
                mdcr |= MDCR_EL2_TPMS;
        if (hw_pmu_present() && hw_pmu_version() >= 4)
                mdcr |= MDCR_EL2_HPMD;
        if (hw_pmu_present() && hw_pmu_version() >= 6)
                mdcr |= MDCR_EL2_HCCD;
        /* Nobody's counters run, nobody's overflow requests an interrupt, EL0 traps. */
        if (hw_pmu_present()) {
                write_sysreg(PMCR_EL0, 0);
                write_sysreg(PMCNTENCLR_EL0, ~0ull);
                write_sysreg(PMINTENCLR_EL1, ~0ull);
                write_sysreg(PMOVSCLR_EL0, ~0ull);
                write_sysreg(PMUSERENR_EL0, 0);
        }
        write_sysreg(MDCR_EL2, mdcr);
        /* No breakpoint or watchpoint armed until a guest asks (their reset is UNKNOWN). */
        for (unsigned int n = 0; n < hw_dbg_brps(); n++)
                hw_dbg_write(HW_DBG_BCR, n, 0);
        for (unsigned int n = 0; n < hw_dbg_wrps(); n++)
                hw_dbg_write(HW_DBG_WCR, n, 0);
        write_sysreg(MDSCR_EL1, 0);

        /*
         * CPTR_EL2 (non-VHE): FP/SIMD free (saved on vCPU switch); SVE, SME, trace and
         * activity monitors trap (hidden in the ID registers; the guest gets UNDEFINED).
         *   31:31 TCPAC  x0   CPACR_EL1 accesses do not trap
         *   30:30 TAM    x1   activity monitor registers trap (where FEAT_AMU exists)
         *   20:20 TTA    x1   trace registers trap
         *   13:13 RES1
         *   12:12 TSM    x1   SME traps (RES1 without FEAT_SME)
         *   10:10 TFP    x0   FP/SIMD does not trap
         *   09:09 RES1
         *   08:08 TZ     x1   SVE traps (RES1 without FEAT_SVE)
         *   07:00 RES1
         */
        write_sysreg(CPTR_EL2, CPTR_EL2_RES1 | CPTR_EL2_TZ | CPTR_EL2_TSM | CPTR_EL2_TTA |
                               ((pfr0 >> 44) & 0xf ? CPTR_EL2_TAM : 0));

        /*
         * CNTHCTL_EL2 (non-VHE), and CNTVOFF_EL2 0 until a vCPU is loaded
         *   01:01 EL1PCEN   x0  the EL1 physical timer (CNTP_*) traps: emulated, PPI 30
         *   00:00 EL1PCTEN  x1  the physical counter (CNTPCT_EL0) is readable
         */
        write_sysreg(CNTHCTL_EL2, CNTHCTL_EL1PCTEN);
        write_sysreg(CNTVOFF_EL2, 0);
        isb();
}
