/* SPDX-License-Identifier: MIT */
/*
 * Byte offsets of the fields of struct tdx_module_args (include/tdx/tdcall.h)
 * for the trampolines in tdcall.S, written once as a list: each field with
 * its offset, in the struct's order.  src/module/args_layout.c checks every
 * entry against offsetof() and the size against sizeof() at build time, so
 * the two cannot drift apart.  Used from C and from assembly.
 */
#ifndef TDX_ASM_TDCALL_ARGS_H
#define TDX_ASM_TDCALL_ARGS_H

#define TDX_ARGS_FIELDS(X) \
	X(rcx, 0) X(rdx, 8) X(r8, 16) X(r9, 24) X(r10, 32) X(r11, 40) X(r12, 48) \
	X(r13, 56) X(r14, 64) X(r15, 72) X(rbx, 80) X(rdi, 88) X(rsi, 96)
#define TDX_ARGS_SIZE 104

/*
 * The six-register forms of the library's own wrappers (src/lib/trampolines.h):
 * struct tdx__module_regs6 is the first six fields of struct
 * tdx_module_args (RCX-R11, the same offsets); struct tdx__vmcall_regs6
 * holds R10-R15.
 */
#define TDX_MODULE6_FIELDS(X) X(rcx, 0) X(rdx, 8) X(r8, 16) X(r9, 24) X(r10, 32) X(r11, 40)
#define TDX_VMCALL6_FIELDS(X) X(r10, 0) X(r11, 8) X(r12, 16) X(r13, 24) X(r14, 32) X(r15, 40)
#define TDX_REGS6_SIZE 48

#ifdef __ASSEMBLER__
/* .Ltdx_args_rcx ... .Ltdx_args_rsi: assembler-local symbols (not in the object), named after the registers. */
#define TDX_ARGS_EQU(reg, off) .equ .Ltdx_args_##reg, off;
TDX_ARGS_FIELDS(TDX_ARGS_EQU)
#define TDX_VMCALL6_EQU(reg, off) .equ .Ltdx_vmcall6_##reg, off;
TDX_VMCALL6_FIELDS(TDX_VMCALL6_EQU)
#endif

#endif /* TDX_ASM_TDCALL_ARGS_H */
