/* SPDX-License-Identifier: MIT */
/*
 * tdx_accept_memory under the model's memory model (model/memory/, model/module/mem_page_accept.c).
 * Encodings typed from the TDX Module ABI spec's TDG.MEM.PAGE.ACCEPT table: leaf 6,
 * RCX = GPA | level, level 0 = 4K, 1 = 2M, 2 = 1G; statuses from its completion
 * status codes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <tdx/tdx.h>
#include <tdx/module.h>
#include "tdx_harness.h"

#define K4 0x1000ull
#define M2 0x200000ull
#define G1 0x40000000ull

#define OPERAND_INVALID_RCX 0xC000010000000001ull
#define OPERAND_BUSY_RCX    0x8000020000000001ull
#define ALREADY_ACCEPTED    0x00000B0A00000000ull

static int setup(void **state)
{
	(void)state;
	tdxh_reset();
	return 0;
}

/* Count recorded leaf-6 calls with this RCX level. */
static uint64_t accepts_at_level(unsigned level)
{
	uint64_t n = 0;

	for (uint64_t i = 0; i < tdxh.state.nr_records; i++) {
		const struct tdxh_record *r = tdxh_record(i);
		if (r->leaf == 6 && (r->in.gpr[TDXH_RCX] & 7) == level)
			n++;
	}
	return n;
}

static void aligned_2m_range_is_one_call_per_2m(void **state)
{
	struct tdx_accept_result res;

	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_accept_memory_ex(8 * M2, 12 * M2, 0, &res), 0);
	assert_int_equal(res.status, 0);
	assert_int_equal(res.gpa, 12 * M2);
	assert_int_equal(res.calls, 4);
	assert_int_equal(tdxh_count(6, 0), 4);
	assert_int_equal(accepts_at_level(1), 4);
	/* Exactly RCX = GPA | 1, in order. */
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(tdxh_record(i)->in.gpr[TDXH_RCX], (8 + i) * M2 | 1);
	assert_int_equal(tdxh_mem_count(8 * M2, 4 * M2, TDXH_PAGE_ACCEPTED), 4 * 512);
	assert_int_equal(tdxh_mem_count(7 * M2, M2, TDXH_PAGE_ACCEPTED), 0);
	assert_int_equal(tdxh_mem_count(12 * M2, M2, TDXH_PAGE_ACCEPTED), 0);
}

static void unaligned_ends_use_4k_only_there(void **state)
{
	uint64_t start = 2 * M2 - 3 * K4, end = 5 * M2 + 5 * K4;

	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_accept_memory(start, end), 0);
	/* 3 pages before 2M*2, three 2M pages, 5 pages after. */
	assert_int_equal(accepts_at_level(0), 8);
	assert_int_equal(accepts_at_level(1), 3);
	assert_int_equal(tdxh_count(6, 0), 11);
	assert_int_equal(tdxh_mem_count(0, 8 * M2, TDXH_PAGE_ACCEPTED), (end - start) / K4);
	assert_int_equal(tdxh_mem_state(start - K4), TDXH_PAGE_PENDING);
	assert_int_equal(tdxh_mem_state(end), TDXH_PAGE_PENDING);
}

static void small_range_inside_one_2m_page(void **state)
{
	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_accept_memory(M2 + K4, M2 + 4 * K4), 0);
	assert_int_equal(accepts_at_level(0), 3);
	assert_int_equal(accepts_at_level(1), 0);
	assert_int_equal(tdxh_mem_count(M2, M2, TDXH_PAGE_ACCEPTED), 3);
}

static void never_sends_1g(void **state)
{
	struct tdxh_mem_stats st;

	(void)state;
	tdxh_arm();
	tdxh_mem_setup(2 * G1);
	/* 1G-aligned and 1G-sized: a 1G accept would be tried by Linux's policy. */
	assert_int_equal(tdx_accept_memory(G1, 2 * G1), 0);
	tdxh_mem_get_stats(&st);
	assert_int_equal(st.accept_level[2], 0);
	assert_int_equal(st.accept_level[1], 512);
	assert_int_equal(st.accept_level[0], 0);
	assert_int_equal(st.operand_invalid, 0);
	assert_int_equal(tdxh_mem_count(G1, G1, TDXH_PAGE_ACCEPTED), G1 / K4);
}

