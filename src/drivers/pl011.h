/* SPDX-License-Identifier: MIT */
/* Arm PrimeCell UART (PL011) driver: polled transmit and receive. */
#ifndef DRIVERS_PL011_H
#define DRIVERS_PL011_H

#include <stdbool.h>
#include <stdint.h>

/* Register offsets (PL011 TRM, DDI 0183). */
#define UARTDR          0x000   /* data */
#define UARTRSR         0x004   /* receive status / error clear */
#define UARTFR          0x018   /* flags */
#define UARTILPR        0x020
#define UARTIBRD        0x024   /* integer baud divisor */
#define UARTFBRD        0x028   /* fractional baud divisor (1/64ths) */
#define UARTLCR_H       0x02C   /* line control */
#define UARTCR          0x030   /* control */
#define UARTIFLS        0x034   /* FIFO interrupt levels */
#define UARTIMSC        0x038   /* interrupt mask set/clear */
#define UARTRIS         0x03C   /* raw interrupt status */
#define UARTMIS         0x040   /* masked interrupt status */
#define UARTICR         0x044   /* interrupt clear */
#define UARTDMACR       0x048
#define UARTPERIPHID0   0xFE0
#define UARTPCELLID0    0xFF0

#define UARTFR_CTS      (1u << 0)
#define UARTFR_BUSY     (1u << 3)
#define UARTFR_RXFE     (1u << 4)   /* receive FIFO empty */
#define UARTFR_TXFF     (1u << 5)   /* transmit FIFO full */
#define UARTFR_RXFF     (1u << 6)
#define UARTFR_TXFE     (1u << 7)   /* transmit FIFO empty */

#define UARTLCR_H_BRK   (1u << 0)
#define UARTLCR_H_PEN   (1u << 1)
#define UARTLCR_H_FEN   (1u << 4)   /* FIFOs enabled */
#define UARTLCR_H_WLEN_8 (3u << 5)  /* 8 data bits */

#define UARTCR_UARTEN   (1u << 0)
#define UARTCR_LBE      (1u << 7)
#define UARTCR_TXE      (1u << 8)
#define UARTCR_RXE      (1u << 9)
#define UARTCR_RTS      (1u << 11)

#define UART_INT_RX     (1u << 4)
#define UART_INT_TX     (1u << 5)
#define UART_INT_RT     (1u << 6)   /* receive timeout */
#define UART_INT_ALL    0x7FFu

/* Baud divisor in 1/64ths: IBRD = div >> 6, FBRD = div & 63 (rounded to nearest). */
static inline uint32_t pl011_baud_divisor(uint32_t clock_hz, uint32_t baud)
{
        /* clock / (16 * baud) * 64 = clock * 4 / baud */
        return (uint32_t)(((uint64_t)clock_hz * 4 + baud / 2) / baud);
}

void pl011_init(uintptr_t base, uint32_t clock_hz, uint32_t baud);
void pl011_putc(uintptr_t base, char c);
bool pl011_getc(uintptr_t base, char *c);
/* Interrupt on received characters (RX and receive timeout). */
void pl011_enable_rx_irq(uintptr_t base);

#endif
