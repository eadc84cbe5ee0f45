/* SPDX-License-Identifier: MIT */
/*
 * void tdxh_ve_stub_run(struct tdx_ve_frame *f)
 *
 * Runs libtdx's real IDT stub, tdx_ve_entry, in user mode: builds the
 * exception frame the CPU would push for a #VE (RSP aligned to 16, then SS,
 * RSP, RFLAGS = f->rflags, CS, RIP = tdxh_ve_stub_insn), loads all 15 GPRs
 * from *f and jumps to the stub.  iretq to the same privilege level is legal
 * in user mode, so the stub returns to wherever the handler set RIP: past
 * the one-byte `out %al, %dx` at tdxh_ve_stub_insn, all GPRs and RFLAGS are
 * stored back into *f.  The caller posts the VE info first (tdxh_post_ve).
 * Frame offsets: include/tdx/ve.h (rax 0 ... r15 112, rflags 136).
 */
	.text
	.globl	tdxh_ve_stub_run
	.type	tdxh_ve_stub_run, @function
tdxh_ve_stub_run:
	push	%rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	push	%rdi			/* f, found at (%rsp) after iretq */

	mov	%rsp, %rcx		/* the RSP the stub's iretq restores */
	and	$-16, %rsp		/* as the CPU aligns before pushing */
	mov	%ss, %eax
	push	%rax
	push	%rcx
	pushq	136(%rdi)		/* RFLAGS */
	mov	%cs, %eax
	push	%rax
	lea	tdxh_ve_stub_insn(%rip), %rax
	push	%rax

	mov	0(%rdi), %rax
	mov	8(%rdi), %rcx
	mov	16(%rdi), %rdx
	mov	24(%rdi), %rbx
	mov	32(%rdi), %rbp
	mov	40(%rdi), %rsi
	mov	56(%rdi), %r8
	mov	64(%rdi), %r9
	mov	72(%rdi), %r10
	mov	80(%rdi), %r11
	mov	88(%rdi), %r12
	mov	96(%rdi), %r13
	mov	104(%rdi), %r14
	mov	112(%rdi), %r15
	mov	48(%rdi), %rdi
	jmp	tdx_ve_entry

	.globl	tdxh_ve_stub_insn
tdxh_ve_stub_insn:
	out	%al, %dx		/* EE: the "faulting" instruction, skipped by the handler */

	push	%rdi
	mov	8(%rsp), %rdi		/* f */
	mov	%rax, 0(%rdi)
	mov	%rcx, 8(%rdi)
	mov	%rdx, 16(%rdi)
	mov	%rbx, 24(%rdi)
	mov	%rbp, 32(%rdi)
	mov	%rsi, 40(%rdi)
	popq	48(%rdi)
	mov	%r8, 56(%rdi)
	mov	%r9, 64(%rdi)
	mov	%r10, 72(%rdi)
	mov	%r11, 80(%rdi)
	mov	%r12, 88(%rdi)
	mov	%r13, 96(%rdi)
	mov	%r14, 104(%rdi)
	mov	%r15, 112(%rdi)
	pushfq
	popq	136(%rdi)
	cld

	add	$8, %rsp
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	ret
	.size	tdxh_ve_stub_run, . - tdxh_ve_stub_run

	.section .note.GNU-stack, "", @progbits
