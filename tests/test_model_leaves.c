/* SPDX-License-Identifier: MIT */
/*
 * The model against the TDX module source and KVM/QEMU, behaviour by
 * behaviour (docs/model.md, "Fidelity"): each test names the function it
 * follows.  The model is driven as plain code (a struct tdxm of the
 * test's own, tdxm_tdcall(), no signal), so every register it writes is
 * seen as it wrote it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <tdx/tdx.h>
#include <tdx/model.h>

#include "tdx_harness.h"

#define NA UINT64_MAX
#define FIELD_ID_INCORRECT   TDX_METADATA_FIELD_ID_INCORRECT
#define FIELD_NOT_WRITABLE   TDX_METADATA_FIELD_NOT_WRITABLE
#define VALUE_NOT_VALID      TDX_METADATA_FIELD_VALUE_NOT_VALID
#define FIRST_FIELD          TDX_METADATA_FIRST_FIELD_ID_IN_CONTEXT
#define SYS_FIELD_1          0x0800000100000001ull	/* the model's default module fields */
#define SYS_FIELD_4ELEM      0x0800000100000010ull

static struct tdxm *m;

static int setup(void **state)
{
	(void)state;
	m = tdxm_create();
	return m ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	tdxm_destroy(m);
	return 0;
}

/* A TDCALL of `leaf` with the given inputs; the registers as the model left them. */
static struct tdxh_regs leaf(uint64_t rax, const uint64_t in[TDXH_NR_GPRS])
{
	struct tdxh_regs r = { .rip = 0x1000 };

	memcpy(r.gpr, in, sizeof(r.gpr));
	r.gpr[TDXH_RAX] = rax;
	tdxm_tdcall(m, &r, 0);
	return r;
}

/* A GHCI-standard TDG.VP.VMCALL as libtdx exposes it (RCX 0xFFCC). */
static struct tdxh_regs vmcall(uint64_t subfn, uint64_t r12, uint64_t r13, struct tdxm_result *res)
{
	struct tdxh_regs r = { .rip = 0x1000 };
	struct tdxm_result ignored;

	r.gpr[TDXH_RCX] = TDX_HYPERCALL_EXPOSE_MASK;
	r.gpr[TDXH_R10] = TDVMCALL_STANDARD;
	r.gpr[TDXH_R11] = subfn;
	r.gpr[TDXH_R12] = r12;
	r.gpr[TDXH_R13] = r13;
	*(res ? res : &ignored) = tdxm_tdcall(m, &r, 0);
	return r;
}

/*
 * tdx-module 1.5, md_td_write_element / md_vp_write_element
 * (metadata_td.c, metadata_vp.c) and md_check_forbidden_bits_unchanged: the
 * field's write mask AND the caller's is the set written; empty is
 * FIELD_NOT_WRITABLE; a bit the caller's mask names but the field does not
 * allow must keep its value, else FIELD_VALUE_NOT_VALID.  R8 = 0 after a
 * failure (the default output of tdg_vm_rd_wr.c).
 */
static void vm_wr_write_mask_semantics(void **state)
{
	struct tdxh_regs r;

	(void)state;
	/* TDCS_TD_CTLS: bits 3:0 writable, value 0. */
	r = leaf(TDG_VM_WR, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RDX] = TDCS_TD_CTLS, [TDXH_R8] = 0x10, [TDXH_R9] = 0x10 });
	assert_int_equal(r.gpr[TDXH_RAX], FIELD_NOT_WRITABLE);	/* no writable bit named */
	assert_int_equal(r.gpr[TDXH_R8], 0);
	r = leaf(TDG_VM_WR, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RDX] = TDCS_TD_CTLS, [TDXH_R8] = 0x19, [TDXH_R9] = 0x19 });
	assert_int_equal(r.gpr[TDXH_RAX], VALUE_NOT_VALID);	/* would change read-only bit 4 */
	assert_int_equal(r.gpr[TDXH_R8], 0);
	r = leaf(TDG_VM_RD, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = TDCS_TD_CTLS });
	assert_int_equal(r.gpr[TDXH_R8], 0);			/* nothing written */
	/* Naming a read-only bit is fine if its value stays: the writable bits are written. */
	r = leaf(TDG_VM_WR, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RDX] = TDCS_TD_CTLS, [TDXH_R8] = 0x09, [TDXH_R9] = 0x19 });
	assert_int_equal(r.gpr[TDXH_RAX], TDX_SUCCESS);
	assert_int_equal(r.gpr[TDXH_R8], 0);			/* the old value */
	r = leaf(TDG_VM_RD, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = TDCS_TD_CTLS });
	assert_int_equal(r.gpr[TDXH_R8], 0x09);
	/* The same on a vCPU field (bits 15:0 writable). */
	r = leaf(TDG_VP_WR, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RDX] = TDXH_VP_TEST_FIELD, [TDXH_R8] = 0x10000, [TDXH_R9] = 0x10001 });
	assert_int_equal(r.gpr[TDXH_RAX], VALUE_NOT_VALID);
	r = leaf(TDG_VP_WR, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RDX] = TDXH_VP_TEST_FIELD, [TDXH_R8] = 0, [TDXH_R9] = 0x10000 });
	assert_int_equal(r.gpr[TDXH_RAX], FIELD_NOT_WRITABLE);
}

