// SPDX-License-Identifier: MIT
/*
 * Trapped system registers on the fake arch: the real trap table
 * (core/sysreg_emul.c) as sysreg_init fills it, and the real handlers behind
 * it: the ID registers' feature table, the emulated EL1 physical timer, the
 * guest's debug registers, the SGI register; plus exception injection
 * (core/vcpu.c) as the architecture takes exceptions.
 */
#include <string.h>

#include "arch/aarch64/esr.h"
#include "arch/aarch64/sysreg.h"
#include "arch/fake/fake.h"
#include "core/cpu_features.h"
#include "core/pcpu.h"
#include "core/sysreg_emul.h"
#include "core/vm.h"
#include "test.h"
#include "vdev/host.h"
#include "vdev/vgic.h"
#include "vdev/vpmu.h"
#include "vdev/vtimer.h"

static struct vm vm;
static struct pcpu cpu0;
static unsigned int kicks[VM_MAX_VCPUS], timer_changes, crashes;

void vcpu_kick(struct vcpu *v)
{
        kicks[v->id]++;
}

void vcpu_timer_changed(struct vcpu *v)
{
        (void)v;
        timer_changes++;
}


void vm_crash(struct vm *m, struct vcpu *v, const char *fmt, ...)
{
        (void)m; (void)v; (void)fmt;
        crashes++;
}

static struct vcpu *V(unsigned int i)
{
        return &vm.vcpus[i];
}

static void setup(void)
{
        memset(&vm, 0, sizeof(vm));
        memset(kicks, 0, sizeof(kicks));
        memset(&cpu0, 0, sizeof(cpu0));
        fake_become_cpu(0, &cpu0);
        fake_gic_reset();
        CHECK(vgic_hw_select(3) == 0);
        CHECK(sysreg_init() == 0);
        vm.cfg.nvcpus = 2;
        vm.state = VM_RUNNING;
        vgic_init(&vm);
        for (unsigned int i = 0; i < 2; i++) {
                V(i)->vm = &vm;
                V(i)->id = i;
                vgic_init_vcpu(V(i));
        }
        cpu0.current = V(0);
        fake_counter = 0;
}

/* MRS Xrt, reg / MSR reg, Xrt through the trap, as the ISS encodes it. */
static bool mrs(struct vcpu *v, uint32_t reg, uint64_t *out)
{
        v->regs.x[5] = 0xbad;
        if (!sysreg_emulate(v, sys_iss_for(reg, 5, 1)))
                return false;
        *out = v->regs.x[5];
        return true;
}

static bool msr(struct vcpu *v, uint32_t reg, uint64_t val)
{
        v->regs.x[7] = val;
        return sysreg_emulate(v, sys_iss_for(reg, 7, 0));
}

static bool other(struct vcpu *v, uint32_t reg, bool read, uint64_t *val)
{
        (void)v; (void)reg; (void)read;
        *val = 42;
        return true;
}

