/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VMCALL<Service> (GHCI): R12 command GPA, R13 response GPA (both
 * shared, 4K-aligned), R14 notification vector (0, or 32..255), R15 timeout.
 * Misaligned: ALIGN_ERROR; otherwise wrong: INVALID_OPERAND.  The inputs are
 * kept in vmm.service_in.
 */
#include "../core/internal.h"

#include <tdx/status.h>
#include <tdx/tdvmcall.h>

void tdxm_service(struct tdxh_vmcall *c)
{
	struct tdxm_vmm *v = &c->m->vmm;
	uint64_t cmd = tdxh_vmm_read(c, TDXH_R12), resp = tdxh_vmm_read(c, TDXH_R13);
	uint64_t vector = tdxh_vmm_read(c, TDXH_R14), shared = tdxm_shared_bit(c->m);

	if ((cmd | resp) & 0xFFF) {
		tdxh_vmm_status(c, TDVMCALL_STATUS_ALIGN_ERROR);
		return;
	}
	if (!(cmd & shared) || !(resp & shared) ||
	    (vector != 0 && (vector < TDVMCALL_EVENT_NOTIFY_VECTOR_MIN ||
			     vector > TDVMCALL_EVENT_NOTIFY_VECTOR_MAX))) {
		tdxh_vmm_status(c, TDVMCALL_STATUS_INVALID_OPERAND);
		return;
	}
	v->service_calls++;
	v->service_in[0] = cmd;
	v->service_in[1] = resp;
	v->service_in[2] = vector;
	v->service_in[3] = tdxh_vmm_read(c, TDXH_R15);
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
}
