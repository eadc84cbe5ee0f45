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

/* v in `base`, most significant digit first, without a buffer of digits. */
static __attribute__((noinline)) unsigned put_num(struct tdx_module_args *args, unsigned len,
						  uint64_t v, unsigned base)
{
	uint64_t div = 1;

	while (v / div >= base)
		div *= base;
	for (; div && len < TDVMCALL_FATAL_ERROR_MESSAGE_SIZE; div /= base)
		*tdx__fatal_message_byte(args, len++) = "0123456789abcdef"[v / div % base];
	return len;
}

__attribute__((weak))
void tdx_ve_fatal(struct tdx_ve_frame *frame, const struct tdx_ve_info *ve,
		  uint64_t status, uint64_t detail)
{
	struct tdx_module_args args;
	unsigned len;

	/* Error code 0, no shared-GPA string, as Linux sends; the message below. */
	tdx__fatal_args(&args, 0, 0, NULL);
	/* "#VE <reason>; exit <decimal> rip <hex> st <hex>", most useful first. */
	len = put_str(&args, 0, "#VE ");
	len = put_str(&args, len, tdx_strerror(status));
	len = put_str(&args, len, ";");
	if (ve) {
		len = put_str(&args, len, " exit ");
		len = put_num(&args, len, ve->exit_reason, 10);
	}
	len = put_str(&args, len, " rip ");
	len = put_num(&args, len, frame->rip, 16);
	if (detail) {
		len = put_str(&args, len, " st ");
		(void)put_num(&args, len, detail, 16);
	}
	tdx__report_fatal(&args);
}
