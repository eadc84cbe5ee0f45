/* SPDX-License-Identifier: MIT */
/*
 * Simple module models for the memory, measurement and TD-partitioning
 * leaves: operand checks as the module does them, minimal effects.  The
 * memory area (PAGE.ACCEPT state) and attestation (TDREPORT contents, RTMR
 * chaining) install fuller models over these.
 */
#include "abi_internal.h"

#include <string.h>

/* TDG.MEM.PAGE.ACCEPT: RCX = GPA | level; level 0/1 only, GPA aligned, private, < GPAW. */
static void leaf_page_accept(struct tdxh_leaf_call *c)
{
	uint64_t rcx = c->regs->gpr[TDXH_RCX];
	unsigned level = (unsigned)(rcx & 7);
	uint64_t gpa = rcx & ~0xFFFull;

	if (level > 1 || (rcx & 0xFF8) ||
	    !tdxh_gpa_private_ok(gpa, level == 1 ? 0x200000 : 0x1000)) {
		abi_operand_invalid(c, OP_RCX, 0);
		return;
	}
	tdxh_abi.accepts++;
	tdxh_abi.accept_last_rcx = rcx;
	c->regs->gpr[TDXH_RAX] = M_SUCCESS;
}

/* TDG.MR.RTMR.EXTEND: RCX 64-aligned private GPA, RDX index 0..3. */
static void leaf_rtmr_extend(struct tdxh_leaf_call *c)
{
	if (!tdxh_gpa_private_ok(c->regs->gpr[TDXH_RCX], 64)) {
		abi_operand_invalid(c, OP_RCX, 0);
		return;
	}
	if (c->regs->gpr[TDXH_RDX] > 3) {
		abi_operand_invalid(c, OP_RDX, 0);
		return;
	}
	c->regs->gpr[TDXH_RAX] = M_SUCCESS;
}

/* A stand-in MAC over REPORTMACSTRUCT bytes 0..223 (FNV-1a, 32 bytes). */
static void fake_mac(const uint8_t *rms, uint8_t mac[32])
{
	uint64_t h = 0xCBF29CE484222325ull;

	for (int i = 0; i < 32; i++) {
		for (int j = 0; j < 224; j++)
			h = (h ^ rms[j] ^ (uint8_t)i) * 0x100000001B3ull;
		mac[i] = (uint8_t)(h >> 56);
	}
}

/*
 * TDG.MR.REPORT: RCX 1024-aligned, RDX 64-aligned (both private), R8 = 0.
 * Writes a minimal TDREPORT_STRUCT: REPORTTYPE 0x81, REPORTDATA at 128,
 * a stand-in MAC at 224, TDINFO.ATTRIBUTES at 512.
 */
static void leaf_mr_report(struct tdxh_leaf_call *c)
{
	uint64_t report = c->regs->gpr[TDXH_RCX], data = c->regs->gpr[TDXH_RDX];
	uint8_t *r;

	if (!tdxh_gpa_private_ok(report, 1024)) {
		abi_operand_invalid(c, OP_RCX, 0);
		return;
	}
	if (!tdxh_gpa_private_ok(data, 64)) {
		abi_operand_invalid(c, OP_RDX, 0);
		return;
	}
	if (c->regs->gpr[TDXH_R8] != 0) {
		abi_operand_invalid(c, OP_R8, 0);
		return;
	}
	r = (uint8_t *)(uintptr_t)report;
	memset(r, 0, 1024);
	r[0] = 0x81;	/* REPORTTYPE.TYPE: TDX */
	memcpy(r + 128, (const void *)(uintptr_t)data, 64);
	memcpy(r + 512, &tdxh_td.attributes, 8);
	fake_mac(r, r + 224);
	c->regs->gpr[TDXH_RAX] = M_SUCCESS;
}

/* TDG.MR.VERIFYREPORT: RCX 256-aligned private GPA; MAC must match. */
static void leaf_mr_verifyreport(struct tdxh_leaf_call *c)
{
	uint64_t gpa = c->regs->gpr[TDXH_RCX];
	uint8_t mac[32];

	if (!tdxh_gpa_private_ok(gpa, 256)) {
		abi_operand_invalid(c, OP_RCX, 0);
		return;
	}
	fake_mac((const uint8_t *)(uintptr_t)gpa, mac);
	c->regs->gpr[TDXH_RAX] = memcmp(mac, (const uint8_t *)(uintptr_t)gpa + 224, 32) ?
		M_INVALID_REPORTMACSTRUCT : M_SUCCESS;
}

/* ---- GPA attributes ----------------------------------------------------------- */

#define MAX_ATTR_PAGES 16
static struct { uint64_t gpa, attr; } attr_pages[MAX_ATTR_PAGES];
static unsigned nr_attr_pages;

static uint64_t *attr_slot(uint64_t gpa, bool create)
{
	for (unsigned i = 0; i < nr_attr_pages; i++)
		if (attr_pages[i].gpa == gpa)
			return &attr_pages[i].attr;
	if (!create || nr_attr_pages == MAX_ATTR_PAGES)
		return NULL;
	attr_pages[nr_attr_pages].gpa = gpa;
	attr_pages[nr_attr_pages].attr = 0;
	return &attr_pages[nr_attr_pages++].attr;
}

#define ATTR_OUTPUTS (OUT(TDXH_RCX) | OUT(TDXH_RDX))

