/* SPDX-License-Identifier: MIT */
/*
 * tdx_set_memory_shared/private under the memory model: MapGPA (GHCI
 * 0x10001: R10 = 0, R11 = 0x10001, R12 = GPA with the shared bit for "to
 * shared", R13 = size), RETRY with R11 checked, then accept of the whole range.
 * The model's GPAW is 48: shared bit 47 (TDX Module ABI spec, TDG.VP.INFO: GPAW).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <tdx/tdx.h>
#include "tdx_harness.h"

#define K4 0x1000ull
#define M2 0x200000ull
#define SHARED_BIT (1ull << 47)

#define VMCALL_RETRY           1ull
#define VMCALL_INVALID_OPERAND 0x8000000000000000ull
#define VMCALL_GPA_INUSE       0x8000000000000001ull
#define OPERAND_BUSY_RCX       0x8000020000000001ull

static int setup(void **state)
{
	(void)state;
	tdxh_reset();
	return 0;
}

/* The i-th MapGPA call the VMM saw. */
static const struct tdxh_record *map_gpa_call(uint64_t n)
{
	for (uint64_t i = 0; i < tdxh.state.nr_records; i++) {
		const struct tdxh_record *r = tdxh_record(i);
		if (r->leaf == 0 && r->subfn == 0x10001 && n-- == 0)
			return r;
	}
	return NULL;
}

static void shared_round_trip_accepts_whole_range(void **state)
{
	struct tdx_convert_result res;
	uint64_t gpa = 4 * M2, size = 3 * M2 + 5 * K4;
	const struct tdxh_record *r;

	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_accept_memory(gpa, gpa + size), 0);
	assert_int_equal(tdx_set_memory_shared_ex(gpa, size, &res), TDX_SUCCESS);
	assert_int_equal(tdxh_mem_count(gpa, size, TDXH_PAGE_SHARED), size / K4);
	/* The VMM converts 2M per call: RETRY, RETRY, RETRY, SUCCESS. */
	assert_int_equal(res.map_gpa_calls, 4);
	r = map_gpa_call(0);
	assert_non_null(r);
	assert_int_equal(r->vmm_saw.gpr[TDXH_R10], 0);
	assert_int_equal(r->vmm_saw.gpr[TDXH_R12], gpa | SHARED_BIT);
	assert_int_equal(r->vmm_saw.gpr[TDXH_R13], size);
	assert_int_equal(r->vmm_saw.gpr[TDXH_R14], 0);
	assert_int_equal(r->vmm_saw.gpr[TDXH_R15], 0);
	r = map_gpa_call(1);
	assert_int_equal(r->vmm_saw.gpr[TDXH_R12], (gpa + M2) | SHARED_BIT);
	assert_int_equal(r->vmm_saw.gpr[TDXH_R13], size - M2);

	tdxh.state.nr_records = tdxh.state.nr_calls = 0;
	assert_int_equal(tdx_set_memory_private_ex(gpa, size, &res), TDX_SUCCESS);
	assert_int_equal(res.map_gpa_calls, 4);
	assert_int_equal(map_gpa_call(0)->vmm_saw.gpr[TDXH_R12], gpa);
	/* Every page of the range, not only from the last RETRY's R11 on. */
	assert_int_equal(tdxh_mem_count(gpa, size, TDXH_PAGE_ACCEPTED), size / K4);
	/* Whole 2M regions kept their 2M mapping: 3 x 2M + 5 x 4K accepts. */
	assert_int_equal(res.accept.calls, 3 + 5);
	/* MapGPA converted every page first: no accept met a shared page. */
	assert_int_equal(tdxh.mem.stats.converted_back, 0);
}

/*
 * On KVM+QEMU an accept of a shared page succeeds (the VMM converts it back),
 * so after a conversion to private that failed halfway an accept of the
 * range would turn the rest private behind the VMM's answer.  libtdx
 * accepts nothing then: what MapGPA did not convert stays shared.
 */
