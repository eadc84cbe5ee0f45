/* SPDX-License-Identifier: MIT */
/*
 * TDG.SERVTD.RD (leaf 18) / TDG.SERVTD.WR (leaf 20), after tdx-module 1.5's
 * tdg_servtd_rd_wr.c: RCX binding handle, RDX field id, R10-R13 the
 * target's UUID (WR: R8 value, R9 mask) -> R8 value (WR: the old value),
 * RD: RDX the next element id.  Before any check R8 = 0 and (RD) RDX = -1,
 * the values they keep after a failure.  R10-R13 are written only with
 * TDX_TARGET_UUID_UPDATED, the target's current UUID: on success and on
 * every other status they stay the UUID sent.  The binding: struct
 * tdxh_servtd_config.  A handle that names no bound target is
 * OPERAND_INVALID | RCX here; the module answers that for a slot number out
 * of range and exits the TD (a cross-TD trap) for the other cases, which
 * the model does not play.
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
	struct tdxm_field f = { .id = s->field_id, .value = s->value, .writable = s->writable };
	uint64_t id = g[TDXH_RDX], value = g[TDXH_R8], mask = g[TDXH_R9];

	tdxm_md_defaults(c, !write);
	if (!s->bound || g[TDXH_RCX] != s->binding_handle) {
		g[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX;
		return;
	}
	if (!uuid_is(g, s->uuid)) {
		if (uuid_is(g, s->preimport_uuid)) {
			/* Bound before the target was imported: here is its UUID now. */
			g[TDXH_R10] = s->uuid[0];
			g[TDXH_R11] = s->uuid[1];
			g[TDXH_R12] = s->uuid[2];
			g[TDXH_R13] = s->uuid[3];
			g[TDXH_RAX] = TDX_TARGET_UUID_UPDATED;
		} else {
			g[TDXH_RAX] = TDX_TARGET_UUID_MISMATCH;
		}
		return;
	}
	if (!write && tdxm_md_is_null_id(id)) {
		tdxm_md_first_field(c, &f, 1);
		return;
	}
	if (write) {
		g[TDXH_RAX] = tdxm_md_write(c, &f, 1, id, value, mask);	/* -> R8 old value */
		s->value = f.value;
	} else {
		g[TDXH_RAX] = tdxm_md_read(c, &f, 1, id, true);
	}
}
