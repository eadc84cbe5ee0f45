/* SPDX-License-Identifier: MIT */
/* Register and instruction-byte access on a #VE frame. */
#include <stddef.h>
#include "ve_internal.h"

const uint8_t tdx__ve_gpr_offset[16] = {
	offsetof(struct tdx_ve_frame, rax), offsetof(struct tdx_ve_frame, rcx),
	offsetof(struct tdx_ve_frame, rdx), offsetof(struct tdx_ve_frame, rbx),
	offsetof(struct tdx_ve_frame, rsp), offsetof(struct tdx_ve_frame, rbp),
	offsetof(struct tdx_ve_frame, rsi), offsetof(struct tdx_ve_frame, rdi),
	offsetof(struct tdx_ve_frame, r8),  offsetof(struct tdx_ve_frame, r9),
	offsetof(struct tdx_ve_frame, r10), offsetof(struct tdx_ve_frame, r11),
	offsetof(struct tdx_ve_frame, r12), offsetof(struct tdx_ve_frame, r13),
	offsetof(struct tdx_ve_frame, r14), offsetof(struct tdx_ve_frame, r15),
};

void tdx__ve_set_gpr(struct tdx_ve_frame *f, unsigned n, unsigned size, int high8,
		     uint64_t value)
{
	uint64_t *r = (uint64_t *)((char *)f + tdx__ve_gpr_offset[n & 15]);

	switch (size) {
	case 1:
		if (high8)
			*r = (*r & ~0xFF00ull) | ((value & 0xFF) << 8);
		else
			*r = (*r & ~0xFFull) | (value & 0xFF);
		break;
	case 2:
		*r = (*r & ~0xFFFFull) | (value & 0xFFFF);
		break;
	case 4:
		*r = value & 0xFFFFFFFFull;	/* 32-bit writes zero-extend */
		break;
	default:
		*r = value;
		break;
	}
}

unsigned tdx__ve_fetch(uint64_t rip, uint8_t *buf, unsigned want, int stop_at_page)
{
	const volatile uint8_t *p = (const volatile uint8_t *)(uintptr_t)rip;
	unsigned n = want > TDX_VE_MAX_INSN ? TDX_VE_MAX_INSN : want;

	if (stop_at_page) {
		uint64_t left = TDX_MEM_PAGE_4K - (rip & (TDX_MEM_PAGE_4K - 1));
		if (n > left)
			n = (unsigned)left;
	}
	for (unsigned i = 0; i < n; i++)
		buf[i] = p[i];
	return n;
}
