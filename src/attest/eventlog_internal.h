/* SPDX-License-Identifier: MIT */
/* What the event-log writer and reader share (tdx/eventlog.h); not a public header. */
#ifndef TDX_SRC_ATTEST_EVENTLOG_INTERNAL_H
#define TDX_SRC_ATTEST_EVENTLOG_INTERNAL_H

#include <stdint.h>

/* The Spec ID event's fixed part (TCG PC Client PFP, TCG_PCClientPCREvent). */
#define TDX__EL_SPEC_ID_DIGEST   8	/* @8: 20-byte SHA-1-sized digest, zero */
#define TDX__EL_SPEC_ID_EVSIZE   28	/* @28: u32 EventSize */
#define TDX__EL_SPEC_ID_EVENT    32	/* @32: TCG_EfiSpecIDEventStruct */
/* Inside TCG_EfiSpecIDEventStruct. */
#define TDX__EL_SIG_SIZE         16	/* "Spec ID Event03\0" */
#define TDX__EL_NUM_ALGS         24	/* u32 numberOfAlgorithms */
#define TDX__EL_ALGS             28	/* {u16 algorithmId, u16 digestSize}[n] */

extern const char tdx__el_signature[TDX__EL_SIG_SIZE];

static inline void tdx__el_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void tdx__el_put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline uint16_t tdx__el_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t tdx__el_get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#endif
