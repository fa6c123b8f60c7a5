// SPDX-License-Identifier: MIT
/* The system-register trap table and its dispatcher (core/sysreg_emul.h). */
#include "core/cpu_features.h"
#include "core/sysreg_emul.h"
#include "core/vcpu.h"
#include "core/vdebug.h"
#include "core/vm.h"
#include "lib/log.h"
#include "vdev/vgic.h"
#include "vdev/vtimer.h"

#define SYSREG_MAX_HANDLERS     24

/* Filled at boot by sysreg_init, read-only once vCPUs run: no lock. */
static struct {
        uint32_t match, mask;
        sysreg_handler_t fn;
} table[SYSREG_MAX_HANDLERS];
static unsigned int nentries;

int sysreg_register(uint32_t match, uint32_t mask, sysreg_handler_t fn)
{
        if (nentries == SYSREG_MAX_HANDLERS || (match & ~mask))
                return -1;
        for (unsigned int i = 0; i < nentries; i++) {
                uint32_t both = mask & table[i].mask;

                if ((match & both) == (table[i].match & both))
                        return -1;              /* some register would match both */
        }
        table[nentries].match = match;
        table[nentries].mask = mask;
        table[nentries].fn = fn;
        nentries++;
        return 0;
}

sysreg_handler_t sysreg_lookup(uint32_t reg)
{
        for (unsigned int i = 0; i < nentries; i++)
                if ((reg & table[i].mask) == table[i].match)
                        return table[i].fn;
        return NULL;
}

/* IMPLEMENTATION DEFINED auxiliary control (HCR_EL2.TACR): RAZ/WI. */
static bool actlr(struct vcpu *v, uint32_t reg, bool read, uint64_t *val)
{
        if (read)
                *val = 0;
        return true;
}

int sysreg_init(void)
{
        nentries = 0;
        if (sysreg_register(SYS_ACTLR_EL1, SYS_REG_MASK_ALL, actlr) ||
            cpu_features_init() || vdebug_init() || vtimer_init() || vgic_sysreg_init())
                return -1;
        return 0;
}

bool sysreg_emulate(struct vcpu *v, uint32_t iss)
{
        uint32_t reg = sys_reg_from_iss(iss);
        bool read = iss & SYS_ISS_DIR_READ;
        unsigned int rt = SYS_ISS_RT(iss);
        uint64_t val = read ? 0 : vcpu_reg(v, rt);
        sysreg_handler_t fn = sysreg_lookup(reg);

        if (!fn || !fn(v, reg, read, &val)) {
                log_debug("VM '%s': %s S%u_%u_C%u_C%u_%u: undefined instruction injected\n",
                          v->vm->cfg.name, read ? "MRS" : "MSR", SYS_ISS_OP0(iss), SYS_ISS_OP1(iss),
                          SYS_ISS_CRN(iss), SYS_ISS_CRM(iss), SYS_ISS_OP2(iss));
                return false;
        }
        if (read)
                vcpu_set_reg(v, rt, val);
        return true;
}
