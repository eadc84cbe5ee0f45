/* SPDX-License-Identifier: MIT */
/*
 * Runner test: a driver that polls a device for something that never comes
 * (COM1 "data ready").  Busy in TDCALLs, not in a plain loop: the watchdog
 * still stops it and says how many TDCALLs it made.
 */
#include <stdint.h>
#include <tdx/tdx.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

#define UART_LSR 5
#define UART_LSR_DATA_READY 0x01

void _start(void *hob, uint32_t vcpu_index)
{
	(void)hob;
	(void)vcpu_index;
	ex_printf("waiting for input on COM1\n");
	while (!(tdx_inb(EX_COM1_PORT + UART_LSR) & UART_LSR_DATA_READY))
		;
	ex_exit(0);
}
