// SPDX-License-Identifier: MIT
/*
 * The virtual PL011 on the fake arch: its FIFO and backlog, flags, interrupt
 * status and the line it drives into the (real) vGIC, as a guest's driver sees
 * them through MMIO.
 */
#include <string.h>

#include "arch/fake/fake.h"
#include "core/vm.h"
#include "drivers/pl011.h"
#include "test.h"
#include "vdev/host.h"
#include "vdev/vgic.h"
#include "vdev/vpl011.h"

static struct vm vm;
static struct mmio_region uart;
static char out[256];
static unsigned int out_len;

void vm_console_write(struct vm *v, const char *buf, uint64_t len)
{
        CHECK(v == &vm);
        for (uint64_t i = 0; i < len && out_len < sizeof(out) - 1; i++)
                out[out_len++] = buf[i];
}

void vcpu_kick(struct vcpu *v)
{
        (void)v;
}

void vcpu_timer_changed(struct vcpu *v)
{
        (void)v;
}


static uint32_t rd(uint64_t off)
{
        uint64_t val = 0xdeadbeef;

        CHECK(mmio_dispatch(&vm.vcpus[0], &uart, uart.base + off, 4, false, &val) == MMIO_OK);
        return (uint32_t)val;
}

static void wr(uint64_t off, uint32_t v)
{
        uint64_t val = v;

        CHECK(mmio_dispatch(&vm.vcpus[0], &uart, uart.base + off, 4, true, &val) == MMIO_OK);
}

/* The level of the UART's SPI as the vGIC holds it. */
static bool line(void)
{
        return vm.vgic.spi[GUEST_UART_IRQ - VGIC_NR_PRIVATE].line;
}

static void setup(void)
{
        memset(&vm, 0, sizeof(vm));
        out_len = 0;
        fake_gic_reset();
        CHECK(vgic_hw_select(3) == 0);
        vm.cfg.nvcpus = 1;
        vm.state = VM_RUNNING;
        vm.vcpus[0].vm = &vm;
        vgic_init(&vm);
        vgic_init_vcpu(&vm.vcpus[0]);
        vpl011_init(&vm.uart, &vm);
        uart = (struct mmio_region){ 0x09000000, GUEST_UART_SIZE, "PL011", vpl011_access, &vm.uart };
}

static void test_tx_and_ids(void)
{
        setup();
        CHECK_EQ_U64(rd(UARTCR), UARTCR_RXE | UARTCR_TXE);     /* reset value 0x300 */
        CHECK(rd(UARTFR) & UARTFR_TXFE);
        CHECK(rd(UARTFR) & UARTFR_RXFE);
        wr(UARTCR, UARTCR_UARTEN | UARTCR_TXE | UARTCR_RXE);
        wr(UARTDR, 'h');
        wr(UARTDR, 'i');
        CHECK_EQ_U64(out_len, 2);
        CHECK(!memcmp(out, "hi", 2));
        /* Transmit disabled while enabled: nothing goes out. */
        wr(UARTCR, UARTCR_UARTEN | UARTCR_RXE);
        wr(UARTDR, '!');
        CHECK_EQ_U64(out_len, 2);
        /* PrimeCell identification: a PL011 (Linux's amba bus matches on it). */
        CHECK_EQ_U64(rd(UARTPERIPHID0), 0x11);
        CHECK_EQ_U64(rd(UARTPERIPHID0 + 4), 0x10);
        CHECK_EQ_U64(rd(UARTPERIPHID0 + 0x10), 0x0d);
        CHECK_EQ_U64(rd(UARTPERIPHID0 + 0x1c), 0xb1);
        /* TX interrupt: raw status set on transmit, line only once unmasked, ICR clears. */
        CHECK(rd(UARTRIS) & UART_INT_TX);
        CHECK(!line());
        wr(UARTIMSC, UART_INT_TX);
        CHECK(line());
        CHECK_EQ_U64(rd(UARTMIS), UART_INT_TX);
        wr(UARTICR, UART_INT_TX);
        CHECK(!line());
        CHECK_EQ_U64(rd(UARTMIS), 0);
        /* A sub-word or misaligned access is refused (an abort), 8 bytes too. */
        uint64_t v = 0;
        CHECK(mmio_dispatch(&vm.vcpus[0], &uart, uart.base + 2, 2, false, &v) == MMIO_REJECTED);
        CHECK(mmio_dispatch(&vm.vcpus[0], &uart, uart.base + 8, 8, false, &v) == MMIO_REJECTED);
        CHECK(mmio_dispatch(&vm.vcpus[0], &uart, uart.base + 1, 4, false, &v) == MMIO_MISALIGNED);
}

