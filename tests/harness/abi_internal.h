/* SPDX-License-Identifier: MIT */
/* Shared by the abi_*.c models; not for tests. */
#ifndef TDXH_ABI_INTERNAL_H
#define TDXH_ABI_INTERNAL_H

#include "tdxh_abi.h"

/* Module statuses (Intel TDX Module ABI spec, completion status codes), typed here, not taken from libtdx. */
#define M_SUCCESS                     0x0000000000000000ull
#define M_OPERAND_INVALID             0xC000010000000000ull
#define M_NO_VALID_VE_INFO            0xC000070400000000ull
#define M_PAGE_SIZE_MISMATCH          0xC0000B0B00000000ull
#define M_METADATA_FIELD_ID_INCORRECT 0xC0000C0000000000ull
#define M_METADATA_FIELD_NOT_WRITABLE 0xC0000C0100000000ull
#define M_METADATA_FIRST_FIELD_ID_IN_CONTEXT 0x00000C0B00000000ull
#define M_TARGET_UUID_MISMATCH        0xC0000D0700000000ull
#define M_TARGET_UUID_UPDATED         0xC0000D0800000000ull
#define M_INVALID_REPORTMACSTRUCT     0xC000100100000000ull
/* Operand ids. */
#define OP_RAX 0
#define OP_RCX 1
#define OP_RDX 2
#define OP_R8  8
#define OP_R9  9

/* GHCI statuses. */
#define V_SUCCESS             0x0000000000000000ull
#define V_RETRY               0x0000000000000001ull
#define V_INVALID_OPERAND     0x8000000000000000ull
#define V_ALIGN_ERROR         0x8000000000000002ull
#define V_SUBFUNC_UNSUPPORTED 0x8000000000000003ull

/* Output-register masks (bit = enum tdxh_gpr) for abi_leaf_fail. */
#define OUT(r) (1u << (r))

/*
 * Fail a leaf: RAX = status, and junk in each output register of `outputs`,
 * as a module's outputs after a failure carry nothing meaningful.
 */
void abi_leaf_fail(struct tdxh_leaf_call *c, uint64_t status, unsigned outputs);
/* Operand-invalid failure with the operand id. */
void abi_operand_invalid(struct tdxh_leaf_call *c, unsigned operand, unsigned outputs);

void abi_install_td_models(void);
void abi_install_module_models(void);
void abi_install_metadata_models(void);
void abi_install_vmm_models(void);
void abi_install_device_models(void);

#endif
