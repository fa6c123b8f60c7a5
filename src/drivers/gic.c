// SPDX-License-Identifier: MIT
/*
 * The physical GIC, whichever version the platform has, and what the
 * hypervisor does with its own interrupts: the EL2 timer (scheduling), the
 * running vCPU's virtual timer, the console UART's input, kicks between CPUs
 * and vGIC maintenance (both resolved on the way back to the guest).
 */
#include "arch/aarch64/sysreg.h"
#include "core/pcpu.h"
#include "core/sched.h"
#include "core/vm.h"
#include "drivers/gic.h"
#include "drivers/gic_ops.h"
#include "drivers/pl011.h"
#include "platform.h"

static const struct gic_ops *ops = &gicv3_ops;

/* EL3, before BSS is cleared: no globals. */
void gic_el3_init(unsigned int cpu)
{
        if ((read_sysreg(ID_AA64PFR0_EL1) >> ID_AA64PFR0_GIC_SHIFT) & 0xf)
                gicv3_el3_init(cpu);
        else
                gicv2_el3_init(cpu);
}

int gic_init(void)
{
        ops = ((read_sysreg(ID_AA64PFR0_EL1) >> ID_AA64PFR0_GIC_SHIFT) & 0xf) ? &gicv3_ops : &gicv2_ops;
        return ops->init();
}

unsigned int gic_version(void)
{
        return ops->version;
}

void gic_init_cpu(void)
{
        ops->init_cpu();
}

void gic_enable_own_ppis(void)
{
        ops->enable_ppi(PLAT_TIMER_HYP_IRQ);
        ops->enable_ppi(PLAT_TIMER_VIRT_IRQ);
        ops->enable_ppi(PLAT_GIC_MAINT_IRQ);
        ops->enable_ppi(GIC_SGI_KICK);
}

void gic_enable_ppi(unsigned int intid)
{
        ops->enable_ppi(intid);
}

void gic_disable_ppi(unsigned int intid)
{
        ops->disable_ppi(intid);
}

void gic_enable_spi(unsigned int intid, unsigned int cpu)
{
        ops->enable_spi(intid, cpu);
}

void gic_send_sgi(unsigned int cpu, unsigned int sgi)
{
        ops->send_sgi(cpu, sgi);
}

/*
 * The running vCPU's virtual timer fired. The timer's output is a level: it
 * stays asserted until the guest reprograms it. So the physical PPI is masked
 * at the GIC (the guest's CNTV_CTL_EL0 is left as the guest wrote it) and the
 * virtual PPI's line raised; vgic_sync() lowers the line when the timer stops
 * asserting and unmasks the physical one once the guest has dealt with it.
 */
static void vtimer_irq(void)
{
        struct vcpu *v = this_pcpu()->current;

        gic_disable_ppi(PLAT_TIMER_VIRT_IRQ);
        if (v)
                vgic_vtimer_fired(v);
}

/* Typed characters: to the VM in focus (reading them clears the UART's interrupt). */
static void uart_rx_irq(void)
{
        char c;

        while (pl011_getc(PLAT_UART_BASE, &c))
                console_input(c);
}

void gic_handle_irq(void)
{
        for (;;) {
                uint32_t iar = ops->ack();
                unsigned int intid = iar & 0x3ff;

                if (intid >= GIC_SPURIOUS)
                        return;
                if (intid == PLAT_TIMER_HYP_IRQ)
                        sched_timer_irq();
                else if (intid == PLAT_TIMER_VIRT_IRQ)
                        vtimer_irq();
                else if (intid == PLAT_UART_IRQ)
                        uart_rx_irq();
                /* Kicks and maintenance need no action here: the exit path resyncs. */
                ops->eoi(iar);
        }
}