static void test_table(void)
{
        uint64_t val;

        setup();
        /* The register number is the ISS's fields: both ways, for every register. */
        for (uint32_t r = 0; r < 0x10000; r++)
                CHECK_EQ_U64(sys_reg_from_iss(sys_iss_for(r, 3, 1)), r);
        CHECK_EQ_U64(SYS_REG_OP0(SYS_CNTP_CVAL_EL0), 3);
        CHECK_EQ_U64(SYS_REG_OP1(SYS_CNTP_CVAL_EL0), 3);
        CHECK_EQ_U64(SYS_REG_CRN(SYS_CNTP_CVAL_EL0), 14);
        CHECK_EQ_U64(SYS_REG_CRM(SYS_CNTP_CVAL_EL0), 2);
        CHECK_EQ_U64(SYS_REG_OP2(SYS_CNTP_CVAL_EL0), 2);
        /* MRS x5, CNTP_CVAL_EL0 (S3_3_C14_C2_2): ISS op0 21:20, op2 19:17, op1 16:14,
         * CRn 13:10, Rt 9:5, CRm 4:1, direction 0 = 0x34f8a5. */
        CHECK_EQ_U64(sys_iss_for(SYS_CNTP_CVAL_EL0, 5, 1), 0x34f8a5);
        /* One handler per register: a second claim is refused, whatever the mask. */
        CHECK(sysreg_register(SYS_CNTP_CTL_EL0, SYS_REG_MASK_ALL, other) != 0);
        CHECK(sysreg_register(SYS_REG(2, 0, 9, 9, 0), SYS_REG_MASK_ALL, other) != 0);
        CHECK(sysreg_register(SYS_ID_AA64PFR0_EL1 | 1, SYS_REG_MASK_ALL & ~SYS_REG_MASK_OP2,
                              other) != 0);     /* match outside its mask */
        /* A free register next to a taken one (SCTLR_EL1 beside ACTLR_EL1) and one elsewhere
         * are taken and reached; their neighbours are not. */
        CHECK(sysreg_register(SYS_REG(3, 0, 1, 0, 0), SYS_REG_MASK_ALL, other) == 0);
        CHECK(mrs(V(0), SYS_REG(3, 0, 1, 0, 0), &val) && val == 42);
        CHECK(mrs(V(0), SYS_ACTLR_EL1, &val) && val == 0);
        CHECK(sysreg_register(SYS_REG(3, 0, 13, 0, 4), SYS_REG_MASK_ALL, other) == 0);
        CHECK(mrs(V(0), SYS_REG(3, 0, 13, 0, 4), &val) && val == 42);
        CHECK(!mrs(V(0), SYS_REG(3, 0, 13, 0, 5), &val));
        CHECK(sysreg_lookup(SYS_ICC_SGI1R_EL1) == sysreg_lookup(SYS_ICC_SGI0R_EL1));
        /* ACTLR_EL1: RAZ/WI. Something nobody took (SCTLR_EL1 does not trap): UNDEFINED. */
        CHECK(mrs(V(0), SYS_ACTLR_EL1, &val) && val == 0);
        CHECK(msr(V(0), SYS_ACTLR_EL1, 5));
        CHECK(!mrs(V(0), SYS_REG(3, 0, 1, 0, 2), &val));        /* CPACR_EL1 */
        CHECK(!msr(V(0), SYS_REG(3, 0, 13, 0, 1), 1));
        /* XZR as the source of a write, and as a read's target, is 0 / discarded. */
        CHECK(sysreg_emulate(V(0), sys_iss_for(SYS_CNTP_CVAL_EL0, 31, 0)));
        CHECK(mrs(V(0), SYS_CNTP_CVAL_EL0, &val) && val == 0);
}

