/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VMCALL<SetupEventNotifyInterrupt> (GHCI): R12 the vector, 32..255;
 * kept in vmm.event_notify_vector with the calling vCPU, whose x2APIC then
 * gets the vector once per completed GetQuote (as QEMU injects it into the
 * vCPU that registered it).
 */
#include "../core/internal.h"

#include <tdx/status.h>
#include <tdx/tdvmcall.h>

void tdxm_setup_event_notify_interrupt(struct tdxh_vmcall *c)
{
	uint64_t vector = tdxh_vmm_read(c, TDXH_R12);

	if (vector < TDVMCALL_EVENT_NOTIFY_VECTOR_MIN || vector > TDVMCALL_EVENT_NOTIFY_VECTOR_MAX) {
		tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
		return;
	}
	c->m->vmm.event_notify_vector = vector;
	c->m->vmm.event_notify_vcpu = c->vcpu;
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
}
