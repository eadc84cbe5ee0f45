/* SPDX-License-Identifier: MIT */
/*
 * Typed wrappers for every guest-side TDCALL leaf (Intel TDX Module ABI
 * spec, "TDX guest-side interface functions"; module 1.0 leaves 1-8, 1.5
 * leaves 9-27).  Leaf numbers are in tdcall.h.
 *
 * Every wrapper returns the TDCALL completion status (RAX) unchanged: class
 * and code in bits 63:32, detail (operand id or level) in 31:0; test it with
 * the helpers in error.h, which compare bits 63:32 only.  An argument that
 * cannot be encoded is refused without a TDCALL with the library's own
 * TDX_SW_INVALID_ARGUMENT (error.h), never a module status.  Output parameters are written
 * only when the call succeeded (status TDX_SUCCESS, or for a few leaves a
 * non-error warning status, said per function); after a failure they are left
 * exactly as they were.  Registers a leaf does not use are sent as zero.
 */
#ifndef TDX_MODULE_H
#define TDX_MODULE_H

#include <stdbool.h>
#include <stdint.h>
#include "tdcall.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Page levels in bits 2:0 of the GPA operand (TDG.MEM.PAGE.ACCEPT, ATTR.WR). */
#define TDX_PAGE_LEVEL_4K 0
#define TDX_PAGE_LEVEL_2M 1
#define TDX_PAGE_LEVEL_1G 2	/* rejected (OPERAND_INVALID | RCX) by modules 1.0 and 1.5 */

/* Bytes of a page of each level (the page size: TDX_MEM_PAGE_4K). */
#define TDX_MEM_PAGE_4K 0x1000ull	/* level 0 */
#define TDX_MEM_PAGE_2M 0x200000ull	/* level 1 */

/* RAX bits 23:16: leaf version. Only TDG.VM.RD has a version 1 (module 1.5). */
#define TDX_LEAF_VERSION(v) ((uint64_t)(v) << 16)

/* ---- TDG.VP.INFO (leaf 1) ------------------------------------------------ */

/* TDG.VP.INFO outputs, decoded. */
struct tdx_td_info {
	uint32_t gpaw;		/* RCX[5:0]: GPA width, 48 or 52; shared bit = gpaw - 1 */
	uint64_t attributes;	/* RDX: TD ATTRIBUTES (td_attributes.h) */
	uint32_t num_vcpus;	/* R8[31:0] */
	uint32_t max_vcpus;	/* R8[63:32] */
	uint32_t vcpu_index;	/* R9[31:0]: this vCPU */
	bool sys_rd_available;	/* R10 bit 0: TDG.SYS.RD/RDALL usable (module 1.5) */
};

/* TDG.VP.INFO: the TD's execution environment.  *info written on success only. */
uint64_t tdg_vp_info(struct tdx_td_info *info);

/* ---- TDG.MR.RTMR.EXTEND (leaf 2) ------------------------------------------ */

/*
 * Extend RTMR[index] (0..3) with the 48-byte SHA-384 value at private GPA
 * digest_gpa (64-byte aligned).  TDX_OPERAND_BUSY means retry.
 */
uint64_t tdg_mr_rtmr_extend(uint64_t digest_gpa, uint64_t index);

/* ---- TDG.VP.VEINFO.GET (leaf 3) ------------------------------------------- */

/* TDG.VP.VEINFO.GET outputs, decoded. */
struct tdx_ve_info {
	uint32_t exit_reason;		/* RCX[31:0]: VMX exit reason (exit_reason.h) */
	uint64_t exit_qualification;	/* RDX */
	uint64_t gla;			/* R8: guest linear address */
	uint64_t gpa;			/* R9: guest physical address */
	uint32_t instruction_length;	/* R10[31:0] */
	uint32_t instruction_info;	/* R10[63:32] */
};

/*
 * TDG.VP.VEINFO.GET: the information of the pending #VE; reading it clears
 * the module's valid flag.  TDX_NO_VALID_VE_INFO when there is none.  Call
 * it first in a #VE handler, before interrupts are enabled.
 */
uint64_t tdg_vp_veinfo_get(struct tdx_ve_info *ve);

/* ---- TDG.MR.REPORT (leaf 4) ----------------------------------------------- */

#define TDX_REPORT_SIZE            1024	/* TDREPORT_STRUCT */
#define TDX_REPORT_ALIGN           1024	/* RCX: 1024-aligned */
#define TDX_REPORTDATA_SIZE        64	/* REPORTDATA */
#define TDX_REPORTDATA_ALIGN       64	/* RDX: 64-aligned */
#define TDX_REPORT_SUBTYPE_TD      0	/* R8: the only subtype */

