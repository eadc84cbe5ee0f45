/* SPDX-License-Identifier: MIT */
/*
 * The TDCALL leaf wrappers (include/tdx/module.h) under the harness.
 * Expected encodings are typed from the leaf tables of the Intel TDX Module
 * ABI spec (1.0 and 1.5): leaf numbers, register layouts, status values.  For each leaf: the exact registers sent, the success path, each
 * documented error, and outputs left untouched on failure.
 */
#include <tdx/tdx.h>
#include "abi_test.h"

#include <pthread.h>

#define OPERAND_INVALID_RAX 0xC000010000000000ull
#define OPERAND_INVALID_RCX 0xC000010000000001ull
#define OPERAND_INVALID_RDX 0xC000010000000002ull
#define OPERAND_INVALID_R8  0xC000010000000008ull
#define OPERAND_BUSY_RCX    0x8000020000000001ull
#define NO_VALID_VE_INFO    0xC000070400000000ull
#define FIELD_ID_INCORRECT  0xC0000C0000000000ull
#define FIELD_NOT_WRITABLE  0xC0000C0100000000ull

/* Aligned private buffers; the harness maps GPA = VA. */
static _Alignas(4096) uint8_t page[4096];
static _Alignas(1024) uint8_t report[1024];
static _Alignas(64) uint8_t reportdata[64];

static uint64_t gpa_of(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/* ---- TDG.VP.INFO (leaf 1) ------------------------------------------------- */

static void vp_info_encoding_and_outputs(void **state)
{
	struct tdx_td_info info;

	(void)state;
	tdxh_arm();
	tdxh.td.gpaw = 52;
	tdxh.td.attributes = (1ull << 28) | 1;	/* SEPT_VE_DISABLE | DEBUG */
	tdxh.td.num_vcpus = 4;
	tdxh.td.max_vcpus = 8;
	tdxh.td.sys_rd_available = false;
	tdxh_set_vcpu(3);
	poison(info);

	assert_int_equal(tdg_vp_info(&info), 0);
	assert_tdcall(1, (uint64_t[TDXH_NR_GPRS]){ 0 });
	assert_int_equal(info.gpaw, 52);
	assert_int_equal(info.attributes, 0x10000001);
	assert_int_equal(info.num_vcpus, 4);
	assert_int_equal(info.max_vcpus, 8);
	assert_int_equal(info.vcpu_index, 3);
	assert_false(info.sys_rd_available);

	tdxh.td.sys_rd_available = true;
	assert_int_equal(tdg_vp_info(&info), 0);
	assert_true(info.sys_rd_available);
}

/* A module whose failed TDG.VP.INFO leaves junk in every output register. */
static void vp_info_fails_with_junk(struct tdxh_leaf_call *c)
{
	for (int g = TDXH_RCX; g <= TDXH_R11; g++)
		if (g != TDXH_RSP && g != TDXH_RBP)
			c->regs->gpr[g] = 0x3333333333333333ull;
	c->regs->gpr[TDXH_RAX] = OPERAND_BUSY_RCX;
}

static void vp_info_failure_leaves_info_untouched(void **state)
{
	struct tdx_td_info info;

	(void)state;
	tdxh_arm();
	tdxh_set_leaf_model(1, vp_info_fails_with_junk);
	poison(info);
	assert_int_equal(tdg_vp_info(&info), OPERAND_BUSY_RCX);
	assert_untouched(info);
}

/* Each host thread plays one vCPU: VP.INFO and VEINFO answer per vCPU. */
struct vcpu_result {
	unsigned vcpu;
	uint64_t info_status, ve_status, ve_again;
	struct tdx_td_info info;
	struct tdx_ve_info ve;
};

static void *vcpu_thread(void *arg)
{
	struct vcpu_result *r = arg;
	struct tdxh_ve_info posted = { .exit_reason = 10, .gla = 0x1000u * r->vcpu };

	tdxh_arm();
	tdxh_set_vcpu(r->vcpu);
	r->info_status = tdg_vp_info(&r->info);
	tdxh_post_ve(&posted);
	r->ve_status = tdg_vp_veinfo_get(&r->ve);
	r->ve_again = tdg_vp_veinfo_get(&r->ve);
	return NULL;
}

static void vp_info_and_veinfo_per_vcpu_threads(void **state)
{
	struct vcpu_result r[4];
	pthread_t t[4];

	(void)state;
	tdxh_arm();
	tdxh.td.num_vcpus = 4;
	for (unsigned i = 0; i < 4; i++) {
		memset(&r[i], 0, sizeof(r[i]));
		r[i].vcpu = i;
		assert_int_equal(pthread_create(&t[i], NULL, vcpu_thread, &r[i]), 0);
	}
	for (unsigned i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(r[i].info_status, 0);
		assert_int_equal(r[i].info.vcpu_index, i);
		assert_int_equal(r[i].info.num_vcpus, 4);
		assert_int_equal(r[i].ve_status, 0);
		assert_int_equal(r[i].ve.gla, 0x1000u * i);	/* its own VE info */
		assert_int_equal(r[i].ve_again, NO_VALID_VE_INFO);
	}
	assert_int_equal(tdxh.module.ve_double_faults, 0);
}

/* ---- TDG.MR.RTMR.EXTEND (leaf 2) --------------------------------------------- */

static void rtmr_extend_encoding_and_errors(void **state)
{
	(void)state;
	tdxh_arm();
	assert_int_equal(tdg_mr_rtmr_extend(gpa_of(page), 2), 0);
	assert_tdcall(2, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = gpa_of(page), [TDXH_RDX] = 2 });

	/* Not 64-byte aligned: OPERAND_INVALID | RCX. */
	assert_int_equal(tdg_mr_rtmr_extend(gpa_of(page) + 32, 2), OPERAND_INVALID_RCX);
	/* A shared GPA is not a private digest. */
	assert_int_equal(tdg_mr_rtmr_extend(gpa_of(page) | (1ull << 47), 2), OPERAND_INVALID_RCX);
	/* Index beyond RTMR3: OPERAND_INVALID | RDX. */
	assert_int_equal(tdg_mr_rtmr_extend(gpa_of(page), 4), OPERAND_INVALID_RDX);
	/* The RTMR lock contended: OPERAND_BUSY | RTMR (168), whole, for the caller to retry. */
	tdxh_inject(2, 0, 0x80000200000000A8ull, 1);
	assert_int_equal(tdg_mr_rtmr_extend(gpa_of(page), 2), 0x80000200000000A8ull);
}