/*
 * tdx-module 1.5, tdg_vp_rd_wr.c: RCX must be 0; TDG.VP.RD answers the next
 * element id in RDX and the null id with FIRST_FIELD_ID_IN_CONTEXT;
 * before any check R8 = 0 and (RD) RDX = -1.  md_check_as_single_element_id:
 * an id with LAST_ELEMENT/LAST_FIELD or reserved bits is incorrect.
 */
static void vp_rd_wr_rcx_next_and_null_id(void **state)
{
	struct tdxh_regs r;

	(void)state;
	r = leaf(TDG_VP_RD, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = 1, [TDXH_RDX] = TDXH_VP_TEST_FIELD });
	assert_int_equal(r.gpr[TDXH_RAX], TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX);
	assert_int_equal(r.gpr[TDXH_R8], 0);
	assert_int_equal(r.gpr[TDXH_RDX], NA);
	r = leaf(TDG_VP_WR, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RCX] = 1, [TDXH_RDX] = TDXH_VP_TEST_FIELD, [TDXH_R9] = 1 });
	assert_int_equal(r.gpr[TDXH_RAX], TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX);

	r = leaf(TDG_VP_RD, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = TDXH_VP_TEST_FIELD });
	assert_int_equal(r.gpr[TDXH_RAX], TDX_SUCCESS);
	assert_int_equal(r.gpr[TDXH_R8], 0x1000);
	assert_int_equal(r.gpr[TDXH_RDX], NA);			/* the only field: no next */

	r = leaf(TDG_VP_RD, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = NA, [TDXH_R8] = 0x77 });
	assert_int_equal(r.gpr[TDXH_RAX], FIRST_FIELD);
	assert_int_equal(r.gpr[TDXH_RDX], TDXH_VP_TEST_FIELD);
	assert_int_equal(r.gpr[TDXH_R8], 0);
	r = leaf(TDG_VP_WR, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = NA, [TDXH_R9] = 1 });
	assert_int_equal(r.gpr[TDXH_RAX], FIELD_ID_INCORRECT);	/* WR knows no null id */

	r = leaf(TDG_VP_RD, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = TDXH_VP_TEST_FIELD | (1ull << 38) });
	assert_int_equal(r.gpr[TDXH_RAX], FIELD_ID_INCORRECT);	/* LAST_FIELD_IN_SEQUENCE set */
	r = leaf(TDG_VP_RD, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = TDXH_VP_TEST_FIELD | (1ull << 24) });
	assert_int_equal(r.gpr[TDXH_RAX], FIELD_ID_INCORRECT);	/* a reserved bit */
}

/*
 * tdx-module 1.5, tdg_vm_rd_wr.c and tdg_sys_rd.c: a failed read leaves
 * R8 = 0 and RDX = -1 (TDG.VM.RD version 1, TDG.SYS.RD), not junk; version
 * 0 of TDG.VM.RD does not write RDX.  SYS.RD reads a multi-element field
 * element by element, RDX the next element.
 */
