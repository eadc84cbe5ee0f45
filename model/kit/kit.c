/* SPDX-License-Identifier: MIT */
/*
 * <tdx/model.h>, the host test kit: the harness's model instance and its
 * trap back-end, behind a small documented API for users' own tests.
 */
#include <stddef.h>
#include <string.h>

#include <tdx/model.h>

#include "tdx_harness.h"

_Static_assert(sizeof(struct tdx_model_regs) == sizeof(struct tdxh_regs) &&
	       offsetof(struct tdx_model_regs, r15) == offsetof(struct tdxh_regs, gpr[TDXH_R15]) &&
	       offsetof(struct tdx_model_regs, rip) == offsetof(struct tdxh_regs, rip) &&
	       offsetof(struct tdx_model_regs, rflags) == offsetof(struct tdxh_regs, rflags),
	       "struct tdx_model_regs names the GPRs in architectural order, as tdxh_regs numbers them");

/* The instance, started from its defaults the first time it is used. */
static struct tdxm *model(void)
{
	if (!tdxh.initialized)
		tdxh_reset();
	return &tdxh;
}

void tdx_model_arm(void)
{
	model();
	tdxh_arm();
}

void tdx_model_disarm(void)
{
	tdxh_disarm();
}

void tdx_model_reset(void)
{
	tdxh_reset();
}

const char *tdx_model_com1(void)
{
	return tdxm_com1(model());
}

uint64_t tdx_model_count(unsigned leaf, uint64_t subfn)
{
	return tdxm_count(model(), leaf, subfn);
}

uint64_t tdx_model_calls(void)
{
	return model()->state.nr_calls;
}

static void regs_out(struct tdx_model_regs *out, const struct tdxh_regs *r)
{
	memcpy(out, r, sizeof(*out));
}

bool tdx_model_record(uint64_t i, struct tdx_model_record *out)
{
	const struct tdxh_record *rec = tdxm_record(model(), i);

	if (!rec)
		return false;
	memset(out, 0, sizeof(*out));
	out->vcpu = rec->vcpu;
	out->leaf = rec->leaf;
	out->subfn = rec->subfn;
	regs_out(&out->in, &rec->in);
	regs_out(&out->out, &rec->out);
	out->vmm_exit = rec->vmm_exit;
	regs_out(&out->vmm_saw, &rec->vmm_saw);
	out->vmm_wrote = rec->vmm_wrote;
	return true;
}

void tdx_model_inject(unsigned leaf, uint64_t subfn, uint64_t status, unsigned count)
{
	model();
	tdxh_inject(leaf, subfn, status, count);
}

void tdx_model_set_hostile(bool hostile)
{
	model()->state.hostile = hostile;
}

bool tdx_model_set_vmcall_supported(uint64_t subfn, bool supported)
{
	return tdxm_set_vmcall_supported(model(), subfn, supported) == 0;
}

bool tdx_model_vmcall_supported(uint64_t subfn)
{
	return tdxm_vmcall_supported(model(), subfn);
}

bool tdx_model_set_memory_size(uint64_t size)
{
	return tdxm_mem_setup(model(), size);
}

enum tdx_model_page_state tdx_model_page_state(uint64_t gpa)
{
	return (enum tdx_model_page_state)tdxm_mem_state(model(), gpa);
}

uint64_t tdx_model_page_count(uint64_t gpa, uint64_t size, enum tdx_model_page_state state)
{
	return tdxm_mem_count(model(), gpa, size, (enum tdxh_page_state)state);
}

void tdx_model_set_page_state(uint64_t gpa, uint64_t size, enum tdx_model_page_state state)
{
	tdxm_mem_set_state(model(), gpa, size, (enum tdxh_page_state)state);
}

int tdx_model_add_port_device(const struct tdx_model_port_device *dev)
{
	return tdxm_add_port_device(model(), dev);
}

int tdx_model_add_mmio_device(const struct tdx_model_mmio_device *dev)
{
	return tdxm_add_mmio_device(model(), dev);
}
