/* SPDX-License-Identifier: MIT */
/*
 * VMX basic exit reasons: the exit_reason of #VE information (TDG.VP.VEINFO.GET)
 * and the sub-function numbers of the GHCI instruction-emulation calls.
 */
#ifndef TDX_EXIT_REASON_H
#define TDX_EXIT_REASON_H

/* Intel SDM vol. 3, appendix C "VMX basic exit reasons". */
#define EXIT_REASON_CPUID          10
#define EXIT_REASON_HLT            12
#define EXIT_REASON_VMCALL         18
#define EXIT_REASON_IO_INSTRUCTION 30
#define EXIT_REASON_MSR_READ       31
#define EXIT_REASON_MSR_WRITE      32
#define EXIT_REASON_MWAIT          36
#define EXIT_REASON_MONITOR        39
#define EXIT_REASON_EPT_VIOLATION  48
#define EXIT_REASON_WBINVD         54
#define EXIT_REASON_XSETBV         55
#define EXIT_REASON_PCONFIG        65

#endif /* TDX_EXIT_REASON_H */