/* TDG.MEM.PAGE.ATTR.RD: RCX 4K-aligned private GPA -> RCX GPA | level 0, RDX attributes. */
static void leaf_page_attr_rd(struct tdxh_leaf_call *c)
{
	uint64_t gpa = c->regs->gpr[TDXH_RCX];
	uint64_t *attr;

	if (!tdxh_gpa_private_ok(gpa, 0x1000)) {
		abi_operand_invalid(c, OP_RCX, ATTR_OUTPUTS);
		return;
	}
	attr = attr_slot(gpa, false);
	c->regs->gpr[TDXH_RCX] = gpa;
	c->regs->gpr[TDXH_RDX] = attr ? *attr : 0;
	c->regs->gpr[TDXH_RAX] = M_SUCCESS;
}

/*
 * TDG.MEM.PAGE.ATTR.WR: RCX GPA | level 0, RDX attributes, R8 mask.  Only the
 * attribute words of existing L2 VMs (bits 16*vm + 15 .. 16*vm, vm 1..3) may
 * be written; the L1 word (15:0) never.
 */
static void leaf_page_attr_wr(struct tdxh_leaf_call *c)
{
	uint64_t rcx = c->regs->gpr[TDXH_RCX], attr = c->regs->gpr[TDXH_RDX];
	uint64_t mask = c->regs->gpr[TDXH_R8], allowed = 0, *slot;

	for (unsigned vm = 1; vm <= tdxh_td.num_l2_vms && vm <= 3; vm++)
		allowed |= 0xFFFFull << (16 * vm);
	/* The module checks the attributes (RDX, then the mask in R8) before the GPA. */
	if ((attr & ~allowed) || (mask & ~allowed)) {
		abi_operand_invalid(c, (attr & ~allowed) ? OP_RDX : OP_R8, ATTR_OUTPUTS);
		return;
	}
	if ((rcx & 0xFFF) || !tdxh_gpa_private_ok(rcx, 0x1000)) {
		abi_operand_invalid(c, OP_RCX, ATTR_OUTPUTS);
		return;
	}
	slot = attr_slot(rcx, true);
	if (!slot) {
		abi_leaf_fail(c, 0x8000020000000000ull | OP_RCX, ATTR_OUTPUTS);	/* OPERAND_BUSY */
		return;
	}
	*slot = (*slot & ~mask) | (attr & mask);
	c->regs->gpr[TDXH_RCX] = rcx;
	c->regs->gpr[TDXH_RDX] = *slot;
	c->regs->gpr[TDXH_RAX] = M_SUCCESS;
}

/* ---- TD partitioning ------------------------------------------------------------ */

/* RCX bits 53:52: the L2 VM (1..num_l2_vms); *reserved: other bits that must be 0. */
static bool l2_vm_ok(uint64_t rcx, uint64_t reserved)
{
	unsigned vm = (unsigned)((rcx >> 52) & 3);

	return vm != 0 && vm <= tdxh_td.num_l2_vms && (rcx & reserved) == 0;
}

/* The L2 exit a TDG.VP.ENTER model reports: exit reason HLT, qualification 0. */
#define L2_EXIT_REASON 12

/*
 * TDG.VP.ENTER: RDX 256-aligned private GPA (else OPERAND_INVALID | RDX);
 * RCX bits 1:0 INVEPT type, 53:52 VM, others reserved (else | RCX).  The
 * model "runs" the L2 VM until an HLT exit: RAX = exit reason, RCX..R9 0.
 */
static void leaf_vp_enter(struct tdxh_leaf_call *c)
{
	uint64_t *g = c->regs->gpr;

	if (!tdxh_gpa_private_ok(g[TDXH_RDX], 256)) {
		abi_operand_invalid(c, OP_RDX, 0);
		return;
	}
	if (!l2_vm_ok(g[TDXH_RCX], ~(3ull | (3ull << 52)))) {
		abi_operand_invalid(c, OP_RCX, 0);
		return;
	}
	g[TDXH_RCX] = g[TDXH_RDX] = g[TDXH_R8] = g[TDXH_R9] = 0;
	g[TDXH_RAX] = L2_EXIT_REASON;
}

/* TDG.VP.INVEPT: RCX bitmap of L2 VMs (bits 1..num_l2_vms). */
static void leaf_vp_invept(struct tdxh_leaf_call *c)
{
	uint64_t mask = c->regs->gpr[TDXH_RCX];
	uint64_t valid = ((1ull << (tdxh_td.num_l2_vms + 1)) - 1) & ~1ull;

	if (mask & ~valid) {
		abi_operand_invalid(c, OP_RCX, 0);
		return;
	}
	c->regs->gpr[TDXH_RAX] = M_SUCCESS;
}

/* TDG.VP.INVGLA: RCX bit 0 list mode, bits 53:52 VM; RDX GLA or list. */
static void leaf_vp_invgla(struct tdxh_leaf_call *c)
{
	if (!l2_vm_ok(c->regs->gpr[TDXH_RCX], ~(1ull | (3ull << 52)))) {
		abi_operand_invalid(c, OP_RCX, 0);
		return;
	}
	c->regs->gpr[TDXH_RAX] = M_SUCCESS;
}

void abi_install_module_models(void)
{
	nr_attr_pages = 0;
	tdxh_set_leaf_model(2, leaf_rtmr_extend);
	tdxh_set_leaf_model(4, leaf_mr_report);
	tdxh_set_leaf_model(6, leaf_page_accept);
	tdxh_set_leaf_model(22, leaf_mr_verifyreport);
	tdxh_set_leaf_model(23, leaf_page_attr_rd);
	tdxh_set_leaf_model(24, leaf_page_attr_wr);
	tdxh_set_leaf_model(25, leaf_vp_enter);
	tdxh_set_leaf_model(26, leaf_vp_invept);
	tdxh_set_leaf_model(27, leaf_vp_invgla);
}
