/* SPDX-License-Identifier: MIT */
/*
 * The measured-boot event log in the format verifiers read: a TCG2
 * "crypto-agile" log, as EDK2's TDVF and td-shim publish through the ACPI
 * CCEL table (tdx/acpi.h) and Linux exposes as
 * /sys/firmware/acpi/tables/data/CCEL.
 *
 * Layouts (TCG PC Client Platform Firmware Profile, "Event Logging":
 * TCG_PCClientPCREvent, TCG_EfiSpecIDEventStruct, TCG_PCR_EVENT2; UEFI 2.10
 * §38, EFI_CC_MEASUREMENT_PROTOCOL, CC_EVENT), everything little-endian
 * and byte-packed:
 *
 *   first event, the "Spec ID Event03" header (SHA-1 event format):
 *     @0  u32 PCRIndex     0 (TDVF writes 1; the parser takes either)
 *     @4  u32 EventType    EV_NO_ACTION (3)
 *     @8  u8  Digest[20]   zero
 *     @28 u32 EventSize    33 here
 *     @32 TCG_EfiSpecIDEventStruct:
 *         @0  "Spec ID Event03\0", @16 u32 platformClass (0), @20 u8
 *         specVersionMinor (0), @21 u8 specVersionMajor (2), @22 u8
 *         specErrata (0), @23 u8 uintnSize (2: 64-bit), @24 u32
 *         numberOfAlgorithms, @28 {u16 algorithmId, u16 digestSize}[n],
 *         then u8 vendorInfoSize and vendorInfo[]
 *   then one TCG_PCR_EVENT2 per event:
 *     @0  u32 PCRIndex     the CC measurement register index (below)
 *     @4  u32 EventType
 *     @8  u32 count        TPML_DIGEST_VALUES: one digest per algorithm
 *     @12 {u16 hashAlg, u8 digest[size of hashAlg]}[count]
 *         u32 EventSize, u8 Event[EventSize]
 *
 * The writer (tdx_eventlog_init/append) makes a SHA-384-only log: the
 * header lists one algorithm, TPM_ALG_SHA384 (0x000C, 48 bytes), every
 * event carries one SHA-384 digest (66 bytes of record before the event
 * data), and the digest is the one extended into the RTMR.  The header's
 * PCRIndex is 0, as TCG specifies and td-shim writes (tpm2_eventlog refuses
 * TDVF's 1).
 *
 * The reader (tdx_eventlog_replay) takes any log in this format: several
 * banks (SHA-1, SHA-256, SHA-384, SHA-512, SM3-256), TDVF's header, and a
 * log area filled to its end with 0xFF (TDVF) or 0x00 (td-shim) after the
 * last event.  It replays the SHA-384 digests; a log without a SHA-384
 * bank is refused.
 *
 * PCR index, CC MR index and RTMR (UEFI 2.10 §38.4.1, "Mapping of PCR
 * index to CC measurement register index" for TDX; EDK2 TDVF's
 * MapPcrToMrIndex follows it, and extends RTMR[MR index - 1]):
 *
 *   PCR index     CC MR index    TDX register   what TDVF logs there
 *   0             0              MRTD           (built by the TDX module, not extendable)
 *   1, 7          1              RTMR[0]        firmware configuration, Secure Boot policy
 *   2 - 6         2              RTMR[1]        OS loader, UEFI applications, GPT (PCR 4, 5)
 *   8 - 15        3              RTMR[2]        OS: kernel command line, initrd (PCR 8, 9)
 *   -             4              RTMR[3]        no PCR: left to the OS and applications
 *
 * The log's PCRIndex field holds the CC MR index.  Events on MR index 0 are
 * logged but never extended (MRTD is fixed at TD build); EV_NO_ACTION events
 * are never extended (TCG PFP).
 *
 * Statuses: the library's error model (tdx/error.h); the log's own are the
 * TDX_SW_EVENTLOG_* codes there.  Guide: docs/measured-boot.md.
 */
#ifndef TDX_EVENTLOG_H
#define TDX_EVENTLOG_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "report.h"
#include "sha384.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- values ---------------------------------------------------------------- */

