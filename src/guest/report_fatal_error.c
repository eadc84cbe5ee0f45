/* SPDX-License-Identifier: MIT */
/*
 * tdx_report_fatal_error: GHCI ReportFatalError (0x10003), then halt
 * forever.  The library's one fatal path: the default #VE fatal hook
 * (src/ve/fatal.c) ends here too.
 */
#include <stddef.h>
#include <tdx/addr.h>
#include <tdx/fatal.h>
#include <tdx/guest.h>
#include <tdx/module.h>
#include <tdx/tdvmcall.h>

/*
 * Copy the message, NUL-terminated, into the shared page without running past
 * its 4K page; returns the page's shared GPA, or 0 if it cannot have one.
 */
static uint64_t put_shared_message(const char *message, void *shared_page)
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

void tdx_report_fatal_error(uint64_t code, const char *message, void *shared_page)
{
	uint64_t shared_gpa = 0;

	if (shared_page)
		shared_gpa = put_shared_message(message, shared_page);
	/*
	 * The wrapper clears bits 63 and 15:0 of the code (it sets bit 63 for
	 * shared_gpa) and sends the message's first 64 bytes, zero-padded: the
	 * VMM sees no stale stack bytes.
	 */
	(void)tdvmcall_report_fatal_error(code, shared_gpa, message);

	/* The VMM resumed a TD that declared itself dead: stay dead. */
	for (;;)
		(void)tdvmcall_hlt(true);
}
