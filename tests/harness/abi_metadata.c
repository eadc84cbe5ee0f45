/* SPDX-License-Identifier: MIT */
/*
 * Metadata leaves: TDG.VM.RD/WR (TD scope), TDG.VP.RD/WR (vCPU scope),
 * TDG.SYS.RD/RDALL (module scope), TDG.SERVTD.RD/WR.  Each scope is a small
 * table of fields; an id not in it is TDX_METADATA_FIELD_ID_INCORRECT, a
 * write outside a field's writable bits TDX_METADATA_FIELD_NOT_WRITABLE.
 * Bits 54:52 of a field id (the context code) are ignored on input, as the
 * module does.  Version 1 of TDG.VM.RD and TDG.SYS.RD return the next field
 * id in RDX (-1 after the last); given the null id (-1, context bits aside)
 * they return the first one with TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT.
 */
#include "abi_internal.h"

#include <string.h>

#define CONTEXT_CODE_MASK (7ull << 52)
#define FIELD_ID_NA       UINT64_MAX
#define MAX_FIELDS        8

struct field {
	uint64_t id, value, writable;
};

/* TD scope (TDCS): the fields Linux uses. */
static struct field td_fields[MAX_FIELDS];
static unsigned nr_td_fields;
/* vCPU scope: one test field per vCPU. */
#define TDXH_VP_TEST_FIELD 0xA020000000000001ull
static struct field vp_fields[TDXH_ABI_MAX_VCPUS][1];
/* Module scope (read only). */
static struct field sys_fields[MAX_FIELDS];
static unsigned nr_sys_fields;

static bool is_null_field_id(uint64_t id)
{
	return (id | CONTEXT_CODE_MASK) == FIELD_ID_NA;
}

/* The null field id: RDX = the table's first id, R8 = 0, FIRST_FIELD_ID_IN_CONTEXT. */
static void first_field(struct tdxh_leaf_call *c, const struct field *t, unsigned n)
{
	c->regs->gpr[TDXH_RDX] = n ? t[0].id : FIELD_ID_NA;
	c->regs->gpr[TDXH_R8] = 0;
	c->regs->gpr[TDXH_RAX] = M_METADATA_FIRST_FIELD_ID_IN_CONTEXT;
}

static struct field *find(struct field *t, unsigned n, uint64_t id, unsigned *index)
{
	for (unsigned i = 0; i < n; i++) {
		if ((t[i].id & ~CONTEXT_CODE_MASK) == (id & ~CONTEXT_CODE_MASK)) {
			if (index)
				*index = i;
			return &t[i];
		}
	}
	return NULL;
}

/* Masked write as the module does it: R8 value, R9 mask -> R8 old value. */
static void md_write(struct tdxh_leaf_call *c, struct field *f)
{
	uint64_t value = c->regs->gpr[TDXH_R8], mask = c->regs->gpr[TDXH_R9];
	uint64_t old = f->value;

	if (mask & ~f->writable) {
		abi_leaf_fail(c, M_METADATA_FIELD_NOT_WRITABLE, OUT(TDXH_R8));
		return;
	}
	f->value = (old & ~mask) | (value & mask);
	c->regs->gpr[TDXH_R8] = old;
	c->regs->gpr[TDXH_RAX] = M_SUCCESS;
}

/* TDG.VM.RD (versions 0, 1): RCX 0, RDX field id -> R8 value (v1: RDX next id). */
static void leaf_vm_rd(struct tdxh_leaf_call *c)
{
	uint64_t version = (c->regs->gpr[TDXH_RAX] >> 16) & 0xFF;
	unsigned outputs = OUT(TDXH_R8) | (version ? OUT(TDXH_RDX) : 0);
	struct field *f;
	unsigned i;

	if (version > 1) {
		abi_operand_invalid(c, OP_RAX, 0);
		return;
	}
	if (c->regs->gpr[TDXH_RCX] != 0) {
		abi_operand_invalid(c, OP_RCX, outputs);
		return;
	}
	if (version && is_null_field_id(c->regs->gpr[TDXH_RDX])) {
		first_field(c, td_fields, nr_td_fields);
		return;
	}
	f = find(td_fields, nr_td_fields, c->regs->gpr[TDXH_RDX], &i);
	if (!f) {
		abi_leaf_fail(c, M_METADATA_FIELD_ID_INCORRECT, outputs);
		return;
	}
	c->regs->gpr[TDXH_R8] = f->value;
	if (version)
		c->regs->gpr[TDXH_RDX] = i + 1 < nr_td_fields ? td_fields[i + 1].id : FIELD_ID_NA;
	c->regs->gpr[TDXH_RAX] = M_SUCCESS;
}

