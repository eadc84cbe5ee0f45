/* SPDX-License-Identifier: MIT */
/* The L2 attributes of private pages that TDG.MEM.PAGE.ATTR.RD/WR share (m->attrs). */
#include "module.h"

uint64_t *tdxm_attr_slot(struct tdxm *m, uint64_t gpa, bool create)
{
	struct tdxm_page_attrs *a = &m->attrs;

	for (unsigned i = 0; i < a->nr; i++)
		if (a->page[i].gpa == gpa)
			return &a->page[i].attr;
	if (!create || a->nr == TDXM_MAX_ATTR_PAGES)
		return NULL;
	a->page[a->nr].gpa = gpa;
	a->page[a->nr].attr = 0;
	return &a->page[a->nr++].attr;
}