static void failed_conversion_to_private_accepts_nothing(void **state)
{
	struct tdx_convert_result res;

	(void)state;
	tdxh_arm();
	tdxh_mem_set_state(0, 2 * M2, TDXH_PAGE_SHARED);
	/* The first call converts 2M and answers RETRY with R11 outside the range. */
	tdxh_mem_map_gpa_hostile(TDXH_MAPGPA_R11_OUTSIDE, 0);
	assert_int_equal(tdx_set_memory_private_ex(0, 2 * M2, &res), TDX_SW_VMM_BAD_ANSWER);
	assert_int_equal(res.map_gpa_calls, 1);
	assert_int_equal(res.accept.calls, 0);
	assert_int_equal(tdxh_count(6, 0), 0);
	assert_int_equal(tdxh_mem_count(M2, M2, TDXH_PAGE_SHARED), 512);
	assert_int_equal(tdxh.mem.stats.converted_back, 0);
}

static void retry_r11_without_shared_bit_is_accepted(void **state)
{
	struct tdx_convert_result res;

	(void)state;
	tdxh_arm();
	tdxh_mem_map_gpa_hostile(TDXH_MAPGPA_R11_NO_SHARED_BIT, 0);
	assert_int_equal(tdx_set_memory_shared_ex(0, 4 * M2, &res), TDX_SUCCESS);
	assert_int_equal(res.map_gpa_calls, 4);
	assert_int_equal(res.retry_gpa, 3 * M2);
	assert_int_equal(tdxh_mem_count(0, 4 * M2, TDXH_PAGE_SHARED), 4 * 512);
}

static void retry_r11_with_shared_bit_is_followed(void **state)
{
	struct tdx_convert_result res;

	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_set_memory_shared_ex(0, 2 * M2, &res), TDX_SUCCESS);
	assert_int_equal(res.retry_gpa, M2 | SHARED_BIT);
	assert_int_equal(map_gpa_call(1)->vmm_saw.gpr[TDXH_R12], M2 | SHARED_BIT);
}

/* A hostile R11 is an error after a bounded number of calls, and nothing outside is touched. */
static void hostile(enum tdxh_map_gpa_hostile mode, uint64_t want_calls, uint64_t want_gpa)
{
	struct tdx_convert_result res;

	tdxh_reset();
	tdxh_arm();
	tdxh_mem_set_state(0, 16 * M2, TDXH_PAGE_ACCEPTED);
	tdxh_mem_map_gpa_hostile(mode, 1);
	assert_int_equal(tdx_set_memory_shared_ex(2 * M2, 4 * M2, &res), TDX_SW_VMM_BAD_ANSWER);
	assert_int_equal(res.status, TDX_SW_VMM_BAD_ANSWER);
	assert_int_equal(res.vmcall_status, VMCALL_RETRY);
	assert_int_equal(res.map_gpa_calls, want_calls);
	assert_int_equal(res.gpa, want_gpa);
	assert_int_equal(tdxh_count(0, 0x10001), want_calls);
	assert_int_equal(res.accept.calls, 0);
	/* Outside the range nothing changed. */
	assert_int_equal(tdxh_mem_count(0, 2 * M2, TDXH_PAGE_ACCEPTED), 1024);
	assert_int_equal(tdxh_mem_count(6 * M2, 10 * M2, TDXH_PAGE_ACCEPTED), 10 * 512);
}

static void hostile_r11_modes_are_errors_not_loops(void **state)
{
	(void)state;
	/* Range [2M*2, 2M*6): one honest RETRY (R11 = 2M*3), then the bad one. */
	hostile(TDXH_MAPGPA_R11_OUTSIDE, 2, 3 * M2);
	hostile(TDXH_MAPGPA_R11_BACKWARDS, 2, 3 * M2);
	hostile(TDXH_MAPGPA_R11_UNALIGNED, 2, 3 * M2);
	hostile(TDXH_MAPGPA_R11_HIGH_BIT, 2, 3 * M2);
	/* Stuck: R11 = the address asked for; tolerated TDX_MAP_GPA_MAX_STALLS (3) times. */
	hostile(TDXH_MAPGPA_R11_STUCK, 2 + 3, 3 * M2);
}

