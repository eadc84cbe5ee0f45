/* SPDX-License-Identifier: MIT */
/*
 * TDG.SERVTD.RD (leaf 18) / TDG.SERVTD.WR (leaf 20), after tdx-module 1.5's
 * tdg_servtd_rd_wr.c: RCX binding handle, RDX field id, R10-R13 the
 * target's UUID (WR: R8 value, R9 mask) -> R8 value (WR: the old value),
 * RD: RDX the next field id.  R10-R13 are written only with
 * TDX_TARGET_UUID_UPDATED (never on success: they stay the UUID sent);
 * other failures put junk in them, so a wrapper that copies them out on any
 * other status is caught.  The binding: struct tdxh_servtd_config.
 */
#include "module.h"

#include <tdx/metadata.h>
#include <tdx/status.h>
#include <tdx/tdcall.h>

static bool uuid_is(const uint64_t *g, const uint64_t uuid[4])
{
	return g[TDXH_R10] == uuid[0] && g[TDXH_R11] == uuid[1] &&
	       g[TDXH_R12] == uuid[2] && g[TDXH_R13] == uuid[3];
}

void tdxm_servtd_rd_wr(struct tdxh_leaf_call *c)
{
	struct tdxh_servtd_config *s = &c->m->servtd;
	uint64_t *g = c->regs->gpr;
	bool write = (g[TDXH_RAX] & 0xFFFF) == TDG_SERVTD_WR;
	uint64_t field_id = g[TDXH_RDX];
	const unsigned uuid_out = OUT(TDXH_R10) | OUT(TDXH_R11) | OUT(TDXH_R12) | OUT(TDXH_R13);
	struct tdxm_field f = { s->field_id, s->value, s->writable };

	if (!s->bound || g[TDXH_RCX] != s->binding_handle) {
		tdxm_operand_invalid(c, TDX_OPERAND_ID_RCX,
				     OUT(TDXH_R8) | (write ? 0 : OUT(TDXH_RDX)) | uuid_out);
		return;
	}
	if (!uuid_is(g, s->uuid)) {
		/* The module's default outputs: R8 = 0, and for RD RDX = none. */
		g[TDXH_R8] = 0;
		if (!write)
			g[TDXH_RDX] = TDX_MD_FIELD_ID_NA;
		if (uuid_is(g, s->preimport_uuid)) {
			g[TDXH_R10] = s->uuid[0];
			g[TDXH_R11] = s->uuid[1];
			g[TDXH_R12] = s->uuid[2];
			g[TDXH_R13] = s->uuid[3];
			g[TDXH_RAX] = TDX_TARGET_UUID_UPDATED;
		} else {
			tdxm_leaf_fail(c, TDX_TARGET_UUID_MISMATCH, uuid_out);
		}
		return;
	}
	if (!write && tdxm_md_is_null_id(field_id)) {
		tdxm_md_first_field(c, &f, 1);
		return;
	}
	if (!tdxm_md_find(&f, 1, field_id, NULL)) {
		tdxm_leaf_fail(c, TDX_METADATA_FIELD_ID_INCORRECT,
			       OUT(TDXH_R8) | (write ? 0 : OUT(TDXH_RDX)) | uuid_out);
		return;
	}
	if (write) {
		tdxm_md_write(c, &f);	/* R8 value, R9 mask -> R8 old value */
		s->value = f.value;
		if (g[TDXH_RAX] != TDX_SUCCESS)
			tdxm_leaf_fail(c, g[TDXH_RAX], uuid_out);
		return;
	}
	g[TDXH_R8] = f.value;
	g[TDXH_RDX] = TDX_MD_FIELD_ID_NA;	/* the only field: no next one */
	g[TDXH_RAX] = TDX_SUCCESS;
}
