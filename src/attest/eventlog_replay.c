/* SPDX-License-Identifier: MIT */
/*
 * Reading and replaying a TCG2 crypto-agile event log (tdx/eventlog.h).
 * Every byte is untrusted: each length is checked against what is left
 * before it is used, with subtractions that cannot wrap.
 */
#include <tdx/eventlog.h>

#include "attest/eventlog_internal.h"
#include "lib/internal.h"

/* The digest size of an algorithm the reader knows (TCG algorithm registry); 0 if unknown. */
static uint16_t known_size(uint16_t alg)
{
	switch (alg) {
	case TDX_TPM_ALG_SHA1:
		return 20;
	case TDX_TPM_ALG_SHA256:
	case TDX_TPM_ALG_SM3_256:
		return 32;
	case TDX_TPM_ALG_SHA384:
		return 48;
	case TDX_TPM_ALG_SHA512:
		return 64;
	default:
		return 0;
	}
}

/* Is p[0..n) all `fill`? */
static bool all(const uint8_t *p, size_t n, uint8_t fill)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != fill)
			return false;
	return true;
}

/*
 * The end of the log at p[0..left): nothing left, or (from a record that
 * starts with PCRIndex 0xFFFFFFFF, or with PCRIndex and EventType 0) a rest
 * that is all fill.  Only such records are scanned, so a log is read once.
 */
static bool at_end(const uint8_t *p, size_t left)
{
	if (left == 0)
		return true;
	if (left >= 4 && tdx__el_get32(p) == 0xFFFFFFFFu)
		return all(p, left, 0xFF);
	if (left >= 8 && tdx__el_get32(p) == 0 && tdx__el_get32(p + 4) == 0)
		return all(p, left, 0x00);
	return left < 8 && (all(p, left, 0xFF) || all(p, left, 0x00));
}

/*
 * The Spec ID event at p[0..size): its banks into out->algorithm_id[] and
 * out->digest_size[], their number into out->algorithms, its length into *len.
 */
static uint64_t parse_header(const uint8_t *p, size_t size, struct tdx_eventlog_replay *out, size_t *len)
{
	uint32_t evsize, n;
	const uint8_t *ev = p + TDX__EL_SPEC_ID_EVENT;
	bool sha384 = false;

	if (size < TDX__EL_SPEC_ID_EVENT)
		return TDX_SW_EVENTLOG_TRUNCATED;
	if (tdx__el_get32(p) >= TDX_CC_MR_COUNT)
		return TDX_SW_EVENTLOG_BAD_INDEX;
	if (tdx__el_get32(p + 4) != TDX_EV_NO_ACTION || !all(p + TDX__EL_SPEC_ID_DIGEST, 20, 0))
		return TDX_SW_EVENTLOG_BAD_HEADER;
	evsize = tdx__el_get32(p + TDX__EL_SPEC_ID_EVSIZE);
	if (evsize > size - TDX__EL_SPEC_ID_EVENT)
		return TDX_SW_EVENTLOG_TRUNCATED;
	/* The signature, the fixed fields, one algorithm, vendorInfoSize. */
	if (evsize < TDX__EL_ALGS + 4 + 1 || memcmp(ev, tdx__el_signature, TDX__EL_SIG_SIZE) != 0)
		return TDX_SW_EVENTLOG_BAD_HEADER;
	n = tdx__el_get32(ev + TDX__EL_NUM_ALGS);
	if (n == 0 || n > TDX_EVENTLOG_MAX_ALGS || 4 * n + 1 > evsize - TDX__EL_ALGS)
		return TDX_SW_EVENTLOG_BAD_HEADER;
	for (uint32_t i = 0; i < n; i++) {
		uint16_t id = tdx__el_get16(ev + TDX__EL_ALGS + 4 * i);
		uint16_t dsize = tdx__el_get16(ev + TDX__EL_ALGS + 4 * i + 2);

		if (!known_size(id))
			return TDX_SW_EVENTLOG_UNKNOWN_ALGORITHM;
		if (dsize != known_size(id))
			return TDX_SW_EVENTLOG_DIGEST_MISMATCH;
		for (uint32_t j = 0; j < i; j++)
			if (out->algorithm_id[j] == id)
				return TDX_SW_EVENTLOG_BAD_HEADER;
		out->algorithm_id[i] = id;
		out->digest_size[i] = dsize;
		sha384 |= id == TDX_TPM_ALG_SHA384;
	}
	if (!sha384)
		return TDX_SW_EVENTLOG_UNKNOWN_ALGORITHM;
	/* vendorInfoSize and vendorInfo end the struct exactly. */
	if (ev[TDX__EL_ALGS + 4 * n] != evsize - TDX__EL_ALGS - 4 * n - 1)
		return TDX_SW_EVENTLOG_BAD_HEADER;
	out->algorithms = n;
	*len = TDX__EL_SPEC_ID_EVENT + (size_t)evsize;
	return TDX_SUCCESS;
}

