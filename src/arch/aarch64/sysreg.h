/* SPDX-License-Identifier: MIT */
/*
 * System registers: accessors and the fields this hypervisor programs, named as
 * in the Arm ARM (DDI 0487). Usable from C and from assembly (constants only).
 */
#ifndef ARCH_AARCH64_SYSREG_H
#define ARCH_AARCH64_SYSREG_H

#include "lib/bits.h"
#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>
#endif

/* ---- CurrentEL ---------------------------------------------------------- */
#define CURRENTEL_EL_SHIFT      2

/* ---- SCR_EL3: Secure Configuration Register ----------------------------- */
#define SCR_EL3_NS              BIT(0)   /* EL0/EL1/EL2 are Non-secure */
#define SCR_EL3_IRQ             BIT(1)   /* route physical IRQs to EL3 (we don't) */
#define SCR_EL3_FIQ             BIT(2)
#define SCR_EL3_EA              BIT(3)
#define SCR_EL3_RES1            (BIT(4) | BIT(5))
#define SCR_EL3_SMD             BIT(7)   /* SMC disabled (UNDEFINED at EL1/EL2) */
#define SCR_EL3_HCE             BIT(8)   /* HVC enabled */
#define SCR_EL3_RW              BIT(10)  /* next lower EL (EL2) is AArch64 */
#define SCR_EL3_API             BIT(17)  /* don't trap pointer-auth instructions */
#define SCR_EL3_APK             BIT(16)  /* don't trap pointer-auth key registers */
#define SCR_EL3_ATA             BIT(26)  /* lower ELs may use allocation tags (FEAT_MTE2) */

/* ---- SCTLR_EL2 (non-VHE layout) ----------------------------------------- */
#define SCTLR_EL2_M             BIT(0)   /* stage-1 MMU enable */
#define SCTLR_EL2_A             BIT(1)   /* alignment check */
#define SCTLR_EL2_C             BIT(2)   /* data cacheability */
#define SCTLR_EL2_SA            BIT(3)   /* SP alignment check */
#define SCTLR_EL2_I             BIT(12)  /* instruction cacheability */
#define SCTLR_EL2_WXN           BIT(19)  /* writable implies execute-never */
#define SCTLR_EL2_EE            BIT(25)  /* big-endian data accesses */
#define SCTLR_EL2_ITFSB         BITUL(37) /* tag check faults synchronized on entry to EL2 */
#define SCTLR_EL2_ATA           BITUL(43) /* EL2 may access allocation tags (FEAT_MTE2) */
#define SCTLR_EL2_RES1          (BIT(4) | BIT(5) | BIT(11) | BIT(16) | BIT(18) | \
                                 BIT(22) | BIT(23) | BIT(28) | BIT(29))

/* ---- SPSR_ELx ----------------------------------------------------------- */
#define SPSR_M_EL0t             0x0
#define SPSR_M_EL1t             0x4
#define SPSR_M_EL1h             0x5
#define SPSR_M_EL2t             0x8
#define SPSR_M_EL2h             0x9
#define SPSR_M_MASK             0xf
#define SPSR_M_AARCH32          BIT(4)
#define SPSR_F                  BIT(6)
#define SPSR_I                  BIT(7)
#define SPSR_A                  BIT(8)
#define SPSR_D                  BIT(9)
#define SPSR_DAIF               (SPSR_D | SPSR_A | SPSR_I | SPSR_F)
#define SPSR_IL                 BIT(20)
#define SPSR_SS                 BIT(21)
#define SPSR_PAN                BIT(22)

/* ---- HCR_EL2: Hypervisor Configuration Register ------------------------- */
#define HCR_EL2_VM              BITUL(0)        /* stage-2 translation on */
#define HCR_EL2_SWIO            BITUL(1)        /* set/way invalidate -> clean+invalidate */
#define HCR_EL2_FMO             BITUL(3)        /* physical FIQs to EL2, virtual FIQs on */
#define HCR_EL2_IMO             BITUL(4)        /* physical IRQs to EL2, virtual IRQs on */
#define HCR_EL2_AMO             BITUL(5)        /* SErrors to EL2, virtual SErrors on */
#define HCR_EL2_VF              BITUL(6)
#define HCR_EL2_VI              BITUL(7)
#define HCR_EL2_VSE             BITUL(8)
#define HCR_EL2_FB              BITUL(9)        /* broadcast TLB/I-cache maintenance */
#define HCR_EL2_BSU_IS          (1ull << 10)    /* barriers upgraded to inner shareable */
#define HCR_EL2_TWI             BITUL(13)       /* trap WFI */
#define HCR_EL2_TWE             BITUL(14)       /* trap WFE */
#define HCR_EL2_TID3            BITUL(18)       /* trap ID group 3 (ID_AA64*_EL1 ...) */
#define HCR_EL2_TSC             BITUL(19)       /* trap SMC */
#define HCR_EL2_TIDCP           BITUL(20)       /* trap IMPLEMENTATION DEFINED registers */
#define HCR_EL2_TACR            BITUL(21)       /* trap ACTLR_EL1 */
#define HCR_EL2_RW              BITUL(31)       /* EL1 is AArch64 */
#define HCR_EL2_TLOR            BITUL(35)       /* trap LORegion registers */
#define HCR_EL2_TERR            BITUL(36)       /* trap RAS error record registers */
#define HCR_EL2_TEA             BITUL(37)
#define HCR_EL2_ATA             BITUL(56)       /* EL1/EL0 allocation-tag access not trapped */

