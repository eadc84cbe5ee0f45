/* SPDX-License-Identifier: MIT */
/* Which model answers which leaf and sub-function; the device plug-ins; injections. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void tdxm_die(const char *what)
{
	char buf[256];
	int n = snprintf(buf, sizeof(buf), "tdx model: %s\n", what);

	if (n > 0)
		(void)!write(2, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
	abort();
}

void tdxm_set_leaf_model(struct tdxm *m, unsigned leaf, tdxh_leaf_fn fn)
{
	if (leaf >= TDXM_MAX_MODELS)
		tdxm_die("leaf number out of range");
	m->leaf_model[leaf] = fn;
}

void tdxm_set_leaf_max_version(struct tdxm *m, unsigned leaf, unsigned version)
{
	if (leaf >= TDXM_MAX_MODELS)
		tdxm_die("leaf number out of range");
	m->leaf_max_version[leaf] = version;
}

void tdxm_set_vmcall_model(struct tdxm *m, uint64_t subfn, tdxh_vmcall_fn fn)
{
	for (unsigned i = 0; i < m->nr_vmcall_models; i++) {
		if (m->vmcall_model[i].subfn == subfn) {
			m->vmcall_model[i].fn = fn;
			m->vmcall_model[i].off = false;
			return;
		}
	}
	if (m->nr_vmcall_models == TDXM_MAX_MODELS)
		tdxm_die("too many TDG.VP.VMCALL models");
	m->vmcall_model[m->nr_vmcall_models].subfn = subfn;
	m->vmcall_model[m->nr_vmcall_models].fn = fn;
	m->vmcall_model[m->nr_vmcall_models].off = false;
	m->nr_vmcall_models++;
}

int tdxm_set_vmcall_supported(struct tdxm *m, uint64_t subfn, bool supported)
{
	for (unsigned i = 0; i < m->nr_vmcall_models; i++) {
		if (m->vmcall_model[i].subfn == subfn && m->vmcall_model[i].fn) {
			m->vmcall_model[i].off = !supported;
			return 0;
		}
	}
	return -1;
}

bool tdxm_vmcall_supported(const struct tdxm *m, uint64_t subfn)
{
	for (unsigned i = 0; i < m->nr_vmcall_models; i++)
		if (m->vmcall_model[i].subfn == subfn)
			return m->vmcall_model[i].fn && !m->vmcall_model[i].off;
	return false;
}

void tdxm_set_vendor_vmcall_model(struct tdxm *m, tdxh_vmcall_fn fn)
{
	m->vendor_model = fn;
}

int tdxm_add_port_device(struct tdxm *m, const struct tdx_model_port_device *dev)
{
	if (m->devices.nr_port == TDXM_MAX_PORT_DEVICES)
		return -1;
	m->devices.port[m->devices.nr_port++] = *dev;
	return 0;
}

const struct tdx_model_port_device *tdxm_port_device_at(const struct tdxm *m, unsigned i)
{
	return i < m->devices.nr_port ? &m->devices.port[i] : NULL;
}

int tdxm_add_mmio_device(struct tdxm *m, const struct tdx_model_mmio_device *dev)
{
	if (m->devices.nr_mmio == TDXM_MAX_MMIO_DEVICES)
		return -1;
	m->devices.mmio[m->devices.nr_mmio++] = *dev;
	return 0;
}

const struct tdx_model_mmio_device *tdxm_mmio_device_at(const struct tdxm *m, unsigned i)
{
	return i < m->devices.nr_mmio ? &m->devices.mmio[i] : NULL;
}

int tdxm_add_background(struct tdxm *m, void (*fn)(struct tdxm *m))
{
	if (m->nr_background == TDXM_MAX_BACKGROUND)
		return -1;
	m->background[m->nr_background++] = fn;
	return 0;
}

int tdxm_inject(struct tdxm *m, unsigned leaf, uint64_t subfn, uint64_t status, unsigned count)
{
	int ret = -1;

	pthread_mutex_lock(&m->lock);
	for (unsigned i = 0; i < TDXM_MAX_INJECTIONS; i++) {
		if (m->injection[i].count == 0) {
			m->injection[i].leaf = leaf;
			m->injection[i].subfn = leaf == 0 ? subfn : TDXH_NO_SUBFN;
			m->injection[i].status = status;
			m->injection[i].count = count;
			ret = 0;
			break;
		}
	}
	pthread_mutex_unlock(&m->lock);
	return ret;
}