/* TCG algorithm registry: the TPM_ALG_ID of each bank the reader knows, and its digest size. */
#define TDX_TPM_ALG_SHA1      0x0004	/* 20 bytes */
#define TDX_TPM_ALG_SHA256    0x000B	/* 32 bytes */
#define TDX_TPM_ALG_SHA384    0x000C	/* 48 bytes: the RTMRs' hash, the only bank the writer makes */
#define TDX_TPM_ALG_SHA512    0x000D	/* 64 bytes */
#define TDX_TPM_ALG_SM3_256   0x0012	/* 32 bytes */

/* The most banks a Spec ID header may list (the reader's bound). */
#define TDX_EVENTLOG_MAX_ALGS 8

/* Event types (TCG PC Client PFP, "Events"; EFI ones from 0x80000000). */
#define TDX_EV_POST_CODE                   0x00000001u
#define TDX_EV_NO_ACTION                   0x00000003u	/* logged, never extended */
#define TDX_EV_SEPARATOR                   0x00000004u
#define TDX_EV_ACTION                      0x00000005u
#define TDX_EV_EVENT_TAG                   0x00000006u
#define TDX_EV_PLATFORM_CONFIG_FLAGS       0x0000000Au
#define TDX_EV_IPL                         0x0000000Du
#define TDX_EV_EFI_BOOT_SERVICES_APPLICATION 0x80000003u
#define TDX_EV_EFI_ACTION                  0x80000007u
#define TDX_EV_EFI_PLATFORM_FIRMWARE_BLOB2 0x8000000Au
#define TDX_EV_EFI_HANDOFF_TABLES2         0x8000000Bu

/* CC measurement register indices for TDX (UEFI 2.10 §38, EFI_CC_MEASUREMENT_PROTOCOL). */
#define TDX_CC_MR_MRTD   0u
#define TDX_CC_MR_RTMR0  1u
#define TDX_CC_MR_RTMR1  2u
#define TDX_CC_MR_RTMR2  3u
#define TDX_CC_MR_RTMR3  4u
#define TDX_CC_MR_COUNT  5u
/* What the mapping functions answer for an index with no counterpart. */
#define TDX_CC_MR_INVALID 0xFFFFFFFFu

/* Sizes of what the writer makes. */
#define TDX_EVENTLOG_SPEC_ID_SIZE  65u	/* the header event: 32 + 33 */
#define TDX_EVENTLOG_EVENT_HEADER  66u	/* a TCG_PCR_EVENT2 with one SHA-384 digest, before Event[] */

/* ---- the mapping --------------------------------------------------------- */

/* PCR index -> CC MR index (table above); TDX_CC_MR_INVALID for a PCR above 15. */
uint32_t tdx_pcr_to_cc_mr(uint32_t pcr);
/* CC MR index -> RTMR number (1..4 -> 0..3); TDX_CC_MR_INVALID for 0 (MRTD) or above 4. */
uint32_t tdx_cc_mr_to_rtmr(uint32_t mr_index);

/* ---- writing a log ------------------------------------------------------- */

/*
 * A log being written into the caller's buffer.  Fields are the writer's:
 * read buf/len (the log so far, to publish) but do not change them.  The
 * SHA-384 state lives here, not on the stack, so that appending stays
 * within the library's 256-byte stack budget (docs/footprint.md).
 */
struct tdx_eventlog {
	uint8_t *buf;		/* the log area */
	size_t size;		/* its size in bytes */
	size_t len;		/* bytes of log written: the header and every complete event */
	struct tdx_sha384_ctx sha;	/* scratch: the data being measured */
	/* scratch: its digest, at the first 64-byte aligned address in here (TDG.MR.RTMR.EXTEND's rule) */
	uint8_t digest_buf[TDX_SHA384_DIGEST_SIZE + 64];
};

/*
 * Start a log in buf[0..size): write the Spec ID Event03 header (SHA-384
 * only) and zero the rest of the area, so that its unused part reads as
 * td-shim's "no more events".  TDX_SW_INVALID_ARGUMENT for a NULL log or
 * buf, TDX_SW_EVENTLOG_FULL if size is below TDX_EVENTLOG_SPEC_ID_SIZE
 * (nothing written then).
 */
uint64_t tdx_eventlog_init(struct tdx_eventlog *log, void *buf, size_t size);

