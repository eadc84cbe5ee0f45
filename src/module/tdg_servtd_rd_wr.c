/* SPDX-License-Identifier: MIT */
/* Service TDs: TDG.SERVTD.RD (leaf 18) and TDG.SERVTD.WR (leaf 20). */
#include <tdx/module.h>
#include <tdx/error.h>

/*
 * The module writes R10-R13 only with TDX_TARGET_UUID_UPDATED: the binding
 * was made before the target TD was imported, and R10-R13 now carry its
 * current UUID, for the caller to retry with (tdx-module 1.5 source,
 * tdg_servtd_rd_wr.c).  On success they are the UUID sent; on any other
 * status they mean nothing.  R8 is an output on success only.
 */
static uint64_t servtd_call(uint64_t leaf, struct tdx_module_args *args,
			    struct tdx_uuid *uuid, uint64_t *r8_out)
{
	uint64_t status;

	args->r10 = uuid->r10;
	args->r11 = uuid->r11;
	args->r12 = uuid->r12;
	args->r13 = uuid->r13;
	status = __tdx_module_call(leaf, args);
	if (tdx_status_is(status, TDX_TARGET_UUID_UPDATED)) {
		uuid->r10 = args->r10;
		uuid->r11 = args->r11;
		uuid->r12 = args->r12;
		uuid->r13 = args->r13;
	}
	if (status == TDX_SUCCESS && r8_out)
		*r8_out = args->r8;
	return status;
}

/* TDX Module ABI spec, TDG.SERVTD.RD: RCX handle, RDX field id, R10-R13 UUID -> R8 value. */
uint64_t tdg_servtd_rd(uint64_t binding_handle, uint64_t field_id,
		       struct tdx_uuid *target_uuid, uint64_t *value)
{
	struct tdx_module_args args = {
		.rcx = binding_handle,
		.rdx = field_id,
	};

	return servtd_call(TDG_SERVTD_RD, &args, target_uuid, value);
}

/* TDX Module ABI spec, TDG.SERVTD.WR: as RD, plus R8 value, R9 mask -> R8 old value. */
uint64_t tdg_servtd_wr(uint64_t binding_handle, uint64_t field_id,
		       struct tdx_uuid *target_uuid, uint64_t value, uint64_t mask,
		       uint64_t *old_value)
{
	struct tdx_module_args args = {
		.rcx = binding_handle,
		.rdx = field_id,
		.r8 = value,
		.r9 = mask,
	};

	return servtd_call(TDG_SERVTD_WR, &args, target_uuid, old_value);
}