/* ---- TDG.VP.VEINFO.GET (leaf 3) ----------------------------------------------- */

static void veinfo_get_returns_posted_info_once(void **state)
{
	const struct tdxh_ve_info posted = {
		.exit_reason = 48, .exit_qualification = 0x181, .gla = 0x7FFF0000,
		.gpa = 0xFEB00000 | (1ull << 47), .instruction_length = 3,
		.instruction_info = 0xABCD,
	};
	struct tdx_ve_info ve;

	(void)state;
	tdxh_arm();
	poison(ve);
	assert_int_equal(tdg_vp_veinfo_get(&ve), NO_VALID_VE_INFO);
	assert_tdcall(3, (uint64_t[TDXH_NR_GPRS]){ 0 });
	assert_untouched(ve);	/* the model wrote junk outputs with the failure */

	tdxh_post_ve(&posted);
	assert_true(tdxh_ve_pending(0));
	assert_int_equal(tdg_vp_veinfo_get(&ve), 0);
	assert_int_equal(ve.exit_reason, 48);
	assert_int_equal(ve.exit_qualification, 0x181);
	assert_int_equal(ve.gla, 0x7FFF0000);
	assert_int_equal(ve.gpa, 0xFEB00000 | (1ull << 47));
	assert_int_equal(ve.instruction_length, 3);
	assert_int_equal(ve.instruction_info, 0xABCD);

	/* Reading cleared the valid flag. */
	assert_false(tdxh_ve_pending(0));
	poison(ve);
	assert_int_equal(tdg_vp_veinfo_get(&ve), NO_VALID_VE_INFO);
	assert_untouched(ve);
}

static void veinfo_is_per_vcpu_and_a_second_ve_is_a_double_fault(void **state)
{
	const struct tdxh_ve_info first = { .exit_reason = 10, .instruction_length = 2 };
	const struct tdxh_ve_info second = { .exit_reason = 12, .instruction_length = 1 };
	struct tdx_ve_info ve;

	(void)state;
	tdxh_arm();
	tdxh_set_vcpu(1);
	tdxh_post_ve(&first);
	tdxh_post_ve(&second);	/* before VEINFO.GET: #DF on real hardware */
	assert_int_equal(tdxh.module.ve_double_faults, 1);
	tdxh_set_vcpu(0);
	assert_int_equal(tdg_vp_veinfo_get(&ve), NO_VALID_VE_INFO);
	tdxh_set_vcpu(1);
	assert_int_equal(tdg_vp_veinfo_get(&ve), 0);
	assert_int_equal(ve.exit_reason, 10);
}

/* ---- TDG.MR.REPORT (leaf 4) ----------------------------------------------------- */

static void mr_report_encoding_alignment_and_subtype(void **state)
{
	(void)state;
	tdxh_arm();
	for (int i = 0; i < 64; i++)
		reportdata[i] = (uint8_t)i;
	assert_int_equal(tdg_mr_report(gpa_of(report), gpa_of(reportdata), 0), 0);
	assert_tdcall(4, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RCX] = gpa_of(report), [TDXH_RDX] = gpa_of(reportdata), [TDXH_R8] = 0 });
	assert_int_equal(report[0], 0x81);
	assert_memory_equal(report + 128, reportdata, 64);

	/* Misaligned TDREPORT: RCX; misaligned REPORTDATA: RDX; subtype != 0: R8. */
	assert_int_equal(tdg_mr_report(gpa_of(report) + 512, gpa_of(reportdata), 0),
			 OPERAND_INVALID_RCX);
	assert_int_equal(tdg_mr_report(gpa_of(report), gpa_of(reportdata) + 8, 0),
			 OPERAND_INVALID_RDX);
	assert_int_equal(tdg_mr_report(gpa_of(report), gpa_of(reportdata), 1), OPERAND_INVALID_R8);
}

