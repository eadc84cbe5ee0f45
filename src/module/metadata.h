/* SPDX-License-Identifier: MIT */
/*
 * What the metadata leaves share (Intel TDX Module ABI spec): the read of
 * the leaves that can enumerate (TDG.VM.RD version 1, TDG.SYS.RD: RDX field
 * id in, R8 value and RDX next field id out) and the masked write of
 * TDG.VM.WR and TDG.VP.WR.  Not a public header.
 */
#ifndef TDX_SRC_MODULE_METADATA_H
#define TDX_SRC_MODULE_METADATA_H

#include <tdx/error.h>
#include <tdx/tdcall.h>
#include "lib/trampolines.h"

/*
 * TDCALL `leaf` with *args (RDX = the field id), then: on success *value =
 * R8 and *next (may be NULL) = RDX; on TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT
 * (field id TDX_MD_FIELD_ID_NA: the start of an enumeration) only *next =
 * RDX, the first field id; on anything else nothing.
 */
static inline uint64_t tdx__metadata_read(uint64_t leaf, struct tdx__module_regs6 *args,
					  uint64_t *value, uint64_t *next)
{
	uint64_t status = __tdx_module_call6(leaf, args);

	if (tdx_status_is(status, TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT) && next)
		*next = args->rdx;
	if (status != TDX_SUCCESS)
		return status;
	*value = args->r8;
	if (next)
		*next = args->rdx;
	return status;
}

/*
 * TDCALL `leaf` (TDG.VM.WR with RCX 0, the TD itself; TDG.VP.WR): RDX field
 * id, R8 value, R9 mask; on success *old_value (may be NULL) = R8, the
 * previous value.
 */
static inline uint64_t tdx__metadata_write(uint64_t leaf, uint64_t field_id, uint64_t value,
					   uint64_t mask, uint64_t *old_value)
{
	struct tdx__module_regs6 args = { .rcx = 0, .rdx = field_id, .r8 = value, .r9 = mask };
	uint64_t status = __tdx_module_call6(leaf, &args);

	if (status == TDX_SUCCESS && old_value)
		*old_value = args.r8;
	return status;
}

#endif /* TDX_SRC_MODULE_METADATA_H */
