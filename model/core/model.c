/* SPDX-License-Identifier: MIT */
/* A model's life: create, reset, destroy. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

void tdxm_init(struct tdxm *m)
{
	memset(m, 0, sizeof(*m));
	pthread_mutex_init(&m->lock, NULL);
	pthread_mutex_init(&m->mem.lock, NULL);
	tdxm_reset(m);
}

void tdxm_fini(struct tdxm *m)
{
	tdxm_mem_release(m);
	pthread_mutex_destroy(&m->mem.lock);
	pthread_mutex_destroy(&m->lock);
}

struct tdxm *tdxm_create(void)
{
	struct tdxm *m = malloc(sizeof(*m));

	if (m)
		tdxm_init(m);
	return m;
}

void tdxm_destroy(struct tdxm *m)
{
	if (!m)
		return;
	tdxm_fini(m);
	free(m);
}

/*
 * Everything back as a TD starts; the back-end's hooks (stop_hook,
 * guest_access_*) stay.  The records are not cleared, only forgotten.
 */
void tdxm_reset(struct tdxm *m)
{
	pthread_mutex_lock(&m->lock);
	memset(&m->state, 0, sizeof(m->state));
	m->state.no_rbp_mod = true;
	memset(m->leaf_model, 0, sizeof(m->leaf_model));
	memset(m->leaf_max_version, 0, sizeof(m->leaf_max_version));
	memset(m->vmcall_model, 0, sizeof(m->vmcall_model));
	m->nr_vmcall_models = 0;
	m->vendor_model = NULL;
	memset(m->injection, 0, sizeof(m->injection));
	m->nr_background = 0;
	m->stop_requested = false;
	m->stop_code = 0;
	tdxm_defaults(m);
	m->initialized = true;
	pthread_mutex_unlock(&m->lock);
	tdxm_mem_defaults(m);	/* its own lock */
}