static void test_id_registers(void)
{
        uint64_t val;

        setup();
        for (unsigned int crm = 0; crm < 8; crm++)
                for (unsigned int op2 = 0; op2 < 8; op2++)
                        fake_id_regs[crm][op2] = ~0ull;
        /* PFR0: EL2, RAS, SVE, SEL2, MPAM, AMU hidden; EL0/EL1/EL3, FP, AdvSIMD, GIC as the host. */
        CHECK(mrs(V(0), SYS_ID_AA64PFR0_EL1, &val));
        CHECK_EQ_U64(val, 0xffff00000ffff0ffull);
        /* DFR0: SPE, trace, BRBE hidden; DoubleLock reads 0xf (not implemented); the PMU
         * is the host's (vdev/vpmu.c). */
        CHECK(mrs(V(0), SYS_ID_AA64DFR0_EL1, &val));
        CHECK_EQ_U64((val >> 8) & 0xf, 0xf);
        CHECK_EQ_U64((val >> 32) & 0xf, 0);
        CHECK_EQ_U64((val >> 36) & 0xf, 0xf);
        CHECK_EQ_U64((val >> 12) & 0xf, 0xf);  /* BRPs: the host's */
        CHECK(mrs(V(0), SYS_ID_AA64ZFR0_EL1, &val) && val == 0);
        CHECK(mrs(V(0), SYS_ID_AA64ISAR0_EL1, &val) && val == ~0ull);
        CHECK(mrs(V(0), SYS_ID_AA64ISAR1_EL1, &val));
        CHECK_EQ_U64(val & 0xff000ff0ull, 0);   /* APA, API, GPA, GPI */
        CHECK(mrs(V(0), SYS_REG(3, 0, 0, 7, 7), &val) && val == ~0ull);        /* unallocated: host */
        CHECK(!msr(V(0), SYS_ID_AA64PFR0_EL1, 0));     /* read-only */
        /* Every row of the table does what it says, alone. */
        for (unsigned int i = 0; i < cpu_id_nfields; i++) {
                const struct id_field *f = &cpu_id_fields[i];
                uint64_t v = cpu_features_sanitize(f->reg, ~0ull);

                CHECK_EQ_U64((v >> f->shift) & 0xf, f->value);
                CHECK(f->shift % 4 == 0 && f->shift <= 60 && f->name && f->why);
        }
        /* The trap agrees, for any host value, with the table applied row by row here (the
         * registers SVE, SME, DFR1 and the AFRs read as zero whole). */
        for (unsigned int k = 0; k < 200; k++) {
                uint64_t host = 0x9e3779b97f4a7c15ull * (k + 1), want = host;
                unsigned int crm = 1 + k % 7, op2 = (k / 7) % 8;
                uint32_t reg = SYS_REG(3, 0, 0, crm, op2);

                for (unsigned int i = 0; i < cpu_id_nfields; i++)
                        if (cpu_id_fields[i].reg == reg)
                                want = (want & ~(0xfull << cpu_id_fields[i].shift)) |
                                       ((uint64_t)cpu_id_fields[i].value << cpu_id_fields[i].shift);
                if (reg == SYS_ID_AA64ZFR0_EL1 || reg == SYS_ID_AA64SMFR0_EL1 ||
                    reg == SYS_ID_AA64DFR1_EL1 || reg == SYS_ID_AA64AFR0_EL1 ||
                    reg == SYS_ID_AA64AFR1_EL1)
                        want = 0;
                fake_id_regs[crm][op2] = host;
                CHECK(mrs(V(0), reg, &val));
                CHECK_EQ_U64(val, want);
        }
        /* A host without a feature: nothing is added (only hidden). */
        CHECK_EQ_U64(cpu_features_sanitize(SYS_ID_AA64PFR0_EL1, 0x11), 0x11);
}

/* The EL1 physical timer: CTL/CVAL/TVAL semantics and PPI 30 as a level of its output. */
static void test_ptimer(void)
{
        struct vcpu *v;
        struct virq *ppi;
        uint64_t val;

        setup();
        v = V(0);
        ppi = &v->vgic.priv[GUEST_PPI_PTIMER];
        fake_counter = 500;
        CHECK(msr(v, SYS_CNTP_CVAL_EL0, 1000));
        CHECK(msr(v, SYS_CNTP_CTL_EL0, TIMER_CTL_ENABLE));
        CHECK(timer_changes >= 2);
        CHECK(!ppi->line);
        CHECK_EQ_U64(ptimer_deadline(v), 1000);
        CHECK(mrs(v, SYS_CNTP_CTL_EL0, &val) && val == TIMER_CTL_ENABLE);
        CHECK(mrs(v, SYS_CNTP_TVAL_EL0, &val) && val == 500);
        fake_counter = 1000;
        ptimer_update(v, fake_counter);         /* the owner's scheduler, at the deadline */
        CHECK(ppi->line);
        CHECK(mrs(v, SYS_CNTP_CTL_EL0, &val) && val == (TIMER_CTL_ENABLE | TIMER_CTL_ISTATUS));
        /* Past the deadline TVAL is negative (32-bit). */
        fake_counter = 1010;
        CHECK(mrs(v, SYS_CNTP_TVAL_EL0, &val) && val == 0xfffffff6);
        /* IMASK: the output falls, ISTATUS still says the condition is met. */
        CHECK(msr(v, SYS_CNTP_CTL_EL0, TIMER_CTL_ENABLE | TIMER_CTL_IMASK));
        CHECK(!ppi->line);
        CHECK_EQ_U64(ptimer_deadline(v), 0);
        CHECK(mrs(v, SYS_CNTP_CTL_EL0, &val) &&
              val == (TIMER_CTL_ENABLE | TIMER_CTL_IMASK | TIMER_CTL_ISTATUS));
        /* TVAL write: CVAL = now + sign-extended value; a negative one fires at once. */
        CHECK(msr(v, SYS_CNTP_CTL_EL0, TIMER_CTL_ENABLE));
        CHECK(msr(v, SYS_CNTP_TVAL_EL0, 0xffffff00));
        CHECK_EQ_U64(v->emu.cntp_cval, 1010 - 256);
        CHECK(ppi->line);
        CHECK(msr(v, SYS_CNTP_TVAL_EL0, 100));
        CHECK(!ppi->line);
        /* Disabled: ISTATUS reads 0, no deadline. */
        CHECK(msr(v, SYS_CNTP_CTL_EL0, 0));
        CHECK(mrs(v, SYS_CNTP_CTL_EL0, &val) && val == 0);
        fake_counter = 0;
}

