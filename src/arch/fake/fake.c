// SPDX-License-Identifier: MIT
/*
 * The fake arch (arch/arch.h on the host): per-CPU pointers are thread-local,
 * the counter a variable, idling a hook of the test's. Plus the hardware half
 * of the vGIC (list registers in memory, vdev/vgic_hw.h) and the physical GIC
 * (drivers/gic.h) as far as the arch-neutral code uses them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/fake/fake.h"
#include "arch/aarch64/debug.h"
#include "arch/aarch64/pmu.h"
#include "drivers/gic.h"

_Thread_local void *fake_cpu_local;
uint64_t fake_counter, fake_counter_freq = 62500000;
_Thread_local uint64_t fake_vtimer_ctl;
_Thread_local uint64_t fake_hyp_timer_deadline;
static _Thread_local unsigned int this_cpu;

void fake_become_cpu(unsigned int cpu, void *p)
{
        this_cpu = cpu;
        fake_cpu_local = p;
}

unsigned int fake_this_cpu(void)
{
        return this_cpu;
}

_Thread_local uint64_t fake_mpidr;
_Thread_local uint64_t fake_exit_esr, fake_exit_far, fake_exit_ipa;

void (*fake_idle_hook)(void);

void fake_idle(void)
{
        if (!fake_idle_hook) {
                fprintf(stderr, "fake arch: CPU %u idles and the test set no idle hook\n", this_cpu);
                abort();
        }
        fake_idle_hook();
}

void arch_guest_enter(struct gp_regs *regs)
{
        (void)regs;
        fprintf(stderr, "fake arch: arch_guest_enter called (there is no guest on the host)\n");
        abort();
}

/* ---- list registers ------------------------------------------------------ */

_Thread_local struct vgic_lr fake_lr[FAKE_MAX_LRS];
unsigned int fake_nr_lrs = 4;
_Thread_local bool fake_vif_enabled, fake_vif_uie;
_Thread_local uint64_t fake_vif_vmcr, fake_vif_apr;

static unsigned int nr_lrs(void)
{
        return fake_nr_lrs;
}

static void read_lr(unsigned int n, struct vgic_lr *lr)
{
        /* As the hardware: an inactive list register still holds its INTID. */
        if (n >= FAKE_MAX_LRS) {
                memset(lr, 0, sizeof(*lr));
                return;
        }
        *lr = fake_lr[n];
}

static void write_lr(unsigned int n, const struct vgic_lr *lr)
{
        if (n >= fake_nr_lrs) {
                fprintf(stderr, "fake arch: list register %u written, the CPU has %u\n", n,
                        fake_nr_lrs);
                abort();
        }
        fake_lr[n] = *lr;
}

static void clear_lr(unsigned int n)
{
        if (n < FAKE_MAX_LRS)
                memset(&fake_lr[n], 0, sizeof(fake_lr[n]));
}

static void set_hcr(bool uie)
{
        fake_vif_enabled = true;
        fake_vif_uie = uie;
}

static void save(struct vgic_vif *c)
{
        c->vmcr = fake_vif_vmcr;
        c->apr = fake_vif_apr;
        fake_vif_enabled = false;
        fake_vif_uie = false;
}

static void restore(const struct vgic_vif *c, bool uie)
{
        fake_vif_vmcr = c->vmcr;
        fake_vif_apr = c->apr;
        set_hcr(uie);
}

const struct vgic_hw vgic_hw_v3 = {
        .version = 3, .nr_lrs = nr_lrs, .read_lr = read_lr, .write_lr = write_lr,
        .clear_lr = clear_lr, .set_hcr = set_hcr, .save = save, .restore = restore,
};

const struct vgic_hw vgic_hw_v2 = {
        .version = 2, .nr_lrs = nr_lrs, .read_lr = read_lr, .write_lr = write_lr,
        .clear_lr = clear_lr, .set_hcr = set_hcr, .save = save, .restore = restore,
};

/* ---- the physical GIC ---------------------------------------------------- */

_Thread_local uint32_t fake_ppi_enabled;
unsigned int fake_sgis_sent[FAKE_MAX_CPUS];
static int spi_route[1020];
static unsigned int fake_gic_ver = 3;

