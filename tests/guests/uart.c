// SPDX-License-Identifier: MIT
/*
 * uart: the virtual PL011 at 0x0900_0000 driven directly (PL011 TRM r1p5):
 * peripheral/PrimeCell IDs, FR.TXFE, a line through DR ("uart: tx line ok",
 * which the harness matches), IBRD/FBRD/LCR_H/CR read back, the TX interrupt
 * (IMSC.TXIM -> SPI 33 = INTID 33 on the GIC, RIS/MIS, ICR), then RX: with
 * RXIM|RTIM it prints "uart: ready for input" and waits up to 10 s for the
 * harness to type "hyp!\n", taking the characters in its IRQ handler (read DR
 * until FR.RXFE). Check lines go through the hypercall console as usual.
 * Exit status: the number of failed checks.
 */
#include "lib/gic.h"
#include "lib/guest.h"
#include "lib/smp.h"

#define NAME "uart"

#define UART            0x09000000ull
#define UARTDR          0x000
#define UARTFR          0x018
#define UARTIBRD        0x024
#define UARTFBRD        0x028
#define UARTLCR_H       0x02C
#define UARTCR          0x030
#define UARTIFLS        0x034
#define UARTIMSC        0x038
#define UARTRIS         0x03C
#define UARTMIS         0x040
#define UARTICR         0x044
#define UARTPERIPHID0   0xFE0

#define FR_RXFE         (1u << 4)
#define FR_TXFF         (1u << 5)
#define FR_TXFE         (1u << 7)
#define INT_RX          (1u << 4)
#define INT_TX          (1u << 5)
#define INT_RT          (1u << 6)
#define UART_IRQ        33

static uint32_t rd(uint32_t off)
{
        return gic_read32(UART + off);
}

static void wr(uint32_t off, uint32_t v)
{
        gic_write32(UART + off, v);
}

static void uart_puts(const char *s)
{
        guest_flush();
        for (; *s; s++) {
                for (int i = 0; i < 1000000 && (rd(UARTFR) & FR_TXFF); i++)
                        ;
                wr(UARTDR, (uint8_t)*s);
        }
}

static volatile uint32_t irqs, irq_wrong, tx_irqs, rx_irqs, last_mis, last_ris;
static volatile char rxbuf[64];
static volatile uint32_t rxlen;

static void irq(struct guest_frame *f)
{
        uint32_t iar = gic_ack(), intid = iar & 0x3ff, mis;

        (void)f;
        if (intid >= GIC_SPURIOUS)
                return;
        irqs++;
        if (intid != UART_IRQ) {
                irq_wrong++;
                gic_eoi(iar);
                return;
        }
        mis = rd(UARTMIS);
        last_mis = mis;
        last_ris = rd(UARTRIS);
        if (mis & INT_TX) {
                tx_irqs++;
                wr(UARTICR, INT_TX);
        }
        if (mis & (INT_RX | INT_RT)) {
                rx_irqs++;
                while (!(rd(UARTFR) & FR_RXFE)) {
                        uint32_t c = rd(UARTDR);

                        if (rxlen < sizeof(rxbuf))
                                rxbuf[rxlen++] = (char)c;
                }
                wr(UARTICR, INT_RX | INT_RT);
        }
        gic_eoi(iar);
}

static bool wait_irq(volatile uint32_t *counter, uint32_t was, uint64_t us)
{
        uint64_t start = guest_cntvct(), ticks = guest_cntfrq() * us / 1000000u;

        while (*counter == was)
                if (guest_cntvct() - start > ticks)
                        return false;
        return true;
}

