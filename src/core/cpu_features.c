// SPDX-License-Identifier: MIT
#include "arch/arch.h"
#include "core/cpu_features.h"
#include "core/sysreg_emul.h"

/*
 * What a guest may see: features whose state the hypervisor saves and restores,
 * or that need no state. Each row is one 4-bit field and what the guest reads
 * in it; every other field reads as the host's. (MTE is the host's: GCR, RGSR and
 * TFSR*_EL1 are switched per vCPU, tags live in each VM's own RAM and are zeroed
 * with it: arch/aarch64.)
 */
const struct id_field cpu_id_fields[] = {
        { SYS_ID_AA64PFR0_EL1,   8, 0x0, "EL2",         "no nested virtualization" },
        { SYS_ID_AA64PFR0_EL1,  28, 0x0, "RAS",         "error records not virtualized (TERR/TEA)" },
        { SYS_ID_AA64PFR0_EL1,  32, 0x0, "SVE",         "its state is not saved" },
        { SYS_ID_AA64PFR0_EL1,  36, 0x0, "SEL2",        "no Secure EL2 for guests" },
        { SYS_ID_AA64PFR0_EL1,  40, 0x0, "MPAM",        "not virtualized" },
        { SYS_ID_AA64PFR0_EL1,  44, 0x0, "AMU",         "activity monitors trap (CPTR_EL2.TAM)" },
        { SYS_ID_AA64PFR1_EL1,  12, 0x0, "RAS_frac",    "with RAS" },
        { SYS_ID_AA64PFR1_EL1,  16, 0x0, "MPAM_frac",   "with MPAM" },
        { SYS_ID_AA64PFR1_EL1,  24, 0x0, "SME",         "its state is not saved" },
        { SYS_ID_AA64PFR1_EL1,  28, 0x0, "RNDR_trap",   "not offered" },
        { SYS_ID_AA64PFR1_EL1,  36, 0x0, "NMI",         "not virtualized" },
        { SYS_ID_AA64DFR0_EL1,   4, 0x0, "TraceVer",    "trace registers trap (CPTR_EL2.TTA)" },
        { SYS_ID_AA64DFR0_EL1,  32, 0x0, "PMSVer",      "no statistical profiling (MDCR_EL2.TPMS)" },
        { SYS_ID_AA64DFR0_EL1,  36, 0xf, "DoubleLock",  "not implemented" },
        { SYS_ID_AA64DFR0_EL1,  40, 0x0, "TraceFilt",   "with trace" },
        { SYS_ID_AA64DFR0_EL1,  44, 0x0, "TraceBuffer", "with trace" },
        { SYS_ID_AA64DFR0_EL1,  48, 0x0, "MTPMU",       "PMEVTYPER.MT not offered (vdev/vpmu.c)" },
        { SYS_ID_AA64DFR0_EL1,  52, 0x0, "BRBE",        "branch records not virtualized" },
        { SYS_ID_AA64DFR0_EL1,  56, 0x0, "HPMN0",       "an EL2 feature: guests have no EL2" },
        { SYS_ID_DFR0_EL1,      12, 0x0, "MMapTrc",     "AArch32 view: trace" },
        { SYS_ID_DFR0_EL1,      16, 0x0, "CopTrc",      "AArch32 view: trace" },
        { SYS_ID_AA64ISAR1_EL1,  4, 0x0, "APA",         "pointer-auth keys are not saved" },
        { SYS_ID_AA64ISAR1_EL1,  8, 0x0, "API",         "pointer-auth keys are not saved" },
        { SYS_ID_AA64ISAR1_EL1, 24, 0x0, "GPA",         "pointer-auth keys are not saved" },
        { SYS_ID_AA64ISAR1_EL1, 28, 0x0, "GPI",         "pointer-auth keys are not saved" },
        { SYS_ID_AA64ISAR2_EL1,  8, 0x0, "GPA3",        "pointer-auth keys are not saved" },
        { SYS_ID_AA64ISAR2_EL1, 12, 0x0, "APA3",        "pointer-auth keys are not saved" },
        { SYS_ID_AA64MMFR1_EL1,  8, 0x0, "VH",          "no nested VHE" },
        { SYS_ID_AA64MMFR1_EL1, 16, 0x0, "LO",          "LORegions trap (HCR_EL2.TLOR)" },
};
const unsigned int cpu_id_nfields = sizeof(cpu_id_fields) / sizeof(cpu_id_fields[0]);

/* Registers a guest reads as all zeros: features with no state saved at all. */
static const uint32_t hidden_regs[] = {
        SYS_ID_AA64ZFR0_EL1,            /* SVE */
        SYS_ID_AA64SMFR0_EL1,           /* SME */
        SYS_ID_AA64DFR1_EL1,
        SYS_ID_AA64AFR0_EL1,            /* IMPLEMENTATION DEFINED */
        SYS_ID_AA64AFR1_EL1,
};

/* The table folded per register by cpu_features_init (a read is one AND and one OR):
 * [CRm][op2] of op0=3 op1=0 CRn=0. */
static uint64_t keep_mask[8][8], set_bits[8][8];

uint64_t cpu_features_sanitize(uint32_t reg, uint64_t v)
{
        unsigned int crm = SYS_REG_CRM(reg), op2 = SYS_REG_OP2(reg);

        if (SYS_REG_OP0(reg) != 3 || SYS_REG_OP1(reg) || SYS_REG_CRN(reg) || crm > 7)
                return v;
        return (v & keep_mask[crm][op2]) | set_bits[crm][op2];
}

/* ID registers are read-only: a write is UNDEFINED. */
static bool id_reg(struct vcpu *v, uint32_t reg, bool read, uint64_t *val)
{
        if (!read)
                return false;
        *val = cpu_features_sanitize(reg, arch_id_reg(reg));
        return true;
}

int cpu_features_init(void)
{
        /* Fold the table: every field row, then the registers hidden whole. */
        for (unsigned int crm = 0; crm < 8; crm++)
                for (unsigned int op2 = 0; op2 < 8; op2++)
                        keep_mask[crm][op2] = ~0ull, set_bits[crm][op2] = 0;
        for (unsigned int i = 0; i < cpu_id_nfields; i++) {
                const struct id_field *f = &cpu_id_fields[i];
                unsigned int crm = SYS_REG_CRM(f->reg), op2 = SYS_REG_OP2(f->reg);

                keep_mask[crm][op2] &= ~(0xfull << f->shift);
                set_bits[crm][op2] = (set_bits[crm][op2] & ~(0xfull << f->shift)) |
                                     ((uint64_t)f->value << f->shift);
        }
        for (unsigned int i = 0; i < sizeof(hidden_regs) / sizeof(hidden_regs[0]); i++) {
                unsigned int crm = SYS_REG_CRM(hidden_regs[i]), op2 = SYS_REG_OP2(hidden_regs[i]);

                keep_mask[crm][op2] = 0;
                set_bits[crm][op2] = 0;
        }
        for (unsigned int crm = 1; crm <= 7; crm++)
                if (sysreg_register(SYS_REG(3, 0, 0, crm, 0), SYS_REG_MASK_ALL & ~SYS_REG_MASK_OP2,
                                    id_reg))
                        return -1;
        return 0;
}