/* ---- TDG.VP.CPUIDVE.SET (leaf 5) ------------------------------------------------- */

static void cpuidve_set_encoding_and_reserved_bits(void **state)
{
	(void)state;
	tdxh_arm();
	assert_int_equal(tdg_vp_cpuidve_set(3), 0);
	assert_tdcall(5, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = 3 });
	assert_int_equal(tdxh.module.cpuidve[0], 3);
	assert_int_equal(tdg_vp_cpuidve_set(1), 0);
	assert_int_equal(tdxh.module.cpuidve[0], 1);
	assert_int_equal(tdg_vp_cpuidve_set(4), OPERAND_INVALID_RCX);
	assert_int_equal(tdxh.module.cpuidve[0], 1);
}

/* ---- TDG.MEM.PAGE.ACCEPT (leaf 6) ------------------------------------------------- */

static void page_accept_encodes_gpa_or_level(void **state)
{
	uint64_t before;

	(void)state;
	tdxh_arm();
	assert_int_equal(tdg_mem_page_accept(0x1000, 0), 0);
	assert_tdcall(6, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = 0x1000 });
	assert_int_equal(tdg_mem_page_accept(0x40200000, 1), 0);
	assert_tdcall(6, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = 0x40200001 });
	assert_int_equal(tdxh.mem.stats.accept_ok, 2);

	/* 1G is rejected by modules 1.0 and 1.5: OPERAND_INVALID | RCX. */
	assert_int_equal(tdg_mem_page_accept(0x40000000, 2), OPERAND_INVALID_RCX);
	assert_tdcall(6, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = 0x40000002 });
	/* Misaligned for its level, or shared. */
	assert_int_equal(tdg_mem_page_accept(0x40201000, 1), OPERAND_INVALID_RCX);
	assert_int_equal(tdg_mem_page_accept(0x1000 | (1ull << 47), 0), OPERAND_INVALID_RCX);
	/* Warnings and SIZE_MISMATCH come back whole, detail included. */
	tdxh_inject(6, 0, 0x00000B0A00000001ull, 1);
	assert_int_equal(tdg_mem_page_accept(0x200000, 1), 0x00000B0A00000001ull);
	tdxh_inject(6, 0, 0xC0000B0B00000001ull, 1);
	assert_int_equal(tdg_mem_page_accept(0x200000, 1), 0xC0000B0B00000001ull);
	/* A level that does not fit in bits 2:0 never reaches the module. */
	before = tdxh.state.nr_calls;
	assert_int_equal(tdg_mem_page_accept(0x1000, 8), TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX);
	assert_calls_since(before, 0);
}

/* ---- TDG.VM.RD / TDG.VM.WR (leaves 7, 8) -------------------------------------------- */

static void vm_rd_reads_tdcs_fields(void **state)
{
	uint64_t value = 0, next = 0;

	(void)state;
	tdxh_arm();
	/* TDCS_CONFIG_FLAGS, FLEXIBLE_PENDING_VE set by the model. */
	assert_int_equal(tdg_vm_rd(0x1110000300000016ull, &value), 0);
	assert_tdcall(7, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = 0, [TDXH_RDX] = 0x1110000300000016ull });
	assert_int_equal(value, 2);

	/* Version 1: RAX = 1 << 16 | 7, and RDX = the next field id. */
	assert_int_equal(tdg_vm_rd_v1(0x1110000300000016ull, &value, &next), 0);
	assert_tdcall(0x10007, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = 0x1110000300000016ull });
	assert_int_equal(next, 0x1110000300000017ull);
	assert_int_equal(tdg_vm_rd_v1(0x1110000300000017ull, &value, &next), 0);
	assert_int_equal(next, UINT64_MAX);	/* the last one */

	/* Enumeration starts from the null field id: FIRST_FIELD_ID_IN_CONTEXT, next only. */
	value = 0x6666;
	assert_int_equal(tdg_vm_rd_v1(UINT64_MAX, &value, &next), 0x00000C0B00000000ull);
	assert_tdcall(0x10007, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = UINT64_MAX });
	assert_int_equal(next, 0x9100000000000010ull);	/* TDCS_NOTIFY_ENABLES, the table's first */
	assert_int_equal(value, 0x6666);
	/* Version 0 knows no null id: it is just an unknown field. */
	assert_int_equal(tdg_vm_rd(UINT64_MAX, &value), FIELD_ID_INCORRECT);

	/* Unknown field: METADATA_FIELD_ID_INCORRECT, outputs untouched. */
	value = next = 0x5555;
	assert_int_equal(tdg_vm_rd(0x1110000300000099ull, &value), FIELD_ID_INCORRECT);
	assert_int_equal(tdg_vm_rd_v1(0x1110000300000099ull, &value, &next), FIELD_ID_INCORRECT);
	assert_int_equal(value, 0x5555);
	assert_int_equal(next, 0x5555);
}

