// SPDX-License-Identifier: MIT
/* The host's ID registers by encoding (the register is in the instruction: one MRS each). */
#include "arch/arch.h"
#include "arch/aarch64/sysreg.h"
#include "arch/aarch64/sysreg_enc.h"

#define ID_CASE(crm, op2)                                                       \
        case SYS_REG(3, 0, 0, crm, op2):                                        \
                return read_sysreg_s("S3_0_C0_C" #crm "_" #op2);
#define ID_ROW(crm) ID_CASE(crm, 0) ID_CASE(crm, 1) ID_CASE(crm, 2) ID_CASE(crm, 3) \
                    ID_CASE(crm, 4) ID_CASE(crm, 5) ID_CASE(crm, 6) ID_CASE(crm, 7)

uint64_t arch_id_reg(uint32_t reg)
{
        switch (reg) {
        ID_ROW(1) ID_ROW(2) ID_ROW(3) ID_ROW(4) ID_ROW(5) ID_ROW(6) ID_ROW(7)
        default:
                return 0;               /* unallocated: RAZ */
        }
}
