/* SPDX-License-Identifier: MIT */
/* TD-scope metadata: TDG.VM.RD (leaf 7, versions 0 and 1) and TDG.VM.WR (leaf 8). */
#include "metadata.h"
#include <tdx/module.h>
#include <tdx/status.h>
#include "lib/trampolines.h"

static uint64_t vm_rd(uint64_t version, uint64_t field_id, uint64_t *value, uint64_t *next)
{
	struct tdx__module_regs6 args = {
		.rcx = 0,
		.rdx = field_id,
	};

	return tdx__metadata_read(TDG_VM_RD | TDX_LEAF_VERSION(version), &args, value, next);
}

/* TDX Module ABI spec, TDG.VM.RD version 0: RCX 0 (the TD), RDX field id -> R8. */
uint64_t tdg_vm_rd(uint64_t field_id, uint64_t *value)
{
	return vm_rd(0, field_id, value, 0);
}

/* TDX Module ABI spec, TDG.VM.RD version 1: also RDX = next field id. */
uint64_t tdg_vm_rd_v1(uint64_t field_id, uint64_t *value, uint64_t *next_field_id)
{
	return vm_rd(1, field_id, value, next_field_id);
}

/* TDX Module ABI spec, TDG.VM.WR: RCX 0, RDX field id, R8 value, R9 mask -> R8 old value. */
uint64_t tdg_vm_wr(uint64_t field_id, uint64_t value, uint64_t mask, uint64_t *old_value)
{
	return tdx__metadata_write(TDG_VM_WR, field_id, value, mask, old_value);
}