static void vm_wr_masked_write_returns_old_value(void **state)
{
	uint64_t old = 0, value = 0;

	(void)state;
	tdxh_arm();
	/* TDCS_TD_CTLS: set REDUCE_VE (bit 3) and PENDING_VE_DISABLE (bit 0). */
	assert_int_equal(tdg_vm_wr(0x1110000300000017ull, 9, 9, &old), 0);
	assert_tdcall(8, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RCX] = 0, [TDXH_RDX] = 0x1110000300000017ull, [TDXH_R8] = 9, [TDXH_R9] = 9 });
	assert_int_equal(old, 0);
	assert_int_equal(tdg_vm_wr(0x1110000300000017ull, 0, 1, &old), 0);
	assert_int_equal(old, 9);
	assert_int_equal(tdg_vm_rd(0x1110000300000017ull, &value), 0);
	assert_int_equal(value, 8);
	/* old_value may be NULL. */
	assert_int_equal(tdg_vm_wr(0x9100000000000010ull, 0, 1, NULL), 0);

	/* TDCS_CONFIG_FLAGS is read only; an unknown field is incorrect. */
	old = 0x77;
	assert_int_equal(tdg_vm_wr(0x1110000300000016ull, 0, 2, &old), FIELD_NOT_WRITABLE);
	assert_int_equal(tdg_vm_wr(0x1110000300000099ull, 0, 1, &old), FIELD_ID_INCORRECT);
	assert_int_equal(old, 0x77);
}

/* ---- TDG.VP.RD / TDG.VP.WR (leaves 9, 10) ------------------------------------------- */

#define VP_TEST_FIELD 0xA020000000000001ull	/* the harness's per-vCPU test field */

static void vp_rd_wr_per_vcpu(void **state)
{
	uint64_t value = 0, old = 0;

	(void)state;
	tdxh_arm();
	tdxh_set_vcpu(2);
	assert_int_equal(tdg_vp_rd(VP_TEST_FIELD, &value), 0);
	assert_tdcall(9, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = VP_TEST_FIELD });
	assert_int_equal(value, 0x1002);
	assert_int_equal(tdg_vp_wr(VP_TEST_FIELD, 0xBEEF, 0xFF00, &old), 0);
	assert_tdcall(10, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RDX] = VP_TEST_FIELD, [TDXH_R8] = 0xBEEF, [TDXH_R9] = 0xFF00 });
	assert_int_equal(old, 0x1002);
	assert_int_equal(tdg_vp_rd(VP_TEST_FIELD, &value), 0);
	assert_int_equal(value, 0xBE02);
	tdxh_set_vcpu(0);
	assert_int_equal(tdg_vp_rd(VP_TEST_FIELD, &value), 0);
	assert_int_equal(value, 0x1000);

	value = old = 0x99;
	assert_int_equal(tdg_vp_rd(0xA020000000000002ull, &value), FIELD_ID_INCORRECT);
	assert_int_equal(tdg_vp_wr(VP_TEST_FIELD, 0, 1ull << 20, &old), FIELD_NOT_WRITABLE);
	assert_int_equal(value, 0x99);
	assert_int_equal(old, 0x99);
}

/* ---- TDG.SYS.RD / TDG.SYS.RDALL (leaves 11, 12) -------------------------------------- */

struct md_pair {
	uint64_t id, value;
};

/*
 * Walk a TDG.SYS.RDALL list (<tdx/metadata.h>, TDX_MD_LIST_*): each
 * sequence's header, then its fields' elements; out[] gets (element id,
 * value).  Checks the sizes add up.  Returns the number of elements.
 */
static unsigned parse_list(const uint64_t *list, struct md_pair *out, unsigned max)
{
	unsigned pos = 1, n = 0;

	for (unsigned s = 0; s < TDX_MD_LIST_SEQUENCES(list[0]); s++) {
		uint64_t hdr = list[pos++];

		for (unsigned f = 0; f < TDX_MD_SEQ_FIELDS(hdr); f++) {
			for (unsigned e = 0; e < TDX_MD_SEQ_ELEMENTS(hdr); e++) {
				assert_true(n < max);
				out[n].id = TDX_MD_SEQ_FIELD_ID(hdr, f) + e;
				out[n++].value = list[pos++];
			}
		}
	}
	assert_int_equal(TDX_MD_LIST_SIZE(list[0]), 8 * pos);
	return n;
}

