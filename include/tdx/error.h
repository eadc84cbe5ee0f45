/* SPDX-License-Identifier: MIT */
/*
 * libtdx's error model, in one place.  Every status is a uint64_t, and a
 * status always says who answered:
 *
 *  1. The TDX module: a TDCALL completion status (RAX; TDX_* in status.h).
 *     Class and code in bits 63:32, a detail (operand id, page level) in
 *     31:0.  Raw leaf wrappers (tdx/module.h) return it unchanged.
 *  2. The VMM: a TDVMCALL status (R10; TDVMCALL_STATUS_* in status.h).  Raw
 *     sub-function wrappers (tdx/tdvmcall.h, tdx/io.h, tdx/mmio.h) return
 *     it unchanged.  Higher-level functions return it LIFTED into the class
 *     TDX_VMCALL_ERROR (tdx_status_from_vmcall()), so that it can never be
 *     mistaken for a module status or for TDX_SUCCESS.
 *  3. The library itself: when it refuses (a bad argument, a bound
 *     exceeded, a VMM answer out of range), a software status, Linux's
 *     convention: TDX_SW_ERROR = bit 63 | bits 47:40, a code in bits 39:32
 *     (TDX_SW_* and TDX_VE_* below), a detail in 31:0.
 *
 * The module's classes (bits 47:40) are small numbers: 0xFF (software) and
 * 0xFE (lifted TDVMCALL status) are never module statuses, and bits 47:40
 * are 0 in every TDVMCALL status.  TDX_SUCCESS (0) is success in all
 * three.  tdx_status_is_sw() / tdx_status_is_vmcall() tell who refused;
 * tdx_strerror() names every status of all three kinds.
 *
 * Higher-level functions (memory, #VE, attestation, conversion) return a
 * status of any of the three kinds, plus a result struct where there is
 * more to say; the GetQuote buffer status (tdx/quote.h) and the raw
 * TDVMCALL status stay available in those structs.  A few conveniences
 * return a sentinel instead (tdx_inb() reads all ones, tdx_shared_mask()
 * 0); each has a status-returning twin (tdx_io_read(),
 * tdx_get_shared_mask()).
 */
#ifndef TDX_ERROR_H
#define TDX_ERROR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- software statuses: the library refused ---------------------------- */

/* Bit 63 | bits 47:40: the class of every software status (Linux's TDX_SW_ERROR). */
#define TDX_SW_ERROR         0x8000FF0000000000ull
/* The software status with code `code` (bits 39:32), detail 0. */
#define TDX_SW_STATUS(code)  (TDX_SW_ERROR | ((uint64_t)(code) << 32))

/*
 * An argument the library will not send: out of range, misaligned, NULL,
 * or not encodable; nothing was sent.  Detail: the operand id
 * (TDX_OPERAND_ID_*) of the register it would have travelled in, or 0.
 */
#define TDX_SW_INVALID_ARGUMENT          TDX_SW_STATUS(0x01)
/* The shared GPA bit is unknown: TDG.VP.INFO failed or gave an impossible GPA width. */
#define TDX_SW_NO_SHARED_BIT             TDX_SW_STATUS(0x02)
/* A GPA that must be shared (MMIO) lacks the shared bit or lies above the GPA width. */
#define TDX_SW_PRIVATE_GPA               TDX_SW_STATUS(0x03)
/* The VMM answered with a value out of range (a MapGPA RETRY address, a GetQuote length or status). */
#define TDX_SW_VMM_BAD_ANSWER            TDX_SW_STATUS(0x04)
/* A bounded wait gave up (GetQuote still in flight). */
#define TDX_SW_TIMEOUT                   TDX_SW_STATUS(0x05)
/* The caller's buffer is too small for the answer (a quote longer than quote_cap). */
#define TDX_SW_BUFFER_TOO_SMALL          TDX_SW_STATUS(0x06)
/* The quoting service failed the request (GetQuote buffer status: an error). */
#define TDX_SW_QUOTE_SERVICE_ERROR       TDX_SW_STATUS(0x07)
/* The quoting service is not available (buffer status TDX_QUOTE_STATUS_SERVICE_UNAVAILABLE). */
#define TDX_SW_QUOTE_SERVICE_UNAVAILABLE TDX_SW_STATUS(0x08)

/*
 * ACPI tables (tdx/acpi.h): why a table was refused, or could not be made.
 * A table too long for the caller's buffer is TDX_SW_BUFFER_TOO_SMALL.
 */
