/* SPDX-License-Identifier: MIT */
#include <tdx/tdvmcall.h>
#include "vmcall_args.h"

/*
 * The message as 8 little-endian words (zeroed by the caller), up to its
 * first NUL (at most 64 bytes), zero after it: byte by byte, so a short
 * string is never read past its end.
 */
static void pack_message(const char *message, uint64_t words[8])
{
	int end = 0;

	for (int i = 0; i < TDVMCALL_FATAL_ERROR_MESSAGE_SIZE && !end; i++) {
		unsigned char c = (unsigned char)message[i];

		if (c == 0)
			end = 1;
		else
			words[i / 8] |= (uint64_t)c << (8 * (i % 8));
	}
}

/*
 * GHCI ReportFatalError (0x10003): R12 error code (bit 63: R13 valid, bits
 * 15:0 zero), R13 shared GPA, message in R14, R15, RBX, RDI, RSI, R8, R9, RDX.
 */
uint64_t tdvmcall_report_fatal_error(uint64_t error_code, uint64_t shared_gpa,
				     const char *message)
{
	struct tdx_module_args args = TDX_VMCALL_ARGS(TDVMCALL_REPORT_FATAL_ERROR,

		.r12 = error_code & ~(TDVMCALL_FATAL_ERROR_GPA_VALID | TDVMCALL_FATAL_ERROR_RESERVED));

	if (shared_gpa) {
		args.r12 |= TDVMCALL_FATAL_ERROR_GPA_VALID;
		args.r13 = shared_gpa;
	}
	if (message) {
		uint64_t w[8] = { 0 };

		pack_message(message, w);
		args.r14 = w[0];
		args.r15 = w[1];
		args.rbx = w[2];
		args.rdi = w[3];
		args.rsi = w[4];
		args.r8 = w[5];
		args.r9 = w[6];
		args.rdx = w[7];
	}
	return __tdx_hypercall(&args);
}
