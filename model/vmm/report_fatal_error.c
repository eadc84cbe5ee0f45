/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VMCALL<ReportFatalError> (GHCI): R12 error code, R13 a shared GPA
 * when R12 bit 63 is set; message bytes 0..63 in R14, R15, RBX, RDI, RSI,
 * R8, R9, RDX, little-endian.  An error code with any of bits 15:0 set is
 * refused as QEMU refuses it (target/i386/kvm/tdx.c,
 * tdx_handle_report_fatal_error: it reports "invalid error code" and the
 * exit handler's failure stops the VM): the TD is stopped
 * (tdxm_request_stop(TDXH_STOP_FATAL_ERROR)) and never resumed, whatever
 * fatal.resume says; nothing is recorded beyond R12/R13.  Otherwise the VMM
 * decodes the message back to text (vmm.fatal); with fatal.read_page, also
 * the NUL-terminated string at R13 (up to the end of its page) - only
 * where that GPA is host memory, which an arbitrary test GPA need not be.
 * Then it stops the TD, as QEMU does (the guest has panicked), or resumes
 * it when fatal.resume is set (the default, a test's choice: a host test
 * goes on after its guest code reported).
 */
#include "../core/internal.h"

#include <tdx/status.h>
#include <tdx/tdvmcall.h>

void tdxm_report_fatal_error(struct tdxh_vmcall *c)
{
	static const enum tdxh_gpr order[8] = {
		TDXH_R14, TDXH_R15, TDXH_RBX, TDXH_RDI, TDXH_RSI, TDXH_R8, TDXH_R9, TDXH_RDX,
	};
	struct tdxh_fatal_report *f = &c->m->vmm.fatal;
	uint64_t r12 = tdxh_vmm_read(c, TDXH_R12), r13 = tdxh_vmm_read(c, TDXH_R13);

	f->nr_reports++;
	f->r12 = r12;
	f->r13 = r13;
	if (r12 & TDVMCALL_FATAL_ERROR_RESERVED) {
		f->reported = false;
		tdxm_request_stop(c->m, TDXH_STOP_FATAL_ERROR);
		return;
	}
	f->reported = true;
	for (int i = 0; i < 8; i++) {
		uint64_t v = tdxh_vmm_read(c, order[i]);

		for (int k = 0; k < 8; k++)
			f->message[8 * i + k] = (char)(v >> (8 * k));
	}
	f->message[TDVMCALL_FATAL_ERROR_MESSAGE_SIZE] = '\0';
	f->shared[0] = '\0';
	if (f->read_page && (r12 & TDVMCALL_FATAL_ERROR_GPA_VALID) && (r13 & tdxm_shared_bit(c->m))) {
		const char *s = tdxm_gpa_to_host(c->m, r13);
		size_t room = 4096 - (r13 & 4095), i;

		for (i = 0; i < room && s[i]; i++)
			f->shared[i] = s[i];
		f->shared[i] = '\0';
	}
	tdxh_vmm_status(c, TDVMCALL_STATUS_SUCCESS);
	if (!f->resume)
		tdxm_request_stop(c->m, TDXH_STOP_FATAL_ERROR);
}