static void sys_rd_and_rdall(void **state)
{
	uint64_t value = 0, next = 0;
	const uint64_t *list = (const uint64_t *)page;
	struct md_pair pairs[16];

	(void)state;
	tdxh_arm();
	assert_int_equal(tdg_sys_rd(0x0800000100000001ull, &value, &next), 0);
	assert_tdcall(11, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RDX] = 0x0800000100000001ull });
	assert_int_equal(value, 5);
	assert_int_equal(next, 0x0800000100000002ull);
	assert_int_equal(tdg_sys_rd(0x0800000100000000ull, &value, NULL), 0);
	assert_int_equal(value, 1);
	/* The null field id, context code bits 54:52 aside: the first field. */
	value = 0x6666;
	assert_int_equal(tdg_sys_rd(~(7ull << 52), &value, &next), 0x00000C0B00000000ull);
	assert_int_equal(next, 0x0800000100000000ull);
	assert_int_equal(value, 0x6666);
	value = next = 7;
	assert_int_equal(tdg_sys_rd(0x08000001000000FFull, &value, &next), FIELD_ID_INCORRECT);
	assert_int_equal(value, 7);
	assert_int_equal(next, 7);

	/* RDALL from field 0x..01: a sequence of two one-element fields, then the four-element field. */
	assert_int_equal(tdg_sys_rdall(gpa_of(page), 0x0800000100000001ull, &next), 0);
	assert_tdcall(12, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RDX] = gpa_of(page), [TDXH_R8] = 0x0800000100000001ull });
	assert_int_equal(next, UINT64_MAX);
	assert_int_equal(TDX_MD_LIST_SEQUENCES(list[0]), 2);
	assert_int_equal(list[1], 0x0800000100000001ull | (1ull << 38));	/* 2 fields of 1 element */
	assert_int_equal(list[2], 5);
	assert_int_equal(list[3], 0);
	assert_int_equal(list[4], 0x0800000100000010ull | (3ull << 34));	/* 1 field of 4 elements */
	assert_int_equal(list[5], 0x10);
	assert_int_equal(list[8], 0x13);
	assert_int_equal(TDX_MD_LIST_SIZE(list[0]), 8 * 9);
	/* From the start (the null id): every element of every field, read back by SYS.RD. */
	assert_int_equal(tdg_sys_rdall(gpa_of(page), UINT64_MAX, &next), 0);
	assert_int_equal(next, UINT64_MAX);
	assert_int_equal(parse_list(list, pairs, 16), 7);
	for (unsigned i = 0; i < 7; i++) {
		uint64_t v = 0;

		assert_int_equal(tdg_sys_rd(pairs[i].id, &v, NULL), 0);
		assert_int_equal(v, pairs[i].value);
	}
	assert_int_equal(pairs[4].id, 0x0800000100000011ull);
	/* SYS.RD walks the elements of a field one by one. */
	assert_int_equal(tdg_sys_rd(0x0800000100000011ull, &value, &next), 0);
	assert_int_equal(value, 0x11);
	assert_int_equal(next, 0x0800000100000012ull);
	/* RDALL starts at a field, not inside one. */
	next = 3;
	assert_int_equal(tdg_sys_rdall(gpa_of(page), 0x0800000100000011ull, &next), FIELD_ID_INCORRECT);
	assert_int_equal(next, 3);
	assert_int_equal(tdg_sys_rdall(gpa_of(page) + 8, 0x0800000100000001ull, &next),
			 OPERAND_INVALID_RDX);
	assert_int_equal(next, 3);

	/* Module 1.0 (no SYS.RD): the leaf does not exist. */
	tdxh.td.sys_rd_available = false;
	assert_int_equal(tdg_sys_rd(0x0800000100000001ull, &value, &next), OPERAND_INVALID_RAX);
}

/*
 * More fields than a 4 KiB list holds: TDX_METADATA_LIST_OVERFLOW with the
 * field to go on from; the caller goes on until TDX_SUCCESS and has every
 * field once (tdx-module 1.5 source, md_dump_list).
 */
static void sys_rdall_overflow_continues(void **state)
{
	static struct md_pair pairs[700];
	const uint64_t *list = (const uint64_t *)page;
	uint64_t next = UINT64_MAX, status;
	unsigned total = 0, calls = 0;

	(void)state;
	tdxh_arm();
	for (uint64_t i = 0; i < 600; i++)
		assert_int_equal(tdxm_md_add_sys_field(&tdxh, 0x0900000300000000ull + i, 1, &i), 0);
	do {
		status = tdg_sys_rdall(gpa_of(page), next, &next);
		assert_true(status == TDX_SUCCESS || status == TDX_METADATA_LIST_OVERFLOW);
		total += parse_list(list, pairs + total, 700 - total);
		assert_true(++calls < 10);
	} while (status == TDX_METADATA_LIST_OVERFLOW);
	assert_int_equal(calls, 2);
	assert_int_equal(total, 7 + 600);
	for (unsigned i = 0; i < 600; i++) {
		assert_int_equal(pairs[7 + i].id, 0x0900000300000000ull + i);
		assert_int_equal(pairs[7 + i].value, i);
	}
}

/* ---- TDG.SERVTD.RD / TDG.SERVTD.WR (leaves 18, 20) ----------------------------------- */

#define SERVTD_HANDLE 0x1234ull
#define SERVTD_FIELD  0x9810000300000001ull

#define TARGET_UUID_MISMATCH 0xC0000D0700000000ull
#define TARGET_UUID_UPDATED  0xC0000D0800000000ull

