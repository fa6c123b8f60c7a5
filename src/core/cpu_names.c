// SPDX-License-Identifier: MIT
#include "core/cpu_names.h"
#include "lib/printf.h"

struct part {
        uint8_t implementer;
        uint16_t part;
        const char *name;
};

static const struct part parts[] = {
        { 0x41, 0xd03, "Arm Cortex-A53" },
        { 0x41, 0xd04, "Arm Cortex-A35" },
        { 0x41, 0xd05, "Arm Cortex-A55" },
        { 0x41, 0xd07, "Arm Cortex-A57" },
        { 0x41, 0xd08, "Arm Cortex-A72" },
        { 0x41, 0xd09, "Arm Cortex-A73" },
        { 0x41, 0xd0a, "Arm Cortex-A75" },
        { 0x41, 0xd0b, "Arm Cortex-A76" },
        { 0x41, 0xd0c, "Arm Neoverse N1" },
        { 0x41, 0xd0d, "Arm Cortex-A77" },
        { 0x41, 0xd0f, "Arm AEMv8 (FVP)" },
        { 0x41, 0xd40, "Arm Neoverse V1" },
        { 0x41, 0xd41, "Arm Cortex-A78" },
        { 0x41, 0xd49, "Arm Neoverse N2" },
        { 0x00, 0x051, "QEMU 'max'" },
};

const char *midr_describe(uint64_t midr, char *buf, unsigned long size)
{
        unsigned int impl = (midr >> 24) & 0xff, part = (midr >> 4) & 0xfff;
        unsigned int variant = (midr >> 20) & 0xf, rev = midr & 0xf;

        for (unsigned int i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
                if (parts[i].implementer == impl && parts[i].part == part) {
                        fmt_snprintf(buf, size, "%s r%up%u", parts[i].name, variant, rev);
                        return buf;
                }
        }
        fmt_snprintf(buf, size, "implementer 0x%02x part 0x%03x r%up%u", impl, part, variant, rev);
        return buf;
}
