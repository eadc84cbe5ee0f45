/* SPDX-License-Identifier: MIT */
/*
 * Build-time checks of the attestation layouts against their tables
 * (Intel TDX Module ABI spec: TDREPORT_STRUCT, REPORTMACSTRUCT, TEE_TCB_INFO,
 * TDINFO_STRUCT; GHCI: GetQuote buffer header).  No code: a wrong offset
 * fails the build.
 */
#include <stddef.h>

#include <tdx/quote.h>
#include <tdx/report.h>

#define AT(type, field, off) _Static_assert(offsetof(type, field) == (off), #type "." #field " @" #off)
#define SIZE(type, n) _Static_assert(sizeof(type) == (n), "sizeof " #type " == " #n)

SIZE(struct tdx_reportmac, 256);
AT(struct tdx_reportmac, type, 0);
AT(struct tdx_reportmac, reserved0, 4);
AT(struct tdx_reportmac, cpusvn, 16);
AT(struct tdx_reportmac, tee_tcb_info_hash, 32);
AT(struct tdx_reportmac, tee_info_hash, 80);
AT(struct tdx_reportmac, reportdata, 128);
AT(struct tdx_reportmac, reserved1, 192);
AT(struct tdx_reportmac, mac, 224);

SIZE(struct tdx_tee_tcb_info, 239);
AT(struct tdx_tee_tcb_info, tee_tcb_svn, 8);
AT(struct tdx_tee_tcb_info, mrseam, 24);
AT(struct tdx_tee_tcb_info, mrsignerseam, 72);
AT(struct tdx_tee_tcb_info, attributes, 120);

SIZE(struct tdx_tdinfo, 512);
AT(struct tdx_tdinfo, xfam, 8);
AT(struct tdx_tdinfo, mrtd, 16);
AT(struct tdx_tdinfo, rtmr, 208);
AT(struct tdx_tdinfo, servtd_hash, 400);
AT(struct tdx_tdinfo, reserved, 448);

SIZE(struct tdx_report, 1024);
AT(struct tdx_report, mac, 0);
AT(struct tdx_report, mac.reportdata, 128);
AT(struct tdx_report, tee_tcb_info, 256);
AT(struct tdx_report, reserved, 495);
AT(struct tdx_report, tdinfo, 512);
AT(struct tdx_report, tdinfo.mrtd, 528);
AT(struct tdx_report, tdinfo.rtmr[0], 720);
AT(struct tdx_report, tdinfo.rtmr[1], 768);
AT(struct tdx_report, tdinfo.rtmr[2], 816);
AT(struct tdx_report, tdinfo.rtmr[3], 864);
AT(struct tdx_report, tdinfo.servtd_hash, 912);

SIZE(struct tdx_quote_header, 24);
AT(struct tdx_quote_header, version, 0);
AT(struct tdx_quote_header, status, 8);
AT(struct tdx_quote_header, in_len, 16);
AT(struct tdx_quote_header, out_len, 20);