/* The guest's debug registers: sanitized, kept per vCPU, written through. */
static void test_debug(void)
{
        struct vcpu *v;
        uint64_t val;

        setup();
        v = V(0);
        /* DBGBCR0: E | PMC=EL1+EL0 | BAS, with HMC and SSC set: those are cleared. */
        CHECK(msr(v, SYS_DBGBCR_EL1(0), 0x1e7 | (1u << 13) | (3u << 14)));
        CHECK(mrs(v, SYS_DBGBCR_EL1(0), &val) && val == 0x1e7);
        CHECK_EQ_U64(fake_dbg[HW_DBG_BCR][0], 0x1e7);
        /* A VMID-matching type (BT 0b1xxx) is EL2's: stored but disabled. */
        CHECK(msr(v, SYS_DBGBCR_EL1(1), 1 | (8u << 20)));
        CHECK_EQ_U64(fake_dbg[HW_DBG_BCR][1] & 1, 0);
        CHECK(msr(v, SYS_DBGBVR_EL1(2), 0xffff000000401003ull));
        CHECK_EQ_U64(fake_dbg[HW_DBG_BVR][2], 0xffff000000401000ull);
        CHECK(msr(v, SYS_DBGWCR_EL1(3), 0x1ff | (1u << 13)));
        CHECK_EQ_U64(fake_dbg[HW_DBG_WCR][3], 0x1ff);
        /* Beyond the CPU's 6 breakpoints and 4 watchpoints: RAZ/WI, nothing written. */
        CHECK(msr(v, SYS_DBGBCR_EL1(6), 1) && mrs(v, SYS_DBGBCR_EL1(6), &val) && val == 0);
        CHECK(msr(v, SYS_DBGWVR_EL1(4), 0x1000) && mrs(v, SYS_DBGWVR_EL1(4), &val) && val == 0);
        /* MDSCR_EL1: the guest reads what it wrote; the CPU gets SS, TDCC, KDE, MDE only. */
        CHECK(msr(v, SYS_MDSCR_EL1, ~0ull));
        CHECK(mrs(v, SYS_MDSCR_EL1, &val) && val == ~0ull);
        CHECK_EQ_U64(fake_mdscr, 0xb001);
        /* The OS lock: OSLAR_EL1 sets OSLSR_EL1.OSLK; OSLAR is write-only, OSLSR read-only. */
        v->emu.oslsr = 0xa;
        CHECK(msr(v, SYS_OSLAR_EL1, 0));
        CHECK(mrs(v, SYS_OSLSR_EL1, &val) && val == 0x8);
        CHECK_EQ_U64(fake_oslar, 0);
        CHECK(msr(v, SYS_OSLAR_EL1, 1));
        CHECK(mrs(v, SYS_OSLSR_EL1, &val) && val == 0xa);
        CHECK(!mrs(v, SYS_OSLAR_EL1, &val));
        CHECK(!msr(v, SYS_OSLSR_EL1, 0));
        /* Other debug registers (DBGCLAIMSET_EL1): RAZ/WI. */
        CHECK(mrs(v, SYS_REG(2, 0, 7, 8, 6), &val) && val == 0);
        CHECK(v->emu.dbg_used);
}

