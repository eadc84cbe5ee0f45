/* SPDX-License-Identifier: MIT */
#include <tdx/module.h>
#include <tdx/error.h>
#include "lib/trampolines.h"

/*
 * TDX Module ABI spec, TDG.MEM.PAGE.ACCEPT (leaf 6): RCX = GPA | level (bits 2:0).
 * A level that does not fit in bits 2:0 cannot be encoded: refused without
 * a TDCALL, TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX.
 */
uint64_t tdg_mem_page_accept(uint64_t gpa, unsigned level)
{
	if (level > 7)
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX;
	return __tdx_module_call3(TDG_MEM_PAGE_ACCEPT, gpa | level, 0, 0);
}
