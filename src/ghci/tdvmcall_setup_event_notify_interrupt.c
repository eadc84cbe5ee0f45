/* SPDX-License-Identifier: MIT */
#include "module/args.h"
#include <tdx/status.h>
#include <tdx/tdvmcall.h>

/* GHCI SetupEventNotifyInterrupt (0x10004): R12 vector 32..255. */
uint64_t tdvmcall_setup_event_notify_interrupt(uint64_t vector)
{
	struct tdx_module_args args;

	tdx_vmcall_args(&args, TDVMCALL_SETUP_EVENT_NOTIFY_INTERRUPT);
	args.r12 = vector;

	if (vector < TDVMCALL_EVENT_NOTIFY_VECTOR_MIN || vector > TDVMCALL_EVENT_NOTIFY_VECTOR_MAX)
		return TDVMCALL_STATUS_INVALID_OPERAND;
	return __tdx_hypercall(&args);
}
