// SPDX-License-Identifier: MIT
#include "arch/aarch64/pmu.h"
#include "arch/aarch64/sysreg_enc.h"
#include "core/sysreg_emul.h"
#include "core/vcpu.h"
#include "drivers/gic.h"
#include "lib/string.h"
#include "platform.h"
#include "vdev/vgic.h"
#include "vdev/vpmu.h"

/*
 * PMEVTYPER<n>_EL0 / PMCCFILTR_EL0 as a guest may set them
 *   31    P    don't count EL1          (kept)
 *   30    U    don't count EL0          (kept)
 *   29    NSK  Non-secure EL1 filter    (kept)
 *   28    NSU  Non-secure EL0 filter    (kept)
 *   27    NSH  count EL2                RES0: the guest has no EL2; the CPU gets 0
 *   26    M    EL3 filter               kept for the guest; the CPU gets !P: EL3 never counted
 *   25    MT   multithreading           RES0 (ID_AA64DFR0_EL1.MTPMU hidden)
 *   24    SH   Secure EL2               RES0
 *   15:0  evtCount                      kept (9:0 before PMUv3p1); PMCCFILTR has none
 */
#define EVTYPER_P       (1u << 31)
#define EVTYPER_M       (1u << 26)
#define EVTYPER_FILTERS (EVTYPER_P | (1u << 30) | (1u << 29) | (1u << 28) | EVTYPER_M)
#define PMU_EVENT_SW_INCR       0x00
#define PMU_EVENT_CHAIN         0x1e
/* SPSR/PSTATE: AArch32, and M[3:0] EL0t (the guest's EL at the trap). */
#define VPMU_PSTATE_AARCH32     (1u << 4)
#define VPMU_PSTATE_M_MASK      0xfu
#define VPMU_PSTATE_EL0t        0x0u

static uint64_t evtyper_guest_mask(unsigned int n)
{
        if (n == PMU_CYCLE_BIT)
                return EVTYPER_FILTERS;
        return EVTYPER_FILTERS | (hw_pmu_version() >= 4 ? 0xffffu : 0x3ffu);
}

static uint64_t evtyper_for_cpu(uint64_t guest)
{
        return (guest & ~(uint64_t)EVTYPER_M) | ((guest & EVTYPER_P) ? 0 : EVTYPER_M);
}

/* The counters' bits in PMCNTEN/PMINTEN/PMOVS: N event counters and the cycle counter. */
static uint64_t counter_mask(void)
{
        return ((1ull << hw_pmu_counters()) - 1) | (1ull << PMU_CYCLE_BIT);
}

/* PMCR_EL0 bits the guest writes; LP only with FEAT_PMUv3p5. P and C act, never stick. */
static uint64_t pmcr_writable(void)
{
        return PMCR_WRITABLE & ~(uint64_t)(hw_pmu_version() >= 6 ? 0 : 1u << 7);
}

/* The interrupt request: counting enabled and an enabled counter overflowed. */
static bool hw_line(void)
{
        return (hw_pmu_read(HW_PMCR) & PMCR_E) &&
               (hw_pmu_read(HW_PMINTEN) & hw_pmu_read(HW_PMOVS) & counter_mask());
}

/* v is loaded here: its overflow line follows the hardware's request, and the physical
 * PPI is masked exactly while the line is high (it is a level: it would fire again). */
static void update_line(struct vcpu *v)
{
        bool high = hw_line();

        vgic_set_private_line(v, GUEST_PPI_PMU, high);
        if (high && !v->pmu.irq_masked)
                gic_disable_ppi(PLAT_PMU_IRQ);
        else if (!high && v->pmu.irq_masked)
                gic_enable_ppi(PLAT_PMU_IRQ);
        v->pmu.irq_masked = high;
}

