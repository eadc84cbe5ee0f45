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

/* The six-register forms (src/lib/trampolines.h). */
#include "lib/trampolines.h"

#define CHECK_MODULE6(field, value) \
	_Static_assert(offsetof(struct tdx__module_regs6, field) == (value), \
		       "asm offset of " #field " (module6) is wrong");
#define CHECK_VMCALL6(field, value) \
	_Static_assert(offsetof(struct tdx__vmcall_regs6, field) == (value), \
		       "asm offset of " #field " (vmcall6) is wrong");

TDX_MODULE6_FIELDS(CHECK_MODULE6)
TDX_VMCALL6_FIELDS(CHECK_VMCALL6)
_Static_assert(sizeof(struct tdx__module_regs6) == TDX_REGS6_SIZE, "module6 size");
_Static_assert(sizeof(struct tdx__vmcall_regs6) == TDX_REGS6_SIZE, "vmcall6 size");