/* ICC_SGI1R_EL1 reaches the vGIC; the SGI registers are write-only. */
/* PMU registers by SYS_REG number. */
#define PMCR            SYS_REG(3, 3, 9, 12, 0)
#define PMCNTENSET      SYS_REG(3, 3, 9, 12, 1)
#define PMOVSCLR        SYS_REG(3, 3, 9, 12, 3)
#define PMSWINC         SYS_REG(3, 3, 9, 12, 4)
#define PMSELR          SYS_REG(3, 3, 9, 12, 5)
#define PMXEVTYPER      SYS_REG(3, 3, 9, 13, 1)
#define PMINTENSET      SYS_REG(3, 0, 9, 14, 1)
#define PMEVCNTR(n)     SYS_REG(3, 3, 14, 8 + ((n) >> 3), (n) & 7)
#define PMEVTYPER(n)    SYS_REG(3, 3, 14, 12 + ((n) >> 3), (n) & 7)
#define PMCCFILTR       PMEVTYPER(31)

static void test_pmu(void)
{
        uint64_t val;

        setup();
        fake_pmu_reset(4);
        /* No PMU (PMUVer 0): every PMU register is UNDEFINED, as on such a CPU. */
        fake_id_regs[5][0] = 0;
        CHECK(!mrs(V(0), PMCR, &val));
        fake_id_regs[5][0] = 1u << 8;           /* PMUv3 */
        fake_ppi_enabled = 1u << PLAT_PMU_IRQ;
        V(0)->regs.pstate = 0x5;                /* EL1h */
        CHECK(mrs(V(0), PMCR, &val) && (val >> 11 & 0x1f) == 4);
        CHECK(V(0)->pmu.used);
        /* Counters that do not exist are UNDEFINED; PMCCFILTR is n = 31. */
        CHECK(!mrs(V(0), PMEVCNTR(4), &val) && !msr(V(0), PMEVTYPER(30), 0));
        CHECK(mrs(V(0), PMEVCNTR(3), &val) && msr(V(0), PMCCFILTR, 0));
        /* The filters: NSH, MT, SH RES0 for the guest; the CPU gets M = !P (no EL3). */
        CHECK(msr(V(0), PMEVTYPER(1), 0xffffffffu));
        CHECK(mrs(V(0), PMEVTYPER(1), &val));
        CHECK_EQ_U64(val, 0xf40003ffu);
        CHECK_EQ_U64(fake_pmu_evtyper[1], 0xf00003ffu);        /* P set: M clear */
        CHECK(msr(V(0), PMEVTYPER(1), 0x11));
        CHECK_EQ_U64(fake_pmu_evtyper[1], 0x04000011u);        /* P clear: M set */
        CHECK(msr(V(0), PMSELR, 2) && msr(V(0), PMXEVTYPER, 0x08000000u) &&
              mrs(V(0), PMEVTYPER(2), &val) && val == 0);
        /* SW_INCR: done by the hypervisor for the guest's EL, with its filter. */
        CHECK(msr(V(0), PMEVTYPER(0), 0) && msr(V(0), PMEVCNTR(0), 0xfffffffe));
        CHECK(msr(V(0), PMEVTYPER(1), 0x1e));                  /* CHAIN */
        CHECK(msr(V(0), PMCNTENSET, 3) && msr(V(0), PMSWINC, 1));
        CHECK(mrs(V(0), PMEVCNTR(0), &val) && val == 0xfffffffe);      /* PMCR.E is 0 */
        CHECK(msr(V(0), PMCR, 1) && msr(V(0), PMSWINC, 1));
        CHECK(mrs(V(0), PMEVCNTR(0), &val) && val == 0xffffffff);
        CHECK(msr(V(0), PMSWINC, 1) && mrs(V(0), PMEVCNTR(0), &val) && val == 0);
        CHECK(mrs(V(0), PMOVSCLR, &val) && val == 1);                  /* overflowed */
        CHECK(mrs(V(0), PMEVCNTR(1), &val) && val == 1);               /* and chained */
        CHECK(msr(V(0), PMEVTYPER(0), 1u << 30));                      /* U: not EL0 */
        V(0)->regs.pstate = 0x0;                                        /* EL0t */
        CHECK(msr(V(0), PMSWINC, 1) && mrs(V(0), PMEVCNTR(0), &val) && val == 0);
        V(0)->regs.pstate = 0x5;
        CHECK(msr(V(0), PMSWINC, 1) && mrs(V(0), PMEVCNTR(0), &val) && val == 1);
        /* Overflow flag 0 set, its interrupt enabled: the line rises, the PPI is masked. */
        CHECK(!V(0)->vgic.priv[GUEST_PPI_PMU].line);
        CHECK(msr(V(0), PMINTENSET, 1));
        CHECK(V(0)->vgic.priv[GUEST_PPI_PMU].line && !(fake_ppi_enabled & (1u << PLAT_PMU_IRQ)));
        /* Off the CPU: saved, the CPU cleared, the PPI unmasked, the line kept. */
        vpmu_put(V(0));
        CHECK(fake_pmu[HW_PMCNTEN] == 0 && fake_pmu[HW_PMINTEN] == 0 && fake_pmu[HW_PMOVS] == 0);
        CHECK(!(fake_pmu[HW_PMCR] & 1) && (fake_ppi_enabled & (1u << PLAT_PMU_IRQ)));
        CHECK(V(0)->vgic.priv[GUEST_PPI_PMU].line);
        fake_pmu_evcntr[0] = 77;                /* someone else's count meanwhile */
        vpmu_load(V(0));
        CHECK(fake_pmu_evcntr[0] == 1 && fake_pmu[HW_PMCNTEN] == 3 && (fake_pmu[HW_PMCR] & 1));
        CHECK(V(0)->vgic.priv[GUEST_PPI_PMU].line && !(fake_ppi_enabled & (1u << PLAT_PMU_IRQ)));
        /* The guest clears the flag: the line falls, the PPI is unmasked. */
        CHECK(msr(V(0), PMOVSCLR, 1));
        CHECK(!V(0)->vgic.priv[GUEST_PPI_PMU].line && (fake_ppi_enabled & (1u << PLAT_PMU_IRQ)));
        /* A hardware overflow (the physical PPI): the line follows. */
        fake_pmu[HW_PMOVS] |= 1;
        vpmu_overflow(V(0));
        CHECK(V(0)->vgic.priv[GUEST_PPI_PMU].line && !(fake_ppi_enabled & (1u << PLAT_PMU_IRQ)));
        /* A vCPU that never touched its PMU: nothing loaded, nothing saved. */
        vpmu_put(V(0));
        fake_pmu_evcntr[0] = 55;
        vpmu_load(V(1));
        vpmu_put(V(1));
        CHECK(!V(1)->pmu.used && fake_pmu_evcntr[0] == 55);
        /* Reset: the vCPU's PMU is new, its line low. */
        vcpu_reset(V(0), 0, 0);
        CHECK(!V(0)->pmu.used && !V(0)->vgic.priv[GUEST_PPI_PMU].line);
        /* FEAT_PMUv3p5: 64-bit counters; overflow at bit 32 unless PMCR.LP, then at 64. */
        fake_id_regs[5][0] = 6u << 8;
        fake_pmu_reset(4);
        V(1)->regs.pstate = 0x5;
        CHECK(msr(V(1), PMEVTYPER(0), 0) && msr(V(1), PMEVCNTR(0), 0xffffffff));
        CHECK(msr(V(1), PMCNTENSET, 1) && msr(V(1), PMCR, 1) && msr(V(1), PMSWINC, 1));
        CHECK(mrs(V(1), PMEVCNTR(0), &val) && val == 0x100000000ull);
        CHECK(mrs(V(1), PMOVSCLR, &val) && val == 1);
        CHECK(msr(V(1), PMOVSCLR, 1) && msr(V(1), PMCR, 1u | (1u << 7)) && msr(V(1), PMSWINC, 1));
        CHECK(mrs(V(1), PMOVSCLR, &val) && val == 0);          /* LP: no overflow at 32 */
        CHECK(msr(V(1), PMEVCNTR(0), ~0ull) && msr(V(1), PMSWINC, 1));
        CHECK(mrs(V(1), PMEVCNTR(0), &val) && val == 0 && mrs(V(1), PMOVSCLR, &val) && val == 1);
        fake_id_regs[5][0] = 0;
}

