/* SPDX-License-Identifier: MIT */
/*
 * TDREPORT: the TD's measurements and REPORTDATA, MAC'ed by the CPU
 * (TDG.MR.REPORT, leaf 4), and the check of that MAC (TDG.MR.VERIFYREPORT,
 * leaf 22).  Layouts: Intel TDX Module ABI spec, TDREPORT_STRUCT,
 * REPORTMACSTRUCT, TEE_TCB_INFO and TDINFO_STRUCT (sizes and offsets are
 * checked at build time in src/attest_layout.c).
 */
#ifndef TDX_REPORT_H
#define TDX_REPORT_H

#include <stdint.h>
#include "error.h"
#include "module.h"
#include "sha384.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Sizes and alignments of TDREPORT_STRUCT, REPORTDATA and REPORTMACSTRUCT:
 * with their leaves in tdx/module.h (TDX_REPORT_SIZE, TDX_REPORT_ALIGN, ...).
 */
#define TDX_MEASUREMENT_SIZE     TDX_SHA384_DIGEST_SIZE	/* a SHA-384 value: MRTD, RTMRs, ... */
#define TDX_NUM_RTMRS            4

/* REPORTMACSTRUCT: 256 bytes at offset 0 of TDREPORT_STRUCT. */
struct tdx_reportmac {
	uint8_t type;			/* REPORTTYPE.TYPE: 0x81 = TDX */
	uint8_t subtype;		/* REPORTTYPE.SUBTYPE: 0 */
	uint8_t version;		/* REPORTTYPE.VERSION: 0 (1.0) or 1 (SERVTD_HASH valid) */
	uint8_t reserved_type;
	uint8_t reserved0[12];
	uint8_t cpusvn[16];
	uint8_t tee_tcb_info_hash[TDX_MEASUREMENT_SIZE];	/* SHA-384 of TEE_TCB_INFO */
	uint8_t tee_info_hash[TDX_MEASUREMENT_SIZE];	/* SHA-384 of TDINFO_STRUCT */
	uint8_t reportdata[TDX_REPORTDATA_SIZE];	/* @128: the caller's 64 bytes */
	uint8_t reserved1[32];
	uint8_t mac[32];
};

/* TEE_TCB_INFO: 239 bytes at offset 256 (the TDX module's own identity). */
struct tdx_tee_tcb_info {
	uint8_t valid[8];		/* which of the fields below are valid */
	uint8_t tee_tcb_svn[16];
	uint8_t mrseam[TDX_MEASUREMENT_SIZE];
	uint8_t mrsignerseam[TDX_MEASUREMENT_SIZE];
	uint8_t attributes[8];
	uint8_t tee_tcb_svn2[16];	/* @128, module 1.5; reserved bytes in module 1.0 */
	uint8_t reserved[95];
};

/* TDINFO_STRUCT: 512 bytes at offset 512 (the TD's measurements). */
struct tdx_tdinfo {
	uint64_t attributes;		/* TD ATTRIBUTES */
	uint64_t xfam;
	uint8_t mrtd[TDX_MEASUREMENT_SIZE];		/* @528 */
	uint8_t mrconfigid[TDX_MEASUREMENT_SIZE];
	uint8_t mrowner[TDX_MEASUREMENT_SIZE];
	uint8_t mrownerconfig[TDX_MEASUREMENT_SIZE];
	uint8_t rtmr[TDX_NUM_RTMRS][TDX_MEASUREMENT_SIZE];	/* @720, 768, 816, 864 */
	uint8_t servtd_hash[TDX_MEASUREMENT_SIZE];	/* @912, module 1.5 */
	uint8_t reserved[64];
};

/*
 * TDREPORT_STRUCT: 1024 bytes.  TDG.MR.REPORT needs it 1024-aligned; declare
 * it with `_Alignas(TDX_REPORT_ALIGN)` (C11) or
 * `__attribute__((aligned(1024)))`, or carve it from an aligned page.
 */
struct tdx_report {
	struct tdx_reportmac mac;		/* @0 */
	struct tdx_tee_tcb_info tee_tcb_info;	/* @256 */
	uint8_t reserved[17];			/* @495 */
	struct tdx_tdinfo tdinfo;		/* @512 */
};

/*
 * TDG.MR.REPORT with subtype 0: fill *report with a TDREPORT binding the 64
 * bytes at `reportdata` (NULL means 64 zero bytes).
 *
 * Both buffers are the caller's private memory, passed to the module as they
 * are, and both alignments are checked first.  No internal aligned copies:
 * the report's would take 2 KiB of stack, and even a REPORTDATA copy pushes
 * the call chain past the library's 256-byte stack budget.
 *  - report: GPA (tdx_va_to_gpa) 1024-aligned, else
 *    TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX (also for NULL);
 *  - reportdata: GPA 64-aligned, else
 *    TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RDX;
 * the library's own statuses (tdx/error.h), naming the register the
 * misaligned operand would travel in, returned without a TDCALL.  Declare them e.g. `_Alignas(TDX_REPORT_ALIGN) struct
 * tdx_report r; _Alignas(TDX_REPORTDATA_ALIGN) uint8_t nonce[64];`.
 * TDX_OPERAND_BUSY is retried up to TDX_BUSY_RETRIES times.
 *
 * Returns the completion status (RAX) or that refusal.  On failure *report is zeroed, so a
 * failed call never leaves anything that looks like a report.
 */
uint64_t tdx_get_report(const uint8_t reportdata[TDX_REPORTDATA_SIZE], struct tdx_report *report);

/*
 * TDG.MR.VERIFYREPORT: ask the CPU whether `mac` (a REPORTMACSTRUCT, e.g.
 * &report->mac of a TDREPORT from this platform) carries a valid MAC.
 * The GPA of `mac` must be 256-aligned - &report->mac of a 1024-aligned
 * report is - otherwise TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX is
 * returned without calling the module.  TDX_OPERAND_BUSY is retried up to
 * TDX_BUSY_RETRIES times.  Returns TDX_SUCCESS, TDX_INVALID_REPORTMACSTRUCT,
 * TDX_INVALID_CPUSVN or another completion status (compare with
 * TDX_STATUS_CODE()).
 */
uint64_t tdx_verify_report(const struct tdx_reportmac *mac);

#ifdef __cplusplus
}
#endif

#endif /* TDX_REPORT_H */