static void retry_creeping_by_4k_is_followed_to_the_end(void **state)
{
	struct tdx_convert_result res;

	(void)state;
	tdxh_arm();
	tdxh_mem_map_gpa_chunk(K4);
	assert_int_equal(tdx_set_memory_shared_ex(0, 64 * K4, &res), TDX_SUCCESS);
	assert_int_equal(res.map_gpa_calls, 64);
	assert_int_equal(tdxh_mem_count(0, 64 * K4, TDXH_PAGE_SHARED), 64);
}

static void map_gpa_failure_keeps_layers_apart(void **state)
{
	struct tdx_convert_result res;

	(void)state;
	tdxh_arm();
	tdxh_inject(0, 0x10001, VMCALL_GPA_INUSE, 1);
	assert_int_equal(tdx_set_memory_private_ex(0, M2, &res), TDX_VMCALL_STATUS(VMCALL_GPA_INUSE));
	assert_true(tdx_status_is_vmcall(res.status));
	assert_int_equal(res.vmcall_status, VMCALL_GPA_INUSE);
	assert_int_equal(res.accept.status, 0);
	assert_int_equal(res.accept.calls, 0);	/* nothing accepted after a failed MapGPA */
	assert_int_equal(res.gpa, 0);
	assert_int_equal(tdxh_count(6, 0), 0);
}

static void accept_failure_after_conversion_keeps_layers_apart(void **state)
{
	struct tdx_convert_result res;

	(void)state;
	tdxh_arm();
	tdxh_mem_set_state(0, 2 * M2, TDXH_PAGE_SHARED);
	tdxh_inject(6, 0, OPERAND_BUSY_RCX, 1000);
	/* the accept's own completion status: neither the library's nor the VMM's */
	assert_int_equal(tdx_set_memory_private_ex(0, 2 * M2, &res), OPERAND_BUSY_RCX);
	assert_false(tdx_status_is_sw(res.status) || tdx_status_is_vmcall(res.status));
	assert_int_equal(res.vmcall_status, 0);
	assert_int_equal(res.accept.status, OPERAND_BUSY_RCX);
	assert_int_equal(res.gpa, 0);
	assert_int_equal(tdxh_mem_count(0, 2 * M2, TDXH_PAGE_PENDING), 1024);
}

/*
 * Accepting a page the TD converted to shared does not fail on KVM+QEMU:
 * the module exits to the VMM (tdx-module 1.5, tdg_mem_page_accept.c:
 * TDACCEPT_VIOLATION -> EPT violation), QEMU converts the page back to
 * private and the accept, re-executed, succeeds on a zeroed page.  Nothing
 * tells the TD: the shared memory silently became private.  So the only
 * accepts libtdx makes on its own are after a MapGPA that converted the
 * whole range (docs/memory.md); this pins what happens when a caller asks.
 */
static void accept_of_still_shared_page_makes_it_private(void **state)
{
	struct tdx_convert_result res;
	struct tdx_accept_result acc;
	struct tdxh_mem_stats st;

	(void)state;
	tdxh_arm();
	tdxh_mem_set_state(0, 2 * M2, TDXH_PAGE_SHARED);
	/* Only the first 2M goes back to private, in one MapGPA call: no page converted by the VMM. */
	tdxh_mem_map_gpa_chunk(0);
	assert_int_equal(tdx_set_memory_private_ex(0, M2, &res), TDX_SUCCESS);
	assert_int_equal(res.map_gpa_calls, 1);
	tdxh_mem_get_stats(&st);
	assert_int_equal(st.converted_back, 0);
	/* The second 2M is still shared: the 2M accept comes back SIZE_MISMATCH (the VMM
	 * mapped the page it converted at 4K), then each 4K accept converts one more. */
	assert_int_equal(tdx_accept_memory_ex(0, 2 * M2, 0, &acc), TDX_SUCCESS);
	assert_int_equal(acc.calls, 1 + 1 + 512);
	tdxh_mem_get_stats(&st);
	assert_int_equal(st.converted_back, 512);
	assert_int_equal(tdxh_mem_count(0, 2 * M2, TDXH_PAGE_ACCEPTED), 1024);
	assert_int_equal(tdxh_mem_count(0, 2 * M2, TDXH_PAGE_SHARED), 0);
}