#define TDX_SW_ACPI_BAD_SIGNATURE    TDX_SW_STATUS(0x40)	/* not "RSD PTR ", "XSDT", "APIC" where needed */
#define TDX_SW_ACPI_BAD_CHECKSUM     TDX_SW_STATUS(0x41)	/* the bytes do not sum to 0 */
#define TDX_SW_ACPI_BAD_LENGTH       TDX_SW_STATUS(0x42)	/* a Length too short, too long or not 36 + 8n */
#define TDX_SW_ACPI_BAD_REVISION     TDX_SW_STATUS(0x43)	/* an RSDP below revision 2 (no XSDT) */
#define TDX_SW_ACPI_BAD_ENTRY        TDX_SW_STATUS(0x44)	/* a MADT structure of a bad Length, a bad mailbox */
#define TDX_SW_ACPI_BAD_ADDRESS      TDX_SW_STATUS(0x45)	/* an address of 0, or one the map callback refused */
#define TDX_SW_ACPI_NOT_FOUND        TDX_SW_STATUS(0x46)	/* no such table, or no such MADT structure */
#define TDX_SW_ACPI_TOO_MANY_TABLES  TDX_SW_STATUS(0x47)	/* the builder's XSDT is full */

/*
 * The measured-boot event log (tdx/eventlog.h): a log that is full, or one
 * the reader refused.
 */
#define TDX_SW_EVENTLOG_FULL              TDX_SW_STATUS(0x50)	/* no room for the record: nothing extended or written */
#define TDX_SW_EVENTLOG_BAD_HEADER        TDX_SW_STATUS(0x51)	/* the first event is no Spec ID Event03 */
#define TDX_SW_EVENTLOG_TRUNCATED         TDX_SW_STATUS(0x52)	/* a record runs past the end of the log */
#define TDX_SW_EVENTLOG_UNKNOWN_ALGORITHM TDX_SW_STATUS(0x53)	/* an algorithm not known or not listed; no SHA-384 bank */
#define TDX_SW_EVENTLOG_DIGEST_MISMATCH   TDX_SW_STATUS(0x54)	/* digest count or size not the header's */
#define TDX_SW_EVENTLOG_BAD_INDEX         TDX_SW_STATUS(0x55)	/* a PCRIndex (CC MR index) above 4 */

/*
 * The Multiprocessor Wakeup mailbox (tdx/mp_wakeup.h).  Detail 0.
 */
#define TDX_SW_MP_WAKEUP_TIMEOUT     TDX_SW_STATUS(0x60)	/* no acknowledgement within the bound; command withdrawn */
#define TDX_SW_MP_WAKEUP_BUSY        TDX_SW_STATUS(0x61)	/* the mailbox holds a command not yet acknowledged */

/*
 * #VE handling (tdx/ve.h): why a #VE was not emulated.  A VMM that fails
 * the emulating TDVMCALL gives a lifted TDVMCALL status instead.
 */
#define TDX_VE_OK                  TDX_SUCCESS	/* emulated, frame updated, RIP advanced */
#define TDX_VE_NO_VEINFO           TDX_SW_STATUS(0x21)	/* TDG.VP.VEINFO.GET failed */
#define TDX_VE_UNSUPPORTED_EXIT    TDX_SW_STATUS(0x22)	/* an exit reason the handler does not emulate */
#define TDX_VE_BAD_LENGTH          TDX_SW_STATUS(0x24)	/* VE info instruction length not 1..15 */
#define TDX_VE_BAD_IO              TDX_SW_STATUS(0x25)	/* I/O qualification invalid or inconsistent with the bytes */
#define TDX_VE_DECODE_FAILED       TDX_SW_STATUS(0x26)	/* bytes at RIP are not an instruction the decoder knows */
#define TDX_VE_TRUNCATED           TDX_SW_STATUS(0x27)	/* fewer bytes than the instruction needs (decoder only) */
#define TDX_VE_MMIO_LOCK           TDX_SW_STATUS(0x28)	/* LOCK prefix on an MMIO access */
#define TDX_VE_MMIO_STRING         TDX_SW_STATUS(0x29)	/* MOVS/STOS/LODS/CMPS/SCAS on MMIO */
#define TDX_VE_MMIO_CMP            TDX_SW_STATUS(0x2A)	/* CMP with an MMIO operand (use plain MOV) */
#define TDX_VE_MMIO_UNSUPPORTED    TDX_SW_STATUS(0x2B)	/* other instruction or prefix on MMIO (ALU, FS/GS, REP...) */
#define TDX_VE_MMIO_NOT_MEMORY     TDX_SW_STATUS(0x2C)	/* a register operand: no memory access */
#define TDX_VE_MMIO_PAGE_CROSS     TDX_SW_STATUS(0x2D)	/* the access crosses a 4 KiB page */
#define TDX_VE_MMIO_PRIVATE_GPA    TDX_SW_STATUS(0x2E)	/* EPT violation on a private GPA: not MMIO */
#define TDX_VE_MMIO_ADDR_MISMATCH  TDX_SW_STATUS(0x2F)	/* address is not the VE info's GLA, or direction differs */
#define TDX_VE_MMIO_FETCH          TDX_SW_STATUS(0x30)	/* instruction fetch from a shared GPA */
#define TDX_VE_MMIO_GPA_OFFSET     TDX_SW_STATUS(0x31)	/* VE info's GPA not at the decoded address's page offset */

/* ---- lifted TDVMCALL statuses: the VMM refused ------------------------- */