static void failed_reads_leave_zero_and_minus_one(void **state)
{
	struct tdxh_regs r;

	(void)state;
	r = leaf(TDG_VM_RD | (1 << 16), (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = 0x1110000300000099ull });
	assert_int_equal(r.gpr[TDXH_RAX], FIELD_ID_INCORRECT);
	assert_int_equal(r.gpr[TDXH_R8], 0);
	assert_int_equal(r.gpr[TDXH_RDX], NA);
	r = leaf(TDG_VM_RD, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = 0x1110000300000099ull });
	assert_int_equal(r.gpr[TDXH_R8], 0);
	assert_int_equal(r.gpr[TDXH_RDX], 0x1110000300000099ull);
	r = leaf(TDG_SYS_RD, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = 0x08000001000000FFull });
	assert_int_equal(r.gpr[TDXH_RAX], FIELD_ID_INCORRECT);
	assert_int_equal(r.gpr[TDXH_R8], 0);
	assert_int_equal(r.gpr[TDXH_RDX], NA);
	r = leaf(TDG_SYS_RD, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = SYS_FIELD_4ELEM + 3 });
	assert_int_equal(r.gpr[TDXH_RAX], TDX_SUCCESS);
	assert_int_equal(r.gpr[TDXH_R8], 0x13);
	assert_int_equal(r.gpr[TDXH_RDX], NA);			/* the last element of the last field */
}

/* tdx-module 1.5, tdg_vp_veinfo_get.c: no valid VE info leaves RCX, RDX, R8-R10 = 0. */
static void veinfo_get_without_info_leaves_zeros(void **state)
{
	struct tdxh_regs r;

	(void)state;
	r = leaf(TDG_VP_VEINFO_GET, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RCX] = 1, [TDXH_RDX] = 2, [TDXH_R8] = 3, [TDXH_R9] = 4, [TDXH_R10] = 5 });
	assert_int_equal(r.gpr[TDXH_RAX], TDX_NO_VALID_VE_INFO);
	for (int g = TDXH_RCX; g <= TDXH_R10; g++)
		if (g == TDXH_RCX || g == TDXH_RDX || g >= TDXH_R8)
			assert_int_equal(r.gpr[g], 0);
}

/*
 * tdx-module 1.5, tdg_sys_rdall.c and md_dump_list (metadata_generic.c):
 * the null id starts from the first field; R8 = -1 after a failure; a
 * start inside a field is incorrect; a list that does not fit ends with
 * LIST_OVERFLOW and R8 = the first field not written; multi-element fields
 * form sequences of their own.
 */
static void sys_rdall_list_and_overflow(void **state)
{
	static _Alignas(4096) uint64_t list[512];
	uint64_t gpa = (uint64_t)(uintptr_t)list, one = 1;
	struct tdxh_regs r;

	(void)state;
	r = leaf(TDG_SYS_RDALL, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = gpa, [TDXH_R8] = NA });
	assert_int_equal(r.gpr[TDXH_RAX], TDX_SUCCESS);
	assert_int_equal(r.gpr[TDXH_R8], NA);
	assert_int_equal(TDX_MD_LIST_SEQUENCES(list[0]), 2);
	assert_int_equal(TDX_MD_LIST_SIZE(list[0]), 8 * (1 + 4 + 5));
	assert_int_equal(list[1], (SYS_FIELD_1 - 1) | (2ull << 38));	/* 3 fields, 1 element */
	assert_int_equal(list[5], SYS_FIELD_4ELEM | (3ull << 34));	/* 1 field, 4 elements */

	r = leaf(TDG_SYS_RDALL, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = gpa + 8, [TDXH_R8] = NA });
	assert_int_equal(r.gpr[TDXH_RAX], TDX_OPERAND_INVALID | TDX_OPERAND_ID_RDX);
	assert_int_equal(r.gpr[TDXH_R8], NA);
	r = leaf(TDG_SYS_RDALL, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = gpa, [TDXH_R8] = SYS_FIELD_4ELEM + 1 });
	assert_int_equal(r.gpr[TDXH_RAX], FIELD_ID_INCORRECT);
	assert_int_equal(r.gpr[TDXH_R8], NA);

	/* 510 more one-element fields, none following on from another: a sequence each. */
	for (uint64_t i = 0; i < 510; i++)
		assert_int_equal(tdxm_md_add_sys_field(m, 0x0900000300000000ull + 2 * i, 1, &one), 0);
	r = leaf(TDG_SYS_RDALL, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = gpa, [TDXH_R8] = NA });
	assert_int_equal(r.gpr[TDXH_RAX], TDX_METADATA_LIST_OVERFLOW);
	/* 8 + 72 bytes, then 16 bytes per sequence: 251 fill the page exactly. */
	assert_int_equal(TDX_MD_LIST_SEQUENCES(list[0]), 2 + 251);
	assert_int_equal(TDX_MD_LIST_SIZE(list[0]), 4096);
	assert_int_equal(r.gpr[TDXH_R8], 0x0900000300000000ull + 2 * 251);
}

