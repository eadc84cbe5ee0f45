/* SPDX-License-Identifier: MIT */
/*
 * TDG.MR.RTMR.EXTEND (leaf 2): RCX 64-aligned private GPA of a 48-byte
 * digest (else OPERAND_INVALID | RCX), RDX the RTMR index 0..3 (else
 * OPERAND_INVALID | RDX); RTMR = SHA-384(RTMR || digest) (Intel TDX Module
 * ABI spec, TDG.MR.RTMR.EXTEND leaf table).  Every accepted extend is
 * logged in attest.extends.  As tdx-module 1.5's tdg_mr_rtmr_extend
 * (tdg_mr_rtmr_extend.c): the digest is read (check_walk_and_map_guest_side_gpa,
 * PRIVATE_ONLY) before RDX is checked; a digest on a page not accepted
 * completes nothing (tdxm_mem_operand).
 */
#include "../core/internal.h"

#include <string.h>

#include <tdx/report.h>
#include <tdx/sha384.h>
#include <tdx/status.h>

#define DIGEST_ALIGN 64

void tdxm_mr_rtmr_extend(struct tdxh_leaf_call *c)
{
	struct tdxh_attest_state *a = &c->m->attest;
	uint64_t *g = c->regs->gpr;
	uint64_t rcx = g[TDXH_RCX], index = g[TDXH_RDX];
	struct tdx_sha384_ctx ctx;
	const uint8_t *digest;

	if ((rcx & (DIGEST_ALIGN - 1)) || (rcx & tdxm_shared_bit(c->m)) || rcx >> c->m->td.gpaw) {
		g[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;
		return;
	}
	if (!tdxm_mem_operand(c, rcx, TDX_MEASUREMENT_SIZE, false))
		return;
	if (index >= TDX_NUM_RTMRS) {
		g[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RDX;
		return;
	}
	digest = tdxm_gpa_to_host(c->m, rcx);
	if (a->nr_extends < TDXH_MAX_EXTENDS) {
		a->extends[a->nr_extends].index = (unsigned)index;
		memcpy(a->extends[a->nr_extends].digest, digest, TDX_MEASUREMENT_SIZE);
	}
	a->nr_extends++;
	tdx_sha384_init(&ctx);
	tdx_sha384_update(&ctx, a->rtmr[index], TDX_MEASUREMENT_SIZE);
	tdx_sha384_update(&ctx, digest, TDX_MEASUREMENT_SIZE);
	tdx_sha384_final(&ctx, a->rtmr[index]);
	g[TDXH_RAX] = TDX_SUCCESS;
}