/* The vCPU's saved PMU into the CPU (which holds nobody's: put cleared it). */
static void load_hw(const struct vpmu *p)
{
        unsigned int n = hw_pmu_counters();
        uint64_t all = counter_mask();

        hw_pmu_write(HW_PMCR, p->pmcr & ~(uint64_t)(PMCR_E | PMCR_P | PMCR_C));
        hw_pmu_sync();
        for (unsigned int i = 0; i < n; i++) {
                hw_pmu_evcntr_write(i, p->evcntr[i]);
                hw_pmu_evtyper_write(i, evtyper_for_cpu(p->evtyper[i]));
        }
        hw_pmu_write(HW_PMCCFILTR, evtyper_for_cpu(p->ccfiltr));
        hw_pmu_write(HW_PMCCNTR, p->ccntr);
        hw_pmu_clear(HW_PMOVS, all);
        hw_pmu_write(HW_PMOVS, p->ovs & all);
        hw_pmu_clear(HW_PMINTEN, all);
        hw_pmu_write(HW_PMINTEN, p->inten & all);
        hw_pmu_clear(HW_PMCNTEN, all);
        hw_pmu_write(HW_PMCNTEN, p->cnten & all);
        hw_pmu_write(HW_PMSELR, p->selr);
        hw_pmu_write(HW_PMUSERENR, p->userenr);
        hw_pmu_write(HW_PMCR, p->pmcr & ~(uint64_t)(PMCR_P | PMCR_C));
        hw_pmu_sync();
}

void vpmu_reset(struct vcpu *v)
{
        memset(&v->pmu, 0, sizeof(v->pmu));
        vgic_set_private_line(v, GUEST_PPI_PMU, false);
}

void vpmu_load_used(struct vcpu *v)
{
        load_hw(&v->pmu);
        v->pmu.irq_masked = false;      /* put unmasked the physical PPI */
        update_line(v);
}

void vpmu_put_used(struct vcpu *v)
{
        struct vpmu *p = &v->pmu;
        unsigned int n;
        uint64_t all;

        n = hw_pmu_counters();
        all = counter_mask();
        /* Stop counting first, so the values saved are the values restored. */
        p->pmcr = hw_pmu_read(HW_PMCR) & pmcr_writable();
        hw_pmu_write(HW_PMCR, p->pmcr & ~(uint64_t)PMCR_E);
        hw_pmu_sync();
        for (unsigned int i = 0; i < n; i++)
                p->evcntr[i] = hw_pmu_evcntr_read(i);
        p->ccntr = hw_pmu_read(HW_PMCCNTR);
        p->cnten = hw_pmu_read(HW_PMCNTEN) & all;
        p->inten = hw_pmu_read(HW_PMINTEN) & all;
        p->ovs = hw_pmu_read(HW_PMOVS) & all;
        p->selr = hw_pmu_read(HW_PMSELR);
        p->userenr = hw_pmu_read(HW_PMUSERENR);
        /* Nothing of this vCPU's stays in the CPU: no counting, no interrupt request, and
         * the next vCPU's EL0 PMU accesses trap to its EL1 as at its reset. */
        hw_pmu_clear(HW_PMCNTEN, all);
        hw_pmu_clear(HW_PMINTEN, all);
        hw_pmu_clear(HW_PMOVS, all);
        hw_pmu_write(HW_PMUSERENR, 0);
        hw_pmu_sync();
        if (p->irq_masked)
                gic_enable_ppi(PLAT_PMU_IRQ);
        p->irq_masked = false;
        /* The line keeps its level: the saved overflow still requests the interrupt. */
}

void vpmu_overflow(struct vcpu *v)
{
        if (v && v->pmu.used) {
                update_line(v);
                return;
        }
        /* Nobody's counters are enabled for interrupts: clear whatever asserts it. */
        hw_pmu_clear(HW_PMINTEN, counter_mask());
        hw_pmu_sync();
}

/* First access: the vCPU's (reset) PMU goes into the CPU, and is switched from now on. */
static void touch(struct vcpu *v)
{
        if (v->pmu.used)
                return;
        v->pmu.used = true;
        load_hw(&v->pmu);
}

/* PMEVTYPER<n> (n 31: PMCCFILTR): the guest's view kept, the CPU's sanitized. */
static bool evtyper(struct vcpu *v, unsigned int n, bool read, uint64_t *val)
{
        uint64_t *shadow;

        if (n == PMU_CYCLE_BIT)
                shadow = &v->pmu.ccfiltr;
        else if (n < hw_pmu_counters())
                shadow = &v->pmu.evtyper[n];
        else
                return false;                   /* no such counter: UNDEFINED */
        if (read) {
                *val = *shadow;
                return true;
        }
        *shadow = *val & evtyper_guest_mask(n);
        if (n == PMU_CYCLE_BIT)
                hw_pmu_write(HW_PMCCFILTR, evtyper_for_cpu(*shadow));
        else
                hw_pmu_evtyper_write(n, evtyper_for_cpu(*shadow));
        return true;
}