static void model_rejects_1g_with_operand_invalid_rcx(void **state)
{
	(void)state;
	tdxh_arm();
	/* The model itself: level 2 is OPERAND_INVALID | RCX, as modules 1.0/1.5. */
	assert_int_equal(tdg_mem_page_accept(G1, 2), OPERAND_INVALID_RCX);
	assert_int_equal(tdg_mem_page_accept(M2 + K4, 1), OPERAND_INVALID_RCX);	/* misaligned 2M */
	assert_int_equal(tdg_mem_page_accept(M2 | (1ull << 47), 0), OPERAND_INVALID_RCX);	/* shared bit */
	assert_int_equal(tdxh_mem_count(0, 2 * G1, TDXH_PAGE_ACCEPTED), 0);
}

static void size_mismatch_falls_back_for_that_2m_page_only(void **state)
{
	struct tdx_accept_result res;

	(void)state;
	tdxh_arm();
	tdxh_mem_map_level(3 * M2, M2, 0);	/* one 2M region mapped with 4K pages */
	assert_int_equal(tdx_accept_memory_ex(2 * M2, 6 * M2, 0, &res), 0);
	/* 2M @2, 2M try @3 -> SIZE_MISMATCH, 512 x 4K, then 2M @4, @5 */
	assert_int_equal(accepts_at_level(1), 4);
	assert_int_equal(accepts_at_level(0), 512);
	assert_int_equal(res.calls, 516);
	assert_int_equal(tdxh_mem_count(2 * M2, 4 * M2, TDXH_PAGE_ACCEPTED), 4 * 512);
	/* After the 4K run, the next 2M page is tried at 2M again. */
	assert_int_equal(tdxh_record(515)->in.gpr[TDXH_RCX], 5 * M2 | 1);
}

static void size_mismatch_detail_is_not_compared(void **state)
{
	(void)state;
	tdxh_arm();
	/* SIZE_MISMATCH with the detail bits of any level is still SIZE_MISMATCH. */
	tdxh_inject(6, 0, 0xC0000B0B00000002ull, 1);
	tdxh_mem_map_level(0, M2, 0);
	assert_int_equal(tdx_accept_memory(0, M2), 0);
	assert_int_equal(tdxh_mem_count(0, M2, TDXH_PAGE_ACCEPTED), 512);
	assert_int_equal(accepts_at_level(0), 512);
}

static void busy_is_retried_with_detail_bits(void **state)
{
	struct tdx_accept_result res;

	(void)state;
	tdxh_arm();
	/* OPERAND_BUSY | RCX (detail 1): compared on 63:32, retried. */
	tdxh_inject(6, 0, OPERAND_BUSY_RCX, 3);
	assert_int_equal(tdx_accept_memory_ex(0, 2 * M2, 0, &res), 0);
	assert_int_equal(res.calls, 5);
	assert_int_equal(tdxh_count(6, 0), 5);
	assert_int_equal(tdxh_mem_count(0, 2 * M2, TDXH_PAGE_ACCEPTED), 1024);
}

static void busy_retries_are_bounded(void **state)
{
	struct tdx_accept_result res;

	(void)state;
	tdxh_arm();
	tdxh_inject(6, 0, OPERAND_BUSY_RCX, 1000);
	assert_int_equal(tdx_accept_memory_ex(4 * M2, 6 * M2, 0, &res), OPERAND_BUSY_RCX);
	assert_int_equal(res.status, OPERAND_BUSY_RCX);
	assert_int_equal(res.gpa, 4 * M2);
	assert_int_equal(res.level, 1);
	assert_int_equal(res.calls, TDX_BUSY_RETRIES + 1);
	assert_int_equal(tdxh_count(6, 0), TDX_BUSY_RETRIES + 1);
	assert_int_equal(tdxh_mem_count(4 * M2, 2 * M2, TDXH_PAGE_ACCEPTED), 0);
}

