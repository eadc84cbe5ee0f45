/* SPDX-License-Identifier: MIT */
/* Compile-time proof that the assembly's offsets match struct tdx_module_args. */
#include <stddef.h>
#include <tdx/tdcall.h>
#include "args_offsets.h"

#define CHECK_OFFSET(field, value) \
	_Static_assert(offsetof(struct tdx_module_args, field) == (value), \
		       "asm offset of " #field " is wrong")

CHECK_OFFSET(rcx, TDX_ARGS_RCX);
CHECK_OFFSET(rdx, TDX_ARGS_RDX);
CHECK_OFFSET(r8, TDX_ARGS_R8);
CHECK_OFFSET(r9, TDX_ARGS_R9);
CHECK_OFFSET(r10, TDX_ARGS_R10);
CHECK_OFFSET(r11, TDX_ARGS_R11);
CHECK_OFFSET(r12, TDX_ARGS_R12);
CHECK_OFFSET(r13, TDX_ARGS_R13);
CHECK_OFFSET(r14, TDX_ARGS_R14);
CHECK_OFFSET(r15, TDX_ARGS_R15);
CHECK_OFFSET(rbx, TDX_ARGS_RBX);
CHECK_OFFSET(rdi, TDX_ARGS_RDI);
CHECK_OFFSET(rsi, TDX_ARGS_RSI);
_Static_assert(sizeof(struct tdx_module_args) == TDX_ARGS_SIZE,
	       "struct tdx_module_args has padding or extra fields");
