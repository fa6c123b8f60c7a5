// SPDX-License-Identifier: MIT
/*
 * flood: a known 64 KiB pattern on the console, then PSCI SYSTEM_OFF at once, so
 * the last bytes reach the UART just before the simulator exits. hypctl must not
 * lose them (tests/tools/test_console_lossless.py checks every byte).
 *
 * The pattern: FLOOD_LINES lines of FLOOD_LINE_LEN bytes, line i being "%04d:"
 * and then FLOOD_LINE_LEN - 6 letters, letter j = 'A' + (7 i + j) mod 26, and '\n'.
 */
#include "lib/guest.h"
#include "lib/smp.h"

#define FLOOD_LINES     1024
#define FLOOD_LINE_LEN  64              /* 1024 x 64 = 65536 bytes */
#define LINES_PER_WRITE 64              /* 4 KiB per console write */

static char chunk[LINES_PER_WRITE * FLOOD_LINE_LEN];

static void make_line(char *p, unsigned int i)
{
        p[0] = (char)('0' + i / 1000 % 10);
        p[1] = (char)('0' + i / 100 % 10);
        p[2] = (char)('0' + i / 10 % 10);
        p[3] = (char)('0' + i % 10);
        p[4] = ':';
        for (unsigned int j = 0; j < FLOOD_LINE_LEN - 6; j++)
                p[5 + j] = (char)('A' + (7 * i + j) % 26);
        p[FLOOD_LINE_LEN - 1] = '\n';
}

int guest_main(uint64_t dtb)
{
        (void)dtb;
        guest_printf("flood: %u bytes follow, then SYSTEM_OFF\n", FLOOD_LINES * FLOOD_LINE_LEN);
        guest_flush();
        for (unsigned int first = 0; first < FLOOD_LINES; first += LINES_PER_WRITE) {
                for (unsigned int k = 0; k < LINES_PER_WRITE; k++)
                        make_line(chunk + k * FLOOD_LINE_LEN, first + k);
                if (console_write(chunk, sizeof(chunk)) != sizeof(chunk))
                        vm_exit(1);
        }
        hvc_call(PSCI_FN_SYSTEM_OFF, 0, 0, 0, NULL);
        vm_exit(2);                     /* SYSTEM_OFF returned: wrong */
}
