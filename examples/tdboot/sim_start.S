/* SPDX-License-Identifier: MIT */
/*
 * tdboot's 64-bit part under tools/tdx-sim: the simulator loads the image
 * and enters _start in 64-bit mode on every vCPU, as if called, with the
 * registers of a TD start where they mean something (RBX = GPAW, RSI = vCPU
 * index, RDI = hand-off block, 0 here).  This stands in for everything
 * reset.S does up to the call of tdboot_main: vCPU 0 goes on, the others
 * enter smp.c's tdboot_ap_main on the stack tdx-sim gave them, to accept
 * memory with the BSP and then park in the wakeup mailbox.
 */
#include "tdboot.h"

	.text
	.globl	_start
	.type	_start, @function
_start:
	test	%esi, %esi
	jnz	1f
	mov	%rdi, %r8			/* td_hob */
	mov	%esi, %edx			/* vcpu_index */
	mov	%ebx, %esi			/* gpaw */
	xor	%ecx, %ecx			/* levels: the simulator's, not ours */
	mov	$TDBOOT_START_SIM, %edi		/* start */
	jmp	tdboot_main			/* as if _start's caller had called it */
1:	mov	%esi, %edi			/* vcpu_index */
	jmp	tdboot_ap_main			/* smp.c: accept, then park in the wakeup mailbox */
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