/*
 * tdx-module 1.5, tdg_servtd_rd_wr.c: R10-R13 are written only with
 * TDX_TARGET_UUID_UPDATED; on success and on a mismatch they stay the UUID
 * sent.  R8 = 0 and (RD) RDX = -1 after a failure.
 */
static void servtd_uuid_only_with_target_uuid_updated(void **state)
{
	const uint64_t handle = 0x1234, field = 0x9810000300000001ull;
	struct tdxh_regs r;

	(void)state;
	m->servtd = (struct tdxh_servtd_config){
		.bound = true, .binding_handle = handle, .uuid = { 1, 2, 3, 4 },
		.preimport_uuid = { 9, 9, 9, 9 }, .field_id = field, .value = 0x55, .writable = 0xF,
	};
	r = leaf(TDG_SERVTD_RD, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = handle, [TDXH_RDX] = field,
		[TDXH_R10] = 1, [TDXH_R11] = 2, [TDXH_R12] = 3, [TDXH_R13] = 4 });
	assert_int_equal(r.gpr[TDXH_RAX], TDX_SUCCESS);
	assert_int_equal(r.gpr[TDXH_R8], 0x55);
	assert_int_equal(r.gpr[TDXH_R10], 1);
	assert_int_equal(r.gpr[TDXH_R13], 4);

	r = leaf(TDG_SERVTD_RD, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = handle, [TDXH_RDX] = field,
		[TDXH_R10] = 9, [TDXH_R11] = 9, [TDXH_R12] = 9, [TDXH_R13] = 9 });
	assert_int_equal(r.gpr[TDXH_RAX], TDX_TARGET_UUID_UPDATED);
	assert_int_equal(r.gpr[TDXH_R10], 1);
	assert_int_equal(r.gpr[TDXH_R13], 4);
	assert_int_equal(r.gpr[TDXH_R8], 0);
	assert_int_equal(r.gpr[TDXH_RDX], NA);

	r = leaf(TDG_SERVTD_WR, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = handle, [TDXH_RDX] = field,
		[TDXH_R8] = 0x11, [TDXH_R9] = 0xF, [TDXH_R10] = 7, [TDXH_R11] = 2, [TDXH_R12] = 3,
		[TDXH_R13] = 4 });
	assert_int_equal(r.gpr[TDXH_RAX], TDX_TARGET_UUID_MISMATCH);
	assert_int_equal(r.gpr[TDXH_R10], 7);			/* untouched */
	assert_int_equal(r.gpr[TDXH_R8], 0);
	assert_int_equal(r.gpr[TDXH_RDX], field);		/* WR does not write RDX */
	assert_int_equal(m->servtd.value, 0x55);
}

/*
 * tdx-module 1.5, tdg_vp_vmcall.c: RBP (bit 5) in the expose mask is
 * refused only when the TD has NO_RBP_MOD; without it the VMM sees RBP.
 */
static void vmcall_rbp_refused_only_with_no_rbp_mod(void **state)
{
	struct tdxh_regs r = { .rip = 0x1000 };

	(void)state;
	r.gpr[TDXH_RCX] = TDX_HYPERCALL_EXPOSE_MASK | (1u << TDXH_RBP);
	r.gpr[TDXH_R11] = TDVMCALL_INSTRUCTION_HLT;
	r.gpr[TDXH_RBP] = 0xB5;
	tdxm_tdcall(m, &r, 0);
	assert_int_equal(r.gpr[TDXH_RAX], TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX);
	assert_false(tdxm_last_record(m)->vmm_exit);

	m->state.no_rbp_mod = false;
	r.gpr[TDXH_RAX] = TDG_VP_VMCALL;
	r.gpr[TDXH_RCX] = TDX_HYPERCALL_EXPOSE_MASK | (1u << TDXH_RBP);
	tdxm_tdcall(m, &r, 0);
	assert_int_equal(r.gpr[TDXH_RAX], TDX_SUCCESS);
	assert_true(tdxm_last_record(m)->vmm_exit);
	assert_int_equal(tdxm_last_record(m)->vmm_saw.gpr[TDXH_RBP], 0xB5);
}