/*
 * Measure and log one event, in this order: check that the record fits
 * (TDX_EVENTLOG_EVENT_HEADER + event_size bytes), hash data[0..data_len)
 * with SHA-384, extend RTMR[mr_index - 1] with the digest
 * (TDG.MR.RTMR.EXTEND, TDX_OPERAND_BUSY retried as tdx_extend_rtmr() does;
 * the digest is passed from *log, at tdx_va_to_gpa() of it), then append the
 * TCG_PCR_EVENT2 (PCRIndex = mr_index, event_type, the digest, event[0..
 * event_size)).  What is measured (data) and what is logged (event, e.g. a
 * UEFI_PLATFORM_FIRMWARE_BLOB2 describing data) may differ, as in TDVF.
 *
 * Returns TDX_SUCCESS; TDX_SW_EVENTLOG_FULL if the record does not fit
 * (nothing hashed, nothing extended, nothing written); TDX_SW_INVALID_ARGUMENT
 * for a NULL log, an mr_index not 1..4, EV_NO_ACTION (never extended), or
 * NULL data/event with a non-zero length; or the status of the extend (the
 * record is not written then, and the log stays as it was).
 */
uint64_t tdx_eventlog_append(struct tdx_eventlog *log, uint32_t mr_index, uint32_t event_type,
			     const void *data, size_t data_len,
			     const void *event, uint32_t event_size);

/* ---- reading a log ------------------------------------------------------- */

/*
 * What a replay found.  The banks and the SHA-384 state are kept here, not
 * on the stack, for the stack budget.
 */
struct tdx_eventlog_replay {
	uint8_t rtmr[TDX_NUM_RTMRS][TDX_MEASUREMENT_SIZE];	/* RTMR[0..3] the log implies */
	size_t length;		/* bytes of log: the header and every event, not the fill after them */
	size_t events;		/* TCG_PCR_EVENT2 records after the header */
	size_t extended;	/* of those, the ones replayed into an RTMR */
	uint32_t algorithms;	/* the header's numberOfAlgorithms: its banks below */
	uint16_t algorithm_id[TDX_EVENTLOG_MAX_ALGS];	/* TPM_ALG_ID of each bank, in header order */
	uint16_t digest_size[TDX_EVENTLOG_MAX_ALGS];	/* and its digest size */
	struct tdx_sha384_ctx sha;	/* scratch */
};

/*
 * Parse the log in log[0..size) and replay it: from four zeroed RTMRs,
 * RTMR[mr - 1] = SHA-384(RTMR[mr - 1] || SHA-384 digest) for every event on
 * MR index 1..4 that is not EV_NO_ACTION, in log order.  `size` may be the
 * exact length or a whole log area: the log ends at the end of the buffer,
 * or where the rest of it is all 0xFF or all 0x00 from a record boundary on.
 *
 * Every byte is untrusted.  Returns TDX_SUCCESS with *out filled, or (with
 * out->rtmr zeroed and out->length the offset of the record refused):
 *   TDX_SW_INVALID_ARGUMENT            NULL log (with size > 0) or out
 *   TDX_SW_EVENTLOG_BAD_HEADER         no Spec ID Event03 first event: wrong
 *                                      type, signature, non-zero digest, zero
 *                                      or too many algorithms, a repeated
 *                                      one, sizes that do not add up
 *   TDX_SW_EVENTLOG_TRUNCATED          a record, digest or event data runs
 *                                      past the end of the buffer
 *   TDX_SW_EVENTLOG_UNKNOWN_ALGORITHM  an algorithm id the reader does not
 *                                      know, one the header did not list, or
 *                                      no SHA-384 bank
 *   TDX_SW_EVENTLOG_DIGEST_MISMATCH    a digest count other than the header's
 *                                      number of algorithms, a bank twice in
 *                                      one event, or a header digest size
 *                                      that is not its algorithm's
 *   TDX_SW_EVENTLOG_BAD_INDEX          a PCRIndex (CC MR index) above 4
 */
uint64_t tdx_eventlog_replay(const void *log, size_t size, struct tdx_eventlog_replay *out);

#ifdef __cplusplus
}
#endif

#endif /* TDX_EVENTLOG_H */
