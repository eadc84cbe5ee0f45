/* SPDX-License-Identifier: MIT */
/* tdx_report_fatal_error: GHCI ReportFatalError (0x10003), then halt forever. */
#include <tdx/addr.h>
#include <tdx/fatal.h>
#include <tdx/guest.h>
#include <tdx/tdvmcall.h>

#include "attest/attest_util.h"

#define PAGE_SIZE 4096u
#define R12_GPA_VALID (1ull << 63)
#define MESSAGE_REGS_SIZE 64

/*
 * Copy the message, NUL-terminated, into the shared page without running past
 * its 4K page; returns the page's shared GPA, or 0 if it cannot have one.
 */
static uint64_t put_shared_message(const char *message, void *shared_page)
{
	uint64_t gpa = tdx_va_to_gpa(shared_page), shared_bit = tdx_shared_mask();
	size_t room = PAGE_SIZE - (size_t)(gpa & (PAGE_SIZE - 1));
	volatile char *dst = shared_page;
	size_t i = 0;

	if (!shared_bit)
		return 0;
	for (; message && i + 1 < room && message[i]; i++)
		dst[i] = message[i];
	dst[i] = '\0';
	return gpa | shared_bit;
}

void tdx_report_fatal_error(uint64_t code, const char *message, void *shared_page)
{
	char regs[MESSAGE_REGS_SIZE];
	uint64_t shared_gpa = 0;
	size_t i = 0;

	/* The first 64 bytes, zero-padded: the VMM sees no stale stack bytes. */
	tdx_bytes_wipe(regs, sizeof(regs));
	for (; message && i < MESSAGE_REGS_SIZE && message[i]; i++)
		regs[i] = message[i];

	if (shared_page)
		shared_gpa = put_shared_message(message, shared_page);
	code &= ~(R12_GPA_VALID | 0xFFFFull);	/* the wrapper sets bit 63 for shared_gpa */
	(void)tdvmcall_report_fatal_error(code, shared_gpa, message ? regs : NULL);

	/* The VMM resumed a TD that declared itself dead: stay dead. */
	for (;;)
		(void)tdx_halt();
}