static bool evcntr(unsigned int n, bool read, uint64_t *val)
{
        if (n >= hw_pmu_counters())
                return false;
        if (read)
                *val = hw_pmu_evcntr_read(n);
        else
                hw_pmu_evcntr_write(n, *val);
        return true;
}

/* A set/clear register pair (PMCNTEN, PMINTEN, PMOVS): both read the same bits. */
static void set_clear(enum hw_pmu_reg r, bool set, bool read, uint64_t *val)
{
        if (read)
                *val = hw_pmu_read(r) & counter_mask();
        else if (set)
                hw_pmu_write(r, *val & counter_mask());
        else
                hw_pmu_clear(r, *val & counter_mask());
}

/* Would event counter n, with the guest's filter evtyper, count at the guest's EL? In
 * Non-secure state (the guest's) EL1 counts when P == NSK, EL0 when U == NSU. */
static bool counts_here(const struct vcpu *v, uint64_t evtyper)
{
        bool el0 = (v->regs.pstate & VPMU_PSTATE_AARCH32) ||
                   (v->regs.pstate & VPMU_PSTATE_M_MASK) == VPMU_PSTATE_EL0t;
        unsigned int filt = el0 ? 30 : 31, ns = el0 ? 28 : 29;

        return ((evtyper >> filt) & 1) == ((evtyper >> ns) & 1);
}

/*
 * One increment of event counter n. Counters are 64-bit with FEAT_PMUv3p5, else 32;
 * the overflow that sets its flag is at bit 32, or at 64 with PMCR.LP (v3p5), and an
 * even counter's overflow is the CHAIN event of the odd one above it.
 */
static void count_one(struct vcpu *v, unsigned int n, uint64_t pmcr, uint64_t cnten)
{
        uint64_t c = hw_pmu_evcntr_read(n) + 1, evt_mask = evtyper_guest_mask(n) & 0xffff;
        bool v3p5 = hw_pmu_version() >= 6, wrap;

        if (!v3p5)
                c &= 0xffffffffu;
        wrap = v3p5 && (pmcr & (1u << 7)) ? c == 0 : (uint32_t)c == 0;
        hw_pmu_evcntr_write(n, c);
        if (!wrap)
                return;
        hw_pmu_write(HW_PMOVS, 1ull << n);
        if (!(n & 1) && n + 1 < hw_pmu_counters() && (cnten >> (n + 1) & 1) &&
            (v->pmu.evtyper[n + 1] & evt_mask) == PMU_EVENT_CHAIN &&
            counts_here(v, v->pmu.evtyper[n + 1]))
                count_one(v, n + 1, pmcr, cnten);
}

/*
 * PMSWINC_EL0: done here rather than on the CPU, where a write at EL2 would be
 * filtered as EL2's (NSH is 0). Counter n counts it when counting is on (PMCR.E), it
 * is enabled, its event is SW_INCR and its filter counts the guest's EL.
 */
static void sw_incr(struct vcpu *v, uint64_t bits)
{
        uint64_t pmcr = hw_pmu_read(HW_PMCR), cnten = hw_pmu_read(HW_PMCNTEN);
        uint64_t evt_mask = evtyper_guest_mask(0) & 0xffff;

        if (!(pmcr & PMCR_E))
                return;
        for (unsigned int n = 0; n < hw_pmu_counters(); n++)
                if ((bits >> n & 1) && (cnten >> n & 1) &&
                    (v->pmu.evtyper[n] & evt_mask) == PMU_EVENT_SW_INCR &&
                    counts_here(v, v->pmu.evtyper[n]))
                        count_one(v, n, pmcr, cnten);
}

#define CASE(crm, op2)  (((crm) << 3) | (op2))

