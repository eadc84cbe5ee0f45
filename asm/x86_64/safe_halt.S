/* SPDX-License-Identifier: MIT */
/*
 * uint64_t tdx_safe_halt(void)
 *
 * GHCI Instruction.HLT (R11 = 12) with R12 = 0 (interrupts not blocked),
 * `sti` immediately before TDCALL: the STI shadow keeps an interrupt from
 * arriving between the two, so the wake-up cannot be lost.  Only R10, R11
 * and R12 are exposed (RCX = 0x1C00): nothing else is sent.  Returns R10.
 */
#define TDCALL .byte 0x66, 0x0f, 0x01, 0xcc
#define SAFE_HALT_EXPOSE_MASK 0x1C00	/* R10, R11, R12 */

	.section .text.tdx_safe_halt, "ax", @progbits
	.globl	tdx_safe_halt
	.type	tdx_safe_halt, @function
	.p2align 4
tdx_safe_halt:
	push	%r12
	xor	%eax, %eax		/* TDG.VP.VMCALL */
	mov	$SAFE_HALT_EXPOSE_MASK, %ecx
	xor	%r10d, %r10d		/* GHCI standard */
	mov	$12, %r11d		/* Instruction.HLT */
	xor	%r12d, %r12d		/* interrupts not blocked */
	sti
	TDCALL
	test	%rax, %rax		/* module refused the VMCALL: broken TD */
	jnz	.Lsafe_halt_refused
	mov	%r10, %rax		/* TDVMCALL status */
	xor	%ecx, %ecx
	xor	%r10d, %r10d		/* zero what the VMM wrote, */
	xor	%r11d, %r11d
	xor	%r12d, %r12d		/* R12 too, before it is restored */
	pop	%r12
	ret
.Lsafe_halt_refused:
	ud2
	.size	tdx_safe_halt, . - tdx_safe_halt

	.section .note.GNU-stack, "", @progbits
