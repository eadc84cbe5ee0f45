/* SPDX-License-Identifier: MIT */
/*
 * void sim_enter(uint64_t rip, uint64_t rsp, const uint64_t gpr[16])
 *
 * Leaves the host for good: switches to the guest stack `rsp` (whose top
 * word the caller has already set to the return trap), loads all 16 GPRs
 * from gpr[] in architectural order (rax rcx rdx rbx rsp rbp rsi rdi
 * r8..r15; the rsp slot is ignored) and jumps to `rip`, with RSP = rsp and
 * DF clear.  The jump goes through a `ret` so no register is spent on it;
 * the word it pops lies below the guest's RSP, in space the guest owns.
 */
	.text
	.globl	sim_enter
	.type	sim_enter, @function
sim_enter:
	mov	%rsi, %rsp
	push	%rdi			/* rip, popped by the ret below */
	cld
	mov	0(%rdx), %rax
	mov	8(%rdx), %rcx
	mov	24(%rdx), %rbx
	mov	40(%rdx), %rbp
	mov	48(%rdx), %rsi
	mov	56(%rdx), %rdi
	mov	64(%rdx), %r8
	mov	72(%rdx), %r9
	mov	80(%rdx), %r10
	mov	88(%rdx), %r11
	mov	96(%rdx), %r12
	mov	104(%rdx), %r13
	mov	112(%rdx), %r14
	mov	120(%rdx), %r15
	mov	16(%rdx), %rdx		/* last: it was the base */
	ret
	.size	sim_enter, . - sim_enter

	.section .note.GNU-stack, "", @progbits