/*
 * One TCG_PCR_EVENT2 at p[0..left): its length into *len, its SHA-384
 * digest into *sha384.
 */
static uint64_t parse_event(const uint8_t *p, size_t left, const struct tdx_eventlog_replay *out,
			    size_t *len, const uint8_t **sha384)
{
	size_t off = 12;
	uint32_t seen = 0, evsize, nalgs = out->algorithms;

	if (left < off)
		return TDX_SW_EVENTLOG_TRUNCATED;
	if (tdx__el_get32(p) >= TDX_CC_MR_COUNT)
		return TDX_SW_EVENTLOG_BAD_INDEX;
	if (tdx__el_get32(p + 8) != nalgs)
		return TDX_SW_EVENTLOG_DIGEST_MISMATCH;
	for (uint32_t i = 0; i < nalgs; i++) {
		uint16_t id;
		uint32_t k;

		if (left - off < 2)
			return TDX_SW_EVENTLOG_TRUNCATED;
		id = tdx__el_get16(p + off);
		for (k = 0; k < nalgs && out->algorithm_id[k] != id; k++)
			;
		if (k == nalgs)
			return TDX_SW_EVENTLOG_UNKNOWN_ALGORITHM;
		if (seen & (1u << k))
			return TDX_SW_EVENTLOG_DIGEST_MISMATCH;
		seen |= 1u << k;
		off += 2;
		if (left - off < out->digest_size[k])
			return TDX_SW_EVENTLOG_TRUNCATED;
		if (id == TDX_TPM_ALG_SHA384)
			*sha384 = p + off;
		off += out->digest_size[k];
	}
	if (left - off < 4)
		return TDX_SW_EVENTLOG_TRUNCATED;
	evsize = tdx__el_get32(p + off);
	off += 4;
	if (evsize > left - off)
		return TDX_SW_EVENTLOG_TRUNCATED;
	*len = off + evsize;
	return TDX_SUCCESS;
}

uint64_t tdx_eventlog_replay(const void *log, size_t size, struct tdx_eventlog_replay *out)
{
	const uint8_t *p = log;
	size_t off = 0, len = 0;
	uint64_t status;

	if (!out)
		return TDX_SW_INVALID_ARGUMENT;
	memset(out->rtmr, 0, sizeof(out->rtmr));
	out->length = out->events = out->extended = 0;
	out->algorithms = 0;
	if (!p && size)
		return TDX_SW_INVALID_ARGUMENT;
	status = parse_header(p, size, out, &len);
	while (status == TDX_SUCCESS) {
		const uint8_t *digest = NULL;
		uint32_t mr, type;

		off += len;
		if (at_end(p + off, size - off))
			break;
		status = parse_event(p + off, size - off, out, &len, &digest);
		if (status != TDX_SUCCESS)
			break;
		out->events++;
		mr = tdx__el_get32(p + off);
		type = tdx__el_get32(p + off + 4);
		if (type == TDX_EV_NO_ACTION || mr == TDX_CC_MR_MRTD)
			continue;
		/* rtmr = SHA-384(rtmr || digest), as TDG.MR.RTMR.EXTEND does. */
		tdx_sha384_init(&out->sha);
		tdx_sha384_update(&out->sha, out->rtmr[mr - 1], TDX_MEASUREMENT_SIZE);
		tdx_sha384_update(&out->sha, digest, TDX_MEASUREMENT_SIZE);
		tdx_sha384_final(&out->sha, out->rtmr[mr - 1]);
		out->extended++;
	}
	out->length = off;
	if (status != TDX_SUCCESS) {
		memset(out->rtmr, 0, sizeof(out->rtmr));
		out->algorithms = 0;
		return status;
	}
	return TDX_SUCCESS;
}