/* ---- MDCR_EL2 ---------------------------------------------------------- */
#define MDCR_EL2_HPMN_MASK      0x1full
#define MDCR_EL2_TPMCR          BITUL(5)        /* trap PMCR_EL0 */
#define MDCR_EL2_TPM            BITUL(6)        /* trap all PMU registers */
#define MDCR_EL2_TDA            BITUL(9)        /* trap debug registers */
#define MDCR_EL2_TDOSA          BITUL(10)       /* trap OS lock/debug power registers */
#define MDCR_EL2_TDRA           BITUL(11)       /* trap debug ROM address registers */
#define MDCR_EL2_TPMS           BITUL(14)       /* trap statistical profiling */
#define MDCR_EL2_HPMD           BITUL(17)       /* no event counting at EL2 (FEAT_PMUv3p1) */
#define MDCR_EL2_TTRF           BITUL(19)       /* trap trace filter */
#define MDCR_EL2_HCCD           BITUL(23)       /* no cycle counting at EL2 (FEAT_PMUv3p5) */

/* ---- CPTR_EL2 (non-VHE) ------------------------------------------------ */
#define CPTR_EL2_RES1           0x000032FFull   /* bits 13:12, 9, 7:0 */
#define CPTR_EL2_TZ             BITUL(8)        /* trap SVE */
#define CPTR_EL2_TFP            BITUL(10)       /* trap FP/SIMD */
#define CPTR_EL2_TSM            BITUL(12)       /* trap SME (RES1 without it) */
#define CPTR_EL2_TTA            BITUL(20)       /* trap trace registers */
#define CPTR_EL2_TAM            BITUL(30)       /* trap activity monitors */
#define CPTR_EL2_TCPAC          BITUL(31)

/* ---- CNTHCTL_EL2 (non-VHE) --------------------------------------------- */
#define CNTHCTL_EL1PCTEN        BITUL(0)        /* EL1/EL0 may read the physical counter */
#define CNTHCTL_EL1PCEN         BITUL(1)        /* EL1/EL0 may use the physical timer */

/* ---- ID_AA64PFR0_EL1 / ID_AA64ISAR1_EL1 fields used at boot -------------- */
#define ID_AA64PFR0_GIC_SHIFT   24       /* 1: GICv3 system-register interface */
#define ID_AA64PFR1_MTE_SHIFT   8        /* 2 and up: FEAT_MTE2, allocation tags in memory */
#define ID_AA64ISAR1_APA_SHIFT  4        /* address auth, QARMA5 */
#define ID_AA64ISAR1_API_SHIFT  8        /* address auth, IMP DEF */
#define ID_AA64ISAR1_GPA_SHIFT  24
#define ID_AA64ISAR1_GPI_SHIFT  28

/* ---- ICC_SRE_ELx (GICv3 system-register enable) -------------------------- */
#define ICC_SRE_SRE             BIT(0)   /* use the system-register interface */
#define ICC_SRE_DFB             BIT(1)   /* disable FIQ bypass */
#define ICC_SRE_DIB             BIT(2)   /* disable IRQ bypass */
#define ICC_SRE_ENABLE          BIT(3)   /* lower ELs may set their SRE */

#ifndef __ASSEMBLER__
#define read_sysreg(reg) ({                                     \
        uint64_t __val;                                         \
        __asm__ volatile("mrs %0, " #reg : "=r"(__val));        \
        __val;                                                  \
})

#define write_sysreg(reg, val) do {                             \
        uint64_t __wval = (uint64_t)(val);                      \
        __asm__ volatile("msr " #reg ", %0" : : "r"(__wval));   \
} while (0)

/* Registers without an assembler name on older binutils: by encoding. */
#define read_sysreg_s(enc) ({                                   \
        uint64_t __val;                                         \
        __asm__ volatile("mrs %0, " enc : "=r"(__val));         \
        __val;                                                  \
})
#define write_sysreg_s(enc, val) do {                           \
        uint64_t __wval = (uint64_t)(val);                      \
        __asm__ volatile("msr " enc ", %0" : : "r"(__wval));    \
} while (0)

/* FEAT_MTE2's EL1 registers (by encoding: older assemblers lack their names). */
#define SYS_GCR_EL1             "s3_0_c1_c0_6"
#define SYS_RGSR_EL1            "s3_0_c1_c0_5"
#define SYS_TFSR_EL1            "s3_0_c5_c6_0"
#define SYS_TFSRE0_EL1          "s3_0_c5_c6_1"

static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
#define dsb(opt) __asm__ volatile("dsb " #opt ::: "memory")
#define dmb(opt) __asm__ volatile("dmb " #opt ::: "memory")
static inline void wfe(void) { __asm__ volatile("wfe" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }
static inline void sev(void) { __asm__ volatile("sev" ::: "memory"); }

/* FEAT_MTE2: allocation tags in memory, GCR/RGSR/TFSR registers (ID_AA64PFR1_EL1.MTE >= 2). */
static inline bool cpu_has_mte2(void)
{
        return ((read_sysreg(ID_AA64PFR1_EL1) >> ID_AA64PFR1_MTE_SHIFT) & 0xf) >= 2;
}

static inline unsigned int current_el(void)
{
        return (unsigned int)(read_sysreg(CurrentEL) >> CURRENTEL_EL_SHIFT) & 3;
}
#endif

#endif