/* TDG.VM.WR: RCX 0, RDX field id, R8 value, R9 mask -> R8 old value. */
static void leaf_vm_wr(struct tdxh_leaf_call *c)
{
	struct field *f;

	if (c->regs->gpr[TDXH_RCX] != 0) {
		abi_operand_invalid(c, OP_RCX, OUT(TDXH_R8));
		return;
	}
	f = find(td_fields, nr_td_fields, c->regs->gpr[TDXH_RDX], NULL);
	if (!f) {
		abi_leaf_fail(c, M_METADATA_FIELD_ID_INCORRECT, OUT(TDXH_R8));
		return;
	}
	md_write(c, f);
}

static struct field *vp_field(struct tdxh_leaf_call *c)
{
	if (c->vcpu >= TDXH_ABI_MAX_VCPUS)
		return NULL;
	return find(vp_fields[c->vcpu], 1, c->regs->gpr[TDXH_RDX], NULL);
}

/* TDG.VP.RD: RDX field id -> R8 value. */
static void leaf_vp_rd(struct tdxh_leaf_call *c)
{
	struct field *f = vp_field(c);

	if (!f) {
		abi_leaf_fail(c, M_METADATA_FIELD_ID_INCORRECT, OUT(TDXH_R8));
		return;
	}
	c->regs->gpr[TDXH_R8] = f->value;
	c->regs->gpr[TDXH_RAX] = M_SUCCESS;
}

/* TDG.VP.WR: RDX field id, R8 value, R9 mask -> R8 old value. */
static void leaf_vp_wr(struct tdxh_leaf_call *c)
{
	struct field *f = vp_field(c);

	if (!f) {
		abi_leaf_fail(c, M_METADATA_FIELD_ID_INCORRECT, OUT(TDXH_R8));
		return;
	}
	md_write(c, f);
}

/* TDG.SYS.RD: RDX field id -> R8 value, RDX next field id.  Only when SYS.RD is available. */
static void leaf_sys_rd(struct tdxh_leaf_call *c)
{
	struct field *f;
	unsigned i;

	if (!tdxh_td.sys_rd_available) {
		abi_operand_invalid(c, OP_RAX, 0);	/* the leaf does not exist */
		return;
	}
	if (is_null_field_id(c->regs->gpr[TDXH_RDX])) {
		first_field(c, sys_fields, nr_sys_fields);
		return;
	}
	f = find(sys_fields, nr_sys_fields, c->regs->gpr[TDXH_RDX], &i);
	if (!f) {
		abi_leaf_fail(c, M_METADATA_FIELD_ID_INCORRECT, OUT(TDXH_R8) | OUT(TDXH_RDX));
		return;
	}
	c->regs->gpr[TDXH_R8] = f->value;
	c->regs->gpr[TDXH_RDX] = i + 1 < nr_sys_fields ? sys_fields[i + 1].id : FIELD_ID_NA;
	c->regs->gpr[TDXH_RAX] = M_SUCCESS;
}

/*
 * TDG.SYS.RDALL: RDX 4K-aligned private GPA of the list, R8 first field id
 * -> R8 next field id.  The model writes the fields from the first one on as
 * (id, value) pairs after an 8-byte header {u16 size, u16 count, u32 0},
 * then answers R8 = -1 (all read).
 */
static void leaf_sys_rdall(struct tdxh_leaf_call *c)
{
	uint64_t gpa = c->regs->gpr[TDXH_RDX];
	uint64_t *list;
	unsigned first, n = 0;

	if (!tdxh_td.sys_rd_available) {
		abi_operand_invalid(c, OP_RAX, 0);
		return;
	}
	if (!tdxh_gpa_private_ok(gpa, 4096)) {
		abi_operand_invalid(c, OP_RDX, OUT(TDXH_R8));
		return;
	}
	if (!find(sys_fields, nr_sys_fields, c->regs->gpr[TDXH_R8], &first)) {
		abi_leaf_fail(c, M_METADATA_FIELD_ID_INCORRECT, OUT(TDXH_R8));
		return;
	}
	list = (uint64_t *)(uintptr_t)gpa;
	for (unsigned i = first; i < nr_sys_fields; i++, n++) {
		list[1 + 2 * n] = sys_fields[i].id;
		list[2 + 2 * n] = sys_fields[i].value;
	}
	list[0] = (uint64_t)(8 + 16 * n) | ((uint64_t)n << 16);
	c->regs->gpr[TDXH_R8] = FIELD_ID_NA;
	c->regs->gpr[TDXH_RAX] = M_SUCCESS;
}

struct tdxh_servtd_config tdxh_servtd;

static bool uuid_is(const uint64_t *g, const uint64_t uuid[4])
{
	return g[TDXH_R10] == uuid[0] && g[TDXH_R11] == uuid[1] &&
	       g[TDXH_R12] == uuid[2] && g[TDXH_R13] == uuid[3];
}

/*
 * TDG.SERVTD.RD (18) / WR (20): RCX binding handle, RDX field id, R10-R13
 * the target's UUID (WR: R8 value, R9 mask) -> R8 value (WR: old value),
 * RD: RDX next field id.  R10-R13 are written only with
 * TDX_TARGET_UUID_UPDATED (never on success: they stay the UUID sent); other
 * failures put junk in them, so a wrapper that copies them out on any other
 * status is caught.  See struct tdxh_servtd_config.
 */