/*
 * TDG.MR.REPORT: write a TDREPORT_STRUCT to report_gpa (1024-byte aligned)
 * binding the 64 bytes at reportdata_gpa (64-byte aligned).  Interruptible:
 * the TDCALL re-executes by itself after an interrupt.
 */
uint64_t tdg_mr_report(uint64_t report_gpa, uint64_t reportdata_gpa, uint64_t subtype);

/* ---- TDG.VP.CPUIDVE.SET (leaf 5) ------------------------------------------ */

#define TDX_CPUIDVE_SUPERVISOR (1ull << 0)	/* RCX bit 0: #VE on CPUID at CPL 0 */
#define TDX_CPUIDVE_USER       (1ull << 1)	/* RCX bit 1: #VE on CPUID at CPL > 0 */

/* TDG.VP.CPUIDVE.SET: choose which CPUIDs raise #VE (TDX_CPUIDVE_* in flags). */
uint64_t tdg_vp_cpuidve_set(uint64_t flags);

/* ---- TDG.MEM.PAGE.ACCEPT (leaf 6) ----------------------------------------- */

/*
 * TDG.MEM.PAGE.ACCEPT: accept the private page at gpa (aligned to its level),
 * RCX = gpa | level.  TDX_PAGE_ALREADY_ACCEPTED is a warning (detail = level
 * found); TDX_PAGE_SIZE_MISMATCH means "mapped smaller: accept 4K pages";
 * TDX_OPERAND_BUSY means retry.  A 2M accept is interruptible.  A level
 * above 7 does not fit in bits 2:0: TDX_SW_INVALID_ARGUMENT | RCX
 * (tdx/error.h), no TDCALL.
 */
uint64_t tdg_mem_page_accept(uint64_t gpa, unsigned level);

/* ---- metadata: TDG.VM.RD/WR (7/8), TDG.VP.RD/WR (9/10), TDG.SYS.RD/RDALL (11/12) */

/* TDG.VM.RD (version 0): RDX field id, RCX = 0 (the TD itself) -> R8 value. */
uint64_t tdg_vm_rd(uint64_t field_id, uint64_t *value);

/*
 * TDG.VM.RD version 1 (module 1.5): as tdg_vm_rd, and *next_field_id = RDX,
 * the next field id for enumeration (TDX_MD_FIELD_ID_NA after the last;
 * next_field_id may be NULL).  With field_id = TDX_MD_FIELD_ID_NA it returns
 * TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT and only *next_field_id = the first
 * field id; *value is left alone.
 */
uint64_t tdg_vm_rd_v1(uint64_t field_id, uint64_t *value, uint64_t *next_field_id);

/*
 * TDG.VM.WR: write the bits of `value` selected by `mask` into field_id.
 * *old_value (may be NULL) receives R8, the previous value, on success.
 */
uint64_t tdg_vm_wr(uint64_t field_id, uint64_t value, uint64_t mask, uint64_t *old_value);

/* TDG.VP.RD: read a field of this vCPU's TDVPS: RDX field id -> R8 value. */
uint64_t tdg_vp_rd(uint64_t field_id, uint64_t *value);

/* TDG.VP.WR: masked write of a TDVPS field; *old_value (may be NULL) = R8. */
uint64_t tdg_vp_wr(uint64_t field_id, uint64_t value, uint64_t mask, uint64_t *old_value);

/*
 * TDG.SYS.RD: read a global TDX module field: RDX field id -> R8 value,
 * RDX next field id (*next_field_id, may be NULL).  field_id =
 * TDX_MD_FIELD_ID_NA: TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT with only
 * *next_field_id = the first field id, as for tdg_vm_rd_v1().
 */
uint64_t tdg_sys_rd(uint64_t field_id, uint64_t *value, uint64_t *next_field_id);

/*
 * TDG.SYS.RDALL: dump global fields starting at first_field_id
 * (TDX_MD_FIELD_ID_NA: from the first) into the 4K-aligned private list
 * buffer at list_gpa, in the list layout of <tdx/metadata.h>
 * (TDX_MD_LIST_*).  *next_field_id (may be NULL) = R8, where to continue:
 * TDX_MD_FIELD_ID_NA with TDX_SUCCESS when all is listed; the next field
 * with TDX_METADATA_LIST_OVERFLOW, when the page filled up first (the list
 * written is valid: call again from there).
 */