/* op0 3, op1 3, CRn 9: PMCR_EL0 ... PMOVSSET_EL0. */
static bool pmu_el0_regs(struct vcpu *v, uint32_t reg, bool read, uint64_t *val)
{
        unsigned int sel;

        switch (CASE(SYS_REG_CRM(reg), SYS_REG_OP2(reg))) {
        case CASE(12, 0):                       /* PMCR_EL0 */
                if (read)
                        *val = hw_pmu_read(HW_PMCR);
                else
                        hw_pmu_write(HW_PMCR, *val & pmcr_writable());
                break;
        case CASE(12, 1): set_clear(HW_PMCNTEN, true, read, val); return true;
        case CASE(12, 2): set_clear(HW_PMCNTEN, false, read, val); return true;
        case CASE(12, 3): set_clear(HW_PMOVS, false, read, val); break;        /* PMOVSCLR */
        case CASE(14, 3): set_clear(HW_PMOVS, true, read, val); break;         /* PMOVSSET */
        case CASE(12, 4):                       /* PMSWINC_EL0: write-only */
                if (read)
                        return false;
                sw_incr(v, *val);
                break;
        case CASE(12, 5):                       /* PMSELR_EL0 */
                if (read)
                        *val = hw_pmu_read(HW_PMSELR);
                else
                        hw_pmu_write(HW_PMSELR, *val & 0x1f);
                return true;
        case CASE(12, 6):                       /* PMCEID0_EL0, PMCEID1_EL0: read-only */
        case CASE(12, 7):
                if (!read)
                        return false;
                *val = hw_pmu_read(SYS_REG_OP2(reg) == 6 ? HW_PMCEID0 : HW_PMCEID1);
                return true;
        case CASE(13, 0):                       /* PMCCNTR_EL0 */
                if (read)
                        *val = hw_pmu_read(HW_PMCCNTR);
                else
                        hw_pmu_write(HW_PMCCNTR, *val);
                return true;
        case CASE(13, 1):                       /* PMXEVTYPER_EL0 */
                sel = (unsigned int)hw_pmu_read(HW_PMSELR) & 0x1f;
                return evtyper(v, sel, read, val);
        case CASE(13, 2):                       /* PMXEVCNTR_EL0 */
                sel = (unsigned int)hw_pmu_read(HW_PMSELR) & 0x1f;
                return evcntr(sel, read, val);
        case CASE(14, 0):                       /* PMUSERENR_EL0 (EL0 writes never get here) */
                if (read)
                        *val = hw_pmu_read(HW_PMUSERENR);
                else
                        hw_pmu_write(HW_PMUSERENR, *val & 0xf);        /* ER CR SW EN */
                return true;
        default:
                return false;
        }
        hw_pmu_sync();
        update_line(v);                         /* E, an enable or an overflow changed */
        return true;
}

/* op0 3, op1 0, CRn 9, CRm 14: PMINTENSET_EL1, PMINTENCLR_EL1, PMMIR_EL1. */
static bool pmu_el1_regs(struct vcpu *v, uint32_t reg, bool read, uint64_t *val)
{
        switch (SYS_REG_OP2(reg)) {
        case 1: set_clear(HW_PMINTEN, true, read, val); break;
        case 2: set_clear(HW_PMINTEN, false, read, val); break;
        case 6:                                 /* PMMIR_EL1 (FEAT_PMUv3p4), read-only */
                if (!read || hw_pmu_version() < 5)
                        return false;
                *val = hw_pmu_read(HW_PMMIR);
                return true;
        default:
                return false;
        }
        hw_pmu_sync();
        update_line(v);
        return true;
}

static bool pmu_reg(struct vcpu *v, uint32_t reg, bool read, uint64_t *val)
{
        unsigned int crm = SYS_REG_CRM(reg), n;

        if (!hw_pmu_present())
                return false;                   /* no PMU: UNDEFINED, as on the CPU */
        touch(v);
        if (SYS_REG_CRN(reg) == 9)
                return SYS_REG_OP1(reg) == 3 ? pmu_el0_regs(v, reg, read, val)
                                             : pmu_el1_regs(v, reg, read, val);
        /* CRn 14, CRm 8..15: PMEVCNTR<n>_EL0 (CRm 8..11), PMEVTYPER<n>_EL0 (12..15). */
        n = ((crm & 3) << 3) | SYS_REG_OP2(reg);
        return crm < 12 ? evcntr(n, read, val) : evtyper(v, n, read, val);
}

int vpmu_init(void)
{
        /* Masks over SYS_REG numbers: op0 15:14, op1 10:8, CRn 7:4, CRm 3:0. */
        if (sysreg_register(SYS_REG(3, 3, 9, 0, 0), 0xc7f0, pmu_reg) ||       /* CRm any */
            sysreg_register(SYS_REG(3, 0, 9, 14, 0), 0xc7ff, pmu_reg) ||
            sysreg_register(SYS_REG(3, 3, 14, 8, 0), 0xc7f8, pmu_reg))        /* CRm 8..15 */
                return -1;
        return 0;
}
