/* SPDX-License-Identifier: MIT */
/*
 * Writing a TCG2 crypto-agile event log, SHA-384 only (tdx/eventlog.h):
 * the Spec ID Event03 header, then measure, extend, log.
 */
#include <tdx/eventlog.h>
#include <tdx/addr.h>
#include <tdx/module.h>

#include "attest/eventlog_internal.h"
#include "lib/internal.h"

const char tdx__el_signature[TDX__EL_SIG_SIZE] = "Spec ID Event03";	/* and its NUL */

uint64_t tdx_eventlog_init(struct tdx_eventlog *log, void *buf, size_t size)
{
	uint8_t *p = buf;

	if (!log || !buf)
		return TDX_SW_INVALID_ARGUMENT;
	if (size < TDX_EVENTLOG_SPEC_ID_SIZE)
		return TDX_SW_EVENTLOG_FULL;
	memset(p, 0, size);
	/* TCG_PCClientPCREvent: PCRIndex 0, EV_NO_ACTION, zero digest, EventSize. */
	tdx__el_put32(p + 4, TDX_EV_NO_ACTION);
	tdx__el_put32(p + TDX__EL_SPEC_ID_EVSIZE, TDX_EVENTLOG_SPEC_ID_SIZE - TDX__EL_SPEC_ID_EVENT);
	/* TCG_EfiSpecIDEventStruct: platformClass 0 (client), version 2.0, errata 0. */
	p += TDX__EL_SPEC_ID_EVENT;
	memcpy(p, tdx__el_signature, TDX__EL_SIG_SIZE);
	p[21] = 2;			/* specVersionMajor */
	p[23] = 2;			/* uintnSize: UINTN is 64 bits */
	tdx__el_put32(p + TDX__EL_NUM_ALGS, 1);
	tdx__el_put16(p + TDX__EL_ALGS, TDX_TPM_ALG_SHA384);
	tdx__el_put16(p + TDX__EL_ALGS + 2, TDX_SHA384_DIGEST_SIZE);
	/* vendorInfoSize 0: already zero. */
	log->buf = buf;
	log->size = size;
	log->len = TDX_EVENTLOG_SPEC_ID_SIZE;
	return TDX_SUCCESS;
}

uint64_t tdx_eventlog_append(struct tdx_eventlog *log, uint32_t mr_index, uint32_t event_type,
			     const void *data, size_t data_len,
			     const void *event, uint32_t event_size)
{
	uint8_t *p, *digest;
	uint64_t status;
	unsigned tries = 0;

	if (!log || !log->buf || mr_index == TDX_CC_MR_MRTD || mr_index >= TDX_CC_MR_COUNT ||
	    event_type == TDX_EV_NO_ACTION || (!data && data_len) || (!event && event_size))
		return TDX_SW_INVALID_ARGUMENT;
	/* Room first: a full log extends nothing (len <= size is the writer's invariant). */
	if (event_size > log->size - log->len ||
	    TDX_EVENTLOG_EVENT_HEADER > log->size - log->len - event_size)
		return TDX_SW_EVENTLOG_FULL;
	/* The digest straight from *log, 64-byte aligned: no copy on the stack. */
	digest = (uint8_t *)(((uintptr_t)log->digest_buf + 63) & ~(uintptr_t)63);
	tdx_sha384_init(&log->sha);
	tdx_sha384_update(&log->sha, data, data_len);
	tdx_sha384_final(&log->sha, digest);
	do
		status = tdg_mr_rtmr_extend(tdx_va_to_gpa(digest), mr_index - 1);
	while (tdx__busy_retry(status, &tries));
	if (status != TDX_SUCCESS)
		return status;
	/* TCG_PCR_EVENT2 with one digest (TPML_DIGEST_VALUES count 1). */
	p = log->buf + log->len;
	tdx__el_put32(p, mr_index);
	tdx__el_put32(p + 4, event_type);
	tdx__el_put32(p + 8, 1);
	tdx__el_put16(p + 12, TDX_TPM_ALG_SHA384);
	memcpy(p + 14, digest, TDX_SHA384_DIGEST_SIZE);
	tdx__el_put32(p + 14 + TDX_SHA384_DIGEST_SIZE, event_size);
	if (event_size)
		memcpy(p + TDX_EVENTLOG_EVENT_HEADER, event, event_size);
	log->len += TDX_EVENTLOG_EVENT_HEADER + (size_t)event_size;
	return TDX_SUCCESS;
}
