/* SPDX-License-Identifier: MIT */
/* The registers of GHCI ReportFatalError, built in place; not a public header. */
#ifndef TDX_SRC_GHCI_FATAL_ARGS_H
#define TDX_SRC_GHCI_FATAL_ARGS_H

#include <stddef.h>
#include <tdx/tdvmcall.h>
#include "vmcall_args.h"

/*
 * Byte i (0..63) of the message: the message registers in order, R14,
 * R15, RBX, RDI, RSI, R8, R9, RDX, 8 bytes each, little-endian (x86: byte
 * i % 8 of the word is at that offset in memory).
 */
static inline char *tdx__fatal_message_byte(struct tdx_module_args *args, unsigned i)
{
	static const uint8_t message_reg[8] = {
		offsetof(struct tdx_module_args, r14), offsetof(struct tdx_module_args, r15),
		offsetof(struct tdx_module_args, rbx), offsetof(struct tdx_module_args, rdi),
		offsetof(struct tdx_module_args, rsi), offsetof(struct tdx_module_args, r8),
		offsetof(struct tdx_module_args, r9), offsetof(struct tdx_module_args, rdx),
	};

	return (char *)args + message_reg[i / 8 % 8] + i % 8;
}

/*
 * GHCI ReportFatalError (0x10003) into *args: R12 = error_code with bits 63
 * and 15:0 cleared, bit 63 set and R13 = shared_gpa when it is not 0; the
 * message (NULL: none) up to its first NUL or its 64th byte, byte by byte so
 * a short string is never read past its end, zeros after; every other
 * register 0.  Shared by tdvmcall_report_fatal_error() and the library's
 * one fatal path (tdx__report_fatal() below).
 */
static inline void tdx__fatal_args(struct tdx_module_args *args, uint64_t error_code,
				   uint64_t shared_gpa, const char *message)
{
	*args = (struct tdx_module_args)TDX_VMCALL_ARGS(TDVMCALL_REPORT_FATAL_ERROR,
		.r12 = error_code & ~(TDVMCALL_FATAL_ERROR_GPA_VALID | TDVMCALL_FATAL_ERROR_RESERVED));
	if (shared_gpa) {
		args->r12 |= TDVMCALL_FATAL_ERROR_GPA_VALID;
		args->r13 = shared_gpa;
	}
	for (unsigned i = 0; message && i < TDVMCALL_FATAL_ERROR_MESSAGE_SIZE && message[i]; i++)
		*tdx__fatal_message_byte(args, i) = message[i];
}

/*
 * *args = TDG.VP.VMCALL<Instruction.HLT> with interrupts blocked, every
 * other register 0.  Out of line (src/guest/report_fatal_error.c) so that
 * tdx__report_fatal() keeps nothing but the args pointer across its
 * TDVMCALLs.
 */
void tdx__hlt_args(struct tdx_module_args *args);

/*
 * The library's one fatal path: send the ReportFatalError in *args (from
 * tdx__fatal_args()), then halt forever - Instruction.HLT in *args again.
 * Always inlined into the function whose frame holds *args
 * (tdx_report_fatal_error(), the default #VE fatal hook): no frame of its
 * own between that one and the TDVMCALL (the #VE path's stack budget).
 */
static inline __attribute__((always_inline, noreturn))
void tdx__report_fatal(struct tdx_module_args *args)
{
	(void)__tdx_hypercall(args);

	/* The VMM resumed a TD that declared itself dead: stay dead. */
	for (;;) {
		tdx__hlt_args(args);
		(void)__tdx_hypercall(args);
	}
}

#endif /* TDX_SRC_GHCI_FATAL_ARGS_H */