static struct {
        unsigned int intid;
        gic_irq_handler_t fn;
} handlers[16];
static unsigned int nhandlers;

void fake_gic_reset(void)
{
        nhandlers = 0;
        memset(fake_sgis_sent, 0, sizeof(fake_sgis_sent));
        for (unsigned int i = 0; i < 1020; i++)
                spi_route[i] = -1;
        fake_ppi_enabled = 0;
}

unsigned int gic_probe(void)
{
        return fake_gic_ver;
}

int gic_init(void)
{
        return 0;
}

unsigned int gic_version(void)
{
        return fake_gic_ver;
}

int gic_register_irq(unsigned int intid, gic_irq_handler_t fn)
{
        if (nhandlers == sizeof(handlers) / sizeof(handlers[0]) || intid >= GIC_SPURIOUS)
                return -1;
        for (unsigned int i = 0; i < nhandlers; i++)
                if (handlers[i].intid == intid)
                        return -1;
        handlers[nhandlers].intid = intid;
        handlers[nhandlers].fn = fn;
        nhandlers++;
        return 0;
}

bool fake_gic_fire(unsigned int intid)
{
        for (unsigned int i = 0; i < nhandlers; i++) {
                if (handlers[i].intid == intid) {
                        if (handlers[i].fn)
                                handlers[i].fn(intid);
                        return true;
                }
        }
        return false;
}

void gic_init_cpu(unsigned int cpu)
{
        (void)cpu;
        for (unsigned int i = 0; i < nhandlers; i++)
                if (handlers[i].intid < 32)
                        fake_ppi_enabled |= 1u << handlers[i].intid;
}

void gic_enable_ppi(unsigned int intid)
{
        if (intid < 32)
                fake_ppi_enabled |= 1u << intid;
}

void gic_disable_ppi(unsigned int intid)
{
        if (intid < 32)
                fake_ppi_enabled &= ~(1u << intid);
}

void gic_enable_spi(unsigned int intid, unsigned int cpu)
{
        if (intid >= 32 && intid < 1020)
                spi_route[intid] = (int)cpu;
}

int fake_spi_route(unsigned int intid)
{
        return intid < 1020 ? spi_route[intid] : -1;
}

void gic_send_sgi(unsigned int cpu, unsigned int sgi)
{
        (void)sgi;
        if (cpu < FAKE_MAX_CPUS)
                __atomic_fetch_add(&fake_sgis_sent[cpu], 1, __ATOMIC_RELAXED);
}

void gic_handle_irq(void)
{
}

void gic_el3_init(unsigned int cpu)
{
        (void)cpu;
}

/* ---- the loaded vCPU's registers, ID registers, debug registers ----------- */

_Thread_local struct el1_sysregs fake_el1;
_Thread_local uint64_t fake_cntvoff;
_Thread_local uint64_t fake_inject_elr, fake_inject_spsr, fake_inject_esr, fake_inject_far;
_Thread_local unsigned int fake_injections;
uint64_t fake_id_regs[8][8];
uint64_t fake_midr = 0x411fd070;               /* a Cortex-A57 */
_Thread_local uint64_t fake_dbg[4][DBG_MAX_POINTS], fake_mdscr, fake_oslar;
unsigned int fake_brps = 6, fake_wrps = 4;

void arch_el1_load(const struct el1_sysregs *r, uint64_t cntvoff)
{
        fake_el1 = *r;
        fake_cntvoff = cntvoff;
        fake_vtimer_ctl = r->cntv_ctl;
}

void arch_el1_save(struct el1_sysregs *r)
{
        fake_el1.cntv_ctl = fake_vtimer_ctl;
        *r = fake_el1;
        fake_vtimer_ctl = 0;
}

void fpsimd_save(struct fpsimd_state *s)
{
        (void)s;
}

void fpsimd_restore(const struct fpsimd_state *s)
{
        (void)s;
}

void arch_el1_inject_sync(uint64_t elr, uint64_t spsr, uint64_t esr, bool has_far, uint64_t far)
{
        fake_inject_elr = elr;
        fake_inject_spsr = spsr;
        fake_inject_esr = esr;
        fake_inject_far = has_far ? far : 0;
        fake_injections++;
}

