// SPDX-License-Identifier: MIT
#include "arch/aarch64/sysreg.h"
#include "arch/aarch64/debug.h"
#include "core/pcpu.h"
#include "core/sysreg_emul.h"
#include "core/vcpu.h"
#include "core/vm.h"
#include "lib/log.h"

#define SYS_ID_AA64PFR0_EL1     SYS_REG(3, 0, 0, 4, 0)
#define SYS_ID_AA64PFR1_EL1     SYS_REG(3, 0, 0, 4, 1)
#define SYS_ID_AA64ZFR0_EL1     SYS_REG(3, 0, 0, 4, 4)
#define SYS_ID_AA64SMFR0_EL1    SYS_REG(3, 0, 0, 4, 5)
#define SYS_ID_AA64DFR0_EL1     SYS_REG(3, 0, 0, 5, 0)
#define SYS_ID_AA64DFR1_EL1     SYS_REG(3, 0, 0, 5, 1)
#define SYS_ID_AA64AFR0_EL1     SYS_REG(3, 0, 0, 5, 4)
#define SYS_ID_AA64AFR1_EL1     SYS_REG(3, 0, 0, 5, 5)
#define SYS_ID_AA64ISAR1_EL1    SYS_REG(3, 0, 0, 6, 1)
#define SYS_ID_AA64ISAR2_EL1    SYS_REG(3, 0, 0, 6, 2)
#define SYS_ID_AA64MMFR1_EL1    SYS_REG(3, 0, 0, 7, 1)
#define SYS_ID_DFR0_EL1         SYS_REG(3, 0, 0, 1, 2)

#define SYS_ACTLR_EL1           SYS_REG(3, 0, 1, 0, 1)
#define SYS_MDSCR_EL1           SYS_REG(2, 0, 0, 2, 2)
#define SYS_OSLAR_EL1           SYS_REG(2, 0, 1, 0, 4)
#define SYS_OSLSR_EL1           SYS_REG(2, 0, 1, 1, 4)
#define SYS_ICC_SGI1R_EL1       SYS_REG(3, 0, 12, 11, 5)
#define SYS_ICC_ASGI1R_EL1      SYS_REG(3, 0, 12, 11, 6)
#define SYS_ICC_SGI0R_EL1       SYS_REG(3, 0, 12, 11, 7)
#define SYS_CNTP_TVAL_EL0       SYS_REG(3, 3, 14, 2, 0)
#define SYS_CNTP_CTL_EL0        SYS_REG(3, 3, 14, 2, 1)
#define SYS_CNTP_CVAL_EL0       SYS_REG(3, 3, 14, 2, 2)

#define OSLSR_OSLK              BIT(1)
#define CNTP_CTL_ENABLE         BIT(0)
#define CNTP_CTL_IMASK          BIT(1)
#define CNTP_CTL_ISTATUS        BIT(2)

static uint64_t clear_field(uint64_t v, unsigned int shift)
{
        return v & ~(0xfull << shift);
}

static uint64_t set_field(uint64_t v, unsigned int shift, uint64_t field)
{
        return clear_field(v, shift) | (field << shift);
}

/*
 * What a guest may see: features whose state the hypervisor saves and
 * restores, or that need no state. Everything else reads as not implemented.
 */
