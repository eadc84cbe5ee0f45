/* SPDX-License-Identifier: MIT */
/*
 * tdx_ve_entry: IDT vector 20 (#VE), 64-bit interrupt gate.
 *
 * On entry the CPU has aligned RSP to 16 and pushed SS, RSP, RFLAGS, CS,
 * RIP (no error code for #VE): RSP = 8 mod 16.  We push the 15 other GPRs
 * (r15 first, rax last) so that RSP points at a struct tdx_ve_frame
 * (include/tdx/ve.h; offsets checked in src/ve_layout.c) and is 16-byte
 * aligned for the call.  tdx_handle_ve() may change any field: registers
 * are restored from the frame and iretq resumes at the frame's RIP with its
 * RFLAGS/RSP.  No swapgs: ring-0 guests (firmware, unikernels) only.
 */
	.section .text.tdx_ve_entry, "ax", @progbits
	.globl	tdx_ve_entry
	.type	tdx_ve_entry, @function
	.p2align 4
tdx_ve_entry:
	push	%r15
	push	%r14
	push	%r13
	push	%r12
	push	%r11
	push	%r10
	push	%r9
	push	%r8
	push	%rdi
	push	%rsi
	push	%rbp
	push	%rbx
	push	%rdx
	push	%rcx
	push	%rax

	cld				/* the C ABI wants DF = 0; the frame keeps the guest's */
	mov	%rsp, %rdi		/* struct tdx_ve_frame * */
	call	tdx_handle_ve

	pop	%rax
	pop	%rcx
	pop	%rdx
	pop	%rbx
	pop	%rbp
	pop	%rsi
	pop	%rdi
	pop	%r8
	pop	%r9
	pop	%r10
	pop	%r11
	pop	%r12
	pop	%r13
	pop	%r14
	pop	%r15
	iretq
	.size	tdx_ve_entry, . - tdx_ve_entry

	.section .note.GNU-stack, "", @progbits
