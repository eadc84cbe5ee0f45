/* SPDX-License-Identifier: MIT */
#include <tdx/tdvmcall.h>

/*
 * 8 message bytes from p, little-endian.  Byte by byte on purpose: a 64-byte
 * struct copy could become a call to memcpy, which a freestanding guest lacks.
 */
static uint64_t le64(const char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = (v << 8) | (unsigned char)p[i];
	return v;
}

/*
 * GHCI ReportFatalError (0x10003): R12 error code (bit 63: R13 valid, bits
 * 15:0 zero), R13 shared GPA, message in R14, R15, RBX, RDI, RSI, R8, R9, RDX.
 */
uint64_t tdvmcall_report_fatal_error(uint64_t error_code, uint64_t shared_gpa,
				     const char message[64])
{
	struct tdx_module_args args = {
		.r10 = TDVMCALL_STANDARD,
		.r11 = TDVMCALL_REPORT_FATAL_ERROR,
		.r12 = error_code & ~(TDVMCALL_FATAL_ERROR_GPA_VALID | TDVMCALL_FATAL_ERROR_RESERVED),
	};

	if (shared_gpa) {
		args.r12 |= TDVMCALL_FATAL_ERROR_GPA_VALID;
		args.r13 = shared_gpa;
	}
	if (message) {
		args.r14 = le64(message + 0);
		args.r15 = le64(message + 8);
		args.rbx = le64(message + 16);
		args.rdi = le64(message + 24);
		args.rsi = le64(message + 32);
		args.r8 = le64(message + 40);
		args.r9 = le64(message + 48);
		args.rdx = le64(message + 56);
	}
	return __tdx_hypercall(&args);
}
