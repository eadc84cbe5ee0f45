/* SPDX-License-Identifier: MIT */
/*
 * The read half of the metadata leaves that can enumerate (TDG.VM.RD
 * version 1, TDG.SYS.RD; Intel TDX Module ABI spec): RDX field id in, R8
 * value and RDX next field id out.  Shared by tdg_vm_rd_wr.c and
 * tdg_sys_rd.c; not a public header.
 */
#ifndef TDX_SRC_MODULE_METADATA_READ_H
#define TDX_SRC_MODULE_METADATA_READ_H

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

#endif /* TDX_SRC_MODULE_METADATA_READ_H */
