/* SPDX-License-Identifier: MIT */
/*
 * TDG.SYS.RDALL (leaf 12): RDX 4K-aligned private GPA of the list, R8 the
 * first field id -> R8 the next field id (Intel TDX Module ABI spec,
 * TDG.SYS.RDALL leaf table).  The model writes the fields from the first
 * one on as (id, value) pairs after an 8-byte header {u16 size, u16 count,
 * u32 0}, then answers R8 = -1 (all read).  Only when SYS.RD is available.
 */
#include "module.h"

#include <tdx/metadata.h>
#include <tdx/status.h>

#define LIST_ALIGN 4096

void tdxm_sys_rdall(struct tdxh_leaf_call *c)
{
	struct tdxm_metadata *md = &c->m->md;
	uint64_t gpa = c->regs->gpr[TDXH_RDX];
	uint64_t *list;
	unsigned first, n = 0;

	if (!c->m->td.sys_rd_available) {
		tdxm_operand_invalid(c, TDX_OPERAND_ID_RAX, 0);
		return;
	}
	if (!tdxm_gpa_private_ok(c->m, gpa, LIST_ALIGN)) {
		tdxm_operand_invalid(c, TDX_OPERAND_ID_RDX, OUT(TDXH_R8));
		return;
	}
	/* The list is mapped (check_walk_and_map_guest_side_gpa) before the field id is looked at
	 * (tdx-module 1.5, tdg_sys_rdall.c). */
	if (!tdxm_mem_operand(c, gpa, LIST_ALIGN, true))
		return;
	if (!tdxm_md_find(md->sys, md->nr_sys, c->regs->gpr[TDXH_R8], &first)) {
		tdxm_leaf_fail(c, TDX_METADATA_FIELD_ID_INCORRECT, OUT(TDXH_R8));
		return;
	}
	list = tdxm_gpa_to_host(c->m, gpa);
	for (unsigned i = first; i < md->nr_sys; i++, n++) {
		list[1 + 2 * n] = md->sys[i].id;
		list[2 + 2 * n] = md->sys[i].value;
	}
	list[0] = (uint64_t)(8 + 16 * n) | ((uint64_t)n << 16);
	c->regs->gpr[TDXH_R8] = TDX_MD_FIELD_ID_NA;
	c->regs->gpr[TDXH_RAX] = TDX_SUCCESS;
}
