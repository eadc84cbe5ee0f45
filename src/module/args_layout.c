/* SPDX-License-Identifier: MIT */
/*
 * Compile-time proof that the trampolines' offsets (asm/x86_64/tdcall_args.h)
 * match struct tdx_module_args.
 */
#include <stddef.h>
#include <tdx/tdcall.h>
#include "../../asm/x86_64/tdcall_args.h"

#define CHECK_OFFSET(field, value) \
	_Static_assert(offsetof(struct tdx_module_args, field) == (value), \
		       "asm offset of " #field " is wrong");

TDX_ARGS_FIELDS(CHECK_OFFSET)
_Static_assert(sizeof(struct tdx_module_args) == TDX_ARGS_SIZE,
	       "struct tdx_module_args has padding or extra fields");
