// SPDX-License-Identifier: MIT
#include "core/vm.h"
#include "drivers/pl011.h"
#include "lib/string.h"
#include "vdev/vgic.h"
#include "vdev/vpl011.h"

/* PL011 r1p5 peripheral and PrimeCell identification (PL011 TRM, table 3-1). */
static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

#define FR_RXFE         UARTFR_RXFE
#define FR_RXFF         UARTFR_RXFF
#define FR_TXFE         UARTFR_TXFE

/* Interrupt line to the vGIC: any raw interrupt that is unmasked. Call with the lock held. */
static bool line(const struct vpl011 *u)
{
        return (u->ris & u->imsc) != 0;
}

void vpl011_init(struct vpl011 *u, struct vm *vm)
{
        memset(u, 0, sizeof(*u));
        u->vm = vm;
        u->cr = UARTCR_RXE | UARTCR_TXE;                /* reset value 0x300 */
        u->ifls = 0x12;                                 /* half-full triggers */
}

static unsigned int rx_trigger(const struct vpl011 *u)
{
        /* FIFOs off: every character interrupts; on: at the RX level chosen in IFLS (1/8..7/8). */
        static const unsigned int eighths[] = { 1, 2, 4, 6, 7 };
        unsigned int sel = (u->ifls >> 3) & 7;

        if (!(u->lcr_h & UARTLCR_H_FEN))
                return 1;
        return VPL011_FIFO * eighths[sel < 5 ? sel : 2] / 8;
}

/* Into the receive FIFO (the caller checked there is room). Lock held. */
static void fifo_push(struct vpl011 *u, uint8_t c)
{
        u->rx[(u->rx_head + u->rx_count) % VPL011_FIFO] = c;
        u->rx_count++;
        /* RX at the trigger level; receive timeout for anything below it. */
        u->ris |= u->rx_count >= rx_trigger(u) ? UART_INT_RX : UART_INT_RT;
}

/* Move typed-ahead input into the FIFO as it drains. Lock held. */
static void backlog_refill(struct vpl011 *u)
{
        while (u->bl_count && u->rx_count < VPL011_FIFO) {
                fifo_push(u, u->backlog[u->bl_head]);
                u->bl_head = (u->bl_head + 1) % VPL011_BACKLOG;
                u->bl_count--;
        }
}

bool vpl011_receive(struct vpl011 *u, char c)
{
        bool ok = true, irq;

        spin_lock(&u->lock);
        if (u->rx_count < VPL011_FIFO && !u->bl_count) {
                fifo_push(u, (uint8_t)c);
        } else if (u->bl_count < VPL011_BACKLOG) {
                u->backlog[(u->bl_head + u->bl_count) % VPL011_BACKLOG] = (uint8_t)c;
                u->bl_count++;
        } else {
                ok = false;
        }
        irq = line(u);
        /* Under the UART's lock: two vCPUs' updates of the line cannot land out of order. */
        vgic_set_line(u->vm, GUEST_UART_IRQ, irq);
        spin_unlock(&u->lock);
        return ok;
}

static uint32_t read_reg(struct vpl011 *u, uint64_t off)
{
        uint32_t v;

        switch (off) {
        case UARTDR:
                if (!u->rx_count)
                        return 0;
                v = u->rx[u->rx_head];
                u->rx_head = (u->rx_head + 1) % VPL011_FIFO;
                u->rx_count--;
                backlog_refill(u);
                if (u->rx_count < rx_trigger(u))
                        u->ris &= ~UART_INT_RX;
                if (!u->rx_count)
                        u->ris &= ~UART_INT_RT;
                return v;
        case UARTRSR:
                return 0;
        case UARTFR:
                return FR_TXFE | (u->rx_count ? 0 : FR_RXFE) |
                       (u->rx_count == VPL011_FIFO ? FR_RXFF : 0);
        case UARTILPR: return u->ilpr;
        case UARTIBRD: return u->ibrd;
        case UARTFBRD: return u->fbrd;
        case UARTLCR_H: return u->lcr_h;
        case UARTCR: return u->cr;
        case UARTIFLS: return u->ifls;
        case UARTIMSC: return u->imsc;
        case UARTRIS: return u->ris;
        case UARTMIS: return u->ris & u->imsc;
        case UARTDMACR: return u->dmacr;
        }
        if (off >= UARTPERIPHID0 && off < UARTPERIPHID0 + 0x20)
                return pl011_id[(off - UARTPERIPHID0) / 4];
        return 0;
}

static void write_reg(struct vpl011 *u, uint64_t off, uint32_t v)
{
        switch (off) {
        case UARTDR: {
                char c = (char)v;
                if ((u->cr & (UARTCR_UARTEN | UARTCR_TXE)) == (UARTCR_UARTEN | UARTCR_TXE) ||
                    !(u->cr & UARTCR_UARTEN)) {
                        /* Transmitted at once: the FIFO is never full, TX interrupt raised. */
                        vm_console_write(u->vm, &c, 1);
                }
                u->ris |= UART_INT_TX;
                break;
        }
        case UARTRSR: break;                            /* clears errors: there are none */
        case UARTILPR: u->ilpr = v & 0xff; break;
        case UARTIBRD: u->ibrd = v & 0xffff; break;
        case UARTFBRD: u->fbrd = v & 0x3f; break;
        case UARTLCR_H: u->lcr_h = v & 0xff; break;
        case UARTCR: u->cr = v & 0xffff; break;
        case UARTIFLS: u->ifls = v & 0x3f; break;
        case UARTIMSC: u->imsc = v & UART_INT_ALL; break;
        case UARTICR: u->ris &= ~v; break;
        case UARTDMACR: u->dmacr = v & 7; break;
        default: break;                                 /* read-only or reserved: WI */
        }
}

bool vpl011_access(struct vcpu *v, void *dev, uint64_t off, unsigned int size, bool write,
                   uint64_t *val)
{
        struct vpl011 *u = dev;
        bool irq;

        (void)v;
        if (off & 3 || size > 4)
                return false;                           /* 8/16/32-bit accesses at word offsets */
        spin_lock(&u->lock);
        if (write)
                write_reg(u, off, (uint32_t)*val);
        else
                *val = read_reg(u, off);
        irq = line(u);
        /* Under the UART's lock: two vCPUs' updates of the line cannot land out of order. */
        vgic_set_line(u->vm, GUEST_UART_IRQ, irq);
        spin_unlock(&u->lock);
        return true;
}
