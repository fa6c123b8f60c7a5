// SPDX-License-Identifier: MIT
#include "arch/aarch64/pmu.h"
#include "arch/aarch64/sysreg.h"

unsigned int hw_pmu_version(void)
{
        return (unsigned int)(read_sysreg(ID_AA64DFR0_EL1) >> 8) & 0xf;
}

bool hw_pmu_present(void)
{
        unsigned int v = hw_pmu_version();

        return v != 0 && v != 0xf;
}

unsigned int hw_pmu_counters(void)
{
        return (unsigned int)(read_sysreg(PMCR_EL0) >> PMCR_N_SHIFT) & 0x1f;
}

uint64_t hw_pmu_read(enum hw_pmu_reg r)
{
        switch (r) {
        case HW_PMCR:           return read_sysreg(PMCR_EL0);
        case HW_PMCNTEN:        return read_sysreg(PMCNTENSET_EL0);
        case HW_PMINTEN:        return read_sysreg(PMINTENSET_EL1);
        case HW_PMOVS:          return read_sysreg(PMOVSSET_EL0);
        case HW_PMSELR:         return read_sysreg(PMSELR_EL0);
        case HW_PMCCNTR:        return read_sysreg(PMCCNTR_EL0);
        case HW_PMCCFILTR:      return read_sysreg(PMCCFILTR_EL0);
        case HW_PMUSERENR:      return read_sysreg(PMUSERENR_EL0);
        case HW_PMCEID0:        return read_sysreg(PMCEID0_EL0);
        case HW_PMCEID1:        return read_sysreg(PMCEID1_EL0);
        case HW_PMMIR:          return read_sysreg_s("s3_0_c9_c14_6");     /* PMMIR_EL1 */
        }
        return 0;
}

void hw_pmu_write(enum hw_pmu_reg r, uint64_t value)
{
        switch (r) {
        case HW_PMCR:           write_sysreg(PMCR_EL0, value); break;
        case HW_PMCNTEN:        write_sysreg(PMCNTENSET_EL0, value); break;
        case HW_PMINTEN:        write_sysreg(PMINTENSET_EL1, value); break;
        case HW_PMOVS:          write_sysreg(PMOVSSET_EL0, value); break;
        case HW_PMSELR:         write_sysreg(PMSELR_EL0, value); break;
        case HW_PMCCNTR:        write_sysreg(PMCCNTR_EL0, value); break;
        case HW_PMCCFILTR:      write_sysreg(PMCCFILTR_EL0, value); break;
        case HW_PMUSERENR:      write_sysreg(PMUSERENR_EL0, value); break;
        default:                break;                  /* read-only */
        }
}

void hw_pmu_clear(enum hw_pmu_reg r, uint64_t bits)
{
        switch (r) {
        case HW_PMCNTEN:        write_sysreg(PMCNTENCLR_EL0, bits); break;
        case HW_PMINTEN:        write_sysreg(PMINTENCLR_EL1, bits); break;
        case HW_PMOVS:          write_sysreg(PMOVSCLR_EL0, bits); break;
        default:                break;
        }
}

/* PMSELR_EL0 selects the counter PMXEVCNTR/PMXEVTYPER reach; the guest's selection
 * is put back. */
uint64_t hw_pmu_evcntr_read(unsigned int n)
{
        uint64_t sel = read_sysreg(PMSELR_EL0), v;

        write_sysreg(PMSELR_EL0, n);
        isb();
        v = read_sysreg(PMXEVCNTR_EL0);
        write_sysreg(PMSELR_EL0, sel);
        isb();
        return v;
}

void hw_pmu_evcntr_write(unsigned int n, uint64_t value)
{
        uint64_t sel = read_sysreg(PMSELR_EL0);

        write_sysreg(PMSELR_EL0, n);
        isb();
        write_sysreg(PMXEVCNTR_EL0, value);
        write_sysreg(PMSELR_EL0, sel);
        isb();
}

void hw_pmu_evtyper_write(unsigned int n, uint64_t value)
{
        uint64_t sel = read_sysreg(PMSELR_EL0);

        write_sysreg(PMSELR_EL0, n);
        isb();
        write_sysreg(PMXEVTYPER_EL0, value);
        write_sysreg(PMSELR_EL0, sel);
        isb();
}

void hw_pmu_sync(void)
{
        isb();
}
