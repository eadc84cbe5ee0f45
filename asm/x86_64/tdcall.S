/* SPDX-License-Identifier: MIT */
/*
 * x86-64 TDCALL trampolines (System V ABI).
 *
 * TDCALL is 66 0F 01 CC.  It is spelled as bytes so that any assembler,
 * old or new, produces exactly the instruction the TDX module expects.
 */
#include "../../src/args_offsets.h"

#define TDCALL .byte 0x66, 0x0f, 0x01, 0xcc

/*
 * Each trampoline in its own section, like the C with -ffunction-sections,
 * so a link with --gc-sections keeps only the one the firmware calls.
 */

/*
 * uint64_t __tdx_module_call(uint64_t fn, struct tdx_module_args *args)
 *
 * rdi = fn (goes to RAX), rsi = args.  Loads all 13 registers, TDCALL,
 * stores all 13 back, returns RAX.  The loaded registers include the
 * callee-saved RBX and R12-R15, so those are saved around the call.  RBP is
 * saved too: with fn = TDG.VP.VMCALL the caller's own mask may expose RBP
 * (bit 5, legal on a TD without NO_RBP_MOD) and then the VMM can write it.
 */
	.section .text.__tdx_module_call, "ax", @progbits
	.globl	__tdx_module_call
	.type	__tdx_module_call, @function
	.p2align 4
__tdx_module_call:
	push	%rbp
	push	%r15
	push	%r14
	push	%r13
	push	%r12
	push	%rbx
	push	%rsi			/* args, needed again after TDCALL */

	mov	%rdi, %rax		/* leaf and version */
	mov	TDX_ARGS_RCX(%rsi), %rcx
	mov	TDX_ARGS_RDX(%rsi), %rdx
	mov	TDX_ARGS_R8(%rsi),  %r8
	mov	TDX_ARGS_R9(%rsi),  %r9
	mov	TDX_ARGS_R10(%rsi), %r10
	mov	TDX_ARGS_R11(%rsi), %r11
	mov	TDX_ARGS_R12(%rsi), %r12
	mov	TDX_ARGS_R13(%rsi), %r13
	mov	TDX_ARGS_R14(%rsi), %r14
	mov	TDX_ARGS_R15(%rsi), %r15
	mov	TDX_ARGS_RBX(%rsi), %rbx
	mov	TDX_ARGS_RDI(%rsi), %rdi
	mov	TDX_ARGS_RSI(%rsi), %rsi	/* last: it was the base */

	TDCALL

	/*
	 * Every register but RSP holds an output: swap the output RSI with
	 * the saved args pointer to get a base; the last store pops the
	 * output RSI from the stack into args.  (An xchg with memory is
	 * locked: a few cycles beside a TDCALL, and two instructions fewer
	 * than push, reload and drop.)
	 */
	xchg	%rsi, (%rsp)
	mov	%rcx, TDX_ARGS_RCX(%rsi)
	mov	%rdx, TDX_ARGS_RDX(%rsi)
	mov	%r8,  TDX_ARGS_R8(%rsi)
	mov	%r9,  TDX_ARGS_R9(%rsi)
	mov	%r10, TDX_ARGS_R10(%rsi)
	mov	%r11, TDX_ARGS_R11(%rsi)
	mov	%r12, TDX_ARGS_R12(%rsi)
	mov	%r13, TDX_ARGS_R13(%rsi)
	mov	%r14, TDX_ARGS_R14(%rsi)
	mov	%r15, TDX_ARGS_R15(%rsi)
	mov	%rbx, TDX_ARGS_RBX(%rsi)
	mov	%rdi, TDX_ARGS_RDI(%rsi)
	popq	TDX_ARGS_RSI(%rsi)

	/*
	 * With fn = TDG.VP.VMCALL any of these may hold the VMM's value.  Zero
	 * them all before anything else runs, the callee-saved ones too
	 * although they are restored from the stack just below (as Linux does),
	 * so no VMM value reaches speculative execution.  RSI holds args, the
	 * caller's own pointer.
	 */
	xor	%ecx, %ecx
	xor	%edx, %edx
	xor	%r8d, %r8d
	xor	%r9d, %r9d
	xor	%r10d, %r10d
	xor	%r11d, %r11d
	xor	%r12d, %r12d
	xor	%r13d, %r13d
	xor	%r14d, %r14d
	xor	%r15d, %r15d
	xor	%ebx, %ebx
	xor	%ebp, %ebp
	xor	%edi, %edi

	pop	%rbx
	pop	%r12
	pop	%r13
	pop	%r14
	pop	%r15
	pop	%rbp
	ret
	.size	__tdx_module_call, . - __tdx_module_call