/*
 * tdx-module 1.5, tdg_mem_page_attr_rd.c: any alignment is accepted (only
 * a private GPA inside GPAW is checked); RCX = the GPA aligned to the
 * mapping's level | level, bit 62 PENDING; RCX = RDX = 0 after a failure.
 */
static void page_attr_rd_alignment_level_and_pending(void **state)
{
	struct tdxh_regs r;

	(void)state;
	r = leaf(TDG_MEM_PAGE_ATTR_RD, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = 0x345678 });
	assert_int_equal(r.gpr[TDXH_RAX], TDX_SUCCESS);
	assert_int_equal(r.gpr[TDXH_RCX], 0x200000 | 1 | (1ull << 62));	/* 2M, pending */
	tdxm_mem_map_level(m, 0x200000, 0x200000, 0);
	tdxm_mem_set_state(m, 0x345000, 0x1000, TDXH_PAGE_ACCEPTED);
	r = leaf(TDG_MEM_PAGE_ATTR_RD, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = 0x345678 });
	assert_int_equal(r.gpr[TDXH_RCX], 0x345000);			/* 4K, accepted */
	r = leaf(TDG_MEM_PAGE_ATTR_RD, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RCX] = 0x345000 | tdxm_shared_bit(m), [TDXH_RDX] = 5 });
	assert_int_equal(r.gpr[TDXH_RAX], TDX_OPERAND_INVALID | TDX_OPERAND_ID_RCX);
	assert_int_equal(r.gpr[TDXH_RCX], 0);
	assert_int_equal(r.gpr[TDXH_RDX], 0);
	/* tdg_mem_page_attr_wr.c: the same default outputs after a failure. */
	r = leaf(TDG_MEM_PAGE_ATTR_WR, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RCX] = 0x345000, [TDXH_RDX] = 1ull << 16, [TDXH_R8] = 1ull << 16 });
	assert_int_equal(r.gpr[TDXH_RAX], TDX_OPERAND_INVALID | TDX_OPERAND_ID_RDX);	/* no L2 VM */
	assert_int_equal(r.gpr[TDXH_RCX], 0);
	assert_int_equal(r.gpr[TDXH_RDX], 0);
}

/*
 * Linux arch/x86/kvm/vmx/tdx.c, tdx_map_gpa: the range is checked before
 * the alignment, and an error answers R11 = the GPA.
 */
static void map_gpa_range_before_alignment(void **state)
{
	uint64_t beyond = 1ull << 48;
	struct tdxh_regs r;

	(void)state;
	r = vmcall(TDVMCALL_MAP_GPA, beyond | 0x800, 0x1000, NULL);	/* misaligned and beyond GPAW */
	assert_int_equal(r.gpr[TDXH_R10], TDVMCALL_STATUS_INVALID_OPERAND);
	assert_int_equal(r.gpr[TDXH_R11], beyond | 0x800);
	r = vmcall(TDVMCALL_MAP_GPA, tdxm_shared_bit(m) - 0x1000, 0x2000, NULL);	/* crosses the shared bit */
	assert_int_equal(r.gpr[TDXH_R10], TDVMCALL_STATUS_INVALID_OPERAND);
	r = vmcall(TDVMCALL_MAP_GPA, 0x800, 0x1000, NULL);
	assert_int_equal(r.gpr[TDXH_R10], TDVMCALL_STATUS_ALIGN_ERROR);
	assert_int_equal(r.gpr[TDXH_R11], 0x800);
}

/*
 * Linux tdx_get_quote (KVM: the GPA must be shared), then QEMU
 * tdx_handle_get_quote (size 0, then alignment, then the header, then the
 * number of requests in flight - RETRY beyond its limit).
 */
