// SPDX-License-Identifier: MIT
#include "arch/aarch64/debug.h"
#include "arch/aarch64/sysreg_enc.h"
#include "core/pcpu.h"
#include "core/sysreg_emul.h"
#include "core/vcpu.h"
#include "core/vdebug.h"
#include "lib/bits.h"

#define OSLSR_OSLK              BIT(1)

/*
 * Self-hosted debug: what a guest may set, for its own EL1 and EL0 only.
 *
 * DBGBCR<n>_EL1                          DBGWCR<n>_EL1
 *   00    E    enable                      00    E    enable
 *   02:01 PMC  EL1/EL0 (kept)              02:01 PAC  EL1/EL0 (kept)
 *   08:05 BAS  byte select (kept)          04:03 LSC  load/store (kept)
 *   13    HMC  EL2 too: cleared            12:05 BAS  byte select (kept)
 *   15:14 SSC  security state: cleared     13    HMC  EL2 too: cleared
 *   19:16 LBN  linked breakpoint (kept)    15:14 SSC  security state: cleared
 *   23:20 BT   type: VMID-matching ones    19:16 LBN  linked breakpoint (kept)
 *              (0b1xxx) are EL2's: the     20    WT   linked (kept)
 *              breakpoint is disabled      28:24 MASK address mask (kept)
 * DBGBVR/DBGWVR<n>_EL1: the address; bits 1:0 RES0.
 * MDSCR_EL1: SS (0), TDCC (12), KDE (13) and MDE (15) reach the CPU; the rest is shadow.
 */
#define DBGBCR_GUEST    (BIT(0) | (3u << 1) | (0xfu << 5) | (0xfu << 16) | (0xfu << 20))
#define DBGBCR_BT_EL2   (8u << 20)
#define DBGWCR_GUEST    (BIT(0) | (3u << 1) | (3u << 3) | (0xffu << 5) | (0xfu << 16) | \
                         BIT(20) | (0x1fu << 24))
#define MDSCR_TO_CPU    (BIT(0) | BIT(12) | BIT(13) | BIT(15))

static uint64_t dbg_sanitize(enum hw_dbg_reg which, uint64_t v)
{
        switch (which) {
        case HW_DBG_BCR:
                v &= DBGBCR_GUEST;
                return (v & DBGBCR_BT_EL2) ? v & ~(uint64_t)BIT(0) : v;
        case HW_DBG_WCR:
                return v & DBGWCR_GUEST;
        default:
                return v & ~3ull;
        }
}

void vdebug_load(struct vcpu *v)
{
        const struct emulated_sysregs *e = &v->emu;
        struct pcpu *p = this_pcpu();
        unsigned int brps = hw_dbg_brps(), wrps = hw_dbg_wrps();

        if (!e->dbg_used && !p->dbg_loaded)
                return;                         /* nothing of anybody's in the CPU */
        for (unsigned int n = 0; n < DBG_MAX_POINTS; n++) {
                if (n < brps) {
                        hw_dbg_write(HW_DBG_BVR, n, e->dbg[HW_DBG_BVR][n]);
                        hw_dbg_write(HW_DBG_BCR, n, e->dbg[HW_DBG_BCR][n]);
                }
                if (n < wrps) {
                        hw_dbg_write(HW_DBG_WVR, n, e->dbg[HW_DBG_WVR][n]);
                        hw_dbg_write(HW_DBG_WCR, n, e->dbg[HW_DBG_WCR][n]);
                }
        }
        hw_dbg_write_mdscr(e->mdscr & MDSCR_TO_CPU);
        hw_dbg_write_oslar((e->oslsr & OSLSR_OSLK) ? 1 : 0);
        hw_dbg_sync();
        p->dbg_loaded = e->dbg_used;
}

/* The guest changed its debug state (the vCPU is loaded here): into the CPU with it. */
static void dbg_used(struct vcpu *v)
{
        v->emu.dbg_used = true;
        this_pcpu()->dbg_loaded = true;
}

/* DBGBVR/DBGBCR/DBGWVR/DBGWCR<n>_EL1: op0 2, op1 0, CRn 0, CRm n, op2 4..7. */
static bool debug_point(struct vcpu *v, uint32_t reg, bool read, uint64_t *val)
{
        unsigned int n = SYS_REG_CRM(reg), op2 = SYS_REG_OP2(reg);
        enum hw_dbg_reg which;
        unsigned int have;

        if (SYS_REG_OP0(reg) != 2 || SYS_REG_OP1(reg) != 0 || SYS_REG_CRN(reg) != 0 || op2 < 4)
                return false;
        which = (enum hw_dbg_reg)(op2 - 4);
        have = which <= HW_DBG_BCR ? hw_dbg_brps() : hw_dbg_wrps();
        if (n >= have) {
                if (read)
                        *val = 0;               /* not implemented: RAZ/WI */
                return true;
        }
        if (read) {
                *val = v->emu.dbg[which][n];
                return true;
        }
        v->emu.dbg[which][n] = dbg_sanitize(which, *val);
        dbg_used(v);
        hw_dbg_write(which, n, v->emu.dbg[which][n]);
        hw_dbg_sync();
        return true;
}

/* Every op0 = 2 register (debug and trace): the ones above, MDSCR_EL1, the OS lock; the
 * rest (claim tags, DBGPRCR, ...) RAZ/WI. */
static bool debug_reg(struct vcpu *v, uint32_t reg, bool read, uint64_t *val)
{
        if (reg == SYS_MDSCR_EL1) {
                if (read) {
                        *val = v->emu.mdscr;
                } else {
                        v->emu.mdscr = *val;
                        dbg_used(v);
                        hw_dbg_write_mdscr(*val & MDSCR_TO_CPU);
                        hw_dbg_sync();
                }
                return true;
        }
        if (reg == SYS_OSLAR_EL1) {
                if (read)
                        return false;
                v->emu.oslsr = (v->emu.oslsr & ~OSLSR_OSLK) | ((*val & 1) ? OSLSR_OSLK : 0);
                dbg_used(v);
                hw_dbg_write_oslar(*val & 1);
                hw_dbg_sync();
                return true;
        }
        if (reg == SYS_OSLSR_EL1) {
                if (!read)
                        return false;
                *val = v->emu.oslsr;
                return true;
        }
        if (debug_point(v, reg, read, val))
                return true;
        if (read)
                *val = 0;
        return true;
}

int vdebug_init(void)
{
        return sysreg_register(SYS_REG(2, 0, 0, 0, 0), SYS_REG_MASK_OP0, debug_reg);
}