uint64_t sysreg_sanitize_id(uint32_t reg, uint64_t v)
{
        switch (reg) {
        case SYS_ID_AA64PFR0_EL1:
                v = clear_field(v, 8);          /* EL2: no nested virtualization */
                v = clear_field(v, 28);         /* RAS */
                v = clear_field(v, 32);         /* SVE: its state is not saved */
                v = clear_field(v, 36);         /* SEL2 */
                v = clear_field(v, 40);         /* MPAM */
                v = clear_field(v, 44);         /* AMU */
                return v;
        case SYS_ID_AA64PFR1_EL1:
                v = clear_field(v, 8);          /* MTE */
                v = clear_field(v, 12);         /* RAS_frac */
                v = clear_field(v, 16);         /* MPAM_frac */
                v = clear_field(v, 24);         /* SME */
                v = clear_field(v, 28);         /* RNDR_trap */
                v = clear_field(v, 36);         /* NMI */
                return v;
        case SYS_ID_AA64ZFR0_EL1:
        case SYS_ID_AA64SMFR0_EL1:
        case SYS_ID_AA64DFR1_EL1:
        case SYS_ID_AA64AFR0_EL1:
        case SYS_ID_AA64AFR1_EL1:
                return 0;
        case SYS_ID_AA64DFR0_EL1:
                v = clear_field(v, 4);          /* TraceVer */
                v = clear_field(v, 8);          /* PMUVer: no PMU */
                v = clear_field(v, 32);         /* PMSVer: no SPE */
                v = set_field(v, 36, 0xf);      /* DoubleLock: not implemented */
                v = clear_field(v, 40);         /* TraceFilt */
                v = clear_field(v, 44);         /* TraceBuffer */
                v = clear_field(v, 48);         /* MTPMU */
                v = clear_field(v, 52);         /* BRBE */
                v = clear_field(v, 56);         /* HPMN0 */
                return v;
        case SYS_ID_DFR0_EL1:
                v = clear_field(v, 24);         /* PerfMon (AArch32 view of the PMU) */
                v = clear_field(v, 12);         /* MMapTrc */
                v = clear_field(v, 16);         /* CopTrc */
                return v;
        case SYS_ID_AA64ISAR1_EL1:
                v = clear_field(v, 4);          /* APA: pointer-auth keys are not saved */
                v = clear_field(v, 8);          /* API */
                v = clear_field(v, 24);         /* GPA */
                v = clear_field(v, 28);         /* GPI */
                return v;
        case SYS_ID_AA64ISAR2_EL1:
                v = clear_field(v, 8);          /* GPA3 */
                v = clear_field(v, 12);         /* APA3 */
                return v;
        case SYS_ID_AA64MMFR1_EL1:
                v = clear_field(v, 8);          /* VH: no nested VHE */
                v = clear_field(v, 16);         /* LO: LORegions trapped */
                return v;
        default:
                return v;
        }
}

/* Host value of an ID register in op0=3 op1=0 CRn=0 CRm=1..7 (unallocated ones read as zero). */
#define ID_CASE(crm, op2)                                                       \
        case SYS_REG(3, 0, 0, crm, op2):                                        \
                return read_sysreg_s("S3_0_C0_C" #crm "_" #op2);
#define ID_ROW(crm) ID_CASE(crm, 0) ID_CASE(crm, 1) ID_CASE(crm, 2) ID_CASE(crm, 3) \
                    ID_CASE(crm, 4) ID_CASE(crm, 5) ID_CASE(crm, 6) ID_CASE(crm, 7)

static uint64_t host_id_reg(uint32_t reg)
{
        switch (reg) {
        ID_ROW(1) ID_ROW(2) ID_ROW(3) ID_ROW(4) ID_ROW(5) ID_ROW(6) ID_ROW(7)
        default:
                return 0;
        }
}

static uint64_t counter(const struct vcpu *v)
{
        (void)v;
        isb();
        return read_sysreg(CNTPCT_EL0);
}

uint64_t ptimer_deadline(const struct vcpu *v)
{
        const struct emulated_sysregs *e = &v->emu;

        return (e->cntp_ctl & (CNTP_CTL_ENABLE | CNTP_CTL_IMASK)) == CNTP_CTL_ENABLE ?
               e->cntp_cval : 0;
}

void ptimer_update(struct vcpu *v, uint64_t now)
{
        uint64_t d = ptimer_deadline(v);

        vgic_set_private_line(v, VGIC_PTIMER_IRQ, d && d <= now);
}

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
        write_sysreg(MDSCR_EL1, e->mdscr & MDSCR_TO_CPU);
        write_sysreg(OSLAR_EL1, (e->oslsr & OSLSR_OSLK) ? 1 : 0);
        isb();
        p->dbg_loaded = e->dbg_used;
}

/* The guest changed its debug state (the vCPU is loaded here): into the CPU with it. */
static void dbg_used(struct vcpu *v)
{
        v->emu.dbg_used = true;
        this_pcpu()->dbg_loaded = true;
}

/* DBGBVR/DBGBCR/DBGWVR/DBGWCR<n>_EL1: op0 2, op1 0, CRn 0, CRm n, op2 4..7. */
static bool debug_point(struct vcpu *v, uint32_t iss, bool read, uint64_t *val)
{
        unsigned int n = SYS_ISS_CRM(iss), op2 = SYS_ISS_OP2(iss);
        enum hw_dbg_reg which;
        unsigned int have;

        if (SYS_ISS_OP0(iss) != 2 || SYS_ISS_OP1(iss) != 0 || SYS_ISS_CRN(iss) != 0 || op2 < 4)
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
        isb();
        return true;
}