static void leaf_servtd(struct tdxh_leaf_call *c)
{
	uint64_t *g = c->regs->gpr;
	bool write = (g[TDXH_RAX] & 0xFFFF) == 20;
	uint64_t field_id = g[TDXH_RDX];
	const unsigned uuid_out = OUT(TDXH_R10) | OUT(TDXH_R11) | OUT(TDXH_R12) | OUT(TDXH_R13);
	struct field f = { tdxh_servtd.field_id, tdxh_servtd.value, tdxh_servtd.writable };

	if (!tdxh_servtd.bound || g[TDXH_RCX] != tdxh_servtd.binding_handle) {
		abi_operand_invalid(c, OP_RCX, OUT(TDXH_R8) | (write ? 0 : OUT(TDXH_RDX)) | uuid_out);
		return;
	}
	if (!uuid_is(g, tdxh_servtd.uuid)) {
		/* The module's default outputs: R8 = 0, and for RD RDX = none. */
		g[TDXH_R8] = 0;
		if (!write)
			g[TDXH_RDX] = FIELD_ID_NA;
		if (uuid_is(g, tdxh_servtd.preimport_uuid)) {
			g[TDXH_R10] = tdxh_servtd.uuid[0];
			g[TDXH_R11] = tdxh_servtd.uuid[1];
			g[TDXH_R12] = tdxh_servtd.uuid[2];
			g[TDXH_R13] = tdxh_servtd.uuid[3];
			g[TDXH_RAX] = M_TARGET_UUID_UPDATED;
		} else {
			abi_leaf_fail(c, M_TARGET_UUID_MISMATCH, uuid_out);
		}
		return;
	}
	if (!write && is_null_field_id(field_id)) {
		first_field(c, &f, 1);
		return;
	}
	if (!find(&f, 1, field_id, NULL)) {
		abi_leaf_fail(c, M_METADATA_FIELD_ID_INCORRECT,
			      OUT(TDXH_R8) | (write ? 0 : OUT(TDXH_RDX)) | uuid_out);
		return;
	}
	if (write) {
		md_write(c, &f);	/* R8 value, R9 mask -> R8 old value */
		tdxh_servtd.value = f.value;
		if (g[TDXH_RAX] != M_SUCCESS)
			abi_leaf_fail(c, g[TDXH_RAX], uuid_out);
		return;
	}
	g[TDXH_R8] = f.value;
	g[TDXH_RDX] = FIELD_ID_NA;	/* the only field: no next one */
	g[TDXH_RAX] = M_SUCCESS;
}

static void add(struct field *t, unsigned *n, uint64_t id, uint64_t value, uint64_t writable)
{
	t[*n].id = id;
	t[*n].value = value;
	t[*n].writable = writable;
	(*n)++;
}

void abi_install_metadata_models(void)
{
	nr_td_fields = nr_sys_fields = 0;
	memset(&tdxh_servtd, 0, sizeof(tdxh_servtd));
	/* TD-scope fields Linux's TDX guest code uses (ids from the TDX Module ABI spec's
	 * metadata field tables): NOTIFY_ENABLES, CONFIG_FLAGS, TD_CTLS. */
	add(td_fields, &nr_td_fields, 0x9100000000000010ull, 0, 1);
	add(td_fields, &nr_td_fields, 0x1110000300000016ull, 1ull << 1, 0);
	add(td_fields, &nr_td_fields, 0x1110000300000017ull, 0, 0xF);
	for (unsigned v = 0; v < TDXH_ABI_MAX_VCPUS; v++) {
		vp_fields[v][0].id = TDXH_VP_TEST_FIELD;
		vp_fields[v][0].value = 0x1000 + v;
		vp_fields[v][0].writable = 0xFFFF;
	}
	/* Module-scope fields: three made-up ids, read only. */
	add(sys_fields, &nr_sys_fields, 0x0800000100000000ull, 0x1, 0);
	add(sys_fields, &nr_sys_fields, 0x0800000100000001ull, 0x5, 0);
	add(sys_fields, &nr_sys_fields, 0x0800000100000002ull, 0x0, 0);

	tdxh_set_leaf_model(7, leaf_vm_rd);
	tdxh_set_leaf_max_version(7, 1);	/* TDG.VM.RD version 1 (module 1.5) */
	tdxh_set_leaf_model(8, leaf_vm_wr);
	tdxh_set_leaf_model(9, leaf_vp_rd);
	tdxh_set_leaf_model(10, leaf_vp_wr);
	tdxh_set_leaf_model(11, leaf_sys_rd);
	tdxh_set_leaf_model(12, leaf_sys_rdall);
	tdxh_set_leaf_model(18, leaf_servtd);
	tdxh_set_leaf_model(20, leaf_servtd);
}
