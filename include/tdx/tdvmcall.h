/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VMCALL sub-functions (GHCI).  R10 = 0 selects a GHCI-standard
 * sub-function, numbered in R11; instruction-emulation sub-functions use the
 * VMX basic exit reason of the instruction.
 */
#ifndef TDX_TDVMCALL_H
#define TDX_TDVMCALL_H

#include <stdbool.h>
#include <stdint.h>
#include "tdcall.h"

#ifdef __cplusplus
extern "C" {
#endif

/* R10 of TDG.VP.VMCALL: 0 = GHCI standard, anything else = vendor specific. */
#define TDVMCALL_STANDARD 0

/* R11 sub-function numbers (GHCI). */
#define TDVMCALL_INSTRUCTION_CPUID        10
#define TDVMCALL_INSTRUCTION_HLT          12
#define TDVMCALL_INSTRUCTION_IO           30
#define TDVMCALL_INSTRUCTION_RDMSR        31
#define TDVMCALL_INSTRUCTION_WRMSR        32
#define TDVMCALL_VE_REQUEST_MMIO          48
#define TDVMCALL_INSTRUCTION_WBINVD       54
#define TDVMCALL_INSTRUCTION_PCONFIG      65
#define TDVMCALL_GET_TD_VM_CALL_INFO      0x10000
#define TDVMCALL_MAP_GPA                  0x10001
#define TDVMCALL_GET_QUOTE                0x10002
#define TDVMCALL_REPORT_FATAL_ERROR       0x10003
#define TDVMCALL_SETUP_EVENT_NOTIFY_INTERRUPT 0x10004
#define TDVMCALL_SERVICE                  0x10005

/* R12 of Instruction.WBINVD [GHCI; single source]: which instruction to emulate. */
#define TDVMCALL_WBINVD_WBINVD   0
#define TDVMCALL_WBINVD_WBNOINVD 1

/* R13 of #VE.RequestMMIO: direction. */
#define TDVMCALL_MMIO_READ  0
#define TDVMCALL_MMIO_WRITE 1

/* R12 of GetTdVmCallInfo: which leaf of information. */
#define TDVMCALL_INFO_LEAF_BASE     0	/* R11-R14 = 0: the base set of sub-functions */
#define TDVMCALL_INFO_LEAF_OPTIONAL 1	/* R11/R12: bitmaps of supported optional ones */
/* Leaf 1, R11 bits. */
#define TDVMCALL_INFO_R11_SETUP_EVENT_NOTIFY_INTERRUPT (1ull << 1)

/* R12 of ReportFatalError. */
#define TDVMCALL_FATAL_ERROR_GPA_VALID (1ull << 63)	/* R13 holds a shared GPA */
#define TDVMCALL_FATAL_ERROR_RESERVED  0xFFFFull	/* bits 15:0: sent as zero */
#define TDVMCALL_FATAL_ERROR_MESSAGE_SIZE 64

/* SetupEventNotifyInterrupt accepts vectors 32..255. */
#define TDVMCALL_EVENT_NOTIFY_VECTOR_MIN 32
#define TDVMCALL_EVENT_NOTIFY_VECTOR_MAX 255

/*
 * Every wrapper below returns the TDVMCALL status (R10, TDVMCALL_STATUS_* in
 * status.h) and sends zeros in every exposed register it does not use.
 * Outputs are written only when the status is TDVMCALL_STATUS_SUCCESS (and,
 * for MapGPA, the resume GPA on TDVMCALL_STATUS_RETRY).  Arguments the GHCI
 * forbids are refused without asking the VMM, with the library's own status
 * TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_R12 (tdx/error.h: never a
 * TDVMCALL status).  Values the VMM returns are untrusted: wrappers mask them to their
 * width; the caller checks the rest.
 */

/* The four CPUID output registers. */
struct tdx_cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

/*
 * GHCI Instruction.CPUID (10): R12 leaf, R13 sub-leaf -> R12..R15 =
 * EAX, EBX, ECX, EDX (each truncated to 32 bits).  Raw: forwards any leaf;
 * see tdx_cpuid() in guest.h for the hardened version.
 */
uint64_t tdvmcall_cpuid(uint32_t leaf, uint32_t subleaf, struct tdx_cpuid_regs *out);

/* GHCI Instruction.HLT (12): R12 = 1 if interrupts are blocked (RFLAGS.IF = 0). */
uint64_t tdvmcall_hlt(bool interrupts_blocked);

/* GHCI Instruction.RDMSR (31): R12 MSR index -> R11 value. */
uint64_t tdvmcall_rdmsr(uint32_t msr, uint64_t *value);

/* GHCI Instruction.WRMSR (32): R12 MSR index, R13 value. */
uint64_t tdvmcall_wrmsr(uint32_t msr, uint64_t value);

/*
 * GHCI #VE.RequestMMIO (48), read: R12 size (1, 2, 4 or 8), R13 0, R14 gpa
 * (must be a shared GPA) -> R11 data, masked to `size` bytes.  Another size:
 * refused, no call.  Raw: the GPA is not checked (tdx_mmio_read*()
 * in mmio.h refuse private ones).
 */
uint64_t tdvmcall_mmio_read(unsigned size, uint64_t gpa, uint64_t *value);

/* GHCI #VE.RequestMMIO (48), write: R13 1, R15 the low `size` bytes of value. */
uint64_t tdvmcall_mmio_write(unsigned size, uint64_t gpa, uint64_t value);

/*
 * GHCI Instruction.WBINVD (54): R12 = TDVMCALL_WBINVD_WBINVD (0) or
 * _WBNOINVD (1); anything else: refused, no call.
 */
uint64_t tdvmcall_wbinvd(unsigned type);

/*
 * GHCI Instruction.PCONFIG (65): R12 the PCONFIG leaf (EAX of the
 * instruction), R13-R15 its three operands, taken here in the instruction's
 * RBX, RCX, RDX order (see docs/abi.md) -> *result (may be NULL) = R11.
 */
uint64_t tdvmcall_pconfig(uint64_t leaf, uint64_t rbx, uint64_t rcx, uint64_t rdx,
			  uint64_t *result);

/* GetTdVmCallInfo outputs, register named. */
struct tdx_td_vmcall_info {
	uint64_t r11, r12, r13, r14;
};

/*
 * GHCI GetTdVmCallInfo (0x10000): R12 = leaf (0 or 1).  Leaf 0: R11-R14 are
 * all zero when the VMM supports the base set.  Leaf 1: R11, R12 are bitmaps
 * of supported optional sub-functions (TDVMCALL_INFO_R11_*); r13, r14 are 0.
 * Only the registers of the leaf are copied out; the others read as 0.
 * Another leaf: refused, no call.
 */
uint64_t tdvmcall_get_td_vmcall_info(uint64_t leaf, struct tdx_td_vmcall_info *info);

/*
 * GHCI MapGPA (0x10001): one raw call.  R12 start GPA (shared bit set: to
 * shared; clear: to private), R13 size (4K multiple).  On
 * TDVMCALL_STATUS_RETRY, *retry_gpa = R11, raw and unchecked: the caller
 * checks it (it carries the shared bit).  retry_gpa may be NULL.
 */
uint64_t tdvmcall_map_gpa(uint64_t gpa, uint64_t size, uint64_t *retry_gpa);

/*
 * GHCI GetQuote (0x10002): R12 shared GPA of the 4K-aligned buffer, R13 its
 * size.  Raw: success means queued; completion is in the buffer.
 */
uint64_t tdvmcall_get_quote(uint64_t buffer_gpa, uint64_t size);

/*
 * GHCI ReportFatalError (0x10003).  R12 = error_code with bits 15:0 cleared
 * and bit 63 set when shared_gpa != 0 (R13 = shared_gpa, a NUL-terminated
 * string); the message (NULL: none) travels in R14, R15, RBX, RDI, RSI, R8,
 * R9, RDX, 8 bytes each, little-endian: its bytes up to the first NUL or
 * the 64th byte, whichever comes first, zeros after (a shorter string is
 * never read past its NUL).  Returns only if the VMM resumes the TD.
 */
uint64_t tdvmcall_report_fatal_error(uint64_t error_code, uint64_t shared_gpa,
				     const char *message);

/* GHCI SetupEventNotifyInterrupt (0x10004): R12 vector, 32..255 (else refused, no call). */
uint64_t tdvmcall_setup_event_notify_interrupt(uint64_t vector);

/*
 * GHCI Service (0x10005): R12 command buffer GPA, R13 response buffer GPA
 * (both shared, 4K-aligned, each may span pages), R14 notify vector (0: the
 * VMM has the response before it returns; 32..255: it may return at once and
 * raises the vector when the response is ready), R15 timeout (0: none).
 */
uint64_t tdvmcall_service(uint64_t cmd_gpa, uint64_t resp_gpa, uint64_t notify_vector,
			  uint64_t timeout);

#ifdef __cplusplus
}
#endif

#endif /* TDX_TDVMCALL_H */