uint64_t arch_el1_vbar(void)
{
        return fake_el1.vbar;
}

bool arch_el1_pan_on_exception(void)
{
        return false;
}

uint64_t arch_midr(void)
{
        return fake_midr;
}

void stage2_activate(uint64_t vttbr)
{
        (void)vttbr;
}

void hw_dbg_write(enum hw_dbg_reg which, unsigned int n, uint64_t value)
{
        if (n >= DBG_MAX_POINTS || n >= (which <= HW_DBG_BCR ? fake_brps : fake_wrps)) {
                fprintf(stderr, "fake arch: debug register %d/%u does not exist\n", which, n);
                abort();
        }
        fake_dbg[which][n] = value;
}

void hw_dbg_write_mdscr(uint64_t value)
{
        fake_mdscr = value;
}

void hw_dbg_write_oslar(uint64_t value)
{
        fake_oslar = value;
}

void hw_dbg_sync(void)
{
}

unsigned int hw_dbg_brps(void)
{
        return fake_brps;
}

unsigned int hw_dbg_wrps(void)
{
        return fake_wrps;
}

_Thread_local uint64_t fake_pmu[16], fake_pmu_evcntr[31], fake_pmu_evtyper[31];
unsigned int fake_pmu_n = 4;

void fake_pmu_reset(unsigned int n)
{
        for (unsigned int i = 0; i < 31; i++)
                fake_pmu_evcntr[i] = fake_pmu_evtyper[i] = 0;
        for (unsigned int i = 0; i < 16; i++)
                fake_pmu[i] = 0;
        fake_pmu_n = n;
}

unsigned int hw_pmu_version(void)
{
        return (unsigned int)(fake_id_regs[5][0] >> 8) & 0xf;
}

bool hw_pmu_present(void)
{
        return hw_pmu_version() != 0 && hw_pmu_version() != 0xf;
}

unsigned int hw_pmu_counters(void)
{
        return fake_pmu_n;
}

uint64_t hw_pmu_read(enum hw_pmu_reg r)
{
        if (r == HW_PMCR)
                return (fake_pmu[HW_PMCR] & 0xff) | ((uint64_t)fake_pmu_n << PMCR_N_SHIFT);
        return fake_pmu[r];
}

void hw_pmu_write(enum hw_pmu_reg r, uint64_t value)
{
        switch (r) {
        case HW_PMCNTEN: case HW_PMINTEN: case HW_PMOVS:
                fake_pmu[r] |= value;
                break;
        case HW_PMCR:
                if (value & PMCR_P)
                        memset(fake_pmu_evcntr, 0, sizeof(fake_pmu_evcntr));
                if (value & PMCR_C)
                        fake_pmu[HW_PMCCNTR] = 0;
                fake_pmu[r] = value & PMCR_WRITABLE & ~(uint64_t)(PMCR_P | PMCR_C);
                break;
        case HW_PMCEID0: case HW_PMCEID1: case HW_PMMIR:
                break;
        default:
                fake_pmu[r] = value;
        }
}

void hw_pmu_clear(enum hw_pmu_reg r, uint64_t bits)
{
        fake_pmu[r] &= ~bits;
}

static void fake_pmu_check(unsigned int n)
{
        if (n >= fake_pmu_n) {
                fprintf(stderr, "fake arch: event counter %u does not exist\n", n);
                abort();
        }
}

uint64_t hw_pmu_evcntr_read(unsigned int n)
{
        fake_pmu_check(n);
        return fake_pmu_evcntr[n];
}

void hw_pmu_evcntr_write(unsigned int n, uint64_t value)
{
        fake_pmu_check(n);
        fake_pmu_evcntr[n] = value;
}

void hw_pmu_evtyper_write(unsigned int n, uint64_t value)
{
        fake_pmu_check(n);
        fake_pmu_evtyper[n] = value;
}

void hw_pmu_sync(void)
{
}

void arch_trap_init_cpu(void)
{
}

void arch_halt(void)
{
        fprintf(stderr, "fake arch: arch_halt\n");
        abort();
}
