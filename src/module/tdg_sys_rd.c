/* SPDX-License-Identifier: MIT */
/* Global module metadata: TDG.SYS.RD (leaf 11) and TDG.SYS.RDALL (leaf 12). */
#include "metadata.h"
#include <tdx/module.h>
#include <tdx/status.h>
#include "lib/trampolines.h"

/* TDX Module ABI spec, TDG.SYS.RD: RDX field id -> R8 value, RDX next field id. */
uint64_t tdg_sys_rd(uint64_t field_id, uint64_t *value, uint64_t *next_field_id)
{
	struct tdx__module_regs6 args = {
		.rdx = field_id,
	};

	return tdx__metadata_read(TDG_SYS_RD, &args, value, next_field_id);
}

/*
 * TDX Module ABI spec, TDG.SYS.RDALL: RDX list buffer GPA, R8 first field id
 * -> R8 next.  R8 is where to continue both when the list is complete
 * (TDX_MD_FIELD_ID_NA) and when it did not fit in the page
 * (TDX_METADATA_LIST_OVERFLOW: what was written is valid, call again from R8).
 */
uint64_t tdg_sys_rdall(uint64_t list_gpa, uint64_t first_field_id, uint64_t *next_field_id)
{
	struct tdx__module_regs6 args = {
		.rdx = list_gpa,
		.r8 = first_field_id,
	};
	uint64_t status = __tdx_module_call6(TDG_SYS_RDALL, &args);

	if ((status == TDX_SUCCESS || tdx_status_is(status, TDX_METADATA_LIST_OVERFLOW)) && next_field_id)
		*next_field_id = args.r8;
	return status;
}
