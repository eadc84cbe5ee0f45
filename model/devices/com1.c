/* SPDX-License-Identifier: MIT */
/*
 * COM1: a 16550 UART at 0x3F8 whose transmit register (THR) captures each
 * byte written into struct tdxm_com1; its line status register says
 * "transmitter empty", so a driver that polls it sends at once.  Other
 * registers accept writes and read 0.
 */
#include "devices.h"

#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_IDLE 0x60	/* THRE | TEMT */
#define UART_PORTS 8

static uint32_t com1_read(void *ctx, uint16_t port, unsigned size)
{
	(void)ctx;
	(void)size;
	if (port == TDXH_COM1_PORT + UART_LSR)
		return UART_LSR_IDLE;
	return 0;
}

static void com1_write(void *ctx, uint16_t port, unsigned size, uint32_t value)
{
	struct tdxm_com1 *com1 = ctx;

	(void)size;
	if (port != TDXH_COM1_PORT + UART_THR)
		return;	/* control registers: accepted, ignored */
	if (com1->len < sizeof(com1->text) - 1)
		com1->text[com1->len++] = (char)value;
}

struct tdx_model_port_device tdxm_com1_device(struct tdxm_com1 *com1)
{
	struct tdx_model_port_device dev = {
		.base = TDXH_COM1_PORT, .count = UART_PORTS,
		.read = com1_read, .write = com1_write, .ctx = com1,
	};
	return dev;
}

const char *tdxm_com1(struct tdxm *m)
{
	size_t n = m->com1.len;

	if (n >= sizeof(m->com1.text))
		n = sizeof(m->com1.text) - 1;
	m->com1.text[n] = '\0';
	return m->com1.text;
}