static void get_quote_checks_in_kvm_qemu_order(void **state)
{
	static _Alignas(4096) uint8_t buf[4096];
	uint64_t sbit = tdxm_shared_bit(m), gpa = (uint64_t)(uintptr_t)buf;
	const uint64_t version = 1;
	struct tdxh_regs r;

	(void)state;
	tdxm_mem_set_state(m, gpa, sizeof(buf), TDXH_PAGE_SHARED);	/* if the model tracks it */
	r = vmcall(TDVMCALL_GET_QUOTE, gpa | 0x10, 0x1000, NULL);	/* private and misaligned */
	assert_int_equal(r.gpr[TDXH_R10], TDVMCALL_STATUS_INVALID_OPERAND);
	r = vmcall(TDVMCALL_GET_QUOTE, gpa | sbit | 0x10, 0, NULL);	/* size 0 and misaligned */
	assert_int_equal(r.gpr[TDXH_R10], TDVMCALL_STATUS_INVALID_OPERAND);
	r = vmcall(TDVMCALL_GET_QUOTE, gpa | sbit | 0x10, 0x1000, NULL);
	assert_int_equal(r.gpr[TDXH_R10], TDVMCALL_STATUS_ALIGN_ERROR);
	memset(buf, 0, sizeof(buf));
	r = vmcall(TDVMCALL_GET_QUOTE, gpa | sbit, 0x1000, NULL);	/* version 0 */
	assert_int_equal(r.gpr[TDXH_R10], TDVMCALL_STATUS_INVALID_OPERAND);
	memcpy(buf, &version, sizeof(version));
	m->vmm.quote.mode = TDXH_QUOTE_NEVER;
	r = vmcall(TDVMCALL_GET_QUOTE, gpa | sbit, 0x1000, NULL);
	assert_int_equal(r.gpr[TDXH_R10], TDVMCALL_STATUS_SUCCESS);
	r = vmcall(TDVMCALL_GET_QUOTE, gpa | sbit, 0x1000, NULL);	/* one already in flight */
	assert_int_equal(r.gpr[TDXH_R10], TDVMCALL_STATUS_RETRY);
}

/*
 * Linux arch/x86/kvm/vmx/tdx.c, handle_tdvmcall: KVM implements no
 * Instruction.WBINVD, Instruction.PCONFIG or Service and answers
 * SUBFUNC_UNSUPPORTED; the support list is configurable, here and in the
 * kit (tdx_model_set_vmcall_supported).
 */
static void vmm_support_list_defaults_to_kvm(void **state)
{
	static const uint64_t off[] = {
		TDVMCALL_INSTRUCTION_WBINVD, TDVMCALL_INSTRUCTION_PCONFIG, TDVMCALL_SERVICE,
	};
	struct tdxh_regs r;

	(void)state;
	for (unsigned i = 0; i < 3; i++) {
		assert_false(tdxm_vmcall_supported(m, off[i]));
		r = vmcall(off[i], 0, 0, NULL);
		assert_int_equal(r.gpr[TDXH_R10], TDVMCALL_STATUS_SUBFUNC_UNSUPPORTED);
	}
	assert_int_equal(m->vmm.wbinvds[0], 0);
	assert_true(tdxm_vmcall_supported(m, TDVMCALL_GET_QUOTE));
	assert_true(tdxm_vmcall_supported(m, TDVMCALL_SETUP_EVENT_NOTIFY_INTERRUPT));
	assert_int_equal(tdxm_set_vmcall_supported(m, TDVMCALL_INSTRUCTION_WBINVD, true), 0);
	r = vmcall(TDVMCALL_INSTRUCTION_WBINVD, 0, 0, NULL);
	assert_int_equal(r.gpr[TDXH_R10], TDVMCALL_STATUS_SUCCESS);
	assert_int_equal(m->vmm.wbinvds[0], 1);
	assert_int_equal(tdxm_set_vmcall_supported(m, 0x12345, true), -1);	/* no model of it */

	/* The kit's knob, on the instance the trap layer drives. */
	tdx_model_reset();
	assert_false(tdx_model_vmcall_supported(TDVMCALL_SERVICE));
	assert_true(tdx_model_set_vmcall_supported(TDVMCALL_SERVICE, true));
	assert_true(tdx_model_vmcall_supported(TDVMCALL_SERVICE));
	assert_false(tdx_model_set_vmcall_supported(0x12345, true));
	tdx_model_reset();
	assert_false(tdx_model_vmcall_supported(TDVMCALL_SERVICE));
}

