/* SPDX-License-Identifier: MIT */
/*
 * What the metadata leaves share: TDG.VM.RD/WR (TD scope), TDG.VP.RD/WR
 * (vCPU scope), TDG.SYS.RD/RDALL (module scope), TDG.SERVTD.RD/WR, after
 * tdx-module 1.5's metadata_generic.c (md_check_as_single_element_id,
 * md_find_entry_idx, md_get_next_element_in_context) and the write-mask
 * check of md_td_write_element / md_vp_write_element.  Each scope is a
 * table of fields (struct tdxm_field).  Bits 54:52 of a field id (the
 * context code) are ignored on input, as the module does.
 */
#include "module.h"

#include <tdx/metadata.h>
#include <tdx/status.h>

#define FIELD_CODE(id) ((id) & 0xFFFFFFull)
#define CLASS_CODE(id) (((id) >> 56) & 0x3F)
#define SIZE_CODE(id)  (((id) >> 32) & 3)

bool tdxm_md_is_null_id(uint64_t id)
{
	return (id | TDXM_CONTEXT_CODE_MASK) == TDX_MD_FIELD_ID_NA;
}

bool tdxm_md_single_element_ok(uint64_t id)
{
	return (id & (TDXM_MD_RESERVED_MASK | TDXM_MD_LAST_ELEMENT_MASK | TDXM_MD_LAST_FIELD_MASK)) == 0;
}

unsigned tdxm_md_elements(const struct tdxm_field *f)
{
	return f->elements ? f->elements : 1;
}

uint64_t tdxm_md_element(const struct tdxm_field *f, unsigned k)
{
	return k ? f->more[k - 1] : f->value;
}

static uint64_t *element_slot(struct tdxm_field *f, unsigned k)
{
	return k ? &f->more[k - 1] : &f->value;
}

struct tdxm_field *tdxm_md_find(struct tdxm_field *t, unsigned n, uint64_t id, unsigned *index,
				unsigned *element)
{
	for (unsigned i = 0; i < n; i++) {
		uint64_t base = FIELD_CODE(t[i].id);

		if (CLASS_CODE(t[i].id) == CLASS_CODE(id) && FIELD_CODE(id) >= base &&
		    FIELD_CODE(id) < base + tdxm_md_elements(&t[i])) {
			if (index)
				*index = i;
			if (element)
				*element = (unsigned)(FIELD_CODE(id) - base);
			return &t[i];
		}
	}
	return NULL;
}

uint64_t tdxm_md_element_id(const struct tdxm_field *f, unsigned k)
{
	return f->id + k;	/* INC_SIZE 0: element k has field code + k */
}

uint64_t tdxm_md_next_element(const struct tdxm_field *t, unsigned n, unsigned index, unsigned element)
{
	if (element + 1 < tdxm_md_elements(&t[index]))
		return tdxm_md_element_id(&t[index], element + 1);
	return index + 1 < n ? t[index + 1].id : TDX_MD_FIELD_ID_NA;
}

void tdxm_md_defaults(struct tdxh_leaf_call *c, bool rdx)
{
	if (rdx)
		c->regs->gpr[TDXH_RDX] = TDX_MD_FIELD_ID_NA;
	c->regs->gpr[TDXH_R8] = 0;
}

void tdxm_md_first_field(struct tdxh_leaf_call *c, const struct tdxm_field *t, unsigned n)
{
	c->regs->gpr[TDXH_RDX] = n ? t[0].id : TDX_MD_FIELD_ID_NA;
	c->regs->gpr[TDXH_RAX] = TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT;
}

uint64_t tdxm_md_read(struct tdxh_leaf_call *c, struct tdxm_field *t, unsigned n, uint64_t id, bool next)
{
	unsigned i, k;

	if (!tdxm_md_single_element_ok(id) || !tdxm_md_find(t, n, id, &i, &k))
		return TDX_METADATA_FIELD_ID_INCORRECT;
	c->regs->gpr[TDXH_R8] = tdxm_md_element(&t[i], k);
	if (next)
		c->regs->gpr[TDXH_RDX] = tdxm_md_next_element(t, n, i, k);
	return TDX_SUCCESS;
}

uint64_t tdxm_md_write(struct tdxh_leaf_call *c, struct tdxm_field *t, unsigned n, uint64_t id,
		       uint64_t value, uint64_t mask)
{
	uint64_t combined, forbidden, old, *slot;
	struct tdxm_field *f;
	unsigned k;

	if (!tdxm_md_single_element_ok(id) || !(f = tdxm_md_find(t, n, id, NULL, &k)))
		return TDX_METADATA_FIELD_ID_INCORRECT;
	slot = element_slot(f, k);
	old = *slot;
	/* The bits both the field and the caller's mask allow; none: not writable. */
	combined = f->writable & mask;
	if (!combined)
		return TDX_METADATA_FIELD_NOT_WRITABLE;
	/* Bits the caller's mask names but the field does not allow must keep their value. */
	forbidden = mask & ~f->writable;
	if ((old ^ value) & forbidden)
		return TDX_METADATA_FIELD_VALUE_NOT_VALID;
	*slot = (old & ~combined) | (value & combined);
	c->regs->gpr[TDXH_R8] = old;
	return TDX_SUCCESS;
}

int tdxm_md_add_sys_field(struct tdxm *m, uint64_t id, unsigned elements, const uint64_t *values)
{
	struct tdxm_metadata *md = &m->md;
	struct tdxm_field *f;

	if (md->nr_sys == TDXM_MAX_SYS_FIELDS || elements == 0 || elements > TDXM_MAX_ELEMENTS)
		return -1;
	f = &md->sys[md->nr_sys++];
	*f = (struct tdxm_field){ .id = id, .elements = elements };
	for (unsigned k = 0; k < elements; k++)
		*element_slot(f, k) = values[k];
	return 0;
}