static void test_sgi(void)
{
        uint64_t val;

        setup();
        CHECK(msr(V(0), SYS_ICC_SGI1R_EL1, (2ull << 24) | 0x2));       /* SGI 2 to vCPU 1 */
        CHECK_EQ_U64(kicks[1], 1);
        CHECK(V(1)->vgic.priv[2].pending_latch);
        CHECK(!mrs(V(0), SYS_ICC_SGI1R_EL1, &val));
        CHECK(msr(V(0), SYS_ICC_SGI0R_EL1, (2ull << 24) | 0x2));       /* Group 0: ignored */
        CHECK_EQ_U64(kicks[1], 1);
}

/* Exceptions injected as the CPU takes them: vector by where from, ESR, FAR, PSTATE. */
static void test_inject(void)
{
        struct vcpu *v;

        setup();
        v = V(0);
        vcpu_reset(v, 0x40080000, 0);
        CHECK_EQ_U64(v->el1.vpidr, fake_midr);
        CHECK_EQ_U64(v->el1.vmpidr, 0x80000000);
        fake_el1.vbar = 0x40001000;
        v->regs.pc = 0x40080040;
        v->regs.pstate = SPSR_M_EL1h;
        vcpu_inject_dabt(v, 0x9000000, FSC_SYNC_EXT);
        CHECK_EQ_U64(v->regs.pc, 0x40001200);  /* current EL, SP_ELx */
        CHECK_EQ_U64(fake_inject_elr, 0x40080040);
        CHECK_EQ_U64(fake_inject_spsr, SPSR_M_EL1h);
        CHECK_EQ_U64(fake_inject_esr, ((uint64_t)ESR_EC_DABT_CUR << ESR_EC_SHIFT) | ESR_IL | 0x10);
        CHECK_EQ_U64(fake_inject_far, 0x9000000);
        CHECK_EQ_U64(v->regs.pstate, SPSR_DAIF | SPSR_M_EL1h);
        /* From EL0: the lower-EL vector and EC. */
        v->regs.pc = 0x400000;
        v->regs.pstate = SPSR_M_EL0t;
        vcpu_inject_dabt(v, 0x1234, FSC_SYNC_EXT);
        CHECK_EQ_U64(v->regs.pc, 0x40001400);
        CHECK_EQ_U64(fake_inject_esr >> ESR_EC_SHIFT, ESR_EC_DABT_LOW);
        /* Undefined from EL1t: EC 0, vector 0x000. */
        v->regs.pc = 0x40080000;
        v->regs.pstate = SPSR_M_EL1t;
        vcpu_inject_undef(v);
        CHECK_EQ_U64(v->regs.pc, 0x40001000);
        CHECK_EQ_U64(fake_inject_esr, ESR_IL);
        /* The vector itself faults again: the VM is stopped with a report, not looped. */
        v->regs.pstate = SPSR_M_EL1t;
        crashes = 0;
        vcpu_inject_undef(v);
        CHECK_EQ_U64(crashes, 1);
}

int main(void)
{
        test_table();
        test_id_registers();
        test_ptimer();
        test_debug();
        test_pmu();
        test_sgi();
        test_inject();
        TEST_MAIN_END();
}
