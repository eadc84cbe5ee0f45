/* SPDX-License-Identifier: MIT */
/*
 * TDG.SYS.RDALL (leaf 12): RDX 4K-aligned private GPA of the list, R8 the
 * first field id (-1: from the first field) -> R8 the next field id (Intel
 * TDX Module ABI spec, TDG.SYS.RDALL leaf table), after tdx-module 1.5's
 * tdg_sys_rdall.c and md_dump_list (metadata_generic.c):
 *
 *   list header   u16 list size in bytes (header included), u16 number of
 *                 sequences, u32 0;
 *   sequences     each a header - the id of its first field with
 *                 LAST_ELEMENT_IN_FIELD (37:34) = elements per field - 1,
 *                 LAST_FIELD_IN_SEQUENCE (46:38) = fields - 1, context code
 *                 and WRITE_MASK_VALID 0 - then every element of every
 *                 field, 8 bytes each.  A sequence runs over fields whose
 *                 field codes follow on, of one class, one element count
 *                 and one element size.
 *
 * Only whole fields are written.  When the next one does not fit in the 4
 * KiB page, the answer is TDX_METADATA_LIST_OVERFLOW with R8 = the field to
 * continue from; R8 = -1 with TDX_SUCCESS when the context is done.  The
 * first field id must be a field's first element; R8 = -1 after any other
 * failure.  Only when SYS.RD is available.
 */
#include "module.h"

#include <tdx/metadata.h>
#include <tdx/status.h>

#define LIST_SIZE 4096
#define ID_HEADER_CLEAR (TDXM_CONTEXT_CODE_MASK | TDXM_MD_RESERVED_MASK | TDXM_MD_LAST_ELEMENT_MASK | \
			 TDXM_MD_LAST_FIELD_MASK | TDXM_MD_WRITE_MASK_VALID)

/* Does field b follow field a in one sequence? */
static bool sequential(const struct tdxm_field *a, const struct tdxm_field *b)
{
	unsigned n = tdxm_md_elements(a);

	return ((a->id ^ b->id) & (0x3Full << 56)) == 0 &&
	       (b->id & 0xFFFFFF) == (a->id & 0xFFFFFF) + n && tdxm_md_elements(b) == n &&
	       ((a->id ^ b->id) & (3ull << 32)) == 0;
}

/* Write fields t[*i..] into the list at u64 index `pos` of `room` bytes; returns the u64s written. */
static unsigned dump(const struct tdxm_field *t, unsigned n, unsigned *i, uint64_t *list, unsigned room,
		     unsigned *sequences)
{
	unsigned used = 0;

	while (*i < n && room >= 8 * (1 + tdxm_md_elements(&t[*i]))) {
		const struct tdxm_field *first = &t[*i];
		unsigned elements = tdxm_md_elements(first), fields = 0;
		uint64_t *header = &list[used++];

		room -= 8;
		do {
			for (unsigned k = 0; k < elements; k++)
				list[used++] = tdxm_md_element(&t[*i], k);
			room -= 8 * elements;
			fields++;
			(*i)++;
		} while (*i < n && sequential(&t[*i - 1], &t[*i]) && room >= 8 * elements);
		*header = (first->id & ~ID_HEADER_CLEAR) | ((uint64_t)(elements - 1) << 34) |
			  ((uint64_t)(fields - 1) << 38);
		(*sequences)++;
		if (*i < n && sequential(&t[*i - 1], &t[*i]))
			break;	/* the sequence did not fit: nothing more goes in */
	}
	return used;
}

void tdxm_sys_rdall(struct tdxh_leaf_call *c)
{
	struct tdxm_metadata *md = &c->m->md;
	uint64_t gpa = c->regs->gpr[TDXH_RDX], id = c->regs->gpr[TDXH_R8];
	unsigned i = 0, k = 0, sequences = 0, used;
	uint64_t *list;

	if (!c->m->td.sys_rd_available) {
		tdxm_operand_invalid(c, TDX_OPERAND_ID_RAX, 0);
		return;
	}
	if (!tdxm_gpa_private_ok(c->m, gpa, LIST_SIZE)) {
		c->regs->gpr[TDXH_R8] = TDX_MD_FIELD_ID_NA;
		c->regs->gpr[TDXH_RAX] = TDX_OPERAND_INVALID | TDX_OPERAND_ID_RDX;
		return;
	}
	/*
	 * The list is mapped (check_walk_and_map_guest_side_gpa) before the
	 * field id is looked at (tdx-module 1.5, tdg_sys_rdall.c); a pending
	 * list completes nothing, so no output is written before this.
	 */
	if (!tdxm_mem_operand(c, gpa, LIST_SIZE, true))
		return;
	c->regs->gpr[TDXH_R8] = TDX_MD_FIELD_ID_NA;
	if (tdxm_md_is_null_id(id)) {
		if (md->nr_sys == 0) {
			c->regs->gpr[TDXH_RAX] = TDX_SUCCESS;	/* nothing to list */
			return;
		}
	} else if (!tdxm_md_find(md->sys, md->nr_sys, id, &i, &k) || k != 0 ||
		   ((id ^ md->sys[i].id) & (3ull << 32))) {
		c->regs->gpr[TDXH_RAX] = TDX_METADATA_FIELD_ID_INCORRECT;
		return;
	}
	list = tdxm_gpa_to_host(c->m, gpa);
	used = dump(md->sys, md->nr_sys, &i, list + 1, LIST_SIZE - 8, &sequences);
	list[0] = (uint64_t)(8 + 8 * used) | ((uint64_t)sequences << 16);
	c->regs->gpr[TDXH_R8] = i < md->nr_sys ? md->sys[i].id : TDX_MD_FIELD_ID_NA;
	c->regs->gpr[TDXH_RAX] = i < md->nr_sys ? TDX_METADATA_LIST_OVERFLOW : TDX_SUCCESS;
}
