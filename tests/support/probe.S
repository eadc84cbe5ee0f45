/* SPDX-License-Identifier: MIT */
/*
 * uint64_t tdxh_probe_call(void *fn, uint64_t a0, uint64_t a1, uint64_t out[16])
 *
 * Calls fn(a0, a1) with known values in every callee-saved register
 * (TDXH_PROBE_RBX etc.), then records all 16 GPRs exactly as fn left them
 * into out[] (architectural order: rax rcx rdx rbx rsp rbp rsi rdi r8..r15),
 * before any C code can touch them.  Returns fn's RAX.
 */
	.text
	.globl	tdxh_probe_call
	.type	tdxh_probe_call, @function
tdxh_probe_call:
	push	%rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rcx			/* out; stack is now 16-byte aligned */

	mov	%rdi, %rax		/* fn */
	mov	%rsi, %rdi		/* a0 */
	mov	%rdx, %rsi		/* a1 */
	movabs	$0xB0B0B0B0B0B0B0B3, %rbx
	movabs	$0xB0B0B0B0B0B0B0B5, %rbp
	movabs	$0xB0B0B0B0B0B0B0CC, %r12
	movabs	$0xB0B0B0B0B0B0B0DD, %r13
	movabs	$0xB0B0B0B0B0B0B0EE, %r14
	movabs	$0xB0B0B0B0B0B0B0FF, %r15
	call	*%rax

	push	%rdi
	mov	8(%rsp), %rdi		/* out */
	mov	%rax, 0(%rdi)
	mov	%rcx, 8(%rdi)
	mov	%rdx, 16(%rdi)
	mov	%rbx, 24(%rdi)
	lea	16(%rsp), %rcx		/* rsp as fn returned it */
	mov	%rcx, 32(%rdi)
	mov	%rbp, 40(%rdi)
	mov	%rsi, 48(%rdi)
	popq	56(%rdi)
	mov	%r8, 64(%rdi)
	mov	%r9, 72(%rdi)
	mov	%r10, 80(%rdi)
	mov	%r11, 88(%rdi)
	mov	%r12, 96(%rdi)
	mov	%r13, 104(%rdi)
	mov	%r14, 112(%rdi)
	mov	%r15, 120(%rdi)

	add	$8, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	ret
	.size	tdxh_probe_call, . - tdxh_probe_call

	.section .note.GNU-stack, "", @progbits
