/* SPDX-License-Identifier: MIT */
/* GPA attributes: TDG.MEM.PAGE.ATTR.RD (leaf 23) and TDG.MEM.PAGE.ATTR.WR (leaf 24). */
#include <tdx/module.h>
#include <tdx/error.h>
#include "lib/trampolines.h"

/* TDX Module ABI spec, TDG.MEM.PAGE.ATTR.RD: RCX GPA -> RCX mapping, RDX attributes. */
uint64_t tdg_mem_page_attr_rd(uint64_t gpa, struct tdx_page_attr *attr)
{
	struct tdx__module_regs6 args = {
		.rcx = gpa,
	};
	uint64_t status = __tdx_module_call6(TDG_MEM_PAGE_ATTR_RD, &args);

	if (status != TDX_SUCCESS)
		return status;
	attr->gpa_mapping = args.rcx;
	attr->attributes = args.rdx;
	return status;
}

/* TDX Module ABI spec, TDG.MEM.PAGE.ATTR.WR: RCX GPA | level, RDX attributes, R8 mask. */
uint64_t tdg_mem_page_attr_wr(uint64_t gpa, unsigned level, uint64_t attributes,
			      uint64_t mask, struct tdx_page_attr *attr)
{
	struct tdx__module_regs6 args = {
		.rcx = gpa | level,
		.rdx = attributes,
		.r8 = mask,
	};
	uint64_t status;

	if (level > 7)	/* does not fit in RCX bits 2:0 */
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX;
	status = __tdx_module_call6(TDG_MEM_PAGE_ATTR_WR, &args);
	if (status == TDX_SUCCESS && attr) {
		attr->gpa_mapping = args.rcx;
		attr->attributes = args.rdx;
	}
	return status;
}
