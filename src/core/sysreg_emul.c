// SPDX-License-Identifier: MIT
/* The system-register trap table and its dispatcher (core/sysreg_emul.h). */
#include "core/cpu_features.h"
#include "core/sysreg_emul.h"
#include "vdev/vpmu.h"
#include "core/vcpu.h"
#include "core/vdebug.h"
#include "core/vm.h"
#include "lib/log.h"
#include "lib/string.h"
#include "vdev/vgic.h"
#include "vdev/vtimer.h"

#define SYSREG_MAX_HANDLERS     15

/*
 * The table, built at boot by sysreg_init and read-only once vCPUs run (no lock): a
 * handler index for every register number (64 Ki of them: a trap is one load,
 * however many handlers there are).
 */
static sysreg_handler_t handlers[SYSREG_MAX_HANDLERS + 1];     /* [0]: none */
static unsigned int nhandlers;
static uint8_t table[1u << 16] __attribute__((aligned(8)));

/* Does fn(r) hold for every register r with (r & mask) == match (the free bits' sub-masks)? */
static bool each_match(uint32_t match, uint32_t mask, bool (*fn)(uint32_t reg, unsigned int h),
                       unsigned int h)
{
        uint32_t free = ~mask & SYS_REG_MASK_ALL, sub = 0;
        bool ok = true;

        do {
                ok = fn(match | sub, h) && ok;
                sub = (sub - free) & free;      /* the next sub-mask of 'free' */
        } while (sub);
        return ok;
}

/* A group whose free bits are the low ones is a range: checked and filled as one (the
 * op0 = 2 debug group is 16 Ki registers, at boot). */
static bool range_free(uint32_t first, uint32_t n)
{
        uint32_t i = 0;

        if (!(first & 7) && !(n & 7))
                for (; i < n; i += 8)                   /* 8 at a time: table is 8-aligned */
                        if (*(const uint64_t *)(const void *)&table[first + i])
                                return false;
        for (; i < n; i++)
                if (table[first + i])
                        return false;
        return true;
}

static bool unclaimed(uint32_t reg, unsigned int h)
{
        (void)h;
        return !table[reg];
}

static bool claim(uint32_t reg, unsigned int h)
{
        table[reg] = (uint8_t)h;
        return true;
}

int sysreg_register(uint32_t match, uint32_t mask, sysreg_handler_t fn)
{
        unsigned int h = nhandlers + 1;
        uint32_t free = ~mask & SYS_REG_MASK_ALL;
        bool range = !(free & (free + 1));      /* free bits are the low ones */

        if (match > SYS_REG_MASK_ALL || (match & ~mask) || !fn)
                return -1;
        /* The same function again (several registers of one device) shares its slot. */
        for (unsigned int i = 1; i <= nhandlers; i++)
                if (handlers[i] == fn)
                        h = i;
        if (h > SYSREG_MAX_HANDLERS ||
            !(range ? range_free(match, free + 1) : each_match(match, mask, unclaimed, h)))
                return -1;
        handlers[h] = fn;
        if (h == nhandlers + 1)
                nhandlers++;
        if (range)
                memset(&table[match], (int)h, free + 1);
        else
                each_match(match, mask, claim, h);
        return 0;
}

sysreg_handler_t sysreg_lookup(uint32_t reg)
{
        return handlers[table[reg & SYS_REG_MASK_ALL]];
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
        if (nhandlers)                          /* again (unit tests): start empty */
                memset(table, 0, sizeof(table));
        nhandlers = 0;
        if (sysreg_register(SYS_ACTLR_EL1, SYS_REG_MASK_ALL, actlr) ||
            cpu_features_init() || vdebug_init() || vtimer_init() || vgic_sysreg_init() ||
            vpmu_init())
                return -1;
        return 0;
}

/* Out of the trap's way (it would keep the ISS fields live across the handler call). */
static void __attribute__((noinline, cold)) report_undefined(struct vcpu *v, uint32_t iss)
{
        log_debug("VM '%s': %s S%u_%u_C%u_C%u_%u: undefined instruction injected\n",
                  v->vm->cfg.name, (iss & SYS_ISS_DIR_READ) ? "MRS" : "MSR", SYS_ISS_OP0(iss),
                  SYS_ISS_OP1(iss), SYS_ISS_CRN(iss), SYS_ISS_CRM(iss), SYS_ISS_OP2(iss));
}

bool sysreg_emulate(struct vcpu *v, uint32_t iss)
{
        uint32_t reg = sys_reg_from_iss(iss);
        bool read = iss & SYS_ISS_DIR_READ;
        unsigned int rt = SYS_ISS_RT(iss);
        uint64_t val = read ? 0 : vcpu_reg(v, rt);
        sysreg_handler_t fn = sysreg_lookup(reg);

        if (!fn || !fn(v, reg, read, &val)) {
                report_undefined(v, iss);
                return false;
        }
        if (read)
                vcpu_set_reg(v, rt, val);
        return true;
}