static void already_accepted_skipped_by_level_in_detail(void **state)
{
	struct tdx_accept_result res;

	(void)state;
	tdxh_arm();
	tdxh_mem_set_state(M2, M2, TDXH_PAGE_ACCEPTED);	/* a whole 2M leaf, accepted */
	/* Start 4K-unaligned inside it: the first 4K accept says ALREADY_ACCEPTED | 1,
	 * so the rest of that 2M page is skipped without 511 more calls. */
	assert_int_equal(tdx_accept_memory_ex(M2 + 7 * K4, 3 * M2, 0, &res), 0);
	assert_int_equal(res.calls, 2);
	assert_int_equal(res.skipped, M2 - 7 * K4);
	assert_int_equal(tdxh_record(0)->in.gpr[TDXH_RCX], (M2 + 7 * K4) | 0);
	assert_int_equal(tdxh_record(0)->out.gpr[TDXH_RAX], ALREADY_ACCEPTED | 1);
	assert_int_equal(tdxh_record(1)->in.gpr[TDXH_RCX], 2 * M2 | 1);
	assert_int_equal(tdxh_mem_count(2 * M2, M2, TDXH_PAGE_ACCEPTED), 512);
}

static void already_accepted_4k_pages_skipped_one_by_one(void **state)
{
	struct tdx_accept_result res;

	(void)state;
	tdxh_arm();
	tdxh_mem_set_state(5 * K4, 2 * K4, TDXH_PAGE_ACCEPTED);	/* splits region 0 to 4K */
	assert_int_equal(tdx_accept_memory_ex(0, M2, 0, &res), 0);
	assert_int_equal(res.skipped, 2 * K4);
	assert_int_equal(res.calls, 1 + 512);	/* SIZE_MISMATCH, then 512 x 4K */
	assert_int_equal(tdxh_mem_count(0, M2, TDXH_PAGE_ACCEPTED), 512);
}

static void already_accepted_as_error_by_policy(void **state)
{
	struct tdx_accept_result res;

	(void)state;
	tdxh_arm();
	tdxh_mem_set_state(2 * M2, M2, TDXH_PAGE_ACCEPTED);
	assert_int_equal(tdx_accept_memory_ex(M2, 4 * M2, TDX_ACCEPT_ALREADY_ACCEPTED_IS_ERROR, &res),
			 ALREADY_ACCEPTED | 1);
	assert_int_equal(res.gpa, 2 * M2);
	assert_int_equal(res.level, 1);
	assert_int_equal(res.calls, 2);
	/* Pages before the failure were accepted, after it not touched. */
	assert_int_equal(tdxh_mem_count(M2, M2, TDXH_PAGE_ACCEPTED), 512);
	assert_int_equal(tdxh_mem_count(3 * M2, M2, TDXH_PAGE_ACCEPTED), 0);
}

static void implausible_already_accepted_details_are_not_trusted(void **state)
{
	struct tdx_accept_result res;

	(void)state;
	tdxh_arm();
	/* ALREADY_ACCEPTED | 0 for a 2M accept: each 4K page is asked instead of skipping 2M. */
	tdxh_inject(6, 0, ALREADY_ACCEPTED | 0, 1);
	assert_int_equal(tdx_accept_memory_ex(0, M2, 0, &res), 0);
	assert_int_equal(res.calls, 1 + 512);
	assert_int_equal(res.skipped, 0);
	assert_int_equal(tdxh_mem_count(0, M2, TDXH_PAGE_ACCEPTED), 512);
	/* ALREADY_ACCEPTED | 7 (no such level) for a 4K accept: skip that 4K page only. */
	tdxh_inject(6, 0, ALREADY_ACCEPTED | 7, 1);
	assert_int_equal(tdx_accept_memory_ex(M2 + K4, M2 + 3 * K4, 0, &res), 0);
	assert_int_equal(res.calls, 2);
	assert_int_equal(res.skipped, K4);
	assert_int_equal(tdxh_mem_state(M2 + 2 * K4), TDXH_PAGE_ACCEPTED);
}

static void first_failing_gpa_and_status(void **state)
{
	struct tdx_accept_result res;

	(void)state;
	tdxh_arm();
	tdxh_mem_setup(4 * M2 + 3 * K4);	/* space ends inside region 4 */
	/* Region 1 mapped 4K; the host holds its page 9 locked for good. */
	tdxh_mem_map_level(M2, M2, 0);
	tdxh_mem_set_busy(M2 + 9 * K4, K4);
	assert_int_equal(tdx_accept_memory_ex(0, 3 * M2, 0, &res), OPERAND_BUSY_RCX);
	assert_int_equal(res.gpa, M2 + 9 * K4);
	assert_int_equal(res.level, 0);
	assert_int_equal(tdxh_mem_count(0, M2 + 9 * K4, TDXH_PAGE_ACCEPTED), 512 + 9);
	assert_int_equal(tdxh_mem_count(M2 + 10 * K4, 2 * M2, TDXH_PAGE_ACCEPTED), 0);
}