/*
 * QEMU target/i386/kvm/tdx.c, tdx_handle_report_fatal_error: an error code
 * with bits 15:0 set is refused and the exit handler's failure stops the
 * VM - the TD does not resume, whatever vmm.fatal.resume says.
 */
static void fatal_error_reserved_bits_stop_the_td(void **state)
{
	struct tdxm_result res;
	struct tdxh_regs r;

	(void)state;
	assert_true(m->vmm.fatal.resume);
	r = vmcall(TDVMCALL_REPORT_FATAL_ERROR, 0x1234, 0, &res);
	assert_true(res.stop);
	assert_int_equal(res.stop_code, TDXH_STOP_FATAL_ERROR);
	assert_false(m->vmm.fatal.reported);
	assert_int_equal(r.gpr[TDXH_R10], TDVMCALL_STANDARD);	/* no answer */
	r = vmcall(TDVMCALL_REPORT_FATAL_ERROR, 0x12340000, 0, &res);
	assert_false(res.stop);					/* a valid one: resume is the test's choice */
	assert_true(m->vmm.fatal.reported);
}

/*
 * tdx-module 1.5, tdg_vp_info.c and tdg_mr_report.c read the TD's
 * ATTRIBUTES from one place: TDG.VP.INFO's RDX is the TDREPORT's
 * TDINFO.ATTRIBUTES.  The default is what QEMU creates a TD with
 * (SEPT_VE_DISABLE).
 */
static void vp_info_attributes_are_the_tdreport_ones(void **state)
{
	static _Alignas(1024) uint8_t report[1024];
	static _Alignas(64) uint8_t reportdata[64];
	uint64_t attributes;
	struct tdxh_regs r;

	(void)state;
	for (int round = 0; round < 2; round++) {
		if (round)
			m->td.attributes = TDX_ATTR_DEBUG | TDX_ATTR_SEPT_VE_DISABLE;
		r = leaf(TDG_VP_INFO, (uint64_t[TDXH_NR_GPRS]){ 0 });
		assert_int_equal(r.gpr[TDXH_RDX], round ? 0x10000001 : 0x10000000);
		r = leaf(TDG_MR_REPORT, (uint64_t[TDXH_NR_GPRS]){
			[TDXH_RCX] = (uint64_t)(uintptr_t)report, [TDXH_RDX] = (uint64_t)(uintptr_t)reportdata });
		assert_int_equal(r.gpr[TDXH_RAX], TDX_SUCCESS);
		memcpy(&attributes, report + 512, sizeof(attributes));	/* TDINFO.ATTRIBUTES */
		assert_int_equal(attributes, round ? 0x10000001 : 0x10000000);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(vm_wr_write_mask_semantics, setup, teardown),
		cmocka_unit_test_setup_teardown(vp_rd_wr_rcx_next_and_null_id, setup, teardown),
		cmocka_unit_test_setup_teardown(failed_reads_leave_zero_and_minus_one, setup, teardown),
		cmocka_unit_test_setup_teardown(veinfo_get_without_info_leaves_zeros, setup, teardown),
		cmocka_unit_test_setup_teardown(sys_rdall_list_and_overflow, setup, teardown),
		cmocka_unit_test_setup_teardown(servtd_uuid_only_with_target_uuid_updated, setup, teardown),
		cmocka_unit_test_setup_teardown(vmcall_rbp_refused_only_with_no_rbp_mod, setup, teardown),
		cmocka_unit_test_setup_teardown(page_attr_rd_alignment_level_and_pending, setup, teardown),
		cmocka_unit_test_setup_teardown(map_gpa_range_before_alignment, setup, teardown),
		cmocka_unit_test_setup_teardown(get_quote_checks_in_kvm_qemu_order, setup, teardown),
		cmocka_unit_test_setup_teardown(vmm_support_list_defaults_to_kvm, setup, teardown),
		cmocka_unit_test_setup_teardown(fatal_error_reserved_bits_stop_the_td, setup, teardown),
		cmocka_unit_test_setup_teardown(vp_info_attributes_are_the_tdreport_ones, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
