/* SPDX-License-Identifier: MIT */
/*
 * The default (weak) #VE fatal hook: tell the VMM why with a readable
 * 64-byte message through the library's one fatal path,
 * tdx_report_fatal_error() (TDG.VP.VMCALL<ReportFatalError>, then halt).
 */
#include <stddef.h>
#include <tdx/fatal.h>
#include "ve_internal.h"

struct msg {
	char buf[64];
	unsigned len;
};

/* Append; the message is 64 bytes, NUL-terminated only when shorter (GHCI). */
static void put_str(struct msg *m, const char *s)
{
	while (*s && m->len < sizeof(m->buf))
		m->buf[m->len++] = *s++;
}

static void put_num(struct msg *m, uint64_t v, unsigned base)
{
	char digits[20];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v && n < 20);
	while (n > 0 && m->len < sizeof(m->buf))
		m->buf[m->len++] = digits[--n];
}

__attribute__((weak))
void tdx_ve_fatal(struct tdx_ve_frame *frame, const struct tdx_ve_info *ve,
		  uint64_t status, uint64_t detail)
{
	struct msg m = { .len = 0 };	/* all NUL: the message is padded */

	/* "#VE <reason>; exit <decimal> rip <hex> st <hex>", most useful first. */
	put_str(&m, "#VE ");
	put_str(&m, tdx_strerror(status));
	put_str(&m, ";");
	if (ve) {
		put_str(&m, " exit ");
		put_num(&m, ve->exit_reason, 10);
	}
	put_str(&m, " rip ");
	put_num(&m, frame->rip, 16);
	if (detail) {
		put_str(&m, " st ");
		put_num(&m, detail, 16);
	}
	/* Error code 0, no shared-GPA string, as Linux sends. */
	tdx_report_fatal_error(0, m.buf, NULL);
}
