/* SPDX-License-Identifier: MIT */
/*
 * tdx_report_fatal_error: GHCI ReportFatalError (0x10003), then halt
 * forever.  The library's one fatal path, tdx__report_fatal()
 * (src/ghci/fatal_args.h): the default #VE fatal hook (src/ve/fatal.c)
 * ends there too.
 */
#include <stddef.h>
#include <tdx/addr.h>
#include <tdx/fatal.h>
#include <tdx/guest.h>
#include <tdx/module.h>
#include <tdx/tdvmcall.h>
#include "ghci/fatal_args.h"

/*
 * Copy the message, NUL-terminated, into the shared page without running past
 * its 4K page; returns the page's shared GPA, or 0 if it cannot have one.
 * Not inlined: it looks the shared bit up from a frame of its own, beside
 * the one that holds the registers of the report rather than under it.
 */
static __attribute__((noinline)) uint64_t put_shared_message(const char *message, void *shared_page)
{
	uint64_t gpa = tdx_va_to_gpa(shared_page), shared_bit = tdx_shared_mask();
	size_t room = TDX_MEM_PAGE_4K - (size_t)(gpa & (TDX_MEM_PAGE_4K - 1));
	volatile char *dst = shared_page;
	size_t i = 0;

	if (!shared_bit)
		return 0;
	for (; message && i + 1 < room && message[i]; i++)
		dst[i] = message[i];
	dst[i] = '\0';
	return gpa | shared_bit;
}

void tdx__hlt_args(struct tdx_module_args *args)
{
	*args = (struct tdx_module_args)TDX_VMCALL_ARGS(TDVMCALL_INSTRUCTION_HLT, .r12 = 1);
}

/*
 * The code with bits 63 and 15:0 cleared (bit 63 is set for shared_gpa),
 * the message's first 64 bytes, zero-padded: the VMM sees no stale stack
 * bytes.
 */
static __attribute__((noinline, noreturn)) void report(uint64_t code, uint64_t shared_gpa,
						       const char *message)
{
	struct tdx_module_args args;

	tdx__fatal_args(&args, code, shared_gpa, message);
	tdx__report_fatal(&args);
}

void tdx_report_fatal_error(uint64_t code, const char *message, void *shared_page)
{
	report(code, shared_page ? put_shared_message(message, shared_page) : 0, message);
}