/* Receive: FIFO of 32 with trigger levels, the backlog behind it, the RX and RT interrupts. */
static void test_rx_fifo(void)
{
        setup();
        wr(UARTIMSC, UART_INT_RX | UART_INT_RT);
        /* FIFOs off: every character interrupts (RX). */
        CHECK(vpl011_receive(&vm.uart, 'a'));
        CHECK(line());
        CHECK(rd(UARTRIS) & UART_INT_RX);
        CHECK(!(rd(UARTFR) & UARTFR_RXFE));
        CHECK_EQ_U64(rd(UARTDR), 'a');
        CHECK(!line());
        CHECK(rd(UARTFR) & UARTFR_RXFE);
        /* FIFOs on, RX at 1/2 (16): below it only the receive timeout is raised. */
        wr(UARTLCR_H, UARTLCR_H_FEN);
        for (unsigned int i = 0; i < 15; i++)
                CHECK(vpl011_receive(&vm.uart, (char)('A' + i)));
        CHECK((rd(UARTRIS) & (UART_INT_RX | UART_INT_RT)) == UART_INT_RT);
        CHECK(line());
        CHECK(vpl011_receive(&vm.uart, 'P'));
        CHECK(rd(UARTRIS) & UART_INT_RX);
        /* 40 more: the FIFO fills at 32 (RXFF), the rest waits in the backlog. */
        for (unsigned int i = 0; i < 24; i++)
                CHECK(vpl011_receive(&vm.uart, (char)('a' + i % 26)));
        CHECK(rd(UARTFR) & UARTFR_RXFF);
        CHECK_EQ_U64(vm.uart.rx_count, VPL011_FIFO);
        CHECK_EQ_U64(vm.uart.bl_count, 8);
        /* Reading drains in order and refills from the backlog. */
        for (unsigned int i = 0; i < 16; i++)
                CHECK_EQ_U64(rd(UARTDR), i < 15 ? 'A' + i : 'P');
        CHECK_EQ_U64(vm.uart.bl_count, 0);
        CHECK_EQ_U64(vm.uart.rx_count, 24);
        for (unsigned int i = 0; i < 24; i++)
                CHECK_EQ_U64(rd(UARTDR), 'a' + i % 26);
        CHECK(rd(UARTFR) & UARTFR_RXFE);
        CHECK_EQ_U64(rd(UARTRIS) & (UART_INT_RX | UART_INT_RT), 0);
        CHECK(!line());
        CHECK_EQ_U64(rd(UARTDR), 0);                   /* empty FIFO reads 0 */
        /* Backlog full: the character is refused, nothing is overwritten. */
        for (unsigned int i = 0; i < VPL011_FIFO + VPL011_BACKLOG; i++)
                CHECK(vpl011_receive(&vm.uart, 'x'));
        CHECK(!vpl011_receive(&vm.uart, 'y'));
        CHECK_EQ_U64(vm.uart.bl_count, VPL011_BACKLOG);
        /* Masking the interrupts lowers the line, with data still there. */
        wr(UARTIMSC, 0);
        CHECK(!line());
}

int main(void)
{
        test_tx_and_ids();
        test_rx_fifo();
        TEST_MAIN_END();
}
