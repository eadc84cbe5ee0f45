/* SPDX-License-Identifier: MIT */
/*
 * The default (weak) #VE fatal hook: tell the VMM why with a readable
 * 64-byte message through the library's one fatal path,
 * tdx_report_fatal_error() (TDG.VP.VMCALL<ReportFatalError>, then halt).
 */
#include <stddef.h>
#include "ghci/fatal_args.h"
#include "ve_internal.h"

/*
 * The message is written straight into the registers it travels in (no
 * 64-byte buffer of its own: the #VE path's stack budget): 64 bytes,
 * NUL-terminated only when shorter (GHCI).  Each writer appends at byte
 * `len` and returns the new length.
 */
static __attribute__((noinline)) unsigned put_str(struct tdx_module_args *args, unsigned len,
						  const char *s)
{
	while (*s && len < TDVMCALL_FATAL_ERROR_MESSAGE_SIZE)
		*tdx__fatal_message_byte(args, len++) = *s++;
	return len;
}

/* A digit of base 10 or 16. */
static char digit(unsigned d)
{
	return (char)(d < 10 ? '0' + d : 'a' + d - 10);
}

/* v in `base`, most significant digit first, without a buffer of digits. */
static __attribute__((noinline)) unsigned put_num(struct tdx_module_args *args, unsigned len,
						  uint64_t v, unsigned base)
{
	uint64_t div = 1;

	while (v / div >= base)
		div *= base;
	for (; div && len < TDVMCALL_FATAL_ERROR_MESSAGE_SIZE; div /= base) {
		uint64_t d = v / div;

		*tdx__fatal_message_byte(args, len++) = digit((unsigned)d);
		v -= d * div;
	}
	return len;
}

/* No exit reason: the VE info could not be read. */
#define NO_EXIT (~0ull)

/*
 * "#VE <reason>; exit <decimal> rip <hex> st <hex>", most useful first.
 * Not inlined, and given values rather than the frame and VE info: the
 * hook's own frame then holds the 104 bytes of registers and the args
 * pointer, and this one four registers (the #VE path's stack budget).
 */
static __attribute__((noinline)) void put_message(struct tdx_module_args *args, uint64_t status,
						  uint64_t exit, uint64_t rip, uint64_t detail)
{
	const char *reason = tdx_strerror(status);
	unsigned len = put_str(args, 0, "#VE ");

	len = put_str(args, len, reason);
	len = put_str(args, len, ";");
	if (exit != NO_EXIT) {
		len = put_str(args, len, " exit ");
		len = put_num(args, len, exit, 10);
	}
	len = put_str(args, len, " rip ");
	len = put_num(args, len, rip, 16);
	if (detail) {
		len = put_str(args, len, " st ");
		(void)put_num(args, len, detail, 16);
	}
}

__attribute__((weak))
void tdx_ve_fatal(struct tdx_ve_frame *frame, const struct tdx_ve_info *ve,
		  uint64_t status, uint64_t detail)
{
	struct tdx_module_args args;

	/* Error code 0, no shared-GPA string, as Linux sends; the message below. */
	tdx__fatal_args(&args, 0, 0, NULL);
	put_message(&args, status, ve ? ve->exit_reason : NO_EXIT, frame->rip, detail);
	tdx__report_fatal(&args);
}
