// SPDX-License-Identifier: MIT
/*
 * PL011 UART. Initialised fully (baud divisors, line control, FIFOs) from the
 * platform's UART clock, so it works whether or not firmware set it up.
 */
#include "drivers/pl011.h"
#include "arch/aarch64/mmio.h"

void pl011_init(uintptr_t base, uint32_t clock_hz, uint32_t baud)
{
        uint32_t div = pl011_baud_divisor(clock_hz, baud);

        /* Disable, let any character in flight finish, then flush the FIFOs (FEN=0). */
        mmio_write32(base + UARTCR, 0);
        while (mmio_read32(base + UARTFR) & UARTFR_BUSY)
                ;
        mmio_write32(base + UARTLCR_H, 0);

        mmio_write32(base + UARTIBRD, div >> 6);
        mmio_write32(base + UARTFBRD, div & 63);
        /*
         * UARTLCR_H (written after the divisors: that write latches them)
         *   06:05 WLEN  x3   8 data bits
         *   04:04 FEN   x1   FIFOs on
         *   03:03 STP2  x0   one stop bit
         *   01:01 PEN   x0   no parity
         */
        mmio_write32(base + UARTLCR_H, UARTLCR_H_WLEN_8 | UARTLCR_H_FEN);

        mmio_write32(base + UARTIMSC, 0);               /* polled: no interrupts */
        mmio_write32(base + UARTICR, UART_INT_ALL);
        mmio_write32(base + UARTRSR, 0);                /* clear receive errors */
        /*
         * UARTCR
         *   09:09 RXE    x1  receive enable
         *   08:08 TXE    x1  transmit enable
         *   00:00 UARTEN x1  UART enable
         */
        mmio_write32(base + UARTCR, UARTCR_RXE | UARTCR_TXE | UARTCR_UARTEN);
}

static void pl011_tx(uintptr_t base, char c)
{
        while (mmio_read32(base + UARTFR) & UARTFR_TXFF)
                ;
        mmio_write32(base + UARTDR, (uint8_t)c);
}

void pl011_putc(uintptr_t base, char c)
{
        if (c == '\n')
                pl011_tx(base, '\r');
        pl011_tx(base, c);
}

void pl011_enable_rx_irq(uintptr_t base)
{
        mmio_write32(base + UARTIMSC, UART_INT_RX | UART_INT_RT);
}

bool pl011_getc(uintptr_t base, char *c)
{
        if (mmio_read32(base + UARTFR) & UARTFR_RXFE)
                return false;
        *c = (char)(mmio_read32(base + UARTDR) & 0xff);
        return true;
}
