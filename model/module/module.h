/* SPDX-License-Identifier: MIT */
/* Shared by the leaf models of one family (metadata, page attributes, L2 VMs). */
#ifndef TDXM_MODULE_H
#define TDXM_MODULE_H

#include "../core/internal.h"

/* ---- metadata (metadata.c) -------------------------------------------------------- */

/* Bits 54:52 of a field id: the context code, ignored on input as the module does. */
#define TDXM_CONTEXT_CODE_MASK (7ull << 52)

/* The null field id (-1, context bits aside): "start an enumeration". */
bool tdxm_md_is_null_id(uint64_t id);
/* The field `id` of table t[0..n), its index in *index (may be NULL); NULL if none. */
struct tdxm_field *tdxm_md_find(struct tdxm_field *t, unsigned n, uint64_t id, unsigned *index);
/* The null field id answered: RDX = the table's first id, R8 = 0, FIRST_FIELD_ID_IN_CONTEXT. */
void tdxm_md_first_field(struct tdxh_leaf_call *c, const struct tdxm_field *t, unsigned n);
/* The calling vCPU's field with the id in RDX (md.vp), or NULL. */
struct tdxm_field *tdxm_md_vp_field(struct tdxh_leaf_call *c);
/* Masked write as the module does it: R8 value, R9 mask -> R8 old value. */
void tdxm_md_write(struct tdxh_leaf_call *c, struct tdxm_field *f);

/* ---- page attributes (mem_page_attr.c) -------------------------------------------- */

/* The attribute word of private page `gpa`; create: add it (NULL when the table is full). */
uint64_t *tdxm_attr_slot(struct tdxm *m, uint64_t gpa, bool create);

/* ---- TD partitioning (vp_enter.c) ------------------------------------------------------ */

/* RCX bits 53:52 name an L2 VM (1..num_l2_vms) and no bit of `reserved` is set. */
bool tdxm_l2_vm_ok(const struct tdxm *m, uint64_t rcx, uint64_t reserved);

#endif