static void bad_ranges_make_no_call(void **state)
{
	(void)state;
	tdxh_arm();
	assert_int_equal(tdx_set_memory_shared(K4 + 1, K4), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_set_memory_shared(0, K4 + 1), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_set_memory_shared(0, 0), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_set_memory_shared(SHARED_BIT, K4), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_set_memory_private(SHARED_BIT - K4, 2 * K4), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdx_set_memory_private(~0ull & ~0xFFFull, 2 * K4), TDX_SW_INVALID_ARGUMENT);
	assert_int_equal(tdxh_count(0, 0x10001), 0);
}

static void vmm_invalid_operand_is_reported(void **state)
{
	struct tdx_convert_result res;

	(void)state;
	tdxh_arm();
	/* The VMM refuses: reported with where it stopped, nothing accepted. */
	tdxh_inject(0, 0x10001, VMCALL_INVALID_OPERAND, 1);
	assert_int_equal(tdx_set_memory_shared_ex(2 * M2, 4 * M2, &res), TDX_VMCALL_STATUS(VMCALL_INVALID_OPERAND));
	assert_int_equal(res.vmcall_status, VMCALL_INVALID_OPERAND);
	assert_int_equal(res.map_gpa_calls, 1);
	assert_int_equal(res.gpa, 2 * M2);
}

static void hostile_junk_in_other_registers_changes_nothing(void **state)
{
	struct tdx_convert_result res;

	(void)state;
	tdxh_arm();
	/* The VMM writes junk into every exposed register it does not answer (R11 on SUCCESS too). */
	tdxh.state.hostile = true;
	assert_int_equal(tdx_set_memory_shared_ex(0, 3 * M2, &res), TDX_SUCCESS);
	assert_int_equal(res.map_gpa_calls, 3);
	assert_int_equal(tdx_set_memory_private_ex(0, 3 * M2, &res), TDX_SUCCESS);
	assert_int_equal(tdxh_mem_count(0, 3 * M2, TDXH_PAGE_ACCEPTED), 3 * 512);
}

static void untracked_gpas_beyond_the_space(void **state)
{
	struct tdxh_mem_stats st;

	(void)state;
	tdxh_arm();
	tdxh_mem_setup(8 * M2);
	/* Other areas convert host buffers far above the model's space: that works. */
	assert_int_equal(tdx_set_memory_shared(0x7f0000000000ull, 4 * K4), TDX_SUCCESS);
	assert_int_equal(tdx_set_memory_private(0x7f0000000000ull, 4 * K4), TDX_SUCCESS);
	tdxh_mem_get_stats(&st);
	assert_int_equal(st.untracked, 2 + 4);
	assert_int_equal(tdxh_mem_count(0, 8 * M2, TDXH_PAGE_PENDING), 8 * 512);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(shared_round_trip_accepts_whole_range, setup),
		cmocka_unit_test_setup(retry_r11_without_shared_bit_is_accepted, setup),
		cmocka_unit_test_setup(retry_r11_with_shared_bit_is_followed, setup),
		cmocka_unit_test_setup(hostile_r11_modes_are_errors_not_loops, setup),
		cmocka_unit_test_setup(retry_creeping_by_4k_is_followed_to_the_end, setup),
		cmocka_unit_test_setup(map_gpa_failure_keeps_layers_apart, setup),
		cmocka_unit_test_setup(accept_failure_after_conversion_keeps_layers_apart, setup),
		cmocka_unit_test_setup(accept_of_still_shared_page_makes_it_private, setup),
		cmocka_unit_test_setup(failed_conversion_to_private_accepts_nothing, setup),
		cmocka_unit_test_setup(bad_ranges_make_no_call, setup),
		cmocka_unit_test_setup(vmm_invalid_operand_is_reported, setup),
		cmocka_unit_test_setup(hostile_junk_in_other_registers_changes_nothing, setup),
		cmocka_unit_test_setup(untracked_gpas_beyond_the_space, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
