// SPDX-License-Identifier: MIT
#include "arch/aarch64/debug.h"
#include "arch/aarch64/sysreg.h"

#define DBG_CASE(n)                                                                     \
        case n:                                                                         \
                switch (which) {                                                        \
                case HW_DBG_BVR: write_sysreg(DBGBVR##n##_EL1, value); break;           \
                case HW_DBG_BCR: write_sysreg(DBGBCR##n##_EL1, value); break;           \
                case HW_DBG_WVR: write_sysreg(DBGWVR##n##_EL1, value); break;           \
                case HW_DBG_WCR: write_sysreg(DBGWCR##n##_EL1, value); break;           \
                }                                                                       \
                break

void hw_dbg_write(enum hw_dbg_reg which, unsigned int n, uint64_t value)
{
        switch (n) {
        DBG_CASE(0); DBG_CASE(1); DBG_CASE(2); DBG_CASE(3);
        DBG_CASE(4); DBG_CASE(5); DBG_CASE(6); DBG_CASE(7);
        DBG_CASE(8); DBG_CASE(9); DBG_CASE(10); DBG_CASE(11);
        DBG_CASE(12); DBG_CASE(13); DBG_CASE(14); DBG_CASE(15);
        default: break;
        }
}

void hw_dbg_write_mdscr(uint64_t value)
{
        write_sysreg(MDSCR_EL1, value);
}

void hw_dbg_write_oslar(uint64_t value)
{
        write_sysreg(OSLAR_EL1, value);
}

void hw_dbg_sync(void)
{
        isb();
}

/*
 * ID_AA64DFR0_EL1
 *   23:20 WRPs  watchpoints - 1
 *   15:12 BRPs  breakpoints - 1
 */
unsigned int hw_dbg_brps(void)
{
        return (unsigned int)((read_sysreg(ID_AA64DFR0_EL1) >> 12) & 0xf) + 1;
}

unsigned int hw_dbg_wrps(void)
{
        return (unsigned int)((read_sysreg(ID_AA64DFR0_EL1) >> 20) & 0xf) + 1;
}