/*
 * uint64_t __tdx_hypercall(struct tdx_module_args *args)
 *
 * TDG.VP.VMCALL, GHCI: RAX = 0, RCX = 0xFFCC exposes RDX, RBX, RSI, RDI and
 * R8-R15 to the VMM (never RBP: TDs with NO_RBP_MOD refuse it).  Returns R10.
 */
	.section .text.__tdx_hypercall, "ax", @progbits
	.globl	__tdx_hypercall
	.type	__tdx_hypercall, @function
	.p2align 4
__tdx_hypercall:
	push	%r15
	push	%r14
	push	%r13
	push	%r12
	push	%rbx
	push	%rdi			/* args, needed again after TDCALL */

	xor	%eax, %eax		/* TDG.VP.VMCALL */
	mov	$0xFFCC, %ecx		/* expose mask (TDX_HYPERCALL_EXPOSE_MASK) */
	mov	TDX_ARGS_RDX(%rdi), %rdx
	mov	TDX_ARGS_R8(%rdi),  %r8
	mov	TDX_ARGS_R9(%rdi),  %r9
	mov	TDX_ARGS_R10(%rdi), %r10
	mov	TDX_ARGS_R11(%rdi), %r11
	mov	TDX_ARGS_R12(%rdi), %r12
	mov	TDX_ARGS_R13(%rdi), %r13
	mov	TDX_ARGS_R14(%rdi), %r14
	mov	TDX_ARGS_R15(%rdi), %r15
	mov	TDX_ARGS_RBX(%rdi), %rbx
	mov	TDX_ARGS_RSI(%rdi), %rsi
	mov	TDX_ARGS_RDI(%rdi), %rdi	/* last: it was the base */

	TDCALL

	/*
	 * RAX != 0: the module refused TDG.VP.VMCALL itself (it cannot with
	 * this fixed mask unless the TD is broken).  There is no VMM status to
	 * return and nobody to report to, so stop here, as Linux does.
	 */
	test	%rax, %rax
	jnz	.Lhypercall_refused

	/*
	 * Every register but RSP may hold the VMM's value: swap the VMM's RDI
	 * with the saved args pointer to get a base; the last store pops the
	 * VMM's RDI from the stack into args.
	 */
	xchg	%rdi, (%rsp)
	mov	%rdx, TDX_ARGS_RDX(%rdi)
	mov	%r8,  TDX_ARGS_R8(%rdi)
	mov	%r9,  TDX_ARGS_R9(%rdi)
	mov	%r10, TDX_ARGS_R10(%rdi)
	mov	%r11, TDX_ARGS_R11(%rdi)
	mov	%r12, TDX_ARGS_R12(%rdi)
	mov	%r13, TDX_ARGS_R13(%rdi)
	mov	%r14, TDX_ARGS_R14(%rdi)
	mov	%r15, TDX_ARGS_R15(%rdi)
	mov	%rbx, TDX_ARGS_RBX(%rdi)
	mov	%rsi, TDX_ARGS_RSI(%rdi)
	popq	TDX_ARGS_RDI(%rdi)

	mov	%r10, %rax		/* TDVMCALL status */

	/*
	 * Every register the VMM wrote is attacker-controlled: zero them all
	 * before anything else runs, the callee-saved RBX and R12-R15 too
	 * although they are restored from the stack just below (as Linux does),
	 * so no VMM value reaches speculative execution.  RDI holds args, the
	 * caller's own pointer; RCX the mask, which the module restores.
	 */
	xor	%ecx, %ecx
	xor	%edx, %edx
	xor	%esi, %esi
	xor	%r8d, %r8d
	xor	%r9d, %r9d
	xor	%r10d, %r10d
	xor	%r11d, %r11d
	xor	%r12d, %r12d
	xor	%r13d, %r13d
	xor	%r14d, %r14d
	xor	%r15d, %r15d
	xor	%ebx, %ebx

	pop	%rbx
	pop	%r12
	pop	%r13
	pop	%r14
	pop	%r15
	ret

.Lhypercall_refused:
	ud2
	.size	__tdx_hypercall, . - __tdx_hypercall

	.section .note.GNU-stack, "", @progbits