/* Bit 63 | bits 47:40 = 0xFE: the class of a TDVMCALL status lifted into this space. */
#define TDX_VMCALL_ERROR 0x8000FE0000000000ull

/*
 * TDVMCALL status `s` (R10) lifted: TDX_SUCCESS for TDVMCALL_STATUS_SUCCESS,
 * else TDX_VMCALL_ERROR with bit 63 of `s` in bit 31 and bits 30:0 of `s`
 * in 30:0 (every GHCI status fits; bits 62:31 of a status no GHCI defines
 * are lost, and the raw value is in the result struct of the function that
 * returned it).  A constant expression.
 */
#define TDX_VMCALL_STATUS(s) \
	((uint64_t)(s) == 0 ? 0ull : \
	 TDX_VMCALL_ERROR | (((uint64_t)(s) >> 32) & 0x80000000ull) | ((uint64_t)(s) & 0x7FFFFFFFull))

/* ---- classes ------------------------------------------------------------- */

/* Class and code part of a status (bits 63:32); TDX_STATUS_CODE() in status.h. */

/* True when `status` has the class and code of `code` (bits 63:32), whatever its detail. */
static inline bool tdx_status_is(uint64_t status, uint64_t code)
{
	return TDX_STATUS_CODE(status) == TDX_STATUS_CODE(code);
}

/* Bit 63: the call failed (warnings such as PAGE_ALREADY_ACCEPTED are not errors). */
static inline bool tdx_status_is_error(uint64_t status)
{
	return (status & TDX_STATUS_ERROR) != 0;
}

/* Bit 62 clear: the TD and vCPU can go on (retry, or do something else). */
static inline bool tdx_status_is_recoverable(uint64_t status)
{
	return (status & TDX_STATUS_NON_RECOVERABLE) == 0;
}

/* Bit 61: the TD is dead. */
static inline bool tdx_status_is_fatal(uint64_t status)
{
	return (status & TDX_STATUS_FATAL) != 0;
}

/* TDX_OPERAND_BUSY, any detail: a resource is contended; retry the call. */
static inline bool tdx_status_is_busy(uint64_t status)
{
	return tdx_status_is(status, TDX_OPERAND_BUSY);
}

/* A software status (TDX_SW_ERROR class): the library itself refused. */
static inline bool tdx_status_is_sw(uint64_t status)
{
	return (status & TDX_SW_ERROR) == TDX_SW_ERROR;
}

/* A lifted TDVMCALL status (TDX_VMCALL_ERROR class): the VMM refused. */
static inline bool tdx_status_is_vmcall(uint64_t status)
{
	return (status & TDX_SW_ERROR) == TDX_VMCALL_ERROR;
}

/* TDVMCALL status `s` (R10) lifted into TDX_VMCALL_ERROR: TDX_VMCALL_STATUS(s). */
static inline uint64_t tdx_status_from_vmcall(uint64_t s)
{
	return TDX_VMCALL_STATUS(s);
}

/* The TDVMCALL status of a lifted one (the inverse of tdx_status_from_vmcall); else 0. */
static inline uint64_t tdx_status_vmcall(uint64_t status)
{
	if (!tdx_status_is_vmcall(status))
		return 0;
	return ((status & 0x80000000ull) << 32) | (status & 0x7FFFFFFFull);
}

/* TDVMCALL status bit 63: the VMM failed the call (RETRY is not an error). */
static inline bool tdvmcall_status_is_error(uint64_t status)
{
	return (status & 0x8000000000000000ull) != 0;
}

/*
 * The library's one retry policy for TDX_OPERAND_BUSY (another vCPU holds
 * the resource): a call answered BUSY is repeated, after a `pause`, at most
 * this many times; then BUSY is returned.  Used by every function that
 * retries (accepting memory, TDREPORT, VERIFYREPORT, RTMR extension).
 */
#define TDX_BUSY_RETRIES 100

/* ---- names ------------------------------------------------------------- */

/*
 * The name of any status with its detail: a TDCALL completion status
 * ("TDX_OPERAND_INVALID (operand RCX)", "TDX_PAGE_ALREADY_ACCEPTED (level
 * 2M)"), a software status ("TDX_SW_INVALID_ARGUMENT (operand RDX)",
 * "TDX_VE_MMIO_LOCK") or a lifted TDVMCALL status (its TDVMCALL name,
 * "TDVMCALL_STATUS_INVALID_OPERAND").  Always a constant string (no
 * buffer, thread-safe); a code it does not know is "TDX status (unknown
 * code)", a detail it cannot name "NAME (detail unknown)": use
 * tdx_strerror_r() to see the numbers.
 */
const char *tdx_strerror(uint64_t status);

/* The name of a raw TDVMCALL status (R10), e.g. "TDVMCALL_STATUS_RETRY". */
const char *tdvmcall_strerror(uint64_t status);

/*
 * tdx_strerror() formatted into buf (size bytes, always NUL-terminated when
 * size > 0), with the raw value in hex when the code or detail is unknown.
 * Returns buf.
 */
char *tdx_strerror_r(uint64_t status, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* TDX_ERROR_H */