/* Bind the harness's service TD: handle SERVTD_HANDLE, UUID 0x10..0x13, one field. */
static void servtd_bind(void)
{
	tdxh.servtd = (struct tdxh_servtd_config){
		.bound = true, .binding_handle = SERVTD_HANDLE,
		.uuid = { 0x10, 0x11, 0x12, 0x13 },
		.preimport_uuid = { 0xE0, 0xE1, 0xE2, 0xE3 },
		.field_id = SERVTD_FIELD, .value = 0x5E5E, .writable = 0xFF,
	};
}

static void servtd_rd_wr_encoding_and_uuid(void **state)
{
	struct tdx_uuid uuid = { 0x10, 0x11, 0x12, 0x13 };
	uint64_t value = 0;

	(void)state;
	tdxh_arm();
	/* No service TD is bound by default. */
	assert_int_equal(tdg_servtd_rd(SERVTD_HANDLE, SERVTD_FIELD, &uuid, &value),
			 OPERAND_INVALID_RCX);
	assert_tdcall(18, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RCX] = SERVTD_HANDLE, [TDXH_RDX] = SERVTD_FIELD, [TDXH_R10] = 0x10,
		[TDXH_R11] = 0x11, [TDXH_R12] = 0x12, [TDXH_R13] = 0x13 });
	assert_int_equal(value, 0);
	assert_int_equal(uuid.r10, 0x10);	/* junk outputs not copied */

	servtd_bind();
	assert_int_equal(tdg_servtd_rd(SERVTD_HANDLE, SERVTD_FIELD, &uuid, &value), 0);
	assert_int_equal(value, 0x5E5E);
	assert_int_equal(uuid.r10, 0x10);	/* success: the UUID sent, unchanged */
	assert_int_equal(uuid.r13, 0x13);

	assert_int_equal(tdg_servtd_wr(SERVTD_HANDLE, SERVTD_FIELD, &uuid, 0xAB, 0xFF, &value), 0);
	assert_tdcall(20, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RCX] = SERVTD_HANDLE, [TDXH_RDX] = SERVTD_FIELD, [TDXH_R8] = 0xAB,
		[TDXH_R9] = 0xFF, [TDXH_R10] = 0x10, [TDXH_R11] = 0x11, [TDXH_R12] = 0x12,
		[TDXH_R13] = 0x13 });
	assert_int_equal(value, 0x5E5E);	/* the old value */
	assert_int_equal(tdxh.servtd.value, 0x5EAB);

	value = 1;
	assert_int_equal(tdg_servtd_wr(0x999, SERVTD_FIELD, &uuid, 0, 0, &value), OPERAND_INVALID_RCX);
	assert_int_equal(value, 1);
	assert_int_equal(uuid.r10, 0x10);
	assert_int_equal(tdg_servtd_wr(SERVTD_HANDLE, SERVTD_FIELD, &uuid, 0, 0x100, &value),
			 FIELD_NOT_WRITABLE);
	assert_int_equal(value, 1);
	assert_int_equal(uuid.r10, 0x10);
}

/*
 * A binding made before the target TD was imported: the module answers the
 * old UUID with TDX_TARGET_UUID_UPDATED and the current one in R10-R13 - the
 * one status with which it writes them.  The wrapper hands it back so the
 * retry succeeds; it writes no value.  An unknown UUID is a mismatch.
 */
static void servtd_target_uuid_updated_is_handed_back(void **state)
{
	struct tdx_uuid uuid = { 0xE0, 0xE1, 0xE2, 0xE3 };
	uint64_t value = 1;

	(void)state;
	tdxh_arm();
	servtd_bind();
	assert_int_equal(tdg_servtd_rd(SERVTD_HANDLE, SERVTD_FIELD, &uuid, &value),
			 TARGET_UUID_UPDATED);
	assert_int_equal(uuid.r10, 0x10);
	assert_int_equal(uuid.r11, 0x11);
	assert_int_equal(uuid.r12, 0x12);
	assert_int_equal(uuid.r13, 0x13);
	assert_int_equal(value, 1);		/* R8 = 0 is no value */
	assert_int_equal(tdg_servtd_rd(SERVTD_HANDLE, SERVTD_FIELD, &uuid, &value), 0);
	assert_int_equal(value, 0x5E5E);

	uuid = (struct tdx_uuid){ 0xE0, 0xE1, 0xE2, 0xE3 };
	value = 1;
	assert_int_equal(tdg_servtd_wr(SERVTD_HANDLE, SERVTD_FIELD, &uuid, 0, 0xFF, &value),
			 TARGET_UUID_UPDATED);
	assert_int_equal(uuid.r10, 0x10);
	assert_int_equal(uuid.r13, 0x13);
	assert_int_equal(value, 1);
	assert_int_equal(tdxh.servtd.value, 0x5E5E);	/* nothing written */
	assert_int_equal(tdg_servtd_wr(SERVTD_HANDLE, SERVTD_FIELD, &uuid, 0, 0xFF, &value), 0);
	assert_int_equal(tdxh.servtd.value, 0x5E00);

	uuid = (struct tdx_uuid){ 0x77, 0x11, 0x12, 0x13 };
	assert_int_equal(tdg_servtd_rd(SERVTD_HANDLE, SERVTD_FIELD, &uuid, &value),
			 TARGET_UUID_MISMATCH);
	assert_int_equal(uuid.r10, 0x77);	/* junk outputs not copied */
	assert_int_equal(uuid.r11, 0x11);
}

