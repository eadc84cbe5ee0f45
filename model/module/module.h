/* SPDX-License-Identifier: MIT */
/* Shared by the leaf models of one family (metadata, page attributes, L2 VMs). */
#ifndef TDXM_MODULE_H
#define TDXM_MODULE_H

#include "../core/internal.h"

/* ---- metadata (metadata.c) -------------------------------------------------------- */

/* Bits 54:52 of a field id: the context code, ignored on input as the module does. */
#define TDXM_CONTEXT_CODE_MASK (7ull << 52)
/* Reserved bits of a field id: 31:24, 49:47, 55, 62. */
#define TDXM_MD_RESERVED_MASK (0xFF000000ull | (7ull << 47) | (1ull << 55) | (1ull << 62))
/* LAST_ELEMENT_IN_FIELD (37:34) and LAST_FIELD_IN_SEQUENCE (46:38): list headers only. */
#define TDXM_MD_LAST_ELEMENT_MASK (0xFull << 34)
#define TDXM_MD_LAST_FIELD_MASK (0x1FFull << 38)
#define TDXM_MD_WRITE_MASK_VALID (1ull << 51)

/* The null field id (-1, context bits aside): "start an enumeration". */
bool tdxm_md_is_null_id(uint64_t id);
/* md_check_as_single_element_id: no reserved, last-element or last-field bits. */
bool tdxm_md_single_element_ok(uint64_t id);
/* Elements of a field (at least 1), element k's value, element k's id. */
unsigned tdxm_md_elements(const struct tdxm_field *f);
uint64_t tdxm_md_element(const struct tdxm_field *f, unsigned k);
uint64_t tdxm_md_element_id(const struct tdxm_field *f, unsigned k);
/*
 * The field of t[0..n) holding element id `id` (matched on class and field
 * code, as md_find_entry_idx does); its index and the element in *index,
 * *element (either may be NULL); NULL if none.
 */
struct tdxm_field *tdxm_md_find(struct tdxm_field *t, unsigned n, uint64_t id, unsigned *index,
				unsigned *element);
/* The id of the element after element `element` of t[index]: -1 after the last. */
uint64_t tdxm_md_next_element(const struct tdxm_field *t, unsigned n, unsigned index, unsigned element);
/* The module's default outputs, set before any check: R8 = 0, and RDX = -1 when `rdx`. */
void tdxm_md_defaults(struct tdxh_leaf_call *c, bool rdx);
/* The null field id answered: RDX = the table's first id, FIRST_FIELD_ID_IN_CONTEXT. */
void tdxm_md_first_field(struct tdxh_leaf_call *c, const struct tdxm_field *t, unsigned n);
/*
 * The leaves take their inputs (RDX field id; R8 value, R9 mask) before
 * tdxm_md_defaults() overwrites them.
 * Read element `id`: R8 = its value, and when `next` RDX = the next element's id.  Status.
 */
uint64_t tdxm_md_read(struct tdxh_leaf_call *c, struct tdxm_field *t, unsigned n, uint64_t id, bool next);
/* Masked write of element `id`: the bits of `mask` from `value` -> R8 the old value.  Status. */
uint64_t tdxm_md_write(struct tdxh_leaf_call *c, struct tdxm_field *t, unsigned n, uint64_t id,
		       uint64_t value, uint64_t mask);

/* ---- page attributes (mem_page_attr.c) -------------------------------------------- */

/* The attribute word of private page `gpa`; create: add it (NULL when the table is full). */
uint64_t *tdxm_attr_slot(struct tdxm *m, uint64_t gpa, bool create);

/* ---- TD partitioning (vp_enter.c) ------------------------------------------------------ */

/* RCX bits 53:52 name an L2 VM (1..num_l2_vms) and no bit of `reserved` is set. */
bool tdxm_l2_vm_ok(const struct tdxm *m, uint64_t rcx, uint64_t reserved);

#endif
