/* SPDX-License-Identifier: MIT */
/* Compile-time proof that asm/x86_64/ve_entry.S and struct tdx_ve_frame agree. */
#include <stddef.h>
#include <tdx/ve.h>

#define CHECK(field, off) \
	_Static_assert(offsetof(struct tdx_ve_frame, field) == (off), "ve frame: " #field)

/* The stub pushes r15 first and rax last: rax at 0, r15 at 112. */
CHECK(rax, 0);
CHECK(rcx, 8);
CHECK(rdx, 16);
CHECK(rbx, 24);
CHECK(rbp, 32);
CHECK(rsi, 40);
CHECK(rdi, 48);
CHECK(r8, 56);
CHECK(r15, 112);
/* The CPU's exception frame (no error code for vector 20) follows. */
CHECK(rip, 120);
CHECK(cs, 128);
CHECK(rflags, 136);
CHECK(rsp, 144);
CHECK(ss, 152);
_Static_assert(sizeof(struct tdx_ve_frame) == 160, "ve frame: size");
