// SPDX-License-Identifier: MIT
#include "arch/aarch64/esr.h"
#include "test.h"

int main(void)
{
        char buf[80];

        CHECK_EQ_U64(esr_ec(0x96000004), ESR_EC_DABT_CUR);
        CHECK_STR(esr_ec_name(ESR_EC_DABT_CUR), "Data Abort taken without a change in Exception level");
        CHECK_STR(esr_ec_name(ESR_EC_HVC64), "HVC instruction (AArch64)");
        CHECK_STR(esr_ec_name(0x3f), "reserved exception class");
        CHECK_STR(esr_ec_name(0x02), "reserved exception class");
        CHECK_STR(esr_fsc_describe(0x04, buf, sizeof(buf)), "translation fault, level 0");
        CHECK_STR(esr_fsc_describe(0x07, buf, sizeof(buf)), "translation fault, level 3");
        CHECK_STR(esr_fsc_describe(0x0e, buf, sizeof(buf)), "permission fault, level 2");
        CHECK_STR(esr_fsc_describe(0x00, buf, sizeof(buf)), "address size fault, level 0");
        CHECK_STR(esr_fsc_describe(0x21, buf, sizeof(buf)), "alignment fault");
        CHECK_STR(esr_fsc_describe(0x15, buf, sizeof(buf)),
                  "synchronous external abort on table walk, level 1");

        /* str w1, [x0] from EL1 to unmapped IPA: ISV=1 SAS=2 SRT=1 WnR=1 DFSC=translation L3 */
        uint64_t esr = (uint64_t)ESR_EC_DABT_LOW << 26 | ESR_IL | ESR_DABT_ISV |
                       (2u << ESR_DABT_SAS_SHIFT) | (1u << ESR_DABT_SRT_SHIFT) | ESR_DABT_WNR | 0x07;
        struct dabt_info d = esr_decode_dabt(esr);
        CHECK(d.valid);
        CHECK(d.write);
        CHECK_EQ_U64(d.size, 4);
        CHECK_EQ_U64(d.reg, 1);
        CHECK(!d.sign_extend);
        CHECK(!d.sixty_four);
        CHECK_EQ_U64(d.fsc, 7);

        /* ldrsh x5, [x2]: SAS=1 SSE=1 SRT=5 SF=1, read */
        esr = (uint64_t)ESR_EC_DABT_LOW << 26 | ESR_IL | ESR_DABT_ISV | (1u << ESR_DABT_SAS_SHIFT) |
              ESR_DABT_SSE | (5u << ESR_DABT_SRT_SHIFT) | ESR_DABT_SF | 0x06;
        d = esr_decode_dabt(esr);
        CHECK(d.valid && !d.write && d.sign_extend && d.sixty_four);
        CHECK_EQ_U64(d.size, 2);
        CHECK_EQ_U64(d.reg, 5);

        /* ISV clear (e.g. ldp): no access details */
        d = esr_decode_dabt((uint64_t)ESR_EC_DABT_LOW << 26 | 0x07);
        CHECK(!d.valid);
        CHECK_EQ_U64(d.size, 0);
        TEST_MAIN_END();
}
