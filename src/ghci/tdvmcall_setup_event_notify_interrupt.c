/* SPDX-License-Identifier: MIT */
#include <tdx/error.h>
#include <tdx/tdvmcall.h>
#include "vmcall_args.h"

/* GHCI SetupEventNotifyInterrupt (0x10004): R12 vector 32..255. */
uint64_t tdvmcall_setup_event_notify_interrupt(uint64_t vector)
{
	struct tdx__vmcall_regs6 args = TDX_VMCALL_ARGS(TDVMCALL_SETUP_EVENT_NOTIFY_INTERRUPT,
		.r12 = vector);

	if (vector < TDVMCALL_EVENT_NOTIFY_VECTOR_MIN || vector > TDVMCALL_EVENT_NOTIFY_VECTOR_MAX)
		return TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12;
	return __tdx_hypercall6(&args);
}
