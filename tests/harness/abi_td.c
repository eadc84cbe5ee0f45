/* SPDX-License-Identifier: MIT */
/*
 * The TD configuration and the per-vCPU leaves: TDG.VP.INFO,
 * TDG.VP.VEINFO.GET, TDG.VP.CPUIDVE.SET.
 */
#include "abi_internal.h"

#include <string.h>

struct tdxh_td_config tdxh_td;
struct tdxh_abi_state tdxh_abi;

uint64_t tdxh_shared_bit(void)
{
	return 1ull << (tdxh_td.gpaw - 1);
}

bool tdxh_gpa_private_ok(uint64_t gpa, uint64_t align)
{
	return (gpa & (align - 1)) == 0 && gpa < (1ull << tdxh_td.gpaw) &&
	       (gpa & tdxh_shared_bit()) == 0;
}

void abi_leaf_fail(struct tdxh_leaf_call *c, uint64_t status, unsigned outputs)
{
	for (int g = 0; g < TDXH_NR_GPRS; g++)
		if (outputs & (1u << g))
			c->regs->gpr[g] = tdxh_junk();
	c->regs->gpr[TDXH_RAX] = status;
}

void abi_operand_invalid(struct tdxh_leaf_call *c, unsigned operand, unsigned outputs)
{
	abi_leaf_fail(c, M_OPERAND_INVALID | operand, outputs);
}

/* TDG.VP.INFO: RCX GPAW, RDX ATTRIBUTES, R8 NUM/MAX_VCPUS, R9 VCPU_INDEX, R10 bit 0 SYS.RD. */
static void leaf_vp_info(struct tdxh_leaf_call *c)
{
	uint64_t *g = c->regs->gpr;

	g[TDXH_RCX] = tdxh_td.gpaw & 0x3F;
	g[TDXH_RDX] = tdxh_td.attributes;
	g[TDXH_R8] = tdxh_td.num_vcpus | ((uint64_t)tdxh_td.max_vcpus << 32);
	g[TDXH_R9] = c->vcpu;
	g[TDXH_R10] = tdxh_td.sys_rd_available ? 1 : 0;
	g[TDXH_R11] = 0;
	g[TDXH_RAX] = M_SUCCESS;
}

void tdxh_post_ve(const struct tdxh_ve_info *ve)
{
	unsigned v = tdxh_current_vcpu();

	if (v >= TDXH_ABI_MAX_VCPUS)
		return;
	if (tdxh_abi.ve_valid[v]) {
		tdxh_abi.ve_double_faults++;	/* #VE while VE info is valid: #DF */
		return;
	}
	tdxh_abi.ve[v] = *ve;
	tdxh_abi.ve_valid[v] = true;
}

bool tdxh_ve_pending(unsigned vcpu)
{
	return vcpu < TDXH_ABI_MAX_VCPUS && tdxh_abi.ve_valid[vcpu];
}

#define VEINFO_OUTPUTS (OUT(TDXH_RCX) | OUT(TDXH_RDX) | OUT(TDXH_R8) | OUT(TDXH_R9) | OUT(TDXH_R10))

/* TDG.VP.VEINFO.GET: RCX exit reason, RDX qualification, R8 GLA, R9 GPA, R10 length/info. */
static void leaf_veinfo_get(struct tdxh_leaf_call *c)
{
	uint64_t *g = c->regs->gpr;
	const struct tdxh_ve_info *ve;

	if (c->vcpu >= TDXH_ABI_MAX_VCPUS || !tdxh_abi.ve_valid[c->vcpu]) {
		abi_leaf_fail(c, M_NO_VALID_VE_INFO, VEINFO_OUTPUTS);
		return;
	}
	ve = &tdxh_abi.ve[c->vcpu];
	g[TDXH_RCX] = (uint32_t)ve->exit_reason;	/* version 0: RCX[63:32] = 0 */
	g[TDXH_RDX] = ve->exit_qualification;
	g[TDXH_R8] = ve->gla;
	g[TDXH_R9] = ve->gpa;
	g[TDXH_R10] = ve->instruction_length | ((uint64_t)ve->instruction_info << 32);
	g[TDXH_RAX] = M_SUCCESS;
	tdxh_abi.ve_valid[c->vcpu] = false;
}

/* TDG.VP.CPUIDVE.SET: RCX bits 1:0, the rest reserved (OPERAND_INVALID | RCX). */
static void leaf_cpuidve_set(struct tdxh_leaf_call *c)
{
	uint64_t flags = c->regs->gpr[TDXH_RCX];

	if (flags & ~3ull) {
		abi_operand_invalid(c, OP_RCX, 0);
		return;
	}
	if (c->vcpu < TDXH_ABI_MAX_VCPUS)
		tdxh_abi.cpuidve[c->vcpu] = flags;
	c->regs->gpr[TDXH_RAX] = M_SUCCESS;
}

void abi_install_td_models(void)
{
	memset(&tdxh_abi, 0, sizeof(tdxh_abi));
	tdxh_td.gpaw = 48;
	tdxh_td.attributes = 0;
	tdxh_td.num_vcpus = 1;
	tdxh_td.max_vcpus = TDXH_ABI_MAX_VCPUS;
	tdxh_td.sys_rd_available = true;
	tdxh_td.num_l2_vms = 0;
	tdxh_set_leaf_model(1, leaf_vp_info);
	tdxh_set_leaf_model(3, leaf_veinfo_get);
	tdxh_set_leaf_model(5, leaf_cpuidve_set);
}

void tdxh_install_abi_models(void)
{
	abi_install_td_models();
	abi_install_module_models();
	abi_install_metadata_models();
	abi_install_vmm_models();
	abi_install_device_models();
}
