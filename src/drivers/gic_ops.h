/* SPDX-License-Identifier: MIT */
/* The GICv2 and GICv3 drivers behind drivers/gic.h (chosen at boot). */
#ifndef DRIVERS_GIC_OPS_H
#define DRIVERS_GIC_OPS_H

#include <stdint.h>

struct gic_ops {
        unsigned int version;
        int (*init)(void);
        void (*init_cpu)(unsigned int cpu);     /* cpu: this CPU's index */
        void (*enable_ppi)(unsigned int intid);
        void (*disable_ppi)(unsigned int intid);
        void (*enable_spi)(unsigned int intid, unsigned int cpu);
        void (*send_sgi)(unsigned int cpu, unsigned int sgi);
        uint32_t (*ack)(void);          /* INTID (with the GICv2 source CPU bits), or >= 1020 */
        void (*eoi)(uint32_t iar);
};

extern const struct gic_ops gicv3_ops;
extern const struct gic_ops *gic_active_ops;   /* the one in use (drivers/gic.c) */
extern const struct gic_ops gicv2_ops;

void gicv3_el3_init(unsigned int cpu);
void gicv2_el3_init(unsigned int cpu);

#endif
