/* SPDX-License-Identifier: MIT */
/*
 * TDG.MR.REPORT (leaf 4): RCX 1024-aligned GPA of the TDREPORT, RDX
 * 64-aligned GPA of REPORTDATA, R8 subtype 0; else OPERAND_INVALID with the
 * operand (Intel TDX Module ABI spec, TDG.MR.REPORT leaf table).  In the
 * order of tdx-module 1.5's tdg_mr_report (tdg_mr_report.c): RCX's
 * alignment, RDX's, REPORTDATA read (check_walk_and_map_guest_side_gpa,
 * PRIVATE_OR_SHARED: a shared GPA is allowed; beyond GPAW is
 * OPERAND_INVALID), R8, then the TDREPORT written the same way.  A private
 * operand on a page not accepted completes nothing (tdxm_mem_operand).
 * The TDREPORT_STRUCT (<tdx/report.h>) carries the caller's REPORTDATA, the
 * TD identity and RTMRs of m->attest, SHA-384 hashes of TEE_TCB_INFO and
 * TDINFO, and the model's MAC (report_mac.c).  attest.report_interrupts
 * makes the next calls interrupted: nothing written, re-executed.
 */
#include "../core/internal.h"

#include <stddef.h>
#include <string.h>

#include <tdx/module.h>
#include <tdx/report.h>
#include <tdx/sha384.h>
#include <tdx/status.h>

#define REPORTTYPE_TDX 0x81

void tdxm_mr_report(struct tdxh_leaf_call *c)
{
	struct tdxh_attest_state *a = &c->m->attest;
	uint64_t *g = c->regs->gpr;
	uint64_t rcx = g[TDXH_RCX], rdx = g[TDXH_RDX];
	struct tdx_report r;

	if (a->report_interrupts > 0) {
		/* An interrupt is pending: no RAX written, RIP not advanced. */
		a->report_interrupts--;
		c->no_advance = true;
		return;
	}
	if (rcx & (TDX_REPORT_ALIGN - 1)) {
		g[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;
		return;
	}
	if ((rdx & (TDX_REPORTDATA_ALIGN - 1)) || rdx >> c->m->td.gpaw) {
		g[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RDX;
		return;
	}
	if (!tdxm_mem_operand(c, rdx, TDX_REPORTDATA_SIZE, false))
		return;
	if (g[TDXH_R8] != TDX_REPORT_SUBTYPE_TD) {
		g[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_R8;
		return;
	}
	if (rcx >> c->m->td.gpaw) {
		g[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;
		return;
	}
	if (!tdxm_mem_operand(c, rcx, sizeof(r), true))
		return;
	memset(&r, 0, sizeof(r));
	r.mac.type = REPORTTYPE_TDX;
	memcpy(r.mac.cpusvn, a->cpusvn, sizeof(r.mac.cpusvn));
	memcpy(r.mac.reportdata, tdxm_gpa_to_host(c->m, rdx), TDX_REPORTDATA_SIZE);
	/* TEE_TCB_INFO: valid bits and a recognisable MRSEAM. */
	r.tee_tcb_info.valid[0] = 0xFF;
	memset(r.tee_tcb_info.mrseam, 0x5E, sizeof(r.tee_tcb_info.mrseam));
	r.tdinfo.attributes = c->m->td.attributes;	/* what TDG.VP.INFO says */
	r.tdinfo.xfam = a->xfam;
	memcpy(r.tdinfo.mrtd, a->mrtd, TDX_MEASUREMENT_SIZE);
	memcpy(r.tdinfo.mrconfigid, a->mrconfigid, TDX_MEASUREMENT_SIZE);
	memcpy(r.tdinfo.mrowner, a->mrowner, TDX_MEASUREMENT_SIZE);
	memcpy(r.tdinfo.mrownerconfig, a->mrownerconfig, TDX_MEASUREMENT_SIZE);
	memcpy(r.tdinfo.rtmr, a->rtmr, sizeof(r.tdinfo.rtmr));
	tdx_sha384(&r.tee_tcb_info, sizeof(r.tee_tcb_info), r.mac.tee_tcb_info_hash);
	tdx_sha384(&r.tdinfo, sizeof(r.tdinfo), r.mac.tee_info_hash);
	tdxm_report_mac((const uint8_t *)&r.mac, r.mac.mac);
	memcpy(tdxm_gpa_to_host(c->m, rcx), &r, sizeof(r));
	a->nr_reports++;
	g[TDXH_RAX] = TDX_SUCCESS;
}
