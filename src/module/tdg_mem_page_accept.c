/* SPDX-License-Identifier: MIT */
#include <tdx/module.h>
#include <tdx/status.h>

/*
 * TDX Module ABI spec, TDG.MEM.PAGE.ACCEPT (leaf 6): RCX = GPA | level (bits 2:0).
 * A level that does not fit in bits 2:0 cannot be encoded: refused locally
 * with the status the module gives for a bad RCX.
 */
uint64_t tdg_mem_page_accept(uint64_t gpa, unsigned level)
{
	struct tdx_module_args args = {
		.rcx = gpa | level,
	};

	if (level > 7)
		return TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;
	return __tdx_module_call(TDG_MEM_PAGE_ACCEPT, &args);
}
