/* SPDX-License-Identifier: MIT */
/*
 * What the metadata leaves share: TDG.VM.RD/WR (TD scope), TDG.VP.RD/WR
 * (vCPU scope), TDG.SYS.RD/RDALL (module scope), TDG.SERVTD.RD/WR.  Each
 * scope is a small table of fields (struct tdxm_metadata); an id not in it
 * is TDX_METADATA_FIELD_ID_INCORRECT, a write outside a field's writable
 * bits TDX_METADATA_FIELD_NOT_WRITABLE.  Bits 54:52 of a field id (the
 * context code) are ignored on input, as the module does.
 */
#include "module.h"

#include <tdx/metadata.h>
#include <tdx/status.h>

bool tdxm_md_is_null_id(uint64_t id)
{
	return (id | TDXM_CONTEXT_CODE_MASK) == TDX_MD_FIELD_ID_NA;
}

void tdxm_md_first_field(struct tdxh_leaf_call *c, const struct tdxm_field *t, unsigned n)
{
	c->regs->gpr[TDXH_RDX] = n ? t[0].id : TDX_MD_FIELD_ID_NA;
	c->regs->gpr[TDXH_R8] = 0;
	c->regs->gpr[TDXH_RAX] = TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT;
}

struct tdxm_field *tdxm_md_find(struct tdxm_field *t, unsigned n, uint64_t id, unsigned *index)
{
	for (unsigned i = 0; i < n; i++) {
		if ((t[i].id & ~TDXM_CONTEXT_CODE_MASK) == (id & ~TDXM_CONTEXT_CODE_MASK)) {
			if (index)
				*index = i;
			return &t[i];
		}
	}
	return NULL;
}

void tdxm_md_write(struct tdxh_leaf_call *c, struct tdxm_field *f)
{
	uint64_t value = c->regs->gpr[TDXH_R8], mask = c->regs->gpr[TDXH_R9];
	uint64_t old = f->value;

	if (mask & ~f->writable) {
		tdxm_leaf_fail(c, TDX_METADATA_FIELD_NOT_WRITABLE, OUT(TDXH_R8));
		return;
	}
	f->value = (old & ~mask) | (value & mask);
	c->regs->gpr[TDXH_R8] = old;
	c->regs->gpr[TDXH_RAX] = TDX_SUCCESS;
}

struct tdxm_field *tdxm_md_vp_field(struct tdxh_leaf_call *c)
{
	if (c->vcpu >= TDXH_ABI_MAX_VCPUS)
		return NULL;
	return tdxm_md_find(&c->m->md.vp[c->vcpu], 1, c->regs->gpr[TDXH_RDX], NULL);
}