/* ---- TDG.MR.VERIFYREPORT (leaf 22) ---------------------------------------------------- */

static void verifyreport_checks_alignment_and_mac(void **state)
{
	(void)state;
	tdxh_arm();
	assert_int_equal(tdg_mr_report(gpa_of(report), gpa_of(reportdata), 0), 0);
	assert_int_equal(tdg_mr_verifyreport(gpa_of(report)), 0);
	assert_tdcall(22, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = gpa_of(report) });
	report[130] ^= 1;	/* REPORTDATA changed: the MAC no longer matches */
	assert_int_equal(tdg_mr_verifyreport(gpa_of(report)), 0xC000100100000000ull);
	assert_int_equal(tdg_mr_verifyreport(gpa_of(report) + 128), OPERAND_INVALID_RCX);
}

/* ---- TDG.MEM.PAGE.ATTR.RD / WR (leaves 23, 24) ------------------------------------------ */

static void page_attr_rd_wr(void **state)
{
	struct tdx_page_attr attr;

	(void)state;
	tdxh_arm();
	tdxh.td.num_l2_vms = 1;
	assert_int_equal(tdg_mem_page_attr_wr(0x5000, 0, 0x00070000, 0x00070000, &attr), 0);
	assert_tdcall(24, (uint64_t[TDXH_NR_GPRS]){
		[TDXH_RCX] = 0x5000, [TDXH_RDX] = 0x00070000, [TDXH_R8] = 0x00070000 });
	assert_int_equal(attr.gpa_mapping, 0x5000 | (1ull << 62));	/* a pending page */
	assert_int_equal(attr.attributes, 0x00070000);
	poison(attr);
	assert_int_equal(tdg_mem_page_attr_rd(0x5000, &attr), 0);
	assert_tdcall(23, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = 0x5000 });
	assert_int_equal(attr.attributes, 0x00070000);
	/* The mapping: a pending page in a 2M-mapped region (the memory model's default). */
	assert_int_equal(attr.gpa_mapping, 0 | 1 | (1ull << 62));
	/* Any alignment is read; an accepted 4K page is not pending. */
	tdxh_mem_map_level(0x200000, 0x200000, 0);
	tdxh_mem_set_state(0x205000, 0x1000, TDXH_PAGE_ACCEPTED);
	assert_int_equal(tdg_mem_page_attr_rd(0x205008, &attr), 0);
	assert_int_equal(attr.gpa_mapping, 0x205000);

	/* L2 VM #2 does not exist: RDX; a shared GPA: RCX; outputs untouched. */
	poison(attr);
	assert_int_equal(tdg_mem_page_attr_wr(0x5000, 0, 1ull << 32, 1ull << 32, &attr),
			 OPERAND_INVALID_RDX);
	assert_int_equal(tdg_mem_page_attr_wr(0x5000, 0, 0, 1ull << 33, &attr),
			 0xC000010000000008ull);	/* mask for VM #2: R8 */
	assert_int_equal(tdg_mem_page_attr_rd(0x5000 | (1ull << 47), &attr), OPERAND_INVALID_RCX);
	assert_untouched(attr);
	assert_int_equal(tdg_mem_page_attr_wr(0x5000, 9, 0, 0, &attr), TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX);
}

/* ---- interruptible leaves and pass-through errors ------------------------------------------ */

/*
 * An interrupt pending twice: the module returns without advancing RIP and
 * without writing RAX, so the same TDCALL runs again; then it succeeds.
 */
static int pending_interrupts;
static void interrupted_twice(struct tdxh_leaf_call *c)
{
	if (pending_interrupts > 0) {
		pending_interrupts--;
		c->no_advance = true;
		return;
	}
	c->regs->gpr[TDXH_RAX] = 0;
}

/* The last n records are the same TDCALL, registers and all. */
static void assert_reexecuted(unsigned n)
{
	const struct tdxh_record *last = tdxh_last_record();

	for (unsigned i = 2; i <= n; i++) {
		const struct tdxh_record *r = tdxh_record(tdxh.state.nr_records - i);

		assert_memory_equal(r->in.gpr, last->in.gpr, sizeof(last->in.gpr));
		assert_int_equal(r->in.rip, last->in.rip);
	}
}

static void interruptible_leaves_reexecute_transparently(void **state)
{
	(void)state;
	tdxh_arm();
	tdxh_set_leaf_model(4, interrupted_twice);
	tdxh_set_leaf_model(6, interrupted_twice);
	tdxh_set_leaf_model(27, interrupted_twice);

	pending_interrupts = 2;
	assert_int_equal(tdg_mr_report(gpa_of(report), gpa_of(reportdata), 0), 0);
	assert_int_equal(tdxh_count(4, 0), 3);
	assert_reexecuted(3);

	pending_interrupts = 2;
	assert_int_equal(tdg_mem_page_accept(0x200000, 1), 0);
	assert_int_equal(tdxh_count(6, 0), 3);
	assert_reexecuted(3);

	pending_interrupts = 1;
	assert_int_equal(tdg_vp_invgla(1ull << 52, 0x7000), 0);
	assert_int_equal(tdxh_count(27, 0), 2);
	assert_reexecuted(2);
}

