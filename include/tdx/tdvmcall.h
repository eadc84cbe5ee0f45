/* SPDX-License-Identifier: MIT */
/*
 * TDG.VP.VMCALL sub-functions (GHCI).  R10 = 0 selects a GHCI-standard
 * sub-function, numbered in R11; instruction-emulation sub-functions use the
 * VMX basic exit reason of the instruction.
 */
#ifndef TDX_TDVMCALL_H
#define TDX_TDVMCALL_H

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

#ifdef __cplusplus
}
#endif

#endif /* TDX_TDVMCALL_H */
