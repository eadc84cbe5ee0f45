/* SPDX-License-Identifier: MIT */
/*
 * Runner test: a #VE handler that does port I/O before reading its VE info
 * (TDG.VP.VEINFO.GET): the second #VE finds the first one's info still
 * valid, which a TD turns into #DF.
 */
#include <stdint.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);
void bad_ve_entry(void);

__asm__(".text\n"
	"bad_ve_entry:\n"
	"	mov $0x3f8, %dx\n"
	"	mov $'?', %al\n"
	"	outb %al, %dx\n"	/* #VE inside the #VE handler, info unread */
	"	iretq\n");

static struct {
	uint16_t off0, sel;
	uint8_t ist, attr;
	uint16_t off1;
	uint32_t off2, reserved;
} idt[21] __attribute__((aligned(16)));

void _start(void *hob, uint32_t vcpu_index)
{
	uint64_t h = (uint64_t)(uintptr_t)&bad_ve_entry;
	struct __attribute__((packed)) { uint16_t limit; uint64_t base; } idtr = {
		sizeof(idt) - 1, (uint64_t)(uintptr_t)idt,
	};

	(void)hob;
	(void)vcpu_index;
	__asm__ volatile("mov %%cs, %0" : "=r"(idt[20].sel));
	idt[20].off0 = (uint16_t)h;
	idt[20].off1 = (uint16_t)(h >> 16);
	idt[20].off2 = (uint32_t)(h >> 32);
	idt[20].attr = 0x8E;
	__asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
	ex_printf("out with a handler that forgets VEINFO\n");
	__asm__ volatile("outb %0, %1" : : "a"((uint8_t)'!'), "Nd"((uint16_t)EX_COM1_PORT));
	ex_exit(0);
}
