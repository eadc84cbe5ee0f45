/* SPDX-License-Identifier: MIT */
/*
 * Byte offsets of the fields of struct tdx_module_args, for the assembly
 * trampolines.  src/args_layout.c checks them against offsetof() at compile
 * time, so the two cannot drift apart.
 */
#ifndef TDX_ARGS_OFFSETS_H
#define TDX_ARGS_OFFSETS_H

#define TDX_ARGS_RCX  0
#define TDX_ARGS_RDX  8
#define TDX_ARGS_R8   16
#define TDX_ARGS_R9   24
#define TDX_ARGS_R10  32
#define TDX_ARGS_R11  40
#define TDX_ARGS_R12  48
#define TDX_ARGS_R13  56
#define TDX_ARGS_R14  64
#define TDX_ARGS_R15  72
#define TDX_ARGS_RBX  80
#define TDX_ARGS_RDI  88
#define TDX_ARGS_RSI  96
#define TDX_ARGS_SIZE 104

#endif
