/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VMCALL<Instruction.CPUID> (GHCI): R12 leaf, R13 sub-leaf -> R12-R15
 * EAX, EBX, ECX, EDX.  The VMM answers from its table (vmm.cpuid); leaves it
 * does not know answer zeros.
 */
#include "../core/internal.h"

#include <tdx/status.h>

int tdxm_set_cpuid(struct tdxm *m, uint32_t leaf, uint32_t subleaf, uint32_t eax, uint32_t ebx,
		   uint32_t ecx, uint32_t edx)
{
	struct tdxm_vmm *v = &m->vmm;
	unsigned i;

	for (i = 0; i < v->nr_cpuid; i++)
		if (v->cpuid[i].leaf == leaf && v->cpuid[i].subleaf == subleaf)
			break;
	if (i == TDXM_MAX_CPUID)
		return -1;
	if (i == v->nr_cpuid)
		v->nr_cpuid++;
	v->cpuid[i].leaf = leaf;
	v->cpuid[i].subleaf = subleaf;
	v->cpuid[i].regs[0] = eax;
	v->cpuid[i].regs[1] = ebx;
	v->cpuid[i].regs[2] = ecx;
	v->cpuid[i].regs[3] = edx;
	return 0;
}

void tdxm_instruction_cpuid(struct tdxh_vmcall *c)
{
	const struct tdxm_vmm *v = &c->m->vmm;
	uint64_t leaf = tdxh_vmm_read(c, TDXH_R12), subleaf = tdxh_vmm_read(c, TDXH_R13);
	static const uint32_t zeros[4];
	const uint32_t *regs = zeros;

	if (leaf > UINT32_MAX || subleaf > UINT32_MAX) {
		tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
		return;
	}
	for (unsigned i = 0; i < v->nr_cpuid; i++)
		if (v->cpuid[i].leaf == leaf && v->cpuid[i].subleaf == subleaf)
			regs = v->cpuid[i].regs;
	tdxh_vmm_write(c, TDXH_R12, regs[0]);
	tdxh_vmm_write(c, TDXH_R13, regs[1]);
	tdxh_vmm_write(c, TDXH_R14, regs[2]);
	tdxh_vmm_write(c, TDXH_R15, regs[3]);
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
}