static void interrupted_2m_accept_is_reexecuted(void **state)
{
	struct tdx_accept_result res;
	struct tdxh_mem_stats st;

	(void)state;
	tdxh_arm();
	tdxh_mem_interrupt_2m(2);
	assert_int_equal(tdx_accept_memory_ex(0, 2 * M2, 0, &res), 0);
	tdxh_mem_get_stats(&st);
	assert_int_equal(st.interrupted, 2);
	/* The TDCALL re-executed by itself: 4 traps, but the library issued 2 calls. */
	assert_int_equal(tdxh_count(6, 0), 4);
	assert_int_equal(res.calls, 2);
	assert_int_equal(tdxh_mem_count(0, 2 * M2, TDXH_PAGE_ACCEPTED), 1024);
	/* The interrupted execution did not write RAX and did not move RIP. */
	assert_int_equal(tdxh_record(0)->out.gpr[TDXH_RAX], 6);
	assert_int_equal(tdxh_record(0)->out.rip, tdxh_record(0)->in.rip);
	assert_int_equal(tdxh_record(1)->in.rip, tdxh_record(0)->in.rip);
}

static void four_k_accept_in_pending_2m_leaf_splits_it(void **state)
{
	struct tdxh_mem_stats st;

	(void)state;
	tdxh_arm();
	assert_int_equal(tdxh_mem_mapped_level(0), 1);
	assert_int_equal(tdx_accept_memory(0, K4), 0);
	tdxh_mem_get_stats(&st);
	assert_int_equal(st.splits, 1);
	assert_int_equal(tdxh_mem_mapped_level(0), 0);
	assert_int_equal(tdxh_mem_count(0, M2, TDXH_PAGE_ACCEPTED), 1);
}

static void bad_arguments_make_no_tdcall(void **state)
{
	struct tdx_accept_result res;

	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_accept_memory_ex(K4 + 1, M2, 0, &res), TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX);
	assert_int_equal(res.gpa, K4 + 1);
	assert_int_equal(tdx_accept_memory(0, M2 + 8), TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX);
	assert_int_equal(tdx_accept_memory(2 * M2, M2), TDX_SW_INVALID_ARGUMENT | TDX_OPERAND_ID_RCX);
	assert_int_equal(tdx_accept_memory(M2, M2), 0);
	assert_int_equal(tdxh.state.nr_calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(aligned_2m_range_is_one_call_per_2m, setup),
		cmocka_unit_test_setup(unaligned_ends_use_4k_only_there, setup),
		cmocka_unit_test_setup(small_range_inside_one_2m_page, setup),
		cmocka_unit_test_setup(never_sends_1g, setup),
		cmocka_unit_test_setup(model_rejects_1g_with_operand_invalid_rcx, setup),
		cmocka_unit_test_setup(size_mismatch_falls_back_for_that_2m_page_only, setup),
		cmocka_unit_test_setup(size_mismatch_detail_is_not_compared, setup),
		cmocka_unit_test_setup(busy_is_retried_with_detail_bits, setup),
		cmocka_unit_test_setup(busy_retries_are_bounded, setup),
		cmocka_unit_test_setup(already_accepted_skipped_by_level_in_detail, setup),
		cmocka_unit_test_setup(already_accepted_4k_pages_skipped_one_by_one, setup),
		cmocka_unit_test_setup(already_accepted_as_error_by_policy, setup),
		cmocka_unit_test_setup(implausible_already_accepted_details_are_not_trusted, setup),
		cmocka_unit_test_setup(first_failing_gpa_and_status, setup),
		cmocka_unit_test_setup(interrupted_2m_accept_is_reexecuted, setup),
		cmocka_unit_test_setup(four_k_accept_in_pending_2m_leaf_splits_it, setup),
		cmocka_unit_test_setup(bad_arguments_make_no_tdcall, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
