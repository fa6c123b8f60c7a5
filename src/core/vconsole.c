// SPDX-License-Identifier: MIT
/*
 * Guest console output onto the physical UART. Lines are kept whole (so two
 * VMs never interleave mid-line) and, when more than one VM exists, prefixed
 * with "[name] ".
 */
#include "core/vm.h"
#include "drivers/gic.h"
#include "drivers/pl011.h"
#include "lib/log.h"
#include "platform.h"

static void flush_line(struct vm *vm)
{
        if (nvms > 1)
                kprintf("[%s] %.*s\n", vm->cfg.name, (int)vm->con_len, vm->con_line);
        else
                kprintf("%.*s\n", (int)vm->con_len, vm->con_line);
        vm->con_len = 0;
}

void vm_console_write(struct vm *vm, const char *buf, uint64_t len)
{
        /* A single VM owns the console: pass bytes straight through (prompts show at once). */
        if (nvms <= 1) {
                kputs_raw(buf, len);
                return;
        }
        for (uint64_t i = 0; i < len; i++) {
                char c = buf[i];

                if (c == '\n') {
                        flush_line(vm);
                        continue;
                }
                if (c == '\r')
                        continue;
                vm->con_line[vm->con_len++] = c;
                if (vm->con_len == sizeof(vm->con_line))
                        flush_line(vm);
        }
}

static unsigned int focus;

static bool live(unsigned int i)
{
        return i < nvms && vms[i].state == VM_RUNNING;
}

void console_input(char c)
{
        if (c == CONSOLE_FOCUS_KEY) {
                for (unsigned int n = 1; n <= nvms; n++) {
                        unsigned int i = (focus + n) % nvms;
                        if (live(i)) {
                                focus = i;
                                kprintf("\nhyp: console input now goes to VM '%s' (Ctrl-T switches)\n",
                                        vms[i].cfg.name);
                                return;
                        }
                }
                return;
        }
        if (!live(focus)) {
                for (unsigned int i = 0; i < nvms; i++)
                        if (live(i))
                                focus = i;
        }
        if (live(focus))
                vpl011_receive(&vms[focus].uart, c);
}

/* Typed characters: to the VM in focus (reading them clears the UART's interrupt). */
static void uart_rx_irq(unsigned int intid)
{
        char c;

        while (pl011_getc(PLAT_UART_BASE, &c))
                console_input(c);
}

int console_input_init(unsigned int cpu)
{
        if (gic_register_irq(PLAT_UART_IRQ, uart_rx_irq))
                return -1;
        pl011_enable_rx_irq(PLAT_UART_BASE);
        gic_enable_spi(PLAT_UART_IRQ, cpu);
        return 0;
}
