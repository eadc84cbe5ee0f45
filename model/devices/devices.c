/* SPDX-License-Identifier: MIT */
/*
 * The device plug-ins a model starts with: COM1, the scratch port, 4 KiB of
 * MMIO RAM at TDXH_MMIO_SCRATCH_GPA, the default quote service.  Their
 * state lives in struct tdxm (com1, scratch, mmio_ram), reached through
 * each device's ctx.
 */
#include "devices.h"

#include <string.h>

void tdxm_set_quote_service(struct tdxm *m, const struct tdxh_quote_service *svc)
{
	if (svc && svc->serve)
		m->vmm.quote.service = *svc;
	else
		m->vmm.quote.service = tdxm_default_quote_service(&m->vmm.quote);
}

void tdxm_devices_defaults(struct tdxm *m)
{
	struct tdx_model_port_device com1 = tdxm_com1_device(&m->com1);
	struct tdx_model_port_device scratch = tdxm_scratch_port_device(&m->scratch);
	struct tdx_model_mmio_device ram =
		tdxm_mmio_ram_device(TDXH_MMIO_SCRATCH_GPA, m->mmio_ram, sizeof(m->mmio_ram));

	memset(&m->devices, 0, sizeof(m->devices));
	m->com1.len = 0;
	m->com1.text[0] = '\0';
	memset(&m->scratch, 0, sizeof(m->scratch));
	memset(m->mmio_ram, 0, sizeof(m->mmio_ram));
	tdxm_add_port_device(m, &com1);
	tdxm_add_port_device(m, &scratch);
	tdxm_add_mmio_device(m, &ram);
	tdxm_set_quote_service(m, NULL);
}
