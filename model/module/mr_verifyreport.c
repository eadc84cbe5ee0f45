/* SPDX-License-Identifier: MIT */
/*
 * TDG.MR.VERIFYREPORT (leaf 22): RCX 256-aligned private GPA of a
 * REPORTMACSTRUCT (else OPERAND_INVALID | RCX); CPUSVN other than this
 * platform's: TDX_INVALID_CPUSVN; a MAC that is not the model's:
 * TDX_INVALID_REPORTMACSTRUCT (Intel TDX Module ABI spec,
 * TDG.MR.VERIFYREPORT leaf table).  The REPORTMACSTRUCT is read as
 * tdx-module 1.5's tdg_mr_verifyreport does (check_walk_and_map_guest_side_gpa,
 * PRIVATE_ONLY): on a page not accepted nothing completes (tdxm_mem_operand).
 */
#include "../core/internal.h"

#include <string.h>

#include <tdx/report.h>
#include <tdx/status.h>

void tdxm_mr_verifyreport(struct tdxh_leaf_call *c)
{
	struct tdxh_attest_state *a = &c->m->attest;
	uint64_t *g = c->regs->gpr;
	const struct tdx_reportmac *rm;
	uint8_t mac[32];

	if ((g[TDXH_RCX] & (TDX_REPORTMACSTRUCT_ALIGN - 1)) || (g[TDXH_RCX] & tdxm_shared_bit(c->m))) {
		g[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;
		return;
	}
	if (!tdxm_mem_operand(c, g[TDXH_RCX], TDX_REPORTMACSTRUCT_SIZE, false))
		return;
	rm = tdxm_gpa_to_host(c->m, g[TDXH_RCX]);
	a->nr_verifies++;
	tdxm_report_mac((const uint8_t *)rm, mac);
	if (memcmp(rm->cpusvn, a->cpusvn, sizeof(rm->cpusvn)) != 0)
		g[TDXH_RAX] = TDX_INVALID_CPUSVN;
	else if (memcmp(rm->mac, mac, sizeof(mac)) != 0)
		g[TDXH_RAX] = TDX_INVALID_REPORTMACSTRUCT;
	else
		g[TDXH_RAX] = TDX_SUCCESS;
}
