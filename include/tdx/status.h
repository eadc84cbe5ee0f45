/* SPDX-License-Identifier: MIT */
/*
 * Status values, three layers kept apart:
 *  - TDCALL completion status (RAX after TDCALL): TDX_*.  Bits 63:32 are the
 *    class and code, bits 31:0 the detail (an operand id or a SEPT level).
 *    Compare on bits 63:32 only (TDX_STATUS_CODE()).
 *  - TDVMCALL status (R10 after TDG.VP.VMCALL): TDVMCALL_STATUS_*.
 *  - GetQuote buffer status (in shared memory): see the attestation header.
 */
#ifndef TDX_STATUS_H
#define TDX_STATUS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Intel TDX module source, tdx_error_codes_defs.h. */
#define TDX_SUCCESS                        0x0000000000000000ull
#define TDX_NON_RECOVERABLE_VCPU           0x4000000100000000ull
#define TDX_NON_RECOVERABLE_TD             0x6000000200000000ull
#define TDX_INTERRUPTED_RESUMABLE          0x8000000300000000ull
#define TDX_OPERAND_INVALID                0xC000010000000000ull
#define TDX_OPERAND_ADDR_RANGE_ERROR       0xC000010100000000ull
#define TDX_OPERAND_BUSY                   0x8000020000000000ull
#define TDX_PAGE_METADATA_INCORRECT        0xC000030000000000ull
#define TDX_TD_FATAL                       0xE000060400000000ull
#define TDX_OP_STATE_INCORRECT             0xC000060800000000ull
#define TDX_VCPU_STATE_INCORRECT           0xC000070000000000ull
#define TDX_NO_VALID_VE_INFO               0xC000070400000000ull
#define TDX_EPT_WALK_FAILED                0xC0000B0000000000ull
#define TDX_PAGE_ALREADY_ACCEPTED          0x00000B0A00000000ull
#define TDX_PAGE_SIZE_MISMATCH             0xC0000B0B00000000ull
#define TDX_METADATA_FIELD_ID_INCORRECT    0xC0000C0000000000ull
#define TDX_METADATA_FIELD_NOT_WRITABLE    0xC0000C0100000000ull
#define TDX_METADATA_FIELD_NOT_READABLE    0xC0000C0200000000ull
#define TDX_METADATA_FIELD_VALUE_NOT_VALID 0xC0000C0300000000ull
#define TDX_METADATA_LIST_OVERFLOW         0xC0000C0400000000ull
#define TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT 0x00000C0B00000000ull
#define TDX_TARGET_UUID_MISMATCH           0xC0000D0700000000ull
#define TDX_TARGET_UUID_UPDATED            0xC0000D0800000000ull
#define TDX_INVALID_CPUSVN                 0xC000100000000000ull
#define TDX_INVALID_REPORTMACSTRUCT        0xC000100100000000ull

/* Class/code part of a completion status (bits 63:32) and its detail (31:0). */
#define TDX_STATUS_CODE(status)   ((uint64_t)(status) & 0xFFFFFFFF00000000ull)
#define TDX_STATUS_DETAIL(status) ((uint32_t)((uint64_t)(status) & 0xFFFFFFFFull))
/* Status class bits. */
#define TDX_STATUS_ERROR          (1ull << 63)
#define TDX_STATUS_NON_RECOVERABLE (1ull << 62)
#define TDX_STATUS_FATAL          (1ull << 61)

/* Operand ids carried in the detail of TDX_OPERAND_INVALID and friends. */
#define TDX_OPERAND_ID_RAX   0
#define TDX_OPERAND_ID_RCX   1
#define TDX_OPERAND_ID_RDX   2
#define TDX_OPERAND_ID_RBX   3
#define TDX_OPERAND_ID_RBP   5
#define TDX_OPERAND_ID_RSI   6
#define TDX_OPERAND_ID_RDI   7
#define TDX_OPERAND_ID_R8    8
#define TDX_OPERAND_ID_R9    9
#define TDX_OPERAND_ID_R10   10
#define TDX_OPERAND_ID_R11   11
#define TDX_OPERAND_ID_R12   12
#define TDX_OPERAND_ID_R13   13
#define TDX_OPERAND_ID_R14   14
#define TDX_OPERAND_ID_R15   15
#define TDX_OPERAND_ID_RTMR  168

/* GHCI TDG.VP.VMCALL status, returned in R10. */
#define TDVMCALL_STATUS_SUCCESS             0x0000000000000000ull
#define TDVMCALL_STATUS_RETRY               0x0000000000000001ull
#define TDVMCALL_STATUS_INVALID_OPERAND     0x8000000000000000ull
#define TDVMCALL_STATUS_GPA_INUSE           0x8000000000000001ull
#define TDVMCALL_STATUS_ALIGN_ERROR         0x8000000000000002ull
#define TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED 0x8000000000000003ull

#ifdef __cplusplus
}
#endif

#endif /* TDX_STATUS_H */
