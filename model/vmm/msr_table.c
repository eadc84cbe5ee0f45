/* SPDX-License-Identifier: MIT */
/* The MSRs the VMM knows (vmm.msr), for Instruction.RDMSR and Instruction.WRMSR. */
#include "../core/internal.h"

static int msr_index(const struct tdxm_vmm *v, uint32_t msr)
{
	for (unsigned i = 0; i < v->nr_msrs; i++)
		if (v->msr[i].msr == msr)
			return (int)i;
	return -1;
}

int tdxm_set_msr(struct tdxm *m, uint32_t msr, uint64_t value)
{
	struct tdxm_vmm *v = &m->vmm;
	int i = msr_index(v, msr);

	if (i < 0) {
		if (v->nr_msrs == TDXM_MAX_MSRS)
			return -1;
		i = (int)v->nr_msrs++;
		v->msr[i].msr = msr;
	}
	v->msr[i].value = value;
	return 0;
}

bool tdxm_get_msr(const struct tdxm *m, uint32_t msr, uint64_t *value)
{
	int i = msr_index(&m->vmm, msr);

	if (i < 0)
		return false;
	*value = m->vmm.msr[i].value;
	return true;
}
