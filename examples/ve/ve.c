/* SPDX-License-Identifier: MIT */
/*
 * ve: driver code that does not know it runs in a TD.  Every port and MMIO
 * access below is a plain x86 instruction; in a TD each one raises #VE
 * (vector 20), which libtdx's tdx_ve_entry / tdx_handle_ve turn into a
 * TDVMCALL (tools/tdx-sim delivers the #VE through the IDT the same way).
 * The last access is one libtdx must refuse (LOCK on MMIO): the overridden
 * fatal hook reports why and ends the run with status 0 - if the handler
 * emulated it instead, the run ends with 1.
 */
#include <stdint.h>
#include <tdx/ve.h>

#include "example.h"

__attribute__((noreturn)) void _start(void *hob, uint32_t vcpu_index);

#define POST_PORT 0x80
#define LSR (EX_COM1_PORT + 5)

static void rep_outsb(uint16_t port, const char *s, uint64_t n)
{
	__asm__ volatile("rep outsb" : "+S"(s), "+c"(n) : "d"(port) : "memory");
}

/* Reached only through a refused #VE: report it the way an OS would, then end. */
void tdx_ve_fatal(struct tdx_ve_frame *frame, const struct tdx_ve_info *ve, uint64_t status,
		  uint64_t detail)
{
	(void)detail;
	(void)frame;
	ex_printf("refused: %s (exit %u, gpa %#llx)\n", tdx_strerror(status),
		  ve ? ve->exit_reason : 0, ve ? (unsigned long long)ve->gpa : 0ull);
	ex_exit(0);
}

void _start(void *hob, uint32_t vcpu_index)
{
	static const char banner[] = "rep outsb to COM1 through #VE\n";
	uint8_t *regs = (uint8_t *)(uintptr_t)EX_SIM_MMIO_BASE;	/* device registers */
	uint8_t buf[4] = { 0 }, *p = buf, lsr;
	uint64_t n = 4, r64, wide;
	uint32_t r32;

	(void)hob;
	(void)vcpu_index;
	ex_install_ve_handler();	/* before the first #VE: IDT vector 20 -> tdx_ve_entry */

	/* Port I/O: string out, byte in, string in. */
	rep_outsb(EX_COM1_PORT, banner, sizeof(banner) - 1);
	__asm__ volatile("inb %w1, %0" : "=a"(lsr) : "Nd"(LSR));
	__asm__ volatile("outb %0, %1" : : "a"((uint8_t)0x5A), "Nd"(POST_PORT));
	__asm__ volatile("rep insb" : "+D"(p), "+c"(n) : "d"(POST_PORT) : "memory");
	ex_printf("in: LSR %#x; rep insb from the POST port: %x %x %x %x\n", lsr, buf[0], buf[1],
		  buf[2], buf[3]);

	/* MMIO: stores of every width, then loads that must extend or merge correctly. */
	__asm__ volatile("movl %1, 0x10(%0)" : : "r"(regs), "r"(0x80FF7F01u) : "memory");
	__asm__ volatile("movq %1, 0x18(%0)" : : "r"(regs), "r"(0x1122334455667788ull) : "memory");
	__asm__ volatile("movb $0xAB, 0x20(%0)" : : "r"(regs) : "memory");
	wide = 0xFFFFFFFFFFFFFFFFull;
	__asm__ volatile("movl 0x10(%1), %k0" : "+r"(wide) : "r"(regs) : "memory");
	ex_printf("mmio movl: %#llx (32-bit load zero-extends)\n", (unsigned long long)wide);
	__asm__ volatile("movsbq 0x13(%1), %0" : "=r"(r64) : "r"(regs) : "memory");
	ex_printf("mmio movsbq: %#llx\n", (unsigned long long)r64);
	__asm__ volatile("movzwl 0x12(%1), %0" : "=r"(r32) : "r"(regs) : "memory");
	ex_printf("mmio movzwl: %#x\n", r32);
	wide = 0xFFFFFFFFFFFFFFFFull;
	__asm__ volatile("movb 0x20(%1), %b0" : "+q"(wide) : "r"(regs) : "memory");
	ex_printf("mmio movb: %#llx (8-bit load merges)\n", (unsigned long long)wide);
	__asm__ volatile("movq 0x18(%1), %0" : "=r"(r64) : "r"(regs) : "memory");
	ex_printf("mmio movq: %#llx\n", (unsigned long long)r64);

	/* What a compiler may emit for "device->count++": never on MMIO. */
	__asm__ volatile("lock incl 0x10(%0)" : : "r"(regs) : "memory");
	ex_printf("BUG: LOCK on MMIO was emulated\n");
	ex_exit(1);
}
