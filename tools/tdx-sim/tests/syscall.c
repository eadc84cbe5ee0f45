/* SPDX-License-Identifier: MIT */
/* Runner test: a guest that tries a Linux system call (write(1, ...)). */
#include <stdint.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

void _start(void *hob, uint32_t vcpu_index)
{
	static const char msg[] = "written by the host kernel\n";
	long ret;

	(void)hob;
	(void)vcpu_index;
	ex_printf("calling write(2)\n");
	__asm__ volatile("syscall" : "=a"(ret) : "a"(1L), "D"(1L), "S"(msg), "d"(sizeof(msg) - 1)
			 : "rcx", "r11", "memory");
	ex_printf("write returned %ld\n", ret);
	ex_exit(0);
}