int guest_main(uint64_t dtb)
{
        static const uint8_t want_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
        unsigned int bad = 0, v;
        uint32_t got[8];

        guest_printf(NAME ": started\n");
        for (int i = 0; i < 8; i++) {
                got[i] = rd(UARTPERIPHID0 + 4 * (uint32_t)i);
                bad += got[i] != want_id[i];
        }
        CHECK("pl011-ids", bad == 0, "IDs %02x %02x %02x %02x / %02x %02x %02x %02x", got[0], got[1],
              got[2], got[3], got[4], got[5], got[6], got[7]);
        CHECK("fr-txfe", rd(UARTFR) & FR_TXFE, "FR 0x%x: TXFE clear", rd(UARTFR));
        CHECK("fr-rxfe", rd(UARTFR) & FR_RXFE, "FR 0x%x: RXFE clear with nothing typed", rd(UARTFR));

        wr(UARTCR, 0);                          /* disable while programming, as the TRM says */
        wr(UARTIBRD, 13);
        wr(UARTFBRD, 1);
        wr(UARTLCR_H, 0x70);                    /* 8 bits, FIFOs on */
        wr(UARTIFLS, 0x12);
        wr(UARTCR, 0x301);                      /* RXE TXE UARTEN */
        CHECK("regs-read-back", rd(UARTIBRD) == 13 && rd(UARTFBRD) == 1 && rd(UARTLCR_H) == 0x70 &&
              rd(UARTCR) == 0x301, "IBRD %u FBRD %u LCR_H 0x%x CR 0x%x", rd(UARTIBRD), rd(UARTFBRD),
              rd(UARTLCR_H), rd(UARTCR));

        uart_puts("uart: tx line ok\n");
        CHECK("tx-line-written", rd(UARTFR) & FR_TXFE, "FR 0x%x after the line", rd(UARTFR));

        v = gic_detect(dtb);
        if (!CHECK("gic-detected", v == 2 || v == 3, "no GIC"))
                return guest_summary(NAME);
        guest_irq_handler = irq;
        gic_init_dist();
        gic_init_cpu();
        gic_route_spi(UART_IRQ, 0);
        gic_enable_irq(UART_IRQ);

        /* TX interrupt. */
        wr(UARTIMSC, 0);
        wr(UARTICR, 0x7ff);
        CHECK("icr-clears-ris", (rd(UARTRIS) & INT_TX) == 0, "RIS 0x%x after ICR", rd(UARTRIS));
        irq_enable();
        {
                uint32_t was = tx_irqs;

                wr(UARTIMSC, INT_TX);
                uart_puts("uart: tx irq test\n");
                CHECK("tx-irq", wait_irq(&tx_irqs, was, 1000000),
                      "no TX interrupt (INTID 33) within 1 s; RIS 0x%x MIS 0x%x", rd(UARTRIS), rd(UARTMIS));
                CHECK("tx-irq-mis", (last_mis & INT_TX) && (last_ris & INT_TX),
                      "in the handler MIS 0x%x RIS 0x%x", last_mis, last_ris);
                wr(UARTIMSC, 0);
                wr(UARTICR, 0x7ff);
                CHECK("tx-irq-cleared", rd(UARTMIS) == 0 && !(rd(UARTRIS) & INT_TX),
                      "MIS 0x%x RIS 0x%x after ICR", rd(UARTMIS), rd(UARTRIS));
        }
        CHECK("irq-only-33", irq_wrong == 0, "%u interrupts with another INTID", irq_wrong);

        /* RX: the harness types "hyp!\n" after the ready line. */
        wr(UARTIMSC, INT_RX | INT_RT);
        uart_puts("uart: ready for input\n");
        {
                uint64_t start = guest_cntvct(), ticks = guest_cntfrq() * 10;
                bool done = false;

                while (!done && guest_cntvct() - start < ticks) {
                        for (uint32_t i = 0; i < rxlen; i++)
                                if (rxbuf[i] == '\n' || rxbuf[i] == '\r')
                                        done = true;
                }
                wr(UARTIMSC, 0);
                irq_disable();
                guest_printf(NAME ": received %u characters in %u RX interrupts\n", rxlen, rx_irqs);
                CHECK("uart-rx", rxlen >= 5 && rxbuf[0] == 'h' && rxbuf[1] == 'y' && rxbuf[2] == 'p' &&
                      rxbuf[3] == '!' && (rxbuf[4] == '\n' || rxbuf[4] == '\r'),
                      "got %u characters, want \"hyp!\\n\" in order within 10 s", rxlen);
                CHECK("uart-rx-by-interrupt", rx_irqs >= 1, "no RX/RT interrupt");
        }
        return guest_summary(NAME);
}