uint64_t tdg_sys_rdall(uint64_t list_gpa, uint64_t first_field_id, uint64_t *next_field_id);

/* ---- TDG.SERVTD.RD/WR (18/20) --------------------------------------------- */

/* A target TD's UUID: R10, R11, R12, R13 (in that order). */
struct tdx_uuid {
	uint64_t r10, r11, r12, r13;
};

/*
 * TDG.SERVTD.RD: read field_id of the TD bound through binding_handle (RCX)
 * whose UUID is *target_uuid (R10-R13).  On success *value = R8.
 * TDX_TARGET_UUID_UPDATED: the binding predates the target TD's import (it
 * migrated); *target_uuid now holds its current UUID (R10-R13 as the module
 * returned them) and nothing was read: call again with it.
 * TDX_TARGET_UUID_MISMATCH: not the bound TD's UUID.  On any status but
 * TDX_TARGET_UUID_UPDATED, *target_uuid is left as it was.
 */
uint64_t tdg_servtd_rd(uint64_t binding_handle, uint64_t field_id,
		       struct tdx_uuid *target_uuid, uint64_t *value);

/*
 * TDG.SERVTD.WR: masked write (R8 value, R9 mask); on success *old_value
 * (may be NULL) = R8.  *target_uuid as for tdg_servtd_rd.
 */
uint64_t tdg_servtd_wr(uint64_t binding_handle, uint64_t field_id,
		       struct tdx_uuid *target_uuid, uint64_t value, uint64_t mask,
		       uint64_t *old_value);

/* ---- TDG.MR.VERIFYREPORT (leaf 22) ---------------------------------------- */

#define TDX_REPORTMACSTRUCT_SIZE  256	/* REPORTMACSTRUCT, at offset 0 of TDREPORT_STRUCT */
#define TDX_REPORTMACSTRUCT_ALIGN 256	/* RCX: 256-aligned */

/*
 * TDG.MR.VERIFYREPORT: check the MAC of the REPORTMACSTRUCT at
 * reportmacstruct_gpa.  TDX_INVALID_REPORTMACSTRUCT / TDX_INVALID_CPUSVN.
 */
uint64_t tdg_mr_verifyreport(uint64_t reportmacstruct_gpa);

/* ---- TDG.MEM.PAGE.ATTR.RD/WR (23/24) -------------------------------------- */

/* GPA attributes as TDG.MEM.PAGE.ATTR.RD/WR return them. */
struct tdx_page_attr {
	uint64_t gpa_mapping;	/* RCX: GPA bits and the mapping level in bits 2:0 */
	uint64_t attributes;	/* RDX: 16 bits of attributes per VM (L1, L2 #1..#3) */
};

/* TDG.MEM.PAGE.ATTR.RD: RCX gpa -> *attr. */
uint64_t tdg_mem_page_attr_rd(uint64_t gpa, struct tdx_page_attr *attr);

/*
 * TDG.MEM.PAGE.ATTR.WR: RCX = gpa | level, RDX attributes, R8 attribute mask;
 * *attr (may be NULL) = the resulting RCX, RDX.  A level above 7:
 * TDX_SW_INVALID_ARGUMENT | RCX without a TDCALL.
 */
uint64_t tdg_mem_page_attr_wr(uint64_t gpa, unsigned level, uint64_t attributes,
			      uint64_t mask, struct tdx_page_attr *attr);

/* ---- TD partitioning: TDG.VP.ENTER, TDG.VP.INVEPT, TDG.VP.INVGLA (25/26/27) */

/*
 * TDG.VP.ENTER: enter an L2 VM (RCX flags, RDX GPA of the L2 state buffer).
 * It comes back on an L2 exit, with the exit described in a status whose
 * class is not an error and in most output registers (see the spec's
 * TDG.VP.ENTER output table).  *l2_exit receives all 13 output registers unless
 * the status has the error bit (63) set.
 */
uint64_t tdg_vp_enter(uint64_t flags, uint64_t l2_state_gpa, struct tdx_module_args *l2_exit);

/* TDG.VP.INVEPT: invalidate cached translations of the L2 VMs in vm_mask (RCX). */
uint64_t tdg_vp_invept(uint64_t vm_mask);

/*
 * TDG.VP.INVGLA: invalidate L2 linear translations.  RCX flags (list mode,
 * VM index), RDX one GLA or the GLA list info.  Interruptible.
 */
uint64_t tdg_vp_invgla(uint64_t flags, uint64_t gla_or_list);

#ifdef __cplusplus
}
#endif

#endif /* TDX_MODULE_H */