static void documented_errors_pass_through_whole(void **state)
{
	(void)state;
	tdxh_arm();
	/* OPERAND_BUSY (retry) for REPORT and ACCEPT, detail kept. */
	tdxh_inject(4, 0, 0x8000020000000001ull, 1);
	assert_int_equal(tdg_mr_report(gpa_of(report), gpa_of(reportdata), 0), 0x8000020000000001ull);
	tdxh_inject(6, 0, 0x8000020000000001ull, 1);
	assert_int_equal(tdg_mem_page_accept(0x1000, 0), 0x8000020000000001ull);
	/* VERIFYREPORT: INVALID_CPUSVN. */
	tdxh_inject(22, 0, 0xC000100000000000ull, 1);
	assert_int_equal(tdg_mr_verifyreport(gpa_of(report)), 0xC000100000000000ull);
	/* A fatal TD status from any leaf. */
	tdxh_inject(5, 0, 0xE000060400000000ull, 1);
	assert_int_equal(tdg_vp_cpuidve_set(0), 0xE000060400000000ull);
}

/* ---- TD partitioning: TDG.VP.ENTER / INVEPT / INVGLA (leaves 25, 26, 27) ---------------- */

static void vp_enter_invept_invgla(void **state)
{
	struct tdx_module_args exit;

	(void)state;
	tdxh_arm();
	/* No L2 VM: VM 1 in RCX bits 53:52 is invalid. */
	poison(exit);
	assert_int_equal(tdg_vp_enter(1ull << 52, gpa_of(page), &exit), OPERAND_INVALID_RCX);
	assert_tdcall(25, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = 1ull << 52, [TDXH_RDX] = gpa_of(page) });
	assert_untouched(exit);
	assert_int_equal(tdg_vp_invept(2), OPERAND_INVALID_RCX);
	assert_tdcall(26, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = 2 });
	assert_int_equal(tdg_vp_invgla(1ull << 52, 0x7000), OPERAND_INVALID_RCX);
	assert_tdcall(27, (uint64_t[TDXH_NR_GPRS]){ [TDXH_RCX] = 1ull << 52, [TDXH_RDX] = 0x7000 });

	tdxh.td.num_l2_vms = 1;
	assert_int_equal(tdg_vp_enter(1ull << 52, gpa_of(page), &exit), 12);	/* L2 exit: HLT */
	assert_int_equal(exit.rcx, 0);
	assert_int_equal(tdg_vp_enter(1ull << 52, gpa_of(page) + 64, &exit), OPERAND_INVALID_RDX);
	assert_int_equal(tdg_vp_invept(2), 0);
	assert_int_equal(tdg_vp_invgla(1ull << 52, 0x7000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(vp_info_encoding_and_outputs, abi_setup),
		cmocka_unit_test_setup(vp_info_failure_leaves_info_untouched, abi_setup),
		cmocka_unit_test_setup(vp_info_and_veinfo_per_vcpu_threads, abi_setup),
		cmocka_unit_test_setup(rtmr_extend_encoding_and_errors, abi_setup),
		cmocka_unit_test_setup(veinfo_get_returns_posted_info_once, abi_setup),
		cmocka_unit_test_setup(veinfo_is_per_vcpu_and_a_second_ve_is_a_double_fault, abi_setup),
		cmocka_unit_test_setup(mr_report_encoding_alignment_and_subtype, abi_setup),
		cmocka_unit_test_setup(cpuidve_set_encoding_and_reserved_bits, abi_setup),
		cmocka_unit_test_setup(page_accept_encodes_gpa_or_level, abi_setup),
		cmocka_unit_test_setup(vm_rd_reads_tdcs_fields, abi_setup),
		cmocka_unit_test_setup(vm_wr_masked_write_returns_old_value, abi_setup),
		cmocka_unit_test_setup(vp_rd_wr_per_vcpu, abi_setup),
		cmocka_unit_test_setup(sys_rd_and_rdall, abi_setup),
		cmocka_unit_test_setup(sys_rdall_overflow_continues, abi_setup),
		cmocka_unit_test_setup(servtd_rd_wr_encoding_and_uuid, abi_setup),
		cmocka_unit_test_setup(servtd_target_uuid_updated_is_handed_back, abi_setup),
		cmocka_unit_test_setup(verifyreport_checks_alignment_and_mac, abi_setup),
		cmocka_unit_test_setup(page_attr_rd_wr, abi_setup),
		cmocka_unit_test_setup(vp_enter_invept_invgla, abi_setup),
		cmocka_unit_test_setup(interruptible_leaves_reexecute_transparently, abi_setup),
		cmocka_unit_test_setup(documented_errors_pass_through_whole, abi_setup),
	};
	return cmocka_run_group_tests_name("abi_module", tests, NULL, NULL);
}
