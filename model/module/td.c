/* SPDX-License-Identifier: MIT */
/* The TD as the leaves see it: GPA checks, VE info, failing a leaf. */
#include "../core/internal.h"

#include <tdx/status.h>

uint64_t tdxm_shared_bit(const struct tdxm *m)
{
	return 1ull << (m->td.gpaw - 1);
}

bool tdxm_gpa_private_ok(const struct tdxm *m, uint64_t gpa, uint64_t align)
{
	return (gpa & (align - 1)) == 0 && gpa < (1ull << m->td.gpaw) &&
	       (gpa & tdxm_shared_bit(m)) == 0;
}

void *tdxm_gpa_to_host(const struct tdxm *m, uint64_t gpa)
{
	gpa &= ~tdxm_shared_bit(m);
	/* The back-end's RAM window (tdxm_mem_set_ram), else the host address itself. */
	if (m->mem.ram_size && gpa >= m->mem.ram_gpa && gpa - m->mem.ram_gpa < m->mem.ram_size)
		return m->mem.ram_host + (gpa - m->mem.ram_gpa);
	return (void *)(uintptr_t)gpa;
}

void tdxm_leaf_fail(struct tdxh_leaf_call *c, uint64_t status, unsigned outputs)
{
	for (int g = 0; g < TDXH_NR_GPRS; g++)
		if (outputs & (1u << g))
			c->regs->gpr[g] = tdxm_junk(c->m);
	c->regs->gpr[TDXH_RAX] = status;
}

void tdxm_operand_invalid(struct tdxh_leaf_call *c, unsigned operand, unsigned outputs)
{
	tdxm_leaf_fail(c, TDX_OPERAND_INVALID | operand, outputs);
}

void tdxm_post_ve(struct tdxm *m, unsigned vcpu, const struct tdxh_ve_info *ve)
{
	if (vcpu >= TDXH_ABI_MAX_VCPUS)
		return;
	if (m->module.ve_valid[vcpu]) {
		m->module.ve_double_faults++;	/* #VE while VE info is valid: #DF */
		return;
	}
	m->module.ve[vcpu] = *ve;
	m->module.ve_valid[vcpu] = true;
}

bool tdxm_ve_pending(const struct tdxm *m, unsigned vcpu)
{
	return vcpu < TDXH_ABI_MAX_VCPUS && m->module.ve_valid[vcpu];
}
