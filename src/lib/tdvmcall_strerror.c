/* SPDX-License-Identifier: MIT */
/* Names of GHCI TDVMCALL statuses (R10). */
#include <tdx/error.h>

const char *tdvmcall_strerror(uint64_t status)
{
	switch (status) {
	case TDVMCALL_STATUS_SUCCESS:
		return "TDVMCALL_STATUS_SUCCESS";
	case TDVMCALL_STATUS_RETRY:
		return "TDVMCALL_STATUS_RETRY";
	case TDVMCALL_STATUS_INVALID_OPERAND:
		return "TDVMCALL_STATUS_INVALID_OPERAND";
	case TDVMCALL_STATUS_GPA_INUSE:
		return "TDVMCALL_STATUS_GPA_INUSE";
	case TDVMCALL_STATUS_ALIGN_ERROR:
		return "TDVMCALL_STATUS_ALIGN_ERROR";
	case TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED:
		return "TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED";
	default:
		return "TDVMCALL status (unknown)";
	}
}