/* EL1 physical timer, emulated: its registers, and PPI 30 following its output. */
static bool cntp(struct vcpu *v, uint32_t reg, bool read, uint64_t *val)
{
        struct emulated_sysregs *e = &v->emu;
        uint64_t now = counter(v);

        if (!read)
                this_pcpu()->resched = true;    /* the scheduler re-arms for its deadline */

        switch (reg) {
        case SYS_CNTP_CTL_EL0:
                if (read) {
                        *val = e->cntp_ctl & (CNTP_CTL_ENABLE | CNTP_CTL_IMASK);
                        if ((e->cntp_ctl & CNTP_CTL_ENABLE) && e->cntp_cval <= now)
                                *val |= CNTP_CTL_ISTATUS;
                } else {
                        e->cntp_ctl = *val & (CNTP_CTL_ENABLE | CNTP_CTL_IMASK);
                }
                break;
        case SYS_CNTP_CVAL_EL0:
                if (read)
                        *val = e->cntp_cval;
                else
                        e->cntp_cval = *val;
                break;
        case SYS_CNTP_TVAL_EL0:
                if (read)
                        *val = (uint32_t)(e->cntp_cval - now);
                else
                        e->cntp_cval = now + (uint64_t)(int64_t)(int32_t)*val;
                break;
        default:
                return false;
        }
        if (!read)
                ptimer_update(v, now);
        return true;
}

bool sysreg_emulate(struct vcpu *v, uint32_t iss)
{
        uint32_t reg = sys_reg_from_iss(iss);
        bool read = iss & SYS_ISS_DIR_READ;
        unsigned int rt = SYS_ISS_RT(iss);
        uint64_t val = read ? 0 : vcpu_reg(v, rt);
        bool ok = true;

        if (SYS_ISS_OP0(iss) == 3 && SYS_ISS_OP1(iss) == 0 && SYS_ISS_CRN(iss) == 0 &&
            SYS_ISS_CRM(iss) >= 1) {
                /* ID registers: read-only. */
                if (!read)
                        return false;
                val = sysreg_sanitize_id(reg, host_id_reg(reg));
        } else if (reg == SYS_MDSCR_EL1) {
                if (read) {
                        val = v->emu.mdscr;
                } else {
                        v->emu.mdscr = val;
                        dbg_used(v);
                        write_sysreg(MDSCR_EL1, val & MDSCR_TO_CPU);
                        isb();
                }
        } else if (reg == SYS_OSLAR_EL1) {
                if (read)
                        return false;
                v->emu.oslsr = (v->emu.oslsr & ~OSLSR_OSLK) | ((val & 1) ? OSLSR_OSLK : 0);
                dbg_used(v);
                write_sysreg(OSLAR_EL1, val & 1);
                isb();
        } else if (debug_point(v, iss, read, &val)) {
                /* handled */
        } else if (reg == SYS_OSLSR_EL1) {
                if (!read)
                        return false;
                val = v->emu.oslsr;
        } else if (SYS_ISS_OP0(iss) == 2) {
                /* Other debug registers (claim tags, DBGPRCR, ...): RAZ/WI. */
                val = 0;
        } else if (reg == SYS_ICC_SGI1R_EL1 && !read) {
                vgic_sgi1r(v, val);
        } else if ((reg == SYS_ICC_ASGI1R_EL1 || reg == SYS_ICC_SGI0R_EL1) && !read) {
                /* Group 0 / other-security-state SGIs: nothing to deliver in one Group 1 world. */
        } else if (reg == SYS_ACTLR_EL1) {
                val = 0;                        /* RAZ/WI: no IMPLEMENTATION DEFINED controls */
        } else if (cntp(v, reg, read, &val)) {
                /* handled */
        } else {
                ok = false;
        }
        if (!ok) {
                log_debug("VM '%s': %s S%u_%u_C%u_C%u_%u: undefined instruction injected\n",
                          v->vm->cfg.name, read ? "MRS" : "MSR", SYS_ISS_OP0(iss), SYS_ISS_OP1(iss),
                          SYS_ISS_CRN(iss), SYS_ISS_CRM(iss), SYS_ISS_OP2(iss));
                return false;
        }
        if (read)
                vcpu_set_reg(v, rt, val);
        return true;
}
