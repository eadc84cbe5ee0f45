/* SPDX-License-Identifier: MIT */
#include <tdx/tdvmcall.h>
#include "fatal_args.h"

/*
 * GHCI ReportFatalError (0x10003): R12 error code (bit 63: R13 valid, bits
 * 15:0 zero), R13 shared GPA, message in R14, R15, RBX, RDI, RSI, R8, R9, RDX.
 */
uint64_t tdvmcall_report_fatal_error(uint64_t error_code, uint64_t shared_gpa,
				     const char *message)
{
	struct tdx_module_args args;

	tdx__fatal_args(&args, error_code, shared_gpa, message);
	return __tdx_hypercall(&args);
}
